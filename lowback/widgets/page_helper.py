"""PageHelper: the things a view asks of the page that ipywidgets cannot do.

- Focus: ipywidgets can focus its own controls but not an HTML element, so after "See my
  result" the result would appear below the screen with nothing to say so. On request this
  finds the element by its id, focuses it (a screen reader reads it out) and scrolls it into
  view.
- The saved quiz result (lowback.quiz_record): the quiz's latest outcome shown, kept in this
  browser's localStorage (never on the server) with the browser's own date, so the routine page
  need not ask whether the quiz was done; and removed on request.

It shows nothing itself. Its browser part is js/page_helper.js.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import anywidget
import traitlets

from lowback.quiz_record import browser_settings, make_record

__all__ = ["PageHelper", "page_helper_esm"]

#: The helper's ES module, built by `make frontend` from js/page_helper.js (the view) and
#: js/quiz_record.js (the saved quiz result's functions).
_BUNDLE = Path(__file__).resolve().parent / "js" / "dist" / "page_helper.js"


@cache
def page_helper_esm() -> str:
    """The helper's ES module: the saved quiz result's functions, then the view."""
    return _BUNDLE.read_text(encoding="utf-8")


_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


class PageHelper(anywidget.AnyWidget):
    """Focus an element by id; keep or forget the quiz's result in this browser."""

    _esm = traitlets.Unicode(page_helper_esm()).tag(sync=True)
    # Where and how the record is kept: lowback.quiz_record, the one place that says.
    quiz_record = traitlets.Dict(browser_settings()).tag(sync=True)

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

    def __repr__(self) -> str:
        return "Helps the page: moves the focus to a result, keeps the quiz result in this browser."
