"""Several Voila processes behind one small front: `make serve` uses every core (issue 16).

One Voila process has one thread: it tops out near 5,500 first visits an hour whatever the
cores. `python -m lowback.site.front --workers N --port P --Voila.ip=HOST [more arguments]`
starts N workers (`python -m lowback.site.serve`, the more arguments passed on to each) on free
ports of 127.0.0.1, waits until each answers, then listens on HOST:P and passes every request
on to one of them:

- a request about a kernel (its websocket `/api/kernels/<id>/channels`, `/api/kernels/<id>`,
  the closing tab's `/voila/api/shutdown/<id>`, `/voila/query/<id>`) goes to the worker that
  holds the kernel: each worker's kernel ids start with its number (lowback.site.kernel_ids),
  so readers stay on their worker without a cookie. An id of any other form, or naming no
  worker, is answered 404 here;
- a page (`/voila/render/...`) goes to the worker preparing the fewest pages, then holding the
  fewest open kernel sockets; anything else (static files, `/`) to the one with the fewest
  requests in flight.

What a single server guarantees still holds: request bodies over 64 kB are refused before they
are read (400), websocket messages over 64 KiB close the socket, Host, Origin and cookies reach
the worker as sent (jupyter_server's own origin checks decide), the reader's address and scheme
go on as X-Real-IP and X-Forwarded-Proto (taken from a proxy in front only when listening on
loopback, as the workers do), responses come back unchanged (status, headers, Cache-Control,
ETag, 304), a slow reader holds at most one chunk in the front (each chunk is written out before
the next is read; each websocket message before the next), a websocket closed on one side is
closed on the other with its code, and the front never shows a traceback or a worker's port: its
own answers are short pages. All workers share one cookie secret (a private temporary file). A
worker that exits is started again; its readers' pages lose their kernel and say so. Each worker
gets an equal share of the kernel cap (lowback.site.kernels) unless one is given.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from jinja2 import Environment, FileSystemLoader
from tornado.http1connection import HTTP1Connection, HTTP1ConnectionParameters
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.httpserver import HTTPServer
from tornado.httputil import HTTPHeaders, HTTPMessageDelegate, RequestStartLine
from tornado.iostream import IOStream, StreamClosedError
from tornado.routing import Matcher, PathMatches, Rule
from tornado.web import Application, RequestHandler
from tornado.websocket import WebSocketClosedError, WebSocketHandler, websocket_connect

from lowback.site.frames import for_log
from lowback.site.hardening import SECURITY_HEADERS, STATIC_PAGE_CSP, install_log_filter
from lowback.site.kernel_ids import MAX_WORKERS, worker_of_kernel
from lowback.site.serve import is_loopback
from lowback.site.workers import Pool, Worker, keep_idle, take_idle

ERROR_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "errors"
MAX_BODY_BYTES = 64 * 1024  # as SeriesVoila.max_body_size: a page sends no larger form
WEBSOCKET_MAX_MESSAGE_BYTES = 64 * 1024  # from a reader, as the workers take
WORKER_MAX_MESSAGE_BYTES = 16 * 2**20  # from a worker (widget states with pictures)
CHUNK_BYTES = 64 * 1024  # read from a worker at a time, written out before the next
WEBSOCKET_PING_S = 30  # as voila.json: keeps idle sockets open through proxies
CONNECT_TIMEOUT_S = 5.0
RETRY_AFTER_S = 10
# Routes that carry a kernel id in the segment after them (Voila's and jupyter_server's).
KERNEL_ROUTES = ("api/kernels/", "voila/api/shutdown/", "voila/query/", "voila/execution/")
PAGE_ROUTE = "voila/render/"
# Headers that belong to one connection, not to the request (RFC 9110 7.6.1), and those the
# front itself sets for the worker.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
SET_BY_FRONT = frozenset(
    {"x-real-ip", "x-forwarded-for", "x-forwarded-proto", "x-scheme", "expect", "content-length"}
)
NO_WORKER_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Please try again in a moment</title>
<style>body{{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a}}a{{color:#0060a0}}</style></head>
<body><main><h1>Please try again in a moment</h1>
<p>The server is starting again or very busy, and could not prepare this page just now.
Please wait {RETRY_AFTER_S} seconds, then reload the page.</p>
<p><a href="/">The start page</a> leads to every page of the series.</p>
</main></body></html>
"""

log = logging.getLogger("lowback.front")


