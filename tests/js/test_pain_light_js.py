"""The browser's pain traffic light against the Python reference, under Node.

The routine page decides the light after a session in the reader's browser, so it shows with or
without the network (lowback/widgets/js/pain_light.js), from the numbers and the words the
kernel sent with the plan (lowback.pain.browser_rule). Here it runs on every combination the
page can meet: pain before and after each 0 to 10 or not given, a stop symptom ticked, not
ticked or not answered, and the next morning settled, not settled or not asked yet; colour,
reason, headline and message must match lowback.pain.pain_light exactly.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from lowback.pain import browser_rule, pain_light
from lowback.routine import DEFAULT_ROUTINE
from lowback.widgets.player import player_esm
from lowback.widgets.timer_view import player_plan
from tests.support.node_runner import run_with_module

JS_DIR = Path(__file__).resolve().parents[2] / "lowback" / "widgets" / "js"
PAIN_LIGHT_JS = JS_DIR / "pain_light.js"

SCORES = [None, *range(11)]
COMBINATIONS = list(itertools.product(SCORES, SCORES, [False, True, None], [None, True, False]))

RUNNER = """
import { readFileSync } from "node:fs";
import { painLight } from "./pain_light.mjs";
const { rule, cases } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = cases.map(([before, after, stop, settled]) =>
  painLight(rule, before, after, { stopSymptoms: stop, settledNextMorning: settled }));
console.log(JSON.stringify(out));
"""


def run_node(cases: list, tmp_path: Path, rule: dict | None = None) -> list:
    data = tmp_path / "in.json"
    data.write_text(json.dumps({"rule": browser_rule() if rule is None else rule, "cases": cases}))
    return run_with_module(
        PAIN_LIGHT_JS,
        "pain_light.mjs",
        RUNNER.replace("process.argv[2]", json.dumps(str(data))),
        tmp_path,
    )


def python_light(before, after, stop, settled) -> dict | None:
    light = pain_light(before, after, stop_symptoms=stop, settled_next_morning=settled)
    if light is None:
        return None
    return {
        "colour": light.colour,
        "reason": light.reason,
        "headline": light.headline,
        "message": light.message,
    }


def test_the_browser_gives_the_same_light_and_words_for_every_combination(tmp_path):
    made = run_node([list(case) for case in COMBINATIONS], tmp_path)
    assert len(made) == len(COMBINATIONS) == 1296
    mismatched = [
        (case, js, python_light(*case))
        for case, js in zip(COMBINATIONS, made, strict=True)
        if js != python_light(*case)
    ]
    assert not mismatched, mismatched[:3]
    # Every colour and every reason is reached, so the comparison covers each branch.
    assert {m["reason"] for m in made if m} == set(browser_rule()["lights"])


def test_the_browser_takes_its_numbers_and_words_from_the_kernel_not_its_own(tmp_path):
    # Change every number and word the kernel sends: the page follows, so nothing clinical is
    # spelled only in JavaScript.
    rule = browser_rule()
    rule |= {"acceptable_max": 3, "stop_from": 6, "expected_rise_max": 0}
    rule["lights"] = {
        reason: {**words, "headline": f"H-{reason}", "message": f"M-{reason} {{after}}"}
        for reason, words in rule["lights"].items()
    }
    rule["check_tomorrow"] = {"green": "G!", "amber": "A!"}
    made = run_node([[2, 3, False, None], [2, 4, False, None], [2, 6, False, True]], tmp_path, rule)
    assert [(m["colour"], m["reason"], m["headline"], m["message"]) for m in made] == [
        ("amber", "big_rise", "H-big_rise", "M-big_rise 3 A!"),
        ("amber", "high", "H-high", "M-high 4 A!"),
        ("red", "severe", "H-severe", "M-severe 6"),
    ]
    source = PAIN_LIGHT_JS.read_text()
    for words in browser_rule()["lights"].values():
        assert words["headline"] not in source
        assert words["message"][:30] not in source


def test_the_page_is_sent_the_rule_with_the_plan_and_runs_this_file():
    assert player_plan(DEFAULT_ROUTINE)["pain_light"]["rule"] == browser_rule()
    digest = hashlib.sha256(PAIN_LIGHT_JS.read_bytes()).hexdigest()
    assert f"// source pain_light.js sha256={digest}" in player_esm()
