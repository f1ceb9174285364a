"""Light Markdown highlighting in the body editor: headings and **bold** in bold, *emphasis* in
italics, list and quote marks and `code` muted. Colours come from the palette (light and dark).
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

_HEADING = re.compile(r"^#{1,6}\s.*$")
_MARK = re.compile(r"^\s*(?:[-*+]|\d+\.|>)\s")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
_CODE = re.compile(r"`[^`]+`")


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)
        self.muted = QTextCharFormat()
        self.code = QTextCharFormat()
        self.code.setFontFamilies(["monospace"])
        self._colour(palette)

    def _colour(self, palette: QPalette) -> None:
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        self.muted.setForeground(muted)
        self.code.setForeground(muted)

    def set_palette(self, palette: QPalette) -> None:
        self._colour(palette)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if _HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
            return
        m = _MARK.match(text)
        if m:
            self.setFormat(0, m.end(), self.muted)
        for m in _BOLD.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.bold)
        for m in _ITALIC.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.italic)
        for m in _CODE.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.code)


def install(edit):  # noqa: ANN001, ANN201 - a QPlainTextEdit in, its highlighter out
    """Highlight the Markdown of ``edit`` (every Markdown text box of the editor calls this)."""
    return MarkdownHighlighter(edit.document(), edit.palette())
