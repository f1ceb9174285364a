"""The bundled DejaVu fonts: registration with reportlab and glyph coverage.

reportlab's built-in fonts only cover Latin-1, so names such as "Nguyễn Thị Hằng" would print as
black boxes. DejaVu Sans covers Latin, Greek, Cyrillic, Vietnamese and more; it ships in
``resources/fonts`` with its licence. A character none of the faces has (most emoji, CJK) is
printed as a visible placeholder (□) rather than as an invisible or missing glyph.
"""

from __future__ import annotations

import contextvars
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from imgjournal.resources import resource_path

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
MONO = "DejaVuSansMono"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}

PLACEHOLDER = "\u25a1"  # □ WHITE SQUARE: in every bundled face

_lock = threading.Lock()
_coverage: _Coverage | None = None


@dataclass(frozen=True)
class _Coverage:
    sans: frozenset[int]  # code points every Sans face has
    mono: frozenset[int]
    regular: frozenset[int]  # code points the regular Sans face has (the last fallback)


def font_dir() -> Path:
    return resource_path("fonts")


def register_fonts() -> None:
    """Register the bundled faces with reportlab (once per process; thread-safe)."""
    _ensure()


def _ensure() -> _Coverage:
    global _coverage
    if _coverage is not None:
        return _coverage
    with _lock:
        if _coverage is None:
            from reportlab.pdfbase import pdfmetrics

            folder = font_dir()
            faces = {}
            for name, filename in _FILES.items():
                face = _MeasuredFont(name, str(folder / filename))
                pdfmetrics.registerFont(face)
                faces[name] = frozenset(face.face.charToGlyph)
            pdfmetrics.registerFontFamily(
                SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
            )
            pdfmetrics.registerFontFamily(
                MONO, normal=MONO, bold=MONO, italic=MONO, boldItalic=MONO
            )
            sans = faces[SANS] & faces[SANS_BOLD] & faces[SANS_ITALIC] & faces[SANS_BOLD_ITALIC]
            _fix_to_unicode()
            _coverage = _Coverage(sans=sans, mono=faces[MONO], regular=faces[SANS])
            _SANS_MAP.coverage = _coverage.sans
            _MONO_MAP.coverage = _coverage.mono
    return _coverage


def _fix_to_unicode() -> None:
    """Make reportlab write characters beyond the BMP (emoji, rare CJK) into the PDF's
    ToUnicode map as UTF-16, as the PDF format says: reportlab 5.1 writes their code point
    as five hex digits, which readers reject, so copying or searching such text failed."""
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts.makeToUnicodeCMap, "_imgj", False):
        return
    original = ttfonts.makeToUnicodeCMap

    def make_cmap(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)
        if all(v <= 0xFFFF for v in subset):
            return text
        for i, v in enumerate(subset):
            if v > 0xFFFF:
                utf16 = chr(v).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{utf16}>", 1)
        return text

    make_cmap._imgj = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_cmap


def _measured_font_class() -> type:
    from reportlab.pdfbase.ttfonts import TTFont

    class MeasuredFont(TTFont):
        """A TTFont that remembers the width of each word it has measured.

        Laying out a paragraph measures every word, and a sheet repeats the same words
        thousands of times; reportlab's pure-Python measuring was a third of the build.
        The arithmetic is reportlab's own, so widths are identical.
        """

        _CAPACITY = 200_000

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._widths: dict[str, float] = {}

        def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
            units = self._widths.get(text)  # type: ignore[arg-type]
            if units is None:
                if not isinstance(text, str):
                    text = text.decode(encoding or "utf8")
                get, default = self.face.charWidths.get, self.face.defaultWidth
                units = sum(get(ord(ch), default) for ch in text)
                if len(self._widths) < self._CAPACITY:
                    self._widths[text] = units
            return 0.001 * size * units

    return MeasuredFont


def _MeasuredFont(name: str, path: str, index: int = 0) -> object:  # noqa: N802 - a factory
    global _measured_cls
    if _measured_cls is None:
        _measured_cls = _measured_font_class()
    return _measured_cls(name, path, subfontIndex=index)


_measured_cls: type | None = None


class _GlyphMap(dict[int, int | str | None]):
    """A ``str.translate`` table filled lazily: each code point is decided once."""

    coverage: frozenset[int] = frozenset()

    def __missing__(self, cp: int) -> int | str | None:
        result = _decide(cp, self.coverage)
        self[cp] = result
        return result


