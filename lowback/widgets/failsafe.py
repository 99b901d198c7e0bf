"""What a reader sees when a control's code fails: a short, friendly message, never a traceback.

ipywidgets runs callbacks in the kernel; an exception there would otherwise vanish (Voila shows
nothing and the control just stops working) or, in JupyterLab, print a traceback. Every view
runs its callbacks through a FailSafe, which shows one plain sentence in the view and logs the
kind of failure for the maintainer: only the exception's type and the handler's name, never its
message, which could carry what the reader entered.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

FRIENDLY_MESSAGE = (
    "Sorry, something went wrong on this page. Please reload it. If it happens again, let "
    "whoever sent you the link know."
)

log = logging.getLogger("lowback.widgets")
# In a kernel, sys.stderr is sent to the page; the process's own stderr reaches the server's log.
_to_server_log = logging.StreamHandler(sys.__stderr__)
_to_server_log.setFormatter(logging.Formatter("[lowback] %(levelname)s %(message)s"))
log.addHandler(_to_server_log)
log.propagate = False


class FailSafe:
    """Wraps a view's callbacks; shows FRIENDLY_MESSAGE in `notice` when one of them fails."""

    def __init__(self, view_name: str) -> None:
        self.view_name = view_name
        self.notice = widgets.HTML()
        self.failed = False

    def __call__(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except Exception as error:  # a reader must never meet a traceback
                self.failed = True
                self.notice.value = (
                    f'<div class="lowback-panel lowback-panel--urgent" role="alert">'
                    f"{FRIENDLY_MESSAGE}</div>"
                )
                log.error(
                    "%s: %s failed with %s",
                    self.view_name,
                    getattr(handler, "__name__", "a callback"),
                    type(error).__name__,
                )
                return None

        return run
