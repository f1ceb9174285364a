"""Provably offline: no socket is connected and no name is looked up, by any command or window.

The ``no_network`` fixture replaces ``socket.socket.connect`` (and ``connect_ex``),
``socket.create_connection`` and ``socket.getaddrinfo`` with functions that record the call and
fail; the test fails if any was called, even when the code under test swallowed the error.
Every command of the command line runs once (a new command without a line here fails the
test), and a window session opens every window and dialog and prints every sheet.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from imgjournal.cli import build_parser, main
from imgjournal.db import Journal
from imgjournal.demo import load_sample

MAY_REFUSE = {"export", "print", "privacy", "check", "eras"}


@pytest.fixture
def no_network(monkeypatch):
    calls: list[str] = []

    def refuse(name: str):
        def fail(*args, **kwargs):
            calls.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise AssertionError(f"imgjournal tried the network: {name}")

        return fail

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield calls
    assert calls == [], f"network calls: {calls}"


def test_the_fixture_catches_a_connection(no_network):
    with pytest.raises(AssertionError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(AssertionError):
        socket.getaddrinfo("localhost", 80)
    assert len(no_network) == 2
    no_network.clear()


def _command_lines(tmp: Path, entry_id: int, experience_id: int) -> dict[str, list[list[str]]]:
    """At least one command line per command (names as ``imgjournal --help`` lists them)."""
    notes = tmp / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A note\n\nThe night team taught me handoffs.\n")
    body = tmp / "body.md"
    body.write_text("A *reflection* from a file.")
    export = tmp / "export.json"
    pdf = tmp / "sheet.pdf"
    first, second = tmp / "passphrase-1", tmp / "passphrase-2"
    first.write_text("an offline passphrase\n")
    second.write_text("another offline passphrase\n")
    jrnl_file = tmp / "journal.txt"
    jrnl_file.write_text("[2026-03-02 08:15] Night float. Read back every handoff item.\n")
    dayone_file = tmp / "Journal.json"
    dayone_file.write_text(
        '{"entries": [{"creationDate": "2026-03-02T13:15:00Z", "text": "# Nights\\nA note."}]}'
    )
    cases = tmp / "cases.csv"
    cases.write_text("When,Setting,Age\n2026-03-02,ICU,54\nnot a date,ICU,54\n")
    e, x = str(entry_id), str(experience_id)
    lines = {
        "add": [
            ["add", "reflection", "--title", "Offline", "--body-file", str(body)],
            ["add", "case", "--title", "Chest pain", "--experience", x, "--tag", "cardio"],
        ],
        "list": [["list", "--json"], ["list", "--kind", "case", "--from", "2020-01-01"]],
        "show": [["show", e], ["show", e, "--json"]],
        "search": [["search", "handoff"], ["search", "trop", "--json"]],
        "delete": [["delete", e]],
        "restore": [["restore", e]],
        "empty-trash": [["empty-trash", "--yes"]],
        "experience": [["experience", "list", "--json"]],
        "eras": [
            [
                "eras",
                "add",
                "--title",
                "Sub-I",
                "--type",
                "education",
                "--experience",
                x,
                "--from-journal",
            ],
            ["eras", "list", "--json"],
            ["eras", "show", "1", "--plain"],
            ["eras", "export-markdown", str(tmp / "eras.md")],
        ],
        "prompts": [["prompts", "--all", "--json"]],
        "export": [["export", str(export), "--allow-identifiers"], ["export", str(export)]],
        "import": [["import", str(export)]],
        "import-markdown": [["import-markdown", str(notes)]],
        "demo": [["demo", "--no-gui", "--home", str(tmp / "demo")]],
        "prep": [["prep", "due", "--json"], ["prep", "coverage"]],
        "profile": [
            ["profile", "set", "--specialty", "Internal Medicine", "--season", "2027"],
            ["profile", "show", "--json"],
        ],
        "letter": [
            ["letter", "add", "--writer", "Dr. Lee", "--experience", x, "--status", "uploaded"],
            ["letter", "assign", "1", "--program", "Mercy IM"],
            ["letter", "set", "1", "--status", "uploaded"],
            ["letter", "list", "--json"],
        ],
        "program": [
            ["program", "add", "--name", "Mercy IM", "--specialty", "IM", "--visa", "J-1"],
            ["program", "set", "1", "--status", "applied"],
            ["program", "list", "--json"],
            ["program", "show", "1"],
        ],
        "contact": [
            ["contact", "add", "--name", "Dr. Kim", "--program", "1", "--follow-up", "2027-01-04"],
            ["contact", "set", "1", "--role", "PGY-2"],
            ["contact", "list", "--json"],
        ],
        "readiness": [["readiness"], ["readiness", "--json"]],
        "print": [
            ["print", sheet, "-o", str(pdf), "--experience", x, "--allow-identifiers"]
            if sheet in ("rotation", "bragsheet")
            else ["print", sheet, "-o", str(pdf), "--allow-identifiers"]
            for sheet in ("study", "cheatsheet", "rotation", "bragsheet", "journal", "readiness")
        ]
        + [["print", "interview", "-o", str(pdf), "--program", "1", "--allow-identifiers"]],
        "backup": [["backup", "create"], ["backup", "list", "--json"]],
        "history": [["history", e, "--json"]],
        "check": [["check", "--json"]],
        "privacy": [["privacy", "scan", "--json"]],
        "import-jrnl": [["import-jrnl", str(jrnl_file)]],
        "import-dayone": [["import-dayone", str(dayone_file)]],
        "import-csv": [["import-csv", str(cases), "--map", "When=date", "--skip-bad-rows"]],
        "export-markdown": [["export-markdown", str(tmp / "vault"), "--allow-identifiers"]],
        # Last: the journal is encrypted, its passphrase changed, and decrypted again.
        "encrypt": [
            ["encrypt", "--passphrase-file", str(first), "--hint", "the first one"],
            ["search", "handoff", "--passphrase-file", str(first)],
        ],
        "passphrase": [
            ["passphrase", "--passphrase-file", str(first), "--new-passphrase-file", str(second)]
        ],
        "decrypt": [["decrypt", "--passphrase-file", str(second)]],
    }
    return lines


def _commands() -> list[str]:
    import argparse

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(set(sub.choices))


def test_every_command_runs_without_the_network(no_network, tmp_path, capsys):
    home = tmp_path / "journal"
    with Journal.open(home) as journal:
        load_sample(journal)
        from imgjournal.services import entries, experiences

        entry_id = entries.list_entries(journal)[0].id
        experience_id = experiences.list_experiences(journal)[0].id
    lines = _command_lines(tmp_path, entry_id, experience_id)
    missing = [c for c in _commands() if c not in lines]
    assert not missing, f"add a command line for {missing} to this test"
    known = set(_commands())
    for command, command_lines in lines.items():  # in this order: delete, restore, empty-trash
        if command not in known:  # a command of an issue still being built
            continue
        for argv in command_lines:
            if "--allow-identifiers" in argv and not _takes(argv[0], "--allow-identifiers"):
                argv = [a for a in argv if a != "--allow-identifiers"]
            code = main(["--home", str(home), *argv])
            out, err = capsys.readouterr()
            assert "unexpected" not in err, (argv, err)
            # The sample names its attendings, so a privacy check may refuse (exit 1).
            allowed = (0, 1) if argv[0] in MAY_REFUSE else (0,)
            assert code in allowed, (argv, code, err)
    assert no_network == []


def _takes(command: str, flag: str) -> bool:
    import argparse

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return flag in sub.choices[command]._option_string_actions


def test_a_window_session_opens_everything_and_prints_every_sheet(
    no_network, qtbot, journal, make_window, tmp_path
):
    from imgjournal.export.pdf.options import SHEETS
    from imgjournal.services import entries, experiences
    from imgjournal.ui.experience_dialog import ExperienceDialog
    from imgjournal.ui.history_dialog import HistoryDialog
    from imgjournal.ui.print_dialog import PrintDialog
    from imgjournal.ui.prompt_picker import PromptPicker
    from imgjournal.ui.prompts_view import PromptDialog
    from imgjournal.ui.settings_dialog import SettingsDialog
    from imgjournal.ui.taskrunner import SyncRunner

    load_sample(journal)
    window = make_window(journal)
    window.install_interview_prep()
    for view in ("today", "all", "kind:case", "prompts", "trash"):
        window.go(view)
    entry = entries.list_entries(journal)[0]
    window.show_entry(entry.id)
    prep = window.prep
    prep.open_workspace()
    prep.open_coverage()
    prep.open_progress()
    dialogs = [
        SettingsDialog(window.settings, journal.home, window),
        ExperienceDialog(experiences.list_experiences(journal)[0], window),
        PromptPicker([], (), window),
        PromptDialog(None, window),
        HistoryDialog(journal, window.runner, entry.id, entry.title, window),
        window.backup_commands.open_backups(),
    ]
    for d in dialogs:
        d.show()
        qtbot.addWidget(d)
    with qtbot.waitSignal(window.backups.finished, timeout=10_000):
        window.backups.run("manual")

    dialog = PrintDialog(journal, SyncRunner(), window)
    qtbot.addWidget(dialog)
    dialog.open_url = lambda url: True
    for number, sheet in enumerate(SHEETS):
        if dialog.sheet_key() != sheet:
            with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
                dialog.set_sheet(sheet)
                dialog.refresh()
        elif dialog.page_count == 0:
            qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=20_000)
        out = tmp_path / f"{number}-{sheet}.pdf"
        dialog.save_to(out)
        qtbot.waitUntil(out.exists, timeout=10_000)
        assert out.read_bytes().startswith(b"%PDF")
    assert no_network == []
