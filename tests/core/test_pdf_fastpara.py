"""FastPara: the same lines, pages and text as reportlab's Paragraph, read back with pypdf."""

from __future__ import annotations

import io

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.fastpara import FastPara, Unsupported, para, parse
from imgjournal.export.pdf.markdown_flowables import esc
from imgjournal.export.pdf.styles import make_styles, markup_color, variant

ST = make_styles()
MUTED = markup_color(ST.meta.textColor)


def pdf_of(flowables: list[Flowable], *, pagesize: tuple[float, float] = (400, 300)) -> PdfReader:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=30, rightMargin=30)
    doc.build(flowables)
    return PdfReader(buf)


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def fast_lines(p: FastPara) -> list[str]:
    words = p.words()
    out = []
    for s, e, _ in p._lines:
        parts = []
        for i in range(s, e):
            if i > s and words.sb[i]:
                parts.append(" ")
            parts.append(words.texts[i])
        out.append("".join(parts))
    return out


def reportlab_lines(p: Paragraph) -> list[str]:
    out = []
    for line in p.blPara.lines:
        if isinstance(line, tuple):
            out.append(" ".join(line[1]))
        else:
            out.append("".join(getattr(f, "text", "") for f in line.words))
    return [" ".join(x.split()) for x in out]


def same_layout(markup: str, style: object, width: float, bullet: str | None = None) -> None:
    fast = para(markup, style, bullet)  # type: ignore[arg-type]
    slow = Paragraph(markup, style, bulletText=bullet)  # type: ignore[arg-type]
    if not isinstance(fast, FastPara):  # markup FastPara leaves to Paragraph: say why
        try:
            words = FastPara(markup, style, bullet).words()  # type: ignore[arg-type]
        except Unsupported as e:
            assert "two sizes" in str(e)
        else:
            assert not words.count  # nothing but line breaks and spaces
        return
    assert fast.wrap(width, 10_000) == pytest.approx(slow.wrap(width, 10_000))
    assert [" ".join(x.split()) for x in fast_lines(fast)] == reportlab_lines(slow)


def test_para_uses_fastpara_only_where_it_prints_the_same() -> None:
    assert isinstance(para("plain", ST.body), FastPara)
    assert isinstance(para("<b>b</b> <i>i</i> <br/> &amp;", ST.item, "•"), FastPara)
    assert isinstance(para("x", variant(ST.body, alignment=TA_CENTER)), Paragraph)
    assert isinstance(para("x", ST.code), Paragraph)  # a background colour
    assert isinstance(para("<u>underlined</u>", ST.body), Paragraph)
    assert isinstance(para('<font face="Helvetica">type 1</font>', ST.body), Paragraph)
    # a space after a word in two sizes: reportlab's width for it depends on the line
    assert isinstance(para('x<font size="-1">y </font>z', ST.body), Paragraph)
    assert isinstance(para('x<font size="-1">y</font>', ST.body), FastPara)
    assert isinstance(para('x<font size="-1">y </font><br/>z', ST.body), FastPara)
    assert isinstance(para('x<font size="-1">y</font> z', ST.body), FastPara)
    assert isinstance(para("x<b>y</b> z", ST.body), FastPara)
    assert isinstance(para('x<font size="-1">y</font>x z', ST.body), Paragraph)  # if cut
    # no words: Paragraph's own rules (spaces make no line or one, by their fragments)
    assert isinstance(para("<b> <b> </b></b>", ST.body), Paragraph)
    assert isinstance(para("<br/>", ST.body), Paragraph)


def test_runs_follow_reportlabs_font_rules() -> None:
    markup = (
        f'a <b>b <i>bi</i></b> <font face="{fonts.MONO}">m</font> '
        f'<font size="-1" color="{MUTED}" name="{fonts.SANS}">s</font>'
    )
    runs = [(f[0], f[1], text) for f, text in parse(markup, ST.story)]  # type: ignore[index]
    size = ST.story.fontSize
    assert runs == [
        (fonts.SANS_BOLD, size, "a b "),  # the story style is bold already: one run
        (fonts.SANS_BOLD_ITALIC, size, "bi"),
        (fonts.SANS_BOLD, size, " "),
        (fonts.MONO, size, "m"),
        (fonts.SANS_BOLD, size, " "),
        (fonts.SANS, size - 1, "s"),
    ]


