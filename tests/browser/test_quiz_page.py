"""The screening quiz in Voila, answered in Chromium as a reader would: mouse, keyboard, or a
finger on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness.voila_server import VoilaServer
from lowback.pages import REGION_KEY, ROUTINE, ROUTINE_TIMER_ID
from lowback.regions import COMMON_NUMBERS, REGIONS
from lowback.screening import (
    OUTCOME_ADVICE,
    SECTIONS,
    option_label,
    question,
    questions_in_section,
    safety_net,
    section,
    section_is_asked,
)
from lowback.widgets.quiz import NOT_CHOSEN

from .conftest import ARTIFACTS, open_rendered, serious_accessibility_violations
from .quiz_driver import (
    CHECKLISTS,
    MATCHING_READER,
    QUIZ,
    answer,
    choose_region,
    none_box,
    region_choice,
    sign_box,
)

pytestmark = pytest.mark.e2e

EMERGENCY = OUTCOME_ADVICE["emergency"].headline


def open_quiz(page: Page, voila: VoilaServer) -> None:
    open_rendered(page, voila.page_url(QUIZ))
    page.get_by_role("button", name="See my result").wait_for()


def result(page: Page):
    return page.get_by_role("status")


def test_a_matching_reader_is_told_the_routine_may_help_and_can_follow_the_link(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    answer(page, MATCHING_READER)
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("The routine may help")
    expect(result(page)).to_contain_text(safety_net("routine_may_help").emergency_lead)
    link = page.get_by_role("link", name="Go to the routine and its timer")
    expect(link).to_be_visible()
    link.click()
    # To the timer, not the top of a ten-screen page.
    page.wait_for_url(f"**/{ROUTINE}#{ROUTINE_TIMER_ID}")
    page.get_by_role("heading", level=1).first.wait_for()
    expect(page.locator("body")).not_to_contain_text("404")
    expect(page.locator(f"#{ROUTINE_TIMER_ID}")).to_be_in_viewport()


def test_numbness_around_the_genitals_is_an_emergency_at_once_with_the_rest_unanswered(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    answer(page, {"saddle_numbness": True})
    alert = page.get_by_role("alert").filter(has_text=EMERGENCY)
    expect(alert).to_be_visible()
    expect(result(page)).to_contain_text(EMERGENCY)
    expect(page.get_by_role("link", name="Go to the routine and its timer")).to_have_count(0)
    # Asking for the result changes nothing: the unanswered questions cannot soften it.
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text(EMERGENCY)
    expect(result(page)).not_to_contain_text("Still to answer")


def test_a_reader_who_skips_a_question_is_shown_which_one(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    skipped = question("press_reproduces")
    answer(page, {k: v for k, v in MATCHING_READER.items() if k != skipped.id})
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("Answer the questions shown")
    still = result(page).get_by_role("list", name="Still to answer")
    expect(still.get_by_role("listitem")).to_have_text([f"Not answered yet: {skipped.text}"])
    expect(page.get_by_text("Please answer this question.")).to_have_count(1)
    expect(page.get_by_role("link", name="Go to the routine and its timer")).to_have_count(0)


def test_an_untouched_checklist_counts_as_unanswered_not_as_no(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    skipped = question("night_pain").section
    in_skipped = {q.id for q in questions_in_section(skipped)}
    answer(page, {k: v for k, v in MATCHING_READER.items() if k not in in_skipped})
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("Answer the questions shown")
    still = result(page).get_by_role("list", name="Still to answer")
    expect(still.get_by_role("listitem")).to_have_count(len(in_skipped))
    expect(page.get_by_text("Please tick each one that applies")).to_have_count(1)
    # Ticking the group's "None of these" answers every sign in it.
    none_box(page, skipped).check()
    expect(result(page)).to_contain_text("The routine may help")


def test_an_age_that_cannot_be_read_gets_a_plain_message_and_counts_as_unanswered(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    answer(page, MATCHING_READER | {"age": "forty"})
    expect(page.get_by_role("alert")).to_contain_text("whole number of years")
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("Answer the questions shown")


def test_start_over_clears_every_answer_and_the_result(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    answer(page, {"saddle_numbness": True, "press_reproduces": True})
    expect(result(page)).to_contain_text(EMERGENCY)
    page.get_by_role("button", name="Start over").click()
    expect(result(page)).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(sign_box(page, "saddle_numbness")).not_to_be_checked()
    expect(page.get_by_role("combobox", name=question("press_reproduces").text)).to_have_value(
        "Choose an answer"
    )


def test_the_whole_quiz_can_be_completed_with_the_keyboard_alone(page: Page, voila: VoilaServer):
    open_quiz(page, voila)
    first_spot_option = page.get_by_role("radio", name=option_label("pain_spot", "beside_psis"))
    first_spot_option.focus()
    page.keyboard.press("Space")  # choose the spot

    def tab_to(target) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError("Tab never reached the control")

    press = page.get_by_role("combobox", name=question("press_reproduces").text)
    tab_to(press)
    page.keyboard.press("ArrowDown")  # from "Choose an answer", one step down is Yes
    for title, _why in SECTIONS[1:-1]:
        if not section_is_asked(title, MATCHING_READER):
            continue  # NICE NG65's criteria: asked only after "yes, it began young"
        if title in CHECKLISTS:
            # Tab passes each sign of the list, then reaches its "None of these".
            tab_to(none_box(page, title))
            page.keyboard.press("Space")
            expect(none_box(page, title)).to_be_checked()
            continue
        for q in questions_in_section(title):
            if q.kind == "choice":  # the accident: "No"
                no = page.get_by_role("radio", name=option_label(q.id, "no"), exact=True)
                tab_to(no)
                page.keyboard.press("Space")
                expect(no).to_be_checked()
            else:
                box = page.get_by_role("combobox", name=q.text)
                tab_to(box)
                page.keyboard.press("ArrowDown")
                page.keyboard.press("ArrowDown")  # two steps down from "Choose an answer": No
                expect(box).to_have_value("No")
    age = page.get_by_role("textbox", name=question("age").text)
    tab_to(age)
    page.keyboard.type("35")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="See my result")).to_be_focused()
    page.keyboard.press("Enter")
    expect(result(page)).to_contain_text("The routine may help")
    # The focus moves to the result, so a screen reader reads it; Tab goes on to its link.
    page.wait_for_function("() => document.activeElement.id.startsWith('lowback-result-')")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Go to the routine and its timer")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Start over")).to_be_focused()
    page.keyboard.press("Space")
    expect(result(page)).to_have_count(0)


def test_a_reader_on_a_phone_answers_by_touch_in_a_few_taps(phone: Page, voila: VoilaServer):
    open_quiz(phone, voila)
    answer(phone, MATCHING_READER, tap=True)
    for title in CHECKLISTS:
        if not section_is_asked(title, MATCHING_READER):
            continue  # NICE NG65's criteria: asked only after "yes, it began young"
        box = none_box(phone, title)
        expect(box).to_be_checked()
        # The whole "None of these" line is a target a thumb can hit.
        label = phone.locator("label.widget-label-basic", has=box)
        assert label.bounding_box()["height"] >= 44
    phone.get_by_role("button", name="See my result").tap()
    expect(result(phone)).to_contain_text("The routine may help")
    # A sign tapped after "None of these" takes its place, and the answer follows at once.
    sign_box(phone, "hip_surgery").tap()
    expect(none_box(phone, section(question("hip_surgery").section).title)).not_to_be_checked()
    expect(result(phone)).to_contain_text("Book a check with a GP or physiotherapist")
    # Nothing is cut off at the right edge of a 390 px screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def emergency_panel(page: Page):
    """The emergency panel at the top of the quiz, first in reading order."""
    return page.get_by_role("region", name="Emergency")


def test_an_emergency_lists_the_common_numbers_until_the_reader_says_where_they_are(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    expect(region_choice(page)).to_have_value(NOT_CHOSEN)
    # The emergency does not wait for the region: it shows at once, with the common numbers.
    answer(page, {"saddle_numbness": True})
    calls = emergency_panel(page).get_by_role("group", name="Call for help").get_by_role("link")
    expect(calls).to_have_count(len(COMMON_NUMBERS))
    for number in COMMON_NUMBERS:
        expect(calls.filter(has_text=f"Call {number}")).to_have_attribute("href", f"tel:{number}")
    expect(result(page)).to_contain_text("your local emergency number")


def test_choosing_the_uk_says_999_and_a_and_e_and_the_choice_is_remembered_after_a_reload(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    answer(page, {"saddle_numbness": True})
    expect(result(page)).to_contain_text(EMERGENCY)
    choose_region(page, "uk")
    expect(result(page)).to_contain_text("Call 999 or go to A&E now")
    expect(result(page)).not_to_contain_text("your local emergency number")
    for panel in (emergency_panel(page), result(page)):
        call = panel.get_by_role("link", name="Call 999", exact=True)
        expect(call).to_have_attribute("href", "tel:999")
        expect(panel.get_by_role("link", name="Call 911")).to_have_count(0)
    page.wait_for_function("key => window.localStorage.getItem(key) === 'uk'", arg=REGION_KEY)
    # The next visit, in this browser: the choice is read back, and the words follow it.
    page.reload()
    page.get_by_role("button", name="See my result").wait_for()
    expect(region_choice(page)).to_have_value(REGIONS["uk"].name)
    answer(page, {"both_legs": True})
    expect(result(page)).to_contain_text("Call 999 or go to A&E now")
    expect(emergency_panel(page).get_by_role("link", name="Call 999", exact=True)).to_be_visible()
    # Start over forgets the answers, not where the reader is; "Not chosen" forgets that too.
    page.get_by_role("button", name="Start over").click()
    expect(result(page)).to_have_count(0)
    expect(region_choice(page)).to_have_value(REGIONS["uk"].name)
    region_choice(page).select_option(label=NOT_CHOSEN)
    page.wait_for_function("key => window.localStorage.getItem(key) === null", arg=REGION_KEY)


def test_a_region_in_storage_that_is_not_a_region_is_ignored(page: Page, voila: VoilaServer):
    page.add_init_script(
        script=f"try {{ localStorage.setItem({REGION_KEY!r}, '<b>uk</b>'); }} catch (e) {{}}"
    )
    open_quiz(page, voila)
    answer(page, {"saddle_numbness": True})
    expect(result(page)).to_contain_text("your local emergency number")
    expect(region_choice(page)).to_have_value(NOT_CHOSEN)


def test_a_phone_reader_chooses_where_they_are_with_one_44_px_control(
    phone: Page, voila: VoilaServer
):
    open_quiz(phone, voila)
    choice = region_choice(phone)
    box = choice.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 390
    answer(phone, {"saddle_numbness": True}, tap=True)
    choose_region(phone, "uk")
    expect(result(phone)).to_contain_text("Call 999 or go to A&E now")
    emergency_panel(phone).get_by_role("link", name="Call 999", exact=True).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_axe_finds_no_serious_or_critical_violations_on_the_quiz_page(
    page: Page, voila: VoilaServer
):
    open_quiz(page, voila)
    assert serious_accessibility_violations(page) == []
    answer(page, {"saddle_numbness": True})
    expect(result(page)).to_contain_text(EMERGENCY)
    assert serious_accessibility_violations(page) == []


def test_the_routine_page_asks_about_the_quiz_until_the_quiz_says_the_routine_may_help(
    page: Page, voila: VoilaServer
):
    open_rendered(page, voila.page_url(ROUTINE))
    ask = page.get_by_text("Have you done the screening quiz?")
    expect(ask).to_be_visible()
    expect(page.get_by_role("link", name="Do the screening quiz first")).to_have_attribute(
        "href", QUIZ
    )
    open_quiz(page, voila)
    answer(page, MATCHING_READER)
    page.get_by_role("button", name="See my result").click()
    expect(result(page)).to_contain_text("The routine may help")
    # Kept in this browser only: the routine page now goes straight to the timer.
    open_rendered(page, voila.page_url(ROUTINE))
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    expect(page.get_by_text("Have you done the screening quiz?")).to_be_hidden()


# --- Results that lead somewhere (issue 24), on a phone ------------------------------------------


def next_the_routine(page: Page):
    """The page's own "Next: the routine" links (its navigation lines, above and below)."""
    return page.locator(f'#rendered_cells a[href="{ROUTINE}"]').filter(has_text="Next:")


