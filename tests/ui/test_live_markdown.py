"""Live Markdown (issue 16): a real QPlainTextEdit after ``install()``, its blocks' layout
formats read back. Away from the cursor's line the markers are hidden or dim and the text is
styled; on the cursor's line every marker shows in the muted colour; the text never changes."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from imgjournal.ui import markdown_highlighter as mh
from imgjournal.ui.markdown_highlighter import MarkdownHighlighter, install
from imgjournal.ui.markdown_parse import DIM, ITALIC, inline_spans, parse_line

BODY = (
    "# Night float, week 2\n"  # 0
    "\n"  # 1
    "A **long** night with *two* admissions and a snake_case_word.\n"  # 2
    "\n"  # 3
    "```\n"  # 4
    "K 5.9 -> recheck *stat*\n"  # 5
    "```\n"  # 6
    "After the fence, 2*3*4 stays arithmetic.\n"  # 7
    "- [ ] read about `DKA` in [the guide](https://example.org/dka_guide)\n"  # 8
    "> Slow down before the handover.\n"  # 9
    "---\n"  # 10
    "~~done~~ and _noted_"  # 11
)


@pytest.fixture
def edit(qtbot):
    e = QPlainTextEdit()
    qtbot.addWidget(e)
    e.resize(640, 480)
    e.setPlainText(BODY)
    focus(qtbot, e)
    return e


def focus(qtbot, widget) -> None:
    widget.window().show()
    qtbot.waitExposed(widget.window())
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def put_cursor(edit, block: int, column: int = 0) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(edit.document().findBlockByNumber(block).position() + column)
    edit.setTextCursor(cursor)


def fmt_at(edit, block: int, column: int):
    """The highlighter's format over ``column`` of ``block`` (None where there is none)."""
    ranges = edit.document().findBlockByNumber(block).layout().formats()
    for r in ranges:
        if r.start <= column < r.start + r.length:
            return QTextCharFormat(r.format)  # a copy: the range's own dies with the list
    return None


def col(edit, block: int, needle: str) -> int:
    return edit.document().findBlockByNumber(block).text().index(needle)


def colour(fmt) -> QColor:
    return fmt.foreground().color() if fmt is not None else QColor()


def hidden(fmt) -> bool:
    return fmt is not None and fmt.foreground().color().alpha() == 0


def test_bold_is_bold_with_markers_hidden_away_from_the_cursor_and_muted_on_its_line(edit):
    hl = install(edit)
    put_cursor(edit, 0)
    star = col(edit, 2, "**long")
    text_colour = edit.palette().color(QPalette.ColorRole.Text)
    muted = edit.palette().color(QPalette.ColorRole.PlaceholderText)

    assert fmt_at(edit, 2, star + 2).fontWeight() == QFont.Weight.Bold  # "long"
    marker = fmt_at(edit, 2, star)
    assert hidden(marker) and colour(marker) != text_colour
    assert marker.fontPointSize() < 2  # takes almost no room
    assert fmt_at(edit, 2, star + 5).fontWeight() == QFont.Weight.Bold  # still "long"
    assert hidden(fmt_at(edit, 2, star + 6))  # the closing **
    assert fmt_at(edit, 2, col(edit, 2, "two")).fontItalic()

    put_cursor(edit, 2, 5)  # onto the line: every marker shows, normal size, muted colour
    assert hl.raw_blocks() == (2, 2)
    marker = fmt_at(edit, 2, star)
    assert colour(marker) == muted
    assert marker.fontPointSize() == 0  # not set: the text's own size
    assert fmt_at(edit, 2, star + 2).fontWeight() == QFont.Weight.Bold  # styles stay
    assert hidden(fmt_at(edit, 0, 0))  # the heading's # away from the cursor again

    put_cursor(edit, 3)
    assert hidden(fmt_at(edit, 2, star))


