"""The timer view without a browser: the words it sends, and what it makes of the page's
reports. The page's own clock is tested against the same Python core in test_player_js.py."""

import html
import re

import ipywidgets as widgets
import pytest

from lowback.drawing.catalogue import FRAME_ALT_TEXT as ALT_TEXT
from lowback.drawing.catalogue import FRAMES
from lowback.pages import SOUNDS_URL_ENV
from lowback.routine import DEFAULT_ROUTINE, Routine, build_schedule
from lowback.sound import CUE_KINDS, cue_times
from lowback.timer import MAX_EVENTS
from lowback.timer import RoutineTimer as TimerCore
from lowback.widgets import RoutineTimer
from lowback.widgets.timer_view import (
    WORDS,
    cue_sounds,
    describe,
    format_seconds_left,
    player_plan,
    settings_message,
)

# 3 s lead-in, then 2 reps of 1 s lift, 2 s hold, 1 s lower, then a 10 s rest: the final hold
# starts at 3 + 2 * 4 + 10 = 21 s, and its cap ends it at 31 s.
SHORT = Routine(reps=2, lift_s=1, hold_s=2, lower_s=1, rest_s=10, lead_in_s=3, final_hold_max_s=10)
HOLD_FROM_S = 21.0
CAP_AT_S = 31.0
T0 = 500.0


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def text(html_widget: widgets.HTML) -> str:
    return re.sub(r"<[^>]+>", "", html_widget.value)


def report(timer: RoutineTimer, events, now_s: float) -> None:
    """What the page sends after a press: the whole log and its clock, in one message."""
    with timer.player.hold_trait_notifications():
        timer.player.events = [list(event) for event in events]
        timer.player.now_s = now_s


# -- what the screen says (pure) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 s"), (0.01, "1 s"), (1.0, "1 s"), (1.2, "2 s"), (59.5, "1:00"), (65, "1:05")],
)
def test_a_countdown_rounds_up_so_zero_shows_only_at_the_end(seconds, shown):
    assert format_seconds_left(seconds) == shown


@pytest.mark.parametrize(
    ("elapsed_s", "title", "time_text", "rep_text", "frame"),
    [
        (0.2, "Get ready", "3 s left", "Repetition 1 of 2 comes next", "start"),
        (3.5, "Lift", "1 s left", "Rep 1 of 2", "lift"),
        (4.0, "Hold 2", "2 s left", "Rep 1 of 2", "hold"),
        (6.1, "Lower slowly", "1 s left", "Rep 1 of 2", "lower"),
        (7.0, "Lift", "1 s left", "Rep 2 of 2", "lift"),
        (11.5, "Rest", "10 s left", "All 2 repetitions done", "start"),
        # The final hold counts up and shows its cap: a hold time, not a record to beat.
        (24.7, "Long hold", "3 s, stop by 10", "The last long hold", "hold"),
    ],
)
def test_each_phase_shows_its_name_time_rep_and_picture(
    elapsed_s, title, time_text, rep_text, frame
):
    clock = FakeClock()
    timer = TimerCore(build_schedule(SHORT), clock=clock)
    timer.start()
    clock.advance(elapsed_s)
    shown = describe(timer.status(), SHORT)
    assert (shown.title, shown.time_text, shown.rep_text, shown.frame) == (
        title,
        time_text,
        rep_text,
        frame,
    )
    assert shown.can_finish_hold == (title == "Long hold")
    assert 0.0 < shown.progress <= 1.0


def test_the_final_hold_ended_by_the_reader_or_by_the_cap_says_how_long_it_lasted():
    clock = FakeClock()
    timer = TimerCore(build_schedule(SHORT), clock=clock)
    timer.start()
    clock.advance(HOLD_FROM_S + 6.5)
    timer.finish_hold()
    stopped = describe(timer.status(), SHORT)
    assert (stopped.title, stopped.time_text, stopped.cue) == (
        "Well done",
        "You held for 6 s",
        WORDS["done_cue"],
    )
    timer.reset()
    timer.start()
    clock.advance(CAP_AT_S + 100.0)
    capped = describe(timer.status(), SHORT)
    assert (capped.title, capped.time_text, capped.cue) == (
        "Well done",
        "You held for 10 s",
        "Time is up. Lower the leg slowly, then stand up slowly.",
    )
    assert not capped.can_finish_hold


