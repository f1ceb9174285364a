"""JSON export and import: the round trip, id remapping, and every kind of bad file."""

from __future__ import annotations

import copy
import errno
import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgjournal import paths, search_index
from imgjournal.db import Journal
from imgjournal.domain import (
    AgeBand,
    CaseRole,
    ExperienceKind,
    FeedbackKind,
    GiverRole,
    PromptCategory,
    Setting,
    Sex,
)
from imgjournal.errors import JournalError, ValidationError
from imgjournal.export import json_io
from imgjournal.export.entry_rows import entry_records, stored_moment
from imgjournal.export.json_io import (
    ExportSummary,
    ImportFileError,
    export_journal,
    import_journal,
)
from imgjournal.export.records import entry_record
from imgjournal.services import bulk, entries, experiences, prep, prompts, snapshot
from imgjournal.services.dto import CaseFields, EntryFilter, FeedbackFields
from imgjournal.services.journals import open_journal
from imgjournal.services.search import search
from imgjournal.services.tags import list_tags
from imgjournal.sqlite import dbapi as sqlite3

# ---- helpers ------------------------------------------------------------------------------


def _export_bytes(journal: Journal, folder: Path, name: str = "snapshot.json") -> bytes:
    path = folder / name
    export_journal(journal, path)
    return path.read_bytes()


def _fill(journal: Journal) -> dict[str, Any]:
    """A small journal with every kind of record; returns the DTOs made."""
    x1 = experiences.create_experience(
        journal, "rotation", "IM sub-internship", date(2025, 9, 1), end_date=date(2025, 9, 28)
    )
    x2 = experiences.create_experience(
        journal, "observership", "Cardiology observership", date(2025, 10, 1), hours_per_week=40
    )
    mine = prompts.add_prompt(journal, "img", "How did you adapt to US hospitals?")
    hidden = prompts.add_prompt(journal, "closing", "Anything else?")
    prompts.update_prompt(journal, hidden.id, hidden=True)
    builtin = prompts.list_prompts(journal)[0]
    prompts.update_prompt(journal, builtin.id, text="Tell me about yourself, briefly.")
    case = entries.create_entry(
        journal,
        "case",
        "Chest pain at 3 am",
        entry_date=date(2025, 9, 3),
        body="Troponin rising; *serial ECGs*.",
        experience_id=x1.id,
        prompt_ids=[builtin.id, mine.id],
        tags=["cardiology", "night-float"],
        case=CaseFields(
            setting="ed",
            age_band="65-89",
            sex="female",
            chief_complaint="chest pain",
            diagnoses=("NSTEMI", "CKD 3"),
            procedures=("ECG",),
            role="presented",
            lesson="Repeat the troponin",
        ),
    )
    feedback = entries.create_entry(
        journal,
        "feedback",
        "Handoff feedback",
        entry_date=date(2025, 10, 2),
        experience_id=x2.id,
        tags=["handoff"],
        feedback=FeedbackFields(
            giver_name="Dr. Moreno",
            giver_role="attending",
            feedback_kind="constructive",
            words="Say the pending labs.",
            action_items="Use I-PASS",
            followed_up=True,
        ),
    )
    reflection = entries.create_entry(
        journal, "reflection", "Día uno — 最初の日", body="Nervous 😅\nbut fine.", tags=["first"]
    )
    trashed = entries.create_entry(journal, "reflection", "Draft I threw away", tags=["old"])
    entries.trash_entry(journal, trashed.id)
    draft = prep.create_draft(journal, mine.id, "Adapting", "**Situation:** first week")
    prep.create_draft(journal, mine.id, "Second try", "Shorter")
    prep.record_attempt(journal, mine.id, 3, 75.0, "smoother", draft_id=draft.id)
    prep.record_attempt(journal, builtin.id, 1, 30.0)
    return {
        "experiences": (x1, x2),
        "prompts": (mine, hidden, builtin),
        "entries": (case, feedback, reflection, trashed),
    }


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database file of a journal filled by ``_fill``, made once per module."""
    home = tmp_path_factory.mktemp("filled")
    with open_journal(home) as source:
        _fill(source)
    return paths.db_path(home)


@pytest.fixture
def filled(filled_db: Path, tmp_path: Path) -> Iterator[Journal]:
    """A fresh copy of the filled journal (a copy is much quicker than filling one)."""
    with _fresh(filled_db, tmp_path / "filled") as journal:
        yield journal


@pytest.fixture(scope="module")
def good_document(filled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("good")
    with _fresh(filled_db, folder / "journal") as source:
        return json.loads(_export_bytes(source, folder))


@pytest.fixture
def document(good_document: dict[str, Any]) -> dict[str, Any]:
    """The export of the filled journal, parsed, for a test to spoil."""
    return copy.deepcopy(good_document)


def _write(folder: Path, doc: Any, name: str = "import.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new journal's database file, made once; each example starts from a copy (fast)."""
    home = tmp_path_factory.mktemp("template")
    open_journal(home).close()
    return paths.db_path(home)


def _fresh(template_db: Path, folder: Path) -> Journal:
    folder.mkdir(parents=True)
    shutil.copy(template_db, paths.db_path(folder))
    return open_journal(folder)


# ---- export -------------------------------------------------------------------------------


