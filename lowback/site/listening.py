"""How the public server listens: timeouts and a connection cap per client (issue 26, item 4).

Tornado's HTTP server, as Voila starts it, waits an hour for a request's headers, and takes any
number of connections from one address. 300 connections that each send their headers one byte
at a time held every descriptor the process had: new readers timed out, and every refused accept
wrote a traceback. `SeriesHTTPServer` adds, for `make serve`:

- a header timeout (`header_timeout`, also how long an idle keep-alive connection stays) and a
  body timeout, so a slow client is cut off in seconds, not in an hour;
- at most `max_connections_per_client` open HTTP connections from one address; the next one is
  closed at once, without an answer. A websocket, once open, no longer counts: the kernel cap
  per client bounds those (lowback.site.kernels). Behind a proxy on this machine (nginx: every
  connection comes from its address), the proxy's addresses are not capped here: nginx's own
  per-client limit (deploy/nginx/lowback.conf) does that part, which one process cannot see;
- the process's descriptor limit raised to its hard limit at start (`raise_descriptor_limit`);
- one log line, not a traceback per attempt, when descriptors run out anyway
  (`OutOfDescriptorsFilter`).
"""

from __future__ import annotations

import logging
import resource
import time
from collections import Counter
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream

__all__ = [
    "OutOfDescriptorsFilter",
    "SeriesHTTPServer",
    "raise_descriptor_limit",
]

log = logging.getLogger("lowback.site.listening")


class SeriesHTTPServer(HTTPServer):
    """Tornado's HTTP server with a cap on open connections per client address."""

    def initialize(  # type: ignore[override]
        self,
        *args: Any,
        max_connections_per_client: int = 40,
        uncapped_addresses: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().initialize(*args, **kwargs)
        self.max_connections_per_client = max_connections_per_client
        self.uncapped_addresses = uncapped_addresses
        self.open_by_client: Counter[str] = Counter()
        self._client_of: dict[object, str] = {}
        self.refused = 0

    def handle_stream(self, stream: IOStream, address: tuple) -> None:
        client = str(address[0]) if address else ""
        capped = client not in self.uncapped_addresses
        if capped and self.open_by_client[client] >= self.max_connections_per_client:
            self.refused += 1
            stream.close()
            return
        before = set(self._connections)
        super().handle_stream(stream, address)
        for connection in set(self._connections) - before:
            self._client_of[connection] = client
        self.open_by_client[client] += 1

    def on_close(self, server_conn: object) -> None:
        super().on_close(server_conn)
        client = self._client_of.pop(server_conn, None)
        if client is not None:
            self.open_by_client[client] -= 1
            if self.open_by_client[client] <= 0:
                del self.open_by_client[client]


def raise_descriptor_limit() -> tuple[int, int]:
    """Raise this process's open-file limit to its hard limit; the (soft, hard) pair after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass  # not allowed here: the soft limit stays
    return soft, hard


class OutOfDescriptorsFilter(logging.Filter):
    """Turns the traceback asyncio and Tornado log for every accept that fails with "Too many
    open files" into one line, at most once every `every_s` seconds."""

    def __init__(self, every_s: float = 10.0) -> None:
        super().__init__()
        self.every_s = every_s
        self._last = float("-inf")
        self.dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not (isinstance(error, OSError) and error.errno == 24) and (
            "Too many open files" not in str(record.msg)
        ):
            return True
        now = time.monotonic()
        if now - self._last < self.every_s:
            self.dropped += 1
            return False
        self._last = now
        record.msg = "Out of file descriptors: new connections are refused until some close"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        return True
