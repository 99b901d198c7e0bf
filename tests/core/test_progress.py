"""The reader's own session records: every field from the browser is checked, then summarised,
exported and drawn."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowback.progress import (
    CSV_COLUMNS,
    MAX_HOLD_S,
    MAX_JSON_CHARS,
    MAX_JSON_DEPTH,
    MAX_RECORDS,
    MORNING_QUESTION_DAYS,
    NO_BETTER,
    OPTIONAL_FIELDS,
    RECORD_FIELDS,
    WEEKS_APART_DAYS,
    RecordError,
    SessionRecord,
    history_svg,
    records_from_json,
    session_to_ask_about,
    summarise,
    summary_text,
    to_csv,
    validate_record,
)

SVG = "{http://www.w3.org/2000/svg}"


def record(**changes) -> dict:
    base = {
        "date": "2026-11-30",
        "side": "right",
        "reps": 10,
        "pain_before": 6,
        "pain_after": 3,
        "hold_s": 42.5,
    }
    return base | changes


records = st.builds(
    lambda day, side, reps, before, after, hold, answers: record(
        date=day.isoformat(),
        side=side,
        reps=reps,
        pain_before=before,
        pain_after=after,
        hold_s=hold,
        **answers,
    ),
    st.dates(),
    st.sampled_from(["left", "right"]),
    st.integers(1, 30),
    st.none() | st.integers(0, 10),
    st.none() | st.integers(0, 10),
    st.none() | st.floats(0, MAX_HOLD_S),
    # A record from before the later fields has none of them.
    st.fixed_dictionaries(
        {}, optional={field: st.none() | st.booleans() for field in OPTIONAL_FIELDS}
    ),
)


# -- one record --------------------------------------------------------------------------------


def test_a_good_record_is_read_with_its_numbers_as_they_are():
    checked = validate_record(record())
    assert checked == SessionRecord("2026-11-30", "right", 10, 6, 3, 42.5)
    assert checked.to_dict() == record() | {"settled_next_morning": None, "stop_symptoms": None}


def test_nulls_say_not_given_for_pain_and_hold():
    checked = validate_record(record(pain_before=None, pain_after=None, hold_s=None))
    assert (checked.pain_before, checked.pain_after, checked.hold_s) == (None, None, None)


def test_a_whole_number_hold_is_stored_as_seconds_in_a_float():
    assert validate_record(record(hold_s=40)).hold_s == 40.0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "2026-13-01"),
        ("date", "2026-02-30"),
        ("date", "30/11/2026"),
        ("date", "2026-11-30T10:00"),
        ("date", 20261130),
        ("date", None),
        ("side", "both"),
        ("side", ["left"]),
        ("side", None),
        ("reps", 0),
        ("reps", 31),
        ("reps", 10.0),
        ("reps", "10"),
        ("reps", True),
        ("reps", 10**100),
        ("reps", None),
        ("pain_before", -1),
        ("pain_before", 11),
        ("pain_before", 5.5),
        ("pain_before", "5"),
        ("pain_before", False),
        ("pain_after", 11),
        ("pain_after", [3]),
        ("pain_after", {"value": 3}),
        ("hold_s", -1),
        ("hold_s", MAX_HOLD_S + 1),
        ("hold_s", float("nan")),
        ("hold_s", float("inf")),
        ("hold_s", 1e308),
        ("hold_s", "40"),
        ("hold_s", True),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(field, value):
    with pytest.raises(RecordError, match=f"^{field}: "):
        validate_record(record(**{field: value}))


@pytest.mark.parametrize("field", RECORD_FIELDS)
def test_a_missing_field_is_refused_naming_it(field):
    broken = record()
    del broken[field]
    with pytest.raises(RecordError, match=f"^{field}: is missing"):
        validate_record(broken)


def test_an_extra_field_is_refused_naming_it():
    with pytest.raises(RecordError, match="^mood: is not part of a session record"):
        validate_record(record(mood="good"))


def test_an_extra_field_with_a_strange_name_is_refused_without_echoing_it():
    with pytest.raises(RecordError) as caught:
        validate_record(record(**{"<img src=x onerror=alert(1)>": 1}))
    assert "<" not in str(caught.value)


def test_a_record_stored_before_the_later_fields_reads_them_as_null():
    old = validate_record(record())
    assert (old.settled_next_morning, old.stop_symptoms) == (None, None)
    assert [r.stop_symptoms for r in records_from_json(json.dumps([record()] * 3))] == [None] * 3


@pytest.mark.parametrize("answer", [True, False, None])
@pytest.mark.parametrize("field", OPTIONAL_FIELDS)
def test_the_later_fields_hold_yes_no_or_not_given(field, answer):
    assert getattr(validate_record(record(**{field: answer})), field) is answer


@pytest.mark.parametrize("bad", [1, 0, "yes", "true", [], {}, 1.0])
@pytest.mark.parametrize("field", OPTIONAL_FIELDS)
def test_a_later_field_that_is_not_true_false_or_null_is_refused_naming_it(field, bad):
    with pytest.raises(RecordError, match=f"^{field}: must be true, false or null"):
        validate_record(record(**{field: bad}))


def test_a_whole_number_too_large_for_a_float_is_refused_as_a_hold_not_an_overflow():
    with pytest.raises(RecordError, match="^record 1: hold_s: "):
        records_from_json(
            '[{"date": "2026-11-30", "side": "right", "reps": 10, '
            f'"pain_before": 6, "pain_after": 3, "hold_s": {10**400}}}]'
        )


def test_a_hold_of_minus_zero_reads_as_zero():
    checked = validate_record(record(hold_s=-0.0))
    assert str(checked.hold_s) == "0.0"
    assert to_csv([checked]).splitlines()[1].split(",")[5] == "0.0"


@pytest.mark.parametrize("thing", [None, [], "record", 42, ["date", "side"]])
def test_something_that_is_not_a_record_is_refused(thing):
    with pytest.raises(RecordError, match="must be a set of named values"):
        validate_record(thing)


def test_the_position_of_a_bad_record_is_named():
    with pytest.raises(RecordError, match="^record 2: reps: "):
        records_from_json(json.dumps([record(), record(reps=99)]))


# -- a list from localStorage ------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", "  ", "null", "[]"])
def test_an_empty_store_has_no_records(empty):
    assert records_from_json(empty) == ()


def test_a_stored_list_is_read_in_order():
    stored = json.dumps([record(date="2026-11-02"), record(date="2026-11-01")])
    assert [r.date for r in records_from_json(stored)] == ["2026-11-02", "2026-11-01"]


@pytest.mark.parametrize(
    "text",
    [
        "{",
        '{"date": "2026-11-30"}',
        '"a string"',
        "[" * 100_000 + "]" * 100_000,
        '[{"date": "2026-11-30", "side": "right", "reps": 10, "pain_before": NaN, '
        '"pain_after": 3, "hold_s": 1}]',
        '[{"date": "2026-11-30", "side": "right", "reps": 10, "pain_before": 6, '
        '"pain_after": 3, "hold_s": Infinity}]',
        "[" + "9" * 5000 + "]",
    ],
)
def test_text_that_is_not_a_list_of_records_is_refused(text):
    with pytest.raises(RecordError):
        records_from_json(text)


def test_more_than_the_maximum_number_of_records_is_refused():
    compact = json.dumps([record()] * (MAX_RECORDS + 1), separators=(",", ":"))
    assert len(compact) < MAX_JSON_CHARS
    with pytest.raises(RecordError, match=f"more than {MAX_RECORDS}"):
        records_from_json(compact)
    assert len(records_from_json(json.dumps([record()] * MAX_RECORDS))) == MAX_RECORDS


def test_text_nested_too_deep_is_refused_whatever_python_could_manage():
    just = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    with pytest.raises(RecordError, match="^record 1: must be a set of named values"):
        records_from_json(just)
    deeper = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
    with pytest.raises(RecordError, match="cannot be read as JSON"):
        records_from_json(deeper)
    # Brackets inside a string nest nothing; what comes first is what is reported.
    with pytest.raises(RecordError, match="must be a set of named values"):
        records_from_json('["' + "[" * 100 + '"]')
    with pytest.raises(RecordError, match="^NaN is not a number"):
        records_from_json("[NaN, " + "[" * 100)
    with pytest.raises(RecordError, match="cannot be read as JSON"):
        records_from_json("[" * 100 + "NaN")


def test_text_over_the_size_limit_is_refused_before_it_is_parsed():
    with pytest.raises(RecordError, match="too long"):
        records_from_json(" " * (MAX_JSON_CHARS + 1))


def test_something_that_is_not_text_is_refused():
    with pytest.raises(RecordError):
        records_from_json(b"[]")  # type: ignore[arg-type]


# -- summary -----------------------------------------------------------------------------------


def test_the_summary_of_no_sessions():
    summary = summarise([])
    assert summary.sessions == 0 and summary.last_date is None
    assert summary.average_pain_change is None and summary.latest_hold_s is None
    assert summary_text(summary) == "No sessions recorded yet."


def test_the_summary_counts_sessions_averages_the_change_and_gives_the_latest_hold():
    summary = summarise(
        [
            record(date="2026-11-03", pain_before=6, pain_after=3, hold_s=30),
            record(date="2026-11-01", pain_before=7, pain_after=6, hold_s=55.5),
            record(date="2026-11-02", pain_before=None, pain_after=2, hold_s=None),
        ]
    )
    assert summary.sessions == 3
    assert (summary.first_date, summary.last_date) == ("2026-11-01", "2026-11-03")
    assert summary.rated_sessions == 2
    assert summary.average_pain_change == pytest.approx(-2.0)
    assert summary.latest_hold_s == 30.0  # the newest, never the longest
    assert summary_text(summary) == (
        "3 sessions, from 2026-11-01 to 2026-11-03. Pain went down by 2 points on average "
        "from before to after, over the 2 sessions with both scores. Latest long hold: 30 s."
    )


def test_the_summary_says_when_pain_went_up():
    text = summary_text(summarise([record(pain_before=3, pain_after=4, hold_s=75)]))
    assert "Pain went up by 1 point on average" in text
    assert "Latest long hold: 1 min 15 s." in text
    assert text.startswith("1 session, on 2026-11-30.")


def test_the_summary_says_when_no_session_has_both_pain_scores():
    text = summary_text(summarise([record(pain_after=None)]))
    assert "No session has a pain score both before and after." in text


def test_the_history_shows_the_hold_time_never_a_best():
    rows = [record(date="2026-11-01", hold_s=59), record(date="2026-11-02", hold_s=20.5)]
    text = summary_text(summarise(rows))
    svg_text = "".join(parse(history_svg(rows)).itertext())
    assert "Latest long hold: 20 s." in text and "latest 20 s" in svg_text
    assert "best" not in (text + svg_text).lower()


def test_the_latest_hold_of_one_day_is_the_one_recorded_last_that_day():
    rows = [record(hold_s=10), record(hold_s=45), record(hold_s=None)]
    assert summarise(rows).latest_hold_s == 45.0


# -- over weeks: the change that matters (Ostelo et al. 2008), never for one session -------------


def weeks(first: int, latest: int, days: int = 28) -> str:
    start = date(2026, 11, 1)
    return summary_text(
        summarise(
            [
                record(date=start.isoformat(), pain_before=first, pain_after=first),
                record(date="2026-11-05", pain_before=None),
                record(date=(start + timedelta(days=days)).isoformat(), pain_before=latest),
            ]
        )
    )


def test_over_weeks_a_drop_of_2_points_or_more_is_said_to_matter():
    text = weeks(6, 3)
    assert (
        "Pain before a session went from 6 on 2026-11-01 to 3 on 2026-11-29: down by 3 points. "
        "Over weeks, a drop of 2 points, or of 30%, is about the smallest change that people "
        "find worthwhile."
    ) in text
    assert "see a physiotherapist" not in text


def test_over_weeks_a_small_drop_no_change_or_a_rise_points_to_a_physiotherapist():
    assert "down by 1 point, less than the 2 points, or 30%" in weeks(6, 5)
    assert "Pain before a session was 4 on 2026-11-01 and 4 on 2026-11-29." in weeks(4, 4)
    assert "up by 2 points." in weeks(3, 5)
    for first, latest in [(6, 5), (4, 4), (3, 5)]:
        assert weeks(first, latest).count(NO_BETTER) == 1


def test_over_weeks_a_30_percent_drop_matters_though_it_is_1_point():
    assert "smallest change that people find worthwhile" in weeks(3, 2)


def test_pain_is_not_read_over_weeks_until_the_scores_are_two_weeks_apart():
    assert WEEKS_APART_DAYS == 14
    assert "Pain before a session" not in weeks(6, 3, days=13)
    assert "Pain before a session went from 6" in weeks(6, 3, days=14)


# -- the next visit: was the pain back to usual the next morning? --------------------------------


def test_the_next_visit_asks_about_the_last_session_from_a_day_to_a_week_before():
    rows = [record(date="2026-11-20"), record(date="2026-11-29")]
    assert session_to_ask_about(rows, "2026-11-30") == 1
    assert session_to_ask_about(rows, date(2026, 12, 6)) == 1
    assert MORNING_QUESTION_DAYS == 7
    assert session_to_ask_about(rows, "2026-12-07") is None  # too long ago to remember
    assert session_to_ask_about(rows, "2026-11-29") is None  # the same day: not yet
    assert session_to_ask_about(rows, "2026-11-28") is None  # a date before it (clock changed)


def test_the_next_visit_asks_only_once_and_only_about_a_rated_session():
    assert session_to_ask_about([record(settled_next_morning=True)], "2026-12-01") is None
    assert session_to_ask_about([record(settled_next_morning=False)], "2026-12-01") is None
    assert session_to_ask_about([record(pain_after=None)], "2026-12-01") is None
    assert session_to_ask_about([], "2026-12-01") is None
    # Records stored before the question existed are asked about like new ones.
    old = {key: value for key, value in record().items() if key not in OPTIONAL_FIELDS}
    assert session_to_ask_about([old], "2026-12-01") == 0


def test_the_next_visit_asks_about_the_last_stored_session_not_an_earlier_one():
    rows = [record(date="2026-11-29"), record(date="2026-11-29", pain_after=None)]
    assert session_to_ask_about(rows, "2026-11-30") is None


def test_the_answer_is_kept_on_the_record_and_read_back():
    rows = [record(date="2026-11-29")]
    rows[0]["settled_next_morning"] = False
    (read,) = records_from_json(json.dumps(rows))
    assert read.settled_next_morning is False
    assert session_to_ask_about([read], "2026-11-30") is None


# -- CSV ---------------------------------------------------------------------------------------


def test_the_csv_has_a_header_and_one_row_per_session_oldest_first():
    text = to_csv([record(date="2026-11-02", hold_s=None), record(date="2026-11-01")])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1] == ["2026-11-01", "right", "10", "6", "3", "42.5", "", ""]
    assert rows[2] == ["2026-11-02", "right", "10", "6", "3", "", "", ""]


def test_the_csv_says_yes_or_no_for_the_later_fields_and_nothing_when_not_given():
    text = to_csv([record(settled_next_morning=True, stop_symptoms=False), record()])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-2:] == ["settled_next_morning", "stop_symptoms"]
    assert rows[1][-2:] == ["yes", "no"] and rows[2][-2:] == ["", ""]


def test_the_csv_of_no_sessions_is_the_header_alone():
    assert to_csv([]) == ",".join(CSV_COLUMNS) + "\r\n"


@given(st.lists(records, max_size=20))
def test_no_csv_cell_can_start_a_spreadsheet_formula(rows):
    for row in list(csv.reader(io.StringIO(to_csv(rows))))[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_the_csv_refuses_a_record_that_is_not_valid():
    with pytest.raises(RecordError, match="^record 1: side: "):
        to_csv([record(side='=HYPERLINK("http://evil")')])


# -- chart -------------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("count", [0, 1, 2, 60, 61, MAX_RECORDS])
def test_the_chart_is_well_formed_accessible_svg_for_any_number_of_sessions(count):
    rows = [
        record(date=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", pain_before=i % 11, hold_s=i % 90)
        for i in range(count)
    ]
    svg = history_svg(rows)
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "viewBox" in root.attrib and root.get("width") == "100%"


def test_the_chart_of_no_sessions_says_so_in_words():
    root = parse(history_svg([]))
    assert "No sessions recorded yet" in "".join(root.itertext())


def test_the_chart_draws_before_and_after_and_the_hold_with_okabe_ito_colours():
    svg = history_svg([record(date="2026-11-01"), record(date="2026-11-02", pain_after=1)])
    for colour in ("#0072B2", "#D55E00", "#009E73"):
        assert colour in svg
    text = "".join(parse(svg).itertext())
    for label in ("Pain, 0 to 10", "before", "after", "Long hold, seconds", "latest 42 s"):
        assert label in text
    assert "2026-11-01" in text and "2026-11-02" in text


def test_the_chart_text_is_large_enough_to_read_on_a_phone():
    root = parse(history_svg([record()]))
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    width = float(root.get("viewBox").split()[2])
    # Drawn at the width of a 390 px phone's content (about 358 px), never under 14 px.
    assert min(sizes) * 358 / width >= 13.9


def test_a_missing_value_breaks_the_line_rather_than_joining_across_it():
    svg = history_svg(
        [
            record(date="2026-11-01", pain_before=6),
            record(date="2026-11-02", pain_before=None),
            record(date="2026-11-03", pain_before=5),
        ]
    )
    paths = re.findall(r'<path d="([^"]*)" fill="none" stroke="#0072B2"', svg)
    assert len(paths) == 1 and paths[0].count("M") == 2 and "L" not in paths[0]


def test_the_description_gives_the_numbers_in_words():
    desc = parse(history_svg([record(date="2026-11-01", pain_before=7), record()])).find(
        f"{SVG}desc"
    )
    assert "2 sessions, from 2026-11-01 to 2026-11-30" in desc.text
    assert "Pain before a session: first 7, latest 6." in desc.text


def test_every_id_takes_the_prefix_so_two_charts_can_share_a_page():
    svg = history_svg([record()], id_prefix="week-2")
    assert 'id="week-2-title"' in svg and 'id="week-2-desc"' in svg
    with pytest.raises(ValueError):
        history_svg([], id_prefix='x" onload="alert(1)')


def test_the_chart_refuses_records_it_cannot_trust_rather_than_drawing_them():
    with pytest.raises(RecordError):
        history_svg([record(date="<script>alert(1)</script>")])


@given(st.lists(records, max_size=30))
def test_any_valid_history_draws_as_well_formed_svg(rows):
    root = parse(history_svg(rows))
    assert root.get("role") == "img"
