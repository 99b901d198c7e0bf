"""What the routine page's player is told: the plan of one routine, every word of it made here.

No rule lives in the page. `player_plan` turns a `Routine` (and the prescription around it: who
set it, its region) into JSON-ready data: the schedule with each phase's words and picture, the
cue times from `lowback.sound`, the dosage as lowback.plan words it (the same rows the handout
prints), the settings the plan was made from (so the page can tell a plan still on its way from
the one it holds), the check before Start, and every region's emergency words (so the page words
its advice for where the reader is, offline). `describe()` is the reference for the words the
page picks at each moment: the player's JavaScript (js/player_core.js) is tested against it.

The final hold is a hold time, never a record to beat: its clock counts up and shows the cap
("12 s, stop by 60"), and it ends when the reader stops it or at the cap.
"""

from __future__ import annotations

import base64
import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass

from lowback.drawing.catalogue import (
    FRAME_ALT_TEXT,
    FRAME_TITLES,
    FRAMES,
    frame_file_name,
    frame_for_phase,
    phone_frame_file_name,
)
from lowback.drawing.pictures import picture_src
from lowback.pages import QUIZ, SESSIONS_KEY, pictures_url, sounds_url
from lowback.plan import build_plan
from lowback.prescription import DEFAULT_PRESCRIPTION, Prescription
from lowback.progress import MAX_RECORDS
from lowback.quiz_record import SINCE_QUIZ_LEVELS, TRUST_DAYS, browser_settings
from lowback.regions import REGION_IDS, REGIONS
from lowback.regions import region as find_region
from lowback.routine import Phase, Routine, build_schedule, phase_title
from lowback.screening import SinceQuizSign, since_quiz_signs
from lowback.sound import CUE_KINDS, cue_times, cue_wav
from lowback.timer import TimerStatus
from lowback.widgets.page_helper import region_memory_settings
from lowback.widgets.pain_view import pain_plan
from lowback.widgets.quiz import EMERGENCY_NUMBERS

