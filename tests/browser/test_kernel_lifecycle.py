"""Kernels come and go: one per visitor, freed when they leave, kept while they read.

The repository's settings (voila.json) cull a kernel whose page has gone for
cull_idle_timeout seconds. Waiting minutes in a test would be slow, so this Voila runs the same
settings with short times; a separate test checks the repository's own values are sound.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.voila_server import VoilaServer
from lowback.paths import REPO_ROOT
from lowback.screening import question

from .conftest import open_rendered
from .quiz_driver import EMERGENCY_HEADLINE

pytestmark = pytest.mark.e2e

# Long enough that a preheated kernel is ready before it could be thought idle (Voila's pool
# protects only kernels that have finished starting).
CULL_IDLE_TIMEOUT_S = 20
CULL_INTERVAL_S = 2
VISITORS = 20
# A page with code: the landing page has none, so it is served without a kernel.
KERNEL_PAGE = "02_screening_quiz.ipynb"
# A kernel is culled after the timeout, at the next sweep; the rest is slack for a busy machine.
RETURN_BOUND_S = CULL_IDLE_TIMEOUT_S + CULL_INTERVAL_S + 20


@pytest.fixture(scope="module")
def short_cull_voila(tmp_path_factory: pytest.TempPathFactory):
    server = VoilaServer(
        tmp_path_factory.mktemp("cull-voila") / "voila.log",
        (
            f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT_S}",
            f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        ),
    )
    yield server
    server.stop()


def kernel_count(server: VoilaServer) -> int:
    return server.kernel_count()


def wait_for_kernel_count(server: VoilaServer, expected: int, within_s: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < within_s:
        if kernel_count(server) == expected:
            return time.monotonic() - start
        time.sleep(0.5)
    raise AssertionError(f"{kernel_count(server)} kernels after {within_s} s, expected {expected}")


def test_the_repository_culls_abandoned_kernels_but_never_a_connected_reader():
    settings = json.loads((REPO_ROOT / "voila.json").read_text())["MappingKernelManager"]
    assert 60 <= settings["cull_idle_timeout"] <= 15 * 60
    assert settings["cull_interval"] <= settings["cull_idle_timeout"]
    assert settings["cull_connected"] is False  # an open page is never cut off
    assert settings["cull_busy"] is False  # a routine in progress is never cut off


def settled_kernel_count(server: VoilaServer, steady_s: float = 3.0, within_s: float = 60) -> int:
    """The kernel count once it has stopped changing (a preheated pool fills in the background)."""
    deadline = time.monotonic() + within_s
    count, since = kernel_count(server), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = kernel_count(server)
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= steady_s:
            return count
    raise AssertionError(f"the kernel count never settled within {within_s} s")


def test_twenty_visitors_who_leave_are_freed_and_a_reader_who_stays_is_never_cut_off(
    browser: Browser, page: Page, short_cull_voila: VoilaServer
):
    """One test, so the reader's wait and the culling run side by side (CI's time): a reader
    who keeps the page open reads, untouched, for twice the cull timeout while twenty visitors
    come and go; the visitors' kernels are freed within a bound, the reader's never."""
    open_rendered(page, short_cull_voila.page_url(KERNEL_PAGE))
    page.get_by_role("button", name="See my result").wait_for()
    reading_since = time.monotonic()
    start_count = settled_kernel_count(short_cull_voila)  # the reader's and the pool's, if any
    contexts = [browser.new_context() for _ in range(VISITORS)]
    pages = [context.new_page() for context in contexts]
    kernel_ids = set()
    for visitor in pages:
        open_rendered(visitor, short_cull_voila.page_url(KERNEL_PAGE))
        kernel_ids.add(
            json.loads(visitor.locator("#jupyter-config-data").text_content())["kernelId"]
        )
    assert len(kernel_ids) == VISITORS  # one kernel each
    wait_for_kernel_count(short_cull_voila, start_count + VISITORS, within_s=30)
    for index, (context, visitor) in enumerate(zip(contexts, pages, strict=True)):
        if index % 2:
            visitor.close(run_before_unload=True)  # closing the tab: Voila shuts it down
        # The rest just vanish (a dropped connection, a phone locked): only culling frees them.
        context.close()
    waited_s = wait_for_kernel_count(short_cull_voila, start_count, RETURN_BOUND_S)
    print(f"{VISITORS} kernels freed within {waited_s:.1f} s")
    # The visitors who vanished were freed by the culler, not by a goodbye they never sent.
    assert short_cull_voila.log().count("seconds of inactivity") >= VISITORS // 2

    # The reader has read for twice the cull timeout (the scaled-down 30 minutes), then carries
    # on answering, and their kernel answers.
    read_s = 2 * CULL_IDLE_TIMEOUT_S + CULL_INTERVAL_S
    page.wait_for_timeout(max(0.0, read_s - (time.monotonic() - reading_since)) * 1000)
    assert time.monotonic() - reading_since >= read_s
    page.get_by_role("checkbox", name=question("saddle_numbness").statement).check()
    expect(page.get_by_role("alert").filter(has_text=EMERGENCY_HEADLINE)).to_be_visible()


POOL_CULL_IDLE_TIMEOUT_S = 4
POOL_CULL_INTERVAL_S = 1


@pytest.fixture
def pool_voila(tmp_path: Path):
    server = VoilaServer(
        tmp_path / "voila.log",
        (
            "--VoilaConfiguration.preheat_kernel=True",
            "--VoilaConfiguration.default_pool_size=1",
            f"--MappingKernelManager.cull_idle_timeout={POOL_CULL_IDLE_TIMEOUT_S}",
            f"--MappingKernelManager.cull_interval={POOL_CULL_INTERVAL_S}",
        ),
    )
    yield server
    server.stop()


def test_a_kernel_that_waited_in_the_pool_past_the_cull_time_still_serves_its_visitor(
    browser: Browser, pool_voila: VoilaServer
):
    # Voila shields kernels waiting in its pool from the culler, but not one it has just handed
    # over, and a kernel that waited longer than the timeout looks idle: unless the handover
    # counts as activity, a sweep in the second before the page connects culls it. A sweep
    # comes every second here, so two visits would hardly both escape it.
    for visit in range(2):
        settled_kernel_count(pool_voila)
        time.sleep(2 * POOL_CULL_IDLE_TIMEOUT_S)  # the pooled kernel is now "idle" for long
        context = browser.new_context()
        page = context.new_page()
        open_rendered(page, pool_voila.page_url("02_screening_quiz.ipynb"))
        # Let several sweeps pass, then the page must still be answered by its kernel.
        page.wait_for_timeout(3 * POOL_CULL_INTERVAL_S * 1000)
        page.get_by_role("checkbox", name=question("saddle_numbness").statement).check()
        expect(page.get_by_role("alert").filter(has_text=EMERGENCY_HEADLINE)).to_be_visible(
            timeout=10_000
        )
        context.close()
        assert pool_voila.log().count("Using pre-heated kernel") == visit + 1
