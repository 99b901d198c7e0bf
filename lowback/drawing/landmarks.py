"""Landmark geometry of the low back and hip, seen from behind: points, bone outlines, the two
gluteal muscles as fans, the skin outline and the referred-pain zones.

Geometry is data, in centimetres with y pointing up, x = 0 on the midline and y = 0 at the level
of the hip joint centres. Seen from behind, the reader's left is the body's left, so left-side
structures have x < 0. Proportions are those of an average adult: about 28 cm across the iliac
crests, the PSIS about 4 cm from the midline at the level of the second sacral spinous process
(S2), the hip joint centres about 17 cm apart. Outlines are smooth Bezier paths built from a
few knots each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import numpy as np
from matplotlib.path import Path

from lowback.drawing.helpers import (
    THUMB_SPOT_DIAMETER_CM,
    Fan,
    Point,
    compound,
    mirror_knots,
    smooth_path,
)

# --------------------------------------------------------------------------------------------
# Posterior view geometry (x = 0 midline, left side x < 0, y = 0 hip joint centres)
# --------------------------------------------------------------------------------------------

_HIP_CENTRE_X = 8.7
HEAD_RADIUS = 2.4

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
_SACRUM_KNOTS = _SACRUM_RIGHT_HALF + mirror_knots(_SACRUM_RIGHT_HALF[:0:-1])
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
_COCCYX_KNOTS = _COCCYX_RIGHT_HALF + mirror_knots(_COCCYX_RIGHT_HALF[-2:0:-1])

SACRAL_FORAMINA_RIGHT: tuple[Point, ...] = ((2.3, 11.9), (2.1, 9.2), (1.85, 7.0), (1.6, 5.1))
SACRAL_CREST: tuple[Point, ...] = ((0.0, 12.0), (0.0, 9.5), (0.0, 7.3), (0.0, 5.4))


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
    return half + mirror_knots(half[-2:0:-1])


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


def thumb_spot_knots(centre: Point) -> tuple[Point, ...]:
    r = THUMB_SPOT_DIAMETER_CM / 2
    # Slightly taller than wide, like the pad of a thumb.
    return tuple(
        (centre[0] + r * 0.95 * math.cos(a), centre[1] + r * 1.05 * math.sin(a))
        for a in np.linspace(0, 2 * math.pi, 8, endpoint=False)
    )


THUMB_SPOT_CENTRE_LEFT: Point = (-6.1, 10.1)


def _both(name: str, knots: tuple[Point, ...], corners: Iterable[int] = ()) -> dict[str, Path]:
    corners = tuple(corners)
    return {
        f"{name}_left": smooth_path(knots, corners=corners),
        f"{name}_right": smooth_path(mirror_knots(knots), corners=corners),
    }


_SKELETON_OUTLINES: dict[str, Path] = {
    **_both("ilium", _ILIUM_ISCHIUM_LEFT, _ILIUM_ISCHIUM_CORNERS),
    **{
        f"pubis_{side}": compound(smooth_path(k, corners=_PUBIS_CORNERS), smooth_path(h[::-1]))
        for side, k, h in (
            ("left", _PUBIS_LEFT, _OBTURATOR_FORAMEN_LEFT),
            ("right", mirror_knots(_PUBIS_LEFT), mirror_knots(_OBTURATOR_FORAMEN_LEFT)),
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
        mirror_knots(_INTERTROCHANTERIC_CREST_LEFT), closed=False
    ),
    "si_joint_left": smooth_path(_SI_JOINT_LEFT, closed=False),
    "si_joint_right": smooth_path(mirror_knots(_SI_JOINT_LEFT), closed=False),
    **_both("thumb_spot", thumb_spot_knots(THUMB_SPOT_CENTRE_LEFT)),
}

# --------------------------------------------------------------------------------------------
# Muscles, posterior view
# --------------------------------------------------------------------------------------------

#: Left posterior gluteal line seen from behind: from the iliac crest about 5 cm along it from
#: the PSIS (Gray's Anatomy) down to the upper part of the greater sciatic notch. It is the back
#: border of gluteus medius' origin; gluteus maximus starts on the bone behind it.
POSTERIOR_GLUTEAL_LINE_LEFT: tuple[Point, ...] = (
    (-6.55, 13.65),  # on the crest, about 5 cm from the PSIS
    (-8.4, 11.5),
    (-8.95, 9.0),
    (-8.5, 6.9),
    (-7.35, 5.05),  # above the greater sciatic notch
)

#: Left gluteus medius seen from behind: from the outer ilium in front of the posterior gluteal
#: line and below the crest to the top of the greater trochanter. Fibre t = 0 is the back
#: (posterior) border, t = 1 the front (anterior) border. Its origin keeps clear of the PSIS and
#: of the thumb-sized spot beside it.
GLUTEUS_MEDIUS = Fan(
    "gluteus_medius",
    origin=(
        *POSTERIOR_GLUTEAL_LINE_LEFT[::-1],  # 0..4, up the posterior gluteal line to the crest
        (-7.9, 14.75),
        (-9.7, 16.05),
        (-11.6, 16.55),
        (-13.1, 16.0),
        (-14.0, 14.6),
        (-14.1, 12.8),
    ),
    belly=((-10.3, 3.6), (-12.4, 6.4), (-14.3, 6.8), (-15.7, 5.8)),
    insertion=((-13.3, 1.0), (-14.6, 0.5), (-15.6, -0.7)),
    origin_corners=(len(POSTERIOR_GLUTEAL_LINE_LEFT) - 1,),
)

#: Left gluteus maximus seen from behind: from the back of the ilium, the sacrum and the coccyx
#: to the iliotibial band and the gluteal tuberosity of the femur. t = 0 is the upper border.
GLUTEUS_MAXIMUS = Fan(
    "gluteus_maximus",
    origin=(
        (-6.55, 13.65),  # where the posterior gluteal line meets the crest
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
    *mirror_knots(_BODY_LEFT_INNER[::-1]),
    *mirror_knots(_BODY_LEFT_OUTER[::-1]),
)
_BODY_CORNERS = (0, 8, 9, 12, 15, 16, len(_BODY_KNOTS) - 1)
BODY_CUT_SEGMENTS = (8, 15, len(_BODY_KNOTS) - 1)  # mid-thigh and waist, where it is cut off
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
TRIGGER_POINTS_RIGHT: tuple[Point, ...] = ((8.4, 13.0), (10.6, 14.2), (13.0, 12.2))

#: Outlines, posterior view: closed smooth Bezier paths (open ones for lines and folds).
OUTLINES: Mapping[str, Path] = MappingProxyType(
    {
        **_SKELETON_OUTLINES,
        "posterior_gluteal_line_left": smooth_path(POSTERIOR_GLUTEAL_LINE_LEFT, closed=False),
        "posterior_gluteal_line_right": smooth_path(
            mirror_knots(POSTERIOR_GLUTEAL_LINE_LEFT), closed=False
        ),
        "gluteus_medius_left": GLUTEUS_MEDIUS.outline,
        "gluteus_medius_right": GLUTEUS_MEDIUS.mirrored().outline,
        "gluteus_maximus_left": GLUTEUS_MAXIMUS.outline,
        "gluteus_maximus_right": GLUTEUS_MAXIMUS.mirrored().outline,
        "body": smooth_path(_BODY_KNOTS, corners=_BODY_CORNERS),
        "gluteal_fold_left": smooth_path(_GLUTEAL_FOLD_LEFT, closed=False),
        "gluteal_fold_right": smooth_path(mirror_knots(_GLUTEAL_FOLD_LEFT), closed=False),
        "natal_cleft": smooth_path(_NATAL_CLEFT, closed=False),
        "spinal_furrow": smooth_path(_SPINAL_FURROW, closed=False),
        "referred_pain_main_right": smooth_path(_REFERRED_MAIN_RIGHT),
        "referred_pain_buttock_right": smooth_path(_REFERRED_BUTTOCK_RIGHT),
    }
)
