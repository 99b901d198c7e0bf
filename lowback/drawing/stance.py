"""Standing on one leg, seen from behind: a level pelvis with a strong gluteus medius, and the
Trendelenburg sign with a weak one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Arc
from matplotlib.transforms import Affine2D

from lowback.drawing.catalogue import FIGURE_LAYERS
from lowback.drawing.gluteus_medius import fan_point
from lowback.drawing.helpers import (
    COLOURS,
    LABEL_PT,
    TITLE_PT,
    NotebookFigure,
    Point,
    darken,
    draw_bone,
    draw_dot,
    draw_fan,
    draw_label,
    draw_skin,
    draw_text,
    resolve_layers,
    root_figure,
    setup_axes,
    smooth_path,
    tint,
)
from lowback.drawing.landmarks import GLUTEUS_MEDIUS, LANDMARKS, OUTLINES

# Legs for the single-leg stance, cut below the knees: the standing (left) leg straight, the
# lifted (right) leg bent at hip and knee, so from behind its thigh looks short and its foot
# hangs behind the knee of the standing leg.
_TRUNK_KNOTS: tuple[Point, ...] = (
    (-14.0, 26.0),  # 0, waist, where the drawing is cut
    (-14.6, 22.0),
    (-16.1, 16.0),
    (-17.8, 9.0),
    (-18.8, 2.0),  # 4, the hip, where the standing leg's outline takes over
    (-10.0, -9.5),
    (0.0, -9.0),
    (10.0, -9.5),
    (18.8, 2.0),  # 8
    (17.8, 9.0),
    (16.1, 16.0),
    (14.6, 22.0),
    (14.0, 26.0),  # 12
)
_TRUNK_CORNERS = (0, 4, 8, 12)
_TRUNK_UNOUTLINED = (4, 5, 6, 7, 12)  # tucked under the legs, or cut off at the waist
_STANDING_LEG_LEFT: tuple[Point, ...] = (
    (-18.0, 7.0),  # 0, along the trunk's side, so the hip stays closed when the pelvis tilts
    (-18.8, 1.0),
    (-18.6, -3.0),
    (-18.3, -6.0),
    (-17.0, -15.0),
    (-15.4, -26.0),
    (-13.6, -37.0),
    (-12.9, -44.0),
    (-13.4, -51.0),
    (-13.3, -58.0),  # 9, cut
    (-3.1, -58.0),  # 10, cut
    (-3.0, -51.0),
    (-3.6, -44.0),
    (-2.6, -37.0),
    (-1.4, -26.0),
    (-0.6, -15.0),
    (-0.2, -8.0),
    (-9.0, -4.0),
)
_LIFTED_LEG_RIGHT: tuple[Point, ...] = (
    (18.8, 2.0),  # 0, under the trunk's side
    (18.6, -3.0),
    (18.0, -8.0),
    (16.2, -16.0),
    (14.2, -24.0),
    (14.6, -31.0),
    (13.2, -39.0),
    (11.4, -45.0),
    (11.9, -49.0),
    (10.2, -51.5),  # 9, heel
    (7.0, -51.5),  # 10, heel
    (5.7, -49.0),
    (6.2, -45.0),
    (4.9, -39.0),
    (4.5, -31.0),
    (5.0, -24.0),
    (3.4, -17.0),
    (1.4, -12.0),
    (0.2, -8.0),
    (9.0, -4.0),
)
_LIFTED_THIGH_FORESHORTENING = 0.55


_STANCE_DROP_DEG = 8.0


def draw_single_leg_stance(
    ax: Sequence[Axes] | None = None, layers: Iterable[str] | None = None
) -> Figure:
    """Standing on the left leg, right leg lifted, seen from behind. Left: a strong left
    gluteus medius holds the pelvis level. Right: a weak one lets the pelvis drop on the side
    of the lifted leg (Trendelenburg sign)."""
    layers = resolve_layers(layers, FIGURE_LAYERS["single_leg_stance"])
    if ax is None:
        fig = NotebookFigure(figsize=(11.0, 8.2), facecolor="white")
        axes = (fig.add_axes((0.0, 0.0, 0.5, 0.93)), fig.add_axes((0.5, 0.0, 0.5, 0.93)))
    else:
        axes = tuple(ax)
        if len(axes) != 2:
            raise ValueError("draw_single_leg_stance needs two Axes, one for each panel")
        fig = root_figure(axes[0])
    for axis, strong in zip(axes, (True, False), strict=True):
        _draw_stance_panel(axis, strong, layers)
        # Both panels draw the same things: suffix the ids so each stays unique in an SVG.
        for artist in axis.findobj():
            if artist.get_gid() and artist is not axis:
                artist.set_gid(f"{artist.get_gid()}.{'strong' if strong else 'weak'}")
    title = fig.text(
        0.5,
        0.965,
        "Standing on the left leg, seen from behind",
        ha="center",
        va="center",
        fontsize=TITLE_PT,
    )
    title.set_gid("title.main")
    return fig


def _draw_stance_panel(ax: Axes, strong: bool, layers: frozenset[str]) -> None:
    setup_axes(ax, (-33.0, 33.0), (-59.0, 41.0))
    hip = LANDMARKS["hip_joint_left"]
    tilt = Affine2D() if strong else Affine2D().rotate_deg_around(*hip, -_STANCE_DROP_DEG)
    standing = smooth_path(_STANDING_LEG_LEFT, corners=(0, 9, 10))
    lifted = tilt.transform_path(smooth_path(_LIFTED_LEG_RIGHT, corners=(0, 9, 10)))
    trunk = tilt.transform_path(smooth_path(_TRUNK_KNOTS, corners=_TRUNK_CORNERS))
    # Cut ends and the tops of the legs (hidden under the trunk) get no outline.
    leg_top = (len(_STANDING_LEG_LEFT) - 2, len(_STANDING_LEG_LEFT) - 1)
    draw_skin(ax, standing, "body.standing_leg", (9, *leg_top), zorder=0.55)
    draw_skin(
        ax,
        lifted,
        "body.lifted_leg",
        (len(_LIFTED_LEG_RIGHT) - 2, len(_LIFTED_LEG_RIGHT) - 1),
        zorder=0.5,
    )
    draw_skin(ax, trunk, "body.trunk", _TRUNK_UNOUTLINED, zorder=0.6)
    draw_text(
        ax, (-15.0, -52.0), "standing\nleg", "body.label_standing", ha="right", fontsize=LABEL_PT
    )
    foot = tilt.transform((12.5, -47.0))
    draw_text(
        ax, (foot[0], foot[1]), "lifted\nleg", "body.label_lifted", ha="left", fontsize=LABEL_PT
    )

    if "bones" in layers:
        _draw_posterior_bones_for_stance(ax, tilt)

    if "gluteus_medius" in layers:
        medius = GLUTEUS_MEDIUS.moved(tilt)
        if strong:
            draw_fan(
                ax, medius, COLOURS["gluteus_medius"], "gluteus_medius.left", alpha=1.0, fibres=9
            )
            text = "strong\ngluteus\nmedius"
        else:
            draw_fan(
                ax,
                medius,
                tint(COLOURS["gluteus_medius"], 0.3),
                "gluteus_medius.left",
                alpha=1.0,
                fibres=5,
                fibre_alpha=0.3,
                outline_colour=darken(COLOURS["gluteus_medius"]),
            )
            text = "weak\ngluteus\nmedius"
        draw_label(
            ax,
            text,
            fan_point(medius, 0.75, 0.3),
            (-22.0, 5.0),
            "gluteus_medius.label",
            ha="right",
            weight="bold",
        )

    if "landmarks" in layers:
        left = tilt.transform(LANDMARKS["iliac_crest_top_left"])
        right = tilt.transform(LANDMARKS["iliac_crest_top_right"])
        for name, xy in (("left", left), ("right", right)):
            draw_dot(
                ax,
                tuple(xy),
                f"landmarks.iliac_crest_top_{name}",
                COLOURS["iliac_crest"],
                9,
                marker="^",
            )
        direction = (right - left) / np.hypot(*(right - left))
        start, end = left - direction * 6.0, left + direction * 36.0
        ax.plot(
            [start[0], end[0]],
            [start[1], end[1]],
            color=COLOURS["level_line"],
            lw=2.4,
            zorder=9,
            gid="landmarks.crest_line",
        )
        if strong:
            heading = "Strong gluteus medius:\nthe pelvis stays level"
            draw_label(
                ax,
                "crests\nlevel",
                tuple(end),
                (28.0, 27.0),
                "landmarks.label_level_line",
                ha="center",
                size=LABEL_PT,
            )
        else:
            heading = (
                "Weak gluteus medius: the pelvis drops\non the lifted side (Trendelenburg sign)"
            )
            ax.plot(
                [left[0] - 6.0, left[0] + 36.0],
                [left[1], left[1]],
                color=COLOURS["level_line"],
                lw=1.2,
                linestyle=(0, (4, 3)),
                zorder=9,
                gid="landmarks.level_line",
            )
            arc = Arc(
                tuple(left),
                56.0,
                56.0,
                theta1=-_STANCE_DROP_DEG,
                theta2=0.0,
                color="black",
                lw=1.8,
                zorder=9,
            )
            arc.set_gid("landmarks.drop_angle")
            ax.add_patch(arc)
            draw_label(
                ax,
                "level",
                (left[0] + 35.0, left[1]),
                (28.0, 27.0),
                "landmarks.label_level_line",
                ha="center",
                size=LABEL_PT,
            )
            draw_label(
                ax,
                "drop",
                tuple(end),
                (28.0, 6.0),
                "landmarks.label_drop_angle",
                ha="center",
                size=LABEL_PT,
            )
        draw_text(
            ax,
            (0.0, 36.5),
            heading,
            "landmarks.label_heading",
            fontsize=LABEL_PT + 1,
            fontweight="bold",
        )


def _draw_posterior_bones_for_stance(ax: Axes, tilt: Affine2D) -> None:
    for name in ("vertebra_l4", "vertebra_l5", "sacrum", "coccyx"):
        draw_bone(ax, tilt.transform_path(OUTLINES[name]), f"bones.{name}", zorder=1.0, lw=1.0)
    for side in ("left", "right"):
        draw_bone(
            ax,
            tilt.transform_path(OUTLINES[f"pubis_{side}"]),
            f"bones.pubis_{side}",
            zorder=1.2,
            lw=1.0,
        )
    draw_bone(ax, OUTLINES["femur_left"], "bones.femur_left", zorder=1.4, lw=1.0)
    hip_right = LANDMARKS["hip_joint_right"]
    thigh = (
        Affine2D()
        .translate(-hip_right[0], -hip_right[1])
        .scale(1.0, _LIFTED_THIGH_FORESHORTENING)
        .translate(*hip_right)
        + tilt
    )
    draw_bone(
        ax, thigh.transform_path(OUTLINES["femur_right"]), "bones.femur_right", zorder=1.4, lw=1.0
    )
    for side in ("left", "right"):
        draw_bone(
            ax,
            tilt.transform_path(OUTLINES[f"ilium_{side}"]),
            f"bones.ilium_{side}",
            zorder=1.6,
            lw=1.0,
        )
