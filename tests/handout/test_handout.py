"""The printable handout: a valid A4 PDF of one or two pages that says the dosage, the note and
the stop rules, and is the same bytes for the same prescription."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from lowback.handout import handout_pdf, qr_code, qr_svg_data_uri, words
from lowback.prescription import MAX_NOTE_CHARS, Prescription, SettingError, routine_link

BASE = "https://clinic.example.org/voila/render/"
A4_POINTS = (595.28, 841.89)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Lines wrap where the page ends them: compare the words, not the line breaks.
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def prescribed() -> tuple[Prescription, str, bytes]:
    p = Prescription(
        side="left", reps=12, hold_s=3, rest_s=45, times_per_day=2, note="After your walk, gently."
    )
    link = routine_link(p, BASE)
    return p, link, handout_pdf(p, link, origin="physio")


def test_the_handout_is_a_valid_pdf_of_one_or_two_a4_pages(prescribed):
    _, _, pdf = prescribed
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


def test_the_handout_gives_the_dosage_and_the_note(prescribed):
    _, _, pdf = prescribed
    text = text_of(pdf)
    for expected in (
        "Your side-lying routine",
        "Left (lie on your right side)",
        "Lifts: 12",
        "Hold: 3 s",
        "Rest: 45 s, then one long hold",
        "at most 2 times a day",
        "Note from your physiotherapist",
        "After your walk, gently.",
    ):
        assert expected in text, expected


def test_the_handout_gives_every_step_with_the_prescribed_numbers(prescribed):
    p, _, pdf = prescribed
    text = text_of(pdf)
    for step in words.steps(p):
        assert step.title in text
    assert "Lie on your right side, with your sore left side on top" in text
    assert "Hold the leg there for 3 s." in text
    assert "Do 12 lifts in all, then rest for 45 s" in text


def test_the_handout_gives_the_stop_rules_and_when_to_get_help(prescribed):
    _, _, pdf = prescribed
    text = text_of(pdf)
    for expected in (
        "Stop at once",
        "pain shoots down your leg",
        "tingles or goes numb",
        "the pain gets worse",
        "pain in the outer hip or the groin",
        "Call emergency services now",
        "trouble passing urine",
        "losing control of your bowels",
        "numbness around your genitals, your bottom or the inside of your thighs",
        "new loss of feeling or function during sex",
        "new pain, numbness or weakness in both legs",
        "A mild ache in the muscle the next day is normal. Pain that lasts is not",
        "Education, not a diagnosis",
    ):
        assert expected in text, expected


def test_the_handout_prints_the_link_and_makes_it_clickable(prescribed):
    _, link, pdf = prescribed
    assert link in text_of(pdf).replace(" ", "")
    reader = PdfReader(io.BytesIO(pdf))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert link in uris


def test_the_handout_shows_the_pictures_of_the_side_prescribed(prescribed):
    _, _, pdf = prescribed
    reader = PdfReader(io.BytesIO(pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 4


def test_the_same_prescription_gives_the_same_bytes(prescribed):
    p, link, pdf = prescribed
    assert handout_pdf(p, link, origin="physio") == pdf


@pytest.mark.slow
def test_the_bytes_are_the_same_in_a_fresh_interpreter_with_another_hash_seed(prescribed):
    _, link, pdf = prescribed
    code = (
        "import hashlib, sys\n"
        "from lowback.handout import handout_pdf\n"
        "from lowback.prescription import from_query\n"
        f"link = {link!r}\n"
        "pdf = handout_pdf(from_query(link.partition('?')[2]), link, origin='physio')\n"
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


def test_no_creation_time_or_random_id_varies_between_runs(prescribed):
    _, _, pdf = prescribed
    assert b"/CreationDate (D:20260101000000" in pdf


def test_without_a_link_the_handout_says_to_set_the_numbers_by_hand():
    text = text_of(handout_pdf(Prescription()))
    assert "set these numbers in the timer's settings" in text
    assert "Scan the code" not in text
    assert "when the pain comes back, at most 2 to 3 times a day" in text


@pytest.mark.parametrize(
    "p",
    [
        Prescription(),
        Prescription(side="left", note="W" * MAX_NOTE_CHARS, times_per_day=3),
        Prescription(
            side="left",
            reps=30,
            hold_s=599.5,
            rest_s=600,
            lift_s=12.25,
            lower_s=0.75,
            lead_in_s=600,
            times_per_day=1,
            note="Ж" * MAX_NOTE_CHARS,
        ),
    ],
    ids=["defaults", "long-latin-note", "longest-everything"],
)
def test_even_the_longest_prescription_fits_on_two_pages(p):
    long_base = "https://a-rather-long-clinic-name.example.org/services/physiotherapy/voila/render/"
    pdf = handout_pdf(p, routine_link(p, long_base))
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2


def test_a_note_is_printed_as_text_never_as_markup():
    note = "**not bold** <b>nor this</b> & 50%"
    text = text_of(handout_pdf(Prescription(note=note)))
    assert note in text


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "03_routine_timer.ipynb?reps=12", "https://x.org/a b"]
)
def test_a_link_that_is_not_an_absolute_web_address_is_refused(link):
    with pytest.raises(SettingError, match="^link: "):
        handout_pdf(Prescription(), link)


def test_the_handout_needs_a_prescription():
    with pytest.raises(TypeError):
        handout_pdf({"reps": 12})  # type: ignore[arg-type]


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
    pdf = handout_pdf(Prescription(note="Take it slow 中文 😀"))
    assert pdf.startswith(b"%PDF-")
    assert "中" not in caplog.text and "😀" not in caplog.text


@pytest.mark.parametrize(
    ("origin", "plan", "note", "never"),
    [
        ("physio", "What your physiotherapist set", "Note from your physiotherapist", ()),
        ("link", "The plan in the link", "Note in the link", ("physiotherapist set", "note from")),
        ("own", "Your settings", "Note", ("physiotherapist set", "note from")),
    ],
)
def test_only_a_signed_unedited_link_prints_as_the_physiotherapists(origin, plan, note, never):
    """Issue 26, item 5: a forged link's note printed under "Note from your physiotherapist"."""
    p = Prescription(reps=12, note="Stop taking your medication")
    text = text_of(handout_pdf(p, None, origin=origin))
    assert plan in text and f"{note} Stop taking your medication" in text
    for phrase in never:
        assert phrase not in text.lower()


def test_a_handout_of_unknown_origin_is_refused():
    with pytest.raises(ValueError, match="origin"):
        handout_pdf(Prescription(), None, origin="doctor")
