"""The side-lying routine as data: its settings, and the timed schedule built from them.

Pure: no widgets, no clock. The timer walks the schedule; the notebooks show it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

__all__ = [
    "DEFAULT_ROUTINE",
    "MAX_DURATION_S",
    "MAX_REPS",
    "PHASE_KINDS",
    "SIDES",
    "Phase",
    "Routine",
    "build_schedule",
    "phase_title",
]

MAX_REPS = 30
# Ten minutes is far longer than any phase of this routine needs; a larger number is a typo.
MAX_DURATION_S = 600.0
SIDES = ("left", "right")
PHASE_KINDS = ("lead_in", "lift", "hold", "lower", "rest", "final_hold")

_DURATION_FIELDS = ("lift_s", "hold_s", "lower_s", "rest_s", "lead_in_s")


@dataclass(frozen=True)
class Routine:
    """The routine's settings. `side` is the painful side: the one that lies on top.

    The tip gives 10 reps, a 2 s hold and about 30 s of rest; it does not give the lift and
    lowering times or a lead-in, so 2 s up, 3 s down and 5 s to get ready are this series' choice.
    """

    reps: int = 10
    lift_s: float = 2.0
    hold_s: float = 2.0
    lower_s: float = 3.0
    rest_s: float = 30.0
    lead_in_s: float = 5.0
    side: str = "right"

    def __post_init__(self) -> None:
        # bool is an int subclass: True would otherwise pass as one rep.
        if (
            isinstance(self.reps, bool)
            or not isinstance(self.reps, int)
            or not 1 <= self.reps <= MAX_REPS
        ):
            raise ValueError(
                f"reps must be a whole number from 1 to {MAX_REPS} (got {self.reps!r})"
            )
        for name in _DURATION_FIELDS:
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, Real)
                or not math.isfinite(value)
                or not 0 < value <= MAX_DURATION_S
            ):
                raise ValueError(
                    f"{name} must be a number of seconds above 0 and at most "
                    f"{MAX_DURATION_S:g} (got {value!r})"
                )
            # Stored as float so equal settings compare, hash and print the same way.
            object.__setattr__(self, name, float(value))
        if not isinstance(self.side, str) or self.side not in SIDES:
            raise ValueError(f'side must be "left" or "right" (got {self.side!r})')


DEFAULT_ROUTINE = Routine()


@dataclass(frozen=True)
class Phase:
    """One step of the schedule, `start_s` seconds after the timer starts."""

    kind: str  # one of PHASE_KINDS
    rep: int | None  # 1..reps for lift, hold and lower; None otherwise
    start_s: float
    duration_s: float | None  # None: lasts until the reader stops it
    cue: str  # what to do, in plain words

    @property
    def end_s(self) -> float | None:
        """When the phase is over, or None if it lasts until the reader stops it."""
        return None if self.duration_s is None else self.start_s + self.duration_s


_REP_CUES = {
    "lift": "Lift the top leg up and back, toes turned down",
    "hold": "Hold it there",
    "lower": "Lower slowly, knee toward the floor in front of the other leg",
}
_REST_CUE = "Rest. Keep lying on your side"
_FINAL_HOLD_CUE = "Press the spot, lift up and back, and hold as long as you can"


def _lead_in_cue(side: str) -> str:
    # The painful side goes on top, so the reader lies on the other one.
    other = "left" if side == "right" else "right"
    return f"Lie on your {other} side, sore {side} side up, thumb on the sore spot"


def build_schedule(routine: Routine = DEFAULT_ROUTINE) -> tuple[Phase, ...]:
    """Every phase of the routine, back to back: lead-in, the reps, a rest, the final hold."""
    phases: list[Phase] = []
    start_s = 0.0

    def add(kind: str, rep: int | None, duration_s: float | None, cue: str) -> None:
        nonlocal start_s
        phases.append(Phase(kind, rep, start_s, duration_s, cue))
        if duration_s is not None:
            # Each start is the previous start plus its duration, so phases meet exactly.
            start_s = start_s + duration_s

    add("lead_in", None, routine.lead_in_s, _lead_in_cue(routine.side))
    for rep in range(1, routine.reps + 1):
        add("lift", rep, routine.lift_s, _REP_CUES["lift"])
        add("hold", rep, routine.hold_s, _REP_CUES["hold"])
        add("lower", rep, routine.lower_s, _REP_CUES["lower"])
    add("rest", None, routine.rest_s, _REST_CUE)
    add("final_hold", None, None, _FINAL_HOLD_CUE)
    return tuple(phases)


def _format_seconds(seconds: float) -> str:
    # "2", not "2.0"; fractions keep at most two decimals ("2.5", "0.75").
    text = f"{seconds:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def phase_title(phase: Phase, routine: Routine) -> str:
    """The large word or two a reader sees during `phase`: "Lift", "Hold 2", "Rest"...

    `routine` is the one the schedule was built from; the hold title counts its seconds.
    """
    if phase.kind == "hold":
        return f"Hold {_format_seconds(routine.hold_s)}"
    titles = {
        "lead_in": "Get ready",
        "lift": "Lift",
        "lower": "Lower slowly",
        "rest": "Rest",
        "final_hold": "Hold as long as you can",
    }
    try:
        return titles[phase.kind]
    except KeyError:
        raise ValueError(f"phase kind must be one of {', '.join(PHASE_KINDS)}") from None
