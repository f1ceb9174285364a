"""``imgjournal privacy``: the privacy guard from the command line.

``privacy scan [--json]`` lists what looks like a patient identifier in every entry (exit status
1 when there is anything, 0 when nothing); ``privacy allow PHRASE`` and ``privacy allowed``
show and change the journal's allow-list ("Not an identifier"). Registered through
``imgjournal.cli.parser.command_groups``; ``print`` and ``export`` refuse while findings remain
unless ``--allow-identifiers`` is given (:func:`refuse_if_findings`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_ERROR, EXIT_OK, add_json_flag, print_json, warning
from imgjournal.errors import JournalError

if TYPE_CHECKING:
    from imgjournal.db import Journal


def register(sub: Any) -> None:
    p = sub.add_parser(
        "privacy",
        help="find text that looks like a patient identifier; the allow-list",
        description="The privacy guard: `privacy scan` lists every finding in the journal "
        "(exit status 1 when there are any); `privacy allow` marks a word as not an "
        "identifier for the whole journal.",
    )
    psub = p.add_subparsers(dest="privacy_command", required=True, metavar="{scan,allow,allowed}")
    scan = psub.add_parser(
        "scan",
        help="list the possible identifiers in every entry and draft (exit 1 when any)",
        description="List what looks like a patient identifier in every entry that is not in "
        "the trash and in every answer draft: entry id (none for a draft), field, kind, the "
        "text and a suggested replacement. Exit status 1 when there is anything, 0 when "
        "nothing.",
    )
    add_json_flag(
        scan, help="a JSON list of objects: entry, field, kind, text, start, end, suggestion"
    )
    scan.set_defaults(func=cmd_scan)
    add = psub.add_parser("allow", help="mark a word or phrase as not an identifier")
    add.add_argument("phrase", nargs="+", help="the word or phrase (words are joined)")
    add.add_argument("--remove", action="store_true", help="take it off the allow-list")
    add.set_defaults(func=cmd_allow)
    lst = psub.add_parser("allowed", help="list the words marked as not an identifier")
    lst.set_defaults(func=cmd_allowed)


def cmd_scan(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.privacy import FIELD_LABELS, entry_count, scan_journal

    found = scan_journal(journal, drafts=True)
    if args.json:
        print_json([f.record() for f in found])
        return EXIT_ERROR if found else EXIT_OK
    if not found:
        print("No possible patient identifiers found.")
        return EXIT_OK
    for f in found:
        field = FIELD_LABELS.get(f.field, f.field).lower()
        where = "" if f.entry is None else f.entry  # an answer draft belongs to no entry
        print(
            f"{where:>6}  {field:<16} {f.kind:<9} “{f.text}” → “{f.suggestion}”"
            f"  (characters {f.start}–{f.end})"
        )
    n, m = len(found), entry_count(found)
    drafts = len({f.field for f in found if f.entry is None})
    places = [f"{m} entr{'ies' if m != 1 else 'y'}"] if m else []
    places += [f"{drafts} answer draft{'s' if drafts != 1 else ''}"] if drafts else []
    print(
        f"{n} possible identifier{'s' if n != 1 else ''} in {' and '.join(places)}; "
        "fix them in the app, or mark a word with `imgjournal privacy allow WORD`."
    )
    return EXIT_ERROR


def cmd_allow(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.privacy import allow, disallow

    phrase = " ".join(args.phrase)
    if args.remove:
        disallow(journal, phrase)
        print(f"“{phrase}” is no longer on the allow-list.")
    else:
        allow(journal, phrase)
        print(f"“{phrase}” is not treated as an identifier any more, in the whole journal.")
    return EXIT_OK


def cmd_allowed(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.privacy import allowed

    items = allowed(journal)
    if not items:
        print("The allow-list is empty.")
    for phrase in items:
        print(phrase)
    return EXIT_OK


def add_allow_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-identifiers",
        action="store_true",
        help="write it even when the text holds possible patient identifiers "
        "(see `imgjournal privacy scan`)",
    )


def refuse_if_findings(findings: list[Any], what: str, allowed: bool) -> None:
    """Raise the one-sentence refusal unless ``allowed`` or there is nothing to refuse for;
    with ``allowed``, say on stderr how many went out."""
    from imgjournal.services.privacy import refusal

    if not findings:
        return
    if not allowed:
        raise JournalError(refusal(len(findings), what))
    n = len(findings)
    warning(
        f"{what} carries {n} possible patient identifier"
        f"{'s' if n != 1 else ''} (--allow-identifiers)."
    )
