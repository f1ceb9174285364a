"""Text fields that keep to the journal's limits (``imgjournal.limits``) out loud.

A paste or drop that would take a field over its limit is refused whole, and the field says
so through ``refused`` (one sentence); nothing is ever cut short without a word. Typing past
a limit by hand is not blocked here: the save then fails with the service's sentence, shown
in the editor's banner, and the text stays on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from imgjournal.limits import MAX_BODY_BYTES, megabytes


def _utf8(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


class LimitedTextEdit(QPlainTextEdit):
    """A plain-text edit of at most ``max_chars`` characters or ``max_bytes`` of UTF-8."""

    refused = Signal(str)  # why a paste or drop was not taken

    def __init__(
        self,
        what: str,
        *,
        max_chars: int | None = None,
        max_bytes: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.what = what
        self.max_chars = max_chars
        self.max_bytes = max_bytes

    def size_after(self, incoming: str) -> int:
        """The field's size (in its unit) if ``incoming`` replaced the selection."""
        # selectedText() writes line breaks as U+2029: one character, like "\n".
        selected = self.textCursor().selectedText().replace("\u2029", "\n")
        text = self.toPlainText()
        if self.max_bytes is not None:
            return _utf8(text) - _utf8(selected) + _utf8(incoming)
        return len(text) - len(selected) + len(incoming)

    def refusal(self, incoming: str) -> str | None:
        """The sentence that refuses ``incoming``, or None when it fits."""
        if self.max_bytes is None and self.max_chars is None:
            return None
        size = self.size_after(incoming)
        if self.max_bytes is not None and size > self.max_bytes:
            fix = "split it into several entries" if self.max_bytes == MAX_BODY_BYTES else ""
            would = megabytes(size, self.max_bytes)
            return (
                f"Nothing was pasted: it would make the {self.what} {would}, and it holds at "
                f"most {megabytes(self.max_bytes)}" + (f" — {fix}." if fix else ".")
            )
        if self.max_chars is not None and size > self.max_chars:
            return (
                f"Nothing was pasted: it would make the {self.what} {size:,} characters long, "
                f"and it holds at most {self.max_chars:,}."
            )
        return None

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if source.hasText():
            sentence = self.refusal(source.text())
            if sentence is not None:
                self.refused.emit(sentence)
                return
        super().insertFromMimeData(source)


def limit_line(edit: QLineEdit, what: str, max_chars: int, notify: Callable[[str], None]) -> None:
    """Give a one-line field its limit; when input goes past it, ``notify`` gets why."""
    edit.setMaxLength(max_chars)
    edit.inputRejected.connect(
        lambda: (
            notify(
                f"The {what} holds at most {max_chars:,} characters; what went past that was not "
                "added."
            )
            if len(edit.text()) >= max_chars
            else None
        )
    )
