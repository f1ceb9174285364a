"""The Letters page: letters of recommendation, each with its page.

The list on the left shows each letter's writer and where it stands; the letter's page shows
its writer, the experience it comes from, the six steps (identified → asked → agreed →
written → uploaded → assigned) with the date of each one reached, the programs it is
assigned to (ERAS allows 4 letters per program: the fifth is refused with one sentence), and
the feedback entries from that writer. "Print brag sheet…" opens the print dialog on the brag
sheet of the letter's experience. Every change goes through :mod:`imgjournal.services.letters`
on the task runner.

The writer's name and the letter's notes are not patient text: the privacy guard, which reads
entries and drafts, never sees them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import LETTER_STATUSES
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO
from imgjournal.ui.dialog_parts import ErrorLabel, ok_cancel
from imgjournal.ui.models import format_date
from imgjournal.ui.taskrunner import Ops, Runner

WAIVED_CHOICES = (("Not decided", None), ("Waived", True), ("Not waived", False))


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


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class LetterDialog(QDialog):
    """A new letter, or the writer's details of one."""

    def __init__(
        self,
        experiences: tuple[ExperienceDTO, ...],
        letter: LetterDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterDialog")
        self.setWindowTitle("Letter of recommendation" if letter else "New letter")
        self._letter = letter
        self.writer = QLineEdit(objectName="letterWriter")
        self.writer.setPlaceholderText("e.g. Dr. Priya Patel")
        self.title = QLineEdit(objectName="letterTitle")
        self.title.setPlaceholderText("e.g. Clerkship director (optional)")
        self.specialty = QLineEdit(objectName="letterSpecialty")
        self.institution = QLineEdit(objectName="letterInstitution")
        for w in (self.specialty, self.institution):
            w.setPlaceholderText("From the experience when left empty")
        self.us = QCheckBox("A US writer", objectName="letterUs")
        self.us.setChecked(True)
        self.experience = QComboBox(objectName="letterExperience")
        self.experience.addItem("No experience", None)
        for x in experiences:
            self.experience.addItem(x.title, x.id)
        self._us_of = {x.id: x.is_us for x in experiences}
        self.experience.currentIndexChanged.connect(self._experience_chosen)
        self.status = QComboBox(objectName="letterNewStatus")
        for st in LETTER_STATUSES:
            self.status.addItem(STATUS_LABELS[st], st)
        self.has_due = QCheckBox("Due", objectName="letterHasDue")
        self.due = QDateEdit(objectName="letterDue", calendarPopup=True)
        self.due.setDisplayFormat("d MMM yyyy")
        self.due.setDate(QDate.currentDate().addMonths(1))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.letter_id = QLineEdit(objectName="letterErasId")
        self.letter_id.setPlaceholderText("From the ERAS Letter Request Form")
        self.waived = QComboBox(objectName="letterWaived")
        for text, value in WAIVED_CHOICES:
            self.waived.addItem(text, value)
        self.notes = QPlainTextEdit(objectName="letterNotes")
        self.notes.setPlaceholderText("What to remind them of, what you sent them…")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.error = ErrorLabel("letterDialogError")
        form = QFormLayout()
        form.addRow("Writer", self.writer)
        form.addRow("Title", self.title)
        form.addRow("Experience", self.experience)
        form.addRow("Specialty", self.specialty)
        form.addRow("Institution", self.institution)
        form.addRow("", self.us)
        if letter is None:
            form.addRow("Status", self.status)
        form.addRow("", due_row)
        form.addRow("ERAS Letter ID", self.letter_id)
        form.addRow("Right to see it", self.waived)
        form.addRow("Notes", self.notes)
        if letter is not None:
            self._fill(letter)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, "Save" if letter else "Add letter", name="letterSave"))
        self.resize(480, self.sizeHint().height())

    def _fill(self, x: LetterDTO) -> None:
        self.writer.setText(x.writer_name)
        self.title.setText(x.writer_title)
        self.specialty.setText(x.writer_specialty)
        self.institution.setText(x.writer_institution)
        self.experience.setCurrentIndex(max(0, self.experience.findData(x.experience_id)))
        self.us.setChecked(x.writer_is_us)
        if x.due_date:
            self.has_due.setChecked(True)
            self.due.setDate(_qdate(x.due_date))
        self.letter_id.setText(x.eras_letter_id)
        self.waived.setCurrentIndex([v for _t, v in WAIVED_CHOICES].index(x.waived))
        self.notes.setPlainText(x.notes)

    def choose_experience(self, experience_id: int | None) -> None:
        self.experience.setCurrentIndex(max(0, self.experience.findData(experience_id)))

    def _experience_chosen(self) -> None:
        xid = self.experience.currentData()
        if xid in self._us_of:
            self.us.setChecked(self._us_of[xid])

    def accept(self) -> None:
        if not self.writer.text().strip():
            self.error.setText("Write the writer's name, e.g. Dr. Priya Patel.")
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "writer_name": self.writer.text().strip(),
            "writer_title": self.title.text(),
            "writer_specialty": self.specialty.text(),
            "writer_institution": self.institution.text(),
            "writer_is_us": self.us.isChecked(),
            "experience_id": self.experience.currentData(),
            "due_date": _pydate(self.due.date()) if self.has_due.isChecked() else None,
            "eras_letter_id": self.letter_id.text(),
            "waived": self.waived.currentData(),
            "notes": self.notes.toPlainText(),
        }
        if self._letter is None:
            out["status"] = self.status.currentData()
        return out


