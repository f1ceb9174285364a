"""The benchmark data set, built once and cached under ./bench-data/ (gitignored).

A cache folder is keyed by the generator version, the number of entries, the seed and the
journal schema revision, so a change to any of them builds a new one. It holds the export
document (``journal.json``), the same entries as a jrnl file and as Markdown notes, and the
journal itself (``home/``), built with the real ``imgjournal import``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import synthetic

ROOT = Path(__file__).resolve().parent.parent
CACHE_ROOT = ROOT / "bench-data"
READY = "READY.json"


@dataclass(frozen=True)
class DataSet:
    folder: Path
    export_file: Path
    jrnl_file: Path
    markdown_dir: Path
    home: Path
    build_info: dict[str, Any]


def cache_key(entries: int, seed: int) -> str:
    from imgjournal.migrations import HEAD

    return f"g{synthetic.GENERATOR_VERSION}-n{entries}-s{seed}-schema{HEAD}"


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def prepare(
    entries: int = synthetic.DEFAULT_ENTRIES,
    seed: int = synthetic.DEFAULT_SEED,
    *,
    markdown_files: int = synthetic.DEFAULT_MARKDOWN_FILES,
    rebuild: bool = False,
    root: Path = CACHE_ROOT,
) -> DataSet:
    """The cached data set for ``(entries, seed)``, built first if missing or incomplete."""
    folder = root / cache_key(entries, seed)
    ds = DataSet(
        folder=folder,
        export_file=folder / "journal.json",
        jrnl_file=folder / "journal.jrnl.txt",
        markdown_dir=folder / "markdown",
        home=folder / "home",
        build_info={},
    )
    ready = folder / READY
    if ready.exists() and not rebuild:
        info = json.loads(ready.read_text(encoding="utf-8"))
        return DataSet(**{**ds.__dict__, "build_info": info})
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)

    info: dict[str, Any] = {"entries": entries, "seed": seed, "key": folder.name}
    _log(f"bench: generating {entries:,} entries (seed {seed}) in {folder} ...")
    t0 = time.perf_counter()
    doc = synthetic.generate(entries, seed)
    info["generate_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    synthetic.write_json(doc, ds.export_file)
    synthetic.write_jrnl(doc, ds.jrnl_file)
    synthetic.write_markdown(doc, ds.markdown_dir, min(markdown_files, entries))
    info["write_files_s"] = round(time.perf_counter() - t0, 2)
    _log(
        f"bench: generated in {info['generate_s']} s, files written in {info['write_files_s']} s;"
        " building the journal ..."
    )
    t0 = time.perf_counter()
    info["loaded_with"] = load_journal(ds.home, ds.export_file, doc)
    info["build_journal_s"] = round(time.perf_counter() - t0, 2)
    _log(f"bench: journal built in {info['build_journal_s']} s ({info['loaded_with']})")
    ready.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    for stale in stale_folders(root):
        _log(f"bench: removing {stale.name} (an older generator or schema; never used again)")
        shutil.rmtree(stale, ignore_errors=True)
    return DataSet(**{**ds.__dict__, "build_info": info})


_KEY = re.compile(r"g(?P<gen>\d+)-n\d+-s\d+-schema(?P<schema>\w+)")


def stale_folders(root: Path = CACHE_ROOT) -> list[Path]:
    """Cache folders that no run can use again: another generator version or schema revision.

    Each is about 300 MB at 50,000 entries. Folders of other sizes or seeds are kept (a
    developer's ``--entries 2000`` set stays warm); anything not named like a cache is left
    alone.
    """
    from imgjournal.migrations import HEAD

    stale = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        m = _KEY.fullmatch(folder.name)
        current = m is not None and (int(m["gen"]), m["schema"]) == (
            synthetic.GENERATOR_VERSION,
            HEAD,
        )
        if m is not None and not current and folder.is_dir():
            stale.append(folder)
    return stale


def load_journal(home: Path, export_file: Path, doc: dict[str, Any] | None = None) -> str:
    """Fill the empty journal at ``home`` from ``export_file``; says how it was loaded."""
    from imgjournal.db import Journal

    try:
        from imgjournal.export.json_io import import_journal
    except ImportError:
        import_journal = None
    with Journal.open(home) as journal:
        if import_journal is not None:
            import_journal(journal, export_file)
            return "imgjournal.export.json_io.import_journal"
        if doc is None:
            doc = json.loads(export_file.read_text(encoding="utf-8"))
        _bulk_load(journal, doc)
        return "bulk insert (json_io.import_journal not available yet)"


def _bulk_load(journal: Any, doc: dict[str, Any]) -> None:
    """Stand-in for the real import while it is being written: SQLAlchemy Core bulk inserts."""
    from datetime import date, datetime

    from sqlalchemy import insert, select

    from imgjournal.models import Entry, Experience, Tag, entry_prompts, entry_tags

    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    def stamp(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    xp_rows = [
        {
            **{k: v for k, v in x.items() if k not in ("start_date", "end_date")},
            "start_date": day(x["start_date"]),
            "end_date": day(x["end_date"]),
            "created_at": stamp(x["created_at"]),
            "updated_at": stamp(x["updated_at"]),
        }
        for x in doc["experiences"]
    ]
    entry_rows, prompt_links, tag_links = [], [], []
    for e in doc["entries"]:
        row: dict[str, Any] = {c.name: None for c in Entry.__table__.columns}
        row.update(
            id=e["id"],
            kind=e["kind"],
            entry_date=day(e["date"]),
            title=e["title"],
            body=e["body"],
            experience_id=e["experience_id"],
            created_at=stamp(e["created_at"]),
            updated_at=stamp(e["updated_at"]),
            deleted_at=stamp(e["deleted_at"]),
        )
        case = e.get("case")
        if case:
            row.update(
                setting=case["setting"],
                age_band=case["age_band"],
                sex=case["sex"],
                chief_complaint=case["chief_complaint"],
                diagnoses="\n".join(case["diagnoses"]),
                procedures="\n".join(case["procedures"]),
                role=case["role"],
                star_situation=case["situation"],
                star_task=case["task"],
                star_action=case["action"],
                star_result=case["result"],
                star_lesson=case["lesson"],
            )
        fb = e.get("feedback")
        if fb:
            row.update(
                giver_name=fb["giver_name"],
                giver_role=fb["giver_role"],
                feedback_kind=fb["feedback_kind"],
                words=fb["words"],
                action_items=fb["action_items"],
                followed_up=fb["followed_up"],
            )
        entry_rows.append(row)
        prompt_links += [{"entry_id": e["id"], "prompt_id": p} for p in e["prompt_ids"]]
        tag_links += [(e["id"], t) for t in e["tags"]]
    with journal.engine.begin() as conn:
        conn.execute(insert(Experience.__table__), xp_rows)
        conn.execute(insert(Tag.__table__), [{"name": t} for t in doc["tags"]])
        tag_ids = dict(conn.execute(select(Tag.name, Tag.id)).tuples())
        for start in range(0, len(entry_rows), 5000):
            conn.execute(insert(Entry.__table__), entry_rows[start : start + 5000])
        if prompt_links:
            conn.execute(insert(entry_prompts), prompt_links)
        if tag_links:
            conn.execute(
                insert(entry_tags), [{"entry_id": i, "tag_id": tag_ids[t]} for i, t in tag_links]
            )
