"""The anatomy page's pieces: knowledge-check feedback as data, and the views that show it."""

from __future__ import annotations

import filecmp
import re
from html import escape

import pytest
from PIL import Image

from lowback.drawing.catalogue import (
    ALT_TEXT,
    FIGURE_LAYERS,
    FRAMES,
    LAYERS,
    frame_file_name,
    phone_file_name,
)
from lowback.drawing.figures import FIGURES, render_png, write_figures, write_page_pictures
from lowback.drawing.frames import render_frame_png
from lowback.drawing.pictures import (
    PHONE_MEDIA,
    figure_html,
    frame_html,
    page_png,
    picture_src,
    png_size,
    show_figure,
)
from lowback.knowledge import KNOWLEDGE_CHECK, check_question, feedback
from lowback.pages import PICTURES_URL_ENV
from lowback.paths import FIGURES_DIR, PICTURES_DIR
from lowback.routine import SIDES
from lowback.widgets import AnatomyExplorer, KnowledgeCheck
from lowback.widgets.timer_view import frame_pictures


@pytest.mark.parametrize("check", KNOWLEDGE_CHECK, ids=lambda check: check.id)
def test_each_question_has_exactly_one_right_answer_and_feedback_on_every_option(check):
    assert sum(option.correct for option in check.options) == 1
    for option in check.options:
        assert option.feedback.startswith("Right." if option.correct else "Not quite.")
        assert len(option.feedback) > len("Not quite. ") + 20


def test_option_labels_are_unique_on_the_page_so_each_radio_has_its_own_name():
    labels = [option.label for check in KNOWLEDGE_CHECK for option in check.options]
    assert len(labels) == len(set(labels))


def test_the_check_asks_where_the_psis_is_what_medius_does_and_its_nerve():
    assert {"where_psis", "one_leg_stance", "nerve"} <= {check.id for check in KNOWLEDGE_CHECK}
    assert feedback("nerve", "superior_gluteal").correct


def all_words() -> list[str]:
    return [
        text
        for check in KNOWLEDGE_CHECK
        for text in (check.text, *(t for o in check.options for t in (o.label, o.feedback)))
    ]


def test_the_check_asks_what_lies_under_the_spot_and_gluteus_medius_is_not_the_answer():
    right = next(o for o in check_question("under_the_spot").options if o.correct)
    assert "gluteus maximus" in right.label and "(SI) joint" in right.label
    medius = feedback("under_the_spot", "medius")
    assert not medius.correct
    assert "about 5 cm" in medius.feedback and "referred pain" in medius.feedback
    assert not feedback("under_the_spot", "tailbone").correct


def test_si_joint_pain_is_placed_within_1_to_2_cm_of_the_psis_as_murakami_found():
    assert "within 1 to 2 cm" in feedback("other_causes", "si_joint").feedback
    assert not any(re.search(r"about (a|1) c(enti)?m", text) for text in all_words())


def test_nothing_puts_the_psis_next_to_the_tailbone_or_gluteus_medius_under_the_thumb():
    for text in all_words():
        assert not re.search(r"(next to|beside|near|by) the tailbone", text, re.I), text
        assert not re.search(r"gluteus medius (lies|sits|is) (right )?under", text, re.I), text
    assert "beside the sacrum" in feedback("where_psis", "beside_sacrum").feedback
    assert "not even under the spot" in feedback("other_causes", "only_medius").feedback


@pytest.mark.parametrize(("question_id", "value"), [("nerve", "vagus"), ("spleen", "x")])
def test_unknown_questions_and_options_are_refused(question_id, value):
    with pytest.raises(ValueError):
        feedback(question_id, value)


def test_choosing_any_option_shows_its_own_feedback_and_clearing_hides_it():
    check = KnowledgeCheck()
    for option in check_question("where_psis").options:
        check.choices["where_psis"].value = option.value
        assert option.feedback in check.replies["where_psis"].value
    check.choices["where_psis"].value = None
    assert check.replies["where_psis"].value == ""


def test_unticking_a_layer_redraws_the_figure_without_it():
    explorer = AnatomyExplorer("gluteus_medius_posterior")
    everything = explorer.picture.value
    explorer.layer_boxes["gluteus_maximus"].value = False
    assert "gluteus_maximus" not in explorer.layers()
    assert explorer.picture.value != everything
    assert explorer.picture.value == figure_html(
        "gluteus_medius_posterior", ("bones", "gluteus_medius", "landmarks", "thumb_spot")
    )


