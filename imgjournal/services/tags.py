"""Free tags on entries."""

from __future__ import annotations

from sqlalchemy import func, select

from imgjournal.db import Journal
from imgjournal.models import Tag, entry_tags
from imgjournal.services.dto import TagDTO
from imgjournal.services.entries import trashed_entry_ids


def list_tags(journal: Journal) -> list[TagDTO]:
    """Every tag used by a live entry, by name, with how many live entries carry it."""
    stmt = (
        select(Tag.id, Tag.name, func.count())
        .join(entry_tags, entry_tags.c.tag_id == Tag.id)
        .where(entry_tags.c.entry_id.not_in(trashed_entry_ids()))
        .group_by(Tag.id)
        .order_by(func.lower(Tag.name))
    )
    with journal.session() as s:
        return [TagDTO(i, n, c) for i, n, c in s.execute(stmt)]
