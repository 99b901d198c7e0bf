"""The anatomy figures as a phone shows them: the same drawing, narrower and taller, with fewer
and larger labels.

A page's figure is 990 pixels wide; on a phone 390 CSS pixels wide its 12-point labels come out
4 to 5 pixels high. The phone version is drawn 800 pixels wide (PHONE_WIDTH_IN at PHONE_DPI),
cropped to the drawing itself, and keeps only the labels the page's text needs, moved into the
room above and below the drawing, at PHONE_LABEL_PT: shown 360 CSS pixels wide, a label's
letters are about 13 pixels high. Everything else the full figure draws (bones, muscles, marks,
lines) is drawn here too, the same artists, so the figure's one-sentence description
(lowback.drawing.catalogue.figure_description) is as true of one as of the other: it says what
is drawn, not which words sit beside it.

lowback.drawing.figures draws the figure and hands it here (draw_phone_figure,
render_phone_png); pages serve it to narrow screens through <picture>
(lowback.drawing.pictures.figure_html).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from lowback.drawing.helpers import Point

__all__ = [
    "PHONE_DPI",
    "PHONE_LABEL_PT",
    "PHONE_LAYOUTS",
    "PHONE_TITLE_PT",
    "PHONE_WIDTH_IN",
    "lay_out_for_a_phone",
]

PHONE_DPI = 160
PHONE_WIDTH_IN = 5.0  # 800 pixels at PHONE_DPI
#: At PHONE_DPI a point is 2.2 pixels: shown 360 CSS pixels wide (0.45 of 800), a 13-point
#: label is 13 CSS pixels, a size a phone's own small print uses.
PHONE_LABEL_PT = 13.0
PHONE_TITLE_PT = 14.0
# Room for a title of two lines above the drawing.
_TITLE_IN = 0.8


@dataclass(frozen=True)
class PhoneLabel:
    """A label the phone version keeps: its words (shorter, wrapped for the narrow picture)
    and where they stand, in the drawing's centimetres, aligned by `ha`. Its leader points at
    what the full figure's label names (or at `xy`), from the middle of the label's edge
    that faces it."""

    text: str
    xytext: Point
    ha: str = "left"
    va: str = "center"
    #: What the leader points at, when not what the full figure's label points at.
    xy: Point | None = None


@dataclass(frozen=True)
class PhoneLayout:
    """How one figure is drawn for a phone: the part of the drawing shown (one (xlim, ylim)
    per Axes, side by side), its title and the labels kept, by their gid (with the panel's
    suffix in a drawing of two panels). Every other label goes."""

    limits: tuple[tuple[Point, Point], ...]
    title: str
    labels: Mapping[str, PhoneLabel]


def _labels(**labels: PhoneLabel) -> Mapping[str, PhoneLabel]:
    return MappingProxyType({gid.replace("__", "."): label for gid, label in labels.items()})


_L, _R = "left", "right"

#: Each anatomy figure's phone version (lowback.drawing.catalogue.FIGURE_NAMES).
PHONE_LAYOUTS: Mapping[str, PhoneLayout] = MappingProxyType(
    {
        "posterior_pelvis": PhoneLayout(
            (((-24.0, 24.0), (-33.0, 35.0)),),
            "The PSIS and the thumb-sized spot,\nseen from behind",
            _labels(
                landmarks__label_psis=PhoneLabel("PSIS", (-23.5, 30.5), _L),
                thumb_spot__label=PhoneLabel("Thumb-sized spot", (23.5, 30.5), _R),
                landmarks__label_midline=PhoneLabel("Midline", (0.0, 24.6), "center"),
                landmarks__finger_widths_text=PhoneLabel("4 cm", (-2.0, 13.1), "center", "bottom"),
                bones__label_sacrum=PhoneLabel("Sacrum", (0.0, -17.0), "center"),
                landmarks__label_trochanter=PhoneLabel("Greater\ntrochanter", (23.5, -25.0), _R),
                orientation__left=PhoneLabel("Body's LEFT", (-23.5, -31.0), _L),
                orientation__right=PhoneLabel("Body's RIGHT", (23.5, -31.0), _R),
            ),
        ),
        "gluteus_medius_posterior": PhoneLayout(
            (((-21.0, 21.0), (-30.0, 37.0)),),
            "Gluteus medius, seen from behind",
            _labels(
                thumb_spot__label=PhoneLabel("Thumb-sized spot", (-20.5, 33.0), _L),
                landmarks__label_psis=PhoneLabel("PSIS", (-20.5, 28.0), _L, xy=(-4.0, 9.5)),
                gluteus_medius__label_name=PhoneLabel("Gluteus medius", (20.5, 28.0), _R),
                landmarks__medius_start_distance_text=PhoneLabel(
                    "5 cm", (-2.9, 13.1), "center", "center"
                ),
                landmarks__label_trochanter=PhoneLabel("Greater\ntrochanter", (-20.5, -24.0), _L),
                gluteus_maximus__label=PhoneLabel(
                    "Gluteus maximus\n(see-through)", (20.5, -24.0), _R
                ),
            ),
        ),
        "gluteus_medius_lateral": PhoneLayout(
            (((-15.0, 15.0), (-25.0, 29.0)),),
            "Gluteus medius, seen from the side\n(right hip)",
            _labels(
                bones__label_posterior_gluteal_line=PhoneLabel(
                    "Posterior gluteal line", (-14.5, 26.5), _L
                ),
                landmarks__label_psis=PhoneLabel("PSIS", (-14.5, 21.0), _L),
                gluteus_medius__label_name=PhoneLabel("Gluteus\nmedius", (14.5, 22.5), _R),
                landmarks__medius_start_distance_text=PhoneLabel(
                    "5 cm", (-12.6, 12.9), "center", "center"
                ),
                gluteus_maximus__label=PhoneLabel(
                    "Gluteus maximus\n(see-through)", (-14.5, -15.0), _L
                ),
                landmarks__label_greater_trochanter=PhoneLabel(
                    "Greater\ntrochanter", (14.5, -14.0), _R
                ),
                orientation__back=PhoneLabel("< BACK", (-14.5, -23.5), _L),
                orientation__front=PhoneLabel("FRONT >", (14.5, -23.5), _R),
            ),
        ),
        "referred_pain": PhoneLayout(
            (((-19.0, 19.0), (-30.0, 36.0)),),
            "Where gluteus medius can\nsend pain (right side shown)",
            _labels(
                landmarks__label_psis=PhoneLabel("PSIS", (-18.5, 32.5), _L),
                thumb_spot__label=PhoneLabel("Thumb-sized spot", (4.0, 32.5), "center"),
                referred_pain__label_crest=PhoneLabel("Main pain zone", (18.5, 27.0), _R),
                referred_pain__label_buttock=PhoneLabel("Buttock", (18.5, -21.0), _R),
                orientation__left=PhoneLabel("Body's LEFT", (-18.5, -27.5), _L),
                orientation__right=PhoneLabel("Body's RIGHT", (18.5, -27.5), _R),
            ),
        ),
        "single_leg_stance": PhoneLayout(
            (((-24.0, 30.0), (-59.0, 45.0)),) * 2,
            "Standing on the left leg,\nseen from behind",
            _labels(
                landmarks__label_heading__strong=PhoneLabel(
                    "Strong:\npelvis level", (3.0, 40.0), "center"
                ),
                landmarks__label_heading__weak=PhoneLabel(
                    "Weak:\npelvis drops", (3.0, 40.0), "center"
                ),
            ),
        ),
    }
)


def lay_out_for_a_phone(name: str, figure: Figure) -> Figure:
    """Figure `name`, drawn whole as `figure`, laid out again for a phone (PHONE_LAYOUTS[name]):
    resized, cropped, its title and labels rewritten; nothing but words removed."""
    layout = PHONE_LAYOUTS[name]
    axes = figure.axes
    if len(axes) != len(layout.limits):
        raise ValueError(f"{name}: {len(axes)} Axes, {len(layout.limits)} limits")
    panel_in = PHONE_WIDTH_IN / len(axes)
    drawing_in = max(panel_in * (ys[1] - ys[0]) / (xs[1] - xs[0]) for xs, ys in layout.limits)
    height_in = drawing_in + _TITLE_IN
    figure.set_size_inches(PHONE_WIDTH_IN, height_in)
    for k, (ax, (xlim, ylim)) in enumerate(zip(axes, layout.limits, strict=True)):
        ax.set_position((k / len(axes), 0.0, 1 / len(axes), drawing_in / height_in))
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        for text in list(ax.texts):
            _relabel(text, layout.labels)
        if ax.title.get_text():
            ax.set_title("")
    for text in list(figure.texts):
        text.remove()
    title = figure.text(
        0.5,
        1 - _TITLE_IN / 2 / height_in,
        layout.title,
        ha="center",
        va="center",
        fontsize=PHONE_TITLE_PT,
        linespacing=1.2,
    )
    title.set_gid("title.main")
    return figure


def _relabel(text: Text, labels: Mapping[str, PhoneLabel]) -> None:
    label = labels.get(text.get_gid() or "")
    if label is None:
        text.remove()
        return
    text.set_text(label.text)
    text.set_position(label.xytext)
    text.set_horizontalalignment(label.ha)
    text.set_verticalalignment(label.va)
    text.set_fontsize(max(PHONE_LABEL_PT, text.get_fontsize()))
    text.set_linespacing(1.15)
    if isinstance(text, Annotation) and text.arrowprops is not None:
        if label.xy is not None:
            text.xy = label.xy
        # Labels stand above or below the drawing: the leader leaves from the middle of the
        # edge that faces what it names (Matplotlib keeps this as the annotation's relpos).
        text._arrow_relpos = (0.5, 0.0 if label.xytext[1] > text.xy[1] else 1.0)
