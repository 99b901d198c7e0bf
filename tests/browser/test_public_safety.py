"""A public Voila page leaks nothing: no source file, no traceback, no way to run code."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from harness.voila_server import VoilaServer
from lowback.paths import NOTEBOOKS_DIR, REPO_ROOT
from lowback.widgets.failsafe import FRIENDLY_MESSAGE

from .conftest import open_rendered

pytestmark = pytest.mark.e2e

ROUTES = (
    "/voila/files/",
    "/voila/static/",
    "/voila/render/",
    "/api/contents/",
    "/voila/api/contents/",
    "/files/",
    "/voila/templates/",
    "/voila/labextensions/",
)
SNIPPET_LENGTH = 40


def repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [REPO_ROOT / name for name in listed] + [REPO_ROOT / ".git" / "config"]


def telltale(path: Path) -> bytes | None:
    """A piece of the file that no legitimate page carries: what a leak would show."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        # A rendered notebook legitimately shows its text; its code and raw JSON must not show.
        notebook = json.loads(data)
        code = [c["source"] for c in notebook["cells"] if c["cell_type"] == "code"]
        code_lines = [line.strip() for source in code for line in "".join(source).splitlines()]
        candidates = [line for line in code_lines if len(line) >= 12]
        return candidates[0].encode() if candidates else b'"cell_type": "markdown"'
    if b"\0" in data[:1024]:  # a picture: a run of bytes from its middle
        middle = len(data) // 2
        return data[middle : middle + SNIPPET_LENGTH]
    lines = [line.strip() for line in data.decode("utf-8").splitlines()]
    if path.suffix in (".j2", ".html") and "templates" in path.parts:
        # A page template's words are meant to be shown (the error page answers every 404);
        # its source is not, and only the source carries Jinja's own marks: the telltale
        # starts at one.
        marks = [re.search(r"\{[{%#]", line) for line in lines]
        lines = [line[found.start() :] for line, found in zip(lines, marks, strict=True) if found]
    long_lines = sorted((line for line in lines if len(line) >= 16), key=len, reverse=True)
    return long_lines[0][:SNIPPET_LENGTH].encode() if long_lines else None


def address_forms(relative_to_root: str) -> list[str]:
    """The ways a probe can spell a path: plain, and with ../ plain or encoded."""
    return [
        relative_to_root,
        "../" + relative_to_root,
        "..%2F" + quote(relative_to_root, safe=""),
        "%2e%2e/" + relative_to_root,
        "%2E%2E%2F%2E%2E%2F" + quote("work", safe="") + "/../" + relative_to_root,
        quote("../" + relative_to_root, safe=""),
    ]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_no_route_hands_out_any_file_of_the_repository(voila: VoilaServer):
    probes = []
    for path in repository_files():
        piece = telltale(path)
        if piece is None:
            continue
        in_root = path.parent == NOTEBOOKS_DIR
        relative = path.name if in_root else "../" + path.relative_to(REPO_ROOT).as_posix()
        for route in ROUTES:
            for form in address_forms(relative.removeprefix("../")):
                if route == "/voila/render/" and in_root and form == path.name:
                    continue  # the page itself: its rendering is checked for code below
                probes.append((route + form, piece))
    # Four at a time (CI's time): the same probes, and each one must have been answered, not
    # turned away for asking too fast, or a refusal would hide a leak.
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda probe: fetch(voila.url + probe[0]), probes))
    refused = [
        address for (address, _), (status, _) in zip(probes, answers, strict=True) if status == 429
    ]
    leaks = [
        f"{address} ({status})"
        for (address, piece), (status, body) in zip(probes, answers, strict=True)
        if piece in body
    ]
    assert len(probes) > 1000
    assert refused == []
    assert leaks == []


def test_rendered_pages_carry_no_code_from_their_notebooks(voila: VoilaServer):
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        status, body = fetch(voila.page_url(path.name))
        assert status == 200
        piece = telltale(path)
        assert piece not in body, f"{path.name} shows its code"


def test_no_images_are_served_as_files_because_the_pages_embed_their_own(voila: VoilaServer):
    for figure in sorted((REPO_ROOT / "figures").glob("*.png"))[:2]:
        for form in address_forms(f"figures/{figure.name}"):
            status, _body = fetch(voila.url + "/voila/files/" + form)
            assert status in (403, 404), form


