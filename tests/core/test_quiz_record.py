"""The saved quiz result (lowback.quiz_record): what is kept, and when the routine page trusts
it (DESIGN.md, "The saved quiz result")."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lowback.pages import QUIZ_RESULT_KEY
from lowback.quiz_record import (
    RULES_VERSION,
    TRUST_DAYS,
    browser_settings,
    is_trusted,
    make_record,
    since_quiz_verdict,
)
from lowback.screening import OUTCOMES, since_quiz_signs
from lowback.screening import RULES_VERSION as SCREENING_RULES_VERSION

TODAY = date(2026, 12, 7)


def days_ago(n: int) -> dict:
    return make_record("routine_may_help", TODAY - timedelta(days=n))


def test_the_rules_version_is_the_screening_rules_one():
    assert RULES_VERSION == SCREENING_RULES_VERSION
    assert TRUST_DAYS == 14


def test_a_record_holds_the_outcome_its_date_and_the_rules_and_nothing_else():
    assert make_record("urgent", TODAY) == {
        "outcome": "urgent",
        "date": "2026-12-07",
        "rules": RULES_VERSION,
    }
    assert make_record("routine_may_help", datetime(2026, 1, 2, 23, 59))["date"] == "2026-01-02"


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_outcome_of_the_rules_can_be_kept(outcome):
    assert make_record(outcome, TODAY)["outcome"] == outcome


@pytest.mark.parametrize("bad", ["", "ROUTINE_MAY_HELP", "maybe", None, 3])
def test_a_record_of_something_that_is_not_an_outcome_is_refused(bad):
    with pytest.raises(ValueError, match="outcome must be one of"):
        make_record(bad, TODAY)


def test_a_record_needs_a_date():
    with pytest.raises(ValueError, match="day must be a date"):
        make_record("urgent", "2026-12-07")


@pytest.mark.parametrize(("age", "trusted"), [(0, True), (1, True), (13, True), (14, True)])
def test_a_may_help_record_is_trusted_from_today_back_to_fourteen_days(age, trusted):
    assert is_trusted(days_ago(age), TODAY) is trusted


@pytest.mark.parametrize("age", [15, 16, 400, -1, -14])
def test_an_older_or_future_record_is_not_trusted(age):
    assert is_trusted(days_ago(age), TODAY) is False


@pytest.mark.parametrize("outcome", [o for o in OUTCOMES if o != "routine_may_help"])
def test_only_may_help_is_trusted(outcome):
    assert is_trusted(make_record(outcome, TODAY), TODAY) is False


@pytest.mark.parametrize("rules", [RULES_VERSION - 1, RULES_VERSION + 1, 1, 0, -RULES_VERSION])
def test_a_record_from_other_rules_is_not_trusted(rules):
    assert is_trusted(days_ago(0) | {"rules": rules}, TODAY) is False


def test_a_version_written_as_a_whole_float_is_the_same_number_in_json():
    assert is_trusted(days_ago(0) | {"rules": float(RULES_VERSION)}, TODAY) is True


@pytest.mark.parametrize(
    "record",
    [
        None,
        "routine_may_help",
        ["routine_may_help", "2026-12-07", RULES_VERSION],
        {},
        {"outcome": "routine_may_help"},  # what the first version of the quiz kept
        {"outcome": "routine_may_help", "date": "2026-12-07"},
        {"outcome": "routine_may_help", "rules": RULES_VERSION},
        days_ago(0) | {"answers": {"age": 35}},
        days_ago(0) | {"__proto__": {"outcome": "routine_may_help"}},
        days_ago(0) | {"rules": str(RULES_VERSION)},
        days_ago(0) | {"rules": True},
        days_ago(0) | {"rules": None},
        days_ago(0) | {"rules": float("nan")},
        days_ago(0) | {"rules": float("inf")},
        days_ago(0) | {"rules": 10**400},
        days_ago(0) | {"rules": RULES_VERSION + 1e-9},
        days_ago(0) | {"outcome": ["routine_may_help"]},
        days_ago(0) | {"outcome": "routine_may_help "},
        days_ago(0) | {"outcome": None},
        days_ago(0) | {"date": 20261207},
        days_ago(0) | {"date": None},
        days_ago(0) | {"date": ""},
        days_ago(0) | {"date": "2026-12-7"},
        days_ago(0) | {"date": "20261207"},
        days_ago(0) | {"date": "2026-W49-1"},
        days_ago(0) | {"date": "2026-12-07T00:00:00"},
        days_ago(0) | {"date": " 2026-12-07"},
        days_ago(0) | {"date": "2026-12-07\n"},
        days_ago(0) | {"date": "2026-02-30"},
        days_ago(0) | {"date": "2026-13-01"},
        days_ago(0) | {"date": "0000-12-07"},
        days_ago(0) | {"date": "２０２６-12-07"},  # full-width digits
        days_ago(0) | {"date": "9999-12-31"},
    ],
)
def test_anything_malformed_or_hostile_is_not_trusted(record):
    assert is_trusted(record, TODAY) is False


def test_today_may_be_given_as_a_moment():
    assert is_trusted(days_ago(14), datetime(2026, 12, 7, 23, 59)) is True


def test_a_leap_day_counts_as_one_day():
    record = make_record("routine_may_help", date(2028, 2, 29))
    assert is_trusted(record, date(2028, 3, 14)) is True
    assert is_trusted(record, date(2028, 3, 15)) is False


def test_the_page_is_handed_the_key_the_version_and_the_days():
    assert QUIZ_RESULT_KEY == "lowback.quiz.v1"
    assert browser_settings() == {
        "key": QUIZ_RESULT_KEY,
        "rules": RULES_VERSION,
        "trust_days": TRUST_DAYS,
        "outcome": "routine_may_help",
    }


# -- the check before every Start -----------------------------------------------------------


def _first(level: str) -> str:
    return next(s.id for s in since_quiz_signs() if s.level == level)


def test_nothing_ticked_leaves_the_check_unanswered():
    assert since_quiz_verdict(since_quiz_signs(), [], False) == "unanswered"


def test_none_of_these_alone_lets_start_run():
    assert since_quiz_verdict(since_quiz_signs(), [], True) == "clear"


@pytest.mark.parametrize("level", ["emergency", "urgent"])
def test_a_ticked_sign_gives_its_level_even_beside_none_of_these(level):
    sign = _first(level)
    assert since_quiz_verdict(since_quiz_signs(), [sign], False) == level
    assert since_quiz_verdict(since_quiz_signs(), [sign], True) == level


def test_the_most_pressing_ticked_sign_decides():
    ticked = [_first("urgent"), _first("emergency")]
    assert since_quiz_verdict(since_quiz_signs(), ticked, False) == "emergency"


def test_every_sign_has_words_and_a_level_and_both_levels_are_asked():
    signs = since_quiz_signs()
    assert len({s.id for s in signs}) == len(signs)
    assert all(s.words.strip() for s in signs)
    assert {s.level for s in signs} == {"emergency", "urgent"}


def test_an_unknown_sign_is_refused():
    with pytest.raises(ValueError, match="not a sign of the check"):
        since_quiz_verdict(since_quiz_signs(), ["made_up"], False)
