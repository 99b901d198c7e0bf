"""Async code in unit tests that share a session with the browser tests."""

from __future__ import annotations

import asyncio
import threading


def run_fresh(coroutine):
    """Run a coroutine to the end on a new event loop, in a thread of its own: Playwright's
    sync API (the browser tests, same session) leaves a loop marked as running in the main
    thread, where asyncio.run() refuses to start."""
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
