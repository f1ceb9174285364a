"""The text side of :class:`~imgjournal.export.pdf.fastpara.FastPara`: the sheets' markup read
into runs of (format, text), and runs broken into lines.

* :func:`parse` reads only what the sheets write (``<b> <i> <font face|name|size|color>
  <a href color> <br/>`` and entities) through cached tag actions; anything else raises
  :class:`Unsupported`, and ``fastpara.para`` then uses reportlab's Paragraph.
* :class:`_Words` holds a paragraph's words as parallel lists of widths (measured once per
  face and word) with running sums, so :func:`_break` is a ``bisect`` per line: reportlab's
  greedy rule, including the 5% each space may shrink and cutting words longer than a line.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import add, mul
from typing import Any

from reportlab.lib.colors import toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.paragraph import _wsc

_WSC = frozenset(_wsc)  # what reportlab breaks lines at (every space but the no-break ones)
_WS_SPLIT = re.compile(f"[{re.escape(_wsc)}]+").split
_TOKEN = re.compile(
    r"<(/?)([a-zA-Z]+)((?:\s+[a-zA-Z_]+\s*=\s*\"[^\"]*\")*)\s*(/?)>"
    r"|&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);"
)
_ATTRS = re.compile(r"([a-zA-Z_]+)\s*=\s*\"([^\"]*)\"")
_SAFE_LINK = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\xa0"}
_FUZZ = 1e-6


class Unsupported(ValueError):
    """Markup or a style FastPara does not print (``para`` then uses reportlab's Paragraph)."""


# -- formats --------------------------------------------------------------------------------
# A format is (font name, size, colour operator, link or None); formats are interned so that
# "same format" is an identity test.
Fmt = tuple[str, float, str, str | None]
_formats: dict[Fmt, Fmt] = {}
_color_ops: dict[Any, str] = {}
_style_color_ops: dict[int, tuple[Any, str]] = {}  # id(Color) -> (the Color, its operator)
_families: dict[str, tuple[str, int, int]] = {}
_faces: dict[tuple[str, int, int], str] = {}
_truetype: dict[str, bool] = {}


def _fmt(font: str, size: float, color: str, link: str | None) -> Fmt:
    key = (font, size, color, link)
    found = _formats.get(key)
    if found is None:
        ok = _truetype.get(font)
        if ok is None:
            try:
                ok = bool(getattr(getFont(font), "_dynamicFont", False))
            except KeyError:
                ok = False
            _truetype[font] = ok
        if not ok:
            raise Unsupported(f"font {font} is not a TrueType font")
        found = _formats[key] = key
    return found


def _color_op(color: Any) -> str:
    op = _color_ops.get(color)
    if op is None:
        c = toColor(color)
        if c is None:
            raise Unsupported(f"colour {color!r}")
        r, g, b = c.rgb()
        op = _color_ops[color] = f"{_num(r)} {_num(g)} {_num(b)} rg"
    return op


def _style_color_op(color: Any) -> str:
    """``_color_op`` of a style's colour object, found by identity (Color hashes slowly)."""
    found = _style_color_ops.get(id(color))
    if found is None or found[0] is not color:
        found = _style_color_ops[id(color)] = (color, _color_op(color))
    return found[1]


def _num(x: float) -> str:
    """A number for the content stream: up to four decimals, no trailing zeros."""
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def _family(font: str) -> tuple[str, int, int]:
    found = _families.get(font)
    if found is None:
        try:
            found = ps2tt(font)
        except ValueError:
            found = (font, 0, 0)
        _families[font] = found
    return found


def _face(family: str, bold: int, italic: int) -> str:
    key = (family, bold, italic)
    found = _faces.get(key)
    if found is None:
        try:
            found = tt2ps(family, bold, italic)
        except ValueError:
            found = family
        _faces[key] = found
    return found


# -- markup ---------------------------------------------------------------------------------
Run = tuple[Fmt, str] | None  # None is a <br/>


_SPLIT = re.compile(r"(<[^<>]*>|&#?[A-Za-z0-9]+;)").split  # text, token, text, token, …
_actions: dict[str, tuple] = {}  # what each tag or entity does, read once


def _action(token: str) -> tuple:
    """What ``token`` (a tag or an entity) does: ("char", c), ("br",), ("close", tag) or
    ("open", tag, changes) with changes a tuple of (what, value)."""
    found = _actions.get(token)
    if found is not None:
        return found
    m = _TOKEN.fullmatch(token)
    if m is None:
        raise Unsupported(token)
    entity = m.group(5)
    if entity is not None:
        char = _ENTITIES.get(entity)
        if char is None:
            char = html.unescape(token)
            if char == token:
                raise Unsupported(f"entity {token}")
        found = ("char", char)
    else:
        closing, tag, attrs, empty = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
        if tag == "br":
            found = ("br",)
        elif closing:
            found = ("close", tag)
        elif empty:
            raise Unsupported(token)
        elif tag == "b":
            found = ("open", tag, (("bold", 1),))
        elif tag == "i":
            found = ("open", tag, (("italic", 1),))
        elif tag in ("font", "a"):
            changes: list[tuple[str, Any]] = []
            for name, value in _ATTRS.findall(attrs):
                name, value = name.lower(), html.unescape(value)
                if name in ("face", "name", "fontname"):
                    changes.append(("face", _family(value)))
                elif name in ("size", "fontsize"):
                    value = value.strip()
                    relative = value[:1] in "+-"
                    changes.append(("grow" if relative else "size", float(value)))
                elif name in ("color", "fg", "textcolor"):
                    changes.append(("color", _color_op(value)))
                elif name == "href" and tag == "a" and _SAFE_LINK.match(value):
                    changes.append(("link", value))
                else:
                    raise Unsupported(f"{tag} {name}={value!r}")
            found = ("open", tag, tuple(changes))
        else:
            raise Unsupported(token)
    if len(_actions) < 20_000:
        _actions[token] = found
    return found


def parse(markup: str, style: ParagraphStyle) -> list[Run]:
    """The runs of ``markup`` in ``style``: (format, text), or None for a line break.

    Fonts follow reportlab's rules: ``<b>``/``<i>`` pick the face of the current family,
    ``<font face=…>`` sets the family and its own boldness, ``size="-1"`` is relative.
    """
    family, bold, italic = _family(style.fontName)
    size, color, link = style.fontSize, _style_color_op(style.textColor), None
    if "<" not in markup and "&" not in markup:
        return [(_fmt(_face(family, bold, italic), size, color, None), markup)]
    stack: list[tuple[str, tuple]] = []
    runs: list[Run] = []
    text = ""
    fmt: Fmt | None = None  # the format of ``text``
    for k, piece in enumerate(_SPLIT(markup)):
        if not k % 2:  # text
            if piece:
                if fmt is None:
                    fmt = _fmt(_face(family, bold, italic), size, color, link)
                text += piece
            continue
        action = _actions.get(piece) or _action(piece)
        kind = action[0]
        if kind == "char":
            if fmt is None:
                fmt = _fmt(_face(family, bold, italic), size, color, link)
            text += action[1]
            continue
        if text:  # the format changes (or a line breaks): the run so far is complete
            last = runs[-1] if runs else None
            if last is not None and last[0] is fmt:
                runs[-1] = (fmt, last[1] + text)
            else:
                runs.append((fmt, text))  # type: ignore[arg-type]
            text = ""
        fmt = None
        if kind == "br":
            runs.append(None)
        elif kind == "close":
            if not stack or stack[-1][0] != action[1]:
                raise Unsupported(f"{piece} does not close the open tag")
            family, bold, italic, size, color, link = stack.pop()[1]
        else:
            stack.append((action[1], (family, bold, italic, size, color, link)))
            for what, value in action[2]:
                if what == "bold":
                    bold = 1
                elif what == "italic":
                    italic = 1
                elif what == "face":
                    family, bold, italic = value
                elif what == "size":
                    size = value
                elif what == "grow":
                    size = size + value
                elif what == "color":
                    color = value
                else:
                    link = value
    if stack:
        raise Unsupported(f"<{stack[-1][0]}> is not closed")
    if text:
        last = runs[-1] if runs else None
        if last is not None and last[0] is fmt:
            runs[-1] = (fmt, last[1] + text)
        else:
            runs.append((fmt, text))  # type: ignore[arg-type]
    return runs


# -- words ----------------------------------------------------------------------------------
# reportlab measures the space after a word that starts in one size and ends in another
# (x<font size="-1">y </font>z) in the size of its first piece, but only where the word does not
# start a wrapped line, and shrinks it by its real width: widths that depend on the line, which
# running sums cannot hold. Paragraph prints those, and any word in several sizes before a
# space: cutting a long word can start its last piece in another size than its end.
_TWO_SIZES = "a space after a word in two sizes"


class _Units(dict[str, float]):
    """The width of each word in thousandths of the font size, measured once per face."""

    _CAPACITY = 300_000

    def __init__(self, font: Any) -> None:
        super().__init__()
        self._widths = font.face.charWidths.get
        self._default = font.face.defaultWidth

    def __missing__(self, word: str) -> float:
        get, default = self._widths, self._default
        units = sum([get(ord(ch), default) for ch in word])
        if len(self) < self._CAPACITY:
            self[word] = units
        return units


_units: dict[str, _Units] = {}


def _units_of(font: str) -> _Units:
    found = _units.get(font)
    if found is None:
        found = _units[font] = _Units(getFont(font))
    return found


class _Words:
    """A paragraph's words as parallel lists, ready to be broken into lines and drawn.

    One token per piece of a word in one format: ``texts``, ``widths`` and ``fmts``; ``sb`` is
    the width of the space before a token (0 when it is glued to the one before: ``**a**b``)
    and ``glued`` holds the tokens a line may not start with; ``space_fmts`` the format of that
    space, by token, where it is not the one of the token before (``a <b>b</b> c``: the space
    after b is regular). ``cum`` holds the running sums of space and width, ``fit`` the same
    with each space shrunk by ``shrink`` (what line breaking measures).
    ``bounds`` are the tokens that start a drawn segment (a new format, glue, a line break);
    ``breaks`` the forced line breaks (tokens of no width and no format that end a line).
    """

    __slots__ = (
        "texts",
        "widths",
        "fmts",
        "sb",
        "glued",
        "cum",
        "fit",
        "bounds",
        "breaks",
        "shrink",
        "count",
        "space_fmts",
        "lines",
    )

    def __init__(self, runs: list[Run], *, shrink: float = 0.0) -> None:
        texts: list[str] = []
        widths: list[float] = []
        fmts: list[Any] = []
        sb: list[float] = []
        spf: dict[int, Fmt] = {}
        glued: set[int] = set()
        bounds: list[int] = []
        breaks: list[int] = []
        # whitespace since the last token: its format, its width, and whether it follows a word
        # in several sizes (see _TWO_SIZES)
        pending: tuple[Fmt, float, bool] | None = None
        mixed = False  # whether the last word so far is in several sizes
        for run in runs:
            n0 = len(texts)
            if run is None:
                bounds.append(n0)
                breaks.append(n0)
                texts.append("")
                widths.append(0.0)
                fmts.append(None)
                sb.append(0.0)
                pending = None
                continue
            f, text = run
            words = text.split() if text.isascii() else [w for w in _WS_SPLIT(text) if w]
            units = _units_of(f[0])
            scale = f[1] * 0.001
            space = units[" "] * scale
            if not words:
                if text and pending is None:
                    pending = (f, space, False)
                continue
            if pending is None and text[0] in _WSC:
                pending = (f, space, False)
            n = len(words)
            bounds.append(n0)
            texts += words
            widths += map(mul, map(units.__getitem__, words), repeat(scale, n))
            fmts += [f] * n
            sb += [space] * n
            if n0 == 0 or fmts[n0 - 1] is None:
                sb[n0] = 0.0
                mixed = False
            elif pending is None:
                sb[n0] = 0.0  # glued to the word before: **bold**text
                glued.add(n0)
                mixed = mixed or f[1] != fmts[n0 - 1][1]
                if n > 1:
                    if mixed:
                        raise Unsupported(_TWO_SIZES)
                    mixed = False
            else:  # the space between two runs, measured (and drawn) in its own format
                if pending[2]:
                    raise Unsupported(_TWO_SIZES)
                sb[n0] = pending[1]
                if pending[0] is not fmts[n0 - 1]:
                    spf[n0] = pending[0]
                mixed = False
            pending = (f, space, mixed) if text[-1] in _WSC else None
        self.texts, self.widths, self.fmts, self.sb, self.glued = texts, widths, fmts, sb, glued
        self.space_fmts = spf
        self.bounds, self.breaks, self.shrink = bounds, breaks, shrink
        self._sums()

    def cut_word(self, e: int, g: int, line_width: float, width: float, later: float) -> _Words:
        """A copy with the word of tokens e..g cut between characters into line-long pieces,
        as reportlab's ``splitLongWords`` does: the first piece fills the line from
        ``line_width``, each next one a line of ``later`` points; forced breaks end them."""
        pieces: list[list[tuple[Fmt, str]]] = [[]]
        max_w = width
        for i in range(e, g):
            f = self.fmts[i]
            units = _units_of(f[0])
            scale = f[1] * 0.001
            for ch in self.texts[i]:
                cw = units[ch] * scale
                chunk = pieces[-1]
                if line_width + cw > max_w and (chunk or cw <= later):
                    pieces.append([])
                    chunk = pieces[-1]
                    max_w, line_width = later, cw
                else:
                    line_width += cw
                if chunk and chunk[-1][0] is f:
                    chunk[-1] = (f, chunk[-1][1] + ch)
                else:
                    chunk.append((f, ch))
        texts: list[str] = []
        widths: list[float] = []
        fmts: list[Any] = []
        sb: list[float] = []
        glued: set[int] = set()
        for k, chunk in enumerate(pieces):
            if k:
                texts.append("")
                widths.append(0.0)
                fmts.append(None)
                sb.append(0.0)
            for j, (f, text) in enumerate(chunk):
                texts.append(text)
                widths.append(_units_of(f[0])[text] * f[1] * 0.001)
                fmts.append(f)
                sb.append(self.sb[e] if k == 0 and j == 0 else 0.0)
                if j or (k == 0 and e in self.glued):
                    glued.add(e + len(texts) - 1)
        new = object.__new__(_Words)
        new.texts = self.texts[:e] + texts + self.texts[g:]
        new.widths = self.widths[:e] + widths + self.widths[g:]
        new.fmts = self.fmts[:e] + fmts + self.fmts[g:]
        new.sb = self.sb[:e] + sb + self.sb[g:]
        shift = len(texts) - (g - e)
        new.glued = {i for i in self.glued if i < e} | glued
        new.glued |= {i + shift for i in self.glued if i >= g}
        new.space_fmts = {
            (i if i < g else i + shift): f for i, f in self.space_fmts.items() if not e < i < g
        }
        new.shrink = self.shrink
        new._finish()
        return new

    def _finish(self) -> None:
        """Segments, forced breaks and running sums from the token lists."""
        fmts, sb = self.fmts, self.sb
        self.breaks = [i for i, f in enumerate(fmts) if f is None]
        self.bounds = [
            i
            for i, f in enumerate(fmts)
            if i == 0 or f is None or f is not fmts[i - 1] or not sb[i]
        ]
        self._sums()

    def _sums(self) -> None:
        # The lines of a span at a width, for paragraphs that share these words (ParaMaker):
        # a story printed under several prompts is broken into lines once.
        self.lines: dict[tuple[int, int, float, float], list[Line]] = {}
        sb, widths = self.sb, self.widths
        self.count = len(self.texts) - len(self.breaks)
        self.cum = [0.0, *accumulate(map(add, sb, widths))]
        if self.shrink:
            keep = 1.0 - self.shrink
            self.fit = [0.0, *accumulate(map(add, map(mul, sb, repeat(keep)), widths))]
        else:
            self.fit = self.cum


Line = tuple[int, int, float]  # first token, end token, width


Long = tuple[int, int, float, float]  # a word too long for any line: e, g, x on its line, width


def _break(words: _Words, lo: int, hi: int, first: float, later: float) -> list[Line] | Long:
    """reportlab's greedy line breaking of tokens lo..hi.

    A line from token s takes every token whose running sum (spaces shrunk) fits. Returns
    the lines, or the first word wider than its line (to be cut, see ``_Words.cut_word``).
    """
    cum, fit, sb, glued, breaks = words.cum, words.fit, words.sb, words.glued, words.breaks
    texts, widths = words.texts, words.widths
    keep = 1.0 - words.shrink
    lines: list[Line] = []
    nb = len(breaks)
    bi = bisect_left(breaks, lo)
    stop = breaks[bi] if bi < nb and breaks[bi] < hi else hi  # the next forced break
    width = first
    s = lo
    while s < hi:
        if s == stop:  # a line break right after another one: an empty line
            lines.append((s, s, 0.0))
        else:
            limit = fit[s] + sb[s] * keep + width + _FUZZ
            e = bisect_right(fit, limit, s + 1, stop + 1) - 1
            if e < stop:
                while e > s and e in glued:
                    e -= 1  # back to the start of the word that does not fit
                g = e + 1
                while g < stop and g in glued:
                    g += 1
                if e == s and g == s + 1 and len(texts[s]) == 1 and widths[s] > later:
                    e = g  # one character wider than any line overflows, as in reportlab
                elif e == s or cum[g] - cum[e] - sb[e] > width:
                    used = cum[e] - cum[s] - sb[s] + sb[e] if e > s else 0.0
                    return (e, g, used, width)
            lines.append((s, e, cum[e] - cum[s] - sb[s]))
            width = later
            if e < stop:
                s = e
                continue
        s = stop + 1  # past the forced break
        width = later
        bi += 1
        stop = breaks[bi] if bi < nb and breaks[bi] < hi else hi
    return lines
