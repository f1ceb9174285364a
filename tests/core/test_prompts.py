from __future__ import annotations

import pytest

from imgjournal.domain import PromptCategory
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import prompts
from imgjournal.services.journals import open_journal
from imgjournal.services.prompt_library import builtin_library


def test_library_is_loaded_on_first_open(journal):
    items = prompts.list_prompts(journal)
    assert len(items) >= 40
    assert len(items) == len(builtin_library())
    assert {p.category for p in items} == {c.value for c in PromptCategory}
    texts = [p.text.lower() for p in items]
    assert any("challenging clinical" in t for t in texts)
    assert any("tell me about yourself" in t for t in texts)
    assert all(0 < p.min_seconds <= p.max_seconds for p in items)
    order = [c.value for c in PromptCategory]
    assert [order.index(p.category) for p in items] == sorted(
        order.index(p.category) for p in items
    )


def test_user_prompts_edits_and_hiding_survive_reopening(home):
    with open_journal(home) as j:
        mine = prompts.add_prompt(j, "img", "How did you fund your observerships?")
        first = prompts.list_prompts(j)[0]
        prompts.update_prompt(
            j, first.id, text="So, tell me about yourself.", min_seconds=90, max_seconds=120
        )
        hidden = prompts.list_prompts(j)[1]
        prompts.update_prompt(j, hidden.id, hidden=True)
    with open_journal(home) as j:
        items = prompts.list_prompts(j, include_hidden=True)
        by_id = {p.id: p for p in items}
        assert len(items) == len(builtin_library()) + 1  # nothing re-added
        assert by_id[first.id].text == "So, tell me about yourself."
        assert by_id[hidden.id].hidden
        assert hidden.id not in {p.id for p in prompts.list_prompts(j)}
        assert by_id[mine.id].key is None and not by_id[mine.id].builtin


def test_missing_builtins_are_added_back(journal):
    with journal.session() as s:
        from sqlalchemy import delete

        from imgjournal.models import Prompt

        s.execute(delete(Prompt).where(Prompt.key == "tell-me-about-yourself"))
    assert prompts.ensure_builtin_prompts(journal) == 1
    assert prompts.ensure_builtin_prompts(journal) == 0


def test_prompt_validation(journal):
    with pytest.raises(ValidationError, match="empty"):
        prompts.add_prompt(journal, "personal", "  ")
    with pytest.raises(ValidationError, match="prompt category"):
        prompts.add_prompt(journal, "trivia", "Q?")
    with pytest.raises(ValidationError, match="not a range"):
        prompts.add_prompt(journal, "personal", "Q?", min_seconds=90, max_seconds=30)
    with pytest.raises(NotFoundError):
        prompts.update_prompt(journal, 10_000, hidden=True)
