"""Grab the window to PNG files to look at: ``python -m tests.ui.make_screenshots OUTDIR``.

Light and dark, 1280×800 and 1024×640, an empty journal and the sample journal (38 entries
imported through the services), on the Today page, the list with an entry open, a search and
the Prompts page, the Entry History dialog, the editor with possible patient identifiers
underlined and listed beside it, an encrypted journal's dialogs and lock screen
(``security`` as the second argument makes only those), and the practice window, the answer
workspace and the experience and prompt dialogs (``prep``), interview prep in the main window
(``prepmain``: Today's practice card, coverage, the workspace, the Practice page and a round),
the Print dialog's preview of the study sheet (also with key points only), of the cheat sheet
after switching to it (and zoomed in) and of an empty journal's "nothing to print yet", at both
sizes (``print``); a practice round at both sizes: a question, the reveal and the round's
summary (``practice``); the body's live Markdown with the cursor on one line (``markdown``);
the entry page of a case, a piece of feedback and a reflection (``editor``); the prompt picker
(Ctrl+L) with a case open: its suggestions, a search and its narrowest size (``picker``); the
Readiness and Letters pages with Today's letter reminders (``readiness``); a practice round
with a recording to play back (``recording``); the ERAS composer (``eras``); the Programs,
Contacts and Today pages (``programs``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = {"large": (1280, 800), "small": (1024, 640)}


def _backups_dialog(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """File ▸ Backups with a few backups, light and dark."""
    from imgjournal import backups
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    for reason in ("open", "interval", "before-import", "manual"):
        backups.create_backup(journal.home, reason)
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        win = create_main_window(journal, settings=AppSettings.at(tmp / f"b-{appearance}.ini"))
        win.resize(1280, 800)
        win.show()
        dialog = win.backup_commands.open_backups()
        settle()
        dialog.grab().save(str(out / f"dialog-backups-{appearance}.png"))
        win.grab().save(str(out / f"filled-statusbar-{appearance}.png"))
        dialog.close()
        win.close()
        win.deleteLater()
        settle()


def _privacy_editor(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """The editor with possible identifiers underlined and listed, and Today's count of the
    one-time scan, light and dark."""
    from imgjournal.models import PrivacyState
    from imgjournal.services import entries, privacy
    from imgjournal.services.dto import CaseFields
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    e = entries.create_entry(
        journal,
        "case",
        "Chest pain, call back 555-867-5309",
        body="Mr. Alvarez, a 92-year-old man, came in on 3/14 with chest pain.\n\n"
        "His daughter asked us to call her at (617) 555-0142; he lives on 12 Elm Street "
        "in Springfield. Troponin 0.8, ECG with ST depression in V4-V6. **Lesson:** ask for "
        "the old ECG early.",
        case=CaseFields(chief_complaint="chest pain", situation="Night shift, MRN 00123456."),
    )
    privacy.run_legacy_scan(journal)
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        win = create_main_window(journal, settings=AppSettings.at(tmp / f"p-{appearance}.ini"))
        win.resize(1280, 800)
        win.show()
        settle()
        win.go("today")
        for _ in range(50):
            win.privacy_guard.wait()
            settle()
        win.grab().save(str(out / f"privacy-today-{appearance}.png"))
        win.go("all")
        win.show_entry(e.id)
        for _ in range(50):
            win.privacy_guard.wait()
            settle()
            if win.editor.privacy.spots:
                break
        settle()
        win.grab().save(str(out / f"privacy-editor-{appearance}.png"))
        win.close()
        win.deleteLater()
        settle()
    with journal.session() as s:
        s.merge(PrivacyState(key="legacy_scan", value="seen"))


def _security(app, out: Path, tmp: Path, settle) -> None:  # noqa: ANN001
    """An encrypted journal: the passphrase dialog, Settings with its Security section, the
    lock screen, the first-run screen and the Encrypt dialog, light and dark."""
    from imgjournal import cipher, encryption
    from imgjournal.db import Journal
    from imgjournal.demo import load_sample
    from imgjournal.ui.first_run import FirstRunDialog
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.passphrase_dialog import PassphraseDialog
    from imgjournal.ui.security_page import EncryptDialog, SecurityPage
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.settings_dialog import SettingsDialog
    from imgjournal.ui.theme import apply_appearance

    home = tmp / "secure"
    with Journal.open(home) as j:
        load_sample(j)
    encryption.encrypt_journal(home, "correct horse battery", "the stable door")
    cipher.unlock(home, "correct horse battery")
    journal = Journal.open(home)
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        settings = AppSettings.at(tmp / f"s-{appearance}.ini")
        asking = PassphraseDialog(home, settings)
        asking.show()
        settle()
        asking.grab().save(str(out / f"dialog-passphrase-{appearance}.png"))
        asking.close()
        first = FirstRunDialog(tmp / "new-journal", settings)
        first.show()
        settle()
        first.grab().save(str(out / f"dialog-first-run-{appearance}.png"))
        first.close()
        win = create_main_window(journal, settings=settings)
        win.resize(1280, 800)
        win.show()
        win.go("all")
        settle()
        dialog = SettingsDialog(settings, home, win, security=SecurityPage(win))
        dialog.show()
        settle()
        dialog.grab().save(str(out / f"dialog-settings-security-{appearance}.png"))
        dialog.close()
        encrypt = EncryptDialog(home, [home / "journal.sqlite3.replaced-20260101T080000"], win)
        encrypt.show()
        settle()
        encrypt.grab().save(str(out / f"dialog-encrypt-{appearance}.png"))
        encrypt.close()
        win.screen_lock.lock()
        settle()
        win.grab().save(str(out / f"locked-{appearance}.png"))
        win.screen_lock.unlock("correct horse battery")
        win.close()
        win.deleteLater()
        settle()
    journal.close()


def _prep_and_forms(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """The practice window and the answer workspace on the sample journal, and the experience,
    prompt and prompt-link dialogs (the new-experience form shows its error line), light and
    dark."""
    import random

    from imgjournal.services import entries, experiences, prompts
    from imgjournal.ui.experience_dialog import ExperienceDialog
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.prep import RoundSpec
    from imgjournal.ui.prompt_picker import PromptPicker
    from imgjournal.ui.prompts_view import PromptDialog
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    case = next(e for e in entries.list_entries(journal) if e.kind == "case" and e.prompt_ids)
    rotation = experiences.list_experiences(journal)[0]
    library = prompts.list_prompts(journal)
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        win = create_main_window(journal, settings=AppSettings.at(tmp / f"f-{appearance}.ini"))
        win.resize(1280, 800)
        win.show()
        settle()
        dialogs = {
            "experience-new": ExperienceDialog(parent=win),
            "experience-edit": ExperienceDialog(rotation, parent=win),
            "prompt-edit": PromptDialog(library[3], parent=win),
            "prompt-picker": PromptPicker(library, case.prompt_ids, win),
        }
        for name, dialog in dialogs.items():
            dialog.show()
            settle()
            dialog.grab().save(str(out / f"dialog-{name}-{appearance}.png"))
            dialog.close()
        workspace = win.prep.open_workspace(case.prompt_ids[0])
        settle()
        workspace.grab().save(str(out / f"prep-workspace-{appearance}.png"))
        workspace.close()
        practice = win.prep.practise(RoundSpec("due"), rng=random.Random(1), maximized=False)
        settle()
        practice.grab().save(str(out / f"prep-practice-{appearance}.png"))
        practice.close()
        win.close()
        win.deleteLater()
        settle()


def _prepmain(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """Interview prep in the main window (``prepmain``): Today with its practice card, the
    coverage page, the answer workspace on a prompt with a draft, the Practice page and a round
    in the window; both sizes, light and dark."""
    import random

    from imgjournal.services import prep, prep_stats
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.prep import RoundSpec
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    rows = prep_stats.coverage(journal).rows
    drafted = next((r for r in rows if r.drafts and r.entry_count), None)
    if drafted is None:  # a draft to show: from the first linked case
        storied = next(r for r in rows if r.entry_count)
        prep.create_draft_from_case(journal, storied.prompt_id, storied.entry_ids[0])
        drafted = storied
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            settings = AppSettings.at(tmp / f"prepmain-{appearance}-{size_name}.ini")
            win = create_main_window(journal, settings=settings)
            win.resize(w, h)
            win.show()
            settle()
            shots = {
                "today": lambda win=win: win.go("today"),
                "coverage": lambda win=win: win.go("prep:coverage"),
                "workspace": lambda win=win: win.prep.open_workspace(drafted.prompt_id),
                "practice": lambda win=win: win.go("prep:practice"),
                "round": lambda win=win: win.prep.practise(RoundSpec("due"), rng=random.Random(1)),
            }
            for shot, go in shots.items():
                go()
                settle()
                win.grab().save(str(out / f"prepmain-{shot}-{size_name}-{appearance}.png"))
            win.prep.practice_window.close()
            win.close()
            win.deleteLater()
            settle()


def _print_dialog(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """File ▸ Print at 1280×800 and 1024×640, light and dark: the study sheet's preview, the
    study sheet with key points only, the cheat sheet after switching to it (and zoomed in),
    and an empty journal's "nothing to print yet"."""
    from PySide6.QtCore import QEventLoop, QTimer

    from imgjournal.ui.print_dialog import PrintDialog
    from imgjournal.ui.taskrunner import SyncRunner
    from imgjournal.ui.theme import apply_appearance

    def wait_for_preview(dialog, start) -> None:  # noqa: ANN001
        loop = QEventLoop()
        dialog.preview_ready.connect(loop.quit)
        dialog.preview_failed.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        start()
        loop.exec()
        dialog.preview_ready.disconnect(loop.quit)
        dialog.preview_failed.disconnect(loop.quit)
        settle()

    from imgjournal.services.journals import open_journal

    new = open_journal(tmp / "print-empty")  # as the app makes one: with the prompt library
    sizes = {"1280x800": (1280, 800), "1024x640": (1024, 640)}
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in sizes.items():
            stem = f"{size_name}-{appearance}"
            dialog = PrintDialog(journal, SyncRunner())
            dialog.resize(w, h)
            dialog.show()
            wait_for_preview(dialog, lambda: None)
            dialog.grab().save(str(out / f"dialog-print-study-{stem}.png"))
            wait_for_preview(dialog, lambda d=dialog: d.form.key_points.setChecked(True))
            dialog.preview.verticalScrollBar().setValue(dialog.preview.page_widgets()[1].y())
            settle()
            dialog.grab().save(str(out / f"dialog-print-keypoints-{stem}.png"))
            wait_for_preview(dialog, lambda d=dialog: d.set_sheet("cheatsheet"))
            dialog.grab().save(str(out / f"dialog-print-cheatsheet-{stem}.png"))
            dialog.preview.set_zoom(2.0)
            settle()
            dialog.grab().save(str(out / f"dialog-print-cheatsheet-zoom-{stem}.png"))
            dialog.reject()
            dialog.deleteLater()
            settle()
            dialog = PrintDialog(new, SyncRunner())
            dialog.resize(w, h)
            dialog.show()
            wait_for_preview(dialog, lambda: None)
            dialog.grab().save(str(out / f"dialog-print-empty-{stem}.png"))
            dialog.reject()
            dialog.deleteLater()
            settle()
    new.close()


