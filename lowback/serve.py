"""Serve the series with Voila, opening on the landing page rather than a file listing.

`make serve` runs `python -m lowback.serve`. It is the standalone Voila server (no JupyterLab, no
contents API, no terminals) with one addition: the root URL redirects to the landing notebook.
All other settings live in voila.json at the top of the repository, which Voila reads from the
directory it is started in, so Binder's Voila and this one share them.
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from traitlets import default
from voila.app import Voila

from lowback.paths import LANDING_NOTEBOOK, NOTEBOOKS_DIR


def landing_url(base_url: str = "/") -> str:
    """The address of the landing page under a Voila base URL."""
    return url_path_join(base_url, "voila/render", LANDING_NOTEBOOK)


class SeriesVoila(Voila):
    """Voila serving notebooks/, with the root URL sending readers to the landing page."""

    @default("root_dir")
    def _default_root_dir(self) -> str:
        return str(NOTEBOOKS_DIR)

    def init_handlers(self) -> list:
        handlers = super().init_handlers()
        # Tornado takes the first matching rule, so this must come before Voila's tree page.
        to_landing = (self.server_url, RedirectHandler, {"url": landing_url(self.base_url)})
        return [to_landing, *handlers]


if __name__ == "__main__":
    SeriesVoila.launch_instance()
