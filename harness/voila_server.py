"""The series served by Voila (lowback.site.serve) on a free port of 127.0.0.1, its log kept, as
the browser tests and the benchmark start it."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from lowback.paths import REPO_ROOT

SERVER_START_TIMEOUT_S = 90


def frontend_args() -> list[str]:
    """The server's page front end as LOWBACK_FRONTEND names it (lab or light), if it does."""
    chosen = os.environ.get("LOWBACK_FRONTEND")
    return [f"--SeriesVoila.frontend={chosen}"] if chosen else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ExitedEarly(RuntimeError):
    """The server stopped before it answered."""


# What a server says when the port chosen for it was taken in the meantime (the kernels of
# other servers bind ports of their own at any moment).
PORT_TAKEN = re.compile(r"already in use|no available port")


def wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ExitedEarly(f"Voila exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is up
        except (OSError, http.client.HTTPException):
            # (Not up yet; or the port was taken by something that is not HTTP, such as a
            # kernel's ZeroMQ socket, and the server is about to say so and exit.)
            time.sleep(0.2)
    raise RuntimeError(f"Voila did not answer at {url} within {SERVER_START_TIMEOUT_S} s")


def stop_server(process: subprocess.Popen, log, timeout_s: float = 20) -> None:
    """Stop a server a test or the bench started, and close its log."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


# The browser tests are many readers on one address (127.0.0.1), one after another and in
# parallel: the limits per client are lifted for them, and tests/browser/test_second_attack.py sets
# its own, with clients on other loopback addresses.
MANY_READERS_ONE_ADDRESS = (
    "--SeriesKernelManager.max_kernels_per_client=0",
    "--SeriesKernelManager.pages_per_minute=0",
)


def unless_given(defaults: tuple[str, ...], given: tuple[str, ...]) -> tuple[str, ...]:
    """The `--Name.trait=value` defaults whose trait `given` does not set (traitlets refuses a
    setting given twice)."""
    named = {arg.split("=", 1)[0] for arg in given}
    return tuple(arg for arg in defaults if arg.split("=", 1)[0] not in named)


class VoilaServer:
    """A Voila process serving the series on a free port, with its log kept."""

    START_ATTEMPTS = 3

    def __init__(
        self, log_path: Path, extra_args: tuple[str, ...] = (), env: dict[str, str] | None = None
    ) -> None:
        self.log_path = log_path
        self.extra_args = extra_args
        self.env = {**os.environ, **(env or {})}
        for attempt in range(self.START_ATTEMPTS):
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            self._log = log_path.open("w")
            self.process = subprocess.Popen(
                self.command(),
                cwd=REPO_ROOT,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                env=self.env,
            )
            try:
                wait_until_answering(self.url + "/voila/static/", self.process, log_path)
                return
            except ExitedEarly:
                self._log.close()
                if attempt == self.START_ATTEMPTS - 1 or not PORT_TAKEN.search(self.log()):
                    raise

    def command(self) -> list[str]:
        """The command that starts this server on self.port."""
        return [
            sys.executable,
            "-m",
            "lowback.site.serve",
            "--no-browser",
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            # LOWBACK_FRONTEND=lab (or light) runs the browser tests against that front end.
            *frontend_args(),
            *unless_given(MANY_READERS_ONE_ADDRESS, self.extra_args),
            *self.extra_args,
        ]

    def page_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"

    def log(self) -> str:
        return self.log_path.read_text()

    def kernel_count(self) -> int:
        """How many kernels this server runs now (a kernel on its way out does not count)."""
        count = 0
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    count += 1
            except (psutil.ZombieProcess, psutil.NoSuchProcess):
                pass
        return count

    def stop(self) -> None:
        stop_server(self.process, self._log)
