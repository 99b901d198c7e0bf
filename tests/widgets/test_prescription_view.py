"""The clinicians' prescription builder only shows what lowback.prescription and lowback.handout
make of its controls: checked in Python, without a browser."""

from __future__ import annotations

import base64
import html
import io
import re
import subprocess
import sys
import urllib.parse

import pytest
from pypdf import PdfReader

from lowback.prescription import Prescription, from_query
from lowback.widgets.prescription_view import (
    COPY_TEXT,
    DOWNLOAD_TEXT,
    LABELS,
    MAKE_TEXT,
    SHOW_QR_TEXT,
    PrescriptionBuilder,
    base_url_from_environment,
    base_url_from_page,
)

VOILA_PAGE = "http://127.0.0.1:8866/voila/render/04_for_clinicians.ipynb"
NO_ENVIRONMENT: dict[str, str] = {}


def pdf_of(builder: PrescriptionBuilder) -> bytes:
    """The handout, as the clinician gets it: asked for, then saved from its link."""
    builder.handout_button.click()
    href = re.search(r'href="data:application/pdf;base64,([^"]+)"', builder.download.value)
    assert href, builder.download.value
    return base64.b64decode(href.group(1))


def shown_link(builder: PrescriptionBuilder) -> str:
    return html.unescape(re.search(r"<code>([^<]+)</code>", builder.link.value).group(1))


@pytest.fixture
def builder() -> PrescriptionBuilder:
    return PrescriptionBuilder(environ=NO_ENVIRONMENT)


def test_every_control_is_labelled_with_its_setting(builder):
    controls = {**builder.controls, "note": builder.note, "address": builder.address}
    assert set(controls) == set(LABELS)
    for name, control in controls.items():
        assert control.description == LABELS[name]


def test_a_new_builder_shows_the_default_dosage_a_relative_link_and_a_handout_on_request(builder):
    assert builder.prescription == Prescription()
    assert "10 lifts on the right side, hold 2 s, rest 30 s" in builder.summary.value
    assert 'href="03_routine_timer.ipynb"' in builder.link.value
    assert builder.qr.value == ""  # no web address known: no code to scan
    assert builder.message.value == ""
    assert builder.handout_button.description == MAKE_TEXT
    assert builder.download.value == ""  # made when asked for, not with the page
    assert pdf_of(builder).startswith(b"%PDF-")
    assert DOWNLOAD_TEXT in builder.download.value
    assert 'download="lowback-routine-right-10.pdf"' in builder.download.value


def test_changing_the_settings_changes_the_link_summary_and_handout(builder):
    before = pdf_of(builder)
    builder.controls["reps"].value = 12
    assert builder.download.value == ""  # a handout for other settings is taken away
    builder.controls["side"].value = "left"
    builder.controls["times"].value = 2
    assert builder.prescription == Prescription(side="left", reps=12, times_per_day=2)
    assert 'href="03_routine_timer.ipynb?side=left&amp;reps=12&amp;times=2"' in builder.link.value
    assert "12 lifts on the left side" in builder.summary.value
    assert "up to 2 times a day" in builder.summary.value
    assert pdf_of(builder) != before
    assert 'download="lowback-routine-left-12.pdf"' in builder.download.value


def test_every_seconds_box_sets_its_own_setting(builder):
    for name, attribute, value in (
        ("hold", "hold_s", 3.0),
        ("rest", "rest_s", 45.0),
        ("lift", "lift_s", 1.5),
        ("lower", "lower_s", 4.0),
        ("lead", "lead_in_s", 10.0),
        ("cap", "final_hold_max_s", 90.0),
    ):
        builder.controls[name].value = value
        assert getattr(builder.prescription, attribute) == value
    assert from_query(builder.relative_link.partition("?")[2]) == builder.prescription


def test_a_bad_value_shows_a_plain_message_and_changes_nothing_else(builder):
    builder.controls["reps"].value = 12
    pdf_of(builder)
    shown = (builder.summary.value, builder.link.value, builder.download.value)
    builder.controls["reps"].value = 40
    assert "Repetitions: must be a whole number of repetitions from 1 to 30" in (
        builder.message.value
    )
    assert 'role="alert"' in builder.message.value
    assert builder.prescription.reps == 12
    assert (builder.summary.value, builder.link.value, builder.download.value) == shown
    assert builder.controls["reps"].value == 40  # left as typed, so it can be put right
    builder.controls["reps"].value = 15
    assert builder.message.value == "" and builder.prescription.reps == 15


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("hold", 0.0, "Hold, seconds: must be the seconds to hold each lift"),
        ("rest", 601.0, "Rest, seconds: must be the seconds to rest"),
        ("lead", -1.0, "Get ready, seconds: must be the seconds to get ready"),
        (
            "hold",
            31.0,
            "Hold, seconds: must be the seconds to hold each lift, a number from 1 to 30",
        ),
        ("rest", 5.0, "Rest, seconds: must be the seconds to rest, a number from 10 to 120"),
        (
            "cap",
            5.0,
            "Last hold, at most, seconds: must be the seconds the last hold may last at most, "
            "a number from 10 to 120",
        ),
        ("by", "x" * 61, "Your name, as the patient will see it (up to 60 characters): must be"),
        ("contact", "x" * 61, "How the patient can reach you (up to 60 characters): must be"),
        ("contact", "020\u200b7946", "How the patient can reach you (up to 60 characters)"),
    ],
)
def test_each_bad_number_is_named_by_its_label(builder, name, value, words):
    builder.controls[name].value = value
    assert words in builder.message.value


