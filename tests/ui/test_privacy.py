"""The privacy guard in the real editor: findings underlined while typing, listed beside the
editor with Apply fix / Apply all / Not an identifier; the text is saved regardless."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from imgjournal.services import entries, privacy
from imgjournal.services.dto import CaseFields
from imgjournal.ui.privacy_panel import FindingRow
from tests.ui.conftest import saved_id

PHONE = "555-867-5309"
EMAIL = "jdoe@example.com"


def rows(editor) -> list[FindingRow]:
    return editor.findings_panel.finding_rows()


def underlined(edit) -> list[str]:
    return [s.cursor.selectedText() for s in edit.extraSelections()]


def test_typing_a_phone_number_underlines_it_and_apply_fix_saves_the_suggestion(
    qtbot, journal, window
):
    window.actions.new_reflection.trigger()
    editor = window.editor
    body = editor.body
    assert editor.findings_panel.isHidden()

    body.setFocus()
    qtbot.keyClicks(body, f"The son left his number, {PHONE}, for updates.")
    entry_id = saved_id(qtbot, window)
    qtbot.waitUntil(lambda: PHONE in underlined(body), timeout=4000)
    qtbot.waitUntil(lambda: len(rows(editor)) == 1, timeout=2000)
    assert editor.findings_panel.isVisible()
    (row,) = rows(editor)
    suggestion = row.spot.finding.suggestion
    assert row.spot.field == "body" and row.spot.finding.text == PHONE
    assert suggestion and PHONE not in suggestion
    # Typing was never blocked: the text is saved with the number while it is there.
    qtbot.waitUntil(lambda: PHONE in entries.get_entry(journal, entry_id).body, timeout=4000)

    qtbot.mouseClick(row.findChild(QPushButton, "privacyApplyFix"), Qt.MouseButton.LeftButton)
    assert body.toPlainText() == f"The son left his number, {suggestion}, for updates."

    def stored() -> str:
        return entries.get_entry(journal, entry_id).body

    qtbot.waitUntil(lambda: suggestion in stored() and PHONE not in stored(), timeout=4000)
    qtbot.waitUntil(lambda: not rows(editor) and editor.findings_panel.isHidden(), timeout=4000)
    assert underlined(body) == []

    body.undo()  # the fix went through the body's undo stack
    assert PHONE in body.toPlainText()
    qtbot.waitUntil(lambda: len(rows(editor)) == 1, timeout=4000)


def test_apply_all_fixes_every_field_and_the_title_is_marked(qtbot, journal, window):
    window.actions.new_case.trigger()
    editor = window.editor
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, f"Call {PHONE}")
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, f"Mail {EMAIL} and {PHONE}.")
    qtbot.waitUntil(lambda: len(rows(editor)) == 3, timeout=4000)
    entry_id = saved_id(qtbot, window)
    assert {r.spot.field for r in rows(editor)} == {"title", "body"}
    assert underlined(editor.title) == [PHONE]  # the title wraps: a text box, underlined
    assert PHONE in editor.title.toolTip()

    qtbot.mouseClick(
        editor.findings_panel.findChild(QPushButton, "privacyApplyAll"), Qt.MouseButton.LeftButton
    )
    assert PHONE not in editor.title.text() and EMAIL not in editor.body.toPlainText()
    qtbot.waitUntil(lambda: underlined(editor.title) == [], timeout=4000)
    assert not rows(editor)

    def saved() -> bool:
        e = entries.get_entry(journal, entry_id)
        return PHONE not in e.title and PHONE not in e.body and EMAIL not in e.body

    qtbot.waitUntil(saved, timeout=4000)
    editor.body.undo()  # Apply all is one undo step per field
    assert EMAIL in editor.body.toPlainText() and PHONE in editor.body.toPlainText()


def test_not_an_identifier_is_remembered_for_the_journal(qtbot, journal, make_window):
    window = make_window(journal)
    window.actions.new_reflection.trigger()
    editor = window.editor
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, f"Ward mailbox {EMAIL}, not a patient's.")
    qtbot.waitUntil(lambda: len(rows(editor)) == 1, timeout=4000)
    (row,) = rows(editor)
    qtbot.mouseClick(row.findChild(QPushButton, "privacyAllow"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not rows(editor), timeout=4000)
    assert privacy.allowed(journal) == [EMAIL]
    assert EMAIL in editor.body.toPlainText()  # nothing was changed in the text
    window.close()

    # A new window on the same journal knows it: the same text elsewhere stays quiet.
    again = make_window(journal)
    qtbot.waitUntil(lambda: again.privacy_guard.allowed() == (EMAIL,), timeout=4000)
    again.actions.new_reflection.trigger()
    editor = again.editor
    before = editor.privacy.checks
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, f"Again {EMAIL} and {PHONE}")
    qtbot.waitUntil(lambda: editor.privacy.checks > before and bool(rows(editor)), timeout=4000)
    assert [r.spot.finding.text for r in rows(editor)] == [PHONE]


def test_opening_an_entry_checks_it_at_once(qtbot, journal, make_window):
    e = entries.create_entry(
        journal,
        "case",
        "Fall at home",
        case=CaseFields(chief_complaint="fall", situation=f"Her niece phoned from {PHONE}"),
    )
    window = make_window(journal)
    window.open_entry(e.id)
    qtbot.waitUntil(lambda: window.editor.entry_id == e.id, timeout=3000)
    star = window.editor.case_form.star["situation"]
    qtbot.waitUntil(lambda: PHONE in underlined(star), timeout=4000)
    assert [r.spot.field for r in rows(window.editor)] == ["situation"]


def test_the_underline_leaves_the_markdown_highlighting_alone(qtbot, journal, window):
    window.actions.new_reflection.trigger()
    body = window.editor.body
    body.setFocus()
    qtbot.keyClicks(body, f"**Bold** call {PHONE}")
    qtbot.waitUntil(lambda: PHONE in underlined(body), timeout=4000)
    block = body.document().firstBlock()
    formats = block.layout().formats()
    assert any(r.format.fontWeight() > 400 and r.start == 0 for r in formats)


def test_a_result_for_text_that_changed_meanwhile_is_not_applied(qtbot, journal, window):
    window.actions.new_reflection.trigger()
    editor = window.editor
    body = editor.body
    body.setPlainText(f"call {PHONE}")
    before = editor.privacy.checks
    editor.privacy.check_now()  # checks "call …" on the guard's thread
    body.moveCursor(body.textCursor().MoveOperation.Start)
    body.insertPlainText("please ")  # typed before the result is back
    qtbot.waitUntil(lambda: editor.privacy.checks > before, timeout=4000)
    # The first result applied is for the text as it is now: the span moved with it.
    assert underlined(body) == [PHONE]
    (row,) = rows(editor)
    assert row.spot.finding.start == len("please call ")


def test_settings_lists_and_edits_the_allow_list(qtbot, journal, window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from imgjournal.ui import settings_dialog

    privacy.allow(journal, "Mercy")
    window.privacy_commands.load_allowed()
    assert window.privacy_guard.allowed() == ("Mercy",)
    seen = []

    def exec_(dlg):  # the user removes "Mercy", adds "Apgar", presses OK
        seen.append(dlg.allowed_phrases())
        dlg.allowed_list.setCurrentRow(0)
        qtbot.mouseClick(
            dlg.findChild(QPushButton, "settingsAllowedRemove"), Qt.MouseButton.LeftButton
        )
        qtbot.keyClicks(dlg.allowed_new, "Apgar")
        qtbot.mouseClick(
            dlg.findChild(QPushButton, "settingsAllowedAdd"), Qt.MouseButton.LeftButton
        )
        dlg.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", exec_)
    window.view_commands.open_settings()
    assert seen == [["Mercy"]]
    assert privacy.allowed(journal) == ["Apgar"]
    assert window.privacy_guard.allowed() == ("Apgar",)


def test_the_findings_panel_takes_its_width_from_the_list_not_the_page(qtbot, journal, window):
    """At 1280×800 the panel appears beside the page and the list gives up the width, so the
    page keeps room to write (it was squeezed to about 270 px)."""
    from imgjournal.ui.main_window import PAGE_ROOM

    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.actions.new_reflection.trigger()
    editor = window.editor
    list_before = window.list_panel.width()
    qtbot.keyClicks(editor.body, f"The son left his number, {PHONE}, for updates.")
    qtbot.waitUntil(lambda: editor.findings_panel.isVisible(), timeout=4000)
    qtbot.waitUntil(lambda: editor.scroll.width() >= PAGE_ROOM - 20, timeout=2000)
    assert window.list_panel.width() < list_before
    assert window.list_panel.width() >= window.list_panel.minimumWidth()
