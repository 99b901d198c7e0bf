"""Who should not try the routine: assess() over the answers to the screening questions.

Screening rules version 2 (DESIGN.md). Pure rules, no widgets and no I/O, so every decision can
be tested without a browser. The quiz errs toward sending people to a clinician: a warning sign
answered yes always wins over a missing answer, and nothing is guessed from an answer that is
not there. The questions themselves are data, in lowback.screening_questions.

Education, not diagnosis: a warning sign signals a risk worth checking, not a disease.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

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

__all__ = [
    "AGE_CHECK_OVER_YEARS",
    "AGE_CHECK_UNDER_YEARS",
    "AGE_FRACTURE_RISK_YEARS",
    "AGE_MAX_YEARS",
    "AGE_MIN_YEARS",
    "CLINICIAN_FLAGS",
    "EMERGENCY_FLAGS",
    "EMERGENCY_SYMPTOMS",
    "OUTCOMES",
    "OUTCOME_ADVICE",
    "QUESTIONS",
    "SAFETY_NET",
    "SECTIONS",
    "URGENT_FLAGS",
    "WARNING_SIGNS",
    "Advice",
    "Assessment",
    "Question",
    "QuestionKind",
    "Section",
    "assess",
    "checklist_answers",
    "option_label",
    "parse_age",
    "question",
    "questions_in_section",
    "safety_net",
    "section",
    "unanswered_warning_signs",
]

Outcome = Literal[
    "emergency", "urgent", "see_clinician", "routine_may_help", "not_a_match", "incomplete"
]


@dataclass(frozen=True)
class Assessment:
    outcome: Outcome
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    headline: str
    next_step: str


# The classic red-flag rule: back pain starting under 20 or over 50 deserves a clinician's check.
# Age alone is a weak sign of serious disease, so it sends people to a check, never to an alarm.
# NICE NG59 covers people over 16 only, one more reason to send under-20s to a clinician.
AGE_CHECK_UNDER_YEARS = 20
AGE_CHECK_OVER_YEARS = 50
# From this age, pain after a minor fall, lift, cough or sneeze may be a fracture (NICE CKS).
AGE_FRACTURE_RISK_YEARS = 65

# Suspected cauda equina syndrome (pressure on the nerves at the base of the spine), a possible
# fracture after a big accident, or a possible leaking aortic aneurysm: minutes to hours matter.
CAUDA_EQUINA_FLAGS: frozenset[str] = frozenset(
    {"bladder_bowel", "saddle_numbness", "sexual_dysfunction", "both_legs"}
)
EMERGENCY_FLAGS: frozenset[str] = CAUDA_EQUINA_FLAGS | {"major_trauma", "sudden_severe_faint"}
# Signs of serious disease (cancer, infection) or of a nerve under growing pressure: a doctor
# the same day. A minor strain with thin bones or at 65 and over is urgent too, but it takes
# two answers, so it is a rule in assess(), not a flag here.
URGENT_FLAGS: frozenset[str] = frozenset(
    {
        "cancer_history",
        "weight_loss",
        "fever_unwell",
        "immune_or_drugs",
        "night_pain",
        "weakness_worsening",
    }
)
# Each alone is a reason for a check before self-treatment. Age and a pain spot higher up the
# back are clinician signs too, judged from a number and a choice in assess().
CLINICIAN_FLAGS: frozenset[str] = frozenset(
    {
        "pain_below_knee",
        "leg_numbness",
        "leg_weakness",
        "steroids_osteoporosis",
        "recent_infection_or_procedure",
        "inflammatory_pattern",
        "pregnant_or_postpartum",
        "hip_surgery",
    }
)
# Every yes/no question whose "yes" alone changes the outcome. minor_trauma is not among them:
# alone (under 65, no steroids or thin bones) it changes nothing.
WARNING_SIGNS: frozenset[str] = EMERGENCY_FLAGS | URGENT_FLAGS | CLINICIAN_FLAGS

# Most pressing first: the first outcome whose rule matches is the answer.
OUTCOMES: tuple[Outcome, ...] = (
    "emergency",
    "urgent",
    "see_clinician",
    "incomplete",
    "routine_may_help",
    "not_a_match",
)

#: The symptoms that mean "call for help at once", in plain words (GIRFT expects them named).
EMERGENCY_SYMPTOMS: tuple[str, ...] = (
    "new trouble passing urine, not knowing when your bladder is full, or leaking urine",
    "losing control of your bowels",
    "numbness around your genitals, your bottom or the inside of your thighs",
    "new loss of feeling or function during sex",
    "new pain, numbness or weakness in both legs",
)
#: The safety net every result but an emergency ends with.
SAFETY_NET = (
    "Call emergency services at once if any of these appears: "
    + "; ".join(EMERGENCY_SYMPTOMS)
    + "."
)

_ADVICE: dict[Outcome, Advice] = {
    "emergency": Advice(
        "Call emergency services now.",
        "Phone your local emergency number (for example 999, 112 or 911) or go to an emergency "
        "department straight away, and do not try the routine. Your answers can mean pressure on "
        "the bundle of nerves at the base of the spine (cauda equina syndrome), which needs an "
        "emergency scan, and surgery if the scan confirms it; a broken bone after a serious "
        "accident; or, with sudden severe pain and feeling faint, a leak from the main blood "
        "vessel in the belly.",
    ),
    "urgent": Advice(
        "See a doctor today.",
        "Ask for a same-day appointment with a GP or an urgent care service, and do not try the "
        "routine until a doctor has checked you. These signs usually turn out to be nothing "
        "serious, but they can point to an infection, a cracked bone, cancer or a nerve under "
        "growing pressure, which a doctor needs to rule out.",
    ),
    "see_clinician": Advice(
        "Book a check with a GP or physiotherapist before trying self-treatment.",
        "This is not an emergency. Keep moving gently in the meantime: bed rest makes back pain "
        "worse. A clinician can tell what is causing your pain and whether this routine is safe "
        "for you.",
    ),
    "routine_may_help": Advice(
        "The routine may help: try it with the stop rules.",
        "Your pain fits the spot the routine was made for, and none of the warning signs apply. "
        "Stop straight away if pain shoots down your leg, if you feel numbness or tingling, if "
        "the pain gets worse, or if you feel pain in the outer hip or the groin. If you are no "
        "better in about 4 weeks, see a GP or physiotherapist.",
    ),
    "not_a_match": Advice(
        "This tip is unlikely to help you.",
        "None of the warning signs apply, but your pain does not fit the spot the routine was made "
        "for. Stay active: most low back pain gets better within a few weeks, and bed rest makes "
        "it worse. See a GP or physiotherapist if you are no better in about 4 weeks.",
    ),
    "incomplete": Advice(
        "Answer the questions shown.",
        "Some questions are still unanswered. Answer each one so the quiz can tell whether the "
        "routine suits you; it never guesses an answer you have not given.",
    ),
}
# Read-only, so no notebook can change what another reader is told.
OUTCOME_ADVICE: Mapping[Outcome, Advice] = MappingProxyType(_ADVICE)

_YES_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "pain_below_knee": "Your pain runs down your leg to below the knee.",
        "leg_numbness": "You have numbness or tingling (pins and needles) in a leg or foot.",
        "leg_weakness": "One leg feels weak or gives way.",
        "weakness_worsening": "Your toes catch or your foot slaps as you walk (foot drop), or "
        "weakness in a leg is getting worse.",
        "bladder_bowel": "You have new trouble with passing urine or with bowel control.",
        "saddle_numbness": "You have numbness around your genitals, bottom or inner thighs "
        "(saddle numbness).",
        "sexual_dysfunction": "You have newly lost feeling or function during sex.",
        "both_legs": "You have new pain, numbness or weakness in both legs since this pain began.",
        "major_trauma": "Your pain started after a serious accident or fall in the last few days, "
        "and no doctor has checked it.",
        "sudden_severe_faint": "You have sudden, severe pain in the back or belly with feeling "
        "faint, sweaty or collapsing.",
        "cancer_history": "You have had cancer in the past.",
        "weight_loss": "You have lost weight without trying.",
        "fever_unwell": "You have a fever or feel ill all over.",
        "immune_or_drugs": "Your immunity is weakened, or you inject drugs.",
        "night_pain": "Your pain never lets up with rest or a change of position, and is worse at "
        "night.",
        "steroids_osteoporosis": "You take long-term steroid tablets or have thin bones "
        "(osteoporosis).",
        "recent_infection_or_procedure": "You have had an infection, or an injection or operation "
        "on your spine, in the last 3 months.",
        "inflammatory_pattern": "Your back pain has the pattern of inflammation in the spine's "
        "joints (it began before 45, has lasted over 3 months, and is stiff in the morning, wakes "
        "you late in the night or eases with movement).",
        "pregnant_or_postpartum": "You are pregnant, or gave birth in the last 6 months.",
        "hip_surgery": "You have had a hip replacement or another hip operation.",
    }
)
_FRACTURE_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "steroids_osteoporosis": "Your pain began after a minor fall, lift, cough or sneeze, and "
        "you take long-term steroid tablets or have thin bones: a bone may have cracked.",
        "age": f"Your pain began after a minor fall, lift, cough or sneeze, and you are "
        f"{AGE_FRACTURE_RISK_YEARS} or over: a bone may have cracked.",
    }
)
_HIGHER_BACK_REASON = (
    "Your pain is higher up, in the middle of the back: pain there deserves a clinician's check."
)

_SPOT_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "beside_psis": "Your pain is at a small spot beside the bony bump low on your back (the "
        "PSIS).",
        "spine_midline": "Your pain is in the middle of the back, on the spine, not beside the "
        "PSIS.",
        "higher_back": "Your pain is higher up the back, not beside the PSIS.",
        "buttock_or_hip": "Your pain is in the buttock or hip, not beside the PSIS.",
        "elsewhere": "Your pain is somewhere else or spread out, not at the spot beside the PSIS.",
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


def safety_net(outcome: Outcome) -> str:
    """What to do if an emergency symptom appears: said with every result but an emergency."""
    if outcome not in OUTCOME_ADVICE:
        raise ValueError(f"{outcome!r} is not an outcome")
    return "" if outcome == "emergency" else SAFETY_NET


def assess(answers: Mapping[str, object]) -> Assessment:
    """What the answers so far mean: the most pressing outcome, and the answers behind it."""
    _validate(answers)
    missing = tuple(q.id for q in QUESTIONS if q.id not in answers)

    raised = _answered_yes(answers, EMERGENCY_FLAGS)
    if raised:
        return Assessment("emergency", _reasons(raised), raised, missing)

    raised, reasons = _urgent_signs(answers)
    if raised:
        return Assessment("urgent", reasons, raised, missing)

    raised, reasons = _clinician_signs(answers)
    if raised:
        return Assessment("see_clinician", reasons, raised, missing)

    if missing:
        reasons = tuple(f"Not answered yet: {question(i).text}" for i in missing)
        return Assessment("incomplete", reasons, (), missing)

    spot, pressed = answers["pain_spot"], answers["press_reproduces"]
    if spot == "beside_psis" and pressed:
        return Assessment(
            "routine_may_help", (_SPOT_REASONS[spot], _PRESS_REASONS[True]), (), missing
        )
    # Either answer alone is enough to make the tip a poor fit; say whichever apply.
    not_a_match = []
    if spot != "beside_psis":
        not_a_match.append(_SPOT_REASONS[spot])
    if not pressed:
        not_a_match.append(_PRESS_REASONS[False])
    return Assessment("not_a_match", tuple(not_a_match), (), missing)


def _answered_yes(answers: Mapping[str, object], flag_ids: frozenset[str]) -> tuple[str, ...]:
    return tuple(q.id for q in QUESTIONS if q.id in flag_ids and answers.get(q.id) is True)


def _reasons(flag_ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(_YES_REASONS[i] for i in flag_ids)


def _urgent_signs(answers: Mapping[str, object]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raised = _answered_yes(answers, URGENT_FLAGS)
    reasons = list(_reasons(raised))
    if answers.get("minor_trauma") is True:
        # A small strain matters with thin bones or at 65 and over: a possible fracture.
        if answers.get("steroids_osteoporosis") is True:
            raised += ("minor_trauma", "steroids_osteoporosis")
            reasons.append(_FRACTURE_REASONS["steroids_osteoporosis"])
        age = answers.get("age")
        if isinstance(age, int) and age >= AGE_FRACTURE_RISK_YEARS:
            raised += ("age",) if "minor_trauma" in raised else ("minor_trauma", "age")
            reasons.append(_FRACTURE_REASONS["age"])
    return raised, tuple(reasons)


def _clinician_signs(answers: Mapping[str, object]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raised: list[str] = []
    reasons: list[str] = []
    for q in QUESTIONS:
        if q.id == "pain_spot" and answers.get(q.id) == "higher_back":
            raised.append(q.id)
            reasons.append(_HIGHER_BACK_REASON)
        elif q.id in CLINICIAN_FLAGS and answers.get(q.id) is True:
            raised.append(q.id)
            reasons.append(_YES_REASONS[q.id])
    age_reason = _age_reason(answers.get("age"))
    if age_reason:
        raised.append("age")
        reasons.append(age_reason)
    return tuple(raised), tuple(reasons)


def _age_reason(age: object) -> str | None:
    if not isinstance(age, int):
        return None
    if age < AGE_CHECK_UNDER_YEARS:
        return (
            f"You are {age}: back pain under {AGE_CHECK_UNDER_YEARS} deserves a clinician's "
            "check before you treat it yourself."
        )
    if age > AGE_CHECK_OVER_YEARS:
        return (
            f"You are {age}: back pain over {AGE_CHECK_OVER_YEARS} deserves a clinician's check "
            "before you treat it yourself."
        )
    return None


def _validate(answers: Mapping[str, object]) -> None:
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


def unanswered_warning_signs(assessment: Assessment) -> tuple[str, ...]:
    """Unanswered questions whose 'yes' could make the outcome more pressing than it is.

    A sign decides the outcome even while other questions are blank, so a reader told "see a
    clinician" may not yet have answered a question that would make it an emergency. A minor
    strain and thin bones count too: together they are urgent.
    """
    more_pressing = {
        "urgent": EMERGENCY_FLAGS,
        "see_clinician": EMERGENCY_FLAGS | URGENT_FLAGS | {"minor_trauma", "steroids_osteoporosis"},
    }.get(assessment.outcome, frozenset())
    return tuple(i for i in assessment.missing if i in more_pressing)
