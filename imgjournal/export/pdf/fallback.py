"""The computer's own fonts, for the characters the bundled DejaVu faces lack.

An IMG writes a home hospital's name, a patient's words or a drug's local name in Arabic,
Devanagari, Chinese, ... DejaVu has none of those, so each such character is printed in a font
of the system that has it: on Linux (and wherever fontconfig is installed) the fonts
``fc-list`` reports, read once with their character sets; on macOS and Windows the font
folders, opened one file at a time until one has the character. Noto fonts come first (sans
before serif, regular before bold), then the rest.

reportlab embeds TrueType outlines only: a font of PostScript (CFF) outlines, such as Debian's
Noto Sans CJK, or of colour bitmaps, such as Noto Color Emoji, is skipped. A character no
usable font has is reported (:func:`imgjournal.export.pdf.fonts.markup`) and printed as a box.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Face", "SystemFonts", "fontconfig_faces", "folder_faces", "system_fonts"]

_FC_FORMAT = "%{file}\\t%{index}\\t%{family[0]}\\t%{style[0]}\\t%{fontformat}\\t%{charset}\\n"
_FONT_FILE = re.compile(r"\.(ttf|ttc|otf)\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Face:
    """One font face on the computer; ``ranges`` its characters as sorted (first, last)."""

    path: str
    index: int = 0
    family: str = ""
    style: str = ""
    ranges: tuple[tuple[int, int], ...] | None = None  # None: not known until the file is read
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def has(self, cp: int) -> bool | None:
        """Whether the face has ``cp`` (None: unknown until the file is opened)."""
        if self.ranges is None:
            return None
        starts = self._starts or tuple(r[0] for r in self.ranges)
        if not self._starts:
            object.__setattr__(self, "_starts", starts)
        k = bisect_right(starts, cp) - 1
        return k >= 0 and cp <= self.ranges[k][1]

    @property
    def rank(self) -> tuple[int, int, int, str]:
        """Sort key: Noto first, sans before serif, regular before bold or italic."""
        name = f"{self.family} {Path(self.path).stem}".lower()
        style = self.style.lower()
        noto = 0 if "noto" in name else 1
        if "sans" in name and not any(w in name for w in ("mono", "display")):
            kind = 0  # Noto Sans X: the plain face of each script
        elif "serif" in name or "naskh" in name:
            kind = 1
        else:
            kind = 2  # Kufi, Nastaliq, Mono, Display, ...
        plain = 0 if style in ("regular", "book", "normal", "roman", "") else 1
        return (noto, plain, kind, name)


def _parse_charset(text: str) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for part in text.split():
        lo, _, hi = part.partition("-")
        try:
            a = int(lo, 16)
            b = int(hi, 16) if hi else a
        except ValueError:
            continue
        ranges.append((a, b))
    ranges.sort()
    return tuple(ranges)


def fontconfig_faces(run: Callable[[list[str]], str] | None = None) -> list[Face] | None:
    """Every TrueType face fontconfig knows, with its characters; None without fontconfig."""
    run = run or _run
    try:
        out = run(["fc-list", "--format", _FC_FORMAT])
    except (OSError, subprocess.SubprocessError):
        return None
    faces: list[Face] = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 6:
            continue
        path, index, family, style, fmt, charset = parts
        if fmt and fmt not in ("TrueType", "CFF"):  # Type 1, PCF bitmaps, ...
            continue
        if not _FONT_FILE.search(path):
            continue
        try:
            idx = int(index or 0)
        except ValueError:
            idx = 0
        faces.append(Face(path, idx, family, style, _parse_charset(charset)))
    return faces


def _run(cmd: list[str]) -> str:
    done = subprocess.run(  # noqa: S603 - a fixed command, no shell
        cmd, capture_output=True, text=True, timeout=20, check=True, errors="replace"
    )
    return done.stdout


def font_folders() -> list[Path]:
    """Where macOS and Windows keep fonts (and the usual Linux folders, without fontconfig)."""
    home = Path.home()
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library/Fonts",
        ]
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData/Local"))
        return [windir / "Fonts", local / "Microsoft/Windows/Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts"]


def folder_faces(folders: Iterable[Path]) -> list[Face]:
    """The font files in ``folders`` (and below), characters unknown until opened."""
    faces: list[Face] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if _FONT_FILE.search(name):
                    path = os.path.join(root, name)
                    faces.append(Face(path, 0, _family_of(Path(name).stem), _style_of(name)))
    return faces


_STYLE_SUFFIX = re.compile(r"[-_ ]?(regular|bold|italic|oblique|bolditalic|boldoblique)\Z", re.I)


def _family_of(stem: str) -> str:
    """A font file's family from its name: NotoSansArabic-Bold -> NotoSansArabic."""
    return _STYLE_SUFFIX.sub("", stem) or stem


