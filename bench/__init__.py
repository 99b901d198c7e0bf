"""`make bench`: how fast the series is for its readers, each figure next to its reference.

Run `python -m bench.run --help` from the repository root. Every measurement family has its own
module (tti, lighthouse, crowd, timer, durations); `common` holds what they share and `report`
writes bench/report.md and bench/report.json.
"""
