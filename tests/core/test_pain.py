"""The pain traffic light after a session (the pain-monitoring model: Silbernagel et al. 2007),
and the change that matters over weeks (Ostelo et al. 2008), which is never used for one
session."""

from __future__ import annotations

import itertools

import pytest

from lowback.pain import (
    ACCEPTABLE_MAX,
    CHECK_TOMORROW,
    COLOURS,
    EXPECTED_RISE_MAX,
    LIGHT_WORDS,
    PAIN_MAX,
    PAIN_MIN,
    REASONS,
    STOP_FROM,
    PainLight,
    browser_rule,
    pain_light,
    worthwhile_drop,
)

SCORES = [None, *range(PAIN_MIN, PAIN_MAX + 1)]
ALARM_WORDS = ("GP", "stop", "Stop", "doctor", "physiotherapist")


def colour(before, after, **answers) -> str | None:
    light = pain_light(before, after, **answers)
    return None if light is None else light.colour


# -- the rule's numbers, as DESIGN.md states them --------------------------------------------------


def test_the_rule_is_up_to_5_after_a_rise_of_up_to_2_and_a_stop_from_8():
    assert (ACCEPTABLE_MAX, EXPECTED_RISE_MAX, STOP_FROM) == (5, 2, 8)


# -- green: a small rise is expected, never an alarm -----------------------------------------------


@pytest.mark.parametrize(("before", "after"), [(3, 4), (4, 5), (0, 1), (3, 5), (0, 2)])
def test_a_rise_of_1_or_2_points_within_5_is_green_and_no_alarm(before, after):
    light = pain_light(before, after)
    assert light.colour == "green" and light.reason == "small_rise"
    assert light.headline == "Fine to carry on"
    assert f"from {before} to {after}" in light.message
    assert "normal with exercise" in light.message
    assert not any(word in light.message for word in ALARM_WORDS), light.message


def test_one_point_is_said_as_one_point():
    assert "went up by 1 point, from 3 to 4" in pain_light(3, 4).message
    assert "went up by 2 points, from 3 to 5" in pain_light(3, 5).message


@pytest.mark.parametrize(
    ("before", "after", "reason"), [(6, 3, "less"), (4, 4, "same"), (0, 0, "same")]
)
def test_less_or_the_same_pain_is_green(before, after, reason):
    light = pain_light(before, after)
    assert (light.colour, light.reason) == ("green", reason)


def test_pain_after_with_no_score_before_is_judged_on_its_own():
    assert pain_light(None, 5).reason == "after_only"
    assert pain_light(None, 6).colour == "amber"
    assert pain_light(None, 8).colour == "red"


def test_a_green_light_on_the_day_says_the_next_morning_decides_and_the_page_will_ask():
    light = pain_light(3, 4)
    assert light.message.endswith(CHECK_TOMORROW["green"])
    assert "Pain up to 5 is fine if it is back to usual by the next morning" in light.message


# -- amber: do less next time ----------------------------------------------------------------------


def test_pain_after_of_5_is_green_and_6_is_amber():
    assert colour(5, 5) == "green"
    light = pain_light(5, 6)
    assert (light.colour, light.reason) == ("amber", "high")
    assert light.headline == "Do less next time"
    assert "Pain of 6 out of 10" in light.message
    assert "fewer repetitions, or a smaller lift" in light.message
    assert light.message.endswith(CHECK_TOMORROW["amber"])


def test_a_rise_of_2_is_green_and_a_rise_of_3_is_amber():
    assert colour(2, 4) == "green"
    light = pain_light(2, 5)
    assert (light.colour, light.reason) == ("amber", "big_rise")
    assert "went up by 3 points, from 2 to 5" in light.message
    assert colour(0, 3) == "amber"


def test_pain_not_back_to_usual_the_next_morning_is_amber_whatever_the_scores():
    for before, after in [(3, 4), (6, 3), (None, None), (0, 0), (None, 2)]:
        light = pain_light(before, after, settled_next_morning=False)
        assert (light.colour, light.reason) == ("amber", "not_settled"), (before, after)
        assert "fewer repetitions, or a smaller lift" in light.message
        assert "If this keeps happening, or the pain gets worse, see a physiotherapist" in (
            light.message
        )
        assert CHECK_TOMORROW["amber"] not in light.message


def test_pain_back_to_usual_the_next_morning_is_green_unless_the_session_was_too_much():
    light = pain_light(3, 5, settled_next_morning=True)
    assert (light.colour, light.reason) == ("green", "settled")
    assert "back to usual the morning after" in light.message
    assert CHECK_TOMORROW["green"] not in light.message
    # Above 5 or a rise of more than 2 is still "do less", settled or not.
    assert colour(3, 6, settled_next_morning=True) == "amber"
    assert colour(1, 4, settled_next_morning=True) == "amber"


# -- red: stop -------------------------------------------------------------------------------------


