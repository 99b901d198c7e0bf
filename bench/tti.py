"""Time to interactive of every page: cold, with a warm kernel pool, and its references.

- cold: a fresh kernel per visit (preheat off), the series' pages and the one-widget reference
  on one server; after each cold visit the new kernel's memory is read (one visitor's kernel).
  A page without code (the landing page) is served as plain HTML and starts no kernel.
- warm: the series' voila.json plus a preheated pool of `pool_size` kernels per notebook with
  code; before every visit the pool is full and settled again.
- static: each page exported by nbconvert (code hidden, as Voila hides it) and served by
  http.server; interactive at the load event, the limit.

Each visit is a new browser context (an empty cache: a first visit). Pages are visited in
turn within each round, so drift in the machine's load touches every page alike. One visit
per server is made first and discarded (the server's own warm-up).
"""

from __future__ import annotations

import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

from bench.common import (
    KERNEL_PAGES,
    RAW_DIR,
    REFERENCE_NOTEBOOK,
    SERIES_PAGES,
    kernels,
    launch,
    leave,
    memory_mb,
    open_probed,
    reference_server,
    reference_url,
    series_url,
    summary,
    visit,
    visit_static,
    voila_server,
    wait_until_idle,
)
from harness.voila_server import free_port, wait_until_answering
from lowback.paths import NOTEBOOKS_DIR

REFERENCE = "reference: one widget"
TIMINGS = ("ttfb", "html_done", "dom_content_loaded", "load", "rendered", "interactive")


def _summarise(visits: dict[str, list[dict]]) -> dict:
    out = {}
    for page, records in visits.items():
        out[page] = {key: summary([r.get(key) for r in records]) for key in TIMINGS}
        for key in ("long_tasks_ms", "transferred_kb", "decoded_kb", "requests"):
            out[page][key] = summary([r.get(key) for r in records])
        out[page]["expected_widgets"] = records[0].get("expected_widgets") if records else None
        if records and "kernel_memory" in records[0]:
            for kind in ("uss", "pss", "rss"):
                values = [r["kernel_memory"][kind] for r in records]
                out[page][f"kernel_{kind}_mb"] = summary(values)
    return out


def measure_cold(browser, runs: int) -> dict:
    visits: dict[str, list[dict]] = {page: [] for page in (*SERIES_PAGES, REFERENCE)}
    with reference_server() as server:
        urls = {page: series_url(server, page) for page in SERIES_PAGES}
        urls[REFERENCE] = reference_url(server)
        _discarded_visit(browser, urls[REFERENCE])
        for _ in range(runs):
            for page, url in urls.items():
                wait_until_idle(server, kernel_count=0)
                context, tab = open_probed(browser)
                timings = visit(tab, url)
                # One visitor's kernel, read once it has settled after running the notebook
                # (a page without code is served without one: its memory reads as zero).
                own_kernel = page == REFERENCE or page in KERNEL_PAGES
                wait_until_idle(server, kernel_count=int(own_kernel), quiet_s=1.0)
                timings["kernel_memory"] = memory_mb(kernels(server))
                visits[page].append(timings)
                leave(context)
    return {"raw": visits, "summary": _summarise(visits)}


def measure_warm(browser, runs: int, pool_size: int) -> dict:
    visits: dict[str, list[dict]] = {page: [] for page in SERIES_PAGES}
    # Voila keeps a pool for every notebook under its root that has code.
    pool = pool_size * len(KERNEL_PAGES)
    with voila_server(
        "warm",
        "--VoilaConfiguration.preheat_kernel=True",
        f"--VoilaConfiguration.default_pool_size={pool_size}",
    ) as server:
        fill_s = wait_until_idle(server, kernel_count=pool)
        pool_memory = memory_mb(kernels(server))
        _discarded_visit(browser, server.page_url(SERIES_PAGES[0]))
        for _ in range(runs):
            for page in SERIES_PAGES:
                # The pool refills after each visit; every visit finds it full and settled.
                time.sleep(1.5)
                wait_until_idle(server, kernel_count=pool)
                context, tab = open_probed(browser)
                visits[page].append(visit(tab, server.page_url(page)))
                leave(context)
    return {
        "pool_size": pool_size,
        "pool_kernels": pool,
        "pool_fill_s": fill_s,
        "pool_memory_mb": pool_memory,
        "raw": visits,
        "summary": _summarise(visits),
    }


def export_static() -> dict[str, float]:
    """Every page as static HTML in bench/raw/static; the seconds each export took."""
    out_dir = RAW_DIR / "static"
    out_dir.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for page in SERIES_PAGES:
        start = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "nbconvert", "--to", "html", "--no-input", "--log-level=WARN"]
            + ["--output-dir", str(out_dir), str(NOTEBOOKS_DIR / page)],
            check=True,
        )
        seconds[page] = time.monotonic() - start
    return seconds


class StaticServer:
    """python -m http.server over bench/raw/static on a free port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = (RAW_DIR / "static-server.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1"]
            + ["--directory", str(RAW_DIR / "static")],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_until_answering(self.url + "/", self.process, RAW_DIR / "static-server.log")

    def page_url(self, page: str) -> str:
        return f"{self.url}/{page.removesuffix('.ipynb')}.html"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self._log.close()


def measure_static(browser, runs: int) -> dict:
    export_s = export_static()
    visits: dict[str, list[dict]] = {page: [] for page in SERIES_PAGES}
    server = StaticServer()
    try:
        for _ in range(runs):
            for page in SERIES_PAGES:
                context, tab = open_probed(browser)
                visits[page].append(visit_static(tab, server.page_url(page)))
                context.close()
    finally:
        server.stop()
    return {"export_s": export_s, "raw": visits, "summary": _summarise(visits)}


def _discarded_visit(browser, url: str) -> None:
    context, tab = open_probed(browser)
    visit(tab, url)
    leave(context)


def run(runs: int, warm_runs: int, pool_size: int) -> dict:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return {
                "runs": runs,
                "reference_notebook": REFERENCE_NOTEBOOK.name,
                "cold": measure_cold(browser, runs),
                "warm": measure_warm(browser, warm_runs, pool_size),
                "static": measure_static(browser, runs),
            }
        finally:
            browser.close()
