"""The field table (imgjournal.fields): adding a case or feedback field is one line plus a
migration. Every field of the table, whatever it is, must reach every place that maps fields:
the DTOs, the schema, the services' storage and checks, JSON export and import (both the
DTO path and the stored-row fast paths), Markdown notes, the snapshot, the history, the privacy
check and search. Each test walks the table, so a place that keeps its own list of fields, or
forgets one, fails here.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from imgjournal import fields
from imgjournal.errors import ValidationError
from imgjournal.export.json_fields import ImportFileError
from imgjournal.export.json_io import export_journal, import_journal, load_snapshot
from imgjournal.export.markdown_import import import_markdown
from imgjournal.export.records import entry_record
from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, KIND_FIELDS
from imgjournal.importers.markdown_export import export_markdown
from imgjournal.limits import MAX_FIELD_CHARS, MAX_LIST_ITEMS
from imgjournal.models import Entry
from imgjournal.services import entries, history, privacy, snapshot
from imgjournal.services.dto import CaseFields, FeedbackFields
from imgjournal.services.journals import open_journal
from imgjournal.services.search import search_ids

DTOS = {"case": CaseFields, "feedback": FeedbackFields}
EVERY = [(kind, f) for kind, table in KIND_FIELDS.items() for f in table]


def _id(item: tuple[str, fields.Field]) -> str:
    return f"{item[0]}.{item[1].attr}"


def token(f: fields.Field) -> str:
    """A made-up word only this field holds (none is a prefix of another)."""
    return "zq" + f.attr.replace("_", "") + "zq"


def sample(f: fields.Field) -> Any:
    """A value of ``f`` that is not its default (invented text)."""
    if f.shape == fields.TEXT:
        return f"Invented {token(f)} text"
    if f.shape == fields.LIST:
        return (f"{token(f)} first", f"second {f.attr}")
    if f.shape == fields.CHOICE:
        return list(f.choices)[-1].value
    return True


def other(f: fields.Field) -> Any:
    """Another value of ``f``, different from ``sample(f)``."""
    if f.shape == fields.TEXT:
        return "Changed text"
    if f.shape == fields.LIST:
        return ("changed",)
    if f.shape == fields.CHOICE:
        return list(f.choices)[0].value
    return False


def values(kind: str, **changed: Any) -> Any:
    return DTOS[kind](**{f.attr: sample(f) for f in KIND_FIELDS[kind]} | changed)


def as_json(f: fields.Field, value: Any) -> Any:
    return list(value) if f.shape == fields.LIST else value


def add_both(journal) -> dict[str, int]:
    """One case and one feedback entry with every field set; their ids by kind."""
    return {
        "case": entries.create_entry(journal, "case", "Case", case=values("case")).id,
        "feedback": entries.create_entry(
            journal, "feedback", "Feedback", feedback=values("feedback")
        ).id,
    }


def kind_values(entry) -> Any:
    return entry.case if entry.kind == "case" else entry.feedback


# ---- the declarations agree -------------------------------------------------------------


def test_the_dtos_have_exactly_the_tables_fields_in_order_with_its_defaults():
    for kind, table in KIND_FIELDS.items():
        dto = DTOS[kind]
        assert [x.name for x in dataclasses.fields(dto)] == [f.attr for f in table]
        empty = dto()
        assert {f.attr: getattr(empty, f.attr) for f in table} == {f.attr: f.default for f in table}


def test_every_fields_column_is_in_the_migrated_schema_and_the_models(journal):
    columns = {row[1] for row in journal.raw().execute("PRAGMA table_info(entries)")}
    for _kind, f in EVERY:
        assert f.column in columns, f.column
        assert f.column in Entry.__table__.c, f.column


def test_keys_and_columns_are_unique_and_the_stored_row_holds_every_column():
    every = [f for _kind, f in EVERY]
    for key in ("column", "json_key", "md_key", "option"):
        names = [getattr(f, key) for f in every]
        assert len(set(names)) == len(names), key
    row = snapshot.ENTRY_TABLE_COLUMNS
    assert row[snapshot.CASE_SLICE] == tuple(f.column for f in CASE_FIELDS)
    assert row[snapshot.FEEDBACK_SLICE] == tuple(f.column for f in FEEDBACK_FIELDS)
    assert len(row) == len(set(row)) == snapshot.FEEDBACK_SLICE.stop


# ---- through the services -----------------------------------------------------------------


def test_every_field_is_stored_and_read_back_by_each_way_of_reading(journal):
    ids = add_both(journal)
    listed = {e.id: e for e in entries.list_entries(journal)}
    by_id = {e.id: e for e in entries.entries_by_id(journal, list(ids.values()))}
    snap = {e.id: e for e in snapshot.read_snapshot(journal).entries}
    for kind, entry_id in ids.items():
        want = values(kind)
        assert kind_values(entries.get_entry(journal, entry_id)) == want
        assert kind_values(listed[entry_id]) == want
        assert kind_values(by_id[entry_id]) == want
        assert kind_values(snap[entry_id]) == want
    stored = journal.raw().execute(
        f"SELECT {', '.join(snapshot.ENTRY_TABLE_COLUMNS)} FROM entries ORDER BY id"
    )
    # The snapshot's entries as stored rows (the import of DTOs) are the rows SQLite holds.
    assert [snapshot.entry_values(e) for e in snap.values()] == [tuple(r) for r in stored]


@pytest.mark.parametrize("item", EVERY, ids=_id)
def test_every_field_is_checked_with_the_words_of_the_table(journal, item):
    kind, f = item
    if f.shape == fields.FLAG:
        return
    bad: Any = {
        fields.TEXT: "x" * (MAX_FIELD_CHARS + 1),
        fields.LIST: tuple(f"item {i}" for i in range(MAX_LIST_ITEMS + 1)),
        fields.CHOICE: "no such value",
    }[f.shape]
    with pytest.raises(ValidationError) as err:
        entries.create_entry(journal, kind, "Checked", **{kind: values(kind, **{f.attr: bad})})
    assert f.what in str(err.value)


# ---- JSON export and import ---------------------------------------------------------------


def test_every_field_round_trips_through_a_json_export(journal, tmp_path: Path):
    ids = add_both(journal)
    path = tmp_path / "journal.json"
    export_journal(journal, path)
    written = {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))["entries"]}
    for kind, entry_id in ids.items():
        table = KIND_FIELDS[kind]
        record = written[entry_id][kind]
        assert record == {f.json_key: as_json(f, sample(f)) for f in table}
        assert list(record) == sorted(record)  # written in sorted order, as the encoder wants
        # The DTO path (--json) writes the same record.
        assert entry_record(entries.get_entry(journal, entry_id))[kind] == record
    other_journal = open_journal(tmp_path / "other")
    try:
        import_journal(other_journal, path)
        for kind, entry_id in ids.items():
            assert kind_values(entries.get_entry(other_journal, entry_id)) == values(kind)
    finally:
        other_journal.close()
    # The file read as stored rows: the kind's columns as the journal stores them.
    rows = {row[0]: row for row in snapshot.entry_table(load_snapshot(path)).rows}
    for kind, entry_id in ids.items():
        stored = rows[entry_id][snapshot.CASE_SLICE if kind == "case" else snapshot.FEEDBACK_SLICE]
        want = snapshot.entry_values(entries.get_entry(journal, entry_id))
        assert stored == want[snapshot.CASE_SLICE if kind == "case" else snapshot.FEEDBACK_SLICE]


@pytest.mark.parametrize("item", EVERY, ids=_id)
def test_a_json_file_leaving_a_field_out_reads_its_default(journal, tmp_path: Path, item):
    kind, f = item
    ids = add_both(journal)
    path = tmp_path / "journal.json"
    export_journal(journal, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    record = next(r for r in doc["entries"] if r["id"] == ids[kind])
    del record[kind][f.json_key]
    path.write_text(json.dumps(doc), encoding="utf-8")
    other_journal = open_journal(tmp_path / "other")
    try:
        import_journal(other_journal, path)
        got = kind_values(entries.get_entry(other_journal, ids[kind]))
    finally:
        other_journal.close()
    assert got == values(kind, **{f.attr: f.default})


@pytest.mark.parametrize("item", EVERY, ids=_id)
def test_a_json_file_with_a_wrong_value_names_the_fields_key(journal, tmp_path: Path, item):
    kind, f = item
    ids = add_both(journal)
    path = tmp_path / "journal.json"
    export_journal(journal, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    record = next(r for r in doc["entries"] if r["id"] == ids[kind])
    record[kind][f.json_key] = {
        fields.TEXT: "x" * (MAX_FIELD_CHARS + 1),
        fields.LIST: ["x" * (MAX_FIELD_CHARS + 1)],
        fields.CHOICE: "no such value",
        fields.FLAG: "yes",
    }[f.shape]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        load_snapshot(path)
    assert f"{kind}.{f.json_key}" in str(err.value)


# ---- Markdown notes -----------------------------------------------------------------------


def test_every_field_round_trips_through_markdown_notes(journal, tmp_path: Path):
    ids = add_both(journal)
    folder = tmp_path / "notes"
    export_markdown(journal, folder)
    metas = []
    for note in folder.rglob("*.md"):
        text = note.read_text(encoding="utf-8")
        metas.append(yaml.safe_load(text.split("---\n")[1]))
    by_kind = {m["kind"]: m for m in metas}
    for kind in ids:
        meta = by_kind[kind]
        for f in KIND_FIELDS[kind]:
            assert meta[f.md_key] == as_json(f, sample(f)), f.md_key
    other_journal = open_journal(tmp_path / "other")
    try:
        import_markdown(other_journal, folder)
        got = {e.kind: kind_values(e) for e in entries.list_entries(other_journal)}
    finally:
        other_journal.close()
    assert got == {kind: values(kind) for kind in ids}


# ---- history, privacy, search -------------------------------------------------------------


@pytest.mark.parametrize("item", EVERY, ids=_id)
def test_the_history_keeps_names_and_restores_every_field(journal, item):
    kind, f = item
    entry = entries.create_entry(journal, kind, "Kept", **{kind: values(kind)})
    assert history.record_revision(journal, entry.id) is not None
    entries.update_entry(journal, entry.id, **{kind: values(kind, **{f.attr: other(f)})})
    assert history.compare(journal, entry.id, 1).fields_changed == (f.name,)
    restored = history.restore_revision(journal, entry.id, 1).entry
    assert kind_values(restored) == values(kind)


def test_the_privacy_check_reads_every_free_text_field_by_its_label(journal):
    ids = add_both(journal)
    for kind, entry_id in ids.items():
        found = dict(privacy.entry_fields(entries.get_entry(journal, entry_id)))
        for f in KIND_FIELDS[kind]:
            if f.free_text:
                value = sample(f)
                assert found[f.attr] == ("; ".join(value) if f.shape == fields.LIST else value)
                assert privacy.FIELD_LABELS[f.attr] == f.label
            else:
                assert f.attr not in found


def test_search_finds_every_free_text_field_by_a_word_and_inside_words(journal):
    ids = add_both(journal)
    for kind, entry_id in ids.items():
        for f in KIND_FIELDS[kind]:
            if f.free_text:
                # The index's view (from the migrations) and the vocabulary of words learnt
                # as an entry is saved (search_index.DETAIL_COLUMNS), which text inside words
                # is looked up in.
                for query in (token(f), token(f)[1:-1]):
                    assert [hit[0] for hit in search_ids(journal, query)] == [entry_id], query


# ---- the command line ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_the_add_command_has_each_fields_option_with_its_help(kind):
    """What `imgjournal add` will build its options from (the table's option and help)."""
    out = subprocess.run(
        [sys.executable, "-m", "imgjournal", "add", kind, "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = " ".join(out.split())
    for f in KIND_FIELDS[kind]:
        assert re.search(re.escape(f.option) + r"(?: [A-Z_]+)? " + re.escape(f.help), text), f
