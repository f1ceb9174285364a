"""Settings ▸ Security: whether the journal is encrypted, and encrypting it, changing its
passphrase, decrypting it, and remembering the passphrase in the system keychain.

The buttons act at once (not on the Settings dialog's OK). A conversion runs with the window's
own connections closed: what is typed is saved first, ``journal.close()``, the core function
(:mod:`imgjournal.encryption`), then ``journal.unlock`` with the key that now opens the file
and the window reloads. It takes about a second for a large journal, under a busy cursor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgjournal import cipher, encryption, keychain
from imgjournal.errors import JournalError
from imgjournal.ui.dialog_parts import ErrorLabel, ok_button, ok_cancel
from imgjournal.ui.errors import describe
from imgjournal.ui.passphrase_dialog import (
    BusyCursor,
    NewPassphraseFields,
    keychain_checkbox,
    keychain_reason,
    password_field,
)
from imgjournal.ui.settings import IDLE_LOCK_RANGE

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

ENCRYPTED = "Encrypted with SQLCipher: without the passphrase the journal and its backups "
ENCRYPTED += "cannot be read."
NOT_ENCRYPTED = "Not encrypted: anyone who can read the journal folder can read the journal."
DECRYPT_WARNING = (
    "After decrypting, anyone who can read the files in the journal folder (or a copy of "
    "it) can read the journal and its backups."
)


class EncryptDialog(QDialog):
    """A new passphrase twice and a hint; the plain copies that will be removed, to confirm."""

    def __init__(self, home: Path, plain: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptDialog")
        self.setWindowTitle("Encrypt the journal")
        intro = QLabel(
            "The journal and its verified backups are encrypted with this passphrase; a "
            "verified backup is made first. Every time imgjournal starts it asks for it."
        )
        intro.setWordWrap(True)
        self.fields = NewPassphraseFields(self, prefix="encrypt")
        self.error = ErrorLabel("encryptError")
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.fields)
        self.confirm: QCheckBox | None = None
        if plain:
            names = "\n".join(
                f"  {p.relative_to(home) if p.is_relative_to(home) else p}" for p in plain[:12]
            )
            if len(plain) > 12:
                names += f"\n  … and {len(plain) - 12} more"
            listing = QLabel(
                "These plain copies cannot be encrypted and will be removed:\n" + names
            )
            listing.setObjectName("encryptPlainCopies")
            listing.setWordWrap(True)
            lay.addWidget(listing)
            self.confirm = QCheckBox("Remove them, and encrypt")
            self.confirm.setObjectName("encryptConfirmRemove")
            lay.addWidget(self.confirm)
        lay.addWidget(self.error)
        buttons = ok_cancel(self, "Encrypt", name="encryptOk")
        self.ok = ok_button(buttons)
        lay.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        problem = self.fields.problem()
        if problem is None and self.confirm is not None and not self.confirm.isChecked():
            problem = "Tick “Remove them, and encrypt” to remove the plain copies listed."
        if problem:
            self.error.setText(problem)
            return
        super().accept()


class ChangePassphraseDialog(QDialog):
    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle("Change the passphrase")
        self.home = home
        self.old = password_field("changeOld")
        self.fields = NewPassphraseFields(self, hint=cipher.hint(home), prefix="change")
        self.error = ErrorLabel("changeError")
        form = QFormLayout()
        form.addRow("Current passphrase", self.old)
        intro = QLabel(
            "The journal stays encrypted with the same key: its backups open with the new "
            "passphrase too. An old copy of the key file (in a copy of the folder) still opens "
            "with the old one: see docs/security.md."
        )
        intro.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(QLabel("New passphrase"))
        lay.addWidget(self.fields)
        lay.addWidget(self.error)
        buttons = ok_cancel(self, "Change", name="changeOk")
        self.ok = ok_button(buttons)
        lay.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        problem = self.fields.problem()
        if problem is None and not self.old.text():
            problem = "Type the current passphrase."
        if problem:
            self.error.setText(problem)
            return
        super().accept()


class DecryptDialog(QDialog):
    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decryptDialog")
        self.setWindowTitle("Decrypt the journal")
        self.home = home
        warning = QLabel(DECRYPT_WARNING)
        warning.setObjectName("decryptWarning")
        warning.setWordWrap(True)
        self.passphrase = password_field("decryptPassphrase")
        self.error = ErrorLabel("decryptError")
        form = QFormLayout()
        form.addRow("Current passphrase", self.passphrase)
        lay = QVBoxLayout(self)
        lay.addWidget(warning)
        lay.addLayout(form)
        lay.addWidget(self.error)
        buttons = ok_cancel(self, "Decrypt", name="decryptOk")
        self.ok = ok_button(buttons)
        lay.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.error.setText("Type the current passphrase.")
            return
        self.ok.setEnabled(False)
        try:
            with BusyCursor():
                cipher.open_keyfile(cipher.read_keyfile(self.home), text)
        except JournalError as exc:  # WrongPassphrase's sentence, or a damaged key file
            self.error.setText(str(exc))
            return
        finally:
            self.ok.setEnabled(True)
        super().accept()


class SecurityPage(QGroupBox):
    """The Security section of the Settings dialog."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__("Security", parent)
        self.setObjectName("securityPage")
        self.window_ = window
        self.home = window.journal.home
        self.state = QLabel("")
        self.state.setObjectName("securityState")
        self.state.setWordWrap(True)
        self.encrypt_button = QPushButton("Encrypt…")
        self.encrypt_button.setObjectName("securityEncrypt")
        self.encrypt_button.clicked.connect(self.encrypt)
        self.change_button = QPushButton("Change passphrase…")
        self.change_button.setObjectName("securityChange")
        self.change_button.clicked.connect(self.change)
        self.decrypt_button = QPushButton("Decrypt…")
        self.decrypt_button.setObjectName("securityDecrypt")
        self.decrypt_button.clicked.connect(self.decrypt)
        self.recovery_button = QPushButton("Print Recovery Sheet…")
        self.recovery_button.setObjectName("securityRecovery")
        self.recovery_button.setToolTip("A PDF with the hint and what to do, never the passphrase")
        self.recovery_button.clicked.connect(self.print_recovery)
        self.remember = keychain_checkbox(window.settings, "securityRemember")
        self.remember.toggled.connect(self._remember_toggled)
        self.message = QLabel("")
        self.message.setObjectName("securityMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = ErrorLabel("securityError")
        row = QHBoxLayout()
        for b in (
            self.encrypt_button,
            self.change_button,
            self.decrypt_button,
            self.recovery_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.state)
        lay.addLayout(row)
        lay.addWidget(self.remember)
        reason = keychain_reason()
        if reason is not None:
            lay.addWidget(reason)
        self.reason = reason
        lay.addLayout(self._idle_row())
        lay.addWidget(self.message)
        lay.addWidget(self.error)
        self.update_state()

    def _idle_row(self) -> QHBoxLayout:
        """Lock after N idle minutes (0: never); applied at once."""
        lo, hi = IDLE_LOCK_RANGE
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("securityIdleMinutes")
        self.idle_minutes.setRange(lo, hi)
        self.idle_minutes.setSpecialValueText("Never")
        self.idle_minutes.setSuffix(" min")
        self.idle_minutes.setAccessibleName("Lock after idle minutes")
        self.idle_minutes.setValue(self.window_.settings.idle_lock_minutes(self.encrypted()))
        self.idle_minutes.valueChanged.connect(self._idle_changed)
        label = QLabel("Lock the window after")
        label.setBuddy(self.idle_minutes)
        tip = QLabel("idle (Ctrl+Shift+L locks at once)")
        tip.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.idle_minutes)
        row.addWidget(tip)
        row.addStretch(1)
        return row

    def _idle_changed(self, minutes: int) -> None:
        settings = self.window_.settings
        settings.set_idle_lock_minutes(minutes)
        settings.sync()
        self.window_.screen_lock.apply_settings()

    # -- state ---------------------------------------------------------------------------
    def encrypted(self) -> bool:
        return cipher.is_encrypted(self.home)

    def update_state(self) -> None:
        enc = self.encrypted()
        writable = not self.window_.journal.read_only
        self.state.setText(ENCRYPTED if enc else NOT_ENCRYPTED)
        self.encrypt_button.setVisible(not enc)
        self.encrypt_button.setEnabled(writable)
        self.change_button.setVisible(enc)
        self.change_button.setEnabled(writable)
        self.decrypt_button.setVisible(enc)
        self.decrypt_button.setEnabled(writable)
        self.recovery_button.setVisible(enc)
        self.remember.setVisible(enc)
        if self.reason is not None:
            self.reason.setVisible(enc)

    def _say(self, text: str) -> None:
        self.error.clear()
        self.message.setText(text)
        self.message.show()
        self.window_.statusBar().showMessage(text, 10000)

    def _remember_toggled(self, on: bool) -> None:
        settings = self.window_.settings
        settings.remember_passphrase = on
        if not on:
            keychain.delete(self.home)
        settings.sync()

    def _keep(self, passphrase: str) -> None:
        if self.window_.settings.remember_passphrase:
            keychain.store(self.home, passphrase)

    # -- the dialogs (tests answer them through their widgets) ----------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return ok

    def encrypt(self) -> None:
        plain = encryption.plain_copies(self.home)
        dialog = EncryptDialog(self.home, plain, self)
        if not self.run_dialog(dialog):
            return
        passphrase, hint = dialog.fields.value()
        result = self.convert(lambda: encryption.encrypt_journal(self.home, passphrase, hint))
        if result is None:
            return
        self._keep(passphrase)
        text = "The journal is encrypted"
        if result.converted_backups:
            n = result.converted_backups
            text += f", and its {n} backup{'s' if n != 1 else ''}"
        if result.removed:
            n = len(result.removed)
            text += f"; {n} plain cop{'ies' if n != 1 else 'y'} removed"
        self._say(text + ".")

    def change(self) -> None:
        dialog = ChangePassphraseDialog(self.home, self)
        if not self.run_dialog(dialog):
            return
        old = dialog.old.text()
        new, hint = dialog.fields.value()
        try:
            with BusyCursor():
                encryption.change_passphrase(self.home, old, new, hint)
        except (JournalError, OSError) as exc:
            self.error.setText(describe(exc, self.home, saving=False))
            return
        self._keep(new)
        self._say("The passphrase is changed; the old one no longer opens the journal.")

    def decrypt(self) -> None:
        if not self.run_dialog(DecryptDialog(self.home, self)):
            return
        if self.convert(lambda: encryption.decrypt_journal(self.home)) is None:
            return
        keychain.delete(self.home)
        self._say("The journal is decrypted; it opens without a passphrase.")

    # -- the recovery sheet ------------------------------------------------------------------
    def choose_recovery_path(self) -> Path | None:
        """Where to save the sheet (tests replace this)."""
        from datetime import date

        from PySide6.QtWidgets import QFileDialog

        start = Path.home() / f"imgjournal-recovery-{date.today().isoformat()}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the recovery sheet", str(start), "PDF (*.pdf)"
        )
        return Path(chosen) if chosen else None

    def print_recovery(self) -> None:
        from imgjournal.export.pdf.recovery import write_recovery_sheet

        dest = self.choose_recovery_path()
        if dest is None:
            return
        try:
            write_recovery_sheet(dest, self.home, cipher.read_keyfile(self.home))
        except (JournalError, OSError) as exc:
            self.error.setText(describe(exc, self.home, saving=False))
            return
        self._say(
            f"The recovery sheet is in {dest}; keep it somewhere safe, apart from this computer."
        )

    # -- the conversion, with the window's connections closed ------------------------------
    def convert(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` with the window's connections closed; its result, or None (the error is
        shown as one sentence)."""
        w = self.window_
        w.autosave.flush_and_wait()
        w.runner.wait_idle(30)
        journal = w.journal
        result = None
        try:
            with BusyCursor():
                journal.close()
                try:
                    result = fn()
                finally:
                    # The key that opens the file now: the new one, None after a decrypt,
                    # the old one when the conversion failed.
                    journal.unlock(cipher.key_for(self.home))
        except (JournalError, OSError) as exc:
            log.warning("the conversion failed: %s", exc)
            self.error.setText(describe(exc, self.home, saving=False))
            result = None
        w.refresh()
        w.list_panel.reload()
        self.update_state()
        # Until the user chooses, encrypting turns the idle lock on (10 min), decrypting off.
        w.screen_lock.apply_settings()
        self.idle_minutes.blockSignals(True)
        self.idle_minutes.setValue(w.screen_lock.minutes())
        self.idle_minutes.blockSignals(False)
        return result