# -- routing rules (pure) --------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """Where a request goes: to the worker holding a kernel, to the least busy one (a page, or
    anything else), or nowhere (refused here with `status`)."""

    kind: str  # "kernel", "page", "any" or "refuse"
    worker: int | None = None
    status: int = 0


def route(path: str, workers: int, base_url: str = "/") -> Route:
    """The route of a request path (as sent, percent-encoded, without its query)."""
    if not path.isascii() or not path.isprintable():
        return Route("refuse", status=400)  # browsers send nothing else; tornado would re-encode
    if not base_url.endswith("/"):
        base_url += "/"
    if not path.startswith(base_url):
        return Route("any")
    rest = path[len(base_url) :]
    for prefix in KERNEL_ROUTES:
        if rest.startswith(prefix):
            segment = rest[len(prefix) :]
            # Voila's shutdown route takes all the rest as the id; the others one segment.
            if prefix != "voila/api/shutdown/":
                segment = segment.split("/", 1)[0]
            worker = worker_of_kernel(unquote(segment))
            if worker is None or worker >= workers:
                return Route("refuse", status=404)
            return Route("kernel", worker=worker)
    if rest.startswith(PAGE_ROUTE):
        return Route("page")
    return Route("any")


def base_url_of(args: list[str]) -> str:
    """Voila's base URL as given among the workers' arguments (the last one wins), or "/"."""
    base_url = "/"
    for arg in args:
        for name in ("--Voila.base_url=", "--base_url="):
            if arg.startswith(name):
                base_url = arg[len(name) :] or "/"
    return base_url if base_url.startswith("/") else "/" + base_url


def upstream_headers(headers: HTTPHeaders, remote_ip: str, protocol: str) -> HTTPHeaders:
    """The request's headers as a worker gets them: Host, Origin, cookies and the rest as sent;
    no connection-level ones; the reader's address and scheme as the front knows them."""
    listed = {token.strip().lower() for token in headers.get("Connection", "").split(",")}
    out = HTTPHeaders()
    for name, value in headers.get_all():
        lower = name.lower()
        if lower in HOP_BY_HOP or lower in SET_BY_FRONT or lower in listed:
            continue
        if lower.startswith("sec-websocket-"):
            continue  # a websocket's handshake is made afresh with the worker
        out.add(name, value)
    out["X-Real-IP"] = remote_ip
    out["X-Forwarded-For"] = remote_ip
    out["X-Forwarded-Proto"] = protocol
    return out


def sendable_close_code(code: int | None) -> int | None:
    """A websocket close code that may be sent on (1005, 1006 and 1015 may not)."""
    if code is None or code in (1005, 1006, 1015) or not (1000 <= code < 5000):
        return None
    return code


# -- the front's own answers -----------------------------------------------------------------

_error_pages = Environment(loader=FileSystemLoader(ERROR_TEMPLATE_DIR), autoescape=True)


class FrontAnswers(RequestHandler):
    """What the front answers itself: a short page, the security headers, nothing a client sent
    and nothing about the workers."""

    def initialize(self, pool: Pool, base_url: str) -> None:
        self.pool = pool
        self.base_url = base_url
        self.answered_here = False

    def compute_etag(self) -> None:
        return None  # a worker's response passes through as it came

    def answer(self, status: int, body: str | None = None) -> None:
        self.answered_here = True
        self.clear()
        self.set_status(status)
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)
        self.set_header("Content-Security-Policy", STATIC_PAGE_CSP)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        if body is NO_WORKER_PAGE:
            self.set_header("Retry-After", str(RETRY_AFTER_S))
        if body is None:
            body = _error_pages.get_template("error.html").render(
                status_code=status, status_message=self._reason, base_url=self.base_url
            )
        self.finish(body)

    def write_error(self, status_code: int, **kwargs) -> None:
        # Tornado's own errors (a bad method, an exception here): never a traceback.
        self.answer(status_code, None if 400 <= status_code < 500 else NO_WORKER_PAGE)

    def no_worker(self) -> None:
        self.answer(503, NO_WORKER_PAGE)


class _Relay(HTTPMessageDelegate):
    """A worker's response, passed to the reader as it comes: each chunk written out before the
    next is read."""

    def __init__(self, handler: HttpProxy) -> None:
        self.handler = handler
        self.started = False
        self.finished = False
        self.reader_gone = False
        self.reusable = False

    def headers_received(self, start_line, headers: HTTPHeaders) -> None:
        handler = self.handler
        handler.set_status(start_line.code, start_line.reason or "Unknown")
        self.reusable = start_line.version == "HTTP/1.1" and "close" not in {
            token.strip().lower() for token in headers.get("Connection", "").split(",")
        }
        for name in ("Server", "Content-Type", "Date"):  # Tornado's defaults
            handler.clear_header(name)
        for name, value in headers.get_all():
            if name.lower() not in HOP_BY_HOP:
                handler.add_header(name, value)
        self.started = True

    async def data_received(self, chunk: bytes) -> None:
        if self.reader_gone:
            return
        self.handler.write(chunk)
        try:
            await self.handler.flush()
        except StreamClosedError:
            self.reader_gone = True
            self.handler.close_upstream()

    def finish(self) -> None:
        self.finished = True

    def on_connection_close(self) -> None:
        pass


