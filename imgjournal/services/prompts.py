"""The interview prompt library: built-in prompts from resources/prompts.json plus the user's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from imgjournal.db import Journal
from imgjournal.domain import PromptCategory
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.limits import MAX_ANSWER_SECONDS, MAX_ID, MAX_PROMPT_CHARS
from imgjournal.models import Prompt, entry_prompts
from imgjournal.services import validate
from imgjournal.services.convert import prompt_dto
from imgjournal.services.dto import PromptDTO
from imgjournal.services.entries import trashed_entry_ids
from imgjournal.services.prompt_library import builtin_library, missing_builtin_keys

_UNSET: Any = object()


def ensure_builtin_prompts(journal: Journal) -> int:
    """Add the built-in prompts this journal lacks (first open, or a newer app); returns how many.

    Prompts the user edited or hid keep their changes: only missing keys are added.
    """
    if not missing_builtin_keys(journal.raw()):
        return 0
    library = builtin_library()
    with journal.session() as s:
        have = set(s.scalars(select(Prompt.key).where(Prompt.key.is_not(None))))
        position = s.scalar(select(func.coalesce(func.max(Prompt.position), -1))) + 1
        added = 0
        for item in library:
            if item["key"] in have:
                continue
            s.add(
                Prompt(
                    key=item["key"],
                    category=item["category"],
                    text=item["text"],
                    min_seconds=item["min_seconds"],
                    max_seconds=item["max_seconds"],
                    hidden=False,
                    position=position,
                )
            )
            position += 1
            added += 1
        return added


def list_prompts(journal: Journal, *, include_hidden: bool = False) -> list[PromptDTO]:
    """Prompts in category then library order, each with how many live entries link to it."""
    counts = (
        select(entry_prompts.c.prompt_id, func.count().label("n"))
        .where(entry_prompts.c.entry_id.not_in(trashed_entry_ids()))
        .group_by(entry_prompts.c.prompt_id)
        .subquery()
    )
    stmt = select(Prompt, func.coalesce(counts.c.n, 0)).outerjoin(
        counts, counts.c.prompt_id == Prompt.id
    )
    if not include_hidden:
        stmt = stmt.where(Prompt.hidden.is_(False))
    order = {c.value: i for i, c in enumerate(PromptCategory)}
    with journal.session() as s:
        items = [prompt_dto(p, n) for p, n in s.execute(stmt)]
    items.sort(key=lambda p: (order.get(p.category, 99), p.position, p.id))
    return items


def get_prompt(journal: Journal, prompt_id: int) -> PromptDTO:
    with journal.session() as s:
        p = s.get(Prompt, prompt_id) if 0 < prompt_id <= MAX_ID else None
        if p is None:
            raise NotFoundError(
                f"There is no prompt with id {prompt_id}; see `imgjournal prompts`."
            )
        return prompt_dto(p)


def _text(text: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValidationError("The prompt text is empty; write the question as it would be asked.")
    return validate.field(cleaned, "prompt text", MAX_PROMPT_CHARS)


def _seconds(lo: int, hi: int) -> tuple[int, int]:
    if lo <= 0 or hi < lo:
        raise ValidationError(
            f"The suggested length {lo}–{hi} s is not a range; give a minimum above 0 "
            "and a maximum at least as long."
        )
    if hi > MAX_ANSWER_SECONDS:
        raise ValidationError(
            f"The suggested length of {hi} s is longer than an hour; give at most "
            f"{MAX_ANSWER_SECONDS} seconds."
        )
    return lo, hi


def add_prompt(
    journal: Journal, category: str, text: str, *, min_seconds: int = 60, max_seconds: int = 90
) -> PromptDTO:
    cat = PromptCategory.parse(category, "prompt category").value
    lo, hi = _seconds(min_seconds, max_seconds)
    with journal.session() as s:
        position = s.scalar(select(func.coalesce(func.max(Prompt.position), -1))) + 1
        p = Prompt(
            key=None,
            category=cat,
            text=_text(text),
            min_seconds=lo,
            max_seconds=hi,
            hidden=False,
            position=position,
        )
        s.add(p)
        s.flush()
        return prompt_dto(p)


def update_prompt(
    journal: Journal,
    prompt_id: int,
    *,
    text: str = _UNSET,
    category: str = _UNSET,
    min_seconds: int = _UNSET,
    max_seconds: int = _UNSET,
    hidden: bool = _UNSET,
) -> PromptDTO:
    with journal.session() as s:
        p = s.get(Prompt, prompt_id) if 0 < prompt_id <= MAX_ID else None
        if p is None:
            raise NotFoundError(
                f"There is no prompt with id {prompt_id}; see `imgjournal prompts`."
            )
        if text is not _UNSET:
            p.text = _text(text)
        if category is not _UNSET:
            p.category = PromptCategory.parse(category, "prompt category").value
        lo = p.min_seconds if min_seconds is _UNSET else min_seconds
        hi = p.max_seconds if max_seconds is _UNSET else max_seconds
        p.min_seconds, p.max_seconds = _seconds(lo, hi)
        if hidden is not _UNSET:
            p.hidden = bool(hidden)
        s.flush()
        return prompt_dto(p)
