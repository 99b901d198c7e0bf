"""What a view's output says where the view cannot be drawn (lowback.widgets.placeholder): a
short text within ipywidgets' limit, and an HTML fallback for JupyterLab and a code host."""

from __future__ import annotations

import pytest

from lowback.routine import Routine
from lowback.widgets import (
    AnatomyExplorer,
    KnowledgeCheck,
    PrescriptionBuilder,
    PsisQuestion,
    RoutineTimer,
    ScreeningQuiz,
)
from lowback.widgets.placeholder import (
    PLAIN_LIMIT,
    Placeholder,
    binder_lab_url,
    binder_page_url,
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Each view that is a cell's output, its short name (the Voila page names it while it loads),
# and the notebook whose web page shows it.
VIEWS = {
    ScreeningQuiz: ("Screening quiz", "02_screening_quiz.ipynb"),
    RoutineTimer: ("Routine timer", "03_routine_timer.ipynb"),
    AnatomyExplorer: ("Anatomy explorer", "01_anatomy.ipynb"),
    KnowledgeCheck: ("Knowledge check", "01_anatomy.ipynb"),
    PsisQuestion: ("PSIS picture question", "01_anatomy.ipynb"),
    PrescriptionBuilder: ("Prescription builder", "04_for_clinicians.ipynb"),
}


@pytest.fixture(scope="module", params=list(VIEWS), ids=lambda view: view.__name__)
def shown(request) -> tuple[type, dict]:
    view = request.param()
    return request.param, view._repr_mimebundle_()


def test_the_text_starts_with_the_views_name_and_is_never_cut(shown):
    view, bundle = shown
    name, _ = VIEWS[view]
    text = bundle["text/plain"]
    assert text.startswith(f"{name}: ")
    assert len(text) <= PLAIN_LIMIT and "…" not in text and "\n" not in text
    assert "(Run > Run All Cells)" in text and "README" in text


def test_the_live_widget_is_still_in_the_output(shown):
    _, bundle = shown
    assert bundle[WIDGET_VIEW]["version_major"] == 2
    assert len(bundle[WIDGET_VIEW]["model_id"]) == 32


def test_the_html_fallback_tells_jupyterlab_and_code_host_readers_what_to_do(shown):
    view, bundle = shown
    name, notebook = VIEWS[view]
    html = bundle["text/html"]
    assert html.startswith(f'<div class="lowback-stored-fallback"><p><strong>{name}.</strong>')
    assert "<strong>In JupyterLab:</strong> run the cells (Run &gt; Run All Cells)" in html
    assert "On a code host" in html and "README's Voila badge" in html
    assert f'href="{binder_page_url(notebook)}"' in html
    assert f'href="{binder_lab_url(notebook)}"' in html
    assert "<code>make serve</code>" in html and "<code>make lab</code>" in html


def test_the_stored_output_is_the_same_every_run_so_nbval_can_compare_it(shown):
    view, bundle = shown
    again = view()._repr_mimebundle_()
    assert again["text/plain"] == bundle["text/plain"]
    assert again["text/html"] == bundle["text/html"]


def test_the_timers_fallback_gives_its_dosage():
    html = RoutineTimer(Routine(reps=12, hold_s=3, side="left"))._repr_mimebundle_()["text/html"]
    assert "on the left side: 12 repetitions, 3 s hold, 30 s rest" in html


def test_a_closed_view_shows_no_widget():
    quiz = ScreeningQuiz()
    quiz.close()
    assert quiz._repr_mimebundle_ is None  # ipywidgets' own: IPython then prints the text


def test_a_text_over_ipywidgets_limit_is_refused_before_it_can_be_cut():
    with pytest.raises(ValueError, match="over 110 characters"):
        Placeholder("A view with a rather long name", "do a great many things with it", "x.ipynb")


def test_the_binder_links_open_the_notebook_as_a_page_and_in_jupyterlab():
    assert binder_page_url("02_screening_quiz.ipynb").endswith(
        "/HEAD?urlpath=voila/render/notebooks/02_screening_quiz.ipynb"
    )
    assert binder_lab_url("02_screening_quiz.ipynb").endswith(
        "/HEAD?urlpath=lab/tree/notebooks/02_screening_quiz.ipynb"
    )
