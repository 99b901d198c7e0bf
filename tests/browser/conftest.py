"""Fixtures for end-to-end tests: Voila really serving the notebooks, Debian's Chromium really
clicking through them, driven by Playwright through its executable path (`playwright install`
cannot download a browser here, and is never needed). The server and the browser's flags are
harness/'s, which the benchmark starts too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from harness.chromium import CHROMIUM, CHROMIUM_ARGS
from harness.voila_server import VoilaServer
from lowback.paths import REPO_ROOT

ARTIFACTS = REPO_ROOT / "tests" / "browser" / "artifacts"
PAGE_RENDER_TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    how = (
        f"Chromium was not found at {CHROMIUM}. Install Debian's build with "
        "`sudo apt-get install chromium`, or point CHROMIUM=/path/to/chromium at another one."
    )
    if os.environ.get("CI"):
        pytest.fail(how)  # CI must never pass by skipping the browser tests
    pytest.skip(how)


@pytest.fixture(scope="session")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    server = VoilaServer(tmp_path_factory.mktemp("voila") / "voila.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fixture_voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voila with the series' settings, serving the test-only notebooks in tests/fixtures."""
    server = VoilaServer(
        tmp_path_factory.mktemp("fixture-voila") / "voila.log",
        (f"--Voila.root_dir={REPO_ROOT / 'tests' / 'fixtures'}",),
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A 390 x 844 touch screen at device scale 3, as most patients open the link."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"phone_{request.node.name}.png")
    context.close()


def open_rendered(page: Page, url: str) -> None:
    """Open a Voila page and wait until the notebook has run and its title is shown."""
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for()
    # Voila's lab template hides the page behind a spinner until every cell has run.
    page.locator("#rendered_cells").wait_for(state="visible")


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
