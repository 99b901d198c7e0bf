"""How the routine's frames draw into one Axes: a scene seen from behind, mirrored for a
left-sided routine, with text placed (never mirrored). lowback.drawing.frames draws the body
with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyArrowPatch, PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from lowback.drawing.helpers import FRAME_COLOURS as COLOURS
from lowback.drawing.helpers import smooth_path

Point = tuple[float, float]

LABEL_PT = 16.0
NOTE_PT = 13.5


class Scene:
    """Draws into one Axes, mirrored for the left side; text is placed, never mirrored."""

    def __init__(self, ax: Axes, side: str) -> None:
        self.ax = ax
        self.sign = 1.0 if side == "right" else -1.0
        self.mirror = Affine2D().scale(self.sign, 1.0)

    def xy(self, point: Point) -> Point:
        return (self.sign * point[0], point[1])

    def patch(self, path: Path, gid: str, **style) -> PathPatch:
        patch = PathPatch(path.transformed(self.mirror), gid=gid, **style)
        self.ax.add_patch(patch)
        return patch

    def body_part(self, path: Path, gid: str, fill: str, zorder: float, **style) -> PathPatch:
        style.setdefault("linewidth", 1.6)
        return self.patch(
            path, gid, facecolor=fill, edgecolor=COLOURS["outline"], zorder=zorder, **style
        )

    def clothes(
        self,
        base: PathPatch,
        rect: tuple[float, float, float, float],
        gid: str,
        colour: str,
        transform: Affine2D | None = None,
    ) -> None:
        """Colour the part of `base` inside `rect` (x0, y0, width, height in the limb's own
        frame, carried by `transform`), so clothes follow the outline exactly."""
        x0, y0, width, height = rect
        box = Path(
            [(x0, y0), (x0 + width, y0), (x0 + width, y0 + height), (x0, y0 + height), (x0, y0)],
            closed=True,
        )
        if transform is not None:
            box = box.transformed(transform)
        cloth = self.patch(
            box, gid, facecolor=colour, edgecolor="none", zorder=base.get_zorder() + 0.01
        )
        cloth.set_clip_path(base)
        # The outline again on top, so the clothes do not cover the body's edge.
        self.patch(
            base.get_path().transformed(self.mirror.inverted()),
            gid + "-edge",
            facecolor="none",
            edgecolor=COLOURS["outline"],
            linewidth=1.6,
            zorder=base.get_zorder() + 0.02,
        )

    def line(self, points: Sequence[Point], gid: str, smooth: bool = True, **style) -> None:
        path = smooth_path(points, closed=False) if smooth else Path(points)
        style.setdefault("facecolor", "none")
        self.patch(path, gid, **style)

    def dot(self, centre: Point, radius: float, gid: str, **style) -> None:
        self.ax.add_patch(Circle(self.xy(centre), radius, gid=gid, **style))

    def text(
        self,
        at: Point,
        words: str,
        gid: str,
        *,
        align: str = "left",
        size: float = LABEL_PT,
        **style,
    ) -> None:
        # "left"/"right" are meant for the right-side scene; mirrored, they swap.
        if self.sign < 0 and align in ("left", "right"):
            align = "right" if align == "left" else "left"
        style.setdefault("color", COLOURS["text"])
        self.ax.text(
            *self.xy(at), words, ha=align, va="center", fontsize=size, gid=gid, zorder=20, **style
        )

    def label(
        self,
        at: Point,
        words: str,
        target: Point,
        gid: str,
        *,
        align: str = "left",
        size: float = LABEL_PT,
        weight: str = "normal",
    ) -> None:
        """Words at `at` with a thin leader line to `target`."""
        self.ax.annotate(
            words,
            xy=self.xy(target),
            xytext=self.xy(at),
            ha=self._align(align),
            va="center",
            fontsize=size,
            fontweight=weight,
            color=COLOURS["text"],
            gid=gid,
            zorder=20,
            arrowprops={
                "arrowstyle": "-",
                "color": "#333333",
                "linewidth": 1.0,
                "shrinkA": 3,
                "shrinkB": 0,
            },
        )

    def _align(self, align: str) -> str:
        if self.sign < 0 and align in ("left", "right"):
            return "right" if align == "left" else "left"
        return align

    def arrow(self, start: Point, end: Point, bend: float, gid: str) -> None:
        # Mirroring flips which way an arc bends, so the bend flips too.
        self.ax.add_patch(
            FancyArrowPatch(
                self.xy(start),
                self.xy(end),
                connectionstyle=f"arc3,rad={bend * self.sign}",
                arrowstyle="-|>,head_length=9,head_width=5",
                color=COLOURS["arrow"],
                linewidth=2.6,
                gid=gid,
                zorder=18,
            )
        )
