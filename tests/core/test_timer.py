import dataclasses
import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowback.routine import DEFAULT_ROUTINE, Phase, Routine, build_schedule
from lowback.timer import RoutineTimer, TimerStatus, replay

SCHEDULE = build_schedule(DEFAULT_ROUTINE)
FINAL_HOLD_START_S = SCHEDULE[-1].start_s  # 105 s for the default routine
CAP_S = DEFAULT_ROUTINE.final_hold_max_s  # 60 s: the final hold ends there at the latest
END_S = FINAL_HOLD_START_S + CAP_S  # 165 s
# A start time with an exact binary fraction, so clock sums in these tests are exact.
T0 = 1234.5
TINY = 1e-6


class FakeClock:
    """A clock the test moves by hand: call it for the time, set or advance `now`."""

    def __init__(self, now: float = T0) -> None:
        self.now = now
        self.calls = 0

    def __call__(self) -> float:
        self.calls += 1
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def expected_index(schedule, elapsed_s):
    """Independent of the timer: the last phase that has started by `elapsed_s`."""
    index = 0
    for i, phase in enumerate(schedule):
        if phase.start_s <= elapsed_s:
            index = i
    return index


def started_timer(schedule=SCHEDULE):
    clock = FakeClock()
    timer = RoutineTimer(schedule, clock=clock)
    assert timer.start()
    return timer, clock


def at_elapsed(elapsed_s, schedule=SCHEDULE):
    timer, clock = started_timer(schedule)
    clock.now = T0 + elapsed_s
    return timer, clock


# -- before start --------------------------------------------------------------------------------


def test_status_before_start_shows_the_lead_in_time_and_no_phase():
    timer = RoutineTimer(SCHEDULE, clock=FakeClock())
    status = timer.status()
    assert status.phase is None
    assert status.rep is None
    assert status.index is None
    assert status.remaining_s == 5.0
    assert status.running is False
    assert status.started is False
    assert status.paused is False
    assert status.done is False
    assert status.hold_s is None
    assert status.elapsed_s == 0.0


def test_time_does_not_pass_before_start():
    clock = FakeClock()
    timer = RoutineTimer(SCHEDULE, clock=clock)
    clock.advance(500.0)
    assert timer.status().remaining_s == 5.0
    assert timer.start()
    assert timer.status().phase == SCHEDULE[0]
    assert timer.status().remaining_s == 5.0


def test_status_is_a_frozen_snapshot():
    timer, _ = started_timer()
    with pytest.raises(dataclasses.FrozenInstanceError):
        timer.status().running = False


# -- phase boundaries ----------------------------------------------------------------------------


def test_starting_begins_the_lead_in_running():
    timer, _ = started_timer()
    status = timer.status()
    assert status.phase == SCHEDULE[0]
    assert status.phase.kind == "lead_in"
    assert status.index == 0
    assert status.running is True
    assert status.started is True
    assert status.remaining_s == 5.0
    assert status.elapsed_s == 0.0


@pytest.mark.parametrize("index", range(1, len(SCHEDULE)), ids=lambda i: f"{i}-{SCHEDULE[i].kind}")
def test_each_phase_starts_exactly_at_its_scheduled_offset(index):
    phase, before = SCHEDULE[index], SCHEDULE[index - 1]
    timer, clock = at_elapsed(phase.start_s - TINY)
    status = timer.status()
    assert status.phase == before
    assert status.remaining_s == pytest.approx(TINY, abs=1e-9)

    clock.now = T0 + phase.start_s
    status = timer.status()
    assert status.phase == phase
    assert status.index == index
    assert status.rep == phase.rep
    assert status.elapsed_s == phase.start_s
    assert status.remaining_s == phase.duration_s
    # The final hold counts up from 0; no other phase has a hold time.
    assert status.hold_s == (0.0 if phase.kind == "final_hold" else None)

    clock.now = T0 + phase.start_s + TINY
    assert timer.status().phase == phase


def test_remaining_time_counts_down_within_a_phase():
    timer, clock = at_elapsed(5.5)  # half a second into the first lift
    assert timer.status().phase.kind == "lift"
    assert timer.status().remaining_s == 1.5
    clock.advance(1.0)
    assert timer.status().remaining_s == 0.5


