"""Answer sets and a way of giving them, shared by the unit and the browser tests.

One matching reader for every test: every question asked answered, no warning sign, and NICE
NG65's criteria not asked (the pain did not begin young).
"""

from __future__ import annotations

from collections.abc import Mapping

from lowback.screening import QUESTIONS, question, questions_in_section, section_is_asked

#: The answers of a reader the routine may help.
MATCHING_READER: dict[str, object] = {
    q.id: False
    for q in QUESTIONS
    if q.kind == "yes_no" and section_is_asked(q.section, {"long_young_onset": False})
} | {"pain_spot": "beside_psis", "press_reproduces": True, "major_trauma": "no", "age": 35}


def fill_quiz(quiz, answers: Mapping[str, object]) -> None:
    """Answer a ScreeningQuiz as a reader would: a control per question asked alone (an age is
    typed, so given as text); in a checklist, tick the signs answered yes, or "None of these"
    when every sign given is no."""
    for question_id, value in answers.items():
        if question_id in quiz.controls:
            is_number = question(question_id).kind == "number"
            quiz.controls[question_id].value = str(value) if is_number else value
    for title in quiz.checklists:
        given = {q.id: answers[q.id] for q in questions_in_section(title) if q.id in answers}
        ticked = [i for i, value in given.items() if value]
        for question_id in ticked:
            quiz.checks[question_id].value = True
        if given and not ticked:
            quiz.none_of_these[title].value = True
