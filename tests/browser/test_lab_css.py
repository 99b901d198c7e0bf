"""The light pages link only the part of nbconvert's JupyterLab stylesheet they can use
(lowback.site.lab_css, 6 kB of 55 kB over the line): each page looks exactly as it does with
the whole stylesheet, on a phone and on a desktop, pixel for pixel."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser

from harness.voila_server import VoilaServer
from lowback.pages import ANATOMY, CLINICIANS, QUIZ, ROUTINE
from lowback.site.lab_css import whole_lab_css

from .conftest import ARTIFACTS, PAGE_RENDER_TIMEOUT_MS

pytestmark = pytest.mark.e2e

PICTURES_IN = """async () => {
  const pictures = [...document.images];
  for (const picture of pictures) picture.loading = "eager";
  await Promise.all(pictures.map((picture) => picture.decode().catch(() => null)));
}"""
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def settle(page, steady_s: float = 1.0, within_s: float = 30.0) -> None:
    """Until the page's height has not changed for `steady_s`: views that finish after the
    front end is ready (a kernel's answer, a resize) would otherwise make a busy machine's two
    pictures differ in what they caught, not in their stylesheet."""
    height = "document.scrollingElement.scrollHeight"
    deadline = time.monotonic() + within_s
    last, since = page.evaluate(height), time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        now = page.evaluate(height)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= steady_s:
            return


def shot(browser: Browser, url: str, viewport: dict, whole: bool) -> bytes:
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    page = context.new_page()
    if whole:
        full = whole_lab_css()
        page.route(
            "**/lab-index.css*",
            lambda route: route.fulfill(body=full, content_type="text/css; charset=UTF-8"),
        )
    try:
        page.goto(url)
        page.locator("body[data-lowback-frontend='ready']").wait_for()
        page.evaluate("document.fonts.ready")
        # Every picture in, on either side: a loaded machine would otherwise shoot one page
        # before its pictures, and the difference would not be the stylesheet's.
        page.evaluate(PICTURES_IN)
        settle(page)
        return page.screenshot(full_page=True, animations="disabled", caret="hide")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("notebook", [ANATOMY, QUIZ, ROUTINE, CLINICIANS])
def test_each_page_looks_the_same_with_the_used_part_as_with_the_whole_stylesheet(
    browser: Browser, voila: VoilaServer, notebook: str, viewport: str
):
    url = voila.page_url(notebook)
    used = shot(browser, url, VIEWPORTS[viewport], whole=False)
    whole = shot(browser, url, VIEWPORTS[viewport], whole=True)
    if used == whole:
        return
    a, b = Image.open(io.BytesIO(used)).convert("RGB"), Image.open(io.BytesIO(whole)).convert("RGB")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = f"lab-css-{notebook.split('.')[0]}-{viewport}"
    a.save(ARTIFACTS / f"{stem}-used.png")
    b.save(ARTIFACTS / f"{stem}-whole.png")
    assert a.size == b.size, (a.size, b.size)
    box = ImageChops.difference(a, b).getbbox()
    assert box is None, f"the pages differ within {box}: see {stem}-*.png in {ARTIFACTS}"
