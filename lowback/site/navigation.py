"""The cells every notebook shares, written by a script so they never go stale.

Each notebook in notebooks/ whose name starts with two digits is a chapter. Its first cell is
markdown: an H1 title, then a one-line promise. From those, this module writes:

- a navigation line under the title and at the end ("Previous | Contents | Next"): Voila has no
  sidebar, so these links are a reader's only way around;
- the safety box under the navigation line, the same words in every notebook;
- the contents list on the landing page;
- on the landing page and the routine page, a large "Start the safety quiz" link right under
  the title, landing on the quiz's first question (the quiz comes first: issue 24);
- an "On this page" list under the safety box of each long chapter, linking to its sections,
  so a thumb can skip down a page.

Generated cells carry a tag (`quiz-link`, `nav-top`, `safety`, `on-this-page`, `contents`,
`nav-bottom`) and are rewritten in place; a missing one is inserted.
`python -m lowback.site.navigation` updates the notebooks; `--check` only reports which are
stale (the tests run it).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat

from lowback.pages import LANDING, QUIZ, QUIZ_START_ID, ROUTINE
from lowback.paths import NOTEBOOKS_DIR

NAV_TOP = "nav-top"
SAFETY = "safety"
CONTENTS = "contents"
NAV_BOTTOM = "nav-bottom"
ON_THIS_PAGE = "on-this-page"
QUIZ_LINK = "quiz-link"
GENERATED_TAGS = (QUIZ_LINK, NAV_TOP, SAFETY, ON_THIS_PAGE, CONTENTS, NAV_BOTTOM)
# The pages that open with the link to the quiz: where readers arrive (the landing page, and the
# routine page a link may send them to straight away).
QUIZ_LINK_PAGES = (LANDING, ROUTINE)
QUIZ_LINK_WORDS = ("Is this routine for me?", "Start the 3-minute safety quiz")

# A chapter with fewer sections than this is short enough to scroll.
MIN_SECTIONS_ON_THIS_PAGE = 4
# Sections not worth a jump from the top: the overview is right beside the list, and "What's
# next" says what the Next link at the foot of the page says.
NOT_ON_THIS_PAGE = frozenset({"Overview", "What's next"})

SAFETY_MARKDOWN = """\
> **Safety first: this is education, not a diagnosis.**
>
> These pages explain one kind of low back pain and one exercise that may ease it. They cannot
> examine you.
>
> **Stop the exercise, and see a GP or physiotherapist, if:**
>
> - pain shoots down your leg
> - your leg tingles or goes numb
> - the pain gets worse
> - you feel pain in the outer hip or the groin
>
> **Call your local emergency number now (999 in the UK, 112 in Europe, 911 in the US) if back
> pain comes with:**
>
> - new trouble passing urine or controlling your bowels
> - numbness around your genitals, bottom or inner thighs
> - new loss of sexual function
> - new pain, numbness or weakness in both legs"""

# A button a thumb can hit (44 px and more, text of 18 px), in the series' link blue with white
# text (contrast 7.6:1); styled on the element, so JupyterLab and every template show it alike.
_QUIZ_LINK_STYLE = (
    "display:block;box-sizing:border-box;min-height:48px;max-width:26rem;padding:10px 16px;"
    "border-radius:8px;background:#0550ae;color:#ffffff;text-decoration:none;"
    "text-align:center;font-size:18px;line-height:1.4;font-weight:700"
)


def quiz_link_markdown() -> str:
    """The large link to the quiz's first question, right under a page's title."""
    question, action = QUIZ_LINK_WORDS
    return (
        f'<p><a class="lowback-quiz-link" href="{QUIZ}#{QUIZ_START_ID}" '
        f'style="{_QUIZ_LINK_STYLE}">{question}<br>{action}</a></p>'
    )


_CHAPTER_NAME = re.compile(r"^\d\d_.+\.ipynb$")


@dataclass(frozen=True)
class Chapter:
    filename: str
    title: str
    promise: str


def chapter_from_notebook(filename: str, notebook: nbformat.NotebookNode) -> Chapter:
    """Read the title (first H1) and the promise (the next line of text) of a notebook."""
    first = notebook.cells[0] if notebook.cells else None
    if first is None or first.cell_type != "markdown":
        raise ValueError(f"{filename}: the first cell must be markdown with an H1 title")
    lines = [line.strip() for line in first.source.splitlines() if line.strip()]
    if not lines or not lines[0].startswith("# "):
        raise ValueError(f"{filename}: the first cell must start with an H1 title ('# ...')")
    if len(lines) < 2:
        raise ValueError(f"{filename}: the title cell needs a one-line promise under the title")
    return Chapter(filename=filename, title=lines[0][2:].strip(), promise=lines[1])


def nav_markdown(chapters: tuple[Chapter, ...], index: int) -> str:
    """The 'Previous | Contents | Next' line for chapters[index]."""
    parts = []
    if index > 0:
        previous = chapters[index - 1]
        parts.append(f"[Previous: {previous.title}]({previous.filename})")
    if chapters[index].filename != LANDING:
        parts.append(f"[Contents]({LANDING})")
    if index + 1 < len(chapters):
        following = chapters[index + 1]
        parts.append(f"[Next: {following.title}]({following.filename})")
    if not parts:
        return "*This is the only page so far.*"
    return " | ".join(parts)


def contents_markdown(chapters: tuple[Chapter, ...]) -> str:
    """The numbered list of chapters shown on the landing page."""
    lines = ["## Contents", ""]
    listed = [chapter for chapter in chapters if chapter.filename != LANDING]
    if not listed:
        lines.append("The chapters of the series will be listed here as they are written.")
    for number, chapter in enumerate(listed, start=1):
        lines.append(f"{number}. [{chapter.title}]({chapter.filename}): {chapter.promise}")
    return "\n".join(lines)


def section_titles(notebook: nbformat.NotebookNode) -> tuple[str, ...]:
    """The text of each section heading (H2) the chapter's own markdown cells write, in order."""
    titles = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown" or set(_tags(cell)) & set(GENERATED_TAGS):
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            elif not fenced and line.startswith("## "):
                titles.append(_plain_text(line[3:].strip().rstrip("#").strip()))
    return tuple(titles)


