"""The kernel websocket's frames, checked before anything trusts them; and client text, made safe
to log.

A page talks to its kernel over a websocket in jupyter_server's "v1" protocol. Each binary frame
starts with an 8-byte little-endian count of offsets, then that many 8-byte offsets, then the
channel name and the message's parts (header, parent header, metadata, content, then any
binary buffers), each running from one offset to the next:

    [count][offset 0 .. offset count-1][channel][header][parent][metadata][content][buffers..]

jupyter_server (and Voila, for the frames it sends) reads the count and the offsets as they come:
a count of 2**64 - 1 makes it build a list of that many integers, and the server's one thread
never comes back (docs/upstream.md). `v1_parts` checks the whole layout first, in time and
memory bounded by the frame's own length, and raises `BadFrame` for anything else.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
# The channel, then header, parent header, metadata and content: six offsets at least.
MIN_OFFSETS = 6
# A page's messages carry no binary buffers; a few are allowed for widgets that might.
MAX_BUFFERS = 16
MAX_OFFSETS = MIN_OFFSETS + MAX_BUFFERS
# What a browser may send on: the iopub channel only ever flows from the kernel.
CLIENT_CHANNELS = frozenset({"shell", "control", "stdin"})
KERNEL_CHANNELS = frozenset({"shell", "control", "stdin", "iopub"})
# Message types and ids are short words; anything longer or stranger is not a real client.
MAX_NAME_LENGTH = 128
LOG_LIMIT = 120


class BadFrame(ValueError):
    """A websocket frame that does not follow the v1 layout, or whose message is malformed.

    Its text is ours, never the client's, so it is safe to log as it is.
    """


@dataclass(frozen=True)
class Frame:
    """A v1 frame taken apart: its channel and its message's parts, still as bytes."""

    channel: str
    header: bytes
    parent_header: bytes
    metadata: bytes
    content: bytes
    buffers: tuple[bytes, ...]


def v1_parts(frame: object, channels: frozenset[str] = KERNEL_CHANNELS) -> Frame:
    """Take a v1 frame apart, or raise BadFrame; never reads past the frame or loops beyond it."""
    if not isinstance(frame, bytes | bytearray | memoryview):
        raise BadFrame("a text frame where the v1 protocol sends binary ones")
    frame = bytes(frame)
    size = len(frame)
    if size < 8:
        raise BadFrame(f"a frame of {size} bytes, too short for its offset count")
    (count,) = struct.unpack_from("<Q", frame, 0)
    if not MIN_OFFSETS <= count <= MAX_OFFSETS:
        raise BadFrame(f"an offset count of {count}, not {MIN_OFFSETS} to {MAX_OFFSETS}")
    table_end = 8 * (count + 1)
    if table_end > size:
        raise BadFrame(f"{count} offsets announced in a frame of {size} bytes")
    offsets = struct.unpack_from(f"<{count}Q", frame, 8)
    if offsets[0] != table_end:
        raise BadFrame("the channel does not start where the offsets end")
    if offsets[-1] != size:
        raise BadFrame("the last part does not end where the frame ends")
    if any(later < earlier for earlier, later in zip(offsets, offsets[1:], strict=False)):
        raise BadFrame("offsets that go backwards")
    if offsets[1] - offsets[0] > max(map(len, channels)):
        raise BadFrame(f"a channel that is not one of {', '.join(sorted(channels))}")
    try:
        channel = frame[offsets[0] : offsets[1]].decode("ascii")
    except UnicodeDecodeError:
        raise BadFrame("a channel name that is not plain text") from None
    if channel not in channels:
        raise BadFrame(f"a channel that is not one of {', '.join(sorted(channels))}")
    parts = [frame[start:end] for start, end in zip(offsets[1:], offsets[2:], strict=False)]
    return Frame(channel, parts[0], parts[1], parts[2], parts[3], tuple(parts[4:]))


def json_object(part: bytes, what: str) -> dict:
    """A message part that must be a JSON object, or BadFrame (bad JSON, an integer of more
    digits than Python converts, nesting too deep to parse: all of them are a client's)."""
    try:
        value = json.loads(part)
    except (ValueError, RecursionError):
        raise BadFrame(f"a {what} that is not valid JSON") from None
    if not isinstance(value, dict):
        raise BadFrame(f"a {what} that is not a JSON object")
    return value


def short_name(value: object, what: str) -> str:
    """A message type or id: a string of printable ASCII, not too long, or BadFrame."""
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= MAX_NAME_LENGTH
        or not value.isascii()
        or not value.isprintable()
    ):
        raise BadFrame(f"a {what} that is not a short printable name")
    return value


def for_log(value: object, limit: int = LOG_LIMIT) -> str:
    """Client text as one safe log line: cut to `limit` characters, and every character that is
    not printable (a newline, a carriage return, an escape, a bidirectional override) written as
    its escape, so it can neither fill the log nor forge a line of it."""
    if isinstance(value, bytes | bytearray):
        total = len(value)
        text = bytes(value[: limit + 1]).decode("utf-8", errors="replace")
    else:
        text = value if isinstance(value, str) else repr(value)
        total = len(text)
    shown = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text[:limit]
    )
    return shown + (f"... ({total} in all)" if total > limit else "")
