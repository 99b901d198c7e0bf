import html
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Circle
from matplotlib.path import Path
from matplotlib.text import Text

from lowback.drawing.catalogue import FRAME_ALT_TEXT as ALT_TEXT
from lowback.drawing.catalogue import (
    FRAME_TITLES,
    FRAMES,
    LOWER_FRAMES,
    frame_file_name,
    frame_for_phase,
    routine_frames,
)
from lowback.drawing.frames import draw_frame, render_frame_png
from lowback.drawing.helpers import FRAME_COLOURS as COLOURS
from lowback.drawing.pictures import FrameFigure, frame_html, frame_png, show_frame
from lowback.routine import LOWERINGS, PHASE_KINDS, SIDES

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def artist(fig, gid):
    found = [a for a in fig.findobj() if getattr(a, "get_gid", lambda: None)() == gid]
    assert found, f"nothing drawn with gid {gid!r}"
    return found[0]


def top_leg_extents(name):
    path = artist(draw_frame(name), "body/top-leg-0").get_path()
    return path.get_extents()


def test_the_frames_are_the_movement_in_order_then_the_tips_lowering_each_with_words():
    assert FRAMES == ("start", "lift", "hold", "lower", "lower_tip")
    assert set(FRAME_TITLES) == set(ALT_TEXT) == set(FRAMES)


def test_each_way_of_lowering_has_its_own_frame_and_the_gentle_one_is_the_default():
    assert dict(LOWER_FRAMES) == {"gentle": "lower", "tip": "lower_tip"}
    assert set(LOWER_FRAMES) == set(LOWERINGS)
    assert routine_frames() == routine_frames("gentle") == ("start", "lift", "hold", "lower")
    assert routine_frames("tip") == ("start", "lift", "hold", "lower_tip")


@pytest.mark.parametrize("name", FRAMES)
def test_each_alt_text_is_one_plain_sentence_that_keeps_the_thumb_on_the_spot(name):
    text = ALT_TEXT[name]
    assert text.endswith(".")
    assert text.count(".") == 1, "one sentence"
    assert "thumb" in text and "sore spot" in text
    assert text.startswith("Seen from behind")


@pytest.mark.parametrize(
    ("kind", "frame"),
    [
        (None, "start"),
        ("lead_in", "start"),
        ("lift", "lift"),
        ("hold", "hold"),
        ("lower", "lower"),
        ("rest", "start"),
        ("final_hold", "hold"),
    ],
)
def test_each_phase_shows_the_frame_of_its_position(kind, frame):
    assert frame_for_phase(kind) == frame_for_phase(kind, "gentle") == frame
    tip = "lower_tip" if kind == "lower" else frame
    assert frame_for_phase(kind, "tip") == tip


@pytest.mark.parametrize("lowering", LOWERINGS)
def test_every_phase_kind_has_a_frame_and_a_routine_shows_exactly_its_own(lowering):
    shown = {frame_for_phase(kind, lowering) for kind in PHASE_KINDS}
    assert shown == set(routine_frames(lowering))


def test_a_gentle_routine_never_shows_the_tips_lowering_nor_a_tip_routine_the_gentle_one():
    assert "lower_tip" not in {frame_for_phase(kind) for kind in (None, *PHASE_KINDS)}
    assert "lower" not in {frame_for_phase(kind, "tip") for kind in (None, *PHASE_KINDS)}


def test_an_unknown_phase_kind_is_refused_with_the_kinds_named():
    with pytest.raises(ValueError, match="phase kind must be one of lead_in, lift"):
        frame_for_phase("jump")


@pytest.mark.parametrize("lowering", ["Gentle", "floor", "", None])
def test_an_unknown_way_of_lowering_is_refused_with_the_ways_named(lowering):
    with pytest.raises(ValueError, match='lowering must be "gentle" or "tip"'):
        frame_for_phase("lower", lowering)
    with pytest.raises(ValueError, match='lowering must be "gentle" or "tip"'):
        routine_frames(lowering)


