"""The printable handout of a prescription: an A4 PDF of the plan the core builds
(lowback.plan.build_plan): the steps and their pictures, the dosage and how often, the stop
rules, the region's emergency number, who set it and when, and the link with its QR code.

A layer of its own (tests/policy/test_layers.py): it draws on the pure core (the plan, which
holds every word it prints) and on lowback.drawing.pictures (the pre-drawn frames, read without
Matplotlib), and brings in fpdf2 and segno, which neither the core nor the pictures need. The
views in lowback.widgets use it; nothing below it does.
"""

from __future__ import annotations

from lowback.handout.qr import qr_code, qr_svg_data_uri

__all__ = ["handout_pdf", "qr_code", "qr_svg_data_uri"]


def __getattr__(name: str):
    # fpdf2 is imported with the PDF, not with the package: a page that shows a QR code only
    # (the clinicians' page before the handout is asked for) never loads it.
    if name == "handout_pdf":
        from lowback.handout.pdf import handout_pdf

        return handout_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
