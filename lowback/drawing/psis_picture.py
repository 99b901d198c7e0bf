"""The pictures of the "find the PSIS" question: the back seen from behind with nothing marked,
and the same picture with both PSIS shown, and where the landmarks fall in them.

Both pictures share one frame (QUESTION_WINDOW_CM, the whole figure, no title, no margin), so
a point the reader marks on the question means the same place on the answer. The landmarks'
positions in that frame are measured through the drawing's own transform (never typed in) and
written into the question picture itself, as a PNG text chunk (QUESTION_DATA_KEY): the picture
and its coordinates are one file, made together by `make figures`, and the test that every
pre-drawn picture is what drawing it now gives also catches stale coordinates.
lowback.drawing.question_pictures reads them back without Matplotlib.
"""

from __future__ import annotations

import io
import json

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from lowback.drawing.catalogue import QUESTION_LANDMARKS, QUESTION_PICTURES
from lowback.drawing.helpers import (
    COLOURS,
    LABEL_PT,
    PNG_METADATA,
    NotebookFigure,
    Point,
    draw_dimension,
    draw_dot,
    draw_label,
    draw_line,
    draw_skin,
    draw_text,
    reproducible,
    root_figure,
    setup_axes,
)
from lowback.drawing.landmarks import (
    BODY_CUT_SEGMENTS,
    LANDMARKS,
    OUTLINES,
    THUMB_SPOT_CENTRE_LEFT,
)
from lowback.drawing.pelvis import draw_posterior_bones
from lowback.drawing.question_pictures import QUESTION_DATA_KEY

__all__ = [
    "QUESTION_DPI",
    "QUESTION_WINDOW_CM",
    "draw_psis_question",
    "question_data",
    "render_question_png",
]

#: What the pictures show, in the drawing's centimetres: (left, right, bottom, top). From just
#: above the iliac crests to the tops of the thighs, the whole width of the hips.
QUESTION_WINDOW_CM: tuple[float, float, float, float] = (-21.0, 21.0, -13.0, 25.0)
# 16 pixels per centimetre: 672 x 608 pixels, sharp on a phone at its full width.
_INCHES_PER_CM = 0.1
QUESTION_DPI = 160

_PSIS_LABEL_PT = 13.0


def _question_points() -> dict[str, Point]:
    thumb_x, thumb_y = THUMB_SPOT_CENTRE_LEFT
    points = {
        name: LANDMARKS[name] for name in QUESTION_LANDMARKS if not name.startswith("thumb_spot")
    }
    points["thumb_spot_left"] = (thumb_x, thumb_y)
    points["thumb_spot_right"] = (-thumb_x, thumb_y)
    return {name: points[name] for name in QUESTION_LANDMARKS}


def draw_psis_question(ax: Axes | None = None, *, answer: bool = False) -> Figure:
    """The back from behind, bones faint under the skin, nothing marked; with `answer`, both
    PSIS marked on the S2 level line, 4 cm either side of the midline."""
    left, right, bottom, top = QUESTION_WINDOW_CM
    if ax is None:
        size = ((right - left) * _INCHES_PER_CM, (top - bottom) * _INCHES_PER_CM)
        fig = NotebookFigure(figsize=size, facecolor="white")
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    setup_axes(ax, (left, right), (bottom, top))
    fig = root_figure(ax)

    draw_skin(ax, OUTLINES["body"], "body.outline", BODY_CUT_SEGMENTS, zorder=0.5, lw=1.6)
    for name in ("gluteal_fold_left", "gluteal_fold_right", "natal_cleft", "spinal_furrow"):
        draw_line(ax, OUTLINES[name], f"body.{name}", COLOURS["skin_edge"], zorder=0.6, lw=1.2)
    draw_posterior_bones(ax, alpha=0.45)
    style = {"fontsize": LABEL_PT - 1, "color": "#444444", "fontweight": "bold", "va": "top"}
    draw_text(ax, (left + 0.6, top - 0.6), "Body's\nleft", "orientation.left", ha="left", **style)
    draw_text(
        ax, (right - 0.6, top - 0.6), "Body's\nright", "orientation.right", ha="right", **style
    )
    if answer:
        _draw_answer(ax)
    return fig


