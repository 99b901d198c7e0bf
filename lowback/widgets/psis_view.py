"""The "find the PSIS" question: the reader marks where they think a PSIS is on a picture of
the back, by touch, mouse or keyboard, and the kernel judges it (lowback.psis_question.judge)
against the landmarks the picture carries (lowback.drawing.question_pictures). The same
question is offered in words, for readers who cannot see the picture.

The browser part (js/psis_question.js) only moves the marker and reports it; every word, the
verdict and what the answer shows come from here.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from lowback.drawing.catalogue import QUESTION_ALT_TEXT, QUESTION_PICTURES
from lowback.drawing.pictures import picture_src
from lowback.drawing.question_pictures import question_data
from lowback.pages import ANATOMY
from lowback.psis_question import (
    PLACES,
    PLACES_QUESTION,
    PictureLandmarks,
    Verdict,
    answer_in_words,
    judge,
    picture_landmarks,
    read_marker,
)
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.placeholder import Placeholder, ShownWhenRun
from lowback.widgets.style import series_style, stacked
from lowback.widgets.view_helper import ViewHelper

__all__ = ["PSIS_CSS", "WORDS", "PsisPicture", "PsisQuestion", "verdict_state"]

#: Built by `make frontend` from js/psis_question.js (and js/dom.js).
_JS = Path(__file__).resolve().parent / "js" / "dist" / "psis_question.js"
# How far one press of an arrow key moves the marker, on the drawing; with Shift, a quarter.
STEP_CM = 1.0
FINE_STEP_CM = 0.25

WORDS = {
    "question": "Where is the PSIS? Either side counts.",
    "how": (
        "Tap or click the picture where you think it is (tap again to move the marker), then "
        "check your answer."
    ),
    "keys": (
        "With a keyboard: Tab to the picture, move the marker with the arrow keys (Shift for "
        "small steps), then press Enter to check."
    ),
    "label": "Picture of the lower back from behind: place the marker on a PSIS",
    "check": "Check my answer",
    "try_again": "Try again",
    "description": "Text description:",
}
NO_MARKER = "Place the marker first: tap or click the picture, or use the arrow keys."
UNREADABLE = "That place could not be read. Tap or click the picture again, then check."
ANSWER_SHOWN = (
    "The picture now shows both PSIS in blue, with a dashed line from your marker to the "
    "nearer one."
)
IN_WORDS_INTRO = (
    "Rather answer in words, for example with a screen reader? Here is the same question."
)

PSIS_CSS = """
.lowback-psis { font-size: 1rem; line-height: 1.5; color: #1a1a1a;
  container-type: inline-size; }
.lowback-psis .lowback-psis-grid { display: grid; grid-template-columns: minmax(0, 1fr);
  column-gap: 1.25rem;
  grid-template-areas: "question" "how" "keys" "figure" "side" "description"; }
.lowback-psis .lowback-psis-question { grid-area: question; font-weight: 700; font-size: 1.1rem;
  margin: 0.5rem 0 0.25rem; }
.lowback-psis .lowback-psis-how { grid-area: how; margin: 0 0 0.25rem; }
.lowback-psis .lowback-psis-keys { grid-area: keys; margin: 0 0 0.5rem; }
.lowback-psis .lowback-psis-figure { grid-area: figure; margin: 0.25rem 0 0.5rem; }
.lowback-psis .lowback-psis-side { grid-area: side; }
.lowback-psis .lowback-psis-description { grid-area: description; margin: 0.25rem 0 0.5rem; }
@container (min-width: 44rem) {
  .lowback-psis .lowback-psis-grid { grid-template-columns: minmax(0, 27rem) minmax(0, 1fr);
    grid-template-areas: "question question" "how how" "keys keys" "figure side"
      "description description"; }
  .lowback-psis .lowback-psis-check { margin-top: 0.25rem; }
}
.lowback-psis .lowback-psis-stage { position: relative; cursor: crosshair;
  touch-action: manipulation; border: 2px solid #555555; border-radius: 0.4rem;
  overflow: hidden; line-height: 0; -webkit-user-select: none; user-select: none;
  -webkit-tap-highlight-color: transparent; }
