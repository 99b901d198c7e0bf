"""`make serve-scaled`: two Voila processes behind Debian's nginx (issue 25).

First nginx alone, with stand-ins for the workers: lowback-scaled.conf's map sends each kernel's
requests to the worker its id names, pages to either, a kernel address naming no worker gets
404, and a worker that is gone a page asking the reader to reload. Then deploy/nginx/
serve_scaled.py itself with two real workers: 30 readers, each from an address of their own
(nginx's limits per address stay on), open the quiz at once as Python clients doing what the
page does; all become interactive, each kernel's websocket reaching the process that runs it.
What a single server guarantees holds through nginx (body limit, the workers' origin check and
close codes, the reader's own address and scheme). Then one worker is killed: its readers, in
Chromium and in Python, are told to reload, while the other worker's keep working and serve
every new reader.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import http.client
import http.server
import importlib.util
import json
import os
import re
import signal
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import websockets
from playwright.sync_api import Browser, Page, expect

from harness.kernel_client import V1, KernelSocket, kernel_of_page, leave_page, parse
from harness.nginx_runner import NGINX, start_nginx
from harness.scaled_server import SCRIPT, ScaledServer
from harness.voila_server import free_port
from lowback.site.kernel_ids import worker_kernel_id, worker_of_kernel

from .conftest import open_rendered
from .quiz_driver import MATCHING_READER, QUIZ, answer

pytestmark = pytest.mark.e2e

WORKERS = 2
READERS = 30
LOST = "The page lost its connection; reload to continue."
RESULT_BUTTON = "See my result"


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own (Playwright's sync API holds a loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def request(
    port: int, method: str, path: str, body: bytes | None = None, source: str = "", **headers: str
):
    """(status, headers, body) of one request to nginx, from 127.0.0.1 or `source`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=60, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# -- nginx's routing, with stand-ins for the workers -----------------------------------------


class StandIn(http.server.BaseHTTPRequestHandler):
    """Stands in for a worker: answers every request with its number and the path it got."""

    def answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"worker": self.server.worker, "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = answer  # noqa: N815 (http.server's names)

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def routed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, list]]:
    """nginx running serve_scaled.py's configuration for three workers, the last one down."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: .ci/run installs Debian's nginx")
    scaled = _load_script()
    stand_ins = []
    for worker in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
        server.worker = worker
        threading.Thread(target=server.serve_forever, daemon=True).start()
        stand_ins.append(server)
    addresses = [f"127.0.0.1:{s.server_port}" for s in stand_ins] + [f"127.0.0.1:{free_port()}"]
    port = free_port()
    prefix = tmp_path_factory.mktemp("routed-nginx")
    prefix.chmod(0o755)
    conf = scaled.site_conf(addresses, f"127.0.0.1:{port}", "127.0.0.1")
    (prefix / "lowback-scaled.conf").write_text(conf, encoding="utf-8")
    (prefix / "nginx.conf").write_text(scaled.main_conf(prefix), encoding="utf-8")
    process = start_nginx(prefix, port)
    yield port, stand_ins
    process.terminate()
    process.wait(timeout=10)
    for server in stand_ins:
        server.shutdown()


def _load_script():
    spec = importlib.util.spec_from_file_location("serve_scaled", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nginx_sends_each_kernels_requests_to_the_worker_its_id_names(routed):
    port, _ = routed
    for worker in (0, 1):
        for _ in range(10):
            kernel_id = worker_kernel_id(worker)
            for method, path in [
                ("GET", f"/api/kernels/{kernel_id}"),
                ("GET", f"/api/kernels/{kernel_id}/channels?session_id=abc"),
                ("DELETE", f"/api/kernels/{kernel_id}"),
                ("POST", f"/voila/api/shutdown/{kernel_id}"),
                # Percent-encoded, as a client may send it: nginx decodes before it maps, and
                # passes the address on as it came.
                ("POST", "/voila/api/shutdown/" + "".join(f"%{ord(c):02x}" for c in kernel_id)),
            ]:
                status, _, body = request(port, method, path, b"" if method == "POST" else None)
                assert status == 200, (method, path)
                assert json.loads(body) == {"worker": worker, "path": path}


def test_nginx_spreads_pages_over_the_workers_that_answer(routed):
    port, _ = routed
    seen = set()
    for _ in range(12):
        status, _, body = request(port, "GET", f"/voila/render/{QUIZ}")
        assert status == 200  # the third worker is down: nginx passes its turn on
        seen.add(json.loads(body)["worker"])
    assert seen == {0, 1}


def test_a_kernel_address_naming_no_worker_gets_404_and_a_gone_worker_a_reload_page(routed):
    port, _ = routed
    for kernel_id in (worker_kernel_id(3), worker_kernel_id(255), worker_kernel_id(10).upper()):
        assert request(port, "GET", f"/api/kernels/{kernel_id}/channels")[0] == 404
        assert request(port, "POST", f"/voila/api/shutdown/{kernel_id}", b"")[0] == 404
    status, headers, body = request(port, "GET", f"/api/kernels/{worker_kernel_id(2)}")
    assert status == 503 and headers["Retry-After"] == "10"
    assert "reload the page" in body and "127.0.0.1" not in body


# -- serve_scaled.py with two workers --------------------------------------------------------


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledServer]:
    started = time.monotonic()
    # The cap as a machine with enough memory gives it (a small CI machine's share would be
    # under 30 readers' kernels, and the page would rightly say "busy").
    server = ScaledServer(
        tmp_path_factory.mktemp("scaled") / "scaled.log",
        WORKERS,
        ("--SeriesKernelManager.max_kernels=40",),
    )
    print(f"two workers and nginx answering after {time.monotonic() - started:.1f} s")
    yield server
    server.stop()


def reader_address(index: int) -> str:
    """Reader `index`'s own loopback address: to nginx, each is a reader of their own."""
    return f"127.0.{1 + index // 200}.{10 + index % 200}"


