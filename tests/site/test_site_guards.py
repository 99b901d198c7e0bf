"""The public server's guards, one by one, without a server: the kernel manager's cap, queue and
ends (lowback.site.kernels), the kernel websocket (lowback.site.kernel_socket), addresses,
cookies and logs (lowback.site.hardening), and the server-extension settings for Binder
(lowback.site.server_extension, binder/)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.connection.base import serialize_binary_message

from lowback.paths import REPO_ROOT
from lowback.site.hardening import SafeLogFilter, SeriesIdentityProvider, is_odd_address
from lowback.site.kernel_socket import SeriesKernelConnection, SeriesKernelWebsocketHandler
from lowback.site.kernels import (
    SeriesKernelManager,
    StartGate,
    default_kernel_cap,
    without_request_env,
)
from lowback.site.server_extension import (
    _link_jupyter_server_extension,
    chain_hooks,
    install_config,
    set_xsrf_cookie,
)
from tests.support.fresh_loop import run_fresh

# -- the kernel manager ------------------------------------------------------------------------


class FakeKernel:
    def __init__(self, silent_s: float = 0.0) -> None:
        self.last_activity = utcnow() - timedelta(seconds=silent_s)

    def trait_has_value(self, name: str) -> bool:
        return name == "last_activity"


def manager_with(kernels: dict[str, FakeKernel], **settings) -> SeriesKernelManager:
    manager = SeriesKernelManager(**settings)
    manager._kernels.update(kernels)
    for kernel_id in kernels:
        manager._kernel_connections[kernel_id] = 0
    return manager


def test_a_kernel_whose_page_never_connects_is_ended_after_the_timeout():
    manager = manager_with({"k": FakeKernel()}, page_connect_timeout=60)
    manager._given_at["k"] = time.monotonic() - 30
    assert manager.unused_kernels() == {}
    assert "never connected" in manager.unused_kernels(now=time.monotonic() + 31)["k"]


def test_a_connected_page_is_never_cut_off_however_long_it_stays():
    manager = manager_with({"k": FakeKernel(silent_s=10_000)}, cull_idle_timeout=300)
    manager._given_at["k"] = time.monotonic() - 10_000
    manager.notify_connect("k")
    assert manager.unused_kernels(now=time.monotonic() + 10_000) == {}


def test_a_kernel_that_keeps_talking_with_no_page_is_ended_after_the_idle_timeout():
    # A timer ticking in a closed tab: active, so jupyter_server's culler never takes it.
    manager = manager_with({"k": FakeKernel(silent_s=0)}, cull_idle_timeout=300)
    manager.notify_connect("k")
    manager.notify_disconnect("k")
    assert manager.unused_kernels(now=time.monotonic() + 200) == {}
    assert "still active" in manager.unused_kernels(now=time.monotonic() + 301)["k"]


def test_a_silent_kernel_with_no_page_is_left_to_jupyter_servers_culler():
    manager = manager_with({"k": FakeKernel(silent_s=400)}, cull_idle_timeout=300)
    manager.notify_connect("k")
    manager.notify_disconnect("k")
    assert manager.unused_kernels(now=time.monotonic() + 400) == {}


def test_the_cap_counts_running_starting_and_claimed_kernels():
    manager = manager_with({"a": FakeKernel(), "b": FakeKernel()}, max_kernels=4)
    manager._pending_kernels["c"] = object()
    claim = manager.claim_kernel()
    assert claim is not None and manager.live_kernel_count() == 4
    assert manager.claim_kernel() is None  # at the cap: nothing is counted for a refusal
    assert manager.live_kernel_count() == 4
    claim.release()
    claim.release()  # releasing twice counts once
    assert manager.live_kernel_count() == 3


def test_the_default_cap_is_what_half_the_memory_holds_within_bounds():
    gib = 2**30
    assert default_kernel_cap(2 * gib) == 17  # a small server: 1 GB for kernels of 60 MB
    assert default_kernel_cap(gib // 2) == 8  # never fewer than a handful of readers
    assert default_kernel_cap(64 * gib) == 100
    assert SeriesKernelManager().max_kernels == default_kernel_cap()
    assert SeriesKernelManager(max_kernels=3).max_kernels == 3


def test_a_claim_is_settled_when_its_kernel_starts():
    manager = manager_with({}, max_kernels=1)

    async def request() -> None:
        claim = manager.claim_kernel()
        assert manager.at_cap()
        # jupyter_client calls this just before it lists the kernel as starting (nothing is
        # started here: only the claim matters).
        manager.pre_start_kernel("python3", {})
        assert claim.settled and manager.live_kernel_count() == 0

    run_fresh(request())


def test_no_kernel_environment_keeps_anything_a_request_carried():
    """Issue 26: the Host header (and so VOILA_REQUEST_URL) is the requester's to forge."""
    env = {
        "PATH": "/usr/bin",
        "LOWBACK_PUBLIC_URL": "https://clinic.example.org/",
        "VOILA_REQUEST_URL": "http://evil.example/voila/render/04_for_clinicians.ipynb",
        "SERVER_NAME": "evil.example",
        "SERVER_PORT": "80",
        "VOILA_APP_PORT": "80",
        "QUERY_STRING": "x=1",
        "SCRIPT_NAME": "/voila/render/04_for_clinicians.ipynb",
        "HTTP_X_FORWARDED_HOST": "evil.example",
    }
    assert without_request_env(env) == {
        "PATH": "/usr/bin",
        "LOWBACK_PUBLIC_URL": "https://clinic.example.org/",
    }


