"""The anatomy figures' phone versions (lowback.drawing.phone): 800 pixels wide, labels a
phone can read, fewer of them, and everything else the full figure draws, so that one
description is true of both."""

from __future__ import annotations

import io

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from PIL import Image

from lowback.drawing.catalogue import FIGURE_NAMES, phone_file_name
from lowback.drawing.figures import FIGURES, draw_phone_figure, render_phone_png
from lowback.drawing.helpers import reproducible
from lowback.drawing.phone import PHONE_DPI, PHONE_LAYOUTS
from lowback.paths import PICTURES_DIR

# A phone 390 CSS pixels wide shows a figure about 360 pixels wide, less the page's margins.
SHOWN_CSS_PX = 360
PHONE_WIDTH_PX = 800


def texts(figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_text() and t.get_visible()]


def drawn_ids(figure) -> set[str]:
    """Every drawn thing's gid that is not words."""
    return {
        a.get_gid()
        for a in figure.findobj()
        if a.get_gid() and not isinstance(a, Text) and a.get_visible()
    }


def test_every_figure_has_a_phone_version():
    assert tuple(PHONE_LAYOUTS) == FIGURE_NAMES


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_a_phone_version_is_800_pixels_wide_and_taller_than_the_full_figure_is(name):
    with Image.open(PICTURES_DIR / phone_file_name(name)) as phone:
        width, height = phone.size
    with Image.open(PICTURES_DIR / f"{name}.png") as full:
        full_width, full_height = full.size
    assert width == PHONE_WIDTH_PX
    assert height / width > full_height / full_width


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_word_on_a_phone_version_is_at_least_12_pixels_high_on_a_phone(name):
    with reproducible():
        figure = draw_phone_figure(name)
        for text in texts(figure):
            css_px = text.get_fontsize() * PHONE_DPI / 72 * SHOWN_CSS_PX / PHONE_WIDTH_PX
            assert css_px >= 12, (text.get_gid(), text.get_text(), css_px)


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_a_phone_version_keeps_fewer_labels_and_every_one_inside_the_picture(name):
    with reproducible():
        full = FIGURES[name]()
        phone = draw_phone_figure(name)
        canvas = FigureCanvasAgg(phone)
        canvas.draw()
        renderer = canvas.get_renderer()
        width, height = phone.bbox.width, phone.bbox.height
        for text in texts(phone):
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.y0 >= 0, text.get_text()
            assert box.x1 <= width and box.y1 <= height, text.get_text()
    assert len(texts(phone)) < len(texts(full))


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_a_phone_version_draws_everything_the_full_figure_draws(name):
    # The description says what is drawn (figure_description), so it stays true of both.
    with reproducible():
        assert drawn_ids(draw_phone_figure(name)) == drawn_ids(FIGURES[name]())


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_a_pre_drawn_phone_version_is_exactly_what_drawing_it_now_gives(name):
    pre_drawn = (PICTURES_DIR / phone_file_name(name)).read_bytes()
    assert render_phone_png(name) == pre_drawn
    assert render_phone_png(name) == pre_drawn
    with Image.open(io.BytesIO(pre_drawn)) as picture:
        assert picture.size[0] == PHONE_WIDTH_PX
