"""``imgjournal check``: is the journal sound? Integrity, schema, entries, newest backup.

``imgjournal check [--json] [--set-aside-wal]`` runs the whole-file ``PRAGMA
integrity_check`` (not the quick one every open runs) through a read-only connection, reads
the schema revision and the entry counts, and names the newest verified backup. Exit status 0
when the journal is sound, 1 with one sentence when it is not. ``--json`` prints an object
whose keys ``ok``, ``problem``, ``entries`` and ``last_backup`` are the contract (more keys may
follow). ``--set-aside-wal`` first renames a leftover ``-wal`` that does not belong to the
journal file (see ``imgjournal.health``) to ``journal.sqlite3-wal.stale-<time>``.

The command never opens the journal for writing, so it works on a damaged, locked or
read-only journal. Registered through ``imgjournal.cli.parser.command_groups``.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

from imgjournal.cli.common import EXIT_ERROR, EXIT_OK, add_json_flag, error, print_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check that the journal is sound (integrity, schema, entries, newest backup)",
        description="Check the journal without changing it: the whole-file integrity check, "
        "the schema revision, the entry counts and the newest verified backup. Exit status 0 "
        "when it is sound, 1 (with one sentence saying what to do) when it is not.",
    )
    add_json_flag(p, help="print {ok, problem, entries, last_backup, ...} as JSON")
    p.add_argument(
        "--set-aside-wal",
        action="store_true",
        help="rename a leftover journal.sqlite3-wal that does not belong to the journal file "
        "to journal.sqlite3-wal.stale-<time> (it is kept), then check",
    )
    p.set_defaults(func=cmd_check, without_journal=True)


def cmd_check(args: Any, home: Path) -> int:
    from imgjournal import cipher, health
    from imgjournal.encryption import plain_left

    moved = None
    if args.set_aside_wal:
        diag = health.diagnose(home, quick=False, use_stamp=False)
        if diag.kind is health.Kind.STALE_WAL:
            moved = health.set_aside_wal(home)
    report = health.full_check(home)
    diag = report.diagnosis
    problem = None if report.ok else health.cli_text(diag, home)
    backup = report.last_backup
    encrypted = cipher.is_encrypted(home)
    left = plain_left(home) if encrypted else []
    if args.json:
        record = {
            "ok": report.ok,
            "problem": problem,
            "entries": report.entries,
            "last_backup": backup.created.isoformat() if backup else None,
            "kind": str(diag.kind),
            "journal": str(home / "journal.sqlite3"),
            "integrity": report.integrity,
            "schema": report.revision,
            "trash": report.trash,
            "read_only": diag.read_only,
            "restorable": bool(diag.restorable and backup),
            "wal_set_aside": str(moved) if moved else None,
            "encrypted": encrypted,
            "plain_copies": [str(p) for p in left],
        }
        print_json(record, ensure_ascii=True)
        return EXIT_OK if report.ok else EXIT_ERROR
    if moved:
        print(f"Set aside the leftover change file as {moved.name}.")
    print(f"Journal:   {home / 'journal.sqlite3'}")
    if report.integrity is not None:
        print(f"Integrity: {report.integrity}")
    if report.revision is not None:
        print(f"Schema:    {report.revision}")
    if report.entries is not None:
        print(f"Entries:   {report.entries} ({report.trash} in the trash)")
    print(f"Encrypted: {'yes (SQLCipher 4)' if encrypted else 'no'}")
    if left:
        print(
            f"Plain copies: {len(left)} file(s) in the folder still hold the text unencrypted; "
            "run `imgjournal encrypt` to encrypt or remove them."
        )
    if backup is not None:
        when = backup.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        print(f"Newest verified backup: {when} UTC, {backup.entries} entries ({backup.path.name})")
    else:
        print("Newest verified backup: none")
    if not report.ok:
        error(problem)
        return EXIT_ERROR
    if diag.read_only:
        print(f"The journal is sound. {diag.problem}")
    else:
        print("The journal is sound.")
    return EXIT_OK
