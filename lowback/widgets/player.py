"""RoutinePlayer: the part of the routine timer that runs in the reader's browser.

An anywidget whose JavaScript (js/player_view.js and the modules it imports: js/player_core.js,
js/quiz_record.js, js/since_quiz.js, js/progress.js, js/session_history.js, js/pain_light.js,
js/pain_panel.js, js/dom.js; bundled by `make frontend` into js/dist/player.js) plays the plan
the kernel made (`plan`: the schedule, its words, its cue times) on the page's own clock, shows
the pictures and plays the tones it was sent, shows the pain traffic light after a session
(decided in the page from the rule in the plan: lowback.pain, mirrored in js/pain_light.js), and
keeps the reader's session record in the browser's localStorage. It reports what the
reader pressed as `events` (the whole log since the last Reset or Start, each
``[kind, seconds]`` on the page's clock; the page also reports when the final hold's cap ends
the routine) with `now_s`, the pain scores as `pain_before` and `pain_after`, the page's query
string as `query` (a physiotherapist's link: lowback.prescription), and where the reader is as
`region`. The query is read in the page rather than from Voila's QUERY_STRING
because `make serve` runs each notebook before its visitor arrives. The kernel checks everything
that comes back (lowback.timer.check_events, from_query) before it believes it. Before Start the
page asks where the reader is if nobody says (js/region_choice.js, remembered by
js/region_memory.js), reads the quiz's saved result (lowback.quiz_record, mirrored in
js/quiz_record.js), asks the check before every Start (js/since_quiz.js), and shows the whole
plan (js/plan_shown.js); Start waits while the settings' boxes (`settings_ids`) show other
values than the plan's (a change still on its way to the kernel), and runs the plan it showed.
The reader's history of sessions is read, drawn and exported in the page
(js/session_history.js with js/progress.js, the mirror of lowback.progress) and never sent to
the kernel: there is no trait for it, so a page that sends one anyway changes nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import anywidget
import traitlets

__all__ = ["PLAYER_CSS", "RoutinePlayer", "player_esm"]

#: The player's ES module, built from js/player_view.js and what it imports (the pure core,
#: the saved quiz result, the check before Start, the session records and their history box).
PLAYER_BUNDLE = Path(__file__).resolve().parent / "js" / "dist" / "player.js"


@cache
def player_esm() -> str:
    """The player's ES module, as `make frontend` built it: one module importing nothing."""
    return PLAYER_BUNDLE.read_text(encoding="utf-8")