class StepsStrip(QWidget):
    """The six steps in a row: those reached with their date, the current one in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterSteps")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.labels: dict[str, QLabel] = {}
        for i, st in enumerate(LETTER_STATUSES):
            if i:
                arrow = QLabel("→")
                arrow.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                lay.addWidget(arrow)
            label = QLabel(objectName=f"letterStep_{st}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.RichText)
            lay.addWidget(label)
            self.labels[st] = label
        lay.addStretch(1)

    def show_letter(self, x: LetterDTO) -> None:
        reached = dict(x.steps)
        for st, label in self.labels.items():
            name = STATUS_LABELS[st]
            when = reached.get(st)
            if st == x.status:
                text = f"<b>✓ {name}</b>"
            elif x.reached(st):
                text = f"✓ {name}"
            else:
                text = f"<span style='color:palette(placeholder-text)'>{name}</span>"
            if when:
                text += f"<br><small>{format_date(when)}</small>"
            label.setText(text)


class LetterPage(QScrollArea):
    """One letter: writer, experience, steps, programs, the writer's feedback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.setSpacing(10)
        self.heading = QLabel(objectName="letterHeading")
        f = QFont(self.heading.font())
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setWordWrap(True)
        self.facts = QLabel(objectName="letterFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Edit…", objectName="letterEdit")
        self.brag_button = QPushButton("Print brag sheet…", objectName="letterBrag")
        self.brag_button.setToolTip(
            "The brag sheet of this letter's experience, to send the writer"
        )
        self.delete_button = QPushButton("Delete…", objectName="letterDelete")
        for b in (self.edit_button, self.brag_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        self.steps = StepsStrip()
        self.status = QComboBox(objectName="letterStatus")
        for st in LETTER_STATUSES:
            self.status.addItem(STATUS_LABELS[st], st)
        self.status_date = QDateEdit(objectName="letterStatusDate", calendarPopup=True)
        self.status_date.setDisplayFormat("d MMM yyyy")
        self.status_date.setDate(QDate.currentDate())
        self.set_status = QPushButton("Set status", objectName="letterSetStatus")
        self.next_step = QPushButton(objectName="letterNextStep")
        nrow = QHBoxLayout()
        nrow.addWidget(self.next_step)
        nrow.addStretch(1)
        srow = QHBoxLayout()
        srow.addWidget(QLabel("Or set it to"))
        srow.addWidget(self.status)
        srow.addWidget(QLabel("on"))
        srow.addWidget(self.status_date)
        srow.addWidget(self.set_status)
        srow.addStretch(1)

        self.programs = QListWidget(objectName="letterPrograms")
        self.programs.setAccessibleName("Programs")
        self.programs.setMaximumHeight(110)
        self.no_programs = QLabel("Not assigned to any program yet.", objectName="letterNoPrograms")
        self.program = QLineEdit(objectName="letterProgram")
        self.program.setPlaceholderText("A program, e.g. Mercy Hospital Internal Medicine")
        self.assign = QPushButton("Assign", objectName="letterAssign")
        self.unassign = QPushButton("Unassign", objectName="letterUnassign")
        prow = QHBoxLayout()
        prow.addWidget(self.program, 1)
        prow.addWidget(self.assign)
        prow.addWidget(self.unassign)
        self.programs_note = QLabel(objectName="letterProgramsNote")
        self.programs_note.setWordWrap(True)
        self.programs_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = ErrorLabel("letterError")

        self.feedback = QLabel(objectName="letterFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.notes = QLabel(objectName="letterNotesText")
        self.notes.setWordWrap(True)

        lay.addWidget(self.heading)
        lay.addWidget(self.facts)
        lay.addLayout(buttons)
        lay.addWidget(_section("Where it stands"))
        lay.addWidget(self.steps)
        lay.addLayout(nrow)
        lay.addLayout(srow)
        lay.addWidget(_section("Programs in ERAS"))
        lay.addWidget(self.programs)
        lay.addWidget(self.no_programs)
        lay.addLayout(prow)
        lay.addWidget(self.programs_note)
        lay.addWidget(self.error)
        lay.addWidget(_section("What this writer said about you"))
        lay.addWidget(self.feedback)
        lay.addWidget(_section("Notes"))
        lay.addWidget(self.notes)
        lay.addStretch(1)
        self.setWidget(page)

    def show_letter(
        self, x: LetterDTO, experience: ExperienceDTO | None, feedback: tuple[EntryDTO, ...]
    ) -> None:
        self.heading.setText(x.writer_name)
        who = " · ".join(v for v in (x.writer_title, x.writer_specialty, x.writer_institution) if v)
        facts = [html.escape(who)] if who else []
        facts.append(("US" if x.writer_is_us else "Abroad") + " writer")
        if experience is not None:
            facts.append(f"from <b>{html.escape(experience.title)}</b>")
        if x.due_date:
            facts.append(f"due {format_date(x.due_date)}")
        if x.eras_letter_id:
            facts.append(f"ERAS Letter ID {html.escape(x.eras_letter_id)}")
        facts.append(
            {
                None: "right to see it: not decided",
                True: "right to see it waived",
                False: "right to see it not waived",
            }[x.waived]  # fmt: skip
        )
        self.facts.setText(" · ".join(facts))
        self.brag_button.setEnabled(experience is not None)
        self.steps.show_letter(x)
        self.status.setCurrentIndex(self.status.findData(x.status))
        i = LETTER_STATUSES.index(x.status)
        upcoming = LETTER_STATUSES[i + 1] if i + 1 < len(LETTER_STATUSES) else None
        self.next_step.setVisible(upcoming is not None and upcoming != "assigned")
        if upcoming:
            self.next_step.setText(f"Mark {STATUS_LABELS[upcoming].lower()} today")
            self.next_step.setProperty("status", upcoming)
        self.programs.clear()
        for program, on in x.assignments:
            item = QListWidgetItem(f"{program} — assigned {format_date(on)}")
            item.setData(Qt.ItemDataRole.UserRole, program)
            self.programs.addItem(item)
        self.programs.setVisible(bool(x.assignments))
        self.no_programs.setVisible(not x.assignments)
        self.programs_note.setText(
            "ERAS lets each program receive at most 4 letters; assign this letter to each "
            "program that should get it."
            + (
                ""
                if x.reached("uploaded")
                else " Once it is uploaded, assigning it marks it assigned."
            )
        )
        if feedback:
            self.feedback.setText(
                "<br>".join(
                    f"• <a href='entry:{e.id}'>{html.escape(e.title)}</a> "
                    f"<span style='color:palette(placeholder-text)'>— "
                    f"{format_date(e.entry_date)}</span>"
                    + (
                        f"<br>&nbsp;&nbsp;“{html.escape(e.feedback.words)}”"
                        if e.feedback and e.feedback.words
                        else ""
                    )
                    for e in feedback
                )
            )
        else:
            self.feedback.setText(
                "No feedback entries from this writer yet. Note what they say as feedback "
                "entries (with their name as the giver) on this experience: they show here and "
                "on the brag sheet."
            )
        self.notes.setText(x.notes or "No notes.")
        self.error.clear()


def _section(text: str) -> QLabel:
    label = QLabel(text)
    f = QFont(label.font())
    f.setBold(True)
    label.setFont(f)
    return label


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
            lambda: self.set_status(p.status.currentData(), _pydate(p.status_date.date()))
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
