"""What the measurements share: the pages, the servers, the browser, the probe, the statistics.

The servers and Chromium's flags come from harness/, as the end-to-end tests' do, so the
benchmark starts Voila and Chromium exactly as the tests do.
"""

from __future__ import annotations

import contextlib
import math
import os
import statistics
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psutil
from playwright.sync_api import Browser, BrowserContext, Page

from harness.chromium import CHROMIUM, CHROMIUM_ARGS
from harness.voila_server import VoilaServer
from lowback.paths import NOTEBOOKS_DIR, REPO_ROOT
from lowback.site.static_page import has_code

BENCH_DIR = REPO_ROOT / "bench"
RAW_DIR = BENCH_DIR / "raw"
REFERENCE_NOTEBOOK = BENCH_DIR / "reference" / "one_widget.ipynb"
SERIES_PAGES = tuple(sorted(path.name for path in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")))
LANDING_PAGE = SERIES_PAGES[0]
# Pages with code get a kernel (and a place in the pool); the rest are served as plain HTML.
KERNEL_PAGES = tuple(page for page in SERIES_PAGES if has_code(NOTEBOOKS_DIR / page))

# Offline: every host name but the loopback ones fails at once, so nothing waits on a CDN.
OFFLINE_RULE = "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
BROWSER_ARGS = [*CHROMIUM_ARGS, f"--host-resolver-rules={OFFLINE_RULE}"]
VIEWPORT = {"width": 1280, "height": 900}
PAGE_TIMEOUT_MS = 180_000

# Installed in every page before it loads. It records, in ms since navigation started
# (performance.now()), the first moment each of these holds, checked on every DOM change at
# the next animation frame (or within 50 ms, whichever comes first):
#   rendered     Voila's #rendered_cells is visible (Voila hides it until every cell has run)
#   widgets      as many widget views (.jupyter-widgets directly in an output area) are on the
#                page as the notebook's outputs hold widget-view outputs (counted once the HTML
#                is parsed, from Voila's cell-output scripts)
#   control      on a page with widgets: a button, select, input or textarea inside a widget is
#                enabled and has a non-empty box
#   interactive  all of them at once: the time to interactive (TTI)
# It also sums the main thread's long tasks (>50 ms) up to that moment.
PROBE_JS = """
(() => {
  const marks = {};
  window.__lowbackMarks = marks;
  let expected = null;
  let longTasks = 0;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks += entry.duration;
    }).observe({type: 'longtask', buffered: true});
  } catch (error) {}
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const mark = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
  const countExpected = () => {
    expected = 0;
    const outputs = 'script[type="application/vnd.voila.cell-output+json"]';
    for (const script of document.querySelectorAll(outputs)) {
      expected += script.textContent.split('application/vnd.jupyter.widget-view+json').length - 1;
    }
    marks.expected_widgets = expected;
  };
  // Before Voila's deferred scripts run, so its own cell outputs are still in the page.
  document.addEventListener('readystatechange', () => {
    if (expected === null && document.readyState !== 'loading') countExpected();
  });
  const check = () => {
    if (marks.interactive !== undefined || document.readyState === 'loading') return;
    if (expected === null) countExpected();
    const cells = document.getElementById('rendered_cells');
    if (!cells || !shown(cells)) return;
    mark('rendered');
    const views = cells.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length;
    if (views < expected) return;
    mark('widgets');
    if (expected > 0) {
      const controls = cells.querySelectorAll('button, select, input, textarea');
      const ready = Array.from(controls).some(
        (el) => el.closest('.jupyter-widgets') && !el.disabled && shown(el));
      if (!ready) return;
      mark('control');
    }
    marks.widget_views = views;
    marks.long_tasks_ms = longTasks;
    mark('interactive');
  };
  let pending = false;
  const schedule = () => {
    if (pending || marks.interactive !== undefined) return;
    pending = true;
    const go = () => { if (pending) { pending = false; check(); } };
    requestAnimationFrame(go);
    setTimeout(go, 50);
  };
  new MutationObserver(schedule).observe(document, {
    subtree: true, childList: true, attributes: true,
  });
  const ticker = setInterval(() => {
    if (marks.interactive !== undefined) clearInterval(ticker); else schedule();
  }, 100);
})();
"""
# The probe's marks with the browser's own navigation timing and what was transferred.
COLLECT_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const all = [nav, ...resources];
  return {
    ...(window.__lowbackMarks || {}),
    time_origin: performance.timeOrigin,
    ttfb: nav.responseStart,
    html_done: nav.responseEnd,
    dom_content_loaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventStart,
    requests: all.length,
    transferred_kb: all.reduce((sum, e) => sum + (e.transferSize || 0), 0) / 1024,
    decoded_kb: all.reduce((sum, e) => sum + (e.decodedBodySize || 0), 0) / 1024,
    html_transferred_kb: nav.transferSize / 1024,
  };
}
"""
INTERACTIVE_JS = "() => window.__lowbackMarks && window.__lowbackMarks.interactive !== undefined"


def summary(values: Sequence[float]) -> dict:
    """n, median, 95th percentile (linear between order statistics), min and max."""
    data = sorted(v for v in values if v is not None and not math.isnan(v))
    if not data:
        return {"n": 0, "median": None, "p95": None, "min": None, "max": None}
    # Linear between order statistics; from one value, that value.
    p95 = statistics.quantiles(data, n=100, method="inclusive")[94] if len(data) > 1 else data[0]
    return {
        "n": len(data),
        "median": statistics.median(data),
        "p95": p95,
        "min": data[0],
        "max": data[-1],
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# --- servers -----------------------------------------------------------------------------


@contextlib.contextmanager
def voila_server(name: str, *extra_args: str) -> Iterator[VoilaServer]:
    """lowback.site.serve (voila.json's settings) on a free port, its log in bench/raw/."""
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    server = VoilaServer(RAW_DIR / f"voila-{name}.log", tuple(extra_args))
    try:
        yield server
    finally:
        server.stop()


def reference_server() -> contextlib.AbstractContextManager[VoilaServer]:
    """Voila with a fresh kernel per visit, serving the whole repository: the series' pages are
    under notebooks/ and the one-widget reference under bench/reference/, on one server."""
    return voila_server(
        "cold",
        f"--Voila.root_dir={REPO_ROOT}",
        "--VoilaConfiguration.preheat_kernel=False",
    )


def series_url(server: VoilaServer, page: str) -> str:
    """A series page on a server started by reference_server()."""
    return server.page_url(f"notebooks/{page}")


def reference_url(server: VoilaServer) -> str:
    return server.page_url(REFERENCE_NOTEBOOK.relative_to(REPO_ROOT).as_posix())


def tree(server: VoilaServer) -> list[psutil.Process]:
    """The Voila process and everything it started (its kernels)."""
    root = psutil.Process(server.process.pid)
    return [root, *root.children(recursive=True)]


def kernels(server: VoilaServer) -> list[psutil.Process]:
    found = []
    for process in tree(server)[1:]:
        try:
            if "ipykernel_launcher" in " ".join(process.cmdline()):
                found.append(process)
        except psutil.Error:
            pass
    return found


def memory_mb(processes: Sequence[psutil.Process]) -> dict:
    """Summed RSS, PSS and USS in MB (PSS adds up correctly across processes)."""
    total = {"rss": 0.0, "pss": 0.0, "uss": 0.0, "processes": 0}
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        total["rss"] += info.rss / 2**20
        total["pss"] += info.pss / 2**20
        total["uss"] += info.uss / 2**20
        total["processes"] += 1
    return total


def cpu_seconds(processes: Sequence[psutil.Process]) -> float:
    seconds = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            seconds += times.user + times.system
        except psutil.Error:
            pass
    return seconds


def wait_until_idle(
    server: VoilaServer,
    *,
    kernel_count: int | None = None,
    busy_below: float = 0.10,
    quiet_s: float = 1.0,
    timeout_s: float = 300.0,
) -> float:
    """Wait until the server's processes (and the kernel count, if given) have settled: less
    than `busy_below` of one core for `quiet_s` in a row. Returns the seconds waited.

    With a kernel pool this is how the bench knows the pool is full: Voila logs a pool as
    filled when its kernels have started, before they have run the notebook.
    """
    start = time.monotonic()
    quiet_since = None
    processes = tree(server)
    before = cpu_seconds(processes)
    while time.monotonic() - start < timeout_s:
        time.sleep(0.5)
        processes = tree(server)  # kernels come and go
        now = cpu_seconds(processes)
        busy = (now - before) / 0.5
        before = now
        count_ok = kernel_count is None or len(kernels(server)) == kernel_count
        if busy < busy_below and count_ok:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= quiet_s:
                return time.monotonic() - start
        else:
            quiet_since = None
    raise TimeoutError(f"server still busy (or kernels != {kernel_count}) after {timeout_s} s")


# --- the browser -------------------------------------------------------------------------


def launch(playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)


def open_probed(browser: Browser) -> tuple[BrowserContext, Page]:
    """A fresh context (empty cache, as a first visit) with the probe installed."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(PROBE_JS)
    return context, context.new_page()


def visit(page: Page, url: str) -> dict:
    """Navigate and wait until the page is interactive; the probe's marks and timings."""
    page.goto(url, wait_until="commit")
    page.wait_for_function(INTERACTIVE_JS, polling=100, timeout=PAGE_TIMEOUT_MS)
    return page.evaluate(COLLECT_JS)


def visit_static(page: Page, url: str) -> dict:
    """A static page: it is interactive when its load event fires."""
    page.goto(url, wait_until="load")
    timings = page.evaluate(COLLECT_JS)
    timings["interactive"] = timings["load"]
    return timings


# Voila's page asks the server to shut its kernel down on `beforeunload`, sending the `_xsrf`
# cookie as its token; this Voila sets no such cookie, so that request fails (403) and the
# kernel lives on until culled (and a page left before it connected never asks). So that each
# visit starts from the same server, the bench shuts the visitor's kernel down itself, through
# the same endpoint, with a cookie and token of its own (any hex string is a valid token).
XSRF_TOKEN = "62656e6368"
KERNEL_ID_JS = """
() => {
  const config = document.getElementById('jupyter-config-data');
  return config ? JSON.parse(config.textContent).kernelId || null : null;
}
"""


def shutdown_kernel(page_url: str, kernel_id: str) -> None:
    parts = urlsplit(page_url)
    request = urllib.request.Request(
        f"{parts.scheme}://{parts.netloc}/voila/api/shutdown/{kernel_id}",
        data=urlencode({"_xsrf": XSRF_TOKEN}).encode(),
        headers={"Cookie": f"_xsrf={XSRF_TOKEN}"},
    )
    with contextlib.suppress(urllib.error.HTTPError):  # already gone
        urllib.request.urlopen(request, timeout=30).close()


def leave(context: BrowserContext) -> None:
    """Leave every page of the context, close it, and shut down the kernels it used."""
    kernels_used = []
    for page in context.pages:
        if page.url.startswith("http"):
            kernels_used.append((page.url, page.evaluate(KERNEL_ID_JS)))
        page.goto("about:blank")
    context.close()
    for url, kernel_id in kernels_used:
        if kernel_id:
            shutdown_kernel(url, kernel_id)


def chromium_version() -> str:
    import subprocess

    result = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    return result.stdout.strip()


def rel(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()
