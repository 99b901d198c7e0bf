"""Screening rules version 2 (DESIGN.md): the new questions, the two-answer fracture rule, the
checklists, and the safety net every result but an emergency carries."""

from __future__ import annotations

import pytest

from lowback.screening import (
    CLINICIAN_FLAGS,
    EMERGENCY_FLAGS,
    OUTCOME_ADVICE,
    OUTCOMES,
    QUESTIONS,
    SAFETY_NET,
    SECTIONS,
    URGENT_FLAGS,
    assess,
    checklist_answers,
    option_label,
    parse_age,
    question,
    questions_in_section,
    safety_net,
    section,
    unanswered_warning_signs,
)

ALL_IDS = tuple(q.id for q in QUESTIONS)
CHECKLISTS = [title for title, _ in SECTIONS if section(title).is_checklist]


def calm_answers(**changes: object) -> dict[str, object]:
    """A complete answer set that fits the routine, with `changes` applied."""
    answers: dict[str, object] = {q.id: False for q in QUESTIONS if q.kind == "yes_no"}
    answers.update(pain_spot="beside_psis", press_reproduces=True, age=35)
    answers.update(changes)
    return answers


# --- Each new question alone, with the rest unanswered and with the rest calm -----------------

NEW_SIGNS = [
    ("weakness_worsening", "urgent"),
    ("sudden_severe_faint", "emergency"),
    ("recent_infection_or_procedure", "see_clinician"),
    ("inflammatory_pattern", "see_clinician"),
    ("pregnant_or_postpartum", "see_clinician"),
    ("hip_surgery", "see_clinician"),
    ("steroids_osteoporosis", "see_clinician"),
]


@pytest.mark.parametrize(("flag", "outcome"), NEW_SIGNS)
def test_each_new_sign_alone_decides_its_outcome_with_everything_else_unanswered(flag, outcome):
    result = assess({flag: True})
    assert result.outcome == outcome
    assert result.flags == (flag,)
    assert result.missing == tuple(i for i in ALL_IDS if i != flag)


@pytest.mark.parametrize(("flag", "outcome"), NEW_SIGNS)
def test_each_new_sign_decides_its_outcome_when_everything_else_fits_the_routine(flag, outcome):
    result = assess(calm_answers(**{flag: True}))
    assert result.outcome == outcome
    assert result.flags == (flag,)
    assert len(result.reasons) == 1


def test_foot_drop_or_worsening_weakness_is_urgent_not_a_routine_appointment():
    result = assess(calm_answers(leg_weakness=True, weakness_worsening=True))
    assert result.outcome == "urgent"
    assert result.flags == ("weakness_worsening",)
    assert "foot drop" in result.reasons[0]
    assert "not an emergency" not in OUTCOME_ADVICE["urgent"].next_step


def test_one_weak_leg_that_is_not_getting_worse_is_a_check():
    result = assess(calm_answers(leg_weakness=True))
    assert result.outcome == "see_clinician"
    assert result.flags == ("leg_weakness",)


def test_pain_higher_up_the_back_is_a_check_not_a_poor_fit():
    result = assess(calm_answers(pain_spot="higher_back"))
    assert result.outcome == "see_clinician"
    assert result.flags == ("pain_spot",)
    assert "middle of the back" in result.reasons[0]
    assert assess({"pain_spot": "higher_back"}).outcome == "see_clinician"


# --- A minor strain: alone nothing, with thin bones or at 65 and over urgent -----------------


def test_a_minor_strain_alone_at_40_changes_nothing():
    assert assess(calm_answers(minor_trauma=True, age=40)).outcome == "routine_may_help"


def test_a_minor_strain_alone_with_the_rest_unanswered_is_still_incomplete():
    result = assess({"minor_trauma": True})
    assert result.outcome == "incomplete"
    assert result.flags == ()


def test_a_minor_strain_with_steroids_or_thin_bones_is_urgent():
    result = assess({"minor_trauma": True, "steroids_osteoporosis": True})
    assert result.outcome == "urgent"
    assert result.flags == ("minor_trauma", "steroids_osteoporosis")
    assert "cracked" in result.reasons[0]


