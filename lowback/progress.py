"""The reader's own session records: checked, summarised, exported as CSV and drawn as a chart.

Pure: standard library only. Records live in the reader's browser (localStorage), never on the
server; the page hands them here as JSON text to be checked and shown. Everything that comes
from a browser is treated as hostile, since anyone can edit their own localStorage:

- a record is exactly {"date": "YYYY-MM-DD", "side": "left" or "right", "reps": 1 to 30,
  "pain_before": 0 to 10 or null, "pain_after": 0 to 10 or null, "hold_s": seconds or null,
  "settled_next_morning": true, false or null, "stop_symptoms": true, false or null};
  the first six keys are required (null says "not given"); the last two came later, so a
  record stored before them (without them) reads them as null, never as invalid. No other key
  is allowed, numbers must be JSON numbers of the right kind (a whole number for reps and pain,
  never true/false, NaN or Infinity), and hold_s is at most MAX_HOLD_S;
- at most MAX_RECORDS records are read, from at most MAX_JSON_CHARS characters of JSON nested
  at most MAX_JSON_DEPTH deep. At three sessions a day, 1000 records are 11 months of use; the
  page keeps the newest MAX_RECORDS and lets the oldest go, so this limit is never a reason to
  lose the page.

The page reads, draws and exports the records itself, with lowback/widgets/js/progress.js, a
line-for-line mirror of this module (tests/js/test_progress_js.py runs both on the same
stored text and compares what they make byte for byte, error messages included); the records
never travel to the kernel.

A record that breaks a rule raises `RecordError` (a ValueError) naming the record's position
and the field, in plain words.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from html import escape

from lowback.pain import PAIN_MAX, PAIN_MIN, worthwhile_drop
from lowback.routine import MAX_REPS, SIDES

__all__ = [
    "CSV_COLUMNS",
    "MAX_HOLD_S",
    "MAX_JSON_CHARS",
    "MAX_JSON_DEPTH",
    "MAX_RECORDS",
    "MORNING_QUESTION_DAYS",
    "NO_BETTER",
    "OPTIONAL_FIELDS",
    "RECORD_FIELDS",
    "WEEKS_APART_DAYS",
    "ProgressSummary",
    "RecordError",
    "SessionRecord",
    "history_svg",
    "records_from_json",
    "session_to_ask_about",
    "summarise",
    "summary_text",
    "to_csv",
    "validate_record",
]

MAX_RECORDS = 1000
# A record is about 100 characters of JSON; this leaves room for generous spacing.
MAX_JSON_CHARS = 256 * 1024
# A list of records is nested two deep; deeper text is refused at the bracket that goes past
# this, the same in Python (whose own limit depends on its stack) and in the page.
MAX_JSON_DEPTH = 32
# An hour: nobody holds a leg up that long, so a larger number is a fault, not a record.
MAX_HOLD_S = 3600.0
#: Every record has these (null for "not given").
RECORD_FIELDS = ("date", "side", "reps", "pain_before", "pain_after", "hold_s")
#: Added later: a record stored before them reads them as null. Was the pain back to usual the
#: next morning (asked on the next visit)? Did a stop symptom come during the session?
OPTIONAL_FIELDS = ("settled_next_morning", "stop_symptoms")
CSV_COLUMNS = RECORD_FIELDS + OPTIONAL_FIELDS
#: Pain before a session is read against the change that matters (2 points or 30%: Ostelo et al.
#: 2008) only once the first and the newest scores are this far apart: that change is measured
#: over weeks of care, never one session (the series' choice of two weeks).
WEEKS_APART_DAYS = 14
NO_BETTER = "If it is no better after about 4 to 6 weeks of the routine, see a physiotherapist."
#: The next visit asks whether the pain was back to usual the morning after the newest session,
#: if that was at most this many days ago (a reader who comes back after longer will not
#: remember; the series' choice).
MORNING_QUESTION_DAYS = 7

# Okabe-Ito colours, as in every figure of the series.
BLUE, VERMILLION, BLUISH_GREEN = "#0072B2", "#D55E00", "#009E73"
TEXT_COLOUR = "#1a1a1a"


class RecordError(ValueError):
    """A session record that cannot be used; the message names the field."""


@dataclass(frozen=True)
class SessionRecord:
    """One session of the routine, as the reader's browser keeps it."""

    date: str  # "YYYY-MM-DD"
    side: str
    reps: int
    pain_before: int | None
    pain_after: int | None
    hold_s: float | None
    settled_next_morning: bool | None = None
    stop_symptoms: bool | None = None

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in CSV_COLUMNS}


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _seconds(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    # (math.isfinite cannot take a whole number too large for a float: it is finite.)
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return 0 <= value <= MAX_HOLD_S


def validate_record(record: object, position: int | None = None) -> SessionRecord:
    """A checked SessionRecord from a mapping (as parsed from JSON), or RecordError."""
    where = "" if position is None else f"record {position}: "

    def refuse(field: str, rule: str) -> RecordError:
        return RecordError(f"{where}{field}: {rule}")

    if isinstance(record, SessionRecord):
        record = record.to_dict()
    if not isinstance(record, Mapping):
        raise RecordError(f"{where}must be a set of named values (a JSON object)")
    extra = [key for key in record if key not in CSV_COLUMNS]
    if extra:
        key = extra[0]
        shown = key if isinstance(key, str) and re.fullmatch(r"[a-z_]{1,20}", key) else "a field"
        raise refuse(shown, "is not part of a session record")
    for field in RECORD_FIELDS:
        if field not in record:
            raise refuse(field, "is missing (use null for a value not given)")
    day = record["date"]
    if not isinstance(day, str) or not _DATE.fullmatch(day):
        raise refuse("date", "must be a date written YYYY-MM-DD")
    try:
        date.fromisoformat(day)
    except ValueError:
        raise refuse("date", "must be a real date written YYYY-MM-DD") from None
    side = record["side"]
    if not isinstance(side, str) or side not in SIDES:
        raise refuse("side", 'must be "left" or "right"')
    reps = record["reps"]
    if not _whole(reps, 1, MAX_REPS):
        raise refuse("reps", f"must be a whole number from 1 to {MAX_REPS}")
    pains = {}
    for field in ("pain_before", "pain_after"):
        value = record[field]
        if value is not None and not _whole(value, PAIN_MIN, PAIN_MAX):
            raise refuse(field, f"must be a whole number from {PAIN_MIN} to {PAIN_MAX}, or null")
        pains[field] = value
    hold = record["hold_s"]
    if hold is not None and not _seconds(hold):
        raise refuse("hold_s", f"must be a number of seconds from 0 to {MAX_HOLD_S:g}, or null")
    answers = {}
    for field in OPTIONAL_FIELDS:
        value = record.get(field)
        if value is not None and not isinstance(value, bool):
            raise refuse(field, "must be true, false or null")
        answers[field] = value
    return SessionRecord(
        date=day,
        side=side,
        reps=reps,
        pain_before=pains["pain_before"],
        pain_after=pains["pain_after"],
        hold_s=None if hold is None else float(hold) + 0.0,  # (-0.0 reads as 0.0)
        **answers,
    )


def _refuse_constant(name: str) -> object:
    raise RecordError(f"{name} is not a number a record can hold")


# A JSON string (escapes included; one left open runs to the end), or a bracket that nests.
_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def _too_deep_at(text: str) -> int | None:
    """Where the first bracket that nests deeper than MAX_JSON_DEPTH opens, if one does."""
    depth = 0
    for match in _NESTING.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def records_from_json(text: str) -> tuple[SessionRecord, ...]:
    """The records in `text`, a JSON list as the page keeps it in localStorage, each checked.

    An empty or missing store ("" or "null") has no records. Raises RecordError for text that
    is too long, is not a JSON list, holds more than MAX_RECORDS records, or any bad record.
    """
    if not isinstance(text, str):
        raise RecordError("the saved sessions must be JSON text")
    if len(text) > MAX_JSON_CHARS:
        raise RecordError(f"the saved sessions are too long (over {MAX_JSON_CHARS} characters)")
    if text.strip() in ("", "null"):
        return ()
    unreadable = RecordError("the saved sessions cannot be read as JSON")
    deep = _too_deep_at(text)
    try:
        # NaN and Infinity are not JSON, though Python's reader accepts them by default. Text
        # nested too deep is read up to the bracket that goes too deep, so that whatever comes
        # first (a fault in the text, NaN, or the bracket) is what is reported, as in the page.
        data = json.loads(text if deep is None else text[:deep], parse_constant=_refuse_constant)
    except RecordError:
        raise
    except (ValueError, RecursionError):
        raise unreadable from None
    if deep is not None:
        raise unreadable
    if not isinstance(data, list):
        raise RecordError("the saved sessions must be a JSON list of records")
    if len(data) > MAX_RECORDS:
        raise RecordError(f"there are more than {MAX_RECORDS} saved sessions")
    return tuple(validate_record(item, position) for position, item in enumerate(data, 1))


def _checked(records: Iterable[SessionRecord | Mapping]) -> tuple[SessionRecord, ...]:
    checked = []
    for position, record in enumerate(records, 1):
        if position > MAX_RECORDS:
            raise RecordError(f"there are more than {MAX_RECORDS} sessions")
        checked.append(validate_record(record, position))
    return tuple(checked)


def _in_date_order(records: tuple[SessionRecord, ...]) -> list[SessionRecord]:
    # Stable: sessions of the same day keep the order they were recorded in.
    return sorted(records, key=lambda r: r.date)


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressSummary:
    sessions: int
    first_date: str | None
    last_date: str | None
    rated_sessions: int  # sessions with both pain scores
    average_pain_change: float | None  # after minus before: below 0 means less pain
    latest_hold_s: float | None  # the newest session's timed hold: never a "best"
    # Pain before a session, the first and the newest given, with their dates: how the back
    # is doing over weeks (lowback.pain.worthwhile_drop).
    first_pain_date: str | None = None
    first_pain_before: int | None = None
    latest_pain_date: str | None = None
    latest_pain_before: int | None = None


def summarise(records: Iterable[SessionRecord | Mapping]) -> ProgressSummary:
    """How many sessions, when, the average change in pain across a session, the newest hold,
    and pain before a session at first and lately."""
    checked = _in_date_order(_checked(records))
    changes = [
        r.pain_after - r.pain_before
        for r in checked
        if r.pain_before is not None and r.pain_after is not None
    ]
    holds = [r.hold_s for r in checked if r.hold_s is not None]
    rated = [r for r in checked if r.pain_before is not None]
    first, latest = (rated[0], rated[-1]) if rated else (None, None)
    return ProgressSummary(
        sessions=len(checked),
        first_date=checked[0].date if checked else None,
        last_date=checked[-1].date if checked else None,
        rated_sessions=len(changes),
        average_pain_change=sum(changes) / len(changes) if changes else None,
        latest_hold_s=holds[-1] if holds else None,
        first_pain_date=None if first is None else first.date,
        first_pain_before=None if first is None else first.pain_before,
        latest_pain_date=None if latest is None else latest.date,
        latest_pain_before=None if latest is None else latest.pain_before,
    )


def _points(value: float) -> str:
    text = f"{abs(value):.1f}".removesuffix(".0")
    return f"{text} point" + ("" if text == "1" else "s")


def _held(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


def _over_weeks(summary: ProgressSummary) -> str | None:
    """Pain before a session, at first and lately, read against the change that matters over
    weeks; None unless the two are at least WEEKS_APART_DAYS apart."""
    first, latest = summary.first_pain_before, summary.latest_pain_before
    if first is None or latest is None:
        return None
    days = date.fromisoformat(summary.latest_pain_date) - date.fromisoformat(
        summary.first_pain_date
    )
    if days.days < WEEKS_APART_DAYS:
        return None
    when = f"{first} on {summary.first_pain_date}"
    lately = f"{latest} on {summary.latest_pain_date}"
    if worthwhile_drop(first, latest):
        return (
            f"Pain before a session went from {when} to {lately}: down by "
            f"{_points(first - latest)}. Over weeks, a drop of 2 points, or of 30%, is about the "
            "smallest change that people find worthwhile."
        )
    if latest < first:
        text = (
            f"Pain before a session went from {when} to {lately}: down by "
            f"{_points(first - latest)}, less than the 2 points, or 30%, that people find "
            "worthwhile over weeks."
        )
    elif latest == first:
        text = f"Pain before a session was {when} and {lately}."
    else:
        text = (
            f"Pain before a session went from {when} to {lately}: up by {_points(latest - first)}."
        )
    return f"{text} {NO_BETTER}"


def summary_text(summary: ProgressSummary) -> str:
    """The summary in plain sentences."""
    if summary.sessions == 0:
        return "No sessions recorded yet."
    count = "1 session" if summary.sessions == 1 else f"{summary.sessions} sessions"
    if summary.first_date == summary.last_date:
        parts = [f"{count}, on {summary.last_date}."]
    else:
        parts = [f"{count}, from {summary.first_date} to {summary.last_date}."]
    change = summary.average_pain_change
    if change is None:
        parts.append("No session has a pain score both before and after.")
    else:
        rated = summary.rated_sessions
        over = "the 1 session" if rated == 1 else f"the {rated} sessions"
        if abs(change) < 0.05:
            moved = "stayed the same on average"
        elif change < 0:
            moved = f"went down by {_points(change)} on average"
        else:
            moved = f"went up by {_points(change)} on average"
        parts.append(f"Pain {moved} from before to after, over {over} with both scores.")
    weeks = _over_weeks(summary)
    if weeks is not None:
        parts.append(weeks)
    if summary.latest_hold_s is not None:
        parts.append(f"Latest long hold: {_held(summary.latest_hold_s)}.")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# The next visit: was the pain back to usual the next morning?
# --------------------------------------------------------------------------------------------


def session_to_ask_about(
    records: Iterable[SessionRecord | Mapping], today: date | str
) -> int | None:
    """Which record (its place in `records`, from 0) the page asks about on the reader's next
    visit, "Was the pain back to usual this morning?": the newest one stored (the last), if it
    has a pain score after, no answer yet, and a date before `today` (the reader's own date,
    YYYY-MM-DD) by at most MORNING_QUESTION_DAYS days. Else None: nothing to ask."""
    checked = _checked(records)
    day = today if isinstance(today, date) else date.fromisoformat(today)
    if not checked:
        return None
    last = checked[-1]
    if last.pain_after is None or last.settled_next_morning is not None:
        return None
    days = (day - date.fromisoformat(last.date)).days
    return len(checked) - 1 if 1 <= days <= MORNING_QUESTION_DAYS else None


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = f"{value:.1f}" if isinstance(value, float) else str(value)
    # Checked records hold only dates, sides and numbers of 0 or more, so this never fires;
    # it stays so that no later field can turn an export into a formula.
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(records: Iterable[SessionRecord | Mapping]) -> str:
    """The records as CSV text with a header row, oldest first; empty cells for null, "yes"
    or "no" for the answers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in _in_date_order(_checked(records)):
        writer.writerow([_cell(getattr(record, name)) for name in CSV_COLUMNS])
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The chart
# --------------------------------------------------------------------------------------------

WIDTH = 360
LEFT, RIGHT = 40, 276  # the plots' x range; labels sit right of it
PAIN_TOP, PAIN_BOTTOM = 44, 164
HOLD_TOP, HOLD_BOTTOM = 222, 322
HEIGHT = 366
MARKERS_UP_TO = 60  # beyond this many sessions, lines alone stay readable


def _nice_ceiling(value: float) -> int:
    for step in (10, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 3600):
        if value <= step:
            return step
    return math.ceil(value)


def _x(index: int, count: int) -> float:
    if count == 1:
        return (LEFT + RIGHT) / 2
    return LEFT + (RIGHT - LEFT) * index / (count - 1)


def _path(points: list[tuple[float, float] | None]) -> str:
    """A line through the points, broken where a value is missing."""
    commands, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{point[0]:.1f} {point[1]:.1f}")
        pen_down = True
    return " ".join(commands)


def _text(x: float, y: float, text: str, size: int = 14, anchor: str = "start", **extra) -> str:
    attributes = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{TEXT_COLOUR}"{attributes}>{escape(text)}</text>'
    )


def _apart(first: float, second: float, gap: float = 17) -> tuple[float, float]:
    """Two label heights moved apart, if needed, so their text does not overlap."""
    if abs(first - second) >= gap:
        return first, second
    middle, half = (first + second) / 2, gap / 2
    if first <= second:
        return middle - half, middle + half
    return middle + half, middle - half


def _description(records: list[SessionRecord], summary: ProgressSummary) -> str:
    if not records:
        return "No sessions recorded yet, so there is nothing to draw."
    parts = [summary_text(summary)]
    before = [r.pain_before for r in records if r.pain_before is not None]
    after = [r.pain_after for r in records if r.pain_after is not None]
    if before:
        parts.append(f"Pain before a session: first {before[0]}, latest {before[-1]}.")
    if after:
        parts.append(f"Pain after a session: first {after[0]}, latest {after[-1]}.")
    return " ".join(parts)


def history_svg(
    records: Iterable[SessionRecord | Mapping], id_prefix: str = "lowback-history"
) -> str:
    """A small chart of the sessions, oldest on the left: pain before (blue circles) and after
    (vermillion squares) on a 0 to 10 scale, and the final hold in seconds (green diamonds).

    Plain SVG text, sized to the width of its container, with role="img" and a <title> and
    <desc> that say in words what it shows. `id_prefix` makes its element ids unique on a page
    with more than one chart.
    """
    if not re.fullmatch(r"[a-z][a-z0-9-]{0,40}", id_prefix):
        raise ValueError("id_prefix must be lower-case letters, digits and hyphens")
    ordered = _in_date_order(_checked(records))
    summary = summarise(ordered)
    title = "Your sessions: pain before and after, and the long hold"
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    height = HEIGHT if ordered else 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="lowback-history" '
        'style="max-width: 36rem; height: auto; display: block; '
        'font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(_description(ordered, summary))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    if not ordered:
        parts.append(_text(WIDTH / 2, 50, "No sessions recorded yet", size=16, anchor="middle"))
        parts.append("</svg>")
        return "".join(parts)
    parts += _pain_panel(ordered) + _hold_panel(ordered)
    first, last = ordered[0].date, ordered[-1].date
    if first == last:
        parts.append(_text((LEFT + RIGHT) / 2, HEIGHT - 14, first, anchor="middle"))
    else:
        parts.append(_text(LEFT, HEIGHT - 14, first, anchor="start"))
        parts.append(_text(RIGHT, HEIGHT - 14, last, anchor="end"))
    parts.append("</svg>")
    return "".join(parts)


def _pain_panel(records: list[SessionRecord]) -> list[str]:
    count = len(records)

    def y(pain: int) -> float:
        return PAIN_BOTTOM - (PAIN_BOTTOM - PAIN_TOP) * (pain - PAIN_MIN) / (PAIN_MAX - PAIN_MIN)

    parts = [_text(4, PAIN_TOP - 20, "Pain, 0 to 10", size=16, font_weight="bold")]
    for tick in (0, 5, 10):
        parts.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 8, y(tick) + 5, str(tick), anchor="end"))
    label_y = {}
    for field, colour, word in (
        ("pain_before", BLUE, "before"),
        ("pain_after", VERMILLION, "after"),
    ):
        points = [
            None if getattr(r, field) is None else (_x(i, count), y(getattr(r, field)))
            for i, r in enumerate(records)
        ]
        parts.append(
            f'<path d="{_path(points)}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
        if count <= MARKERS_UP_TO:
            for point in points:
                if point is None:
                    continue
                if field == "pain_before":
                    parts.append(
                        f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="5" fill="{colour}"/>'
                    )
                else:
                    parts.append(
                        f'<rect x="{point[0] - 4.5:.1f}" y="{point[1] - 4.5:.1f}" width="9" '
                        f'height="9" fill="{colour}"/>'
                    )
        shown = [p for p in points if p is not None]
        if shown:
            label_y[word] = (shown[-1][1], colour)
    if len(label_y) == 2:
        a, b = _apart(label_y["before"][0], label_y["after"][0])
        label_y["before"] = (a, label_y["before"][1])
        label_y["after"] = (b, label_y["after"][1])
    for word, (at, colour) in label_y.items():
        # Words in dark text beside a swatch of the line's colour: never colour alone.
        parts.append(
            f'<line x1="{RIGHT + 6}" x2="{RIGHT + 18}" y1="{at:.1f}" y2="{at:.1f}" '
            f'stroke="{colour}" stroke-width="4"/>'
        )
        parts.append(_text(RIGHT + 22, at + 5, word, size=15))
    return parts


def _hold_panel(records: list[SessionRecord]) -> list[str]:
    count = len(records)
    holds = [r.hold_s for r in records if r.hold_s is not None]
    parts = [_text(4, HOLD_TOP - 20, "Long hold, seconds", size=16, font_weight="bold")]
    top = _nice_ceiling(max(holds)) if holds else 60

    def y(seconds: float) -> float:
        return HOLD_BOTTOM - (HOLD_BOTTOM - HOLD_TOP) * seconds / top

    for tick in (0, top):
        parts.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 8, y(tick) + 5, str(tick), anchor="end"))
    if not holds:
        parts.append(
            _text(
                (LEFT + RIGHT) / 2,
                (HOLD_TOP + HOLD_BOTTOM) / 2 + 5,
                "No hold timed yet",
                anchor="middle",
            )
        )
        return parts
    points = [
        None if r.hold_s is None else (_x(i, count), y(r.hold_s)) for i, r in enumerate(records)
    ]
    parts.append(
        f'<path d="{_path(points)}" fill="none" stroke="{BLUISH_GREEN}" stroke-width="2.5"/>'
    )
    if count <= MARKERS_UP_TO:
        for point in points:
            if point is not None:
                cx, cy = point
                parts.append(
                    f'<path d="M{cx:.1f} {cy - 6:.1f} L{cx + 6:.1f} {cy:.1f} L{cx:.1f} '
                    f'{cy + 6:.1f} L{cx - 6:.1f} {cy:.1f} Z" fill="{BLUISH_GREEN}"/>'
                )
    parts.append(
        _text(WIDTH - 4, HOLD_TOP - 20, f"latest {_held(holds[-1])}", size=15, anchor="end")
    )
    return parts
