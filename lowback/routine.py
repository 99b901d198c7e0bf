"""The side-lying routine as data: its settings, and the timed schedule built from them.

Pure: no widgets, no clock. The timer walks the schedule; the notebooks show it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

__all__ = [
    "BOUNDS",
    "DEFAULT_ROUTINE",
    "LOWERINGS",
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
SIDES = ("left", "right")
PHASE_KINDS = ("lead_in", "lift", "hold", "lower", "rest", "final_hold")
#: How the leg comes down. "gentle": onto the bottom leg (or a pillow between the knees), never
#: across it: the series' default. "tip": the tip's knee to the floor a few centimetres in front
#: of the bottom leg, which crosses the midline (hip flexion, adduction and inward rotation: the
#: position that most compresses the gluteal tendons, Grimaldi & Fearon 2015), for a
#: physiotherapist to choose.
LOWERINGS = ("gentle", "tip")

#: Each duration's bounds in seconds, both included: what a physiotherapist would accept. The
#: tip gives the 2 s hold and about 30 s of rest; the rest are the series' choice (DESIGN.md).
BOUNDS = {
    "lift_s": (1.0, 10.0),
    "hold_s": (1.0, 30.0),
    "lower_s": (1.0, 10.0),
    "rest_s": (10.0, 120.0),
    "lead_in_s": (3.0, 30.0),
    "final_hold_max_s": (10.0, 120.0),
}
#: The longest any one phase can last.
MAX_DURATION_S = max(high for _low, high in BOUNDS.values())


@dataclass(frozen=True)
class Routine:
    """The routine's settings. `side` is the painful side: the one that lies on top.

    The tip gives 10 reps, a 2 s hold and about 30 s of rest; it does not give the lift and
    lowering times or a lead-in, so 2 s up, 3 s down and 5 s to get ready are this series' choice.
    Two departures from the tip, each explained on the page: the leg comes down gently onto the
    bottom leg (`lowering`), and the last hold stops when it feels hard, at most
    `final_hold_max_s` seconds (60 by default), not "until you can't".
    """

    reps: int = 10
    lift_s: float = 2.0
    hold_s: float = 2.0
    lower_s: float = 3.0
    rest_s: float = 30.0
    lead_in_s: float = 5.0
    side: str = "right"
    lowering: str = "gentle"
    final_hold_max_s: float = 60.0

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
        for name, (low, high) in BOUNDS.items():
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, Real)
                or not math.isfinite(value)
                or not low <= value <= high
            ):
                raise ValueError(
                    f"{name} must be a number of seconds from {low:g} to {high:g} (got {value!r})"
                )
            # Stored as float so equal settings compare, hash and print the same way.
            object.__setattr__(self, name, float(value))
        if not isinstance(self.side, str) or self.side not in SIDES:
            raise ValueError(f'side must be "left" or "right" (got {self.side!r})')
        if not isinstance(self.lowering, str) or self.lowering not in LOWERINGS:
            raise ValueError(f'lowering must be "gentle" or "tip" (got {self.lowering!r})')


DEFAULT_ROUTINE = Routine()


@dataclass(frozen=True)
class Phase:
    """One step of the schedule, `start_s` seconds after the timer starts."""

    kind: str  # one of PHASE_KINDS
    rep: int | None  # 1..reps for lift, hold and lower; None otherwise
    start_s: float
    # The final hold's is its cap: it ends there, or earlier when the reader stops it.
    duration_s: float
    cue: str  # what to do, in plain words

    @property
    def end_s(self) -> float:
        """When the phase is over at the latest."""
        return self.start_s + self.duration_s


_REP_CUES = {
    "lift": "Lift the top leg up and back, toes turned down",
    "hold": "Hold it there",
}
_LOWER_CUES = {
    "gentle": "Lower slowly, onto the other leg",
    "tip": "Lower slowly, knee toward the floor in front of the other leg",
}
_REST_CUE = "Rest. Keep lying on your side"


def _final_hold_cue(cap_s: float) -> str:
    return (
        "Press the spot, lift up and back, and hold. Stop when it feels hard, "
        f"at most {_format_seconds(cap_s)} seconds"
    )


def _lead_in_cue(side: str) -> str:
    # The painful side goes on top, so the reader lies on the other one.
    other = "left" if side == "right" else "right"
    return f"Lie on your {other} side, sore {side} side up, thumb on the sore spot"


def build_schedule(routine: Routine = DEFAULT_ROUTINE) -> tuple[Phase, ...]:
    """Every phase of the routine, back to back: lead-in, the reps, a rest, the final hold."""
    phases: list[Phase] = []
    start_s = 0.0

    def add(kind: str, rep: int | None, duration_s: float, cue: str) -> None:
        nonlocal start_s
        phases.append(Phase(kind, rep, start_s, duration_s, cue))
        # Each start is the previous start plus its duration, so phases meet exactly.
        start_s = start_s + duration_s

    add("lead_in", None, routine.lead_in_s, _lead_in_cue(routine.side))
    for rep in range(1, routine.reps + 1):
        add("lift", rep, routine.lift_s, _REP_CUES["lift"])
        add("hold", rep, routine.hold_s, _REP_CUES["hold"])
        add("lower", rep, routine.lower_s, _LOWER_CUES[routine.lowering])
    add("rest", None, routine.rest_s, _REST_CUE)
    add("final_hold", None, routine.final_hold_max_s, _final_hold_cue(routine.final_hold_max_s))
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
        "final_hold": "Long hold",
    }
    try:
        return titles[phase.kind]
    except KeyError:
        raise ValueError(f"phase kind must be one of {', '.join(PHASE_KINDS)}") from None
