"""Every script prints (issue 16 part 6): per-character font fallback, Arabic joined and right
to left, and one warning naming what no font on the computer has.

The six-script test prints a real journal entry with ``imgjournal print journal`` and reads
the PDF back with pypdf (its text and the fonts it embeds). A script whose font is not on this
machine is skipped with the reason; CI installs them (.ci/run: fonts-noto-core,
fonts-droid-fallback, fonts-symbola).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from imgjournal.cli import main
from imgjournal.db import Journal
from imgjournal.export.pdf import bidi, fallback, fonts
from imgjournal.services.entries import create_entry

# Invented sample text, one line per script.
SCRIPTS = {
    "latin": "Hôpital Saint-Éloi, Dr. Nguyễn Thị Hằng",
    "arabic": "مستشفى القاهرة الجامعي",
    "devanagari": "नमस्ते डॉक्टर",
    "chinese": "北京协和医院",
    "cyrillic": "Больница Склифосовского",
    "emoji": "☺ 😀",
}
BUNDLED = ("latin", "cyrillic", "arabic")  # DejaVu has these: they never need the system


@pytest.fixture
def system_fonts() -> Iterator[None]:
    fonts.use_system_fonts(True)
    yield
    fonts.use_system_fonts(False)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _fonts(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.fixture
def printed(
    journal: Journal, home: Path, tmp_path: Path, system_fonts: None, capsys
) -> tuple[Path, str]:
    body = "\n\n".join(SCRIPTS.values())
    create_entry(journal, "reflection", "Six scripts", body=body)
    out = tmp_path / "scripts.pdf"
    code = main(["--home", str(home), "print", "journal", "-o", str(out), "--allow-identifiers"])
    assert code == 0
    return out, capsys.readouterr().err


def _fallback_of(text: str) -> str | None:
    """The PostScript name of the font ``text`` prints in beyond DejaVu (None: DejaVu only)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    m = re.search(r'<font face="([^"]+)">', fonts.markup(text))
    if m is None:
        return None
    name = getFont(m.group(1)).face.name
    return (name.decode() if isinstance(name, bytes) else str(name)).split("+", 1)[-1]


def _printable(ch: str) -> bool:
    return ord(ch) in fonts._ensure().sans or fallback.system_fonts().face_for(ord(ch)) is not None


@pytest.mark.parametrize("script", SCRIPTS)
def test_an_entry_in_six_scripts_prints_its_text_in_fonts_that_have_it(
    script: str, printed: tuple[Path, str]
) -> None:
    out, err = printed
    said = "".join(line for line in err.splitlines() if "no font on this computer" in line)
    listed = said.partition("boxes: ")[2].partition("; install")[0]
    typed = SCRIPTS[script]
    letters = [ch for ch in typed if not ch.isspace()]
    if script not in BUNDLED and not any(_printable(ch) for ch in letters):
        pytest.skip(f"no font on this machine has the {script} sample (Debian: fonts-noto-core)")
    text = unicodedata.normalize("NFKC", _text(out))  # Arabic prints as presentation forms
    shown = [ch for ch in letters if _printable(ch)]
    if len(shown) == len(letters):
        assert typed in text, f"{script}: {typed!r} not in the PDF's text"
        assert not any(ch in listed for ch in letters), said  # the warning names none of them
    else:  # an emoji font without this emoji: the rest prints, the warning says so
        assert all(ch in text for ch in shown)
        assert said.startswith("imgjournal: warning: ")
    embedded = _fonts(out)
    assert "DejaVuSans" in embedded
    font = _fallback_of(typed)
    if script in ("latin", "cyrillic"):
        assert font is None
    elif font is not None:
        assert font in embedded, (font, embedded)


