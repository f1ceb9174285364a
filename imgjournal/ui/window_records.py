"""The main window's commands that change records: the trash, revision history, prompt links
and experiences.

``window.record_commands``, a plain object holding the window: it uses the window's ops, list,
editor and autosave. Each change runs through ``window.ops``: the views that show what it
changed reload on their own (``MainWindow.show_changes``).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from imgjournal.services import browse
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.ui.services import entries, experiences, history
from imgjournal.ui.sidebar import ALL_DEST, TRASH
from imgjournal.ui.window_data import trash_new_entry

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class RecordCommands:
    """Trash, restore, history, prompt links and experiences (``window.record_commands``)."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    # -- trash ---------------------------------------------------------------------------
    def _selected_id(self) -> int | None:
        if self.w.pages.currentWidget() is self.w.browse_split:
            return self.w.editor.entry_id or self.w.list_panel.current_id()
        return None

    def trash_current(self) -> None:
        editor = self.w.editor
        if editor.unsaved:
            unsaved = editor.entry_id
            if not self.w.autosave.dirty and self.w.stored_id(unsaved) is None:
                editor.clear()  # a new entry never typed in: nothing to keep
                return
            self.w.autosave.flush()  # its first save creates it; then it goes to the trash
            self.w.ops.run(
                trash_new_entry,
                unsaved,
                self.w._created_ids,
                on_done=self._trashed,
                on_error=self.w._action_failed,
            )
            return
        entry_id = self._selected_id()
        if entry_id is None or (editor.entry and editor.entry.in_trash):
            return
        self.w.autosave.flush()
        self.w.ops.run(
            entries.trash_entry, entry_id, on_done=self._trashed, on_error=self.w._action_failed
        )

    def _trashed(self, dto: EntryDTO) -> None:
        self._leave_entry(dto.id)
        self.w.statusBar().showMessage(
            f"“{dto.title}” is in the trash. Go ▸ Trash to restore it.", 8000
        )

    def _leave_entry(self, entry_id: int) -> None:
        """Take an entry out of the list and show its neighbour instead."""
        model = self.w.list_panel.model
        row = model.row_of(entry_id)
        model.remove_id(entry_id)
        if self.w.editor.entry_id == entry_id:
            self.w.autosave.forget()
            self.w.editor.clear()
        if model.rowCount():
            nxt = model.row_data(min(max(row, 0), model.rowCount() - 1))
            self.w.list_panel.select_id(nxt.id)
            self.w.open_entry(nxt.id)

    def restore_current(self) -> None:
        entry_id = self._selected_id()
        if entry_id is None:
            return
        self.w.ops.run(
            entries.restore_entry, entry_id, on_done=self._restored, on_error=self.w._action_failed
        )

    def _restored(self, dto: EntryDTO) -> None:
        if self.w._destination.view == TRASH:
            self._leave_entry(dto.id)
        elif self.w.editor.entry_id == dto.id:
            self.w.editor.load(dto)
        self.w.statusBar().showMessage(f"“{dto.title}” is back in your journal.", 6000)

    def empty_trash(self) -> None:
        n = self.w.overview.counts.trash if self.w.overview else 0
        if n == 0:
            self.w.statusBar().showMessage("The trash is already empty.", 4000)
            return
        text = (
            f"Delete the {n} entr{'ies' if n != 1 else 'y'} in the trash for good? "
            "This cannot be undone."
        )
        if not self.w.ask(self.w, "Empty trash", text, "Empty Trash"):
            return
        self.w.ops.run(entries.empty_trash, on_done=self._emptied, on_error=self.w._action_failed)

    def _emptied(self, n: int) -> None:
        if self.w.editor.entry and self.w.editor.entry.in_trash:
            self.w.editor.clear()
        if self.w._destination.view == TRASH:
            self.w.list_panel.reload()
        self.w.statusBar().showMessage(
            f"Deleted {n} entr{'ies' if n != 1 else 'y'} for good.", 6000
        )

    # -- revision history ----------------------------------------------------------------
    def note_edited(self) -> None:
        """The user changed the open entry (its text is kept as a revision on leaving it)."""
        if self.w.editor.entry_id is not None:
            self.w.edited_ids.add(self.w.editor.entry_id)

    def left_entry(self, entry_id: int) -> None:
        """The editor moves away from an entry: save it, then, if it was edited, keep its text
        as a revision (an entry only looked at keeps nothing: moving through the list writes
        nothing)."""
        self.w.autosave.flush()
        if entry_id < 0 or entry_id not in self.w.edited_ids:
            self.w.edited_ids.discard(entry_id)  # a new entry's first text is no revision
            return
        self.w.edited_ids.discard(entry_id)

        def failed(exc: BaseException) -> None:  # an entry deleted meanwhile has no history
            log.info("no revision kept on leaving entry %s: %s", entry_id, exc)

        self.w.ops.run(history.record_revision, entry_id, on_error=failed)

    def open_history(self) -> None:
        from imgjournal.ui.history_dialog import HistoryDialog

        entry = self.w.editor.entry
        if entry is None or entry.in_trash or entry.id < 0:
            self.w.statusBar().showMessage(
                "Open an entry that is not in the trash first, then look at its history.", 4000
            )
            return
        self.w.autosave.flush()  # the list and the comparison read what is on disk
        if self.w.autosave.failing:
            self.w.statusBar().showMessage(
                "Entry History waits until your latest changes are saved; try again when the "
                "status bar says Saved.",
                8000,
            )
            return
        dialog = HistoryDialog(self.w.journal, self.w.runner, entry.id, entry.title, self.w)
        dialog.restored.connect(self._history_restored)
        dialog.finished.connect(lambda _: setattr(self.w, "history_dialog", None))
        self.w.history_dialog = dialog  # reachable from tests while it is open
        dialog.open()

    def _history_restored(self, done: history.Restored) -> None:
        dto = done.entry
        if self.w.editor.entry_id == dto.id:
            self.w.editor.load(dto)
        self.w.ops.run(
            browse.entry_rows_by_id,
            [dto.id],
            on_done=lambda rows: rows and self.w.list_panel.model.update_row(rows[0]),
            on_error=self.w._load_failed,
        )
        saved = done.restored.saved.astimezone()
        self.w.statusBar().showMessage(
            f"Restored the version saved {saved.day} {saved:%b %Y, %H:%M}; the text from "
            "before is kept in Entry History.",
            8000,
        )

    # -- prompts and tags ----------------------------------------------------------------
    def link_prompts(self) -> None:
        from imgjournal.ui.prompt_picker import PromptPicker

        if self.w.editor.entry is None or self.w.editor.entry.in_trash:
            self.w.statusBar().showMessage("Open an entry first, then link it to prompts.", 4000)
            return
        items = self.w.overview.prompts if self.w.overview else []
        editor = self.w.editor
        # Suggestions read what is on screen; the story counts already hold the stored links.
        picker = PromptPicker(
            items,
            editor.prompt_ids(),
            self.w,
            entry=editor.state() or editor.entry,
            counted=() if editor.unsaved else editor.entry.prompt_ids,
        )
        self.w._picker = picker  # reachable from tests while it is open
        if picker.exec() == PromptPicker.DialogCode.Accepted:
            self.w.editor.set_prompt_ids(picker.selected_ids())
            self.w.autosave.flush()
        self.w._picker = None

    def focus_tags(self) -> None:
        if self.w.editor.entry is not None:
            self.w.editor.tags.setFocus()
            self.w.editor.tags.end(False)

    # -- experiences ---------------------------------------------------------------------
    def _current_experience(self) -> ExperienceDTO | None:
        xid = self.w._destination.flt.experience_id
        if xid is None and self.w.editor.entry is not None:
            xid = self.w.editor.entry.experience_id
        if xid is None or self.w.overview is None:
            return None
        return next((x for x in self.w.overview.experiences if x.id == xid), None)

    def new_experience(self) -> None:
        from imgjournal.ui.experience_dialog import ExperienceDialog

        dlg = ExperienceDialog(parent=self.w)
        if dlg.exec() != ExperienceDialog.DialogCode.Accepted:
            return
        self.w.ops.run(
            experiences.create_experience,
            **dlg.values(),
            on_done=self._experience_saved,
            on_error=self.w._action_failed,
        )

    def edit_experience(self, experience_id: int | None = None) -> None:
        from imgjournal.ui.experience_dialog import ExperienceDialog

        x = self._experience_by_id(experience_id) if experience_id else self._current_experience()
        if x is None:
            self.w.statusBar().showMessage("Choose an experience in the sidebar first.", 4000)
            return
        dlg = ExperienceDialog(x, parent=self.w)
        if dlg.exec() != ExperienceDialog.DialogCode.Accepted:
            return
        self.w.ops.run(
            experiences.update_experience,
            x.id,
            **dlg.values(),
            on_done=self._experience_saved,
            on_error=self.w._action_failed,
        )

    def _experience_by_id(self, xid: int) -> ExperienceDTO | None:
        items = self.w.overview.experiences if self.w.overview else []
        return next((x for x in items if x.id == xid), None)

    def end_experience(self) -> None:
        x = self._current_experience()
        if x is None:
            self.w.statusBar().showMessage("Choose an experience in the sidebar first.", 4000)
            return
        self.w.ops.run(
            experiences.update_experience,
            x.id,
            end_date=max(date.today(), x.start_date),
            on_done=self._experience_saved,
            on_error=self.w._action_failed,
        )

    def delete_experience(self) -> None:
        x = self._current_experience()
        if x is None:
            self.w.statusBar().showMessage("Choose an experience in the sidebar first.", 4000)
            return
        text = (
            f"Delete the experience “{x.title}”? Its {x.entry_count} entr"
            f"{'ies' if x.entry_count != 1 else 'y'} stay in your journal, filed under no "
            "experience."
        )
        if not self.w.ask(self.w, "Delete experience", text, "Delete Experience"):
            return

        def done(_: int) -> None:
            if self.w._destination.flt.experience_id == x.id:
                self.w.go(ALL_DEST.key)
            if self.w.editor.entry and self.w.editor.entry.experience_id == x.id:
                self.w.open_entry(self.w.editor.entry.id, fresh=False)

        self.w.ops.run(
            experiences.delete_experience, x.id, on_done=done, on_error=self.w._action_failed
        )

    def _experience_saved(self, x: ExperienceDTO) -> None:
        self.w.statusBar().showMessage(f"Saved the experience “{x.title}”.", 4000)
        if self.w._destination.flt.experience_id == x.id:
            self.w.list_panel.reload()