def test_a_heading_is_larger_and_bold_with_its_hashes_hidden(edit):
    install(edit)
    put_cursor(edit, 2)
    base = edit.document().defaultFont().pointSizeF()
    title = fmt_at(edit, 0, 2)
    assert title.fontWeight() == QFont.Weight.Bold
    assert title.fontPointSize() == pytest.approx(base * mh.HEADING_SCALE[1])
    assert hidden(fmt_at(edit, 0, 0)) and hidden(fmt_at(edit, 0, 1))  # "# "
    put_cursor(edit, 0, 4)
    raw = fmt_at(edit, 0, 0)
    assert not hidden(raw)
    assert raw.fontPointSize() == pytest.approx(base * mh.HEADING_SCALE[1])  # no jump
    # An empty heading keeps its marks visible (dim): hidden, its line would shrink away.
    assert parse_line("## ", -1).spans == [(0, 3, DIM)]


def test_a_fenced_block_stays_monospace_across_lines_and_ends_at_its_fence(edit):
    install(edit)
    put_cursor(edit, 0)
    mono = mh.QFontDatabase.systemFont(mh.QFontDatabase.SystemFont.FixedFont).families()
    inside = fmt_at(edit, 5, 0)
    assert inside.fontFamilies() == mono
    assert not inside.fontItalic()  # *stat* inside code is not emphasis
    assert fmt_at(edit, 5, col(edit, 5, "stat")).fontFamilies() == mono
    assert fmt_at(edit, 6, 0).fontFamilies() == mono  # the closing fence
    assert fmt_at(edit, 7, 0) is None  # after the fence: plain again

    # Typing a line into the block keeps it monospace; removing the opening fence frees the
    # lines after it (block states carry over lines).
    put_cursor(edit, 5)
    edit.textCursor().insertText("Na 128\n")
    assert fmt_at(edit, 5, 0).fontFamilies() == mono
    assert fmt_at(edit, 6, 0).fontFamilies() == mono
    cursor = QTextCursor(edit.document().findBlockByNumber(4))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    assert fmt_at(edit, 5, 0) is None or fmt_at(edit, 5, 0).fontFamilies() != mono


def test_words_and_arithmetic_are_not_italic(edit):
    install(edit)
    put_cursor(edit, 0)
    snake = col(edit, 2, "snake_case_word")
    for i in range(len("snake_case_word")):
        f = fmt_at(edit, 2, snake + i)
        assert f is None or not f.fontItalic()
    sums = col(edit, 7, "2*3*4")
    assert all(fmt_at(edit, 7, sums + i) is None for i in range(5))
    for words in ("a_b_c 2*3*4 x * y *", "old_value and new_ one", "_start and end_of", "2*x + 3*"):
        assert not any(bits & ITALIC for *_, bits in inline_spans(words, 0, len(words))), words
    assert fmt_at(edit, 11, col(edit, 11, "noted")).fontItalic()  # _noted_ between spaces


def test_lists_tasks_quotes_links_code_and_strike(edit):
    install(edit)
    put_cursor(edit, 0)
    dim = colour(fmt_at(edit, 8, 0))  # the list's "-"
    text_colour = edit.palette().color(QPalette.ColorRole.Text)
    assert 0 < dim.alpha() < 255 and dim != text_colour
    assert colour(fmt_at(edit, 8, col(edit, 8, "[ ]"))) == dim  # the task box
    mono = mh.QFontDatabase.systemFont(mh.QFontDatabase.SystemFont.FixedFont).families()
    code = fmt_at(edit, 8, col(edit, 8, "DKA"))
    assert code.fontFamilies() == mono and code.background().style() != 0
    assert hidden(fmt_at(edit, 8, col(edit, 8, "`DKA")))
    link = fmt_at(edit, 8, col(edit, 8, "the guide"))
    assert colour(link) == edit.palette().color(QPalette.ColorRole.Link)
    assert hidden(fmt_at(edit, 8, col(edit, 8, "[the")))
    url = col(edit, 8, "(https")
    assert colour(fmt_at(edit, 8, url)) == dim
    assert not fmt_at(edit, 8, col(edit, 8, "guide)")).fontItalic()  # dka_guide
    quote = fmt_at(edit, 9, col(edit, 9, "Slow"))
    assert quote.fontItalic() and colour(quote) != text_colour
    assert colour(fmt_at(edit, 9, 0)) == dim  # the ">"
    assert fmt_at(edit, 11, col(edit, 11, "done")).fontStrikeOut()
    assert hidden(fmt_at(edit, 10, 0))  # the rule's dashes: the painter draws the line


