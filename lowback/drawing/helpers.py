"""What every drawing of the series shares: the palette, text sizes, smooth paths, fan-shaped
muscles, the drawing primitives, and byte-for-byte reproducible PNG output.

Coordinates are centimetres with y pointing up. Drawing uses the object-oriented Matplotlib API
only (no pyplot state). Every artist carries a ``gid`` of the form ``"<group>.<name>"`` (the
group is a layer name where the artist belongs to a layer), so tests and readers can find what
is drawn. Importing this module imports Matplotlib: pages show pre-drawn pictures
(lowback.drawing.pictures) instead.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from lowback.drawing.catalogue import LAYERS

Point = tuple[float, float]

# --------------------------------------------------------------------------------------------
# Colours and text sizes
# --------------------------------------------------------------------------------------------

#: One colour per structure, the same in every figure. Okabe-Ito hues (distinguishable with the
#: common colour-vision deficiencies) for what the series points at; neutrals for bone and skin.
COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "bone": "#EFE8DA",
        "bone_edge": "#5C5446",
        "skin": "#F6F3EE",
        "skin_edge": "#8C8478",
        "midline": "#000000",
        "iliac_crest": "#000000",
        "psis": "#0072B2",  # blue
        "thumb_spot": "#009E73",  # bluish green
        "si_joint": "#56B4E9",  # sky blue
        "hip_joint": "#000000",
        "trochanter": "#F0E442",  # yellow
        "gluteus_medius": "#D55E00",  # vermillion
        "gluteus_maximus": "#CC79A7",  # reddish purple
        "referred_pain": "#E69F00",  # orange
        "gluteal_lines": "#000000",
        "level_line": "#000000",
        "text": "#000000",
        "leader": "#333333",
    }
)

#: Neutral tones for the body and clothes; Okabe-Ito hues for what the reader must find. The
#: thumb spot, the PSIS and gluteus medius have the same colours as in the anatomy figures.
FRAME_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "skin": "#EEDFCC",
        "outline": "#4D4038",
        "hair": "#5A504A",
        "shirt": "#C7D5E0",
        "shorts": "#7D8B97",
        "mat": "#D9D9D9",
        "pillow": "#F2F2F2",
        "thumb_spot": "#009E73",  # bluish green
        "psis": "#0072B2",  # blue
        "gluteus_medius": "#D55E00",  # vermillion
        "arrow": "#000000",
        "text": "#000000",
        "hidden": "#2B221C",
    }
)

THUMB_SPOT_DIAMETER_CM = 2.0
LABEL_PT = 12.0
SMALL_PT = 11.0
TITLE_PT = 15.0

# --------------------------------------------------------------------------------------------
# Smooth paths from knots
# --------------------------------------------------------------------------------------------


def smooth_path(
    knots: Sequence[Point], *, closed: bool = True, corners: Iterable[int] = ()
) -> Path:
    """A smooth cubic Bezier path through ``knots``.

    Tangents at each knot follow its neighbours (Catmull-Rom style) with handles a third of the
    segment long, so uneven knot spacing does not overshoot. Knots listed in ``corners`` get
    one-sided tangents: the path turns sharply there (a bony spine, the tip of a process).
    """
    pts = np.asarray(knots, dtype=float)
    n = len(pts)
    if n < 2:
        raise ValueError("a path needs at least two knots")
    sharp = {i % n for i in corners}

    def neighbour(i: int) -> np.ndarray:
        return pts[i % n] if closed else pts[min(max(i, 0), n - 1)]

    tangents = []
    for i in range(n):
        d = neighbour(i + 1) - neighbour(i - 1)
        norm = float(np.hypot(*d))
        tangents.append(d / norm if norm else np.zeros(2))

    vertices = [pts[0]]
    codes = [Path.MOVETO]
    segments = n if closed else n - 1
    for i in range(segments):
        a, b = pts[i], pts[(i + 1) % n]
        length = float(np.hypot(*(b - a)))
        ia, ib = i, (i + 1) % n
        c1 = a + (b - a) / 3 if ia in sharp else a + tangents[ia] * length / 3
        c2 = b + (a - b) / 3 if ib in sharp else b - tangents[ib] * length / 3
        vertices += [c1, c2, b]
        codes += [Path.CURVE4] * 3
    if closed:
        vertices.append(pts[0])
        codes.append(Path.CLOSEPOLY)
    return Path(np.array(vertices), codes, readonly=True)


def mirror_knots(knots: Sequence[Point]) -> tuple[Point, ...]:
    return tuple((-x, y) for x, y in knots)


def compound(*paths: Path) -> Path:
    return Path.make_compound_path(*paths)


def curve_points(path: Path, per_segment: int = 24) -> np.ndarray:
    """Dense points along a Bezier path, in order (for sampling and geometry tests)."""
    chunks = []
    for segment, _code in path.iter_bezier():
        if segment.degree < 1:
            continue
        chunks.append(segment(np.linspace(0.0, 1.0, per_segment)))
    return np.concatenate(chunks)


def points_along(path: Path, fractions: Sequence[float]) -> np.ndarray:
    """Points at the given fractions (0..1) of the arc length of an open path."""
    pts = curve_points(path)
    steps = np.hypot(*np.diff(pts, axis=0).T)
    s = np.concatenate([[0.0], np.cumsum(steps)])
    s /= s[-1]
    f = np.asarray(fractions, dtype=float)
    return np.column_stack([np.interp(f, s, pts[:, 0]), np.interp(f, s, pts[:, 1])])


def _join_open(paths: Sequence[Path]) -> Path:
    """Join open paths end to start into one closed path (each starts where the last ended)."""
    vertices: list[np.ndarray] = []
    codes: list[int] = []
    for k, p in enumerate(paths):
        v = np.asarray(p.vertices)
        c = list(p.codes)
        if k == 0:
            vertices.extend(v)
            codes.extend(c)
        else:
            vertices.extend(v[1:])
            codes.extend(c[1:])
    vertices.append(vertices[0])
    codes.append(Path.CLOSEPOLY)
    return Path(np.array(vertices), codes, readonly=True)


def _reverse(path: Path) -> Path:
    """The same open Bezier path traversed backwards."""
    v = np.asarray(path.vertices)[::-1]
    codes = [Path.MOVETO] + list(path.codes[1:])[::-1]
    return Path(v, codes, readonly=True)


def _without_segments(path: Path, skip: Iterable[int]) -> Path:
    """The outline of a closed ``smooth_path`` with some knot-to-knot segments left out (where
    a drawing is cut off, or a shape tucks under another)."""
    skip = set(skip)
    v = np.asarray(path.vertices)
    segments = (len(v) - 2) // 3
    vertices: list[np.ndarray] = []
    codes: list[int] = []
    pen_down = False
    for i in range(segments):
        if i in skip:
            pen_down = False
            continue
        if not pen_down:
            vertices.append(v[3 * i])
            codes.append(Path.MOVETO)
            pen_down = True
        vertices.extend(v[3 * i + 1 : 3 * i + 4])
        codes.extend([Path.CURVE4] * 3)
    return Path(np.array(vertices), codes, readonly=True)


# --------------------------------------------------------------------------------------------
# Fan-shaped muscles
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fan:
    """A fan-shaped muscle: fibres run from an origin curve, through a belly curve, to an
    insertion curve. Fibre ``t`` (0..1) starts at fraction ``t`` of the origin curve and ends
    at fraction ``t`` of the insertion curve, so fibre groups are ranges of ``t``.

    ``origin_corners`` lists origin knots where the origin turns sharply (where a ridge of
    bone it starts from meets the crest), so the outline keeps that corner."""

    name: str
    origin: tuple[Point, ...]
    belly: tuple[Point, ...]
    insertion: tuple[Point, ...]
    origin_corners: tuple[int, ...] = ()

    def _curve(self, knots: tuple[Point, ...], corners: Sequence[int] = ()) -> Path:
        return smooth_path(knots, closed=False, corners=corners)

    def _origin_curve(self) -> Path:
        return self._curve(self.origin, self.origin_corners)

    def origin_points(self, fractions: Sequence[float]) -> np.ndarray:
        return points_along(self._origin_curve(), fractions)

    def insertion_points(self, fractions: Sequence[float]) -> np.ndarray:
        return points_along(self._curve(self.insertion), fractions)

    def fibre(self, t: float) -> Path:
        """One fibre as a smooth curve from origin to insertion."""
        o = points_along(self._origin_curve(), [t])[0]
        m = points_along(self._curve(self.belly), [t])[0]
        i = points_along(self._curve(self.insertion), [t])[0]
        return smooth_path([tuple(o), tuple(m), tuple(i)], closed=False)

    def _origin_corner_fractions(self) -> list[float]:
        """Where the origin's corner knots fall, as fractions of its arc length."""
        pts = curve_points(self._origin_curve())
        s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
        nearest = (np.argmin(np.hypot(*(pts - self.origin[k]).T)) for k in self.origin_corners)
        return [float(s[i] / s[-1]) for i in nearest]

    @staticmethod
    def _sub(curve: Path, t0: float, t1: float, corners: Sequence[float] = ()) -> Path:
        """The stretch of ``curve`` from fraction ``t0`` to ``t1`` (either way round), kept
        sharp at the fractions in ``corners``."""
        count = 2 + math.ceil(abs(t1 - t0) * 8)
        inner = [f for f in corners if min(t0, t1) < f < max(t0, t1)]
        fractions = sorted({*np.linspace(t0, t1, count).tolist(), *inner}, reverse=t1 < t0)
        pts = points_along(curve, fractions)
        sharp = [fractions.index(f) for f in inner]
        return smooth_path([tuple(p) for p in pts], closed=False, corners=sharp)

    def sector(self, t0: float = 0.0, t1: float = 1.0) -> Path:
        """The part of the muscle between fibres ``t0`` and ``t1`` as one closed path."""
        return _join_open(
            [
                self._sub(self._origin_curve(), t0, t1, self._origin_corner_fractions()),
                self.fibre(t1),
                self._sub(self._curve(self.insertion), t1, t0),
                _reverse(self.fibre(t0)),
            ]
        )

    @property
    def outline(self) -> Path:
        return self.sector(0.0, 1.0)

    def mirrored(self) -> Fan:
        return Fan(
            self.name,
            mirror_knots(self.origin),
            mirror_knots(self.belly),
            mirror_knots(self.insertion),
            self.origin_corners,
        )

    def moved(self, origin_transform: Affine2D) -> Fan:
        """The fan with its origin carried by a transform and its insertion left fixed: the
        pelvis moves, the femur does not. The belly, between the two, moves half as far."""
        o = tuple(map(tuple, origin_transform.transform(self.origin)))
        half = Affine2D(origin_transform.get_matrix() * 0.5 + np.eye(3) * 0.5)
        b = tuple(map(tuple, half.transform(self.belly)))
        return Fan(self.name, o, b, self.insertion, self.origin_corners)