@pytest.mark.parametrize("side", SIDES)
def test_each_lowering_has_its_own_picture_file_for_each_side(side):
    gentle, tip = (frame_file_name(LOWER_FRAMES[way], side) for way in ("gentle", "tip"))
    assert gentle == f"frame_lower_{side}.png"
    assert tip == f"frame_lower_tip_{side}.png"
    assert frame_png("lower", side) != frame_png("lower_tip", side)


@pytest.mark.parametrize(("name", "side"), [("wave", "right"), ("start", "middle")])
def test_an_unknown_frame_or_side_is_refused(name, side):
    with pytest.raises(ValueError):
        draw_frame(name, side)
    with pytest.raises(ValueError):
        show_frame(name, side)


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("name", FRAMES)
def test_each_frame_is_a_pre_drawn_png_read_once(name, side):
    data = frame_png(name, side)
    assert data.startswith(PNG_SIGNATURE)
    assert frame_png(name, side) is data, "a second call reads nothing new"


@pytest.mark.parametrize("name", FRAMES)
def test_drawing_a_frame_again_gives_the_same_bytes(name):
    assert render_frame_png(name) == render_frame_png(name)


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("name", FRAMES)
def test_every_label_fits_inside_the_picture(name, side):
    fig = draw_frame(name, side)
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]
    assert texts
    for text in texts:
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0, text.get_text()
        assert box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height, text.get_text()


@pytest.mark.parametrize("name", FRAMES)
def test_the_thumb_presses_the_spot_beside_the_psis_in_every_frame(name):
    fig = draw_frame(name)
    spot = artist(fig, "landmark/thumb-spot")
    psis = artist(fig, "landmark/psis")
    thumb = artist(fig, "body/thumb")
    assert isinstance(spot, Circle) and isinstance(psis, Circle)
    assert thumb.get_path().contains_point(spot.center, radius=0.5)
    # Beside the bump, not on it: a thumb's width away, towards the side (up, lying down).
    distance = np.hypot(*np.subtract(spot.center, psis.center))
    assert 2.0 <= distance <= 6.0
    assert spot.center[1] > psis.center[1]
    assert spot.get_edgecolor()[:3] == pytest.approx((0.0, 0x9E / 255, 0x73 / 255))


def test_the_lift_raises_the_top_leg_high_and_the_tips_lowering_brings_it_below_the_start():
    start, lift, tip = (top_leg_extents(name) for name in ("start", "lift", "lower_tip"))
    assert lift.y1 > start.y1 + 25
    assert tip.y0 < start.y0


def test_the_gentle_lowering_brings_the_leg_back_onto_the_bottom_leg_in_line_with_the_body():
    # Back where it started, resting on the bottom leg: not swung forward across it, which
    # from behind would shorten the thigh and hide the knee behind the bottom leg.
    from lowback.drawing.frames import _POSES

    assert _POSES["lower"] == _POSES["start"]
    assert not _POSES["lower"].behind_bottom_leg and _POSES["lower"].thigh_stretch == 1.0
    fig = draw_frame("lower")
    top = artist(fig, "body/top-leg-0").get_path()
    bottom = artist(fig, "body/bottom-leg").get_path()
    assert top.intersects_path(bottom), "the top leg lies on the bottom leg"
    assert artist(fig, "body/top-leg-0").get_zorder() > artist(fig, "body/bottom-leg").get_zorder()
    assert top.get_extents().y0 > top_leg_extents("lower_tip").y0
    assert artist(fig, "body/top-leg-ghost-0").get_path().get_extents().y1 > top.get_extents().y1


@pytest.mark.parametrize("side", SIDES)
def test_the_gentle_lowering_is_its_own_picture_not_the_start_nor_the_tips(side):
    pictures = {name: frame_png(name, side) for name in ("start", "lower", "lower_tip")}
    assert len(set(pictures.values())) == 3
    words = " ".join(drawn_words("lower", side).split())
    assert "Lower slowly" in words and "onto the bottom leg" in words
    assert "pillow between the knees" in words
    assert "floor" not in words and "in front" not in words


