"""The test servers themselves: a flaky start would make any browser test fail for no reason."""

from __future__ import annotations

import socket
import threading
import urllib.request

import pytest

from harness import voila_server
from harness.voila_server import VoilaServer

pytestmark = pytest.mark.e2e

# What a kernel's ZeroMQ socket sends first: the start of a ZMTP greeting, not HTTP.
ZMTP_GREETING = b"\xff\x00\x00\x00\x00\x00\x00\x00\x01\x7f"


def test_a_server_whose_port_was_taken_meanwhile_starts_on_another(tmp_path, monkeypatch):
    # Seen in CI: between choosing a free port and Voila binding it, a kernel of another
    # server took it; the harness read its ZeroMQ greeting as a bad HTTP status line.
    squatter = socket.create_server(("127.0.0.1", 0))
    taken = squatter.getsockname()[1]

    def greet() -> None:
        while True:
            try:
                connection, _ = squatter.accept()
            except OSError:
                return
            with connection:
                connection.sendall(ZMTP_GREETING)

    threading.Thread(target=greet, daemon=True).start()
    real_free_port = voila_server.free_port
    ports = iter([taken])
    monkeypatch.setattr(voila_server, "free_port", lambda: next(ports, None) or real_free_port())
    try:
        server = VoilaServer(tmp_path / "voila.log")
        try:
            assert server.port != taken
            with urllib.request.urlopen(server.url + "/", timeout=30) as response:
                assert response.status == 200
        finally:
            server.stop()
    finally:
        squatter.close()
