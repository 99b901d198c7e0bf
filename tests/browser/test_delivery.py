"""How the pages travel to a reader's browser: compressed, from this server alone, and no more
of them than a page needs."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Response, expect

from harness.voila_server import VoilaServer
from lowback.pages import LANDING
from lowback.site.navigation import chapter_paths

from .conftest import open_rendered

pytestmark = pytest.mark.e2e

COMPRESSIBLE = ("text/html", "text/css", "text/javascript", "application/javascript")
# Below this size gzip may not pay, and Tornado leaves such responses as they are.
MIN_COMPRESSED_BYTES = 1024


@pytest.mark.parametrize("notebook", [path.name for path in chapter_paths()])
def test_every_script_style_and_page_arrives_compressed(
    page: Page, voila: VoilaServer, notebook: str
):
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    open_rendered(page, voila.page_url(notebook))
    page.wait_for_load_state("load")
    from_us = [r for r in responses if urlparse(r.url).netloc == urlparse(voila.url).netloc]
    texts = [
        r
        for r in from_us
        if r.status == 200 and r.headers.get("content-type", "").startswith(COMPRESSIBLE)
    ]
    assert voila.page_url(notebook) in [r.url for r in texts]  # the page itself, at least
    unpacked = [
        r.url
        for r in texts
        if r.headers.get("content-encoding") != "gzip" and len(r.body()) >= MIN_COMPRESSED_BYTES
    ]
    assert unpacked == []


def settled_kernel_count(voila: VoilaServer, quiet_s: float = 2.0, limit_s: float = 60.0) -> int:
    """The server's kernel count once it has stayed the same for `quiet_s`: earlier tests' pages
    leave kernels ending and pools refilling for a while after they close."""
    deadline = time.monotonic() + limit_s
    count, since = voila.kernel_count(), time.monotonic()
    while time.monotonic() - since < quiet_s and time.monotonic() < deadline:
        time.sleep(0.25)
        now = voila.kernel_count()
        if now != count:
            count, since = now, time.monotonic()
    return count


def test_the_landing_page_comes_as_one_page_without_scripts_or_a_kernel(
    page: Page, voila: VoilaServer
):
    requests = []
    page.on("request", lambda request: requests.append(request))
    kernels_before = settled_kernel_count(voila)
    open_rendered(page, voila.url + "/")
    page.wait_for_load_state("load")
    # The redirect from the root, then the page itself: nothing else to fetch.
    assert [request.url for request in requests] == [voila.url + "/", page.url]
    assert page.url == voila.page_url(LANDING)
    expect(page.locator("script")).to_have_count(0)
    page.wait_for_timeout(1000)  # a kernel would have been asked for by now
    assert voila.kernel_count() == kernels_before
    # No kernel waits in the pool for it either; the pages with code each have theirs.
    assert f"Kernel pool of {LANDING} is filled" not in voila.log()
    for notebook in chapter_paths()[1:]:
        assert f"Kernel pool of {notebook.name} is filled" in voila.log()


@pytest.mark.parametrize("notebook", [path.name for path in chapter_paths()])
def test_no_page_asks_anything_of_another_address(page: Page, voila: VoilaServer, notebook: str):
    # A patient's browser should tell no third party (a CDN) that they read these pages, and
    # wait on none: Voila's lab template fetches Font Awesome from jsDelivr unless told not to.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_rendered(page, voila.page_url(notebook))
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # late scripts and stylesheets too
    ours = urlparse(voila.url).netloc
    elsewhere = [url for url in requested if not url.startswith("data:")]
    # A blob: address names memory of the page itself (anywidget loads its module from one):
    # it is this page's own origin after "blob:", and nothing leaves the browser for it.
    elsewhere = [url.removeprefix("blob:") for url in elsewhere]
    elsewhere = [url for url in elsewhere if urlparse(url).netloc != ours]
    assert elsewhere == []
    html = page.content()
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
