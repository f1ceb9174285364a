"""Encryption in the app: the passphrase on open, the first-run screen, Settings ▸ Security and
the keychain (issue 14). Real widgets, real files; modal dialogs are answered through their
widgets from a timer while they wait."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from imgjournal import cipher, encryption, keychain, paths
from imgjournal.db import Journal
from imgjournal.services import entries
from imgjournal.ui import sample
from imgjournal.ui.app import run_app
from imgjournal.ui.main_window import MainWindow
from imgjournal.ui.security_page import DECRYPT_WARNING, SecurityPage
from imgjournal.ui.settings import AppSettings
from tests.ui.conftest import saved_id

PASS = "correct horse battery"
NEW_PASS = "violet staple lantern"
SECRET = "Troponin rose overnight"


class MemoryKeyring(KeyringBackend):
    """A keychain in memory, as good as a real one (priority 1)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):  # noqa: ANN001, ANN201
        return self.kept.get((service, username))

    def set_password(self, service, username, password):  # noqa: ANN001, ANN201
        self.kept[(service, username)] = password

    def delete_password(self, service, username):  # noqa: ANN001, ANN201
        from keyring.errors import PasswordDeleteError

        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError("none kept")


class PlainFileKeyring(MemoryKeyring):
    """Like keyrings.alt's PlaintextKeyring: works, but keeps secrets in a plain file."""

    priority = 0.5


@pytest.fixture
def no_keychain() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def memory_keychain() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def when_shown(name: str, answer: Callable[[QWidget], None], seen: list | None = None) -> None:
    """Answer the top-level widget called ``name`` once it is shown (a modal dialog waits)."""
    left = [4000]

    def poll() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == name and w.isVisible():
                if seen is not None:
                    seen.append(w)
                answer(w)
                return
        left[0] -= 1
        if left[0] > 0:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)


def child(w: QWidget, cls: type, name: str):  # noqa: ANN201
    found = w.findChild(cls, name)
    assert found is not None, name
    return found


def type_into(field: QLineEdit, text: str) -> None:
    field.clear()
    field.setText(text)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_holding(home: Path, word: str) -> list[Path]:
    needle = word.encode("utf-8")
    return [p for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]


def encrypted_journal(home: Path, hint: str = "the horse") -> int:
    with Journal.open(home) as j:
        e = entries.create_entry(j, "case", "Chest pain in the ED", body=SECRET + "; cardiology.")
    encryption.encrypt_journal(home, PASS, hint)
    cipher.forget_all()
    return e.id


def main_window() -> MainWindow | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return found[0] if found and found[0].isVisible() else None


# -- the passphrase on open ---------------------------------------------------------------
def test_three_wrong_passphrases_quit_with_1_and_leave_the_file(qtbot, home, isolated_settings):
    encrypted_journal(home)
    before = sha(paths.db_path(home)), sha(cipher.key_path(home))
    said: list[str] = []

    def answer(dialog: QWidget) -> None:
        field = child(dialog, QLineEdit, "passphraseField")
        child(dialog, QPushButton, "passphraseShowHint").click()
        said.append(child(dialog, QLabel, "passphraseHint").text())
        for attempt in ("wrong one here", "still wrong!", "third wrong"):
            type_into(field, attempt)
            child(dialog, QPushButton, "passphraseOpen").click()
            said.append(child(dialog, QLabel, "passphraseError").text())

    seen: list = []
    when_shown("passphraseDialog", answer, seen)
    assert run_app(home, []) == 1
    assert seen and main_window() is None
    assert said[0] == "Hint: the horse"
    assert said[1] == said[2] == "The passphrase does not open this journal."
    assert (sha(paths.db_path(home)), sha(cipher.key_path(home))) == before
    assert cipher.key_for(home) is None


