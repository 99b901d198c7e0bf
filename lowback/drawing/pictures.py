"""The series' pictures as pages show them: pre-drawn PNGs read from lowback/pictures, wrapped
in HTML with their text alternatives, and notebook-cell objects that display them.

Nothing here imports Matplotlib when it is imported. Only a figure with a combination of layers
that was not pre-drawn (a reader unticked a box) is drawn on demand, through
lowback.drawing.figures.
"""

from __future__ import annotations

import base64
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
)
from lowback.paths import PICTURES_DIR

__all__ = [
    "FigureWithAlt",
    "FrameFigure",
    "figure_html",
    "frame_html",
    "frame_png",
    "page_png",
    "show_figure",
    "show_frame",
]


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

    An embedded image (a data URL) works alike in JupyterLab, in Voila and on Binder, where a
    file path next to the notebook would not be served.
    """
    chosen = None if layers is None else tuple(layers)
    data = base64.b64encode(page_png(name, chosen)).decode("ascii")
    description = figure_description(name, chosen)
    alt = escape(description, quote=True)
    return (
        '<figure class="lowback-figure" style="margin: 0.5rem 0 1rem 0">'
        f'<img src="data:image/png;base64,{data}" alt="{alt}" '
        'style="max-width: 100%; height: auto">'
        f'<figcaption style="font-size: 0.9rem; color: #333"><strong>Text description:</strong> '
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


@cache
def frame_html(name: str, side: str = "right", *, full_caption: bool = True) -> str:
    """Frame `name` as an HTML figure: the picture with its alt text, and a caption under it,
    the frame's title and, with `full_caption`, the alt text again for everyone to read.

    An <img> with alt text rather than ipywidgets.Image, whose <img> cannot carry one."""
    data = base64.b64encode(frame_png(name, side)).decode("ascii")
    alt = escape(FRAME_ALT_TEXT[name])
    caption = f"<strong>{escape(FRAME_TITLES[name])}.</strong>"
    if full_caption:
        caption += f" {alt}"
    return (
        '<figure class="lowback-figure" style="margin: 0.5rem 0; max-width: 50rem;">'
        f'<img src="data:image/png;base64,{data}" alt="{alt}" '
        'style="width: 100%; height: auto;">'
        f'<figcaption style="font-size: 1rem;">{caption}</figcaption>'
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
