"""Printing: any page of the series prints whole, text and figures, without its controls; the
routine page gives the printable handout for the settings on screen."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from harness.voila_server import VoilaServer

from .conftest import open_rendered
from .test_routine_page import ROUTINE

pytestmark = pytest.mark.e2e


def printed_text(page: Page) -> tuple[int, str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), " ".join(text.split())


@pytest.mark.parametrize(
    ("notebook", "last_words"),
    [
        ("01_anatomy.ipynb", "Murakami"),
        ("02_screening_quiz.ipynb", "Foster NE"),
        (ROUTINE, "Foster NE"),
    ],
)
def test_a_page_prints_whole_without_its_controls(
    page: Page, voila: VoilaServer, notebook: str, last_words: str
):
    open_rendered(page, voila.page_url(notebook))
    page.locator(".lowback-view").first.wait_for()
    pages, text = printed_text(page)
    assert pages >= 3, "the whole page, not one screen of it"
    assert "Sources" in text and last_words in text
    controls = "button, select, input, [role=checkbox], [role=radio]"
    shown = page.locator(f".lowback-view :is({controls}), .lowback-player :is({controls})")
    assert shown.filter(visible=True).count() == 0


def test_the_routine_page_makes_the_handout_for_its_settings(page: Page, voila: VoilaServer):
    open_rendered(page, voila.page_url(ROUTINE) + "?reps=12&note=Slowly")
    expect(page.get_by_role("spinbutton", name="Repetitions")).to_have_value("12")
    page.get_by_role("button", name="Make a printable handout (PDF)").click()
    link = page.get_by_role("link", name="Download the handout (PDF)")
    with page.expect_download() as started:
        link.click()
    handout = started.value
    assert handout.suggested_filename == "back-routine-right-12.pdf"
    with open(handout.path(), "rb") as saved:
        reader = PdfReader(saved)
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "12" in text and "Slowly" in text
    # Dated, and whose plan it is in the page's own words: an unsigned link speaks for nobody.
    assert "Made on " in text and "The plan in the link you opened" in text
    assert "From your physiotherapist" not in text
    # The handout links back to this page with the same settings.
    assert voila.page_url(ROUTINE) + "?reps=12" in text.replace(" ", "") or "reps=12" in text