class HttpProxy(FrontAnswers):
    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS")

    _connection: HTTP1Connection | None = None

    async def get(self, *_args) -> None:
        where = route(self.request.path, len(self.pool.workers), self.base_url)
        if not self.request.uri.isascii() or not self.request.uri.isprintable():
            where = Route("refuse", status=400)
        if where.kind == "refuse":
            self.answer(where.status)
            return
        if where.kind == "kernel":
            worker = self.pool.workers[where.worker]
            candidates = [worker] if worker.up else []
        else:
            candidates = [w for w in (self.pool.choose(where.kind == "page"),) if w]
            candidates += [w for w in self.pool.workers if w.up and w not in candidates]
        for worker in candidates:
            stream = take_idle(worker)
            if stream is not None and await self._exchange(worker, stream, where.kind == "page"):
                return
            # A kept connection the worker had just closed: nothing came back, so try afresh.
            try:
                stream = await self._connect(worker)
            except (OSError, StreamClosedError, TimeoutError):
                continue  # nothing was sent: another worker may take it
            await self._exchange(worker, stream, page=where.kind == "page", last_try=True)
            return
        self.no_worker()

    post = put = delete = patch = options = head = get

    async def _connect(self, worker: Worker) -> IOStream:
        stream = IOStream(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
        try:
            await asyncio.wait_for(stream.connect(("127.0.0.1", worker.port)), CONNECT_TIMEOUT_S)
        except BaseException:
            stream.close()
            raise
        stream.set_nodelay(True)
        return stream

    async def _exchange(
        self, worker: Worker, stream: IOStream, page: bool, last_try: bool = False
    ) -> bool:
        """Pass the request on over this connection and the answer back; False if the
        connection was closed before any answer came and this was not the last try."""
        request = self.request
        port = worker.port
        connection = HTTP1Connection(
            stream,
            True,
            HTTP1ConnectionParameters(chunk_size=CHUNK_BYTES, max_header_size=64 * 1024),
        )
        self._connection = connection
        headers = upstream_headers(request.headers, request.remote_ip, request.protocol)
        if request.body or request.method in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(request.body))
        relay = _Relay(self)
        worker.requests += 1
        worker.pages += page
        try:
            connection.write_headers(RequestStartLine(request.method, request.uri, ""), headers)
            if request.body:
                connection.write(request.body)
            connection.finish()
            await connection.read_response(relay)
        except (StreamClosedError, OSError):
            pass  # the worker went away: said below
        except ValueError:  # a header value Tornado will not write
            if not relay.started:
                self.answer(400)
                return True
        finally:
            worker.requests -= 1
            worker.pages -= page
            self._connection = None
            if relay.finished and relay.reusable and not connection.stream.closed():
                keep_idle(worker, port, connection.stream)
            else:
                connection.close()
        if not relay.started and not last_try and not relay.reader_gone:
            return False
        if relay.reader_gone or self.request.connection.stream.closed():
            return True  # nobody to answer
        if relay.finished:
            self.finish()
        elif not self._headers_written:
            self.clear()
            self.no_worker()
        else:  # cut off in the middle: the reader's browser must see it was not all
            self.request.connection.close()
        return True

    def close_upstream(self) -> None:
        if self._connection is not None:
            self._connection.close()

    def on_connection_close(self) -> None:
        self.close_upstream()  # the reader hung up: stop reading from the worker


