"""Geometry of the right hip seen from its right side, for the side view of gluteus medius:
points, bone outlines, the gluteal lines, gluteus medius' origin and the two gluteal muscles
as fans.

Centimetres with y pointing up, x = 0 at the hip joint centre, the front of the body towards +x.
Gluteus medius starts in front of the posterior gluteal line, which meets the crest about 5 cm
in front of the PSIS (Gray's Anatomy); the thumb-sized spot beside the PSIS lies behind it, on
the origin of gluteus maximus.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from lowback.drawing.helpers import Fan, Point, compound, smooth_path
from lowback.drawing.landmarks import thumb_spot_knots

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
#: The posterior gluteal line, from above the greater sciatic notch up to the crest, which it
#: meets about 5 cm in front of the PSIS (Gray's Anatomy): gluteus medius starts in front of it.
POSTERIOR_GLUTEAL_LINE_LATERAL: tuple[Point, ...] = (
    (-7.7, 5.4),  # 0 where it meets the anterior gluteal line, above the sciatic notch
    (-5.95, 8.3),
    (-5.75, 10.6),
    (-6.6, 12.85),
    (-8.55, 14.1),  # 4 on the crest, about 5 cm from the PSIS
)
_ANTERIOR_GLUTEAL_LINE: tuple[Point, ...] = (
    (3.4, 13.0),
    (0.9, 11.9),
    (-2.6, 9.9),
    (-5.6, 7.5),
    (-7.7, 5.4),
)
_MEDIUS_ORIGIN_LATERAL: tuple[Point, ...] = (
    *POSTERIOR_GLUTEAL_LINE_LATERAL,  # 0..4, up the posterior gluteal line to the crest
    (-6.9, 15.45),
    (-4.0, 16.6),
    (-0.8, 16.2),
    (2.1, 14.3),
    (3.2, 12.9),  # 9 where the anterior gluteal line leaves the crest
    *_ANTERIOR_GLUTEAL_LINE[1:],  # 10..13, down to the sciatic notch, where the two lines meet
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
    "posterior_gluteal_line": smooth_path(POSTERIOR_GLUTEAL_LINE_LATERAL, closed=False),
    "gluteus_medius_origin": smooth_path(
        _MEDIUS_ORIGIN_LATERAL, corners=(0, 4, 9, len(_MEDIUS_ORIGIN_LATERAL) - 1)
    ),
    # Seen from the side the spot beside the PSIS is foreshortened to about half its width.
    "thumb_spot": smooth_path(
        tuple((-9.0 + 0.55 * (x + 6.1), y) for x, y in thumb_spot_knots((-6.1, 10.1)))
    ),
}

#: Right gluteus medius seen from the side: t = 0 the back border, t = 1 the front border.
LATERAL_GLUTEUS_MEDIUS = Fan(
    "gluteus_medius",
    origin=(
        *POSTERIOR_GLUTEAL_LINE_LATERAL,
        (-6.8, 15.5),
        (-4.0, 16.55),
        (-0.8, 16.15),
        (2.2, 14.2),
        (3.4, 12.6),
    ),
    belly=((-4.6, 3.4), (-2.4, 7.2), (0.4, 7.8), (3.1, 5.2)),
    insertion=((-2.6, -0.1), (-0.8, -0.9), (0.9, -2.3)),
    origin_corners=(len(POSTERIOR_GLUTEAL_LINE_LATERAL) - 1,),
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
