"""The entry list pane: a search box, optional filters, the list and its empty state."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProxyStyle,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleFactory,
    QStyleOptionHeader,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.services.dto import EntryFilter, ExperienceDTO, PromptDTO, TagDTO
from imgjournal.ui.delegates import EntryDelegate
from imgjournal.ui.models import (
    COL_DATE,
    COL_EXPERIENCE,
    COL_KIND,
    COL_PROMPTS,
    COL_TITLE,
    ID_ROLE,
    EntryListModel,
)
from imgjournal.ui.taskrunner import Runner

NO_DATE = QDate(1900, 1, 1)


def _to_date(qd: QDate) -> date | None:
    return None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())


class AdaptiveColumns(QObject):
    """Hides the experience and prompt columns when the list is too narrow for them."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        w = self._view.viewport().width()
        self._view.setColumnHidden(COL_EXPERIENCE, w < 640)
        self._view.setColumnHidden(COL_PROMPTS, w < 400)


def setup_entry_table(view: QTableView) -> None:
    """The look of every entry table: two-line rows, a badge column, a stretching title."""
    view.setItemDelegate(EntryDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    fm = view.fontMetrics()
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(fm.height() * 2 + 14)
    hh = view.horizontalHeader()
    hh.setHighlightSections(False)
    hh.setMinimumSectionSize(28)
    hh.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.Fixed)
    hh.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.Fixed)
    hh.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
    hh.setSectionResizeMode(COL_EXPERIENCE, QHeaderView.ResizeMode.Interactive)
    hh.setSectionResizeMode(COL_PROMPTS, QHeaderView.ResizeMode.Fixed)
    hh.resizeSection(COL_KIND, 34)
    hh.resizeSection(COL_DATE, fm.horizontalAdvance("28 Sept 2026") + 26)
    hh.resizeSection(COL_EXPERIENCE, 130)
    hh.resizeSection(COL_PROMPTS, fm.horizontalAdvance("Prompts") + 16)
    AdaptiveColumns(view)


