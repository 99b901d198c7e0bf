"""The browser's copy of lowback.quiz_record against the Python reference, under Node.

lowback/widgets/js/quiz_record.js decides, in the reader's browser and without the network,
whether the saved quiz result lets the routine page skip "have you done the quiz?", and what
the check before every Start says. Here it runs on the same records (well-formed, old, future,
from other rules, other outcomes, and hostile: strings, huge numbers, wrong types, odd dates)
and the same ticks as the Python functions; every answer must match, as the player's do
(tests/js/test_player_js.py, whose way of running Node this follows).
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from pathlib import Path

from lowback.quiz_record import (
    RULES_VERSION,
    browser_settings,
    is_trusted,
    make_record,
    since_quiz_verdict,
)
from lowback.screening import OUTCOMES, since_quiz_signs
from lowback.widgets.page_helper import page_helper_esm
from lowback.widgets.player import player_esm
from tests.support.node_runner import run_with_module

JS_DIR = Path(__file__).resolve().parents[2] / "lowback" / "widgets" / "js"
RECORD_JS = JS_DIR / "quiz_record.js"
TODAYS = [date(2026, 12, 7), date(2028, 3, 14), date(2028, 3, 1), date(2027, 1, 3), date(1, 1, 15)]


def run_node(script: str, tmp_path: Path) -> object:
    return run_with_module(RECORD_JS, "record.mjs", script, tmp_path)


def record_texts(today: date) -> list[str]:
    """Records as the browser stores them: JSON text, some of it not from our quiz at all."""
    texts: list[str] = []
    for age in (-400, -2, -1, 0, 1, 7, 13, 14, 15, 16, 30, 3650):
        try:
            day = today - timedelta(days=age)
        except OverflowError:  # before year 1
            continue
        for outcome in OUTCOMES:
            texts.append(json.dumps(make_record(outcome, day)))
        good = make_record("routine_may_help", day)
        for rules in (RULES_VERSION - 1, RULES_VERSION + 1, 0, 1, 2, 3, 4):
            texts.append(json.dumps(good | {"rules": rules}))
    good = make_record("routine_may_help", today)
    iso, v = today.isoformat(), RULES_VERSION
    hostile_values = [
        None,
        True,
        False,
        0,
        -1,
        1e308,
        -1e308,
        2**53 + 1,
        10**30,
        RULES_VERSION + 1e-12,
        float(RULES_VERSION),
        "",
        "routine_may_help",
        str(RULES_VERSION),
        today.isoformat(),
        [],
        [RULES_VERSION],
        {},
        {"outcome": "routine_may_help"},
        "x" * 10_000,
    ]
    for field in ("outcome", "date", "rules"):
        for value in hostile_values:
            texts.append(json.dumps(good | {field: value}))
        texts.append(json.dumps({k: v for k, v in good.items() if k != field}))
    for date_text in (
        "2026-12-7",
        "20261207",
        "2026-W49-1",
        "2026-12-07T10:00",
        " 2026-12-07",
        "2026-12-07 ",
        "2026-12-07\n",
        "2026-02-29",
        "2028-02-29",
        "2026-02-30",
        "2026-04-31",
        "2026-00-10",
        "2026-13-10",
        "2026-12-00",
        "2026-12-32",
        "0000-12-07",
        "0001-01-01",
        "0099-12-31",
        "1900-02-29",
        "2000-02-29",
        "+02026-12-07",
        "-2026-12-07",
        "２０２６-12-07",
        "2026\u201312\u201307",
    ):
        texts.append(json.dumps(good | {"date": date_text}))
    texts += [
        "null",
        "0",
        "3",
        "true",
        '"routine_may_help"',
        "[]",
        json.dumps([good]),
        json.dumps(good | {"extra": 1}),
        json.dumps(good | {"__proto__": {"outcome": "routine_may_help"}}),
        f'{{"outcome":"urgent","outcome":"routine_may_help","date":"{iso}","rules":{v}}}',
        f'{{"outcome":"routine_may_help","date":"{iso}","rules":{v},"rules":{v + 1}}}',
        f'{{"outcome":"routine_may_help","date":"{iso}","rules":{v}.0}}',
        f'{{"outcome":"routine_may_help","date":"{iso}","rules":{v}e0}}',
        f'{{"outcome":"routine_may_help","date":"{iso}","rules":1e999}}',
        f'{{"outcome":"routine_\\u006day_help","date":"{iso}","rules":{v}}}',
    ]
    return texts


def python_reads(text: str) -> object:
    """What the browser's JSON.parse gives, as Python sees it (1e999 is Infinity in both)."""
    return json.loads(text)


