"""Gluteus medius drawn from behind and from the side, with its fibre groups and what each
does, gluteus maximus see-through over its back third.

The side view's geometry is in lowback.drawing.lateral_view.
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowback.drawing.catalogue import FIGURE_LAYERS
from lowback.drawing.helpers import (
    COLOURS,
    LABEL_PT,
    SMALL_PT,
    TITLE_PT,
    TROCHANTER_SHADE,
    Fan,
    Point,
    darken,
    draw_bone,
    draw_dimension,
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
)
from lowback.drawing.landmarks import (
    GLUTEUS_MAXIMUS,
    GLUTEUS_MEDIUS,
    LANDMARKS,
    OUTLINES,
    POSTERIOR_GLUTEAL_LINE_LEFT,
    THUMB_SPOT_CENTRE_LEFT,
)
from lowback.drawing.lateral_view import (
    LATERAL_GLUTEUS_MAXIMUS,
    LATERAL_GLUTEUS_MEDIUS,
    LATERAL_LANDMARKS,
    LATERAL_OUTLINES,
    POSTERIOR_GLUTEAL_LINE_LATERAL,
)
from lowback.drawing.pelvis import (
    draw_orientation,
    draw_posterior_bones,
    draw_si_joint,
    draw_thumb_spots,
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
        for side in ("left", "right"):
            draw_line(
                ax,
                OUTLINES[f"posterior_gluteal_line_{side}"],
                f"gluteus_medius.posterior_gluteal_line_{side}",
                COLOURS["gluteal_lines"],
                zorder=6.5,
                lw=1.8,
                linestyle=(0, (4, 2)),
            )
        for name, t, along, y in (
            ("middle", 0.5, 0.22, 21.5),
            ("anterior", 0.88, 0.45, 15.0),
            ("posterior", 0.1, 0.72, 1.5),
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
            "Gluteus medius starts at\nthe posterior gluteal line\n(dashed), 5 cm from the PSIS",
            POSTERIOR_GLUTEAL_LINE_LEFT[2],
            (L, 8.2),
            "gluteus_medius.label_start",
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
            (-29.0, -12.5),
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
            (R, -1.5),
            "gluteus_maximus.label",
        )

    if "landmarks" in layers:
        for side in ("left", "right"):
            draw_si_joint(ax, side)
            draw_dot(ax, LANDMARKS[f"psis_{side}"], f"landmarks.psis_{side}", COLOURS["psis"], 12)
            draw_dot(
                ax,
                LANDMARKS[f"greater_trochanter_{side}"],
                f"landmarks.greater_trochanter_{side}",
                COLOURS["trochanter"],
                10,
            )
        psis, line_top = LANDMARKS["psis_left"], POSTERIOR_GLUTEAL_LINE_LEFT[0]
        draw_dimension(ax, psis, line_top, "landmarks.medius_start_distance")
        draw_text(
            ax,
            (-2.9, 13.1),
            "5 cm",
            "landmarks.medius_start_distance_text",
            fontsize=SMALL_PT,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
        draw_label(ax, "PSIS", LANDMARKS["psis_right"], (R, 6.8), "landmarks.label_psis")
        draw_label(
            ax,
            "Greater trochanter:\nwhere it attaches",
            LANDMARKS["greater_trochanter_left"],
            (L, -5.5),
            "landmarks.label_trochanter",
            ha="right",
        )

    if "thumb_spot" in layers:
        draw_thumb_spots(ax, ("right",))
        cx, cy = -THUMB_SPOT_CENTRE_LEFT[0], THUMB_SPOT_CENTRE_LEFT[1]
        draw_label(
            ax,
            "Thumb-sized spot. Under it:\ngluteus maximus origin,\nSI ligaments and SI joint,\n"
            "not gluteus medius",
            (cx + 0.8, cy + 0.4),
            (R, 13.0),
            "thumb_spot.label",
            weight="bold",
        )

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
            (
                "posterior_gluteal_line",
                "Posterior gluteal line: meets the\ncrest 5 cm in front of the PSIS",
                (-6.9, 13.2),
                (L, 16.0),
                "right",
            ),
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
        draw_dimension(
            ax,
            LATERAL_LANDMARKS["psis"],
            POSTERIOR_GLUTEAL_LINE_LATERAL[-1],
            "landmarks.medius_start_distance",
        )
        draw_text(
            ax,
            (-12.6, 12.9),
            "5 cm",
            "landmarks.medius_start_distance_text",
            fontsize=SMALL_PT,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )

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
        draw_label(ax, "Thumb-sized spot", (-9.05, 9.1), (L, 7.9), "thumb_spot.label", ha="right")

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
