"""The crowd of bench/crowd.py without the browsers: what the server alone does for 30 readers.

On this 2-core machine the browser wave's 30 Chromium contexts use about 2 CPU seconds each to
draw their page, on the same cores as the server, so its time to interactive is mostly theirs.
Here each reader is a light Python client (one asyncio task, all started together) that does
over the network what the light front end's page does, and nothing on screen:

1. it asks for the page (`/voila/render/<page>`) and reads the whole body as Voila streams it,
   while, like a browser's preload scanner, it fetches every same-origin script, module
   preload and stylesheet the HTML names as soon as it is read (up to 6 at once, Chromium's
   limit per host; no cache: a first visit). Images are not fetched: the pages mark them
   loading="lazy" (lowback.drawing.pictures) and no widget waits for one. Nor is the
   Markdown parser the module imports only for Markdown outputs (the widget pages have none:
   the browser wave counts the same 6 requests up to interactive);
2. when the body and those files are in (a module script runs only then), it opens the page's
   kernel websocket (harness.kernel_client.KernelSocket, the v1 protocol), sends
   `kernel_info_request` as @jupyterlab/services' KernelConnection does first and, without
   waiting for its reply (as the light front end does since it stopped waiting), opens the
   `jupyter.widget.control` comm and sends `request_states` (KernelSocket.widgets), waiting
   up to PAGE_TIMEOUT_MS, like the page;
3. it is interactive when `update_states` arrives (seen within 50 ms: the socket is polled),
   and closes that comm.

Times are from each visitor's own start: ttfb_ms, html_done_ms, assets_done_ms, interactive_ms.
Once every visitor is interactive (or has failed), the CPU time of nginx (if any), the Voila
processes, their kernels and of these clients (this process) is read; then every tab closes
(socket closed, `voila/api/shutdown/<id>` posted with the page's `_xsrf` cookie, as the page
does) and the server settles before the next page. The clients use little CPU but share the
cores. From the command line, as bench/crowd.py:

    python -m bench.crowd_protocol --workers 2 --visitors 30 --pages 02_screening_quiz.ipynb

writes bench/raw/crowd-protocol-<alone|workers-N>.json; the server's log is kept as
bench/raw/voila-crowd-protocol.log or scaled-crowd-protocol-N.log.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import json
import time
import urllib.error
from collections.abc import Callable
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from bench.common import (
    PAGE_TIMEOUT_MS,
    RAW_DIR,
    cpu_seconds,
    kernels,
    load_average,
    memory_mb,
    shutdown_kernel,
    summary,
    tree,
    wait_until_idle,
)
from bench.crowd import _cpu_by_pid, _cpu_used, _server
from harness.kernel_client import KernelSocket, leave_page, parse

TIMEOUT_S = PAGE_TIMEOUT_MS / 1000
# Chromium opens at most 6 connections to one host; each visitor is its own browser.
CONNECTIONS_PER_VISITOR = 6
POLL_S = 0.05  # as KernelSocket.widgets polls
ASSET_RELS = frozenset({"stylesheet", "modulepreload"})


class _Scanner(HTMLParser):
    """The page as it streams in, read as a browser's preload scanner reads it: each
    same-origin script, module preload and stylesheet goes to `found` once, the moment its tag
    is read; the text of <script id="jupyter-config-data"> (the kernel's id) is kept."""

    def __init__(self, page_url: str, found: Callable[[str], None]) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.found = found
        self.config = ""
        self._seen: set[str] = set()
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        self._in_config = tag == "script" and attributes.get("id") == "jupyter-config-data"
        if tag == "script":
            self._asset(attributes.get("src"))
        elif tag == "link" and ASSET_RELS & set((attributes.get("rel") or "").split()):
            self._asset(attributes.get("href"))

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def _asset(self, address: str | None) -> None:
        if not address:
            return
        url = urljoin(self.page_url, address)
        if urlsplit(url).netloc == urlsplit(self.page_url).netloc and url not in self._seen:
            self._seen.add(url)
            self.found(url)

    def kernel_id(self) -> str:
        return json.loads(self.config)["kernelId"]


class _PageSocket(KernelSocket):
    """KernelSocket doing what the light front end does once its module runs, with the
    patience of a page on a busy server (KernelSocket.widgets gives up after 15 s)."""

    async def reply(self, matches: Callable[[dict], bool], deadline: float) -> dict:
        """The first message from the kernel that `matches`, polled for as widgets() does."""
        seen = 0
        while True:
            while seen < len(self.received):
                message = parse(self.received[seen])
                seen += 1
                if matches(message):
                    return message
            if time.monotonic() > deadline:
                raise TimeoutError("the kernel did not answer in time")
            await asyncio.sleep(POLL_S)

    async def widget_states(self, deadline: float) -> str:
        """Ask for every widget's state (widgets(): comm_open, request_states), wait until
        `deadline` for them; the control comm's id."""
        with contextlib.suppress(TimeoutError):  # its 15 s: the wait goes on below
            await self.widgets()
        answer = await self.reply(_is_update_states, deadline)
        return answer["content"]["comm_id"]


def _is_update_states(message: dict) -> bool:
    return message.get("content", {}).get("data", {}).get("method") == "update_states"


def _xsrf_cookie(response) -> str:
    cookies = SimpleCookie()
    for header in response.headers.get_list("Set-Cookie"):
        cookies.load(header)
    return cookies["_xsrf"].value if "_xsrf" in cookies else ""


async def _page_and_assets(client, url: str, visit: dict, since) -> None:
    """Step 1 of the module docstring: the page streamed in, its scripts and styles fetched
    as they are named; the times, the kernel's id and the page's cookie go into `visit`."""
    assets: list[asyncio.Future] = []
    scanner = _Scanner(
        url,
        lambda asset: assets.append(
            asyncio.ensure_future(client.fetch(asset, request_timeout=TIMEOUT_S))
        ),
    )
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    request = HTTPRequest(
        url,
        request_timeout=TIMEOUT_S,
        header_callback=lambda _line: visit.setdefault("ttfb_ms", since()),
        streaming_callback=lambda chunk: scanner.feed(decoder.decode(chunk)),
    )
    response = await client.fetch(request)
    scanner.feed(decoder.decode(b"", final=True))
    scanner.close()
    visit["html_done_ms"] = since()
    visit["xsrf"] = _xsrf_cookie(response)
    visit["kernel_id"] = scanner.kernel_id()  # to be shut down even if what follows fails
    await asyncio.gather(*assets)
    visit["assets_done_ms"] = since()
    visit["requests"] = 1 + len(assets)


async def _first_visit(server_url: str, url: str, sockets: contextlib.AsyncExitStack) -> dict:
    """One reader's first visit, left open (its socket in `sockets`) until the wave is read."""
    started = time.monotonic()

    def since() -> float:
        return (time.monotonic() - started) * 1000

    visit: dict = {}
    client = AsyncHTTPClient(force_instance=True, max_clients=CONNECTIONS_PER_VISITOR)
    try:
        await _page_and_assets(client, url, visit, since)
        socket = await sockets.enter_async_context(_PageSocket(server_url, visit["kernel_id"]))
        deadline = time.monotonic() + TIMEOUT_S
        await socket.send("kernel_info_request", {})  # (its reply is not waited for)
        comm_id = await socket.widget_states(deadline)
        visit["interactive_ms"] = since()
        await socket.send("comm_close", {"comm_id": comm_id, "data": {}})
    except Exception as error:  # one visitor's failure is a result, not the end of the wave
        visit["error"] = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0]}"
    finally:
        client.close()
    return visit


