"""lowback.widgets.plan_view: the plan as a page shows it, the same facts as the handout prints
(issue 23, item 10), every text escaped, laid out for a phone."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from lowback.handout import handout_pdf
from lowback.plan import build_plan, plan_texts
from lowback.prescription import Prescription, routine_link
from lowback.widgets.plan_view import PLAN_CSS, SHOWN, plan_html

DAY = date(2026, 12, 7)
BASE = "https://clinic.example.org/voila/render/"


def page_text(fragment: str) -> str:
    """What a reader of the page sees: tags and the stylesheet gone, entities read."""
    fragment = re.sub(r"<style>.*?</style>", " ", fragment, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


PRESCRIPTIONS = [
    Prescription(),
    Prescription(
        side="left",
        reps=14,
        hold_s=4,
        rest_s=40,
        lowering="tip",
        final_hold_max_s=45,
        times_per_day=2,
        days_per_week=4,
        weeks=8,
        region="uk",
        by="Jane Smith",
        contact="Riverside Clinic, 020 7946 0000",
        note="Gently at first, after your walk.",
    ),
    Prescription(region="au", note="<b>not bold</b> & **not either**", by="A <i>B</i>"),
]


@pytest.mark.parametrize("p", PRESCRIPTIONS, ids=["defaults", "uk-physio", "au-markup"])
@pytest.mark.parametrize("origin", ["physio", "link", "own"])
def test_the_page_and_the_handout_carry_the_same_facts(p, origin):
    """Issue 23, item 10: one plan, drawn twice; every sentence of it the page shows is on the
    printed handout too, word for word."""
    link = routine_link(p, BASE)
    plan = build_plan(p, origin=origin, link=link, today=DAY)
    on_page = page_text(plan_html(plan))
    on_paper = pdf_text(handout_pdf(p, link, origin=origin, today=DAY))
    texts = plan_texts(plan, parts=SHOWN)
    assert len(texts) > 40
    for text in texts:
        words = " ".join(text.split())
        assert words in on_page, f"not on the page: {words}"
        assert words in on_paper, f"not on the handout: {words}"


def test_the_page_shows_every_part_but_the_handouts_own():
    plan = build_plan(Prescription(by="J", contact="C", note="N"), origin="physio", today=DAY)
    on_page = page_text(plan_html(plan))
    for text in plan_texts(plan, parts=SHOWN):
        assert " ".join(text.split()) in on_page
    assert plan.timer.lead not in on_page  # how to scan the printed code: paper only


def test_text_from_a_link_is_escaped_never_markup():
    p = Prescription(
        by='<img src=x onerror="alert(1)">', contact="<script>alert(2)</script>", note="<b>hi</b>"
    )
    fragment = plan_html(build_plan(p, origin="link"))
    assert "<img" not in fragment and "<script" not in fragment and "<b>hi" not in fragment
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in fragment
    assert "&lt;b&gt;hi&lt;/b&gt;" in fragment


def test_the_origin_heading_is_the_routine_pages_banner():
    for origin, heading in (
        ("physio", "From your physiotherapist"),
        ("link", "The plan in the link you opened"),
        ("own", "Your settings"),
    ):
        assert heading in page_text(plan_html(build_plan(Prescription(), origin=origin)))


def test_a_uk_plan_offers_a_call_to_999_and_no_region_offers_each_common_number():
    uk = plan_html(build_plan(Prescription(region="uk"), origin="own"))
    assert re.findall(r'href="tel:(\d+)"', uk) == ["999"]
    anywhere = plan_html(build_plan(Prescription(), origin="own"))
    assert re.findall(r'href="tel:(\d+)"', anywhere) == ["999", "112", "911", "000", "111"]


def test_the_plan_is_phone_first_text_at_16px_taps_of_48px_and_nothing_wider_than_the_screen():
    assert "font-size: 1rem" in PLAN_CSS and "min-height: 48px" in PLAN_CSS
    assert "overflow-wrap: anywhere" in PLAN_CSS
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)rem", PLAN_CSS)]
    assert min(sizes) >= 1
    assert "width:" not in PLAN_CSS.replace("max-width", "")  # no fixed widths to overflow
    fragment = plan_html(build_plan(Prescription(), origin="own"))
    assert "<table" not in fragment and "<pre" not in fragment