def test_pooled_kernels_are_filled_and_taken_with_no_request_environment():
    manager = manager_with({})
    seen: list[dict] = []

    async def take(*_args, **kwargs):
        seen.append(kwargs["extra_kernel_env_variables"])
        return None, [], "k"

    def fill(*_args, **kwargs):
        seen.append(kwargs["extra_kernel_env_variables"])

    manager.get_rendered_notebook, manager.fill_if_needed = take, fill
    manager.hand_over = lambda _kernel_id: None
    manager.attach_to_pool()
    forged = {"VOILA_REQUEST_URL": "http://evil.example/voila/render/x.ipynb"}
    run_fresh(manager.get_rendered_notebook(notebook_name="x", extra_kernel_env_variables=forged))
    manager.fill_if_needed(notebook_name="x", extra_kernel_env_variables=forged)
    assert seen == [{}, {}]


def test_the_start_gate_lets_a_few_in_and_queues_the_rest_for_a_while():
    async def scenario() -> list[str]:
        gate = StartGate(limit=2, wait_s=0.3, max_waiting=1)
        events = []
        assert await gate.enter() and await gate.enter()
        waiting = asyncio.ensure_future(gate.enter())
        await asyncio.sleep(0)
        assert not await gate.enter()  # the queue is full: told at once
        gate.leave()
        events.append(f"queued one got in: {await waiting}")
        slow = StartGate(limit=1, wait_s=0.05, max_waiting=5)
        await slow.enter()
        events.append(f"waited too long: {await slow.enter()}")
        slow.leave()
        events.append(f"inside after leaving: {slow.inside}")
        return events

    assert run_fresh(scenario()) == [
        "queued one got in: True",
        "waited too long: False",
        "inside after leaving: 0",
    ]


# -- the kernel websocket ------------------------------------------------------------------------


def fake_socket_handler(closed: list, unsent: bytes = b"") -> SimpleNamespace:
    handler = SimpleNamespace(
        kernel_id="k",
        log=logging.getLogger("test"),
        close=lambda code, reason: closed.append(code),
        ws_connection=SimpleNamespace(stream=SimpleNamespace(_write_buffer=unsent)),
    )
    handler._unread_too_long = lambda size: SeriesKernelWebsocketHandler._unread_too_long(
        handler, size
    )
    return handler


def test_a_page_that_leaves_megabytes_unread_is_closed_not_grown():
    """Issue 26, item 3: four sockets asking and never reading took a worker to 2.46 GB."""
    from lowback.site.kernel_socket import MAX_UNSENT_BYTES

    closed: list = []
    handler = fake_socket_handler(closed, unsent=b"x" * (MAX_UNSENT_BYTES - 10))
    assert SeriesKernelWebsocketHandler.write_message(handler, b"y" * 100, binary=True) is None
    assert closed == [1008]