def test_the_text_never_changes_and_copy_gives_the_markdown(edit):
    install(edit)
    assert not edit.document().isUndoAvailable()
    for block in (0, 2, 5, 8, 11, 3):
        put_cursor(edit, block, 1)
        assert edit.toPlainText() == BODY
    edit.selectAll()
    edit.copy()
    assert QApplication.clipboard().text() == BODY
    assert not edit.document().isUndoAvailable()  # styling made no edit
    assert not edit.document().isModified()


def test_a_selection_shows_every_line_it_touches_raw(edit):
    hl = install(edit)
    cursor = edit.textCursor()
    cursor.setPosition(edit.document().findBlockByNumber(0).position() + 3)
    cursor.setPosition(
        edit.document().findBlockByNumber(2).position() + 3, QTextCursor.MoveMode.KeepAnchor
    )
    edit.setTextCursor(cursor)
    assert hl.raw_blocks() == (0, 2)
    assert not hidden(fmt_at(edit, 0, 0))
    assert not hidden(fmt_at(edit, 2, col(edit, 2, "**long")))


def test_only_the_edit_with_the_focus_shows_its_cursors_line_raw(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    edit, title = QPlainTextEdit(), QLineEdit()
    layout.addWidget(title)
    layout.addWidget(edit)
    edit.setPlainText(BODY)
    hl = install(edit)
    star = col(edit, 2, "**long")
    put_cursor(edit, 2, 5)
    assert hl.raw_blocks() == (-1, -1) and hidden(fmt_at(edit, 2, star))  # being read
    focus(qtbot, edit)
    assert hl.raw_blocks() == (2, 2) and not hidden(fmt_at(edit, 2, star))
    # A context menu takes the focus for a moment: the line stays as it is.
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.PopupFocusReason))
    assert not hidden(fmt_at(edit, 2, star))
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.PopupFocusReason))
    focus(qtbot, title)  # on to another field: the body is all styled again
    assert hl.raw_blocks() == (-1, -1) and hidden(fmt_at(edit, 2, star))
    assert edit.toPlainText() == BODY


def test_moving_the_cursor_restyles_only_the_line_left_and_the_line_entered(qtbot, edit):
    seen: list[int] = []

    class Counting(MarkdownHighlighter):
        def highlightBlock(self, text):  # noqa: N802
            seen.append(self.currentBlock().blockNumber())
            super().highlightBlock(text)

    Counting(edit.document(), edit.palette(), edit)
    put_cursor(edit, 2)
    seen.clear()
    put_cursor(edit, 8, 3)
    assert sorted(seen) == [2, 8]
    seen.clear()
    put_cursor(edit, 8, 10)  # the same line: nothing to do
    assert seen == []


def test_a_palette_change_recolours_without_being_told(edit):
    install(edit)
    put_cursor(edit, 2)
    palette = QPalette(edit.palette())
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#3366aa"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#aa3300"))
    edit.setPalette(palette)  # what a light/dark switch does to the edit
    assert colour(fmt_at(edit, 2, col(edit, 2, "**long"))) == QColor("#3366aa")
    assert colour(fmt_at(edit, 8, col(edit, 8, "the guide"))) == QColor("#aa3300")


def test_a_font_change_resizes_headings(edit):
    install(edit)
    put_cursor(edit, 2)
    font = QFont(edit.font())
    font.setPointSize(20)
    edit.setFont(font)
    assert fmt_at(edit, 0, 2).fontPointSize() == pytest.approx(20 * mh.HEADING_SCALE[1])


