"""What the main window loads and saves through the services (run on the task runner)."""

from __future__ import annotations

from dataclasses import dataclass, replace

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


def create_with_row(
    journal: Journal, kind: str, title: str, **fields: object
) -> tuple[EntryDTO, EntryRow]:
    """A new entry (quick capture), and its row for the list."""
    dto = entries.create_entry(journal, kind, title, **fields)  # type: ignore[arg-type]
    return dto, browse.entry_rows_by_id(journal, [dto.id])[0]


def save_state(journal: Journal, st: EditorState) -> tuple[EntryDTO, EntryRow | None]:
    """The autosave's work on the task runner: write what the editor shows."""
    dto = entries.update_entry(
        journal,
        st.entry_id,
        title=st.title,
        entry_date=st.entry_date,
        body=st.body,
        experience_id=st.experience_id,
        prompt_ids=st.prompt_ids,
        tags=st.tags,
        **({"case": st.case} if st.case is not None else {}),
        **({"feedback": st.feedback} if st.feedback is not None else {}),
    )
    rows = browse.entry_rows_by_id(journal, [dto.id])
    return dto, rows[0] if rows else None


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
