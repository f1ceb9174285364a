"""The Programs page: residency programs with the reasons each fits, and a page per program.

The list on the left can be filtered (status, visa sponsorship, words of the name or place)
and sorted by any column; the "Fit" column is the number of reasons (never a score), the
reasons themselves in its tooltip. The program's page shows its facts, the five steps
(considering → applied → interview invited → interviewed → ranked) with the date of each one
reached, why it fits and what speaks against it, the interview, the questions to ask, the
user's notes and sources, the prompts it asks, and the contacts there. "Print interview
sheet…" opens the print dialog on the interview-day sheet of this program. Every change goes
through :mod:`imgjournal.services.programs` on the task runner.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import PROGRAM_STATUSES, PROGRAM_TYPES, VISA_SPONSORSHIPS
from imgjournal.services.programs_dto import PROGRAM_STATUS_LABELS, ContactDTO, ProgramDTO
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.models import format_date
from imgjournal.ui.record_forms import Fields, RecordDialog, fill_form
from imgjournal.ui.record_pages import (
    RecordListPage,
    RecordPage,
    empty_label,
    list_heading,
    section_label,
    text_label,
)
from imgjournal.ui.taskrunner import Runner

COLUMNS = ("Program", "Fit", "Status", "Visa", "Specialty", "Place")
FIT_COLUMN, STATUS_COLUMN = 1, 2
ANY = "__any__"
SPONSORS = "__sponsors__"
VISA_LABELS = {"unknown": "Not known yet", "none": "No sponsorship", "J-1": "J-1",
               "H-1B": "H-1B", "J-1 and H-1B": "J-1 and H-1B"}  # fmt: skip


@dataclass(frozen=True)
class ProgramsData:
    programs: tuple[ProgramDTO, ...]
    reasons: dict[int, tuple[str, ...]]
    concerns: dict[int, tuple[str, ...]]
    contacts: tuple[ContactDTO, ...]
    prompts: dict[int, str]  # prompt id -> text (every prompt: the page's chooser)


def load_programs(journal: Journal) -> ProgramsData:
    """Everything the page shows (runs on the task runner)."""
    from imgjournal.services.fit import concerns, gather, reasons
    from imgjournal.services.programs import list_programs
    from imgjournal.services.prompts import list_prompts

    programs = tuple(list_programs(journal))
    ctx = gather(journal, programs)
    return ProgramsData(
        programs,
        {p.id: tuple(reasons(p, ctx)) for p in programs},
        {p.id: tuple(concerns(p, ctx)) for p in programs},
        ctx.contacts,
        {p.id: p.text for p in list_prompts(journal)},
    )


class ProgramDialog(RecordDialog):
    """A new program, or the details of one."""

    name_missing = "Write the program's name, e.g. Mercy Hospital Internal Medicine."

    def __init__(self, program: ProgramDTO | None = None, parent: QWidget | None = None) -> None:
        super().__init__("programDialog", "Program" if program else "New program", parent)
        self.name = QLineEdit(objectName="programName")
        self.name.setPlaceholderText("e.g. Mercy Hospital Internal Medicine")
        self.specialty = QLineEdit(objectName="programSpecialty")
        self.specialty.setPlaceholderText("e.g. Internal Medicine")
        self.city = QLineEdit(objectName="programCity")
        self.state = QLineEdit(objectName="programState")
        self.state.setPlaceholderText("e.g. OH")
        self.type = QComboBox(objectName="programType")
        self.type.addItem("Not known", "")
        for t in PROGRAM_TYPES:
            self.type.addItem(t.capitalize(), t)
        self.visa = QComboBox(objectName="programVisa")
        for v in VISA_SPONSORSHIPS:
            self.visa.addItem(VISA_LABELS[v], v)
        self.status = QComboBox(objectName="programNewStatus")
        for st in PROGRAM_STATUSES:
            self.status.addItem(PROGRAM_STATUS_LABELS[st], st)
        self.affiliates = QPlainTextEdit(objectName="programAffiliates")
        self.affiliates.setPlaceholderText("Affiliated hospitals, one per line")
        self.affiliates.setMaximumHeight(60)
        self.img_notes = QPlainTextEdit(objectName="programImgNotes")
        self.img_notes.setPlaceholderText("How IMG-friendly it is, in your own words")
        self.img_notes.setMaximumHeight(70)
        self.sources = QLineEdit(objectName="programSources")
        self.sources.setPlaceholderText("Where you read or heard it")
        self.has_interview = QCheckBox("Interview on", objectName="programHasInterview")
        self.interview = QDateEdit(objectName="programInterviewDate", calendarPopup=True)
        self.interview.setDisplayFormat("d MMM yyyy")
        self.interview.setDate(QDate.currentDate().addMonths(1))
        self.interview.setEnabled(False)
        self.has_interview.toggled.connect(self.interview.setEnabled)
        self.format = QLineEdit(objectName="programInterviewFormat")
        self.format.setPlaceholderText("virtual, in person…")
        irow = QHBoxLayout()
        irow.addWidget(self.has_interview)
        irow.addWidget(self.interview, 1)
        irow.addWidget(self.format, 1)
        self.questions = QPlainTextEdit(objectName="programQuestions")
        self.questions.setPlaceholderText("Questions to ask them (Markdown)")
        self.questions.setMaximumHeight(70)
        self.thank_you = QCheckBox("Thank-you sent", objectName="programThankYou")
        for w in (self.affiliates, self.img_notes, self.questions):
            w.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Specialty", self.specialty)
        form.addRow("City", self.city)
        form.addRow("State", self.state)
        form.addRow("Type", self.type)
        form.addRow("Visa", self.visa)
        if program is None:
            form.addRow("Status", self.status)
            self.start_status = self.status
        form.addRow("Affiliated", self.affiliates)
        form.addRow("IMG notes", self.img_notes)
        form.addRow("Sources", self.sources)
        form.addRow("Interview", irow)
        form.addRow("Questions", self.questions)
        form.addRow("", self.thank_you)
        if program is not None:
            fill_form(self.fields(), program, affiliates="\n".join(program.affiliates))
        self.finish(form, "Save" if program else "Add program", "programSave", 520)

    def fields(self) -> Fields:
        return (
            ("name", self.name),
            ("specialty", self.specialty),
            ("city", self.city),
            ("state", self.state),
            ("program_type", self.type),
            ("visa", self.visa),
            ("affiliates", self.affiliates),
            ("img_notes", self.img_notes),
            ("sources", self.sources),
            ("interview_date", (self.has_interview, self.interview)),
            ("interview_format", self.format),
            ("questions", self.questions),
            ("thank_you_sent", self.thank_you),
        )


class ProgramPage(RecordPage):
    """One program: facts, steps, reasons, interview, questions, notes, prompts, contacts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("programPage", "program", spacing=8, parent=parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.facts = text_label("programFacts", rich=False)
        self.print_button = QPushButton("Print interview sheet…", objectName="programPrint")
        self.print_button.setToolTip(
            "One page for the interview day: why it fits, your notes, the questions to ask, "
            "your stories for the prompts it asks, the people there"
        )
        status_rows = self.status_controls(PROGRAM_STATUSES, PROGRAM_STATUS_LABELS, "program")
        self.error = ErrorLabel("programError")

        def browsable(name: str) -> QLabel:
            label = text_label(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            return label

        self.reasons = browsable("programReasons")
        self.interview = browsable("programInterview")
        self.questions = browsable("programQuestionsText")
        self.notes = browsable("programNotesText")
        self.prompts = browsable("programPromptsText")
        self.prompt_choice = QComboBox(objectName="programPromptChoice")
        self.add_prompt = QPushButton("They ask this", objectName="programAddPrompt")
        self.remove_prompts = QPushButton("Clear", objectName="programClearPrompts")
        prow = QHBoxLayout()
        prow.addWidget(self.prompt_choice, 1)
        prow.addWidget(self.add_prompt)
        prow.addWidget(self.remove_prompts)
        self.contacts = browsable("programContacts")
        self.new_contact = QPushButton("New contact here…", objectName="programNewContact")
        crow = QHBoxLayout()
        crow.addWidget(self.new_contact)
        crow.addStretch(1)

        lay = self.column
        lay.addWidget(self.heading)
        lay.addWidget(self.facts)
        lay.addLayout(self.button_row(self.print_button))
        self.add_status_section(status_rows)
        lay.addWidget(self.error)
        lay.addWidget(section_label("Why it fits"))
        lay.addWidget(self.reasons)
        lay.addWidget(section_label("Interview"))
        lay.addWidget(self.interview)
        lay.addWidget(section_label("Questions to ask"))
        lay.addWidget(self.questions)
        lay.addWidget(section_label("IMG-friendliness, in your words"))
        lay.addWidget(self.notes)
        lay.addWidget(section_label("Prompts they ask"))
        lay.addWidget(self.prompts)
        lay.addLayout(prow)
        lay.addWidget(section_label("People there"))
        lay.addWidget(self.contacts)
        lay.addLayout(crow)
        self.finish()

    def show_program(
        self,
        p: ProgramDTO,
        reasons: tuple[str, ...],
        concerns: tuple[str, ...],
        contacts: list[ContactDTO],
        prompts: dict[int, str],
    ) -> None:
        esc = html.escape
        self.heading.setText(p.name)
        facts = [p.specialty, p.place, p.program_type.capitalize() if p.program_type else ""]
        facts.append(
            "visa sponsorship not known yet"
            if p.visa == "unknown"
            else "no visa sponsorship"
            if p.visa == "none"
            else f"sponsors {p.visa}"
        )
        self.facts.setText(" · ".join(f for f in facts if f))
        self.show_status(p.status, dict(p.steps))
        lines = [f"• {esc(r)}" for r in reasons] or [
            "No connections from your journal yet: rotations there or at an affiliated "
            "hospital, letter writers and contacts there, months in its specialty, the visa "
            "it sponsors and your stories for the prompts it asks show here."
        ]
        lines += [f"<span style='color:#c62828'>• But: {esc(c)}</span>" for c in concerns]
        self.reasons.setText("<br>".join(lines))
        when = []
        if p.interview_date:
            when.append(f"on <b>{format_date(p.interview_date)}</b>")
        if p.interview_format:
            when.append(esc(p.interview_format))
        when.append("thank-you sent" if p.thank_you_sent else "thank-you not sent yet")
        self.interview.setText(" · ".join(when))
        self.questions.setText(
            esc(p.questions).replace("\n", "<br>") if p.questions.strip() else "None yet."
        )
        notes = esc(p.img_notes).replace("\n", "<br>") if p.img_notes.strip() else "No notes yet."
        if p.sources.strip():
            muted = "color:palette(placeholder-text)"
            notes += f"<br><span style='{muted}'>Sources: {esc(p.sources)}</span>"
        if p.affiliates:
            notes += "<br>Affiliated: " + esc(", ".join(p.affiliates))
        self.notes.setText(notes)
        asked = [prompts.get(i, f"prompt {i}") for i in p.prompt_ids]
        self.prompts.setText(
            "<br>".join(f"• {esc(t)}" for t in asked)
            or "None noted. Choose the prompts its interviews ask: your stories for them go on "
            "the interview sheet."
        )
        self.prompt_choice.clear()
        for pid, text in prompts.items():
            if pid not in p.prompt_ids:
                self.prompt_choice.addItem(text, pid)
        self.remove_prompts.setEnabled(bool(p.prompt_ids))
        self.contacts.setText(
            "<br>".join(
                f"• <b>{esc(c.name)}</b>"
                + (f" — {esc(c.role)}" if c.role else "")
                + (f", follow up {format_date(c.follow_up)}" if c.follow_up else "")
                for c in contacts
            )
            or "No contacts here yet."
        )
        self.error.clear()


class _FitItem(QTreeWidgetItem):
    """A row that sorts the Fit column by number and the others without case."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        col = tree.sortColumn() if tree else 0
        a = self.data(col, Qt.ItemDataRole.UserRole)
        b = other.data(col, Qt.ItemDataRole.UserRole)
        if a is not None and b is not None:
            return a < b
        return self.text(col).casefold() < other.text(col).casefold()


class ProgramsView(RecordListPage):
    """The Programs page (built on the first visit to it)."""

    print_interview = Signal(int)  # program id
    new_contact_for = Signal(int)  # program id

    delete_title = "Delete program"
    id_role = Qt.ItemDataRole.UserRole + 1  # (UserRole holds the number a column sorts by)

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(journal, runner, "programsView", parent)
        self.data: ProgramsData | None = None

        self.search = QLineEdit(objectName="programsSearch")
        self.search.setPlaceholderText("Filter by name, specialty or place")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(objectName="programsStatusFilter")
        self.status_filter.addItem("Any status", ANY)
        for st in PROGRAM_STATUSES:
            self.status_filter.addItem(PROGRAM_STATUS_LABELS[st], st)
        self.visa_filter = QComboBox(objectName="programsVisaFilter")
        self.visa_filter.addItem("Any visa", ANY)
        self.visa_filter.addItem("Sponsors a visa", SPONSORS)
        for v in VISA_SPONSORSHIPS:
            self.visa_filter.addItem(VISA_LABELS[v], v)
        frow = QHBoxLayout()
        frow.addWidget(self.status_filter)
        frow.addWidget(self.visa_filter)
        self.table = self.records_view = QTreeWidget(objectName="programsTable")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FIT_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Programs")
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(30)
        for col, width in ((0, 180), (FIT_COLUMN, 34), (STATUS_COLUMN, 110), (3, 60), (4, 110),
                           (5, 100)):  # fmt: skip
            header.resizeSection(col, width)
        self.table.headerItem().setToolTip(FIT_COLUMN, "How many reasons it fits (hover a row)")
        self.new_button = QPushButton("New program…", objectName="programsNew")
        left = self.list_pane(
            list_heading("Residency programs"),
            "programsSummary",
            self.table,
            self.new_button,
            self.search,
            frow,
        )
        self.page = ProgramPage()
        self.empty = empty_label(
            "programsEmpty",
            "No programs yet. Add the programs you consider: imgjournal keeps the date of each "
            "step and says, from your journal, why each one fits (rotations there, letter "
            "writers and contacts there, months in its specialty, the visa it sponsors).",
        )
        self.split(left, name="programsSplit", stretch=(2, 3), left_width=280)

        self.search.textChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.visa_filter.currentIndexChanged.connect(self._filter)
        self.new_button.clicked.connect(lambda: self.new_program())
        p = self.page
        p.edit_button.clicked.connect(self.edit_program)
        p.delete_button.clicked.connect(self.delete_program)
        p.print_button.clicked.connect(self._print)
        self.connect_status(p)
        p.add_prompt.clicked.connect(lambda: self.add_prompt(p.prompt_choice.currentData()))
        p.remove_prompts.clicked.connect(self.clear_prompts)
        p.new_contact.clicked.connect(self._new_contact)
        self._show_current()

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._ops.run(
            load_programs, on_done=self.show_data, on_error=self._failed, key="programs-page"
        )

    def show_data(self, data: ProgramsData) -> None:
        self.data = data
        n = len(data.programs)
        applied = sum(PROGRAM_STATUSES.index(p.status) >= 1 for p in data.programs)
        invited = sum(PROGRAM_STATUSES.index(p.status) >= 2 for p in data.programs)
        self.summary.setText(
            f"{n} program{'s' if n != 1 else ''}: {applied} applied to, {invited} "
            f"interview{'s' if invited != 1 else ''}. Fit = the number of reasons (hover it)."
            if n
            else "Add the programs you consider."
        )
        keep = self._current
        self.table.setSortingEnabled(False)
        self.table.clear()
        for p in data.programs:
            reasons = data.reasons.get(p.id, ())
            item = _FitItem(
                [
                    p.name,
                    str(len(reasons)),
                    PROGRAM_STATUS_LABELS[p.status],
                    {"unknown": "?", "none": "None"}.get(p.visa, p.visa),
                    p.specialty,
                    p.place,
                ]
            )
            item.setData(0, self.id_role, p.id)
            item.setData(STATUS_COLUMN, Qt.ItemDataRole.UserRole, PROGRAM_STATUSES.index(p.status))
            item.setToolTip(3, VISA_LABELS[p.visa])
            item.setData(FIT_COLUMN, Qt.ItemDataRole.UserRole, len(reasons))
            item.setTextAlignment(FIT_COLUMN, Qt.AlignmentFlag.AlignCenter)
            tip = "\n".join(f"• {r}" for r in reasons) or "No reasons from your journal yet."
            concerns = data.concerns.get(p.id, ())
            if concerns:
                tip += "\n" + "\n".join(f"But: {c}" for c in concerns)
            item.setToolTip(FIT_COLUMN, tip)
            item.setToolTip(0, p.name)
            self.table.addTopLevelItem(item)
        self.table.setSortingEnabled(True)
        ids = [p.id for p in data.programs]
        if keep not in ids:
            keep = self._first_visible()
        self.select(keep)
        self._filter()

    def _first_visible(self) -> int | None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if not item.isHidden():
                return self.id_of(item)
        return None

    def _filter(self) -> None:
        if self.data is None:
            return
        words = self.search.text().casefold().split()
        status = self.status_filter.currentData()
        visa = self.visa_filter.currentData()
        by_id = {p.id: p for p in self.data.programs}
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            p = by_id[self.id_of(item)]
            text = f"{p.name} {p.specialty} {p.city} {p.state}".casefold()
            shown = all(w in text for w in words)
            shown &= status == ANY or p.status == status
            if visa == SPONSORS:
                shown &= p.visa not in ("unknown", "none")
            elif visa != ANY:
                shown &= p.visa == visa
            item.setHidden(not shown)

    def visible_names(self) -> list[str]:
        """The programs the list shows, in its order (for tests and the screenshots)."""
        return [
            self.table.topLevelItem(i).text(0)
            for i in range(self.table.topLevelItemCount())
            if not self.table.topLevelItem(i).isHidden()
        ]

    def records(self) -> tuple[ProgramDTO, ...]:
        return self.data.programs if self.data else ()

    def show_record(self, p: ProgramDTO) -> None:
        assert self.data is not None
        from imgjournal.services.fit import same_place

        there = [
            c
            for c in self.data.contacts
            if p.id in c.program_ids
            or (
                c.institution and any(same_place(c.institution, x) for x in (p.name, *p.affiliates))
            )
        ]
        self.page.show_program(
            p,
            self.data.reasons.get(p.id, ()),
            self.data.concerns.get(p.id, ()),
            there,
            self.data.prompts,
        )

    # -- actions -------------------------------------------------------------------------
    def make_dialog(self, program: ProgramDTO | None = None) -> ProgramDialog:
        return ProgramDialog(program, self)

    def new_program(self) -> None:
        from imgjournal.services.programs import create_program

        self.create_from(self.make_dialog(), create_program, "name", "specialty")

    def edit_program(self) -> None:
        from imgjournal.services.programs import update_program

        self.edit_current(update_program)

    def set_status(self, status: str, on: date | None = None) -> None:
        if not status:
            return
        from imgjournal.services.programs import set_program_status

        self.update_current(set_program_status, status, on)

    def add_prompt(self, prompt_id: int | None) -> None:
        p = self.current()
        if p is None or prompt_id is None:
            return
        from imgjournal.services.programs import update_program

        self.update_current(update_program, prompt_ids=(*p.prompt_ids, prompt_id))

    def clear_prompts(self) -> None:
        from imgjournal.services.programs import update_program

        self.update_current(update_program, prompt_ids=())

    def delete_program(self) -> None:
        from imgjournal.services.programs import delete_program

        self.delete_current(lambda p: f"Delete {p.name}, with its dates and notes?", delete_program)

    def _print(self) -> None:
        p = self.current()
        if p is not None:
            self.print_interview.emit(p.id)

    def _new_contact(self) -> None:
        p = self.current()
        if p is not None:
            self.new_contact_for.emit(p.id)