def test_the_new_controls_set_the_lowering_cap_plan_region_name_and_contact(builder):
    """Issue 23: the physiotherapist chooses the plan's numbers, the lowering, the last hold's
    cap, the patient's region and how to reach them; the link carries them all."""
    builder.controls["lowering"].value = "tip"
    builder.controls["cap"].value = 90.0
    builder.controls["days"].value = 5
    builder.controls["weeks"].value = 6
    builder.controls["region"].value = "uk"
    builder.controls["by"].value = "  Jane Smith "
    builder.controls["contact"].value = "020 7946 0000"
    expected = Prescription(
        lowering="tip",
        final_hold_max_s=90,
        days_per_week=5,
        weeks=6,
        region="uk",
        by="Jane Smith",
        contact="020 7946 0000",
    )
    assert builder.prescription == expected and builder.message.value == ""
    query = builder.relative_link.partition("?")[2]
    assert query == (
        "lowering=tip&cap=90&days=5&weeks=6&region=uk&by=Jane%20Smith&contact=020%207946%200000"
    )
    assert from_query(query) == expected
    assert "as the tip does" in builder.summary.value and "1 min 30 s" in builder.summary.value
    assert "5 days a week, for 6 weeks" in builder.summary.value
    # Each list can go back to "not set": the series' plan, and the patient's page asks.
    for name in ("days", "weeks", "region"):
        builder.controls[name].value = ""
    assert builder.prescription.days_per_week is None and builder.prescription.region is None


def test_the_plan_the_patient_will_see_follows_the_controls(builder):
    assert "Call your local emergency number (999, 112, 911, 000, 111)" in builder.plan.value
    assert "The plan in the link you opened" in builder.plan.value  # no key: not signed
    builder.controls["region"].value = "uk"
    builder.controls["weeks"].value = 6
    builder.controls["by"].value = "Jane <b>Smith</b>"
    shown = builder.plan.value
    assert "Call 999 or go to A&amp;E now" in shown and "Keep going for 6 weeks." in shown
    assert "Jane &lt;b&gt;Smith&lt;/b&gt;" in shown and "<b>Smith" not in shown


def test_a_bad_name_keeps_the_last_good_link_plan_and_handout(builder):
    builder.controls["by"].value = "Jane Smith"
    pdf_of(builder)
    shown = (builder.summary.value, builder.link.value, builder.plan.value, builder.download.value)
    builder.controls["by"].value = "J" * 61
    assert "Your name, as the patient will see it" in builder.message.value
    assert builder.prescription.by == "Jane Smith"
    assert (
        builder.summary.value,
        builder.link.value,
        builder.plan.value,
        builder.download.value,
    ) == shown


def test_the_handout_prints_the_name_contact_region_and_date_as_text(builder):
    builder.controls["region"].value = "uk"
    builder.controls["by"].value = "Jane **Smith**"
    builder.controls["contact"].value = "<i>020 7946 0000</i>"
    pages = PdfReader(io.BytesIO(pdf_of(builder))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Name in the link: Jane **Smith**" in text  # no key: the link speaks for nobody
    assert "Contact in the link: <i>020 7946 0000</i>" in text
    assert "Call 999 or go to A&E now" in text and "Made on " in text


def test_a_signed_builders_plan_and_handout_are_from_the_physiotherapist():
    builder = PrescriptionBuilder(environ={"LOWBACK_LINK_KEY": "k" * 32})
    builder.controls["by"].value = "Jane Smith"
    assert "From your physiotherapist" in builder.plan.value
    pages = PdfReader(io.BytesIO(pdf_of(builder))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "From your physiotherapist" in text and "Your physiotherapist: Jane Smith" in text


def test_the_note_is_shown_as_text_and_goes_into_the_link_and_handout(builder):
    builder.note.value = "After your walk <b>gently</b> & slowly"
    assert builder.prescription.note == "After your walk <b>gently</b> & slowly"
    assert "<b>" not in builder.link.value
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_of(builder))).pages)
    assert "After your walk <b>gently</b> & slowly" in " ".join(text.split())


