"""The routine's frames (lowback.drawing.catalogue names them), drawn with Matplotlib.

The reader is drawn lying on their side, seen from behind, sore side up, bottom knee bent for
balance, thumb on the sore spot beside the bony bump (PSIS) in every frame. Seen from behind,
the spot, the bump and the thumb are in plain view; the cost is that "back" points towards the
viewer, "forward" away from it, and "in front of the bottom leg" is hidden behind it, so the
drawings say these in words and show the hidden part dashed. A bent knee points away from the
viewer too, so the bent bottom leg is drawn foreshortened.

Two frames lower the leg: "lower", the series' way, straight down onto the bottom leg, in line
with the body; and "lower_tip", the tip's, the knee to the floor in front of the bottom leg,
which crosses it (lowback.routine.LOWERINGS says why the series does not do that by default).

Coordinates are centimetres: y = 0 on the floor, y up; x along the body, the head towards
-x when the right side is sore. A left-sided routine is the same scene mirrored (the text is
placed, not mirrored: lowback.drawing.frame_scene). Drawing uses the object-oriented Matplotlib
API only (no pyplot state).

Pages show the frames pre-drawn (lowback/pictures, written by ``make figures``), so only that
command and the tests import this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from lowback.drawing.catalogue import check_frame
from lowback.drawing.frame_scene import NOTE_PT, Point, Scene
from lowback.drawing.helpers import FRAME_COLOURS as COLOURS
from lowback.drawing.helpers import reproducible_png, smooth_path

__all__ = ["DPI", "FIGSIZE_IN", "draw_frame", "render_frame_png"]

FIGSIZE_IN = (10.0, 4.5)
DPI = 100
# The part of the scene every frame shows, in centimetres: body, lifted leg and labels.
_XLIM = (-112.0, 150.0)
_YLIM = (-21.0, 97.0)


# --------------------------------------------------------------------------------------------
# The body, piece by piece (right side sore: head to the left, right side on top)
# --------------------------------------------------------------------------------------------

_TOP_HIP: Point = (0.0, 25.5)  # joint centre of the top (sore-side) hip
_BOTTOM_HIP: Point = (0.0, 9.5)
_THUMB_SPOT: Point = (-8.6, 24.6)  # just outside the PSIS: towards the side, a little lower
_PSIS: Point = (-11.0, 20.6)
_SPINE_Y = 17.3

_TORSO: tuple[Point, ...] = (
    (-66.5, 24.5),  # neck, upper side
    (-60.0, 33.0),
    (-51.0, 37.5),  # shoulder
    (-41.0, 36.5),
    (-29.0, 32.0),  # waist
    (-17.0, 34.5),  # over the iliac crest
    (-5.0, 37.0),
    (4.0, 36.0),  # the top buttock
    (10.0, 31.0),
    (11.5, 24.5),
    (9.5, 18.0),  # where the buttocks meet
    (11.5, 11.0),
    (8.5, 3.5),
    (0.0, 0.4),  # bottom hip on the floor
    (-13.0, 2.0),
    (-29.0, 5.5),  # bottom waist, off the floor
    (-45.0, 1.8),
    (-55.5, 0.6),  # bottom shoulder on the floor
    (-63.0, 4.5),
    (-67.0, 11.0),
)

# A straight leg in its own frame: hip joint at the origin, pointing along +x.
_THIGH_UPPER: tuple[Point, ...] = (
    (-4.0, 10.5),
    (8.0, 10.0),
    (22.0, 8.0),
    (36.0, 5.9),
    (44.0, 5.4),
)
_SHANK_UPPER: tuple[Point, ...] = ((52.0, 6.1), (62.0, 5.3), (74.0, 3.7), (83.0, 3.1))
_SHANK_LOWER: tuple[Point, ...] = ((83.0, -3.1), (74.0, -3.7), (62.0, -5.3), (52.0, -6.1))
_THIGH_LOWER: tuple[Point, ...] = (
    (44.0, -5.2),
    (36.0, -5.7),
    (22.0, -7.8),
    (8.0, -9.5),
    (-4.0, -10.5),
)
_HIP_CAP: tuple[Point, ...] = ((-10.5, -6.0), (-12.5, 0.0), (-10.5, 6.0))
# Seen from behind with the foot pointing away, only the heel shows.
_HEEL: tuple[Point, ...] = ((88.0, 3.7), (91.5, 1.3), (91.5, -1.4), (88.0, -3.7))
# Toes turned down to the floor: the foot swings into view, pointing at the floor (-y).
_FOOT_TOES_DOWN: tuple[Point, ...] = (
    (88.5, 3.9),
    (92.0, 1.0),
    (92.5, -4.0),
    (91.5, -10.5),
    (89.0, -15.0),  # toes
    (85.5, -14.5),
    (84.0, -9.0),
    (82.5, -4.5),
)

_KNEE_X = 44.0
# Where the lowered top leg rests on the bottom leg, near the knees (right-side scene).
_ONTO_BOTTOM_LEG: Point = (34.0, 11.0)


def _leg_knots(foot: tuple[Point, ...]) -> tuple[Point, ...]:
    return _THIGH_UPPER + _SHANK_UPPER + foot + _SHANK_LOWER + _THIGH_LOWER + _HIP_CAP


def _thigh_knots() -> tuple[Point, ...]:
    # The thigh alone ends in a rounded knee; the shank is drawn separately when the knee bends.
    knee_cap = ((49.0, 4.6), (51.0, 0.0), (49.0, -4.6))
    return _THIGH_UPPER + knee_cap + _THIGH_LOWER + _HIP_CAP


def _shank_knots() -> tuple[Point, ...]:
    # The shank in the knee's frame: knee at the origin.
    upper = ((-4.0, 5.2), *((x - _KNEE_X, y) for x, y in _SHANK_UPPER))
    lower = (*((x - _KNEE_X, y) for x, y in _SHANK_LOWER), (-4.0, -5.2), (-6.0, 0.0))
    heel = tuple((x - _KNEE_X, y) for x, y in _HEEL)
    return upper + heel + lower


def _placed(knots: Sequence[Point], at: Point, angle_deg: float, stretch: float = 1.0) -> Path:
    """A smooth closed outline from local `knots`, shortened along x by `stretch` (a limb
    pointing away from the viewer looks shorter), turned by `angle_deg` and moved to `at`."""
    path = smooth_path(knots)
    move = Affine2D().scale(stretch, 1.0).rotate_deg(angle_deg).translate(*at)
    return path.transformed(move)


def _point_on(at: Point, angle_deg: float, along: float) -> Point:
    a = np.radians(angle_deg)
    return (at[0] + along * np.cos(a), at[1] + along * np.sin(a))


@dataclass(frozen=True)
class _Pose:
    """Where a leg is: straight at an angle, or bent with the knee somewhere. A stretch below
    1 shortens a part that points away from (or towards) the viewer."""

    thigh_deg: float
    toes_down: bool = False
    thigh_stretch: float = 1.0
    shank_deg: float | None = None  # None: the leg is straight
    shank_stretch: float = 1.0
    behind_bottom_leg: bool = False


# The bottom leg, bent at hip and knee for balance: from behind both the thigh (forward, away
# from the viewer) and the shin (back, towards the viewer) look shorter than they are.
_BOTTOM_LEG = _Pose(-8.0, thigh_stretch=0.72, shank_deg=1.5, shank_stretch=0.74)
_START_DEG = -12.5  # straight, in line with the body, the foot down on the mat
_LIFTED_DEG = 25.0
# The series' lowering: the straight leg comes back down the way it went up, in line with the
# body, and rests on the bottom leg as at the start. The tip's: the thigh swings down and
# forward (away from the viewer, so it looks shorter) and the knee comes to the floor in front
# of the bottom leg, which hides it from behind.
_POSES: Mapping[str, _Pose] = MappingProxyType(
    {
        "start": _Pose(_START_DEG),
        "lift": _Pose(_LIFTED_DEG, toes_down=True),
        "hold": _Pose(_LIFTED_DEG, toes_down=True),
        "lower": _Pose(_START_DEG),
        "lower_tip": _Pose(-38.8, thigh_stretch=0.8, shank_deg=4.0, behind_bottom_leg=True),
    }
)


def _draw_mat_pillow_head(scene: Scene) -> None:
    mat = FancyBboxPatch(
        (-104.0, -3.5),
        228.0,
        3.5,
        boxstyle="round,pad=0,rounding_size=1.5",
        facecolor=COLOURS["mat"],
        edgecolor="#9A9A9A",
        linewidth=1.0,
        gid="scene/mat",
        zorder=0,
    )
    mat.set_transform(scene.mirror + scene.ax.transData)
    scene.ax.add_patch(mat)
    pillow = (
        (-100.0, 1.0),
        (-82.0, 0.2),
        (-62.0, 1.0),
        (-60.0, 5.0),
        (-62.0, 9.5),
        (-82.0, 10.0),
        (-100.0, 9.5),
        (-102.0, 5.0),
    )
    scene.body_part(smooth_path(pillow), "scene/pillow", COLOURS["pillow"], 1, linewidth=1.2)
    head = smooth_path(
        (
            (-89.5, 17.5),
            (-86.5, 24.0),
            (-78.0, 27.0),
            (-69.5, 24.5),
            (-66.5, 17.5),
            (-69.5, 11.0),
            (-78.0, 8.8),
            (-86.5, 11.0),
        )
    )
    scene.body_part(head, "body/head", COLOURS["hair"], 6)


def _draw_torso(scene: Scene) -> None:
    torso = scene.body_part(smooth_path(_TORSO), "body/torso", COLOURS["shirt"], 5)
    # Shorts from the waist down, clipped to the torso so they follow its outline.
    scene.clothes(torso, (-24.0, -5.0, 45.0, 50.0), "body/shorts", COLOURS["shorts"])
    scene.line(
        ((-24.5, 33.5), (-23.5, 18.0), (-25.0, 4.5)),
        "body/waistband",
        edgecolor=COLOURS["outline"],
        linewidth=1.2,
        zorder=5.1,
    )
    # The groove of the spine and the cleft between the buttocks: "seen from behind" cues.
    scene.line(
        ((-64.0, _SPINE_Y + 0.6), (-45.0, _SPINE_Y), (-26.0, _SPINE_Y - 0.3)),
        "body/spine",
        edgecolor="#8C8C8C",
        linewidth=1.3,
        zorder=5.05,
    )
    scene.line(
        ((-3.0, _SPINE_Y), (4.0, _SPINE_Y + 0.2), (9.5, 18.0)),
        "body/cleft",
        edgecolor="#2E2E2E",
        linewidth=1.3,
        zorder=5.05,
    )


def _leg_parts(hip: Point, pose: _Pose) -> list[tuple[Path, Affine2D | None]]:
    """A leg's outlines, each with the move that carries the thigh's own frame (for the
    shorts) or None: the whole leg if it is straight, else the shin and then the thigh."""
    thigh_move = Affine2D().scale(pose.thigh_stretch, 1.0).rotate_deg(pose.thigh_deg)
    thigh_move = thigh_move.translate(*hip)
    if pose.shank_deg is None:
        foot = _FOOT_TOES_DOWN if pose.toes_down else _HEEL
        return [(_placed(_leg_knots(foot), hip, pose.thigh_deg, pose.thigh_stretch), thigh_move)]
    knee = _point_on(hip, pose.thigh_deg, _KNEE_X * pose.thigh_stretch)
    shank = _placed(_shank_knots(), knee, pose.shank_deg, pose.shank_stretch)
    thigh = _placed(_thigh_knots(), hip, pose.thigh_deg, pose.thigh_stretch)
    return [(shank, None), (thigh, thigh_move)]


def bottom_knee() -> Point:
    """Where the bottom leg's knee is drawn (right-side scene)."""
    return _point_on(_BOTTOM_HIP, _BOTTOM_LEG.thigh_deg, _KNEE_X * _BOTTOM_LEG.thigh_stretch)


