"""Lighthouse (npm, pinned in bench/package.json) desktop and mobile scores of every page.

The series' pages are served as `make serve` serves them (voila.json as it stands, nothing
added). References in the same run: the one-widget notebook on the cold reference server, and
the landing page exported to static HTML. Lighthouse drives Debian's Chromium (CHROME_PATH)
headless and offline: only loopback host names resolve. Its mobile run is Lighthouse's default
(an emulated mid-range phone, simulated slow 4G and a 4x slower CPU); desktop is
`--preset=desktop`. Every run is a fresh Chromium with an empty cache.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

from bench.common import (
    BENCH_DIR,
    BROWSER_ARGS,
    LANDING_PAGE,
    RAW_DIR,
    reference_server,
    reference_url,
    summary,
    voila_server,
    wait_until_idle,
)
from bench.tti import REFERENCE, StaticServer, export_static
from harness.chromium import CHROMIUM

LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
FORM_FACTORS = ("desktop", "mobile")
CATEGORIES = ("performance", "accessibility")
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "speed-index": "speed_index_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "server-response-time": "server_response_ms",
    "total-byte-weight": "bytes",
}
STATIC_LANDING = f"static export: {LANDING_PAGE}"


def version() -> str:
    package = BENCH_DIR / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def lighthouse(url: str, form_factor: str, out: os.PathLike) -> dict:
    flags = ["--headless=new", *BROWSER_ARGS]
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--disable-full-page-screenshot",  # not scored; saves a second a run
        "--chrome-flags=" + " ".join(shlex.quote(flag) for flag in flags),
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, env=env, timeout=300, stdout=subprocess.DEVNULL)
    result = json.loads(Path(out).read_text())
    record = {f"{c}_score": result["categories"][c]["score"] for c in CATEGORIES}
    for audit, key in METRICS.items():
        record[key] = result["audits"].get(audit, {}).get("numericValue")
    record.update(_main_thread(result["audits"]))
    record["benchmark_index"] = result["environment"].get("benchmarkIndex")
    record["warnings"] = result.get("runWarnings", [])
    record["error"] = (result.get("runtimeError") or {}).get("message")
    return record


# Where Voila's front end comes from: its own bundle and the widget extensions it loads.
VOILA_SCRIPT_PATHS = ("/voila/static/", "/voila/labextensions/")


def _main_thread(audits: dict) -> dict:
    """What kept the main thread busy (Lighthouse's main-thread breakdown and bootup-time): all
    of it, the time attributed to scripts (each script's total), and the part of that spent in
    Voila's front end."""
    items = (audits.get("bootup-time", {}).get("details") or {}).get("items", [])
    voila = sum(i["total"] for i in items if any(p in i["url"] for p in VOILA_SCRIPT_PATHS))
    return {
        "main_thread_ms": audits.get("mainthread-work-breakdown", {}).get("numericValue"),
        "script_ms": sum(i["total"] for i in items),
        "voila_script_ms": voila,
    }


def _summarise(raw: dict) -> dict:
    out = {}
    for page, by_form in raw.items():
        out[page] = {}
        for form_factor, records in by_form.items():
            keys = [f"{c}_score" for c in CATEGORIES] + list(METRICS.values())
            keys += ["main_thread_ms", "script_ms", "voila_script_ms"]
            out[page][form_factor] = {key: summary([r[key] for r in records]) for key in keys}
    return out


def run(runs: int, pages: list[str]) -> dict:
    out_dir = RAW_DIR / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    if not (RAW_DIR / "static" / f"{LANDING_PAGE.removesuffix('.ipynb')}.html").exists():
        export_static()
    raw: dict[str, dict[str, list[dict]]] = {}
    static = StaticServer()
    try:
        with voila_server("serve") as serve, reference_server() as reference:
            targets = [(page, serve.page_url(page), serve) for page in pages]
            targets.append((REFERENCE, reference_url(reference), reference))
            targets.append((STATIC_LANDING, static.page_url(LANDING_PAGE), None))
            for run_index in range(runs):
                for name, url, server in targets:
                    for form_factor in FORM_FACTORS:
                        if server is not None:
                            wait_until_idle(server)
                        slug = name.replace(" ", "_").replace(":", "")
                        out = out_dir / f"{slug}-{form_factor}-{run_index}.json"
                        record = lighthouse(url, form_factor, out)
                        raw.setdefault(name, {}).setdefault(form_factor, []).append(record)
    finally:
        static.stop()
    return {"runs": runs, "version": version(), "raw": raw, "summary": _summarise(raw)}