def test_a_paused_final_hold_says_so_beside_its_time_and_cap():
    clock = FakeClock()
    timer = TimerCore(build_schedule(SHORT), clock=clock)
    timer.start()
    clock.advance(HOLD_FROM_S + 4.2)
    timer.pause()
    assert describe(timer.status(), SHORT).time_text == "4 s, stop by 10 (paused)"


@pytest.mark.parametrize(("cap_s", "said"), [(60, "stop by 60"), (45.5, "stop by 45.5")])
def test_the_final_hold_shows_the_cap_it_was_given(cap_s, said):
    routine = Routine(final_hold_max_s=cap_s)
    clock = FakeClock()
    timer = TimerCore(build_schedule(routine), clock=clock)
    timer.start()
    clock.advance(build_schedule(routine)[-1].start_s + 12.9)
    assert describe(timer.status(), routine).time_text == f"12 s, {said}"


def test_before_start_the_screen_says_ready_and_how_to_lie():
    shown = describe(TimerCore(build_schedule(SHORT)).status(), SHORT)
    assert shown.title == "Ready"
    assert shown.time_text == "Press Start"
    assert shown.cue == "Lie on your left side, sore right side up, thumb on the sore spot"
    assert shown.progress == 0.0


def test_the_progress_bar_fills_over_the_timed_part_of_the_routine():
    clock = FakeClock()
    timer = TimerCore(build_schedule(SHORT), clock=clock)
    timer.start()
    clock.advance(6.5)
    assert describe(timer.status(), SHORT).progress == pytest.approx(6.5 / HOLD_FROM_S)


def test_a_settings_message_uses_the_name_on_screen():
    with pytest.raises(ValueError) as error:
        Routine(hold_s=0)
    message = settings_message("hold_s", error.value)
    assert message.startswith("Hold, seconds: must be a number of seconds from 1 to 30")
    assert message.endswith("The previous value is kept.")


# -- the widget at rest ------------------------------------------------------------------------


def test_settings_start_with_the_routines_numbers():
    timer = RoutineTimer(DEFAULT_ROUTINE)
    assert timer.side.value == "right"
    assert timer.reps.value == 10
    assert {name: control.value for name, control in timer.seconds.items()} == {
        "hold_s": 2.0,
        "rest_s": 30.0,
        "lift_s": 2.0,
        "lower_s": 3.0,
        "lead_in_s": 5.0,
    }
    assert timer.routine == DEFAULT_ROUTINE
    assert timer.status().started is False


def test_the_widget_prints_as_one_short_sentence_and_its_stored_output_tells_the_dosage():
    timer = RoutineTimer()
    line = repr(timer)
    assert "\n" not in line and line.startswith("Routine timer: ") and len(line) <= 110
    assert "10 repetitions, 2 s hold, 30 s rest" in timer._repr_mimebundle_()["text/html"]


def test_every_setting_has_a_name_on_screen():
    timer = RoutineTimer()
    controls = [timer.side, timer.reps, *timer.seconds.values()]
    assert [c.description for c in controls] == [
        "Sore side (it goes on top)",
        "Repetitions",
        "Hold, seconds",
        "Rest, seconds",
        "Lift, seconds",
        "Lower, seconds",
        "Get ready, seconds",
    ]


# -- the plan the page plays -------------------------------------------------------------------


def test_the_plan_carries_every_phase_with_its_words_picture_and_times():
    plan = player_plan(SHORT)
    schedule = build_schedule(SHORT)
    assert [p["kind"] for p in plan["phases"]] == [p.kind for p in schedule]
    assert [p["start_s"] for p in plan["phases"]] == [p.start_s for p in schedule]
    assert plan["phases"][-1]["duration_s"] == 10.0  # the final hold's cap
    assert plan["timed_s"] == HOLD_FROM_S
    assert plan["cues"] == [[at, kind] for at, kind in cue_times(schedule)]
    assert plan["cues"][-1] == [CAP_AT_S, "lower"]  # the cap's tone
    assert {p["frame"] for p in plan["phases"]} <= set(FRAMES)
    assert plan["words"]["ready_rep"] == "2 repetitions, then a rest and one long hold"
    assert plan["words"]["hold_time"] == "{held}, stop by 10"
    assert plan["routine"] == {"side": "right", "reps": 2}


