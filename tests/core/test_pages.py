"""The page contract (lowback.pages): the pages, their addresses, the settings it reads."""

from __future__ import annotations

import pytest

from lowback import pages
from lowback.paths import NOTEBOOKS_DIR


def test_every_page_is_a_notebook_of_the_series_and_every_notebook_a_page():
    assert sorted(pages.PAGES) == sorted(p.name for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert pages.PAGES[0] == pages.LANDING


def test_a_page_is_addressed_under_the_base_url_and_on_binder():
    assert pages.page_address(pages.ROUTINE) == "/voila/render/03_routine_timer.ipynb"
    assert pages.page_address(pages.QUIZ, "/x/") == "/x/voila/render/02_screening_quiz.ipynb"
    assert pages.binder_route(pages.LANDING) == "voila/render/notebooks/00_start_here.ipynb"


@pytest.mark.parametrize(
    ("url", "is_page"),
    [
        ("http://127.0.0.1:8866/voila/render/04_for_clinicians.ipynb", True),
        ("https://hub.example.org/user/a/voila/render/notebooks/03_routine_timer.ipynb", True),
        ("http://localhost:8888/lab/tree/notebooks/04_for_clinicians.ipynb", False),
        ("https://evil.example/?next=/voila/render/x", False),  # a query is not the page's path
        ("http://[::1", False),  # not an address
        ("https://x.example/voila/render/" + "a" * 3000, False),
        (None, False),
        (42, False),
    ],
)
def test_a_voila_page_is_told_from_a_notebook_in_jupyterlab(url, is_page):
    assert pages.is_page_address(url) is is_page


def test_the_settings_are_read_from_the_environment_given_and_written_for_the_kernels():
    environ = {pages.PUBLIC_URL_ENV: "  https://clinic.example.org/  ", pages.LINK_KEY_ENV: "k"}
    assert pages.public_url(environ) == "https://clinic.example.org/"
    assert pages.link_key(environ) == b"k"
    assert pages.public_url({}) == "" and pages.link_key({}) == b""
    served: dict[str, str] = {}
    pages.serve_assets("/voila/pictures/v-1/", "/voila/sounds/v-2/", served)
    assert pages.pictures_url(served) == "/voila/pictures/v-1/"
    assert pages.sounds_url(served) == "/voila/sounds/v-2/"
    assert pages.pictures_url({}) == pages.sounds_url({}) == ""


def test_the_browser_keys_name_their_version():
    assert pages.QUIZ_RESULT_KEY == "lowback.quiz.v1"
    assert pages.SESSIONS_KEY == "lowback.sessions.v1"
