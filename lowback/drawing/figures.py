"""The series' figures by name, and the command that writes every picture, byte for byte
reproducibly.

Usage::

    python -m lowback.drawing [OUTDIR [PICTURES_DIR]]

OUTDIR (default: the repository's figures/) gets every figure in ``FIGURES`` as PNG (150 dpi)
and SVG. PICTURES_DIR (default: lowback/pictures/, shipped inside the package) gets the
pictures pages show: each figure at page size with all its layers, each frame of the
routine for both sides (each also drawn for a phone held upright), and the two pictures of
the "find the PSIS" question (the question carries its landmarks' positions:
lowback.drawing.psis_picture).

Pages read those pre-drawn pictures (lowback.drawing.pictures), so a visitor's kernel imports
Matplotlib only when the reader asks for a drawing that was not pre-drawn (a figure with a
layer switched off). No creation date or software stamp goes into the files
(lowback.drawing.helpers.reproducible).
"""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lowback.drawing.catalogue import (
    FIGURE_NAMES,
    FRAMES,
    QUESTION_PICTURES,
    frame_file_name,
    phone_file_name,
    phone_frame_file_name,
)
from lowback.drawing.frames import render_frame_png
from lowback.drawing.gluteus_medius import draw_gluteus_medius
from lowback.drawing.helpers import PNG_METADATA, SVG_METADATA, reproducible, reproducible_png
from lowback.drawing.pelvis import draw_posterior_pelvis
from lowback.drawing.phone import PHONE_DPI, lay_out_for_a_phone
from lowback.drawing.phone_frames import render_phone_frame_png
from lowback.drawing.psis_picture import render_question_png
from lowback.drawing.referred_pain import draw_referred_pain
from lowback.drawing.stance import draw_single_leg_stance
from lowback.paths import FIGURES_DIR, PICTURES_DIR
from lowback.routine import SIDES

__all__ = [
    "DEFAULT_OUTDIR",
    "FIGURES",
    "PAGE_DPI",
    "PNG_DPI",
    "draw_phone_figure",
    "main",
    "render_phone_png",
    "render_png",
    "write_figures",
    "write_page_pictures",
]

DEFAULT_OUTDIR = FIGURES_DIR
PNG_DPI = 150
# Pages show figures a little smaller than the files, so they travel light to a phone.
PAGE_DPI = 90

#: Every figure of the series, in reading order (FIGURE_NAMES): name -> drawing function (all
#: arguments optional).
FIGURES: Mapping[str, Callable[..., Figure]] = MappingProxyType(
    {
        "posterior_pelvis": draw_posterior_pelvis,
        "gluteus_medius_posterior": functools.partial(draw_gluteus_medius, "posterior"),
        "gluteus_medius_lateral": functools.partial(draw_gluteus_medius, "lateral"),
        "referred_pain": draw_referred_pain,
        "single_leg_stance": draw_single_leg_stance,
    }
)


def write_figures(outdir: str | Path = DEFAULT_OUTDIR) -> list[Path]:
    """Draw every figure and write ``<name>.png`` (150 dpi) and ``<name>.svg`` into ``outdir``.

    Returns the paths written, in ``FIGURE_NAMES`` order (PNG then SVG for each figure).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with reproducible():
        for name in FIGURE_NAMES:
            figure = FIGURES[name]()
            FigureCanvasAgg(figure)
            png, svg = outdir / f"{name}.png", outdir / f"{name}.svg"
            figure.savefig(png, format="png", dpi=PNG_DPI, metadata=PNG_METADATA)
            figure.savefig(svg, format="svg", metadata=SVG_METADATA)
            written += [png, svg]
    return written


def write_page_pictures(outdir: str | Path = PICTURES_DIR) -> list[Path]:
    """Draw what pages show and write it into ``outdir``: ``<name>.png`` for each figure with
    all its layers at PAGE_DPI and ``<name>_phone.png``, its version for narrow screens
    (lowback.drawing.phone), then each frame of the routine for each side, each followed by
    ``frame_<name>_<side>_phone.png``, its version for a phone held upright
    (lowback.drawing.phone_frames), then the question pictures (QUESTION_PICTURES).

    Only all-layers figures are pre-drawn: all 80 combinations of layers would weigh 7.8 MB
    rather than 0.75 MB, for pictures a reader sees only after unticking a box.

    Each figure and frame also gets a lossless WebP copy, ``<name>.webp``: the same pixels in
    about half the bytes, which the series' server sends instead (lowback.drawing.pictures).
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURE_NAMES:
        written += _write_with_webp(outdir / f"{name}.png", render_png(name))
        written += _write_with_webp(outdir / phone_file_name(name), render_phone_png(name))
    for side in SIDES:
        for name in FRAMES:
            frame = render_frame_png(name, side)
            written += _write_with_webp(outdir / frame_file_name(name, side), frame)
            phone = render_phone_frame_png(name, side)
            written += _write_with_webp(outdir / phone_frame_file_name(name, side), phone)
    for name in QUESTION_PICTURES:
        written.append(_write(outdir / f"{name}.png", render_question_png(name)))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _write_with_webp(path: Path, png: bytes) -> list[Path]:
    return [_write(path, png), _write(path.with_suffix(".webp"), lossless_webp(png))]


def lossless_webp(png: bytes) -> bytes:
    """A PNG's pixels as lossless WebP (the same bytes for the same Pillow)."""
    from PIL import Image

    out = io.BytesIO()
    with Image.open(io.BytesIO(png)) as picture:
        picture.save(out, "WEBP", lossless=True, quality=100, method=4)
    return out.getvalue()


def render_png(name: str, layers: Iterable[str] | None = None, dpi: int = PAGE_DPI) -> bytes:
    """One figure drawn now as PNG bytes, with only the given layers (None: all it draws)."""
    chosen = None if layers is None else tuple(layers)
    return reproducible_png(lambda: FIGURES[name](layers=chosen), dpi)


def draw_phone_figure(name: str, layers: Iterable[str] | None = None) -> Figure:
    """Figure `name` (with `layers`; None: all it draws) laid out for a phone
    (lowback.drawing.phone)."""
    chosen = None if layers is None else tuple(layers)
    return lay_out_for_a_phone(name, FIGURES[name](layers=chosen))


def render_phone_png(name: str, layers: Iterable[str] | None = None) -> bytes:
    """Figure `name`'s phone version as PNG bytes, the same bytes on every run."""
    return reproducible_png(lambda: draw_phone_figure(name, layers), PHONE_DPI)


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
