"""A failing control shows a friendly sentence and logs only the kind of failure."""

from __future__ import annotations

import logging

import pytest

from lowback.widgets import ScreeningQuiz
from lowback.widgets.failsafe import FRIENDLY_MESSAGE, FailSafe


def test_a_handler_that_works_is_passed_through_untouched():
    failsafe = FailSafe("test view")
    assert failsafe(lambda x: x * 2)(21) == 42
    assert failsafe.notice.value == "" and not failsafe.failed


def test_a_failing_handler_shows_the_friendly_message_and_logs_only_the_exception_type(caplog):
    failsafe = FailSafe("test view")

    def on_click(_button):
        raise RuntimeError("the reader's answer: SECRET")

    caplog.set_level(logging.ERROR, logger="lowback.widgets")
    logger = logging.getLogger("lowback.widgets")
    logger.addHandler(caplog.handler)
    try:
        assert failsafe(on_click)(None) is None
    finally:
        logger.removeHandler(caplog.handler)
    assert FRIENDLY_MESSAGE in failsafe.notice.value and 'role="alert"' in failsafe.notice.value
    assert failsafe.failed
    assert "test view: on_click failed with RuntimeError" in caplog.text
    assert "SECRET" not in caplog.text


def test_every_quiz_control_runs_through_the_failsafe(monkeypatch: pytest.MonkeyPatch):
    import lowback.widgets.quiz as quiz_view

    def broken(_answers):
        raise RuntimeError("boom")

    quiz = ScreeningQuiz()
    monkeypatch.setattr(quiz_view, "assess", broken)
    quiz.checks["saddle_numbness"].value = True  # would raise without the failsafe
    quiz.none_of_these[quiz.checklists[0]].value = True
    quiz.controls["press_reproduces"].value = True
    quiz.see_result.click()
    assert FRIENDLY_MESSAGE in quiz.failsafe.notice.value
