"""``imgjournal prep``: interview practice from the command line.

``prep due`` lists the prompts to practise now (FSRS says they are due, or they were never
practised but have a story or a draft); ``prep coverage`` prints, for every prompt, its linked
entries, draft words, last practice and last rating, and points out the gaps. Both take
``--json``. Registered through ``imgjournal.cli.parser.command_groups``.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json, short

if TYPE_CHECKING:
    from imgjournal.db import Journal
    from imgjournal.services.dto import CoverageRow, DueItem, SoleStory


def register(sub: Any) -> None:
    """Add ``prep due`` and ``prep coverage`` to the command line's subparsers."""
    prep = sub.add_parser(
        "prep",
        help="interview prep: prompts due for practice, coverage of the prompt library",
        description="Interview prep. Practise answers aloud in the desktop app (Interview prep "
        "menu); here you can see what is due and which prompts still lack a story, a draft or "
        "practice.",
    )
    psub = prep.add_subparsers(dest="prep_command", required=True, metavar="{due,coverage}")
    due = psub.add_parser(
        "due",
        help="prompts due for practice, then new ones that have a story or a draft",
        description="List the prompts to practise now: those the FSRS schedule says are due "
        "(the longest overdue first), then prompts never practised that have a linked entry "
        "or a drafted answer.",
    )
    add_json_flag(due)
    due.set_defaults(func=cmd_due)
    cov = psub.add_parser(
        "coverage",
        help="every prompt: linked entries, draft words, last practised, last rating, gaps",
        description="Print the coverage table: prompt id, category, linked entries, words in "
        "the practice draft, when it was last practised and how it was rated, and its gaps "
        "(no story, no draft, never practised). An entry that is the only story for several "
        "prompts is pointed out below the table.",
    )
    add_json_flag(cov)
    cov.set_defaults(func=cmd_coverage)


# ---- output helpers -----------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _local(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value is not None else "–"


def _category(value: str) -> str:
    from imgjournal.domain import PromptCategory

    try:
        return PromptCategory(value).label
    except ValueError:
        return value


# ---- prep due -----------------------------------------------------------------------------


def due_record(item: DueItem) -> dict[str, Any]:
    p = item.prompt
    return {
        "prompt_id": p.id,
        "key": p.key,
        "category": p.category,
        "text": p.text,
        "min_seconds": p.min_seconds,
        "max_seconds": p.max_seconds,
        "due": _iso(item.due),
        "new": item.is_new,
    }


def cmd_due(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.prep import due_prompts

    items = due_prompts(journal)
    if args.json:
        print_json([due_record(i) for i in items])
        return EXIT_OK
    if not items:
        print(
            "Nothing is due. Link entries to prompts or draft answers to have more to practise; "
            "see `imgjournal prep coverage`."
        )
        return EXIT_OK
    print(f"{'ID':>4}  {'CATEGORY':<20}  {'DUE':<16}  PROMPT")
    for i in items:
        when = "new" if i.is_new else _local(i.due)
        print(f"{i.prompt.id:>4}  {_category(i.prompt.category):<20}  {when:<16}  {i.prompt.text}")
    scheduled = sum(not i.is_new for i in items)
    print(f"\n{scheduled} due, {len(items) - scheduled} new.")
    return EXIT_OK


# ---- prep coverage ------------------------------------------------------------------------


def coverage_record(row: CoverageRow) -> dict[str, Any]:
    return {
        "prompt_id": row.prompt_id,
        "key": row.key,
        "category": row.category,
        "text": row.text,
        "min_seconds": row.min_seconds,
        "max_seconds": row.max_seconds,
        "entry_ids": list(row.entry_ids),
        "linked_entries": row.entry_count,
        "drafts": row.drafts,
        "draft_words": row.draft_words,
        "attempts": row.attempts,
        "last_practised": _iso(row.last_practised),
        "last_rating": row.last_rating,
        "due": _iso(row.due),
        "gaps": list(row.gaps),
    }


def sole_story_record(story: SoleStory) -> dict[str, Any]:
    return {"entry_id": story.entry_id, "title": story.title, "prompt_ids": list(story.prompt_ids)}


def cmd_coverage(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.prep import rating_label
    from imgjournal.services.prep_stats import coverage

    cov = coverage(journal)
    if args.json:
        print_json(
            {
                "prompts": [coverage_record(r) for r in cov.rows],
                "sole_stories": [sole_story_record(s) for s in cov.sole_stories],
            }
        )
        return EXIT_OK
    head = (
        f"{'ID':>4}  {'CATEGORY':<20}  {'ENTRIES':>7}  {'WORDS':>5}  {'LAST PRACTISED':<16}  "
        f"{'RATING':<9}  {'GAPS':<34}  PROMPT"
    )
    print(head)
    for r in cov.rows:
        gaps = ", ".join(r.gaps) or "–"
        print(
            f"{r.prompt_id:>4}  {_category(r.category):<20}  {r.entry_count:>7}  "
            f"{r.draft_words:>5}  {_local(r.last_practised):<16}  "
            f"{rating_label(r.last_rating) or '–':<9}  {gaps:<34}  {short(r.text, 60)}"
        )
    total = len(cov.rows)
    storied = sum(r.entry_count > 0 for r in cov.rows)
    drafted = sum(r.drafts > 0 for r in cov.rows)
    practised = sum(r.attempts > 0 for r in cov.rows)
    print(
        f"\n{storied} of {total} prompts have a story, {drafted} a draft, "
        f"{practised} have been practised."
    )
    for s in cov.sole_stories:
        ids = ", ".join(str(i) for i in s.prompt_ids)
        print(
            f"Entry {s.entry_id} “{s.title}” is the only story for {len(s.prompt_ids)} prompts "
            f"({ids}); link another entry to some of them."
        )
    return EXIT_OK
