"""Revision history of entries: earlier texts kept while editing, listed, compared, restored.

What is kept (issue 12):

- **While editing**: before a save changes an entry's text (title, body, the case or feedback
  fields), the text as it was is kept as a revision when the entry's newest revision was kept
  more than :data:`KEEP_EVERY` (10 minutes) ago, or it has none. So a long editing session
  leaves one revision every 10 minutes, and the text an entry had before editing began is
  never lost. Saves that change only the date, tags, prompts or experience keep nothing.
- **On leaving the entry** (the editor opens another one, the window closes): the current text,
  unless it is the newest revision already (:func:`record_revision` with ``reason="left"``).
- **On restore**: the current text first, so a restore can itself be undone.

Retention: every revision kept in the last :data:`KEEP_DAYS` days, and always the newest
:data:`KEEP_LAST` of each entry; older ones are deleted when a revision of that entry is kept
(:func:`prune` does the whole journal). Moving an entry to the trash keeps its revisions;
emptying the trash deletes them with the entry (``ON DELETE CASCADE``).

Every function takes ``now`` (an aware datetime) so tests can run a fake clock.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from imgjournal.db import Journal
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.fields import KIND_FIELDS
from imgjournal.models import Entry, Revision, utcnow

if TYPE_CHECKING:
    from imgjournal.services.dto import EntryDTO

KEEP_EVERY = timedelta(minutes=10)
KEEP_DAYS = 30
KEEP_LAST = 20
REASONS = ("edit", "left", "restore")

# The kind's own fields a revision keeps and a restore brings back (columns of ``entries``).
DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(f.column for f in kind_fields) for kind, kind_fields in KIND_FIELDS.items()
}
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)  # as the editor's word count
_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


# ---- DTOs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RevisionDTO:
    """One kept revision, for lists: ``saved`` is when this text was saved in the entry."""

    entry_id: int
    rev: int
    saved: datetime
    kept: datetime
    reason: str  # "edit", "left" or "restore"
    title: str
    words: int  # of the body
    size: int  # characters of the body


@dataclass(frozen=True)
class RevisionText:
    """A revision with its whole text."""

    info: RevisionDTO
    body: str
    fields: tuple[tuple[str, Any], ...]  # (column, value) of the case or feedback fields


Segment = tuple[str, str]  # (op, text); op is "equal", "insert" or "delete"


@dataclass(frozen=True)
class RevisionDiff:
    """A revision against the entry's current text: deletions were in the revision and are
    gone now, insertions were added since."""

    revision: RevisionDTO
    title: list[Segment]
    body: list[Segment]
    fields_changed: tuple[str, ...]  # labels ("Situation") of kind fields that differ


@dataclass(frozen=True)
class Restored:
    entry: EntryDTO
    restored: RevisionDTO  # the revision whose text the entry has again
    kept: RevisionDTO  # the revision that holds the text from before the restore


# ---- the text of an entry -----------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    title: str
    body: str
    details: str  # JSON of the kind's fields, "" for a reflection


def content_of(entry: Entry) -> Content:
    cols = DETAIL_FIELDS.get(entry.kind, ())
    details = (
        json.dumps({c: getattr(entry, c) for c in cols}, sort_keys=True, ensure_ascii=False)
        if cols
        else ""
    )
    return Content(entry.title, entry.body or "", details)


def _content_of_revision(r: Revision) -> Content:
    return Content(r.title, r.body, r.details)


def _dto(r: Revision) -> RevisionDTO:
    return RevisionDTO(
        entry_id=r.entry_id,
        rev=r.rev,
        saved=r.saved_at,
        kept=r.kept_at,
        reason=r.reason,
        title=r.title,
        words=r.words,
        size=len(r.body),
    )


# ---- keeping ------------------------------------------------------------------------------


def _load(s: Session, entry_id: int) -> Entry:
    entry = s.get(Entry, entry_id)
    if entry is None:
        raise NotFoundError(f"There is no entry with id {entry_id}.")
    return entry


def _newest(s: Session, entry_id: int) -> Revision | None:
    return s.scalars(
        select(Revision).where(Revision.entry_id == entry_id).order_by(Revision.rev.desc()).limit(1)
    ).first()


def _keep(
    s: Session,
    entry_id: int,
    content: Content,
    *,
    saved_at: datetime,
    now: datetime,
    reason: str,
    newest: Revision | None,
) -> Revision:
    row = Revision(
        entry_id=entry_id,
        rev=(newest.rev if newest else 0) + 1,
        saved_at=saved_at,
        kept_at=now,
        reason=reason,
        title=content.title,
        body=content.body,
        details=content.details,
        words=count_words(content.body),
    )
    s.add(row)
    s.flush()
    _prune(s, now, entry_id=entry_id)
    return row


def _recent(newest: Revision, now: datetime) -> bool:
    """Kept less than KEEP_EVERY ago (a clock that went back counts as long ago)."""
    return timedelta(0) <= now - newest.kept_at < KEEP_EVERY


def keep_before_edit(
    s: Session, entry_id: int, before: Content, *, saved_at: datetime, now: datetime
) -> Revision | None:
    """For ``entries.update_entry``, once it has changed the text: keep ``before`` (the text
    saved at ``saved_at``) unless a revision was kept in the last 10 minutes.

    When ``before`` is the newest revision already (kept on leaving the entry or by a
    restore), nothing new is kept, but that revision counts as kept now: editing that
    starts again keeps its next revision 10 minutes later, not at the next save.
    """
    newest = _newest(s, entry_id)
    if newest is not None and _recent(newest, now):
        return None
    if newest is not None and _content_of_revision(newest) == before:
        newest.kept_at = now
        return None
    return _keep(s, entry_id, before, saved_at=saved_at, now=now, reason="edit", newest=newest)


def _keep_current(s: Session, entry: Entry, *, now: datetime, reason: str) -> Revision:
    """Keep the entry's text unless it is the newest revision already; returns the revision
    that holds it."""
    newest = _newest(s, entry.id)
    content = content_of(entry)
    if newest is not None and _content_of_revision(newest) == content:
        return newest
    return _keep(
        s, entry.id, content, saved_at=entry.updated_at, now=now, reason=reason, newest=newest
    )


def record_revision(
    journal: Journal, entry_id: int, *, now: datetime | None = None, reason: str = "left"
) -> RevisionDTO | None:
    """Keep the entry's current text as a revision; returns it, or None if nothing was kept.

    ``reason="left"`` (the editor moved to another entry or closed): kept unless it is the
    newest revision already. ``reason="edit"``: kept only if no revision was kept in the last
    10 minutes, as while editing.
    """
    if reason not in ("edit", "left"):
        raise ValueError(f"unknown reason {reason!r}")
    now = now or utcnow()
    with journal.session() as s:
        entry = _load(s, entry_id)
        newest = _newest(s, entry_id)
        if newest is not None and _content_of_revision(newest) == content_of(entry):
            return None
        if reason == "edit" and newest is not None and _recent(newest, now):
            return None
        row = _keep(
            s,
            entry_id,
            content_of(entry),
            saved_at=entry.updated_at,
            now=now,
            reason=reason,
            newest=newest,
        )
        return _dto(row)


# ---- reading ------------------------------------------------------------------------------


def list_revisions(journal: Journal, entry_id: int) -> list[RevisionDTO]:
    """The entry's revisions, newest first."""
    with journal.session() as s:
        _load(s, entry_id)
        rows = s.scalars(
            select(Revision).where(Revision.entry_id == entry_id).order_by(Revision.rev.desc())
        )
        return [_dto(r) for r in rows]