def _draw_bottom_leg(scene: Scene) -> Path:
    """The bottom leg, knee bent; returns its outline (thigh and shin) in scene coordinates."""
    (shin, _), (thigh, move) = _leg_parts(_BOTTOM_HIP, _BOTTOM_LEG)
    patch = scene.body_part(thigh, "body/bottom-leg", COLOURS["skin"], 3)
    scene.clothes(
        patch, (-20.0, -20.0, 36.0, 40.0), "body/bottom-leg-shorts", COLOURS["shorts"], move
    )
    # The shin comes back towards the viewer, so it is drawn over the thigh at the knee.
    scene.body_part(shin, "body/bottom-shin", COLOURS["skin"], 3.05)
    return Path.make_compound_path(thigh, shin)


def _draw_top_leg(
    scene: Scene,
    pose: _Pose,
    *,
    ghost: bool = False,
    zorder: float = 4,
    only_over: Path | None = None,
) -> None:
    """The top leg in `pose`. A ghost is see-through with a dashed edge: where the leg was,
    or, clipped to `only_over` (scene coordinates), the part of it hidden behind that."""
    for number, (path, move) in enumerate(_leg_parts(_TOP_HIP, pose)):
        gid = f"body/top-leg-{'ghost-' if ghost else ''}{number}"
        if ghost:
            patch = scene.patch(
                path,
                gid,
                facecolor=COLOURS["skin"],
                alpha=0.6,
                edgecolor=COLOURS["hidden"],
                linewidth=1.4,
                linestyle=(0, (4, 3)),
                zorder=zorder,
            )
            if only_over is not None:
                patch.set_clip_path(only_over.transformed(scene.mirror), scene.ax.transData)
            continue
        patch = scene.body_part(path, gid, COLOURS["skin"], zorder + number * 0.1)
        if move is not None:
            scene.clothes(
                patch, (-20.0, -20.0, 36.0, 40.0), gid + "-shorts", COLOURS["shorts"], move
            )