def test_text_extraction_escaping_unicode_and_placeholders() -> None:
    typed = "x < 3 & y > 2 (a \\ b) “quoted” Nguyễn Thị Hằng Ελένη Дмитрий 🩺 done"
    markup = f"<b>{esc('Bold <tag>')}</b> <i>{esc(typed)}</i>"
    reader = pdf_of([FastPara(markup, ST.body)])
    text = page_texts(reader)[0]
    assert "Bold <tag>" in text
    assert "x < 3 & y > 2 (a \\ b) “quoted” Nguyễn Thị Hằng Ελένη Дмитрий" in text
    assert f"{fonts.PLACEHOLDER} done" in text  # the emoji DejaVu lacks prints as a box
    assert "🩺" not in text
    font_names = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any(name.endswith("DejaVuSans-Bold") for name in font_names)
    assert any(name.endswith("DejaVuSans-Oblique") for name in font_names)


def test_bullets_links_and_line_breaks_print() -> None:
    markup = (
        'See <a href="https://example.org/a?b=1&amp;c=2" color="rgb(31,95,168)">the guide</a>'
        "<br/>second line<br/><br/>fourth"
    )
    p = FastPara(markup, ST.item, "•")
    reader = pdf_of([p])
    text = reader.pages[0].extract_text()
    assert [" ".join(line.split()) for line in text.splitlines()] == [
        "• See the guide",
        "second line",
        "fourth",
    ]
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert [str(a["/A"]["/URI"]) for a in links] == ["https://example.org/a?b=1&c=2"]
    assert p.height == pytest.approx(4 * ST.item.leading)


def test_splits_across_pages_like_paragraph() -> None:
    words = " ".join(f"word{i} Hằng" for i in range(900))
    fast, slow = FastPara(esc(words), ST.body), Paragraph(esc(words), ST.body)
    fast_reader, slow_reader = pdf_of([fast]), pdf_of([slow])
    assert len(fast_reader.pages) == len(slow_reader.pages) > 3
    assert page_texts(fast_reader) == page_texts(slow_reader)
    assert " ".join(page_texts(fast_reader)) == words


@pytest.mark.parametrize("height", [0, 5, 14, 26, 39, 52, 65, 1000])
@pytest.mark.parametrize("lines", [1, 2, 3, 4, 7])
def test_split_keeps_reportlabs_orphan_and_widow_rules(height: float, lines: int) -> None:
    text = " ".join(["words"] * 12 * lines)
    fast, slow = FastPara(text, ST.body), Paragraph(text, ST.body)
    fast.wrap(300, height)
    slow.wrap(300, height)
    assert fast.height == pytest.approx(slow.height)
    fast_parts, slow_parts = fast.split(300, height), slow.split(300, height)
    assert len(fast_parts) == len(slow_parts)
    for f, s in zip(fast_parts, slow_parts, strict=True):
        assert f.wrap(300, 1e6) == pytest.approx(s.wrap(300, 1e6))


def test_words_longer_than_a_line_are_cut() -> None:
    url = "https://example.org/" + "very-long-path/" * 30
    p = FastPara(esc(f"see {url} here"), ST.body)
    _, height = p.wrap(200, 1e6)
    assert height >= 4 * ST.body.leading
    assert all(width <= 200 + 1e-6 for _, _, width in p._lines)
    assert "".join(fast_lines(p)).replace(" ", "") == f"see{url}here"
    text = page_texts(pdf_of([p]))[0].replace(" ", "")
    assert text == f"see{url}here"


WORDS = st.sampled_from(
    [
        "a",
        "word",
        "longer-words",
        "Hằng",
        "Ελένη",
        "x&lt;3",
        "AT&amp;T",
        "(paren)",
        "back\\slash",
        "no\u00a0break",
        "supercalifragilisticexpialidocious",
        "□",
        "",
    ]
)
OPEN = st.sampled_from(
    ["<b>", "<i>", f'<font face="{fonts.MONO}">', f'<font size="-1" color="{MUTED}">']
)


