"""Painting of the entry list: a kind badge, the title over a one-line (highlighted) snippet.

Colours come from the palette (plus one tint per kind that reads on light and dark), so the
list follows the system's light or dark appearance.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from imgjournal.domain import EntryKind
from imgjournal.services.search import HIGHLIGHT_END, HIGHLIGHT_START
from imgjournal.ui.models import (
    COL_DATE,
    COL_EXPERIENCE,
    COL_KIND,
    COL_PROMPTS,
    COL_TITLE,
    KIND_LETTER,
    ROW_ROLE,
    format_date,
)

# Qt enums are Python objects in PySide6: combine them once, not once per painted cell.
LEFT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
CENTRE = Qt.AlignmentFlag.AlignCenter
ELIDE = Qt.TextElideMode.ElideRight
SELECTED = QStyle.StateFlag.State_Selected
PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
TEXT, HIGHLIGHTED_TEXT = QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText
HIGHLIGHT, PLACEHOLDER = QPalette.ColorRole.Highlight, QPalette.ColorRole.PlaceholderText

KIND_HUE = {EntryKind.CASE: 205, EntryKind.FEEDBACK: 35, EntryKind.REFLECTION: 280}

Index = QModelIndex | QPersistentModelIndex


def kind_colour(kind: str, palette: QPalette) -> QColor:
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    hue = KIND_HUE.get(kind, 0)
    return QColor.fromHsl(hue, 150, 150 if dark else 95)


def split_highlights(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, highlighted) runs at the search service's markers."""
    out: list[tuple[str, bool]] = []
    on = False
    buf = ""
    for ch in text:
        if ch in (HIGHLIGHT_START, HIGHLIGHT_END):
            if buf:
                out.append((buf, on))
            buf = ""
            on = ch == HIGHLIGHT_START
        else:
            buf += ch
    if buf:
        out.append((buf, on))
    return out


def paint_badge(
    painter: QPainter,
    rect: QRect,
    text: str,
    colour: QColor,
    font: QFont,
    fm: QFontMetrics | None = None,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    side = min(rect.height() - 6, 22)
    fm = fm or QFontMetrics(font)
    w = max(side, fm.horizontalAdvance(text) + 10)
    badge = QRect(0, 0, w, side)
    badge.moveCenter(rect.center())
    painter.drawRoundedRect(badge, side / 2, side / 2)
    painter.setPen(QColor("white"))
    painter.setFont(font)
    painter.drawText(badge, CENTRE, text)
    painter.restore()


class _Fonts:
    """The fonts and metrics one base font needs, made once (painting runs per cell)."""

    def __init__(self, base: QFont) -> None:
        self.base = base
        self.small = QFont(base)
        self.small.setPointSizeF(max(base.pointSizeF() * 0.85, 7.0))
        self.small.setBold(True)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.fm = QFontMetrics(base)
        self.fm_bold = QFontMetrics(self.bold)
        self.fm_small = QFontMetrics(self.small)


class EntryDelegate(QStyledItemDelegate):
    """Two-line title cell, kind badge and prompt-count badge; other cells as usual."""

    _cache: dict[str, _Fonts] = {}

    def fonts(self, base: QFont) -> _Fonts:
        key = base.key()
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = _Fonts(base)
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        return QSize(super().sizeHint(option, index).width(), fm.height() * 2 + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # One model call per cell and no initStyleOption (which asks the model for a dozen
        # roles): the list repaints on every keystroke of a search.
        row = index.data(ROW_ROLE)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawPrimitive(PANEL, option, painter, widget)
        if row is None:
            return
        col = index.column()
        selected = bool(option.state & SELECTED)
        pal = option.palette
        text_role = HIGHLIGHTED_TEXT if selected else TEXT
        f = self.fonts(option.font)
        if col == COL_KIND:
            letter = KIND_LETTER.get(row.kind, "?")
            paint_badge(
                painter, option.rect, letter, kind_colour(row.kind, pal), f.small, f.fm_small
            )
        elif col == COL_PROMPTS:
            if row.prompt_count:
                colour = pal.color(HIGHLIGHT)
                if selected:
                    colour = pal.color(HIGHLIGHTED_TEXT)
                    colour.setAlpha(90)
                count = str(row.prompt_count)
                paint_badge(painter, option.rect, count, colour, f.small, f.fm_small)
        elif col == COL_TITLE:
            self._paint_title(painter, option, f, row.title, row.preview, text_role)
        elif col == COL_DATE and widget is not None and widget.isColumnHidden(COL_EXPERIENCE):
            # A narrow list has no experience column: the experience goes under the date.
            rect = option.rect.adjusted(6, 4, -6, -4)
            half = rect.height() // 2
            painter.setFont(option.font)
            painter.setPen(pal.color(text_role))
            top = QRect(rect.left(), rect.top(), rect.width(), half)
            painter.drawText(top, LEFT_MIDDLE, format_date(row.entry_date))
            if row.experience_title:
                painter.setPen(pal.color(text_role if selected else PLACEHOLDER))
                bottom = QRect(rect.left(), rect.top() + half, rect.width(), half)
                shown = f.fm.elidedText(row.experience_title, ELIDE, rect.width())
                painter.drawText(bottom, LEFT_MIDDLE, shown)
        else:
            text = format_date(row.entry_date) if col == COL_DATE else row.experience_title
            rect = option.rect.adjusted(6, 0, -6, 0)
            painter.setPen(pal.color(text_role))
            painter.setFont(option.font)
            painter.drawText(
                rect,
                LEFT_MIDDLE,
                f.fm.elidedText(text, ELIDE, rect.width()),
            )

    def _paint_title(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        f: _Fonts,
        title: str,
        preview: str,
        text_role: QPalette.ColorRole,
    ) -> None:
        pal = opt.palette
        rect = opt.rect.adjusted(6, 4, -6, -4)
        fm_bold = f.fm_bold
        line_h = rect.height() // 2
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setFont(f.bold)
        painter.setPen(pal.color(text_role))
        top = QRect(rect.left(), rect.top(), rect.width(), line_h)
        painter.drawText(
            top,
            LEFT_MIDDLE,
            fm_bold.elidedText(title, ELIDE, rect.width()),
        )
        painter.setFont(opt.font)
        fm = f.fm
        muted = pal.color(text_role)
        if text_role == TEXT:
            muted = pal.color(PLACEHOLDER)
        x = rect.left()
        y = rect.top() + line_h
        right = rect.right()
        for piece, marked in split_highlights(preview):
            if x >= right:
                break
            width = right - x
            shown = fm.elidedText(piece, ELIDE, width)
            adv = fm.horizontalAdvance(shown)
            box = QRect(x, y, adv, line_h)
            if marked:
                mark = pal.color(HIGHLIGHT)
                mark.setAlpha(70)
                painter.fillRect(box.adjusted(-1, 2, 1, -2), mark)
                painter.setPen(pal.color(text_role))
            else:
                painter.setPen(muted)
            painter.drawText(box, LEFT_MIDDLE, shown)
            x += adv
            if shown != piece:
                break
        painter.restore()
