"""The series in JupyterLab, as a reader who typed `make lab` meets it, in Chromium.

One JupyterLab per module, on a free loopback port with a token, its configuration, data,
runtime, settings and workspaces in a temporary folder (nothing of the developer's leaks in, and
no notebook is trusted yet, as in a fresh clone), serving a copy of the notebooks so a run in
the browser never writes to the repository. Each test opens a notebook as the reader does, reads
what its stored outputs say before anything runs, runs every cell from the Run menu, and finds
the views' controls by role and accessible name.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from harness.routine_driver import SHORT, nothing_new
from harness.voila_server import free_port, stop_server, wait_until_answering
from lowback.drawing.catalogue import LAYER_TITLES, figure_description
from lowback.paths import NOTEBOOKS_DIR
from lowback.widgets.placeholder import binder_page_url
from lowback.widgets.view_helper import KERNEL_GONE

from .quiz_driver import MATCHING_READER, answer

pytestmark = pytest.mark.e2e

# 1-second phases: "Get ready" gives way to "Lift" 3 seconds after Start.
SHORT_ROUTINE = SHORT  # the quickest the bounds allow
# What the reader would otherwise meet first: a news prompt, an update check, a virtual list of
# cells that leaves cells out of the page until scrolled to. Autosave is off: nothing is written.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
# JupyterLab on a busy 2-core machine: loading it, starting a kernel and running a notebook
# take seconds, so waits for them are generous; they end as soon as the thing is there.
RUN_TIMEOUT_MS = 90_000
LAB_MS = 30_000


class JupyterLab:
    """JupyterLab serving a copy of the series' notebooks, isolated in `home`."""

    def __init__(self, home: Path) -> None:
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        root = home / "series"
        shutil.copytree(NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
        settings = home / "lab-settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
        env |= {
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "IPYTHONDIR": str(home / "ipython"),
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        }
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")  # a container's root user: refused otherwise
        self.log_path = home / "jupyterlab.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        wait_until_answering(
            f"{self.url}/api/status?token={self.token}", self.process, self.log_path
        )

    def notebook_url(self, notebook: str) -> str:
        # `reset`: a fresh workspace, so the tabs of an earlier test do not open again.
        return f"{self.url}/lab/tree/notebooks/{notebook}?token={self.token}&reset"

    def _api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        for kernel in self._api("/api/kernels"):
            # One that is restarting may refuse: the server shuts it down when it stops.
            with contextlib.suppress(urllib.error.HTTPError):
                self._api(f"/api/kernels/{kernel['id']}", "DELETE")

    def stop(self) -> None:
        stop_server(self.process, self._log)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[JupyterLab]:
    server = JupyterLab(tmp_path_factory.mktemp("jupyterlab"))
    yield server
    server.stop()


@pytest.fixture
def reader(page: Page, lab: JupyterLab) -> Iterator[Page]:
    """The page, and afterwards no kernel left running to slow the next test down."""
    yield page
    lab.shut_down_kernels()


def stored_output(page: Page, name: str) -> Locator:
    """The output a view's cell stores, as JupyterLab shows it before the cell runs."""
    return page.locator(".jp-OutputArea-output").filter(has_text=f"{name}.")


def open_notebook(page: Page, lab: JupyterLab, notebook: str, view_names: tuple[str, ...]):
    """Open a notebook; before anything runs, each view's stored output tells the reader, in
    full, to run the cells; then run them all from the Run menu."""
    page.goto(lab.notebook_url(notebook))
    for name in view_names:
        placeholder = stored_output(page, name)
        expect(placeholder).to_have_count(1, timeout=RUN_TIMEOUT_MS)
        expect(placeholder).to_have_attribute("data-mime-type", "text/html")
        expect(placeholder).to_contain_text(f"{name}. ")
        expect(placeholder).to_contain_text("In JupyterLab: run the cells (Run > Run All Cells)")
        expect(placeholder).not_to_contain_text("…")
        web_page = placeholder.get_by_role("link", name="this page as a web page on Binder")
        expect(web_page).to_have_attribute("href", binder_page_url(notebook))
    # Cells run before the kernel is connected would open widgets nobody is listening for.
    expect(page.locator("#jp-main-statusbar")).to_contain_text("| Idle", timeout=RUN_TIMEOUT_MS)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def restart_kernel(page: Page) -> None:
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name="Restart Kernel…").click()
    page.get_by_role("button", name="Confirm Kernel Restart").click()


