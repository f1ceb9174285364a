"""The Readiness and Letters pages, driven through the real widgets of the window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton

from imgjournal.services import entries, experiences, letters, profile
from imgjournal.services.dto import FeedbackFields


def _rotation(journal, **kw):
    return experiences.create_experience(
        journal, "rotation", "IM sub-internship", date(2026, 3, 2),
        end_date=date(2026, 3, 29), institution="Mercy", specialty="Internal Medicine", **kw,
    )  # fmt: skip


def test_sidebar_has_readiness_above_today_and_letters(window):
    model = window.sidebar.model()
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles.index("Readiness") == titles.index("Today") - 1
    assert titles.index("Letters") == titles.index("Prompts") + 1


def test_readiness_page_shows_levels_and_the_gap_prompt(qtbot, window, journal):
    _rotation(journal)
    experiences.create_experience(
        journal, "observership", "Cardiology observership", date(2025, 6, 2),
        end_date=date(2025, 7, 25), specialty="Cardiology",
    )  # fmt: skip
    entries.create_entry(
        journal, "feedback", "Rounds", entry_date=date(2026, 3, 20),
        experience_id=_rotation(journal).id,
        feedback=FeedbackFields(giver_name="Dr. Priya Patel", feedback_kind="praise",
                                words="Crisp presentations"),
    )  # fmt: skip
    window.go("readiness")
    view = window.readiness.readiness_view
    assert window.pages.currentWidget() is view
    qtbot.waitUntil(lambda: view.data is not None)
    assert view.ask_card.isVisibleTo(view)  # no profile yet: asked here
    assert view.level_of("us_letters") == "red"
    sentence = view.findChild(QLabel, "figureSentence_us_letters").text()
    assert sentence.startswith("Ask Dr. Priya Patel for a letter")
    assert view.strip.experiences and view.strip.gaps
    # The gap between the observership and the rotation links to the prompt.
    gaps = view.gaps_text.text()
    assert "explain the gap" in gaps and "prompt:" in gaps
    opened = []
    view.write_for_prompt.disconnect()
    view.write_for_prompt.connect(opened.append)
    href = gaps.split("href='")[1].split("'")[0]
    view.gaps_text.linkActivated.emit(href)
    assert opened and opened[0] == int(href.split(":")[1])


def test_profile_from_the_readiness_page_is_stored_and_shown(qtbot, window, journal):
    window.go("readiness")
    view = window.readiness.readiness_view
    qtbot.waitUntil(lambda: view.data is not None)

    def answer(dialog):
        dialog.fields.specialties.setText("Internal Medicine, Pediatrics")
        dialog.fields.season.setValue(2027)
        dialog.fields.visa.setCurrentIndex(1)
        return True

    window.readiness.run_dialog = answer
    qtbot.mouseClick(view.findChild(QPushButton, "readinessSetProfile"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: profile.get_profile(journal).asked)
    p = profile.get_profile(journal)
    assert p.specialties == ("Internal Medicine", "Pediatrics") and p.season == 2027
    assert p.needs_visa is True
    qtbot.waitUntil(lambda: not view.ask_card.isVisibleTo(view))
    assert "Internal Medicine / Pediatrics · ERAS 2027" in view.profile_line.text()


def test_letter_workflow_through_the_widgets(qtbot, window, journal):
    x = _rotation(journal)
    entries.create_entry(
        journal, "feedback", "Praise on rounds", entry_date=date(2026, 3, 20), experience_id=x.id,
        feedback=FeedbackFields(giver_name="Dr. Patel", feedback_kind="praise", words="Crisp"),
    )  # fmt: skip
    window.go("letters")
    view = window.readiness.letters_view
    qtbot.waitUntil(lambda: view.data is not None)
    assert view.empty.isVisibleTo(view)

    def fill(dialog):
        qtbot.keyClicks(dialog.writer, "Dr. Priya Patel")
        dialog.choose_experience(x.id)
        dialog.status.setCurrentIndex(dialog.status.findData("asked"))
        qtbot.keyClicks(dialog.letter_id, "L42")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    view.run_dialog = fill
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(letters.list_letters(journal)) == 1)
    [lt] = letters.list_letters(journal)
    assert lt.writer_name == "Dr. Priya Patel" and lt.status == "asked"
    assert lt.experience_id == x.id and lt.eras_letter_id == "L42" and lt.writer_is_us
    qtbot.waitUntil(lambda: view.current() is not None and view.current().id == lt.id)
    page = view.page
    assert "Crisp" in page.feedback.text()  # the writer's feedback, matched by name
    # The next step, then a chosen status and date.
    assert page.next_step.text() == "Mark agreed today"
    qtbot.mouseClick(page.next_step, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letters.get_letter(journal, lt.id).status == "agreed")
    assert letters.get_letter(journal, lt.id).step_date("agreed") == date.today()
    page.status.setCurrentIndex(page.status.findData("uploaded"))
    page.status_date.setDate(page.status_date.date().addDays(-2))
    qtbot.mouseClick(page.set_status, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letters.get_letter(journal, lt.id).status == "uploaded")
    assert letters.get_letter(journal, lt.id).step_date("uploaded") == date.today() - timedelta(2)
    assert "✓ Agreed" in page.steps.labels["agreed"].text()
    # Assigning to a program makes it assigned.
    qtbot.keyClicks(page.program, "Mercy IM")
    qtbot.mouseClick(page.assign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letters.get_letter(journal, lt.id).programs == ("Mercy IM",))
    assert letters.get_letter(journal, lt.id).status == "assigned"
    qtbot.waitUntil(lambda: page.programs.count() == 1)
    assert page.program.text() == ""


def test_a_fifth_letter_for_a_program_shows_one_sentence(qtbot, window, journal):
    x = _rotation(journal)
    for n in ("Ames", "Bose", "Cruz", "Diaz"):
        lt = letters.create_letter(journal, f"Dr. {n}", experience_id=x.id, status="uploaded")
        letters.assign_letter(journal, lt.id, "Mercy IM")
    fifth = letters.create_letter(journal, "Dr. Egan", experience_id=x.id, status="uploaded")
    window.go("letters")
    view = window.readiness.letters_view
    qtbot.waitUntil(lambda: view.data is not None)
    view.select(fifth.id)
    qtbot.keyClicks(view.page.program, "mercy im")
    qtbot.keyClick(view.page.program, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.page.error.isVisibleTo(view))
    assert view.page.error.text().startswith("Mercy IM already has 4 letters assigned")
    assert letters.get_letter(journal, fifth.id).programs == ()
    assert view.page.program.text() == "mercy im"  # kept, to correct


def test_today_reminds_of_a_letter_agreed_weeks_ago(qtbot, window, journal):
    x = _rotation(journal)
    letters.create_letter(
        journal, "Dr. Lee", experience_id=x.id, status="agreed",
        on_date=date.today() - timedelta(days=21),
    )  # fmt: skip
    window.go("today")
    card = window.readiness.card
    qtbot.waitUntil(lambda: card.isVisibleTo(window.today))
    assert "Dr. Lee agreed 3 weeks ago; the letter is not uploaded." in card.text.text()


def test_print_brag_sheet_from_a_letter_page(qtbot, window, journal):
    x = _rotation(journal)
    letters.create_letter(journal, "Dr. Lee", experience_id=x.id)
    window.go("letters")
    view = window.readiness.letters_view
    qtbot.waitUntil(lambda: view.current() is not None)
    shown = []

    lt = letters.list_letters(journal)[0]

    def exec_print(dialog):
        qtbot.waitUntil(lambda: dialog.experience.currentData() == x.id)
        options = dialog.options()
        shown.append((dialog.sheet_key(), options.experience_id, options.letter_id))
        # The preview is the sheet prepared for the writer.
        qtbot.waitUntil(lambda: dialog.preview.source is not None, timeout=30_000)
        assert dialog.preview.source.options.letter_id == lt.id
        # Another experience chosen: the brag sheet is that experience's supervisor's again.
        dialog.experience.setCurrentIndex(dialog.experience.findData(other.id))
        shown.append(dialog.options().letter_id)
        dialog.reject()

    other = experiences.create_experience(journal, "observership", "Cardiology", date(2025, 5, 1))
    window.readiness.exec_print = exec_print
    qtbot.mouseClick(view.page.brag_button, Qt.MouseButton.LeftButton)
    assert shown == [("bragsheet", x.id, lt.id), None]
    QApplication.processEvents()


def test_the_print_dialog_gates_the_readiness_summary(qtbot, window, journal):
    """Its next steps quote feedback words: an identifier there is asked about before the
    summary leaves; the people it names are not."""
    from imgjournal.ui.print_dialog import PrintDialog
    from imgjournal.ui.taskrunner import SyncRunner

    x = _rotation(journal)
    fb = entries.create_entry(
        journal, "feedback", "Praise on rounds", entry_date=date(2026, 3, 20), experience_id=x.id,
        feedback=FeedbackFields(giver_name="Dr. Patel", feedback_kind="praise",
                                words="Great call to 555-867-5309 about bed 4"),
    )  # fmt: skip
    asked = []
    window.ask_privacy = lambda _p, findings, what: asked.append((what, findings)) or "cancel"
    dialog = PrintDialog(journal, SyncRunner(), window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=60_000):
        dialog.show()
        dialog.set_sheet("readiness")
    assert "1 possible patient identifier" in dialog.status.text()
    assert not dialog.cleared_to_leave()
    [(what, findings)] = asked
    assert what == "The readiness summary"
    assert [(f.entry, f.field, f.text) for f in findings] == [(fb.id, "words", "555-867-5309")]
    dialog.reject()


def test_the_letters_list_shows_each_status(qtbot, window, journal):
    x = _rotation(journal)
    letters.create_letter(journal, "Dr. Lee", experience_id=x.id, status="written")
    letters.create_letter(journal, "Prof. Hany", status="identified", writer_is_us=False)
    window.go("letters")
    view = window.readiness.letters_view
    qtbot.waitUntil(lambda: view.findChild(QListWidget, "lettersList").count() == 2)
    texts = [view.list.item(i).text() for i in range(view.list.count())]
    assert texts[0].startswith("Dr. Lee\nWritten")
    assert texts[1].startswith("Prof. Hany\nIdentified") and texts[1].endswith("abroad")
    assert view.summary.text() == "US letters agreed or further: 1 of the 3 programs look for."


def test_settings_shows_and_saves_the_profile(qtbot, window, journal, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from imgjournal.ui import settings_dialog

    profile.set_profile(journal, specialties=["Pediatrics"], season=2027)
    seen = []

    def exec_(dlg):
        f = dlg.profile_fields
        seen.append(f.values()["specialties"])
        f.specialties.clear()
        qtbot.keyClicks(f.specialties, "Family Medicine")
        f.graduated.setValue(2022)
        dlg.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", exec_)
    window.view_commands.open_settings()
    assert seen == ["Pediatrics"]
    p = profile.get_profile(journal)
    assert p.specialties == ("Family Medicine",) and p.graduation_year == 2022
    assert p.season == 2027


def test_settings_without_changes_writes_no_profile(qtbot, window, journal, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from imgjournal.ui import settings_dialog

    def exec_(dlg):
        dlg.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", exec_)
    window.view_commands.open_settings()
    assert not profile.get_profile(journal).asked  # still to be asked (on Readiness)


def test_first_run_asks_the_profile_once_and_the_window_keeps_it(
    qtbot, tmp_path, settings, make_window, journal
):
    from imgjournal.ui.first_run import FirstRunDialog, import_into

    dialog = FirstRunDialog(tmp_path / "new", settings)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.profile.specialties, "Internal Medicine")
    dialog.profile.season.setValue(2027)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    start = dialog.result_start
    assert start is not None and start.profile["specialties"] == "Internal Medicine"
    window = make_window(journal)
    import_into(window, start)
    p = profile.get_profile(journal)
    assert p.asked and p.specialties == ("Internal Medicine",) and p.season == 2027
    # Untouched, the first-run screen stores nothing: Readiness asks later.
    other = FirstRunDialog(tmp_path / "other", settings)
    qtbot.addWidget(other)
    qtbot.mouseClick(other.start_button, Qt.MouseButton.LeftButton)
    assert other.result_start is not None and other.result_start.profile is None


def test_the_calendar_strip_paints_each_kind_in_its_colour(qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    from imgjournal.services.readiness_dto import Gap
    from imgjournal.ui.readiness_view import STRIP_COLOURS, UsceStrip

    def x(i, kind, start, end, us=True, hands_on=True):
        from datetime import UTC, datetime

        from imgjournal.services.dto import ExperienceDTO

        now = datetime.now(UTC)
        return ExperienceDTO(i, kind, "education", f"{kind} {i}", "", "", "", "", "", us,
                             hands_on, start, end, None, "", "", now, now)  # fmt: skip

    strip = UsceStrip()
    qtbot.addWidget(strip)
    strip.resize(800, strip.sizeHint().height())
    items = (
        x(1, "externship", date(2025, 1, 1), date(2025, 3, 31)),
        x(2, "observership", date(2025, 5, 1), date(2025, 7, 31), hands_on=False),
        x(3, "rotation", date(2025, 9, 1), date(2025, 11, 30), us=False),
    )
    gap = Gap(date(2025, 12, 1), date(2026, 4, 30), ongoing=True)
    strip.set_data(items, (gap,), date(2026, 4, 30))
    image = strip.grab().toImage()

    def colour_at(xdto):
        r = strip._rect(xdto.start_date, xdto.end_date, 0 if xdto.is_us else 1)
        return image.pixelColor(r.center().toPoint()).name()

    assert colour_at(items[0]) == QColor(STRIP_COLOURS["us_hands_on"]).name()
    assert colour_at(items[1]) == QColor(STRIP_COLOURS["us_observer"]).name()
    assert colour_at(items[2]) == QColor(STRIP_COLOURS["abroad_hands_on"]).name()
    # Hovering names the experience under the pointer.
    r = strip._rect(items[1].start_date, items[1].end_date, 0)
    assert strip.experience_at(QPointF(r.center())) == items[1]
    assert strip.experience_at(QPointF(1, 1)) is None


def test_the_readiness_page_follows_a_letter_agreed_on_the_letters_page(qtbot, window, journal):
    x = _rotation(journal)
    lt = letters.create_letter(journal, "Dr. Lee", experience_id=x.id, status="asked")
    window.go("readiness")
    view = window.readiness.readiness_view
    qtbot.waitUntil(lambda: view.data is not None)
    assert view.data.readiness.us_letters_agreed == 0
    window.go("letters")
    lv = window.readiness.letters_view
    qtbot.waitUntil(lambda: lv.current() is not None and lv.current().id == lt.id)
    qtbot.mouseClick(lv.page.next_step, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: letters.get_letter(journal, lt.id).status == "agreed")
    window.go("readiness")
    qtbot.waitUntil(lambda: view.data.readiness.us_letters_agreed == 1)
    assert "1 of 3" in view.findChild(QLabel, "figureValue_us_letters").text()


def test_print_summary_opens_the_print_dialog_on_the_readiness_sheet(qtbot, window, journal):
    window.go("readiness")
    view = window.readiness.readiness_view
    qtbot.waitUntil(lambda: view.data is not None)
    shown = []

    def exec_print(dialog):
        shown.append((dialog.sheet_key(), dialog.sheet.currentText()))
        dialog.reject()

    window.readiness.exec_print = exec_print
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert shown == [("readiness", "Readiness summary")]


def test_sidebar_counts_letters_not_uploaded_and_red_figures(qtbot, window, journal):
    from imgjournal.ui.readiness_view import LEVEL_COLOURS
    from imgjournal.ui.sidebar import COUNT_ROLE, DOT_ROLE

    side = window.sidebar
    readiness_item, letters_item = side.item("readiness"), side.item("letters")
    # An empty journal: every figure but none is red; no letters.
    qtbot.waitUntil(lambda: readiness_item.data(COUNT_ROLE) is not None)
    red = readiness_item.data(COUNT_ROLE)
    assert readiness_item.data(DOT_ROLE) == LEVEL_COLOURS["red"]
    assert f"Readiness: {red} of the checklist need" in readiness_item.toolTip()
    assert letters_item.data(COUNT_ROLE) is None
    assert letters_item.toolTip() == "Letters of recommendation: none yet"

    x = _rotation(journal)
    a = letters.create_letter(journal, "Dr. Ames", experience_id=x.id, status="agreed")
    letters.create_letter(journal, "Dr. Bose", experience_id=x.id, status="uploaded")
    window.refresh()  # as after a change from the command line
    qtbot.waitUntil(lambda: letters_item.data(COUNT_ROLE) == 1)
    assert letters_item.toolTip() == "1 of 2 letters not yet uploaded"
    # A write in the app updates them too: the agreed letter is uploaded.
    window.go("letters")
    view = window.readiness.letters_view
    qtbot.waitUntil(lambda: view.current() is not None)
    window.ops.run(letters.set_letter_status, a.id, "uploaded")
    qtbot.waitUntil(lambda: letters_item.data(COUNT_ROLE) is None)
    assert letters_item.toolTip() == "0 of 2 letters not yet uploaded"
    # Fewer red figures now (US months, letters on their way): the count follows.
    qtbot.waitUntil(lambda: (readiness_item.data(COUNT_ROLE) or 0) < red)
    # The delegate paints the dot: a pixel of the row in the red of the level.
    side.resize(260, 600)
    side.show()
    qtbot.waitExposed(side)
    image = side.viewport().grab().toImage()
    rect = side.visualRect(readiness_item.index())
    colours = {
        image.pixelColor(px, rect.center().y()).name()
        for px in range(rect.right() - 60, rect.right())
    }
    assert readiness_item.data(DOT_ROLE) in colours


def test_sidebar_counts_are_not_worked_out_again_for_an_entry_text_save(qtbot, window, journal):
    """Autosave writes an entry's text every few seconds: that cannot move a figure's level,
    so the counts are not recomputed; trashing an entry (prompt coverage) or a letter can."""
    e = entries.create_entry(journal, "reflection", "A quiet day", body="Rounds.")
    window.refresh()
    calls = []
    window.readiness.load_badges = lambda: calls.append(1)
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        window.ops.run(entries.update_entry, e.id, body="Rounds, then teaching.")
    assert calls == []
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        window.ops.run(entries.trash_entry, e.id)
    assert calls == [1]
    with qtbot.waitSignal(window.runner.changed, timeout=10_000):
        window.ops.run(letters.create_letter, "Dr. Lee")
    assert calls == [1, 1]
