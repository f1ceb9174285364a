"""Link an entry to interview prompts: which questions could this entry help you answer?

The prompts are grouped by category under headers that say how many have a story ("3 of 17
have a story"; a click folds a group), prompts with no story yet first and marked with a dot.
Each row is the prompt's full text, wrapped, over how many stories it has. Above the
categories, "Suggested for this entry": the prompts the entry's words and tags point to
(:mod:`imgjournal.services.prompt_suggest`), each saying which words matched.

Keyboard: type to search (every word, anywhere in the prompt or its category, case and accents
ignored), ↓ into the list, ↑/↓ to move, Space ticks, Enter links, Esc cancels; typing in the
list goes back to the search.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from imgjournal.domain import PromptCategory
from imgjournal.services.dto import PromptDTO
from imgjournal.services.prompt_suggest import Suggestion, fold, suggest_for_entry
from imgjournal.ui.dialog_parts import ok_button, ok_cancel
from imgjournal.ui.prompt_rows import (
    BASE_ROLE,
    CHECK,
    CHECKED,
    COUNT_ROLE,
    DETAIL_ROLE,
    GROUP_ROLE,
    ID_ROLE,
    SEARCH_ROLE,
    SUGGESTED,
    UNCHECKED,
    PromptDelegate,
    PromptFilter,
    PromptTree,
    category_label,
    stories_text,
)

__all__ = ["ID_ROLE", "SUGGESTED", "PromptPicker"]


class PromptPicker(QDialog):
    """Tick the prompts an entry answers; ``selected_ids()`` after ``exec()`` says which.

    ``prompts`` carry their story counts (``entry_count``); ``counted`` names the prompts
    whose count already includes this entry (its stored links), so a row says "This entry is
    its story" rather than counting it twice. With ``entry`` (an EntryDTO or the editor's
    state) the picker suggests prompts from its words and tags.
    """

    def __init__(
        self,
        prompts: Sequence[PromptDTO],
        selected: Iterable[int] = (),
        parent: QWidget | None = None,
        *,
        entry: Any = None,
        counted: Iterable[int] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptPicker")
        self.setWindowTitle("Link interview prompts")
        chosen = set(selected)
        in_counts = set(counted)
        self.prompts = [p for p in prompts if not p.hidden or p.id in chosen]
        self.suggestions: list[Suggestion] = (
            suggest_for_entry(entry, self.prompts, exclude=chosen) if entry is not None else []
        )
        self._items: dict[int, list[QStandardItem]] = {}
        self._collapsed: set[str] = set()

        intro = QLabel(
            "Which interview questions could this entry help you answer? Prompts with no "
            "story yet come first in each group."
        )
        intro.setWordWrap(True)
        intro.setObjectName("promptPickerIntro")
        self.search = QLineEdit()
        self.search.setObjectName("promptSearch")
        self.search.setPlaceholderText("Search prompts")
        self.search.setAccessibleName("Search prompts")
        self.search.setClearButtonEnabled(True)
        keys = QLabel("Type to search · ↓ to the list · Space ticks · Enter links · Esc cancels")
        keys.setObjectName("promptPickerKeys")
        keys.setWordWrap(True)
        keys.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.model = QStandardItemModel(self)
        self._build(chosen, in_counts)
        self.proxy = PromptFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = PromptTree(self.search)
        self.list.setObjectName("promptList")
        self.list.setAccessibleName("Interview prompts")
        self.list.setItemDelegate(PromptDelegate(self.list))
        self.list.setModel(self.proxy)
        self.list.toggle = self._activate
        self.empty = QLabel()
        self.empty.setObjectName("promptPickerEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count = QLabel()
        self.count.setObjectName("promptPickerCount")
        buttons = ok_cancel(self, "Link", name="promptPickerLink")
        self.link_button = ok_button(buttons)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.search)
        lay.addWidget(keys)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty, 1)
        lay.addWidget(self.count)
        lay.addWidget(buttons)

        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.clicked.connect(self._activate)
        self.list.collapsed.connect(lambda i: self._collapsed.add(i.data(GROUP_ROLE)))
        self.list.expanded.connect(lambda i: self._collapsed.discard(i.data(GROUP_ROLE)))
        self.model.itemChanged.connect(self._changed)
        self._expand()
        self._refresh_counts()
        self._show_empty()
        self.setMinimumSize(440, 380)
        top = parent.window() if parent is not None else None
        height = min(640, top.height() - 40) if top is not None and top.height() > 420 else 600
        self.resize(640, max(height, 380))
        self.search.setFocus()

    # -- building ----------------------------------------------------------------------
    def _group(self, key: str, title: str) -> QStandardItem:
        head = QStandardItem(title)
        head.setData(key, GROUP_ROLE)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.model.appendRow(head)
        return head

    def _row(self, p: PromptDTO, base: int, on: bool, detail: str | None = None) -> QStandardItem:
        item = QStandardItem(p.text)
        item.setData(p.id, ID_ROLE)
        item.setData(base, BASE_ROLE)
        item.setData(detail, DETAIL_ROLE)
        item.setData(fold(f"{p.text} {category_label(p.category)}"), SEARCH_ROLE)
        item.setData(CHECKED if on else UNCHECKED, CHECK)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self._items.setdefault(p.id, []).append(item)
        return item

    def _build(self, chosen: set[int], in_counts: set[int]) -> None:
        base = {p.id: max(p.entry_count - (p.id in in_counts), 0) for p in self.prompts}
        by_id = {p.id: p for p in self.prompts}
        if self.suggestions:
            head = self._group(SUGGESTED, "Suggested for this entry")
            for s in self.suggestions:
                p = by_id[s.prompt_id]
                detail = f"{category_label(p.category)} · {s.why}"
                head.appendRow(self._row(p, base[p.id], p.id in chosen, detail))
        order = [c.value for c in PromptCategory]
        cats = sorted(
            {p.category for p in self.prompts},
            key=lambda c: (order.index(c) if c in order else len(order), c),
        )
        for cat in cats:
            head = self._group(cat, category_label(cat))
            members = [p for p in self.prompts if p.category == cat]
            # Gaps first: what has no story yet is what to link.
            members.sort(key=lambda p: (base[p.id] + (p.id in chosen) > 0, p.position, p.id))
            for p in members:
                head.appendRow(self._row(p, base[p.id], p.id in chosen))

    # -- behaviour ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
        ):
            self._enter_list()
            return True
        return super().eventFilter(watched, event)

    def _enter_list(self) -> None:
        first = self._first_prompt()
        cur = self.list.currentIndex()
        target = cur if cur.isValid() else first
        if target is not None and target.isValid():
            self.list.setCurrentIndex(target)
            self.list.scrollTo(target)
        self.list.setFocus()

    def _first_prompt(self) -> QModelIndex | None:
        for g in range(self.proxy.rowCount()):
            head = self.proxy.index(g, 0)
            if self.proxy.rowCount(head):
                return self.proxy.index(0, 0, head)
        return None

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._expand()
        first = self._first_prompt()
        if first is not None:
            self.list.setCurrentIndex(first)
            self.list.scrollTo(first)
        self._show_empty()

    def _expand(self) -> None:
        searching = bool(self.proxy.words)
        for g in range(self.proxy.rowCount()):
            head = self.proxy.index(g, 0)
            folded = not searching and head.data(GROUP_ROLE) in self._collapsed
            self.list.setExpanded(head, not folded)

    def _show_empty(self) -> None:
        if not self.prompts:
            msg = "The prompt library is empty: add prompts on the Prompts page, then link them."
        elif not self.proxy.rowCount():
            msg = f"No prompt matches “{self.search.text().strip()}”. Try fewer or other words."
        else:
            msg = ""
        self.empty.setText(msg)
        self.empty.setVisible(bool(msg))
        self.list.setVisible(not msg)

    def _activate(self, index: QModelIndex) -> None:
        """A click or Space: a prompt is ticked or unticked, a header folds or unfolds."""
        if not index.isValid():
            return
        if index.data(GROUP_ROLE) is not None:
            self.list.setExpanded(index, not self.list.isExpanded(index))
            return
        self.toggle(index.data(ID_ROLE))

    def toggle(self, prompt_id: int) -> None:
        self.check_prompt(prompt_id, prompt_id not in self.selected_ids())

    def check_prompt(self, prompt_id: int, on: bool = True) -> None:
        for item in self._items.get(prompt_id, []):
            if (item.data(CHECK) == CHECKED) != on:
                item.setData(CHECKED if on else UNCHECKED, CHECK)

    def _changed(self, item: QStandardItem) -> None:
        self._refresh_counts()
        self.list.scheduleDelayedItemsLayout()  # the row's story line may wrap differently

    def _refresh_counts(self) -> None:
        ids = set(self.selected_ids())
        for g in range(self.model.rowCount()):
            head = self.model.item(g)
            rows = [head.child(r) for r in range(head.rowCount())]
            if head.data(GROUP_ROLE) == SUGGESTED:
                text = "from this entry's words and tags"
            else:
                have = sum(
                    1 for it in rows if (it.data(BASE_ROLE) or 0) + (it.data(ID_ROLE) in ids) > 0
                )
                text = f"{have} of {len(rows)} have a story"
            if head.data(COUNT_ROLE) != text:
                head.setData(text, COUNT_ROLE)
                head.setData(f"{head.text()}, {text}", Qt.ItemDataRole.AccessibleTextRole)
            for it in rows:
                on = it.data(ID_ROLE) in ids
                n = (it.data(BASE_ROLE) or 0) + on
                said = f"{it.text()} — {'linked' if on else 'not linked'}, {stories_text(n, on)}"
                if it.data(Qt.ItemDataRole.AccessibleTextRole) != said:
                    it.setData(said, Qt.ItemDataRole.AccessibleTextRole)
        n = len(ids)
        self.count.setText(f"{n} prompt{'s' if n != 1 else ''} linked" if n else "None linked yet")

    # -- what the caller reads ---------------------------------------------------------
    def selected_ids(self) -> tuple[int, ...]:
        return tuple(
            sorted(
                pid
                for pid, items in self._items.items()
                if items and items[0].data(CHECK) == CHECKED
            )
        )

    def group_keys(self) -> list[str]:
        """The groups shown, top to bottom (``suggested`` first when there are suggestions)."""
        return [self.proxy.index(g, 0).data(GROUP_ROLE) for g in range(self.proxy.rowCount())]

    def shown_ids(self, group: str | None = None) -> list[int]:
        """The prompts shown (in ``group`` only, if given), top to bottom."""
        out = []
        for g in range(self.proxy.rowCount()):
            head = self.proxy.index(g, 0)
            if group is not None and head.data(GROUP_ROLE) != group:
                continue
            out += [
                self.proxy.index(r, 0, head).data(ID_ROLE) for r in range(self.proxy.rowCount(head))
            ]
        return out

    def group_count_text(self, group: str) -> str:
        for g in range(self.model.rowCount()):
            if self.model.item(g).data(GROUP_ROLE) == group:
                return self.model.item(g).data(COUNT_ROLE)
        return ""

    def index_of(self, prompt_id: int, group: str | None = None) -> QModelIndex:
        """The view's index of a prompt's row (its category's, or in ``group``)."""
        for g in range(self.proxy.rowCount()):
            head = self.proxy.index(g, 0)
            key = head.data(GROUP_ROLE)
            if (group is None and key == SUGGESTED) or (group is not None and key != group):
                continue
            for r in range(self.proxy.rowCount(head)):
                idx = self.proxy.index(r, 0, head)
                if idx.data(ID_ROLE) == prompt_id:
                    return idx
        return QModelIndex()
