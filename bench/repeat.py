"""First and repeat visits to the widget pages, on a desktop and on an emulated phone, with the
server's CPU time for each first visit (issue 16).

For each page front end the server offers (`frontends()`), a server with a warm kernel pool
(voila.json's settings, pool of `pool_size` per notebook), and for every page with code, `runs`
times in turn:

- a new browser context (an empty cache): the first visit, timed to interactive by the probe of
  bench.common; then the server is left to settle (the pool refills: a new kernel starts and runs
  the notebook), and the CPU seconds that Voila's own process and the kernels used from just
  before the visit to then are the server's cost of one first visit;
- a second tab in the same context: the repeat visit, timed the same way, and the scripts and
  stylesheets it fetched over the network (Chromium's own record: from its cache is not a fetch).

Three profiles: `desktop` as the machine is; `desktop-100ms`: 100 ms added to every round trip
(CDP Network.emulateNetworkConditions, bandwidth not limited); `phone`: that, and the CPU slowed
4 times (Emulation.setCPUThrottlingRate, Lighthouse's mid-range phone); set before navigation.
"""

from __future__ import annotations

import os
import time

import psutil
from playwright.sync_api import sync_playwright

from bench.common import (
    KERNEL_ID_JS,
    KERNEL_PAGES,
    cpu_seconds,
    kernels,
    launch,
    leave,
    open_probed,
    shutdown_kernel,
    summary,
    visit,
    voila_server,
    wait_until_idle,
)

PROFILES = {
    "desktop": {"latency_ms": 0, "cpu_slowdown": 1},
    "desktop-100ms": {"latency_ms": 100, "cpu_slowdown": 1},
    "phone": {"latency_ms": 100, "cpu_slowdown": 4},
}
ASSETS = ("Script", "Stylesheet")


def frontends() -> list[str]:
    """The page front ends this server can serve: Voila's lab one, and the series' light one
    where lowback.site.serve has it."""
    from lowback.site.serve import SeriesVoila

    trait = SeriesVoila.class_traits().get("frontend")
    if trait is None:
        return ["lab"]
    values = getattr(trait, "values", None) or ["lab"]
    return [value for value in ("light", "lab") if value in values]


class Probe:
    """A tab whose network and CPU are emulated, recording what reached the network."""

    def __init__(self, context, profile: dict) -> None:
        self.page = context.new_page()
        cdp = context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        if profile["latency_ms"]:
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": profile["latency_ms"],
                    "downloadThroughput": -1,
                    "uploadThroughput": -1,
                },
            )
        if profile["cpu_slowdown"] > 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu_slowdown"]})
        self.sent: dict[str, str] = {}
        self.cached: set[str] = set()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._received)

    def _sent(self, event: dict) -> None:
        if event["request"]["url"].startswith("http"):
            self.sent[event["requestId"]] = event.get("type", "")

    def _received(self, event: dict) -> None:
        if event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def fetched(self) -> dict:
        went = [kind for rid, kind in self.sent.items() if rid not in self.cached]
        return {"requests": len(went), "assets": sum(kind in ASSETS for kind in went)}


def _server_cpu(server, seen: dict[int, float]) -> dict[str, float]:
    """CPU seconds so far of Voila's own process and of its kernels; `seen` keeps each kernel's
    last reading, so a kernel that ended still counts what it used."""
    for process in kernels(server):
        seen[process.pid] = cpu_seconds([process])
    voila = cpu_seconds([psutil.Process(server.process.pid)])
    return {"voila": voila, "kernels": sum(seen.values())}


def measure(browser, server, page: str, profile: dict, pool: int) -> dict:
    wait_until_idle(server, kernel_count=pool)
    context, blank = open_probed(browser)
    blank.close()
    seen: dict[int, float] = {}
    before = _server_cpu(server, seen)
    first = Probe(context, profile)
    record = {"first": visit(first.page, server.page_url(page))}
    record["first"].update(first.fetched())
    # Settled: the visitor's kernel is idle and the pool has refilled (a new kernel started and
    # ran the notebook), which is the whole cost of one first visit to the server.
    wait_until_idle(server, kernel_count=pool + 1, quiet_s=1.0)
    after = _server_cpu(server, seen)
    record["server_cpu_s"] = {key: after[key] - before[key] for key in after}
    # The reader comes back later: the first tab is gone (and its kernel with it), the browser's
    # cache stays.
    first_kernel = first.page.evaluate(KERNEL_ID_JS)
    first.page.close()
    if first_kernel:
        shutdown_kernel(server.page_url(page), first_kernel)
    repeat = Probe(context, profile)
    record["repeat"] = visit(repeat.page, server.page_url(page))
    record["repeat"].update(repeat.fetched())
    leave(context)
    return record


def run(runs: int, pool_size: int, pages: list[str] | None = None) -> dict:
    pages = pages or list(KERNEL_PAGES)
    pool = pool_size * len(KERNEL_PAGES)
    raw: dict = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for frontend in frontends():
            # The server takes its front end from LOWBACK_FRONTEND (harness.voila_server).
            os.environ["LOWBACK_FRONTEND"] = frontend
            with voila_server(
                f"repeat-{frontend}",
                "--VoilaConfiguration.preheat_kernel=True",
                f"--VoilaConfiguration.default_pool_size={pool_size}",
            ) as server:
                wait_until_idle(server, kernel_count=pool)
                for name, profile in PROFILES.items():
                    # One visit discarded per profile: the server's and browser's own warm-up.
                    measure(browser, server, pages[0], profile, pool)
                    for _ in range(runs):
                        for page in pages:
                            record = measure(browser, server, page, profile, pool)
                            raw.setdefault(frontend, {}).setdefault(name, {}).setdefault(
                                page, []
                            ).append(record)
                            time.sleep(0.5)
        browser.close()
    os.environ.pop("LOWBACK_FRONTEND", None)
    return {"profiles": PROFILES, "raw": raw, "summary": _summarise(raw)}


def _summarise(raw: dict) -> dict:
    out: dict = {}
    for frontend, by_profile in raw.items():
        for profile, by_page in by_profile.items():
            for page, records in by_page.items():
                out.setdefault(frontend, {}).setdefault(profile, {})[page] = {
                    "first_interactive": summary([r["first"]["interactive"] for r in records]),
                    "repeat_interactive": summary([r["repeat"]["interactive"] for r in records]),
                    "first_requests": summary([r["first"]["requests"] for r in records]),
                    "first_kb": summary([r["first"].get("transferred_kb") for r in records]),
                    "repeat_assets": summary([r["repeat"]["assets"] for r in records]),
                    "repeat_requests": summary([r["repeat"]["requests"] for r in records]),
                    "voila_cpu_s": summary([r["server_cpu_s"]["voila"] for r in records]),
                    "kernel_cpu_s": summary([r["server_cpu_s"]["kernels"] for r in records]),
                }
    return out
