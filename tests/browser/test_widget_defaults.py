"""The kernel leaves out of the light front end's widget states what its models start with
(lowback.widgets.control_comm); those defaults are read here again from the front end's own npm
packages, in Chromium, and must be the committed ones. After `npm` updates a package of the
front end: `PYTHONPATH=. .venv/bin/python -m harness.widget_defaults`, and look at the diff."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from playwright.sync_api import Browser

from harness.widget_defaults import FRONTEND_DIR, as_text, front_end_defaults
from lowback.widgets.control_comm import DEFAULTS_FILE

pytestmark = pytest.mark.e2e


def test_the_committed_defaults_are_the_front_ends_own(browser: Browser):
    if shutil.which("node") is None or not (FRONTEND_DIR / "node_modules" / "esbuild").is_dir():
        how = "Node and the front end's npm packages are needed (make test installs them)"
        pytest.fail(how) if os.environ.get("CI") else pytest.skip(how)
    read = front_end_defaults(browser)
    assert as_text(read) == DEFAULTS_FILE.read_text(), (
        "lowback/widgets/front_end_defaults.json is not what the front end's packages say: "
        "run `PYTHONPATH=. .venv/bin/python -m harness.widget_defaults`"
    )
    # Every model the series shows is among them.
    controls = json.loads(DEFAULTS_FILE.read_text())["@jupyter-widgets/controls"]
    for name in ("BoxModel", "ButtonModel", "CheckboxModel", "DropdownModel", "HTMLModel"):
        assert name in controls