__all__ = [
    "PLAN_SETTINGS",
    "REGION_WORDS",
    "SETTING_LABELS",
    "SIDE_OPTIONS",
    "SINCE_QUIZ_WORDS",
    "WORDS",
    "TimerDisplay",
    "cue_sounds",
    "describe",
    "format_seconds_left",
    "frame_pictures",
    "player_plan",
    "region_advice",
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
#: The settings a reader can change on the page; the lowering and the final hold's cap come from
#: a physiotherapist's link only (DESIGN.md, "lowback.routine").
PLAN_SETTINGS = tuple(SETTING_LABELS)
SIDE_OPTIONS = (
    ("Right (lie on your left side)", "right"),
    ("Left (lie on your right side)", "left"),
)
#: Every fixed phrase the player shows; the phases' own words come with each phase.
WORDS = {
    "ready_title": "Ready",
    "ready_time": "Press Start",
    "done_title": "Well done",
    "done_time": "You held for",
    "done_rep": "Routine complete",
    "done_cue": "Lower the leg slowly, then stand up slowly.",
    "done_cue_cap": "Time is up. Lower the leg slowly, then stand up slowly.",
    # The button that ends the final hold, and its one job.
    "stop_hold": "Stop the hold",
    "already_running": "The timer is already running. Use Pause, or Reset to begin again.",
    "paused": "Paused. Press Resume (or Space) to carry on.",
    "finished": "The routine is finished. Press Start to do it again.",
    "press_start_first": "Press Start first.",
    "finish_only_in_hold": "This button is for the last long hold, after the rest.",
    "reset_done": "Reset. Press Start when you are ready.",
    # The whole plan, before Start; Start runs exactly what it shows.
    "plan_title": "Your plan",
    "plan_check": "Start runs exactly this plan. Check it, with your physiotherapist if you can.",
    "plan_updating": "Updating the plan…",
    "plan_slow": "Still updating the plan. Check your connection; if this does not clear, reload "
    "the page.",
    "plan_wait": "Wait a moment: the plan is being updated to the settings you changed.",
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
    "history_delete_cancel": "No, keep my sessions",
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
#: Where the reader is, asked once before Start when neither the link nor this browser says.
REGION_WORDS = {
    "question": "Where are you?",
    "why": "So we can show the emergency number that works where you are. This browser "
    "remembers your choice.",
    # {name} is the region's name (lowback.regions).
    "shown": "Where you are: {name}.",
    "from_link": "Where you are: {name}, as your link says.",
    "change": "Change where I am",
}


def region_advice(region_id: str | None) -> dict:
    """The check's advice for a region (lowback.regions; None, `other` or an id nobody knows:
    the common numbers): what to do for an emergency or a same-day sign, and the numbers a
    reader can tap to call."""
    where = find_region(region_id)
    if where.emergency_number:
        calls = [{"number": number, "where": where.name} for number in where.tel_numbers]
    else:
        calls = [{"number": number, "where": place} for number, place in EMERGENCY_NUMBERS]
    return {
        "emergency": f"Do not start the routine. {where.go_now}.",
        "urgent": f"Do not start the routine. {where.same_day}.",
        "calls": calls,
    }


_UNKNOWN_REGION = region_advice(None)
#: The check before every Start, in words; the advice is the unknown region's (the common
#: numbers), reworded in the page for the reader's region (`since_quiz_plan`'s "by_region").
SINCE_QUIZ_WORDS = {
    "title": "Since your quiz (or since your physiotherapist saw you), has anything new started?",
    "hint": "Tick any that have started, or None of these. Start works once you have answered.",
    "none": "None of these",
    "emergency": _UNKNOWN_REGION["emergency"],
    "urgent": _UNKNOWN_REGION["urgent"],
    "unanswered": "First answer the question above the timer: has anything new started since "
    "your quiz?",
    "not_today": "Not today: follow the advice in the box above the timer.",
}


# --------------------------------------------------------------------------------------------
# What the screen says at each moment
# --------------------------------------------------------------------------------------------


def format_seconds_left(seconds: float) -> str:
    """A countdown's whole seconds, rounded up so "0" only shows when time is up: "3 s",
    "1:05" from a minute on."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60}:{whole % 60:02d}"


def _format_held(seconds: float) -> str:
    # A hold counts up: a second counts once it is complete. Whole seconds, as the cap is said
    # ("65 s, stop by 120"), so the two read alike.
    return f"{int(seconds)} s"


def _hold_time(routine: Routine) -> str:
    """The final hold's clock, with {held} for the seconds held: "{held}, stop by 60"."""
    return f"{{held}}, stop by {routine.final_hold_max_s:g}"


@dataclass(frozen=True)
class TimerDisplay:
    """Everything the timer shows at one moment, in words."""

    title: str  # the large phase name
    time_text: str  # time left, or time held and the cap
    rep_text: str
    cue: str  # what to do, one sentence
    progress: float  # 0..1 through the timed part of the routine
    frame: str  # which picture, from lowback.drawing.catalogue.FRAMES
    pause_label: str  # "Pause" or "Resume"
    can_finish_hold: bool  # the "Stop the hold" button is live


def describe(status: TimerStatus, routine: Routine) -> TimerDisplay:
    """The words for `status` of a timer over build_schedule(routine)."""
    schedule = build_schedule(routine)
    timed_s = schedule[-1].start_s  # the final hold starts when the timed part ends
    pause_label = "Resume" if status.paused else "Pause"
    lowering = routine.lowering
    phase = status.phase
    if phase is None:
        return TimerDisplay(
            title=WORDS["ready_title"],
            time_text=WORDS["ready_time"],
            rep_text=_ready_rep(routine),
            cue=schedule[0].cue,
            progress=0.0,
            frame=frame_for_phase(None, lowering),
            pause_label=pause_label,
            can_finish_hold=False,
        )
    if status.done:
        # Ended by the cap: nothing is left of the final hold.
        capped = status.remaining_s == 0
        return TimerDisplay(
            title=WORDS["done_title"],
            time_text=f"{WORDS['done_time']} {_format_held(status.hold_s or 0.0)}",
            rep_text=WORDS["done_rep"],
            cue=WORDS["done_cue_cap"] if capped else WORDS["done_cue"],
            progress=1.0,
            frame=frame_for_phase("rest", lowering),
            pause_label=pause_label,
            can_finish_hold=False,
        )
    if phase.kind == "final_hold":
        time_text = _hold_time(routine).replace("{held}", _format_held(status.hold_s or 0.0))
    else:
        time_text = f"{format_seconds_left(status.remaining_s or 0.0)} left"
    if status.paused:
        time_text += " (paused)"
    return TimerDisplay(
        title=phase_title(phase, routine),
        time_text=time_text,
        rep_text=_rep_text(phase, routine),
        cue=phase.cue,
        progress=1.0 if timed_s <= 0 else min(1.0, status.elapsed_s / timed_s),
        frame=frame_for_phase(phase.kind, lowering),
        pause_label=pause_label,
        can_finish_hold=phase.kind == "final_hold",
    )


def settings_message(field: str, error: ValueError) -> str:
    """Routine's ValueError for `field`, told with the setting's name on screen."""
    text = str(error)
    if text.startswith(field + " "):
        text = text[len(field) + 1 :]
    return f"{SETTING_LABELS.get(field, field)}: {text}. The previous value is kept."


def _ready_rep(routine: Routine) -> str:
    return f"{routine.reps} repetitions, then a rest and one long hold"


def _rep_text(phase: Phase, routine: Routine) -> str:
    if phase.kind == "final_hold":
        return "The last long hold"
    if phase.kind == "lead_in":
        return f"Repetition 1 of {routine.reps} comes next"
    if phase.kind == "rest":
        return f"All {routine.reps} repetitions done" if routine.reps > 1 else "Repetition done"
    return f"Rep {phase.rep} of {routine.reps}"


# --------------------------------------------------------------------------------------------
# The plan the page plays
# --------------------------------------------------------------------------------------------


def player_plan(
    routine: Routine,
    prescription: Prescription | None = None,
    *,
    origin: str = "own",
    link_read: bool = True,
) -> dict:
    """Everything the browser's player needs to play `routine`, as JSON-ready data.

    `prescription` is the rest of the plan (who set it, their note, the region a link names;
    DEFAULT_PRESCRIPTION if None), and `origin` whose it is (lowback.signed_link); the dosage is
    always the routine's. `link_read` is False while the page's link is still to be read: the
    page then holds Start back, as it does while `settings` differ from the boxes on screen.
    """
    schedule = build_schedule(routine)
    base = DEFAULT_PRESCRIPTION if prescription is None else prescription
    shown = build_plan(
        dataclasses.replace(base, **{name: getattr(routine, name) for name in _ROUTINE_FIELDS}),
        origin=origin,
    )
    return {
        "routine": {"side": routine.side, "reps": routine.reps},
        # The values the plan was made from, by setting: the page holds Start until the boxes
        # on screen show the same (a setting still on its way to the kernel).
        "settings": {name: getattr(routine, name) for name in PLAN_SETTINGS},
        "side_options": [value for _label, value in SIDE_OPTIONS],
        "link_read": link_read,
        # The whole plan before Start, as lowback.plan words it for the handout.
        "shown": {
            "title": shown.origin_heading,
            "rows": [[row.label, row.value] for row in (*shown.people, *shown.dosage)],
        },
        "phases": [
            {
                "kind": phase.kind,
                "rep": phase.rep,
                "start_s": phase.start_s,
                "duration_s": phase.duration_s,
                "title": phase_title(phase, routine),
                "rep_text": _rep_text(phase, routine),
                "cue": phase.cue,
                "frame": frame_for_phase(phase.kind, routine.lowering),
            }
            for phase in schedule
        ],
        "timed_s": schedule[-1].start_s,  # the final hold starts when the timed part ends
        "quiz_url": QUIZ,
        # Where the quiz's result is kept, and when the page may go by it.
        "quiz_record": browser_settings(),
        # Where the reader's own sessions are kept in this browser, and how many at most.
        "sessions": {"key": SESSIONS_KEY, "max": MAX_RECORDS},
        "region": region_plan(base.region),
        "since_quiz": since_quiz_plan(),
        # The pain panel: the light after a session and its questions (decided in the page).
        "pain_light": pain_plan(),
        "cues": [[at_s, kind] for at_s, kind in cue_times(schedule)],
        "words": WORDS
        | {
            "ready_rep": _ready_rep(routine),
            "ready_frame": frame_for_phase(None, routine.lowering),
            "done_frame": frame_for_phase("rest", routine.lowering),
            "hold_time": _hold_time(routine),
        },
    }


_ROUTINE_FIELDS = tuple(field.name for field in dataclasses.fields(Routine))


def region_plan(from_link: str | None = None) -> dict:
    """Where the reader is, for the page: the link's region if it names one, where this
    browser keeps the reader's own choice, the choices and their words."""
    return {
        "from_link": from_link if from_link in REGION_IDS else None,
        "memory": region_memory_settings(),
        "choices": [[r.id, r.name] for r in REGIONS.values()],
        "words": dict(REGION_WORDS),
    }


def since_quiz_plan(signs: Iterable[SinceQuizSign] | None = None) -> dict:
    """The check before every Start, for the page: the signs (lowback.screening's
    since_quiz_signs unless given), their advice and the numbers to call, all in words, for
    every region and for none; lowback.quiz_record.since_quiz_verdict (mirrored in the page)
    decides, and the region only changes the words."""
    signs = tuple(since_quiz_signs() if signs is None else signs)
    if any(sign.level not in SINCE_QUIZ_LEVELS for sign in signs):
        raise ValueError(f"a sign's level must be one of {', '.join(SINCE_QUIZ_LEVELS)}")
    return {
        "signs": [{"id": s.id, "words": s.words, "level": s.level} for s in signs],
        "calls": _UNKNOWN_REGION["calls"],
        "words": dict(SINCE_QUIZ_WORDS),
        # "" is no region known: the common numbers.
        "by_region": {"": _UNKNOWN_REGION} | {rid: region_advice(rid) for rid in REGION_IDS},
    }


def _data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def frame_pictures(side: str) -> dict:
    """Each frame's picture for `side`, with its alt text and title, as the player shows it.

    On the series' server each frame also has `phone_src`, its version for a phone held upright
    (lowback.drawing.phone_frames: larger labels above and below the drawing), which the page
    shows on a narrow upright screen. Elsewhere (JupyterLab, Binder) the pictures travel inside
    the page, so only the wide one goes."""
    served = bool(pictures_url())
    return {
        name: {
            "src": picture_src(frame_file_name(name, side)),
            **({"phone_src": picture_src(phone_frame_file_name(name, side))} if served else {}),
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
