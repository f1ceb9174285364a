"""What the Letters, Programs and Contacts pages share: a list of records on the left, the
chosen record's page on the right.

- :class:`RecordListPage` is the page itself: the list pane and the page in a splitter, the
  sentence shown instead of the page while nothing is chosen, the choice kept across reloads,
  and the plumbing of every change (a service call on the task runner, then a reload; its error
  on the page's error line and in :attr:`RecordListPage.error`). A subclass builds its list and
  its page, says where its records are (:meth:`~RecordListPage.records`) and shows one
  (:meth:`~RecordListPage.show_record`).
- :class:`RecordPage` is the chosen record's page: a scroll area with the heading, the Edit… and
  Delete… buttons and, for a record that moves through steps, the steps strip with "Mark …
  today" and "Or set it to … on … Set status" (:meth:`~RecordPage.status_controls`).
- :func:`section_label`, :func:`list_heading`, :func:`empty_label`: the labels they are made of.

The dialogs' fields are read and filled by :mod:`imgjournal.ui.record_forms`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.ui.models import pydate
from imgjournal.ui.steps_strip import StepsStrip
from imgjournal.ui.taskrunner import Ops, Runner


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    f = QFont(label.font())
    f.setBold(True)
    if scale != 1.0:
        f.setPointSizeF(f.pointSizeF() * scale)
    label.setFont(f)
    return label


def section_label(text: str) -> QLabel:
    """A bold line over a part of a record's page ("Where it stands", "Notes")."""
    return _bold(QLabel(text))


def list_heading(text: str, *, wraps: bool = False) -> QLabel:
    """The heading over the list of records (bold, 1.2 times the text size)."""
    label = _bold(QLabel(text), 1.2)
    if wraps:
        label.setWordWrap(True)
    return label


def empty_label(name: str, text: str) -> QLabel:
    """What the right side says while no record is chosen (and the list is empty)."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setText(text)
    return label


def text_label(name: str, *, rich: bool = True) -> QLabel:
    """A wrapped label for a record's facts (rich text unless ``rich`` is false)."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    return label


