"""The "find the PSIS" picture question in Voila: by touch on a phone (390 x 844, device scale
3), by mouse on a desktop, by keyboard alone, and in words. The kernel judges every marker
(lowback.psis_question.judge) against the landmarks the picture carries, so the tests aim at
the same landmarks."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from harness.voila_server import VoilaServer
from lowback.drawing.catalogue import QUESTION_ALT_TEXT
from lowback.drawing.question_pictures import question_data
from lowback.psis_question import PLACES, PLACES_QUESTION, answer_in_words, picture_landmarks
from lowback.widgets.psis_view import FINE_STEP_CM, STEP_CM, WORDS

from .conftest import PHONE, open_rendered, serious_accessibility_violations
from .test_phone import MEASURE

pytestmark = pytest.mark.e2e

ANATOMY = "01_anatomy.ipynb"
LANDMARKS = picture_landmarks(question_data())


def open_question(page: Page, voila: VoilaServer) -> Locator:
    """Open the anatomy page and bring the question's picture into view; returns it."""
    open_rendered(page, voila.page_url(ANATOMY))
    picture = page.get_by_role("application", name=WORDS["label"])
    picture.scroll_into_view_if_needed()
    # Linked from the series' server (cached for a year), and drawn before it is tapped.
    served = re.compile(r"/voila/pictures/v-[0-9a-f]{16}/psis_question\.png$")
    expect(picture.locator("img")).to_have_attribute("src", served)
    loaded = "(img) => img.complete && img.naturalWidth > 0"
    page.wait_for_function(loaded, arg=picture.locator("img").element_handle())
    return picture


def point_on(picture: Locator, name: str, offset_cm: tuple[float, float] = (0.0, 0.0)) -> dict:
    """Where landmark `name` is on the picture as shown, moved by `offset_cm` (right, down)."""
    box = picture.locator("img").bounding_box()
    x, y = LANDMARKS.points[name]
    x += offset_cm[0] / LANDMARKS.width_cm
    y += offset_cm[1] / LANDMARKS.height_cm
    return {"x": x * box["width"], "y": y * box["height"]}


def verdict(page: Page) -> Locator:
    return page.locator(".lowback-psis-verdict")


def expect_answer_shown(page: Page, picture: Locator) -> None:
    expect(page.locator(".lowback-psis-description")).to_contain_text(
        QUESTION_ALT_TEXT["psis_answer"]
    )
    expect(picture.locator(".lowback-psis-target")).to_be_visible()
    expect(picture.locator(".lowback-psis-lines")).to_be_visible()


def marker_at(picture: Locator) -> tuple[float, float]:
    """The marker's centre, as fractions of the picture, read from where it is drawn."""
    return picture.evaluate(
        """stage => { const img = stage.querySelector('img').getBoundingClientRect();
        const m = stage.querySelector('.lowback-psis-marker').getBoundingClientRect();
        return [(m.left + m.width / 2 - img.left) / img.width,
                (m.top + m.height / 2 - img.top) / img.height]; }"""
    )


def test_a_tap_on_the_psis_on_a_phone_is_on_it_and_shows_where_both_are(
    phone: Page, voila: VoilaServer
):
    picture = open_question(phone, voila)
    box = picture.locator("img").bounding_box()
    assert box["width"] >= 320  # the full width of the phone, less the page's margin
    picture.locator("img").tap(position=point_on(picture, "psis_right", (0.5, 0.5)))
    expect(picture.locator(".lowback-psis-marker")).to_be_visible()
    phone.get_by_role("button", name=WORDS["check"]).tap()
    status = phone.get_by_role("status").filter(has_text="On it: that is the PSIS.")
    expect(status).to_be_visible()
    expect(status).to_contain_text("on the body's right")
    expect_answer_shown(phone, picture)
    # Check stays a thumb-sized target.
    assert phone.get_by_role("button", name=WORDS["check"]).bounding_box()["height"] >= 44


def test_a_tap_far_from_the_psis_on_a_phone_is_not_yet_and_explains_why(
    phone: Page, voila: VoilaServer
):
    picture = open_question(phone, voila)
    picture.locator("img").tap(position=point_on(picture, "coccyx_tip"))
    phone.get_by_role("button", name=WORDS["check"]).tap()
    status = phone.get_by_role("status").filter(has_text="Not yet: that is not the PSIS.")
    expect(status).to_be_visible()
    expect(status).to_contain_text("closer to the tailbone (coccyx)")
    expect(status).to_contain_text("To reach it, move the marker higher and further out")
    expect(status).to_contain_text("level with the second segment of the sacrum (S2)")
    expect_answer_shown(phone, picture)
    # With the verdict and the answer shown, the page still fits the phone.
    found = phone.evaluate(MEASURE)
    assert found.pop("scrollWidth") <= PHONE["width"]
    assert found == {key: [] for key in found}
    # Tapping again moves the marker and clears the old verdict and the answer.
    picture.locator("img").tap(position=point_on(picture, "psis_left"))
    expect(verdict(phone)).to_be_empty()
    expect(phone.locator(".lowback-psis-description")).to_contain_text(
        QUESTION_ALT_TEXT["psis_question"]
    )


