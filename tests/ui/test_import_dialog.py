"""File ▸ Import…: the preview, the CSV mapping table, bad rows, the progress bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from imgjournal.services import entries

FILES = Path(__file__).parents[1] / "core" / "importer_files"


def _open(window):
    window.actions.import_file.trigger()
    dialog = window.import_dialog
    assert dialog.isVisible()
    return dialog


def _titles(journal) -> list[str]:
    return [e.title for e in entries.list_entries(journal, newest_first=False)]


def test_the_file_menu_imports_a_jrnl_journal_after_a_preview(qtbot, journal, window):
    menu = window.menuBar().findChild(type(window.menuBar().actions()[0].menu()), "fileMenu")
    assert window.actions.import_file in menu.actions()
    dialog = _open(window)
    dialog.set_format("jrnl")
    assert not dialog.mapping.isVisible()
    with qtbot.waitSignal(dialog.previewed):
        dialog.set_file(FILES / "jrnl-journal.txt")
    text = dialog.preview_text.toPlainText()
    assert text.startswith("4 entries will be imported, 0 skipped.")
    assert _titles(journal) == []  # a preview writes nothing
    assert dialog.import_button.isEnabled()
    steps: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(lambda v: steps.append((v, dialog.progress.maximum())))
    with qtbot.waitSignal(dialog.imported) as got:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert got.args == [4]
    assert (4, 4) in steps  # the bar followed the 4 entries (checked, then privacy-counted)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.preview_text.toPlainText().startswith("4 entries imported, 0 skipped.")
    assert "Privacy check:" in dialog.preview_text.toPlainText()
    assert len(_titles(journal)) == 4
    qtbot.waitUntil(lambda: window.overview is not None and window.overview.counts.all == 4)
    # Once more: every entry is a duplicate now.
    with qtbot.waitSignal(dialog.previewed):
        dialog.preview()
    assert dialog.preview_text.toPlainText().startswith("0 entries will be imported, 4 skipped:")
    assert not dialog.import_button.isEnabled()


def test_a_csv_file_is_mapped_in_the_table(qtbot, journal, window):
    dialog = _open(window)
    dialog.set_format("csv")
    with qtbot.waitSignal(dialog.previewed, raising=False):
        dialog.set_file(FILES / "mapped.csv")
    assert dialog.mapping.isVisible()
    columns = [dialog.mapping.item(i, 0).text() for i in range(dialog.mapping.rowCount())]
    assert columns == ["When", "Where", "Pt age", "Dx", "What I did", "Comments", "Room"]
    assert dialog.mapping.item(3, 2).text() == "Pneumonia · Asthma"  # the first rows' values
    assert dialog.mapping.cellWidget(3, 1).currentData() == "diagnosis"  # recognised
    assert "no date column" in dialog.preview_text.toPlainText()
    assert not dialog.import_button.isEnabled()
    for column, field in (("When", "date"), ("Where", "setting"), ("Pt age", "age")):
        dialog.set_field(column, field)
    with qtbot.waitSignal(dialog.previewed):
        dialog.set_field("What I did", "role")
    text = dialog.preview_text.toPlainText()
    assert text.startswith("2 entries will be imported, 0 skipped.")
    assert "Columns not imported: Room" in text
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    cases = {e.title: e for e in entries.list_entries(journal)}
    assert cases["Pneumonia"].case.setting == "inpatient"
    assert cases["Pneumonia"].case.role == "assisted"


def test_bad_rows_keep_import_off_until_skipping_them_is_accepted(qtbot, journal, window):
    dialog = _open(window)
    dialog.set_format("csv")
    with qtbot.waitSignal(dialog.previewed):
        dialog.set_file(FILES / "bad-rows.csv")
    text = dialog.preview_text.toPlainText()
    assert text.startswith("1 entry will be imported if the 4 bad rows are skipped, 4 skipped:")
    assert "skipped line 3: the date '2026-13-40' is not a date" in text
    assert not dialog.import_button.isEnabled()
    dialog.skip_bad.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert _titles(journal) == ["Cough"]


def test_a_bad_file_says_one_sentence_and_imports_nothing(qtbot, journal, window, tmp_path):
    bad = tmp_path / "Export.json"
    bad.write_text("{not json")
    dialog = _open(window)
    dialog.set_format("dayone")
    dialog.set_file(bad)
    qtbot.waitUntil(lambda: "is not valid JSON" in dialog.preview_text.toPlainText())
    assert not dialog.import_button.isEnabled()
    assert _titles(journal) == []


def test_file_export_markdown_folder(qtbot, journal, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from imgjournal.importers.markdown_export import MARKER

    entries.create_entry(journal, "reflection", "Night float", body="Handoffs, read back.")
    entries.create_entry(journal, "reflection", "Call", body="Ring them on (415) 555-0134.")
    vault = tmp_path / "vault"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(vault))
    asked = []
    window.ask_privacy = lambda parent, found, what: asked.append((len(found), what)) or "cancel"
    window.actions.export_markdown.trigger()
    assert asked == [(1, "The Markdown export")]
    assert not vault.exists()  # cancelled at the gate
    window.ask_privacy = lambda *a: "go"
    window.actions.export_markdown.trigger()
    qtbot.waitUntil(lambda: (vault / MARKER).exists())
    assert sorted(p.name for p in vault.glob("*.md"))[0].endswith("Call.md")
    assert len(list(vault.glob("*.md"))) == 2


def test_with_the_real_worker_thread(qtbot, journal, make_window):
    from imgjournal.ui.taskrunner import TaskRunner

    window = make_window(journal, TaskRunner())
    dialog = _open(window)
    dialog.set_format("csv")
    with qtbot.waitSignal(dialog.previewed, timeout=10_000):
        dialog.set_file(FILES / "cases.csv")
    assert dialog.mapping.rowCount() == 10
    assert dialog.preview_text.toPlainText().startswith("4 entries will be imported, 0 skipped.")
    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert 4 in steps
    assert len(_titles(journal)) == 4
