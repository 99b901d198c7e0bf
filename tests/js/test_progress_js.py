"""The browser's copy of lowback.progress against the Python reference, under Node.

The routine page reads the reader's sessions from localStorage and draws the chart, writes the
summary and the CSV itself with lowback/widgets/js/progress.js, so that any number of records
works without sending them to the kernel. Here that file runs on the same stored text as
lowback.progress (no records, one, 700, the cap of 1000 and one more; old records without the
later fields; and hostile text: wrong types, huge numbers, missing and extra fields, NaN,
nesting, strings made to be spreadsheet formulas) and everything it makes must be the same, byte
for byte, error messages included. It follows tests/js/test_player_js.py in running Node.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

from lowback.progress import (
    MAX_HOLD_S,
    MAX_JSON_CHARS,
    MAX_JSON_DEPTH,
    MAX_RECORDS,
    OPTIONAL_FIELDS,
    RECORD_FIELDS,
    RecordError,
    history_svg,
    records_from_json,
    session_to_ask_about,
    summarise,
    summary_text,
    to_csv,
)
from lowback.widgets.player import player_esm
from tests.support.node_runner import node

JS_DIR = Path(__file__).resolve().parents[2] / "lowback" / "widgets" / "js"
PROGRESS_JS = JS_DIR / "progress.js"

RUNNER = """
import { readFileSync, writeFileSync } from "node:fs";
import { recordsFromJson, historySvg, summarise, summaryText, toCsv, fixed1, RecordError,
  sessionToAskAbout } from "./progress.mjs";