def test_the_right_passphrase_on_the_second_try_opens_the_window(qtbot, home, isolated_settings):
    entry_id = encrypted_journal(home)
    found: list = []

    def answer(dialog: QWidget) -> None:
        field = child(dialog, QLineEdit, "passphraseField")
        type_into(field, "not the passphrase")
        child(dialog, QPushButton, "passphraseOpen").click()
        assert dialog.isVisible()
        type_into(field, PASS)
        child(dialog, QPushButton, "passphraseOpen").click()
        QTimer.singleShot(0, look)

    def look() -> None:
        w = main_window()
        if w is None:
            QTimer.singleShot(10, look)
            return
        try:
            w.go("all")
            qtbot.waitUntil(lambda: w.list_panel.model.ids() == [entry_id])
            w.actions.find.trigger()
            qtbot.keyClicks(w.list_panel.search, "quokka")
            qtbot.waitUntil(lambda: w.list_panel.model.ids() == [])
            w.list_panel.search.clear()
            qtbot.keyClicks(w.list_panel.search, "tropon")
            qtbot.waitUntil(lambda: w.list_panel.model.ids() == [entry_id])
            found.append(w.list_panel.model.ids()[0])
        finally:
            w.close()

    when_shown("passphraseDialog", answer)
    assert run_app(home, []) == 0
    assert found == [entry_id]


def test_quit_in_the_passphrase_dialog_opens_nothing(qtbot, home, isolated_settings):
    encrypted_journal(home)
    when_shown("passphraseDialog", lambda d: child(d, QPushButton, "passphraseQuit").click())
    assert run_app(home, []) == 1
    assert cipher.key_for(home) is None


# -- the first-run screen -----------------------------------------------------------------
def _add_reflection(qtbot, w: MainWindow, text: str) -> int:
    w.actions.new_reflection.trigger()
    qtbot.waitUntil(lambda: w.editor.entry_id is not None)
    qtbot.keyClicks(w.editor.body, text)
    w.autosave.flush()
    return saved_id(qtbot, w)


def test_first_run_with_encryption_makes_an_encrypted_journal(qtbot, home, isolated_settings):
    made: list[int] = []

    def answer(dialog: QWidget) -> None:
        child(dialog, QCheckBox, "firstRunEncrypt").setChecked(True)
        warning = child(dialog, QLabel, "firstRunWarning")
        assert warning.isVisible()
        assert warning.text() == (
            "If you forget the passphrase, nobody can open this journal or its backups "
            "again — there is no reset."
        )
        type_into(child(dialog, QLineEdit, "firstRunPassphrase"), PASS)
        type_into(child(dialog, QLineEdit, "firstRunRepeat"), PASS + "x")
        child(dialog, QPushButton, "firstRunStart").click()
        assert "not the same" in child(dialog, QLabel, "firstRunError").text()
        assert not cipher.has_keyfile(home)
        type_into(child(dialog, QLineEdit, "firstRunRepeat"), PASS)
        type_into(child(dialog, QLineEdit, "firstRunHint"), "the stable")
        child(dialog, QPushButton, "firstRunStart").click()
        QTimer.singleShot(0, write)

    def write() -> None:
        w = main_window()
        if w is None:
            QTimer.singleShot(10, write)
            return
        made.append(_add_reflection(qtbot, w, "Quixotic zebra handoff"))
        w.close()

    when_shown("firstRunDialog", answer)
    assert run_app(home, [], first_run=True) == 0
    assert made
    db = paths.db_path(home)
    assert not db.read_bytes().startswith(b"SQLite format 3\x00")
    assert cipher.hint(home) == "the stable"
    assert files_holding(home, "Quixotic zebra") == []
    cipher.forget_all()
    cipher.unlock(home, PASS)
    with Journal.open(home) as j:
        assert entries.get_entry(j, made[0]).body == "Quixotic zebra handoff"


