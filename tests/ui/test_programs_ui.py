"""The Programs and Contacts pages and Today's follow-ups, through the real widgets (issue 19)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from imgjournal.services import contacts, experiences, profile, programs
from imgjournal.ui.programs_view import FIT_COLUMN


def _rotation(journal):
    return experiences.create_experience(
        journal, "rotation", "IM sub-internship", date(2026, 3, 2), end_date=date(2026, 3, 29),
        institution="Mercy Hospital", specialty="Internal Medicine",
    )  # fmt: skip


def test_sidebar_has_programs_and_contacts_after_letters(window):
    model = window.sidebar.model()
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles.index("Programs") == titles.index("Letters") + 1
    assert titles.index("Contacts") == titles.index("Programs") + 1


def test_program_workflow_through_the_widgets(qtbot, window, journal):
    _rotation(journal)
    profile.set_profile(journal, needs_visa=True)
    window.go("programs")
    view = window.programs.programs_view
    assert window.pages.currentWidget() is view
    qtbot.waitUntil(lambda: view.data is not None)
    assert view.empty.isVisibleTo(view)

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Mercy Hospital Internal Medicine")
        qtbot.keyClicks(dialog.specialty, "Internal Medicine")
        qtbot.keyClicks(dialog.state, "OH")
        dialog.visa.setCurrentIndex(dialog.visa.findData("J-1"))
        dialog.type.setCurrentIndex(dialog.type.findData("community"))
        dialog.status.setCurrentIndex(dialog.status.findData("applied"))
        qtbot.keyClicks(dialog.questions, "How are nights supervised?")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    view.run_dialog = fill
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(programs.list_programs(journal)) == 1)
    [p] = programs.list_programs(journal)
    assert (p.name, p.state, p.visa, p.program_type, p.status) == (
        "Mercy Hospital Internal Medicine", "OH", "J-1", "community", "applied"
    )  # fmt: skip
    assert p.questions == "How are nights supervised?"
    qtbot.waitUntil(lambda: view.current() is not None and view.current().id == p.id)
    page = view.page
    # The reasons, in words, on the page and in the fit column's tooltip.
    reasons = page.reasons.text()
    assert "You did a 4-week IM sub-internship at Mercy Hospital" in reasons
    assert "They sponsor J-1, which you need" in reasons
    item = view.table.topLevelItem(0)
    assert item.text(FIT_COLUMN) == "3"
    assert "• You did a 4-week IM sub-internship" in item.toolTip(FIT_COLUMN)
    # The next step, then a chosen status and date.
    assert page.next_step.text() == "Mark interview invited today"
    qtbot.mouseClick(page.next_step, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: programs.get_program(journal, p.id).status == "interview_invited")
    assert programs.get_program(journal, p.id).step_date("interview_invited") == date.today()
    page.status.setCurrentIndex(page.status.findData("interviewed"))
    page.status_date.setDate(page.status_date.date().addDays(-1))
    qtbot.mouseClick(page.set_status, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: programs.get_program(journal, p.id).status == "interviewed")
    assert programs.get_program(journal, p.id).step_date("interviewed") == (
        date.today() - timedelta(1)
    )
    qtbot.waitUntil(lambda: "<b>✓ Interviewed</b>" in page.steps.labels["interviewed"].text())
    # A prompt they ask.
    prompt_id = page.prompt_choice.itemData(0)
    qtbot.mouseClick(page.add_prompt, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: programs.get_program(journal, p.id).prompt_ids == (prompt_id,))


def test_filters_and_the_sortable_fit_column(qtbot, window, journal):
    _rotation(journal)
    programs.create_program(journal, "Mercy Hospital IM", "Internal Medicine", visa="J-1")
    programs.create_program(journal, "Lakeside FM", "Family Medicine", visa="none", state="OH")
    programs.create_program(
        journal, "Northgate IM", "Internal Medicine", status="applied", visa="H-1B"
    )
    window.go("programs")
    view = window.programs.programs_view
    qtbot.waitUntil(lambda: view.data is not None and view.table.topLevelItemCount() == 3)
    # Sorted by fit, most reasons first: Mercy (rotation + months), Northgate (months), Lakeside.
    assert view.visible_names() == ["Mercy Hospital IM", "Northgate IM", "Lakeside FM"]
    view.table.sortByColumn(FIT_COLUMN, Qt.SortOrder.AscendingOrder)
    assert view.visible_names() == ["Lakeside FM", "Northgate IM", "Mercy Hospital IM"]
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert view.visible_names() == ["Lakeside FM", "Mercy Hospital IM", "Northgate IM"]
    view.visa_filter.setCurrentIndex(view.visa_filter.findData("__sponsors__"))
    assert view.visible_names() == ["Mercy Hospital IM", "Northgate IM"]
    view.status_filter.setCurrentIndex(view.status_filter.findData("applied"))
    assert view.visible_names() == ["Northgate IM"]
    view.status_filter.setCurrentIndex(0)
    view.visa_filter.setCurrentIndex(0)
    qtbot.keyClicks(view.search, "oh")
    assert view.visible_names() == ["Lakeside FM"]


def test_print_interview_sheet_from_a_program_page(qtbot, window, journal):
    programs.create_program(journal, "Lakeside FM", "Family Medicine")
    p = programs.create_program(journal, "Mercy IM", "Internal Medicine")
    window.go("programs")
    view = window.programs.programs_view
    qtbot.waitUntil(lambda: view.data is not None)
    view.select(p.id)
    shown = []

    def exec_print(dialog):
        qtbot.waitUntil(lambda: dialog.form.program.count() == 2)
        shown.append((dialog.sheet_key(), dialog.options().program_id))
        dialog.reject()

    window.programs.exec_print = exec_print
    qtbot.mouseClick(view.page.print_button, Qt.MouseButton.LeftButton)
    assert shown == [("interview", p.id)]
    QApplication.processEvents()


def test_contacts_page_and_today_follow_up(qtbot, window, journal):
    p = programs.create_program(journal, "Mercy IM", "Internal Medicine")
    contacts.create_contact(journal, "Later Person", follow_up=date.today() + timedelta(days=30))
    window.go("today")
    card = window.programs.card
    assert not card.isVisibleTo(window.today)
    window.go("contacts")
    view = window.programs.contacts_view
    qtbot.waitUntil(lambda: view.data is not None)

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Dr. Rachel Ortiz")
        qtbot.keyClicks(dialog.role, "Associate Program Director")
        dialog.follow.check.setChecked(True)
        dialog.follow.edit.setDate(dialog.follow.edit.date().currentDate().addDays(2))
        dialog.programs.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    view.run_dialog = fill
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(contacts.list_contacts(journal)) == 2)
    ortiz = contacts.list_contacts(journal)[0]
    assert ortiz.name == "Dr. Rachel Ortiz" and ortiz.program_ids == (p.id,)
    assert ortiz.follow_up == date.today() + timedelta(days=2)
    qtbot.waitUntil(lambda: view.table.topLevelItemCount() == 2)
    assert view.table.topLevelItem(0).text(0) == "Dr. Rachel Ortiz"  # next follow-up first
    window.go("today")
    qtbot.waitUntil(lambda: card.isVisibleTo(window.today))
    assert "Follow up with Dr. Rachel Ortiz: is due in 2 days" in card.text.text()
    assert "Later Person" not in card.text.text()
    # Written to: the reminder goes.
    window.go("contacts")
    qtbot.waitUntil(lambda: view.current() is not None and view.current().id == ortiz.id)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: contacts.get_contact(journal, ortiz.id).follow_up is None)
    assert contacts.get_contact(journal, ortiz.id).last_contact == date.today()
    window.go("today")
    qtbot.waitUntil(lambda: not card.isVisibleTo(window.today))


def test_new_contact_from_a_program_page_is_linked_to_it(qtbot, window, journal):
    programs.create_program(journal, "Lakeside FM", "Family Medicine")
    p = programs.create_program(journal, "Mercy IM", "Internal Medicine")
    window.go("programs")
    view = window.programs.programs_view
    qtbot.waitUntil(lambda: view.data is not None)
    view.select(p.id)
    contacts_view = window.programs.contacts_view
    seen = []

    def fill(dialog):
        items = [dialog.programs.item(i) for i in range(dialog.programs.count())]
        seen.append({i.text(): i.checkState() == Qt.CheckState.Checked for i in items})
        qtbot.keyClicks(dialog.name, "Dr. Omar Haddad")
        dialog.accept()
        return True

    contacts_view.run_dialog = fill
    qtbot.mouseClick(view.page.new_contact, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(contacts.list_contacts(journal)) == 1)
    assert seen == [{"Lakeside FM": False, "Mercy IM": True}]
    assert contacts.list_contacts(journal)[0].program_ids == (p.id,)
    # The program's page shows the new contact.
    qtbot.waitUntil(lambda: "Dr. Omar Haddad" in view.page.contacts.text())


def test_the_fit_column_sorts_by_number_not_text(qtbot):
    from PySide6.QtWidgets import QTreeWidget

    from imgjournal.ui.programs_view import _FitItem

    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setColumnCount(2)
    for name, fit in (("A", 9), ("B", 10), ("C", 2)):
        item = _FitItem([name, str(fit)])
        item.setData(FIT_COLUMN, Qt.ItemDataRole.UserRole, fit)
        tree.addTopLevelItem(item)
    tree.setSortingEnabled(True)
    tree.sortByColumn(FIT_COLUMN, Qt.SortOrder.DescendingOrder)
    assert [tree.topLevelItem(i).text(0) for i in range(3)] == ["B", "A", "C"]