def _decide(cp: int, coverage: frozenset[int]) -> int | str | None:
    ch = chr(cp)
    if ch in "\n\t":
        return cp
    cat = unicodedata.category(ch)
    if cat in ("Zl", "Zp"):
        return "\n"
    if cat == "Cc":
        return " " if ch in "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85" else None
    if cp in coverage:
        return cp
    if cat == "Zs":
        return " "
    # Invisible joiners, variation selectors, skin-tone modifiers and combining marks the font
    # lacks would each become a box of their own: drop them, the base character shows one.
    if cat in ("Cf", "Mn", "Me") or 0x1F3FB <= cp <= 0x1F3FF:
        return None
    return PLACEHOLDER


_SANS_MAP = _GlyphMap()
_MONO_MAP = _GlyphMap()
_SPACE_LIKE = "\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ASCII_CONTROL = {cp: (" " if chr(cp) in _SPACE_LIKE else None) for cp in range(32)}
_ASCII_CONTROL.pop(ord("\n"))
_ASCII_CONTROL.pop(ord("\t"))
_ASCII_CONTROL[0x7F] = None


def printable(text: str, *, mono: bool = False) -> str:
    """``text`` with every character the font cannot print replaced or dropped.

    NFC first, so a name typed with combining accents prints with the precomposed letters.
    Control characters go; characters without a glyph become :data:`PLACEHOLDER`.
    """
    if not text:
        return ""
    if text.isascii():
        if text.isprintable():
            return text
        return text.translate(_ASCII_CONTROL)
    _ensure()
    text = unicodedata.normalize("NFC", _strip_surrogates(text))
    text = text.translate(_MONO_MAP if mono else _SANS_MAP)
    if PLACEHOLDER in text:
        # One box for a whole emoji sequence (👩🏽‍⚕️), not one per joined part.
        text = _SEQUENCE_AFTER_BOX.sub(PLACEHOLDER, text)
    return text


_SEQUENCE_AFTER_BOX = re.compile(PLACEHOLDER + "(?:\u200d.?[\ufe0e\ufe0f]?|[\ufe0e\ufe0f])+")


def clean(text: str) -> str:
    """``text`` NFC-normalised, a lone surrogate (which no PDF can hold) as a box."""
    return unicodedata.normalize("NFC", _strip_surrogates(text)) if text else ""


def _strip_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(PLACEHOLDER if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


# -- other fonts for what DejaVu lacks ------------------------------------------------------
# The characters a build could not print, collected while ``collecting_missing`` is active.
_missing: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "imgjournal_pdf_missing", default=None
)
_fallback_names: dict[tuple[str, int], str] = {}  # (path, index) -> registered font name
_fallback_lock = threading.Lock()
_FALLBACK_OFF = {"off": False}


@contextmanager
def collecting_missing() -> Iterator[set[str]]:
    """Collect the characters printed as boxes (no font has them) inside the block."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def use_system_fonts(on: bool) -> None:
    """Whether :func:`markup` looks for the computer's fonts (tests turn it off)."""
    _FALLBACK_OFF["off"] = not on
    _variants.clear()  # the bold and italic faces found are the computer's, or none


def _fallback_font(cp: int, prefer: str | None) -> str | None:
    """The name of a registered font that has ``cp``: the computer's, else the bundled
    regular face (which has a few scripts, Arabic among them, that the other faces lack)."""
    if not _FALLBACK_OFF["off"]:
        from imgjournal.export.pdf.fallback import system_fonts

        fonts = system_fonts()
        preferred = _faces_by_name.get(prefer) if prefer else None
        face = fonts.face_for(cp, preferred)
        if face is not None:
            return _register_fallback(face)
    cov = _ensure()
    if cp in cov.regular:
        return SANS
    return None


_faces_by_name: dict[str, object] = {}
_HAS_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]").search  # as bidi.has_rtl


def _chars_of(name: str) -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(name).face.charToGlyph


def _register_fallback(face: object) -> str:
    key = (face.path, face.index)  # type: ignore[attr-defined]
    name = _fallback_names.get(key)
    if name is not None:
        return name
    with _fallback_lock:
        name = _fallback_names.get(key)
        if name is None:
            from reportlab.pdfbase import pdfmetrics

            stem = re.sub(r"[^A-Za-z0-9-]", "", Path(key[0]).stem) or "Font"
            name = f"Fallback{len(_fallback_names)}-{stem}" + (f"-{key[1]}" if key[1] else "")
            font = _MeasuredFont(name, key[0], key[1])
            pdfmetrics.registerFont(font)
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
            _faces_by_name[name] = face
            _fallback_names[key] = name
    return name


