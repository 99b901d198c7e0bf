"""The hazard log (docs/safety/hazard-log.md) stays true as the code and the tests move.

Each hazard names the screening rules and questions it concerns and, for every control, the
tests that prove it (`tests/...py::test_name`). This fails when a control names a test that does
not exist, or when a rule of `assess` or a question is in no hazard, so a renamed test or a new
question cannot leave the log behind.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from lowback.paths import REPO_ROOT
from lowback.screening import OTHER_RULE_IDS, QUESTIONS, RULES

LOG = REPO_ROOT / "docs" / "safety" / "hazard-log.md"
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
HAZARD = re.compile(r"^### (H\d+)\. (.+)$", re.MULTILINE)


def log_text() -> str:
    return LOG.read_text(encoding="utf-8")


def hazards() -> dict[str, str]:
    """Each hazard's id and its whole section of the log."""
    text = log_text()
    found = list(HAZARD.finditer(text))
    sections = {}
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following else len(text)
        sections[match[1]] = text[match.start() : end]
    return sections


def field(section: str, name: str) -> str:
    """A field's text, with its continuation lines (indented under it)."""
    match = re.search(rf"^- \*\*{name}:\*\*(.*(?:\n  .*)*)", section, re.MULTILINE)
    return match[1] if match else ""


@cache
def names_of_tests(path: str) -> frozenset[str]:
    tree = ast.parse((REPO_ROOT / path).read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    )


def test_the_log_states_its_intended_purpose_and_its_scales():
    text = log_text()
    for heading in ("## Intended purpose", "## Severity", "## Likelihood", "## Hazards"):
        assert heading in text, heading


def test_every_hazard_has_causes_effect_severity_likelihood_and_controls():
    assert len(hazards()) >= 12
    for hazard_id, section in hazards().items():
        for name in ("Causes", "Effect", "Severity", "Likelihood", "Controls"):
            assert re.search(rf"^- \*\*{name}:\*\*", section, re.MULTILINE), (hazard_id, name)


def test_every_control_names_at_least_one_test():
    for hazard_id, section in hazards().items():
        # Each numbered control, with the lines indented under it.
        controls = re.findall(r"^  \d+\. .*(?:\n     .*)*", section, re.MULTILINE)
        assert controls, hazard_id
        for control in controls:
            assert TEST_REF.search(control), f"{hazard_id}: a control with no test: {control}"


@pytest.mark.parametrize(("path", "name"), sorted(set(TEST_REF.findall(LOG.read_text()))))
def test_every_test_the_log_names_exists(path: str, name: str):
    assert Path(REPO_ROOT / path).is_file(), f"{path} does not exist"
    assert name in names_of_tests(path), f"{path} has no test {name}"


def test_every_rule_of_assess_is_in_a_hazard():
    named = set()
    for section in hazards().values():
        named |= set(re.findall(r"\b([EUCINR]\d{1,2})\b", field(section, "Rules")))
    expected = {r.id for r in RULES} | set(OTHER_RULE_IDS)
    assert expected - named == set(), "rules in no hazard"
    assert named - expected == set(), "the log names rules that do not exist"


def test_every_question_is_in_a_hazard():
    named = set()
    for section in hazards().values():
        named |= set(re.findall(r"`(\w+)`", field(section, "Questions")))
    expected = {q.id for q in QUESTIONS}
    assert expected - named == set(), "questions in no hazard"
    assert named - expected == set(), "the log names questions that do not exist"