def _style_of(name: str) -> str:
    low = Path(name).stem.lower()
    bold = "bold" in low
    italic = "italic" in low or "oblique" in low
    if bold and italic:
        return "Bold Italic"
    if bold:
        return "Bold"
    if italic:
        return "Italic"
    return "Regular"


class SystemFonts:
    """Finds a usable face for a character among ``faces`` (see the module docstring).

    ``load(face)`` opens a face and returns the characters it maps, or raises when reportlab
    cannot embed it; both the faces that fail and the characters no face has are remembered.
    Thread-safe.
    """

    def __init__(
        self, faces: list[Face], load: Callable[[Face], frozenset[int]] | None = None
    ) -> None:
        self._faces = sorted(faces, key=lambda f: f.rank)
        self._load = load or _load_chars
        self._chars: dict[Face, frozenset[int]] = {}  # opened, usable
        self._bad: set[Face] = set()
        self._none: set[int] = set()
        self._lock = threading.Lock()

    def face_for(self, cp: int, prefer: Face | None = None) -> Face | None:
        """The best usable face with ``cp`` (``prefer`` when it has it), or None."""
        if prefer is not None and cp in self._chars.get(prefer, ()):
            return prefer
        if cp in self._none:
            return None
        with self._lock:
            for face in self._faces:
                if face in self._bad or face.has(cp) is False:
                    continue
                chars = self._chars.get(face)
                if chars is None:
                    try:
                        chars = self._load(face)
                    except Exception:  # noqa: BLE001 - CFF outlines, colour bitmaps, damage
                        self._bad.add(face)
                        continue
                    self._chars[face] = chars
                if cp in chars:
                    return face
            self._none.add(cp)
        return None

    def sibling(self, face: Face, bold: bool, italic: bool) -> Face | None:
        """The usable face of ``face``'s family in that weight and slant (plain Bold,
        Italic/Oblique or both; not Condensed, SemiBold, ...), or None."""
        for other in self._faces:
            if other.family != face.family or other == face:
                continue
            words = set(other.style.lower().split())
            if words - {"bold", "italic", "oblique"}:
                continue
            if ("bold" in words, bool(words & {"italic", "oblique"})) != (bold, italic):
                continue
            with self._lock:
                if other in self._bad:
                    continue
                if other not in self._chars:
                    try:
                        self._chars[other] = self._load(other)
                    except Exception:  # noqa: BLE001 - CFF outlines, colour bitmaps, damage
                        self._bad.add(other)
                        continue
            return other
        return None


def _load_chars(face: Face) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFace

    return frozenset(TTFontFace(face.path, subfontIndex=face.index).charToGlyph)


_system: SystemFonts | None = None
_system_lock = threading.Lock()


def system_fonts() -> SystemFonts:
    """This computer's fonts (looked up once per process)."""
    global _system
    if _system is None:
        with _system_lock:
            if _system is None:
                faces = fontconfig_faces()
                if faces is None:
                    faces = folder_faces(font_folders())
                _system = SystemFonts(faces)
    return _system


def set_system_fonts(fonts: SystemFonts | None) -> None:
    """Use ``fonts`` instead of the computer's (tests); None looks the computer's up again."""
    global _system
    _system = fonts