def _revision(s: Session, entry_id: int, rev: int) -> Revision:
    _load(s, entry_id)
    row = s.scalars(
        select(Revision).where(Revision.entry_id == entry_id, Revision.rev == rev)
    ).first()
    if row is None:
        raise NotFoundError(
            f"Entry {entry_id} has no revision {rev}; see `imgjournal history {entry_id}`."
        )
    return row


def _fields(r: Revision) -> tuple[tuple[str, Any], ...]:
    return tuple(json.loads(r.details).items()) if r.details else ()


def get_revision(journal: Journal, entry_id: int, rev: int) -> RevisionText:
    with journal.session() as s:
        r = _revision(s, entry_id, rev)
        return RevisionText(info=_dto(r), body=r.body, fields=_fields(r))


def compare(journal: Journal, entry_id: int, rev: int) -> RevisionDiff:
    """Revision ``rev`` against the entry's current text."""
    with journal.session() as s:
        r = _revision(s, entry_id, rev)
        entry = _load(s, entry_id)
        old = dict(_fields(r))
        new = json.loads(content_of(entry).details or "{}")
        changed = tuple(
            f.name
            for f in KIND_FIELDS.get(entry.kind, ())
            if old.get(f.column) != new.get(f.column)
        )
        return RevisionDiff(
            revision=_dto(r),
            title=inline_diff(r.title, entry.title),
            body=inline_diff(r.body, entry.body or ""),
            fields_changed=changed,
        )


