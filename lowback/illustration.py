"""The side-lying routine as pictures: one frame per position, shown in step with the timer.

Each frame shows the reader lying on their side, seen from behind, sore side up, thumb on the
sore spot beside the bony bump (PSIS). `frame_for_phase(kind)` says which frame belongs to a
phase of the schedule; `frame_png(name, side)` gives its picture.

Pages show the frames pre-drawn: `make figures` draws every frame for both sides into
lowback/pictures (lowback.frame_drawing does the drawing), and a page reads those files, so a
visitor's kernel never imports Matplotlib for them.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from lowback.paths import PICTURES_DIR
from lowback.routine import PHASE_KINDS, SIDES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "ALT_TEXT",
    "COLOURS",
    "FRAMES",
    "FRAME_TITLES",
    "FrameFigure",
    "check_frame",
    "draw_frame",
    "frame_file_name",
    "frame_for_phase",
    "frame_html",
    "frame_png",
    "show_frame",
]


#: The frames, in the order the movement goes through them.
FRAMES: tuple[str, ...] = ("start", "lift", "hold", "lower")

#: A short heading for each frame.
FRAME_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "start": "Start: lie on your side, thumb on the spot",
        "lift": "Lift: up and a little back, toes turned down",
        "hold": "Hold: keep the leg up and squeeze",
        "lower": "Lower slowly: knee to the floor in front",
    }
)

#: One sentence per frame for readers who cannot see it (screen readers use it as the alt text).
ALT_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "start": (
            "Seen from behind, a person lies on their side with the sore side on top, legs "
            "resting one on the other, and the top hand's thumb pressed on the sore spot just "
            "beside the bony bump at the back of the pelvis."
        ),
        "lift": (
            "Seen from behind, the top leg is lifted straight, high and a little back towards "
            "the viewer, with the toes turned down towards the floor, while the thumb stays on "
            "the sore spot."
        ),
        "hold": (
            "Seen from behind, the top leg is held up and a little back with the toes turned "
            "down, the side hip muscle (gluteus medius) working, and the thumb still on the "
            "sore spot."
        ),
        "lower": (
            "Seen from behind, the top leg comes down slowly with the knee bending towards the "
            "floor just in front of the bottom leg, where it is hidden from this view, and the "
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

#: Neutral tones for the body and clothes; Okabe-Ito hues for what the reader must find. The
#: thumb spot, the PSIS and gluteus medius have the same colours as in the anatomy figures.
COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "skin": "#EEDFCC",
        "outline": "#4D4038",
        "hair": "#5A504A",
        "shirt": "#C7D5E0",
        "shorts": "#7D8B97",
        "mat": "#D9D9D9",
        "pillow": "#F2F2F2",
        "thumb_spot": "#009E73",  # bluish green
        "psis": "#0072B2",  # blue
        "gluteus_medius": "#D55E00",  # vermillion
        "arrow": "#000000",
        "text": "#000000",
        "hidden": "#2B221C",
    }
)


def frame_for_phase(kind: str | None) -> str:
    """The frame to show during a phase of `kind` (one of PHASE_KINDS); None before start."""
    if kind is None:
        return "start"
    try:
        return _FRAME_BY_PHASE[kind]
    except KeyError:
        raise ValueError(
            f"phase kind must be one of {', '.join(PHASE_KINDS)} or None (got {kind!r})"
        ) from None


def draw_frame(name: str, side: str = "right", ax: Axes | None = None) -> Figure:
    """Draw frame `name` (one of FRAMES) for a routine on `side`; returns the Figure.

    This imports Matplotlib; pages show the pre-drawn `frame_png` instead."""
    from lowback.frame_drawing import draw_frame as draw

    return draw(name, side, ax)


def frame_file_name(name: str, side: str = "right") -> str:
    """The pre-drawn picture of frame `name` for `side`, a file name in lowback/pictures."""
    check_frame(name, side)
    return f"frame_{name}_{side}.png"


@cache
def frame_png(name: str, side: str = "right") -> bytes:
    """Frame `name` for `side` as PNG bytes, read once from its pre-drawn file."""
    return (PICTURES_DIR / frame_file_name(name, side)).read_bytes()


@cache
def frame_html(name: str, side: str = "right", *, full_caption: bool = True) -> str:
    """Frame `name` as an HTML figure: the picture with its alt text, and a caption under it,
    the frame's title and, with `full_caption`, the alt text again for everyone to read.

    An <img> with alt text rather than ipywidgets.Image, whose <img> cannot carry one."""
    data = base64.b64encode(frame_png(name, side)).decode("ascii")
    alt = html.escape(ALT_TEXT[name])
    caption = f"<strong>{html.escape(FRAME_TITLES[name])}.</strong>"
    if full_caption:
        caption += f" {alt}"
    return (
        '<figure class="lowback-figure" style="margin: 0.5rem 0; max-width: 50rem;">'
        f'<img src="data:image/png;base64,{data}" alt="{alt}" '
        'style="width: 100%; height: auto;">'
        f'<figcaption style="font-size: 1rem;">{caption}</figcaption>'
        "</figure>"
    )


@dataclass(frozen=True)
class FrameFigure:
    """A frame ready for a notebook: a picture with its alt text and a caption under it."""

    name: str
    side: str = "right"

    def _repr_html_(self) -> str:
        return frame_html(self.name, self.side)

    def __repr__(self) -> str:
        return f"{FRAME_TITLES[self.name]}. {ALT_TEXT[self.name]}"


def show_frame(name: str, side: str = "right") -> FrameFigure:
    """Frame `name` for a notebook cell: shown as a picture with its text alternative."""
    check_frame(name, side)
    return FrameFigure(name, side)


def check_frame(name: str, side: str) -> None:
    """Refuse, with a ValueError that names the choices, a frame or side that does not exist."""
    if name not in FRAMES:
        raise ValueError(f"frame must be one of {', '.join(FRAMES)} (got {name!r})")
    if side not in SIDES:
        raise ValueError(f'side must be "left" or "right" (got {side!r})')
