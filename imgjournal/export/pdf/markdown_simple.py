"""A fast path for the Markdown most entries are written in.

Most bodies are paragraphs, ``#`` headings, flat ``-`` lists, ``> `` quotes of plain
paragraphs and ``*emphasis*`` / ``**strong**``. Python-Markdown runs some twenty inline
patterns over every piece of text, which was a fifth of the time a long study sheet took; for
text that uses only the constructs above, :func:`simple_tree` builds the same element tree
directly. Anything else (links, code, HTML, tables, quotes holding anything but paragraphs,
numbered or nested lists, underscores, backslashes, setext headings, hard breaks, ambiguous
asterisks) returns None and goes to Python-Markdown. A property test checks that both paths
print the same thing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

# Characters that start a construct this path does not handle.
_OTHER_SYNTAX = re.compile(r"[\\`<&\[\]!|~_{}=\t\r\x00-\x08\x0b-\x1f]")
_HEADING = re.compile(r"(#{1,6})([^#\n]*)\Z")
_ITEM = re.compile(r"- +(\S.*)\Z")
# A line that would start a list, a code block, a quote or a rule inside a paragraph, or
# underline the line above it as a heading ("Title" then "--").
_BLOCK_START = re.compile(r"[ #>]|[*+-](?:[ \t]|$)|\d+\.(?:[ \t]|$)|(?:[-*][ ]{0,2}){3,}$|-+ *$")
_QUOTE_MARK = re.compile(r"^> ", re.MULTILINE)  # the only ">" this path takes
_EMPHASIS = re.compile(r"(?<!\*)(\*\*|\*)(?!\*)([^*\s](?:[^*]*?[^*\s])?)\1(?!\*)")


def simple_tree(text: str) -> etree.Element | None:
    """The element tree Python-Markdown would build for ``text``, or None if unsure."""
    # Also hard line breaks (two spaces before a line's end); one class search and two
    # string tests take a sixth of the time of one pattern with these alternatives.
    if _OTHER_SYNTAX.search(text) or "  \n" in text or text.endswith((" ", " \n")):
        return None
    if ">" in text and text.count(">") != len(_QUOTE_MARK.findall(text)):
        return None
    root = etree.Element("div")
    lines = text.strip("\n").split("\n")
    if not lines[0].strip():
        return None  # Python-Markdown keeps a first line of spaces in the first block
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    for block in blocks:
        if block and not _add_block(root, block):
            return None
    return root


def _add_block(root: etree.Element, block: list[str]) -> bool:
    first = block[0]
    if first.startswith("#"):
        m = _HEADING.match(first)
        if len(block) > 1 or m is None:
            return False
        el = etree.SubElement(root, f"h{len(m.group(1))}")
        return _inline(el, m.group(2).strip())
    if first.startswith("- "):
        ul = etree.SubElement(root, "ul")
        for line in block:
            if _is_rule(line):
                return False  # "- --" is a horizontal rule, not a list item
            m = _ITEM.match(line)
            if m is None or _BLOCK_START.match(m.group(1)):
                return False
            if not _inline(etree.SubElement(ul, "li"), m.group(1)):
                return False
        return True
    if first.startswith("> "):
        return _add_quote(root, block)
    if any(_BLOCK_START.match(line) for line in block):
        return False
    return _inline(etree.SubElement(root, "p"), "\n".join(block).lstrip())


def _add_quote(root: etree.Element, block: list[str]) -> bool:
    """A quote of one plain paragraph, every line marked; it joins a quote just before it."""
    lines = [line[2:] for line in block]
    if not all(line.startswith("> ") for line in block) or any(
        not line.strip() or _BLOCK_START.match(line) for line in lines
    ):
        return False
    last = root[-1] if len(root) else None
    # Python-Markdown continues the quote before it, even across a blank line.
    quote = last if last is not None and last.tag == "blockquote" else None
    if quote is None:
        quote = etree.SubElement(root, "blockquote")
    return _inline(etree.SubElement(quote, "p"), "\n".join(lines).lstrip())


def _is_rule(line: str) -> bool:
    """A thematic break: three or more of one of -, * or _, spaces allowed between them."""
    marks = line.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and len(set(marks)) == 1 and marks[0] in "-*_"


def _inline(el: etree.Element, text: str) -> bool:
    """Fill ``el`` with ``text``, its emphasis as ``em``/``strong`` children."""
    if "*" not in text:
        el.text = text
        return True
    pos = 0
    last: etree.Element | None = None
    for m in _EMPHASIS.finditer(text):
        plain = text[pos : m.start()]
        if "*" in plain:
            return False
        if last is None:
            el.text = plain
        else:
            last.tail = plain
        last = etree.SubElement(el, "strong" if m.group(1) == "**" else "em")
        last.text = m.group(2)
        pos = m.end()
    rest = text[pos:]
    if "*" in rest:
        return False
    if last is None:
        el.text = rest
    else:
        last.tail = rest
    return True