def test_the_quiz_answers_to_a_result_and_its_link_opens_the_routine_inside_jupyterlab(
    reader: Page, lab: JupyterLab
):
    open_notebook(reader, lab, "02_screening_quiz.ipynb", ("Screening quiz",))
    see_result = reader.get_by_role("button", name="See my result")
    see_result.wait_for(timeout=RUN_TIMEOUT_MS)
    expect(stored_output(reader, "Screening quiz")).to_have_count(0)  # the live quiz replaced it
    answer(reader, MATCHING_READER)
    see_result.click()
    expect(reader.get_by_role("status").filter(has_text="Your result")).to_contain_text(
        "The routine may help", timeout=LAB_MS
    )
    link = reader.get_by_role("link", name="Go to the routine and its timer")
    expect(link).to_have_attribute("data-lowback-lab", "yes")  # handed to JupyterLab
    reader.evaluate("window.lowbackSamePage = true")
    link.click()
    expect(reader.get_by_role("tab", name="03_routine_timer.ipynb")).to_be_visible(timeout=LAB_MS)
    heading = reader.get_by_role("heading", name="The routine and its timer", level=1)
    expect(heading).to_be_visible(timeout=LAB_MS)
    # The same JupyterLab, not a reload of it: the quiz's tab is still open beside it.
    assert reader.evaluate("window.lowbackSamePage === true")
    expect(reader.get_by_role("tab", name="02_screening_quiz.ipynb")).to_be_visible()


def test_the_timer_starts_and_changes_phase_and_its_quiz_link_stays_in_jupyterlab(
    reader: Page, lab: JupyterLab
):
    open_notebook(reader, lab, "03_routine_timer.ipynb", ("Routine timer",))
    expect(stored_output(reader, "Routine timer")).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    start = reader.get_by_role("button", name="Start", exact=True)
    start.wait_for(timeout=RUN_TIMEOUT_MS)
    # Until the routine starts, the player asks whether the quiz was done, with a link to it.
    quiz_link = reader.get_by_role("link", name="Do the screening quiz first")
    expect(quiz_link).to_have_attribute("data-lowback-lab", "yes")  # handed to JupyterLab
    reader.evaluate("window.lowbackSamePage = true")
    quiz_link.click()
    expect(reader.get_by_role("tab", name="02_screening_quiz.ipynb")).to_be_visible(timeout=LAB_MS)
    assert reader.evaluate("window.lowbackSamePage === true")
    reader.get_by_role("tab", name="03_routine_timer.ipynb").click()
    for label, value in SHORT_ROUTINE.items():
        box = reader.get_by_role("spinbutton", name=label)
        box.fill(value)
        box.press("Tab")
    # The kernel makes the new plan; the player shows it before Start.
    reader.get_by_text("2 repetitions, then a rest and one long hold").wait_for(timeout=LAB_MS)
    nothing_new(reader)  # the check before every Start
    start.click()
    phase = reader.locator(".lowback-phase")
    expect(phase).to_have_text("Get ready")
    expect(phase).to_have_text("Lift", timeout=10_000)
    reader.get_by_role("button", name="Reset").click()
    expect(phase).to_have_text("Ready")


def test_a_layer_switched_off_leaves_the_picture_and_its_words(reader: Page, lab: JupyterLab):
    views = ("Anatomy explorer", "PSIS picture question", "Knowledge check")
    open_notebook(reader, lab, "01_anatomy.ipynb", views)
    maximus = reader.get_by_role("checkbox", name=LAYER_TITLES["gluteus_maximus"])
    maximus.wait_for(timeout=RUN_TIMEOUT_MS)
    expect(reader.get_by_role("button", name="Check my answer")).to_be_visible(timeout=LAB_MS)
    figure = reader.locator(".lowback-view .lowback-figure")
    whole = figure_description("gluteus_medius_posterior")
    expect(figure.get_by_role("img", name=whole)).to_be_visible(timeout=LAB_MS)
    maximus.uncheck()
    without = figure_description(
        "gluteus_medius_posterior", ("bones", "gluteus_medius", "landmarks", "thumb_spot")
    )
    expect(figure.get_by_role("img", name=without)).to_be_visible(timeout=RUN_TIMEOUT_MS)
    expect(figure.locator("figcaption")).to_contain_text(without)
    expect(figure.locator("figcaption")).not_to_contain_text("see-through")


def test_after_a_kernel_restart_the_quiz_says_it_needs_its_kernel(reader: Page, lab: JupyterLab):
    open_notebook(reader, lab, "02_screening_quiz.ipynb", ("Screening quiz",))
    see_result = reader.get_by_role("button", name="See my result")
    see_result.wait_for(timeout=RUN_TIMEOUT_MS)
    notice = reader.get_by_role("alert").filter(has_text=KERNEL_GONE)
    expect(notice).to_have_count(0)
    restart_kernel(reader)
    expect(notice).to_be_visible(timeout=LAB_MS)
    # The button is far below the words; pressing it brings them into view.
    see_result.click()
    expect(notice).to_be_in_viewport()
    reader.wait_for_timeout(1_500)  # a live kernel would have answered by now
    expect(reader.get_by_role("status").filter(has_text="Your result")).to_have_count(0)


def test_the_prescription_builder_runs_and_makes_a_link(reader: Page, lab: JupyterLab):
    open_notebook(reader, lab, "04_for_clinicians.ipynb", ("Prescription builder",))
    repetitions = reader.get_by_role("spinbutton", name="Repetitions")
    repetitions.wait_for(timeout=RUN_TIMEOUT_MS)
    repetitions.fill("12")
    repetitions.press("Tab")
    expect(reader.locator(".lowback-rx-link")).to_contain_text("reps=12", timeout=LAB_MS)
