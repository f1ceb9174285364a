"""Markdown bodies as reportlab flowables.

Python-Markdown parses the text into an ElementTree; we walk that tree instead of its HTML
output, with one small builder per block element (rst2pdf's ``genelements`` idea). Every piece
of user text goes through :func:`esc` before it becomes Paragraph markup, so ``<``, ``&`` or raw
HTML in an entry print as typed and can never break the document. Raw HTML is not interpreted:
it prints as the text the user wrote.
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable
from xml.sax.saxutils import escape as _xml_escape

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Indenter,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
    XPreformatted,
)
from reportlab.platypus.flowables import HRFlowable

from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.fastpara import ParaMaker
from imgjournal.export.pdf.markdown_simple import simple_tree
from imgjournal.export.pdf.rtl_para import RtlPara, starts_rtl
from imgjournal.export.pdf.styles import LINK, MUTED, RULE, TINT, Styles, markup_color, variant
from imgjournal.export.pdf.template import KeepRoom

_ATTR = {'"': "&quot;"}
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);\Z")
_AMP_CHAR = re.compile(re.escape(AMP_SUBSTITUTE) + r"#(\d+);")
_SAFE_HREF = re.compile(r"(https?|mailto):[^\s]+\Z", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MAX_DEPTH = 6  # nesting deeper than this is drawn at this depth
_BULLETS = ("•", "◦", "▪")
_CODE_CLASS = "imgj-fenced"
_LINK_COLOR = markup_color(LINK)
_MUTED_COLOR = markup_color(MUTED)


def esc(text: str, *, mono: bool = False) -> str:
    """User text as Paragraph markup: printable characters, XML-escaped, characters the
    sheet's faces lack in a font of the computer that has them (``fonts.markup``)."""
    return fonts.markup(text, mono=mono)


def esc_attr(text: str) -> str:
    return _xml_escape(fonts.printable(text), _ATTR)


def _cells(line: str) -> int:
    """How many monospaced cells ``line`` takes (a wide CJK character takes two)."""
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _fit_cells(line: str, cells: int) -> int:
    """How many characters of ``line`` fit ``cells`` cells (at least one)."""
    if line.isascii():
        return max(1, cells)
    used = 0
    for i, c in enumerate(line):
        used += 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used > cells:
            return max(1, i)
    return len(line)


