"""The coverage page: how ready each category is, the next three things to do, and every
prompt with its stories, draft and practice.

The progress per category and the next steps come from
:mod:`imgjournal.services.prep_next` (plain sentences; each step is a button that goes where it
is done). Below them, a thin table model over :class:`~imgjournal.services.dto.CoverageRow`
(columns are constants) lists the prompts; what is missing is said in muted words, not in red
(a new journal misses everything), and a story that is the only answer to several prompts is
pointed out.
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
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import PromptCategory
from imgjournal.services import prep_next, prep_stats
from imgjournal.services.dto import Coverage, CoverageRow
from imgjournal.services.prep import rating_label
from imgjournal.services.prep_next import CategoryProgress, PrepOverview, short_prompt
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.prep.common import (
    WARN,
    category_label,
    due_text,
    mute,
    muted,
    scaled_font,
    target_text,
    when_text,
)
from imgjournal.ui.taskrunner import Ops, Runner

Index = QModelIndex | QPersistentModelIndex

# What is missing is said in the cells themselves ("none", "no draft", "never"); the gaps
# and the last rating are in the tooltips.
(
    COL_PROMPT,
    COL_CATEGORY,
    COL_STORIES,
    COL_WORDS,
    COL_LAST,
    COL_DUE,
) = range(6)
HEADERS = (
    "Prompt",
    "Category",
    "Stories",
    "Draft words",
    "Last practised",
    "Due",
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
                gaps = f"\nStill to do: {', '.join(r.gaps)}" if r.gaps else ""
                return f"{r.text}\nAim for {target_text(r)}{gaps}"
            if col == COL_LAST and r.attempts:
                return f"Rated “{rating_label(r.last_rating) or '–'}” last time"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_STORIES, COL_WORDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_missing(r, col):
            # Missing is said in words, in the palette's grey of the moment (light or dark).
            return QApplication.palette().placeholderText()
        return None

    @staticmethod
    def is_missing(r: CoverageRow, col: int) -> bool:
        """A cell that says something is missing ("none", "no draft", "never")."""
        return (
            (col == COL_STORIES and r.entry_count == 0)
            or (col == COL_WORDS and r.drafts == 0)
            or (col == COL_LAST and r.attempts == 0)
        )

    @staticmethod
    def _display(r: CoverageRow, col: int) -> str:
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
        if col == COL_DUE:
            if r.due is None:
                return "new" if r.entry_count or r.drafts else "–"
            return due_text(r.due)
        return ""

    @staticmethod
    def _sort_key(r: CoverageRow, col: int) -> Any:
        if col == COL_STORIES:
            return r.entry_count
        if col == COL_WORDS:
            return r.draft_words if r.drafts else -1
        if col == COL_LAST:
            return r.last_practised.isoformat() if r.last_practised else ""
        if col == COL_DUE:
            return r.due.isoformat() if r.due else "~"
        if col == COL_CATEGORY:
            return CATEGORY_ORDER.get(r.category, 99)
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


class StepRow(QFrame):
    """One of the next things to do: a sentence that wraps, what clicking it does under it;
    the whole row is a button (mouse, Enter or Space)."""

    clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setFont(scaled_font(self, 1.0, bold=True))
        self.label.setForegroundRole(QPalette.ColorRole.Link)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        mute(self.hint)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 5, 10, 6)
        lay.setSpacing(1)
        lay.addWidget(self.label)
        lay.addWidget(self.hint)

    def text(self) -> str:
        return self.label.text()

    def set_step(self, text: str, hint: str, tip: str) -> None:
        self.label.setText(text)
        self.hint.setText(hint)
        self.setToolTip(tip)
        self.setAccessibleName(text)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class CategoryBars(QWidget):
    """One row per category: its name, a bar of prompts ready (a story and a draft), the words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageCategories")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.bars: dict[str, QProgressBar] = {}
        self.texts: dict[str, QLabel] = {}

    def show_categories(self, cats: tuple[CategoryProgress, ...]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.bars.clear()
        self.texts.clear()
        for row, c in enumerate(cats):
            name = QLabel(c.label)
            bar = QProgressBar()
            bar.setObjectName(f"coverageBar_{c.category}")
            bar.setRange(0, max(1, c.total))
            bar.setValue(c.ready)
            bar.setTextVisible(False)
            bar.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
            bar.setAccessibleName(f"{c.label}: {c.text}")
            bar.setMinimumWidth(80)
            text = QLabel(c.short)
            text.setObjectName(f"coverageText_{c.category}")
            text.setToolTip(c.text)
            name.setToolTip(c.text)
            mute(text)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(bar, row, 1)
            self.grid.addWidget(text, row, 2)
            self.bars[c.category] = bar
            self.texts[c.category] = text


class CoverageView(QWidget):
    """A page of the main window: progress per category, the next three things to do, and
    every prompt in a table; sole stories pointed out."""

    open_prompt = Signal(int)  # open this prompt in the answer workspace
    open_entry = Signal(int)
    practise_due = Signal()  # start a practice round of what is due
    loaded = Signal()

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageView")
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        self.coverage: Coverage | None = None
        self.overview: PrepOverview | None = None

        self.heading = QLabel("Coverage")
        self.heading.setObjectName("coverageHeading")
        self.heading.setFont(scaled_font(self, 1.6, bold=True))
        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.steps_heading = QLabel("The next three things to do")
        self.steps_heading.setFont(scaled_font(self, 1.05, bold=True))
        self.step_buttons: list[StepRow] = []
        steps_box = QWidget()
        steps_box.setObjectName("coverageSteps")
        self.steps_lay = QVBoxLayout(steps_box)
        self.steps_lay.setContentsMargins(0, 0, 0, 0)
        self.steps_lay.setSpacing(2)
        self.steps_lay.addWidget(self.steps_heading)
        for i in range(prep_next.STEPS):
            b = StepRow(f"nextStep{i}")
            b.clicked.connect(lambda _=False, i=i: self.do_step(i))
            self.steps_lay.addWidget(b)
            self.step_buttons.append(b)
        self.steps_lay.addStretch(1)
        self.categories = CategoryBars()
        cats_box = QWidget()
        cl = QVBoxLayout(cats_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cats_heading = QLabel("Ready to practise, by category")
        cats_heading.setFont(scaled_font(self, 1.05, bold=True))
        cats_note = QLabel("A prompt is ready when it has a linked story and a draft.")
        cats_note.setWordWrap(True)
        mute(cats_note)
        cl.addWidget(cats_heading)
        cl.addWidget(cats_note)
        cl.addWidget(self.categories)
        cl.addStretch(1)

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
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the library's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # whole prompts, wrapped (two must never look alike)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROMPT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.only_gaps.toggled.connect(self.proxy.set_only_gaps)
        self.table.installEventFilter(self)

        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(steps_box, 3)
        top.addWidget(cats_box, 2)
        table_bar = QHBoxLayout()
        all_heading = QLabel("All prompts")
        all_heading.setFont(scaled_font(self, 1.05, bold=True))
        table_bar.addWidget(all_heading)
        table_bar.addStretch(1)
        table_bar.addWidget(self.only_gaps)
        table_bar.addWidget(self.open_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 10)
        lay.addWidget(self.heading)
        lay.addWidget(self.summary)
        lay.addLayout(top)
        lay.addWidget(self.sole)
        lay.addLayout(table_bar)
        lay.addWidget(self.table, 1)

    def reload(self) -> None:
        self.ops.run(_load, on_done=self._show_loaded, on_error=self._failed, key="cov")

    def _show_loaded(self, data: tuple[Coverage, PrepOverview]) -> None:
        cov, ov = data
        self.overview = ov
        self.show_steps(ov)
        self.show_coverage(cov)

    def show_steps(self, ov: PrepOverview) -> None:
        self.categories.show_categories(ov.categories)
        for i, b in enumerate(self.step_buttons):
            step = ov.steps[i] if i < len(ov.steps) else None
            b.setVisible(step is not None)
            if step is not None:
                b.set_step(step.text, STEP_HINTS[step.action], step.detail)
        self.steps_heading.setText(
            "The next three things to do" if ov.steps else "Nothing left to do for now"
        )

    def do_step(self, i: int) -> None:
        """Go where the step is done: the workspace on its prompt, or a practice round."""
        if self.overview is None or i >= len(self.overview.steps):
            return
        step = self.overview.steps[i]
        if step.action == prep_next.PRACTISE:
            self.practise_due.emit()
        elif step.prompt_id is not None:
            self.open_prompt.emit(step.prompt_id)

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
            if storied or drafted or practised
            else f"None of the {total} interview prompts has a story yet. Start with the "
            "first step below: each prompt you link to a real entry becomes an answer you "
            "can draft and practise."
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
            texts = {r.prompt_id: r.text for r in cov.rows}
            items = "".join(
                f"<li><a href='entry:{s.entry_id}'>{html.escape(s.title)}</a> is the only story "
                f"for {len(s.prompt_ids)} prompts <span style='color:{grey}'>("
                + html.escape("; ".join(short_prompt(texts.get(p, ""), 32) for p in s.prompt_ids))
                + ")</span></li>"
                for s in cov.sole_stories
            )
            self.sole.setText(
                f"<b style='color:{WARN.name()}'>One story stretched thin.</b> Interviewers "
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


STEP_HINTS = {
    prep_next.DRAFT: "Opens the answer workspace on this prompt",
    prep_next.LINK: "Opens the workspace on its first prompt: write an entry for it, or link one "
    "with Ctrl+L",
    prep_next.PRACTISE: "Starts a practice round of what is due",
}


def _load(journal: Journal) -> tuple[Coverage, PrepOverview]:
    """The table's rows and the plain-words overview (on the task runner)."""
    return prep_stats.coverage(journal), prep_next.prep_overview(journal)
