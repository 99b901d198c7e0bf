"""The series' own scripts on every page, served as files rather than written inline.

The page's Content-Security-Policy cannot yet refuse inline scripts (Voila writes about twenty of
its own: docs/upstream.md, 9), but the series adds none: its template (templates/voila_page and
voila_light) loads these from `voila/templates/voila_page/static/<name>?v=<digest>`, an address
that names the file's content, so a browser keeps it for a year.

- lost-connection.js: tells the reader, in words, to reload when the page has lost its kernel;
  its words come from lowback.pages (the template writes them into the tag's data-message).
- section-links.js: keeps a linked section's heading at the top while the page is drawn.
- figure-viewer.js: shows a figure full size.
- light-page.js: the light front end's page fetches no theme, and opens its kernel's websocket
  before its module has come (the module takes that socket over).

And one stylesheet, served the same way: lab-index.css, the part of nbconvert's JupyterLab
stylesheet the light pages can use (lowback.site.lab_css), linked by the light page in its place.

The template asks for an address with `{{ 'lost-connection.js' | lowback_script(base_url) }}` and
for a sentence with `{{ 'page_lost' | lowback_words }}` (`use_page_scripts` gives it both filters).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import HTTPError, StaticFileHandler

from lowback.pages import PAGE_LOST
from lowback.site.caching import IMMUTABLE
from lowback.site.static_page import TEMPLATES_DIR

SCRIPTS_DIR = TEMPLATES_DIR / "voila_page" / "static"
SCRIPTS = (
    "lost-connection.js",
    "section-links.js",
    "figure-viewer.js",
    "light-page.js",
)
STYLES = ("lab-index.css",)
FILES = SCRIPTS + STYLES
# Under Voila's own prefix for template files, so the server's compress-once cache keeps them.
ROUTE = "voila/templates/voila_page/static"
# The sentences a template may ask for, by name.
WORDS = {"page_lost": PAGE_LOST}
FILTERS = {"lowback_script": "script_url", "lowback_words": "words"}
DIGEST_LENGTH = 16


@functools.cache
def digest(name: str) -> str:
    """The first hex digits of the SHA-256 of a script's bytes (read once per server)."""
    if name not in FILES:
        raise KeyError(f"{name} is not one of the page's scripts or styles")
    return hashlib.sha256((SCRIPTS_DIR / name).read_bytes()).hexdigest()[:DIGEST_LENGTH]


def script_url(name: str, base_url: str = "/") -> str:
    """The address of one of the page's scripts, naming its content."""
    return f"{url_path_join(base_url or '/', ROUTE, name)}?v={digest(name)}"


def words(key: str) -> str:
    """A sentence of the page contract, by its name here."""
    return WORDS[key]


class PageScriptHandler(StaticFileHandler):
    """The page's scripts and styles and nothing else; kept for a year when asked for by their
    digest."""

    def initialize(self) -> None:
        super().initialize(path=str(SCRIPTS_DIR))

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        path = Path(absolute_path)
        if path.name not in FILES or path.parent != Path(root):
            raise HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def set_extra_headers(self, path: str) -> None:
        if self.get_query_argument("v", "") == digest(Path(path).name):
            self.set_header("Cache-Control", IMMUTABLE)
        else:
            self.set_header("Cache-Control", "no-cache")


def handlers(server_url: str) -> list[tuple]:
    """The scripts' route, to come before Voila's own template-file route."""
    return [(url_path_join(server_url, ROUTE, "(.*)"), PageScriptHandler)]


def use_page_scripts(app) -> None:
    """Give a Voila application's templates the two filters the series' page uses."""
    filters = dict(app.config.VoilaExporter.get("filters", {}))
    filters.update({name: f"{__name__}.{function}" for name, function in FILTERS.items()})
    app.config.VoilaExporter.filters = filters
