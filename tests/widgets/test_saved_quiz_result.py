"""The saved quiz result in the views: what the quiz asks the browser to keep or forget, what it
says about it, and what the routine page is sent to go by (DESIGN.md, "The saved quiz result").
The browser side is tested under Node (test_quiz_record_js.py) and in Chromium
(tests/browser/test_saved_result.py)."""

from __future__ import annotations

import pytest

from lowback.pages import REGION_KEY
from lowback.quiz_record import TRUST_DAYS, browser_settings
from lowback.regions import REGION_IDS
from lowback.routine import Routine
from lowback.screening import assess, since_quiz_signs
from lowback.widgets import RoutineTimer, ScreeningQuiz
from lowback.widgets.page_helper import PageHelper, region_memory_settings
from lowback.widgets.player import player_esm
from lowback.widgets.quiz import EMERGENCY_NUMBERS, KEPT_TEXT, NOT_CHOSEN
from lowback.widgets.timer_view import SINCE_QUIZ_WORDS, WORDS, player_plan, since_quiz_plan
from tests.support.answers import MATCHING_READER, fill_quiz

#: Every question asked answered as a reader the routine may help would answer it.
ALL_CLEAR = MATCHING_READER
fill = fill_quiz


@pytest.fixture
def sent(monkeypatch) -> list[dict]:
    """Every message a PageHelper sends to the browser."""
    messages: list[dict] = []
    monkeypatch.setattr(
        PageHelper, "send", lambda self, content, buffers=None: messages.append(content)
    )
    return messages


def kept(messages: list[dict]) -> list[object]:
    """What the quiz asked the browser to keep (an outcome) or forget (None), in order."""
    return [
        m.get("keep_quiz_result")
        for m in messages
        if "keep_quiz_result" in m or "forget_quiz_result" in m
    ]


def test_the_all_clear_answers_are_an_all_clear():
    assert assess(ALL_CLEAR).outcome == "routine_may_help"


def test_an_empty_quiz_and_unshown_answers_keep_nothing(sent):
    quiz = ScreeningQuiz()
    fill(quiz, ALL_CLEAR)
    assert quiz.result.value == ""
    assert kept(sent) == []


def test_a_result_shown_is_kept_and_a_later_urgent_one_replaces_it(sent):
    quiz = ScreeningQuiz()
    fill(quiz, ALL_CLEAR)
    quiz.show_result()
    assert kept(sent) == ["routine_may_help"]
    quiz.checks["fever_unwell"].value = True  # shown at once, whatever was shown before
    assert "See a doctor today" in quiz.result.value
    assert kept(sent) == ["routine_may_help", "urgent"]


def test_an_emergency_shown_at_once_is_kept_without_asking_for_the_result(sent):
    quiz = ScreeningQuiz()
    quiz.checks["saddle_numbness"].value = True
    assert kept(sent) == ["emergency"]


def test_every_outcome_shown_is_kept_even_one_still_incomplete(sent):
    quiz = ScreeningQuiz()
    fill(quiz, {k: v for k, v in ALL_CLEAR.items() if k != "press_reproduces"})
    quiz.show_result()
    assert kept(sent) == ["incomplete"]
    quiz.controls["press_reproduces"].value = True  # the result follows, and so does the record
    assert kept(sent) == ["incomplete", "routine_may_help"]


def test_asking_again_keeps_the_result_again_with_a_fresh_date(sent):
    quiz = ScreeningQuiz()
    fill(quiz, ALL_CLEAR)
    quiz.show_result()
    quiz.show_result()
    assert kept(sent) == ["routine_may_help", "routine_may_help"]


def test_start_over_forgets_the_result(sent):
    quiz = ScreeningQuiz()
    fill(quiz, ALL_CLEAR)
    quiz.show_result()
    quiz.start_over.click()
    assert kept(sent) == ["routine_may_help", None]
    assert quiz.result.value == ""


def test_forget_my_answer_forgets_the_result_and_says_so(sent):
    quiz = ScreeningQuiz()
    fill(quiz, ALL_CLEAR)
    quiz.show_result()
    quiz.forget.click()
    assert kept(sent) == ["routine_may_help", None]
    assert "no longer keeps your result" in quiz.kept_note.value
    assert 'role="status"' in quiz.kept_note.value
    # A result shown after that, for a changed answer, is kept again.
    quiz.checks["weight_loss"].value = True
    assert kept(sent) == ["routine_may_help", None, "urgent"]
    assert quiz.kept_note.value == ""


