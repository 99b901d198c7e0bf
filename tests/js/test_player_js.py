"""The browser's player against the Python core: the same status, words, times and cues.

The player's pure functions (lowback/widgets/js/player_core.js) run under Node, on the same
routines and the same presses as lowback.timer.replay and lowback.widgets.timer_view.describe;
every answer must match exactly, so the page and the kernel can never disagree about where the
reader is. Node ships with this project's machines (the README says so); CI fails without it.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

from lowback.routine import Routine, build_schedule
from lowback.sound import cues_due
from lowback.timer import replay
from lowback.widgets.player import player_esm
from lowback.widgets.routine_plan import (
    _format_held,
    describe,
    format_seconds_left,
    player_plan,
)
from tests.support.node_runner import run_with_module

CORE_JS = Path(__file__).resolve().parents[2] / "lowback" / "widgets" / "js" / "player_core.js"
ROUTINES = [
    Routine(),
    # Every setting at its lowest, then at its highest (lowback.routine.BOUNDS).
    Routine(reps=1, lift_s=1, hold_s=1, lower_s=1, rest_s=10, lead_in_s=3, final_hold_max_s=10),
    Routine(
        reps=30,
        lift_s=10,
        hold_s=30,
        lower_s=10,
        rest_s=120,
        lead_in_s=30,
        final_hold_max_s=120,
    ),
    Routine(
        reps=3,
        lift_s=1.5,
        hold_s=2.25,
        lower_s=3.3,
        rest_s=17.7,
        lead_in_s=3.1,
        side="left",
        lowering="tip",
        final_hold_max_s=33.3,
    ),
]


def presses(rng: random.Random, schedule) -> list[tuple[str, float]]:
    """A plausible, sometimes silly, run of presses on the page's clock."""
    t = rng.uniform(0, 50)
    events: list[tuple[str, float]] = []
    end_of_timed = schedule[-1].start_s
    for _ in range(rng.randint(0, 9)):
        kind = rng.choice(["start", "start", "pause", "resume", "pause", "finish_hold", "reset"])
        t += rng.choice([0.0, rng.uniform(0, 3), rng.uniform(0, end_of_timed * 0.6 + 1)])
        events.append((kind, round(t, 3)))
    return events


def scenarios() -> list[dict]:
    rng = random.Random(20261202)
    cases = []
    for routine in ROUTINES:
        schedule = build_schedule(routine)
        hold_from, cap_at = schedule[-1].start_s, schedule[-1].end_s
        fixed = [
            [],
            [("start", 10.0)],
            [("start", 10.0), ("pause", 12.5), ("resume", 40.0)],
            [("start", 0.0), ("finish_hold", hold_from + 3.25)],
            [("start", 1.0), ("pause", 2.0), ("finish_hold", 3.0), ("resume", 4.0)],
            [("start", 5.0), ("reset", 6.0), ("start", 7.0), ("start", 8.0)],
            # The cap: the hold ends by itself, a stop pressed at or after it is too late, and
            # a pause in the hold moves the cap on by the pause.
            [("start", 0.0), ("finish_hold", cap_at)],
            [("start", 0.0), ("finish_hold", cap_at + 7.0), ("pause", cap_at + 8.0)],
            [("start", 0.0), ("pause", hold_from + 2.0), ("resume", cap_at + 50.0)],
            [("start", 0.0), ("pause", hold_from + 2.0), ("finish_hold", cap_at + 50.0)],
        ]
        for events in fixed + [presses(rng, schedule) for _ in range(25)]:
            last = events[-1][1] if events else 0.0
            for now in (last, last + 0.4, last + 1.0, last + hold_from + 5.5, last + cap_at):
                cases.append({"routine": routine, "events": events, "now": now})
    return cases


def run_node(script: str, tmp_path: Path) -> object:
    return run_with_module(CORE_JS, "core.mjs", script, tmp_path)


