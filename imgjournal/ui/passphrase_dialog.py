"""Asking for an encrypted journal's passphrase when the app opens it, and the fields that
choose a new passphrase (first run, Settings ▸ Security).

The passphrase is checked with scrypt (about 0.4 s) in the GUI thread, under a busy cursor
with the Open button disabled. Three wrong tries and the dialog gives up: the app quits with
exit code 1 and the journal file is not touched (it is never even opened).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imgjournal import cipher, keychain
from imgjournal.errors import JournalError
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.settings import AppSettings

log = logging.getLogger(__name__)

TRIES = 3
FORGET_WARNING = (
    "If you forget the passphrase, nobody can open this journal or its backups again — "
    "there is no reset."
)


class BusyCursor:
    """A wait cursor while a block runs (scrypt, a conversion)."""

    def __enter__(self) -> BusyCursor:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QGuiApplication.processEvents()
        return self

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def password_field(name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def keychain_checkbox(settings: AppSettings | None, name: str) -> QCheckBox:
    """ "Remember in the keychain": ticked when the setting is on, disabled with the reason when
    no real keychain is there."""
    box = QCheckBox("Remember the passphrase in the system keychain")
    box.setObjectName(name)
    ok, reason = keychain.availability()
    if ok:
        box.setChecked(bool(settings and settings.remember_passphrase))
        box.setToolTip(
            "The keychain opens this journal without asking; anyone who can use your "
            "computer account can then open it too."
        )
    else:
        box.setEnabled(False)
        box.setChecked(False)
        box.setToolTip(reason)
    return box


def keychain_reason() -> QLabel | None:
    ok, reason = keychain.availability()
    if ok:
        return None
    label = QLabel(reason)
    label.setObjectName("keychainReason")
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


class NewPassphraseFields(QWidget):
    """Passphrase, repeat, hint and the warning: a new passphrase for a journal."""

    def __init__(self, parent: QWidget | None = None, *, hint: str = "", prefix: str = "new"):
        super().__init__(parent)
        self.passphrase = password_field(f"{prefix}Passphrase", "At least 8 characters")
        self.repeat = password_field(f"{prefix}Repeat")
        self.hint = QLineEdit(hint)
        self.hint.setObjectName(f"{prefix}Hint")
        self.hint.setPlaceholderText("Optional; anyone who opens the folder can read it")
        self.hint.setMaxLength(cipher.MAX_HINT)
        warning = QLabel(FORGET_WARNING)
        warning.setObjectName(f"{prefix}Warning")
        warning.setWordWrap(True)
        font = warning.font()
        font.setBold(True)
        warning.setFont(font)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Passphrase", self.passphrase)
        form.addRow("Repeat it", self.repeat)
        form.addRow("Hint", self.hint)
        form.addRow("", warning)
        self.warning = warning

    def problem(self) -> str | None:
        """One sentence when the fields cannot be used, else None."""
        p = self.passphrase.text()
        problem = cipher.passphrase_problem(p)
        if problem:
            return problem
        if self.repeat.text() != p:
            return "The two passphrases are not the same; type it again in both fields."
        return cipher.hint_problem(self.hint.text().strip(), p)

    def value(self) -> tuple[str, str]:
        return self.passphrase.text(), self.hint.text().strip()


class PassphraseDialog(QDialog):
    """The journal folder, its hint on request, the passphrase; Open or Quit."""

    def __init__(
        self, home: Path, settings: AppSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle("Open the encrypted journal")
        self.home = home
        self.tries = 0
        self.unlocked = False
        self.passphrase_used = ""
        intro = QLabel("This journal is encrypted. Type its passphrase to open it.")
        intro.setObjectName("passphraseIntro")
        intro.setWordWrap(True)
        folder = QLabel(str(home))
        folder.setObjectName("passphraseFolder")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        self.passphrase = password_field("passphraseField")
        self.error = ErrorLabel("passphraseError")
        self.tries_left = QLabel("")
        self.tries_left.setObjectName("passphraseTriesLeft")
        self.tries_left.hide()
        the_hint = cipher.hint(home)
        self.hint_button = QPushButton("Show hint")
        self.hint_button.setObjectName("passphraseShowHint")
        self.hint_label = QLabel(f"Hint: {the_hint}" if the_hint else "No hint was set.")
        self.hint_label.setObjectName("passphraseHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        self.hint_button.clicked.connect(self._show_hint)
        self.remember = keychain_checkbox(settings, "passphraseRemember")
        form = QFormLayout()
        form.addRow("Journal folder", folder)
        form.addRow("Passphrase", self.passphrase)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("passphraseOpen")
        self.open_button.setDefault(True)
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("passphraseQuit")
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.tries_left)
        lay.addWidget(self.hint_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.hint_label)
        lay.addWidget(self.remember)
        reason = keychain_reason()
        if reason is not None:
            lay.addWidget(reason)
        lay.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def _show_hint(self) -> None:
        self.hint_label.show()
        self.hint_button.hide()

    def _try(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.error.setText("Type the journal's passphrase.")
            return
        self.open_button.setEnabled(False)
        try:
            with BusyCursor():
                cipher.unlock(self.home, text)
        except cipher.WrongPassphrase:
            self.tries += 1
            log.info("a wrong passphrase for %s (%d of %d)", self.home, self.tries, TRIES)
            if self.tries >= TRIES:
                self.reject()
                return
            left = TRIES - self.tries
            more = "1 more try" if left == 1 else f"{left} more tries"
            self.error.setText(cipher.WRONG_PASSPHRASE)
            self.tries_left.setText(f"{more.capitalize()}, then imgjournal closes.")
            self.tries_left.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        except JournalError as exc:  # a damaged or missing key file: retrying cannot help
            self.error.setText(str(exc))
            return
        finally:
            self.open_button.setEnabled(True)
        self.unlocked = True
        self.passphrase_used = text
        self.accept()


def unlock_from_keychain(home: Path, settings: AppSettings) -> bool:
    """Open ``home`` with the passphrase kept in the keychain, when the user asked for that;
    a kept one that no longer opens the journal is deleted."""
    if not settings.remember_passphrase:
        return False
    kept = keychain.load(home)
    if not kept:
        return False
    try:
        cipher.unlock(home, kept)
    except cipher.WrongPassphrase:
        log.info("the passphrase in the keychain no longer opens %s; deleted it", home)
        keychain.delete(home)
        return False
    except JournalError:
        return False
    return True


def remember_choice(home: Path, settings: AppSettings, remember: bool, passphrase: str) -> None:
    """Keep (or forget) ``passphrase`` in the keychain as the user chose."""
    if remember and keychain.store(home, passphrase):
        settings.remember_passphrase = True
    else:
        keychain.delete(home)
        settings.remember_passphrase = False
    settings.sync()


def ask_passphrase(home: Path, settings: AppSettings, parent: QWidget | None = None) -> bool:
    """Unlock ``home``'s journal (the keychain first, then the dialog); False: the user quit
    or gave a wrong passphrase three times."""
    if unlock_from_keychain(home, settings):
        return True
    dialog = PassphraseDialog(home, settings, parent)
    dialog.exec()
    ok = dialog.unlocked
    if ok and dialog.remember.isEnabled():
        remember_choice(home, settings, dialog.remember.isChecked(), dialog.passphrase_used)
    dialog.deleteLater()
    return ok
