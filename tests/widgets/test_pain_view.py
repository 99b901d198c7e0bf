"""The pain panel's plan for the page: the rule and its words from lowback.pain, a panel style
for every colour, and the questions, all sent with the routine's plan."""

from __future__ import annotations

from lowback.pain import COLOURS, STOP_SYMPTOMS_QUESTION, browser_rule
from lowback.routine import DEFAULT_ROUTINE
from lowback.widgets.pain_view import pain_plan
from lowback.widgets.timer_view import RoutineTimer, player_plan


def test_every_colour_has_its_own_panel_style_and_red_is_the_emergency_one():
    tones = pain_plan()["tones"]
    assert set(tones) == set(COLOURS)
    assert len(set(tones.values())) == len(COLOURS)
    assert tones["red"] == "emergency"


def test_the_plan_carries_the_rule_and_the_questions_in_words():
    plan = pain_plan()
    assert plan["rule"] == browser_rule()
    assert plan["words"]["stop_question"] == STOP_SYMPTOMS_QUESTION
    assert plan["words"]["morning_question"].endswith("Was the pain back to usual this morning?")
    assert "{date}" in plan["words"]["morning_question_later"]
    assert player_plan(DEFAULT_ROUTINE)["pain_light"] == plan


def test_the_kernel_sends_no_per_session_alarm_of_its_own():
    # The light is decided in the page; pain scores reported back change nothing the page shows.
    timer = RoutineTimer()
    plan = timer.player.plan
    timer.player.pain_before = 3
    timer.player.pain_after = 4
    assert timer.player.plan == plan
    assert not hasattr(timer.player, "pain_message")