def test_a_line_break_in_the_note_box_becomes_a_space(builder):
    builder.note.value = "First line\nsecond line"
    assert builder.prescription.note == "First line second line"
    assert builder.message.value == ""


def test_a_note_too_long_is_refused_by_name(builder):
    builder.note.value = "x" * 201
    assert builder.message.value.startswith('<p class="lowback-note" role="alert">Note for')
    assert builder.prescription.note == ""


def test_a_web_address_gives_the_full_link_and_a_qr_code_with_alt_text(builder):
    builder.controls["reps"].value = 12
    builder.address.value = "https://clinic.example.org/voila/render/"
    link = "https://clinic.example.org/voila/render/03_routine_timer.ipynb?reps=12"
    assert builder.absolute_link == link and shown_link(builder) == link
    assert builder.qr.value.startswith('<img src="data:image/svg+xml')
    assert 'alt="QR code: opens the routine on a phone with these settings' in builder.qr.value
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_of(builder))).pages)
    assert link in "".join(text.split())


def test_the_full_link_has_a_copy_button_holding_it_and_the_qr_code_names_its_enlarge_button(
    builder,
):
    assert COPY_TEXT not in builder.link.value  # a relative link is not one to send
    builder.address.value = "https://clinic.example.org/voila/render/"
    builder.note.value = "Gently & slowly"
    link = builder.absolute_link
    assert f'data-lowback-copy="{html.escape(link)}">{COPY_TEXT}</button>' in builder.link.value
    assert '<span role="status"></span>' in builder.link.value  # where "Copied" is said
    assert f'data-lowback-zoom-name="{SHOW_QR_TEXT}"' in builder.qr.value
    # The code has proportions but no size of its own: the page, or the full-size view, sets it.
    uri = re.search(r'src="data:image/svg\+xml;charset=utf-8,([^"]+)"', builder.qr.value)
    svg = urllib.parse.unquote(uri.group(1))
    assert "viewBox" in svg and " width=" not in svg.split(">", 1)[0]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("note", "Take it slow 中文", "The handout cannot print 中 文 (in the note)"),
        ("contact", "Ask for 🦵 Ann", "The handout cannot print 🦵 (in the contact line)"),
    ],
)
def test_a_character_the_handout_cannot_print_is_named_beside_it(builder, field, value, words):
    box = builder.note if field == "note" else builder.controls[field]
    box.value = value
    assert words in builder.unprintable.value
    assert (
        "leaves them out" in builder.unprintable.value
        or "leaves it out" in builder.unprintable.value
    )
    assert 'role="status"' in builder.unprintable.value
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_of(builder))).pages)
    assert "Ann" in text or "Take it slow" in text  # the rest still prints
    box.value = "Zażółć gęślą jaźń, Ψυχή, Привет 😀"  # all in the font
    assert builder.unprintable.value == ""


def test_a_bad_web_address_is_refused_and_the_relative_link_stays(builder):
    builder.address.value = "javascript:alert(1)"
    assert "Web address of the series, for the QR code: must be a web address" in (
        builder.message.value
    )
    assert builder.base_url is None and builder.qr.value == ""


def test_clearing_the_web_address_goes_back_to_the_relative_link(builder):
    builder.address.value = "https://clinic.example.org/"
    assert builder.qr.value
    builder.address.value = ""
    assert builder.base_url is None and builder.qr.value == ""


def test_in_voila_the_browsers_page_address_gives_the_full_link():
    builder = PrescriptionBuilder(environ=NO_ENVIRONMENT)
    assert builder.helper.wants_page_url
    builder.helper.page_url = VOILA_PAGE
    assert builder.address.value == "http://127.0.0.1:8866/voila/render/"
    assert builder.absolute_link == "http://127.0.0.1:8866/voila/render/03_routine_timer.ipynb"
    assert builder.qr.value


def test_a_forged_request_address_never_reaches_the_link():
    """Issue 26: VOILA_REQUEST_URL comes from the Host header of whoever asked for a page."""
    builder = PrescriptionBuilder(
        environ={"VOILA_REQUEST_URL": "http://clinic-login.evil.example/voila/render/04.ipynb"}
    )
    assert builder.address.value == "" and builder.base_url is None
    assert "evil" not in builder.link.value + builder.qr.value


