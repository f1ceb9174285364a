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
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO
from imgjournal.ui.letter_page import LetterDialog, LetterPage
from imgjournal.ui.models import format_date
from imgjournal.ui.record_pages import RecordListPage, empty_label, list_heading
from imgjournal.ui.taskrunner import Runner


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


class LettersView(RecordListPage):
    """The Letters page (built on the first visit to it)."""

    open_entry = Signal(int)
    print_bragsheet = Signal(int, int)  # letter id, its experience id

    delete_title = "Delete letter"

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(journal, runner, "lettersView", parent)
        self.data: LettersData | None = None

        self.list = self.records_view = QListWidget(objectName="lettersList")
        self.list.setAccessibleName("Letters")
        self.new_button = QPushButton("New letter…", objectName="lettersNew")
        left = self.list_pane(
            list_heading("Letters of recommendation", wraps=True),
            "lettersSummary",
            self.list,
            self.new_button,
        )
        self.page = LetterPage()
        self.empty = empty_label(
            "lettersEmpty",
            "No letters yet. Programs look for 2–3 strong US letters, ideally from the "
            "specialty you apply to. Add each writer as soon as you think of asking them: "
            "imgjournal keeps the date of every step and reminds you on Today.",
        )
        self.split(left, name="lettersSplit", stretch=(1, 2), left_width=240)

        self.new_button.clicked.connect(lambda: self.new_letter())
        p = self.page
        p.edit_button.clicked.connect(self.edit_letter)
        p.delete_button.clicked.connect(self.delete_letter)
        p.brag_button.clicked.connect(self._brag)
        self.connect_status(p)
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
        self.select(self.kept(keep, [x.id for x in data.letters]))

    def records(self) -> tuple[LetterDTO, ...]:
        return self.data.letters if self.data else ()

    def show_record(self, x: LetterDTO) -> None:
        assert self.data is not None
        exps = {e.id: e for e in self.data.experiences}
        self.page.show_letter(x, exps.get(x.experience_id or 0), self.data.feedback.get(x.id, ()))

    # -- actions -------------------------------------------------------------------------
    def make_dialog(self, letter: LetterDTO | None = None) -> LetterDialog:
        return LetterDialog(self.data.experiences if self.data else (), letter, self)

    def new_letter(self, experience_id: int | None = None) -> None:
        from imgjournal.services import letters

        dialog = self.make_dialog()
        if experience_id is not None:
            dialog.choose_experience(experience_id)
        self.create_from(dialog, letters.create_letter, "writer_name")

    def edit_letter(self) -> None:
        from imgjournal.services import letters

        self.edit_current(letters.update_letter)

    def set_status(self, status: str, on: date | None = None) -> None:
        if not status:
            return
        from imgjournal.services.letters import set_letter_status

        self.update_current(set_letter_status, status, on)

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
        self._run(unassign_letter, x.id, program)

    def delete_letter(self) -> None:
        from imgjournal.services.letters import delete_letter

        self.delete_current(
            lambda x: f"Delete the letter from {x.writer_name}, with its dates and programs?",
            delete_letter,
        )

    def _brag(self) -> None:
        x = self.current()
        if x is not None and x.experience_id is not None:
            self.print_bragsheet.emit(x.id, x.experience_id)

    def _link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "entry" and value.isdigit():
            self.open_entry.emit(int(value))
