"""The menu bar and toolbar: every main action, with its shortcut shown in the menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QToolBar, QWidget

from imgjournal.domain import EntryKind

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

Key = QKeySequence.StandardKey

# The shortcuts in one table, so the menus, docs/desktop.md and the Help dialog agree.
SHORTCUTS: dict[str, list[QKeySequence | Key | str]] = {
    "new_entry": [Key.New],
    "new_case": ["Ctrl+Shift+1"],
    "new_feedback": ["Ctrl+Shift+2"],
    "new_reflection": ["Ctrl+Shift+3"],
    "new_experience": ["Ctrl+Shift+E"],
    "save": [Key.Save],
    "print": [Key.Print],
    "settings": [Key.Preferences, "Ctrl+,"],
    "lock": ["Ctrl+Shift+L"],
    "quit": [Key.Quit, "Ctrl+Q"],
    "undo": [Key.Undo],
    "redo": [Key.Redo],
    "find": [Key.Find],
    "link_prompts": ["Ctrl+L"],
    "edit_tags": ["Ctrl+Shift+T"],
    "history": ["Ctrl+Shift+H"],
    "trash": ["Ctrl+Backspace", "Ctrl+Delete"],
    "restore": ["Ctrl+Shift+R"],
    "filters": ["Ctrl+Shift+F"],
    "bigger": [Key.ZoomIn, "Ctrl+="],
    "smaller": [Key.ZoomOut],
    "go_today": ["Ctrl+T", "Ctrl+0"],
    "go_all": ["Ctrl+1"],
    "go_cases": ["Ctrl+2"],
    "go_feedback": ["Ctrl+3"],
    "go_reflections": ["Ctrl+4"],
    "go_prompts": ["Ctrl+5"],
    "go_trash": ["Ctrl+6"],
    "next": ["Alt+Down", "Ctrl+PgDown"],
    "previous": ["Alt+Up", "Ctrl+PgUp"],
    "help": [Key.HelpContents, "F1"],
}


def _keys(name: str) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for k in SHORTCUTS.get(name, []):
        seqs = QKeySequence.keyBindings(k) if isinstance(k, Key) else [QKeySequence(k)]
        for s in seqs:
            if not s.isEmpty() and s not in out:
                out.append(s)
    return out


class Actions:
    """Named QActions of the main window (``window.actions.new_case`` ...)."""

    def __init__(self, w: MainWindow) -> None:
        self._w = w
        self.all: dict[str, QAction] = {}
        k = EntryKind
        self.new_entry = self._make(
            "new_entry",
            "&New Entry",
            w.new_entry_of_chosen_kind,
            "A new entry of the kind chosen in the toolbar",
        )
        self.new_case = self._make("new_case", "New &Case", lambda: w.new_entry(k.CASE.value))
        self.new_feedback = self._make(
            "new_feedback", "New &Feedback", lambda: w.new_entry(k.FEEDBACK.value)
        )
        self.new_reflection = self._make(
            "new_reflection", "New &Reflection", lambda: w.new_entry(k.REFLECTION.value)
        )
        self.new_experience = self._make(
            "new_experience", "New E&xperience…", w.record_commands.new_experience
        )
        self.save = self._make(
            "save", "&Save Now", w.save_now, "Entries save themselves; this saves at once"
        )
        self.print = self._make("print", "&Print…", w.view_commands.open_print_dialog)
        self.export = self._make(
            "export",
            "&Export to JSON…",
            w.privacy_commands.export_json,
            "The whole journal as one JSON file (asks first if it holds possible identifiers)",
        )
        self.import_file = self._make(
            "import_file",
            "&Import…",
            lambda: _open_import(w),
            "Bring in a jrnl journal, a Day One export or a spreadsheet of cases",
        )
        self.export_markdown = self._make(
            "export_markdown",
            "Export to &Markdown Folder…",
            lambda: _export_markdown(w),
            "Every entry as a Markdown note, in a folder Obsidian opens as a vault",
        )
        self.backups = self._make(
            "backups",
            "&Backups…",
            w.backup_commands.open_backups,
            "Back up now, or restore an earlier backup",
        )
        self.settings = self._make("settings", "Se&ttings…", w.view_commands.open_settings)
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.lock = self._make(
            "lock",
            "&Lock",
            lambda: w.screen_lock.lock(),
            "Hide the journal's text and close it until the passphrase is typed again",
        )
        self.quit = self._make("quit", "&Quit", w.quit_app)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = self._make("undo", "&Undo", w.view_commands.undo)
        self.redo = self._make("redo", "&Redo", w.view_commands.redo)
        self.find = self._make("find", "&Find…", w.view_commands.focus_search)
        self.link_prompts = self._make(
            "link_prompts", "&Link Interview Prompts…", w.record_commands.link_prompts
        )
        self.edit_tags = self._make("edit_tags", "Edit &Tags", w.record_commands.focus_tags)
        self.history = self._make(
            "history",
            "Entry &History…",
            w.record_commands.open_history,
            "Earlier versions of this entry: compare them with the text now, restore one",
        )
        self.history.setIconText("History")
        self.trash = self._make("trash", "&Move to Trash", w.record_commands.trash_current)
        self.restore = self._make(
            "restore", "R&estore from Trash", w.record_commands.restore_current
        )
        self.empty_trash = self._make("empty_trash", "Empty Tras&h…", w.record_commands.empty_trash)

        self.filters = self._make("filters", "Search &Filters", None)
        self.filters.setCheckable(True)
        self.filters.toggled.connect(w.view_commands.show_filters)
        self.bigger = self._make(
            "bigger", "&Larger Text", lambda: w.view_commands.change_font_size(1)
        )
        self.smaller = self._make(
            "smaller", "&Smaller Text", lambda: w.view_commands.change_font_size(-1)
        )

        self.go_today = self._make("go_today", "&Today", lambda: w.go("today"))
        self.go_all = self._make("go_all", "&All Entries", lambda: w.go("all"))
        self.go_cases = self._make("go_cases", "&Cases", lambda: w.go("kind:case"))
        self.go_feedback = self._make("go_feedback", "&Feedback", lambda: w.go("kind:feedback"))
        self.go_reflections = self._make(
            "go_reflections", "&Reflections", lambda: w.go("kind:reflection")
        )
        self.go_prompts = self._make("go_prompts", "&Prompts", lambda: w.go("prompts"))
        self.go_trash = self._make("go_trash", "Tr&ash", lambda: w.go("trash"))
        self.next = self._make("next", "&Next Entry", lambda: w.move_in_list(1))
        self.previous = self._make("previous", "&Previous Entry", lambda: w.move_in_list(-1))

        self.edit_experience = self._make(
            "edit_experience", "&Edit Experience…", w.record_commands.edit_experience
        )
        self.end_experience = self._make(
            "end_experience", "E&nd Experience Today", w.record_commands.end_experience
        )
        self.delete_experience = self._make(
            "delete_experience", "&Delete Experience…", w.record_commands.delete_experience
        )

        self.eras = self._make(
            "eras",
            "ERAS &Experiences…",
            w.open_eras,
            "Compose the application's experiences (ERAS) from the journal",
        )
        self.help = self._make("help", "&Keyboard Shortcuts", w.view_commands.show_shortcuts)
        self.about = self._make("about", "&About imgjournal", w.view_commands.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def _make(self, name: str, text: str, slot, tip: str = "") -> QAction:  # noqa: ANN001
        a = QAction(text, self._w)
        a.setObjectName(f"action_{name}")
        keys = _keys(name)
        if keys:
            a.setShortcuts(keys)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            a.setStatusTip(tip)
        if slot is not None:
            a.triggered.connect(lambda _=False: slot())
        self.all[name] = a
        return a


def _open_import(w: MainWindow) -> None:
    from imgjournal.ui.import_dialog import open_import_dialog

    open_import_dialog(w)


def _export_markdown(w: MainWindow) -> None:
    from imgjournal.ui.import_dialog import export_markdown_folder

    export_markdown_folder(w)


def build_menus(w: MainWindow) -> Actions:
    a = Actions(w)
    mb = w.menuBar()
    file = mb.addMenu("&File")
    file.setObjectName("fileMenu")
    for act in (a.new_entry, a.new_case, a.new_feedback, a.new_reflection):
        file.addAction(act)
    file.addSeparator()
    file.addAction(a.new_experience)
    file.addSeparator()
    file.addAction(a.save)
    file.addAction(a.print)
    file.addAction(a.import_file)
    file.addAction(a.export)
    file.addAction(a.export_markdown)
    file.addAction(a.backups)
    file.addSeparator()
    file.addAction(a.settings)
    file.addSeparator()
    file.addAction(a.lock)
    file.addAction(a.quit)

    edit = mb.addMenu("&Edit")
    edit.setObjectName("editMenu")
    edit.addAction(a.undo)
    edit.addAction(a.redo)
    edit.addSeparator()
    edit.addAction(a.find)
    edit.addSeparator()
    edit.addAction(a.link_prompts)
    edit.addAction(a.edit_tags)
    edit.addAction(a.history)
    edit.addSeparator()
    edit.addAction(a.trash)
    edit.addAction(a.restore)
    edit.addAction(a.empty_trash)
    edit.aboutToShow.connect(w.update_action_states)

    view = mb.addMenu("&View")
    view.setObjectName("viewMenu")
    view.addAction(a.filters)
    view.addSeparator()
    view.addAction(a.bigger)
    view.addAction(a.smaller)

    go = mb.addMenu("&Go")
    go.setObjectName("goMenu")
    for act in (
        a.go_today,
        a.go_all,
        a.go_cases,
        a.go_feedback,
        a.go_reflections,
        a.go_prompts,
        a.go_trash,
    ):
        go.addAction(act)
    go.addSeparator()
    go.addAction(a.next)
    go.addAction(a.previous)

    exp = mb.addMenu("E&xperience")
    exp.setObjectName("experienceMenu")
    exp.addAction(a.new_experience)
    exp.addAction(a.edit_experience)
    exp.addAction(a.end_experience)
    exp.addSeparator()
    exp.addAction(a.delete_experience)
    exp.aboutToShow.connect(w.update_action_states)

    # Filled by the interview practice feature (see MainWindow.install_interview_prep).
    w.interview_menu = mb.addMenu("&Interview Prep")
    w.interview_menu.setObjectName("interviewPrepMenu")
    w.interview_menu.addAction(a.go_prompts)

    application = mb.addMenu("&Application")
    application.setObjectName("applicationMenu")
    application.addAction(a.eras)

    help_menu = mb.addMenu("&Help")
    help_menu.setObjectName("helpMenu")
    help_menu.addAction(a.help)
    help_menu.addAction(a.about)
    return a


def build_toolbar(w: MainWindow, a: Actions) -> QComboBox:
    tb = QToolBar("Main toolbar")
    tb.setObjectName("mainToolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
    kind = QComboBox()
    kind.setObjectName("newKind")
    kind.setAccessibleName("Kind of new entry")
    kind.setToolTip("The kind of entry Ctrl+N makes")
    for k in EntryKind:
        kind.addItem(k.label, k.value)
    new = QAction("New Entry", w)
    new.setObjectName("toolbar_new")
    new.setToolTip(f"New entry of the chosen kind ({a.new_entry.shortcut().toString()})")
    new.triggered.connect(lambda _=False: w.new_entry_of_chosen_kind())
    tb.addAction(new)
    tb.addWidget(kind)
    tb.addSeparator()
    tb.addAction(a.go_today)
    tb.addAction(a.new_experience)
    tb.addAction(a.link_prompts)
    tb.addAction(a.history)
    spacer = QWidget()
    from PySide6.QtWidgets import QSizePolicy

    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tb.addWidget(spacer)
    tb.addAction(a.trash)
    return kind


def _readable(seq: QKeySequence) -> str | None:
    """A shortcut as a user types it; None for media keys ("Undo", "Zoom In") on no keyboard."""
    text = seq.toString(QKeySequence.SequenceFormat.NativeText)
    if "+" in text or text in ("Del", "Delete") or (text[:1] == "F" and text[1:].isdigit()):
        return text
    return None


def shortcut_rows(a: Actions) -> list[tuple[str, str]]:
    """(action text, shortcut) for the Help dialog, in menu order."""
    rows = []
    for act in a.all.values():
        keys = [k for k in (_readable(s) for s in act.shortcuts()) if k]
        if keys:
            rows.append((act.text().replace("&", "").rstrip("…"), ", ".join(keys[:2])))
    return rows
