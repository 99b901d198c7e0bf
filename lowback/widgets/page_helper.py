"""PageHelper: the things a view asks of the page that ipywidgets cannot do.

- Focus: ipywidgets can focus its own controls but not an HTML element, so after "See my
  result" the result would appear below the screen with nothing to say so. On request this
  finds the element by its id, focuses it (a screen reader reads it out) and scrolls it into
  view.
- The saved quiz result (lowback.quiz_record): the quiz's latest outcome shown, kept in this
  browser's localStorage (never on the server) with the browser's own date, so the routine page
  need not ask whether the quiz was done; and removed on request.
- Where the reader is (lowback.regions): the region's id alone, as plain text ("uk"), kept in
  this browser's localStorage under lowback.pages.REGION_KEY, so the quiz and the routine page
  show the right emergency number without asking again. On render the browser tells the kernel
  the region it remembers (`remembered_region`, "" for none); the kernel tells the browser to
  keep or forget one. What comes back from a browser is hostile: only a REGION_IDS id counts.

- Links that lead nowhere safe: on a Voila page, the page's own links to one page (its file
  name in `hide_links_to`) are hidden until it is "" again; the quiz hides "Next: the routine"
  this way while the result shown is not "the routine may help". JupyterLab keeps every link.
- A tick box tapped in a checklist stays under the finger while the view grows above it.

It shows nothing itself. Its browser part is js/page_helper.js.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import anywidget
import traitlets

from lowback.pages import PAGES, REGION_KEY
from lowback.quiz_record import browser_settings, make_record
from lowback.regions import REGION_IDS

__all__ = ["PageHelper", "page_helper_esm", "region_memory_settings"]

#: The helper's ES module, built by `make frontend` from js/page_helper.js (the view) and
#: js/quiz_record.js (the saved quiz result's functions) and js/region_memory.js (the region).
_BUNDLE = Path(__file__).resolve().parent / "js" / "dist" / "page_helper.js"


@cache
def page_helper_esm() -> str:
    """The helper's ES module: the saved quiz result's functions, then the view."""
    return _BUNDLE.read_text(encoding="utf-8")


def region_memory_settings() -> dict[str, object]:
    """What js/region_memory.js is handed: the storage key and the region ids it may keep or
    read back (anything else in storage counts as no region)."""
    return {"key": REGION_KEY, "ids": list(REGION_IDS)}


_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


class PageHelper(anywidget.AnyWidget):
    """Focus an element by id; keep or forget the quiz's result and the reader's region in this
    browser."""

    _esm = traitlets.Unicode(page_helper_esm()).tag(sync=True)
    # Where and how the record is kept: lowback.quiz_record, the one place that says.
    quiz_record = traitlets.Dict(browser_settings()).tag(sync=True)
    # Where the region is kept, and the region this browser remembered when the page opened:
    # set by the browser, so anything at all; a view uses it only if it is in REGION_IDS.
    region_memory = traitlets.Dict(region_memory_settings()).tag(sync=True)
    remembered_region = traitlets.Unicode("").tag(sync=True)
    # The page whose links this page hides (one of lowback.pages.PAGES), or "" for none.
    hide_links_to = traitlets.Unicode("").tag(sync=True)

    def hide_links(self, notebook: str | None) -> None:
        """Hide the page's own links to `notebook` (a page of the series); None shows them."""
        if notebook is not None and notebook not in PAGES:
            raise ValueError(f"not a page of the series: {notebook!r}")
        self.hide_links_to = notebook or ""

    def bring_into_view(self, element_id: str) -> None:
        if not _ID.match(element_id):
            raise ValueError(f"not an element id: {element_id!r}")
        self.send({"id": element_id})

    def keep_quiz_result(self, outcome: str) -> None:
        """Replace the saved quiz result with `outcome`, dated by the browser when it writes."""
        make_record(outcome, date.today())  # refuses anything but an outcome of the rules
        self.send({"keep_quiz_result": outcome})

    def forget_quiz_result(self) -> None:
        """Remove the saved quiz result from this browser."""
        self.send({"forget_quiz_result": True})

    def keep_region(self, region_id: str) -> None:
        """Remember in this browser where the reader is (a lowback.regions id)."""
        if region_id not in REGION_IDS:
            raise ValueError(f"region must be one of {', '.join(REGION_IDS)}: not {region_id!r}")
        self.send({"keep_region": region_id})

    def forget_region(self) -> None:
        """Forget in this browser where the reader is."""
        self.send({"forget_region": True})

    def __repr__(self) -> str:
        return (
            "Helps the page: moves the focus to a result, keeps the quiz result and where you "
            "are in this browser."
        )