def _practice(app, out: Path, tmp: Path, settle) -> None:  # noqa: ANN001
    """The practice window on the sample journal (a fresh copy per shot, since rating stores):
    a question, the reveal with its rendered Markdown, and the round's summary; both sizes,
    light and dark (``practice``)."""
    from imgjournal.db import Journal
    from imgjournal.demo import load_sample
    from imgjournal.ui.prep import RoundSpec
    from imgjournal.ui.prep.practice import Phase, PracticeWindow
    from imgjournal.ui.taskrunner import SyncRunner
    from imgjournal.ui.theme import apply_appearance

    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            journal = Journal.open(tmp / f"practice-{appearance}-{size_name}")
            load_sample(journal)
            pw = PracticeWindow(journal, SyncRunner(), RoundSpec("due"))
            pw.resize(w, h)
            pw.show()
            pw.start()
            settle()
            stem = f"practice-{{}}-{size_name}-{appearance}.png"
            pw.grab().save(str(out / stem.format("question")))
            pw.toggle_timer()
            pw._acc_ms = 71_000  # as if answered for 1:11
            pw.toggle_timer()
            pw.toggle_timer()
            pw.reveal()
            settle()
            pw.grab().save(str(out / stem.format("reveal")))
            ratings = iter((3, 2, 4, 1, 3, 3, 2))
            while pw.phase != Phase.SUMMARY:
                if pw.phase == Phase.READY:
                    pw.toggle_timer()
                    pw._acc_ms = 64_000
                    pw.toggle_timer()
                pw.rate(next(ratings, 3))
                settle()
            pw.grab().save(str(out / stem.format("summary")))
            pw.close()
            pw.deleteLater()
            journal.close()
            settle()


