"""Serve the series with Voila, opening on the landing page rather than a file listing.

`make serve` runs `python -m lowback.site.serve`. It is the standalone Voila server (no JupyterLab,
no contents API, no terminals) with these additions, all for readers on the public page:

- the root URL redirects to the landing notebook;
- a notebook without code is served as plain HTML, without a kernel (lowback.site.static_page);
- Voila's lab template is used less its CDN stylesheets (lowback/site/templates/voila_page);
- the Tornado settings in voila.json really apply (Voila 0.5 applies them too late for gzip),
  and each static file is compressed once, not for every visitor (CachedGZip);
- a preheated kernel handed to a visitor is safe from the culler until their page connects.

All other settings live in voila.json at the top of the repository, which Voila reads from the
directory it is started in, so Binder's Voila and this one share them.
"""

from __future__ import annotations

import re
from pathlib import Path

from jupyter_server._tz import utcnow
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado.httputil import HTTPHeaders, HTTPServerRequest
from tornado.web import GZipContentEncoding, RedirectHandler
from traitlets import default
from voila.app import Voila

from lowback.paths import LANDING_NOTEBOOK, NOTEBOOKS_DIR
from lowback.site.static_page import TEMPLATES_DIR, code_free_notebooks, render_static_page

VOILA_PAGE_TEMPLATE_DIR = TEMPLATES_DIR / "voila_page"


def landing_url(base_url: str = "/") -> str:
    """The address of the landing page under a Voila base URL."""
    return url_path_join(base_url, "voila/render", LANDING_NOTEBOOK)


def _count_handover_as_activity(kernel_manager) -> None:
    """Make handing a preheated kernel to a visitor count as activity, for the culler.

    Voila's pool shields the kernels waiting in it from culling, but not one it has just handed
    over: a kernel that waited longer than `cull_idle_timeout` would be culled at the next sweep,
    in the second before the visitor's page connects to it, and the page would never get its
    widgets. Touching `last_activity` at the handover gives the page a full timeout to connect.
    """
    take_from_pool = kernel_manager.get_rendered_notebook

    async def take_and_touch(*args, **kwargs):
        render_task, rendered_cache, kernel_id = await take_from_pool(*args, **kwargs)
        kernel_manager.get_kernel(kernel_id).last_activity = utcnow()
        return render_task, rendered_cache, kernel_id

    kernel_manager.get_rendered_notebook = take_and_touch


class CachedGZip(GZipContentEncoding):
    """Tornado's gzip, except that a static file is compressed once, not for every visitor.

    Every visitor fetches the same ~90 scripts of Voila's front end (about 5 MB). Compressing
    them on every request cost Voila's single thread about 150 ms per visitor (measured: 219 ms
    of Voila CPU for one visitor's assets with gzip, 72 ms without). A GET answered 200 with an
    Etag under a static prefix is kept compressed, keyed by path and Etag (a changed file has a
    new Etag), so its later requests send the same bytes without compressing them again.
    """

    STATIC_PREFIXES = ("/voila/static/", "/voila/labextensions/", "/voila/templates/")
    _compressed: dict[tuple[str, str], bytes] = {}

    def __init__(self, request: HTTPServerRequest) -> None:
        super().__init__(request)
        self._static = request.method == "GET" and request.path.startswith(self.STATIC_PREFIXES)
        self._path = request.path
        self._key: tuple[str, str] | None = None
        self._parts: list[bytes] = []
        self._replaying = False

    def transform_first_chunk(
        self, status_code: int, headers: HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, HTTPHeaders, bytes]:
        etag = headers.get("Etag")
        if self._gzipping and self._static and status_code == 200 and etag:
            self._key = (self._path, etag)
            cached = self._compressed.get(self._key)
            if cached is not None:
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
                self._compressed[self._key] = b"".join(self._parts)
        return chunk


class StaticPageHandler(JupyterHandler):
    """A notebook without code, as a page without scripts (lowback.site.static_page)."""

    def initialize(self, notebook: Path) -> None:
        self.notebook = notebook

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        # Like Voila's own pages: always fresh, so an edited notebook shows at once.
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
        self.finish(render_static_page(self.notebook))


class SeriesVoila(Voila):
    """Voila serving notebooks/ to the public: the additions listed at the top of this module."""

    @default("root_dir")
    def _default_root_dir(self) -> str:
        return str(NOTEBOOKS_DIR)

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # Found before Voila's own: Voila's lab template less its CDN stylesheets.
        self.template_paths.insert(0, str(VOILA_PAGE_TEMPLATE_DIR))

    def _static_pages(self) -> list[Path]:
        return code_free_notebooks(self.root_dir)

    def init_settings(self) -> dict:
        # A page served without a kernel needs none waiting for it in the pool.
        denylist = self.config.VoilaKernelManager.get("preheat_denylist", [])
        self.config.VoilaKernelManager.preheat_denylist = [
            *denylist,
            # Voila matches these against absolute paths when it fills the pools at start.
            *(f"(.*/)?{re.escape(self._relative(page))}$" for page in self._static_pages()),
        ]
        settings = super().init_settings()
        if hasattr(self.kernel_manager, "get_rendered_notebook"):  # a preheated pool
            _count_handover_as_activity(self.kernel_manager)
        # Voila builds its Tornado application from these settings and only then applies
        # `Voila.tornado_settings`, too late for the ones Tornado reads while building it:
        # `compress_response` from voila.json would otherwise never switch on gzip.
        settings = {**settings, **self.tornado_settings}
        if settings.get("compress_response") or settings.get("gzip"):
            settings.setdefault("transforms", [CachedGZip])
        return settings

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        # Tornado takes the first matching rule, so these come before Voila's tree and render
        # pages: the root sends readers to the landing page, and pages without code are served
        # without a kernel.
        to_landing = (self.server_url, RedirectHandler, {"url": landing_url(self.base_url)})
        static_pages = []
        for page in self._static_pages():
            render_static_page(page)  # the first reader should not wait for nbconvert
            route = url_path_join(self.server_url, "voila/render", re.escape(self._relative(page)))
            static_pages.append((route, StaticPageHandler, {"notebook": page}))
        return [to_landing, *static_pages, *handlers]

    def _relative(self, page: Path) -> str:
        return page.relative_to(self.root_dir).as_posix()


if __name__ == "__main__":
    SeriesVoila.launch_instance()
