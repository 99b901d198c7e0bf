"""Landmark geometry of the low back and hip, and the figures drawn from it.

Geometry is data: every point and outline lives in one of two coordinate systems, both in
centimetres with y pointing up and y = 0 at the level of the hip joint centres.

- Posterior view (``LANDMARKS``, ``OUTLINES``): the body seen from behind, x = 0 on the midline.
  Seen from behind, the reader's left is the body's left, so left-side structures have x < 0.
- Lateral view (``LATERAL_LANDMARKS``, ``LATERAL_OUTLINES``): the right hip seen from the right
  side, x = 0 at the hip joint centre and the front of the body towards +x (the reader's right).

Proportions are those of an average adult: about 28 cm across the iliac crests, the PSIS about
4 cm from the midline at the level of the second sacral spinous process (S2), the hip joint
centres about 17 cm apart. Outlines are smooth Bezier paths built from a few knots each.

The drawing functions use the object-oriented Matplotlib API only (no pyplot state), take an
optional ``ax`` and a set of ``layers`` from ``LAYERS``, and return the Figure. Every artist
carries a ``gid`` of the form ``"<group>.<name>"`` (the group is a layer name where the artist
belongs to a layer), so tests and readers can find what is drawn.

Importing this module imports Matplotlib. Pages show pre-drawn pictures (lowback.figures) and
need it only for a combination of layers that was not pre-drawn.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Arc, PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

# The figures' names, layers and text alternatives live apart from the drawing, so pages can
# use them without importing Matplotlib; they are part of this module's interface too.
from lowback.figure_catalogue import ALT_TEXT, FIGURE_LAYERS, LAYERS

__all__ = [
    "ALT_TEXT",
    "COLOURS",
    "FIGURES",
    "FIGURE_LAYERS",
    "GLUTEUS_MAXIMUS",
    "GLUTEUS_MEDIUS",
    "LANDMARKS",
    "LATERAL_GLUTEUS_MAXIMUS",
    "LATERAL_GLUTEUS_MEDIUS",
    "LATERAL_LANDMARKS",
    "LATERAL_OUTLINES",
    "LAYERS",
    "OUTLINES",
    "THUMB_SPOT_DIAMETER_CM",
    "Fan",
    "draw_gluteus_medius",
    "draw_posterior_pelvis",
    "draw_referred_pain",
    "draw_single_leg_stance",
    "smooth_path",
]

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


def _mirror(knots: Sequence[Point]) -> tuple[Point, ...]:
    return tuple((-x, y) for x, y in knots)


def _compound(*paths: Path) -> Path:
    return Path.make_compound_path(*paths)


def _curve_points(path: Path, per_segment: int = 24) -> np.ndarray:
    """Dense points along a Bezier path, in order (for sampling and geometry tests)."""
    chunks = []
    for segment, _code in path.iter_bezier():
        if segment.degree < 1:
            continue
        chunks.append(segment(np.linspace(0.0, 1.0, per_segment)))
    return np.concatenate(chunks)


def _along(path: Path, fractions: Sequence[float]) -> np.ndarray:
    """Points at the given fractions (0..1) of the arc length of an open path."""
    pts = _curve_points(path)
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
    at fraction ``t`` of the insertion curve, so fibre groups are ranges of ``t``."""

    name: str
    origin: tuple[Point, ...]
    belly: tuple[Point, ...]
    insertion: tuple[Point, ...]

    def _curve(self, knots: tuple[Point, ...]) -> Path:
        return smooth_path(knots, closed=False)

    def origin_points(self, fractions: Sequence[float]) -> np.ndarray:
        return _along(self._curve(self.origin), fractions)

    def insertion_points(self, fractions: Sequence[float]) -> np.ndarray:
        return _along(self._curve(self.insertion), fractions)

    def fibre(self, t: float) -> Path:
        """One fibre as a smooth curve from origin to insertion."""
        o = _along(self._curve(self.origin), [t])[0]
        m = _along(self._curve(self.belly), [t])[0]
        i = _along(self._curve(self.insertion), [t])[0]
        return smooth_path([tuple(o), tuple(m), tuple(i)], closed=False)

    def _sub(self, knots: tuple[Point, ...], t0: float, t1: float) -> Path:
        count = 2 + math.ceil(abs(t1 - t0) * 8)
        pts = _along(self._curve(knots), np.linspace(t0, t1, count))
        return smooth_path([tuple(p) for p in pts], closed=False)

    def sector(self, t0: float = 0.0, t1: float = 1.0) -> Path:
        """The part of the muscle between fibres ``t0`` and ``t1`` as one closed path."""
        return _join_open(
            [
                self._sub(self.origin, t0, t1),
                self.fibre(t1),
                self._sub(self.insertion, t1, t0),
                _reverse(self.fibre(t0)),
            ]
        )

    @property
    def outline(self) -> Path:
        return self.sector(0.0, 1.0)

    def mirrored(self) -> Fan:
        return Fan(self.name, _mirror(self.origin), _mirror(self.belly), _mirror(self.insertion))

    def moved(self, origin_transform: Affine2D) -> Fan:
        """The fan with its origin carried by a transform and its insertion left fixed: the
        pelvis moves, the femur does not. The belly, between the two, moves half as far."""
        o = tuple(map(tuple, origin_transform.transform(self.origin)))
        half = Affine2D(origin_transform.get_matrix() * 0.5 + np.eye(3) * 0.5)
        b = tuple(map(tuple, half.transform(self.belly)))
        return Fan(self.name, o, b, self.insertion)


# --------------------------------------------------------------------------------------------
# Posterior view geometry (x = 0 midline, left side x < 0, y = 0 hip joint centres)
# --------------------------------------------------------------------------------------------

_HIP_CENTRE_X = 8.7
_HEAD_RADIUS = 2.4

_LANDMARKS_LEFT: dict[str, Point] = {
    "iliac_crest_top": (-11.6, 17.0),
    "psis": (-4.0, 9.5),
    "si_joint": (-3.9, 9.0),
    "hip_joint": (-_HIP_CENTRE_X, 0.0),
    "greater_trochanter": (-15.7, -1.6),
}

#: Named points, posterior view, centimetres.
LANDMARKS: Mapping[str, Point] = MappingProxyType(
    {
        **{f"{k}_left": v for k, v in _LANDMARKS_LEFT.items()},
        **{f"{k}_right": (-v[0], v[1]) for k, v in _LANDMARKS_LEFT.items()},
        "s2_spinous": (0.0, 9.5),
        "sacrum": (0.0, 7.5),
        "coccyx_tip": (0.0, -0.1),
    }
)

