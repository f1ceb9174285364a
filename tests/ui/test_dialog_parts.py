"""The OK/Cancel row and the error line the dialogs share, on real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

from imgjournal.ui.dialog_parts import ERROR_COLOUR, ErrorLabel, ok_button, ok_cancel
from imgjournal.ui.prompts_view import PromptDialog
from imgjournal.ui.security_page import DecryptDialog


class NameDialog(QDialog):
    """A dialog that checks its one field on OK, as the app's dialogs do."""

    def __init__(self, ok_text: str | None = None, name: str = "") -> None:
        super().__init__()
        self.field = QLineEdit()
        self.error = ErrorLabel("nameError")
        self.buttons = ok_cancel(self, ok_text, name=name)
        lay = QVBoxLayout(self)
        lay.addWidget(self.field)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def accept(self) -> None:
        if not self.field.text().strip():
            self.error.setText("Type a name.")
            return
        super().accept()


def _shown(qtbot, dlg: QDialog) -> QDialog:
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_ok_accepts_and_the_error_line_shows_and_hides(qtbot):
    dlg = _shown(qtbot, NameDialog())
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is ok_button(dlg.buttons)
    assert ok.text().replace("&", "") == "OK"
    assert not dlg.error.isVisible() and dlg.error.text() == ""

    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # nothing typed: refused, with a sentence
    assert dlg.isVisible()
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert dlg.error.isVisible()
    assert dlg.error.text() == "Type a name."
    assert ERROR_COLOUR in dlg.error.styleSheet()
    assert dlg.error.wordWrap()

    dlg.error.clear()
    assert not dlg.error.isVisible() and dlg.error.text() == ""
    dlg.error.setText("Type a name.")
    assert dlg.error.isVisible()
    dlg.error.setText("")
    assert not dlg.error.isVisible()

    qtbot.keyClicks(dlg.field, "Ada")
    with qtbot.waitSignal(dlg.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert not dlg.isVisible()


def test_cancel_rejects(qtbot):
    dlg = _shown(qtbot, NameDialog())
    accepted = []
    dlg.accepted.connect(lambda: accepted.append(True))
    with qtbot.waitSignal(dlg.rejected):
        qtbot.mouseClick(
            dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert not accepted
    assert not dlg.isVisible()


def test_escape_rejects(qtbot):
    dlg = _shown(qtbot, NameDialog())
    with qtbot.waitSignal(dlg.rejected):
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)


def test_an_ok_button_named_by_what_it_does(qtbot):
    dlg = _shown(qtbot, NameDialog("Encrypt", name="nameOk"))
    ok = ok_button(dlg.buttons)
    assert ok.text() == "Encrypt"
    assert ok.objectName() == "nameOk"
    assert ok.isDefault()
    cancel = dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.objectName() == "nameOkCancel"
    assert {b.objectName() for b in dlg.buttons.buttons()} == {"nameOk", "nameOkCancel"}
    qtbot.keyClicks(dlg.field, "Ada")
    with qtbot.waitSignal(dlg.accepted):
        qtbot.keyClick(dlg.field, Qt.Key.Key_Return)  # the default button


def test_keep_room_holds_the_line_while_it_is_empty(qtbot):
    """A form that checks as you type keeps the error line's room: nothing moves when a
    one-line sentence comes."""
    dlg = QDialog()
    kept = ErrorLabel("kept", keep_room=True)
    field = QLineEdit()
    lay = QVBoxLayout(dlg)
    lay.addWidget(kept)
    lay.addWidget(field)
    dlg.resize(560, dlg.sizeHint().height())  # wide enough for the sentence on one line
    _shown(qtbot, dlg)
    top = field.y()
    assert not kept.isVisible()
    kept.setText("The end date is before the start date.")
    qtbot.waitUntil(kept.isVisible)
    assert field.y() == top
    assert kept.text() == "The end date is before the start date."


def test_the_app_dialogs_use_them(qtbot, tmp_path):
    prompt = _shown(qtbot, PromptDialog())
    assert isinstance(prompt.error, ErrorLabel)
    assert not prompt.error.isVisible()
    prompt.accept()  # no question written
    assert prompt.error.isVisible()
    assert prompt.error.text() == "Write the question as it would be asked."
    qtbot.mouseClick(
        prompt.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert prompt.result() == QDialog.DialogCode.Rejected

    decrypt = _shown(qtbot, DecryptDialog(tmp_path))
    assert decrypt.ok is ok_button(decrypt.findChild(QDialogButtonBox))
    assert decrypt.ok.text() == "Decrypt"
    qtbot.mouseClick(decrypt.ok, Qt.MouseButton.LeftButton)  # no passphrase typed
    assert decrypt.isVisible()
    assert decrypt.error.isVisible()
    assert decrypt.error.text() == "Type the current passphrase."
