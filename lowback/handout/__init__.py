"""The printable handout of a prescription: an A4 PDF with the steps and their pictures, the
dosage, the stop rules, the physiotherapist's note, and the link with its QR code.

A layer of its own (tests/unit/test_layers.py): it draws on the pure core (the prescription, its
words) and on lowback.drawing.pictures (the pre-drawn frames, read without Matplotlib), and
brings in fpdf2 and segno, which neither the core nor the pictures need. The clinicians' view in
lowback.widgets uses it; nothing below it does.
"""

from __future__ import annotations

from lowback.handout.pdf import handout_pdf
from lowback.handout.qr import qr_code, qr_svg_data_uri

__all__ = ["handout_pdf", "qr_code", "qr_svg_data_uri"]
