"""lowback.plan: the plan a reader follows, built once as plain data for the routine page, the
clinicians' page and the handout (issue 23, items 5, 6, 7, 9 and 10)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from lowback.plan import (
    LOWER_FRAMES,
    SERIES_CHOICE,
    Plan,
    Section,
    build_plan,
    date_text,
    plan_texts,
)
from lowback.prescription import Prescription, SettingError
from lowback.regions import COMMON_NUMBERS
from lowback.signed_link import ORIGIN_WORDS
from tests.policy.test_reading_level import (  # noqa: F401 (a fixture, used by name)
    PATIENT_PAGE_MAX_GRADE,
    grade,
    offline_pronouncing_dictionary,
)

DAY = date(2026, 12, 7)
LINK = "https://clinic.example.org/voila/render/03_routine_timer.ipynb?reps=12"


def words(plan: Plan) -> str:
    return " ".join(plan_texts(plan))


def test_a_plan_is_frozen_plain_data():
    plan = build_plan(Prescription(), origin="own")
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.note = "changed"  # type: ignore[misc]
    assert all(isinstance(text, str) for text in plan_texts(plan))


def test_every_setting_of_the_prescription_is_in_the_plan():
    p = Prescription(
        side="left",
        reps=12,
        hold_s=3,
        rest_s=45,
        lift_s=1.5,
        lower_s=4,
        lead_in_s=8,
        lowering="tip",
        final_hold_max_s=90,
        times_per_day=2,
        days_per_week=5,
        weeks=6,
        region="uk",
        by="Jane Smith",
        contact="020 7946 0000",
        note="After your walk",
    )
    plan = build_plan(p, origin="physio", link=LINK, today=DAY)
    rows = {row.label: row.value for row in plan.dosage}
    assert rows == {
        "Sore side, on top": "Left",
        "Lifts": "12",
        "Lift": "over 1.5 s",
        "Hold": "3 s",
        "Lower": "over 4 s, knee to the floor in front of the other leg",
        "Rest": "45 s",
        "Last hold": "until it feels hard, 1 min 30 s at most",
        "Get ready (timer)": "8 s",
    }
    assert plan.how_often.items == (
        "Do the routine up to 2 times a day.",
        "Do it on 5 days a week.",
        "Keep going for 6 weeks.",
    )
    assert {row.label: row.value for row in plan.people} == {
        "Your physiotherapist": "Jane Smith",
        "How to reach them": "020 7946 0000",
    }
    assert plan.note == "After your walk" and plan.made_on == DAY
    assert plan.made_on_text == "Made on 7 December 2026"
    assert plan.link == LINK
    assert "Call 999 or go to A&E now" in plan.emergency.heading
    text = words(plan)
    assert "Lie on your right side, sore left side on top" in text
    assert "Do 12 lifts in all. Then rest for 45 s" in text
    assert "1 min 30 s at most" in text
    assert "It gives you 8 s to get ready" in text


def test_the_series_plan_fills_what_the_prescription_leaves_unset_and_says_it_is_its_choice():
    plan = build_plan(Prescription(), origin="own")
    assert plan.how_often.items == (
        f"Do the routine when the pain comes back, at most 2 to 3 times a day {SERIES_CHOICE}.",
        f"Do it on most days of the week {SERIES_CHOICE}.",
        f"Keep going for 6 to 8 weeks {SERIES_CHOICE}.",
    )


@pytest.mark.parametrize(
    ("times", "days", "weeks", "expected"),
    [
        (1, 1, 1, ("up to once a day", "on 1 day a week", "for 1 week.")),
        (3, 7, 26, ("up to 3 times a day", "every day of the week", "for 26 weeks.")),
    ],
)
def test_a_physiotherapists_numbers_are_said_as_set_without_the_series_mark(
    times, days, weeks, expected
):
    p = Prescription(times_per_day=times, days_per_week=days, weeks=weeks)
    items = build_plan(p, origin="physio").how_often.items
    for item, part in zip(items, expected, strict=True):
        assert part in item and SERIES_CHOICE not in item


def test_the_plan_says_how_to_progress_how_to_make_it_easier_and_when_to_see_a_physio():
    plan = build_plan(Prescription(), origin="own")
    harder = " ".join(plan.progress.items)
    assert "up to about 15" in harder
    assert "light weight around your ankle" in harder and "exercise band" in harder
    assert SERIES_CHOICE in plan.progress.heading
    easier = " ".join(plan.easier.items)
    assert "Bend the top knee" in easier and "less high" in easier and "clam" in easier
    expect = " ".join(plan.expect.items)
    assert f"6 to 8 weeks to get stronger {SERIES_CHOICE}" in expect
    no_better = "No better after 4 to 6 weeks of the routine? See a physiotherapist"
    assert f"{no_better} {SERIES_CHOICE}" in expect
    assert "mild ache" in expect and "above 5" in expect and "next morning" in expect
    assert "bed rest makes it worse" in expect


def test_every_number_in_the_plan_is_cited_or_called_the_series_choice():
    """Issue 23, item 5: the numbers of the plan that no checked source gives are marked."""
    plan = build_plan(Prescription(), origin="own")
    for item in (*plan.how_often.items, *plan.expect.items):
        if re.search(r"\b(2 to 3|6 to 8|4 to 6|most days)\b", item):
            assert SERIES_CHOICE in item, item
    sources = " ".join(plan.sources)
    for source in ("Silbernagel", "NG59", "Foster", "Grimaldi", "GIRFT"):
        assert source in sources


@pytest.mark.parametrize(
    ("lowering", "says", "never", "frame"),
    [
        ("gentle", "onto the bottom leg, or onto a pillow", "in front of the bottom leg", "lower"),
        ("tip", "in front of the bottom leg", "onto a pillow", "lower_tip"),
    ],
)
def test_the_lowering_step_follows_the_prescription(lowering, says, never, frame):
    plan = build_plan(Prescription(lowering=lowering), origin="own")
    lower = next(step for step in plan.steps if step.title == "Lower slowly")
    assert says in lower.text and never not in lower.text
    assert lower.frame == frame == LOWER_FRAMES[lowering]


def test_the_steps_name_their_frames_in_the_order_of_the_movement():
    plan = build_plan(Prescription(), origin="own")
    assert [step.frame for step in plan.steps] == [
        "start",
        "lift",
        "hold",
        "lower",
        None,
        None,
        None,
    ]


@pytest.mark.parametrize("origin", ["physio", "link", "own"])
def test_the_plan_says_whose_it_is_in_the_routine_pages_words(origin):
    p = Prescription(note="Slowly")
    plan = build_plan(p, origin=origin)
    assert plan.origin == origin
    assert plan.origin_heading == ORIGIN_WORDS[origin].banner
    assert plan.note_heading == ORIGIN_WORDS[origin].note


def test_a_name_and_contact_speak_as_the_physiotherapist_only_from_a_signed_unedited_link():
    """Issue 26, item 5: anyone can write a link; its name and number speak for nobody."""
    p = Prescription(by="Dr Who", contact="call 0900 000 000", note="Stop your tablets")
    signed = build_plan(p, origin="physio")
    assert [row.label for row in signed.people] == ["Your physiotherapist", "How to reach them"]
    for origin in ("link", "own"):
        plan = build_plan(p, origin=origin)
        assert [row.label for row in plan.people] == ["Name in the link", "Contact in the link"]
        text = words(plan)
        assert "your physiotherapist" not in text.lower() and "Dr Who" in text


def test_a_plan_without_a_name_contact_note_or_date_leaves_them_out():
    plan = build_plan(Prescription(), origin="physio")
    assert plan.people == () and plan.note == "" and plan.note_heading == ""
    assert plan.made_on is None and plan.made_on_text == ""


def test_a_uk_plan_says_call_999_or_go_to_ae_and_nhs_111():
    plan = build_plan(Prescription(region="uk"), origin="own")
    assert plan.emergency.heading.startswith("Call 999 or go to A&E now")
    assert "NHS 111" in plan.same_day.heading
    assert plan.emergency_numbers == ("999",)
    assert not any(n in plan.emergency.heading for n in ("112", "911", "000"))


@pytest.mark.parametrize("region", [None, "other"])
def test_a_plan_with_no_region_lists_the_common_numbers(region):
    plan = build_plan(Prescription(region=region), origin="own")
    heading = plan.emergency.heading
    assert heading.startswith("Call your local emergency number (999, 112, 911, 000, 111)")
    assert plan.emergency_numbers == COMMON_NUMBERS
    for number in ("999", "112", "911", "000", "111"):
        assert number in heading


@pytest.mark.parametrize(
    ("region", "number", "department"),
    [
        ("us", "911", "the emergency room"),
        ("au", "000", "the emergency department"),
        ("eu", "112", "the emergency department"),
        ("nz", "111", "the emergency department"),
    ],
)
def test_each_region_gives_its_own_number_and_service(region, number, department):
    plan = build_plan(Prescription(region=region), origin="own")
    assert plan.emergency.heading.startswith(f"Call {number} or go to {department} now")


def test_the_emergency_and_same_day_signs_are_the_quizs_own_words():
    from lowback.screening import EMERGENCY_SYMPTOMS, SAME_DAY_SIGNS

    plan = build_plan(Prescription(), origin="own")
    assert plan.emergency.items == EMERGENCY_SYMPTOMS
    assert plan.same_day.items == SAME_DAY_SIGNS


def test_the_stop_rules_name_the_leg_numbness_worse_pain_and_outer_hip_or_groin():
    plan = build_plan(Prescription(), origin="own")
    stop = " ".join((plan.stop.heading, *plan.stop.items, plan.stop_summary))
    for sign in ("pain shoots down your leg", "numb", "gets worse", "outer hip", "groin"):
        assert sign in stop


def test_text_from_a_link_stays_as_typed():
    p = Prescription(by="<b>Jane</b>", contact="**0800** & co", note="<script>x</script>")
    plan = build_plan(p, origin="link")
    assert [row.value for row in plan.people] == ["<b>Jane</b>", "**0800** & co"]
    assert plan.note == "<script>x</script>"


def test_the_plan_is_the_same_for_the_same_inputs():
    p = Prescription(reps=12, region="ie", note="x")
    assert build_plan(p, origin="link", link=LINK, today=DAY) == build_plan(
        p, origin="link", link=LINK, today=DAY
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"origin": "doctor"}, ValueError),
        ({"origin": "own", "today": "2026-12-07"}, TypeError),
        ({"origin": "own", "link": "javascript:alert(1)"}, SettingError),
    ],
)
def test_bad_inputs_are_refused(kwargs, error):
    with pytest.raises(error):
        build_plan(Prescription(), **kwargs)


def test_a_plan_needs_a_prescription():
    with pytest.raises(TypeError):
        build_plan({"reps": 12}, origin="own")  # type: ignore[arg-type]


def test_dates_read_the_same_in_every_locale():
    assert date_text(date(2027, 1, 31)) == "31 January 2027"


def test_plan_texts_lists_every_sentence_once_in_order_and_can_pick_parts():
    plan = build_plan(Prescription(by="A", note="B"), origin="physio", link=LINK, today=DAY)
    texts = plan_texts(plan)
    assert texts[0] == plan.title and plan.footer == texts[-1]
    assert plan_texts(plan, parts=("note",)) == ("B",)
    assert plan_texts(plan, parts=("how_often",)) == (plan.how_often.heading, *plan.how_often.items)
    assert isinstance(plan.how_often, Section)


def test_the_plans_words_read_at_grade_8_or_below():
    """CONTENT.md, "How to speak": patient pages at a Flesch-Kincaid grade of 8 or less."""
    p = Prescription(
        lowering="tip", times_per_day=2, days_per_week=5, weeks=6, region="uk", by="J", note="N"
    )
    for plan in (build_plan(Prescription(), origin="own"), build_plan(p, origin="physio")):
        sentences = [
            text if re.search(r"[.!?]$", text) else text.rstrip(" ;:,") + "."
            for text in plan_texts(plan)
            if text not in plan.sources
        ]
        assert grade(" ".join(sentences)) <= PATIENT_PAGE_MAX_GRADE