def test_the_plan_shows_the_whole_dosage_before_start_in_the_handouts_words():
    from lowback.plan import build_plan
    from lowback.prescription import Prescription

    routine = Routine(
        side="left", reps=2, lift_s=1, hold_s=1, lower_s=1, rest_s=10, lead_in_s=3,
        lowering="tip", final_hold_max_s=10,
    )  # fmt: skip
    plan = player_plan(routine)
    expected = build_plan(Prescription(**vars(routine)), origin="own")
    assert plan["shown"]["title"] == "Your settings" == expected.origin_heading
    assert plan["shown"]["rows"] == [[row.label, row.value] for row in expected.dosage]
    rows = dict(plan["shown"]["rows"])
    assert rows["Sore side, on top"] == "Left"
    assert rows["Lifts"] == "2"
    assert rows["Lift"] == "over 1 s" and rows["Hold"] == "1 s" and rows["Rest"] == "10 s"
    assert rows["Lower"] == "over 1 s, knee to the floor in front of the other leg"
    assert rows["Last hold"] == "until it feels hard, 10 s at most"
    # The lowering the plan shows is the one the player pictures and cues.
    lowers = [p for p in plan["phases"] if p["kind"] == "lower"]
    assert {p["frame"] for p in lowers} == {"lower_tip"}
    assert all("knee toward the floor" in p["cue"] for p in lowers)


def test_the_plan_carries_the_settings_it_was_made_from_for_the_page_to_compare():
    plan = player_plan(SHORT)
    assert plan["settings"] == {
        "side": "right",
        "reps": 2,
        "hold_s": 2.0,
        "rest_s": 10.0,
        "lift_s": 1.0,
        "lower_s": 1.0,
        "lead_in_s": 3.0,
    }
    assert plan["side_options"] == ["right", "left"]
    timer = RoutineTimer(SHORT)
    boxes = {"side": timer.side, "reps": timer.reps, **timer.seconds}
    assert timer.player.settings_ids == {name: box.model_id for name, box in boxes.items()}
    assert {name: box.value for name, box in boxes.items()} == timer.player.plan["settings"]
    # Without a link to read, nothing holds Start back; with one, the page waits for it.
    assert plan["link_read"] is True
    assert player_plan(SHORT, link_read=False)["link_read"] is False


def test_the_player_is_sent_each_picture_with_its_alt_text_and_each_cue_tone():
    timer = RoutineTimer(SHORT)
    assert set(timer.player.pictures) == set(FRAMES)
    for name, picture in timer.player.pictures.items():
        assert picture["src"].startswith("data:image/png;base64,")
        assert picture["alt"] == ALT_TEXT[name]
    assert set(timer.player.sounds) == set(CUE_KINDS)
    assert all(src.startswith("data:audio/wav;base64,") for src in timer.player.sounds.values())


def test_every_fixed_phrase_the_page_shows_comes_from_the_kernel():
    words = player_plan(SHORT)["words"]
    assert set(WORDS) <= set(words)
    assert "nobody else can see it" in words["saved_here"]
    # The page fills in lowback.progress's own words when the saved sessions cannot be read.
    assert words["history_unreadable"].count("{error}") == 1


# -- the reader's history of sessions: the page's own, never the kernel's ------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "[" * 100_000,
        '[{"date": "<script>alert(1)</script>"}]',
        "x" * 262_144,
        {"__class__": "x", "svg": "<img src=x onerror=alert(1)>"},
        [1] * 10_000,
        10**400,
        None,
    ],
)
def test_the_kernel_takes_no_history_and_a_page_that_sends_one_changes_nothing(hostile):
    timer = RoutineTimer(SHORT)
    assert "history" not in timer.player.keys and "history_view" not in timer.player.keys
    state, status = timer.player.get_state(), timer.status()
    # As a comm message from the page arrives (through lowback.widgets.failsafe's guard): names
    # the widget does not have, which ipywidgets passes over.
    state_sent = {"history": hostile, "history_view": hostile}
    timer.player._handle_msg({"content": {"data": {"method": "update", "state": state_sent}}})
    assert timer.player.get_state() == state and timer.status() == status
    assert not hasattr(timer.player, "history") and not hasattr(timer.player, "history_view")
    assert not timer.failsafe.failed and timer.failsafe.notice.value == ""


