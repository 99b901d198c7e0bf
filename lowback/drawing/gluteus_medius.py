"""Gluteus medius drawn from behind and from the side, with its fibre groups and what each
does, gluteus maximus see-through over its back third.

The lateral view's geometry lives here, as only this figure uses it: the right hip seen from the
right side, x = 0 at the hip joint centre, the front of the body towards +x.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from lowback.drawing.catalogue import FIGURE_LAYERS
from lowback.drawing.helpers import (
    COLOURS,
    LABEL_PT,
    TITLE_PT,
    TROCHANTER_SHADE,
    Fan,
    Point,
    compound,
    darken,
    draw_bone,
    draw_dot,
    draw_fan,
    draw_label,
    draw_line,
    draw_patch,
    draw_text,
    draw_title,
    new_axes,
    points_along,
    resolve_layers,
    smooth_path,
)
from lowback.drawing.landmarks import (
    GLUTEUS_MAXIMUS,
    GLUTEUS_MEDIUS,
    LANDMARKS,
    THUMB_SPOT_CENTRE_LEFT,
    thumb_spot_knots,
)
from lowback.drawing.pelvis import draw_orientation, draw_posterior_bones, draw_thumb_spots

# --------------------------------------------------------------------------------------------
# Lateral view geometry: the right hip seen from the right, front towards +x
# --------------------------------------------------------------------------------------------

#: Named points, lateral view of the right hip, centimetres; x = 0 at the hip joint centre.
LATERAL_LANDMARKS: Mapping[str, Point] = MappingProxyType(
    {
        "asis": (5.0, 7.2),
        "psis": (-10.5, 9.6),
        "iliac_crest_top": (-4.0, 17.0),
        "iliac_tubercle": (3.4, 13.0),
        "hip_joint": (0.0, 0.0),
        "greater_trochanter": (-0.9, -2.4),
        "ischial_tuberosity": (-6.2, -7.0),
        "coccyx_tip": (-8.3, -0.3),
    }
)

_LATERAL_HIP_BONE: tuple[Point, ...] = (
    (5.0, 7.2),  # 0 ASIS
    (4.3, 11.0),
    (2.4, 14.5),
    (-0.8, 16.6),
    (-4.0, 17.0),  # crest top
    (-7.0, 16.0),
    (-9.3, 13.4),
    (-10.5, 9.6),  # 7 PSIS
    (-10.6, 8.3),
    (-10.0, 7.0),  # 9 PIIS
    (-7.9, 5.6),
    (-6.5, 3.8),
    (-6.1, 1.5),  # deepest point of the greater sciatic notch
    (-6.8, -0.9),
    (-8.0, -2.4),  # 14 ischial spine
    (-6.7, -3.5),  # lesser sciatic notch
    (-7.2, -5.0),
    (-6.9, -6.5),  # 17 ischial tuberosity, back
    (-5.3, -7.4),
    (-2.5, -7.2),
    (0.8, -6.8),
    (4.0, -6.1),
    (6.3, -4.7),  # 22 pubic symphysis, lower end
    (7.0, -2.7),
    (6.7, -1.6),  # 24 pubic tubercle
    (5.0, -0.6),
    (3.5, 0.3),  # iliopubic eminence
    (3.2, 1.7),
    (4.2, 3.6),  # 28 AIIS
    (3.9, 5.4),
)
_LATERAL_HIP_BONE_CORNERS = (0, 7, 9, 14, 22, 24, 28)
_LATERAL_OBTURATOR: tuple[Point, ...] = (
    (-1.3, -3.6),
    (0.4, -3.1),
    (2.8, -3.2),
    (4.5, -4.0),
    (3.6, -5.1),
    (1.0, -5.7),
    (-1.0, -5.2),
)
_LATERAL_SACRUM: tuple[Point, ...] = (
    (-6.5, 14.5),
    (-8.5, 14.2),
    (-10.0, 11.0),
    (-10.7, 7.5),
    (-10.6, 4.0),
    (-9.9, 1.6),
    (-8.4, -0.3),  # 6 coccyx tip
    (-7.9, 1.2),
    (-8.0, 4.0),
    (-7.6, 7.5),
    (-6.6, 10.8),
    (-5.0, 13.2),  # 11 sacral promontory
)
_LATERAL_FEMUR_HEAD_NECK: tuple[Point, ...] = (
    (0.0, 2.4),
    (1.7, 1.7),
    (2.4, 0.0),
    (1.9, -1.6),
    (1.2, -3.0),
    (-1.9, -3.0),
    (-2.3, -0.9),
    (-1.7, 1.7),
)
_LATERAL_FEMUR_SHAFT: tuple[Point, ...] = (
    (-2.9, 0.4),  # 0 tip of greater trochanter
    (-1.3, 0.7),
    (0.7, -0.1),
    (1.6, -1.5),
    (1.3, -3.8),
    (0.8, -5.6),
    (0.7, -9.0),
    (0.9, -14.0),
    (1.0, -20.0),  # 8
    (-2.0, -20.0),  # 9
    (-2.3, -14.0),
    (-2.6, -9.0),
    (-2.9, -5.8),
    (-3.4, -3.6),
    (-3.5, -1.2),
)
_LATERAL_GREATER_TROCHANTER: tuple[Point, ...] = (
    (-2.9, 0.4),
    (-1.3, 0.7),
    (0.7, -0.1),
    (1.6, -1.5),
    (1.3, -3.8),
    (0.6, -5.4),
    (-1.2, -5.1),
    (-3.1, -4.6),
    (-3.4, -3.6),
    (-3.5, -1.2),
)
_POSTERIOR_GLUTEAL_LINE: tuple[Point, ...] = ((-9.4, 7.6), (-9.0, 9.8), (-8.7, 12.2), (-8.3, 14.8))
_ANTERIOR_GLUTEAL_LINE: tuple[Point, ...] = (
    (3.4, 13.0),
    (0.9, 11.9),
    (-2.6, 9.9),
    (-5.6, 7.5),
    (-7.7, 5.4),
)
_MEDIUS_ORIGIN_LATERAL: tuple[Point, ...] = (
    *_POSTERIOR_GLUTEAL_LINE[:-1],
    (-8.35, 14.6),  # 3 where the posterior gluteal line meets the crest
    (-6.9, 15.7),
    (-4.0, 16.7),
    (-0.8, 16.3),
    (2.1, 14.3),
    (3.2, 12.9),  # 8 where the anterior gluteal line leaves the crest
    *_ANTERIOR_GLUTEAL_LINE[1:],  # 9..12, ending at the sciatic notch (12)
)

_LATERAL_SKELETON_OUTLINES: dict[str, Path] = {
    "hip_bone": compound(
        smooth_path(_LATERAL_HIP_BONE, corners=_LATERAL_HIP_BONE_CORNERS),
        smooth_path(_LATERAL_OBTURATOR[::-1]),
    ),
    "iliac_crest": smooth_path(_LATERAL_HIP_BONE[:8], closed=False),
    "acetabulum": Path.arc(-50.0, 230.0).transformed(Affine2D().scale(2.85)),
    "sacrum": smooth_path(_LATERAL_SACRUM, corners=(6, 11)),
    "femur_head_neck": smooth_path(_LATERAL_FEMUR_HEAD_NECK),
    "femur_shaft": smooth_path(_LATERAL_FEMUR_SHAFT, corners=(0, 8, 9)),
    "greater_trochanter": smooth_path(_LATERAL_GREATER_TROCHANTER),
    "anterior_gluteal_line": smooth_path(_ANTERIOR_GLUTEAL_LINE, closed=False),
    "posterior_gluteal_line": smooth_path(_POSTERIOR_GLUTEAL_LINE, closed=False),
    "gluteus_medius_origin": smooth_path(_MEDIUS_ORIGIN_LATERAL, corners=(0, 3, 8, 12)),
    # Seen from the side the spot beside the PSIS is foreshortened to about half its width.
    "thumb_spot": smooth_path(
        tuple((-9.0 + 0.55 * (x + 6.1), y) for x, y in thumb_spot_knots((-6.1, 10.1)))
    ),
}

#: Right gluteus medius seen from the side: t = 0 the back border, t = 1 the front border.
LATERAL_GLUTEUS_MEDIUS = Fan(
    "gluteus_medius",
    origin=(
        (-9.4, 7.6),
        (-9.0, 9.8),
        (-8.7, 12.2),
        (-8.3, 14.6),
        (-6.8, 15.6),
        (-4.0, 16.6),
        (-0.8, 16.2),
        (2.2, 14.2),
        (3.4, 12.6),
    ),
    belly=((-5.8, 4.4), (-3.2, 7.6), (0.0, 8.0), (3.1, 5.2)),
    insertion=((-2.6, -0.1), (-0.8, -0.9), (0.9, -2.3)),
)

#: Right gluteus maximus seen from the side, over the back third of gluteus medius.
LATERAL_GLUTEUS_MAXIMUS = Fan(
    "gluteus_maximus",
    origin=(
        (-8.3, 14.6),
        (-9.6, 12.6),
        (-10.9, 9.8),
        (-11.6, 6.5),
        (-11.5, 3.2),
        (-10.4, 0.6),
        (-9.0, -0.6),
    ),
    belly=((-3.4, 6.4), (-4.8, 2.0), (-6.0, -2.5), (-6.4, -6.4)),
    insertion=((2.0, -2.5), (1.9, -6.0), (-1.0, -9.0), (-2.4, -11.5)),
)

#: Outlines, lateral view of the right hip: bones, gluteal lines, the gluteus medius origin
#: region, the thumb-sized spot and the two muscles.
LATERAL_OUTLINES: Mapping[str, Path] = MappingProxyType(
    {
        **_LATERAL_SKELETON_OUTLINES,
        "gluteus_medius": LATERAL_GLUTEUS_MEDIUS.outline,
        "gluteus_maximus": LATERAL_GLUTEUS_MAXIMUS.outline,
    }
)


_FIBRE_GROUPS: tuple[tuple[str, float, float, float], ...] = (
    ("posterior", 0.0, 1 / 3, 1.0),
    ("middle", 1 / 3, 2 / 3, 0.7),
    ("anterior", 2 / 3, 1.0, 0.42),
)
_FIBRE_TEXT = {
    "anterior": "Front (anterior) fibres:\nabduct, bend the hip (flex),\nturn the thigh in",
    "middle": "Middle fibres: abduct\n(lift the leg out to the side)",
    "posterior": "Back (posterior) fibres:\nabduct, extend the hip,\nturn the thigh out",
}


def fan_point(fan: Fan, t: float, along: float) -> Point:
    """A point on fibre ``t``, ``along`` (0..1) of the way from origin to insertion."""
    x, y = points_along(fan.fibre(t), [along])[0]
    return (float(x), float(y))


def draw_gluteus_medius(
    view: str = "posterior", ax: Axes | None = None, layers: Iterable[str] | None = None
) -> Figure:
    """Gluteus medius from its origin on the outer ilium, between the gluteal lines and below
    the crest, to the greater trochanter; front, middle and back fibres told apart and labelled
    with what they do; gluteus maximus drawn see-through over its back third."""
    if view == "posterior":
        return _draw_gluteus_medius_posterior(ax, layers)
    if view == "lateral":
        return _draw_gluteus_medius_lateral(ax, layers)
    raise ValueError(f"view must be 'posterior' or 'lateral', not {view!r}")


def _draw_gluteus_medius_posterior(ax: Axes | None, layers: Iterable[str] | None) -> Figure:
    layers = resolve_layers(layers, FIGURE_LAYERS["gluteus_medius_posterior"])
    fig, ax = new_axes(ax, (11.0, 7.4), (-40.0, 40.0), (-22.0, 25.0))
    L, R = -19.0, 19.0
    left_medius, right_medius = GLUTEUS_MEDIUS, GLUTEUS_MEDIUS.mirrored()
    right_maximus = GLUTEUS_MAXIMUS.mirrored()
    colour = COLOURS["gluteus_medius"]

    if "bones" in layers:
        draw_posterior_bones(ax)

    if "gluteus_medius" in layers:
        draw_fan(ax, left_medius, colour, "gluteus_medius.left", alpha=1.0, groups=_FIBRE_GROUPS)
        draw_fan(ax, right_medius, colour, "gluteus_medius.right", alpha=1.0, groups=_FIBRE_GROUPS)
        for name, t, along, y in (
            ("middle", 0.5, 0.22, 21.0),
            ("anterior", 0.88, 0.45, 12.0),
            ("posterior", 0.1, 0.72, 3.0),
        ):
            draw_label(
                ax,
                _FIBRE_TEXT[name],
                fan_point(left_medius, t, along),
                (L, y),
                f"gluteus_medius.label_{name}",
                ha="right",
            )
        draw_label(
            ax,
            "Gluteus medius",
            fan_point(right_medius, 0.8, 0.18),
            (R, 20.5),
            "gluteus_medius.label_name",
            weight="bold",
            size=TITLE_PT - 1,
        )
        draw_text(
            ax,
            (-29.0, -11.5),
            "All fibres abduct:\nthey lift the leg\nout to the side.",
            "gluteus_medius.label_all_abduct",
            fontsize=LABEL_PT,
            fontstyle="italic",
        )

    if "gluteus_maximus" in layers:
        draw_fan(
            ax,
            right_maximus,
            COLOURS["gluteus_maximus"],
            "gluteus_maximus.right",
            alpha=0.18,
            fibres=12,
            fibre_alpha=0.4,
            zorder=7,
        )
        draw_label(
            ax,
            "Gluteus maximus, drawn\nsee-through on this side:\nit covers the back third\n"
            "of gluteus medius",
            fan_point(right_maximus, 0.55, 0.5),
            (R, 0.0),
            "gluteus_maximus.label",
        )

    if "landmarks" in layers:
        for side in ("left", "right"):
            draw_dot(ax, LANDMARKS[f"psis_{side}"], f"landmarks.psis_{side}", COLOURS["psis"], 12)
            draw_dot(
                ax,
                LANDMARKS[f"greater_trochanter_{side}"],
                f"landmarks.greater_trochanter_{side}",
                COLOURS["trochanter"],
                10,
            )
        draw_label(ax, "PSIS", LANDMARKS["psis_right"], (R, 9.0), "landmarks.label_psis")
        draw_label(
            ax,
            "Greater trochanter:\nwhere it attaches",
            LANDMARKS["greater_trochanter_left"],
            (L, -4.5),
            "landmarks.label_trochanter",
            ha="right",
        )

    if "thumb_spot" in layers:
        draw_thumb_spots(ax, ("right",))
        cx, cy = -THUMB_SPOT_CENTRE_LEFT[0], THUMB_SPOT_CENTRE_LEFT[1]
        draw_label(ax, "Thumb-sized spot", (cx + 0.8, cy + 0.4), (R, 13.2), "thumb_spot.label")

    draw_orientation(ax, (-39.0, -20.5), (39.0, -20.5))
    draw_title(ax, "Gluteus medius seen from behind")
    return fig


def _draw_gluteus_medius_lateral(ax: Axes | None, layers: Iterable[str] | None) -> Figure:
    layers = resolve_layers(layers, FIGURE_LAYERS["gluteus_medius_lateral"])
    fig, ax = new_axes(ax, (11.0, 7.6), (-40.0, 38.0), (-22.0, 24.0))
    L, R = -15.0, 11.0
    outlines = LATERAL_OUTLINES
    medius, maximus = LATERAL_GLUTEUS_MEDIUS, LATERAL_GLUTEUS_MAXIMUS
    colour = COLOURS["gluteus_medius"]

    if "bones" in layers:
        draw_bone(ax, outlines["sacrum"], "bones.sacrum", zorder=1.0)
        draw_bone(ax, outlines["hip_bone"], "bones.hip_bone", zorder=1.2)
        draw_bone(ax, outlines["femur_head_neck"], "bones.femur_head_neck", zorder=1.4)
        draw_line(
            ax, outlines["acetabulum"], "bones.acetabulum", COLOURS["bone_edge"], zorder=1.5, lw=1.3
        )
        draw_bone(ax, outlines["femur_shaft"], "bones.femur_shaft", zorder=1.6)
        draw_bone(
            ax,
            outlines["greater_trochanter"],
            "bones.greater_trochanter",
            zorder=1.7,
            facecolor=TROCHANTER_SHADE,
            edgecolor="none",
        )
        for name, text, xy, xytext, ha in (
            ("anterior_gluteal_line", "Anterior gluteal line", (2.0, 11.9), (R, 15.5), "left"),
            ("posterior_gluteal_line", "Posterior gluteal line", (-8.85, 11.5), (L, 16.0), "right"),
        ):
            draw_line(
                ax,
                outlines[name],
                f"bones.{name}",
                COLOURS["gluteal_lines"],
                zorder=6.5,
                lw=1.8,
                linestyle=(0, (4, 2)),
            )
            draw_label(ax, text, xy, xytext, f"bones.label_{name}", ha=ha)
        draw_label(ax, "Thigh bone (femur)", (0.8, -15.0), (R, -15.0), "bones.label_femur")
        draw_label(
            ax, "Sacrum and coccyx", (-10.4, 2.0), (L, -1.5), "bones.label_sacrum", ha="right"
        )

    if "gluteus_medius" in layers:
        draw_fan(ax, medius, colour, "gluteus_medius.right", alpha=1.0, groups=_FIBRE_GROUPS)
        draw_label(
            ax,
            "Origin: outer hip bone between\nthe gluteal lines, below the crest",
            (-6.5, 14.2),
            (L, 21.5),
            "gluteus_medius.label_origin",
            ha="right",
        )
        draw_label(
            ax,
            _FIBRE_TEXT["posterior"],
            fan_point(medius, 0.12, 0.4),
            (L, 4.6),
            "gluteus_medius.label_posterior",
            ha="right",
        )
        draw_label(
            ax,
            _FIBRE_TEXT["middle"],
            fan_point(medius, 0.5, 0.12),
            (-3.0, 21.5),
            "gluteus_medius.label_middle",
            ha="center",
            va="center",
        )
        draw_label(
            ax,
            _FIBRE_TEXT["anterior"],
            fan_point(medius, 0.88, 0.62),
            (R, 3.5),
            "gluteus_medius.label_anterior",
        )
        draw_label(
            ax,
            "Gluteus medius",
            fan_point(medius, 0.75, 0.2),
            (R, 20.5),
            "gluteus_medius.label_name",
            weight="bold",
            size=TITLE_PT - 1,
        )

    if "gluteus_maximus" in layers:
        draw_fan(
            ax,
            maximus,
            COLOURS["gluteus_maximus"],
            "gluteus_maximus.right",
            alpha=0.18,
            fibres=12,
            fibre_alpha=0.4,
            zorder=7,
        )
        draw_label(
            ax,
            "Gluteus maximus, drawn\nsee-through: it covers\nthe back third",
            fan_point(maximus, 0.6, 0.55),
            (L, -9.0),
            "gluteus_maximus.label",
            ha="right",
        )

    if "landmarks" in layers:
        for name, colour_key, text, xytext, ha in (
            ("psis", "psis", "PSIS", (L, 11.0), "right"),
            ("asis", "iliac_crest", "ASIS: front end\nof the iliac crest", (R, 10.0), "left"),
            (
                "greater_trochanter",
                "trochanter",
                "Greater trochanter:\nwhere it attaches",
                (R, -6.0),
                "left",
            ),
        ):
            draw_dot(
                ax,
                LATERAL_LANDMARKS[name],
                f"landmarks.{name}",
                COLOURS[colour_key],
                12 if name == "psis" else 10,
            )
            draw_label(ax, text, LATERAL_LANDMARKS[name], xytext, f"landmarks.label_{name}", ha=ha)

    if "thumb_spot" in layers:
        draw_patch(
            ax,
            outlines["thumb_spot"],
            "thumb_spot.right",
            facecolor=COLOURS["thumb_spot"],
            alpha=0.55,
            edgecolor=darken(COLOURS["thumb_spot"]),
            lw=2.0,
            zorder=9,
        )
        draw_label(ax, "Thumb-sized spot", (-9.6, 9.5), (L, 8.6), "thumb_spot.label", ha="right")

    draw_text(
        ax,
        (-39.0, -20.5),
        "< BACK",
        "orientation.back",
        ha="left",
        fontweight="bold",
        color="#555555",
    )
    draw_text(
        ax,
        (37.0, -20.5),
        "FRONT >",
        "orientation.front",
        ha="right",
        fontweight="bold",
        color="#555555",
    )
    draw_title(ax, "Gluteus medius seen from the side (right hip)")
    return fig
