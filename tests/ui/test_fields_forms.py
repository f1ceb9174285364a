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
