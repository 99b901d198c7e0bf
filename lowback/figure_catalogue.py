"""What the series' anatomy figures are, in words: names, layers, titles, text alternatives.

Nothing here draws, so a page can name, caption and choose figures without importing
Matplotlib: lowback.anatomy draws them, lowback.figures shows the pre-drawn pictures.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ALT_TEXT",
    "FIGURE_LAYERS",
    "FIGURE_NAMES",
    "FIGURE_TITLES",
    "LAYERS",
    "LAYER_TITLES",
]

#: Every figure of the series, in reading order (lowback.anatomy.FIGURES draws each one).
FIGURE_NAMES: tuple[str, ...] = (
    "posterior_pelvis",
    "gluteus_medius_posterior",
    "gluteus_medius_lateral",
    "referred_pain",
    "single_leg_stance",
)

#: What can be switched on and off in the drawings.
LAYERS: tuple[str, ...] = ("bones", "gluteus_maximus", "gluteus_medius", "landmarks", "thumb_spot")
#: The layers each figure draws (and so can switch off), also its default.
FIGURE_LAYERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "posterior_pelvis": ("bones", "landmarks", "thumb_spot"),
        "gluteus_medius_posterior": LAYERS,
        "gluteus_medius_lateral": ("bones", "gluteus_maximus", "gluteus_medius", "landmarks"),
        "referred_pain": ("bones", "gluteus_medius", "landmarks", "thumb_spot"),
        "single_leg_stance": ("bones", "gluteus_medius", "landmarks"),
    }
)

#: A short heading for each figure, as the anatomy explorer lists them.
FIGURE_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "posterior_pelvis": "The PSIS and the thumb-sized spot, from behind",
        "gluteus_medius_posterior": "Gluteus medius, from behind",
        "gluteus_medius_lateral": "Gluteus medius, from the side",
        "referred_pain": "Where gluteus medius can send pain",
        "single_leg_stance": "Standing on one leg: level pelvis or Trendelenburg sign",
    }
)
#: What each layer's checkbox says.
LAYER_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "bones": "Bones",
        "gluteus_maximus": "Gluteus maximus (see-through)",
        "gluteus_medius": "Gluteus medius",
        "landmarks": "Landmarks (PSIS, trochanter, crest)",
        "thumb_spot": "Thumb-sized spot",
    }
)

#: A text alternative for every figure, for screen readers and for anyone who cannot see it.
ALT_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "posterior_pelvis": (
            "The pelvis seen from behind, with the midline of the spine down the centre. "
            "Each PSIS, the bony bump beside the tailbone, sits about 4 cm (2 to 3 finger "
            "widths) from the midline, level with the second sacral segment (S2) where the "
            "skin dimples are and over the sacroiliac joint, and a thumb-sized spot about "
            "2 cm across is marked just outside the right PSIS."
        ),
        "gluteus_medius_posterior": (
            "Gluteus medius seen from behind: a fan-shaped muscle running from the outer "
            "surface of the hip bone, just below the iliac crest, down to the top of the "
            "greater trochanter of the thigh bone. All its fibres lift the leg out to the "
            "side; the front fibres also bend the hip and turn the thigh in, the back fibres "
            "also extend the hip and turn the thigh out, and on the right side gluteus "
            "maximus is drawn see-through over its back third."
        ),
        "gluteus_medius_lateral": (
            "The right hip seen from the side, front to the right: gluteus medius starts on "
            "the outer hip bone between the anterior and posterior gluteal lines, below the "
            "iliac crest, and its front, middle and back fibres converge on the greater "
            "trochanter. Gluteus maximus, drawn see-through, covers the back third of it."
        ),
        "referred_pain": (
            "The back of the body from the waist to mid-thigh, showing where trigger points "
            "in the right gluteus medius send pain: mainly along the back of the iliac crest "
            "and over the sacrum, and it can spread across the buttock. The thumb-sized spot "
            "just outside the PSIS, which the quiz asks about, lies inside the main zone."
        ),
        "single_leg_stance": (
            "Two views from behind of a person standing on the left leg with the right leg "
            "lifted. With a strong left gluteus medius the two iliac crests stay level; with "
            "a weak one the pelvis drops on the side of the lifted leg, the Trendelenburg "
            "sign."
        ),
    }
)
