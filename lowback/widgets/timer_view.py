"""The routine timer: settings in the kernel, the clock in the browser, the words from here.

No rule lives in the view. The settings build a `Routine` (which checks them);
`lowback.widgets.routine_plan.player_plan` turns it into everything the page shows, phase by
phase, in words, with the cue times from `lowback.sound`, the pictures from `lowback.drawing`
and the dosage as `lowback.plan` words it; the browser's player
(lowback.widgets.player.RoutinePlayer) plays that plan on its own clock, so a slow or dropped
connection never stalls a phase, a cue or the final hold. What the reader pressed comes back as
an event log, which the kernel checks and replays through the pure `lowback.timer.RoutineTimer`
(`lowback.timer.replay`) to know where the reader is, and when to lock the settings.

The final hold ends when the reader presses "Stop the hold" (it feels hard, about 7 out of 10,
or the form slips) or at the cap a physiotherapist's link may set (`final_hold_max_s`, 60 s by
default), whichever is first; it is shown as a hold time, never as a record to beat. The
lowering and the cap come from a link only: the boxes here are the reader's own settings.

Nothing runs in the kernel between presses: no task ticks, so a reader who starts the routine
and closes the tab leaves a kernel that is idle, and culled like any other.

Before Start, in this order (DESIGN.md, "The saved quiz result"), all decided in the page from the
plan, so it works offline: where the reader is, if neither the link nor this browser says (one
tap, remembered; it changes only the words of the advice); "have you done the quiz?", unless the
quiz's record in this browser is trusted (lowback.quiz_record.is_trusted, mirrored in the page) or
a signed physiotherapist's link stands in for it; "Since your quiz, has anything new started?", a
tick list of the emergency and same-day signs with "None of these" (`since_quiz_plan`): Start waits
for an answer, and a ticked sign shows its advice, in the reader's region's words, instead of
starting; the pain now; then the whole plan (side, reps, lift, hold, lower, rest, lowering and the
hold's cap) with Start. Start runs exactly the plan shown: the page holds it back, saying
"Updating the plan…", while a setting typed into a box, or the link, is still on its way to the
kernel and back (the plan carries the settings it was made from; the page compares them with the
boxes on screen).

Keyboard: every control is a native button, input, select or checkbox with a visible label, so
Tab reaches each one and Space or Enter presses a button. Start moves the keyboard focus to
Pause, so Space pauses, and the same button, now named "Resume", resumes on the next Space.
"""

from __future__ import annotations

import dataclasses
from html import escape

import ipywidgets as widgets

from lowback.pages import ROUTINE, is_page_address
from lowback.plan import build_plan
from lowback.prescription import (
    DEFAULT_PRESCRIPTION,
    Prescription,
    dosage_summary,
    ignored_parameters,
    routine_link,
)
from lowback.regions import REGION_IDS
from lowback.routine import DEFAULT_ROUTINE, Routine, build_schedule
from lowback.signed_link import ORIGIN_WORDS, read_link
from lowback.timer import TimerStatus, check_events, replay
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.handout_link import handout_link_html, make_handout_button
from lowback.widgets.placeholder import Placeholder, ShownWhenRun
from lowback.widgets.plan_view import plan_html
from lowback.widgets.player import RoutinePlayer
from lowback.widgets.prescription_view import link_key_from_environment
from lowback.widgets.routine_plan import (
    PLAN_SETTINGS,
    SETTING_LABELS,
    SIDE_OPTIONS,
    SINCE_QUIZ_WORDS,
    WORDS,
    TimerDisplay,
    cue_sounds,
    describe,
    format_seconds_left,
    frame_pictures,
    player_plan,
    settings_message,
    since_quiz_plan,
)
from lowback.widgets.style import series_style, stacked
from lowback.widgets.view_helper import ViewHelper

__all__ = [
    "JUMP_WORDS",
    "SETTING_LABELS",
    "SINCE_QUIZ_WORDS",
    "START_ID",
    "WORDS",
    "PlanBanner",
    "RoutineTimer",
    "TimerDisplay",
    "cue_sounds",
    "describe",
    "format_seconds_left",
    "frame_pictures",
    "player_plan",
    "settings_message",
    "since_quiz_plan",
]

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
#: The id of the place right above the checks before Start: where the banner's jump lands.
START_ID = "lowback-before-start"
JUMP_WORDS = "Go to the checks and Start"
TIMER_CSS = """
.lowback-timer .lowback-whole-plan > summary { min-height: 44px; padding: 0.5rem 0;
  box-sizing: border-box; font-weight: 700; font-size: 1.1rem; cursor: pointer; }
.lowback-timer .lowback-settings { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.5rem 1rem; }
.lowback-timer .lowback-caption { font-size: 1rem; color: #1a1a1a; }
.lowback-view.lowback-timer { max-width: 60rem; }
.lowback-timer h3[id] { scroll-margin-top: 0.75rem; }
/* ipywidgets boxes scroll their overflow, and Chromium puts a scrolling box in the Tab order:
   these boxes never need to scroll, so they stay out of the reader's way. */
.lowback-timer .widget-box { overflow: visible; }
"""
#: The banner at the top of the page (RoutineTimer.banner): a link's plan, its note and a jump.
BANNER_CSS = """
.lowback-plan-banner .lowback-panel { margin-top: 0.25rem; font-size: 1rem; line-height: 1.5;
  overflow-wrap: anywhere; }
.lowback-plan-banner .lowback-panel p { margin: 0 0 0.5rem; font-size: 1rem; line-height: 1.5; }
.lowback-plan-banner .lowback-panel p:last-child { margin-bottom: 0; }
.lowback-plan-banner a.lowback-jump { display: inline-flex; align-items: center;
  box-sizing: border-box; min-height: 48px; padding: 0.4rem 1rem; border-radius: 0.4rem;
  background: #0550ae; color: #ffffff; font-weight: 700; font-size: 1.05rem;
  text-decoration: none; }
.lowback-plan-banner a.lowback-jump:focus-visible { outline: 3px solid #1a1a1a;
  outline-offset: 2px; }
"""


