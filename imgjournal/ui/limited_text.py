"""Text fields that keep to the journal's limits (``imgjournal.limits``) out loud.

A paste or drop that would take a field over its limit is refused whole, and the field says
so through ``refused`` (one sentence); nothing is ever cut short without a word. Typing past
a limit by hand is not blocked here: the save then fails with the service's sentence, shown
in the editor's banner, and the text stays on screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

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
        self._min_lines = 0  # growing: at least this many lines high, never scrolling inside
        self._fitting = False

    # -- growing with its text -------------------------------------------------------------
    def set_growing(self, min_lines: int) -> None:
        """Grow and shrink with the text (at least ``min_lines`` lines high) instead of
        scrolling: the page around it scrolls, never the box itself."""
        self._min_lines = max(1, min_lines)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self.fit_height)
        self.fit_height()

    @property
    def growing(self) -> bool:
        return self._min_lines > 0

    def content_height(self) -> int:
        """The height that shows every line of the text (and at least ``min_lines``)."""
        doc = self.document()
        layout = doc.documentLayout()
        height = 0.0
        block = doc.begin()
        while block.isValid():
            if block.isVisible():
                height += layout.blockBoundingRect(block).height()
            block = block.next()
        line = self.fontMetrics().lineSpacing()
        height = max(height, line * self._min_lines)
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom()
        return math.ceil(height + 2 * doc.documentMargin() + frame) + 2

    def fit_height(self, *_: object) -> None:
        if not self.growing or self._fitting:
            return  # measuring lays blocks out, which reports a new size: not again
        self._fitting = True
        try:
            want = self.content_height()
            if want != self.height() or self.minimumHeight() != want:
                self.setFixedHeight(want)
            if self.verticalScrollBar().value():
                self.verticalScrollBar().setValue(0)
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        if self.growing and event.size().width() != event.oldSize().width():
            self.fit_height()

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().changeEvent(event)
        if self.growing and event.type() == event.Type.FontChange:
            self.fit_height()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if self.growing:
            event.ignore()  # the page scrolls, not the box
            return
        super().wheelEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        return QSize(hint.width(), self.content_height()) if self.growing else hint

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


class TitleEdit(LimitedTextEdit):
    """The entry's title: one paragraph that wraps onto more lines instead of being cut, with
    the parts of QLineEdit's interface the editor uses (``text``, ``setText``, ``textEdited``,
    ``returnPressed``, ``setMaxLength``, ``inputRejected``...). Enter moves on (no line
    breaks); typing or pasting past ``maxLength`` keeps what fits and says so through
    ``inputRejected``, like a QLineEdit."""

    textEdited = Signal(str)  # noqa: N815 - QLineEdit's name
    returnPressed = Signal()  # noqa: N815
    inputRejected = Signal()  # noqa: N815

    def __init__(self, what: str = "title", parent: QWidget | None = None) -> None:
        super().__init__(what, parent=parent)
        self._max_length = 32767
        self._programmatic = False
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.set_growing(1)
        self.textChanged.connect(self._edited)

    def _edited(self) -> None:
        if not self._programmatic:
            self.textEdited.emit(self.text())

    # -- QLineEdit's interface -------------------------------------------------------------
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802
        self._programmatic = True
        try:
            self.setPlainText(_one_line(text)[: self._max_length])
        finally:
            self._programmatic = False

    def setMaxLength(self, n: int) -> None:  # noqa: N802
        self._max_length = n

    def maxLength(self) -> int:  # noqa: N802
        return self._max_length

    def setFrame(self, on: bool) -> None:  # noqa: N802
        self.setFrameShape(QPlainTextEdit.Shape.StyledPanel if on else QPlainTextEdit.Shape.NoFrame)

    def cursorPosition(self) -> int:  # noqa: N802
        return self.textCursor().position()

    def setCursorPosition(self, pos: int) -> None:  # noqa: N802
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(pos, len(self.text()))))
        self.setTextCursor(cursor)

    def end(self, mark: bool) -> None:
        mode = QTextCursor.MoveMode.KeepAnchor if mark else QTextCursor.MoveMode.MoveAnchor
        self.moveCursor(QTextCursor.MoveOperation.End, mode)

    def setSelection(self, start: int, length: int) -> None:  # noqa: N802
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def insert(self, text: str) -> None:
        self._insert_fitting(text)

    def selectedText(self) -> str:  # noqa: N802
        return self.textCursor().selectedText()

    # -- one line, at most maxLength characters --------------------------------------------
    def _room(self) -> int:
        selected = len(self.textCursor().selectedText())
        return self._max_length - (len(self.text()) - selected)

    def _insert_fitting(self, text: str) -> None:
        text = _one_line(text)
        room = self._room()
        if len(text) > room:
            text = text[: max(room, 0)]
            self.textCursor().insertText(text)
            self.inputRejected.emit()
            return
        self.textCursor().insertText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.returnPressed.emit()
            event.accept()
            return
        typed = event.text()
        ctrl = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        )
        if typed and typed.isprintable() and not ctrl and self._room() < len(typed):
            self.inputRejected.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if source.hasText():
            self._insert_fitting(source.text())


def _one_line(text: str) -> str:
    return (
        " ".join(text.replace("\u2029", "\n").splitlines())
        if "\n" in text or "\u2029" in text
        else text
    )
