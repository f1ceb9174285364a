"""Opening journals: pragmas, migrations, backups, damaged and foreign files."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.schema import CreateIndex

from imgjournal import db as dbmod
from imgjournal import paths
from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.migrations import HEAD, SCRIPT_LOCATION
from imgjournal.models import Base
from imgjournal.search_index import include_object
from imgjournal.services import entries
from imgjournal.sqlite import dbapi as sqlite3


def test_head_constant_matches_the_scripts():
    script = ScriptDirectory(SCRIPT_LOCATION)
    assert script.get_heads() == [HEAD]


def test_upgrade_head_gives_exactly_the_models_schema(journal):
    with journal.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(ctx, Base.metadata) == []


def test_pragmas(journal):
    con = journal.raw()
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with journal.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_journal_folder_from_env_and_flag(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGJOURNAL_HOME", str(tmp_path / "env"))
    assert paths.resolve_home() == tmp_path / "env"
    assert paths.resolve_home(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.delenv("IMGJOURNAL_HOME")
    assert "imgjournal" in str(paths.resolve_home())


def test_reopen_keeps_data(home):
    with Journal.open(home) as j:
        e = entries.create_entry(j, "reflection", "Persisted")
    with Journal.open(home) as j:
        assert entries.get_entry(j, e.id).title == "Persisted"
    assert not paths.backup_dir(home).exists()  # nothing to migrate, no backup


def test_newer_database_is_refused(home):
    with Journal.open(home) as j:
        entries.create_entry(j, "reflection", "Mine")
    con = sqlite3.connect(paths.db_path(home))
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(JournalError, match="newer version of imgjournal"):
        Journal.open(home)


def test_migration_backs_up_first(home, monkeypatch):
    with Journal.open(home) as j:
        entries.create_entry(j, "reflection", "Before the upgrade")
    # Pretend the app now ships a newer head: the journal at HEAD is "older".
    monkeypatch.setattr(dbmod, "HEAD", "future")
    monkeypatch.setattr(dbmod, "_known_revisions", lambda: {HEAD, "future"})
    with Journal.open(home) as j:
        assert entries.count_entries(j) == 1
    backups = list(paths.backup_dir(home).glob("journal-*-before-future.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT title FROM entries").fetchall() == [("Before the upgrade",)]
    con.close()


def test_damaged_file_is_refused_and_left_alone(home):
    home.mkdir()
    garbage = b"this is not a database at all" * 100
    paths.db_path(home).write_bytes(garbage)
    with pytest.raises(JournalError, match="not an imgjournal database"):
        Journal.open(home)
    assert paths.db_path(home).read_bytes() == garbage


def test_other_sqlite_file_is_refused(home):
    home.mkdir()
    con = sqlite3.connect(paths.db_path(home))
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(JournalError, match="not an imgjournal journal"):
        Journal.open(home)


def test_corrupt_pages_give_a_clear_error(home):
    with Journal.open(home) as j:
        for i in range(50):
            entries.create_entry(j, "reflection", f"Entry {i}", body="text " * 200)
    raw = bytearray(paths.db_path(home).read_bytes())
    raw[4096 : 4096 * 6] = b"\xff" * (4096 * 5)  # smash pages, keep the header
    paths.db_path(home).write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        p = paths.db_path(home).with_name(paths.db_path(home).name + suffix)
        if p.exists():
            p.unlink()
    with pytest.raises(JournalError, match="damaged"), Journal.open(home) as j:
        entries.list_entries(j)


def test_unwritable_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(JournalError, match="Cannot create the journal folder"):
        Journal.open(blocker / "journal")


def test_upgrade_head_gives_the_models_indexes_exactly(journal):
    """compare_metadata does not see a partial index's WHERE clause: compare the SQL itself."""
    stored = {
        name: " ".join(sql.split())
        for name, sql in journal.raw().execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    }
    declared = {
        index.name: " ".join(str(CreateIndex(index).compile(dialect=sqlite_dialect())).split())
        for table in Base.metadata.sorted_tables
        for index in table.indexes
    }
    assert {name: stored.get(name) for name in declared} == declared


def _plan(journal: Journal, sql: str) -> str:
    return " | ".join(row[-1] for row in journal.raw().execute(f"EXPLAIN QUERY PLAN {sql}"))


def test_queries_for_live_entries_do_not_go_through_the_trash_index(journal):
    live = "SELECT * FROM entries WHERE deleted_at IS NULL"
    newest = _plan(journal, f"{live} ORDER BY entry_date DESC, id DESC LIMIT 200")
    assert "ix_entries_entry_date" in newest and "ix_entries_deleted_at" not in newest
    dated = _plan(journal, f"{live} AND entry_date >= '2024-06-01' AND entry_date <= '2025-01-01'")
    assert "ix_entries_entry_date (entry_date>? AND entry_date<?)" in dated
    per_experience = _plan(
        journal,
        "SELECT experience_id, count(*) FROM entries WHERE deleted_at IS NULL "
        "GROUP BY experience_id",
    )
    assert "COVERING INDEX ix_entries_experience_id" in per_experience
    trash = _plan(journal, "SELECT * FROM entries WHERE deleted_at IS NOT NULL")
    assert "ix_entries_deleted_at" in trash


