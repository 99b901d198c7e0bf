"""lowback.site.frames: a kernel websocket frame is checked before anything trusts it, and a
client's text is made safe to log."""

from __future__ import annotations

import time

import pytest
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

from lowback.site.frames import (
    CLIENT_CHANNELS,
    BadFrame,
    for_log,
    json_object,
    short_name,
    v1_parts,
)

PARTS = [b'{"msg_type": "comm_msg"}', b"{}", b"{}", b'{"comm_id": "x"}']


def offsets_frame(offsets: list[int], tail: bytes = b"") -> bytes:
    table = b"".join(n.to_bytes(8, "little") for n in [len(offsets), *offsets])
    return table + tail


def test_a_frame_made_by_jupyter_server_is_taken_apart():
    frame = v1_parts(serialize_msg_to_ws_v1(PARTS, "shell"))
    assert frame.channel == "shell"
    assert [frame.header, frame.parent_header, frame.metadata, frame.content] == PARTS
    assert frame.buffers == ()


def test_buffers_are_kept_in_order():
    frame = v1_parts(serialize_msg_to_ws_v1([*PARTS, b"\x00\x01", b"\x02"], "shell"))
    assert frame.buffers == (b"\x00\x01", b"\x02")


HOSTILE = {
    "eight 0xff bytes": b"\xff" * 8,
    "too short for a count": b"\x06\x00",
    "a count of 2**40": (2**40).to_bytes(8, "little") + b"\x00" * 100,
    "a count of 2": offsets_frame([24, 29], b"shell"),
    "more offsets than the frame holds": (6).to_bytes(8, "little") + b"\x00" * 20,
    "a first offset inside the table": offsets_frame([8, 61, 63, 65, 67, 69], b"x" * 13),
    "a last offset short of the end": offsets_frame([56, 61, 63, 65, 67, 68], b"shell" + b"{}" * 5),
    "a last offset past the end": offsets_frame([56, 61, 63, 65, 67, 99], b"shell" + b"{}" * 4),
    "offsets going backwards": offsets_frame([56, 61, 59, 65, 67, 69], b"shell" + b"{}" * 4),
    "a channel no client sends on": serialize_msg_to_ws_v1(PARTS, "iopub"),
    "a channel of 60 kB": serialize_msg_to_ws_v1(PARTS, "shell" * 12_000),
    "a channel that is not text": serialize_msg_to_ws_v1(PARTS, "\u00e9"),
    "a text frame": '{"channel": "shell"}',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_frame_of_any_other_layout_is_refused_at_once(name):
    started = time.perf_counter()
    with pytest.raises(BadFrame):
        v1_parts(HOSTILE[name], CLIENT_CHANNELS)
    assert time.perf_counter() - started < 0.05


def test_a_part_must_be_a_json_object_python_can_read():
    assert json_object(b'{"value": NaN}', "content")["value"] != 0  # NaN reads, and is a value
    for part in (b"[1]", b"not json", b'{"age": ' + b"9" * 5000 + b"}", b"[" * 100_000):
        with pytest.raises(BadFrame):
            json_object(part, "content")


def test_names_are_short_printable_strings():
    assert short_name("comm_msg", "message type") == "comm_msg"
    for value in ("", "comm_msg\nFORGED", "x" * 129, 42, None, "caf\u00e9"):
        with pytest.raises(BadFrame):
            short_name(value, "message type")


def test_client_text_becomes_one_bounded_log_line():
    line = for_log("comm_msg\n[SeriesVoila] FORGED\r\x1b[2J\u202eevil", limit=200)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u202e" not in line
    assert "\\n[SeriesVoila] FORGED" in line
    long = for_log("a" * 20_000_000, limit=100)
    assert len(long) < 140 and long.endswith("... (20000000 in all)")
    assert for_log(b"\xff\xfe" * 10, limit=4).startswith("\ufffd")
    assert for_log("Voil\u00e0 is running") == "Voil\u00e0 is running"  # printable text stays
