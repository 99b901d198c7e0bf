"""The handout as an A4 PDF, laid out with fpdf2: two pages at most.

It renders the plan the core builds (lowback.plan.build_plan) and writes no words of its own:
every sentence, heading and label printed comes from the Plan, so the handout says what the
routine page and the clinicians' page say.

Page one: the title, the date, whose plan it is and who set it, the dosage, the note, a
one-line stop rule, and the steps with their pictures. Page two: when to stop, when to call the
region's emergency number and when to see a doctor the same day, how often and for how long,
what to expect, how to make it harder or easier, where the claims come from, and the link with
its QR code.

Reproducible byte for byte: the only date in the file is the plan's (`today`, its creation date
at midnight UTC), fpdf2's file id is a hash of the content, its font subsets have a fixed tag,
and nothing else varies, so the same prescription, origin, link and date always give the same
bytes (tests check it across interpreters).

Text is set in DejaVu Sans (lowback.handout.fonts): it covers Latin, Greek and Cyrillic scripts,
so a note in Polish or Greek prints as typed. A character the font lacks (Chinese, many emoji)
is left out; the PDF is still made, and the clinicians' builder says so beforehand
(lowback.handout.fonts.unprintable). Text from a link (name, contact, note) is printed as text,
never read as markup.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from lowback.drawing.catalogue import FRAME_ALT_TEXT, FRAME_TITLES
from lowback.drawing.pictures import frame_png
from lowback.handout.fonts import font_files
from lowback.handout.qr import qr_code
from lowback.plan import Plan, Row, Section, build_plan
from lowback.prescription import Prescription

__all__ = ["UNDATED", "handout_pdf", "plan_pdf", "qr_print_layout"]

PAGE_W, MARGIN = 210.0, 16.0
CONTENT_W = PAGE_W - 2 * MARGIN
FONT = "DejaVu"
# Colours: text near-black; Okabe-Ito blue for the dosage, vermillion for stop and emergency,
# orange for the same-day signs.
INK = (26, 26, 26)
GREY = (85, 85, 85)
BLUE = (0, 114, 178)
BLUE_TINT = (227, 239, 248)
VERMILLION = (213, 94, 0)
VERMILLION_TINT = (251, 233, 223)
ORANGE = (230, 159, 0)
ORANGE_TINT = (253, 243, 222)
# Vermillion darkened for text, so small print keeps a contrast of 6:1 on white paper.
VERMILLION_TEXT = (160, 60, 0)
NOTE_TINT = (244, 244, 244)
# The frames are 1000 x 450 pixels. Two to a row they print 86 mm wide (about 300 dpi); when a
# long note leaves less room, one to a row beside their text, at the first of these widths that
# lets all four fit on the first page.
FRAME_ASPECT = 450 / 1000
CARD_GAP = 6.0
COLUMN_GAP = 8.0
ROW_PICTURE_W = (66.0, 58.0, 50.0, 44.0, 40.0)
# The QR code prints about 35 mm across, beside the title: large enough to scan from paper at
# arm's length; a long link's denser code prints larger, each module at least half a millimetre
# (a link of some 200 characters is a version 10 code, 57 modules: 35 mm, 0.61 mm a module), so
# that a phone's camera reads it from a print that is a little blurred or smudged.
QR_SIDE_MM = 35.0
QR_FLOOR_MODULE_MM = 0.5
QR_MAX_MODULE_MM = 1.0
# But at most this wide, to leave the title room and the handout two pages: half a millimetre a
# module up to a version 22 code (105 modules; a link of some 600 characters), finer only for
# longer links (a note in Greek or Cyrillic as long as allowed: 0.31 mm at version 40).
QR_MAX_SIDE_MM = 55.0
# The sizes page two's text may take, in points: the largest that keeps the handout to two pages.
BODY_SIZES = (10.0, 9.5, 9.0)
# The height of a line of text, in millimetres per point of type: 10 pt text on 4.6 mm lines.
LINE_MM_PER_PT = 0.46
# A longer link is printed cut short: nobody types it, and the code and the click carry it whole.
LINK_PRINT_CHARS = 240
#: The creation date of a handout made without a date: the series' version date, never the
#: clock, so that it too is the same bytes every time.
UNDATED = date(2026, 1, 1)


class _Handout(FPDF):
    scratch: _Handout  # where a part is printed first to measure it (see _height)
    measuring = False  # True for the scratch document
    footer_text = ""
    body = BODY_SIZES[0]  # the size of page two's text, in points

    def multi_cell(self, *args, **kwargs):
        # Ragged right: justified text opens wide gaps in narrow columns, hard to read.
        kwargs.setdefault("align", "L")
        return super().multi_cell(*args, **kwargs)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(CONTENT_W - 20, 5, self.footer_text)
        self.cell(20, 5, f"{self.page_no()} / {{nb}}", align="R")


def _new_document(plan: Plan, body: float) -> _Handout:
    pdf = _Handout(orientation="portrait", unit="mm", format="A4")
    pdf.body = body
    made = plan.made_on or UNDATED
    pdf.set_creation_date(datetime(made.year, made.month, made.day, tzinfo=UTC))
    pdf.set_margins(MARGIN, 14, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    for style, path in font_files().items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_lang("en-GB")
    pdf.set_title(plan.title)
    pdf.set_subject(plan.intro)
    pdf.set_author("The lowback notebook series")
    pdf.set_creator("lowback.handout")
    pdf.footer_text = plan.footer
    pdf.alias_nb_pages()
    return pdf


def _inner_w(pdf: FPDF) -> float:
    return pdf.w - pdf.l_margin - pdf.r_margin


def _para(
    pdf: FPDF,
    text: str,
    size: float = 11,
    style: str = "",
    gap: float = 1.5,
    colour: tuple[int, int, int] = INK,
) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(_inner_w(pdf), size * LINE_MM_PER_PT, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    if gap:
        pdf.ln(gap)


def _bullets(pdf: FPDF, items, size: float = 11) -> None:
    line = size * LINE_MM_PER_PT
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*INK)
    for item in items:
        pdf.cell(4, line, "•")
        pdf.multi_cell(_inner_w(pdf) - 4, line, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(0.4)


def _section(pdf: _Handout, section: Section) -> None:
    """A plan's section: its heading, the sentence under it, its list, the sentence after."""
    size, heading = pdf.body, pdf.body + 2
    _para(pdf, section.heading, heading, "B", gap=0.8)
    if section.lead:
        _para(pdf, section.lead, size, gap=0.8)
    _bullets(pdf, section.items, size)
    if section.after:
        pdf.ln(0.3)
        _para(pdf, section.after, size, gap=0)


