"""Grab the window to PNG files to look at: ``python -m tests.ui.make_screenshots OUTDIR``.

Light and dark, 1280×800 and 1024×640, an empty journal and the sample journal (38 entries
imported through the services), on the Today page, the list with an entry open, a search and
the Prompts page, the Entry History dialog, the editor with possible patient identifiers
underlined and listed beside it, an encrypted journal's dialogs and lock screen
(``security`` as the second argument makes only those), and the practice window, the answer
workspace and the experience and prompt dialogs (``prep``), and the Print dialog's preview of
the study sheet and of the cheat sheet after switching to it (``print``), and the Readiness
and Letters pages with Today's letter reminders (``readiness``).
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


def _print_dialog(app, out: Path, journal, tmp: Path, settle) -> None:  # noqa: ANN001
    """File ▸ Print: the study sheet's preview, then the cheat sheet's after switching to it,
    light and dark."""
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

    for appearance in ("light", "dark"):
        apply_appearance(app, appearance)
        dialog = PrintDialog(journal, SyncRunner())
        dialog.show()
        wait_for_preview(dialog, lambda: None)
        dialog.grab().save(str(out / f"dialog-print-study-{appearance}.png"))
        wait_for_preview(dialog, lambda dialog=dialog: dialog.set_sheet("cheatsheet"))
        dialog.grab().save(str(out / f"dialog-print-cheatsheet-{appearance}.png"))
        dialog.reject()
        dialog.deleteLater()
        settle()


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
    empty = Journal.open(tmp / "empty")
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
    if not only or "prep" in only or "dialog" in only:
        _prep_and_forms(app, out, filled, tmp, settle)
    if not only or "print" in only:
        _print_dialog(app, out, filled, tmp, settle)
    if not only or "readiness" in only:
        _readiness(app, out, tmp, settle)
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