def test_first_run_import_and_sample(qtbot, home, tmp_path, isolated_settings, monkeypatch):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "night.md").write_text("# Night float\n\nThe night team taught me handoffs.\n")
    samples: list[bool] = []
    monkeypatch.setattr(sample, "open_sample_journal", lambda: samples.append(True) or True)
    shown: list[str] = []

    def answer(dialog: QWidget) -> None:
        child(dialog, QPushButton, "firstRunSample").click()
        shown.append(child(dialog, QLabel, "firstRunSampleNote").text())
        dialog.choose_import_path = lambda kind: notes if kind == "markdown" else None
        child(dialog, QPushButton, "firstRunImportMarkdown").click()
        child(dialog, QPushButton, "firstRunStart").click()
        QTimer.singleShot(0, look)

    def look() -> None:
        w = main_window()
        if w is None or not w.statusBar().currentMessage().startswith("Imported"):
            QTimer.singleShot(10, look)
            return
        shown.append(w.statusBar().currentMessage())
        w.close()

    when_shown("firstRunDialog", answer)
    assert run_app(home, [], first_run=True) == 0
    assert samples == [True] and "its own window" in shown[0]
    assert shown[1].startswith("Imported 1 notes")
    with Journal.open(home) as j:
        assert [e.title for e in entries.list_entries(j)] == ["Night float"]
    assert not cipher.has_keyfile(home)


def test_first_run_shows_only_on_the_default_folder_without_a_journal(
    qtbot, home, isolated_settings, monkeypatch
):
    monkeypatch.setattr(paths, "default_home", lambda: home)
    seen: list = []
    when_shown("firstRunDialog", lambda d: child(d, QPushButton, "firstRunQuit").click(), seen)
    assert run_app(home, []) == 0  # closed: nothing made
    assert seen and not paths.db_path(home).exists()
    Journal.open(home).close()  # once a journal is there, never again

    def close_window() -> None:
        w = main_window()
        if w is None:
            QTimer.singleShot(10, close_window)
            return
        w.close()

    from imgjournal.ui import first_run

    again: list = []
    monkeypatch.setattr(first_run, "ask_first_run", lambda *a: again.append(a))
    QTimer.singleShot(0, close_window)
    assert run_app(home, []) == 0
    assert again == []
    # A folder given with --home or IMGJOURNAL_HOME never shows it either.
    other = home.parent / "other"
    QTimer.singleShot(0, close_window)
    assert run_app(other, []) == 0
    assert again == [] and paths.db_path(other).exists()


# -- Settings ▸ Security ------------------------------------------------------------------
def _page(window: MainWindow) -> SecurityPage:
    page = SecurityPage(window)
    page.show()
    return page


