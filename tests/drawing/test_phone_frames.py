"""The routine's frames as a phone held upright shows them (lowback.drawing.phone_frames): 800
pixels wide and about square, the whole drawing, labels a phone can read in rows above and
below it, none cut, none over another, each leader clear of the other labels."""

from __future__ import annotations

import io
from itertools import combinations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from PIL import Image

from lowback.drawing.catalogue import FRAMES, frame_file_name, phone_frame_file_name
from lowback.drawing.frames import draw_frame
from lowback.drawing.helpers import reproducible
from lowback.drawing.phone import PHONE_DPI, PHONE_LABEL_PT
from lowback.drawing.phone_frames import (
    PHONE_FRAME_LABELS,
    draw_phone_frame,
    render_phone_frame_png,
)
from lowback.paths import PICTURES_DIR
from lowback.routine import SIDES

# A phone 390 CSS pixels wide shows the full-screen timer's frame about 370 pixels wide.
SHOWN_CSS_PX = 370
PHONE_WIDTH_PX = 800

EVERY_FRAME = pytest.mark.parametrize(
    ("name", "side"), [(name, side) for side in SIDES for name in FRAMES]
)


def texts(figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_text() and t.get_visible()]


def drawn_ids(figure) -> set[str]:
    """Every drawn thing's gid that is not words."""
    return {
        a.get_gid()
        for a in figure.findobj()
        if a.get_gid() and not isinstance(a, Text) and a.get_visible()
    }


def word_box(text, renderer):
    """Where a label's words are, in pixels, without its leader (an Annotation's own extent
    takes its leader in)."""
    return Text.get_window_extent(text, renderer)


def drawn(name, side):
    """The phone frame, drawn, with its renderer."""
    figure = draw_phone_frame(name, side)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return figure, canvas.get_renderer()


def test_every_frame_has_a_phone_version_and_a_file_name():
    assert tuple(PHONE_FRAME_LABELS) == FRAMES
    assert phone_frame_file_name("lower_tip", "left") == "frame_lower_tip_left_phone.png"
    assert phone_frame_file_name("start") == "frame_start_right_phone.png"
    with pytest.raises(ValueError):
        phone_frame_file_name("wave", "right")
    with pytest.raises(ValueError):
        draw_phone_frame("start", "middle")


@EVERY_FRAME
def test_a_phone_frame_is_800_pixels_wide_and_about_square(name, side):
    path = PICTURES_DIR / phone_frame_file_name(name, side)
    assert path.with_suffix(".webp").is_file()
    with Image.open(path) as phone:
        width, height = phone.size
    with Image.open(PICTURES_DIR / frame_file_name(name, side)) as wide:
        wide_width, wide_height = wide.size
    assert width == PHONE_WIDTH_PX
    assert 0.9 <= height / width <= 1.25
    assert height / width > 2 * wide_height / wide_width


def test_every_phone_frame_has_the_same_size_so_the_timer_does_not_jump():
    sizes = set()
    for side in SIDES:
        for name in FRAMES:
            with Image.open(PICTURES_DIR / phone_frame_file_name(name, side)) as phone:
                sizes.add(phone.size)
    assert len(sizes) == 1


@EVERY_FRAME
def test_a_pre_drawn_phone_frame_is_exactly_what_drawing_it_now_gives(name, side):
    pre_drawn = (PICTURES_DIR / phone_frame_file_name(name, side)).read_bytes()
    assert render_phone_frame_png(name, side) == pre_drawn
    assert render_phone_frame_png(name, side) == pre_drawn
    with Image.open(io.BytesIO(pre_drawn)) as picture:
        assert picture.size[0] == PHONE_WIDTH_PX


@EVERY_FRAME
def test_every_label_is_at_the_phone_size_and_about_13_pixels_high_on_a_phone(name, side):
    with reproducible():
        figure = draw_phone_frame(name, side)
    for text in texts(figure):
        assert text.get_fontsize() == PHONE_LABEL_PT, text.get_text()
        css_px = text.get_fontsize() * PHONE_DPI / 72 * SHOWN_CSS_PX / PHONE_WIDTH_PX
        assert css_px >= 12.5, (text.get_gid(), css_px)


@EVERY_FRAME
def test_a_phone_frame_keeps_its_labels_inside_the_picture_and_apart(name, side):
    with reproducible():
        full = draw_frame(name, side)
        figure, renderer = drawn(name, side)
    width, height = figure.bbox.width, figure.bbox.height
    assert (width, height) == (PHONE_WIDTH_PX, PHONE_WIDTH_PX)
    boxes = {text.get_gid(): word_box(text, renderer) for text in texts(figure)}
    assert set(boxes) == set(PHONE_FRAME_LABELS[name])
    assert len(boxes) <= len(texts(full))
    for gid, box in boxes.items():
        assert box.x0 >= 0 and box.y0 >= 0, gid
        assert box.x1 <= width and box.y1 <= height, gid
    for (one, a), (other, b) in combinations(boxes.items(), 2):
        assert not a.overlaps(b), (one, other)


@EVERY_FRAME
def test_each_leader_points_at_what_the_wide_frame_names_and_crosses_no_other_label(name, side):
    with reproducible():
        wide = {t.get_gid(): t for t in texts(draw_frame(name, side))}
        figure, renderer = drawn(name, side)
    (ax,) = figure.axes
    labels = texts(figure)
    boxes = {text.get_gid(): word_box(text, renderer) for text in labels}
    for text in labels:
        if not isinstance(text, Annotation):
            continue
        assert text.xy == wide[text.get_gid()].xy, text.get_gid()
        box = boxes[text.get_gid()]
        relx, rely = text._arrow_relpos
        start = (box.x0 + relx * box.width, box.y0 + rely * box.height)
        end = tuple(ax.transData.transform(text.xy))
        # The leader leaves from the edge that faces what it names...
        assert (end[1] < box.y0) == (rely == 0.0), text.get_gid()
        leader = Path([start, end])
        # ... and runs clear of every other label.
        for gid, other in boxes.items():
            if gid != text.get_gid():
                assert not leader.intersects_bbox(other, filled=False), (text.get_gid(), gid)


@EVERY_FRAME
def test_a_phone_frame_draws_everything_the_wide_frame_draws_and_cuts_none_of_it(name, side):
    # The alt text says what is drawn (FRAME_ALT_TEXT), so it stays true of both.
    with reproducible():
        wide = draw_frame(name, side)
        figure, renderer = drawn(name, side)
    assert drawn_ids(figure) == drawn_ids(wide)
    width, height = figure.bbox.width, figure.bbox.height
    (ax,) = figure.axes
    for patch in ax.patches:
        # The mat runs on past the edges; clothes are clipped to the body they colour.
        if patch.get_gid() == "scene/mat" or patch.get_clip_path() is not None:
            continue
        box = patch.get_window_extent(renderer).padded(patch.get_linewidth() * PHONE_DPI / 144)
        assert box.x0 >= 0 and box.x1 <= width, patch.get_gid()
        assert box.y0 >= 0 and box.y1 <= height, patch.get_gid()


@pytest.mark.parametrize("name", FRAMES)
def test_a_left_sided_phone_frame_is_the_right_sided_one_mirrored_with_the_same_words(name):
    with reproducible():
        right = {t.get_gid(): t for t in texts(draw_phone_frame(name, "right"))}
        left = {t.get_gid(): t for t in texts(draw_phone_frame(name, "left"))}
    assert set(right) == set(left)
    for gid, text in right.items():
        x, y = text.get_position()
        assert left[gid].get_position() == (-x, y)
        assert left[gid].get_text() == text.get_text()