def test_a_failing_control_shows_a_friendly_message_and_no_traceback(
    page: Page, fixture_voila: VoilaServer
):
    open_rendered(page, fixture_voila.page_url("failing_callback.ipynb"))
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("alert").filter(has_text=FRIENDLY_MESSAGE)).to_be_visible()
    html = page.content()
    for secret in ("Traceback", "RuntimeError", "SECRET-DETAIL-42", "SECRET-CELL-43", 'File "'):
        assert secret not in html
    assert "Sorry, part of this page could not be shown" in page.locator("body").inner_text()
    # The maintainer learns what failed from the server's log, without the reader's data.
    assert "screening quiz: _on_see_result failed with RuntimeError" in fixture_voila.log()


# The page's own protocol (jupyter_server's "v1" subprotocol, binary frames): the server
# accepts no other (tests/browser/test_hardening.py).
SEND_OVER_KERNEL_SOCKET = """
async ([kernelId, msgType, content]) => {
  const msgId = crypto.randomUUID();
  const url = location.origin.replace(/^http/, "ws")
    + `/api/kernels/${kernelId}/channels?session_id=${msgId}`;
  const socket = new WebSocket(url, ["v1.kernel.websocket.jupyter.org"]);
  socket.binaryType = "arraybuffer";
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  const replies = [];
  const decoder = new TextDecoder();
  socket.onmessage = (event) => {
    const view = new DataView(event.data);
    const count = Number(view.getBigUint64(0, true));
    const offsets = [...Array(count).keys()].map(
      (i) => Number(view.getBigUint64(8 * (i + 1), true)));
    const part = (i) => JSON.parse(decoder.decode(event.data.slice(offsets[i], offsets[i + 1])));
    if (part(2).msg_id === msgId) {
      replies.push(part(1).msg_type);
    }
  };
  const encoder = new TextEncoder();
  const parts = [
    "shell",
    JSON.stringify({msg_id: msgId, msg_type: msgType, username: "visitor", session: msgId,
                    date: new Date().toISOString(), version: "5.3"}),
    "{}", "{}", JSON.stringify(content),
  ].map((text) => encoder.encode(text));
  const offsets = [8 * (parts.length + 2)];
  for (const part of parts) offsets.push(offsets[offsets.length - 1] + part.length);
  const frame = new Uint8Array(offsets[offsets.length - 1]);
  const view = new DataView(frame.buffer);
  view.setBigUint64(0, BigInt(offsets.length), true);
  offsets.forEach((offset, i) => view.setBigUint64(8 * (i + 1), BigInt(offset), true));
  parts.forEach((part, i) => frame.set(part, offsets[i]));
  socket.send(frame);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  socket.close();
  return replies;
}
"""


def test_the_browser_cannot_run_code_in_the_kernel(page: Page, voila: VoilaServer, tmp_path):
    # A page with code: only those have a kernel to reach (the landing page is plain HTML).
    open_rendered(page, voila.page_url("02_screening_quiz.ipynb"))
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    kernel_id = config["kernelId"]
    # The same socket answers what the page needs, so a refusal below is a real refusal.
    info = page.evaluate(SEND_OVER_KERNEL_SOCKET, [kernel_id, "kernel_info_request", {}])
    assert "kernel_info_reply" in info
    marker = tmp_path / "code-ran"
    code = f"open({str(marker)!r}, 'w').write('ran')"
    replies = page.evaluate(
        SEND_OVER_KERNEL_SOCKET,
        [kernel_id, "execute_request", {"code": code, "silent": False, "store_history": False}],
    )
    assert replies == []
    assert not marker.exists()
    assert 'Received message of type "execute_request", which is not allowed' in voila.log()


@pytest.mark.parametrize(("host", "expected"), [(None, "localhost"), ("0.0.0.0", "0.0.0.0")])
def test_make_serve_listens_on_localhost_unless_host_is_given(host, expected):
    command = ["make", "-n", "serve"] + ([f"HOST={host}"] if host else [])
    planned = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert f"--Voila.ip={expected} " in planned.stdout