class SocketProxy(WebSocketHandler, FrontAnswers):
    """A websocket passed on to its worker, message by message, each way."""

    _upstream = None
    _worker: Worker | None = None

    def check_origin(self, origin: str) -> bool:
        return True  # the worker checks it against Host, as a single server does

    def get_compression_options(self) -> None:
        return None

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        return self._upstream.selected_subprotocol if self._upstream is not None else None

    async def get(self, *args) -> None:
        where = route(self.request.path, len(self.pool.workers), self.base_url)
        if where.kind == "refuse":
            self.answer(where.status)
            return
        headers = self.request.headers
        if (
            headers.get("Upgrade", "").lower() != "websocket"
            or "upgrade" not in headers.get("Connection", "").lower()
            or not headers.get("Sec-WebSocket-Key")
        ):
            self.answer(400)
            return
        worker = (
            self.pool.workers[where.worker] if where.kind == "kernel" else self.pool.choose(False)
        )
        if worker is None or not worker.up:
            self.no_worker()
            return
        offered = [p.strip() for p in headers.get("Sec-WebSocket-Protocol", "").split(",")]
        try:
            self._upstream = await websocket_connect(
                HTTPRequest(
                    f"ws://127.0.0.1:{worker.port}{self.request.uri}",
                    headers=upstream_headers(
                        headers, self.request.remote_ip, self.request.protocol
                    ),
                    connect_timeout=CONNECT_TIMEOUT_S,
                    request_timeout=60,
                ),
                max_message_size=WORKER_MAX_MESSAGE_BYTES,
                subprotocols=[p for p in offered if p] or None,
            )
        except HTTPClientError as refused:
            if 400 <= refused.code < 500:
                self.answer(refused.code)  # the worker said no: so do we, in our words
            else:
                self.no_worker()
            return
        except (OSError, StreamClosedError, TimeoutError, ValueError):
            self.no_worker()
            return
        self._worker = worker
        worker.sockets += 1
        try:
            await WebSocketHandler.get(self, *args)  # returns when the socket has closed
        finally:
            self._close_upstream(None, None)  # (already done, unless the handshake failed)

    def open(self, *args) -> None:
        asyncio.ensure_future(self._from_worker())

    async def _from_worker(self) -> None:
        upstream = self._upstream
        while True:
            message = await upstream.read_message()
            if message is None:
                break
            try:
                await self.write_message(message, binary=isinstance(message, bytes))
            except (WebSocketClosedError, StreamClosedError):
                break
        self.close(sendable_close_code(upstream.close_code), upstream.close_reason)

    async def on_message(self, message: str | bytes) -> None:
        try:
            await self._upstream.write_message(message, binary=isinstance(message, bytes))
        except (WebSocketClosedError, StreamClosedError):
            self.close(1001, "The server went away")

    def on_close(self) -> None:
        self._close_upstream(sendable_close_code(self.close_code), self.close_reason)

    def _close_upstream(self, code: int | None, reason: str | None) -> None:
        if self._upstream is not None:
            with contextlib.suppress(Exception):
                self._upstream.close(code, reason)
        if self._worker is not None:
            self._worker.sockets -= 1
            self._worker = None


class IsWebSocket(Matcher):
    def match(self, request) -> dict | None:
        return {} if request.headers.get("Upgrade", "").lower() == "websocket" else None


def _log_request(handler: RequestHandler) -> None:
    """Only what the front answered itself, or failed at: the workers log the rest."""
    status = handler.get_status()
    if status >= 500 or getattr(handler, "answered_here", False):
        log.info(
            "%d %s %s (front)",
            status,
            handler.request.method,
            for_log(handler.request.path, 200),
        )


def make_app(pool: Pool, base_url: str = "/") -> Application:
    options = {"pool": pool, "base_url": base_url}
    return Application(
        [
            Rule(IsWebSocket(), SocketProxy, options),
            Rule(PathMatches(r".*"), HttpProxy, options),
        ],
        websocket_max_message_size=WEBSOCKET_MAX_MESSAGE_BYTES,
        websocket_ping_interval=WEBSOCKET_PING_S,
        log_function=_log_request,
    )


# -- the command -----------------------------------------------------------------------------


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="python -m lowback.site.front",
        description="Serve the series with several Voila processes behind one front. "
        "Other arguments are passed on to each worker (python -m lowback.site.serve).",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="Voila processes (1 to 64)"
    )
    parser.add_argument("--port", "--Voila.port", dest="port", type=int, default=8866)
    parser.add_argument("--Voila.ip", "--ip", dest="ip", default="localhost")
    options, extra = parser.parse_known_args(argv)
    if not 1 <= options.workers <= min(64, MAX_WORKERS):
        parser.error("--workers must be from 1 to 64")
    return options, extra


async def serve(options: argparse.Namespace, extra: list[str]) -> int:
    pool = Pool(options.workers, extra)
    stopped = asyncio.Event()

    def on_signal() -> None:
        pool.stopping = True  # a worker still starting is waited for no longer
        stopped.set()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, on_signal)
    server = None
    try:
        log.info("Starting %d Voila workers...", options.workers)
        if not await pool.start():
            if not stopped.is_set():
                log.error("A worker did not start; see its messages above.")
            return 1
        server = HTTPServer(
            make_app(pool, base_url_of(extra)),
            xheaders=is_loopback(options.ip),
            max_body_size=MAX_BODY_BYTES,
        )
        try:
            server.listen(options.port, options.ip)
        except OSError as error:  # the port is taken, say
            log.error("Could not listen on %s:%d: %s", options.ip, options.port, error.strerror)
            return 1
        host = "localhost" if options.ip in ("", "0.0.0.0", "::") else options.ip
        log.info(
            "The series is served at http://%s:%d/ by %d workers.",
            host,
            options.port,
            options.workers,
        )
        await stopped.wait()
        log.info("Stopping...")
        return 0
    finally:
        if server is not None:
            server.stop()
        pool.stop()


def main(argv: list[str] | None = None) -> int:
    options, extra = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="[front] %(levelname)s | %(message)s")
    install_log_filter(log)
    return asyncio.run(serve(options, extra))


if __name__ == "__main__":
    sys.exit(main())
