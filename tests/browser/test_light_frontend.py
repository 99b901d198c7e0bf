"""The light front end (`--SeriesVoila.frontend=light`, lowback.site.light_frontend) in place of
Voila's lab one: a handful of files instead of about 95, the outputs drawn as the lab front end
draws them, and the kernel freed when the tab closes. The whole browser suite also runs against
it with LOWBACK_FRONTEND=light; these tests check what is particular to it, whatever that says."""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import psutil
import pytest
from playwright.sync_api import Browser, Page, Request, Route, WebSocketRoute, expect

from harness.kernel_client import parse
from harness.voila_server import VoilaServer
from lowback.paths import REPO_ROOT
from lowback.site.light_frontend import STATIC_ROUTE, manifest

from .conftest import open_rendered

pytestmark = pytest.mark.e2e

QUIZ = "02_screening_quiz.ipynb"
ROUTINE = "03_routine_timer.ipynb"
# At most: the page, nbconvert's two stylesheets, the module, its preloaded chunk, its
# stylesheet, the series' page scripts, and the anywidget modules' blob: imports.
MAX_REQUESTS = 12


@pytest.fixture(scope="module")
def light(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOWBACK_FRONTEND", "light")  # read by VoilaServer
        server = VoilaServer(tmp_path_factory.mktemp("light") / "voila.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def light_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The light front end serving the test-only notebooks in tests/fixtures."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOWBACK_FRONTEND", "light")
        server = VoilaServer(
            tmp_path_factory.mktemp("light-fixtures") / "voila.log",
            (f"--Voila.root_dir={REPO_ROOT / 'tests' / 'fixtures'}",),
        )
    yield server
    server.stop()


def test_a_widget_page_loads_the_light_module_and_none_of_the_lab_front_end(
    page: Page, light: VoilaServer
):
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    open_rendered(page, light.page_url(QUIZ))
    expect(page.get_by_role("button", name="See my result")).to_be_visible()
    paths = [urlparse(r.url).path for r in requests if r.url.startswith(light.url)]
    assert f"/{STATIC_ROUTE}/{manifest()['entries']['main.js']}" in paths
    assert f"/{STATIC_ROUTE}/{manifest()['entries']['style.css']}" in paths
    lab = [p for p in paths if p.endswith(("voila.js", "voila-style.js")) or "labextensions" in p]
    assert lab == []
    assert len(requests) <= MAX_REQUESTS, [r.url for r in requests]
    # The widget's view sits where the lab front end puts it, and its placeholder is gone.
    view = page.locator(".jp-OutputArea-output > .jupyter-widgets.lowback-view")
    expect(view).to_have_count(1)
    expect(page.locator(".lowback-placeholder")).to_be_hidden()


def test_outputs_that_are_not_widgets_are_drawn_as_the_lab_front_end_draws_them(
    page: Page, light: VoilaServer
):
    open_rendered(page, light.page_url(ROUTINE))
    page.locator(".lowback-view").first.wait_for()
    # A Markdown result (a pain change, shown as an example) and the step pictures (HTML).
    markdown = page.locator(".jp-OutputArea-output.jp-RenderedMarkdown")
    expect(markdown).to_have_attribute("data-mime-type", "text/markdown")
    expect(markdown.locator("blockquote p")).to_contain_text(
        "Your pain went up by 1 point, from 3 to 4"
    )
    html = page.locator(".jp-OutputArea-output.jp-RenderedHTML.jp-mod-trusted")
    expect(html.first.locator("figure img").first).to_be_visible()
    assert page.locator("script[type='application/vnd.voila.cell-output+json']").count() == 0


def kernel_running(server: VoilaServer, kernel_id: str) -> bool:
    for child in psutil.Process(server.process.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if kernel_id in " ".join(child.cmdline()):
                return True
    return False


def test_closing_the_tab_frees_its_kernel_at_once(browser: Browser, light: VoilaServer):
    context = browser.new_context()
    page = context.new_page()
    open_rendered(page, light.page_url(QUIZ))
    page.get_by_role("button", name="See my result").wait_for()
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    assert kernel_running(light, kernel_id)
    page.close(run_before_unload=True)
    context.close()
    deadline = time.monotonic() + 15  # far less than culling takes (300 s idle)
    while kernel_running(light, kernel_id) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not kernel_running(light, kernel_id)
    assert f"403 POST /voila/api/shutdown/{kernel_id}" not in light.log()


def test_a_busy_kernel_is_waited_for_not_asked_widget_by_widget(page: Page, light: VoilaServer):
    # ipywidgets gives the control comm 4 s, then asks for each of the quiz's 238 widgets in
    # turn: on a server busy with a class of 30, hundreds more messages to a slow kernel.
    sent: list[str] = []
    held: list[tuple] = []

    def route(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def from_page(message: str | bytes) -> None:
            sent.append(parse(message)["header"]["msg_type"])
            server.send(message)

        def from_server(message: str | bytes) -> None:
            content = parse(message)["content"]
            if isinstance(content.get("data"), dict) and (
                content["data"].get("method") == "update_states"
            ):
                held.append((socket, message))  # answered late, as a busy kernel answers
            else:
                socket.send(message)

        socket.on_message(from_page)
        server.on_message(from_server)

    page.route_web_socket(re.compile(r"/api/kernels/[^/]+/channels"), route)
    page.goto(light.page_url(QUIZ))
    deadline = time.monotonic() + 30
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert held, "the page never asked for the widgets' states"
    page.wait_for_timeout(6000)  # beyond ipywidgets' own 4 s
    socket, message = held[0]
    socket.send(message)
    expect(page.get_by_role("button", name="See my result")).to_be_visible(timeout=30_000)
    assert "comm_info_request" not in sent
    assert sent.count("comm_msg") < 10, sent


def test_the_page_asks_for_its_widgets_without_waiting_for_the_kernels_info(
    page: Page, light: VoilaServer
):
    # KernelConnection held back the widget request until the kernel_info_reply came, or until
    # a 3-second failsafe timer: a round trip more on every visit. Here the reply never comes and
    # the page's clock stands still, so only a page that does not wait asks for its widgets.
    sent: list[str] = []

    def route(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def from_page(message: str | bytes) -> None:
            sent.append(parse(message)["header"]["msg_type"])
            server.send(message)

        def from_server(message: str | bytes) -> None:
            if parse(message)["header"]["msg_type"] != "kernel_info_reply":
                socket.send(message)

        socket.on_message(from_page)
        server.on_message(from_server)

    page.clock.install()
    page.clock.pause_at(time.time() + 3600)
    page.route_web_socket(re.compile(r"/api/kernels/[^/]+/channels"), route)
    page.goto(light.page_url(QUIZ))
    deadline = time.monotonic() + 30
    while "comm_open" not in sent and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert "kernel_info_request" in sent
    assert "comm_open" in sent, sent


def open_with_the_module_held(page: Page, url: str) -> tuple[list[Route], list[str]]:
    """Open a page whose module is held back (routes to continue), and the kernel sockets it
    opens meanwhile."""
    held: list[Route] = []
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    page.route(f"**/{manifest()['entries']['main.js']}", lambda route: held.append(route))
    page.goto(url, wait_until="commit")
    deadline = time.monotonic() + 30
    while not (held and sockets) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return held, sockets


def test_the_kernels_socket_opens_before_the_module_comes_and_the_module_uses_it(
    page: Page, light: VoilaServer
):
    # On a slow phone line the module takes seconds: the socket is opened meanwhile
    # (kernel-socket.js), and the module's kernel connection takes it over.
    held, sockets = open_with_the_module_held(page, light.page_url(QUIZ))
    assert held, "the page never asked for its module"
    assert len(sockets) == 1 and "/channels?session_id=" in sockets[0], sockets
    page.wait_for_timeout(1000)  # the socket is open well before the module runs
    held[0].continue_()
    expect(page.get_by_role("button", name="See my result")).to_be_visible(timeout=30_000)
    expect(page.locator("body[data-lowback-frontend='ready']")).to_have_count(1)
    assert len(sockets) == 1, sockets


def test_a_socket_that_closed_before_the_module_came_is_replaced_by_a_new_one(
    page: Page, light: VoilaServer
):
    held, sockets = open_with_the_module_held(page, light.page_url(QUIZ))
    assert held and len(sockets) == 1, sockets
    # (Polled from here: the page's Content-Security-Policy refuses wait_for_function's eval.)
    socket_state = "window.lowbackKernelSocket.socket.readyState"
    deadline = time.monotonic() + 30
    while page.evaluate(socket_state) != 1 and time.monotonic() < deadline:  # OPEN
        page.wait_for_timeout(50)
    page.evaluate("window.lowbackKernelSocket.socket.close()")
    while page.evaluate(socket_state) != 3 and time.monotonic() < deadline:  # CLOSED
        page.wait_for_timeout(50)
    assert page.evaluate(socket_state) == 3
    held[0].continue_()
    expect(page.get_by_role("button", name="See my result")).to_be_visible(timeout=30_000)
    assert len(sockets) == 2, sockets
    expect(page.locator(".lowback-lost")).to_have_count(0)


def test_a_description_asked_for_as_html_shows_as_its_text(page: Page, light_fixtures: VoilaServer):
    # No view of the series sets description_allow_html (tests/policy); were one to, the
    # manager's inline_sanitize escapes it (src/escape.js): its tags show, none is made.
    open_rendered(page, light_fixtures.page_url("html_description.ipynb"))
    checkbox = page.locator(".widget-checkbox .widget-label-basic span")
    expect(checkbox).to_have_text("<b>bold</b> & <i>more</i>")
    text = page.locator(".widget-text > label.widget-label")
    expect(text).to_have_text("<img src=x onerror=window.lowbackRan=1>")
    assert page.locator(".widget-checkbox b, .widget-checkbox i, .widget-text img").count() == 0
    assert page.evaluate("window.lowbackRan") is None
