"""export-markdown: a folder of notes with front matter, read back whole by import-markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from imgjournal.cli import main
from imgjournal.db import Journal
from imgjournal.demo import load_sample
from imgjournal.importers.markdown_export import MARKER, safe_name
from imgjournal.services import entries, experiences, prompts
from imgjournal.services.dto import CaseFields, FeedbackFields


def _cli(home: Path, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _comparable(home: Path) -> list[tuple]:
    """Everything an entry holds that the export carries, ids replaced by what they name."""
    with Journal.open(home) as journal:
        texts = {p.id: p.text for p in prompts.list_prompts(journal, include_hidden=True)}
        titles = {x.id: x.title for x in experiences.list_experiences(journal)}
        out = []
        for e in entries.list_entries(journal, newest_first=False):
            out.append(
                (
                    e.kind,
                    e.entry_date,
                    e.title,
                    e.body.rstrip(),
                    e.tags,
                    e.case,
                    e.feedback,
                    tuple(sorted(texts[p] for p in e.prompt_ids)),
                    titles.get(e.experience_id) if e.experience_id else None,
                    e.created_at.replace(microsecond=0),
                )
            )
    return sorted(out, key=lambda row: (row[1], row[2], row[0]))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    home = tmp_path / "sample"
    with Journal.open(home) as journal:
        load_sample(journal)
        # One of each kind with every field, a prompt of the user's own, an empty body.
        own = prompts.add_prompt(journal, "personal", "Tell me about a night you will not forget.")
        builtin = prompts.list_prompts(journal)[0]
        x = experiences.list_experiences(journal)[0]
        entries.create_entry(
            journal,
            "case",
            "Every field: a case",
            body="",
            experience_id=x.id,
            prompt_ids=(own.id, builtin.id),
            tags=("two words", "cardio/acs"),
            case=CaseFields(
                setting="icu",
                age_band="90+",
                sex="unknown",
                chief_complaint="Chest pain: sudden",
                diagnoses=("NSTEMI", "AKI"),
                procedures=("ECG",),
                role="presented",
                situation="S",
                task="T",
                action="A",
                result="R",
                lesson="L #not-a-tag",
            ),
        )
        entries.create_entry(
            journal,
            "feedback",
            "Every field: feedback",
            body="---\nnot front matter, a rule\n\n# heading #inline",
            feedback=FeedbackFields(
                giver_name="the night senior",
                giver_role="resident",
                feedback_kind="constructive",
                words='Say "I don\'t know" sooner.',
                action_items="Ask early.",
                followed_up=True,
            ),
        )
    return home


def test_export_then_import_into_an_empty_journal_gives_the_same_entries(sample, tmp_path, capsys):
    vault = tmp_path / "vault"
    code, out, err = _cli(sample, capsys, "export-markdown", str(vault), "--allow-identifiers")
    assert code == 0, err
    n = len(_comparable(sample))
    assert out.startswith(f"Exported {n} entries as Markdown notes to {vault}")
    assert (vault / MARKER).is_file()
    new = tmp_path / "new"
    code, out, err = _cli(new, capsys, "import-markdown", str(vault))
    assert code == 0, err
    assert f"Imported {n} notes" in out and "skipped 0" in out
    assert _comparable(new) == _comparable(sample)


def test_the_notes_obsidian_opens(sample, tmp_path, capsys):
    vault = tmp_path / "vault"
    assert _cli(sample, capsys, "export-markdown", str(vault), "--allow-identifiers")[0] == 0
    with Journal.open(sample) as journal:
        x = experiences.list_experiences(journal)[0]
    folder = vault / safe_name(x.title)
    assert folder.is_dir()
    (note,) = folder.glob("*Every field a case.md")
    assert note.name == f"{date.today().isoformat()} Every field a case.md"
    text = note.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["kind"] == "case"
    assert meta["experience"] == x.title
    assert meta["tags"] == ["cardio/acs", "two words"]
    assert meta["age_band"] == "90+"
    assert meta["diagnoses"] == ["NSTEMI", "AKI"]
    assert "Tell me about a night you will not forget." in meta["prompts"]
    # Every entry not in the trash is a note, each with a unique name.
    notes = list(vault.rglob("*.md"))
    assert len({str(p.relative_to(vault)).casefold() for p in notes}) == len(notes)
    with Journal.open(sample) as journal:
        assert len(notes) == entries.count_entries(journal)


def test_a_non_empty_folder_that_is_no_export_is_refused(sample, tmp_path, capsys):
    target = tmp_path / "docs"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    code, _, err = _cli(sample, capsys, "export-markdown", str(target), "--allow-identifiers")
    assert code == 1
    assert "is not empty and is not an earlier Markdown export" in err
    assert sorted(p.name for p in target.iterdir()) == ["mine.txt"]
    file = tmp_path / "file.md"
    file.write_text("x")
    code, _, err = _cli(sample, capsys, "export-markdown", str(file), "--allow-identifiers")
    assert code == 1 and "is a file" in err


def test_an_earlier_export_is_replaced_and_the_vault_settings_kept(sample, tmp_path, capsys):
    vault = tmp_path / "vault"
    assert _cli(sample, capsys, "export-markdown", str(vault), "--allow-identifiers")[0] == 0
    (vault / ".obsidian").mkdir()
    (vault / ".obsidian" / "app.json").write_text("{}")
    (vault / "stale.md").write_text("from before")
    with Journal.open(sample) as journal:
        first = entries.list_entries(journal)[0]
        entries.trash_entry(journal, first.id)
    assert _cli(sample, capsys, "export-markdown", str(vault), "--allow-identifiers")[0] == 0
    assert (vault / ".obsidian" / "app.json").read_text() == "{}"
    assert not (vault / "stale.md").exists()
    names = [p.name for p in vault.rglob("*.md")]
    assert len(names) == len(_comparable(sample))  # the trashed entry is left out
    # No temporary folders are left beside it.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_privacy_gate(home, tmp_path, capsys):
    vault = tmp_path / "vault"
    with Journal.open(home) as journal:
        entries.create_entry(journal, "reflection", "Call", body="Ring them on (415) 555-0134.")
    code, _, err = _cli(home, capsys, "export-markdown", str(vault))
    assert code == 1
    assert "The Markdown export would carry 1 possible patient identifier" in err
    assert not vault.exists()
    code, _, err = _cli(home, capsys, "export-markdown", str(vault), "--allow-identifiers")
    assert code == 0
    assert "carries 1 possible patient identifier" in err
    assert len(list(vault.glob("*.md"))) == 1


def test_an_empty_journal_exports_an_empty_vault(home, tmp_path, capsys):
    vault = tmp_path / "vault"
    vault.mkdir()
    code, out, _ = _cli(home, capsys, "export-markdown", str(vault))
    assert code == 0
    assert out.startswith("Exported 0 entries")
    assert [p.name for p in vault.iterdir()] == [MARKER]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("A/B: test?", "A B test"),
        ("..hidden", "hidden"),
        ("CON", "_CON"),
        ("#tag [link] ^block | pipe", "tag link block pipe"),
        ("", "Untitled"),
    ],
)
def test_safe_names(title, name):
    assert safe_name(title) == name
