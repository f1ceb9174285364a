"""The answer workspace, the coverage view, the progress view and the Interview Prep menu."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from imgjournal.services import entries, prep, prompts
from imgjournal.services.dto import CaseFields
from imgjournal.ui.prep.common import GAP
from imgjournal.ui.prep.coverage_view import COL_PROMPT, COL_STORIES, ROW_ROLE


@pytest.fixture
def linked(journal):
    library = prompts.list_prompts(journal)
    p = next(x for x in library if x.category == "behavioural")
    case = entries.create_entry(
        journal,
        "case",
        "Hyperkalaemia on the ward",
        prompt_ids=[p.id],
        case=CaseFields(
            setting="inpatient",
            chief_complaint="weakness",
            situation="A patient on the ward had a potassium of 7.1.",
            action="I called my senior and started calcium gluconate.",
            lesson="Check the ECG first.",
        ),
    )
    return {"prompt": p, "case": case}


def test_menu_has_the_prep_actions(window):
    names = {a.objectName() for a in window.interview_menu.actions()}
    for name in ("workspace", "coverage", "practise_due", "practise_category", "mock", "progress"):
        assert f"prep_{name}" in names
    assert window.prep.actions["practise_due"].shortcut().toString() == "Ctrl+Shift+P"


def test_workspace_prefill_type_and_timing(qtbot, window, journal, linked):
    ws = window.prep.open_workspace(linked["prompt"].id)
    assert window.pages.currentWidget() is ws
    qtbot.waitUntil(lambda: ws.data is not None and ws.data.prompt.id == linked["prompt"].id)
    assert "Hyperkalaemia on the ward" in ws.stories.toPlainText()
    assert "Check the ECG first." in ws.stories.toPlainText()
    assert not ws.editor.title.isVisible()  # no draft yet: the empty state teaches
    assert "No draft yet" in ws.editor.empty.text()

    with qtbot.waitSignal(ws.loaded):
        ws.new_draft_from_case(linked["case"].id)
    (draft,) = prep.list_drafts(journal, linked["prompt"].id)
    assert draft.is_practice and draft.title == "Hyperkalaemia on the ward"
    # The draft shows in STAR-L boxes like the case's; its notes box is hidden (none).
    boxes = ws.editor.sections
    assert boxes["action"].toPlainText() == "I called my senior and started calcium gluconate."
    assert boxes["lesson"].toPlainText() == "Check the ECG first."
    assert boxes["task"].toPlainText() == ""  # the hint comment is not shown as text
    assert ws.editor.section_labels["situation"].text() == "Situation"
    assert ws.editor.body.isHidden()
    assert ws.editor.verdict.text() == "too short"

    # Typing updates the count at once and saves after a pause, under its heading.
    boxes["action"].moveCursor(boxes["action"].textCursor().MoveOperation.End)
    qtbot.keyClicks(boxes["action"], " word" * 140)
    assert ws.editor.verdict.text() == "fine"
    assert ws.editor.words.text().startswith(f"{draft.words + 140} words")
    qtbot.waitUntil(lambda: prep.get_draft(journal, draft.id).words == draft.words + 140)
    assert ws.editor.save_state.text() == "Saved"
    stored = prep.get_draft(journal, draft.id).body
    assert "## Action\n\nI called my senior and started calcium gluconate. word word" in stored
    assert "## Task\n\n<!--" in stored  # the empty section keeps its hint


def test_an_old_draft_with_headings_opens_in_its_boxes_and_a_box_fits_its_text(
    qtbot, window, journal, linked
):
    pid = linked["prompt"].id
    long = " ".join(["The night registrar asked me to review a patient."] * 12)
    d = prep.create_draft(
        journal, pid, "Old", body=f"Opening line.\n\n## Situation\n\n{long}\n\n## Result\n\nOK\n"
    )
    ws = window.prep.open_workspace(pid)
    qtbot.waitUntil(lambda: ws.current_draft is not None and ws.current_draft.id == d.id)
    e = ws.editor
    assert e.body.toPlainText() == "Opening line." and not e.body.isHidden()
    assert e.sections["situation"].toPlainText() == long
    assert e.sections["result"].toPlainText() == "OK"
    # A long section grows instead of scrolling inside the page that scrolls.
    qtbot.waitUntil(lambda: e.sections["situation"].height() > e.sections["result"].height())
    assert not e.sections["situation"].verticalScrollBar().isVisible()


def test_workspace_several_drafts_and_the_practice_mark(qtbot, window, journal, linked):
    pid = linked["prompt"].id
    first = prep.create_draft(journal, pid, "First", "one two")
    ws = window.prep.open_workspace(pid)
    qtbot.waitUntil(lambda: ws.current_draft is not None)
    assert ws.current_draft.id == first.id
    with qtbot.waitSignal(ws.loaded):
        qtbot.mouseClick(ws.editor.new_button, Qt.MouseButton.LeftButton)
    drafts = prep.list_drafts(journal, pid)
    assert len(drafts) == 2 and ws.current_draft.id == drafts[1].id
    assert not ws.editor.practice_button.isChecked()
    with qtbot.waitSignal(ws.loaded):
        qtbot.mouseClick(ws.editor.practice_button, Qt.MouseButton.LeftButton)
    assert prep.practice_draft(journal, pid).id == drafts[1].id
    assert ws.editor.practice_button.isChecked()
    assert ws.editor.picker.currentText().startswith("★ ")
    with qtbot.waitSignal(ws.loaded):
        qtbot.mouseClick(ws.editor.delete_button, Qt.MouseButton.LeftButton)
    assert [d.id for d in prep.list_drafts(journal, pid)] == [first.id]
    assert prep.practice_draft(journal, pid).id == first.id


def test_workspace_saves_typing_when_the_app_closes(qtbot, make_window, journal, linked):
    window = make_window(journal)
    pid = linked["prompt"].id
    d = prep.create_draft(journal, pid, body="start")
    ws = window.prep.open_workspace(pid)
    qtbot.waitUntil(lambda: ws.current_draft is not None)
    qtbot.keyClicks(ws.editor.body, "unsaved ")
    window.close()
    assert "unsaved" in prep.get_draft(journal, d.id).body


def test_coverage_view_gaps_stand_out(qtbot, window, journal, linked):
    cv = window.prep.open_coverage()
    qtbot.waitUntil(lambda: cv.coverage is not None)
    model = cv.model
    rows = {model.rows[i].prompt_id: i for i in range(model.rowCount())}
    i = rows[linked["prompt"].id]
    assert model.data(model.index(i, COL_STORIES)) == "1"
    tip = model.data(model.index(i, COL_PROMPT), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Still to do: no draft, never practised")
    assert model.data(model.index(i, COL_PROMPT)) == linked["prompt"].text  # whole, not cut
    bare = next(pid for pid, r in rows.items() if model.rows[r].entry_count == 0)
    j = rows[bare]
    assert model.data(model.index(j, COL_STORIES)) == "none"
    # Missing is said in the palette's grey, never in red (a new journal misses everything).
    brush = model.data(model.index(j, COL_STORIES), Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == cv.palette().placeholderText().color()
    assert brush.color() != GAP
    assert model.data(model.index(i, COL_STORIES), Qt.ItemDataRole.ForegroundRole) is None
    assert "prompts have a story" in cv.summary.text()

    total = cv.proxy.rowCount()
    cv.only_gaps.setChecked(True)
    assert cv.proxy.rowCount() == total  # everything has a gap in a new journal
    d = prep.create_draft(journal, linked["prompt"].id, body="x")
    prep.record_attempt(journal, linked["prompt"].id, 3, 60, draft_id=d.id)
    with qtbot.waitSignal(cv.loaded):
        window.prep.changed.emit()
    assert cv.proxy.rowCount() == total - 1
    shown = {cv.proxy.data(cv.proxy.index(r, 0), ROW_ROLE).prompt_id for r in range(total - 1)}
    assert linked["prompt"].id not in shown


def test_coverage_points_out_a_sole_story_and_opens_the_workspace(qtbot, window, journal):
    ids = [p.id for p in prompts.list_prompts(journal)[:3]]
    entries.create_entry(journal, "reflection", "Everything story", prompt_ids=ids)
    cv = window.prep.open_coverage()
    qtbot.waitUntil(lambda: cv.coverage is not None)
    assert not cv.sole.isHidden()
    assert "Everything story" in cv.sole.text()
    assert cv.select_prompt(ids[1])
    qtbot.keyClick(cv.table, Qt.Key.Key_Return)
    ws = window.prep.workspace
    assert ws is not None
    qtbot.waitUntil(lambda: ws.data is not None and ws.data.prompt.id == ids[1])


def test_progress_view(qtbot, window, journal, linked):
    now = datetime.now(UTC)
    # Ended half an hour ago, but began today (just after midnight that was yesterday).
    midnight = datetime.combine(date.today(), time.min).astimezone(UTC)
    at = max(now - timedelta(minutes=30), midnight + timedelta(minutes=2))  # began 75 s before
    prep.record_attempt(journal, linked["prompt"].id, 3, 75, at=at)
    pv = window.prep.open_progress()
    qtbot.waitUntil(lambda: pv.stats is not None)
    assert pv.total.text() == "1"
    assert pv.stats.per_day[-1].attempts == 1
    assert pv.lengths.text().startswith("1 answer in the last 14 days:")
    assert "<b>1</b> within the target" in pv.lengths.text()
    assert pv.average.text() == "1:15 (1:15)"
