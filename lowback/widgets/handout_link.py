"""The printable handout as a page offers it: made when the reader asks, then a link to save it.

ipywidgets has no download button, so the handout is a link to a data: URL with a `download`
attribute. It works alike in Voila and in JupyterLab, with nothing sent back to the kernel.

It is made on request, not with the page: the PDF takes a quarter of a CPU-second (up to about
one when a long note and link make it try smaller type to stay on two pages), fpdf2 as long
again to import and some 20 MB of the kernel's memory, and as a data URL it would add about
380 kB to every visit's widget state, for a sheet most visitors never print.

`HandoutMaker` makes at most one handout every MIN_INTERVAL_S per view: a click sooner is
coalesced into one handout made when the interval is up, for the settings then asked for. Two
kernels sent clicks with changing settings as fast as their sockets allowed kept both cores busy
for minutes after their pages had gone (issue 26, item 8); now a queue of clicks costs a few
microseconds each and one handout at the end.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import time
from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as widgets

from lowback.prescription import Prescription

__all__ = [
    "DOWNLOAD_TEXT",
    "MAKE_TEXT",
    "MAKING_TEXT",
    "HandoutMaker",
    "handout_link_html",
    "make_handout_button",
]

MAKE_TEXT = "Make a printable handout (PDF)"
DOWNLOAD_TEXT = "Download the handout (PDF)"
MAKING_TEXT = "Making the handout..."
#: The shortest time between two handouts of one view, in seconds.
MIN_INTERVAL_S = 2.0


def make_handout_button() -> widgets.Button:
    """The button that asks for the handout: as wide as its words, like the link it makes."""
    button = widgets.Button(description=MAKE_TEXT, button_style="primary")
    button.layout.width = "auto"
    button.layout.align_self = "flex-start"
    return button


def handout_link_html(
    prescription: Prescription,
    link: str | None,
    file_name: str,
    origin: str = "own",
    today: date | None = None,
) -> str:
    """A download link to the handout of `prescription` (printing `link`, if any, with its QR
    code), saved as `file_name`, saying whose settings they are (`origin`, as
    lowback.signed_link says) and dated `today` (by default the kernel's date today)."""
    return _handout_link_html(prescription, link, file_name, origin, today or date.today())


@functools.lru_cache(maxsize=8)
def _handout_link_html(
    prescription: Prescription, link: str | None, file_name: str, origin: str, today: date
) -> str:
    # The same settings give the same bytes, so going back to a dosage of a moment ago gives
    # its handout at once.
    from lowback.handout.pdf import handout_pdf  # only now: see the module's docstring

    made = handout_pdf(prescription, link, origin=origin, today=today)
    pdf = base64.b64encode(made).decode("ascii")
    return (
        f'<p><a class="lowback-download" download="{escape(file_name, quote=True)}" '
        f'href="data:application/pdf;base64,{pdf}">{DOWNLOAD_TEXT}</a></p>'
    )


def _kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the kernel this runs in, or None outside a kernel. (Another library's
    loop, such as a browser driver's in the same process, is not one to schedule handouts on.)"""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class HandoutMaker:
    """Makes a view's handout into `output` (an HTML widget), at most one every
    MIN_INTERVAL_S; asks sooner are coalesced into one, for the latest settings asked for."""

    def __init__(
        self,
        output: widgets.HTML,
        *,
        min_interval_s: float = MIN_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        loop: Callable[[], asyncio.AbstractEventLoop | None] = _kernel_loop,
    ) -> None:
        self.output = output
        self._loop = loop
        self.min_interval_s = min_interval_s
        self.clock = clock
        self.made = 0  # how many handouts were made (for the tests)
        self._last = float("-inf")
        self._wanted: tuple[Prescription, str | None, str, str] | None = None
        self._scheduled = False

    def request(
        self, prescription: Prescription, link: str | None, file_name: str, origin: str = "own"
    ) -> None:
        """Ask for the handout of these settings (whose they are: `origin`, as
        lowback.signed_link says): made now, or as soon as the interval allows."""
        self._wanted = (prescription, link, file_name, origin)
        wait_s = self._last + self.min_interval_s - self.clock()
        if wait_s <= 0:
            self._make()
            return
        if self._scheduled:
            return  # one is on its way: it will take these settings
        loop = self._loop()
        if loop is None:  # not in a kernel (a script, a test): nobody floods it, make it now
            self._make()
            return
        self._scheduled = True
        self.output.value = f'<p role="status">{MAKING_TEXT}</p>'
        loop.call_later(wait_s, self._make)

    def cancel(self) -> None:
        """Forget a handout asked for and not yet made (the settings changed)."""
        self._wanted = None

    def _make(self) -> None:
        self._scheduled = False
        wanted, self._wanted = self._wanted, None
        if wanted is None:
            if self.output.value.endswith(f"{MAKING_TEXT}</p>"):
                self.output.value = ""
            return
        self.made += 1
        self.output.value = handout_link_html(*wanted)
        self._last = self.clock()  # from the end of this one: at most half a core, however fast
