"""The dialogs on their own, and the experience actions of the window."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from imgjournal.services import experiences
from imgjournal.ui.experience_dialog import ExperienceDialog
from imgjournal.ui.settings_dialog import SettingsDialog


def test_experience_form_validates_as_you_type(qtbot):
    dlg = ExperienceDialog()
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "title" in dlg.error.text()
    qtbot.keyClicks(dlg.title, "Cardiology observership")
    assert ok.isEnabled()
    dlg.kind.setCurrentIndex(dlg.kind.findData("observership"))
    assert not dlg.hands_on.isChecked()
    dlg.ongoing.setChecked(False)
    dlg.start.setDate(QDate(2025, 6, 10))
    dlg.end.setDate(QDate(2025, 6, 1))
    assert not ok.isEnabled()
    assert "before the start" in dlg.error.text()
    dlg.end.setDate(QDate(2025, 7, 10))
    assert ok.isEnabled()
    v = dlg.values()
    assert v["title"] == "Cardiology observership"
    assert v["end_date"] == date(2025, 7, 10)
    assert v["eras_type"] == "education"


def test_add_edit_end_and_delete_an_experience(qtbot, journal, window, monkeypatch):
    values = {"kind": "rotation", "title": "Family medicine", "start_date": date(2025, 1, 6)}
    monkeypatch.setattr(ExperienceDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ExperienceDialog, "values", lambda self: dict(values))
    window.actions.new_experience.trigger()
    (x,) = experiences.list_experiences(journal)
    assert x.title == "Family medicine"
    assert window.sidebar.item(f"experience:{x.id}") is not None
    window.sidebar.select(f"experience:{x.id}")
    window.actions.new_case.trigger()
    assert window.editor.experience.currentData() == x.id
    values["title"] = "Family medicine sub-I"
    window.update_action_states()
    window.actions.edit_experience.trigger()
    assert experiences.get_experience(journal, x.id).title == "Family medicine sub-I"
    window.actions.end_experience.trigger()
    assert experiences.get_experience(journal, x.id).end_date == date.today()
    window.actions.delete_experience.trigger()
    assert experiences.list_experiences(journal) == []
    assert window.sidebar.item(f"experience:{x.id}") is None


def test_settings_dialog_saves_preferences(qtbot, settings, tmp_path, window):
    dlg = SettingsDialog(settings, tmp_path / "journal")
    qtbot.addWidget(dlg)
    dlg.font_size.setValue(16)
    dlg.delay.setValue(1500)
    dlg.location.setText(str(tmp_path / "elsewhere"))
    dlg.appearance.setCurrentIndex(dlg.appearance.findData("dark"))
    dlg.accept()
    assert settings.font_size == 16
    assert settings.autosave_delay_ms == 1500
    assert settings.journal_location == tmp_path / "elsewhere"
    assert settings.appearance == "dark"
    assert dlg.location_changed()
    settings.appearance = "system"


def test_font_size_actions(qtbot, window, settings):
    size = settings.font_size
    window.actions.bigger.trigger()
    assert settings.font_size == size + 1
    assert window.editor.body.font().pointSize() == size + 1
    window.actions.smaller.trigger()
    assert settings.font_size == size


def test_markdown_is_highlighted_in_the_notes_and_there_is_no_preview(qtbot, journal, window):
    """Markdown is edited live in the notes: no preview pane, no Preview action."""
    window.actions.new_reflection.trigger()
    qtbot.keyClicks(window.editor.body, "**bold** move")
    formats = window.editor.body.document().firstBlock().layout().formats()
    assert any(r.format.fontWeight() > 400 and r.start == 0 for r in formats)
    assert window.editor.count_label.text().startswith("2 words")
    assert not hasattr(window.actions, "preview")
    names = [a.text() for a in window.findChildren(QAction)]
    assert not any("Preview" in n for n in names), names


def test_switching_to_dark_recolours_the_window(qtbot, qapp, window):
    from PySide6.QtGui import QPalette

    from imgjournal.ui.theme import apply_appearance

    try:
        apply_appearance(qapp, "dark")
        qapp.processEvents()
        muted = qapp.palette().color(QPalette.ColorRole.PlaceholderText)
        assert window.editor.highlighter.muted.foreground().color() == muted
        assert window.editor.count_label.foregroundRole() == QPalette.ColorRole.PlaceholderText
    finally:
        apply_appearance(qapp, "system")


def test_the_settings_file_is_private_even_if_it_was_not(tmp_path):
    import os
    import stat

    from imgjournal.ui.settings import AppSettings

    path = tmp_path / "settings.ini"
    path.write_text("[general]\n")
    path.chmod(0o644)
    s = AppSettings.at(path)
    s.font_size = 15
    s.sync()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "15" in path.read_text()
