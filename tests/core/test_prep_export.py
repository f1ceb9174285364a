"""Interview prep survives export and import: drafts, attempts and FSRS schedules."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgjournal import paths
from imgjournal.db import Journal
from imgjournal.errors import ValidationError
from imgjournal.export.json_io import ImportFileError, export_journal, import_journal
from imgjournal.services import entries, prep, prep_stats, prompts
from imgjournal.services.journals import open_journal

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("template")
    open_journal(home).close()
    return paths.db_path(home)


def _fresh(template_db: Path, folder: Path) -> Journal:
    folder.mkdir(parents=True)
    shutil.copy(template_db, paths.db_path(folder))
    return open_journal(folder)


def _export(journal: Journal, path: Path) -> bytes:
    export_journal(journal, path)
    return path.read_bytes()


def _practise(journal: Journal) -> dict:
    """Prep data of every kind: two drafts (one practised), attempts, a deleted draft."""
    library = prompts.list_prompts(journal)
    p, q = library[10], library[11]
    entries.create_entry(journal, "reflection", "Night float", prompt_ids=[p.id])
    a = prep.create_draft(journal, p.id, "Long", "## Situation\n\nOne night on call.")
    b = prep.create_draft(journal, p.id, "Short", "Night, sepsis, fluids.", practice=True)
    gone = prep.create_draft(journal, q.id, "Old", "thrown away")
    prep.record_attempt(journal, p.id, 3, 70, "pace yourself", b.id, at=T0)
    prep.record_attempt(journal, p.id, 1, 40, "", a.id, at=T0 + timedelta(days=2))
    prep.record_attempt(journal, q.id, 4, 95, "", gone.id, at=T0 + timedelta(days=3))
    prep.delete_draft(journal, gone.id)
    return {"p": p, "q": q, "a": a, "b": b}


def test_prep_round_trip_is_byte_identical_and_keeps_the_schedule(template_db, tmp_path):
    with _fresh(template_db, tmp_path / "a") as original:
        made = _practise(original)
        first = _export(original, tmp_path / "first.json")
        before = {
            "cov": prep_stats.coverage(original),
            "due": prep.due_prompts(original, T0 + timedelta(days=30)),
            "sched": prep.get_schedule(original, made["p"].id),
            "attempts": prep.list_attempts(original),
            "drafts": prep.list_drafts(original, made["p"].id),
        }
    doc = json.loads(first)
    assert [d["title"] for d in doc["answer_drafts"]] == ["Long", "Short"]
    assert [a["rating"] for a in doc["practice_attempts"]] == [3, 1, 4]
    assert doc["practice_attempts"][2]["draft_id"] is None  # its draft was deleted
    assert {s["prompt_id"] for s in doc["prompt_schedules"]} == {made["p"].id, made["q"].id}

    with _fresh(template_db, tmp_path / "b") as copy:
        summary = import_journal(copy, tmp_path / "first.json")
        assert (summary.drafts, summary.attempts, summary.schedules) == (2, 3, 2)
        assert _export(copy, tmp_path / "second.json") == first
        assert prep_stats.coverage(copy) == before["cov"]
        assert prep.due_prompts(copy, T0 + timedelta(days=30)) == before["due"]
        assert prep.get_schedule(copy, made["p"].id) == before["sched"]
        assert prep.list_attempts(copy) == before["attempts"]
        assert prep.list_drafts(copy, made["p"].id) == before["drafts"]
        assert prep.practice_draft(copy, made["p"].id).id == made["b"].id
        # Practice goes on from the imported card exactly as it would have at home.
        later = T0 + timedelta(days=9)
        continued = prep.record_attempt(copy, made["p"].id, 3, 60, at=later)
    with _fresh(template_db, tmp_path / "c") as again:
        import_journal(again, tmp_path / "first.json")
    with open_journal(tmp_path / "a") as original:
        home = prep.record_attempt(original, made["p"].id, 3, 60, at=later)
    assert continued.schedule.due == home.schedule.due
    assert continued.schedule.card == home.schedule.card


def test_import_into_a_journal_that_practises_the_same_prompt(template_db, tmp_path):
    with _fresh(template_db, tmp_path / "a") as original:
        made = _practise(original)
        export_journal(original, tmp_path / "file.json")
    with _fresh(template_db, tmp_path / "b") as mine:
        own = prep.create_draft(mine, made["p"].id, "Mine", "my own words")
        own_schedule = prep.record_attempt(mine, made["p"].id, 2, 50, at=T0).schedule
        summary = import_journal(mine, tmp_path / "file.json")
        assert summary.attempts == 3
        # The journal's own practice draft and schedule stay; the file's drafts join them.
        assert prep.practice_draft(mine, made["p"].id).id == own.id
        drafts = prep.list_drafts(mine, made["p"].id)
        assert sorted(d.title for d in drafts) == ["Long", "Mine", "Short"]
        assert sum(d.is_practice for d in drafts) == 1
        assert prep.get_schedule(mine, made["p"].id) == own_schedule
        assert prep.get_schedule(mine, made["q"].id) is not None  # unscheduled here: taken
        assert len(prep.list_attempts(mine, made["p"].id)) == 3


def test_a_broken_card_is_refused_and_nothing_is_written(template_db, tmp_path):
    with _fresh(template_db, tmp_path / "a") as original:
        _practise(original)
        doc = json.loads(_export(original, tmp_path / "file.json"))
    doc["prompt_schedules"][0]["card"] = {"state": "great"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with _fresh(template_db, tmp_path / "b") as other:
        with pytest.raises(ImportFileError, match=r"prompt_schedules\[0\].*not an FSRS card"):
            import_journal(other, bad)
        assert prep.list_attempts(other) == []
        assert prep_stats.coverage(other).rows[0].drafts == 0


def test_an_attempt_whose_draft_answers_another_prompt_is_refused(template_db, tmp_path):
    with _fresh(template_db, tmp_path / "a") as original:
        made = _practise(original)
        doc = json.loads(_export(original, tmp_path / "file.json"))
    # The attempt at prompt q now claims draft "Long", which answers prompt p.
    attempt = next(a for a in doc["practice_attempts"] if a["prompt_id"] == made["q"].id)
    attempt["draft_id"] = made["a"].id
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with _fresh(template_db, tmp_path / "b") as other:
        with pytest.raises(
            ValidationError,
            match=rf"practice_attempts\[2\] \(id {attempt['id']}\): draft_id {made['a'].id} "
            rf"answers prompt {made['p'].id}, not the attempt's prompt {made['q'].id}\.",
        ):
            import_journal(other, bad)
        assert prep.list_attempts(other) == [] and entries.count_entries(other) == 0


@pytest.mark.parametrize("prompts_in_file", [False, True])
@pytest.mark.parametrize("same_prompt", [True, False])
def test_an_attempt_at_the_journals_draft_must_answer_the_same_prompt(
    template_db, tmp_path, same_prompt, prompts_in_file
):
    """A file without drafts (written by hand, or cut down) may name the journal's drafts by
    the journal's ids: the draft must answer the attempt's prompt, whether the file names that
    prompt by the journal's id (no prompts in the file) or has it (matched by its key)."""
    with _fresh(template_db, tmp_path / "a") as original:
        made = _practise(original)
        doc = json.loads(_export(original, tmp_path / "file.json"))
    with _fresh(template_db, tmp_path / "b") as other:
        library = prompts.list_prompts(other)
        p, q = library[10], library[11]
        mine = prep.create_draft(other, p.id, "Mine", "## Situation\n\nA night on call.")
        attempt = next(a for a in doc["practice_attempts"] if a["prompt_id"] == made["q"].id)
        attempt.update(prompt_id=p.id if same_prompt else q.id, draft_id=mine.id)
        doc.update(entries=[], answer_drafts=[], prompt_schedules=[], practice_attempts=[attempt])
        if not prompts_in_file:
            doc["prompts"] = []
        cut = tmp_path / "cut.json"
        cut.write_text(json.dumps(doc), encoding="utf-8")
        if same_prompt:
            import_journal(other, cut)
            assert [(a.prompt_id, a.draft_id) for a in prep.list_attempts(other)] == [
                (p.id, mine.id)
            ]
            return
        with pytest.raises(
            ValidationError,
            match=rf"practice_attempts\[0\] \(id {attempt['id']}\): draft_id {mine.id} "
            rf"answers prompt {p.id}, not the attempt's prompt {q.id}",
        ):
            import_journal(other, cut)
        assert prep.list_attempts(other) == []
        assert prompts.list_prompts(other) == library  # nothing else was written either