def test_rep_number_follows_the_reps():
    for rep in range(1, 11):
        lift_start_s = 5.0 + 7.0 * (rep - 1)
        timer, _ = at_elapsed(lift_start_s + 0.5)
        assert timer.status().rep == rep
        assert timer.status().phase.kind == "lift"


def test_final_hold_counts_up_and_its_time_left_is_to_the_cap():
    timer, clock = at_elapsed(FINAL_HOLD_START_S + 12.5)
    status = timer.status()
    assert status.phase.kind == "final_hold"
    assert status.remaining_s == 47.5
    assert status.hold_s == 12.5
    assert status.running is True
    assert status.done is False
    clock.advance(40.0)
    assert (timer.status().hold_s, timer.status().remaining_s) == (52.5, 7.5)


@pytest.mark.parametrize("late_s", [0.0, TINY, 0.5, 100.0, 86_400.0])
def test_the_final_hold_ends_by_itself_at_its_cap_however_late_anyone_looks(late_s):
    """A phone asleep on the floor may not look for hours: the hold still lasted the cap."""
    timer, clock = at_elapsed(END_S - TINY)
    assert timer.status().running is True
    clock.now = T0 + END_S + late_s
    status = timer.status()
    assert status.done is True
    assert status.running is False
    assert status.paused is False
    assert status.phase == SCHEDULE[-1]
    assert status.hold_s == CAP_S
    assert status.remaining_s == 0.0
    assert status.elapsed_s == END_S
    assert timer.next_change_in_s() is None
    assert timer.pause() is False
    assert timer.resume() is False
    assert timer.finish_hold() is False  # too late: the cap ended it
    assert timer.status() == status
    assert timer.reset() is True


@pytest.mark.parametrize("cap_s", [10.0, 33.25, 120.0])
def test_each_cap_ends_the_final_hold_at_its_own_time(cap_s):
    schedule = build_schedule(Routine(reps=2, rest_s=10, final_hold_max_s=cap_s))
    start_s = schedule[-1].start_s
    timer, clock = at_elapsed(start_s + cap_s - 0.125, schedule)
    assert timer.status().done is False
    assert timer.status().remaining_s == 0.125
    clock.advance(0.125)
    assert timer.status().done is True
    assert timer.status().hold_s == cap_s


def test_a_pause_in_the_final_hold_does_not_count_toward_the_cap():
    timer, clock = at_elapsed(FINAL_HOLD_START_S + 50.0)
    assert timer.pause()
    clock.advance(3600.0)
    assert timer.status().done is False
    assert timer.resume()
    clock.advance(9.875)
    assert timer.status().done is False
    assert timer.status().hold_s == 59.875
    clock.advance(1.0)
    assert timer.status().done is True
    assert timer.status().hold_s == CAP_S


def test_hold_time_is_none_outside_the_final_hold():
    for phase in SCHEDULE[:-1]:
        timer, _ = at_elapsed(phase.start_s)
        assert timer.status().hold_s is None


# -- start ---------------------------------------------------------------------------------------


def test_double_start_is_one_timer():
    timer, clock = started_timer()
    clock.advance(6.0)
    assert timer.start() is False
    status = timer.status()
    assert status.elapsed_s == 6.0
    assert status.phase.kind == "lift"


def test_start_while_paused_does_not_resume_or_restart():
    timer, clock = at_elapsed(3.0)
    assert timer.pause()
    clock.advance(10.0)
    assert timer.start() is False
    assert timer.status().paused is True
    assert timer.status().elapsed_s == 3.0


# -- pause and resume ----------------------------------------------------------------------------


def test_pause_and_resume_report_whether_they_changed_anything():
    clock = FakeClock()
    timer = RoutineTimer(SCHEDULE, clock=clock)
    assert timer.pause() is False  # not started
    assert timer.resume() is False  # not started
    assert timer.start()
    assert timer.resume() is False  # running, not paused
    assert timer.pause() is True
    assert timer.pause() is False  # already paused
    assert timer.resume() is True
    assert timer.resume() is False  # already running


