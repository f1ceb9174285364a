"""Changes, not reloads: a save reloads only the views that show what it changed (issue 15)."""

from __future__ import annotations

from datetime import date

from imgjournal.opchanges import EVERYTHING, Changes
from imgjournal.services import entries
from imgjournal.services.browse import KIND_COUNTS_SQL
from imgjournal.ui.taskrunner import Ops, SyncRunner, TaskRunner


def _open_with_real_runner(qtbot, journal, make_window, entry_id):
    runner = TaskRunner()
    window = make_window(journal, runner)
    window.go("all")
    qtbot.waitUntil(lambda: window.overview is not None and window.list_panel.model.rowCount() > 0)
    window.list_panel.select_id(entry_id)
    qtbot.waitUntil(lambda: window.editor.entry_id == entry_id)
    assert runner.wait_idle(10)
    return window, runner


def _count_queries(journal):
    """The sidebar's count query, as SQLite runs it on the connection the views read on."""
    seen: list[str] = []
    journal.raw().set_trace_callback(seen.append)
    return lambda: sum(KIND_COUNTS_SQL in sql for sql in seen)


def test_saving_an_entrys_text_does_not_count_the_sidebar_again(
    qtbot, journal, sample, make_window
):
    case = sample["case"]
    window, runner = _open_with_real_runner(qtbot, journal, make_window, case.id)
    counted = _count_queries(journal)
    refreshed: list[bool] = []
    window.refreshed.connect(lambda: refreshed.append(True))

    window.editor.body.moveCursor(window.editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor.body, " Echo was normal.")
    window.editor.title.end(False)
    qtbot.keyClicks(window.editor.title, " (follow-up)")
    window.autosave.flush()
    assert runner.wait_idle(10)

    saved = entries.get_entry(journal, case.id)
    assert saved.body.endswith("Echo was normal.")
    assert window.list_panel.model.row_data(window.list_panel.model.row_of(case.id)).title.endswith(
        "(follow-up)"
    )  # the list's row follows from the save itself
    assert counted() == 0 and refreshed == []

    # A tag is shown in the sidebar: now it is loaded again, once.
    window.editor.tags.setText("cardiology")
    window.editor.changed.emit()
    window.autosave.flush()
    assert runner.wait_idle(10)
    assert entries.get_entry(journal, case.id).tags == ("cardiology",)
    qtbot.waitUntil(lambda: len(refreshed) == 1)
    assert counted() == 1
    assert [t.name for t in window.overview.tags] == ["cardiology"]


def test_a_new_date_counts_again_and_today_follows(qtbot, journal, sample, make_window):
    case = sample["case"]
    window, runner = _open_with_real_runner(qtbot, journal, make_window, case.id)
    counted = _count_queries(journal)
    assert window.overview.counts.today == 0

    window.editor.date.setDate(date.today())
    window.autosave.flush()
    assert runner.wait_idle(10)
    assert entries.get_entry(journal, case.id).entry_date == date.today()
    qtbot.waitUntil(lambda: window.overview.counts.today == 1)
    assert counted() == 1


def test_today_reloads_on_a_change_it_shows_and_not_on_one_it_does_not(
    qtbot, journal, sample, window
):
    window.go("today")
    loads: list[object] = []
    window.today.show_data = loads.append  # what Today is given to show
    window.ops.run(entries.trash_entry, sample["reflection"].id)
    assert len(loads) == 1  # an entry went to the trash: Today's lists may change
    window.ops.announce(Changes(rows=frozenset({"revisions"})))
    assert len(loads) == 1  # a revision kept: Today shows none
    window.refresh()
    assert len(loads) == 2


def test_an_op_delivers_its_result_then_what_it_changed(qtbot, journal):
    runner = TaskRunner()
    try:
        ops, order = Ops(journal, runner), []
        runner.changed.connect(lambda ch: order.append(("changed", ch)))
        ops.run(
            entries.create_entry,
            "reflection",
            "Night float",
            on_done=lambda dto: order.append(("done", dto.title)),
        )
        qtbot.waitUntil(lambda: len(order) == 2)
        assert order[0] == ("done", "Night float")
        assert order[1][0] == "changed" and "entries" in order[1][1].rows
        assert not order[1][1].everything
    finally:
        runner.shutdown()


def test_a_failed_or_superseded_op_still_announces_what_it_committed(qtbot, journal):
    import threading

    runner = TaskRunner()
    try:
        ops, seen, errors, called = Ops(journal, runner), [], [], []
        runner.changed.connect(seen.append)

        def create_then_fail(j, title):
            entries.create_entry(j, "reflection", title)
            raise ValueError("after the commit")

        ops.run(create_then_fail, "Kept", on_error=errors.append)
        assert runner.wait_idle(10)
        assert [str(e) for e in errors] == ["after the commit"]
        assert len(seen) == 1 and "entries" in seen[0].rows

        ran = threading.Event()

        def create_old(j):
            entries.create_entry(j, "case", "Old")
            ran.set()

        ops.run(create_old, key="k", on_done=called.append)
        assert ran.wait(10)  # it ran; its callback is not delivered yet
        ops.run(entries.list_entries, key="k")  # supersedes it
        assert runner.wait_idle(10)
        assert called == []  # the stale callback is dropped ...
        assert len(seen) == 2 and "entries" in seen[1].rows  # ... what it wrote is not
    finally:
        runner.shutdown()


def test_reads_announce_nothing(journal):
    journal.take_changes()  # what opening the journal wrote, on this thread
    runner = SyncRunner()
    seen: list[Changes] = []
    runner.changed.connect(seen.append)
    ops, got = Ops(journal, runner), []
    ops.run(entries.list_entries, on_done=got.append)
    assert got == [[]] and seen == []
    ops.announce(EVERYTHING)
    assert seen == [EVERYTHING]
