"""Write ``expected_findings.jsonl``: what the checker finds in the invented texts of
``expected_texts()`` (the labelled corpus, each note also in lower case, upper case, on one
line and one word a line, and the texts of the sample journal). ``test_deid_findings.py``
holds the checker to it, so a change made for speed cannot change what is found.

Run it only when what the checker finds changes on purpose (then the corpus tests say how
well it does): ``python -m tests.deid_corpus.make_expected``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
EXPECTED = HERE / "expected_findings.jsonl"


def _strings(node: Any, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for value in node.values():
            _strings(value, out)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out)


# Invented sentences for the checker's shortcuts (each is one a faster path must not lose):
# a "Surname, First" whose surname is in no list, a place that starts with a small word, an
# IPv6 address, ages after other digits, numbers behind cues, phone numbers in other digits.
EXTRA = (
    "Spoke with Qwertyson, Maria about the plan.",
    "Zabrinski, Chidi took the call; Okonkwo, Ada did not.",
    "She moved from the Dalles, OR last year; he lives in la Crosse, WI now.",
    "born in de Soto, MO in winter, raised in The Colony, TX",
    "The pump at fe80::1ff:fe23:4567:890a and 2001:db8::8a2e:370:7334 failed: 10:30: 11:45:",
    "Ages: 1190 units, 94yo F, a 101-year-old man, 9094 steps, x96 y/o, 119 yo",
    "MRN 88123456, acct #4455667788, SSN 123-45-6789, member id W515947892, lot 22AB3391",
    "Call ٤١٥-٥٥٥-٠١٣٤ or (415) 555-0134 ext 22, fax +44 20 7946 0958.",
    "Dr. Metformin? No: Dr. Lovelace saw Grace, then Hope Valley and Faith from Bath.",
)


def expected_texts() -> list[str]:
    texts: list[str] = list(EXTRA)
    for line in (HERE / "corpus.jsonl").read_text("utf-8").splitlines():
        if line:
            t = json.loads(line)["text"]
            texts += [t, t.lower(), t.upper(), t.replace("\n", " "), t.replace(" ", "\n")]
    sample = json.loads((ROOT / "resources" / "sample_journal.json").read_text("utf-8"))
    _strings(sample, texts)
    return [t for t in dict.fromkeys(texts) if t.strip()]


def findings(text: str) -> list[list[Any]]:
    from imgjournal.deid import scan

    return [[f.start, f.end, f.kind, f.suggestion] for f in scan(text)]


def main() -> None:
    lines = [json.dumps(findings(t), ensure_ascii=False) for t in expected_texts()]
    EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} texts, {sum(line != '[]' for line in lines)} with findings")


if __name__ == "__main__":
    main()
