"""Cue tones, made in code, and which of them are due as the timer moves on.

Each cue is a short WAV (16-bit mono, 22050 Hz) built from sine waves, so the series ships no
sound files and every tone can be regenerated and tested. Each kind has its own shape, so a
reader lying on their side can follow the routine by ear without looking at the screen.
"""

from __future__ import annotations

import array
import io
import math
import sys
import wave
from collections.abc import Sequence
from functools import cache, lru_cache

from lowback.routine import Phase

__all__ = ["COUNTDOWN_S", "CUE_KINDS", "SAMPLE_RATE_HZ", "cue_times", "cue_wav", "cues_due"]

SAMPLE_RATE_HZ = 22050
CUE_KINDS = ("lift", "hold", "lower", "rest", "final_hold", "countdown")
# Rests end with a tick on each of these last seconds, so the reader is ready for the final hold.
COUNTDOWN_S = (3, 2, 1)

# Peak level of each cue as a fraction of full scale: loud enough to hear across a room from a
# laptop, clear of clipping; the rest tone and the ticks are meant to sound softer than the rest.
_LEVELS = {"rest": 0.35, "countdown": 0.45}
_DEFAULT_LEVEL = 0.6
# Long enough that a note's edges do not click, short enough that a 60 ms tick stays crisp.
_FADE_S = 0.008

_C5, _E5, _G5 = 523.25, 659.25, 783.99

# Samples are plain lists of floats: the standard library is enough for a few short tones, and
# the routine page's kernel then never imports numpy.
Samples = list[float]


def _fade(samples: Samples) -> Samples:
    n = min(int(_FADE_S * SAMPLE_RATE_HZ), len(samples) // 2)
    if n:
        # Raised cosine: no corner at either end.
        ramp = [0.5 - 0.5 * math.cos(math.pi * i / (n - 1)) if n > 1 else 0.0 for i in range(n)]
        for i, gain in enumerate(ramp):
            samples[i] *= gain
            samples[-1 - i] *= gain
    return samples


def _tone(freq_hz: float, duration_s: float, end_freq_hz: float | None = None) -> Samples:
    """A sine of `duration_s`, gliding to `end_freq_hz` if given, with faded edges."""
    n = int(round(duration_s * SAMPLE_RATE_HZ))
    end = freq_hz if end_freq_hz is None else end_freq_hz
    step = (end - freq_hz) / (n - 1) if n > 1 else 0.0
    samples: Samples = []
    phase = 0.0
    for i in range(n):
        # Integrating the frequency keeps the wave continuous while its pitch slides.
        phase += 2 * math.pi * (freq_hz + step * i) / SAMPLE_RATE_HZ
        samples.append(math.sin(phase))
    return _fade(samples)


def _silence(duration_s: float) -> Samples:
    return [0.0] * int(round(duration_s * SAMPLE_RATE_HZ))


def _mix_at(parts: Sequence[tuple[float, Samples]]) -> Samples:
    """Overlay (offset_s, samples) pairs into one buffer."""
    length = max(int(round(offset * SAMPLE_RATE_HZ)) + len(s) for offset, s in parts)
    out = [0.0] * length
    for offset_s, samples in parts:
        start = int(round(offset_s * SAMPLE_RATE_HZ))
        for i, value in enumerate(samples):
            out[start + i] += value
    return out


def _shape(kind: str) -> Samples:
    if kind == "lift":  # up: two notes, low then high
        return _tone(_C5, 0.13) + _silence(0.03) + _tone(_G5, 0.2)
    if kind == "hold":  # steady: one mid note
        return _tone(_E5, 0.3)
    if kind == "lower":  # down and slow: a falling glide
        return _tone(700.0, 0.45, end_freq_hz=350.0)
    if kind == "rest":  # calm: one low, soft note
        return _tone(262.0, 0.5)
    if kind == "final_hold":  # the big one: three notes that build into a chord
        return _mix_at(
            [
                (0.0, _tone(_C5, 0.5)),
                (0.12, _tone(_E5, 0.38)),
                (0.24, _tone(_G5, 0.26)),
            ]
        )
    if kind == "countdown":  # a short high tick
        return _tone(1000.0, 0.06)
    raise ValueError(f"cue kind must be one of {', '.join(CUE_KINDS)} (got {kind!r})")


@cache
def cue_wav(kind: str) -> bytes:
    """The WAV file bytes for cue `kind`, one of CUE_KINDS."""
    samples = _shape(kind)
    # Normalised by the actual peak, so overlapping notes can never add up past full scale.
    level = _LEVELS.get(kind, _DEFAULT_LEVEL) / max(abs(s) for s in samples)
    pcm = array.array("h", (round(s * level * 32767) for s in samples))
    if sys.byteorder == "big":  # WAV is little-endian
        pcm.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE_HZ)
        wav.writeframes(pcm.tobytes())
    return buffer.getvalue()


@lru_cache(maxsize=32)
def cue_times(schedule: tuple[Phase, ...]) -> tuple[tuple[float, str], ...]:
    """Every (elapsed seconds, cue kind) a schedule sounds, in time order.

    A cue at the start of each lift, hold, lower, rest and final hold (the lead-in is silent:
    the reader has just pressed Start), a countdown tick on each of the last three seconds of a
    rest, leaving out any that would fall at or before the rest's own start, and the lowering
    tone at the final hold's cap: a reader lying with their eyes closed hears that the hold is
    over. Nothing counts down to the cap, which is a limit, not a target; a reader who stops the
    hold sooner ends the routine there, and the cap's tone never sounds.
    """
    events: list[tuple[float, str]] = []
    for phase in schedule:
        if phase.kind in CUE_KINDS:
            events.append((phase.start_s, phase.kind))
        if phase.kind == "rest":
            for before_s in COUNTDOWN_S:
                at_s = phase.end_s - before_s
                if at_s > phase.start_s:
                    events.append((at_s, "countdown"))
        if phase.kind == "final_hold":
            events.append((phase.end_s, "lower"))
    # Stable sort keeps a phase's own cue ahead of anything sharing its moment.
    return tuple(sorted(events, key=lambda event: event[0]))


def cues_due(
    schedule: Sequence[Phase], previous_elapsed_s: float, elapsed_s: float
) -> tuple[str, ...]:
    """The cue kinds whose moment falls after `previous_elapsed_s` and at or before `elapsed_s`.

    A view calls this on every tick with the timer's elapsed time before and after, so each cue
    sounds exactly once however the ticks fall. A tick that jumped over several moments gets all
    of them, oldest first; going backwards (a reset) gets none. A cue at 0 s (none in a
    schedule from build_schedule, which opens with the silent lead-in) needs a negative
    `previous_elapsed_s`.
    """
    return tuple(
        kind for at_s, kind in cue_times(tuple(schedule)) if previous_elapsed_s < at_s <= elapsed_s
    )
