"""The screening quiz: asks lowback.screening's QUESTIONS and shows what assess() makes of them.

No rule lives here. The view reads the controls into an answers mapping (a checklist section
through checklist_answers), asks assess(), and shows the outcome's advice from OUTCOME_ADVICE.
A warning sign ticked shows its advice at once, right under it, without waiting for "See my
result". Most warning signs are asked as checklists ("tick each one that applies, or None of
these"), so a reader with none of them answers a section in one tap, while an untouched
checklist stays unanswered.

Every outcome shown to the reader (the result after "See my result", or an emergency or urgent
outcome shown at once) replaces the one record this browser keeps (lowback.quiz_record, written
by the PageHelper with the browser's own date); an empty quiz writes nothing; Start over and
"Forget my answer" remove it. The quiz says so, in KEPT_TEXT, beside those buttons.

Where the reader is (lowback.regions) picks the emergency number and the services named: a
"Where are you?" choice near the top, remembered in this browser (the PageHelper, under
lowback.pages.REGION_KEY; the routine page reads the same memory) and read back on the next
visit. Until it is known, an emergency shows at once with the common numbers; the region only
changes the words, never the outcome (assess(answers, region)). A same-day result says what to
do now: the region's non-emergency line as a tap-to-call link where there is one, else to phone
the GP surgery or an urgent care service.

A result leads somewhere: "may help" links to the routine page's timer; any other result shown
hides the page's own links to the routine (its "Next:" line) on the Voila page, through the
PageHelper, until Start over or a "may help".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html import escape

import ipywidgets as widgets

from lowback.pages import QUIZ, ROUTINE, ROUTINE_TIMER_ID
from lowback.quiz_record import TRUST_DAYS
from lowback.regions import COMMON_NUMBERS, REGION_IDS, REGIONS
from lowback.regions import region as find_region
from lowback.screening import (
    OUTCOME_ADVICE,
    QUESTIONS,
    SECTIONS,
    Assessment,
    Question,
    assess,
    checklist_answers,
    in_one_line,
    parse_age,
    question,
    questions_in_section,
    safety_net,
    section,
    section_is_asked,
    unanswered_warning_signs,
)
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.page_helper import PageHelper
from lowback.widgets.placeholder import Placeholder, ShownWhenRun
from lowback.widgets.style import series_style, stacked
from lowback.widgets.view_helper import ViewHelper

# A visible "not answered" choice, so the box never looks blank to a sighted or screen reader
# user; it reads as no answer at all.
NOT_ANSWERED = ""
YES_NO_OPTIONS = (("Choose an answer", NOT_ANSWERED), ("Yes", True), ("No", False))
# Outcomes serious enough to show the moment the answer that raised them is given.
SHOW_AT_ONCE = ("emergency", "urgent")
#: The choice of region: no region until the reader picks one (or this browser remembers one).
NOT_CHOSEN = "Not chosen"
REGION_QUESTION = "Where are you?"
REGION_OPTIONS = ((NOT_CHOSEN, NOT_ANSWERED), *((r.name, r.id) for r in REGIONS.values()))
REGION_WHY = "We use it to show the right emergency number. This browser remembers your choice."
#: What this browser keeps, where, and for how long: said on the quiz, beside its buttons.
KEPT_TEXT = (
    "This browser keeps two things, on this device only, not on our server. One is your latest "
    "result (not your answers) and its date, so the routine page knows you did the quiz. The "
    f"routine page trusts it for {TRUST_DAYS} days. Start over or Forget my answer removes it. "
    "The other is where you are, if you choose it, so this page and the routine page show the "
    f"right emergency number. Set it back to {NOT_CHOSEN} to remove it."
)
FORGOTTEN_TEXT = (
    "Done: this browser no longer keeps your result. If you change an answer now, the new "
    "result is kept again. It still keeps where you are, if you chose it."
)
# The reader picks their own emergency number: none is guessed from where they are
# (lowback.regions: the common numbers, where the region is not known).
_WHERE_DIALLED = {
    "999": "UK and Ireland",
    "112": "Europe and many other countries",
    "911": "US and Canada",
    "000": "Australia",
    "111": "New Zealand",
}
EMERGENCY_NUMBERS = tuple((n, _WHERE_DIALLED[n]) for n in COMMON_NUMBERS)


def call_links_html(region: str | None = None) -> str:
    """Tap-to-call links for the emergency numbers, for a phone: the region's own, or (no region,
    `other` or one nobody knows) the common numbers, each with where it is dialled."""
    where = find_region(region)
    if where.emergency_number:
        calls = [(number, f"Call {number}") for number in where.tel_numbers]
    else:
        calls = [(number, f"Call {number} ({place})") for number, place in EMERGENCY_NUMBERS]
    links = "".join(
        f'<a class="lowback-call-link" href="tel:{escape(number)}">{escape(words)}</a>'
        for number, words in calls
    )
    return f'<div class="lowback-call" role="group" aria-label="Call for help">{links}</div>'


# A button a thumb can hit (48 px), in the series' link blue; styled on the element, as the
# series' style sheet styles only the emergency panel's calls.
_TODAY_CALL_STYLE = (
    "display:inline-flex;align-items:center;min-height:48px;padding:4px 16px;"
    "border-radius:6px;background:#0550ae;color:#ffffff;font-weight:700;"
    "font-size:1.1rem;text-decoration:none"
)


def same_day_call_html(region: str | None = None) -> str:
    """What to do now after a same-day result: the region's non-emergency line as a
    tap-to-call link where it has one (UK: NHS 111), else the words."""
    where = find_region(region)
    if where.non_emergency and where.non_emergency_tel:
        words = where.non_emergency[0].upper() + where.non_emergency[1:]
        call = (
            f'<a class="lowback-call-link" href="tel:{escape(where.non_emergency_tel)}" '
            f'style="{_TODAY_CALL_STYLE}">{escape(words)}</a>'
        )
        return (
            '<div class="lowback-call" role="group" aria-label="Get help today">'
            "<p><strong>Now:</strong> phone your GP surgery, or:</p>"
            f"{call}</div>"
        )
    return (
        '<div class="lowback-call" role="group" aria-label="Get help today">'
        "<p><strong>Now:</strong> phone your GP surgery, or an urgent care service.</p></div>"
    )


def result_html(
    assessment: Assessment,
    routine_notebook: str = ROUTINE,
    answers: dict[str, object] | None = None,
    region: str | None = None,
) -> str:
    """The result panel for an assessment: headline in words, what to do, why, and the safety
    net (the emergency and same-day signs named, and where to go) for every result but an
    emergency. `region` words the tap-to-call links and the safety net, as it worded the
    assessment's actions."""
    advice = OUTCOME_ADVICE[assessment.outcome]
    # Polite: an emergency is already announced as an alert under the question that raised it.
    parts = [
        f'<div class="lowback-panel lowback-panel--{assessment.outcome}" role="status">',
        f"<h3>Your result: {escape(advice.headline)}</h3>",
        f"<p>{escape(advice.next_step)}</p>",
    ]
    if assessment.outcome != "incomplete":
        parts.append("<p><strong>What to do:</strong></p>")
        parts.append(_list(assessment.actions, "What to do"))
    if assessment.outcome == "emergency":
        parts.append(call_links_html(region))
    if assessment.outcome == "urgent":
        parts.append(same_day_call_html(region))
    why = "Still to answer" if assessment.outcome == "incomplete" else "Why"
    parts.append(f"<p><strong>{why}:</strong></p>")
    parts.append(_list(assessment.reasons, why))
    pending = unanswered_warning_signs(assessment, answers)
    if pending:
        parts.append(
            "<p><strong>You have not answered every warning sign yet.</strong> If any of these "
            "applies to you, the advice is more urgent, so please answer them too:</p>"
        )
        parts.append(_list((in_one_line(question(i).text) for i in pending), "Not answered yet"))
    net = safety_net(assessment.outcome, region)
    if net is not None:
        parts.append(
            '<div class="lowback-safety-net">'
            f"<p><strong>{escape(net.emergency_lead)}</strong></p>{_list(net.emergency_signs)}"
            f"<p><strong>{escape(net.same_day_lead)}</strong></p>{_list(net.same_day_signs)}"
            "</div>"
        )
    if assessment.outcome == "routine_may_help":
        parts.append(
            '<p><a class="lowback-next-step" '
            f'href="{escape(routine_notebook)}#{ROUTINE_TIMER_ID}">'
            "Go to the routine and its timer</a></p>"
        )
    parts.append("</div>")
    return "".join(parts)


