"""The bundled DejaVu fonts: registration with reportlab and glyph coverage.

reportlab's built-in fonts only cover Latin-1, so names such as "Nguyễn Thị Hằng" would print as
black boxes. DejaVu Sans covers Latin, Greek, Cyrillic, Vietnamese and more; it ships in
``resources/fonts`` with its licence. A character none of the faces has (most emoji, CJK) is
printed as a visible placeholder (□) rather than as an invisible or missing glyph.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
            # Beyond the BMP (the few emoji DejaVu draws) reportlab writes a broken ToUnicode
            # entry, so copying or searching the PDF would fail: print those as boxes too.
            sans = frozenset(cp for cp in sans if cp <= 0xFFFF)
            _coverage = _Coverage(sans=sans, mono=frozenset(c for c in faces[MONO] if c <= 0xFFFF))
            _SANS_MAP.coverage = _coverage.sans
            _MONO_MAP.coverage = _coverage.mono
    return _coverage


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


def _MeasuredFont(name: str, path: str) -> object:  # noqa: N802 - a class factory
    global _measured_cls
    if _measured_cls is None:
        _measured_cls = _measured_font_class()
    return _measured_cls(name, path)


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


def _strip_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(PLACEHOLDER if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text
