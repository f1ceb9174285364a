"""Whole-journal reads and writes for import and export: everything at once, in bulk.

``import_snapshot`` adds a :class:`~imgjournal.services.snapshot.Snapshot` (read from a file, or
from Markdown notes) to a journal in one write transaction, in bulk through the driver: it
checks every reference first and writes nothing if one is wrong. Reading a whole journal is
:mod:`imgjournal.services.snapshot`.

Id policy (documented in docs/export-format.md): a record keeps its id when the journal does
not use it yet, otherwise it gets the next free id and the references to it are remapped.
A prompt with a ``key`` that the journal has (a built-in prompt) updates that prompt. In a
journal with no entries, experiences or prompts of the user's own, built-in prompts take the
snapshot's ids too, so importing an export into a new journal reproduces every id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from imgjournal import search_index
from imgjournal.db import Journal
from imgjournal.errors import ValidationError
from imgjournal.models import (
    AnswerDraft,
    Base,
    Entry,
    Experience,
    PracticeAttempt,
    Prompt,
    PromptSchedule,
    Tag,
    entry_prompts,
    entry_tags,
)
from imgjournal.services import bulk
from imgjournal.services.dto import (
    ExperienceDTO,
    PromptDTO,
)
from imgjournal.services.snapshot import (
    DELETED_INDEX,
    EXPERIENCE_INDEX,
    EntryTable,
    Snapshot,
    entry_table,
)

_ENTRIES = Entry.__table__
_EXPERIENCES = Experience.__table__
_PROMPTS = Prompt.__table__
_TAGS = Tag.__table__
_DRAFTS = AnswerDraft.__table__
_ATTEMPTS = PracticeAttempt.__table__
_SCHEDULES = PromptSchedule.__table__


@dataclass(frozen=True)
class ImportSummary:
    """What an import added or changed."""

    entries: int = 0
    trashed: int = 0  # of ``entries``, how many arrived in the trash
    experiences: int = 0
    prompts_added: int = 0
    prompts_updated: int = 0  # built-in prompts matched by key and updated
    tags_added: int = 0
    drafts: int = 0  # interview prep: answer drafts added
    attempts: int = 0  # interview prep: practice attempts added
    schedules: int = 0  # interview prep: prompt schedules added
    letters: int = 0  # letters of recommendation added
    programs: int = 0  # residency programs added
    contacts: int = 0  # contacts added
    eras: int = 0  # ERAS application experiences added
    renumbered: int = 0  # records whose id was taken in the journal and got a new one

    def __str__(self) -> str:
        parts = [f"{self.entries} {_plural(self.entries, 'entry', 'entries')}"]
        if self.trashed:
            parts[0] += f" ({self.trashed} in the trash)"
        parts.append(f"{self.experiences} {_plural(self.experiences, 'experience')}")
        parts.append(f"{self.prompts_added} new {_plural(self.prompts_added, 'prompt')}")
        if self.prompts_updated:
            parts.append(
                f"{self.prompts_updated} built-in {_plural(self.prompts_updated, 'prompt')} updated"
            )
        parts.append(f"{self.tags_added} new {_plural(self.tags_added, 'tag')}")
        if self.drafts or self.attempts:
            parts.append(
                f"{self.drafts} answer {_plural(self.drafts, 'draft')} and {self.attempts} "
                f"practice {_plural(self.attempts, 'attempt')}"
            )
        if self.letters:
            parts.append(f"{self.letters} {_plural(self.letters, 'letter')}")
        if self.programs:
            parts.append(f"{self.programs} {_plural(self.programs, 'program')}")
        if self.contacts:
            parts.append(f"{self.contacts} {_plural(self.contacts, 'contact')}")
        if self.eras:
            parts.append(f"{self.eras} ERAS {_plural(self.eras, 'experience')}")
        text = "Imported " + ", ".join(parts) + "."
        if self.renumbered:
            text += (
                f" {self.renumbered} {_plural(self.renumbered, 'record')} got a new id "
                "because the journal already used theirs."
            )
        return text


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


# ---- writing ------------------------------------------------------------------------------


class _Ids:
    """Old id -> new id for one kind of record: kept when free, else the next unused id."""

    def __init__(self, taken: Iterable[int], wanted: Iterable[int], keep: bool) -> None:
        taken = set(taken)
        wanted = list(wanted)
        kept = {i for i in wanted if i not in taken} if keep else set()
        self._next = max(taken | kept, default=0) + 1
        self.map: dict[int, int] = {}
        self.renumbered = 0
        for old in wanted:
            if old in kept:
                self.map[old] = old
            else:
                self.map[old] = self._next
                self._next += 1
                self.renumbered += keep


def _where(section: str, index: int, record_id: int) -> str:
    return f"{section}[{index}] (id {record_id})"


def import_snapshot(journal: Journal, snap: Snapshot, *, keep_ids: bool = True) -> ImportSummary:
    """Add ``snap`` to the journal in one transaction; nothing is written if a check fails.

    Records are named in errors by their position, as ``entries[12] (id 57)``. A reference
    (an entry's experience or prompts) may name a record of the snapshot or of the journal.
    With ``keep_ids=False`` every record gets a new id (the snapshot's ids only link records).
    The snapshot must have unique ids per kind and unique prompt keys (callers check this).
    """
    with journal.session() as s:
        run = _Import(s.connection(), snap, keep_ids)
        run.check()
        run.prompts()
        run.experiences()
        run.eras()
        run.entries()
        run.drafts()
        run.attempts()
        run.schedules()
        letters_added = _import_readiness(run, snap)
        programs_added, contacts_added = _import_programs(run, snap)
        summary = run.summary()
    if letters_added or programs_added or contacts_added:
        from dataclasses import replace

        summary = replace(
            summary, letters=letters_added, programs=programs_added, contacts=contacts_added
        )
    return summary


class _Import:
    """One import of a snapshot, one method per section of the file, called in order inside
    one write transaction: the journal's ids (read under the write lock), the file's old id ->
    new id maps, and what each section added, for the summary."""

    def __init__(self, conn: Connection, snap: Snapshot, keep_ids: bool) -> None:
        self.conn = conn
        self.snap = snap
        self.keep_ids = keep_ids
        _begin_immediate(conn)
        self.have_exp = set(conn.scalars(select(_EXPERIENCES.c.id)))
        self.have_prompts = dict(conn.execute(select(_PROMPTS.c.id, _PROMPTS.c.key)).all())
        self.have_entries = set(conn.scalars(select(_ENTRIES.c.id)))
        self.have_tags = dict(conn.execute(select(_TAGS.c.name, _TAGS.c.id)).all())
        self.have_drafts = dict(conn.execute(select(_DRAFTS.c.id, _DRAFTS.c.prompt_id)).all())
        self.have_schedules = set(conn.scalars(select(_SCHEDULES.c.prompt_id)))
        # A large import file's entries come in chunks, each checked as it is taken. Into a
        # journal without entries (ids kept) they are written and indexed chunk by chunk, so
        # that checking one chunk and indexing the last use both cores; a problem found in a
        # later chunk rolls everything back like any other.
        self.chunked = snap.entry_chunks is not None and keep_ids and not self.have_entries
        self.table = EntryTable([], {}, {}) if self.chunked else entry_table(snap)
        self.file_exp = {x.id for x in snap.experiences}
        self.file_prompts = {p.id for p in snap.prompts}

    # -- checks (before any write) --

    def check(self) -> None:
        _check_letters(self.conn, self.snap, self.file_exp, self.have_exp)
        _check_programs(self)
        self.check_references(self.table, 0)
        _check_prep(self.snap, self.file_prompts, self.have_prompts, self.have_drafts)
        from imgjournal.services.eras import check_import

        check_import(self.conn, self.snap.eras, self.file_exp, self.have_exp)

    def check_references(self, part: EntryTable, first: int) -> None:
        """Each entry's experience and prompts are in the file or the journal."""
        file_exp, have_exp = self.file_exp, self.have_exp
        file_prompts, have_prompts = self.file_prompts, self.have_prompts
        for i, row in enumerate(part.rows, first):
            x = row[EXPERIENCE_INDEX]
            if x is not None and x not in file_exp and x not in have_exp:
                raise ValidationError(
                    f"{_where('entries', i, row[0])}: experience_id {x} is not in the "
                    "file or the journal."
                )
            for p in part.prompt_ids.get(row[0], ()):
                if p not in file_prompts and p not in have_prompts:
                    raise ValidationError(
                        f"{_where('entries', i, row[0])}: prompt id {p} in prompt_ids is "
                        "not in the file or the journal."
                    )

    # -- prompts --

    def prompts(self) -> None:
        conn, snap, have_prompts = self.conn, self.snap, self.have_prompts
        key_to_id = {k: i for i, k in have_prompts.items() if k is not None}
        replaced: list[str] = []
        if snap.prompts and self.keep_ids and _only_builtin_prompts(conn, have_prompts):
            # Nothing links to this journal's prompts yet: let the file's built-ins replace
            # them with their own ids, so an export re-imported reproduces every id.
            replaced = [p.key for p in snap.prompts if p.key in key_to_id]
            for start in range(0, len(replaced), 500):
                conn.execute(
                    delete(_PROMPTS).where(_PROMPTS.c.key.in_(replaced[start : start + 500]))
                )
            for key in replaced:
                del have_prompts[key_to_id[key]]
            replaced_ids = {key: key_to_id.pop(key) for key in replaced}
        updates = [p for p in snap.prompts if p.key is not None and p.key in key_to_id]
        added = [p for p in snap.prompts if p.key is None or p.key not in key_to_id]
        self.prompt_ids = _Ids(have_prompts, (p.id for p in added), self.keep_ids)
        pmap = dict(self.prompt_ids.map)
        for p in updates:
            pmap[p.id] = key_to_id[p.key]
        if replaced:
            # A reference to a replaced journal prompt (not an id of the file) follows it.
            file_ids = {p.key: p.id for p in snap.prompts if p.key in replaced_ids}
            for key, journal_id in replaced_ids.items():
                pmap.setdefault(journal_id, pmap[file_ids[key]])
        if updates:
            conn.execute(
                update(_PROMPTS)
                .where(_PROMPTS.c.id == bindparam("target"))
                .values(
                    category=bindparam("category"),
                    text=bindparam("text"),
                    min_seconds=bindparam("min_seconds"),
                    max_seconds=bindparam("max_seconds"),
                    hidden=bindparam("hidden"),
                    position=bindparam("position"),
                ),
                [{"target": pmap[p.id], **_prompt_values(p)} for p in updates],
            )
        bulk.insert_rows(conn, _PROMPTS, [{"id": pmap[p.id], **_prompt_values(p)} for p in added])
        self.pmap = pmap
        self.prompts_added = len(added) - len(replaced)
        self.prompts_updated = len(updates) + len(replaced)

    # -- experiences --

    def experiences(self) -> None:
        self.exp_ids = _Ids(self.have_exp, (x.id for x in self.snap.experiences), self.keep_ids)
        xmap = self.exp_ids.map
        bulk.insert_rows(
            self.conn,
            _EXPERIENCES,
            [_experience_row(x, xmap[x.id]) for x in self.snap.experiences],
        )

    # -- the ERAS composer's application experiences (services/eras.py) --

    def eras(self) -> None:
        from imgjournal.models import ErasExperience
        from imgjournal.services.eras import insert_imported

        have = set(self.conn.scalars(select(ErasExperience.__table__.c.id)))
        self.eras_ids = _Ids(have, (x.id for x in self.snap.eras), self.keep_ids)
        self.eras_added = insert_imported(
            self.conn, self.snap.eras, self.eras_ids.map, self.exp_ids.map
        )

    # -- tags (known once every entry is read) and entries with their links --

    def entries(self) -> None:
        conn, table = self.conn, self.table
        self.new_tags: list[str] = []
        self.tag_ids = dict(self.have_tags)
        entries: list[tuple] | Iterator[list[tuple]]
        if self.chunked:
            self.entry_ids = _Ids((), (), self.keep_ids)  # an empty journal keeps every id
            entries = self._checked_chunks()
        else:
            self._learn_tags()
            self._insert_new_tags()
            self.entry_ids = _Ids(self.have_entries, (row[0] for row in table.rows), self.keep_ids)
            entries = self._with_experiences(table.rows, self.entry_ids.map)
        p_links, t_links = bulk.insert_entries(
            conn, entries, self._links, into_empty=not self.have_entries
        )
        if self.chunked:
            self._insert_new_tags()
        for stmt in search_index.learn_all_terms_sql():
            conn.exec_driver_sql(stmt)
        bulk.insert_links(conn, entry_prompts, p_links)
        bulk.insert_links(conn, entry_tags, t_links)

    def _checked_chunks(self) -> Iterator[list[tuple]]:
        table = self.table
        assert self.snap.entry_chunks is not None
        for part in self.snap.entry_chunks:
            self.check_references(part, len(table.rows))
            rows = self._with_experiences(part.rows, {})
            table.rows.extend(rows)
            table.prompt_ids.update(part.prompt_ids)
            table.tags.update(part.tags)
            yield rows

    def _learn_tags(self) -> None:
        names: dict[str, None] = dict.fromkeys(self.snap.tags)
        for entry_tag_names in self.table.tags.values():
            names.update(dict.fromkeys(entry_tag_names))
        self.new_tags.extend(sorted(n for n in names if n not in self.have_tags))
        next_tag = max(self.have_tags.values(), default=0) + 1
        for offset, name in enumerate(self.new_tags):
            self.tag_ids[name] = next_tag + offset

    def _insert_new_tags(self) -> None:
        bulk.insert_rows(
            self.conn, _TAGS, [{"id": self.tag_ids[n], "name": n} for n in self.new_tags]
        )

    def _with_experiences(self, rows: list[tuple], ids: dict[int, int]) -> list[tuple]:
        xmap = self.exp_ids.map
        out = []
        for row in rows:
            old_id = row[0]
            new_id = ids.get(old_id, old_id)
            x = row[EXPERIENCE_INDEX]
            new_x = xmap.get(x, x) if x is not None else None
            if new_id != old_id or new_x != x:
                row = (new_id, *row[1:EXPERIENCE_INDEX], new_x, *row[EXPERIENCE_INDEX + 1 :])
            out.append(row)
        return out

    def _links(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        if self.chunked:
            self._learn_tags()
        table, pmap, tag_ids = self.table, self.pmap, self.tag_ids
        p_links, t_links = [], []
        none: tuple = ()
        emap = self.entry_ids.map
        for row in table.rows:
            old_id = row[0]
            new_id = emap.get(old_id, old_id)
            p_links.extend(
                (new_id, pid)
                for pid in sorted({pmap.get(p, p) for p in table.prompt_ids.get(old_id, none)})
            )
            t_links.extend((new_id, tag_ids[t]) for t in set(table.tags.get(old_id, none)))
        return p_links, t_links

    # -- interview prep --

    def drafts(self) -> None:
        conn, pmap = self.conn, self.pmap
        self.draft_ids = _Ids(self.have_drafts, (d.id for d in self.snap.drafts), self.keep_ids)
        dmap = self.draft_ids.map
        practised = set(
            conn.scalars(select(_DRAFTS.c.prompt_id).where(_DRAFTS.c.is_practice.is_(True)))
        )
        draft_rows = []
        for d in self.snap.drafts:
            prompt_id = pmap.get(d.prompt_id, d.prompt_id)
            # The journal's practice draft of a prompt stays the one to practise.
            is_practice = d.is_practice and prompt_id not in practised
            draft_rows.append(
                {
                    "id": dmap[d.id],
                    "prompt_id": prompt_id,
                    "title": d.title,
                    "body": d.body,
                    "is_practice": is_practice,
                    "created_at": d.created_at,
                    "updated_at": d.updated_at,
                }
            )
        bulk.insert_rows(conn, _DRAFTS, draft_rows)
        self.drafts_added = len(draft_rows)

    def attempts(self) -> None:
        conn, pmap, dmap = self.conn, self.pmap, self.draft_ids.map
        _check_journal_drafts(self.snap, pmap, self.file_prompts, self.have_drafts)
        self.attempt_ids = _Ids(
            set(conn.scalars(select(_ATTEMPTS.c.id))),
            (a.id for a in self.snap.attempts),
            self.keep_ids,
        )
        bulk.insert_rows(
            conn,
            _ATTEMPTS,
            [
                {
                    "id": self.attempt_ids.map[a.id],
                    "prompt_id": pmap.get(a.prompt_id, a.prompt_id),
                    "draft_id": None if a.draft_id is None else dmap.get(a.draft_id, a.draft_id),
                    "started_at": a.started_at,
                    "duration_seconds": a.duration_seconds,
                    "rating": a.rating,
                    "note": a.note,
                    # The length travels; the file does not (docs/export-format.md).
                    "recording_ms": a.recording_ms,
                }
                for a in self.snap.attempts
            ],
        )

    def schedules(self) -> None:
        pmap = self.pmap
        # A prompt the journal already schedules keeps its own schedule (its latest practice).
        schedule_rows = [
            {"prompt_id": pmap.get(sc.prompt_id, sc.prompt_id), "card": sc.card, "due": sc.due}
            for sc in self.snap.schedules
        ]
        schedule_rows = [r for r in schedule_rows if r["prompt_id"] not in self.have_schedules]
        bulk.insert_rows(self.conn, _SCHEDULES, schedule_rows)
        self.schedules_added = len(schedule_rows)

    def summary(self) -> ImportSummary:
        table = self.table
        return ImportSummary(
            drafts=self.drafts_added,
            attempts=len(self.snap.attempts),
            schedules=self.schedules_added,
            eras=self.eras_added,
            entries=len(table.rows),
            trashed=sum(1 for row in table.rows if row[DELETED_INDEX] is not None),
            experiences=len(self.snap.experiences),
            prompts_added=self.prompts_added,
            prompts_updated=self.prompts_updated,
            tags_added=len(self.new_tags),
            renumbered=self.prompt_ids.renumbered
            + self.exp_ids.renumbered
            + self.eras_ids.renumbered
            + self.entry_ids.renumbered
            + self.draft_ids.renumbered
            + self.attempt_ids.renumbered,
        )


def _check_prep(
    snap: Snapshot, file_prompts: set[int], have_prompts: dict, have_drafts: dict
) -> None:
    """Every prep record must name a prompt (and draft) of the file or of the journal, and an
    attempt's draft must answer the attempt's prompt (the app never records anything else)."""
    file_drafts = {d.id: d.prompt_id for d in snap.drafts}

    def prompt_ok(prompt_id: int) -> bool:
        return prompt_id in file_prompts or prompt_id in have_prompts

    for i, d in enumerate(snap.drafts):
        if not prompt_ok(d.prompt_id):
            raise ValidationError(
                f"{_where('answer_drafts', i, d.id)}: prompt_id {d.prompt_id} is not in the "
                "file or the journal."
            )
    for i, a in enumerate(snap.attempts):
        if not prompt_ok(a.prompt_id):
            raise ValidationError(
                f"{_where('practice_attempts', i, a.id)}: prompt_id {a.prompt_id} is not in "
                "the file or the journal."
            )
        if a.draft_id is None:
            continue
        if a.draft_id not in file_drafts and a.draft_id not in have_drafts:
            raise ValidationError(
                f"{_where('practice_attempts', i, a.id)}: draft_id {a.draft_id} is not in the "
                "file or the journal."
            )
        # A draft of the file answers a prompt of the file; a draft of the journal answers a
        # journal prompt, which the attempt names by the journal's id unless the file has it.
        if a.draft_id in file_drafts:
            answers = file_drafts[a.draft_id]
        elif a.prompt_id not in file_prompts:
            answers = have_drafts[a.draft_id]
        else:  # a prompt of the file: once matched to the journal's (_check_journal_drafts)
            continue
        if answers != a.prompt_id:
            raise ValidationError(
                f"{_where('practice_attempts', i, a.id)}: draft_id {a.draft_id} answers prompt "
                f"{answers}, not the attempt's prompt {a.prompt_id}."
            )
    for i, sc in enumerate(snap.schedules):
        if not prompt_ok(sc.prompt_id):
            raise ValidationError(
                f"prompt_schedules[{i}] (prompt_id {sc.prompt_id}): the prompt is not in the "
                "file or the journal."
            )


def _check_journal_drafts(
    snap: Snapshot, pmap: dict, file_prompts: set[int], have_drafts: dict
) -> None:
    """An attempt at a prompt of the file naming a draft only the journal has: the draft must
    answer the journal's prompt the file's becomes (``pmap``, known once the prompts are
    matched by key). Runs inside the import's transaction, before any attempt is written, so a
    failure writes nothing."""
    file_drafts = {d.id for d in snap.drafts}
    for i, a in enumerate(snap.attempts):
        if a.draft_id is None or a.draft_id in file_drafts or a.prompt_id not in file_prompts:
            continue
        answers = have_drafts[a.draft_id]  # _check_prep: the draft is in the journal
        becomes = pmap.get(a.prompt_id, a.prompt_id)
        if answers != becomes:
            theirs = "" if becomes == a.prompt_id else f" (the journal's prompt {becomes})"
            raise ValidationError(
                f"{_where('practice_attempts', i, a.id)}: draft_id {a.draft_id} answers prompt "
                f"{answers}, not the attempt's prompt {a.prompt_id}{theirs}."
            )


def _begin_immediate(conn: Connection) -> None:
    """Take the write lock now: the ids read next stay valid until the import commits.

    Also makes sure a transaction is open before the DDL of :func:`bulk.insert_entries` (the
    sqlite3 module opens one on its own only before INSERT, UPDATE and DELETE).
    """
    if not conn.connection.driver_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _only_builtin_prompts(conn: Connection, prompts: dict[int, str | None]) -> bool:
    """True when the journal holds built-in prompts and nothing else that could refer to them.

    Every table but prompts and tags is checked, so tables added later are covered too.
    """
    if any(key is None for key in prompts.values()):
        return False
    for table in Base.metadata.sorted_tables:
        # The application profile (asked at first run) refers to nothing.
        if table.name in (_PROMPTS.name, _TAGS.name, "application_profile"):
            continue
        if conn.execute(select(1).select_from(table).limit(1)).first() is not None:
            return False
    return True


def _prompt_values(p: PromptDTO) -> dict:
    return {
        "key": p.key,
        "category": p.category,
        "text": p.text,
        "min_seconds": p.min_seconds,
        "max_seconds": p.max_seconds,
        "hidden": p.hidden,
        "position": p.position,
    }


def _experience_row(x: ExperienceDTO, new_id: int) -> dict:
    return {
        "id": new_id,
        "kind": x.kind,
        "eras_type": x.eras_type,
        "title": x.title,
        "institution": x.institution,
        "specialty": x.specialty,
        "city": x.city,
        "state": x.state,
        "country": x.country,
        "is_us": x.is_us,
        "hands_on": x.hands_on,
        "start_date": x.start_date,
        "end_date": x.end_date,
        "hours_per_week": x.hours_per_week,
        "supervisor": x.supervisor,
        "notes": x.notes,
        "created_at": x.created_at,
        "updated_at": x.updated_at,
    }


# ---- application readiness (issue 18) ----------------------------------------------------


def _check_letters(conn: Connection, snap: Snapshot, file_exp: set[int], have_exp: set) -> None:
    """Each letter's experience is in the file or the journal, and no program gets more than
    ERAS's 4 letters with the journal's own."""
    from imgjournal.limits import ERAS_MAX_LETTERS_PER_PROGRAM
    from imgjournal.models import LetterAssignment
    from imgjournal.services.letters import program_key

    if not snap.letters:
        return
    counts: dict[str, int] = {}
    for key in conn.scalars(select(LetterAssignment.__table__.c.program_key)):
        counts[key] = counts.get(key, 0) + 1
    known = file_exp | have_exp
    for i, x in enumerate(snap.letters):
        where = _where("letters", i, x.id)
        if x.experience_id is not None and x.experience_id not in known:
            raise ValidationError(
                f"{where}: experience_id {x.experience_id} is not in the file or the journal."
            )
        for program, _on in x.assignments:
            key = program_key(program)
            counts[key] = counts.get(key, 0) + 1
            if counts[key] > ERAS_MAX_LETTERS_PER_PROGRAM:
                raise ValidationError(
                    f"{where}: {program} would have {counts[key]} letters assigned; ERAS "
                    f"allows at most {ERAS_MAX_LETTERS_PER_PROGRAM} per program."
                )


def _import_readiness(run: _Import, snap: Snapshot) -> int:
    """Add the file's letters (their experiences renumbered as the experiences were), and its
    profile when the journal has none yet (a profile the user answered stays)."""
    from imgjournal.models import ApplicationProfile, Letter, LetterAssignment, LetterStep
    from imgjournal.services.letters import program_key

    conn = run.conn
    if snap.profile is not None and snap.profile.asked:
        table = ApplicationProfile.__table__
        if conn.execute(select(table.c.id)).first() is None:
            from imgjournal.models import utcnow

            p = snap.profile
            bulk.insert_rows(
                conn,
                table,
                [
                    {
                        "id": 1,
                        "specialties": "\n".join(p.specialties),
                        "season": p.season,
                        "graduation_year": p.graduation_year,
                        "needs_visa": p.needs_visa,
                        "updated_at": utcnow(),
                    }
                ],
            )
    letters_t = Letter.__table__
    ids = _Ids(
        set(conn.scalars(select(letters_t.c.id))), (x.id for x in snap.letters), run.keep_ids
    )
    run.letter_ids = ids  # the contacts' links follow
    if not snap.letters:
        return 0
    xmap = run.exp_ids.map
    rows, steps, assigned = [], [], []
    for x in snap.letters:
        new_id = ids.map[x.id]
        exp = None if x.experience_id is None else xmap.get(x.experience_id, x.experience_id)
        rows.append(
            {
                "id": new_id,
                "writer_name": x.writer_name,
                "writer_title": x.writer_title,
                "writer_specialty": x.writer_specialty,
                "writer_institution": x.writer_institution,
                "writer_is_us": x.writer_is_us,
                "experience_id": exp,
                "status": x.status,
                "due_date": x.due_date,
                "eras_letter_id": x.eras_letter_id,
                "waived": x.waived,
                "notes": x.notes,
                "created_at": x.created_at,
                "updated_at": x.updated_at,
            }
        )
        steps += [{"letter_id": new_id, "status": st, "on_date": d} for st, d in x.steps]
        assigned += [
            {"letter_id": new_id, "program": p, "program_key": program_key(p), "assigned_on": d}
            for p, d in x.assignments
        ]
    bulk.insert_rows(conn, letters_t, rows)
    bulk.insert_rows(conn, LetterStep.__table__, steps)
    bulk.insert_rows(conn, LetterAssignment.__table__, assigned)
    return len(rows)


# ---- programs and contacts (issue 19) ----------------------------------------------------


def _check_programs(run: _Import) -> None:
    """Each program's prompts and each contact's programs, experiences and letters are in the
    file or the journal."""
    from imgjournal.models import Letter, Program

    snap, conn = run.snap, run.conn
    if not snap.programs and not snap.contacts:
        return
    prompts = run.file_prompts | set(run.have_prompts)
    for i, p in enumerate(snap.programs):
        for pid in p.prompt_ids:
            if pid not in prompts:
                raise ValidationError(
                    f"{_where('programs', i, p.id)}: prompt_ids names prompt {pid}, which is "
                    "not in the file or the journal."
                )
    known = {
        "program_ids": ("program", {p.id for p in snap.programs}, Program.__table__),
        "experience_ids": ("experience", run.file_exp | run.have_exp, None),
        "letter_ids": ("letter", {x.id for x in snap.letters}, Letter.__table__),
    }
    have = {
        key: (set(conn.scalars(select(table.c.id))) if table is not None else set())
        for key, (_w, _f, table) in known.items()
    }
    for i, c in enumerate(snap.contacts):
        for key, (what, in_file, _t) in known.items():
            for target in getattr(c, key):
                if target not in in_file and target not in have[key]:
                    raise ValidationError(
                        f"{_where('contacts', i, c.id)}: {key} names {what} {target}, which "
                        "is not in the file or the journal."
                    )


def _import_programs(run: _Import, snap: Snapshot) -> tuple[int, int]:
    """Add the file's programs and contacts, their references renumbered as the prompts,
    experiences and letters were."""
    from imgjournal.models import (
        Contact,
        ContactLink,
        Program,
        ProgramStep,
        program_prompts,
    )
    from imgjournal.services.letters import program_key

    if not snap.programs and not snap.contacts:
        return 0, 0
    conn = run.conn
    programs_t, contacts_t = Program.__table__, Contact.__table__
    pids = _Ids(
        set(conn.scalars(select(programs_t.c.id))), (p.id for p in snap.programs), run.keep_ids
    )
    rows, steps, asks = [], [], []
    pmap = run.pmap
    for p in snap.programs:
        new_id = pids.map[p.id]
        rows.append(
            {
                "id": new_id,
                "name": p.name,
                "name_key": program_key(p.name),
                "specialty": p.specialty,
                "city": p.city,
                "state": p.state,
                "program_type": p.program_type,
                "visa": p.visa,
                "img_notes": p.img_notes,
                "sources": p.sources,
                "affiliates": "\n".join(p.affiliates),
                "status": p.status,
                "interview_date": p.interview_date,
                "interview_format": p.interview_format,
                "questions": p.questions,
                "thank_you_sent": p.thank_you_sent,
                "created_at": p.created_at,
                "updated_at": p.updated_at,
            }
        )
        steps += [{"program_id": new_id, "status": st, "on_date": d} for st, d in p.steps]
        asks += [
            {"program_id": new_id, "prompt_id": pmap.get(i, i)}
            for i in sorted({pmap.get(i, i) for i in p.prompt_ids})
        ]
    bulk.insert_rows(conn, programs_t, rows)
    bulk.insert_rows(conn, ProgramStep.__table__, steps)
    bulk.insert_rows(conn, program_prompts, asks)
    cids = _Ids(
        set(conn.scalars(select(contacts_t.c.id))), (c.id for c in snap.contacts), run.keep_ids
    )
    xmap, lmap = run.exp_ids.map, run.letter_ids.map
    crows, links = [], []
    for c in snap.contacts:
        new_id = cids.map[c.id]
        crows.append(
            {
                "id": new_id,
                "name": c.name,
                "role": c.role,
                "institution": c.institution,
                "met_where": c.met_where,
                "met_on": c.met_on,
                "last_contact": c.last_contact,
                "follow_up": c.follow_up,
                "notes": c.notes,
                "created_at": c.created_at,
                "updated_at": c.updated_at,
            }
        )
        none = {"program_id": None, "experience_id": None, "letter_id": None}
        links += [
            none | {"contact_id": new_id, "program_id": pids.map.get(i, i)} for i in c.program_ids
        ]
        links += [
            none | {"contact_id": new_id, "experience_id": xmap.get(i, i)} for i in c.experience_ids
        ]
        links += [none | {"contact_id": new_id, "letter_id": lmap.get(i, i)} for i in c.letter_ids]
    bulk.insert_rows(conn, contacts_t, crows)
    bulk.insert_rows(conn, ContactLink.__table__, links)
    run.programs_renumbered = pids.renumbered + cids.renumbered
    return len(rows), len(crows)
