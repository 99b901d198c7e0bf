"""The routine page (03_routine_timer.ipynb) as a reader drives it: its controls found by role and
accessible name, for the browser tests (tests/browser/test_routine_page.py and others) and the
timer bench (bench/timer.py)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from lowback.widgets.timer_view import SINCE_QUIZ_WORDS

# The quickest dosage the bounds allow (lowback.routine.BOUNDS): 2 reps of 1 s phases, 10 s of
# rest, 3 s to get ready; 19 s to the final hold.
SHORT = {
    "Hold, seconds": "1",
    "Rest, seconds": "10",
    "Lift, seconds": "1",
    "Lower, seconds": "1",
    "Get ready, seconds": "3",
    # Last: the kernel takes the settings in the order they are typed, and "2 repetitions"
    # on the player is the sign it has made the plan from all of them.
    "Repetitions": "2",
}


def phase_name(page: Page):
    return page.locator(".lowback-phase")


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
