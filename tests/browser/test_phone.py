"""The series on a patient's phone: a 390 x 844 touch screen at device scale 3.

Every page fits the screen (words the width of the phone, text at least 16 px, controls at least
44 px, figures the width of the screen, nothing past the right edge); the quiz brings its result
into view and offers a call for an emergency; the routine fills the screen once started, keeps
it awake, and keeps time in the page, so a dropped connection changes nothing.
"""

from __future__ import annotations

import re
import time

import nbformat
import pytest
from playwright.sync_api import Browser, Page, expect

from harness.routine_driver import SHORT, nothing_new, settle, start
from harness.voila_server import VoilaServer
from lowback.pages import LANDING
from lowback.paths import NOTEBOOKS_DIR
from lowback.routine import Routine, build_schedule
from lowback.site.navigation import chapter_from_notebook, chapter_paths

from .conftest import ARTIFACTS, PHONE, open_rendered
from .quiz_driver import EMERGENCY_HEADLINE, QUIZ, answer

pytestmark = pytest.mark.e2e

PAGES = [p.name for p in chapter_paths()]
ROUTINE = "03_routine_timer.ipynb"

# Measured in the page: everything a reader on a phone would trip over, one line each.
MEASURE = """() => {
  const root = document.querySelector('#rendered_cells') || document.body;
  const shown = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const say = (e) =>
    `${e.tagName}.${String(e.className).slice(0, 40)} "${e.textContent.trim().slice(0, 30)}"`;
  const out = {narrow: [], pastRight: [], smallControls: [], smallText: [], smallFigures: []};
  for (const p of root.querySelectorAll('p, li')) {
    if (shown(p) && p.getBoundingClientRect().width < 320) out.narrow.push(say(p));
  }
  for (const e of root.querySelectorAll('*')) {
    if (shown(e) && !e.closest('table') && e.getBoundingClientRect().right > innerWidth + 1) {
      out.pastRight.push(say(e));
    }
  }
  const controls = root.querySelectorAll([
    '.lowback-view button', '.lowback-view select', '.lowback-view input[type=text]',
    '.lowback-view input[type=number]', '.lowback-view .widget-radio-box label',
    '.lowback-view label.widget-label-basic', '.lowback-player button',
    '.lowback-player select', '.lowback-player label.lowback-mute',
    '.lowback-player label.lowback-since-row'].join(','));
  for (const c of controls) {
    if (!shown(c)) continue;
    if (c.getBoundingClientRect().height < 44) out.smallControls.push(say(c));
    if (parseFloat(getComputedStyle(c).fontSize) < 16) out.smallText.push(say(c));
  }
  // The links a reader moves around by: the navigation lines, the Contents list and the links
  // in tables (issue 24, item 7).
  const links = root.querySelectorAll(['.celltag_nav-top a[href]', '.celltag_nav-bottom a[href]',
    '.celltag_contents a[href]', '.jp-RenderedMarkdown td a[href]'].join(','));
  for (const a of links) {
    if (!shown(a)) continue;
    if (a.getBoundingClientRect().height < 44) out.smallControls.push(say(a));
    if (parseFloat(getComputedStyle(a).fontSize) < 16) out.smallText.push(say(a));
  }
  const texts = ['.lowback-view .widget-label', '.lowback-view .widget-html-content',
    '.jp-RenderedMarkdown p', '.jp-RenderedMarkdown td', '.jp-RenderedMarkdown th'].join(',');
  for (const t of root.querySelectorAll(texts)) {
    if (shown(t) && parseFloat(getComputedStyle(t).fontSize) < 16) out.smallText.push(say(t));
  }
  for (const img of root.querySelectorAll('figure img')) {
    if (shown(img) && img.getBoundingClientRect().width < 320) out.smallFigures.push(say(img));
  }
  out.scrollWidth = document.documentElement.scrollWidth;
  return out;
}"""