PAUSE_POINTS_S = (
    0.0,
    0.25,
    4.999,
    5.0,
    6.5,
    9.0,
    11.75,
    40.0,
    74.0,
    75.0,
    90.0,
    104.9,
    105.0,
    140.0,
)
PAUSE_LENGTHS_S = (0.001, 0.5, 3.0, 29.875, 600.0, 86_400.0)


@pytest.mark.parametrize("pause_at_s", PAUSE_POINTS_S)
@pytest.mark.parametrize("pause_for_s", PAUSE_LENGTHS_S)
def test_pause_freezes_the_timer_and_resume_carries_on_where_it_stopped(pause_at_s, pause_for_s):
    timer, clock = at_elapsed(pause_at_s)
    before = timer.status()
    assert timer.pause()

    clock.advance(pause_for_s / 2)
    during = timer.status()
    clock.advance(pause_for_s / 2)
    assert timer.status() == during
    assert during.paused is True
    assert during.running is False
    assert during.phase == before.phase
    assert during.remaining_s == before.remaining_s
    assert during.hold_s == before.hold_s
    assert during.elapsed_s == pytest.approx(pause_at_s)
    assert timer.next_change_in_s() is None

    assert timer.resume()
    after = timer.status()
    assert after.running is True
    assert after.paused is False
    assert after.phase == before.phase
    assert after.elapsed_s == pytest.approx(pause_at_s)

    # Later on, the timer is exactly where an unpaused one would be, just later by the pause;
    # past the cap, it is done at the cap.
    for further_s in (0.375, 7.125, 60.125):  # never exactly on a boundary
        clock.now = T0 + pause_at_s + pause_for_s + further_s
        status = timer.status()
        expected_s = min(pause_at_s + further_s, END_S)
        assert status.elapsed_s == pytest.approx(expected_s)
        assert status.index == expected_index(SCHEDULE, expected_s)
        assert status.done is (pause_at_s + further_s >= END_S)


def test_pausing_in_the_final_hold_stops_the_hold_count():
    timer, clock = at_elapsed(FINAL_HOLD_START_S + 20.0)
    assert timer.pause()
    clock.advance(45.0)
    assert timer.status().hold_s == 20.0
    assert timer.resume()
    clock.advance(5.0)
    assert timer.status().hold_s == 25.0


def test_many_pauses_add_up():
    timer, clock = started_timer()
    for _ in range(10):
        clock.advance(1.0)
        assert timer.pause()
        clock.advance(100.0)
        assert timer.resume()
    assert timer.status().elapsed_s == 10.0
    assert timer.status().phase.kind == "lower"  # 9 to 12 s


# -- reset ---------------------------------------------------------------------------------------


def _not_started():
    clock = FakeClock()
    return RoutineTimer(SCHEDULE, clock=clock), clock


def _running():
    return at_elapsed(8.0)


def _paused():
    timer, clock = at_elapsed(50.0)
    timer.pause()
    clock.advance(7.0)
    return timer, clock


def _in_final_hold():
    return at_elapsed(FINAL_HOLD_START_S + 3.0)


def _paused_in_final_hold():
    timer, clock = _in_final_hold()
    timer.pause()
    return timer, clock


def _done():
    timer, clock = _in_final_hold()
    timer.finish_hold()
    clock.advance(9.0)
    return timer, clock


STATES = {
    "not_started": _not_started,
    "running": _running,
    "paused": _paused,
    "in_final_hold": _in_final_hold,
    "paused_in_final_hold": _paused_in_final_hold,
    "done": _done,
}


@pytest.mark.parametrize("state", STATES)
def test_reset_returns_to_not_started_from_any_state(state):
    timer, clock = STATES[state]()
    assert timer.reset() is (state != "not_started")
    fresh = RoutineTimer(SCHEDULE, clock=FakeClock()).status()
    assert timer.status() == fresh

    # A reset timer starts over from the lead-in, with no pause carried over.
    assert timer.start()
    clock.advance(6.0)
    status = timer.status()
    assert status.elapsed_s == 6.0
    assert status.phase == SCHEDULE[1]
    assert status.running is True


# -- finish_hold and done ------------------------------------------------------------------------


