"""Where trigger points in gluteus medius send pain (Travell & Simons 1992, ch. 8), drawn on
the body seen from behind."""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lowback.drawing.catalogue import FIGURE_LAYERS
from lowback.drawing.helpers import (
    COLOURS,
    darken,
    draw_dot,
    draw_label,
    draw_line,
    draw_patch,
    draw_skin,
    draw_title,
    new_axes,
    resolve_layers,
    tint,
)
from lowback.drawing.landmarks import (
    BODY_CUT_SEGMENTS,
    GLUTEUS_MEDIUS,
    LANDMARKS,
    OUTLINES,
    THUMB_SPOT_CENTRE_LEFT,
    TRIGGER_POINTS_RIGHT,
)
from lowback.drawing.pelvis import draw_orientation, draw_posterior_bones, draw_thumb_spots


def draw_referred_pain(ax: Axes | None = None, layers: Iterable[str] | None = None) -> Figure:
    """The body from behind, waist to mid-thigh, with the zones where gluteus medius trigger
    points refer pain (right side), beside the thumb-sized spot the quiz asks about."""
    layers = resolve_layers(layers, FIGURE_LAYERS["referred_pain"])
    fig, ax = new_axes(ax, (11.0, 7.6), (-42.0, 42.0), (-26.0, 29.0))
    L, R = -22.0, 22.0
    pain = COLOURS["referred_pain"]

    draw_skin(ax, OUTLINES["body"], "body.outline", BODY_CUT_SEGMENTS, zorder=0.5, lw=1.6)
    for name in ("gluteal_fold_left", "gluteal_fold_right", "natal_cleft", "spinal_furrow"):
        draw_line(ax, OUTLINES[name], f"body.{name}", COLOURS["skin_edge"], zorder=0.6, lw=1.2)

    if "bones" in layers:
        draw_posterior_bones(ax, alpha=0.35)

    draw_patch(
        ax,
        OUTLINES["referred_pain_buttock_right"],
        "referred_pain.buttock",
        facecolor=tint(pain, 0.25),
        edgecolor=darken(pain, 0.8),
        lw=1.4,
        hatch="..",
        linestyle=(0, (4, 2)),
        zorder=3,
    )
    draw_patch(
        ax,
        OUTLINES["referred_pain_main_right"],
        "referred_pain.main",
        facecolor=tint(pain, 0.7),
        edgecolor=darken(pain, 0.75),
        lw=1.8,
        hatch="///",
        zorder=3.2,
    )
    draw_label(
        ax,
        "Main zone: low back, along\nthe back of the iliac crest",
        (12.0, 18.4),
        (R, 22.0),
        "referred_pain.label_crest",
    )
    draw_label(
        ax,
        "Main zone: over\nthe sacrum",
        (0.6, 5.5),
        (L, 4.0),
        "referred_pain.label_sacrum",
        ha="right",
    )
    draw_label(
        ax,
        "Buttock: the pain can\nspread here too",
        (15.6, -6.0),
        (R, -7.0),
        "referred_pain.label_buttock",
    )

    if "gluteus_medius" in layers:
        medius = GLUTEUS_MEDIUS.mirrored()
        draw_patch(
            ax,
            medius.outline,
            "gluteus_medius.right_outline",
            facecolor="none",
            edgecolor=darken(COLOURS["gluteus_medius"]),
            lw=2.0,
            linestyle=(0, (5, 2)),
            zorder=4,
        )
        xs, ys = zip(*TRIGGER_POINTS_RIGHT, strict=True)
        (points,) = ax.plot(
            xs,
            ys,
            linestyle="none",
            marker="X",
            markersize=12,
            markerfacecolor=COLOURS["gluteus_medius"],
            markeredgecolor="white",
            markeredgewidth=1.2,
            zorder=8,
        )
        points.set_gid("gluteus_medius.trigger_points")
        draw_label(
            ax,
            "Gluteus medius (dashed)\nand its trigger points (X)",
            TRIGGER_POINTS_RIGHT[2],
            (R, 14.5),
            "gluteus_medius.label",
        )

    if "landmarks" in layers:
        for side in ("left", "right"):
            x, y = LANDMARKS[f"psis_{side}"]
            draw_dot(ax, (x, y), f"landmarks.psis_{side}", COLOURS["psis"], 11)
        draw_label(
            ax,
            "PSIS (skin dimples)",
            LANDMARKS["psis_left"],
            (L, 11.5),
            "landmarks.label_psis",
            ha="right",
        )
        draw_label(
            ax, "Midline (spine)", (0.0, 22.0), (L, 22.0), "landmarks.label_midline", ha="right"
        )

    if "thumb_spot" in layers:
        draw_thumb_spots(ax, ("right",))
        cx, cy = -THUMB_SPOT_CENTRE_LEFT[0], THUMB_SPOT_CENTRE_LEFT[1]
        draw_label(
            ax,
            "Thumb-sized spot beside\nthe PSIS: in the pain\nzone, but not over\ngluteus medius",
            (cx + 0.9, cy - 0.3),
            (R, 5.5),
            "thumb_spot.label",
            weight="bold",
        )

    draw_orientation(ax, (-41.0, -24.5), (41.0, -24.5))
    draw_title(ax, "Where an irritated gluteus medius can send pain (right side shown)")
    return fig
