"""The entry page (issue 16, part 1) driven like a user would: chips for prompts, tags,
diagnoses and procedures, one scrolling page whose boxes grow, a feedback page with only its
own fields, a title never cut at 1024×640. Each test checks what the journal then holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea

from imgjournal.services import entries, prompts
from imgjournal.services.dto import CaseFields
from tests.ui.conftest import saved_id

PHONE = "555-867-5309"
# The completer's popup, on the offscreen platform, says it cannot raise or grab the keyboard.
POPUP = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)


def _open(qtbot, window, entry_id: int) -> None:
    window.go("all")
    window.list_panel.select_id(entry_id)
    qtbot.waitUntil(lambda: window.editor.entry_id == entry_id, timeout=3000)


def _stored(qtbot, window, journal, entry_id: int, check) -> None:  # noqa: ANN001
    window.autosave.flush()
    qtbot.waitUntil(lambda: check(entries.get_entry(journal, entry_id)), timeout=4000)


def test_diagnoses_and_procedures_typed_as_chips_are_stored_as_the_list(qtbot, journal, window):
    window.actions.new_case.trigger()
    cf = window.editor.case_form
    cf.diagnoses.input.setFocus()
    qtbot.keyClicks(cf.diagnoses.input, "Asthma exacerbation")
    qtbot.keyClick(cf.diagnoses.input, Qt.Key.Key_Return)  # Enter makes a chip
    qtbot.keyClicks(cf.diagnoses.input, "viral URI; hypoxia, mild")  # so does ";"
    assert cf.diagnoses.chip_texts() == ("Asthma exacerbation", "viral URI")
    assert cf.diagnoses.input.text() == "hypoxia, mild"  # a comma belongs to a diagnosis
    qtbot.keyClicks(cf.procedures, "Nebulised salbutamol;")  # keys sent to the field itself
    entry_id = saved_id(qtbot, window)
    _stored(
        qtbot,
        window,
        journal,
        entry_id,
        lambda e: (
            e.case.diagnoses == ("Asthma exacerbation", "viral URI", "hypoxia, mild")
            and e.case.procedures == ("Nebulised salbutamol",)
        ),
    )
    # the text still being typed became a chip when the box was left
    cf.procedures.input.setFocus()
    assert [c.text for c in cf.diagnoses.chips()] == [
        "Asthma exacerbation",
        "viral URI",
        "hypoxia, mild",
    ]


def test_a_chip_goes_with_its_cross_and_with_backspace_in_the_empty_box(
    qtbot, journal, sample, window
):
    case = sample["case"]
    entries.update_entry(
        journal,
        case.id,
        case=CaseFields(diagnoses=("NSTEMI", "Hypokalaemia", "CKD stage 3")),
        tags=("cardiology", "nights"),
    )
    _open(qtbot, window, case.id)
    editor = window.editor
    dx = editor.case_form.diagnoses
    assert dx.chip_texts() == ("NSTEMI", "Hypokalaemia", "CKD stage 3")

    middle = dx.chips()[1]
    qtbot.mouseClick(middle.close_button, Qt.MouseButton.LeftButton)
    assert dx.chip_texts() == ("NSTEMI", "CKD stage 3")
    _stored(
        qtbot, window, journal, case.id, lambda e: e.case.diagnoses == ("NSTEMI", "CKD stage 3")
    )

    # Backspace deletes typed text first, then (in the empty box) the last chip
    editor.tags.input.setFocus()
    qtbot.keyClicks(editor.tags.input, "x")
    qtbot.keyClick(editor.tags.input, Qt.Key.Key_Backspace)
    assert editor.tags.chip_texts() == ("cardiology", "nights")
    qtbot.keyClick(editor.tags.input, Qt.Key.Key_Backspace)
    assert editor.tags.chip_texts() == ("cardiology",)
    _stored(qtbot, window, journal, case.id, lambda e: e.tags == ("cardiology",))


@POPUP
def test_tags_are_added_with_the_completer_and_a_comma(qtbot, journal, sample, window):
    other = sample["feedback"]
    entries.update_entry(journal, other.id, tags=("procedures",))
    case = sample["case"]
    _open(qtbot, window, other.id)  # loads the journal's tags into the completer
    _open(qtbot, window, case.id)
    tags = window.editor.tags
    tags.input.setFocus()
    completer = tags.input.completer()
    assert completer is not None and "procedures" in completer.model().stringList()
    qtbot.keyClicks(tags.input, "proc")
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=2000)
    popup = completer.popup()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tags.chip_texts() == ("procedures",) and tags.input.text() == "")
    qtbot.keyClicks(tags.input, "#night float, ")
    assert tags.chip_texts() == ("procedures", "night float")  # "#" left out
    _stored(qtbot, window, journal, case.id, lambda e: set(e.tags) == {"procedures", "night float"})


@POPUP
def test_a_prompt_is_linked_by_typing_its_words_and_unlinked_with_its_cross(
    qtbot, journal, sample, window
):
    case = sample["case"]
    _open(qtbot, window, case.id)
    editor = window.editor
    target = next(p for p in prompts.list_prompts(journal) if "mistake" in p.text.lower())
    box = editor.prompt_chips.input
    box.setFocus()
    words = "a mistake"
    assert sum(words in p.text.lower() for p in prompts.list_prompts(journal)) == 1
    qtbot.keyClicks(box, words)
    popup = box.completer().popup()
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the one prompt that has these words
    assert editor.prompt_chips.labels() == [target.text]
    _stored(qtbot, window, journal, case.id, lambda e: e.prompt_ids == (target.id,))

    chip = editor.prompt_chips.chips()[0]
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    assert editor.prompt_chips.labels() == []
    _stored(qtbot, window, journal, case.id, lambda e: e.prompt_ids == ())


def test_one_scroll_area_and_the_situation_box_grows_instead_of_scrolling(
    qtbot, journal, sample, window
):
    window.resize(1024, 640)
    case = sample["case"]
    _open(qtbot, window, case.id)
    editor = window.editor
    page = editor.scroll.widget()
    assert page.findChildren(QScrollArea) == []  # no scroll area inside the page's
    visible = [a for a in editor.findChildren(QScrollArea) if a.isVisibleTo(window)]
    assert visible == [editor.scroll]
    situation = editor.case_form.star["situation"]
    situation.setFocus()
    before = situation.height()
    for i in range(30):
        qtbot.keyClicks(situation, f"Line {i + 1} of the situation")
        qtbot.keyClick(situation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: situation.height() > before + 25 * situation.fontMetrics().height())
    for box in page.findChildren(QAbstractScrollArea):
        assert not box.verticalScrollBar().isVisible(), box.objectName()
        assert box.verticalScrollBar().maximum() == 0, box.objectName()  # all of it shown
    # the page follows the cursor: the line being typed is in view
    qtbot.waitUntil(lambda: _in_view(editor))
    assert editor.scroll.verticalScrollBar().value() > 0
    _stored(
        qtbot,
        window,
        journal,
        case.id,
        lambda e: e.case.situation.count("of the situation") == 30,
    )


def _in_view(editor) -> bool:  # noqa: ANN001
    situation = editor.case_form.star["situation"]
    at = situation.viewport().mapTo(editor.scroll.viewport(), situation.cursorRect().center())
    return editor.scroll.viewport().rect().contains(at)


def test_a_feedback_page_has_only_its_own_fields_and_no_gap(qtbot, journal, sample, window):
    window.resize(1024, 640)
    _open(qtbot, window, sample["feedback"].id)
    editor = window.editor
    ff, cf = editor.feedback_form, editor.case_form
    assert ff.isVisibleTo(editor) and not cf.isVisibleTo(editor)
    assert editor.strip.captions() == [
        "Kind",
        "Date",
        "Experience",
        "Giver role",
        "Feedback kind",
        " ",
    ]
    # the forms take the feedback form's height, not the (taller) case form's
    assert editor.forms.height() <= ff.height() + 2
    below = editor.body_caption.mapTo(editor.content, QPoint(0, 0)).y()
    bottom = ff.mapTo(editor.content, QPoint(0, ff.height())).y()
    assert 0 <= below - bottom <= 30
    _open(qtbot, window, sample["reflection"].id)
    assert not editor.forms.isVisibleTo(editor) and not editor.body_caption.isVisibleTo(editor)
    assert editor.strip.captions() == ["Kind", "Date", "Experience"]
    # the notes start right under the strip (once the page is laid out again)
    qtbot.waitUntil(lambda: editor.body.mapTo(editor.content, QPoint(0, 0)).y() < 250)


def test_the_title_is_never_cut_at_1024_by_640(qtbot, journal, sample, window):
    window.resize(1024, 640)
    case = sample["case"]
    long_title = "Chest pain in the ED with a troponin that rose overnight and a late ECG change"
    entries.update_entry(journal, case.id, title=long_title)
    _open(qtbot, window, case.id)
    title = window.editor.title
    assert title.text() == long_title
    viewport = window.editor.scroll.viewport()
    top_left = title.mapTo(viewport, QPoint(0, 0))
    bottom_right = title.mapTo(viewport, QPoint(title.width() - 1, title.height() - 1))
    assert viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)
    # it wraps onto a second line instead of running past the edge, and shows all of it
    assert title.document().firstBlock().layout().lineCount() >= 2
    assert title.verticalScrollBar().maximum() == 0
    assert title.horizontalScrollBar().maximum() == 0
    # Enter moves on instead of breaking the line; the title stays one line of text
    title.setFocus()
    title.end(False)
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert "\n" not in title.toPlainText() and not title.hasFocus()


def test_a_chip_with_an_identifier_is_flagged_and_the_fix_comes_back_as_chips(
    qtbot, journal, window
):
    window.actions.new_case.trigger()
    editor = window.editor
    dx = editor.case_form.diagnoses
    dx.input.setFocus()
    qtbot.keyClicks(dx.input, f"Syncope; call back {PHONE};")
    entry_id = saved_id(qtbot, window)
    qtbot.waitUntil(lambda: [s.field for s in editor.privacy.spots] == ["diagnoses"], timeout=4000)
    first, second = dx.chips()
    qtbot.waitUntil(lambda: second.flagged and not first.flagged, timeout=2000)
    assert PHONE in dx.toolTip()
    assert editor.privacy.apply_fix(editor.privacy.spots[0])
    assert PHONE not in dx.text() and len(dx.chips()) == 2
    _stored(qtbot, window, journal, entry_id, lambda e: PHONE not in "".join(e.case.diagnoses))


def test_text_typed_but_not_made_a_chip_is_saved(qtbot, journal, sample, window):
    case = sample["case"]
    _open(qtbot, window, case.id)
    tags = window.editor.tags
    tags.input.setFocus()
    qtbot.keyClicks(tags.input, "cardiology")  # no Enter, no comma
    _stored(qtbot, window, journal, case.id, lambda e: e.tags == ("cardiology",))


def test_a_trashed_entry_shows_its_chips_without_crosses(qtbot, journal, sample, window):
    case = sample["case"]
    entries.update_entry(journal, case.id, case=CaseFields(diagnoses=("NSTEMI",)), tags=("ed",))
    entries.trash_entry(journal, case.id)
    window.go("trash")
    window.list_panel.select_id(case.id)
    qtbot.waitUntil(lambda: window.editor.entry_id == case.id, timeout=3000)
    editor = window.editor
    for chips in (editor.case_form.diagnoses, editor.tags):
        assert chips.isReadOnly() and chips.input.isReadOnly()
        assert all(not c.close_button.isVisibleTo(editor) for c in chips.chips())
        qtbot.keyClick(chips.input, Qt.Key.Key_Backspace)
        assert len(chips.chips()) == 1
    assert not editor.prompt_button.isEnabled()


def test_the_text_size_setting_reaches_the_story_boxes(qtbot, window, settings, sample):
    _open(qtbot, window, sample["case"].id)
    size = settings.font_size
    window.actions.bigger.trigger()
    star = window.editor.case_form.star["lesson"]
    assert star.font().pointSize() == size + 1 == window.editor.body.font().pointSize()
