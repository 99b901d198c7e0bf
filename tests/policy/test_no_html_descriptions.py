"""Widget descriptions are text, never HTML: no view of the series sets ipywidgets'
`description_allow_html`. The light front end relies on it: its widget manager's
inline_sanitize escapes a description instead of sanitizing HTML
(lowback/site/frontend/src/escape.js), so a description meant as HTML would show its tags."""

from __future__ import annotations

from pathlib import Path

import ipywidgets

from lowback.paths import NOTEBOOKS_DIR, REPO_ROOT

FLAG = "allow_html"  # description_allow_html, however it is reached


def files_that_make_pages() -> list[Path]:
    package = REPO_ROOT / "lowback"
    python = [path for path in package.rglob("*.py") if "node_modules" not in path.parts]
    return sorted(
        [*python, *(package / "widgets" / "js").rglob("*.js"), *NOTEBOOKS_DIR.glob("*.ipynb")]
    )


def test_no_view_or_notebook_asks_for_an_html_description():
    files = files_that_make_pages()
    assert len(files) > 20
    found = [path.relative_to(REPO_ROOT) for path in files if FLAG in path.read_text("utf-8")]
    assert found == [], f"{found} set description_allow_html: the light front end escapes it"


def test_a_description_is_text_unless_a_view_says_otherwise():
    for widget in (ipywidgets.Checkbox(), ipywidgets.Text(), ipywidgets.Button()):
        assert getattr(widget, "description_allow_html", False) is False
