"""The reader's own sessions, kept in their browser: saved at the end of a routine, shown on a
new visit, exported as CSV for their physiotherapist, and deleted when they ask."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from lowback.progress import CSV_COLUMNS

from .conftest import VoilaServer, open_rendered
from .test_routine_page import ROUTINE, SHORT, cant_hold, phase_name, settle, start

pytestmark = pytest.mark.e2e


def summary(page: Page):
    return page.locator(".lowback-history-summary")


def test_a_finished_routine_is_kept_in_the_browser_exported_and_deleted(
    page: Page, voila: VoilaServer
):
    open_rendered(page, voila.page_url(ROUTINE))
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    settle(page, SHORT)
    page.get_by_role("combobox", name="Pain before, 0 to 10").select_option("6")
    start(page).click()
    expect(phase_name(page)).to_have_text("Hold as long as you can", timeout=20_000)
    cant_hold(page).click()
    page.get_by_role("button", name="Rate my pain now").click()
    page.get_by_role("combobox", name="Pain after, 0 to 10").select_option("3")
    expect(page.get_by_text("Saved on this device only")).to_be_visible()
    page.get_by_role("button", name="Back to the page").click()

    # A new visit in the same browser finds it, drawn and summed up by the page.
    page.reload()
    expect(summary(page)).to_have_text(
        re.compile(r"^1 session, on \d{4}-\d{2}-\d{2}\. Pain went down by 3 points on average")
    )
    chart = page.get_by_role("img", name=re.compile("Your sessions: pain before and after"))
    expect(chart).to_be_visible()

    with page.expect_download() as started:
        page.get_by_role("link", name="Download my sessions (CSV)").click()
    download = started.value
    assert download.suggested_filename == "my-back-routine-sessions.csv"
    with open(download.path(), encoding="utf-8") as saved:
        lines = saved.read().splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2},right,2,6,3,\d+(\.\d)?", lines[1]), lines

    page.get_by_role("button", name="Delete my sessions").click()
    page.get_by_role("button", name="Yes, delete all my sessions").click()
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    page.reload()
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    assert page.evaluate("window.localStorage.getItem('lowback.sessions.v1')") is None