def test_with_the_bundled_fonts_only_arabic_still_joins_and_the_rest_is_named_once(
    journal: Journal, home: Path, tmp_path: Path, capsys
) -> None:
    create_entry(journal, "reflection", "Scripts", body="مستشفى\n\nx 北京 𓀀 y")
    out = tmp_path / "s.pdf"
    assert main(["--home", str(home), "print", "journal", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("imgjournal: warning:") == 1
    assert (
        "imgjournal: warning: 3 characters have no font on this computer and print as boxes: "
        "京 北 𓀀; install Noto fonts (Debian: fonts-noto-core)."
    ) in err
    text = _text(out)
    assert "مستشفى" in unicodedata.normalize("NFKC", text)
    assert "ﻣﺴﺘﺸﻔﻰ" in text  # joined: initial, medial and final forms, not isolated letters
    assert f"x {fonts.PLACEHOLDER}{fonts.PLACEHOLDER} {fonts.PLACEHOLDER} y" in text


def test_the_render_result_lists_the_missing_characters(journal: Journal, tmp_path: Path) -> None:
    from imgjournal.export.pdf import build_sheet

    create_entry(journal, "reflection", "Glyphs", body="𓀀 and 𓀀 again, fine: ü")
    result = build_sheet(journal, "journal", tmp_path / "g.pdf")
    assert result.missing_characters == ("𓀀",)
    assert result.warnings[-1].startswith("1 character has no font on this computer")


# -- the pieces -----------------------------------------------------------------------------
def test_fontconfig_listing_is_read_with_each_face_s_characters() -> None:
    listing = (
        "/f/NotoSansArabic-Regular.ttf\t0\tNoto Sans Arabic\tRegular\tTrueType\t20 600-6ff\n"
        "/f/Type1.pfb\t0\tOld\tRegular\tType 1\t20-7e\n"
        "garbage line\n"
        "/f/cjk.ttc\t2\tSome CJK\tBold\tCFF\t4e00-9fff\n"
    )
    faces = fallback.fontconfig_faces(lambda cmd: listing)
    assert faces is not None
    assert [(f.path, f.index) for f in faces] == [
        ("/f/NotoSansArabic-Regular.ttf", 0),
        ("/f/cjk.ttc", 2),
    ]
    assert faces[0].has(0x627) and not faces[0].has(0x4E00) and faces[0].has(0x20)
    assert faces[1].has(0x4E2D)

    def missing(cmd: list[str]) -> str:
        raise FileNotFoundError("fc-list")

    assert fallback.fontconfig_faces(missing) is None


def test_noto_and_regular_faces_come_first_and_unusable_faces_are_skipped() -> None:
    arabic = ((0x600, 0x6FF),)
    faces = [
        fallback.Face("/f/OtherArabic.ttf", 0, "Other Arabic", "Regular", arabic),
        fallback.Face("/f/NotoSansArabic-Bold.ttf", 0, "Noto Sans Arabic", "Bold", arabic),
        fallback.Face("/f/NotoSansArabic-Regular.ttf", 0, "Noto Sans Arabic", "Regular", arabic),
        fallback.Face(
            "/f/NotoColorEmoji.ttf", 0, "Noto Color Emoji", "Regular", ((0x263A, 0x263A),)
        ),
        fallback.Face("/f/DejaVuSans.ttf", 0, "DejaVu Sans", "Book", ((0x263A, 0x263A),)),
    ]
    opened: list[str] = []

    def load(face: fallback.Face) -> frozenset[int]:
        opened.append(face.path)
        if "Color" in face.path:
            raise ValueError("missing location table")  # colour bitmaps: not embeddable
        first, last = face.ranges[0]
        return frozenset(range(first, last + 1))

    found = fallback.SystemFonts(faces, load)
    assert found.face_for(0x627).path == "/f/NotoSansArabic-Regular.ttf"
    assert found.face_for(0x263A).path == "/f/DejaVuSans.ttf"
    assert found.face_for(0x13000) is None
    assert found.face_for(0x13000) is None
    assert opened == ["/f/NotoSansArabic-Regular.ttf", "/f/NotoColorEmoji.ttf", "/f/DejaVuSans.ttf"]


def test_arabic_is_joined_and_put_in_visual_order() -> None:
    # beh + teh + alef: initial, medial, final; then the stretch is reversed for drawing
    assert bidi.shape_arabic("بتا") == "\ufe91\ufe98\ufe8e"
    assert bidi.shape_arabic("لا") == "\ufefb"  # lam-alef ligature
    assert bidi.visual("Dr. \u0627\u0628 2024") == "Dr. \u0628\u0627 2024"
    # numbers inside a right-to-left stretch keep their own order; brackets are mirrored
    assert bidi.visual("\u0627 12 \u0628") == "\u0628 12 \u0627"
    assert bidi.visual("x (\u0627\u0628) y") == "x (\u0628\u0627) y"
    assert bidi.visual("plain") == "plain"
    # a paragraph that starts right to left is reversed whole; its number goes to the left end
    # and a Latin name inside keeps its order
    assert bidi.visual("\u0627\u0628 2024") == "2024 \u0628\u0627"
    assert bidi.visual("\u0627 Cairo Hospital \u0628") == "\u0628 Cairo Hospital \u0627"


def test_markup_wraps_what_dejavu_lacks_and_notes_what_no_font_has() -> None:
    with fonts.collecting_missing() as missing:
        assert fonts.markup("a < b") == "a &lt; b"
        assert fonts.markup("x 北京 𓀀 y") == f"x {fonts.PLACEHOLDER * 2} {fonts.PLACEHOLDER} y"
        arabic = fonts.markup("Dr. بتا")  # only the regular bundled face has Arabic
        assert arabic == f'Dr. <font face="{fonts.SANS}">\ufe8e\ufe98\ufe91</font>'
    assert missing == {"北", "京", "𓀀"}
    assert fonts.printable("北") == fonts.PLACEHOLDER  # printable() alone notes nothing
    assert "𓀀" in missing and len(missing) == 3


def test_the_page_header_prints_the_name_in_its_own_script(
    journal: Journal, tmp_path: Path
) -> None:
    from imgjournal.export.pdf import SheetOptions, build_sheet

    create_entry(journal, "reflection", "A day", body="Fine.")
    out = tmp_path / "h.pdf"
    result = build_sheet(journal, "journal", out, SheetOptions(name="ليلى 北"))
    header = PdfReader(str(out)).pages[0].extract_text()
    assert "ليلى" in unicodedata.normalize("NFKC", header)
    assert result.missing_characters == ("北",)


def test_a_lone_surrogate_in_the_header_prints_as_a_box(journal: Journal, tmp_path: Path) -> None:
    from imgjournal.export.pdf import SheetOptions, build_sheet

    create_entry(journal, "reflection", "A day", body="Fine.")
    build_sheet(journal, "journal", tmp_path / "s.pdf", SheetOptions(name="# \ud800"))
    assert fonts.PLACEHOLDER in PdfReader(str(tmp_path / "s.pdf")).pages[0].extract_text()


# -- bold, italic and code; right-to-left paragraphs -----------------------------------------
_DEVANAGARI = "नमस्ते"


def _needs(text: str) -> None:
    if any(fallback.system_fonts().face_for(ord(ch)) is None for ch in text):
        pytest.skip(f"no font on this machine has {text!r} (Debian: fonts-noto-core)")


def test_a_fallback_run_inside_bold_prints_in_the_fallbacks_bold_face_and_in_code_blocks(
    journal: Journal, tmp_path: Path, system_fonts: None
) -> None:
    from imgjournal.export.pdf import build_sheet

    _needs(_DEVANAGARI)
    regular = fallback.system_fonts().face_for(ord(_DEVANAGARI[0]))
    assert regular is not None
    bold = fallback.system_fonts().sibling(regular, True, False)
    if bold is None:
        pytest.skip(f"{regular.family} has no bold face on this machine")
    body = f"**{_DEVANAGARI} bold** and *{_DEVANAGARI} italic*\n\n```\ncode {_DEVANAGARI}\n```"
    create_entry(journal, "reflection", "Styled", body=body)
    out = tmp_path / "styled.pdf"
    result = build_sheet(journal, "journal", out)
    assert result.missing_characters == ()
    embedded = _fonts(out)
    bold_name = _fallback_of(_DEVANAGARI)  # the regular face's name, from plain text
    assert bold_name in embedded  # italic (no italic face) and the code block: regular
    assert any(n != bold_name and n.startswith(bold_name.split("-")[0]) for n in embedded), embedded
    assert any("Bold" in n and "Devanagari" in n for n in embedded), embedded
    text = unicodedata.normalize("NFC", _text(out))
    assert text.count(_DEVANAGARI) == 3  # bold, italic and the code block: no box
    assert fonts.PLACEHOLDER not in text


def test_styled_fallbacks_follow_bold_and_italic_tags() -> None:
    """The markup pass alone, with a made-up family of two faces: the run inside <b> (or a
    bold style) takes the bold face, the one outside stays regular, a run the bold face
    lacks stays regular too."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from imgjournal.export.pdf.fallback import Face, SystemFonts, set_system_fonts

    folder = fonts.font_dir()
    # A character DejaVu Sans and Sans Bold have but the oblique faces lack: the sheets'
    # faces (all four) do not cover it, so it falls back to the made-up system family.
    reg = getFont(fonts.SANS).face.charToGlyph
    bld = getFont(fonts.SANS_BOLD).face.charToGlyph
    cov = fonts._ensure().sans
    ch = next(chr(c) for c in sorted(set(reg) & set(bld)) if c not in cov and c > 0x400)
    faces = [
        Face(str(folder / "DejaVuSans.ttf"), 0, "Test Sans", "Regular", None),
        Face(str(folder / "DejaVuSans-Bold.ttf"), 0, "Test Sans", "Bold", None),
    ]
    fonts.use_system_fonts(True)
    set_system_fonts(SystemFonts(faces))
    try:
        marked = fonts.markup(ch)
        name = re.search(r'face="([^"]+)"', marked).group(1)
        assert name.startswith("Fallback")
        styled = fonts.styled_fallbacks(f"a {marked} <b>b {marked}</b> c", fonts.SANS)
        faces_used = re.findall(r'face="([^"]+)"', styled)
        assert faces_used[0] == name and faces_used[1] != name
        assert getFont(faces_used[1]).face.filename.endswith("DejaVuSans-Bold.ttf")
        # a bold style: bold from the start; muted(regular=True) inside sets the regular face
        assert re.findall(r'face="([^"]+)"', fonts.styled_fallbacks(marked, fonts.SANS_BOLD)) == [
            faces_used[1]
        ]
    finally:
        set_system_fonts(None)
        fonts.use_system_fonts(False)


_ARABIC_WORDS = [
    "مستشفى",
    "القاهرة",
    "الجامعي",
    "قسم",
    "الطوارئ",
    "الليلة",
    "الأولى",
    "طبيب",
    "مقيم",
    "ممرضة",
    "مريض",
    "قلب",
    "ضغط",
    "سكر",
    "دواء",
    "تحليل",
    "صورة",
    "أشعة",
    "غرفة",
    "عملية",
    "شفاء",
]


def test_a_right_to_left_paragraph_is_right_aligned_and_its_lines_read_in_order(
    journal: Journal, tmp_path: Path
) -> None:
    from imgjournal.export.pdf import build_sheet

    words = [f"{w}{k}" for k in "ابج" for w in _ARABIC_WORDS]  # 63 distinct words
    paragraph = " ".join(words)
    short = "شكرا جزيلا"
    body = f"Left first.\n\n{paragraph}\n\nLeft last.\n\n{short}"
    create_entry(journal, "reflection", "RTL", body=body)
    out = tmp_path / "rtl.pdf"
    build_sheet(journal, "journal", out)
    page = PdfReader(str(out)).pages[0]
    starts: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            starts.append((cm[0] * tm[4] + cm[4], text))  # x on the page

    page.extract_text(visitor_text=visit)
    lines = [
        unicodedata.normalize("NFKC", line)
        for line in page.extract_text().splitlines()
        if bidi.has_rtl(line)
    ]
    assert len(lines) >= 4  # the paragraph wraps (and the short one after it)
    assert set(lines[-1].split()) == set(short.split())
    lines = lines[:-1]
    on_line = {w: n for n, line in enumerate(lines) for w in line.split()}
    assert set(on_line) == set(words)  # every word, joined back from its contextual forms
    # Reading order: each word on the line of the word before it or the next line down.
    rows = [on_line[w] for w in words]
    assert rows == sorted(rows) and rows[0] == 0 and rows[-1] == len(lines) - 1
    # Right-aligned: the short paragraph starts far right of the left margin, where the
    # left-to-right paragraphs start.
    left = min(x for x, t in starts if t.startswith("Left first"))
    rtl_x = [x for x, t in starts if bidi.has_rtl(t)]
    assert min(rtl_x) >= left - 1  # nothing runs into the left margin
    assert rtl_x[-1] > left + 300