def test_pain_after_of_7_is_amber_and_8_is_red():
    assert colour(7, 7) == "amber"
    light = pain_light(7, 8)
    assert (light.colour, light.reason) == ("red", "severe")
    assert light.headline == "Stop the routine for now"
    assert "If it has not settled by tomorrow, see a GP or physiotherapist" in light.message
    assert colour(None, 10) == "red"


@pytest.mark.parametrize("before", SCORES)
@pytest.mark.parametrize("after", SCORES)
@pytest.mark.parametrize("settled", [None, True, False])
def test_a_stop_symptom_is_red_whatever_the_numbers_and_the_next_morning(before, after, settled):
    light = pain_light(before, after, stop_symptoms=True, settled_next_morning=settled)
    assert (light.colour, light.reason) == ("red", "stop_symptoms")
    assert "Pain down the leg, numbness or tingling, or pain in the outer hip or groin" in (
        light.message
    )
    assert "whatever your pain score" in light.message
    assert "see a GP or physiotherapist" in light.message


def test_a_stop_symptom_not_answered_counts_as_none():
    assert pain_light(3, 4, stop_symptoms=None) == pain_light(3, 4, stop_symptoms=False)


# -- every combination -----------------------------------------------------------------------------


def test_every_combination_follows_the_rule_as_designed():
    for before, after, stop, settled in itertools.product(
        SCORES, SCORES, [False, True], [None, True, False]
    ):
        light = pain_light(before, after, stop_symptoms=stop, settled_next_morning=settled)
        rise = None if before is None or after is None else after - before
        if stop or (after is not None and after >= 8):
            expected = "red"
        elif (
            settled is False or (after is not None and after > 5) or (rise is not None and rise > 2)
        ):
            expected = "amber"
        elif after is None and settled is None:
            expected = None
        else:
            expected = "green"
        got = None if light is None else light.colour
        assert got == expected, (before, after, stop, settled)
        if light is not None:
            assert light.colour in COLOURS and light.reason in REASONS
            assert light.headline == LIGHT_WORDS[light.reason]["headline"]
            assert "{" not in light.message and "None" not in light.message
            if light.colour != "red":
                assert "GP" not in light.message  # only red sends anyone to a GP


def test_nothing_to_judge_before_pain_after_is_given():
    assert pain_light(4, None) is None
    assert pain_light(None, None) is None


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "5", 5.0])
@pytest.mark.parametrize("field", ["before", "after"])
def test_a_score_that_is_not_a_whole_number_from_0_to_10_is_refused_by_name(bad, field):
    scores = {"before": 5, "after": 5, field: bad}
    with pytest.raises(ValueError, match=rf"^{field} must be a whole number from 0 to 10"):
        pain_light(**scores)


@pytest.mark.parametrize("field", ["stop_symptoms", "settled_next_morning"])
@pytest.mark.parametrize("bad", [0, 1, "yes", "false"])
def test_an_answer_that_is_not_yes_no_or_none_is_refused_by_name(field, bad):
    with pytest.raises(ValueError, match=rf"^{field} must be True, False or None"):
        pain_light(3, 4, **{field: bad})


def test_a_light_shows_its_headline_and_message_in_a_notebook():
    light = pain_light(before=3, after=4)
    assert isinstance(light, PainLight)
    assert light._repr_markdown_() == f"> **Fine to carry on.** {light.message}"


def test_the_page_gets_every_number_and_word_of_the_rule():
    rule = browser_rule()
    assert rule["acceptable_max"] == ACCEPTABLE_MAX
    assert rule["stop_from"] == STOP_FROM
    assert rule["expected_rise_max"] == EXPECTED_RISE_MAX
    assert rule["lights"] == LIGHT_WORDS and rule["check_tomorrow"] == CHECK_TOMORROW
    rule["lights"]["severe"]["headline"] = "changed"  # a copy: the rule itself stays
    assert LIGHT_WORDS["severe"]["headline"] == "Stop the routine for now"


# -- over weeks: 2 points or 30% (Ostelo et al. 2008) ----------------------------------------------


@pytest.mark.parametrize(
    ("first", "latest", "worthwhile"),
    [
        (6, 4, True),  # 2 points
        (10, 8, True),  # 2 points, though only 20%
        (3, 2, True),  # 1 point, 33%
        (10, 7, True),  # exactly 30%
        (6, 5, False),  # 1 point, 17%
        (4, 4, False),
        (0, 0, False),
        (2, 5, False),
    ],
)
def test_over_weeks_a_drop_of_2_points_or_30_percent_is_worthwhile(first, latest, worthwhile):
    assert worthwhile_drop(first, latest) is worthwhile


def test_every_pair_over_weeks_follows_the_2_point_or_30_percent_rule():
    for first, latest in itertools.product(range(11), range(11)):
        drop = first - latest
        expected = drop >= 2 or (first > 0 and drop > 0 and drop / first >= 0.3)
        assert worthwhile_drop(first, latest) == expected, (first, latest)


def test_over_weeks_both_scores_are_needed():
    with pytest.raises(ValueError):
        worthwhile_drop(None, 3)
