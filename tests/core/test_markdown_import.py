"""Importing folders of Markdown notes as Obsidian and Joplin export them."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.export.markdown_import import SkipFile, import_markdown, parse_note, read_note
from imgjournal.limits import MAX_TITLE_CHARS
from imgjournal.services import bulk, entries
from imgjournal.services.dto import EntryDTO, ImportReport
from imgjournal.services.search import search

FILE_TIME = datetime(2024, 3, 9, 12, 0).timestamp()


def _note(folder: Path, name: str, content: str | bytes, *, stamp: float = FILE_TIME) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    os.utime(path, (stamp, stamp))
    return path


def _all(journal: Journal) -> dict[str, EntryDTO]:
    return {e.title: e for e in entries.list_entries(journal)}


OBSIDIAN = """---
tags: [cardiology, night-float]
aliases: [NF]
---
# First night float

Saw a #STEMI activation at 3 am; paged #cardio/acs. The plan used `#not-a-tag`.

```python
# a comment, and #not-a-tag-either
```

See https://example.org/page#anchor, issue #42, and C# notes.
## Later #debrief
"""

JOPLIN = """---
title: Feedback from Dr. Moreno
updated: 2021-05-11 09:00:00Z
created: 2021-05-10 15:05:16Z
tags:
  - handoff
  - attending feedback
---

