"""The five PDF sheets, read back with pypdf: what they say, where, and on how many pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from imgjournal.db import Journal
from imgjournal.errors import JournalError, NotFoundError, ValidationError
from imgjournal.export.pdf import BuildCancelled, SheetOptions, build_sheet
from imgjournal.export.pdf.data import NothingToPrint
from imgjournal.export.pdf.fonts import PLACEHOLDER
from imgjournal.services.prompts import get_prompt
from tests.core.test_pdf_sample import ESCAPED_TITLE, NURSE, RESIDENT, Sample, make_sample

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


@pytest.fixture
def sample(journal: Journal) -> Sample:
    return make_sample(journal)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the PDFs (tmp_path also holds the journal)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def pages_text(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def text_of(path: Path) -> str:
    return " ".join(pages_text(path))


def outline_titles(path: Path) -> list[str]:
    def walk(items: list) -> list[str]:
        out = []
        for item in items:
            out += walk(item) if isinstance(item, list) else [item.title]
        return out

    return walk(PdfReader(path).outline)


# ---- the study sheet ------------------------------------------------------------------------


def test_study_sheet_has_prompts_drafts_story_points_and_contents(
    sample: Sample, out_dir: Path
) -> None:
    out = out_dir / "study.pdf"
    result = build_sheet(sample.journal, "study", out, SheetOptions(name=RESIDENT))
    pages = pages_text(out)
    assert result.pages == len(pages) > 3
    text = " ".join(pages)
    assert "Tell me about a challenging clinical experience." in text
    # The drafted answer (STAR-L of the linked case) and the story's key points.
    assert "I started the sepsis bundle and called the ICU fellow early." in text
    assert "From the case “Septic shock on the night shift, again (2)”" in text
    assert "Chief complaint Fever and confusion" in text
    assert "My role presented" in text
    assert "Lesson Escalate early; a calm, structured handover saves minutes." in text
    # Feedback: who said what.
    assert "“Commit to an assessment and plan instead of listing the differential.” — " in text
    assert f"{RESIDENT} (resident)" in text
    assert "Target 60–90 s aloud" in text
    # Escaped characters print as typed.
    assert ESCAPED_TITLE in text
    # Header with the name and "page X of Y" on every page.
    for number, page in enumerate(pages, 1):
        assert RESIDENT in page
        assert f"Page {number} of {len(pages)}" in page
    # Contents on the first page, with the page where each prompt starts.
    titles = outline_titles(out)
    assert titles[:2] == ["Contents", "Personal"]
    assert "Tell me about a mistake you made and what you learned from it." in titles
    start = next(
        i
        for i, p in enumerate(pages, 1)
        if "Tell me about a mistake you made" in p and "STORIES" in p
    )
    assert f"Tell me about a mistake you made and what you learned from it. {start}" in pages[0]
    # Streams are compressed and stored as binary, without an ASCII85 pass (smaller, quicker).
    data = out.read_bytes()
    assert b"/FlateDecode" in data and b"/ASCII85Decode" not in data


def test_study_sheet_of_a_category_and_chosen_prompts(sample: Sample, out_dir: Path) -> None:
    out = out_dir / "img.pdf"
    build_sheet(sample.journal, "study", out, SheetOptions(category="img"))
    text = text_of(out)
    assert "Can you explain the gap in your CV?" in text
    assert "Research year in Hanoi with Dr. Trần" in text
    assert "Tell me about yourself." not in text

    chosen = (sample.prompt_ids["mistake-you-made"],)
    out = out_dir / "one.pdf"
    result = build_sheet(sample.journal, "study", out, SheetOptions(prompt_ids=chosen))
    text = text_of(out)
    assert result.pages == 1
    assert "Contents" not in text  # one prompt needs no contents
    assert "Missed potassium result" in text
    assert "Septic shock" not in text


def test_study_sheet_prefers_the_practice_draft(sample: Sample, out_dir: Path) -> None:
    from imgjournal.services.prep import create_draft

    pid = sample.prompt_ids["tell-me-about-yourself"]
    create_draft(
        sample.journal,
        pid,
        "Short version",
        "<!-- keep it under two minutes -->\n## Situation\n\nI grew up in Đà Nẵng.\n\n"
        "## Lesson\n\nMedicine is a team sport.",
    )
    out = out_dir / "study.pdf"
    build_sheet(sample.journal, "study", out, SheetOptions(prompt_ids=(pid,)))
    text = text_of(out)
    assert "Your practice draft “Short version”" in text
    assert "Situation I grew up in Đà Nẵng." in text
    assert "keep it under two minutes" not in text  # a hint, not part of the answer


def test_stories_are_limited_to_the_dates_and_experience(sample: Sample, out_dir: Path) -> None:
    from datetime import date

    out = out_dir / "march.pdf"
    options = SheetOptions(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    build_sheet(sample.journal, "study", out, options)
    text = text_of(out)
    assert "stories dated from 1 Mar 2026 to 31 Mar 2026" in text
    assert "First week on nights" in text
    assert "Feedback from Dr. Sarah O'Neil" in text
    assert "Why I want internal medicine" not in text  # January

    out = out_dir / "cardio.pdf"
    build_sheet(sample.journal, "study", out, SheetOptions(experience_id=sample.cardiology.id))
    text = text_of(out)
    assert "What the observership taught me about US teams" in text
    assert "First week on nights" not in text


# ---- the cheat sheet ------------------------------------------------------------------------


def test_cheat_sheet_fits_the_sample_on_one_page(sample: Sample, out_dir: Path) -> None:
    out = out_dir / "cheat.pdf"
    result = build_sheet(sample.journal, "cheatsheet", out, SheetOptions(name=NURSE))
    assert result.pages == 1
    assert result.missing_characters == ("🩺",)  # in the nurse's words, printed in full
    assert len(result.warnings) == 1
    text = text_of(out)
    for p in ("Tell me about yourself.", "What questions do you have for us?"):
        assert p in text  # every prompt, with or without a story
    assert "no story yet" in text
    # The cue: the lesson's first sentence, in full.
    assert "· Escalate early; a calm, structured handover saves minutes." in text
    assert NURSE in text


def test_cheat_sheet_cue_is_the_hook_else_the_lessons_first_sentence_else_the_title(
    journal: Journal, out_dir: Path
) -> None:
    from imgjournal.services.dto import CaseFields
    from imgjournal.services.entries import create_entry
    from imgjournal.services.prompts import list_prompts

    pid = list_prompts(journal)[0].id
    body = "Long body text that starts the entry and must never be the cue on the sheet."
    create_entry(
        journal,
        "case",
        "Hooked case",
        body=body,
        prompt_ids=[pid],
        case=CaseFields(
            lesson="Lesson that is not shown. Second sentence.", hook="The silent MI in clinic"
        ),
    )
    create_entry(
        journal,
        "case",
        "Lesson case",
        body=body,
        prompt_ids=[pid],
        case=CaseFields(lesson="Check the trend, not the number! Then act on it."),
    )
    create_entry(journal, "case", "Bare case", body=body, prompt_ids=[pid])
    create_entry(journal, "reflection", "A reflection", body=body, prompt_ids=[pid])
    out = out_dir / "cheat.pdf"
    build_sheet(journal, "cheatsheet", out)
    text = text_of(out)
    assert "Hooked case · The silent MI in clinic" in text
    assert "Lesson that is not shown" not in text
    assert "Lesson case · Check the trend, not the number!" in text
    assert "Then act on it" not in text
    assert "– Bare case " in text and "– A reflection " in text
    assert "Long body" not in text


def test_cheat_sheet_fits_the_bundled_sample_journal(journal: Journal, out_dir: Path) -> None:
    from imgjournal.demo import load_sample

    load_sample(journal)
    result = build_sheet(journal, "cheatsheet", out_dir / "cheat.pdf")
    assert (result.pages, result.warnings) == (1, ())


def test_cheat_sheet_says_when_it_does_not_fit(sample: Sample, out_dir: Path) -> None:
    from imgjournal.services.entries import create_entry

    every = tuple(sample.prompt_ids.values())
    for i in range(12):
        create_entry(
            sample.journal, "reflection", f"Story number {i} about teamwork", prompt_ids=every
        )
    result = build_sheet(sample.journal, "cheatsheet", out_dir / "cheat.pdf")
    assert result.pages > 1
    assert len(result.warnings) == 2  # and the 🩺 no bundled face has
    assert "does not fit on one page" in result.warnings[0]


# ---- rotation summary, brag sheet, journal ----------------------------------------------


def test_rotation_summary(sample: Sample, out_dir: Path) -> None:
    out = out_dir / "rotation.pdf"
    build_sheet(sample.journal, "rotation", out, SheetOptions(experience_id=sample.medicine.id))
    text = text_of(out)
    assert "Internal medicine sub-internship" in text
    assert "2 Mar 2026 – 27 Mar 2026 · 4 weeks" in text
    assert "Mercy General Hospital" in text
    assert "Cases seen (" in text and "Date Case Setting Patient Diagnoses My role" in text
    assert "Heart failure readmission" in text
    assert "Procedures" in text
    assert f"Thank you for coming back to explain the plan to the family {PLACEHOLDER}." in text
    assert "A family meeting I will remember" in text
    assert "Reflections (" in outline_titles(out)[-1]


def test_brag_sheet_for_the_supervisor(sample: Sample, out_dir: Path) -> None:
    out = out_dir / "brag.pdf"
    options = SheetOptions(experience_id=sample.medicine.id, name=NURSE)
    build_sheet(sample.journal, "bragsheet", out, options)
    text = text_of(out)
    assert "For Dr. Sarah O'Neil" in text
    assert f"From {NURSE}" in text
    assert "Cases I presented" in text
    assert "What I did I went through every pill with him and his daughter." in text
    assert "What I hope the letter covers" in text
    assert "What Dr. Sarah O'Neil (attending) noticed" in text  # suggested from praise
    # The supervisor's own feedback comes first.
    assert text.index("You followed up on every result") < text.index(RESIDENT)

    options = SheetOptions(experience_id=sample.medicine.id, hopes="My *night-float* work")
    build_sheet(sample.journal, "bragsheet", out, options)
    text = text_of(out)
    assert "My night-float work" in text
    assert "noticed" not in text


def test_full_journal_is_chronological_with_every_kind(sample: Sample, out_dir: Path) -> None:
    out = out_dir / "journal.pdf"
    result = build_sheet(sample.journal, "journal", out, SheetOptions(paper="letter"))
    text = text_of(out)
    assert "30 entries · 6 Jan 2026 to 23 Mar 2026" in text
    assert text.index("January 2026") < text.index("February 2026") < text.index("March 2026")
    assert "labs: K 2.9 < 3.5 & falling" in text  # Markdown list, escaped
    assert "Always check the trend." in text
    assert "Shared plans Consultant decides" in text  # a Markdown table
    assert "AT&T still has not fixed my phone <sigh>." in text
    assert "pH < 7.35" in text and "(https://example.org/acid-base?x=1&y=2)" in text
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    assert tuple(round(float(v), 2) for v in reader.pages[0].mediabox[2:]) == LETTER
    titles = outline_titles(out)
    assert titles[0] == "January 2026"
    assert ESCAPED_TITLE in titles


def test_paper_sizes(sample: Sample, out_dir: Path) -> None:
    for paper, size in (("a4", A4), ("letter", LETTER)):
        out = out_dir / f"{paper}.pdf"
        build_sheet(sample.journal, "cheatsheet", out, SheetOptions(paper=paper))
        box = PdfReader(out).pages[0].mediabox
        assert (round(float(box[2]), 2), round(float(box[3]), 2)) == size


def test_an_empty_journal_says_what_to_do_first_and_writes_nothing(
    journal: Journal, out_dir: Path
) -> None:
    """No 6 pages of empty prompts: a sheet with nothing of the user's is one sentence naming
    the first step. A rotation summary and brag sheet still print the experience's facts."""
    from datetime import date

    from imgjournal.services.experiences import create_experience

    x = create_experience(journal, "research", "QI project", date(2025, 5, 1))
    first_step = {
        "study": "Nothing to print yet: link a story to a prompt first (Ctrl+L in an entry).",
        "cheatsheet": "Nothing to print yet: link a story to a prompt first (Ctrl+L in an entry).",
        "journal": "Nothing to print yet: write a first entry (Ctrl+N).",
    }
    for sheet, sentence in first_step.items():
        with pytest.raises(NothingToPrint) as err:
            build_sheet(journal, sheet, out_dir / f"{sheet}.pdf")
        assert str(err.value) == sentence
    assert list(out_dir.iterdir()) == []
    for sheet in ("rotation", "bragsheet"):
        result = build_sheet(
            journal, sheet, out_dir / f"{sheet}.pdf", SheetOptions(experience_id=x.id)
        )
        assert result.pages == 1
        assert "QI project" in text_of(out_dir / f"{sheet}.pdf")


