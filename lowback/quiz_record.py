"""The saved quiz result: the browser's only memory of the screening quiz (DESIGN.md, "The saved
quiz result"), and the one-tap check the routine page asks before every Start.

The quiz keeps exactly one record in the reader's browser, ``{"outcome", "date", "rules"}``:
the latest outcome shown to the reader, the browser's own local date (ISO) when it was shown,
and the screening rules' version. Every outcome shown replaces it; Start over and "Forget my
answer" remove it. The routine page trusts a stored "routine may help" only from the current
rules and at most TRUST_DAYS old; otherwise it asks whether the quiz was done, as with none.

Pure, standard library only. The browser mirrors `is_trusted`, `make_record` and
`since_quiz_verdict` line for line (lowback/widgets/js/quiz_record.js), and
tests/js/test_quiz_record_js.py runs both on the same records, hostile ones included, so the
page and this reference can never disagree. The page learns the key, the version and the
number of days from `browser_settings()`, never from a copy typed into the JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from lowback.pages import QUIZ_RESULT_KEY
from lowback.screening import OUTCOMES, RULES_VERSION, SinceQuizSign

__all__ = [
    "RULES_VERSION",
    "SINCE_QUIZ_LEVELS",
    "TRUSTED_OUTCOME",
    "TRUST_DAYS",
    "browser_settings",
    "is_trusted",
    "make_record",
    "since_quiz_verdict",
]

#: Where the browser keeps the record (localStorage), in full: the page is handed this string.
#: How many days before today a record may be dated and still be trusted (today counts as 0).
TRUST_DAYS = 14
#: The only outcome that lets the routine page skip its "have you done the quiz?" question.
TRUSTED_OUTCOME = "routine_may_help"
#: The fields of a record, and nothing else.
FIELDS = ("outcome", "date", "rules")
#: What each sign of the check before Start can mean, most pressing first.
SINCE_QUIZ_LEVELS = ("emergency", "urgent")

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def browser_settings() -> dict:
    """What the page needs to read and write the record, sent with the plan or the widget."""
    return {
        "key": QUIZ_RESULT_KEY,
        "rules": RULES_VERSION,
        "trust_days": TRUST_DAYS,
        "outcome": TRUSTED_OUTCOME,
    }


def make_record(outcome: str, day: date) -> dict:
    """The record for `outcome` shown on `day` (the browser uses its own local date)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}: {outcome!r}")
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date):
        raise ValueError(f"day must be a date: {day!r}")
    return {"outcome": outcome, "date": day.isoformat(), "rules": RULES_VERSION}


def _day(text: object) -> date | None:
    """A date written exactly YYYY-MM-DD that exists on the calendar; anything else None."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # month 13, 30 February, year 0000
        return None


def is_trusted(record: object, today: date) -> bool:
    """True only for a well-formed record (exactly the three fields) that says the routine may
    help, under the current rules, dated today or up to TRUST_DAYS days before it. A future
    date, another outcome, other rules and anything malformed or hostile are not trusted."""
    if isinstance(today, datetime):
        today = today.date()
    if not isinstance(record, dict) or len(record) != len(FIELDS):
        return False
    if any(field not in record for field in FIELDS):
        return False
    outcome, rules = record["outcome"], record["rules"]
    if not isinstance(outcome, str) or outcome != TRUSTED_OUTCOME:
        return False
    # A number equal to the version (JSON has one kind of number: 3 and 3.0 are the same).
    if isinstance(rules, bool) or not isinstance(rules, int | float) or rules != RULES_VERSION:
        return False
    day = _day(record["date"])
    if day is None:
        return False
    return 0 <= (today - day).days <= TRUST_DAYS


def since_quiz_verdict(
    signs: Iterable[SinceQuizSign], ticked: Iterable[str], none_of_these: bool
) -> str:
    """What the check before Start says: "emergency" or "urgent" (the most pressing level among
    the ticked signs, which never start the routine), "clear" ("None of these" alone: Start may
    run), or "unanswered" (nothing ticked: Start waits). `signs`: lowback.screening's
    since_quiz_signs(), or anything with the same `id` and `level`."""
    levels = {sign.id: sign.level for sign in signs}
    if any(level not in SINCE_QUIZ_LEVELS for level in levels.values()):
        raise ValueError(f"a sign's level must be one of {', '.join(SINCE_QUIZ_LEVELS)}")
    ticked = tuple(ticked)
    unknown = [sign_id for sign_id in ticked if sign_id not in levels]
    if unknown:
        raise ValueError(f"not a sign of the check: {unknown[0]!r}")
    for level in SINCE_QUIZ_LEVELS:
        if any(levels[sign_id] == level for sign_id in ticked):
            return level
    return "clear" if none_of_these else "unanswered"
