"""The page contract: which notebook is which page, how a page is addressed, where its pictures
and cue tones are served, and the sentences and browser storage keys that Python and the
browser's JavaScript share.

Everything the core, the drawings, the widgets and the site agree on about pages lives here, so
no layer has to know another's routes: a widget asks `is_page_address`, never looks for Voila's
route itself; JavaScript is handed a storage key or a sentence through its widget, never keeps a
copy. Standard library only.

Outside lowback.site, this is the one module that reads the process environment
(tests/policy/test_layers.py checks): the deployment's settings (`public_url`, `link_key`) and the
asset addresses the series' server gives its kernels (`pictures_url`, `sounds_url`, written by
`serve_assets`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from urllib.parse import urlsplit

__all__ = [
    "ANATOMY",
    "CLINICIANS",
    "LANDING",
    "LINK_KEY_ENV",
    "PAGES",
    "PAGE_LOST",
    "PICTURES_URL_ENV",
    "PUBLIC_URL_ENV",
    "QUIZ",
    "QUIZ_RESULT_KEY",
    "QUIZ_START_ID",
    "REGION_KEY",
    "RENDER_ROUTE",
    "ROUTINE",
    "ROUTINE_TIMER_ID",
    "SESSIONS_KEY",
    "SOUNDS_URL_ENV",
    "binder_route",
    "is_page_address",
    "link_key",
    "page_address",
    "pictures_url",
    "public_url",
    "serve_assets",
    "sounds_url",
]

# -- The pages: each a notebook in notebooks/, linked to one another by file name -----------------
LANDING = "00_start_here.ipynb"
ANATOMY = "01_anatomy.ipynb"
QUIZ = "02_screening_quiz.ipynb"
ROUTINE = "03_routine_timer.ipynb"
CLINICIANS = "04_for_clinicians.ipynb"
PAGES = (LANDING, ANATOMY, QUIZ, ROUTINE, CLINICIANS)

# -- Places in a page that other pages link to: the id of a heading, as nbconvert (so Voila) and
# JupyterLab make it from the heading's words (tests/site/test_on_this_page.py checks each is
# there). The page template keeps a linked heading in view while the page is drawn.
#: The quiz page's "The quiz" heading, right above its first question: where "Start the quiz"
#: links land.
QUIZ_START_ID = "The-quiz"
#: The routine page's "The timer" heading, right above the timer: where "Go to the routine" lands.
ROUTINE_TIMER_ID = "The-timer"

# -- How a page is addressed ----------------------------------------------------------------------
# Voila shows notebook N as a page at <base>/voila/render/N; beside it, the other pages are
# reached by their file names alone. In JupyterLab the same file name opens the notebook.
RENDER_ROUTE = "voila/render"


def page_address(notebook: str, base_url: str = "/") -> str:
    """The path (under the server's base address) at which Voila shows `notebook` as a page."""
    return f"{base_url.rstrip('/')}/{RENDER_ROUTE}/{notebook}"


def binder_route(notebook: str) -> str:
    """Binder's `urlpath` for the page, where the repository's notebooks/ folder is the root."""
    return f"{RENDER_ROUTE}/notebooks/{notebook}"


def is_page_address(url: object) -> bool:
    """Whether an address (as a reader's browser reports its own) is one of Voila's pages, where
    the other pages are a file name away, rather than a notebook open in JupyterLab."""
    if not isinstance(url, str) or len(url) > 2048:
        return False
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return f"/{RENDER_ROUTE}/" in path


# -- Shared sentences -----------------------------------------------------------------------------
#: What a page says when it has lost its kernel (the template's notice and the widgets' own say
#: the same words; lowback.site's template is handed this one).
PAGE_LOST = "The page lost its connection; reload to continue."

# -- The browser's storage keys (localStorage), handed to the JavaScript by its widget ------------
#: The latest quiz outcome and its date (lowback.quiz_record).
QUIZ_RESULT_KEY = "lowback.quiz.v1"
#: The reader's own sessions of the routine (lowback.progress).
SESSIONS_KEY = "lowback.sessions.v1"
#: Where the reader is, for the emergency number and services (lowback.regions): asked once by
#: the quiz or the routine page when no link says, and remembered in this browser.
REGION_KEY = "lowback.region.v1"

# -- Settings from the environment ----------------------------------------------------------------
#: The address the series is served at, set by a deployment (never taken from a request).
PUBLIC_URL_ENV = "LOWBACK_PUBLIC_URL"
#: The deployment's key for signing physiotherapists' links (lowback.signed_link).
LINK_KEY_ENV = "LOWBACK_LINK_KEY"
#: Set by the series' server for its kernels: the address, ending in "/", under which it serves
#: the pre-drawn pictures (lowback/pictures) with a year-long cache.
PICTURES_URL_ENV = "LOWBACK_PICTURES_URL"
#: The same for the routine's cue tones (lowback.sound.cue_wav), served as <kind>.wav.
SOUNDS_URL_ENV = "LOWBACK_SOUNDS_URL"


def public_url(environ: Mapping[str, str] | None = None) -> str:
    """The deployment's public address as set (stripped; "" if unset); the caller checks it."""
    return (os.environ if environ is None else environ).get(PUBLIC_URL_ENV, "").strip()


def link_key(environ: Mapping[str, str] | None = None) -> bytes:
    """The deployment's link key as set (b"" if unset); the caller decides if it is long enough."""
    return (os.environ if environ is None else environ).get(LINK_KEY_ENV, "").encode("utf-8")


def pictures_url(environ: Mapping[str, str] | None = None) -> str:
    """Where the series' server serves the pictures, or "" where no such server runs (JupyterLab,
    Binder, nbconvert): the page then carries each picture itself."""
    return (os.environ if environ is None else environ).get(PICTURES_URL_ENV, "")


def sounds_url(environ: Mapping[str, str] | None = None) -> str:
    """Where the series' server serves the cue tones, or "" (as `pictures_url`)."""
    return (os.environ if environ is None else environ).get(SOUNDS_URL_ENV, "")


def serve_assets(
    pictures: str, sounds: str, environ: MutableMapping[str, str] | None = None
) -> None:
    """Tell the kernels the server starts from now on where it serves the pictures and tones:
    kernels start with the server's environment, so this is written into it."""
    target = os.environ if environ is None else environ
    target[PICTURES_URL_ENV] = pictures
    target[SOUNDS_URL_ENV] = sounds
