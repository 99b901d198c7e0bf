"""`make bench`: how fast the series is for its readers, each figure next to its reference.

Run `python -m bench.run --help` from the repository root. Every measurement family has its own
module (tti, lighthouse, crowd, timer, durations); `common` holds what they share and `report`
(with `report_visits`, both writing through `report_format`) writes bench/report.md and
bench/report.json. The servers, the browser and the kernel client are harness/'s, which the
browser tests drive too; bench imports lowback, harness and third-party packages, never tests
(tests/policy/test_bench_imports.py).
"""