class RecordPage(QScrollArea):
    """A record's page: a frameless scroll area whose column starts with the heading.

    The subclass adds its widgets to :attr:`column` (the heading first), puts
    :attr:`edit_button` and :attr:`delete_button` in a row with :meth:`button_row`, and calls
    :meth:`finish` last.
    """

    def __init__(
        self,
        name: str,
        prefix: str,
        *,
        spacing: int | None = None,
        heading_wraps: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(18, 14, 18, 14)
        if spacing is not None:
            self.column.setSpacing(spacing)
        self.heading = _bold(QLabel(objectName=f"{prefix}Heading"), 1.4)
        if heading_wraps:
            self.heading.setWordWrap(True)
        self.edit_button = QPushButton("Edit…", objectName=f"{prefix}Edit")
        self.delete_button = QPushButton("Delete…", objectName=f"{prefix}Delete")

    def button_row(self, *middle: QWidget) -> QHBoxLayout:
        """Edit…, then ``middle``, and Delete… at the far end."""
        row = QHBoxLayout()
        for b in (self.edit_button, *middle):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        return row

    def status_controls(
        self, statuses: Sequence[str], labels: dict[str, str], prefix: str
    ) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The steps strip (:attr:`steps`), "Mark … today" (:attr:`next_step`) and "Or set it
        to [:attr:`status`] on [:attr:`status_date`] [:attr:`set_status`]"; returns the rows of
        the button and of the chosen status, to go under the strip."""
        self._statuses, self._status_labels = tuple(statuses), labels
        self.steps = StepsStrip(statuses, labels, prefix)
        self.next_step = QPushButton(objectName=f"{prefix}NextStep")
        self.status = QComboBox(objectName=f"{prefix}Status")
        for st in statuses:
            self.status.addItem(labels[st], st)
        self.status_date = QDateEdit(objectName=f"{prefix}StatusDate", calendarPopup=True)
        self.status_date.setDisplayFormat("d MMM yyyy")
        self.status_date.setDate(QDate.currentDate())
        self.set_status = QPushButton("Set status", objectName=f"{prefix}SetStatus")
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_step)
        next_row.addStretch(1)
        set_row = QHBoxLayout()
        set_row.addWidget(QLabel("Or set it to"))
        set_row.addWidget(self.status)
        set_row.addWidget(QLabel("on"))
        set_row.addWidget(self.status_date)
        set_row.addWidget(self.set_status)
        set_row.addStretch(1)
        return next_row, set_row

    def add_status_section(self, rows: tuple[QHBoxLayout, QHBoxLayout]) -> None:
        """The line "Where it stands", the steps strip and the rows of :meth:`status_controls`."""
        self.column.addWidget(section_label("Where it stands"))
        self.column.addWidget(self.steps)
        for row in rows:
            self.column.addLayout(row)

    def show_status(
        self, status: str, steps: dict[str, date], *, not_by_hand: tuple[str, ...] = ()
    ) -> None:
        """The record's steps, its status in the chooser, and "Mark <next step> today" unless
        it is the last step or one that comes by itself (``not_by_hand``)."""
        self.steps.show_steps(status, steps)
        self.status.setCurrentIndex(self.status.findData(status))
        i = self._statuses.index(status)
        upcoming = self._statuses[i + 1] if i + 1 < len(self._statuses) else None
        self.next_step.setVisible(upcoming is not None and upcoming not in not_by_hand)
        if upcoming:
            self.next_step.setText(f"Mark {self._status_labels[upcoming].lower()} today")
            self.next_step.setProperty("status", upcoming)

    def finish(self) -> None:
        """The stretch under the last widget, and the column into the scroll area."""
        self.column.addStretch(1)
        self.setWidget(self.body)


class RecordListPage(QWidget):
    """The list of records and the chosen one's page (built on the first visit to it).

    A subclass sets :attr:`records_view` (a list or a tree, each row's record id in
    :attr:`id_role`, on column 0 of a tree), :attr:`page` and :attr:`empty`, calls
    :meth:`split` with its list pane, and implements :meth:`records`, :meth:`show_record`,
    :meth:`reload` and ``make_dialog``.
    """

    error = Signal(str)

    delete_title = "Delete"  # the title of the question before a delete
    id_role = Qt.ItemDataRole.UserRole

    records_view: QListWidget | QTreeWidget
    page: QWidget
    empty: QLabel

    def __init__(
        self, journal: Journal, runner: Runner, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._ops = Ops(journal, runner)
        self.data: Any = None
        self._current: int | None = None
        self.ask = self._ask  # replaced in tests

    # -- layout --------------------------------------------------------------------------
    def list_pane(
        self,
        heading: QLabel,
        summary_name: str,
        records: QWidget,
        new_button: QPushButton,
        *above: QWidget | QLayout,
    ) -> QWidget:
        """The left pane: ``heading``, the summary line (:attr:`summary`), ``above`` (filters),
        the list of ``records`` taking the room, and ``new_button`` under it."""
        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(12, 12, 6, 12)
        self.summary = QLabel(objectName=summary_name)
        self.summary.setWordWrap(True)
        llay.addWidget(heading)
        llay.addWidget(self.summary)
        for x in above:
            if isinstance(x, QLayout):
                llay.addLayout(x)
            else:
                llay.addWidget(x)
        llay.addWidget(records, 1)
        llay.addWidget(new_button)
        return left

    def split(
        self, left: QWidget, *, name: str = "", stretch: tuple[int, int], left_width: int
    ) -> QSplitter:
        """``left`` and, on the right, :attr:`page` or :attr:`empty`, in a splitter that fills
        the page (``stretch``: how the room is shared; ``left_width``: the list's least)."""
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.page)
        rlay.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        if name:
            split.setObjectName(name)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, stretch[0])
        split.setStretchFactor(1, stretch[1])
        split.setChildrenCollapsible(False)
        left.setMinimumWidth(left_width)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.records_view.currentItemChanged.connect(self._chosen)
        return split

    def connect_status(self, page: RecordPage) -> None:
        """The page's "Set status" and "Mark … today" buttons to the subclass's ``set_status``
        (the status, and the day it was reached: default today)."""
        page.set_status.clicked.connect(
            lambda: self.set_status(page.status.currentData(), pydate(page.status_date.date()))  # type: ignore[attr-defined]
        )
        page.next_step.clicked.connect(
            lambda: self.set_status(page.next_step.property("status"))  # type: ignore[attr-defined]
        )

    # -- the records ---------------------------------------------------------------------
    def records(self) -> Sequence[Any]:
        """The records of :attr:`data`, in the list's order."""
        raise NotImplementedError

    def show_record(self, record: Any) -> None:
        """Show ``record`` on :attr:`page`."""
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def error_line(self) -> QLabel:
        """Where a failed change says why."""
        return self.page.error  # type: ignore[attr-defined]

    def _items(self) -> list[QListWidgetItem] | list[QTreeWidgetItem]:
        w = self.records_view
        if isinstance(w, QListWidget):
            return [w.item(i) for i in range(w.count())]
        return [w.topLevelItem(i) for i in range(w.topLevelItemCount())]

    def id_of(self, item: QListWidgetItem | QTreeWidgetItem) -> Any:
        """The record id a row holds."""
        if isinstance(item, QListWidgetItem):
            return item.data(self.id_role)
        return item.data(0, self.id_role)

    @staticmethod
    def kept(keep: int | None, ids: list[int]) -> int | None:
        """The record to choose after a reload: the one chosen before, else the first."""
        return keep if keep in ids else (ids[0] if ids else None)

    def select(self, record_id: int | None) -> None:
        self._current = record_id
        w = self.records_view
        for i, item in enumerate(self._items()):
            if self.id_of(item) == record_id:
                w.blockSignals(True)
                if isinstance(w, QListWidget):
                    w.setCurrentRow(i)
                else:
                    w.setCurrentItem(item)
                w.blockSignals(False)
        self._show_current()

    def current(self) -> Any:
        if self.data is None:
            return None
        return next((x for x in self.records() if x.id == self._current), None)

    def _chosen(self, item: Any, _previous: object = None) -> None:
        self._current = self.id_of(item) if item else None
        self._show_current()

    def _show_current(self) -> None:
        x = self.current()
        self.page.setVisible(x is not None)
        self.empty.setVisible(x is None)
        if x is None or self.data is None:
            return
        self.show_record(x)

    # -- changes -------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        from imgjournal.errors import JournalError

        text = str(exc) if isinstance(exc, JournalError) else f"Something went wrong: {exc}"
        self.error_line().setText(text)
        self.error.emit(text)

    def _done(self, x: Any) -> None:
        self._current = x.id
        self.reload()

    def run_dialog(self, dialog: QDialog) -> bool:  # replaced in tests
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """``fn(journal, *args, **kwargs)`` on the runner; then the record it returns is chosen."""
        self._ops.run(fn, *args, on_done=self._done, on_error=self._failed, **kwargs)

    def create_from(self, dialog: QDialog, create: Callable[..., Any], *positional: str) -> None:
        """Run ``dialog``; once accepted, ``create`` a record of its values (those named in
        ``positional`` passed first, in that order)."""
        if not self.run_dialog(dialog):
            return
        v = dialog.values()  # type: ignore[attr-defined]
        args = [v.pop(k) for k in positional]
        self._run(create, *args, **v)

    def edit_current(self, update: Callable[..., Any]) -> None:
        """The chosen record's dialog; once accepted, ``update`` it with its values."""
        x = self.current()
        if x is None:
            return
        dialog = self.make_dialog(x)  # type: ignore[attr-defined]
        if not self.run_dialog(dialog):
            return
        self._run(update, x.id, **dialog.values())

    def update_current(self, update: Callable[..., Any], *args: Any, **changes: Any) -> None:
        """``update(journal, id, *args, **changes)`` of the chosen record, if there is one."""
        x = self.current()
        if x is None:
            return
        self._run(update, x.id, *args, **changes)

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.delete_title, text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_current(self, question: Callable[[Any], str], delete: Callable[..., Any]) -> None:
        """Ask ``question(record)``; on yes, ``delete`` the chosen record, and choose the first."""
        x = self.current()
        if x is None or not self.ask(question(x)):
            return

        def done(_r: object) -> None:
            self._current = None
            self.reload()

        self._ops.run(delete, x.id, on_done=done, on_error=self._failed)
