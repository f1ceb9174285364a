"""Entries: create, read, update, list, and the trash."""

from __future__ import annotations

import json
from collections import defaultdict, namedtuple
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, literal_column, select
from sqlalchemy.orm import Session

from imgjournal import search_index
from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, LIST, Field
from imgjournal.limits import MAX_ID, MAX_LIST_ITEMS, MAX_TAG_CHARS
from imgjournal.models import Entry, Experience, Prompt, Tag, entry_prompts, entry_tags, utcnow
from imgjournal.search_index import DETAIL_COLUMNS
from imgjournal.services import history, validate
from imgjournal.services.convert import entry_dto
from imgjournal.services.dto import CaseFields, EntryDTO, EntryFilter, FeedbackFields
from imgjournal.services.validate import clean_case, clean_feedback

_UNSET: Any = object()

# ---- checks -------------------------------------------------------------------------------
# clean_case and clean_feedback live in services/validate (light: the importers check a file's
# cases before the database layer is loaded) and are imported from here as before.


def _store(entry: Entry, values: Any, table: tuple[Field, ...]) -> None:
    for f in table:
        value = getattr(values, f.attr)
        setattr(entry, f.column, "\n".join(value) if f.shape == LIST else value)


def _apply_kind_fields(
    entry: Entry, case: CaseFields | None, feedback: FeedbackFields | None
) -> None:
    if case is not None:
        if entry.kind != EntryKind.CASE:
            raise ValidationError(f"Case fields belong to case entries, not {entry.kind} entries.")
        _store(entry, clean_case(case), CASE_FIELDS)
    if feedback is not None:
        if entry.kind != EntryKind.FEEDBACK:
            raise ValidationError(
                f"Feedback fields belong to feedback entries, not {entry.kind} entries."
            )
        _store(entry, clean_feedback(feedback), FEEDBACK_FIELDS)


def _kind(kind: str) -> str:
    return EntryKind.parse(kind, "entry kind").value


# ---- links --------------------------------------------------------------------------------


def _prompts(session: Session, prompt_ids: Iterable[int]) -> list[Prompt]:
    ids = sorted(set(prompt_ids))
    if not ids:
        return []
    for i in ids:
        validate.record_id(i, "prompt")
    found = {p.id: p for p in session.scalars(select(Prompt).where(Prompt.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError(f"There is no prompt with id {missing[0]}; see `imgjournal prompts`.")
    return [found[i] for i in ids]


def tag_objects(session: Session, names: Iterable[str]) -> list[Tag]:
    """The Tag rows for ``names`` (created when new); names are trimmed, '#' dropped."""
    wanted: dict[str, None] = {}
    for name in names:
        clean = name.strip().lstrip("#").strip()
        if clean:
            if len(clean) > MAX_TAG_CHARS:
                raise ValidationError(f"The tag {clean[:20]!r}… is too long; keep tags short.")
            wanted[clean] = None
    if len(wanted) > MAX_LIST_ITEMS:
        raise ValidationError(
            f"The entry has {len(wanted):,} tags; keep it to {MAX_LIST_ITEMS} or fewer."
        )
    if not wanted:
        return []
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(list(wanted))))}
    out = []
    for name in wanted:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        out.append(tag)
    return out


def _check_experience(session: Session, experience_id: int | None) -> None:
    if experience_id is not None and (
        not 0 < experience_id <= MAX_ID or session.get(Experience, experience_id) is None
    ):
        raise NotFoundError(
            f"There is no experience with id {experience_id}; see `imgjournal experience list`."
        )


def _load(session: Session, entry_id: int) -> Entry:
    validate.record_id(entry_id, "entry")
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise NotFoundError(f"There is no entry with id {entry_id}.")
    return entry


def learn_words(s: Session, entry: Entry) -> None:
    """Add the entry's words to the search vocabulary (search inside words needs them)."""
    conn = s.connection()
    texts = [entry.title, entry.body, *(getattr(entry, c) or "" for c in DETAIL_COLUMNS)]
    search_index.learn_terms(lambda sql, params=(): conn.exec_driver_sql(sql, params), texts)


def dto_of(entry: Entry) -> EntryDTO:
    return entry_dto(entry, [p.id for p in entry.prompts], [t.name for t in entry.tags])


# ---- use cases ----------------------------------------------------------------------------