PLAYER_CSS = """
.lowback-player { font-size: 1rem; line-height: 1.45; color: #1a1a1a; }
.lowback-player .lowback-display { border: 3px solid #0072B2; border-radius: 0.5rem;
  padding: 0.5rem 1rem; margin: 0.5rem 0; background: #ffffff; }
.lowback-player .lowback-phase { font-size: 2.6rem; font-weight: 700; line-height: 1.15;
  margin: 0.2rem 0; overflow-wrap: normal; word-break: normal; hyphens: none; }
.lowback-player .lowback-time { font-size: 2.1rem; font-weight: 700; }
.lowback-player .lowback-rep { font-size: 1.25rem; }
.lowback-player .lowback-cue { font-size: 1.1rem; }
.lowback-player .lowback-progress { width: 100%; height: 1rem; accent-color: #0072B2; }
.lowback-player .lowback-figure { margin: 0.5rem 0; max-width: 40rem; }
.lowback-player .lowback-frame { width: 100%; height: auto; display: block; }
.lowback-player .lowback-caption { font-size: 1rem; }
.lowback-player .lowback-buttons { display: grid; gap: 0.5rem;
  grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); margin: 0.5rem 0; }
.lowback-player .lowback-button { font-size: 1.15rem; min-height: 3rem; padding: 0.4rem 0.9rem;
  border: 2px solid #0072B2; border-radius: 0.4rem; background: #ffffff; color: #0b3d66;
  cursor: pointer; white-space: normal; }
.lowback-player .lowback-button--primary { background: #0072B2; color: #ffffff; }
.lowback-player .lowback-button:disabled { border-color: #999; color: #666; cursor: default; }
.lowback-player .lowback-button:focus-visible,
.lowback-player select:focus-visible,
.lowback-player input:focus-visible { outline: 3px solid #D55E00; outline-offset: 2px; }
.lowback-player .lowback-mute { display: flex; align-items: center; gap: 0.6rem;
  min-height: 44px; font-size: 1.05rem; cursor: pointer; }
.lowback-player .lowback-mute input { width: 1.35rem; height: 1.35rem; }
.lowback-player .lowback-message { min-height: 1.5rem; font-weight: 600; color: #8a3a00; }
.lowback-player .lowback-field { display: flex; flex-direction: column; gap: 0.3rem;
  margin: 0.5rem 0; }
.lowback-player .lowback-field label { font-weight: 600; }
.lowback-player .lowback-pain-select { font-size: 1.05rem; min-height: 44px; max-width: 22rem; }
.lowback-player .lowback-after { border-top: 2px solid #0072B2; margin-top: 0.5rem;
  padding-top: 0.5rem; }
.lowback-player .lowback-pain-wait { font-size: 1.2rem; font-weight: 600; }
/* The pain panel (js/pain_panel.js): yes/no questions a thumb can answer, and the light. */
.lowback-player .lowback-ask { border: 2px solid #0072B2; border-radius: 0.5rem;
  margin: 0.75rem 0; padding: 0.25rem 0.75rem 0.5rem; min-width: 0; }
.lowback-player .lowback-ask-title { font-size: 1.1rem; font-weight: 700; padding: 0.5rem 0 0.25rem;
  line-height: 1.35; white-space: normal; float: left; width: 100%; }
.lowback-player .lowback-ask-row { display: flex; align-items: center; gap: 0.65rem; clear: both;
  min-height: 44px; font-size: 1.05rem; cursor: pointer; }
.lowback-player .lowback-ask-row input { width: 1.35rem; height: 1.35rem; margin: 0;
  flex: 0 0 auto; }
.lowback-player .lowback-pain-message.lowback-panel { font-size: 1.05rem; margin: 0.5rem 0; }
.lowback-player .lowback-pain-message p { margin: 0 0 0.4rem; }
.lowback-player .lowback-pain-message p:last-child { margin-bottom: 0; }
.lowback-player.lowback-exercise .lowback-morning { display: none; }
/* Before Start: the quiz's saved result, and the check before every Start. Each line is a
   target a thumb can hit, at 16 px or more, the width of a 390 px phone. */
.lowback-player .lowback-quiz-kept { margin: 0.5rem 0; }
.lowback-player .lowback-quiz-kept p { margin: 0 0 0.4rem; }
.lowback-player .lowback-quiz-ask p:focus { outline: none; }
.lowback-player .lowback-quiz-note { font-weight: 700; margin: 0; }
.lowback-player .lowback-since { border: 2px solid #0072B2; border-radius: 0.5rem;
  margin: 0.75rem 0; padding: 0.25rem 0.75rem 0.5rem; min-width: 0; }
.lowback-player .lowback-since-title { font-size: 1.1rem; font-weight: 700; padding: 0.5rem 0 0;
  line-height: 1.35; white-space: normal; float: left; width: 100%; }
.lowback-player .lowback-since-hint { margin: 0.25rem 0 0.25rem; clear: both; }
.lowback-player .lowback-since-row { display: flex; align-items: flex-start; gap: 0.65rem;
  min-height: 44px; padding: 0.55rem 0; box-sizing: border-box; font-size: 1rem;
  line-height: 1.4; cursor: pointer; border-top: 1px solid #e2e2e2; }
.lowback-player .lowback-since-row:first-child { border-top: none; }
.lowback-player .lowback-since-row input { width: 1.35rem; height: 1.35rem; flex: 0 0 auto;
  margin: 0.05rem 0 0 0; }
.lowback-player .lowback-since-none { font-weight: 700; border-top: 2px solid #c8c8c8; }
.lowback-player .lowback-since-advice p { margin: 0 0 0.4rem; font-weight: 600; }
/* The advice spans the check's own padding, so its words keep the width of the phone. */
.lowback-player .lowback-since-advice.lowback-panel { margin: 0.5rem -0.75rem 0;
  padding: 0.6rem 0.5rem 0.6rem 0.75rem; font-size: 1.05rem; }
.lowback-player .lowback-since-advice .lowback-call { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.lowback-player .lowback-since-advice.lowback-panel--emergency a.lowback-call-link {
  display: inline-flex;
  align-items: center; min-height: 48px; padding: 0.25rem 1rem; border-radius: 0.4rem;
  background: #8a2b00; color: #ffffff; font-weight: 700; font-size: 1.1rem;
  text-decoration: none; border: 2px solid #8a2b00; }
.lowback-player .lowback-since-advice a.lowback-call-link:focus-visible {
  outline: 3px solid #D55E00; outline-offset: 2px; }
.lowback-player .lowback-button[aria-disabled="true"] { background: #e9e9e9; border-color: #8a8a8a;
  color: #3d3d3d; cursor: not-allowed; }
/* Where the reader is: one tap among the regions, two to a row on a phone. */
.lowback-player .lowback-region { margin: 0.5rem 0; }
.lowback-player .lowback-region-ask { border: 2px solid #0072B2; border-radius: 0.5rem;
  padding: 0.25rem 0.75rem 0.75rem; }
.lowback-player .lowback-region-question { font-size: 1.1rem; font-weight: 700;
  margin: 0.5rem 0 0.25rem; }
.lowback-player .lowback-region-why { margin: 0 0 0.5rem; }
.lowback-player .lowback-region-choices { display: grid; gap: 0.5rem;
  grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); }
.lowback-player .lowback-region-known { display: flex; flex-wrap: wrap; align-items: center;
  gap: 0.25rem 0.75rem; }
.lowback-player .lowback-region-shown { margin: 0; font-weight: 600; }
.lowback-player .lowback-region-change { font-size: 1rem; min-height: 44px; }
/* The whole plan, right above Start: label and value on one line where they fit. */
.lowback-player .lowback-plan-box { border: 2px solid #0072B2; border-radius: 0.5rem;
  margin: 0.75rem 0 0.5rem; padding: 0.25rem 0.75rem 0.5rem; overflow-wrap: anywhere; }
.lowback-player .lowback-plan-title { font-size: 1.15rem; margin: 0.4rem 0 0.1rem; }
.lowback-player .lowback-plan-origin { margin: 0 0 0.35rem; font-weight: 600; }
.lowback-player .lowback-plan-rows { margin: 0 0 0.35rem; }
.lowback-player .lowback-plan-row { display: flex; flex-wrap: wrap; column-gap: 0.4rem;
  padding: 0.15rem 0; border-top: 1px solid #e2e2e2; }
.lowback-player .lowback-plan-row:first-child { border-top: none; }
.lowback-player .lowback-plan-row dt { font-weight: 700; margin: 0; flex: none; float: none;
  width: auto; max-width: 100%; }
.lowback-player .lowback-plan-row dd { margin: 0; flex: 1 1 10rem; }
.lowback-player .lowback-plan-check { margin: 0.25rem 0; }
.lowback-player .lowback-plan-status { margin: 0; font-weight: 700; color: #8a3a00; }
.lowback-player .lowback-plan-status:empty { display: none; }
.lowback-player.lowback-exercise .lowback-region,
.lowback-player.lowback-exercise .lowback-plan-box,
.lowback-player.lowback-exercise .lowback-since,
.lowback-player.lowback-exercise .lowback-quiz-ask,
.lowback-player.lowback-exercise .lowback-quiz-kept { display: none; }
.lowback-player [hidden] { display: none !important; }
/* Exercise mode: from Start to the end, the player fills the screen of a phone on the floor.
   Phase, time, repetition and picture on one screen; the buttons at the bottom, in thumb
   reach; everything large enough to read from a metre away. */
.lowback-player.lowback-exercise { position: fixed; inset: 0; z-index: 10000; margin: 0;
  background: #ffffff; overflow-y: auto; padding: 0.5rem 0.75rem 0.75rem;
  display: flex; flex-direction: column; box-sizing: border-box; }
.lowback-player.lowback-exercise .lowback-display { margin: 0; padding: 0.25rem 0.75rem; }
.lowback-player.lowback-exercise .lowback-phase { font-size: clamp(2rem, 9vw, 3.5rem); }
.lowback-player.lowback-exercise .lowback-time { font-size: clamp(1.8rem, 8vw, 3rem); }
.lowback-player.lowback-exercise .lowback-figure { margin: 0.25rem auto; max-width: 100%; }
.lowback-player.lowback-exercise .lowback-frame { max-height: 38vh; object-fit: contain; }
/* While the routine runs, Start is out of the way (a double tap cannot restart it) and Pause
   is the button that stands out; Start comes back when the routine is done. */
.lowback-player.lowback-exercise.lowback-running .lowback-button--primary { display: none; }
.lowback-player.lowback-exercise.lowback-running .lowback-button--pause { background: #0072B2;
  color: #ffffff; }
.lowback-player.lowback-exercise .lowback-caption { display: none; }
.lowback-player.lowback-exercise .lowback-buttons { margin-top: auto;
  grid-template-columns: 1fr 1fr; }
/* The buttons stay in reach at the bottom of the view, however tall the words are (200% zoom):
   the picture scrolls under them. */
.lowback-player.lowback-exercise .lowback-buttons { position: sticky; bottom: 0;
  background: #ffffff; padding-top: 0.5rem; margin-bottom: 0; }
.lowback-player.lowback-exercise .lowback-button { min-height: 3.5rem; font-size: 1.2rem; }
/* A phone upright: the room under the picture goes to larger words (read from a metre away)
   and a larger picture, centred between the words and the buttons, not to an empty band. */
@media (orientation: portrait) {
  .lowback-player.lowback-exercise .lowback-phase {
    font-size: clamp(2rem, min(11vw, 6.5vh), 4rem); }
  .lowback-player.lowback-exercise .lowback-time {
    font-size: clamp(1.8rem, min(10vw, 6vh), 3.5rem); }
  .lowback-player.lowback-exercise .lowback-figure { flex: 1 0 auto; display: flex;
    flex-direction: column; justify-content: center; margin: 0.25rem -0.5rem; }
  .lowback-player.lowback-exercise .lowback-frame { max-height: 50vh; }
}
/* A phone on its side: the words beside the picture, the buttons in one row under them, so the
   phase, the time and the buttons all fit the short screen. */
@media (orientation: landscape) and (max-height: 500px) {
  .lowback-player.lowback-exercise { display: grid; align-content: start; column-gap: 0.75rem;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .lowback-player.lowback-exercise > * { grid-column: 1 / -1; }
  .lowback-player.lowback-exercise > .lowback-display { grid-column: 1; }
  .lowback-player.lowback-exercise > .lowback-figure { grid-column: 2; align-self: center; }
  .lowback-player.lowback-exercise .lowback-phase { font-size: 2rem; }
  .lowback-player.lowback-exercise .lowback-time { font-size: 1.8rem; }
  .lowback-player.lowback-exercise .lowback-frame { max-height: 55vh; }
  .lowback-player.lowback-exercise .lowback-buttons { margin-top: 0.5rem;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); }
  .lowback-player.lowback-exercise .lowback-button { min-height: 3rem; }
}
html.lowback-exercising, html.lowback-exercising body { overflow: hidden; }
/* The routine keeps its own time without the server: while it runs, a lost connection is no
   reason to reload (which would end it). The notice shows again when the routine is over. */
html.lowback-exercising .lowback-lost { display: none !important; }
.lowback-player .lowback-history-box { border-top: 2px solid #c8c8c8; margin-top: 1rem;
  padding-top: 0.5rem; }
.lowback-player .lowback-history-box h4 { font-size: 1.15rem; margin: 0.25rem 0; }
.lowback-player .lowback-nowrap { white-space: nowrap; }
.lowback-player .lowback-history-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.lowback-player .lowback-history-actions a.lowback-button { display: inline-flex;
  align-items: center; text-decoration: none; }
.lowback-player.lowback-exercise .lowback-history-box { display: none; }
@media print { .lowback-player .lowback-buttons, .lowback-player .lowback-mute { display: none; } }
"""


