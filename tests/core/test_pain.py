import pytest

from lowback.pain import (
    PAIN_MAX,
    PAIN_MIN,
    STOP_RULE,
    VERDICTS,
    PainChange,
    interpret_pain_change,
)

ALL_SCORES = range(PAIN_MIN, PAIN_MAX + 1)


def test_a_drop_of_two_points_or_more_matters():
    result = interpret_pain_change(before=6, after=3)
    assert result.verdict == "better"
    assert result.meaningful
    assert result.change == -3
    assert result.percent_change == pytest.approx(-50.0)
    assert "down by 3 points, from 6 to 3" in result.message
    assert not result.stop


def test_a_two_point_drop_matters_even_when_it_is_less_than_30_percent():
    result = interpret_pain_change(before=10, after=8)
    assert result.percent_change == pytest.approx(-20.0)
    assert result.meaningful
    assert result.verdict == "better"


def test_a_one_point_drop_matters_when_it_is_30_percent_of_a_low_score():
    result = interpret_pain_change(before=3, after=2)
    assert result.meaningful
    assert result.verdict == "better"
    assert "down by 1 point, from 3 to 2" in result.message


def test_a_one_point_drop_from_a_higher_score_is_smaller_than_what_matters():
    result = interpret_pain_change(before=6, after=5)
    assert result.verdict == "slightly_better"
    assert not result.meaningful
    assert "less than the 2 points (or 30%)" in result.message


def test_unchanged_pain_says_so_and_points_to_a_clinician_if_it_lasts():
    result = interpret_pain_change(before=5, after=5)
    assert result.verdict == "no_change"
    assert result.change == 0
    assert "4 weeks" in result.message


def test_no_pain_before_or_after_has_nothing_to_compare():
    result = interpret_pain_change(before=0, after=0)
    assert result.verdict == "no_pain"
    assert result.percent_change is None
    assert not result.meaningful


@pytest.mark.parametrize(("before", "after"), [(4, 5), (0, 1), (2, 9), (9, 10)])
def test_any_rise_in_pain_gives_the_stop_rule(before, after):
    result = interpret_pain_change(before, after)
    assert result.verdict == "worse"
    assert result.stop
    assert not result.meaningful
    assert result.message.endswith(STOP_RULE)
    assert "Stop the routine" in result.message
    assert "GP or physiotherapist" in result.message
    assert "down your leg" in result.message


def test_every_pair_of_scores_follows_the_2_point_or_30_percent_rule():
    for before in ALL_SCORES:
        for after in ALL_SCORES:
            result = interpret_pain_change(before, after)
            drop = before - after
            expected = drop >= 2 or (before > 0 and drop > 0 and drop / before >= 0.3)
            assert result.meaningful == expected, (before, after)
            assert result.stop == (after > before), (before, after)
            assert result.verdict in VERDICTS
            assert result.message
            assert "instant" not in result.message.lower()


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "5", None, 5.0])
@pytest.mark.parametrize("field", ["before", "after"])
def test_a_score_that_is_not_a_whole_number_from_0_to_10_is_refused_by_name(bad, field):
    scores = {"before": 5, "after": 5, field: bad}
    with pytest.raises(ValueError, match=rf"^{field} must be a whole number from 0 to 10"):
        interpret_pain_change(**scores)


def test_a_pain_change_shows_its_message_in_a_notebook():
    result = interpret_pain_change(before=6, after=3)
    assert isinstance(result, PainChange)
    assert result._repr_markdown_() == f"> {result.message}"
