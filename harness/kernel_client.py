"""A bare client of a page's kernel websocket, as a hostile visitor would write one: it speaks the
page's protocol (jupyter_server's "v1" binary frames), or deliberately does not."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import http.client
import json
import re
import socket
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import websockets

V1 = "v1.kernel.websocket.jupyter.org"


def v1_frame(channel: str, parts: list[bytes]) -> bytes:
    """A frame of the v1 layout: offset count, offsets, channel, parts."""
    encoded = channel.encode()
    offsets = [8 * (len(parts) + 3)]
    offsets.append(offsets[-1] + len(encoded))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    table = b"".join(value.to_bytes(8, "little") for value in [len(offsets), *offsets])
    return table + encoded + b"".join(parts)


def message(msg_type: str, content: object, session: str, **extra: object) -> tuple[bytes, str]:
    """A shell message as a v1 frame, and its id. `content` may be bytes, sent as they are."""
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": "",
        "session": session,
        "date": datetime.datetime.now(datetime.UTC).isoformat(),
        "version": "5.3",
    }
    body = content if isinstance(content, bytes) else json.dumps(content).encode()
    metadata = json.dumps(extra.get("metadata", {})).encode()
    frame = v1_frame(
        str(extra.get("channel", "shell")), [json.dumps(header).encode(), b"{}", metadata, body]
    )
    return frame, header["msg_id"]


def parse(frame: bytes | str) -> dict:
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    parts = [frame[start:end] for start, end in zip(offsets[1:], offsets[2:], strict=False)]
    return {
        "channel": frame[offsets[0] : offsets[1]].decode(),
        "header": json.loads(parts[0]),
        "parent_header": json.loads(parts[1]),
        "content": json.loads(parts[3]),
    }


def kernel_of_page(url: str, source: str | None = None) -> tuple[str, str]:
    """Ask for a page with code, as a browser would: the id of the kernel it got, and the
    page's _xsrf cookie (what the page sends back to have that kernel shut down). `source`:
    the client's own address (another loopback one, 127.x.y.z: another reader to a proxy)."""
    if source is None:
        with urllib.request.urlopen(url, timeout=120) as response:
            html = response.read().decode()
            cookies = response.headers.get_all("Set-Cookie") or []
    else:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=120, source_address=(source, 0)
        )
        try:
            connection.request("GET", parts.path)
            response = connection.getresponse()
            html = response.read().decode()
            cookies = response.headers.get_all("Set-Cookie") or []
        finally:
            connection.close()
        if response.status != 200:
            raise urllib.error.HTTPError(url, response.status, html[:200], response.headers, None)
    config = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', html, re.S)
    xsrf = next((c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("_xsrf=")), "")
    return json.loads(config.group(1))["kernelId"], xsrf


def leave_page(server_url: str, kernel_id: str, xsrf: str) -> int:
    """What the page does when its tab closes: ask the server to shut its kernel down."""
    request = urllib.request.Request(
        f"{server_url}/voila/api/shutdown/{kernel_id}",
        data=f"_xsrf={xsrf}".encode(),
        headers={"Cookie": f"_xsrf={xsrf}", "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


class KernelSocket:
    """`async with KernelSocket(server_url, kernel_id) as socket:` a websocket to the kernel."""

    def __init__(
        self, server_url: str, kernel_id: str, subprotocols=(V1,), source: str | None = None
    ) -> None:
        session = uuid.uuid4().hex
        self.url = (
            server_url.replace("http", "ws", 1)
            + f"/api/kernels/{kernel_id}/channels?session_id={session}"
        )
        self.session = session
        self.subprotocols = list(subprotocols) or None
        self.received: list[bytes | str] = []
        # The client's own address, as kernel_of_page's `source`.
        self.connect_options = {"local_addr": (source, 0)} if source else {}

    async def __aenter__(self) -> KernelSocket:
        self.socket = await websockets.connect(
            self.url,
            subprotocols=self.subprotocols,
            max_size=None,
            open_timeout=30,
            **self.connect_options,
        )
        self._reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self) -> None:
        try:
            async for frame in self.socket:
                self.received.append(frame)
        except websockets.ConnectionClosed:
            pass

    async def __aexit__(self, *_exc) -> None:
        await self.socket.close()
        self._reader.cancel()

    async def send_raw(self, frame: bytes | str) -> None:
        await self.socket.send(frame)

    async def send(self, msg_type: str, content: object, **extra: object) -> str:
        frame, msg_id = message(msg_type, content, self.session, **extra)
        await self.socket.send(frame)
        return msg_id

    async def closed_by_server(self, within_s: float = 5.0) -> int | None:
        """The close code the server sent, or None if it kept the socket open."""
        try:
            await asyncio.wait_for(self.socket.wait_closed(), within_s)
        except TimeoutError:
            return None
        return self.socket.close_code

    async def widgets(self) -> dict[str, dict]:
        """Every widget of the page, by model id, as Voila's page asks for them."""
        comm_id = uuid.uuid4().hex
        await self.send(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"},
        )
        await self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        for _ in range(300):
            await asyncio.sleep(0.05)
            for frame in self.received:
                data = parse(frame)["content"].get("data", {})
                if data.get("method") == "update_states":
                    return data["states"]
        raise TimeoutError("the kernel sent no widget states")


def send_huge_body(port: int) -> bytes:
    """Start a 50 MB POST and send its first megabyte; the first bytes of the server's answer (a
    server that refuses the body before reading it may have closed the connection already)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(
            b"POST /voila/api/shutdown/x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Length: 50000000\r\n\r\n"
        )
        with contextlib.suppress(OSError):
            connection.sendall(b"x" * 1_000_000)
        return connection.recv(200)
