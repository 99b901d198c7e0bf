"""Who should not try the routine: the screening questions as data, and assess() over the answers.

Pure rules, no widgets and no I/O, so every decision can be tested without a browser. The quiz
errs toward sending people to a clinician: a warning sign answered yes always wins over a
missing answer, and nothing is guessed from an answer that is not there.

Education, not diagnosis: a warning sign signals a risk worth checking, not a disease.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

QuestionKind = Literal["yes_no", "choice", "number"]
Outcome = Literal[
    "emergency", "urgent", "see_clinician", "routine_may_help", "not_a_match", "incomplete"
]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: QuestionKind
    options: tuple[tuple[str, str], ...] = ()  # (value, label) pairs, for choices only
    why: str = ""
    section: str = ""


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


# Ordered as the quiz asks them; each section's questions are next to each other in QUESTIONS.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Where is the pain", "The routine is meant for one small sore spot, so first we find yours."),
    ("Does it travel", "Pain, numbness or weakness down the leg points to a nerve, not a muscle."),
    ("Warning signs", "A few rare signs mean you need a doctor first, some of them straight away."),
    ("About you", "Back pain at some ages deserves a check before you treat it yourself."),
)

_WHERE, _TRAVEL, _WARNING, _ABOUT = (title for title, _ in SECTIONS)

AGE_MIN_YEARS = 1
AGE_MAX_YEARS = 120
# The classic red-flag rule: back pain starting under 20 or over 50 deserves a clinician's check.
# Age alone is a weak sign of serious disease, so it sends people to a check, never to an alarm.
AGE_CHECK_UNDER_YEARS = 20
AGE_CHECK_OVER_YEARS = 50

QUESTIONS: tuple[Question, ...] = (
    Question(
        "pain_spot",
        "Where do you feel the pain most?",
        "choice",
        options=(
            (
                "beside_psis",
                "A small spot, about the size of your thumb tip, right next to one of the two "
                "bony bumps low on your back, just above the buttock (beside the PSIS)",
            ),
            ("spine_midline", "In the middle of the back, right on the bones of the spine"),
            ("higher_back", "Higher up the back, above the waist"),
            ("buttock_or_hip", "Deep in the buttock, or around the side of the hip"),
            ("elsewhere", "Somewhere else, or spread over a wide area"),
        ),
        why="The routine was made for pain at one spot beside the PSIS, not for back pain in "
        "general.",
        section=_WHERE,
    ),
    Question(
        "press_reproduces",
        "If you press firmly on that spot, does it bring on the same pain you usually feel?",
        "yes_no",
        why="If pressing the spot sets off your usual pain, the sore tissue is probably right "
        "there.",
        section=_WHERE,
    ),
    Question(
        "pain_below_knee",
        "Does the pain run down your leg to below the knee?",
        "yes_no",
        why="Pain that travels below the knee often comes from a squeezed nerve in the back.",
        section=_TRAVEL,
    ),
    Question(
        "leg_numbness",
        "Do you have numbness, or pins and needles (tingling), in a leg or foot?",
        "yes_no",
        why="Numbness or tingling means a nerve may be involved, which a muscle routine will not "
        "fix.",
        section=_TRAVEL,
    ),
    Question(
        "leg_weakness",
        "Does a leg feel weak: does your foot drag or slap the floor (foot drop), or does the leg "
        "give way under you?",
        "yes_no",
        why="A weak leg can mean a nerve is not passing on its messages properly.",
        section=_TRAVEL,
    ),
    Question(
        "bladder_bowel",
        "Since this pain began, have you had new trouble peeing, been unable to pee, leaked pee, "
        "or lost control of your bowels (poo)?",
        "yes_no",
        why="New bladder or bowel trouble can mean the nerves at the base of the spine are being "
        "squeezed.",
        section=_WARNING,
    ),
    Question(
        "saddle_numbness",
        "Is there numbness or a dull, strange feeling around your private parts, your bottom or "
        "the inside of your thighs (the 'saddle' area)?",
        "yes_no",
        why="The skin where you sit on a saddle is fed by the nerves at the very base of the "
        "spine.",
        section=_WARNING,
    ),
    Question(
        "sexual_dysfunction",
        "Have you newly lost feeling or function during sex?",
        "yes_no",
        why="The same nerves at the base of the spine also control sexual function.",
        section=_WARNING,
    ),
    Question(
        "both_legs",
        "Do you have pain, numbness or weakness in both legs?",
        "yes_no",
        why="Trouble in both legs at once can mean pressure on many nerves together.",
        section=_WARNING,
    ),
    Question(
        "major_trauma",
        "Did this pain start after a serious accident or a bad fall?",
        "yes_no",
        why="A big knock can break a bone in the spine, which needs checking first.",
        section=_WARNING,
    ),
    Question(
        "cancer_history",
        "Have you ever had cancer?",
        "yes_no",
        why="Rarely, cancer can spread to the bones of the back.",
        section=_WARNING,
    ),
    Question(
        "weight_loss",
        "Have you lost weight lately without trying to?",
        "yes_no",
        why="Losing weight for no reason can be a sign of an illness that needs a doctor.",
        section=_WARNING,
    ),
    Question(
        "fever_unwell",
        "Do you have a fever (a high temperature), or do you feel ill all over?",
        "yes_no",
        why="Fever with back pain can mean an infection in or near the spine.",
        section=_WARNING,
    ),
    Question(
        "immune_or_drugs",
        "Is your body weaker than usual at fighting germs (low immunity, for example from HIV, "
        "chemotherapy or transplant medicines), or do you inject drugs?",
        "yes_no",
        why="Both make an infection of the spine more likely.",
        section=_WARNING,
    ),
    Question(
        "steroids_osteoporosis",
        "Have you taken steroid tablets for months, or been told your bones are thin and weak "
        "(osteoporosis)?",
        "yes_no",
        why="Weak bones can crack after only a small knock, or even without one.",
        section=_WARNING,
    ),
    Question(
        "night_pain",
        "Is the pain there all the time, not eased by rest or by changing position, and worse at "
        "night?",
        "yes_no",
        why="A sore muscle usually eases when you rest or shift; pain that never lets up needs a "
        "doctor.",
        section=_WARNING,
    ),
    Question(
        "age",
        f"How old are you, in whole years ({AGE_MIN_YEARS} to {AGE_MAX_YEARS})?",
        "number",
        why="Back pain in young people and in people over 50 is more often something other than a "
        "sore muscle.",
        section=_ABOUT,
    ),
)

# Suspected cauda equina syndrome (pressure on the nerves at the base of the spine) or a possible
# fracture after a big accident: minutes to hours matter.
EMERGENCY_FLAGS: frozenset[str] = frozenset(
    {"bladder_bowel", "saddle_numbness", "sexual_dysfunction", "both_legs", "major_trauma"}
)
# Signs of serious disease (cancer, infection, fracture): a doctor the same day.
URGENT_FLAGS: frozenset[str] = frozenset(
    {
        "cancer_history",
        "weight_loss",
        "fever_unwell",
        "immune_or_drugs",
        "steroids_osteoporosis",
        "night_pain",
    }
)
# Signs that a nerve root is involved: a check before self-treatment. Age is a clinician flag too,
# but as a number it is judged against AGE_CHECK_UNDER_YEARS and AGE_CHECK_OVER_YEARS.
#
# leg_weakness stays here, not in URGENT_FLAGS. CONTENT.md names "foot drop or marked leg
# weakness" as urgent, but also "weakness in one leg" as a reason to see a clinician, and one
# yes/no cannot tell marked from mild. DESIGN.md, the binding interface, lists leg_weakness among
# the radicular signs, so we keep its assignment; weakness in both legs is caught by both_legs as
# an emergency, and the leg_weakness reason tells the reader to go the same day if the weakness is
# marked or getting worse.
CLINICIAN_FLAGS: frozenset[str] = frozenset({"pain_below_knee", "leg_numbness", "leg_weakness"})
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

_ADVICE: dict[Outcome, Advice] = {
    "emergency": Advice(
        "Call emergency services now.",
        "Phone your local emergency number (for example 999, 112 or 911) or go to an emergency "
        "department straight away, and do not try the routine. Your answers can mean pressure on "
        "the bundle of nerves at the base of the spine (cauda equina syndrome), which needs "
        "surgery within hours to save bladder, bowel and leg function, or a broken bone after a "
        "serious accident.",
    ),
    "urgent": Advice(
        "See a doctor today.",
        "Ask for a same-day appointment with a GP or an urgent care service, and do not try the "
        "routine until a doctor has checked you. These signs usually turn out to be nothing "
        "serious, but they can point to an infection, a cracked bone or cancer, which a doctor "
        "needs to rule out. If bladder, bowel or saddle-area trouble appears, call emergency "
        "services.",
    ),
    "see_clinician": Advice(
        "Book a check with a GP or physiotherapist before trying self-treatment.",
        "This is not an emergency, and most back pain like this settles within weeks. Keep moving "
        "gently in the meantime; bed rest makes back pain worse. A clinician can tell whether a "
        "nerve is involved and what will help. If any warning sign appears, get help at once.",
    ),
    "routine_may_help": Advice(
        "The routine may help: try it with the stop rules.",
        "Your pain fits the spot the routine was made for, and none of the warning signs apply. "
        "Stop straight away if pain shoots down your leg, if you feel numbness or tingling, or if "
        "the pain gets worse. If you are no better in about 4 weeks, see a GP or physiotherapist.",
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

_YES_REASONS: Mapping[str, str] = {
    "pain_below_knee": "Your pain runs down your leg to below the knee.",
    "leg_numbness": "You have numbness or tingling (pins and needles) in a leg or foot.",
    "leg_weakness": "A leg feels weak, your foot drags or the leg gives way (foot drop). If the "
    "weakness is marked or getting worse, see a doctor today.",
    "bladder_bowel": "You have new trouble with peeing or with bowel control.",
    "saddle_numbness": "You have numbness around your genitals or back passage (saddle numbness).",
    "sexual_dysfunction": "You have newly lost feeling or function during sex.",
    "both_legs": "You have pain, numbness or weakness in both legs.",
    "major_trauma": "Your pain started after a serious accident or fall.",
    "cancer_history": "You have had cancer in the past.",
    "weight_loss": "You have lost weight without trying.",
    "fever_unwell": "You have a fever or feel ill all over.",
    "immune_or_drugs": "Your immunity is weakened, or you inject drugs.",
    "steroids_osteoporosis": "You take long-term steroids or have thin bones (osteoporosis).",
    "night_pain": "Your pain never lets up with rest or a change of position, and is worse at "
    "night.",
}

_SPOT_REASONS: Mapping[str, str] = {
    "beside_psis": "Your pain is at a small spot beside the bony bump low on your back (the PSIS).",
    "spine_midline": "Your pain is in the middle of the back, on the spine, not beside the PSIS.",
    "higher_back": "Your pain is higher up the back, not beside the PSIS.",
    "buttock_or_hip": "Your pain is in the buttock or hip, not beside the PSIS.",
    "elsewhere": "Your pain is somewhere else or spread out, not at the spot beside the PSIS.",
}

_PRESS_REASONS: Mapping[bool, str] = {
    True: "Pressing the spot brings on your usual pain.",
    False: "Pressing the spot does not bring on your usual pain.",
}

_BY_ID: Mapping[str, Question] = {q.id: q for q in QUESTIONS}


def question(question_id: str) -> Question:
    """The question with this id."""
    try:
        return _BY_ID[question_id]
    except KeyError:
        raise ValueError(f"{question_id!r} is not a screening question") from None


def questions_in_section(section: str) -> tuple[Question, ...]:
    """The questions under one of SECTIONS' titles, in the order they are asked."""
    if section not in {title for title, _ in SECTIONS}:
        raise ValueError(f"{section!r} is not a screening section")
    return tuple(q for q in QUESTIONS if q.section == section)


