"""The routine timer in Voila, run in Chromium as a reader lying on their side would run it.

Timing here is measured, never assumed: the tests wait for text to appear, and where speed
matters they compare the time left with the wall clock, with a second of slack.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from lowback.widgets.timer_view import SINCE_QUIZ_WORDS

from .conftest import VoilaServer, open_rendered, serious_accessibility_violations

pytestmark = pytest.mark.e2e

ROUTINE = "03_routine_timer.ipynb"
# The short dosage: 2 reps, 1 s phases, 1 s rest, 1 s to get ready; 8 s to the final hold.
SHORT = {
    "Hold, seconds": "1",
    "Rest, seconds": "1",
    "Lift, seconds": "1",
    "Lower, seconds": "1",
    "Get ready, seconds": "1",
    # Last: the kernel takes the settings in the order they are typed, and "2 repetitions"
    # on the player is the sign it has made the plan from all of them.
    "Repetitions": "2",
}
PHASES_IN_ORDER = [
    "Get ready",
    "Lift",
    "Hold 1",
    "Lower slowly",
    "Lift",
    "Hold 1",
    "Lower slowly",
    "Rest",
    "Hold as long as you can",
]
# Installed before the page loads: a log of every phase name shown and every sound started.
# Media events do not bubble, so the listener catches them on the way down.
RECORDER = """
window.lowbackPhases = [];
window.lowbackPlays = [];
document.addEventListener('play', (event) => {
  if (event.target.tagName === 'AUDIO') window.lowbackPlays.push(performance.now());
}, true);
new MutationObserver(() => {
  const shown = document.querySelector('.lowback-phase');
  const name = shown ? shown.textContent : null;
  const seen = window.lowbackPhases;
  if (name && seen[seen.length - 1] !== name) seen.push(name);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
FINAL_HOLD_TIMEOUT_MS = 20_000


def open_timer(page: Page, voila: VoilaServer) -> None:
    page.add_init_script(RECORDER)
    open_rendered(page, voila.page_url(ROUTINE))
    expect(phase_name(page)).to_have_text("Ready")


def phase_name(page: Page):
    return page.locator(".lowback-phase")


def time_left(page: Page):
    return page.locator(".lowback-time")


def seconds_shown(page: Page) -> int:
    return int(re.match(r"\d+", time_left(page).inner_text()).group())


def settle(page: Page, settings: dict[str, str]) -> None:
    """Type the settings as a reader would; each is sent when the box loses focus. Repetitions
    goes last: the kernel takes the settings in the order they are typed, so its number on the
    player is the sign that the plan is made from all of them (Start before that would run the
    old plan)."""
    assert "Repetitions" in settings, "settle() waits on the repetitions: give them"
    for label, value in sorted(settings.items(), key=lambda item: item[0] == "Repetitions"):
        box = page.get_by_role("spinbutton", name=label)
        box.fill(value)
        box.press("Tab")
    expect(page.locator(".lowback-rep")).to_have_text(
        f"{settings['Repetitions']} repetitions, then a rest and one long hold"
    )


def start(page: Page):
    return page.get_by_role("button", name="Start")


def since_check(page: Page):
    """The check before every Start: "Since your quiz, has anything new started?"."""
    return page.get_by_role("group", name=SINCE_QUIZ_WORDS["title"])


def nothing_new(page: Page, *, tap: bool = False) -> None:
    """Answer the check before Start as a reader with nothing new: "None of these"."""
    box = since_check(page).get_by_role("checkbox", name=SINCE_QUIZ_WORDS["none"], exact=True)
    box.tap() if tap else box.check()


def pause(page: Page):
    return page.get_by_role("button", name="Pause")


def resume(page: Page):
    return page.get_by_role("button", name="Resume")


def cant_hold(page: Page):
    return page.get_by_role("button", name="I can't hold any longer")


def test_start_runs_every_phase_in_order_to_the_final_hold_with_a_cue_tone_playing(
    page: Page, voila: VoilaServer
):
    open_timer(page, voila)
    settle(page, SHORT)
    nothing_new(page)
    start(page).click()
    expect(phase_name(page)).to_have_text("Hold as long as you can", timeout=FINAL_HOLD_TIMEOUT_MS)
    assert page.evaluate("window.lowbackPhases") == ["Ready", *PHASES_IN_ORDER]
    assert page.evaluate("window.lowbackPlays.length") >= 1, "no cue tone played"
    expect(time_left(page)).to_have_text("Held 1 s", timeout=5_000)
    cant_hold(page).click()
    expect(phase_name(page)).to_have_text("Well done")
    expect(time_left(page)).to_have_text(re.compile(r"^You held for [1-9]\d* s$"))
    expect(page.locator(".lowback-best")).to_contain_text("Best hold this session:")


def test_pause_freezes_the_time_left_and_resume_continues_from_it(page: Page, voila: VoilaServer):
    open_timer(page, voila)
    settle(page, {"Get ready, seconds": "20", "Repetitions": "3"})
    nothing_new(page)
    start(page).click()
    expect(time_left(page)).to_have_text("18 s left", timeout=5_000)
    pause(page).click()
    expect(time_left(page)).to_contain_text("(paused)")
    frozen = time_left(page).inner_text()
    time.sleep(2.0)
    assert time_left(page).inner_text() == frozen
    frozen_s = seconds_shown(page)
    resume(page).click()
    # It carries on from the frozen value: one second later it shows one second less,
    # not the two seconds the pause lasted.
    expect(time_left(page)).to_have_text(f"{frozen_s - 1} s left", timeout=2_500)
    assert seconds_shown(page) >= frozen_s - 1
    expect(pause(page)).to_be_visible()


def test_clicking_start_twice_quickly_still_runs_one_timer_at_real_speed(
    page: Page, voila: VoilaServer
):
    open_timer(page, voila)
    settle(page, {"Get ready, seconds": "30", "Repetitions": "3"})
    # The second click lands on whatever the full-screen player put there: it changes nothing.
    nothing_new(page)
    start(page).dblclick()
    expect(pause(page)).to_be_visible()
    expect(time_left(page)).to_have_text("29 s left", timeout=5_000)
    wall_start = time.monotonic()
    shown_start = seconds_shown(page)
    time.sleep(3.0)
    shown_end = seconds_shown(page)
    elapsed = time.monotonic() - wall_start
    assert abs((shown_start - shown_end) - elapsed) <= 1.2, (shown_start, shown_end, elapsed)
    expect(time_left(page)).not_to_contain_text("paused")


def test_a_reload_during_the_routine_gives_a_working_page(page: Page, voila: VoilaServer):
    open_timer(page, voila)
    nothing_new(page)
    start(page).click()
    expect(time_left(page)).to_have_text("4 s left", timeout=5_000)
    page.reload()
    page.get_by_role("heading", level=1).first.wait_for()
    page.locator("#rendered_cells").wait_for(state="visible")
    expect(phase_name(page)).to_have_text("Ready")
    nothing_new(page)
    start(page).click()
    expect(phase_name(page)).to_have_text("Get ready")
    expect(time_left(page)).to_have_text("4 s left", timeout=5_000)


def test_the_timer_runs_with_the_keyboard_alone(page: Page, voila: VoilaServer):
    open_timer(page, voila)
    # Begin on the first setting, as Tab from the top of the timer would.
    page.get_by_role("combobox", name="Sore side (it goes on top)").focus()
    for label in ("Repetitions", "Hold, seconds", "Rest, seconds", "Lift, seconds"):
        page.keyboard.press("Tab")
        expect(page.get_by_role("spinbutton", name=label)).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type(SHORT[label])
    for label in ("Lower, seconds", "Get ready, seconds"):
        page.keyboard.press("Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type(SHORT[label])
    # A reader new to this device is asked first whether they did the quiz.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Do the screening quiz first")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="I have done the quiz")).to_be_focused()
    page.keyboard.press("Space")
    # Then the check before Start, from its first sign: Tab passes each sign to "None of these".
    check = since_check(page)
    expect(check.get_by_role("checkbox").first).to_be_focused()
    none = check.get_by_role("checkbox", name=SINCE_QUIZ_WORDS["none"], exact=True)
    for _ in range(40):
        if none.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(none).to_be_focused()
    page.keyboard.press("Space")
    expect(none).to_be_checked()
    page.keyboard.press("Tab")
    expect(start(page)).to_be_focused()
    expect(page.locator(".lowback-rep")).to_have_text(
        "2 repetitions, then a rest and one long hold"
    )
    page.keyboard.press("Space")
    expect(pause(page)).to_be_focused()
    page.keyboard.press("Space")
    expect(resume(page)).to_be_focused()
    expect(time_left(page)).to_contain_text("(paused)")
    page.keyboard.press("Space")
    expect(pause(page)).to_be_focused()
    expect(phase_name(page)).to_have_text("Hold as long as you can", timeout=FINAL_HOLD_TIMEOUT_MS)
    page.keyboard.press("Tab")
    expect(cant_hold(page)).to_be_focused()
    page.keyboard.press("Space")
    expect(time_left(page)).to_have_text(re.compile(r"^You held for \d+ s$"))


def test_axe_finds_no_serious_problems_and_a_muted_timer_plays_nothing(
    page: Page, voila: VoilaServer
):
    open_timer(page, voila)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("checkbox", name="Mute sounds").check()
    settle(page, {"Get ready, seconds": "1", "Lift, seconds": "1", "Repetitions": "2"})
    nothing_new(page)
    start(page).click()
    expect(phase_name(page)).to_have_text("Hold 2", timeout=5_000)
    page.locator(".lowback-timer").scroll_into_view_if_needed()
    assert page.evaluate("window.lowbackPlays.length") == 0
    playing = page.evaluate(
        "Array.from(document.querySelectorAll('audio')).filter(a => !a.paused).length"
    )
    assert playing == 0
    assert serious_accessibility_violations(page) == []
