"""The checker's lists load from the shipped copy (data/lexicon.pickle) only where it is what
the sources build; a missing, damaged or stale copy is passed over for the sources."""

from __future__ import annotations

import pickle
import shutil

import pytest

from imgjournal.deid import data

FIELDS = ("first", "last", "words", "top", "stop", "clinical", "eponyms", "places", "zips")


def _same(a: data.Lexicon, b: data.Lexicon) -> None:
    for name in FIELDS:
        assert getattr(a, name) == getattr(b, name), name
    assert list(a.places) == list(b.places)  # the order the gazetteer's automaton is made in
    text = "moved from saint louis to new york, then fort worth"
    assert list(a.automaton.iter(text)) == list(b.automaton.iter(text))


@pytest.fixture(scope="module")
def built() -> data.Lexicon:
    return data._build()


def test_the_shipped_copy_is_what_the_sources_build(built):
    saved = pickle.loads(data.CACHE.read_bytes())
    assert saved["fingerprint"] == data.fingerprint(), (
        "data/lexicon.pickle was made from other sources: run "
        "`python -m imgjournal.deid.build_data --cache`"
    )
    cached = data._from_cache()
    assert cached is not None
    _same(cached, built)
    # and making it again gives the same file, byte for byte
    assert pickle.dumps(data.cached_form(built), protocol=5) == data.CACHE.read_bytes()


def test_the_lists_load_from_the_copy_without_building(monkeypatch, built):
    def no_build() -> data.Lexicon:
        raise AssertionError("built from the sources although the copy fits them")

    monkeypatch.setattr(data, "_build", no_build)
    _same(data.load(), built)


@pytest.mark.parametrize("damage", ["truncated", "zeroed", "missing", "other sources"])
def test_a_copy_that_does_not_fit_is_passed_over_for_the_sources(
    tmp_path, monkeypatch, built, damage
):
    copy = tmp_path / "lexicon.pickle"
    shutil.copyfile(data.CACHE, copy)
    raw = copy.read_bytes()
    if damage == "truncated":
        copy.write_bytes(raw[: len(raw) // 2])
    elif damage == "zeroed":
        copy.write_bytes(b"\0" * len(raw))
    elif damage == "missing":
        copy.unlink()
    else:
        saved = pickle.loads(raw)
        saved["fingerprint"] = "made from other lists"
        copy.write_bytes(pickle.dumps(saved))
    monkeypatch.setattr(data, "CACHE", copy)
    assert data._from_cache() is None
    _same(data.load(), built)