def _draw_arm_and_thumb(scene: Scene) -> None:
    """The top arm reaches back; the hand rests on the hip, thumb on the sore spot."""
    upper_arm = smooth_path(
        (
            (-57.0, 31.0),
            (-50.0, 39.0),
            (-39.0, 45.5),
            (-30.5, 50.5),
            (-25.5, 47.5),
            (-28.0, 42.5),
            (-37.0, 37.5),
            (-48.0, 31.0),
        )
    )
    arm = scene.body_part(upper_arm, "body/upper-arm", COLOURS["skin"], 8)
    scene.clothes(arm, (-60.0, 25.0, 18.0, 30.0), "body/sleeve", COLOURS["shirt"])
    forearm = smooth_path(
        (
            (-31.0, 47.5),
            (-26.5, 51.5),
            (-21.5, 47.5),
            (-14.5, 40.0),
            (-18.5, 35.5),
            (-24.5, 41.5),
            (-29.5, 44.0),
        )
    )
    scene.body_part(forearm, "body/forearm", COLOURS["skin"], 8.1)
    # Back of the hand on the hip; the fingers wrap over the side, round to the front.
    hand = smooth_path(
        (
            (-19.0, 36.5),
            (-16.5, 40.8),
            (-10.0, 42.0),
            (-4.2, 40.0),
            (-3.2, 36.0),
            (-7.5, 33.2),
            (-13.5, 32.3),
        )
    )
    scene.body_part(hand, "body/hand", COLOURS["skin"], 8.2)
    for number, (x0, y0, x1, y1) in enumerate(((-9.5, 41.7, -7.0, 38.6), (-6.6, 41.2, -5.0, 37.8))):
        scene.line(
            ((x0, y0), (x1, y1)),
            f"body/finger-{number}",
            smooth=False,
            edgecolor=COLOURS["outline"],
            linewidth=1.0,
            zorder=8.25,
        )
    thumb = smooth_path(
        (
            (-16.0, 35.0),
            (-11.8, 31.5),
            (-8.4, 28.0),
            (-7.4, 25.2),
            (-9.0, 23.2),
            (-11.0, 24.6),
            (-14.0, 28.8),
            (-17.5, 32.8),
        )
    )
    scene.body_part(thumb, "body/thumb", COLOURS["skin"], 8.3)
    scene.dot(
        _THUMB_SPOT,
        2.9,
        "landmark/thumb-spot",
        facecolor="none",
        edgecolor=COLOURS["thumb_spot"],
        linewidth=3.4,
        zorder=9,
    )
    scene.dot(
        _PSIS,
        1.4,
        "landmark/psis",
        facecolor=COLOURS["psis"],
        edgecolor="white",
        linewidth=0.8,
        zorder=9,
    )