# The back part of the hip bone: ilium and ischium, traced from the PSIS along the crest,
# down the outer edge, round the ischial tuberosity and back up the sciatic notches.
_ILIUM_ISCHIUM_LEFT: tuple[Point, ...] = (
    (-4.0, 9.5),  # 0 PSIS
    (-5.5, 12.5),
    (-7.6, 15.0),
    (-9.8, 16.6),
    (-11.6, 17.0),  # crest top
    (-13.3, 16.4),
    (-14.2, 14.7),
    (-14.4, 12.8),  # widest
    (-13.9, 10.4),
    (-12.9, 8.0),  # 9 ASIS
    (-12.5, 6.7),
    (-12.3, 5.1),  # 11 AIIS
    (-11.9, 3.6),
    (-11.4, 2.3),  # acetabular lip
    (-10.5, 0.4),  # posterior wall of the socket, across the femoral head
    (-9.9, -1.7),
    (-9.5, -3.6),
    (-9.3, -5.3),
    (-8.6, -6.6),
    (-7.1, -7.1),  # ischial tuberosity
    (-5.9, -6.3),
    (-5.7, -4.7),
    (-5.9, -3.3),  # lesser sciatic notch
    (-4.8, -1.6),  # 23 ischial spine
    (-5.7, -0.1),
    (-7.0, 2.4),  # greater sciatic notch
    (-6.7, 4.9),
    (-4.6, 7.0),  # 27 PIIS
    (-4.2, 8.3),
)
_ILIUM_ISCHIUM_CORNERS = (0, 9, 23, 27)

# The front part seen through the pelvic outlet: pubis and ischiopubic ramus round the
# obturator foramen, meeting its partner at the pubic symphysis.
_PUBIS_LEFT: tuple[Point, ...] = (
    (-8.6, 2.4),
    (-5.6, 1.2),
    (-2.6, 0.0),
    (-0.35, -0.8),  # 3 symphysis top
    (-0.35, -4.4),  # 4 symphysis bottom
    (-1.9, -5.4),
    (-4.2, -6.4),
    (-6.6, -7.4),
    (-8.8, -6.2),
    (-10.2, -2.5),
    (-10.0, 1.0),
)
_PUBIS_CORNERS = (3, 4)
_OBTURATOR_FORAMEN_LEFT: tuple[Point, ...] = (
    (-2.7, -1.7),
    (-4.6, -1.4),
    (-6.6, -2.2),
    (-7.2, -3.7),
    (-6.0, -5.2),
    (-3.9, -5.0),
    (-2.5, -3.4),
)

_SACRUM_RIGHT_HALF: tuple[Point, ...] = (
    (0.0, 14.1),
    (1.2, 14.2),
    (2.1, 14.6),  # superior articular process of S1
    (3.6, 14.0),
    (5.6, 13.7),  # ala
    (5.8, 12.2),
    (5.3, 10.0),
    (4.5, 7.6),
    (3.5, 5.6),
    (2.6, 4.4),  # inferior lateral angle
    (1.6, 3.2),
    (0.9, 2.6),
)
_SACRUM_KNOTS = _SACRUM_RIGHT_HALF + _mirror(_SACRUM_RIGHT_HALF[:0:-1])
_SACRUM_CORNERS = (9, len(_SACRUM_KNOTS) - 9)

_COCCYX_RIGHT_HALF: tuple[Point, ...] = (
    (0.0, 2.6),
    (0.95, 2.3),
    (1.0, 1.7),
    (0.7, 1.35),
    (0.8, 0.85),
    (0.5, 0.4),
    (0.0, -0.1),
)
_COCCYX_KNOTS = _COCCYX_RIGHT_HALF + _mirror(_COCCYX_RIGHT_HALF[-2:0:-1])

_SACRAL_FORAMINA_RIGHT: tuple[Point, ...] = ((2.3, 11.9), (2.1, 9.2), (1.85, 7.0), (1.6, 5.1))
_SACRAL_CREST: tuple[Point, ...] = ((0.0, 12.0), (0.0, 9.5), (0.0, 7.3), (0.0, 5.4))


def _vertebra_knots(y: float, transverse_cm: float) -> tuple[Point, ...]:
    """A lumbar vertebra seen from behind: spinous process, laminae, transverse processes."""
    half = (
        (0.0, y + 1.4),
        (0.8, y + 1.3),
        (1.6, y + 1.75),
        (2.5, y + 1.2),
        (transverse_cm - 0.4, y + 0.55),
        (transverse_cm, y + 0.1),
        (transverse_cm - 0.5, y - 0.45),
        (2.5, y - 0.4),
        (1.9, y - 1.5),
        (0.9, y - 1.1),
        (0.6, y - 1.9),
        (0.0, y - 2.0),
    )
    return half + _mirror(half[-2:0:-1])


# Femur seen from behind: head (hidden in the socket), neck, greater and lesser trochanters,
# the top of the shaft. The shaft leans in towards the knee by about 8 degrees.
_FEMUR_LEFT: tuple[Point, ...] = (
    (-10.8, 1.1),  # 0 head-neck junction, upper
    (-12.2, -0.1),
    (-13.6, 1.3),  # 2 tip of greater trochanter
    (-15.1, 0.8),
    (-15.8, -1.0),
    (-15.6, -3.6),
    (-14.9, -5.4),
    (-14.4, -8.5),
    (-13.7, -14.0),
    (-13.0, -20.0),  # 9
    (-10.0, -20.0),  # 10
    (-10.3, -14.0),
    (-10.8, -9.0),
    (-10.7, -7.4),
    (-9.5, -6.2),  # 14 lesser trochanter
    (-10.1, -4.9),
    (-10.0, -3.4),
    (-9.0, -2.4),  # head-neck junction, lower
    (-7.5, -2.1),
    (-6.4, -0.7),
    (-6.6, 1.2),
    (-8.0, 2.3),
    (-9.7, 2.2),
)
_FEMUR_CORNERS = (2, 9, 10, 14)
_INTERTROCHANTERIC_CREST_LEFT: tuple[Point, ...] = ((-13.5, 0.9), (-12.7, -2.8), (-10.1, -6.0))
_GREATER_TROCHANTER_LEFT: tuple[Point, ...] = (
    (-13.6, 1.3),
    (-15.1, 0.8),
    (-15.8, -1.0),
    (-15.6, -3.6),
    (-14.9, -5.4),
    (-13.0, -4.2),
    (-12.9, -0.6),
)
_SI_JOINT_LEFT: tuple[Point, ...] = (
    (-5.3, 13.0),
    (-4.6, 10.9),
    (-3.9, 9.0),
    (-3.4, 7.0),
    (-3.3, 5.4),
)


def _thumb_spot_knots(centre: Point) -> tuple[Point, ...]:
    r = THUMB_SPOT_DIAMETER_CM / 2
    # Slightly taller than wide, like the pad of a thumb.
    return tuple(
        (centre[0] + r * 0.95 * math.cos(a), centre[1] + r * 1.05 * math.sin(a))
        for a in np.linspace(0, 2 * math.pi, 8, endpoint=False)
    )


