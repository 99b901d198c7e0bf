"""The routine timer: settings, a big phase name, time left, cue tones, the picture, pain scores.

No rule lives here. The view builds a `Routine` (which checks the settings), walks the schedule
with the pure `lowback.timer.RoutineTimer`, asks `lowback.sound.cues_due` which tones are due,
`lowback.drawing.catalogue.frame_for_phase` which picture to show, and
`lowback.pain.interpret_pain_change` what the pain scores mean. `describe()` turns a timer
status into the words on screen; it is pure too, so every screen can be tested without a
browser.

Time and the kernel: nothing runs until the reader clicks Start. The click creates one asyncio
task on the kernel's running event loop; it calls `update()` ten times a second until the
routine is done or reset, and every widget change it makes travels to the browser like any
other. A second click on Start while that task is alive only says so. Running the notebook
(nbval, nbconvert, a Voila kernel that is warmed up before any visitor arrives) builds the
widget and starts nothing.

Keyboard: every control is a native button, input, select or checkbox with a visible label, so
Tab reaches each one and Space or Enter presses a button. ipywidgets has no key handler, so
Space is not a page-wide shortcut; instead a click on Start moves the keyboard focus to the
Pause button (ipywidgets' `focus()`). From then on Space pauses, and the same button, now named
"Resume", resumes on the next Space. The focus only moves in answer to the reader's own Start.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets

from lowback.drawing.catalogue import FRAMES, frame_for_phase
from lowback.drawing.pictures import frame_html
from lowback.pain import PAIN_MAX, PAIN_MIN, interpret_pain_change
from lowback.routine import DEFAULT_ROUTINE, Routine, build_schedule, phase_title
from lowback.sound import cue_wav, cues_due
from lowback.timer import RoutineTimer as TimerCore
from lowback.timer import TimerStatus
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.style import series_style, stacked

__all__ = [
    "SETTING_LABELS",
    "TICK_S",
    "next_wake_s",
    "RoutineTimer",
    "TimerDisplay",
    "describe",
    "format_seconds_left",
    "settings_message",
]

# Ten updates a second: the seconds shown never lag by more than a tenth, and a phase change
# reaches the screen well within the 0.2 s the series promises.
TICK_S = 0.1
# Wake this long after a phase boundary, so the new phase is already due when we look.
WAKE_MARGIN_S = 0.002


def next_wake_s(tick_s: float, next_change_s: float | None) -> float:
    """How long the ticking task sleeps: one tick, or less when a phase ends sooner, so a new
    phase shows when it is due rather than up to a tick late."""
    if next_change_s is None:
        return tick_s
    return min(tick_s, next_change_s + WAKE_MARGIN_S)


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
# A visible "not given" choice: ipywidgets shows an empty box for a value of None.
NOT_GIVEN = ""
PAIN_OPTIONS = (
    ("Choose a number", NOT_GIVEN),
    ("0: no pain", 0),
    *((str(n), n) for n in range(1, 10)),
    ("10: worst pain you can imagine", 10),
)
STOP_RULES_HTML = (
    '<div class="lowback-panel lowback-panel--emergency">'
    "<strong>Stop at once</strong> if pain shoots down your leg, your leg tingles or goes "
    "numb, or the pain gets worse, and see a GP or physiotherapist before you try again.</div>"
)
KEYBOARD_HELP = (
    "Keyboard: press Tab to move between controls and Space or Enter to press a button. "
    "After Start, the Pause button has the focus, so Space pauses and Space again resumes."
)
TIMER_CSS = """
.lowback-timer .lowback-phase { font-size: 3rem; font-weight: 700; line-height: 1.15;
  color: #1a1a1a; margin: 0.25rem 0; }
.lowback-timer .lowback-time { font-size: 2.25rem; font-weight: 700; color: #1a1a1a; }
.lowback-timer .lowback-rep { font-size: 1.4rem; color: #1a1a1a; }
.lowback-timer .lowback-cue { font-size: 1.15rem; color: #1a1a1a; }
.lowback-timer .lowback-best { font-size: 1.15rem; color: #1a1a1a; }
.lowback-timer .lowback-display { border: 3px solid #0072B2; border-radius: 0.5rem;
  padding: 0.5rem 1rem; margin: 0.5rem 0; background: #ffffff; }
.lowback-timer .lowback-buttons { flex-wrap: wrap; gap: 0.5rem; height: auto; }
.lowback-timer .lowback-buttons .jupyter-button { font-size: 1.2rem; height: 3rem;
  min-width: 8rem; margin: 0; }
.lowback-timer .lowback-settings { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.5rem 1rem; }
.lowback-timer .lowback-caption { font-size: 0.95rem; color: #1a1a1a; }
.lowback-view.lowback-timer { max-width: 76rem; }
/* ipywidgets boxes scroll their overflow, and Chromium puts a scrolling box in the Tab order:
   these boxes never need to scroll, so they stay out of the reader's way. */
.lowback-timer .widget-box { overflow: visible; }
.lowback-timer .lowback-timer-row { flex-flow: row wrap; gap: 1rem; align-items: flex-start; }
.lowback-timer .lowback-controls { flex: 1 1 24rem; min-width: 0; }
.lowback-timer .lowback-pictures { flex: 1 1 28rem; min-width: 0; }
.lowback-timer .lowback-pictures .widget-html { width: 100%; }
.lowback-timer .lowback-pictures figure { margin: 0; }
.lowback-timer .progress { height: 1rem; }
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
            title="Ready",
            time_text="Press Start",
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
            title="Well done",
            time_text=f"You held for {_format_held(held)}",
            rep_text="Routine complete",
            cue="Lower the leg slowly, then stand up slowly. Rate your pain below.",
            progress=1.0,
            frame=frame_for_phase("rest"),
            pause_label=pause_label,
            can_finish_hold=False,
            best_text=best_text,
        )
    title = phase_title(phase, routine)
    if phase.kind == "final_hold":
        time_text = f"Held {_format_held(status.hold_s or 0.0)}"
        rep_text = "The last long hold"
    else:
        time_text = f"{format_seconds_left(status.remaining_s or 0.0)} left"
        if phase.kind == "lead_in":
            rep_text = f"Repetition 1 of {routine.reps} comes next"
        elif phase.kind == "rest":
            rep_text = (
                f"All {routine.reps} repetitions done" if routine.reps > 1 else "Repetition done"
            )
        else:
            rep_text = f"Rep {phase.rep} of {routine.reps}"
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


# --------------------------------------------------------------------------------------------
# The widget
# --------------------------------------------------------------------------------------------


def _html(css_class: str, text: str) -> str:
    return f'<div class="{css_class}">{escape(text)}</div>'


class RoutineTimer(widgets.VBox):
    """Guides the side-lying routine: settings, phases, cue tones, picture and pain scores.

    `clock` gives seconds (time.monotonic in use; a fake in tests). `update()` redraws from
    the clock; the task started by Start calls it every `tick_s` seconds.
    """

    def __init__(
        self,
        routine: Routine = DEFAULT_ROUTINE,
        *,
        clock: Callable[[], float] = time.monotonic,
        tick_s: float = TICK_S,
    ) -> None:
        self._clock = clock
        self.tick_s = tick_s
        self._routine = routine
        self._timer = TimerCore(build_schedule(routine), clock=clock)
        self._task: asyncio.Task | None = None
        self._last_elapsed_s = 0.0
        self._best_hold_s: float | None = None
        self._frame: str | None = None
        self._side_drawn: str | None = None
        self._reverting = False
        self.cues_played: list[str] = []  # every cue sounded, oldest first (tests read it)

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
        self.failsafe = FailSafe("routine timer")
        for name, control in self._settings.items():
            control.observe(
                self.failsafe(lambda change, name=name: self._on_setting(name, change)), "value"
            )
            control.layout.width = "auto"
        settings_grid = widgets.Box(list(self._settings.values()))
        settings_grid.add_class("lowback-settings")
        self.settings_note = widgets.HTML("")

        # -- display --
        self.phase_name = widgets.HTML()
        self.time_left = widgets.HTML()
        self.rep_count = widgets.HTML()
        self.cue_text = widgets.HTML()
        self.best_hold = widgets.HTML()
        self.progress = widgets.FloatProgress(value=0.0, min=0.0, max=1.0, description="Progress")
        self.progress.layout.width = "100%"
        display = widgets.VBox(
            [
                self.phase_name,
                self.time_left,
                self.rep_count,
                self.progress,
                self.cue_text,
                self.best_hold,
            ]
        )
        display.add_class("lowback-display")

        # -- controls --
        self.start_button = widgets.Button(description="Start", button_style="primary")
        self.pause_button = widgets.Button(description="Pause")
        self.finish_button = widgets.Button(description="I can't hold any longer")
        self.reset_button = widgets.Button(description="Reset")
        self.start_button.on_click(self.failsafe(self._on_start))
        self.pause_button.on_click(self.failsafe(self._on_pause))
        self.finish_button.on_click(self.failsafe(self._on_finish_hold))
        self.reset_button.on_click(self.failsafe(self._on_reset))
        buttons = widgets.HBox(
            [self.start_button, self.pause_button, self.finish_button, self.reset_button]
        )
        buttons.add_class("lowback-buttons")
        for button in buttons.children:
            button.layout.width = "auto"
        self.mute = widgets.Checkbox(value=False, description="Mute sounds", indent=False)
        self.mute.observe(self.failsafe(self._on_mute), names="value")
        self.message = widgets.HTML("")
        self.sound = widgets.Box([])  # holds the one cue tone playing, if any

        # -- picture: one per frame, sent once; a phase change only shows another --
        self.pictures = {name: widgets.HTML() for name in FRAMES}
        pictures = widgets.Box(list(self.pictures.values()))
        pictures.add_class("lowback-pictures")
        # The buttons above the display, so they stay put when a long phase name wraps; the
        # picture beside them where the screen is wide enough.
        controls = widgets.VBox(
            [
                buttons,
                self.mute,
                self.message,
                display,
                widgets.HTML(f'<p class="lowback-caption">{escape(KEYBOARD_HELP)}</p>'),
            ]
        )
        controls.add_class("lowback-controls")
        timer_row = widgets.Box([controls, pictures])
        timer_row.add_class("lowback-timer-row")

        # -- pain --
        self.pain_before = stacked(
            widgets.Dropdown(
                options=PAIN_OPTIONS, value=NOT_GIVEN, description="Pain before, 0 to 10"
            )
        )
        self.pain_after = stacked(
            widgets.Dropdown(
                options=PAIN_OPTIONS, value=NOT_GIVEN, description="Pain after, 0 to 10"
            )
        )
        for control in (self.pain_before, self.pain_after):
            control.layout.width = "auto"
            control.observe(self.failsafe(self._on_pain), names="value")
        pain_grid = widgets.Box([self.pain_before, self.pain_after])
        pain_grid.add_class("lowback-settings")
        self.pain_result = widgets.HTML("")

        super().__init__(
            [
                series_style(),
                widgets.HTML(f"<style>{TIMER_CSS}</style>"),
                self.failsafe.notice,
                widgets.HTML(STOP_RULES_HTML),
                widgets.HTML("<h3>Settings</h3>"),
                settings_grid,
                self.settings_note,
                widgets.HTML("<h3>Timer</h3>"),
                timer_row,
                self.sound,
                widgets.HTML(f"<h3>Your pain, {PAIN_MIN} to {PAIN_MAX}</h3>"),
                widgets.HTML(
                    "<p>Rate the pain at the spot just before you start and again a minute "
                    "after the last hold: 0 is no pain, 10 the worst you can imagine.</p>"
                ),
                pain_grid,
                self.pain_result,
            ]
        )
        self.add_class("lowback-view")
        self.add_class("lowback-timer")
        self.update()

    def __repr__(self) -> str:
        r = self._routine
        return (
            f"A guided timer for the routine on the {r.side} side: {r.reps} repetitions, "
            f"{r.hold_s:g} s hold, {r.rest_s:g} s rest, then one long hold. "
            "It works when the notebook runs in JupyterLab or Voila."
        )

    # -- what the reader sees ------------------------------------------------------------------

    @property
    def routine(self) -> Routine:
        return self._routine

    @property
    def running_task(self) -> asyncio.Task | None:
        """The task updating the display, while it is alive."""
        task = self._task
        return task if task is not None and not task.done() else None

    def update(self) -> None:
        """Redraw from the clock and sound any cue that came due since the last update."""
        status = self._timer.status()
        if status.started:
            due = cues_due(self._timer.schedule, self._last_elapsed_s, status.elapsed_s)
            self._last_elapsed_s = status.elapsed_s
            if due:
                self._play(due[-1])  # after a stall, only the newest cue is worth hearing
        if status.done and status.hold_s is not None:
            best = self._best_hold_s
            if best is None or status.hold_s > best:
                self._best_hold_s = status.hold_s
        shown = describe(status, self._routine, self._best_hold_s)
        self.phase_name.value = _html("lowback-phase", shown.title)
        self.time_left.value = _html("lowback-time", shown.time_text)
        self.rep_count.value = _html("lowback-rep", shown.rep_text)
        self.cue_text.value = _html("lowback-cue", shown.cue)
        self.best_hold.value = _html("lowback-best", shown.best_text) if shown.best_text else ""
        self.progress.value = shown.progress
        self.pause_button.description = shown.pause_label
        self.finish_button.disabled = not shown.can_finish_hold
        locked = status.started and not status.done
        for control in self._settings.values():
            control.disabled = locked
        self._show_frame(shown.frame)

    def _show_frame(self, frame: str) -> None:
        side = self._routine.side
        if self._side_drawn != side:
            # ipywidgets.Image draws an <img> that cannot carry alt text; an HTML <img> can.
            for name, picture in self.pictures.items():
                picture.value = frame_html(name, side, full_caption=False)
            self._side_drawn = side
        if frame == self._frame:
            return
        self._frame = frame
        for name, picture in self.pictures.items():
            picture.layout.display = None if name == frame else "none"

    @property
    def frame(self) -> str | None:
        """The name of the picture on show."""
        return self._frame

    def _say(self, text: str) -> None:
        self.message.value = (
            f'<p class="lowback-note" role="status">{escape(text)}</p>' if text else ""
        )

    # -- sound -------------------------------------------------------------------------------

    def _play(self, kind: str) -> None:
        if self.mute.value:
            return
        self.cues_played.append(kind)
        # A new element for every cue: the same tone twice (the countdown ticks) must sound
        # twice, and a changed value on one element would not restart it.
        tone = widgets.Audio(
            value=cue_wav(kind), format="wav", autoplay=True, loop=False, controls=False
        )
        tone.add_class("lowback-cue-tone")
        self._silence()
        self.sound.children = (tone,)

    def _silence(self) -> None:
        old = self.sound.children
        self.sound.children = ()
        for tone in old:
            tone.close()

    def _on_mute(self, change: dict) -> None:
        if change["new"]:
            self._silence()

    # -- buttons -------------------------------------------------------------------------------

    def _on_start(self, _button: widgets.Button | None = None) -> None:
        if self.running_task is not None:
            self._say("The timer is already running. Use Pause, or Reset to begin again.")
            return
        if self._timer.status().done:
            self._timer.reset()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._say("The timer needs a running notebook kernel: open this page in Voila.")
            return
        self._timer.start()
        self._last_elapsed_s = 0.0
        self._say("")
        self.update()
        self._task = loop.create_task(self._run())
        # Space now pauses and resumes: the focused button takes it.
        self.pause_button.focus()

    async def _run(self) -> None:
        update = self.failsafe(self.update)
        try:
            while True:
                update()
                # Done, failed, or the widget was closed (its cell run again, say): stop.
                if self._timer.status().done or self.failsafe.failed or self.comm is None:
                    return
                await asyncio.sleep(next_wake_s(self.tick_s, self._timer.next_change_in_s()))
        finally:
            if self._task is asyncio.current_task():
                self._task = None

    def _on_pause(self, _button: widgets.Button | None = None) -> None:
        status = self._timer.status()
        if status.paused:
            self._timer.resume()
            self._say("")
        elif status.running:
            self._timer.pause()
            self._say("Paused. Press Resume (or Space) to carry on.")
        elif status.done:
            self._say("The routine is finished. Press Start to do it again.")
        else:
            self._say("Press Start first.")
        self.update()

    def _on_finish_hold(self, _button: widgets.Button | None = None) -> None:
        if self._timer.finish_hold():
            self._say("")
        else:
            self._say("This button is for the last long hold, after the rest.")
        self.update()

    def _on_reset(self, _button: widgets.Button | None = None) -> None:
        task = self._task
        self._task = None
        if task is not None and not task.done():
            task.cancel()
        self._timer.reset()
        self._last_elapsed_s = 0.0
        self._silence()
        self._say("Reset. Press Start when you are ready.")
        self.update()

    # -- settings and pain ---------------------------------------------------------------------

    def _on_setting(self, field: str, change: dict) -> None:
        if self._reverting:
            return
        control = change["owner"]
        status = self._timer.status()
        values = {name: c.value for name, c in self._settings.items()}
        try:
            if status.started and not status.done:
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
        self._routine = routine
        self._timer = TimerCore(build_schedule(routine), clock=self._clock)
        self._last_elapsed_s = 0.0
        self.update()

    def _on_pain(self, _change: dict | None = None) -> None:
        before, after = self.pain_before.value, self.pain_after.value
        if before == NOT_GIVEN or after == NOT_GIVEN:
            self.pain_result.value = ""
            return
        result = interpret_pain_change(before, after)
        tone = "emergency" if result.stop else "routine_may_help" if result.meaningful else ""
        panel_class = f"lowback-panel lowback-panel--{tone}" if tone else "lowback-panel"
        role = "alert" if result.stop else "status"
        self.pain_result.value = (
            f'<div class="{panel_class}" role="{role}">{escape(result.message)}</div>'
        )