def flag_note_html(assessment: Assessment, region: str | None = None) -> str:
    """The short alert shown under a sign whose "yes" raised an emergency or urgent outcome."""
    advice = OUTCOME_ADVICE[assessment.outcome]
    calls = call_links_html(region) if assessment.outcome == "emergency" else ""
    return (
        f'<div class="lowback-panel lowback-panel--{assessment.outcome}" role="alert">'
        f"<strong>{escape(advice.headline)}</strong> {escape(' '.join(assessment.actions))}"
        f"{calls}</div>"
    )


def alarm_html(assessment: Assessment, region: str | None = None) -> str:
    """The emergency panel at the top of the quiz, first in reading order; empty otherwise.

    Not an alert itself: the note under the sign that raised it is the one announced."""
    if assessment.outcome != "emergency":
        return ""
    advice = OUTCOME_ADVICE["emergency"]
    return (
        '<section class="lowback-panel lowback-panel--emergency" aria-label="Emergency">'
        f"<h3>{escape(advice.headline)}</h3>{_list(assessment.actions)}"
        f"{call_links_html(region)}</section>"
    )


def _note_html(message: str) -> str:
    return f'<p class="lowback-note" role="alert">{escape(message)}</p>'


def _list(items, name: str = "") -> str:
    """A list; named (its accessible name), so a screen reader can tell the result's lists
    apart, and go straight to "Why" or "Still to answer"."""
    label = f' aria-label="{escape(name)}"' if name else ""
    return f"<ul{label}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


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