def test_ticking_every_layer_again_shows_the_pre_drawn_picture_again():
    explorer = AnatomyExplorer("referred_pain")
    pre_drawn = explorer.picture.value
    assert pre_drawn == figure_html("referred_pain")
    explorer.layer_boxes["bones"].value = False
    assert explorer.picture.value != pre_drawn
    explorer.layer_boxes["bones"].value = True
    assert explorer.picture.value == pre_drawn


def offered(explorer: AnatomyExplorer) -> set[str]:
    return {layer for layer, box in explorer.layer_boxes.items() if box.layout.display != "none"}


def test_only_the_layers_a_figure_draws_are_offered():
    explorer = AnatomyExplorer("posterior_pelvis")
    assert offered(explorer) == {"bones", "landmarks", "thumb_spot"}
    explorer.figure_choice.value = "gluteus_medius_posterior"
    assert offered(explorer) == set(LAYERS)


def test_another_drawing_opens_with_its_own_default_layers_not_the_last_ones():
    explorer = AnatomyExplorer("gluteus_medius_posterior")
    explorer.layer_boxes["bones"].value = False
    explorer.layer_boxes["gluteus_maximus"].value = False
    explorer.figure_choice.value = "referred_pain"
    assert explorer.layers() == FIGURE_LAYERS["referred_pain"]
    assert all(explorer.layer_boxes[layer].value for layer in FIGURE_LAYERS["referred_pain"])
    # The pre-drawn picture, drawn once: nothing else was ticked on the way.
    assert explorer.picture.value == figure_html("referred_pain")
    explorer.figure_choice.value = "gluteus_medius_posterior"
    assert all(box.value for box in explorer.layer_boxes.values())
    assert explorer.picture.value == figure_html("gluteus_medius_posterior")


@pytest.mark.parametrize("name", FIGURES)
def test_every_shown_figure_carries_its_text_alternative_as_alt_and_caption(name):
    html = show_figure(name)._repr_html_()
    assert f'alt="{escape(ALT_TEXT[name], quote=True)}"' in html
    assert f"</strong> {escape(ALT_TEXT[name])}</figcaption>" in html


def test_show_figure_refuses_a_figure_that_does_not_exist():
    with pytest.raises(ValueError, match="not a figure"):
        show_figure("spleen")


@pytest.mark.slow
def test_committed_figures_are_what_make_figures_writes_now(tmp_path):
    fresh = write_figures(tmp_path)
    for path in fresh:
        committed = FIGURES_DIR / path.name
        assert committed.exists(), f"figures/{path.name} is missing: run `make figures`"
        assert filecmp.cmp(path, committed, shallow=False), (
            f"figures/{path.name} is stale: run `make figures`"
        )


@pytest.mark.slow
def test_committed_page_pictures_are_what_make_figures_writes_now(tmp_path):
    fresh = write_page_pictures(tmp_path)
    committed = {path.name for path in PICTURES_DIR.glob("*.*") if path.suffix in (".png", ".webp")}
    assert committed == {path.name for path in fresh}, (
        "lowback/pictures/ holds other pictures than make figures writes: run `make figures`"
    )
    for path in fresh:
        assert filecmp.cmp(path, PICTURES_DIR / path.name, shallow=False), (
            f"lowback/pictures/{path.name} is stale: run `make figures`"
        )


def test_each_webp_copy_has_its_pngs_pixels_and_is_smaller():
    copies = sorted(PICTURES_DIR.glob("*.webp"))
    # Each figure, its phone version, each frame for each side and its phone version.
    assert len(copies) == 2 * len(FIGURES) + 2 * len(FRAMES) * len(SIDES)
    for copy in copies:
        png = copy.with_suffix(".png")
        with Image.open(copy) as webp, Image.open(png) as original:
            assert webp.size == original.size
            assert webp.convert("RGBA").tobytes() == original.convert("RGBA").tobytes(), copy.name
        assert copy.stat().st_size < 0.7 * png.stat().st_size, copy.name