# -- settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad", "words"),
    [
        ("reps", 0, "Repetitions: must be a whole number from 1 to 30"),
        ("reps", 31, "Repetitions: must be a whole number from 1 to 30"),
        ("hold_s", 0.0, "Hold, seconds: must be a number of seconds from 1 to 30"),
        ("hold_s", 31.0, "Hold, seconds: must be a number of seconds from 1 to 30"),
        ("rest_s", 5.0, "Rest, seconds: must be a number of seconds from 10 to 120"),
        ("rest_s", 121.0, "Rest, seconds: must be a number of seconds from 10 to 120"),
        ("lift_s", 0.5, "Lift, seconds: must be a number of seconds from 1 to 10"),
        ("lower_s", 11.0, "Lower, seconds: must be a number of seconds from 1 to 10"),
        ("lead_in_s", 2.0, "Get ready, seconds: must be a number of seconds from 3 to 30"),
    ],
)
def test_a_bad_setting_shows_a_message_and_changes_nothing_else(field, bad, words):
    timer = RoutineTimer(SHORT)
    control = timer.reps if field == "reps" else timer.seconds[field]
    before, plan = timer.routine, timer.player.plan
    control.value = bad
    assert words in text(timer.settings_note)
    assert 'role="alert"' in timer.settings_note.value
    assert control.value == getattr(before, field)
    assert timer.routine == before
    assert timer.player.plan == plan


def test_a_good_setting_changes_the_routine_and_the_plan_and_clears_the_message():
    timer = RoutineTimer(SHORT)
    timer.reps.value = 40
    timer.reps.value = 3
    assert timer.routine.reps == 3
    assert timer.settings_note.value == ""
    assert timer.player.plan == player_plan(timer.routine, link_read=False)
    assert timer.player.plan["settings"]["reps"] == 3


def test_the_side_setting_turns_the_cue_and_the_pictures_round():
    timer = RoutineTimer(SHORT)
    right = timer.player.pictures["start"]["src"]
    timer.side.value = "left"
    assert timer.routine.side == "left"
    assert timer.player.plan["phases"][0]["cue"] == (
        "Lie on your right side, sore left side up, thumb on the sore spot"
    )
    assert timer.player.pictures["start"]["src"] != right


# -- what the page reports -------------------------------------------------------------------------


def test_the_kernel_replays_the_pages_events_to_know_where_the_reader_is():
    timer = RoutineTimer(SHORT)
    report(timer, [["start", 100.0]], 108.5)
    status = timer.status()
    assert status.started and status.running
    assert (status.phase.kind, status.phase.rep) == ("hold", 2)
    clock = FakeClock()
    reference = TimerCore(build_schedule(SHORT), clock=clock)
    reference.start()
    clock.advance(8.5)
    assert status == reference.status()


def test_settings_are_locked_while_the_page_runs_the_routine_and_free_after():
    timer = RoutineTimer(SHORT)
    report(timer, [["start", 10.0]], 10.0)
    assert all(c.disabled for c in (timer.side, timer.reps, *timer.seconds.values()))
    timer.reps.value = 5  # as if in code: refused, with a message
    assert timer.routine.reps == 2
    assert "cannot change while the routine runs" in text(timer.settings_note)
    report(timer, [["start", 10.0], ["finish_hold", 10.0 + HOLD_FROM_S + 3.0]], 40.0)
    assert not any(c.disabled for c in (timer.side, timer.reps))
    report(timer, [], 50.0)  # Reset on the page
    assert not timer.reps.disabled


def test_the_cap_frees_the_settings_when_the_page_reports_it_with_no_press():
    timer = RoutineTimer(SHORT)
    report(timer, [["start", 10.0]], 10.0 + CAP_AT_S - 0.5)
    assert timer.reps.disabled and timer.status().running
    report(timer, [["start", 10.0]], 10.0 + CAP_AT_S)  # the page, at the cap
    status = timer.status()
    assert status.done and status.hold_s == 10.0
    assert not timer.reps.disabled


def test_the_final_hold_is_a_hold_time_never_a_best_to_beat():
    timer = RoutineTimer(SHORT)
    report(timer, [["start", 0.0], ["finish_hold", HOLD_FROM_S + 7.5]], 40.0)
    assert timer.status().hold_s == 7.5
    assert not hasattr(timer, "best_hold_s") and "best_text" not in timer.player.keys
    words = " ".join(str(v) for v in player_plan(SHORT)["words"].values()).lower()
    assert "best" not in words and "as long as you can" not in words
    assert all("as long as you can" not in p["cue"].lower() for p in player_plan(SHORT)["phases"])


