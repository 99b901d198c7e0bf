"""The light pages' part of nbconvert's JupyterLab stylesheet (lowback.site.lab_css): the
committed file is what the module makes now, the rules a page can use stay and the rest go.
That each page looks the same with it as with the whole: tests/browser/test_lab_css.py."""

from __future__ import annotations

from lowback.site.lab_css import OUTPUT, Written, kept_rules, used_lab_css, without_unused_variables
from lowback.site.page_scripts import script_url


def test_the_committed_file_is_what_the_module_makes_from_the_repository_now():
    assert OUTPUT.read_text(encoding="utf-8") == used_lab_css(), (
        "run `python -m lowback.site.lab_css` (a notebook, template or view changed its classes)"
    )


def test_a_rule_stays_if_each_of_its_classes_may_be_written_and_goes_otherwise():
    written = Written(['<div class="jp-Cell lowback-view">', 'node.classList.add("jp-mod-" + s)'])
    css = (
        ".jp-Cell{margin:0}"
        ".jp-Dialog{display:flex}"
        ".jp-Cell .jp-Dialog, .lowback-view{color:red}"
        ".jp-mod-active{color:blue}"
        "ul:not(.list-inline){padding-left:2em}"
        "@media (max-width: 760px){.jp-Dialog{margin:0}.jp-Cell{padding:0}}"
        "@font-face{font-family:x;src:url(x.woff)}"
    )
    kept = kept_rules(css, written)
    assert ".jp-Cell{margin:0}" in kept
    assert ".jp-Dialog{display" not in kept
    assert ".lowback-view{color:red}" in kept and ".jp-Cell .jp-Dialog" not in kept
    assert ".jp-mod-active{color:blue}" in kept  # written in pieces
    assert "ul:not(.list-inline){padding-left:2em}" in kept  # matches where the class is not
    assert "@media (max-width: 760px){.jp-Cell{padding:0}}" in kept
    assert "@font-face{font-family:x;src:url(x.woff)}" in kept


def test_custom_properties_nothing_asks_for_go_even_through_a_chain():
    css = (
        ":root{--a: 1px;--b: var(--c);--c: url(data:image/svg+xml;base64,AAA=);--d: 2px}"
        ".x{width:var(--a)}"
    )
    lean = without_unused_variables(css, elsewhere="height: var(--d)")
    assert "--a: 1px" in lean and "--d: 2px" in lean
    assert "--b" not in lean and "--c" not in lean


def test_it_is_served_at_an_address_that_names_its_content():
    assert script_url("lab-index.css", "/").startswith(
        "/voila/templates/voila_page/static/lab-index.css?v="
    )