def _leave(server_url: str, kernel_id: str, xsrf: str) -> str | None:
    """The tab closes: the page's own request, or (without its cookie, or refused) the bench's,
    so that the next page starts from the same server. What went wrong, if anything."""
    try:
        leave_page(server_url, kernel_id, xsrf)
        return None
    except (urllib.error.URLError, OSError) as error:
        shutdown_kernel(server_url, kernel_id)
        return f"{type(error).__name__}: {error}"


async def _wave(page: str, visitors: int, server) -> dict:
    url = server.page_url(page)
    async with contextlib.AsyncExitStack() as sockets:
        cpu_before = _cpu_by_pid(server)
        clients_before = cpu_seconds([psutil.Process()])
        started = time.monotonic()
        results = await asyncio.gather(
            *(_first_visit(server.url, url, sockets) for _ in range(visitors))
        )
        wall_s = time.monotonic() - started
        cpu_s = _cpu_used(cpu_before, _cpu_by_pid(server))
        cpu_s["clients"] = cpu_seconds([psutil.Process()]) - clients_before
        memory = memory_mb(tree(server))
        kernel_memory = memory_mb(kernels(server))
    del cpu_s["browser"]  # none started: the clients are this process
    leaving = [(r.pop("kernel_id", None), r.pop("xsrf", "")) for r in results]
    left = await asyncio.gather(
        *(
            asyncio.to_thread(_leave, server.url, kernel_id, xsrf)
            for kernel_id, xsrf in leaving
            if kernel_id
        )
    )
    return {
        "results": results,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "server_memory_mb": memory,
        "kernel_memory_mb": kernel_memory,
        "leave_errors": [problem for problem in left if problem],
    }


