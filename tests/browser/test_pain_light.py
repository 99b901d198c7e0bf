"""The pain traffic light on the routine page, on a phone, as a reader meets it: a small rise
after the exercise is green and sends nobody to a GP; a leg symptom is red whatever the score;
and the next day the page asks whether the pain was back to usual that morning, and the advice
follows the answer. The light is decided in the page (lowback/widgets/js/pain_light.js, the
mirror of lowback.pain.pain_light), so it shows with the connection cut."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from harness.routine_driver import SHORT, nothing_new, settle, start
from harness.voila_server import VoilaServer
from lowback.pages import SESSIONS_KEY
from lowback.pain import pain_light
from lowback.widgets.pain_view import PAIN_WORDS

from .conftest import ARTIFACTS, open_rendered
from .test_routine_page import ROUTINE

pytestmark = pytest.mark.e2e

QUICK = SHORT  # the shortest routine the settings allow: about 19 s to the last hold
STORED = "key => JSON.parse(window.localStorage.getItem(key) || 'null')"


def light(page: Page):
    """The light's panel under the routine (after a session) or at its top (the next visit)."""
    return page.locator(".lowback-pain-message[data-light]")


def stop_question(page: Page):
    return page.get_by_role("group", name=PAIN_WORDS["stop_question"])


def shot(page: Page, name: str, panel) -> None:
    panel.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"phone_pain_light_{name}.png")


def test_a_one_point_rise_is_green_and_a_leg_symptom_turns_it_red(phone: Page, voila: VoilaServer):
    open_rendered(phone, voila.page_url(ROUTINE))
    settle(phone, QUICK)
    phone.get_by_role("combobox", name="Pain before, 0 to 10").select_option("3")
    nothing_new(phone, tap=True)
    start(phone).tap()
    # The last hold: the only phase in which the reader can end it (its button's words are the
    # player's to choose).
    finish = phone.locator(".lowback-button--finish")
    expect(finish).to_be_enabled(timeout=45_000)
    finish.tap()
    # From here on the page is on its own: the light needs no kernel.
    phone.context.set_offline(True)
    try:
        phone.get_by_role("button", name="Rate my pain now").tap()
        phone.get_by_role("combobox", name="Pain after, 0 to 10").select_option("4")
        expected = pain_light(3, 4)
        expect(light(phone)).to_have_attribute("data-light", "green")
        expect(light(phone)).to_have_attribute("role", "status")
        expect(light(phone)).to_contain_text(expected.headline)
        expect(light(phone)).to_contain_text("went up by 1 point, from 3 to 4")
        expect(light(phone)).not_to_contain_text("GP")
        shot(phone, "green", light(phone))

        stop_question(phone).get_by_role("radio", name=PAIN_WORDS["yes"]).check()
        red = pain_light(3, 4, stop_symptoms=True)
        expect(light(phone)).to_have_attribute("data-light", "red")
        expect(phone.get_by_role("alert").filter(has_text=red.headline)).to_be_visible()
        expect(light(phone)).to_contain_text("whatever your pain score")
        shot(phone, "red", light(phone))
    finally:
        phone.context.set_offline(False)
    (record,) = phone.evaluate(STORED, SESSIONS_KEY)
    assert (record["pain_before"], record["pain_after"], record["stop_symptoms"]) == (3, 4, True)
    assert record.get("settled_next_morning") is None

    # Changing the answer to No brings the green light back, and the record follows.
    stop_question(phone).get_by_role("radio", name=PAIN_WORDS["no"]).check()
    expect(light(phone)).to_have_attribute("data-light", "green")
    (record,) = phone.evaluate(STORED, SESSIONS_KEY)
    assert record["stop_symptoms"] is False


def seed(page: Page, records: list[dict]) -> None:
    """Records kept by earlier visits, stored before the page first loads (and not again)."""
    key, text = json.dumps(SESSIONS_KEY), json.dumps(json.dumps(records))
    store = "window.localStorage"
    page.add_init_script(f"if ({store}.getItem({key}) === null) {store}.setItem({key}, {text})")


def morning_question(page: Page):
    return page.get_by_role("group", name=PAIN_WORDS["morning_question"])


def test_the_next_day_asks_about_the_morning_and_the_advice_follows_the_answer(
    phone: Page, voila: VoilaServer
):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    older = (date.today() - timedelta(days=3)).isoformat()
    session = {"side": "right", "reps": 10, "pain_before": 3, "pain_after": 4, "hold_s": 30.0}
    # One stored before the later fields existed, then yesterday's: only the newest is asked.
    seed(phone, [session | {"date": older}, session | {"date": yesterday, "stop_symptoms": False}])
    open_rendered(phone, voila.page_url(ROUTINE))
    question = morning_question(phone)
    expect(question).to_be_visible()
    expect(light(phone)).to_have_count(0)
    shot(phone, "morning_question", question)

    question.get_by_role("radio", name=PAIN_WORDS["no"]).check()
    amber = pain_light(3, 4, settled_next_morning=False)
    expect(light(phone)).to_have_attribute("data-light", "amber")
    expect(light(phone)).to_contain_text(amber.headline)
    expect(light(phone)).to_contain_text("fewer repetitions, or a smaller lift")
    expect(light(phone)).to_contain_text("see a physiotherapist")
    shot(phone, "morning_amber", light(phone))
    stored = phone.evaluate(STORED, SESSIONS_KEY)
    assert [r.get("settled_next_morning") for r in stored] == [None, False]

    question.get_by_role("radio", name=PAIN_WORDS["yes"]).check()
    expect(light(phone)).to_have_attribute("data-light", "green")
    expect(light(phone)).to_contain_text(pain_light(3, 4, settled_next_morning=True).headline)
    assert phone.evaluate(STORED, SESSIONS_KEY)[-1]["settled_next_morning"] is True
    # The history still reads every record, old and new.
    expect(phone.locator(".lowback-history-summary")).to_contain_text("2 sessions")

    # Asked once: the next visit has its answer, and does not ask again.
    open_rendered(phone, voila.page_url(ROUTINE))
    expect(phone.locator(".lowback-history-summary")).to_contain_text("2 sessions")
    expect(morning_question(phone)).to_have_count(0)
    expect(phone.locator(".lowback-morning")).to_be_hidden()


def test_a_session_from_today_or_one_without_a_pain_score_after_is_not_asked_about(
    phone: Page, voila: VoilaServer
):
    today = date.today().isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    session = {"side": "left", "reps": 8, "pain_before": 2, "hold_s": None}
    seed(phone, [session | {"date": yesterday, "pain_after": None}])
    open_rendered(phone, voila.page_url(ROUTINE))
    expect(phone.locator(".lowback-history-summary")).to_contain_text("1 session")
    expect(phone.locator(".lowback-morning")).to_be_hidden()
    phone.evaluate(
        "([key, text]) => window.localStorage.setItem(key, text)",
        [SESSIONS_KEY, json.dumps([session | {"date": today, "pain_after": 2}])],
    )
    open_rendered(phone, voila.page_url(ROUTINE))
    expect(phone.locator(".lowback-history-summary")).to_contain_text("Pain stayed the same")
    expect(phone.locator(".lowback-morning")).to_be_hidden()
