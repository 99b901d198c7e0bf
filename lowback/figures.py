"""Write every figure in ``lowback.anatomy.FIGURES`` as PNG and SVG, byte for byte reproducibly.

Usage::

    python -m lowback.figures [OUTDIR]     # OUTDIR defaults to the repository's figures/

The same code and the same pinned Matplotlib give the same bytes on every run and machine:
figures are drawn under Matplotlib's default style (whatever a notebook changed), rendered by
the Agg canvas, SVG element ids are hashed with a fixed salt instead of random ones, and no
creation date or software stamp goes into the files.
"""

from __future__ import annotations

import base64
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path

import matplotlib
import matplotlib.style
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lowback.anatomy import ALT_TEXT, FIGURES
from lowback.paths import FIGURES_DIR

__all__ = [
    "DEFAULT_OUTDIR",
    "PNG_DPI",
    "SVG_HASH_SALT",
    "FigureWithAlt",
    "main",
    "render_png",
    "show_figure",
    "write_figures",
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

    Returns the paths written, in ``FIGURES`` order (PNG then SVG for each figure).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with _reproducible():
        for name, draw in FIGURES.items():
            figure = draw()
            FigureCanvasAgg(figure)
            png, svg = outdir / f"{name}.png", outdir / f"{name}.svg"
            figure.savefig(png, format="png", dpi=PNG_DPI, metadata=_PNG_METADATA)
            figure.savefig(svg, format="svg", metadata=_SVG_METADATA)
            written += [png, svg]
    return written


@contextmanager
def _reproducible() -> Iterator[None]:
    with matplotlib.style.context("default"), matplotlib.rc_context(_REPRODUCIBLE_RC):
        yield


def render_png(name: str, layers: Iterable[str] | None = None, dpi: int = PAGE_DPI) -> bytes:
    """One figure as PNG bytes, with only the given layers (None: the figure's own default)."""
    with _reproducible():
        figure = FIGURES[name](layers=None if layers is None else tuple(layers))
        FigureCanvasAgg(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata=_PNG_METADATA)
    return buffer.getvalue()


def figure_html(name: str, layers: Iterable[str] | None = None) -> str:
    """A figure as an HTML image whose alt text is ALT_TEXT[name], shown again as its caption.

    An embedded image (a data URL) works alike in JupyterLab, in Voila and on Binder, where a
    file path next to the notebook would not be served.
    """
    data = base64.b64encode(render_png(name, layers)).decode("ascii")
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
    if name not in FIGURES:
        raise ValueError(f"{name!r} is not a figure; choose from {', '.join(FIGURES)}")
    return FigureWithAlt(name, None if layers is None else tuple(layers))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    matplotlib.use("Agg")
    for path in write_figures(args[0] if args else DEFAULT_OUTDIR):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
