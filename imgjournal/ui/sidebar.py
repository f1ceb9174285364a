"""The sidebar: the journal's views with counts (Today, entries by kind, interview prep,
experiences, prompts, tags, trash). Choosing one emits a :class:`Destination`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from imgjournal.domain import EntryKind
from imgjournal.services.browse import JournalCounts
from imgjournal.services.dto import EntryFilter, ExperienceDTO, TagDTO

DEST_ROLE = Qt.ItemDataRole.UserRole + 10
COUNT_ROLE = Qt.ItemDataRole.UserRole + 11
DOT_ROLE = Qt.ItemDataRole.UserRole + 12  # a colour ("#rrggbb"): a dot drawn before the count
TODAY, ENTRIES, PROMPTS, PREP, TRASH = "today", "entries", "prompts", "prep", "trash"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Destination:
    """Where the window goes: a page (``view``) and, for entry lists, the filter."""

    view: str
    key: str
    title: str
    flt: EntryFilter = EntryFilter()


TODAY_DEST = Destination(TODAY, "today", "Today")
ALL_DEST = Destination(ENTRIES, "all", "All entries")
KIND_DESTS = {
    EntryKind.CASE: Destination(ENTRIES, "kind:case", "Cases", EntryFilter(kind="case")),
    EntryKind.FEEDBACK: Destination(
        ENTRIES, "kind:feedback", "Feedback", EntryFilter(kind="feedback")
    ),
    EntryKind.REFLECTION: Destination(
        ENTRIES, "kind:reflection", "Reflections", EntryFilter(kind="reflection")
    ),
}
PROMPTS_DEST = Destination(PROMPTS, "prompts", "Prompts")
# The interview prep pages (ui/prep): the key after "prep:" names the page.
PREP_DESTS = {
    name: Destination(PREP, f"prep:{name}", title)
    for name, title in (
        ("coverage", "Coverage"),
        ("workspace", "Answer workspace"),
        ("practice", "Practice"),
    )
}
PREP_KEY = "prep"
PREP_TIPS = {
    "coverage": "How ready you are, by category, and the next three things to do",
    "workspace": "Draft STAR-L answers for each prompt, beside the stories linked to it",
    "practice": "Timed practice of what is due, one category or a mock interview",
}
TRASH_DEST = Destination(TRASH, "trash", "Trash", EntryFilter(trashed=True))
EXPERIENCES_KEY = "experiences"
TAGS_KEY = "tags"


def experience_dest(x: ExperienceDTO) -> Destination:
    return Destination(ENTRIES, f"experience:{x.id}", x.title, EntryFilter(experience_id=x.id))


def tag_dest(name: str) -> Destination:
    return Destination(ENTRIES, f"tag:{name}", f"#{name}", EntryFilter(tag=name))


class CountDelegate(QStyledItemDelegate):
    """Draws the item's count right-aligned in a muted colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 36, max(size.height(), option.fontMetrics.height() + 10))

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: ANN001
        count = index.data(COUNT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if count is None:
            super().paint(painter, opt, index)
            return
        text = str(count)
        fm = opt.fontMetrics
        dot = index.data(DOT_ROLE)
        size = max(6, fm.height() // 2)
        w = fm.horizontalAdvance(text) + 14 + (size + 4 if dot else 0)
        # Room for the count: elide the label, but let the selection span the whole row.
        opt.text = fm.elidedText(opt.text, Qt.TextElideMode.ElideRight, opt.rect.width() - w - 8)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = QRect(option.rect.right() - w, option.rect.top(), w - 6, option.rect.height())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        if dot:
            painter.setRenderHint(painter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(dot))
            x = r.right() - fm.horizontalAdvance(text) - 4 - size
            painter.drawEllipse(x, r.center().y() - size // 2 + 1, size, size)
        painter.restore()


class Sidebar(QTreeView):
    destination_changed = Signal(object)  # Destination

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName("Views")
        self.setHeaderHidden(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setIndentation(14)
        self.setItemDelegate(CountDelegate(self))
        self.setMinimumWidth(170)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._items: dict[str, QStandardItem] = {}
        for dest in (TODAY_DEST, ALL_DEST, *KIND_DESTS.values()):
            self._add(dest)
        self._prep = self._header(PREP_KEY, "Interview prep")
        for name, dest in PREP_DESTS.items():
            self._add(dest, self._prep).setToolTip(PREP_TIPS[name])
        self.expand(self._prep.index())
        self._experiences = self._header(EXPERIENCES_KEY, "Experiences")
        self._add(PROMPTS_DEST)
        self._tags = self._header(TAGS_KEY, "Tags")
        self._add(TRASH_DEST)
        self.expand(self._experiences.index())
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._silent = False

    def _add(self, dest: Destination, parent: QStandardItem | None = None) -> QStandardItem:
        item = QStandardItem(dest.title)
        item.setData(dest, DEST_ROLE)
        item.setToolTip(dest.title)
        (parent or self._model.invisibleRootItem()).appendRow(item)
        self._items[dest.key] = item
        return item

    def _header(self, key: str, title: str) -> QStandardItem:
        item = QStandardItem(title)
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        item.setSelectable(False)
        self._model.invisibleRootItem().appendRow(item)
        self._items[key] = item
        return item

    # -- selection -----------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dest = current.data(DEST_ROLE) if current.isValid() else None
        if dest is not None and not self._silent:
            self.destination_changed.emit(dest)

    def current_destination(self) -> Destination | None:
        idx = self.currentIndex()
        return idx.data(DEST_ROLE) if idx.isValid() else None

    def select(self, key: str, *, emit: bool = True) -> bool:
        item = self._items.get(key)
        if item is None or item.data(DEST_ROLE) is None:
            return False
        self._silent = not emit
        try:
            if self.currentIndex() == item.index() and emit:
                self.destination_changed.emit(item.data(DEST_ROLE))
            self.setCurrentIndex(item.index())
        finally:
            self._silent = False
        return True

    def add_destination(
        self, dest: Destination, *, before: str | None = None, after: str | None = None
    ) -> QStandardItem:
        """A top-level item for ``dest``, placed before or after the item of another key."""
        item = QStandardItem(dest.title)
        item.setData(dest, DEST_ROLE)
        item.setToolTip(dest.title)
        root = self._model.invisibleRootItem()
        anchor = self._items.get(before or after or "")
        row = root.rowCount() if anchor is None else anchor.row() + (0 if before else 1)
        root.insertRow(row, item)
        self._items[dest.key] = item
        return item

    def item(self, key: str) -> QStandardItem | None:
        return self._items.get(key)

    # -- data ----------------------------------------------------------------------------
    def set_counts(self, counts: JournalCounts) -> None:
        self._items[TODAY_DEST.key].setData(counts.today or None, COUNT_ROLE)
        self._items[ALL_DEST.key].setData(counts.all, COUNT_ROLE)
        for kind, dest in KIND_DESTS.items():
            self._items[dest.key].setData(counts.by_kind.get(kind.value, 0), COUNT_ROLE)
        self._items[TRASH_DEST.key].setData(counts.trash or None, COUNT_ROLE)

    def set_prompt_summary(self, with_story: int, total: int) -> None:
        item = self._items[PROMPTS_DEST.key]
        item.setData(f"{with_story}/{total}", COUNT_ROLE)
        item.setToolTip(f"{with_story} of {total} interview prompts have a linked entry")

    def set_prep_due(self, due: int) -> None:
        """How many answers a practice round would take now (shown beside Practice)."""
        item = self._items[PREP_DESTS["practice"].key]
        item.setData(due or None, COUNT_ROLE)
        item.setToolTip(
            f"{due} answer{'s' if due != 1 else ''} due: start a practice round"
            if due
            else PREP_TIPS["practice"]
        )

    def _replace_children(
        self, header: QStandardItem, dests: list[tuple[Destination, int]]
    ) -> None:
        current = self.current_destination()
        self._silent = True
        try:
            for row in range(header.rowCount()):
                dest = header.child(row).data(DEST_ROLE)
                self._items.pop(dest.key, None)
            header.removeRows(0, header.rowCount())
            for dest, count in dests:
                item = self._add(dest, header)
                item.setData(count, COUNT_ROLE)
            if current is not None and current.key in self._items:
                self.setCurrentIndex(self._items[current.key].index())
        finally:
            self._silent = False
        self.expand(header.index())

    def set_experiences(self, items: list[ExperienceDTO]) -> None:
        self._replace_children(
            self._experiences, [(experience_dest(x), x.entry_count) for x in items]
        )
        if not items:
            self._experiences.setToolTip("Add your rotations with Experience ▸ New Experience…")

    def set_tags(self, items: list[TagDTO]) -> None:
        first = self._tags.rowCount() == 0
        self._replace_children(self._tags, [(tag_dest(t.name), t.entry_count) for t in items])
        if first and len(items) > 8:  # a long tag list starts folded; the user may open it
            self.collapse(self._tags.index())
