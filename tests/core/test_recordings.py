"""Recordings of spoken answers (services/recordings.py): files in the journal folder, their
length kept with the attempt (migration 0011), deleted with care, and the length in the JSON
export. Every sound here is an invented tone written with the ``wave`` module."""

from __future__ import annotations

import json
import math
import os
import stat
import struct
import time
import wave
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from imgjournal import paths
from imgjournal.db import Journal, alembic_upgrade
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.export.json_io import ImportFileError, export_journal, import_journal
from imgjournal.migrations import HEAD
from imgjournal.services import entries, prep, prompts, recordings
from imgjournal.services.journals import open_journal
from imgjournal.sqlite import dbapi as sqlite3

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def write_wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A mono 16-bit tone of ``seconds`` (an invented sound, not a voice)."""
    frames = int(seconds * rate)
    data = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(frames)
    )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data)
    return path


@pytest.fixture
def journal(home):
    j = open_journal(home)
    yield j
    j.close()


@pytest.fixture
def attempt(journal):
    p = prompts.list_prompts(journal)[3]
    return prep.record_attempt(journal, p.id, 3, 42, "steady", at=T0).attempt


def _recorded(journal: Journal, seconds: float) -> Path:
    return write_wav(recordings.new_recording_path(journal, "wav"), seconds)


def _columns(journal: Journal, attempt_id: int) -> tuple:
    con = sqlite3.connect(paths.db_path(journal.home))
    try:
        return con.execute(
            "SELECT recording_ms, recording_file FROM practice_attempts WHERE id = ?",
            (attempt_id,),
        ).fetchone()
    finally:
        con.close()


def test_a_wav_recording_is_kept_with_its_length_read_from_the_file(journal, attempt):
    path = _recorded(journal, 2.5)
    assert path.parent == journal.home / "recordings"
    kept = recordings.attach(journal, attempt.id, path.name, measured_ms=999)
    # The file says 2.5 s: the recorder's figure is only for formats the core cannot read.
    assert kept.recording_ms == 2500
    assert kept.recording_file == path.name
    assert _columns(journal, attempt.id) == (2500, path.name)
    assert recordings.recording_path(journal, kept) == path
    assert [a.recording_ms for a in prep.list_attempts(journal, attempt.prompt_id)] == [2500]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_recordings_folder_and_files_are_private(journal, attempt):
    os.umask(0o022)  # even when the process would make them readable by others
    try:
        path = _recorded(journal, 0.2)
        path.chmod(0o644)
        recordings.attach(journal, attempt.id, path.name)
    finally:
        os.umask(0o077)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_delete_removes_the_file_and_keeps_the_attempt(journal, attempt):
    path = _recorded(journal, 1.0)
    recordings.attach(journal, attempt.id, path.name)
    after = recordings.delete_recording(journal, attempt.id)
    assert not path.exists()
    assert (after.recording_ms, after.recording_file) == (None, None)
    assert _columns(journal, attempt.id) == (None, None)
    (still,) = prep.list_attempts(journal, attempt.prompt_id)
    assert (still.id, still.rating, still.note, still.duration_seconds) == (
        attempt.id,
        3,
        "steady",
        42,
    )
    # Deleting again (or a file already gone) is not an error.
    assert recordings.delete_recording(journal, attempt.id).recording_file is None


def test_recording_again_replaces_the_old_file(journal, attempt):
    first = _recorded(journal, 1.0)
    recordings.attach(journal, attempt.id, first.name)
    second = _recorded(journal, 2.0)
    assert recordings.attach(journal, attempt.id, second.name).recording_ms == 2000
    assert not first.exists() and second.exists()


def test_bad_recordings_get_one_sentence_and_change_nothing(journal, attempt):
    with pytest.raises(ValidationError, match="not the name of a recording"):
        recordings.attach(journal, attempt.id, "../journal.sqlite3")
    with pytest.raises(ValidationError, match="record it again"):
        recordings.attach(journal, attempt.id, "0123abcd.wav")
    broken = recordings.new_recording_path(journal, "wav")
    broken.write_bytes(b"not a wave file")
    with pytest.raises(ValidationError, match="cannot be read"):
        recordings.attach(journal, attempt.id, broken.name)
    m4a = recordings.new_recording_path(journal, "m4a")
    m4a.write_bytes(b"\0" * 64)
    with pytest.raises(ValidationError, match="length .* is not known"):
        recordings.attach(journal, attempt.id, m4a.name)
    # An m4a's length is the recorder's (the core reads no AAC).
    assert recordings.attach(journal, attempt.id, m4a.name, 4321).recording_ms == 4321
    with pytest.raises(NotFoundError, match="no practice attempt 999"):
        recordings.attach(journal, 999, m4a.name, 10)
    with pytest.raises(ValidationError, match="not .*exe"):
        recordings.new_recording_path(journal, "exe")


def test_orphans_are_removed_on_open_and_young_or_kept_files_stay(home):
    with open_journal(home) as j:
        p = prompts.list_prompts(j)[2]
        a = prep.record_attempt(j, p.id, 2, 30, at=T0).attempt
        kept = _recorded(j, 0.5)
        recordings.attach(j, a.id, kept.name)
        never_rated = _recorded(j, 0.5)  # the app quit before the answer was rated
        young = _recorded(j, 0.5)  # being recorded in another window right now
        gone_attempt = prep.record_attempt(j, p.id, 3, 30, at=T0 + timedelta(days=2)).attempt
        of_deleted = _recorded(j, 0.5)
        recordings.attach(j, gone_attempt.id, of_deleted.name)
        other = j.home / "recordings" / "notes.txt"  # not a recording: left alone
        other.write_text("mine")
    old = time.time() - 7 * 3600
    for f in (never_rated, of_deleted, kept, other):
        os.utime(f, (old, old))
    # The prompt's second attempt goes (as when an attempt or its prompt is deleted).
    con = sqlite3.connect(paths.db_path(home))
    con.execute("DELETE FROM practice_attempts WHERE id = ?", (gone_attempt.id,))
    con.commit()
    con.close()
    with open_journal(home) as j:
        left = sorted(f.name for f in (j.home / "recordings").iterdir())
        assert left == sorted([kept.name, young.name, "notes.txt"])
        assert recordings.remove_orphans(j, grace=timedelta(0)) == [young.name]


def test_recording_ms_travels_in_the_json_export_and_the_file_does_not(journal, attempt, tmp_path):
    path = _recorded(journal, 1.25)
    recordings.attach(journal, attempt.id, path.name)
    out = tmp_path / "out.json"
    export_journal(journal, out)
    doc = json.loads(out.read_text("utf-8"))
    (rec,) = doc["practice_attempts"]
    assert rec["recording_ms"] == 1250
    assert "recording_file" not in rec and path.name not in out.read_text("utf-8")

    with open_journal(tmp_path / "other") as other:
        import_journal(other, out)
        (copy,) = prep.list_attempts(other)
        assert (copy.recording_ms, copy.recording_file) == (1250, None)
        again = tmp_path / "again.json"
        export_journal(other, again)
    assert json.loads(again.read_text("utf-8"))["practice_attempts"] == [rec]

    # A file written before recordings (no key) imports as "no recording".
    del rec["recording_ms"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(doc), "utf-8")
    with open_journal(tmp_path / "third") as third:
        import_journal(third, older)
        assert [a.recording_ms for a in prep.list_attempts(third)] == [None]

    rec["recording_ms"] = -5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), "utf-8")
    with open_journal(tmp_path / "fourth") as fourth:
        with pytest.raises(ImportFileError, match="recording_ms must be 0 or more"):
            import_journal(fourth, bad)
        assert prep.list_attempts(fourth) == []


def test_a_0009_journal_gains_the_recording_columns(home):
    home.mkdir(parents=True)
    j = Journal(home)
    alembic_upgrade(j.engine, "0009")
    j.close()
    con = sqlite3.connect(paths.db_path(home))
    con.execute(
        "INSERT INTO prompts (id, key, category, text, min_seconds, max_seconds, hidden, position)"
        " VALUES (1, NULL, 'behavioural', 'A conflict?', 60, 90, 0, 0)"
    )
    con.execute(
        "INSERT INTO practice_attempts (id, prompt_id, draft_id, started_at, duration_seconds,"
        " rating, note) VALUES (1, 1, NULL, '2026-11-01T10:00:00.000000+00:00', 75, 3, 'old')"
    )
    con.commit()
    columns = {r[1] for r in con.execute("PRAGMA table_info(practice_attempts)")}
    con.close()
    assert "recording_ms" not in columns
    assert int(HEAD) >= 11  # the upgrade runs through 0011
    with open_journal(home) as j:
        (old,) = prep.list_attempts(j, 1)
        assert (old.note, old.recording_ms, old.recording_file) == ("old", None, None)
        path = _recorded(j, 0.75)
        assert recordings.attach(j, 1, path.name).recording_ms == 750
        entries.create_entry(j, "reflection", "After the upgrade")
    con = sqlite3.connect(paths.db_path(home))
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert con.execute("SELECT recording_ms, note FROM practice_attempts").fetchone() == (
        750,
        "old",
    )
    con.close()
