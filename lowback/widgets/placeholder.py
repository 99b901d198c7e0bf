"""What a view's cell output says where the view itself cannot be drawn.

A notebook keeps each view's output without its widget state, so wherever nothing runs the
view is replaced by what its output stores besides the widget: in JupyterLab before the cells
run (a notebook nobody has run here is not trusted, and JupyterLab then shows the output's HTML),
and on a code host (GitHub, or nbconvert's HTML, which skip a widget without its state). The
reader needs a different next step in each place, so the output stores both:

- ``text/plain``: one sentence within ipywidgets' 110-character limit (a longer text
  representation is cut with "…"), starting with the view's short name and a colon
  ("Screening quiz: …"): the Voila page names the view from it while the page loads;
- ``text/html``: the fuller fallback: in JupyterLab, run the cells (Run > Run All Cells); on a
  code host, the web page's address (the README's Binder badge) and how to serve it yourself.

Where the view can be drawn (JupyterLab once the cells ran, Voila), the widget's own mimetype
wins: JupyterLab's and Voila's widget renderers rank above HTML (nbconvert, like GitHub, draws
a widget only from widget state stored in the notebook, and the series stores none). So a view
adds the HTML to the bundle ipywidgets makes and changes nothing else in it. (The Voila page's
own "Getting the … ready" note, class lowback-placeholder, is another thing: this fallback never
shows there.)
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from lowback.pages import binder_route

__all__ = [
    "BINDER_REPOSITORY",
    "PLAIN_LIMIT",
    "Placeholder",
    "ShownWhenRun",
    "binder_lab_url",
    "binder_page_url",
]

#: The repository the README's Binder badges open; a fork changes it here and in the README
#: (a test checks they agree), then runs `make notebooks` so the stored outputs follow.
BINDER_REPOSITORY = "lowback-series/lowback-notebooks"
#: ipywidgets cuts a widget's text representation longer than this.
PLAIN_LIMIT = 110
RUN_ALL = "Run > Run All Cells"


def binder_page_url(notebook: str) -> str:
    """The notebook as a web page (Voila) on Binder, as the README's Voila badge opens it."""
    return f"https://mybinder.org/v2/gh/{BINDER_REPOSITORY}/HEAD?urlpath={binder_route(notebook)}"


def binder_lab_url(notebook: str) -> str:
    """The notebook in JupyterLab on Binder, as the README's JupyterLab badge opens it."""
    return (
        f"https://mybinder.org/v2/gh/{BINDER_REPOSITORY}/HEAD?urlpath=lab/tree/notebooks/{notebook}"
    )


@dataclass(frozen=True)
class Placeholder:
    """What a view's stored output says: its short name, what the reader does with it ("answer
    it"), the notebook whose web page shows it, and optionally one sentence about it."""

    name: str
    action: str
    notebook: str
    about: str = ""

    def __post_init__(self) -> None:
        if len(self.plain) > PLAIN_LIMIT:
            raise ValueError(f"{self.name}'s text is over {PLAIN_LIMIT} characters: {self.plain}")

    @property
    def plain(self) -> str:
        """One sentence, right in JupyterLab and pointing a code host's reader to the README."""
        return (
            f"{self.name}: run the cells to {self.action} ({RUN_ALL}); "
            "the README links its web page."
        )

    @property
    def html(self) -> str:
        """The fallback a code host and JupyterLab (before running) show: what to do in each."""
        about = f" {escape(self.about)}" if self.about else ""
        return (
            '<div class="lowback-stored-fallback">'
            f"<p><strong>{escape(self.name)}.</strong>{about} It appears here when the "
            "notebook's code runs.</p><ul>"
            f"<li><strong>In JupyterLab:</strong> run the cells ({escape(RUN_ALL)}) to "
            f"{escape(self.action)}.</li>"
            "<li><strong>On a code host such as GitHub, where nothing runs:</strong> open "
            f'<a href="{escape(binder_page_url(self.notebook), quote=True)}">this page as a web '
            "page on Binder</a> (the README's Voila badge) or "
            f'<a href="{escape(binder_lab_url(self.notebook), quote=True)}">in JupyterLab on '
            "Binder</a>; or clone the repository and run <code>make serve</code> for the web "
            "page, <code>make lab</code> for JupyterLab.</li></ul></div>"
        )


class ShownWhenRun:
    """Mixin for a view that is a cell's output (put it before the ipywidgets class): its text
    representation is its Placeholder's one sentence, and its output stores the Placeholder's
    HTML beside the widget."""

    def placeholder(self) -> Placeholder:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.placeholder().plain

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if bundle is None:  # no view to show: keep ipywidgets' answer
            return None
        return {**bundle, "text/html": self.placeholder().html}
