"""Reading and filling a record dialog's fields (the letter, program and contact dialogs).

A dialog lists its fields once, in the order they are filled, as ``(key, field)`` pairs;
:func:`form_values` reads them into the dict its ``values()`` returns and :func:`fill_form`
puts a record's values into them. A field is one of:

- a ``QLineEdit`` (its text), a ``QPlainTextEdit`` (its plain text), a ``QCheckBox`` (ticked
  or not), a ``QComboBox`` (the chosen item's data; filling chooses the item whose data equals
  the value, else the first);
- ``(check box, date edit)``: the date, or ``None`` while the box is not ticked (filling ticks
  it for a date and leaves it as it is for ``None``);
- an :class:`OptionalDate`, the same in one widget;
- a callable: read only (it returns the value), never filled.

:class:`RecordDialog` is such a dialog: its ``values()`` are its fields' (and, for a new
record, the status it starts at), and it is not accepted without its record's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from imgjournal.ui.dialog_parts import ErrorLabel, ok_cancel
from imgjournal.ui.models import pydate, qdate


class OptionalDate(QWidget):
    """A check box and a date: the date counts only when ticked."""

    def __init__(self, label: str, name: str, default: QDate) -> None:
        super().__init__()
        self.check = QCheckBox(label, objectName=f"{name}Set")
        self.edit = QDateEdit(objectName=name, calendarPopup=True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setDate(default)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.check)
        lay.addWidget(self.edit, 1)

    def set(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(qdate(value))

    def value(self) -> date | None:
        return pydate(self.edit.date()) if self.check.isChecked() else None


Field = QWidget | tuple[QCheckBox, QDateEdit] | Callable[[], Any]
Fields = Sequence[tuple[str, Field]]


def field_value(field: Field) -> Any:
    """What ``field`` holds now."""
    if isinstance(field, tuple):
        check, edit = field
        return pydate(edit.date()) if check.isChecked() else None
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, QPlainTextEdit):
        return field.toPlainText()
    if isinstance(field, QCheckBox):
        return field.isChecked()
    if isinstance(field, QComboBox):
        return field.currentData()
    if isinstance(field, OptionalDate):
        return field.value()
    if callable(field):
        return field()
    raise TypeError(f"not a form field: {field!r}")


def form_values(fields: Fields, *, strip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every field's value by its key; the texts of the keys in ``strip`` without the spaces
    around them (the record's required name)."""
    out = {key: field_value(field) for key, field in fields}
    for key in strip:
        out[key] = out[key].strip()
    return out


def set_field(field: Field, value: Any) -> None:
    """Put ``value`` into ``field`` (a callable field is left alone)."""
    if isinstance(field, tuple):
        if value is not None:
            check, edit = field
            check.setChecked(True)
            edit.setDate(qdate(value))
    elif isinstance(field, QLineEdit):
        field.setText(value)
    elif isinstance(field, QPlainTextEdit):
        field.setPlainText(value)
    elif isinstance(field, QCheckBox):
        field.setChecked(value)
    elif isinstance(field, QComboBox):
        field.setCurrentIndex(
            next((i for i in range(field.count()) if field.itemData(i) == value), 0)
        )
    elif isinstance(field, OptionalDate):
        field.set(value)
    elif not callable(field):
        raise TypeError(f"not a form field: {field!r}")


def fill_form(fields: Fields, record: Any, **values: Any) -> None:
    """Each field, in order, from ``values`` or else the record's attribute of its key."""
    for key, field in fields:
        if callable(field) and not isinstance(field, QWidget):
            continue  # read only
        set_field(field, values[key] if key in values else getattr(record, key))


class RecordDialog(QDialog):
    """A new record, or the details of one (the dialog named ``name``, titled ``title``).

    The subclass builds its form, lists its fields in :meth:`fields`, sets, for a new record
    that moves through steps, :attr:`start_status` (the chooser of the status it starts at),
    and calls :meth:`finish` last.
    """

    name_key = "name"  # the field the record cannot go without
    name_missing = ""  # the sentence shown when that field is empty
    start_status: QComboBox | None = None

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.error = ErrorLabel(f"{name}Error")  # the sentence under the form

    def finish(self, form: QFormLayout, ok_text: str, ok_name: str, width: int) -> None:
        """The form, the error line under it and the buttons (OK says ``ok_text`` and is
        named ``ok_name``), ``width`` pixels wide."""
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel(self, ok_text, name=ok_name))
        self.resize(width, self.sizeHint().height())

    def fields(self) -> Fields:
        raise NotImplementedError

    def accept(self) -> None:
        name = dict(self.fields())[self.name_key]
        if not name.text().strip():  # type: ignore[union-attr]
            self.error.setText(self.name_missing)
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        out = form_values(self.fields(), strip=(self.name_key,))
        if self.start_status is not None:
            out["status"] = self.start_status.currentData()
        return out
