"""Who should not try the routine: assess() over the answers to the screening questions.

Screening rules version 3 (docs/design.md). Pure rules, no widgets and no I/O, so every decision
can be tested without a browser. The quiz errs toward sending people to a clinician: a warning
sign answered yes always wins over a missing answer, and nothing is guessed from an answer that
is not there. The questions themselves are data, in lowback.screening_questions; each rule
below has a stable id (RULES) that the hazard log (docs/safety/hazard-log.md) names with the
tests that prove it.

Education, not diagnosis: a warning sign signals a risk worth checking, not a disease.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product
from types import MappingProxyType
from typing import Literal

from lowback.regions import region as find_region
from lowback.screening_questions import (
    AGE_MAX_YEARS,
    AGE_MIN_YEARS,
    QUESTIONS,
    SECTION_LIST,
    SECTIONS,
    Question,
    QuestionKind,
    Section,
)
from lowback.screening_rules import (
    AGE_ADULT_YEARS,
    AGE_CHECK_OVER_YEARS,
    AGE_CHECK_UNDER_YEARS,
    AGE_FRACTURE_RISK_YEARS,
    CANCER_NOTE,
    CAUDA_EQUINA_FLAGS,
    NG65_CRITERIA,
    OTHER_RULE_IDS,
    RULES,
    Answers,
    Outcome,
    Rule,
    rule,
    spondyloarthritis_action,
)

__all__ = [
    "AGE_ADULT_YEARS",
    "AGE_CHECK_OVER_YEARS",
    "AGE_CHECK_UNDER_YEARS",
    "AGE_FRACTURE_RISK_YEARS",
    "AGE_MAX_YEARS",
    "AGE_MIN_YEARS",
    "CAUDA_EQUINA_FLAGS",
    "EMERGENCY_SYMPTOMS",
    "NG65_CRITERIA",
    "OTHER_RULE_IDS",
    "OUTCOMES",
    "OUTCOME_ADVICE",
    "QUESTIONS",
    "RULES",
    "RULES_VERSION",
    "SAME_DAY_SIGNS",
    "SECTIONS",
    "Advice",
    "Assessment",
    "Question",
    "QuestionKind",
    "Rule",
    "SafetyNet",
    "Section",
    "SinceQuizSign",
    "asked_questions",
    "assess",
    "checklist_answers",
    "in_one_line",
    "option_label",
    "parse_age",
    "question",
    "questions_in_section",
    "rule",
    "safety_net",
    "section",
    "section_is_asked",
    "since_quiz_signs",
    "unanswered_warning_signs",
]

RULES_VERSION = 3

# Most pressing first: the first outcome whose rule matches is the answer.
OUTCOMES: tuple[Outcome, ...] = (
    "emergency",
    "urgent",
    "see_clinician",
    "incomplete",
    "routine_may_help",
    "not_a_match",
)


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    #: What to do: one plain sentence per cause at the deciding level, in RULES' order.
    actions: tuple[str, ...]
    #: One plain sentence per answer that drove the outcome.
    reasons: tuple[str, ...]
    #: The question ids that raised the outcome ("age" for the age).
    flags: tuple[str, ...]
    #: The ids of the questions asked and not answered.
    missing: tuple[str, ...]
    #: The ids of the rules that decided (RULES), in order.
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Advice:
    headline: str
    next_step: str


@dataclass(frozen=True)
class SafetyNet:
    """What to watch for after a result that is not an emergency, as short lists."""

    emergency_lead: str
    emergency_signs: tuple[str, ...]
    same_day_lead: str
    same_day_signs: tuple[str, ...]


@dataclass(frozen=True)
class SinceQuizSign:
    """A sign asked again before each Start: "since your quiz, has anything new started?"."""

    id: str
    words: str
    level: Literal["emergency", "urgent"]
    #: The quiz's answers this sign stands for (its own question, or a combination such as a
    #: fever after a spinal procedure); the quiz gives them `level` (a test holds them equal).
    answers: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.answers:
            object.__setattr__(self, "answers", MappingProxyType({self.id: True}))


#: The symptoms that mean "get help at once", in plain words (GIRFT expects them named).
EMERGENCY_SYMPTOMS: tuple[str, ...] = (
    "new trouble starting or stopping your pee, or not feeling when your bladder is full",
    "a changed feeling when you pee or poo",
    "leaking pee, or losing control of your bowels",
    "numbness around your genitals, bottom or inner thighs, or when you wipe",
    "new loss of feeling or function during sex",
    "new pain, numbness or weakness in both legs",
    "sudden severe pain in your back or belly, with feeling faint",
)
#: The signs that mean "see a doctor today".
SAME_DAY_SIGNS: tuple[str, ...] = (
    "a fever, or feeling unwell",
    "losing weight without trying",
    "a leg getting weaker, or a foot that catches",
    "new clumsy or unsteady walking",
)

_ADVICE: dict[Outcome, Advice] = {
    "emergency": Advice(
        "Get emergency help now. Do not try the routine.",
        "Your answers include a sign that needs a doctor straight away.",
    ),
    "urgent": Advice(
        "See a doctor today. Do not try the routine yet.",
        "These signs usually turn out to be nothing serious, but a doctor needs to rule out an "
        "infection, a cracked bone, cancer or a squeezed nerve first.",
    ),
    "see_clinician": Advice(
        "Book a check with a GP or physiotherapist before trying the routine.",
        "This is not an emergency. Keep moving gently in the meantime: bed rest makes back pain "
        "worse.",
    ),
    "routine_may_help": Advice(
        "The routine may help: try it with the stop rules.",
        "Your pain fits the spot the routine was made for, and none of the warning signs apply. "
        "Stop at once if pain shoots down your leg, if you feel numbness or tingling, if the "
        "pain gets worse, or if you feel pain in the outer hip or the groin.",
    ),
    "not_a_match": Advice(
        "This routine is unlikely to help you.",
        "None of the warning signs apply, but your pain does not fit the spot the routine was made "
        "for. Stay active: most low back pain gets better within a few weeks, and bed rest makes "
        "it worse.",
    ),
    "incomplete": Advice(
        "Answer the questions shown.",
        "Some questions are still unanswered. The quiz never guesses an answer you have not given.",
    ),
}
# Read-only, so no notebook can change what another reader is told.
OUTCOME_ADVICE: Mapping[Outcome, Advice] = MappingProxyType(_ADVICE)

_SPOT_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "beside_psis": "Your pain is at a small spot beside the bony bump low on your back.",
        "spine_midline": "Your pain is in the middle of the back, on the spine.",
        "higher_back": "Your pain is higher up, in the middle of the back.",
        "buttock_or_hip": "Your pain is in the buttock or hip.",
        "elsewhere": "Your pain is somewhere else, or spread out.",
    }
)
_PRESS_REASONS: Mapping[bool, str] = MappingProxyType(
    {
        True: "Pressing the spot brings on your usual pain.",
        False: "Pressing the spot does not bring on your usual pain.",
    }
)
_BY_ID: Mapping[str, Question] = MappingProxyType({q.id: q for q in QUESTIONS})
_SECTION_BY_TITLE: Mapping[str, Section] = MappingProxyType({s.title: s for s in SECTION_LIST})


# --------------------------------------------------------------------------------------------
# Questions, sections, checklists
# --------------------------------------------------------------------------------------------


def question(question_id: str) -> Question:
    """The question with this id."""
    try:
        return _BY_ID[question_id]
    except KeyError:
        raise ValueError(f"{question_id!r} is not a screening question") from None


def section(title: str) -> Section:
    """The section with this title."""
    try:
        return _SECTION_BY_TITLE[title]
    except KeyError:
        raise ValueError(f"{title!r} is not a screening section") from None


def questions_in_section(title: str) -> tuple[Question, ...]:
    """The questions under one of SECTIONS' titles, in the order they are asked."""
    section(title)
    return tuple(q for q in QUESTIONS if q.section == title)