@pytest.mark.parametrize(
    "events",
    [
        "start",
        [["start"]],
        [["explode", 1.0]],
        [["start", float("nan")]],
        [["start", -1.0]],
        [["start", 10**400]],
        [["start", 5.0], ["pause", 4.0]],
        [["start", True]],
        [["status", 1.0]],
        [["start", 1.0]] * (MAX_EVENTS + 1),
    ],
)
def test_a_hostile_report_gets_the_friendly_message_and_changes_nothing(events):
    timer = RoutineTimer(SHORT)
    report(timer, [["start", 1.0]], 2.0)
    before = timer.status()
    report(timer, events, 3.0)
    assert timer.status() == before
    assert "Something went wrong" in timer.failsafe.notice.value or timer.failsafe.failed


# -- pain ----------------------------------------------------------------------------------------


def test_the_plan_carries_the_pain_light_for_the_page_to_decide():
    # The light after a session is decided in the page (lowback.widgets.pain_view,
    # tests/widgets/test_pain_view.py); the kernel only sends the rule and its words.
    assert player_plan(SHORT)["pain_light"]["rule"]["stop_from"] == 8


@pytest.mark.parametrize("bad", [11, -1, "7", 2.5, [1], True])
def test_a_hostile_pain_score_changes_nothing(bad):
    timer = RoutineTimer(SHORT)
    plan = timer.player.plan
    timer.player.pain_before = 4
    timer.player.pain_after = bad
    assert timer.player.plan == plan
    assert not timer.failsafe.failed


# -- a physiotherapist's link ---------------------------------------------------------------------


def test_a_prescription_link_sets_the_boxes_and_says_where_they_came_from():
    # Without a key (make serve's default) a link speaks for nobody: "the plan in the link".
    timer = RoutineTimer()
    timer.player.query = "?side=left&reps=12&hold=3&times=2&note=Go%20gently%20%3Cb%3E"
    assert timer.routine == Routine(reps=12, hold_s=3, side="left")
    assert timer.player.plan == player_plan(timer.routine, timer._prescription, origin="link")
    assert timer.player.plan["link_read"] is True
    assert timer.player.plan["shown"]["title"] == "The plan in the link you opened"
    shown = timer.prescribed.value
    assert "The plan in the link you opened" in shown and 'role="status"' in shown
    assert "physiotherapist" not in shown
    assert "12 lifts on the left side" in shown and "up to 2 times a day" in shown
    assert "Note in the link:</strong> Go gently &lt;b&gt;" in shown  # text, never markup
    assert timer.origin == "link"


KEY = "a-clinic's-secret-key-of-some-length"


def signed_timer(query: str, monkeypatch) -> RoutineTimer:
    monkeypatch.setenv("LOWBACK_LINK_KEY", KEY)
    timer = RoutineTimer()
    timer.player.query = query
    return timer


def test_a_signed_link_is_from_the_physiotherapist_until_the_reader_changes_a_setting(monkeypatch):
    """Issue 26, item 5: a forged link showed its note as the physiotherapist's."""
    from lowback.prescription import Prescription
    from lowback.signed_link import signed_query

    query = "?" + signed_query(Prescription(reps=12, note="After your walk"), KEY)
    timer = signed_timer(query, monkeypatch)
    assert timer.origin == "physio"
    assert timer.player.physio_link  # it stands in for "have you done the quiz?"
    assert "From your physiotherapist" in timer.prescribed.value
    assert "Note from your physiotherapist:</strong> After your walk" in timer.prescribed.value
    timer._settings["reps"].value = 11
    assert timer.origin == "own"
    assert "Your settings" in timer.prescribed.value
    assert "From your physiotherapist" not in timer.prescribed.value


@pytest.mark.parametrize(
    "tamper",
    [
        lambda q: q.replace("reps=12", "reps=30"),  # a setting changed after signing
        lambda q: q.replace("After", "Stop%20your%20medication.%20After"),  # the note
        lambda q: q[:-3] + "AAA",  # a signature guessed
        lambda q: q.split("&sig=")[0],  # the signature removed
    ],
    ids=["setting", "note", "signature", "no signature"],
)
def test_a_tampered_or_unsigned_link_never_speaks_as_the_physiotherapist(tamper, monkeypatch):
    from lowback.prescription import Prescription
    from lowback.signed_link import signed_query

    query = "?" + signed_query(Prescription(reps=12, note="After your walk"), KEY)
    timer = signed_timer(tamper(query), monkeypatch)
    assert timer.origin == "link" and not timer.player.physio_link
    assert "physiotherapist" not in timer.prescribed.value


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?reps=99", "reps:"),
        ("?side=middle", "side:"),
        ("?colour=red", "colour:"),
        ("?hold=nan", "hold:"),
        ("?" + "reps=1&" * 3000, "link:"),
    ],
)
def test_a_link_that_cannot_be_read_names_the_setting_and_keeps_the_tips_settings(query, named):
    timer = RoutineTimer()
    timer.player.query = query
    assert timer.routine == DEFAULT_ROUTINE
    assert named in timer.prescribed.value and 'role="alert"' in timer.prescribed.value


