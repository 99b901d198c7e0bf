import io
import wave

import numpy as np
import pytest

from lowback.routine import DEFAULT_ROUTINE, Routine, build_schedule
from lowback.sound import CUE_KINDS, SAMPLE_RATE_HZ, cue_times, cue_wav, cues_due


def read_wav(data: bytes):
    with wave.open(io.BytesIO(data), "rb") as wav:
        params = wav.getparams()
        samples = np.frombuffer(wav.readframes(params.nframes), dtype="<i2")
    return params, samples


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(float)))
    return float(np.fft.rfftfreq(len(samples), 1 / SAMPLE_RATE_HZ)[np.argmax(spectrum)])


def test_cue_kinds_are_the_sounding_phases_and_the_countdown():
    assert CUE_KINDS == ("lift", "hold", "lower", "rest", "final_hold", "countdown")


@pytest.mark.parametrize("kind", CUE_KINDS)
def test_each_cue_is_a_short_16_bit_mono_wav(kind):
    params, samples = read_wav(cue_wav(kind))
    assert params.nchannels == 1
    assert params.sampwidth == 2
    assert params.framerate == SAMPLE_RATE_HZ == 22050
    duration_s = params.nframes / params.framerate
    assert 0.03 <= duration_s <= 0.6
    assert len(samples) == params.nframes


@pytest.mark.parametrize("kind", CUE_KINDS)
def test_each_cue_is_audible_and_never_clips(kind):
    _, samples = read_wav(cue_wav(kind))
    peak = int(np.max(np.abs(samples.astype(int))))
    assert peak < 32767 * 0.9
    assert peak > 32767 * 0.2


@pytest.mark.parametrize("kind", CUE_KINDS)
def test_each_cue_fades_in_and_out_so_it_does_not_click(kind):
    _, samples = read_wav(cue_wav(kind))
    edge = samples.astype(int)
    assert abs(edge[0]) < 200
    assert abs(edge[-1]) < 200
    peak = np.max(np.abs(edge))
    # The first and last 2 ms stay well below the peak.
    two_ms = int(0.002 * SAMPLE_RATE_HZ)
    assert np.max(np.abs(edge[:two_ms])) < peak / 2
    assert np.max(np.abs(edge[-two_ms:])) < peak / 2


def test_every_cue_sounds_different():
    sounds = [cue_wav(kind) for kind in CUE_KINDS]
    assert len(set(sounds)) == len(CUE_KINDS)


def test_lift_rises_and_lower_falls():
    _, lift = read_wav(cue_wav("lift"))
    _, lower = read_wav(cue_wav("lower"))
    half = len(lift) // 2
    assert dominant_hz(lift[:half]) < dominant_hz(lift[half:])
    half = len(lower) // 2
    assert dominant_hz(lower[:half]) > dominant_hz(lower[half:])


def test_rest_is_low_and_soft_and_countdown_is_a_short_tick():
    _, rest = read_wav(cue_wav("rest"))
    _, hold = read_wav(cue_wav("hold"))
    _, tick = read_wav(cue_wav("countdown"))
    assert dominant_hz(rest) < dominant_hz(hold)
    assert np.max(np.abs(rest.astype(int))) < np.max(np.abs(hold.astype(int)))
    assert len(tick) / SAMPLE_RATE_HZ <= 0.1


def test_cues_are_cached():
    assert cue_wav("lift") is cue_wav("lift")


def test_an_unknown_cue_kind_is_refused():
    with pytest.raises(ValueError, match="cue kind"):
        cue_wav("lead_in")


SMALL = build_schedule(
    Routine(reps=2, lift_s=1.0, hold_s=2.0, lower_s=3.0, rest_s=10.0, lead_in_s=4.0)
)
# lead_in 0-4, lift 4-5, hold 5-7, lower 7-10, lift 10-11, hold 11-13, lower 13-16,
# rest 16-26, final hold from 26 to its cap at 86.


