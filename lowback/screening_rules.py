"""The screening rules (version 3), each with a stable id: what fires, at which level, and
what the reader is told to do. lowback.screening runs them (assess) and is the public interface;
this module is the rules' data, split out so each file stays about one subject.

Every rule's id is named in the hazard log (docs/safety/hazard-log.md) with the tests that prove
it; docs/design.md lists them in a table. Sources: the content brief's screening section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from lowback.regions import Region

__all__ = [
    "AGE_ADULT_YEARS",
    "AGE_CHECK_OVER_YEARS",
    "AGE_CHECK_UNDER_YEARS",
    "AGE_FRACTURE_RISK_YEARS",
    "Answers",
    "CANCER_NOTE",
    "CAUDA_EQUINA_FLAGS",
    "NG65_CRITERIA",
    "OTHER_RULE_IDS",
    "RULES",
    "Outcome",
    "Rule",
    "rule",
    "spondyloarthritis_action",
]

Outcome = Literal[
    "emergency", "urgent", "see_clinician", "routine_may_help", "not_a_match", "incomplete"
]

# The classic red-flag rule: back pain starting under 20 or over 50 deserves a clinician's check.
# Age alone is a weak sign of serious disease, so it sends people to a check, never to an alarm.
# NICE NG59 covers people over 16 only, and the series is written for adults.
AGE_ADULT_YEARS = 16
AGE_CHECK_UNDER_YEARS = 20
AGE_CHECK_OVER_YEARS = 50
# From this age, pain after a minor fall, lift, cough or sneeze may be a fracture (NICE CKS).
AGE_FRACTURE_RISK_YEARS = 65

CAUDA_EQUINA_FLAGS: tuple[str, ...] = (
    "bladder_bowel",
    "saddle_numbness",
    "sexual_dysfunction",
    "both_legs",
)
SERIOUS_PATHOLOGY_FLAGS: tuple[str, ...] = (
    "cancer_history",
    "weight_loss",
    "fever_unwell",
    "immune_or_drugs",
    "night_pain",
)
RADICULAR_FLAGS: tuple[str, ...] = ("pain_below_knee", "leg_numbness", "leg_weakness")
CORD_SIGNS: tuple[str, ...] = (
    "leg_weakness",
    "leg_numbness",
    "weakness_worsening",
    "unsteady_walking",
)
NG65_CRITERIA: tuple[str, ...] = (
    "spa_onset_before_35",
    "spa_wakes_late_night",
    "spa_buttock_pain",
    "spa_better_moving",
    "spa_better_nsaids",
    "spa_family",
    "spa_arthritis",
    "spa_enthesitis",
    "spa_psoriasis",
)
# NICE NG65: 4 or more criteria, refer to rheumatology; exactly 3, the GP may test HLA-B27.
NG65_BLOOD_TEST = 3
NG65_REFER = 4

_YES_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "pain_below_knee": "Your pain runs down your leg to below the knee.",
        "minor_trauma": "Your pain began after a minor fall, lift, cough or sneeze.",
        "leg_numbness": "You have numbness or pins and needles in a leg or foot.",
        "leg_weakness": "One leg feels weak or gives way.",
        "weakness_worsening": "Your toes catch or your foot slaps, or a leg is getting weaker.",
        "unsteady_walking": "Your walking is newly clumsy or unsteady.",
        "bladder_bowel": "You have new trouble with your bladder or bowels.",
        "saddle_numbness": "You have numbness around your genitals, bottom or inner thighs.",
        "sexual_dysfunction": "You have newly lost feeling or function during sex.",
        "both_legs": "You have new pain, numbness or weakness in both legs.",
        "sudden_severe_faint": "You have sudden, severe pain in the back or belly with feeling "
        "faint.",
        "cancer_history": "You have had cancer.",
        "weight_loss": "You have lost weight without trying.",
        "fever_unwell": "You have a fever or feel unwell.",
        "immune_or_drugs": "Your immunity is weak, or you inject drugs.",
        "night_pain": "Your pain is there at night whatever position you lie in.",
        "steroids_osteoporosis": "You take steroid tablets long-term or have thin bones.",
        "sudden_central_pain": "Sudden, severe pain began in the middle of your back.",
        "recent_spinal_procedure": "You had a spinal injection, epidural or back operation in the "
        "last 3 months.",
        "recent_infection": "You had an infection in the last 3 months.",
        "pregnant_or_postpartum": "You are pregnant, or gave birth in the last 6 months.",
        "hip_surgery": "You have had a hip operation.",
        "outer_hip_pain": "You have pain on the outside of the hip.",
    }
)
_TRAUMA_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "last_7_days": "Your pain began after a serious accident or fall in the last 7 days, "
        "and no doctor has checked it.",
        "earlier": "Your pain began after a serious accident or fall that no doctor has checked.",
    }
)
CANCER_NOTE = "Tell them you have had cancer."

# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------

Answers = Mapping[str, object]
# What a rule found: the ids that raised it and a reason for each, or nothing.
Found = tuple[tuple[str, ...], tuple[str, ...]]
_NOTHING: Found = ((), ())


@dataclass(frozen=True)
class Rule:
    """One precedence rule: `id` is stable (the hazard log names it), `outcome` its level,
    `questions` every id it reads, `action(region)` what the reader is told to do."""

    id: str
    name: str
    outcome: Outcome
    questions: tuple[str, ...]
    finds: Callable[[Answers], Found]
    action: Callable[[Region], str]


def _yes(answers: Answers, ids: Iterable[str]) -> Found:
    raised = tuple(i for i in ids if answers.get(i) is True)
    return raised, tuple(_YES_REASONS[i] for i in raised)


def _both(first: Found, second: Found) -> Found:
    """A combination: both halves found, or nothing."""
    if not first[0] or not second[0]:
        return _NOTHING
    return first[0] + second[0], first[1] + second[1]


def _age(answers: Answers) -> int | None:
    age = answers.get("age")
    return age if isinstance(age, int) and not isinstance(age, bool) else None


def _trauma(answers: Answers, when: str) -> Found:
    if answers.get("major_trauma") == when:
        return ("major_trauma",), (_TRAUMA_REASONS[when],)
    return _NOTHING


def _fragility_fracture(answers: Answers) -> Found:
    strain = _yes(answers, ("minor_trauma", "sudden_central_pain"))
    risk = _yes(answers, ("steroids_osteoporosis",))
    age = _age(answers)
    if age is not None and age >= AGE_FRACTURE_RISK_YEARS:
        risk = (
            risk[0] + ("age",),
            risk[1]
            + (f"You are {age}: at {AGE_FRACTURE_RISK_YEARS} or over bones crack more easily.",),
        )
    return _both(strain, risk)


def _steroids_alone(answers: Answers) -> Found:
    return _yes(answers, ("steroids_osteoporosis",))


def _age_under_adult(answers: Answers) -> Found:
    age = _age(answers)
    if age is not None and age < AGE_ADULT_YEARS:
        return ("age",), (f"You are {age}: this series is written for adults.",)
    return _NOTHING


def _age_check(answers: Answers) -> Found:
    age = _age(answers)
    if age is None or age < AGE_ADULT_YEARS:
        return _NOTHING
    if age < AGE_CHECK_UNDER_YEARS:
        return ("age",), (
            f"You are {age}: back pain under {AGE_CHECK_UNDER_YEARS} deserves a check.",
        )
    if age > AGE_CHECK_OVER_YEARS:
        return ("age",), (
            f"You are {age}: back pain over {AGE_CHECK_OVER_YEARS} deserves a check.",
        )
    return _NOTHING


def _higher_back(answers: Answers) -> Found:
    if answers.get("pain_spot") == "higher_back":
        return ("pain_spot",), ("Your pain is higher up, in the middle of the back.",)
    return _NOTHING


def _ng65_yes(answers: Answers) -> tuple[str, ...]:
    if answers.get("long_young_onset") is not True:
        return ()  # criteria answered without the first question are ignored
    return tuple(i for i in NG65_CRITERIA if answers.get(i) is True)


_NG65_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "spa_onset_before_35": "Your back pain began before you were 35.",
        "spa_wakes_late_night": "The pain wakes you in the second half of the night.",
        "spa_buttock_pain": "You have pain in your buttocks.",
        "spa_better_moving": "The pain gets better when you move, not when you rest.",
        "spa_better_nsaids": "The pain eases within 48 hours of anti-inflammatory tablets.",
        "spa_family": "A close relative has spondyloarthritis.",
        "spa_arthritis": "You have, or have had, arthritis.",
        "spa_enthesitis": "You have had pain and swelling where a tendon meets a bone.",
        "spa_psoriasis": "You have, or have had, psoriasis.",
    }
)


def _spondyloarthritis(answers: Answers) -> Found:
    counted = _ng65_yes(answers)
    if len(counted) < NG65_BLOOD_TEST:
        return _NOTHING
    return counted, tuple(_NG65_REASONS[i] for i in counted)


def spondyloarthritis_action(answers: Answers) -> str:
    if len(_ng65_yes(answers)) >= NG65_REFER:
        return (
            "Ask your GP about spondyloarthritis (inflammation of the spine's joints): with 4 or "
            "more of these signs, NICE advises a referral to a rheumatologist."
        )
    return (
        "Ask your GP about spondyloarthritis (inflammation of the spine's joints): with 3 of "
        "these signs, a blood test (HLA-B27) can help decide."
    )


def _rule(rule_id, name, outcome, questions, finds, action) -> Rule:
    return Rule(rule_id, name, outcome, tuple(questions), finds, action)


_FEVER = ("fever_unwell",)
_INFECTION_RISK = ("recent_spinal_procedure", "immune_or_drugs")

RULES: tuple[Rule, ...] = (
    # 1. Emergency: minutes to hours matter.
    _rule(
        "E1",
        "cauda_equina",
        "emergency",
        CAUDA_EQUINA_FLAGS,
        lambda a: _yes(a, CAUDA_EQUINA_FLAGS),
        lambda r: (
            f"{r.go_now}: these signs can mean the nerves at the base of the spine are "
            "squeezed (cauda equina syndrome), which needs an emergency scan, and surgery if "
            "the scan confirms it."
        ),
    ),
    _rule(
        "E2",
        "recent_major_trauma",
        "emergency",
        ("major_trauma",),
        lambda a: _trauma(a, "last_7_days"),
        lambda r: f"{r.go_now}: a bone in the spine may be broken.",
    ),
    _rule(
        "E3",
        "possible_aortic_leak",
        "emergency",
        ("sudden_severe_faint",),
        lambda a: _yes(a, ("sudden_severe_faint",)),
        lambda r: (
            f"{r.call} for an ambulance now: sudden severe pain with feeling faint can be "
            "a leak from the main blood vessel in the belly."
        ),
    ),
    _rule(
        "E4",
        "possible_spinal_infection",
        "emergency",
        _FEVER + _INFECTION_RISK,
        lambda a: _both(_yes(a, _FEVER), _yes(a, _INFECTION_RISK)),
        lambda r: (
            f"Go to {r.department} now: a fever with these can mean an infection in the spine."
        ),
    ),
    _rule(
        "E5",
        "possible_cord_compression_after_cancer",
        "emergency",
        ("cancer_history", *CORD_SIGNS),
        lambda a: _both(_yes(a, ("cancer_history",)), _yes(a, CORD_SIGNS)),
        lambda r: (
            f"Call your cancer team's 24-hour line or go to {r.department} now: after "
            "cancer, these leg signs can mean pressure on the spinal cord."
        ),
    ),
    # 2. Urgent: a doctor the same day.
    _rule(
        "U1",
        "older_major_trauma",
        "urgent",
        ("major_trauma",),
        lambda a: _trauma(a, "earlier"),
        lambda r: f"{r.same_day}. An accident that no doctor has checked can hide a broken bone.",
    ),
    _rule(
        "U2",
        "serious_pathology",
        "urgent",
        SERIOUS_PATHOLOGY_FLAGS,
        lambda a: _yes(a, SERIOUS_PATHOLOGY_FLAGS),
        lambda r: f"{r.same_day}. A doctor needs to rule out an infection or cancer.",
    ),
    _rule(
        "U3",
        "worsening_weakness",
        "urgent",
        ("weakness_worsening",),
        lambda a: _yes(a, ("weakness_worsening",)),
        lambda r: (
            f"{r.same_day}. Weakness that is getting worse means a nerve is under growing pressure."
        ),
    ),
    _rule(
        "U4",
        "unsteady_walking",
        "urgent",
        ("unsteady_walking",),
        lambda a: _yes(a, ("unsteady_walking",)),
        lambda r: f"{r.same_day}. New unsteady walking can mean pressure on the spinal cord.",
    ),
    _rule(
        "U5",
        "possible_fragility_fracture",
        "urgent",
        ("minor_trauma", "sudden_central_pain", "steroids_osteoporosis", "age"),
        _fragility_fracture,
        lambda r: f"{r.same_day}. A bone in the spine may have cracked.",
    ),
    # 3. See a clinician before the routine.
    _rule(
        "C1",
        "nerve_root",
        "see_clinician",
        RADICULAR_FLAGS,
        lambda a: _yes(a, RADICULAR_FLAGS),
        lambda r: (
            "See a GP or physiotherapist: signs down the leg point to a nerve, which this "
            "routine does not treat."
        ),
    ),
    _rule(
        "C2",
        "under_16",
        "see_clinician",
        ("age",),
        _age_under_adult,
        lambda r: "See your GP: this series is written for adults.",
    ),
    _rule(
        "C3",
        "age_under_20_or_over_50",
        "see_clinician",
        ("age",),
        _age_check,
        lambda r: "See a GP or physiotherapist for a check before you treat it yourself.",
    ),
    _rule(
        "C4",
        "higher_back",
        "see_clinician",
        ("pain_spot",),
        _higher_back,
        lambda r: "See a GP or physiotherapist: pain in the middle of the back deserves a check.",
    ),
    _rule(
        "C5",
        "thin_bones",
        "see_clinician",
        ("steroids_osteoporosis",),
        _steroids_alone,
        lambda r: (
            "See a GP or physiotherapist: with thin bones, a clinician should check your "
            "back first."
        ),
    ),
    _rule(
        "C6",
        "sudden_central_pain",
        "see_clinician",
        ("sudden_central_pain",),
        lambda a: _yes(a, ("sudden_central_pain",)),
        lambda r: (
            "See a GP or physiotherapist: sudden pain in the middle of the back deserves a check."
        ),
    ),
    _rule(
        "C7",
        "infection_risk",
        "see_clinician",
        ("recent_spinal_procedure", "recent_infection"),
        lambda a: _yes(a, ("recent_spinal_procedure", "recent_infection")),
        lambda r: (
            "See a GP first: a recent infection or spine procedure makes an infection of "
            "the spine a little more likely."
        ),
    ),
    _rule(
        "C8",
        "pregnancy",
        "see_clinician",
        ("pregnant_or_postpartum",),
        lambda a: _yes(a, ("pregnant_or_postpartum",)),
        lambda r: (
            "See your midwife, GP or a physiotherapist: pelvic pain in and after pregnancy "
            "needs its own advice."
        ),
    ),
    _rule(
        "C9",
        "hip_surgery",
        "see_clinician",
        ("hip_surgery",),
        lambda a: _yes(a, ("hip_surgery",)),
        lambda r: (
            "Ask your surgeon or physiotherapist first: some positions strain an operated hip."
        ),
    ),
    _rule(
        "C10",
        "outer_hip_pain",
        "see_clinician",
        ("outer_hip_pain",),
        lambda a: _yes(a, ("outer_hip_pain",)),
        lambda r: (
            "See a physiotherapist or GP: pain on the outside of the hip may come from its "
            "tendons, which this routine can strain."
        ),
    ),
    _rule(
        "C11",
        "spondyloarthritis",
        "see_clinician",
        ("long_young_onset", *NG65_CRITERIA),
        _spondyloarthritis,
        lambda r: "",  # worded by the number of criteria: spondyloarthritis_action
    ),
)
_RULE_BY_ID: Mapping[str, Rule] = MappingProxyType({r.id: r for r in RULES})
#: The ids of the rules that end the quiz without a warning sign.
OTHER_RULE_IDS: tuple[str, ...] = ("I1", "R1", "N1")


def rule(rule_id: str) -> Rule:
    """The rule with this id."""
    try:
        return _RULE_BY_ID[rule_id]
    except KeyError:
        raise ValueError(f"{rule_id!r} is not a screening rule") from None
