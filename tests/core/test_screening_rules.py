"""Screening rules version 3 (DESIGN.md), rule by rule: each alone, with others (the first level
that applies decides), and with the other half of a combination unanswered; NICE NG65; what to
do, worded for the reader's region; the safety net; the signs asked again before Start; the
checklists; and what is still worth asking. (Was test_screening_v2.py: the version 2 tests are
kept here with version 3 data.)"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowback.regions import COMMON_NUMBERS, REGION_IDS
from lowback.screening import (
    EMERGENCY_SYMPTOMS,
    OUTCOME_ADVICE,
    OUTCOMES,
    QUESTIONS,
    SAME_DAY_SIGNS,
    SECTIONS,
    SafetyNet,
    asked_questions,
    assess,
    checklist_answers,
    option_label,
    parse_age,
    question,
    questions_in_section,
    safety_net,
    section,
    section_is_asked,
    since_quiz_signs,
    unanswered_warning_signs,
)
from tests.core.test_screening import (
    ALL_IDS,
    ANSWERS,
    ASKED_IDS,
    CAUDA_EQUINA,
    CORD,
    FAST,
    NG65,
    any_answers,
    calm_answers,
    expected_pending,
    urgency,
    with_ng65,
)

CHECKLISTS = [title for title, _ in SECTIONS if section(title).is_checklist]
CANCER_NOTE = "Tell them you have had cancer."
# Every region, and what a link may carry instead of one: none, an unknown one, a wrong case.
ALL_REGIONS = [*REGION_IDS, None, "mars", "UK"]
UNKNOWN_REGIONS = ["other", None, "mars", "UK"]


def only(result, outcome: str, rules: tuple[str, ...]) -> None:
    assert (result.outcome, result.rules) == (outcome, rules)


# --- Signs new in version 2 or 3, alone, with the rest unanswered and with the rest calm -------

# Version 3 split version 2's recent_infection_or_procedure into recent_spinal_procedure and
# recent_infection, and replaced inflammatory_pattern by NICE NG65's questions (tested below).
NEW_SIGNS = [
    ("weakness_worsening", True, "urgent"),
    ("unsteady_walking", True, "urgent"),
    ("sudden_severe_faint", True, "emergency"),
    ("major_trauma", "last_7_days", "emergency"),
    ("major_trauma", "earlier", "urgent"),
    ("recent_spinal_procedure", True, "see_clinician"),
    ("recent_infection", True, "see_clinician"),
    ("pregnant_or_postpartum", True, "see_clinician"),
    ("hip_surgery", True, "see_clinician"),
    ("steroids_osteoporosis", True, "see_clinician"),
    ("sudden_central_pain", True, "see_clinician"),
    ("outer_hip_pain", True, "see_clinician"),
]


@pytest.mark.parametrize(("flag", "value", "outcome"), NEW_SIGNS)
def test_each_new_sign_alone_decides_its_outcome_with_everything_else_unanswered(
    flag, value, outcome
):
    result = assess({flag: value})
    assert result.outcome == outcome
    assert result.flags == (flag,)
    assert result.missing == tuple(i for i in ASKED_IDS if i != flag)


@pytest.mark.parametrize(("flag", "value", "outcome"), NEW_SIGNS)
def test_each_new_sign_decides_its_outcome_when_everything_else_fits_the_routine(
    flag, value, outcome
):
    result = assess(calm_answers(**{flag: value}))
    assert result.outcome == outcome
    assert result.flags == (flag,)
    assert len(result.reasons) == 1


def test_foot_drop_or_worsening_weakness_is_urgent_not_a_routine_appointment():
    result = assess(calm_answers(leg_weakness=True, weakness_worsening=True))
    only(result, "urgent", ("U3",))
    assert result.flags == ("weakness_worsening",)
    # Version 3 says foot drop in plain words, as DESIGN.md describes it.
    assert "toes catch" in result.reasons[0] and "foot slaps" in result.reasons[0]
    assert "not an emergency" not in OUTCOME_ADVICE["urgent"].next_step


def test_one_weak_leg_that_is_not_getting_worse_is_a_check():
    result = assess(calm_answers(leg_weakness=True))
    only(result, "see_clinician", ("C1",))
    assert result.flags == ("leg_weakness",)


def test_pain_higher_up_the_back_is_a_check_not_a_poor_fit():
    result = assess(calm_answers(pain_spot="higher_back"))
    only(result, "see_clinician", ("C4",))
    assert result.flags == ("pain_spot",)
    assert "middle of the back" in result.reasons[0]
    assert assess({"pain_spot": "higher_back"}).outcome == "see_clinician"


# --- E2 and U1: a serious accident no doctor has checked ---------------------------------------


def test_a_serious_accident_in_the_last_7_days_is_an_emergency_call_999_or_go_to_ae():
    result = assess({"major_trauma": "last_7_days"}, region="uk")
    only(result, "emergency", ("E2",))
    assert result.actions[0].startswith("Call 999 or go to A&E now")
    assert "broken" in result.actions[0]


def test_a_serious_accident_more_than_7_days_ago_is_a_same_day_check():
    result = assess({"major_trauma": "earlier"}, region="uk")
    only(result, "urgent", ("U1",))
    assert result.actions[0].startswith("See a doctor today")


def test_no_serious_accident_changes_nothing():
    assert assess(calm_answers(major_trauma="no")) == assess(calm_answers())


def test_a_recent_accident_with_an_urgent_sign_is_still_only_the_accident_emergency():
    result = assess(calm_answers(major_trauma="last_7_days", weight_loss=True))
    only(result, "emergency", ("E2",))
    assert result.flags == ("major_trauma",)


def test_an_older_accident_with_cancer_is_urgent_for_both_with_the_cancer_note_last():
    result = assess(calm_answers(major_trauma="earlier", cancer_history=True))
    only(result, "urgent", ("U1", "U2"))
    assert len(result.actions) == 3
    assert result.actions[-1] == CANCER_NOTE


def test_an_older_accident_with_a_cauda_equina_sign_is_the_cauda_equina_emergency():
    only(assess({"major_trauma": "earlier", "both_legs": True}), "emergency", ("E1",))


# --- E3: sudden severe pain with feeling faint --------------------------------------------------


def test_sudden_severe_pain_with_feeling_faint_is_an_emergency_call_for_an_ambulance():
    result = assess({"sudden_severe_faint": True}, region="uk")
    only(result, "emergency", ("E3",))
    assert "Call 999" in result.actions[0] and "ambulance" in result.actions[0]


# --- E4: fever with a spinal procedure or weak immunity: possible spinal infection -------------


def test_fever_after_a_spinal_injection_is_an_emergency_go_to_ae_now():
    result = assess({"fever_unwell": True, "recent_spinal_procedure": True}, region="uk")
    only(result, "emergency", ("E4",))
    assert result.flags == ("fever_unwell", "recent_spinal_procedure")
    assert result.actions[0].startswith("Go to A&E now")
    assert "infection" in result.actions[0]
    assert len(result.reasons) == 2


def test_fever_with_weak_immunity_or_injecting_drugs_is_an_emergency_go_to_ae_now():
    result = assess(calm_answers(fever_unwell=True, immune_or_drugs=True), region="uk")
    only(result, "emergency", ("E4",))
    assert set(result.flags) == {"fever_unwell", "immune_or_drugs"}
    assert result.actions == (
        "Go to A&E now: a fever with these can mean an infection in the spine.",
    )


def test_fever_with_both_infection_risks_is_one_emergency_with_one_action():
    result = assess(
        calm_answers(fever_unwell=True, recent_spinal_procedure=True, immune_or_drugs=True)
    )
    only(result, "emergency", ("E4",))
    assert set(result.flags) == {"fever_unwell", "recent_spinal_procedure", "immune_or_drugs"}
    assert len(result.actions) == 1


@pytest.mark.parametrize(
    ("region", "words"),
    [("us", "Go to the emergency room now"), ("au", "Go to the emergency department now")],
)
def test_the_spinal_infection_action_names_the_regions_emergency_department(region, words):
    result = assess({"fever_unwell": True, "immune_or_drugs": True}, region=region)
    assert result.actions[0].startswith(words)


def test_fever_alone_with_the_infection_risks_unanswered_is_urgent():
    only(assess({"fever_unwell": True}), "urgent", ("U2",))
    only(assess(calm_answers(fever_unwell=True)), "urgent", ("U2",))


def test_a_spinal_procedure_alone_with_fever_unanswered_is_a_check():
    only(assess({"recent_spinal_procedure": True}), "see_clinician", ("C7",))
    only(assess(calm_answers(recent_spinal_procedure=True)), "see_clinician", ("C7",))


def test_weak_immunity_alone_with_fever_unanswered_is_urgent():
    only(assess({"immune_or_drugs": True}), "urgent", ("U2",))


def test_fever_with_an_infection_elsewhere_is_urgent_not_the_spinal_infection_emergency():
    # DESIGN.md: only a spinal procedure or weak immunity makes fever an emergency.
    only(assess(calm_answers(fever_unwell=True, recent_infection=True)), "urgent", ("U2",))


def test_a_spinal_infection_and_a_cauda_equina_sign_give_both_actions_in_rule_order():
    result = assess({"saddle_numbness": True, "fever_unwell": True, "immune_or_drugs": True})
    only(result, "emergency", ("E1", "E4"))
    assert "cauda equina" in result.actions[0]
    assert "infection" in result.actions[1]


# --- E5: a history of cancer with leg signs: possible spinal cord compression ------------------


@pytest.mark.parametrize("sign", CORD)
def test_cancer_with_a_leg_sign_is_an_emergency_call_the_cancer_teams_24_hour_line(sign):
    result = assess({"cancer_history": True, sign: True}, region="uk")
    only(result, "emergency", ("E5",))
    assert set(result.flags) == {"cancer_history", sign}
    assert "cancer team's 24-hour line" in result.actions[0]
    assert "A&E now" in result.actions[0]
    assert result.actions[-1] == CANCER_NOTE


def test_cancer_with_long_standing_numbness_is_still_an_emergency():
    # DESIGN.md: leg numbness and weakness mean now, whatever the cause (over-triage accepted).
    result = assess(calm_answers(cancer_history=True, leg_numbness=True))
    only(result, "emergency", ("E5",))


def test_cancer_with_the_leg_signs_unanswered_is_urgent_and_says_tell_them():
    result = assess({"cancer_history": True})
    only(result, "urgent", ("U2",))
    assert result.actions[-1] == CANCER_NOTE


def test_cancer_with_the_leg_signs_answered_no_is_urgent():
    only(assess(calm_answers(cancer_history=True)), "urgent", ("U2",))


@pytest.mark.parametrize(
    ("sign", "outcome", "rule_id"),
    [
        ("leg_weakness", "see_clinician", "C1"),
        ("leg_numbness", "see_clinician", "C1"),
        ("weakness_worsening", "urgent", "U3"),
        ("unsteady_walking", "urgent", "U4"),
    ],
)
def test_a_leg_sign_with_cancer_unanswered_stays_at_its_own_level(sign, outcome, rule_id):
    only(assess({sign: True}), outcome, (rule_id,))
    only(assess(calm_answers(**{sign: True})), outcome, (rule_id,))


def test_cancer_with_pain_below_the_knee_is_urgent_not_a_cord_emergency():
    only(assess(calm_answers(cancer_history=True, pain_below_knee=True)), "urgent", ("U2",))


def test_cancer_with_a_cauda_equina_sign_is_that_emergency_and_still_says_tell_them():
    result = assess({"cancer_history": True, "bladder_bowel": True})
    only(result, "emergency", ("E1",))
    assert result.actions[-1] == CANCER_NOTE


def test_every_emergency_rule_at_once_gives_each_action_once_in_rule_order_then_the_note():
    answers = calm_answers(
        bladder_bowel=True,
        major_trauma="last_7_days",
        sudden_severe_faint=True,
        fever_unwell=True,
        recent_spinal_procedure=True,
        cancer_history=True,
        unsteady_walking=True,
    )
    result = assess(answers, region="uk")
    only(result, "emergency", ("E1", "E2", "E3", "E4", "E5"))
    singles = [
        {"bladder_bowel": True},
        {"major_trauma": "last_7_days"},
        {"sudden_severe_faint": True},
        {"fever_unwell": True, "recent_spinal_procedure": True},
        {"cancer_history": True, "unsteady_walking": True},
    ]
    alone = [assess(single, region="uk").actions[0] for single in singles]
    assert result.actions == (*alone, CANCER_NOTE)


@FAST
@given(ANSWERS, st.sampled_from(ALL_REGIONS))
def test_every_result_with_cancer_says_tell_them_once_at_the_end_and_no_other_does(answers, region):
    actions = assess(answers, region=region).actions
    if answers.get("cancer_history") is True:
        assert actions[-1] == CANCER_NOTE
        assert actions.count(CANCER_NOTE) == 1
    else:
        assert CANCER_NOTE not in actions


# --- U4, U5, C5, C6: unsteady walking; a minor strain or sudden central pain with thin bones ---


def test_new_unsteady_walking_alone_is_urgent_for_the_spinal_cord():
    result = assess({"unsteady_walking": True})
    only(result, "urgent", ("U4",))
    assert "spinal cord" in result.actions[0]


def test_unsteady_walking_with_a_weak_leg_is_urgent_for_the_walking():
    only(assess(calm_answers(unsteady_walking=True, leg_weakness=True)), "urgent", ("U4",))


def test_a_minor_strain_alone_at_40_changes_nothing():
    assert assess(calm_answers(minor_trauma=True, age=40)) == assess(calm_answers(age=40))


def test_a_minor_strain_alone_with_the_rest_unanswered_is_still_incomplete():
    result = assess({"minor_trauma": True})
    assert result.outcome == "incomplete"
    assert result.flags == ()


def test_a_minor_strain_under_65_changes_nothing_beside_an_age_that_needs_a_check():
    with_strain = assess(calm_answers(minor_trauma=True, age=64))
    assert with_strain == assess(calm_answers(age=64))
    only(with_strain, "see_clinician", ("C3",))


@FAST
@given(ANSWERS)
def test_a_minor_strain_without_thin_bones_and_under_65_never_changes_the_assessment(answers):
    if answers.get("steroids_osteoporosis") is True or answers.get("age", 0) >= 65:
        return
    strained = assess({**answers, "minor_trauma": True})
    assert strained == assess({**answers, "minor_trauma": False})


def test_a_minor_strain_with_steroids_or_thin_bones_is_urgent():
    result = assess({"minor_trauma": True, "steroids_osteoporosis": True})
    only(result, "urgent", ("U5",))
    assert result.flags == ("minor_trauma", "steroids_osteoporosis")
    # Version 3 says what may have happened in the action, and gives a reason per answer.
    assert "cracked" in result.actions[0]
    assert len(result.reasons) == 2


@pytest.mark.parametrize(("age", "outcome"), [(64, "see_clinician"), (65, "urgent")])
def test_a_minor_strain_at_65_and_over_is_urgent(age, outcome):
    result = assess(calm_answers(minor_trauma=True, age=age))
    assert result.outcome == outcome
    if outcome == "urgent":
        assert result.flags == ("minor_trauma", "age")


def test_a_minor_strain_with_thin_bones_at_70_names_every_reason():
    result = assess(calm_answers(minor_trauma=True, steroids_osteoporosis=True, age=70))
    only(result, "urgent", ("U5",))
    assert result.flags == ("minor_trauma", "steroids_osteoporosis", "age")
    # Version 2 gave two reasons; version 3 gives one per answer that drove the outcome.
    assert len(result.reasons) == 3
    assert "70" in result.reasons[2]


def test_thin_bones_without_a_strain_are_a_check_and_ask_about_a_strain():
    result = assess({"steroids_osteoporosis": True})
    only(result, "see_clinician", ("C5",))
    assert "minor_trauma" in unanswered_warning_signs(result)
    assert "minor_trauma" in unanswered_warning_signs(result, {"steroids_osteoporosis": True})


def test_an_emergency_sign_beats_the_fracture_rule():
    answers = calm_answers(minor_trauma=True, steroids_osteoporosis=True, both_legs=True)
    only(assess(answers), "emergency", ("E1",))


def test_sudden_central_back_pain_alone_is_a_check():
    result = assess({"sudden_central_pain": True})
    only(result, "see_clinician", ("C6",))
    assert "middle of the back" in result.actions[0]


def test_sudden_central_back_pain_with_thin_bones_is_urgent():
    result = assess(calm_answers(sudden_central_pain=True, steroids_osteoporosis=True))
    only(result, "urgent", ("U5",))
    assert result.flags == ("sudden_central_pain", "steroids_osteoporosis")


@pytest.mark.parametrize("age", [65, 80, 120])
def test_sudden_central_back_pain_at_65_or_over_is_urgent(age):
    result = assess({"sudden_central_pain": True, "age": age})
    only(result, "urgent", ("U5",))
    assert result.flags == ("sudden_central_pain", "age")


def test_sudden_central_back_pain_at_64_is_a_check_for_the_pain_and_the_age():
    only(assess(calm_answers(sudden_central_pain=True, age=64)), "see_clinician", ("C3", "C6"))


def test_sudden_central_back_pain_with_thin_bones_and_age_unanswered_is_a_check():
    only(assess({"sudden_central_pain": True, "minor_trauma": False}), "see_clinician", ("C6",))


def test_a_strain_and_sudden_central_pain_with_thin_bones_are_one_fracture_rule():
    answers = calm_answers(minor_trauma=True, sudden_central_pain=True, steroids_osteoporosis=True)
    result = assess(answers)
    only(result, "urgent", ("U5",))
    assert len(result.actions) == 1


# --- C2 and C3: age ------------------------------------------------------------------------------


@pytest.mark.parametrize("age", [1, 10, 15])
def test_under_16_is_a_check_with_a_gp_because_the_series_is_written_for_adults(age):
    result = assess(calm_answers(age=age))
    only(result, "see_clinician", ("C2",))
    assert "written for adults" in result.actions[0]
    assert "GP" in result.actions[0]


@pytest.mark.parametrize("age", [16, 19, 51, 64, 90])
def test_16_to_19_or_over_50_is_a_check_before_treating_it_yourself(age):
    result = assess(calm_answers(age=age))
    only(result, "see_clinician", ("C3",))
    assert "written for adults" not in " ".join(result.actions)


def test_under_16_with_a_nerve_sign_gives_both_checks_in_rule_order():
    result = assess(calm_answers(age=12, pain_below_knee=True))
    only(result, "see_clinician", ("C1", "C2"))
    assert len(result.actions) == 2


def test_an_age_over_65_alone_is_a_check_not_urgent():
    only(assess(calm_answers(age=80)), "see_clinician", ("C3",))


# --- C7 to C10: other reasons for a check ----------------------------------------------------


def test_a_recent_spinal_procedure_and_infection_elsewhere_are_one_check_with_one_action():
    result = assess(calm_answers(recent_spinal_procedure=True, recent_infection=True))
    only(result, "see_clinician", ("C7",))
    assert result.flags == ("recent_spinal_procedure", "recent_infection")
    assert len(result.actions) == 1


def test_outer_hip_pain_is_a_check_for_the_hips_tendons():
    result = assess(calm_answers(outer_hip_pain=True))
    only(result, "see_clinician", ("C10",))
    assert "tendons" in result.actions[0]


def test_outer_hip_pain_with_pain_below_the_knee_gives_both_checks_in_rule_order():
    result = assess({"outer_hip_pain": True, "pain_below_knee": True})
    only(result, "see_clinician", ("C1", "C10"))
    assert len(result.actions) == 2


def test_outer_hip_pain_with_an_urgent_sign_is_urgent():
    only(assess({"outer_hip_pain": True, "night_pain": True}), "urgent", ("U2",))


def test_pregnancy_and_hip_surgery_each_have_their_own_check():
    result = assess(calm_answers(pregnant_or_postpartum=True, hip_surgery=True))
    only(result, "see_clinician", ("C8", "C9"))
    assert "midwife" in result.actions[0]
    assert "surgeon" in result.actions[1]


# --- C11: NICE NG65, possible axial spondyloarthritis -----------------------------------------


def test_the_ng65_criteria_are_asked_only_after_long_young_onset_is_yes():
    title = question("spa_family").section
    assert section(title).asked_if == "long_young_onset"
    assert {q.id for q in questions_in_section(title)} == set(NG65)
    for answers in ({}, {"long_young_onset": False}):
        assert not section_is_asked(title, answers)
        assert not set(NG65) & {q.id for q in asked_questions(answers)}
    assert section_is_asked(title, {"long_young_onset": True})
    assert [q.id for q in asked_questions({"long_young_onset": True})] == list(ALL_IDS)


def test_every_section_but_the_ng65_criteria_is_always_asked():
    for title, _ in SECTIONS:
        if title != question("spa_family").section:
            assert section_is_asked(title, {}), title


def test_three_ng65_criteria_are_a_check_and_the_gp_may_offer_a_blood_test():
    result = assess(with_ng65(3, len(NG65) - 3))
    only(result, "see_clinician", ("C11",))
    assert result.flags == NG65[:3]
    assert len(result.actions) == 1
    action = result.actions[0]
    assert "GP" in action and "spondyloarthritis" in action
    assert "blood test" in action and "HLA-B27" in action


@pytest.mark.parametrize("yes", [4, 5, len(NG65)])
def test_four_or_more_ng65_criteria_are_a_check_with_a_referral_to_a_rheumatologist(yes):
    result = assess(with_ng65(yes, len(NG65) - yes))
    only(result, "see_clinician", ("C11",))
    assert result.flags == NG65[:yes]
    assert len(result.actions) == 1
    assert "referral to a rheumatologist" in result.actions[0]


def test_three_ng65_criteria_decide_whatever_the_others_are():
    result = assess(with_ng65(3))
    only(result, "see_clinician", ("C11",))
    assert result.missing == NG65[3:]


def test_fewer_than_three_ng65_criteria_with_some_unanswered_is_incomplete():
    result = assess(with_ng65(2, 3))
    only(result, "incomplete", ("I1",))
    assert result.missing == NG65[5:]


@pytest.mark.parametrize("yes", [0, 1, 2])
def test_fewer_than_three_ng65_criteria_all_answered_raise_nothing(yes):
    result = assess(with_ng65(yes, len(NG65) - yes))
    only(result, "routine_may_help", ("R1",))
    assert result.flags == ()


@pytest.mark.parametrize("first", [False, None])
def test_ng65_criteria_answered_without_long_young_onset_yes_are_ignored_not_missing(first):
    criteria = dict.fromkeys(NG65, True)
    answers = calm_answers(**criteria) | ({} if first is None else {"long_young_onset": first})
    if first is None:
        del answers["long_young_onset"]
    result = assess(answers)
    assert result.flags == ()
    if first is None:
        only(result, "incomplete", ("I1",))
        assert result.missing == ("long_young_onset",)
    else:
        only(result, "routine_may_help", ("R1",))
        assert result.missing == ()


def test_long_young_onset_yes_makes_the_nine_criteria_missing_until_answered():
    result = assess({"long_young_onset": True})
    assert result.missing == tuple(i for i in ALL_IDS if i != "long_young_onset")


def test_ng65_flags_name_exactly_the_criteria_answered_yes():
    yes = ("spa_wakes_late_night", "spa_family", "spa_psoriasis")
    answers = calm_answers(long_young_onset=True, **dict.fromkeys(NG65, False))
    answers |= dict.fromkeys(yes, True)
    result = assess(answers)
    only(result, "see_clinician", ("C11",))
    assert result.flags == yes


def test_ng65_gives_a_reason_for_each_criterion_that_counted():
    # DESIGN.md: reasons are "one per answer that drove the outcome".
    result = assess(with_ng65(4, len(NG65) - 4))
    assert len(result.reasons) >= 4


def test_ng65_with_a_nerve_sign_gives_both_checks_in_rule_order():
    result = assess(with_ng65(3, 6, leg_numbness=True))
    only(result, "see_clinician", ("C1", "C11"))
    assert "spondyloarthritis" in result.actions[1]


def test_an_urgent_sign_beats_the_ng65_check():
    result = assess(with_ng65(5, 4, night_pain=True))
    only(result, "urgent", ("U2",))
    assert result.flags == ("night_pain",)


# --- Actions worded for the reader's region; the outcome never changes --------------------------

E1_ALONE = {"saddle_numbness": True}


@pytest.mark.parametrize(
    ("region", "number", "department"),
    [
        ("uk", "Call 999", "A&E"),
        ("us", "Call 911", "the emergency room"),
        ("au", "Call 000", "the emergency department"),
        ("nz", "Call 111", "the emergency department"),
        ("eu", "Call 112", "the emergency department"),
        ("ca", "Call 911", "the emergency department"),
    ],
)
def test_emergency_actions_give_the_regions_number_and_department(region, number, department):
    action = assess(E1_ALONE, region=region).actions[0]
    assert action.startswith(f"{number} or go to {department} now")


@pytest.mark.parametrize("region", UNKNOWN_REGIONS)
def test_an_unknown_region_says_your_local_emergency_number_and_lists_the_common_ones(region):
    action = assess(E1_ALONE, region=region).actions[0]
    assert "your local emergency number" in action
    for number in ("999", "112", "911", "000", "111"):
        assert number in action
    assert "A&E" not in action


def test_the_uk_same_day_action_offers_nhs_111():
    action = assess({"night_pain": True}, region="uk").actions[0]
    assert action.startswith("See a doctor today") and "111" in action


@pytest.mark.parametrize("region", ALL_REGIONS)
@pytest.mark.parametrize("answers", [E1_ALONE, {"night_pain": True}, {"pain_below_knee": True}])
def test_no_action_says_a_bare_emergency_services(region, answers):
    assert "emergency services" not in " ".join(assess(answers, region=region).actions).lower()


@FAST
@given(ANSWERS, st.sampled_from(ALL_REGIONS))
def test_the_region_changes_only_the_wording_of_the_actions_never_the_outcome(answers, region):
    here, anywhere = assess(answers, region=region), assess(answers)
    assert (here.outcome, here.reasons, here.flags, here.missing, here.rules) == (
        anywhere.outcome,
        anywhere.reasons,
        anywhere.flags,
        anywhere.missing,
        anywhere.rules,
    )
    assert len(here.actions) == len(anywhere.actions)


# --- Adding a yes never makes the advice less urgent --------------------------------------------

YES_NO_IDS = [q.id for q in QUESTIONS if q.kind == "yes_no"]


@FAST
@given(ANSWERS, st.sampled_from(YES_NO_IDS))
def test_answering_yes_never_makes_the_outcome_less_urgent(answers, flag):
    # DESIGN.md names no exception: no sign answered yes lowers the level another reached.
    before = urgency(assess(answers).outcome)
    assert urgency(assess({**answers, flag: True}).outcome) <= before


@FAST
@given(ANSWERS, st.data())
def test_answering_a_question_left_blank_never_makes_the_outcome_less_urgent(answers, data):
    blank = [i for i in ALL_IDS if i not in answers]
    if not blank:
        return
    left = data.draw(st.sampled_from(blank))
    values = [v for v, _ in question(left).options] or (
        [True, False] if question(left).kind == "yes_no" else [1, 15, 30, 64, 65, 120]
    )
    value = data.draw(st.sampled_from(values))
    before = urgency(assess(answers).outcome)
    assert urgency(assess({**answers, left: value}).outcome) <= before


@FAST
@given(ANSWERS)
def test_an_accident_answer_never_lowers_the_outcome_from_no(answers):
    before = urgency(assess({**answers, "major_trauma": "no"}).outcome)
    for when in ("earlier", "last_7_days"):
        assert urgency(assess({**answers, "major_trauma": when}).outcome) <= before


# --- What is still worth asking: exactly the unanswered questions that could raise it ----------


def test_an_urgent_fever_asks_about_both_infection_risks_each_of_which_makes_it_an_emergency():
    answers = {"fever_unwell": True}
    pending = unanswered_warning_signs(assess(answers), answers)
    assert {"recent_spinal_procedure", "immune_or_drugs"} <= set(pending)


def test_a_check_asks_about_a_spinal_procedure_that_with_fever_would_be_an_emergency():
    # Fever alone would make it urgent, but fever after a spinal procedure is "go to A&E now":
    # the procedure's answer decides between the two, so it is still worth asking.
    answers = calm_answers(pregnant_or_postpartum=True)
    for blank in ("fever_unwell", "recent_spinal_procedure"):
        del answers[blank]
    pending = unanswered_warning_signs(assess(answers), answers)
    assert set(pending) == {"fever_unwell", "recent_spinal_procedure"}


def test_a_check_asks_about_a_leg_sign_that_with_cancer_would_be_an_emergency():
    answers = calm_answers(pregnant_or_postpartum=True)
    for blank in ("cancer_history", "leg_weakness"):
        del answers[blank]
    pending = unanswered_warning_signs(assess(answers), answers)
    assert set(pending) == {"cancer_history", "leg_weakness"}


def test_a_leg_sign_is_not_asked_for_when_cancer_alone_would_already_make_it_an_emergency():
    answers = calm_answers(leg_numbness=True)
    for blank in ("cancer_history", "leg_weakness"):
        del answers[blank]
    pending = unanswered_warning_signs(assess(answers), answers)
    assert pending == ("cancer_history",)


def test_the_age_is_asked_for_when_65_or_over_would_make_a_strain_urgent():
    answers = calm_answers(minor_trauma=True, leg_numbness=True)
    del answers["age"]
    assert unanswered_warning_signs(assess(answers), answers) == ("age",)


def test_the_age_is_not_asked_for_when_no_age_could_raise_the_outcome():
    answers = calm_answers(fever_unwell=True)
    del answers["age"]
    assert unanswered_warning_signs(assess(answers), answers) == ()


def test_a_strain_and_thin_bones_both_unanswered_are_both_asked_for():
    answers = calm_answers(leg_numbness=True)
    for blank in ("minor_trauma", "steroids_osteoporosis"):
        del answers[blank]
    pending = unanswered_warning_signs(assess(answers), answers)
    assert set(pending) == {"minor_trauma", "steroids_osteoporosis"}


def test_unanswered_ng65_criteria_are_never_asked_for_above_a_check():
    answers = with_ng65(3)
    assert unanswered_warning_signs(assess(answers), answers) == ()


# Near a calm answer set, with a few signs and several blanks: where the list matters.
NEAR_WITH_BLANKS = st.builds(
    lambda signs, left_out: {
        k: v for k, v in calm_answers(**dict.fromkeys(signs, True)).items() if k not in left_out
    },
    st.lists(st.sampled_from(YES_NO_IDS), min_size=1, max_size=2),
    st.frozensets(st.sampled_from(ASKED_IDS), min_size=2, max_size=10),
)
PENDING_ANSWERS = st.one_of(NEAR_WITH_BLANKS, any_answers(quiet=True), ANSWERS)


@FAST
@given(PENDING_ANSWERS)
def test_still_worth_asking_names_exactly_the_unanswered_ids_that_could_raise_the_outcome(
    answers,
):
    assert unanswered_warning_signs(assess(answers), answers) == expected_pending(answers)


@FAST
@given(PENDING_ANSWERS)
def test_without_the_answers_still_worth_asking_names_at_least_every_id_that_could_raise_it(
    answers,
):
    assessment = assess(answers)
    rough = unanswered_warning_signs(assessment)
    assert set(expected_pending(answers)) <= set(rough) <= set(assessment.missing)


# --- Wording the clinical reviews asked for ---------------------------------------------------


def test_both_legs_asks_about_new_symptoms_since_this_pain_began():
    q = question("both_legs")
    assert "NEW" in q.text and "since this pain began" in q.text.lower()
    assert "NEW" in q.statement


def test_major_trauma_is_an_accident_no_doctor_has_checked_and_asks_how_long_ago():
    # Version 2 asked about "the last few days" in the question; version 3 asks it as a choice.
    # The stem names DESIGN's examples (a road accident, a fall from a height or down stairs);
    # "not checked by a doctor" is on each yes, and a checked one answers "no".
    q = question("major_trauma")
    assert "serious accident or fall" in q.text and "from a height" in q.text
    assert "stairs" in q.text and "road" in q.text
    assert "last 7 days" in option_label("major_trauma", "last_7_days")
    assert "over 7 days ago" in option_label("major_trauma", "earlier")
    for value in ("last_7_days", "earlier"):
        assert "not checked by a doctor" in option_label("major_trauma", value)
    assert option_label("major_trauma", "no") == "No, or a doctor has checked it"


def test_the_psis_is_beside_the_sacrum_never_next_to_the_tailbone():
    # Version 3's label (at most 12 words, for a phone) says "beside the bony bump low on your
    # back", as DESIGN.md words it, and no longer "above the tailbone"; the reason shown with
    # the question names the PSIS and the sacrum.
    label = option_label("pain_spot", "beside_psis")
    assert "thumb-sized" in label and "bony bump" in label
    why = question("pain_spot").why
    assert "PSIS" in why and "sacrum" in why
    for q in QUESTIONS:
        for words in (q.text, q.statement, q.why, *(lbl for _, lbl in q.options)):
            assert "next to the tailbone" not in words.lower()
            assert "beside the tailbone" not in words.lower()


def test_the_bladder_and_bowel_line_a_reader_ticks_names_every_girft_sign():
    # The quiz shows `statement` as the tick box's label: GIRFT's altered feeling when passing
    # urine or stool must be on it, as it is in the question's own list.
    statement = question("bladder_bowel").statement.lower()
    assert "changed feeling" in statement or "altered feeling" in statement
    assert "full" in statement and "leaking" in statement and "bowel" in statement


def test_the_cauda_equina_action_says_scan_and_surgery_if_confirmed_never_within_hours():
    action = assess(E1_ALONE).actions[0]
    assert "emergency scan" in action
    assert "scan confirms" in action
    for outcome in OUTCOMES:
        assert "within hours" not in OUTCOME_ADVICE[outcome].next_step
    assert "within hours" not in action


def test_the_routine_result_names_outer_hip_or_groin_pain_as_a_stop_rule():
    assert "outer hip or the groin" in OUTCOME_ADVICE["routine_may_help"].next_step


# --- The safety net ---------------------------------------------------------------------------

NOT_EMERGENCY = [o for o in OUTCOMES if o != "emergency"]
# GIRFT's patient words for cauda equina syndrome, in the series' plain words.
CAUDA_EQUINA_WORDS = ("pee", "bladder", "bowels", "genitals", "thighs", "wipe", "sex", "both legs")


@pytest.mark.parametrize("outcome", NOT_EMERGENCY)
def test_every_result_but_an_emergency_names_the_cauda_equina_symptoms(outcome):
    net = safety_net(outcome)
    assert isinstance(net, SafetyNet)
    assert net.emergency_signs == EMERGENCY_SYMPTOMS
    signs = " ".join(net.emergency_signs)
    for words in CAUDA_EQUINA_WORDS:
        assert words in signs, words


def test_the_safety_net_names_sudden_severe_pain_with_feeling_faint():
    # An emergency sign of DESIGN.md's that can start after the quiz (and is asked again
    # before each Start, since_quiz_signs): the safety net names it too.
    signs = " ".join(safety_net("routine_may_help").emergency_signs)
    assert "faint" in signs


@pytest.mark.parametrize("outcome", NOT_EMERGENCY)
def test_every_result_but_an_emergency_names_the_same_day_signs(outcome):
    net = safety_net(outcome)
    assert net.same_day_signs == SAME_DAY_SIGNS
    signs = " ".join(net.same_day_signs)
    for words in ("fever", "weight", "weaker", "unsteady"):
        assert words in signs, words


@pytest.mark.parametrize("outcome", NOT_EMERGENCY)
def test_the_safety_net_is_short_lists_for_a_phone(outcome):
    net = safety_net(outcome)
    for line in (*net.emergency_signs, *net.same_day_signs):
        assert 0 < len(line.split()) <= 25, line


@pytest.mark.parametrize(
    ("region", "emergency", "same_day"),
    [
        ("uk", "Call 999 or go to A&E now", "111"),
        ("us", "Call 911 or go to the emergency room now", "urgent care"),
        ("au", "Call 000 or go to the emergency department now", "healthdirect"),
        ("nz", "Call 111 or go to the emergency department now", "Healthline"),
    ],
)
def test_the_safety_net_says_where_to_go_in_the_readers_region(region, emergency, same_day):
    net = safety_net("see_clinician", region)
    assert net.emergency_lead.startswith(emergency)
    assert net.same_day_lead.startswith("See a doctor today")
    assert same_day in net.same_day_lead


@pytest.mark.parametrize("region", UNKNOWN_REGIONS)
def test_the_safety_net_of_an_unknown_region_lists_the_common_numbers(region):
    lead = safety_net("routine_may_help", region).emergency_lead
    assert "your local emergency number" in lead
    for number in COMMON_NUMBERS:
        assert number in lead


@pytest.mark.parametrize("region", ALL_REGIONS)
@pytest.mark.parametrize("outcome", NOT_EMERGENCY)
def test_the_safety_net_never_says_a_bare_emergency_services(region, outcome):
    net = safety_net(outcome, region)
    assert "emergency services" not in f"{net.emergency_lead} {net.same_day_lead}".lower()


@pytest.mark.parametrize("region", ALL_REGIONS)
def test_an_emergency_result_needs_no_safety_net(region):
    assert safety_net("emergency", region) is None


def test_safety_net_refuses_an_unknown_outcome():
    with pytest.raises(ValueError, match="calm"):
        safety_net("calm")  # type: ignore[arg-type]


# --- The signs asked again before each Start ---------------------------------------------------


def test_the_signs_asked_again_before_start_are_the_emergency_and_same_day_signs():
    signs = since_quiz_signs()
    ids = [s.id for s in signs]
    assert len(set(ids)) == len(ids)
    levels = {s.id: s.level for s in signs}
    for flag in (*CAUDA_EQUINA, "sudden_severe_faint", "major_trauma"):
        assert levels[flag] == "emergency", flag
    for flag in ("fever_unwell", "weight_loss", "weakness_worsening", "unsteady_walking"):
        assert levels[flag] == "urgent", flag
    for s in signs:
        assert s.words.strip() and len(s.words.split()) <= 12, s.id
        assert s.level in ("emergency", "urgent")


@pytest.mark.parametrize("sign", since_quiz_signs(), ids=lambda s: s.id)
def test_each_sign_asked_again_before_start_gives_the_quizs_own_level_for_it(sign):
    # The same sign must not mean one thing in the quiz and another before Start: each sign
    # stands for quiz answers (its own question, or a combination such as fever after a spinal
    # procedure), and those answers get the sign's level.
    assert set(sign.answers) <= set(ALL_IDS), f"{sign.id} stands for no screening question"
    assert assess(dict(sign.answers)).outcome == sign.level


# --- Checklists ---------------------------------------------------------------------------------


def test_the_checklists_group_every_yes_no_sign_but_long_young_onset():
    in_lists = {q.id for title in CHECKLISTS for q in questions_in_section(title)}
    yes_no = {q.id for q in QUESTIONS if q.kind == "yes_no"}
    # Version 3 asks long_young_onset on its own: NG65's checklist follows only a yes.
    assert in_lists == yes_no - {"press_reproduces", "long_young_onset"}
    assert "major_trauma" not in in_lists


@pytest.mark.parametrize("title", CHECKLISTS)
def test_each_checklist_has_a_prompt_its_own_none_box_and_a_line_for_every_sign(title):
    checklist = section(title)
    assert "Tick" in checklist.checklist_prompt
    assert checklist.none_label.startswith("None of these")
    for q in questions_in_section(title):
        assert q.kind == "yes_no" and q.statement.strip(), q.id
    labels = [section(t).none_label for t in CHECKLISTS]
    assert len(set(labels)) == len(labels), "each None box needs its own accessible name"


@pytest.mark.parametrize("title", CHECKLISTS)
def test_an_untouched_checklist_answers_nothing(title):
    assert checklist_answers(title, (), none_of_these=False) == {}


@pytest.mark.parametrize("title", CHECKLISTS)
def test_none_of_these_answers_no_to_every_sign_of_its_checklist(title):
    ids = [q.id for q in questions_in_section(title)]
    assert checklist_answers(title, (), none_of_these=True) == dict.fromkeys(ids, False)


def test_a_ticked_sign_is_yes_and_the_rest_of_its_checklist_no():
    title = question("saddle_numbness").section
    answers = checklist_answers(title, ["saddle_numbness"], none_of_these=False)
    assert answers["saddle_numbness"] is True
    assert set(answers) == {q.id for q in questions_in_section(title)}
    assert sum(answers.values()) == 1
    assert assess(answers).outcome == "emergency"


def test_a_tick_is_never_overruled_by_none_of_these():
    title = question("saddle_numbness").section
    answers = checklist_answers(title, ["saddle_numbness"], none_of_these=True)
    assert answers["saddle_numbness"] is True


def test_checklist_answers_refuses_a_sign_from_another_section_or_a_section_that_is_not_a_list():
    with pytest.raises(ValueError, match="hip_surgery"):
        checklist_answers(question("saddle_numbness").section, ["hip_surgery"], False)
    with pytest.raises(ValueError, match="not a checklist"):
        checklist_answers("About you", [], True)
    with pytest.raises(ValueError, match="not a screening section"):
        checklist_answers("Nowhere", [], True)


def test_a_reader_with_no_signs_answers_the_whole_quiz_in_a_few_taps():
    # Version 3 adds two questions asked on their own (the accident, and back pain that began
    # young), so a reader with no signs taps 9 times where version 2 needed 8.
    answers: dict[str, object] = {
        "pain_spot": "beside_psis",
        "press_reproduces": True,
        "major_trauma": "no",
        "long_young_onset": False,
        "age": 35,
    }
    asked = [t for t in CHECKLISTS if section_is_asked(t, answers)]
    for title in asked:
        answers |= checklist_answers(title, (), none_of_these=True)
    assert assess(answers).outcome == "routine_may_help"
    assert len(asked) + 5 <= 9


# --- Hostile input gets a plain message ------------------------------------------------------


def test_an_age_of_thousands_of_digits_gets_the_plain_message_not_pythons():
    with pytest.raises(ValueError) as caught:
        parse_age("9" * 5000)
    assert str(caught.value) == "Please type an age from 1 to 120 years."


def test_leading_zeros_still_read_as_an_age():
    assert parse_age("0042") == 42


def test_a_huge_age_passed_to_assess_gets_a_short_message_naming_the_question():
    with pytest.raises(ValueError, match="^age: ") as caught:
        assess({"age": 10**5000})
    assert len(str(caught.value)) < 120
    with pytest.raises(ValueError, match="^age: ") as caught:
        assess({"age": [1] * 10_000})
    assert len(str(caught.value)) < 120


@pytest.mark.parametrize("region", [123, ["uk"], "", "uk " * 1000])
def test_a_hostile_region_is_never_an_error_and_gets_the_list_of_numbers(region):
    action = assess(E1_ALONE, region=region).actions[0]  # type: ignore[arg-type]
    assert "your local emergency number" in action
