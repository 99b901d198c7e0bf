"""Timer accuracy in the browser: when each phase name appears against when it was due.

On the server `make serve` runs, the routine page is opened as a reader opens it; the bench
records (performance.now(), in the page) the click on Start and every change of the big phase
name, with a MutationObserver that fires right after the DOM changes (the paint follows within
a frame). A phase is due at the click plus its `start_s` in `lowback.routine.build_schedule`
for the settings shown on the page; the error is shown minus due, in ms. The default is the
routine as it opens (10 reps: 105 s to the final hold); `--quick` types the tests' short
dosage (8 s).
"""

from __future__ import annotations

from dataclasses import asdict

from playwright.sync_api import expect, sync_playwright

from bench.common import launch, leave, open_probed, summary, visit, voila_server, wait_until_idle
from harness.routine_driver import SHORT, nothing_new, phase_name, settle, start
from lowback.routine import Routine, build_schedule, phase_title
from lowback.widgets.timer_view import SETTING_LABELS

ROUTINE_PAGE = "03_routine_timer.ipynb"
RECORDER_JS = """
window.__lowbackPhases = [];
window.__lowbackClicks = [];
document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('button');
  if (button) window.__lowbackClicks.push([button.textContent.trim(), performance.now()]);
}, true);
new MutationObserver(() => {
  const shown = document.querySelector('.lowback-phase');
  const name = shown ? shown.textContent : null;
  const seen = window.__lowbackPhases;
  if (name && (seen.length === 0 || seen[seen.length - 1][0] !== name)) {
    seen.push([name, performance.now()]);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def routine_shown(page) -> Routine:
    """The Routine for the numbers in the page's settings boxes."""
    values = {}
    for field, label in SETTING_LABELS.items():
        if field == "side":
            continue
        text = page.get_by_role("spinbutton", name=label).input_value()
        values[field] = int(text) if field == "reps" else float(text)
    return Routine(**values)


def one_routine(browser, url: str, quick: bool) -> dict:
    context, page = open_probed(browser)
    context.add_init_script(RECORDER_JS)
    visit(page, url)
    if quick:
        settle(page, SHORT)
    routine = routine_shown(page)
    schedule = build_schedule(routine)
    total_s = schedule[-1].start_s
    nothing_new(page)  # the check before every Start; timing is measured from the Start click
    start(page).click()
    # The final hold's title as lowback.routine words it, not a copy that could drift.
    final_hold = phase_title(schedule[-1], routine)
    expect(phase_name(page)).to_have_text(final_hold, timeout=int(total_s * 1000) + 30_000)
    clicks = page.evaluate("window.__lowbackClicks")
    shown = page.evaluate("window.__lowbackPhases")
    leave(context)
    clicked = next(t for text, t in clicks if text == "Start")
    after = [(name, t) for name, t in shown if t >= clicked]
    # Each phase in order is matched with the next change to its name; none found: missed.
    phases, missed, j = [], 0, 0
    for phase in schedule:
        title = phase_title(phase, routine)
        due = clicked + phase.start_s * 1000
        k = next((i for i in range(j, len(after)) if after[i][0] == title), None)
        if k is None:
            missed += 1
            continue
        phases.append({"phase": title, "due_ms": due, "error_ms": after[k][1] - due})
        j = k + 1
    return {
        "routine": asdict(routine),
        "to_final_hold_s": total_s,
        "phases": phases,
        "missed": missed,
    }


def run(runs: int, quick: bool) -> dict:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            with voila_server("timer") as server:
                results = []
                for _ in range(runs):
                    wait_until_idle(server)
                    results.append(one_routine(browser, server.page_url(ROUTINE_PAGE), quick))
        finally:
            browser.close()
    errors = [p["error_ms"] for r in results for p in r["phases"]]
    return {
        "runs": results,
        "quick": quick,
        "error_ms": summary(errors),
        "abs_error_ms": summary([abs(e) for e in errors]),
        "missed": sum(r["missed"] for r in results),
    }
