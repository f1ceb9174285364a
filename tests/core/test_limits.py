"""Limits on what comes in, and storage failures on the command line (docs/data-safety.md)."""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from imgjournal.cli import main
from imgjournal.db import Journal
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.export import json_io
from imgjournal.export.json_fields import ImportFileError
from imgjournal.export.markdown_import import import_markdown
from imgjournal.limits import MAX_BODY_BYTES, MAX_FIELD_CHARS, MAX_ID
from imgjournal.services import entries, experiences, prep, prompts, search
from imgjournal.services.dto import CaseFields
from imgjournal.sqlite import dbapi as sqlite3


def _one_error(err: str) -> str:
    assert err.startswith("imgjournal: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected" not in err
    return err.removeprefix("imgjournal: error: ").strip()


def _count(home: Path) -> int:
    with Journal.open(home) as j:
        return entries.count_entries(j) + entries.count_entries(
            j, entries.EntryFilter(trashed=True)
        )


# ---- the services --------------------------------------------------------------------------


def test_a_body_up_to_1_mb_of_utf8_is_kept_and_one_byte_more_is_refused(journal):
    fits = "é" * (MAX_BODY_BYTES // 2)  # 2 bytes each: exactly the limit
    e = entries.create_entry(journal, "reflection", "Long", body=fits)
    assert len(entries.get_entry(journal, e.id).body) == MAX_BODY_BYTES // 2
    with pytest.raises(ValidationError) as err:
        entries.update_entry(journal, e.id, body=fits + "x")
    assert str(err.value) == (
        "The body is more than 1 MB; it can hold at most 1 MB — split it into several entries."
    )
    with pytest.raises(ValidationError, match=r"The body is 10\.2 MB; it can hold at most 1 MB"):
        entries.create_entry(journal, "reflection", "Huge", body="x" * 10_200_000)
    assert entries.get_entry(journal, e.id).body == fits  # the refused update wrote nothing
    assert entries.count_entries(journal) == 1


def test_other_fields_lists_and_prompt_text_have_their_limits(journal):
    long = "y" * (MAX_FIELD_CHARS + 1)
    with pytest.raises(ValidationError, match="The situation is 10,001 characters long"):
        entries.create_entry(journal, "case", "c", case=CaseFields(situation=long))
    with pytest.raises(ValidationError, match="The entry has 201 diagnoses"):
        entries.create_entry(
            journal, "case", "c", case=CaseFields(diagnoses=tuple(f"d{i}" for i in range(201)))
        )
    with pytest.raises(ValidationError, match="The entry has 201 tags"):
        entries.create_entry(journal, "reflection", "r", tags=[f"t{i}" for i in range(201)])
    with pytest.raises(ValidationError, match="The institution is 10,001 characters long"):
        experiences.create_experience(
            journal, "rotation", "x", __import__("datetime").date(2026, 1, 1), institution=long
        )
    with pytest.raises(ValidationError, match="The prompt text is 1,001 characters long"):
        prompts.add_prompt(journal, "personal", "w" * 1001)
    with pytest.raises(ValidationError, match="longer than an hour"):
        prompts.add_prompt(journal, "personal", "Why?", min_seconds=60, max_seconds=3601)
    with pytest.raises(ValidationError, match="The draft is 1.1 MB"):
        prep.create_draft(journal, 1, "d", "z" * 1_100_000)
    assert entries.count_entries(journal) == 0


def test_ids_beyond_sqlite_integers_are_not_found_not_overflow(journal):
    for call in (
        lambda: entries.get_entry(journal, MAX_ID + 1),
        lambda: entries.create_entry(journal, "case", "c", experience_id=10**30),
        lambda: entries.create_entry(journal, "case", "c", prompt_ids=[10**30]),
        lambda: experiences.get_experience(journal, 10**25),
        lambda: prompts.get_prompt(journal, 10**25),
        lambda: prep.list_drafts(journal, 10**25),
    ):
        with pytest.raises(NotFoundError, match="There is no"):
            call()


def test_a_huge_stored_body_gives_a_short_snippet(journal, capsys):
    e = entries.create_entry(journal, "reflection", "Blob", body="start troponin")
    blob = "intro troponin" + "b" * 10_000_000 + " troponin end"  # a 10 MB "word" first
    with journal.session() as s:  # written by an older version, before the limit
        s.connection().exec_driver_sql("UPDATE entries SET body = ? WHERE id = ?", (blob, e.id))
    started = time.perf_counter()
    hits = search.search(journal, "troponin")
    assert [h.entry_id for h in hits] == [e.id]
    assert 0 < len(hits[0].snippet) < 600 and "troponinbbb" in hits[0].snippet
    hits = search.search(journal, "ponin")  # inside a word: the giant one is cut around it
    assert [h.entry_id for h in hits] == [e.id]
    assert 0 < len(hits[0].snippet) < 600 and "ponin" in hits[0].snippet
    code = main(["--home", str(journal.home), "search", "troponin"])
    assert code == 0 and len(capsys.readouterr().out) < 600
    assert time.perf_counter() - started < 5


def test_a_query_over_1000_characters_is_refused(journal):
    with pytest.raises(ValidationError, match="The search is 1,001 characters long"):
        search.search(journal, "q" * 1001)


# ---- importers -----------------------------------------------------------------------------


def _export(tmp_path: Path, **entry: object) -> Path:
    record = {"id": 1, "kind": "reflection", "title": "t", "date": "2026-01-01"} | entry
    doc = {"format": "imgjournal", "version": 1, "experiences": [], "prompts": [], "tags": []}
    doc["entries"] = [record]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"body": "x" * 1_100_000}, "entries[0] (id 1): body is 1.1 MB; an entry holds at most"),
        (
            {"kind": "case", "case": {"lesson": "l" * 10_001}},
            "case.lesson is 10,001 characters long; the limit is 10,000",
        ),
        (
            {"kind": "case", "case": {"diagnoses": ["d"] * 201}},
            "case.diagnoses has 201 items; the limit is 200",
        ),
        ({"tags": [f"t{i}" for i in range(201)]}, "tags has 201 items; the limit is 200"),
    ],
)
def test_json_import_over_a_limit_names_it_and_writes_nothing(journal, tmp_path, entry, message):
    with pytest.raises(ImportFileError) as err:
        json_io.import_journal(journal, _export(tmp_path, **entry))
    assert message in str(err.value) and str(err.value).endswith(".")
    assert entries.count_entries(journal) == 0


