"""Answering the screening quiz in the browser as a reader does, found by role and name."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Page

from lowback.regions import REGIONS
from lowback.screening import (
    OUTCOME_ADVICE,
    SECTIONS,
    option_label,
    question,
    questions_in_section,
    section,
)
from lowback.widgets.quiz import REGION_QUESTION

# Shared with the unit tests; re-exported for the browser tests.
from tests.support.answers import MATCHING_READER as MATCHING_READER

QUIZ = "02_screening_quiz.ipynb"
#: The words an emergency result starts with, shown at once under the sign ticked.
EMERGENCY_HEADLINE = OUTCOME_ADVICE["emergency"].headline
CHECKLISTS = tuple(title for title, _ in SECTIONS if section(title).is_checklist)


def region_choice(page: Page):
    """The quiz's "Where are you?" choice."""
    return page.get_by_role("combobox", name=REGION_QUESTION, exact=True)


def choose_region(page: Page, region_id: str) -> None:
    """Say where the reader is, by the region's name as the reader sees it."""
    region_choice(page).select_option(label=REGIONS[region_id].name)


def sign_box(page: Page, question_id: str):
    """The tick box of one sign in a checklist."""
    return page.get_by_role("checkbox", name=question(question_id).statement, exact=True)


def none_box(page: Page, title: str):
    """A checklist's own "None of these" box."""
    return page.get_by_role("checkbox", name=section(title).none_label, exact=True)


def answer_alone(page: Page, question_id: str, value: object, *, tap: bool = False) -> None:
    """Answer a question that is asked on its own (not in a checklist)."""
    q = question(question_id)
    if q.kind == "yes_no":
        page.get_by_role("combobox", name=q.text).select_option("Yes" if value else "No")
    elif q.kind == "choice":
        radio = page.get_by_role("radio", name=option_label(question_id, value), exact=True)
        radio.tap() if tap else radio.check()
    else:
        box = page.get_by_role("textbox", name=q.text)
        box.fill(str(value))
        box.press("Enter")


def answer(page: Page, answers: Mapping[str, object], *, tap: bool = False) -> None:
    """Give these answers: each checklist with a sign answered yes gets those ticks, one whose
    signs given are all no gets "None of these", one with no answer given is left untouched."""
    in_lists = {q.id for title in CHECKLISTS for q in questions_in_section(title)}
    for question_id, value in answers.items():
        if question_id not in in_lists:
            answer_alone(page, question_id, value, tap=tap)
    for title in CHECKLISTS:
        given = {q.id: answers[q.id] for q in questions_in_section(title) if q.id in answers}
        ticked = [i for i, value in given.items() if value]
        boxes = [sign_box(page, i) for i in ticked]
        if given and not ticked:
            boxes = [none_box(page, title)]
        for box in boxes:
            box.tap() if tap else box.check()
