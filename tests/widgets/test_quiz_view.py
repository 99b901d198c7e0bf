"""The quiz view only shows what assess() decides: checked in Python, without a browser."""

from __future__ import annotations

from html import escape

import pytest

from lowback.pages import ROUTINE, ROUTINE_TIMER_ID
from lowback.regions import COMMON_NUMBERS, REGION_IDS, REGIONS
from lowback.screening import (
    OUTCOME_ADVICE,
    OUTCOMES,
    Assessment,
    assess,
    question,
    questions_in_section,
    safety_net,
    unanswered_warning_signs,
)
from lowback.widgets import ScreeningQuiz
from lowback.widgets.quiz import (
    NOT_CHOSEN,
    REGION_QUESTION,
    call_links_html,
    result_html,
    same_day_call_html,
)
from tests.support.answers import MATCHING_READER, fill_quiz

NG65_TITLE = question("spa_family").section
fill = fill_quiz


def kept_outcomes(quiz: ScreeningQuiz) -> list[str | None]:
    """Record what the quiz asks the browser to keep (an outcome) or forget (None)."""
    kept: list[str | None] = []
    quiz.page.keep_quiz_result = kept.append  # type: ignore[method-assign]
    quiz.page.forget_quiz_result = lambda: kept.append(None)  # type: ignore[method-assign]
    return kept


def test_a_new_quiz_shows_no_result_and_no_notes():
    quiz = ScreeningQuiz()
    assert quiz.result.value == ""
    assert all(note.value == "" for note in quiz.notes.values())
    assert quiz.answers() == ({}, {})


def test_an_emergency_sign_shows_its_advice_at_once_under_the_question_and_in_the_result():
    quiz = ScreeningQuiz()
    quiz.checks["saddle_numbness"].value = True
    headline = OUTCOME_ADVICE["emergency"].headline
    # Version 3 says what to do (the region's number, here the list) after the headline.
    action = escape(assess({"saddle_numbness": True}).actions[0])
    note = quiz.notes["saddle_numbness"].value
    assert headline in note and action in note
    assert 'role="alert"' in note
    assert headline in quiz.result.value and action in quiz.result.value
    assert ROUTINE not in quiz.result.value


def test_an_urgent_sign_shows_at_once_too():
    quiz = ScreeningQuiz()
    quiz.checks["fever_unwell"].value = True
    assert "See a doctor today" in quiz.result.value


def test_a_recent_serious_accident_shows_the_emergency_at_once():
    quiz = ScreeningQuiz()
    assert [value for _, value in quiz.controls["major_trauma"].options] == [
        "no",
        "last_7_days",
        "earlier",
    ]
    quiz.controls["major_trauma"].value = "last_7_days"
    assert quiz.assessment().outcome == "emergency"
    assert OUTCOME_ADVICE["emergency"].headline in quiz.notes["major_trauma"].value
    assert OUTCOME_ADVICE["emergency"].headline in quiz.alarm.value


def test_a_matching_reader_sees_nothing_until_asking_then_gets_the_routine_link():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER)
    assert quiz.result.value == ""
    quiz.show_result()
    assert quiz.assessment().outcome == "routine_may_help"
    # Straight to the timer, not the top of a ten-screen page.
    assert f'href="{ROUTINE}#{ROUTINE_TIMER_ID}"' in quiz.result.value


def test_see_my_result_points_at_exactly_the_unanswered_questions():
    quiz = ScreeningQuiz()
    fill(quiz, {k: v for k, v in MATCHING_READER.items() if k != "press_reproduces"})
    quiz.show_result()
    flagged = [qid for qid, note in quiz.notes.items() if "Please answer" in note.value]
    assert flagged == ["press_reproduces"]
    assert all(note.value == "" for note in quiz.section_notes.values())
    assert "Still to answer" in quiz.result.value