def test_export_is_complete_and_ordered(filled: Journal, tmp_path: Path) -> None:
    text = _export_bytes(filled, tmp_path).decode("utf-8")
    doc = json.loads(text)
    assert text.endswith("}\n")
    assert doc["format"] == "imgjournal" and doc["version"] == 1
    assert text == json_io.dumps(doc).decode("utf-8")
    assert all(len(line) < 5 or line.startswith(("  ", "{", "}")) for line in text.splitlines())
    assert "Día uno — 最初の日" in text  # UTF-8 as is, not \u escapes
    assert [e["id"] for e in doc["entries"]] == sorted(e["id"] for e in doc["entries"])
    assert len(doc["entries"]) == 4
    trashed = [e for e in doc["entries"] if e["deleted_at"] is not None]
    assert [e["title"] for e in trashed] == ["Draft I threw away"]
    # All prompts: built-in (edited one included), the user's, and the hidden one.
    by_text = {p["text"]: p for p in doc["prompts"]}
    assert by_text["Anything else?"]["hidden"] is True and by_text["Anything else?"]["key"] is None
    assert by_text["Tell me about yourself, briefly."]["key"] is not None
    assert len(doc["prompts"]) == len(prompts.list_prompts(filled, include_hidden=True))
    assert doc["tags"] == ["cardiology", "first", "handoff", "night-float", "old"]
    assert [d["title"] for d in doc["answer_drafts"]] == ["Adapting", "Second try"]
    assert [d["is_practice"] for d in doc["answer_drafts"]] == [True, False]
    assert [a["rating"] for a in doc["practice_attempts"]] == [3, 1]
    assert [sc["prompt_id"] for sc in doc["prompt_schedules"]] == sorted(
        {doc["practice_attempts"][0]["prompt_id"], doc["practice_attempts"][1]["prompt_id"]}
    )
    assert isinstance(doc["prompt_schedules"][0]["card"], dict)
    case = next(e for e in doc["entries"] if e["kind"] == "case")
    assert case["case"]["diagnoses"] == ["NSTEMI", "CKD 3"] and "feedback" not in case
    assert case["date"] == "2025-09-03"


def test_export_summary_counts(filled: Journal, tmp_path: Path) -> None:
    summary = export_journal(filled, tmp_path / "out.json")
    assert isinstance(summary, ExportSummary)
    assert (summary.entries, summary.trashed, summary.experiences, summary.tags) == (4, 1, 2, 5)
    assert summary.size == (tmp_path / "out.json").stat().st_size
    assert "4 entries (1 in the trash)" in str(summary)


def test_export_twice_is_identical(filled: Journal, tmp_path: Path) -> None:
    assert _export_bytes(filled, tmp_path, "a.json") == _export_bytes(filled, tmp_path, "b.json")


def test_failed_export_keeps_the_old_file_and_leaves_no_temporary(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    target.write_text("the previous export", encoding="utf-8")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(json_io.os, "fsync", disk_full)
    with pytest.raises(JournalError, match="nothing was written"):
        export_journal(filled, target)
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert os.listdir(target.parent) == ["journal.json"]


def test_export_into_a_missing_folder_says_so(filled: Journal, tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="Cannot write in the folder"):
        export_journal(filled, tmp_path / "no-such-folder" / "out.json")


# ---- round trip ---------------------------------------------------------------------------


def test_round_trip_into_an_empty_journal(filled: Journal, tmp_path: Path) -> None:
    first = _export_bytes(filled, tmp_path, "first.json")
    with open_journal(tmp_path / "other") as other:
        summary = import_journal(other, tmp_path / "first.json")
        assert (summary.entries, summary.trashed, summary.experiences) == (4, 1, 2)
        assert summary.renumbered == 0
        assert _export_bytes(other, tmp_path, "second.json") == first
        # The imported journal works: search finds entries, the trash holds the trashed one.
        assert [h.title for h in search(other, "troponin")] == ["Chest pain at 3 am"]
        trash = entries.list_entries(other, EntryFilter(trashed=True))
        assert [e.title for e in trash] == ["Draft I threw away"]
        mine = next(p for p in prompts.list_prompts(other) if p.text.startswith("How did"))
        assert [d.title for d in prep.list_drafts(other, mine.id)] == ["Adapting", "Second try"]
        assert prep.practice_draft(other, mine.id).title == "Adapting"
        assert prep.get_schedule(other, mine.id) is not None


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# No control characters in titles: the services clean them away (tests/core/test_entries.py),
# so a generated title of only control characters would be refused as empty.
_title = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=30,
).filter(str.strip)
_tag = _title.filter(lambda t: t.strip().lstrip("#").strip())
_maybe = lambda values: st.none() | st.sampled_from(values)  # noqa: E731
_case = st.builds(
    CaseFields,
    setting=_maybe(Setting.values()),
    age_band=_maybe(AgeBand.values()),
    sex=_maybe(Sex.values()),
    chief_complaint=_text,
    diagnoses=st.lists(_text, max_size=3).map(tuple),
    procedures=st.lists(_text, max_size=2).map(tuple),
    role=_maybe(CaseRole.values()),
    situation=_text,
    lesson=_text,
)
_feedback = st.builds(
    FeedbackFields,
    giver_name=_text,
    giver_role=_maybe(GiverRole.values()),
    feedback_kind=_maybe(FeedbackKind.values()),
    words=_text,
    followed_up=st.booleans(),
)
_day = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
_experience = st.tuples(
    st.sampled_from(ExperienceKind.values()),
    _title,
    _day,
    st.none() | st.integers(0, 400),  # days until the end, or open
    st.none() | st.integers(1, 168),
    _text,
)
_entry = st.tuples(
    st.sampled_from(["case", "feedback", "reflection"]),
    _title,
    _day,
    _text,
    st.none() | st.integers(0, 10),  # which experience (modulo), if any
    st.lists(st.integers(0, 60), max_size=3),  # which prompts (modulo)
    st.lists(_tag, max_size=3),
    st.booleans(),  # trashed
    _case,
    _feedback,
)
_journal = st.fixed_dictionaries(
    {
        "experiences": st.lists(_experience, max_size=3),
        "prompts": st.lists(
            st.tuples(st.sampled_from(PromptCategory.values()), _title, st.booleans()), max_size=3
        ),
        "hide_builtin": st.lists(st.integers(0, 50), max_size=3),
        "entries": st.lists(_entry, max_size=8),
        "drafts": st.lists(st.tuples(st.integers(0, 60), _title, _text, st.booleans()), max_size=3),
        "attempts": st.lists(
            st.tuples(st.integers(0, 60), st.integers(1, 4), st.integers(0, 300), st.booleans()),
            max_size=3,
        ),
    }
)


