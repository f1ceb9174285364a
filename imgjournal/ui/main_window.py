"""The main window: sidebar · entry list · editor, plus the Today and Prompts pages.

Every read and write goes through a service function on the task runner (``self.ops``). What a
write committed comes back on ``runner.changed`` (:class:`imgjournal.opchanges.Changes`), and
each view reloads only when that touches what it shows (:mod:`imgjournal.ui.window_changes`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.errors import NotFoundError
from imgjournal.opchanges import EVERYTHING, Changes
from imgjournal.services.browse import EntryRow
from imgjournal.services.dto import EntryDTO
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.actions import build_menus, build_toolbar
from imgjournal.ui.autosave import NOT_SAVED, AutosaveController
from imgjournal.ui.backups_view import BackupCommands
from imgjournal.ui.editor import EntryEditor
from imgjournal.ui.entry_list import EntryListPanel
from imgjournal.ui.external_changes import ExternalChangeWatcher
from imgjournal.ui.idle_lock import WindowLock
from imgjournal.ui.services import entries, history
from imgjournal.ui.settings import AppSettings
from imgjournal.ui.sidebar import (
    ALL_DEST,
    ENTRIES,
    KIND_DESTS,
    PREP,
    PROMPTS,
    TODAY,
    TRASH,
    Destination,
    Sidebar,
)
from imgjournal.ui.taskrunner import Ops, Runner, SyncRunner
from imgjournal.ui.today_view import TodayView, load_today
from imgjournal.ui.window_changes import changes_overview, changes_prompts, changes_today
from imgjournal.ui.window_data import (
    Overview,
    ask_yes_no,
    load_overview,
    overlay,
    save_state,
    unsaved_entry,
)
from imgjournal.ui.window_privacy import PrivacyCommands
from imgjournal.ui.window_records import RecordCommands
from imgjournal.ui.window_view import ViewCommands

if TYPE_CHECKING:
    from imgjournal.ui.history_dialog import HistoryDialog
    from imgjournal.ui.prompts_view import PromptsView

log = logging.getLogger(__name__)

NEW_TITLE = {
    EntryKind.CASE: "New case",
    EntryKind.FEEDBACK: "Feedback from ",
    EntryKind.REFLECTION: "Reflection",
}


# The width the entry's page keeps beside the privacy findings when the list can give it.
PAGE_ROOM = 460


class MainWindow(QMainWindow):
    entry_opened = Signal(int)  # the editor shows this entry
    exported = Signal(str)  # a JSON export was written to this path
    legacy_scanned = Signal(int)  # the one-time privacy scan found this many entries
    refreshed = Signal()  # the sidebar, filters and combos are up to date

    def __init__(
        self,
        journal: Journal,
        runner: Runner,
        settings: AppSettings | None = None,
        *,
        install_extras: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        runner.watch(journal.take_changes)  # every task's writes are heard on runner.changed
        # The window's commands, by what they act on (each holds the window).
        self.record_commands = RecordCommands(self)  # the trash, experiences, history, links
        self.privacy_commands = PrivacyCommands(self)  # the guard, its gates, JSON export
        self.backup_commands = BackupCommands(self)
        self.view_commands = ViewCommands(self)  # edit and view, the small dialogs
        self.settings = settings or AppSettings()
        self.ask = ask_yes_no  # replaced in tests
        self.overview: Overview | None = None
        self._destination: Destination = ALL_DEST
        self._closing = False
        self.setWindowTitle(f"imgjournal — {journal.home}")

        self.sidebar = Sidebar()
        self.list_panel = EntryListPanel(journal, runner)
        self.editor = EntryEditor()
        self.today = TodayView()
        self._prompts_view: PromptsView | None = None  # built on the first visit
        self.history_dialog: HistoryDialog | None = None  # while Entry History is open
        self.edited_ids: set[int] = set()  # entries edited since they were opened
        self.browse_split = QSplitter(Qt.Orientation.Horizontal)
        self.browse_split.setObjectName("browseSplit")
        self.browse_split.addWidget(self.list_panel)
        self.browse_split.addWidget(self.editor)
        self.browse_split.setStretchFactor(0, 2)
        self.browse_split.setStretchFactor(1, 3)
        self.browse_split.setChildrenCollapsible(False)
        self.list_panel.setMinimumWidth(280)
        self.editor.setMinimumWidth(380)
        self.editor.findings_panel.shown.connect(self._make_room_for_findings)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.today)
        self.pages.addWidget(self.browse_split)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.sidebar)
        self.main_split.addWidget(self.pages)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setChildrenCollapsible(False)
        # The window's one central widget: the journal, or the lock screen in its place.
        self.root = QStackedWidget()
        self.root.setObjectName("root")
        self.root.addWidget(self.main_split)
        self.setCentralWidget(self.root)

        self.save_label = QLabel("")  # says Saved once there is something it saved
        self.save_label.setObjectName("saveStatus")
        self.save_label.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().setObjectName("statusBar")

        # New entries the editor showed before their first save: their id (negative) -> the
        # stored one; written only on the task runner's thread, by save_state.
        self._created_ids: dict[int, int] = {}
        self._last_unsaved_id = 0
        self.autosave = AutosaveController(
            runner,
            lambda st: save_state(journal, st, self._created_ids),
            self.editor.state,
            delay_ms=self.settings.autosave_delay_ms,
            parent=self,
        )
        # The command line may write while the window is open: its commits show within ~1 s.
        self.external = ExternalChangeWatcher(journal, runner, parent=self)
        self.backup_commands.install_backups()
        self.privacy_commands.install_privacy()
        self.screen_lock = WindowLock(self)
        self.root.addWidget(self.screen_lock.screen)
        self._legacy_started = False
        self.actions = build_menus(self)
        self.new_kind = build_toolbar(self, self.actions)
        self._list_delete = QAction("Move to Trash", self.list_panel.view)
        self._list_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._list_delete.triggered.connect(self.record_commands.trash_current)
        self.list_panel.view.addAction(self._list_delete)
        self._connect()
        # Pages added by features (view name -> show it): Readiness and Letters (issue 18).
        self.extra_pages: dict[str, Callable[[], None]] = {}
        from imgjournal.ui.readiness_install import install as install_readiness

        install_readiness(self)
        from imgjournal.ui.programs_install import install as install_programs

        install_programs(self)
        self.editor.set_font_size(self.settings.font_size)
        self._restore_geometry()
        # What the user sees first is asked for first; the counts and lists of the sidebar are
        # asked for once it is on screen (or after 300 ms), so they do not compete with it.
        # An experience or tag view to start on waits for the sidebar.
        self._overview_asked = False
        self._pending_view: str | None = None
        start = self.settings.last_view
        if not self.sidebar.select(start):
            self._pending_view = start
            self.sidebar.select(ALL_DEST.key)
            if self.overview is not None:  # already loaded (a synchronous runner)
                self._show_overview(self.overview)
        if not self._overview_asked:
            QTimer.singleShot(300, self, self._first_view_shown)
        if install_extras:
            self.install_interview_prep()
        self.external.start()

    # -- wiring --------------------------------------------------------------------------
    def _connect(self) -> None:
        self.sidebar.destination_changed.connect(self._navigate)
        self.list_panel.current_entry_changed.connect(self._list_current_changed)
        self.list_panel.loaded.connect(self._list_loaded)
        self.list_panel.model.load_failed.connect(self._load_failed)
        self.list_panel.empty_action.connect(self._empty_action)
        self.editor.changed.connect(self.autosave.note_change)
        self.editor.link_prompts_requested.connect(self.record_commands.link_prompts)
        self.editor.restore_requested.connect(self.record_commands.restore_current)
        self.editor.leaving.connect(self.record_commands.left_entry)
        self.editor.changed.connect(self.record_commands.note_edited)
        self.list_panel.filter_button.toggled.connect(self.actions.filters.setChecked)
        self.autosave.state_changed.connect(self._save_state_changed)
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._save_failed)
        self.autosave.error.connect(self._save_error)
        self.editor.retry_requested.connect(self.autosave.flush)
        self.autosave.recovered.connect(self._save_recovered)
        self.external.changed.connect(self.reload_external_changes)
        self.runner.changed.connect(self.show_changes)
        self.today.open_entry.connect(self.show_entry)
        self.today.review_privacy.connect(
            lambda eid: self.privacy_commands.review_legacy_findings(eid or None)
        )
        self.today.hide_privacy.connect(lambda: self.privacy_commands.review_legacy_findings(None))
        self.today.new_entry.connect(self.new_entry)
        self.today.new_experience.connect(self.record_commands.new_experience)
        self.today.edit_experience.connect(self.record_commands.edit_experience)
        self.today.write_for_prompt.connect(self.write_for_prompt)
        self.today.open_sample.connect(self.view_commands.open_sample)
        self.today.show_prompts.connect(lambda: self.go(PROMPTS))

    @property
    def prompts_view(self) -> PromptsView:
        """The Prompts page, made the first time it is needed (it is not on the first screen)."""
        if self._prompts_view is None:
            from imgjournal.ui.prompts_view import PromptsView

            view = PromptsView(self.journal, self.runner)
            view.open_entry.connect(lambda eid, _pid: self.show_entry(eid))
            view.write_for_prompt.connect(self.write_for_prompt)
            view.error.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(view)
            self._prompts_view = view
        return self._prompts_view

    def open_eras(self) -> None:
        """Application ▸ ERAS Experiences…: the composer window (one, made on first use)."""
        from imgjournal.ui.eras_view import ErasWindow

        if getattr(self, "eras_window", None) is None:
            self.eras_window = ErasWindow(self)
        else:
            self.eras_window.reload()
        self.eras_window.show()
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "offscreen":  # nothing to raise there
            self.eras_window.raise_()
            self.eras_window.activateWindow()

    def eras_experience_hint(self) -> int | None:
        """The journal experience a new ERAS experience draws on: the one the list shows."""
        return self._destination.flt.experience_id

    def install_interview_prep(self) -> None:
        """Let the interview practice feature add its menu items (imported after start-up)."""
        from imgjournal.ui.prep import install

        prep = install(self)
        if self._destination.view == PREP:  # the window opened on a prep page
            prep.show_page(self._destination.key.partition(":")[2])

    def update_action_states(self) -> None:
        a = self.actions
        entry = self.editor.entry
        browsing = self.pages.currentWidget() is self.browse_split
        in_trash = bool(entry and entry.in_trash)
        a.trash.setEnabled(browsing and entry is not None and not in_trash)
        a.restore.setEnabled(browsing and in_trash)
        a.link_prompts.setEnabled(entry is not None and not in_trash)
        a.history.setEnabled(entry is not None and not in_trash)
        has_x = self.record_commands._current_experience() is not None
        for act in (a.edit_experience, a.end_experience, a.delete_experience):
            act.setEnabled(has_x)
        a.empty_trash.setEnabled(bool(self.overview and self.overview.counts.trash))

    # -- changes -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload everything the window shows (the file itself changed: unlocked, restored)."""
        self.ops.announce(EVERYTHING)

    def show_changes(self, changes: Changes) -> None:
        """What a write committed (``runner.changed``): reload only the views that show it."""
        if self._closing or self.journal.locked:
            return
        if changes_overview(changes):
            self._overview_asked = True
            self._refresh_overview()
        page = self.pages.currentWidget()
        if page is self.today:
            if changes_today(changes):
                self._load_today()
        elif page is self._prompts_view and changes_prompts(changes):
            self._prompts_view.reload()

    def reload_external_changes(self) -> None:
        """Another program (the command line) committed: reload the counts and the list.

        The editor is left alone, so what is being typed is neither reloaded nor interrupted.
        """
        if self._closing:
            return
        self.refresh()
        if self.pages.currentWidget() is self.browse_split:
            self.list_panel.reload()

    def _show_overview(self, ov: Overview) -> None:
        self.overview = ov
        self.sidebar.set_counts(ov.counts)
        self.sidebar.set_experiences(ov.experiences)
        self.sidebar.set_tags(ov.tags)
        if self._pending_view is not None:
            self.sidebar.select(self._pending_view)
            self._pending_view = None
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

    def _refresh_overview(self) -> None:
        self.ops.run(
            load_overview, on_done=self._show_overview, on_error=self._load_failed, key="overview"
        )

    def _first_view_shown(self) -> None:
        if not self._overview_asked:
            self._overview_asked = True
            self._refresh_overview()
        if not self._legacy_started:
            self._legacy_started = True
            self.privacy_commands.load_allowed()
            self.privacy_commands.start_legacy_scan()

    def _load_today(self) -> None:
        def show(data: object) -> None:
            self.today.show_data(data)
            self._first_view_shown()

        self.ops.run(load_today, on_done=show, on_error=self._load_failed, key="today")

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
        elif dest.view == PREP:  # an interview prep page (ui/prep), once it is installed
            self.autosave.flush()
            prep = getattr(self, "prep", None)
            if prep is not None:
                prep.show_page(dest.key.partition(":")[2])
        elif dest.view in self.extra_pages:
            self.autosave.flush()
            self.extra_pages[dest.view]()
        else:
            self.pages.setCurrentWidget(self.browse_split)
            self.list_panel.show_destination(dest.title, dest.flt)
        self.update_action_states()

    def _make_room_for_findings(self) -> None:
        """The findings panel takes its width from the entry's page: the list gives that
        width back (down to its minimum), so the page keeps room to write beside the panel."""
        sizes = self.browse_split.sizes()
        if len(sizes) != 2 or not self.browse_split.isVisible():
            return
        panel = self.editor.findings_panel
        listed, editor = sizes
        want = max(panel.width(), panel.minimumWidth()) + PAGE_ROOM
        take = min(want - editor, listed - self.list_panel.minimumWidth())
        if take > 0:
            self.browse_split.setSizes([listed - take, editor + take])

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
        self._first_view_shown()
        current = self.editor.entry_id
        # Keep the open entry selected, but show a search's best results, not its position.
        scroll = not self.list_panel.model.searching
        if current is not None and self.list_panel.select_id(current, scroll=scroll):
            if not scroll:
                self.list_panel.view.scrollToTop()
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
        self.ops.run(
            entries.get_entry,
            entry_id,
            on_done=lambda dto: self._show_in_editor(dto, fresh),
            on_error=self._load_failed,
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
            self.record_commands.new_experience()
        elif key == "case":
            self.new_entry(EntryKind.CASE.value)
        elif key == "sample":
            self.view_commands.open_sample()

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
        """Quick capture: a new entry of ``kind`` dated today, filed under the current rotation.

        Nothing is stored until the first edit (its first save creates it): a new entry left
        without typing leaves nothing behind."""
        self.autosave.flush()
        self._last_unsaved_id -= 1
        dto = unsaved_entry(
            self._last_unsaved_id,
            kind,
            NEW_TITLE[EntryKind(kind)].strip(),
            experience_id=self._experience_for_new(),
            prompt_ids=(prompt_id,) if prompt_id else (),
        )
        self._show_where_new_goes(dto)
        self.editor.load(dto, fresh=True)
        self.statusBar().showMessage(
            f"New {EntryKind(dto.kind).label.lower()}: it is saved once you type.", 4000
        )
        self.update_action_states()
        self.entry_opened.emit(dto.id)

    def stored_id(self, entry_id: int | None = None) -> int | None:
        """The journal's id of ``entry_id`` (default: the editor's entry): itself for a stored
        entry; for a new one, its id once its first save created it, None before."""
        if entry_id is None:
            entry_id = self.editor.entry_id
        if entry_id is None or entry_id >= 0:
            return entry_id
        return self._created_ids.get(entry_id)

    def _show_where_new_goes(self, dto: EntryDTO) -> None:
        """Show a list the new entry will belong to (its kind's, unless the current one fits)."""
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
        self.list_panel.view.setCurrentIndex(QModelIndex())  # the new entry has no row yet

    def write_for_prompt(self, prompt_id: int) -> None:
        self.new_entry(EntryKind.REFLECTION.value, prompt_id)

    def save_now(self) -> None:
        self.autosave.flush()
        if not self.autosave.dirty:
            self.statusBar().showMessage("Everything is saved.", 3000)

    def _save_state_changed(self, state: str) -> None:
        self.save_label.setText("Not saved — retrying" if state == NOT_SAVED else state)

    def _saved(self, result: tuple[EntryDTO, EntryRow | None]) -> None:
        """A save reached the disk. The editor and the entry's row take its result; the other
        views hear of it on ``runner.changed`` (the counts only if, say, the date changed)."""
        dto, row = result
        unsaved = self.editor.entry_id
        if unsaved is not None and unsaved < 0 and self._created_ids.get(unsaved) == dto.id:
            self.editor.adopt(dto)  # the new entry's first save: it is stored now
            self.entry_opened.emit(dto.id)
        else:
            self.editor.accept_saved(dto)
        if row is None:
            return
        if self.list_panel.model.row_of(dto.id) >= 0:
            self.list_panel.model.update_row(row)
        elif dto.id in self._created_ids.values():
            self.list_panel.model.insert_first(row)
            # Selected only while no other row is: a click on another entry, made while the
            # first save ran, is not taken back.
            if self.editor.entry_id == dto.id and self.list_panel.current_id() is None:
                self.list_panel.select_id(dto.id, later=True)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotFoundError):
            # The entry was deleted for good meanwhile: nothing left to save it into.
            self.autosave.forget()
            self.editor.clear()
            self.statusBar().showMessage(str(exc), 8000)
            return

    def _save_error(self, exc: BaseException) -> None:
        """Every failed save: one banner above the editor (never a dialog, never two) says
        what is wrong and what to do; it follows the cause as it changes."""
        if isinstance(exc, NotFoundError) or not self.autosave.failing:
            return
        sentence = ui_errors.describe(exc, self.journal.home)
        if sentence != self.save_error_text():
            self.editor.show_error(sentence)
            self.statusBar().showMessage(sentence, 15000)

    def save_error_text(self) -> str:
        """What the banner of a failing save says ("" when it is hidden)."""
        if self.editor.error_banner.isHidden():
            return ""
        return self.editor.error_banner.findChild(QLabel, "errorBannerText").text()

    def _save_recovered(self) -> None:
        self.editor.show_error(None)
        self.statusBar().showMessage("Saved again: all your text is on disk.", 6000)

    def _action_failed(self, exc: BaseException) -> None:
        log.error("action failed", exc_info=exc)
        sentence = ui_errors.describe(exc, self.journal.home, saving=False)
        QMessageBox.warning(self, "imgjournal", sentence)

    # -- geometry and closing ------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.settings.geometry("geometry")
        if geo is None or not self.restoreGeometry(geo):
            self.resize(1280, 800)
        for name, split in (
            ("main_split", self.main_split),
            ("browse_split", self.browse_split),
        ):
            state = self.settings.geometry(name)
            if state is not None:
                split.restoreState(state)
        if self.settings.geometry("main_split") is None:
            self.main_split.setSizes([200, 1080])
            self.browse_split.setSizes([490, 590])  # the list reads titles; the page wraps

    def _save_geometry(self) -> None:
        self.settings.set_geometry("geometry", QByteArray(self.saveGeometry()))
        self.settings.set_geometry("main_split", self.main_split.saveState())
        self.settings.set_geometry("browse_split", self.browse_split.saveState())
        self.settings.sync()

    def finish(self) -> bool:
        """Save everything now (closing, quitting); False if some text could not be saved."""
        saved = self.autosave.flush_and_wait()
        composer = getattr(self, "eras_window", None)
        if composer is not None and composer.flush():  # it said why on its own page
            log.warning("the ERAS composer's changes could not be saved on closing")
        entry = self.editor.entry
        if saved and entry is not None and entry.id in self.edited_ids and not self._closing:
            self.edited_ids.discard(entry.id)
            journal = self.journal
            try:  # closing leaves the entry: keep its text as a revision
                self.runner.run_now(lambda: history.record_revision(journal, entry.id))
            except Exception as exc:  # noqa: BLE001 - the text itself is saved
                log.warning("could not keep a revision on closing: %s", exc)
        return saved

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.screen_lock.locked:
            # Everything was saved when it locked (what could not be is saved on unlock).
            if self.autosave.dirty and self.ask(
                self,
                "Not saved",
                "Some changes could not be saved before the journal locked; unlock it to save "
                "them. Keep the window open?",
                "Keep Open",
            ):
                event.ignore()
                return
            self._close_down(event)
            return
        composer = getattr(self, "eras_window", None)
        if composer is not None and composer.isVisible() and not composer.close():
            event.ignore()  # its changes cannot be saved and the user kept it open
            return
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
        self._close_down(event)

    def _close_down(self, event: QCloseEvent) -> None:
        self._save_geometry()
        self._closing = True
        self.screen_lock.close()
        self.external.stop()
        self.autosave.close()  # nothing can be typed any more; no timer may outlive the runner
        self.privacy_guard.close()  # a check under way ends before the journal closes
        event.accept()

    def quit_app(self) -> None:
        self.close()


def create_main_window(
    journal: Journal, runner: Runner | None = None, settings: AppSettings | None = None
) -> MainWindow:
    """The window on an open journal; tests pass a :class:`SyncRunner` and temporary settings."""
    return MainWindow(journal, runner if runner is not None else SyncRunner(), settings)
