"""What every importer shares: the entry it brings in, the checks, duplicates, the write.

An importer reads its file into :class:`Incoming` entries (and skips with reasons), then
:func:`write_incoming` checks every entry against the journal's limits (a bad one raises
:class:`ImportFileError` naming it: nothing is written), drops duplicates (the same date, title
and body as an entry of the journal or an earlier one of the file), makes a verified backup
when the journal holds data, adds the rest in one transaction and counts what the privacy
checker finds in them. The :class:`ImportResult` it returns says ``N entries imported, M
skipped`` and why.

:class:`Incoming`, the reading of a file and the checks of an entry are in
:mod:`imgjournal.importers.incoming` (no database layer, so the command line parses a file
while SQLAlchemy loads); they are imported here as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from imgjournal.db import Journal
from imgjournal.export.json_fields import ImportFileError
from imgjournal.importers.incoming import (
    Incoming,
    Progress,
    as_utc,
    check_item,
    checked,
    clean_tags,
    decode_text,
    read_limited,
    short_title,
)
from imgjournal.models import Experience, Prompt, utcnow
from imgjournal.services import validate
from imgjournal.services.dto import EntryDTO, ExperienceDTO, PromptDTO

if TYPE_CHECKING:
    from imgjournal.importers.privacy_count import Counting, Precount

# How many skipped entries a summary lists one by one (the rest are counted by reason).
LISTED_SKIPS = 20


@dataclass(frozen=True)
class ImportResult:
    """What an import did: ``str()`` is the summary the CLI prints."""

    imported: int
    skipped: tuple[tuple[str, str], ...] = ()  # (where, reason)
    notes: tuple[str, ...] = ()  # what was dropped or changed on the way in
    findings: int = 0  # possible patient identifiers in what was imported
    finding_entries: int = 0  # in how many of the imported entries
    experiences_added: int = 0
    prompts_added: int = 0

    @property
    def headline(self) -> str:
        many = _plural(self.imported, "entry", "entries")
        return f"{self.imported} {many} imported, {len(self.skipped)} skipped"

    def lines(self) -> list[str]:
        out = [self.headline + ("." if not self.skipped else ":")]
        for where, reason in self.skipped[:LISTED_SKIPS]:
            out.append(f"  skipped {where}: {reason}")
        rest = self.skipped[LISTED_SKIPS:]
        if rest:
            counts: dict[str, int] = {}
            for _where, reason in rest:
                key = reason.split(" (", 1)[0].split(";", 1)[0]
                counts[key] = counts.get(key, 0) + 1
            detail = "; ".join(f"{reason}: {n}" for reason, n in counts.items())
            out.append(f"  … and {len(rest)} more skipped ({detail})")
        if self.experiences_added:
            n = self.experiences_added
            out.append(f"{n} new {_plural(n, 'experience')} for the notes' experiences.")
        if self.prompts_added:
            n = self.prompts_added
            out.append(f"{n} new {_plural(n, 'prompt')} of your own for the notes' prompts.")
        out.extend(self.notes)
        out.append(privacy_line(self.findings, self.finding_entries))
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def privacy_line(findings: int, entries: int) -> str:
    if not findings:
        return "Privacy check: no possible patient identifiers in what was imported."
    return (
        f"Privacy check: {findings} possible patient {_plural(findings, 'identifier')} in "
        f"{entries} imported {_plural(entries, 'entry', 'entries')}; review them with "
        "`imgjournal privacy scan`."
    )


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


# ---- checking and writing -----------------------------------------------------------------


def _digest(entry_date: date | str, title: str, body: str) -> bytes:
    day = entry_date if isinstance(entry_date, str) else entry_date.isoformat()
    return hashlib.blake2b(
        f"{day}\x00{title}\x00{body}".encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()


def _existing(journal: Journal, days: Sequence[date]) -> dict[bytes, int]:
    """Digest of (date, title, body) -> id, for the journal's entries between the dates."""
    if not days:
        return {}
    first, last = min(days).isoformat(), max(days).isoformat()
    with journal.session() as s:
        driver = s.connection().connection.driver_connection
        rows = driver.execute(
            "SELECT id, entry_date, title, body FROM entries "
            "WHERE entry_date BETWEEN ? AND ? ORDER BY id",
            (first, last),
        ).fetchall()
    out: dict[bytes, int] = {}
    for entry_id, day, title, body in rows:
        out.setdefault(_digest(day, title, body or ""), entry_id)
    return out


