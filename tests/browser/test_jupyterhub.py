"""Many readers on JupyterHub: deploy/jupyterhub/jupyterhub_config.py really run, two readers
logged in through the hub's login form in Chromium, each landing on the series' page served by
their own server and kernel."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from harness.voila_server import SERVER_START_TIMEOUT_S, free_port
from lowback.paths import REPO_ROOT

from .conftest import ARTIFACTS, PAGE_RENDER_TIMEOUT_MS

pytestmark = pytest.mark.e2e

HUB_DIR = REPO_ROOT / "deploy" / "jupyterhub"
HUB_CONFIG = HUB_DIR / "jupyterhub_config.py"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
LANDING = "voila/render/notebooks/00_start_here.ipynb"
TITLE = "Pain beside the bony bump above your buttock"
READERS = ("alice", "bob")
# Logging in starts the reader's server, which then runs the landing notebook in a new kernel.
SPAWN_AND_RENDER_TIMEOUT_MS = 2 * PAGE_RENDER_TIMEOUT_MS
STOP_TIMEOUT_S = 30
VOILA_SETTINGS = json.loads((REPO_ROOT / "voila.json").read_text())
# What a single-user server must be given on its command line: all but the sections the voila
# extension reads itself (VoilaConfiguration) or that belong to the standalone app (Voila).
SERVER_SETTINGS = {
    section: settings
    for section, settings in VOILA_SETTINGS.items()
    if section not in ("Voila", "VoilaConfiguration")
}


def skip_or_fail(how: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(how)  # CI must never pass by skipping the hub test
    pytest.skip(how)


@pytest.fixture(scope="module")
def proxy() -> Path:
    """configurable-http-proxy from deploy/jupyterhub/package-lock.json, installed if need be."""
    if not PROXY.exists():
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            skip_or_fail(
                "JupyterHub needs configurable-http-proxy from npm, and Node.js or npm was not "
                "found: install Node.js 20 or newer with npm (`sudo apt-get install nodejs npm`), "
                "then `make hub` or `npm ci --prefix deploy/jupyterhub` installs the proxy."
            )
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HUB_DIR)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or not PROXY.exists():
            skip_or_fail(
                "`npm ci --prefix deploy/jupyterhub` could not install configurable-http-proxy:\n"
                + done.stdout
                + done.stderr
            )
    return PROXY


class Hub:
    """The series' JupyterHub on free ports, its state in a temporary directory, with an API
    token for the test that the deployed configuration does not have."""

    def __init__(self, state_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_urlsafe(12)
        self.token = secrets.token_hex(32)
        self.log_path = state_dir / "jupyterhub.log"
        # The test's config: the deployed one as it is, plus a service holding the test's token.
        test_config = state_dir / "test_jupyterhub_config.py"
        test_config.write_text(
            "c = get_config()  # noqa: F821\n"
            f"load_subconfig({str(HUB_CONFIG)!r})  # noqa: F821\n"
            "c.JupyterHub.services.append(\n"
            f"    {{'name': 'lowback-e2e', 'api_token': {self.token!r}}}\n"
            ")\n"
            "c.JupyterHub.load_roles.append({\n"
            "    'name': 'lowback-e2e',\n"
            "    'scopes': ['admin:users', 'admin:servers', 'admin:server_state',\n"
            "               'access:servers'],\n"
            "    'services': ['lowback-e2e'],\n"
            "})\n"
        )
        # Nothing from the caller's own hub settings, or from a hub the tests may run inside.
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("LOWBACK_HUB_", "JUPYTERHUB_", "CONFIGPROXY_"))
        }
        env = {
            **inherited,
            "LOWBACK_HUB_IP": "127.0.0.1",
            "LOWBACK_HUB_PORT": str(self.port),
            "LOWBACK_HUB_API_PORT": str(free_port()),
            "LOWBACK_HUB_PROXY_API_PORT": str(free_port()),
            "LOWBACK_HUB_PASSWORD": self.password,
            "LOWBACK_HUB_STATE_DIR": str(state_dir),
        }
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(test_config)],
            cwd=state_dir,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_routed(self) -> None:
        """Wait for the hub's own answer through the proxy. Any answer is not enough: the proxy
        answers first, with a 404 for every address, until the hub has told it where it is."""
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/hub/api/", timeout=5):
                    return
            except OSError:  # HTTPError included
                time.sleep(0.2)
        raise RuntimeError(f"JupyterHub did not answer within {SERVER_START_TIMEOUT_S} s")

    def api(self, path: str) -> object:
        request = urllib.request.Request(
            self.url + path, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def log(self) -> str:
        return self.log_path.read_text()

    def stop(self) -> list[str]:
        """Stop the hub, which stops the readers' servers, the proxy and the culler. Returns
        what was still running after that (and has now been killed): nothing, if all is well."""
        try:
            processes = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:  # the hub already exited (its log says why)
            processes = []
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        _, alive = psutil.wait_procs(processes, timeout=10)
        left = []
        for process in alive:
            try:
                left.append(f"{process.pid} {' '.join(process.cmdline())}")
                process.kill()
            except psutil.NoSuchProcess:
                pass  # it ended after all
        return left


@pytest.fixture(scope="module")
def hub(proxy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    hub = Hub(tmp_path_factory.mktemp("jupyterhub"))
    try:
        hub.wait_until_routed()
        yield hub
    finally:
        left = hub.stop()
    assert not left, "still running after the hub stopped:\n" + "\n".join(left)


def log_in(page: Page, hub: Hub, name: str) -> None:
    page.goto(hub.url + "/hub/login")
    page.get_by_role("textbox", name="Username").fill(name)
    # A password field has no ARIA role; its label gives it its accessible name.
    page.get_by_label("Password").fill(hub.password)
    page.get_by_role("button", name="Sign in").click()


def test_two_readers_each_land_on_the_series_page_in_their_own_server(browser: Browser, hub: Hub):
    contexts = {
        name: browser.new_context(viewport={"width": 1280, "height": 900}) for name in READERS
    }
    pages = {}
    try:
        for name, context in contexts.items():
            context.set_default_timeout(SPAWN_AND_RENDER_TIMEOUT_MS)
            pages[name] = context.new_page()
            log_in(pages[name], hub, name)  # both servers start at once

        kernel_of_page = {}
        for name, page in pages.items():
            # Voila's lab template hides the page behind a spinner until every cell has run.
            page.get_by_role("heading", name=TITLE, level=1).wait_for()
            page.locator("#rendered_cells").wait_for(state="visible")
            assert page.url == f"{hub.url}/user/{name}/{LANDING}"
            expect(
                page.get_by_text("Safety first: this is education, not a diagnosis.")
            ).to_be_visible()
            page_config = json.loads(page.locator("#jupyter-config-data").text_content())
            kernel_of_page[name] = page_config["kernelId"]

        servers = {}
        for name in READERS:
            server = hub.api(f"/hub/api/users/{name}")["servers"][""]
            assert server["ready"] and server["url"] == f"/user/{name}/"
            servers[name] = psutil.Process(server["state"]["pid"])
            # It runs in the repository, where the voila extension reads voila.json, and has
            # the rest of voila.json's settings (kernel culling, tracebacks, error messages).
            assert Path(servers[name].cwd()) == REPO_ROOT
            for section, settings in SERVER_SETTINGS.items():
                for setting in settings:
                    prefix = f"--{section}.{setting}="
                    assert any(arg.startswith(prefix) for arg in servers[name].cmdline()), prefix
            # The kernel behind the reader's page is that server's own, with the page connected.
            kernels = {k["id"]: k for k in hub.api(f"/user/{name}/api/kernels")}
            assert kernels[kernel_of_page[name]]["connections"] == 1
            assert any(
                kernel_of_page[name] in " ".join(child.cmdline())
                for child in servers[name].children(recursive=True)
            )
        assert servers["alice"].pid != servers["bob"].pid
        assert kernel_of_page["alice"] != kernel_of_page["bob"]
        assert kernel_of_page["alice"] not in {k["id"] for k in hub.api("/user/bob/api/kernels")}
        assert kernel_of_page["bob"] not in {k["id"] for k in hub.api("/user/alice/api/kernels")}
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            page.screenshot(path=ARTIFACTS / f"jupyterhub_{name}.png", full_page=True)
        for context in contexts.values():
            context.close()


QUIZ = "voila/render/notebooks/02_screening_quiz.ipynb"
# voila.json culls an abandoned kernel after 5 minutes: gone within this, it was the page's own
# "close my kernel" on leaving that freed it.
FREED_WITHIN_S = 20


def test_a_reader_leaving_pages_frees_their_kernels_in_server_extension_mode(
    browser: Browser, hub: Hub
):
    # Voila as a server extension never set the cookie its page sends back when it is left, so
    # every such request got 403 and each page visited left a kernel behind (voila#1458).
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(SPAWN_AND_RENDER_TIMEOUT_MS)
    try:
        page = context.new_page()
        log_in(page, hub, "carol")
        page.get_by_role("heading", name=TITLE, level=1).wait_for()
        left_behind = []
        for _visit in range(2):
            page.goto(f"{hub.url}/user/carol/{QUIZ}")
            page.get_by_role("button", name="See my result").wait_for()
            config = json.loads(page.locator("#jupyter-config-data").text_content())
            left_behind.append(config["kernelId"])
            page.goto(f"{hub.url}/user/carol/{LANDING}")  # leaving the quiz, as a reader does
            page.get_by_role("heading", name=TITLE, level=1).wait_for()
        deadline = time.monotonic() + FREED_WITHIN_S
        while time.monotonic() < deadline:
            running = {k["id"] for k in hub.api("/user/carol/api/kernels")}
            if not running & set(left_behind):
                break
            time.sleep(0.5)
        assert not running & set(left_behind), "leaving the quiz did not free its kernel"
        assert any(cookie["name"] == "_xsrf" for cookie in context.cookies())
    finally:
        context.close()


def test_the_hub_runs_the_idle_culler_with_the_configured_timeout(hub: Hub):
    cullers = [
        child.cmdline()
        for child in psutil.Process(hub.process.pid).children()
        if "jupyterhub_idle_culler" in child.cmdline()
    ]
    assert len(cullers) == 1, hub.log()
    assert "--timeout=3600" in cullers[0] and "--cull-every=300" in cullers[0]
    # Its role lets it read who is idle: its first look at the users succeeds.
    read_users = re.compile(r"200 GET /hub/api/users\S* \(jupyterhub-idle-culler-service@")
    deadline = time.monotonic() + 30
    while not read_users.search(hub.log()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert read_users.search(hub.log()), hub.log()


def test_the_kubernetes_values_match_what_the_local_hub_runs():
    """deploy/kubernetes/values.yaml cannot run here; it must at least say what the tested
    local hub does: the same landing page, culling, and voila.json's server settings."""
    values = yaml.safe_load((REPO_ROOT / "deploy" / "kubernetes" / "values.yaml").read_text())
    singleuser = values["singleuser"]
    assert singleuser["defaultUrl"] == "/" + LANDING
    assert singleuser["storage"]["type"] == "none"  # a home volume would hide the repository
    assert singleuser["extraFiles"]["server-settings"]["data"] == SERVER_SETTINGS
    cull = values["cull"]
    assert (cull["enabled"], cull["timeout"], cull["every"]) == (True, 3600, 300)
