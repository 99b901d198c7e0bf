"""The printable handout: a valid A4 PDF of one or two pages that prints the plan the core builds
(lowback.plan): the dosage, the plan's numbers, whose plan it is, who set it and when, the stop
rules, the region's emergency number, and the link; the same bytes for the same inputs."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from lowback.drawing import catalogue
from lowback.handout import handout_pdf, qr_code, qr_svg_data_uri
from lowback.handout.fonts import unprintable
from lowback.handout.pdf import LINK_PRINT_CHARS, qr_print_layout
from lowback.plan import LOWER_FRAMES, build_plan
from lowback.prescription import (
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    Prescription,
    SettingError,
    routine_link,
)

BASE = "https://clinic.example.org/voila/render/"
A4_POINTS = (595.28, 841.89)
DAY = date(2026, 12, 7)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Lines wrap where the page ends them: compare the words, not the line breaks.
    return re.sub(r"\s+", " ", text)


def pdftotext(pdf: bytes) -> str:
    """The text as poppler's pdftotext reads it, in the order it is drawn, words only."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def prescribed() -> tuple[Prescription, str, bytes]:
    p = Prescription(
        side="left",
        reps=12,
        hold_s=3,
        rest_s=45,
        times_per_day=2,
        days_per_week=5,
        weeks=6,
        region="uk",
        by="Jane Smith, physiotherapist",
        contact="Riverside Clinic, 020 7946 0000",
        note="After your walk, gently.",
    )
    link = routine_link(p, BASE)
    return p, link, handout_pdf(p, link, origin="physio", today=DAY)


def test_the_handout_is_a_valid_pdf_of_one_or_two_a4_pages(prescribed):
    _, _, pdf = prescribed
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


def test_the_handout_gives_the_dosage_the_plan_and_the_note(prescribed):
    _, _, pdf = prescribed
    text = text_of(pdf)
    for expected in (
        "Your side-lying routine",
        "Sore side, on top: Left",
        "Lifts: 12",
        "Hold: 3 s",
        "Rest: 45 s",
        "Last hold: until it feels hard, 1 min at most",
        "Do the routine up to 2 times a day.",
        "Do it on 5 days a week.",
        "Keep going for 6 weeks.",
        "Note from your physiotherapist",
        "After your walk, gently.",
    ):
        assert expected in text, expected


def test_a_uk_links_handout_says_999_the_date_the_name_and_the_contact(prescribed):
    """Issue 23, items 7 and 9, read back with poppler's pdftotext."""
    _, _, pdf = prescribed
    text = pdftotext(pdf)
    for expected in (
        "Call 999 or go to A&E now",
        "NHS 111",
        "Made on 7 December 2026",
        "From your physiotherapist",
        "Your physiotherapist: Jane Smith, physiotherapist",
        "How to reach them: Riverside Clinic, 020 7946 0000",
    ):
        assert expected in text, expected
    assert "112" not in text.split("Call 999")[1].split("now")[0]


def test_a_handout_with_no_region_lists_the_common_numbers():
    text = pdftotext(handout_pdf(Prescription(), origin="own", today=DAY))
    assert "Call your local emergency number (999, 112, 911, 000, 111)" in text
    assert "Call 999 or go to A&E" not in text


def test_the_handout_gives_every_step_with_the_prescribed_numbers(prescribed):
    p, _, pdf = prescribed
    text = text_of(pdf)
    for step in build_plan(p, origin="physio").steps:
        assert step.title in text
    assert "Lie on your right side, sore left side on top" in text
    assert "Hold the leg there for 3 s." in text
    assert "Do 12 lifts in all. Then rest for 45 s" in text


def test_the_handout_gives_the_stop_rules_the_plan_and_when_to_get_help(prescribed):
    _, _, pdf = prescribed
    text = text_of(pdf)
    for expected in (
        "Stop at once",
        "pain shoots down your leg",
        "tingles or goes numb",
        "the pain gets worse",
        "pain in the outer hip or the groin",
        "trouble starting or stopping your pee",
        "losing control of your bowels",
        "numbness around your genitals, bottom or inner thighs",
        "new loss of feeling or function during sex",
        "new pain, numbness or weakness in both legs",
        "See a doctor today",
        "A mild ache in the muscle the next day is normal.",
        "up to about 15",
        "the clam",
        "6 to 8 weeks",
        "No better after 4 to 6 weeks",
        "the series' choice",
        "Silbernagel",
        "Education, not a diagnosis",
    ):
        assert expected in text, expected