# --------------------------------------------------------------------------------------------
# Drawing primitives
# --------------------------------------------------------------------------------------------


class NotebookFigure(Figure):
    """A Figure that shows itself as a PNG when it is a notebook cell's value. Figures made
    without pyplot have no inline-backend display hook of their own; this gives them one."""

    def _repr_png_(self) -> bytes:
        if not isinstance(self.canvas, FigureCanvasAgg):
            FigureCanvasAgg(self)
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
        return buffer.getvalue()


def resolve_layers(layers: Iterable[str] | None, default: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(default if layers is None else layers)
    unknown = chosen - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {sorted(unknown)}; choose from {LAYERS}")
    return chosen


def new_axes(
    ax: Axes | None, figsize: tuple[float, float], xlim: Point, ylim: Point
) -> tuple[Figure, Axes]:
    if ax is None:
        fig = NotebookFigure(figsize=figsize, facecolor="white")
        ax = fig.add_axes((0.0, 0.0, 1.0, 0.93))
    setup_axes(ax, xlim, ylim)
    return root_figure(ax), ax


def root_figure(ax: Axes) -> Figure:
    try:
        return ax.get_figure(root=True)
    except TypeError:  # Matplotlib before 3.10 has no subfigure-aware get_figure(root=...)
        return ax.figure


def setup_axes(ax: Axes, xlim: Point, ylim: Point) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor("white")
    ax.set_axis_off()


def draw_patch(ax: Axes, path: Path, gid: str, **style) -> PathPatch:
    patch = PathPatch(path, **style)
    patch.set_gid(gid)
    ax.add_patch(patch)
    return patch


def draw_bone(ax: Axes, path: Path, gid: str, zorder: float = 2, **style) -> PathPatch:
    style = {"facecolor": COLOURS["bone"], "edgecolor": COLOURS["bone_edge"], "lw": 1.3} | style
    return draw_patch(ax, path, gid, zorder=zorder, **style)


def draw_skin(
    ax: Axes, path: Path, gid: str, cut: Iterable[int], zorder: float, lw: float = 1.4
) -> None:
    """Skin: a filled closed path, outlined except along the ``cut`` segments."""
    draw_patch(ax, path, gid, facecolor=COLOURS["skin"], edgecolor="none", zorder=zorder)
    draw_line(
        ax, _without_segments(path, cut), f"{gid}_edge", COLOURS["skin_edge"], zorder=zorder, lw=lw
    )


def draw_line(ax: Axes, path: Path, gid: str, colour: str, zorder: float = 4, **style) -> PathPatch:
    return draw_patch(ax, path, gid, facecolor="none", edgecolor=colour, zorder=zorder, **style)


def draw_dot(ax: Axes, xy: Point, gid: str, colour: str, size: float = 9, marker: str = "o", **kw):
    (artist,) = ax.plot(
        [xy[0]],
        [xy[1]],
        marker=marker,
        markersize=size,
        markerfacecolor=colour,
        markeredgecolor=kw.pop("edgecolor", "black"),
        markeredgewidth=kw.pop("edgewidth", 1.2),
        linestyle="none",
        zorder=kw.pop("zorder", 8),
        **kw,
    )
    artist.set_gid(gid)
    return artist


def draw_label(
    ax: Axes,
    text: str,
    xy: Point,
    xytext: Point,
    gid: str,
    *,
    ha: str = "left",
    va: str = "center",
    size: float = LABEL_PT,
    weight: str = "normal",
    leader: bool = True,
    colour: str = COLOURS["text"],
):
    """A label on the drawing, joined to what it names by a thin leader line."""
    arrowprops = (
        {
            "arrowstyle": "-",
            "color": COLOURS["leader"],
            "lw": 0.9,
            "shrinkA": 3,
            "shrinkB": 1,
            "relpos": (0.0 if ha == "left" else 1.0 if ha == "right" else 0.5, 0.5),
        }
        if leader
        else None
    )
    annotation = ax.annotate(
        text,
        xy=xy,
        xytext=xytext,
        ha=ha,
        va=va,
        fontsize=size,
        fontweight=weight,
        color=colour,
        arrowprops=arrowprops,
        zorder=20,
        annotation_clip=False,
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
    )
    annotation.set_gid(gid)
    return annotation


def draw_text(ax: Axes, xy: Point, text: str, gid: str, **kw):
    kw = {"fontsize": LABEL_PT, "ha": "center", "va": "center", "zorder": 20} | kw
    artist = ax.text(xy[0], xy[1], text, **kw)
    artist.set_gid(gid)
    return artist


def draw_dimension(ax: Axes, a: Point, b: Point, gid: str) -> None:
    """A dimension line with arrows at both ends (its measure is written by the caller)."""
    arrow = ax.annotate(
        "",
        xy=a,
        xytext=b,
        arrowprops={
            "arrowstyle": "<|-|>",
            "color": "black",
            "lw": 1.2,
            "mutation_scale": 12,
            "shrinkA": 0,
            "shrinkB": 0,
        },
        zorder=9,
    )
    arrow.set_gid(f"{gid}_line")


def draw_title(ax: Axes, text: str, gid: str = "title.main") -> None:
    artist = ax.set_title(text, fontsize=TITLE_PT, loc="center", pad=8)
    artist.set_gid(gid)


def draw_fan(
    ax: Axes,
    fan: Fan,
    colour: str,
    gid: str,
    *,
    alpha: float,
    groups: Sequence[tuple[str, float, float, float]] = (),
    fibres: int = 14,
    zorder: float = 6,
    hatch: str | None = None,
    fibre_alpha: float = 0.55,
    outline_colour: str | None = None,
):
    """A fan muscle: fill (optionally split into fibre groups of different shade), fibre
    strands and outline. ``groups`` holds (name, t0, t1, alpha) for each fibre group."""
    if groups:
        for name, t0, t1, strength in groups:
            draw_patch(
                ax,
                fan.sector(t0, t1),
                f"{gid}_{name}",
                facecolor=tint(colour, strength),
                edgecolor="white",
                lw=1.8,
                zorder=zorder,
            )
    else:
        draw_patch(
            ax,
            fan.outline,
            f"{gid}_fill",
            facecolor=colour,
            alpha=alpha,
            edgecolor="none",
            zorder=zorder,
            hatch=hatch,
        )
    for k in range(1, fibres):
        t = k / fibres
        draw_patch(
            ax,
            fan.fibre(t),
            f"{gid}_fibre_{k}",
            facecolor="none",
            edgecolor=darken(colour),
            lw=0.7,
            alpha=fibre_alpha,
            zorder=zorder + 0.1,
        )
    draw_patch(
        ax,
        fan.outline,
        f"{gid}_outline",
        facecolor="none",
        edgecolor=outline_colour or darken(colour),
        lw=1.4,
        zorder=zorder + 0.2,
    )


def tint(colour: str, strength: float) -> str:
    """``colour`` mixed with white: strength 1 is the colour itself, 0 is white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(255 - (255 - c) * strength) for c in (r, g, b)))


def darken(colour: str, factor: float = 0.6) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))


TROCHANTER_SHADE = "#E4DAC6"


# --------------------------------------------------------------------------------------------
# Reproducible output: the same code and the same pinned Matplotlib give the same bytes
# --------------------------------------------------------------------------------------------

SVG_HASH_SALT = "lowback-figures"
# Matplotlib 3.11 rejects unknown SVG metadata keys (there is no "Software" key for SVG) and
# adds the current date unless "Date" is given as None; PNG stamps "Software" unless None.
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None}
_REPRODUCIBLE_RC = {"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}


@contextmanager
def reproducible() -> Iterator[None]:
    """Draw under Matplotlib's default style (whatever a notebook changed), with SVG element
    ids hashed with a fixed salt instead of random ones."""
    import matplotlib
    import matplotlib.style

    with matplotlib.style.context("default"), matplotlib.rc_context(_REPRODUCIBLE_RC):
        yield


def reproducible_png(draw: Callable[[], Figure], dpi: int) -> bytes:
    """The figure ``draw()`` makes, as PNG bytes: drawn under Matplotlib's default style and
    saved with no software stamp, so the same code gives the same bytes on every run."""
    with reproducible():
        figure = draw()
        FigureCanvasAgg(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata=PNG_METADATA)
    return buffer.getvalue()
