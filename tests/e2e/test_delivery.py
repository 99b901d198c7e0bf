"""How the pages travel to a reader's browser: compressed, and from this server alone."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Response

from lowback.navigation import chapter_paths

from .conftest import VoilaServer, open_rendered

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
    assert len(texts) > 20, "the page should load Voila's scripts from this server"
    unpacked = [
        r.url
        for r in texts
        if r.headers.get("content-encoding") != "gzip" and len(r.body()) >= MIN_COMPRESSED_BYTES
    ]
    assert unpacked == []
