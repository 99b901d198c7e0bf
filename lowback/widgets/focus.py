"""FocusRequest: moves the reader's focus, and the page, to something a view just showed.

ipywidgets can focus its own controls but not an HTML element, so after "See my result" the
result would appear below the screen with nothing to say so. This small anywidget runs in the
page and, when the kernel asks, finds the element by its id, focuses it (a screen reader reads
it out) and scrolls it into view. It shows nothing itself.
"""

from __future__ import annotations

import re

import anywidget
import traitlets

__all__ = ["FocusRequest"]

_ESM = """
export default {
  render({ model, el }) {
    el.hidden = true;
    model.on("msg:custom", (msg) => {
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


class FocusRequest(anywidget.AnyWidget):
    """Focus, and scroll into view, the element with a given id, on request."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)

    def bring_into_view(self, element_id: str) -> None:
        if not _ID.match(element_id):
            raise ValueError(f"not an element id: {element_id!r}")
        self.send({"id": element_id})

    def __repr__(self) -> str:
        return "Moves the focus to a result when it appears."