def _region_choice() -> widgets.Dropdown:
    return stacked(
        widgets.Dropdown(options=REGION_OPTIONS, value=NOT_ANSWERED, description=REGION_QUESTION)
    )


def _checkbox(label: str) -> widgets.Checkbox:
    box = widgets.Checkbox(value=False, description=label, indent=False)
    box.add_class("lowback-check")
    box.layout.width = "100%"
    return box


class ScreeningQuiz(ShownWhenRun, widgets.VBox):
    """Asks QUESTIONS and shows what assess() makes of the answers so far."""

    def __init__(self, routine_notebook: str = ROUTINE) -> None:
        self.routine_notebook = routine_notebook
        self.checklists = tuple(t for t, _ in SECTIONS if section(t).is_checklist)
        in_checklist = {q.id for t in self.checklists for q in questions_in_section(t)}
        # One control per question asked alone; one tick box per sign of a checklist.
        self.controls = {q.id: _control_for(q) for q in QUESTIONS if q.id not in in_checklist}
        self.checks = {i: _checkbox(question(i).statement) for i in sorted(in_checklist)}
        self.none_of_these = {t: _checkbox(section(t).none_label) for t in self.checklists}
        for box in self.none_of_these.values():
            box.add_class("lowback-none")
        self.notes = {q.id: widgets.HTML() for q in QUESTIONS}
        self.section_notes = {t: widgets.HTML() for t in self.checklists}
        self.see_result = widgets.Button(
            description="See my result", button_style="primary", tooltip=""
        )
        self.start_over = widgets.Button(description="Start over")
        self.forget = widgets.Button(description="Forget my answer")
        self.kept = widgets.HTML(f'<p class="lowback-kept">{escape(KEPT_TEXT)}</p>')
        self.kept_note = widgets.HTML()
        # Ids the focus request can find; unique per quiz, so two quizzes never mix them up.
        self._result_id = f"lowback-result-{id(self):x}"
        self.result = widgets.HTML()
        self.result.add_class("lowback-result")
        self.alarm = widgets.HTML()
        self.alarm.add_class("lowback-alarm")
        self.page = PageHelper()
        # Where the reader is: asked near the top, under the emergency panel, and remembered.
        self.region = _region_choice()
        self.region_box = widgets.VBox(
            [self.region, widgets.HTML(f'<p class="lowback-region-why">{escape(REGION_WHY)}</p>')]
        )
        self.region_box.add_class("lowback-region")
        self._recalling_region = False  # set while the browser's memory fills in the choice
        self._kept_outcome: str | None = None  # the outcome last sent to the browser's record
        self._result_requested = False
        self._quiet = False  # set while the view itself changes several boxes at once

        self.failsafe = FailSafe("screening quiz")
        children = [series_style(), ViewHelper(), self.alarm, self.region_box]
        # A section asked only after a yes (NICE NG65's criteria) is hidden until then.
        self.conditional: dict[str, widgets.Box] = {}
        for title, why in SECTIONS:
            rows: list[widgets.Widget] = [
                widgets.HTML(f"<h3>{escape(title)}</h3><p>{escape(why)}</p>")
            ]
            if title in self.checklists:
                rows.append(self._checklist_box(title))
            else:
                for q in questions_in_section(title):
                    rows.append(widgets.VBox([self.controls[q.id], self.notes[q.id]]))
            if section(title).asked_if:
                box = widgets.VBox(rows, layout=widgets.Layout(display="none"))
                self.conditional[title] = box
                children.append(box)
            else:
                children += rows
        buttons = widgets.HBox([self.see_result, self.forget, self.start_over])
        buttons.add_class("lowback-quiz-buttons")
        children += [buttons, self.kept, self.kept_note]
        # Next to the buttons, where the reader is looking when something fails.
        children += [self.failsafe.notice, self.result, self.page]
        super().__init__(children=children)
        self.add_class("lowback-view")

        for control in self.controls.values():
            control.observe(self.failsafe(self._on_answer), names="value")
        for question_id, box in self.checks.items():
            box.observe(self.failsafe(self._on_sign_ticked(question_id)), names="value")
        for title, box in self.none_of_these.items():
            box.observe(self.failsafe(self._on_none_ticked(title)), names="value")
        self.region.observe(self.failsafe(self._on_region), names="value")
        self.page.observe(self.failsafe(self._on_remembered_region), names="remembered_region")
        self.see_result.on_click(self.failsafe(self._on_see_result))
        self.start_over.on_click(self.failsafe(self._on_start_over))
        self.forget.on_click(self.failsafe(self._on_forget))

    def _checklist_box(self, title: str) -> widgets.Widget:
        rows: list[widgets.Widget] = [
            widgets.HTML(f'<p class="lowback-prompt">{escape(section(title).checklist_prompt)}</p>')
        ]
        for q in questions_in_section(title):
            rows += [self.checks[q.id], self.notes[q.id]]
        rows += [self.none_of_these[title], self.section_notes[title]]
        box = widgets.VBox(rows)
        box.add_class("lowback-checklist")
        return box

    def placeholder(self) -> Placeholder:
        return Placeholder("Screening quiz", "answer it", QUIZ)

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
        for title in self.checklists:
            ticked = [q.id for q in questions_in_section(title) if self.checks[q.id].value]
            answers.update(checklist_answers(title, ticked, self.none_of_these[title].value))
        return answers, problems

    @property
    def region_id(self) -> str | None:
        """The reader's region (a lowback.regions id), or None while it is not chosen."""
        return self.region.value if self.region.value in REGION_IDS else None

    def assessment(self) -> Assessment:
        return assess(self.answers()[0], self.region_id)

    def show_result(self) -> None:
        """The 'See my result' action: show the outcome, point at anything unanswered, and
        bring the result into view with the focus on it. The outcome shown is kept afresh."""
        self._result_requested = True
        self._kept_outcome = None
        self._refresh()
        self.page.bring_into_view(self._result_id)

    def clear(self) -> None:
        """Start over: every answer back to unanswered, no result shown, no result kept."""
        self._result_requested = False
        self.kept_note.value = ""
        with self._changing_several():
            for question_id, control in self.controls.items():
                control.value = None if question(question_id).kind == "choice" else NOT_ANSWERED
            for box in (*self.checks.values(), *self.none_of_these.values()):
                box.value = False
        self._refresh()
        self.forget_result()

    def forget_result(self) -> None:
        """Forget my answer: remove the result this browser keeps. A result shown later (an
        answer changed) is kept again, as every result shown is."""
        self._kept_outcome = None
        self.page.forget_quiz_result()

    @contextmanager
    def _changing_several(self) -> Iterator[None]:
        """Change several boxes with one refresh at the end, not one per box."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_see_result(self, _button: widgets.Button) -> None:
        self.show_result()

    def _on_start_over(self, _button: widgets.Button) -> None:
        self.clear()

    def _on_forget(self, _button: widgets.Button) -> None:
        self.forget_result()
        note = escape(FORGOTTEN_TEXT)
        self.kept_note.value = f'<p class="lowback-kept-note" role="status">{note}</p>'

    def _on_region(self, _change: dict) -> None:
        # Only the words change (assess's region), so the record kept stays as it is.
        if not self._recalling_region:
            if self.region_id is None:
                self.page.forget_region()
            else:
                self.page.keep_region(self.region_id)
        self._refresh()

    def _on_remembered_region(self, change: dict) -> None:
        """The browser says where the reader chose last time: shown as chosen, unless they
        have already picked here. Storage is the reader's to edit: only a known id counts."""
        remembered = change["new"]
        if self.region.value != NOT_ANSWERED or remembered not in REGION_IDS:
            return
        self._recalling_region = True
        try:
            self.region.value = remembered
        finally:
            self._recalling_region = False

    def _on_answer(self, _change: dict) -> None:
        if not self._quiet:
            self._refresh()

    def _on_sign_ticked(self, question_id: str):
        def handler(change: dict) -> None:
            if self._quiet:
                return
            if change["new"]:
                # A sign and "None of these" cannot both be meant: the latest tick wins.
                with self._changing_several():
                    self.none_of_these[question(question_id).section].value = False
            self._refresh()

        return handler

    def _on_none_ticked(self, title: str):
        def handler(change: dict) -> None:
            if self._quiet:
                return
            if change["new"]:
                with self._changing_several():
                    for q in questions_in_section(title):
                        self.checks[q.id].value = False
            self._refresh()

        return handler

    def _refresh(self) -> None:
        answers, problems = self.answers()
        region = self.region_id
        assessment = assess(answers, region)
        at_once = assessment.outcome in SHOW_AT_ONCE
        show_result = self._result_requested or at_once
        asking = show_result and assessment.outcome == "incomplete"
        for question_id, note in self.notes.items():
            if at_once and question_id in assessment.flags:
                note.value = flag_note_html(assessment, region)
            elif question_id in problems:
                note.value = _note_html(problems[question_id])
            elif asking and question_id in assessment.missing and question_id in self.controls:
                note.value = _note_html("Please answer this question.")
            else:
                note.value = ""
        for title, note in self.section_notes.items():
            unanswered = any(q.id in assessment.missing for q in questions_in_section(title))
            note.value = (
                _note_html("Please tick each one that applies, or tick None of these.")
                if asking and unanswered
                else ""
            )
        if show_result and assessment.outcome != self._kept_outcome:
            # Whatever it is: a later urgent result must replace an earlier "may help".
            self.page.keep_quiz_result(assessment.outcome)
            self._kept_outcome = assessment.outcome
            self.kept_note.value = ""
        for title, box in self.conditional.items():
            box.layout.display = None if section_is_asked(title, answers) else "none"
        # On the Voila page, "Next: the routine" only under a result that says it may help.
        leads_elsewhere = show_result and assessment.outcome != "routine_may_help"
        self.page.hide_links(self.routine_notebook if leads_elsewhere else None)
        self.alarm.value = alarm_html(assessment, region)
        self.result.value = (
            f'<div id="{self._result_id}" tabindex="-1">'
            f"{result_html(assessment, self.routine_notebook, answers, region)}</div>"
            if show_result
            else ""
        )
