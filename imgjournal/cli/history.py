"""``imgjournal history``: an entry's revisions, and restoring one.

``imgjournal history ID [--json]`` lists the revisions kept of entry ID, newest first;
``imgjournal history ID --restore REV`` gives the entry the text of revision REV again (the
text it had before is kept as a new revision, so the restore can be undone the same way).
Registered through ``imgjournal.cli.parser.command_groups``; the rules of what is kept live in
``imgjournal.services.history``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from imgjournal.cli.args import id_arg, positive_arg
from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json, short

if TYPE_CHECKING:
    from imgjournal.db import Journal
    from imgjournal.services.history import RevisionDTO

REASONS = {"edit": "while editing", "left": "on leaving", "restore": "before a restore"}


def register(sub: Any) -> None:
    """Add ``history`` to the command line's subparsers."""
    p = sub.add_parser(
        "history",
        help="an entry's earlier versions (revisions), or --restore one",
        description="List the revisions kept of an entry, newest first: one every 10 minutes "
        "while you edit it and one when you leave it, kept for at least 30 days (the last 20 "
        "of each entry always). With --restore, give the entry the text of a revision again; "
        "the text it has now is kept as a new revision first.",
    )
    p.add_argument("id", type=id_arg, help="the entry (see `imgjournal list`)")
    p.add_argument(
        "--restore",
        type=positive_arg,
        metavar="REV",
        help="give the entry the title, text and fields of revision REV again",
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_history)


def revision_record(r: RevisionDTO) -> dict[str, Any]:
    return {"rev": r.rev, "saved": r.saved.isoformat(), "title": r.title, "words": r.words}


def cmd_history(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services import history

    if args.restore is not None:
        done = history.restore_revision(journal, args.id, args.restore)
        if args.json:
            print_json({"id": args.id, "restored": done.restored.rev, "kept": done.kept.rev})
            return EXIT_OK
        print(
            f"Restored revision {done.restored.rev} of entry {args.id} "
            f"(“{short(done.entry.title, 60)}”); the text it had before is revision "
            f"{done.kept.rev}."
        )
        return EXIT_OK
    items = history.list_revisions(journal, args.id)
    if args.json:
        print_json([revision_record(r) for r in items])
        return EXIT_OK
    if not items:
        print(f"Entry {args.id} has no revisions yet; they are kept as you edit it in the app.")
        return EXIT_OK
    print(f"{'REV':>4}  {'SAVED':<16}  {'WORDS':>6}  {'KEPT':<16}  TITLE")
    for r in items:
        saved = r.saved.astimezone().strftime("%Y-%m-%d %H:%M")
        print(
            f"{r.rev:>4}  {saved:<16}  {r.words:>6}  {REASONS.get(r.reason, r.reason):<16}  "
            f"{short(r.title, 50)}"
        )
    return EXIT_OK
