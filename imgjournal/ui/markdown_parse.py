"""The Markdown a text box shows live, parsed one line at a time (no Qt here).

``parse_line(text, state)`` returns what a line is (plain, heading, quote, code, rule …), the
spans to style in it and the state the next line starts in (only fenced code blocks run over
lines). Every step is linear in the line's length: no regular expression here can backtrack
over the line more than once, so a pathological line cannot freeze the editor.

Emphasis follows CommonMark's delimiter runs with one deliberate difference: ``*`` and ``_``
never open or close inside a word, so ``snake_case_name`` and ``2*3*4`` stay as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# What a whole line is.
PLAIN, HEADING, QUOTE, FENCE, CODE_LINE, RULE = range(6)

# What a span inside a line is (bits: a span of bold link text is BOLD | LINK).
BOLD = 1
ITALIC = 2
STRIKE = 4
CODE = 8
LINK = 16
MARK = 32  # a marker shown only on the cursor's line: ** _ ~~ ` [ ] #
DIM = 64  # a marker kept dim: list bullets, task boxes, > and a link's (url)
HINT = 128  # an HTML comment's words (<!-- a draft's hint -->): shown like a placeholder

# The state a line hands to the next (QSyntaxHighlighter's block state, -1 = none).
IN_FENCE = 1  # inside a fenced code block
TILDE_FENCE = 2  # ... opened with ~~~ rather than ```
IN_COMMENT = 4  # inside an HTML comment that has not closed yet
FENCE_SHIFT = 8  # the opening fence's length sits above these bits

_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")
_LIST = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_TASK = re.compile(r"\[[ xX]\](?=[ \t]|$)")
# Any character a styled line must hold (a line without one is plain prose).
_MARKUP = re.compile(r"[*_~`\[#>+\-]|\d[.)]")
_TICKS = re.compile(r"`+")
# [text](url): the text stops at the next bracket and the url at a parenthesis or a line end,
# so each character is looked at by one candidate only.
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
_RUN = re.compile(r"\*+|_+|~+")
_AFTER_ALL = float("inf")


@dataclass
class Line:
    kind: int = PLAIN
    level: int = 0  # a heading's level (1–6)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, bits)
    state: int = -1


def parse_line(text: str, state: int) -> Line:
    """What ``text`` is, given the ``state`` the previous line left (-1 at the start)."""
    state = max(state, 0)
    if state & IN_FENCE:
        return _in_fence(text, state)
    if state & IN_COMMENT:
        close = text.find("-->")
        if close < 0:
            return Line(spans=[(0, len(text), HINT)], state=IN_COMMENT)
        rest, state = _inline(text, close + 3, len(text))
        return Line(spans=[(0, close, HINT), (close, close + 3, DIM), *rest], state=state)
    if not _MARKUP.search(text):  # most lines of prose: nothing to style
        return Line()
    m = _FENCE_OPEN.match(text)
    if m and not (m.group(1)[0] == "`" and "`" in text[m.end() :]):
        fence = m.group(1)
        opened = IN_FENCE | (TILDE_FENCE if fence[0] == "~" else 0) | (len(fence) << FENCE_SHIFT)
        return Line(FENCE, spans=[(0, len(text), DIM)], state=opened)
    if _RULE.match(text):
        return Line(RULE, spans=[(0, len(text), MARK)])
    m = _HEADING.match(text)
    if m:
        end = _closing_hashes(text, m.end())
        # An empty heading keeps its marks dim: hidden, its line would shrink to nothing.
        mark = MARK if text[m.end() : end].strip() else DIM
        spans = [(0, m.end(), mark)]
        if end < len(text):
            spans.append((end, len(text), mark))
        rest, state = _inline(text, m.end(), end)
        return Line(HEADING, level=len(m.group(1)), spans=spans + rest, state=state)
    kind, start, spans = PLAIN, 0, []
    m = _QUOTE.match(text)
    if m:
        kind, start = QUOTE, m.end()
        spans.append((0, start, DIM))
    m = _LIST.match(text, start)
    if m and m.end() > m.start():
        spans.append((m.start(), m.end(), DIM))
        start = m.end()
        task = _TASK.match(text, start)
        if task:
            spans.append((task.start(), task.end(), DIM))
            start = task.end()
    rest, state = _inline(text, start, len(text))
    return Line(kind, spans=spans + rest, state=state)


def carry_state(text: str, state: int) -> int:
    """Only the state ``text`` hands on (for a line too long to style: fences still count)."""
    state = max(state, 0)
    if state & IN_FENCE:
        return _in_fence(text[:200], state).state if len(text.strip()) < 200 else state
    if state & IN_COMMENT or "<!--" in text:  # roughly: code spans are not looked for here
        opened = text.rfind("<!--")
        if opened >= 0:
            return IN_COMMENT if text.find("-->", opened + 4) < 0 else -1
        return -1 if "-->" in text else state
    line = parse_line(text[:200], state) if text.lstrip(" ")[:1] in ("`", "~") else None
    return line.state if line is not None and line.kind == FENCE else -1


def _closing_hashes(text: str, start: int) -> int:
    """Where a heading's optional closing ``#``s (and the blanks before them) begin, or the
    line's length. Walked back from the end by hand: a regular expression searched over a
    line of blanks would be quadratic."""
    j = len(text.rstrip(" \t"))
    k = j
    while k > start and text[k - 1] == "#":
        k -= 1
    if k in (j, start):
        return len(text) if k == j else start
    if text[k - 1] not in " \t":
        return len(text)
    while k > start and text[k - 1] in " \t":
        k -= 1
    return k


def _in_fence(text: str, state: int) -> Line:
    m = _FENCE_CLOSE.match(text)
    if m:
        fence = m.group(1)
        same = (fence[0] == "~") == bool(state & TILDE_FENCE)
        if same and len(fence) >= state >> FENCE_SHIFT:
            return Line(FENCE, spans=[(0, len(text), DIM)], state=0)
    return Line(CODE_LINE, state=state)


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """The styled spans of ``text[start:end]``: code, comments, links, then emphasis outside
    them."""
    return _inline(text, start, end)[0]


def _inline(text: str, start: int, end: int) -> tuple[list[tuple[int, int, int]], int]:
    """The spans, and the state for the next line (IN_COMMENT if a comment is left open)."""
    spans: list[tuple[int, int, int]] = []
    shut: list[tuple[int, int]] = []  # stretches emphasis must not look into (sorted)
    _code_spans(text, start, end, spans, shut)
    left_open = _comments(text, start, end, spans, shut)
    _links(text, start, end, spans, shut)
    shut.sort()
    _emphasis(text, start, end, spans, shut)
    return spans, IN_COMMENT if left_open else -1


def _inside(shut: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(shut, (pos, _AFTER_ALL)) - 1
    return i >= 0 and shut[i][0] <= pos < shut[i][1]


def _code_spans(text: str, start: int, end: int, spans: list, shut: list) -> None:
    """`code`: a run of backticks closes at the next run of the same length (CommonMark)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text, start, end)]
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):  # the next run of each length, right to left
        length = runs[i][1] - runs[i][0]
        following[i] = seen.get(length)
        seen[length] = i
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        (a, b), (c, d) = runs[i], runs[j]
        spans += [(a, b, MARK), (b, c, CODE), (c, d, MARK)]
        shut.append((a, d))
        i = j + 1