@st.composite
def markups(draw: st.DrawFn) -> str:
    parts: list[str] = []
    stack: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        choice = draw(st.integers(0, 9))
        if choice == 0:
            tag = draw(OPEN)
            parts.append(tag)
            stack.append("</b>" if tag == "<b>" else "</i>" if tag == "<i>" else "</font>")
        elif choice == 1 and stack:
            parts.append(stack.pop())
        elif choice == 2:
            parts.append("<br/>")
        else:
            parts.append(draw(WORDS) + draw(st.sampled_from([" ", " ", "", "  "])))
    parts.extend(reversed(stack))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
# reportlab measures the space after a word that starts in one size and ends in another in the
# first size (x<3 at 8.5 pt glued to □ at 7.5 pt): FastPara leaves these to Paragraph
@example(
    f'<font size="-1" color="{MUTED}"><br/><br/><br/>word word (paren) word word <b>Ελένη '
    f'x&lt;3 <b>x&lt;3<font size="-1" color="{MUTED}">□ Ελένη </font></b>a '
    "<b><b><b><b><b><b><b></b></b></b></b></b></b></b></b></font>",
    "story",
    150.0,
    None,
)
@example(  # the same space moved the cut in supercalifragilisticexpialidocious by a letter
    f'<b><b><font size="-1" color="{MUTED}">a <b>a<font size="-1" color="{MUTED}">a '
    "longer-words </font>supercalifragilisticexpialidocious </b></font></b></b>",
    "body",
    150.0,
    None,
)
@example(  # a long word cut so that its last piece starts in another size than it ends
    f'Ελένη<font size="-1" color="{MUTED}">supercalifragilisticexpialidocious</font>Ελένη '
    "a a a a a a",
    "story",
    150.0,
    None,
)
@example("<b> <b> </b></b>", "body", 150.0, None)  # spaces alone: an empty line in Paragraph
@given(
    markups(),
    st.sampled_from(["body", "item", "field", "story", "point", "meta", "h2", "toc_h2"]),
    st.floats(150, 480),
    st.sampled_from([None, "•", "12.", "Chief complaint"]),
)
def test_same_lines_as_paragraph(markup: str, style: str, width: float, bullet: str | None) -> None:
    # reportlab measures a run holding a no-break space and ending in a space with one space
    # too many (its split keeps an empty word there); FastPara measures what it prints.
    assume("\xa0" not in markup)
    same_layout(markup, getattr(ST, style), width, bullet)


def test_no_break_spaces_keep_words_together() -> None:
    p = FastPara("aaaa bbbb\xa0cccc dddd", ST.body)
    p.wrap(stringWidth("aaaa bbbb", fonts.SANS, ST.body.fontSize) + 1, 1e6)
    assert fast_lines(p) == ["aaaa", "bbbb\xa0cccc", "dddd"]
    assert page_texts(pdf_of([p]))[0] == "aaaa bbbb cccc dddd"


def test_paragraphs_sharing_words_break_their_lines_once() -> None:
    """A story printed under several prompts: its paragraphs share words (ParaMaker) and the
    lines found for a width; another width, a continuation or a cut word get their own."""
    from imgjournal.export.pdf.fastpara import ParaMaker

    maker = ParaMaker()
    text = "Escalate early; a calm, structured handover saves minutes. " * 6
    first, again, narrow = (maker(text, ST.body) for _ in range(3))
    first.wrap(300, 1000)
    again.wrap(300, 1000)
    narrow.wrap(200, 1000)
    assert again._lines is first._lines
    assert narrow._lines != first._lines
    assert fast_lines(again) == fast_lines(first) == reportlab_lines(_wrapped(text, 300))
    assert fast_lines(narrow) == reportlab_lines(_wrapped(text, 200))
    # The tail of a split paragraph is a span of its own.
    head, tail = maker(text, ST.body).split(300, ST.body.leading * 2.5)
    tail.wrap(300, 1000)
    assert fast_lines(tail) == fast_lines(first)[2:]
    # A word longer than the line is cut on a copy of the words; it prints the same each time.
    long = "a " + "supercalifragilisticexpialidocious" * 4
    cut, cut_again = maker(long, ST.body), maker(long, ST.body)
    cut.wrap(150, 1000)
    cut_again.wrap(150, 1000)
    assert fast_lines(cut_again) == fast_lines(cut) == reportlab_lines(_wrapped(long, 150))


def _wrapped(text: str, width: float) -> Paragraph:
    p = Paragraph(text, ST.body)
    p.wrap(width, 1000)
    return p
