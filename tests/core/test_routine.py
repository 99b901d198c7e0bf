import dataclasses
import math

import pytest

from lowback.routine import (
    BOUNDS,
    DEFAULT_ROUTINE,
    LOWERINGS,
    PHASE_KINDS,
    Phase,
    Routine,
    build_schedule,
    phase_title,
)

DURATION_FIELDS = ("lift_s", "hold_s", "lower_s", "rest_s", "lead_in_s", "final_hold_max_s")


def test_defaults_follow_the_tip_and_the_series_choices():
    routine = Routine()
    assert routine.reps == 10
    assert routine.hold_s == 2.0
    assert routine.rest_s == 30.0
    # Not given by the tip; the series' own choice, said so in the notebook.
    assert routine.lift_s == 2.0
    assert routine.lower_s == 3.0
    assert routine.lead_in_s == 5.0
    assert routine.side == "right"
    # The series' two departures from the tip (CONTENT.md, "Doing the exercise safely").
    assert routine.lowering == "gentle"
    assert routine.final_hold_max_s == 60.0
    assert routine == DEFAULT_ROUTINE


def test_the_bounds_are_what_a_physiotherapist_would_accept():
    assert BOUNDS == {
        "lift_s": (1.0, 10.0),
        "hold_s": (1.0, 30.0),
        "lower_s": (1.0, 10.0),
        "rest_s": (10.0, 120.0),
        "lead_in_s": (3.0, 30.0),
        "final_hold_max_s": (10.0, 120.0),
    }
    assert set(BOUNDS) == set(DURATION_FIELDS)


def test_routine_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_ROUTINE.reps = 5


@pytest.mark.parametrize("reps", [1, 2, 29, 30])
def test_reps_from_1_to_30_are_accepted(reps):
    assert Routine(reps=reps).reps == reps


@pytest.mark.parametrize("reps", [0, -1, 31, 100, 2.5, 10.0, True, False, "10", None, math.nan])
def test_reps_outside_1_to_30_or_not_whole_are_refused_by_name(reps):
    with pytest.raises(ValueError, match=r"reps must be a whole number from 1 to 30"):
        Routine(reps=reps)


def _inside(field):
    low, high = BOUNDS[field]
    return [low, int(low), low + 0.25, (low + high) / 2, high - 0.001, high, int(high)]


def _outside(field):
    low, high = BOUNDS[field]
    return [low - 0.001, high + 0.0001, 0, -1, 600, math.nan, math.inf, -math.inf]


@pytest.mark.parametrize(("field", "value"), [(f, v) for f in DURATION_FIELDS for v in _inside(f)])
def test_durations_within_their_bounds_both_ends_included_are_kept_as_float(field, value):
    routine = Routine(**{field: value})
    assert getattr(routine, field) == value
    assert type(getattr(routine, field)) is float


@pytest.mark.parametrize(
    ("field", "value"),
    [(f, v) for f in DURATION_FIELDS for v in [*_outside(f), True, False, "2", None]],
)
def test_bad_durations_are_refused_naming_the_field_and_the_range(field, value):
    low, high = BOUNDS[field]
    with pytest.raises(
        ValueError, match=rf"^{field} must be a number of seconds from {low:g} to {high:g} "
    ):
        Routine(**{field: value})


@pytest.mark.parametrize("lowering", LOWERINGS)
def test_both_lowerings_are_accepted(lowering):
    assert Routine(lowering=lowering).lowering == lowering


@pytest.mark.parametrize("lowering", ["Gentle", "floor", "", None, 1])
def test_any_other_lowering_is_refused_by_name(lowering):
    with pytest.raises(ValueError, match=r'lowering must be "gentle" or "tip"'):
        Routine(lowering=lowering)


@pytest.mark.parametrize("side", ["left", "right"])
def test_left_and_right_sides_are_accepted(side):
    assert Routine(side=side).side == side


@pytest.mark.parametrize("side", ["Left", "RIGHT", "both", "", None, 1])
def test_any_other_side_is_refused_by_name(side):
    with pytest.raises(ValueError, match=r'side must be "left" or "right"'):
        Routine(side=side)