def test_the_link_is_read_once_and_never_during_a_routine():
    timer = RoutineTimer()
    timer.player.query = "?reps=5"
    timer.player.query = "?reps=7"
    assert timer.routine.reps == 5
    running = RoutineTimer()
    report(running, [["start", 1.0]], 2.0)
    running.player.query = "?reps=5"
    assert running.routine == DEFAULT_ROUTINE


def test_on_the_series_server_the_cue_tones_are_addresses_and_elsewhere_the_files(monkeypatch):
    monkeypatch.setenv(SOUNDS_URL_ENV, "/voila/sounds/v-0123456789abcdef/")
    assert cue_sounds() == {
        kind: f"/voila/sounds/v-0123456789abcdef/{kind}.wav" for kind in CUE_KINDS
    }
    monkeypatch.delenv(SOUNDS_URL_ENV)
    assert all(src.startswith("data:audio/wav;base64,UklGR") for src in cue_sounds().values())


def test_tracking_parameters_an_app_added_are_ignored_and_named_not_an_error():
    """Issue 26: a link shared through a messaging app came back with fbclid and utm_*, and the
    whole prescription was thrown away."""
    timer = RoutineTimer()
    timer.player.query = "?reps=12&fbclid=IwAR0xyz&utm_source=whatsapp"
    assert timer.routine.reps == 12
    shown = timer.prescribed.value
    assert 'role="status"' in shown and "could not be used" not in shown
    assert "Ignored: fbclid, utm_source" in shown


# -- what only a link sets: the lowering and the final hold's cap ------------------------------


def test_a_links_lowering_and_cap_reach_the_plan_though_no_box_shows_them():
    timer = RoutineTimer()
    timer.player.query = "?lowering=tip&cap=10"
    assert timer.routine == Routine(lowering="tip", final_hold_max_s=10)
    plan = timer.player.plan
    assert plan["phases"][-1]["duration_s"] == 10.0
    assert dict(plan["shown"]["rows"])["Last hold"] == "until it feels hard, 10 s at most"
    # A box the reader changes keeps them: they are not the reader's to change.
    timer.reps.value = 4
    assert timer.routine == Routine(reps=4, lowering="tip", final_hold_max_s=10)
    assert timer.origin == "own"
    assert timer.player.plan["phases"][-1]["duration_s"] == 10.0


def test_a_link_is_sent_to_the_page_as_one_whole_plan_after_all_its_settings():
    """Start runs the plan shown: the page never holds a plan made from some of a link's
    settings, marked as read."""
    timer = RoutineTimer()
    assert timer.player.plan["link_read"] is False
    sent = []
    timer.player.observe(lambda change: sent.append(change["new"]), names="plan")
    timer.player.query = (
        "?side=left&reps=2&lowering=tip&cap=10&rest=10&lead=3&lift=1&hold=1&lower=1"
    )
    assert len(sent) == 1
    assert sent[0]["link_read"] is True
    assert sent[0]["settings"] == {
        "side": "left",
        "reps": 2,
        "hold_s": 1.0,
        "rest_s": 10.0,
        "lift_s": 1.0,
        "lower_s": 1.0,
        "lead_in_s": 3.0,
    }
    assert timer.side.value == "left" and timer.reps.value == 2


def test_a_link_that_cannot_be_read_still_lets_the_page_start_the_tips_plan():
    timer = RoutineTimer()
    timer.player.query = "?reps=99"
    assert timer.player.plan["link_read"] is True
    assert timer.player.plan["settings"]["reps"] == 10


# -- where the reader is ---------------------------------------------------------------------------