def foot_reach_below_the_leg_cm(name):
    """How far the foot sticks out below the leg's own axis, near its far end."""
    from lowback.drawing.frames import _POSES, _TOP_HIP

    verts = artist(draw_frame(name), "body/top-leg-0").get_path().vertices - _TOP_HIP
    angle = np.radians(-_POSES[name].thigh_deg)
    local = verts @ np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    return -local[local[:, 0] > 80, 1].min()


@pytest.mark.parametrize("name", ["lift", "hold"])
def test_the_lifted_leg_turns_the_toes_down_to_the_floor(name):
    assert foot_reach_below_the_leg_cm(name) > 12
    assert foot_reach_below_the_leg_cm("start") < 6  # seen end-on, only the heel shows


def test_the_tips_lowered_knee_is_drawn_behind_the_bottom_leg_and_shown_see_through():
    fig = draw_frame("lower_tip")
    hidden = artist(fig, "body/top-leg-0")
    bottom = artist(fig, "body/bottom-leg")
    assert hidden.get_zorder() < bottom.get_zorder()
    see_through = artist(fig, "body/top-leg-ghost-0")
    assert see_through.get_zorder() > bottom.get_zorder()
    assert see_through.get_clip_path() is not None


def test_the_left_side_is_the_right_side_mirrored():
    right = artist(draw_frame("lift", "right"), "landmark/thumb-spot").center
    left = artist(draw_frame("lift", "left"), "landmark/thumb-spot").center
    assert left == pytest.approx((-right[0], right[1]))


def test_landmarks_and_arrows_use_okabe_ito_colours_or_black():
    for key in ("thumb_spot", "psis", "gluteus_medius"):
        assert COLOURS[key] in OKABE_ITO
    assert COLOURS["arrow"] == "#000000"


@pytest.mark.parametrize(
    "gid",
    [
        "body/head",
        "body/torso",
        "body/bottom-leg",
        "body/top-leg-0",
        "body/upper-arm",
        "body/forearm",
        "body/hand",
        "body/thumb",
    ],
)
def test_every_body_outline_is_a_smooth_closed_curve(gid):
    path = artist(draw_frame("hold"), gid).get_path()
    assert path.codes is not None
    assert set(path.codes.tolist()) == {Path.MOVETO, Path.CURVE4, Path.CLOSEPOLY}


