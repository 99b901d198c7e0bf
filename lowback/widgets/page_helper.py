"""PageHelper: the two things a view asks of the page that ipywidgets cannot do.

- Focus: ipywidgets can focus its own controls but not an HTML element, so after "See my
  result" the result would appear below the screen with nothing to say so. On request this
  finds the element by its id, focuses it (a screen reader reads it out) and scrolls it into
  view.
- Remember: a note kept in this browser's localStorage (never on the server), such as "the quiz
  said the routine may help", which the routine page reads so it does not ask again.

It shows nothing itself.
"""

from __future__ import annotations

import re

import anywidget
import traitlets

__all__ = ["QUIZ_MEMORY_KEY", "PageHelper"]

#: Where the quiz notes a "routine may help" result (read by the routine's player, in
#: js/player_view.js, as "lowback." + this key).
QUIZ_MEMORY_KEY = "quiz.v1"

_ESM = """
export default {
  render({ model, el }) {
    el.hidden = true;
    model.on("msg:custom", (msg) => {
      if (msg && typeof msg.remember === "string") {
        try {
          window.localStorage.setItem(`lowback.${msg.remember}`, JSON.stringify(msg.value));
        } catch (error) {
          // Storage switched off or full: the reader is asked again next time, that is all.
        }
        return;
      }
      if (!msg || typeof msg.id !== "string") return;
      let tries = 0;
      const look = () => {
        const target = document.getElementById(msg.id);
        if (target) {
          target.focus({ preventScroll: true });
          target.scrollIntoView({ block: "start" });
          return;
        }
        tries += 1;
        if (tries < 40) window.setTimeout(look, 50);
      };
      window.setTimeout(look, 30);
    });
  },
};
"""

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_KEY = re.compile(r"^[a-z][a-z0-9_.]{0,31}$")


class PageHelper(anywidget.AnyWidget):
    """Focus an element by id; keep a small note in this browser."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)

    def bring_into_view(self, element_id: str) -> None:
        if not _ID.match(element_id):
            raise ValueError(f"not an element id: {element_id!r}")
        self.send({"id": element_id})

    def remember(self, key: str, value: dict) -> None:
        """Keep `value` (small, JSON) in this browser's localStorage as "lowback.<key>"."""
        if not _KEY.match(key):
            raise ValueError(f"not a memory key: {key!r}")
        self.send({"remember": key, "value": value})

    def __repr__(self) -> str:
        return "Helps the page: moves the focus to a result, keeps a note in this browser."