def _draw_gluteus_medius(scene: Scene) -> None:
    muscle = smooth_path(
        (
            (-17.0, 31.0),
            (-10.0, 35.0),
            (-1.0, 36.4),
            (6.0, 34.6),
            (5.0, 30.8),
            (-3.0, 29.6),
            (-11.0, 29.2),
        )
    )
    scene.patch(
        muscle,
        "muscle/gluteus-medius",
        facecolor=COLOURS["gluteus_medius"],
        edgecolor="#8A3A00",
        alpha=0.9,
        linewidth=1.0,
        zorder=5.5,
    )


def _draw_common_labels(scene: Scene) -> None:
    scene.label(
        (-66.0, 77.0),
        "Thumb on the sore spot",
        _THUMB_SPOT,
        "label/thumb-spot",
        align="center",
        weight="bold",
    )
    scene.label((-30.0, -13.5), "Bony bump (PSIS)", _PSIS, "label/psis", align="right")
    scene.text(
        (-108.0, 91.0),
        "Seen from behind, sore side on top",
        "label/view",
        size=NOTE_PT,
        style="italic",
        color="#333333",
    )


def _draw_toes_label(scene: Scene) -> None:
    scene.label((148.0, 88.0), "Toes turned down", (87.0, 52.0), "label/toes", align="right")


