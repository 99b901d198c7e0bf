"""The second attack on the public page (issue 26), attacked again against `make serve`'s own
server on loopback, with short limits so each check takes seconds.

Clients that must count as other people connect from other loopback addresses (127.0.0.2, ...),
so a reader on 127.0.0.1 is still served while they attack.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import http.client
import json
import re
import socket
import time
from collections.abc import Iterator

import psutil
import pytest

from harness.kernel_client import KernelSocket, kernel_of_page, leave_page, parse
from harness.voila_server import VoilaServer

pytestmark = pytest.mark.e2e

HEADER_TIMEOUT_S = 2
PER_CLIENT = 6
KERNELS_PER_CLIENT = 3
PAGES_PER_MINUTE = 5
SILENT_S = 4
ARGS = (
    f"--SeriesVoila.header_timeout={HEADER_TIMEOUT_S}",
    "--SeriesVoila.body_timeout=2",
    f"--SeriesVoila.max_connections_per_client={PER_CLIENT}",
    f"--SeriesKernelManager.max_kernels_per_client={KERNELS_PER_CLIENT}",
    f"--SeriesKernelManager.pages_per_minute={PAGES_PER_MINUTE}",
    f"--SeriesKernelManager.connected_idle_timeout={SILENT_S}",
    "--SeriesKernelManager.guard_interval=1",
)
LANDING = "/voila/render/00_start_here.ipynb"
QUIZ = "02_screening_quiz.ipynb"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    voila = VoilaServer(tmp_path_factory.mktemp("second-attack") / "voila.log", ARGS)
    yield voila
    voila.stop()


def run_in_thread(coroutine):
    """A websocket client run to its end in its own thread: Playwright's synchronous API keeps
    an event loop running in this one when the whole suite runs."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def connect_from(source: str, port: int) -> socket.socket:
    """A TCP connection to the server from this loopback address."""
    sock = socket.socket()
    sock.settimeout(10)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def is_closed(sock: socket.socket, wait_s: float) -> bool:
    """Whether the server closed this connection within wait_s seconds."""
    sock.settimeout(wait_s)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def status_of(port: int, path: str, **headers: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_a_connection_that_never_finishes_its_headers_is_closed_in_seconds(server: VoilaServer):
    slow = connect_from("127.0.0.3", server.port)
    slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and never more
    started = time.monotonic()
    assert is_closed(slow, HEADER_TIMEOUT_S + 5)
    assert time.monotonic() - started < HEADER_TIMEOUT_S + 3
    slow.close()


def test_one_client_holds_only_so_many_connections_and_a_reader_is_still_served(
    server: VoilaServer,
):
    held = [connect_from("127.0.0.2", server.port) for _ in range(PER_CLIENT)]
    extra = connect_from("127.0.0.2", server.port)
    assert is_closed(extra, 3), "a connection over the cap was kept"
    for sock in held:
        assert not is_closed(sock, 0.05), "a connection under the cap was closed"
    # Another client, and the reader on 127.0.0.1, are served meanwhile.
    other = connect_from("127.0.0.4", server.port)
    other.sendall(b"GET /voila/static/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert other.recv(12).startswith(b"HTTP/1.1")
    other.close()
    assert status_of(server.port, LANDING) == 200
    for sock in held:
        sock.close()
    # Once they close, the client may connect again.
    time.sleep(0.5)
    again = connect_from("127.0.0.2", server.port)
    again.sendall(b"GET " + LANDING.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert again.recv(12) == b"HTTP/1.1 200"
    again.close()
    assert "Traceback" not in server.log()


def test_an_address_over_8_kb_gets_414_and_a_long_link_still_works(server: VoilaServer):
    assert status_of(server.port, LANDING + "?note=" + "a" * 9000) == 414
    assert status_of(server.port, "/voila/static/" + "b" * 9000) == 414
    assert status_of(server.port, LANDING + "?note=" + "a" * 500) == 200


def test_the_request_info_route_is_gone_and_keeps_nothing(server: VoilaServer):
    kernel_id, xsrf = kernel_of_page(server.page_url(QUIZ) + "?note=" + "x" * 4000)
    try:
        assert status_of(server.port, f"/voila/query/{kernel_id}") == 404
        assert (
            status_of(
                server.port,
                f"/voila/query/{kernel_id}",
                Upgrade="websocket",
                Connection="Upgrade",
                **{"Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13"},
            )
            == 404
        )
    finally:
        leave_page(server.url, kernel_id, xsrf)


def page_from(source: str, port: int, path: str) -> tuple[int, str, str, str]:
    """Ask for a page from this loopback address: (status, kernel id, _xsrf, body)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=120, source_address=(source, 0)
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    finally:
        connection.close()
    config = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', body, re.S)
    kernel_id = json.loads(config.group(1)).get("kernelId", "") if config else ""
    xsrf = next((c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("_xsrf=")), "")
    return response.status, kernel_id, xsrf, body


def test_one_client_cannot_hold_every_kernel_and_a_reader_elsewhere_is_served(
    server: VoilaServer,
):
    """Issue 26, item 2: pages taken and held from one address took all 89 kernels."""
    path = f"/voila/render/{QUIZ}"
    held = []
    try:
        for _ in range(KERNELS_PER_CLIENT):
            status, kernel_id, xsrf, _body = page_from("127.0.0.5", server.port, path)
            assert status == 200 and kernel_id
            held.append((kernel_id, xsrf))
        status, _kernel_id, _xsrf, body = page_from("127.0.0.5", server.port, path)
        assert status == 429
        assert "Too many pages open" in body and "Traceback" not in body
        # The reader on 127.0.0.1 (and anyone else) still gets the quiz.
        status, kernel_id, xsrf, _body = page_from("127.0.0.1", server.port, path)
        assert status == 200 and kernel_id
        leave_page(server.url, kernel_id, xsrf)
    finally:
        for kernel_id, xsrf in held:
            leave_page(server.url, kernel_id, xsrf)
    # Once its pages close, the client may open one again (its rate allows one more).
    status, kernel_id, xsrf, _body = page_from("127.0.0.5", server.port, path)
    assert status == 200
    leave_page(server.url, kernel_id, xsrf)


def test_asking_for_pages_faster_than_the_rate_gets_429_and_a_wait(server: VoilaServer):
    path = f"/voila/render/{QUIZ}"
    statuses = []
    for _ in range(PAGES_PER_MINUTE + 1):
        status, kernel_id, xsrf, _body = page_from("127.0.0.6", server.port, path)
        statuses.append(status)
        if kernel_id:
            leave_page(server.url, kernel_id, xsrf)  # no kernel is held: only the rate counts
    assert statuses == [200] * PAGES_PER_MINUTE + [429]
    assert "Traceback" not in server.log()


def test_a_connected_page_that_sends_nothing_is_let_go_and_told(server: VoilaServer):
    status, kernel_id, _xsrf, _body = page_from("127.0.0.7", server.port, f"/voila/render/{QUIZ}")
    assert status == 200

    async def connect_and_stay_silent() -> tuple[int | None, bool]:
        async with KernelSocket(server.url, kernel_id) as kernel:
            code = await kernel.closed_by_server(within_s=SILENT_S + 10)
            said_dead = any(
                parse(frame)["content"].get("execution_state") == "dead"
                for frame in kernel.received
            )
            return code, said_dead

    started = time.monotonic()
    code, said_dead = run_in_thread(connect_and_stay_silent())
    assert code is not None, "the silent page was never let go"
    assert said_dead, "the page was not told its kernel ended"
    assert time.monotonic() - started >= SILENT_S - 0.5  # counted from the connection
    assert "its page sent nothing" in server.log()


def test_asking_for_every_widgets_state_twice_or_one_widgets_twice_closes_the_socket(
    server: VoilaServer,
):
    """Issue 26, item 3: a 300-byte question got a 118 kB answer, as often as asked."""
    kernel_id, xsrf = kernel_of_page(server.page_url(QUIZ))

    async def ask(twice: str) -> int | None:
        async with KernelSocket(server.url, kernel_id) as kernel:
            states = await kernel.widgets()  # the page's one request_states, answered
            comm_id = next(iter(states))
            if twice == "all":
                await kernel.send(
                    "comm_msg", {"comm_id": "c", "data": {"method": "request_states"}}
                )
            else:
                for _ in range(2):
                    await kernel.send(
                        "comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}}
                    )
            return await kernel.closed_by_server(within_s=5)

    try:
        assert run_in_thread(ask("all")) == 1008
        assert run_in_thread(ask("one")) == 1008
    finally:
        leave_page(server.url, kernel_id, xsrf)
    assert "asked for twice" in server.log()


def test_the_file_list_is_not_shown_it_leads_to_the_start_page(server: VoilaServer):
    for path in ("/voila/tree", "/voila/tree/", "/voila/tree/notebooks"):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status in (301, 302), path
        assert response.headers["Location"].endswith("/voila/render/00_start_here.ipynb")


def test_a_killed_kernel_is_not_restarted_and_its_page_is_told(server: VoilaServer):
    """Issue 26: a killed kernel came back empty and held a place under the cap."""
    kernel_id, xsrf = kernel_of_page(server.page_url(QUIZ))

    async def connect_and_kill() -> bool:
        async with KernelSocket(server.url, kernel_id) as kernel:
            await kernel.widgets()
            for child in psutil.Process(server.process.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if kernel_id in " ".join(child.cmdline()):
                        child.kill()
            await kernel.closed_by_server(within_s=15)
            return any(
                parse(frame)["content"].get("execution_state") == "dead"
                for frame in kernel.received
            )

    assert run_in_thread(connect_and_kill()), "the page was not told its kernel ended"
    assert "its process ended" in server.log()
    assert status_of(server.port, f"/api/kernels/{kernel_id}") in (403, 404)
    assert "Traceback" not in server.log()
