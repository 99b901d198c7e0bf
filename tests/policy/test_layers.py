"""The package's folders are its layers, and its imports keep to them (DESIGN.md, "Shape").

Every import in every module counts, at the top of a file or inside a function, because a lazy
import is still a dependency: only ``if TYPE_CHECKING:`` blocks, which never run, are skipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.imports import imported_modules as imports_of

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "lowback"

# Which layers each layer may import from, besides itself. The pure core is every module at the
# top of the package; a room only imports from the layers below it.
ALLOWED = {
    "core": {"core"},
    "drawing": {"core", "drawing"},
    # The printable handout (DESIGN.md: lowback.handout.handout_pdf) is a layer of its own: it
    # prints the pre-drawn frames (drawing.pictures), so it cannot be core, and it brings fpdf2
    # and segno, which have no place among the Matplotlib drawings. The clinicians' view offers it.
    "handout": {"core", "drawing", "handout"},
    "widgets": {"core", "drawing", "handout", "widgets"},
    "site": {"core", "site"},
}
# Third-party packages the pure core must never import (it runs with no display, no browser).
NOT_IN_CORE = {"ipywidgets", "anywidget", "matplotlib", "numpy", "IPython", "ipykernel"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (PACKAGE_DIR / parts[1]).is_dir()):
        return parts[1]
    return "core"


MODULES = {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}
GRAPH = {
    name: {imp for imp in imports_of(path) if imp in MODULES and imp != name}
    for name, path in MODULES.items()
}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_walk_sees_lazy_imports_and_skips_type_checking_blocks(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import matplotlib\n"
        "def f():\n    import numpy\n    from lowback.drawing import figures\n"
    )
    found = imports_of(source, package="lowback")
    assert "numpy" in found and "lowback.drawing.figures" in found
    assert "matplotlib" not in found


def test_the_package_has_the_layers_design_md_names():
    assert {layer_of(m) for m in MODULES} == set(ALLOWED)
    for core in ("screening", "routine", "timer", "pain", "knowledge"):
        assert layer_of(f"lowback.{core}") == "core"
        assert f"lowback.{core}" in MODULES


def test_no_import_cycle_inside_lowback():
    assert find_cycle(GRAPH) is None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_from_its_own_layer_or_the_layers_below(module):
    mine = layer_of(module)
    wrong = sorted(imp for imp in GRAPH[module] if layer_of(imp) not in ALLOWED[mine])
    assert not wrong, f"{module} ({mine}) imports {wrong}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) == "core"))
def test_the_pure_core_imports_no_widgets_matplotlib_or_numpy(module):
    third_party = {imp.split(".")[0] for imp in imports_of(MODULES[module])}
    assert not third_party & NOT_IN_CORE, f"{module} imports {sorted(third_party & NOT_IN_CORE)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_about_600_lines(module):
    lines = MODULES[module].read_text().count("\n")
    assert lines <= 650, f"{module} has {lines} lines: split it by subject"


# -- The page contract (lowback.pages) ---------------------------------------------------------
# Only the page contract and the site read the process environment: a lower layer configured
# through it would depend on something no import shows.
MAY_READ_ENVIRONMENT = {"lowback.pages"}


def environment_reads(path: Path) -> list[int]:
    """The lines of a file that touch the process environment: `os.environ`, `os.getenv`,
    `os.putenv`, `os.unsetenv`, or any of them imported by name."""
    names = {"environ", "getenv", "putenv", "unsetenv", "environb", "getenvb"}
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr in names:
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                found.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(alias.name in names for alias in node.names)
        ):
            found.append(node.lineno)
    return sorted(found)


def test_the_environment_finder_finds_every_spelling(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "import os\nfrom os import getenv\na = os.environ.get('X')\nb = os.getenv('Y')\n"
    )
    assert environment_reads(source) == [2, 3, 4]


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if layer_of(m) != "site" and m not in MAY_READ_ENVIRONMENT)
)
def test_only_the_page_contract_and_the_site_read_the_environment(module):
    assert not environment_reads(MODULES[module]), f"{module} reads the process environment"


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if layer_of(m) != "site" and m != "lowback.pages")
)
def test_only_the_page_contract_names_the_pages_and_their_routes(module):
    # Docstrings may say where a page is; code asks lowback.pages.
    tree = ast.parse(MODULES[module].read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and (".ipynb" in node.value or "voila/render" in node.value)
    ]
    assert not found, f"{module} spells a page or a route itself: {found}"


def test_the_storage_keys_and_the_lost_page_sentence_are_spelled_once():
    from lowback.pages import PAGE_LOST, QUIZ_RESULT_KEY, REGION_KEY, SESSIONS_KEY

    sources = [
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.suffix in {".py", ".js", ".j2"}
        and "node_modules" not in p.parts
        and "voila_light" not in p.parts  # the built front end
        and p.name != "pages.py"
    ]
    for text in (PAGE_LOST, QUIZ_RESULT_KEY, SESSIONS_KEY, REGION_KEY):
        spelled = [str(p.relative_to(PACKAGE_DIR)) for p in sources if text in p.read_text()]
        assert not spelled, f"{text!r} is spelled outside lowback/pages.py: {spelled}"