def test_json_import_reads_no_more_than_its_limit(journal, tmp_path, monkeypatch):
    path = _export(tmp_path, body="fine")
    monkeypatch.setattr(json_io, "MAX_IMPORT_BYTES", path.stat().st_size - 1)
    with pytest.raises(ImportFileError) as err:
        json_io.import_journal(journal, path)
    assert str(err.value).startswith("in.json is larger than ")
    assert "check that it is an imgjournal export" in str(err.value)
    assert entries.count_entries(journal) == 0
    monkeypatch.setattr(json_io, "MAX_IMPORT_BYTES", path.stat().st_size)
    json_io.import_journal(journal, path)
    assert entries.count_entries(journal) == 1


def test_markdown_note_over_1_mb_is_skipped_with_the_reason(journal, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "big.md").write_text("# Big\n" + "w " * 600_000, encoding="utf-8")
    (notes / "small.md").write_text("# Small\nfits", encoding="utf-8")
    report = import_markdown(journal, notes)
    assert report.imported == 1
    assert report.skipped == (
        ("big.md", "larger than 1 MB, the most an entry holds; split it into several notes"),
    )
    assert [e.title for e in entries.list_entries(journal)] == ["Small"]


# ---- the command line ----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/urandom").exists(), reason="needs /dev/urandom")
def test_body_file_from_dev_urandom_ends_quickly_with_one_sentence(run, home):
    started = time.perf_counter()
    code, out, err = run("add", "reflection", "--title", "x", "--body-file", "/dev/urandom")
    assert time.perf_counter() - started < 10
    assert code == 1 and out == ""
    assert _one_error(err) == (
        "/dev/urandom is larger than 1 MB, the most an entry holds; split it into several entries."
    )
    assert _count(home) == 0


def test_body_file_of_random_bytes_is_not_utf8(run, home, tmp_path):
    f = tmp_path / "noise.bin"
    f.write_bytes(b"ok \xff\xfe\x00 more")
    code, _, err = run("add", "reflection", "--title", "x", "--body-file", str(f))
    assert code == 1
    assert _one_error(err) == (
        f"{f} is not UTF-8 text (byte 3 is not valid UTF-8); save it as UTF-8 and try again."
    )
    assert _count(home) == 0


