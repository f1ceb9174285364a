"""The cost of checking a journal on open (issue 12), over the 50,000-entry journal.

- the quick check every open runs (``PRAGMA quick_check``, through a read-only connection):
  what it adds to opening the journal, ≤ 150 ms (the median open with the check minus the
  median open when the sidecar stamp says the file is unchanged and skips it);
- ``imgjournal check``'s whole-file ``PRAGMA integrity_check``, in-process (a reference);
- the -wal check of a journal open elsewhere (a live -wal of many commits), a reference.
"""

from __future__ import annotations

from benchmarks.harness import Context, Row, median_ms


def run(ctx: Context) -> list[Row]:
    from imgjournal import health, paths
    from imgjournal.db import Journal
    from imgjournal.services import entries

    home = ctx.copy_home("health")
    Journal.open(home).close()  # migrations, prompts, the stamp
    n = 3 if ctx.quick else 7

    def open_skipping() -> None:
        Journal.open(home).close()

    def open_checking() -> None:
        health.forget_stamp(home)
        journal = Journal.open(home)
        journal.close()

    open_checking()  # warm the page cache the same way for both
    skipped, _ = median_ms(open_skipping, n)
    checked, times = median_ms(open_checking, n)
    added = checked - skipped
    rows = [
        Row.at_most(
            f"Start-up: the quick_check on open ({ctx.entries:,} entries), added",
            150,
            round(added, 1),
            "ms",
            f"Journal.open + close: {checked:.0f} ms with the check, {skipped:.0f} ms when the "
            f"stamp skips it; median of {n} ({min(times):.0f}–{max(times):.0f} ms)",
        )
    ]
    full, _ = median_ms(lambda: health.full_check(home), 1 if ctx.quick else 3)
    rows.append(
        Row.info(
            "`imgjournal check`: integrity_check, schema, counts (in-process)",
            round(full / 1000, 2),
            "s",
            "the whole-file PRAGMA integrity_check, not the quick one",
        )
    )
    app = Journal.open(home)  # the app, with a live -wal of many commits
    try:
        for i in range(300):
            entries.create_entry(app, "reflection", f"Live {i}")
        db = paths.db_path(home)
        header = db.read_bytes()[:100]
        frames = health.read_wal(health.wal_path(db))
        wal_ms, _ = median_ms(lambda: health.wal_fits(db, header), n)
        rows.append(
            Row.info(
                "-wal check of a journal open elsewhere",
                round(wal_ms, 2),
                "ms",
                f"{frames.commits if frames else 0} commits in the -wal since SQLite's last "
                f"checkpoint; the file is {health.wal_path(db).stat().st_size / 1e6:.1f} MB",
            )
        )
    finally:
        app.close()
    return rows