def test_the_handout_prints_the_link_and_makes_it_and_the_code_clickable(prescribed):
    _, link, pdf = prescribed
    # A link too long to type is printed cut short; the code and the click carry it whole.
    printed = link if len(link) <= LINK_PRINT_CHARS else link[: LINK_PRINT_CHARS - 40] + "…"
    assert printed in text_of(pdf).replace(" ", "")
    reader = PdfReader(io.BytesIO(pdf))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    # The QR code, and each line of the printed link: all of them the link, whole.
    assert len(uris) >= 2 and set(uris) == {link}


def test_the_handout_shows_the_pictures_of_the_side_prescribed(prescribed):
    _, _, pdf = prescribed
    reader = PdfReader(io.BytesIO(pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 4


@pytest.mark.parametrize("lowering", ["gentle", "tip"])
def test_the_lowering_picture_and_words_follow_the_prescription(lowering):
    frame = catalogue.LOWER_FRAMES[lowering]
    other = catalogue.LOWER_FRAMES["tip" if lowering == "gentle" else "gentle"]
    pdf = handout_pdf(Prescription(lowering=lowering), origin="own", today=DAY)
    assert catalogue.FRAME_TITLES[frame].encode() in pdf  # the picture's alt text
    assert catalogue.FRAME_TITLES[other].encode() not in pdf


def test_the_plans_frames_are_the_drawings_own():
    assert dict(LOWER_FRAMES) == dict(catalogue.LOWER_FRAMES)
    for lowering in LOWER_FRAMES:
        plan = build_plan(Prescription(lowering=lowering), origin="own")
        for step in plan.steps:
            assert step.frame is None or step.frame in catalogue.FRAMES


def test_the_same_inputs_give_the_same_bytes(prescribed):
    p, link, pdf = prescribed
    assert handout_pdf(p, link, origin="physio", today=DAY) == pdf
    assert handout_pdf(p, link, origin="physio", today=date(2026, 12, 8)) != pdf


@pytest.mark.slow
def test_the_bytes_are_the_same_in_a_fresh_interpreter_with_another_hash_seed(prescribed):
    _, link, pdf = prescribed
    code = (
        "import hashlib, sys\n"
        "from datetime import date\n"
        "from lowback.handout import handout_pdf\n"
        "from lowback.prescription import from_query\n"
        f"link = {link!r}\n"
        "pdf = handout_pdf(from_query(link.partition('?')[2]), link, origin='physio',\n"
        "                  today=date(2026, 12, 7))\n"
        "sys.stdout.write(hashlib.sha256(pdf).hexdigest())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    assert done.stdout == hashlib.sha256(pdf).hexdigest()


def test_the_files_date_is_the_handouts_and_no_clock_or_random_id_varies(prescribed):
    _, _, pdf = prescribed
    assert b"/CreationDate (D:20261207000000" in pdf
    undated = handout_pdf(Prescription(), origin="own", today=None)
    assert b"/CreationDate (D:20260101000000" in undated and b"Made on" not in undated


def test_without_a_link_the_handout_says_to_set_the_numbers_by_hand():
    text = text_of(handout_pdf(Prescription(), origin="own", today=DAY))
    assert "set these numbers in the timer's settings" in text
    assert "Scan the code" not in text
    assert "when the pain comes back, at most 2 to 3 times a day" in text


LONG_BASE = "https://a-rather-long-clinic-name.example.org/services/physiotherapy/voila/render/"


@pytest.mark.parametrize(
    "p",
    [
        Prescription(),
        Prescription(side="left", note="W" * MAX_NOTE_CHARS, times_per_day=3, region="uk"),
        Prescription(
            side="left",
            reps=30,
            hold_s=29.5,
            rest_s=120,
            lift_s=9.25,
            lower_s=1.75,
            lead_in_s=30,
            lowering="tip",
            final_hold_max_s=120,
            times_per_day=1,
            days_per_week=7,
            weeks=26,
            region="nz",
            by="Ж" * MAX_NAME_CHARS,
            contact="Ж" * MAX_NAME_CHARS,
            note="Ж" * MAX_NOTE_CHARS,
        ),
    ],
    ids=["defaults", "long-latin-note", "longest-everything"],
)
@pytest.mark.parametrize("origin", ["physio", "link"])
def test_even_the_longest_prescription_fits_on_two_pages(p, origin):
    pdf = handout_pdf(p, routine_link(p, LONG_BASE), origin=origin, today=DAY)
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2


def test_a_note_name_and_contact_are_printed_as_text_never_as_markup():
    p = Prescription(
        note="**not bold** <b>nor this</b> & 50%", by="<i>Jane</i> **Smith**", contact="a&b <c>"
    )
    text = text_of(handout_pdf(p, origin="physio", today=DAY))
    assert "**not bold** <b>nor this</b> & 50%" in text
    assert "<i>Jane</i> **Smith**" in text and "a&b <c>" in text


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "03_routine_timer.ipynb?reps=12", "https://x.org/a b"]
)
def test_a_link_that_is_not_an_absolute_web_address_is_refused(link):
    with pytest.raises(SettingError, match="^link: "):
        handout_pdf(Prescription(), link, origin="own", today=DAY)


def test_the_handout_needs_a_prescription():
    with pytest.raises(TypeError):
        handout_pdf({"reps": 12}, origin="own", today=DAY)  # type: ignore[arg-type]


def test_the_qr_code_holds_the_link_and_comes_as_svg_for_the_screen():
    link = routine_link(Prescription(reps=12), BASE)
    code = qr_code(link)
    assert code.error in ("M", "Q", "H")  # medium or better, when the link allows
    uri = qr_svg_data_uri(link)
    assert uri.startswith("data:image/svg+xml")


def test_a_link_too_long_for_any_qr_code_is_refused_with_a_plain_message():
    link = BASE + "03_routine_timer.ipynb?note=" + "%F0%9F%98%80" * 300
    with pytest.raises(SettingError, match="^link: is too long for a QR code"):
        qr_code(link)


def test_a_character_the_font_lacks_still_prints_and_is_never_logged(caplog):
    caplog.set_level("DEBUG")
    pdf = handout_pdf(Prescription(note="Take it slow 中文 😀"), origin="own", today=DAY)
    assert pdf.startswith(b"%PDF-")
    assert "中" not in caplog.text and "😀" not in caplog.text


@pytest.mark.parametrize(
    ("origin", "heading", "note", "never"),
    [
        ("physio", "From your physiotherapist", "Note from your physiotherapist", ()),
        (
            "link",
            "The plan in the link you opened",
            "Note in the link",
            ("from your physiotherapist", "your physiotherapist:"),
        ),
        (
            "own",
            "Your settings",
            "Note",
            ("from your physiotherapist", "your physiotherapist:", "the link you opened"),
        ),
    ],
)
def test_only_a_signed_unedited_link_prints_as_the_physiotherapists(origin, heading, note, never):
    """Issue 26, item 5: a forged link's note printed under "Note from your physiotherapist";
    issue 23, item 6: the three states in the routine page's own words."""
    p = Prescription(reps=12, note="Stop taking your medication", by="Dr Who")
    text = pdftotext(handout_pdf(p, None, origin=origin, today=DAY))
    assert heading in text and f"{note} Stop taking your medication" in text
    for phrase in never:
        assert phrase not in text.lower()


def test_a_handout_of_unknown_origin_is_refused():
    with pytest.raises(ValueError, match="origin"):
        handout_pdf(Prescription(), None, origin="doctor", today=DAY)


# A link of 203 characters, as issue 24 measured one: a version 10 code (57 modules).
LINK_203 = routine_link(
    Prescription(
        side="left",
        reps=12,
        region="uk",
        by="Jane Smith",
        contact="020 7946 0000",
        note="After your walk, and gently at first, twice.",
    ),
    "https://physio.example.org.uk/voila/render/",
)


def test_a_two_hundred_character_link_prints_as_a_medium_code_35_mm_wide():
    assert len(LINK_203) == 203
    version, error, module_mm, width_mm = qr_print_layout(LINK_203)
    assert version == 10 and error in ("M", "Q", "H")
    assert module_mm >= 0.6 and width_mm == pytest.approx(35.0)


@pytest.mark.parametrize("note_chars", [0, 50, 100, 150, 200])
@pytest.mark.parametrize("letter", ["w", "Ж"])
def test_every_printed_code_is_medium_and_half_a_millimetre_a_module_up_to_version_22(
    note_chars, letter
):
    p = Prescription(note=letter * note_chars, by="Jane Smith", contact="020 7946 0000")
    version, error, module_mm, width_mm = qr_print_layout(routine_link(p, LONG_BASE))
    assert error in ("M", "Q", "H")
    if version <= 22:
        assert module_mm >= 0.5
    assert width_mm >= 33.0 and width_mm <= 55.0


def test_unprintable_names_only_what_the_font_lacks():
    assert unprintable("Zażółć gęślą jaźń, Ψυχή, Привет, café 😀 ✓") == ""
    assert unprintable("Take it slow 中文 🦵 中") == "中文🦵"


def test_a_note_with_an_emoji_the_font_lacks_prints_the_rest():
    p = Prescription(note="Slowly 🦵 then rest 中文 twice")
    text = pdftotext(handout_pdf(p, None, origin="own", today=DAY))
    assert "Slowly" in text and "then rest" in text and "twice" in text
    assert "🦵" not in text and "中" not in text
