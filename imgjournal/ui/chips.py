"""Chips: a list of short things (tags, diagnoses, procedures, linked prompts) shown as small
rounded labels with a × each, and a text box at the end to add one.

- :class:`FlowLayout` lays widgets out left to right and wraps them onto more rows (it has a
  height for each width, so a page in a scroll area grows with it);
- :class:`ChipField` edits a list of texts: type and press Enter (or the separator, ";" or
  ","), pick from the completer, or paste a list; × or Backspace in the empty box removes one.
  Text typed but not yet made a chip counts as the last item (nothing typed is lost). Its
  ``text_widget`` is a hidden one-line copy of the whole list, the field the privacy check
  reads and fixes (a fix there comes back as chips);
- :class:`PromptChips` shows the interview prompts an entry is linked to, adds one by name
  through a completer and removes one with ×.

Colours come from the palette (light and dark); nothing here knows the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
    QWidgetItem,
)

MIN_FLOW_WIDTH = 160  # a flow (chips, the properties strip) never asks for more width than this
CHIP_TEXT_CHARS = 48  # a longer chip is elided (its tooltip has the whole text)


class FlowLayout(QLayout):
    """Left to right, wrapping onto a new row when the width runs out (Qt's flow layout)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.centre = True
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._lay_out(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._lay_out(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        # Narrow enough for any pane: an item wider than the row is shrunk to fit it.
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        size.setWidth(min(size.width(), MIN_FLOW_WIDTH))
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _lay_out(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint().boundedTo(QSize(max(area.width(), 1), 10_000))
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._spacing
                row_height = 0
                rows.append([])
            rows[-1].append((item, hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        if move:  # each row's items share the row's height (centred vertically, or at the top)
            y = area.y()
            for row in rows:
                height = max((h.height() for _, h in row), default=0)
                x = area.x()
                for item, hint in row:
                    top = y + (height - hint.height()) // 2 if self.centre else y
                    item.setGeometry(QRect(QPoint(x, top), hint))
                    x += hint.width() + self._spacing
                y += height + self._spacing
        return y + row_height - rect.y() + m.bottom()


class Chip(QWidget):
    """One rounded label with a × that asks to remove it."""

    remove_requested = Signal()

    def __init__(self, text: str, *, tip: str = "", accent: bool = False) -> None:
        super().__init__()
        self.setObjectName("chip")
        self.text = text
        self.accent = accent
        self.flagged = False  # the privacy check found something in it
        shown = text if len(text) <= CHIP_TEXT_CHARS else text[: CHIP_TEXT_CHARS - 1] + "…"
        self.label = QLabel(shown)
        self.label.setObjectName("chipText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(40)  # in a narrow pane the text is cut, the × stays
        self.close_button = QToolButton()
        self.close_button.setObjectName("chipRemove")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setToolTip(f"Remove “{text}”")
        self.close_button.setAccessibleName(f"Remove {text}")
        self.close_button.clicked.connect(self.remove_requested)
        self.setToolTip(tip or text)
        self.setAccessibleName(text)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(9, 1, 2, 1)
        lay.setSpacing(0)
        lay.addWidget(self.label)
        lay.addWidget(self.close_button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_removable(self, on: bool) -> None:
        self.close_button.setVisible(on)

    def set_flagged(self, on: bool) -> None:
        if on != self.flagged:
            self.flagged = on
            self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        from imgjournal.ui.privacy import MARK_COLOUR

        pal = self.palette()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.accent:  # a linked prompt: a tint of the highlight colour
            fill = QColor(pal.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(45)
        else:
            fill = pal.color(QPalette.ColorRole.AlternateBase)
        border = QColor(MARK_COLOUR) if self.flagged else pal.color(QPalette.ColorRole.Mid)
        p.setPen(QPen(border, 1.5 if self.flagged else 1))
        p.setBrush(fill)
        r = self.rect().adjusted(1, 1, -1, -1)
        radius = r.height() / 2
        p.drawRoundedRect(r, radius, radius)


class _ChipInput(QLineEdit):
    """The text box after the chips: Backspace when empty asks to remove the last chip,
    Enter makes a chip of its text."""

    backspace_on_empty = Signal()
    commit_requested = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        popup = self.completer().popup() if self.completer() else None
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (popup is not None and popup.isVisible())
            and self.text().strip()
        ):
            self.commit_requested.emit()
            event.accept()
            return
        if (
            event.key() == Qt.Key.Key_Backspace
            and not self.text()
            and not self.isReadOnly()
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.backspace_on_empty.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        if self.parentWidget() is not None:
            self.parentWidget().update()  # the field's frame shows the focus

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if self.parentWidget() is not None:
            self.parentWidget().update()
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.left.emit()


class _ListText(QLineEdit):
    """The hidden one-line copy of a chip field's list; forwards its tooltip (the privacy
    check's sentences) to the field that shows it."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self.hide()

    def setFocus(self, *_: object) -> None:  # noqa: N802 - "show me the finding" focuses the field
        self._owner.setFocus()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTipChange:
            self._owner.setToolTip(self.toolTip())
        return super().event(e)


class _ChipBox(QWidget):
    """Chips then a text box, wrapping (the common part of a chip field)."""

    changed = Signal()  # the user added or removed something

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chips: list[Chip] = []
        self._read_only = False
        self.flow = FlowLayout(self)
        self.flow.setContentsMargins(3, 3, 3, 3)
        self.input = _ChipInput()
        self.input.setObjectName("chipInput")
        self.input.setPlaceholderText(placeholder)
        self.input.setFrame(False)
        self.input.setMinimumWidth(110)
        self.input.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.flow.addWidget(self.input)
        self.setFocusProxy(self.input)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.input.backspace_on_empty.connect(self._remove_last)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        # the whole field (chips and text box) drawn as one text field of the style
        opt = QStyleOptionFrame()
        opt.initFrom(self)
        opt.lineWidth = self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, opt, self)
        opt.midLineWidth = 0
        opt.state |= QStyle.StateFlag.State_Sunken
        if self.input.hasFocus():
            opt.state |= QStyle.StateFlag.State_HasFocus
        if self._read_only:
            opt.state |= QStyle.StateFlag.State_ReadOnly
        p = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, opt, p, self)

    # keys sent to the field itself (tests, accessibility tools) go to its text box
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        QApplication.sendEvent(self.input, event)

    def chips(self) -> list[Chip]:
        return list(self._chips)

    def _place(self, text: str, tip: str = "", accent: bool = False) -> Chip:
        chip = Chip(text, tip=tip, accent=accent)
        chip.set_removable(not self._read_only)
        chip.remove_requested.connect(lambda c=chip: self._remove(c))
        self.flow.insertWidget(len(self._chips), chip)
        self._chips.append(chip)
        chip.show()
        return chip

    def _clear_chips(self) -> None:
        for chip in self._chips:
            self.flow.removeWidget(chip)
            chip.hide()  # deleted later: never drawn again meanwhile
            chip.deleteLater()
        self._chips = []

    def _remove(self, chip: Chip) -> None:
        if self._read_only or chip not in self._chips:
            return
        i = self._chips.index(chip)
        self._chips.pop(i)
        self.flow.removeWidget(chip)
        chip.hide()
        chip.deleteLater()
        self._removed(i, chip)
        self.changed.emit()

    def _remove_last(self) -> None:
        if self._chips:
            self._remove(self._chips[-1])

    def _removed(self, index: int, chip: Chip) -> None:  # for subclasses
        pass

    def remove_at(self, index: int) -> None:
        self._remove(self._chips[index])

    def end(self, mark: bool = False) -> None:
        """Put the cursor at the end of the text box (Edit Tags does it)."""
        self.input.setFocus()
        self.input.end(mark)

    def set_read_only(self, ro: bool) -> None:
        self._read_only = ro
        self.input.setReadOnly(ro)
        self.input.setVisible(not ro or not self._chips)
        for chip in self._chips:
            chip.set_removable(not ro)

    def isReadOnly(self) -> bool:  # noqa: N802 - QLineEdit's name
        return self._read_only


class ChipField(_ChipBox):
    """A list of short texts as chips (see the module's docstring)."""

    def __init__(
        self,
        placeholder: str,
        *,
        separator: str = ";",
        joiner: str = "; ",
        clean: Callable[[str], str] = str.strip,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(placeholder, parent)
        self.separator = separator
        self.joiner = joiner
        self._clean = clean
        self.text_widget = _ListText(self)
        self._syncing = False
        self.input.textEdited.connect(self._typed)
        self.input.commit_requested.connect(self._commit)
        self.input.left.connect(self._commit)
        self.text_widget.textChanged.connect(self._list_text_changed)

    def set_completions(self, names: Iterable[str]) -> None:
        """Offer ``names`` (the tags already used) as the box is typed in."""
        if self.input.completer() is None:
            self._completions = QStringListModel(self)
            completer = QCompleter(self._completions, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.input.setCompleter(completer)
            # after the box took the completion (QLineEdit connects on focus-in, after us)
            completer.activated.connect(lambda _text: QTimer.singleShot(0, self._commit))
        self._completions.setStringList(list(names))

    # -- the list ----------------------------------------------------------------------------
    def chip_texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self._chips)

    def values(self) -> tuple[str, ...]:
        """The chips, then what is typed in the box (if anything)."""
        pending = self._clean(self.input.text())
        return self._unique((*self.chip_texts(), *((pending,) if pending else ())))

    def set_values(self, values: Iterable[str]) -> None:
        """Show ``values`` (not a user edit: no ``changed``)."""
        self._clear_chips()
        for v in self._unique(self._clean(v) for v in values):
            self._place(v)
        self.input.clear()
        self.set_read_only(self._read_only)
        self._sync()

    def text(self) -> str:
        """The list as one line (items joined by the field's joiner)."""
        return self.joiner.join(self.values())

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.set_values(text.replace("\n", self.separator).split(self.separator))

    def _unique(self, values: Iterable[str]) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for v in values:
            if v and v.casefold() not in seen:
                seen[v.casefold()] = v
        return tuple(seen.values())

    def add(self, text: str) -> bool:
        """Add ``text`` as a chip, as if typed (False if empty or already there)."""
        value = self._clean(text)
        if not value or value.casefold() in {t.casefold() for t in self.chip_texts()}:
            return False
        self._place(value)
        return True

    # -- typing ------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        if self.separator in text or "\n" in text:
            *done, rest = text.replace("\n", self.separator).split(self.separator)
            for part in done:
                self.add(part)
            self.input.setText(rest.lstrip())
        elif text != text.lstrip():  # an item never starts with a space
            self.input.setText(text.lstrip())
        self._sync()
        self.changed.emit()

    def _commit(self) -> None:
        text = self.input.text()
        if not self._clean(text):
            return
        added = self.add(text)
        self.input.clear()
        self._sync()
        if added:
            self.changed.emit()

    def _removed(self, index: int, chip: Chip) -> None:
        self._sync()

    # -- the privacy check's copy ------------------------------------------------------------
    def _sync(self) -> None:
        text = self.text()
        if self.text_widget.text() != text:
            self._syncing = True
            try:
                self.text_widget.setText(text)
            finally:
                self._syncing = False

    def _list_text_changed(self, text: str) -> None:
        if self._syncing:
            return
        # changed from outside (a privacy fix): the new list, all as chips
        self._clear_chips()
        for v in self._unique(self._clean(p) for p in text.split(self.separator)):
            self._place(v)
        self.input.clear()
        self._sync()
        self.changed.emit()

    def spans(self) -> list[tuple[int, int]]:
        """Where each item is in ``text()`` (the privacy check's offsets)."""
        out, pos = [], 0
        for v in self.values():
            out.append((pos, pos + len(v)))
            pos += len(v) + len(self.joiner)
        return out

    def mark(self, spans: Sequence[tuple[int, int]]) -> None:
        """Flag the chips that hold a finding at ``spans`` of ``text()``."""
        for chip, (start, end) in zip(self._chips, self.spans(), strict=False):
            chip.set_flagged(any(s < end and e > start for s, e in spans))

    def set_read_only(self, ro: bool) -> None:
        super().set_read_only(ro)
        self.text_widget.setReadOnly(ro)


class PromptChips(_ChipBox):
    """The prompts an entry is linked to, as chips; the box adds one by its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add a prompt…", parent)
        self.input.setObjectName("promptInput")
        self.input.setToolTip(
            "Type a few words of an interview prompt and pick it (Ctrl+L shows them all)"
        )
        self._by_id: dict[int, str] = {}
        self._ids: list[int] = []
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.input.setCompleter(completer)
        # after the box took the completion (QLineEdit connects on focus-in, after us)
        completer.activated.connect(lambda text: QTimer.singleShot(0, lambda: self._picked(text)))
        self.input.commit_requested.connect(lambda: self._picked(self.input.text()))

    def add_trailing(self, widget: QWidget) -> None:
        """Put ``widget`` (Link prompts…) after the text box, in the same flow."""
        self.flow.addWidget(widget)

    def set_prompts(self, prompts: dict[int, str]) -> None:
        self._by_id = dict(prompts)
        self._show(self._ids)

    def ids(self) -> tuple[int, ...]:
        return tuple(self._ids)

    def set_ids(self, ids: Iterable[int]) -> None:
        self._show(list(dict.fromkeys(ids)))

    def labels(self) -> list[str]:
        return [c.text for c in self._chips]

    def text(self) -> str:
        return " · ".join(self.labels())

    def _show(self, ids: list[int]) -> None:
        self._clear_chips()
        self._ids = list(ids)
        for i in self._ids:
            self._place(self._by_id.get(i, f"Prompt {i}"), accent=True)
        free = [t for i, t in self._by_id.items() if i not in self._ids]
        self._model.setStringList(sorted(free, key=str.casefold))
        self.set_read_only(self._read_only)

    def _picked(self, text: str) -> None:
        wanted = text.strip().casefold()
        match = [i for i, t in self._by_id.items() if t.casefold() == wanted]
        if not match:  # not a prompt's whole text: the only one that contains it, if any
            match = [i for i, t in self._by_id.items() if wanted and wanted in t.casefold()]
        if len(match) != 1 or match[0] in self._ids:
            return
        self.input.clear()
        self._show([*self._ids, match[0]])
        self.changed.emit()

    def _removed(self, index: int, chip: Chip) -> None:
        self._ids.pop(index)
        self._show(self._ids)
