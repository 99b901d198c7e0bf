"""The "find the PSIS" pictures and view without a browser: the landmarks the question picture
carries are where the drawing put them, the pictures are what `make figures` writes now, and
the view judges what the page reports through lowback.psis_question. The browser side is
tested in tests/browser/test_psis_question.py."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap

import pytest
from PIL import Image

from lowback.drawing.catalogue import QUESTION_ALT_TEXT, QUESTION_LANDMARKS, QUESTION_PICTURES
from lowback.drawing.helpers import COLOURS
from lowback.drawing.landmarks import LANDMARKS, THUMB_SPOT_CENTRE_LEFT
from lowback.drawing.psis_picture import (
    QUESTION_WINDOW_CM,
    draw_psis_question,
    question_data,
    render_question_png,
)
from lowback.drawing.question_pictures import (
    QUESTION_DATA_KEY,
    png_size,
    png_text,
    question_png,
)
from lowback.drawing.question_pictures import question_data as carried_data
from lowback.paths import PICTURES_DIR
from lowback.psis_question import POINT_KINDS, judge, picture_landmarks
from lowback.widgets import PsisQuestion
from lowback.widgets.failsafe import FRIENDLY_MESSAGE
from lowback.widgets.psis_view import (
    ANSWER_SHOWN,
    FINE_STEP_CM,
    NO_MARKER,
    STEP_CM,
    UNREADABLE,
    WORDS,
    PsisPicture,
)

# -- the pictures and the landmarks they carry ---------------------------------------------------


@pytest.mark.parametrize("name", QUESTION_PICTURES)
def test_a_pre_drawn_question_picture_is_exactly_what_drawing_it_now_gives(name):
    assert (PICTURES_DIR / f"{name}.png").read_bytes() == render_question_png(name), (
        f"lowback/pictures/{name}.png is stale: run `make figures`"
    )


def test_the_question_picture_carries_the_landmarks_measured_on_the_drawing_now():
    assert carried_data() == question_data(draw_psis_question())
    assert QUESTION_DATA_KEY in png_text(question_png("psis_question"))
    assert QUESTION_DATA_KEY not in png_text(question_png("psis_answer"))


def test_the_carried_landmarks_are_the_drawing_s_own_points_in_the_picture_s_frame():
    left, right, bottom, top = QUESTION_WINDOW_CM
    data = carried_data()
    assert data["width_cm"] == pytest.approx(right - left)
    assert data["height_cm"] == pytest.approx(top - bottom)
    expected = {name: LANDMARKS[name] for name in LANDMARKS}
    expected["thumb_spot_left"] = THUMB_SPOT_CENTRE_LEFT
    expected["thumb_spot_right"] = (-THUMB_SPOT_CENTRE_LEFT[0], THUMB_SPOT_CENTRE_LEFT[1])
    assert tuple(sorted(data["points"])) == tuple(sorted(QUESTION_LANDMARKS))
    for name, (x, y) in data["points"].items():
        cm_x, cm_y = expected[name]
        assert x == pytest.approx((cm_x - left) / (right - left), abs=1e-4), name
        assert y == pytest.approx((top - cm_y) / (top - bottom), abs=1e-4), name


def colour_at(png: bytes, fraction: tuple[float, float]) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((int(fraction[0] * image.width), int(fraction[1] * image.height)))


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_answer_picture_shows_the_psis_in_blue_exactly_where_the_judge_looks(side):
    where = carried_data()["points"][f"psis_{side}"]
    blue = tuple(int(COLOURS["psis"][i : i + 2], 16) for i in (1, 3, 5))
    assert colour_at(question_png("psis_answer"), where) == pytest.approx(blue, abs=6)
    # The question picture marks nothing there: no blue at all near the PSIS.
    r, g, b = colour_at(question_png("psis_question"), where)
    assert not (b > 150 and r < 60)


def test_both_pictures_share_one_frame_so_a_marker_means_the_same_place_on_each():
    sizes = {png_size(question_png(name)) for name in QUESTION_PICTURES}
    assert sizes == {(672, 608)}
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a")
    with pytest.raises(ValueError, match="not a PNG"):
        png_text(b"not a picture")


def test_every_landmark_the_picture_carries_is_one_the_judge_can_explain():
    landmarks = picture_landmarks(carried_data())
    kinds = {re.sub(r"_(left|right)$", "", name) for name in landmarks.points}
    assert kinds <= set(POINT_KINDS)


@pytest.mark.parametrize(
    ("name", "kind", "says"),
    [
        ("psis_left", "on_it", "within 1.5 cm"),
        ("psis_right", "on_it", "body's right"),
        ("thumb_spot_right", "close", "closer to the thumb-sized spot"),
        ("s2_spinous", "not_yet", "closer to the middle of the spine"),
        ("coccyx_tip", "not_yet", "closer to the tailbone"),
        ("iliac_crest_top_left", "not_yet", "closer to the top of the hip bone"),
        ("greater_trochanter_right", "not_yet", "closer to the bony point on the outside"),
        ("hip_joint_left", "not_yet", "closer to the hip joint"),
    ],
)
def test_on_the_real_picture_each_landmark_gets_its_own_verdict(name, kind, says):
    landmarks = picture_landmarks(carried_data())
    verdict = judge(*landmarks.points[name], landmarks)
    assert verdict.kind == kind
    assert says in " ".join(verdict.explanation)


@pytest.mark.parametrize("name", QUESTION_PICTURES)
def test_each_question_picture_has_a_text_alternative(name):
    assert len(QUESTION_ALT_TEXT[name]) > 100
    assert "next to the tailbone" not in QUESTION_ALT_TEXT[name]


def test_a_question_picture_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="not a question picture"):
        render_question_png("spleen")
    with pytest.raises(ValueError, match="not a question picture"):
        question_png("spleen")


# -- the view -----------------------------------------------------------------------------------


def report(view: PsisQuestion, content: object) -> None:
    """What the page sends when the reader checks: a custom message to the picture widget."""
    view.picture._handle_custom_msg(content, [])


def test_the_page_is_sent_every_word_both_pictures_and_a_one_centimetre_step():
    view = PsisQuestion()
    picture = view.picture
    assert picture.words == WORDS
    assert set(picture.pictures) == {"question", "answer"}
    for name, shown in picture.pictures.items():
        assert shown["src"].startswith("data:image/png;base64,")
        assert shown["alt"] == QUESTION_ALT_TEXT[f"psis_{name}"]
    width_cm, height_cm = view.landmarks.width_cm, view.landmarks.height_cm
    assert picture.step == pytest.approx([STEP_CM / width_cm, STEP_CM / height_cm])
    assert picture.fine_step == pytest.approx([FINE_STEP_CM / width_cm, FINE_STEP_CM / height_cm])
    assert picture.verdict == {}


def test_a_checked_marker_is_judged_in_the_kernel_and_the_answer_is_shown():
    view = PsisQuestion()
    where = list(view.landmarks.points["psis_right"])
    report(view, {"event": "check", "marker": where})
    shown = view.picture.verdict
    assert shown["kind"] == "on_it"
    assert shown["marker"] == where
    assert shown["psis"] == where
    assert shown["explanation"][1] == ANSWER_SHOWN
    assert not view.failsafe.failed


def test_a_miss_shows_the_line_to_the_nearer_psis():
    view = PsisQuestion()
    shown = view.check([0.1, 0.95])
    assert shown["kind"] == "not_yet"
    assert shown["psis"] == list(view.landmarks.points["psis_left"])
    assert shown["headline"] == "Not yet: that is not the PSIS."


def test_check_without_a_marker_asks_for_one():
    view = PsisQuestion()
    report(view, {"event": "check", "marker": None})
    assert view.picture.verdict == {"kind": "prompt", "headline": NO_MARKER, "explanation": []}


@pytest.mark.parametrize(
    "marker",
    [[float("nan"), 0.5], [0.5], [0.5, 2], ["0.5", "0.5"], "here", {"x": 1}, [True, 0.5], 7],
)
def test_a_hostile_marker_gets_a_plain_sentence_never_a_failure(marker):
    view = PsisQuestion()
    report(view, {"event": "check", "marker": marker})
    assert view.picture.verdict["headline"] == UNREADABLE
    assert not view.failsafe.failed
    assert view.failsafe.notice.value == ""


@pytest.mark.parametrize("content", [{"event": "reset"}, {}, {"marker": [0.4, 0.4]}, [1, 2]])
def test_a_message_the_page_never_sends_is_ignored(content):
    view = PsisQuestion()
    report(view, content)
    assert view.picture.verdict == {}
    assert not view.failsafe.failed


def test_a_failure_while_judging_shows_the_friendly_message(monkeypatch):
    view = PsisQuestion()

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("lowback.widgets.psis_view.judge", broken)
    report(view, {"event": "check", "marker": [0.5, 0.5]})
    assert view.failsafe.failed
    assert FRIENDLY_MESSAGE in view.failsafe.notice.value


def test_the_answer_in_words_shows_its_verdict_as_a_status():
    view = PsisQuestion()
    view.in_words.value = "tailbone"
    assert 'role="status"' in view.in_words_reply.value
    assert "Not quite." in view.in_words_reply.value
    assert "lowback-panel--try_again" in view.in_words_reply.value
    view.in_words.value = "crest_end"
    assert "Right: that finds the PSIS." in view.in_words_reply.value
    assert "lowback-panel--correct" in view.in_words_reply.value


def test_the_view_reads_as_one_stable_sentence_where_widgets_cannot_show():
    view = PsisQuestion()
    assert repr(view) == repr(PsisQuestion())
    assert repr(view).startswith("PSIS picture question: ") and len(repr(view)) <= 110
    assert "\n" not in repr(view.picture)


def test_the_browser_module_is_inline_and_fetches_nothing():
    esm = PsisPicture._esm.default_value
    assert re.search(r"\nexport \{\s*\w+ as default\s*\};\n\Z", esm)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", esm)
    assert not re.search(r"^\s*import\b", esm, re.M)
    assert "innerHTML" not in esm  # words from the kernel are shown as text, never as markup


def test_the_question_runs_without_importing_matplotlib():
    code = textwrap.dedent(
        """
        import sys
        from lowback.widgets import PsisQuestion

        view = PsisQuestion()
        view.check([0.4, 0.4])
        view.in_words.value = "midline"
        assert "matplotlib" not in sys.modules, "the PSIS question imported Matplotlib"
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_try_again_forgets_the_verdict_so_the_same_place_is_judged_afresh():
    view = PsisQuestion()
    where = list(view.landmarks.points["psis_left"])
    report(view, {"event": "check", "marker": where})
    assert view.picture.verdict["kind"] == "on_it"
    report(view, {"event": "try_again"})
    assert view.picture.verdict == {}
    report(view, {"event": "check", "marker": where})
    assert view.picture.verdict["kind"] == "on_it"
    assert view.picture.words["try_again"] == "Try again"
    assert not view.failsafe.failed