def test_code_blocks_get_a_full_width_background_and_rules_a_line(qtbot, edit):
    hl = install(edit)
    edit.show()
    qtbot.waitExposed(edit)
    put_cursor(edit, 0)
    image = edit.viewport().grab().toImage()
    doc = edit.document()
    code_rect = edit.blockBoundingGeometry(doc.findBlockByNumber(5)).translated(
        edit.contentOffset()
    )
    right = edit.viewport().width() - 12
    y = int(code_rect.center().y())
    assert image.pixelColor(right, y) == hl.colours["code_bg"]
    plain_y = int(
        edit.blockBoundingGeometry(doc.findBlockByNumber(7)).translated(edit.contentOffset()).top()
    )
    assert image.pixelColor(right, plain_y + 2) != hl.colours["code_bg"]
    rule = edit.blockBoundingGeometry(doc.findBlockByNumber(10)).translated(edit.contentOffset())
    column = [image.pixelColor(right, y) for y in range(int(rule.top()), int(rule.bottom()))]
    assert hl.colours["rule"] in column


def test_a_text_edit_works_too(qtbot):
    e = QTextEdit()
    qtbot.addWidget(e)
    e.setPlainText("A **b** c\n\n```\ncode\n```")
    install(e)
    cursor = e.textCursor()
    cursor.setPosition(len("A **b** c") + 1)
    e.setTextCursor(cursor)
    ranges = e.document().firstBlock().layout().formats()
    formats = {r.start: QTextCharFormat(r.format) for r in ranges}
    assert formats[2].foreground().color().alpha() == 0
    assert formats[4].fontWeight() == QFont.Weight.Bold
    ranges = e.document().findBlockByNumber(3).layout().formats()
    code = QTextCharFormat(ranges[0].format)
    assert code.background().style() != 0  # no painter on a QTextEdit: the characters' own


def test_a_megabyte_on_one_line_is_left_plain_and_quick(qtbot, edit):
    install(edit)
    line = "**a " * 250_000
    started = time.perf_counter()
    edit.setPlainText(line)
    elapsed = time.perf_counter() - started
    assert edit.document().firstBlock().layout().formats() == []
    assert elapsed < 3  # about a third of a second here; Qt's own layout is most of it
    worst = "*_" * 10_000  # just under the limit, every character a delimiter
    started = time.perf_counter()
    parse_line(worst, -1)
    parse_line("[" * 10_000 + "](" * 5_000, -1)
    assert time.perf_counter() - started < 0.5


def test_privacy_underlines_show_on_styled_text(qtbot, journal, window):
    from imgjournal.ui.privacy import MARK_COLOUR

    window.actions.new_reflection.trigger()
    body = window.editor.body
    assert isinstance(window.editor.highlighter, MarkdownHighlighter)
    body.setFocus()
    qtbot.keyClicks(body, "Her son: **call 555-867-5309** for updates.")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Next line.")
    qtbot.waitUntil(lambda: body.extraSelections() != [], timeout=4000)
    (sel,) = body.extraSelections()
    assert sel.cursor.selectedText() == "555-867-5309"
    start = body.toPlainText().index("555")
    assert fmt_at(body, 0, start).fontWeight() == QFont.Weight.Bold  # the highlighter's
    assert hidden(fmt_at(body, 0, start - 7))  # ** hidden: the cursor is on the next line
    image = body.viewport().grab().toImage()
    red = QColor(MARK_COLOUR)

    def reddish(c: QColor) -> bool:
        return abs(c.red() - red.red()) < 40 and c.green() < 120 and c.blue() < 120

    line = body.blockBoundingGeometry(body.document().firstBlock()).translated(body.contentOffset())
    assert any(
        reddish(image.pixelColor(x, y))
        for x in range(image.width())
        for y in range(int(line.top()), int(line.bottom()) + 2)
    )
    assert body.toPlainText() == "Her son: **call 555-867-5309** for updates.\nNext line."