def _has_data(journal: Journal) -> bool:
    with journal.session() as s:
        driver = s.connection().connection.driver_connection
        return bool(
            driver.execute(
                "SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM experiences)"
            ).fetchone()[0]
        )


@dataclass
class _Links:
    """Experiences (by title) and prompts (by text) the notes name, found or added."""

    experiences: dict[str, int] = field(default_factory=dict)
    new_experiences: list[ExperienceDTO] = field(default_factory=list)
    prompts: dict[str, int] = field(default_factory=dict)
    new_prompts: list[PromptDTO] = field(default_factory=list)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _links(journal: Journal, items: Sequence[Incoming]) -> _Links:
    links = _Links()
    wanted_x = {i.experience for i in items if i.experience}
    wanted_p = {p for i in items for p in i.prompts}
    if not wanted_x and not wanted_p:
        return links
    with journal.session() as s:
        have_x = s.execute(select(Experience.id, Experience.title).order_by(Experience.id)).all()
        have_p = s.execute(select(Prompt.id, Prompt.text).order_by(Prompt.id)).all()
        max_p = max((pid for pid, _ in have_p), default=0)
        max_x = max((xid for xid, _ in have_x), default=0)
    by_title = {}
    for xid, title in have_x:
        by_title.setdefault(_fold(title), xid)
    by_text = {}
    for pid, text in have_p:
        by_text.setdefault(_fold(text), pid)
    now = utcnow()
    for title in sorted(wanted_x):
        xid = by_title.get(_fold(title))
        if xid is None:
            days = [i.entry_date for i in items if i.experience == title]
            max_x += 1
            xid = max_x  # a placeholder: the import gives it a new id
            links.new_experiences.append(
                ExperienceDTO(
                    id=xid,
                    kind="other",
                    eras_type="extracurricular",
                    title=validate.title(title, "experience's title"),
                    institution="",
                    specialty="",
                    city="",
                    state="",
                    country="",
                    is_us=True,
                    hands_on=True,
                    start_date=min(days),
                    end_date=max(days),
                    hours_per_week=None,
                    supervisor="",
                    notes="",
                    created_at=now,
                    updated_at=now,
                )
            )
            by_title[_fold(title)] = xid
        links.experiences[title] = xid
    position = 10_000
    for text in sorted(wanted_p):
        pid = by_text.get(_fold(text))
        if pid is None:
            max_p += 1
            position += 1
            pid = max_p
            clean = validate.field(" ".join(text.split()), "prompt", 1_000)
            links.new_prompts.append(
                PromptDTO(
                    id=pid,
                    key=None,
                    category="personal",
                    text=clean,
                    min_seconds=60,
                    max_seconds=90,
                    hidden=False,
                    position=position,
                )
            )
            by_text[_fold(text)] = pid
        links.prompts[text] = pid
    return links


def write_incoming(
    journal: Journal,
    items: Sequence[Incoming],
    *,
    skipped: Sequence[tuple[str, str]] = (),
    notes: Sequence[str] = (),
    progress: Progress | None = None,
    dry_run: bool = False,
    privacy: bool = True,
    precount: Precount | None = None,
) -> ImportResult:
    """Check ``items``, leave out duplicates, and add the rest in one transaction.

    With ``dry_run`` nothing is written: the result says what an import would do (the app's
    preview). ``progress`` is called with (done, total) as the entries are checked, then as
    the privacy checker counts its findings in what was imported (``privacy=False``: no
    count); a large count runs in worker processes while the entries are written.
    ``precount``: workers that were sent the items' texts as the file was read (the command
    line, :func:`imgjournal.importers.privacy_count.start_early`); the count takes their
    findings for the entries imported.
    """

    total = len(items)
    good: list[Incoming] = []
    for n, item in enumerate(items, 1):
        good.append(checked(item))
        if progress is not None and (n % 500 == 0 or n == total):
            progress(n, total)
    skips = list(skipped)
    have = _existing(journal, [i.entry_date for i in good])
    fresh: list[Incoming] = []
    seen: dict[bytes, str] = {}
    for item in good:
        key = _digest(item.entry_date, item.title, item.body)
        if key in have:
            skips.append(
                (
                    item.where,
                    f"a duplicate (the same date, title and body as entry {have[key]} of the "
                    "journal)",
                )
            )
        elif key in seen:
            skips.append(
                (item.where, f"a duplicate (the same date, title and body as {seen[key]})")
            )
        else:
            seen[key] = item.where
            fresh.append(item)
    # The count starts first: a large one runs in worker processes while the entries are
    # written (see importers/privacy_count.py).
    counting = start_count(journal, fresh, progress, precount=precount) if privacy else None
    try:
        if dry_run:
            links = _links(journal, fresh)
            added = (len(links.new_experiences), len(links.new_prompts))
        else:
            added = store(journal, fresh, backup="when data")
    except BaseException:
        if counting is not None:
            counting.cancel()
        raise
    findings, finding_entries = counting.result() if counting is not None else (0, 0)
    return ImportResult(
        imported=len(fresh),
        skipped=tuple(skips),
        notes=tuple(notes),
        findings=findings,
        finding_entries=finding_entries,
        experiences_added=added[0],
        prompts_added=added[1],
    )


