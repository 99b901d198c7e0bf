"""How long `make test` takes, and a fresh `make serve` set-up from a clean clone.

The fresh set-up clones the repository's committed HEAD with `git clone` into a temporary
folder (uncommitted changes are not in it), runs `make serve` there on a free port, and times
until the server answers HTTP. It builds a new .venv with pip, which takes wheels from pip's
cache when they are there: the report gives the cache's size, since a machine that has never
installed the stack also downloads it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.common import RAW_DIR
from harness.voila_server import free_port
from lowback.paths import REPO_ROOT

SERVE_TIMEOUT_S = 1200
# A make started from `make bench` must not inherit its variables or flags.
MAKE_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def make_test() -> dict:
    log = RAW_DIR / "make-test.log"
    start = time.monotonic()
    with log.open("w") as out:
        result = subprocess.run(
            ["make", "test"], cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, env=MAKE_ENV
        )
    seconds = time.monotonic() - start
    lines = [line for line in log.read_text().splitlines() if re.search(r"\d+ passed", line)]
    return {"seconds": seconds, "exit_code": result.returncode, "summary": (lines or [""])[-1]}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def pip_sources() -> dict:
    """Where pip gets wheels from on this machine: its cache and any local indexes."""
    cache = subprocess.run(
        [sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True
    )
    folder = Path(cache.stdout.strip())
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else 0
    config = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True
    )
    sources = [
        line for line in config.stdout.splitlines() if "index-url" in line or "find-links" in line
    ]
    return {"cache_mb": size / 2**20, "configured_sources": sources}


def fresh_serve() -> dict:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True
    ).stdout.strip()
    workdir = Path(tempfile.mkdtemp(prefix="lowback-bench-clone-"))
    clone = workdir / "repo"
    port = free_port()
    log = RAW_DIR / "fresh-serve.log"
    out = {"commit": commit, "pip": pip_sources(), "port": port}
    start = time.monotonic()
    try:
        subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], check=True)
        out["clone_s"] = time.monotonic() - start
        with log.open("w") as stream:
            # Its own session, so the whole of make, pip and Voila can be stopped together.
            process = subprocess.Popen(
                ["make", "serve", f"PORT={port}"],
                cwd=clone,
                stdout=stream,
                stderr=subprocess.STDOUT,
                env=MAKE_ENV,
                start_new_session=True,
            )
            try:
                while time.monotonic() - start < SERVE_TIMEOUT_S and process.poll() is None:
                    if "setup_s" not in out and (clone / ".venv" / ".runtime").exists():
                        out["setup_s"] = time.monotonic() - start
                    if _answers(f"http://localhost:{port}/"):
                        out["answering_s"] = time.monotonic() - start
                        break
                    time.sleep(0.25)
                else:
                    out["error"] = f"make serve did not answer (exit code {process.poll()})"
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return out


def run(skip_make_test: bool) -> dict:
    out = {"fresh_serve": fresh_serve()}
    out["make_test"] = {"skipped": True} if skip_make_test else make_test()
    return out
