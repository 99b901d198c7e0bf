"""deploy/nginx/lowback.conf in Debian's nginx: a forged Host never reaches the series.

The series' own answer to a forged Host is to read no address from a request at all
(tests/browser/test_clinicians_page.py); the deployment's is a second wall: nginx closes any request
for a name that is not the site's before it reaches Voila. A small HTTP server stands in for
Voila here, so the test needs nothing but nginx (which .ci/run installs).
"""

from __future__ import annotations

import http.client
import http.server
import threading
from collections.abc import Iterator

import pytest

from harness.nginx_runner import start_nginx
from harness.voila_server import free_port
from lowback.paths import REPO_ROOT

pytestmark = pytest.mark.e2e

SITE = "lowback.example.org"


class Upstream(http.server.BaseHTTPRequestHandler):
    """Stands in for Voila: answers every request with the Host it was given."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = f"host={self.headers.get('Host')}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    site = (REPO_ROOT / "deploy" / "nginx" / "lowback.conf").read_text(encoding="utf-8")
    site = site.replace("server 127.0.0.1:8866;", f"server 127.0.0.1:{upstream.server_port};")
    site = site.replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "logs").mkdir()
    (prefix / "lowback.conf").write_text(site, encoding="utf-8")
    (prefix / "nginx.conf").write_text(
        f"""daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/lowback.conf;
}}
""",
        encoding="utf-8",
    )
    process = start_nginx(prefix, port)
    yield port
    process.terminate()
    process.wait(timeout=10)
    upstream.shutdown()


def ask(port: int, host: str) -> tuple[int, str] | None:
    """(status, body) for a page request with this Host, or None if nginx closed without one."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/voila/render/04_for_clinicians.ipynb", headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode()
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return None
    finally:
        connection.close()


def test_the_sites_own_name_reaches_the_series(nginx: int):
    assert ask(nginx, SITE) == (200, f"host={SITE}")


@pytest.mark.parametrize("forged", ["clinic-login.evil.example", "127.0.0.1", ""])
def test_any_other_host_is_refused_before_it_reaches_the_series(nginx: int, forged: str):
    answer = ask(nginx, forged)
    # Closed with no answer (444), or, for an empty Host, nginx's own 400: never the series.
    assert answer is None or (answer[0] == 400 and "host=" not in answer[1])