# Installed before the page loads: a stand-in for the Screen Wake Lock API that records what
# the page asks of it, and a log of every phase name shown with the page's clock.
RECORDER = """
window.lowbackWake = [];
Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: {
  request: async (type) => {
    window.lowbackWake.push('request:' + type);
    const sentinel = new EventTarget();
    sentinel.released = false;
    sentinel.release = async () => {
      if (!sentinel.released) { sentinel.released = true; window.lowbackWake.push('release');
        sentinel.dispatchEvent(new Event('release')); }
    };
    return sentinel;
  } } });
window.lowbackPhases = [];
window.lowbackStart = null;
document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('button');
  if (button && button.textContent.trim() === 'Start' && window.lowbackStart === null) {
    window.lowbackStart = performance.now();
  }
}, true);
new MutationObserver(() => {
  const shown = document.querySelector('.lowback-phase');
  const name = shown ? shown.textContent : null;
  const seen = window.lowbackPhases;
  if (name && (seen.length === 0 || seen[seen.length - 1][0] !== name)) {
    seen.push([name, performance.now()]);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def ready(page: Page, url: str) -> None:
    open_rendered(page, url)
    if not url.endswith(LANDING):  # the landing page has no code and no widgets
        page.locator(".lowback-view").first.wait_for()


@pytest.mark.parametrize("notebook", PAGES)
def test_every_page_fits_a_phone(phone: Page, voila: VoilaServer, notebook: str):
    ready(phone, voila.page_url(notebook))
    found = phone.evaluate(MEASURE)
    assert found.pop("scrollWidth") <= PHONE["width"]
    assert found == {
        "narrow": [],
        "pastRight": [],
        "smallControls": [],
        "smallText": [],
        "smallFigures": [],
    }


def test_see_my_result_brings_the_result_into_view_with_the_focus_on_it(
    phone: Page, voila: VoilaServer
):
    ready(phone, voila.page_url(QUIZ))
    answer(phone, {"pain_spot": "beside_psis"}, tap=True)
    phone.get_by_role("button", name="See my result").tap()
    result = phone.get_by_role("status").filter(has_text="Your result")
    expect(result).to_be_in_viewport()
    phone.wait_for_function("() => document.activeElement.id.startsWith('lowback-result-')")


def test_an_emergency_is_announced_and_offers_a_call_to_a_number_the_reader_picks(
    phone: Page, voila: VoilaServer
):
    ready(phone, voila.page_url(QUIZ))
    answer(phone, {"both_legs": True}, tap=True)
    alert = phone.get_by_role("alert").filter(has_text=EMERGENCY_HEADLINE)
    expect(alert).to_be_visible()
    for number in ("999", "112", "911"):
        link = alert.get_by_role("link", name=f"Call {number}")
        expect(link).to_have_attribute("href", f"tel:{number}")
        assert link.bounding_box()["height"] >= 44
    # First in reading order: the same panel heads the quiz.
    top = phone.get_by_role("region", name="Emergency")
    expect(top.get_by_role("link", name="Call 112")).to_have_attribute("href", "tel:112")


def short_routine(page: Page) -> Routine:
    """The quickest two-rep routine the bounds allow: 19 s to the final hold."""
    settings = {"Hold, seconds": "1", "Rest, seconds": "10", "Lift, seconds": "1"}
    # Repetitions last: the kernel takes the settings in the order they are typed, and
    # "2 repetitions" on the player is the sign it has made the plan from all of them.
    settings |= {"Lower, seconds": "1", "Get ready, seconds": "3", "Repetitions": "2"}
    for label, value in settings.items():
        box = page.get_by_role("spinbutton", name=label)
        box.fill(value)
        box.press("Tab")
    expect(page.locator(".lowback-rep")).to_have_text(
        "2 repetitions, then a rest and one long hold"
    )
    return Routine(reps=2, hold_s=1, rest_s=10, lift_s=1, lower_s=1, lead_in_s=3)


def test_start_fills_the_phone_with_the_routine_and_keeps_the_screen_awake(
    phone: Page, voila: VoilaServer
):
    phone.add_init_script(RECORDER)
    ready(phone, voila.page_url(ROUTINE))
    short_routine(phone)
    nothing_new(phone, tap=True)
    phone.get_by_role("button", name="Start").tap()
    expect(phone.locator(".lowback-phase")).to_have_text("Lift", timeout=10_000)
    # Phase, time left, repetition, picture, Pause and the finish button on one screen.
    for part in (".lowback-phase", ".lowback-time", ".lowback-rep", ".lowback-frame"):
        expect(phone.locator(part)).to_be_in_viewport(ratio=1)
    for name in ("Pause", "Stop the hold"):
        expect(phone.get_by_role("button", name=name)).to_be_in_viewport(ratio=1)
    # Upright, the frame drawn for a phone (larger labels above and below the drawing) takes
    # the room between the words and the buttons: no empty band (issue 24, item 9).
    frame = phone.locator(".lowback-player .lowback-frame")
    expect(frame).to_have_attribute("src", re.compile(r"frame_lift_right_phone\.webp$"))
    assert frame.bounding_box()["height"] >= 0.4 * PHONE["height"]
    assert phone.evaluate("window.lowbackWake") == ["request:screen"]
    phone.get_by_role("button", name="Pause").tap()
    assert phone.evaluate("window.lowbackWake") == ["request:screen", "release"]
    phone.get_by_role("button", name="Resume").tap()
    expect(phone.locator(".lowback-phase")).to_have_text("Long hold", timeout=40_000)
    phone.get_by_role("button", name="Stop the hold").tap()
    expect(phone.locator(".lowback-phase")).to_have_text("Well done")
    assert phone.evaluate("window.lowbackWake") == [
        "request:screen",
        "release",
        "request:screen",
        "release",
    ]
    # A minute later (or at once, if the reader asks) the pain score is asked for right there.
    expect(phone.get_by_text("Rest a minute, then rate the pain at the spot")).to_be_visible()
    phone.get_by_role("button", name="Rate my pain now").tap()
    expect(phone.get_by_role("combobox", name="Pain after, 0 to 10")).to_be_in_viewport()
    phone.get_by_role("button", name="Back to the page").tap()
    expect(phone.locator(".lowback-player.lowback-exercise")).to_have_count(0)


def test_a_dropped_connection_stalls_no_phase_and_the_kernel_learns_what_happened(
    phone: Page, voila: VoilaServer
):
    phone.add_init_script(RECORDER)
    ready(phone, voila.page_url(ROUTINE))
    routine = short_routine(phone)
    nothing_new(phone, tap=True)
    phone.get_by_role("button", name="Start").tap()
    # The kernel heard Start: it locks the settings while the routine runs.
    reps = phone.get_by_role("spinbutton", name="Repetitions")
    expect(reps).to_be_disabled()
    phone.context.set_offline(True)
    try:
        expect(phone.locator(".lowback-phase")).to_have_text("Long hold", timeout=40_000)
        time.sleep(2.2)
        expect(phone.locator(".lowback-time")).to_have_text("2 s, stop by 60")
        phone.get_by_role("button", name="Stop the hold").tap()
        expect(phone.locator(".lowback-time")).to_have_text("You held for 2 s")
        time.sleep(1.0)
        # The kernel has heard nothing yet: the connection really is cut.
        expect(reps).to_be_disabled()
    finally:
        phone.context.set_offline(False)
    start_ms = phone.evaluate("window.lowbackStart")
    shown = phone.evaluate("window.lowbackPhases")
    timed = [(name, at) for name, at in shown if name not in ("Ready", "Well done")]
    schedule = build_schedule(routine)
    assert len(timed) == len(schedule)
    for (name, at_ms), phase in zip(timed, schedule, strict=True):
        error_ms = at_ms - (start_ms + phase.start_s * 1000)
        assert -5 <= error_ms <= 150, (name, phase.start_s, error_ms)
    # Back online, the kernel replays the page's events: the routine is over, and it frees the
    # settings again.
    expect(reps).to_be_enabled(timeout=30_000)


@pytest.mark.parametrize("notebook", PAGES)
def test_a_link_to_any_page_says_what_it_is_in_a_preview(page: Page, voila: VoilaServer, notebook):
    chapter = chapter_from_notebook(notebook, nbformat.read(NOTEBOOKS_DIR / notebook, 4))
    page.goto(voila.page_url(notebook))
    head = page.locator("head")
    expect(head.locator('meta[property="og:title"]')).to_have_attribute("content", chapter.title)
    for name in ('meta[property="og:description"]', 'meta[name="description"]'):
        expect(head.locator(name)).to_have_attribute("content", chapter.promise)
    expect(page).to_have_title(chapter.title)


# The script that starts the page's front end: Voila's (at its versioned address, see
# lowback.site.caching) or the series' light one.
FRONT_END_ENTRY = re.compile(
    r"/voila/(static/(v-[0-9a-f]+/)?voila\.js|templates/[^/]+/static/main-[0-9a-f]+\.js)$"
)


def test_the_words_come_first_and_each_widget_says_it_is_getting_ready(
    phone: Page, voila: VoilaServer
):
    # Hold back Voila's front end, as a slow phone network would: the page's own words and a
    # short note in each widget's place show meanwhile, and no "Executing N of N" screen.
    held: list = []
    phone.route(FRONT_END_ENTRY, lambda route: held.append(route))
    phone.goto(voila.page_url(QUIZ), wait_until="commit")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    expect(phone.get_by_role("heading", name="Why screening comes first")).to_be_attached()
    placeholder = phone.get_by_role("status").filter(has_text="Getting the screening quiz ready")
    expect(placeholder).to_be_visible()
    expect(phone.get_by_text("Executing")).to_be_hidden()
    assert held, "Voila's front end was asked for"
    held[0].continue_()
    phone.unroute(FRONT_END_ENTRY)
    expect(phone.get_by_role("button", name="See my result")).to_be_visible(timeout=60_000)
    expect(placeholder).to_be_hidden()


def test_a_phone_on_its_side_shows_the_phase_the_picture_and_every_button_while_the_routine_runs(
    browser: Browser, voila: VoilaServer
):
    # At 863 x 360 the exercise picture was cut and Pause, the hold's button and Reset fell
    # below the screen: the words now sit beside the picture, the buttons in one row.
    size = {"width": 863, "height": 360}
    context = browser.new_context(viewport=size, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_rendered(page, voila.page_url(ROUTINE))
        settle(page, SHORT)
        nothing_new(page)
        start(page).click()
        expect(page.locator(".lowback-phase")).to_have_text("Get ready")
        # The exercise view has taken the screen.
        expect(page.locator("html.lowback-exercising")).to_have_count(1)
        shown = [
            page.locator(".lowback-phase"),
            page.locator(".lowback-time"),
            page.locator(".lowback-player .lowback-frame"),
            page.get_by_role("button", name="Pause"),
            page.get_by_role("button", name="Stop the hold"),
            page.get_by_role("button", name="Reset"),
        ]
        for item in shown:
            box = item.bounding_box()
            assert box is not None, item
            assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"] + 1, item
            assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1, item
        # On its side, the wide frame: it fits beside the words.
        frame = page.locator(".lowback-player .lowback-frame")
        expect(frame).to_have_attribute("src", re.compile(r"frame_start_right\.webp$"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "phone_landscape_routine_running.png")
    finally:
        context.close()
