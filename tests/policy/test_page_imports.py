"""A visitor's kernel stays light: pages show pre-drawn pictures and import Matplotlib only to
draw something that was not pre-drawn. Each test runs in a fresh interpreter, since this test
process has long imported Matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from lowback.paths import NOTEBOOKS_DIR

# Runs a notebook's code cells as a kernel would, each last expression displayed (HTML too).
RUN_NOTEBOOK = """
import sys
import nbformat
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
for cell in nbformat.read({path!r}, as_version=4).cells:
    if cell.cell_type == "code":
        shell.run_cell(cell.source).raise_error()
"""


def run_fresh(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=NOTEBOOKS_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# Each test starts a fresh interpreter.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("notebook", ["01_anatomy.ipynb", "03_routine_timer.ipynb"])
def test_the_anatomy_and_routine_pages_run_without_importing_matplotlib(notebook):
    code = RUN_NOTEBOOK.format(path=str(NOTEBOOKS_DIR / notebook)) + textwrap.dedent(
        """
        import json
        print(json.dumps(sorted(name for name in sys.modules if name.startswith("matplotlib"))))
        """
    )
    loaded = json.loads(run_fresh(code).splitlines()[-1])
    assert loaded == [], f"{notebook} imported {', '.join(loaded[:3])} and more"


def test_everything_the_two_pages_call_leaves_matplotlib_out():
    code = textwrap.dedent(
        """
        import sys
        from lowback.drawing.catalogue import FIGURE_NAMES, FRAMES
        from lowback.drawing.pictures import show_figure, show_frame
        from lowback.pain import pain_light
        from lowback.routine import SIDES
        from lowback.widgets import AnatomyExplorer, KnowledgeCheck, RoutineTimer

        for name in FIGURE_NAMES:
            show_figure(name)._repr_html_()
            AnatomyExplorer(name)
        KnowledgeCheck()
        for side in SIDES:
            for name in FRAMES:
                show_frame(name, side)._repr_html_()
        timer = RoutineTimer()
        timer.side.value = "left"
        pain_light(before=3, after=4)
        assert "matplotlib" not in sys.modules, "a page imported Matplotlib"
        """
    )
    run_fresh(code)


def test_unticking_a_layer_draws_the_figure_then_and_ticking_it_again_shows_the_file():
    code = textwrap.dedent(
        """
        import sys
        from lowback.widgets import AnatomyExplorer

        explorer = AnatomyExplorer("gluteus_medius_posterior")
        pre_drawn = explorer.picture.value
        assert "matplotlib" not in sys.modules
        explorer.layer_boxes["gluteus_maximus"].value = False
        assert "matplotlib" in sys.modules, "unticking a layer must draw the figure anew"
        assert explorer.picture.value != pre_drawn
        explorer.layer_boxes["gluteus_maximus"].value = True
        assert explorer.picture.value == pre_drawn
        """
    )
    run_fresh(code)
