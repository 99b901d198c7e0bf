"""lowback.widgets.failsafe's guard: a widget value no reader could send is refused in the
kernel, the browser's copy is reset, the view says so in one sentence, and the page works on."""

from __future__ import annotations

import logging

import ipywidgets as widgets
import pytest

from lowback.widgets.failsafe import FRIENDLY_MESSAGE, FailSafe


@pytest.fixture
def view():
    failsafe = FailSafe("test view")
    controls = {
        "dropdown": widgets.Dropdown(options=[("Yes", True), ("No", False)], value=False),
        "text": widgets.Text(value="47"),
        "checkbox": widgets.Checkbox(value=False),
        "radio": widgets.RadioButtons(options=["a", "b"], value="a"),
        "button": widgets.Button(description="See my result"),
    }
    clicks = []
    controls["button"].on_click(lambda _button: clicks.append(1))
    widgets.VBox([failsafe.notice, widgets.VBox(list(controls.values()))])
    return failsafe, controls, clicks


def message(data: dict) -> dict:
    return {"content": {"data": data}, "buffers": []}


HOSTILE = [
    ("text", {"method": "update", "state": {"value": [1, 2]}}),
    ("dropdown", {"method": "update", "state": {"index": 99}}),
    ("dropdown", {"method": "update", "state": {"index": float("nan")}}),
    ("checkbox", {"method": "update", "state": {"value": "yes"}}),
    ("radio", {"method": "update", "state": {"index": -5}}),
    ("button", {"method": "custom", "content": "click"}),
    ("button", {"method": "destroy"}),
    ("text", {"method": "update", "state": ["value", 1]}),
]


@pytest.mark.parametrize(("control", "data"), HOSTILE)
def test_a_hostile_value_is_refused_and_the_view_says_so(view, control, data, caplog):
    failsafe, controls, clicks = view
    before = {name: widget.get_state() for name, widget in controls.items()}
    sent = []
    controls[control].send_state = lambda *args: sent.append(args)
    logger = logging.getLogger("lowback.widgets")
    logger.addHandler(caplog.handler)
    try:
        controls[control]._handle_msg(message(data))
    finally:
        logger.removeHandler(caplog.handler)
    assert FRIENDLY_MESSAGE in failsafe.notice.value
    assert {name: widget.get_state() for name, widget in controls.items()} == before
    assert sent, "the browser's copy of the widget was not reset"
    assert not failsafe.failed  # the page keeps working
    assert clicks == []
    (line,) = caplog.messages
    assert line.startswith("widget message refused: ") and "\n" not in line


def test_what_a_reader_sends_still_arrives(view):
    failsafe, controls, clicks = view
    controls["dropdown"]._handle_msg(message({"method": "update", "state": {"index": 0}}))
    controls["text"]._handle_msg(message({"method": "update", "state": {"value": "52"}}))
    controls["button"]._handle_msg(message({"method": "custom", "content": {"event": "click"}}))
    assert controls["dropdown"].value is True and controls["text"].value == "52"
    assert clicks == [1]
    assert failsafe.notice.value == ""
