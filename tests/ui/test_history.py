"""Entry History in the window: revisions made by typing, the diff, Restore, leaving an entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

from imgjournal.services import entries, history
from imgjournal.ui.history_dialog import EMPTY, diff_styles
from imgjournal.ui.theme import dark_palette

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch):
    """The services' clock, for saves and revisions made through the window."""
    c = Clock()
    monkeypatch.setattr(entries, "utcnow", c)
    monkeypatch.setattr(history, "utcnow", c)
    return c


def type_and_save(qtbot, window, text: str) -> None:
    body = window.editor.body
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, text)
    window.autosave.flush()
    qtbot.waitUntil(lambda: not window.autosave.dirty)


def open_history(qtbot, window):
    window.actions.history.trigger()
    dialog = window.history_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def click_rev(qtbot, dialog, rev: int) -> None:
    for i in range(dialog.list.topLevelItemCount()):
        item = dialog.list.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole + 40) == rev:
            rect = dialog.list.visualItemRect(item)
            qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert dialog.selected_rev() == rev
            return
    raise AssertionError(f"revision {rev} is not listed")


def marked(dialog) -> dict[str, list[str]]:
    """The diff view's text by how it is marked: inserted (a background, no strike-out),
    deleted (struck out), plain."""
    out: dict[str, list[str]] = {"insert": [], "delete": [], "equal": []}
    block = dialog.diff.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            if fmt.fontStrikeOut():
                out["delete"].append(frag.text())
            elif fmt.background().style() != Qt.BrushStyle.NoBrush:
                out["insert"].append(frag.text())
            else:
                out["equal"].append(frag.text())
            it += 1
        block = block.next()
    return out


def test_restore_a_revision_through_the_editor(qtbot, journal, sample, window, clock):
    entry = sample["reflection"]  # body "Tired."
    window.show_entry(entry.id)
    assert window.editor.body.toPlainText() == "Tired."
    type_and_save(qtbot, window, " Slept well.")  # keeps "Tired." (the text before editing)
    clock.advance(4)
    type_and_save(qtbot, window, " Coffee.")  # 4 minutes on: nothing new
    clock.advance(7)
    type_and_save(qtbot, window, " Rounds.")  # 11 minutes: keeps "Tired. Slept well. Coffee."
    now_text = "Tired. Slept well. Coffee. Rounds."
    assert entries.get_entry(journal, entry.id).body == now_text
    assert [r.rev for r in history.list_revisions(journal, entry.id)] == [2, 1]

    dialog = open_history(qtbot, window)
    assert dialog.list.topLevelItemCount() == 2
    newest = dialog.list.topLevelItem(0)
    # Revision 2 is the text saved 4 minutes in: "Tired. Slept well. Coffee."
    assert [newest.text(c) for c in (1, 2, 3)] == ["4", "26", "while editing"]
    saved = (T0 + timedelta(minutes=4)).astimezone()
    assert newest.text(0) == f"{saved.day} {saved:%b %Y, %H:%M}"
    click_rev(qtbot, dialog, 1)
    qtbot.waitUntil(lambda: "Slept" in dialog.diff.toPlainText())
    parts = marked(dialog)
    assert "".join(parts["insert"]) == " Slept well. Coffee. Rounds."
    assert parts["delete"] == []
    assert "Tired." in "".join(parts["equal"])

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.history_dialog is None
    # The editor shows the restored text, the database holds it, and the list row too.
    assert window.editor.body.toPlainText() == "Tired."
    assert entries.get_entry(journal, entry.id).body == "Tired."
    assert "Restored the version saved" in window.statusBar().currentMessage()
    # The text from before the restore is itself a revision: the restore can be undone.
    revs = history.list_revisions(journal, entry.id)
    assert [(r.rev, r.reason) for r in revs] == [(3, "restore"), (2, "edit"), (1, "edit")]
    assert history.get_revision(journal, entry.id, 3).body == now_text

    dialog = open_history(qtbot, window)
    assert dialog.list.topLevelItem(0).text(3) == "before a restore"
    click_rev(qtbot, dialog, 3)
    qtbot.waitUntil(lambda: "Rounds" in dialog.diff.toPlainText())
    assert "".join(marked(dialog)["delete"]) == " Slept well. Coffee. Rounds."
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.editor.body.toPlainText() == now_text
    assert entries.get_entry(journal, entry.id).body == now_text

    # Typing goes on from the restored text.
    type_and_save(qtbot, window, " Done.")
    assert entries.get_entry(journal, entry.id).body == now_text + " Done."


def test_title_changes_show_in_the_diff_and_come_back(qtbot, journal, sample, window, clock):
    entry = sample["case"]
    window.show_entry(entry.id)
    window.editor.title.selectAll()
    qtbot.keyClicks(window.editor.title, "Chest pain, troponin rising")
    assert window.autosave.dirty  # not saved yet: opening History saves it first
    dialog = open_history(qtbot, window)
    click_rev(qtbot, dialog, 1)
    qtbot.waitUntil(lambda: "troponin rising" in dialog.diff.toPlainText())
    assert "ED" in "".join(marked(dialog)["delete"])
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.editor.title.text() == "Chest pain in the ED"
    row = window.list_panel.model.row_data(window.list_panel.model.row_of(entry.id))
    assert row.title == "Chest pain in the ED"


