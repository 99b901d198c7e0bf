"""The "find the PSIS" judge (lowback.psis_question): pure, so every rule is tested here, on a
simple made-up picture and on the real one's landmarks."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lowback.psis_question import (
    CLOSE_CM,
    HOW_TO_FIND_IT,
    KINDS,
    NEARER_INSTEAD,
    ON_IT_CM,
    PLACES,
    POINT_KINDS,
    WHERE_IT_IS,
    PictureLandmarks,
    answer_in_words,
    format_distance,
    judge,
    picture_landmarks,
    read_marker,
)

# A made-up picture 40 cm square: the PSIS 4 cm either side of the middle, halfway down, the
# tailbone 10 cm below the middle, the top of each hip bone up and out.
SQUARE = picture_landmarks(
    {
        "width_cm": 40.0,
        "height_cm": 40.0,
        "points": {
            "psis_left": [0.4, 0.5],
            "psis_right": [0.6, 0.5],
            "s2_spinous": [0.5, 0.5],
            "coccyx_tip": [0.5, 0.75],
            "iliac_crest_top_left": [0.2, 0.3],
            "iliac_crest_top_right": [0.8, 0.3],
        },
    }
)


def at_cm(right_cm: float, down_cm: float, landmarks: PictureLandmarks = SQUARE):
    """A marker `right_cm` right of and `down_cm` below the middle of the made-up picture."""
    return 0.5 + right_cm / landmarks.width_cm, 0.5 + down_cm / landmarks.height_cm


# -- how near counts as what -----------------------------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_marker_on_either_psis_is_on_it(side):
    verdict = judge(*SQUARE.points[f"psis_{side}"], SQUARE)
    assert verdict.kind == "on_it"
    assert verdict.side == side
    assert verdict.distance_cm == pytest.approx(0.0)
    assert verdict.headline == "On it: that is the PSIS."
    assert f"within {ON_IT_CM:g} cm of the PSIS on the body's {side}" in verdict.explanation[0]


@pytest.mark.parametrize(
    ("offset_cm", "kind"),
    [
        ((-4.0 + 1.49, 0.0), "on_it"),
        ((-4.0, 1.49), "on_it"),
        ((-4.0 - 1.51, 0.0), "close"),
        ((-4.0, -2.99), "close"),
        ((-4.0, 3.01), "not_yet"),
        ((0.0, 0.0), "not_yet"),  # the middle of the spine, 4 cm from each PSIS
    ],
)
def test_the_thresholds_are_1_5_cm_for_on_it_and_3_cm_for_close(offset_cm, kind):
    assert (ON_IT_CM, CLOSE_CM) == (1.5, 3.0)
    assert judge(*at_cm(*offset_cm), SQUARE).kind == kind


def test_the_nearer_psis_is_the_one_judged():
    verdict = judge(*at_cm(5.0, 1.0), SQUARE)
    assert verdict.side == "right"
    assert verdict.distance_cm == pytest.approx(math.hypot(1.0, 1.0))


@pytest.mark.parametrize(
    ("offset_cm", "way"),
    [
        ((-4.0, 3.0), "To reach it, move the marker higher."),
        ((-4.0, -2.5), "To reach it, move the marker lower."),
        ((-6.5, 0.0), "To reach it, move the marker nearer the middle."),
        ((6.5, 0.0), "To reach it, move the marker nearer the middle."),
        ((-1.5, 0.0), "To reach it, move the marker further out to the side."),
        ((1.5, 0.0), "To reach it, move the marker further out to the side."),
        ((-8.0, 5.0), "To reach it, move the marker higher and nearer the middle."),
        ((2.0, -2.0), "To reach it, move the marker lower and further out to the side."),
    ],
)
def test_a_miss_says_which_way_to_move_the_marker_on_either_side(offset_cm, way):
    verdict = judge(*at_cm(*offset_cm), SQUARE)
    assert verdict.kind != "on_it"
    assert verdict.explanation[1] == way


def test_a_marker_on_the_middle_of_the_spine_is_told_the_psis_is_not_on_the_spine():
    verdict = judge(*SQUARE.points["s2_spinous"], SQUARE)
    assert verdict.kind == "not_yet"
    assert "Your marker is closer to the middle of the spine" in " ".join(verdict.explanation)
    assert NEARER_INSTEAD["s2_spinous"].lesson in " ".join(verdict.explanation)


def test_a_marker_by_the_tailbone_is_told_the_psis_is_several_centimetres_higher():
    verdict = judge(*SQUARE.points["coccyx_tip"], SQUARE)
    assert verdict.kind == "not_yet"
    assert verdict.headline == "Not yet: that is not the PSIS."
    said = " ".join(verdict.explanation)
    assert "closer to the tailbone (coccyx)" in said
    assert "several centimetres above the tailbone" in said
    assert "higher" in verdict.explanation[1]


def test_a_near_miss_names_no_other_landmark_when_the_psis_is_still_the_nearest():
    verdict = judge(*at_cm(-4.0, 2.0), SQUARE)
    assert verdict.kind == "close"
    assert not any(s.startswith("Your marker is closer to") for s in verdict.explanation)


@pytest.mark.parametrize("kind", KINDS)
def test_every_verdict_teaches_where_the_psis_is_and_a_miss_how_to_find_it(kind):
    offsets = {"on_it": (-4.0, 0.0), "close": (-4.0, 2.0), "not_yet": (0.0, 8.0)}
    verdict = judge(*at_cm(*offsets[kind]), SQUARE)
    assert verdict.kind == kind
    assert WHERE_IT_IS in verdict.explanation
    assert (HOW_TO_FIND_IT in verdict.explanation) == (kind == "not_yet")


def test_the_teaching_says_beside_the_sacrum_above_the_tailbone_never_next_to_it():
    texts = [WHERE_IT_IS, HOW_TO_FIND_IT]
    texts += [f"{n.what} {n.lesson}" for n in NEARER_INSTEAD.values()]
    texts += [place.label for place in PLACES]
    for text in texts:
        assert "next to the tailbone" not in text.lower()
        assert "next to your tailbone" not in text.lower()
    assert "beside the sacrum" in WHERE_IT_IS and "above the tailbone" in WHERE_IT_IS
    assert "4 cm (2 to 3 finger widths)" in WHERE_IT_IS and "(S2)" in WHERE_IT_IS


@pytest.mark.parametrize(
    ("distance_cm", "said"),
    [
        (1.51, "about 2 cm"),
        (2.0, "about 2 cm"),
        (2.01, "about 2.5 cm"),
        (3.7, "about 4 cm"),
        (4.99, "about 5 cm"),
        (10.38, "about 10 cm"),
        (16.6, "about 17 cm"),
    ],
)
def test_a_miss_is_said_in_half_centimetres_rounded_up_then_whole_ones(distance_cm, said):
    assert format_distance(distance_cm) == said


@given(st.floats(min_value=ON_IT_CM, max_value=60.0, exclude_min=True))
def test_a_miss_never_reads_as_near_as_on_it(distance_cm):
    shown = float(re.search(r"about ([\d.]+) cm", format_distance(distance_cm)).group(1))
    assert shown > ON_IT_CM


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_any_point_on_the_picture_gets_the_verdict_its_distance_earns(x, y):
    verdict = judge(x, y, SQUARE)
    distances = {
        side: math.hypot(
            (x - SQUARE.points[f"psis_{side}"][0]) * 40, (y - SQUARE.points[f"psis_{side}"][1]) * 40
        )
        for side in ("left", "right")
    }
    assert verdict.distance_cm == pytest.approx(min(distances.values()))
    assert distances[verdict.side] == pytest.approx(verdict.distance_cm)
    expected = (
        "on_it"
        if verdict.distance_cm <= ON_IT_CM
        else "close"
        if verdict.distance_cm <= CLOSE_CM
        else "not_yet"
    )
    assert verdict.kind == expected
    assert verdict.marker == (x, y)
    assert WHERE_IT_IS in verdict.explanation


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_the_mirror_image_of_a_marker_gets_the_same_verdict_on_the_other_side(x, y):
    verdict, mirrored = judge(x, y, SQUARE), judge(1.0 - x, y, SQUARE)
    assert mirrored.distance_cm == pytest.approx(verdict.distance_cm, abs=1e-9)
    assume(all(abs(verdict.distance_cm - edge) > 1e-6 for edge in (ON_IT_CM, CLOSE_CM)))
    assert mirrored.kind == verdict.kind
    if abs(x - 0.5) > 1e-6:
        assert {verdict.side, mirrored.side} == {"left", "right"}


# -- what the page may send ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (math.nan, 0.5),
        (0.5, math.inf),
        (-0.01, 0.5),
        (0.5, 1.01),
        ("0.5", 0.5),
        (True, 0.5),
        (None, 0.5),
        ([0.5], 0.5),
    ],
)
def test_a_marker_that_is_not_a_point_on_the_picture_is_refused(x, y):
    with pytest.raises(ValueError, match="marker"):
        judge(x, y, SQUARE)


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).filter(lambda v: not (0.0 <= v <= 1.0)),
        st.text(),
        st.booleans(),
        st.none(),
        st.lists(st.floats(0, 1)),
    )
)
def test_whatever_else_the_page_sends_as_x_is_refused(x):
    with pytest.raises(ValueError):
        judge(x, 0.5, SQUARE)


def test_judge_refuses_landmarks_it_did_not_check():
    with pytest.raises(ValueError, match="PictureLandmarks"):
        judge(0.5, 0.5, {"points": {}})


@pytest.mark.parametrize("value", [[0.5, 0.5], (0, 1), [1, 0.25]], ids=["list", "tuple", "ints"])
def test_the_marker_the_page_reports_is_read_as_a_pair_of_fractions(value):
    assert read_marker(value) == (float(value[0]), float(value[1]))


@pytest.mark.parametrize(
    "value", [None, "0.5,0.5", [0.5], [0.5, 0.5, 0.5], {"x": 0.5}, [0.5, "a"], [2, 0.5], b"ab"]
)
def test_a_marker_report_that_is_not_a_pair_of_fractions_is_refused(value):
    with pytest.raises(ValueError):
        read_marker(value)


# -- the picture's landmark data ---------------------------------------------------------------


def good_data(**changes):
    data = {
        "width_cm": 40.0,
        "height_cm": 38.0,
        "points": {"psis_left": [0.4, 0.4], "psis_right": [0.6, 0.4]},
    }
    return data | changes


def test_landmark_data_needs_only_both_psis():
    landmarks = picture_landmarks(good_data())
    assert set(landmarks.points) == {"psis_left", "psis_right"}
    assert judge(0.4, 0.4, landmarks).kind == "on_it"
    assert judge(0.5, 0.9, landmarks).kind == "not_yet"  # no other landmark to name


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ([1, 2], "mapping"),
        (good_data(points={"psis_left": [0.4, 0.4]}), "psis_right missing"),
        (
            good_data(points={"psis_left": [0.4, 0.4], "psis_right": [0.6, 0.4], "spleen": [0, 0]}),
            "spleen",
        ),
        (good_data(points={"psis_left": [0.4, 1.4], "psis_right": [0.6, 0.4]}), "psis_left y"),
        (good_data(points=[["psis_left", 0.4, 0.4]]), "points must map"),
        (good_data(width_cm=0), "width_cm"),
        (good_data(height_cm=math.nan), "height_cm"),
        (good_data(height_cm="38"), "height_cm"),
        (good_data(dpi=90), "unknown landmark data"),
    ],
)
def test_landmark_data_that_is_wrong_is_refused_with_a_reason(data, complaint):
    with pytest.raises(ValueError, match=re.escape(complaint)):
        picture_landmarks(data)


def test_every_landmark_kind_a_picture_may_carry_has_a_lesson_or_is_the_psis():
    assert set(POINT_KINDS) == {"psis", *NEARER_INSTEAD}


# -- the same question in words ----------------------------------------------------------------


def test_exactly_one_answer_in_words_is_right_and_it_is_on_it():
    right = [place for place in PLACES if place.correct]
    assert len(right) == 1
    verdict = answer_in_words(right[0].value)
    assert verdict.kind == "on_it"
    assert WHERE_IT_IS in verdict.explanation
    assert "finger widths" in right[0].label


@pytest.mark.parametrize("place", [p for p in PLACES if not p.correct], ids=lambda p: p.value)
def test_each_wrong_answer_in_words_says_what_it_finds_instead_and_where_the_psis_is(place):
    verdict = answer_in_words(place.value)
    nearby = NEARER_INSTEAD[place.nearer_instead]
    assert verdict.kind == "not_yet"
    assert verdict.explanation[0] == f"That finds {nearby.what}. {nearby.lesson}"
    assert verdict.explanation[1:] == (WHERE_IT_IS, HOW_TO_FIND_IT)


@pytest.mark.parametrize("value", ["spleen", None, 3, ""])
def test_an_answer_in_words_that_was_never_offered_is_refused(value):
    with pytest.raises(ValueError, match="not one of the answers"):
        answer_in_words(value)