def _code_unescape(text: str) -> str:
    # Python-Markdown stores code HTML-escaped (util.code_escape); undo exactly that.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _Fences(Preprocessor):
    """Fenced code blocks, stored as elements we recognise (the stock extension stores HTML)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        from markdown.extensions.fenced_code import FencedBlockPreprocessor

        self._re = FencedBlockPreprocessor.FENCED_BLOCK_RE

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        pos = 0
        while True:
            m = self._re.search(text, pos)
            if m is None:
                return text.split("\n")
            el = etree.Element("pre", {"class": _CODE_CLASS})
            el.text = m.group("code")
            placeholder = self.md.htmlStash.store(el)
            replacement = f"\n{placeholder}\n"
            text = text[: m.start()] + replacement + text[m.end() :]
            pos = m.start() + len(replacement)


def _new_markdown() -> Markdown:
    md = Markdown(extensions=["tables", "sane_lists"])
    md.preprocessors.register(_Fences(md), "imgj_fences", 25)
    return md


class MarkdownRenderer:
    """Turns Markdown text into flowables for a frame ``width`` points wide.

    One renderer per document build (it holds a parser, which is not thread-safe).
    """

    def __init__(self, styles: Styles, width: float, *, para: ParaMaker | None = None) -> None:
        self.styles = styles
        self.width = width
        self._make_para = para or ParaMaker()
        self._md = _new_markdown()
        self._stash: list[str | etree.Element] = []
        self._base_indent: float = 0
        self._trees: dict[str, tuple[etree.Element, list[str | etree.Element]]] = {}
        self.fast = True  # use markdown_simple where it applies (tests compare both paths)
        self._indent_step = styles.size * 1.5
        # The block builders by tag, as functions of the class: bound methods here would make
        # a reference cycle that keeps the renderer, its parse trees and paragraphs alive
        # until the next garbage collection.
        self._blocks = _BLOCKS

    # -- entry points -----------------------------------------------------------------------
    def flowables(self, text: str, *, indent: float = 0) -> list[Flowable]:
        """The flowables of ``text``, shifted right by ``indent`` points; never raises."""
        if "<!--" in text:
            text = _COMMENT.sub("", text)  # comments are hints, invisible in every viewer
        if not text or not text.strip():
            return []
        self._base_indent = indent
        try:
            if _is_plain(text):
                # The common case (a sentence or two): no parser needed.
                return [self._para(esc(" ".join(text.split())), self.styles.body)]
            try:
                root = self._parse(text)
                out: list[Flowable] = []
                self._children(root, out, 0, False)
                return out
            except Exception:  # noqa: BLE001 - odd input never breaks a document
                return [self._para(_plain_markup(text), self.styles.body)]
        finally:
            self._base_indent = 0

    def _parse(self, text: str) -> etree.Element:
        # A story linked to several prompts prints several times: parse its text once.
        cached = self._trees.get(text)
        if cached is not None:
            root, self._stash = cached
            return root
        simple = simple_tree(text) if self.fast else None
        if simple is not None:
            root, self._stash = simple, []
        else:
            root = self._parse_new(text)
        if len(self._trees) < 5000:
            self._trees[text] = (root, self._stash)
        return root

    def _parse_new(self, text: str) -> etree.Element:
        md = self._md
        md.reset()
        # STX/ETX are Python-Markdown's placeholder markers; user text must not contain them.
        text = text.replace("\x02", "").replace("\x03", "")
        lines = text.split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for tree in md.treeprocessors:
            new_root = tree.run(root)
            if new_root is not None:
                root = new_root
        self._stash = list(md.htmlStash.rawHtmlBlocks)
        return root

    # -- blocks ---------------------------------------------------------------------------
    def _children(
        self, parent: etree.Element, out: list[Flowable], depth: int, quoted: bool
    ) -> None:
        for child in parent:
            build = self._blocks.get(child.tag if isinstance(child.tag, str) else "")
            if build is not None:
                out.extend(build(self, child, depth, quoted))
                continue
            markup = self._inline(child)
            if markup.strip():
                out.append(self._para(markup, self._body(quoted), depth))

    def _left(self, depth: int) -> float:
        return self._base_indent + min(depth, _MAX_DEPTH) * self._indent_step

    def _body(self, quoted: bool) -> ParagraphStyle:
        return self.styles.quote if quoted else self.styles.body

    def _para(
        self, markup: str, style: ParagraphStyle, depth: int = 0, bullet: str | None = None
    ) -> Flowable:
        left = self._left(depth)
        if left:
            style = variant(
                style,
                leftIndent=style.leftIndent + left,
                bulletIndent=style.bulletIndent + left,
            )
        return self._make_para(markup, style, bulletText=bullet)

    def _paragraph(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        code = self._stashed_code(el)
        if code is not None:
            return self._code_block(code, depth)
        markup = self._inline(el)
        if not markup.strip():
            return []
        plain = "".join(el.itertext()).replace(AMP_SUBSTITUTE, "&")
        if starts_rtl(plain):  # Arabic, Hebrew: right-aligned, lines in reading order
            style = self._body(quoted)
            left = self._left(depth)
            if left:
                style = variant(style, leftIndent=style.leftIndent + left)
            return [RtlPara(plain, style)]
        return [self._para(markup, self._body(quoted), depth=depth)]

    def _heading(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        style = self.styles.md_h1 if el.tag in ("h1", "h2") else self.styles.md_h2
        markup = self._inline(el)
        if not markup.strip():
            return []
        return [KeepRoom(self.styles.body.leading * 3), self._para(markup, style, depth=depth)]

    def _list(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        out: list[Flowable] = []
        ordered = el.tag == "ol"
        try:
            number = int(el.get("start", "1"))
        except ValueError:
            number = 1
        style = self.styles.quote if quoted else self.styles.item
        style = variant(
            style,
            leftIndent=self.styles.item.leftIndent,
            bulletIndent=self.styles.item.bulletIndent,
            spaceAfter=self.styles.item.spaceAfter,
        )
        for li in el:
            if li.tag != "li":
                continue
            bullet = f"{number}." if ordered else _BULLETS[min(depth, _MAX_DEPTH) % 3]
            number += 1
            out.extend(self._list_item(li, depth, quoted, style, bullet))
        return out

    def _list_item(
        self, li: etree.Element, depth: int, quoted: bool, style: ParagraphStyle, bullet: str
    ) -> list[Flowable]:
        out: list[Flowable] = []
        pending = [esc(_text(li.text))]

        def flush() -> None:
            nonlocal bullet
            markup = "".join(pending).strip()
            pending.clear()
            if markup or bullet:
                out.append(self._para(markup, style, depth=depth, bullet=bullet or None))
                bullet = ""

        for child in li:
            build = self._blocks.get(child.tag if isinstance(child.tag, str) else "")
            if build is None:
                pending.append(self._inline_element(child))
                pending.append(esc(_text(child.tail)))
                continue
            if child.tag == "p" and self._stashed_code(child) is None:
                pending.append(self._inline(child))
                flush()
            else:
                if "".join(pending).strip() or bullet:
                    flush()
                out.extend(build(self, child, depth + 1, quoted))
            if child.tail and child.tail.strip():
                pending.append(esc(_text(child.tail)))
        if "".join(pending).strip() or bullet:
            flush()
        return out

    def _pre(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        code_el = el.find("code")
        text = (code_el.text if code_el is not None else el.text) or ""
        return self._code_block(_code_unescape(_text(text)), depth)

    def _code_block(self, text: str, depth: int) -> list[Flowable]:
        text = fonts.clean(text.rstrip("\n").expandtabs(4))
        if not fonts.printable(text, mono=True).strip():
            return []
        style = self.styles.code
        left = self._left(depth)
        if left:
            style = variant(style, leftIndent=left)
        pad = style.fontSize * 0.8
        chars = max(8, int((self.width - left - pad) / (style.fontSize * 0.602)))
        lines = []
        for line in text.split("\n"):
            while _cells(line) > chars:  # long lines wrap; a code block never runs off the page
                cut = _fit_cells(line, chars)
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
        # Each line as markup: what the mono face lacks prints in a font that has it.
        return [XPreformatted("\n".join(fonts.markup(line, mono=True) for line in lines), style)]

    def _blockquote(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        out: list[Flowable] = []
        self._children(el, out, depth + 1, True)
        return out

    def _rule(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=6)]

    def _table(self, el: etree.Element, depth: int, quoted: bool) -> list[Flowable]:
        rows: list[list[Paragraph]] = []
        aligns: list[str] = []
        head_rows = 0
        for section in el:
            for tr in section if section.tag in ("thead", "tbody") else [section]:
                if tr.tag != "tr":
                    continue
                cells = [c for c in tr if c.tag in ("th", "td")]
                if not cells:
                    continue
                if section.tag == "thead":
                    head_rows += 1
                    aligns = [_align(c.get("style", "")) for c in cells]
                rows.append(cells)  # type: ignore[arg-type]
        if not rows:
            return []
        ncols = max(len(r) for r in rows)
        aligns += ["LEFT"] * (ncols - len(aligns))
        data = []
        for i, cells in enumerate(rows):
            style = self.styles.cell_head if i < head_rows else self.styles.cell
            row = []
            for j in range(ncols):
                markup = self._inline(cells[j]) if j < len(cells) else ""  # type: ignore[arg-type]
                cell_style = (
                    style
                    if aligns[j] == "LEFT"
                    else variant(style, alignment={"CENTER": 1, "RIGHT": 2}[aligns[j]])
                )
                row.append(
                    Paragraph(fonts.styled_fallbacks(markup, cell_style.fontName), cell_style)
                )
            data.append(row)
        left = self._left(depth)
        width = self.width - left
        table = Table(
            data,
            colWidths=[width / ncols] * ncols,
            repeatRows=head_rows,
            hAlign="LEFT",
            splitInRow=1,
        )
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if head_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), TINT))
        table.setStyle(TableStyle(commands))
        if left:
            return [Spacer(1, 2), Indenter(left=left), table, Indenter(left=-left), Spacer(1, 6)]
        return [Spacer(1, 2), table, Spacer(1, 6)]

    # -- inline ---------------------------------------------------------------------------
    def _inline(self, el: etree.Element) -> str:
        """The Paragraph markup of ``el``'s content (its text, children and their tails)."""
        parts = [self._text_markup(el.text)]
        for child in el:
            parts.append(self._inline_element(child))
            parts.append(self._text_markup(child.tail))
        return "".join(parts)

    def _inline_element(self, el: etree.Element) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("strong", "b"):
            return f"<b>{self._inline(el)}</b>"
        if tag in ("em", "i"):
            return f"<i>{self._inline(el)}</i>"
        if tag == "code":
            code = esc(_code_unescape(_text(el.text)), mono=True)
            return f'<font face="{fonts.MONO}">{code}</font>'
        if tag == "br":
            return "<br/>"
        if tag == "a":
            return self._link(el)
        if tag == "img":
            alt = el.get("alt") or el.get("title") or "image"
            return f"[{esc(alt)}]"
        return self._inline(el)

    def _link(self, el: etree.Element) -> str:
        inner = self._inline(el)
        href = _unamp(el.get("href", "")).strip()
        if not _SAFE_HREF.match(href):
            return inner
        shown = href[7:] if href.lower().startswith("mailto:") else href
        label = f'<a href="{esc_attr(href)}" color="{_LINK_COLOR}">{inner or esc(shown)}</a>'
        plain = _unamp("".join(el.itertext())).strip()
        if plain and plain != shown:
            # On paper a link is only as good as the address printed next to it.
            label += f' <font size="-1" color="{_MUTED_COLOR}">({esc(shown)})</font>'
        return label

    def _text_markup(self, text: str | None) -> str:
        if not text:
            return ""
        if "\x02" not in text:
            return esc(text)
        parts = []
        pos = 0
        for m in HTML_PLACEHOLDER_RE.finditer(text):
            parts.append(esc(_unamp(text[pos : m.start()])))
            parts.append(self._stashed_markup(int(m.group(1))))
            pos = m.end()
        parts.append(esc(_unamp(text[pos:])))
        return "".join(parts)

    def _stashed_markup(self, index: int) -> str:
        if not 0 <= index < len(self._stash):
            return ""
        item = self._stash[index]
        if isinstance(item, str):
            if _ENTITY.match(item):
                return esc(html.unescape(item))
            # Raw HTML the user typed: print it as written.
            return esc(item).replace("\n", "<br/>")
        return esc("".join(item.itertext()))

    def _stashed_code(self, el: etree.Element) -> str | None:
        """The code of a fenced block, when ``el`` is the paragraph holding its placeholder."""
        if len(el) or not el.text:
            return None
        m = HTML_PLACEHOLDER_RE.fullmatch(el.text.strip())
        if m is None:
            return None
        index = int(m.group(1))
        if not 0 <= index < len(self._stash):
            return None
        item = self._stash[index]
        if isinstance(item, etree.Element) and item.get("class") == _CODE_CLASS:
            return item.text or ""
        return None


