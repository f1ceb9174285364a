"""Live Markdown in a text box, as Typora and Obsidian's live preview show it: no preview pane.

``install(edit)`` attaches a ``MarkdownHighlighter`` to a QPlainTextEdit or QTextEdit. Away
from the cursor's line, headings are large and bold with their ``#`` hidden, **bold**,
*italic* and ~~struck~~ text is styled with its markers hidden, `code` and fenced blocks are
monospace on a faint background, quotes are muted and italic, <!-- comments --> (a draft's
hints) look like placeholder text, list bullets, task boxes, a link's (url) and a quote's ``>``
are dim, and a ``---`` rule is drawn as a line. On the
cursor's line (every line of a selection) all the markers show, in the muted colour, so what is
typed is what is seen; the text keeps its styles there, so nothing jumps while typing. An edit
without the focus shows every line styled (several boxes on a page show no stray raw lines).

Only the look changes: the highlighter sets layout formats, never the document, so the stored
text, undo and copy and paste stay exactly the Markdown written. A hidden marker is drawn
transparent in a 1-point font (it still takes a sliver of width, so the cursor can stand on
it). Moving the cursor re-styles the line it left and the line it entered, nothing else.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QLineF, QObject, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QPainter,
    QPalette,
    QPen,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from imgjournal.ui import markdown_parse as md

# Lines longer than this are left plain (their fence state still carries on): styling a
# pasted megabyte without line breaks would freeze the editor for seconds, and such a line is
# data, not prose. Parsing is linear, so 20,000 characters cost a few milliseconds.
MAX_STYLED_LINE = 20_000
# A selection over more lines than this shows only the cursor's own line raw (select all on
# a long journal would otherwise re-style every line twice).
MAX_RAW_LINES = 200

HEADING_SCALE = {1: 1.6, 2: 1.4, 3: 1.2, 4: 1.1, 5: 1.05, 6: 1.0}
HIDDEN_POINT_SIZE = 1.0

# Block states carry the fence and comment bits of markdown_parse plus what the painter needs.
_CODE_BLOCK = 1 << 4  # a line of a fenced block (fences included): painted full width
_RULE_LINE = 1 << 5  # a ---, *** or ___ line: drawn as a line away from the cursor
_PASSING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b`` (in 8-bit steps, as it is painted)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class MarkdownHighlighter(QSyntaxHighlighter):
    """Styles one block at a time; ``edit`` (given by ``install``) supplies the cursor."""

    def __init__(
        self,
        document: QTextDocument,
        palette: QPalette,
        edit: QPlainTextEdit | QTextEdit | None = None,
    ) -> None:
        super().__init__(document)
        self._edit = edit
        self._raw = (-1, -1)  # the first and last block number shown raw (the cursor's)
        self._cache: dict[tuple[int, int, int, bool], QTextCharFormat] = {}
        self._paints = isinstance(edit, QPlainTextEdit)
        self._focused = edit is not None and edit.hasFocus()
        self.muted = QTextCharFormat()  # markers on the cursor's line
        self._colour(palette)
        if edit is not None:
            edit.installEventFilter(self)
            if self._paints:
                edit.viewport().installEventFilter(self)
            edit.cursorPositionChanged.connect(self.follow_cursor)
            document.blockCountChanged.connect(self.follow_cursor)
            self._raw = self._cursor_blocks()
            self.rehighlight()

    # -- colours and fonts ---------------------------------------------------------------
    def _colour(self, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        self.colours = {
            "text": text,
            "muted": palette.color(QPalette.ColorRole.PlaceholderText),
            "quote": _mix(text, base, 0.3),
            "link": palette.color(QPalette.ColorRole.Link),
            "code_bg": _mix(base, text, 0.06),
            "rule": _mix(base, text, 0.2),
        }
        dim = QColor(self.colours["muted"])
        dim.setAlphaF(0.5)
        self.colours["dim"] = dim
        self.muted.setForeground(self.colours["muted"])
        self._cache.clear()

    def set_palette(self, palette: QPalette) -> None:
        """Re-colour for ``palette`` (light and dark switched)."""
        self._colour(palette)
        self.rehighlight()

    def _base_size(self) -> float:
        # The edit's font: on its FontChange the document's default font is not updated yet.
        font = self._edit.font() if self._edit is not None else self.document().defaultFont()
        size = font.pointSizeF()
        return size if size > 0 else 11.0

    def _format(self, kind: int, level: int, bits: int, raw: bool) -> QTextCharFormat:
        key = (kind, level, bits, raw)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self._make_format(kind, level, bits, raw)
        return fmt

    def _make_format(self, kind: int, level: int, bits: int, raw: bool) -> QTextCharFormat:
        c = self.colours
        fmt = QTextCharFormat()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families()
        if kind == md.HEADING:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(self._base_size() * HEADING_SCALE[level])
        elif kind == md.QUOTE:
            fmt.setFontItalic(True)
            fmt.setForeground(c["quote"])
        elif kind in (md.CODE_LINE, md.FENCE):
            fmt.setFontFamilies(mono)
            if not self._paints:
                fmt.setBackground(c["code_bg"])
        if bits & md.BOLD:
            fmt.setFontWeight(QFont.Weight.Bold)
        if bits & md.ITALIC:
            fmt.setFontItalic(True)
        if bits & md.STRIKE:
            fmt.setFontStrikeOut(True)
            fmt.setForeground(c["quote"])
        if bits & md.CODE:
            fmt.setFontFamilies(mono)
            fmt.setBackground(c["code_bg"])
        if bits & md.LINK:
            fmt.setForeground(c["link"])
        if bits & md.HINT:
            fmt.setFontItalic(True)
            fmt.setForeground(c["muted"])
        if bits & (md.MARK | md.DIM):
            if raw:
                fmt.setForeground(c["muted"])
            elif kind == md.RULE:  # the painter draws the line; the dashes keep its height
                fmt.setForeground(QColor(0, 0, 0, 0) if self._paints else c["dim"])
            elif bits & md.MARK:
                fmt.setForeground(QColor(0, 0, 0, 0))
                fmt.setFontPointSize(HIDDEN_POINT_SIZE)
            else:
                fmt.setForeground(c["dim"])
        return fmt

    # -- the cursor ----------------------------------------------------------------------
    def _cursor_blocks(self) -> tuple[int, int]:
        edit = self._edit
        if edit is None or not self._focused or not shiboken6.isValid(edit):
            return (-1, -1)  # a box being read (or being deleted) shows no marks at all
        cursor = edit.textCursor()
        doc = self.document()
        here = cursor.blockNumber()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        if last - first >= MAX_RAW_LINES:
            return (here, here)
        return (first, last)

    def follow_cursor(self, *_: object) -> None:
        """Re-style the lines the cursor left and the ones it entered."""
        old, new = self._raw, self._cursor_blocks()
        if old == new:
            return
        self._raw = new
        doc = self.document()
        changed = set(range(old[0], old[1] + 1)) ^ set(range(new[0], new[1] + 1))
        for number in sorted(changed):
            if number >= 0:
                block = doc.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)

    def _focus_changed(self, event: QFocusEvent) -> None:
        # A context menu or another window taking the focus for a while keeps the cursor's
        # line raw: it would flicker otherwise. Focus moving to another widget styles it.
        if event.type() == QEvent.Type.FocusIn:
            self._focused = True
        elif event.reason() not in _PASSING:
            self._focused = False
        self.follow_cursor()

    def raw_blocks(self) -> tuple[int, int]:
        """The first and last block number shown with all markers (the cursor's lines)."""
        return self._raw

    # -- styling -------------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if len(text) > MAX_STYLED_LINE:
            self.setCurrentBlockState(md.carry_state(text, self.previousBlockState()))
            return
        line = md.parse_line(text, self.previousBlockState())
        state = line.state
        if line.kind in (md.CODE_LINE, md.FENCE):
            state = max(state, 0) | _CODE_BLOCK
        elif line.kind == md.RULE:
            state = max(state, 0) | _RULE_LINE
        self.setCurrentBlockState(state)
        number = self.currentBlock().blockNumber()
        raw = self._raw[0] <= number <= self._raw[1]
        kind, level = line.kind, line.level
        if kind != md.PLAIN:
            self.setFormat(0, len(text), self._format(kind, level, 0, raw))
        for start, end, bits in _segments(line.spans):
            self.setFormat(start, end - start, self._format(kind, level, bits, raw))

    # -- following the edit --------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        edit = self._edit
        if edit is not None and shiboken6.isValid(edit):  # not while the edit is deleted
            kind = event.type()
            if obj is edit and kind == QEvent.Type.PaletteChange:
                self.set_palette(edit.palette())
            elif obj is edit and kind == QEvent.Type.FontChange:
                self._cache.clear()
                self.rehighlight()
            elif obj is edit and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                self._focus_changed(event)
            elif self._paints and kind == QEvent.Type.Paint and obj is edit.viewport():
                self._paint_blocks(edit, event.rect())
        return False

    def _paint_blocks(self, edit: QPlainTextEdit, area) -> None:  # noqa: ANN001
        """Behind the text: a full-width background for fenced code, a line for each rule."""
        block: QTextBlock = edit.firstVisibleBlock()
        offset = edit.contentOffset()
        width = edit.viewport().width()
        margin = edit.document().documentMargin()
        painter: QPainter | None = None
        while block.isValid():
            rect = edit.blockBoundingGeometry(block).translated(offset)
            if rect.top() > area.bottom():
                break
            state = block.userState()
            if state >= 0 and state & (_CODE_BLOCK | _RULE_LINE) and block.isVisible():
                if painter is None:
                    painter = QPainter(edit.viewport())
                if state & _CODE_BLOCK:
                    box = QRectF(margin / 2, rect.top(), width - margin, rect.height())
                    painter.fillRect(box, self.colours["code_bg"])
                elif not self._raw[0] <= block.blockNumber() <= self._raw[1]:
                    pen = QPen(self.colours["rule"], 1)
                    painter.setPen(pen)
                    y = round(rect.center().y()) + 0.5
                    painter.drawLine(QLineF(margin, y, width - margin, y))
            block = block.next()
        if painter is not None:
            painter.end()


def _segments(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping (start, end, bits) spans cut into pieces that each carry the bits of every
    span over them, in order."""
    if not spans:
        return []
    events = []
    for start, end, bits in spans:
        if start < end:
            events.append((start, 1, bits))
            events.append((end, -1, bits))
    events.sort()
    counts: dict[int, int] = {}
    out = []
    pos = 0
    i = 0
    while i < len(events):
        at = events[i][0]
        if at > pos:
            bits = 0
            for b, n in counts.items():
                if n > 0:
                    bits |= b
            if bits:
                out.append((pos, at, bits))
            pos = at
        while i < len(events) and events[i][0] == at:
            _, step, b = events[i]
            counts[b] = counts.get(b, 0) + step
            i += 1
    return out


def install(edit: QPlainTextEdit | QTextEdit) -> MarkdownHighlighter:
    """Show ``edit``'s Markdown live: styled away from the cursor's line, raw on it. The
    highlighter follows the cursor, the palette (light and dark) and the font size; it lives
    as long as the edit's document (a later ``setDocument`` needs a new ``install``). Called
    again for the same document, it returns the highlighter already there."""
    there = edit.document().findChild(MarkdownHighlighter)
    if isinstance(there, MarkdownHighlighter):
        return there
    return MarkdownHighlighter(edit.document(), edit.palette(), edit)
