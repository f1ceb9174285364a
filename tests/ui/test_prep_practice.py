"""The practice window, driven with the keyboard; results read back through the services."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from fsrs import Card, Rating, Scheduler
from PySide6.QtCore import Qt

from imgjournal.services import entries, prep, prompts
from imgjournal.ui.prep import RoundSpec
from imgjournal.ui.prep.practice import Phase
from imgjournal.ui.taskrunner import TaskRunner


@pytest.fixture
def storied(journal):
    """Two prompts with a story (so they are due as new); the first has a practised draft."""
    library = prompts.list_prompts(journal)
    first, second = library[5], library[6]
    case = entries.create_entry(
        journal, "case", "Sepsis on nights", prompt_ids=[first.id, second.id]
    )
    draft = prep.create_draft(journal, first.id, body="## Situation\n\nA septic patient at 3 am.\n")
    return {"first": first, "second": second, "case": case, "draft": draft}


def _press(qtbot, w, key):
    qtbot.keyClick(w, key)


def test_practice_round_with_the_keyboard(qtbot, window, journal, storied):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert pw.current.id == storied["first"].id
    assert pw.prompt.text() == storied["first"].text
    assert "1 of 2" in pw.round_label.text()

    _press(qtbot, pw, Qt.Key.Key_Space)  # start
    assert pw.phase == Phase.RUNNING
    _press(qtbot, pw, Qt.Key.Key_Space)  # stop
    assert pw.phase == Phase.STOPPED
    _press(qtbot, pw, Qt.Key.Key_R)  # reveal
    assert pw.answer.isVisible()
    assert "A septic patient at 3 am." in pw.answer.toPlainText()
    assert "Sepsis on nights" in pw.answer.toPlainText()
    with qtbot.waitSignal(pw.attempt_recorded) as recorded:
        _press(qtbot, pw, Qt.Key.Key_3)  # Good
    result = recorded.args[0]

    # Read back through the services: the attempt and the FSRS due date are stored.
    (attempt,) = prep.list_attempts(journal, storied["first"].id)
    assert attempt.rating == 3
    assert attempt.draft_id == storied["draft"].id
    assert attempt.duration_seconds < 5
    schedule = prep.get_schedule(journal, storied["first"].id)
    assert schedule == result.schedule
    reviewed = attempt.started_at + timedelta(seconds=attempt.duration_seconds)
    assert schedule.last_review == reviewed
    expected, _ = Scheduler(enable_fuzzing=False).review_card(
        Card(card_id=storied["first"].id, due=reviewed), Rating.Good, review_datetime=reviewed
    )
    assert schedule.due == expected.due
    assert schedule.due.utcoffset() == timedelta(0)
    assert schedule.due > reviewed

    # The round moves on to the next prompt, which is not started yet.
    assert pw.phase == Phase.READY
    assert pw.current.id == storied["second"].id
    assert not pw.answer.isVisible()


def test_rating_keys_do_nothing_before_the_answer_is_stopped(qtbot, window, journal, storied):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    _press(qtbot, pw, Qt.Key.Key_3)
    _press(qtbot, pw, Qt.Key.Key_R)
    assert pw.phase == Phase.READY and not pw.answer.isVisible()
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_4)
    assert pw.phase == Phase.RUNNING
    assert prep.list_attempts(journal) == []


def test_note_skip_and_summary(qtbot, window, journal, storied):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    _press(qtbot, pw, Qt.Key.Key_S)  # skip the first prompt
    assert pw.current.id == storied["second"].id
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_N)
    assert pw.note.hasFocus() or pw.focusWidget() is pw.note
    qtbot.keyClicks(pw.note, "Slow down 3")  # digits go into the note, not a rating
    assert prep.list_attempts(journal) == []
    _press(qtbot, pw.note, Qt.Key.Key_Return)
    with qtbot.waitSignal(pw.round_finished) as finished:
        _press(qtbot, pw, Qt.Key.Key_1)
    (attempt,) = prep.list_attempts(journal)
    assert (attempt.prompt_id, attempt.rating, attempt.note, attempt.draft_id) == (
        storied["second"].id,
        1,
        "Slow down 3",
        None,
    )
    summary = finished.args[0]
    assert [r.prompt_id for r in summary.rows] == [storied["second"].id]
    assert pw.phase == Phase.SUMMARY
    assert pw.summary_page.summary_table.rowCount() == 1
    assert pw.summary_page.summary_table.item(0, 4).text() == "Again"
    _press(qtbot, pw, Qt.Key.Key_Escape)
    assert not pw.isVisible()


def test_mock_interview_of_three_ends_with_a_summary(qtbot, window, journal):
    pw = window.prep.practise(RoundSpec("mock", count=3), rng=random.Random(4), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    seen = []
    for rating in (Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        seen.append(pw.current.category)
        _press(qtbot, pw, Qt.Key.Key_Space)
        _press(qtbot, pw, Qt.Key.Key_Space)
        _press(qtbot, pw, rating)
    assert seen[0] == "personal" and seen[-1] == "closing"
    assert pw.phase == Phase.SUMMARY
    assert [r.rating for r in pw.summary.rows] == [2, 3, 4]
    assert "3 answers" in pw.summary_page.summary_text.text()
    assert len(prep.list_attempts(journal)) == 3


def test_nothing_due_says_what_to_do(qtbot, window):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.EMPTY)
    assert "Nothing is due" in pw.message.text()
    _press(qtbot, pw, Qt.Key.Key_Escape)
    assert not pw.isVisible()


def test_category_round(qtbot, window, journal):
    pw = window.prep.practise(RoundSpec("category", category="img"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert {i.prompt.category for i in pw.queue} == {"img"}
    assert pw.spec.title(len(pw.queue)) == "IMG-specific prompts"


def test_practice_with_the_threaded_runner(qtbot, make_window, journal, storied):
    """The real task runner: the attempt is stored off the UI thread; wait on signals."""
    runner = TaskRunner()
    window = make_window(journal, runner)
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY and pw.reveal_data is not None)
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_R)
    assert "A septic patient at 3 am." in pw.answer.toPlainText()
    assert "Good · " in pw.rate_buttons[3].text()
    with qtbot.waitSignal(pw.attempt_recorded, timeout=10000):
        _press(qtbot, pw, Qt.Key.Key_3)
    assert prep.get_schedule(journal, storied["first"].id) is not None
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
