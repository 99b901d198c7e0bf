"""The clinicians' page in Voila: a physiotherapist sets a dosage and gets the patient's link and
handout, in Chromium on a desktop and on a phone."""

from __future__ import annotations

import base64
import http.client
import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from harness.voila_server import VoilaServer
from lowback.widgets.prescription_view import (
    COPIED_TEXT,
    COPY_TEXT,
    DOWNLOAD_TEXT,
    LABELS,
    MAKE_TEXT,
    SHOW_QR_TEXT,
)

from .conftest import (
    ARTIFACTS,
    PAGE_RENDER_TIMEOUT_MS,
    PHONE,
    open_rendered,
    serious_accessibility_violations,
)

pytestmark = pytest.mark.e2e

CLINICIANS = "04_for_clinicians.ipynb"
PDF_HREF = re.compile(r"^data:application/pdf;base64,JVBERi0")  # "%PDF-", base64-encoded


def open_builder(page: Page, voila: VoilaServer) -> None:
    open_rendered(page, voila.page_url(CLINICIANS))
    make_handout(page).wait_for()


def make_handout(page: Page):
    return page.get_by_role("button", name=MAKE_TEXT)


def download(page: Page):
    return page.get_by_role("link", name=DOWNLOAD_TEXT)


def shown_link(page: Page):
    return page.locator(".lowback-rx-link")


def set_number(page: Page, label: str, value: str) -> None:
    """Type a number as a clinician would; it is sent when the box loses focus."""
    box = page.get_by_role("spinbutton", name=label)
    box.fill(value)
    box.press("Tab")