def _comments(text: str, start: int, end: int, spans: list, shut: list) -> bool:
    """<!-- words -->: the words like a placeholder, the marks dim; an unclosed one runs to
    the end of the line (and on, through the block state): then True."""
    code = sorted(shut)
    pos = text.find("<!--", start, end)
    while pos >= 0:
        if _inside(code, pos):
            pos = text.find("<!--", pos + 4, end)
            continue
        close = text.find("-->", pos + 4, end)
        stop = close + 3 if close >= 0 else end
        spans += [(pos, pos + 4, DIM), (pos + 4, close if close >= 0 else end, HINT)]
        shut.append((pos, stop))
        if close < 0:
            return True
        spans.append((close, stop, DIM))
        pos = text.find("<!--", stop, end)
    return False


def _links(text: str, start: int, end: int, spans: list, shut: list) -> None:
    """[text](url): brackets hidden away from the cursor, the text styled, the (url) dim."""
    code = sorted(shut)
    found = []
    for m in _LINK.finditer(text, start, end):
        a, close, d = m.start(), m.end(1), m.end()
        if any(_inside(code, p) for p in (a, close, d - 1)):
            continue
        if a > 0 and text[a - 1] == "!":  # an image: the ! is a marker too
            spans.append((a - 1, a, MARK))
        spans += [(a, a + 1, MARK), (a + 1, close, LINK), (close, close + 1, MARK)]
        spans.append((close + 1, d, DIM))
        found.append((close + 1, d))
    shut += found


def _emphasis(text: str, start: int, end: int, spans: list, shut: list) -> None:
    """*italic*, **bold**, _italic_, __bold__ and ~~strike~~ with a stack of openers per
    character (linear: each delimiter is pushed and popped at most once)."""
    openers: dict[str, list[list[int]]] = {"*": [], "_": [], "~": []}
    for m in _RUN.finditer(text, start, end):
        a, b = m.start(), m.end()
        char = text[a]
        if char == "~" and b - a != 2:
            continue
        if _inside(shut, a) or (a > 0 and text[a - 1] == "\\"):
            continue
        before = text[a - 1] if a > start else " "
        after = text[b] if b < end else " "
        can_open = not after.isspace() and not before.isalnum()
        can_close = not before.isspace() and not after.isalnum()
        stack = openers[char]
        if can_close:
            while a < b and stack:
                opener = stack[-1]
                use = 2 if (opener[1] >= 2 and b - a >= 2) else 1
                o_end = opener[0] + opener[1]
                style = STRIKE if char == "~" else (BOLD if use == 2 else ITALIC)
                # The style covers its markers too: on the cursor's line ** shows bold.
                spans += [(o_end - use, o_end, MARK), (o_end - use, a + use, style)]
                spans.append((a, a + use, MARK))
                opener[1] -= use
                if not opener[1]:
                    stack.pop()
                a += use
        if can_open and a < b:
            stack.append([a, b - a])