.lowback-psis .lowback-psis-stage:focus { outline: none; }
.lowback-psis .lowback-psis-stage:focus-visible { outline: 3px solid #D55E00;
  outline-offset: 2px; }
.lowback-psis .lowback-psis-picture { display: block; width: 100%; height: auto; }
.lowback-psis .lowback-psis-marker, .lowback-psis .lowback-psis-target { position: absolute;
  transform: translate(-50%, -50%); border-radius: 50%; pointer-events: none;
  box-sizing: border-box; }
.lowback-psis .lowback-psis-marker { width: 34px; height: 34px; border: 3px solid #000000;
  box-shadow: 0 0 0 2px #ffffff, inset 0 0 0 2px #ffffff; }
.lowback-psis .lowback-psis-marker::after { content: ""; position: absolute; left: 50%;
  top: 50%; width: 6px; height: 6px; margin: -3px 0 0 -3px; border-radius: 50%;
  background: #000000; box-shadow: 0 0 0 1.5px #ffffff; }
.lowback-psis .lowback-psis-target { width: 46px; height: 46px; border: 3px dashed #0072B2; }
.lowback-psis .lowback-psis-lines { position: absolute; inset: 0; width: 100%; height: 100%;
  pointer-events: none; display: none; }
.lowback-psis .lowback-psis-lines--shown { display: block; }
.lowback-psis .lowback-psis-line { stroke: #0b3d66; stroke-width: 3; stroke-dasharray: 7 5;
  vector-effect: non-scaling-stroke; }
.lowback-psis [hidden] { display: none !important; }
.lowback-psis .lowback-psis-check { font-size: 1.1rem; min-height: 3rem;
  padding: 0.4rem 1.1rem; border: 2px solid #0072B2; border-radius: 0.4rem;
  background: #0072B2; color: #ffffff; cursor: pointer; white-space: normal;
  margin: 0 0 0.5rem; }
.lowback-psis .lowback-psis-again { font-size: 1.1rem; min-height: 3rem;
  padding: 0.4rem 1.1rem; border: 2px solid #0072B2; border-radius: 0.4rem;
  background: #ffffff; color: #005a8c; cursor: pointer; margin: 0 0 0.5rem; }
.lowback-psis .lowback-psis-again:focus-visible { outline: 3px solid #D55E00;
  outline-offset: 2px; }
.lowback-psis .lowback-psis-check:focus-visible { outline: 3px solid #D55E00;
  outline-offset: 2px; }
.lowback-psis .lowback-psis-verdict.lowback-panel { margin: 0 0 0.5rem; }
.lowback-psis .lowback-psis-verdict p { margin: 0.35rem 0; }
.lowback-psis .lowback-psis-verdict .lowback-psis-headline { font-size: 1.1rem; margin-top: 0; }
.lowback-psis .lowback-panel--note { border-color: #0072B2; background: #e3eff8; }
.lowback-view .lowback-psis-words { margin: 1rem 0 0; }
.lowback-view .lowback-psis-reply p { margin: 0.35rem 0; }
"""


@cache
def _esm() -> str:
    return _JS.read_text(encoding="utf-8")


@cache
def _landmarks() -> PictureLandmarks:
    return picture_landmarks(question_data())


def _pictures() -> dict:
    return {
        name.removeprefix("psis_"): {
            "src": picture_src(f"{name}.png"),
            "alt": QUESTION_ALT_TEXT[name],
        }
        for name in QUESTION_PICTURES
    }


def verdict_state(verdict: Verdict, landmarks: PictureLandmarks) -> dict:
    """What the page shows for a verdict on the picture: its words, the marker it judged and
    the nearer PSIS (so the answer picture and a line to it are shown)."""
    first, *rest = verdict.explanation
    state = {
        "kind": verdict.kind,
        "headline": verdict.headline,
        "explanation": [first, ANSWER_SHOWN, *rest],
    }
    if verdict.marker is not None and verdict.side is not None:
        state["marker"] = list(verdict.marker)
        state["psis"] = list(landmarks.points[f"psis_{verdict.side}"])
    return state


class PsisPicture(anywidget.AnyWidget):
    """The picture, the marker and the Check button, running in the browser."""

    _esm = traitlets.Unicode(_esm()).tag(sync=True)
    _css = traitlets.Unicode(PSIS_CSS).tag(sync=True)

    # kernel -> page
    words = traitlets.Dict().tag(sync=True)
    pictures = traitlets.Dict().tag(sync=True)
    start = traitlets.List([0.5, 0.5]).tag(sync=True)
    step = traitlets.List().tag(sync=True)
    fine_step = traitlets.List().tag(sync=True)
    verdict = traitlets.Dict().tag(sync=True)

    def __repr__(self) -> str:
        return "A picture of the lower back to place a marker on."


class PsisQuestion(ShownWhenRun, widgets.VBox):
    """Find the PSIS on a picture of the back (by touch, mouse or keyboard), or in words."""

    def __init__(self) -> None:
        self.landmarks = _landmarks()
        width_cm, height_cm = self.landmarks.width_cm, self.landmarks.height_cm
        self.failsafe = FailSafe("PSIS question")
        self.picture = PsisPicture(
            words=dict(WORDS),
            pictures=_pictures(),
            step=[STEP_CM / width_cm, STEP_CM / height_cm],
            fine_step=[FINE_STEP_CM / width_cm, FINE_STEP_CM / height_cm],
        )
        self.picture.on_msg(self.failsafe(self._on_page_message))
        self.in_words = stacked(
            widgets.RadioButtons(
                options=[(place.label, place.value) for place in PLACES],
                value=None,
                description=PLACES_QUESTION,
            )
        )
        self.in_words_reply = widgets.HTML()
        self.in_words.observe(self.failsafe(self._on_words), names="value")
        super().__init__(
            children=[
                series_style(),
                ViewHelper(),
                self.failsafe.notice,
                self.picture,
                widgets.HTML(f'<p class="lowback-psis-words">{escape(IN_WORDS_INTRO)}</p>'),
                self.in_words,
                self.in_words_reply,
            ]
        )
        self.add_class("lowback-view")

    def placeholder(self) -> Placeholder:
        return Placeholder("PSIS picture question", "answer it", ANATOMY)

    def check(self, marker: object) -> dict:
        """Judge a marker as the page reports it ([x, y], fractions of the picture) and show
        the verdict; returns what the page is sent."""
        if marker is None:
            state = {"kind": "prompt", "headline": NO_MARKER, "explanation": []}
        else:
            try:
                x, y = read_marker(marker)
            except ValueError:
                state = {"kind": "prompt", "headline": UNREADABLE, "explanation": []}
            else:
                state = verdict_state(judge(x, y, self.landmarks), self.landmarks)
        self.picture.verdict = state
        return state

    def try_again(self) -> None:
        """Forget the verdict (the page took the answer and the marker away), so that the
        next check is judged afresh, even on the same place."""
        self.picture.verdict = {}

    def _on_page_message(self, _widget: object, content: object, _buffers: object) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "check":
            self.check(content.get("marker"))
        elif event == "try_again":
            self.try_again()
        # anything else the page never sends: ignored rather than guessed at

    def _on_words(self, change: dict) -> None:
        if change["new"] is None:
            self.in_words_reply.value = ""
            return
        verdict = answer_in_words(change["new"])
        panel = "correct" if verdict.kind == "on_it" else "try_again"
        sentences = "".join(f"<p>{escape(sentence)}</p>" for sentence in verdict.explanation)
        self.in_words_reply.value = (
            f'<div class="lowback-panel lowback-panel--{panel} lowback-psis-reply" role="status">'
            f"<p><strong>{escape(verdict.headline)}</strong></p>{sentences}</div>"
        )
