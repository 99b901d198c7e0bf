"""The series' pictures as pages show them: pre-drawn PNGs read from lowback/pictures, wrapped
in HTML with their text alternatives, and notebook-cell objects that display them.

Nothing here imports Matplotlib when it is imported. Only a figure with a combination of layers
that was not pre-drawn (a reader unticked a box) is drawn on demand, through
lowback.drawing.figures.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape

from lowback.drawing.catalogue import (
    FIGURE_LAYERS,
    FIGURE_NAMES,
    FRAME_ALT_TEXT,
    FRAME_TITLES,
    LAYERS,
    check_frame,
    figure_description,
    frame_file_name,
    phone_file_name,
)
from lowback.pages import pictures_url
from lowback.paths import PICTURES_DIR

__all__ = [
    "FigureWithAlt",
    "FrameFigure",
    "PHONE_MEDIA",
    "figure_html",
    "frame_html",
    "frame_png",
    "page_png",
    "picture_src",
    "png_size",
    "show_figure",
    "show_frame",
]


#: The screens that get a figure's phone version (lowback.drawing.phone): a phone held upright,
#: or any window as narrow, where the full figure's labels would be a few pixels high.
PHONE_MEDIA = "(max-width: 600px)"


def picture_src(file_name: str) -> str:
    """Where a page loads pre-drawn picture `file_name` (a PNG in lowback/pictures) from.

    Served by the series' server, an address there: the page stays small, the picture comes
    once (as lossless WebP when there is one, half the bytes) and a repeat visit takes it from
    the browser's cache. Anywhere else (JupyterLab, Binder, a notebook's stored outputs), the
    picture itself as a data URL, which works wherever the notebook goes."""
    prefix = pictures_url()
    if prefix:
        webp = file_name.removesuffix(".png") + ".webp"
        return prefix + (webp if (PICTURES_DIR / webp).is_file() else file_name)
    return _png_data_url((PICTURES_DIR / file_name).read_bytes())


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def _png_data_url(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _img(src: str, size: tuple[int, int], alt: str, style: str) -> str:
    """An <img> that keeps its place while it loads (width and height), loaded when it comes
    near the screen."""
    width, height = size
    return (
        f'<img src="{escape(src, quote=True)}" alt="{alt}" width="{width}" height="{height}" '
        f'loading="lazy" decoding="async" style="{style}">'
    )


def page_png(name: str, layers: Iterable[str] | None = None) -> bytes:
    """A figure as a page shows it (PNG bytes at PAGE_DPI) with the given layers (None: all
    it draws). With all its layers it is read from the pre-drawn file, without Matplotlib;
    any other combination is drawn now."""
    _check_figure(name)
    chosen = frozenset(FIGURE_LAYERS[name] if layers is None else layers)
    unknown = chosen - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s) {sorted(unknown)}; choose from {LAYERS}")
    if chosen == frozenset(FIGURE_LAYERS[name]):
        return (PICTURES_DIR / f"{name}.png").read_bytes()
    from lowback.drawing.figures import render_png

    return render_png(name, chosen)


def figure_html(name: str, layers: Iterable[str] | None = None) -> str:
    """A figure as an HTML image whose alt text says what it shows with these `layers` (None:
    all; lowback.drawing.catalogue.figure_description), shown again as its caption.

    The picture's address is picture_src's: the series' server serves it; elsewhere it is
    embedded. A combination of layers drawn now is always embedded.

    Served by the series' server, a pre-drawn figure comes in a <picture> whose <source> gives
    screens as narrow as PHONE_MEDIA its phone version: the same drawing, cropped, with fewer
    and larger labels, and the same description, true of both (lowback.drawing.phone).
    Embedded, only the full figure travels: the phone version would double the page's weight
    in JupyterLab, where readers are at a desk.
    """
    chosen = None if layers is None else tuple(layers)
    data = page_png(name, chosen)
    pre_drawn = chosen is None or frozenset(chosen) == frozenset(FIGURE_LAYERS[name])
    src = picture_src(f"{name}.png") if pre_drawn else _png_data_url(data)
    description = figure_description(name, chosen)
    alt = escape(description, quote=True)
    img = _img(src, png_size(data), alt, "max-width: 100%; height: auto")
    if pre_drawn and pictures_url():
        phone = phone_file_name(name)
        width, height = png_size((PICTURES_DIR / phone).read_bytes())
        img = (
            f'<picture><source media="{PHONE_MEDIA}" '
            f'srcset="{escape(picture_src(phone), quote=True)}" '
            f'width="{width}" height="{height}">{img}</picture>'
        )
    return (
        '<figure class="lowback-figure" style="margin: 0.5rem 0 1rem 0">'
        + img
        + '<figcaption style="font-size: 1rem; color: #333"><strong>Text description:</strong> '
        f"{escape(description)}</figcaption></figure>"
    )


@dataclass(frozen=True)
class FigureWithAlt:
    """A figure for a notebook cell: shows as an image with alt text and a caption."""

    name: str
    layers: tuple[str, ...] | None = None

    def _repr_html_(self) -> str:
        return figure_html(self.name, self.layers)

    def __repr__(self) -> str:
        return f"Figure: {figure_description(self.name, self.layers)}"


def show_figure(name: str, layers: Iterable[str] | None = None) -> FigureWithAlt:
    """Show one of the series' figures in a notebook, with its text alternative."""
    _check_figure(name)
    return FigureWithAlt(name, None if layers is None else tuple(layers))


def _check_figure(name: str) -> None:
    if name not in FIGURE_NAMES:
        raise ValueError(f"{name!r} is not a figure; choose from {', '.join(FIGURE_NAMES)}")


@cache
def frame_png(name: str, side: str = "right") -> bytes:
    """Frame `name` for `side` as PNG bytes, read once from its pre-drawn file."""
    return (PICTURES_DIR / frame_file_name(name, side)).read_bytes()


def frame_html(name: str, side: str = "right", *, full_caption: bool = True) -> str:
    """Frame `name` as an HTML figure: the picture with its alt text, and a caption under it,
    the frame's title and, with `full_caption`, the alt text again for everyone to read.

    An <img> with alt text rather than ipywidgets.Image, whose <img> cannot carry one."""
    alt = escape(FRAME_ALT_TEXT[name])
    caption = f"<strong>{escape(FRAME_TITLES[name])}.</strong>"
    if full_caption:
        caption += f" {alt}"
    return (
        '<figure class="lowback-figure" style="margin: 0.5rem 0; max-width: 50rem;">'
        + _img(
            picture_src(frame_file_name(name, side)),
            png_size(frame_png(name, side)),
            alt,
            "width: 100%; height: auto;",
        )
        + f'<figcaption style="font-size: 1rem;">{caption}</figcaption>'
        "</figure>"
    )


@dataclass(frozen=True)
class FrameFigure:
    """A frame ready for a notebook: a picture with its alt text and a caption under it."""

    name: str
    side: str = "right"

    def _repr_html_(self) -> str:
        return frame_html(self.name, self.side)

    def __repr__(self) -> str:
        return f"{FRAME_TITLES[self.name]}. {FRAME_ALT_TEXT[self.name]}"


def show_frame(name: str, side: str = "right") -> FrameFigure:
    """Frame `name` for a notebook cell: shown as a picture with its text alternative."""
    check_frame(name, side)
    return FrameFigure(name, side)