_BLOCKS: dict[str, Callable[[MarkdownRenderer, etree.Element, int, bool], list[Flowable]]] = {
    "p": MarkdownRenderer._paragraph,
    "h1": MarkdownRenderer._heading,
    "h2": MarkdownRenderer._heading,
    "h3": MarkdownRenderer._heading,
    "h4": MarkdownRenderer._heading,
    "h5": MarkdownRenderer._heading,
    "h6": MarkdownRenderer._heading,
    "ul": MarkdownRenderer._list,
    "ol": MarkdownRenderer._list,
    "pre": MarkdownRenderer._pre,
    "blockquote": MarkdownRenderer._blockquote,
    "table": MarkdownRenderer._table,
    "hr": MarkdownRenderer._rule,
}


def _text(text: str | None) -> str:
    return text or ""


def _unamp(text: str) -> str:
    if AMP_SUBSTITUTE not in text:
        return text
    text = _AMP_CHAR.sub(lambda m: chr(int(m.group(1))) if int(m.group(1)) < 0x110000 else "", text)
    return text.replace(AMP_SUBSTITUTE, "&")


def _align(style: str) -> str:
    style = style.replace(" ", "").lower()
    if "text-align:center" in style:
        return "CENTER"
    if "text-align:right" in style:
        return "RIGHT"
    return "LEFT"


_MARKDOWN_CHARS = re.compile(r"[\\`*_{}\[\]<>#+\-!|~&\n\r\x02\x03]")
_BLOCK_OPENING = re.compile(r"\s*\d+[.)]| {4}|\t")  # a numbered item or code, at the start


def _is_plain(text: str) -> bool:
    """True when Markdown would make one plain paragraph of ``text`` (no syntax at all)."""
    return _MARKDOWN_CHARS.search(text) is None and _BLOCK_OPENING.match(text) is None


def _plain_markup(text: str) -> str:
    return "<br/>".join(esc(line) for line in text.splitlines())