Say the **pending labs** at handoff.
"""


def test_obsidian_note(journal: Journal, tmp_path: Path) -> None:
    _note(tmp_path / "vault", "First night float.md", OBSIDIAN)
    report = import_markdown(journal, tmp_path / "vault")
    assert report == ImportReport(imported=1, skipped=())
    got = _all(journal)["First night float"]
    assert got.kind == "reflection"
    assert got.tags == ("STEMI", "cardio/acs", "cardiology", "debrief", "night-float")
    assert got.entry_date == date(2024, 3, 9)  # no date in the front matter: the file's
    assert got.body.startswith("# First night float\n\nSaw a #STEMI")
    assert got.body.endswith("## Later #debrief")


def test_joplin_note(journal: Journal, tmp_path: Path) -> None:
    _note(tmp_path / "export", "Feedback.md", JOPLIN)
    import_markdown(journal, tmp_path / "export")
    got = _all(journal)["Feedback from Dr. Moreno"]
    assert got.entry_date == date(2021, 5, 10)  # created, not the file time
    assert got.tags == ("attending feedback", "handoff")
    assert got.body == "Say the **pending labs** at handoff."
    assert [h.title for h in search(journal, "pending")] == ["Feedback from Dr. Moreno"]


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: cardio, renal icu", ("cardio", "icu", "renal")),
        ('tags: "#cardio #renal"', ("cardio", "renal")),
        ("tags: [a/b, '#c']", ("a/b", "c")),
        ("tag: solo", ("solo",)),
        ("tags:", ()),
    ],
)
def test_front_matter_tag_forms(front: str, tags: tuple[str, ...]) -> None:
    note = parse_note(f"---\n{front}\n---\nText\n", "f", date(2024, 1, 1))
    assert note.tags == tags


@pytest.mark.parametrize(
    ("front", "day"),
    [
        ("date: 2023-02-01", date(2023, 2, 1)),
        ("Date: 2023-02-01T08:30:00+05:30", date(2023, 2, 1)),
        ("created: '2023-02-03T23:10:00Z'", date(2023, 2, 3)),
        ("date: '2023-02-04'\ncreated: 2020-01-01", date(2023, 2, 4)),
        ("title: no date here", date(2024, 1, 1)),
    ],
)
def test_front_matter_dates(front: str, day: date) -> None:
    assert parse_note(f"---\n{front}\n---\nText\n", "f", date(2024, 1, 1)).day == day


@pytest.mark.parametrize(
    ("body", "tags"),
    [
        ("Use `#code` here, then #real.\n#second line", ("real", "second")),
        ("A ``double `#tick` span`` and #after", ("after",)),
        ("~~~\n#fenced\n~~~\nthen #open", ("open",)),
        ("#start of text, mid#word, (#paren) and\t#tab", ("start", "tab")),
        ("no tags at all", ()),
    ],
)
def test_inline_tags_outside_code(body: str, tags: tuple[str, ...]) -> None:
    assert parse_note(body, "f", date(2024, 1, 1)).tags == tags


def test_a_note_is_read_to_its_end(tmp_path: Path) -> None:
    path = _note(tmp_path, "long.md", "# Long\n\n" + "word " * 40_000 + "#last\n")
    note = read_note(path)
    assert note.tags == ("last",) and note.body.endswith("#last")
    assert note.day == date.fromtimestamp(path.stat().st_mtime)


def test_a_note_that_grows_while_it_is_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _note(tmp_path, "growing.md", "# Growing\n\n" + "more " * 30_000 + "#end\n")
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> Any:  # the size as it was a moment before the last write
        status = real_fstat(fd)
        return os.stat_result((*status[:6], 100, *status[7:10]))

    monkeypatch.setattr("imgjournal.export.markdown_import.os.fstat", stale_fstat)
    assert read_note(path).tags == ("end",)


def test_title_falls_back_to_the_heading_then_the_file_name() -> None:
    day = date(2024, 1, 1)
    assert parse_note("Intro\n\n# The heading #\n\n# Second\n", "file", day).title == "The heading"
    assert parse_note("```\n# in code\n```\nplain text\n", "From the file", day).title == (
        "From the file"
    )
    assert parse_note("---\ntitle: ''\n---\n#tag only\n", "Named", day).title == "Named"
    long = parse_note(f"---\ntitle: {'x' * 300}\n---\nText\n", "f", day).title
    assert len(long) == MAX_TITLE_CHARS and long.endswith("…")


def test_windows_line_endings_and_byte_order_mark(journal: Journal, tmp_path: Path) -> None:
    text = "---\r\ntitle: Windows note\r\ntags: [win]\r\n---\r\nLine one\r\nLine two #crlf\r\n"
    _note(tmp_path / "notes", "w.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    import_markdown(journal, tmp_path / "notes")
    got = _all(journal)["Windows note"]
    assert got.body == "Line one\nLine two #crlf" and got.tags == ("crlf", "win")


def test_bad_files_are_skipped_with_a_reason(journal: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    _note(folder, "good.md", "# Good\n\nFine.\n")
    _note(folder, "latin1.md", "Caf\xe9 au lait".encode("latin-1"))
    _note(folder, "empty.md", "")
    _note(folder, "blank.md", "  \n\n")
    _note(folder, "only-front.md", "---\ntitle: Nothing else\n---\n\n")
    _note(folder, "bad-yaml.md", "---\ntitle: [unclosed\ntags: a\n---\nText\n")
    _note(folder, "list-yaml.md", "---\n- a\n- b\n---\nText\n")
    _note(folder, "unclosed.md", "---\ntitle: Never closed\nText\n")
    _note(folder, "bad-date.md", "---\ndate: someday\n---\nText\n")
    _note(folder, "bad-tags.md", "---\ntags: {a: 1}\n---\nText\n")
    _note(folder, "binary.md", b"PK\x03\x04\x00\x00")
    report = import_markdown(journal, folder)
    assert report.imported == 1
    reasons = dict(report.skipped)
    assert sorted(reasons) == [
        "bad-date.md",
        "bad-tags.md",
        "bad-yaml.md",
        "binary.md",
        "blank.md",
        "empty.md",
        "latin1.md",
        "list-yaml.md",
        "only-front.md",
        "unclosed.md",
    ]
    assert reasons["latin1.md"].startswith("not UTF-8 text (byte 3")
    assert reasons["empty.md"] == "empty"
    assert reasons["blank.md"] == "empty"
    assert reasons["only-front.md"] == "empty (no text after the front matter)"
    assert reasons["bad-yaml.md"].startswith("bad front matter: ")
    assert "line" in reasons["bad-yaml.md"]
    assert reasons["list-yaml.md"] == "bad front matter: it is not a list of key: value lines"
    assert reasons["unclosed.md"] == "bad front matter: it has no closing --- line"
    assert reasons["bad-date.md"].startswith("bad front matter: date 'someday' is not a date")
    assert reasons["bad-tags.md"] == "bad front matter: tags must be a list or text"
    assert reasons["binary.md"] == "not a text file"
    assert list(_all(journal)) == ["Good"]


def test_nested_folders_hidden_folders_and_other_files(journal: Journal, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    _note(vault, "top.md", "Top note\n")
    _note(vault, "Rotations/IM/day 1.md", "Day one\n")
    _note(vault, "Rotations/Surgery/day 2.MD", "Day two\n")
    _note(vault, ".obsidian/workspace.md", "not a note\n")
    _note(vault, ".trash/old.md", "deleted note\n")
    _note(vault, ".hidden.md", "hidden\n")
    _note(vault, "attachments/scan.png", b"\x89PNG")
    _note(vault, "todo.txt", "not markdown\n")
    report = import_markdown(journal, vault)
    assert report == ImportReport(imported=3, skipped=())
    assert sorted(_all(journal)) == ["day 1", "day 2", "top"]


def test_skipped_files_in_sub_folders_are_named_by_their_path(
    journal: Journal, tmp_path: Path
) -> None:
    _note(tmp_path / "v", "a/b/empty.md", "")
    assert import_markdown(journal, tmp_path / "v").skipped == (("a/b/empty.md", "empty"),)


def test_all_notes_go_in_one_transaction(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(bulk.BULK_INDEX_MIN + 5):
        _note(tmp_path / "many", f"n{i}.md", f"Note {i} #t{i % 3}\n")
    real_insert = bulk.insert_links

    def failing(conn: Any, table: Any, rows: list) -> None:
        if table.name == "entry_tags":
            raise RuntimeError("the disk broke")
        real_insert(conn, table, rows)

    monkeypatch.setattr(bulk, "insert_links", failing)
    with pytest.raises(RuntimeError):
        import_markdown(journal, tmp_path / "many")
    assert entries.count_entries(journal) == 0
    monkeypatch.undo()
    report = import_markdown(journal, tmp_path / "many")
    assert report.imported == entries.count_entries(journal) == bulk.BULK_INDEX_MIN + 5
    assert len(search(journal, "note", limit=1000)) == report.imported


def test_import_adds_to_a_journal_with_entries(journal: Journal, tmp_path: Path) -> None:
    first = entries.create_entry(journal, "case", "Existing case", tags=["cardiology"])
    _note(tmp_path / "n", "a.md", "---\ntags: [cardiology, new]\n---\nImported\n")
    import_markdown(journal, tmp_path / "n")
    got = _all(journal)
    assert got["Existing case"] == first
    assert got["a"].id > first.id and got["a"].tags == ("cardiology", "new")


def test_a_missing_folder_is_an_error(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="is not a folder"):
        import_markdown(journal, tmp_path / "nowhere")
    _note(tmp_path, "file.md", "text")
    with pytest.raises(JournalError, match="is not a folder"):
        import_markdown(journal, tmp_path / "file.md")


def test_an_empty_folder_imports_nothing(journal: Journal, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert import_markdown(journal, tmp_path / "empty") == ImportReport(imported=0)


_yamlish = st.text(st.sampled_from(list("ab:- #'\"[]{}&*!|>%@`,\n\t0123456789.Tt")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(front=_yamlish, body=st.text(max_size=80))
def test_any_text_is_a_note_or_a_reason(front: str, body: str) -> None:
    for text in (f"---\n{front}\n---\n{body}", body):
        try:
            note = parse_note(text, "file", date(2024, 1, 1))
        except SkipFile as why:
            assert str(why)
            continue
        assert note.title.strip() and len(note.title) <= MAX_TITLE_CHARS
        assert "\n" not in note.title
        assert note.body.strip()
        assert all(t and not t.startswith("#") and len(t) <= 100 for t in note.tags)


def test_links_out_of_the_folder_are_skipped_and_said(journal: Journal, tmp_path: Path) -> None:
    """A link to a file elsewhere (``/etc/shadow``, another journal) is not imported."""
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("# Not for the journal\n\nPrivate.\n")
    notes = tmp_path / "vault"
    (notes / "sub").mkdir(parents=True)
    (notes / "own.md").write_text("# Mine\n\nA night on call.\n")
    (notes / "sub" / "again.md").symlink_to(notes / "own.md")  # a link inside: imported
    (notes / "leak.md").symlink_to(secret)
    (notes / "shadow.md").symlink_to("/etc/shadow")
    (notes / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    report = import_markdown(journal, notes)
    assert report.imported == 2
    assert sorted(report.skipped) == [
        ("leak.md", "a link to a file outside the folder; not imported"),
        ("shadow.md", "a link to a file outside the folder; not imported"),
    ]
    bodies = " ".join(e.body for e in entries.list_entries(journal))
    assert "Private." not in bodies and "root:" not in bodies
