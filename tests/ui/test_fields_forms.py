"""The editor's case and feedback forms hold every field of imgjournal.fields."""

from __future__ import annotations

from dataclasses import replace

from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS
from imgjournal.ui.editor_forms import CaseForm, FeedbackForm
from tests.core.test_fields import sample, values


def test_each_form_shows_and_gives_back_every_field_of_its_kind(qtbot):
    for form, kind, table in (
        (CaseForm(), "case", CASE_FIELDS),
        (FeedbackForm(), "feedback", FEEDBACK_FIELDS),
    ):
        qtbot.addWidget(form)
        want = values(kind)
        form.load(want)
        assert form.value() == want
        for f in table:  # each field on its own, the others left empty
            one = replace(type(want)(), **{f.attr: sample(f)})
            form.load(one)
            assert form.value() == one, f.attr


def test_a_field_no_form_lays_out_gets_a_labelled_row_of_its_shape(qtbot):
    """A field added to the table shows in the editor before a form gives it a place."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

    from imgjournal.domain import Setting
    from imgjournal.fields import CHOICE, FLAG, LIST, TEXT, Field
    from imgjournal.ui.editor_forms import MoreFields

    new = (
        Field("plan", TEXT, "Plan", "plan", hint="What happens next"),
        Field("sites", LIST, "Sites", "sites"),
        Field("where", CHOICE, "Where", "where", choices=Setting),
        Field("teaching", FLAG, "Teaching case", "teaching case"),
    )
    more = MoreFields(new)
    qtbot.addWidget(more)
    assert not more.isHidden() and MoreFields(()).isHidden()
    w = more.widgets
    assert isinstance(w["plan"], QLineEdit) and w["plan"].placeholderText() == "What happens next"
    assert isinstance(w["sites"], QLineEdit) and isinstance(w["where"], QComboBox)
    assert isinstance(w["teaching"], QCheckBox) and w["teaching"].text() == "Teaching case"

    more.load(SimpleNamespace(plan="Echo", sites=("clinic", "ward"), where="icu", teaching=True))
    assert more.values() == {
        "plan": "Echo",
        "sites": ("clinic", "ward"),
        "where": "icu",
        "teaching": True,
    }
    edits: list[bool] = []
    more.changed.connect(lambda: edits.append(True))
    w["plan"].clear()
    qtbot.keyClicks(w["plan"], "  Repeat labs ")
    qtbot.keyClicks(w["sites"], "; ED")
    w["teaching"].click()
    assert edits
    assert more.values() == {
        "plan": "Repeat labs",
        "sites": ("clinic", "ward", "ED"),
        "where": "icu",
        "teaching": False,
    }
    assert set(more.text_fields()) == {"plan", "sites"}
    more.set_read_only(True)
    assert w["plan"].isReadOnly() and not w["where"].isEnabled()


def test_a_new_field_of_the_table_shows_on_the_entry_page_with_its_label(qtbot, monkeypatch):
    """A one-line field added to imgjournal.fields (a case's or feedback's) appears on the
    page, labelled, inside the one scroll area, with no change to the page's code."""
    from PySide6.QtWidgets import QFormLayout, QLineEdit

    from imgjournal.fields import TEXT, Field
    from imgjournal.ui import editor_forms
    from imgjournal.ui.editor import EntryEditor

    hook = Field("hook", TEXT, "Hook", "hook", hint="One line to remember it by")
    monkeypatch.setattr(editor_forms, "CASE_FIELDS", (*CASE_FIELDS, hook))
    monkeypatch.setattr(editor_forms, "FEEDBACK_FIELDS", (*FEEDBACK_FIELDS, hook))
    editor = EntryEditor()
    qtbot.addWidget(editor)
    for form in (editor.case_form, editor.feedback_form):
        line = form.more.widgets["hook"]
        assert isinstance(line, QLineEdit) and line.placeholderText() == hook.hint
        assert editor.scroll.widget().isAncestorOf(line) and not form.more.isHidden()
        label = form.more.layout().labelForField(line)
        assert label is not None and label.text() == "Hook"
        assert isinstance(form.more.layout(), QFormLayout)
        assert "hook" in form.more.text_fields()  # the privacy check reads it
