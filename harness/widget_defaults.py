"""The defaults of every ipywidgets model in the light front end, read in Chromium.

The kernel leaves a value out of the widget states it sends the light front end when it is the
value the front end's model starts with (lowback.widgets.control_comm); those come from
lowback/widgets/front_end_defaults.json, which this reads again from the front end's own npm
packages: lowback/site/frontend/defaults.mjs bundled by esbuild (as the page's module is) and
run in Debian's Chromium. `tests/browser/test_widget_defaults.py` compares the two;
`PYTHONPATH=. .venv/bin/python -m harness.widget_defaults` writes the file again after the
front end's packages change (`make frontend` says so).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from harness.chromium import CHROMIUM, CHROMIUM_ARGS
from lowback.paths import REPO_ROOT
from lowback.widgets.control_comm import DEFAULTS_FILE

FRONTEND_DIR = REPO_ROOT / "lowback" / "site" / "frontend"
# As build.mjs bundles the page's module: Node's `ws` and sanitize-html are not needed here.
BUNDLE_JS = """
const esbuild = require("esbuild");
esbuild.build({
  entryPoints: ["defaults.mjs"], bundle: true, format: "iife", platform: "browser",
  outfile: process.argv[1], logLevel: "error",
  alias: { ws: "./src/no-ws.js", "sanitize-html": "./src/escape.js" },
  define: { "process.env.NODE_ENV": '"production"' },
}).catch(() => process.exit(1));
"""


def front_end_defaults(browser: Browser | None = None) -> dict:
    """{model module: {model name: {attribute: default}}}, as the front end's packages have it,
    read in `browser` (or in a Chromium of its own)."""
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder) / "defaults.js"
        subprocess.run(
            ["node", "-e", BUNDLE_JS, str(bundle)], cwd=FRONTEND_DIR, check=True, timeout=120
        )
        if browser is not None:
            return read_in(browser, bundle)
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return read_in(own, bundle)
            finally:
                own.close()


def read_in(browser: Browser, bundle: Path) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><title>defaults</title>")
        page.add_script_tag(path=str(bundle))
        return page.evaluate("window.lowbackWidgetDefaults")
    finally:
        context.close()


def as_text(defaults: dict) -> str:
    return json.dumps(defaults, indent=1, sort_keys=True) + "\n"


def main() -> int:
    DEFAULTS_FILE.write_text(as_text(front_end_defaults()))
    print(f"wrote {DEFAULTS_FILE.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