def test_an_untouched_checklist_is_unanswered_and_asked_for_as_a_whole():
    quiz = ScreeningQuiz()
    skipped = question("night_pain").section
    fill(
        quiz,
        {
            k: v
            for k, v in MATCHING_READER.items()
            if k not in {q.id for q in questions_in_section(skipped)}
        },
    )
    quiz.show_result()
    assessment = quiz.assessment()
    assert assessment.outcome == "incomplete"
    assert set(assessment.missing) == {q.id for q in questions_in_section(skipped)}
    asked = [t for t, note in quiz.section_notes.items() if "Please tick" in note.value]
    assert asked == [skipped]


def test_the_ng65_criteria_are_hidden_and_not_missing_until_long_young_onset_is_yes():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER | {"long_young_onset": False})
    assert quiz.conditional[NG65_TITLE].layout.display == "none"
    quiz.show_result()
    assert quiz.assessment().outcome == "routine_may_help"
    quiz.controls["long_young_onset"].value = True
    assert quiz.conditional[NG65_TITLE].layout.display is None
    assessment = quiz.assessment()
    assert assessment.outcome == "incomplete"
    assert set(assessment.missing) == {q.id for q in questions_in_section(NG65_TITLE)}
    asked = [t for t, note in quiz.section_notes.items() if "Please tick" in note.value]
    assert asked == [NG65_TITLE]
    quiz.controls["long_young_onset"].value = False
    assert quiz.conditional[NG65_TITLE].layout.display == "none"
    assert quiz.assessment().outcome == "routine_may_help"


def test_three_ng65_criteria_ticked_send_the_reader_to_a_gp():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER | {"long_young_onset": True})
    for criterion in ("spa_family", "spa_psoriasis", "spa_arthritis"):
        quiz.checks[criterion].value = True
    quiz.show_result()
    assert quiz.assessment().outcome == "see_clinician"
    assert "HLA-B27" in quiz.result.value


def test_none_of_these_and_a_sign_cannot_both_stay_ticked():
    quiz = ScreeningQuiz()
    title = question("hip_surgery").section
    quiz.none_of_these[title].value = True
    quiz.checks["hip_surgery"].value = True
    assert quiz.none_of_these[title].value is False
    assert quiz.answers()[0]["hip_surgery"] is True
    quiz.none_of_these[title].value = True
    assert quiz.checks["hip_surgery"].value is False
    assert quiz.answers()[0]["hip_surgery"] is False


def test_every_result_but_an_emergency_ends_with_the_safety_net():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER)
    quiz.show_result()
    net = safety_net("routine_may_help")
    assert escape(net.emergency_lead) in quiz.result.value
    assert escape(net.same_day_lead) in quiz.result.value
    for sign in (*net.emergency_signs, *net.same_day_signs):
        assert escape(sign) in quiz.result.value
    quiz.checks["saddle_numbness"].value = True
    assert OUTCOME_ADVICE["emergency"].headline in quiz.result.value
    assert escape(net.emergency_lead) not in quiz.result.value


def test_an_unreadable_age_gets_a_message_beside_the_box_and_counts_as_unanswered():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER | {"age": "forty"})
    answers, problems = quiz.answers()
    assert "age" not in answers and "whole number" in problems["age"]
    assert "whole number" in quiz.notes["age"].value
    quiz.show_result()
    assert quiz.assessment().outcome == "incomplete"


def test_the_result_follows_a_changed_answer_once_shown():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER)
    quiz.show_result()
    quiz.checks["leg_numbness"].value = True
    assert "Book a check with a GP or physiotherapist" in quiz.result.value
    assert ROUTINE not in quiz.result.value


def test_start_over_clears_every_answer_note_and_result():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER | {"saddle_numbness": True})
    quiz.clear()
    assert quiz.answers() == ({}, {})
    assert quiz.result.value == ""
    assert all(note.value == "" for note in quiz.notes.values())


# --- The one record the browser keeps (DESIGN.md, "The saved quiz result") ----------------------


def test_every_outcome_shown_replaces_the_kept_record_and_start_over_removes_it():
    quiz = ScreeningQuiz()
    kept = kept_outcomes(quiz)
    fill(quiz, MATCHING_READER)
    assert kept == []  # nothing shown yet, nothing kept
    quiz.show_result()
    assert kept == ["routine_may_help"]
    quiz.checks["leg_numbness"].value = True
    assert kept == ["routine_may_help", "see_clinician"]
    quiz.clear()
    assert kept[-1] is None


