"""The screening quiz: asks lowback.screening's QUESTIONS and shows what assess() makes of them.

No rule lives here. The view reads the controls into an answers mapping, asks assess(), and
shows the outcome's advice from OUTCOME_ADVICE. A warning sign answered "yes" shows its advice
at once, right under the question, without waiting for "See my result".
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from lowback.screening import (
    OUTCOME_ADVICE,
    QUESTIONS,
    SECTIONS,
    Assessment,
    Question,
    assess,
    parse_age,
    question,
    questions_in_section,
    unanswered_warning_signs,
)
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.style import series_style, stacked

ROUTINE_NOTEBOOK = "03_routine_timer.ipynb"
# A visible "not answered" choice, so the box never looks blank to a sighted or screen reader
# user; it reads as no answer at all.
NOT_ANSWERED = ""
YES_NO_OPTIONS = (("Choose an answer", NOT_ANSWERED), ("Yes", True), ("No", False))
# Outcomes serious enough to show the moment the answer that raised them is given.
SHOW_AT_ONCE = ("emergency", "urgent")


def result_html(assessment: Assessment, routine_notebook: str = ROUTINE_NOTEBOOK) -> str:
    """The result panel for an assessment: headline in words, next step, and why."""
    advice = OUTCOME_ADVICE[assessment.outcome]
    # Polite: an emergency is already announced as an alert under the question that raised it.
    parts = [
        f'<div class="lowback-panel lowback-panel--{assessment.outcome}" role="status">',
        f"<h3>Your result: {escape(advice.headline)}</h3>",
        f"<p>{escape(advice.next_step)}</p>",
    ]
    if assessment.outcome == "incomplete":
        parts.append("<p><strong>Still to answer:</strong></p>")
    else:
        parts.append("<p><strong>Why:</strong></p>")
    parts.append(_list(assessment.reasons))
    pending = unanswered_warning_signs(assessment)
    if pending:
        parts.append(
            "<p><strong>You have not answered every warning sign yet.</strong> If any of these "
            "applies to you, the advice is more urgent, so please answer them too:</p>"
        )
        parts.append(_list(question(i).text for i in pending))
    if assessment.outcome == "routine_may_help":
        parts.append(
            f'<p><a class="lowback-next-step" href="{escape(routine_notebook)}">'
            "Go to the routine and its timer</a></p>"
        )
    parts.append("</div>")
    return "".join(parts)


def flag_note_html(assessment: Assessment) -> str:
    """The short alert shown under a question whose "yes" raised an emergency or urgent outcome."""
    advice = OUTCOME_ADVICE[assessment.outcome]
    return (
        f'<div class="lowback-panel lowback-panel--{assessment.outcome}" role="alert">'
        f"<strong>{escape(advice.headline)}</strong> {escape(advice.next_step)}</div>"
    )


def _note_html(message: str) -> str:
    return f'<p class="lowback-note" role="alert">{escape(message)}</p>'


def _unanswered_in_incomplete(assessment: Assessment, question_id: str) -> bool:
    return assessment.outcome == "incomplete" and question_id in assessment.missing


def _list(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _control_for(q: Question) -> widgets.ValueWidget:
    if q.kind == "yes_no":
        control = widgets.Dropdown(options=YES_NO_OPTIONS, value=NOT_ANSWERED, description=q.text)
        return stacked(control)
    if q.kind == "choice":
        options = [(label, value) for value, label in q.options]
        control = widgets.RadioButtons(options=options, value=None, description=q.text)
        return stacked(control)
    return stacked(
        widgets.Text(
            value="", description=q.text, placeholder="for example 42", continuous_update=False
        )
    )


class ScreeningQuiz(widgets.VBox):
    """Asks QUESTIONS and shows what assess() makes of the answers so far."""

    def __init__(self, routine_notebook: str = ROUTINE_NOTEBOOK) -> None:
        self.routine_notebook = routine_notebook
        self.controls = {q.id: _control_for(q) for q in QUESTIONS}
        self.notes = {q.id: widgets.HTML() for q in QUESTIONS}
        self.see_result = widgets.Button(
            description="See my result", button_style="primary", tooltip=""
        )
        self.start_over = widgets.Button(description="Start over")
        self.result = widgets.HTML()
        self._result_requested = False
        self._clearing = False

        self.failsafe = FailSafe("screening quiz")
        children = [series_style()]
        for title, why in SECTIONS:
            children.append(widgets.HTML(f"<h3>{escape(title)}</h3><p>{escape(why)}</p>"))
            for q in questions_in_section(title):
                children.append(widgets.VBox([self.controls[q.id], self.notes[q.id]]))
        children.append(widgets.HBox([self.see_result, self.start_over]))
        # Next to the buttons, where the reader is looking when something fails.
        children += [self.failsafe.notice, self.result]
        super().__init__(children=children)
        self.add_class("lowback-view")

        for control in self.controls.values():
            control.observe(self.failsafe(self._on_answer), names="value")
        self.see_result.on_click(self.failsafe(self._on_see_result))
        self.start_over.on_click(self.failsafe(self._on_start_over))

    def __repr__(self) -> str:
        return "Screening quiz: open this notebook in JupyterLab, or as a web page, to answer it."

    def answers(self) -> tuple[dict[str, object], dict[str, str]]:
        """The answers given so far, and a message for each answer that cannot be read."""
        answers: dict[str, object] = {}
        problems: dict[str, str] = {}
        for question_id, control in self.controls.items():
            if question(question_id).kind == "number":
                try:
                    value = parse_age(control.value)
                except ValueError as error:
                    problems[question_id] = str(error)
                    continue
            else:
                value = control.value
            if value is not None and value != NOT_ANSWERED:
                answers[question_id] = value
        return answers, problems

    def assessment(self) -> Assessment:
        return assess(self.answers()[0])

    def show_result(self) -> None:
        """The 'See my result' action: show the outcome, and point at anything unanswered."""
        self._result_requested = True
        self._refresh()

    def clear(self) -> None:
        """Start over: every answer back to unanswered, no result shown."""
        self._result_requested = False
        self._clearing = True  # one refresh at the end, not one per question
        try:
            for question_id, control in self.controls.items():
                control.value = None if question(question_id).kind == "choice" else NOT_ANSWERED
        finally:
            self._clearing = False
        self._refresh()

    def _on_see_result(self, _button: widgets.Button) -> None:
        self.show_result()

    def _on_start_over(self, _button: widgets.Button) -> None:
        self.clear()

    def _on_answer(self, _change: dict) -> None:
        if not self._clearing:
            self._refresh()

    def _refresh(self) -> None:
        answers, problems = self.answers()
        assessment = assess(answers)
        at_once = assessment.outcome in SHOW_AT_ONCE
        show_result = self._result_requested or at_once
        for question_id, note in self.notes.items():
            if at_once and question_id in assessment.flags:
                note.value = flag_note_html(assessment)
            elif question_id in problems:
                note.value = _note_html(problems[question_id])
            elif show_result and _unanswered_in_incomplete(assessment, question_id):
                note.value = _note_html("Please answer this question.")
            else:
                note.value = ""
        self.result.value = result_html(assessment, self.routine_notebook) if show_result else ""