def option_label(question_id: str, value: str) -> str:
    """The words shown to the reader for one option of a choice question."""
    for option_value, label in question(question_id).options:
        if option_value == value:
            return label
    raise ValueError(f"{question_id}: {value!r} is not one of its options")


def section_is_asked(title: str, answers: Answers) -> bool:
    """Whether a section is asked, given the answers so far (NG65's criteria only after yes)."""
    condition = section(title).asked_if
    return not condition or answers.get(condition) is True


def asked_questions(answers: Answers) -> tuple[Question, ...]:
    """The questions asked, given the answers so far, in order."""
    return tuple(q for q in QUESTIONS if section_is_asked(q.section, answers))


def checklist_answers(title: str, ticked: Iterable[str], none_of_these: bool) -> dict[str, bool]:
    """The answers a checklist section gives: each ticked sign yes and every other sign of the
    section no, once the reader has ticked something (a sign, or "None of these").

    An untouched checklist answers nothing: its questions stay unanswered, never "no". A sign
    ticked together with "None of these" still counts as yes: a tick is never overruled.
    """
    checklist = section(title)
    if not checklist.is_checklist:
        raise ValueError(f"{title!r} is not a checklist section")
    ids = tuple(q.id for q in questions_in_section(title))
    chosen = frozenset(ticked)
    strangers = sorted(chosen - set(ids))
    if strangers:
        raise ValueError(f"{', '.join(strangers)}: not in the section {title!r}")
    if not chosen and not none_of_these:
        return {}
    return {question_id: question_id in chosen for question_id in ids}


