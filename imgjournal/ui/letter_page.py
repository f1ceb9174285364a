"""A letter's page and its dialog: the writer's details (:class:`LetterDialog`), the six
steps with their dates (``ui.steps_strip.StepsStrip``), and :class:`LetterPage` (writer, experience,
steps, programs, the writer's feedback, notes). The Letters page around them, its list and
its calls to the services, is :mod:`imgjournal.ui.letters_view`.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
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
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import LETTER_STATUSES
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO
from imgjournal.ui.dialog_parts import ErrorLabel, ok_cancel
from imgjournal.ui.models import format_date, pydate
from imgjournal.ui.steps_strip import StepsStrip

WAIVED_CHOICES = (("Not decided", None), ("Waived", True), ("Not waived", False))


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


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
            self.due.setDate(qdate(x.due_date))
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
            "due_date": pydate(self.due.date()) if self.has_due.isChecked() else None,
            "eras_letter_id": self.letter_id.text(),
            "waived": self.waived.currentData(),
            "notes": self.notes.toPlainText(),
        }
        if self._letter is None:
            out["status"] = self.status.currentData()
        return out


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

        self.steps = StepsStrip(LETTER_STATUSES, STATUS_LABELS, "letter")
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
        self.steps.show_steps(x.status, dict(x.steps))
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
