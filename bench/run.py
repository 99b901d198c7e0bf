"""Run the benchmark and write bench/report.md and bench/report.json.

    python -m bench.run            # the full run (about 25 minutes on 2 cores)
    python -m bench.run --quick    # one of everything, small: a check that it all works
    python -m bench.run --only tti,timer --runs 3
    python -m bench.run --report-only   # report.md again from report.json

Every count can also be set in the environment (BENCH_RUNS, BENCH_WARM_RUNS, BENCH_POOL_SIZE,
BENCH_LIGHTHOUSE_RUNS, BENCH_VISITORS, BENCH_CROWD_PAGES, BENCH_TIMER_RUNS,
BENCH_SKIP_MAKE_TEST=1); a flag given on the command line wins.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import subprocess
import time
from importlib.metadata import version
from pathlib import Path

import psutil

from bench import (
    crowd,
    crowd_protocol,
    durations,
    lighthouse,
    quiz_link,
    repeat,
    report,
    timer,
    tti,
)
from bench.common import (
    BENCH_DIR,
    KERNEL_PAGES,
    LANDING_PAGE,
    RAW_DIR,
    SERIES_PAGES,
    chromium_version,
)
from bench.common import load_average as loadavg
from lowback.paths import REPO_ROOT

FAMILIES = ("tti", "repeat", "lighthouse", "crowd", "timer", "quiz_link", "durations")
# flag: (environment variable, full run, --quick, what it counts)
COUNTS = {
    "runs": ("BENCH_RUNS", 3, 1, "cold and static visits per page"),
    "warm_runs": ("BENCH_WARM_RUNS", 3, 1, "visits per page with a warm kernel pool"),
    "pool_size": ("BENCH_POOL_SIZE", 2, 1, "preheated kernels per notebook"),
    "lighthouse_runs": ("BENCH_LIGHTHOUSE_RUNS", 3, 1, "Lighthouse runs per page and form"),
    "visitors": ("BENCH_VISITORS", 30, 5, "simultaneous visitors"),
    "timer_runs": ("BENCH_TIMER_RUNS", 1, 1, "routines timed"),
    "quiz_link_runs": ("BENCH_QUIZ_LINK_RUNS", 3, 1, "taps on the quiz link on a slow phone"),
}
# The landing page, where a class arrives, and the page that costs the server most (figures).
CROWD_PAGES = ("BENCH_CROWD_PAGES", f"{LANDING_PAGE},01_anatomy.ipynb", LANDING_PAGE)


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts, short timer dosage")
    for name, (variable, full, quick, what) in COUNTS.items():
        parser.add_argument(
            "--" + name.replace("_", "-"),
            type=int,
            help=f"{what}: default {full} ({quick} with --quick); env {variable}",
        )
    parser.add_argument(
        "--crowd-pages",
        help=f"comma-separated notebooks; default {CROWD_PAGES[1]}; env {CROWD_PAGES[0]}",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 1)),
        help="Voila processes behind nginx (make serve-scaled) for the crowd's second wave: "
        "default one per core; env BENCH_WORKERS",
    )
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test`")
    parser.add_argument("--only", help="comma-separated subset of " + ",".join(FAMILIES))
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite report.md from report.json"
    )
    args = parser.parse_args(argv)
    for name, (variable, full, quick, _) in COUNTS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else int(os.environ.get(variable, full)))
    variable, full, quick = CROWD_PAGES
    pages = args.crowd_pages or (quick if args.quick else os.environ.get(variable, full))
    args.crowd_pages = [page for page in pages.split(",") if page]
    args.skip_make_test = (
        args.skip_make_test or args.quick or os.environ.get("BENCH_SKIP_MAKE_TEST") == "1"
    )
    args.only = args.only.split(",") if args.only else list(FAMILIES)
    unknown = set(args.only) - set(FAMILIES)
    if unknown:
        parser.error(f"unknown families: {', '.join(sorted(unknown))}")
    return args


def crowd_by_workers(pages: list[str], visitors: int, workers: int) -> dict:
    """The crowd on `make serve` (Voila alone), and on the widget pages among `pages` again with
    `workers` Voila processes behind nginx (`make serve-scaled`, issues 16 and 25). Then the
    same widget-page waves made by Python clients instead of browsers (bench.crowd_protocol):
    what the server alone can do, without the browsers' CPU on the same cores."""
    result = crowd.run(pages, visitors)
    widget_pages = [page for page in pages if page in KERNEL_PAGES]
    result["by_workers"] = {"1": {p: result["pages"][p] for p in widget_pages}}
    if workers > 1 and widget_pages:
        result["by_workers"][str(workers)] = crowd.run(widget_pages, visitors, workers)["pages"]
    if widget_pages:
        protocol = {"1": crowd_protocol.run(widget_pages, visitors)["pages"]}
        if workers > 1:
            protocol[str(workers)] = crowd_protocol.run(widget_pages, visitors, workers)["pages"]
        result["protocol_by_workers"] = protocol
    return result