# Non-ASCII text the sheet's faces print whole, and its markup: names and labels ("Nguyễn
# Thị Hằng", "·", "–") come back thousands of times in a long sheet.
_PLAIN_MARKUP: dict[tuple[str, bool], str] = {}
_PLAIN_MARKUP_CAPACITY = 50_000


_FALLBACK_PREFIX = 'face="Fallback'
_STYLE_TAG = re.compile(r"<(/?)(b|strong|i|em|font)\b([^>]*)>([^<]*)")
_FACE_ATTR = re.compile(r'\b(?:face|name|fontname)="([^"]*)"')
_variants: dict[tuple[str, int, int, str], str] = {}


def styled_fallbacks(text: str, font_name: str) -> str:
    """Paragraph markup ``text`` (in a style whose font is ``font_name``) with each fallback
    run inside bold or italic text (``<b>``, ``<i>``, a bold style) in the fallback's own bold
    or italic face, when the computer has one that prints the run's characters; else the run
    stays in the regular face, which prints it.

    reportlab's ``<font face=...>`` sets a face's own weight, so without this a run of
    Arabic inside ``**bold**`` printed regular; FastPara follows the same rule.
    """
    if _FALLBACK_PREFIX not in text:
        return text
    from reportlab.lib.fonts import ps2tt

    try:
        _family, bold, italic = ps2tt(font_name)
    except ValueError:
        bold = italic = 0
    stack: list[tuple[int, int]] = []

    def styled(m: re.Match[str]) -> str:
        nonlocal bold, italic
        closing, tag, attrs, after = m.group(1), m.group(2), m.group(3), m.group(4)
        if closing:
            if stack:
                bold, italic = stack.pop()
            return m.group(0)
        stack.append((bold, italic))
        if tag in ("b", "strong"):
            bold = 1
        elif tag in ("i", "em"):
            italic = 1
        else:
            face = _FACE_ATTR.search(attrs)
            if face is None:
                return m.group(0)
            name = face.group(1)
            if name.startswith("Fallback") and (bold or italic):
                chosen = _variant(name, bold, italic, after)
                bold = italic = 0  # as reportlab does: a face sets its own weight
                if chosen != name:
                    return f"<font{attrs.replace(name, chosen, 1)}>{after}"
                return m.group(0)
            try:
                _f, bold, italic = ps2tt(name)
            except ValueError:
                bold = italic = 0
        return m.group(0)

    return _STYLE_TAG.sub(styled, text)


def _variant(name: str, bold: int, italic: int, piece: str) -> str:
    """The registered bold/italic sibling of fallback font ``name`` that has every character
    of ``piece`` (markup text), else ``name``."""
    chars = "".join(sorted({c for c in piece if not c.isascii()}))
    key = (name, bold, italic, chars)
    found = _variants.get(key)
    if found is not None:
        return found
    found = name
    face = _faces_by_name.get(name)
    if face is not None and not _FALLBACK_OFF["off"]:
        from imgjournal.export.pdf.fallback import system_fonts

        sibling = system_fonts().sibling(face, bool(bold), bool(italic))  # type: ignore[arg-type]
        if sibling is not None:
            candidate = _register_fallback(sibling)
            have = _chars_of(candidate)
            if all(ord(c) in have for c in chars):
                found = candidate
    _variants[key] = found
    return found


