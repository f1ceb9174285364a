"""The parts the dialogs share: OK and Cancel under the form, and the error line above them.

``ok_cancel(dialog)`` is the button row, wired to the dialog's ``accept`` and ``reject`` (a
dialog that checks its fields overrides ``accept``); ``ok_cancel(dialog, "Encrypt")`` names the
OK button by what it does. :class:`ErrorLabel` is the red one-sentence error under a form: it
takes no room while it has no text.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

ERROR_COLOUR = "#c62828"


def ok_cancel(dialog: QDialog, ok_text: str | None = None, *, name: str = "") -> QDialogButtonBox:
    """OK and Cancel, wired to ``dialog.accept`` and ``dialog.reject``.

    With ``ok_text`` the OK button says that (and is the default button); with ``name`` the
    OK button is named ``name`` and Cancel ``name + "Cancel"``.
    """
    if ok_text is None:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
    else:
        box = QDialogButtonBox()
        ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
    if name:
        ok.setObjectName(name)
        box.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(name + "Cancel")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def ok_button(box: QDialogButtonBox) -> QPushButton:
    """The OK button of a row made by :func:`ok_cancel`."""
    return next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )


class ErrorLabel(QLabel):
    """The red one-sentence error line under a form, hidden while it is empty.

    ``setText(sentence)`` shows it; ``setText("")`` or ``clear()`` hides it again. With
    ``keep_room`` it keeps one line's room while hidden, so a form that checks as you type
    does not jump when the sentence comes and goes.
    """

    def __init__(
        self, name: str, parent: QWidget | None = None, *, keep_room: bool = False
    ) -> None:
        super().__init__("", parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        if keep_room:
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
        self.hide()

    def setText(self, text: str | None) -> None:  # noqa: N802 - Qt's name
        super().setText(text or "")
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")