# --------------------------------------------------------------------------------------------
# Assessing
# --------------------------------------------------------------------------------------------


def assess(answers: Answers, region: str | None = None) -> Assessment:
    """What the answers so far mean: the most pressing outcome, what to do, and why.

    `region` (lowback.regions) only changes the wording of the actions, never the outcome."""
    _validate(answers)
    where = find_region(region)
    missing = tuple(q.id for q in asked_questions(answers) if q.id not in answers)
    cancer_note = (CANCER_NOTE,) if answers.get("cancer_history") is True else ()

    for level in ("emergency", "urgent", "see_clinician"):
        fired = [(r, r.finds(answers)) for r in RULES if r.outcome == level]
        fired = [(r, found) for r, found in fired if found[0]]
        if not fired:
            continue
        flags: list[str] = []
        reasons: list[str] = []
        actions: list[str] = []
        for r, (raised, why) in fired:
            flags += [flag for flag in raised if flag not in flags]
            reasons += [reason for reason in why if reason not in reasons]
            said = spondyloarthritis_action(answers) if r.id == "C11" else r.action(where)
            if said not in actions:
                actions.append(said)
        return Assessment(
            level,  # type: ignore[arg-type]
            tuple(actions) + cancer_note,
            tuple(reasons),
            tuple(flags),
            missing,
            tuple(r.id for r, _ in fired),
        )

    if missing:
        reasons = tuple(f"Not answered yet: {in_one_line(question(i).text)}" for i in missing)
        return Assessment(
            "incomplete", (OUTCOME_ADVICE["incomplete"].headline,), reasons, (), missing, ("I1",)
        )

    spot, pressed = answers["pain_spot"], answers["press_reproduces"]
    if spot == "beside_psis" and pressed:
        return Assessment(
            "routine_may_help",
            (
                "Try the routine with its stop rules.",
                "See a GP or physiotherapist if you are no better after about 4 to 6 weeks of "
                "doing it.",
            ),
            (_SPOT_REASONS[spot], _PRESS_REASONS[True]),
            (),
            missing,
            ("R1",),
        )
    # Either answer alone is enough to make the tip a poor fit; say whichever apply.
    not_a_match = []
    if spot != "beside_psis":
        not_a_match.append(_SPOT_REASONS[str(spot)])
    if not pressed:
        not_a_match.append(_PRESS_REASONS[False])
    return Assessment(
        "not_a_match",
        ("Stay active, and see a GP or physiotherapist if you are no better in about 4 weeks.",),
        tuple(not_a_match),
        (),
        missing,
        ("N1",),
    )