MARKDOWN_SAMPLE = "\n".join(
    (
        "## What happened",
        "",
        "Night float, week 2. A **62-year-old** with *new* shortness of breath; the resident "
        "let me take the history and present it. I mixed up the `BNP` and the `troponin` at "
        "first.",
        "",
        "- [x] Presented at the bedside",
        "- [ ] Read about HFpEF vs HFrEF in the [AHA summary](https://example.org/hf)",
        "- Ask about ~~diuretics~~ home medications **first**",
        "",
        "> Slow down before the handover: say the plan out loud.",
        "",
        "---",
        "",
        "```",
        "Na 131 -> recheck in 6 h",
        "K  5.4 -> repeat ECG",
        "```",
        "",
        "### Lesson",
        "",
        "<!-- What will you do differently next time? -->",
        "Ask for the *old* ECG early. 2*3*4 and snake_case_names stay as written.",
    )
)


def _markdown_editor(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """Live Markdown in the body: styled away from the cursor's line, raw on it (the
    cursor is on the line of the bold age), both sizes, light and dark."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QPlainTextEdit

    from imgjournal.services import entries
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.markdown_highlighter import install
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    e = entries.create_entry(journal, "reflection", "Night float: presenting", body=MARKDOWN_SAMPLE)
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            ini = tmp / f"md-{appearance}-{size_name}.ini"
            win = create_main_window(journal, settings=AppSettings.at(ini))
            win.resize(w, h)
            win.show()
            settle()
            win.go("all")
            win.show_entry(e.id)
            settle()
            body = win.editor.body
            body.setFocus()
            cursor = QTextCursor(body.document().findBlockByNumber(2))
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            body.setTextCursor(cursor)
            settle()
            win.grab().save(str(out / f"markdown-editor-{size_name}-{appearance}.png"))
            win.close()
            win.deleteLater()
            settle()
        # The body on its own, tall enough to show every construct.
        edit = QPlainTextEdit()
        edit.setFont(win.editor.body.font())
        edit.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        edit.setPlainText(MARKDOWN_SAMPLE)
        install(edit)
        edit.resize(760, 640)
        edit.show()
        cursor = QTextCursor(edit.document().findBlockByNumber(2))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        edit.setTextCursor(cursor)
        edit.setFocus()
        settle()
        edit.grab().save(str(out / f"markdown-body-{appearance}.png"))
        edit.close()
        edit.deleteLater()
        settle()


def _editor_pages(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """The entry page of a case (top, and scrolled to its story and notes), a piece of
    feedback and a reflection, at both sizes, light and dark (``editor``)."""
    from imgjournal.services import entries
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    listed = entries.list_entries(journal)
    case = next(e for e in listed if e.kind == "case" and e.prompt_ids)
    feedback = next(e for e in listed if e.kind == "feedback")
    reflection = next(e for e in listed if e.kind == "reflection")
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            ini = tmp / f"editor-{appearance}-{size_name}.ini"
            win = create_main_window(journal, settings=AppSettings.at(ini))
            win.resize(w, h)
            win.show()
            win.go("all")
            settle()
            for name, entry in (("case", case), ("feedback", feedback), ("reflection", reflection)):
                win.show_entry(entry.id)
                settle()
                win.grab().save(str(out / f"editor-{name}-{size_name}-{appearance}.png"))
                if name == "case":
                    bar = win.editor.scroll.verticalScrollBar()
                    bar.setValue(bar.maximum())
                    settle()
                    win.grab().save(str(out / f"editor-case-end-{size_name}-{appearance}.png"))
            win.close()
            win.deleteLater()
            settle()


def _prompt_picker(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """Edit ▸ Link Prompts (Ctrl+L) over the sample journal with a case open: the suggestions
    from its words, the categories with their story counts and gaps first; then a search.
    Both window sizes, light and dark."""
    from PySide6.QtCore import QTimer

    from imgjournal.services import entries
    from imgjournal.services.dto import CaseFields
    from imgjournal.services.journals import open_journal
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    # A new journal (all 51 built-in prompts, most without a story) and an invented case.
    fresh = open_journal(tmp / "picker-journal")
    entries.create_entry(fresh, "case", "Sepsis handover", body="The nurse and I worked it out.")
    novel = entries.create_entry(
        fresh,
        "case",
        "Disagreement with the night nurse about a PRN dose",
        body="The nurse refused to give the second dose I had ordered. We had a tense conflict "
        "at the bedside before we talked it through with the charge nurse.",
        tags=("teamwork",),
        case=CaseFields(lesson="Ask what the nurse is seeing before defending the order."),
    )
    sample_case = next(
        e for e in entries.list_entries(journal) if e.title.startswith("Disagreeing")
    )
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for (size_name, (w, h)), (name, j, entry) in (
            (size, pair)
            for size in SIZES.items()
            for pair in (("sample", journal, sample_case), ("new", fresh, novel))
        ):
            ini = tmp / f"picker-{appearance}-{size_name}-{name}.ini"
            win = create_main_window(j, settings=AppSettings.at(ini))
            win.resize(w, h)
            win.show()
            win.go("all")
            win.show_entry(entry.id)
            settle()
            stem = f"picker-{name}-{size_name}-{appearance}"

            def grab(win=win, stem=stem) -> None:  # noqa: ANN001
                picker = win._picker
                settle()
                picker.grab().save(str(out / f"{stem}.png"))
                picker.search.setText("family")
                settle()
                picker.grab().save(str(out / f"{stem}-search.png"))
                picker.resize(picker.minimumSize())
                picker.search.clear()
                settle()
                picker.grab().save(str(out / f"{stem}-narrow.png"))
                picker.reject()

            QTimer.singleShot(0, grab)
            win.record_commands.link_prompts()
            win.close()
            win.deleteLater()
            settle()
    fresh.close()


def _recording(app, out: Path, tmp: Path, settle) -> None:  # noqa: ANN001
    """Say it out loud: the practice window as it is with a microphone (pretended: this machine
    has none) and a recording made (an invented WAV tone), before and after the reveal, and the
    round's summary with it; both sizes, light and dark (``recording``)."""
    from imgjournal.db import Journal
    from imgjournal.demo import load_sample
    from imgjournal.services import recordings
    from imgjournal.ui.prep import RoundSpec, recorder
    from imgjournal.ui.prep.practice import Phase, PracticeWindow
    from imgjournal.ui.taskrunner import SyncRunner
    from imgjournal.ui.theme import apply_appearance
    from tests.core.test_recordings import write_wav

    real = recorder.recording_unavailable
    recorder.recording_unavailable = lambda: None
    try:
        for appearance in ("light", "dark"):
            apply_appearance(app, appearance)
            for size_name, (w, h) in SIZES.items():
                journal = Journal.open(tmp / f"recording-{appearance}-{size_name}")
                load_sample(journal)
                pw = PracticeWindow(journal, SyncRunner(), RoundSpec("due"))
                pw.resize(w, h)
                pw.show()
                pw.start()
                settle()
                stem = f"recording-{{}}-{size_name}-{appearance}.png"
                pw.grab().save(str(out / stem.format("ready")))
                pw.toggle_timer()
                pw._acc_ms = 71_000  # as if answered for 1:11
                pw.toggle_timer()
                wav = write_wav(recordings.new_recording_path(journal, "wav"), 71.0, rate=2000)
                pw.recorder.adopt(wav, 0)
                settle()
                pw.grab().save(str(out / stem.format("recorded")))
                pw.reveal()
                settle()
                pw.grab().save(str(out / stem.format("reveal")))
                while pw.phase != Phase.SUMMARY:  # the round's summary lists the recording
                    if pw.phase == Phase.READY:
                        pw.toggle_timer()
                        pw._acc_ms = 64_000
                        pw.toggle_timer()
                    pw.rate(3)
                    settle()
                pw.grab().save(str(out / stem.format("summary")))
                pw.close()
                pw.deleteLater()
                journal.close()
                settle()
    finally:
        recorder.recording_unavailable = real


def _eras_composer(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """Application ▸ ERAS Experiences: the composer with three experiences drafted from the
    sample journal, one near its limit (amber counter), at both sizes, light and dark
    (``eras``)."""
    from imgjournal.services import eras, experiences
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    listed = experiences.list_experiences(journal)
    if not eras.list_eras_experiences(journal):
        for x in listed[:3]:
            eras.create_eras_experience(
                journal, x.title, experience_ids=[x.id], from_journal=True, position="Student"
            )
        first = eras.list_eras_experiences(journal)[0]
        eras.update_eras_experience(
            journal, first.id, meaningful=True, reflection="It taught me to speak up early."
        )
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            ini = tmp / f"eras-{appearance}-{size_name}.ini"
            win = create_main_window(journal, settings=AppSettings.at(ini))
            win.resize(w, h)
            win.show()
            settle()
            win.open_eras()
            composer = win.eras_window
            composer.resize(w, h)
            settle()
            composer.list.setCurrentRow(0)
            settle()
            composer.grab().save(str(out / f"eras-composer-{size_name}-{appearance}.png"))
            text = composer.description.toPlainText()
            composer.description.setPlainText((text + " ") * 3)
            settle()
            composer.grab().save(str(out / f"eras-over-{size_name}-{appearance}.png"))
            composer.dirty = False
            composer.close()
            win.close()
            win.deleteLater()
            settle()


def _programs(app, out: Path, tmp: Path, settle) -> None:  # noqa: ANN001
    """The Programs page (a program with its reasons), the Contacts page and Today's
    follow-ups (issue 19): the sample journal, which has four programs and three contacts,
    with a profile that needs a visa; both sizes, light and dark."""
    from datetime import date

    from imgjournal.demo import load_sample
    from imgjournal.services import profile
    from imgjournal.services.journals import open_journal
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    journal = open_journal(tmp / "programs")
    load_sample(journal)
    profile.set_profile(
        journal, specialties=["Internal Medicine"], season=date.today().year + 1,
        needs_visa=True,
    )  # fmt: skip
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            win = create_main_window(
                journal, settings=AppSettings.at(tmp / f"p-{appearance}-{size_name}.ini")
            )
            win.resize(w, h)
            win.show()
            settle()
            for key in ("programs", "contacts", "today"):
                win.go(key)
                settle()
                if key == "programs":
                    win.programs.programs_view.select(1)
                    settle()
                win.grab().save(str(out / f"programs-{key}-{size_name}-{appearance}.png"))
            win.close()
            win.deleteLater()
            settle()
    journal.close()


def main(out: Path, only: str = "") -> int:
    from PySide6.QtWidgets import QApplication

    from imgjournal.db import Journal
    from imgjournal.demo import load_sample
    from imgjournal.services import entries
    from imgjournal.ui.app import make_application
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    app = make_application(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="imgjournal-shots-"))
    from imgjournal.services.journals import open_journal

    empty = open_journal(tmp / "empty")  # as the app makes one: with the built-in prompts
    filled = Journal.open(tmp / "filled")
    load_sample(filled)
    case = next(e for e in entries.list_entries(filled) if e.kind == "case" and e.prompt_ids)
    _make_revisions(filled, case)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            for name, journal in (("empty", empty), ("filled", filled)):
                settings = AppSettings.at(tmp / f"{appearance}-{size_name}-{name}.ini")
                win = create_main_window(journal, settings=settings)
                win.resize(w, h)
                win.show()
                settle()
                shots = {"today": lambda win=win: win.go("today")}
                if name == "filled":
                    shots["entry"] = lambda win=win: (win.go("all"), win.show_entry(case.id))
                    shots["search"] = lambda win=win: (
                        win.view_commands.focus_search(),
                        win.list_panel.search.setText("ED pres"),
                    )
                    shots["prompts"] = lambda win=win: (
                        win.list_panel.search.clear(),
                        win.go("prompts"),
                        win.prompts_view.select_prompt(case.prompt_ids[0]),
                    )
                    shots["history"] = lambda win=win: (
                        win.go("all"),
                        win.show_entry(case.id),
                        win.record_commands.open_history(),
                        win.history_dialog.select_rev(2),
                    )
                else:
                    shots["list"] = lambda win=win: win.go("all")
                for shot, go in shots.items():
                    stem = f"{name}-{shot}-{size_name}-{appearance}"
                    if only and only not in stem:
                        continue
                    go()
                    settle()
                    target = win.history_dialog if shot == "history" else win
                    target.grab().save(str(out / f"{stem}.png"))
                    if shot == "history":
                        win.history_dialog.reject()
                        settle()
                win.close()
                win.deleteLater()
                settle()
    if not only or "backups" in only:
        _backups_dialog(app, out, filled, tmp, settle)
    if not only or "privacy" in only:
        _privacy_editor(app, out, filled, tmp, settle)
    if not only or "security" in only:
        _security(app, out, tmp, settle)
    if not only or only == "prep" or "dialog" in only:
        _prep_and_forms(app, out, filled, tmp, settle)
    if not only or "prepmain" in only:
        _prepmain(app, out, filled, tmp, settle)
    if not only or "picker" in only:
        _prompt_picker(app, out, filled, tmp, settle)
    if not only or "print" in only:
        _print_dialog(app, out, filled, tmp, settle)
    if not only or "practice" in only:
        _practice(app, out, tmp, settle)
    if not only or "markdown" in only:
        _markdown_editor(app, out, filled, tmp, settle)
    if not only or "editor" in only:
        _editor_pages(app, out, filled, tmp, settle)
    if not only or "readiness" in only:
        _readiness(app, out, tmp, settle)
    if not only or "recording" in only:
        _recording(app, out, tmp, settle)
    if not only or "eras" in only:
        _eras_composer(app, out, filled, tmp, settle)
    if not only or "programs" in only:
        _programs(app, out, tmp, settle)
    empty.close()
    filled.close()
    print(f"screenshots in {out}")
    QApplication.processEvents()
    return 0


def _readiness(app, out: Path, tmp: Path, settle) -> None:  # noqa: ANN001
    """The Readiness page, the Letters page and Today's letter reminders (issue 18): the
    sample journal with a profile and three letters, both sizes, light and dark."""
    from datetime import date, timedelta

    from imgjournal.demo import load_sample
    from imgjournal.services import experiences, letters, profile
    from imgjournal.services.journals import open_journal
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.theme import apply_appearance

    journal = open_journal(tmp / "ready")  # with the built-in prompts ("explain the gap")
    load_sample(journal)
    profile.set_profile(
        journal, specialties=["Internal Medicine"], season=date.today().year + 1,
        graduation_year=date.today().year - 3, needs_visa=True,
    )  # fmt: skip
    xs = {x.kind: x for x in reversed(experiences.list_experiences(journal)) if x.is_us}
    today = date.today()
    ext = xs["externship"]
    lt = letters.create_letter(
        journal, ext.supervisor, experience_id=ext.id, status="asked",
        on_date=today - timedelta(days=40), writer_title="Clerkship director",
        due_date=today + timedelta(days=10), waived=True,
    )  # fmt: skip
    letters.set_letter_status(journal, lt.id, "agreed", today - timedelta(days=21))
    rot = xs["rotation"]
    up = letters.create_letter(
        journal, rot.supervisor, experience_id=rot.id, status="uploaded",
        on_date=today - timedelta(days=5), eras_letter_id="L0123456",
    )  # fmt: skip
    letters.assign_letter(journal, up.id, "Mercy Hospital Internal Medicine")
    letters.create_letter(journal, "Prof. Hany Abdelrahman", status="identified",
                          writer_is_us=False)  # fmt: skip
    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        for size_name, (w, h) in SIZES.items():
            win = create_main_window(
                journal, settings=AppSettings.at(tmp / f"r-{appearance}-{size_name}.ini")
            )
            win.resize(w, h)
            win.show()
            settle()
            for shot, key in (("readiness", "readiness"), ("letters", "letters"),
                              ("today", "today")):  # fmt: skip
                win.go(key)
                settle()
                if key == "letters":
                    win.readiness.letters_view.select(lt.id)
                    settle()
                win.grab().save(str(out / f"readiness-{shot}-{size_name}-{appearance}.png"))
            win.close()
            win.deleteLater()
            settle()
    journal.close()


def _make_revisions(journal, case) -> None:  # noqa: ANN001
    """Three edits of ``case`` 15 minutes apart, so its history has something to show."""
    from datetime import UTC, datetime, timedelta

    from imgjournal.services import entries

    start = datetime.now(UTC) - timedelta(hours=2)
    body = case.body
    edits = (
        body.replace("the", "our", 1) + "\n\nFollow-up: the team thanked me for the handover.",
        body.replace("the", "our", 1) + "\n\nFollow-up: the attending asked me to present it.",
        body + "\n\nLesson: say the plan out loud before leaving the room.",
    )
    for i, text in enumerate(edits):
        entries.update_entry(journal, case.id, body=text, now=start + timedelta(minutes=15 * i))


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else ""))
