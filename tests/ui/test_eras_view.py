"""The ERAS composer window, driven through its real widgets; the database is checked after."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from imgjournal.services import eras
from imgjournal.services.dto import CaseFields, FeedbackFields
from imgjournal.services.entries import create_entry
from imgjournal.services.experiences import create_experience
from imgjournal.ui.eras_view import NEAR, OK, OVER, counter_state

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def rotation(journal):
    x = create_experience(
        journal,
        "rotation",
        "IM sub-internship",
        date(2025, 3, 1),
        end_date=date(2025, 3, 28),
        institution="Mercy General Hospital",
    )
    create_entry(
        journal,
        "case",
        "Chest pain on nights",
        entry_date=date(2025, 3, 4),
        experience_id=x.id,
        case=CaseFields(lesson="Repeat the ECG when the pain changes.", result="Caught early."),
    )
    create_entry(
        journal,
        "feedback",
        "Feedback",
        entry_date=date(2025, 3, 20),
        experience_id=x.id,
        feedback=FeedbackFields(giver_name="Dr. Lee", words="Clear presentations"),
    )
    return x


def _open(window, qtbot):
    window.actions.all["eras"].trigger()
    composer = window.eras_window
    qtbot.waitUntil(composer.isVisible)
    return composer


def test_counter_states():
    assert counter_state(699, 750) == OK
    assert counter_state(700, 750) == NEAR
    assert counter_state(750, 750) == NEAR
    assert counter_state(751, 750) == OVER


def test_counters_turn_amber_then_red_as_the_core_counts(window, journal, qtbot, rotation):
    eras.create_eras_experience(journal, "Sub-I", experience_ids=[rotation.id])
    composer = _open(window, qtbot)
    assert composer.list.count() == 1
    counter = composer.description_count
    assert counter.state == OK and counter.text().startswith("0 / 750")
    composer.description.setFocus()
    qtbot.keyClicks(composer.description, "a")
    qtbot.keyClick(composer.description, Qt.Key.Key_Return)
    qtbot.keyClicks(composer.description, "b")
    assert counter.count == 3  # the line break is one character
    composer.description.setPlainText("e\u0301" * 700)  # combining accents: NFC, 700
    assert counter.count == 700 and counter.state == NEAR
    assert "color: #b26a00" in counter.styleSheet()
    qtbot.keyClicks(composer.description, "x" * 51)
    assert counter.count == 751 and counter.state == OVER
    assert "1 over" in counter.text() and "#c62828" in counter.styleSheet()
    composer.save_button.click()
    qtbot.waitUntil(lambda: "at most 750; cut 1." in composer.message.text())
    assert eras.list_eras_experiences(journal)[0].description == ""  # nothing stored
    qtbot.keyClick(composer.description, Qt.Key.Key_Backspace)
    assert counter.state == NEAR
    composer.save_button.click()
    qtbot.waitUntil(lambda: composer.message.text().startswith("Saved"))
    assert eras.list_eras_experiences(journal)[0].chars == 750

    composer.meaningful.setChecked(True)
    qtbot.keyClicks(composer.reflection, "r" * 301)
    assert composer.reflection_count.state == OVER


def test_the_side_panel_and_start_from_the_journal(window, journal, qtbot, rotation):
    eras.create_eras_experience(journal, "Sub-I", experience_ids=[rotation.id])
    composer = _open(window, qtbot)
    qtbot.waitUntil(lambda: "Repeat the ECG" in composer.material.toPlainText())
    text = composer.material.toPlainText()
    assert "Caught early." in text and "Clear presentations" in text
    composer.from_journal.click()
    qtbot.waitUntil(lambda: composer.description.toPlainText() != "")
    draft = composer.description.toPlainText()
    assert "I learned: repeat the ECG when the pain changes." in draft
    assert composer.description_count.count <= 750
    composer.save_button.click()
    qtbot.waitUntil(lambda: composer.message.text().startswith("Saved"))
    assert eras.list_eras_experiences(journal)[0].description == draft


def test_add_stops_at_ten_and_meaningful_at_three(window, journal, qtbot):
    for n in range(9):
        eras.create_eras_experience(journal, f"E{n}", "work", meaningful=n < 3)
    composer = _open(window, qtbot)
    with qtbot.waitSignal(composer.loaded):
        composer.add_button.click()
    assert composer.list.count() == 10
    assert len(eras.list_eras_experiences(journal)) == 10
    assert not composer.add_button.isEnabled()
    assert "10 of 10 experiences" in composer.rules.text()
    assert "ERAS takes no more" in composer.rules.text()
    # the new one is chosen; marking it most meaningful is refused with one sentence
    assert composer.current.title == "New experience"
    composer.meaningful.setChecked(True)
    assert "at most 3 experiences be most meaningful" in composer.message.text()
    composer.save_button.click()
    qtbot.waitUntil(lambda: "unmark one first" in composer.message.text())
    assert sum(x.meaningful for x in eras.list_eras_experiences(journal)) == 3


def test_switching_saves_first_and_copy_is_plain_text_after_the_privacy_check(
    window, journal, qtbot
):
    eras.create_eras_experience(journal, "One", "work")
    eras.create_eras_experience(journal, "Two", "research")
    composer = _open(window, qtbot)
    qtbot.keyClicks(composer.description, "I ran **rounds**.")
    composer.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: composer.current is not None and composer.current.title == "Two")
    assert eras.list_eras_experiences(journal)[0].description == "I ran **rounds**."

    composer.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: composer.current.title == "One")
    asked = []
    window.ask_privacy = lambda parent, findings, what: asked.append(findings) or "cancel"
    composer.copy_button.click()
    qtbot.waitUntil(lambda: "Copied" in composer.message.text())
    assert asked == []  # nothing found: no question
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("One\nExperience type: Work\n")
    assert "Description:\nI ran **rounds**." in copied and "#" not in copied

    composer.description.setPlainText("Call 555-867-5309 for the MRN 12345678.")
    QGuiApplication.clipboard().setText("")
    composer.copy_button.click()
    qtbot.waitUntil(lambda: composer.message.text() == "Not copied.")
    assert asked and QGuiApplication.clipboard().text() == ""


def test_export_markdown_writes_every_experience(window, journal, qtbot, tmp_path):
    eras.create_eras_experience(journal, "One", "work", description="Did things.")
    composer = _open(window, qtbot)
    out = tmp_path / "eras.md"
    composer.export_markdown(out)
    qtbot.waitUntil(lambda: "Exported 1 experiences" in composer.message.text())
    assert out.read_text(encoding="utf-8").startswith("# ERAS experiences\n")


def test_delete_asks_then_removes_only_the_application_experience(window, journal, qtbot):
    from imgjournal.services.experiences import list_experiences

    x = create_experience(journal, "volunteer", "Free clinic", date(2025, 1, 1))
    eras.create_eras_experience(journal, "Clinic", "volunteer", experience_ids=[x.id])
    eras.create_eras_experience(journal, "Other", "work")
    composer = _open(window, qtbot)
    composer.confirm = lambda: False
    composer.delete_button.click()
    assert len(eras.list_eras_experiences(journal)) == 2
    composer.confirm = lambda: True
    composer.delete_button.click()
    qtbot.waitUntil(lambda: composer.list.count() == 1)
    assert [e.title for e in eras.list_eras_experiences(journal)] == ["Other"]
    assert [e.title for e in list_experiences(journal)] == ["Free clinic"]
    assert composer.message.text() == "Deleted “Clinic”."


def test_closing_saves_what_is_on_screen_and_asks_when_it_cannot(window, journal, qtbot):
    eras.create_eras_experience(journal, "One", "work")
    composer = _open(window, qtbot)
    qtbot.keyClicks(composer.description, "Typed, then closed.")
    composer.close()
    assert eras.list_eras_experiences(journal)[0].description == "Typed, then closed."

    window.open_eras()
    qtbot.waitUntil(composer.isVisible)
    composer.description.setPlainText("x" * 751)
    asked = []
    window.ask = lambda *args: asked.append(args[2]) or False  # keep it open
    composer.close()
    assert composer.isVisible() and "cut 1." in asked[0]
    assert eras.list_eras_experiences(journal)[0].description == "Typed, then closed."
    window.ask = lambda *args: True
    composer.close()
    assert not composer.isVisible()


def test_closing_the_main_window_asks_before_losing_what_the_composer_cannot_save(
    window, journal, qtbot
):
    """Text past a limit cannot be stored: closing the journal window asks first (it dropped
    the text with only a log line), and keeping it open keeps both windows and the text."""
    eras.create_eras_experience(journal, "One", "work")
    composer = _open(window, qtbot)
    composer.description.setPlainText("y" * 751)
    asked = []
    window.ask = lambda *args: asked.append(args[2]) or False  # keep it open
    window.close()
    assert asked and "not saved" in asked[0]
    assert window.isVisible() and composer.isVisible()
    assert composer.description.toPlainText() == "y" * 751
    assert eras.list_eras_experiences(journal)[0].description == ""
    window.ask = lambda *args: True
    composer.description.setPlainText("Saved on the way out.")
    window.close()
    assert eras.list_eras_experiences(journal)[0].description == "Saved on the way out."
