"""What the public server adds to every answer, and the requests it answers itself.

Used by lowback.site.serve for `make serve`:

- `SECURITY_HEADERS` on every response (`SecurityHeaders` adds them where a handler did not):
  no MIME sniffing, no referrer, a Content-Security-Policy that lets a page load and connect
  only to this server, and a Permissions-Policy that grants only what the pages use;
- cookies: an anonymous visitor gets no login cookie (`SeriesIdentityProvider`), so the landing
  page sets none; a page with a kernel sets the `_xsrf` cookie Voila's script sends back when
  the tab closes, which is how that kernel is freed (`CookiePolicy`); every cookie is
  `SameSite=Lax`, and `Secure` when the request came over HTTPS;
- a page with code asked for while `max_kernels` kernels run, or that waited too long for its
  turn to be prepared, gets `BUSY_PAGE` (503) and no kernel (`SeriesVoilaHandler`);
- odd addresses (a %00, a `..`, bytes that are not UTF-8, a name too long to be a file), and
  template paths of the wrong shape, get 400 or 404 instead of an error inside Voila (500);
- an address over MAX_ADDRESS_BYTES gets 414 (`LongAddress`);
- `SafeLogFilter`: every log line is one line of bounded length, whatever a client sent.
"""

from __future__ import annotations

import logging
import posixpath
import re
from urllib.parse import unquote_to_bytes

import tornado.web
from jupyter_server.auth.identity import PasswordIdentityProvider
from tornado.httputil import HTTPHeaders, HTTPServerRequest
from tornado.routing import Matcher
from tornado.web import HTTPError, OutputTransform, RequestHandler
from traitlets import default
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from lowback.pages import LANDING
from lowback.site.caching import IMMUTABLE, is_versioned
from lowback.site.frames import for_log

