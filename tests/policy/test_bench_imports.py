"""bench/ and harness/ stand on their own: the benchmark imports lowback, harness and
third-party packages, never the tests (whose files may go); harness, what the browser tests and
the benchmark both drive, imports neither of them nor pytest; and no two bench modules import
each other, in a ring or directly.
"""

from __future__ import annotations

import pytest

from lowback.paths import REPO_ROOT
from tests.policy.test_layers import find_cycle
from tests.support.imports import imported_modules, module_of, third_party

BENCH = sorted((REPO_ROOT / "bench").glob("*.py"))
HARNESS = sorted((REPO_ROOT / "harness").glob("*.py"))
# The repository's own top-level packages each may import, besides itself.
MAY_IMPORT = {"bench": {"lowback", "harness"}, "harness": {"lowback"}}


def own_packages(modules: set[str], mine: str) -> set[str]:
    """The repository's top-level packages among `modules`, `mine` left out."""
    tops = {name.split(".")[0] for name in modules}
    return {top for top in tops if top and (REPO_ROOT / top).is_dir()} - {mine}


def test_the_import_reader_sees_lazy_from_and_relative_imports_and_skips_type_checking(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import tests.browser\n"
        "from . import report\n"
        "def f():\n    from tests.browser.conftest import free_port\n    import psutil\n"
    )
    found = imported_modules(sample, package="bench")
    assert {"bench.report", "tests.browser.conftest", "psutil"} <= found
    assert "tests.browser" not in found
    assert own_packages(found, "bench") == {"tests"}
    assert third_party(found) == {"psutil"}


def test_bench_and_harness_are_there():
    assert len(BENCH) > 5 and len(HARNESS) > 5
    assert (REPO_ROOT / "harness" / "__init__.py").is_file()


@pytest.mark.parametrize("path", BENCH + HARNESS, ids=lambda path: module_of(path))
def test_bench_and_harness_import_only_lowback_harness_and_third_party_packages(path):
    folder = module_of(path).split(".")[0]
    wrong = own_packages(imported_modules(path), folder) - MAY_IMPORT[folder]
    assert not wrong, f"{module_of(path)} imports {sorted(wrong)}"


@pytest.mark.parametrize("path", HARNESS, ids=lambda path: module_of(path))
def test_harness_needs_no_pytest(path):
    # The bench runs it outside pytest: a harness that failed a test would not fail a bench.
    assert "pytest" not in third_party(imported_modules(path)), module_of(path)


def test_no_import_cycle_among_bench_and_harness_modules():
    modules = {module_of(path): path for path in BENCH + HARNESS}
    graph = {
        name: {imp for imp in imported_modules(path) if imp in modules and imp != name}
        for name, path in modules.items()
    }
    assert find_cycle(graph) is None, find_cycle(graph)