def _page_result(wave: dict, visitors: int, idle_pss: float) -> dict:
    """The wave with its summaries, in the shape of bench/crowd.py's page results."""
    ok = [r for r in wave["results"] if "interactive_ms" in r]
    wave["visitors"] = visitors
    wave["interactive_count"] = len(ok)
    wave["errors"] = [r["error"] for r in wave["results"] if "error" in r]
    for key in ("interactive", "ttfb", "html_done", "assets_done"):
        wave[key] = summary([r.get(f"{key}_ms") for r in ok])
    wave["pss_per_visitor_mb"] = (wave["server_memory_mb"]["pss"] - idle_pss) / visitors
    wave["cpu_per_visit_s"] = {name: seconds / visitors for name, seconds in wave["cpu_s"].items()}
    return wave


@contextlib.contextmanager
def _protocol_server(workers: int | None):
    """bench.crowd's server, its log filed under a name of this wave's own: that server writes
    to the browser wave's log, whose text is put back afterwards."""
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    browser_logs = {path: path.read_bytes() for path in RAW_DIR.glob("*crowd*.log")}
    logs = []
    try:
        with _server(workers) as server:
            logs.append(server.log_path)
            yield server
    finally:
        for log in logs:
            log.replace(log.with_name(log.name.replace("crowd", "crowd-protocol")))
            if log in browser_logs:
                log.write_bytes(browser_logs[log])


def run(pages: list[str], visitors: int, workers: int | None = None) -> dict:
    """Each page opened by `visitors` Python clients at once; `workers`: Voila processes behind
    nginx (None: Voila alone, as `make serve`)."""
    out = {"visitors": visitors, "workers": workers, "load_before": load_average(), "pages": {}}
    with _protocol_server(workers) as server:
        wait_until_idle(server)
        out["idle_server_memory_mb"] = memory_mb(tree(server))
        out["idle_kernels"] = len(kernels(server))
        for page in pages:
            wait_until_idle(server, kernel_count=out["idle_kernels"])
            wave = asyncio.run(_wave(page, visitors, server))
            out["pages"][page] = _page_result(wave, visitors, out["idle_server_memory_mb"]["pss"])
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.crowd_protocol", description=__doc__)
    parser.add_argument("--workers", type=int, help="Voila processes behind nginx")
    parser.add_argument("--visitors", type=int, default=30)
    parser.add_argument("--pages", default="02_screening_quiz.ipynb", help="comma-separated")
    args = parser.parse_args(argv)
    result = run([p for p in args.pages.split(",") if p], args.visitors, args.workers)
    name = f"crowd-protocol-workers-{args.workers}" if args.workers else "crowd-protocol-alone"
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    (RAW_DIR / f"{name}.json").write_text(json.dumps(result, indent=1, default=str))
    for page, wave in result["pages"].items():
        print(f"{name} {page}: {one_line(wave)}")


def one_line(wave: dict) -> str:
    tti = wave["interactive"]
    cpu = wave["cpu_per_visit_s"]
    return (
        f"{wave['interactive_count']}/{wave['visitors']} interactive, "
        f"p50 {tti['median'] or 0:.0f} ms, p95 {tti['p95'] or 0:.0f} ms "
        f"(TTFB p50 {wave['ttfb']['median'] or 0:.0f} ms, HTML done p50 "
        f"{wave['html_done']['median'] or 0:.0f} ms), wall {wave['wall_s']:.1f} s; "
        f"CPU per visit: front {cpu['front']:.3f} s, Voila {cpu['voila']:.3f} s, "
        f"kernels {cpu['kernels']:.3f} s (clients {cpu['clients']:.3f} s); "
        f"errors {wave['errors'][:3]}"
    )


if __name__ == "__main__":
    main()
