"""The handout as an A4 PDF, laid out with fpdf2: two pages at most.

Page one: the title, what the physiotherapist set, their note, a one-line stop rule, and the
steps with their pictures. Page two: when to stop, when to call emergency services, how often
and what is normal, and the link with its QR code.

Reproducible byte for byte: the creation date is fixed (CREATION_DATE), fpdf2's file id is a
hash of the content, its font subsets have a fixed tag, and nothing else varies, so the same
prescription and link always give the same bytes (tests check it across interpreters).

Text is set in DejaVu Sans, read from Matplotlib's own font files (a pinned dependency of the
series), found without importing Matplotlib: it covers Latin, Greek and Cyrillic scripts, so a
note in Polish or Greek prints as typed. A character the font lacks (Chinese, emoji) prints as
an empty box; the PDF is still made.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

import lowback.handout.words as words
from lowback.drawing.catalogue import FRAME_ALT_TEXT, FRAME_TITLES
from lowback.drawing.pictures import frame_png
from lowback.handout.qr import qr_code
from lowback.prescription import Prescription, check_link

__all__ = ["CREATION_DATE", "handout_pdf"]

# Fixed, so the same input gives the same bytes; it is the series' version date, not today.
CREATION_DATE = datetime(2026, 1, 1, tzinfo=UTC)

PAGE_W, MARGIN = 210.0, 16.0
CONTENT_W = PAGE_W - 2 * MARGIN
FONT = "DejaVu"
# Colours: text near-black; Okabe-Ito blue for the dosage, vermillion for stop and emergency.
INK = (26, 26, 26)
GREY = (85, 85, 85)
BLUE = (0, 114, 178)
BLUE_TINT = (227, 239, 248)
VERMILLION = (213, 94, 0)
VERMILLION_TINT = (251, 233, 223)
# Vermillion darkened for text, so small print keeps a contrast of 6:1 on white paper.
VERMILLION_TEXT = (160, 60, 0)
NOTE_TINT = (244, 244, 244)
# The frames are 1000 x 450 pixels. Two to a row they print 86 mm wide (about 300 dpi); when a
# long note leaves less room, one to a row beside their text, at the first of these widths that
# lets all four fit on the first page.
FRAME_ASPECT = 450 / 1000
CARD_GAP = 6.0
ROW_PICTURE_W = (66.0, 58.0, 50.0, 44.0)
# A module of half a millimetre scans easily from paper; short links get a larger code.
QR_MODULE_MM = 0.5
QR_MIN_MM = 40.0
QR_MAX_MM = 56.0
QR_FLOOR_MODULE_MM = 0.33
HEADING_13_MM = 8.0  # a 13 pt heading and the space under it
# A longer link is printed cut short: nobody types it, and the code and the click carry it whole.
LINK_PRINT_CHARS = 240


@functools.cache
def _font_files() -> dict[str, Path]:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the handout needs Matplotlib's DejaVu Sans font files")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf"}


class _Handout(FPDF):
    scratch: _Handout  # where a part is printed first to measure it (see _height)
    measuring = False  # True for the scratch document

    def multi_cell(self, *args, **kwargs):
        # Ragged right: justified text opens wide gaps in narrow columns, hard to read.
        kwargs.setdefault("align", "L")
        return super().multi_cell(*args, **kwargs)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(CONTENT_W - 20, 5, words.FOOTER)
        self.cell(20, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def _new_document() -> _Handout:
    pdf = _Handout(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_margins(MARGIN, 14, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    for style, path in _font_files().items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_lang("en-GB")
    pdf.set_title(words.TITLE)
    pdf.set_subject("A side-lying routine for pain beside the PSIS, as a physiotherapist set it")
    pdf.set_author("The lowback notebook series")
    pdf.set_creator("lowback.handout")
    pdf.alias_nb_pages()
    return pdf


def _heading(pdf: FPDF, text: str, size: float = 14) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*INK)
    pdf.cell(CONTENT_W, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _height(pdf: _Handout, draw) -> float | None:
    """How tall what `draw` prints from here would be, or None if it would not fit on this
    page. Measured by printing it on a scratch document with the same page and margins:
    fpdf2's own offset_rendering copies the whole document, fonts included, each time."""
    scratch = pdf.scratch
    scratch.add_page()
    scratch.set_xy(pdf.get_x(), pdf.get_y())
    page, top = scratch.page, scratch.get_y()
    draw(scratch)
    if scratch.page != page or scratch.get_y() > pdf.page_break_trigger:
        return None
    return scratch.get_y() - top


