"""The landing page, as a reader sent a link sees it: served by Voila, opened in Chromium."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect

from harness.voila_server import VoilaServer
from lowback.pages import LANDING
from lowback.site.navigation import chapter_paths

from .conftest import open_rendered, serious_accessibility_violations

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