def test_the_plan_carries_every_regions_advice_so_the_page_words_it_offline():
    from lowback.regions import REGION_IDS

    check = player_plan(SHORT)["since_quiz"]
    assert set(check["by_region"]) == {"", *REGION_IDS}
    uk = check["by_region"]["uk"]
    assert uk["emergency"] == "Do not start the routine. Call 999 or go to A&E now."
    assert "NHS 111" in uk["urgent"]
    assert uk["calls"] == [{"number": "999", "where": "United Kingdom"}]
    assert [c["number"] for c in check["by_region"]["ie"]["calls"]] == ["112", "999"]
    # No region known, or somewhere else: the common numbers, as the check always said.
    for unknown in ("", "other"):
        words = check["by_region"][unknown]
        assert "999, 112, 911, 000, 111" in words["emergency"]
        assert [c["number"] for c in words["calls"]] == ["999", "112", "911", "000", "111"]
    assert check["words"]["emergency"] == check["by_region"][""]["emergency"]


def test_the_region_asked_before_start_is_the_links_or_else_the_browsers():
    from lowback.pages import REGION_KEY
    from lowback.regions import REGIONS

    plan = player_plan(SHORT)["region"]
    assert plan["from_link"] is None
    assert plan["memory"]["key"] == REGION_KEY
    assert plan["choices"] == [[r.id, r.name] for r in REGIONS.values()]
    assert plan["words"]["question"] == "Where are you?"
    timer = RoutineTimer()
    timer.player.query = "?region=au&reps=8"
    assert timer.player.plan["region"]["from_link"] == "au"
    assert timer.region == "au"


@pytest.mark.parametrize(
    ("reported", "region"), [("uk", "uk"), ("", None), ("<b>", None), (7, None)]
)
def test_the_region_the_page_reports_is_checked_before_the_handout_uses_it(reported, region):
    timer = RoutineTimer()
    timer.player.region = reported
    assert timer.region == region
    assert timer._prescribed().region is None  # the link's plan names none


def test_the_routine_page_shows_the_whole_plan_the_handout_prints_for_the_settings_on_screen():
    from lowback.plan import build_plan, plan_texts
    from lowback.prescription import Prescription
    from lowback.widgets.plan_view import SHOWN

    timer = RoutineTimer()
    shown = html.unescape(re.sub(r"<[^>]+>", " ", timer.whole_plan.value))
    shown = " ".join(shown.split())
    for text in plan_texts(build_plan(Prescription(), origin="own"), parts=SHOWN):
        assert " ".join(text.split()) in shown, text
    timer._settings["reps"].value = 14
    assert "14" in timer.whole_plan.value
    assert "<details" in timer.whole_plan.value  # folded: it is long on a phone


# -- the banner at the top of the page (issue 24, item 3) ------------------------------------------


def test_without_a_link_the_banner_is_hidden_and_its_stored_text_names_it():
    timer = RoutineTimer()
    assert timer.banner.layout.display == "none"
    assert timer.prescribed.value == ""
    assert repr(timer.banner).startswith("Plan: run the cells")


def test_a_links_banner_has_the_plan_its_note_who_set_it_and_a_jump_to_start(monkeypatch):
    from lowback.prescription import Prescription
    from lowback.signed_link import signed_query
    from lowback.widgets.timer_view import JUMP_WORDS, START_ID

    query = "?" + signed_query(Prescription(reps=12, by="Sam <Okafor>", note="Gently"), KEY)
    timer = signed_timer(query, monkeypatch)
    assert timer.banner.layout.display is None
    shown = timer.prescribed.value
    assert "From your physiotherapist:</strong> 12 lifts on the right side" in shown
    assert "Note from your physiotherapist:</strong> Gently" in shown
    assert "Your physiotherapist:</strong> Sam &lt;Okafor&gt;" in shown
    assert f'href="#{START_ID}">{JUMP_WORDS}</a>' in shown
    # The place the jump lands is the heading right above the checks before Start.
    headings = [c.value for c in timer.children if isinstance(c, widgets.HTML)]
    assert f'<h3 id="{START_ID}">Before you start</h3>' in headings
    # Changed by the reader: still a banner, now "Your settings", without the link's words.
    timer._settings["reps"].value = 11
    shown = timer.prescribed.value
    assert "Your settings" in shown and "Gently" not in shown and "Okafor" not in shown
    assert f'href="#{START_ID}"' in shown


def test_a_link_that_cannot_be_read_shows_the_banner_with_the_reason():
    timer = RoutineTimer()
    timer.player.query = "?reps=99"
    assert timer.banner.layout.display is None
    assert "could not be used" in timer.prescribed.value
