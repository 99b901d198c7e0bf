"""Fetch addresses from a Tornado application made of given routes only, in this process: for
a site module's own handlers (the light front end's files, the page's scripts), checked without
the rest of the server."""

from __future__ import annotations

import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web

from tests.support.fresh_loop import run_fresh


async def _fetch(handlers: list, paths: list[str]) -> list[tuple[int, dict, bytes]]:
    server = tornado.httpserver.HTTPServer(tornado.web.Application(handlers))
    [sock] = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server.add_sockets([sock])
    client = tornado.httpclient.AsyncHTTPClient()
    port = sock.getsockname()[1]
    answers = []
    try:
        for path in paths:
            response = await client.fetch(f"http://127.0.0.1:{port}{path}", raise_error=False)
            answers.append((response.code, dict(response.headers), response.body))
    finally:
        server.stop()
    return answers


def fetch_from_handlers(handlers: list, paths: list[str]) -> list[tuple[int, dict, bytes]]:
    """Each path's status, headers and body, from a server with only `handlers`."""
    return run_fresh(_fetch(handlers, paths))