def test_encrypt_change_and_decrypt_from_settings_with_the_window_open(
    qtbot, home, journal, sample, make_window, settings, no_keychain
):
    window = make_window(journal)
    page = _page(window)
    qtbot.addWidget(page)
    assert page.state.text().startswith("Not encrypted")
    # A plain copy set aside by an earlier restore: it cannot be encrypted, so it goes.
    journal.close()
    plain = home / "journal.sqlite3.replaced-20250101T000000"
    plain.write_bytes(paths.db_path(home).read_bytes())
    assert files_holding(home, "Troponin")
    told: list[str] = []

    def answer_encrypt(dialog: QWidget) -> None:
        told.append(child(dialog, QLabel, "encryptPlainCopies").text())
        type_into(child(dialog, QLineEdit, "encryptPassphrase"), PASS)
        type_into(child(dialog, QLineEdit, "encryptRepeat"), PASS)
        child(dialog, QPushButton, "encryptOk").click()
        told.append(child(dialog, QLabel, "encryptError").text())  # the copies not confirmed
        child(dialog, QCheckBox, "encryptConfirmRemove").setChecked(True)
        child(dialog, QPushButton, "encryptOk").click()

    when_shown("encryptDialog", answer_encrypt)
    page.encrypt_button.click()
    assert "will be removed" in told[0] and plain.name in told[0]
    assert "Tick" in told[1]
    assert page.state.text().startswith("Encrypted with SQLCipher")
    assert page.error.text() == ""
    assert cipher.is_encrypted(home) and not plain.exists()
    # The window still works on the encrypted journal: a new entry is saved and readable.
    new_id = _add_reflection(qtbot, window, "Zanzibar rounds")
    window.autosave.flush_and_wait()
    assert entries.get_entry(window.journal, new_id).body == "Zanzibar rounds"
    assert len(entries.list_entries(window.journal)) == 4
    window.journal.close()  # the -wal checkpointed: then no file holds a word typed before
    assert files_holding(home, "Troponin") == []
    assert files_holding(home, "Zanzibar") == []
    assert not paths.db_path(home).read_bytes().startswith(b"SQLite format 3\x00")
    # The passphrase keychain row: no keychain here, so it is off and says why.
    assert not page.remember.isEnabled()
    assert page.reason is not None and page.reason.text() == keychain.NO_KEYCHAIN

    def answer_change(dialog: QWidget) -> None:
        type_into(child(dialog, QLineEdit, "changeOld"), PASS)
        type_into(child(dialog, QLineEdit, "changePassphrase"), NEW_PASS)
        type_into(child(dialog, QLineEdit, "changeRepeat"), NEW_PASS)
        type_into(child(dialog, QLineEdit, "changeHint"), "a lantern")
        child(dialog, QPushButton, "changeOk").click()

    when_shown("changePassphraseDialog", answer_change)
    page.change_button.click()
    assert page.error.text() == ""
    kf = cipher.read_keyfile(home)
    assert kf.hint == "a lantern"
    cipher.open_keyfile(kf, NEW_PASS)
    with pytest.raises(cipher.WrongPassphrase):
        cipher.open_keyfile(kf, PASS)

    def answer_decrypt(dialog: QWidget) -> None:
        told.append(child(dialog, QLabel, "decryptWarning").text())
        type_into(child(dialog, QLineEdit, "decryptPassphrase"), PASS)  # the old one
        child(dialog, QPushButton, "decryptOk").click()
        told.append(child(dialog, QLabel, "decryptError").text())
        type_into(child(dialog, QLineEdit, "decryptPassphrase"), NEW_PASS)
        child(dialog, QPushButton, "decryptOk").click()

    when_shown("decryptDialog", answer_decrypt)
    page.decrypt_button.click()
    assert told[2] == DECRYPT_WARNING and "anyone who can read the files" in told[2]
    assert told[3] == cipher.WRONG_PASSPHRASE
    assert page.error.text() == ""
    assert page.state.text().startswith("Not encrypted")
    assert not cipher.has_keyfile(home)
    assert paths.db_path(home).read_bytes().startswith(b"SQLite format 3\x00")
    assert entries.get_entry(window.journal, new_id).body == "Zanzibar rounds"
    # The window goes on on the plain journal too.
    after_id = _add_reflection(qtbot, window, "Lantern rounds")
    window.autosave.flush_and_wait()
    assert entries.get_entry(window.journal, after_id).body == "Lantern rounds"
    assert len(entries.list_entries(window.journal)) == 5


def test_a_failed_conversion_says_one_sentence_and_the_window_goes_on(
    qtbot, home, journal, sample, make_window, no_keychain, monkeypatch
):
    window = make_window(journal)
    page = _page(window)
    qtbot.addWidget(page)

    def refuse(*args, **kwargs):
        raise encryption.JournalError("The disk is full; free some space and try again.")

    monkeypatch.setattr(encryption, "encrypt_journal", refuse)

    def answer(dialog: QWidget) -> None:
        type_into(child(dialog, QLineEdit, "encryptPassphrase"), PASS)
        type_into(child(dialog, QLineEdit, "encryptRepeat"), PASS)
        child(dialog, QPushButton, "encryptOk").click()

    when_shown("encryptDialog", answer)
    page.encrypt_button.click()
    assert page.error.text() == "The disk is full; free some space and try again."
    assert page.state.text().startswith("Not encrypted")
    assert len(entries.list_entries(window.journal)) == 3


# -- the keychain -------------------------------------------------------------------------
def test_no_keychain_or_a_plain_one_is_unavailable(no_keychain):
    assert keychain.availability() == (False, keychain.NO_KEYCHAIN)
    assert keychain.store(Path("/nowhere"), PASS) is False
    assert keychain.load(Path("/nowhere")) is None
    keyring.set_keyring(PlainFileKeyring())
    assert keychain.availability() == (False, keychain.PLAIN_KEYCHAIN)
    assert keychain.store(Path("/nowhere"), PASS) is False


def test_the_passphrase_dialog_without_a_keychain_says_why(qtbot, home, no_keychain):
    from imgjournal.ui.passphrase_dialog import PassphraseDialog

    encrypted_journal(home)
    dialog = PassphraseDialog(home)
    qtbot.addWidget(dialog)
    box = child(dialog, QCheckBox, "passphraseRemember")
    assert not box.isEnabled() and not box.isChecked()
    assert child(dialog, QLabel, "keychainReason").text() == keychain.NO_KEYCHAIN


