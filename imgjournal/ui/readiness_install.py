"""Application readiness in the main window: the Readiness and Letters sidebar items and
pages, the letter reminders on Today, and the application profile (Settings, first run).

``install(window)`` is called once by the main window before it shows its first view; the
pages themselves are built on the first visit. Each page reloads when a write it shows is
committed (``runner.changed``), and only while it is the page on screen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from imgjournal.opchanges import Changes
from imgjournal.ui.sidebar import PROMPTS_DEST, TODAY_DEST, Destination

if TYPE_CHECKING:
    from imgjournal.services.readiness_dto import Badges
    from imgjournal.ui.letters_view import LettersView
    from imgjournal.ui.main_window import MainWindow
    from imgjournal.ui.readiness_view import ReadinessView

log = logging.getLogger(__name__)

READINESS, LETTERS = "readiness", "letters"
READINESS_DEST = Destination(READINESS, "readiness", "Readiness")
LETTERS_DEST = Destination(LETTERS, "letters", "Letters")

# What each page shows, by kind of record (opchanges.KIND_TABLES).
_READINESS_KINDS = ("entries", "experiences", "letters", "profile", "prompts", "drafts", "practice")
_LETTERS_KINDS = ("letters", "experiences", "entries")


def _moves_badges(changes: Changes) -> bool:
    """Whether a write can change a figure's level or the letters not yet uploaded. Typing in
    an entry (its text saved every few seconds) cannot: only a new, trashed or restored entry
    can (prompt coverage), so the sidebar's counts are not worked out again for each save."""
    return changes.touches_kind(
        "experiences", "letters", "profile", "prompts", "drafts", "practice"
    ) or changes.touches_columns("entries", {"deleted_at"})