def _build(journal: Journal, plan: dict[str, Any]) -> None:
    from datetime import timedelta

    xs = []
    for kind, title, start, days, hours, notes in plan["experiences"]:
        end = None if days is None else start + timedelta(days=days)
        xs.append(
            experiences.create_experience(
                journal, kind, title, start, end_date=end, hours_per_week=hours, notes=notes
            )
        )
    for category, text, hidden in plan["prompts"]:
        p = prompts.add_prompt(journal, category, text)
        if hidden:
            prompts.update_prompt(journal, p.id, hidden=True)
    all_prompts = prompts.list_prompts(journal, include_hidden=True)
    builtin = [p for p in all_prompts if p.builtin]
    for i in plan["hide_builtin"]:
        prompts.update_prompt(journal, builtin[i % len(builtin)].id, hidden=True)
    for kind, title, day, body, xi, pis, tags, trashed, case, fb in plan["entries"]:
        made = entries.create_entry(
            journal,
            kind,
            title,
            entry_date=day,
            body=body,
            experience_id=xs[xi % len(xs)].id if xs and xi is not None else None,
            prompt_ids=[all_prompts[i % len(all_prompts)].id for i in pis],
            tags=tags,
            case=case if kind == "case" else None,
            feedback=fb if kind == "feedback" else None,
        )
        if trashed:
            entries.trash_entry(journal, made.id)
    drafts = []
    for pi, title, body, practice in plan["drafts"]:
        pid = all_prompts[pi % len(all_prompts)].id
        drafts.append(prep.create_draft(journal, pid, title, body, practice=practice or None))
    for pi, rating, seconds, use_draft in plan["attempts"]:
        pid = all_prompts[pi % len(all_prompts)].id
        mine = [d.id for d in drafts if d.prompt_id == pid]
        draft_id = mine[0] if mine and use_draft else None
        prep.record_attempt(journal, pid, rating, float(seconds), draft_id=draft_id)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=_journal)
def test_round_trip_is_byte_identical(template_db: Path, tmp_path: Path, plan: dict) -> None:
    # tmp_path is shared by the examples, so each example works in its own new folder.
    work = Path(json_io.tempfile.mkdtemp(dir=tmp_path))
    with _fresh(template_db, work / "a") as original:
        _build(original, plan)
        first = _export_bytes(original, work, "first.json")
    with _fresh(template_db, work / "b") as copy:
        import_journal(copy, work / "first.json")
        second = _export_bytes(copy, work, "second.json")
    assert second == first


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=_journal)
def test_export_fast_path_matches_the_dto_records(
    template_db: Path, tmp_path: Path, plan: dict
) -> None:
    """Export reads stored rows straight into records; they must equal the DTOs' records."""
    work = Path(json_io.tempfile.mkdtemp(dir=tmp_path))
    with _fresh(template_db, work / "a") as journal:
        _build(journal, plan)
        # Some times with no fraction of a second, which isoformat() writes without one.
        journal.raw().execute(
            "UPDATE entries SET created_at = substr(created_at, 1, 19) || '.000000+00:00' "
            "WHERE id % 2 = 0"
        )
        journal.raw().commit()
        snap, table = snapshot.read_export(journal)
        slow = [entry_record(e) for e in snapshot.read_snapshot(journal).entries]
    fast = list(entry_records(table))
    assert fast == slow
    # Keys in sorted order (nested ones too), so that no sorting is needed to encode them.
    assert [json.dumps(r, ensure_ascii=False) for r in fast] == [
        json.dumps(r, ensure_ascii=False, sort_keys=True) for r in slow
    ]
    assert snap.entries == ()


def test_stored_moment_writes_times_as_isoformat_does() -> None:
    assert stored_moment(None) is None
    assert stored_moment("2024-05-01T14:30:00.000000+00:00") == "2024-05-01T14:30:00+00:00"
    assert stored_moment("2024-05-01T14:30:00.120000+00:00") == "2024-05-01T14:30:00.120000+00:00"
    # Written some other way (by hand, an old tool): normalised as the DTO path would.
    assert stored_moment("2024-05-01T16:30:00+02:00") == "2024-05-01T16:30:00+02:00"
    assert stored_moment("2024-05-01 14:30:00") == "2024-05-01T14:30:00"