def test_setting_reps_and_side_changes_the_link_and_the_handout(page: Page, voila: VoilaServer):
    open_builder(page, voila)
    expect(download(page)).to_have_count(0)  # made when asked for, not with the page
    make_handout(page).click()
    first_pdf = download(page).get_attribute("href")
    assert PDF_HREF.match(first_pdf)
    set_number(page, LABELS["reps"], "12")
    expect(download(page)).to_have_count(0)  # it was for other settings
    page.get_by_role("combobox", name=LABELS["side"]).select_option(
        label="Left (lies on the right side)"
    )
    expect(shown_link(page)).to_contain_text("03_routine_timer.ipynb?side=left&reps=12")
    expect(page.get_by_role("status").filter(has_text="Dosage:")).to_contain_text(
        "12 lifts on the left side"
    )
    # The link the page offers opens the routine page this server serves, with the settings.
    opens = page.get_by_role("link", name="Open the routine with these settings")
    resolved = opens.evaluate("a => a.href")
    assert resolved == voila.page_url("03_routine_timer.ipynb") + "?side=left&reps=12"
    make_handout(page).click()
    expect(download(page)).to_have_attribute("href", PDF_HREF)
    assert download(page).get_attribute("href") != first_pdf
    with page.expect_download() as started:
        download(page).click()
    handout = started.value
    assert handout.suggested_filename == "lowback-routine-left-12.pdf"
    with open(handout.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"
    # The link opens (in a new tab) the routine with the physiotherapist's settings.
    with page.context.expect_page() as opened:
        opens.click()
    routine = opened.value
    routine.wait_for_load_state()
    assert routine.url.endswith("/03_routine_timer.ipynb?side=left&reps=12")
    # make serve has no link key: the link speaks for nobody, so the page says whose it is.
    from_link = routine.get_by_role("status").filter(has_text="The plan in the link you opened")
    expect(from_link).to_contain_text("12 lifts on the left side", timeout=60_000)
    expect(routine.get_by_text("From your physiotherapist")).to_have_count(0)
    expect(routine.get_by_role("spinbutton", name="Repetitions")).to_have_value("12")
    expect(routine.get_by_role("combobox", name="Sore side (it goes on top)")).to_have_value(
        "Left (lie on your right side)"
    )
    expect(routine.locator(".lowback-rep")).to_have_text(
        "12 repetitions, then a rest and one long hold"
    )
    routine.close()


def test_the_new_controls_make_a_link_that_carries_them(page: Page, voila: VoilaServer):
    """Issue 23: the lowering, the last hold's cap, days a week, weeks, the region, the
    physiotherapist's name and contact line go into the link and the plan shown; a bad value
    says which and keeps the last good link."""
    open_builder(page, voila)
    page.get_by_role("combobox", name=LABELS["lowering"]).select_option(
        label="The tip's: knee to the floor in front"
    )
    set_number(page, LABELS["cap"], "90")
    page.get_by_role("combobox", name=LABELS["days"]).select_option(label="5 days")
    page.get_by_role("combobox", name=LABELS["weeks"]).select_option(label="6 weeks")
    page.get_by_role("combobox", name=LABELS["region"]).select_option(label="United Kingdom (999)")
    for name, value in (("by", "Jane Smith"), ("contact", "020 7946 0000")):
        box = page.get_by_role("textbox", name=LABELS[name])
        box.fill(value)
        box.press("Tab")
    query = (
        "?lowering=tip&cap=90&days=5&weeks=6&region=uk&by=Jane%20Smith&contact=020%207946%200000"
    )
    expect(shown_link(page)).to_contain_text(query)
    plan = page.locator("details.lowback-rx-plan-details")
    plan.locator("summary").first.click()
    expect(plan).to_contain_text("Call 999 or go to A&E now")
    expect(plan).to_contain_text("Name in the link: Jane Smith")
    expect(plan).to_contain_text("Keep going for 6 weeks.")
    set_number(page, LABELS["cap"], "5")
    message = page.get_by_role("alert").filter(has_text="Last hold, at most, seconds:")
    expect(message).to_contain_text("a number from 10 to 120")
    expect(shown_link(page)).to_contain_text(query)
    make_handout(page).click()
    pdf = base64.b64decode(download(page).get_attribute("href").split(",", 1)[1])
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Call 999 or go to A&E now" in text and "Jane Smith" in text and "Made on" in text


def test_a_link_that_cannot_be_read_says_which_setting_and_keeps_the_tips_settings(
    page: Page, voila: VoilaServer
):
    open_rendered(page, voila.page_url("03_routine_timer.ipynb") + "?reps=99&side=left")
    alert = page.get_by_role("alert").filter(has_text="could not be used")
    expect(alert).to_contain_text("reps: must be a whole number of repetitions from 1 to 30")
    expect(page.get_by_role("spinbutton", name="Repetitions")).to_have_value("10")
    expect(page.get_by_role("combobox", name="Sore side (it goes on top)")).to_have_value(
        "Right (lie on your left side)"
    )


def test_a_bad_value_shows_a_plain_message_and_keeps_the_last_good_link(
    page: Page, voila: VoilaServer
):
    open_builder(page, voila)
    set_number(page, LABELS["reps"], "12")
    expect(shown_link(page)).to_contain_text("?reps=12")
    set_number(page, LABELS["reps"], "40")
    message = page.get_by_role("alert").filter(has_text="Repetitions:")
    expect(message).to_contain_text("must be a whole number of repetitions from 1 to 30")
    expect(shown_link(page)).to_contain_text("?reps=12")
    expect(page.locator("body")).not_to_contain_text("Traceback")
    assert serious_accessibility_violations(page) == []


def test_on_a_phone_every_control_is_big_enough_to_tap_and_nothing_runs_off_the_screen(
    phone: Page, voila: VoilaServer
):
    open_builder(phone, voila)
    reps = phone.get_by_role("spinbutton", name=LABELS["reps"])
    reps.tap()
    reps.fill("8")
    reps.press("Tab")
    expect(shown_link(phone)).to_contain_text("?reps=8")
    make_handout(phone).tap()
    download(phone).wait_for()
    builder = phone.locator(".lowback-prescription")
    controls = builder.locator("input, select, textarea, button, a.lowback-download")
    assert controls.count() >= 12
    for index in range(controls.count()):
        control = controls.nth(index)
        box = control.bounding_box()
        assert box is not None and box["height"] >= 44, control.evaluate("e => e.outerHTML")
        size = float(control.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
        assert size >= 16
    overflow = builder.evaluate("b => b.scrollWidth - b.clientWidth")
    assert overflow <= 1, f"the builder is {overflow}px wider than the phone's screen"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_on_make_serve_the_link_is_whole_copies_at_a_tap_and_its_code_opens_full_size(
    browser: Browser, voila: VoilaServer
):
    """Issue 24, item 4: the address comes from the browser, the link is absolute, the Copy
    button puts it on the clipboard, the QR code opens as wide as the phone, and the builder says
    which characters the handout cannot print."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        has_touch=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    page = context.new_page()
    try:
        open_builder(page, voila)
        pages = f"{voila.url}/voila/render/"
        expect(page.get_by_role("textbox", name=LABELS["address"])).to_have_value(pages)
        note = page.get_by_role("textbox", name=LABELS["note"])
        note.fill("Gently at first 中文")
        note.press("Tab")
        link = f"{pages}03_routine_timer.ipynb?note=Gently%20at%20first%20%E4%B8%AD%E6%96%87"
        expect(shown_link(page)).to_contain_text(link)
        expect(
            page.get_by_role("status").filter(has_text="The handout cannot print")
        ).to_contain_text("中 文 (in the note)")
        copy = page.get_by_role("button", name=COPY_TEXT)
        copy.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "phone_builder_link_copy_qr.png")
        copy.click()
        expect(page.get_by_role("status").filter(has_text=COPIED_TEXT)).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == link
        qr = page.locator(".lowback-rx-qr img")
        expect(qr).to_have_count(1)
        box = qr.bounding_box()
        assert box is not None and box["width"] >= 200  # 14rem: easy to scan off the screen
        make_handout(page).click()
        pdf = base64.b64decode(download(page).get_attribute("href").split(",", 1)[1])
        text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages)
        assert f"{pages}03_routine_timer.ipynb?note=" in "".join(text.split())
        page.get_by_role("button", name=SHOW_QR_TEXT, exact=True).click()
        shown = page.locator("dialog.lowback-zoom img")
        expect(shown).to_be_visible()
        assert shown.bounding_box()["width"] >= PHONE["width"] - 2
    finally:
        context.close()


def ask_with_forged_host(voila: VoilaServer, notebook: str, host: str) -> int:
    """One raw page request with a Host header of the attacker's choosing; its status."""
    connection = http.client.HTTPConnection("127.0.0.1", voila.port, timeout=120)
    try:
        connection.request("GET", f"/voila/render/{notebook}", headers={"Host": host})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_a_forged_host_never_reaches_the_next_physiotherapists_link_qr_or_handout(
    page: Page, voila: VoilaServer
):
    """Issue 26: Voila filled a pooled kernel's environment from the request before it, so an
    attacker's Host header became the next physiotherapist's link, QR code and handout."""
    evil = "clinic-login.evil.example"
    for _ in range(2):  # the kernel this request takes, and the one the pool refills with
        assert ask_with_forged_host(voila, CLINICIANS, evil) == 200
    open_builder(page, voila)
    address = page.get_by_role("textbox", name=LABELS["address"])
    # The address comes from this browser's own location, once it has said it.
    expect(address).to_have_value(f"{voila.url}/voila/render/")
    expect(shown_link(page)).to_contain_text(f"{voila.url}/voila/render/03_routine_timer.ipynb")
    expect(page.locator(".lowback-rx-qr img")).to_have_count(1)
    make_handout(page).click()
    pdf = base64.b64decode(download(page).get_attribute("href").split(",", 1)[1])
    text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages)
    assert voila.url in "".join(text.split())
    assert evil not in text and evil.encode() not in pdf
    assert evil not in page.content()


LINK_KEY = "a clinic's own secret, long enough"


@pytest.fixture(scope="module")
def keyed_voila(tmp_path_factory: pytest.TempPathFactory):
    """A deployment that signs its links (LOWBACK_LINK_KEY), as one with page 04 behind a login."""
    server = VoilaServer(
        tmp_path_factory.mktemp("keyed") / "voila.log", env={"LOWBACK_LINK_KEY": LINK_KEY}
    )
    yield server
    server.stop()


def test_a_signed_link_is_from_the_physiotherapist_until_the_patient_changes_it(
    page: Page, keyed_voila: VoilaServer
):
    """Issue 26, item 5: only a link signed by the deployment speaks as the physiotherapist."""
    open_builder(page, keyed_voila)
    expect(page.get_by_text("Links from this page are signed")).to_be_visible()
    set_number(page, LABELS["reps"], "12")
    expect(shown_link(page)).to_contain_text("?reps=12&sig=")
    href = page.get_by_role("link", name="Open the routine with these settings").evaluate(
        "a => a.href"
    )
    page.goto(href)
    banner = page.get_by_role("status").filter(has_text="From your physiotherapist")
    expect(banner).to_contain_text("12 lifts", timeout=60_000)
    # The physiotherapist has seen the patient: no "have you done the quiz?" to answer.
    expect(page.get_by_text("Have you done the screening quiz?")).to_be_hidden()
    # The patient changes a setting: the plan is theirs now, on the page and in the handout.
    box = page.get_by_role("spinbutton", name="Repetitions")
    box.fill("11")
    box.press("Tab")
    expect(page.get_by_role("status").filter(has_text="Your settings")).to_be_visible()
    expect(page.get_by_text("From your physiotherapist")).to_have_count(0)
    # The same link with its note changed is only "the plan in the link you opened".
    page.goto(href.replace("reps=12", "reps=12&note=Stop%20your%20medication"))
    expect(
        page.get_by_role("status").filter(has_text="The plan in the link you opened")
    ).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Note from your physiotherapist")).to_have_count(0)


IPHONE_SE = {"width": 375, "height": 667}


def test_the_patients_link_on_an_iphone_se_opens_with_the_plan_its_note_and_a_jump_to_start(
    browser: Browser, keyed_voila: VoilaServer
):
    """Issue 24, item 3: the plan was 10.6 screens down and Start 13.4. A signed link now opens
    with the plan, whose it is and its note on the first screen, and one tap reaches the checks
    before Start; an unsigned link's banner never speaks as the physiotherapist."""
    from lowback.prescription import Prescription
    from lowback.signed_link import signed_query
    from lowback.widgets.timer_view import JUMP_WORDS, START_ID

    prescription = Prescription(
        reps=12, side="left", times_per_day=2, by="Sam Okafor", note="After your walk."
    )
    query = signed_query(prescription, LINK_KEY.encode())
    context = browser.new_context(
        viewport=IPHONE_SE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(keyed_voila.page_url(f"03_routine_timer.ipynb?{query}"))
        banner = page.locator(".lowback-plan-banner").get_by_role("status")
        expect(banner).to_contain_text("From your physiotherapist: 12 lifts on the left side")
        expect(banner).to_contain_text("up to 2 times a day")
        expect(banner).to_contain_text("Note from your physiotherapist: After your walk.")
        expect(banner).to_contain_text("Your physiotherapist: Sam Okafor")
        jump = banner.get_by_role("link", name=JUMP_WORDS)
        # The first screen: the title, the quiz link, then the plan and the jump, above the
        # navigation line and the safety box.
        expect(jump).to_be_in_viewport(ratio=1)
        nav = page.get_by_role("link", name="Contents").first
        assert banner.bounding_box()["y"] < nav.bounding_box()["y"]
        page.get_by_role("button", name="Start").wait_for()
        jump.tap()
        expect(page.locator(f"#{START_ID}")).to_be_in_viewport()
        page.wait_for_url(f"**#{START_ID}")
        # The checks follow the heading in DESIGN.md's order: region, then what is new.
        expect(page.get_by_role("group", name="Where are you?")).to_be_in_viewport()
        # The same link with its note changed speaks for nobody, in the banner too.
        page.goto(
            keyed_voila.page_url(f"03_routine_timer.ipynb?{query.replace('After', 'Before')}")
        )
        expect(banner).to_contain_text("The plan in the link you opened: 12 lifts")
        expect(banner).to_contain_text("Note in the link: Before your walk.")
        expect(banner).not_to_contain_text("physiotherapist")
        expect(banner.get_by_role("link", name=JUMP_WORDS)).to_be_in_viewport(ratio=1)
        page.screenshot(path=ARTIFACTS / "phone_se_patients_link.png")
    finally:
        context.close()