@pytest.mark.parametrize("elapsed_s", [0.0, 5.0, 40.0, 75.0, 104.0, FINAL_HOLD_START_S - TINY])
def test_finish_hold_does_nothing_before_the_final_hold(elapsed_s):
    timer, _ = at_elapsed(elapsed_s)
    before = timer.status()
    assert timer.finish_hold() is False
    assert timer.status() == before


def test_finish_hold_pressed_at_or_after_the_cap_is_too_late_even_if_nobody_looked():
    for late_s in (0.0, 0.5, 1000.0):
        timer, _ = at_elapsed(END_S + late_s)  # no status() asked since the start
        assert timer.finish_hold() is False
        assert timer.status().hold_s == CAP_S


def test_finish_hold_does_nothing_before_start():
    timer, _ = _not_started()
    assert timer.finish_hold() is False
    assert timer.status().started is False


def test_finish_hold_ends_the_routine_and_freezes_the_hold_time():
    timer, clock = at_elapsed(FINAL_HOLD_START_S + 42.0)
    assert timer.finish_hold() is True
    clock.advance(1000.0)
    status = timer.status()
    assert status.done is True
    assert status.running is False
    assert status.paused is False
    assert status.started is True
    assert status.phase == SCHEDULE[-1]
    assert status.remaining_s == CAP_S - 42.0
    assert status.hold_s == 42.0
    assert timer.next_change_in_s() is None


def test_finish_hold_right_as_the_hold_begins_records_zero():
    timer, _ = at_elapsed(FINAL_HOLD_START_S)
    assert timer.finish_hold()
    assert timer.status().hold_s == 0.0


def test_finish_hold_while_paused_counts_the_hold_up_to_the_pause():
    timer, clock = at_elapsed(FINAL_HOLD_START_S + 15.0)
    timer.pause()
    clock.advance(30.0)
    assert timer.finish_hold()
    status = timer.status()
    assert status.done is True
    assert status.paused is False
    assert status.hold_s == 15.0


def test_once_done_only_reset_changes_anything():
    timer, clock = _done()
    before = timer.status()
    assert timer.start() is False
    assert timer.pause() is False
    assert timer.resume() is False
    assert timer.finish_hold() is False
    clock.advance(50.0)
    assert timer.status() == before
    assert timer.reset() is True


# -- next_change_in_s ----------------------------------------------------------------------------


def test_next_change_is_the_time_to_the_next_phase_boundary():
    clock = FakeClock()
    timer = RoutineTimer(SCHEDULE, clock=clock)
    assert timer.next_change_in_s() is None  # not started: nothing will change by itself
    timer.start()
    assert timer.next_change_in_s() == 5.0
    clock.advance(6.0)  # one second into the first 2 s lift
    assert timer.next_change_in_s() == 1.0
    clock.advance(1.0)
    assert timer.next_change_in_s() == 2.0  # the hold has just begun
    clock.now = T0 + 100.0  # in the rest, which ends at 105
    assert timer.next_change_in_s() == 5.0
    clock.now = T0 + FINAL_HOLD_START_S + 1.0
    assert timer.next_change_in_s() == CAP_S - 1.0  # the final hold ends at its cap at the latest
    assert timer.finish_hold()
    assert timer.next_change_in_s() is None  # ...or sooner, when the reader stops it


# -- the clock -----------------------------------------------------------------------------------


def test_time_comes_only_from_the_injected_clock(monkeypatch):
    def forbidden():
        raise AssertionError("the timer read the system clock")

    monkeypatch.setattr(time, "monotonic", forbidden)
    monkeypatch.setattr(time, "time", forbidden)
    monkeypatch.setattr(time, "perf_counter", forbidden)
    clock = FakeClock()
    timer = RoutineTimer(SCHEDULE, clock=clock)
    timer.start()
    clock.advance(FINAL_HOLD_START_S + 1.0)
    timer.pause()
    timer.resume()
    timer.finish_hold()
    assert timer.status().done
    assert clock.calls > 0


def test_default_clock_is_monotonic():
    timer = RoutineTimer(SCHEDULE)
    assert timer.start()
    status = timer.status()
    assert status.phase.kind == "lead_in"
    assert 0.0 <= status.elapsed_s < 5.0


