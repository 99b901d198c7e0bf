"""A physiotherapist's dosage, carried by a link: checked like the routine, read strictly."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lowback.prescription import (
    DEFAULT_PRESCRIPTION,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_QUERY_CHARS,
    QUERY_NAMES,
    SETTING_RULES,
    Prescription,
    SettingError,
    check_base_url,
    check_link,
    dosage_summary,
    from_query,
    ignored_parameters,
    is_plain_text,
    routine_link,
    seconds_text,
    to_query,
)
from lowback.regions import REGION_IDS
from lowback.routine import BOUNDS, MAX_DURATION_S, MAX_REPS, Routine

DURATIONS = {"hold": "hold_s", "rest": "rest_s", "lift": "lift_s", "lower": "lower_s"}
DURATIONS["lead"] = "lead_in_s"
DURATIONS["cap"] = "final_hold_max_s"


def durations(attribute: str):
    """Any number of seconds the routine accepts for `attribute` (lowback.routine.BOUNDS)."""
    low, high = BOUNDS[attribute]
    return st.floats(min_value=low, max_value=high, allow_nan=False)


# Any printable text in any script: spaces other than the plain one, and fillers that draw
# nothing, are not plain text (issue 26).
plain_notes = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"),
        blacklist_characters="\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0",
    )
    | st.just(" "),
    max_size=MAX_NOTE_CHARS,
)
plain_names = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"),
        blacklist_characters="\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0",
    )
    | st.just(" "),
    max_size=MAX_NAME_CHARS,
)
prescriptions = st.builds(
    Prescription,
    side=st.sampled_from(["left", "right"]),
    reps=st.integers(1, MAX_REPS),
    hold_s=durations("hold_s"),
    rest_s=durations("rest_s"),
    lift_s=durations("lift_s"),
    lower_s=durations("lower_s"),
    lead_in_s=durations("lead_in_s"),
    lowering=st.sampled_from(["gentle", "tip"]),
    final_hold_max_s=durations("final_hold_max_s"),
    times_per_day=st.none() | st.integers(1, 3),
    days_per_week=st.none() | st.integers(1, 7),
    weeks=st.none() | st.integers(1, 26),
    region=st.none() | st.sampled_from(REGION_IDS),
    by=plain_names,
    contact=plain_names,
    note=plain_notes,
)


# -- the dataclass -----------------------------------------------------------------------------


def test_defaults_are_the_routines_defaults_with_no_times_and_no_note():
    p = Prescription()
    assert p.routine() == Routine()
    assert p.times_per_day is None and p.note == ""
    assert (p.lowering, p.final_hold_max_s) == ("gentle", 60.0)
    assert p.days_per_week is None and p.weeks is None and p.region is None
    assert p.by == "" and p.contact == ""
    assert p == DEFAULT_PRESCRIPTION


def test_a_prescription_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_PRESCRIPTION.reps = 5


def test_routine_carries_every_setting_of_the_prescription():
    p = Prescription(side="left", reps=12, hold_s=3, rest_s=45, lift_s=1.5, lower_s=4, lead_in_s=8)
    assert p.routine() == Routine(
        reps=12, lift_s=1.5, hold_s=3, lower_s=4, rest_s=45, lead_in_s=8, side="left"
    )


def test_durations_are_stored_as_floats_so_equal_settings_are_equal():
    assert Prescription(hold_s=3) == Prescription(hold_s=3.0)
    assert isinstance(Prescription(hold_s=3).hold_s, float)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reps", 0),
        ("reps", MAX_REPS + 1),
        ("reps", True),
        ("reps", 2.0),
        ("reps", "10"),
        ("side", "both"),
        ("side", None),
        *((attribute, 0) for attribute in DURATIONS.values()),
        *((attribute, MAX_DURATION_S + 0.1) for attribute in DURATIONS.values()),
        *((attribute, float("nan")) for attribute in DURATIONS.values()),
        *((attribute, float("inf")) for attribute in DURATIONS.values()),
        ("hold_s", False),
        ("times_per_day", 0),
        ("times_per_day", 4),
        ("times_per_day", True),
        ("times_per_day", 2.0),
        ("hold_s", 0.5),
        ("hold_s", 31),
        ("rest_s", 5),
        ("rest_s", 121),
        ("lift_s", 11),
        ("lead_in_s", 2),
        ("final_hold_max_s", 9),
        ("final_hold_max_s", 121),
        ("lowering", "across"),
        ("lowering", None),
        ("days_per_week", 0),
        ("days_per_week", 8),
        ("days_per_week", True),
        ("weeks", 0),
        ("weeks", 27),
        ("weeks", 6.0),
        ("region", "mars"),
        ("region", ""),
        ("by", "x" * (MAX_NAME_CHARS + 1)),
        ("by", "line\nbreak"),
        ("by", None),
        ("contact", "x" * (MAX_NAME_CHARS + 1)),
        ("contact", "zero\u200bwidth"),
        ("note", "x" * (MAX_NOTE_CHARS + 1)),
        ("note", None),
    ],
)
def test_a_bad_field_is_refused_with_its_name_in_the_link(field, value):
    with pytest.raises(SettingError) as caught:
        Prescription(**{field: value})
    name = {
        **{a: n for n, a in DURATIONS.items()},
        "times_per_day": "times",
        "days_per_week": "days",
    }.get(field, field)
    assert caught.value.name == name
    assert str(caught.value) == f"{name}: {SETTING_RULES[name]}"


def test_the_bounds_are_the_routines_own():
    # Whatever Routine accepts, a prescription accepts, and the other way round.
    for reps in (0, 1, MAX_REPS, MAX_REPS + 1):
        try:
            Routine(reps=reps)
            routine_ok = True
        except ValueError:
            routine_ok = False
        try:
            Prescription(reps=reps)
            prescription_ok = True
        except ValueError:
            prescription_ok = False
        assert routine_ok == prescription_ok


@pytest.mark.parametrize(
    "note",
    [
        "line one\nline two",
        "tab\there",
        "escape \x1b[31m red",
        "right-to-left \u202e override",
        "zero\u200bwidth",
        "private \ue000 use",
        "paragraph\u2029separator",
        "nul \x00",
    ],
)
def test_a_note_with_control_or_invisible_characters_is_refused(note):
    assert not is_plain_text(note)
    with pytest.raises(SettingError, match="^note: "):
        Prescription(note=note)


@pytest.mark.parametrize(
    "note",
    ["After your walk, gently.", "Zażółć gęślą jaźń", "Ελληνικά", "<b>not markup</b> & 50%", ""],
)
def test_plain_text_in_any_script_is_a_note(note):
    assert Prescription(note=note).note == note


def test_a_note_of_exactly_200_characters_is_accepted():
    assert len(Prescription(note="é" * MAX_NOTE_CHARS).note) == MAX_NOTE_CHARS


# -- links -------------------------------------------------------------------------------------


def test_the_default_prescription_gives_an_empty_query():
    assert to_query(DEFAULT_PRESCRIPTION) == ""
    assert from_query("") == DEFAULT_PRESCRIPTION
    assert from_query("?") == DEFAULT_PRESCRIPTION


def test_only_settings_that_differ_from_the_defaults_go_in_the_link_in_a_fixed_order():
    p = Prescription(note="gently", times_per_day=2, reps=12, side="left", lead_in_s=10)
    assert to_query(p) == "side=left&reps=12&lead=10&times=2&note=gently"


def test_every_setting_has_its_short_name_in_that_order():
    p = Prescription(
        "left", 12, 3, 40, 1.5, 4, 10, "tip", 90, 3, 5, 6, "uk", "Jane", "020 7946 0000", "n"
    )
    names = [part.partition("=")[0] for part in to_query(p).split("&")]
    assert names == list(QUERY_NAMES)


def test_the_note_is_percent_encoded_so_nothing_in_it_can_break_the_link():
    p = Prescription(note="a&b=c #d ?e +f %g/ é")
    query = to_query(p)
    assert query == "note=a%26b%3Dc%20%23d%20%3Fe%20%2Bf%20%25g%2F%20%C3%A9"
    assert from_query(query) == p


def test_a_plus_in_a_typed_link_reads_as_a_space():
    assert from_query("note=after+your+walk").note == "after your walk"


def test_numbers_are_written_short_and_read_back_exactly():
    p = Prescription(hold_s=2.5, rest_s=10.1 + 0.2, lift_s=1 + 1e-5)
    query = to_query(p)
    assert "hold=2.5" in query and "rest=10.299999999999999" in query
    assert "lift=1.00001" in query
    assert from_query(query) == p


def test_the_plan_region_and_names_go_in_the_link_and_come_back():
    p = Prescription(
        lowering="tip",
        final_hold_max_s=90,
        days_per_week=5,
        weeks=6,
        region="uk",
        by="Jane Smith",
        contact="020 7946 0000",
    )
    query = to_query(p)
    assert query == (
        "lowering=tip&cap=90&days=5&weeks=6&region=uk&by=Jane%20Smith&contact=020%207946%200000"
    )
    assert from_query(query) == p


@given(prescriptions)
def test_any_prescription_survives_a_round_trip_through_its_link(p):
    assert from_query(to_query(p)) == p
    assert from_query("?" + to_query(p)) == p


@given(prescriptions)
def test_a_link_never_carries_a_character_that_needs_escaping(p):
    query = to_query(p)
    assert len(query) <= MAX_QUERY_CHARS
    assert all(ch.isascii() and ch.isprintable() and ch not in " #?\"'<>" for ch in query)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("reps=0", "reps"),
        ("reps=31", "reps"),
        ("reps=ten", "reps"),
        ("reps=10.0", "reps"),
        ("reps=-1", "reps"),
        ("reps=+5", "reps"),
        ("reps=1e1", "reps"),
        ("reps=9999999", "reps"),
        ("reps=", "reps"),
        ("reps", "reps"),
        ("side=both", "side"),
        ("side=LEFT", "side"),
        ("side=", "side"),
        *((f"{name}=0", name) for name in DURATIONS),
        *((f"{name}=601", name) for name in DURATIONS),
        ("hold=31", "hold"),
        ("rest=5", "rest"),
        ("lead=2", "lead"),
        ("cap=9", "cap"),
        ("lowering=across", "lowering"),
        ("days=0", "days"),
        ("days=8", "days"),
        ("weeks=27", "weeks"),
        ("weeks=six", "weeks"),
        ("region=mars", "region"),
        ("by=" + "x" * (MAX_NAME_CHARS + 1), "by"),
        ("contact=line%0Abreak", "contact"),
        *((f"{name}=nan", name) for name in DURATIONS),
        *((f"{name}=inf", name) for name in DURATIONS),
        *((f"{name}=1_0", name) for name in DURATIONS),
        *((f"{name}=%202", name) for name in DURATIONS),
        *((f"{name}=2..5", name) for name in DURATIONS),
        *((f"{name}=1e400", name) for name in DURATIONS),
        ("times=0", "times"),
        ("times=4", "times"),
        ("times=two", "times"),
        ("note=" + "x" * (MAX_NOTE_CHARS + 1), "note"),
        ("note=line%0Abreak", "note"),
        ("note=bidi%E2%80%AEtrick", "note"),
        ("note=broken%zzescape", "note"),
        ("note=not%FFutf8", "note"),
        ("reps=10&reps=12", "reps"),
        ("hold=2&hold=2", "hold"),
        ("colour=red", "colour"),
        ("side=left&voila=1", "voila"),
    ],
)
def test_a_bad_link_names_the_setting_in_plain_words(query, name):
    with pytest.raises(SettingError) as caught:
        from_query(query)
    assert caught.value.name == name
    assert str(caught.value).startswith(f"{name}: ")
    assert "Traceback" not in str(caught.value) and len(str(caught.value)) < 200


def test_the_message_for_a_bad_number_says_what_it_must_be():
    with pytest.raises(
        ValueError, match="^reps: must be a whole number of repetitions from 1 to 30$"
    ):
        from_query("reps=40")


def test_an_unknown_name_is_named_and_the_known_ones_listed():
    with pytest.raises(SettingError, match="^colour: is not a setting.*side, reps, hold"):
        from_query("colour=red")


def test_an_unknown_name_that_is_not_a_plain_word_is_not_echoed():
    with pytest.raises(SettingError) as caught:
        from_query("%3Cscript%3E=1")
    assert "<" not in str(caught.value) and caught.value.name == "a setting"


def test_a_repeated_name_is_refused_even_with_the_same_value():
    with pytest.raises(SettingError, match="more than once"):
        from_query("side=left&side=left")


def test_empty_parts_between_ampersands_are_harmless():
    assert from_query("?&reps=12&&side=left&") == Prescription(reps=12, side="left")


def test_a_hostile_long_query_is_refused_at_once_without_parsing_it():
    hostile = "reps=1&" * 1_000_000
    started = time.perf_counter()
    with pytest.raises(SettingError, match="^link: is too long"):
        from_query(hostile)
    assert time.perf_counter() - started < 0.05


def test_a_query_that_is_not_text_is_refused():
    with pytest.raises(SettingError, match="^link: "):
        from_query(b"reps=12")  # type: ignore[arg-type]


# -- addresses ---------------------------------------------------------------------------------


def test_the_routine_link_is_relative_without_a_base_address():
    assert routine_link(DEFAULT_PRESCRIPTION) == "03_routine_timer.ipynb"
    assert routine_link(Prescription(reps=12)) == "03_routine_timer.ipynb?reps=12"


@pytest.mark.parametrize(
    "base",
    [
        "https://clinic.example.org/voila/render/",
        "https://clinic.example.org/voila/render/04_for_clinicians.ipynb",
        "https://clinic.example.org/voila/render/04_for_clinicians.ipynb?reps=3#top",
    ],
)
def test_the_routine_link_is_absolute_under_a_base_address_or_a_page_beside_it(base):
    assert routine_link(Prescription(reps=12), base) == (
        "https://clinic.example.org/voila/render/03_routine_timer.ipynb?reps=12"
    )


@pytest.mark.parametrize(
    "base",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.org/",
        "clinic.example.org/voila/render/",
        "https://user:secret@example.org/",
        "https://exa mple.org/",
        "https://example.org/\n",
        "https://example.org:99999/",
        "https://",
        "https://example.org/" + "a" * 600,
        None,
    ],
)
def test_a_base_address_that_is_not_a_plain_web_address_is_refused(base):
    with pytest.raises(SettingError, match="^address: must be a web address"):
        check_base_url(base)


def test_a_link_for_a_patient_must_be_an_absolute_web_address():
    good = "https://clinic.example.org/voila/render/03_routine_timer.ipynb?reps=12"
    assert check_link(good) == good
    for bad in ("03_routine_timer.ipynb", "javascript:alert(1)", "https://x.org/a b"):
        with pytest.raises(SettingError, match="^link: "):
            check_link(bad)


# -- in words ----------------------------------------------------------------------------------


def test_the_summary_of_the_default_dosage_reads_as_the_tip_says():
    assert dosage_summary(Prescription(times_per_day=2)) == (
        "10 lifts on the right side, hold 2 s, rest 30 s, then one long hold of at most 1 min; "
        "up to 2 times a day"
    )


def test_the_summary_names_the_tips_lowering_the_cap_and_the_plans_numbers():
    text = dosage_summary(
        Prescription(lowering="tip", final_hold_max_s=90, days_per_week=5, weeks=6)
    )
    assert text == (
        "10 lifts on the right side, hold 2 s, lowering the knee to the floor in front as the "
        "tip does, rest 30 s, then one long hold of at most 1 min 30 s; when the pain comes "
        "back, at most 2 to 3 times a day, 5 days a week, for 6 weeks"
    )
    assert "every day, for 1 week" in dosage_summary(Prescription(days_per_week=7, weeks=1))


def test_the_summary_without_times_a_day_gives_the_series_cap():
    assert dosage_summary(DEFAULT_PRESCRIPTION).endswith(
        "when the pain comes back, at most 2 to 3 times a day"
    )


def test_the_summary_names_the_pace_only_when_it_differs_from_the_series_choice():
    text = dosage_summary(Prescription(side="left", reps=1, lift_s=3, times_per_day=1))
    assert text == (
        "1 lift on the left side (3 s up, 3 s down), hold 2 s, rest 30 s, then one long hold of "
        "at most 1 min; up to once a day"
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(2, "2 s"), (2.5, "2.5 s"), (0.75, "0.75 s"), (90, "1 min 30 s"), (600, "10 min")],
)
def test_durations_read_as_people_say_them(seconds, text):
    assert seconds_text(seconds) == text


@pytest.mark.parametrize(
    "filler",
    ["\u2800", "\u3164", "\u115f", "\uffa0", "\u00a0", "\u2003", "\u180e"],
    ids=[
        "braille blank",
        "hangul filler",
        "choseong filler",
        "halfwidth filler",
        "nbsp",
        "em space",
        "mvs",
    ],
)
def test_a_note_of_fillers_or_odd_spaces_is_not_plain_text(filler):
    """Issue 26: "⠀⠀⠀" passed as a note, and could hide words apart from the rest."""
    with pytest.raises(SettingError, match="note"):
        Prescription(note=f"Rest{filler}{filler}then stop")


@pytest.mark.parametrize(
    "tracking",
    ["fbclid=IwAR0abc", "utm_source=whatsapp&utm_medium=chat", "gclid=x", "mc_eid=1"],
)
def test_tracking_parameters_an_app_adds_are_ignored_and_named(tracking):
    query = f"reps=12&{tracking}&side=left"
    assert from_query(query) == Prescription(reps=12, side="left")
    assert ignored_parameters(query) == tuple(part.split("=")[0] for part in tracking.split("&"))


def test_an_unknown_parameter_that_is_not_tracking_is_still_refused():
    with pytest.raises(SettingError, match="utmsource"):
        from_query("reps=12&utmsource=x")
