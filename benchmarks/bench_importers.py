"""The importers (issue 20): 5,000 jrnl entries import in at most 2 s, privacy count included.

The same 5,000 invented entries (``synthetic.generate(5000, seed)``, the trash left out) are
written as jrnl's JSON export, as a jrnl plain text journal and as an imgjournal JSON export.
The target rows measure ``imgjournal import-jrnl FILE`` as the user runs it: the whole process
(start-up, reading and checking the file, the duplicate check, the one transaction with the
word index, and the privacy checker's count of what came in, which the summary reports) into
a journal created just before, untimed. The reference rows split it: the import alone
in-process, and the privacy count alone in one process on one core (what it costs where no
workers are used, as in the app). The baseline, measured in the same run, is our own JSON
import of the same entries (which runs no privacy check); ``export-markdown`` of the same
entries is a reference figure too.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import synthetic
from benchmarks.harness import Context, Row, run_process, timed

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


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _whole_command(ctx: Context, path: Path) -> tuple[float, str, str]:
    """``imgjournal import-jrnl FILE`` as a whole process into a new journal: the median of 3
    (1 when quick), each into its own journal created first by ``imgjournal list``. The spread
    also says the CPU time the command used, its workers included (a shared machine's load
    stretches the wall-clock time far more than the CPU time), and the load average."""
    env = {k: v for k, v in os.environ.items() if k != "IMGJOURNAL_HOME"}
    runs = []
    cpu = []
    for _ in range(1 if ctx.quick else 3):
        home = ctx.fresh_dir("jrnl-command")
        subprocess.run(
            ctx.imgjournal_command("list", home=home), env=env, check=True, capture_output=True
        )
        before = _children_cpu()
        seconds, proc = run_process(
            ctx.imgjournal_command("import-jrnl", str(path), home=home), env=env
        )
        cpu.append(_children_cpu() - before)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode(errors="replace"))
        runs.append((seconds, proc.stdout.decode()))
    seconds = sorted(s for s, _ in runs)
    spread = (
        "1 run" if len(runs) == 1 else f"median of 3 runs ({seconds[0]:.2f}–{seconds[-1]:.2f} s)"
    )
    spread += (
        f"; CPU {sorted(cpu)[len(cpu) // 2]:.2f} s (user + system, workers included); "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return seconds[len(seconds) // 2], spread, runs[-1][1]


def run(ctx: Context) -> list[Row]:
    from imgjournal.db import Journal
    from imgjournal.export.json_io import import_journal
    from imgjournal.importers.common import count_findings, write_incoming
    from imgjournal.importers.jrnl import read_jrnl
    from imgjournal.importers.markdown_export import export_markdown
    from imgjournal.importers.privacy_count import PARALLEL_FROM, usable_cores

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
    cores = usable_cores()
    how = (
        f"the count in {cores} forked workers, sent the texts as the file is parsed"
        if cores > 1 and len(live) >= PARALLEL_FROM
        else "the count on one core"
    )
    rows = []
    alone = []
    for label, path in (("JSON export", json_file), ("plain text journal", text_file)):
        seconds, spread, out = _whole_command(ctx, path)
        lines = out.strip().splitlines()
        privacy_line = next((ln for ln in lines if ln.startswith("Privacy check:")), "")
        counted = privacy_line.removeprefix("Privacy check: ").split(";")[0]
        note = (
            f"{lines[0].rstrip('.:') if lines else '?'}; {counted}; {spread}; {how}; "
            f"{seconds / base:.1f}× our JSON import of them (no privacy check, in-process)"
        )
        rows.append(
            Row.at_most(
                f"`imgjournal import-jrnl` of {len(live):,} entries ({label}), whole command "
                "with the privacy count",
                2.0,
                round(seconds, 2),
                "s",
                note,
            )
        )
        seconds, spread, (result, items) = _median(ctx, import_jrnl(path))
        alone.append(
            Row.info(
                f"The import alone ({label}), in-process, no privacy count",
                round(seconds, 2),
                "s",
                f"{result.headline}; {spread}",
            )
        )
    rows += alone
    with Journal.open(ctx.fresh_dir("privacy-count")) as journal:
        scan_seconds, (findings, entries) = timed(lambda: count_findings(journal, items, workers=1))
    rows.append(
        Row.info(
            f"The privacy count of the {len(items):,} imported entries alone, one core",
            round(scan_seconds, 2),
            "s",
            f"{findings:,} possible identifiers in {entries:,} entries; "
            f"{scan_seconds / len(items) * 1000:.2f} ms per entry; each distinct text once; 1 run",
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
