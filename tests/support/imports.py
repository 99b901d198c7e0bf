"""Which modules a file of the repository imports, read with `ast` (nothing is run): for the
policy tests on bench/ and harness/ (tests/policy/test_bench_imports.py) and on what pyproject.toml
declares (tests/policy/test_dependencies.py)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from lowback.paths import REPO_ROOT


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def module_of(path: Path) -> str:
    """The dotted name of a file of the repository: bench/report.py is bench.report."""
    parts = path.resolve().relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, package: str | None = None) -> set[str]:
    """Every module a file imports, as absolute dotted names, at the top of the file or inside a
    function (a lazy import is still a dependency); only `if TYPE_CHECKING:` blocks, which never
    run, are skipped. `from a import b` counts as importing `a` and `a.b` (b may be a module).
    `package`: the file's own package, for relative imports; by default where it lies."""
    if package is None:
        package = ".".join(path.resolve().relative_to(REPO_ROOT).parts[:-1])
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return found


def third_party(modules: set[str]) -> set[str]:
    """The top-level names among `modules` that are neither the standard library's nor one of
    the repository's own folders (lowback, harness, bench, tests, ...)."""
    tops = {name.split(".")[0] for name in modules}
    return {
        top
        for top in tops
        if top
        and top != "__future__"
        and top not in sys.stdlib_module_names
        and not (REPO_ROOT / top).is_dir()
    }
