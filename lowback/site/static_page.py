"""Pages without code, served as plain HTML: no kernel to start, no script to load.

The landing page is all words and links. Served by Voila it would still start a kernel and load
Voila's scripts (about 1.3 MB compressed) only to show text; a reader on an old phone waits for
all of it. `lowback.site.serve` serves such notebooks through `render_static_page` instead, in the
same look, and keeps Voila for the pages that need a kernel.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "static_page"


def has_code(notebook: str | Path) -> bool:
    """Whether the notebook has a code cell with any source (an empty one runs nothing)."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    return any(cell["cell_type"] == "code" and "".join(cell["source"]).strip() for cell in cells)


def code_free_notebooks(root: str | Path) -> list[Path]:
    """The notebooks under root that have no code to run, outside hidden folders (checkpoints,
    a virtual environment) and node_modules."""
    root = Path(root)
    return sorted(
        path
        for path in root.rglob("*.ipynb")
        if not _skipped(path.relative_to(root).parts[:-1]) and not has_code(path)
    )


def _skipped(folders: tuple[str, ...]) -> bool:
    return any(folder.startswith(".") or folder == "node_modules" for folder in folders)


def render_static_page(notebook: str | Path) -> str:
    """The notebook as a page without scripts, rendered again only when the file changes."""
    path = Path(notebook).resolve()
    return _render(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _render(path: Path, _mtime_ns: int) -> str:
    import nbformat
    from nbconvert import HTMLExporter

    if has_code(path):
        raise ValueError(f"{path.name} has code: it needs a kernel, so Voila serves it")
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        template_name=TEMPLATE_NAME,
        theme="light",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _resources = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    return without_text_tab_stops(body)


def without_text_tab_stops(html: str) -> str:
    """The page without the Tab stops nbconvert gives every cell's text and output
    (tabindex="0"): a reader with a keyboard would stop on each paragraph on the way to a link."""
    return _TEXT_TAB_STOP.sub(lambda tag: tag[0].replace(' tabindex="0"', ""), html)


# A <div> that nbconvert made focusable: a cell's text, or an output.
_TEXT_TAB_STOP = re.compile(
    r'<div class="[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*"'
    r'[^>]*\btabindex="0"[^>]*>'
)