async def visit(server: ScaledServer, index: int, pool) -> dict:
    """What the quiz page does until it is interactive: ask for the page, open its kernel's
    websocket, ask for the widgets' states."""
    source = reader_address(index)
    started = time.monotonic()
    loop = asyncio.get_running_loop()
    kernel_id, xsrf = await loop.run_in_executor(
        pool, kernel_of_page, server.page_url(QUIZ), source
    )
    async with KernelSocket(server.url, kernel_id, source=source) as kernel:
        states = await kernel.widgets()
    buttons = [s["state"].get("description") for s in states.values()]
    return {
        "kernel_id": kernel_id,
        "xsrf": xsrf,
        "interactive": RESULT_BUTTON in buttons,
        "seconds": time.monotonic() - started,
    }


async def crowd(server: ScaledServer, readers: int) -> list[dict]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=readers) as pool:
        return await asyncio.gather(*(visit(server, i, pool) for i in range(readers)))


def test_thirty_readers_at_once_are_all_interactive_each_on_the_process_of_its_kernel(
    scaled: ScaledServer,
):
    started = time.monotonic()
    visits = run_async(crowd(scaled, READERS))
    wall = time.monotonic() - started
    times = sorted(v["seconds"] for v in visits)
    workers = [worker_of_kernel(v["kernel_id"]) for v in visits]
    print(
        f"{sum(v['interactive'] for v in visits)}/{READERS} interactive in {wall:.1f} s; "
        f"median {statistics.median(times):.1f} s, p95 {times[int(0.95 * len(times)) - 1]:.1f} s; "
        f"readers per worker {[workers.count(w) for w in range(WORKERS)]}"
    )
    assert all(v["interactive"] for v in visits)
    # Pages went to both workers (least_conn), and every kernel runs in the process its id
    # names: the websocket that got its widgets reached that process, the only one holding it.
    assert min(workers.count(w) for w in range(WORKERS)) >= READERS // 6
    running = scaled.kernels_by_worker()
    for visit_, worker in zip(visits, workers, strict=True):
        assert visit_["kernel_id"] in running[worker]
        assert not any(visit_["kernel_id"] in running[w] for w in running if w != worker)
    # The closing tab's request reaches the right process too: each kernel is let go (204).
    for v in visits:
        assert leave_page(scaled.url, v["kernel_id"], v["xsrf"]) == 204
    assert "Traceback" not in scaled.log()