def draw_frame(name: str, side: str = "right", ax: Axes | None = None) -> Figure:
    """Draw frame `name` (one of FRAMES) for a routine on `side`; returns the Figure."""
    check_frame(name, side)
    if ax is None:
        fig = Figure(figsize=FIGSIZE_IN, dpi=DPI)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    else:
        fig = ax.get_figure()
    ax.set_xlim(*(_XLIM if side == "right" else (-_XLIM[1], -_XLIM[0])))
    ax.set_ylim(*_YLIM)
    ax.set_aspect("equal")
    ax.set_axis_off()
    scene = Scene(ax, side)
    pose = _POSES[name]

    _draw_mat_pillow_head(scene)
    bottom_leg = _draw_bottom_leg(scene)
    _draw_torso(scene)
    if pose.behind_bottom_leg:
        # Behind the bottom leg, which hides the knee: that part is shown see-through.
        _draw_top_leg(scene, pose, zorder=2)
        _draw_top_leg(scene, pose, ghost=True, zorder=4.5, only_over=bottom_leg)
    else:
        _draw_top_leg(scene, pose, zorder=4)
    _draw_arm_and_thumb(scene)
    _draw_common_labels(scene)

    if name == "start":
        scene.label(
            (40.0, -13.0),
            "Bottom knee bent for balance",
            bottom_knee(),
            "label/bottom-knee",
            align="left",
        )
        scene.text(
            (40.0, 50.0),
            "Top leg straight; roll slightly forward\n(away from you, in this view)",
            "label/start",
            align="center",
        )
    elif name == "lift":
        _draw_top_leg(scene, _POSES["start"], ghost=True, zorder=2.5)
        scene.arrow((101.0, 15.0), (94.0, 56.0), 0.28, "arrow/lift")
        scene.text(
            (36.0, 86.0),
            "Lift up and back, as high as\nyour trunk stays still",
            "label/lift",
            align="center",
            weight="bold",
        )
        scene.text(
            (36.0, 71.0),
            "(back is towards you, in this view)",
            "label/lift-back",
            align="center",
            size=NOTE_PT,
        )
        _draw_toes_label(scene)
    elif name == "hold":
        _draw_gluteus_medius(scene)
        scene.text(
            (116.0, 30.0),
            "Hold it up,\nsqueeze and\nkeep breathing",
            "label/hold",
            align="center",
            weight="bold",
        )
        _draw_toes_label(scene)
        scene.label(
            (30.0, 84.0),
            "Side hip muscle\n(gluteus medius) working",
            (-1.0, 34.0),
            "label/gluteus-medius",
            align="center",
        )
    elif name == "lower":
        _draw_top_leg(scene, _POSES["lift"], ghost=True, zorder=2.5)
        # Back down the way it went up: the lift's arrow, reversed.
        scene.arrow((94.0, 56.0), (101.0, 15.0), -0.28, "arrow/lower")
        scene.text((104.0, 84.0), "Lower slowly", "label/lower", align="center", weight="bold")
        scene.label(
            (12.0, -12.5),
            "Straight down onto the bottom leg\n(or onto a pillow between the knees)",
            _ONTO_BOTTOM_LEG,
            "label/onto-bottom-leg",
        )
    elif name == "lower_tip":
        _draw_top_leg(scene, _POSES["lift"], ghost=True, zorder=2.5)
        scene.arrow((96.0, 60.0), (40.0, 10.0), -0.32, "arrow/lower")
        scene.text((104.0, 84.0), "Lower slowly", "label/lower", align="center", weight="bold")
        scene.label(
            (12.0, -12.5),
            "Knee to the floor a few inches in front\nof the bottom leg (hidden from this side)",
            (24.0, 4.5),
            "label/knee",
        )
    return fig


def render_frame_png(name: str, side: str = "right") -> bytes:
    """Frame `name` for `side` drawn now, as PNG bytes: the same bytes on every run."""
    return reproducible_png(lambda: draw_frame(name, side), DPI)
