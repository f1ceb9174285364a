"""The privacy gates in the app (print, JSON export) and the one-time scan of older entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imgjournal.services import entries, privacy

PHONE = "555-867-5309"
WAIT_MS = 60_000


@pytest.fixture
def leaky(journal):
    entries.create_entry(journal, "reflection", "Quiet day", body="Rounds, then teaching.")
    return entries.create_entry(
        journal, "reflection", "A call", body=f"Her husband gave {PHONE} as the contact."
    )


class Asked:
    """Stands for the gate's question: records what was asked, answers ``choice``."""

    def __init__(self, choice: str) -> None:
        self.choice = choice
        self.calls: list[tuple[str, list]] = []

    def __call__(self, _parent, findings, what: str) -> str:
        self.calls.append((what, list(findings)))
        return self.choice


def test_export_gate_cancel_go_on_and_fix(qtbot, journal, window, leaky, tmp_path: Path):
    out = tmp_path / "journal.json"
    window.ask_privacy = asked = Asked("cancel")
    window.privacy_commands.export_json(out)
    assert len(asked.calls) == 1
    what, found = asked.calls[0]
    assert what == "The export" and [f.text for f in found] == [PHONE]
    assert not out.exists()

    window.ask_privacy = asked = Asked("fix")
    window.privacy_commands.export_json(out)
    assert not out.exists()
    qtbot.waitUntil(lambda: window.editor.entry_id == leaky.id, timeout=4000)
    qtbot.waitUntil(lambda: len(window.editor.privacy.spots) == 1, timeout=4000)
    assert window.editor.findings_panel.isVisible()

    window.ask_privacy = Asked("go")
    with qtbot.waitSignal(window.exported, timeout=10_000):
        window.privacy_commands.export_json(out)
    assert PHONE in json.loads(out.read_text(encoding="utf-8"))["entries"][-1]["body"]


def test_export_of_a_clean_journal_is_not_asked(qtbot, journal, window, tmp_path: Path):
    entries.create_entry(journal, "reflection", "Quiet day", body="Rounds, then teaching.")
    window.ask_privacy = asked = Asked("cancel")
    out = tmp_path / "journal.json"
    with qtbot.waitSignal(window.exported, timeout=10_000):
        window.privacy_commands.export_json(out)
    assert asked.calls == [] and out.exists()


def test_print_gate_asks_before_the_sheet_leaves(qtbot, journal, window, leaky, tmp_path: Path):
    from imgjournal.ui.print_dialog import PrintDialog
    from imgjournal.ui.taskrunner import SyncRunner

    window.ask_privacy = asked = Asked("cancel")
    dialog = PrintDialog(journal, SyncRunner(), window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.show()
        dialog.set_sheet("journal")
    assert "1 possible patient identifier" in dialog.status.text()
    dest = tmp_path / "sheet.pdf"
    dialog.save_to(dest)
    dialog.open_in_viewer()
    assert len(asked.calls) == 2 and not dest.exists()
    assert asked.calls[0][0] == "The full journal"
    assert [f.text for f in asked.calls[0][1]] == [PHONE]

    opened = []
    dialog.open_url = lambda url: opened.append(url) or True
    asked.choice = "go"
    dialog.save_to(dest)
    qtbot.waitUntil(dest.exists, timeout=10_000)
    dialog.open_in_viewer()  # Go On Anyway counts for this preview: not asked again
    assert len(asked.calls) == 3 and len(opened) == 1

    # Fix Them closes the dialog and opens the entry with its findings list.
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_sheet("study")
        dialog.set_sheet("journal")
    asked.choice = "fix"
    other = tmp_path / "other.pdf"
    dialog.save_to(other)
    assert not other.exists() and not dialog.isVisible()
    qtbot.waitUntil(lambda: window.editor.entry_id == leaky.id, timeout=4000)


def test_older_entries_are_scanned_once_and_counted_on_today(qtbot, journal, make_window, leaky):
    # What migration 0008 leaves in a journal that already had entries.
    with journal.session() as s:
        from imgjournal.models import PrivacyState

        s.add(PrivacyState(key="legacy_scan", value="pending"))
    window = make_window(journal)
    with qtbot.waitSignal(window.legacy_scanned, timeout=10_000) as scanned:
        window.go("today")
    assert scanned.args == [1]
    card = window.today.privacy
    qtbot.waitUntil(card.isVisible, timeout=4000)
    assert "1 entry</b> may hold patient identifiers" in card.text.text()
    assert not privacy.legacy_scan_pending(journal)

    window.today.privacy_review.click()
    qtbot.waitUntil(lambda: window.editor.entry_id == leaky.id, timeout=4000)
    window.close()

    again = make_window(journal)  # reviewed: not scanned again, not shown again
    again.go("today")
    qtbot.waitUntil(lambda: again.today.data is not None, timeout=4000)
    assert not again.today.privacy.isVisible()


def test_migration_0008_marks_a_journal_with_entries_for_the_scan(journal, leaky):
    from alembic import command
    from alembic.config import Config

    from imgjournal import db as dbmod
    from imgjournal.migrations import SCRIPT_LOCATION

    assert not privacy.legacy_scan_pending(journal)  # a new journal has nothing older
    privacy.allow(journal, "Mercy")
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    with journal.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    dbmod.alembic_upgrade(journal.engine, "head")
    assert privacy.legacy_scan_pending(journal)
    assert privacy.allowed(journal) == []
    result = privacy.run_legacy_scan(journal)
    assert (result.entries, result.findings, result.first_entry) == (1, 1, leaky.id)
    assert not privacy.legacy_scan_pending(journal)


def test_answer_draft_is_underlined_and_copy_asks_first(qtbot, journal, window):
    from imgjournal.services import prep, prompts

    pid = prompts.list_prompts(journal)[0].id
    prep.create_draft(journal, pid, "Mine", body="Situation: a night on call.")
    ws = window.prep.open_workspace(pid)
    qtbot.waitUntil(lambda: ws.current_draft is not None, timeout=4000)
    copied: list[str] = []

    class Clip:
        def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
            copied.append(text)

    ws.clipboard = lambda: Clip()
    window.ask_privacy = asked = Asked("cancel")
    assert ws.copy_answer() is True  # nothing found: not asked
    assert asked.calls == [] and copied == ["Situation: a night on call."]

    body = ws.editor.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.setFocus()
    qtbot.keyClicks(body, f" The family called {PHONE}.")
    qtbot.waitUntil(
        lambda: [s.cursor.selectedText() for s in body.extraSelections()] == [PHONE],
        timeout=4000,
    )
    qtbot.waitUntil(lambda: len(ws.findings_panel.finding_rows()) == 1, timeout=4000)

    assert ws.copy_answer() is False
    assert asked.calls[-1][0] == "The copied answer" and len(copied) == 1
    asked.choice = "go"
    assert ws.copy_answer() is True and PHONE in copied[-1]
