"""Backups (issue 12): a verified backup of the 50,000-entry journal against copying the file.

The target: a backup takes at most 3× the time of copying the journal file in the same run.
The baseline is what a careful copy costs — ``shutil.copyfile`` and ``fsync`` (a backup that
is not on disk is not a backup) — and the backup is the whole of ``backups.create_backup``:
the consistent copy, ``PRAGMA integrity_check`` on it, its sha256 and its manifest. Copies and
backups alternate, and the ratio is the median of the pairs' ratios, so a busy moment of the
machine does not count for one side only. Restoring the newest backup is a reference figure.
"""

from __future__ import annotations

import os
import shutil
import statistics

from benchmarks.harness import Context, Row, timed


def run(ctx: Context) -> list[Row]:
    from imgjournal import backups, paths

    home = ctx.copy_home("backups")
    db = paths.db_path(home)
    size_mb = db.stat().st_size / 1e6
    scratch = ctx.fresh_dir("file-copies") / "journal.sqlite3"

    def copy_file() -> None:
        shutil.copyfile(db, scratch)
        fd = os.open(scratch, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        scratch.unlink()

    def back_up() -> None:
        info = backups.create_backup(home, "bench")
        assert info.verified, "the benchmark journal's backup failed its check"
        info.path.unlink()
        info.manifest.unlink()

    pairs = 5 if ctx.quick else 11
    copy_file(), back_up()  # warm the page cache and the imports
    copies, made, ratios = [], [], []
    for _ in range(pairs):
        c, _ = timed(copy_file)
        b, _ = timed(back_up)
        copies.append(c)
        made.append(b)
        ratios.append(b / c)
    ratio = statistics.median(ratios)
    backup_ms = statistics.median(made) * 1000
    copy_ms = statistics.median(copies) * 1000
    rows = [
        Row.info("copying the journal file (copyfile + fsync)", copy_ms, "ms", f"{size_mb:.0f} MB"),
        Row.at_most(
            "verified backup ÷ file copy (median of pairs)",
            3.0,
            ratio,
            "×",
            f"backup {backup_ms:.0f} ms: copy, integrity_check, sha256, manifest; {pairs} pairs",
        ),
    ]
    latest = backups.create_backup(home, "bench")
    restore_s, result = timed(lambda: backups.restore_backup(home, latest))
    rows.append(
        Row.info(
            "restoring the newest backup",
            restore_s * 1000,
            "ms",
            f"{result.entries:,} entries; includes a before-restore backup of the current file",
        )
    )
    return rows
