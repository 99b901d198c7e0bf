"""The handout's typeface, DejaVu Sans, and which characters of a text it cannot print.

The files are Matplotlib's own (a pinned dependency of the series), found without importing
Matplotlib. DejaVu Sans covers the Latin, Greek and Cyrillic scripts and some emoji; a character
it lacks (Chinese, Japanese, many emoji) is left out of the PDF, which is still made. The
clinicians' builder asks `unprintable` before the handout is made, so it can say so in words.
"""

from __future__ import annotations

import functools
import importlib.util
import struct
from pathlib import Path

__all__ = ["font_files", "unprintable"]

#: The font files by fpdf2's style name: regular and bold (a name prints in both).
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# Every font of the family prints these: no need to open a font for plain Latin text.
_LATIN_1 = range(0x20, 0x100)


@functools.cache
def font_files() -> dict[str, Path]:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the handout needs Matplotlib's DejaVu Sans font files")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return {style: folder / name for style, name in _FILES.items()}


def _cmap_points(data: bytes) -> frozenset[int]:
    """The code points a TrueType font maps to a glyph, from its Unicode cmap (format 12, which
    DejaVu's files carry): read here, not with fontTools, which the series does not depend on."""
    tables = struct.unpack_from(">HH", data, 4)[0]
    for i in range(tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            break
    else:
        return frozenset()
    count = struct.unpack_from(">H", data, offset + 2)[0]
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        start = offset + sub
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and struct.unpack_from(
            ">H", data, start
        )[0] == 12:
            groups = struct.unpack_from(">I", data, start + 12)[0]
            points: set[int] = set()
            for g in range(groups):
                first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * g)
                points.update(range(first + (glyph == 0), last + 1))
            return frozenset(points)
    return frozenset()


@functools.cache
def _printable() -> frozenset[int]:
    """The code points that every style of the font has a glyph for."""
    covered = [_cmap_points(path.read_bytes()) for path in font_files().values()]
    return frozenset.intersection(*covered)


def unprintable(text: str) -> str:
    """The characters of `text` the handout's font lacks, each once, in the order they come."""
    wanting = [c for c in dict.fromkeys(text) if ord(c) not in _LATIN_1 and not c.isspace()]
    if not wanting:
        return ""
    printable = _printable()
    return "".join(c for c in wanting if ord(c) not in printable)
