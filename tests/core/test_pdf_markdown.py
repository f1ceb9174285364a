"""Markdown to flowables, escaping, and the glyph fallback of the bundled font."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Table, XPreformatted

from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.fastpara import FastPara
from imgjournal.export.pdf.markdown_flowables import MarkdownRenderer, esc
from imgjournal.export.pdf.styles import make_styles
from imgjournal.export.pdf.template import SheetDocTemplate

TEXT = (FastPara, Paragraph)  # text blocks; table cells stay Paragraphs


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(make_styles(), 480)


def render_text(renderer: MarkdownRenderer, markdown: str) -> str:
    """The text a reader gets from ``markdown`` printed on a page."""
    buf = io.BytesIO()
    doc = SheetDocTemplate(buf, title="t")
    doc.build(renderer.flowables(markdown) or [Paragraph("", make_styles().body)])
    reader = PdfReader(buf)
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def paragraphs(renderer: MarkdownRenderer, markdown: str) -> list[str]:
    return [f.text for f in renderer.flowables(markdown) if isinstance(f, TEXT)]


def test_escape_makes_user_text_inert() -> None:
    assert esc("<b>bold</b> & <i>") == "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;"
    assert esc("a\x00b\x07c") == "abc"


def test_inline_markup(renderer: MarkdownRenderer) -> None:
    (markup,) = paragraphs(renderer, "Some *emphasis*, **strong** and `x < 3 & y`.")
    assert "<i>emphasis</i>" in markup
    assert "<b>strong</b>" in markup
    assert f'<font face="{fonts.MONO}">x &lt; 3 &amp; y</font>' in markup


def test_raw_html_and_entities_print_as_typed(renderer: MarkdownRenderer) -> None:
    text = render_text(renderer, "A <b>raw</b> tag, AT&T, &amp; and 1 < 2 > 0.\n\n<div>block</div>")
    assert "A <b>raw</b> tag, AT&T, & and 1 < 2 > 0." in text
    assert "<div>block</div>" in text


def test_comments_are_hints_and_do_not_print(renderer: MarkdownRenderer) -> None:
    text = render_text(renderer, "Visible <!-- a hint --> text\n\n<!--\nblock hint\n-->")
    assert "Visible text" in text
    assert "hint" not in text


def test_headings_lists_quotes_code_tables_links(renderer: MarkdownRenderer) -> None:
    md = """# Big heading

1. first
2. second
    - nested *a*
    - nested b
        1. deeper
3. third

> quoted **text**

```python
def f(x):
    return x < 3 and "&"
```

| Drug | Dose |
|------|-----:|
| Furosemide | 40 mg |

