"""The checker finds exactly what it found before it was made faster: every finding (span,
kind, suggestion) in the invented texts of ``tests/deid_corpus/make_expected.py`` equals the
stored ``expected_findings.jsonl``. A speed-up that skips a text it should not (a gate, a
pre-filter, a cache) changes some finding here. Invented text only."""

from __future__ import annotations

import json

from tests.deid_corpus.make_expected import EXPECTED, expected_texts, findings


def test_every_finding_is_what_it_was():
    texts = expected_texts()
    want = [json.loads(line) for line in EXPECTED.read_text("utf-8").splitlines()]
    assert len(texts) == len(want), "the corpus or the sample journal changed: see make_expected"
    changed = [(t[:80], w, g) for t, w in zip(texts, want, strict=True) if (g := findings(t)) != w]
    assert not changed, f"{len(changed)} texts changed, the first: {changed[0]}"
    assert sum(bool(w) for w in want) > 1_000  # the fixture is not empty


def test_the_fixture_covers_every_kind():
    kinds = {f[2] for line in EXPECTED.read_text("utf-8").splitlines() for f in json.loads(line)}
    from imgjournal.deid import KINDS

    assert kinds == set(KINDS)