def test_what_nginx_guards_holds_in_front_of_the_workers(scaled: ScaledServer):
    port = scaled.port
    # A kernel address naming no worker, or an unknown kernel of a worker: 404, nothing more.
    for kernel_id in (worker_kernel_id(5), worker_kernel_id(1)):
        status, _, body = request(port, "GET", f"/api/kernels/{kernel_id}")
        assert status == 404 and "Traceback" not in body
    # Bodies: over 64 kB refused by nginx (413), under it passed on (the worker refuses a
    # shutdown without its _xsrf: 403).
    path = f"/voila/api/shutdown/{worker_kernel_id(1)}"
    assert request(port, "POST", path, b"x" * 65_537)[0] == 413
    assert request(port, "POST", path, b"x" * 60_000)[0] in (403, 404)
    # The workers see each reader's own address (nginx's X-Real-IP: their log names it), and
    # never an address or scheme the client claims.
    forged = {"X-Forwarded-Proto": "https", "X-Real-IP": "203.0.113.9"}
    unknown = f"/api/kernels/{worker_kernel_id(0)}"
    assert request(port, "GET", unknown, source=reader_address(150), **forged)[0] == 404
    status, headers, html = request(port, "GET", f"/voila/render/{QUIZ}", **forged)
    assert status == 200
    xsrf = next(c for c in headers.get_all("Set-Cookie") if c.startswith("_xsrf="))
    assert "Secure" not in xsrf  # the worker was told http, as it was
    kernel_id = re.search(r'"kernelId": "([^"]+)"', html).group(1)
    assert leave_page(scaled.url, kernel_id, xsrf.split(";")[0].split("=", 1)[1]) == 204
    log = scaled.log()
    assert f"404 GET {unknown} ({reader_address(150)})" in log
    assert "203.0.113.9" not in log


def test_kernel_sockets_pass_through_nginx_with_their_checks_and_close_codes(
    scaled: ScaledServer,
):
    kernel_id, xsrf = kernel_of_page(scaled.page_url(QUIZ))

    async def hostile() -> int | None:
        async with KernelSocket(scaled.url, kernel_id) as kernel:
            await kernel.send_raw(b"\xff" * 8)  # the worker closes this as a policy violation
            return await kernel.closed_by_server()

    async def foreign_origin() -> None:
        # jupyter_server's origin check, against the Host nginx passes on as the client sent it.
        url = KernelSocket(scaled.url, kernel_id).url
        async with websockets.connect(url, subprotocols=[V1], origin="http://evil.example"):
            pass

    assert run_async(hostile()) == 1008
    with pytest.raises(Exception, match="HTTP 403"):
        run_async(foreign_origin())
    with pytest.raises(Exception, match="HTTP 404"):  # a kernel its worker does not have
        run_async(
            KernelSocket(scaled.url, worker_kernel_id(worker_of_kernel(kernel_id))).__aenter__()
        )
    assert leave_page(scaled.url, kernel_id, xsrf) == 204


def test_every_workers_kernels_talk_over_unix_sockets_not_tcp_ports(scaled: ScaledServer):
    # Two workers starting kernels at once each chose "free" TCP ports; one kernel found its
    # port taken and never started (seen in CI). Unix sockets named by the kernel's id cannot
    # collide, and no other local user can reach them.
    connection_files = []
    for worker in scaled.worker_processes().values():
        for child in worker.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                command = child.cmdline()
                if "ipykernel_launcher" in " ".join(command):
                    connection_files.append(command[command.index("-f") + 1])
    assert len(connection_files) >= WORKERS  # (each worker keeps warm kernels)
    for path in connection_files:
        with open(path, encoding="utf-8") as file:
            info = json.load(file)
        assert info["transport"] == "ipc", path
        assert f"{os.path.basename(path).removesuffix('.json')}-ipc" in info["ip"]


