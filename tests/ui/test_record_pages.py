"""The shared record list + page (ui/record_pages) and record dialog fields (ui/record_forms)
that the Letters, Programs and Contacts pages are built on, through a small page of invented
records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from imgjournal.errors import JournalError
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.record_forms import OptionalDate, RecordDialog, fill_form, form_values
from imgjournal.ui.record_pages import RecordListPage, RecordPage, empty_label, list_heading
from imgjournal.ui.taskrunner import SyncRunner


@dataclass(frozen=True)
class Thing:
    id: int
    name: str
    status: str = "a"
    steps: tuple = ()


STEPS = ("a", "b", "c")
LABELS = {"a": "Asked", "b": "Booked", "c": "Closed"}


class Store:
    """The "service": records in a list, changed through functions taking the journal."""

    def __init__(self, *names: str) -> None:
        self.things = [Thing(i + 1, n) for i, n in enumerate(names)]

    def load(self, _journal):
        return tuple(self.things)

    def delete(self, _journal, rid):
        self.things = [t for t in self.things if t.id != rid]

    def rename(self, _journal, rid, name):
        if not name:
            raise JournalError("Write a name.")
        if name == "crash":
            raise RuntimeError("disk on fire")
        self.things = [Thing(t.id, name) if t.id == rid else t for t in self.things]
        return next(t for t in self.things if t.id == rid)


class ThingsView(RecordListPage):
    delete_title = "Delete thing"

    def __init__(self, journal, store: Store, tree: bool) -> None:
        super().__init__(journal, SyncRunner(), "thingsView")
        self.store = store
        self.records_view = QTreeWidget() if tree else QListWidget()
        self.new_button = QPushButton("New thing…")
        left = self.list_pane(list_heading("Things"), "thingsSummary", self.records_view,
                              self.new_button)  # fmt: skip
        self.page = RecordPage("thingPage", "thing")
        self.page.error = ErrorLabel("thingError")
        rows = self.page.status_controls(STEPS, LABELS, "thing")
        self.page.column.addWidget(self.page.heading)
        self.page.column.addLayout(self.page.button_row())
        self.page.add_status_section(rows)
        self.page.column.addWidget(self.page.error)
        self.page.finish()
        self.empty = empty_label("thingsEmpty", "No things yet.")
        self.split(left, stretch=(1, 2), left_width=200)
        self._show_current()

    def reload(self) -> None:
        self._ops.run(self.store.load, on_done=self.show_data, on_error=self._failed)

    def show_data(self, data) -> None:
        self.data = data
        keep = self._current
        w = self.records_view
        w.blockSignals(True)
        w.clear()
        for t in data:
            if isinstance(w, QListWidget):
                item = QListWidgetItem(t.name)
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                w.addItem(item)
            else:
                item = QTreeWidgetItem([t.name])
                item.setData(0, Qt.ItemDataRole.UserRole, t.id)
                w.addTopLevelItem(item)
        w.blockSignals(False)
        self.select(self.kept(keep, [t.id for t in data]))

    def records(self):
        return self.data or ()

    def show_record(self, t: Thing) -> None:
        self.page.heading.setText(t.name)
        self.page.show_status(t.status, dict(t.steps), not_by_hand=("c",))


def _row_texts(view: ThingsView) -> list[str]:
    return [view.id_of(item) for item in view._items()]


@pytest.mark.parametrize("tree", [False, True], ids=["list", "tree"])
def test_the_choice_is_kept_across_reloads_and_a_delete_chooses_the_first(qtbot, journal, tree):
    store = Store("Alpha", "Beta", "Gamma")
    view = ThingsView(journal, store, tree)
    qtbot.addWidget(view)
    assert view.empty.isVisibleTo(view) and not view.page.isVisibleTo(view)
    view.reload()
    assert _row_texts(view) == [1, 2, 3]
    assert view.current().name == "Alpha" and view.page.heading.text() == "Alpha"
    # A click on a row chooses it; a reload keeps it.
    view.records_view.setCurrentItem(view._items()[2])
    assert view.current().name == "Gamma"
    view.reload()
    assert view.current().name == "Gamma" and view.page.heading.text() == "Gamma"
    # Deleting asks first: "no" keeps it, "yes" deletes it and chooses the first.
    asked = []
    view.ask = lambda text: asked.append(text) or False
    view.delete_current(lambda t: f"Delete {t.name}?", store.delete)
    assert [t.name for t in store.things] == ["Alpha", "Beta", "Gamma"]
    view.ask = lambda text: asked.append(text) or True
    view.delete_current(lambda t: f"Delete {t.name}?", store.delete)
    assert asked == ["Delete Gamma?", "Delete Gamma?"]
    assert [t.name for t in store.things] == ["Alpha", "Beta"]
    assert view.current().name == "Alpha"
    # The last one gone: the empty sentence instead of the page.
    for _ in range(2):
        view.delete_current(lambda t: "?", store.delete)
    assert view.current() is None and view.empty.isVisibleTo(view)
    assert not view.page.isVisibleTo(view)


def test_a_change_chooses_the_record_and_an_error_is_one_sentence(qtbot, journal):
    store = Store("Alpha", "Beta")
    view = ThingsView(journal, store, tree=True)
    qtbot.addWidget(view)
    view.reload()
    view.select(2)
    view.update_current(store.rename, "Bravo")
    assert [t.name for t in store.things] == ["Alpha", "Bravo"]
    assert view.current().name == "Bravo" and view.page.heading.text() == "Bravo"
    with qtbot.waitSignal(view.error) as said:
        view.update_current(store.rename, "")
    assert said.args == ["Write a name."] and view.page.error.text() == "Write a name."
    with qtbot.waitSignal(view.error) as said:
        view.update_current(store.rename, "crash")
    assert said.args == ["Something went wrong: disk on fire"]
    assert [t.name for t in store.things] == ["Alpha", "Bravo"]


def test_the_next_step_button_and_the_status_buttons(qtbot, journal):
    view = ThingsView(journal, Store(), tree=False)
    qtbot.addWidget(view)
    page = view.page
    page.show_status("a", {"a": date(2026, 1, 2)})
    assert page.next_step.text() == "Mark booked today"
    assert page.next_step.property("status") == "b"
    assert not page.next_step.isHidden() and page.status.currentData() == "a"
    page.show_status("b", {})
    assert not page.next_step.isHidden() and page.next_step.text() == "Mark closed today"
    page.show_status("b", {}, not_by_hand=("c",))
    assert page.next_step.isHidden()  # "c" comes by itself
    page.show_status("c", {})  # the last step
    assert page.next_step.isHidden() and page.status.currentData() == "c"
    chosen = []
    view.set_status = lambda status, on=None: chosen.append((status, on))
    view.connect_status(page)
    page.status.setCurrentIndex(page.status.findData("b"))
    page.status_date.setDate(QDate(2026, 3, 4))
    qtbot.mouseClick(page.set_status, Qt.MouseButton.LeftButton)
    page.show_status("a", {})
    page.next_step.setVisible(True)
    qtbot.mouseClick(page.next_step, Qt.MouseButton.LeftButton)
    assert chosen == [("b", date(2026, 3, 4)), ("b", None)]


class PetDialog(RecordDialog):
    name_missing = "Write the pet's name."

    def __init__(self) -> None:
        super().__init__("petDialog", "New pet")
        self.name = QLineEdit()
        self.notes = QPlainTextEdit()
        self.indoor = QCheckBox()
        self.kind = QComboBox()
        for text, value in (("Not known", None), ("Cat", "cat"), ("Dog", "dog")):
            self.kind.addItem(text, value)
        self.has_birthday, self.birthday = QCheckBox(), QDateEdit()
        self.seen = OptionalDate("Seen on", "petSeen", QDate(2026, 1, 1))
        self.start_status = QComboBox()
        self.start_status.addItem("New", "new")
        form = QFormLayout()
        form.addRow("Name", self.name)
        self.finish(form, "Add pet", "petSave", 300)

    def fields(self):
        return (
            ("name", self.name),
            ("notes", self.notes),
            ("indoor", self.indoor),
            ("kind", self.kind),
            ("birthday", (self.has_birthday, self.birthday)),
            ("seen", self.seen),
            ("legs", lambda: 4),
        )


@dataclass(frozen=True)
class Pet:
    name: str = "  Miso "
    notes: str = "likes\nboxes"
    indoor: bool = True
    kind: str | None = "dog"
    birthday: date | None = date(2020, 5, 6)
    seen: date | None = date(2026, 2, 3)


def test_a_dialog_reads_and_fills_its_fields_from_one_table(qtbot):
    d = PetDialog()
    qtbot.addWidget(d)
    assert d.values() == {
        "name": "", "notes": "", "indoor": False, "kind": None, "birthday": None, "seen": None,
        "legs": 4, "status": "new",
    }  # fmt: skip
    assert (d.objectName(), d.windowTitle(), d.width()) == ("petDialog", "New pet", 300)
    assert d.findChild(QPushButton, "petSave").text() == "Add pet"
    d.accept()
    assert d.result() == 0 and d.error.text() == "Write the pet's name."
    assert d.error.objectName() == "petDialogError"
    fill_form(d.fields(), Pet(), notes="said so")
    assert form_values(d.fields()) == {
        "name": "  Miso ", "notes": "said so", "indoor": True, "kind": "dog",
        "birthday": date(2020, 5, 6), "seen": date(2026, 2, 3), "legs": 4,
    }  # fmt: skip
    assert d.values()["name"] == "Miso"  # the name without the spaces around it
    d.accept()
    assert d.result() == d.DialogCode.Accepted
    # A value the chooser does not have chooses its first item; no date leaves the box alone.
    fill_form(d.fields(), Pet(kind="parrot", birthday=None, seen=None))
    assert d.kind.currentIndex() == 0
    assert d.has_birthday.isChecked()  # as it was
    assert not d.seen.check.isChecked() and d.values()["seen"] is None
