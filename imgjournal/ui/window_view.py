"""Main window commands for editing, viewing and the small dialogs (a mixin of MainWindow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

from imgjournal.ui.actions import shortcut_rows
from imgjournal.ui.settings import FONT_SIZE_RANGE
from imgjournal.ui.sidebar import ALL_DEST, TRASH

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class ViewCommands(_Base):
    # -- edit and view -------------------------------------------------------------------
    def _focused_editable(self):  # noqa: ANN202
        w = QApplication.focusWidget()
        return w if w is not None and hasattr(w, "undo") and hasattr(w, "redo") else None

    def undo(self) -> None:
        w = self._focused_editable() or self.editor.body
        w.undo()

    def redo(self) -> None:
        w = self._focused_editable() or self.editor.body
        w.redo()

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.browse_split or self._destination.view == TRASH:
            self._show_browse(ALL_DEST)
        self.list_panel.search.setFocus()
        self.list_panel.search.selectAll()

    def set_preview(self, on: bool) -> None:
        self.editor.set_preview_visible(on)
        self.settings.preview_visible = on

    def show_filters(self, on: bool) -> None:
        if on and self.pages.currentWidget() is not self.browse_split:
            self._show_browse(ALL_DEST)
        self.list_panel.filter_button.setChecked(on)

    def change_font_size(self, step: int) -> None:
        lo, hi = FONT_SIZE_RANGE
        size = min(max(self.settings.font_size + step, lo), hi)
        self.settings.font_size = size
        self.editor.set_font_size(size)
        self.statusBar().showMessage(f"Editor text {size} pt", 2000)

    def update_action_states(self) -> None:
        a = self.actions
        entry = self.editor.entry
        browsing = self.pages.currentWidget() is self.browse_split
        in_trash = bool(entry and entry.in_trash)
        a.trash.setEnabled(browsing and entry is not None and not in_trash)
        a.restore.setEnabled(browsing and in_trash)
        a.link_prompts.setEnabled(entry is not None and not in_trash)
        a.history.setEnabled(entry is not None and not in_trash)
        has_x = self._current_experience() is not None
        for act in (a.edit_experience, a.end_experience, a.delete_experience):
            act.setEnabled(has_x)
        a.empty_trash.setEnabled(bool(self.overview and self.overview.counts.trash))

    # -- dialogs -------------------------------------------------------------------------
    def open_print_dialog(self) -> None:
        self.autosave.flush()
        from imgjournal.ui.print_dialog import PrintDialog  # Qt's PDF modules: on first use

        dialog = PrintDialog(self.journal, self.runner, self)
        dialog.exec()

    def open_settings(self) -> None:
        from imgjournal.ui.security_page import SecurityPage
        from imgjournal.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(
            self.settings,
            self.journal.home,
            self,
            allowed=self.privacy_guard.allowed(),
            security=SecurityPage(self),
        )
        if dlg.exec() != SettingsDialog.DialogCode.Accepted:
            return
        if dlg.allowed_changed():
            self.save_allowed(dlg.allowed_phrases())
        self.editor.set_font_size(self.settings.font_size)
        self.autosave.set_delay(self.settings.autosave_delay_ms)
        from imgjournal.ui.theme import apply_appearance

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, self.settings.appearance)
        if dlg.location_changed():
            QMessageBox.information(
                self,
                "Journal folder",
                f"imgjournal will open {self.settings.journal_location} the next time it starts.",
            )

    def open_sample(self) -> None:
        from imgjournal.ui import sample

        if not sample.open_sample_journal():
            QMessageBox.information(
                self,
                "Sample journal",
                "The sample journal opens with the command: imgjournal demo",
            )

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{name}</td><td style='padding-left:16px'><b>{keys}</b></td></tr>"
            for name, keys in shortcut_rows(self.actions)
        )
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def show_about(self) -> None:
        from imgjournal import __version__

        QMessageBox.about(
            self,
            "About imgjournal",
            f"<b>imgjournal {__version__}</b><p>An offline journal for international medical "
            "graduates on their way to a US residency. Your journal never leaves this "
            f"computer.</p><p>Journal folder: {self.journal.home}</p>",
        )
