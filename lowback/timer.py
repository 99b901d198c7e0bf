"""RoutineTimer: a state machine that walks a schedule by an injected clock.

Where the reader is in the routine is always computed afresh from the clock:

    elapsed = (clock() - started at) - time spent paused

and the current phase is the last one whose `start_s` is at or before `elapsed`. Nothing counts
ticks, so a slow or missed UI update cannot push later phases off their scheduled offsets.

States and what each method does in them (every method returns whether anything changed; a call
that does not fit the state is a harmless no-op returning False, so a double click is safe):

    not started --start()--> running <--pause()/resume()--> paused
    running or paused, in the final hold --finish_hold()--> done
    running, at the end of the final hold (its cap) ----------> done
    any state --reset()--> not started

The last phase of a schedule is the final hold: the reader ends it (finish_hold), or it ends
at its duration, the cap a physiotherapist may set, whichever comes first.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lowback.routine import Phase

__all__ = ["EVENT_KINDS", "MAX_EVENTS", "RoutineTimer", "TimerStatus", "check_events", "replay"]


@dataclass(frozen=True)
class TimerStatus:
    """A snapshot of the timer; everything a view needs to draw itself."""

    phase: Phase | None  # None before start
    rep: int | None  # the phase's rep, None outside the reps
    remaining_s: float | None  # left in this phase (in the final hold: until its cap)
    running: bool  # started, not paused, not done
    done: bool
    hold_s: float | None  # how long the final hold lasted or is lasting; None before it
    started: bool
    paused: bool
    index: int | None  # position of `phase` in the schedule
    elapsed_s: float  # seconds into the schedule, pauses left out


class RoutineTimer:
    """Walks `schedule` (from build_schedule) using `clock`, a function returning seconds."""

    def __init__(
        self, schedule: Sequence[Phase], clock: Callable[[], float] = time.monotonic
    ) -> None:
        schedule = tuple(schedule)
        if not schedule:
            raise ValueError("schedule must have at least one phase")
        if schedule[0].start_s != 0:
            raise ValueError("schedule must start at 0 seconds")
        starts = [phase.start_s for phase in schedule]
        if any(later < earlier for earlier, later in zip(starts, starts[1:], strict=False)):
            raise ValueError("schedule phases must be in order of start_s")
        if any(
            not isinstance(phase.duration_s, int | float) or not phase.duration_s > 0
            for phase in schedule
        ):
            raise ValueError("every phase of a schedule must last a number of seconds above 0")
        self._schedule = schedule
        self._starts = starts
        self._clock = clock
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total_s = 0.0
        # Elapsed seconds at which the routine ended; None until it has.
        self._done_at_s: float | None = None

    @property
    def schedule(self) -> tuple[Phase, ...]:
        return self._schedule

    # -- transitions -------------------------------------------------------------------------

    def start(self) -> bool:
        """Start from the first phase. A timer already started is left alone."""
        if self._started_at is not None:
            return False
        self._started_at = self._clock()
        return True

    def pause(self) -> bool:
        """Freeze the timer, final hold included. Only a running timer can pause."""
        if not self._is_running():
            return False
        self._paused_at = self._clock()
        return True

    def resume(self) -> bool:
        """Carry on where the pause left off. Only a paused timer can resume."""
        self._settle()
        if self._paused_at is None or self._done_at_s is not None:
            return False
        self._paused_total_s += self._clock() - self._paused_at
        self._paused_at = None
        return True

    def reset(self) -> bool:
        """Back to not started, from any state. False if it was not started anyway."""
        was_started = self._started_at is not None
        self._started_at = None
        self._paused_at = None
        self._paused_total_s = 0.0
        self._done_at_s = None
        return was_started

    def finish_hold(self) -> bool:
        """The reader stops the final hold (it feels hard, or the form slips): the routine is
        done. Only in the final hold, the schedule's last phase.

        Allowed while paused too; the hold then counts up to the moment of the pause. Too late
        once the cap has ended the hold, even if nobody has looked since.
        """
        self._settle()
        if self._started_at is None or self._done_at_s is not None:
            return False
        elapsed_s = self._elapsed_s()
        index = self._index_at(elapsed_s)
        if index != len(self._schedule) - 1:
            return False
        self._done_at_s = elapsed_s
        self._paused_at = None
        return True

    # -- questions ---------------------------------------------------------------------------

    def status(self) -> TimerStatus:
        if self._started_at is None:
            return TimerStatus(
                phase=None,
                rep=None,
                remaining_s=self._schedule[0].duration_s,
                running=False,
                done=False,
                hold_s=None,
                started=False,
                paused=False,
                index=None,
                elapsed_s=0.0,
            )
        elapsed_s = self._elapsed_s()
        index = self._index_at(elapsed_s)
        phase = self._schedule[index]
        done = self._done_at_s is not None
        final = index == len(self._schedule) - 1
        return TimerStatus(
            phase=phase,
            rep=phase.rep,
            remaining_s=max(0.0, phase.end_s - elapsed_s),
            running=not done and self._paused_at is None,
            done=done,
            hold_s=elapsed_s - phase.start_s if final else None,
            started=True,
            paused=not done and self._paused_at is not None,
            index=index,
            elapsed_s=elapsed_s,
        )

    def next_change_in_s(self) -> float | None:
        """Seconds until the next phase boundary while running; None if none is coming.

        None before start, while paused and once done: in those states no phase will change by
        itself, so a view need not wake up for one. In the final hold, the time to its cap.
        """
        if not self._is_running():
            return None
        elapsed_s = self._elapsed_s()
        return max(0.0, self._schedule[self._index_at(elapsed_s)].end_s - elapsed_s)

    # -- inside --------------------------------------------------------------------------------

    def _settle(self) -> None:
        # The schedule runs out at the final hold's cap: the routine is done there.
        # Noted lazily, the first time anyone looks after the end.
        last_end_s = self._schedule[-1].end_s
        if (
            self._started_at is not None
            and self._done_at_s is None
            and self._raw_elapsed_s() >= last_end_s
        ):
            self._done_at_s = last_end_s
            self._paused_at = None

    def _is_running(self) -> bool:
        self._settle()
        return self._started_at is not None and self._paused_at is None and self._done_at_s is None

    def _raw_elapsed_s(self) -> float:
        assert self._started_at is not None
        now = self._paused_at if self._paused_at is not None else self._clock()
        return (now - self._started_at) - self._paused_total_s

    def _elapsed_s(self) -> float:
        self._settle()
        if self._done_at_s is not None:
            return self._done_at_s
        # A clock that stepped backwards must not put the reader before the start.
        return max(0.0, self._raw_elapsed_s())

    def _index_at(self, elapsed_s: float) -> int:
        return bisect.bisect_right(self._starts, elapsed_s) - 1


# --------------------------------------------------------------------------------------------
# The browser's player reports what the reader pressed; the kernel replays it here
# --------------------------------------------------------------------------------------------

#: What the page can report, each the name of a RoutineTimer method.
EVENT_KINDS = ("start", "pause", "resume", "finish_hold", "reset")
#: A log longer than this is refused: a reader presses a few buttons per run, and the page
#: clears its log on Reset and on a new Start.
MAX_EVENTS = 200
# The page's clock counts seconds since it opened; a week is far beyond any real session.
_MAX_CLOCK_S = 7 * 24 * 3600.0


def check_events(events: object, now_s: object) -> tuple[tuple[tuple[str, float], ...], float]:
    """The page's event log and its clock reading, checked: ``([(kind, seconds), ...], now)``.

    Anything a browser sends may be hostile, so every part is checked and a ValueError says
    what is wrong: a log that is not a list of [kind, seconds] pairs, longer than MAX_EVENTS,
    with an unknown kind, a time that is not a finite number from 0 to a week, times that go
    backwards, or a clock reading before the last event.
    """
    if not isinstance(events, list | tuple):
        raise ValueError("events: expected a list of [kind, seconds] pairs")
    if len(events) > MAX_EVENTS:
        raise ValueError(f"events: more than {MAX_EVENTS}")
    checked: list[tuple[str, float]] = []
    for item in events:
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise ValueError("events: each must be a [kind, seconds] pair")
        kind, at = item
        if not isinstance(kind, str) or kind not in EVENT_KINDS:
            raise ValueError(f"events: kind must be one of {', '.join(EVENT_KINDS)}")
        seconds = _clock_reading("events", at)
        if checked and seconds < checked[-1][1]:
            raise ValueError("events: times must not go backwards")
        checked.append((kind, seconds))
    now = _clock_reading("now_s", now_s)
    if checked and now < checked[-1][1]:
        raise ValueError("now_s: before the last event")
    return tuple(checked), now


def _clock_reading(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name}: a time must be a number of seconds")
    seconds = float(value)
    if not math.isfinite(seconds) or not 0 <= seconds <= _MAX_CLOCK_S:
        raise ValueError(f"{name}: a time must be from 0 to {_MAX_CLOCK_S:g} seconds")
    return seconds


def replay(
    schedule: Sequence[Phase], events: Sequence[tuple[str, float]], now_s: float
) -> TimerStatus:
    """Where the reader is at ``now_s``, from the events the page reported: a RoutineTimer
    whose clock reads each event's time as it is pressed, then ``now_s``."""
    reading = [0.0]
    timer = RoutineTimer(schedule, clock=lambda: reading[0])
    for kind, at in events:
        if kind not in EVENT_KINDS:
            raise ValueError(f"events: kind must be one of {', '.join(EVENT_KINDS)}")
        reading[0] = at
        getattr(timer, kind)()
    reading[0] = now_s
    return timer.status()
