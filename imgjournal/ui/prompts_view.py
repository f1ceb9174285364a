"""The Prompts page: the interview prompt library by category with how many entries answer
each; prompts with none stand out. Selecting a prompt lists its entries. Prompts can be added,
edited and hidden here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import PromptCategory
from imgjournal.errors import JournalError
from imgjournal.services.dto import EntryFilter, PromptDTO
from imgjournal.ui.dialog_parts import ErrorLabel, ok_cancel
from imgjournal.ui.editor_forms import HintLabel, choice_combo
from imgjournal.ui.entry_list import setup_entry_table
from imgjournal.ui.models import ID_ROLE, EntryListModel
from imgjournal.ui.services import prompts as prompt_service
from imgjournal.ui.taskrunner import Ops, Runner

PROMPT_ROLE = Qt.ItemDataRole.UserRole + 20


class PromptDialog(QDialog):
    """Add or edit one prompt: category, the question, a suggested answer length."""

    def __init__(self, prompt: PromptDTO | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptDialog")
        self.setWindowTitle("Edit prompt" if prompt else "New prompt")
        self.category = choice_combo(PromptCategory, None, "promptCategory")
        self.text = QPlainTextEdit()
        self.text.setObjectName("promptText")
        self.text.setPlaceholderText("The question, as an interviewer would ask it")
        self.text.setTabChangesFocus(True)
        self.min_s = QSpinBox()
        self.max_s = QSpinBox()
        for spin in (self.min_s, self.max_s):
            spin.setRange(10, 600)
            spin.setSuffix(" s")
            spin.setSingleStep(10)
        self.min_s.setValue(prompt.min_seconds if prompt else 60)
        self.max_s.setValue(prompt.max_seconds if prompt else 90)
        if prompt:
            self.category.setCurrentIndex(max(self.category.findData(prompt.category), 0))
            self.text.setPlainText(prompt.text)
        self.error = ErrorLabel("promptError", keep_room=True)
        length = QHBoxLayout()
        length.addWidget(self.min_s)
        length.addWidget(QLabel("to"))
        length.addWidget(self.max_s)
        length.addStretch(1)
        form = QFormLayout()
        form.addRow("Category", self.category)
        form.addRow("Question", self.text)
        form.addRow("Answer length", length)
        self.buttons = ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(480, 260)

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.error.setText("Write the question as it would be asked.")
            return
        if self.max_s.value() < self.min_s.value():
            self.error.setText("The longest answer time must be at least the shortest.")
            return
        super().accept()

    def values(self) -> dict[str, object]:
        return {
            "category": self.category.currentData(),
            "text": self.text.toPlainText().strip(),
            "min_seconds": self.min_s.value(),
            "max_seconds": self.max_s.value(),
        }


class PromptsView(QWidget):
    open_entry = Signal(int, int)  # entry id, prompt id
    write_for_prompt = Signal(int)
    error = Signal(str)

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptsView")
        self._ops = Ops(journal, runner)
        self._prompts: list[PromptDTO] = []
        left = self._build_library()
        right = self._build_prompt_pane(journal, runner)
        self._build_split(left, right)
        self._connect()
        self._select(None, None)

    def _build_library(self) -> QWidget:
        """The left pane: the heading, the summary, the prompt tree, Add prompt… and Show
        hidden."""
        self.tree = QTreeWidget()
        self.tree.setObjectName("promptTree")
        self.tree.setAccessibleName("Interview prompts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Prompt", "Stories"])
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 0px; }")
        self.tree.setWordWrap(False)
        self.tree.setFrameShape(QFrame.Shape.NoFrame)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.show_hidden = QCheckBox("Show hidden")
        self.show_hidden.setObjectName("showHiddenPrompts")
        self.add_button = QPushButton("Add prompt…")
        self.add_button.setObjectName("addPrompt")
        self.summary = HintLabel()
        self.summary.setObjectName("promptSummary")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(8, 8, 0, 8)
        heading = QLabel("Interview prompts")
        f = QFont(heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        heading.setFont(f)
        ll.addWidget(heading)
        ll.addWidget(self.summary)
        ll.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.show_hidden)
        ll.addLayout(row)
        return left

    def _build_prompt_pane(self, journal: Journal, runner: Runner) -> QWidget:
        """The right pane: the chosen prompt, its buttons and the entries that answer it."""
        self.prompt_title = QLabel("Choose a prompt")
        self.prompt_title.setObjectName("promptTitle")
        self.prompt_title.setWordWrap(True)
        tf = QFont(self.prompt_title.font())
        tf.setPointSizeF(tf.pointSizeF() * 1.3)
        tf.setBold(True)
        self.prompt_title.setFont(tf)
        self.prompt_info = HintLabel()
        self.prompt_info.setObjectName("promptInfo")
        self.prompt_info.setWordWrap(True)
        self.write_button = QPushButton("Write a story for it")
        self.write_button.setObjectName("writeForPrompt")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("editPrompt")
        self.hide_button = QPushButton("Hide")
        self.hide_button.setObjectName("hidePrompt")
        self.model = EntryListModel(journal, runner)
        self.entries = QTableView()
        self.entries.setObjectName("promptEntries")
        self.entries.setModel(self.model)
        setup_entry_table(self.entries)
        self.entries.setToolTip("Double-click or press Enter to open an entry")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(12, 8, 8, 8)
        rl.addWidget(self.prompt_title)
        rl.addWidget(self.prompt_info)
        buttons = QHBoxLayout()
        for b in (self.write_button, self.edit_button, self.hide_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        rl.addLayout(buttons)
        rl.addWidget(self.entries, 1)
        return right

    def _build_split(self, left: QWidget, right: QWidget) -> None:
        split = QSplitter()
        split.setObjectName("promptsSplit")
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

    def _connect(self) -> None:
        self.tree.currentItemChanged.connect(self._select)
        self.show_hidden.toggled.connect(lambda _: self.reload())
        self.add_button.clicked.connect(self.add_prompt)
        self.edit_button.clicked.connect(self.edit_prompt)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.write_button.clicked.connect(
            lambda: self.current() and self.write_for_prompt.emit(self.current().id)
        )
        self.entries.activated.connect(self._open)

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._ops.run(
            prompt_service.list_prompts,
            include_hidden=self.show_hidden.isChecked(),
            on_done=self.show_prompts,
            on_error=lambda exc: self.error.emit(str(exc)),
            key="prompts-view",
        )

    def show_prompts(self, items: list[PromptDTO]) -> None:
        current = self.current()
        self._prompts = items
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        by_cat: dict[str, QTreeWidgetItem] = {}
        select = None
        for c in PromptCategory:
            top = QTreeWidgetItem([c.label, ""])
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            by_cat[c.value] = top
        for p in items:
            top = by_cat.get(p.category)
            if top is None:
                continue
            stories = str(p.entry_count) if p.entry_count else "No story yet"
            item = QTreeWidgetItem([p.text, stories])
            item.setData(0, PROMPT_ROLE, p)
            item.setToolTip(0, p.text)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if p.entry_count == 0:
                item.setFont(0, bold)
            if p.hidden:
                item.setText(1, "Hidden")
            self._colour(item, p)
            top.addChild(item)
            if current is not None and p.id == current.id:
                select = item
        for c in PromptCategory:
            top = by_cat[c.value]
            if top.childCount():
                n = sum(1 for i in range(top.childCount()) if top.child(i).text(1).isdigit())
                top.setText(1, f"{n}/{top.childCount()}")
                self.tree.addTopLevelItem(top)
                top.setExpanded(True)
        self.tree.blockSignals(False)
        with_story = sum(1 for p in items if p.entry_count and not p.hidden)
        shown = sum(1 for p in items if not p.hidden)
        self.summary.setText(
            f"{with_story} of {shown} prompts have a story. Bold ones have none yet."
        )
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self._select(None, None)

    def _colour(self, item: QTreeWidgetItem, p: PromptDTO) -> None:
        """A prompt with no story: its count in the link colour; a hidden one in grey."""
        if p.entry_count == 0:
            item.setForeground(1, self.palette().link())
        if p.hidden:
            item.setForeground(0, self.palette().placeholderText())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Items keep the brushes they were given: a light/dark switch gives them the new
        palette's (the light grey is translucent black, unreadable on dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for i in range(self.tree.topLevelItemCount()):
                top = self.tree.topLevelItem(i)
                for j in range(top.childCount()):
                    item = top.child(j)
                    self._colour(item, item.data(0, PROMPT_ROLE))

    def current(self) -> PromptDTO | None:
        item = self.tree.currentItem()
        return item.data(0, PROMPT_ROLE) if item else None

    def select_prompt(self, prompt_id: int) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if child.data(0, PROMPT_ROLE).id == prompt_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def row_for(self, prompt_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, PROMPT_ROLE).id == prompt_id:
                    return top.child(j)
        return None

    def _select(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        p = item.data(0, PROMPT_ROLE) if item else None
        for b in (self.write_button, self.edit_button, self.hide_button):
            b.setEnabled(p is not None)
        if p is None:
            self.prompt_title.setText("Choose a prompt")
            self.prompt_info.setText(
                "Link entries to the questions they answer (Ctrl+L in the editor). A prompt with "
                "two or three linked stories is ready for the interview."
            )
            self.model.set_query(EntryFilter(prompt_id=-1))
            return
        self.prompt_title.setText(p.text)
        n = p.entry_count
        stories = f"{n} linked entr{'ies' if n != 1 else 'y'}" if n else "No story yet"
        self.prompt_info.setText(
            f"{PromptCategory(p.category).label} · answer in {p.min_seconds}–{p.max_seconds} s "
            f"· {stories}{' · hidden' if p.hidden else ''}"
        )
        self.hide_button.setText("Show" if p.hidden else "Hide")
        self.model.set_query(EntryFilter(prompt_id=p.id))

    def _open(self, index) -> None:  # noqa: ANN001
        p = self.current()
        if p is not None and index.isValid():
            self.open_entry.emit(index.data(ID_ROLE), p.id)

    # -- changes -------------------------------------------------------------------------
    def _run_change(
        self, message: str, fn: Callable[..., object], *args: object, **kw: object
    ) -> None:
        """A change of the library; this page and the sidebar reload on ``runner.changed``."""

        def failed(exc: BaseException) -> None:
            self.error.emit(str(exc) if isinstance(exc, JournalError) else message)

        self._ops.run(fn, *args, on_error=failed, **kw)

    def add_prompt(self) -> None:
        dlg = PromptDialog(parent=self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self._run_change("The prompt was not added.", prompt_service.add_prompt, **dlg.values())

    def edit_prompt(self) -> None:
        p = self.current()
        if p is None:
            return
        dlg = PromptDialog(p, parent=self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self._run_change(
            "The prompt was not changed.", prompt_service.update_prompt, p.id, **dlg.values()
        )

    def toggle_hidden(self) -> None:
        p = self.current()
        if p is None:
            return
        self._run_change(
            "The prompt was not changed.", prompt_service.update_prompt, p.id, hidden=not p.hidden
        )
