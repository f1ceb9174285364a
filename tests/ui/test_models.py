"""The entry list model on its own: pages, search, sorting, row updates."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from imgjournal.services import browse, entries
from imgjournal.services.dto import EntryFilter
from imgjournal.ui.models import COL_DATE, COL_KIND, COL_TITLE, EntryListModel
from imgjournal.ui.taskrunner import SyncRunner


def _fill(journal, n):
    start = date(2024, 1, 1)
    return [
        entries.create_entry(
            journal,
            "case" if i % 2 else "reflection",
            f"Entry {i:03d}",
            entry_date=start + timedelta(days=i),
            body=f"body number {i}",
        )
        for i in range(n)
    ]


def test_pages_load_as_the_view_asks(qapp, journal):
    made = _fill(journal, 25)
    model = EntryListModel(journal, SyncRunner(), page_size=10)
    model.set_query(EntryFilter())
    assert model.rowCount() == 10
    assert model.row_data(0).id == made[-1].id  # newest first
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    assert not model.canFetchMore(QModelIndex())
    assert len(set(model.ids())) == 25


def test_model_passes_qt_model_checks(qtbot, journal):
    _fill(journal, 12)
    model = EntryListModel(journal, SyncRunner(), page_size=5)
    model.set_query(EntryFilter())
    tester = ModelTester(qtbot)
    tester.check(model, force_py=True)
    model.set_query(EntryFilter(kind="case"))
    model.fetchMore(QModelIndex())


def test_search_mode_and_sorting(qapp, journal):
    made = _fill(journal, 6)
    model = EntryListModel(journal, SyncRunner())
    model.set_query(EntryFilter(), "number")
    assert model.searching
    assert model.rowCount() == 6
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert [model.row_data(i).title for i in range(6)] == [f"Entry {i:03d}" for i in range(6)]
    model.sort(COL_DATE, Qt.SortOrder.DescendingOrder)
    assert model.row_data(0).id == made[-1].id
    assert model.data(model.index(0, COL_KIND), Qt.ItemDataRole.ToolTipRole) in (
        "Case",
        "Reflection",
    )


def test_update_insert_remove_rows(qapp, journal):
    made = _fill(journal, 3)
    model = EntryListModel(journal, SyncRunner())
    model.set_query(EntryFilter())
    entries.update_entry(journal, made[0].id, title="Renamed")
    model.update_row(browse.entry_rows_by_id(journal, [made[0].id])[0])
    assert model.row_data(model.row_of(made[0].id)).title == "Renamed"
    new = entries.create_entry(journal, "feedback", "Fresh")
    model.insert_first(browse.entry_rows_by_id(journal, [new.id])[0])
    assert model.row_data(0).id == new.id
    model.remove_id(new.id)
    assert model.row_of(new.id) == -1
    assert model.rowCount() == 3


def test_stale_replies_are_dropped(qapp, journal):
    _fill(journal, 4)
    held = []

    class HoldingRunner(SyncRunner):
        def submit(self, fn, on_done=None, on_error=None, *, key=None):
            held.append((fn, on_done))

    model = EntryListModel(journal, HoldingRunner())
    model.set_query(EntryFilter(kind="case"))
    model.set_query(EntryFilter(kind="reflection"))
    fn, done = held[0]
    done(fn())  # the outdated reply arrives late
    assert model.rowCount() == 0
    fn, done = held[1]
    done(fn())
    assert {model.row_data(i).kind for i in range(model.rowCount())} == {"reflection"}
