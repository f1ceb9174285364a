"""Programs, contacts and why a program fits: steps, links, reasons, follow-ups (issue 19)."""

from __future__ import annotations

from datetime import date

import pytest

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import contacts, entries, experiences, fit, letters, profile, programs
from imgjournal.services.prompts import list_prompts

TODAY = date(2026, 12, 8)


def _rotation(journal, institution="Mercy Hospital", **kw):
    return experiences.create_experience(
        journal,
        "rotation",
        kw.pop("title", "IM sub-internship"),
        kw.pop("start", date(2026, 3, 2)),
        end_date=kw.pop("end", date(2026, 3, 29)),
        institution=institution,
        specialty=kw.pop("specialty", "Internal Medicine"),
        is_us=True,
        **kw,
    )


def _fits(journal, program_id):
    return dict((p.id, r) for p, r in fit.program_fits(journal, TODAY))[program_id]


def test_status_steps_keep_their_dates_and_an_earlier_status_forgets_the_later(journal):
    p = programs.create_program(
        journal, "Mercy Hospital IM", "Internal Medicine", on_date=date(2026, 9, 1)
    )
    assert p.status == "considering" and p.steps == (("considering", date(2026, 9, 1)),)
    p = programs.set_program_status(journal, p.id, "applied", date(2026, 9, 25))
    p = programs.set_program_status(journal, p.id, "interview invited", date(2026, 10, 20))
    p = programs.set_program_status(journal, p.id, "interviewed", date(2026, 11, 14))
    assert p.status == "interviewed"
    assert [st for st, _d in p.steps] == [
        "considering", "applied", "interview_invited", "interviewed"
    ]  # fmt: skip
    assert p.step_date("interview_invited") == date(2026, 10, 20)
    # Back to "applied" (the invitation was a mistake): the later dates are gone.
    p = programs.set_program_status(journal, p.id, "applied", date(2026, 9, 26))
    assert p.steps == (("considering", date(2026, 9, 1)), ("applied", date(2026, 9, 26)))


def test_bad_program_input_is_one_sentence_and_nothing_is_stored(journal):
    for call, needle in (
        (lambda: programs.create_program(journal, "  ", "IM"), "name"),
        (lambda: programs.create_program(journal, "X", "IM", visa="F-1"), "visa"),
        (lambda: programs.create_program(journal, "X", "IM", status="won"), "status"),
        (lambda: programs.create_program(journal, "X", "IM", program_type="private"), "type"),
        (lambda: programs.create_program(journal, "X", "IM", prompt_ids=[99999]), "prompt"),
    ):
        with pytest.raises((ValidationError, NotFoundError), match=needle):
            call()
    assert programs.list_programs(journal) == []
    with pytest.raises(NotFoundError, match="program list"):
        programs.get_program(journal, 5)


def test_visa_and_type_words(journal):
    assert programs.parse_visa("j1") == "J-1"
    assert programs.parse_visa("J-1, H-1B") == "J-1 and H-1B"
    assert programs.parse_visa("both") == "J-1 and H-1B"
    assert programs.parse_type("Community based university") == "community-based university"
    p = programs.create_program(
        journal, "Lakeside", "FM", visa="h1b", program_type="community", affiliates="A\nB"
    )
    assert (p.visa, p.program_type, p.affiliates) == ("H-1B", "community", ("A", "B"))


def test_same_place_needs_a_distinctive_word():
    assert fit.same_place("Mercy Hospital", "Mercy Hospital Internal Medicine Residency")
    assert fit.same_place("Mercy Hospital", "Mercy Springfield IM")  # one's words in the other's
    assert fit.same_place("Mercy Springfield IM", "Mercy")
    assert fit.same_place("St. Luke's Clinic", "st lukes clinic") is False  # different words
    assert fit.same_place("St. Luke Clinic", "Saint Luke Medical Center")
    assert not fit.same_place("University Hospital", "University Hospital")  # nothing distinctive
    assert not fit.same_place("Mercy Hospital", "Lakeside Hospital")


def test_reasons_from_the_journal(journal):
    _rotation(journal)  # 2..29 March: 4 weeks at the program itself
    experiences.create_experience(
        journal, "observership", "Cardiology observership", date(2026, 5, 4),
        end_date=date(2026, 5, 15), institution="Riverside Clinic", specialty="Cardiology",
    )  # fmt: skip
    profile.set_profile(journal, specialties=["Internal Medicine"], needs_visa=True)
    letters.create_letter(journal, "Dr. Ana Lee", writer_institution="Riverside Clinic")
    kim = letters.create_letter(journal, "Dr. Kim", status="uploaded")
    letters.assign_letter(journal, kim.id, "mercy hospital internal medicine")
    prompt = list_prompts(journal)[0]
    entries.create_entry(
        journal, "reflection", "The night I called for help", prompt_ids=[prompt.id]
    )
    p = programs.create_program(
        journal,
        "Mercy Hospital Internal Medicine",
        "Internal Medicine",
        visa="J-1",
        affiliates=["Riverside Clinic"],
        prompt_ids=[prompt.id],
    )
    contacts.create_contact(journal, "Dr. Omar Haddad", role="PGY-3", program_ids=[p.id])
    other = programs.create_program(journal, "Lakeside FM", "Family Medicine", visa="none")
    reasons = _fits(journal, p.id)
    assert reasons == [
        # Newest first, as the experiences are listed.
        "You did a 2-week Cardiology observership at Riverside Clinic, an affiliated hospital",
        "You did a 4-week IM sub-internship at Mercy Hospital",
        # Letters furthest along first.
        "Dr. Kim's letter is assigned to this program",
        "Dr. Ana Lee (letter, identified) works at Riverside Clinic, an affiliated hospital",
        "You know Dr. Omar Haddad, PGY-3 (contact) at this program",
        "You have 0.9 months of US clinical experience in Internal Medicine",
        "They sponsor J-1, which you need",
        f"They ask \u201c{fit._short(prompt.text)}\u201d and you have 1 story for it",
    ]
    assert _fits(journal, other.id) == []
    ctx = fit.gather(journal, [programs.get_program(journal, other.id)], TODAY)
    assert fit.concerns(programs.get_program(journal, other.id), ctx) == [
        "They do not sponsor visas, and you need one"
    ]