def _panel(pdf: FPDF, bar, tint, draw) -> None:
    """A tinted panel with a coloured bar on its left, around whatever `draw` prints: measured
    first without printing, and started on a new page if it would not fit on this one."""
    measure = functools.partial(_panel_body, draw=draw)
    height = _height(pdf, measure)
    if height is None:
        pdf.add_page()
        height = _height(pdf, measure) or pdf.eph
    top = pdf.get_y()
    pdf.set_fill_color(*tint)
    pdf.rect(MARGIN, top, CONTENT_W, height, style="F")
    pdf.set_fill_color(*bar)
    pdf.rect(MARGIN, top, 2.2, height, style="F")
    _panel_body(pdf, draw)
    pdf.set_y(top + height + 3)


def _panel_body(pdf: FPDF, draw) -> None:
    pdf.set_left_margin(MARGIN + 6)
    pdf.set_right_margin(MARGIN + 4)
    pdf.set_x(MARGIN + 6)
    pdf.ln(3)
    try:
        draw(pdf)
    finally:
        pdf.set_left_margin(MARGIN)
        pdf.set_right_margin(MARGIN)
    pdf.ln(1.5)


def _inner_w(pdf: FPDF) -> float:
    return pdf.w - pdf.l_margin - pdf.r_margin


def _para(pdf: FPDF, text: str, size: float = 11, style: str = "", gap: float = 1.5) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*INK)
    pdf.multi_cell(_inner_w(pdf), size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if gap:
        pdf.ln(gap)


def _bullets(pdf: FPDF, items, size: float = 11) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*INK)
    for item in items:
        pdf.cell(5, size * 0.5, "•")
        pdf.multi_cell(_inner_w(pdf) - 5, size * 0.5, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.6)


#: The handout's headings for the plan and its note, by whose settings they are
#: (lowback.signed_link): only a signed, unedited link speaks as the physiotherapist.
HEADINGS = {
    "physio": ("What your physiotherapist set", "Note from your physiotherapist"),
    "link": ("The plan in the link", "Note in the link"),
    "own": ("Your settings", "Note"),
}


def _dosage(p: Prescription, heading: str):
    def draw(pdf: FPDF) -> None:
        _para(pdf, heading, 13, "B", gap=1.5)
        column_w = _inner_w(pdf) / 2
        rows = words.dosage_rows(p)
        for left, right in zip(rows[::2], rows[1::2], strict=True):
            top = pdf.get_y()
            bottom = top
            for column, (label, value) in enumerate((left, right)):
                pdf.set_xy(pdf.l_margin + column * column_w, top)
                pdf.set_font(FONT, "", 11)
                pdf.set_text_color(*INK)
                pdf.multi_cell(
                    column_w - 3,
                    5.6,
                    f"**{label}:** {value}",
                    markdown=True,
                    new_x=XPos.LEFT,
                    new_y=YPos.NEXT,
                )
                bottom = max(bottom, pdf.get_y())
            pdf.set_xy(pdf.l_margin, bottom + 0.6)

    return draw


def _note(note: str, heading: str):
    def draw(pdf: FPDF) -> None:
        _para(pdf, heading, 12, "B", gap=1)
        _para(pdf, note, 11.5, gap=0)

    return draw


