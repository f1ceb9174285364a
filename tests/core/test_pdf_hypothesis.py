"""Any text a user can type goes through every sheet without an exception.

Hypothesis writes titles, names, Markdown bodies, STAR-L fields and feedback with arbitrary
Unicode (emoji, control characters, lone surrogates, right-to-left text) mixed with Markdown
and HTML syntax; every sheet must build a readable PDF from them.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from imgjournal.export.pdf import SheetOptions, build_sheet
from imgjournal.services.dto import CaseFields, FeedbackFields
from imgjournal.services.entries import create_entry
from imgjournal.services.experiences import create_experience
from imgjournal.services.journals import open_journal

SYNTAX = [
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "```",
    "    ",
    "|",
    "---",
    "*",
    "**",
    "_",
    "`",
    "[",
    "](",
    "<b>",
    "</b>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#1234;",
    "<!--",
    "-->",
    "\\",
    "\n",
    "\n\n",
    "\t",
    "\x00",
    "\x02",
    "\x03",
    "\ud800",
    "🩺",
    "👩🏽‍⚕️",
    "漢",
    "مرحبا",
    "Nguyễn",
    "e\u0301",
    "https://x.org/?a=1&b=2",
    "<https://y.org>",
    "![alt](img.png)",
    "<br>",
    "  \n",
]

typed = st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=30)), max_size=25).map("".join)
# SQLite stores UTF-8, so a lone surrogate never reaches the journal; options may carry one.
text = typed.map(lambda t: "".join(c for c in t if not 0xD800 <= ord(c) <= 0xDFFF))
# The services turn control characters in a title into spaces and refuse a title that is then
# empty (validate.title): such a title never reaches a sheet.
title = text.map(lambda t: t[:150]).filter(lambda t: any(c >= " " and not c.isspace() for c in t))


@st.composite
def journals(draw: st.DrawFn) -> dict[str, object]:
    return {
        "title": draw(title),
        "body": draw(text),
        "star": [draw(text) for _ in range(5)],
        "complaint": draw(text),
        "giver": draw(text),
        "words": draw(text),
        "notes": draw(text),
        "name": draw(typed)[:100],
        "hopes": draw(typed),
    }


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(journals())
def test_every_sheet_survives_any_text(data: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_journal(Path(tmp) / "j") as journal:
        x = create_experience(
            journal,
            "rotation",
            data["title"],  # type: ignore[arg-type]
            date(2026, 1, 5),
            supervisor=str(data["giver"])[:150],
            notes=data["notes"],  # type: ignore[arg-type]
        )
        s, t, a, r, lesson = data["star"]  # type: ignore[misc]
        for kind, extra in (
            (
                "case",
                {
                    "case": CaseFields(
                        chief_complaint=data["complaint"],  # type: ignore[arg-type]
                        diagnoses=(str(data["words"])[:50],),
                        procedures=(str(data["complaint"])[:50],),
                        role="presented",
                        situation=s,
                        task=t,
                        action=a,
                        result=r,
                        lesson=lesson,
                    )
                },
            ),
            (
                "feedback",
                {
                    "feedback": FeedbackFields(
                        giver_name=str(data["giver"])[:150],
                        feedback_kind="praise",
                        words=data["words"],  # type: ignore[arg-type]
                    )
                },
            ),
            ("reflection", {}),
        ):
            create_entry(
                journal,
                kind,
                data["title"],  # type: ignore[arg-type]
                entry_date=date(2026, 1, 6),
                body=data["body"],  # type: ignore[arg-type]
                experience_id=x.id,
                prompt_ids=[1, 11],
                tags=[str(data["title"])[:20]],
                **extra,  # type: ignore[arg-type]
            )
        name = str(data["name"])
        for sheet, options in (
            ("study", SheetOptions(name=name)),
            ("cheatsheet", SheetOptions(name=name)),
            ("rotation", SheetOptions(experience_id=x.id, name=name)),
            ("bragsheet", SheetOptions(experience_id=x.id, hopes=str(data["hopes"]))),
            ("journal", SheetOptions(paper="letter", name=name)),
        ):
            out = Path(tmp) / f"{sheet}.pdf"
            result = build_sheet(journal, sheet, out, options)
            reader = PdfReader(out)
            assert len(reader.pages) == result.pages >= 1
            reader.pages[-1].extract_text()
