"""The prep windows follow a switch between light and dark while they are open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from imgjournal.services import entries, prep, prep_stats, prompts
from imgjournal.ui.prep import RoundSpec
from imgjournal.ui.prep.practice import Phase
from imgjournal.ui.prompts_view import PROMPT_ROLE
from imgjournal.ui.theme import apply_appearance


@pytest.fixture
def light_then_back(qtbot):
    """Start in light; put the app back in light whatever the test did."""
    app = QApplication.instance()
    apply_appearance(app, "light")
    yield app
    apply_appearance(app, "light")


def _grey(widget) -> str:
    from imgjournal.ui.prep.common import muted

    return muted(widget)


def test_prep_windows_recolour_on_a_light_dark_switch(qtbot, window, journal, light_then_back):
    library = prompts.list_prompts(journal)
    first, second, third = library[5], library[6], library[7]
    ids = [first.id, second.id, third.id]
    entries.create_entry(journal, "case", "Sepsis on nights", prompt_ids=ids)
    prep.create_draft(journal, first.id, body="## Situation\n\nA septic patient at 3 am.\n")

    ws = window.prep.open_workspace(first.id)
    qtbot.waitUntil(lambda: ws.data is not None)
    cv = window.prep.open_coverage()
    qtbot.waitUntil(lambda: cv.coverage is not None)
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_R):
        qtbot.keyClick(pw, key)
    assert pw.is_revealed

    light = _grey(pw)
    assert light not in ("#000000", "#ffffff")  # a grey, not the text colour itself
    assert light in pw.answer.toHtml()
    assert light in ws.stories.toHtml()
    assert light in cv.sole.text()  # the only story of three prompts

    apply_appearance(light_then_back, "dark")
    want = light_then_back.palette().color(QPalette.ColorRole.PlaceholderText)
    for w in (pw, ws, cv):  # Qt hands the new palette to each window through its event loop
        qtbot.waitUntil(lambda w=w: w.palette().color(QPalette.ColorRole.PlaceholderText) == want)
    dark = _grey(pw)
    assert dark != light
    # Rich text is made again in the new colours; plain labels take them from the palette.
    assert dark in pw.answer.toHtml() and light not in pw.answer.toHtml()
    assert dark in ws.stories.toHtml() and light not in ws.stories.toHtml()
    assert dark in cv.sole.text() and light not in cv.sole.text()
    for label in (pw.category, pw.target, pw.keys_label, pw.round_label):
        assert label.foregroundRole() == QPalette.ColorRole.PlaceholderText
        assert "color" not in label.styleSheet()
    pw.close()


def _column_colours(widget, x: int) -> set[str]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for y in range(image.height())}


def test_the_prompt_tree_and_progress_follow_a_switch(qtbot, window, journal, light_then_back):
    """The answer workspace's "no draft" cells and the progress bars take the new palette."""
    library = prompts.list_prompts(journal)
    drafted, undrafted = library[5], library[6]
    prep.create_draft(journal, drafted.id, body="## Situation\n\nA septic patient at 3 am.\n")
    prep.record_attempt(journal, drafted.id, 3, 80.0)
    ws = window.prep.open_workspace(drafted.id)
    qtbot.waitUntil(lambda: ws.data is not None and undrafted.id in ws.tree.prompt_ids())
    pv = window.prep.open_progress()
    qtbot.waitUntil(lambda: pv.stats is not None)
    item = ws.tree._items[undrafted.id]
    assert item.text(2) == "no draft"

    def grey() -> QPalette:
        return ws.tree.palette().color(QPalette.ColorRole.PlaceholderText)

    assert item.foreground(2).color() == grey()
    bars = pv.bars
    today_x = int((len(bars.days) - 0.5) * bars.width() / len(bars.days))
    light_bar = bars.palette().color(QPalette.ColorRole.Highlight).name()
    assert light_bar in _column_colours(bars, today_x)

    apply_appearance(light_then_back, "dark")
    want = light_then_back.palette().color(QPalette.ColorRole.PlaceholderText)
    for w in (ws, pv):
        qtbot.waitUntil(lambda w=w: w.palette().color(QPalette.ColorRole.PlaceholderText) == want)
    assert grey() == want
    assert item.foreground(2).color() == want  # not the light theme's translucent black
    dark_bar = bars.palette().color(QPalette.ColorRole.Highlight).name()
    assert dark_bar != light_bar
    seen = _column_colours(bars, today_x)
    assert dark_bar in seen and light_bar not in seen
    # A reload after the switch paints the new grey too (and forgets the old items).
    ws.tree.show_coverage(prep_stats.coverage(journal))
    assert ws.tree._items[undrafted.id].foreground(2).color() == want
    assert len(ws.tree._undrafted) == sum(
        1 for r in prep_stats.coverage(journal).rows if not r.drafts
    )
    ws.close()
    pv.close()


def test_the_prompts_page_follows_a_switch(qtbot, window, journal, light_then_back):
    """The prompt library's "No story yet" counts (link colour) and hidden prompts (grey)."""
    library = prompts.list_prompts(journal)
    hidden = library[3]
    prompts.update_prompt(journal, hidden.id, hidden=True)
    window.go("prompts")
    page = window.prompts_view
    page.show_hidden.setChecked(True)

    def item_of(prompt_id: int):  # noqa: ANN202
        for i in range(page.tree.topLevelItemCount()):
            top = page.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, PROMPT_ROLE).id == prompt_id:
                    return top.child(j)
        return None

    qtbot.waitUntil(lambda: item_of(hidden.id) is not None)
    storyless = item_of(library[0].id)
    assert storyless.text(1) == "No story yet"
    assert storyless.foreground(1).color() == page.palette().link().color()
    assert item_of(hidden.id).foreground(0).color() == page.palette().placeholderText().color()
    light_link = page.palette().link().color()

    apply_appearance(light_then_back, "dark")
    want = light_then_back.palette().color(QPalette.ColorRole.PlaceholderText)
    qtbot.waitUntil(lambda: page.palette().color(QPalette.ColorRole.PlaceholderText) == want)
    assert page.palette().link().color() != light_link
    assert storyless.foreground(1).color() == page.palette().link().color()
    assert item_of(hidden.id).foreground(0).color() == want