def test_next_the_routine_is_offered_only_under_a_may_help_result(phone: Page, voila: VoilaServer):
    open_quiz(phone, voila)
    expect(next_the_routine(phone)).to_have_count(2)
    expect(next_the_routine(phone).first).to_be_visible()  # nothing shown yet: it stays
    answer(phone, MATCHING_READER, tap=True)
    phone.get_by_role("button", name="See my result").tap()
    expect(result(phone)).to_contain_text("The routine may help")
    expect(next_the_routine(phone).first).to_be_visible()
    go = phone.get_by_role("link", name="Go to the routine and its timer")
    expect(go).to_have_attribute("href", f"{ROUTINE}#{ROUTINE_TIMER_ID}")
    # See a clinician, then a same-day sign, then an emergency: the routine is not next.
    for sign, words in (
        ("hip_surgery", OUTCOME_ADVICE["see_clinician"].headline),
        ("night_pain", OUTCOME_ADVICE["urgent"].headline),
        ("saddle_numbness", EMERGENCY),
    ):
        sign_box(phone, sign).tap()
        expect(result(phone)).to_contain_text(words)
        for link in next_the_routine(phone).all():
            expect(link).to_be_hidden()
    phone.screenshot(path=ARTIFACTS / "phone_quiz_emergency_no_next.png")
    # Start over: no result, so the way on is there again.
    phone.get_by_role("button", name="Start over").tap()
    expect(result(phone)).to_have_count(0)
    expect(next_the_routine(phone).first).to_be_visible()


