"""The picture question "find the PSIS": judge where the reader put the marker, and say why.

The reader marks a point on a picture of the back seen from behind. The picture's landmarks
come with it, as fractions of its width (from the left) and height (from the top), with the
size it shows in centimetres (lowback.drawing.question_pictures reads them from the picture
file; `picture_landmarks` checks them). `judge` measures, in centimetres of the drawing (an
average adult), how far the marker is from the nearer PSIS: either side counts.

How near counts as what (our choice, not a clinical rule; the drawing's proportions are in
lowback.drawing.landmarks):
- "on_it", within ON_IT_CM (1.5 cm): on the bump itself. The PSIS is a rounded bump, not a
  point, and a fingertip on a phone lands a few millimetres off: 1.5 cm is about the pad of a
  thumb (the thumb-sized spot is drawn 2 cm across) and stays short of the centre of that spot
  just outside the PSIS, 2.2 cm away, which is only "close": the thumb goes beside the bump.
- "close", within CLOSE_CM (3 cm): the right neighbourhood, under 2 finger widths away (the
  4 cm from the midline is 2 to 3). The middle of the spine at the same level is 4 cm from
  each PSIS, so a marker on the spine is "not yet": mistaking the spine for the PSIS is the
  error worth naming.
- "not_yet": anything further.
Every verdict explains itself in plain words: how far, which way to move, what the marker is
nearer instead (the tailbone, the top of the hip bone, ...), and where the PSIS is (CONTENT.md,
"PSIS": beside the sacrum, about 4 cm or 2 to 3 finger widths from the midline, level with S2
and the skin dimples, several centimetres above the tailbone); a marker far off also gets how
to find it on one's own back.

For readers who cannot see the picture, PLACES asks the same thing in words
(`answer_in_words`), with the same explanations.

Pure: standard library only. Anything the page sends is checked here; a value that is not a
point on the picture raises ValueError.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CLOSE_CM",
    "KINDS",
    "NEARER_INSTEAD",
    "ON_IT_CM",
    "PLACES",
    "PLACES_QUESTION",
    "POINT_KINDS",
    "Nearby",
    "PictureLandmarks",
    "Place",
    "Verdict",
    "answer_in_words",
    "format_distance",
    "judge",
    "picture_landmarks",
    "read_marker",
]

ON_IT_CM = 1.5
CLOSE_CM = 3.0
KINDS = ("on_it", "close", "not_yet")
SIDES = ("left", "right")

WHERE_IT_IS = (
    "The PSIS is the bony bump where the top of the hip bone (the iliac crest) ends at the "
    "back, beside the sacrum. It sits about 4 cm (2 to 3 finger widths) from the middle of the "
    "spine, level with the second segment of the sacrum (S2), often under a dimple in the "
    "skin, and several centimetres above the tailbone."
)
HOW_TO_FIND_IT = (
    "On your own back: put your hands on your hips, slide them back along the top of the hip "
    "bone until the bone ends, just above the buttock. That rounded end is the PSIS."
)


@dataclass(frozen=True)
class Nearby:
    """A landmark a guess often lands on instead: what to call it, and what to learn from it."""

    what: str
    lesson: str


#: The landmarks a marker may be nearer than the PSIS, by kind (a point's name without its
#: side), with what each teaches.
NEARER_INSTEAD: Mapping[str, Nearby] = MappingProxyType(
    {
        "thumb_spot": Nearby(
            "the thumb-sized spot just outside the PSIS, where the thumb presses in the routine",
            "The PSIS itself is the bony bump just inside it, nearer the middle.",
        ),
        "s2_spinous": Nearby(
            "the middle of the spine, over the sacrum",
            "The PSIS is not on the spine: there is one on each side, about 2 to 3 finger "
            "widths out, at the level of S2.",
        ),
        "coccyx_tip": Nearby(
            "the tailbone (coccyx), at the bottom of the spine",
            "The PSIS is several centimetres higher.",
        ),
        "iliac_crest_top": Nearby(
            "the top of the hip bone (the iliac crest), at the side of the waist",
            "Follow that rim back towards the spine: the PSIS is where it ends.",
        ),
        "greater_trochanter": Nearby(
            "the bony point on the outside of the hip, at the top of the thigh bone (the "
            "greater trochanter)",
            "Gluteus medius attaches there. The PSIS is higher up and much nearer the middle.",
        ),
        "hip_joint": Nearby(
            "the hip joint, deep in the buttock",
            "The PSIS is higher, just above the buttock.",
        ),
    }
)
#: Every kind of point a question picture may carry ("psis" is the one that must be there).
POINT_KINDS: tuple[str, ...] = ("psis", *NEARER_INSTEAD)


@dataclass(frozen=True)
class PictureLandmarks:
    """Where the landmarks are in a picture: ``points`` maps a name (``psis_left``,
    ``coccyx_tip``, ...) to (x, y), fractions of the width from the left and of the height from
    the top; ``width_cm`` and ``height_cm`` are what the whole picture shows."""

    width_cm: float
    height_cm: float
    points: Mapping[str, tuple[float, float]]


@dataclass(frozen=True)
class Verdict:
    """What the marker earned (``kind``: one of KINDS), in words: a short ``headline`` and the
    ``explanation``, a few sentences. For a marker on the picture, ``distance_cm`` from the
    nearer PSIS, its ``side`` (the body's, "left" or "right") and the ``marker`` judged."""

    kind: str
    headline: str
    explanation: tuple[str, ...]
    distance_cm: float | None = None
    side: str | None = None
    marker: tuple[float, float] | None = None


def _number(value: object, what: str) -> float:
    # bool is an int to Python, never a coordinate to a reader.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number (got {type(value).__name__})")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number (got {value!r})")
    return number


def _fraction(value: object, what: str) -> float:
    number = _number(value, what)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{what} must lie on the picture, from 0 to 1 (got {number!r})")
    return number


def _point(value: object, what: str) -> tuple[float, float]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"{what} must be a pair of numbers [x, y]")
    return _fraction(value[0], f"{what} x"), _fraction(value[1], f"{what} y")