_THUMB_SPOT_CENTRE_LEFT: Point = (-6.1, 10.1)


def _both(name: str, knots: tuple[Point, ...], corners: Iterable[int] = ()) -> dict[str, Path]:
    corners = tuple(corners)
    return {
        f"{name}_left": smooth_path(knots, corners=corners),
        f"{name}_right": smooth_path(_mirror(knots), corners=corners),
    }


_SKELETON_OUTLINES: dict[str, Path] = {
    **_both("ilium", _ILIUM_ISCHIUM_LEFT, _ILIUM_ISCHIUM_CORNERS),
    **{
        f"pubis_{side}": _compound(smooth_path(k, corners=_PUBIS_CORNERS), smooth_path(h[::-1]))
        for side, k, h in (
            ("left", _PUBIS_LEFT, _OBTURATOR_FORAMEN_LEFT),
            ("right", _mirror(_PUBIS_LEFT), _mirror(_OBTURATOR_FORAMEN_LEFT)),
        )
    },
    "sacrum": smooth_path(_SACRUM_KNOTS, corners=_SACRUM_CORNERS),
    "coccyx": smooth_path(_COCCYX_KNOTS, corners=(len(_COCCYX_RIGHT_HALF) - 1,)),
    "vertebra_l5": smooth_path(_vertebra_knots(16.2, 5.3)),
    "vertebra_l4": smooth_path(_vertebra_knots(19.9, 4.7)),
    **_both("femur", _FEMUR_LEFT, _FEMUR_CORNERS),
    **_both("greater_trochanter", _GREATER_TROCHANTER_LEFT),
    "intertrochanteric_crest_left": smooth_path(_INTERTROCHANTERIC_CREST_LEFT, closed=False),
    "intertrochanteric_crest_right": smooth_path(
        _mirror(_INTERTROCHANTERIC_CREST_LEFT), closed=False
    ),
    "si_joint_left": smooth_path(_SI_JOINT_LEFT, closed=False),
    "si_joint_right": smooth_path(_mirror(_SI_JOINT_LEFT), closed=False),
    **_both("thumb_spot", _thumb_spot_knots(_THUMB_SPOT_CENTRE_LEFT)),
}

# --------------------------------------------------------------------------------------------
# Muscles, posterior view
# --------------------------------------------------------------------------------------------

#: Left gluteus medius seen from behind: from the outer ilium between the posterior gluteal line
#: and the front of the crest to the top of the greater trochanter. Fibre t = 0 is the back
#: (posterior) border, t = 1 the front (anterior) border.
GLUTEUS_MEDIUS = Fan(
    "gluteus_medius",
    origin=(
        (-5.4, 8.2),
        (-5.9, 11.0),
        (-7.3, 14.3),
        (-9.6, 16.1),
        (-11.6, 16.55),
        (-13.1, 16.0),
        (-14.0, 14.6),
        (-14.1, 12.8),
    ),
    belly=((-9.6, 5.0), (-12.0, 6.6), (-14.2, 6.8), (-15.7, 5.8)),
    insertion=((-13.3, 1.0), (-14.6, 0.5), (-15.6, -0.7)),
)