@pytest.mark.parametrize(("age", "outcome"), [(64, "see_clinician"), (65, "urgent")])
def test_a_minor_strain_at_65_and_over_is_urgent(age, outcome):
    result = assess(calm_answers(minor_trauma=True, age=age))
    assert result.outcome == outcome
    if outcome == "urgent":
        assert result.flags == ("minor_trauma", "age")


def test_a_minor_strain_with_thin_bones_at_70_names_both_reasons():
    result = assess(calm_answers(minor_trauma=True, steroids_osteoporosis=True, age=70))
    assert result.outcome == "urgent"
    assert result.flags == ("minor_trauma", "steroids_osteoporosis", "age")
    assert len(result.reasons) == 2


def test_thin_bones_without_a_strain_are_a_check_and_ask_about_a_strain():
    result = assess({"steroids_osteoporosis": True})
    assert result.outcome == "see_clinician"
    assert "minor_trauma" in unanswered_warning_signs(result)


def test_an_emergency_sign_beats_the_fracture_rule():
    answers = calm_answers(minor_trauma=True, steroids_osteoporosis=True, both_legs=True)
    assert assess(answers).outcome == "emergency"


# --- Wording the clinical review asked for ----------------------------------------------------


def test_both_legs_asks_about_new_symptoms_since_this_pain_began():
    q = question("both_legs")
    assert "NEW" in q.text and "since this pain began" in q.text.lower()
    assert "NEW" in q.statement


def test_major_trauma_is_recent_and_not_yet_checked():
    text = question("major_trauma").text
    assert "last few days" in text and "no doctor" in text


def test_the_psis_is_beside_the_sacrum_and_above_the_tailbone_never_next_to_it():
    label = option_label("pain_spot", "beside_psis")
    assert "above the tailbone" in label and "sacrum" in label
    for q in QUESTIONS:
        for words in (q.text, q.statement, q.why, *(lbl for _, lbl in q.options)):
            assert "next to the tailbone" not in words.lower()
            assert "beside the tailbone" not in words.lower()


def test_emergency_advice_says_scan_and_surgery_if_confirmed_not_surgery_within_hours():
    next_step = OUTCOME_ADVICE["emergency"].next_step
    assert "emergency scan" in next_step
    assert "surgery if the scan confirms it" in next_step
    assert "within hours" not in next_step


def test_the_routine_result_names_outer_hip_or_groin_pain_as_a_stop_rule():
    assert "outer hip or the groin" in OUTCOME_ADVICE["routine_may_help"].next_step


# --- The safety net ---------------------------------------------------------------------------

CAUDA_EQUINA_WORDS = ("urine", "bowels", "genitals", "inside of your thighs", "sex", "both legs")


@pytest.mark.parametrize("outcome", [o for o in OUTCOMES if o != "emergency"])
def test_every_result_but_an_emergency_names_the_emergency_symptoms(outcome):
    net = safety_net(outcome)
    assert net == SAFETY_NET
    assert "emergency services at once" in net
    for words in CAUDA_EQUINA_WORDS:
        assert words in net, words


def test_an_emergency_result_needs_no_safety_net():
    assert safety_net("emergency") == ""


def test_safety_net_refuses_an_unknown_outcome():
    with pytest.raises(ValueError, match="calm"):
        safety_net("calm")  # type: ignore[arg-type]


# --- Checklists ---------------------------------------------------------------------------------


def test_the_checklists_group_every_warning_sign_and_the_minor_strain():
    in_lists = {q.id for title in CHECKLISTS for q in questions_in_section(title)}
    assert in_lists == EMERGENCY_FLAGS | URGENT_FLAGS | CLINICIAN_FLAGS | {"minor_trauma"}
    assert "press_reproduces" not in in_lists


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
    answers = {"pain_spot": "beside_psis", "press_reproduces": True, "age": 35}
    for title in CHECKLISTS:
        answers |= checklist_answers(title, (), none_of_these=True)
    assert assess(answers).outcome == "routine_may_help"
    assert len(CHECKLISTS) + 3 <= 8


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
