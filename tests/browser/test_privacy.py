"""What a reader enters (quiz answers, pain ratings) is never written to the server's disk or log.

The test answers the quiz and runs the timer with pain ratings, then searches the server's log
and every file written meanwhile (the working tree, Jupyter's and IPython's own folders) for
anything that would only be there if those answers had been recorded.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.routine_driver import nothing_new, phase_name, settle, start
from harness.voila_server import VoilaServer
from lowback.paths import REPO_ROOT
from lowback.screening import question

from .conftest import open_rendered
from .quiz_driver import MATCHING_READER, answer
from .test_routine_page import FINAL_HOLD_TIMEOUT_MS, QUICKEST, open_timer, stop_hold

pytestmark = pytest.mark.e2e

AGE = 47
# Words that only a record of this reader's answers would contain.
TELLTALES = (
    *(q_id for q_id in MATCHING_READER if q_id != "age"),  # "age" is in "page" too
    "beside_psis",
    f"You are {AGE}",
    f'"age": {AGE}',
    "Pressing the spot brings on your usual pain",
    "Your pain went down by 5 points, from 8 to 3",
    "pain_before",
    "pain_after",
    "hold_s",
    "Latest long hold",
    "lowback.sessions",
)
SKIPPED_DIRS = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
# The test's own screenshots record the page by design; they are not the server's.
SKIPPED_PATHS = {REPO_ROOT / "tests" / "e2e" / "artifacts"}


def files_written_since(roots: list[Path], since: float) -> list[Path]:
    found = []
    for root in roots:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            if any(part in SKIPPED_DIRS for part in path.parts) or any(
                path.is_relative_to(skipped) for skipped in SKIPPED_PATHS
            ):
                continue
            if path.is_file() and path.stat().st_mtime >= since:
                found.append(path)
    return found


def test_answers_and_pain_ratings_never_reach_the_servers_log_or_disk(
    page: Page, voila: VoilaServer
):
    began = time.time() - 1
    open_rendered(page, voila.page_url("02_screening_quiz.ipynb"))
    page.get_by_role("button", name="See my result").wait_for()
    answer(page, MATCHING_READER | {"age": AGE})
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("status")).to_contain_text("The routine may help")

    open_timer(page, voila)
    page.get_by_role("combobox", name="Pain before, 0 to 10").select_option("8")
    settle(page, QUICKEST)
    page.get_by_role("checkbox", name="Mute sounds").check()
    nothing_new(page)
    start(page).click()
    expect(phase_name(page)).to_have_text("Long hold", timeout=FINAL_HOLD_TIMEOUT_MS)
    stop_hold(page).click()
    page.get_by_role("button", name="Rate my pain now").click()
    page.get_by_role("combobox", name="Pain after, 0 to 10").select_option("3")
    expect(page.get_by_text("Your pain went down by 5 points, from 8 to 3")).to_be_visible()
    page.goto("about:blank")  # leave, as a reader would

    home = Path.home()
    written = files_written_since(
        [REPO_ROOT, home / ".ipython", home / ".local" / "share" / "jupyter"], began
    )
    records = {"server log": voila.log()} | {
        str(path): path.read_bytes().decode("utf-8", errors="replace") for path in written
    }
    found = {
        (where, telltale)
        for where, text in records.items()
        for telltale in TELLTALES
        if telltale in text
    }
    assert found == set()
    assert question("saddle_numbness").id in TELLTALES  # the telltales are the real ids