def option_label(question_id: str, value: str) -> str:
    """The words shown to the reader for one option of a choice question."""
    for option_value, label in question(question_id).options:
        if option_value == value:
            return label
    raise ValueError(f"{question_id}: {value!r} is not one of its options")


def assess(answers: Mapping[str, object]) -> Assessment:
    """What the answers so far mean: the most pressing outcome, and the answers behind it."""
    _validate(answers)
    missing = tuple(q.id for q in QUESTIONS if q.id not in answers)

    for level, flag_ids in (("emergency", EMERGENCY_FLAGS), ("urgent", URGENT_FLAGS)):
        raised = _answered_yes(answers, flag_ids)
        if raised:
            return Assessment(level, tuple(_YES_REASONS[i] for i in raised), raised, missing)

    raised = _answered_yes(answers, CLINICIAN_FLAGS)
    reasons = [_YES_REASONS[i] for i in raised]
    age_reason = _age_reason(answers.get("age"))
    if age_reason:
        raised += ("age",)
        reasons.append(age_reason)
    if raised:
        return Assessment("see_clinician", tuple(reasons), raised, missing)

    if missing:
        reasons = [f"Not answered yet: {question(i).text}" for i in missing]
        return Assessment("incomplete", tuple(reasons), (), missing)

    spot, pressed = answers["pain_spot"], answers["press_reproduces"]
    if spot == "beside_psis" and pressed:
        return Assessment(
            "routine_may_help", (_SPOT_REASONS[spot], _PRESS_REASONS[True]), (), missing
        )
    # Either answer alone is enough to make the tip a poor fit; say whichever apply.
    reasons = []
    if spot != "beside_psis":
        reasons.append(_SPOT_REASONS[spot])
    if not pressed:
        reasons.append(_PRESS_REASONS[False])
    return Assessment("not_a_match", tuple(reasons), (), missing)


