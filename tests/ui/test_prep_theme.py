"""The prep windows follow a switch between light and dark while they are open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from imgjournal.services import entries, prep, prompts
from imgjournal.ui.prep import RoundSpec
from imgjournal.ui.prep.practice import Phase
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
