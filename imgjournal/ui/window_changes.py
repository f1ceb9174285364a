"""Which view shows what: the test a change must pass before a view reloads.

Each write's :class:`~imgjournal.opchanges.Changes` reaches the main window on
``runner.changed``; a view reloads only when the change touches what it shows. Saving the text
of an entry, say, changes ``entries.body``: the entry list shows it (its row is updated from the
save's own result), the sidebar's counts do not, so they are not counted again.
"""

from __future__ import annotations

from imgjournal.opchanges import Changes

# The columns of an entry that the sidebar counts, or the filters and combos list, depend on.
OVERVIEW_ENTRY_COLUMNS = frozenset({"kind", "experience_id", "deleted_at", "entry_date"})


def changes_overview(ch: Changes) -> bool:
    """The sidebar (counts, experiences, prompts, tags), the list's filters, the editor's
    experience and prompt choices and its known tags."""
    return ch.touches_kind("experiences", "prompts", "tags") or ch.touches_columns(
        "entries", OVERVIEW_ENTRY_COLUMNS
    )


def changes_today(ch: Changes) -> bool:
    """The Today page: today's entries, on this day, the current experience, open prompts, the
    answers due for practice (drafts and practice) and the privacy scan's result."""
    return ch.touches_kind("entries", "experiences", "prompts", "privacy", "drafts", "practice")


def changes_prompts(ch: Changes) -> bool:
    """The Prompts page and the prep pages: prompts, their stories, drafts and practice."""
    return ch.touches_kind("prompts", "entries", "experiences", "drafts", "practice")


def changes_prep_due(ch: Changes) -> bool:
    """What a practice round would take now (the sidebar's count beside Practice): prompts and
    their links, drafts, practice, and entries moved to or from the trash."""
    return ch.touches_kind("prompts", "drafts", "practice") or ch.touches_columns(
        "entries", frozenset({"deleted_at"})
    )