def markup(text: str, *, mono: bool = False) -> str:
    """User text as Paragraph markup: :func:`printable`, XML-escaped, and each run of
    characters the sheet's faces lack wrapped in ``<font face=...>`` of a font that has them.

    Arabic is joined and right-to-left text put in visual order first (:mod:`.bidi`). What no
    font has prints as :data:`PLACEHOLDER` and is noted while :func:`collecting_missing`.
    """
    if not text:
        return ""
    if text.isascii():  # most text: printable() inlined (a call per string was half of it)
        if not text.isprintable():
            text = text.translate(_ASCII_CONTROL)
        return _xml_escape(text) if ("&" in text or "<" in text or ">" in text) else text
    done = _PLAIN_MARKUP.get((text, mono))
    if done is not None:
        return done
    _ensure()
    clean = unicodedata.normalize("NFC", _strip_surrogates(text))
    printed = clean.translate(_MONO_MAP if mono else _SANS_MAP)
    if len(printed) == len(clean) and PLACEHOLDER not in printed and not _HAS_RTL(printed):
        # the usual case: the sheet's faces have every character
        if "&" in printed or "<" in printed or ">" in printed:
            printed = _xml_escape(printed)
        if len(_PLAIN_MARKUP) < _PLAIN_MARKUP_CAPACITY:
            # (no fallback and no box: nothing for collecting_missing to note next time)
            _PLAIN_MARKUP[(text, mono)] = printed
        return printed
    text = clean
    out: list[str] = []
    for font, piece in runs(text, mono=mono):
        if "&" in piece or "<" in piece or ">" in piece:
            piece = _xml_escape(piece)
        out.append(piece if font is None else f'<font face="{font}">{piece}</font>')
    return "".join(out)


def runs(text: str, *, mono: bool = False, rtl: bool = False) -> list[tuple[str | None, str]]:
    """``text`` as printable pieces, each with the registered font to print it in (None: the
    sheet's own face); see :func:`markup`. ``rtl``: a line of a right-to-left paragraph
    (reversed whole, whatever its first letter)."""
    cov = _ensure()
    text = unicodedata.normalize("NFC", _strip_surrogates(text))
    from imgjournal.export.pdf import bidi

    coverage = cov.mono if mono else cov.sans
    table = _MONO_MAP if mono else _SANS_MAP
    if bidi.has_rtl(text):
        text = bidi.visual(bidi.shape_arabic(text), rtl=rtl)
    pieces: list[tuple[str | None, list[str]]] = [(None, [])]
    missing = _missing.get()
    for ch in text:
        cp = ord(ch)
        font, chars = pieces[-1]
        decided = table[cp]
        target: str | None = None
        mark = unicodedata.category(ch) in ("Mn", "Mc", "Me")
        if font is not None and (mark or ch == " ") and cp in _chars_of(font):
            target, decided = font, cp  # a mark or a space after another font's letter
        elif cp in coverage:
            pass  # the sheet's own face
        elif decided == PLACEHOLDER or (decided is None and mark):
            target = _fallback_font(cp, font)
            if target is not None:
                decided = cp
            elif decided is not None and missing is not None:
                missing.add(ch)
        if decided is None:
            continue
        piece = chr(decided) if isinstance(decided, int) else decided
        if target != font:
            pieces.append((target, [piece]))
        else:
            chars.append(piece)
    out: list[tuple[str | None, str]] = []
    for font, chars in pieces:
        if not chars:
            continue
        piece = "".join(chars)
        if font is None and PLACEHOLDER in piece:
            piece = _SEQUENCE_AFTER_BOX.sub(PLACEHOLDER, piece)
        out.append((font, piece))
    return out


def draw_string(
    canv: object,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    right: bool = False,
    rtl: bool = False,
) -> None:
    """``canvas.drawString`` of user text, with the fonts of :func:`runs` (``right``: the text
    ends at ``x``; ``rtl``: a line of a right-to-left paragraph)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = [(f or font, piece) for f, piece in runs(text, rtl=rtl)] if text else []
    if right:
        x -= sum(stringWidth(piece, f, size) for f, piece in parts)
    for f, piece in parts:
        canv.setFont(f, size)  # type: ignore[attr-defined]
        canv.drawString(x, y, piece)  # type: ignore[attr-defined]
        x += stringWidth(piece, f, size)


def width(text: str, font: str, size: float) -> float:
    """The width of user text as :func:`draw_string` prints it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(piece, f or font, size) for f, piece in runs(text)) if text else 0.0


def missing_warning(chars: set[str] | frozenset[str] | tuple[str, ...]) -> str:
    """One sentence naming the characters no font on this computer has."""
    shown = sorted(chars)
    listed = " ".join(shown[:12]) + (" …" if len(shown) > 12 else "")
    n = len(shown)
    return (
        f"{n} character{'s' if n != 1 else ''} ha{'ve' if n != 1 else 's'} no font on this "
        f"computer and print{'' if n != 1 else 's'} as boxes: {listed}; install Noto fonts "
        "(Debian: fonts-noto-core)."
    )