def test_a_schedule_whose_due_is_not_its_cards_is_refused(template_db, tmp_path):
    with _fresh(template_db, tmp_path / "a") as original:
        _practise(original)
        doc = json.loads(_export(original, tmp_path / "file.json"))
    sched = doc["prompt_schedules"][0]
    sched["due"] = (datetime.fromisoformat(sched["due"]) + timedelta(days=3)).isoformat()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with _fresh(template_db, tmp_path / "b") as other:
        with pytest.raises(ImportFileError, match=r"prompt_schedules\[0\].*is not the card's due"):
            import_journal(other, bad)
        assert prep.list_attempts(other) == []


@pytest.mark.parametrize("zone", ["ist", "naive"])
def test_a_card_with_times_in_another_zone_still_schedules(template_db, tmp_path, zone):
    """A hand-edited file may carry card times with another offset or none; practice works."""
    with _fresh(template_db, tmp_path / "a") as original:
        made = _practise(original)
        doc = json.loads(_export(original, tmp_path / "file.json"))
    for sched in doc["prompt_schedules"]:
        card = sched["card"]
        for key in ("due", "last_review"):
            moment = datetime.fromisoformat(card[key])
            if zone == "naive":
                card[key] = moment.replace(tzinfo=None).isoformat()
            else:
                card[key] = moment.astimezone(timezone_ist()).isoformat()
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    with _fresh(template_db, tmp_path / "b") as other:
        import_journal(other, edited)
        result = prep.record_attempt(other, made["p"].id, 3, 60, at=T0 + timedelta(days=9))
        assert result.schedule.due > T0 + timedelta(days=9)
        assert result.schedule.due.utcoffset() == timedelta(0)


