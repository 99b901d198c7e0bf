"""Every widget's state at once, as ipywidgets sends it, and leaner for the light front end.

A page's front end opens ipywidgets' `jupyter.widget.control` comm and sends
`{"method": "request_states"}`; the kernel answers with `update_states`, the state of every
widget model. ipywidgets sends every attribute of every model: on the quiz, 359 models (125 of
them empty layouts) make 314 kB of JSON, the largest message of a visit and, on a slow phone
line, the longest wait before the first answer can be tapped (docs/speed.md).

The light front end of `make serve` (lowback/site/frontend/src/manager.js) adds
`"drop_defaults": true` to its request. For ipywidgets' own models the answer then leaves out each
value that the front end's model starts with anyway (its `defaults()`, listed in
front_end_defaults.json and checked against the front end's npm packages by
tests/browser/test_widget_defaults.py), so the model the page builds is the same, from about a
third of the bytes. Any other request (JupyterLab's, Binder's Voila) gets ipywidgets' full answer,
and models of other modules (anywidget's) are always sent whole.

This replaces ipywidgets' handler of that comm target (`Widget.handle_control_comm_opened`),
with the same version check and the same full answer; it is registered when a view of the series
is imported in a kernel (lowback.widgets.view_helper).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ipywidgets.widgets.widget import CONTROL_PROTOCOL_VERSION_MAJOR, _instances, _remove_buffers

CONTROL_TARGET = "jupyter.widget.control"
DEFAULTS_FILE = Path(__file__).with_name("front_end_defaults.json")
# The modules whose models' defaults front_end_defaults.json lists.
LEAN_MODULES = frozenset({"@jupyter-widgets/base", "@jupyter-widgets/controls"})


@cache
def front_end_defaults() -> dict[str, dict[str, dict]]:
    """{model module: {model name: {attribute: the front end's default}}}."""
    return json.loads(DEFAULTS_FILE.read_text())


def lean_state(model_module: str, model_name: str, state: dict) -> dict:
    """`state` without the values the front end's model of that name starts with."""
    if model_module not in LEAN_MODULES:
        return state
    defaults = front_end_defaults().get(model_module, {}).get(model_name)
    if defaults is None:
        return state
    missing = object()
    return {
        key: value
        for key, value in state.items()
        if isinstance(value, bytes | bytearray | memoryview) or defaults.get(key, missing) != value
    }


def states_message(drop_defaults: bool) -> tuple[dict, list]:
    """The `update_states` message with every widget's state (leaner if `drop_defaults`), and
    its binary buffers, as ipywidgets builds it."""
    states = {}
    for widget in list(_instances.values()):
        state = widget.get_state()
        if drop_defaults:
            state = lean_state(widget._model_module, widget._model_name, state)
        states[widget.model_id] = {
            "model_name": widget._model_name,
            "model_module": widget._model_module,
            "model_module_version": widget._model_module_version,
            "state": state,
        }
    states, buffer_paths, buffers = _remove_buffers(states)
    return {"method": "update_states", "states": states, "buffer_paths": buffer_paths}, buffers


def control_comm_opened(comm, msg: dict) -> None:
    """The comm target's handler: ipywidgets' version check, then an answer to each request."""
    version = msg.get("metadata", {}).get("version", "")
    if version.split(".")[0] != CONTROL_PROTOCOL_VERSION_MAJOR:
        raise ValueError(
            f"Incompatible widget control protocol versions: received version {version!r}, "
            f"expected version {CONTROL_PROTOCOL_VERSION_MAJOR!r}"
        )

    def on_msg(message: dict) -> None:
        data = message["content"]["data"]
        if data.get("method") != "request_states":
            raise RuntimeError(f"Unknown widget control message {data.get('method')!r}")
        content, buffers = states_message(data.get("drop_defaults") is True)
        comm.send(content, buffers=buffers)

    comm.on_msg(on_msg)


def install() -> None:
    """Answer the control comm with this module, in a kernel (nothing to do elsewhere)."""
    from ipywidgets import comm as widget_comm

    manager = widget_comm.get_comm_manager()
    if manager is not None:
        manager.register_target(CONTROL_TARGET, control_comm_opened)