def busy_processes(sample_s: float = 2.0) -> list[str]:
    """Processes using more than a fifth of a core, other than this one: other work."""
    procs = list(psutil.process_iter(["pid", "cmdline"]))
    for process in procs:
        with contextlib.suppress(psutil.Error):
            process.cpu_percent(None)
    time.sleep(sample_s)
    found = []
    for process in procs:
        try:
            percent = process.cpu_percent(None)
        except psutil.Error:
            continue
        if percent > 20 and process.pid != os.getpid():
            command = " ".join(process.info["cmdline"] or [])[:90]
            found.append(f"{percent:.0f}% {command}")
    return found


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")]
    git = ["git", "-C", str(REPO_ROOT)]
    dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    node = subprocess.run(["node", "--version"], capture_output=True, text=True)
    voila_json = json.loads((REPO_ROOT / "voila.json").read_text())
    return {
        "cores": os.cpu_count(),
        "memory_gib": psutil.virtual_memory().total / 2**30,
        "cpu_model": models[0] if models else "unknown",
        "kernel": platform.release(),
        "chromium": chromium_version(),
        "python": platform.python_version(),
        "node": node.stdout.strip(),
        "packages": {
            name: version(name)
            for name in ("voila", "ipywidgets", "jupyter_server", "ipykernel", "playwright")
        },
        "commit": subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "uncommitted_changes": bool(dirty.stdout.strip()),
        "serve_preheat": voila_json.get("VoilaConfiguration", {}).get("preheat_kernel", False),
    }


def save(results: dict) -> None:
    (BENCH_DIR / "report.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    (BENCH_DIR / "report.md").write_text(report.render(results))


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    if args.report_only:
        save(json.loads((BENCH_DIR / "report.json").read_text()))
        return 0
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "options": vars(args),
        "machine": machine(),
        "load": {"before": loadavg(), "busy_before": busy_processes()},
        "families": {},
    }
    jobs = {
        "tti": lambda: tti.run(args.runs, args.warm_runs, args.pool_size),
        "repeat": lambda: repeat.run(
            args.warm_runs, args.pool_size, [KERNEL_PAGES[0]] if args.quick else None
        ),
        "lighthouse": lambda: lighthouse.run(
            args.lighthouse_runs, [LANDING_PAGE] if args.quick else list(SERIES_PAGES)
        ),
        "crowd": lambda: crowd_by_workers(args.crowd_pages, args.visitors, args.workers),
        "timer": lambda: timer.run(args.timer_runs, args.quick),
        "quiz_link": lambda: quiz_link.run(args.quiz_link_runs),
        "durations": lambda: durations.run(args.skip_make_test),
    }
    for family in FAMILIES:
        if family not in args.only:
            continue
        print(f"[bench] {family} ...", flush=True)
        begun = time.monotonic()
        load_start = loadavg()
        results[family] = jobs[family]()
        results["families"][family] = {
            "seconds": time.monotonic() - begun,
            "load_start": load_start,
            "load_end": loadavg(),
        }
        print(f"[bench] {family} took {time.monotonic() - begun:.0f} s", flush=True)
        save(results)
    results["load"]["after"] = loadavg()
    results["load"]["busy_after"] = busy_processes()
    results["seconds"] = time.monotonic() - started
    save(results)
    print(f"[bench] wrote bench/report.md and bench/report.json in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