def test_an_emergency_shown_at_once_is_kept_without_see_my_result():
    quiz = ScreeningQuiz()
    kept = kept_outcomes(quiz)
    quiz.checks["both_legs"].value = True
    assert kept == ["emergency"]


# --- The result panel ---------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_result_says_what_to_do_next_in_words(outcome):
    html = result_html(Assessment(outcome, ("an action",), ("a reason",), (), ()))
    assert OUTCOME_ADVICE[outcome].headline in html
    assert OUTCOME_ADVICE[outcome].next_step in html
    assert "a reason" in html
    # What to do is listed for every outcome but "answer the questions shown".
    assert ("an action" in html) == (outcome != "incomplete")
    assert (f'href="{ROUTINE}#{ROUTINE_TIMER_ID}"' in html) == (outcome == "routine_may_help")


def test_a_cancer_result_tells_the_reader_to_say_they_have_had_cancer():
    html = result_html(assess({"cancer_history": True, "leg_weakness": True}))
    assert "cancer team&#x27;s 24-hour line" in html
    assert "Tell them you have had cancer." in html


def test_a_clinician_result_asks_for_the_warning_signs_not_yet_answered():
    html = result_html(assess({"leg_numbness": True}))
    assert "You have not answered every warning sign yet" in html
    assert "Is there numbness around your genitals" in html


def test_with_the_answers_the_result_asks_for_exactly_the_signs_that_could_raise_it():
    answers = {"leg_numbness": True}
    assessment = assess(answers)
    html = result_html(assessment, answers=answers)
    for question_id in unanswered_warning_signs(assessment, answers):
        stem = question(question_id).text.split("\n")[0]
        assert escape(stem) in html, question_id
    assert escape(question("hip_surgery").text) not in html


def test_a_warning_sign_asked_for_again_is_shown_whole_with_its_list():
    # "Since this pain began, have you had any of these?" means nothing without its list.
    answers = {"leg_numbness": True}
    html = result_html(assess(answers), answers=answers)
    assert "not knowing when your bladder is full" in html


def test_the_tap_to_call_links_offer_every_common_emergency_number():
    # DESIGN.md: where the region is not known, list the common numbers (999, 112, 911, 000,
    # 111), each with where it is dialled.
    for unknown in (None, "other", "atlantis"):
        links = call_links_html(unknown)
        for number in COMMON_NUMBERS:
            assert f'href="tel:{number}"' in links, (unknown, number)


@pytest.mark.parametrize("region_id", [r for r in REGION_IDS if r != "other"])
def test_the_tap_to_call_links_offer_only_the_regions_own_numbers(region_id):
    links = call_links_html(region_id)
    numbers = REGIONS[region_id].tel_numbers
    for number in numbers:
        assert f'href="tel:{number}">Call {number}</a>' in links, number
    assert links.count('href="tel:') == len(numbers)


# --- Where the reader is (DESIGN.md, "Regions") -------------------------------------------------


def test_the_quiz_asks_where_you_are_near_the_top_under_the_emergency_panel():
    quiz = ScreeningQuiz()
    assert quiz.region.description == REGION_QUESTION
    assert quiz.region.options[0] == (NOT_CHOSEN, "")
    assert [value for _, value in quiz.region.options[1:]] == list(REGION_IDS)
    assert [label for label, _ in quiz.region.options[1:]] == [r.name for r in REGIONS.values()]
    assert quiz.region_id is None
    children = list(quiz.children)
    assert children.index(quiz.region_box) == children.index(quiz.alarm) + 1
    assert quiz.region in quiz.region_box.children


def test_an_emergency_with_no_region_chosen_lists_the_common_numbers_at_once():
    quiz = ScreeningQuiz()
    quiz.checks["saddle_numbness"].value = True
    for shown in (quiz.alarm.value, quiz.result.value, quiz.notes["saddle_numbness"].value):
        for number in COMMON_NUMBERS:
            assert f'href="tel:{number}"' in shown, number
        assert "your local emergency number" in shown


