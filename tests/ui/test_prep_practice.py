"""The practice window, driven with the keyboard; results read back through the services."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from fsrs import Card, Rating, Scheduler
from PySide6.QtCore import Qt

from imgjournal.services import entries, prep, prep_rounds, prompts
from imgjournal.ui.prep import RoundSpec
from imgjournal.ui.prep.practice import Phase
from imgjournal.ui.taskrunner import TaskRunner

DAY_LEVEL = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


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
    # Plain words, with when each rating brings the prompt back (whole days).
    assert [b.text() for b in pw.rate_buttons.values()] == [
        "1  Blanked · tomorrow",
        "2  Shaky · tomorrow",
        "3  Good · 2 days",
        "4  Nailed it · 8 days",
    ]
    assert "again on" in pw.rate_buttons[3].toolTip()
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
    expected, _ = DAY_LEVEL.review_card(
        Card(card_id=storied["first"].id, due=reviewed), Rating.Good, review_datetime=reviewed
    )
    assert schedule.due == expected.due
    assert schedule.due.utcoffset() == timedelta(0)
    assert schedule.due - reviewed == timedelta(days=2)

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
    table = pw.summary_page.summary_table
    assert table.rowCount() == 1
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == [
        "Prompt",
        "Rating",
        "Time spoken",
        "Comes back",
    ]
    assert table.item(0, 0).text() == storied["second"].text
    assert table.item(0, 1).text() == "Blanked"
    assert table.item(0, 2).text().endswith("too short")
    assert table.item(0, 3).text() == "Again tomorrow"
    assert not pw.summary_page.next_button.isVisible()  # one round only
    assert pw.summary_page.next_step.text().startswith("Done for today")
    with qtbot.waitSignal(pw.finished):
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


# ---- rounds of at most 7 ------------------------------------------------------------------


@pytest.fixture
def many_due(journal):
    """21 prompts with a story and nothing else in the library: 21 due (new) prompts."""
    for p in prompts.list_prompts(journal):
        prompts.update_prompt(journal, p.id, hidden=True)
    ids = [
        prompts.add_prompt(journal, "behavioural", f"Invented question {i:02d}?").id
        for i in range(21)
    ]
    entries.create_entry(journal, "case", "Sepsis on nights", prompt_ids=ids)
    return ids


def _answer(qtbot, pw, key):
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_Space)
    with qtbot.waitSignal(pw.attempt_recorded):
        _press(qtbot, pw, key)


def test_21_due_prompts_are_three_rounds_of_7(qtbot, window, journal, many_due):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert [len(r) for r in pw.rounds] == [7, 7, 7]
    assert [i.prompt.id for i in pw.queue] == many_due[:7]
    assert pw.round_label.text() == "Due prompts · Round 1 of 3 · 1 of 7"
    with qtbot.waitSignal(pw.round_finished) as finished:
        for n in range(7):
            _answer(qtbot, pw, Qt.Key.Key_3 if n % 2 else Qt.Key.Key_2)
    assert pw.phase == Phase.SUMMARY
    summary = finished.args[0]
    assert (summary.round_number, summary.round_count, summary.next_round_size) == (1, 3, 7)

    # What the database holds: 7 attempts, each prompt scheduled whole days ahead.
    attempts = prep.list_attempts(journal)
    assert sorted(a.prompt_id for a in attempts) == many_due[:7]
    page = pw.summary_page
    table = page.summary_table
    assert page.summary_title.text() == "Round 1 of 3 done"
    assert table.rowCount() == 7
    for row, pid in enumerate(many_due[:7]):
        schedule = prep.get_schedule(journal, pid)
        reviewed = schedule.last_review
        assert schedule.due - reviewed in (timedelta(days=1), timedelta(days=2))
        assert table.item(row, 1).text() == ("Good" if row % 2 else "Shaky")
        expected = prep_rounds.again_text(schedule.due, schedule.last_review)
        assert table.item(row, 3).text() == "A" + expected[1:]  # "Again on Thu 10 Dec"
    assert page.next_button.isVisible()
    assert page.next_step.text().startswith("Round 2 of 3 is next: 7 more prompts.")
    assert "Enter next round" in pw.keys_label.text()

    _press(qtbot, pw, Qt.Key.Key_Return)  # the next round
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert pw.round_label.text() == "Due prompts · Round 2 of 3 · 1 of 7"
    assert [i.prompt.id for i in pw.queue] == many_due[7:14]
    with qtbot.waitSignal(pw.finished):  # done for today after one round
        _press(qtbot, pw, Qt.Key.Key_Escape)
    assert len(prep.list_attempts(journal)) == 7


def test_the_last_round_offers_done_for_today(qtbot, window, journal, storied):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert len(pw.rounds) == 1 and "Round" not in pw.round_label.text()
    _answer(qtbot, pw, Qt.Key.Key_4)
    _answer(qtbot, pw, Qt.Key.Key_3)
    assert pw.phase == Phase.SUMMARY
    page = pw.summary_page
    assert page.summary_title.text() == "Round done"
    assert not page.next_button.isVisible()
    _press(qtbot, pw, Qt.Key.Key_Return)  # nothing more to practise: stays on the summary
    assert pw.phase == Phase.SUMMARY
    with qtbot.waitSignal(pw.finished):
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert not pw.isVisible()


# ---- the reveal renders Markdown ----------------------------------------------------------


def test_the_reveal_renders_the_story_as_markdown(qtbot, window, journal):
    from imgjournal.services.dto import CaseFields

    p = prompts.list_prompts(journal)[5]
    entries.create_entry(
        journal,
        "case",
        "Hyperkalaemia on the ward",
        prompt_ids=[p.id],
        case=CaseFields(
            situation="A **very** weak patient with a K of 7.1.",
            action="- called the senior\n- gave calcium gluconate\n- repeated the ECG",
            lesson="Check the *ECG* first.",
        ),
    )
    prep.create_draft(journal, p.id, body="## Situation\n\nI was the **night** intern.\n")
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY and pw.reveal_data is not None)
    _press(qtbot, pw, Qt.Key.Key_Space)
    _press(qtbot, pw, Qt.Key.Key_R)
    text = pw.answer.toPlainText()
    assert "**" not in text and "- called" not in text  # not flattened Markdown
    assert "called the senior" in text and "repeated the ECG" in text
    doc = pw.answer.document()
    blocks = [doc.findBlockByNumber(i) for i in range(doc.blockCount())]
    listed = [b.text() for b in blocks if b.textList() is not None]
    assert listed == ["called the senior", "gave calcium gluconate", "repeated the ECG"]
    bold = [
        frag.text()
        for b in blocks
        for frag in _fragments(b)
        if frag.charFormat().fontWeight() > 500
    ]
    assert "very" in bold and "night" in bold
    assert "SITUATION" in text and "LESSON" in text  # the STAR-L sections keep their names


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            yield frag
        it += 1


# ---- say it out loud: the record button says why it is off --------------------------------


def test_the_record_button_is_off_with_a_reason(qtbot, window, storied):
    from imgjournal.ui.prep import recorder

    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    controls = pw.recorder
    qtbot.waitUntil(lambda: controls.checked)
    assert not controls.button.isEnabled()
    reason = recorder.recording_unavailable()
    assert reason in (recorder.NO_MODULE, recorder.NO_PULSE, recorder.NO_MICROPHONE)
    assert controls.status.text() == reason == controls.button.toolTip()
    assert controls.status.isVisible()
    _press(qtbot, pw, Qt.Key.Key_V)  # V does nothing while recording is off
    assert pw.phase == Phase.READY


def test_no_microphone_found(qtbot, monkeypatch):
    """Qt Multimedia present but no audio input (as QMediaDevices reports on a headless box)."""
    import sys
    import types

    from imgjournal.ui.prep import recorder

    class Devices:
        @staticmethod
        def audioInputs():  # noqa: N802 - Qt's name
            return []

    fake = types.ModuleType("PySide6.QtMultimedia")
    fake.QMediaDevices = Devices
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", fake)
    import PySide6

    monkeypatch.setattr(PySide6, "QtMultimedia", fake, raising=False)
    controls = recorder.RecordControls()
    qtbot.addWidget(controls)
    controls.show()
    qtbot.waitUntil(lambda: controls.checked)
    assert controls.status.text() == "No microphone found."
    assert not controls.button.isEnabled()


def test_a_missing_libpulse_is_named():
    from imgjournal.ui.prep import recorder

    exc = ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")
    assert recorder._import_error_reason(exc) == recorder.NO_PULSE
    assert "libpulse0" in recorder.NO_PULSE
    assert recorder._import_error_reason(ImportError("cannot import name")) == recorder.NO_MODULE


# ---- embedded as a page of another window -------------------------------------------------


def test_embedded_practice_leaves_without_closing(qtbot, journal, storied):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from imgjournal.ui.prep.practice import PracticeWindow
    from imgjournal.ui.taskrunner import SyncRunner

    host = QWidget()
    qtbot.addWidget(host)
    pw = PracticeWindow(journal, SyncRunner(), RoundSpec("due"), host, embedded=True)
    QVBoxLayout(host).addWidget(pw)
    host.resize(1024, 640)
    host.show()
    pw.setFocus()
    pw.start()
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert not pw.isWindow()
    with qtbot.waitSignal(pw.finished):
        _press(qtbot, pw, Qt.Key.Key_Escape)
    assert pw.isVisible()  # the host decides what to show next
    _press(qtbot, pw, Qt.Key.Key_F11)  # full screen is the host window's business
    assert not (host.windowState() & Qt.WindowState.WindowFullScreen)
