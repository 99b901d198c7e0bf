"""From "Start the safety quiz" to the quiz's first question, on a slow phone (issue 24).

A reader on an iPhone SE (375 x 667, touch) opens the landing page over slow 4G with a processor
4 times slower than this machine's (Chromium's own throttling, through the DevTools protocol:
Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate), and taps the large quiz
link at its top. From that tap (the quiz page's navigation start, `performance.timeOrigin`):

- words: the first animation frame at which the heading the link lands on (lowback.pages
  QUIZ_START_ID) is visible on the screen;
- first answer: the first frame at which the quiz's first answer, a select inside a widget, is
  enabled, has a box and is on the screen: a tap on it is answered.

Served as `make serve` serves it (voila.json: a warm kernel pool), each visit a new browser
context (a first visit, empty cache), after the pool has filled again. A benchmark: it reports,
it never fails. `python -m bench.quiz_link` runs it alone and prints the numbers;
`python -m bench.run --only quiz_link` puts them in bench/report.md.
"""

from __future__ import annotations

import json
import sys
import time

from playwright.sync_api import sync_playwright

from bench.common import (
    KERNEL_PAGES,
    PAGE_TIMEOUT_MS,
    launch,
    leave,
    summary,
    voila_server,
    wait_until_idle,
)
from lowback.pages import LANDING, QUIZ, QUIZ_START_ID

IPHONE_SE = {"width": 375, "height": 667}
# Chrome DevTools' "Slow 4G" preset (as Lighthouse's mobile run): 150 ms RTT x 3.75, 1.6 Mbit/s
# down and 750 kbit/s up, each x 0.9; and its 4x CPU slowdown.
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
    "uploadThroughput": 750 * 1024 / 8 * 0.9,
}
CPU_SLOWDOWN = 4
TARGETS_S = {"words": 1.5, "first_answer": 4.0}

# In every page before it loads: the first frame at which each mark holds (performance.now()).
PROBE_JS = """
(() => {
  const marks = {};
  window.__quizLinkMarks = marks;
  const onScreen = (el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && getComputedStyle(el).visibility !== 'hidden';
  };
  const check = () => {
    const cells = document.getElementById('rendered_cells');
    if (!cells || getComputedStyle(cells).display === 'none' || !onScreen(cells)) return;
    if (marks.words === undefined && onScreen(document.getElementById(__ANCHOR__))) {
      marks.words = performance.now();
    }
    if (marks.first_answer === undefined) {
      const first = cells.querySelector('.jupyter-widgets select');
      if (first && !first.disabled && onScreen(first)) marks.first_answer = performance.now();
    }
  };
  const tick = () => {
    check();
    if (marks.first_answer === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const ticker = setInterval(() => {
    check();
    if (marks.first_answer !== undefined) clearInterval(ticker);
  }, 50);
})();
""".replace("__ANCHOR__", json.dumps(QUIZ_START_ID))
DONE_JS = "() => window.__quizLinkMarks && window.__quizLinkMarks.first_answer !== undefined"
COLLECT_JS = """
() => ({
  ...window.__quizLinkMarks,
  url: location.href,
  ttfb: performance.getEntriesByType('navigation')[0].responseStart,
  dom_content_loaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
})
"""


def visit(browser, landing_url: str) -> dict:
    """One reader: the landing page, then a tap on the quiz link; the quiz page's marks (ms)."""
    context = browser.new_context(
        viewport=IPHONE_SE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script(PROBE_JS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        started = time.monotonic()
        page.goto(landing_url, wait_until="load")
        landing_s = time.monotonic() - started
        link = page.locator(f'a[href="{QUIZ}#{QUIZ_START_ID}"]').first
        link.wait_for()
        link.tap()
        page.wait_for_url(f"**/{QUIZ}#{QUIZ_START_ID}")
        page.wait_for_function(DONE_JS, polling=100, timeout=PAGE_TIMEOUT_MS)
        marks = page.evaluate(COLLECT_JS)
        marks["landing_load_s"] = landing_s
        return marks
    finally:
        leave(context)


def run(runs: int) -> dict:
    visits: list[dict] = []
    errors: list[str] = []
    with voila_server("quiz-link") as server, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for _ in range(runs):
                # The pool refills after each visit; every visit finds it full and settled.
                time.sleep(1.5)
                wait_until_idle(server, kernel_count=len(KERNEL_PAGES))
                try:
                    visits.append(visit(browser, server.page_url(LANDING)))
                except Exception as error:  # a benchmark reports a failed visit, never stops
                    errors.append(f"{type(error).__name__}: {str(error)[:200]}")
        finally:
            browser.close()
    return {
        "viewport": IPHONE_SE,
        "network": SLOW_4G,
        "cpu_slowdown": CPU_SLOWDOWN,
        "targets_s": TARGETS_S,
        "raw": visits,
        "errors": errors,
        "summary": {
            key: summary([v.get(key) for v in visits])
            for key in ("ttfb", "dom_content_loaded", "words", "first_answer")
        },
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    runs = int(argv[0]) if argv else 3
    result = run(runs)
    for key, stats in result["summary"].items():
        if stats["n"]:
            print(
                f"{key}: median {stats['median'] / 1000:.2f} s, max {stats['max'] / 1000:.2f} s "
                f"(n={stats['n']})"
            )
    for error in result["errors"]:
        print("failed visit:", error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