const { texts, numbers, todays } = JSON.parse(readFileSync("./in.json", "utf8"));
const made = texts.map((text) => {
  try {
    const records = recordsFromJson(text);
    return { records, svg: historySvg(records), csv: toCsv(records),
             summary: summaryText(summarise(records)),
             asked: todays.map((today) => sessionToAskAbout(records, today)) };
  } catch (error) {
    return { error: error.message, refused: error instanceof RecordError };
  }
});
writeFileSync("./out.json", JSON.stringify({ made, fixed: numbers.map(fixed1) }));
"""


# The reader's own dates on which the page opens: the next visit asks about the last session
# from a day to a week before (lowback.progress.session_to_ask_about).
TODAYS = [
    "2026-01-01",
    "2026-01-02",
    "2026-06-15",
    "2026-11-29",
    "2026-11-30",
    "2026-12-01",
    "2026-12-07",
    "2026-12-08",
    "2027-03-01",
    "2029-12-31",
]


def run_node(texts: list[str], numbers: list[float], tmp_path: Path) -> dict:
    (tmp_path / "progress.mjs").write_text(PROGRESS_JS.read_text())
    (tmp_path / "run.mjs").write_text(RUNNER)
    # ASCII JSON, so that every character (a lone surrogate too) reaches Node as it is here.
    (tmp_path / "in.json").write_text(
        json.dumps({"texts": texts, "numbers": numbers, "todays": TODAYS})
    )
    subprocess.run(
        [node(), "run.mjs"], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads((tmp_path / "out.json").read_text())


def python_makes(text: str) -> dict:
    try:
        records = records_from_json(text)
    except RecordError as error:
        return {"error": str(error), "refused": True}
    return {
        "records": [r.to_dict() for r in records],
        "svg": history_svg(records),
        "csv": to_csv(records),
        "summary": summary_text(summarise(records)),
        "asked": [session_to_ask_about(records, today) for today in TODAYS],
    }


def good(rng: random.Random, day: int, *, old: bool = False) -> dict:
    """A record as the page writes it, on day `day` of 2026 or later."""
    record = {
        "date": f"{2026 + day // 336}-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}",
        "side": rng.choice(["left", "right"]),
        "reps": rng.randint(1, 30),
        "pain_before": rng.choice([None, *range(11)]),
        "pain_after": rng.choice([None, *range(11)]),
        "hold_s": rng.choice(
            [None, 0, 0.25, 42.25, 59.75, 3600, rng.randint(0, 600), round(rng.uniform(0, 90), 1)]
        ),
    }
    if not old:
        for field in OPTIONAL_FIELDS:
            if rng.random() < 0.8:
                record[field] = rng.choice([None, True, False])
    return record


def history(rng: random.Random, count: int, *, old: bool = False, per_day: int = 3) -> list:
    return [good(rng, i // per_day, old=old) for i in range(count)]


def sized_texts(rng: random.Random) -> list[str]:
    """Stored lists of every size that matters, written as the page and as people write JSON."""
    texts = ["", "   ", "null", " null\n", "[]", "[ ]", "\x1c\u3000"]
    for count in (1, 2, 3, 4, 16, 17, 60, 61, 700, MAX_RECORDS, MAX_RECORDS + 1):
        rows = history(rng, count)
        texts.append(json.dumps(rows, separators=(",", ":")))
        if count <= 61:
            texts.append(json.dumps(rows, indent=2))
    texts.append(json.dumps(history(rng, 700, old=True)))  # stored before the later fields
    mixed = history(rng, 40, old=True) + history(rng, 40)
    rng.shuffle(mixed)  # out of date order: drawn and exported oldest first, stably
    texts.append(json.dumps(mixed))
    texts.append(json.dumps(history(rng, 9, per_day=9)))  # all on one day
    # Averages that round at a tie (0.25 points), holds with no pain, pains with no hold.
    quarter = [good(rng, 0) | {"pain_before": 0, "pain_after": 1}]
    quarter += [good(rng, 1) | {"pain_before": 0, "pain_after": 0}] * 3
    texts.append(json.dumps(quarter))
    texts.append(json.dumps([good(rng, i) | {"pain_before": None} for i in range(5)]))
    texts.append(json.dumps([good(rng, i) | {"hold_s": None} for i in range(5)]))
    texts.append(json.dumps([good(rng, i) | {"pain_before": 7, "pain_after": 7} for i in range(3)]))
    # Pain before a session over weeks: every pair of scores, 13 and 14 days apart (read against
    # 2 points or 30% only from 14), with sessions between them that have no score before.
    for first in range(11):
        for latest in range(11):
            for days in (13, 14):
                rows = [
                    good(rng, 0) | {"date": "2026-11-01", "pain_before": first},
                    good(rng, 3) | {"date": "2026-11-04", "pain_before": None},
                    good(rng, 9) | {"date": f"2026-11-{1 + days:02d}", "pain_before": latest},
                ]
                texts.append(json.dumps(rows))
    # The next visit's question: the last session a day, a week and longer before, answered or
    # not, rated or not, after an earlier session of the same day.
    for day in ("2026-11-22", "2026-11-23", "2026-11-29", "2026-11-30", "2026-12-01"):
        for settled in (None, True, False, "absent"):
            for after in (None, 0, 4):
                last = BASE | {"date": day, "pain_after": after}
                if settled != "absent":
                    last["settled_next_morning"] = settled
                texts.append(json.dumps([BASE | {"date": "2026-11-20"}, last]))
    return texts


BASE = {
    "date": "2026-11-30",
    "side": "right",
    "reps": 10,
    "pain_before": 6,
    "pain_after": 3,
    "hold_s": 42.5,
}
HOSTILE_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    1,
    10,
    30,
    31,
    3600,
    3601,
    10**30,
    -(10**30),
    2**53 + 1,
    1e308,
    -1e308,
    5e-324,
    0.1,
    10.5,
    "",
    "5",
    "left",
    "2026-11-30",
    [],
    [5],
    {},
    {"value": 5},
    '=HYPERLINK("http://evil")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\tright",
    "x" * 5000,
]
# Written as JSON text, where Python and JavaScript read numbers differently.
RAW_NUMBERS = [
    "10.0",
    "1e1",
    "1E1",
    "10e0",
    "-0",
    "-0.0",
    "0.25",
    "1e999",
    "-1e999",
    "1e-999",
    "9" * 4300,
    "9" * 4301,
    "-" + "1" * 4301,
    "1" + "0" * 400,
    "3600.0000000000001",
    "0." + "0" * 400 + "1",
]


def raw(template: dict, field: str, literal: str) -> str:
    """A one-record list with `field` written exactly as `literal`."""
    marker = "__RAW__"
    return json.dumps([template | {field: marker}]).replace(f'"{marker}"', literal)


def hostile_texts(rng: random.Random) -> list[str]:
    texts = []
    around = history(rng, 3)
    for field in (*RECORD_FIELDS, *OPTIONAL_FIELDS):
        for value in HOSTILE_VALUES:
            texts.append(json.dumps([BASE | {field: value}]))
            texts.append(json.dumps(around[:2] + [BASE | {field: value}] + around[2:]))
        texts.append(json.dumps([{k: v for k, v in BASE.items() if k != field}]))
        for literal in RAW_NUMBERS + ["NaN", "Infinity", "-Infinity", "nul", "tru", "01", "1."]:
            texts.append(raw(BASE, field, literal))
    for key in ("mood", "Mood", "__proto__", "constructor", "1", "<img src=x>", "a" * 21, ""):
        texts.append(json.dumps([BASE | {key: 1}]))
        texts.append(json.dumps([{key: 1} | BASE]))
    texts += [
        json.dumps([BASE | {"zeta": 1, "2": 1}]),  # JavaScript would put "2" first
        json.dumps([{"2": 1, "zeta": 1}]),
        '[{"date":"2026-11-30","side":"right","reps":10,"pain_before":6,"pain_after":3,'
        '"hold_s":1,"reps":99}]',  # a key twice: the last value counts
        '[{"date":"2026-11-30","side":"right","reps":99,"pain_before":6,"pain_after":3,'
        '"hold_s":1,"reps":10}]',
        '[{"date":"2026-11-30","side":"\\u0072ight","reps":10,"pain_before":6,'
        '"pain_after":3,"hold_s":1}]',  # escapes spell a real side
        '[{"date":"2026-11-30","side":"\\ud800","reps":10,"pain_before":6,"pain_after":3,'
        '"hold_s":1}]',
        '[{"date":"2026-11-30","side":"right","reps":10,"pain_before":6,"pain_after":3,'
        '"hold_s":1}],',
    ]
    for day in (
        "2026-02-29",
        "2028-02-29",
        "1900-02-29",
        "2000-02-29",
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-1-01",
        "2026-11-30\n",
        " 2026-11-30",
        "2026-11-30T10:00",
        "+2026-11-30",
        "２０２６-11-30",
        "=1+1",
    ):
        texts.append(json.dumps([BASE | {"date": day}]))
    texts += ["null", "1", '"text"', "true", "{}", '{"0": {}}', "[null]", "[[]]", "[1]", '[""]']
    texts += [
        "{",
        "[",
        "]",
        "[1,]",
        "[,1]",
        "[1 2]",
        '{"a" 1}',
        "[]x",
        "[] []",
        "\ufeff[]",
        '["\x01"]',
        '["\\x"]',
        '["\\u12"]',
        '["abc',
        '["abc\\',
        "[NaN]",
        "[Infinity]",
        "[-Infinity]",
        "[NaNx]",
        "[-Inf]",
        "[1, NaN, {]",
        "[{], NaN]",
        "\x0b[]",
        "[]\x0b",
        "\u00a0[]",
        "[" * 100_000 + "]" * 100_000,
        "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH,
        "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1),
        "[NaN, " + "[" * 100,
        "[" * 100 + "NaN",
        '["' + "[" * 100 + '"]',
        '["\\"' + "[" * 100 + '"]',
        "[" + "9" * 5000 + "]",
        " " * (MAX_JSON_CHARS + 1),
        "[]" + " " * (MAX_JSON_CHARS - 2),
        # More UTF-16 units than the limit, but no more characters: read, then refused.
        '["' + "\U0001f600" * (MAX_JSON_CHARS - 4) + '"]',
        json.dumps([BASE] * (MAX_RECORDS + 1), separators=(",", ":")),
    ]
    # Random damage to a good list: every cut and every swap must be judged alike.
    stored = json.dumps(history(rng, 6))
    for _ in range(300):
        at = rng.randrange(len(stored))
        texts.append(stored[:at])
        texts.append(stored[:at] + rng.choice('[]{}",:0-.eE \\NIn') + stored[at + 1 :])
    return texts


def test_the_page_reads_draws_and_exports_exactly_what_python_does(tmp_path):
    assert sys.get_int_max_str_digits() == 4300  # progress.js knows Python's limit as 4300
    rng = random.Random(20261209)
    texts = sized_texts(rng) + hostile_texts(rng)
    numbers = [0.0, -0.0, 0.25, 0.75, 1.05, 2.5, 54.75, 84.25, 1e22, -0.04, 3599.95, 1e-7]
    numbers += [rng.uniform(-1000, 4000) for _ in range(2000)]
    numbers += [rng.randint(0, 40000) / 4 for _ in range(2000)]
    numbers += [rng.randint(0, 40000) / 20 for _ in range(2000)]
    out = run_node(texts, numbers, tmp_path)
    assert out["fixed"] == [f"{n:.1f}" for n in numbers]
    made = out["made"]
    assert len(made) == len(texts) > 1000
    mismatches = []
    for text, js in zip(texts, made, strict=True):
        py = python_makes(text)
        if js != py:
            mismatches.append((text[:120], {"python": py, "js": js}))
    assert mismatches == [], mismatches[:3]
    # The cases are what they claim: long histories drawn, hostile ones refused in words.
    drawn = [m for m in made if "svg" in m]
    assert {len(m["records"]) for m in drawn} >= {0, 1, 700, MAX_RECORDS}
    assert any(m["summary"].startswith(f"{MAX_RECORDS} sessions, from") for m in drawn)
    assert any(m["csv"].count("\r\n") == 701 for m in drawn)
    # Both ways the pain over weeks reads, and the next visit's question, are compared.
    assert any("smallest change that people find worthwhile" in m["summary"] for m in drawn)
    assert any("less than the 2 points, or 30%" in m["summary"] for m in drawn)
    assert {a for m in drawn for a in m["asked"]} >= {None, 0, 1}
    refused = [m["error"] for m in made if "error" in m]
    assert all(m.get("refused") for m in made if "error" in m)
    for words in (
        "cannot be read as JSON",
        "NaN is not a number",
        "-Infinity is not a number",
        "reps: must be a whole number",
        "hold_s: must be a number of seconds",
        "stop_symptoms: must be true, false or null",
        "a field: is not part of a session record",
        "mood: is not part of a session record",
        "is missing (use null",
        "must be a real date",
        f"more than {MAX_RECORDS} saved sessions",
        "too long",
        "must be a JSON list",
        "must be a set of named values",
    ):
        assert any(words in error for error in refused), words


def test_old_records_and_formulas_come_out_of_the_page_as_out_of_python():
    """Spelt out for the reader of this file: an old record's later fields are empty cells,
    and nothing a record can hold starts a spreadsheet formula."""
    old = json.dumps([BASE, BASE | {"hold_s": -0.0, "stop_symptoms": True}])
    lines = python_makes(old)["csv"].split("\r\n")
    assert lines[1] == "2026-11-30,right,10,6,3,42.5,,"
    assert lines[2] == "2026-11-30,right,10,6,3,0.0,,yes"
    for field in ("side", "date"):
        refused = python_makes(json.dumps([BASE | {field: '=HYPERLINK("http://evil")'}]))
        assert refused["error"].startswith(f"record 1: {field}: ")
    assert MAX_HOLD_S == 3600.0


def test_the_page_loads_the_mirror_and_sends_the_kernel_no_records():
    # The player's module is built from this mirror and the history box that uses it (the
    # header names each source by its SHA-256: tests/widgets/test_widget_bundles.py).
    esm = player_esm()
    for source in (PROGRESS_JS, JS_DIR / "session_history.js"):
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        assert f"// source {source.name} sha256={digest}\n" in esm
    assert esm.index("\n// progress.js\n") < esm.index("\n// player_view.js\n")
    assert 'model.set("history"' not in esm and "history_view" not in esm
    # The key comes with the plan (lowback.pages.SESSIONS_KEY), never spelled in the page.
    assert "lowback.sessions.v1" not in esm
    assert "store.key" in (JS_DIR / "session_history.js").read_text()
