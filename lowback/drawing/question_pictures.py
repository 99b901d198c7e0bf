"""The pre-drawn pictures of the "find the PSIS" question, and the landmarks' positions the
question picture carries, read without Matplotlib.

lowback.drawing.psis_picture draws both pictures and writes the landmarks into the question
picture as a PNG text chunk; this module reads that chunk back (standard library only), so a
visitor's kernel knows where the PSIS is in the picture it shows, from the picture itself.
"""

from __future__ import annotations

import json
import struct
from functools import cache

from lowback.drawing.catalogue import QUESTION_PICTURES
from lowback.paths import PICTURES_DIR

__all__ = [
    "QUESTION_DATA_KEY",
    "png_size",
    "png_text",
    "question_data",
    "question_png",
]

#: The PNG text chunk of the question picture that holds its landmarks (JSON).
QUESTION_DATA_KEY = "lowback:psis-question"

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@cache
def question_png(name: str) -> bytes:
    """Question picture `name` (one of QUESTION_PICTURES), read once from lowback/pictures."""
    if name not in QUESTION_PICTURES:
        raise ValueError(f"{name!r} is not a question picture; choose from {QUESTION_PICTURES}")
    return (PICTURES_DIR / f"{name}.png").read_bytes()


def question_data() -> dict:
    """The landmarks the question picture carries: ``width_cm``, ``height_cm`` and ``points``
    (name -> [x, y] as fractions of the picture's width from the left and height from the
    top). lowback.psis_question.picture_landmarks checks it before anything uses it."""
    text = png_text(question_png("psis_question")).get(QUESTION_DATA_KEY)
    if text is None:
        raise ValueError("the question picture carries no landmarks: run `make figures`")
    return json.loads(text)


def png_text(data: bytes) -> dict[str, str]:
    """The tEXt chunks of a PNG, keyword -> text (Latin-1, as the PNG standard has them)."""
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG file")
    found: dict[str, str] = {}
    at = len(_SIGNATURE)
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if len(body) != length:
            raise ValueError("a PNG chunk runs past the end of the file")
        if kind == b"tEXt":
            keyword, _, text = body.partition(b"\0")
            found[keyword.decode("latin-1")] = text.decode("latin-1")
        if kind == b"IEND":
            break
        at += 12 + length  # length, kind, body, CRC
    return found


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    if not data.startswith(_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height
