"""The prompt picker (Ctrl+L): groups with story counts, gaps first, search, keyboard,
suggestions from the entry, and what accepting stores. All entries are invented."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog

from imgjournal.domain import PromptCategory
from imgjournal.services import entries, prompts
from imgjournal.ui.prompt_picker import SUGGESTED, PromptPicker


def by_key(journal, key: str):
    return next(p for p in prompts.list_prompts(journal) if p.key == key)


def make_picker(qtbot, items, selected=(), **kw) -> PromptPicker:
    picker = PromptPicker(items, selected, **kw)
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitExposed(picker)
    return picker


def test_groups_by_category_with_story_counts_and_gaps_first(qtbot, journal):
    mistake = by_key(journal, "mistake-you-made")
    e = entries.create_entry(journal, "reflection", "Missed recheck", body="Invented.")
    entries.update_entry(journal, e.id, prompt_ids=(mistake.id,))
    items = prompts.list_prompts(journal)
    picker = make_picker(qtbot, items)
    assert picker.group_keys() == [c.value for c in PromptCategory]
    behavioural = [p for p in items if p.category == "behavioural"]
    assert picker.group_count_text("behavioural") == f"1 of {len(behavioural)} have a story"
    assert picker.group_count_text("personal").startswith("0 of ")
    shown = picker.shown_ids("behavioural")
    assert sorted(shown) == sorted(p.id for p in behavioural)
    assert shown[-1] == mistake.id  # the one with a story after every gap
    assert shown[:-1] == [p.id for p in behavioural if p.id != mistake.id]  # library order
    # Each row says its stories; a gap says so.
    delegate = picker.list.itemDelegate()
    assert delegate.describe(picker.index_of(mistake.id)) == "1 story"
    assert delegate.describe(picker.index_of(shown[0])) == "No story yet"


def test_ticking_counts_this_entry_once(qtbot, journal):
    conflict = by_key(journal, "conflict-with-colleague")
    e = entries.create_entry(journal, "reflection", "Tense night", body="Invented.")
    entries.update_entry(journal, e.id, prompt_ids=(conflict.id,))
    items = prompts.list_prompts(journal)
    # This entry's stored link is already in the counts.
    picker = make_picker(qtbot, items, [conflict.id], counted=[conflict.id])
    delegate = picker.list.itemDelegate()
    assert delegate.describe(picker.index_of(conflict.id)) == "This entry is its story"
    total = len([p for p in items if p.category == "behavioural"])
    assert picker.group_count_text("behavioural") == f"1 of {total} have a story"
    picker.toggle(conflict.id)
    assert delegate.describe(picker.index_of(conflict.id)) == "No story yet"
    assert picker.group_count_text("behavioural") == f"0 of {total} have a story"
    gap = by_key(journal, "a-failure")
    picker.check_prompt(gap.id)
    assert picker.group_count_text("behavioural") == f"1 of {total} have a story"
    assert picker.selected_ids() == (gap.id,)
    assert picker.count.text() == "1 prompt linked"


def test_search_matches_every_word_anywhere_without_case_or_accents(qtbot, journal):
    items = prompts.list_prompts(journal)
    picker = make_picker(qtbot, items)
    conflict = by_key(journal, "conflict-with-colleague")
    qtbot.keyClicks(picker.search, "COLLÉAGUE conflict")
    assert picker.shown_ids() == [conflict.id]
    assert picker.group_keys() == ["behavioural"]
    picker.search.clear()
    qtbot.keyClicks(picker.search, "ethics would")  # a category's name and a text's word
    ethics = [p.id for p in items if p.category == "ethics" and "would" in p.text.lower()]
    assert sorted(picker.shown_ids()) == sorted(ethics) and ethics
    picker.search.clear()
    qtbot.keyClicks(picker.search, "zebra stripes")
    assert picker.shown_ids() == []
    assert picker.empty.isVisible() and not picker.list.isVisible()
    assert "No prompt matches “zebra stripes”" in picker.empty.text()
    picker.search.clear()
    assert len(picker.shown_ids()) == len(items)
    assert picker.list.isVisible()


def test_keyboard_down_space_type_and_enter(qtbot, journal):
    items = prompts.list_prompts(journal)
    picker = make_picker(qtbot, items)
    qtbot.waitUntil(picker.search.hasFocus)  # the search field has the focus on opening
    qtbot.keyClicks(picker.search, "failed")
    target = by_key(journal, "a-failure")
    assert picker.shown_ids() == [target.id]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.list.hasFocus()
    assert picker.list.currentIndex().data(Qt.ItemDataRole.UserRole + 30) == target.id
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.selected_ids() == (target.id,)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.selected_ids() == ()
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    # Typing in the list goes on in the search field.
    qtbot.keyClicks(picker.list, "x")
    assert picker.search.hasFocus() and picker.search.text() == "failedx"
    qtbot.keyClick(picker.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.selected_ids() == (target.id,)


def test_escape_cancels(qtbot, journal):
    picker = make_picker(qtbot, prompts.list_prompts(journal))
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert picker.result() == QDialog.DialogCode.Rejected
    assert not picker.isVisible()


def test_a_click_ticks_a_prompt_and_folds_a_header(qtbot, journal):
    items = prompts.list_prompts(journal)
    picker = make_picker(qtbot, items)
    target = by_key(journal, "tell-me-about-yourself")
    index = picker.index_of(target.id)
    rect = picker.list.visualRect(index)
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.selected_ids() == (target.id,)
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.selected_ids() == ()
    head = picker.proxy.index(0, 0)
    head_rect = picker.list.visualRect(head)
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=head_rect.center())
    assert not picker.list.isExpanded(head)
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=head_rect.center())
    assert picker.list.isExpanded(head)


def test_rows_wrap_the_full_text_at_the_smallest_size(qtbot, journal):
    items = prompts.list_prompts(journal)
    picker = make_picker(qtbot, items)
    picker.resize(picker.minimumSize())
    longest = max(items, key=lambda p: len(p.text))
    shortest = min(items, key=lambda p: len(p.text))
    qtbot.waitUntil(
        lambda: (
            picker.list.visualRect(picker.index_of(longest.id)).height()
            > picker.list.visualRect(picker.index_of(shortest.id)).height()
        )
    )
    rect = picker.list.visualRect(picker.index_of(longest.id))
    fm = picker.list.fontMetrics()
    assert rect.width() <= picker.list.viewport().width()
    # The whole text fits in the row: its wrapped height and the story line.
    lines = fm.boundingRect(0, 0, rect.width() - 46, 10_000, Qt.TextFlag.TextWordWrap, longest.text)
    assert lines.height() > fm.height()  # it does wrap at this width
    assert rect.height() >= lines.height() + fm.height()


def test_suggestions_for_an_entry_about_a_conflict_with_a_nurse(qtbot, journal, window):
    e = entries.create_entry(
        journal,
        "case",
        "Disagreement with the night nurse",
        body="The nurse would not give the second dose. A tense conflict at the bedside.",
    )
    window.go("all")
    window.show_entry(e.id)
    conflict = by_key(journal, "conflict-with-colleague")
    seen = {}

    def look() -> None:
        picker = window._picker
        try:
            seen["groups"] = picker.group_keys()
            seen["suggested"] = picker.shown_ids(SUGGESTED)
            seen["detail"] = picker.list.itemDelegate().describe(
                picker.index_of(conflict.id, SUGGESTED)
            )
            picker.search.setText("conflict colleague")
            seen["searched"] = picker.shown_ids()
        finally:
            picker.reject()

    QTimer.singleShot(0, look)
    window.actions.link_prompts.trigger()
    assert seen["groups"][0] == SUGGESTED
    assert seen["suggested"][0] == conflict.id
    assert seen["searched"] == [conflict.id]  # once, in its category
    assert "matches: " in seen["detail"]
    assert "conflict" in seen["detail"] and "nurse" in seen["detail"]
    assert seen["detail"].startswith("Behavioural · ")
    assert entries.get_entry(journal, e.id).prompt_ids == ()  # cancelled: nothing linked


def test_no_suggestions_when_nothing_matches(qtbot, journal, window):
    e = entries.create_entry(
        journal, "case", "Vancomycin troughs", body="Renal dosing by creatinine clearance."
    )
    window.go("all")
    window.show_entry(e.id)
    seen = {}

    def look() -> None:
        try:
            seen["groups"] = window._picker.group_keys()
        finally:
            window._picker.reject()

    QTimer.singleShot(0, look)
    window.actions.link_prompts.trigger()
    assert SUGGESTED not in seen["groups"]
    assert seen["groups"] == [c.value for c in PromptCategory]


def test_ctrl_l_pick_and_accept_stores_the_links(qtbot, journal, window):
    e = entries.create_entry(journal, "reflection", "A long night", body="Invented, plain.")
    window.go("all")
    window.show_entry(e.id)
    failure = by_key(journal, "a-failure")
    visa = by_key(journal, "visa-plans")

    seen = {}

    def pick() -> None:
        picker = window._picker
        try:
            qtbot.keyClicks(picker.search, "failed")
            qtbot.keyClick(picker.search, Qt.Key.Key_Down)
            qtbot.keyClick(picker.list, Qt.Key.Key_Space)
            picker.search.clear()
            qtbot.keyClicks(picker.search, "visa")
            idx = picker.index_of(visa.id)
            pos: QPoint = picker.list.visualRect(idx).center()
            qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            seen["ticked"] = picker.selected_ids()
            qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        finally:
            if picker.isVisible():  # a failed step must not leave the dialog's loop running
                picker.reject()

    QTimer.singleShot(0, pick)
    window.actions.link_prompts.trigger()
    assert seen["ticked"] == tuple(sorted((failure.id, visa.id)))
    assert window._picker is None
    assert set(entries.get_entry(journal, e.id).prompt_ids) == {failure.id, visa.id}
    assert set(window.editor.prompt_ids()) == {failure.id, visa.id}


def test_an_empty_library_says_what_to_do(qtbot):
    picker = make_picker(qtbot, [])
    assert picker.empty.isVisible()
    assert "Prompts page" in picker.empty.text()
    assert picker.selected_ids() == ()


def test_search_matches_are_marked_where_they_are_in_the_text():
    from imgjournal.ui.prompt_rows import match_spans

    text = "A Família asks: family first?"
    assert match_spans(text, ["famil"]) == [(2, 5), (16, 5)]  # "Famíl" with its accent
    assert match_spans(text, ["zzz"]) == []
    assert match_spans(text, []) == []