def _kind_of(name: str) -> str:
    for side in SIDES:
        if name.endswith(f"_{side}"):
            return name.removesuffix(f"_{side}")
    return name


def picture_landmarks(data: object) -> PictureLandmarks:
    """Check a question picture's landmark data (as lowback.drawing.question_pictures reads
    it: ``width_cm``, ``height_cm``, ``points``) and return it as PictureLandmarks."""
    if not isinstance(data, Mapping):
        raise ValueError("landmark data must be a mapping")
    unknown = set(data) - {"width_cm", "height_cm", "points"}
    if unknown:
        raise ValueError(f"unknown landmark data: {sorted(unknown)}")
    sizes = {}
    for key in ("width_cm", "height_cm"):
        size = _number(data.get(key), key)
        if not 0.0 < size <= 1000.0:
            raise ValueError(f"{key} must be above 0 and at most 1000 (got {size!r})")
        sizes[key] = size
    raw = data.get("points")
    if not isinstance(raw, Mapping):
        raise ValueError("points must map landmark names to [x, y]")
    points: dict[str, tuple[float, float]] = {}
    for name, value in raw.items():
        if not isinstance(name, str) or _kind_of(name) not in POINT_KINDS:
            raise ValueError(f"{name!r} is not a landmark a question picture can carry")
        points[name] = _point(value, name)
    missing = [name for name in ("psis_left", "psis_right") if name not in points]
    if missing:
        raise ValueError(f"the picture must carry both PSIS: {', '.join(missing)} missing")
    return PictureLandmarks(sizes["width_cm"], sizes["height_cm"], MappingProxyType(points))


def read_marker(value: object) -> tuple[float, float]:
    """The marker as the page reports it, ``[x, y]`` in fractions of the picture, checked."""
    return _point(value, "the marker")


def format_distance(distance_cm: float) -> str:
    """A distance from the PSIS as a verdict that is not "on_it" says it: rounded up to half a
    centimetre below 5 cm (so it never reads as near as ON_IT_CM), to the centimetre above."""
    if distance_cm < 5:
        return f"about {max(0.5, math.ceil(distance_cm * 2) / 2):g} cm"
    return f"about {math.floor(distance_cm + 0.5):g} cm"


