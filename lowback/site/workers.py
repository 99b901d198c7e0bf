"""The worker processes behind lowback.site.front: one `python -m lowback.site.serve` each.

`Pool` starts them on free ports of 127.0.0.1 with one shared cookie secret (written to a
private temporary file, mode 0600, read by each worker as a Voila config file), an equal share
of the kernel cap, and each its number, which its kernel ids carry (lowback.site.kernel_ids).
It waits until each answers, starts again one that exits (waiting longer each time it fails
soon after starting), and stops them all. `least_busy` is how the front picks one.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from lowback.site.kernels import MIN_CAP, default_kernel_cap

START_TIMEOUT_S = 120.0
SETTLE_TIMEOUT_S = 30.0
# Connections to a worker kept open between requests (a browser opens 6 at most per site).
MAX_IDLE = 16
RESTART_BACKOFF_S = (1, 2, 5, 10, 30)
# A worker that ran this long before it exited is started again at once, not after a wait.
HEALTHY_RUN_S = 600

log = logging.getLogger("lowback.front")


# -- the workers -----------------------------------------------------------------------------


@dataclass
class Worker:
    """One Voila process, and how busy the front keeps it."""

    index: int
    port: int = 0
    process: subprocess.Popen | None = None
    up: bool = False
    requests: int = 0  # HTTP requests in flight
    pages: int = 0  # pages being prepared
    sockets: int = 0  # open websockets (readers on it)
    chosen_at: int = 0  # when last chosen for anything
    page_chosen_at: int = 0  # when last chosen for a page
    idle: list = field(default_factory=list)  # (port, IOStream): connections kept open
    failures: int = 0
    started_at: float = field(default_factory=time.monotonic)


def take_idle(worker: Worker):
    """A kept-open connection to the worker as it runs now, or None."""
    while worker.idle:
        port, stream = worker.idle.pop()
        if port == worker.port and not stream.closed():
            stream.set_close_callback(None)
            return stream
        stream.close()
    return None


def keep_idle(worker: Worker, port: int, stream) -> None:
    """Keep a connection open for the next request, up to MAX_IDLE per worker."""
    if port != worker.port or stream.closed() or len(worker.idle) >= MAX_IDLE:
        stream.close()
        return
    entry = (port, stream)

    def forget() -> None:  # the worker closed it (or went away)
        if entry in worker.idle:
            worker.idle.remove(entry)

    stream.set_close_callback(forget)
    worker.idle.append(entry)


def least_busy(workers: list[Worker], page: bool) -> Worker | None:
    """The worker for a page (fewest pages being prepared, then fewest readers) or for anything
    else (fewest requests in flight); ties go to the one chosen longest ago for the same kind of
    request, so that pages take turns even when the requests between them do not."""
    up = [worker for worker in workers if worker.up]
    if not up:
        return None
    if page:
        return min(up, key=lambda w: (w.pages, w.sockets, w.requests, w.page_chosen_at))
    return min(up, key=lambda w: (w.requests, w.chosen_at))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In a worker, before it runs: be sent SIGTERM if the front dies (Linux)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds used so far by a process and all its descendants (Linux's /proc), or None."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(stat[11]) + int(stat[12])  # utime and stime, in clock ticks
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, ValueError, IndexError):
            if current == pid:
                return None
            continue
        todo.extend(int(child) for child in children)
    return total / os.sysconf("SC_CLK_TCK")


async def settled(worker: Worker, timeout_s: float, busy_below: float = 0.3) -> None:
    """Wait until a worker and its kernels use less than `busy_below` of a core for a second
    (its pool of kernels is ready), or `timeout_s` has passed."""
    deadline = time.monotonic() + timeout_s
    quiet = 0
    before = tree_cpu_seconds(worker.process.pid) if worker.process else None
    while before is not None and time.monotonic() < deadline and quiet < 2:
        await asyncio.sleep(0.5)
        now = tree_cpu_seconds(worker.process.pid)
        if now is None:
            return
        quiet = quiet + 1 if (now - before) / 0.5 < busy_below else 0
        before = now


class Pool:
    """The worker processes: started, watched, started again when one exits, stopped."""

    def __init__(self, count: int, extra_args: list[str]) -> None:
        self.workers = [Worker(index) for index in range(count)]
        self.extra_args = extra_args
        self.stopping = False
        self._secret_dir = Path(tempfile.mkdtemp(prefix="lowback-front-"))  # mode 0700
        secret = self._secret_dir / "voila.py"
        descriptor = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as config:
            config.write(f'c.Voila.cookie_secret = bytes.fromhex("{secrets.token_hex(32)}")\n')
        self._chosen = 0
        self._tasks: set[asyncio.Task] = set()

    def command(self, worker: Worker) -> list[str]:
        config_paths = [str(self._secret_dir), os.getcwd(), *jupyter_config_path()]
        cap = []
        if not any(arg.startswith("--SeriesKernelManager.max_kernels") for arg in self.extra_args):
            share = max(MIN_CAP, default_kernel_cap() // len(self.workers))
            cap = [f"--SeriesKernelManager.max_kernels={share}"]
        return [
            sys.executable,
            "-m",
            "lowback.site.serve",
            "--no-browser",
            f"--port={worker.port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            f"--SeriesKernelManager.worker={worker.index}",
            f"--Voila.log_format=[%(name)s {worker.index}]%(highlevel)s %(message)s",
            *(f"--Voila.config_file_paths={path}" for path in config_paths),
            *cap,
            *self.extra_args,
        ]

    def spawn(self, worker: Worker) -> None:
        worker.port = free_port()
        worker.up = False
        worker.started_at = time.monotonic()
        worker.process = subprocess.Popen(self.command(worker), preexec_fn=_die_with_parent)

    async def wait_until_answering(self, worker: Worker, timeout_s: float) -> bool:
        client = AsyncHTTPClient()
        deadline = time.monotonic() + timeout_s
        url = f"http://127.0.0.1:{worker.port}/voila/static/"
        while time.monotonic() < deadline and not self.stopping:
            if worker.process is None or worker.process.poll() is not None:
                return False
            try:
                await client.fetch(url, raise_error=False, request_timeout=2)
            except (OSError, TimeoutError, HTTPClientError):
                await asyncio.sleep(0.2)  # not listening yet
                continue
            worker.up = True  # any HTTP answer: it is listening
            return True
        return False

    async def start(self) -> bool:
        """Start the workers one after another, each once the one before has settled: every
        worker starts a kernel for each page with code at once and runs its notebook, and
        all of them starting together on a machine of few cores ran so slowly that a
        notebook's output was lost (nbclient's "Timeout waiting for IOPub output")."""
        for worker in self.workers:
            if worker.index > 0:
                await settled(self.workers[worker.index - 1], SETTLE_TIMEOUT_S)
            self.spawn(worker)
            if not await self.wait_until_answering(worker, START_TIMEOUT_S):
                return False
        self._spawn_task(self._watch())
        return True

    def _spawn_task(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _watch(self) -> None:
        while not self.stopping:
            await asyncio.sleep(1.0)
            for worker in self.workers:
                process = worker.process
                if self.stopping or process is None or process.poll() is None:
                    continue
                worker.up = False
                worker.failures += 1
                wait_s = RESTART_BACKOFF_S[min(worker.failures, len(RESTART_BACKOFF_S)) - 1]
                if time.monotonic() - worker.started_at > HEALTHY_RUN_S:
                    worker.failures, wait_s = 1, RESTART_BACKOFF_S[0]  # it had run for a while
                log.warning(
                    "Worker %d exited (status %s); starting it again in %d s; its readers' "
                    "kernels are gone.",
                    worker.index,
                    process.returncode,
                    wait_s,
                )
                worker.process = None
                self._spawn_task(self._restart(worker, wait_s))

    async def _restart(self, worker: Worker, wait_s: float) -> None:
        await asyncio.sleep(wait_s)
        if self.stopping:
            return
        self.spawn(worker)
        if await self.wait_until_answering(worker, START_TIMEOUT_S):
            log.warning("Worker %d is answering again.", worker.index)
        elif worker.process is not None and worker.process.poll() is None:
            worker.process.kill()  # never answered: the watcher starts it again

    def choose(self, page: bool) -> Worker | None:
        worker = least_busy(self.workers, page)
        if worker is not None:
            self._chosen += 1
            worker.chosen_at = self._chosen
            if page:
                worker.page_chosen_at = self._chosen
        return worker

    def stop(self, timeout_s: float = 20.0) -> None:
        self.stopping = True
        for task in list(self._tasks):
            task.cancel()
        running = [w.process for w in self.workers if w.process and w.process.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + timeout_s
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self._secret_dir, ignore_errors=True)