def test_export_reads_one_consistent_journal(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save in the app between two of the export's reads does not tear the snapshot."""
    read_links = snapshot._read_links

    def save_meanwhile(conn: Any, tag_names: dict[int, str]) -> Any:
        with open_journal(filled.home) as app:
            entries.create_entry(app, "reflection", "Written during the export", tags=["new"])
        return read_links(conn, tag_names)

    monkeypatch.setattr(snapshot, "_read_links", save_meanwhile)
    export_journal(filled, tmp_path / "during.json")
    doc = json.loads((tmp_path / "during.json").read_text(encoding="utf-8"))
    assert "Written during the export" not in [e["title"] for e in doc["entries"]]
    assert "new" not in doc["tags"]
    monkeypatch.undo()
    export_journal(filled, tmp_path / "after.json")
    doc = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    assert "Written during the export" in [e["title"] for e in doc["entries"]]


def test_import_fills_left_out_fields_and_normalises_times(
    journal: Journal, tmp_path: Path
) -> None:
    doc = _entries_document(
        [
            {"id": 1, "kind": "case", "title": "  Bare case  ", "date": "2025-03-01",
             "created_at": "2025-03-01T16:30:00+02:00", "updated_at": "2025-03-01T14:30:00"},
            {"id": 2, "kind": "feedback", "title": "Bare feedback", "date": "2025-03-02",
             "deleted_at": "2025-03-03T01:00:00.5-05:00"},
            {"id": 3, "kind": "reflection", "title": "Bare reflection", "date": "2025-03-03",
             "tags": ["#night ", "night"], "prompt_ids": [2, 1, 2]},
        ]
    )  # fmt: skip
    import_journal(journal, _write(tmp_path, doc))
    case, feedback, reflection = (entries.get_entry(journal, i) for i in (1, 2, 3))
    assert case.title == "Bare case"
    assert case.case == CaseFields()  # every field at its default, as a new case has them
    assert case.created_at.isoformat() == "2025-03-01T14:30:00+00:00"
    assert case.updated_at.isoformat() == "2025-03-01T14:30:00+00:00"  # no offset: UTC
    assert feedback.feedback == FeedbackFields()
    assert feedback.deleted_at.isoformat() == "2025-03-03T06:00:00.500000+00:00"
    assert reflection.case is None and reflection.feedback is None
    assert reflection.tags == ("night",) and reflection.prompt_ids == (1, 2)
    # Stored exactly as the services store them, so the next export reads them back alike.
    stored = (
        journal.raw()
        .execute(
            "SELECT created_at, chief_complaint, diagnoses, giver_name, followed_up FROM entries "
            "ORDER BY id"
        )
        .fetchall()
    )
    assert stored == [
        ("2025-03-01T14:30:00.000000+00:00", "", "", None, None),
        (feedback.created_at.isoformat(timespec="microseconds"), None, None, "", 0),
        (reflection.created_at.isoformat(timespec="microseconds"), None, None, None, None),
    ]


# ---- import into a journal that already has records --------------------------------------


def test_import_into_a_non_empty_journal_remaps_ids(filled: Journal, tmp_path: Path) -> None:
    export_journal(filled, tmp_path / "file.json")
    before = {e.id for e in entries.list_entries(filled)} | {
        e.id for e in entries.list_entries(filled, EntryFilter(trashed=True))
    }
    summary = import_journal(filled, tmp_path / "file.json")
    assert summary.entries == 4 and summary.renumbered > 0
    assert summary.prompts_added == 2  # the user's two prompts come again, under new ids
    every = entries.list_entries(filled) + entries.list_entries(filled, EntryFilter(trashed=True))
    assert len(every) == 8
    new = [e for e in every if e.id not in before]
    assert len(new) == 4 and min(e.id for e in new) > max(before)
    xs = {x.id: x for x in experiences.list_experiences(filled)}
    ps = {p.id: p for p in prompts.list_prompts(filled, include_hidden=True)}
    old_case = next(e for e in every if e.kind == "case" and e.id in before)
    new_case = next(e for e in new if e.kind == "case")
    # The copy points at the imported experience and prompt, with the same content.
    assert new_case.experience_id != old_case.experience_id
    assert xs[new_case.experience_id].title == xs[old_case.experience_id].title
    assert sorted(ps[i].text for i in new_case.prompt_ids) == sorted(
        ps[i].text for i in old_case.prompt_ids
    )
    # The built-in prompt is the same row: matched by key, not added again.
    assert set(new_case.prompt_ids) & set(old_case.prompt_ids)
    assert new_case.case == old_case.case and new_case.tags == old_case.tags
    assert len([t for t in [new_case] if t.deleted_at]) == 0


def test_free_ids_are_kept_in_a_non_empty_journal(
    journal: Journal, document: dict, tmp_path: Path
) -> None:
    entries.create_entry(journal, "reflection", "Already here")  # takes entry id 1
    for e in document["entries"]:
        e["id"] += 100
    for e in document["experiences"]:
        e["id"] += 100
    for e in document["entries"]:
        if e["experience_id"] is not None:
            e["experience_id"] += 100
    summary = import_journal(journal, _write(tmp_path, document))
    assert summary.renumbered == 0
    ids = {e.id for e in entries.list_entries(journal)}
    assert ids == {1, 101, 102, 103}


def test_a_built_in_prompt_in_the_file_updates_the_journal_one(
    journal: Journal, document: dict, tmp_path: Path
) -> None:
    entries.create_entry(journal, "reflection", "Keeps the journal non-empty")
    builtin = next(p for p in document["prompts"] if p["key"] == "why-this-specialty")
    builtin["hidden"] = True
    builtin["text"] = "Why this specialty, really?"
    builtin["id"] = 4000  # a file id the journal does not use: matched by key all the same
    import_journal(journal, _write(tmp_path, {**document, "entries": []}))
    got = {p.key: p for p in prompts.list_prompts(journal, include_hidden=True)}
    assert got["why-this-specialty"].hidden is True
    assert got["why-this-specialty"].text == "Why this specialty, really?"
    assert got["why-this-specialty"].id != 4000


def test_empty_journal_takes_the_file_ids_of_built_in_prompts(
    journal: Journal, document: dict, tmp_path: Path
) -> None:
    # A journal whose built-ins were numbered differently (made by an older version).
    a, b = document["prompts"][0], document["prompts"][1]
    a["id"], b["id"] = b["id"], a["id"]
    for e in document["entries"]:
        e["prompt_ids"] = sorted(
            {a["id"]: b["id"], b["id"]: a["id"]}.get(i, i) for i in e["prompt_ids"]
        )
    document["prompts"].sort(key=lambda p: p["id"])
    path = tmp_path / "swapped.json"
    path.write_bytes(json_io.dumps(document))
    import_journal(journal, path)
    assert _export_bytes(journal, tmp_path, "again.json") == path.read_bytes()


def test_reference_to_a_journal_record_is_allowed(
    journal: Journal, document: dict, tmp_path: Path
) -> None:
    x = experiences.create_experience(journal, "research", "QI project", date(2024, 1, 1))
    doc = {**document, "experiences": []}
    for e in doc["entries"]:
        e["experience_id"] = x.id
    import_journal(journal, _write(tmp_path, doc))
    assert {e.experience_id for e in entries.list_entries(journal)} == {x.id}


# ---- bad files: a clear sentence naming the record, and the journal unchanged -------------


def _entry(doc: dict, kind: str) -> dict:
    return next(e for e in doc["entries"] if e["kind"] == kind)


Spoil = Callable[[dict], Any]


def _set(section: str, field: str, value: Any, index: int = 0) -> Spoil:
    def spoil(doc: dict) -> None:
        doc[section][index][field] = value

    return spoil


def _drop(section: str, field: str, index: int = 0) -> Spoil:
    def spoil(doc: dict) -> None:
        del doc[section][index][field]

    return spoil


def _on_case(field: str, value: Any) -> Spoil:
    def spoil(doc: dict) -> None:
        _entry(doc, "case")["case"][field] = value

    return spoil


def _case_on_reflection(doc: dict) -> None:
    _entry(doc, "reflection")["case"] = {}


def _duplicate_entry_id(doc: dict) -> None:
    doc["entries"][2]["id"] = doc["entries"][0]["id"]


def _duplicate_key(doc: dict) -> None:
    doc["prompts"][3]["key"] = doc["prompts"][0]["key"]


def _dangling_experience(doc: dict) -> None:
    doc["entries"][0]["experience_id"] = 999


def _dangling_prompt(doc: dict) -> None:
    doc["entries"][0]["prompt_ids"] = [998]


def _whole(value: Any) -> Spoil:
    def spoil(doc: dict) -> Any:
        return value

    return spoil


def _top(field: str, value: Any) -> Spoil:
    def spoil(doc: dict) -> None:
        if value is KeyError:
            del doc[field]
        else:
            doc[field] = value

    return spoil


BAD_DOCUMENTS: list[tuple[str, Spoil, str]] = [
    ("a list", _whole([1, 2]), "is not an imgjournal export (it holds a list"),
    ("wrong format", _top("format", "jrnl"), 'its "format" is "jrnl"'),
    ("no format", _top("format", KeyError), 'it has no "format" field'),
    ("newer version", _top("version", 2), "written by a newer imgjournal (format version 2"),
    ("text version", _top("version", "1"), 'has an impossible "version", "1"'),
    ("no entries", _top("entries", KeyError), 'has no "entries" list'),
    ("entries not a list", _top("entries", {}), 'has "entries" as an object, not a list'),
    ("unknown top field", _top("notes", "x"), 'has a field "notes"'),
    ("entry not an object", _top("entries", [[1]]), "entries[0]: must be an object"),
    ("id missing", _drop("entries", "id"), 'entries[0]: the field "id" is missing'),
    (
        "id text",
        _set("entries", "id", "7"),
        'entries[0]: id must be a whole number from 1, not "7"',
    ),
    ("id zero", _set("entries", "id", 0), "entries[0]: id must be a whole number from 1, not 0"),
    ("title missing", _drop("entries", "title"), 'entries[0] (id 1): the field "title" is missing'),
    ("title blank", _set("entries", "title", "   "), "entries[0] (id 1): title is empty."),
    ("title too long", _set("entries", "title", "x" * 201), "title is 201 characters long"),
    (
        "title a number",
        _set("entries", "title", 5),
        "entries[0] (id 1): title must be text, not a number (5)",
    ),
    (
        "kind unknown",
        _set("entries", "kind", "note"),
        'kind must be one of "case", "feedback", "reflection", not "note"',
    ),
    (
        "date impossible",
        _set("entries", "date", "2025-13-01"),
        'date "2025-13-01" is not a date; write it as YYYY-MM-DD',
    ),
    ("date null", _set("entries", "date", None), "date must be text, not null"),
    (
        "created_at in the stored form but impossible",
        _set("entries", "created_at", "2025-02-30T10:00:00.000000+00:00"),
        'created_at "2025-02-30T10:00:00.000000+00:00" is not a date and time',
    ),
    (
        "created_at bad",
        _set("entries", "created_at", "yesterday"),
        'created_at "yesterday" is not a date and time',
    ),
    (
        "deleted_at number",
        _set("entries", "deleted_at", 3),
        "deleted_at must be text or null, not a number",
    ),
    ("body null", _set("entries", "body", None), "body must be text, not null"),
    (
        "unknown field",
        _set("entries", "colour", "red"),
        'the field "colour" is not part of the format',
    ),
    (
        "prompt ids text",
        _set("entries", "prompt_ids", ["1"]),
        'prompt_ids must hold only ids (whole numbers from 1), not "1"',
    ),
    ("tags a string", _set("entries", "tags", "a,b"), 'tags must be a list, not text ("a,b")'),
    ("tag a number", _set("entries", "tags", [3]), "tags must hold only text, not 3"),
    ("tag empty", _set("entries", "tags", ["#"]), "tags must be 1 to 100 characters"),
    ("case setting", _on_case("setting", "ward"), 'case.setting must be one of "clinic", "ed",'),
    ("case diagnoses", _on_case("diagnoses", "NSTEMI"), "case.diagnoses must be a list, not text"),
    ("case unknown", _on_case("mood", "ok"), 'the field "case.mood" is not part of the format'),
    ("case on reflection", _case_on_reflection, 'it has case fields but its kind is "reflection"'),
    ("duplicate id", _duplicate_entry_id, "entries[2] (id 1): the id 1 is also used by entries[0]"),
    (
        "experience end first",
        _set("experiences", "end_date", "2020-01-01"),
        "experiences[0] (id 1): end_date 2020-01-01 is before start_date 2025-09-01",
    ),
    (
        "experience kind",
        _set("experiences", "kind", "holiday"),
        "experiences[0] (id 1): kind must be one of",
    ),
    (
        "experience hours",
        _set("experiences", "hours_per_week", 500),
        "hours_per_week must be from 1 to 168, not 500",
    ),
    ("experience title", _set("experiences", "title", ""), "experiences[0] (id 1): title is empty"),
    (
        "experience us",
        _set("experiences", "is_us", "yes"),
        'is_us must be true or false, not text ("yes")',
    ),
    (
        "prompt range",
        _set("prompts", "min_seconds", 500),
        "max_seconds 120 is less than min_seconds 500",
    ),
    ("prompt text", _set("prompts", "text", " "), "prompts[0] (id 1): text is empty"),
    ("prompt category", _set("prompts", "category", "fun"), "category must be one of"),
    (
        "prompt key",
        _duplicate_key,
        'prompts[3] (id 4): the key "tell-me-about-yourself" is also used by prompts[0]',
    ),
    ("top tag", _top("tags", ["ok", 4]), "tags[1]: must be text, not a number (4)"),
    (
        "draft prompt",
        _set("answer_drafts", "prompt_id", 997),
        "answer_drafts[0] (id 1): prompt_id 997 is not in the file or the journal.",
    ),
    (
        "draft title",
        _set("answer_drafts", "title", " "),
        "answer_drafts[0] (id 1): title is empty",
    ),
    (
        "two practice drafts",
        _set("answer_drafts", "is_practice", True, 1),
        "answer_drafts[1] (id 2): prompt 52 already has its practice draft, answer_drafts[0]",
    ),
    (
        "attempt rating",
        _set("practice_attempts", "rating", 5),
        "practice_attempts[0] (id 1): rating must be 1 (Blanked), 2 (Shaky), 3 (Good) or 4",
    ),
    (
        "attempt draft",
        _set("practice_attempts", "draft_id", 996),
        "practice_attempts[0] (id 1): draft_id 996 is not in the file or the journal.",
    ),
    (
        "attempt time",
        _drop("practice_attempts", "started_at"),
        'practice_attempts[0] (id 1): the field "started_at" is missing',
    ),
    (
        "schedule card",
        _set("prompt_schedules", "card", {"due": "soon"}),
        "prompt_schedules[0] (prompt_id 1): card is not an FSRS card",
    ),
    (
        "schedule prompt",
        _set("prompt_schedules", "prompt_id", 995),
        "prompt_schedules[0] (prompt_id 995): the prompt is not in the file or the journal.",
    ),
    (
        "dangling experience",
        _dangling_experience,
        "entries[0] (id 1): experience_id 999 is not in the file or the journal.",
    ),
    (
        "dangling prompt",
        _dangling_prompt,
        "entries[0] (id 1): prompt id 998 in prompt_ids is not in the file or the journal.",
    ),
]


@pytest.mark.parametrize(
    ("spoil", "message"),
    [pytest.param(s, m, id=name) for name, s, m in BAD_DOCUMENTS],
)
def test_bad_document_is_refused_and_changes_nothing(
    filled: Journal, document: dict, tmp_path: Path, spoil: Spoil, message: str
) -> None:
    before = _export_bytes(filled, tmp_path, "before.json")
    spoiled = spoil(document)
    path = _write(tmp_path, document if spoiled is None else spoiled)
    with pytest.raises(ValidationError) as caught:
        import_journal(filled, path)
    assert message in str(caught.value)
    assert str(caught.value).endswith(".")
    assert _export_bytes(filled, tmp_path, "after.json") == before


def test_file_level_problems_name_the_file(filled: Journal, tmp_path: Path) -> None:
    before = _export_bytes(filled, tmp_path, "before.json")
    cases = {
        "latin1.json": ('{"title": "caf\xe9"}'.encode("latin-1"), "latin1.json is not UTF-8 text"),
        "broken.json": (
            b'{"format": "imgjournal",\n "version": 1,',
            "broken.json is not valid JSON",
        ),
        "empty.json": (b"", "empty.json is not valid JSON"),
        # orjson refuses these; the json module reads them (or not) and the message is its own.
        "deep.json": (b"[" * 5000 + b"]" * 5000, "deep.json is nested too deeply"),
        "nan.json": (b'{"format": "imgjournal", "version": NaN}', 'impossible "version", NaN'),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ImportFileError, match=message):
            import_journal(filled, tmp_path / name)
    with pytest.raises(ImportFileError, match="There is no file"):
        import_journal(filled, tmp_path / "missing.json")
    assert _export_bytes(filled, tmp_path, "after.json") == before


def test_a_date_in_another_iso_form_is_stored_in_the_usual_one(
    journal: Journal, document: dict, tmp_path: Path
) -> None:
    document["entries"][0]["date"] = "2025-W05-3"  # ISO week date: Wednesday of week 5
    import_journal(journal, _write(tmp_path, document))
    assert entries.get_entry(journal, document["entries"][0]["id"]).entry_date == date(2025, 1, 29)


def test_lone_surrogate_is_refused(filled: Journal, document: dict, tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    text = json.dumps(document, ensure_ascii=True)
    title = json.dumps(document["entries"][1]["title"], ensure_ascii=True)
    path.write_text(text.replace(title, '"broken \\ud800 title"', 1), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"entries\[1\] \(id 2\): title holds a broken"):
        import_journal(filled, path)


def test_byte_order_mark_and_paired_surrogates_are_fine(
    journal: Journal, document: dict, tmp_path: Path
) -> None:
    document["entries"][2]["title"] = "Smile 😀"
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(document, ensure_ascii=True).encode())
    import_journal(journal, path)
    assert "Smile 😀" in {e.title for e in entries.list_entries(journal)}


def test_missing_optional_fields_take_their_defaults(journal: Journal, tmp_path: Path) -> None:
    doc = {
        "format": "imgjournal",
        "version": 1,
        "experiences": [
            {"id": 3, "kind": "observership", "title": "Obs", "start_date": "2025-01-06"}
        ],
        "prompts": [],
        "tags": [],
        "entries": [
            {"id": 9, "kind": "case", "title": "Minimal case", "date": "2025-01-07",
             "experience_id": 3, "created_at": "2025-01-07T10:00:00"},
            {"id": 10, "kind": "feedback", "title": "Minimal feedback", "date": "2025-01-08"},
        ],
    }  # fmt: skip
    import_journal(journal, _write(tmp_path, doc))
    case = entries.get_entry(journal, 9)
    assert case.case == CaseFields() and case.body == "" and case.experience_id == 3
    assert case.created_at.isoformat() == "2025-01-07T10:00:00+00:00"  # no offset: UTC
    assert entries.get_entry(journal, 10).feedback == FeedbackFields()
    x = experiences.get_experience(journal, 3)
    assert x.eras_type == "education" and x.hands_on is False and x.is_us is True


# ---- the bulk path of large imports -------------------------------------------------------


def _entries_document(entries: list[dict]) -> dict:
    """An export document with these entries and no other records."""
    return {
        "format": "imgjournal",
        "version": 1,
        "experiences": [],
        "prompts": [],
        "tags": [],
        "entries": entries,
    }


def _many(n: int, word: str) -> dict:
    return _entries_document(
        [
            {"id": i, "kind": "reflection", "title": f"Day {i}", "date": "2025-01-01",
             "body": f"note {i} about {word}", "tags": ["bulk"], "prompt_ids": [1]}
            for i in range(1, n + 1)
        ]
    )  # fmt: skip


def _triggers(journal: Journal) -> list[str]:
    con = sqlite3.connect(journal.db_path)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        return [name for (name,) in rows]
    finally:
        con.close()


def test_large_import_is_searchable_and_keeps_the_triggers(
    journal: Journal, tmp_path: Path
) -> None:
    triggers = _triggers(journal)
    entries.create_entry(journal, "reflection", "Before", body="pericarditis before")
    n = bulk.BULK_INDEX_MIN + 50
    doc = _many(n, "pericarditis")
    for e in doc["entries"]:
        e["id"] += 1  # id 1 is taken: keep the rest
    import_journal(journal, _write(tmp_path, doc))
    assert _triggers(journal) == triggers
    assert len(search(journal, "pericarditis", limit=1000)) == n + 1
    assert len(search(journal, "ricardi", limit=1000)) == n + 1  # the substring index too
    # The recreated triggers index new entries as before.
    entries.create_entry(journal, "reflection", "After", body="tamponade")
    assert [h.title for h in search(journal, "tamponade")] == ["After"]
    # The index agrees with the entries, and merges its segments as usual again.
    con = sqlite3.connect(journal.db_path)
    try:
        con.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
        (merge,) = con.execute("SELECT v FROM entries_fts_config WHERE k = 'automerge'").fetchone()
    finally:
        con.close()
    assert merge == search_index.FTS5_DEFAULT_AUTOMERGE


def _schema(journal: Journal) -> list[tuple[str, str]]:
    con = sqlite3.connect(journal.db_path)
    try:
        rows = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        )
        return list(rows)
    finally:
        con.close()