def kernel_id_of(page: Page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def readers_on_each_worker(server: ScaledServer) -> dict[int, tuple[str, str]]:
    """A Python reader's (kernel id, _xsrf) on each worker: pages asked for until both have one
    (nginx gives them out by least connections, so this takes two or three)."""
    found: dict[int, tuple[str, str]] = {}
    for index in range(100, 110):
        kernel_id, xsrf = kernel_of_page(server.page_url(QUIZ), reader_address(index))
        worker = worker_of_kernel(kernel_id)
        if worker in found:
            leave_page(server.url, kernel_id, xsrf)
        else:
            found[worker] = (kernel_id, xsrf)
        if len(found) == WORKERS:
            return found
    raise AssertionError(f"10 pages all went to worker {list(found)}")


def test_a_killed_workers_readers_are_told_to_reload_and_the_other_keeps_serving(
    scaled: ScaledServer, browser: Browser
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(90_000)
    page = context.new_page()
    strays: list[psutil.Process] = []
    try:
        # A reader in Chromium answers the quiz through nginx; its worker is the one to go.
        open_rendered(page, scaled.page_url(QUIZ))
        page.get_by_role("button", name=RESULT_BUTTON).wait_for()
        doomed = worker_of_kernel(kernel_id_of(page))
        answer(page, MATCHING_READER)
        page.get_by_role("button", name=RESULT_BUTTON).click()
        expect(page.get_by_role("status")).to_contain_text("The routine may help")
        readers = readers_on_each_worker(scaled)
        gone_kernel, kept_kernel = readers[doomed][0], readers[1 - doomed][0]
        process = scaled.worker_processes()[doomed]
        strays = process.children(recursive=True)

        async def kill_one() -> tuple[bool, bool]:
            async with (
                KernelSocket(scaled.url, gone_kernel, source=reader_address(120)) as gone,
                KernelSocket(scaled.url, kept_kernel, source=reader_address(121)) as kept,
            ):
                await gone.widgets()
                await kept.widgets()
                os.kill(process.pid, signal.SIGKILL)
                closed = await gone.closed_by_server(within_s=15) is not None
                # (A page asks for every widget's state once per socket: here, its kernel.)
                kept.received.clear()
                await kept.send("kernel_info_request", {})
                for _ in range(200):
                    await asyncio.sleep(0.05)
                    if any(
                        parse(f)["header"]["msg_type"] == "kernel_info_reply" for f in kept.received
                    ):
                        return closed, True
            return closed, False

        gone_closed, kept_working = run_async(kill_one())
        assert gone_closed  # the killed worker's reader lost its socket...
        assert kept_working  # ...while the other worker's reader went on
        # The Chromium reader is told, in the page's words.
        expect(page.get_by_role("alert").filter(has_text=LOST).first).to_be_visible(timeout=30_000)
        # Asked again about a kernel of the killed worker, nginx answers a page saying reload.
        status, _, body = request(scaled.port, "GET", f"/api/kernels/{gone_kernel}")
        assert status == 503 and "reload the page" in body
        # Every new reader lands on the other worker, interactive.
        for index in range(130, 133):
            kernel_id, xsrf = kernel_of_page(scaled.page_url(QUIZ), reader_address(index))
            assert worker_of_kernel(kernel_id) == 1 - doomed
            leave_page(scaled.url, kernel_id, xsrf)
        page.get_by_role("button", name="Reload").first.click()
        page.get_by_role("button", name=RESULT_BUTTON).wait_for()
        assert worker_of_kernel(kernel_id_of(page)) == 1 - doomed
        answer(page, MATCHING_READER)
        page.get_by_role("button", name=RESULT_BUTTON).click()
        expect(page.get_by_role("status")).to_contain_text("The routine may help")
        assert leave_page(scaled.url, kept_kernel, readers[1 - doomed][1]) == 204
    finally:
        context.close()
        for stray in strays:  # the killed worker's kernels, if they outlived it
            with contextlib.suppress(psutil.Error):
                stray.kill()
    assert "Traceback" not in scaled.log()


def test_stopping_the_script_stops_nginx_and_every_worker(scaled: ScaledServer):
    # (Last: the module's server goes.)
    tree = psutil.Process(scaled.process.pid).children(recursive=True)
    assert any(p.name() == "nginx" for p in tree)
    scaled.stop()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(p.is_running() for p in tree):
        time.sleep(0.2)
    assert not [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(scaled.url + "/", timeout=2)