def test_the_player_and_the_python_timer_agree_on_status_and_words(tmp_path):
    cases = scenarios()
    payload = [
        {
            "plan": player_plan(case["routine"]),
            "events": case["events"],
            "now": case["now"],
        }
        for case in cases
    ]
    script = (
        'import { statusAt, describeAt } from "./core.mjs";\n'
        f"const cases = {json.dumps(payload)};\n"
        "const out = cases.map(c => { const s = statusAt(c.plan.phases, c.events, c.now);"
        " return [s, describeAt(c.plan, s)]; });\n"
        "console.log(JSON.stringify(out));\n"
    )
    results = run_node(script, tmp_path)
    assert len(results) == len(cases) > 600
    ended_at_cap = 0
    for case, (js_status, js_words) in zip(cases, results, strict=True):
        schedule = build_schedule(case["routine"])
        status = replay(schedule, case["events"], case["now"])
        context = (case["routine"], case["events"], case["now"])
        assert js_status == {
            "started": status.started,
            "index": status.index,
            "remaining_s": status.remaining_s,
            "running": status.running,
            "done": status.done,
            "paused": status.paused,
            "hold_s": status.hold_s,
            "elapsed_s": status.elapsed_s,
        }, context
        shown = describe(status, case["routine"])
        assert js_words == {
            "title": shown.title,
            "time": shown.time_text,
            "rep": shown.rep_text,
            "cue": shown.cue,
            "progress": shown.progress,
            "frame": shown.frame,
            "pauseLabel": shown.pause_label,
            "canFinish": shown.can_finish_hold,
        }, context
        ended_at_cap += status.done and status.hold_s == case["routine"].final_hold_max_s
    assert ended_at_cap > 40  # the cases reach the cap, not only the reader's stop


def test_the_player_formats_seconds_and_finds_cues_as_python_does(tmp_path):
    seconds = [0, 1e-10, 0.2, 0.999, 1, 1.0001, 2.5, 59.2, 59.999, 60, 61.5, 599.9, 3600.4]
    routine = Routine(reps=2, rest_s=10, final_hold_max_s=10)
    plan = player_plan(routine)
    schedule = build_schedule(routine)
    # The final hold runs from 29 s to its cap at 39 s.
    windows = [(-1, 0), (-1, 3), (0, 7.5), (7.5, 12.0), (12.0, 40.0), (40.0, 10.0), (-5, 99)]
    windows += [(29.0, 38.9), (38.9, 39.0), (39.0, 99.0)]
    script = (
        'import { formatSecondsLeft, formatHeld, cuesDue } from "./core.mjs";\n'
        f"const seconds = {json.dumps(seconds)};\n"
        f"const cues = {json.dumps(plan['cues'])};\n"
        f"const windows = {json.dumps(windows)};\n"
        "console.log(JSON.stringify({left: seconds.map(formatSecondsLeft),"
        " held: seconds.map(formatHeld), due: windows.map(([a, b]) => cuesDue(cues, a, b))}));\n"
    )
    out = run_node(script, tmp_path)
    assert out["left"] == [format_seconds_left(s) for s in seconds]
    assert out["held"] == [_format_held(s) for s in seconds]
    assert out["due"] == [list(cues_due(schedule, a, b)) for a, b in windows]


def test_the_module_the_page_loads_is_built_from_this_core_then_the_view():
    # `make frontend` bundles js/player_view.js with what it imports, this core first; the
    # bundle's header names each source by its SHA-256 (tests/widgets/test_widget_bundles.py).
    esm = player_esm()
    digest = hashlib.sha256(CORE_JS.read_bytes()).hexdigest()
    assert f"// source player_core.js sha256={digest}\n" in esm
    assert esm.index("\n// player_core.js\n") < esm.index("\n// player_view.js\n")
    assert re.search(r"\nexport \{\s*\w+ as default\s*\};\n\Z", esm)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", esm)  # nothing fetched at load
    assert not re.search(r"^\s*import\b", esm, re.M)  # no imports from elsewhere
