"""What the public server answers over HTTP alone: security headers, routes, odd addresses and
what they cost the log. The server runs in this process (tests/site/in_process.py): these
checks need neither a browser nor a kernel, so they take milliseconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lowback.pages import LANDING, QUIZ, page_address
from lowback.site.hardening import MAX_ADDRESS_BYTES
from lowback.site.page_scripts import SCRIPTS, script_url
from tests.site.in_process import InProcessVoila


@pytest.fixture(scope="module")
def server() -> Iterator[InProcessVoila]:
    running = InProcessVoila()
    yield running
    running.stop()


def assert_security_headers(headers, path: str) -> None:
    assert headers["X-Content-Type-Options"] == "nosniff", path
    assert headers["Referrer-Policy"] == "no-referrer", path
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "default-src" in policy, path
    assert "*" not in policy and "http" not in policy, path  # this server only
    allowed = headers["Permissions-Policy"]
    assert "screen-wake-lock=(self)" in allowed and "autoplay=(self)" in allowed, path
    assert "camera=()" in allowed and "geolocation=()" in allowed, path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        page_address(LANDING),
        "/voila/templates/lab/static/voila-style.js",
        "/voila/render/no-such-page.ipynb",
        "/voila/tree",
        *(script_url(name) for name in SCRIPTS),
    ],
)
def test_every_response_carries_the_security_headers(server: InProcessVoila, path: str):
    _status, headers, _body = server.get(path)
    assert_security_headers(headers, path)


def test_the_landing_page_runs_no_script_and_sets_no_cookie(server: InProcessVoila):
    status, headers, body = server.get(page_address(LANDING))
    assert status == 200
    assert headers.get_all("Set-Cookie") is None
    assert "script-src" not in headers["Content-Security-Policy"]
    assert b"<script" not in body


def test_the_page_scripts_are_served_for_a_year_at_their_addresses(server: InProcessVoila):
    for name in SCRIPTS:
        status, headers, body = server.get(script_url(name))
        assert status == 200 and body, name
        assert "immutable" in headers["Cache-Control"], name


def test_the_file_list_is_not_shown_and_the_root_goes_to_the_landing_page(server: InProcessVoila):
    for path in ("/voila/tree", "/voila/tree/", "/voila/tree/notebooks"):
        status, headers, _body = server.get(path)
        assert status in (301, 302) and headers["Location"].endswith(page_address(LANDING))
    status, headers, _body = server.get("/")
    assert status in (301, 302) and headers["Location"].endswith(page_address(LANDING))


ODD_ADDRESSES = (
    f"/voila/render/{QUIZ}%00",
    f"/voila/render/{QUIZ}%0d%0aSet-Cookie:%20x=1",
    "/voila/templates/../",
    "/voila/templates/lab/static/..",
    "/voila/templates/nothing/static/x.js",
    "/voila/templates/voila_page/static/../index.html.j2",
    "/voila/static/%ff",
    "/voila/api/contents/" + "a" * 3000,
    "/logout",
)


def test_odd_addresses_get_4xx_and_the_log_stays_small(server: InProcessVoila):
    before = len(server.log.text())
    # Twenty addresses of 60 kB: logged whole, they would add over a megabyte.
    for address in (*ODD_ADDRESSES, *["/voila/render/" + "a" * 60_000] * 20):
        status, _headers, body = server.get(address)
        assert 400 <= status < 500, (address[:80], status)
        assert b"Traceback" not in body
    added = server.log.text()[before:]
    assert "Traceback" not in added
    assert len(added) < 40_000, f"{len(added)} characters logged"


def test_an_address_too_long_to_be_ours_is_refused_whatever_its_route(server: InProcessVoila):
    for path in ("/voila/render/" + "a" * MAX_ADDRESS_BYTES, "/?note=" + "a" * MAX_ADDRESS_BYTES):
        status, _headers, _body = server.get(path)
        assert status == 414, path[:60]
