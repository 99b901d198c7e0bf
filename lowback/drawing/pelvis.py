"""The pelvis seen from behind: the bones, the landmarks a reader can feel (PSIS, iliac crest,
greater trochanter), the SI joint and the thumb-sized spot beside the PSIS.

The bone and landmark helpers here are shared by the other posterior-view figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from lowback.drawing.catalogue import FIGURE_LAYERS
from lowback.drawing.helpers import (
    COLOURS,
    LABEL_PT,
    SMALL_PT,
    TROCHANTER_SHADE,
    Point,
    darken,
    draw_bone,
    draw_dimension,
    draw_dot,
    draw_label,
    draw_line,
    draw_patch,
    draw_text,
    draw_title,
    new_axes,
    resolve_layers,
    smooth_path,
)
from lowback.drawing.landmarks import (
    HEAD_RADIUS,
    LANDMARKS,
    OUTLINES,
    SACRAL_CREST,
    SACRAL_FORAMINA_RIGHT,
    THUMB_SPOT_CENTRE_LEFT,
)


def draw_posterior_bones(ax: Axes, transform: Affine2D | None = None, alpha: float = 1.0):
    """Spine, sacrum, hip bones and femurs, seen from behind, back to front."""

    def p(name: str) -> Path:
        path = OUTLINES[name]
        return path if transform is None else transform.transform_path(path)

    kw = {"alpha": alpha}
    for name in ("vertebra_l4", "vertebra_l5", "sacrum", "coccyx"):
        draw_bone(ax, p(name), f"bones.{name}", zorder=1.0, **kw)
    for side in ("left", "right"):
        draw_bone(ax, p(f"pubis_{side}"), f"bones.pubis_{side}", zorder=1.2, **kw)
        draw_bone(ax, p(f"femur_{side}"), f"bones.femur_{side}", zorder=1.4, **kw)
        draw_bone(
            ax,
            p(f"greater_trochanter_{side}"),
            f"bones.greater_trochanter_{side}",
            zorder=1.45,
            facecolor=TROCHANTER_SHADE,
            edgecolor="none",
            **kw,
        )
        draw_line(
            ax,
            p(f"intertrochanteric_crest_{side}"),
            f"bones.intertrochanteric_crest_{side}",
            COLOURS["bone_edge"],
            zorder=1.5,
            lw=0.9,
            alpha=alpha,
        )
        draw_bone(ax, p(f"ilium_{side}"), f"bones.ilium_{side}", zorder=1.6, **kw)
    for k, (x, y) in enumerate(SACRAL_FORAMINA_RIGHT):
        for side, sx in (("left", -1), ("right", 1)):
            circle = Path.circle((sx * x, y), 0.42 - 0.05 * k)
            if transform is not None:
                circle = transform.transform_path(circle)
            draw_bone(
                ax,
                circle,
                f"bones.sacral_foramen_s{k + 1}_{side}",
                zorder=1.05,
                facecolor="white",
                lw=0.9,
                **kw,
            )
    crest = smooth_path(SACRAL_CREST, closed=False)
    if transform is not None:
        crest = transform.transform_path(crest)
    draw_line(
        ax, crest, "bones.median_sacral_crest", COLOURS["bone_edge"], zorder=1.05, lw=0.9, **kw
    )


def draw_orientation(ax: Axes, left_xy: Point, right_xy: Point, gid: str = "orientation") -> None:
    style = {"fontsize": LABEL_PT, "color": "#555555", "fontweight": "bold"}
    draw_text(ax, left_xy, "Body's LEFT", f"{gid}.left", ha="left", **style)
    draw_text(ax, right_xy, "Body's RIGHT", f"{gid}.right", ha="right", **style)


def _dimension(ax: Axes, a: Point, b: Point, text: str, gid: str, offset: Point = (0, 0.5)):
    """A dimension line with arrows at both ends and its measure written above it."""
    draw_dimension(ax, a, b, gid)
    mid = ((a[0] + b[0]) / 2 + offset[0], (a[1] + b[1]) / 2 + offset[1])
    draw_text(ax, mid, text, f"{gid}_text", fontsize=SMALL_PT, va="bottom", fontweight="bold")


def draw_si_joint(ax: Axes, side: str) -> None:
    """The sacroiliac joint line, dashed in its own colour, under the PSIS."""
    draw_line(
        ax,
        OUTLINES[f"si_joint_{side}"],
        f"landmarks.si_joint_{side}",
        COLOURS["si_joint"],
        zorder=7,
        lw=3.0,
        linestyle=(0, (3, 1.5)),
    )


def _draw_posterior_landmarks(ax: Axes, *, hip_joints: bool = True, trochanters: bool = True):
    for side in ("left", "right"):
        draw_si_joint(ax, side)
        draw_dot(ax, LANDMARKS[f"psis_{side}"], f"landmarks.psis_{side}", COLOURS["psis"], 12)
        draw_dot(
            ax,
            LANDMARKS[f"iliac_crest_top_{side}"],
            f"landmarks.iliac_crest_top_{side}",
            COLOURS["iliac_crest"],
            9,
            marker="^",
        )
        if hip_joints:
            x, y = LANDMARKS[f"hip_joint_{side}"]
            draw_patch(
                ax,
                Path.circle((x, y), HEAD_RADIUS),
                f"landmarks.hip_joint_{side}",
                facecolor="none",
                edgecolor=COLOURS["hip_joint"],
                lw=1.1,
                linestyle=(0, (2, 2)),
                zorder=7,
            )
            draw_dot(
                ax,
                (x, y),
                f"landmarks.hip_joint_centre_{side}",
                COLOURS["hip_joint"],
                9,
                marker="+",
                edgewidth=1.6,
                edgecolor=COLOURS["hip_joint"],
            )
        if trochanters:
            draw_dot(
                ax,
                LANDMARKS[f"greater_trochanter_{side}"],
                f"landmarks.greater_trochanter_{side}",
                COLOURS["trochanter"],
                10,
            )
    draw_dot(ax, LANDMARKS["s2_spinous"], "landmarks.s2_spinous", COLOURS["midline"], 6, marker="s")
    draw_dot(ax, LANDMARKS["coccyx_tip"], "landmarks.coccyx_tip", COLOURS["midline"], 5)


def draw_thumb_spots(ax: Axes, sides: Sequence[str] = ("left", "right"), zorder: float = 9):
    for side in sides:
        draw_patch(
            ax,
            OUTLINES[f"thumb_spot_{side}"],
            f"thumb_spot.{side}",
            facecolor=COLOURS["thumb_spot"],
            alpha=0.55,
            edgecolor=darken(COLOURS["thumb_spot"]),
            lw=2.0,
            zorder=zorder,
        )


def draw_posterior_pelvis(ax: Axes | None = None, layers: Iterable[str] | None = None) -> Figure:
    """The pelvis seen from behind: both PSIS, the thumb-sized spot beside the right one, the
    S2 level of the skin dimples and the 2-3 finger widths from the midline to the PSIS."""
    layers = resolve_layers(layers, FIGURE_LAYERS["posterior_pelvis"])
    fig, ax = new_axes(ax, (11.0, 7.6), (-35.0, 35.0), (-22.0, 25.0))
    L, R = -18.0, 18.0  # label columns

    if "bones" in layers:
        draw_posterior_bones(ax)
        draw_label(
            ax, "Lumbar spine (L4, L5)", (-2.6, 20.3), (L, 22.0), "bones.label_spine", ha="right"
        )
        draw_label(
            ax, "Hip bone (ilium)", (-12.6, 14.6), (L, 18.6), "bones.label_ilium", ha="right"
        )
        draw_label(ax, "Sacrum", (-2.0, 6.4), (L, 6.4), "bones.label_sacrum", ha="right")
        draw_label(ax, "Tailbone (coccyx)", (-0.8, 1.3), (L, 3.4), "bones.label_coccyx", ha="right")
        draw_label(
            ax, "Thigh bone (femur)", (-11.8, -13.0), (L, -13.0), "bones.label_femur", ha="right"
        )

    if "landmarks" in layers:
        ax.plot(
            [0, 0],
            [-9.0, 23.0],
            color=COLOURS["midline"],
            lw=1.2,
            linestyle=(0, (8, 3, 2, 3)),
            zorder=7,
            gid="landmarks.midline",
        )
        draw_text(ax, (0.0, 23.9), "Midline", "landmarks.label_midline", fontsize=LABEL_PT)
        ax.plot(
            [-16.5, 16.5],
            [9.5, 9.5],
            color=COLOURS["midline"],
            lw=1.0,
            linestyle=(0, (1, 2.5)),
            zorder=7,
            gid="landmarks.s2_level",
        )
        _draw_posterior_landmarks(ax)
        psis_x = LANDMARKS["psis_left"][0]
        ax.plot(
            [psis_x, psis_x],
            [9.9, 13.0],
            color="black",
            lw=0.8,
            zorder=8,
            gid="landmarks.finger_width_extension",
        )
        _dimension(ax, (psis_x, 12.6), (0.0, 12.6), "4 cm", "landmarks.finger_widths")
        draw_label(
            ax,
            "2-3 finger widths\nfrom the midline",
            (-2.0, 12.6),
            (L, 14.6),
            "landmarks.label_finger_widths",
            ha="right",
        )
        draw_label(
            ax,
            "PSIS: the bony bump\nbeside the sacrum",
            LANDMARKS["psis_left"],
            (L, 9.8),
            "landmarks.label_psis",
            ha="right",
            weight="bold",
        )
        draw_label(
            ax,
            "Top of the iliac crest",
            LANDMARKS["iliac_crest_top_right"],
            (R, 21.6),
            "landmarks.label_iliac_crest",
        )
        draw_text(
            ax,
            (R, 9.5),
            "S2 level: skin dimples\nover both PSIS",
            "landmarks.label_s2",
            ha="left",
            fontsize=LABEL_PT,
        )
        draw_label(
            ax,
            "Sacroiliac (SI) joint,\nunder the PSIS",
            (3.35, 6.6),
            (R, 5.2),
            "landmarks.label_si_joint",
        )
        draw_label(
            ax, "Hip joint", LANDMARKS["hip_joint_right"], (R, 1.5), "landmarks.label_hip_joint"
        )
        draw_label(
            ax,
            "Greater trochanter",
            LANDMARKS["greater_trochanter_right"],
            (R, -3.5),
            "landmarks.label_trochanter",
        )

    if "thumb_spot" in layers:
        draw_thumb_spots(ax, ("right",))
        cx = -THUMB_SPOT_CENTRE_LEFT[0]
        draw_label(
            ax,
            "Thumb-sized spot just\noutside the PSIS. Under\nit: gluteus maximus\n"
            "origin, SI ligaments\nand SI joint",
            (cx + 0.7, 10.8),
            (R, 14.9),
            "thumb_spot.label",
            weight="bold",
        )

    draw_orientation(ax, (-34.0, -20.5), (34.0, -20.5))
    draw_title(ax, "The PSIS and the thumb-sized spot beside it, seen from behind")
    return fig