def test_nothing_in_the_chosen_range_says_to_widen_it(sample: Sample, out_dir: Path) -> None:
    from datetime import date

    future = SheetOptions(date_from=date(2030, 1, 1))
    for sheet in ("study", "cheatsheet", "journal"):
        with pytest.raises(NothingToPrint, match="widen the choice"):
            build_sheet(sample.journal, sheet, out_dir / f"{sheet}.pdf", future)
    assert list(out_dir.iterdir()) == []


# ---- options, errors and the file on disk -------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "options", "error", "words"),
    [
        ("rotation", SheetOptions(), ValidationError, "is about one experience"),
        ("journal", SheetOptions(prompt_ids=(1,)), ValidationError, "Prompts can be chosen"),
        ("rotation", SheetOptions(experience_id=1, category="img"), ValidationError, "category"),
        ("study", SheetOptions(category="surgery"), ValidationError, "prompt category"),
        ("study", SheetOptions(prompt_ids=(9999,)), NotFoundError, "no prompt with id 9999"),
        ("bragsheet", SheetOptions(experience_id=9999), NotFoundError, "no experience"),
        ("study", SheetOptions(paper="a5"), ValidationError, "a4 or letter"),
        ("poster", SheetOptions(), ValidationError, "no sheet called"),
    ],
)
def test_bad_options_are_one_sentence_and_write_nothing(
    sample: Sample, out_dir: Path, sheet: str, options: SheetOptions, error: type, words: str
) -> None:
    out = out_dir / "out.pdf"
    with pytest.raises(error, match=words):
        build_sheet(sample.journal, sheet, out, options)
    assert list(out_dir.iterdir()) == []