def test_leaving_an_entry_and_closing_keep_its_text(qtbot, journal, sample, make_window, clock):
    window = make_window(journal)
    a, b = sample["reflection"], sample["feedback"]
    window.show_entry(a.id)
    type_and_save(qtbot, window, " Then coffee.")
    assert [r.reason for r in history.list_revisions(journal, a.id)] == ["edit"]
    window.show_entry(b.id)
    qtbot.waitUntil(lambda: window.editor.entry_id == b.id)
    left = history.list_revisions(journal, a.id)
    assert [(r.rev, r.reason) for r in left] == [(2, "left"), (1, "edit")]
    assert history.get_revision(journal, a.id, 2).body == "Tired. Then coffee."
    # Going back and away again without typing keeps nothing new, and an entry only looked
    # at gets no revision (moving through the list writes nothing).
    window.show_entry(a.id)
    window.show_entry(b.id)
    window.show_entry(sample["case"].id)
    window.show_entry(b.id)
    assert len(history.list_revisions(journal, a.id)) == 2
    assert history.list_revisions(journal, b.id) == []
    assert history.list_revisions(journal, sample["case"].id) == []
    # Typing in B, then closing the window: what B has when it closes is a revision.
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor.body, " Thanks!")
    window.close()
    kept = history.list_revisions(journal, b.id)
    assert [(r.rev, r.reason) for r in kept] == [(2, "left"), (1, "edit")]
    assert history.get_revision(journal, b.id, 2).body == "Clear and concise. Thanks!"


def test_empty_history_trash_and_errors(qtbot, journal, sample, window, clock):
    entry = sample["feedback"]
    window.show_entry(entry.id)
    dialog = open_history(qtbot, window)
    assert dialog.list.topLevelItemCount() == 0
    assert dialog.diff.toPlainText() == EMPTY
    assert not dialog.restore_button.isEnabled()
    dialog.reject()

    type_and_save(qtbot, window, " More.")
    dialog = open_history(qtbot, window)
    click_rev(qtbot, dialog, 1)
    entries.trash_entry(journal, entry.id)  # meanwhile, elsewhere
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == (
        f"Entry {entry.id} is in the trash; restore it from the trash first."
    )
    assert entries.get_entry(journal, entry.id).body == "Clear and concise. More."
    dialog.reject()

    window.record_commands.trash_current()  # the window catches up with the trash
    window.go("trash")
    window.list_panel.select_id(entry.id)
    qtbot.waitUntil(lambda: window.editor.entry is not None and window.editor.entry.in_trash)
    assert not window.actions.history.isEnabled()
    window.record_commands.open_history()
    assert window.history_dialog is None
    assert "not in the trash" in window.statusBar().currentMessage()


def test_history_waits_while_saving_fails(qtbot, journal, sample, window, monkeypatch):
    from sqlalchemy.exc import OperationalError

    window.show_entry(sample["reflection"].id)

    def broken(*args, **kwargs):
        raise OperationalError("UPDATE", {}, Exception("database or disk is full"))

    monkeypatch.setattr(entries, "update_entry", broken)
    qtbot.keyClicks(window.editor.body, "x")
    window.record_commands.open_history()
    assert window.history_dialog is None
    assert window.statusBar().currentMessage() == (
        "Entry History waits until your latest changes are saved; try again when the status "
        "bar says Saved."
    )


def test_leaving_with_the_real_runner_keeps_the_typed_text(qtbot, home, make_window):
    """The save of what was typed runs before the revision kept on leaving (one worker)."""
    from imgjournal.db import Journal
    from imgjournal.ui.taskrunner import TaskRunner

    journal = Journal.open(home)
    try:
        a = entries.create_entry(journal, "reflection", "A", body="start")
        b = entries.create_entry(journal, "reflection", "B")
        runner = TaskRunner()
        window = make_window(journal, runner)
        window.go("all")
        window.show_entry(a.id)
        qtbot.waitUntil(lambda: window.editor.entry_id == a.id)
        window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(window.editor.body, " typed")
        window.show_entry(b.id)  # leaves A mid-typing
        qtbot.waitUntil(lambda: window.editor.entry_id == b.id)
        assert runner.wait_idle(10)
        kept = history.list_revisions(journal, a.id)
        assert [r.reason for r in kept] == ["left", "edit"]
        assert history.get_revision(journal, a.id, kept[0].rev).body == "start typed"
        window.close()
        runner.shutdown()
    finally:
        journal.close()


def _luminance(color: QColor) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(color.redF()) + 0.7152 * lin(color.greenF()) + 0.0722 * lin(color.blueF())


def _contrast(css: str) -> float:
    pairs = (p.split(":", 1) for p in css.split(";") if p.strip())
    props = {k.strip(): v.strip() for k, v in pairs}
    a, b = (_luminance(QColor(props[k].strip())) for k in ("background-color", "color"))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_marked_text_is_readable_in_light_and_dark(qapp, dark):
    from PySide6.QtGui import QPalette

    palette = dark_palette() if dark else QPalette()
    if not dark:
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    ins, dele = diff_styles(palette)
    assert ("#1e4620" in ins) is dark
    assert "line-through" in dele and "line-through" not in ins
    for css in (ins, dele.replace("text-decoration:line-through;", "")):
        assert _contrast(css) >= 7  # WCAG AAA for body text
