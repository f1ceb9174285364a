"""What the main window loads and saves through the services (run on the task runner)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from PySide6.QtWidgets import QMessageBox, QWidget

from imgjournal.db import Journal
from imgjournal.services import browse
from imgjournal.services.browse import EntryRow, JournalCounts
from imgjournal.services.dto import EntryDTO, ExperienceDTO, PromptDTO, TagDTO
from imgjournal.ui.editor import EditorState
from imgjournal.ui.services import entries, experiences, prompts, tags


@dataclass(frozen=True)
class Overview:
    """What the sidebar, filters and editor combos show; loaded in one task."""

    counts: JournalCounts
    experiences: list[ExperienceDTO]
    prompts: list[PromptDTO]
    tags: list[TagDTO]


def load_overview(journal: Journal) -> Overview:
    return Overview(
        counts=browse.journal_counts(journal),
        experiences=experiences.list_experiences(journal),
        prompts=prompts.list_prompts(journal),
        tags=tags.list_tags(journal),
    )


def unsaved_entry(
    entry_id: int,
    kind: str,
    title: str,
    *,
    experience_id: int | None,
    prompt_ids: tuple[int, ...] = (),
) -> EntryDTO:
    """A new entry the editor shows before anything is stored: ``entry_id`` is negative (see
    :func:`save_state`). Empty case or feedback fields for those kinds."""
    from imgjournal.domain import EntryKind
    from imgjournal.services.dto import CaseFields, FeedbackFields

    now = datetime.now(UTC)
    return EntryDTO(
        id=entry_id,
        kind=kind,
        entry_date=date.today(),
        title=title,
        body="",
        experience_id=experience_id,
        prompt_ids=tuple(prompt_ids),
        tags=(),
        created_at=now,
        updated_at=now,
        case=CaseFields() if kind == EntryKind.CASE else None,
        feedback=FeedbackFields() if kind == EntryKind.FEEDBACK else None,
    )


def save_state(
    journal: Journal, st: EditorState, created: dict[int, int] | None = None
) -> tuple[EntryDTO, EntryRow | None]:
    """The autosave's work on the task runner: write what the editor shows.

    An entry not stored yet (a negative id, :func:`unsaved_entry`) is created by its first
    save; ``created`` remembers its id for the saves of it still queued behind (they all run
    in order on the one worker thread), so it is created once."""
    values = dict(
        entry_date=st.entry_date,
        body=st.body,
        experience_id=st.experience_id,
        prompt_ids=st.prompt_ids,
        tags=st.tags,
        **({"case": st.case} if st.case is not None else {}),
        **({"feedback": st.feedback} if st.feedback is not None else {}),
    )
    entry_id = st.entry_id
    if entry_id < 0 and created is not None:
        if entry_id not in created:
            dto = entries.create_entry(journal, st.kind, st.title, **values)
            created[entry_id] = dto.id
            return dto, browse.entry_rows_by_id(journal, [dto.id])[0]
        entry_id = created[entry_id]
    dto = entries.update_entry(journal, entry_id, title=st.title, **values)
    rows = browse.entry_rows_by_id(journal, [dto.id])
    return dto, rows[0] if rows else None


def trash_new_entry(journal: Journal, unsaved_id: int, created: dict[int, int]) -> EntryDTO:
    """Move a new entry to the trash once its first save (queued before this) has created it."""
    return entries.trash_entry(journal, created[unsaved_id])


def overlay(entry: EntryDTO, st: EditorState) -> EntryDTO:
    """``entry`` with unsaved editor values on top (when a save has not reached the disk)."""
    return replace(
        entry,
        title=st.title,
        entry_date=st.entry_date,
        body=st.body,
        experience_id=st.experience_id,
        prompt_ids=st.prompt_ids,
        tags=st.tags,
        case=st.case if st.case is not None else entry.case,
        feedback=st.feedback if st.feedback is not None else entry.feedback,
    )


def ask_yes_no(parent: QWidget, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
