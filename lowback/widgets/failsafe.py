"""What a reader sees when a control's code fails: a short, friendly message, never a traceback.

ipywidgets runs callbacks in the kernel; an exception there would otherwise vanish (Voila shows
nothing and the control just stops working) or, in JupyterLab, print a traceback. Every view
runs its callbacks through a FailSafe, which shows one plain sentence in the view and logs the
kind of failure for the maintainer: only the exception's type and the handler's name, never its
message, which could carry what the reader entered.

The browser can also send a widget a value no reader could enter (a list for a number, an
option index of 99, a button message that is not a click). ipywidgets raises inside the kernel,
the page freezes and a traceback is logged for each message. `guard_widget_messages`, run when
this module is imported (before any view builds its widgets), catches those: the browser's
copy of the widget is set back to the kernel's, the view that holds it shows FRIENDLY_MESSAGE,
the log gets one line (widget class and error type), and the page keeps working.
"""

from __future__ import annotations

import functools
import logging
import sys
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets

try:  # every live widget, by model id (ipywidgets 8; without it, every view shows the notice)
    from ipywidgets.widgets.widget import _instances as _all_widgets
except ImportError:  # pragma: no cover
    _all_widgets: dict = {}

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


# What ipywidgets' front end sends a widget: new values, a request for them all, and events
# ("click", "submit") as custom messages.
_PAGE_METHODS = frozenset({"update", "request_state", "custom"})
_NOTICE_HTML = (
    f'<div class="lowback-panel lowback-panel--urgent" role="alert">{FRIENDLY_MESSAGE}</div>'
)


class FailSafe:
    """Wraps a view's callbacks; shows FRIENDLY_MESSAGE in `notice` when one of them fails."""

    _live: weakref.WeakSet[FailSafe] = weakref.WeakSet()

    def __init__(self, view_name: str) -> None:
        self.view_name = view_name
        self.notice = widgets.HTML()
        self.failed = False
        FailSafe._live.add(self)

    def __call__(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except Exception as error:  # a reader must never meet a traceback
                self.failed = True
                self.notice.value = _NOTICE_HTML
                log.error(
                    "%s: %s failed with %s",
                    self.view_name,
                    getattr(handler, "__name__", "a callback"),
                    type(error).__name__,
                )
                return None

        return run


def _parts(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    """A widget, its layout and style, and the same for every widget inside it."""
    yield widget
    for name in ("layout", "style"):
        part = getattr(widget, name, None)
        if isinstance(part, widgets.Widget):
            yield part
    for child in getattr(widget, "children", ()):
        if isinstance(child, widgets.Widget):
            yield from _parts(child)


def _failsafes_holding(widget: widgets.Widget) -> list[FailSafe]:
    """The FailSafes of the views that hold `widget`; all of them if none is found."""
    live = list(FailSafe._live)
    views = [
        (failsafe, box)
        for box in list(_all_widgets.values())
        if isinstance(box, widgets.Box)
        for failsafe in live
        if failsafe.notice in box.children
    ]
    holding = [failsafe for failsafe, box in views if any(p is widget for p in _parts(box))]
    return holding or live


def _refuse(widget: widgets.Widget, error: Exception) -> None:
    log.error("widget message refused: %s raised %s", type(widget).__name__, type(error).__name__)
    try:
        widget.send_state()  # the browser shows the kernel's value again, not the one sent
    except Exception as resend_error:  # the page is told below either way
        log.error("could not resend a widget's state: %s", type(resend_error).__name__)
    for failsafe in _failsafes_holding(widget):
        failsafe.notice.value = _NOTICE_HTML


def check_widget_message(widget: widgets.Widget, msg: dict) -> None:
    """Raise if the browser's message is not one the page sends, or sets a value the widget
    would refuse. Checked before ipywidgets handles it, because ipywidgets catches its own
    errors only to print their traceback to the page."""
    data = msg["content"]["data"]
    method = data["method"]
    if method not in _PAGE_METHODS:
        raise ValueError("a widget message the page never sends")
    if method == "custom" and not isinstance(data.get("content"), dict):
        raise ValueError("an event that is not what a click sends")
    if method != "update" or "state" not in data:
        return
    state = data["state"]
    if not isinstance(state, dict):
        raise ValueError("widget state that is not a mapping")
    if data.get("buffer_paths"):
        return  # binary values arrive apart from the state: ipywidgets checks them itself
    for name, value in state.items():
        if name in widget.keys:
            from_json = widget.trait_metadata(name, "from_json", widget._trait_from_json)
            widget.traits()[name]._validate(widget, from_json(value, widget))


def guard_widget_messages() -> None:
    """Check every widget message from the browser before ipywidgets handles it (see the top of
    this module). Idempotent; applies to widgets created afterwards, which is every view's."""
    handle = widgets.Widget._handle_msg
    if getattr(handle, "lowback_guarded", False):
        return

    @functools.wraps(handle)
    def guarded(self: widgets.Widget, msg: dict) -> None:
        try:
            check_widget_message(self, msg)
        except Exception as error:  # a hostile value: the reader must never meet a traceback
            _refuse(self, error)
            return
        handle(self, msg)

    guarded.lowback_guarded = True  # type: ignore[attr-defined]
    widgets.Widget._handle_msg = guarded


guard_widget_messages()
