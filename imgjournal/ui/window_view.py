"""The main window's commands for editing, viewing and the small dialogs
(``window.view_commands``, a plain object holding the window)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

from imgjournal.ui.actions import shortcut_rows
from imgjournal.ui.settings import FONT_SIZE_RANGE
from imgjournal.ui.sidebar import ALL_DEST, TRASH

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow


class ViewCommands:
    """Undo and redo, search focus, filters, text size; print, settings, about."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    # -- edit and view -------------------------------------------------------------------
    def _focused_editable(self):  # noqa: ANN202
        w = QApplication.focusWidget()
        return w if w is not None and hasattr(w, "undo") and hasattr(w, "redo") else None

    def undo(self) -> None:
        w = self._focused_editable() or self.w.editor.body
        w.undo()

    def redo(self) -> None:
        w = self._focused_editable() or self.w.editor.body
        w.redo()

    def focus_search(self) -> None:
        if (
            self.w.pages.currentWidget() is not self.w.browse_split
            or self.w._destination.view == TRASH
        ):
            self.w._show_browse(ALL_DEST)
        self.w.list_panel.search.setFocus()
        self.w.list_panel.search.selectAll()

    def show_filters(self, on: bool) -> None:
        if on and self.w.pages.currentWidget() is not self.w.browse_split:
            self.w._show_browse(ALL_DEST)
        self.w.list_panel.filter_button.setChecked(on)

    def change_font_size(self, step: int) -> None:
        lo, hi = FONT_SIZE_RANGE
        size = min(max(self.w.settings.font_size + step, lo), hi)
        self.w.settings.font_size = size
        self.w.editor.set_font_size(size)
        self.w.statusBar().showMessage(f"Editor text {size} pt", 2000)

    # -- dialogs -------------------------------------------------------------------------
    def open_print_dialog(self) -> None:
        self.w.autosave.flush()
        from imgjournal.ui.print_dialog import PrintDialog  # pdfium and the dialog: on first use

        dialog = PrintDialog(self.w.journal, self.w.runner, self.w)
        dialog.exec()

    def open_settings(self) -> None:
        from imgjournal.ui.security_page import SecurityPage
        from imgjournal.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(
            self.w.settings,
            self.w.journal.home,
            self.w,
            allowed=self.w.privacy_guard.allowed(),
            security=SecurityPage(self.w),
            profile=self._profile(),
        )
        if dlg.exec() != SettingsDialog.DialogCode.Accepted:
            return
        if dlg.allowed_changed():
            self.w.privacy_commands.save_allowed(dlg.allowed_phrases())
        if dlg.profile_changed() and dlg.profile_fields is not None:
            self.w.readiness.save_profile(dlg.profile_fields.values())
        self.w.editor.set_font_size(self.w.settings.font_size)
        self.w.autosave.set_delay(self.w.settings.autosave_delay_ms)
        from imgjournal.ui.theme import apply_appearance

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, self.w.settings.appearance)
        if dlg.location_changed():
            QMessageBox.information(
                self.w,
                "Journal folder",
                f"imgjournal will open {self.w.settings.journal_location} the next time it starts.",
            )

    def _profile(self) -> object:
        """The application profile for Settings, read now (one small row, on the worker)."""
        if getattr(self.w, "readiness", None) is None or self.w.journal.locked:
            return None
        from imgjournal.services.profile import get_profile

        return self.w.runner.run_now(lambda: get_profile(self.w.journal))

    def open_sample(self) -> None:
        from imgjournal.ui import sample

        if not sample.open_sample_journal():
            QMessageBox.information(
                self.w,
                "Sample journal",
                "The sample journal opens with the command: imgjournal demo",
            )

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{name}</td><td style='padding-left:16px'><b>{keys}</b></td></tr>"
            for name, keys in shortcut_rows(self.w.actions)
        )
        QMessageBox.information(self.w, "Keyboard shortcuts", f"<table>{rows}</table>")

    def show_about(self) -> None:
        from imgjournal import __version__

        QMessageBox.about(
            self.w,
            "About imgjournal",
            f"<b>imgjournal {__version__}</b><p>An offline journal for international medical "
            "graduates on their way to a US residency. Your journal never leaves this "
            f"computer.</p><p>Journal folder: {self.w.journal.home}</p>",
        )
