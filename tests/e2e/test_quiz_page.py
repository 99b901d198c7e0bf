"""The screening quiz in Voila, answered in Chromium as a reader would, mouse or keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lowback.screening import QUESTIONS, option_label, question

from .conftest import VoilaServer, open_rendered, serious_accessibility_violations

pytestmark = pytest.mark.e2e

QUIZ = "02_screening_quiz.ipynb"
MATCHING_READER = {q.id: False for q in QUESTIONS if q.kind == "yes_no"} | {
    "pain_spot": "beside_psis",
    "press_reproduces": True,
    "age": 35,
}


def open_quiz(page: Page, voila: VoilaServer) -> None:
    open_rendered(page, voila.page_url(QUIZ))
    page.get_by_role("button", name="See my result").wait_for()


def answer(page: Page, question_id: str, value: object) -> None:
    q = question(question_id)
    if q.kind == "yes_no":
        page.get_by_role("combobox", name=q.text).select_option("Yes" if value else "No")
    elif q.kind == "choice":
        page.get_by_role("radio", name=option_label(question_id, value)).check()
    else:
        page.get_by_role("textbox", name=q.text).fill(str(value))
        page.get_by_role("textbox", name=q.text).press("Enter")


def result(page: Page):
    return page.get_by_role("status")


def test_a_matching_reader_is_told_the_routine_may_help_and_can_follow_the_link(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    for question_id, value in MATCHING_READER.items():
        answer(page, question_id, value)
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("The routine may help")
    link = page.get_by_role("link", name="Go to the routine and its timer")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/03_routine_timer.ipynb")
    page.get_by_role("heading", level=1).first.wait_for()
    expect(page.locator("body")).not_to_contain_text("404")


def test_numbness_around_the_genitals_is_an_emergency_at_once_with_the_rest_unanswered(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    answer(page, "saddle_numbness", True)
    alert = page.get_by_role("alert").filter(has_text="Call emergency services now")
    expect(alert).to_be_visible()
    expect(result(page)).to_contain_text("Call emergency services now")
    expect(page.get_by_role("link", name="Go to the routine and its timer")).to_have_count(0)
    # Asking for the result changes nothing: the unanswered questions cannot soften it.
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("Call emergency services now")
    expect(result(page)).not_to_contain_text("Still to answer")


def test_a_reader_who_skips_a_question_is_shown_which_one(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    skipped = question("night_pain")
    for question_id, value in MATCHING_READER.items():
        if question_id != skipped.id:
            answer(page, question_id, value)
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("Answer the questions shown")
    expect(result(page).get_by_role("listitem")).to_have_text([f"Not answered yet: {skipped.text}"])
    expect(page.get_by_text("Please answer this question.")).to_have_count(1)
    expect(page.get_by_role("link", name="Go to the routine and its timer")).to_have_count(0)


def test_an_age_that_cannot_be_read_gets_a_plain_message_and_counts_as_unanswered(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    for question_id, value in MATCHING_READER.items():
        answer(page, question_id, "forty" if question_id == "age" else value)
    expect(page.get_by_role("alert")).to_contain_text("whole number of years")
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("Answer the questions shown")


def test_start_over_clears_every_answer_and_the_result(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    answer(page, "saddle_numbness", True)
    expect(result(page)).to_contain_text("Call emergency services now")
    page.get_by_role("button", name="Start over").click()
    expect(result(page)).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("combobox", name=question("saddle_numbness").text)).to_have_value(
        "Choose an answer"
    )


def test_the_whole_quiz_can_be_completed_with_the_keyboard_alone(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    first_spot_option = page.get_by_role("radio", name=option_label("pain_spot", "beside_psis"))
    first_spot_option.focus()
    page.keyboard.press("Space")  # choose the spot
    for q in QUESTIONS[1:]:
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        # Tab past the other options of the spot question until a question's own control has focus.
        while focused.get_attribute("type") == "radio":
            page.keyboard.press("Tab")
        if q.kind == "yes_no":
            expect(page.get_by_role("combobox", name=q.text)).to_be_focused()
            # From "Choose an answer": one step down is Yes, two are No.
            presses = 1 if MATCHING_READER[q.id] else 2
            for _ in range(presses):
                page.keyboard.press("ArrowDown")
        else:
            expect(page.get_by_role("textbox", name=q.text)).to_be_focused()
            page.keyboard.type(str(MATCHING_READER[q.id]))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="See my result")).to_be_focused()
    page.keyboard.press("Enter")
    expect(result(page)).to_contain_text("The routine may help")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start over")).to_be_focused()
    page.keyboard.press("Space")
    expect(result(page)).to_have_count(0)


def test_axe_finds_no_serious_or_critical_violations_on_the_quiz_page(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    assert serious_accessibility_violations(page) == []
    answer(page, "saddle_numbness", True)
    expect(result(page)).to_contain_text("Call emergency services now")
    assert serious_accessibility_violations(page) == []