#: Left gluteus maximus seen from behind: from the back of the ilium, the sacrum and the coccyx
#: to the iliotibial band and the gluteal tuberosity of the femur. t = 0 is the upper border.
GLUTEUS_MAXIMUS = Fan(
    "gluteus_maximus",
    origin=(
        (-7.2, 14.5),
        (-5.3, 12.5),
        (-3.8, 9.8),
        (-3.0, 7.0),
        (-2.2, 4.6),
        (-1.2, 2.0),
        (-0.8, 0.2),
    ),
    belly=((-11.8, 7.4), (-10.2, 3.0), (-8.5, -2.5), (-6.4, -7.6)),
    insertion=((-16.3, -0.5), (-16.0, -5.5), (-14.6, -9.0), (-13.6, -12.5)),
)

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
    "hip_bone": _compound(
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
        tuple((-9.0 + 0.55 * (x + 6.1), y) for x, y in _thumb_spot_knots((-6.1, 10.1)))
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


# --------------------------------------------------------------------------------------------
# The body from behind: skin outline and referred pain zones
# --------------------------------------------------------------------------------------------

_BODY_LEFT_OUTER: tuple[Point, ...] = (
    (-14.0, 26.0),  # waist, where the drawing is cut
    (-14.6, 22.0),
    (-16.1, 16.0),
    (-17.8, 9.0),
    (-18.8, 2.0),
    (-18.8, -3.0),
    (-18.1, -9.0),
    (-17.2, -16.0),
    (-16.4, -24.0),  # mid-thigh, where the drawing is cut
)
_BODY_LEFT_INNER: tuple[Point, ...] = ((-1.4, -24.0), (-1.2, -18.0), (-0.8, -12.0))
_BODY_KNOTS: tuple[Point, ...] = (
    *_BODY_LEFT_OUTER,
    *_BODY_LEFT_INNER,
    (0.0, -9.0),  # crotch
    *_mirror(_BODY_LEFT_INNER[::-1]),
    *_mirror(_BODY_LEFT_OUTER[::-1]),
)
_BODY_CORNERS = (0, 8, 9, 12, 15, 16, len(_BODY_KNOTS) - 1)
_BODY_CUT_SEGMENTS = (8, 15, len(_BODY_KNOTS) - 1)  # mid-thigh and waist, where it is cut off
_GLUTEAL_FOLD_LEFT: tuple[Point, ...] = ((-1.4, -9.6), (-5.5, -11.0), (-10.0, -10.8), (-13.5, -9.2))
_NATAL_CLEFT: tuple[Point, ...] = ((0.0, 5.0), (0.0, -2.0), (0.0, -9.0))
_SPINAL_FURROW: tuple[Point, ...] = ((0.0, 26.0), (0.0, 19.0), (0.0, 13.0))

#: Where trigger points in gluteus medius refer pain (Travell & Simons 1992, ch. 8), on the
#: body's right: the main zone along the back of the iliac crest, over the SI joint and the
#: sacrum; pain can also spread across the buttock.
_REFERRED_MAIN_RIGHT: tuple[Point, ...] = (
    (-0.6, 11.0),
    (1.4, 14.4),
    (4.6, 17.4),
    (8.6, 19.3),
    (12.0, 19.4),
    (14.3, 18.1),
    (13.2, 15.7),
    (10.4, 15.1),
    (8.0, 13.6),
    (7.0, 10.6),
    (6.2, 7.0),
    (4.8, 3.6),
    (2.0, 1.8),
    (-0.6, 3.2),
    (-1.2, 7.2),
)
_REFERRED_BUTTOCK_RIGHT: tuple[Point, ...] = (
    (7.8, 8.6),
    (12.0, 11.6),
    (15.8, 9.2),
    (17.4, 2.0),
    (16.8, -5.0),
    (13.8, -8.8),
    (9.4, -9.6),
    (6.6, -6.6),
    (6.0, -1.0),
    (6.8, 3.5),
)
_TRIGGER_POINTS_RIGHT: tuple[Point, ...] = ((7.6, 13.2), (10.6, 14.2), (13.0, 12.2))

#: Outlines, posterior view: closed smooth Bezier paths (open ones for lines and folds).
OUTLINES: Mapping[str, Path] = MappingProxyType(
    {
        **_SKELETON_OUTLINES,
        "gluteus_medius_left": GLUTEUS_MEDIUS.outline,
        "gluteus_medius_right": GLUTEUS_MEDIUS.mirrored().outline,
        "gluteus_maximus_left": GLUTEUS_MAXIMUS.outline,
        "gluteus_maximus_right": GLUTEUS_MAXIMUS.mirrored().outline,
        "body": smooth_path(_BODY_KNOTS, corners=_BODY_CORNERS),
        "gluteal_fold_left": smooth_path(_GLUTEAL_FOLD_LEFT, closed=False),
        "gluteal_fold_right": smooth_path(_mirror(_GLUTEAL_FOLD_LEFT), closed=False),
        "natal_cleft": smooth_path(_NATAL_CLEFT, closed=False),
        "spinal_furrow": smooth_path(_SPINAL_FURROW, closed=False),
        "referred_pain_main_right": smooth_path(_REFERRED_MAIN_RIGHT),
        "referred_pain_buttock_right": smooth_path(_REFERRED_BUTTOCK_RIGHT),
    }
)

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


# --------------------------------------------------------------------------------------------
# Drawing primitives
# --------------------------------------------------------------------------------------------


class _NotebookFigure(Figure):
    """A Figure that shows itself as a PNG when it is a notebook cell's value. Figures made
    without pyplot have no inline-backend display hook of their own; this gives them one."""

    def _repr_png_(self) -> bytes:
        if not isinstance(self.canvas, FigureCanvasAgg):
            FigureCanvasAgg(self)
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
        return buffer.getvalue()


def _resolve_layers(layers: Iterable[str] | None, default: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(default if layers is None else layers)
    unknown = chosen - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {sorted(unknown)}; choose from {LAYERS}")
    return chosen


def _new_axes(
    ax: Axes | None, figsize: tuple[float, float], xlim: Point, ylim: Point
) -> tuple[Figure, Axes]:
    if ax is None:
        fig = _NotebookFigure(figsize=figsize, facecolor="white")
        ax = fig.add_axes((0.0, 0.0, 1.0, 0.93))
    _setup_axes(ax, xlim, ylim)
    return _root_figure(ax), ax


def _root_figure(ax: Axes) -> Figure:
    try:
        return ax.get_figure(root=True)
    except TypeError:  # Matplotlib before 3.10 has no subfigure-aware get_figure(root=...)
        return ax.figure


def _setup_axes(ax: Axes, xlim: Point, ylim: Point) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor("white")
    ax.set_axis_off()


def _patch(ax: Axes, path: Path, gid: str, **style) -> PathPatch:
    patch = PathPatch(path, **style)
    patch.set_gid(gid)
    ax.add_patch(patch)
    return patch


def _bone(ax: Axes, path: Path, gid: str, zorder: float = 2, **style) -> PathPatch:
    style = {"facecolor": COLOURS["bone"], "edgecolor": COLOURS["bone_edge"], "lw": 1.3} | style
    return _patch(ax, path, gid, zorder=zorder, **style)


def _skin(
    ax: Axes, path: Path, gid: str, cut: Iterable[int], zorder: float, lw: float = 1.4
) -> None:
    """Skin: a filled closed path, outlined except along the ``cut`` segments."""
    _patch(ax, path, gid, facecolor=COLOURS["skin"], edgecolor="none", zorder=zorder)
    _line(
        ax, _without_segments(path, cut), f"{gid}_edge", COLOURS["skin_edge"], zorder=zorder, lw=lw
    )


def _line(ax: Axes, path: Path, gid: str, colour: str, zorder: float = 4, **style) -> PathPatch:
    return _patch(ax, path, gid, facecolor="none", edgecolor=colour, zorder=zorder, **style)


def _dot(ax: Axes, xy: Point, gid: str, colour: str, size: float = 9, marker: str = "o", **kw):
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


def _label(
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


def _text(ax: Axes, xy: Point, text: str, gid: str, **kw):
    kw = {"fontsize": LABEL_PT, "ha": "center", "va": "center", "zorder": 20} | kw
    artist = ax.text(xy[0], xy[1], text, **kw)
    artist.set_gid(gid)
    return artist


def _title(ax: Axes, text: str, gid: str = "title.main") -> None:
    artist = ax.set_title(text, fontsize=TITLE_PT, loc="center", pad=8)
    artist.set_gid(gid)


def _fan(
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
            _patch(
                ax,
                fan.sector(t0, t1),
                f"{gid}_{name}",
                facecolor=_tint(colour, strength),
                edgecolor="white",
                lw=1.8,
                zorder=zorder,
            )
    else:
        _patch(
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
        _patch(
            ax,
            fan.fibre(t),
            f"{gid}_fibre_{k}",
            facecolor="none",
            edgecolor=_darken(colour),
            lw=0.7,
            alpha=fibre_alpha,
            zorder=zorder + 0.1,
        )
    _patch(
        ax,
        fan.outline,
        f"{gid}_outline",
        facecolor="none",
        edgecolor=outline_colour or _darken(colour),
        lw=1.4,
        zorder=zorder + 0.2,
    )


def _tint(colour: str, strength: float) -> str:
    """``colour`` mixed with white: strength 1 is the colour itself, 0 is white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(255 - (255 - c) * strength) for c in (r, g, b)))


def _darken(colour: str, factor: float = 0.6) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))


_TROCHANTER_SHADE = "#E4DAC6"


def _draw_posterior_bones(ax: Axes, transform: Affine2D | None = None, alpha: float = 1.0):
    """Spine, sacrum, hip bones and femurs, seen from behind, back to front."""

    def p(name: str) -> Path:
        path = OUTLINES[name]
        return path if transform is None else transform.transform_path(path)

    kw = {"alpha": alpha}
    for name in ("vertebra_l4", "vertebra_l5", "sacrum", "coccyx"):
        _bone(ax, p(name), f"bones.{name}", zorder=1.0, **kw)
    for side in ("left", "right"):
        _bone(ax, p(f"pubis_{side}"), f"bones.pubis_{side}", zorder=1.2, **kw)
        _bone(ax, p(f"femur_{side}"), f"bones.femur_{side}", zorder=1.4, **kw)
        _bone(
            ax,
            p(f"greater_trochanter_{side}"),
            f"bones.greater_trochanter_{side}",
            zorder=1.45,
            facecolor=_TROCHANTER_SHADE,
            edgecolor="none",
            **kw,
        )
        _line(
            ax,
            p(f"intertrochanteric_crest_{side}"),
            f"bones.intertrochanteric_crest_{side}",
            COLOURS["bone_edge"],
            zorder=1.5,
            lw=0.9,
            alpha=alpha,
        )
        _bone(ax, p(f"ilium_{side}"), f"bones.ilium_{side}", zorder=1.6, **kw)
    for k, (x, y) in enumerate(_SACRAL_FORAMINA_RIGHT):
        for side, sx in (("left", -1), ("right", 1)):
            circle = Path.circle((sx * x, y), 0.42 - 0.05 * k)
            if transform is not None:
                circle = transform.transform_path(circle)
            _bone(
                ax,
                circle,
                f"bones.sacral_foramen_s{k + 1}_{side}",
                zorder=1.05,
                facecolor="white",
                lw=0.9,
                **kw,
            )
    crest = smooth_path(_SACRAL_CREST, closed=False)
    if transform is not None:
        crest = transform.transform_path(crest)
    _line(ax, crest, "bones.median_sacral_crest", COLOURS["bone_edge"], zorder=1.05, lw=0.9, **kw)


def _orientation(ax: Axes, left_xy: Point, right_xy: Point, gid: str = "orientation") -> None:
    style = {"fontsize": LABEL_PT, "color": "#555555", "fontweight": "bold"}
    _text(ax, left_xy, "Body's LEFT", f"{gid}.left", ha="left", **style)
    _text(ax, right_xy, "Body's RIGHT", f"{gid}.right", ha="right", **style)


def _dimension(ax: Axes, a: Point, b: Point, text: str, gid: str, offset: Point = (0, 0.5)):
    """A dimension line with arrows at both ends and its measure written above it."""
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
    mid = ((a[0] + b[0]) / 2 + offset[0], (a[1] + b[1]) / 2 + offset[1])
    _text(ax, mid, text, f"{gid}_text", fontsize=SMALL_PT, va="bottom", fontweight="bold")


def _draw_posterior_landmarks(ax: Axes, *, hip_joints: bool = True, trochanters: bool = True):
    for side in ("left", "right"):
        _line(
            ax,
            OUTLINES[f"si_joint_{side}"],
            f"landmarks.si_joint_{side}",
            COLOURS["si_joint"],
            zorder=7,
            lw=3.0,
            linestyle=(0, (3, 1.5)),
        )
        _dot(ax, LANDMARKS[f"psis_{side}"], f"landmarks.psis_{side}", COLOURS["psis"], 12)
        _dot(
            ax,
            LANDMARKS[f"iliac_crest_top_{side}"],
            f"landmarks.iliac_crest_top_{side}",
            COLOURS["iliac_crest"],
            9,
            marker="^",
        )
        if hip_joints:
            x, y = LANDMARKS[f"hip_joint_{side}"]
            _patch(
                ax,
                Path.circle((x, y), _HEAD_RADIUS),
                f"landmarks.hip_joint_{side}",
                facecolor="none",
                edgecolor=COLOURS["hip_joint"],
                lw=1.1,
                linestyle=(0, (2, 2)),
                zorder=7,
            )
            _dot(
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
            _dot(
                ax,
                LANDMARKS[f"greater_trochanter_{side}"],
                f"landmarks.greater_trochanter_{side}",
                COLOURS["trochanter"],
                10,
            )
    _dot(ax, LANDMARKS["s2_spinous"], "landmarks.s2_spinous", COLOURS["midline"], 6, marker="s")
    _dot(ax, LANDMARKS["coccyx_tip"], "landmarks.coccyx_tip", COLOURS["midline"], 5)


def _draw_thumb_spots(ax: Axes, sides: Sequence[str] = ("left", "right"), zorder: float = 9):
    for side in sides:
        _patch(
            ax,
            OUTLINES[f"thumb_spot_{side}"],
            f"thumb_spot.{side}",
            facecolor=COLOURS["thumb_spot"],
            alpha=0.55,
            edgecolor=_darken(COLOURS["thumb_spot"]),
            lw=2.0,
            zorder=zorder,
        )


def draw_posterior_pelvis(ax: Axes | None = None, layers: Iterable[str] | None = None) -> Figure:
    """The pelvis seen from behind: both PSIS, the thumb-sized spot beside the right one, the
    S2 level of the skin dimples and the 2-3 finger widths from the midline to the PSIS."""
    layers = _resolve_layers(layers, FIGURE_LAYERS["posterior_pelvis"])
    fig, ax = _new_axes(ax, (11.0, 7.6), (-35.0, 35.0), (-22.0, 25.0))
    L, R = -18.0, 18.0  # label columns

    if "bones" in layers:
        _draw_posterior_bones(ax)
        _label(
            ax, "Lumbar spine (L4, L5)", (-2.6, 20.3), (L, 22.0), "bones.label_spine", ha="right"
        )
        _label(ax, "Hip bone (ilium)", (-12.6, 14.6), (L, 18.6), "bones.label_ilium", ha="right")
        _label(ax, "Sacrum", (-2.0, 6.4), (L, 6.4), "bones.label_sacrum", ha="right")
        _label(ax, "Tailbone (coccyx)", (-0.8, 1.3), (L, 3.4), "bones.label_coccyx", ha="right")
        _label(
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
        _text(ax, (0.0, 23.9), "Midline", "landmarks.label_midline", fontsize=LABEL_PT)
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
        _label(
            ax,
            "2-3 finger widths\nfrom the midline",
            (-2.0, 12.6),
            (L, 14.6),
            "landmarks.label_finger_widths",
            ha="right",
        )
        _label(
            ax,
            "PSIS: the bony bump\nbeside the tailbone",
            LANDMARKS["psis_left"],
            (L, 9.8),
            "landmarks.label_psis",
            ha="right",
            weight="bold",
        )
        _label(
            ax,
            "Top of the iliac crest",
            LANDMARKS["iliac_crest_top_right"],
            (R, 19.8),
            "landmarks.label_iliac_crest",
        )
        _text(
            ax,
            (R, 9.5),
            "S2 level: skin dimples\nover both PSIS",
            "landmarks.label_s2",
            ha="left",
            fontsize=LABEL_PT,
        )
        _label(
            ax,
            "Sacroiliac (SI) joint,\nunder the PSIS",
            (3.35, 6.6),
            (R, 5.2),
            "landmarks.label_si_joint",
        )
        _label(ax, "Hip joint", LANDMARKS["hip_joint_right"], (R, 1.5), "landmarks.label_hip_joint")
        _label(
            ax,
            "Greater trochanter",
            LANDMARKS["greater_trochanter_right"],
            (R, -3.5),
            "landmarks.label_trochanter",
        )

    if "thumb_spot" in layers:
        _draw_thumb_spots(ax, ("right",))
        cx = -_THUMB_SPOT_CENTRE_LEFT[0]
        _label(
            ax,
            "Thumb-sized spot just\noutside the PSIS",
            (cx + 0.7, 10.8),
            (R, 14.4),
            "thumb_spot.label",
            weight="bold",
        )

    _orientation(ax, (-34.0, -20.5), (34.0, -20.5))
    _title(ax, "The PSIS and the thumb-sized spot beside it, seen from behind")
    return fig


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


def _fan_point(fan: Fan, t: float, along: float) -> Point:
    """A point on fibre ``t``, ``along`` (0..1) of the way from origin to insertion."""
    x, y = _along(fan.fibre(t), [along])[0]
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
    layers = _resolve_layers(layers, FIGURE_LAYERS["gluteus_medius_posterior"])
    fig, ax = _new_axes(ax, (11.0, 7.4), (-40.0, 40.0), (-22.0, 25.0))
    L, R = -19.0, 19.0
    left_medius, right_medius = GLUTEUS_MEDIUS, GLUTEUS_MEDIUS.mirrored()
    right_maximus = GLUTEUS_MAXIMUS.mirrored()
    colour = COLOURS["gluteus_medius"]

    if "bones" in layers:
        _draw_posterior_bones(ax)

    if "gluteus_medius" in layers:
        _fan(ax, left_medius, colour, "gluteus_medius.left", alpha=1.0, groups=_FIBRE_GROUPS)
        _fan(ax, right_medius, colour, "gluteus_medius.right", alpha=1.0, groups=_FIBRE_GROUPS)
        for name, t, along, y in (
            ("middle", 0.5, 0.22, 21.0),
            ("anterior", 0.88, 0.45, 12.0),
            ("posterior", 0.1, 0.72, 3.0),
        ):
            _label(
                ax,
                _FIBRE_TEXT[name],
                _fan_point(left_medius, t, along),
                (L, y),
                f"gluteus_medius.label_{name}",
                ha="right",
            )
        _label(
            ax,
            "Gluteus medius",
            _fan_point(right_medius, 0.8, 0.18),
            (R, 20.5),
            "gluteus_medius.label_name",
            weight="bold",
            size=TITLE_PT - 1,
        )
        _text(
            ax,
            (-29.0, -11.5),
            "All fibres abduct:\nthey lift the leg\nout to the side.",
            "gluteus_medius.label_all_abduct",
            fontsize=LABEL_PT,
            fontstyle="italic",
        )

    if "gluteus_maximus" in layers:
        _fan(
            ax,
            right_maximus,
            COLOURS["gluteus_maximus"],
            "gluteus_maximus.right",
            alpha=0.18,
            fibres=12,
            fibre_alpha=0.4,
            zorder=7,
        )
        _label(
            ax,
            "Gluteus maximus, drawn\nsee-through on this side:\nit covers the back third\n"
            "of gluteus medius",
            _fan_point(right_maximus, 0.55, 0.5),
            (R, 0.0),
            "gluteus_maximus.label",
        )

    if "landmarks" in layers:
        for side in ("left", "right"):
            _dot(ax, LANDMARKS[f"psis_{side}"], f"landmarks.psis_{side}", COLOURS["psis"], 12)
            _dot(
                ax,
                LANDMARKS[f"greater_trochanter_{side}"],
                f"landmarks.greater_trochanter_{side}",
                COLOURS["trochanter"],
                10,
            )
        _label(ax, "PSIS", LANDMARKS["psis_right"], (R, 9.0), "landmarks.label_psis")
        _label(
            ax,
            "Greater trochanter:\nwhere it attaches",
            LANDMARKS["greater_trochanter_left"],
            (L, -4.5),
            "landmarks.label_trochanter",
            ha="right",
        )

    if "thumb_spot" in layers:
        _draw_thumb_spots(ax, ("right",))
        cx, cy = -_THUMB_SPOT_CENTRE_LEFT[0], _THUMB_SPOT_CENTRE_LEFT[1]
        _label(ax, "Thumb-sized spot", (cx + 0.8, cy + 0.4), (R, 13.2), "thumb_spot.label")

    _orientation(ax, (-39.0, -20.5), (39.0, -20.5))
    _title(ax, "Gluteus medius seen from behind")
    return fig


def _draw_gluteus_medius_lateral(ax: Axes | None, layers: Iterable[str] | None) -> Figure:
    layers = _resolve_layers(layers, FIGURE_LAYERS["gluteus_medius_lateral"])
    fig, ax = _new_axes(ax, (11.0, 7.6), (-40.0, 38.0), (-22.0, 24.0))
    L, R = -15.0, 11.0
    outlines = LATERAL_OUTLINES
    medius, maximus = LATERAL_GLUTEUS_MEDIUS, LATERAL_GLUTEUS_MAXIMUS
    colour = COLOURS["gluteus_medius"]

    if "bones" in layers:
        _bone(ax, outlines["sacrum"], "bones.sacrum", zorder=1.0)
        _bone(ax, outlines["hip_bone"], "bones.hip_bone", zorder=1.2)
        _bone(ax, outlines["femur_head_neck"], "bones.femur_head_neck", zorder=1.4)
        _line(
            ax, outlines["acetabulum"], "bones.acetabulum", COLOURS["bone_edge"], zorder=1.5, lw=1.3
        )
        _bone(ax, outlines["femur_shaft"], "bones.femur_shaft", zorder=1.6)
        _bone(
            ax,
            outlines["greater_trochanter"],
            "bones.greater_trochanter",
            zorder=1.7,
            facecolor=_TROCHANTER_SHADE,
            edgecolor="none",
        )
        for name, text, xy, xytext, ha in (
            ("anterior_gluteal_line", "Anterior gluteal line", (2.0, 11.9), (R, 15.5), "left"),
            ("posterior_gluteal_line", "Posterior gluteal line", (-8.85, 11.5), (L, 16.0), "right"),
        ):
            _line(
                ax,
                outlines[name],
                f"bones.{name}",
                COLOURS["gluteal_lines"],
                zorder=6.5,
                lw=1.8,
                linestyle=(0, (4, 2)),
            )
            _label(ax, text, xy, xytext, f"bones.label_{name}", ha=ha)
        _label(ax, "Thigh bone (femur)", (0.8, -15.0), (R, -15.0), "bones.label_femur")
        _label(ax, "Sacrum and coccyx", (-10.4, 2.0), (L, -1.5), "bones.label_sacrum", ha="right")

    if "gluteus_medius" in layers:
        _fan(ax, medius, colour, "gluteus_medius.right", alpha=1.0, groups=_FIBRE_GROUPS)
        _label(
            ax,
            "Origin: outer hip bone between\nthe gluteal lines, below the crest",
            (-6.5, 14.2),
            (L, 21.5),
            "gluteus_medius.label_origin",
            ha="right",
        )
        _label(
            ax,
            _FIBRE_TEXT["posterior"],
            _fan_point(medius, 0.12, 0.4),
            (L, 4.6),
            "gluteus_medius.label_posterior",
            ha="right",
        )
        _label(
            ax,
            _FIBRE_TEXT["middle"],
            _fan_point(medius, 0.5, 0.12),
            (-3.0, 21.5),
            "gluteus_medius.label_middle",
            ha="center",
            va="center",
        )
        _label(
            ax,
            _FIBRE_TEXT["anterior"],
            _fan_point(medius, 0.88, 0.62),
            (R, 3.5),
            "gluteus_medius.label_anterior",
        )
        _label(
            ax,
            "Gluteus medius",
            _fan_point(medius, 0.75, 0.2),
            (R, 20.5),
            "gluteus_medius.label_name",
            weight="bold",
            size=TITLE_PT - 1,
        )

    if "gluteus_maximus" in layers:
        _fan(
            ax,
            maximus,
            COLOURS["gluteus_maximus"],
            "gluteus_maximus.right",
            alpha=0.18,
            fibres=12,
            fibre_alpha=0.4,
            zorder=7,
        )
        _label(
            ax,
            "Gluteus maximus, drawn\nsee-through: it covers\nthe back third",
            _fan_point(maximus, 0.6, 0.55),
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
            _dot(
                ax,
                LATERAL_LANDMARKS[name],
                f"landmarks.{name}",
                COLOURS[colour_key],
                12 if name == "psis" else 10,
            )
            _label(ax, text, LATERAL_LANDMARKS[name], xytext, f"landmarks.label_{name}", ha=ha)

    if "thumb_spot" in layers:
        _patch(
            ax,
            outlines["thumb_spot"],
            "thumb_spot.right",
            facecolor=COLOURS["thumb_spot"],
            alpha=0.55,
            edgecolor=_darken(COLOURS["thumb_spot"]),
            lw=2.0,
            zorder=9,
        )
        _label(ax, "Thumb-sized spot", (-9.6, 9.5), (L, 8.6), "thumb_spot.label", ha="right")

    _text(
        ax,
        (-39.0, -20.5),
        "< BACK",
        "orientation.back",
        ha="left",
        fontweight="bold",
        color="#555555",
    )
    _text(
        ax,
        (37.0, -20.5),
        "FRONT >",
        "orientation.front",
        ha="right",
        fontweight="bold",
        color="#555555",
    )
    _title(ax, "Gluteus medius seen from the side (right hip)")
    return fig


def draw_referred_pain(ax: Axes | None = None, layers: Iterable[str] | None = None) -> Figure:
    """The body from behind, waist to mid-thigh, with the zones where gluteus medius trigger
    points refer pain (right side), beside the thumb-sized spot the quiz asks about."""
    layers = _resolve_layers(layers, FIGURE_LAYERS["referred_pain"])
    fig, ax = _new_axes(ax, (11.0, 7.6), (-42.0, 42.0), (-26.0, 29.0))
    L, R = -22.0, 22.0
    pain = COLOURS["referred_pain"]

    _skin(ax, OUTLINES["body"], "body.outline", _BODY_CUT_SEGMENTS, zorder=0.5, lw=1.6)
    for name in ("gluteal_fold_left", "gluteal_fold_right", "natal_cleft", "spinal_furrow"):
        _line(ax, OUTLINES[name], f"body.{name}", COLOURS["skin_edge"], zorder=0.6, lw=1.2)

    if "bones" in layers:
        _draw_posterior_bones(ax, alpha=0.35)

    _patch(
        ax,
        OUTLINES["referred_pain_buttock_right"],
        "referred_pain.buttock",
        facecolor=_tint(pain, 0.25),
        edgecolor=_darken(pain, 0.8),
        lw=1.4,
        hatch="..",
        linestyle=(0, (4, 2)),
        zorder=3,
    )
    _patch(
        ax,
        OUTLINES["referred_pain_main_right"],
        "referred_pain.main",
        facecolor=_tint(pain, 0.7),
        edgecolor=_darken(pain, 0.75),
        lw=1.8,
        hatch="///",
        zorder=3.2,
    )
    _label(
        ax,
        "Main zone: low back, along\nthe back of the iliac crest",
        (12.0, 18.4),
        (R, 22.0),
        "referred_pain.label_crest",
    )
    _label(
        ax,
        "Main zone: over\nthe sacrum",
        (0.6, 5.5),
        (L, 4.0),
        "referred_pain.label_sacrum",
        ha="right",
    )
    _label(
        ax,
        "Buttock: the pain can\nspread here too",
        (15.6, -6.0),
        (R, -7.0),
        "referred_pain.label_buttock",
    )

    if "gluteus_medius" in layers:
        medius = GLUTEUS_MEDIUS.mirrored()
        _patch(
            ax,
            medius.outline,
            "gluteus_medius.right_outline",
            facecolor="none",
            edgecolor=_darken(COLOURS["gluteus_medius"]),
            lw=2.0,
            linestyle=(0, (5, 2)),
            zorder=4,
        )
        xs, ys = zip(*_TRIGGER_POINTS_RIGHT, strict=True)
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
        _label(
            ax,
            "Gluteus medius (dashed)\nand its trigger points (X)",
            _TRIGGER_POINTS_RIGHT[2],
            (R, 14.5),
            "gluteus_medius.label",
        )

    if "landmarks" in layers:
        for side in ("left", "right"):
            x, y = LANDMARKS[f"psis_{side}"]
            _dot(ax, (x, y), f"landmarks.psis_{side}", COLOURS["psis"], 11)
        _label(
            ax,
            "PSIS (skin dimples)",
            LANDMARKS["psis_left"],
            (L, 11.5),
            "landmarks.label_psis",
            ha="right",
        )
        _label(ax, "Midline (spine)", (0.0, 22.0), (L, 22.0), "landmarks.label_midline", ha="right")

    if "thumb_spot" in layers:
        _draw_thumb_spots(ax, ("right",))
        cx, cy = -_THUMB_SPOT_CENTRE_LEFT[0], _THUMB_SPOT_CENTRE_LEFT[1]
        _label(
            ax,
            "Thumb-sized spot beside\nthe PSIS: the quiz asks\nabout pain here",
            (cx + 0.9, cy - 0.3),
            (R, 5.5),
            "thumb_spot.label",
            weight="bold",
        )

    _orientation(ax, (-41.0, -24.5), (41.0, -24.5))
    _title(ax, "Where an irritated gluteus medius can send pain (right side shown)")
    return fig


_STANCE_DROP_DEG = 8.0


def draw_single_leg_stance(
    ax: Sequence[Axes] | None = None, layers: Iterable[str] | None = None
) -> Figure:
    """Standing on the left leg, right leg lifted, seen from behind. Left: a strong left
    gluteus medius holds the pelvis level. Right: a weak one lets the pelvis drop on the side
    of the lifted leg (Trendelenburg sign)."""
    layers = _resolve_layers(layers, FIGURE_LAYERS["single_leg_stance"])
    if ax is None:
        fig = _NotebookFigure(figsize=(11.0, 8.2), facecolor="white")
        axes = (fig.add_axes((0.0, 0.0, 0.5, 0.93)), fig.add_axes((0.5, 0.0, 0.5, 0.93)))
    else:
        axes = tuple(ax)
        if len(axes) != 2:
            raise ValueError("draw_single_leg_stance needs two Axes, one for each panel")
        fig = _root_figure(axes[0])
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
    _setup_axes(ax, (-33.0, 33.0), (-59.0, 41.0))
    hip = LANDMARKS["hip_joint_left"]
    tilt = Affine2D() if strong else Affine2D().rotate_deg_around(*hip, -_STANCE_DROP_DEG)
    standing = smooth_path(_STANDING_LEG_LEFT, corners=(0, 9, 10))
    lifted = tilt.transform_path(smooth_path(_LIFTED_LEG_RIGHT, corners=(0, 9, 10)))
    trunk = tilt.transform_path(smooth_path(_TRUNK_KNOTS, corners=_TRUNK_CORNERS))
    # Cut ends and the tops of the legs (hidden under the trunk) get no outline.
    leg_top = (len(_STANDING_LEG_LEFT) - 2, len(_STANDING_LEG_LEFT) - 1)
    _skin(ax, standing, "body.standing_leg", (9, *leg_top), zorder=0.55)
    _skin(
        ax,
        lifted,
        "body.lifted_leg",
        (len(_LIFTED_LEG_RIGHT) - 2, len(_LIFTED_LEG_RIGHT) - 1),
        zorder=0.5,
    )
    _skin(ax, trunk, "body.trunk", _TRUNK_UNOUTLINED, zorder=0.6)
    _text(ax, (-15.0, -52.0), "standing\nleg", "body.label_standing", ha="right", fontsize=LABEL_PT)
    foot = tilt.transform((12.5, -47.0))
    _text(ax, (foot[0], foot[1]), "lifted\nleg", "body.label_lifted", ha="left", fontsize=LABEL_PT)

    if "bones" in layers:
        _draw_posterior_bones_for_stance(ax, tilt)

    if "gluteus_medius" in layers:
        medius = GLUTEUS_MEDIUS.moved(tilt)
        if strong:
            _fan(ax, medius, COLOURS["gluteus_medius"], "gluteus_medius.left", alpha=1.0, fibres=9)
            text = "strong\ngluteus\nmedius"
        else:
            _fan(
                ax,
                medius,
                _tint(COLOURS["gluteus_medius"], 0.3),
                "gluteus_medius.left",
                alpha=1.0,
                fibres=5,
                fibre_alpha=0.3,
                outline_colour=_darken(COLOURS["gluteus_medius"]),
            )
            text = "weak\ngluteus\nmedius"
        _label(
            ax,
            text,
            _fan_point(medius, 0.75, 0.3),
            (-22.0, 5.0),
            "gluteus_medius.label",
            ha="right",
            weight="bold",
        )

    if "landmarks" in layers:
        left = tilt.transform(LANDMARKS["iliac_crest_top_left"])
        right = tilt.transform(LANDMARKS["iliac_crest_top_right"])
        for name, xy in (("left", left), ("right", right)):
            _dot(
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
            _label(
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
            _label(
                ax,
                "level",
                (left[0] + 35.0, left[1]),
                (28.0, 27.0),
                "landmarks.label_level_line",
                ha="center",
                size=LABEL_PT,
            )
            _label(
                ax,
                "drop",
                tuple(end),
                (28.0, 6.0),
                "landmarks.label_drop_angle",
                ha="center",
                size=LABEL_PT,
            )
        _text(
            ax,
            (0.0, 36.5),
            heading,
            "landmarks.label_heading",
            fontsize=LABEL_PT + 1,
            fontweight="bold",
        )


def _draw_posterior_bones_for_stance(ax: Axes, tilt: Affine2D) -> None:
    for name in ("vertebra_l4", "vertebra_l5", "sacrum", "coccyx"):
        _bone(ax, tilt.transform_path(OUTLINES[name]), f"bones.{name}", zorder=1.0, lw=1.0)
    for side in ("left", "right"):
        _bone(
            ax,
            tilt.transform_path(OUTLINES[f"pubis_{side}"]),
            f"bones.pubis_{side}",
            zorder=1.2,
            lw=1.0,
        )
    _bone(ax, OUTLINES["femur_left"], "bones.femur_left", zorder=1.4, lw=1.0)
    hip_right = LANDMARKS["hip_joint_right"]
    thigh = (
        Affine2D()
        .translate(-hip_right[0], -hip_right[1])
        .scale(1.0, _LIFTED_THIGH_FORESHORTENING)
        .translate(*hip_right)
        + tilt
    )
    _bone(
        ax, thigh.transform_path(OUTLINES["femur_right"]), "bones.femur_right", zorder=1.4, lw=1.0
    )
    for side in ("left", "right"):
        _bone(
            ax,
            tilt.transform_path(OUTLINES[f"ilium_{side}"]),
            f"bones.ilium_{side}",
            zorder=1.6,
            lw=1.0,
        )


# --------------------------------------------------------------------------------------------
# The series' figures
# --------------------------------------------------------------------------------------------

#: Every figure of the series, in reading order (FIGURE_NAMES): name -> drawing function (all
#: arguments optional). ``python -m lowback.figures`` writes each one to figures/<name>.png
#: and .svg, and the pictures pages show to lowback/pictures/<name>.png.
FIGURES: Mapping[str, Callable[..., Figure]] = MappingProxyType(
    {
        "posterior_pelvis": draw_posterior_pelvis,
        "gluteus_medius_posterior": functools.partial(draw_gluteus_medius, "posterior"),
        "gluteus_medius_lateral": functools.partial(draw_gluteus_medius, "lateral"),
        "referred_pain": draw_referred_pain,
        "single_leg_stance": draw_single_leg_stance,
    }
)
