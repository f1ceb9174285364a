"""Thin item models over service DTOs.

:class:`EntryListModel` shows :class:`~imgjournal.services.browse.EntryRow` rows. Browsing loads
a page at a time through ``canFetchMore``/``fetchMore`` (the view asks for more as it scrolls),
so a 50,000-entry journal costs one page at start; searching shows the ranked hits.
All queries run on the task runner; a reply for an outdated query is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.services import browse
from imgjournal.services.browse import EntryRow
from imgjournal.services.dto import EntryFilter
from imgjournal.services.search import HIGHLIGHT_END, HIGHLIGHT_START
from imgjournal.ui.taskrunner import Runner

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PREVIEW_ROLE = Qt.ItemDataRole.UserRole + 3

COL_KIND, COL_DATE, COL_TITLE, COL_EXPERIENCE, COL_PROMPTS = range(5)
HEADERS = ("", "Date", "Title", "Experience", "Prompts")
HEADER_TIPS = ("Kind of entry", "Entry date", "Title and start", "Experience", "Linked prompts")
KIND_LETTER = {EntryKind.CASE: "C", EntryKind.FEEDBACK: "F", EntryKind.REFLECTION: "R"}

Index = QModelIndex | QPersistentModelIndex


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    """A date edit's day as a Python date."""
    return date(q.year(), q.month(), q.day())


def format_date(d: date, fmt: QLocale.FormatType | None = None) -> str:
    """``d`` in the user's language: "3 Jun 2025" by default, or in a QLocale format."""
    if fmt is None:
        return QLocale().toString(qdate(d), "d MMM yyyy")
    return QLocale().toString(qdate(d), fmt)


def plain_preview(text: str) -> str:
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


