"""The series as `make serve-scaled` serves it: Voila workers behind Debian's nginx
(deploy/nginx/serve_scaled.py), for the end-to-end tests and the crowd bench."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import psutil

from harness.voila_server import (
    MANY_READERS_ONE_ADDRESS,
    VoilaServer,
    frontend_args,
    unless_given,
)
from lowback.paths import REPO_ROOT

SCRIPT = REPO_ROOT / "deploy" / "nginx" / "serve_scaled.py"


class ScaledServer(VoilaServer):
    """serve_scaled.py with `workers` workers, nginx on a free port of 127.0.0.1; the rest as
    VoilaServer (which waits until nginx answers: the script starts it once every worker
    does)."""

    def __init__(self, log_path: Path, workers: int = 2, extra_args: tuple[str, ...] = ()) -> None:
        self.workers = workers
        super().__init__(log_path, extra_args)

    def command(self) -> list[str]:
        return [
            sys.executable,
            str(SCRIPT),
            f"--workers={self.workers}",
            "--host=127.0.0.1",
            f"--port={self.port}",
            *frontend_args(),
            *unless_given(MANY_READERS_ONE_ADDRESS, self.extra_args),
            *self.extra_args,
        ]

    def worker_processes(self) -> dict[int, psutil.Process]:
        """Each worker's process, by its number."""
        found = {}
        for child in psutil.Process(self.process.pid).children():
            with contextlib.suppress(psutil.Error):
                for arg in child.cmdline():
                    if arg.startswith("--SeriesKernelManager.worker="):
                        found[int(arg.split("=", 1)[1])] = child
        return found

    def kernels_by_worker(self) -> dict[int, set[str]]:
        """The ids of the kernels each worker runs now (read from their command lines)."""
        kernels: dict[int, set[str]] = {}
        for index, worker in self.worker_processes().items():
            kernels[index] = set()
            with contextlib.suppress(psutil.Error):
                for child in worker.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        command = " ".join(child.cmdline())
                        if "ipykernel_launcher" in command and "kernel-" in command:
                            kernel_id = command.split("kernel-", 1)[1].split(".json", 1)[0]
                            kernels[index].add(kernel_id)
        return kernels
