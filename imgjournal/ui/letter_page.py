"""A letter's page and its dialog: the writer's details (:class:`LetterDialog`), the six
steps with their dates (``ui.steps_strip.StepsStrip``), and :class:`LetterPage` (writer, experience,
steps, programs, the writer's feedback, notes), a :class:`~imgjournal.ui.record_pages.RecordPage`.
The Letters page around them, its list and its calls to the services, is
:mod:`imgjournal.ui.letters_view`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from imgjournal.domain import LETTER_STATUSES
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.models import format_date
from imgjournal.ui.record_forms import Fields, RecordDialog, fill_form
from imgjournal.ui.record_pages import RecordPage, section_label, text_label

WAIVED_CHOICES = (("Not decided", None), ("Waived", True), ("Not waived", False))


class LetterDialog(RecordDialog):
    """A new letter, or the writer's details of one."""

    name_key = "writer_name"
    name_missing = "Write the writer's name, e.g. Dr. Priya Patel."

    def __init__(
        self,
        experiences: tuple[ExperienceDTO, ...],
        letter: LetterDTO | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "letterDialog", "Letter of recommendation" if letter else "New letter", parent
        )
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
        form = QFormLayout()
        form.addRow("Writer", self.writer)
        form.addRow("Title", self.title)
        form.addRow("Experience", self.experience)
        form.addRow("Specialty", self.specialty)
        form.addRow("Institution", self.institution)
        form.addRow("", self.us)
        if letter is None:
            form.addRow("Status", self.status)
            self.start_status = self.status
        form.addRow("", due_row)
        form.addRow("ERAS Letter ID", self.letter_id)
        form.addRow("Right to see it", self.waived)
        form.addRow("Notes", self.notes)
        if letter is not None:
            fill_form(self.fields(), letter)
        self.finish(form, "Save" if letter else "Add letter", "letterSave", 480)

    def fields(self) -> Fields:
        """The fields, in the order they are filled (the experience before "A US writer",
        which choosing an experience sets)."""
        return (
            ("writer_name", self.writer),
            ("writer_title", self.title),
            ("writer_specialty", self.specialty),
            ("writer_institution", self.institution),
            ("experience_id", self.experience),
            ("writer_is_us", self.us),
            ("due_date", (self.has_due, self.due)),
            ("eras_letter_id", self.letter_id),
            ("waived", self.waived),
            ("notes", self.notes),
        )

    def choose_experience(self, experience_id: int | None) -> None:
        self.experience.setCurrentIndex(max(0, self.experience.findData(experience_id)))

    def _experience_chosen(self) -> None:
        xid = self.experience.currentData()
        if xid in self._us_of:
            self.us.setChecked(self._us_of[xid])


class LetterPage(RecordPage):
    """One letter: writer, experience, steps, programs, the writer's feedback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("letterPage", "letter", spacing=10, parent=parent)
        self.facts = text_label("letterFacts")
        self.brag_button = QPushButton("Print brag sheet…", objectName="letterBrag")
        self.brag_button.setToolTip(
            "The brag sheet of this letter's experience, to send the writer"
        )
        status_rows = self.status_controls(LETTER_STATUSES, STATUS_LABELS, "letter")

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

        self.feedback = text_label("letterFeedback")
        self.notes = text_label("letterNotesText", rich=False)

        lay = self.column
        lay.addWidget(self.heading)
        lay.addWidget(self.facts)
        lay.addLayout(self.button_row(self.brag_button))
        self.add_status_section(status_rows)
        lay.addWidget(section_label("Programs in ERAS"))
        lay.addWidget(self.programs)
        lay.addWidget(self.no_programs)
        lay.addLayout(prow)
        lay.addWidget(self.programs_note)
        lay.addWidget(self.error)
        lay.addWidget(section_label("What this writer said about you"))
        lay.addWidget(self.feedback)
        lay.addWidget(section_label("Notes"))
        lay.addWidget(self.notes)
        self.finish()

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
        self.show_status(x.status, dict(x.steps), not_by_hand=("assigned",))
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