def test_error_message_shows_the_value_given():
    with pytest.raises(ValueError, match=r"\(got 31\)"):
        Routine(reps=31)


@pytest.mark.parametrize("reps", [1, 3, 10, 30])
def test_schedule_has_lead_in_three_phases_per_rep_rest_and_final_hold(reps):
    schedule = build_schedule(Routine(reps=reps))
    assert len(schedule) == 1 + 3 * reps + 1 + 1
    kinds = [phase.kind for phase in schedule]
    assert kinds == ["lead_in"] + ["lift", "hold", "lower"] * reps + ["rest", "final_hold"]
    assert set(kinds) == set(PHASE_KINDS)


def test_reps_are_numbered_from_1_and_only_on_lift_hold_and_lower():
    schedule = build_schedule(Routine(reps=4))
    for phase in schedule:
        if phase.kind in ("lift", "hold", "lower"):
            assert 1 <= phase.rep <= 4
        else:
            assert phase.rep is None
    reps = [phase.rep for phase in schedule if phase.kind == "lift"]
    assert reps == [1, 2, 3, 4]
    assert [p.rep for p in schedule[1:4]] == [1, 1, 1]


@pytest.mark.parametrize(
    "routine",
    [
        DEFAULT_ROUTINE,
        Routine(
            reps=7,
            lift_s=1.3,
            hold_s=1.7,
            lower_s=2.9,
            rest_s=17.1,
            lead_in_s=3.3,
            final_hold_max_s=33.3,
        ),
    ],
)
def test_phases_follow_each_other_back_to_back_from_zero(routine):
    schedule = build_schedule(routine)
    assert schedule[0].start_s == 0.0
    for before, after in zip(schedule, schedule[1:], strict=False):
        assert after.start_s == before.start_s + before.duration_s
        assert before.end_s == after.start_s


def test_default_schedule_times():
    schedule = build_schedule(DEFAULT_ROUTINE)
    assert schedule[0] == Phase("lead_in", None, 0.0, 5.0, schedule[0].cue)
    assert [(p.kind, p.start_s, p.duration_s) for p in schedule[1:4]] == [
        ("lift", 5.0, 2.0),
        ("hold", 7.0, 2.0),
        ("lower", 9.0, 3.0),
    ]
    # 5 s lead-in + 10 reps of 7 s = 75 s, then 30 s rest.
    assert (schedule[-2].kind, schedule[-2].start_s, schedule[-2].duration_s) == (
        "rest",
        75.0,
        30.0,
    )
    assert schedule[-1].start_s == 105.0
    assert schedule[-1].end_s == 165.0  # the final hold's cap, 60 s by default


def test_the_quickest_two_rep_routine_reaches_the_final_hold_in_19_seconds():
    quickest = Routine(reps=2, lift_s=1, hold_s=1, lower_s=1, rest_s=10, lead_in_s=3)
    schedule = build_schedule(quickest)
    assert schedule[-1].start_s == 3 + 2 * 3 + 10 == 19.0


def test_phase_durations_come_from_the_routine():
    routine = Routine(
        reps=2, lift_s=1.5, hold_s=4, lower_s=2.5, rest_s=12, lead_in_s=8, final_hold_max_s=45
    )
    durations = {phase.kind: phase.duration_s for phase in build_schedule(routine)}
    assert durations == {
        "lead_in": 8.0,
        "lift": 1.5,
        "hold": 4.0,
        "lower": 2.5,
        "rest": 12.0,
        "final_hold": 45.0,
    }


@pytest.mark.parametrize("cap_s", [10, 60, 90.5, 120])
def test_final_hold_comes_last_and_lasts_at_most_its_cap(cap_s):
    schedule = build_schedule(Routine(final_hold_max_s=cap_s))
    final = schedule[-1]
    assert final.kind == "final_hold"
    assert final.duration_s == cap_s
    assert final.end_s == final.start_s + cap_s
    assert final.rep is None
    assert [p.kind for p in schedule].count("final_hold") == 1