def test_a_clock_stepping_backwards_never_puts_the_reader_before_the_start():
    timer, clock = started_timer()
    clock.advance(-10.0)
    status = timer.status()
    assert status.elapsed_s == 0.0
    assert status.phase == SCHEDULE[0]


LONG_ROUTINE = Routine(reps=30, lift_s=5.0, hold_s=5.0, lower_s=8.0, rest_s=30.0, lead_in_s=5.0)
LONG_SCHEDULE = build_schedule(LONG_ROUTINE)


def test_long_schedule_is_about_ten_minutes():
    assert LONG_SCHEDULE[-1].start_s == 575.0


def test_no_drift_after_a_thousand_pauses_of_odd_lengths():
    """Every phase begins at its scheduled offset plus the time paused so far, to the bit."""
    rng = random.Random(20240501)
    # Exact binary fractions keep float sums exact, so any drift would show as inequality.
    pauses = sorted(
        (rng.randrange(1, 575 * 64) / 64, rng.randrange(1, 64 * 40, 2) / 64) for _ in range(1000)
    )
    boundaries = [(phase.start_s, i) for i, phase in enumerate(LONG_SCHEDULE) if i]
    events = sorted(
        [(at, 0, length) for at, length in pauses] + [(at, 1, i) for at, i in boundaries]
    )

    timer, clock = started_timer(LONG_SCHEDULE)
    paused_total_s = 0.0
    checked = 0
    for at_s, is_boundary, value in events:
        clock.now = T0 + at_s + paused_total_s
        if is_boundary:
            index = value
            assert timer.status().index == index
            assert timer.status().elapsed_s == at_s
            clock.now -= 1 / 1024
            assert timer.status().index == index - 1
            checked += 1
        else:
            assert timer.pause()
            clock.advance(value)
            assert timer.resume()
            paused_total_s += value
    assert checked == len(LONG_SCHEDULE) - 1
    assert paused_total_s > 10_000


def test_no_drift_with_irregular_float_pauses_and_ticks():
    """A jittery UI tick and messy pause lengths still land each phase on time, to a microsecond."""
    rng = random.Random(7)
    timer, clock = started_timer(LONG_SCHEDULE)
    paused_total_s = 0.0
    elapsed_s = 0.0
    while elapsed_s < 600.0:
        step_s = rng.uniform(0.01, 0.35)
        clock.advance(step_s)
        elapsed_s += step_s
        if rng.random() < 0.5:
            pause_s = rng.uniform(0.0, 3.0) * rng.random()
            timer.pause()
            clock.advance(pause_s)
            timer.resume()
            paused_total_s += pause_s
        status = timer.status()
        assert status.elapsed_s == pytest.approx(elapsed_s, abs=1e-6)
        assert status.elapsed_s == pytest.approx(clock.now - T0 - paused_total_s, abs=1e-6)
        nearest_boundary_s = min(abs(p.start_s - elapsed_s) for p in LONG_SCHEDULE)
        if nearest_boundary_s > 1e-5:
            assert status.index == expected_index(LONG_SCHEDULE, elapsed_s)


# -- property ------------------------------------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["advance", "pause", "resume", "finish_hold", "start"]),
        st.integers(min_value=0, max_value=80 * 8).map(lambda eighths: eighths / 8),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(actions=ACTIONS, start_at=st.integers(0, 10**6).map(lambda k: k / 4))