def test_large_import_into_an_empty_journal_keeps_its_schema(
    journal: Journal, tmp_path: Path
) -> None:
    """Into an empty journal, the entries' indexes are dropped and rebuilt, as the triggers."""
    schema = _schema(journal)
    n = bulk.BULK_INDEX_MIN + 20
    import_journal(journal, _write(tmp_path, _many(n, "pericarditis")))
    assert _schema(journal) == schema
    assert len(search(journal, "pericarditis", limit=1000)) == n
    assert len(search(journal, "ricardi", limit=1000)) == n
    con = sqlite3.connect(journal.db_path)
    try:
        con.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
        con.commit()
        plan = " ".join(
            str(r[-1])
            for r in con.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM entries WHERE entry_date = ?", ("x",)
            )
        )
    finally:
        con.close()
    assert "ix_entries_entry_date" in plan


def test_known_good_records_do_not_let_a_wrong_null_through(
    journal: Journal, tmp_path: Path
) -> None:
    """The reader's fast path learns type combinations; a null where one is not allowed, in
    a record shaped like good ones, is still refused (and a left-out field is not a null)."""
    full = {"id": 1, "kind": "reflection", "title": "Full", "date": "2025-01-01", "body": "x",
            "experience_id": None, "prompt_ids": [], "tags": [], "deleted_at": None,
            "created_at": "2025-01-01T10:00:00.000000+00:00",
            "updated_at": "2025-01-01T10:00:00.000000+00:00"}  # fmt: skip
    no_body = {k: v for k, v in full.items() if k != "body"} | {"id": 2}
    null_body = full | {"id": 3, "body": None}
    with pytest.raises(ImportFileError, match=r"entries\[2\] \(id 3\): body must be text"):
        import_journal(journal, _write(tmp_path, _entries_document([full, no_body, null_body])))
    import_journal(journal, _write(tmp_path, _entries_document([full, no_body])))
    assert entries.get_entry(journal, 2).body == ""