def test_choosing_a_region_rewords_the_emergency_with_its_number_and_service():
    quiz = ScreeningQuiz()
    kept = kept_outcomes(quiz)
    quiz.checks["saddle_numbness"].value = True
    quiz.region.value = "uk"
    action = escape(assess({"saddle_numbness": True}, "uk").actions[0])
    assert "Call 999 or go to A&amp;E now" in action
    for shown in (quiz.alarm.value, quiz.result.value, quiz.notes["saddle_numbness"].value):
        assert action in shown
        assert 'href="tel:999">Call 999</a>' in shown
        assert 'href="tel:911"' not in shown and "your local emergency number" not in shown
    # Only the words changed: the record kept is the one outcome, kept once.
    assert quiz.assessment().outcome == "emergency" and kept == ["emergency"]
    quiz.region.value = "us"
    assert 'href="tel:911">Call 911</a>' in quiz.result.value
    assert "the emergency room" in quiz.result.value
    assert 'href="tel:999"' not in quiz.result.value
    quiz.region.value = ""  # back to not chosen: the common numbers again
    assert "your local emergency number" in quiz.result.value
    assert kept == ["emergency"]


def test_choosing_a_region_rewords_the_safety_net_and_never_the_outcome():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER)
    quiz.show_result()
    for region_id in REGION_IDS:
        quiz.region.value = region_id
        assert quiz.assessment().outcome == "routine_may_help"
        net = safety_net("routine_may_help", region_id)
        assert escape(net.emergency_lead) in quiz.result.value, region_id
        assert escape(net.same_day_lead) in quiz.result.value, region_id
    quiz.region.value = "au"
    assert "Call 000 or go to the emergency department now" in quiz.result.value
    assert "healthdirect on 1800 022 222" in quiz.result.value


def test_the_region_chosen_is_remembered_in_the_browser_and_forgotten_when_unchosen():
    quiz = ScreeningQuiz()
    told: list[object] = []
    quiz.page.keep_region = told.append  # type: ignore[method-assign]
    quiz.page.forget_region = lambda: told.append(None)  # type: ignore[method-assign]
    quiz.region.value = "nz"
    quiz.region.value = "ie"
    quiz.region.value = ""
    assert told == ["nz", "ie", None]


def test_start_over_keeps_the_region_chosen():
    quiz = ScreeningQuiz()
    quiz.region.value = "ca"
    fill(quiz, MATCHING_READER | {"saddle_numbness": True})
    quiz.clear()
    assert quiz.region_id == "ca"


def test_the_region_this_browser_remembers_is_shown_as_chosen_without_storing_it_again():
    quiz = ScreeningQuiz()
    told: list[object] = []
    quiz.page.keep_region = told.append  # type: ignore[method-assign]
    quiz.checks["both_legs"].value = True  # an emergency before the memory arrives
    assert "your local emergency number" in quiz.result.value
    quiz.page.remembered_region = "uk"  # as the browser sets it on opening the page
    assert quiz.region.value == "uk" and quiz.region_id == "uk"
    assert 'href="tel:999">Call 999</a>' in quiz.result.value
    assert told == []


def test_a_remembered_region_never_overrides_the_readers_choice_or_an_unknown_id():
    quiz = ScreeningQuiz()
    quiz.page.remembered_region = "<b>nowhere</b>"
    assert quiz.region_id is None
    quiz.region.value = "eu"
    quiz.page.remembered_region = "us"
    assert quiz.region_id == "eu"


def test_reader_text_is_escaped_in_the_result():
    html = result_html(Assessment("not_a_match", ("<b>do</b>",), ("<script>x</script>",), (), ()))
    assert "<script>" not in html and "<b>do</b>" not in html


def test_the_stored_notebook_output_is_a_sentence_not_a_widget_dump():
    assert repr(ScreeningQuiz()).startswith("Screening quiz:")


