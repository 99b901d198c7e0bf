"""The light front end of the series' Voila pages: `--SeriesVoila.frontend=light`.

Voila's lab front end starts a JupyterLab application with its plugins and federated lab
extensions (about 95 files, 4.6 MB of scripts) to draw a page's outputs and widgets. The light
one is a single ES module with ipywidgets' controls, anywidget and the kernel connection,
built from lowback/site/frontend (`make frontend`, esbuild) into
lowback/site/templates/voila_light/static/, whose files are named by the SHA-256 of their
bytes and listed in its manifest.json. Built files are kept in the repository: serving needs
no Node.

- The page: lowback/site/templates/voila_light/index.html.j2 extends the series' page
  (lowback/site/templates/voila_page) and replaces only what loads the lab front end.
- Its files: served at STATIC_ROUTE by `LightStaticFileHandler`, cached for a year (their names
  change with their bytes).
- The template finds their addresses through the `light_frontend_url` Jinja filter
  (`asset_url`) and `light_frontend_preloads` (`preload_urls`), registered on Voila's
  exporter by `use_light_frontend`.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import HTTPError, StaticFileHandler

from lowback.site.caching import IMMUTABLE
from lowback.site.static_page import TEMPLATES_DIR

FRONTENDS = ("lab", "light")
LIGHT_TEMPLATE_DIR = TEMPLATES_DIR / "voila_light"
STATIC_DIR = LIGHT_TEMPLATE_DIR / "static"
MANIFEST = STATIC_DIR / "manifest.json"
# Under Voila's own prefix for template files, so the server's compress-once cache keeps them.
STATIC_ROUTE = "voila/templates/voila_light/static"
# The Jinja filters the template uses: {{ 'main.js' | light_frontend_url(base_url) }} and
# {% for url in base_url | light_frontend_preloads %}.
FILTERS = {"light_frontend_url": "asset_url", "light_frontend_preloads": "preload_urls"}
# A built file: a stem, a dash, the first 16 hex digits of the SHA-256 of its bytes.
BUILT_NAME = re.compile(r"[a-z][a-z0-9._]*-[0-9a-f]{16}\.(js|css)")


@functools.cache
def manifest() -> dict:
    """What the build wrote: {"entries": {"main.js": ..., "style.css": ...}, "preload": [...],
    "files": [...]}. Read once; a server is restarted after `make frontend`."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def asset_url(name: str, base_url: str = "/") -> str:
    """The address of a built file, by its entry name ("main.js", "style.css") or its file name
    (as the manifest's "preload" lists them)."""
    entries = manifest()["entries"]
    file = entries.get(name, name)
    if file not in manifest()["files"]:
        raise KeyError(f"{name} is not part of the light front end's build")
    return url_path_join(base_url or "/", STATIC_ROUTE, file)


def preload_urls(base_url: str = "/") -> list[str]:
    """The addresses of what the page's module imports at once, to fetch together with it."""
    return [asset_url(name, base_url) for name in manifest()["preload"]]


class LightStaticFileHandler(StaticFileHandler):
    """The built files, and nothing else: each name carries its content's hash, so a browser
    keeps it for a year without asking again."""

    def initialize(self) -> None:
        super().initialize(path=str(STATIC_DIR))

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        if not BUILT_NAME.fullmatch(Path(absolute_path).name) or Path(absolute_path).parent != Path(
            root
        ):
            raise HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", IMMUTABLE)


def handlers(server_url: str) -> list[tuple]:
    """The route of the built files, to come before Voila's own template-file route."""
    return [(url_path_join(server_url, STATIC_ROUTE, "(.*)"), LightStaticFileHandler)]


def use_light_frontend(app) -> None:
    """Point a Voila application at the light page: its template first on the template path
    (with the folder of the series' templates, which it extends), and the filters it uses.
    Without the built files the server does not start (rather than fail on every page)."""
    try:
        missing = [name for name in manifest()["files"] if not (STATIC_DIR / name).is_file()]
    except (OSError, ValueError, KeyError) as error:
        message = f"The light front end is not built ({error}): run `make frontend`"
        raise RuntimeError(message) from error
    if missing:
        raise RuntimeError(f"The light front end lacks {missing}: run `make frontend`")
    app.template_paths[0:0] = [str(LIGHT_TEMPLATE_DIR), str(TEMPLATES_DIR)]
    filters = dict(app.config.VoilaExporter.get("filters", {}))
    filters.update({name: f"{__name__}.{function}" for name, function in FILTERS.items()})
    app.config.VoilaExporter.filters = filters
