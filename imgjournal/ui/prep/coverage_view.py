"""The coverage view: every prompt by category, its stories, draft, practice, and the gaps.

A thin table model over :class:`~imgjournal.services.dto.CoverageRow` (columns are constants);
gaps are drawn in the gap colour and bold so they stand out, and a story that is the only
answer to several prompts is pointed out above the table.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import PromptCategory
from imgjournal.services import prep_stats
from imgjournal.services.dto import Coverage, CoverageRow
from imgjournal.services.prep import rating_label
from imgjournal.services.prep_stats import NO_STORY
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.prep.common import (
    GAP,
    WARN,
    category_label,
    due_text,
    muted,
    target_text,
    when_text,
)
from imgjournal.ui.taskrunner import Ops, Runner

Index = QModelIndex | QPersistentModelIndex

(
    COL_ID,
    COL_CATEGORY,
    COL_PROMPT,
    COL_STORIES,
    COL_WORDS,
    COL_LAST,
    COL_RATING,
    COL_DUE,
    COL_GAPS,
) = range(9)
HEADERS = (
    "ID",
    "Category",
    "Prompt",
    "Stories",
    "Draft words",
    "Last practised",
    "Last rating",
    "Due",
    "Gaps",
)
CATEGORY_ORDER = {c.value: i for i, c in enumerate(PromptCategory)}
ROW_ROLE = Qt.ItemDataRole.UserRole + 50
SORT_ROLE = Qt.ItemDataRole.UserRole + 51


class CoverageModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CoverageRow] = []

    def set_rows(self, rows: list[CoverageRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_PROMPT:
                return f"{r.text}\nAim for {target_text(r)}"
            if col == COL_GAPS and r.gaps:
                return "This prompt has " + ", ".join(r.gaps)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ID, COL_STORIES, COL_WORDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._gap_colour(r, col)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and self._gap_colour(r, col) is GAP:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _gap_colour(r: CoverageRow, col: int) -> QColor | None:
        """No story is the gap that matters most (red, bold); no draft or practice is orange."""
        if col == COL_STORIES and r.entry_count == 0:
            return GAP
        if col == COL_GAPS and r.gaps:
            return GAP if NO_STORY in r.gaps else WARN
        if (col == COL_WORDS and r.drafts == 0) or (col == COL_LAST and r.attempts == 0):
            return WARN
        return None

    @staticmethod
    def _display(r: CoverageRow, col: int) -> str:
        if col == COL_ID:
            return str(r.prompt_id)
        if col == COL_CATEGORY:
            return category_label(r.category)
        if col == COL_PROMPT:
            return r.text
        if col == COL_STORIES:
            return str(r.entry_count) if r.entry_count else "none"
        if col == COL_WORDS:
            return str(r.draft_words) if r.drafts else "no draft"
        if col == COL_LAST:
            return when_text(r.last_practised) if r.attempts else "never"
        if col == COL_RATING:
            return rating_label(r.last_rating) or "–"
        if col == COL_DUE:
            if r.due is None:
                return "new" if r.entry_count or r.drafts else "–"
            return due_text(r.due)
        if col == COL_GAPS:
            return ", ".join(r.gaps) or "–"
        return ""

    @staticmethod
    def _sort_key(r: CoverageRow, col: int) -> Any:
        if col == COL_ID:
            return r.prompt_id
        if col == COL_STORIES:
            return r.entry_count
        if col == COL_WORDS:
            return r.draft_words if r.drafts else -1
        if col == COL_LAST:
            return r.last_practised.isoformat() if r.last_practised else ""
        if col == COL_RATING:
            return r.last_rating or 0
        if col == COL_DUE:
            return r.due.isoformat() if r.due else "~"
        if col == COL_GAPS:
            return len(r.gaps)
        if col == COL_CATEGORY:
            return (CATEGORY_ORDER.get(r.category, 99), r.category)
        return CoverageModel._display(r, col).lower()


class GapFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_gaps = False
        self.setSortRole(SORT_ROLE)

    def set_only_gaps(self, on: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.only_gaps = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.only_gaps = on
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        if not self.only_gaps:
            return True
        model = self.sourceModel()
        r = model.data(model.index(row, 0, parent), ROW_ROLE)
        return bool(r.gaps)


class CoverageView(QWidget):
    """A window of its own: the coverage table, a summary line, sole stories pointed out."""

    open_prompt = Signal(int)  # open this prompt in the answer workspace
    open_entry = Signal(int)
    loaded = Signal()

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("coverageView")
        self.setWindowTitle("Interview prompt coverage — imgjournal")
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        self.coverage: Coverage | None = None

        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.sole = QLabel()
        self.sole.setObjectName("coverageSoleStories")
        self.sole.setWordWrap(True)
        self.sole.setTextFormat(Qt.TextFormat.RichText)
        self.sole.linkActivated.connect(self._link)
        self.only_gaps = QCheckBox("Only prompts with gaps")
        self.only_gaps.setObjectName("coverageOnlyGaps")
        self.open_button = QPushButton("Open in Answer Workspace")
        self.open_button.setObjectName("coverageOpen")
        self.open_button.setToolTip("Draft an answer for the selected prompt (Enter)")
        self.model = CoverageModel(self)
        self.proxy = GapFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("coverageTable")
        self.table.setAccessibleName("Coverage of the interview prompts")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROMPT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.only_gaps.toggled.connect(self.proxy.set_only_gaps)
        self.table.installEventFilter(self)
        QShortcut(QKeySequence("Esc"), self, activated=self.close)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_gaps)
        top.addWidget(self.open_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.sole)
        lay.addWidget(self.table, 1)
        self.resize(1200, 700)

    def reload(self) -> None:
        self.ops.run(
            prep_stats.coverage, on_done=self.show_coverage, on_error=self._failed, key="cov"
        )

    def show_coverage(self, cov: Coverage) -> None:
        self.coverage = cov
        selected = self.selected_prompt_id()
        self.model.set_rows(list(cov.rows))
        total = len(cov.rows)
        storied = sum(r.entry_count > 0 for r in cov.rows)
        drafted = sum(r.drafts > 0 for r in cov.rows)
        practised = sum(r.attempts > 0 for r in cov.rows)
        self.summary.setText(
            f"{storied} of {total} prompts have a story, {drafted} have a drafted answer, "
            f"{practised} have been practised."
        )
        self._show_sole_stories(cov)
        if selected is not None:
            self.select_prompt(selected)
        self.loaded.emit()

    def _show_sole_stories(self, cov: Coverage) -> None:
        """The entries that are the only story of several prompts (rich text, in the palette's
        colours of the moment)."""
        if cov.sole_stories:
            grey = muted(self)
            items = "".join(
                f"<li><a href='entry:{s.entry_id}'>{html.escape(s.title)}</a> is the only story "
                f"for {len(s.prompt_ids)} prompts "
                f"<span style='color:{grey}'>({', '.join(map(str, s.prompt_ids))})</span></li>"
                for s in cov.sole_stories
            )
            self.sole.setText(
                f"<b style='color:{GAP.name()}'>One story stretched thin.</b> Interviewers "
                "notice the same story told twice; link other entries to some of these prompts."
                f"<ul style='margin-top:2px'>{items}</ul>"
            )
            self.sole.show()
        else:
            self.sole.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.coverage is not None:
            self._show_sole_stories(self.coverage)  # light/dark switched: recolour

    def selected_prompt_id(self) -> int | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.proxy.data(idx, ROW_ROLE).prompt_id

    def select_prompt(self, prompt_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            if self.proxy.data(idx, ROW_ROLE).prompt_id == prompt_id:
                self.table.setCurrentIndex(idx)
                return True
        return False

    def _open_selected(self) -> None:
        pid = self.selected_prompt_id()
        if pid is not None:
            self.open_prompt.emit(pid)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            obj is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_selected()
            return True
        return super().eventFilter(obj, event)

    def _link(self, href: str) -> None:
        scheme, _, rest = href.partition(":")
        if scheme == "entry" and rest.isdigit():
            self.open_entry.emit(int(rest))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(ui_errors.describe(exc, self.journal.home, saving=False))