@pytest.mark.parametrize(
    ("answers", "hidden"),
    [
        ({"saddle_numbness": True}, True),  # an emergency, shown at once
        ({"night_pain": True}, True),  # a same-day result, shown at once
        (MATCHING_READER | {"pain_below_knee": True}, True),  # see a clinician
        (MATCHING_READER | {"press_reproduces": False}, True),  # not a match
        (MATCHING_READER, False),  # the routine may help
    ],
)
def test_next_the_routine_is_hidden_under_every_result_but_may_help(answers, hidden):
    quiz = ScreeningQuiz()
    assert quiz.page.hide_links_to == ""
    fill(quiz, answers)
    quiz.show_result()
    assert quiz.page.hide_links_to == (ROUTINE if hidden else "")


def test_start_over_and_a_changed_answer_show_next_the_routine_again():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER)
    quiz.show_result()
    quiz.checks["hip_surgery"].value = True
    assert quiz.page.hide_links_to == ROUTINE
    quiz.checks["hip_surgery"].value = False
    quiz.none_of_these[question("hip_surgery").section].value = True
    assert quiz.assessment().outcome == "routine_may_help"
    assert quiz.page.hide_links_to == ""
    quiz.checks["saddle_numbness"].value = True
    assert quiz.page.hide_links_to == ROUTINE
    quiz.clear()
    assert quiz.page.hide_links_to == ""


def test_a_same_day_result_offers_the_regions_non_emergency_line_as_a_call():
    quiz = ScreeningQuiz()
    quiz.region.value = "uk"
    quiz.checks["night_pain"].value = True
    assert quiz.assessment().outcome == "urgent"
    assert 'href="tel:111"' in quiz.result.value and ">Call NHS 111</a>" in quiz.result.value
    # Not the emergency numbers: this is not an emergency.
    assert 'href="tel:999"' not in quiz.result.value


@pytest.mark.parametrize("region_id", [*REGION_IDS, None])
def test_the_same_day_call_is_the_regions_line_or_the_words_where_it_has_none(region_id):
    html = same_day_call_html(region_id)
    where = REGIONS.get(region_id or "other")
    if where.non_emergency_tel:
        assert f'href="tel:{where.non_emergency_tel}"' in html
    else:
        assert "tel:" not in html
        assert "phone your GP surgery, or an urgent care service" in html


def test_only_a_same_day_result_carries_the_same_day_call():
    for answers in ({"saddle_numbness": True}, MATCHING_READER | {"pain_below_knee": True}):
        html = result_html(assess(answers, "uk"), answers=answers, region="uk")
        assert 'aria-label="Get help today"' not in html


def _said(html_text: str) -> list[str]:
    """The result's lines as a reader sees them."""
    import html as html_module
    import re

    parts = (html_module.unescape(p).strip() for p in re.split(r"<[^>]+>", html_text))
    return [p for p in parts if p]


def test_no_result_says_the_same_line_twice_for_any_one_or_two_answers_changed():
    """Issue 24, item 9 ("Why repeats a reason"): from a matching reader, every answer and every
    pair of answers changed gives a result in which no line is said twice."""
    from itertools import combinations

    from lowback.screening import QUESTIONS

    changes = [
        (q.id, value)
        for q in QUESTIONS
        for value in ((True, False) if q.kind == "yes_no" else ())
        if MATCHING_READER.get(q.id) != value
    ] + [("age", 15), ("age", 70), ("pain_spot", "higher_back"), ("major_trauma", "earlier")]
    checked = 0
    for picked in [*([c] for c in changes), *combinations(changes, 2)]:
        if len({question_id for question_id, _ in picked}) < len(picked):
            continue
        answers = MATCHING_READER | dict(picked)
        try:
            assessment = assess(answers, "uk")
        except ValueError:
            continue  # an answer to a question not asked for these answers
        lines = [
            line
            for line in _said(result_html(assessment, answers=answers, region="uk"))
            if len(line) > 12
        ]
        assert len(lines) == len(set(lines)), (picked, lines)
        checked += 1
    assert checked > 500