def _stop_short(pdf: FPDF) -> None:
    pdf.set_font(FONT, "B", 10.5)
    pdf.set_text_color(*VERMILLION_TEXT)
    pdf.multi_cell(CONTENT_W, 5.2, words.STOP_SHORT, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(3)


def _step_title(number: int, title: str) -> str:
    return f"{number}. {title}"


def _frame_image(pdf: _Handout, p: Prescription, frame: str, x: float, y: float, w: float) -> float:
    """Draw a frame of the routine at (x, y), `w` wide, framed by a thin line; its height."""
    h = w * FRAME_ASPECT
    if pdf.measuring:  # only its size matters there
        return h
    pdf.image(
        io.BytesIO(frame_png(frame, p.side)),
        x=x,
        y=y,
        w=w,
        h=h,
        alt_text=f"{FRAME_TITLES[frame]}. {FRAME_ALT_TEXT[frame]}",
    )
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(x, y, w, h)
    return h


def _cards(pdf: FPDF, p: Prescription, pictured) -> None:
    """Steps with a picture as cards, two to a row, the text under the picture."""
    card_w = (CONTENT_W - CARD_GAP) / 2
    for row in range(0, len(pictured), 2):
        top = pdf.get_y()
        bottom = top
        for column, (number, step) in enumerate(pictured[row : row + 2]):
            x = MARGIN + column * (card_w + CARD_GAP)
            picture_h = _frame_image(pdf, p, step.frame, x, top, card_w)
            pdf.set_xy(x, top + picture_h + 1.5)
            pdf.set_font(FONT, "B", 11)
            pdf.set_text_color(*INK)
            title = _step_title(number, step.title)
            pdf.cell(card_w, 5.5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(card_w, 4.8, step.text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottom = max(bottom, pdf.get_y())
        pdf.set_xy(MARGIN, bottom + 3)


def _rows(pdf: FPDF, p: Prescription, pictured, picture_w: float) -> None:
    """Steps with a picture one to a row, the text beside a picture `picture_w` wide."""
    text_x = MARGIN + picture_w + 4
    text_w = CONTENT_W - picture_w - 4
    for number, step in pictured:
        top = pdf.get_y()
        picture_h = _frame_image(pdf, p, step.frame, MARGIN, top, picture_w)
        pdf.set_xy(text_x, top)
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(*INK)
        pdf.cell(text_w, 5.5, _step_title(number, step.title), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(text_w, 4.8, step.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), top + picture_h) + 2.5)


def _steps(pdf: FPDF, p: Prescription) -> None:
    """The steps with a picture on this page: as large cards if they fit, else in rows with
    smaller pictures (a long note leaves less room); then the others, as a numbered list."""
    _heading(pdf, "The steps")
    numbered = list(enumerate(words.steps(p), 1))
    pictured = [(n, step) for n, step in numbered if step.frame is not None]
    layouts = [lambda target: _cards(target, p, pictured)]
    layouts += [
        lambda target, w=picture_w: _rows(target, p, pictured, w) for picture_w in ROW_PICTURE_W
    ]
    chosen = next((layout for layout in layouts if _height(pdf, layout) is not None), layouts[-1])
    chosen(pdf)
    for number, step in numbered:
        if step.frame is not None:
            continue
        if pdf.will_page_break(16):
            pdf.add_page()
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(*INK)
        title = _step_title(number, step.title)
        pdf.cell(CONTENT_W, 5.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(CONTENT_W, 4.8, step.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)


def _stop(pdf: FPDF) -> None:
    _para(pdf, words.STOP_TITLE + " if:", 13, "B", gap=1)
    _bullets(pdf, words.STOP_RULES)
    pdf.ln(0.5)
    _para(pdf, words.STOP_THEN, 11, gap=0)


def _emergency(pdf: FPDF) -> None:
    _para(pdf, words.EMERGENCY_TITLE, 13, "B", gap=1)
    _para(pdf, words.EMERGENCY_INTRO, 11, gap=1)
    _bullets(pdf, words.EMERGENCY_SIGNS)


def _after(pdf: FPDF, p: Prescription) -> None:
    _heading(pdf, words.AFTER_TITLE, 13)
    _bullets(pdf, words.after_lines(p))
    pdf.ln(2)


def _qr_module_mm(code, room_mm: float | None = None) -> float:
    """How wide each module of the code prints: from QR_MIN_MM to QR_MAX_MM across, and no
    more than `room_mm` for its dark part (its white border may overlap what is around it),
    down to QR_FLOOR_MODULE_MM, still easy for a phone's camera."""
    size = code.symbol_size(scale=1, border=4)[0]
    module = min(max(QR_MODULE_MM, QR_MIN_MM / size), QR_MAX_MM / size)
    if room_mm is not None:
        module = max(QR_FLOOR_MODULE_MM, min(module, room_mm / (size - 8)))
    return module


def _draw_qr(pdf: FPDF, code, x: float, y: float, module: float) -> None:
    """The QR code at (x, y), one rectangle per run of dark modules `module` mm wide, so it
    prints sharp at any size."""
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(code.matrix_iter(scale=1, border=4)):
        start = None
        for column, dark in enumerate([*line, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                width = (column - start) * module
                pdf.rect(x + start * module, y + row * module, width, module, style="F")
                start = None


def _timer_text(pdf: FPDF, p: Prescription, link: str, x: float, y: float) -> None:
    """What goes beside the QR code: how to use it, and the link itself, clickable."""
    pdf.set_left_margin(x)
    pdf.set_xy(x, y)
    _para(pdf, words.timer_text(p, has_link=True), 11, gap=2)
    shown = link if len(link) <= LINK_PRINT_CHARS else link[: LINK_PRINT_CHARS - 40] + "…"
    pdf.set_font(FONT, "", 9.5)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(
        _inner_w(pdf), 4.6, shown, link=link, wrapmode="CHAR", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_text_color(*INK)
    pdf.set_left_margin(MARGIN)


def _timer(pdf: _Handout, p: Prescription, link: str | None) -> None:
    if link is None:
        if pdf.will_page_break(30):
            pdf.add_page()
        _heading(pdf, "The guided timer", 13)
        _para(pdf, words.timer_text(p, has_link=False), 11)
        return
    code = qr_code(link)
    modules = code.symbol_size(scale=1, border=4)[0]
    # A long link makes a dense code: it may shrink a little to share the page with the rest.
    room = pdf.page_break_trigger - pdf.get_y() - HEADING_13_MM - 3
    module = _qr_module_mm(code, room)
    # The quiet zone (4 white modules) may reach into the margin and the heading's space: the
    # code lines up with the text beside and above it.
    side, quiet = modules * module, 4 * module
    text_x = MARGIN + side - quiet + 4
    text_h = _height(pdf, lambda target: _timer_text(target, p, link, text_x, pdf.get_y()))
    if side - 2 * quiet > room or text_h is None or text_h > room:
        pdf.add_page()
        module = _qr_module_mm(code)
        side, quiet = modules * module, 4 * module
        text_x = MARGIN + side - quiet + 4
    _heading(pdf, "The guided timer", 13)
    top = pdf.get_y()
    _draw_qr(pdf, code, MARGIN - quiet, top - quiet, module)
    _timer_text(pdf, p, link, text_x, top)
    pdf.set_y(max(pdf.get_y(), top + side - 2 * quiet) + 3)


# fpdf2 names, in a warning, each character of the note its font lacks: what a clinician typed
# must reach neither the page as stray output nor the server's log.
_QUIET_LOGGERS = ("fpdf", "fontTools")


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def handout_pdf(p: Prescription, link: str | None = None, *, origin: str = "own") -> bytes:
    """A printable A4 handout of the routine for `p`, one or two pages, as PDF bytes.

    `link`, if given, is the absolute address that opens the routine with the same settings
    (lowback.prescription.routine_link with a base address): it is printed, clickable, and
    drawn as a QR code. Without it, the handout tells the reader to set the numbers by hand.
    Raises SettingError("link", ...) for a link that is not an absolute http(s) address.

    `origin` says whose settings they are (lowback.signed_link): `physio` (a signed, unedited
    link) prints "What your physiotherapist set"; `link`, "The plan in the link"; `own`, "Your
    settings". ValueError for any other.
    """
    if not isinstance(p, Prescription):
        raise TypeError("handout_pdf needs a Prescription")
    if origin not in HEADINGS:
        raise ValueError(f"origin: {origin!r} is not one of {', '.join(HEADINGS)}")
    if link is not None:
        link = check_link(link)
    with _quiet_libraries():
        return _handout(p, link, origin)


def _handout(p: Prescription, link: str | None, origin: str) -> bytes:
    pdf = _new_document()
    pdf.scratch = _new_document()
    pdf.scratch.measuring = True
    pdf.add_page()
    pdf.set_font(FONT, "B", 22)
    pdf.set_text_color(*INK)
    pdf.cell(CONTENT_W, 11, words.TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    _para(pdf, words.SUBTITLE, 10.5, gap=3)
    plan_heading, note_heading = HEADINGS[origin]
    _panel(pdf, BLUE, BLUE_TINT, _dosage(p, plan_heading))
    if p.note:
        _panel(pdf, GREY, NOTE_TINT, _note(p.note, note_heading))
    _stop_short(pdf)
    _steps(pdf, p)
    if pdf.page_no() == 1:
        pdf.add_page()
    else:
        pdf.ln(3)
    _panel(pdf, VERMILLION, VERMILLION_TINT, _stop)
    _panel(pdf, VERMILLION, VERMILLION_TINT, _emergency)
    _after(pdf, p)
    _timer(pdf, p, link)
    return bytes(pdf.output())
