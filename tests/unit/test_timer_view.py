"""The timer widget without a browser: a fake clock moves time, update() redraws."""

import asyncio
import html
import re
import threading

import ipywidgets as widgets
import pytest

from lowback.drawing.catalogue import FRAME_ALT_TEXT as ALT_TEXT
from lowback.drawing.catalogue import FRAMES
from lowback.routine import DEFAULT_ROUTINE, Routine, build_schedule
from lowback.sound import cue_wav
from lowback.timer import RoutineTimer as TimerCore
from lowback.widgets import RoutineTimer
from lowback.widgets.timer_view import (
    NOT_GIVEN,
    describe,
    format_seconds_left,
    next_wake_s,
    settings_message,
)

# 1 s lead-in, then 2 reps of 1 s lift, 2 s hold, 1 s lower, then a 4 s rest: the final hold
# starts at 1 + 2 * 4 + 4 = 13 s.
SHORT = Routine(reps=2, lift_s=1, hold_s=2, lower_s=1, rest_s=4, lead_in_s=1)
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


def make(routine: Routine = SHORT):
    clock = FakeClock()
    return RoutineTimer(routine, clock=clock), clock


def in_thread(function):
    """Call `function()` in a thread of its own and return what it returns.

    Playwright's sync API (the browser tests, same session) keeps a loop marked as running
    in the main thread, so loop-sensitive code is tried in a clean thread."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def run_fresh(coroutine):
    """Run a coroutine to the end on a new event loop."""
    return in_thread(lambda: asyncio.run(coroutine))


def in_loop(body):
    """Run `body()` inside a running event loop, as a button click in a kernel is."""

    async def main():
        return body()

    return run_fresh(main())


def other_tasks():
    return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]


def started(routine: Routine = SHORT):
    """A widget whose Start was clicked inside a loop; the loop has ended, so its task is
    gone and the test drives update() by hand."""
    timer, clock = make(routine)
    in_loop(timer.start_button.click)
    return timer, clock


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
        (0.2, "Get ready", "1 s left", "Repetition 1 of 2 comes next", "start"),
        (1.5, "Lift", "1 s left", "Rep 1 of 2", "lift"),
        (2.0, "Hold 2", "2 s left", "Rep 1 of 2", "hold"),
        (4.1, "Lower slowly", "1 s left", "Rep 1 of 2", "lower"),
        (5.0, "Lift", "1 s left", "Rep 2 of 2", "lift"),
        (9.5, "Rest", "4 s left", "All 2 repetitions done", "start"),
        (16.7, "Hold as long as you can", "Held 3 s", "The last long hold", "hold"),
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
    assert shown.can_finish_hold == (title == "Hold as long as you can")
    assert 0.0 < shown.progress <= 1.0


def test_before_start_the_screen_says_ready_and_how_to_lie():
    shown = describe(TimerCore(build_schedule(SHORT)).status(), SHORT)
    assert shown.title == "Ready"
    assert shown.time_text == "Press Start"
    assert shown.cue == "Lie on your left side, sore right side up, thumb on the sore spot"
    assert shown.progress == 0.0
    assert shown.best_text == ""


def test_the_progress_bar_fills_over_the_timed_part_of_the_routine():
    clock = FakeClock()
    timer = TimerCore(build_schedule(SHORT), clock=clock)
    timer.start()
    clock.advance(6.5)
    assert describe(timer.status(), SHORT).progress == pytest.approx(6.5 / 13)


def test_a_settings_message_uses_the_name_on_screen():
    with pytest.raises(ValueError) as error:
        Routine(hold_s=0)
    message = settings_message("hold_s", error.value)
    assert message.startswith("Hold, seconds: must be a number of seconds above 0")
    assert message.endswith("The previous value is kept.")


# -- the widget at rest ------------------------------------------------------------------------


def test_settings_start_with_the_routines_numbers():
    timer, _ = make(DEFAULT_ROUTINE)
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


def test_building_the_widget_starts_nothing_even_inside_a_running_loop():
    def build():
        timer, _ = make()
        return timer, other_tasks()

    timer, tasks = in_loop(build)
    assert tasks == []
    assert timer.running_task is None
    assert text(timer.phase_name) == "Ready"
    assert timer.sound.children == ()
    assert timer.cues_played == []


def test_the_widget_prints_as_one_short_sentence():
    timer, _ = make(DEFAULT_ROUTINE)
    assert repr(timer) == (
        "A guided timer for the routine on the right side: 10 repetitions, 2 s hold, 30 s rest, "
        "then one long hold. It works when the notebook runs in JupyterLab or Voila."
    )


def test_every_control_has_a_name_and_the_buttons_names_are_unique():
    timer, _ = make()
    names = [b.description for b in (timer.start_button, timer.pause_button, timer.reset_button)]
    names.append(timer.finish_button.description)
    assert names == ["Start", "Pause", "Reset", "I can't hold any longer"]
    controls = [timer.side, timer.reps, *timer.seconds.values(), timer.mute]
    controls += [timer.pain_before, timer.pain_after]
    descriptions = [c.description for c in controls]
    assert all(descriptions) and len(set(descriptions)) == len(descriptions)


# -- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad", "words"),
    [
        ("reps", 40, "Repetitions: must be a whole number from 1 to 30 (got 40)"),
        ("reps", 0, "Repetitions: must be a whole number from 1 to 30 (got 0)"),
        ("hold_s", 0.0, "Hold, seconds: must be a number of seconds above 0"),
        ("rest_s", 601.0, "Rest, seconds: must be a number of seconds above 0 and at most 600"),
        ("lead_in_s", -1.0, "Get ready, seconds: must be a number of seconds above 0"),
    ],
)
def test_a_bad_setting_shows_a_message_and_changes_nothing_else(field, bad, words):
    timer, _ = make()
    control = timer.reps if field == "reps" else timer.seconds[field]
    before = timer.routine
    control.value = bad
    assert words in text(timer.settings_note)
    assert 'role="alert"' in timer.settings_note.value
    assert control.value == getattr(before, field), "the box goes back to the kept value"
    assert timer.routine == before
    assert text(timer.phase_name) == "Ready"


def test_a_good_setting_changes_the_routine_and_clears_the_message():
    timer, _ = make()
    timer.reps.value = 40
    timer.reps.value = 3
    assert timer.routine.reps == 3
    assert timer.settings_note.value == ""
    assert text(timer.rep_count) == "3 repetitions, then a rest and one long hold"


def test_the_side_setting_turns_the_cue_and_the_pictures_round():
    timer, _ = make()
    timer.side.value = "left"
    assert timer.routine.side == "left"
    assert (
        text(timer.cue_text) == "Lie on your right side, sore left side up, thumb on the sore spot"
    )
    from lowback.drawing.pictures import frame_html

    assert timer.pictures["start"].value == frame_html("start", "left", full_caption=False)


def test_settings_are_locked_while_the_routine_runs_and_free_after_reset():
    timer, _ = started()
    assert all(c.disabled for c in (timer.side, timer.reps, *timer.seconds.values()))
    timer.reps.value = 5  # only code can change a disabled box
    assert timer.reps.value == 2
    assert timer.routine == SHORT
    assert "cannot change while the routine runs" in text(timer.settings_note)
    timer.reset_button.click()
    assert not any(c.disabled for c in (timer.side, timer.reps, *timer.seconds.values()))


# -- start, and only one task ------------------------------------------------------------------


def test_start_twice_makes_one_task_and_says_the_timer_is_running():
    def click_twice():
        timer, _ = make()
        timer.start_button.click()
        first = timer.running_task
        timer.start_button.click()
        return timer, first, other_tasks()

    timer, first, tasks = in_loop(click_twice)
    assert first is not None
    assert tasks == [first]
    assert "already running" in text(timer.message)


def test_the_task_updates_the_display_while_the_loop_runs():
    async def run():
        timer = RoutineTimer(SHORT, tick_s=0.01)
        timer.start_button.click()
        await asyncio.sleep(0.05)
        assert text(timer.phase_name) == "Get ready"
        timer.reset_button.click()
        await asyncio.sleep(0.02)
        return timer

    timer = run_fresh(run())
    assert timer.running_task is None


@pytest.mark.parametrize(
    ("next_change_s", "sleep_s"),
    [(None, 0.1), (5.0, 0.1), (0.1, 0.1), (0.03, 0.032), (0.0, 0.002)],
)
def test_the_task_wakes_at_the_next_phase_boundary_if_it_comes_before_the_tick(
    next_change_s, sleep_s
):
    assert next_wake_s(0.1, next_change_s) == pytest.approx(sleep_s)


def test_a_phase_change_shows_when_due_not_at_the_next_tick():
    # With a tick far longer than the lead-in, only waking at the boundary shows "Lift" on time.
    async def run():
        timer = RoutineTimer(SHORT, tick_s=30.0)
        timer.start_button.click()
        await asyncio.sleep(SHORT.lead_in_s + 0.15)
        shown = text(timer.phase_name)
        timer.reset_button.click()
        await asyncio.sleep(0.01)
        return shown

    assert "Lift" in run_fresh(run())


def test_start_moves_the_keyboard_focus_to_pause_so_space_pauses(monkeypatch):
    timer, _ = make()
    focused = []
    monkeypatch.setattr(timer.pause_button, "focus", lambda: focused.append("Pause"))
    in_loop(timer.start_button.click)
    assert focused == ["Pause"]


def test_start_without_a_running_loop_explains_and_starts_nothing():
    timer, _ = make()
    in_thread(timer.start_button.click)
    assert "needs a running notebook kernel" in text(timer.message)
    assert text(timer.phase_name) == "Ready"


def test_reset_cancels_the_task_and_a_new_start_makes_a_new_one():
    def reset_and_restart():
        timer, _ = make()
        timer.start_button.click()
        first = timer.running_task
        timer.reset_button.click()
        timer.start_button.click()
        return first, timer.running_task, other_tasks()

    first, second, tasks = in_loop(reset_and_restart)
    assert first.cancelling() or first.cancelled()
    assert second is not first
    assert second in tasks


# -- the display as time passes ------------------------------------------------------------------


def test_the_display_follows_the_clock_through_every_phase():
    timer, clock = started()
    seen = []
    for _ in range(200):
        timer.update()
        title = text(timer.phase_name)
        if not seen or seen[-1] != title:
            seen.append(title)
        clock.advance(0.1)
    assert seen == [
        "Get ready",
        "Lift",
        "Hold 2",
        "Lower slowly",
        "Lift",
        "Hold 2",
        "Lower slowly",
        "Rest",
        "Hold as long as you can",
    ]


def test_the_picture_changes_only_when_the_phase_needs_another():
    timer, clock = started()
    assert timer.frame == "start"
    visible = [name for name, p in timer.pictures.items() if p.layout.display != "none"]
    assert visible == ["start"]
    clock.advance(1.5)
    timer.update()
    assert timer.frame == "lift"
    visible = [name for name, p in timer.pictures.items() if p.layout.display != "none"]
    assert visible == ["lift"]
    for name in FRAMES:
        assert f'alt="{html.escape(ALT_TEXT[name])}"' in timer.pictures[name].value


def test_pause_freezes_the_time_left_and_resume_carries_on_from_it():
    timer, clock = started()
    clock.advance(3.5)  # 1.5 s into the 2 s hold of rep 1, which starts at 2 s
    timer.update()
    timer.pause_button.click()
    assert timer.pause_button.description == "Resume"
    assert text(timer.time_left) == "1 s left (paused)"
    clock.advance(30)
    timer.update()
    assert text(timer.phase_name) == "Hold 2"
    assert text(timer.time_left) == "1 s left (paused)"
    timer.pause_button.click()
    assert timer.pause_button.description == "Pause"
    clock.advance(0.6)
    timer.update()
    assert text(timer.phase_name) == "Lower slowly"


def test_pause_before_start_asks_for_start_first():
    timer, _ = make()
    timer.pause_button.click()
    assert text(timer.message) == "Press Start first."


def test_i_cant_hold_any_longer_works_only_in_the_final_hold_and_shows_the_seconds_held():
    timer, clock = started()
    assert timer.finish_button.disabled
    timer.finish_button.click()
    assert "for the last long hold" in text(timer.message)
    clock.advance(13 + 12.4)
    timer.update()
    assert not timer.finish_button.disabled
    assert text(timer.time_left) == "Held 12 s"
    timer.finish_button.click()
    assert text(timer.phase_name) == "Well done"
    assert text(timer.time_left) == "You held for 12 s"
    assert text(timer.best_hold) == "Best hold this session: 12 s"
    assert timer.finish_button.disabled


def test_the_best_hold_is_kept_across_runs_in_one_session():
    timer, clock = started()
    clock.advance(13 + 20)
    timer.update()
    timer.finish_button.click()
    in_loop(timer.start_button.click)  # a finished routine starts again
    assert text(timer.phase_name) == "Get ready"
    clock.advance(13 + 5)
    timer.update()
    assert text(timer.best_hold) == "Best hold this session: 20 s"
    timer.finish_button.click()
    assert text(timer.time_left) == "You held for 5 s"
    assert text(timer.best_hold) == "Best hold this session: 20 s"


def test_reset_goes_back_to_ready_and_keeps_the_settings():
    timer, clock = started()
    clock.advance(3)
    timer.update()
    timer.reset_button.click()
    assert text(timer.phase_name) == "Ready"
    assert text(timer.message) == "Reset. Press Start when you are ready."
    assert timer.routine == SHORT
    assert timer.running_task is None
    assert timer.progress.value == 0.0


# -- sound -------------------------------------------------------------------------------------


def test_each_cue_plays_once_as_an_autoplaying_wav_after_start():
    timer, clock = started()
    assert timer.sound.children == (), "the lead-in is silent"
    clock.advance(1.05)
    timer.update()
    (tone,) = timer.sound.children
    assert isinstance(tone, widgets.Audio)
    assert (tone.format, tone.autoplay, tone.loop) == ("wav", True, False)
    assert tone.value == cue_wav("lift")
    timer.update()
    assert timer.cues_played == ["lift"], "the same moment does not sound twice"


def test_the_rest_ends_with_countdown_ticks_each_its_own_element():
    timer, clock = started()
    clock.advance(9.05)  # the rest starts at 9 s and ends at 13 s
    timer.update()
    tones = list(timer.sound.children)
    for _ in range(45):
        clock.advance(0.1)
        timer.update()
        tones.extend(t for t in timer.sound.children if t not in tones)
    assert timer.cues_played == ["rest", "countdown", "countdown", "countdown", "final_hold"]
    # A new element for each: the same tick twice in a row must sound twice.
    assert len(tones) == 5
    assert [t.value for t in tones[1:4]] == [cue_wav("countdown")] * 3


def test_muted_no_tone_is_made():
    timer, clock = started()
    timer.mute.value = True
    for _ in range(140):
        clock.advance(0.1)
        timer.update()
    assert timer.sound.children == ()
    assert timer.cues_played == []


def test_muting_silences_a_tone_already_playing():
    timer, clock = started()
    clock.advance(1.05)
    timer.update()
    assert len(timer.sound.children) == 1
    timer.mute.value = True
    assert timer.sound.children == ()


def test_reset_silences_the_tone():
    timer, clock = started()
    clock.advance(1.05)
    timer.update()
    timer.reset_button.click()
    assert timer.sound.children == ()


# -- pain ----------------------------------------------------------------------------------------


def test_pain_scores_show_their_reading_once_both_are_given():
    timer, _ = make()
    assert timer.pain_before.value == NOT_GIVEN
    timer.pain_before.value = 6
    assert timer.pain_result.value == ""
    timer.pain_after.value = 3
    assert "went down by 3 points" in text(timer.pain_result)
    assert 'role="status"' in timer.pain_result.value


def test_worse_pain_shows_the_stop_rule_as_an_alert():
    timer, _ = make()
    timer.pain_before.value = 3
    timer.pain_after.value = 5
    assert "Stop the routine" in text(timer.pain_result)
    assert 'role="alert"' in timer.pain_result.value
