"""Every widget's state at once (lowback.widgets.control_comm): ipywidgets' full answer to
whoever asks as JupyterLab does, and for the light front end's request the same models from
fewer bytes: what is left out is exactly what the front end's model starts with.

The defaults file itself is read again from the front end's packages in Chromium by
tests/browser/test_widget_defaults.py; every browser test then runs pages built from the lean
answer (the light front end is `make serve`'s).
"""

from __future__ import annotations

import json

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances

from lowback.widgets import (
    AnatomyExplorer,
    KnowledgeCheck,
    PrescriptionBuilder,
    PsisQuestion,
    RoutineTimer,
    ScreeningQuiz,
    control_comm,
)
from lowback.widgets.control_comm import (
    LEAN_MODULES,
    control_comm_opened,
    front_end_defaults,
    lean_state,
    states_message,
)

VIEWS = (
    AnatomyExplorer,
    KnowledgeCheck,
    PrescriptionBuilder,
    PsisQuestion,
    RoutineTimer,
    ScreeningQuiz,
)


class FakeComm:
    """The control comm as the kernel holds it: what the handler sends is kept."""

    def __init__(self) -> None:
        self.sent: list[tuple[dict, list]] = []
        self.handler = None

    def on_msg(self, handler) -> None:
        self.handler = handler

    def send(self, data: dict, buffers=None) -> None:
        self.sent.append((data, list(buffers or [])))

    def ask(self, data: dict) -> dict:
        self.handler({"content": {"data": data}})
        return self.sent[-1][0]


def opened(version: str = "1.0.0") -> FakeComm:
    comm = FakeComm()
    control_comm_opened(comm, {"metadata": {"version": version}})
    return comm


@pytest.fixture
def page_widgets():
    """One of each of the series' views, as pages make them; closed afterwards."""
    before = set(_instances)
    views = [view() for view in VIEWS]
    yield views
    for model_id in set(_instances) - before:
        widget = _instances.get(model_id)
        if widget is not None:
            widget.close()


def test_a_value_the_front_end_starts_with_is_left_out_and_any_other_is_kept():
    defaults = front_end_defaults()["@jupyter-widgets/controls"]["ButtonModel"]
    state = {"description": "Start", "disabled": defaults["disabled"], "tooltip": "Go"}
    lean = lean_state("@jupyter-widgets/controls", "ButtonModel", state)
    assert lean == {"description": "Start", "tooltip": "Go"}
    # Binary values are never compared, only sent.
    image = {"value": memoryview(b"")}
    assert lean_state("@jupyter-widgets/controls", "ImageModel", image) == image


def test_models_of_other_modules_or_names_are_sent_whole():
    state = {"_esm": "export default {}", "value": None, "_dom_classes": []}
    assert lean_state("anywidget", "AnyModel", state) == state
    assert lean_state("@jupyter-widgets/controls", "NoSuchModel", state) == state


def test_the_defaults_file_lists_ipywidgets_own_models_only():
    defaults = front_end_defaults()
    assert set(defaults) == set(LEAN_MODULES)
    assert "LayoutModel" in defaults["@jupyter-widgets/base"]
    assert {"ButtonModel", "DropdownModel", "HTMLModel", "VBoxModel"} <= set(
        defaults["@jupyter-widgets/controls"]
    )


def test_jupyterlabs_request_gets_ipywidgets_full_answer(page_widgets):
    answer = opened().ask({"method": "request_states"})
    assert answer["method"] == "update_states"
    states = answer["states"]
    assert set(states) == set(_instances)
    for model_id, widget in _instances.items():
        entry = states[model_id]
        assert entry["model_name"] == widget._model_name
        assert entry["model_module"] == widget._model_module
        assert entry["model_module_version"] == widget._model_module_version
        assert set(entry["state"]) == set(widget.get_state())


def test_the_light_front_ends_request_builds_every_view_s_models_as_the_full_answer_does(
    page_widgets,
):
    comm = opened()
    full = comm.ask({"method": "request_states"})["states"]
    lean = comm.ask({"method": "request_states", "drop_defaults": True})["states"]
    assert set(lean) == set(full)
    for model_id, entry in full.items():
        module, name = entry["model_module"], entry["model_name"]
        defaults = front_end_defaults().get(module, {}).get(name, {})
        if module not in LEAN_MODULES:
            defaults = {}
        # What the front end's model holds: its defaults, then what it was sent.
        built = {**defaults, **lean[model_id]["state"]}
        for key, value in entry["state"].items():
            assert built[key] == value, (name, key)
        if module not in LEAN_MODULES:
            assert lean[model_id]["state"] == entry["state"]


def test_the_quizs_answer_to_the_light_front_end_is_well_under_half_the_full_one():
    # 359 models, 125 of them empty layouts: their defaults were most of the bytes.
    before = set(_instances)
    ScreeningQuiz()
    try:
        quiz = set(_instances) - before  # (other tests may leave widgets of their own)
        comm = opened()
        asked = {"method": "request_states"}
        full = comm.ask(asked)["states"]
        lean = comm.ask({**asked, "drop_defaults": True})["states"]
        full_bytes = len(json.dumps({k: v for k, v in full.items() if k in quiz}))
        lean_bytes = len(json.dumps({k: v for k, v in lean.items() if k in quiz}))
        assert lean_bytes < full_bytes / 2, (lean_bytes, full_bytes)
    finally:
        for model_id in set(_instances) - before:
            _instances[model_id].close()


def test_only_a_literal_true_asks_for_the_lean_answer(page_widgets):
    comm = opened()
    full = comm.ask({"method": "request_states"})
    for value in ("yes", 1, [], {"x": 1}, None):
        assert comm.ask({"method": "request_states", "drop_defaults": value}) == full


def test_the_binary_parts_go_as_buffers_as_ipywidgets_sends_them():
    picture = widgets.Image(value=b"\x89PNG-not-really", format="png")
    try:
        message, buffers = states_message(drop_defaults=True)
        assert [picture.model_id, "state", "value"] in message["buffer_paths"]
        assert bytes(buffers[message["buffer_paths"].index([picture.model_id, "state", "value"])])
    finally:
        picture.close()


def test_another_protocol_version_or_request_is_refused_as_ipywidgets_refuses_it():
    with pytest.raises(ValueError, match="Incompatible widget control protocol"):
        opened("2.0.0")
    with pytest.raises(RuntimeError, match="Unknown widget control message"):
        opened().ask({"method": "something_else"})


def test_installing_outside_a_kernel_does_nothing_harmful():
    control_comm.install()  # no kernel here: ipywidgets' own answer is what a kernel would have
