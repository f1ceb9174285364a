"""A draft's STAR-L sections: read into boxes, written back without losing anything."""

from __future__ import annotations

from datetime import date

from imgjournal.services import draft_sections as ds
from imgjournal.services import entries, prep, prep_text, prompts
from imgjournal.services.dto import CaseFields


def test_the_sections_are_named_like_a_case_s_star_l_fields():
    assert [label for _, label in ds.SECTIONS] == [
        "Situation",
        "Task",
        "Action",
        "Result",
        "Lesson",
    ]


def test_an_old_draft_with_headings_opens_in_the_right_boxes_and_round_trips():
    body = (
        "## Situation\n\nA ward night, potassium of 7.1.\n\n## Task\n\n<!-- hint -->\n\n"
        "## action\n\nI called my senior.\n\n### Details\n\nCalcium first.\n\n## Result\n\n"
        "Stable by morning.\n\n## Lesson:\n\nCheck the ECG first.\n"
    )
    parts = ds.split_draft(body)
    assert parts.structured and parts.notes == "" and parts.lead == ""
    assert parts.texts == {
        "situation": "A ward night, potassium of 7.1.",
        "task": "",
        "action": "I called my senior.\n\n### Details\n\nCalcium first.",
        "result": "Stable by morning.",
        "lesson": "Check the ECG first.",
    }
    again = ds.split_draft(ds.join_draft(parts))
    assert again.texts == parts.texts and again.hints == {"task": "<!-- hint -->"}


def test_outlines_written_by_prep_text_round_trip_exactly(journal):
    assert ds.join_draft(ds.split_draft(prep_text.empty_outline())) == prep_text.empty_outline()
    p = prompts.list_prompts(journal)[4]
    case = entries.create_entry(
        journal,
        "case",
        "Sepsis on nights",
        entry_date=date(2026, 10, 5),
        prompt_ids=[p.id],
        case=CaseFields(situation="A septic patient at 3 am.", lesson="Escalate early."),
    )
    body = prep_text.prefill_from_case(case)
    parts = ds.split_draft(body)
    assert parts.lead.startswith("<!-- From the case")
    assert parts.texts["situation"] == "A septic patient at 3 am."
    assert ds.join_draft(parts) == body
    # Stored and read back through the service, the sections are the same.
    d = prep.create_draft(journal, p.id, body=ds.join_draft(parts.with_texts("", parts.texts)))
    assert ds.split_draft(prep.get_draft(journal, d.id).body).texts == parts.texts


def test_a_free_text_draft_stays_as_typed_until_a_section_is_written():
    parts = ds.split_draft("Situation: a night on call.")
    assert not parts.structured and parts.notes == "Situation: a night on call."
    assert ds.join_draft(parts) == "Situation: a night on call."
    edited = parts.with_texts(parts.notes, {**parts.texts, "lesson": "Ask for help early."})
    text = ds.join_draft(edited)
    assert text.startswith("Situation: a night on call.\n\n## Situation\n\n<!--")
    assert "## Lesson\n\nAsk for help early.\n" in text
    assert prep_text.word_count(text) == prep_text.word_count(
        "Situation: a night on call. Ask for help early."
    )
