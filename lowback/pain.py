"""Pain with the routine, on a 0-10 scale: a traffic light after each session, and the change that
matters over weeks.

After one session, pain follows the pain-monitoring model (Silbernagel et al. 2007, Am J Sports
Med 35:897-906), used widely for exercise pain: up to 5 during the exercise is acceptable if it
settles by the next morning; above 5, or still raised the next morning, means do less next time;
pain down the leg, numbness or tingling, or pain in the outer hip or groin means stop, whatever
the number. A rise of 1 or 2 points right after is within a 0-10 scale's error, so it is never
shown as an alarm. `pain_light` is that rule (DESIGN.md, "lowback.routine"):

- red (stop, and see a clinician if it does not settle): a stop symptom, or pain after of 8 or
  more;
- amber (do less next time): pain not back to usual the next morning, pain after above 5, or a
  rise of more than 2 points;
- green: otherwise.

The page decides the light in the reader's browser, so it needs no network: its mirror
(lowback/widgets/js/pain_light.js) gets the thresholds and every word from `browser_rule`, and
tests/js/test_pain_light_js.py checks it against `pain_light` for every combination.

Over weeks, a drop of 2 points, or of 30% of the starting score, is about the smallest change
people find worthwhile (Ostelo et al. 2008, Spine 33:90-94). That is for a course of care, never
for one session: `worthwhile_drop` serves the summary of the reader's sessions (lowback.progress).

Pure: no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACCEPTABLE_MAX",
    "CHECK_TOMORROW",
    "COLOURS",
    "EXPECTED_RISE_MAX",
    "LIGHT_WORDS",
    "MORNING_QUESTION",
    "MORNING_QUESTION_LATER",
    "PAIN_MAX",
    "PAIN_MIN",
    "REASONS",
    "STOP_FROM",
    "STOP_SYMPTOMS_QUESTION",
    "WORTHWHILE_DROP_FRACTION",
    "WORTHWHILE_DROP_POINTS",
    "PainLight",
    "browser_rule",
    "pain_light",
    "worthwhile_drop",
]

PAIN_MIN = 0
PAIN_MAX = 10
#: Pain after the exercise up to this is acceptable, if it settles by the next morning.
ACCEPTABLE_MAX = 5
#: Pain after the exercise of this or more: stop.
STOP_FROM = 8
#: A rise of up to this many points is within the scale's error; more means do less next time.
EXPECTED_RISE_MAX = 2
#: Over weeks, not one session (Ostelo et al. 2008).
WORTHWHILE_DROP_POINTS = 2
WORTHWHILE_DROP_FRACTION = 0.30

COLOURS = ("green", "amber", "red")

# The words for each reason the light can have, checked in this order: the first that applies
# gives the colour and the words. {before}, {after} and {change} (a number of points, "1 point"
# or "3 points") are filled in.
_DO_LESS = "Next time, do less: fewer repetitions, or a smaller lift."
LIGHT_WORDS: dict[str, dict[str, str]] = {
    "stop_symptoms": {
        "colour": "red",
        "headline": "Stop the routine for now",
        "message": "Pain down the leg, numbness or tingling, or pain in the outer hip or groin "
        "means stop, whatever your pain score. Rest for today. If it has not settled by "
        "tomorrow, see a GP or physiotherapist before you do the routine again. If it comes "
        "back next time, stop the routine and ask a physiotherapist.",
    },
    "severe": {
        "colour": "red",
        "headline": "Stop the routine for now",
        "message": "Pain of {after} out of 10 after the exercise is too much. Rest for today. If "
        "it has not settled by tomorrow, see a GP or physiotherapist before you do the routine "
        "again.",
    },
    "not_settled": {
        "colour": "amber",
        "headline": "Do less next time",
        "message": "The pain was not back to usual the morning after your last session, so that "
        f"was more than your back is ready for. {_DO_LESS} If this keeps happening, or the pain "
        "gets worse, see a physiotherapist.",
    },
    "high": {
        "colour": "amber",
        "headline": "Do less next time",
        "message": "Pain of {after} out of 10 after the exercise is above 5, the most that is "
        "fine. " + _DO_LESS,
    },
    "big_rise": {
        "colour": "amber",
        "headline": "Do less next time",
        "message": "Your pain went up by {change}, from {before} to {after}. That is more than "
        f"the 1 or 2 points that are normal with exercise. {_DO_LESS}",
    },
    "settled": {
        "colour": "green",
        "headline": "Fine to carry on",
        "message": "The pain was back to usual the morning after your last session, so that "
        "amount suits you for now. A mild muscle ache the next day is normal.",
    },
    "after_only": {
        "colour": "green",
        "headline": "Fine to carry on",
        "message": "Your pain after the exercise was {after} out of 10.",
    },
    "small_rise": {
        "colour": "green",
        "headline": "Fine to carry on",
        "message": "Your pain went up by {change}, from {before} to {after}. A rise of 1 or 2 "
        "points is normal with exercise, and a score from 0 to 10 is not that exact.",
    },
    "same": {
        "colour": "green",
        "headline": "Fine to carry on",
        "message": "Your pain was {after} before and after.",
    },
    "less": {
        "colour": "green",
        "headline": "Fine to carry on",
        "message": "Your pain went down by {change}, from {before} to {after}.",
    },
}
REASONS = tuple(LIGHT_WORDS)
#: Asked after the routine; the answer is the session record's `stop_symptoms`.
STOP_SYMPTOMS_QUESTION = (
    "During or after, did you feel pain down the leg, numbness or tingling, or pain in the outer "
    "hip or groin?"
)
#: Asked on the next visit, the day after the session; the answer is `settled_next_morning`.
MORNING_QUESTION = "Your last session was yesterday. Was the pain back to usual this morning?"
#: The same, a few days later ({date} is the session's date as the reader's browser writes it).
MORNING_QUESTION_LATER = (
    "Your last session was on {date}. Was the pain back to usual the next morning?"
)
#: Added on the day of the session, when the next morning is not known yet (a red light says
#: what to do already).
CHECK_TOMORROW = {
    "green": "Pain up to 5 is fine if it is back to usual by the next morning. This page will ask "
    "you about that the next time you open it.",
    "amber": "Tomorrow morning, check whether the pain is back to usual. This page will ask you "
    "the next time you open it.",
}


@dataclass(frozen=True)
class PainLight:
    """What the pain with one session means, as a traffic light, in plain words."""

    colour: str  # one of COLOURS
    reason: str  # one of REASONS: which part of the rule decided
    headline: str
    message: str

    def _repr_markdown_(self) -> str:
        # How a notebook shows it: the headline in bold, then the message, as a quote.
        return f"> **{self.headline}.** {self.message}"


def _score(name: str, value: object) -> int | None:
    # bool is an int subclass: True would otherwise pass as a score of 1.
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not PAIN_MIN <= value <= PAIN_MAX:
        raise ValueError(
            f"{name} must be a whole number from {PAIN_MIN} to {PAIN_MAX}, or None (got {value!r})"
        )
    return value


def _answer(name: str, value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"{name} must be True, False or None (got {value!r})")
    return value


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def _reason(
    before: int | None, after: int | None, stop_symptoms: bool, settled: bool | None
) -> str | None:
    rise = None if before is None or after is None else after - before
    if stop_symptoms:
        return "stop_symptoms"
    if after is not None and after >= STOP_FROM:
        return "severe"
    if settled is False:
        return "not_settled"
    if after is not None and after > ACCEPTABLE_MAX:
        return "high"
    if rise is not None and rise > EXPECTED_RISE_MAX:
        return "big_rise"
    if settled is True:
        return "settled"
    if after is None:
        return None
    if rise is None:
        return "after_only"
    if rise > 0:
        return "small_rise"
    return "same" if rise == 0 else "less"


def pain_light(
    before: int | None,
    after: int | None,
    *,
    stop_symptoms: bool | None = False,
    settled_next_morning: bool | None = None,
) -> PainLight | None:
    """The traffic light for one session: pain `before` and `after` it (whole numbers from 0 to
    10, or None when not given), whether the reader felt a stop symptom during or after (pain
    down the leg, numbness or tingling, or pain in the outer hip or groin; None, not answered,
    counts as no), and whether the pain was back to usual the next morning (None until the
    reader is asked, on their next visit). None when there is nothing to judge yet: no pain
    after, no stop symptom and no answer about the morning.
    """
    before = _score("before", before)
    after = _score("after", after)
    stop = _answer("stop_symptoms", stop_symptoms) is True
    settled = _answer("settled_next_morning", settled_next_morning)
    reason = _reason(before, after, stop, settled)
    if reason is None:
        return None
    words = LIGHT_WORDS[reason]
    change = None if before is None or after is None else abs(after - before)
    message = words["message"].format(
        before=before, after=after, change=None if change is None else _points(change)
    )
    if settled is None and words["colour"] in CHECK_TOMORROW:
        message += " " + CHECK_TOMORROW[words["colour"]]
    return PainLight(
        colour=words["colour"], reason=reason, headline=words["headline"], message=message
    )


def browser_rule() -> dict:
    """The rule's numbers and every word of it, for the page's mirror (pain_light.js), sent with
    the routine's plan: the page decides the light, and never spells a word of its own."""
    return {
        "acceptable_max": ACCEPTABLE_MAX,
        "stop_from": STOP_FROM,
        "expected_rise_max": EXPECTED_RISE_MAX,
        "lights": {reason: dict(words) for reason, words in LIGHT_WORDS.items()},
        "check_tomorrow": dict(CHECK_TOMORROW),
    }


def worthwhile_drop(first: int, latest: int) -> bool:
    """Whether pain going from `first` to `latest`, weeks apart, dropped by at least 2 points or
    30% of `first`: about the smallest change people find worthwhile over a course of care."""
    first = _score("first", first)
    latest = _score("latest", latest)
    if first is None or latest is None:
        raise ValueError("first and latest must both be given")
    drop = first - latest
    return drop >= WORTHWHILE_DROP_POINTS or (
        first > 0 and drop > 0 and drop / first >= WORTHWHILE_DROP_FRACTION
    )