def in_one_line(text: str) -> str:
    """A question's words on one line: its stem, then its short list, if any, after a colon
    ("... any of these? new trouble starting or stopping your pee; ...")."""
    stem, *items = text.split("\n")
    listed = "; ".join(item.removeprefix("- ") for item in items)
    return f"{stem} {listed}" if listed else stem


def safety_net(outcome: Outcome, region: str | None = None) -> SafetyNet | None:
    """What to watch for, and where to go, after every result but an emergency (None there)."""
    if outcome not in OUTCOME_ADVICE:
        raise ValueError(f"{outcome!r} is not an outcome")
    if outcome == "emergency":
        return None
    where = find_region(region)
    return SafetyNet(
        f"{where.go_now} if any of these starts:",
        EMERGENCY_SYMPTOMS,
        f"{where.same_day} if any of these starts:",
        SAME_DAY_SIGNS,
    )


def since_quiz_signs() -> tuple[SinceQuizSign, ...]:
    """The signs asked again before each Start of the routine, with the level each one raises:
    the quiz's emergency and same-day signs, in plain words."""
    return (
        SinceQuizSign(
            "bladder_bowel", "New trouble peeing, or losing control of your bowels", "emergency"
        ),
        SinceQuizSign(
            "saddle_numbness", "Numbness around your genitals, bottom or inner thighs", "emergency"
        ),
        SinceQuizSign(
            "sexual_dysfunction", "New loss of feeling or function during sex", "emergency"
        ),
        SinceQuizSign("both_legs", "New pain, numbness or weakness in both legs", "emergency"),
        SinceQuizSign(
            "sudden_severe_faint",
            "Sudden severe pain in the back or belly, feeling faint",
            "emergency",
        ),
        SinceQuizSign(
            "major_trauma",
            "A serious accident or fall",
            "emergency",
            MappingProxyType({"major_trauma": "last_7_days"}),
        ),
        SinceQuizSign(
            "spinal_infection",
            "A fever, after a spinal injection or operation, or with weak immunity",
            "emergency",
            MappingProxyType({"fever_unwell": True, "recent_spinal_procedure": True}),
        ),
        SinceQuizSign(
            "cord_compression_after_cancer",
            "After cancer: new leg weakness, numbness or unsteady walking",
            "emergency",
            MappingProxyType({"cancer_history": True, "unsteady_walking": True}),
        ),
        SinceQuizSign("fever_unwell", "A fever, or feeling unwell", "urgent"),
        SinceQuizSign("weight_loss", "Losing weight without trying", "urgent"),
        SinceQuizSign(
            "weakness_worsening", "A leg getting weaker, or a foot that catches", "urgent"
        ),
        SinceQuizSign("unsteady_walking", "New clumsy or unsteady walking", "urgent"),
    )


# A representative answer of each kind, to ask "could this answer still raise the outcome?".
_AGES_TO_TRY = (AGE_MIN_YEARS, AGE_ADULT_YEARS, AGE_CHECK_OVER_YEARS + 1, AGE_FRACTURE_RISK_YEARS)


def _values_to_try(q: Question) -> tuple[object, ...]:
    if q.kind == "yes_no":
        return (True,)
    if q.kind == "choice":
        return tuple(value for value, _ in q.options)
    return _AGES_TO_TRY