def _answered_yes(answers: Mapping[str, object], flag_ids: frozenset[str]) -> tuple[str, ...]:
    return tuple(q.id for q in QUESTIONS if q.id in flag_ids and answers.get(q.id) is True)


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
                raise ValueError(f"{q.id}: expected True or False, got {value!r}")
        elif q.kind == "choice":
            if not isinstance(value, str) or value not in {v for v, _ in q.options}:
                offered = ", ".join(v for v, _ in q.options)
                raise ValueError(f"{q.id}: {value!r} is not one of the options ({offered})")
        else:
            # bool is a subclass of int, but True is not an age.
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"{q.id}: expected a whole number of years, got {value!r}")
            if not AGE_MIN_YEARS <= value <= AGE_MAX_YEARS:
                raise ValueError(
                    f"{q.id}: {value} is outside {AGE_MIN_YEARS} to {AGE_MAX_YEARS} years"
                )


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
    years = int(cleaned)
    if not AGE_MIN_YEARS <= years <= AGE_MAX_YEARS:
        raise ValueError(f"Please type an age from {AGE_MIN_YEARS} to {AGE_MAX_YEARS} years.")
    return years


def unanswered_warning_signs(assessment: Assessment) -> tuple[str, ...]:
    """Unanswered questions whose 'yes' would make the outcome more pressing than it is.

    A flag decides the outcome even while other questions are blank, so a reader told "see a
    clinician" may not yet have answered a question that would make it an emergency.
    """
    more_pressing = {
        "urgent": EMERGENCY_FLAGS,
        "see_clinician": EMERGENCY_FLAGS | URGENT_FLAGS,
    }.get(assessment.outcome, frozenset())
    return tuple(i for i in assessment.missing if i in more_pressing)