def judge(x_frac: object, y_frac: object, landmarks: PictureLandmarks) -> Verdict:
    """How near the marker at (`x_frac`, `y_frac`) (fractions of the picture's width from the
    left and height from the top) is to the nearer PSIS in `landmarks`, and why."""
    if not isinstance(landmarks, PictureLandmarks):
        raise ValueError("landmarks must be PictureLandmarks (see picture_landmarks)")
    x, y = _fraction(x_frac, "the marker x"), _fraction(y_frac, "the marker y")

    def offset_cm(name: str) -> tuple[float, float]:
        """From the marker to landmark `name`, in cm: right and up are positive."""
        px, py = landmarks.points[name]
        return (px - x) * landmarks.width_cm, (y - py) * landmarks.height_cm

    def distance_cm(name: str) -> float:
        return math.hypot(*offset_cm(name))

    side = min(SIDES, key=lambda s: (distance_cm(f"psis_{s}"), s))
    distance = distance_cm(f"psis_{side}")
    common = {"distance_cm": distance, "side": side, "marker": (x, y)}
    if distance <= ON_IT_CM:
        where = (
            f"Your marker is within {ON_IT_CM:g} cm of the PSIS on the body's {side}, on this "
            "drawing of an average adult: on the bump itself."
        )
        return Verdict("on_it", "On it: that is the PSIS.", (where, WHERE_IT_IS), **common)
    kind = "close" if distance <= CLOSE_CM else "not_yet"
    headline = (
        "Close, but not quite on it." if kind == "close" else "Not yet: that is not the PSIS."
    )
    where = (
        f"Your marker is {format_distance(distance)} from the PSIS on the body's {side}, on "
        "this drawing of an average adult."
    )
    sentences = [where, _which_way(offset_cm(f"psis_{side}"), side)]
    others = [name for name in landmarks.points if _kind_of(name) != "psis"]
    if others:
        nearest = min(others, key=lambda name: (distance_cm(name), name))
        if distance_cm(nearest) < distance:
            nearby = NEARER_INSTEAD[_kind_of(nearest)]
            sentences.append(f"Your marker is closer to {nearby.what}. {nearby.lesson}")
    sentences.append(WHERE_IT_IS)
    if kind == "not_yet":  # far off: how to find it on the body, step by step
        sentences.append(HOW_TO_FIND_IT)
    return Verdict(kind, headline, tuple(sentences), **common)


def _which_way(to_psis_cm: tuple[float, float], side: str) -> str:
    """Which way to move the marker, in words, from its offset to the PSIS (right, up)."""
    right_cm, up_cm = to_psis_cm
    # Seen from behind, the body's left is the picture's left: inwards is towards the middle.
    inwards_cm = right_cm if side == "left" else -right_cm
    ways = []
    if abs(up_cm) >= 1.0:
        ways.append("higher" if up_cm > 0 else "lower")
    if abs(inwards_cm) >= 1.0:
        ways.append("nearer the middle" if inwards_cm > 0 else "further out to the side")
    if not ways:
        return "To reach it, move the marker a little."
    return f"To reach it, move the marker {' and '.join(ways)}."


@dataclass(frozen=True)
class Place:
    """An answer in words: where someone might look for the PSIS."""

    value: str
    label: str
    correct: bool
    nearer_instead: str | None = None  # the NEARER_INSTEAD kind it explains itself with


#: The question in words, for readers who cannot see the picture.
PLACES_QUESTION = "How do you find a PSIS on your own back?"
PLACES: tuple[Place, ...] = (
    Place(
        "crest_end",
        "Slide your hands back along the top of the hip bone until it ends, just above the "
        "buttock, 2 to 3 finger widths from the middle of the spine",
        True,
    ),
    Place(
        "midline",
        "Feel for the bony bumps down the middle of the back, just above the buttocks",
        False,
        "s2_spinous",
    ),
    Place(
        "tailbone",
        "Go to the very bottom of the spine, between the buttocks, by the tailbone",
        False,
        "coccyx_tip",
    ),
    Place(
        "crest_top",
        "Rest your hands on your waist: it is the highest point of the hip bone, at the side",
        False,
        "iliac_crest_top",
    ),
    Place(
        "trochanter",
        "Find the bony point on the outside of the hip, at the top of the thigh",
        False,
        "greater_trochanter",
    ),
)


def answer_in_words(value: object) -> Verdict:
    """The verdict on an answer from PLACES, chosen by its value, with its explanation."""
    for place in PLACES:
        if place.value == value:
            break
    else:
        raise ValueError(f"{value!r} is not one of the answers in words")
    if place.correct:
        return Verdict("on_it", "Right: that finds the PSIS.", (WHERE_IT_IS,))
    nearby = NEARER_INSTEAD[place.nearer_instead]
    explanation = f"That finds {nearby.what}. {nearby.lesson}"
    return Verdict("not_yet", "Not quite.", (explanation, WHERE_IT_IS, HOW_TO_FIND_IT))
