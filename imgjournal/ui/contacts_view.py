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

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.services.dto import ExperienceDTO
from imgjournal.services.programs_dto import ContactDTO, ProgramDTO
from imgjournal.services.readiness_dto import LetterDTO
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.models import format_date
from imgjournal.ui.record_forms import Fields, OptionalDate, RecordDialog, fill_form
from imgjournal.ui.record_pages import (
    RecordListPage,
    RecordPage,
    empty_label,
    list_heading,
    text_label,
)
from imgjournal.ui.taskrunner import Runner

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


class ContactDialog(RecordDialog):
    """A new contact, or the details of one, with the programs, experiences and letters."""

    name_missing = "Write the person's name, e.g. Dr. Rachel Ortiz."

    def __init__(
        self,
        data: ContactsData,
        contact: ContactDTO | None = None,
        parent: QWidget | None = None,
        *,
        program_id: int | None = None,
    ) -> None:
        super().__init__("contactDialog", "Contact" if contact else "New contact", parent)
        self.name = QLineEdit(objectName="contactName")
        self.name.setPlaceholderText("e.g. Dr. Rachel Ortiz")
        self.role = QLineEdit(objectName="contactRole")
        self.role.setPlaceholderText("e.g. Associate Program Director, PGY-2")
        self.institution = QLineEdit(objectName="contactInstitution")
        self.met_where = QLineEdit(objectName="contactMetWhere")
        self.met_where.setPlaceholderText("e.g. IM externship, ACP chapter meeting")
        today = QDate.currentDate()
        self.met_on = OptionalDate("Met on", "contactMetOn", today)
        self.last = OptionalDate("Last contact", "contactLast", today)
        self.follow = OptionalDate("Follow up on", "contactFollowUp", today.addDays(14))
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
            fill_form(self.fields(), c)  # the links are ticked in their lists above
        self.finish(form, "Save" if c else "Add contact", "contactSave", 500)

    def fields(self) -> Fields:
        return (
            ("name", self.name),
            ("role", self.role),
            ("institution", self.institution),
            ("met_where", self.met_where),
            ("met_on", self.met_on),
            ("last_contact", self.last),
            ("follow_up", self.follow),
            ("notes", self.notes),
            ("program_ids", lambda: _checked(self.programs)),
            ("experience_ids", lambda: _checked(self.experiences)),
            ("letter_ids", lambda: _checked(self.letters)),
        )


class ContactsView(RecordListPage):
    """The Contacts page (built on the first visit to it)."""

    delete_title = "Delete contact"

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(journal, runner, "contactsView", parent)
        self.data: ContactsData | None = None
        self.today = date.today

        self.table = self.records_view = QTreeWidget(objectName="contactsTable")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Name", "Role", "Institution", "Follow up"])
        self.table.setAccessibleName("Contacts")
        self.table.header().resizeSection(0, 150)
        self.new_button = QPushButton("New contact…", objectName="contactsNew")
        left = self.list_pane(
            list_heading("Contacts and mentors"), "contactsSummary", self.table, self.new_button
        )

        self.page = RecordPage("contactPage", "contact", heading_wraps=False)
        self.heading = self.page.heading
        self.details = text_label("contactDetails")
        self.edit_button = self.page.edit_button
        self.done_button = QPushButton("Wrote to them today", objectName="contactWrote")
        self.done_button.setToolTip("Sets the last contact to today and clears the follow-up")
        self.delete_button = self.page.delete_button
        self.error_label = ErrorLabel("contactError")
        play = self.page.column
        play.addWidget(self.heading)
        play.addLayout(self.page.button_row(self.done_button))
        play.addWidget(self.details)
        play.addWidget(self.error_label)
        self.page.finish()
        self.empty = empty_label(
            "contactsEmpty",
            "No contacts yet. Add the attendings, residents and coordinators you meet on "
            "rotations and at events, and when to write to them next: Today reminds you.",
        )
        self.split(left, stretch=(1, 1), left_width=300)

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
        self.select(self.kept(keep, [c.id for c in data.contacts]))

    def records(self) -> tuple[ContactDTO, ...]:
        return self.data.contacts if self.data else ()

    def show_record(self, c: ContactDTO) -> None:
        assert self.data is not None
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

    def error_line(self) -> QLabel:
        return self.error_label

    def make_dialog(
        self, contact: ContactDTO | None = None, program_id: int | None = None
    ) -> ContactDialog:
        data = self.data or ContactsData((), (), (), ())
        return ContactDialog(data, contact, self, program_id=program_id)

    def new_contact(self, program_id: int | None = None) -> None:
        from imgjournal.services.contacts import create_contact

        self.create_from(self.make_dialog(program_id=program_id), create_contact, "name")

    def edit_contact(self) -> None:
        from imgjournal.services.contacts import update_contact

        self.edit_current(update_contact)

    def wrote_today(self) -> None:
        from imgjournal.services.contacts import update_contact

        self.update_current(update_contact, last_contact=self.today(), follow_up=None)

    def delete_contact(self) -> None:
        from imgjournal.services.contacts import delete_contact

        self.delete_current(lambda c: f"Delete {c.name} and their links?", delete_contact)
