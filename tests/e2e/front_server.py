"""The series served by several Voila workers behind lowback.site.front, as
`make serve WORKERS=n` runs it: for the end-to-end tests and the crowd bench."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import psutil

from .conftest import MANY_READERS_ONE_ADDRESS, VoilaServer, frontend_args, unless_given


class FrontServer(VoilaServer):
    """lowback.site.front with `workers` workers on a free port; the rest as VoilaServer."""

    def __init__(self, log_path: Path, workers: int = 2, extra_args: tuple[str, ...] = ()) -> None:
        self.workers = workers
        # The front listens only once every worker answers.
        super().__init__(log_path, extra_args)

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "lowback.site.front",
            f"--workers={self.workers}",
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
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
        """The ids of the kernels each worker runs now."""
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

    def uss_mb(self) -> float:
        """The front process's own unique memory, in MB."""
        return psutil.Process(self.process.pid).memory_full_info().uss / 2**20
