"""Running a browser module's mirror of a Python rule under Node, for the parity tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest


def node() -> str:
    """Node's path; on CI its absence fails the test, elsewhere it skips it."""
    found = shutil.which("node")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("Node.js is needed to test the browser's code (apt-get install nodejs)")
    pytest.skip("Node.js not found: the browser's code is not tested here")


def run_with_module(module: Path, as_name: str, script: str, tmp_path: Path) -> object:
    """Run `script` (an ES module that imports "./`as_name`" and prints JSON) beside a copy of
    `module`; what it printed, parsed."""
    (tmp_path / as_name).write_text(module.read_text())
    (tmp_path / "run.mjs").write_text(script)
    out = subprocess.run(
        [node(), str(tmp_path / "run.mjs")], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(out.stdout)
