"""File ▸ Import…: a jrnl journal, a Day One export or a spreadsheet of cases, with a preview.

Choose the format and the file; the dialog reads it on the task runner and shows what an
import would do (how many entries, what is skipped and why, what is dropped) before anything
is written. For a CSV file a table maps each column to a field, with its first values beside
it; bad rows are listed, and Import stays off until "Skip the bad rows" is ticked. Import runs
on the task runner with a progress bar (checking, then the privacy count), and the summary
replaces the preview. The core is :mod:`imgjournal.importers` (the same as the CLI's).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.ui import errors as ui_errors

if TYPE_CHECKING:
    from imgjournal.db import Journal
    from imgjournal.ui.main_window import MainWindow

FORMATS = (
    ("jrnl", "jrnl journal (JSON export or text file)", "jrnl (*.json *.txt);;All files (*)"),
    ("dayone", "Day One export (.zip or .json)", "Day One (*.zip *.json);;All files (*)"),
    ("csv", "Spreadsheet of cases (.csv)", "CSV (*.csv *.txt);;All files (*)"),
)
SAMPLE_ROWS = 3  # values shown beside each CSV column
NOT_IMPORTED = "(not imported)"


def _key(header: str) -> str:
    """A header as the importer compares them: lower case, letters and digits only."""
    return "".join(ch for ch in header.lower() if ch.isalnum())


class _Progress(QObject):
    """Carries progress from the worker thread to the bar (a queued signal)."""

    moved = Signal(int, int)


class ImportDialog(QDialog):
    previewed = Signal(str)  # the preview text, once shown
    imported = Signal(int)  # entries imported

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import")
        self._window = window
        self._prepared: Any = None
        self._progress = _Progress(self)

        self.format = QComboBox()
        self.format.setObjectName("importFormat")
        for key, label, _filter in FORMATS:
            self.format.addItem(label, key)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText("The file to import")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)

        self.mapping = QTableWidget(0, 3)
        self.mapping.setObjectName("importMapping")
        self.mapping.setHorizontalHeaderLabels(["Column", "Field", "First rows"])
        self.mapping.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping_label = QLabel("Map each column of the spreadsheet to a field:")
        self.skip_bad = QCheckBox("Skip the bad rows and import the others")
        self.skip_bad.setObjectName("importSkipBad")
        self.skip_bad.toggled.connect(self._update_buttons)

        self.preview_text = QPlainTextEdit()
        self.preview_text.setObjectName("importPreview")
        self.preview_text.setReadOnly(True)
        self.preview_text.setPlaceholderText("Choose a file to see what an import would do.")
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setValue(0)
        self._progress.moved.connect(self._moved)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = self.buttons.addButton(
            "Preview", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.setObjectName("importPreviewButton")
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importRun")
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.import_button.clicked.connect(self.run_import)

        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("File:", self._wrap(file_row))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.mapping)
        layout.addWidget(self.skip_bad)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.path.editingFinished.connect(self._file_changed)
        self.resize(720, 560)
        self._format_changed()

    @staticmethod
    def _wrap(layout: QHBoxLayout) -> QWidget:
        w = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        w.setLayout(layout)
        return w

    # -- choosing ------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.format.currentData())

    def set_format(self, kind: str) -> None:
        self.format.setCurrentIndex(self.format.findData(kind))

    def choose_file(self) -> None:
        _key, _label, filters = FORMATS[self.format.currentIndex()]
        chosen, _ = QFileDialog.getOpenFileName(self, "Import", str(Path.home()), filters)
        if chosen:
            self.set_file(chosen)

    def set_file(self, path: str | Path) -> None:
        self.path.setText(str(path))
        self._file_changed()

    def _format_changed(self) -> None:
        csv = self.kind == "csv"
        for w in (self.mapping_label, self.mapping, self.skip_bad):
            w.setVisible(csv)
        self._file_changed()

    def _file_changed(self) -> None:
        """A new file or format: (a CSV file's columns first, read off the UI thread, then)
        the preview."""
        self._prepared = None
        self._update_buttons()
        self.mapping.setRowCount(0)
        if not self.path.text().strip():
            return
        if self.kind != "csv":
            self.preview()
            return
        from imgjournal.importers.csv_cases import read_rows

        path = Path(self.path.text().strip())
        self._window.runner.submit(partial(read_rows, path), self._show_columns, self._failed)

    def _show_columns(self, read: tuple[list[str], list[tuple[int, list[str]]]]) -> None:
        """Fill the mapping table from the CSV file's header and first rows, then preview."""
        from imgjournal.importers.csv_fields import FIELDS, HEADERS

        header, rows = read
        self.mapping.setRowCount(len(header))
        for i, name in enumerate(header):
            self.mapping.setItem(i, 0, QTableWidgetItem(name))
            combo = QComboBox()
            combo.setObjectName(f"importField{i}")
            combo.addItem(NOT_IMPORTED, "ignore")
            for field, what in FIELDS.items():
                if field != "ignore":
                    combo.addItem(f"{field} — {what}", field)
            known = HEADERS.get(_key(name))
            if known:
                combo.setCurrentIndex(combo.findData(known))
            combo.currentIndexChanged.connect(self.preview)
            self.mapping.setCellWidget(i, 1, combo)
            values = [r[i].strip() for _line, r in rows[:SAMPLE_ROWS] if i < len(r)]
            self.mapping.setItem(i, 2, QTableWidgetItem(" · ".join(v for v in values if v)))
        self.mapping.resizeColumnToContents(0)
        self.preview()

    def column_map(self) -> dict[str, str]:
        """{column: field} as chosen in the table (every column named, so the choice wins)."""
        out = {}
        for i in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(i, 1)
            out[_key(self.mapping.item(i, 0).text())] = combo.currentData()
        return out

    def set_field(self, column: str, field: str) -> None:
        for i in range(self.mapping.rowCount()):
            if self.mapping.item(i, 0).text() == column:
                combo = self.mapping.cellWidget(i, 1)
                combo.setCurrentIndex(combo.findData(field))
                return
        raise KeyError(column)

    # -- preview -------------------------------------------------------------------------
    def _read(self) -> Any:
        from imgjournal.importers.files import read_file

        kind, path = self.kind, Path(self.path.text().strip())
        mapping = self.column_map() if kind == "csv" else None
        return lambda: read_file(kind, path, mapping=mapping)

    def preview(self) -> None:
        if not self.path.text().strip():
            return
        read = self._read()
        self._prepared = None
        self._update_buttons()
        self._window.ops.run(_dry_run, read, on_done=self._show_preview, on_error=self._failed)

    def _show_preview(self, done: tuple[Any, Any]) -> None:
        prepared, result = done
        self._prepared = prepared if result.imported else None  # nothing new: nothing to do
        lines = result.lines()[:-1]  # the privacy line: the check runs on import
        bad = len(prepared.bad_rows)
        head = (
            f"{result.imported} {'entry' if result.imported == 1 else 'entries'} will be imported"
        )
        if bad:
            head += f" if the {bad} bad {'row is' if bad == 1 else 'rows are'} skipped"
        lines[0] = head + f", {len(result.skipped)} skipped" + (":" if result.skipped else ".")
        lines.append("The privacy check runs over what is imported, and its count is shown then.")
        text = "\n".join(lines)
        self.preview_text.setPlainText(text)
        self.progress.setValue(0)
        self._update_buttons()
        self.previewed.emit(text)

    def _update_buttons(self) -> None:
        p = self._prepared
        ok = p is not None and bool(p.items) and (not p.bad_rows or self.skip_bad.isChecked())
        self.import_button.setEnabled(ok)

    # -- import --------------------------------------------------------------------------
    def run_import(self) -> None:
        if self._prepared is None:
            return
        from imgjournal.importers.common import write_incoming
        from imgjournal.importers.files import bad_row_skips

        prepared = self._prepared
        self._window.autosave.flush()
        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.progress.setValue(0)
        self._window.ops.run(
            write_incoming,
            prepared.items,
            skipped=bad_row_skips(prepared),
            notes=prepared.notes,
            progress=self._progress.moved.emit,
            on_done=self._done,
            on_error=self._failed,
        )

    def _moved(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: Any) -> None:
        self._prepared = None
        self.preview_button.setEnabled(True)
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self.preview_text.setPlainText(str(result))
        self._update_buttons()
        w = self._window  # the other views hear of the import on runner.changed
        w.list_panel.reload()
        w.statusBar().showMessage(result.headline + ".", 8000)
        self.imported.emit(result.imported)

    def _failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self._prepared = None
        self._update_buttons()
        from imgjournal.errors import JournalError

        if isinstance(exc, JournalError):
            self.preview_text.setPlainText(str(exc))
        else:
            self.preview_text.setPlainText(
                ui_errors.describe(exc, self._window.journal.home, saving=False)
            )


def open_import_dialog(window: MainWindow) -> ImportDialog:
    """File ▸ Import…: the dialog, shown without blocking (returned for tests)."""
    dialog = ImportDialog(window)
    dialog.show()
    window.import_dialog = dialog
    return dialog


def export_markdown_folder(window: MainWindow, folder: Path | None = None) -> None:
    """File ▸ Export to Markdown Folder…: every entry as a note, after the privacy gate."""
    window.autosave.flush()
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(
            window, "Export as a Markdown folder (empty, or an earlier export)", str(Path.home())
        )
        if not chosen:
            return
        folder = Path(chosen)
    from imgjournal.importers.markdown_export import check_target, export_markdown
    from imgjournal.services import privacy

    def scan(journal: Journal) -> Any:
        check_target(folder)  # a folder that cannot be used is said before the gate
        return privacy.scan_journal(journal)

    def checked(found: list[Any]) -> None:
        if window.privacy_commands.privacy_gate(found, "The Markdown export"):
            window.ops.run(export_markdown, folder, on_done=done, on_error=failed)

    def done(summary: Any) -> None:
        window.statusBar().showMessage(str(summary), 8000)

    def failed(exc: BaseException) -> None:
        window._action_failed(exc)

    window.ops.run(scan, on_done=checked, on_error=failed)


def _dry_run(journal: Journal, read: Callable[[], Any]) -> tuple[Any, Any]:
    """What an import of the file would do: the file read, and the import's result, written
    to nothing (the preview)."""
    from imgjournal.importers.common import write_incoming
    from imgjournal.importers.files import bad_row_skips

    prepared = read()
    result = write_incoming(
        journal,
        prepared.items,
        skipped=bad_row_skips(prepared),
        notes=prepared.notes,
        dry_run=True,
        privacy=False,
    )
    return prepared, result