def unanswered_warning_signs(
    assessment: Assessment, answers: Answers | None = None
) -> tuple[str, ...]:
    """Unanswered questions whose answer could make the outcome more pressing than it is.

    A sign decides the outcome even while other questions are blank, so a reader told "see a
    clinician" may not yet have answered a question that would make it an emergency. With the
    answers, this is exact: each unanswered question alone, and each pair of them that a
    combination rule reads together (a minor strain and thin bones), is tried. Without them,
    every unanswered question a more pressing rule reads is named.
    """
    rank = OUTCOMES.index(assessment.outcome)
    if assessment.outcome not in ("urgent", "see_clinician"):
        return ()
    if answers is None:
        more = {i for r in RULES if OUTCOMES.index(r.outcome) < rank for i in r.questions}
        return tuple(i for i in assessment.missing if i in more)

    def raises(extra: Mapping[str, object]) -> bool:
        return OUTCOMES.index(assess({**answers, **extra}).outcome) < rank

    def level(extra: Mapping[str, object]) -> int:
        return OUTCOMES.index(assess({**answers, **extra}).outcome)

    found = {
        i
        for i in assessment.missing
        if any(level({i: value}) < rank for value in _values_to_try(question(i)))
    }
    # A combination rule's halves, tried together: the second half is worth asking when,
    # with the first, it makes the outcome more pressing than the first alone does (fever
    # alone is urgent; with a spinal procedure it is an emergency).
    for r in RULES:
        if OUTCOMES.index(r.outcome) >= rank:
            continue
        open_parts = [i for i in r.questions if i in assessment.missing]
        for first, second in ((a, b) for a in open_parts for b in open_parts if a < b):
            values = product(_values_to_try(question(first)), _values_to_try(question(second)))
            for x, y in values:
                both = level({first: x, second: y})
                if both >= rank:
                    continue
                if both < level({first: x}):
                    found.add(second)
                if both < level({second: y}):
                    found.add(first)
    return tuple(i for i in assessment.missing if i in found)


def _validate(answers: Answers) -> None:
    # Every answer is checked before any is used, so bad input fails loudly even next to an
    # emergency sign: a typo in an id must not silently drop a warning sign.
    for question_id, value in answers.items():
        q = question(question_id)
        if q.kind == "yes_no":
            if type(value) is not bool:
                raise ValueError(f"{q.id}: expected True or False, got {_short(value)}")
        elif q.kind == "choice":
            if not isinstance(value, str) or value not in {v for v, _ in q.options}:
                offered = ", ".join(v for v, _ in q.options)
                raise ValueError(f"{q.id}: {_short(value)} is not one of the options ({offered})")
        else:
            # bool is a subclass of int, but True is not an age.
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"{q.id}: expected a whole number of years, got {_short(value)}")
            if not AGE_MIN_YEARS <= value <= AGE_MAX_YEARS:
                raise ValueError(f"{q.id}: outside {AGE_MIN_YEARS} to {AGE_MAX_YEARS} years")


def _short(value: object) -> str:
    """A value for an error message, cut short: a message must never grow with hostile input
    (and a huge int has no str() at all past Python's digit limit)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
        return "a number that is far too large"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# An age has at most three digits; longer input is refused before it is read as a number.
_AGE_MAX_DIGITS = len(str(AGE_MAX_YEARS))


def parse_age(text: str) -> int | None:
    """Read an age typed by a reader: None when the box is empty, else whole years.

    Raises ValueError with a message a reader can act on; the quiz shows it beside the box.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValueError(
            f"Please type your age as a whole number of years, from {AGE_MIN_YEARS} to "
            f"{AGE_MAX_YEARS}."
        )
    if len(cleaned.lstrip("0")) > _AGE_MAX_DIGITS:
        raise ValueError(f"Please type an age from {AGE_MIN_YEARS} to {AGE_MAX_YEARS} years.")
    years = int(cleaned)
    if not AGE_MIN_YEARS <= years <= AGE_MAX_YEARS:
        raise ValueError(f"Please type an age from {AGE_MIN_YEARS} to {AGE_MAX_YEARS} years.")
    return years
