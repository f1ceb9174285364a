"""The main window: sidebar · entry list · editor, plus the Today and Prompts pages.

Every read and write goes through a service function on the task runner. After a change the
window calls :meth:`MainWindow.refresh` once, and each view redraws what it shows.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.errors import NotFoundError
from imgjournal.services import browse, entries, experiences, prompts, tags
from imgjournal.services.browse import EntryRow, JournalCounts
from imgjournal.services.dto import EntryDTO, ExperienceDTO, PromptDTO, TagDTO
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.actions import build_menus, build_toolbar, shortcut_rows
from imgjournal.ui.autosave import NOT_SAVED, AutosaveController
from imgjournal.ui.editor import EditorState, EntryEditor
from imgjournal.ui.entry_list import EntryListPanel
from imgjournal.ui.prompts_view import PromptsView
from imgjournal.ui.settings import FONT_SIZE_RANGE, AppSettings
from imgjournal.ui.sidebar import (
    ALL_DEST,
    ENTRIES,
    KIND_DESTS,
    PROMPTS,
    TODAY,
    TRASH,
    Destination,
    Sidebar,
)
from imgjournal.ui.taskrunner import Runner, SyncRunner
from imgjournal.ui.today_view import TodayView, load_today

log = logging.getLogger(__name__)

NEW_TITLE = {
    EntryKind.CASE: "New case",
    EntryKind.FEEDBACK: "Feedback from ",
    EntryKind.REFLECTION: "Reflection",
}


@dataclass(frozen=True)
class Overview:
    """What the sidebar, filters and editor combos show; loaded in one task."""

    counts: JournalCounts
    experiences: list[ExperienceDTO]
    prompts: list[PromptDTO]
    tags: list[TagDTO]


def load_overview(journal: Journal) -> Overview:
    return Overview(
        counts=browse.journal_counts(journal),
        experiences=experiences.list_experiences(journal),
        prompts=prompts.list_prompts(journal),
        tags=tags.list_tags(journal),
    )


def save_state(journal: Journal, st: EditorState) -> tuple[EntryDTO, EntryRow | None]:
    """The autosave's work on the task runner: write what the editor shows."""
    dto = entries.update_entry(
        journal,
        st.entry_id,
        title=st.title,
        entry_date=st.entry_date,
        body=st.body,
        experience_id=st.experience_id,
        prompt_ids=st.prompt_ids,
        tags=st.tags,
        **({"case": st.case} if st.case is not None else {}),
        **({"feedback": st.feedback} if st.feedback is not None else {}),
    )
    rows = browse.entry_rows_by_id(journal, [dto.id])
    return dto, rows[0] if rows else None


def overlay(entry: EntryDTO, st: EditorState) -> EntryDTO:
    """``entry`` with unsaved editor values on top (when a save has not reached the disk)."""
    return replace(
        entry,
        title=st.title,
        entry_date=st.entry_date,
        body=st.body,
        experience_id=st.experience_id,
        prompt_ids=st.prompt_ids,
        tags=st.tags,
        case=st.case if st.case is not None else entry.case,
        feedback=st.feedback if st.feedback is not None else entry.feedback,
    )


