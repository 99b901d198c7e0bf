"""PageHelper: the things a view asks of the page that ipywidgets cannot do.

- Focus: ipywidgets can focus its own controls but not an HTML element, so after "See my
  result" the result would appear below the screen with nothing to say so. On request this
  finds the element by its id, focuses it (a screen reader reads it out) and scrolls it into
  view.
- The saved quiz result (lowback.quiz_record): the quiz's latest outcome shown, kept in this
  browser's localStorage (never on the server) with the browser's own date, so the routine page
  need not ask whether the quiz was done; and removed on request.

It shows nothing itself.
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

_JS_DIR = Path(__file__).resolve().parent / "js"

_VIEW = """
export default {
  render({ model, el }) {
    el.hidden = true;
    model.on("msg:custom", (msg) => {
      if (!msg || typeof msg !== "object") return;
      const settings = model.get("quiz_record");
      if (typeof msg.keep_quiz_result === "string") {
        // Dated here, with the reader's own calendar: the kernel's clock is not theirs.
        keepQuizRecord(settings, msg.keep_quiz_result);
        return;
      }
      if (msg.forget_quiz_result === true) {
        forgetQuizRecord(settings);
        return;
      }
      if (typeof msg.id !== "string") return;
      let tries = 0;
      const look = () => {
        const target = document.getElementById(msg.id);
        if (target) {
          target.focus({ preventScroll: true });
          target.scrollIntoView({ block: "start" });
          return;
        }
        tries += 1;
        // Up to 10 s: on a slow phone or a busy server the result is drawn a while after.
        if (tries < 200) window.setTimeout(look, 50);
      };
      window.setTimeout(look, 30);
    });
  },
};
"""


@cache
def page_helper_esm() -> str:
    """The helper's ES module: the saved quiz result's functions, then the view."""
    return (_JS_DIR / "quiz_record.js").read_text(encoding="utf-8") + "\n" + _VIEW


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
