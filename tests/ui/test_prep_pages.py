"""Interview prep in the main window: the sidebar's section, the Today card, the coverage page's
progress and next steps; practice rounds as a page that gives the window back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt

from imgjournal.services import entries, prep, prep_next, prompts
from imgjournal.ui.models import qdate
from imgjournal.ui.prep.practice import Phase
from imgjournal.ui.sidebar import PREP_DESTS


@pytest.fixture
def gaps(journal):
    """Two stories for one behavioural prompt (no draft), a story and a draft for another."""
    behavioural = [p for p in prompts.list_prompts(journal) if p.category == "behavioural"]
    conflict, mistake = behavioural[0], behavioural[1]
    for title in ("Night-shift handover dispute", "Disagreeing with a resident"):
        entries.create_entry(journal, "reflection", title, prompt_ids=[conflict.id])
    entries.create_entry(journal, "case", "Missed potassium result", prompt_ids=[mistake.id])
    draft = prep.create_draft(journal, mistake.id, body="## Situation\n\nA ward night.\n")
    return {"conflict": conflict, "mistake": mistake, "draft": draft, "n": len(behavioural)}


def _press(qtbot, w, key):
    qtbot.keyClick(w, key)


def test_sidebar_items_show_the_prep_pages_in_the_window(qtbot, window, journal, gaps):
    prep_item = window.sidebar.item("prep")
    assert prep_item.text() == "Interview prep"
    assert [prep_item.child(i).text() for i in range(prep_item.rowCount())] == [
        "Coverage",
        "Answer workspace",
        "Practice",
    ]
    window.go(PREP_DESTS["coverage"].key)
    cv = window.prep.coverage_view
    assert window.pages.currentWidget() is cv and not cv.isWindow()
    qtbot.waitUntil(lambda: cv.overview is not None)

    window.go(PREP_DESTS["workspace"].key)
    ws = window.prep.workspace
    assert window.pages.currentWidget() is ws and not ws.isWindow()
    qtbot.waitUntil(lambda: ws.data is not None)

    window.go(PREP_DESTS["practice"].key)
    pv = window.prep.progress_view
    assert window.pages.currentWidget() is pv and not pv.isWindow()
    qtbot.waitUntil(lambda: pv.stats is not None)

    # The menu goes to the same pages and the sidebar follows.
    window.prep.actions["coverage"].trigger()
    assert window.pages.currentWidget() is cv
    assert window.sidebar.current_destination() == PREP_DESTS["coverage"]
    window.prep.actions["workspace"].trigger()
    assert window.pages.currentWidget() is ws
    assert window.settings.last_view == "prep:workspace"
    # Two answers are due as new (each prompt has a story): the count beside Practice.
    from imgjournal.ui.sidebar import COUNT_ROLE

    qtbot.waitUntil(lambda: window.sidebar.item("prep:practice").data(COUNT_ROLE) == 2)


def test_coverage_page_progress_per_category_and_next_steps(qtbot, window, journal, gaps):
    cv = window.prep.open_coverage()
    qtbot.waitUntil(lambda: cv.overview is not None)
    n = gaps["n"]
    assert cv.categories.texts["behavioural"].text() == f"1 of {n} ready"
    assert cv.categories.texts["behavioural"].toolTip() == (
        f"1 of {n} prompts have a story and a draft"
    )
    assert cv.categories.bars["behavioural"].value() == 1
    assert cv.categories.bars["behavioural"].maximum() == n
    assert cv.categories.texts["personal"].text().startswith("0 of ")
    shown = [b.text() for b in cv.step_buttons if not b.isHidden()]
    assert shown == [
        f"Write a draft for “{prep_next.short_prompt(gaps['conflict'].text)}” — you have 2 "
        "stories for it",
        "Link a story to a prompt in Personal: none has one yet",
        f"Practise “{prep_next.short_prompt(gaps['mistake'].text)}” for the first time: it "
        "has a story and a draft",
    ]
    assert "ID" not in [cv.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]

    # The draft step opens the workspace on its prompt; a new draft there changes the steps.
    qtbot.mouseClick(cv.step_buttons[0], Qt.MouseButton.LeftButton)
    ws = window.prep.workspace
    assert window.pages.currentWidget() is ws
    qtbot.waitUntil(lambda: ws.data is not None and ws.data.prompt.id == gaps["conflict"].id)
    with qtbot.waitSignal(ws.loaded):
        ws.new_draft()
    window.go(PREP_DESTS["coverage"].key)
    qtbot.waitUntil(lambda: "Write a draft" not in cv.step_buttons[0].text())
    assert cv.categories.texts["behavioural"].text().startswith("2 of ")

    # A practice step starts a round in the window.
    practise = next(i for i, s in enumerate(cv.overview.steps) if s.action == "practise")
    qtbot.mouseClick(cv.step_buttons[practise], Qt.MouseButton.LeftButton)
    pw = window.prep.practice_window
    assert window.pages.currentWidget() is pw
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    _press(qtbot, pw, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is cv


def test_an_empty_journal_shows_no_red_and_a_first_step(qtbot, window):
    cv = window.prep.open_coverage()
    qtbot.waitUntil(lambda: cv.overview is not None)
    assert "None of the" in cv.summary.text()
    assert [s.action for s in cv.overview.steps] == ["link"] * 3
    m = cv.model
    for row in range(m.rowCount()):
        for col in range(m.columnCount()):
            brush = m.data(m.index(row, col), Qt.ItemDataRole.ForegroundRole)
            assert brush is None or brush.color() == cv.palette().placeholderText().color()
    window.go("today")
    qtbot.waitUntil(lambda: window.today.prep is not None)
    card = window.today.prep_card
    assert not card.isHidden()
    assert card.heading.text() == "Link a story to a prompt to start preparing"
    assert window.today.prep_start.isHidden()


def test_today_card_starts_a_practice_and_the_round_gives_today_back(qtbot, window, journal, gaps):
    window.go("today")
    today = window.today
    qtbot.waitUntil(lambda: today.prep is not None)
    assert today.prep_card.heading.text() == "2 answers due — a practice round of about 3 minutes"
    assert not today.prep_start.isHidden()
    qtbot.mouseClick(today.prep_start, Qt.MouseButton.LeftButton)
    pw = window.prep.practice_window
    assert window.pages.currentWidget() is pw and not pw.isWindow()
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space):
        _press(qtbot, pw, key)
    with qtbot.waitSignal(pw.attempt_recorded):
        _press(qtbot, pw, Qt.Key.Key_4)
    assert len(prep.list_attempts(journal)) == 1
    _press(qtbot, pw, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is today
    qtbot.waitUntil(lambda: today.prep_card.heading.text().startswith("1 answer due"))


def test_today_card_says_when_the_next_answer_is_due(qtbot, window, journal):
    p = prompts.list_prompts(journal)[0]
    entries.create_entry(journal, "reflection", "Why internal medicine", prompt_ids=[p.id])
    d = prep.create_draft(journal, p.id, body="Because of my father's clinic.")
    result = prep.record_attempt(journal, p.id, 4, 80, draft_id=d.id, at=datetime.now(UTC))
    window.go("today")
    today = window.today
    qtbot.waitUntil(lambda: today.prep is not None)
    due = result.schedule.due.astimezone().date()
    assert due > (datetime.now(UTC) - timedelta(days=1)).date()
    day = QLocale().toString(qdate(due), "d MMM")
    assert today.prep_card.heading.text() == f"No answers due; next on {day}"
    assert today.prep_start.isHidden()


def test_leaving_a_round_for_another_page_ends_it(qtbot, window, journal, gaps):
    window.go(PREP_DESTS["practice"].key)
    pv = window.prep.progress_view
    qtbot.mouseClick(pv.start_due, Qt.MouseButton.LeftButton)
    pw = window.prep.practice_window
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    _press(qtbot, pw, Qt.Key.Key_Space)
    assert pw._tick.isActive()
    window.go("all")
    assert window.pages.currentWidget() is window.browse_split
    assert not pw._tick.isActive()


def test_workspace_wraps_whole_prompts_and_renders_linked_excerpts(qtbot, window, journal):
    library = prompts.list_prompts(journal)
    p = library[5]
    entries.create_entry(
        journal,
        "reflection",
        "What the night taught me",
        prompt_ids=[p.id],
        body="Three things:\n\n- ask **early**\n- write it down\n\n<b>not markup</b>",
    )
    ws = window.prep.open_workspace(p.id)
    qtbot.waitUntil(lambda: ws.data is not None and ws.data.prompt.id == p.id)
    html = ws.stories.toHtml()
    assert "**" not in ws.stories.toPlainText()  # Markdown rendered, not shown raw
    assert "<li" in html and "font-weight" in html
    assert "<b>not markup</b>" in ws.stories.toPlainText()  # the user's HTML shown as typed
    # Every prompt's whole text is in the tree, wrapped onto more lines when it is long.
    texts = {ws.tree._items[x.id].text(0) for x in library}
    assert texts == {x.text for x in library}
    tree = ws.tree
    longest = max(library, key=lambda x: len(x.text))
    shortest = min(library, key=lambda x: len(x.text))
    qtbot.waitUntil(
        lambda: (
            tree.visualItemRect(tree._items[longest.id]).height()
            > tree.visualItemRect(tree._items[shortest.id]).height()
        )
    )


def test_the_window_opens_on_the_prep_page_it_was_left_on(qtbot, make_window, settings, journal):
    settings.last_view = "prep:coverage"
    window = make_window(journal)
    assert window.pages.currentWidget() is window.prep.coverage_view
    assert window.sidebar.current_destination() == PREP_DESTS["coverage"]
    qtbot.waitUntil(lambda: window.prep.coverage_view.overview is not None)


def test_typing_in_a_draft_is_saved_on_leaving_the_page(qtbot, window, journal, gaps):
    pid = gaps["mistake"].id
    ws = window.prep.open_workspace(pid)
    qtbot.waitUntil(lambda: ws.current_draft is not None)
    box = ws.editor.sections["lesson"]
    box.setFocus()
    qtbot.keyClicks(box, "Escalate early.")
    window.go("today")  # before the pause in typing that would save it
    body = prep.get_draft(journal, gaps["draft"].id).body
    assert "## Lesson\n\nEscalate early.\n" in body
    assert "## Situation\n\nA ward night." in body


def test_the_practice_cards_heading_says_what_the_first_round_takes():
    from imgjournal.ui.today_view import due_heading

    assert due_heading(1) == "1 answer due — a practice round of about 2 minutes"
    assert due_heading(7) == "7 answers due — a practice round of about 11 minutes"
    assert due_heading(8) == "8 answers due — start with a round of 4 (about 6 minutes)"
    assert due_heading(20) == "20 answers due — start with a round of 7 (about 11 minutes)"


def test_locking_stops_the_answer_clock(qtbot, window, journal, gaps):
    """A round's timer stops when the window locks (File ▸ Lock): nobody can answer then, and
    the time an answer took is what is stored with it."""
    window.go("today")
    today = window.today
    qtbot.waitUntil(lambda: today.prep is not None)
    qtbot.mouseClick(today.prep_start, Qt.MouseButton.LeftButton)
    pw = window.prep.practice_window
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    _press(qtbot, pw, Qt.Key.Key_Space)
    assert pw.phase == Phase.RUNNING
    window.screen_lock.lock()
    assert window.screen_lock.locked
    assert pw.phase == Phase.STOPPED
    stopped_at = pw.elapsed_ms()
    assert pw.elapsed_ms() == stopped_at  # it does not run on behind the lock screen
