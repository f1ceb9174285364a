"""Programs and contacts in the main window (issue 19): the Programs and Contacts sidebar
items and pages, the follow-up reminders on Today, and the interview-day sheet.

``install(window)`` is called once by the main window (after readiness, so the items go after
Letters); the pages are built on the first visit. Each page reloads when a write it shows is
committed (``runner.changed``), and only while it is the page on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from imgjournal.opchanges import Changes
from imgjournal.ui.sidebar import PROMPTS_DEST, Destination

if TYPE_CHECKING:
    from imgjournal.ui.contacts_view import ContactsView
    from imgjournal.ui.main_window import MainWindow
    from imgjournal.ui.programs_view import ProgramsView

PROGRAMS, CONTACTS = "programs", "contacts"
PROGRAMS_DEST = Destination(PROGRAMS, "programs", "Programs")
CONTACTS_DEST = Destination(CONTACTS, "contacts", "Contacts")

# What each page shows, by kind of record (opchanges.KIND_TABLES): the reasons read them all.
_PROGRAMS_KINDS = ("programs", "contacts", "letters", "experiences", "profile", "entries")
_CONTACTS_KINDS = ("contacts", "programs", "letters", "experiences")


class ProgramsController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._programs: ProgramsView | None = None
        self._contacts: ContactsView | None = None
        sidebar = window.sidebar
        anchor = "letters" if sidebar.item("letters") is not None else PROMPTS_DEST.key
        sidebar.add_destination(PROGRAMS_DEST, after=anchor)
        sidebar.add_destination(CONTACTS_DEST, after=PROGRAMS_DEST.key)
        window.extra_pages[PROGRAMS] = self.show_programs
        window.extra_pages[CONTACTS] = self.show_contacts
        window.runner.changed.connect(self._changed)
        window.pages.currentChanged.connect(self._page_changed)
        self._add_today_card()

    @property
    def programs_view(self) -> ProgramsView:
        if self._programs is None:
            from imgjournal.ui.programs_view import ProgramsView

            view = ProgramsView(self.w.journal, self.w.runner)
            view.print_interview.connect(self.print_interview)
            view.new_contact_for.connect(self.new_contact_for)
            view.error.connect(lambda text: self.w.statusBar().showMessage(text, 8000))
            self.w.pages.addWidget(view)
            self._programs = view
        return self._programs

    @property
    def contacts_view(self) -> ContactsView:
        if self._contacts is None:
            from imgjournal.ui.contacts_view import ContactsView

            view = ContactsView(self.w.journal, self.w.runner)
            view.error.connect(lambda text: self.w.statusBar().showMessage(text, 8000))
            self.w.pages.addWidget(view)
            self._contacts = view
        return self._contacts

    def show_programs(self) -> None:
        self.w.pages.setCurrentWidget(self.programs_view)
        self.programs_view.reload()

    def show_contacts(self) -> None:
        self.w.pages.setCurrentWidget(self.contacts_view)
        self.contacts_view.reload()

    def new_contact_for(self, program_id: int) -> None:
        """From a program's page: a new contact there (the Contacts page's dialog)."""
        view = self.contacts_view

        def ready(data: Any) -> None:
            view.show_data(data)
            view.new_contact(program_id)

        from imgjournal.ui.contacts_view import load_contacts

        view._ops.run(load_contacts, on_done=ready, on_error=view._failed)

    def _changed(self, changes: Changes) -> None:
        if self.w.journal.locked or self.w._closing:
            return
        page = self.w.pages.currentWidget()
        if page is self._programs and changes.touches_kind(*_PROGRAMS_KINDS):
            self._programs.reload()
        elif page is self._contacts and changes.touches_kind(*_CONTACTS_KINDS):
            self._contacts.reload()
        elif page is self.w.today and changes.touches_kind("contacts"):
            self.load_reminders()

    def _page_changed(self, _index: int) -> None:
        if self.w.pages.currentWidget() is self.w.today:
            self.load_reminders()

    # -- Today ---------------------------------------------------------------------------
    def _add_today_card(self) -> None:
        self.card = self.w.today.add_reminder_card(
            "People to write to",
            "followUpsCard",
            "Open Contacts",
            lambda: self.w.go(CONTACTS_DEST.key),
        )

    def load_reminders(self) -> None:
        if self.w._closing:
            return
        from imgjournal.services.contacts import reminders

        self.w.ops.run(reminders, on_done=self.show_reminders, key="follow-up-reminders")

    def show_reminders(self, items: list[str]) -> None:
        self.card.show_items(items)

    # -- printing ------------------------------------------------------------------------
    def print_interview(self, program_id: int) -> None:
        self.w.autosave.flush()
        from imgjournal.ui.print_dialog import PrintDialog

        dialog = PrintDialog(self.w.journal, self.w.runner, self.w)
        dialog.set_program(program_id)
        dialog.set_sheet("interview")
        self.exec_print(dialog)

    def exec_print(self, dialog: Any) -> None:  # replaced in tests
        dialog.exec()


def install(window: MainWindow) -> ProgramsController:
    controller = ProgramsController(window)
    window.programs = controller  # type: ignore[attr-defined]
    return controller
