"""The first-run screen: shown once, before the window, when imgjournal starts on the default
journal folder (no --home, no IMGJOURNAL_HOME) and that folder holds no journal yet.

It says where the journal will live (Change… picks another folder and remembers it), offers to
encrypt the new journal with a passphrase, to try the sample journal (in its own window, apart
from this journal) and to import notes (a folder of Markdown files or a JSON export) into the
new journal once the window is open. Start skips all of it; once a journal exists it is never
shown again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imgjournal.errors import JournalError
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.passphrase_dialog import (
    BusyCursor,
    NewPassphraseFields,
    keychain_checkbox,
    remember_choice,
)
from imgjournal.ui.settings import AppSettings

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

MARKDOWN, JSON = "markdown", "json"


@dataclass
class FirstRun:
    home: Path
    encrypted: bool = False
    import_kind: str | None = None  # MARKDOWN or JSON
    import_path: Path | None = None
    profile: dict | None = None  # the application profile, when answered (issue 18)


class FirstRunDialog(QDialog):
    def __init__(self, home: Path, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Welcome to imgjournal")
        self._settings = settings
        self.home = home
        self._initial = home
        self.import_kind: str | None = None
        self.import_path: Path | None = None
        self.result_start: FirstRun | None = None
        title = QLabel("<b>Welcome to imgjournal</b>")
        title.setObjectName("firstRunTitle")
        where_intro = QLabel("Your journal will live in this folder, on this computer only:")
        where_intro.setWordWrap(True)
        self.where = QLabel(str(home))
        self.where.setObjectName("firstRunFolder")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        change = QPushButton("Change…")
        change.setObjectName("firstRunChange")
        change.clicked.connect(self._change)
        where_row = QHBoxLayout()
        where_row.addWidget(self.where, 1)
        where_row.addWidget(change)
        self.encrypt = QCheckBox("Encrypt this journal with a passphrase")
        self.encrypt.setObjectName("firstRunEncrypt")
        self.fields = NewPassphraseFields(self, prefix="firstRun")
        self.fields.hide()
        self.remember = keychain_checkbox(settings, "firstRunRemember")
        self.remember.hide()
        self.encrypt.toggled.connect(self._toggle_encrypt)
        self.error = ErrorLabel("firstRunError")
        sample = QPushButton("Try the sample journal")
        sample.setObjectName("firstRunSample")
        sample.setToolTip("Opens a made-up journal in its own window; your journal is not touched")
        sample.clicked.connect(self._sample)
        self.sample_note = QLabel("")
        self.sample_note.setObjectName("firstRunSampleNote")
        self.sample_note.setWordWrap(True)
        self.sample_note.hide()
        imp_md = QPushButton("Import Markdown folder…")
        imp_md.setObjectName("firstRunImportMarkdown")
        imp_md.clicked.connect(lambda: self._choose_import(MARKDOWN))
        imp_json = QPushButton("Import JSON file…")
        imp_json.setObjectName("firstRunImportJson")
        imp_json.clicked.connect(lambda: self._choose_import(JSON))
        self.import_note = QLabel("")
        self.import_note.setObjectName("firstRunImportNote")
        self.import_note.setWordWrap(True)
        self.import_note.hide()
        from imgjournal.ui.readiness_profile import ProfileFields

        self.profile_intro = QLabel(
            "<b>What are you applying for?</b> (optional; Settings changes it later) Readiness "
            "measures your US experience and letters against it."
        )
        self.profile_intro.setWordWrap(True)
        self.profile = ProfileFields(compact=True)
        more = QHBoxLayout()
        more.addWidget(sample)
        more.addWidget(imp_md)
        more.addWidget(imp_json)
        more.addStretch(1)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("firstRunStart")
        self.start_button.setDefault(True)
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("firstRunQuit")
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(where_intro)
        lay.addLayout(where_row)
        lay.addSpacing(8)
        lay.addWidget(self.encrypt)
        lay.addWidget(self.fields)
        lay.addWidget(self.remember)
        lay.addSpacing(8)
        lay.addWidget(self.profile_intro)
        lay.addWidget(self.profile)
        lay.addSpacing(8)
        lay.addLayout(more)
        lay.addWidget(self.sample_note)
        lay.addWidget(self.import_note)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    def _toggle_encrypt(self, on: bool) -> None:
        self.fields.setVisible(on)
        self.remember.setVisible(on)
        self.error.clear()
        self.adjustSize()

    def choose_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, "Where the journal lives", str(self.home))
        return Path(chosen) if chosen else None

    def _change(self) -> None:
        chosen = self.choose_folder()
        if chosen is None:
            return
        self.set_folder(chosen)

    def set_folder(self, folder: Path) -> None:
        from imgjournal.services.journals import holds_journal

        self.home = folder
        self.where.setText(str(folder))
        exists = holds_journal(folder)
        self.encrypt.setEnabled(not exists)
        if exists:
            self.encrypt.setChecked(False)
            self.where.setText(f"{folder} (holds a journal already: it is opened as it is)")

    def _sample(self) -> None:
        from imgjournal.ui import sample

        if sample.open_sample_journal():
            self.sample_note.setText(
                "The sample journal opens in its own window; nothing you do there touches "
                "your journal. Come back here to start yours."
            )
        else:
            self.sample_note.setText("The sample journal opens with the command: imgjournal demo")
        self.sample_note.show()

    def choose_import_path(self, kind: str) -> Path | None:
        if kind == MARKDOWN:
            chosen = QFileDialog.getExistingDirectory(self, "A folder of Markdown notes")
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "An imgjournal JSON export", "", "JSON (*.json)"
            )
        return Path(chosen) if chosen else None

    def _choose_import(self, kind: str) -> None:
        path = self.choose_import_path(kind)
        if path is None:
            return
        self.set_import(kind, path)

    def set_import(self, kind: str, path: Path) -> None:
        self.import_kind, self.import_path = kind, path
        what = "the Markdown notes in" if kind == MARKDOWN else "the JSON file"
        self.import_note.setText(f"After Start, imgjournal imports {what} {path}.")
        self.import_note.show()

    def _start(self) -> None:
        from imgjournal import encryption
        from imgjournal.services.journals import holds_journal

        start = FirstRun(
            self.home,
            import_kind=self.import_kind,
            import_path=self.import_path,
            profile=self.profile.values() if self.profile.answered() else None,
        )
        if self.encrypt.isChecked() and not holds_journal(self.home):
            problem = self.fields.problem()
            if problem:
                self.error.setText(problem)
                return
            passphrase, hint = self.fields.value()
            self.start_button.setEnabled(False)
            try:
                with BusyCursor():
                    encryption.encrypt_journal(self.home, passphrase, hint)
            except (JournalError, OSError) as exc:
                from imgjournal.ui.errors import describe

                self.error.setText(describe(exc, self.home, saving=False))
                return
            finally:
                self.start_button.setEnabled(True)
            start.encrypted = True
            if self.remember.isEnabled():
                remember_choice(self.home, self._settings, self.remember.isChecked(), passphrase)
        if self.home != self._initial:  # the next start opens the folder chosen here
            self._settings.journal_location = self.home
            self._settings.sync()
        self.result_start = start
        self.accept()


def ask_first_run(home: Path, settings: AppSettings) -> FirstRun | None:
    """Show the first-run screen; what to start with, or None when the user quit."""
    dialog = FirstRunDialog(home, settings)
    dialog.exec()
    start = dialog.result_start
    dialog.deleteLater()
    return start


def import_into(window: MainWindow, start: FirstRun) -> None:
    """Import what the first-run screen chose into the new journal, now open in ``window``,
    and keep the application profile it asked for."""
    from imgjournal.ui.errors import describe

    if start.profile is not None and hasattr(window, "readiness"):
        window.readiness.save_profile(start.profile)
    path = start.import_path
    if path is None:
        return
    try:
        with BusyCursor():
            if start.import_kind == MARKDOWN:
                from imgjournal.export.markdown_import import import_markdown

                report = import_markdown(window.journal, path)
                text = f"Imported {report.imported} notes as reflections"
                text += f"; skipped {len(report.skipped)}." if report.skipped else "."
            else:
                from imgjournal.export.json_io import import_journal

                text = str(import_journal(window.journal, path))
    except (JournalError, OSError, ValueError) as exc:
        log.warning("the first-run import failed: %s", exc)
        QMessageBox.warning(window, "Import", describe(exc, window.journal.home, saving=False))
        return
    window.refresh()
    window.list_panel.reload()
    window.statusBar().showMessage(text, 15000)
