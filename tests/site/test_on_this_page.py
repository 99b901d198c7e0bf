"""The "On this page" list each long chapter opens with (lowback.site.navigation): one link per
section, to the id the page gives that heading, rewritten as the sections change."""

from __future__ import annotations

import nbformat
import pytest
from nbconvert import HTMLExporter

from lowback.pages import LANDING, PAGES, QUIZ, QUIZ_START_ID, ROUTINE, ROUTINE_TIMER_ID
from lowback.paths import NOTEBOOKS_DIR
from lowback.site.navigation import (
    ON_THIS_PAGE,
    QUIZ_LINK,
    QUIZ_LINK_WORDS,
    SAFETY,
    Chapter,
    heading_anchor,
    on_this_page_markdown,
    quiz_link_markdown,
    section_titles,
    with_generated_cells,
)

CHAPTERS = (
    Chapter(LANDING, "Start", "Begin here."),
    Chapter("01_long.ipynb", "A long page", "Many sections."),
)
SECTIONS = (
    "## Overview\n\n1. Things.",
    "## Find the PSIS on yourself\n\nText.",
    "## Gluteus medius: what it is and does\n\n```\n## not a heading in a code block\n```",
    "## The movement, step by step\n\n### 1. A step is not a section",
    "## Build a *patient's* link (with [a link](x.ipynb))",
    "## Summary\n\n## What's next\n\nThe next page.",
)


def chapter(sections: tuple[str, ...] = SECTIONS) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A long page\n\nMany sections.")]
    notebook.cells += [nbformat.v4.new_markdown_cell(text) for text in sections]
    return notebook


def tagged(notebook: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if tag in cell.metadata.get("tags", [])]


def test_section_titles_are_the_h2_headings_as_the_page_shows_them():
    assert section_titles(chapter()) == (
        "Overview",
        "Find the PSIS on yourself",
        "Gluteus medius: what it is and does",
        "The movement, step by step",
        "Build a patient's link (with a link)",
        "Summary",
        "What's next",
    )


def test_a_long_chapter_gets_one_list_right_under_the_safety_box_without_overview_or_next():
    updated = with_generated_cells(chapter(), CHAPTERS, 1)
    (listed,) = tagged(updated, ON_THIS_PAGE)
    tags = [cell.metadata.get("tags", []) for cell in updated.cells]
    assert tags.index([ON_THIS_PAGE]) == tags.index([SAFETY]) + 1
    assert "[Find the PSIS on yourself](#Find-the-PSIS-on-yourself)" in listed.source
    assert "Overview" not in listed.source and "What's next" not in listed.source
    # Run again, the list is rewritten in place, not repeated, and lists no generated cell.
    again = with_generated_cells(updated, CHAPTERS, 1)
    assert [cell.source for cell in again.cells] == [cell.source for cell in updated.cells]


def test_a_short_chapter_and_the_landing_page_get_no_list_and_lose_a_stale_one():
    long_page = with_generated_cells(chapter(), CHAPTERS, 1)
    short = chapter(SECTIONS[:2])
    short.cells = long_page.cells[:4] + short.cells[1:]  # carries the old list
    assert tagged(short, ON_THIS_PAGE)
    assert tagged(with_generated_cells(short, CHAPTERS, 1), ON_THIS_PAGE) == []
    assert tagged(with_generated_cells(chapter(), CHAPTERS, 0), ON_THIS_PAGE) == []


def test_every_link_reaches_the_id_nbconvert_gives_its_heading():
    notebook = with_generated_cells(chapter(), CHAPTERS, 1)
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    titles = [t for t in section_titles(notebook) if t not in ("Overview", "What's next")]
    for title in titles:
        anchor = heading_anchor(title)
        assert f'href="#{anchor}"' in html.replace("%27", "'"), title
        assert f'id="{title.replace(" ", "-")}"' in html.replace("&#39;", "'"), title


def test_the_list_is_a_named_navigation_landmark():
    markdown = on_this_page_markdown(("Sources",))
    assert markdown.startswith('<nav aria-label="On this page">')
    assert "- [Sources](#Sources)" in markdown
    assert heading_anchor("Odd (one)") == "Odd-%28one%29"


# --- The places other pages link to (lowback.pages), and the link to the quiz --------------------


def _page(notebook_name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS_DIR / notebook_name, as_version=4)


def _cell_index_of_section(notebook: nbformat.NotebookNode, anchor: str) -> int:
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and not set(cell.metadata.get("tags", [])):
            for line in cell.source.splitlines():
                if line.startswith("## ") and heading_anchor(_plain(line[3:])) == anchor:
                    return index
    raise AssertionError(f"no section heading with the id {anchor}")


def _plain(title: str) -> str:
    return title.strip().rstrip("#").strip()


@pytest.mark.parametrize(
    ("notebook_name", "anchor"), [(QUIZ, QUIZ_START_ID), (ROUTINE, ROUTINE_TIMER_ID)]
)
def test_a_linked_place_is_a_listed_section_heading_with_its_widget_right_under_it(
    notebook_name, anchor
):
    notebook = _page(notebook_name)
    index = _cell_index_of_section(notebook, anchor)
    listed = tagged(notebook, ON_THIS_PAGE)
    assert listed and f"](#{anchor})" in listed[0].source
    # The heading's cell is short, and the next cell is the quiz or the timer itself: the link
    # lands on the first question or on the timer, not on a screen of words above it.
    if notebook_name == QUIZ:
        assert notebook.cells[index + 1].cell_type == "code"
        assert len(notebook.cells[index].source.split()) < 40


def test_the_landing_page_and_the_routine_page_open_with_the_link_to_the_quizs_first_question():
    for notebook_name in PAGES:
        links = tagged(_page(notebook_name), QUIZ_LINK)
        if notebook_name not in (LANDING, ROUTINE):
            assert links == []
            continue
        notebook = _page(notebook_name)
        # Right under the title and its one-line promise.
        assert notebook.cells[1].metadata.get("tags") == [QUIZ_LINK]
        assert f'href="{QUIZ}#{QUIZ_START_ID}"' in links[0].source
        for words in QUIZ_LINK_WORDS:
            assert words in links[0].source
    assert "min-height:48px" in quiz_link_markdown() and "font-size:18px" in quiz_link_markdown()
