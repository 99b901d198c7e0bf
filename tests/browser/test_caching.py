"""What a reader's browser keeps: every script, stylesheet and picture comes from an address that
names its content, with a year-long immutable cache, so a second visit asks only for the page
itself."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser

from harness.voila_server import VoilaServer
from lowback.drawing.catalogue import FIGURE_NAMES
from lowback.site.caching import HASHED_NAME, IMMUTABLE
from lowback.site.navigation import chapter_paths
from lowback.sound import CUE_KINDS

from .conftest import PAGE_RENDER_TIMEOUT_MS, open_rendered

pytestmark = pytest.mark.e2e

ASSETS = ("Script", "Stylesheet", "Image")
VERSIONED_FOLDER = re.compile(r"/v-[0-9a-f]{16}/")


def names_its_content(url: str) -> bool:
    parts = urlparse(url)
    return bool(
        VERSIONED_FOLDER.search(parts.path)
        or parse_qs(parts.query).get("v")
        or HASHED_NAME.search(parts.path)
    )


class Visit:
    """One page opened in a browser context, with what went over the network (Chromium's own
    record through CDP: a file taken from the memory or disk cache is not a request)."""

    def __init__(self, context, url: str) -> None:
        self.page = context.new_page()
        cdp = context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        self.sent: dict[str, tuple[str, str]] = {}
        self.from_cache: set[str] = set()
        self.responses: dict[str, dict] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", lambda e: self.from_cache.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._received)
        open_rendered(self.page, url)
        self.page.wait_for_load_state("networkidle")

    def _sent(self, event: dict) -> None:
        self.sent[event["requestId"]] = (event.get("type", ""), event["request"]["url"])

    def _received(self, event: dict) -> None:
        self.responses[event["requestId"]] = event["response"]

    def over_the_network(self) -> list[tuple[str, str]]:
        return [
            (kind, url)
            for rid, (kind, url) in self.sent.items()
            if url.startswith("http")
            and rid not in self.from_cache
            and not self.responses.get(rid, {}).get("fromDiskCache")
        ]

    def headers(self, kind: str) -> list[tuple[str, dict]]:
        """(url, lower-cased headers) of each response of this kind from the network."""
        return [
            (url, {k.lower(): v for k, v in self.responses[rid]["headers"].items()})
            for rid, (sent_kind, url) in self.sent.items()
            if sent_kind == kind and rid in self.responses and url.startswith("http")
        ]


@pytest.fixture
def context(browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    yield context
    context.close()


@pytest.mark.parametrize("notebook", [path.name for path in chapter_paths()])
def test_scripts_and_styles_are_cached_for_a_year_and_pages_never(
    context, voila: VoilaServer, notebook: str
):
    first = Visit(context, voila.page_url(notebook))
    assets = [(url, h) for kind in ASSETS for url, h in first.headers(kind)]
    not_immutable = [url for url, h in assets if h.get("cache-control") != IMMUTABLE]
    unversioned = [url for url, _ in assets if not names_its_content(url)]
    assert not_immutable == []
    assert unversioned == []
    [(_, page_headers)] = first.headers("Document")
    assert "no-store" in page_headers.get("cache-control", "")

    second = Visit(context, voila.page_url(notebook))
    asked_again = [url for kind, url in second.over_the_network() if kind in ASSETS]
    assert asked_again == []
    assert voila.page_url(notebook) in [url for _, url in second.over_the_network()]


def test_pictures_and_tones_are_linked_not_carried_and_cached_for_a_year(
    context, voila: VoilaServer
):
    # The anatomy page carried its five figures inside itself, about 1 MB: on a phone's slow
    # network nothing showed until all of it had come, on every visit.
    url = voila.page_url("01_anatomy.ipynb")
    html = urllib.request.urlopen(url, timeout=60).read().decode()
    assert "data:image/png" not in html
    assert len(html) < 150_000
    linked = set(re.findall(r"/voila/pictures/v-[0-9a-f]{16}/([a-z_]+\.webp)", html))
    # Each figure and its phone version (given to narrow screens by <picture>).
    assert linked == {f"{name}{size}.webp" for name in FIGURE_NAMES for size in ("", "_phone")}
    visit = Visit(context, url)
    for figure in visit.page.locator("figure.lowback-figure img").all():
        figure.scroll_into_view_if_needed()
        visit.page.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 0", arg=figure.element_handle()
        )
    pictures = {
        urlparse(u).path.rsplit("/", 1)[1]: h
        for u, h in visit.headers("Image")
        if "/voila/pictures/" in u
    }
    # A desktop window fetches the full figures (and the "find the PSIS" question's picture).
    desktop = {f"{name}.webp" for name in FIGURE_NAMES}
    assert desktop <= set(pictures)
    assert all(pictures[name]["content-type"] == "image/webp" for name in desktop)
    assert all(h["cache-control"] == IMMUTABLE for h in pictures.values())
    # The routine's player gets its frames the same way, and the page asks for each once.
    routine = Visit(context, voila.page_url("03_routine_timer.ipynb"))
    frames = [u for _, u in routine.over_the_network() if "/voila/pictures/" in u]
    assert frames and all(u.endswith(".webp") for u in frames)
    assert len(frames) == len(set(frames))
    # Its cue tones too: fetched once each, before the routine starts, and cached for a year.
    routine.page.wait_for_load_state("networkidle")
    tones = {u: h for u, h in routine.headers("Fetch") if "/voila/sounds/" in u}
    names = {urlparse(u).path.rsplit("/", 1)[1] for u in tones}
    assert names == {f"{kind}.wav" for kind in CUE_KINDS}
    assert all(h["content-type"] == "audio/wav" for h in tones.values())
    assert all(h["cache-control"] == IMMUTABLE for h in tones.values())
    some = next(iter(tones))
    with urllib.request.urlopen(some) as response:
        assert response.read()[:4] == b"RIFF"
    for odd in ("nothing.wav", "lift.mp3", "..%2flift.wav"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(some.rsplit("/", 1)[0] + "/" + odd)
        assert refused.value.code == 404


def test_an_old_version_of_a_file_is_not_served(voila: VoilaServer):
    """An address with any digest but the current one names nothing: a page never mixes files
    of two versions of the front end."""
    html = urllib.request.urlopen(voila.page_url("01_anatomy.ipynb"), timeout=60).read().decode()
    # In the page's configuration (fullStaticUrl), and in voila.js's address on a lab page.
    [current] = set(re.findall(r"/voila/static/v-([0-9a-f]{16})\b", html))
    with urllib.request.urlopen(f"{voila.url}/voila/static/v-{current}/voila.js") as response:
        assert response.status == 200
        assert response.headers["Cache-Control"] == IMMUTABLE
    stale = "0" * 16 if current != "0" * 16 else "1" * 16
    for prefix in ("voila/static", "voila/labextensions", "voila/pictures", "voila/sounds"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{voila.url}/{prefix}/v-{stale}/voila.js")
        # Voila's lab-extension handler answers 403 for a file outside its folders, 404 elsewhere.
        assert refused.value.code in (403, 404)
