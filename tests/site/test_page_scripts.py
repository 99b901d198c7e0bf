"""The series' own scripts on every page (lowback.site.page_scripts): files, not inline scripts,
each at an address that names its content, and nothing else served from their folder."""

from __future__ import annotations

import re

from lowback.pages import PAGE_LOST
from lowback.site import page_scripts
from lowback.site.caching import IMMUTABLE
from lowback.site.page_scripts import (
    ROUTE,
    SCRIPTS,
    SCRIPTS_DIR,
    STYLES,
    digest,
    script_url,
    words,
)
from lowback.site.static_page import TEMPLATES_DIR
from tests.support.served import fetch_from_handlers

TEMPLATES = [
    TEMPLATES_DIR / "voila_page" / "index.html.j2",
    TEMPLATES_DIR / "voila_light" / "index.html.j2",
]


def test_the_series_templates_write_no_inline_script():
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*>", text)
        assert tags, template
        for tag in tags:
            assert " src=" in tag, f"{template.name}: an inline script {tag}"


def test_every_script_a_template_names_is_one_the_server_serves():
    named = set()
    for template in TEMPLATES:
        named |= set(re.findall(r"'([\w.-]+\.js)' \| lowback_script", template.read_text()))
    assert named == set(SCRIPTS)
    styles = set()
    for template in TEMPLATES:
        styles |= set(re.findall(r"'([\w.-]+\.css)' \| lowback_script", template.read_text()))
    assert styles == set(STYLES)
    assert sorted(p.name for p in SCRIPTS_DIR.iterdir()) == sorted(SCRIPTS + STYLES)


def test_an_address_names_the_scripts_content_under_the_base_url():
    url = script_url("lost-connection.js", "/prefix/")
    assert url == f"/prefix/{ROUTE}/lost-connection.js?v={digest('lost-connection.js')}"
    assert re.fullmatch(r"[0-9a-f]{16}", digest("figure-viewer.js"))


def test_the_page_takes_its_words_from_the_page_contract():
    assert words("page_lost") == PAGE_LOST
    assert PAGE_LOST not in (SCRIPTS_DIR / "lost-connection.js").read_text()


def test_a_script_asked_for_by_its_digest_is_kept_for_a_year_and_otherwise_checked_again():
    name = "section-links.js"
    [(code, headers, body), (code2, headers2, _)] = fetch_from_handlers(
        page_scripts.handlers("/"), [script_url(name), f"/{ROUTE}/{name}?v=0000000000000000"]
    )
    assert code == code2 == 200
    assert body == (SCRIPTS_DIR / name).read_bytes()
    assert headers["Cache-Control"] == IMMUTABLE
    assert "javascript" in headers["Content-Type"]
    assert headers2["Cache-Control"] == "no-cache"


def test_nothing_else_is_served():
    paths = ("", "../index.html.j2", "..%2Findex.html.j2", "nope.js", "sub/figure-viewer.js", "%00")
    answers = fetch_from_handlers(
        page_scripts.handlers("/"), [f"/{ROUTE}/{path}" for path in paths]
    )
    for path, (code, _, _) in zip(paths, answers, strict=True):
        assert code in (400, 403, 404), (path, code)
