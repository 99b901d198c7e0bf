"""The rules behind the year-long cache (lowback.site.caching)."""

from __future__ import annotations

import pytest

from lowback.site.caching import VersionedAddresses, is_versioned, tree_digest


def test_the_digest_changes_with_any_byte_name_or_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.js").write_text("one")
    before = tree_digest([str(tmp_path)])
    assert tree_digest([str(tmp_path)]) == before  # the same bytes, the same digest
    (tmp_path / "a" / "x.js").write_text("two")
    edited = tree_digest([str(tmp_path)])
    (tmp_path / "a" / "x.js").rename(tmp_path / "a" / "y.js")
    renamed = tree_digest([str(tmp_path)])
    (tmp_path / "a" / "z.js").write_text("")
    added = tree_digest([str(tmp_path)])
    assert len({before, edited, renamed, added}) == 4


def test_the_digest_skips_a_folder_that_is_not_there(tmp_path):
    assert tree_digest([str(tmp_path / "missing")]) == tree_digest([])


@pytest.mark.parametrize(
    ("path", "arguments", "versioned"),
    [
        ("/voila/templates/lab/static/index.css", {"v": [b"ee8de0"]}, True),
        ("/voila/templates/light/static/light-4KZ2Q7XA.js", {}, True),
        ("/x/static/remoteEntry.5cbb9d2323598fbda535.js", {}, True),
        ("/x/static/568.0123abcd9876.js", {}, True),
        ("/voila/templates/lab/static/index.css", {}, False),
        ("/voila/templates/lab/static/index.css", {"v": [b""]}, False),
        ("/voila/static/voila.js", {}, False),
        ("/voila/static/1187.voila.js", {}, False),
        ("/voila/static/extension.js", {}, False),
        ("/voila/static/jupyterlab.js", {}, False),
    ],
)
def test_an_address_is_versioned_only_when_it_names_its_content(path, arguments, versioned):
    assert is_versioned(path, arguments) is versioned


def test_the_page_is_sent_to_the_versioned_addresses(tmp_path):
    addresses = VersionedAddresses([str(tmp_path)], [str(tmp_path)], str(tmp_path))
    config = {"baseUrl": "/base/", "fullStaticUrl": "/base/voila/static", "other": 1}
    rewritten = addresses.rewrite_page_config(config, base_url="/base/")
    assert rewritten["fullStaticUrl"] == f"/base/{addresses.static_prefix}"
    assert rewritten["fullLabextensionsUrl"] == f"/base/{addresses.labextensions_prefix}"
    assert rewritten["other"] == 1
    assert config["fullStaticUrl"] == "/base/voila/static"  # Voila's own dict is left alone
    routes = [route for route, *_ in addresses.handlers("/base/")]
    assert all(route.startswith("/base/voila/") for route in routes)
