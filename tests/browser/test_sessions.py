"""The reader's own sessions, kept in their browser: saved at the end of a routine, shown on a
new visit, exported as CSV for their physiotherapist, and deleted when they ask; a long history
(months of sessions, up to the cap) is drawn and exported by the page itself, and never sent to
the kernel, so the page's connection never breaks under it."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, WebSocket, expect

from harness.routine_driver import nothing_new, phase_name, settle, start
from harness.voila_server import VoilaServer
from lowback.pages import PAGE_LOST, SESSIONS_KEY
from lowback.progress import CSV_COLUMNS, history_svg, summarise, summary_text, to_csv

from .conftest import open_rendered
from .test_routine_page import FINAL_HOLD_TIMEOUT_MS, QUICKEST, ROUTINE, stop_hold

pytestmark = pytest.mark.e2e


def summary(page: Page):
    return page.locator(".lowback-history-summary")


def test_a_finished_routine_is_kept_in_the_browser_exported_and_deleted(
    page: Page, voila: VoilaServer
):
    open_rendered(page, voila.page_url(ROUTINE))
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    # Said once: no empty chart repeats it (issue 24, item 9).
    expect(page.get_by_text(re.compile("No sessions recorded yet"))).to_have_count(1)
    settle(page, QUICKEST)
    page.get_by_role("combobox", name="Pain before, 0 to 10").select_option("6")
    nothing_new(page)
    start(page).click()
    expect(phase_name(page)).to_have_text("Long hold", timeout=FINAL_HOLD_TIMEOUT_MS)
    stop_hold(page).click()
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
    # (The last two cells, asked on a later visit, are empty.)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2},right,2,6,3,\d+(\.\d)?,,", lines[1]), lines

    # The reader changes their mind: "No, keep my sessions" puts things back as they were.
    page.get_by_role("button", name="Delete my sessions").click()
    page.get_by_role("button", name="No, keep my sessions").click()
    expect(page.get_by_role("button", name="Yes, delete all my sessions")).to_be_hidden()
    expect(page.get_by_role("button", name="Delete my sessions")).to_be_focused()
    expect(summary(page)).to_contain_text("1 session, on")
    assert page.evaluate("key => window.localStorage.getItem(key)", SESSIONS_KEY) is not None

    page.get_by_role("button", name="Delete my sessions").click()
    page.get_by_role("button", name="Yes, delete all my sessions").click()
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    expect(page.get_by_role("button", name="No, keep my sessions")).to_be_hidden()
    page.reload()
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    assert page.evaluate("key => window.localStorage.getItem(key)", SESSIONS_KEY) is None


def long_history(count: int) -> list[dict]:
    """`count` sessions, three a day from 1 January 2026, as the page keeps them: the first third
    stored before the later fields were added, some without pain scores or a timed hold."""
    records = []
    for i in range(count):
        record = {
            "date": (date(2026, 1, 1) + timedelta(days=i // 3)).isoformat(),
            "side": "right" if i % 5 else "left",
            "reps": 10,
            "pain_before": None if i % 17 == 0 else 6 - (i * 3 // count),
            "pain_after": None if i % 13 == 0 else 4 - (i * 3 // count),
            "hold_s": None if i % 11 == 0 else round(20 + (i % 40) * 1.5, 1),
        }
        if i >= count // 3:
            record |= {"settled_next_morning": i % 4 != 0, "stop_symptoms": False}
        records.append(record)
    return records


# Stored before the page loads, once per tab (a reload after Delete must find nothing).
SEED = """
if (!window.sessionStorage.getItem("lowback-test-seeded")) {
  window.sessionStorage.setItem("lowback-test-seeded", "yes");
  window.localStorage.setItem(%s, %s);
}
"""


def watch_kernel_sockets(page: Page) -> list[str]:
    """The addresses of the kernel's sockets that close while the test runs."""
    closed: list[str] = []

    def opened(socket: WebSocket) -> None:
        if "/channels" in socket.url:
            socket.on("close", lambda ws: closed.append(ws.url))

    page.on("websocket", opened)
    return closed


def test_a_long_history_is_drawn_exported_and_deleted_in_the_page_and_the_socket_stays_open(
    page: Page, voila: VoilaServer
):
    records = long_history(900)
    stored = json.dumps(records, separators=(",", ":"))
    assert len(stored.encode()) > 64 * 1024  # more than the server takes in one message
    page.add_init_script(SEED % (json.dumps(SESSIONS_KEY), json.dumps(stored)))
    closed = watch_kernel_sockets(page)
    open_rendered(page, voila.page_url(ROUTINE))

    # Summed up and drawn by the page, in Python's own words.
    expect(summary(page)).to_have_text(summary_text(summarise(records)))
    expect(summary(page)).to_contain_text("900 sessions, from 2026-01-01 to 2026-10-27.")
    chart = page.get_by_role("img", name=re.compile("Your sessions: pain before and after"))
    expect(chart).to_be_visible()
    # (Its name is its title and its description, in words.)
    expect(chart).to_have_accessible_name(re.compile(r"hold 900 sessions, from 2026-01-01"))
    before_line = chart.locator('path[stroke="#0072B2"]').get_attribute("d")
    rated_before = sum(r["pain_before"] is not None for r in records)
    assert len(re.findall(r"[ML]\d", before_line)) == rated_before > 800
    # The same chart as Python draws (its ids aside), point for point.
    python_line = re.search(r'<path d="([^"]*)" fill="none" stroke="#0072B2"', history_svg(records))
    assert before_line == python_line.group(1)

    with page.expect_download() as started:
        page.get_by_role("link", name="Download my sessions (CSV)").click()
    with open(started.value.path(), encoding="utf-8", newline="") as saved:
        exported = saved.read()
    assert exported == to_csv(records)
    assert len(exported.splitlines()) == 901

    # The kernel still answers: a setting typed now reaches the player's plan.
    settle(page, {"Repetitions": "3"})

    page.get_by_role("button", name="Delete my sessions").click()
    page.get_by_role("button", name="Yes, delete all my sessions").click()
    expect(summary(page)).to_have_text("No sessions recorded yet.")
    expect(page.get_by_role("link", name="Download my sessions (CSV)")).to_be_hidden()
    assert page.evaluate("key => window.localStorage.getItem(key)", SESSIONS_KEY) is None

    # The kernel's socket never closed, and the page never said it lost its connection.
    assert closed == []
    expect(page.get_by_role("alert").filter(has_text=PAGE_LOST)).to_have_count(0)
    page.reload()
    expect(summary(page)).to_have_text("No sessions recorded yet.")