def test_typing_hides_nothing_on_the_line_being_typed(qtbot, journal, window):
    """Key by key in the real editor: the line under the cursor never loses a mark (nothing
    jumps while typing); Return styles the line left behind."""
    window.actions.new_reflection.trigger()
    body = window.editor.body
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    typed = "## Plan: **call** the *family* back"
    for ch in typed:
        qtbot.keyClicks(body, ch)
        line = body.textCursor().block()
        ranges = line.layout().formats()
        assert not any(r.format.foreground().color().alpha() == 0 for r in ranges), ch
    assert fmt_at(body, 0, 3).fontWeight() == QFont.Weight.Bold
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Then rest.")
    assert hidden(fmt_at(body, 0, 0))  # "## " away from the cursor
    assert hidden(fmt_at(body, 0, typed.index("**")))
    assert fmt_at(body, 0, typed.index("family")).fontItalic()
    assert body.toPlainText() == typed + "\nThen rest."


def test_a_long_selection_shows_only_the_cursors_line_raw(qtbot, edit):
    hl = install(edit)
    edit.setPlainText("\n".join(f"- item **{i}**" for i in range(mh.MAX_RAW_LINES + 50)))
    edit.selectAll()
    last = edit.document().blockCount() - 1
    assert hl.raw_blocks() == (last, last)
    assert hidden(fmt_at(edit, 0, 7)) and not hidden(fmt_at(edit, last, 7))


def test_comments_look_like_hints_across_lines(qtbot):
    """An answer draft's hints are HTML comments: shown like placeholder text, over lines too."""
    e = QPlainTextEdit()
    qtbot.addWidget(e)
    e.setPlainText(
        "## Situation\n"  # 0
        "<!-- Where and when: the setting, -->\n"  # 1
        "<!-- who was there\n"  # 2
        "and what was at stake. -->\n"  # 3
        "A *night* shift; `<!--` is code."  # 4
    )
    install(e)
    muted = e.palette().color(QPalette.ColorRole.PlaceholderText)
    for block, word in ((1, "Where"), (2, "who"), (3, "stake")):
        hint = fmt_at(e, block, col(e, block, word))
        assert hint.fontItalic() and colour(hint) == muted, word
    assert colour(fmt_at(e, 3, col(e, 3, "-->"))).alpha() < 255  # the closing mark, dim
    assert fmt_at(e, 4, 0) is None  # after the comment: text again
    assert fmt_at(e, 4, col(e, 4, "night")).fontItalic()
    mono = mh.QFontDatabase.systemFont(mh.QFontDatabase.SystemFont.FixedFont).families()
    assert fmt_at(e, 4, col(e, 4, "<!--")).fontFamilies() == mono
    assert e.document().lastBlock().userState() in (-1, 0)  # no comment left open


def test_deleting_a_focused_edit_is_quiet(qtbot):
    """A form rebuilt under the cursor deletes a focused box: the focus leaving a box being
    destroyed must not reach into it (pytest-qt fails the test on an exception in a filter)."""
    import shiboken6

    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    edit, title = QPlainTextEdit(), QLineEdit()
    layout.addWidget(title)
    layout.addWidget(edit)
    edit.setPlainText(BODY)
    hl = install(edit)
    focus(qtbot, edit)
    put_cursor(edit, 2, 3)
    shiboken6.delete(edit)
    assert not shiboken6.isValid(hl)  # went with the edit's document
    assert title.isVisible()


def test_installing_twice_keeps_one_highlighter(edit):
    first = install(edit)
    assert install(edit) is first
    assert len(edit.document().findChildren(MarkdownHighlighter)) == 1


def test_the_story_boxes_are_styled_as_the_notes_are(qtbot):
    """A case's STAR-L boxes hold Markdown too (the reveal and the sheets render it): away from
    the cursor, **bold** in a Situation box is bold with its marks hidden."""
    from PySide6.QtGui import QFont

    from imgjournal.ui.editor_forms import CaseForm

    form = CaseForm()
    qtbot.addWidget(form)
    form.show()
    box = form.star["situation"]
    box.setPlainText("Night float.\nShe was **septic** on arrival.")
    qtbot.waitUntil(lambda: bool(box.document().lastBlock().layout().formats()))
    formats = box.document().lastBlock().layout().formats()
    word = "She was **septic** on arrival.".index("septic")
    assert any(
        r.start <= word < r.start + r.length and r.format.fontWeight() >= QFont.Weight.Bold
        for r in formats
    )
    assert box.toPlainText() == "Night float.\nShe was **septic** on arrival."
