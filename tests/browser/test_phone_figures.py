"""Figures a reader can tap to see full size, and headings a thumb can skip to, on a patient's
phone (390 x 844, touch, device scale 3) as served by Voila.

A phone gets each anatomy figure's phone version (fewer, larger labels), a desktop the full one.
Every figure opens in a dialog that fills the screen, the full figure fitted to the screen's
width (the whole of it seen at once, to pinch-zoom from there), by a tap on it or on the button
under it, or by Enter or Space on that button; it closes by its Close button or Escape, and the
focus goes back to the button. Each long page starts with an "On this page" list whose links are
a thumb high and bring their heading into view inside Voila's scrolling page. Nothing the
page's script does is refused by its Content-Security-Policy.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import Locator, Page, WebSocketRoute, expect

from harness.voila_server import VoilaServer
from lowback.paths import NOTEBOOKS_DIR
from lowback.site.navigation import NOT_ON_THIS_PAGE, heading_anchor, section_titles

from .conftest import PHONE, open_rendered, serious_accessibility_violations

pytestmark = pytest.mark.e2e

ANATOMY = "01_anatomy.ipynb"
LONG_PAGES = [
    "01_anatomy.ipynb",
    "02_screening_quiz.ipynb",
    "03_routine_timer.ipynb",
    "04_for_clinicians.ipynb",
]
TRIGGER_NAME = "Show the figure full size: "
DIALOG_NAME = "Figure, full size"

# What the shown picture measures against the screen and its own pixels, and whether the view
# can be scrolled sideways (it should not: the whole width is seen).
PICTURE_SIZE = """() => {
  const img = document.querySelector('dialog[open] img');
  const view = img.closest('.lowback-zoom-view');
  return {width: img.getBoundingClientRect().width, natural: img.naturalWidth,
          screen: innerWidth, src: img.src, scrollWidth: view.scrollWidth,
          clientWidth: view.clientWidth};
}"""
PHONE_VERSION = re.compile(r"/voila/pictures/v-[0-9a-f]{16}/\w+_phone\.webp$")
FULL_VERSION = re.compile(r"/voila/pictures/v-[0-9a-f]{16}/(?!\w+_phone)\w+\.webp$")


def watch_for_refusals(page: Page) -> list[str]:
    """Collect page errors and anything the Content-Security-Policy refused, as they happen."""
    refused: list[str] = []
    page.on("pageerror", lambda error: refused.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def open_anatomy(page: Page, voila: VoilaServer) -> tuple[Locator, Locator]:
    """The anatomy page with every widget drawn; returns its figures' pictures and the buttons
    under them, in the same order."""
    open_rendered(page, voila.page_url(ANATOMY))
    page.locator(".lowback-view").first.wait_for()
    page.locator(".lowback-psis-picture").wait_for(state="attached")
    pictures = page.locator("#rendered_cells figure.lowback-figure img")
    buttons = page.get_by_role("button", name=TRIGGER_NAME)
    # The explorer's figure is drawn last, by its widget.
    expect(buttons).to_have_count(pictures.count())
    return pictures, buttons


def full_size(page: Page) -> Locator:
    return page.get_by_role("dialog", name=DIALOG_NAME)


def assert_shown_full_size(page: Page, picture: Locator, button: Locator) -> None:
    alt = picture.get_attribute("alt")
    expect(button).to_have_accessible_name(TRIGGER_NAME + alt)
    dialog = full_size(page)
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.matches(':modal')")
    box = dialog.bounding_box()
    assert (box["width"], box["height"]) == (PHONE["width"], PHONE["height"])
    close = dialog.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    close_box = close.bounding_box()
    assert close_box["height"] >= 44 and close_box["width"] >= 44
    page.wait_for_function(
        "() => document.querySelector('dialog[open] img').complete"
        " && document.querySelector('dialog[open] img').naturalWidth > 0"
    )
    size = page.evaluate(PICTURE_SIZE)
    # The full figure (the picture's src, not a phone version it shows), fitted to the width.
    assert size.pop("src") == picture.evaluate("img => img.src")
    assert size["scrollWidth"] <= size["clientWidth"], size
    assert size["width"] <= size["screen"], size
    expect(dialog.get_by_role("img", name=alt, exact=True)).to_be_visible()


def test_every_figure_on_the_anatomy_page_opens_full_size_by_a_tap_and_closes_by_the_button(
    phone: Page, voila: VoilaServer
):
    refused = watch_for_refusals(phone)
    pictures, buttons = open_anatomy(phone, voila)
    count = pictures.count()
    assert count >= 6  # five drawings in the text, one in the explorer
    for index in range(count):
        picture, button = pictures.nth(index), buttons.nth(index)
        expect(picture).to_have_role("img")  # still a picture to a screen reader
        assert button.bounding_box()["height"] >= 44
        # The picture itself takes the tap; so does the button under it.
        (picture if index % 2 == 0 else button).tap()
        assert_shown_full_size(phone, picture, button)
        full_size(phone).get_by_role("button", name="Close").tap()
        expect(full_size(phone)).to_be_hidden()
        expect(button).to_be_focused()
    assert refused == []


def test_a_figure_opens_with_enter_or_space_and_escape_closes_it_with_the_focus_back(
    phone: Page, voila: VoilaServer
):
    pictures, buttons = open_anatomy(phone, voila)
    for index, key in ((0, "Enter"), (pictures.count() - 1, " ")):
        picture, button = pictures.nth(index), buttons.nth(index)
        button.focus()
        phone.keyboard.press(key)
        assert_shown_full_size(phone, picture, button)
        phone.keyboard.press("Escape")
        expect(full_size(phone)).to_be_hidden()
        expect(button).to_be_focused()


def shown_sources(page: Page) -> list[str]:
    """What each anatomy figure in the text shows, once it has loaded."""
    figures = page.locator("#rendered_cells figure.lowback-figure picture img")
    expect(figures).to_have_count(6)
    sources = []
    for index in range(figures.count()):
        img = figures.nth(index)
        img.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=img.element_handle()
        )
        sources.append(img.evaluate("img => img.currentSrc"))
    return sources


def test_a_phone_is_served_the_phone_version_of_each_figure_with_labels_it_can_read(
    phone: Page, voila: VoilaServer
):
    open_anatomy(phone, voila)
    sources = shown_sources(phone)
    assert all(PHONE_VERSION.search(src) for src in sources), sources
    first = phone.locator("#rendered_cells figure.lowback-figure picture img").first
    shown = first.evaluate("img => [img.getBoundingClientRect().width, img.naturalWidth]")
    # 800 pixels shown about 360 wide: the 13-point labels (29 pixels) come out 12 or more.
    assert shown[1] == 800 and 29 * shown[0] / shown[1] >= 12, shown
    caption = phone.locator("#rendered_cells figure.lowback-figure figcaption").first
    assert caption.evaluate("c => parseFloat(getComputedStyle(c).fontSize)") >= 16


def test_a_desktop_is_served_the_full_figures(page: Page, voila: VoilaServer):
    open_anatomy(page, voila)
    sources = shown_sources(page)
    assert all(FULL_VERSION.search(src) for src in sources), sources


def test_the_picture_question_and_the_routine_player_get_no_full_size_button(
    phone: Page, voila: VoilaServer
):
    open_anatomy(phone, voila)
    # A tap on the "find the PSIS" picture places the marker: it must not open anything.
    question = phone.locator(".lowback-psis-figure")
    assert question.locator(".lowback-zoom-open, img[data-lowback-zoom]").count() == 0
    open_rendered(phone, voila.page_url(LONG_PAGES[2]))
    phone.locator(".lowback-player").wait_for()
    # The four step pictures above the timer open full size; the timer's own picture does not.
    expect(phone.get_by_role("button", name=TRIGGER_NAME)).to_have_count(4)
    assert phone.locator(".lowback-player .lowback-zoom-open").count() == 0


def test_the_open_figure_has_no_serious_accessibility_problems_on_a_desktop(
    page: Page, voila: VoilaServer
):
    pictures, buttons = open_anatomy(page, voila)
    pictures.first.click()
    expect(full_size(page)).to_be_visible()
    page.wait_for_function("() => document.querySelector('dialog[open] img').complete")
    size = page.evaluate(PICTURE_SIZE)
    # Room enough on a desktop: the figure at its own size, not blown up.
    assert size["width"] == size["natural"], size
    assert size["scrollWidth"] <= size["clientWidth"], size
    assert serious_accessibility_violations(page) == []
    page.keyboard.press("Escape")
    expect(buttons.first).to_be_focused()


@pytest.mark.parametrize("notebook", LONG_PAGES)
def test_each_long_page_has_on_this_page_links_a_thumb_can_hit_that_reach_their_heading(
    phone: Page, voila: VoilaServer, notebook: str
):
    notebook_node = nbformat.read(NOTEBOOKS_DIR / notebook, as_version=4)
    titles = [t for t in section_titles(notebook_node) if t not in NOT_ON_THIS_PAGE]
    open_rendered(phone, voila.page_url(notebook))
    listed = phone.get_by_role("navigation", name="On this page").get_by_role("link")
    expect(listed).to_have_text(titles)
    for index in range(len(titles)):
        box = listed.nth(index).bounding_box()
        assert box["height"] >= 44, (titles[index], box)
    # The last section is the farthest for a thumb: its link brings it to the top of the screen.
    nav = phone.get_by_role("navigation", name="On this page")
    for title in (titles[len(titles) // 2], titles[-1]):
        nav.scroll_into_view_if_needed()
        nav.get_by_role("link", name=title, exact=True).tap()
        heading = phone.locator(f'[id="{title.replace(" ", "-")}"]')
        expect(heading).to_be_in_viewport()
        assert_settles_in_the_top_half(phone, title)
    assert phone.evaluate("() => location.hash") == "#" + heading_anchor(titles[-1])


# Where a heading is, by its id, once the page has laid itself out again.
HEADING_TOP = "id => document.getElementById(id).getBoundingClientRect().top"
SETTLE_MS = 1000  # the page puts a moved heading back within 200 ms, for 20 s after the tap


def assert_settles_in_the_top_half(page: Page, title: str) -> None:
    """The heading is in the top half of the screen within a second, and stays there: widgets
    drawn above it after the tap may push it down for a frame before the page puts it back."""
    heading_id = title.replace(" ", "-")
    page.wait_for_function(
        f"id => ({HEADING_TOP})(id) < {PHONE['height'] / 2}", arg=heading_id, timeout=SETTLE_MS
    )
    page.wait_for_timeout(SETTLE_MS)
    assert page.evaluate(HEADING_TOP, heading_id) < PHONE["height"] / 2


def test_a_section_tapped_before_the_widgets_arrive_is_still_where_the_reader_lands(
    phone: Page, voila: VoilaServer
):
    # On a slow network the reader can tap "Sources" before the routine's widgets are drawn;
    # when they arrive, some 4,000 pixels of them above the heading, the heading stays on screen.
    held: list[tuple[WebSocketRoute, str | bytes]] = []
    holding = True

    def route(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        socket.on_message(server.send)

        def from_server(message: str | bytes) -> None:
            if holding:
                held.append((socket, message))
            else:
                socket.send(message)

        server.on_message(from_server)

    phone.route_web_socket(re.compile(r"/api/kernels/[^/]+/channels"), route)
    open_rendered(phone, voila.page_url(LONG_PAGES[2]))
    title = "Sources"
    phone.get_by_role("navigation", name="On this page").get_by_role(
        "link", name=title, exact=True
    ).tap()
    expect(phone.locator(f'[id="{title}"]')).to_be_in_viewport()
    assert phone.locator(".lowback-player").count() == 0  # the widgets are not drawn yet
    phone.evaluate(RECORD_PAINTED_TOPS, title)
    holding = False
    for socket, message in held:
        socket.send(message)
    phone.locator(".lowback-player").wait_for()
    assert_settles_in_the_top_half(phone, title)
    # Nor is the jump ever painted: each time the cells change size, the heading is back on the
    # screen before the frame is drawn.
    tops = phone.evaluate("() => window.lowbackTestTops")
    assert len(tops) >= 2 and all(0 <= top < PHONE["height"] for top in tops), tops


# The heading's place each time the cells change size, as the frame will be painted: a
# ResizeObserver made after the page's own runs after it, after layout and before paint.
RECORD_PAINTED_TOPS = """id => {
  window.lowbackTestTops = [];
  const heading = document.getElementById(id);
  const cells = document.getElementById("rendered_cells");
  const observer = new ResizeObserver(() => {
    window.lowbackTestTops.push(heading.getBoundingClientRect().top);
  });
  observer.observe(cells);
  if (cells.firstElementChild) observer.observe(cells.firstElementChild);
}"""
