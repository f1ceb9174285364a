"""The importers (issue 20): 5,000 jrnl entries import in at most 2 s.

The same 5,000 invented entries (``synthetic.generate(5000, seed)``, the trash left out) are
written as jrnl's JSON export, as a jrnl plain text journal and as an imgjournal JSON export;
each is imported into an empty journal. The target rows measure the import: reading and
checking the file, the duplicate check, and the one transaction with the word index. The
privacy checker's count of what came in (which the command adds to its summary) is measured
apart, as a reference figure: at about 1.3 ms per entry it costs several times the import
itself, and it does not depend on the importer. The baseline, measured in the same run, is
our own JSON import of the same entries (which runs no privacy check either); the ratio is a
reference figure. ``export-markdown`` of the same entries is a reference figure too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import synthetic
from benchmarks.harness import Context, Row, timed

ENTRIES = 5_000


def _jrnl_json(doc: dict[str, Any], path: Path) -> Path:
    entries = []
    for rec in doc["entries"]:
        if rec["deleted_at"]:
            continue
        stamp = datetime.fromisoformat(rec["created_at"])
        entries.append(
            {
                "title": rec["title"],
                "body": synthetic.entry_markdown(rec),
                "date": rec["date"],
                "time": f"{stamp.hour:02d}:{stamp.minute:02d}",
                "tags": ["@" + t for t in rec["tags"]],
                "starred": False,
            }
        )
    path.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    return path


def _median(ctx: Context, once: Callable[[], tuple[float, Any]]) -> tuple[float, str, Any]:
    runs = [once() for _ in range(1 if ctx.quick else 3)]
    seconds = sorted(s for s, _ in runs)
    if len(seconds) == 1:
        return seconds[0], "1 run", runs[-1][1]
    median = seconds[len(seconds) // 2]
    return median, f"median of 3 runs ({seconds[0]:.2f}–{seconds[-1]:.2f} s)", runs[-1][1]


def run(ctx: Context) -> list[Row]:
    from imgjournal.db import Journal
    from imgjournal.export.json_io import import_journal
    from imgjournal.importers.common import count_findings, write_incoming
    from imgjournal.importers.jrnl import read_jrnl
    from imgjournal.importers.markdown_export import export_markdown

    folder = ctx.fresh_dir("importers")
    doc = synthetic.generate(ENTRIES, ctx.seed)
    live = [rec for rec in doc["entries"] if not rec["deleted_at"]]
    doc = dict(doc, entries=live)
    own = folder / "journal.json"
    own.write_text(json.dumps(doc), encoding="utf-8")
    text_file = synthetic.write_jrnl(doc, folder / "journal.txt")
    json_file = _jrnl_json(doc, folder / "jrnl.json")

    def import_jrnl(path: Path) -> Callable[[], tuple[float, Any]]:
        def once() -> tuple[float, Any]:
            with Journal.open(ctx.fresh_dir("jrnl-import")) as journal:

                def work() -> Any:
                    items, skipped = read_jrnl(path)
                    return write_incoming(journal, items, skipped=skipped, privacy=False), items

                seconds, (result, items) = timed(work)
                return seconds, (result, items)

        return once

    def import_own() -> tuple[float, Any]:
        with Journal.open(ctx.fresh_dir("json-import")) as journal:
            return timed(lambda: import_journal(journal, own, backup=False))

    base, base_spread, summary = _median(ctx, import_own)
    rows = []
    for label, path in (("JSON export", json_file), ("plain text journal", text_file)):
        seconds, spread, (result, items) = _median(ctx, import_jrnl(path))
        note = f"{result.headline}; {spread}; {seconds / base:.1f}× our JSON import of them"
        rows.append(
            Row.at_most(
                f"`import-jrnl` of {len(live):,} entries ({label}) into an empty journal",
                2.0,
                round(seconds, 2),
                "s",
                note,
            )
        )
    with Journal.open(ctx.fresh_dir("privacy-count")) as journal:
        scan_seconds, (findings, entries) = timed(lambda: count_findings(journal, items))
    rows.append(
        Row.info(
            f"The privacy count of the {len(items):,} imported entries (in the summary)",
            round(scan_seconds, 2),
            "s",
            f"{findings:,} possible identifiers in {entries:,} entries; "
            f"{scan_seconds / len(items) * 1000:.2f} ms per entry; 1 run",
        )
    )
    rows.append(
        Row.info(
            f"Baseline: `import` of the same {summary.entries:,} entries as imgjournal JSON",
            round(base, 2),
            "s",
            f"{base_spread}; no privacy check",
        )
    )
    with Journal.open(ctx.fresh_dir("markdown-source")) as journal:
        import_journal(journal, own, backup=False)
        seconds, result = timed(lambda: export_markdown(journal, folder / "vault"))
    rows.append(
        Row.info(
            f"`export-markdown` of {result.entries:,} entries",
            round(seconds, 2),
            "s",
            "one file per entry, each flushed to disk, then the folder renamed into place",
        )
    )
    return rows
