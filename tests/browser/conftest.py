"""Fixtures for end-to-end tests: Voila really serving the notebooks, Debian's Chromium really
clicking through them, driven by Playwright through its executable path (`playwright install`
cannot download a browser here, and is never needed)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from lowback.paths import REPO_ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = REPO_ROOT / "tests" / "browser" / "artifacts"
# Without the background-networking flags Chromium keeps dialling out of a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 90


def frontend_args() -> list[str]:
    """The server's page front end as LOWBACK_FRONTEND names it (lab or light), if it does."""
    chosen = os.environ.get("LOWBACK_FRONTEND")
    return [f"--SeriesVoila.frontend={chosen}"] if chosen else []


PAGE_RENDER_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ExitedEarly(RuntimeError):
    """The server stopped before it answered."""


# What a server says when the port chosen for it was taken in the meantime (the kernels of
# other servers bind ports of their own at any moment).
PORT_TAKEN = re.compile(r"already in use|no available port")


def wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ExitedEarly(f"Voila exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is up
        except (OSError, http.client.HTTPException):
            # (Not up yet; or the port was taken by something that is not HTTP, such as a
            # kernel's ZeroMQ socket, and the server is about to say so and exit.)
            time.sleep(0.2)
    raise RuntimeError(f"Voila did not answer at {url} within {SERVER_START_TIMEOUT_S} s")


def stop_server(process: subprocess.Popen, log, timeout_s: float = 20) -> None:
    """Stop a server the tests started, and close its log."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


# The browser tests are many readers on one address (127.0.0.1), one after another and in
# parallel: the limits per client are lifted for them, and tests/browser/test_second_attack.py sets
# its own, with clients on other loopback addresses.
MANY_READERS_ONE_ADDRESS = (
    "--SeriesKernelManager.max_kernels_per_client=0",
    "--SeriesKernelManager.pages_per_minute=0",
)


def unless_given(defaults: tuple[str, ...], given: tuple[str, ...]) -> tuple[str, ...]:
    """The `--Name.trait=value` defaults whose trait `given` does not set (traitlets refuses a
    setting given twice)."""
    named = {arg.split("=", 1)[0] for arg in given}
    return tuple(arg for arg in defaults if arg.split("=", 1)[0] not in named)


class VoilaServer:
    """A Voila process serving the series on a free port, with its log kept for the test."""

    START_ATTEMPTS = 3

    def __init__(
        self, log_path: Path, extra_args: tuple[str, ...] = (), env: dict[str, str] | None = None
    ) -> None:
        self.log_path = log_path
        self.extra_args = extra_args
        self.env = {**os.environ, **(env or {})}
        for attempt in range(self.START_ATTEMPTS):
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            self._log = log_path.open("w")
            self.process = subprocess.Popen(
                self.command(),
                cwd=REPO_ROOT,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                env=self.env,
            )
            try:
                wait_until_answering(self.url + "/voila/static/", self.process, log_path)
                return
            except ExitedEarly:
                self._log.close()
                if attempt == self.START_ATTEMPTS - 1 or not PORT_TAKEN.search(self.log()):
                    raise

    def command(self) -> list[str]:
        """The command that starts this server on self.port."""
        return [
            sys.executable,
            "-m",
            "lowback.site.serve",
            "--no-browser",
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            # LOWBACK_FRONTEND=lab (or light) runs the browser tests against that front end.
            *frontend_args(),
            *unless_given(MANY_READERS_ONE_ADDRESS, self.extra_args),
            *self.extra_args,
        ]

    def page_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"

    def log(self) -> str:
        return self.log_path.read_text()

    def kernel_count(self) -> int:
        """How many kernels this server runs now (a kernel on its way out does not count)."""
        count = 0
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    count += 1
            except (psutil.ZombieProcess, psutil.NoSuchProcess):
                pass
        return count

    def stop(self) -> None:
        stop_server(self.process, self._log)


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