# Lab's front end runs inline scripts and styles (Voila's template writes them), anywidget
# imports a view's module from a blob: address, pictures and cue tones come from data: and
# blob: addresses, and the page talks to its kernel over this server's own websocket ('self'
# covers ws: and wss: to the same host).
PAGE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# A page without code runs no script at all.
STATIC_PAGE_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# The timer plays its cue tones by itself (autoplay) and may keep the screen awake; nothing else.
PERMISSIONS_POLICY = ", ".join(
    [
        "autoplay=(self)",
        "screen-wake-lock=(self)",
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer",
                "camera",
                "display-capture",
                "encrypted-media",
                "fullscreen",
                "geolocation",
                "gyroscope",
                "magnetometer",
                "microphone",
                "midi",
                "payment",
                "picture-in-picture",
                "publickey-credentials-get",
                "usb",
            )
        ),
    ]
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Content-Security-Policy": PAGE_CSP,
}
BUSY_RETRY_S = 60
BUSY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Busy: please try again in a minute</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a}a{color:#0060a0}</style></head>
<body><main><h1>Busy: please try again in a minute</h1>
<p>Many people are reading these pages right now, and this one needs a little room of its own
on the server. Please wait a minute, then reload the page.</p>
<p><a href="LANDING">The start page</a> can be read at any time.</p>
</main></body></html>
""".replace('"LANDING"', f'"{LANDING}"')
TOO_MANY_PAGES = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Too many pages open: close some, then reload</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a}a{color:#0060a0}</style></head>
<body><main><h1>Too many pages open: close some, then reload</h1>
<p>Pages of this series are open many times over from your connection, or were asked for very
quickly. Each one holds a little room on the server, so please close the tabs you no longer
need, wait a minute, then reload this page.</p>
<p><a href="LANDING">The start page</a> can be read at any time.</p>
</main></body></html>
""".replace('"LANDING"', f'"{LANDING}"')
# No file of the series, and no address Voila serves, has a longer name or path than these.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 2048


class SecurityHeaders(OutputTransform):
    """Adds SECURITY_HEADERS to a response that does not carry them already (static files,
    redirects: Tornado's own handlers). jupyter_server's handlers set them from settings."""

    def transform_first_chunk(
        self, status_code: int, headers: HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, HTTPHeaders, bytes]:
        for name, value in SECURITY_HEADERS.items():
            if name not in headers:
                headers[name] = value
        return status_code, headers, chunk


def is_https(request: HTTPServerRequest) -> bool:
    """Whether the reader's browser reached us over HTTPS (behind a proxy on this machine, as
    its X-Forwarded-Proto says: see SeriesVoila.listen_options)."""
    return request.protocol == "https"


class CookiePolicy(RequestHandler):
    """Every cookie this handler sets is SameSite=Lax, and Secure when the request was HTTPS."""

    def set_cookie(self, name, value, *args, **kwargs) -> None:
        kwargs.setdefault("samesite", "Lax")
        if is_https(self.request):
            kwargs.setdefault("secure", True)
        super().set_cookie(name, value, *args, **kwargs)


class SeriesIdentityProvider(PasswordIdentityProvider):
    """jupyter_server's identity provider, except that an anonymous visitor (no password or token
    configured, as on the public page) is given no login cookie: it would only name them."""

    @default("cookie_options")
    def _default_cookie_options(self) -> dict:
        return {"samesite": "Lax"}

    def set_login_cookie(self, handler, user) -> None:
        if self.auth_enabled:
            super().set_login_cookie(handler, user)

    def get_handlers(self) -> list:
        # With nobody to log in, the login and logout pages have nothing to do (and jupyter_server's
        # logout page cannot be drawn by Voila's server: a 500).
        return super().get_handlers() if self.auth_enabled else []


class SeriesVoilaHandler(CookiePolicy, TornadoVoilaHandler):
    """Voila's page handler, with a cap on kernels and the `_xsrf` cookie that frees them.

    Voila's script posts `_xsrf` from that cookie when the tab closes, and Voila never sets the
    cookie: without it every "close this kernel" request is refused (403) and the kernel lives
    on until it is culled (voila-dashboards/voila#1458).
    """

    @tornado.web.authenticated
    async def get(self, path=None):
        manager = self.kernel_manager
        page = None
        if hasattr(manager, "ask_for_page"):
            page = manager.ask_for_page(self.request.remote_ip or "")
            if page.refusal is not None:
                self._refuse(429, page.refusal.retry_after_s, TOO_MANY_PAGES)
                return
        try:
            await self._get_within_cap(manager, path)
        finally:
            if page is not None:
                page.end()

    async def _get_within_cap(self, manager, path) -> None:
        gate = getattr(manager, "start_gate", None)
        if gate is not None and not await gate.enter():
            self._busy()
            return
        claim = None
        try:
            if hasattr(manager, "claim_kernel"):
                claim = manager.claim_kernel()
                if claim is None:
                    self._busy()
                    return
            self.xsrf_token  # noqa: B018 (reading it sets the cookie)
            async for html in self.get_generator(path=path):
                self.write(html)
                self.flush()
        finally:
            if claim is not None:
                claim.release()
            if gate is not None:
                gate.leave()

    def _busy(self) -> None:
        self._refuse(503, BUSY_RETRY_S, BUSY_PAGE)

    def _refuse(self, status: int, retry_after_s: int, page: str) -> None:
        self.set_status(status)
        self.set_header("Retry-After", str(retry_after_s))
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", STATIC_PAGE_CSP)
        self.finish(page)


def odd_address_status(path: str) -> int | None:
    """The status for a request path (as sent, percent-encoded) that names nothing a page
    could, or None for an ordinary one: 400 for one that does not decode to UTF-8 or has a
    character that is not printable (%00, a newline), is very long, or has a name longer than a
    file name can be; 404 for a `..` segment or a backslash. Voila's handlers fail on several of
    these with a 500, and a traceback in the log for each."""
    if len(path) > MAX_PATH_BYTES:
        return 400
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return 400
    segments = decoded.split("/")
    if not decoded.isprintable() or any(len(s.encode()) > MAX_NAME_BYTES for s in segments):
        return 400
    if ".." in segments or "\\" in decoded:
        return 404
    return None


def is_odd_address(path: str) -> bool:
    return odd_address_status(path) is not None


class OddAddress(Matcher):
    """Matches the requests `odd_address_status` refuses, whatever their route."""

    def match(self, request: HTTPServerRequest) -> dict | None:
        return {} if is_odd_address(request.path) else None


#: The longest address answered: a link with every setting and a 200-character note is under
#: 1 kB; longer ones get 414 before any handler (or the kernel) sees them.
MAX_ADDRESS_BYTES = 8192


class LongAddress(Matcher):
    """Matches a request whose address (path and query) is over MAX_ADDRESS_BYTES."""

    def match(self, request: HTTPServerRequest) -> dict | None:
        return {} if len(request.uri or "") > MAX_ADDRESS_BYTES else None


class TooLongHandler(RequestHandler):
    """Refuses an address over MAX_ADDRESS_BYTES with 414, whatever its route."""

    def prepare(self) -> None:
        raise HTTPError(414)


class BadRequestHandler(RequestHandler):
    """Refuses an odd address (400 or 404) before any of Voila's handlers sees it."""

    def prepare(self) -> None:
        raise HTTPError(odd_address_status(self.request.path) or 400)


class SafeTemplateStaticFileHandler(TemplateStaticFileHandler):
    """Voila's template files, answering 404 for a path that is not <template>/static/<file>
    (Voila's own handler fails on one with a 500)."""

    def parse_url_path(self, url_path: str) -> str:
        parts = posixpath.normpath(url_path).split("/", 2)
        if (
            len(parts) != 3
            or not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", parts[0])
            or parts[1] != "static"
        ):
            raise HTTPError(404)
        return super().parse_url_path(url_path)

    def validate_absolute_path(self, root: str, absolute_path: str):
        if not getattr(self, "roots", None):  # no such template: Voila would assert
            raise HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def set_headers(self) -> None:
        super().set_headers()
        # An address that names its content (lowback.site.caching) never needs asking again.
        if is_versioned(self.request.path, self.request.query_arguments):
            self.set_header("Cache-Control", IMMUTABLE)
            self.clear_header("Expires")


class SafeLogFilter(logging.Filter):
    """Makes each record one line of bounded length: a client's text can neither forge a line
    nor fill the disk. Tracebacks keep their lines, cut to a bounded length too."""

    MESSAGE_LIMIT = 500
    TRACEBACK_LIMIT = 4000

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep it readable
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = for_log(message, self.MESSAGE_LIMIT)
        record.args = None
        if record.exc_info and not record.exc_text:
            text = logging.Formatter().formatException(record.exc_info)
            lines = text[: self.TRACEBACK_LIMIT].split("\n")
            record.exc_text = "\n".join(for_log(line, self.TRACEBACK_LIMIT) for line in lines)
            if len(text) > self.TRACEBACK_LIMIT:
                record.exc_text += f"\n... ({len(text)} characters in all)"
        return True


def install_log_filter(*loggers: logging.Logger) -> None:
    """SafeLogFilter (and OutOfDescriptorsFilter before it) on these loggers, Tornado's, and
    every handler that writes records out, the root logger's included, each once.

    A filter on a logger sees only the records logged on that logger itself, not those of its
    children (asyncio's "Task exception was never retrieved" went round it, 58k tracebacks in a
    minute); a filter on a handler sees every record that handler writes, whoever logged it.
    """
    from lowback.site.listening import OutOfDescriptorsFilter

    names = ("tornado.access", "tornado.application", "tornado.general", "asyncio")
    chosen = (*loggers, *(logging.getLogger(name) for name in names))
    root = logging.getLogger()
    if not root.handlers:  # Python's last resort would write records unfiltered
        root.addHandler(logging.StreamHandler())
    handlers = {id(h): h for logger in (*chosen, root) for h in logger.handlers}
    for target in (*chosen, *handlers.values()):
        if not any(isinstance(f, OutOfDescriptorsFilter) for f in target.filters):
            target.addFilter(OutOfDescriptorsFilter())
        if not any(isinstance(f, SafeLogFilter) for f in target.filters):
            target.addFilter(SafeLogFilter())