@pytest.mark.parametrize("screen", ["page", "phone"], ids=["desktop", "phone"])
def test_the_keyboard_alone_moves_the_marker_and_checks_it(
    screen: str, request: pytest.FixtureRequest, voila: VoilaServer
):
    page: Page = request.getfixturevalue(screen)
    picture = open_question(page, voila)
    page.get_by_role("button", name=WORDS["check"]).focus()
    page.keyboard.press("Shift+Tab")  # the picture comes just before Check
    expect(picture).to_be_focused()
    page.keyboard.press("ArrowLeft")  # the first press puts the marker in the middle
    assert marker_at(picture) == pytest.approx((0.5, 0.5), abs=0.005)
    # From the middle to the left PSIS: whole steps, then small steps (Shift) for the rest.
    target_x, target_y = LANDMARKS.points["psis_left"]
    left_cm = (0.5 - target_x) * LANDMARKS.width_cm
    up_cm = (0.5 - target_y) * LANDMARKS.height_cm
    presses = []
    for distance_cm, key in ((left_cm, "ArrowLeft"), (up_cm, "ArrowUp")):
        whole = math.floor(distance_cm / STEP_CM)
        small = round((distance_cm - whole * STEP_CM) / FINE_STEP_CM)
        presses += [key] * whole + [f"Shift+{key}"] * small
    for key in presses:
        page.keyboard.press(key)
    x, y = marker_at(picture)
    assert (
        math.hypot((x - target_x) * LANDMARKS.width_cm, (y - target_y) * LANDMARKS.height_cm)
        <= FINE_STEP_CM
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="On it: that is the PSIS.")).to_be_visible()
    expect_answer_shown(page, picture)
    # Arrow keys move the marker, not the page.
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("window.scrollY") == scrolled
    expect(verdict(page)).to_be_empty()


def test_a_mouse_click_beside_the_psis_on_a_desktop_is_close(page: Page, voila: VoilaServer):
    picture = open_question(page, voila)
    page.get_by_role("button", name=WORDS["check"]).click()
    expect(page.get_by_role("status").filter(has_text="Place the marker first")).to_be_visible()
    picture.locator("img").click(position=point_on(picture, "thumb_spot_left", (-0.3, 0.0)))
    page.get_by_role("button", name=WORDS["check"]).click()
    status = page.get_by_role("status").filter(has_text="Close, but not quite on it.")
    expect(status).to_be_visible()
    expect(status).to_contain_text("closer to the thumb-sized spot just outside the PSIS")
    expect(status).to_contain_text("nearer the middle")
    expect_answer_shown(page, picture)
    assert serious_accessibility_violations(page) == []


def test_the_same_question_can_be_answered_in_words(page: Page, voila: VoilaServer):
    open_question(page, voila)
    wrong = next(place for place in PLACES if place.value == "tailbone")
    right = next(place for place in PLACES if place.correct)
    page.get_by_role("radio", name=wrong.label).check()
    reply = answer_in_words(wrong.value)
    expect(page.get_by_role("status").filter(has_text=reply.explanation[0])).to_be_visible()
    page.get_by_role("radio", name=right.label).check()
    reply = answer_in_words(right.value)
    expect(page.get_by_role("status").filter(has_text=reply.headline)).to_be_visible()
    expect(page.get_by_text(PLACES_QUESTION)).to_be_visible()


def test_try_again_takes_the_answer_and_the_marker_away_by_tap_or_keyboard(
    phone: Page, voila: VoilaServer
):
    picture = open_question(phone, voila)
    again = phone.get_by_role("button", name=WORDS["try_again"])
    expect(again).to_be_hidden()  # nothing to take away yet
    picture.locator("img").tap(position=point_on(picture, "coccyx_tip"))
    phone.get_by_role("button", name=WORDS["check"]).tap()
    expect(phone.get_by_role("status").filter(has_text="Not yet")).to_be_visible()
    expect_answer_shown(phone, picture)
    assert again.bounding_box()["height"] >= 44
    again.tap()
    expect(verdict(phone)).to_be_empty()
    expect(picture.locator(".lowback-psis-marker")).to_be_hidden()
    expect(picture.locator(".lowback-psis-target")).to_be_hidden()
    expect(picture.locator(".lowback-psis-lines")).to_be_hidden()
    expect(phone.locator(".lowback-psis-description")).to_contain_text(
        QUESTION_ALT_TEXT["psis_question"]
    )
    expect(again).to_be_hidden()
    expect(picture).to_be_focused()  # ready for the arrow keys or a tap
    # By keyboard: the marker starts in the middle again, Enter checks it, the same place twice
    # is judged twice, and Try again is reached and pressed from the keyboard.
    for _ in range(2):
        picture.focus()
        phone.keyboard.press("ArrowUp")
        assert marker_at(picture) == pytest.approx((0.5, 0.5), abs=0.005)
        phone.keyboard.press("Enter")
        expect(verdict(phone)).not_to_be_empty()
        expect(again).to_be_visible()
        again.focus()
        phone.keyboard.press("Enter")
        expect(verdict(phone)).to_be_empty()
        expect(picture.locator(".lowback-psis-marker")).to_be_hidden()
