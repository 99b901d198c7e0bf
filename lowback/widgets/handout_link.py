"""The printable handout as a page offers it: made when the reader asks, then a link to save it.

ipywidgets has no download button, so the handout is a link to a data: URL with a `download`
attribute. It works alike in Voila and in JupyterLab, with nothing sent back to the kernel.

It is made on request, not with the page: the PDF takes about a quarter of a CPU-second, fpdf2
as long again to import and some 20 MB of the kernel's memory, and as a data URL it would add
about 380 kB to every visit's widget state, for a sheet most visitors never print.
"""

from __future__ import annotations

import base64
import functools
from html import escape

import ipywidgets as widgets

from lowback.prescription import Prescription

__all__ = ["DOWNLOAD_TEXT", "MAKE_TEXT", "handout_link_html", "make_handout_button"]

MAKE_TEXT = "Make a printable handout (PDF)"
DOWNLOAD_TEXT = "Download the handout (PDF)"


def make_handout_button() -> widgets.Button:
    """The button that asks for the handout: as wide as its words, like the link it makes."""
    button = widgets.Button(description=MAKE_TEXT, button_style="primary")
    button.layout.width = "auto"
    button.layout.align_self = "flex-start"
    return button


@functools.lru_cache(maxsize=8)
def handout_link_html(prescription: Prescription, link: str | None, file_name: str) -> str:
    """A download link to the handout of `prescription` (printing `link`, if any, with its QR
    code), saved as `file_name`. The same settings give the same bytes, so going back to a
    dosage of a moment ago gives its handout at once."""
    from lowback.handout.pdf import handout_pdf  # only now: see the module's docstring

    pdf = base64.b64encode(handout_pdf(prescription, link)).decode("ascii")
    return (
        f'<p><a class="lowback-download" download="{escape(file_name, quote=True)}" '
        f'href="data:application/pdf;base64,{pdf}">{DOWNLOAD_TEXT}</a></p>'
    )