def test_drawing_uses_no_pyplot_state():
    code = (
        "import sys; from lowback.drawing.frames import render_frame_png\n"
        "render_frame_png('lift')\n"
        "assert 'matplotlib.pyplot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_notebook_shows_a_frame_as_a_picture_with_alt_text_and_caption():
    figure = show_frame("lift")
    assert figure == FrameFigure("lift", "right")
    page = figure._repr_html_()
    assert '<img src="data:image/png;base64,' in page
    assert f'alt="{html.escape(ALT_TEXT["lift"])}"' in page
    assert f"<strong>{FRAME_TITLES['lift']}.</strong> {ALT_TEXT['lift']}</figcaption>" in page
    assert repr(figure) == f"{FRAME_TITLES['lift']}. {ALT_TEXT['lift']}"


def test_a_short_caption_keeps_the_alt_text_on_the_picture():
    page = frame_html("hold", "left", full_caption=False)
    assert f'alt="{html.escape(ALT_TEXT["hold"])}"' in page
    assert f"<strong>{FRAME_TITLES['hold']}.</strong></figcaption>" in page


def drawn_words(name, side="right"):
    return " ".join(t.get_text() for t in draw_frame(name, side).findobj(Text) if t.get_text())


@pytest.mark.parametrize("name", FRAMES)
def test_the_bottom_knee_is_bent_for_balance_in_every_frame(name):
    fig = draw_frame(name)
    thigh = artist(fig, "body/bottom-leg").get_path().get_extents()
    shin = artist(fig, "body/bottom-shin").get_path().get_extents()
    straight = top_leg_extents("start")
    # Hip and knee bent: from behind, the thigh (forward) and shin (back) both look short, so
    # the bottom foot ends well short of the straight top leg's.
    assert shin.x1 < 0.8 * straight.x1
    assert thigh.x0 < shin.x0 < thigh.x1 < shin.x1, "the shin carries on from the knee"


def test_the_start_frame_says_bottom_knee_bent_and_roll_slightly_forward():
    words = drawn_words("start")
    assert "Bottom knee bent for balance" in words
    assert "roll slightly forward" in words
    assert "Legs straight" not in words


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        ("lift", ["up and back", "as high as", "trunk stays still", "Toes turned down"]),
        ("hold", ["Hold it up", "keep breathing", "Toes turned down"]),
        ("lower", ["Lower slowly", "Straight down onto the bottom leg"]),
        ("lower_tip", ["Lower slowly", "a few inches in front", "bottom leg"]),
    ],
)
def test_each_frame_says_how_to_move_in_words_on_the_picture(name, phrases):
    words = " ".join(drawn_words(name).split())
    for phrase in phrases:
        assert phrase in words, phrase


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        ("start", ["rolled slightly forward", "bottom knee bent for balance", "top leg straight"]),
        ("lift", ["straight top leg", "back behind the body", "lifts high",
                  "as high as the trunk stays still", "toes turned down"]),
        ("hold", ["up and back", "count of 2", "last hold until it feels hard", "breathing"]),
        ("lower", ["slowly", "straight down onto the other leg"]),
        ("lower_tip", ["slowly",
                       "knee aimed at the floor a few inches in front of the bent bottom"]),
    ],
)  # fmt: skip
def test_alt_texts_describe_the_exercise_as_the_routine_teaches_it(name, phrases):
    for phrase in phrases:
        assert phrase in ALT_TEXT[name], phrase


def test_frame_titles_follow_the_exercise():
    assert "bottom knee bent" in FRAME_TITLES["start"]
    assert "up and back" in FRAME_TITLES["lift"] and "toes turned down" in FRAME_TITLES["lift"]
    assert "up and back" in FRAME_TITLES["hold"] and "breathing" in FRAME_TITLES["hold"]
    assert FRAME_TITLES["lower"].startswith("Lower slowly")
    assert "onto the bottom leg" in FRAME_TITLES["lower"]
    assert FRAME_TITLES["lower_tip"].startswith("Lower slowly")
    assert "in front of the bottom leg" in FRAME_TITLES["lower_tip"]
    assert not any("a little back" in text for text in (*FRAME_TITLES.values(), *ALT_TEXT.values()))


def test_the_gentle_lowerings_words_never_send_the_knee_across_to_the_floor():
    for text in (FRAME_TITLES["lower"], ALT_TEXT["lower"]):
        assert "in front of" not in text and "floor" not in text, text
    assert "down onto the other leg" in ALT_TEXT["lower"]


def test_no_frame_says_hold_as_long_as_you_can():
    for text in (*FRAME_TITLES.values(), *ALT_TEXT.values()):
        for phrase in ("as long as", "until you can", "best"):
            assert phrase not in text, (phrase, text)


def test_the_hold_frames_gluteus_medius_stays_clear_of_the_spot_and_the_psis():
    # Gluteus medius starts about 5 cm out from the PSIS: not under the thumb.
    fig = draw_frame("hold")
    muscle = artist(fig, "muscle/gluteus-medius").get_path()
    edge = np.concatenate([seg(np.linspace(0, 1, 20)) for seg, _ in muscle.iter_bezier()])
    for gid in ("landmark/thumb-spot", "landmark/psis"):
        mark = artist(fig, gid)
        assert np.hypot(*(edge - mark.center).T).min() > mark.get_radius() + 1.0, gid
