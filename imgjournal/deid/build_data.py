"""Builds the checker's shipped data files in imgjournal/deid/data/ (a developer tool).

Run it when a source list changes, with the build-time sources on the path:

    pip install --target /tmp/buildlibs faker names zipcodes  # the deid-data extra
    apt-get install wamerican-small                        # /usr/share/dict/american-english-small
    PYTHONPATH=/tmp/buildlibs:. python -m imgjournal.deid.build_data

Sources and licences (see docs/privacy.md):
- ``names`` (MIT) ships the US Census 1990 first-name and surname frequency lists (public domain);
- ``faker`` (MIT) carries locale name lists (Latin-script locales are taken);
- SCOWL ``wamerican-small`` (permissive, notice kept in data/NOTICE) gives common English words;
- ``zipcodes`` (MIT) gives the US ZIP codes and the city and county names per ZIP code.
"""

from __future__ import annotations

import gzip
import importlib
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).with_name("data")
SURNAMES_KEPT = 60_000  # the Census surname list by rank: the top 60k cover ~89 % of people
_LATIN = re.compile(r"^[a-z][a-z'\-]+$")
_LOCALES = (
    "en_US en_GB en_IE en_IN en_NG en_PK en_KE en_NZ es_MX es_ES es_CO es_AR es_CL pt_BR pt_PT "
    "fr_FR it_IT de_DE nl_NL pl_PL ro_RO tr_TR vi_VN id_ID tl_PH fil_PH sw yo_NG ig_NG ha_NG "
    "zu_ZA tw_GH fi_FI sv_SE no_NO da_DK cs_CZ sk_SK hr_HR sl_SI hu_HU lt_LT lv_LV et_EE az_AZ "
    "uz_UZ ga_IE"
)


def _fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    return "".join(c for c in name if not unicodedata.combining(c)).lower().strip()


def _census(file: str, limit: int | None = None) -> list[str]:
    import names

    path = Path(names.__file__).with_name(file)
    rows = [line.split()[0].lower() for line in path.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def _faker(attr: str) -> set[str]:
    out: set[str] = set()
    for loc in _LOCALES.split():
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
    first |= _faker("first_names first_names_male first_names_female")
    last = set(_census("dist.all.last", SURNAMES_KEPT))
    last |= _faker("last_names")
    _write("first.txt.gz", first)
    _write("last.txt.gz", last)

    words = Path("/usr/share/dict/american-english-small").read_text(encoding="utf-8").split()
    common = {w.lower() for w in words if w.islower() and not w.endswith("'s")}
    _write("words.txt.gz", common)

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


if __name__ == "__main__":
    main()
