"""The rows of the prompt picker (ui/prompt_picker.py): the grouped item view, its filter and
the delegate that paints a category header or a prompt with its tick box, wrapped text, story
line and (for a suggestion) the words that matched. Colours come from the palette."""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from imgjournal.domain import PromptCategory
from imgjournal.services.prompt_suggest import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 30
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 31
GROUP_ROLE = Qt.ItemDataRole.UserRole + 32  # a header's group key; None on a prompt row
BASE_ROLE = Qt.ItemDataRole.UserRole + 33  # stories without this entry
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 34  # a suggestion's "Category · matches: ..."
COUNT_ROLE = Qt.ItemDataRole.UserRole + 35  # a header's "3 of 17 have a story"
CHECK = Qt.ItemDataRole.CheckStateRole
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
SUGGESTED = "suggested"

Index = QModelIndex | QPersistentModelIndex

PAD = 6
GAP = 2
LEFT = 34  # room for the tick box before a prompt's text
WRAP = Qt.TextFlag.TextWordWrap
LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def category_label(category: str) -> str:
    if category in PromptCategory.values():
        return PromptCategory(category).label
    return category.title()


def stories_text(n: int, checked: bool) -> str:
    """What a prompt row says under its text: ``n`` stories, this entry's included."""
    if checked:
        return "This entry is its story" if n <= 1 else f"This entry and {n - 1} more"
    if n == 0:
        return "No story yet"
    return f"{n} stor{'y' if n == 1 else 'ies'}"


def match_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where the (folded) ``words`` occur in ``text``, as (start, length) in ``text`` itself:
    folding may drop accents, so positions are mapped back character by character."""
    folded, origin = [], []
    for i, ch in enumerate(text):
        f = fold(ch)
        folded.append(f)
        origin += [i] * len(f)
    flat = "".join(folded)
    spans = []
    for w in words:
        start = flat.find(w)
        while w and start >= 0:
            a, b = origin[start], origin[start + len(w) - 1] + 1
            spans.append((a, b - a))
            start = flat.find(w, start + len(w))
    return sorted(spans)


def wrapped(text: str, font: QFont, width: int) -> QTextLayout:
    """``text`` laid out in lines of at most ``width`` pixels, broken at words: the one
    layout both a row's height and its painting use, so they always agree."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def gap_colour(palette: QPalette) -> QColor:
    """The "no story yet" dot: an amber that reads on light and dark bases."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor.fromHsl(32, 210, 150 if dark else 105)


def paint_tick_box(painter: QPainter, box: QRect, on: bool, pal: QPalette, selected: bool) -> None:
    """A tick box drawn from the palette, so that it shows on dark bases too (Fusion's own
    outline nearly vanishes on a dark one)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    accent = pal.color(QPalette.ColorRole.Highlight)
    edge = pal.color(
        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
    )
    painter.setPen(QPen(accent if on and not selected else edge, 1.2))
    painter.setBrush(accent if on else pal.color(QPalette.ColorRole.Base))
    painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
    if on:
        pen = QPen(pal.color(QPalette.ColorRole.HighlightedText), max(box.width() / 7, 1.6))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        w, h, x, y = box.width(), box.height(), box.left(), box.top()
        painter.drawPolyline(
            [
                QPointF(x + w * 0.24, y + h * 0.52),
                QPointF(x + w * 0.43, y + h * 0.72),
                QPointF(x + w * 0.77, y + h * 0.30),
            ]
        )
    painter.restore()