def timezone_ist():
    from datetime import timezone

    return timezone(timedelta(hours=5, minutes=30))


_plan = st.lists(
    st.tuples(
        st.integers(0, 4),  # which prompt
        st.sampled_from(["draft", "practise", "rate", "delete"]),
        st.integers(1, 4),  # rating
        st.integers(0, 60 * 24 * 40),  # minutes later
        st.text(max_size=20),  # a note or a draft body
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=_plan)
def test_any_practice_history_round_trips(template_db, tmp_path, plan):
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    with _fresh(template_db, work / "a") as original:
        ids = [p.id for p in prompts.list_prompts(original)[:5]]
        at = T0
        for which, action, rating, minutes, text in plan:
            pid = ids[which]
            at += timedelta(minutes=minutes)
            drafts = prep.list_drafts(original, pid)
            if action == "draft" or (action == "practise" and not drafts):
                prep.create_draft(original, pid, body=text)
            elif action == "practise":
                prep.set_practice_draft(original, drafts[rating % len(drafts)].id)
            elif action == "delete" and drafts:
                prep.delete_draft(original, drafts[0].id)
            else:
                draft = prep.practice_draft(original, pid)
                prep.record_attempt(
                    original, pid, rating, minutes % 300, text, draft.id if draft else None, at=at
                )
        first = _export(original, work / "first.json")
    with _fresh(template_db, work / "b") as copy:
        import_journal(copy, work / "first.json")
        assert _export(copy, work / "second.json") == first