def count_findings(
    journal: Journal,
    items: Sequence[Incoming],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> tuple[int, int]:
    """Possible patient identifiers in ``items`` (the journal's allow-list applies), and in
    how many of them; ``progress`` is called with (done, total) as the count goes on.
    ``workers``: see :func:`imgjournal.importers.privacy_count.start`."""
    return start_count(journal, items, progress, workers=workers).result()


def start_count(
    journal: Journal,
    items: Sequence[Incoming],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    precount: Precount | None = None,
) -> Counting:
    """Begin :func:`count_findings`; the returned count's ``result()`` waits for it."""
    from imgjournal.importers import privacy_count
    from imgjournal.services.privacy import allowed
    from imgjournal.services.privacy_text import entry_fields

    groups = [[text for _name, text in entry_fields(item)] for item in items]
    return privacy_count.start(
        groups, allowed(journal), progress, workers=workers, precount=precount
    )


def _dto(
    item: Incoming, number: int, links: _Links | None = None, now: datetime | None = None
) -> EntryDTO:
    now = now or utcnow()
    experience_id = prompt_ids = None
    if links is not None:
        experience_id = links.experiences.get(item.experience) if item.experience else None
        prompt_ids = tuple(sorted({links.prompts[p] for p in item.prompts}))
    return EntryDTO(
        id=number,  # a placeholder: keep_ids=False gives each a new id
        kind=item.kind,
        entry_date=item.entry_date,
        title=item.title,
        body=item.body,
        experience_id=experience_id,
        prompt_ids=prompt_ids or (),
        tags=item.tags,
        created_at=item.created_at or now,
        updated_at=item.updated_at or item.created_at or now,
        case=item.case,
        feedback=item.feedback,
    )


def store(
    journal: Journal, items: Sequence[Incoming], *, backup: str = "when data"
) -> tuple[int, int]:
    """Add checked ``items`` in one transaction, with the experiences and prompts they name
    (found by title and text, or added); returns how many experiences and prompts were added.

    ``backup`` is ``"when data"`` (a verified backup first if the journal holds entries or
    experiences), ``"always"`` or ``"never"``.
    """
    if not items:
        return 0, 0
    links = _links(journal, items)
    now = utcnow()
    entries = tuple(_dto(item, n, links, now) for n, item in enumerate(items, 1))
    from imgjournal.services.snapshot import Snapshot
    from imgjournal.services.transfer import import_snapshot

    if backup == "always" or (backup == "when data" and _has_data(journal)):
        from imgjournal.backups import backup_before

        backup_before(journal.home, "import")
    import_snapshot(
        journal,
        Snapshot(
            experiences=tuple(links.new_experiences),
            prompts=tuple(links.new_prompts),
            entries=entries,
        ),
        keep_ids=False,
    )
    return len(links.new_experiences), len(links.new_prompts)


__all__ = [
    "ImportFileError",
    "ImportResult",
    "Incoming",
    "Progress",
    "as_utc",
    "check_item",
    "checked",
    "clean_tags",
    "decode_text",
    "read_limited",
    "short_title",
    "write_incoming",
]
