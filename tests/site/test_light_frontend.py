"""The light front end's built files (lowback.site.light_frontend, `make frontend`): each named by
its content, all of them listed, nothing else served, and the build reproducible."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lowback.site import light_frontend
from lowback.site.light_frontend import (
    BUILT_NAME,
    MANIFEST,
    STATIC_DIR,
    STATIC_ROUTE,
    asset_url,
    manifest,
    preload_urls,
)
from tests.support.served import fetch_from_handlers

FRONTEND_DIR = Path(light_frontend.__file__).resolve().parent / "frontend"
# A module's references to the files beside it: `from"./x.js"`, `import("./x.js")`.
RELATIVE_IMPORT = re.compile(r"""["']\./([^"'/]+\.js)["']""")


def test_the_manifest_lists_every_built_file_and_nothing_else_lies_beside_it():
    listed = manifest()
    assert set(listed) == {"entries", "preload", "files"}
    assert set(listed["entries"]) == {"main.js", "style.css"}
    files = listed["files"]
    assert files == sorted(set(files))
    assert set(listed["entries"].values()) <= set(files)
    assert set(listed["preload"]) <= set(files)
    assert sorted(path.name for path in STATIC_DIR.iterdir()) == sorted([*files, MANIFEST.name])


@pytest.mark.parametrize("name", manifest()["files"])
def test_each_file_is_named_by_the_sha256_of_its_bytes(name):
    assert BUILT_NAME.fullmatch(name), name
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:16]
    assert name.rsplit("-", 1)[1].split(".")[0] == digest


def test_the_modules_import_only_files_of_the_same_build():
    files = set(manifest()["files"])
    for name in files:
        if name.endswith(".js"):
            imported = set(RELATIVE_IMPORT.findall((STATIC_DIR / name).read_text("utf-8")))
            assert imported <= files, f"{name} imports {imported - files}"
    main = (STATIC_DIR / manifest()["entries"]["main.js"]).read_text("utf-8")
    assert set(manifest()["preload"]) <= set(RELATIVE_IMPORT.findall(main))


def test_the_built_files_reach_for_nothing_outside_this_server():
    for name in manifest()["files"]:
        text = (STATIC_DIR / name).read_text("utf-8")
        # No stylesheet, font or module from another address (a CDN), and no source map.
        assert not re.search(r"""(@import|url\(|import\(|from)\s*["']?(https?:)?//""", text), name
        assert "sourceMappingURL" not in text, name


def test_addresses_come_from_the_manifest_under_the_base_url():
    main = manifest()["entries"]["main.js"]
    assert asset_url("main.js") == f"/{STATIC_ROUTE}/{main}"
    assert asset_url("main.js", "/prefix/") == f"/prefix/{STATIC_ROUTE}/{main}"
    assert preload_urls("/") == [f"/{STATIC_ROUTE}/{name}" for name in manifest()["preload"]]
    with pytest.raises(KeyError):
        asset_url("manifest.json")
    with pytest.raises(KeyError):
        asset_url("../index.html.j2")


def test_a_built_file_is_served_and_kept_for_a_year():
    name = manifest()["entries"]["main.js"]
    [(code, headers, body)] = fetch_from_handlers(
        light_frontend.handlers("/"), [f"/{STATIC_ROUTE}/{name}"]
    )
    assert code == 200
    assert body == (STATIC_DIR / name).read_bytes()
    assert headers["Cache-Control"] == light_frontend.IMMUTABLE
    assert "javascript" in headers["Content-Type"]


def test_nothing_else_is_served():
    paths = (
        "manifest.json",
        "",
        "../index.html.j2",
        "..%2Findex.html.j2",
        "main.js",
        "main-0000000000000000.js",
        "sub/main-0000000000000000.js",
        "%00",
    )
    answers = fetch_from_handlers(
        light_frontend.handlers("/"), [f"/{STATIC_ROUTE}/{path}" for path in paths]
    )
    for path, (code, _, _) in zip(paths, answers, strict=True):
        assert code in (400, 403, 404), (path, code)


# `make test` installs the npm packages; run by hand without them, this is skipped, but never in
# CI, which must not pass by skipping it.
@pytest.mark.skipif(
    (not (FRONTEND_DIR / "node_modules" / "esbuild").is_dir() or shutil.which("node") is None)
    and not os.environ.get("CI"),
    reason="`make frontend` has not installed the front end's npm packages here",
)
@pytest.mark.slow
def test_the_same_sources_give_the_same_bytes_as_the_committed_build(tmp_path):
    """Built again from the sources, every file comes out byte for byte as committed: the build
    is reproducible, and the committed files are not stale (else: `make frontend`)."""
    subprocess.run(
        ["node", "build.mjs"],
        cwd=FRONTEND_DIR,
        env={**os.environ, "LOWBACK_FRONTEND_OUT": str(tmp_path)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert json.loads((tmp_path / "manifest.json").read_text()) == manifest()
    for name in manifest()["files"]:
        assert (tmp_path / name).read_bytes() == (STATIC_DIR / name).read_bytes(), name