class EntryListModel(QAbstractTableModel):
    """Entry rows for a filter (and optional search text), sortable by date and title."""

    loaded = Signal()  # a new query's first rows are in
    load_failed = Signal(object)  # the exception

    def __init__(self, journal: Journal, runner: Runner, *, page_size: int = 100) -> None:
        super().__init__()
        self._journal = journal
        self._runner = runner
        self._page = page_size
        self._rows: list[EntryRow] = []
        self._flt = EntryFilter()
        self._text = ""
        self._sort = "date"
        self._descending = True
        self._more = False
        self._fetching = False
        self._generation = 0
        self._key = f"entry-list-{id(self)}"

    # -- query ---------------------------------------------------------------------------
    @property
    def filter(self) -> EntryFilter:
        return self._flt

    @property
    def search_text(self) -> str:
        return self._text

    @property
    def searching(self) -> bool:
        """True when the text has a term to search for (one letter alone does not search)."""
        return bool(browse.search_terms(self._text)) and not self._flt.trashed

    @property
    def generation(self) -> int:
        """Bumped by every query asked (a reply to an older one is dropped)."""
        return self._generation

    def _query_key(self, flt: EntryFilter, text: str) -> tuple[object, ...]:
        terms = tuple(browse.search_terms(text)) if not flt.trashed else ()
        return (flt, terms)

    def set_query(self, flt: EntryFilter, text: str = "", *, force: bool = False) -> None:
        """Show entries for ``flt`` and search ``text``; nothing to do if the result cannot
        change (a space typed, or a first letter that is not searched for yet)."""
        same = self._query_key(flt, text) == self._query_key(self._flt, self._text)
        self._flt = flt
        self._text = text
        if same and self._generation and not force:
            return
        self.reload()

    def reload(self) -> None:
        """Ask again for the current query; rows on screen stay until the answer comes."""
        self._generation += 1
        gen = self._generation
        journal, flt, text = self._journal, self._flt, self._text.strip()
        sort, desc, page = self._sort, self._descending, self._page
        self._fetching = True

        if self.searching:
            hits = browse.SEARCH_PAGE

            def task() -> tuple[list[EntryRow], bool]:
                rows = browse.search_rows(journal, text, flt, limit=hits + 1)
                return rows[:hits], len(rows) > hits

        else:

            def task() -> tuple[list[EntryRow], bool]:
                rows = browse.list_entry_rows(
                    journal, flt, limit=page + 1, sort=sort, descending=desc
                )
                return rows[:page], len(rows) > page

        self._runner.submit(task, lambda res: self._reset(gen, *res), self._failed, key=self._key)

    def _failed(self, exc: BaseException) -> None:
        self._fetching = False
        self.load_failed.emit(exc)

    def _reset(self, gen: int, rows: list[EntryRow], more: bool) -> None:
        if gen != self._generation:
            return
        if self.searching and self._sort == "title":
            rows = sorted(rows, key=lambda r: r.title.lower(), reverse=self._descending)
        self.beginResetModel()
        self._rows = rows
        self._more = more
        self.endResetModel()
        # Only now may a view fetch more (not from inside the reset notification).
        self._fetching = False
        self.loaded.emit()

    # -- lazy loading --------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._fetching:
            return
        self._fetching = True
        gen = self._generation
        journal, flt, offset = self._journal, self._flt, len(self._rows)
        sort, desc, page = self._sort, self._descending, self._page
        text = self._text.strip()
        if self.searching:
            page = browse.SEARCH_PAGE

            def task() -> list[EntryRow]:
                return browse.search_rows(journal, text, flt, offset=offset, limit=page + 1)

        else:

            def task() -> list[EntryRow]:
                return browse.list_entry_rows(
                    journal, flt, offset=offset, limit=page + 1, sort=sort, descending=desc
                )

        self._runner.submit(task, lambda rows: self._append(gen, rows, page), self._failed)

    def _append(self, gen: int, rows: list[EntryRow], page: int) -> None:
        if gen != self._generation:
            return
        self._fetching = False
        more = len(rows) > page
        rows = rows[:page]
        known = {r.id for r in self._rows}
        rows = [r for r in rows if r.id not in known]  # an entry added meanwhile shifts pages
        self._more = more
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # -- rows ----------------------------------------------------------------------------
    def row_data(self, row: int) -> EntryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == entry_id:
                return i
        return -1

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def update_row(self, new: EntryRow) -> None:
        """Show changed values of an entry already listed (after a save)."""
        i = self.row_of(new.id)
        if i < 0:
            return
        old = self._rows[i]
        if self.searching:  # keep the highlighted snippet of the search
            new = replace(new, preview=old.preview)
        self._rows[i] = new
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))

    def insert_first(self, row: EntryRow) -> None:
        """Show a just-created entry at the top without reloading."""
        if self.row_of(row.id) >= 0:
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()

    def remove_id(self, entry_id: int) -> None:
        i = self.row_of(entry_id)
        if i >= 0:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()

    # -- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return r
        if role == ID_ROLE:
            return r.id
        if role == PREVIEW_ROLE:
            return r.preview
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_KIND:
                return KIND_LETTER.get(r.kind, "?")
            if col == COL_DATE:
                return format_date(r.entry_date)
            if col == COL_TITLE:
                return r.title
            if col == COL_EXPERIENCE:
                return r.experience_title
            if col == COL_PROMPTS:
                return str(r.prompt_count) if r.prompt_count else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_KIND:
                return EntryKind(r.kind).label
            if col == COL_TITLE:
                return f"{r.title}\n{plain_preview(r.preview)}" if r.preview else r.title
            if col == COL_PROMPTS:
                n = r.prompt_count
                return f"Linked to {n} interview prompt{'s' if n != 1 else ''}" if n else None
            if col == COL_DATE:
                return format_date(r.entry_date, QLocale.FormatType.LongFormat)
            if col == COL_EXPERIENCE:
                return r.experience_title or None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_KIND:
            return EntryKind(r.kind).label
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_KIND, COL_PROMPTS):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = {COL_DATE: "date", COL_TITLE: "title"}.get(column)
        if key is None:
            return
        desc = order == Qt.SortOrder.DescendingOrder
        if (key, desc) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, desc
        if self.searching:
            self.layoutAboutToBeChanged.emit()
            if key == "title":
                self._rows.sort(key=lambda r: r.title.lower(), reverse=desc)
            else:
                self._rows.sort(key=lambda r: (r.entry_date, r.id), reverse=desc)
            self.layoutChanged.emit()
        else:
            self.reload()
