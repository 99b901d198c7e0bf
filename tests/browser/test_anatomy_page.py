"""The anatomy page in Voila: figures render with alt text, layers redraw, the check teaches."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness.voila_server import VoilaServer
from lowback.drawing.catalogue import ALT_TEXT
from lowback.knowledge import check_question, feedback

from .conftest import open_rendered, serious_accessibility_violations

pytestmark = pytest.mark.e2e

ANATOMY = "01_anatomy.ipynb"


def open_anatomy(page: Page, voila: VoilaServer) -> None:
    open_rendered(page, voila.page_url(ANATOMY))
    page.get_by_role("combobox", name="Drawing").wait_for()


def test_the_anatomy_page_renders_every_figure_with_its_text_alternative(
    page: Page, voila: VoilaServer
):
    open_anatomy(page, voila)
    for alt in ALT_TEXT.values():
        figure = page.get_by_role("img", name=alt).first
        expect(figure).to_be_visible()
        # A decoded, non-empty picture, not a broken image icon (loaded as it nears the screen).
        figure.scroll_into_view_if_needed()
        loaded = "(img) => img.complete && img.naturalWidth > 300"
        page.wait_for_function(loaded, arg=figure.element_handle(), timeout=10_000)


def test_switching_a_layer_off_changes_the_figure(page: Page, voila: VoilaServer):
    open_anatomy(page, voila)
    explorer_figure = page.locator(".lowback-view .lowback-figure img")
    before = explorer_figure.get_attribute("src")
    page.get_by_role("checkbox", name="Gluteus maximus (see-through)").uncheck()
    expect(explorer_figure).not_to_have_attribute("src", before)
    page.get_by_role("checkbox", name="Gluteus maximus (see-through)").check()
    expect(explorer_figure).to_have_attribute("src", before)


def test_another_drawing_opens_with_its_own_layers_and_offers_only_those(
    page: Page, voila: VoilaServer
):
    open_anatomy(page, voila)
    maximus = page.get_by_role("checkbox", name="Gluteus maximus (see-through)")
    maximus.uncheck()
    page.get_by_role("checkbox", name="Bones").uncheck()
    page.get_by_role("combobox", name="Drawing").select_option(
        "The PSIS and the thumb-sized spot, from behind"
    )
    # Only the layers this drawing has, each ticked: nothing carried over, nothing greyed out.
    expect(page.get_by_role("checkbox", name="Gluteus medius")).to_have_count(0)
    expect(maximus).to_have_count(0)
    for name in ("Bones", "Landmarks (PSIS, trochanter, crest)", "Thumb-sized spot"):
        expect(page.get_by_role("checkbox", name=name)).to_be_checked()
        expect(page.get_by_role("checkbox", name=name)).to_be_enabled()
    explorer_figure = page.locator(".lowback-view .lowback-figure img")
    expect(explorer_figure).to_have_attribute("alt", ALT_TEXT["posterior_pelvis"])
    page.get_by_role("combobox", name="Drawing").select_option("Gluteus medius, from behind")
    expect(maximus).to_be_checked()
    expect(explorer_figure).to_have_attribute("alt", ALT_TEXT["gluteus_medius_posterior"])


def test_the_knowledge_check_gives_feedback_by_keyboard_alone(page: Page, voila: VoilaServer):
    open_anatomy(page, voila)
    nerve = check_question("nerve")
    wrong = next(option for option in nerve.options if not option.correct)
    right = next(option for option in nerve.options if option.correct)
    page.get_by_role("radio", name=nerve.options[0].label).focus()
    # Tab through the options to the wrong one, choose it with Space, then go back to the right.
    for option in nerve.options[1:]:
        page.keyboard.press("Tab")
        if option is wrong:
            break
    expect(page.get_by_role("radio", name=wrong.label)).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text=wrong.feedback)).to_be_visible()
    page.keyboard.press("Shift+Tab")
    while not page.get_by_role("radio", name=right.label).evaluate(
        "radio => radio === document.activeElement"
    ):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text=right.feedback)).to_be_visible()


def test_axe_finds_no_serious_or_critical_violations_on_the_anatomy_page(
    page: Page, voila: VoilaServer
):
    open_anatomy(page, voila)
    assert serious_accessibility_violations(page) == []


def test_the_page_says_gluteus_medius_is_not_under_the_thumb_and_the_check_teaches_it(
    page: Page, voila: VoilaServer
):
    open_anatomy(page, voila)
    expect(page.get_by_role("heading", name="What lies under your thumb")).to_be_visible()
    expect(page.get_by_text("rests on referred pain")).to_be_visible()
    medius = feedback("under_the_spot", "medius")
    page.get_by_role("radio", name=medius.label).check()
    expect(page.get_by_role("status").filter(has_text=medius.feedback)).to_be_visible()
