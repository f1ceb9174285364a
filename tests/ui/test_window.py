"""The main window driven like a user would, then checked against what the journal holds."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from imgjournal.services import browse, entries, prompts
from imgjournal.services.dto import EntryFilter
from imgjournal.services.search import HIGHLIGHT_START
from imgjournal.ui.autosave import NOT_SAVED, SAVED
from imgjournal.ui.models import ID_ROLE
from tests.ui.conftest import saved_id


def _list_ids(window) -> list[int]:
    return window.list_panel.model.ids()


def test_new_case_typed_into_the_form_is_autosaved(qtbot, journal, window):
    window.actions.new_case.trigger()
    editor = window.editor
    assert editor.entry_id is not None and editor.unsaved
    assert window.pages.currentWidget() is window.browse_split
    assert window.stored_id() is None  # nothing stored before the first edit

    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Syncope in clinic")
    editor.case_form.setting.setCurrentIndex(editor.case_form.setting.findData("clinic"))
    qtbot.keyClicks(editor.case_form.chief_complaint, "fainted at work")
    qtbot.keyClicks(editor.case_form.diagnoses, "vasovagal syncope; dehydration")
    qtbot.keyClicks(editor.case_form.star["lesson"], "Orthostatics first")
    qtbot.keyClicks(editor.body, "Young adult, no red flags.")

    entry_id = saved_id(qtbot, window)
    assert _list_ids(window)[0] == entry_id  # in the list once stored

    def saved() -> bool:
        e = entries.get_entry(journal, entry_id)
        return e.body == "Young adult, no red flags." and e.case.lesson == "Orthostatics first"

    qtbot.waitUntil(saved, timeout=4000)
    e = entries.get_entry(journal, entry_id)
    assert e.kind == "case"
    assert e.title == "Syncope in clinic"
    assert e.entry_date == date.today()
    assert e.case.setting == "clinic"
    assert e.case.chief_complaint == "fainted at work"
    assert e.case.diagnoses == ("vasovagal syncope", "dehydration")
    qtbot.waitUntil(lambda: window.save_label.text() == SAVED)
    row = window.list_panel.model.row_data(0)
    assert row.title == "Syncope in clinic"
    assert "words" in editor.count_label.text()


def test_new_entry_is_filed_under_the_rotation_in_progress(qtbot, journal, make_window):
    from imgjournal.services import experiences

    rot = experiences.create_experience(journal, "rotation", "Cardiology elective", date.today())
    window = make_window(journal)
    window.new_kind.setCurrentIndex(window.new_kind.findData("feedback"))
    window.actions.new_entry.trigger()
    qtbot.keyClicks(window.editor.body, "Clear presentation")
    window.autosave.flush()
    e = entries.get_entry(journal, saved_id(qtbot, window))
    assert e.kind == "feedback"
    assert e.experience_id == rot.id
    editor = window.editor
    assert editor.feedback_form.isVisibleTo(editor) and not editor.case_form.isVisibleTo(editor)


def test_switching_entries_mid_typing_loses_nothing(qtbot, journal, sample, window):
    window.go("all")
    a, b = sample["case"], sample["feedback"]
    window.list_panel.select_id(a.id)
    assert window.editor.entry_id == a.id
    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor.body, " Then a stress test.")
    window.list_panel.select_id(b.id)  # no waiting: the switch itself saves
    assert window.editor.entry_id == b.id
    assert entries.get_entry(journal, a.id).body.endswith("Then a stress test.")
    window.move_in_list(1)  # Alt+Down
    assert window.editor.entry_id == a.id
    assert window.editor.body.toPlainText().endswith("Then a stress test.")


def test_undo_and_redo_in_the_body(qtbot, sample, window):
    window.go("all")
    window.list_panel.select_id(sample["reflection"].id)
    body = window.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " zzz")
    body.undo()
    assert body.toPlainText() == "Tired."
    body.redo()
    assert body.toPlainText() == "Tired. zzz"


def test_search_by_prefix_filters_as_you_type(qtbot, sample, window):
    window.actions.find.trigger()
    assert window.pages.currentWidget() is window.browse_split
    qtbot.keyClicks(window.list_panel.search, "tropo")
    assert _list_ids(window) == [sample["case"].id]
    row = window.list_panel.model.row_data(0)
    assert HIGHLIGHT_START in row.preview
    window.list_panel.search.clear()
    assert len(_list_ids(window)) == 3
    qtbot.keyClicks(window.list_panel.search, "ardio")  # a substring
    assert _list_ids(window) == [sample["case"].id]


def test_search_filters_combine_with_text(qtbot, sample, window):
    window.go("all")
    window.actions.filters.trigger()
    assert window.list_panel.filters.isVisible()
    bar = window.list_panel.filters
    bar.kind.setCurrentIndex(bar.kind.findData("feedback"))
    assert _list_ids(window) == [sample["feedback"].id]
    qtbot.keyClicks(window.list_panel.search, "tropo")
    assert _list_ids(window) == []
    assert "Nothing matches" in window.list_panel.empty_text.text()
    bar.clear()
    assert _list_ids(window) == [sample["case"].id]
    window.list_panel.search.clear()
    bar.experience.setCurrentIndex(bar.experience.findData(sample["rotation"].id))
    assert set(_list_ids(window)) == {sample["case"].id, sample["feedback"].id}
    bar.date_from.setDate(bar.date_from.date().fromString("2025-06-04", "yyyy-MM-dd"))
    assert _list_ids(window) == [sample["feedback"].id]


def test_sidebar_lists_kinds_experiences_and_counts(qtbot, sample, window):
    window.go("kind:case")
    assert _list_ids(window) == [sample["case"].id]
    assert window.sidebar.select(f"experience:{sample['rotation'].id}")
    assert set(_list_ids(window)) == {sample["case"].id, sample["feedback"].id}
    from imgjournal.ui.sidebar import COUNT_ROLE

    assert window.sidebar.item("all").data(COUNT_ROLE) == 3
    assert window.sidebar.item(f"experience:{sample['rotation'].id}").data(COUNT_ROLE) == 2


def test_sort_by_title(qtbot, sample, window):
    from imgjournal.ui.models import COL_TITLE

    window.go("all")
    window.list_panel.view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [window.list_panel.model.row_data(i).title for i in range(3)]
    assert titles == sorted(titles, key=str.lower)


def test_link_a_prompt_and_see_it_in_the_prompts_view(qtbot, journal, sample, window):
    window.go("all")
    case = sample["case"]
    window.list_panel.select_id(case.id)
    target = next(p for p in prompts.list_prompts(journal) if "challenging" in p.text.lower())

    def pick() -> None:
        picker = window._picker
        qtbot.keyClicks(picker.search, "challenging clinical")
        assert picker.proxy.rowCount() >= 1
        picker.check_prompt(target.id)
        picker.accept()

    QTimer.singleShot(0, pick)
    window.actions.link_prompts.trigger()
    assert entries.get_entry(journal, case.id).prompt_ids == (target.id,)
    assert target.text in window.editor.prompt_chips.labels()
    assert window.list_panel.model.row_data(window.list_panel.model.row_of(case.id)).prompt_count

    window.actions.go_prompts.trigger()
    view = window.prompts_view
    assert window.pages.currentWidget() is view
    item = view.row_for(target.id)
    assert item.text(1) == "1"
    other = next(p for p in prompts.list_prompts(journal) if p.id != target.id)
    assert view.row_for(other.id).text(1) == "No story yet"
    view.select_prompt(target.id)
    assert view.model.ids() == [case.id]
    view.entries.activated.emit(view.model.index(0, 0))
    assert window.pages.currentWidget() is window.browse_split
    assert window.editor.entry_id == case.id


def test_write_a_story_for_a_prompt_without_one(qtbot, journal, window):
    window.go("prompts")
    p = prompts.list_prompts(journal)[3]
    window.prompts_view.select_prompt(p.id)
    window.prompts_view.write_button.click()
    qtbot.keyClicks(window.editor.body, "The night I called a rapid response")
    window.autosave.flush()
    e = entries.get_entry(journal, saved_id(qtbot, window))
    assert e.prompt_ids == (p.id,)
    assert e.kind == "reflection"


def test_prompts_can_be_added_and_hidden(qtbot, journal, window, monkeypatch):
    from imgjournal.ui import prompts_view

    monkeypatch.setattr(prompts_view.PromptDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        prompts_view.PromptDialog,
        "values",
        lambda self: {"category": "img", "text": "Why Ohio?", "min_seconds": 30, "max_seconds": 60},
    )
    window.go("prompts")
    n = len(prompts.list_prompts(journal))
    window.prompts_view.add_button.click()
    new = next(p for p in prompts.list_prompts(journal) if p.text == "Why Ohio?")
    assert len(prompts.list_prompts(journal)) == n + 1
    assert window.prompts_view.select_prompt(new.id)
    window.prompts_view.hide_button.click()
    assert all(p.id != new.id for p in prompts.list_prompts(journal))
    assert window.prompts_view.row_for(new.id) is None


def test_delete_restore_and_empty_trash(qtbot, journal, sample, window):
    window.go("all")
    a, b = sample["case"], sample["feedback"]
    window.list_panel.select_id(a.id)
    window.actions.trash.trigger()
    assert a.id not in _list_ids(window)
    assert entries.get_entry(journal, a.id).in_trash
    assert window.editor.entry_id != a.id

    window.actions.go_trash.trigger()
    assert _list_ids(window) == [a.id]
    window.list_panel.select_id(a.id)
    assert window.editor.trash_banner.isVisibleTo(window)
    assert window.editor.body.isReadOnly()
    window.editor.restore_button.click()
    assert not entries.get_entry(journal, a.id).in_trash
    assert _list_ids(window) == []

    window.go("all")
    window.list_panel.select_id(b.id)
    window.list_panel.view.setFocus()
    window.actions.trash.trigger()
    window.go("trash")
    assert _list_ids(window) == [b.id]
    asked = []
    window.ask = lambda *args: asked.append(args[2]) or True
    window.actions.empty_trash.trigger()
    assert "cannot be undone" in asked[0]
    assert _list_ids(window) == []
    assert browse.journal_counts(journal).trash == 0
    assert "trash is empty" in window.list_panel.empty_text.text()


def test_empty_trash_asks_first(qtbot, journal, sample, window):
    entries.trash_entry(journal, sample["case"].id)
    window.refresh()
    window.ask = lambda *args: False
    window.actions.empty_trash.trigger()
    assert browse.journal_counts(journal).trash == 1


def test_save_errors_keep_the_text_and_retry(qtbot, journal, sample, window, monkeypatch):
    from sqlalchemy.exc import OperationalError

    window.go("all")
    window.list_panel.select_id(sample["reflection"].id)
    real = entries.update_entry
    broken = {"on": True}

    def update(*args, **kwargs):
        if broken["on"]:
            raise OperationalError("UPDATE", {}, Exception("database or disk is full"))
        return real(*args, **kwargs)

    monkeypatch.setattr(entries, "update_entry", update)
    window.autosave._retry.setInterval(100)
    body = window.editor.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, " Still here.")
    window.autosave.flush()
    assert window.autosave.state == NOT_SAVED
    assert window.editor.error_banner.isVisibleTo(window)
    assert "disk is full" in window.statusBar().currentMessage()
    assert body.toPlainText() == "Tired. Still here."
    # Moving to another entry keeps the unsaved text and shows it on coming back.
    window.list_panel.select_id(sample["case"].id)
    window.list_panel.select_id(sample["reflection"].id)
    assert window.editor.body.toPlainText() == "Tired. Still here."
    broken["on"] = False
    qtbot.waitUntil(
        lambda: entries.get_entry(journal, sample["reflection"].id).body == "Tired. Still here.",
        timeout=3000,
    )
    qtbot.waitUntil(lambda: window.autosave.state == SAVED)
    assert not window.editor.error_banner.isVisibleTo(window)


def test_closing_mid_typing_saves_and_reopening_shows_it(qtbot, home, make_window):
    from imgjournal.db import Journal
    from imgjournal.ui.taskrunner import TaskRunner

    journal = Journal.open(home)
    try:
        runner = TaskRunner()
        window = make_window(journal, runner)
        window.actions.new_reflection.trigger()
        qtbot.waitUntil(lambda: window.editor.entry_id is not None)
        qtbot.keyClicks(window.editor.body, "Typed just before closing")
        assert window.close()  # no wait for the autosave timer
        entry_id = window.stored_id()  # closing saved it, so it was created
        runner.shutdown()
    finally:
        journal.close()
    journal = Journal.open(home)
    try:
        assert entries.get_entry(journal, entry_id).body == "Typed just before closing"
        again = make_window(journal)
        again.show_entry(entry_id)
        assert again.editor.body.toPlainText() == "Typed just before closing"
    finally:
        journal.close()


def test_today_shows_todays_entries_and_on_this_day(qtbot, journal, make_window):
    today = date.today()
    earlier = today.replace(year=today.year - 2) if (today.month, today.day) != (2, 29) else None
    t = entries.create_entry(journal, "case", "Written today")
    if earlier:
        old = entries.create_entry(journal, "reflection", "Two years ago", entry_date=earlier)
    window = make_window(journal)
    window.go("today")
    assert window.pages.currentWidget() is window.today
    assert "Written today" in window.today.today_card.text.text()
    if earlier:
        assert "Two years ago" in window.today.memory.text.text()
        window.today.memory.text.linkActivated.emit(f"entry:{old.id}")
        assert window.editor.entry_id == old.id
    assert not window.today.welcome.isVisibleTo(window)
    window.go("today")
    window.today.today_card.text.linkActivated.emit(f"entry:{t.id}")
    assert window.editor.entry_id == t.id


def test_empty_journal_teaches(qtbot, window):
    window.go("today")
    assert window.today.welcome.isVisibleTo(window)
    window.go("all")
    assert window.list_panel.stack.currentWidget() is window.list_panel.empty
    assert "journal is empty" in window.list_panel.empty_text.text()
    assert window.list_panel.empty_buttons["case"].isVisibleTo(window)
    window.list_panel.empty_buttons["case"].click()
    assert window.editor.entry_id is not None
    qtbot.keyClicks(window.editor.body, "First case")  # stored by its first save
    window.autosave.flush()
    saved_id(qtbot, window)
    assert window.list_panel.stack.currentWidget() is window.list_panel.view


def test_every_main_action_has_a_shortcut_in_its_menu(window):
    for name in (
        "new_entry",
        "new_case",
        "new_feedback",
        "new_reflection",
        "find",
        "go_today",
        "trash",
        "next",
        "previous",
        "link_prompts",
        "undo",
        "redo",
        "quit",
        "print",
    ):
        action = window.actions.all[name]
        assert not action.shortcut().isEmpty(), name
    texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    assert "&Print…" in texts
    assert window.interview_menu.objectName() == "interviewPrepMenu"
    keys = [s.toString() for a in window.actions.all.values() for s in a.shortcuts()]
    assert len(keys) == len(set(keys)), "a shortcut is used twice"


def test_list_activation_and_accessible_names(qtbot, sample, window):
    window.go("all")
    assert window.list_panel.search.placeholderText() == "Search"
    idx = window.list_panel.model.index(1, 2)
    window.list_panel.view.setCurrentIndex(idx)
    assert window.editor.entry_id == idx.data(ID_ROLE)


def test_print_opens_the_print_dialog(qtbot, window, monkeypatch):
    from imgjournal.ui import print_dialog

    opened = []
    monkeypatch.setattr(print_dialog.PrintDialog, "exec", lambda self: opened.append(self) or 0)
    window.actions.print.trigger()
    assert len(opened) == 1


def test_window_reopens_on_the_last_experience_viewed(journal, sample, settings, make_window):
    key = f"experience:{sample['rotation'].id}"
    settings.last_view = key
    window = make_window(journal)
    assert window.destination.key == key
    assert set(_list_ids(window)) == {sample["case"].id, sample["feedback"].id}


def test_choose_home_prefers_an_explicit_folder(tmp_path, monkeypatch):
    from imgjournal import paths
    from imgjournal.ui import app

    chosen = tmp_path / "chosen"

    class Fake:
        journal_location = chosen

    monkeypatch.setattr("imgjournal.ui.settings.AppSettings", lambda *a: Fake())
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    assert app.choose_home(paths.default_home()) == chosen
    assert app.choose_home(tmp_path / "explicit") == tmp_path / "explicit"
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env"))
    assert app.choose_home(paths.default_home()) == paths.default_home()


def test_escape_clears_the_search_and_tab_follows_the_form(qtbot, sample, window):
    window.actions.find.trigger()
    qtbot.keyClicks(window.list_panel.search, "tropo")
    assert _list_ids(window) == [sample["case"].id]
    window.list_panel._leave_search()  # what Esc in the field does
    assert window.list_panel.search.text() == ""
    assert len(_list_ids(window)) == 3
    editor = window.editor
    assert editor.nextInFocusChain() is not None
    chain = []
    w = editor.title
    for _ in range(40):
        w = w.nextInFocusChain()
        chain.append(w)
    assert chain.index(editor.tags.input) < chain.index(editor.date) < chain.index(editor.body)


def test_switching_fast_with_the_real_runner_saves_each_entry(qtbot, home, make_window):
    """Saves and loads share one worker in order: the save of A runs before B is loaded."""
    from imgjournal.db import Journal
    from imgjournal.ui.taskrunner import TaskRunner

    journal = Journal.open(home)
    try:
        a = entries.create_entry(journal, "reflection", "A")
        b = entries.create_entry(journal, "reflection", "B")
        runner = TaskRunner()
        window = make_window(journal, runner)
        window.go("all")
        qtbot.waitUntil(lambda: len(_list_ids(window)) == 2)
        for entry, text in ((a, "typed in A"), (b, "typed in B"), (a, " and more in A")):
            window.list_panel.select_id(entry.id)
            qtbot.waitUntil(lambda entry=entry: window.editor.entry_id == entry.id)
            window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
            qtbot.keyClicks(window.editor.body, text)
        window.list_panel.select_id(b.id)  # leaves A mid-typing
        assert runner.wait_idle(10)
        assert entries.get_entry(journal, a.id).body == "typed in A and more in A"
        assert entries.get_entry(journal, b.id).body == "typed in B"
        window.close()
        runner.shutdown()
    finally:
        journal.close()


def test_a_new_entry_left_without_typing_leaves_nothing(qtbot, journal, sample, window):
    """Ctrl+N stores nothing until the first edit: abandoned new entries do not pile up."""
    before = {e.id for e in entries.list_entries(journal)}
    window.go("all")
    rows = window.list_panel.model.rowCount()
    window.list_panel.select_id(sample["case"].id)
    window.actions.new_case.trigger()
    assert window.editor.unsaved and window.editor.title.hasFocus()
    assert window.list_panel.current_id() is None  # no row is it yet: none is selected
    window.list_panel.select_id(sample["reflection"].id)  # move on without typing
    qtbot.waitUntil(lambda: window.editor.entry_id == sample["reflection"].id)
    window.actions.new_reflection.trigger()
    window.record_commands.trash_current()  # Move to Trash on an untouched new entry
    assert window.editor.entry_id is None
    window.autosave.flush()
    assert {e.id for e in entries.list_entries(journal)} == before
    assert entries.list_entries(journal, EntryFilter(trashed=True)) == []
    assert window.list_panel.model.rowCount() == rows


def test_a_new_entry_is_stored_once_however_many_saves_follow(qtbot, home, make_window):
    """Saves queued before the first one returned update the entry it created."""
    from imgjournal.db import Journal
    from imgjournal.ui.taskrunner import TaskRunner

    journal = Journal.open(home)
    try:
        runner = TaskRunner()
        window = make_window(journal, runner)
        window.actions.new_reflection.trigger()
        for word in ("Night", " float", " handoff"):
            qtbot.keyClicks(window.editor.body, word)
            window.autosave.flush()  # each flush queues a save of the still unsaved entry
        assert runner.wait_idle(10)
        (entry,) = entries.list_entries(journal)
        assert entry.body == "Night float handoff"
        assert window.editor.entry_id == entry.id and not window.editor.unsaved
        assert _list_ids(window) == [entry.id]
        window.close()
        runner.shutdown()
    finally:
        journal.close()


def test_a_typed_new_entry_moved_to_the_trash_is_stored_then_trashed(qtbot, journal, window):
    window.actions.new_reflection.trigger()
    qtbot.keyClicks(window.editor.body, "Second thoughts")
    window.record_commands.trash_current()  # before its first save came back
    (trashed,) = entries.list_entries(journal, EntryFilter(trashed=True))
    assert trashed.body == "Second thoughts"
    assert entries.list_entries(journal) == []


def test_the_save_status_says_nothing_until_there_is_something_to_save(qtbot, window):
    window.go("today")
    assert window.save_label.text() == ""  # an empty journal: nothing was saved
    window.actions.new_reflection.trigger()
    qtbot.keyClicks(window.editor.body, "First night")
    window.autosave.flush()
    qtbot.waitUntil(lambda: window.save_label.text() == SAVED)


def test_a_click_on_another_entry_while_a_new_one_is_first_saved_is_kept(qtbot, home, make_window):
    from imgjournal.db import Journal
    from imgjournal.ui.taskrunner import TaskRunner

    journal = Journal.open(home)
    try:
        old = entries.create_entry(journal, "reflection", "Older entry", body="From last week")
        runner = TaskRunner()
        window = make_window(journal, runner)
        window.go("all")
        qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 1)
        window.actions.new_reflection.trigger()
        qtbot.keyClicks(window.editor.body, "Typed, then clicked away")
        window.list_panel.select_id(old.id)  # before the new entry's first save came back
        assert runner.wait_idle(10)
        qtbot.waitUntil(lambda: window.editor.entry_id == old.id)
        assert window.editor.entry_id == old.id and window.list_panel.current_id() == old.id
        new = next(e for e in entries.list_entries(journal) if e.id != old.id)
        assert new.body == "Typed, then clicked away"
        assert set(_list_ids(window)) == {old.id, new.id}
        window.close()
        runner.shutdown()
    finally:
        journal.close()


def test_the_date_column_of_a_newest_first_list_shows_a_down_arrow(qtbot, sample, window):
    """Newest first is drawn ▼ (as Finder and Explorer do), not Qt's own ▲."""
    from PySide6.QtWidgets import QStyleFactory

    window.go("all")
    header = window.list_panel.view.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    shown_newest_first = header.grab().toImage()
    header.setStyle(QStyleFactory.create("Fusion"))  # Qt's drawing, for comparison
    header.setSortIndicator(header.sortIndicatorSection(), Qt.SortOrder.AscendingOrder)
    qt_ascending = header.grab().toImage()
    header.setSortIndicator(header.sortIndicatorSection(), Qt.SortOrder.DescendingOrder)
    qt_descending = header.grab().toImage()
    assert shown_newest_first == qt_ascending  # Qt's ▼
    assert shown_newest_first != qt_descending