def _plain_text(markdown: str) -> str:
    """A heading's words as a page shows them: links, code and emphasis marks dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text).strip()


def heading_anchor(title: str) -> str:
    """The id nbconvert (so Voila) and JupyterLab give a heading: its words, spaces made
    hyphens; percent-encoded where a Markdown link could not hold the character."""
    return quote(title.replace(" ", "-"), safe="-:,'._~!$&*+;=@")


def on_this_page_markdown(titles: tuple[str, ...]) -> str:
    """A short list of links to the chapter's sections, in a navigation landmark."""
    lines = ['<nav aria-label="On this page">', "", "**On this page**", ""]
    lines += [f"- [{title}](#{heading_anchor(title)})" for title in titles]
    return "\n".join([*lines, "", "</nav>"])


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _generated_cell(tag: str, source: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [tag]})
    cell.id = tag  # stable ids keep the check mode deterministic
    return cell


def _place(cells: list, tag: str, source: str, default_index: int) -> None:
    for cell in cells:
        if tag in _tags(cell):
            cell.source = source
            return
    cells.insert(min(default_index, len(cells)), _generated_cell(tag, source))


def _remove(cells: list, tag: str) -> None:
    cells[:] = [cell for cell in cells if tag not in _tags(cell)]


def _index_of(cells: list, tag: str) -> int:
    return next(i for i, cell in enumerate(cells) if tag in _tags(cell))


def _sources_index(cells: list) -> int:
    """Where the contents go on the landing page if the cell is new: before Sources."""
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Sources"):
            return i
    return _index_of(cells, NAV_BOTTOM)


def with_generated_cells(
    notebook: nbformat.NotebookNode, chapters: tuple[Chapter, ...], index: int
) -> nbformat.NotebookNode:
    """A copy of the notebook with its navigation, safety box and contents up to date."""
    updated = nbformat.from_dict(notebook)
    # Voila and nbconvert use this as the browser tab's title (else the file name).
    updated.metadata["title"] = chapters[index].title
    # The page's one-line description, for link previews (Open Graph) in the page templates.
    updated.metadata["description"] = chapters[index].promise
    cells = updated.cells
    nav = nav_markdown(chapters, index)
    _place(cells, NAV_TOP, nav, 1)
    if chapters[index].filename in QUIZ_LINK_PAGES:
        _place(cells, QUIZ_LINK, quiz_link_markdown(), 1)
    else:
        _remove(cells, QUIZ_LINK)
    _place(cells, SAFETY, SAFETY_MARKDOWN, _index_of(cells, NAV_TOP) + 1)
    _place(cells, NAV_BOTTOM, nav, len(cells))
    titles = tuple(t for t in section_titles(updated) if t not in NOT_ON_THIS_PAGE)
    landing = chapters[index].filename == LANDING
    if not landing and len(titles) >= MIN_SECTIONS_ON_THIS_PAGE:
        _place(cells, ON_THIS_PAGE, on_this_page_markdown(titles), _index_of(cells, SAFETY) + 1)
    else:
        _remove(cells, ON_THIS_PAGE)
    if landing:
        _place(cells, CONTENTS, contents_markdown(chapters), _sources_index(cells))
    return updated


def chapter_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    return sorted(p for p in notebooks_dir.glob("*.ipynb") if _CHAPTER_NAME.match(p.name))


def sync(notebooks_dir: Path = NOTEBOOKS_DIR, *, check: bool = False) -> list[Path]:
    """Bring every chapter's generated cells up to date; return the paths that were stale.

    With check=True nothing is written.
    """
    paths = chapter_paths(notebooks_dir)
    notebooks = [nbformat.read(path, as_version=4) for path in paths]
    chapters = tuple(
        chapter_from_notebook(path.name, nb) for path, nb in zip(paths, notebooks, strict=True)
    )
    stale = []
    for index, (path, notebook) in enumerate(zip(paths, notebooks, strict=True)):
        text = nbformat.writes(with_generated_cells(notebook, chapters, index)) + "\n"
        if text != path.read_text(encoding="utf-8"):
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale notebooks only")
    parser.add_argument("notebooks_dir", nargs="?", type=Path, default=NOTEBOOKS_DIR)
    args = parser.parse_args(argv)
    stale = sync(args.notebooks_dir, check=args.check)
    for path in stale:
        verb = "is stale" if args.check else "updated"
        print(f"{path.name} {verb}")
    if args.check and stale:
        print("Run `make contents` to regenerate the navigation and contents cells.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
