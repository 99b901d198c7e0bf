"""QR codes for a prescription's link, made by segno (pure Python), the same for the screen and
the printed handout."""

from __future__ import annotations

import functools

import segno

from lowback.prescription import SettingError, check_link

# Medium error correction at least (segno raises it when the same version allows), so a code
# still scans with part of it smudged, folded or printed a little blurred. Low would let a few
# longer links through, as codes too dense to read from paper: they are refused instead.
ERROR_LEVEL = "m"


@functools.lru_cache(maxsize=8)
def qr_code(link: str) -> segno.QRCode:
    """The QR code of `link`, an absolute http(s) address (checked: SettingError if not, or if
    it is too long for any QR code). Kept for the few links of a moment ago: a long link's
    code takes a quarter of a second to make, and the handout's layout asks for it often.
    Read it, never change it."""
    check_link(link)
    try:
        return segno.make(link, error=ERROR_LEVEL, micro=False, boost_error=True)
    except segno.DataOverflowError:
        raise SettingError("link", "is too long for a QR code: shorten the note") from None


def qr_svg_data_uri(link: str) -> str:
    """The QR code as an SVG data: URL, for an <img> that carries alt text. It has no size of
    its own (only its proportions), so it takes the width its page gives it: a few centimetres
    on the page, the whole width of the screen when shown full size."""
    return qr_code(link).svg_data_uri(border=4, dark="#000000", light="#ffffff", omitsize=True)
