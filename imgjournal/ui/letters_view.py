"""The Letters page: letters of recommendation, each with its page.

The list on the left shows each letter's writer and where it stands; the letter's page shows
its writer, the experience it comes from, the six steps (identified → asked → agreed →
written → uploaded → assigned) with the date of each one reached, the programs it is
assigned to (ERAS allows 4 letters per program: the fifth is refused with one sentence), and
the feedback entries from that writer. "Print brag sheet…" opens the print dialog on the brag
sheet prepared for the letter's writer. Every change goes through
:mod:`imgjournal.services.letters` on the task runner. The letter's page and dialog are in
:mod:`imgjournal.ui.letter_page`.

The writer's name and the letter's notes are not patient text: the privacy guard, which reads
entries and drafts, never sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO
from imgjournal.ui.letter_page import LetterDialog, LetterPage
from imgjournal.ui.models import format_date, pydate
from imgjournal.ui.taskrunner import Ops, Runner


@dataclass(frozen=True)
class LettersData:
    letters: tuple[LetterDTO, ...]
    experiences: tuple[ExperienceDTO, ...]
    feedback: dict[int, tuple[EntryDTO, ...]]  # letter id -> the writer's feedback entries


def load_letters(journal: Journal) -> LettersData:
    """Everything the page shows (runs on the task runner)."""
    from imgjournal.services.entries import get_entry
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.letters import list_letters, writer_feedback

    letters = tuple(list_letters(journal))
    feedback = {}
    for x in letters:
        ids = writer_feedback(journal, x)
        feedback[x.id] = tuple(get_entry(journal, i) for i in ids[:20])
    return LettersData(letters, tuple(list_experiences(journal)), feedback)


class LettersView(QWidget):
    """The Letters page (built on the first visit to it)."""

    open_entry = Signal(int)
    print_bragsheet = Signal(int, int)  # letter id, its experience id
    error = Signal(str)

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lettersView")
        self._ops = Ops(journal, runner)
        self.data: LettersData | None = None
        self._current: int | None = None
        self.ask = self._ask  # replaced in tests

        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(12, 12, 6, 12)
        heading = QLabel("Letters of recommendation")
        f = QFont(heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        heading.setFont(f)
        heading.setWordWrap(True)
        self.summary = QLabel(objectName="lettersSummary")
        self.summary.setWordWrap(True)
        self.list = QListWidget(objectName="lettersList")
        self.list.setAccessibleName("Letters")
        self.new_button = QPushButton("New letter…", objectName="lettersNew")
        llay.addWidget(heading)
        llay.addWidget(self.summary)
        llay.addWidget(self.list, 1)
        llay.addWidget(self.new_button)

        self.page = LetterPage()
        self.empty = QLabel(objectName="lettersEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setText(
            "No letters yet. Programs look for 2–3 strong US letters, ideally from the "
            "specialty you apply to. Add each writer as soon as you think of asking them: "
            "imgjournal keeps the date of every step and reminds you on Today."
        )
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.page)
        rlay.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("lettersSplit")
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        left.setMinimumWidth(240)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

        self.list.currentItemChanged.connect(self._chosen)
        self.new_button.clicked.connect(lambda: self.new_letter())
        p = self.page
        p.edit_button.clicked.connect(self.edit_letter)
        p.delete_button.clicked.connect(self.delete_letter)
        p.brag_button.clicked.connect(self._brag)
        p.set_status.clicked.connect(
            lambda: self.set_status(p.status.currentData(), pydate(p.status_date.date()))
        )
        p.next_step.clicked.connect(lambda: self.set_status(p.next_step.property("status")))
        p.assign.clicked.connect(lambda: self.assign(p.program.text()))
        p.program.returnPressed.connect(lambda: self.assign(p.program.text()))
        p.unassign.clicked.connect(self.unassign_selected)
        p.feedback.linkActivated.connect(self._link)
        self._show_current()

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._ops.run(
            load_letters, on_done=self.show_data, on_error=self._failed, key="letters-page"
        )

    def show_data(self, data: LettersData) -> None:
        self.data = data
        us = [x for x in data.letters if x.writer_is_us and x.reached("agreed")]
        self.summary.setText(
            f"US letters agreed or further: {len(us)} of the 3 programs look for."
            if data.letters
            else "Programs look for 2–3 strong US letters."
        )
        keep = self._current
        self.list.blockSignals(True)
        self.list.clear()
        for x in data.letters:
            when = x.step_date(x.status)
            item = QListWidgetItem(
                f"{x.writer_name}\n{STATUS_LABELS[x.status]}"
                + (f" · {format_date(when)}" if when else "")
                + ("" if x.writer_is_us else " · abroad")
            )
            item.setData(Qt.ItemDataRole.UserRole, x.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [x.id for x in data.letters]
        if keep not in ids:
            keep = ids[0] if ids else None
        self.select(keep)

    def select(self, letter_id: int | None) -> None:
        self._current = letter_id
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == letter_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
        self._show_current()

    def current(self) -> LetterDTO | None:
        if self.data is None:
            return None
        return next((x for x in self.data.letters if x.id == self._current), None)

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self._current = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._show_current()

    def _show_current(self) -> None:
        x = self.current()
        self.page.setVisible(x is not None)
        self.empty.setVisible(x is None)
        if x is None or self.data is None:
            return
        exps = {e.id: e for e in self.data.experiences}
        self.page.show_letter(x, exps.get(x.experience_id or 0), self.data.feedback.get(x.id, ()))

    # -- actions -------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        from imgjournal.errors import JournalError

        text = str(exc) if isinstance(exc, JournalError) else f"Something went wrong: {exc}"
        self.page.error.setText(text)
        self.error.emit(text)

    def _done(self, x: LetterDTO) -> None:
        self._current = x.id
        self.reload()

    def make_dialog(self, letter: LetterDTO | None = None) -> LetterDialog:
        return LetterDialog(self.data.experiences if self.data else (), letter, self)

    def run_dialog(self, dialog: LetterDialog) -> bool:  # replaced in tests
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_letter(self, experience_id: int | None = None) -> None:
        from imgjournal.services import letters

        dialog = self.make_dialog()
        if experience_id is not None:
            dialog.choose_experience(experience_id)
        if not self.run_dialog(dialog):
            return
        v = dialog.values()
        name = v.pop("writer_name")
        self._ops.run(letters.create_letter, name, on_done=self._done, on_error=self._failed, **v)

    def edit_letter(self) -> None:
        x = self.current()
        if x is None:
            return
        from imgjournal.services import letters

        dialog = self.make_dialog(x)
        if not self.run_dialog(dialog):
            return
        self._ops.run(
            letters.update_letter, x.id, on_done=self._done, on_error=self._failed,
            **dialog.values(),
        )  # fmt: skip

    def set_status(self, status: str, on: date | None = None) -> None:
        x = self.current()
        if x is None or not status:
            return
        from imgjournal.services.letters import set_letter_status

        self._ops.run(
            set_letter_status, x.id, status, on, on_done=self._done, on_error=self._failed
        )

    def assign(self, program: str) -> None:
        x = self.current()
        if x is None:
            return
        if not program.strip():
            self.page.error.setText("Write the program's name, then Assign.")
            return
        from imgjournal.services.letters import assign_letter

        def done(dto: LetterDTO) -> None:
            self.page.program.clear()
            self._done(dto)

        self._ops.run(assign_letter, x.id, program, on_done=done, on_error=self._failed)

    def unassign_selected(self) -> None:
        x = self.current()
        item = self.page.programs.currentItem()
        if x is None or item is None:
            self.page.error.setText("Choose a program in the list first.")
            return
        from imgjournal.services.letters import unassign_letter

        program = item.data(Qt.ItemDataRole.UserRole)
        self._ops.run(unassign_letter, x.id, program, on_done=self._done, on_error=self._failed)

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Delete letter", text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_letter(self) -> None:
        x = self.current()
        if x is None or not self.ask(
            f"Delete the letter from {x.writer_name}, with its dates and programs?"
        ):
            return
        from imgjournal.services.letters import delete_letter

        def done(_r: object) -> None:
            self._current = None
            self.reload()

        self._ops.run(delete_letter, x.id, on_done=done, on_error=self._failed)

    def _brag(self) -> None:
        x = self.current()
        if x is not None and x.experience_id is not None:
            self.print_bragsheet.emit(x.id, x.experience_id)

    def _link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "entry" and value.isdigit():
            self.open_entry.emit(int(value))
