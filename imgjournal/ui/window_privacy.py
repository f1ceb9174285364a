"""The main window's part of the privacy guard: the shared :class:`PrivacyGuard` and its
allow-list, the gates where text leaves (print, JSON export, copy of an answer), and the
one-time scan of the entries written before the guard.

``window.privacy_commands``, a plain object holding the window; it uses the window's ops,
editor and status bar.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from imgjournal.ui.privacy import PrivacyGuard
from imgjournal.ui.services import LazyModule

if TYPE_CHECKING:
    from imgjournal.db import Journal
    from imgjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)
privacy = LazyModule("imgjournal.services.privacy")

FIX, GO_ON, CANCEL = "fix", "go", "cancel"
_SHOWN = 8  # findings listed in the gate's question


def describe_findings(findings: Sequence[Any], titles: dict[int, str] | None = None) -> str:
    """The gate's list: up to eight findings, each with where it is, then how many more."""
    titles = titles or {}
    lines = []
    for f in findings[:_SHOWN]:
        where = (
            (f"“{titles[f.entry]}”" if f.entry in titles else f"entry {f.entry}")
            if f.entry is not None
            else f.source
        )
        lines.append(f"“{f.text}” looks like {f.label} ({where}); suggested: “{f.suggestion}”")
    more = len(findings) - _SHOWN
    if more > 0:
        lines.append(f"… and {more} more.")
    return "\n".join(lines)


def ask_privacy(parent: QWidget, findings: Sequence[Any], what: str) -> str:
    """Fix them, Go on anyway or Cancel: returns FIX, GO_ON or CANCEL."""
    n = len(findings)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Possible patient identifiers",
        f"{what} would carry {n} possible patient identifier{'s' if n != 1 else ''}. "
        "Fix them first, or go on if they are not about a patient.",
        parent=parent,
    )
    box.setObjectName("privacyGate")
    box.setInformativeText(html.escape(describe_findings(findings)).replace("\n", "<br>"))
    fix = box.addButton("Fix Them", QMessageBox.ButtonRole.AcceptRole)
    go = box.addButton("Go On Anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(fix)
    box.exec()
    clicked = box.clickedButton()
    if clicked is fix:
        return FIX
    return GO_ON if clicked is go else CANCEL


class PrivacyCommands:
    """The privacy guard's allow-list, the gates before text leaves, JSON export and the
    one-time scan (``window.privacy_commands``, a plain object holding the window)."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def install_privacy(self) -> None:
        self.w.privacy_guard = PrivacyGuard(self.w)
        self.w.privacy_guard.persist_allowed = self._persist_allowed
        self.w.ask_privacy: Callable[[QWidget, Sequence[Any], str], str] = ask_privacy
        self.w.editor.set_privacy_guard(self.w.privacy_guard)
        # The allow-list is asked for once the first view is on screen (_first_view_shown):
        # reading it imports SQLAlchemy, half a second the first page of entries does not wait
        # for. Until then nothing is allowed; when it comes, the guard checks again.

    def load_allowed(self) -> None:
        self.w.ops.run(
            privacy.allowed, on_done=self.w.privacy_guard.set_allowed, on_error=self.w._load_failed
        )

    def _persist_allowed(self, phrase: str) -> None:
        self.w.ops.run(
            privacy.allow,
            phrase,
            on_done=self.w.privacy_guard.set_allowed,
            on_error=self.w._action_failed,
        )
        self.w.statusBar().showMessage(
            f"“{phrase}” is not flagged any more in this journal (Settings lists these words).",
            8000,
        )

    def save_allowed(self, phrases: Sequence[str]) -> None:
        """Settings' allow-list editor saves the whole list."""
        self.w.ops.run(
            privacy.set_allowed,
            list(phrases),
            on_done=self.w.privacy_guard.set_allowed,
            on_error=self.w._action_failed,
        )

    # -- gates ----------------------------------------------------------------------------
    def privacy_gate(self, findings: Sequence[Any], what: str) -> bool:
        """Ask before ``what`` leaves with ``findings``; True to go on. Fix opens the first
        entry with a finding (its findings list beside the editor)."""
        if not findings:
            return True
        choice = self.w.ask_privacy(self.w, findings, what)
        if choice == FIX:
            first = next((f for f in findings if f.entry is not None), None)
            if first is not None:
                self.w.show_entry(first.entry)
            return False
        return choice == GO_ON

    def export_json(self, path: Path | None = None) -> None:
        """File ▸ Export: the journal as a JSON file, after the privacy gate."""
        self.w.autosave.flush()
        if path is None:
            from datetime import date

            start = str(Path.home() / f"imgjournal-{date.today().isoformat()}.json")
            chosen, _ = QFileDialog.getSaveFileName(
                self.w, "Export the journal", start, "JSON (*.json)"
            )
            if not chosen:
                return
            path = Path(chosen)

        def checked(found: list[Any]) -> None:
            if self.privacy_gate(found, "The export"):
                self._write_export(path)

        self.w.ops.run(privacy.scan_export, on_done=checked, on_error=self.w._action_failed)

    def _write_export(self, path: Path) -> None:
        from imgjournal.export.json_io import export_journal

        def done(summary: Any) -> None:
            self.w.statusBar().showMessage(f"Exported to {path}.", 8000)
            self.w.exported.emit(str(path))

        self.w.ops.run(export_journal, path, on_done=done, on_error=self.w._action_failed)

    # -- the one-time scan of entries written before the guard ---------------------------
    def start_legacy_scan(self) -> None:
        """After an upgrade: scan the older entries once, off the UI thread, count on Today."""
        guard = self.w.privacy_guard

        def scan(data: Any) -> None:
            if data is None:
                return
            items, allow = data
            guard.run(lambda: privacy.summarise(privacy.scan_entries(items, allow)), record)

        def record(result: Any) -> None:  # Today hears of it on runner.changed
            self.w.ops.run(
                privacy.record_legacy_scan,
                result,
                on_done=lambda r: self.w.legacy_scanned.emit(r.entries),
                on_error=self.w._load_failed,
            )

        self.w.ops.run(_legacy_scan_input, on_done=scan, on_error=self.w._load_failed)

    def review_legacy_findings(self, entry_id: int | None) -> None:
        self.w.ops.run(privacy.dismiss_legacy_scan, on_error=self.w._load_failed)
        if entry_id is not None:
            self.w.show_entry(entry_id)


def _legacy_scan_input(journal: Journal) -> tuple[list[Any], Any] | None:
    """The entries and allow-list for the one-time scan, or None when it is not needed."""
    if not privacy.legacy_scan_pending(journal):
        return None
    from imgjournal.services.entries import list_entries

    return list_entries(journal, newest_first=False), privacy.allowed(journal)