def test_the_browser_trusts_exactly_the_records_python_trusts(tmp_path):
    cases = [(text, today) for today in TODAYS for text in record_texts(today)]
    payload = [[text, today.isoformat()] for text, today in cases]
    script = (
        'import { isTrusted } from "./record.mjs";\n'
        f"const settings = {json.dumps(browser_settings())};\n"
        f"const cases = {json.dumps(payload)};\n"
        "console.log(JSON.stringify(cases.map(([text, today]) =>"
        " isTrusted(JSON.parse(text), today, settings))));\n"
    )
    results = run_node(script, tmp_path)
    assert len(results) == len(cases) > 1000
    expected = [is_trusted(python_reads(text), today) for text, today in cases]
    mismatches = [
        (text, today, js, py)
        for (text, today), js, py in zip(cases, results, expected, strict=True)
        if js is not py
    ]
    assert mismatches == []
    # Both answers occur, at the edges that matter.
    assert sum(expected) >= 5 * 15 and not all(expected)


def test_the_browser_makes_the_record_python_makes_and_writes_todays_date_as_python_does(
    tmp_path,
):
    days = [date(2026, 12, 7), date(2028, 2, 29), date(1, 1, 1), date(999, 9, 9)]
    script = (
        'import { makeQuizRecord, localIsoDate } from "./record.mjs";\n'
        f"const settings = {json.dumps(browser_settings())};\n"
        f"const outcomes = {json.dumps(list(OUTCOMES))};\n"
        f"const days = {json.dumps([[d.year, d.month, d.day] for d in days])};\n"
        "const dated = days.map(([y, m, d]) => { const at = new Date(2000, 0, 1, 12);"
        " at.setFullYear(y, m - 1, d); return localIsoDate(at); });\n"
        "const made = outcomes.map((o) => makeQuizRecord(o, dated[0], settings));\n"
        "console.log(JSON.stringify({ dated, made }));\n"
    )
    out = run_node(script, tmp_path)
    assert out["dated"] == [d.isoformat() for d in days]
    assert out["made"] == [make_record(o, days[0]) for o in OUTCOMES]


def test_the_browser_reads_the_check_before_start_as_python_does(tmp_path):
    signs = since_quiz_signs()
    ids = [s.id for s in signs]
    rng = random.Random(20261207)
    cases = [([], False), ([], True)]
    cases += [([i], none) for i in ids for none in (False, True)]
    cases += [(rng.sample(ids, rng.randint(2, len(ids))), rng.random() < 0.5) for _ in range(200)]
    plan_signs = [{"id": s.id, "words": s.words, "level": s.level} for s in signs]
    script = (
        'import { sinceQuizVerdict } from "./record.mjs";\n'
        f"const signs = {json.dumps(plan_signs)};\n"
        f"const cases = {json.dumps(cases)};\n"
        "console.log(JSON.stringify(cases.map(([t, n]) => sinceQuizVerdict(signs, t, n))));\n"
    )
    results = run_node(script, tmp_path)
    expected = [since_quiz_verdict(signs, ticked, none) for ticked, none in cases]
    assert results == expected
    assert set(expected) == {"unanswered", "clear", "emergency", "urgent"}


def test_the_key_and_the_version_reach_the_browser_only_from_python():
    key = browser_settings()["key"]
    for path in JS_DIR.glob("*.js"):
        text = path.read_text()
        assert key not in text, path.name
        assert "routine_may_help" not in text, path.name
    # The page and the quiz load the same functions: both modules are built from this file as
    # it is now (their headers name each source by its SHA-256).
    digest = hashlib.sha256(RECORD_JS.read_bytes()).hexdigest()
    for esm in (player_esm(), page_helper_esm()):
        assert f"// source quiz_record.js sha256={digest}\n" in esm
        assert "\n// quiz_record.js\n" in esm
