"""A fast left-aligned paragraph for the sheets: reportlab's Paragraph without its generality.

A long study sheet is mostly short left-aligned paragraphs, and reportlab's ``Paragraph`` spent
three quarters of the build parsing markup with ``html.parser``, breaking lines word by word and
formatting each line through a text object. :class:`FastPara` is a Platypus flowable that prints
the same markup the same way, faster:

* the markup (only what the sheets write: ``<b> <i> <font face|name|size|color> <a href color>
  <br/>`` and entities) is read with one regular expression into runs of (format, text);
* the words become parallel lists of widths (measured once per face and word), so line
  breaking is a ``bisect`` over running sums: reportlab's greedy rule exactly, including the
  5% each space may shrink (``spaceShrinkage``) and cutting words longer than a line;
* drawing writes one ``BT … ET`` block per paragraph straight into the page, with a font or
  colour operator only when it changes and one ``Tj`` per run of a line. The fonts are the
  bundled TrueType faces, subset by reportlab as before (ASCII, which reportlab keeps at its
  own codes in the first subset, is written as is; other text through ``splitString``), so
  text extraction, copying and the embedded subsets are unchanged.

``split`` follows Paragraph's rules (orphans and widows) and ``wrap`` the style's indents,
leading, bullet and space before and after, so a FastPara and a Paragraph of the same markup lay
out on the same lines and pages. :func:`para` returns reportlab's Paragraph for anything else
(other alignments, backgrounds, borders, unknown tags, fonts that are not TrueType, a word in
several font sizes followed by more words, whose next space reportlab measures by where the
line starts, and paragraphs without words).

This module draws; the text side (markup into runs, runs into lines) is
:mod:`imgjournal.export.pdf.fastpara_text`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable, Paragraph

from imgjournal.export.pdf import fonts as _fonts
from imgjournal.export.pdf.fastpara_text import (
    Fmt,
    Line,
    Long,
    Unsupported,
    _break,
    _color_op,
    _fmt,
    _num,
    _style_color_op,
    _Words,
    parse,
)

__all__ = ["FastPara", "ParaMaker", "Unsupported", "ascii_text_code", "para"]

_NOT_PLAIN = re.compile(r"([^\x20-\x7e]+)")  # split() puts these at odd indexes
_PDF_ESCAPE = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})


# -- drawing --------------------------------------------------------------------------------
class _DocFonts:
    """What a document knows about its fonts: subset names, encoded text, ASCII as is."""

    __slots__ = ("doc", "tf", "encoded", "ascii", "as_is")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.tf: dict[tuple[str, int, float], str] = {}  # "/F1+0 9.5 Tf" by font, subset, size
        self.encoded: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {}
        self.ascii: dict[str, bool] = {}
        self.as_is: set[str] = set()  # the fonts whose ASCII is written as is

    def font_op(self, font_name: str, subset: int, size: float) -> str:
        op = self.tf.get((font_name, subset, size))
        if op is None:
            name = getFont(font_name).getSubsetInternalName(subset, self.doc)
            op = self.tf[(font_name, subset, size)] = f"{name} {_num(size)} Tf"
        return op

    def ascii_as_is(self, font_name: str) -> bool:
        """True when printable ASCII has its own codes in subset 0 (reportlab's default,
        ``ttfAsciiReadable``), so it can be written without ``splitString``."""
        ok = self.ascii.get(font_name)
        if ok is None:
            font = getFont(font_name)
            font.splitString(" ", self.doc)  # creates the document's state for the font
            assigned = font.state[self.doc].assignments
            ok = self.ascii[font_name] = all(assigned.get(c) == c for c in range(32, 127))
            if ok:
                self.as_is.add(font_name)
        return ok

    def chunks(self, font_name: str, text: str) -> tuple[tuple[int, str], ...]:
        """``text`` as (subset, hex codes) pieces; cached for words, which repeat."""
        found = self.encoded.get((font_name, text))
        if found is None:
            pieces = getFont(font_name).splitString(text, self.doc)
            found = tuple((subset, codes.hex()) for subset, codes in pieces)
            if len(text) <= 40:
                self.encoded[(font_name, text)] = found
        return found


def _doc_fonts(canv: Any) -> _DocFonts:
    doc = canv._doc
    found = getattr(doc, "_imgj_fonts", None)
    if found is None:
        found = doc._imgj_fonts = _DocFonts(doc)
    return found


class FastPara(Flowable):
    """Left-aligned text of Paragraph markup in a ParagraphStyle (see the module docstring).

    ``text``, ``style`` and ``bulletText`` mean what they mean for reportlab's Paragraph.
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bulletText: str | None = None,  # noqa: N803 - Paragraph's name
        *,
        _words: _Words | None = None,
        _span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.bulletText = bulletText
        self._words = _words
        self._span = _span or (0, 0)
        self._continued = _words is not None and _span is not None and _span[0] > 0
        self._width_key: float | None = None
        self._source: tuple[_Words, tuple[int, int]] | None = None  # before long words are cut
        self._lines: list[Line] = []
        self._offset = 0.0  # of the first line: the first-line indent or room for the bullet
        self.width = self.height = 0.0

    def __repr__(self) -> str:
        return f"FastPara({self.text[:40]!r}, {self.style.name!r})"

    # -- Paragraph's interface used by the sheets and Platypus ------------------------------
    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def getPlainText(self) -> str:  # noqa: N802
        """The text as printed, lines joined by spaces (a debugging and test aid)."""
        words = self.words()
        lo, hi = self._span
        out: list[str] = []
        for i in range(lo, hi):
            if words.fmts[i] is None:
                out.append("\n")
            else:
                if i > lo and words.sb[i] and words.fmts[i - 1] is not None:
                    out.append(" ")
                out.append(words.texts[i])
        return "".join(out)

    def words(self) -> _Words:
        words = self._words
        if words is None:
            st = self.style
            words = self._words = _Words(parse(self.text, st), shrink=st.spaceShrinkage or 0.0)
            self._span = (0, len(words.texts))
        return words

    @property
    def line_count(self) -> int:
        """How many lines the last wrap made."""
        return len(self._lines)

    def last_line_end(self) -> float:
        """Where the text of the last line ends, from the flowable's left edge (after wrap)."""
        if not self._lines:
            return self.style.leftIndent
        offset = self._offset if len(self._lines) == 1 else 0.0
        return self.style.leftIndent + offset + self._lines[-1][2]

    # -- layout -----------------------------------------------------------------------------
    def _bullet_width(self) -> float:
        st = self.style
        return getFont(st.bulletFontName).stringWidth(self.bulletText, st.bulletFontSize)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._width_key == availWidth:
            return self.width, self.height
        st = self.style
        later = availWidth - st.leftIndent - st.rightIndent
        offset = 0.0 if self._continued else st.firstLineIndent
        first = later - offset
        if self.bulletText:
            # Paragraph's rules: a bullet wider than its column pushes the first line right.
            bullet_end = st.bulletIndent + self._bullet_width() + 0.6 * st.bulletFontSize
            if bullet_end > st.leftIndent + offset:
                first -= bullet_end - st.leftIndent - offset
            offset = max(offset, bullet_end - st.leftIndent)
        words = self.words()
        if self._source is None:
            self._source = (words, self._span)
        words, (lo, hi) = self._source
        lines: list[Line] | Long = []
        if not words.count:
            breaks = [b for b in words.breaks if lo <= b < hi]
            if len(breaks) > 1:  # Paragraph's quirk: one <br/> alone is no line, two are two
                lines = [(b, b, 0.0) for b in breaks]
        elif (known := words.lines.get((lo, hi, first, later))) is not None:
            lines = known  # the same words, span and widths as a paragraph laid out before
        else:
            uncut = words
            while not isinstance(lines := _break(words, lo, hi, first, later), list):
                e, g, used, width = lines
                before = len(words.texts)
                words = words.cut_word(e, g, used, width, later)
                hi += len(words.texts) - before
            if words is uncut:
                uncut.lines[(lo, hi, first, later)] = lines
        self._words, self._span = words, (lo, hi)
        self._lines = lines
        self._offset = offset
        self._width_key = availWidth
        self.width = availWidth
        self.height = len(lines) * st.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        st = self.style
        lines = self._lines
        fit = int(availHeight / st.leading)
        if fit == 0 or (fit == 1 and not st.allowOrphans):
            return []
        n = len(lines)
        if n <= fit:
            return [self]
        if n == fit + 1 and not st.allowWidows:
            if n > 3 or (st.allowOrphans and n == 3):
                fit -= 1  # give the widow some company
            else:
                return []
        lo, hi = self._span
        cut = lines[fit][0]
        head = FastPara(self.text, st, self.bulletText, _words=self._words, _span=(lo, cut))
        head._continued = self._continued
        head._lines, head._offset = lines[:fit], self._offset
        head._width_key, head.width, head.height = availWidth, availWidth, fit * st.leading
        mark = getattr(self, "_imgj_outline", None)
        if mark is not None:
            head._imgj_outline = mark  # type: ignore[attr-defined]
        tail = FastPara(self.text, st, None, _words=self._words, _span=(cut, hi))
        tail._continued = True
        return [head, tail]

    # -- drawing ----------------------------------------------------------------------------
    def draw(self) -> None:
        self._draw(self.canv, 0.0, 0.0)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        # No translate and no saved state per paragraph: coordinates go into the text.
        if _sW:
            x = self._hAlignAdjust(x, _sW)
        self._draw(canvas, x, y)

    def _draw(self, canv: Any, x0: float, y0: float) -> None:
        lines = self._lines
        if not lines:
            return
        st = self.style
        fonts = _doc_fonts(canv)
        words = self._words
        assert words is not None
        texts, fmts, sb, cum, bounds = words.texts, words.fmts, words.sb, words.cum, words.bounds
        spf = words.space_fmts
        code: list[str] = ["q BT"]
        out = code.append
        font_now: str | None = None  # the font operator in effect
        color_now: str | None = None
        tf, as_is = fonts.tf, fonts.as_is

        def show(f: Fmt, text: str) -> None:
            nonlocal font_now, color_now
            name, size, color = f[0], f[1], f[2]
            if color is not color_now:
                out(color)
                color_now = color
            if name not in as_is and not fonts.ascii_as_is(name):
                pieces = ["", text]  # no ASCII as is: every character through splitString
            elif text.isascii() and text.isprintable():
                pieces = [text]  # the usual case: all of it as is
            else:  # ASCII as is, the rest (·, –, “, names) encoded word by word
                pieces = _NOT_PLAIN.split(text)
            for k, piece in enumerate(pieces):
                if not piece:
                    continue
                if not k % 2:
                    op = tf.get((name, 0, size)) or fonts.font_op(name, 0, size)
                    if op is not font_now:
                        out(op)
                        font_now = op
                    if "(" in piece or ")" in piece or "\\" in piece:
                        piece = piece.translate(_PDF_ESCAPE)
                    out(f"({piece}) Tj")
                    continue
                for subset, codes in fonts.chunks(name, piece):
                    op = tf.get((name, subset, size)) or fonts.font_op(name, subset, size)
                    if op is not font_now:
                        out(op)
                        font_now = op
                    out(f"<{codes}> Tj")

        s0, e0, _ = lines[0]
        size0 = max([f[1] for f in fmts[s0:e0] if f is not None], default=st.fontSize)
        y = y0 + self.height - size0  # the first baseline, as Paragraph puts it
        if self.bulletText:
            color = _style_color_op(getattr(st, "bulletColor", None) or st.textColor)
            bullet = _fmt(st.bulletFontName, st.bulletFontSize, color, None)
            out(f"1 0 0 1 {x0 + st.bulletIndent:.2f} {y:.2f} Tm")
            show(bullet, self.bulletText)
        left = x0 + st.leftIndent
        leading = st.leading
        links: list[tuple[str, float, float, float, float]] = []
        nbounds = len(bounds)
        first = True
        for s, e, _ in lines:
            if e > s:
                x = left + self._offset if first else left
                out(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                start = cum[s] + sb[s]
                bi = bisect_right(bounds, s)
                i = s
                lead = ""
                while i < e:
                    j = bounds[bi] if bi < nbounds and bounds[bi] < e else e
                    bi += 1
                    f = fmts[i]
                    text = texts[i] if j == i + 1 else " ".join(texts[i:j])
                    space = None
                    if j < e and sb[j]:  # the space between two runs, in its own format
                        space = spf.get(j)
                        if space is None:
                            text += " "
                        elif space is fmts[j]:
                            space = None
                    show(f, lead + text)
                    lead = ""
                    if space is not None:
                        show(space, " ")
                    elif j < e and sb[j] and j in spf:
                        lead = " "
                    if f[3] is not None:
                        xa = x + cum[i] - start + (sb[i] if i > s else 0.0)
                        links.append((f[3], xa, y, x + cum[j] - start, f[1]))
                    i = j
            first = False
            y -= leading
        out("ET Q")
        canv._code.append(" ".join(code))
        for url, xa, base, xb, size in links:
            low = base - size / 8.0
            canv.linkURL(url, (xa, low, xb, low + leading), relative=1, thickness=0)


def ascii_text_code(
    canv: Any, text: str, font_name: str, size: float, color: Any, x: float, y: float
) -> str | None:
    """The content-stream code that prints one line of printable ASCII ``text`` at (x, y),
    the way ``drawString`` prints it; None when the font cannot take it as is.

    For text drawn on every page (the footer): ``drawString`` makes a text object, saves the
    graphics state and formats every number each time.
    """
    if not (text.isascii() and text.isprintable()):
        return None
    fonts = _doc_fonts(canv)
    if not fonts.ascii_as_is(font_name):
        return None
    font, shown = fonts.font_op(font_name, 0, size), text.translate(_PDF_ESCAPE)
    return f"BT {font} {_color_op(color)} 1 0 0 1 {_num(x)} {_num(y)} Tm ({shown}) Tj ET"


_FALLBACK = _fonts._FALLBACK_PREFIX


def para(text: str, style: ParagraphStyle, bulletText: str | None = None) -> Flowable:  # noqa: N803
    """A :class:`FastPara` of ``text`` when it prints it as Paragraph would, else a Paragraph."""
    if _FALLBACK in text:  # other fonts' runs inside bold or italic: their bold or italic faces
        text = _fonts.styled_fallbacks(text, style.fontName)
    if (
        style.alignment != TA_LEFT
        or style.backColor
        or (style.borderWidth and style.borderColor)
        or getattr(style, "autoLeading", "") not in ("", "off", None)
        or style.wordWrap
        or style.endDots
        or getattr(style, "hyphenationLang", "")
        or getattr(style, "embeddedHyphenation", 0)
        or getattr(style, "uriWasteReduce", 0)
        or not style.splitLongWords
    ):
        return Paragraph(text, style, bulletText=bulletText)
    try:
        p = FastPara(text, style, bulletText)
        words = p.words()
        if not words.count:
            # only line breaks or spaces: Paragraph has its own rules for these (one <br/> is
            # no line, two are two; spaces are no line or one empty line, by their fragments)
            raise Unsupported("no words")
        if bulletText:
            _fmt(style.bulletFontName, style.bulletFontSize, _color_op(style.textColor), None)
    except Unsupported:
        return Paragraph(text, style, bulletText=bulletText)
    return p


class ParaMaker:
    """:func:`para` for one document: paragraphs of the same markup and style share their
    words (a story linked to several prompts prints several times), so each is read once.

    Keep one per build: the words stay alive as long as the maker.
    """

    def __init__(self) -> None:
        self._words: dict[tuple[str, ParagraphStyle], _Words] = {}

    def __call__(
        self,
        text: str,
        style: ParagraphStyle,
        bulletText: str | None = None,  # noqa: N803 - Paragraph's name
    ) -> Flowable:
        if _FALLBACK in text:
            text = _fonts.styled_fallbacks(text, style.fontName)
        words = self._words.get((text, style))
        if words is None:
            p = para(text, style, bulletText)
            if isinstance(p, FastPara):
                self._words[(text, style)] = p.words()
            return p
        if bulletText:
            try:
                _fmt(style.bulletFontName, style.bulletFontSize, _color_op(style.textColor), None)
            except Unsupported:
                return Paragraph(text, style, bulletText=bulletText)
        return FastPara(text, style, bulletText, _words=words, _span=(0, len(words.texts)))
