"""The editor points out text that looks like a patient identifier, and still saves it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from imgjournal.services import entries
from imgjournal.services.dto import CaseFields
from imgjournal.ui.privacy import privacy_sentence


def test_typing_an_identifier_shows_the_banner_and_removing_it_hides_it(qtbot, journal, window):
    window.actions.new_case.trigger()
    editor = window.editor
    entry_id = editor.entry_id
    banner = editor.privacy_banner
    assert not banner.isVisible()

    qtbot.keyClicks(editor.body, "Seen with Mr. Alvarez, MRN 00123456.")
    qtbot.waitUntil(banner.isVisible, timeout=3000)
    shown = banner.findChild(QLabel, "privacyBannerText").text()
    assert "Mr. Alvarez" in shown and "1 more place" in shown
    # Saved regardless: nothing typed is held back.
    qtbot.waitUntil(lambda: "MRN" in entries.get_entry(journal, entry_id).body, timeout=4000)

    editor.body.selectAll()
    qtbot.keyClicks(editor.body, "An older man with chest pain.")
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=3000)


def test_opening_an_entry_checks_it_at_once(qtbot, journal, make_window):
    e = entries.create_entry(
        journal, "case", "Fall at home", case=CaseFields(chief_complaint="a 93-year-old fell")
    )
    window = make_window(journal)
    window.open_entry(e.id)
    qtbot.waitUntil(lambda: window.editor.entry_id == e.id, timeout=3000)
    banner = window.editor.privacy_banner
    assert not banner.isHidden()
    assert "over 89" in banner.findChild(QLabel, "privacyBannerText").text()


def test_sentence_is_none_for_clean_text():
    assert privacy_sentence(None) is None
