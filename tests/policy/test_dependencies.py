"""pyproject.toml names every package lowback imports: the base dependencies cover the pages,
their widgets, the drawings and the handout; the `site` extra (`pip install lowback[site]`) adds
what lowback.site, the series' server, imports. Each is a lower bound only, and requirements.txt,
the pinned stack, stays inside it."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

import pytest

from lowback.paths import REPO_ROOT
from tests.support.imports import imported_modules, module_of, third_party

PROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PACKAGE_DIR = REPO_ROOT / "lowback"
# Import names that are not their distribution's name (beyond case, "-", "_" and ".").
DISTRIBUTION_OF = {"PIL": "pillow", "fpdf": "fpdf2", "yaml": "pyyaml"}
# In the site extra though lowback.site never imports it: the kernel the pages with code run in.
RUN_NOT_IMPORTED = {"ipykernel"}
LOWER_BOUND = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)>=([0-9]+(?:\.[0-9]+)*)$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bounds(requirements: list[str]) -> dict[str, tuple[int, ...]]:
    """{distribution: lower bound} of requirements written `name>=version`."""
    found = {}
    for requirement in requirements:
        match = LOWER_BOUND.match(requirement)
        assert match, f"{requirement!r}: write it `name>=version` (a lower bound, no upper pin)"
        found[canonical(match[1])] = tuple(int(part) for part in match[2].split("."))
    return found


BASE = bounds(PROJECT["dependencies"])
SITE = bounds(PROJECT["optional-dependencies"]["site"])
MODULES = {module_of(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def distributions(module: str) -> set[str]:
    return {
        canonical(DISTRIBUTION_OF.get(name, name))
        for name in third_party(imported_modules(MODULES[module]))
    }


def in_site(module: str) -> bool:
    return module == "lowback.site" or module.startswith("lowback.site.")


def release(version: str) -> tuple[int, ...]:
    """The numbers of a version's release: 6.0.3 of 6.0.3, 1.0 of 1.0rc1."""
    return tuple(int(part) for part in re.match(r"\d+(?:\.\d+)*", version)[0].split("."))


def pins() -> dict[str, tuple[int, ...]]:
    found = {}
    for line in (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.strip().partition("==")
        if version and not name.startswith(("#", "-")):
            found[canonical(name)] = release(version)
    return found


def test_the_map_of_import_names_and_the_bounds_are_read_as_meant():
    assert canonical("jupyter_server") == canonical("Jupyter-Server") == "jupyter-server"
    assert bounds(["voila>=0.5.11"]) == {"voila": (0, 5, 11)}
    assert release("1.0rc1") == (1, 0) and release("6.0.3") == (6, 0, 3)
    for wrong in (["voila>=0.5,<0.6"], ["voila==0.5.13"], ["voila"]):
        with pytest.raises(AssertionError):
            bounds(wrong)
    assert canonical(DISTRIBUTION_OF["PIL"]) in BASE


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not in_site(m)))
def test_the_rest_of_lowback_imports_only_base_dependencies(module):
    missing = distributions(module) - set(BASE)
    assert not missing, f"{module} imports {sorted(missing)}: add them to pyproject's dependencies"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if in_site(m)))
def test_lowback_site_imports_only_base_dependencies_and_the_site_extra(module):
    missing = distributions(module) - set(BASE) - set(SITE)
    assert not missing, f"{module} imports {sorted(missing)}: add them to the `site` extra"


def test_the_site_extra_names_nothing_lowback_site_does_not_use():
    imported = set().union(*(distributions(m) for m in MODULES if in_site(m)))
    unused = set(SITE) - imported - RUN_NOT_IMPORTED
    assert not unused, f"the `site` extra names {sorted(unused)}, which lowback.site never imports"
    assert not set(SITE) & set(BASE), "a package is both a base dependency and in the extra"


@pytest.mark.parametrize("name", sorted({**BASE, **SITE}))
def test_the_pinned_stack_is_inside_the_bounds(name):
    # A package requirements.txt does not pin is brought by one it does: the version installed
    # from it then (this environment is built from requirements.txt).
    lower = {**BASE, **SITE}[name]
    pinned = pins().get(name)
    if pinned is not None:
        assert pinned >= lower, f"requirements.txt pins {name} below pyproject's bound {lower}"
    else:
        installed = release(version(name))
        assert installed >= lower, f"the stack brings {name} {installed}, below {lower}"
