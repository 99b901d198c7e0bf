"""Landmark geometry, the drawings built on it, and the reproducible figure files."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from functools import cache

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.text import Text

from lowback.drawing import figures
from lowback.drawing.catalogue import ALT_TEXT, FIGURE_NAMES, LAYERS
from lowback.drawing.figures import FIGURES, write_figures
from lowback.drawing.gluteus_medius import draw_gluteus_medius
from lowback.drawing.helpers import COLOURS, THUMB_SPOT_DIAMETER_CM, smooth_path
from lowback.drawing.landmarks import (
    GLUTEUS_MAXIMUS,
    GLUTEUS_MEDIUS,
    LANDMARKS,
    OUTLINES,
    POSTERIOR_GLUTEAL_LINE_LEFT,
    TRIGGER_POINTS_RIGHT,
)
from lowback.drawing.lateral_view import (
    LATERAL_GLUTEUS_MAXIMUS,
    LATERAL_GLUTEUS_MEDIUS,
    LATERAL_LANDMARKS,
    LATERAL_OUTLINES,
)
from lowback.drawing.pelvis import draw_posterior_pelvis
from lowback.drawing.referred_pain import draw_referred_pain
from lowback.drawing.stance import draw_single_leg_stance

# What each figure draws when no layers are asked for, and what it must say on the drawing.
DEFAULT_LAYERS = {
    "posterior_pelvis": {"bones", "landmarks", "thumb_spot"},
    "gluteus_medius_posterior": set(LAYERS),
    "gluteus_medius_lateral": {"bones", "gluteus_maximus", "gluteus_medius", "landmarks"},
    "referred_pain": {"bones", "gluteus_medius", "landmarks", "thumb_spot"},
    "single_leg_stance": {"bones", "gluteus_medius", "landmarks"},
}
EXPECTED_LABELS = {
    "posterior_pelvis": [
        "PSIS",
        "beside the sacrum",
        "Thumb-sized spot",
        "gluteus maximus origin",
        "SI ligaments",
        "S2 level",
        "finger widths",
        "4 cm",
        "Midline",
        "iliac crest",
        "Sacrum",
        "coccyx",
        "SI",
        "Hip joint",
        "Greater trochanter",
    ],
    "gluteus_medius_posterior": [
        "Gluteus medius",
        "Gluteus maximus",
        "see-through",
        "Front (anterior) fibres",
        "Middle fibres",
        "Back (posterior) fibres",
        "turn the thigh in",
        "turn the thigh out",
        "Greater trochanter",
        "PSIS",
        "posterior gluteal line",
        "5 cm from the PSIS",
        "Under it",
        "gluteus maximus origin",
        "SI ligaments",
        "not gluteus medius",
    ],
    "gluteus_medius_lateral": [
        "Gluteus medius",
        "Origin",
        "Anterior gluteal line",
        "Posterior gluteal line",
        "5 cm in front of the PSIS",
        "Front (anterior) fibres",
        "Middle fibres",
        "Back (posterior) fibres",
        "Gluteus maximus",
        "Greater trochanter",
        "ASIS",
        "PSIS",
    ],
    "referred_pain": [
        "iliac crest",
        "sacrum",
        "buttock",
        "Thumb-sized spot",
        "not over",
        "trigger points",
        "PSIS",
    ],
    "single_leg_stance": [
        "Strong gluteus medius",
        "Weak gluteus medius",
        "Trendelenburg sign",
        "level",
        "drop",
        "lifted",
        "standing",
    ],
}
GID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


@cache
def drawn(name: str, layers: frozenset[str] | None = None) -> Figure:
    return FIGURES[name]() if layers is None else FIGURES[name](layers=layers)


def our_texts(fig: Figure) -> list[Text]:
    """The texts the drawing put there (each has a gid), not the hidden axis tick labels."""
    return [t for t in fig.findobj(Text) if t.get_text() and t.get_gid()]


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in our_texts(fig)]


def gids(fig: Figure) -> list[str]:
    return [a.get_gid() for a in fig.findobj() if a.get_gid()]


def with_gid(fig: Figure, prefix: str) -> list:
    return [a for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)]


def polyline(path: Path) -> np.ndarray:
    return np.concatenate([seg(np.linspace(0, 1, 30)) for seg, _ in path.iter_bezier()])


def y_on(curve: np.ndarray, x: float) -> float:
    order = np.argsort(curve[:, 0])
    return float(np.interp(x, curve[order, 0], curve[order, 1]))


def x_on(curve: np.ndarray, y: float) -> float:
    order = np.argsort(curve[:, 1])
    return float(np.interp(y, curve[order, 1], curve[order, 0]))


def within(path: Path, point, tol_cm: float) -> bool:
    """Inside the closed path, or no further than ``tol_cm`` from its edge."""
    edge = polyline(path)
    return path.contains_point(point) or np.hypot(*(edge - point).T).min() <= tol_cm


def points_inside(path: Path, step_cm: float = 0.5) -> np.ndarray:
    (x0, y0), (x1, y1) = path.get_extents().get_points()
    xs, ys = np.meshgrid(np.arange(x0, x1, step_cm), np.arange(y0, y1, step_cm))
    grid = np.column_stack([xs.ravel(), ys.ravel()])
    return grid[path.contains_points(grid)]


# --- landmarks ------------------------------------------------------------------------------


def test_psis_left_and_right_are_mirror_images_about_the_midline():
    (xl, yl), (xr, yr) = LANDMARKS["psis_left"], LANDMARKS["psis_right"]
    assert xl < 0 < xr
    assert xl == pytest.approx(-xr)
    assert yl == pytest.approx(yr)


def test_every_left_landmark_has_a_mirrored_right_partner():
    for name, (x, y) in LANDMARKS.items():
        if name.endswith("_left"):
            partner = LANDMARKS[name.removesuffix("_left") + "_right"]
            assert partner == pytest.approx((-x, y)), name


def test_midline_landmarks_lie_on_the_midline():
    for name in ("s2_spinous", "sacrum", "coccyx_tip"):
        assert LANDMARKS[name][0] == 0.0


def test_psis_lie_below_the_top_of_the_iliac_crest():
    for side in ("left", "right"):
        assert LANDMARKS[f"psis_{side}"][1] < LANDMARKS[f"iliac_crest_top_{side}"][1] - 5


def test_psis_are_two_to_three_finger_widths_about_4_cm_from_the_midline():
    for side in ("left", "right"):
        assert abs(LANDMARKS[f"psis_{side}"][0]) == pytest.approx(4.0, abs=0.5)


def test_psis_are_level_with_the_s2_spinous_process():
    assert LANDMARKS["psis_left"][1] == pytest.approx(LANDMARKS["s2_spinous"][1], abs=0.5)


def test_psis_lie_over_the_middle_of_the_si_joint():
    for side in ("left", "right"):
        joint = polyline(OUTLINES[f"si_joint_{side}"])
        x, y = LANDMARKS[f"psis_{side}"]
        assert joint[:, 1].min() < y < joint[:, 1].max()
        assert abs(x_on(joint, y) - x) < 1.0


def test_pelvis_is_about_28_cm_wide_at_the_iliac_crests():
    width = np.ptp(
        np.concatenate([polyline(OUTLINES[f"ilium_{s}"]) for s in ("left", "right")])[:, 0]
    )
    assert width == pytest.approx(28.0, abs=2.0)


def test_hip_joint_centres_are_about_17_cm_apart_with_the_trochanters_outside_them():
    left, right = LANDMARKS["hip_joint_left"], LANDMARKS["hip_joint_right"]
    assert right[0] - left[0] == pytest.approx(17.5, abs=1.5)
    assert LANDMARKS["greater_trochanter_left"][0] < left[0] - 4


def test_thumb_spot_is_thumb_sized_and_just_outside_each_psis():
    for side, outward in (("left", -1), ("right", 1)):
        spot = polyline(OUTLINES[f"thumb_spot_{side}"])
        centre = spot.mean(axis=0)
        assert np.ptp(spot[:, 0]) == pytest.approx(THUMB_SPOT_DIAMETER_CM, abs=0.3)
        psis_x, psis_y = LANDMARKS[f"psis_{side}"]
        assert 1.0 < outward * (centre[0] - psis_x) < 3.0
        assert abs(centre[1] - psis_y) < 1.5
        assert not OUTLINES[f"thumb_spot_{side}"].contains_point((psis_x, psis_y))


def test_thumb_spot_lies_in_the_main_zone_of_pain_referred_from_gluteus_medius():
    centre = polyline(OUTLINES["thumb_spot_right"]).mean(axis=0)
    assert OUTLINES["referred_pain_main_right"].contains_point(centre)


def test_referred_pain_zones_cover_the_back_of_the_iliac_crest_the_sacrum_and_the_buttock():
    main = OUTLINES["referred_pain_main_right"]
    buttock = OUTLINES["referred_pain_buttock_right"]
    crest = polyline(OUTLINES["ilium_right"])
    back_of_crest = crest[(crest[:, 0] > 5.0) & (crest[:, 0] < 11.0) & (crest[:, 1] > 12.0)]
    assert main.contains_points(back_of_crest).mean() > 0.9
    assert main.contains_point(LANDMARKS["sacrum"])
    assert buttock.contains_point((12.0, 0.0))
    assert not buttock.contains_point((12.0, -15.0)), "not down the thigh"


# --- outlines -------------------------------------------------------------------------------


def test_outlines_are_smooth_bezier_curves_not_polygons():
    for outlines in (OUTLINES, LATERAL_OUTLINES):
        for name, path in outlines.items():
            codes = set(path.codes)
            assert codes & {Path.CURVE3, Path.CURVE4}, name
            assert Path.LINETO not in codes, name


def test_smooth_path_passes_through_its_knots():
    knots = ((0.0, 0.0), (3.0, 1.0), (4.0, 4.0), (1.0, 3.0))
    path = smooth_path(knots)
    on_curve = path.vertices[0:-1:3]
    assert np.allclose(on_curve[: len(knots)], knots)


def test_smooth_path_needs_two_knots():
    with pytest.raises(ValueError):
        smooth_path([(0.0, 0.0)])


# --- gluteus medius geometry ----------------------------------------------------------------


def test_gluteus_medius_origin_lies_on_the_ilium_between_the_gluteal_lines_below_the_crest():
    origin = LATERAL_OUTLINES["gluteus_medius_origin"]
    crest = polyline(LATERAL_OUTLINES["iliac_crest"])
    anterior = polyline(LATERAL_OUTLINES["anterior_gluteal_line"])
    posterior = polyline(LATERAL_OUTLINES["posterior_gluteal_line"])
    points = points_inside(origin)
    assert len(points) > 100
    assert LATERAL_OUTLINES["hip_bone"].contains_points(points).all()
    for x, y in points:
        assert y < y_on(crest, x)
        if anterior[:, 0].min() <= x <= anterior[:, 0].max():
            assert y > y_on(anterior, x), "above (behind) the anterior gluteal line"
        if posterior[:, 1].min() <= y <= posterior[:, 1].max():
            assert x > x_on(posterior, y), "in front of the posterior gluteal line"


def test_gluteus_medius_fibres_start_in_its_origin_region():
    origin = LATERAL_OUTLINES["gluteus_medius_origin"]
    starts = LATERAL_GLUTEUS_MEDIUS.origin_points(np.linspace(0, 1, 21))
    assert all(within(origin, p, 0.5) for p in starts)


def test_gluteus_medius_seen_from_behind_starts_on_the_ilium_below_the_crest():
    ilium = OUTLINES["ilium_left"]
    starts = GLUTEUS_MEDIUS.origin_points(np.linspace(0, 1, 21))
    assert ilium.contains_points(starts).all()
    assert (starts[:, 1] < LANDMARKS["iliac_crest_top_left"][1]).all()
    assert (starts[:, 0] < LANDMARKS["psis_left"][0]).all(), "lateral to the PSIS"


def test_gluteus_medius_inserts_on_the_greater_trochanter_in_both_views():
    for fan, trochanter in (
        (GLUTEUS_MEDIUS, OUTLINES["greater_trochanter_left"]),
        (GLUTEUS_MEDIUS.mirrored(), OUTLINES["greater_trochanter_right"]),
        (LATERAL_GLUTEUS_MEDIUS, LATERAL_OUTLINES["greater_trochanter"]),
    ):
        ends = fan.insertion_points(np.linspace(0, 1, 11))
        assert all(within(trochanter, p, 0.5) for p in ends)


def test_gluteus_maximus_covers_the_back_third_of_gluteus_medius_not_the_front():
    for medius, maximus in (
        (LATERAL_GLUTEUS_MEDIUS, LATERAL_GLUTEUS_MAXIMUS),
        (GLUTEUS_MEDIUS, GLUTEUS_MAXIMUS),
    ):
        back = points_inside(medius.sector(0.0, 1 / 3), 0.3)
        front = points_inside(medius.sector(2 / 3, 1.0), 0.3)
        assert maximus.outline.contains_points(back).mean() > 0.4
        assert maximus.outline.contains_points(front).mean() < 0.15


def test_fibre_groups_tile_the_whole_muscle():
    whole = points_inside(GLUTEUS_MEDIUS.outline, 0.6)
    sectors = [GLUTEUS_MEDIUS.sector(a, b) for a, b in ((0, 1 / 3), (1 / 3, 2 / 3), (2 / 3, 1))]
    covered = np.any([[within(s, p, 0.2) for p in whole] for s in sectors], axis=0)
    assert covered.mean() > 0.97


# --- what lies under the thumb-sized spot: not gluteus medius --------------------------------
# Gluteus medius starts in front of the posterior gluteal line, which meets the iliac crest
# about 5 cm in front of the PSIS (Gray's Anatomy); under the thumb-sized spot beside the PSIS
# lie the origin of gluteus maximus, the posterior sacroiliac ligaments and the SI joint.


def gap_cm(a: np.ndarray, b: np.ndarray) -> float:
    """The shortest distance between two sets of points."""
    return float(np.hypot(*(np.asarray(a)[:, None, :] - np.asarray(b)[None, :, :]).T).min())


def test_gluteus_medius_starts_at_least_4_5_cm_from_the_psis_in_every_view():
    for outline, psis in (
        (OUTLINES["gluteus_medius_left"], LANDMARKS["psis_left"]),
        (OUTLINES["gluteus_medius_right"], LANDMARKS["psis_right"]),
        (LATERAL_OUTLINES["gluteus_medius"], LATERAL_LANDMARKS["psis"]),
        (LATERAL_OUTLINES["gluteus_medius_origin"], LATERAL_LANDMARKS["psis"]),
    ):
        assert not outline.contains_point(psis)
        assert gap_cm(polyline(outline), [psis]) >= 4.5


def test_the_posterior_gluteal_line_meets_the_crest_about_5_cm_along_it_from_the_psis():
    for crest, line, psis in (
        (OUTLINES["ilium_left"], OUTLINES["posterior_gluteal_line_left"], LANDMARKS["psis_left"]),
        (
            LATERAL_OUTLINES["iliac_crest"],
            LATERAL_OUTLINES["posterior_gluteal_line"],
            LATERAL_LANDMARKS["psis"],
        ),
    ):
        rim = polyline(crest)
        along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(rim, axis=0).T))])
        ends = polyline(line)[[0, -1]]
        top = ends[np.argmax(ends[:, 1])]
        at_top = np.argmin(np.hypot(*(rim - top).T))
        at_psis = np.argmin(np.hypot(*(rim - psis).T))
        assert np.hypot(*(rim[at_top] - top)) < 0.5, "the line starts on the crest"
        assert abs(along[at_top] - along[at_psis]) == pytest.approx(5.0, abs=0.6)


def test_gluteus_medius_seen_from_behind_starts_along_the_posterior_gluteal_line():
    line = polyline(OUTLINES["posterior_gluteal_line_left"])
    for start in GLUTEUS_MEDIUS.origin_points(np.linspace(0.0, 0.2, 9)):
        assert gap_cm(line, [start]) < 0.3
    assert POSTERIOR_GLUTEAL_LINE_LEFT[0][1] > LANDMARKS["psis_left"][1] + 3, "up on the crest"


def test_the_thumb_spot_does_not_overlap_gluteus_medius_in_any_view():
    for spot, medius in (
        (OUTLINES["thumb_spot_left"], OUTLINES["gluteus_medius_left"]),
        (OUTLINES["thumb_spot_right"], OUTLINES["gluteus_medius_right"]),
        (LATERAL_OUTLINES["thumb_spot"], LATERAL_OUTLINES["gluteus_medius"]),
        (LATERAL_OUTLINES["thumb_spot"], LATERAL_OUTLINES["gluteus_medius_origin"]),
    ):
        assert not medius.contains_points(points_inside(spot, 0.1)).any()
        assert not spot.contains_points(polyline(medius)).any()
        assert gap_cm(polyline(spot), polyline(medius)) > 1.0


@pytest.mark.parametrize(
    "name", ["gluteus_medius_posterior", "gluteus_medius_lateral", "referred_pain"]
)
def test_in_each_figure_the_drawn_thumb_spot_stays_off_the_drawn_gluteus_medius(name):
    fig = drawn(name, frozenset(LAYERS))
    spots = [a.get_path() for a in with_gid(fig, "thumb_spot.") if isinstance(a, PathPatch)]
    medius = [
        a.get_path()
        for a in with_gid(fig, "gluteus_medius.")
        if isinstance(a, PathPatch) and a.get_gid().endswith("_outline")
    ]
    assert spots and medius
    for spot in spots:
        for muscle in medius:
            assert not muscle.contains_points(points_inside(spot, 0.1)).any()


def test_the_thumb_spot_lies_on_the_gluteus_maximus_origin_behind_the_posterior_gluteal_line():
    for side, outward in (("left", -1), ("right", 1)):
        under = points_inside(OUTLINES[f"thumb_spot_{side}"], 0.1)
        line = polyline(OUTLINES[f"posterior_gluteal_line_{side}"])
        assert OUTLINES[f"ilium_{side}"].contains_points(under).all(), "on the hip bone"
        assert all(outward * (x - x_on(line, y)) < 0 for x, y in under), "behind the line"
        maximus = GLUTEUS_MAXIMUS if side == "left" else GLUTEUS_MAXIMUS.mirrored()
        assert maximus.outline.contains_points(under).all()
    under = points_inside(LATERAL_OUTLINES["thumb_spot"], 0.1)
    line = polyline(LATERAL_OUTLINES["posterior_gluteal_line"])
    assert LATERAL_OUTLINES["hip_bone"].contains_points(under).all()
    assert all(x < x_on(line, y) for x, y in under), "behind the line, towards the PSIS"
    assert LATERAL_GLUTEUS_MAXIMUS.outline.contains_points(under).all()


def test_the_thumb_spot_lies_over_the_si_joint_area_within_1_to_2_cm_of_the_psis():
    # People with SI joint pain point at the PSIS or within 1 to 2 cm of it (Fortin & Falco
    # 1997; Murakami et al. 2008), where the joint's posterior ligaments cover it. Here the
    # SI joint area is the band within 2 cm of the drawn joint line.
    for side in ("left", "right"):
        spot = OUTLINES[f"thumb_spot_{side}"]
        assert 0.5 < gap_cm(polyline(spot), [LANDMARKS[f"psis_{side}"]]) <= 2.0
        joint = polyline(OUTLINES[f"si_joint_{side}"])
        under = points_inside(spot, 0.1)
        assert np.mean([gap_cm(joint, [p]) <= 2.0 for p in under]) > 0.5
        assert joint[:, 1].min() < under[:, 1].min() < under[:, 1].max() < joint[:, 1].max()


def test_trigger_points_lie_inside_gluteus_medius_and_outside_the_thumb_spot():
    for point in TRIGGER_POINTS_RIGHT:
        assert OUTLINES["gluteus_medius_right"].contains_point(point)
        assert not OUTLINES["thumb_spot_right"].contains_point(point)


# --- drawings -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIGURES))
def test_each_figure_is_a_figure_on_white_with_its_expected_labels(name):
    fig = drawn(name)
    assert isinstance(fig, Figure)
    assert to_hex(fig.get_facecolor()) == "#ffffff"
    words = " ".join(" ".join(texts(fig)).split()).lower()  # line breaks read as spaces
    for expected in EXPECTED_LABELS[name]:
        assert expected.lower() in words, expected


@pytest.mark.parametrize("name", list(FIGURES))
def test_text_is_at_least_11_points_at_the_figures_own_size(name):
    sizes = [t.get_fontsize() for t in our_texts(drawn(name))]
    assert sizes and min(sizes) >= 11


@pytest.mark.parametrize("name", list(FIGURES))
def test_labels_do_not_overlap_and_stay_inside_the_figure(name):
    fig = FIGURES[name]()
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in our_texts(fig)]
    for text, box in boxes:
        assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1), text
    for k, (text, box) in enumerate(boxes):
        for other, other_box in boxes[k + 1 :]:
            assert not box.overlaps(other_box), (text, other)


@pytest.mark.parametrize("name", list(FIGURES))
def test_labels_are_on_the_drawing_not_in_a_legend(name):
    for ax in drawn(name).axes:
        assert ax.get_legend() is None


@pytest.mark.parametrize("name", list(FIGURES))
def test_artist_ids_are_unique_and_safe_for_svg(name):
    found = gids(drawn(name))
    assert [g for g, n in Counter(found).items() if n > 1] == []
    assert all(GID_PATTERN.match(g) for g in found)


@pytest.mark.parametrize(
    ("name", "layer"),
    [(name, layer) for name, layers in DEFAULT_LAYERS.items() for layer in sorted(layers)],
)
def test_each_layer_draws_its_artists_and_labels_and_turning_it_off_removes_them(name, layer):
    with_layer = drawn(name)
    assert with_gid(with_layer, f"{layer}.")
    without = drawn(name, frozenset(DEFAULT_LAYERS[name] - {layer}))
    assert with_gid(without, f"{layer}.") == []
    labels_of_layer = {
        t.get_text() for t in with_gid(with_layer, f"{layer}.") if isinstance(t, Text)
    }
    assert labels_of_layer.isdisjoint(texts(without))


@pytest.mark.parametrize("name", list(FIGURES))
def test_default_layers_are_the_ones_documented(name):
    drawn_layers = {g.split(".")[0] for g in gids(drawn(name))} & set(LAYERS)
    assert drawn_layers == DEFAULT_LAYERS[name]


def test_without_gluteus_maximus_nothing_mentions_it():
    for view in ("posterior", "lateral"):
        fig = draw_gluteus_medius(view, layers={"bones", "gluteus_medius", "landmarks"})
        assert not any("maximus" in t.lower() for t in texts(fig))
        assert not any("maximus" in g for g in gids(fig))


def test_thumb_spot_can_be_added_to_the_side_view_of_gluteus_medius():
    fig = draw_gluteus_medius("lateral", layers=set(LAYERS))
    assert with_gid(fig, "thumb_spot.")


def test_an_unknown_layer_is_refused_by_name():
    with pytest.raises(ValueError, match="skin"):
        draw_posterior_pelvis(layers={"bones", "skin"})


def test_an_unknown_view_is_refused():
    with pytest.raises(ValueError, match="view"):
        draw_gluteus_medius("front")


def test_drawing_into_a_given_axes_uses_its_figure():
    fig = Figure()
    ax = fig.add_subplot()
    assert draw_posterior_pelvis(ax=ax) is fig
    assert draw_referred_pain(ax=ax) is fig
    assert with_gid(fig, "landmarks.psis_left")


def test_single_leg_stance_draws_into_two_given_axes_and_refuses_one():
    fig = Figure()
    pair = fig.subplots(1, 2)
    assert draw_single_leg_stance(ax=pair) is fig
    with pytest.raises(ValueError, match="two Axes"):
        draw_single_leg_stance(ax=[fig.add_subplot()])


def test_pelvis_stays_level_with_a_strong_muscle_and_drops_on_the_lifted_side_with_a_weak_one():
    strong_ax, weak_ax = drawn("single_leg_stance").axes
    for ax, should_drop in ((strong_ax, False), (weak_ax, True)):
        (line,) = [a for a in ax.lines if a.get_gid().startswith("landmarks.crest_line")]
        (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
        assert x1 > x0, "drawn from the standing (left) side to the lifted (right) side"
        drop_deg = np.degrees(np.arctan2(y0 - y1, x1 - x0))
        if should_drop:
            assert 4 < drop_deg < 15
        else:
            assert drop_deg == pytest.approx(0.0, abs=0.01)


def test_same_landmark_same_colour_in_every_figure():
    seen: dict[str, set[str]] = {}
    for name in FIGURES:
        fig = drawn(name)
        for artist in fig.findobj():
            gid = artist.get_gid() or ""
            for key, prefix in (
                ("psis", "landmarks.psis_"),
                ("trochanter", "landmarks.greater_trochanter"),
                ("thumb_spot", "thumb_spot.left"),
                ("thumb_spot", "thumb_spot.right"),
            ):
                if gid.startswith(prefix) and "label" not in gid:
                    colour = (
                        artist.get_markerfacecolor()
                        if hasattr(artist, "get_markerfacecolor")
                        else artist.get_facecolor()
                    )
                    seen.setdefault(key, set()).add(to_hex(colour))
            if gid.startswith("gluteus_medius.") and gid.endswith("_outline"):
                seen.setdefault("gluteus_medius_outline", set()).add(to_hex(artist.get_edgecolor()))
    assert seen["psis"] == {COLOURS["psis"].lower()}
    assert seen["trochanter"] == {COLOURS["trochanter"].lower()}
    assert seen["thumb_spot"] == {COLOURS["thumb_spot"].lower()}
    assert len(seen["gluteus_medius_outline"]) == 1


def test_colours_are_okabe_ito_for_the_structures_the_series_points_at():
    okabe_ito = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00",
                 "#cc79a7"}  # fmt: skip
    for key in ("psis", "thumb_spot", "si_joint", "trochanter", "gluteus_medius",
                "gluteus_maximus", "referred_pain", "midline"):  # fmt: skip
        assert COLOURS[key].lower() in okabe_ito, key
    distinct = ("psis", "thumb_spot", "si_joint", "gluteus_medius", "gluteus_maximus")
    assert len({COLOURS[k] for k in distinct}) == len(distinct)


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_label_or_alt_text_puts_the_psis_next_to_the_tailbone(name):
    # The PSIS is beside the sacrum at S2, several centimetres above the tailbone (coccyx).
    for text in [*texts(drawn(name)), ALT_TEXT[name]]:
        assert not re.search(r"(next to|beside|near|by) the tailbone", text, re.I), text


@pytest.mark.parametrize("name", ["gluteus_medius_posterior", "gluteus_medius_lateral"])
def test_alt_text_says_gluteus_medius_starts_about_5_cm_from_the_psis(name):
    assert "about 5 cm" in ALT_TEXT[name] and "PSIS" in ALT_TEXT[name]


def test_alt_texts_say_what_lies_under_the_thumb_sized_spot_and_that_medius_does_not():
    for name in ("posterior_pelvis", "gluteus_medius_posterior"):
        assert "gluteus maximus" in ALT_TEXT[name], name
        assert "sacroiliac ligaments" in ALT_TEXT[name], name
    assert "not over gluteus medius" in ALT_TEXT["gluteus_medius_posterior"]
    assert "not over the muscle itself" in ALT_TEXT["referred_pain"]


def test_every_figure_has_alt_text_of_one_or_two_sentences():
    assert set(ALT_TEXT) == set(FIGURES)
    for name, text in ALT_TEXT.items():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
        assert 1 <= len(sentences) <= 2, name
        assert len(text) > 80, name


def test_a_figure_shows_itself_as_a_png_when_it_is_a_notebook_cells_value():
    assert draw_referred_pain()._repr_png_().startswith(b"\x89PNG")


def test_figures_are_listed_in_reading_order():
    assert list(FIGURES) == [
        "posterior_pelvis",
        "gluteus_medius_posterior",
        "gluteus_medius_lateral",
        "referred_pain",
        "single_leg_stance",
    ]
    assert tuple(FIGURES) == FIGURE_NAMES, "the catalogue names the figures that are drawn"


def test_geometry_cannot_be_changed_by_a_notebook():
    with pytest.raises(TypeError):
        LANDMARKS["psis_left"] = (0.0, 0.0)  # type: ignore[index]
    with pytest.raises(TypeError):
        COLOURS["psis"] = "red"  # type: ignore[index]
    with pytest.raises(AttributeError):
        GLUTEUS_MEDIUS.origin = ()  # type: ignore[misc]
    assert LATERAL_LANDMARKS["asis"][0] > LATERAL_LANDMARKS["psis"][0], "front is +x"


def test_drawing_every_figure_leaves_pyplot_untouched():
    code = (
        "import sys, lowback.drawing.figures as a\n"
        "[draw() for draw in a.FIGURES.values()]\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- figure files ---------------------------------------------------------------------------


@pytest.mark.slow
def test_write_figures_twice_gives_identical_bytes(tmp_path):
    first = write_figures(tmp_path / "first")
    second = write_figures(tmp_path / "second")
    assert [p.name for p in first] == [p.name for p in second]
    assert {p.name for p in first} == {f"{n}.{ext}" for n in FIGURES for ext in ("png", "svg")}
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg = (tmp_path / "first" / "referred_pain.svg").read_text()
    assert "<dc:date>" not in svg
    png = (tmp_path / "first" / "referred_pain.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"Software" not in png


@pytest.mark.slow
def test_figures_command_writes_into_the_directories_it_is_given(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(figures, "FIGURE_NAMES", ("posterior_pelvis",))
    monkeypatch.setattr(figures, "FRAMES", ("start",))
    assert figures.main([str(tmp_path / "files"), str(tmp_path / "pages")]) == 0
    assert sorted(p.name for p in (tmp_path / "files").iterdir()) == [
        "posterior_pelvis.png",
        "posterior_pelvis.svg",
    ]
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        "frame_start_left.png",
        "frame_start_left.webp",
        "frame_start_left_phone.png",
        "frame_start_left_phone.webp",
        "frame_start_right.png",
        "frame_start_right.webp",
        "frame_start_right_phone.png",
        "frame_start_right_phone.webp",
        "posterior_pelvis.png",
        "posterior_pelvis.webp",
        "posterior_pelvis_phone.png",
        "posterior_pelvis_phone.webp",
        "psis_answer.png",
        "psis_question.png",
    ]
    assert len(capsys.readouterr().out.splitlines()) == 16


@pytest.mark.slow
def test_figures_module_runs_with_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "lowback.drawing", "--help"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "OUTDIR" in out.stdout
    assert figures.DEFAULT_OUTDIR.name == "figures"


def test_module_exports_what_it_documents():
    for name in figures.__all__:
        assert hasattr(figures, name), name
