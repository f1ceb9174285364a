"""A right-to-left paragraph: Arabic or Hebrew text whose first strong character is RTL.

Such a paragraph is right-aligned, and its lines read top to bottom in the right order: the
words are broken into lines in reading (logical) order, then each line is joined, shaped and
put in visual order on its own (:func:`imgjournal.export.pdf.bidi.visual` with a
right-to-left base), and drawn against the right edge with the fallback fonts
(:func:`imgjournal.export.pdf.fonts.draw_string`). Reversing the whole paragraph first and
breaking the reversed text, as a left-to-right paragraph does, put its last words on the
first line.

Inline emphasis, code and link addresses inside such a paragraph print as plain text (the
words and their order are what matter here; a known limit).
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from imgjournal.export.pdf import bidi, fonts

__all__ = ["RtlPara", "starts_rtl"]

_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stash markers


def starts_rtl(text: str) -> bool:
    """Whether the first strong (letter) character of ``text`` is right-to-left."""
    if not bidi.has_rtl(text):
        return False
    return bidi.base_direction(text) == "R"


class RtlPara(Flowable):
    """Plain logical-order ``text`` in ``style``, right-aligned, broken in reading order."""

    def __init__(self, text: str, style: ParagraphStyle, *, _lines: list[str] | None = None):
        super().__init__()
        self.text = " ".join(_PLACEHOLDER.sub(" ", fonts.clean(text)).split())
        self.style = style
        self._lines = _lines
        self._width_key: float | None = None
        self.width = self.height = 0.0

    def __repr__(self) -> str:
        return f"RtlPara({self.text[:40]!r}, {self.style.name!r})"

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def getPlainText(self) -> str:  # noqa: N802
        return "\n".join(self.lines(self.width or 10_000))

    def lines(self, width: float) -> list[str]:
        """The text broken into lines of at most ``width`` points, in reading order (a word
        longer than a line has a line of its own)."""
        if self._lines is not None:
            return self._lines
        st = self.style
        font, size = st.fontName, st.fontSize
        space = stringWidth(" ", font, size)
        lines: list[str] = []
        line: list[str] = []
        used = 0.0
        for word in self.text.split(" "):
            w = fonts.width(word, font, size)
            if line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + w
            line.append(word)
        if line:
            lines.append(" ".join(line))
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._width_key != availWidth:
            st = self.style
            self._measure = availWidth - st.leftIndent - st.rightIndent
            found = self.lines(self._measure)
            self._found = found
            self._width_key = availWidth
        self.width = availWidth
        self.height = len(self._found) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        st = self.style
        fit = int(availHeight / st.leading)
        lines = self._found
        if fit <= 0 or (fit == 1 and not st.allowOrphans and len(lines) > 1):
            return []
        if len(lines) <= fit:
            return [self]
        if len(lines) == fit + 1 and not st.allowWidows and fit > 1:
            fit -= 1
        return [
            RtlPara(self.text, st, _lines=lines[:fit]),
            RtlPara(self.text, st, _lines=lines[fit:]),
        ]

    def draw(self) -> None:
        st = self.style
        canv: Any = self.canv
        canv.setFillColor(st.textColor)
        right = self.width - st.rightIndent
        y = self.height - st.fontSize
        for line in self._found:
            fonts.draw_string(canv, right, y, line, st.fontName, st.fontSize, right=True, rtl=True)
            y -= st.leading
