"""The light front end bundles only the ipywidgets controls the series' pages show
(lowback/site/frontend/src/controls.js): every control a view of the series makes, and every
control the series' code names, must be among them, or a page would show "Error displaying
widget" in its place."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances

from lowback.paths import REPO_ROOT
from lowback.widgets import (
    AnatomyExplorer,
    KnowledgeCheck,
    PrescriptionBuilder,
    PsisQuestion,
    RoutineTimer,
    ScreeningQuiz,
)

CONTROLS_JS = REPO_ROOT / "lowback" / "site" / "frontend" / "src" / "controls.js"
CONTROLS = "@jupyter-widgets/controls"


def bundled() -> set[str]:
    text = CONTROLS_JS.read_text(encoding="utf-8")
    names = set()
    for block in re.findall(r"export\s*\{([^}]*)\}", text):
        names.update(name.strip() for name in block.split(",") if name.strip())
    return names


def needed(widget: widgets.Widget) -> set[str]:
    names = set()
    if widget._model_module == CONTROLS:
        names.add(widget._model_name)
    if getattr(widget, "_view_module", None) == CONTROLS and widget._view_name:
        names.add(widget._view_name)
    return names


def test_every_control_the_series_views_make_is_bundled():
    before = set(_instances)
    try:
        for view in (
            AnatomyExplorer,
            KnowledgeCheck,
            PrescriptionBuilder,
            PsisQuestion,
            RoutineTimer,
            ScreeningQuiz,
        ):
            view()
        made = set().union(*(needed(_instances[i]) for i in set(_instances) - before))
    finally:
        for model_id in set(_instances) - before:
            _instances[model_id].close()
    assert made, "no control was made"
    assert made <= bundled(), f"add to {CONTROLS_JS.name}: {sorted(made - bundled())}"


def test_every_control_the_series_code_names_is_bundled():
    # Also those made only later (a result, a message): every `widgets.<Name>` in lowback/.
    named = set()
    for path in (REPO_ROOT / "lowback").rglob("*.py"):
        named.update(re.findall(r"\bwidgets\.([A-Z]\w+)\(", path.read_text(encoding="utf-8")))
    missing = set()
    for name in sorted(named):
        cls = getattr(widgets, name, None)
        if not (isinstance(cls, type) and issubclass(cls, widgets.DOMWidget)):
            continue
        try:
            widget = cls()
        except TypeError:
            pytest.fail(f"widgets.{name} cannot be made without arguments here: check it by hand")
        try:
            missing |= needed(widget) - bundled()
        finally:
            widget.close()
    assert not missing, f"add to {CONTROLS_JS.name}: {sorted(missing)}"


def test_the_bundle_lists_real_controls():
    for name in bundled():
        assert name.endswith(("Model", "View")), name
