"""The identifier checker (issue 13): recall per kind and clean notes flagged on the labelled
corpus, time per 2,000-word entry, and the memory the loaded checker holds.

The corpus is tests/deid_corpus/corpus.jsonl (600 invented notes, half clean with look-alikes;
tests/deid_corpus/generate.py makes it). The 2,000-word entry is the corpus's first notes run
together, dirty and clean alternating, so it holds about a hundred identifiers: a harder entry
than most. Memory is the growth of the resident set of a fresh interpreter over its first scan.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time

from benchmarks import data
from benchmarks.harness import Context, Row

PATTERN_KINDS = frozenset(
    [
        "date",
        "age",
        "phone",
        "fax",
        "email",
        "ssn",
        "record",
        "plan",
        "account",
        "licence",
        "vehicle",
        "device",
        "url",
        "ip",
        "address",
        "zip",
    ]
)
_MEMORY_PROBE = """
import gc
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
import imgjournal.deid as deid
before = rss()
deid.scan("Mr. Okafor called 216-555-0143 on 3/14; lives in Dayton, OH 45402.")
gc.collect()
print(rss() - before)
"""


def _corpus():
    path = data.ROOT / "tests" / "deid_corpus" / "generate.py"
    spec = importlib.util.spec_from_file_location("deid_corpus_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entry(notes: list[dict], words: int = 2000) -> str:
    parts, n = [], 0
    for note in notes:
        parts.append(note["text"])
        n += len(note["text"].split())
        if n >= words:
            break
    return "\n\n".join(parts)


def run(ctx: Context) -> list[Row]:
    from imgjournal.deid import scan

    corpus = _corpus()
    notes = corpus.load()
    t0 = time.perf_counter()
    scan("warm up")
    load_s = time.perf_counter() - t0
    recall, flagged = corpus.measure(notes, scan)
    rows = [
        Row.at_least(
            f"deid recall: {kind}", 0.95 if kind in PATTERN_KINDS else 0.70, round(r, 3), ""
        )
        for kind, r in recall.items()
    ]
    rows.append(Row.at_most("deid: clean notes flagged", 5, round(flagged * 100, 2), "%"))
    entry = _entry(notes)
    samples = []
    for _ in range(5 if ctx.quick else 30):
        t = time.perf_counter()
        scan(entry)
        samples.append((time.perf_counter() - t) * 1000)
    rows.append(
        Row.at_most(
            "deid: one 2,000-word entry",
            20,
            round(statistics.median(samples), 2),
            "ms",
            f"{len(entry.split())} words, {len(scan(entry))} findings",
        )
    )
    probe = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE], capture_output=True, text=True, cwd=data.ROOT
    )
    if probe.returncode == 0:
        rows.append(Row.at_most("deid: memory held", 60, round(float(probe.stdout), 1), "MB"))
    else:
        rows.append(Row.missing("deid: memory held", "≤ 60 MB", probe.stderr.strip()[-200:]))
    rows.append(Row.info("deid: first scan (loads the data)", round(load_s * 1000), "ms"))
    return rows