def _labelled(pdf: FPDF, row: Row, x: float, w: float, size: float = 10) -> None:
    """ "Label: value" at x, `w` wide: the label bold, the value as plain text (whatever it
    holds: stars and tags print as typed), wrapping under itself."""
    height = size * 0.5
    label = f"{row.label}: "
    pdf.set_x(x)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*INK)
    label_w = min(pdf.get_string_width(label) + 0.5, w * 0.6)
    pdf.cell(label_w, height, label)
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(w - label_w, height, row.value, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _height(pdf: _Handout, draw: Callable[[FPDF], None]) -> float | None:
    """How tall what `draw` prints from here would be, or None if it would not fit on this
    page. Measured by printing it on a scratch document with the same page and margins:
    fpdf2's own offset_rendering copies the whole document, fonts included, each time."""
    scratch = pdf.scratch
    scratch.add_page()
    scratch.set_margins(pdf.l_margin, pdf.t_margin, pdf.r_margin)
    scratch.set_xy(pdf.get_x(), pdf.get_y())
    page, top = scratch.page, scratch.get_y()
    draw(scratch)
    scratch.set_margins(MARGIN, 14, MARGIN)
    if scratch.page != page or scratch.get_y() > pdf.page_break_trigger:
        return None
    return scratch.get_y() - top


def _panel(pdf: _Handout, bar, tint, draw: Callable[[FPDF], None]) -> None:
    """A tinted panel across the page, with a coloured bar on its left, around whatever `draw`
    prints: measured first without printing, and started on a new page if it would not fit."""
    _panels(pdf, ((bar, tint, draw),))


def _panels(pdf: _Handout, panels) -> None:
    """Panels side by side, each (bar, tint, draw), as tall as the tallest: measured first
    without printing, and started on a new page if they would not fit on this one."""
    width = (CONTENT_W - COLUMN_GAP * (len(panels) - 1)) / len(panels)
    xs = [MARGIN + number * (width + COLUMN_GAP) for number in range(len(panels))]

    def heights() -> list[float | None]:
        return [
            _height(pdf, functools.partial(_panel_body, draw=draw, x=x, w=width))
            for x, (_bar, _tint, draw) in zip(xs, panels, strict=True)
        ]

    measured = heights()
    if None in measured:
        pdf.add_page()
        measured = heights()
    height = max((h or pdf.eph) for h in measured)
    top = pdf.get_y()
    for x, (bar, tint, draw) in zip(xs, panels, strict=True):
        pdf.set_fill_color(*tint)
        pdf.rect(x, top, width, height, style="F")
        pdf.set_fill_color(*bar)
        pdf.rect(x, top, 2.2, height, style="F")
        pdf.set_y(top)
        _panel_body(pdf, draw, x, width)
    pdf.set_y(top + height + 3)


def _panel_body(
    pdf: FPDF, draw: Callable[[FPDF], None], x: float = MARGIN, w: float = CONTENT_W
) -> None:
    pdf.set_left_margin(x + 6)
    pdf.set_right_margin(PAGE_W - x - w + 4)
    pdf.set_x(x + 6)
    pdf.ln(2)
    try:
        draw(pdf)
    finally:
        pdf.set_left_margin(MARGIN)
        pdf.set_right_margin(MARGIN)
    pdf.ln(1.5)


def _whose(plan: Plan):
    """Whose plan it is, who set it and how to reach them, then the dosage two to a row."""

    def draw(pdf: FPDF) -> None:
        _para(pdf, plan.origin_heading, 13, "B", gap=1.5)
        for row in plan.people:
            _labelled(pdf, row, pdf.l_margin, _inner_w(pdf))
            pdf.ln(0.6)
        if plan.people:
            pdf.ln(1)
        column_w = _inner_w(pdf) / 2
        rows = plan.dosage
        for pair in (rows[i : i + 2] for i in range(0, len(rows), 2)):
            top = pdf.get_y()
            bottom = top
            for column, row in enumerate(pair):
                pdf.set_y(top)
                _labelled(pdf, row, pdf.l_margin + column * column_w, column_w - 3)
                bottom = max(bottom, pdf.get_y())
            pdf.set_xy(pdf.l_margin, bottom + 0.6)

    return draw


def _note(plan: Plan):
    def draw(pdf: FPDF) -> None:
        _para(pdf, plan.note_heading, 12, "B", gap=1)
        _para(pdf, plan.note, 11.5, gap=0)

    return draw


def _step_title(number: int, title: str) -> str:
    return f"{number}. {title}"


def _frame_image(pdf: _Handout, side: str, frame: str, x: float, y: float, w: float) -> float:
    """Draw a frame of the routine at (x, y), `w` wide, framed by a thin line; its height."""
    h = w * FRAME_ASPECT
    if pdf.measuring:  # only its size matters there
        return h
    pdf.image(
        io.BytesIO(frame_png(frame, side)),
        x=x,
        y=y,
        w=w,
        h=h,
        alt_text=f"{FRAME_TITLES[frame]}. {FRAME_ALT_TEXT[frame]}",
    )
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(x, y, w, h)
    return h


def _cards(pdf: FPDF, side: str, pictured) -> None:
    """Steps with a picture as cards, two to a row, the text under the picture."""
    card_w = (CONTENT_W - CARD_GAP) / 2
    for row in range(0, len(pictured), 2):
        top = pdf.get_y()
        bottom = top
        for column, (number, step) in enumerate(pictured[row : row + 2]):
            x = MARGIN + column * (card_w + CARD_GAP)
            picture_h = _frame_image(pdf, side, step.frame, x, top, card_w)
            pdf.set_xy(x, top + picture_h + 1.5)
            pdf.set_font(FONT, "B", 11)
            pdf.set_text_color(*INK)
            title = _step_title(number, step.title)
            pdf.cell(card_w, 5.5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(card_w, 4.6, step.text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottom = max(bottom, pdf.get_y())
        pdf.set_xy(MARGIN, bottom + 3)


def _rows(pdf: FPDF, side: str, pictured, picture_w: float) -> None:
    """Steps with a picture one to a row, the text beside a picture `picture_w` wide."""
    text_x = MARGIN + picture_w + 4
    text_w = CONTENT_W - picture_w - 4
    for number, step in pictured:
        if pdf.will_page_break(picture_w * FRAME_ASPECT):
            pdf.add_page()
        top = pdf.get_y()
        picture_h = _frame_image(pdf, side, step.frame, MARGIN, top, picture_w)
        pdf.set_xy(text_x, top)
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(*INK)
        pdf.cell(text_w, 5.5, _step_title(number, step.title), new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(text_w, 4.6, step.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), top + picture_h) + 2.5)


def _steps(pdf: _Handout, plan: Plan, side: str, whole: bool = False) -> None:
    """The steps: those with a picture as large cards if they fit on this page, else in rows
    with smaller pictures (a long note leaves less room), else as a strip of small pictures
    over their text; then the others, as paragraphs. With `whole`, the first layout that leaves
    room for all the steps on this page."""
    _para(pdf, plan.steps_heading, 14, "B", gap=1.5)
    numbered = list(enumerate(plan.steps, 1))
    pictured = [(n, step) for n, step in numbered if step.frame is not None]
    told = [
        functools.partial(_run_in, title=_step_title(n, step.title) + ".", text=step.text)
        for n, step in numbered
        if step.frame is None
    ]

    def with_told(layout):
        def draw(target: FPDF) -> None:
            layout(target)
            for paragraph in told:
                paragraph(target)
                target.ln(1.5)

        return draw

    layouts = [lambda target: _cards(target, side, pictured)]
    layouts += [
        lambda target, w=picture_w: _rows(target, side, pictured, w) for picture_w in ROW_PICTURE_W
    ]
    layouts.append(lambda target: _strip(target, side, pictured))
    fits = (
        (lambda layout: _height(pdf, with_told(layout)) is not None)
        if whole
        else (lambda layout: _height(pdf, layout) is not None)
    )
    chosen = next((layout for layout in layouts if fits(layout)), layouts[-1])
    chosen(pdf)
    for paragraph in told:
        _whole_part(pdf, paragraph, gap=1.5)


def _strip(pdf: FPDF, side: str, pictured) -> None:
    """Steps with a picture as a strip of small pictures, each titled, then their text as
    paragraphs: for a first page that a long note and a long link leave little room on."""
    gap = 3.0
    picture_w = (CONTENT_W - gap * (len(pictured) - 1)) / len(pictured)
    top = pdf.get_y()
    bottom = top
    for column, (number, step) in enumerate(pictured):
        x = MARGIN + column * (picture_w + gap)
        picture_h = _frame_image(pdf, side, step.frame, x, top, picture_w)
        pdf.set_xy(x, top + picture_h + 1)
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(*INK)
        pdf.multi_cell(
            picture_w, 4, _step_title(number, step.title), new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(MARGIN, bottom + 2)
    for number, step in pictured:
        _run_in(pdf, _step_title(number, step.title) + ".", step.text)
        pdf.ln(1.5)


def _run_in(pdf: FPDF, title: str, text: str, size: float = 10, colour=INK) -> None:
    """A bold title, then its text on the same line, wrapping as one paragraph."""
    height = size * LINE_MM_PER_PT
    pdf.set_text_color(*colour)
    pdf.set_font(FONT, "B", size)
    pdf.write(height, title + " ")
    pdf.set_font(FONT, "", size)
    pdf.write(height, text)
    pdf.ln(height)
    pdf.set_text_color(*INK)


def _whole_part(pdf: _Handout, draw, gap: float = 0) -> None:
    """What `draw` prints, started on a new page if it would not fit whole on this one."""
    if _height(pdf, draw) is None:
        pdf.add_page()
    draw(pdf)
    if gap:
        pdf.ln(gap)


def _columns(pdf: _Handout, left, right) -> None:
    """Two columns of sections side by side (`left` and `right`, each a tuple of sections),
    started on a new page if they would not fit on this one."""
    column_w = (CONTENT_W - COLUMN_GAP) / 2

    def draw(target: FPDF) -> None:
        top = target.get_y()
        bottom = top
        for column, sections in enumerate((left, right)):
            x = MARGIN + column * (column_w + COLUMN_GAP)
            target.set_left_margin(x)
            target.set_right_margin(PAGE_W - x - column_w)
            target.set_xy(x, top)
            try:
                for number, section in enumerate(sections):
                    if number:
                        target.ln(2.5)
                    _section(target, section)
            finally:
                target.set_left_margin(MARGIN)
                target.set_right_margin(MARGIN)
            bottom = max(bottom, target.get_y())
        target.set_xy(MARGIN, bottom + 3)

    if _height(pdf, draw) is None:
        pdf.add_page()
    draw(pdf)


def _qr_module_mm(code) -> float:
    """How wide each module of the code prints: its dark part about QR_SIDE_MM across, each
    module from QR_FLOOR_MODULE_MM (easy for a phone's camera) to QR_MAX_MODULE_MM, the whole
    code at most QR_MAX_SIDE_MM."""
    dark_modules = code.symbol_size(scale=1, border=0)[0]
    module = min(QR_MAX_MODULE_MM, max(QR_FLOOR_MODULE_MM, QR_SIDE_MM / dark_modules))
    return min(module, QR_MAX_SIDE_MM / dark_modules)


def qr_print_layout(link: str) -> tuple[int, str, float, float]:
    """How the handout prints the code of `link`: its version, error level, and the width of
    a module and of the whole code (its dark part) in mm."""
    code = qr_code(link)
    module = _qr_module_mm(code)
    return code.version, code.error, module, code.symbol_size(scale=1, border=0)[0] * module


def _draw_qr(pdf: FPDF, code, x: float, y: float, module: float) -> None:
    """The QR code's dark part from (x, y), one rectangle per run of dark modules `module` mm
    wide, so it prints sharp at any size. Its quiet zone (4 white modules all round) is the
    paper around it, which the layout keeps clear."""
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(code.matrix_iter(scale=1, border=0)):
        start = None
        for column, dark in enumerate([*line, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                width = (column - start) * module
                pdf.rect(x + start * module, y + row * module, width, module, style="F")
                start = None


def _header(pdf: _Handout, plan: Plan) -> None:
    """The title, what it is for and the date; the QR code of the link on their right."""
    top = pdf.get_y()
    code_w = 0.0
    if plan.link is not None:
        code = qr_code(plan.link)
        module = _qr_module_mm(code)
        code_w = code.symbol_size(scale=1, border=0)[0] * module
        x = PAGE_W - MARGIN - code_w
        if not pdf.measuring:
            _draw_qr(pdf, code, x, top + 1, module)
            pdf.link(x, top + 1, code_w, code_w, plan.link)
        # The code's quiet zone, 4 modules all round, is left blank: its caption goes below.
        quiet = 4 * module
        pdf.set_xy(x, top + 1 + code_w + quiet)
        pdf.set_font(FONT, "B", 8.5)
        pdf.set_text_color(*INK)
        pdf.cell(code_w, 4, plan.timer.heading, align="C")
        code_bottom = top + 1 + code_w + quiet + 4
        pdf.set_right_margin(MARGIN + code_w + 4 * module + 2)
    else:
        code_bottom = top
    pdf.set_xy(MARGIN, top)
    try:
        _para(pdf, plan.title, 22, "B", gap=1.5)
        _para(pdf, plan.intro, 10, gap=1 if plan.made_on_text else 0)
        if plan.made_on_text:
            _para(pdf, plan.made_on_text, 10, "B", gap=0)
    finally:
        pdf.set_right_margin(MARGIN)
    pdf.set_xy(MARGIN, max(pdf.get_y(), code_bottom) + 3)


def _timer(pdf: _Handout, plan: Plan) -> None:
    """How to open the guided timer, the link itself (clickable), and the sources."""

    def draw(target: FPDF) -> None:
        _para(target, plan.timer.heading, target.body + 2, "B", gap=0.8)
        _para(target, plan.timer.lead, target.body, gap=1)
        if plan.link is not None:
            link = plan.link
            shown = link if len(link) <= LINK_PRINT_CHARS else link[: LINK_PRINT_CHARS - 40] + "…"
            target.set_font(FONT, "", 8.5)
            target.set_text_color(*BLUE)
            target.multi_cell(
                CONTENT_W,
                4.2,
                shown,
                link=link,
                wrapmode="CHAR",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            target.set_text_color(*INK)
        target.ln(2)
        _run_in(target, plan.sources_heading + ":", " ".join(plan.sources), 7.5, colour=GREY)

    if _height(pdf, draw) is None:
        pdf.add_page()
    draw(pdf)


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


def handout_pdf(
    p: Prescription, link: str | None = None, *, origin: str, today: date | None
) -> bytes:
    """A printable A4 handout of the routine for `p`, one or two pages, as PDF bytes: the plan
    lowback.plan.build_plan makes of it, laid out.

    `origin` says whose settings they are (lowback.signed_link): `physio` (a signed, unedited
    link), `link` or `own`; the handout says so in the routine page's words. `link`, if given,
    is the absolute address that opens the routine with the same settings: printed, clickable,
    and drawn as a QR code; without it, the handout tells the reader to set the numbers by
    hand. `today` is the date printed on it (None: no date). The same arguments always give
    the same bytes.

    TypeError for anything but a Prescription; ValueError for an unknown origin;
    SettingError("link", ...) for a link that is not an absolute http(s) address.
    """
    plan = build_plan(p, origin=origin, link=link, today=today)
    return plan_pdf(plan, p.side)


def plan_pdf(plan: Plan, side: str) -> bytes:
    """`plan` laid out as the handout, its pictures drawn for the sore `side`."""
    with _quiet_libraries():
        return _handout(plan, side)


def _handout(plan: Plan, side: str) -> bytes:
    """The handout on two pages: page two's text at the largest size that keeps it there, and
    if none does, with smaller pictures, so that every step fits on page one."""
    scratch = _new_document(plan, BODY_SIZES[0])
    scratch.measuring = True
    attempts = [(body, False) for body in BODY_SIZES] + [(body, True) for body in BODY_SIZES]
    for body, whole in attempts:
        pdf = _laid_out(plan, side, body, whole, scratch)
        if pdf.pages_count <= 2:
            break
    return bytes(pdf.output())


def _laid_out(plan: Plan, side: str, body: float, whole: bool, scratch: _Handout) -> _Handout:
    pdf = _new_document(plan, body)
    scratch.body = body
    pdf.scratch = scratch
    pdf.add_page()
    _header(pdf, plan)
    _panel(pdf, BLUE, BLUE_TINT, _whose(plan))
    if plan.note:
        _panel(pdf, GREY, NOTE_TINT, _note(plan))
    _para(pdf, plan.stop_summary, 10.5, "B", gap=2.5, colour=VERMILLION_TEXT)
    _steps(pdf, plan, side, whole)
    if pdf.page_no() == 1:
        pdf.add_page()
    else:
        pdf.ln(3)
    _panel(pdf, VERMILLION, VERMILLION_TINT, lambda target: _section(target, plan.emergency))
    _panels(
        pdf,
        (
            (VERMILLION, VERMILLION_TINT, lambda target: _section(target, plan.stop)),
            (ORANGE, ORANGE_TINT, lambda target: _section(target, plan.same_day)),
        ),
    )
    _columns(pdf, (plan.how_often, plan.expect), (plan.progress, plan.easier))
    _timer(pdf, plan)
    return pdf
