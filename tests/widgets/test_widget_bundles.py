"""The widgets' browser modules as the kernel sends them: lowback/widgets/js/dist/, built from
lowback/widgets/js/ by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) and
committed, so a kernel needs no Node. One module per anywidget, importing nothing, built from
the sources as they are now, and built again byte for byte."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from lowback.paths import REPO_ROOT
from lowback.widgets.page_helper import page_helper_esm
from lowback.widgets.player import player_esm
from lowback.widgets.psis_view import PsisPicture
from lowback.widgets.view_helper import view_helper_esm

JS_DIR = REPO_ROOT / "lowback" / "widgets" / "js"
DIST = JS_DIR / "dist"
FRONTEND_DIR = REPO_ROOT / "lowback" / "site" / "frontend"
# The header build_widgets.mjs writes: each source and the SHA-256 of its bytes at the build.
SOURCE_LINE = re.compile(r"^// source (\S+) sha256=([0-9a-f]{64})$", re.M)
# esbuild's way of writing the entry's `export default {...}`, the module's only export.
DEFAULT_EXPORT = re.compile(r"\nexport \{\s*\w+ as default\s*\};\n\Z")

# What each widget sends as its `_esm`, by the built file it must be.
SENT = {
    "player.js": player_esm,
    "page_helper.js": page_helper_esm,
    "psis_question.js": lambda: PsisPicture._esm.default_value,
    "view_helper.js": view_helper_esm,
}


def sources(name: str) -> dict[str, str]:
    return dict(SOURCE_LINE.findall((DIST / name).read_text("utf-8")))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_widget_sends_its_built_module_and_dist_holds_nothing_else():
    assert sorted(path.name for path in DIST.iterdir()) == sorted(SENT)
    for name, esm in SENT.items():
        assert esm() == (DIST / name).read_text("utf-8"), name


@pytest.mark.parametrize("name", sorted(SENT))
def test_each_module_was_built_from_the_sources_as_they_are_now(name):
    listed = sources(name)
    assert listed, f"dist/{name} does not list its sources: run `make frontend`"
    changed = [
        source
        for source, digest in listed.items()
        if not (JS_DIR / source).is_file() or sha256(JS_DIR / source) != digest
    ]
    assert changed == [], f"{changed} changed since dist/{name} was built: run `make frontend`"


def test_every_source_file_is_part_of_a_widgets_module():
    used = {source for name in SENT for source in sources(name)}
    assert used == {path.name for path in JS_DIR.glob("*.js")}


@pytest.mark.parametrize("name", sorted(SENT))
def test_each_module_imports_nothing_and_exports_only_the_widget(name):
    text = (DIST / name).read_text("utf-8")
    assert not re.search(r"^\s*import\b|\bimport\(", text, re.M)
    assert DEFAULT_EXPORT.search(text)
    assert text.count("export ") == 1
    assert "sourceMappingURL" not in text
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)  # nothing fetched
    # Not minified: a reader can read what the page runs, each source under its own name.
    for source in sources(name):
        assert f"\n// {source}\n" in text


def test_the_player_and_the_page_helper_share_the_saved_quiz_results_functions():
    assert sources("player.js")["quiz_record.js"] == sources("page_helper.js")["quiz_record.js"]
    assert set(sources("player.js")) == {
        "dom.js",
        "pain_light.js",
        "pain_panel.js",
        "plan_shown.js",
        "player_core.js",
        "player_view.js",
        "progress.js",
        "quiz_record.js",
        "region_choice.js",
        "region_memory.js",
        "session_history.js",
        "since_quiz.js",
    }


def test_a_plain_pip_install_ships_the_built_modules():
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["lowback"]
    for name in SENT:
        inside = (DIST / name).relative_to(REPO_ROOT / "lowback").as_posix()
        assert any(fnmatch(inside, pattern) for pattern in patterns), f"{inside} is not shipped"


# As tests/site/test_light_frontend.py: skipped by hand without the npm packages, never in CI.
@pytest.mark.skipif(
    (not (FRONTEND_DIR / "node_modules" / "esbuild").is_dir() or shutil.which("node") is None)
    and not os.environ.get("CI"),
    reason="`make frontend` has not installed the front end's npm packages here",
)
@pytest.mark.slow
def test_the_same_sources_give_the_same_bytes_as_the_committed_modules(tmp_path):
    """Built again, every module comes out byte for byte as committed: the build is
    reproducible, and the committed modules are not stale (else: `make frontend`)."""
    subprocess.run(
        ["node", "build_widgets.mjs"],
        cwd=FRONTEND_DIR,
        env={**os.environ, "LOWBACK_WIDGETS_OUT": str(tmp_path)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(SENT)
    for name in SENT:
        assert (tmp_path / name).read_bytes() == (DIST / name).read_bytes(), name