class PromptFilter(QSortFilterProxyModel):
    """Keeps the prompts whose text or category holds every word typed (case and accents
    ignored); a header shows while one of its prompts does, the suggestions' only while
    nothing is typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: tuple[str, ...] = ()
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        words = tuple(fold(text).split())
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt override
        index = self.sourceModel().index(row, 0, parent)
        if index.data(GROUP_ROLE) is not None:
            return not self.words
        if self.words and parent.data(GROUP_ROLE) == SUGGESTED:
            return False  # a search lists each prompt once, in its category
        hay = index.data(SEARCH_ROLE) or ""
        return all(w in hay for w in self.words)


class PromptDelegate(QStyledItemDelegate):
    """Headers: a fold arrow, the category and its count. Prompts: a tick box, the full text
    wrapped to the view's width, and under it the stories (a dot when there is none)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        return bold, small

    def _text_width(self, width: int) -> int:
        return max(width - LEFT - PAD * 2, 80)

    def stories(self, index: Index) -> str:
        """The row's story line: "No story yet", "2 stories", "This entry is its story"."""
        checked = index.data(CHECK) == CHECKED
        return stories_text((index.data(BASE_ROLE) or 0) + checked, checked)

    def describe(self, index: Index) -> str:
        """What the row says under the prompt: a suggestion's reason, then its stories."""
        why = index.data(DETAIL_ROLE)
        return f"{why} · {self.stories(index)}" if why else self.stories(index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        width = self.view.viewport().width()
        bold, small = self._fonts(option.font)
        if index.data(GROUP_ROLE) is not None:
            return QSize(width, QFontMetrics(bold).height() + PAD * 3)
        tw = self._text_width(width)
        text_height = wrapped(index.data(), option.font, tw).boundingRect().height()
        sfm = QFontMetrics(small)
        height = PAD + ceil(text_height) + GAP + sfm.height() + PAD
        why = index.data(DETAIL_ROLE)
        if why:
            height += sfm.boundingRect(QRect(0, 0, tw - 14, 100_000), WRAP, why).height()
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        widget = self.view
        style = widget.style()
        painter.save()
        pal = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = fg if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        bold, small = self._fonts(opt.font)
        r = opt.rect
        if index.data(GROUP_ROLE) is not None:
            if not selected:
                painter.fillRect(r, pal.color(QPalette.ColorRole.AlternateBase))
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
            arrow = "▾" if self.view.isExpanded(index) else "▸"
            painter.setPen(muted)
            painter.setFont(opt.font)
            inner = r.adjusted(PAD + 4, 0, -PAD - 4, 0)
            painter.drawText(inner, LEFT_MIDDLE, arrow)
            count = index.data(COUNT_ROLE) or ""
            painter.setFont(small)
            cw = QFontMetrics(small).horizontalAdvance(count)
            painter.drawText(inner, RIGHT_MIDDLE, count)
            painter.setPen(fg)
            painter.setFont(bold)
            title_rect = inner.adjusted(LEFT - PAD - 4, 0, -cw - PAD * 2, 0)
            title = QFontMetrics(bold).elidedText(
                index.data(), Qt.TextElideMode.ElideRight, title_rect.width()
            )
            painter.drawText(title_rect, LEFT_MIDDLE, title)
            painter.restore()
            return
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        fm = QFontMetrics(opt.font)
        side = max(fm.height() - 2, 14)
        box = QRect(r.left() + PAD + 4, r.top() + PAD + (fm.height() - side) // 2, side, side)
        paint_tick_box(painter, box, index.data(CHECK) == CHECKED, pal, selected)
        tw = self._text_width(r.width())
        layout = wrapped(index.data(), opt.font, tw)
        words = getattr(self.view.model(), "words", ())
        formats = []
        for start, length in match_spans(index.data(), words):
            look = QTextCharFormat()
            look.setFontUnderline(True)
            if not selected:
                mark = QColor(pal.color(QPalette.ColorRole.Highlight))
                mark.setAlpha(70)
                look.setBackground(mark)
            fr = QTextLayout.FormatRange()
            fr.start, fr.length, fr.format = start, length, look
            formats.append(fr)
        painter.setPen(fg)
        layout.draw(painter, QPointF(r.left() + LEFT, r.top() + PAD), formats)
        text_bottom = r.top() + PAD + ceil(layout.boundingRect().height())
        checked = index.data(CHECK) == CHECKED
        gap = (index.data(BASE_ROLE) or 0) == 0 and not checked
        sfm = QFontMetrics(small)
        top = text_bottom + GAP
        x = r.left() + LEFT
        if gap:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fg if selected else gap_colour(pal))
            d = max(sfm.height() // 2, 6)
            painter.drawEllipse(x, top + (sfm.height() - d) // 2, d, d)
        painter.setFont(small)
        painter.setPen(muted)  # the dot marks a gap; a new journal is not a page of alarms
        painter.drawText(QRect(x + 14, top, tw - 14, sfm.height()), LEFT_TOP, self.stories(index))
        why = index.data(DETAIL_ROLE)
        if why:
            painter.setPen(muted)
            top += sfm.height()
            painter.drawText(QRect(x + 14, top, tw - 14, r.bottom() - top), WRAP | LEFT_TOP, why)
        painter.restore()

    def editorEvent(self, *args: Any) -> bool:  # noqa: N802 - Qt override
        return False  # clicks and Space are the view's (PromptTree)


class PromptTree(QTreeView):
    """The grouped list: Space or a click ticks a prompt or folds a header; typing goes back
    to the search field; ↑ from the first row does too."""

    def __init__(self, search: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setExpandsOnDoubleClick(False)
        self.setItemsExpandable(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAllColumnsShowFocus(True)
        self.toggle = lambda index: None  # set by the picker

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # rows wrap to the new width

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Space:
            if self.currentIndex().isValid():
                self.toggle(self.currentIndex())
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # the dialog's default button: Link
            return
        if key == Qt.Key.Key_Up and self._at_top():
            self.search.setFocus()
            return
        if key == Qt.Key.Key_Backspace:
            self.search.setFocus()
            self.search.backspace()
            return
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if text and text.isprintable() and mods == Qt.KeyboardModifier.NoModifier:
            self.search.setFocus()
            self.search.insert(text)
            return
        super().keyPressEvent(event)

    def _at_top(self) -> bool:
        cur = self.currentIndex()
        return not cur.isValid() or not self.indexAbove(cur).isValid()