A [link](https://example.org/a?b=1&c=2) and <https://example.org>.

---
"""
    flow = renderer.flowables(md)
    kinds = [type(f).__name__ for f in flow]
    assert "XPreformatted" in kinds and "Table" in kinds and "HRFlowable" in kinds
    bullets = [f.bulletText for f in flow if isinstance(f, TEXT) and f.bulletText]
    assert bullets == ["1.", "2.", "◦", "◦", "1.", "3."]
    indents = {
        f.bulletText: f.style.leftIndent for f in flow if isinstance(f, TEXT) and f.bulletText
    }
    assert indents["◦"] > indents["2."]
    code = next(f for f in flow if isinstance(f, XPreformatted))
    assert "x &lt; 3 and" in code.text
    table = next(f for f in flow if isinstance(f, Table))
    assert [p.text for p in table._cellvalues[1]] == ["Furosemide", "40 mg"]
    text = render_text(renderer, md)
    assert "Big heading" in text
    assert 'return x < 3 and "&"' in text
    assert "quoted text" in text
    assert "A link (https://example.org/a?b=1&c=2) and https://example.org." in text


def test_loose_lists_and_ordered_start(renderer: MarkdownRenderer) -> None:
    flow = renderer.flowables("3. three\n\n    more of three\n\n4. four\n")
    bullets = [f.bulletText for f in flow if isinstance(f, TEXT)]
    assert bullets == ["3.", None, "4."]


def test_long_code_lines_wrap_inside_the_frame(renderer: MarkdownRenderer) -> None:
    flow = renderer.flowables("    " + "x" * 500)
    (code,) = flow
    assert all(len(line) <= 100 for line in code.text.split("\n"))
    assert code.wrap(480, 800)[0] <= 480


def test_deep_nesting_and_odd_input_never_raise(renderer: MarkdownRenderer) -> None:
    deep = "\n".join("    " * i + "- level" for i in range(40))
    quotes = ">" * 300 + " deep"
    for text in (
        deep,
        quotes,
        "\x02wzxhzdk:99\x03",
        "[x](javascript:alert(1))",
        "<" * 50,
        "|a|\n|-|",
    ):
        flow = renderer.flowables(text)
        buf = io.BytesIO()
        SheetDocTemplate(buf, title="t").build(flow or [Paragraph("", make_styles().body)])


def test_unsafe_links_print_as_text(renderer: MarkdownRenderer) -> None:
    (markup,) = paragraphs(renderer, "[click](javascript:alert(1))")
    assert "<a " not in markup and "click" in markup


# ---- fonts ----------------------------------------------------------------------------


def test_printable_keeps_names_and_replaces_missing_glyphs() -> None:
    assert fonts.printable("Dr. Nguyễn Thị Hằng") == "Dr. Nguyễn Thị Hằng"
    assert fonts.printable("Zoë Ørsted") == "Zoë Ørsted"
    # Decomposed accents are composed, so they print as one letter.
    assert fonts.printable("Zoe\u0308") == "Zoë"
    # A glyph the font lacks is a visible placeholder; its modifiers add nothing.
    assert fonts.printable("ok 🧑🏽‍⚕️ done") == f"ok {fonts.PLACEHOLDER} done"
    assert fonts.printable("漢字") == fonts.PLACEHOLDER * 2
    assert fonts.printable("tab\tand\nline\x00\x1b") == "tab\tand\nline"
    assert fonts.printable("lone \ud800 surrogate") == f"lone {fonts.PLACEHOLDER} surrogate"
    assert fonts.printable("a\u2028b") == "a\nb"


def test_mono_font_has_its_own_coverage() -> None:
    assert fonts.printable("ễ", mono=True) == fonts.PLACEHOLDER
    assert fonts.printable("ễ") == "ễ"


def test_names_and_placeholders_reach_the_page(tmp_path: Path) -> None:
    renderer = MarkdownRenderer(make_styles(), 480)
    text = render_text(renderer, "Dr. Nguyễn Thị Hằng, Zoë Ørsted, Παπαδόπουλος, Иванова 🧑 漢")
    assert "Dr. Nguyễn Thị Hằng, Zoë Ørsted, Παπαδόπουλος, Иванова" in text
    assert f"{fonts.PLACEHOLDER} {fonts.PLACEHOLDER}" in text


# ---- the fast path ----------------------------------------------------------------------

_WORDS = "word Nurse 3 2. 1) x é = _ & < ` ( ) , . # ## - + * ** *** --- 3.5 -5 *a* **b** **Next:**"
_PIECES = [*_WORDS.split(" "), " ", "  ", "\n", "\n\n", "\t", "  \n", " \n", "# ", "- ", "+ ", "* "]
_PIECES += ["1. ", "* * *", "--", "> ", ">", "\n> ", "\n\n> "]


def _signature(flowables: list) -> list[tuple]:
    return [
        (
            type(f).__name__,
            " ".join(getattr(f, "text", "").split()),
            getattr(getattr(f, "style", None), "name", None),
            getattr(f, "bulletText", None),
            getattr(f, "room", None),
        )
        for f in flowables
    ]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_fast_path_prints_what_python_markdown_prints(text: str) -> None:
    fast = MarkdownRenderer(make_styles(), 480)
    slow = MarkdownRenderer(make_styles(), 480)
    slow.fast = False
    assert _signature(fast.flowables(text)) == _signature(slow.flowables(text))


def test_the_fast_path_takes_common_bodies() -> None:
    from imgjournal.export.pdf.markdown_simple import simple_tree

    body = "## What I felt\n\nThe *nurse* was **worried**.\n\n- one\n- two\n\n> She *said*\n> so."
    assert simple_tree(body) is not None
    others = ("[a](b)", "1. one", "a_b_", "x = 1", "> > q", "> - q", "a > b", "    code", "2 * 3")
    for other in (*others, "a  \nb", "> q\nlazy", ">q", "Title\n--"):
        assert simple_tree(other) is None


def test_a_rule_written_like_a_list_item_is_a_rule() -> None:
    fast = MarkdownRenderer(make_styles(), 480)
    slow = MarkdownRenderer(make_styles(), 480)
    slow.fast = False
    for text in ("- --", "- - -", "* * *", "-  -  -"):
        assert _signature(fast.flowables(text)) == _signature(slow.flowables(text)), text


def test_the_fast_path_prints_quotes_as_python_markdown_does() -> None:
    from imgjournal.export.pdf.markdown_simple import simple_tree

    texts = (
        "Before.\n\n> The family *thanked* us.\n\nAfter.",
        "> one\n> two",
        "> first quote\n\n> joins the one before",
        "- a list\n\n> then a quote",
        "> a quote\n\n## then a heading",
    )
    fast = MarkdownRenderer(make_styles(), 480)
    slow = MarkdownRenderer(make_styles(), 480)
    slow.fast = False
    for text in texts:
        assert simple_tree(text) is not None, text
        signature = _signature(fast.flowables(text))
        assert signature == _signature(slow.flowables(text)), text
        assert any("-quote-" in style for _, _, style, _, _ in signature), text
