"""ViewHelper: what every view needs from the page around it, which ipywidgets does not do.

- When the view's kernel is gone (JupyterLab: Kernel > Restart, a crash, a shutdown), the view
  stays on screen and every click silently does nothing. The helper, the first thing in each
  view, then says so in the view itself: KERNEL_GONE in JupyterLab; on the Voila page the words
  of the page's own notice (PAGE_LOST), so the two never disagree. It listens to what the page
  already knows (ipywidgets' disconnect event and the kernel's status) and never polls the
  kernel, so an idle kernel stays idle and a server can cull it.
- In JupyterLab, a link from the view to a notebook beside it (the quiz's "Go to the routine",
  the routine's "Do the screening quiz first") opens that notebook inside JupyterLab, handled as
  JupyterLab handles a relative link in its own rendered HTML; on the Voila page it stays a
  plain relative link.

- It reports the page's own address (`page_url`: origin and path, no query) as the reader's
  browser sees it, so a view that prints a link (the clinicians' builder) never has to take an
  address from a request header, which anyone asking for a page can forge.

The browser's part is js/view_helper.js; it shows nothing until the kernel is gone.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import anywidget
import traitlets

from lowback.pages import PAGE_LOST

__all__ = ["KERNEL_GONE", "PAGE_LOST", "ViewHelper", "view_helper_esm"]

#: What a view says in JupyterLab once its kernel is gone.
KERNEL_GONE = "This part needs its Python kernel: run the notebook again (Run > Run All Cells)."
#: What it says on the Voila page: the same words as the page's own notice.

#: Built by `make frontend` from js/view_helper.js.
_JS = Path(__file__).resolve().parent / "js" / "dist" / "view_helper.js"


@cache
def view_helper_esm() -> str:
    return _JS.read_text(encoding="utf-8")


class ViewHelper(anywidget.AnyWidget):
    """Says so in the view when its kernel is gone; opens notebook links inside JupyterLab."""

    _esm = traitlets.Unicode(view_helper_esm()).tag(sync=True)
    words = traitlets.Dict({"lab": KERNEL_GONE, "voila": PAGE_LOST}).tag(sync=True)
    #: The page's address as the browser reports it ("" until then); a view checks it before
    #: any use (lowback.prescription.check_base_url), as it would any reader's input.
    page_url = traitlets.Unicode("").tag(sync=True)
    #: Only a view that prints links asks for the address: the others send nothing.
    wants_page_url = traitlets.Bool(False).tag(sync=True)

    def __repr__(self) -> str:
        return "Says so in the view when its kernel is gone."
