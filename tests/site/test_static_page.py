"""Pages without code are served as plain HTML: which notebooks qualify, and what they become."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from lowback.pages import LANDING
from lowback.paths import NOTEBOOKS_DIR
from lowback.site.navigation import chapter_paths
from lowback.site.static_page import code_free_notebooks, has_code, render_static_page

LANDING = NOTEBOOKS_DIR / LANDING


def test_only_the_landing_page_is_free_of_code():
    assert code_free_notebooks(NOTEBOOKS_DIR) == [LANDING]
    # Every chapter after the landing page has code (the clinicians' page included).
    assert [has_code(path) for path in chapter_paths()] == [
        path != LANDING for path in chapter_paths()
    ]


def notebook_with(tmp_path: Path, cells: list[dict]) -> Path:
    path = tmp_path / "page.ipynb"
    for number, each in enumerate(cells):
        each["id"] = f"cell-{number}"
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook))
    return path


def cell(kind: str, source: str) -> dict:
    extra = {"outputs": [], "execution_count": None} if kind == "code" else {}
    return {"cell_type": kind, "metadata": {}, "source": source, **extra}


def test_an_empty_code_cell_runs_nothing_but_any_code_needs_a_kernel(tmp_path: Path):
    assert not has_code(notebook_with(tmp_path, [cell("markdown", "# Hi"), cell("code", " \n")]))
    assert has_code(notebook_with(tmp_path, [cell("markdown", "# Hi"), cell("code", "1 + 1")]))


def test_checkpoint_copies_are_never_served(tmp_path: Path):
    (tmp_path / ".ipynb_checkpoints").mkdir()
    shutil.copy(LANDING, tmp_path / ".ipynb_checkpoints" / "page-checkpoint.ipynb")
    shutil.copy(LANDING, tmp_path / "page.ipynb")
    assert code_free_notebooks(tmp_path) == [tmp_path / "page.ipynb"]


def test_the_landing_page_has_its_words_and_links_and_no_script_or_outside_resource():
    html = render_static_page(LANDING)
    assert "<title>Pain beside the bony bump above your buttock</title>" in html
    assert "Safety first: this is education, not a diagnosis." in html
    assert "Call your local emergency number now" in html
    for path in chapter_paths()[1:]:
        assert f'href="{path.name}"' in html
    assert "<script" not in html
    # Nothing loaded from elsewhere: no stylesheet, font, image or frame from another address.
    assert not re.search(r"<(link|img|iframe|source)\b[^>]*\b(href|src)=\"(https?:)?//", html)
    assert not re.search(r"url\((\"|')?(https?:)?//", html)
    assert 'id="rendered_cells"' in html  # the same frame as Voila's pages, margins and all


def test_a_notebook_with_code_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="needs a kernel"):
        render_static_page(notebook_with(tmp_path, [cell("code", "print(1)")]))


def test_an_edited_notebook_is_rendered_again(tmp_path: Path):
    path = notebook_with(tmp_path, [cell("markdown", "# First words")])
    assert "First words" in render_static_page(path)
    path.write_text(path.read_text().replace("First words", "Second words"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "Second words" in render_static_page(path)