class FilterBar(QFrame):
    """Kind, experience, prompt, tag and a date range; each "Any" by default."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.kind = self._combo("filterKind", "Any kind")
        for k in EntryKind:
            self.kind.addItem(k.label, k.value)
        self.experience = self._combo("filterExperience", "Any experience")
        self.prompt = self._combo("filterPrompt", "Any prompt")
        self.prompt.view().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tag = self._combo("filterTag", "Any tag")
        self.date_from = self._date("filterFrom", "From any date")
        self.date_to = self._date("filterTo", "To any date")
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setObjectName("filterClear")
        self.clear_button.setToolTip("Clear all filters")
        self.clear_button.clicked.connect(self.clear)
        top = QHBoxLayout()
        top.setSpacing(4)
        for w in (self.kind, self.experience, self.tag):
            top.addWidget(w, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(4)
        bottom.addWidget(self.prompt, 2)
        bottom.addWidget(self.date_from, 1)
        bottom.addWidget(self.date_to, 1)
        bottom.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addLayout(bottom)
        self._quiet = False

    def _combo(self, name: str, any_text: str) -> QComboBox:
        c = QComboBox()
        c.setObjectName(name)
        c.setAccessibleName(any_text)
        c.addItem(any_text, None)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength(6)
        c.currentIndexChanged.connect(self._emit)
        return c

    def _date(self, name: str, any_text: str) -> QDateEdit:
        d = QDateEdit()
        d.setObjectName(name)
        d.setAccessibleName(any_text)
        d.setCalendarPopup(True)
        d.setDisplayFormat("d MMM yyyy")
        d.setMinimumDate(NO_DATE)
        d.setSpecialValueText(any_text)
        d.setDate(NO_DATE)
        d.dateChanged.connect(self._emit)
        return d

    def _emit(self, *_: object) -> None:
        if not self._quiet:
            self.changed.emit()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            i = combo.findData(current)
            combo.setCurrentIndex(max(i, 0))
        finally:
            combo.blockSignals(False)

    def set_choices(
        self, experiences: list[ExperienceDTO], prompts: list[PromptDTO], tags: list[TagDTO]
    ) -> None:
        self._refill(self.experience, [(x.title, x.id) for x in experiences])
        self._refill(self.prompt, [(p.text, p.id) for p in prompts])
        self._refill(self.tag, [(f"#{t.name}", t.name) for t in tags])

    def value(self, trashed: bool = False) -> EntryFilter:
        return EntryFilter(
            kind=self.kind.currentData(),
            experience_id=self.experience.currentData(),
            prompt_id=self.prompt.currentData(),
            tag=self.tag.currentData(),
            date_from=_to_date(self.date_from.date()),
            date_to=_to_date(self.date_to.date()),
            trashed=trashed,
        )

    def set_value(self, flt: EntryFilter) -> None:
        self._quiet = True
        try:
            for combo, data in (
                (self.kind, flt.kind),
                (self.experience, flt.experience_id),
                (self.prompt, flt.prompt_id),
                (self.tag, flt.tag),
            ):
                i = combo.findData(data)
                if i < 0 and data is not None:
                    combo.addItem(str(data), data)
                    i = combo.count() - 1
                combo.setCurrentIndex(max(i, 0))
            for edit, d in ((self.date_from, flt.date_from), (self.date_to, flt.date_to)):
                edit.setDate(QDate(d.year, d.month, d.day) if d else NO_DATE)
        finally:
            self._quiet = False

    def clear(self) -> None:
        self.set_value(EntryFilter())
        self.changed.emit()

    def active(self) -> bool:
        return self.value() != EntryFilter()


class SortArrowStyle(QProxyStyle):
    """The header's sort arrow as Finder and Explorer draw it: ▼ newest (or Z) first, ▲ oldest
    first. Qt's own convention is the other way round, so a list of the newest entries first
    showed ▲."""

    def __init__(self) -> None:
        app_style = QApplication.style()
        super().__init__(QStyleFactory.create(app_style.name()) if app_style else None)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: ANN001, N802
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            up, down = (
                QStyleOptionHeader.SortIndicator.SortUp,
                QStyleOptionHeader.SortIndicator.SortDown,
            )
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = {up: down, down: up}.get(
                option.sortIndicator, option.sortIndicator
            )
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


class EntryListPanel(QWidget):
    """Search field, filters and the entry table for one destination."""

    current_entry_changed = Signal(object)  # entry id or None
    activated = Signal(int)  # Enter or double-click on an entry
    loaded = Signal()
    empty_action = Signal(str)  # a button of the empty state: "experience", "case", "sample"

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryListPanel")
        self.model = EntryListModel(journal, runner)
        self._trashed = False
        self._title = "All entries"
        self._pending_select: int | None = None
        self._build_search()
        self._build_view()
        self._build_empty()
        self._build_layout()
        self._connect()
        self.journal_empty = False

    def _build_search(self) -> None:
        """The heading, the search field, the Filters toggle and the filter bar it shows."""
        self.heading = QLabel("All entries")
        self.heading.setObjectName("listHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Search")
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Words, prefixes or parts of words in titles, bodies and fields")
        self.filter_button = QToolButton()
        self.filter_button.setObjectName("filterToggle")
        self.filter_button.setText("Filters")
        self.filter_button.setCheckable(True)
        self.filter_button.setToolTip("Filter by kind, experience, prompt, tag and dates")
        self.filters = FilterBar()
        self.filters.setVisible(False)
        self.filter_button.toggled.connect(self.filters.setVisible)

    def _build_view(self) -> None:
        """The table of entries, newest first."""
        self.view = QTableView()
        self.view.setObjectName("entryList")
        self.view.setAccessibleName("Entries")
        self.view.setModel(self.model)
        setup_entry_table(self.view)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self._header_style = SortArrowStyle()  # kept: the header does not own its style
        self.view.horizontalHeader().setStyle(self._header_style)

    def _build_empty(self) -> None:
        """What an empty journal shows instead of the table: a sentence and three buttons."""
        self.empty = QWidget()
        self.empty.setObjectName("listEmpty")
        el = QVBoxLayout(self.empty)
        el.setContentsMargins(24, 24, 24, 24)
        self.empty_text = QLabel()
        self.empty_text.setObjectName("listEmptyText")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        el.addStretch(1)
        el.addWidget(self.empty_text)
        self.empty_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("experience", "Add your current rotation"),
            ("case", "Write today's first case"),
            ("sample", "Open the sample journal"),
        ):
            b = QPushButton(text)
            b.setObjectName(f"empty_{key}")
            b.clicked.connect(lambda _=False, k=key: self.empty_action.emit(k))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(b)
            row.addStretch(1)
            el.addLayout(row)
            self.empty_buttons[key] = b
        el.addStretch(2)

    def _build_layout(self) -> None:
        """The heading, the search row, the filter bar, then the table or the empty page."""
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        top.addWidget(self.filter_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 0)
        lay.setSpacing(6)
        lay.addWidget(self.heading)
        lay.addLayout(top)
        lay.addWidget(self.filters)
        lay.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._query_changed)
        # Esc in the search field clears it and goes back to the list; Down moves into it.
        leave = QAction("Clear search", self.search)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        leave.triggered.connect(self._leave_search)
        self.search.addAction(leave)
        down = QAction("To the results", self.search)
        down.setShortcut(QKeySequence(Qt.Key.Key_Down))
        down.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        down.triggered.connect(self.view.setFocus)
        self.search.addAction(down)
        self.filters.changed.connect(self._query_changed)
        self.model.loaded.connect(self._loaded)
        self.model.rowsInserted.connect(self._rows_changed)
        self.model.rowsRemoved.connect(self._rows_changed)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.view.activated.connect(lambda idx: self.activated.emit(idx.data(ID_ROLE)))

    # -- queries -------------------------------------------------------------------------
    def show_destination(self, title: str, flt: EntryFilter) -> None:
        self._title = title
        self.heading.setText(title)
        self._trashed = flt.trashed
        self.search.setEnabled(not flt.trashed)
        self.search.setPlaceholderText("Search (not in the trash)" if flt.trashed else "Search")
        self.filters.set_value(flt)
        self.filter_button.setEnabled(not flt.trashed)
        if flt.trashed:
            self.filter_button.setChecked(False)
        self._query_changed(force=True)

    def _leave_search(self) -> None:
        self.search.clear()
        self.view.setFocus()

    def current_filter(self) -> EntryFilter:
        return self.filters.value(self._trashed)

    def _query_changed(self, *_: object, force: bool = False) -> None:
        text = "" if self._trashed else self.search.text()
        self.model.set_query(self.current_filter(), text, force=force)

    def reload(self) -> None:
        self.model.reload()

    def _loaded(self) -> None:
        self._update_empty()
        target = self._pending_select
        if target is not None and self.select_id(target):
            self._pending_select = None
        self.loaded.emit()

    def _rows_changed(self, *_: object) -> None:
        self._update_empty()

    def _update_empty(self) -> None:
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.view)
            return
        teach = False
        if self.model.searching:
            text = f"Nothing matches “{self.model.search_text.strip()}”."
            if self.filters.active():
                text += " Try clearing the filters."
        elif self._trashed:
            text = "The trash is empty. Deleted entries wait here until you empty the trash."
        elif self.journal_empty:
            teach = True
            text = (
                "<h3>Your journal is empty</h3>"
                "<p>After each shift, take a minute to write down a case, a piece of feedback "
                "or a reflection. Start with the rotation you are on, so every entry is "
                "filed under it.</p>"
            )
        else:
            text = f"No entries in {self._title} yet. Press Ctrl+N to write one."
        self.empty_text.setText(text)
        for b in self.empty_buttons.values():
            b.setVisible(teach)
        self.stack.setCurrentWidget(self.empty)

    # -- selection -----------------------------------------------------------------------
    def _current_row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self.current_entry_changed.emit(current.data(ID_ROLE) if current.isValid() else None)

    def current_id(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select_id(self, entry_id: int, *, later: bool = False, scroll: bool = True) -> bool:
        """Make ``entry_id`` current; with ``later``, also once the next load arrives."""
        row = self.model.row_of(entry_id)
        if row < 0:
            if later:
                self._pending_select = entry_id
            return False
        idx = self.model.index(row, COL_TITLE)
        sm = self.view.selectionModel()
        sm.setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.view.scrollTo(idx)
        return True

    def move(self, step: int) -> int | None:
        """Select the next (1) or previous (-1) entry; returns its id."""
        n = self.model.rowCount()
        if n == 0:
            return None
        cur = self.view.currentIndex().row()
        row = 0 if cur < 0 else min(max(cur + step, 0), n - 1)
        if step > 0 and row == n - 1 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        entry_id = self.model.row_data(row).id
        self.select_id(entry_id)
        return entry_id