def test_entries_of_any_of_many_prompts_read_each_entrys_links_once(journal):
    """``EntryFilter.any_prompt`` (the study sheet's stories) checks an entry's few links
    against the list, instead of one index probe per listed prompt for every entry."""
    from datetime import date

    from sqlalchemy import select

    from imgjournal.models import Entry
    from imgjournal.services import browse, entries
    from imgjournal.services.dto import EntryFilter

    flt = EntryFilter(any_prompt=tuple(range(1, 60)), date_from=date(2024, 6, 1))
    stmt = entries._filtered(select(Entry.__table__), flt)
    sql = str(stmt.compile(dialect=sqlite_dialect(), compile_kwargs={"literal_binds": True}))
    params: list[object] = []
    where = browse._where(flt, params)
    rows = f"SELECT e.id FROM entries e WHERE {where}"
    browse_plan = journal.raw().execute(f"EXPLAIN QUERY PLAN {rows}", params)
    for plan in (_plan(journal, sql), " | ".join(row[-1] for row in browse_plan)):
        assert "entry_prompts_1 (entry_id=?)" in plan, plan
        assert "prompt_id=?" not in plan, plan


def test_prompt_and_tag_counts_read_only_the_link_indexes(journal):
    """Live entries per prompt or tag (the sidebar, the study sheet) come from the link
    indexes alone (schema 0006): they hold the entry id the trash check needs."""
    from sqlalchemy import func, select

    from imgjournal.models import entry_prompts, entry_tags
    from imgjournal.services.entries import trashed_entry_ids

    for table, key in ((entry_prompts, "prompt_id"), (entry_tags, "tag_id")):
        stmt = (
            select(table.c[key], func.count())
            .where(table.c.entry_id.not_in(trashed_entry_ids()))
            .group_by(table.c[key])
        )
        sql = str(stmt.compile(dialect=sqlite_dialect(), compile_kwargs={"literal_binds": True}))
        assert f"COVERING INDEX ix_{table.name}_{key}" in _plan(journal, sql)


def test_the_sidebar_counts_per_kind_read_only_the_kind_index(journal):
    """Live entries per kind come from the (kind, deleted_at) index (schema 0009), never from
    the entries' rows with their bodies."""
    from imgjournal.services.browse import KIND_COUNTS_SQL

    assert "COVERING INDEX ix_entries_kind" in _plan(journal, KIND_COUNTS_SQL)


def test_index_migrations_go_down_and_up_again(journal):
    """0005 and 0006 only replace indexes; going down to 0004 gives the old ones back and up
    again the models' (data untouched)."""
    from alembic import command
    from alembic.config import Config

    e = entries.create_entry(journal, "reflection", "Kept", tags=["t"])

    def index_sql(name: str) -> str:
        row = journal.raw().execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,))
        return " ".join(row.fetchone()[0].split())

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    with journal.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert index_sql("ix_entry_tags_tag_id").endswith("ON entry_tags (tag_id)")
    assert index_sql("ix_entries_deleted_at").endswith("ON entries (deleted_at)")
    dbmod.alembic_upgrade(journal.engine, "head")
    test_upgrade_head_gives_the_models_indexes_exactly(journal)
    assert entries.get_entry(journal, e.id).tags == ("t",)


def test_close_lets_go_of_the_file_so_one_put_in_its_place_is_the_one_used(home, tmp_path):
    """What converting or restoring in place relies on: after ``close`` no connection of the
    journal (its engine, its sessions, its raw connection) still reads the file it had, so
    what is written after ``unlock`` is read back from the file now at the path."""
    journal = Journal.open(home)
    entries.create_entry(journal, "reflection", "Before the swap")
    journal.close()
    journal.unlock(None)  # as after an earlier conversion: the connections are made anew
    entries.create_entry(journal, "reflection", "Before the swap, again")
    assert len(entries.list_entries(journal)) == 2
    other = Journal.open(tmp_path / "other")
    entries.create_entry(other, "reflection", "In the other file")
    entries.create_entry(other, "reflection", "Also in the other file")
    other.close()
    journal.close()
    (paths.db_path(home)).unlink()
    (tmp_path / "other" / "journal.sqlite3").rename(paths.db_path(home))
    journal.unlock(None)
    made = entries.create_entry(journal, "reflection", "After the swap")
    titles = {e.title for e in entries.list_entries(journal)}
    assert titles == {"In the other file", "Also in the other file", "After the swap"}
    raw_titles = {r[0] for r in journal.raw().execute("SELECT title FROM entries")}
    assert raw_titles == titles
    assert entries.get_entry(journal, made.id).title == "After the swap"
    journal.close()