def test_no_visa_reason_without_a_need_or_a_sponsorship(journal):
    p = programs.create_program(journal, "Mercy", "IM", visa="J-1")
    assert _fits(journal, p.id) == []  # the profile does not say a visa is needed
    profile.set_profile(journal, needs_visa=False)
    assert _fits(journal, p.id) == []
    profile.set_profile(journal, needs_visa=True)
    programs.update_program(journal, p.id, visa="unknown")
    assert _fits(journal, p.id) == []


def test_an_experience_in_the_city_only_is_said_as_such(journal):
    _rotation(journal, "Lakeside Memorial", city="Springfield", state="IL", specialty="Surgery")
    p = programs.create_program(journal, "Mercy IM", "IM", city="springfield", state="IL")
    assert _fits(journal, p.id) == ["Your IM sub-internship was in Springfield, the program's city"]


def test_future_experience_at_the_program(journal):
    _rotation(journal, start=date(2027, 1, 4), end=date(2027, 1, 31))
    p = programs.create_program(journal, "Mercy Hospital", "Surgery")
    assert _fits(journal, p.id) == ["Your IM sub-internship at Mercy Hospital is still to come"]


def test_contacts_links_and_follow_up_reminders(journal):
    x = _rotation(journal)
    p = programs.create_program(journal, "Mercy IM", "IM")
    lt = letters.create_letter(journal, "Dr. Lee", experience_id=x.id)
    c = contacts.create_contact(
        journal,
        "Dr. Priya Patel",
        role="Program Director",
        institution="Mercy Hospital",
        met_on=date(2026, 3, 10),
        follow_up=date(2026, 12, 10),
        program_ids=[p.id],
        experience_ids=[x.id],
        letter_ids=[lt.id],
    )
    assert (c.program_ids, c.experience_ids, c.letter_ids) == ((p.id,), (x.id,), (lt.id,))
    contacts.create_contact(journal, "Sam Rivera", follow_up=date(2026, 12, 1))
    contacts.create_contact(journal, "Later Person", follow_up=date(2027, 2, 1))
    contacts.create_contact(journal, "No Date")
    assert [c.name for c in contacts.list_contacts(journal)] == [
        "Sam Rivera", "Dr. Priya Patel", "Later Person", "No Date"
    ]  # fmt: skip
    assert contacts.reminders(journal, TODAY) == [
        "Follow up with Sam Rivera: was due 7 days ago (2026-12-01).",
        "Follow up with Dr. Priya Patel (Mercy Hospital): is due in 2 days (2026-12-10).",
    ]
    c = contacts.update_contact(journal, c.id, program_ids=(), follow_up=None)
    assert c.program_ids == () and c.experience_ids == (x.id,)
    with pytest.raises(NotFoundError, match="no letter with id 77"):
        contacts.update_contact(journal, c.id, letter_ids=[77])
    assert contacts.get_contact(journal, c.id).letter_ids == (lt.id,)  # nothing written
    with pytest.raises(ValidationError):
        contacts.create_contact(journal, " ")
    # Deleting the program drops its links, not the contact.
    c2 = contacts.create_contact(journal, "Linked", program_ids=[p.id])
    programs.delete_program(journal, p.id)
    assert contacts.get_contact(journal, c2.id).program_ids == ()


def test_migration_0015_goes_down_and_up_again(journal):
    """0015 only adds the programs' and contacts' tables: down to 0012 drops them (letters
    untouched), up again gives the models' schema."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from imgjournal import db as dbmod
    from imgjournal.migrations import SCRIPT_LOCATION

    lt = letters.create_letter(journal, "Dr. Lee")
    programs.create_program(journal, "Mercy IM", "IM")
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    with journal.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    tables = set(inspect(journal.engine).get_table_names())
    assert not tables & {"programs", "program_steps", "program_prompts", "contacts"}
    dbmod.alembic_upgrade(journal.engine, "head")
    assert programs.list_programs(journal) == []
    assert letters.get_letter(journal, lt.id).writer_name == "Dr. Lee"
    assert programs.create_program(journal, "Mercy IM", "IM").name == "Mercy IM"
