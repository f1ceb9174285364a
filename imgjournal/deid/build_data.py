"""Builds the checker's shipped data files in imgjournal/deid/data/ (a developer tool).

Run it when a source list changes, with the build-time sources on the path:

    pip install --target /tmp/buildlibs faker names zipcodes  # the deid-data extra
    apt-get install wamerican-small                        # /usr/share/dict/american-english-small
    PYTHONPATH=/tmp/buildlibs:. python -m imgjournal.deid.build_data

It ends by writing data/lexicon.pickle, the built lists that load faster (see data.py); after a
change to vocab.py or to how data.py builds the lists, remake only that copy (no sources needed):

    python -m imgjournal.deid.build_data --cache

Sources and licences (see docs/privacy.md):
- ``names`` (MIT) ships the US Census 1990 first-name and surname frequency lists (public domain);
- ``faker`` (MIT) carries locale name lists (Latin-script locales are taken);
- SCOWL ``wamerican-small`` (permissive, notice kept in data/NOTICE) gives common English words;
  faker's English lorem list (MIT) the thousand most common ones;
- ``zipcodes`` (MIT) gives the US ZIP codes and the city and county names per ZIP code.
"""

from __future__ import annotations

import gzip
import importlib
import pickle
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).with_name("data")
SURNAMES_KEPT = 60_000  # the Census surname list by rank: the top 60k cover ~89 % of people
_LATIN = re.compile(r"^[a-z][a-z'\-]+$")


_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def _fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower().strip()
    return name.translate(_LETTERS)


def _census(file: str, limit: int | None = None) -> list[str]:
    import names

    path = Path(names.__file__).with_name(file)
    rows = [line.split()[0].lower() for line in path.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def _faker(attr: str) -> set[str]:
    """Every locale's names that are written in Latin letters (accents folded)."""
    import faker.providers.person as person

    locales = sorted(p.name for p in Path(person.__file__).parent.iterdir() if p.is_dir())
    out: set[str] = set()
    for loc in locales:
        if loc.startswith("_"):
            continue
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        for a in attr.split():
            seq = getattr(mod.Provider, a, ())
            if not isinstance(seq, list | tuple | dict):
                continue
            for n in seq:
                for part in re.split(r"[\s]+", str(n)):
                    f = _fold(part)
                    if _LATIN.match(f) and len(f) > 1:
                        out.add(f)
    return out


def _write(name: str, lines: set[str] | list[str]) -> None:
    body = "\n".join(sorted(set(lines))) + "\n"
    with open(DATA / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(body.encode("utf-8"))
    print(f"{name}: {len(set(lines))} lines")


def main() -> None:
    DATA.mkdir(exist_ok=True)
    first = set(_census("dist.male.first") + _census("dist.female.first"))
    first |= _faker("first_names first_names_male first_names_female first_romanized_names")
    last = set(_census("dist.all.last", SURNAMES_KEPT))
    last |= _faker("last_names last_romanized_names")
    _write("first.txt.gz", first)
    _write("last.txt.gz", last)

    words = Path("/usr/share/dict/american-english-small").read_text(encoding="utf-8").split()
    common = {w.lower() for w in words if w.islower() and not w.endswith("'s")}
    _write("words.txt.gz", common)
    from faker.providers.lorem.en_US import Provider as Lorem

    _write("top-words.txt.gz", {w.lower() for w in Lorem.word_list})

    import zipcodes

    places: set[str] = set()
    all_zips = zipcodes.filter_by()
    _write("zips.txt.gz", {z["zip_code"] for z in all_zips})
    for z in all_zips:
        state = z["state"]
        for city in [z["city"], *z.get("acceptable_cities", [])]:
            places.add(f"{city.strip()}|{state}")
        if z.get("county"):
            places.add(f"{z['county'].strip()}|{state}")
    _write("places.txt.gz", places)


def write_cache() -> None:
    """data/lexicon.pickle from the data files and vocab.py as they are now."""
    from imgjournal.deid import data

    form = data.cached_form(data._build())
    with open(data.CACHE, "wb") as f:
        pickle.dump(form, f, protocol=5)
    print(f"{data.CACHE.name}: {data.CACHE.stat().st_size} bytes")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--cache"]:
        main()
    write_cache()