def test_a_frame_of_another_layout_is_never_parsed_on_its_way_out():
    # Voila parses every outgoing binary frame as v1; a legacy-layout frame made it loop.
    closed = []
    handler = fake_socket_handler(closed)
    legacy = serialize_binary_message(
        {"header": {}, "parent_header": {}, "metadata": {}, "content": {}, "buffers": [b"\x00"]}
    )
    started = time.perf_counter()
    assert SeriesKernelWebsocketHandler.write_message(handler, legacy, binary=True) is None
    assert time.perf_counter() - started < 0.05
    assert closed == [1008]


class FakeSession:
    def unpack(self, data: bytes) -> dict:
        return json.loads(data)

    def pack(self, value: dict) -> bytes:
        return json.dumps(value).encode()


def connection(allow_tracebacks: bool = False) -> SimpleNamespace:
    manager = SimpleNamespace(
        allow_tracebacks=allow_tracebacks, traceback_replacement_message="Please reload."
    )
    return SimpleNamespace(
        multi_kernel_manager=manager,
        session=FakeSession(),
        subprotocol="v1.kernel.websocket.jupyter.org",
        kernel_id="k",
        log=logging.getLogger("test"),
        get_part=lambda field, value, parts: (
            value if value is not None else json.loads(parts[{"header": 0, "content": 3}[field]])
        ),
    )


def parts(msg_type: str, content: dict) -> list[bytes]:
    return [json.dumps({"msg_type": msg_type}).encode(), b"{}", b"{}", json.dumps(content).encode()]


def test_an_error_reaches_the_page_as_the_replacement_sentence_only():
    msg_list = parts("error", {"ename": "ZeroDivisionError", "evalue": "x", "traceback": ["/a"]})
    msg = {"header": None, "parent_header": None, "content": None}
    SeriesKernelConnection._on_error(connection(), "iopub", msg, msg_list)
    sent = json.loads(msg_list[3])
    assert sent["traceback"] == ["Please reload."] and sent["ename"] == "ExecutionError"
    assert "ZeroDivisionError" not in msg_list[3].decode()


def test_the_kernels_stderr_stays_on_the_server_and_failed_replies_lose_their_traceback():
    conn = connection()
    stderr = parts("stream", {"name": "stderr", "text": "File /site-packages/x.py"})
    stdout = parts("stream", {"name": "stdout", "text": "hello"})
    assert SeriesKernelConnection._withheld(conn, "iopub", stderr)
    assert not SeriesKernelConnection._withheld(conn, "iopub", stdout)
    reply = parts("comm_info_reply", {"status": "error", "traceback": ["/site-packages"]})
    assert not SeriesKernelConnection._withheld(conn, "shell", reply)
    assert "site-packages" not in reply[3].decode()


# -- addresses, cookies, logs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "odd"),
    [
        ("/voila/render/02_screening_quiz.ipynb", False),
        ("/voila/templates/lab/static/%76oila-style.js", False),
        ("/voila/render/caf%C3%A9.ipynb", False),
        ("/voila/render/02_screening_quiz.ipynb%00", True),
        ("/voila/render/x%0d%0aSet-Cookie:%20a=b", True),
        ("/voila/templates/../", True),
        ("/voila/templates/lab/static/%2e%2e/x", True),
        ("/voila/static/%ff", True),
        ("/voila/static/..%5cx", True),
        ("/voila/api/contents/" + "a" * 300, True),
        ("/voila/render/" + "a/" * 1100, True),
    ],
)
def test_odd_addresses_are_recognised(path, odd):
    assert is_odd_address(path) is odd


def test_an_anonymous_visitor_is_given_no_login_cookie():
    provider = SeriesIdentityProvider(token="")
    handler = SimpleNamespace(set_secure_cookie=lambda *a, **k: pytest.fail("a cookie was set"))
    provider.set_login_cookie(handler, object())
    assert provider.get_handlers() == []  # nobody to log in or out
    assert provider.cookie_options["samesite"] == "Lax"


def test_a_log_record_becomes_one_bounded_line():
    record = logging.LogRecord(
        "t", logging.WARNING, __file__, 1, 'Received "%s"', ("x\nFORGED " * 10_000,), None
    )
    assert SafeLogFilter().filter(record)
    text = logging.Formatter().format(record)
    assert "\n" not in text and len(text) < 700


