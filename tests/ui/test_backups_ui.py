"""File ▸ Backups and the automatic backups, driven through the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from imgjournal import backups, paths
from imgjournal.services import entries

LEFT = Qt.MouseButton.LeftButton


def _titles(journal) -> set[str]:
    return {e.title for e in entries.list_entries(journal)}


def _wait_backup(qtbot, window, start):
    with qtbot.waitSignal(window.backups.finished, timeout=10_000):
        start()


def test_the_app_backs_up_a_changed_journal_on_open_and_not_an_unchanged_one(
    qtbot, journal, sample, window
):
    assert window.backup_label.text() == "No backup yet"
    _wait_backup(qtbot, window, window.backups.start)
    made = backups.list_backups(journal.home)
    assert [b.reason for b in made] == ["open"] and made[0].entries == len(_titles(journal))
    assert window.backup_label.text().startswith("Backed up today ")
    window.backups.stop()
    _wait_backup(qtbot, window, lambda: window.backups.run("open"))  # nothing changed since
    _wait_backup(qtbot, window, lambda: window.backups.run("interval"))  # nor due
    assert len(backups.list_backups(journal.home)) == 1


def test_back_up_now_and_restore_from_the_dialog(qtbot, journal, sample, window):
    window.show_entry(sample["case"].id)
    dialog = window.backup_commands.open_backups()
    assert dialog.table.rowCount() == 0 and "No backups yet" in dialog.status.text()
    with qtbot.waitSignal(window.backups.finished, timeout=10_000):
        qtbot.mouseClick(dialog.back_up_now, LEFT)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 1).text() == "Back Up Now"
    assert dialog.table.item(0, 2).text() == str(len(_titles(journal)))
    assert dialog.table.item(0, 4).text() == "ok"
    before = _titles(journal)

    # write more after the backup, through the real editor
    body = window.editor.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Typed after the backup.")
    window.new_entry("reflection")
    qtbot.keyClicks(window.editor.title, " made after the backup")
    window.save_now()
    assert len(_titles(journal)) == len(before) + 1

    dialog.table.selectRow(0)
    assert dialog.restore.isEnabled()
    with qtbot.waitSignal(dialog.restored, timeout=10_000):
        qtbot.mouseClick(dialog.restore, LEFT)
    assert _titles(journal) == before
    case = entries.get_entry(journal, sample["case"].id)
    assert "Typed after the backup." not in case.body
    assert window.editor.entry_id is None  # the editor no longer shows the old text
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == len(before))
    replaced = [p for p in journal.home.glob("journal.sqlite3.replaced-*") if "-wal" not in p.name]
    assert len(replaced) == 1
    # the text typed after the backup is not lost: it is in the before-restore backup
    reasons = [b.reason for b in backups.list_backups(journal.home)]
    assert "before-restore" in reasons
    saved = next(b for b in backups.list_backups(journal.home) if b.reason == "before-restore")
    assert saved.entries == len(before) + 1
    assert dialog.table.rowCount() == 2
    assert "Restored the backup from today " in dialog.status.text()


def test_a_backup_that_cannot_be_written_shows_in_the_status_bar(qtbot, journal, sample, window):
    paths.backup_dir(journal.home).write_text("a file where the folder should be")
    _wait_backup(qtbot, window, lambda: window.backups.run("manual"))
    assert window.backup_label.text() == "Backup failed"
    assert "Could not write a backup in" in window.backup_label.toolTip()
    assert "Could not write a backup in" in window.statusBar().currentMessage()


def test_restore_with_the_real_task_runner_while_typing_was_pending(
    qtbot, journal, sample, make_window
):
    from imgjournal.ui.taskrunner import TaskRunner

    window = make_window(journal, TaskRunner())
    _wait_backup(qtbot, window, lambda: window.backups.run("manual"))
    before = _titles(journal)
    window.show_entry(sample["case"].id)
    qtbot.waitUntil(lambda: window.editor.entry_id == sample["case"].id)
    body = window.editor.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " typed just before the restore")  # not saved yet: the restore saves it
    dialog = window.backup_commands.open_backups()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=15_000):
        dialog.restore_selected()
    assert _titles(journal) == before
    kept = next(b for b in backups.list_backups(journal.home) if b.reason == "before-restore")
    from imgjournal.sqlite import dbapi as sqlite3

    con = sqlite3.connect(f"file:{kept.path}?mode=ro", uri=True)
    body_then = con.execute("SELECT body FROM entries WHERE id = ?", (sample["case"].id,))
    assert body_then.fetchone()[0].endswith("typed just before the restore")
    con.close()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == len(before))
