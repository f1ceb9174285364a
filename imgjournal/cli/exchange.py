"""``imgjournal export``, ``import`` and ``import-markdown``: the whole journal as one JSON
file and back, and a folder of Markdown notes in.

``export`` refuses while the text holds possible patient identifiers unless
``--allow-identifiers`` is given (:func:`imgjournal.cli.privacy.refuse_if_findings`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_OK

if TYPE_CHECKING:
    from imgjournal.db import Journal


def register(sub: Any) -> None:
    """Add ``export``, ``import`` and ``import-markdown`` to the command line's subparsers."""
    p = sub.add_parser(
        "export",
        help="write the whole journal to a JSON file",
        description="Write the whole journal (the trash and answer drafts too) to a JSON file. "
        "It refuses while the text holds possible patient identifiers (see `imgjournal "
        "privacy scan`) unless --allow-identifiers is given.",
    )
    p.add_argument("file", metavar="FILE.json")
    from imgjournal.cli.privacy import add_allow_flag

    add_allow_flag(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "import", help="add a JSON export to this journal (all of it, or nothing if a check fails)"
    )
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser(
        "import-markdown",
        help="import a folder of Markdown notes (Obsidian, Joplin) as reflections",
    )
    p.add_argument("folder", metavar="DIR")
    p.set_defaults(func=cmd_import_markdown)


def cmd_export(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.cli.privacy import refuse_if_findings
    from imgjournal.export.json_io import export_journal
    from imgjournal.services.privacy import scan_export

    refuse_if_findings(scan_export(journal), "The export", args.allow_identifiers)
    print(export_journal(journal, Path(args.file)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.json_io import import_journal

    print(import_journal(journal, Path(args.file)))
    return EXIT_OK


def cmd_import_markdown(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.markdown_import import import_markdown

    report = import_markdown(journal, Path(args.folder))
    print(f"Imported {report.imported} notes as reflections; skipped {len(report.skipped)}.")
    for name, reason in report.skipped:
        print(f"  skipped {name}: {reason}")
    return EXIT_OK