# --------------------------------------------------------------------------------------------
# The widgets
# --------------------------------------------------------------------------------------------


def _jump() -> str:
    return f'<p><a class="lowback-jump" href="#{START_ID}">{escape(JUMP_WORDS)}</a></p>'


class PlanBanner(ShownWhenRun, widgets.VBox):
    """The top of the routine page (issue 24, item 3): the plan a link carries, whose it is, its
    note and a jump to the checks before Start; hidden when the page was opened without a link.
    Shown in its own cell right under the page's title; its words come from the RoutineTimer
    that owns it (`RoutineTimer.banner`), which reads the link."""

    def __init__(self, content: widgets.HTML) -> None:
        super().__init__([widgets.HTML(f"<style>{BANNER_CSS}</style>"), content])
        self.add_class("lowback-plan-banner")
        self.layout.display = "none"

    def placeholder(self) -> Placeholder:
        return Placeholder(
            "Plan",
            "see the plan a link sets",
            ROUTINE,
            "The plan a physiotherapist's link carries, with a jump to the timer's Start.",
        )

    def show(self, shown: bool) -> None:
        self.layout.display = None if shown else "none"


class RoutineTimer(ShownWhenRun, widgets.VBox):
    """Guides the side-lying routine: settings here, and the player that runs in the page."""

    def __init__(self, routine: Routine = DEFAULT_ROUTINE) -> None:
        self._routine = routine
        self._status = replay(build_schedule(routine), (), 0.0)
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
            for name in PLAN_SETTINGS[2:]
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
        # What a link set, or why it could not be used: shown at the top of the page, in its own
        # cell (`self.banner`), with a jump to the checks before Start.
        self.prescribed = widgets.HTML("")
        self.banner = PlanBanner(self.prescribed)
        self._query_read = False
        # Whether the page's link has been read and its settings are in the plan sent: until
        # then a page opened with a link holds its Start back.
        self._link_read = False
        self._prescription = DEFAULT_PRESCRIPTION  # times a day and note come from a link
        self._applying_link = False
        #: Whose settings these are (lowback.signed_link): "own" until a link says otherwise.
        self.origin = "own"
        self.link_key = link_key_from_environment()
        self.handout_button = make_handout_button()
        self.handout_button.on_click(self.failsafe(self._on_handout))
        self.handout = widgets.HTML("")
        # The whole plan (how often, for how long, how to progress), folded under the handout:
        # the same words as the handout and page 04 (lowback.plan), for the settings on screen.
        self.whole_plan = widgets.HTML("")

        # -- the player, in the page --
        self.player = RoutinePlayer(
            plan=self._plan(),
            pictures=frame_pictures(routine.side),
            sounds=cue_sounds(),
            # The boxes on screen, which the page compares with the plan it holds.
            settings_ids={name: control.model_id for name, control in self._settings.items()},
        )
        self.player.observe(self.failsafe(self._on_events), names=["events", "now_s"])
        self.player.observe(self.failsafe(self._on_query), names="query")

        super().__init__(
            [
                series_style(),
                widgets.HTML(f"<style>{TIMER_CSS}</style>"),
                ViewHelper(),
                self.failsafe.notice,
                widgets.HTML(STOP_RULES_HTML),
                widgets.HTML("<h3>Settings</h3>"),
                settings_grid,
                self.settings_note,
                widgets.HTML(f'<h3 id="{START_ID}">Before you start</h3>'),
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
                self.whole_plan,
            ]
        )
        self.add_class("lowback-view")
        self.add_class("lowback-timer")
        self._show_whole_plan()

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
    def region(self) -> str | None:
        """Where the reader is (a lowback.regions id): the link's, else the one the page
        reports (the reader's choice, or this browser's memory of it); None if neither says."""
        reported = self.player.region
        return self._prescription.region or (reported if reported in REGION_IDS else None)

    def status(self) -> TimerStatus:
        """Where the reader was when the page last reported, replayed from its events."""
        return self._status

    # -- what the page reports ---------------------------------------------------------------

    def _on_events(self, _change: dict) -> None:
        events, now_s = check_events(self.player.events, self.player.now_s)
        status = replay(build_schedule(self._routine), events, now_s)
        self._status = status
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
                "<p><strong>The settings in this link could not be used.</strong> "
                f"{escape(str(error))}. The tip's usual settings are shown instead; ask whoever "
                f"sent the link to check it.</p>{_jump()}</div>"
            )
            self.banner.show(True)
            self._link_read = True
            self._send_plan()
            return
        prescription = reading.prescription
        routine = prescription.routine()
        before = self._routine
        self._prescription = prescription
        self.origin = reading.origin
        # The boxes take the link's settings one by one; the plan goes once, whole, after the
        # last, so the page never holds a plan made from some of them.
        self._applying_link = True
        try:
            self._routine = dataclasses.replace(
                self._routine, lowering=routine.lowering, final_hold_max_s=routine.final_hold_max_s
            )
            for name, control in self._settings.items():
                control.value = getattr(routine, name)
        finally:
            self._applying_link = False
        self._routine = routine
        self._link_read = True
        # A physiotherapist who signed the link has seen the reader: it stands in for "have you
        # done the quiz?" (the check before every Start still asks what is new since).
        self.player.physio_link = reading.origin == "physio"
        self._show_origin()
        self._send_plan(before.side)

    def _show_origin(self) -> None:
        """Whose settings these are, in the banner at the top of the page, with the plan, who
        set it, its note and a jump to Start: only a signed, unedited link says "From your
        physiotherapist" (lowback.signed_link). A page opened without a link shows no banner."""
        if hasattr(self, "whole_plan"):
            self._show_whole_plan()
        p = self._prescribed()
        if self.origin == "own" and self._prescription == DEFAULT_PRESCRIPTION:
            self.prescribed.value = ""
            self.banner.show(False)
            return
        words = ORIGIN_WORDS[self.origin]
        if self.origin == "own":
            # The reader's own changes: the boxes say the rest, and the link's name and note
            # no longer speak for these settings.
            self.prescribed.value = (
                '<div class="lowback-panel" role="status"><p><strong>Your settings:</strong> '
                "you changed the plan from the link, so it is yours now.</p>"
                f"{_jump()}</div>"
            )
            self.banner.show(True)
            return
        note = f"<p><strong>{escape(words.note)}:</strong> {escape(p.note)}</p>" if p.note else ""
        people = "".join(
            f"<p><strong>{escape(row.label)}:</strong> {escape(row.value)}</p>"
            for row in build_plan(p, origin=self.origin).people
        )
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
            f"<p><strong>{escape(words.banner)}:</strong> {escape(dosage_summary(p))}.</p>"
            f"{note}{_jump()}{people}"
            "<p>You can still change the settings further down the page.</p>"
            f"{tracking}</div>"
        )
        self.banner.show(True)

    def _on_handout(self, _button: widgets.Button | None = None) -> None:
        """The printable handout for the settings on screen, as a download link."""
        r = self._routine
        prescription = dataclasses.replace(self._prescribed(), region=self.region)
        link = None
        page_url = self.player.page_url
        if is_page_address(page_url):
            try:
                link = routine_link(prescription, page_url)
            except ValueError:
                link = None  # an address the page cannot vouch for: the handout goes without
        file_name = f"back-routine-{r.side}-{r.reps}.pdf"
        self.handout.value = handout_link_html(prescription, link, file_name, self.origin)

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
            # The lowering and the final hold's cap are not the reader's to change: a link's stay.
            routine = Routine(
                **values,
                lowering=self._routine.lowering,
                final_hold_max_s=self._routine.final_hold_max_s,
            )
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
        before = self._routine
        self._routine = routine
        if not self._applying_link:
            self._send_plan(before.side)

    # -- the plan the page plays -----------------------------------------------------------------

    def _prescribed(self) -> Prescription:
        """The settings on screen as a prescription, with the rest of the link's plan (how
        often, who set it, the note, the region it names)."""
        routine = self._routine
        fields = {f.name: getattr(routine, f.name) for f in dataclasses.fields(Routine)}
        return dataclasses.replace(self._prescription, **fields)

    def _plan(self) -> dict:
        return player_plan(
            self._routine, self._prescription, origin=self.origin, link_read=self._link_read
        )

    def _send_plan(self, side_before: str | None = None) -> None:
        # The pictures first: a plan never arrives before the pictures of its side.
        if side_before is not None and side_before != self._routine.side:
            self.player.pictures = frame_pictures(self._routine.side)
        self.player.plan = self._plan()
        self._show_whole_plan()

    def _show_whole_plan(self) -> None:
        plan = build_plan(
            dataclasses.replace(self._prescribed(), region=self.region), origin=self.origin
        )
        self.whole_plan.value = (
            '<details class="lowback-whole-plan"><summary>Your whole plan: how often, for how '
            "long, and how to make it harder or easier</summary>"
            f"{plan_html(plan)}</details>"
        )
