"""Recordings of spoken answers (issue 16, "Say it out loud"): files in the journal folder.

The practice window records an answer into ``<journal home>/recordings/<uuid>.<ext>`` (m4a/AAC
where Qt's FFmpeg backend can write it, else WAV) and, when the answer is rated, the file is
attached to the stored attempt: ``practice_attempts.recording_file`` holds its *name* (never a
path) and ``recording_ms`` its length. The folder is 0700 and each file 0600 (imgjournal/private).

What a recording is not:

- encrypted: SQLCipher encrypts the database, not files beside it; a recording in an encrypted
  journal is a plain audio file (the practice screen says so once; docs/security.md);
- exported: the JSON export carries ``recording_ms``, not the audio;
- backed up: backups are copies of the database (imgjournal/backups.py). A restored backup may
  name a recording deleted since; it then plays as missing, and the attempt is intact.

A file no attempt names is an orphan: a recording whose attempt (or prompt) was deleted, or one
recorded and never rated (the app quit, a crash). ``remove_orphans`` deletes those older than a
grace period (a recording in progress in another window is young), when a journal is opened.

The core never imports Qt: lengths come from the file for WAV (the ``wave`` module), otherwise
from the recorder (QMediaRecorder.duration()), passed in.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
import wave
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from imgjournal.db import Journal
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.limits import MAX_ID
from imgjournal.models import PracticeAttempt
from imgjournal.private import POSIX, PRIVATE_DIR, PRIVATE_FILE
from imgjournal.services.convert import attempt_dto
from imgjournal.services.dto import AttemptDTO

log = logging.getLogger(__name__)

FOLDER = "recordings"
EXTENSIONS = frozenset({"m4a", "wav", "ogg", "flac", "mp4", "aac"})
ORPHAN_GRACE = timedelta(hours=6)
MAX_MS = 24 * 3600 * 1000  # a practice answer longer than a day is not a length


def recordings_dir(home: Path) -> Path:
    return Path(home) / FOLDER


def ensure_dir(home: Path) -> Path:
    """The recordings folder, created private (0700) when missing."""
    folder = recordings_dir(home)
    folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    if POSIX:
        folder.chmod(PRIVATE_DIR)
    return folder


def new_recording_path(journal: Journal, ext: str) -> Path:
    """Where the next recording goes: a new file name in the (private) recordings folder."""
    ext = ext.lower().lstrip(".")
    if ext not in EXTENSIONS:
        known = ", ".join(sorted(EXTENSIONS))
        raise ValidationError(f"Recordings are saved as {known}, not {ext}.")
    if journal.read_only:
        raise ValidationError("This journal is open read-only; recordings cannot be saved.")
    return ensure_dir(journal.home) / f"{uuid.uuid4().hex}.{ext}"


def _checked_name(name: str) -> str:
    """A recording's file name as stored: a plain name of the recordings folder."""
    plain = Path(name).name
    ext = plain.rpartition(".")[2].lower()
    if not plain or plain != name or plain.startswith(".") or ext not in EXTENSIONS:
        raise ValidationError(f"{name!r} is not the name of a recording in the recordings folder.")
    return plain


def wav_length_ms(path: Path) -> int:
    """A WAV file's length in milliseconds, read from its header."""
    try:
        with wave.open(str(path), "rb") as w:
            rate = w.getframerate()
            frames = w.getnframes()
    except (wave.Error, EOFError, OSError) as exc:
        raise ValidationError(f"The recording {path.name} cannot be read: {exc}.") from exc
    if rate <= 0:
        raise ValidationError(f"The recording {path.name} has no sample rate.")
    return round(frames * 1000 / rate)


def length_ms(path: Path, measured_ms: int | None = None) -> int:
    """The recording's length: from a WAV file itself, else what the recorder measured."""
    if path.suffix.lower() == ".wav":
        return wav_length_ms(path)
    if measured_ms is None or not 0 <= measured_ms <= MAX_MS:
        raise ValidationError(f"The length of the recording {path.name} is not known.")
    return int(measured_ms)


def _attempt(s, attempt_id: int) -> PracticeAttempt:
    row = s.get(PracticeAttempt, attempt_id) if 0 < attempt_id <= MAX_ID else None
    if row is None:
        raise NotFoundError(f"There is no practice attempt {attempt_id}.")
    return row


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def attach(
    journal: Journal, attempt_id: int, name: str, measured_ms: int | None = None
) -> AttemptDTO:
    """Keep the recording ``name`` (a file of the recordings folder) with the attempt: the file
    is made private and its length stored. An attempt's earlier recording is deleted."""
    name = _checked_name(name)
    path = recordings_dir(journal.home) / name
    if not path.is_file():
        raise ValidationError(f"The recording {name} is not in {path.parent}; record it again.")
    ms = length_ms(path, measured_ms)
    if POSIX:
        path.chmod(PRIVATE_FILE)
    with journal.session() as s:
        row = _attempt(s, attempt_id)
        old = row.recording_file
        row.recording_file, row.recording_ms = name, ms
        s.flush()
        dto = attempt_dto(row)
    if old and old != name:
        _remove(recordings_dir(journal.home) / old)
    return dto


def recording_path(journal: Journal, attempt: AttemptDTO) -> Path | None:
    """The attempt's recording file, or None without one (or when the file is gone)."""
    if not attempt.recording_file:
        return None
    path = recordings_dir(journal.home) / Path(attempt.recording_file).name
    return path if path.is_file() else None


def delete_recording(journal: Journal, attempt_id: int) -> AttemptDTO:
    """Delete the attempt's recording: the file goes, the attempt stays (without a length)."""
    with journal.session() as s:
        row = _attempt(s, attempt_id)
        name = row.recording_file
        row.recording_file, row.recording_ms = None, None
        s.flush()
        dto = attempt_dto(row)
    if name:
        _remove(recordings_dir(journal.home) / Path(name).name)
    return dto


def discard(journal: Journal, path: Path) -> None:
    """Delete a recording no attempt has yet (re-recorded, deleted or skipped before rating)."""
    path = Path(path)
    if path.parent != recordings_dir(journal.home):
        raise ValidationError(f"{path} is not a recording of this journal.")
    _remove(path)


def remove_orphans(
    journal: Journal, *, grace: timedelta = ORPHAN_GRACE, now: float | None = None
) -> list[str]:
    """Delete the recordings no attempt names that are older than ``grace``; their names."""
    folder = recordings_dir(journal.home)
    if journal.read_only or not folder.is_dir():
        return []
    with journal.session() as s:
        kept = set(
            s.scalars(
                select(PracticeAttempt.recording_file).where(
                    PracticeAttempt.recording_file.is_not(None)
                )
            )
        )
    cutoff = (time.time() if now is None else now) - grace.total_seconds()
    removed = []
    for entry in os.scandir(folder):
        if entry.name in kept or not entry.is_file(follow_symlinks=False):
            continue
        if entry.name.rpartition(".")[2].lower() not in EXTENSIONS:
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue
            os.unlink(entry.path)
        except OSError as exc:
            log.warning("could not remove the orphaned recording %s: %s", entry.path, exc)
            continue
        removed.append(entry.name)
    if removed:
        log.info("removed %d orphaned recording(s) from %s", len(removed), folder)
    return sorted(removed)
