"""What the committed notebooks show where their views cannot be drawn: before the cells run in
JupyterLab, and on a code host (GitHub renders a notebook's stored outputs; nbconvert's HTML
stands in for it here). Each view's stored text is whole and starts with its name; its HTML
fallback says to run the cells and where the web page is, with the README's own Binder links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
from nbconvert import HTMLExporter

from lowback.paths import NOTEBOOKS_DIR, REPO_ROOT
from lowback.widgets.placeholder import (
    BINDER_REPOSITORY,
    PLAIN_LIMIT,
    binder_lab_url,
    binder_page_url,
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# The views each notebook shows, by the short name their stored text starts with.
EXPECTED = {
    "01_anatomy.ipynb": ["Anatomy explorer", "PSIS picture question", "Knowledge check"],
    "02_screening_quiz.ipynb": ["Screening quiz"],
    "03_routine_timer.ipynb": ["Plan", "Routine timer"],
    "04_for_clinicians.ipynb": ["Prescription builder"],
}
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def widget_outputs(notebook: str) -> list[dict]:
    nb = nbformat.read(NOTEBOOKS_DIR / notebook, as_version=4)
    return [
        output["data"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if WIDGET_VIEW in output.get("data", {})
    ]


def test_every_notebook_with_views_is_checked():
    with_views = {
        path.name for path in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb") if widget_outputs(path.name)
    }
    assert with_views == set(EXPECTED)


@pytest.mark.parametrize("notebook", EXPECTED)
def test_each_views_stored_text_is_whole_and_starts_with_its_name(notebook):
    texts = [data["text/plain"] for data in widget_outputs(notebook)]
    assert [text.partition(": ")[0] for text in texts] == EXPECTED[notebook]
    for text in texts:
        assert len(text) <= PLAIN_LIMIT and not text.endswith("…"), text
        assert "(Run > Run All Cells)" in text, text


@pytest.mark.parametrize("notebook", EXPECTED)
def test_each_views_stored_html_says_what_to_do_in_jupyterlab_and_on_a_code_host(notebook):
    for name, data in zip(EXPECTED[notebook], widget_outputs(notebook), strict=True):
        html = data.get("text/html", "")
        assert f"<strong>{name}.</strong>" in html
        assert "In JupyterLab:</strong> run the cells (Run &gt; Run All Cells)" in html
        assert "On a code host" in html and "…" not in html
        assert f'href="{binder_page_url(notebook)}"' in html  # this page, on Binder
        assert "<code>make serve</code>" in html


def test_the_fallbacks_binder_links_are_the_readmes_badges():
    badges = re.findall(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)", README)
    by_route = {parse_qs(urlparse(link).query)["urlpath"][0].split("/")[0]: link for link in badges}
    for route, make in (("voila", binder_page_url), ("lab", binder_lab_url)):
        notebook = by_route[route].rsplit("/", 1)[1]
        assert make(notebook) == by_route[route], f"README's {route} badge and placeholder.py"
    assert f"/gh/{BINDER_REPOSITORY}/" in by_route["voila"]


@pytest.mark.parametrize("notebook", ["02_screening_quiz.ipynb", "03_routine_timer.ipynb"])
def test_a_code_host_shows_the_fallback_where_the_view_would_be(notebook):
    html, _ = HTMLExporter().from_filename(str(NOTEBOOKS_DIR / notebook))
    assert 'class="lowback-stored-fallback"' in html
    assert "Run &gt; Run All Cells" in html
    assert binder_page_url(notebook) in html