def test_the_quiz_says_what_is_kept_where_and_for_how_long():
    quiz = ScreeningQuiz()
    assert quiz.forget.description == "Forget my answer"
    assert KEPT_TEXT in quiz.kept.value
    for words in (
        "This browser keeps two things, on this device only, not on our server",
        "your latest result (not your answers) and its date",
        f"trusts it for {TRUST_DAYS} days",
        "Start over or Forget my answer removes it",
        "The other is where you are, if you choose it",
        f"Set it back to {NOT_CHOSEN} to remove it",
    ):
        assert words in KEPT_TEXT
    # Beside the buttons that remove it.
    children = list(quiz.children)
    buttons = next(c for c in children if quiz.forget in getattr(c, "children", ()))
    assert children.index(quiz.kept) == children.index(buttons) + 1
    assert quiz.start_over in buttons.children


def test_forget_my_answer_and_start_over_leave_the_region_and_say_so(sent):
    quiz = ScreeningQuiz()
    quiz.region.value = "uk"
    fill(quiz, ALL_CLEAR)
    quiz.show_result()
    quiz.forget.click()
    assert "still keeps where you are" in quiz.kept_note.value
    quiz.start_over.click()
    assert {"forget_region": True} not in sent
    assert [m["keep_region"] for m in sent if "keep_region" in m] == ["uk"]
    assert quiz.region_id == "uk"


def test_the_page_helper_keeps_and_forgets_only_a_known_region(sent):
    helper = PageHelper()
    helper.keep_region("uk")
    helper.forget_region()
    with pytest.raises(ValueError, match="region must be one of"):
        helper.keep_region("atlantis")
    assert sent == [{"keep_region": "uk"}, {"forget_region": True}]


def test_the_page_helper_is_handed_the_region_key_and_ids_never_spelled_in_js():
    helper = PageHelper()
    assert helper.region_memory == region_memory_settings()
    assert helper.region_memory == {"key": REGION_KEY, "ids": list(REGION_IDS)}
    assert helper.remembered_region == ""


def test_the_page_helper_refuses_to_keep_what_is_not_an_outcome(sent):
    with pytest.raises(ValueError, match="outcome must be one of"):
        PageHelper().keep_quiz_result("all_good")
    assert sent == []


def test_the_page_helper_is_handed_where_and_how_the_record_is_kept():
    assert PageHelper().quiz_record == browser_settings()


# -- the routine page -----------------------------------------------------------------------


def test_the_routine_page_is_sent_how_to_read_the_record_and_the_check_before_start():
    plan = player_plan(Routine())
    assert plan["quiz_record"] == browser_settings()
    check = plan["since_quiz"]
    assert check == since_quiz_plan()
    assert check["signs"] == [
        {"id": s.id, "words": s.words, "level": s.level} for s in since_quiz_signs()
    ]
    assert check["words"] == SINCE_QUIZ_WORDS
    assert check["words"]["title"] == (
        "Since your quiz (or since your physiotherapist saw you), has anything new started?"
    )
    assert check["words"]["none"] == "None of these"
    assert [c["number"] for c in check["calls"]] == [n for n, _ in EMERGENCY_NUMBERS]
    assert "emergency" in check["words"]["emergency"] and "today" in check["words"]["urgent"]
    for key in ("quiz_forget", "quiz_kept", "quiz_kept_unused", "quiz_forgotten"):
        assert plan["words"][key] == WORDS[key]
    assert "{date}" in WORDS["quiz_kept"] and f"{TRUST_DAYS} days" in WORDS["quiz_kept"]


def test_a_check_with_a_level_the_page_cannot_read_is_refused():
    bad = type("Sign", (), {"id": "x", "words": "X", "level": "soon"})()
    with pytest.raises(ValueError, match="level must be one of"):
        since_quiz_plan([bad])


def test_the_timer_sends_the_check_with_its_first_plan_so_the_page_works_offline():
    timer = RoutineTimer(Routine(reps=2))
    assert timer.player.plan["since_quiz"]["signs"]
    assert timer.player.plan["quiz_record"]["key"] == browser_settings()["key"]


def test_the_players_module_holds_its_files_each_before_the_view_that_uses_them():
    # js/player_view.js imports the others; `make frontend` puts each before what uses it.
    esm = player_esm()
    files = ("player_core.js", "quiz_record.js", "progress.js", "session_history.js")
    positions = [esm.index(f"\n// {name}\n") for name in (*files, "player_view.js")]
    assert positions == sorted(positions)
    assert esm.index("\n// since_quiz.js\n") < positions[-1]
    markers = ("function statusAt(", "function isTrusted(", "function sinceQuizCheck(")
    markers += ("function recordsFromJson(", "function sessionHistory(")
    assert all(esm.count(marker) == 1 for marker in markers)
    assert max(esm.index(marker) for marker in markers) < esm.rindex("as default")
