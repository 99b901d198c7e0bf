"""The repository's promises to its readers and maintainers: pins, Binder, README, contents."""

from __future__ import annotations

import json
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest

from lowback.pages import LANDING
from lowback.paths import NOTEBOOKS_DIR, PICTURES_DIR, REPO_ROOT
from lowback.site import navigation
from lowback.site.static_page import TEMPLATES_DIR

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
BINDER_LINK = re.compile(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)")
REQUIRED_PINS = {
    "jupyterlab": "4.6.",
    "ipywidgets": "8.1.",
    "matplotlib": "3.11.",
    "voila": "0.5.",
    "jupyter_server": "2.",
    "nbval": "0.11.",
}


def requirement_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in requirement_lines(path):
        if line.startswith("-"):
            continue
        name, _, version = line.partition("==")
        assert version, f"{path.name}: {line!r} is not pinned with =="
        found[name.lower().replace("-", "_")] = version
    return found


def test_binder_installs_exactly_the_pins_of_requirements_txt():
    assert requirement_lines(REPO_ROOT / "binder" / "requirements.txt") == requirement_lines(
        REPO_ROOT / "requirements.txt"
    ), "binder/requirements.txt drifted from requirements.txt: copy it again"


def test_binder_installs_the_lowback_package_without_changing_the_pins():
    post_build = (REPO_ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps" in post_build
    assert (REPO_ROOT / "binder" / "postBuild").stat().st_mode & 0o111, "postBuild not executable"


def test_a_plain_pip_install_ships_every_pre_drawn_picture_and_page_template():
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["lowback"]
    pictures = sorted(PICTURES_DIR.iterdir())
    assert pictures, "lowback/pictures/ is empty: run `make figures`"
    templates = sorted(path for path in TEMPLATES_DIR.rglob("*") if path.is_file())
    assert templates, "lowback/site/templates/ is empty"
    for path in [*pictures, *templates]:
        inside = path.relative_to(PICTURES_DIR.parent).as_posix()
        assert any(fnmatch(inside, pattern) for pattern in patterns), f"{inside} is not shipped"


@pytest.mark.parametrize("package", sorted(REQUIRED_PINS))
def test_runtime_stack_is_pinned_to_the_agreed_release_lines(package):
    version = pins(REPO_ROOT / "requirements.txt")[package]
    assert version.startswith(REQUIRED_PINS[package])


def test_voila_and_jupyter_server_carry_their_security_fixes():
    found = pins(REPO_ROOT / "requirements.txt")
    voila = tuple(int(part) for part in found["voila"].split("."))
    server = tuple(int(part) for part in found["jupyter_server"].split("."))
    assert voila >= (0, 5, 11)
    assert server >= (2, 20)


def test_test_tools_build_on_the_runtime_pins_rather_than_repeating_them():
    lines = requirement_lines(REPO_ROOT / "requirements-test.txt")
    assert "-r requirements.txt" in lines
    assert not set(pins(REPO_ROOT / "requirements-test.txt")) & set(REQUIRED_PINS)


def binder_links() -> list[str]:
    return BINDER_LINK.findall(README)


def test_readme_has_binder_badges_for_jupyterlab_and_voila():
    urlpaths = [parse_qs(urlparse(link).query)["urlpath"][0] for link in binder_links()]
    assert any(path.startswith("lab/tree/") for path in urlpaths)
    assert any(path.startswith("voila/render/") for path in urlpaths)


@pytest.mark.parametrize("link", binder_links())
def test_each_binder_badge_opens_a_notebook_that_exists(link):
    urlpath = parse_qs(urlparse(link).query)["urlpath"][0]
    route, _, path = urlpath.partition("/")
    prefix = {"lab": "tree/", "voila": "render/"}[route]
    assert path.startswith(prefix), f"unexpected Binder route in {link}"
    notebook = REPO_ROOT / path.removeprefix(prefix)
    assert notebook.suffix == ".ipynb" and notebook.is_file(), f"{link} opens a missing notebook"


@pytest.mark.parametrize("command", ["make serve", "make test"])
def test_readme_gives_the_two_commands_for_a_fresh_machine(command):
    assert f"`{command}`" in README or f"{command}   #" in README


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE)


@pytest.mark.parametrize("path", navigation.chapter_paths(), ids=lambda path: path.name)
def test_readme_says_what_each_notebook_teaches(path):
    assert f"(notebooks/{path.name})" in README


def test_generated_navigation_safety_box_and_contents_are_current():
    stale = navigation.sync(NOTEBOOKS_DIR, check=True)
    assert not stale, f"stale generated cells in {[p.name for p in stale]}: run `make contents`"


def test_landing_page_lists_every_other_chapter():
    landing = nbformat.read(NOTEBOOKS_DIR / LANDING, as_version=4)
    contents = next(c for c in landing.cells if navigation.CONTENTS in c.metadata.get("tags", []))
    for path in navigation.chapter_paths():
        if path.name != LANDING:
            assert f"]({path.name})" in contents.source


@pytest.mark.parametrize("path", navigation.chapter_paths(), ids=lambda path: path.name)
def test_every_notebook_stores_the_outputs_of_every_code_cell(path):
    notebook = nbformat.read(path, as_version=4)
    unrun = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and cell.source.strip() and cell.execution_count is None
    ]
    assert not unrun, f"{path.name}: run it top to bottom and save (cells {unrun})"


@pytest.mark.parametrize("path", navigation.chapter_paths(), ids=lambda path: path.name)
def test_every_notebook_has_a_sources_section(path):
    notebook = nbformat.read(path, as_version=4)
    assert any(cell.source.lstrip().startswith("## Sources") for cell in notebook.cells)


def test_voila_hides_code_and_tracebacks_and_locks_template_and_theme():
    settings = json.loads((REPO_ROOT / "voila.json").read_text())["VoilaConfiguration"]
    assert settings["strip_sources"] is True
    assert settings["show_tracebacks"] is False
    assert settings["template"] == "lab"
    assert settings["theme"] == "light"
    assert settings["allow_template_override"] == "NO"
    assert settings["allow_theme_override"] == "NO"
