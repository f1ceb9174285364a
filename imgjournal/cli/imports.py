"""``imgjournal import-jrnl``, ``import-dayone``, ``import-csv`` and ``export-markdown``.

Each import checks the whole file first and writes nothing if it is not what it should be (one
sentence, exit status 1); then it adds every entry in one transaction (a verified backup first
when the journal holds data) and prints ``N entries imported, M skipped`` with the reasons,
what was dropped on the way, and what the privacy checker found in what came in. See
docs/import.md. Registered through ``imgjournal.cli.parser.command_groups``.

The file is read before the journal opens (:func:`read_before_journal`, cli/run.py's
``before_journal``): a large one's privacy count starts as it is parsed, in worker processes,
while SQLAlchemy loads and the journal opens (importers/privacy_count.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_OK

if TYPE_CHECKING:
    from imgjournal.db import Journal
    from imgjournal.importers.files import Prepared
    from imgjournal.importers.privacy_count import Precount


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import-jrnl",
        help="import a jrnl journal: its JSON export or its plain text journal file",
        description="Import a jrnl journal as reflections: the file `jrnl --export json` "
        "writes, or jrnl's plain text journal file ([YYYY-MM-DD HH:MM] Title. Body). Titles, "
        "bodies, dates and times and @tags come along; a starred entry gets the tag "
        "`starred`. Entries with the same date, title and body as one in the journal are "
        "skipped.",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_import, import_kind="jrnl", before_journal=read_before_journal)

    p = sub.add_parser(
        "import-dayone",
        help="import a Day One JSON export (the .zip, or the .json inside it)",
        description="Import a Day One journal as reflections: the export zip or the .json "
        "file inside it. The text (Markdown), creation date in the entry's time zone, tags "
        "and the star come along; locations are dropped (a place may identify a patient's "
        "town) and counted in the summary.",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_import, import_kind="dayone", before_journal=read_before_journal)

    from imgjournal.importers.csv_fields import FIELDS

    p = sub.add_parser(
        "import-csv",
        help="import cases from a spreadsheet (a CSV file with a header row)",
        description="Import one case per row of a CSV file with a header row. The usual "
        "columns are recognised by name: date, title, setting, age, sex, complaint, "
        "diagnosis, procedure, role, notes, tags (and situation, task, action, result, "
        "lesson); --map names any other. Ages become age bands (90 and over: 90+). A row "
        "that cannot be imported is listed with its line number and nothing is imported, "
        "unless --skip-bad-rows.",
        epilog="FIELD is one of: " + ", ".join(FIELDS) + ".",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="the field a column holds, e.g. --map Dx=diagnosis (repeatable; FIELD ignore "
        "leaves a column out)",
    )
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows and skip the bad ones (listed in the summary)",
    )
    p.set_defaults(func=cmd_import, import_kind="csv", before_journal=read_before_journal)

    p = sub.add_parser(
        "export-markdown",
        help="write every entry as a Markdown note, in a folder Obsidian opens as a vault",
        description="Write every entry not in the trash as a note `YYYY-MM-DD title.md` with "
        "YAML front matter (kind, date, experience, tags, prompts, case and feedback fields), "
        "in a folder per experience. DIR must be new, empty, or an earlier Markdown export "
        "(which is replaced). `import-markdown DIR` reads it back. It refuses while the text "
        "holds possible patient identifiers unless --allow-identifiers is given.",
    )
    p.add_argument("folder", metavar="DIR")
    from imgjournal.cli.privacy import add_allow_flag

    add_allow_flag(p)
    p.set_defaults(func=cmd_export_markdown)


def _print(result: Any) -> int:
    print(str(result))
    return EXIT_OK


@dataclass
class _Read:
    """A file read before the journal opened, and its privacy count's workers (or None)."""

    prepared: Prepared
    precount: Precount | None


@contextmanager
def read_before_journal(args: argparse.Namespace) -> Iterator[None]:
    """Read and check the file of an import command before its journal opens (cli/run.py);
    the handler finds it in ``args.read``. A large file's privacy count gets its worker
    processes first (each loads the checker while the file is read) and each entry's texts
    as the file is parsed, so the count runs while SQLAlchemy loads, the journal opens and
    the entries are written. A file that cannot be imported says so before the journal
    opens; the workers stop when the command ends, however it ends."""
    from imgjournal.importers import privacy_count
    from imgjournal.importers.files import read_file

    path = Path(args.file)
    mapping = None
    if args.import_kind == "csv":
        from imgjournal.importers.csv_cases import parse_map

        mapping = parse_map(args.map)  # a wrong --map is said before anything starts
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the importer says what is wrong with the path
    precount = privacy_count.start_early(size)
    try:
        each = precount.add_entry if precount is not None else None
        prepared = read_file(args.import_kind, path, mapping=mapping, each=each)
        if precount is not None:
            precount.flush()
        if prepared.bad_rows and not getattr(args, "skip_bad_rows", False):
            from imgjournal.importers.csv_cases import BadRows

            raise BadRows(path.name, prepared.bad_rows)
        args.read = _Read(prepared, precount)
        yield
    finally:
        args.read = None
        if precount is not None:
            precount.cancel()


def cmd_import(args: argparse.Namespace, journal: Journal) -> int:
    """``import-jrnl``, ``import-dayone`` and ``import-csv``: write what was read, print the
    summary."""
    from imgjournal.importers.common import write_incoming
    from imgjournal.importers.files import bad_row_skips

    read: _Read | None = getattr(args, "read", None)
    if read is None:  # called without cli/run.py's before_journal: read the file now
        with read_before_journal(args):
            return cmd_import(args, journal)
    prepared = read.prepared
    result = write_incoming(
        journal,
        prepared.items,
        skipped=bad_row_skips(prepared),
        notes=prepared.notes,
        precount=read.precount,
    )
    return _print(result)


def cmd_export_markdown(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.cli.privacy import refuse_if_findings
    from imgjournal.importers.markdown_export import check_target, export_markdown
    from imgjournal.services.privacy import scan_journal

    folder = Path(args.folder)
    check_target(folder)  # before the scan: a wrong folder is said first
    refuse_if_findings(scan_journal(journal), "The Markdown export", args.allow_identifiers)
    print(export_markdown(journal, folder))
    return EXIT_OK