def ask_yes_no(parent: QWidget, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


class MainWindow(QMainWindow):
    entry_opened = Signal(int)  # the editor shows this entry
    refreshed = Signal()  # the sidebar, filters and combos are up to date

    def __init__(
        self, journal: Journal, runner: Runner, settings: AppSettings | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.journal = journal
        self.runner = runner
        self.settings = settings or AppSettings()
        self.ask = ask_yes_no  # replaced in tests
        self.overview: Overview | None = None
        self._destination: Destination = ALL_DEST
        self._closing = False
        self._error_shown = False
        self.setWindowTitle(f"imgjournal — {journal.home}")

        self.sidebar = Sidebar()
        self.list_panel = EntryListPanel(journal, runner)
        self.editor = EntryEditor()
        self.today = TodayView()
        self.prompts_view = PromptsView(journal, runner)
        self.browse_split = QSplitter(Qt.Orientation.Horizontal)
        self.browse_split.setObjectName("browseSplit")
        self.browse_split.addWidget(self.list_panel)
        self.browse_split.addWidget(self.editor)
        self.browse_split.setStretchFactor(0, 2)
        self.browse_split.setStretchFactor(1, 3)
        self.browse_split.setChildrenCollapsible(False)
        self.list_panel.setMinimumWidth(280)
        self.editor.setMinimumWidth(380)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.today)
        self.pages.addWidget(self.browse_split)
        self.pages.addWidget(self.prompts_view)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.sidebar)
        self.main_split.addWidget(self.pages)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_split)

        self.save_label = QLabel("Saved")
        self.save_label.setObjectName("saveStatus")
        self.save_label.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().setObjectName("statusBar")

        self.autosave = AutosaveController(
            runner,
            lambda st: save_state(journal, st),
            self.editor.state,
            delay_ms=self.settings.autosave_delay_ms,
            parent=self,
        )
        self.actions = build_menus(self)
        self.new_kind = build_toolbar(self, self.actions)
        self._list_delete = QAction("Move to Trash", self.list_panel.view)
        self._list_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._list_delete.triggered.connect(self.trash_current)
        self.list_panel.view.addAction(self._list_delete)
        self._connect()
        self.editor.set_font_size(self.settings.font_size)
        self.actions.preview.setChecked(self.settings.preview_visible)
        self._restore_geometry()
        self.refresh()
        start = self.settings.last_view
        if not self.sidebar.select(start):
            self.sidebar.select(TODAY)
        self.install_interview_prep()

    # -- wiring --------------------------------------------------------------------------
    def _connect(self) -> None:
        self.sidebar.destination_changed.connect(self._navigate)
        self.list_panel.current_entry_changed.connect(self._list_current_changed)
        self.list_panel.loaded.connect(self._list_loaded)
        self.list_panel.model.load_failed.connect(self._load_failed)
        self.list_panel.empty_action.connect(self._empty_action)
        self.editor.changed.connect(self.autosave.note_change)
        self.editor.link_prompts_requested.connect(self.link_prompts)
        self.editor.restore_requested.connect(self.restore_current)
        self.editor.preview_button.toggled.connect(self.actions.preview.setChecked)
        self.list_panel.filter_button.toggled.connect(self.actions.filters.setChecked)
        self.autosave.state_changed.connect(self._save_state_changed)
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._save_failed)
        self.autosave.recovered.connect(self._save_recovered)
        self.today.open_entry.connect(self.show_entry)
        self.today.new_entry.connect(self.new_entry)
        self.today.new_experience.connect(self.new_experience)
        self.today.edit_experience.connect(self.edit_experience)
        self.today.write_for_prompt.connect(self.write_for_prompt)
        self.today.open_sample.connect(self.open_sample)
        self.today.show_prompts.connect(lambda: self.go(PROMPTS))
        self.prompts_view.open_entry.connect(lambda eid, _pid: self.show_entry(eid))
        self.prompts_view.write_for_prompt.connect(self.write_for_prompt)
        self.prompts_view.changed.connect(self.refresh)
        self.prompts_view.error.connect(lambda text: self.statusBar().showMessage(text, 8000))

    def install_interview_prep(self) -> None:
        """Let the interview practice feature (a later module) add its menu items."""
        if importlib.util.find_spec("imgjournal.ui.interview_prep") is None:
            return
        module = importlib.import_module("imgjournal.ui.interview_prep")
        install = getattr(module, "install", None)
        if install is not None:
            install(self)

    # -- refresh -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload counts, experiences, prompts and tags (after any change of data)."""
        journal = self.journal
        self.runner.submit(
            lambda: load_overview(journal),
            self._show_overview,
            self._load_failed,
            key="overview",
        )
        if self.pages.currentWidget() is self.today:
            self._load_today()
        elif self.pages.currentWidget() is self.prompts_view:
            self.prompts_view.reload()

    def _show_overview(self, ov: Overview) -> None:
        self.overview = ov
        self.sidebar.set_counts(ov.counts)
        self.sidebar.set_experiences(ov.experiences)
        self.sidebar.set_tags(ov.tags)
        with_story = sum(1 for p in ov.prompts if p.entry_count)
        self.sidebar.set_prompt_summary(with_story, len(ov.prompts))
        self.list_panel.filters.set_choices(ov.experiences, ov.prompts, ov.tags)
        self.editor.set_experiences(ov.experiences)
        self.editor.set_prompts(ov.prompts)
        self.editor.set_known_tags([t.name for t in ov.tags])
        was_empty = self.list_panel.journal_empty
        self.list_panel.journal_empty = (
            ov.counts.all == 0 and ov.counts.trash == 0 and not ov.experiences
        )
        if was_empty != self.list_panel.journal_empty:
            self.list_panel._update_empty()
        self.update_action_states()
        self.refreshed.emit()

    def _load_today(self) -> None:
        journal = self.journal
        self.runner.submit(
            lambda: load_today(journal), self.today.show_data, self._load_failed, key="today"
        )

    def _load_failed(self, exc: BaseException) -> None:
        log.error("loading failed", exc_info=exc)
        self.statusBar().showMessage(
            ui_errors.describe(exc, self.journal.home, saving=False), 10000
        )

    # -- navigation ----------------------------------------------------------------------
    @property
    def destination(self) -> Destination:
        return self._destination

    def go(self, key: str) -> None:
        if not self.sidebar.select(key):
            log.warning("no destination %s", key)

    def _navigate(self, dest: Destination) -> None:
        self._destination = dest
        self.settings.last_view = dest.key
        if dest.view == TODAY:
            self.autosave.flush()
            self.pages.setCurrentWidget(self.today)
            self._load_today()
        elif dest.view == PROMPTS:
            self.autosave.flush()
            self.pages.setCurrentWidget(self.prompts_view)
            self.prompts_view.reload()
        else:
            self.pages.setCurrentWidget(self.browse_split)
            self.list_panel.show_destination(dest.title, dest.flt)
        self.update_action_states()

    def _show_browse(self, dest: Destination | None = None) -> None:
        """Make sure the list and editor are showing (for a destination that lists entries)."""
        if self.pages.currentWidget() is not self.browse_split or (
            dest is not None and dest.key != self._destination.key
        ):
            self.sidebar.select((dest or ALL_DEST).key)

    def show_entry(self, entry_id: int) -> None:
        """Open an entry from anywhere (Today, Prompts): list it under All entries."""
        if self._destination.view != ENTRIES or self.list_panel.model.row_of(entry_id) < 0:
            self.list_panel.search.clear()
            self._show_browse(ALL_DEST)
        self.open_entry(entry_id)
        self.list_panel.select_id(entry_id, later=True)

    def _list_current_changed(self, entry_id: int | None) -> None:
        if entry_id is not None:
            self.open_entry(entry_id)

    def _list_loaded(self) -> None:
        current = self.editor.entry_id
        if current is not None and self.list_panel.select_id(current):
            return
        if self.editor.entry_id is None or self.list_panel.model.rowCount() == 0:
            return
        if self._destination.view == TRASH and not (
            self.editor.entry and self.editor.entry.in_trash
        ):
            self.autosave.flush()
            self.editor.clear()

    def open_entry(self, entry_id: int, *, fresh: bool = False) -> None:
        """Show an entry in the editor; what was being typed is saved first."""
        if self.editor.entry_id == entry_id and not fresh:
            return
        self.autosave.flush()
        journal = self.journal
        self.runner.submit(
            lambda: entries.get_entry(journal, entry_id),
            lambda dto: self._show_in_editor(dto, fresh),
            self._load_failed,
            key="open-entry",
        )

    def _show_in_editor(self, dto: EntryDTO, fresh: bool = False) -> None:
        pending = self.autosave.unsaved.get(dto.id)
        if pending is not None:
            dto = overlay(dto, pending)
        if self.autosave.dirty and self.editor.entry_id != dto.id:
            self.autosave.flush()
        self.editor.load(dto, fresh=fresh)
        self.update_action_states()
        self.entry_opened.emit(dto.id)

    def _empty_action(self, key: str) -> None:
        if key == "experience":
            self.new_experience()
        elif key == "case":
            self.new_entry(EntryKind.CASE.value)
        elif key == "sample":
            self.open_sample()

    def move_in_list(self, step: int) -> None:
        if self.pages.currentWidget() is not self.browse_split:
            self._show_browse()
        self.list_panel.move(step)

    # -- entries -------------------------------------------------------------------------
    def new_entry_of_chosen_kind(self) -> None:
        self.new_entry(self.new_kind.currentData())

    def _experience_for_new(self) -> int | None:
        if self._destination.flt.experience_id is not None:
            return self._destination.flt.experience_id
        if self.overview is None:
            return None
        today = date.today()
        items = self.overview.experiences
        running = [x for x in items if x.in_progress(today)]
        if running:
            return max(running, key=lambda x: x.start_date).id
        past = [x for x in items if x.start_date <= today]
        return past[0].id if past else None

    def new_entry(self, kind: str, prompt_id: int | None = None) -> None:
        """Quick capture: a new entry of ``kind`` dated today, filed under the current rotation."""
        kind_enum = EntryKind(kind)
        self.autosave.flush()
        journal = self.journal
        experience_id = self._experience_for_new()
        title = NEW_TITLE[kind_enum].strip()

        def task() -> tuple[EntryDTO, EntryRow]:
            dto = entries.create_entry(
                journal,
                kind,
                title,
                experience_id=experience_id,
                prompt_ids=[prompt_id] if prompt_id else [],
            )
            return dto, browse.entry_rows_by_id(journal, [dto.id])[0]

        self.runner.submit(task, self._created, self._action_failed)

    def _created(self, result: tuple[EntryDTO, EntryRow]) -> None:
        dto, row = result
        flt = self._destination.flt
        fits = (
            self._destination.view == ENTRIES
            and flt.kind in (None, dto.kind)
            and flt.experience_id in (None, dto.experience_id)
            and flt.prompt_id is None
            and not flt.tag
            and not self.list_panel.model.searching
        )
        if not fits:
            self.list_panel.search.clear()
            self._show_browse(KIND_DESTS[EntryKind(dto.kind)])
        self.list_panel.model.insert_first(row)
        self.editor.load(dto, fresh=True)
        self.list_panel.select_id(dto.id, later=True)
        self.statusBar().showMessage(f"New {EntryKind(dto.kind).label.lower()} started.", 4000)
        self.entry_opened.emit(dto.id)
        self.refresh()

    def write_for_prompt(self, prompt_id: int) -> None:
        self.new_entry(EntryKind.REFLECTION.value, prompt_id)

    def save_now(self) -> None:
        self.autosave.flush()
        if not self.autosave.dirty:
            self.statusBar().showMessage("Everything is saved.", 3000)

    def _save_state_changed(self, state: str) -> None:
        self.save_label.setText("Not saved — retrying" if state == NOT_SAVED else state)

    def _saved(self, result: tuple[EntryDTO, EntryRow | None]) -> None:
        dto, row = result
        before = self.editor.entry if self.editor.entry_id == dto.id else None
        self.editor.accept_saved(dto)
        if row is not None:
            self.list_panel.model.update_row(row)
        if before is None or (
            before.experience_id,
            before.tags,
            before.prompt_ids,
            before.entry_date,
        ) != (dto.experience_id, dto.tags, dto.prompt_ids, dto.entry_date):
            self.refresh()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFoundError):
            # The entry was deleted for good meanwhile: nothing left to save it into.
            self.autosave.forget()
            self.editor.clear()
            self.statusBar().showMessage(str(exc), 8000)
            return
        sentence = ui_errors.describe(exc, self.journal.home)
        self.editor.show_error(sentence)
        self.statusBar().showMessage(sentence, 15000)

    def _save_recovered(self) -> None:
        self.editor.show_error(None)
        self.statusBar().showMessage("Saved again: all your text is on disk.", 6000)

    def _action_failed(self, exc: BaseException) -> None:
        log.error("action failed", exc_info=exc)
        sentence = ui_errors.describe(exc, self.journal.home, saving=False)
        QMessageBox.warning(self, "imgjournal", sentence)

    # -- trash ---------------------------------------------------------------------------
    def _selected_id(self) -> int | None:
        if self.pages.currentWidget() is self.browse_split:
            return self.editor.entry_id or self.list_panel.current_id()
        return None

    def trash_current(self) -> None:
        entry_id = self._selected_id()
        if entry_id is None or (self.editor.entry and self.editor.entry.in_trash):
            return
        self.autosave.flush()
        journal = self.journal
        self.runner.submit(
            lambda: entries.trash_entry(journal, entry_id), self._trashed, self._action_failed
        )

    def _trashed(self, dto: EntryDTO) -> None:
        self._leave_entry(dto.id)
        self.statusBar().showMessage(
            f"“{dto.title}” is in the trash. Go ▸ Trash to restore it.", 8000
        )
        self.refresh()

    def _leave_entry(self, entry_id: int) -> None:
        """Take an entry out of the list and show its neighbour instead."""
        model = self.list_panel.model
        row = model.row_of(entry_id)
        model.remove_id(entry_id)
        if self.editor.entry_id == entry_id:
            self.autosave.forget()
            self.editor.clear()
        if model.rowCount():
            nxt = model.row_data(min(max(row, 0), model.rowCount() - 1))
            self.list_panel.select_id(nxt.id)
            self.open_entry(nxt.id)

    def restore_current(self) -> None:
        entry_id = self._selected_id()
        if entry_id is None:
            return
        journal = self.journal
        self.runner.submit(
            lambda: entries.restore_entry(journal, entry_id), self._restored, self._action_failed
        )

    def _restored(self, dto: EntryDTO) -> None:
        if self._destination.view == TRASH:
            self._leave_entry(dto.id)
        elif self.editor.entry_id == dto.id:
            self.editor.load(dto)
        self.statusBar().showMessage(f"“{dto.title}” is back in your journal.", 6000)
        self.refresh()

    def empty_trash(self) -> None:
        n = self.overview.counts.trash if self.overview else 0
        if n == 0:
            self.statusBar().showMessage("The trash is already empty.", 4000)
            return
        text = (
            f"Delete the {n} entr{'ies' if n != 1 else 'y'} in the trash for good? "
            "This cannot be undone."
        )
        if not self.ask(self, "Empty trash", text, "Empty Trash"):
            return
        journal = self.journal
        self.runner.submit(lambda: entries.empty_trash(journal), self._emptied, self._action_failed)

    def _emptied(self, n: int) -> None:
        if self.editor.entry and self.editor.entry.in_trash:
            self.editor.clear()
        if self._destination.view == TRASH:
            self.list_panel.reload()
        self.statusBar().showMessage(f"Deleted {n} entr{'ies' if n != 1 else 'y'} for good.", 6000)
        self.refresh()

    # -- prompts and tags ----------------------------------------------------------------
    def link_prompts(self) -> None:
        from imgjournal.ui.prompt_picker import PromptPicker

        if self.editor.entry is None or self.editor.entry.in_trash:
            self.statusBar().showMessage("Open an entry first, then link it to prompts.", 4000)
            return
        items = self.overview.prompts if self.overview else []
        picker = PromptPicker(items, self.editor.prompt_ids(), self)
        self._picker = picker  # reachable from tests while it is open
        if picker.exec() == PromptPicker.DialogCode.Accepted:
            self.editor.set_prompt_ids(picker.selected_ids())
            self.autosave.flush()
        self._picker = None

    def focus_tags(self) -> None:
        if self.editor.entry is not None:
            self.editor.tags.setFocus()
            self.editor.tags.end(False)

    # -- experiences ---------------------------------------------------------------------
    def _current_experience(self) -> ExperienceDTO | None:
        xid = self._destination.flt.experience_id
        if xid is None and self.editor.entry is not None:
            xid = self.editor.entry.experience_id
        if xid is None or self.overview is None:
            return None
        return next((x for x in self.overview.experiences if x.id == xid), None)

    def new_experience(self) -> None:
        from imgjournal.ui.experience_dialog import ExperienceDialog

        dlg = ExperienceDialog(parent=self)
        if dlg.exec() != ExperienceDialog.DialogCode.Accepted:
            return
        values, journal = dlg.values(), self.journal
        self.runner.submit(
            lambda: experiences.create_experience(journal, **values),
            self._experience_saved,
            self._action_failed,
        )

    def edit_experience(self, experience_id: int | None = None) -> None:
        from imgjournal.ui.experience_dialog import ExperienceDialog

        x = self._experience_by_id(experience_id) if experience_id else self._current_experience()
        if x is None:
            self.statusBar().showMessage("Choose an experience in the sidebar first.", 4000)
            return
        dlg = ExperienceDialog(x, parent=self)
        if dlg.exec() != ExperienceDialog.DialogCode.Accepted:
            return
        values, journal = dlg.values(), self.journal
        self.runner.submit(
            lambda: experiences.update_experience(journal, x.id, **values),
            self._experience_saved,
            self._action_failed,
        )

    def _experience_by_id(self, xid: int) -> ExperienceDTO | None:
        items = self.overview.experiences if self.overview else []
        return next((x for x in items if x.id == xid), None)

    def end_experience(self) -> None:
        x = self._current_experience()
        if x is None:
            self.statusBar().showMessage("Choose an experience in the sidebar first.", 4000)
            return
        journal, today = self.journal, max(date.today(), x.start_date)
        self.runner.submit(
            lambda: experiences.update_experience(journal, x.id, end_date=today),
            self._experience_saved,
            self._action_failed,
        )

    def delete_experience(self) -> None:
        x = self._current_experience()
        if x is None:
            self.statusBar().showMessage("Choose an experience in the sidebar first.", 4000)
            return
        text = (
            f"Delete the experience “{x.title}”? Its {x.entry_count} entr"
            f"{'ies' if x.entry_count != 1 else 'y'} stay in your journal, filed under no "
            "experience."
        )
        if not self.ask(self, "Delete experience", text, "Delete Experience"):
            return
        journal = self.journal

        def done(_: int) -> None:
            if self._destination.flt.experience_id == x.id:
                self.go(ALL_DEST.key)
            self.refresh()
            if self.editor.entry and self.editor.entry.experience_id == x.id:
                self.open_entry(self.editor.entry.id, fresh=False)

        self.runner.submit(
            lambda: experiences.delete_experience(journal, x.id), done, self._action_failed
        )

    def _experience_saved(self, x: ExperienceDTO) -> None:
        self.statusBar().showMessage(f"Saved the experience “{x.title}”.", 4000)
        self.refresh()
        if self._destination.flt.experience_id == x.id:
            self.list_panel.reload()

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
        has_x = self._current_experience() is not None
        for act in (a.edit_experience, a.end_experience, a.delete_experience):
            act.setEnabled(has_x)
        a.empty_trash.setEnabled(bool(self.overview and self.overview.counts.trash))

    # -- dialogs -------------------------------------------------------------------------
    def open_print_dialog(self) -> None:
        self.autosave.flush()
        if importlib.util.find_spec("imgjournal.ui.print_dialog") is None:
            QMessageBox.information(
                self, "Print", "Printing study sheets arrives in a coming version of imgjournal."
            )
            return
        from importlib import import_module

        module = import_module("imgjournal.ui.print_dialog")
        dialog = module.PrintDialog(self.journal, self.runner, self)
        dialog.exec()

    def open_settings(self) -> None:
        from imgjournal.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self.journal.home, self)
        if dlg.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.editor.set_font_size(self.settings.font_size)
        self.autosave.set_delay(self.settings.autosave_delay_ms)
        from imgjournal.ui.app import apply_appearance

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
        from imgjournal.ui.app import open_sample_journal

        if not open_sample_journal():
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

    # -- geometry and closing ------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.settings.geometry("geometry")
        if geo is None or not self.restoreGeometry(geo):
            self.resize(1280, 800)
        for name, split in (
            ("main_split", self.main_split),
            ("browse_split", self.browse_split),
            ("editor_split", self.editor.vsplit),
        ):
            state = self.settings.geometry(name)
            if state is not None:
                split.restoreState(state)
        if self.settings.geometry("main_split") is None:
            self.main_split.setSizes([200, 1080])
            self.browse_split.setSizes([440, 640])

    def _save_geometry(self) -> None:
        self.settings.set_geometry("geometry", QByteArray(self.saveGeometry()))
        self.settings.set_geometry("main_split", self.main_split.saveState())
        self.settings.set_geometry("browse_split", self.browse_split.saveState())
        self.settings.set_geometry("editor_split", self.editor.vsplit.saveState())
        self.settings.sync()

    def finish(self) -> bool:
        """Save everything now (closing, quitting); False if some text could not be saved."""
        return self.autosave.flush_and_wait()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.finish():
            sentence = ui_errors.describe(
                self.autosave.last_error or RuntimeError("unknown"),
                self.journal.home,
                saving=False,
            )
            keep = self.ask(
                self,
                "Not saved",
                f"Your latest changes are not saved: {sentence} Keep the window open and try "
                "again?",
                "Keep Open",
            )
            if keep:
                event.ignore()
                return
        self._save_geometry()
        self._closing = True
        event.accept()

    def quit_app(self) -> None:
        self.close()


def create_main_window(
    journal: Journal, runner: Runner | None = None, settings: AppSettings | None = None
) -> MainWindow:
    """The window on an open journal; tests pass a :class:`SyncRunner` and temporary settings."""
    return MainWindow(journal, runner if runner is not None else SyncRunner(), settings)