def test_remembered_in_the_keychain_opens_without_asking(
    qtbot, home, isolated_settings, memory_keychain, make_window, settings
):
    entry_id = encrypted_journal(home)
    user = str(home.resolve())

    def answer(dialog: QWidget) -> None:
        box = child(dialog, QCheckBox, "passphraseRemember")
        assert box.isEnabled()
        box.setChecked(True)
        type_into(child(dialog, QLineEdit, "passphraseField"), PASS)
        child(dialog, QPushButton, "passphraseOpen").click()
        QTimer.singleShot(0, close_window)

    def close_window() -> None:
        w = main_window()
        if w is None:
            QTimer.singleShot(10, close_window)
            return
        w.close()

    when_shown("passphraseDialog", answer)
    assert run_app(home, []) == 0
    assert memory_keychain.kept == {("imgjournal", user): PASS}
    assert AppSettings().remember_passphrase
    # The next start asks nothing.
    cipher.forget_all()
    asked: list = []
    when_shown("passphraseDialog", lambda d: d.reject(), asked)
    QTimer.singleShot(0, close_window)
    assert run_app(home, []) == 0
    assert asked == []
    # Changing the passphrase in Settings updates the keychain; decrypting deletes it.
    settings.remember_passphrase = True
    journal = Journal.open(home)
    try:
        window = make_window(journal)
        page = _page(window)
        qtbot.addWidget(page)
        assert page.remember.isEnabled() and page.remember.isChecked()

        def answer_change(dialog: QWidget) -> None:
            type_into(child(dialog, QLineEdit, "changeOld"), PASS)
            type_into(child(dialog, QLineEdit, "changePassphrase"), NEW_PASS)
            type_into(child(dialog, QLineEdit, "changeRepeat"), NEW_PASS)
            child(dialog, QPushButton, "changeOk").click()

        when_shown("changePassphraseDialog", answer_change)
        page.change_button.click()
        assert memory_keychain.kept == {("imgjournal", user): NEW_PASS}

        def answer_decrypt(dialog: QWidget) -> None:
            type_into(child(dialog, QLineEdit, "decryptPassphrase"), NEW_PASS)
            child(dialog, QPushButton, "decryptOk").click()

        when_shown("decryptDialog", answer_decrypt)
        page.decrypt_button.click()
        assert memory_keychain.kept == {}
        assert entries.get_entry(window.journal, entry_id).title == "Chest pain in the ED"
    finally:
        journal.close()


def test_a_stale_passphrase_in_the_keychain_is_deleted_and_asked(
    qtbot, home, isolated_settings, memory_keychain
):
    encrypted_journal(home)
    AppSettings().remember_passphrase = True
    keychain.store(home, "an old passphrase")
    asked: list = []
    when_shown("passphraseDialog", lambda d: d.reject(), asked)
    assert run_app(home, []) == 1
    assert asked and memory_keychain.kept == {}


def test_print_recovery_sheet_from_settings_has_the_hint_not_the_passphrase(
    qtbot, home, make_window, settings, no_keychain, tmp_path
):
    from pypdf import PdfReader

    plain = Journal.open(home)
    window = make_window(plain)
    page = _page(window)
    qtbot.addWidget(page)
    button = child(page, QPushButton, "securityRecovery")
    assert button.isHidden()  # a plain journal has nothing to recover
    window.close()
    plain.close()

    encrypted_journal(home, hint="the stable door")
    cipher.unlock(home, PASS)
    journal = Journal.open(home)
    window = make_window(journal)
    page = _page(window)
    qtbot.addWidget(page)
    button = child(page, QPushButton, "securityRecovery")
    assert not button.isHidden() and button.isEnabled()
    target = tmp_path / "sheet.pdf"
    page.choose_recovery_path = lambda: target
    button.click()
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "the stable door" in text and PASS not in text
    assert "recovery sheet is in" in child(page, QLabel, "securityMessage").text()
    journal.close()
