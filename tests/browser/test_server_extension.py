"""Voila as a Jupyter server extension, as Binder and JupyterLab run it, with the settings
binder/postBuild installs (binder/jupyter_server_config.json): a reader who leaves a page frees
its kernel. Without them every "close my kernel" got 403 and each page visited left a kernel of
about 60 MB behind until Binder's memory ran out (voila-dashboards/voila#1458)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from harness.voila_server import free_port, stop_server, wait_until_answering
from lowback.paths import REPO_ROOT

pytestmark = pytest.mark.e2e

QUIZ = "voila/render/notebooks/02_screening_quiz.ipynb"
LANDING = "voila/render/notebooks/00_start_here.ipynb"
# voila.json culls a kernel after 5 idle minutes: gone within this, the page's goodbye did it.
FREED_WITHIN_S = 15


class JupyterServer:
    """`jupyter server` on a free port, its configuration path the repository's binder/ folder
    (where binder/postBuild finds the file it installs)."""

    def __init__(self, log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = log_path.open("w")
        command = [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            f"--port={self.port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            f"--ServerApp.root_dir={REPO_ROOT}",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        env = {**os.environ, "JUPYTER_CONFIG_PATH": str(REPO_ROOT / "binder")}
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        wait_until_answering(self.url + "/api/status", self.process, log_path)

    def kernels(self) -> set[str]:
        with urllib.request.urlopen(self.url + "/api/kernels", timeout=10) as response:
            return {kernel["id"] for kernel in json.load(response)}

    def stop(self) -> None:
        stop_server(self.process, self._log)


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    server = JupyterServer(tmp_path_factory.mktemp("jupyter-server") / "server.log")
    yield server
    server.stop()


def test_leaving_a_voila_page_frees_its_kernel_in_server_extension_mode(
    browser: Browser, jupyter_server: JupyterServer
):
    context = browser.new_context()
    context.set_default_timeout(90_000)
    try:
        page = context.new_page()
        page.goto(f"{jupyter_server.url}/{QUIZ}")
        page.get_by_role("button", name="See my result").wait_for()
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        kernel_id = config["kernelId"]
        assert kernel_id in jupyter_server.kernels()
        page.goto(f"{jupyter_server.url}/{LANDING}")  # leaving the quiz, as a reader does
        deadline = time.monotonic() + FREED_WITHIN_S
        while kernel_id in jupyter_server.kernels() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernel_id not in jupyter_server.kernels(), "leaving did not free the kernel"
    finally:
        context.close()


def test_the_server_culls_as_voila_json_says(jupyter_server: JupyterServer):
    # The culling of voila.json's MappingKernelManager, which the extension alone never gets.
    with urllib.request.urlopen(jupyter_server.url + "/api/status", timeout=10):
        pass
    log = Path(jupyter_server._log.name).read_text()
    assert "Culling kernels with idle durations > 300 seconds at 30 second intervals" in log
    assert "lowback: Voila pages set the _xsrf cookie" in log
