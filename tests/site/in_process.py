"""The series' Voila server run inside the test process, for checks that need only HTTP
(headers, routes, odd addresses), as Voila's own tests run theirs: no subprocess to start and
no browser, so a check costs milliseconds. It serves the real notebooks with the real
configuration (voila.json), less the kernel pool: a check that needs a kernel or a page drawn
in a browser belongs in tests/browser.

The server runs on its own event loop in a thread; `initialize` runs in the calling thread
(Voila installs signal handlers there). What the server writes into the process environment
for its kernels (lowback.pages.serve_assets) is put back when it stops, so other tests in the
same process see none of it.
"""

from __future__ import annotations

import asyncio
import http.client
import logging
import os
import shutil
import threading

from lowback.site.serve import SeriesVoila

__all__ = ["InProcessVoila", "LogRecords"]


class LogRecords(logging.Handler):
    """Every line the server logs while attached, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def text(self) -> str:
        return "\n".join(self.lines)


class _Served(SeriesVoila):
    def listen(self) -> None:
        # Voila's own listen() would start the event loop and block: bind only.
        self.http_server = self.app.listen(0, "127.0.0.1")
        self.port = next(iter(self.http_server._sockets.values())).getsockname()[1]


class InProcessVoila:
    """A running server of the series in this process: `port`, `get(path)`, `log`."""

    LOGGERS = ("tornado.access", "tornado.application", "tornado.general", "SeriesVoila")

    def __init__(self, *args: str) -> None:
        self._environ = dict(os.environ)
        self.log = LogRecords()
        self._app = _Served()
        self._app.initialize(
            ["--VoilaConfiguration.preheat_kernel=False", "--Voila.open_browser=False", *args]
        )
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self.log)
        self._app.log.addHandler(self.log)
        self._loop = asyncio.new_event_loop()
        started = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._start())
            except BaseException as error:  # reported to the caller below
                failure.append(error)
                started.set()
                return
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, name="in-process-voila", daemon=True)
        self._thread.start()
        started.wait(60)
        if failure:
            raise failure[0]
        self.port = self._app.port

    async def _start(self) -> None:
        self._app.start()

    def get(
        self, path: str, method: str = "GET", body: bytes | None = None, **headers: str
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """One request on a fresh connection: status, headers and body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        async def shut() -> None:
            self._app.http_server.stop()
            await self._app.kernel_manager.shutdown_all()

        asyncio.run_coroutine_threadsafe(shut(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.close()
        shutil.rmtree(self._app.connection_dir, ignore_errors=True)
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self.log)
        self._app.log.removeHandler(self.log)
        self._app.clear_instance()
        os.environ.clear()
        os.environ.update(self._environ)
