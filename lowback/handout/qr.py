"""QR codes for a prescription's link, made by segno (pure Python), the same for the screen and
the printed handout."""

from __future__ import annotations

import segno

from lowback.prescription import SettingError, check_link

# Medium error correction, so a code still scans with part of it smudged or folded; a link too
# long for that (a long note in a non-Latin script) falls back to low.
ERROR_LEVELS = ("m", "l")


def qr_code(link: str) -> segno.QRCode:
    """The QR code of `link`, an absolute http(s) address (checked: SettingError if not, or if
    it is too long for any QR code)."""
    check_link(link)
    for level in ERROR_LEVELS:
        try:
            return segno.make(link, error=level, micro=False, boost_error=True)
        except segno.DataOverflowError:
            continue
    raise SettingError("link", "is too long for a QR code: shorten the note")


def qr_svg_data_uri(link: str, scale: int = 4) -> str:
    """The QR code as an SVG data: URL, for an <img> that carries alt text."""
    return qr_code(link).svg_data_uri(scale=scale, border=4, dark="#000000", light="#ffffff")