# -- Binder and JupyterLab: Voila as a server extension ---------------------------------------


def test_binder_gets_voila_jsons_culling_and_the_extension():
    binder = json.loads((REPO_ROOT / "binder" / "jupyter_server_config.json").read_text())
    voila = json.loads((REPO_ROOT / "voila.json").read_text())["MappingKernelManager"]
    assert binder["ServerApp"]["jpserver_extensions"] == {"lowback.site.server_extension": True}
    for setting in ("cull_idle_timeout", "cull_interval", "cull_connected", "cull_busy"):
        assert binder["MappingKernelManager"][setting] == voila[setting], setting
    post_build = (REPO_ROOT / "binder" / "postBuild").read_text()
    assert "python -m lowback.site.server_extension" in post_build
    assert "jupyter_server_config.json" in post_build


def test_installing_the_settings_keeps_what_the_environment_had(tmp_path):
    target = tmp_path / "jupyter_server_config.json"
    target.write_text('{"ServerApp": {"jpserver_extensions": {"other": true}, "port": 9}}')
    install_config(REPO_ROOT / "binder" / "jupyter_server_config.json", tmp_path)
    merged = json.loads(target.read_text())
    assert merged["ServerApp"]["jpserver_extensions"] == {
        "other": True,
        "lowback.site.server_extension": True,
    }
    assert merged["ServerApp"]["port"] == 9
    assert merged["MappingKernelManager"]["cull_idle_timeout"] == 300


def test_the_extension_has_voila_pages_set_the_xsrf_cookie():
    from traitlets.config import Config

    server = SimpleNamespace(config=Config())
    _link_jupyter_server_extension(server)
    assert server.config.VoilaConfiguration.prelaunch_hook is set_xsrf_cookie
    read = []
    handler = type("Handler", (), {"xsrf_token": property(lambda self: read.append(1))})()
    assert set_xsrf_cookie(handler, notebook="nb", cwd=".") is None and read == [1]
    calls = []
    both = chain_hooks(lambda h, notebook, cwd: calls.append("first") or "changed", set_xsrf_cookie)
    assert both(handler, notebook="nb", cwd=".") == "changed" and calls == ["first"]


def test_running_out_of_descriptors_is_one_line_not_a_traceback_per_accept():
    from lowback.site.listening import OutOfDescriptorsFilter

    flood = OutOfDescriptorsFilter(every_s=60)
    kept = []
    for _ in range(1000):
        try:
            raise OSError(24, "Too many open files")
        except OSError:
            record = logging.LogRecord("asyncio", logging.ERROR, "x", 1, "accept failed", (), None)
            record.exc_info = __import__("sys").exc_info()
        if flood.filter(record):
            kept.append(record)
    assert len(kept) == 1 and kept[0].exc_info is None
    assert "Out of file descriptors" in kept[0].getMessage()
    assert flood.dropped == 999


def test_every_handler_filters_records_from_any_logger_asyncios_included():
    import io

    from lowback.site.hardening import SafeLogFilter, install_log_filter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        install_log_filter()
        assert any(isinstance(f, SafeLogFilter) for f in handler.filters)
        # A child logger nobody named: only a handler's filter sees its records.
        logging.getLogger("asyncio.somewhere").error("forged\nline " + "x" * 5000)
        written = stream.getvalue()
        assert written.count("\n") == 1 and len(written) < 1000
    finally:
        root.removeHandler(handler)


def test_runtime_folders_of_killed_servers_are_removed_at_start_and_others_kept(tmp_path):
    import os
    import subprocess
    import sys

    from lowback.site.serve import SERVER_PID_FILE, remove_stale_runtime_folders

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    killed, running, foreign = (tmp_path / f"voila_{n}" for n in ("a", "b", "c"))
    for folder in (killed, running, foreign):
        folder.mkdir()
        (folder / "kernel-x.json").write_text("{}")
    (killed / SERVER_PID_FILE).write_text(ended.stdout.strip())
    (running / SERVER_PID_FILE).write_text(str(os.getpid()))
    assert remove_stale_runtime_folders(tmp_path) == [killed]
    assert not killed.exists() and running.exists() and foreign.exists()
