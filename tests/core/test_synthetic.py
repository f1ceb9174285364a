"""The benchmark's synthetic journal: deterministic, valid for the real import, invented only."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from benchmarks import synthetic
from imgjournal.db import Journal
from imgjournal.deid import scan
from imgjournal.domain import AgeBand, CaseRole, ExperienceKind, GiverRole, Setting, Sex

N = 200


@pytest.fixture(scope="module")
def doc() -> dict:
    return synthetic.generate(N, seed=11)


def test_same_seed_same_document_other_seed_other_document() -> None:
    a = synthetic.dumps(synthetic.generate(N, seed=3))
    assert a == synthetic.dumps(synthetic.generate(N, seed=3))
    assert a != synthetic.dumps(synthetic.generate(N, seed=4))


def test_the_other_formats_are_deterministic_too(doc: dict, tmp_path: Path) -> None:
    for run in ("a", "b"):
        synthetic.write_jrnl(doc, tmp_path / run / "journal.txt")
        synthetic.write_markdown(doc, tmp_path / run / "md", limit=50)
    assert (tmp_path / "a/journal.txt").read_bytes() == (tmp_path / "b/journal.txt").read_bytes()
    names = sorted(p.name for p in (tmp_path / "a/md").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b/md").iterdir())
    for name in names:
        assert (tmp_path / "a/md" / name).read_bytes() == (tmp_path / "b/md" / name).read_bytes()


def test_all_three_kinds_with_their_fields(doc: dict) -> None:
    entries = doc["entries"]
    assert len(entries) == N
    by_kind = {
        k: [e for e in entries if e["kind"] == k] for k in ("case", "feedback", "reflection")
    }
    assert all(len(v) > N // 10 for v in by_kind.values()), {k: len(v) for k, v in by_kind.items()}
    for e in by_kind["case"]:
        c = e["case"]
        assert c["setting"] in Setting.values()
        assert c["age_band"] in AgeBand.values()
        assert c["sex"] in Sex.values()
        assert c["role"] in CaseRole.values()
        assert c["chief_complaint"] and c["diagnoses"]
        assert "feedback" not in e
    assert any(e["case"]["situation"] and e["case"]["lesson"] for e in by_kind["case"])
    for e in by_kind["feedback"]:
        f = e["feedback"]
        assert f["giver_name"] and f["words"]
        assert f["giver_role"] in GiverRole.values()
        assert f["feedback_kind"] in ("praise", "constructive")
        assert "case" not in e
    assert {e["feedback"]["feedback_kind"] for e in by_kind["feedback"]} == {
        "praise",
        "constructive",
    }
    for e in by_kind["reflection"]:
        assert "case" not in e and "feedback" not in e
        assert e["body"].count("\n\n") >= 1  # a few paragraphs


def test_references_dates_and_tags_hold_together(doc: dict) -> None:
    experiences = {x["id"]: x for x in doc["experiences"]}
    assert 20 <= len(experiences) <= 60
    assert {x["kind"] for x in experiences.values()} <= set(ExperienceKind.values())
    assert [p["id"] for p in doc["prompts"]] == list(range(1, 52))
    ids = [e["id"] for e in doc["entries"]]
    assert ids == list(range(1, N + 1))
    days = [e["date"] for e in doc["entries"]]
    assert days == sorted(days), "ids follow the order of writing"
    used_tags = set()
    for e in doc["entries"]:
        assert set(e["prompt_ids"]) <= set(range(1, 52))
        assert len(e["title"]) <= 200 and e["title"].strip()
        used_tags.update(e["tags"])
        x = experiences.get(e["experience_id"])
        if x is not None:
            day = date.fromisoformat(e["date"])
            assert date.fromisoformat(x["start_date"]) <= day
            assert x["end_date"] is None or day <= date.fromisoformat(x["end_date"])
    assert sorted(used_tags) == doc["tags"]
    drafts = doc["answer_drafts"]
    assert drafts and [d["id"] for d in drafts] == list(range(1, len(drafts) + 1))
    assert {d["prompt_id"] for d in drafts} <= set(range(1, 52))
    assert all(d["body"].startswith("## Situation") and "## Lesson" in d["body"] for d in drafts)
    practice = [d["prompt_id"] for d in drafts if d["is_practice"]]
    assert len(practice) == len(set(practice)) == len({d["prompt_id"] for d in drafts})
    assert any(e["prompt_ids"] for e in doc["entries"])
    assert any(e["experience_id"] is None for e in synthetic.generate(2000)["entries"])


def test_no_text_looks_like_a_patient_identifier(doc: dict) -> None:
    # The synthetic journal names its (invented) supervisors on purpose: staff names are
    # identifiers the checker reports, so only the other kinds must be absent.
    for e in doc["entries"]:
        text = e["title"] + "\n" + synthetic.entry_markdown(e)
        found = [f for f in scan(text) if f.kind != "name"]
        assert found == [], (e["id"], found)


@pytest.mark.parametrize("chunk", [None, 64])  # 64: the entries go in chunk by chunk
def test_the_real_import_accepts_it_and_exports_the_same_file(
    doc: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int | None
) -> None:
    from imgjournal.export import json_io
    from imgjournal.export.json_io import export_journal, import_journal

    monkeypatch.setattr(json_io, "IMPORT_CHUNK", chunk)
    source = synthetic.write_json(doc, tmp_path / "synthetic.json")
    with Journal.open(tmp_path / "journal") as journal:
        summary = import_journal(journal, source)
        assert summary.entries == N
        export_journal(journal, tmp_path / "export.json")
    # The generator writes exactly what imgjournal would export for this journal.
    assert (tmp_path / "export.json").read_text("utf-8") == source.read_text("utf-8")


# jrnl 4 trips a Python 3.13 deprecation warning of its own when imported.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_jrnl_file_has_every_live_entry(doc: dict, tmp_path: Path) -> None:
    path = synthetic.write_jrnl(doc, tmp_path / "journal.txt")
    text = path.read_text("utf-8")
    live = [e for e in doc["entries"] if not e["deleted_at"]]
    headers = re.findall(r"^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\] (.*)$", text, re.M)
    assert [title for _, title in headers] == [e["title"] for e in live]
    try:
        from jrnl.journals.Journal import Journal as JrnlJournal
    except ImportError:
        return  # jrnl is a bench extra; the format check above still ran
    parsed = JrnlJournal("default", timeformat=synthetic.JRNL_TIMEFORMAT, tagsymbols="@")._parse(
        text
    )
    assert len(parsed) == len(live)
    assert parsed[0].title == live[0]["title"]


def test_markdown_notes_have_front_matter_or_a_title(doc: dict, tmp_path: Path) -> None:
    paths = synthetic.write_markdown(doc, tmp_path / "md", limit=100)
    assert len(paths) == 100 and len({p.name.lower() for p in paths}) == 100
    styles = {"front matter": 0, "tags only": 0, "none": 0}
    for p in paths:
        text = p.read_text("utf-8")
        if text.startswith("---\n"):
            meta = yaml.safe_load(text.split("---\n", 2)[1])
            styles["front matter" if "title" in meta else "tags only"] += 1
            if "title" in meta:
                assert isinstance(meta["date"], date)
        else:
            styles["none"] += 1
            assert text.startswith("# ")
    assert all(styles.values()), styles


def test_the_real_markdown_import_takes_every_note(doc: dict, tmp_path: Path) -> None:
    from imgjournal.export.markdown_import import import_markdown

    paths = synthetic.write_markdown(doc, tmp_path / "md", limit=100)
    with Journal.open(tmp_path / "journal") as journal:
        report = import_markdown(journal, tmp_path / "md")
        days = [d for (d,) in journal.raw().execute("SELECT entry_date FROM entries")]
    assert report.imported == len(paths) and not report.skipped, report.skipped[:3]
    # Every note keeps a date of the journal's years, front matter or not (file times).
    assert all("2019-07-01" <= d <= "2026-12-31" for d in days), sorted(days)[-3:]


def test_stale_benchmark_caches_are_found_and_current_ones_kept(tmp_path):
    from benchmarks import data
    from imgjournal.migrations import HEAD

    gen = synthetic.GENERATOR_VERSION
    names = [
        f"g{gen}-n50000-s1-schema{HEAD}",  # current
        f"g{gen}-n2000-s7-schema{HEAD}",  # current, another size and seed
        f"g{gen}-n50000-s1-schema0001",  # an old schema
        f"g{gen - 1}-n50000-s1-schema{HEAD}",  # an old generator
        "notes",  # not a cache folder
    ]
    for name in names:
        (tmp_path / name).mkdir()
    assert [p.name for p in data.stale_folders(tmp_path)] == sorted(names[2:4])
    assert data.stale_folders(tmp_path / "missing") == []


def test_building_a_benchmark_cache_removes_the_stale_ones(tmp_path, capsys):
    """make bench prunes: a data set it builds removes the folders no run can use again (an
    older generator or schema), and keeps the current ones of other sizes and seeds."""
    from benchmarks import data
    from imgjournal.migrations import HEAD

    gen = synthetic.GENERATOR_VERSION
    keep = [f"g{gen}-n2000-s7-schema{HEAD}", "notes"]
    stale = [f"g{gen}-n40-s1-schema0001", f"g{gen - 1}-n40-s1-schema{HEAD}"]
    for name in keep + stale:
        (tmp_path / name).mkdir()
        (tmp_path / name / "journal.json").write_text("{}", encoding="utf-8")
    ds = data.prepare(40, 1, markdown_files=5, root=tmp_path)
    assert (ds.folder / data.READY).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*keep, ds.folder.name])
    assert capsys.readouterr().err.count("bench: removing ") == 2
    # Using the cached set again builds nothing and removes nothing.
    again = data.prepare(40, 1, markdown_files=5, root=tmp_path)
    assert again.build_info == ds.build_info
    assert "bench: removing" not in capsys.readouterr().err
