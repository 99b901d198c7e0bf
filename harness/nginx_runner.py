"""Debian's nginx, started in a prefix of its own, waited for until it answers."""

from __future__ import annotations

import http.client
import shutil
import subprocess
import time
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class NginxDidNotStart(RuntimeError):
    """nginx is not installed, exited at once, or did not answer in time (nginx's own words)."""


def start_nginx(prefix: Path, port: int, *, wait_s: float = 10) -> subprocess.Popen:
    """nginx in the foreground with `prefix`/nginx.conf, once it accepts on 127.0.0.1:`port`;
    NginxDidNotStart, with nginx's own words, if it does not start."""
    if not Path(NGINX).exists():
        raise NginxDidNotStart("nginx is not installed: .ci/run installs Debian's nginx")
    process = subprocess.Popen(
        [NGINX, "-e", "stderr", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return process
        except OSError:
            if process.poll() is not None:
                stderr = process.stderr.read().decode()
                raise NginxDidNotStart(f"nginx did not start: {stderr}") from None
            time.sleep(0.05)
    process.kill()
    raise NginxDidNotStart(f"nginx did not answer on port {port} within {wait_s:g} s")