def test_every_phase_has_a_plain_cue():
    longest = Routine(lowering="tip", final_hold_max_s=120, side="left")
    for phase in (*build_schedule(DEFAULT_ROUTINE), *build_schedule(longest)):
        assert phase.cue
        assert phase.cue[0].isupper()
        assert len(phase.cue) <= 90  # three short lines on a phone, in large letters


def test_rep_cues_say_what_the_leg_does():
    schedule = build_schedule(DEFAULT_ROUTINE)
    cues = {phase.kind: phase.cue for phase in schedule}
    assert "up and back" in cues["lift"]
    assert "toes" in cues["lift"]
    assert "Lower slowly" in cues["lower"]


def test_the_final_hold_cue_says_stop_when_it_feels_hard_never_until_you_cannot():
    for cap_s, said in ((60, "at most 60 seconds"), (10, "at most 10 seconds"), (45.5, "45.5")):
        cue = build_schedule(Routine(final_hold_max_s=cap_s))[-1].cue
        assert "Stop when it feels hard" in cue and said in cue
        assert "as long as you can" not in cue.lower()


@pytest.mark.parametrize(
    ("lowering", "said", "never"),
    [("gentle", "onto the other leg", "floor"), ("tip", "knee toward the floor", "onto")],
)
def test_the_lowering_cue_says_where_the_leg_goes(lowering, said, never):
    lowers = [p for p in build_schedule(Routine(reps=3, lowering=lowering)) if p.kind == "lower"]
    assert len(lowers) == 3
    assert all(said in p.cue and never not in p.cue for p in lowers)


def test_the_lowering_changes_only_the_lowering_cues():
    gentle = build_schedule(Routine(lowering="gentle"))
    tip = build_schedule(Routine(lowering="tip"))
    for a, b in zip(gentle, tip, strict=True):
        assert (a.kind, a.rep, a.start_s, a.duration_s) == (b.kind, b.rep, b.start_s, b.duration_s)
        assert (a.cue == b.cue) is (a.kind != "lower")


@pytest.mark.parametrize(("side", "lie_on"), [("right", "left"), ("left", "right")])
def test_lead_in_cue_puts_the_painful_side_up(side, lie_on):
    cue = build_schedule(Routine(side=side))[0].cue
    assert cue.startswith(f"Lie on your {lie_on} side")
    assert f"{side} side up" in cue
    assert "thumb" in cue


def test_side_changes_only_the_lead_in_cue():
    left = build_schedule(Routine(side="left"))
    right = build_schedule(Routine(side="right"))
    assert left[0].cue != right[0].cue
    assert left[1:] == right[1:]


def test_schedule_is_an_immutable_tuple_of_frozen_phases():
    schedule = build_schedule(DEFAULT_ROUTINE)
    assert isinstance(schedule, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule[0].start_s = 1.0


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("lead_in", "Get ready"),
        ("lift", "Lift"),
        ("hold", "Hold 2"),
        ("lower", "Lower slowly"),
        ("rest", "Rest"),
        ("final_hold", "Long hold"),
    ],
)
def test_phase_titles_for_the_default_routine(kind, title):
    phase = next(p for p in build_schedule(DEFAULT_ROUTINE) if p.kind == kind)
    assert phase_title(phase, DEFAULT_ROUTINE) == title


@pytest.mark.parametrize(
    ("hold_s", "title"), [(2, "Hold 2"), (5.0, "Hold 5"), (2.5, "Hold 2.5"), (1.75, "Hold 1.75")]
)
def test_hold_title_shows_the_seconds_without_a_trailing_zero(hold_s, title):
    routine = Routine(hold_s=hold_s)
    hold = build_schedule(routine)[2]
    assert phase_title(hold, routine) == title


def test_phase_title_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="phase kind"):
        phase_title(Phase("jump", None, 0.0, 1.0, "Jump"), DEFAULT_ROUTINE)
