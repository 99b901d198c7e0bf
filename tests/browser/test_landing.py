"""The landing page, as a reader sent a link sees it: served by Voila, opened in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect

from harness.voila_server import VoilaServer
from lowback.pages import LANDING, QUIZ, QUIZ_START_ID, ROUTINE
from lowback.site.navigation import chapter_paths
from lowback.widgets.quiz import REGION_QUESTION

from .conftest import ARTIFACTS, open_rendered, serious_accessibility_violations

pytestmark = pytest.mark.e2e

# What a visitor must never see: source code or the marks of a failure.
ERROR_TEXT = re.compile(r"Traceback|Error|Exception|ModuleNotFound", re.IGNORECASE)
CODE_SELECTORS = (".jp-CodeCell .jp-InputArea", ".jp-CodeMirrorEditor", ".cm-editor")


def assert_reader_sees_no_code_and_no_errors(page: Page) -> None:
    for selector in CODE_SELECTORS:
        expect(page.locator(selector)).to_have_count(0)
    expect(page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')).to_have_count(0)
    assert not ERROR_TEXT.search(page.locator("body").inner_text())


def test_root_url_opens_the_landing_page_not_a_file_list(page: Page, voila: VoilaServer):
    open_rendered(page, voila.url + "/")
    assert page.url == voila.page_url(LANDING)
    expect(page).to_have_title("Pain beside the bony bump above your buttock")


def test_landing_page_shows_title_safety_box_and_contents_without_code(
    page: Page, voila: VoilaServer
):
    open_rendered(page, voila.page_url(LANDING))
    expect(
        page.get_by_role("heading", name="Pain beside the bony bump above your buttock", level=1)
    ).to_be_visible()
    expect(page.get_by_text("Safety first: this is education, not a diagnosis.")).to_be_visible()
    expect(page.get_by_text("Call your local emergency number now")).to_be_visible()
    expect(page.get_by_role("heading", name="Contents", level=2)).to_be_visible()
    for path in chapter_paths():
        if path.name != LANDING:
            expect(page.locator(f'a[href="{path.name}"]').first).to_be_visible()
    assert_reader_sees_no_code_and_no_errors(page)


def test_every_link_on_the_landing_page_opens_a_page_that_renders(page: Page, voila: VoilaServer):
    open_rendered(page, voila.page_url(LANDING))
    hrefs = page.locator("#rendered_cells a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert hrefs, "the landing page has no links"
    internal = set()
    for href in hrefs:
        target = urljoin(page.url, href)
        if urlparse(target).netloc == urlparse(voila.url).netloc:
            internal.add(target.split("#")[0])
        else:
            # Outside sources cannot be fetched from this closed network: check their form.
            assert urlparse(target).scheme == "https", f"not an https link: {href}"
    for target in sorted(internal):
        response = page.goto(target)
        assert response is not None and response.ok, f"{target} answered {response}"
        page.get_by_role("heading", level=1).first.wait_for()
        page.locator("#rendered_cells").wait_for(state="visible")
        assert_reader_sees_no_code_and_no_errors(page)


def test_axe_finds_no_serious_or_critical_violations_on_the_landing_page(
    page: Page, voila: VoilaServer
):
    open_rendered(page, voila.page_url(LANDING))
    assert serious_accessibility_violations(page) == []


SMALL_PHONE = {"width": 375, "height": 667}  # an iPhone SE: the smallest screen we design for


def quiz_link(page: Page):
    return page.get_by_role("link", name=re.compile(r"Start the 3-minute safety quiz"))


def test_the_quiz_link_is_above_the_fold_on_a_small_phone_and_lands_on_the_first_question(
    browser, voila: VoilaServer
):
    context = browser.new_context(
        viewport=SMALL_PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        for notebook in (ROUTINE, LANDING):
            open_rendered(page, voila.page_url(notebook))
            link = quiz_link(page).first
            expect(link).to_be_in_viewport()
            box = link.bounding_box()
            assert box["y"] + box["height"] <= SMALL_PHONE["height"], notebook
            assert box["height"] >= 44 and box["x"] + box["width"] <= SMALL_PHONE["width"]
            assert float(link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")) >= 16
            expect(link).to_have_attribute("href", f"{QUIZ}#{QUIZ_START_ID}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "se_landing_top.png")
        # The web page speaks of pages; "notebook" is only for JupyterLab's readers.
        for line in page.locator("#rendered_cells").inner_text().splitlines():
            assert "notebook" not in line.lower() or "JupyterLab" in line, line
        quiz_link(page).first.tap()
        page.wait_for_url(f"**/{QUIZ}#{QUIZ_START_ID}")
        # Once the quiz is drawn, its first question is on the screen, under the finger.
        first = page.get_by_role("combobox", name=REGION_QUESTION, exact=True)
        first.wait_for()
        page.wait_for_timeout(500)  # the page settles under the held heading
        expect(first).to_be_in_viewport()
        expect(page.locator(f"#{QUIZ_START_ID}")).to_be_in_viewport()
        page.screenshot(path=ARTIFACTS / "se_quiz_first_question.png")
    finally:
        context.close()
