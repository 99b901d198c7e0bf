"""Pain before and after the routine, on a 0-10 scale, read against the change that matters.

A change of 2 points, or of 30% of the starting score, is the smallest that people find
meaningful over a course of care (Ostelo et al. 2008, Spine 33:90-94). A reading a minute after
one session is not what that was measured on, so the words call it a rough guide borrowed from
treatment studies. Any rise in pain is a reason to stop: the series' stop rule, not a
statistical threshold.

Pure: no widgets. `interpret_pain_change` gives the verdict and the words to show.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "MEANINGFUL_DROP_FRACTION",
    "MEANINGFUL_DROP_POINTS",
    "PAIN_MAX",
    "PAIN_MIN",
    "VERDICTS",
    "STOP_RULE",
    "PainChange",
    "interpret_pain_change",
]

PAIN_MIN = 0
PAIN_MAX = 10
MEANINGFUL_DROP_POINTS = 2
MEANINGFUL_DROP_FRACTION = 0.30
VERDICTS = ("better", "slightly_better", "no_change", "no_pain", "worse")

STOP_RULE = (
    "Stop the routine, and see a GP or physiotherapist before you try it again, above all if "
    "pain shoots down your leg, your leg tingles or goes numb, or you feel pain in the outer hip "
    "or the groin."
)


@dataclass(frozen=True)
class PainChange:
    """How pain moved from `before` to `after`, and what that means in plain words."""

    before: int
    after: int
    change: int  # after - before: negative is less pain
    percent_change: float | None  # of the starting score; None when it was 0
    verdict: str  # one of VERDICTS
    meaningful: bool  # a drop of at least 2 points or 30%
    stop: bool  # pain rose: the stop rule applies
    message: str

    def _repr_markdown_(self) -> str:
        # How a notebook shows it: the message, as a quoted paragraph.
        return f"> {self.message}"


def _checked(name: str, value: object) -> int:
    # bool is an int subclass: True would otherwise pass as a score of 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX} (got {value!r})"
        )
    if not PAIN_MIN <= value <= PAIN_MAX:
        raise ValueError(
            f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX} (got {value!r})"
        )
    return value


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def interpret_pain_change(before: int, after: int) -> PainChange:
    """Compare pain `before` and `after` the routine, each a whole number from 0 to 10."""
    before = _checked("before", before)
    after = _checked("after", after)
    change = after - before
    percent = None if before == 0 else 100.0 * change / before
    drop = -change
    meaningful = drop >= MEANINGFUL_DROP_POINTS or (
        before > 0 and drop > 0 and drop / before >= MEANINGFUL_DROP_FRACTION
    )

    if change > 0:
        verdict = "worse"
        message = f"Your pain went up by {_points(change)}, from {before} to {after}. " + STOP_RULE
    elif before == 0:
        verdict = "no_pain"
        message = (
            "You had no pain before and none after, so there is nothing for this score to "
            "show. The routine is meant for pain at the spot; you do not need it today."
        )
    elif meaningful:
        verdict = "better"
        message = (
            f"Your pain went down by {_points(drop)}, from {before} to {after}. As a rough "
            "guide borrowed from treatment studies, a drop of 2 points, or of 30% of where you "
            "started, is about the smallest change people find worthwhile over weeks of care. "
            "Use the routine again when the pain returns, at most 2 to 3 times a day."
        )
    elif drop > 0:
        verdict = "slightly_better"
        message = (
            f"Your pain went down by {_points(drop)}, from {before} to {after}. That is less "
            "than the 2 points (or 30%) that treatment studies take, as a rough guide, for a "
            "worthwhile change. You can try the routine again when the pain returns, at most 2 "
            "to 3 times a day."
        )
    else:
        verdict = "no_change"
        message = (
            f"Your pain stayed at {before}. The routine does not help everyone. Stay active, "
            "and see a GP or physiotherapist if the pain is no better in about 4 weeks."
        )
    return PainChange(
        before=before,
        after=after,
        change=change,
        percent_change=percent,
        verdict=verdict,
        meaningful=meaningful,
        stop=change > 0,
        message=message,
    )