class RoutinePlayer(anywidget.AnyWidget):
    """The routine's clock, buttons, picture and tones, running in the browser."""

    _esm = traitlets.Unicode(player_esm()).tag(sync=True)
    _css = traitlets.Unicode(PLAYER_CSS).tag(sync=True)

    # kernel -> page
    plan = traitlets.Dict().tag(sync=True)
    pictures = traitlets.Dict().tag(sync=True)
    sounds = traitlets.Dict().tag(sync=True)
    #: The settings' boxes on the page (ipywidgets model ids, by setting): the page compares
    #: what they show with the settings the plan was made from, and holds Start until they agree.
    settings_ids = traitlets.Dict().tag(sync=True)
    #: A signed physiotherapist's link opened this page (lowback.signed_link): it stands in for
    #: "have you done the quiz?".
    physio_link = traitlets.Bool(False).tag(sync=True)
    # page -> kernel: Any, so a hostile value reaches the checks in lowback.timer (and gets a
    # plain message) rather than failing inside traitlets.
    events = traitlets.Any([]).tag(sync=True)
    now_s = traitlets.Any(0.0).tag(sync=True)
    pain_before = traitlets.Any(None).tag(sync=True)
    pain_after = traitlets.Any(None).tag(sync=True)
    # The page's own query string, once, as it opened: a physiotherapist's prescription link.
    query = traitlets.Any("").tag(sync=True)
    # The page's own address without its query, for the handout's link and QR code.
    page_url = traitlets.Any("").tag(sync=True)
    # Where the reader is, as the page knows it (their choice on the page, or this browser's
    # memory of it; "" for none), for the handout's emergency number: checked by the view.
    region = traitlets.Any("").tag(sync=True)

    def __repr__(self) -> str:
        return "The routine's timer, which runs in the web page."