@pytest.mark.parametrize("chunk", [None, 60])  # 60: indexed chunk by chunk
def test_a_failure_while_the_index_is_built_rolls_everything_back(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int | None
) -> None:
    """The index is built on a second thread; its error still reaches the caller."""
    if chunk:
        _chunked(monkeypatch, chunk)
    schema = _schema(journal)
    monkeypatch.setattr(search_index, "VIEW", "no_such_view")
    with pytest.raises(sqlite3.OperationalError, match="no_such_view"):
        import_journal(journal, _write(tmp_path, _many(bulk.BULK_INDEX_MIN + 50, "x")))
    monkeypatch.undo()
    assert _schema(journal) == schema
    assert entries.count_entries(journal) == 0
    entries.create_entry(journal, "reflection", "After", body="tamponade")
    assert [h.title for h in search(journal, "tamponade")] == ["After"]


def test_failure_after_the_bulk_insert_rolls_everything_back(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    triggers = _triggers(journal)
    before = _export_bytes(journal, tmp_path, "before.json")
    real_insert = bulk.insert_links

    def failing(conn: Any, table: Any, rows: list) -> None:
        if table.name == "entry_tags":
            raise RuntimeError("the disk broke")
        real_insert(conn, table, rows)

    monkeypatch.setattr(bulk, "insert_links", failing)
    with pytest.raises(RuntimeError, match="the disk broke"):
        import_journal(journal, _write(tmp_path, _many(bulk.BULK_INDEX_MIN + 10, "x")))
    monkeypatch.undo()
    assert _triggers(journal) == triggers
    assert _export_bytes(journal, tmp_path, "after.json") == before
    assert search(journal, "note") == []


def _chunked(monkeypatch: pytest.MonkeyPatch, size: int = 60) -> None:
    """Large-import behaviour on small files: entries read, checked and indexed ``size`` at a
    time, as a file of more than IMPORT_CHUNK entries is."""
    monkeypatch.setattr(json_io, "IMPORT_CHUNK", size)


def test_a_chunked_import_is_the_same_import(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _chunked(monkeypatch)
    schema = _schema(journal)
    n = bulk.BULK_INDEX_MIN + 50
    doc = _many(n, "pericarditis")
    doc["entries"][n // 2]["tags"] = ["bulk", "middle"]
    summary = import_journal(journal, _write(tmp_path, doc))
    assert (summary.entries, summary.tags_added, summary.renumbered) == (n, 2, 0)
    assert _schema(journal) == schema
    assert len(search(journal, "pericarditis", limit=1000)) == n
    assert [e.id for e in entries.list_entries(journal, EntryFilter(tag="middle"))] == [n // 2 + 1]
    assert entries.count_entries(journal, EntryFilter(prompt_id=1)) == n
    con = sqlite3.connect(journal.db_path)
    try:
        con.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
    finally:
        con.close()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda e: e.update(date="someday"), r"entries\[230\] \(id 231\): date \"someday\""),
        (
            lambda e: e.update(id=7),
            r"entries\[230\] \(id 7\): the id 7 is also used by entries\[6\]",
        ),
        (
            lambda e: e.update(experience_id=99),
            r"entries\[230\] \(id 231\): experience_id 99 is not",
        ),
        (lambda e: e.update(prompt_ids=[998]), r"entries\[230\] \(id 231\): prompt id 998"),
    ],
)
def test_a_problem_in_a_late_chunk_leaves_the_journal_unchanged(
    journal: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Callable[[dict], None],
    message: str,
) -> None:
    _chunked(monkeypatch)
    schema = _schema(journal)
    doc = _many(bulk.BULK_INDEX_MIN + 50, "x")
    spoil(doc["entries"][230])  # in the fourth chunk: three are written and indexed by then
    with pytest.raises(ValidationError, match=message):
        import_journal(journal, _write(tmp_path, doc))
    assert _schema(journal) == schema
    assert entries.count_entries(journal) == 0 and list_tags(journal) == []
    entries.create_entry(journal, "reflection", "After", body="tamponade")
    assert [h.title for h in search(journal, "tamponade")] == ["After"]


def test_reference_to_a_replaced_built_in_prompt_follows_it(
    journal: Journal, tmp_path: Path
) -> None:
    first = prompts.get_prompt(journal, 1)
    doc = {
        "format": "imgjournal",
        "version": 1,
        "experiences": [],
        "prompts": [
            {"id": 200, "key": first.key, "category": first.category, "text": "Edited",
             "min_seconds": 30, "max_seconds": 60}
        ],
        "tags": [],
        "entries": [
            {"id": 1, "kind": "reflection", "title": "Links the journal's prompt 1",
             "date": "2025-01-01", "prompt_ids": [1]}
        ],
    }  # fmt: skip
    import_journal(journal, _write(tmp_path, doc))
    linked = entries.get_entry(journal, 1).prompt_ids
    assert linked == (200,)
    assert prompts.get_prompt(journal, 200).key == first.key
    assert prompts.get_prompt(journal, 200).text == "Edited"


def test_a_prompt_whose_minimum_equals_its_maximum_round_trips(journal: Journal, tmp_path: Path):
    made = prompts.add_prompt(
        journal, "behavioural", "Tell me about a quick win?", min_seconds=45, max_seconds=45
    )
    export_journal(journal, tmp_path / "out.json")
    with open_journal(tmp_path / "other") as other:
        import_journal(other, tmp_path / "out.json")
        again = next(p for p in prompts.list_prompts(other) if p.text == made.text)
        assert (again.min_seconds, again.max_seconds) == (45, 45)
