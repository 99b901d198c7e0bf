"""Serve the series with Voila, opening on the landing page rather than a file listing.

`make serve` runs `python -m lowback.site.serve`. It is the standalone Voila server (no JupyterLab,
no contents API, no terminals) with these additions, all for readers on the public page:

- the root URL redirects to the landing notebook;
- a notebook without code is served as plain HTML, without a kernel (lowback.site.static_page);
- the pages use the series' light widget front end (lowback.site.light_frontend) on Voila's lab
  template less its CDN stylesheets, with a notice when the page loses its kernel
  (lowback/site/templates/voila_page); `--SeriesVoila.frontend=lab` gives Voila's own front end;
- the Tornado settings in voila.json really apply (Voila 0.5 applies them too late for gzip),
  and each static file is compressed once, not for every visitor (CachedGZip);
- scripts and styles come from addresses that name their content, cached for a year, so a
  repeat visit fetches none of them again (lowback.site.caching);
- one client cannot take the site down (issue 13): the kernel websocket takes only what the page
  sends and its error path works (lowback.site.kernel_socket); kernels are capped, and those
  whose page never connected, or has gone while they keep talking, are ended
  (lowback.site.kernels); request bodies are small; every response carries security headers,
  cookies are SameSite and Secure over HTTPS, odd addresses get 4xx, and the log takes no
  client text whole (lowback.site.hardening);
- a preheated kernel handed to a visitor is safe from the culler until their page connects.

All other settings live in voila.json at the top of the repository, which Voila reads from the
directory it is started in, so Binder's Voila and this one share them.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import re
import shutil
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from tornado.httputil import HTTPHeaders, HTTPServerRequest
from tornado.routing import Rule
from tornado.web import GZipContentEncoding, RedirectHandler
from traitlets import Enum, Float, Int, default
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from lowback.pages import LANDING, RENDER_ROUTE, page_address, serve_assets
from lowback.paths import NOTEBOOKS_DIR, PICTURES_DIR
from lowback.site import light_frontend, page_scripts
from lowback.site.caching import VersionedAddresses
from lowback.site.hardening import (
    SECURITY_HEADERS,
    STATIC_PAGE_CSP,
    BadRequestHandler,
    LongAddress,
    OddAddress,
    SafeTemplateStaticFileHandler,
    SecurityHeaders,
    SeriesIdentityProvider,
    SeriesVoilaHandler,
    TooLongHandler,
    install_log_filter,
)
from lowback.site.kernel_socket import SeriesKernelConnection, SeriesKernelWebsocketHandler
from lowback.site.kernels import SeriesKernelManager
from lowback.site.listening import SeriesHTTPServer, raise_descriptor_limit
from lowback.site.static_page import TEMPLATES_DIR, code_free_notebooks, render_static_page

VOILA_PAGE_TEMPLATE_DIR = TEMPLATES_DIR / "voila_page"
ERROR_TEMPLATE_DIR = TEMPLATES_DIR / "errors"
# Voila's handlers, and what the public server uses in their place.
REPLACED_HANDLERS = {
    TornadoVoilaHandler: SeriesVoilaHandler,
    VoilaKernelWebsocketHandler: SeriesKernelWebsocketHandler,
    TemplateStaticFileHandler: SafeTemplateStaticFileHandler,
}
# Where a proxy on this machine connects from: not capped per client (nginx caps its clients).
PROXY_ADDRESSES = frozenset({"127.0.0.1", "::1"})
# A page sends clicks and answers; the largest legitimate message is well under 1 KiB.
WEBSOCKET_MAX_MESSAGE_BYTES = 64 * 1024
# The kernel's websocket compressed (permessage-deflate, which every browser offers): the state
# of every widget crosses it as one message when a page opens, 419 kB of repetitive JSON on the
# quiz, 2.3 s of a slow 4G line uncompressed (docs/speed.md). A smaller zlib memory level than
# the default keeps each socket's compressor near 70 kB; what a client sends is still inflated
# to at most WEBSOCKET_MAX_MESSAGE_BYTES.
WEBSOCKET_COMPRESSION = {"compression_level": 6, "mem_level": 5}


def landing_url(base_url: str = "/") -> str:
    """The address of the landing page under a Voila base URL."""
    return page_address(LANDING, base_url)


SERVER_PID_FILE = "lowback-server.pid"


def remove_stale_runtime_folders(root: Path) -> list[Path]:
    """Remove the runtime folders (voila_*) of series servers that are no longer running, as
    their pid files tell; folders without one may be another server's, and stay. The folders
    removed."""
    removed = []
    for folder in root.glob("voila_*"):
        try:
            pid = int((folder / SERVER_PID_FILE).read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # running, as someone else
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class CachedGZip(GZipContentEncoding):
    """Tornado's gzip, except that a static file is compressed once, not for every visitor.

    Every visitor fetches the same ~90 scripts of Voila's front end (about 5 MB). Compressing
    them on every request cost Voila's single thread about 150 ms per visitor (measured: 219 ms
    of Voila CPU for one visitor's assets with gzip, 72 ms without). A GET answered 200 with an
    Etag under a static prefix is kept compressed, keyed by that Etag alone: Tornado's static
    handlers make it the SHA-512 of the file's bytes, so every spelling of a file's address
    (`%76oila.js`, `voil%61.js`, ...) shares one entry, and a changed file has a new one. The
    cache holds at most MAX_ENTRIES files and MAX_BYTES bytes, least recently used out first.
    """

    STATIC_PREFIXES = ("/voila/static/", "/voila/labextensions/", "/voila/templates/")
    # Voila's front end is about 100 files, 2 MB compressed: room for it several times over.
    MAX_ENTRIES = 512
    MAX_BYTES = 32 * 1024 * 1024
    _compressed: dict[str, bytes] = {}

    def __init__(self, request: HTTPServerRequest) -> None:
        super().__init__(request)
        self._static = request.method == "GET" and request.path.startswith(self.STATIC_PREFIXES)
        self._key: str | None = None
        self._parts: list[bytes] = []
        self._replaying = False

    def transform_first_chunk(
        self, status_code: int, headers: HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, HTTPHeaders, bytes]:
        etag = headers.get("Etag")
        if self._gzipping and self._static and status_code == 200 and etag:
            self._key = etag
            cached = self._compressed.pop(etag, None)
            if cached is not None:
                self._compressed[etag] = cached  # the most recently used, last
                headers["Vary"] = (
                    f"{headers['Vary']}, Accept-Encoding"
                    if "Vary" in headers
                    else "Accept-Encoding"
                )
                headers["Content-Encoding"] = "gzip"
                headers["Content-Length"] = str(len(cached))
                self._replaying = True
                return status_code, headers, cached
        return super().transform_first_chunk(status_code, headers, chunk, finishing)

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self._replaying:
            return b""  # the whole compressed file went with the first chunk
        chunk = super().transform_chunk(chunk, finishing)
        if self._key is not None and self._gzipping:  # a static file, being compressed
            self._parts.append(chunk)
            if finishing:
                self._keep(self._key, b"".join(self._parts))
        return chunk

    @classmethod
    def _keep(cls, key: str, compressed: bytes) -> None:
        if len(compressed) > cls.MAX_BYTES:
            return
        cache = cls._compressed
        cache.pop(key, None)
        cache[key] = compressed
        total = sum(map(len, cache.values()))
        while len(cache) > cls.MAX_ENTRIES or total > cls.MAX_BYTES:
            total -= len(cache.pop(next(iter(cache))))


class StaticPageHandler(JupyterHandler):
    """A notebook without code, as a page without scripts (lowback.site.static_page)."""

    def initialize(self, notebook: Path) -> None:
        self.notebook = notebook

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Content-Security-Policy", STATIC_PAGE_CSP)
        # Like Voila's own pages: always fresh, so an edited notebook shows at once.
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.finish(render_static_page(self.notebook))


class SeriesVoila(Voila):
    """Voila serving notebooks/ to the public: the additions listed at the top of this module."""

    frontend = Enum(
        light_frontend.FRONTENDS,
        "light",
        config=True,
        help="The pages' widget front end: the series' light one (lowback.site.light_frontend: "
        "interactive in half the time, 6 requests instead of 98) or Voila's lab one.",
    )
    max_body_size = Int(
        64 * 1024,
        config=True,
        help="Largest request body accepted, in bytes: a page sends none larger than a form.",
    )
    header_timeout = Float(
        20.0,
        config=True,
        help="Seconds a connection may take to send a request's headers, and may stay idle "
        "between requests, before it is closed (Tornado's own default is an hour).",
    )
    body_timeout = Float(
        30.0, config=True, help="Seconds a request may take to send its (small) body."
    )
    max_connections_per_client = Int(
        40,
        config=True,
        help="Open HTTP connections one address may hold at once; the next is closed at once. "
        "A proxy on this machine is not capped here (its own per-client limit applies).",
    )

    @default("root_dir")
    def _default_root_dir(self) -> str:
        return str(NOTEBOOKS_DIR)

    @default("kernel_websocket_connection_class")
    def _default_kernel_websocket_connection_class(self) -> type:
        return SeriesKernelConnection

    @default("identity_provider_class")
    def _default_identity_provider_class(self) -> type:
        return SeriesIdentityProvider

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # Found before Voila's own: Voila's lab template less its CDN stylesheets.
        self.template_paths.insert(0, str(VOILA_PAGE_TEMPLATE_DIR))
        page_scripts.use_page_scripts(self)
        if self.frontend == "light":
            light_frontend.use_light_frontend(self)

    def _static_pages(self) -> list[Path]:
        return code_free_notebooks(self.root_dir)

    def init_settings(self) -> dict:
        install_log_filter(self.log)
        # Kernels talk to the server over Unix sockets in the private runtime folder, named by
        # the kernel's id, rather than TCP ports: with several workers and their kernels
        # starting at once, a TCP port chosen as free could be taken before it was bound (a
        # kernel that never starts), and no other local user can reach them.
        if "transport" not in self.config.KernelManager:
            self.config.KernelManager.transport = "ipc"
        # A page's kernel that dies is not started again, empty, holding a place under the cap
        # for a page that can no longer use it: it is let go and the page told to reload.
        if "autorestart" not in self.config.KernelManager:
            self.config.KernelManager.autorestart = False
        # This server's runtime folder names its process, so the next start can clear the
        # folders of servers that were killed (their kernels' sockets and connection files).
        if self.connection_dir:
            Path(self.connection_dir, SERVER_PID_FILE).write_text(str(os.getpid()))
        self._versioned = self._versioned_addresses()
        # A page served without a kernel needs none waiting for it in the pool.
        denylist = self.config.VoilaKernelManager.get("preheat_denylist", [])
        self.config.VoilaKernelManager.preheat_denylist = [
            *denylist,
            # Voila matches these against absolute paths when it fills the pools at start.
            *(f"(.*/)?{re.escape(self._relative(page))}$" for page in self._static_pages()),
        ]
        configuration = self.voila_configuration
        if configuration.multi_kernel_manager_class is AsyncMappingKernelManager:  # the default
            configuration.multi_kernel_manager_class = SeriesKernelManager
        settings = super().init_settings()
        attach_to_pool = getattr(self.kernel_manager, "attach_to_pool", None)
        if attach_to_pool is not None:
            attach_to_pool()
        # Voila builds its Tornado application from these settings and only then applies
        # `Voila.tornado_settings`, too late for the ones Tornado reads while building it:
        # `compress_response` from voila.json would otherwise never switch on gzip.
        settings = {**settings, **self.tornado_settings}
        gzip = [CachedGZip] if settings.get("compress_response") or settings.get("gzip") else []
        settings.setdefault("transforms", [*gzip, SecurityHeaders])
        settings["headers"] = {**SECURITY_HEADERS, **settings.get("headers", {})}
        cookie_kwargs = settings.get("xsrf_cookie_kwargs", {})
        settings["xsrf_cookie_kwargs"] = {"samesite": "Lax", **cookie_kwargs}
        settings.setdefault("websocket_max_message_size", WEBSOCKET_MAX_MESSAGE_BYTES)
        settings.setdefault("websocket_compression_options", WEBSOCKET_COMPRESSION)
        # jupyter_server's own handlers render their errors from these templates: ours first.
        server_env = settings["jinja2_env"]
        server_env.loader = ChoiceLoader([FileSystemLoader(ERROR_TEMPLATE_DIR), server_env.loader])
        return settings

    def start(self) -> None:
        remove_stale_runtime_folders(Path(self.connection_dir_root))
        super().start()

    def _versioned_addresses(self) -> VersionedAddresses:
        """Scripts and styles from addresses that name their content, cached for a year
        (lowback.site.caching); the page is pointed at them by Voila's page_config_hook, after
        any hook already configured."""
        versioned = VersionedAddresses(
            self.static_paths, self.labextensions_path, str(PICTURES_DIR)
        )
        # Kernels start with the server's environment (Voila adds to a copy of it): the
        # pages they run link the pictures and cue tones here rather than carry them.
        serve_assets(versioned.pictures_url(self.base_url), versioned.sounds_url(self.base_url))
        configuration = self.voila_configuration
        earlier = configuration.page_config_hook

        def page_config_hook(page_config: dict, **kwargs) -> dict:
            if earlier is not None:
                page_config = earlier(page_config, **kwargs)
            return versioned.rewrite_page_config(page_config, **kwargs)

        configuration.page_config_hook = page_config_hook
        return versioned

    def init_handlers(self) -> list:
        # Voila's /voila/query/<kernel id> kept every page view's request, query included, for
        # as long as the process ran, readable by anyone with the id (issue 26): nothing here
        # uses it, so the route goes and nothing is kept for it.
        RequestInfoSocketHandler.send_updates = classmethod(lambda cls, msg: None)
        handlers = [
            (route, REPLACED_HANDLERS.get(handler, handler), *rest)
            for route, handler, *rest in super().init_handlers()
            if handler is not RequestInfoSocketHandler
        ]
        # Tornado takes the first matching rule, so these come before Voila's tree and render
        # pages: an odd address (lowback.site.hardening) is refused whatever its route, the root
        # sends readers to the landing page, and pages without code are served without a kernel.
        too_long = Rule(LongAddress(), TooLongHandler)
        # Voila's file list would show a visitor every notebook and file beside them: the
        # series' own contents are on its landing page.
        no_tree = (
            url_path_join(self.server_url, r"voila/tree(/.*)?"),
            RedirectHandler,
            {"url": landing_url(self.base_url)},
        )
        refused = Rule(OddAddress(), BadRequestHandler)
        to_landing = (self.server_url, RedirectHandler, {"url": landing_url(self.base_url)})
        static_pages = []
        for page in self._static_pages():
            render_static_page(page)  # the first reader should not wait for nbconvert
            route = url_path_join(self.server_url, RENDER_ROUTE, re.escape(self._relative(page)))
            static_pages.append((route, StaticPageHandler, {"notebook": page}))
        # Voila's start() calls this after building the application and before listening.
        app = getattr(self, "app", None)
        if app is not None:
            app.listen = functools.partial(self.listen_on, app)
        versioned = self._versioned.handlers(self.server_url)
        light = light_frontend.handlers(self.server_url) if self.frontend == "light" else []
        return [
            too_long,
            refused,
            no_tree,
            to_landing,
            *static_pages,
            *versioned,
            *page_scripts.handlers(self.server_url),
            *light,
            *handlers,
        ]

    def listen_options(self) -> dict:
        """Options for Tornado's HTTP server: a bounded request body, refused before it is read;
        header, idle and body timeouts; a connection cap per client (lowback.site.listening);
        and, when listening on this machine only (behind a proxy such as nginx), the proxy's
        X-Real-IP and X-Forwarded-Proto, so the log names the reader's address and a cookie
        is marked Secure when the reader came over HTTPS. The proxy's own addresses are then
        not capped: nginx's per-client limit does that part."""
        behind_proxy = is_loopback(self.ip)
        return {
            "max_body_size": self.max_body_size,
            "xheaders": behind_proxy,
            "idle_connection_timeout": self.header_timeout,
            "body_timeout": self.body_timeout,
            "max_connections_per_client": self.max_connections_per_client,
            "uncapped_addresses": PROXY_ADDRESSES if behind_proxy else frozenset(),
        }

    def listen_on(self, app, port: int, address: str | None = None, **kwargs) -> SeriesHTTPServer:
        """Voila's `app.listen`, with the series' HTTP server and its options."""
        raise_descriptor_limit()
        server = SeriesHTTPServer(app, **{**self.listen_options(), **kwargs})
        server.listen(port, address)
        return server

    def _relative(self, page: Path) -> str:
        return page.relative_to(self.root_dir).as_posix()


if __name__ == "__main__":
    SeriesVoila.launch_instance()
