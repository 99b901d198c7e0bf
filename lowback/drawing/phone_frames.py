"""The routine's frames as a phone held upright shows them: the same drawing, cropped tight and
drawn 800 pixels wide, with the labels the step needs in rows above and below it.

A frame (lowback.drawing.frames) is about twice as wide as it is tall. In a phone's full-screen
timer, 390 CSS pixels wide, it comes out about 180 pixels tall, a band of empty screen under
it, and its 16-point labels 4 to 5 pixels high. The phone version crops the scene to the body,
the mat and the arrows (the mat's empty ends run off the edges), draws it PHONE_WIDTH_IN wide
at PHONE_DPI, and puts the labels into the room above and below it at PHONE_LABEL_PT: shown
370 CSS pixels wide, a label's letters are about 13 pixels high. The picture is square, like
every phone frame, so the timer does not jump from one frame to the next.

Only words change: every artist the frame draws (body, legs, thumb, muscle, mat, pillow,
arrows) is drawn here too, so the frame's text alternative (FRAME_ALT_TEXT) is as true of one
as of the other. Labels the step does not need go (the bony bump is named in the starting
position only); the rest are reworded to wrap in the narrow picture and keep a leader to what
they name, leaving from the middle of the edge that faces it, as the anatomy figures' phone
versions do (lowback.drawing.phone).

Positions are given for the right-side scene, in its centimetres (lowback.drawing.frames); a
left-sided routine gets them mirrored, the words placed, never mirrored.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from lowback.drawing.catalogue import check_frame
from lowback.drawing.frames import draw_frame
from lowback.drawing.helpers import reproducible_png
from lowback.drawing.phone import PHONE_DPI, PHONE_LABEL_PT, PHONE_WIDTH_IN, PhoneLabel

__all__ = [
    "PHONE_FRAME_LABELS",
    "PHONE_FRAME_XLIM",
    "PHONE_FRAME_YLIM",
    "draw_phone_frame",
    "render_phone_frame_png",
]

#: The part of the right-side scene a phone frame shows, in centimetres: from the pillow to
#: the lift's arrow (the mat runs on past both edges), and room for labels above and below.
PHONE_FRAME_XLIM = (-104.0, 110.0)
PHONE_FRAME_YLIM = (-74.0, 140.0)
# Outlines are given in points, which PHONE_DPI draws 1.6 times as many pixels as the wide
# frame's: thinned by this much, they keep the drawing's proportions on the larger scale.
_LINE_SCALE = 0.75

_L, _R, _C = "left", "right", "center"

# The labels' columns: a little in from the picture's left and right edges.
_LEFT_X, _RIGHT_X = -102.0, 108.0
# Rows above the drawing: what to do, then the thumb and what the top leg does.
_TOP_Y, _NEXT_Y = 120.0, 84.0
_THUMB = PhoneLabel("Thumb on the sore spot", (_LEFT_X, _NEXT_Y), _L)
_VIEW = PhoneLabel("Seen from behind,\nsore side on top", (_LEFT_X, -58.0), _L)
_LOWER = PhoneLabel("Lower slowly", (_LEFT_X, _TOP_Y), _L)
_TOES = PhoneLabel("Toes turned down", (_RIGHT_X, _NEXT_Y), _R)


def _labels(**labels: PhoneLabel) -> Mapping[str, PhoneLabel]:
    return MappingProxyType(
        {f"label/{gid.replace('_', '-')}": label for gid, label in labels.items()}
    )


#: The labels each phone frame keeps, by gid (lowback.drawing.frames), placed for the right
#: side. Every other label of the frame goes.
PHONE_FRAME_LABELS: Mapping[str, Mapping[str, PhoneLabel]] = MappingProxyType(
    {
        "start": _labels(
            start=PhoneLabel(
                "Top leg straight; roll slightly\nforward (away from you,\nin this view)",
                (_LEFT_X, _TOP_Y + 4.0),
                _L,
            ),
            thumb_spot=_THUMB,
            psis=PhoneLabel("Bony bump (PSIS)", (-60.0, -20.0), _C),
            bottom_knee=PhoneLabel("Bottom knee bent\nfor balance", (_RIGHT_X, -26.0), _R),
            view=_VIEW,
        ),
        "lift": _labels(
            lift=PhoneLabel(
                "Lift up and back,\nas high as your\ntrunk stays still", (_LEFT_X, _TOP_Y), _L
            ),
            lift_back=PhoneLabel("(back is towards you,\nin this view)", (_RIGHT_X, 123.0), _R),
            thumb_spot=_THUMB,
            toes=_TOES,
            view=_VIEW,
        ),
        "hold": _labels(
            hold=PhoneLabel("Hold it up, squeeze\nand keep breathing", (_LEFT_X, 123.0), _L),
            gluteus_medius=PhoneLabel(
                "Side hip muscle\n(gluteus medius)\nworking", (34.0, 120.0), _C
            ),
            thumb_spot=_THUMB,
            toes=_TOES,
            view=_VIEW,
        ),
        "lower": _labels(
            lower=_LOWER,
            thumb_spot=_THUMB,
            onto_bottom_leg=PhoneLabel(
                "Straight down onto\nthe bottom leg (or onto\na pillow between\nthe knees)",
                (_RIGHT_X, -36.0),
                _R,
            ),
            view=_VIEW,
        ),
        "lower_tip": _labels(
            lower=_LOWER,
            thumb_spot=_THUMB,
            knee=PhoneLabel(
                "Knee to the floor a few\ninches in front of the\n"
                "bottom leg (hidden\nfrom this side)",
                (_RIGHT_X, -36.0),
                _R,
            ),
            view=_VIEW,
        ),
    }
)


def draw_phone_frame(name: str, side: str = "right") -> Figure:
    """Frame `name` (one of FRAMES) for a routine on `side`, laid out for a phone held upright:
    the whole drawing, cropped, with its labels rewritten into rows above and below it."""
    check_frame(name, side)
    figure = draw_frame(name, side)
    sign = 1.0 if side == "right" else -1.0
    (x0, x1), (y0, y1) = PHONE_FRAME_XLIM, PHONE_FRAME_YLIM
    figure.set_size_inches(PHONE_WIDTH_IN, PHONE_WIDTH_IN * (y1 - y0) / (x1 - x0))
    figure.set_dpi(PHONE_DPI)
    (ax,) = figure.axes
    ax.set_position((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(*sorted((sign * x0, sign * x1)))
    ax.set_ylim(y0, y1)
    for artist in ax.patches:
        artist.set_linewidth(artist.get_linewidth() * _LINE_SCALE)
    labels = PHONE_FRAME_LABELS[name]
    for text in list(ax.texts):
        _relabel(text, labels.get(text.get_gid() or ""), sign)
    return figure


def _relabel(text: Text, label: PhoneLabel | None, sign: float) -> None:
    if label is None:
        text.remove()
        return
    x, y = label.xytext
    ha = label.ha
    if sign < 0 and ha in (_L, _R):
        ha = _R if ha == _L else _L
    text.set_text(label.text)
    text.set_position((sign * x, y))
    text.set_horizontalalignment(ha)
    text.set_verticalalignment(label.va)
    text.set_fontsize(PHONE_LABEL_PT)
    text.set_linespacing(1.15)
    if isinstance(text, Annotation) and text.arrowprops is not None:
        if label.xy is not None:
            text.xy = (sign * label.xy[0], label.xy[1])
        # The leader leaves from the middle of the edge that faces what it names (Matplotlib
        # keeps this as the annotation's relpos).
        text._arrow_relpos = (0.5, 0.0 if y > text.xy[1] else 1.0)


def render_phone_frame_png(name: str, side: str = "right") -> bytes:
    """Frame `name`'s phone version for `side` as PNG bytes, the same bytes on every run."""
    return reproducible_png(lambda: draw_phone_frame(name, side), PHONE_DPI)
