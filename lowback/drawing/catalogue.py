"""What the series' pictures are, in words: the anatomy figures and the routine's frames, with
their names, layers, titles and text alternatives, and which frame each phase shows.

Nothing here draws, so a page can name, caption and choose pictures without importing
Matplotlib: lowback.drawing.figures draws them, lowback.drawing.pictures shows the pre-drawn
ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from lowback.routine import LOWERINGS, PHASE_KINDS, SIDES

#: Every figure of the series, in reading order (lowback.drawing.figures.FIGURES draws each one).
FIGURE_NAMES: tuple[str, ...] = (
    "posterior_pelvis",
    "gluteus_medius_posterior",
    "gluteus_medius_lateral",
    "referred_pain",
    "single_leg_stance",
)

#: What can be switched on and off in the drawings.
LAYERS: tuple[str, ...] = ("bones", "gluteus_maximus", "gluteus_medius", "landmarks", "thumb_spot")
#: The layers each figure draws (and so can switch off), also its default.
FIGURE_LAYERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "posterior_pelvis": ("bones", "landmarks", "thumb_spot"),
        "gluteus_medius_posterior": LAYERS,
        "gluteus_medius_lateral": ("bones", "gluteus_maximus", "gluteus_medius", "landmarks"),
        "referred_pain": ("bones", "gluteus_medius", "landmarks", "thumb_spot"),
        "single_leg_stance": ("bones", "gluteus_medius", "landmarks"),
    }
)


def phone_file_name(name: str) -> str:
    """Figure `name`'s pre-drawn version for narrow screens (lowback.drawing.phone), a file
    name in lowback/pictures."""
    return f"{name}_phone.png"


#: A short heading for each figure, as the anatomy explorer lists them.
FIGURE_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "posterior_pelvis": "The PSIS and the thumb-sized spot, from behind",
        "gluteus_medius_posterior": "Gluteus medius, from behind",
        "gluteus_medius_lateral": "Gluteus medius, from the side",
        "referred_pain": "Where gluteus medius can send pain",
        "single_leg_stance": "Standing on one leg: level pelvis or Trendelenburg sign",
    }
)
#: What each layer's checkbox says.
LAYER_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "bones": "Bones",
        "gluteus_maximus": "Gluteus maximus (see-through)",
        "gluteus_medius": "Gluteus medius",
        "landmarks": "Landmarks (PSIS, trochanter, crest)",
        "thumb_spot": "Thumb-sized spot",
    }
)


@dataclass(frozen=True)
class FigureDescription:
    """A figure in words: what it shows whatever is switched on (`shows`), then one clause per
    layer it draws, each told only while that layer is drawn."""

    shows: str
    layers: Mapping[str, str]


#: Each figure in words, clause by clause; figure_description() puts the clauses together.
FIGURE_DESCRIPTIONS: Mapping[str, FigureDescription] = MappingProxyType(
    {
        "posterior_pelvis": FigureDescription(
            "The pelvis seen from behind",
            MappingProxyType(
                {
                    "bones": (
                        "the bones drawn are the two lowest lumbar vertebrae (L4, L5), the hip "
                        "bones, the sacrum, the tailbone (coccyx) and the tops of the thigh bones"
                    ),
                    "landmarks": (
                        "each PSIS, the bony bump beside the sacrum and several centimetres "
                        "above the tailbone, is marked about 4 cm (2 to 3 finger widths) from "
                        "the midline of the spine, level with the second sacral segment (S2) "
                        "where the skin dimples are and over the sacroiliac joint, with the top "
                        "of the iliac crest, the hip joint and the greater trochanter also marked"
                    ),
                    "thumb_spot": (
                        "a thumb-sized spot about 2 cm across lies just outside the right PSIS, "
                        "over the origin of gluteus maximus, the sacroiliac ligaments and the "
                        "sacroiliac joint"
                    ),
                }
            ),
        ),
        "gluteus_medius_posterior": FigureDescription(
            "The pelvis and hips seen from behind",
            MappingProxyType(
                {
                    "bones": "the bones of the lower back, the pelvis and the hips are drawn",
                    "gluteus_medius": (
                        "gluteus medius is drawn on both sides, a fan-shaped muscle running "
                        "from the outer surface of the hip bone, in front of the posterior "
                        "gluteal line (dashed) and below the iliac crest, to the top of the "
                        "greater trochanter of the thigh bone, its origin beginning about 5 cm "
                        "from the PSIS, and all its fibres lift the leg out to the side, the front "
                        "ones also bending the hip and turning the thigh in, the back ones also "
                        "extending the hip and turning the thigh out"
                    ),
                    "gluteus_maximus": (
                        "on the right side gluteus maximus is drawn see-through over the back "
                        "third of gluteus medius"
                    ),
                    "landmarks": (
                        "both PSIS, both sacroiliac joints and both greater trochanters are "
                        "marked, with the 5 cm from the left PSIS to the top of the posterior "
                        "gluteal line measured"
                    ),
                    "thumb_spot": (
                        "a thumb-sized spot just outside the right PSIS lies over the gluteus "
                        "maximus origin, the sacroiliac ligaments and the sacroiliac joint, not "
                        "over gluteus medius"
                    ),
                }
            ),
        ),
        "gluteus_medius_lateral": FigureDescription(
            "The right hip seen from the side, front to the right",
            MappingProxyType(
                {
                    "bones": (
                        "the bones drawn are the hip bone with its anterior and posterior gluteal "
                        "lines (dashed), the sacrum and coccyx and the top of the thigh bone, "
                        "the posterior line meeting the iliac crest about 5 cm in front of the "
                        "PSIS"
                    ),
                    "gluteus_medius": (
                        "gluteus medius starts on the outer hip bone between the anterior and "
                        "posterior gluteal lines, below the iliac crest, and its front, middle "
                        "and back fibres converge on the greater trochanter"
                    ),
                    "gluteus_maximus": (
                        "gluteus maximus, drawn see-through, covers the back third of gluteus "
                        "medius and the bone between the PSIS and the posterior gluteal line"
                    ),
                    "landmarks": (
                        "the PSIS, the ASIS (the front end of the iliac crest) and the greater "
                        "trochanter are marked, with the 5 cm from the PSIS to the posterior "
                        "gluteal line measured"
                    ),
                }
            ),
        ),
        "referred_pain": FigureDescription(
            "The back of the body from the waist to mid-thigh, showing where an irritated right "
            "gluteus medius sends pain, mainly along the back of the iliac crest and over the "
            "sacrum, and across the buttock, where it can spread",
            MappingProxyType(
                {
                    "bones": "the bones are drawn faintly through the skin",
                    "gluteus_medius": (
                        "the outline of the right gluteus medius is dashed, several centimetres "
                        "out from the PSIS, with its trigger points shown as crosses (X)"
                    ),
                    "landmarks": (
                        "both PSIS (at the skin dimples) are marked and the midline of the "
                        "spine labelled"
                    ),
                    "thumb_spot": (
                        "the thumb-sized spot just outside the PSIS, which the quiz asks about, "
                        "lies inside the main zone but not over the muscle itself"
                    ),
                }
            ),
        ),
        "single_leg_stance": FigureDescription(
            "Two views from behind of a person standing on the left leg with the right leg "
            "lifted, the pelvis level in the first and dropping on the side of the lifted leg "
            "in the second",
            MappingProxyType(
                {
                    "bones": (
                        "the pelvis, the lower spine and the thigh bones are drawn inside the body"
                    ),
                    "gluteus_medius": (
                        "the left gluteus medius, which holds the pelvis level, is drawn strong "
                        "in the first view and weak in the second"
                    ),
                    "landmarks": (
                        "the tops of the iliac crests are marked and joined by a line, which "
                        "stays level with a strong gluteus medius and drops below a dashed level "
                        "line with a weak one, the Trendelenburg sign"
                    ),
                }
            ),
        ),
    }
)
# Figures that draw something (a body, pain zones) with every layer switched off.
_DRAWN_WITHOUT_LAYERS = frozenset({"referred_pain", "single_leg_stance"})
_NOTHING_SHOWN = "no layer is switched on, so only the title is drawn"


def figure_description(name: str, layers: Iterable[str] | None = None) -> str:
    """Figure `name` in one sentence, as drawn with `layers` (None: every layer it draws): its
    text alternative and caption. A layer switched off is not described: no "drawn see-through"
    for a gluteus maximus that is not there. Layers the figure does not draw are ignored."""
    if name not in FIGURE_DESCRIPTIONS:
        raise ValueError(f"{name!r} is not a figure; choose from {', '.join(FIGURE_NAMES)}")
    chosen = set(FIGURE_LAYERS[name] if layers is None else layers)
    unknown = chosen - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {sorted(unknown)}; choose from {LAYERS}")
    described = FIGURE_DESCRIPTIONS[name]
    clauses = [text for layer, text in described.layers.items() if layer in chosen]
    if not clauses:
        if name in _DRAWN_WITHOUT_LAYERS:
            return f"{described.shows}."
        clauses = [_NOTHING_SHOWN]
    return f"{described.shows}: {'; '.join(clauses)}."


#: A text alternative for every figure drawn whole, for screen readers and for anyone who
#: cannot see it.
ALT_TEXT: Mapping[str, str] = MappingProxyType(
    {name: figure_description(name) for name in FIGURE_NAMES}
)


#: Every frame drawn, one picture each: the movement in order, then the tip's own lowering.
#: "lower" is the series' lowering, straight down onto the bottom leg; "lower_tip" is the
#: tip's, knee to the floor in front of the bottom leg, for a physiotherapist to choose
#: (lowback.routine.LOWERINGS). A routine shows one of the two: routine_frames(lowering).
FRAMES: tuple[str, ...] = ("start", "lift", "hold", "lower", "lower_tip")

#: The frame that shows the leg coming down, for each way of lowering it.
LOWER_FRAMES: Mapping[str, str] = MappingProxyType({"gentle": "lower", "tip": "lower_tip"})

#: A short heading for each frame.
FRAME_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "start": "Start: on your side, bottom knee bent, thumb on the spot",
        "lift": "Lift: the straight leg up and back, toes turned down",
        "hold": "Hold: leg up and back, keep breathing",
        "lower": "Lower slowly: straight down onto the bottom leg",
        "lower_tip": "Lower slowly: knee to the floor in front of the bottom leg",
    }
)

#: One sentence per frame for readers who cannot see it (screen readers use it as the alt text).
FRAME_ALT_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "start": (
            "Seen from behind, a person lies on their side with the sore side on top, the body "
            "rolled slightly forward, the bottom knee bent for balance and the top leg "
            "straight, and the top hand's thumb pressed on the sore spot just beside the bony "
            "bump at the back of the pelvis."
        ),
        "lift": (
            "Seen from behind, the straight top leg is taken back behind the body (towards the "
            "viewer) while it lifts high, only as high as the trunk stays still, with the toes "
            "turned down towards the floor and the thumb still on the sore spot."
        ),
        "hold": (
            "Seen from behind, the top leg is held up and back with the toes turned down, for "
            "a count of 2 in each repetition and in the last hold until it feels hard, "
            "breathing all the while, with the side hip muscle (gluteus medius) working and "
            "the thumb still on the sore spot."
        ),
        "lower": (
            "Seen from behind, the top leg comes slowly straight down onto the other leg, "
            "while the thumb stays on the sore spot."
        ),
        "lower_tip": (
            "Seen from behind, the top leg comes down slowly, its knee aimed at the floor a few "
            "inches in front of the bent bottom leg, which hides it from this view, while the "
            "thumb stays on the sore spot."
        ),
    }
)

# Which frame each phase of the schedule shows; resting is the starting position again.
_FRAME_BY_PHASE: Mapping[str, str] = MappingProxyType(
    {
        "lead_in": "start",
        "lift": "lift",
        "hold": "hold",
        "lower": "lower",
        "rest": "start",
        "final_hold": "hold",
    }
)


def frame_for_phase(kind: str | None, lowering: str = "gentle") -> str:
    """The frame to show during a phase of `kind` (one of PHASE_KINDS; None before start) of a
    routine that lowers the leg the `lowering` way (one of LOWERINGS)."""
    check_lowering(lowering)
    if kind is None:
        return "start"
    try:
        frame = _FRAME_BY_PHASE[kind]
    except KeyError:
        raise ValueError(
            f"phase kind must be one of {', '.join(PHASE_KINDS)} or None (got {kind!r})"
        ) from None
    return LOWER_FRAMES[lowering] if kind == "lower" else frame


def routine_frames(lowering: str = "gentle") -> tuple[str, ...]:
    """The frames a routine that lowers the leg the `lowering` way shows, in the order of the
    movement: start, lift, hold, and its own lowering."""
    check_lowering(lowering)
    return ("start", "lift", "hold", LOWER_FRAMES[lowering])


def frame_file_name(name: str, side: str = "right") -> str:
    """The pre-drawn picture of frame `name` for `side`, a file name in lowback/pictures."""
    check_frame(name, side)
    return f"frame_{name}_{side}.png"


def phone_frame_file_name(name: str, side: str = "right") -> str:
    """Frame `name`'s pre-drawn version for a phone held upright, for `side`
    (lowback.drawing.phone_frames), a file name in lowback/pictures."""
    check_frame(name, side)
    return f"frame_{name}_{side}_phone.png"


def check_frame(name: str, side: str) -> None:
    """Refuse, with a ValueError that names the choices, a frame or side that does not exist."""
    if name not in FRAMES:
        raise ValueError(f"frame must be one of {', '.join(FRAMES)} (got {name!r})")
    if side not in SIDES:
        raise ValueError(f'side must be "left" or "right" (got {side!r})')


def check_lowering(lowering: str) -> None:
    """Refuse, with a ValueError that names the choices, a way of lowering that does not exist."""
    if lowering not in LOWERINGS:
        raise ValueError(f'lowering must be "gentle" or "tip" (got {lowering!r})')


#: The picture question "find the PSIS" (lowback.psis_question): the back seen from behind with
#: nothing marked, and the same picture, framed alike, with both PSIS marked. Not figures of the
#: explorer: they have no layers, and the question needs them to stay exactly as drawn.
QUESTION_PICTURES: tuple[str, ...] = ("psis_question", "psis_answer")

#: The points the question picture carries, in its own fractions of width and height: the two
#: PSIS the reader looks for, and the places a wrong guess is most often near.
QUESTION_LANDMARKS: tuple[str, ...] = (
    "psis_left",
    "psis_right",
    "thumb_spot_left",
    "thumb_spot_right",
    "s2_spinous",
    "coccyx_tip",
    "iliac_crest_top_left",
    "iliac_crest_top_right",
    "greater_trochanter_left",
    "greater_trochanter_right",
    "hip_joint_left",
    "hip_joint_right",
)

QUESTION_ALT_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "psis_question": (
            "The lower back, the buttocks and the tops of the thighs seen from behind, with "
            "the bones drawn faintly through the skin: the lower spine in the middle, the "
            "sacrum below it, a hip bone on each side and the tailbone at the bottom between "
            "the buttocks. Nothing is marked."
        ),
        "psis_answer": (
            "The same picture with both PSIS marked in blue: each is the bony bump where the "
            "top of the hip bone ends at the back, beside the sacrum, about 4 cm (2 to 3 "
            "finger widths) from the midline, on a dotted line at the level of the second "
            "sacral segment (S2), where the skin dimples are, several centimetres above the "
            "tailbone."
        ),
    }
)