def test_phase_always_matches_the_schedule_at_elapsed_time_less_pauses(actions, start_at):
    clock = FakeClock(start_at)
    timer = RoutineTimer(SCHEDULE, clock=clock)
    timer.start()
    started_at, paused_at, paused_total, done_at = clock.now, None, 0.0, None

    def model_elapsed():
        if done_at is not None:
            return done_at
        now = paused_at if paused_at is not None else clock.now
        return now - started_at - paused_total

    for action, seconds in actions:
        clock.advance(seconds)
        if done_at is None and model_elapsed() >= END_S:
            done_at, paused_at = END_S, None  # the cap ended the hold
        if action == "pause":
            changed = timer.pause()
            assert changed is (paused_at is None and done_at is None)
            if changed:
                paused_at = clock.now
        elif action == "resume":
            changed = timer.resume()
            assert changed is (paused_at is not None and done_at is None)
            if changed:
                paused_total += clock.now - paused_at
                paused_at = None
        elif action == "finish_hold":
            in_hold = model_elapsed() >= FINAL_HOLD_START_S
            assert timer.finish_hold() is (in_hold and done_at is None)
            if in_hold and done_at is None:
                done_at, paused_at = model_elapsed(), None
        elif action == "start":
            assert timer.start() is False

        status = timer.status()
        elapsed = model_elapsed()
        assert status.elapsed_s == elapsed
        assert status.phase == SCHEDULE[expected_index(SCHEDULE, elapsed)]
        assert status.running is (paused_at is None and done_at is None)
        assert status.done is (done_at is not None)
        if elapsed >= FINAL_HOLD_START_S:
            assert status.hold_s == elapsed - FINAL_HOLD_START_S <= CAP_S
        else:
            assert status.hold_s is None


# -- schedules the timer refuses, and one that runs out ------------------------------------------


def _phase(kind, start_s, duration_s):
    return Phase(kind, None, start_s, duration_s, "Do it")


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ((), "at least one phase"),
        ((_phase("lift", 1.0, 2.0),), "start at 0"),
        ((_phase("lift", 0.0, 2.0), _phase("hold", 5.0, 1.0), _phase("lower", 3.0, 1.0)), "order"),
        ((_phase("lift", 0.0, 2.0), _phase("final_hold", 2.0, None)), "above 0"),
        ((_phase("lift", 0.0, 2.0), _phase("final_hold", 2.0, 0.0)), "above 0"),
        ((_phase("lift", 0.0, -1.0),), "above 0"),
    ],
)
def test_malformed_schedules_are_refused(schedule, message):
    with pytest.raises(ValueError, match=message):
        RoutineTimer(schedule, clock=FakeClock())


def test_a_schedule_stops_at_the_end_of_its_last_phase():
    schedule = (_phase("lift", 0.0, 2.0), _phase("rest", 2.0, 3.0))
    timer, clock = started_timer(schedule)
    clock.advance(4.0)
    assert timer.status().remaining_s == 1.0
    clock.advance(10.0)
    status = timer.status()
    assert status.done is True
    assert status.running is False
    assert status.phase == schedule[-1]
    assert status.remaining_s == 0.0
    assert status.elapsed_s == 5.0
    assert timer.pause() is False
    assert timer.finish_hold() is False


# -- replay: the kernel's view of the page's presses ---------------------------------------------


def test_replay_of_a_start_alone_ends_at_the_cap_with_the_cap_as_the_hold():
    status = replay(SCHEDULE, (("start", 10.0),), 10.0 + END_S + 500.0)
    assert status.done and not status.running
    assert status.hold_s == CAP_S
    assert status.elapsed_s == END_S


def test_replay_of_a_hold_stopped_by_the_reader_keeps_its_time():
    events = (("start", 10.0), ("finish_hold", 10.0 + FINAL_HOLD_START_S + 21.5))
    status = replay(SCHEDULE, events, 10.0 + END_S + 500.0)
    assert status.done and status.hold_s == 21.5


def test_replay_of_a_stop_pressed_after_the_cap_changes_nothing():
    events = (("start", 0.0), ("finish_hold", END_S + 3.0))
    assert replay(SCHEDULE, events, END_S + 4.0) == replay(SCHEDULE, events[:1], END_S + 4.0)


def test_replay_with_a_pause_in_the_final_hold_moves_the_cap_by_the_pause():
    events = (("start", 0.0), ("pause", FINAL_HOLD_START_S + 5.0), ("resume", 400.0))
    running = replay(SCHEDULE, events, 400.0 + CAP_S - 5.0 - 0.5)
    assert running.running and running.hold_s == pytest.approx(CAP_S - 0.5)
    done = replay(SCHEDULE, events, 400.0 + CAP_S)
    assert done.done and done.hold_s == CAP_S


def test_status_fields_are_the_public_interface():
    names = [field.name for field in dataclasses.fields(TimerStatus)]
    assert names[:6] == ["phase", "rep", "remaining_s", "running", "done", "hold_s"]