def test_stdin_is_read_no_further_than_the_limit(run, home, monkeypatch):
    class Endless(io.RawIOBase):
        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buf) -> int:  # type: ignore[no-untyped-def]
            buf[:] = b"a" * len(buf)
            Endless.read_bytes += len(buf)
            return len(buf)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    code, _, err = run("add", "reflection", "--title", "x", "--body-file", "-")
    assert code == 1
    assert _one_error(err).startswith("The text on standard input is larger than 1 MB")
    assert Endless.read_bytes <= 2 * MAX_BODY_BYTES
    assert _count(home) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["show", "99999999999999999999999"],
            "argument id: 99999999999999999999999 is not an id (ids go up to "
            "9223372036854775807, the largest number the journal holds)",
        ),
        (["show", "9" * 5000], "argument id: 99999999999999999999… is not an id"),
        (
            ["search", "x", "--limit", "99999999999999999999"],
            "argument --limit: 99999999999999999999 is too large; give at most 10000",
        ),
        (["list", "--experience", "9223372036854775808"], "is not an id (ids go up to"),
        (
            ["prompts", "add", "Why?", "--category", "personal", "--max-seconds", "10" * 10],
            "argument --max-seconds: " + "10" * 10 + " is too large; give at most 3600",
        ),
        (
            [
                "experience",
                "add",
                "--kind",
                "rotation",
                "--title",
                "t",
                "--start",
                "2026-01-01",
                "--hours",
                "169",
            ],
            "argument --hours: 169 is too large; give at most 168",
        ),  # fmt: skip
        (
            ["list", "--from", "2026-03-01", "--to", "2026-01-01"],
            "The end date 2026-01-01 is before the start date 2026-03-01.",
        ),
        (
            ["search", "x", "--from", "2026-03-01", "--to", "2026-01-01"],
            "The end date 2026-01-01 is before the start date 2026-03-01.",
        ),
        (["search", "q" * 1001], "The search is 1,001 characters long"),
        (["add", "reflection", "--title", "x", "--body", "b" * 1_000_001], "The body is more"),
        (["restore", "7"], "There is no entry with id 7."),
    ],
)
def test_numbers_and_ranges_out_of_bounds_are_one_line(run, home, argv, message):
    code, out, err = run(*argv)
    assert code == 1 and out == ""
    assert message in _one_error(err)
    assert _count(home) == 0


def test_restore_of_an_entry_not_in_the_trash_says_so(run, home):
    assert run("add", "reflection", "--title", "Here")[0] == 0
    code, out, err = run("restore", "1")
    assert (code, out) == (1, "")
    assert _one_error(err) == "Entry 1 is not in the trash; there is nothing to restore."
    assert run("delete", "1")[0] == 0
    assert run("restore", "1")[:2] == (0, "Restored entry 1.\n")


# ---- storage failures on the command line ---------------------------------------------------


@contextmanager
def every_new_connection(*pragmas: str) -> Iterator[None]:
    """Run ``pragmas`` each time the journal takes a connection for a unit of work (after its
    own pragmas), until the block ends."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    def apply(dbapi_conn: sqlite3.Connection, *_: object) -> None:
        for pragma in pragmas:
            dbapi_conn.execute(pragma)

    event.listen(Pool, "checkout", apply)
    try:
        yield
    finally:
        event.remove(Pool, "checkout", apply)


@pytest.mark.parametrize(
    ("pragmas", "message"),
    [
        # max_page_count cannot shrink the file: 1 means "no page more than it has now".
        (("PRAGMA max_page_count = 1",), "The disk is full; free some space and try again "
         "(nothing was lost)."),
        (("PRAGMA query_only = ON",), "is read-only; make the folder writable and try again."),
    ],
)  # fmt: skip
def test_full_disk_and_read_only_journal_give_one_sentence_and_keep_the_data(
    run, home, pragmas, message
):
    assert run("add", "reflection", "--title", "Before", "--body", "kept")[0] == 0
    with every_new_connection(*pragmas):
        code, out, err = run("add", "case", "--title", "After", "--body", "new words " * 5000)
        assert (code, out) == (1, "")
        assert _one_error(err).endswith(message)
        if "query_only" in pragmas[0]:  # (a full disk still lets a row change in place)
            code, _, err = run("delete", "1")
            assert code == 1 and _one_error(err).endswith(message)
    with Journal.open(home) as j:
        assert [(e.title, e.body, e.in_trash) for e in entries.list_entries(j)] == [
            ("Before", "kept", False)
        ]
    assert run("add", "case", "--title", "After")[0] == 0  # the cause gone, it works again


def test_a_journal_locked_by_another_program_says_try_again(run, home):
    assert run("add", "reflection", "--title", "Before")[0] == 0
    other = sqlite3.connect(home / "journal.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with every_new_connection("PRAGMA busy_timeout = 0"):
            code, _, err = run("add", "reflection", "--title", "Blocked")
        assert code == 1
        assert _one_error(err) == (
            f"The journal {home / 'journal.sqlite3'} is in use by another program; "
            "close it and try again."
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _count(home) == 1
