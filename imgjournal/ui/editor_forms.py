"""The kind-specific parts of the entry page: the case form (case log fields, diagnoses and
procedures as chips, the STAR-L story as text boxes that grow with their text) and the feedback
form, plus the small widgets they share. Their choices go into the editor's properties strip.
Each form emits ``changed`` on user edits, loads from and returns the service's field
dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from imgjournal import fields
from imgjournal.domain import _Labelled
from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, STORY_FIELDS, Field
from imgjournal.limits import MAX_FIELD_CHARS
from imgjournal.services.dto import CaseFields, FeedbackFields
from imgjournal.ui import markdown_highlighter
from imgjournal.ui.chips import ChipField
from imgjournal.ui.limited_text import LimitedTextEdit, limit_line
from imgjournal.ui.properties_strip import PropertiesStrip

# (attribute, label, placeholder) of the STAR-L story's fields.
STAR_FIELDS = tuple((f.attr, f.label, f.hint) for f in STORY_FIELDS)
# The labels, placeholders and limit words of the forms' fields (imgjournal.fields).
_CASE = {f.attr: f for f in CASE_FIELDS}
_FEEDBACK = {f.attr: f for f in FEEDBACK_FIELDS}
NOT_SET = "—"  # a choice not made yet (its label is always shown beside it)


def choice_combo(enum: type[_Labelled], blank: str | None, name: str) -> QComboBox:
    """A combo box of ``enum``'s labels (data: the values), first ``blank`` (data None) if given."""
    combo = QComboBox()
    combo.setObjectName(name)
    if blank is not None:
        combo.addItem(blank, None)
    for member in enum:
        combo.addItem(member.label, member.value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _choice_combo(attr: str, name: str, kind_fields: dict | None = None) -> QComboBox:
    """The combo box of a choice field of the case (or of ``kind_fields``): "—" first."""
    f = (kind_fields or _CASE)[attr]
    return choice_combo(f.choices, NOT_SET, name)


def set_combo_value(combo: QComboBox, value: object) -> None:
    i = combo.findData(value)
    combo.setCurrentIndex(i if i >= 0 else 0)


class GrowingTextEdit(LimitedTextEdit):
    """A plain-text box that grows with its text (at least ``lines`` lines high, never an
    inner scroll bar: the page scrolls) and tabs to the next field instead of indenting; it
    holds at most ``MAX_FIELD_CHARS`` characters (a paste beyond them is refused). Its text is
    Markdown (the reveal and the sheets render it), styled as it is typed like the notes."""

    def __init__(
        self, placeholder: str, lines: int = 2, parent: QWidget | None = None, *, what: str = ""
    ) -> None:
        super().__init__(what or "field", max_chars=MAX_FIELD_CHARS, parent=parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.set_growing(lines)
        self.highlighter = markdown_highlighter.install(self)


def section_caption(text: str) -> QLabel:
    """The label over a text box of the page (Situation, Their words...)."""
    label = QLabel(text)
    label.setObjectName("sectionCaption")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def labelled_box(label: str, edit: QWidget) -> QWidget:
    """``edit`` with ``label`` over it."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    caption = section_caption(label)
    caption.setBuddy(edit)
    lay.addWidget(caption)
    lay.addWidget(edit)
    return box


def _short_form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    return form


def _lines(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.replace("\n", ";").split(";") if p.strip())


class MoreFields(QWidget):
    """The fields of a kind that its form does not lay out itself: a field added to
    imgjournal.fields shows here, one labelled row each, until a form gives it a place.
    Hidden when there are none (today's fields all have their place)."""

    changed = Signal()
    refused = Signal(str)

    def __init__(self, table: Iterable[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = tuple(table)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in self.fields:
            w = self._widget(f)
            w.setObjectName(f"field_{f.attr}")
            w.setAccessibleName(f.label)
            self.widgets[f.attr] = w
            form.addRow("" if f.shape == fields.FLAG else f.label, w)
        self.setVisible(bool(self.fields))

    def _widget(self, f: Field) -> QWidget:
        if f.shape == fields.FLAG:
            box = QCheckBox(f.label)
            box.toggled.connect(self.changed)
            return box
        if f.shape == fields.CHOICE:
            combo = choice_combo(f.choices, f"{f.label}…", "")  # type: ignore[arg-type]
            combo.currentIndexChanged.connect(self.changed)
            return combo
        line = QLineEdit()
        line.setPlaceholderText(f.hint or f.label)
        line.textEdited.connect(self.changed)
        what = f"{f.what} field" if f.shape == fields.LIST else f.what
        limit_line(line, what, f.limit or MAX_FIELD_CHARS, self.refused.emit)
        return line

    def load(self, values: object) -> None:
        for f in self.fields:
            w, v = self.widgets[f.attr], getattr(values, f.attr)
            if isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            elif isinstance(w, QComboBox):
                set_combo_value(w, v)
            elif isinstance(w, QLineEdit):
                w.setText("; ".join(v) if f.shape == fields.LIST else v)

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for f in self.fields:
            w = self.widgets[f.attr]
            if isinstance(w, QCheckBox):
                out[f.attr] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[f.attr] = w.currentData()
            elif isinstance(w, QLineEdit):
                text = w.text()
                out[f.attr] = _lines(text) if f.shape == fields.LIST else text.strip()
        return out

    def text_fields(self) -> dict[str, QLineEdit]:
        """The free-text ones, by attribute (the privacy check reads them)."""
        return {a: w for a, w in self.widgets.items() if isinstance(w, QLineEdit)}

    def text_widgets(self) -> Iterable[QWidget]:
        return self.text_fields().values()

    def set_read_only(self, ro: bool) -> None:
        for w in self.widgets.values():
            if isinstance(w, QLineEdit):
                w.setReadOnly(ro)
            else:
                w.setEnabled(not ro)


class CaseForm(QWidget):
    """Case log fields (never patient identifiers) and the STAR-L story.

    The choices (setting, age band, sex, role) go into ``strip`` (the editor's properties
    strip, group "case") when one is given, else into a strip of the form's own."""

    changed = Signal()
    refused = Signal(str)  # input past a field's limit was not taken: why

    def __init__(self, parent: QWidget | None = None, strip: PropertiesStrip | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseForm")
        self.setting = _choice_combo("setting", "caseSetting")
        self.age_band = _choice_combo("age_band", "caseAgeBand")
        self.sex = _choice_combo("sex", "caseSex")
        self.role = _choice_combo("role", "caseRole")
        self.chief_complaint = QLineEdit()
        self.chief_complaint.setObjectName("caseChiefComplaint")
        self.chief_complaint.setAccessibleName(_CASE["chief_complaint"].label)
        self.chief_complaint.setPlaceholderText(_CASE["chief_complaint"].hint)
        self.diagnoses = ChipField("Add…")
        self.diagnoses.input.setToolTip(_CASE["diagnoses"].hint + " (or press Enter after each)")
        self.diagnoses.setObjectName("caseDiagnoses")
        self.diagnoses.setAccessibleName(_CASE["diagnoses"].label)
        self.procedures = ChipField("Add…")
        self.procedures.input.setToolTip(_CASE["procedures"].hint + " (or press Enter after each)")
        self.procedures.setObjectName("caseProcedures")
        self.procedures.setAccessibleName(_CASE["procedures"].label)
        for w, tip in (
            (self.setting, "Setting"),
            (self.age_band, "Patient age band (ages over 89 are one band)"),
            (self.sex, "Patient sex"),
            (self.role, "What you did: observed, assisted, performed, presented"),
        ):
            w.setToolTip(tip)
            w.setAccessibleName(tip)
        own_strip = strip is None
        self.strip = strip if strip is not None else PropertiesStrip()
        self.strip_items = [
            self.strip.add(_CASE[attr].label, w, "case")
            for attr, w in (
                ("setting", self.setting),
                ("age_band", self.age_band),
                ("sex", self.sex),
                ("role", self.role),
            )
        ]
        if own_strip:
            self.strip.show_group("case")

        short = _short_form()
        short.addRow(_CASE["chief_complaint"].label, self.chief_complaint)
        short.addRow(_CASE["diagnoses"].label, self.diagnoses)
        short.addRow(_CASE["procedures"].label, self.procedures)

        self.star: dict[str, GrowingTextEdit] = {}
        self.story = QWidget()
        self.story.setObjectName("starFields")
        story = QVBoxLayout(self.story)
        story.setContentsMargins(0, 6, 0, 0)
        story.setSpacing(8)
        heading = QLabel("STAR-L story · for interviews")
        heading.setObjectName("starHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        font.setBold(True)
        heading.setFont(font)
        story.addWidget(heading)
        for name, label, hint in STAR_FIELDS:
            edit = GrowingTextEdit(hint, 2, what=name)
            edit.refused.connect(self.refused)
            edit.setObjectName(f"star{label}")
            edit.setAccessibleName(label)
            self.star[name] = edit
            story.addWidget(labelled_box(label, edit))
            edit.textChanged.connect(self._user_changed)
        placed = {"setting", "age_band", "sex", "role", "chief_complaint", "diagnoses"}
        placed |= {"procedures", *self.star}
        self.more = MoreFields(f for f in CASE_FIELDS if f.attr not in placed)
        self.more.changed.connect(self._user_changed)
        self.more.refused.connect(self.refused)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        if own_strip:
            lay.addWidget(self.strip)
        lay.addLayout(short)
        lay.addWidget(self.more)
        lay.addWidget(self.story)

        for combo in (self.setting, self.age_band, self.sex, self.role):
            combo.currentIndexChanged.connect(self._user_changed)
        self.chief_complaint.textEdited.connect(self._user_changed)
        limit_line(
            self.chief_complaint, _CASE["chief_complaint"].what, MAX_FIELD_CHARS, self.refused.emit
        )
        for attr, chips in self.chip_fields().items():
            chips.changed.connect(self._user_changed)
            what = f"{_CASE[attr].what} field"
            limit_line(chips.input, what, MAX_FIELD_CHARS, self.refused.emit)
        self._loading = False

    def _user_changed(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, case: CaseFields | None) -> None:
        case = case or CaseFields()
        self._loading = True
        try:
            set_combo_value(self.setting, case.setting)
            set_combo_value(self.age_band, case.age_band)
            set_combo_value(self.sex, case.sex)
            set_combo_value(self.role, case.role)
            self.chief_complaint.setText(case.chief_complaint)
            self.diagnoses.set_values(case.diagnoses)
            self.procedures.set_values(case.procedures)
            for name, edit in self.star.items():
                edit.setPlainText(getattr(case, name))
            self.more.load(case)
        finally:
            self._loading = False

    def value(self) -> CaseFields:
        return CaseFields(
            setting=self.setting.currentData(),
            age_band=self.age_band.currentData(),
            sex=self.sex.currentData(),
            chief_complaint=self.chief_complaint.text().strip(),
            diagnoses=self.diagnoses.values(),
            procedures=self.procedures.values(),
            role=self.role.currentData(),
            **{name: edit.toPlainText() for name, edit in self.star.items()},
            **self.more.values(),
        )

    def chip_fields(self) -> dict[str, ChipField]:
        """The list fields, edited as chips, by attribute."""
        return {"diagnoses": self.diagnoses, "procedures": self.procedures}

    def text_widgets(self) -> Iterable[QWidget]:
        yield from (self.chief_complaint, *self.star.values())
        yield from self.more.text_widgets()

    def set_read_only(self, ro: bool) -> None:
        for w in self.text_widgets():
            w.setReadOnly(ro)  # type: ignore[attr-defined]
        for chips in self.chip_fields().values():
            chips.set_read_only(ro)
        for combo in (self.setting, self.age_band, self.sex, self.role):
            combo.setEnabled(not ro)
        self.more.set_read_only(ro)


class FeedbackForm(QWidget):
    """Who said what about you: the words as said, and what you will do about them.

    The giver's role, the kind of feedback and "Followed up" go into ``strip`` (group
    "feedback") when one is given, else into a strip of the form's own."""

    changed = Signal()
    refused = Signal(str)  # input past a field's limit was not taken: why

    def __init__(self, parent: QWidget | None = None, strip: PropertiesStrip | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackForm")
        self.giver_name = QLineEdit()
        self.giver_name.setObjectName("feedbackGiver")
        self.giver_name.setAccessibleName(_FEEDBACK["giver_name"].label)
        self.giver_name.setPlaceholderText(_FEEDBACK["giver_name"].hint)
        self.giver_role = _choice_combo("giver_role", "feedbackGiverRole", _FEEDBACK)
        self.kind = _choice_combo("feedback_kind", "feedbackKind", _FEEDBACK)
        words, actions = _FEEDBACK["words"], _FEEDBACK["action_items"]
        self.words = GrowingTextEdit(words.hint, 3, what=words.what)
        self.words.setObjectName("feedbackWords")
        self.words.setAccessibleName(words.label)
        self.action_items = GrowingTextEdit(actions.hint, 2, what=actions.what)
        self.action_items.setObjectName("feedbackActions")
        self.action_items.setAccessibleName(actions.label)
        self.followed_up = QCheckBox(_FEEDBACK["followed_up"].label)
        self.followed_up.setObjectName("feedbackFollowedUp")
        self.followed_up.setToolTip("Tick when you acted on it or thanked them")

        own_strip = strip is None
        self.strip = strip if strip is not None else PropertiesStrip()
        # Beside the entry's own Kind, the field table's "Role" and "Kind" would be read as
        # the entry's: the strip names them by what they are ("Giver role", "Feedback kind").
        self.strip_items = [
            self.strip.add(_FEEDBACK[attr].what.capitalize(), w, "feedback")
            for attr, w in (("giver_role", self.giver_role), ("feedback_kind", self.kind))
        ]
        self.strip_items.append(self.strip.add(" ", self.followed_up, "feedback"))
        if own_strip:
            self.strip.show_group("feedback")
        short = _short_form()
        short.addRow(_FEEDBACK["giver_name"].label, self.giver_name)
        placed = {"giver_name", "giver_role", "feedback_kind", "words", "action_items"}
        self.more = MoreFields(f for f in FEEDBACK_FIELDS if f.attr not in placed | {"followed_up"})
        self.more.changed.connect(self._user_changed)
        self.more.refused.connect(self.refused)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        if own_strip:
            lay.addWidget(self.strip)
        lay.addLayout(short)
        lay.addWidget(labelled_box(words.label, self.words))
        lay.addWidget(labelled_box(actions.label, self.action_items))
        lay.addWidget(self.more)

        self.giver_name.textEdited.connect(self._user_changed)
        limit_line(
            self.giver_name, _FEEDBACK["giver_name"].what, MAX_FIELD_CHARS, self.refused.emit
        )
        for combo in (self.giver_role, self.kind):
            combo.currentIndexChanged.connect(self._user_changed)
        for edit in (self.words, self.action_items):
            edit.textChanged.connect(self._user_changed)
            edit.refused.connect(self.refused)
        self.followed_up.toggled.connect(self._user_changed)
        self._loading = False

    def _user_changed(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, fb: FeedbackFields | None) -> None:
        fb = fb or FeedbackFields()
        self._loading = True
        try:
            self.giver_name.setText(fb.giver_name)
            set_combo_value(self.giver_role, fb.giver_role)
            set_combo_value(self.kind, fb.feedback_kind)
            self.words.setPlainText(fb.words)
            self.action_items.setPlainText(fb.action_items)
            self.followed_up.setChecked(fb.followed_up)
            self.more.load(fb)
        finally:
            self._loading = False

    def value(self) -> FeedbackFields:
        return FeedbackFields(
            giver_name=self.giver_name.text().strip(),
            giver_role=self.giver_role.currentData(),
            feedback_kind=self.kind.currentData(),
            words=self.words.toPlainText(),
            action_items=self.action_items.toPlainText(),
            followed_up=self.followed_up.isChecked(),
            **self.more.values(),
        )

    def text_widgets(self) -> Iterable[QWidget]:
        yield from (self.giver_name, self.words, self.action_items)
        yield from self.more.text_widgets()

    def set_read_only(self, ro: bool) -> None:
        for w in self.text_widgets():
            w.setReadOnly(ro)  # type: ignore[attr-defined]
        for w in (self.giver_role, self.kind, self.followed_up):
            w.setEnabled(not ro)
        self.more.set_read_only(ro)


class HintLabel(QLabel):
    """Secondary text in the palette's placeholder colour (reads in light and dark)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        # A role, not a colour: it follows the palette when light and dark switch.
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