def test_reversed_dates_are_refused(sample: Sample, out_dir: Path) -> None:
    from datetime import date

    options = SheetOptions(date_from=date(2026, 2, 1), date_to=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="before the start date"):
        build_sheet(sample.journal, "journal", out_dir / "x.pdf", options)


def test_destination_problems(sample: Sample, out_dir: Path) -> None:
    with pytest.raises(JournalError, match="does not exist"):
        build_sheet(sample.journal, "journal", out_dir / "missing" / "x.pdf")
    with pytest.raises(JournalError, match="is a folder"):
        build_sheet(sample.journal, "journal", out_dir)


def test_a_failed_build_leaves_the_old_file_and_no_temporary(sample: Sample, out_dir: Path) -> None:
    out = out_dir / "study.pdf"
    out.write_bytes(b"%PDF-1.4 the previous copy")

    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.3:
            raise BuildCancelled

    with pytest.raises(BuildCancelled):
        build_sheet(sample.journal, "study", out, progress=cancel)
    assert out.read_bytes() == b"%PDF-1.4 the previous copy"
    assert [p.name for p in out_dir.iterdir()] == ["study.pdf"]


def test_progress_reaches_the_end_and_the_file_is_readable(sample: Sample, out_dir: Path) -> None:
    seen: list[float] = []
    out = out_dir / "journal.pdf"
    build_sheet(sample.journal, "journal", out, progress=lambda f, _m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == pytest.approx(1.0)
    assert seen == sorted(seen)
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in out_dir.iterdir()] == ["journal.pdf"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_hidden_prompts_print_only_when_chosen(sample: Sample, out_dir: Path) -> None:
    from imgjournal.services.entries import create_entry
    from imgjournal.services.prompts import update_prompt

    pid = sample.prompt_ids["visa-plans"]
    update_prompt(sample.journal, pid, hidden=True)
    text = get_prompt(sample.journal, pid).text
    build_sheet(sample.journal, "study", out_dir / "all.pdf")
    assert text not in text_of(out_dir / "all.pdf")
    one = SheetOptions(prompt_ids=(pid,))
    with pytest.raises(NothingToPrint, match="link a story to a prompt first"):
        build_sheet(sample.journal, "study", out_dir / "one.pdf", one)
    create_entry(sample.journal, "reflection", "Why I want to stay", prompt_ids=[pid])
    build_sheet(sample.journal, "study", out_dir / "one.pdf", one)
    assert text in text_of(out_dir / "one.pdf")


def test_a_story_printed_again_is_made_again_the_same(sample: Sample) -> None:
    """The study sheet prints a story under every prompt it is linked to; the second time,
    its paragraphs are made again from the first reading and must print the same."""
    from imgjournal.export.pdf.layout import Layout
    from imgjournal.export.pdf.styles import make_styles
    from tests.core.test_pdf_markdown import _signature

    places = {x.id: x for x in (sample.medicine, sample.cardiology)}
    lay = Layout(make_styles(), 480)
    kinds = set()
    for e in sample.entries:
        for options in ({}, {"body": True}, {"feedback_only": True}, {"actions": True}):
            first = lay.story(e, places, **options)
            again = lay.story(e, places, **options)
            fresh = Layout(make_styles(), 480).story(e, places, **options)
            assert _signature(again) == _signature(first) == _signature(fresh)
            # New flowables each time: one laid out on a page must not move another.
            assert not {id(f) for f in first} & {id(f) for f in again}
            kinds |= {type(f).__name__ for f in first}
    # The sample has bodies that are not only paragraphs (a table): made afresh every time.
    assert {"FastPara", "Table"} <= kinds


def test_the_footer_written_directly_prints_as_draw_string_does(
    sample: Sample, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Page X of" goes into each page as content-stream code, not through drawString (a
    twentieth of a long build); the fallback is drawString. Both print the same, in place."""
    from imgjournal.export.pdf import template

    def footers(path: Path) -> list[list[tuple[str, float, float]]]:
        found: list[tuple[int, str, float, float]] = []
        for number, page in enumerate(PdfReader(path).pages):

            def visit(text: str, cm: list, tm: list, font: object, size: float, n=number) -> None:
                if text.strip().startswith("Page "):
                    # The position on the page: the text matrix in the current matrix.
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    found.append((n, text.strip(), round(x, 1), round(y, 1)))

            page.extract_text(visitor_text=visit)
        return [[f[1:] for f in found if f[0] == n] for n in range(len(PdfReader(path).pages))]

    direct, fallback = out_dir / "direct.pdf", out_dir / "fallback.pdf"
    build_sheet(sample.journal, "study", direct, SheetOptions(name=RESIDENT))
    monkeypatch.setattr(template, "ascii_text_code", lambda *args: None)
    build_sheet(sample.journal, "study", fallback, SheetOptions(name=RESIDENT))
    assert pages_text(direct) == pages_text(fallback)
    pages = footers(direct)
    assert pages == footers(fallback)
    assert [p[0][0] for p in pages[:2]] == ["Page 1 of", "Page 2 of"]


def test_the_case_table_keeps_rows_whole_and_repeats_its_header_only_at_a_page_top(
    journal: Journal, out_dir: Path
) -> None:
    from datetime import date, timedelta

    from imgjournal.services.dto import CaseFields
    from imgjournal.services.entries import create_entry
    from imgjournal.services.experiences import create_experience

    x = create_experience(journal, "rotation", "Night float", date(2026, 1, 5))
    longer = "with a much longer title that wraps onto the next line of its cell "
    for i in range(45):  # rows of one to five lines: some fall across a page end
        create_entry(
            journal,
            "case",
            f"Case number {i:02d} " + longer * (i % 3),
            entry_date=date(2026, 1, 5) + timedelta(days=i % 20),
            experience_id=x.id,
            case=CaseFields(
                setting="inpatient",
                chief_complaint=f"Complaint {i:02d} " + "short of breath at night " * (i % 4),
                diagnoses=tuple(f"Dx{i:02d}-{k}" for k in range(1 + i % 4)),
                role="performed",
            ),
        )
    out = out_dir / "rotation.pdf"
    build_sheet(journal, "rotation", out, SheetOptions(experience_id=x.id))
    pages = [p.extract_text().splitlines() for p in PdfReader(out).pages]
    header = ["Date", "Case", "Setting", "Patient", "Diagnoses", "My role"]

    def page_of(text: str) -> int:
        (found,) = [n for n, lines in enumerate(pages) if any(text in line for line in lines)]
        return found

    table_pages = sorted({page_of(f"Case number {i:02d}") for i in range(45)})
    assert len(table_pages) >= 2
    for i in range(45):  # every row whole on one page: title, complaint, last diagnosis
        n = page_of(f"Case number {i:02d}")
        assert page_of(f"Complaint {i:02d}") == n == page_of(f"Dx{i:02d}-{i % 4}")
    for n in table_pages[1:]:
        lines = pages[n]
        # the page furniture (title, name, "Page N of" and the total), then the header
        start = lines.index(f"Page {n + 1} of ") + 2
        assert lines[start : start + len(header)] == header
        assert sum(1 for k in range(len(lines)) if lines[k : k + 6] == header) == 1


def test_no_label_runs_into_its_value(journal: Journal, out_dir: Path) -> None:
    """The label column is as wide as the widest label ("Chief complaint") at every size; a
    wider label of its own goes on a line above its value."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from imgjournal.export.pdf import fonts
    from imgjournal.export.pdf.build import CHEATSHEET_SIZES
    from imgjournal.export.pdf.layout import Layout
    from imgjournal.export.pdf.styles import BODY_SIZE, FIELD_LABELS, make_styles

    for size in (BODY_SIZE, *CHEATSHEET_SIZES):
        st = make_styles(size).field
        for name in FIELD_LABELS:
            width = stringWidth(name, st.bulletFontName, st.bulletFontSize)
            assert width + size * 0.5 < st.leftIndent, (name, size)
    lay = Layout(make_styles(), 400)
    wide = lay.field("What the supervisor said at the end", "Keep going.")
    assert not lay.label_fits("What the supervisor said at the end")
    assert [p.text for p in wide._content] == ["What the supervisor said at the end", "Keep going."]
    assert lay.label_fits("Chief complaint")
    assert make_styles().field.bulletFontName == fonts.SANS_BOLD