def create_entry(
    journal: Journal,
    kind: str,
    title: str,
    *,
    entry_date: date | None = None,
    body: str = "",
    experience_id: int | None = None,
    prompt_ids: Iterable[int] = (),
    tags: Iterable[str] = (),
    case: CaseFields | None = None,
    feedback: FeedbackFields | None = None,
) -> EntryDTO:
    kind = _kind(kind)
    title = validate.title(title)
    body = validate.body(body)
    with journal.session() as s:
        _check_experience(s, experience_id)
        now = utcnow()
        entry = Entry(
            kind=kind,
            title=title,
            entry_date=entry_date or date.today(),
            body=body or "",
            experience_id=experience_id,
            created_at=now,
            updated_at=now,
        )
        if kind == EntryKind.CASE:
            case = case or CaseFields()
        if kind == EntryKind.FEEDBACK:
            feedback = feedback or FeedbackFields()
        _apply_kind_fields(entry, case, feedback)
        entry.prompts = _prompts(s, prompt_ids)
        entry.tags = tag_objects(s, tags)
        s.add(entry)
        s.flush()
        learn_words(s, entry)
        return dto_of(entry)


def update_entry(
    journal: Journal,
    entry_id: int,
    *,
    title: str = _UNSET,
    entry_date: date = _UNSET,
    body: str = _UNSET,
    experience_id: int | None = _UNSET,
    prompt_ids: Iterable[int] = _UNSET,
    tags: Iterable[str] = _UNSET,
    case: CaseFields = _UNSET,
    feedback: FeedbackFields = _UNSET,
    now: datetime | None = None,
) -> EntryDTO:
    """Change the given fields of an entry; fields not passed stay as they are.

    When the text changes, the text before may be kept as a revision (at most one every 10
    minutes; see :mod:`imgjournal.services.history`).
    """
    with journal.session() as s:
        entry = _load(s, entry_id)
        before, saved_at = history.content_of(entry), entry.updated_at
        if title is not _UNSET:
            entry.title = validate.title(title)
        if entry_date is not _UNSET:
            entry.entry_date = entry_date
        if body is not _UNSET:
            entry.body = validate.body(body)
        if experience_id is not _UNSET:
            _check_experience(s, experience_id)
            entry.experience_id = experience_id
        _apply_kind_fields(
            entry,
            None if case is _UNSET else case,
            None if feedback is _UNSET else feedback,
        )
        if prompt_ids is not _UNSET:
            entry.prompts = _prompts(s, prompt_ids)
        if tags is not _UNSET:
            entry.tags = tag_objects(s, tags)
        now = now or utcnow()
        entry.updated_at = now
        if history.content_of(entry) != before:
            history.keep_before_edit(s, entry.id, before, saved_at=saved_at, now=now)
        s.flush()
        learn_words(s, entry)
        return dto_of(entry)


def get_entry(journal: Journal, entry_id: int) -> EntryDTO:
    with journal.session() as s:
        return dto_of(_load(s, entry_id))


def link_prompt(journal: Journal, entry_id: int, prompt_id: int, linked: bool = True) -> EntryDTO:
    with journal.session() as s:
        entry = _load(s, entry_id)
        ids = {p.id for p in entry.prompts}
        ids = ids | {prompt_id} if linked else ids - {prompt_id}
        entry.prompts = _prompts(s, ids)
        entry.updated_at = utcnow()
        s.flush()
        return dto_of(entry)


