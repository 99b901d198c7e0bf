"""The series at 200% zoom with the keyboard alone (issue 24): every control shows the buttons'
3 px focus ring, every page has one <main> holding its cells and no content outside a landmark,
the landing page's Tab stops are its links only, and nothing runs past the right edge of a
390 px phone zoomed to 200% (a window 195 CSS pixels wide)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.routine_driver import SHORT, nothing_new, settle, start
from harness.voila_server import VoilaServer
from lowback.pages import LANDING, ROUTINE
from lowback.site.navigation import chapter_paths

from .conftest import ARTIFACTS, PAGE_RENDER_TIMEOUT_MS, open_rendered
from .quiz_driver import QUIZ, region_choice

pytestmark = pytest.mark.e2e

PAGES = [p.name for p in chapter_paths()]
WIDGET_PAGES = [name for name in PAGES if name != LANDING]
# A 390 x 844 phone at 200% zoom: half as many CSS pixels each way.
ZOOMED = {"width": 195, "height": 422}
MIN_RING_PX = 3
MIN_RING_CONTRAST = 3.0

# The focused element's outline, and the colour behind it (the first opaque background up).
RING = """(e) => {
  const style = getComputedStyle(e);
  let back = 'rgb(255, 255, 255)';
  for (let x = e.parentElement; x; x = x.parentElement) {
    const b = getComputedStyle(x).backgroundColor;
    if (b && b !== 'transparent' && !b.startsWith('rgba(0, 0, 0, 0)')) { back = b; break; }
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          colour: style.outlineColor, back};
}"""


def rgb(colour: str) -> tuple[float, ...]:
    return tuple(float(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])


def luminance(colour: str) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def zoomed(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A 390 px phone at 200% zoom: a window 195 CSS pixels wide, at device scale 4."""
    context = browser.new_context(viewport=ZOOMED, device_scale_factor=4)
    context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"zoom_{request.node.name}.png")
    context.close()


def open_page(page: Page, voila: VoilaServer, notebook: str) -> None:
    open_rendered(page, voila.page_url(notebook))
    if notebook != LANDING:
        page.locator(".lowback-view").first.wait_for()


def assert_ring(page: Page, control) -> None:
    control.focus()
    control.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused from the keyboard, so :focus-visible applies
    assert control.evaluate("e => e === document.activeElement")
    ring = control.evaluate(RING)
    assert ring["style"] == "solid" and ring["width"] >= MIN_RING_PX, ring
    assert contrast(ring["colour"], ring["back"]) >= MIN_RING_CONTRAST, ring


def test_a_select_a_text_box_and_a_button_on_the_quiz_show_the_buttons_3px_ring(
    page: Page, voila: VoilaServer
):
    open_page(page, voila, QUIZ)
    assert_ring(page, region_choice(page))
    assert_ring(page, page.get_by_role("textbox").first)
    assert_ring(page, page.get_by_role("button", name="See my result"))
    assert_ring(page, page.get_by_role("link").first)


def test_every_widget_page_has_one_main_and_axe_finds_nothing_outside_a_landmark(
    page: Page, voila: VoilaServer
):
    from axe_playwright_python.sync_playwright import Axe

    findings = {}
    for notebook in WIDGET_PAGES:
        open_page(page, voila, notebook)
        assert page.locator("main, [role=main]").count() == 1, notebook
        assert page.locator("main#rendered_cells .jp-Cell").count() > 0, notebook
        violations = Axe().run(page).response["violations"]
        findings[notebook] = [
            v["id"] for v in violations if v["id"] in ("region", "landmark-one-main")
        ]
    assert findings == dict.fromkeys(WIDGET_PAGES, [])


def test_the_landing_pages_tab_stops_are_its_links_only(page: Page, voila: VoilaServer):
    open_page(page, voila, LANDING)
    stops = []
    for _ in range(200):
        page.keyboard.press("Tab")
        tag = page.evaluate("() => document.activeElement.tagName")
        if tag == "BODY":  # out of the page
            break
        stops.append(tag)
    assert stops and set(stops) == {"A"}, stops


@pytest.mark.parametrize("notebook", PAGES)
def test_nothing_runs_past_the_right_edge_at_200_percent_zoom(
    zoomed: Page, voila: VoilaServer, notebook: str
):
    open_page(zoomed, voila, notebook)
    widths = zoomed.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth,"
        " document.getElementById('rendered_cells').scrollWidth, innerWidth]"
    )
    assert max(widths[:3]) <= widths[3], widths


def test_tabbing_through_the_quiz_at_200_percent_zoom_shows_every_control_with_its_ring(
    zoomed: Page, voila: VoilaServer
):
    open_page(zoomed, voila, QUIZ)
    region_choice(zoomed).wait_for()
    seen = set()
    for _ in range(80):
        zoomed.keyboard.press("Tab")
        focused = zoomed.evaluate_handle("() => document.activeElement")
        tag = focused.evaluate("e => e.tagName")
        if tag == "BODY":
            break
        box = focused.evaluate(
            "e => { const r = e.getBoundingClientRect();"
            " return [r.top, r.bottom, r.left, r.right, innerHeight, innerWidth]; }"
        )
        top, bottom, left, right, height, width = box
        assert bottom > 0 and top < height and right > 0 and left < width, (tag, box)
        ring = focused.evaluate(RING)
        said = focused.evaluate("e => e.outerHTML.slice(0, 120)")
        assert ring["style"] == "solid" and ring["width"] >= MIN_RING_PX, (said, ring)
        assert contrast(ring["colour"], ring["back"]) >= MIN_RING_CONTRAST, (said, ring)
        seen.add(tag)
    assert {"A", "SELECT", "INPUT", "BUTTON"} <= seen, seen


def test_the_timer_keeps_its_phase_time_and_pause_on_screen_at_200_percent_zoom(
    zoomed: Page, voila: VoilaServer
):
    # Once the timer started, the view used to open 230 px down: the phase, the time and the
    # rep were off the top for the whole session.
    page = zoomed
    open_page(page, voila, ROUTINE)
    settle(page, SHORT)
    nothing_new(page)
    start(page).click()
    expect(page.locator(".lowback-phase")).to_have_text("Get ready")
    height = ZOOMED["height"]
    for shown in (".lowback-phase", ".lowback-time"):
        box = page.locator(shown).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, shown
    pause = page.get_by_role("button", name="Pause")
    assert pause.evaluate("e => e === document.activeElement")
    box = pause.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_links_banner_takes_a_keyboard_to_the_checks_before_start_at_200_percent_zoom(
    zoomed: Page, voila: VoilaServer
):
    """Issue 24, item 3, by keyboard at 200% zoom: Tab reaches the banner's jump with its ring,
    Enter lands on the checks before Start, and the next Tab is the first of them."""
    from lowback.widgets.timer_view import JUMP_WORDS, START_ID

    page = zoomed
    open_page(page, voila, f"{ROUTINE}?reps=12&note=After%20your%20walk.")
    jump = page.locator(".lowback-plan-banner").get_by_role("link", name=JUMP_WORDS)
    expect(jump).to_be_visible()
    page.get_by_role("button", name="Start").wait_for()
    assert_ring(page, jump)
    page.keyboard.press("Enter")
    expect(page.locator(f"#{START_ID}")).to_be_in_viewport()
    page.keyboard.press("Tab")
    first = page.get_by_role("group", name="Where are you?").get_by_role("button").first
    expect(first).to_be_focused()
    expect(first).to_be_in_viewport()
