"""A searchable, checkable list of interview prompts: which questions does an entry answer?"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import PromptCategory
from imgjournal.services.dto import PromptDTO
from imgjournal.ui.dialog_parts import ok_cancel

ID_ROLE = Qt.ItemDataRole.UserRole + 30


class PromptPicker(QDialog):
    """Type to narrow the list; Space or a click ticks a prompt; Enter accepts."""

    def __init__(
        self,
        prompts: list[PromptDTO],
        selected: tuple[int, ...] | list[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptPicker")
        self.setWindowTitle("Link interview prompts")
        self.search = QLineEdit()
        self.search.setObjectName("promptSearch")
        self.search.setPlaceholderText("Search prompts")
        self.search.setAccessibleName("Search prompts")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        chosen = set(selected)
        for p in prompts:
            if p.hidden and p.id not in chosen:
                continue
            label = (
                PromptCategory(p.category).label if p.category in PromptCategory.values() else ""
            )
            count = f" · {p.entry_count} stor{'ies' if p.entry_count != 1 else 'y'}"
            item = QStandardItem(p.text)
            item.setToolTip(f"{label}{count if p.entry_count else ' · no story yet'}")
            item.setData(p.id, ID_ROLE)
            item.setData(f"{p.text} {label}", Qt.ItemDataRole.UserRole + 31)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if p.id in chosen else Qt.CheckState.Unchecked)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole + 31)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setObjectName("promptList")
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        self.count = QLabel()
        self.count.setObjectName("promptPickerCount")
        buttons = ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Which interview questions could this entry help you answer?"))
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.count)
        lay.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._toggle_first)
        self.model.itemChanged.connect(lambda _: self._update_count())
        self._update_count()
        self.resize(560, 480)
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _toggle_first(self) -> None:
        """Enter in the search field ticks the highlighted prompt (or accepts when cleared)."""
        if not self.search.text().strip():
            self.accept()
            return
        idx = self.list.currentIndex()
        if not idx.isValid() and self.proxy.rowCount():
            idx = self.proxy.index(0, 0)
        if idx.isValid():
            self.set_checked(self.proxy.mapToSource(idx).row(), None)
            self.search.selectAll()

    def set_checked(self, row: int, on: bool | None) -> None:
        item = self.model.item(row)
        if on is None:
            on = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def check_prompt(self, prompt_id: int, on: bool = True) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(ID_ROLE) == prompt_id:
                self.set_checked(row, on)

    def _update_count(self) -> None:
        n = len(self.selected_ids())
        self.count.setText(f"{n} prompt{'s' if n != 1 else ''} linked" if n else "None linked yet")

    def selected_ids(self) -> tuple[int, ...]:
        return tuple(
            sorted(
                self.model.item(r).data(ID_ROLE)
                for r in range(self.model.rowCount())
                if self.model.item(r).checkState() == Qt.CheckState.Checked
            )
        )
