"""The quiz view only shows what assess() decides: checked in Python, without a browser."""

from __future__ import annotations

import pytest

from lowback.screening import (
    OUTCOME_ADVICE,
    OUTCOMES,
    QUESTIONS,
    SAFETY_NET,
    Assessment,
    assess,
    question,
    questions_in_section,
)
from lowback.widgets import ScreeningQuiz
from lowback.widgets.quiz import ROUTINE_NOTEBOOK, result_html

MATCHING_READER = {q.id: False for q in QUESTIONS if q.kind == "yes_no"} | {
    "pain_spot": "beside_psis",
    "press_reproduces": True,
    "age": "35",
}


def fill(quiz: ScreeningQuiz, answers: dict) -> None:
    """Answer as a reader would: a control per question asked alone; in a checklist, tick the
    signs answered yes, or "None of these" when every sign given is no."""
    for question_id, value in answers.items():
        if question_id in quiz.controls:
            quiz.controls[question_id].value = value
    for title in quiz.checklists:
        given = {q.id: answers[q.id] for q in questions_in_section(title) if q.id in answers}
        ticked = [i for i, value in given.items() if value]
        for question_id in ticked:
            quiz.checks[question_id].value = True
        if given and not ticked:
            quiz.none_of_these[title].value = True


def test_a_new_quiz_shows_no_result_and_no_notes():
    quiz = ScreeningQuiz()
    assert quiz.result.value == ""
    assert all(note.value == "" for note in quiz.notes.values())
    assert quiz.answers() == ({}, {})


def test_an_emergency_sign_shows_its_advice_at_once_under_the_question_and_in_the_result():
    quiz = ScreeningQuiz()
    quiz.checks["saddle_numbness"].value = True
    assert "Call emergency services now" in quiz.notes["saddle_numbness"].value
    assert 'role="alert"' in quiz.notes["saddle_numbness"].value
    assert "Call emergency services now" in quiz.result.value
    assert ROUTINE_NOTEBOOK not in quiz.result.value


def test_an_urgent_sign_shows_at_once_too():
    quiz = ScreeningQuiz()
    quiz.checks["fever_unwell"].value = True
    assert "See a doctor today" in quiz.result.value


def test_a_matching_reader_sees_nothing_until_asking_then_gets_the_routine_link():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER)
    assert quiz.result.value == ""
    quiz.show_result()
    assert quiz.assessment().outcome == "routine_may_help"
    assert f'href="{ROUTINE_NOTEBOOK}"' in quiz.result.value


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
    assert SAFETY_NET.split(":")[0] in quiz.result.value
    quiz.checks["saddle_numbness"].value = True
    assert "Call emergency services now" in quiz.result.value
    assert SAFETY_NET.split(":")[0] not in quiz.result.value


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
    assert ROUTINE_NOTEBOOK not in quiz.result.value


def test_start_over_clears_every_answer_note_and_result():
    quiz = ScreeningQuiz()
    fill(quiz, MATCHING_READER | {"saddle_numbness": True})
    quiz.clear()
    assert quiz.answers() == ({}, {})
    assert quiz.result.value == ""
    assert all(note.value == "" for note in quiz.notes.values())


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_result_says_what_to_do_next_in_words(outcome):
    html = result_html(Assessment(outcome, ("a reason",), (), ()))
    assert OUTCOME_ADVICE[outcome].headline in html
    assert OUTCOME_ADVICE[outcome].next_step in html
    assert "a reason" in html
    assert (f'href="{ROUTINE_NOTEBOOK}"' in html) == (outcome == "routine_may_help")


def test_a_clinician_result_asks_for_the_warning_signs_not_yet_answered():
    html = result_html(assess({"leg_numbness": True}))
    assert "You have not answered every warning sign yet" in html
    assert "Is there numbness or a dull, strange feeling" in html


def test_reader_text_is_escaped_in_the_result():
    html = result_html(Assessment("not_a_match", ("<script>x</script>",), (), ()))
    assert "<script>" not in html


def test_the_stored_notebook_output_is_a_sentence_not_a_widget_dump():
    assert repr(ScreeningQuiz()).startswith("Screening quiz:")