def _draw_answer(ax: Axes) -> None:
    psis_x, psis_y = LANDMARKS["psis_right"]
    ax.plot(
        [0, 0],
        [-8.5, 23.0],
        color=COLOURS["midline"],
        lw=1.3,
        linestyle=(0, (8, 3, 2, 3)),
        zorder=7,
        gid="landmarks.midline",
    )
    ax.plot(
        [-15.5, 15.5],
        [psis_y, psis_y],
        color=COLOURS["midline"],
        lw=1.2,
        linestyle=(0, (1, 2.5)),
        zorder=7,
        gid="landmarks.s2_level",
    )
    for side in ("left", "right"):
        draw_dot(ax, LANDMARKS[f"psis_{side}"], f"landmarks.psis_{side}", COLOURS["psis"], 13)
    for side, sign in (("left", -1), ("right", 1)):
        draw_label(
            ax,
            "PSIS",
            LANDMARKS[f"psis_{side}"],
            (sign * 10.5, 12.4),
            f"landmarks.label_psis_{side}",
            ha="center",
            size=_PSIS_LABEL_PT,
            weight="bold",
        )
    draw_dimension(ax, (0.0, psis_y - 2.2), (psis_x, psis_y - 2.2), "landmarks.four_cm")
    draw_text(
        ax,
        (psis_x / 2, psis_y - 3.0),
        "4 cm",
        "landmarks.four_cm_text",
        fontsize=LABEL_PT - 1,
        va="top",
        fontweight="bold",
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
    )
    draw_text(
        ax,
        (0.0, 23.4),
        "Midline",
        "landmarks.label_midline",
        fontsize=LABEL_PT - 1,
        va="bottom",
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
    )
    draw_label(
        ax,
        "Level of S2:\nthe skin dimples",
        (-15.5, psis_y),
        (-19.8, 4.0),
        "landmarks.label_s2",
        ha="left",
        size=LABEL_PT - 1,
    )


def question_data(fig: Figure) -> dict:
    """Where QUESTION_LANDMARKS fall in a drawn question picture, as fractions of its width
    (from the left) and height (from the top), and the size it shows, in centimetres."""
    FigureCanvasAgg(fig)
    fig.canvas.draw()  # settles the axes' aspect, so the transform is the one drawn
    (ax,) = fig.axes
    width_px, height_px = fig.bbox.width, fig.bbox.height

    def fraction(point: Point) -> list[float]:
        x_px, y_px = ax.transData.transform(point)
        return [round(x_px / width_px, 5), round(1.0 - y_px / height_px, 5)]

    (x0, y0), (x1, y1) = ax.transData.inverted().transform([(0, 0), (width_px, height_px)])
    return {
        "width_cm": round(float(x1 - x0), 4),
        "height_cm": round(float(y1 - y0), 4),
        "points": {name: fraction(point) for name, point in _question_points().items()},
    }


def render_question_png(name: str, dpi: int = QUESTION_DPI) -> bytes:
    """One of QUESTION_PICTURES as PNG bytes; the question carries its landmarks' data.

    Both are sent whole to every visitor of the anatomy page, so they travel as 256-colour
    PNGs, under half the size of the full-colour drawing; the PSIS blue comes through within
    a few levels (a test checks), and the same drawing always gives the same bytes."""
    if name not in QUESTION_PICTURES:
        raise ValueError(f"{name!r} is not a question picture; choose from {QUESTION_PICTURES}")
    with reproducible():
        fig = draw_psis_question(answer=name == "psis_answer")
        data = question_data(fig) if name == "psis_question" else None
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata=dict(PNG_METADATA))
    drawn = Image.open(buffer).convert("RGB")
    palette = drawn.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    text = PngInfo()
    if data is not None:
        text.add_text(QUESTION_DATA_KEY, json.dumps(data, sort_keys=True))
    small = io.BytesIO()
    palette.save(small, format="png", optimize=True, pnginfo=text)
    return small.getvalue()
