"""The websocket between a reader's page and their kernel, for a public server.

jupyter_server and Voila trust what crosses this socket; a hostile visitor need not be a browser.
Two classes, used by `make serve` (lowback.site.serve):

- `SeriesKernelConnection`, jupyter_server's connection with its error path working: with
  `allow_tracebacks` off, an error from the kernel reaches the page as the configured
  replacement sentence (upstream reads that setting from the wrong object, raises, and stops
  the page's messages), and the kernel's stderr, where tracebacks with the server's paths go,
  never reaches the page at all.
- `SeriesKernelWebsocketHandler`, Voila's handler accepting only what the page itself sends: the
  v1 subprotocol (whose frames Voila parses in both directions), a well-formed session id, at
  most a few sockets per kernel, frames whose layout checks out (lowback.site.frames) and whose
  parts are JSON objects, widget messages of the kinds the page sends, and no more than a
  reader could click. Anything else closes the socket, with one short line in the log.
"""

from __future__ import annotations

import re
import time
from typing import ClassVar

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado.web import HTTPError
from tornado.websocket import WebSocketHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from lowback.site.frames import (
    CLIENT_CHANNELS,
    V1_PROTOCOL,
    BadFrame,
    json_object,
    short_name,
    v1_parts,
)

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A page opens one socket to its kernel; a reload or a reconnect may overlap it for a moment.
MAX_SOCKETS_PER_KERNEL = 4
# The page opens Voila's widget "control" comm to fetch every widget's state, and nothing else.
PAGE_COMM_TARGETS = frozenset({"jupyter.widget.control"})
# If that comm is slow to answer (a busy server), ipywidgets asks the kernel which widget comms
# it has, and fetches each widget's state over its own comm instead.
PAGE_INFO_TARGETS = frozenset({"jupyter.widget"})
MAX_COMM_OPENS = 8
WIDGET_METHODS = frozenset({"update", "request_state", "custom", "request_states"})
# Far more than any reader clicks or types, far less than a loop sends.
BURST_MESSAGES = 200
MESSAGES_PER_S = 50.0
# ipywidgets' slow-server fallback asks for each widget's state in one burst (a page has a few
# hundred widget models, layouts and styles included): that many are not counted as clicks.
MAX_STATE_REQUESTS = 2000
# What may wait unsent for a page that does not read (a reader's page reads as it goes): past
# this, the socket is closed rather than the server's memory grown (issue 26, item 3).
MAX_UNSENT_BYTES = 4 * 1024 * 1024
# Code sent to a browser that closes: 1008, "policy violation".
POLICY_VIOLATION = 1008


def _one_of(value: object, names: frozenset[str]) -> bool:
    """Whether a client's value is one of these names (a list or a dict is not, and would not
    even hash)."""
    return isinstance(value, str) and value in names


def _asks_for_state(msg_type: str, content: dict) -> bool:
    """Whether a (checked) message asks for one widget's state."""
    return msg_type == "comm_msg" and content.get("data", {}).get("method") == "request_state"


def _safe_error(content: dict, replacement: str) -> dict:
    return {
        **{key: value for key, value in content.items() if key not in ("traceback", "evalue")},
        "ename": "ExecutionError",
        "evalue": "Execution error",
        "traceback": [replacement],
    }


class SeriesKernelConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel connection, with its no-tracebacks path made to work."""

    def _on_error(self, channel, msg, msg_list):
        # Upstream reads traceback_replacement_message from the kernel's own manager, which has
        # no such setting: the AttributeError stops every later message to the page.
        manager = self.multi_kernel_manager
        if manager.allow_tracebacks or channel != "iopub":
            return
        msg["header"] = self.get_part("header", msg["header"], msg_list)
        if msg["header"]["msg_type"] == "error":
            msg["content"] = _safe_error(
                self.get_part("content", msg["content"], msg_list),
                manager.traceback_replacement_message,
            )
            if self.subprotocol == V1_PROTOCOL:
                msg_list[3] = self.session.pack(msg["content"])

    def _on_zmq_reply(self, stream, msg_or_list):
        if not self.multi_kernel_manager.allow_tracebacks and self._withheld(
            getattr(stream, "channel", None), msg_or_list
        ):
            return
        super()._on_zmq_reply(stream, msg_or_list)

    def _withheld(self, channel, msg_or_list) -> bool:
        """Whether a message stays on the server: the kernel's stderr. Replies that failed lose
        their traceback on the way."""
        v1 = isinstance(msg_or_list, list)
        header = self.session.unpack(msg_or_list[0]) if v1 else msg_or_list["header"]
        msg_type = header.get("msg_type")
        if channel == "iopub" and msg_type != "stream":
            return False
        content = self.session.unpack(msg_or_list[3]) if v1 else msg_or_list["content"]
        if channel == "iopub":
            if content.get("name") == "stderr":
                self.log.debug("Kept the kernel's stderr from the page of %s", self.kernel_id)
                return True
            return False
        if content.get("status") == "error":
            safe = _safe_error(content, self.multi_kernel_manager.traceback_replacement_message)
            if v1:
                msg_or_list[3] = self.session.pack(safe)
            else:
                msg_or_list["content"] = safe
        return False


class SeriesKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket, taking only what the series' page sends (see the module)."""

    _sockets: ClassVar[dict[str, int]] = {}

    async def get(self, kernel_id: str) -> None:
        offered = self.request.headers.get("Sec-WebSocket-Protocol", "")
        if V1_PROTOCOL not in (name.strip() for name in offered.split(",")):
            raise HTTPError(400, f"Only the {V1_PROTOCOL} subprotocol is accepted")
        if not SESSION_ID.fullmatch(self.get_argument("session_id", "")):
            raise HTTPError(400, "A session_id of letters, digits and dashes is needed")
        if self._sockets.get(kernel_id, 0) >= MAX_SOCKETS_PER_KERNEL:
            raise HTTPError(429, "Too many connections to this kernel")
        self._counted_for = kernel_id
        self._sockets[kernel_id] = self._sockets.get(kernel_id, 0) + 1
        self._tokens = float(BURST_MESSAGES)
        self._refilled_at = time.monotonic()
        self._comm_opens = 0
        self._state_requests = 0
        self._asked_all_states = False
        self._states_asked: set[str] = set()
        try:
            await super().get(kernel_id)
        except BaseException:
            self._uncount()
            raise

    def _uncount(self) -> None:
        kernel_id = getattr(self, "_counted_for", None)
        if kernel_id is None:
            return
        self._counted_for = None
        left = self._sockets.get(kernel_id, 0) - 1
        if left > 0:
            self._sockets[kernel_id] = left
        else:
            self._sockets.pop(kernel_id, None)

    async def open(self, kernel_id: str) -> None:  # type: ignore[override]
        await super().open(kernel_id)
        when_ended = getattr(self.kernel_manager, "when_ended", None)
        if when_ended is not None:
            when_ended(kernel_id, self._kernel_ended)

    def _kernel_ended(self) -> None:
        """The kernel was shut down under an open page: say so ("dead"), so the page can tell
        its reader to reload, and close the socket."""
        try:
            if self.connection is not None:
                self.connection._send_status_message("dead")
        finally:
            self.close(1001, "The kernel was shut down")

    def on_close(self) -> None:
        self._uncount()
        when_ended = getattr(self.kernel_manager, "when_ended", None)
        if when_ended is not None and getattr(self, "kernel_id", None):
            when_ended(self.kernel_id, self._kernel_ended, cancel=True)
        super().on_close()

    def on_message(self, message):
        if self.ws_connection is None:
            # Closed by us a moment ago (a bad frame, a kernel shut down): frames already on
            # their way still arrive, and jupyter_server would parse them in another layout.
            return None
        try:
            self._check(message)
        except BadFrame as problem:
            # The reason is our own words: nothing the client sent reaches the log.
            self.log.warning("Closed the websocket of kernel %s: %s", self.kernel_id, problem)
            self.close(POLICY_VIOLATION, "Bad message")
            return None
        heard_from = getattr(self.kernel_manager, "heard_from", None)
        if heard_from is not None:
            heard_from(self.kernel_id)
        return super().on_message(message)

    def _check(self, message: object) -> None:
        now = time.monotonic()
        self._tokens = min(
            float(BURST_MESSAGES), self._tokens + (now - self._refilled_at) * MESSAGES_PER_S
        )
        self._refilled_at = now
        if self._tokens < 1 and self._state_requests >= MAX_STATE_REQUESTS:
            raise BadFrame(f"more than {MESSAGES_PER_S:g} messages a second")
        frame = v1_parts(message, CLIENT_CHANNELS)
        header = json_object(frame.header, "header")
        msg_type = short_name(header.get("msg_type"), "message type")
        for field in ("msg_id", "session"):
            short_name(header.get(field), field)
        for field in ("username", "date", "version"):
            if not isinstance(header.get(field, ""), str) or len(header.get(field, "")) > 128:
                raise BadFrame(f"a header {field} that is not a short string")
        json_object(frame.parent_header, "parent header")
        json_object(frame.metadata, "metadata")
        content = json_object(frame.content, "content")
        if msg_type == "comm_info_request":
            if not _one_of(content.get("target_name"), PAGE_INFO_TARGETS):
                raise BadFrame("a comm info request the page never sends")
        elif msg_type.startswith("comm_"):
            self._check_comm(msg_type, content)
        if _asks_for_state(msg_type, content):
            # One widget's state, once per widget and socket: each answer costs far more than
            # the question (a page asks once, then follows updates).
            if content["comm_id"] in self._states_asked:
                raise BadFrame("a widget's state asked for twice")
            self._states_asked.add(content["comm_id"])
        if self._state_requests < MAX_STATE_REQUESTS and _asks_for_state(msg_type, content):
            self._state_requests += 1
        elif self._tokens < 1:
            raise BadFrame(f"more than {MESSAGES_PER_S:g} messages a second")
        else:
            self._tokens -= 1

    def _check_comm(self, msg_type: str, content: dict) -> None:
        short_name(content.get("comm_id"), "comm id")
        data = content.get("data", {})
        if not isinstance(data, dict):
            raise BadFrame("comm data that is not a JSON object")
        if msg_type == "comm_open":
            if not _one_of(content.get("target_name"), PAGE_COMM_TARGETS):
                raise BadFrame("a comm target the page never opens")
            self._comm_opens += 1
            if self._comm_opens > MAX_COMM_OPENS:
                raise BadFrame(f"more than {MAX_COMM_OPENS} comms opened")
        elif msg_type == "comm_msg" and not _one_of(data.get("method"), WIDGET_METHODS):
            raise BadFrame("a widget message of a kind the page never sends")
        elif msg_type == "comm_msg" and data.get("method") == "request_states":
            # Every widget's state at once (118 kB on the quiz): once per socket.
            if self._asked_all_states:
                raise BadFrame("every widget's state asked for twice")
            self._asked_all_states = True

    def _unread_too_long(self, size: int) -> bool:
        """Whether the page has left so much unread that this message would pass
        MAX_UNSENT_BYTES; if so the socket is closed (one line in the log)."""
        connection = self.ws_connection
        stream = getattr(connection, "stream", None)
        unsent = len(getattr(stream, "_write_buffer", ()) or ())
        if unsent + size <= MAX_UNSENT_BYTES:
            return False
        self.log.warning(
            "Closed the websocket of kernel %s: its page left over %d bytes unread",
            self.kernel_id,
            MAX_UNSENT_BYTES,
        )
        self.close(POLICY_VIOLATION, "Too much unread")
        return True

    def write_message(self, message, binary: bool = False):
        if self.ws_connection is None:
            return None
        size = len(message) if isinstance(message, bytes | bytearray | memoryview | str) else 0
        if self._unread_too_long(size):
            return None
        if isinstance(message, bytes | bytearray | memoryview):
            # Voila reads every binary frame as v1 to drop execute_input: checked first, since a
            # frame of another layout would make it loop without end.
            try:
                frame = v1_parts(message)
                msg_type = json_object(frame.header, "header").get("msg_type")
            except BadFrame as problem:
                self.log.error("Closed the socket of kernel %s: sent %s", self.kernel_id, problem)
                self.close(POLICY_VIOLATION, "Bad message")
                return None
            if msg_type == "execute_input":
                return None
            return WebSocketHandler.write_message(self, message, binary)
        return super().write_message(message, binary)
