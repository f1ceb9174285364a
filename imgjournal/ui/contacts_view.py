"""The Contacts page: people met on rotations and at events, next follow-up first.

The list shows each contact's name, role, institution and next follow-up (overdue ones in
red); the contact's page their details, when to write next, and the programs, experiences and
letters they belong with. Follow-ups due within a week are Today's reminders
(:func:`imgjournal.services.contacts.reminders`). Every change goes through
:mod:`imgjournal.services.contacts` on the task runner.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
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
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.services.dto import ExperienceDTO
from imgjournal.services.programs_dto import ContactDTO, ProgramDTO
from imgjournal.services.readiness_dto import LetterDTO
from imgjournal.ui.dialog_parts import ErrorLabel, ok_cancel
from imgjournal.ui.models import format_date, pydate
from imgjournal.ui.taskrunner import Ops, Runner

OVERDUE = QColor("#c62828")


@dataclass(frozen=True)
class ContactsData:
    contacts: tuple[ContactDTO, ...]
    programs: tuple[ProgramDTO, ...]
    experiences: tuple[ExperienceDTO, ...]
    letters: tuple[LetterDTO, ...]


def load_contacts(journal: Journal) -> ContactsData:
    from imgjournal.services.contacts import list_contacts
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.letters import list_letters
    from imgjournal.services.programs import list_programs

    return ContactsData(
        tuple(list_contacts(journal)),
        tuple(list_programs(journal)),
        tuple(list_experiences(journal)),
        tuple(list_letters(journal)),
    )


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class _OptionalDate(QWidget):
    """A check box and a date: the date counts only when ticked."""

    def __init__(self, label: str, name: str, default: QDate) -> None:
        super().__init__()
        self.check = QCheckBox(label, objectName=f"{name}Set")
        self.edit = QDateEdit(objectName=name, calendarPopup=True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setDate(default)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.check)
        lay.addWidget(self.edit, 1)

    def set(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(_qdate(value))

    def value(self) -> date | None:
        return pydate(self.edit.date()) if self.check.isChecked() else None


def _checklist(name: str, items: list[tuple[str, int]], chosen: tuple[int, ...]) -> QListWidget:
    lst = QListWidget(objectName=name)
    lst.setMaximumHeight(90)
    for text, rid in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, rid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if rid in chosen else Qt.CheckState.Unchecked)
        lst.addItem(item)
    return lst


def _checked(lst: QListWidget) -> tuple[int, ...]:
    return tuple(
        lst.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(lst.count())
        if lst.item(i).checkState() == Qt.CheckState.Checked
    )


class ContactDialog(QDialog):
    """A new contact, or the details of one, with the programs, experiences and letters."""

    def __init__(
        self,
        data: ContactsData,
        contact: ContactDTO | None = None,
        parent: QWidget | None = None,
        *,
        program_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle("Contact" if contact else "New contact")
        self.name = QLineEdit(objectName="contactName")
        self.name.setPlaceholderText("e.g. Dr. Rachel Ortiz")
        self.role = QLineEdit(objectName="contactRole")
        self.role.setPlaceholderText("e.g. Associate Program Director, PGY-2")
        self.institution = QLineEdit(objectName="contactInstitution")
        self.met_where = QLineEdit(objectName="contactMetWhere")
        self.met_where.setPlaceholderText("e.g. IM externship, ACP chapter meeting")
        today = QDate.currentDate()
        self.met_on = _OptionalDate("Met on", "contactMetOn", today)
        self.last = _OptionalDate("Last contact", "contactLast", today)
        self.follow = _OptionalDate("Follow up on", "contactFollowUp", today.addDays(14))
        self.notes = QPlainTextEdit(objectName="contactNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        c = contact
        programs = c.program_ids if c else ((program_id,) if program_id else ())
        self.programs = _checklist(
            "contactPrograms", [(p.name, p.id) for p in data.programs], programs
        )
        self.experiences = _checklist(
            "contactExperiences",
            [(x.title, x.id) for x in data.experiences],
            c.experience_ids if c else (),
        )
        self.letters = _checklist(
            "contactLetters",
            [(f"Letter from {x.writer_name}", x.id) for x in data.letters],
            c.letter_ids if c else (),
        )
        self.error = ErrorLabel("contactDialogError")
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Institution", self.institution)
        form.addRow("Where you met", self.met_where)
        form.addRow("", self.met_on)
        form.addRow("", self.last)
        form.addRow("", self.follow)
        form.addRow("Notes", self.notes)
        form.addRow("Programs", self.programs)
        form.addRow("Experiences", self.experiences)
        form.addRow("Letters", self.letters)
        if c is not None:
            self.name.setText(c.name)
            self.role.setText(c.role)
            self.institution.setText(c.institution)
            self.met_where.setText(c.met_where)
            self.met_on.set(c.met_on)
            self.last.set(c.last_contact)
            self.follow.set(c.follow_up)
            self.notes.setPlainText(c.notes)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, "Save" if c else "Add contact", name="contactSave"))
        self.resize(500, self.sizeHint().height())

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("Write the person's name, e.g. Dr. Rachel Ortiz.")
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "role": self.role.text(),
            "institution": self.institution.text(),
            "met_where": self.met_where.text(),
            "met_on": self.met_on.value(),
            "last_contact": self.last.value(),
            "follow_up": self.follow.value(),
            "notes": self.notes.toPlainText(),
            "program_ids": _checked(self.programs),
            "experience_ids": _checked(self.experiences),
            "letter_ids": _checked(self.letters),
        }


class ContactsView(QWidget):
    """The Contacts page (built on the first visit to it)."""

    error = Signal(str)

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsView")
        self._ops = Ops(journal, runner)
        self.data: ContactsData | None = None
        self._current: int | None = None
        self.ask = self._ask  # replaced in tests
        self.today = date.today

        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(12, 12, 6, 12)
        heading = QLabel("Contacts and mentors")
        f = QFont(heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        heading.setFont(f)
        self.summary = QLabel(objectName="contactsSummary")
        self.summary.setWordWrap(True)
        self.table = QTreeWidget(objectName="contactsTable")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Name", "Role", "Institution", "Follow up"])
        self.table.setAccessibleName("Contacts")
        self.table.header().resizeSection(0, 150)
        self.new_button = QPushButton("New contact…", objectName="contactsNew")
        llay.addWidget(heading)
        llay.addWidget(self.summary)
        llay.addWidget(self.table, 1)
        llay.addWidget(self.new_button)

        self.page = QScrollArea(objectName="contactPage")
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        play = QVBoxLayout(inner)
        play.setContentsMargins(18, 14, 18, 14)
        self.heading = QLabel(objectName="contactHeading")
        hf = QFont(self.heading.font())
        hf.setPointSizeF(hf.pointSizeF() * 1.4)
        hf.setBold(True)
        self.heading.setFont(hf)
        self.details = QLabel(objectName="contactDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Edit…", objectName="contactEdit")
        self.done_button = QPushButton("Wrote to them today", objectName="contactWrote")
        self.done_button.setToolTip("Sets the last contact to today and clears the follow-up")
        self.delete_button = QPushButton("Delete…", objectName="contactDelete")
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.error_label = ErrorLabel("contactError")
        play.addWidget(self.heading)
        play.addLayout(buttons)
        play.addWidget(self.details)
        play.addWidget(self.error_label)
        play.addStretch(1)
        self.page.setWidget(inner)
        self.empty = QLabel(objectName="contactsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setText(
            "No contacts yet. Add the attendings, residents and coordinators you meet on "
            "rotations and at events, and when to write to them next: Today reminds you."
        )
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.page)
        rlay.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        left.setMinimumWidth(300)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

        self.table.currentItemChanged.connect(self._chosen)
        self.new_button.clicked.connect(lambda: self.new_contact())
        self.edit_button.clicked.connect(self.edit_contact)
        self.delete_button.clicked.connect(self.delete_contact)
        self.done_button.clicked.connect(self.wrote_today)
        self._show_current()

    def reload(self) -> None:
        self._ops.run(
            load_contacts, on_done=self.show_data, on_error=self._failed, key="contacts-page"
        )

    def show_data(self, data: ContactsData) -> None:
        self.data = data
        today = self.today()
        due = [c for c in data.contacts if c.follow_up and c.follow_up <= today]
        n = len(data.contacts)
        self.summary.setText(
            f"{n} contact{'s' if n != 1 else ''}"
            + (f"; {len(due)} follow-up{'s' if len(due) != 1 else ''} due" if due else "")
            + "."
            if n
            else "People you meet, and when to write to them next."
        )
        keep = self._current
        self.table.clear()
        for c in data.contacts:
            item = QTreeWidgetItem(
                [c.name, c.role, c.institution, format_date(c.follow_up) if c.follow_up else ""]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            if c.follow_up and c.follow_up <= today:
                item.setForeground(3, QBrush(OVERDUE))
            self.table.addTopLevelItem(item)
        ids = [c.id for c in data.contacts]
        self.select(keep if keep in ids else (ids[0] if ids else None))

    def select(self, contact_id: int | None) -> None:
        self._current = contact_id
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == contact_id:
                self.table.blockSignals(True)
                self.table.setCurrentItem(item)
                self.table.blockSignals(False)
        self._show_current()

    def current(self) -> ContactDTO | None:
        if self.data is None:
            return None
        return next((c for c in self.data.contacts if c.id == self._current), None)

    def _chosen(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        self._current = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        self._show_current()

    def _show_current(self) -> None:
        c = self.current()
        self.page.setVisible(c is not None)
        self.empty.setVisible(c is None)
        if c is None or self.data is None:
            return
        esc = html.escape
        self.heading.setText(c.name)
        who = " · ".join(x for x in (c.role, c.institution) if x)
        lines = [esc(who)] if who else []
        met = " ".join(
            x for x in (esc(c.met_where), format_date(c.met_on) if c.met_on else "") if x
        )
        if met:
            lines.append(f"Met: {met}")
        if c.last_contact:
            lines.append(f"Last contact: {format_date(c.last_contact)}")
        if c.follow_up:
            late = c.follow_up <= self.today()
            style = " style='color:#c62828'" if late else ""
            lines.append(f"<b{style}>Follow up: {format_date(c.follow_up)}</b>")
        programs = {p.id: p.name for p in self.data.programs}
        exps = {x.id: x.title for x in self.data.experiences}
        letters = {x.id: f"letter from {x.writer_name}" for x in self.data.letters}
        for label, ids, names in (
            ("Programs", c.program_ids, programs),
            ("Experiences", c.experience_ids, exps),
            ("Letters", c.letter_ids, letters),
        ):
            if ids:
                lines.append(f"{label}: " + esc(", ".join(names.get(i, str(i)) for i in ids)))
        if c.notes.strip():
            lines.append("<br>" + esc(c.notes).replace("\n", "<br>"))
        self.details.setText("<br>".join(lines))
        self.error_label.clear()

    def _failed(self, exc: BaseException) -> None:
        from imgjournal.errors import JournalError

        text = str(exc) if isinstance(exc, JournalError) else f"Something went wrong: {exc}"
        self.error_label.setText(text)
        self.error.emit(text)

    def _done(self, c: ContactDTO) -> None:
        self._current = c.id
        self.reload()

    def make_dialog(
        self, contact: ContactDTO | None = None, program_id: int | None = None
    ) -> ContactDialog:
        data = self.data or ContactsData((), (), (), ())
        return ContactDialog(data, contact, self, program_id=program_id)

    def run_dialog(self, dialog: QDialog) -> bool:  # replaced in tests
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_contact(self, program_id: int | None = None) -> None:
        from imgjournal.services.contacts import create_contact

        dialog = self.make_dialog(program_id=program_id)
        if not self.run_dialog(dialog):
            return
        v = dialog.values()
        name = v.pop("name")
        self._ops.run(create_contact, name, on_done=self._done, on_error=self._failed, **v)

    def edit_contact(self) -> None:
        c = self.current()
        if c is None:
            return
        from imgjournal.services.contacts import update_contact

        dialog = self.make_dialog(c)
        if not self.run_dialog(dialog):
            return
        self._ops.run(
            update_contact, c.id, on_done=self._done, on_error=self._failed, **dialog.values()
        )

    def wrote_today(self) -> None:
        c = self.current()
        if c is None:
            return
        from imgjournal.services.contacts import update_contact

        self._ops.run(
            update_contact,
            c.id,
            last_contact=self.today(),
            follow_up=None,
            on_done=self._done,
            on_error=self._failed,
        )

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Delete contact", text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_contact(self) -> None:
        c = self.current()
        if c is None or not self.ask(f"Delete {c.name} and their links?"):
            return
        from imgjournal.services.contacts import delete_contact

        def done(_r: object) -> None:
            self._current = None
            self.reload()

        self._ops.run(delete_contact, c.id, on_done=done, on_error=self._failed)
