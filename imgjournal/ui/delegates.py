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
from imgjournal.ui.models import COL_KIND, COL_PROMPTS, COL_TITLE, PREVIEW_ROLE, ROW_ROLE

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


def paint_badge(painter: QPainter, rect: QRect, text: str, colour: QColor, font: QFont) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    side = min(rect.height() - 6, 22)
    fm = QFontMetrics(font)
    w = max(side, fm.horizontalAdvance(text) + 10)
    badge = QRect(0, 0, w, side)
    badge.moveCenter(rect.center())
    painter.drawRoundedRect(badge, side / 2, side / 2)
    painter.setPen(QColor("white"))
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class EntryDelegate(QStyledItemDelegate):
    """Two-line title cell, kind badge and prompt-count badge; other cells as usual."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        return QSize(super().sizeHint(option, index).width(), fm.height() * 2 + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        col = index.column()
        if col not in (COL_KIND, COL_TITLE, COL_PROMPTS):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        row = index.data(ROW_ROLE)
        if row is None:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() * 0.85, 7.0))
        small.setBold(True)
        if col == COL_KIND:
            letter = index.data(Qt.ItemDataRole.DisplayRole)
            paint_badge(painter, opt.rect, letter, kind_colour(row.kind, pal), small)
            return
        if col == COL_PROMPTS:
            if row.prompt_count:
                colour = pal.color(QPalette.ColorRole.Highlight)
                if selected:
                    colour = pal.color(QPalette.ColorRole.HighlightedText)
                    colour.setAlpha(90)
                paint_badge(painter, opt.rect, str(row.prompt_count), colour, small)
            return
        self._paint_title(painter, opt, row.title, index.data(PREVIEW_ROLE) or "", text_role)

    def _paint_title(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        title: str,
        preview: str,
        text_role: QPalette.ColorRole,
    ) -> None:
        pal = opt.palette
        rect = opt.rect.adjusted(6, 4, -6, -4)
        bold = QFont(opt.font)
        bold.setBold(True)
        fm_bold = QFontMetrics(bold)
        line_h = rect.height() // 2
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setFont(bold)
        painter.setPen(pal.color(text_role))
        top = QRect(rect.left(), rect.top(), rect.width(), line_h)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            fm_bold.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(opt.font)
        fm = QFontMetrics(opt.font)
        muted = pal.color(text_role)
        if text_role == QPalette.ColorRole.Text:
            muted = pal.color(QPalette.ColorRole.PlaceholderText)
        x = rect.left()
        y = rect.top() + line_h
        right = rect.right()
        for piece, marked in split_highlights(" ".join(preview.split(" "))):
            if x >= right:
                break
            width = right - x
            shown = fm.elidedText(piece, Qt.TextElideMode.ElideRight, width)
            adv = fm.horizontalAdvance(shown)
            box = QRect(x, y, adv, line_h)
            if marked:
                mark = pal.color(QPalette.ColorRole.Highlight)
                mark.setAlpha(70)
                painter.fillRect(box.adjusted(-1, 2, 1, -2), mark)
                painter.setPen(pal.color(text_role))
            else:
                painter.setPen(muted)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
            x += adv
            if shown != piece:
                break
        painter.restore()