class ReadinessController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._readiness: ReadinessView | None = None
        self._letters: LettersView | None = None
        window.sidebar.add_destination(READINESS_DEST, before=TODAY_DEST.key)
        window.sidebar.add_destination(LETTERS_DEST, after=PROMPTS_DEST.key)
        window.extra_pages[READINESS] = self.show_readiness
        window.extra_pages[LETTERS] = self.show_letters
        window.runner.changed.connect(self._changed)
        window.pages.currentChanged.connect(self._page_changed)
        # The sidebar's counts come with the window's first overview, then follow changes.
        window.refreshed.connect(self._first_refresh)
        self._add_today_card()

    # -- pages ---------------------------------------------------------------------------
    @property
    def readiness_view(self) -> ReadinessView:
        if self._readiness is None:
            from imgjournal.ui.readiness_view import ReadinessView

            view = ReadinessView(self.w.journal, self.w.runner)
            view.write_for_prompt.connect(self.w.write_for_prompt)
            view.edit_profile.connect(self.edit_profile)
            view.print_summary.connect(self.print_summary)
            view.show_letters.connect(lambda: self.w.go(LETTERS_DEST.key))
            view.error.connect(lambda text: self.w.statusBar().showMessage(text, 8000))
            self.w.pages.addWidget(view)
            self._readiness = view
        return self._readiness

    @property
    def letters_view(self) -> LettersView:
        if self._letters is None:
            from imgjournal.ui.letters_view import LettersView

            view = LettersView(self.w.journal, self.w.runner)
            view.open_entry.connect(self.w.show_entry)
            view.print_bragsheet.connect(self.print_bragsheet)
            view.error.connect(lambda text: self.w.statusBar().showMessage(text, 8000))
            self.w.pages.addWidget(view)
            self._letters = view
        return self._letters

    def show_readiness(self) -> None:
        self.w.pages.setCurrentWidget(self.readiness_view)
        self.readiness_view.reload()

    def show_letters(self) -> None:
        self.w.pages.setCurrentWidget(self.letters_view)
        self.letters_view.reload()

    def _changed(self, changes: Changes) -> None:
        if self.w.journal.locked or self.w._closing:
            return
        if _moves_badges(changes):
            self.load_badges()
        page = self.w.pages.currentWidget()
        if page is self._readiness and changes.touches_kind(*_READINESS_KINDS):
            self._readiness.reload()
        elif page is self._letters and changes.touches_kind(*_LETTERS_KINDS):
            self._letters.reload()
        elif page is self.w.today and changes.touches_kind("letters"):
            self.load_reminders()

    def _page_changed(self, _index: int) -> None:
        if self.w.pages.currentWidget() is self.w.today:
            self.load_reminders()

    # -- the sidebar's counts ------------------------------------------------------------
    def _first_refresh(self) -> None:
        self.w.refreshed.disconnect(self._first_refresh)
        self.load_badges()

    def load_badges(self) -> None:
        if self.w._closing or self.w.journal.locked:
            return
        from imgjournal.services.readiness import badges

        self.w.ops.run(badges, on_done=self.show_badges, key="readiness-badges")

    def show_badges(self, b: Badges) -> None:
        """Letters: how many are not yet uploaded (the work left), none when all are.
        Readiness: a red dot and the number of figures that need work; else an amber dot
        and the number nearly there; nothing when every figure is on track."""
        from imgjournal.ui.readiness_view import LEVEL_COLOURS
        from imgjournal.ui.sidebar import COUNT_ROLE, DOT_ROLE

        sidebar = self.w.sidebar
        item = sidebar.item(LETTERS_DEST.key)
        if item is not None:
            item.setData(b.letters_open or None, COUNT_ROLE)
            item.setToolTip(
                f"{b.letters_open} of {b.letters_total} letter{'s' if b.letters_total != 1 else ''}"
                " not yet uploaded"
                if b.letters_total
                else "Letters of recommendation: none yet"
            )
        item = sidebar.item(READINESS_DEST.key)
        if item is not None:
            level, count = ("red", b.red) if b.red else ("amber", b.amber)
            item.setData(count or None, COUNT_ROLE)
            item.setData(LEVEL_COLOURS[level] if count else None, DOT_ROLE)
            if b.red:
                tip = f"{b.red} of the checklist need{'s' if b.red == 1 else ''} work"
            elif b.amber:
                tip = f"{b.amber} of the checklist {'is' if b.amber == 1 else 'are'} nearly there"
            else:
                tip = "Every figure is on track"
            item.setToolTip(f"Readiness: {tip}")
        sidebar.viewport().update()

    # -- Today ---------------------------------------------------------------------------
    def _add_today_card(self) -> None:
        self.card = self.w.today.add_reminder_card(
            "Letters waiting on you",
            "lettersCard",
            "Open Letters",
            lambda: self.w.go(LETTERS_DEST.key),
        )

    def load_reminders(self) -> None:
        if self.w._closing:
            return
        from imgjournal.services.readiness import reminders

        self.w.ops.run(reminders, on_done=self.show_reminders, key="letter-reminders")

    def show_reminders(self, items: list[str]) -> None:
        self.card.show_items(items)

    # -- the profile ---------------------------------------------------------------------
    def save_profile(self, values: dict[str, Any]) -> None:
        from imgjournal.services.profile import set_profile

        def failed(exc: BaseException) -> None:
            self.w.statusBar().showMessage(str(exc), 10000)

        self.w.ops.run(set_profile, on_error=failed, **values)

    def edit_profile(self) -> None:
        from imgjournal.services.profile import get_profile
        from imgjournal.ui.readiness_profile import ProfileDialog

        current = self.w.runner.run_now(lambda: get_profile(self.w.journal))
        dialog = ProfileDialog(current, self.w)
        if self.run_dialog(dialog):
            self.save_profile(dialog.fields.values())

    def run_dialog(self, dialog: QDialog) -> bool:  # replaced in tests
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- printing ------------------------------------------------------------------------
    def _print_dialog(self, sheet: str) -> Any:
        self.w.autosave.flush()
        from imgjournal.ui.print_dialog import PrintDialog

        dialog = PrintDialog(self.w.journal, self.w.runner, self.w)
        dialog.set_sheet(sheet)
        return dialog

    def print_summary(self) -> None:
        self.exec_print(self._print_dialog("readiness"))

    def print_bragsheet(self, letter_id: int, experience_id: int) -> None:
        """The brag sheet prepared for the letter's writer (their feedback first)."""
        dialog = self._print_dialog("bragsheet")

        def choose(_r: object) -> None:  # after the dialog's own choices are filled in
            dialog.set_letter(letter_id, experience_id)

        self.w.runner.submit(lambda: None, choose, None)
        self.exec_print(dialog)

    def exec_print(self, dialog: Any) -> None:  # replaced in tests
        dialog.exec()


def install(window: MainWindow) -> ReadinessController:
    controller = ReadinessController(window)
    window.readiness = controller  # type: ignore[attr-defined]
    return controller
