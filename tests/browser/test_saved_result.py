"""The saved quiz result and the check before every Start, in Chromium (DESIGN.md, "The saved
quiz result"): the quiz keeps its latest result shown, whatever it is, and forgets it on Start
over or "Forget my answer"; the routine page goes by it only when it is from the current rules
and at most 14 days old; and Start waits for "Since your quiz, has anything new started?"."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from harness.routine_driver import nothing_new, phase_name, settle, since_check, start
from harness.voila_server import VoilaServer
from lowback.pages import QUIZ_RESULT_KEY, REGION_KEY
from lowback.quiz_record import RULES_VERSION, TRUST_DAYS
from lowback.screening import since_quiz_signs
from lowback.widgets.routine_plan import REGION_WORDS
from lowback.widgets.timer_view import SINCE_QUIZ_WORDS, WORDS

from .conftest import open_rendered, serious_accessibility_violations
from .quiz_driver import MATCHING_READER, QUIZ, answer
from .test_routine_page import ROUTINE

pytestmark = pytest.mark.e2e

#: A reader the routine may help (the answer set every browser test shares).
ALL_CLEAR = MATCHING_READER
#: What that reader ticks next: a fever, a same-day sign.
NEW_FEVER = {"fever_unwell": True}
QUIZ_ASK = "Have you done the screening quiz?"
# The reader's own date, N days from today, as the browser writes it.
LOCAL_DATE_JS = """(days) => { const at = new Date(); at.setDate(at.getDate() + days);
  const pad = (n, w) => String(n).padStart(w, '0');
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1, 2)}-${pad(at.getDate(), 2)}`; }"""
# Installed before the page loads, once per tab: a record as an earlier visit left it.
SEED_JS = """([key, record, days]) => {
  try {
    if (window.sessionStorage.getItem('lowback-test-seeded')) return;
    window.sessionStorage.setItem('lowback-test-seeded', 'yes');
    if (record !== null && typeof record === 'object' && days !== null) {
      record.date = (LOCAL_DATE)(days);
    }
    window.localStorage.setItem(key, typeof record === 'string' ? record : JSON.stringify(record));
  } catch (error) { /* about:blank has no storage */ }
}""".replace("LOCAL_DATE", LOCAL_DATE_JS)


def stored(page: Page) -> object:
    """The saved quiz result as this browser keeps it (None when there is none)."""
    text = page.evaluate("key => window.localStorage.getItem(key)", QUIZ_RESULT_KEY)
    return None if text is None else json.loads(text)


def wait_stored(page: Page, outcome: str | None) -> None:
    """Wait until the browser keeps `outcome` (None: nothing at all)."""
    page.wait_for_function(
        """([key, outcome]) => { const text = window.localStorage.getItem(key);
          if (outcome === null) return text === null;
          try { return JSON.parse(text).outcome === outcome; } catch (e) { return false; } }""",
        arg=[QUIZ_RESULT_KEY, outcome],
    )


def open_quiz(page: Page, voila: VoilaServer) -> None:
    open_rendered(page, voila.page_url(QUIZ))
    page.get_by_role("button", name="See my result").wait_for()


def open_routine(page: Page, voila: VoilaServer) -> None:
    open_rendered(page, voila.page_url(ROUTINE))
    expect(phase_name(page)).to_have_text("Ready")


def seed(page: Page, record: object, days: int | None = 0) -> None:
    """Before the page loads, leave `record` in the browser, dated `days` from today."""
    page.add_init_script(script=f"({SEED_JS})({json.dumps([QUIZ_RESULT_KEY, record, days])})")


def quiz_ask(page: Page):
    return page.get_by_text(QUIZ_ASK)


def kept_on_routine_page(page: Page):
    return page.locator(".lowback-quiz-kept")


# -- the quiz keeps its latest result shown -------------------------------------------------


def test_a_later_result_replaces_the_saved_one_whatever_it_is(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    page.wait_for_timeout(1_000)
    assert stored(page) is None, "an empty quiz at page load keeps nothing"
    answer(page, ALL_CLEAR)
    page.wait_for_timeout(500)
    assert stored(page) is None, "answers not yet shown as a result keep nothing"
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("status").filter(has_text="Your result")).to_contain_text(
        "The routine may help"
    )
    wait_stored(page, "routine_may_help")
    today = page.evaluate(f"({LOCAL_DATE_JS})(0)")
    assert stored(page) == {"outcome": "routine_may_help", "date": today, "rules": RULES_VERSION}
    # A fever ticked afterwards is shown at once, and replaces the record.
    answer(page, NEW_FEVER)
    expect(page.get_by_role("status").filter(has_text="Your result")).to_contain_text(
        "See a doctor today"
    )
    wait_stored(page, "urgent")
    assert stored(page) == {"outcome": "urgent", "date": today, "rules": RULES_VERSION}
    # And the routine page, in the same browser, asks about the quiz again.
    open_routine(page, voila)
    expect(quiz_ask(page)).to_be_visible()


def test_start_over_and_forget_my_answer_remove_the_saved_result(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    kept = page.get_by_text("This browser keeps two things, on this device only, not on our server")
    expect(kept).to_be_visible()
    expect(kept).to_contain_text(f"The routine page trusts it for {TRUST_DAYS} days")
    answer(page, ALL_CLEAR)
    page.get_by_role("button", name="See my result").click()
    wait_stored(page, "routine_may_help")
    page.get_by_role("button", name="Start over").click()
    wait_stored(page, None)

    answer(page, ALL_CLEAR)
    page.get_by_role("button", name="See my result").click()
    wait_stored(page, "routine_may_help")
    page.get_by_role("button", name="Forget my answer").click()
    wait_stored(page, None)
    expect(page.get_by_text("this browser no longer keeps your result")).to_be_visible()
    open_routine(page, voila)
    expect(quiz_ask(page)).to_be_visible()
    expect(kept_on_routine_page(page)).to_be_hidden()


# -- the routine page goes by a trusted record only -------------------------------------------


@pytest.mark.parametrize(
    ("record", "days", "trusted"),
    [
        ({"outcome": "routine_may_help", "rules": RULES_VERSION}, 0, True),
        ({"outcome": "routine_may_help", "rules": RULES_VERSION}, -TRUST_DAYS, True),
        ({"outcome": "routine_may_help", "rules": RULES_VERSION}, -TRUST_DAYS - 1, False),
        ({"outcome": "routine_may_help", "rules": RULES_VERSION}, 1, False),
        ({"outcome": "routine_may_help", "rules": RULES_VERSION - 1}, 0, False),
        ({"outcome": "urgent", "rules": RULES_VERSION}, 0, False),
        ({"outcome": "routine_may_help"}, None, False),  # as the first quiz kept it
        ("not json {", None, False),
    ],
    ids=[
        "today",
        "14-days-old",
        "15-days-old",
        "tomorrow",
        "old-rules",
        "urgent",
        "undated",
        "garbage",
    ],
)
def test_the_routine_page_goes_by_a_current_fortnight_old_may_help_only(
    page: Page, voila: VoilaServer, record, days, trusted
):
    seed(page, record, days)
    open_routine(page, voila)
    kept = kept_on_routine_page(page)
    expect(kept).to_be_visible()  # something is kept: it says so, and it can be forgotten
    expect(kept.get_by_role("button", name=WORDS["quiz_forget"])).to_be_visible()
    if trusted:
        expect(quiz_ask(page)).to_be_hidden()
        expect(kept).to_contain_text("your quiz result of")
        expect(kept).to_contain_text(f"trusts it for {TRUST_DAYS} days")
    else:
        expect(quiz_ask(page)).to_be_visible()
        expect(kept).to_contain_text("this page cannot go by")
    # Whatever it trusts, the check before Start is asked all the same.
    expect(since_check(page)).to_be_visible()


def test_forget_my_answer_on_the_routine_page_asks_about_the_quiz_again(
    page: Page, voila: VoilaServer
):
    seed(page, {"outcome": "routine_may_help", "rules": RULES_VERSION}, -3)
    open_routine(page, voila)
    expect(quiz_ask(page)).to_be_hidden()
    page.get_by_role("button", name=WORDS["quiz_forget"]).click()
    expect(quiz_ask(page)).to_be_visible()
    expect(kept_on_routine_page(page)).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text=WORDS["quiz_forgotten"])).to_be_visible()
    assert stored(page) is None
    page.reload()
    expect(phase_name(page)).to_have_text("Ready")
    expect(quiz_ask(page)).to_be_visible()
    # The existing way on still works: "I have done the quiz" answers it for this visit.
    page.get_by_role("button", name=WORDS["quiz_done"]).click()
    expect(quiz_ask(page)).to_be_hidden()
    expect(since_check(page).get_by_role("checkbox").first).to_be_focused()


# -- the check before every Start ---------------------------------------------------------------


def first_sign(level: str) -> str:
    return next(s.words for s in since_quiz_signs() if s.level == level)


def test_a_sign_ticked_before_start_shows_its_advice_and_never_starts(
    page: Page, voila: VoilaServer
):
    open_routine(page, voila)
    settle(page, {"Get ready, seconds": "5", "Repetitions": "2"})
    check = since_check(page)
    message = page.locator(".lowback-message")
    # Unanswered: Start says what is missing, and the reader is taken to the check.
    expect(start(page)).to_have_attribute("aria-disabled", "true")
    start(page).click(force=True)
    expect(message).to_have_text(SINCE_QUIZ_WORDS["unanswered"])
    expect(check.get_by_role("checkbox").first).to_be_focused()
    page.wait_for_timeout(500)
    expect(phase_name(page)).to_have_text("Ready")

    # An emergency sign: the advice, with numbers to tap, and no start.
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).check()
    advice = page.get_by_role("alert").filter(has_text="Do not start the routine")
    expect(advice).to_contain_text(SINCE_QUIZ_WORDS["emergency"])
    expect(advice.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    assert serious_accessibility_violations(page) == []
    start(page).click(force=True)
    expect(message).to_have_text(SINCE_QUIZ_WORDS["not_today"])
    page.wait_for_timeout(500)
    expect(phase_name(page)).to_have_text("Ready")

    # A same-day sign instead: see a doctor today, and still no start.
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).uncheck()
    check.get_by_role("checkbox", name=first_sign("urgent"), exact=True).check()
    expect(advice).to_contain_text(SINCE_QUIZ_WORDS["urgent"])
    expect(advice.get_by_role("link")).to_have_count(0)
    start(page).click(force=True)
    page.wait_for_timeout(500)
    expect(phase_name(page)).to_have_text("Ready")

    # "None of these" takes the sign's place; then Start runs.
    nothing_new(page)
    expect(check.get_by_role("checkbox", name=first_sign("urgent"), exact=True)).not_to_be_checked()
    expect(advice).to_have_count(0)
    expect(start(page)).not_to_have_attribute("aria-disabled", "true")
    start(page).click()
    expect(phase_name(page)).to_have_text("Get ready")
    expect(page.locator(".lowback-time")).to_have_text("4 s left", timeout=5_000)

    # Every Start has its own answer: after Reset the check is asked again.
    page.get_by_role("button", name="Reset").click()
    expect(phase_name(page)).to_have_text("Ready")
    expect(check).to_be_visible()
    expect(check.get_by_role("checkbox", name=SINCE_QUIZ_WORDS["none"])).not_to_be_checked()
    expect(start(page)).to_have_attribute("aria-disabled", "true")


def test_the_advice_before_start_names_the_readers_own_number_and_this_browser_remembers_it(
    page: Page, voila: VoilaServer
):
    """Issue 23, item 7: the routine page asks where the reader is once, when neither the link nor
    the browser says; until then the advice lists the common numbers. It words the advice only:
    Start works with or without it."""
    open_routine(page, voila)
    ask = page.get_by_role("group", name=REGION_WORDS["question"])
    expect(ask).to_be_visible()
    check = since_check(page)
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).check()
    advice = page.get_by_role("alert").filter(has_text="Do not start the routine")
    expect(advice).to_contain_text(SINCE_QUIZ_WORDS["emergency"])  # the common numbers
    expect(advice.get_by_role("link")).to_have_count(5)
    ask.get_by_role("button", name="United States").click()
    expect(ask).to_be_hidden()
    expect(page.get_by_text("Where you are: United States.")).to_be_visible()
    # The advice shown is reworded at once, with the one number that works there.
    expect(advice).to_contain_text("Do not start the routine. Call 911 or go to the emergency room")
    expect(advice.get_by_role("link")).to_have_count(1)
    expect(advice.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    assert page.evaluate("key => window.localStorage.getItem(key)", REGION_KEY) == "us"
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).uncheck()
    check.get_by_role("checkbox", name=first_sign("urgent"), exact=True).check()
    expect(advice).to_contain_text("See a doctor today (phone your GP surgery or an urgent care")
    nothing_new(page)
    expect(start(page)).not_to_have_attribute("aria-disabled", "true")

    # The next visit in this browser is not asked again; the reader can still change it.
    page.reload()
    expect(phase_name(page)).to_have_text("Ready")
    expect(ask).to_be_hidden()
    expect(page.get_by_text("Where you are: United States.")).to_be_visible()
    page.get_by_role("button", name=REGION_WORDS["change"]).click()
    expect(ask.get_by_role("button").first).to_be_focused()
    ask.get_by_role("button", name="United Kingdom").click()
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).check()
    expect(advice).to_contain_text("Call 999 or go to A&E now")
    assert page.evaluate("key => window.localStorage.getItem(key)", REGION_KEY) == "uk"

    # A link that names a region goes before this browser's memory.
    open_rendered(page, voila.page_url(f"{ROUTINE}?region=au&reps=2"))
    expect(page.get_by_text("Where you are: Australia, as your link says.")).to_be_visible()
    expect(ask).to_be_hidden()
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).check()
    expect(advice.get_by_role("link", name="Call 000")).to_have_attribute("href", "tel:000")
    assert serious_accessibility_violations(page) == []


def test_the_check_before_start_fits_a_phone_and_a_thumb(phone: Page, voila: VoilaServer):
    open_routine(phone, voila)
    check = since_check(phone)
    check.get_by_role("checkbox", name=first_sign("emergency"), exact=True).tap()
    links = check.get_by_role("link")
    expect(links.first).to_be_visible()
    found = check.evaluate(
        """(box) => {
          const rows = [...box.querySelectorAll('label'), ...box.querySelectorAll('a')];
          const say = (e) => e.textContent.trim().slice(0, 30);
          return {
            small: rows.filter((e) => e.getBoundingClientRect().height < 44).map(say),
            narrow: [...box.querySelectorAll('p')]
              .filter((e) => e.getBoundingClientRect().width < 320).map(say),
            smallText: [box, ...box.querySelectorAll('legend, p, label, a')]
              .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 16).map(say),
            pastRight: [box, ...box.querySelectorAll('*')]
              .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map(say),
            scrollWidth: document.documentElement.scrollWidth,
          };
        }"""
    )
    assert found == {
        "small": [],
        "narrow": [],
        "smallText": [],
        "pastRight": [],
        "scrollWidth": 390,
    }
    # One tap on "None of these" and Start runs.
    nothing_new(phone, tap=True)
    expect(links).to_have_count(0)
    start(phone).tap()
    expect(phase_name(phone)).to_have_text("Get ready")