def test_the_browsers_address_never_overwrites_one_already_there():
    builder = PrescriptionBuilder(environ={"LOWBACK_PUBLIC_URL": "https://clinic.example.org/"})
    assert not builder.helper.wants_page_url
    builder.helper.page_url = "http://elsewhere.example/voila/render/04_for_clinicians.ipynb"
    assert builder.address.value == "https://clinic.example.org/"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        # A request's address is never read, whatever it says.
        ({"VOILA_REQUEST_URL": VOILA_PAGE}, None),
        (
            {"LOWBACK_PUBLIC_URL": "https://clinic.example.org/", "VOILA_REQUEST_URL": VOILA_PAGE},
            "https://clinic.example.org/",
        ),
        ({"LOWBACK_PUBLIC_URL": "javascript:alert(1)"}, None),
    ],
)
def test_the_web_address_comes_only_from_the_deployment(environ, expected):
    assert base_url_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        (VOILA_PAGE, "http://127.0.0.1:8866/voila/render/"),
        # JupyterLab's address opens the notebook, not the page: no full link from it.
        ("http://localhost:8888/lab/tree/notebooks/04.ipynb", None),
        ("javascript:alert(1)//voila/render/x", None),
        ("http://a.example/voila/render/" + "x" * 3000, None),
        ("", None),
    ],
)
def test_the_browsers_address_is_used_only_when_it_is_a_voila_page(page_url, expected):
    assert base_url_from_page(page_url) == expected


def test_an_address_given_in_code_wins():
    builder = PrescriptionBuilder(
        base_url="https://clinic.example.org/voila/render/",
        environ={"LOWBACK_PUBLIC_URL": "https://other.example.org/"},
    )
    assert builder.base_url == "https://clinic.example.org/voila/render/"


def test_a_builder_can_start_from_a_prescription():
    builder = PrescriptionBuilder(Prescription(side="left", reps=8), environ=NO_ENVIRONMENT)
    assert builder.controls["side"].value == "left" and builder.controls["reps"].value == 8
    assert "8 lifts on the left side" in builder.summary.value


def test_the_text_repr_is_a_plain_sentence_that_never_changes(builder):
    builder.controls["reps"].value = 12
    assert repr(builder) == repr(PrescriptionBuilder(environ=NO_ENVIRONMENT))
    assert repr(builder).startswith("Prescription builder: ")


def test_a_failing_callback_shows_the_friendly_message_not_a_traceback(builder, monkeypatch):
    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(PrescriptionBuilder, "_render", staticmethod(broken))
    builder.controls["reps"].value = 12
    assert "Sorry, something went wrong" in builder.failsafe.notice.value
    assert "boom" not in builder.failsafe.notice.value


def test_every_control_and_the_download_link_are_tall_enough_to_tap(builder):
    css = builder.children[1].value
    assert "min-height: 44px" in css and "min-height: 48px" in css
    assert "font-size: 1rem" in css


def test_the_clinicians_page_stays_light_without_matplotlib():
    # A fresh interpreter: this test process has long imported Matplotlib.
    code = (
        "import sys\n"
        "from lowback.widgets.prescription_view import PrescriptionBuilder\n"
        "builder = PrescriptionBuilder(base_url='https://clinic.example.org/')\n"
        "builder.controls['side'].value = 'left'\n"
        "assert 'matplotlib' not in sys.modules, 'the builder imported Matplotlib'\n"
        "assert 'fpdf' not in sys.modules, 'fpdf2 came before the handout was asked for'\n"
        "builder.handout_button.click()\n"
        "assert 'application/pdf' in builder.download.value\n"
        "assert 'matplotlib' not in sys.modules, 'the handout imported Matplotlib'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_flood_of_handout_clicks_makes_one_handout_per_interval_for_the_latest_settings():
    """Issue 26, item 8: clicks with changing settings kept both cores busy for minutes."""
    import asyncio

    from lowback.widgets.handout_link import HandoutMaker

    async def flood() -> tuple[int, str]:
        output = widgets_html()
        # As in a kernel: its event loop makes the handouts that wait.
        maker = HandoutMaker(output, min_interval_s=0.3, loop=asyncio.get_running_loop)
        for reps in range(1, 31):  # 30 clicks, each for other settings, in a burst
            maker.request(Prescription(reps=reps), None, f"r{reps}.pdf")
        await asyncio.sleep(0.6)
        return maker.made, output.value

    made, shown = run_in_own_thread(flood())
    assert made == 2  # the first at once, then one for the last settings asked for
    assert 'download="r30.pdf"' in shown


def run_in_own_thread(coroutine):
    """asyncio.run in a thread of its own: in the whole suite, Playwright's synchronous API
    keeps an event loop running in this one."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(__import__("asyncio").run, coroutine).result()


def widgets_html():
    import ipywidgets

    return ipywidgets.HTML("")