def _filtered(stmt: Any, flt: EntryFilter) -> Any:
    t = Entry.__table__
    stmt = stmt.where(t.c.deleted_at.is_not(None) if flt.trashed else t.c.deleted_at.is_(None))
    if flt.kind:
        stmt = stmt.where(t.c.kind == _kind(flt.kind))
    if flt.experience_id is not None:
        stmt = stmt.where(t.c.experience_id == flt.experience_id)
    if flt.prompt_id is not None:
        stmt = stmt.where(
            t.c.id.in_(
                select(entry_prompts.c.entry_id).where(entry_prompts.c.prompt_id == flt.prompt_id)
            )
        )
    if flt.any_prompt:
        # EXISTS, not IN: with many prompts, IN made SQLite walk every link of them and look
        # up each entry (80 ms for a study sheet's date range), where EXISTS lets it read the
        # date range and check each entry's links (38 ms). The unary plus keeps SQLite from
        # probing the link index once per listed prompt for every entry: it reads the
        # entry's few links and checks each against the list (25 ms).
        stmt = stmt.where(
            select(entry_prompts.c.entry_id)
            .where(
                entry_prompts.c.entry_id == t.c.id,
                literal_column("+entry_prompts.prompt_id").in_(flt.any_prompt),
            )
            .exists()
        )
    if flt.tag:
        stmt = stmt.where(
            t.c.id.in_(
                select(entry_tags.c.entry_id)
                .join(Tag.__table__, Tag.id == entry_tags.c.tag_id)
                .where(Tag.name == flt.tag.strip().lstrip("#"))
            )
        )
    if flt.date_from:
        stmt = stmt.where(t.c.entry_date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(t.c.entry_date <= flt.date_to)
    return stmt


def trashed_entry_ids() -> Any:
    """``SELECT id FROM entries WHERE deleted_at IS NOT NULL``, for counting live links.

    Counting a prompt's or a tag's live entries as "links whose entry is not in the trash"
    reads the small trash index once; joining every link to its entry's row to look at
    deleted_at read the whole entries table (88 ms against 21 ms at 50,000 entries).
    """
    return select(Entry.id).where(Entry.deleted_at.is_not(None))


def plain_rows(result: Any) -> list[Any]:
    """A result's rows as namedtuples: attribute access on SQLAlchemy rows is several times
    slower, which shows when thousands of entries become DTOs."""
    make = namedtuple("Row", result.keys())._make  # type: ignore[misc]
    return list(map(make, result.all()))


def _among(column: Any, ids: Sequence[int]) -> Any:
    """``column IN ids`` as one bound JSON array: one statement SQLAlchemy compiles once, for
    any number of ids (an IN list of 500 parameters was compiled anew for every chunk)."""
    listed = func.json_each(json.dumps([int(i) for i in ids])).table_valued("value")
    return column.in_(select(listed.c.value))


def _links(s: Session, ids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[str]]]:
    prompts: dict[int, list[int]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return prompts, tags
    links = select(entry_prompts.c.entry_id, entry_prompts.c.prompt_id)
    for eid, pid in s.execute(links.where(_among(entry_prompts.c.entry_id, ids))):
        prompts[eid].append(pid)
    for eid, name in s.execute(
        select(entry_tags.c.entry_id, Tag.name)
        .join(Tag, Tag.id == entry_tags.c.tag_id)
        .where(_among(entry_tags.c.entry_id, ids))
    ):
        tags[eid].append(name)
    return prompts, tags


def entries_by_id(journal: Journal, ids: Sequence[int]) -> list[EntryDTO]:
    """Full entries for ``ids``, in that order (ids that do not exist are left out)."""
    t = Entry.__table__
    with journal.session() as s:
        found = plain_rows(s.execute(select(t).where(_among(t.c.id, ids)))) if ids else []
        rows = {r.id: r for r in found}
        prompts, tags = _links(s, list(rows))
        return [entry_dto(rows[i], prompts[i], tags[i]) for i in ids if i in rows]


def list_entries(
    journal: Journal,
    flt: EntryFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = True,
) -> list[EntryDTO]:
    flt = flt or EntryFilter()
    t = Entry.__table__
    order = (t.c.entry_date.desc(), t.c.id.desc()) if newest_first else (t.c.entry_date, t.c.id)
    stmt = _filtered(select(t), flt).order_by(*order).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with journal.session() as s:
        rows = plain_rows(s.execute(stmt))
        prompts, tags = _links(s, [r.id for r in rows])
        return [entry_dto(r, prompts[r.id], tags[r.id]) for r in rows]


def count_entries(journal: Journal, flt: EntryFilter | None = None) -> int:
    t = Entry.__table__
    with journal.session() as s:
        return s.scalar(_filtered(select(func.count()).select_from(t), flt or EntryFilter()))


def trash_entry(journal: Journal, entry_id: int) -> EntryDTO:
    """Move an entry to the trash; it can be restored until the trash is emptied."""
    with journal.session() as s:
        entry = _load(s, entry_id)
        if entry.deleted_at is None:
            entry.deleted_at = utcnow()
        s.flush()
        return dto_of(entry)


def restore_entry(journal: Journal, entry_id: int) -> EntryDTO:
    """Take an entry out of the trash; an entry that is not in it is an error (nothing to do)."""
    with journal.session() as s:
        entry = _load(s, entry_id)
        if entry.deleted_at is None:
            raise ValidationError(
                f"Entry {entry_id} is not in the trash; there is nothing to restore."
            )
        entry.deleted_at = None
        s.flush()
        return dto_of(entry)


def empty_trash(journal: Journal) -> int:
    """Delete every entry in the trash for good; returns how many were deleted.

    A verified ``before-empty-trash`` backup is made first when the trash holds anything.
    """
    with journal.session() as s:
        in_trash = s.scalar(
            select(func.count()).select_from(Entry).where(Entry.deleted_at.is_not(None))
        )
    if not in_trash:
        return 0
    from imgjournal.backups import backup_before

    backup_before(journal.home, "empty-trash")
    with journal.session() as s:
        result = s.execute(delete(Entry).where(Entry.deleted_at.is_not(None)))
        return result.rowcount or 0