@pytest.mark.parametrize("name", FIGURES)
def test_a_pre_drawn_figure_is_exactly_what_drawing_it_now_gives(name):
    pre_drawn = page_png(name)
    assert pre_drawn == (PICTURES_DIR / f"{name}.png").read_bytes()
    assert pre_drawn == render_png(name, FIGURE_LAYERS[name])
    assert page_png(name, reversed(FIGURE_LAYERS[name])) == pre_drawn


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("name", FRAMES)
def test_a_pre_drawn_frame_is_exactly_what_drawing_it_now_gives(name, side):
    pre_drawn = (PICTURES_DIR / frame_file_name(name, side)).read_bytes()
    assert render_frame_png(name, side) == pre_drawn


def test_a_figure_with_a_layer_off_is_drawn_now_and_unknown_layers_are_refused():
    assert page_png("posterior_pelvis", ("bones",)) == render_png("posterior_pelvis", ("bones",))
    with pytest.raises(ValueError, match="unknown layer"):
        page_png("posterior_pelvis", ("bones", "spleen"))


# -- where a page gets its pictures ------------------------------------------------------------

SERVED = "/base/voila/pictures/v-0123456789abcdef/"


def test_away_from_the_series_server_a_picture_travels_inside_the_page(monkeypatch):
    monkeypatch.delenv(PICTURES_URL_ENV, raising=False)
    html = figure_html("posterior_pelvis")
    assert 'src="data:image/png;base64,' in html
    assert 'width="990" height="684"' in html and 'loading="lazy"' in html
    assert 'src="data:image/png;base64,' in frame_html("hold", "left")
    assert frame_pictures("left")["hold"]["src"].startswith("data:image/png;base64,")
    # The phone's upright frames stay on the server: the page does not carry them.
    assert "phone_src" not in frame_pictures("left")["hold"]


def test_on_the_series_server_a_page_links_each_pre_drawn_picture_as_webp(monkeypatch):
    monkeypatch.setenv(PICTURES_URL_ENV, SERVED)
    for name in FIGURES:
        html = figure_html(name)
        assert f'src="{SERVED}{name}.webp"' in html and "data:" not in html
        width, height = png_size((PICTURES_DIR / f"{name}.png").read_bytes())
        assert f'width="{width}" height="{height}"' in html
    assert f'src="{SERVED}frame_hold_left.webp"' in frame_html("hold", "left")
    assert frame_pictures("right")["lift"]["src"] == f"{SERVED}frame_lift_right.webp"
    assert frame_pictures("right")["lift"]["phone_src"] == f"{SERVED}frame_lift_right_phone.webp"
    # A picture with no WebP copy is linked as it is; one drawn now for a reader's choice of
    # layers exists nowhere else, so it travels inside the page.
    assert picture_src("psis_question.png") == f"{SERVED}psis_question.png"
    fewer = figure_html("posterior_pelvis", FIGURE_LAYERS["posterior_pelvis"][:1])
    assert 'src="data:image/png;base64,' in fewer
    assert "<picture>" not in fewer


def test_on_the_series_server_a_narrow_screen_gets_the_phone_version_with_the_same_words(
    monkeypatch,
):
    monkeypatch.setenv(PICTURES_URL_ENV, SERVED)
    for name in FIGURES:
        html = figure_html(name)
        phone = phone_file_name(name).removesuffix(".png")
        width, height = png_size((PICTURES_DIR / phone_file_name(name)).read_bytes())
        assert (
            f'<picture><source media="{PHONE_MEDIA}" srcset="{SERVED}{phone}.webp" '
            f'width="{width}" height="{height}"><img src="{SERVED}{name}.webp"'
        ) in html
        # One description for both: the alt text and the caption.
        assert html.count(escape(ALT_TEXT[name])) == 2
        assert 'figcaption style="font-size: 1rem;' in html  # 16 px, on a phone too


def test_away_from_the_series_server_only_the_full_figure_travels(monkeypatch):
    monkeypatch.delenv(PICTURES_URL_ENV, raising=False)
    assert "<picture>" not in figure_html("referred_pain")
    assert "_phone" not in figure_html("referred_pain")


def test_png_size_reads_the_header_and_refuses_anything_else():
    assert png_size((PICTURES_DIR / "psis_question.png").read_bytes()) == (672, 608)
    with pytest.raises(ValueError):
        png_size(b"GIF89a" + b"\0" * 30)
