"""The series' pictures as files, byte for byte reproducibly, and as pages show them.

Usage::

    python -m lowback.figures [OUTDIR [PICTURES_DIR]]

OUTDIR (default: the repository's figures/) gets every figure in ``lowback.anatomy.FIGURES``
as PNG (150 dpi) and SVG. PICTURES_DIR (default: lowback/pictures/, shipped inside the package)
gets the pictures pages show: each figure at page size with all its layers, and each frame of
the routine (lowback.illustration) for both sides.

Pages read those pre-drawn pictures, so a visitor's kernel imports Matplotlib only when the
reader asks for a drawing that was not pre-drawn (a figure with a layer switched off).

The same code and the same pinned Matplotlib give the same bytes on every run and machine:
pictures are drawn under Matplotlib's default style (whatever a notebook changed), rendered by
the Agg canvas, SVG element ids are hashed with a fixed salt instead of random ones, and no
creation date or software stamp goes into the files.
"""

from __future__ import annotations

import base64
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from lowback.figure_catalogue import ALT_TEXT, FIGURE_LAYERS, FIGURE_NAMES, LAYERS
from lowback.illustration import FRAMES, frame_file_name
from lowback.paths import FIGURES_DIR, PICTURES_DIR
from lowback.routine import SIDES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_OUTDIR",
    "PAGE_DPI",
    "PNG_DPI",
    "SVG_HASH_SALT",
    "FigureWithAlt",
    "figure_html",
    "main",
    "page_png",
    "render_png",
    "reproducible_png",
    "show_figure",
    "write_figures",
    "write_page_pictures",
]

DEFAULT_OUTDIR = FIGURES_DIR
PNG_DPI = 150
# Pages show figures a little smaller than the files, so they travel light to a phone.
PAGE_DPI = 90
SVG_HASH_SALT = "lowback-figures"

# Matplotlib 3.11 rejects unknown SVG metadata keys (there is no "Software" key for SVG) and
# adds the current date unless "Date" is given as None; PNG stamps "Software" unless None.
_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None}
_REPRODUCIBLE_RC = {"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}


def write_figures(outdir: str | Path = DEFAULT_OUTDIR) -> list[Path]:
    """Draw every figure and write ``<name>.png`` (150 dpi) and ``<name>.svg`` into ``outdir``.

    Returns the paths written, in ``FIGURE_NAMES`` order (PNG then SVG for each figure).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lowback.anatomy import FIGURES

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with _reproducible():
        for name in FIGURE_NAMES:
            figure = FIGURES[name]()
            FigureCanvasAgg(figure)
            png, svg = outdir / f"{name}.png", outdir / f"{name}.svg"
            figure.savefig(png, format="png", dpi=PNG_DPI, metadata=_PNG_METADATA)
            figure.savefig(svg, format="svg", metadata=_SVG_METADATA)
            written += [png, svg]
    return written


def write_page_pictures(outdir: str | Path = PICTURES_DIR) -> list[Path]:
    """Draw what pages show and write it into ``outdir``: ``<name>.png`` for each figure with
    all its layers at PAGE_DPI, then each frame of the routine for each side.

    Only all-layers figures are pre-drawn: all 80 combinations of layers would weigh 7.8 MB
    rather than 0.75 MB, for pictures a reader sees only after unticking a box.
    """
    from lowback.frame_drawing import render_frame_png

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = [_write(outdir / f"{name}.png", render_png(name)) for name in FIGURE_NAMES]
    for side in SIDES:
        for name in FRAMES:
            frame = render_frame_png(name, side)
            written.append(_write(outdir / frame_file_name(name, side), frame))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@contextmanager
def _reproducible() -> Iterator[None]:
    import matplotlib
    import matplotlib.style

    with matplotlib.style.context("default"), matplotlib.rc_context(_REPRODUCIBLE_RC):
        yield


def reproducible_png(draw: Callable[[], Figure], dpi: int) -> bytes:
    """The figure ``draw()`` makes, as PNG bytes: drawn under Matplotlib's default style and
    saved with no software stamp, so the same code gives the same bytes on every run."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _reproducible():
        figure = draw()
        FigureCanvasAgg(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata=_PNG_METADATA)
    return buffer.getvalue()


def render_png(name: str, layers: Iterable[str] | None = None, dpi: int = PAGE_DPI) -> bytes:
    """One figure drawn now as PNG bytes, with only the given layers (None: all it draws)."""
    from lowback.anatomy import FIGURES

    chosen = None if layers is None else tuple(layers)
    return reproducible_png(lambda: FIGURES[name](layers=chosen), dpi)


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
    return render_png(name, chosen)


def figure_html(name: str, layers: Iterable[str] | None = None) -> str:
    """A figure as an HTML image whose alt text is ALT_TEXT[name], shown again as its caption.

    An embedded image (a data URL) works alike in JupyterLab, in Voila and on Binder, where a
    file path next to the notebook would not be served.
    """
    data = base64.b64encode(page_png(name, layers)).decode("ascii")
    alt = escape(ALT_TEXT[name], quote=True)
    return (
        '<figure class="lowback-figure" style="margin: 0.5rem 0 1rem 0">'
        f'<img src="data:image/png;base64,{data}" alt="{alt}" '
        'style="max-width: 100%; height: auto">'
        f'<figcaption style="font-size: 0.9rem; color: #333"><strong>Text description:</strong> '
        f"{escape(ALT_TEXT[name])}</figcaption></figure>"
    )


@dataclass(frozen=True)
class FigureWithAlt:
    """A figure for a notebook cell: shows as an image with alt text and a caption."""

    name: str
    layers: tuple[str, ...] | None = None

    def _repr_html_(self) -> str:
        return figure_html(self.name, self.layers)

    def __repr__(self) -> str:
        return f"Figure: {ALT_TEXT[self.name]}"


def show_figure(name: str, layers: Iterable[str] | None = None) -> FigureWithAlt:
    """Show one of the series' figures in a notebook, with its text alternative."""
    _check_figure(name)
    return FigureWithAlt(name, None if layers is None else tuple(layers))


def _check_figure(name: str) -> None:
    if name not in FIGURE_NAMES:
        raise ValueError(f"{name!r} is not a figure; choose from {', '.join(FIGURE_NAMES)}")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 2 or any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    import matplotlib

    matplotlib.use("Agg")
    outdir = args[0] if args else DEFAULT_OUTDIR
    pictures_dir = args[1] if len(args) > 1 else PICTURES_DIR
    for path in write_figures(outdir) + write_page_pictures(pictures_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