def test_a_same_day_result_in_the_uk_offers_to_call_111(phone: Page, voila: VoilaServer):
    open_quiz(phone, voila)
    choose_region(phone, "uk")
    answer(phone, {"night_pain": True}, tap=True)
    expect(result(phone)).to_contain_text(OUTCOME_ADVICE["urgent"].headline)
    call = result(phone).get_by_role("group", name="Get help today").get_by_role("link")
    expect(call).to_have_text("Call NHS 111")
    expect(call).to_have_attribute("href", "tel:111")
    assert call.bounding_box()["height"] >= 44
    call.scroll_into_view_if_needed()
    phone.screenshot(path=ARTIFACTS / "phone_quiz_same_day_call.png")


def test_ticking_an_emergency_sign_leaves_the_tapped_box_under_the_finger(
    phone: Page, voila: VoilaServer
):
    open_quiz(phone, voila)
    # As Safari on an iPhone: no scroll anchoring of the browser's own to hide a jump.
    phone.add_style_tag(content="html, body, * { overflow-anchor: none !important; }")
    box = sign_box(phone, "saddle_numbness")
    box.scroll_into_view_if_needed()
    before = box.bounding_box()["y"]
    box.tap()
    # The emergency panel is drawn at the top of the quiz, above the box...
    expect(emergency_panel(phone)).to_be_visible()
    expect(phone.get_by_role("alert").filter(has_text=EMERGENCY)).to_be_visible()
    phone.wait_for_timeout(300)  # ...and the page has settled
    assert abs(box.bounding_box()["y"] - before) <= 4
    expect(box).to_be_checked()
