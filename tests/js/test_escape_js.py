"""The light front end's inline_sanitize against Python's html.escape, under Node.

ipywidgets writes what the widget manager's inline_sanitize returns as a description's HTML
(when `description_allow_html` is on, which no view of the series sets:
tests/policy/test_no_html_descriptions.py). The light front end's manager returns the
description escaped (lowback/site/frontend/src/escape.js), so markup shows as the text it is;
tests/browser/test_light_frontend.py sees it so on a page.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.support.node_runner import run_with_module

FRONTEND_SRC = Path(__file__).resolve().parents[2] / "lowback" / "site" / "frontend" / "src"
ESCAPE_JS = FRONTEND_SRC / "escape.js"

TEXTS = [
    "",
    "Plain words",
    "<b>x</b>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">link</a>',
    'Tom & Jerry\'s "quotes" <3',
    "&amp; already escaped",
    "$x < y$ and \\(a > b\\)",
    "<script>alert('x')</script>",
    "caf\u00e9 \u2014 \U0001f600 <i>",
]


def test_inline_sanitize_returns_the_text_escaped_as_python_escapes_it(tmp_path):
    script = (
        'import escapeHtml from "./escape.mjs";\n'
        f"const texts = {json.dumps(TEXTS)};\n"
        "console.log(JSON.stringify({ escaped: texts.map(escapeHtml),"
        " empty: [escapeHtml(undefined), escapeHtml(null)], number: escapeHtml(42) }));\n"
    )
    out = run_with_module(ESCAPE_JS, "escape.mjs", script, tmp_path)
    assert out["escaped"] == [html.escape(text, quote=True) for text in TEXTS]
    assert out["escaped"][2] == "&lt;b&gt;x&lt;/b&gt;"
    assert out["empty"] == ["", ""]
    assert out["number"] == "42"


def test_the_manager_hands_ipywidgets_the_escaped_text_and_no_sanitizer_is_bundled():
    manager = (FRONTEND_SRC / "manager.js").read_text("utf-8")
    assert re.search(r"inline_sanitize\(source\) \{\s*return escapeHtml\(source\);\s*\}", manager)
    assert 'import escapeHtml from "./escape.js";' in manager
    build = (FRONTEND_SRC.parent / "build.mjs").read_text("utf-8")
    assert '"sanitize-html": "./src/escape.js"' in build
    assert not (FRONTEND_SRC / "sanitize.js").exists()
