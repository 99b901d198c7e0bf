"""The routine timer: settings in the kernel, the clock in the browser, the words from here.

No rule lives in the view. The settings build a `Routine` (which checks them); `player_plan`
turns its schedule into everything the page shows, phase by phase, in words, with the cue
times from `lowback.sound` and the pictures from `lowback.drawing`; the browser's player
(lowback.widgets.player.RoutinePlayer) plays that plan on its own clock, so a slow or dropped
connection never stalls a phase, a cue or the final hold. What the reader pressed comes back as
an event log, which the kernel checks and replays through the pure `lowback.timer.RoutineTimer`
(`lowback.timer.replay`) to know where the reader is, what their best hold was, and when to
lock the settings. `describe()` is the reference for the words the page picks: the player's
JavaScript is tested against it.

Nothing runs in the kernel between presses: no task ticks, so a reader who starts the routine
and closes the tab leaves a kernel that is idle, and culled like any other.

Before Start, in this order (DESIGN.md, "The saved quiz result"): "have you done the quiz?",
unless the quiz's record in this browser is trusted (lowback.quiz_record.is_trusted, mirrored in
the page); then, before every Start, "Since your quiz, has anything new started?", a tick list of
the emergency and same-day signs with "None of these" (`since_quiz_plan`): Start waits for an
answer, and a ticked sign shows its advice instead of starting. The page decides all of it from
the plan sent at load, so it works offline.

Keyboard: every control is a native button, input, select or checkbox with a visible label, so
Tab reaches each one and Space or Enter presses a button. Start moves the keyboard focus to
Pause, so Space pauses, and the same button, now named "Resume", resumes on the next Space.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets

from lowback.drawing.catalogue import (
    FRAME_ALT_TEXT,
    FRAME_TITLES,
    FRAMES,
    frame_file_name,
    frame_for_phase,
)
from lowback.drawing.pictures import picture_src
from lowback.pages import QUIZ, ROUTINE, SESSIONS_KEY, is_page_address, sounds_url
from lowback.pain import interpret_pain_change
from lowback.prescription import (
    DEFAULT_PRESCRIPTION,
    Prescription,
    dosage_summary,
    ignored_parameters,
    routine_link,
)
from lowback.progress import MAX_RECORDS
from lowback.quiz_record import SINCE_QUIZ_LEVELS, TRUST_DAYS, browser_settings
from lowback.regions import region as find_region
from lowback.routine import DEFAULT_ROUTINE, Phase, Routine, build_schedule, phase_title
from lowback.screening import SinceQuizSign, since_quiz_signs
from lowback.signed_link import ORIGIN_WORDS, read_link
from lowback.sound import CUE_KINDS, cue_times, cue_wav
from lowback.timer import TimerStatus, check_events, replay
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.handout_link import handout_link_html, make_handout_button
from lowback.widgets.placeholder import Placeholder, ShownWhenRun
from lowback.widgets.player import RoutinePlayer
from lowback.widgets.prescription_view import link_key_from_environment
from lowback.widgets.quiz import EMERGENCY_NUMBERS
from lowback.widgets.style import series_style, stacked
from lowback.widgets.view_helper import ViewHelper

__all__ = [
    "SETTING_LABELS",
    "WORDS",
    "RoutineTimer",
    "TimerDisplay",
    "describe",
    "format_seconds_left",
    "player_plan",
    "settings_message",
    "since_quiz_plan",
]

# What each Routine field is called on screen, in the order the settings are shown.
SETTING_LABELS = {
    "side": "Sore side (it goes on top)",
    "reps": "Repetitions",
    "hold_s": "Hold, seconds",
    "rest_s": "Rest, seconds",
    "lift_s": "Lift, seconds",
    "lower_s": "Lower, seconds",
    "lead_in_s": "Get ready, seconds",
}
SIDE_OPTIONS = (
    ("Right (lie on your left side)", "right"),
    ("Left (lie on your right side)", "left"),
)
STOP_RULES_HTML = (
    '<div class="lowback-panel lowback-panel--emergency">'
    "<strong>Stop at once</strong> if pain shoots down your leg, your leg tingles or goes "
    "numb, the pain gets worse, or you feel pain in the outer hip or the groin, and see a GP "
    "or physiotherapist before you try again.</div>"
)
KEYBOARD_HELP = (
    "Keyboard: press Tab to move between controls and Space or Enter to press a button. "
    "After Start, the Pause button has the focus, so Space pauses and Space again resumes."
)
#: Every fixed phrase the player shows; the phases' own words come with each phase.
WORDS = {
    "ready_title": "Ready",
    "ready_time": "Press Start",
    "done_title": "Well done",
    "done_time": "You held for",
    "done_rep": "Routine complete",
    "done_cue": "Lower the leg slowly, then stand up slowly.",
    "held": "Held",
    "already_running": "The timer is already running. Use Pause, or Reset to begin again.",
    "paused": "Paused. Press Resume (or Space) to carry on.",
    "finished": "The routine is finished. Press Start to do it again.",
    "press_start_first": "Press Start first.",
    "finish_only_in_hold": "This button is for the last long hold, after the rest.",
    "reset_done": "Reset. Press Start when you are ready.",
    "rate_in": "Rest a minute, then rate the pain at the spot. Ready in",
    "rate_now": "Now rate the pain at the spot, from 0 (none) to 10 (the worst).",
    "saved_here": "Saved on this device only, in this browser: nobody else can see it.",
    "quiz_question": "Have you done the screening quiz? It checks for the warning signs that "
    "mean this routine is not for you, and takes a few minutes.",
    "quiz_link": "Do the screening quiz first",
    "history_title": "Your sessions on this device",
    "history_where": "Kept in this browser on this device only: not on the server, and nobody "
    "else can see them. Download them to show your physiotherapist, or delete them.",
    "history_download": "Download my sessions (CSV)",
    "history_delete": "Delete my sessions",
    "history_delete_sure": "Yes, delete all my sessions",
    # {error} is lowback.progress's RecordError, as the page's mirror of it words it.
    "history_unreadable": "Your saved sessions could not be read ({error}). You can delete them "
    "and start afresh.",
    "quiz_done": "I have done the quiz",
    "quiz_forget": "Forget my answer",
    # {date} is the record's date, as the reader's browser writes dates.
    "quiz_kept": "Kept in this browser: your quiz result of {date}, that the routine may help. "
    f"This page trusts it for {TRUST_DAYS} days from that date, then asks again.",
    "quiz_kept_unused": "This browser keeps a quiz result this page cannot go by (it is more than "
    f"{TRUST_DAYS} days old, from an older quiz, or did not say the routine may help), so it "
    "asks about the quiz again.",
    "quiz_forgotten": "Done: this browser no longer keeps a quiz result.",
}
#: The check before every Start, in words.
SINCE_QUIZ_WORDS = {
    "title": "Since your quiz (or since your physiotherapist saw you), has anything new started?",
    "hint": "Tick any that have started, or None of these. Start works once you have answered.",
    "none": "None of these",
    # TODO(lead): the reader's region, once the routine page asks for it (DESIGN.md, "Regions").
    "emergency": f"Do not start the routine. {find_region(None).go_now}.",
    "urgent": f"Do not start the routine. {find_region(None).same_day}.",
    "unanswered": "First answer the question above the timer: has anything new started since "
    "your quiz?",
    "not_today": "Not today: follow the advice in the box above the timer.",
}
TIMER_CSS = """
.lowback-timer .lowback-settings { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.5rem 1rem; }
.lowback-timer .lowback-caption { font-size: 1rem; color: #1a1a1a; }
.lowback-view.lowback-timer { max-width: 60rem; }
/* ipywidgets boxes scroll their overflow, and Chromium puts a scrolling box in the Tab order:
   these boxes never need to scroll, so they stay out of the reader's way. */
.lowback-timer .widget-box { overflow: visible; }
"""


# --------------------------------------------------------------------------------------------
# Pure: what the screen says
# --------------------------------------------------------------------------------------------


def format_seconds_left(seconds: float) -> str:
    """A countdown's whole seconds, rounded up so "0" only shows when time is up: "3 s",
    "1:05" from a minute on."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60}:{whole % 60:02d}"


def _format_held(seconds: float) -> str:
    whole = int(seconds)  # a hold counts up: a second counts once it is complete
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class TimerDisplay:
    """Everything the timer shows at one moment, in words."""

    title: str  # the large phase name
    time_text: str  # time left, or time held
    rep_text: str
    cue: str  # what to do, one sentence
    progress: float  # 0..1 through the timed part of the routine
    frame: str  # which picture, from lowback.drawing.catalogue.FRAMES
    pause_label: str  # "Pause" or "Resume"
    can_finish_hold: bool  # the "I can't hold any longer" button is live
    best_text: str  # best hold this session, or ""


def describe(
    status: TimerStatus, routine: Routine, best_hold_s: float | None = None
) -> TimerDisplay:
    """The words for `status` of a timer over build_schedule(routine)."""
    schedule = build_schedule(routine)
    timed_s = schedule[-1].start_s  # the final hold starts when the timed part ends
    best_text = (
        "" if best_hold_s is None else f"Best hold this session: {_format_held(best_hold_s)}"
    )
    pause_label = "Resume" if status.paused else "Pause"
    phase = status.phase
    if phase is None:
        return TimerDisplay(
            title=WORDS["ready_title"],
            time_text=WORDS["ready_time"],
            rep_text=f"{routine.reps} repetitions, then a rest and one long hold",
            cue=schedule[0].cue,
            progress=0.0,
            frame=frame_for_phase(None),
            pause_label=pause_label,
            can_finish_hold=False,
            best_text=best_text,
        )
    if status.done:
        held = status.hold_s or 0.0
        return TimerDisplay(
            title=WORDS["done_title"],
            time_text=f"{WORDS['done_time']} {_format_held(held)}",
            rep_text=WORDS["done_rep"],
            cue=WORDS["done_cue"],
            progress=1.0,
            frame=frame_for_phase("rest"),
            pause_label=pause_label,
            can_finish_hold=False,
            best_text=best_text,
        )
    title = phase_title(phase, routine)
    rep_text = _rep_text(phase, routine)
    if phase.kind == "final_hold":
        time_text = f"{WORDS['held']} {_format_held(status.hold_s or 0.0)}"
    else:
        time_text = f"{format_seconds_left(status.remaining_s or 0.0)} left"
    if status.paused:
        time_text += " (paused)"
    return TimerDisplay(
        title=title,
        time_text=time_text,
        rep_text=rep_text,
        cue=phase.cue,
        progress=1.0 if timed_s <= 0 else min(1.0, status.elapsed_s / timed_s),
        frame=frame_for_phase(phase.kind),
        pause_label=pause_label,
        can_finish_hold=phase.kind == "final_hold",
        best_text=best_text,
    )


def settings_message(field: str, error: ValueError) -> str:
    """Routine's ValueError for `field`, told with the setting's name on screen."""
    text = str(error)
    if text.startswith(field + " "):
        text = text[len(field) + 1 :]
    return f"{SETTING_LABELS.get(field, field)}: {text}. The previous value is kept."


def _rep_text(phase: Phase, routine: Routine) -> str:
    if phase.kind == "final_hold":
        return "The last long hold"
    if phase.kind == "lead_in":
        return f"Repetition 1 of {routine.reps} comes next"
    if phase.kind == "rest":
        return f"All {routine.reps} repetitions done" if routine.reps > 1 else "Repetition done"
    return f"Rep {phase.rep} of {routine.reps}"


def player_plan(routine: Routine) -> dict:
    """Everything the browser's player needs to play `routine`, as JSON-ready data: the
    schedule with each phase's words and picture, the cue times, and the fixed phrases."""
    schedule = build_schedule(routine)
    return {
        "routine": {"side": routine.side, "reps": routine.reps},
        "phases": [
            {
                "kind": phase.kind,
                "rep": phase.rep,
                "start_s": phase.start_s,
                "duration_s": phase.duration_s,
                "title": phase_title(phase, routine),
                "rep_text": _rep_text(phase, routine),
                "cue": phase.cue,
                "frame": frame_for_phase(phase.kind),
            }
            for phase in schedule
        ],
        "timed_s": schedule[-1].start_s,  # the final hold starts when the timed part ends
        "quiz_url": QUIZ,
        # Where the quiz's result is kept, and when the page may go by it.
        "quiz_record": browser_settings(),
        # Where the reader's own sessions are kept in this browser, and how many at most.
        "sessions": {"key": SESSIONS_KEY, "max": MAX_RECORDS},
        "since_quiz": since_quiz_plan(),
        "cues": [[at_s, kind] for at_s, kind in cue_times(schedule)],
        "words": WORDS
        | {
            "ready_rep": f"{routine.reps} repetitions, then a rest and one long hold",
            "ready_frame": frame_for_phase(None),
            "done_frame": frame_for_phase("rest"),
        },
    }


def since_quiz_plan(signs: Iterable[SinceQuizSign] | None = None) -> dict:
    """The check before every Start, for the page: the signs (lowback.screening's
    since_quiz_signs unless given), their advice and the numbers to call, all in words;
    lowback.quiz_record.since_quiz_verdict (mirrored in the page) decides."""
    signs = tuple(since_quiz_signs() if signs is None else signs)
    if any(sign.level not in SINCE_QUIZ_LEVELS for sign in signs):
        raise ValueError(f"a sign's level must be one of {', '.join(SINCE_QUIZ_LEVELS)}")
    return {
        "signs": [{"id": s.id, "words": s.words, "level": s.level} for s in signs],
        "calls": [{"number": number, "where": where} for number, where in EMERGENCY_NUMBERS],
        "words": dict(SINCE_QUIZ_WORDS),
    }


def _data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def frame_pictures(side: str) -> dict:
    """Each frame's picture for `side`, with its alt text and title, as the player shows it."""
    return {
        name: {
            "src": picture_src(frame_file_name(name, side)),
            "alt": FRAME_ALT_TEXT[name],
            "title": f"{FRAME_TITLES[name]}.",
        }
        for name in FRAMES
    }


def cue_sounds() -> dict:
    """Each cue tone's address: on the series' server, where the browser caches it (the player
    fetches each once, before it is needed); anywhere else, the WAV itself as a data URL."""
    prefix = sounds_url()
    if prefix:
        return {kind: f"{prefix}{kind}.wav" for kind in CUE_KINDS}
    return {kind: _data_url("audio/wav", cue_wav(kind)) for kind in CUE_KINDS}


# --------------------------------------------------------------------------------------------
# The widget
# --------------------------------------------------------------------------------------------


class RoutineTimer(ShownWhenRun, widgets.VBox):
    """Guides the side-lying routine: settings here, and the player that runs in the page."""

    def __init__(self, routine: Routine = DEFAULT_ROUTINE) -> None:
        self._routine = routine
        self._status = replay(build_schedule(routine), (), 0.0)
        self._best_hold_s: float | None = None
        self._reverting = False
        self.failsafe = FailSafe("routine timer")

        # -- settings --
        self.side = stacked(
            widgets.Dropdown(
                options=SIDE_OPTIONS, value=routine.side, description=SETTING_LABELS["side"]
            )
        )
        self.reps = stacked(widgets.IntText(value=routine.reps, description=SETTING_LABELS["reps"]))
        self.seconds = {
            name: stacked(
                widgets.FloatText(value=getattr(routine, name), description=SETTING_LABELS[name])
            )
            for name in ("hold_s", "rest_s", "lift_s", "lower_s", "lead_in_s")
        }
        self._settings = {"side": self.side, "reps": self.reps, **self.seconds}
        for name, control in self._settings.items():
            control.observe(
                self.failsafe(lambda change, name=name: self._on_setting(name, change)), "value"
            )
            control.layout.width = "auto"
        settings_grid = widgets.Box(list(self._settings.values()))
        settings_grid.add_class("lowback-settings")
        self.settings_note = widgets.HTML("")
        self.prescribed = widgets.HTML("")  # what a physiotherapist's link set, or why not
        self._query_read = False
        self._prescription = DEFAULT_PRESCRIPTION  # times a day and note come from a link
        self._applying_link = False
        #: Whose settings these are (lowback.signed_link): "own" until a link says otherwise.
        self.origin = "own"
        self.link_key = link_key_from_environment()
        self.handout_button = make_handout_button()
        self.handout_button.on_click(self.failsafe(self._on_handout))
        self.handout = widgets.HTML("")

        # -- the player, in the page --
        self.player = RoutinePlayer(
            plan=player_plan(routine), pictures=frame_pictures(routine.side), sounds=cue_sounds()
        )
        self.player.observe(self.failsafe(self._on_events), names=["events", "now_s"])
        self.player.observe(self.failsafe(self._on_pain), names=["pain_before", "pain_after"])
        self.player.observe(self.failsafe(self._on_query), names="query")

        super().__init__(
            [
                series_style(),
                widgets.HTML(f"<style>{TIMER_CSS}</style>"),
                ViewHelper(),
                self.failsafe.notice,
                widgets.HTML(STOP_RULES_HTML),
                widgets.HTML("<h3>Settings</h3>"),
                self.prescribed,
                settings_grid,
                self.settings_note,
                widgets.HTML("<h3>Timer</h3>"),
                widgets.HTML(
                    "<p>Rate the pain at the spot just before you start: 0 is no pain, 10 the "
                    "worst you can imagine. Start fills the screen with the timer; a minute "
                    "after the last hold it asks for your pain again.</p>"
                ),
                self.player,
                widgets.HTML(f'<p class="lowback-caption">{escape(KEYBOARD_HELP)}</p>'),
                widgets.HTML("<h3>A handout to print</h3>"),
                widgets.HTML(
                    "<p>The routine on paper, with these settings: the steps with their "
                    "pictures, when to stop, and a link back to this page.</p>"
                ),
                self.handout_button,
                self.handout,
            ]
        )
        self.add_class("lowback-view")
        self.add_class("lowback-timer")

    def placeholder(self) -> Placeholder:
        r = self._routine
        return Placeholder(
            "Routine timer",
            "use it",
            ROUTINE,
            f"A guided timer for the routine on the {r.side} side: {r.reps} repetitions, "
            f"{r.hold_s:g} s hold, {r.rest_s:g} s rest, then one long hold.",
        )

    @property
    def routine(self) -> Routine:
        return self._routine

    @property
    def best_hold_s(self) -> float | None:
        """The longest final hold the page has reported since this view was made."""
        return self._best_hold_s

    def status(self) -> TimerStatus:
        """Where the reader was when the page last reported, replayed from its events."""
        return self._status

    # -- what the page reports ---------------------------------------------------------------

    def _on_events(self, _change: dict) -> None:
        events, now_s = check_events(self.player.events, self.player.now_s)
        status = replay(build_schedule(self._routine), events, now_s)
        self._status = status
        held = status.hold_s if status.done else None
        if held is not None and (self._best_hold_s is None or held > self._best_hold_s):
            self._best_hold_s = held
            self.player.best_text = f"Best hold this session: {_format_held(held)}"
        locked = status.started and not status.done
        for control in self._settings.values():
            control.disabled = locked

    def _on_query(self, _change: dict) -> None:
        """A physiotherapist's link: its settings go into the boxes, once, before Start; a
        link that cannot be read says which setting is wrong and the tip's own settings stay."""
        if self._query_read or self._status.started:
            return
        self._query_read = True
        try:
            reading = read_link(self.player.query, self.link_key)
        except ValueError as error:
            self.prescribed.value = (
                '<div class="lowback-panel lowback-panel--urgent" role="alert">'
                "<strong>The settings in this link could not be used.</strong> "
                f"{escape(str(error))}. The tip's usual settings are shown instead; ask whoever "
                "sent the link to check it.</div>"
            )
            return
        prescription = reading.prescription
        routine = prescription.routine()
        self._prescription = prescription
        self._applying_link = True
        try:
            for name, control in self._settings.items():
                control.value = getattr(routine, name)
        finally:
            self._applying_link = False
        self.origin = reading.origin
        # A physiotherapist who signed the link has seen the reader: it stands in for "have you
        # done the quiz?" (the check before every Start still asks what is new since).
        self.player.physio_link = reading.origin == "physio"
        self._show_origin()

    def _show_origin(self) -> None:
        """Whose settings these are, in the banner: only a signed, unedited link says "From your
        physiotherapist" (lowback.signed_link)."""
        p = self._prescription
        if self.origin == "own":
            self.prescribed.value = (
                '<div class="lowback-panel" role="status"><p><strong>Your settings:</strong> you '
                "changed the plan from the link, so it is yours now.</p></div>"
                if p != DEFAULT_PRESCRIPTION
                else ""
            )
            return
        words = ORIGIN_WORDS[self.origin]
        note = f"<p><strong>{escape(words.note)}:</strong> {escape(p.note)}</p>" if p.note else ""
        tone = "routine_may_help" if self.origin == "physio" else "see_clinician"
        ignored = ignored_parameters(self.player.query)
        tracking = (
            f"<p>Ignored: {escape(', '.join(ignored))}, added by the app the link was shared "
            "through.</p>"
            if ignored
            else ""
        )
        self.prescribed.value = (
            f'<div class="lowback-panel lowback-panel--{tone}" role="status">'
            f"<p><strong>{escape(words.banner)}:</strong> "
            f"{escape(dosage_summary(p))}. You can still change them below.</p>"
            f"{note}{tracking}</div>"
        )

    def _on_handout(self, _button: widgets.Button | None = None) -> None:
        """The printable handout for the settings on screen, as a download link."""
        r = self._routine
        prescription = Prescription(
            side=r.side,
            reps=r.reps,
            hold_s=r.hold_s,
            rest_s=r.rest_s,
            lift_s=r.lift_s,
            lower_s=r.lower_s,
            lead_in_s=r.lead_in_s,
            times_per_day=self._prescription.times_per_day,
            note=self._prescription.note,
        )
        link = None
        page_url = self.player.page_url
        if is_page_address(page_url):
            try:
                link = routine_link(prescription, page_url)
            except ValueError:
                link = None  # an address the page cannot vouch for: the handout goes without
        file_name = f"back-routine-{r.side}-{r.reps}.pdf"
        self.handout.value = handout_link_html(prescription, link, file_name, self.origin)

    def _on_pain(self, _change: dict) -> None:
        before, after = self.player.pain_before, self.player.pain_after
        if before is None or after is None:
            self.player.pain_message = {}
            return
        result = interpret_pain_change(before, after)  # refuses anything but 0..10
        tone = "emergency" if result.stop else "routine_may_help" if result.meaningful else ""
        self.player.pain_message = {"text": result.message, "tone": tone}

    # -- settings ------------------------------------------------------------------------------

    def _on_setting(self, field: str, change: dict) -> None:
        if self._reverting:
            return
        control = change["owner"]
        values = {name: c.value for name, c in self._settings.items()}
        try:
            if self._status.started and not self._status.done:
                # The boxes are disabled meanwhile; this only guards a change made in code.
                raise ValueError(f"{field} cannot change while the routine runs; press Reset")
            routine = Routine(**values)
        except ValueError as error:
            note = escape(settings_message(field, error))
            self.settings_note.value = f'<p class="lowback-note" role="alert">{note}</p>'
            self._reverting = True
            try:
                control.value = change["old"]
            finally:
                self._reverting = False
            return
        self.settings_note.value = ""
        if not self._applying_link and self.origin != "own" and routine != self._routine:
            self.origin = "own"  # the reader changed the plan: no longer the link's
            self._show_origin()
        side_changed = routine.side != self._routine.side
        self._routine = routine
        self.player.plan = player_plan(routine)
        if side_changed:
            self.player.pictures = frame_pictures(routine.side)