# ---- restoring ----------------------------------------------------------------------------


def restore_revision(
    journal: Journal, entry_id: int, rev: int, *, now: datetime | None = None
) -> Restored:
    """Give the entry the text of revision ``rev`` again (title, body, case or feedback
    fields; its date, tags, prompts and experience stay). The current text is kept as a
    revision first, so the restore can be undone by restoring that one."""
    from imgjournal.services import entries  # entries imports this module

    now = now or utcnow()
    with journal.session() as s:
        entry = _load(s, entry_id)
        if entry.deleted_at is not None:
            raise ValidationError(
                f"Entry {entry_id} is in the trash; restore it from the trash first."
            )
        r = _revision(s, entry_id, rev)
        restored = _dto(r)
        kept = _keep_current(s, entry, now=now, reason="restore")
        entry.title = r.title
        entry.body = r.body
        for column, value in _fields(r):
            if column in DETAIL_FIELDS.get(entry.kind, ()):
                setattr(entry, column, value)
        entry.updated_at = now
        s.flush()
        entries.learn_words(s, entry)
        return Restored(entry=entries.dto_of(entry), restored=restored, kept=_dto(kept))


# ---- retention ----------------------------------------------------------------------------


def _prune(s: Session, now: datetime, *, entry_id: int | None = None) -> int:
    cutoff = now - timedelta(days=KEEP_DAYS)
    rank = (
        func.row_number()
        .over(partition_by=Revision.entry_id, order_by=Revision.rev.desc())
        .label("n")
    )
    ranked = select(Revision.id, Revision.kept_at, rank)
    if entry_id is not None:
        ranked = ranked.where(Revision.entry_id == entry_id)
    else:  # an entry in the trash keeps its revisions until the trash is emptied
        trashed = select(Entry.id).where(Entry.deleted_at.is_not(None))
        ranked = ranked.where(Revision.entry_id.not_in(trashed))
    sub = ranked.subquery()
    old = select(sub.c.id).where(sub.c.n > KEEP_LAST, sub.c.kept_at < cutoff)
    result = s.execute(delete(Revision).where(Revision.id.in_(old)))
    return result.rowcount or 0


def prune(journal: Journal, now: datetime | None = None) -> int:
    """Delete revisions older than 30 days beyond the newest 20 of each entry (entries in
    the trash keep theirs); returns how many were deleted."""
    with journal.session() as s:
        return _prune(s, now or utcnow())


# ---- diff ---------------------------------------------------------------------------------


def _merge(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for op, text in segments:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def _tidy(segments: list[Segment]) -> list[Segment]:
    """One deletion and one insertion per run of changes: spaces alone between two changes
    join both, so "in the ED" -> "troponin rising" reads as two phrases, not interleaved
    words."""
    out: list[Segment] = []
    dels: list[str] = []
    ins: list[str] = []

    def close_run() -> None:
        if dels or ins:
            out.append(("delete", "".join(dels)))
            out.append(("insert", "".join(ins)))
            dels.clear()
            ins.clear()

    for i, (op, text) in enumerate(segments):
        if op == "delete":
            dels.append(text)
        elif op == "insert":
            ins.append(text)
        elif (dels or ins) and not text.strip() and i + 1 < len(segments):
            dels.append(text)  # spaces between two changes
            ins.append(text)
        else:
            close_run()
            out.append((op, text))
    close_run()
    return out


def _word_diff(old: str, new: str) -> list[Segment]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Segment] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        else:
            out.append(("delete", "".join(a[i1:i2])))
            out.append(("insert", "".join(b[j1:j2])))
    return _tidy(out)


def inline_diff(old: str, new: str) -> list[Segment]:
    """How ``new`` differs from ``old``, as (op, text) segments in reading order: "equal"
    text is in both, "delete" only in ``old``, "insert" only in ``new``. Joining the equal and
    delete texts gives ``old``; the equal and insert texts give ``new``.

    Lines are matched first, then the words of changed lines, so a long entry compares quickly
    and a changed word shows as that word, not as its whole line.
    """
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[Segment] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        elif tag == "replace":
            out.extend(_word_diff("".join(a[i1:i2]), "".join(b[j1:j2])))
        else:
            out.append(("delete", "".join(a[i1:i2])))
            out.append(("insert", "".join(b[j1:j2])))
    return _merge(out)