def test_cue_moments_for_a_small_schedule():
    assert cue_times(SMALL) == (
        (4.0, "lift"),
        (5.0, "hold"),
        (7.0, "lower"),
        (10.0, "lift"),
        (11.0, "hold"),
        (13.0, "lower"),
        (16.0, "rest"),
        (23.0, "countdown"),
        (24.0, "countdown"),
        (25.0, "countdown"),
        (26.0, "final_hold"),
        (86.0, "lower"),  # the cap: the hold is over, lower the leg
    )


def test_walking_the_small_schedule_in_ticks_sounds_every_cue_once_in_order():
    heard = []
    previous_s = 0.0
    for tick in range(1, 90 * 10 + 1):
        elapsed_s = tick / 10
        heard.extend(cues_due(SMALL, previous_s, elapsed_s))
        previous_s = elapsed_s
    assert tuple(heard) == tuple(kind for _, kind in cue_times(SMALL))


@pytest.mark.parametrize(
    ("previous_s", "elapsed_s", "expected"),
    [
        (0.0, 3.9, ()),  # the lead-in is silent
        (3.9, 4.0, ("lift",)),  # a cue sounds on the tick that reaches its moment...
        (4.0, 4.1, ()),  # ...and not again on the next one
        (4.5, 4.5, ()),  # no time passed
        (4.1, 5.0, ("hold",)),
        (0.0, 7.5, ("lift", "hold", "lower")),  # a late tick catches up, oldest first
        (16.0, 22.9, ()),
        (22.9, 23.0, ("countdown",)),
        (23.5, 24.5, ("countdown",)),
        (24.999, 25.0, ("countdown",)),
        (25.0, 25.999, ()),
        (25.999, 26.0, ("final_hold",)),
        (26.0, 85.9, ()),  # nothing counts down to the cap: it is a limit, not a target
        (85.9, 86.0, ("lower",)),  # the cap's tone: the hold is over
        (86.0, 1000.0, ()),
        (20.0, 10.0, ()),  # time went backwards (a reset): nothing
        (15.5, 26.0, ("rest", "countdown", "countdown", "countdown", "final_hold")),
    ],
)
def test_cues_due_between_two_elapsed_times(previous_s, elapsed_s, expected):
    assert cues_due(SMALL, previous_s, elapsed_s) == expected


def test_default_routine_counts_down_the_last_three_seconds_of_the_rest():
    schedule = build_schedule(DEFAULT_ROUTINE)
    countdowns = [at for at, kind in cue_times(schedule) if kind == "countdown"]
    assert countdowns == [102.0, 103.0, 104.0]
    kinds = [kind for _, kind in cue_times(schedule)]
    assert kinds.count("lift") == kinds.count("hold") == 10
    # Each rep's lowering, and the cap at the end of the final hold (105 + 60 s).
    assert kinds.count("lower") == 11
    assert cue_times(schedule)[-1] == (165.0, "lower")
    assert kinds.count("rest") == kinds.count("final_hold") == 1


@pytest.mark.parametrize("rest_s", [10.0, 10.5, 30.0, 120.0])
def test_every_rest_a_routine_allows_has_its_three_ticks_inside_it(rest_s):
    schedule = build_schedule(Routine(reps=1, rest_s=rest_s))
    rest = schedule[-2]
    countdowns = [at for at, kind in cue_times(schedule) if kind == "countdown"]
    assert countdowns == [rest.end_s - 3, rest.end_s - 2, rest.end_s - 1]


@pytest.mark.parametrize("cap_s", [10.0, 45.5, 120.0])
def test_the_caps_tone_sounds_at_the_end_of_the_final_hold_and_only_there(cap_s):
    schedule = build_schedule(Routine(reps=1, rest_s=10, final_hold_max_s=cap_s))
    final = schedule[-1]
    after_start = [(at, kind) for at, kind in cue_times(schedule) if at > final.start_s]
    assert after_start == [(final.start_s + cap_s, "lower")]


def test_cues_due_accepts_any_sequence_of_phases():
    assert cues_due(list(SMALL), 3.9, 4.0) == ("lift",)
