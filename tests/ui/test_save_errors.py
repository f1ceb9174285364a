"""Saving when the disk is full, the journal read-only or locked: the app's real window, with
the failure injected into the connections it writes with (SQLite pragmas, a lock held by
another connection). The text stays in the editor, one banner says what to do, the journal
keeps the last good save, and the retry saves it once the cause is gone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from imgjournal.limits import MAX_BODY_BYTES, MAX_TITLE_CHARS
from imgjournal.sqlite import dbapi as sqlite3
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.autosave import NOT_SAVED, SAVED

UNLIMITED_PAGES = 1_073_741_823


class Pragmas:
    """Pragmas run each time the journal takes a connection for a unit of work."""

    def __init__(self) -> None:
        self.now: list[str] = []

    def __call__(self, dbapi_conn: sqlite3.Connection, *_: object) -> None:
        for pragma in self.now:
            dbapi_conn.execute(pragma)


@pytest.fixture
def pragmas() -> Iterator[Pragmas]:
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    p = Pragmas()
    event.listen(Pool, "checkout", p)
    yield p
    event.remove(Pool, "checkout", p)


def _stored_body(journal, entry_id: int) -> str:
    con = sqlite3.connect(f"file:{journal.db_path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT body FROM entries WHERE id = ?", (entry_id,)).fetchone()[0]
    finally:
        con.close()


def _banner(window) -> str:
    return window.save_error_text()


def _open(window, qtbot, entry_id: int):
    window.go("all")
    window.list_panel.select_id(entry_id)
    window.autosave._retry.setInterval(100)
    body = window.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    return body


def _paste(qtbot, widget, text: str) -> None:
    QApplication.clipboard().setText(text)
    widget.paste()


@pytest.mark.parametrize(
    ("fail", "lift", "sentence"),
    [
        (
            # max_page_count cannot shrink a database: 1 means "not one page more".
            ["PRAGMA max_page_count = 1"],
            [f"PRAGMA max_page_count = {UNLIMITED_PAGES}"],
            "The disk is full; free some space — imgjournal keeps trying and your text is safe "
            "in the editor.",
        ),
        (
            ["PRAGMA query_only = ON"],  # read-only for root too, unlike chmod
            ["PRAGMA query_only = OFF"],
            "is read-only; make it writable or choose another one in Settings — imgjournal "
            "keeps trying and your text is safe in the editor.",
        ),
    ],
)
def test_a_failing_save_shows_one_banner_keeps_the_text_and_retries(
    qtbot, journal, sample, window, pragmas, fail, lift, sentence
):
    entry_id = sample["reflection"].id
    body = _open(window, qtbot, entry_id)
    pragmas.now = fail
    qtbot.keyClicks(body, " Night float notes.")
    _paste(qtbot, body, "\nlactate rising, fluids given" * 2000)  # 60 kB: new pages
    typed = body.toPlainText()
    qtbot.waitUntil(lambda: window.autosave.state == NOT_SAVED, timeout=4000)
    qtbot.waitUntil(lambda: window.editor.error_banner.isVisibleTo(window))
    assert _banner(window).endswith(sentence)
    assert body.toPlainText() == typed
    assert _stored_body(journal, entry_id) == "Tired."  # the last good save, nothing half-written
    # The retries fail again and again: still one banner, no dialog.
    saves = window.autosave.saves
    failures: list[BaseException] = []
    window.autosave.error.connect(failures.append)
    qtbot.keyClicks(body, " More.")
    typed = body.toPlainText()
    qtbot.waitUntil(lambda: len(failures) >= 3, timeout=4000)  # retries every 100 ms
    assert QApplication.activeModalWidget() is None
    banners = [w for w in window.findChildren(QLabel) if w.text().endswith(sentence)]
    assert len(banners) == 1 and window.autosave.saves == saves
    assert _stored_body(journal, entry_id) == "Tired."

    pragmas.now = lift
    qtbot.waitUntil(lambda: _stored_body(journal, entry_id) == typed, timeout=4000)
    qtbot.waitUntil(lambda: window.autosave.state == SAVED)
    assert not window.editor.error_banner.isVisibleTo(window) and _banner(window) == ""
    assert body.toPlainText() == typed


def test_a_journal_locked_by_another_program_and_try_again_now(
    qtbot, journal, sample, window, pragmas
):
    entry_id = sample["reflection"].id
    body = _open(window, qtbot, entry_id)
    window.autosave._retry.setInterval(60_000)  # only the button retries here
    pragmas.now = ["PRAGMA busy_timeout = 0"]  # (5 s of waiting on each try otherwise)
    other = sqlite3.connect(journal.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        qtbot.keyClicks(body, " Locked out.")
        window.autosave.flush()
        assert window.autosave.state == NOT_SAVED
        assert _banner(window) == (
            "The journal is busy in another program; close the other program — imgjournal "
            "keeps trying and your text is safe in the editor."
        )
        assert _stored_body(journal, entry_id) == "Tired."
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.mouseClick(window.editor.retry_button, __import__("PySide6").QtCore.Qt.LeftButton)
    assert _stored_body(journal, entry_id) == "Tired. Locked out."
    assert window.autosave.state == SAVED and _banner(window) == ""


def test_the_banner_follows_the_cause(qtbot, journal, sample, window, pragmas):
    entry_id = sample["reflection"].id
    body = _open(window, qtbot, entry_id)
    window.autosave._retry.setInterval(60_000)
    pragmas.now = ["PRAGMA query_only = ON"]
    qtbot.keyClicks(body, " x")
    window.autosave.flush()
    assert "read-only" in _banner(window)
    pragmas.now = ["PRAGMA query_only = OFF", "PRAGMA max_page_count = 1"]
    _paste(qtbot, body, "\ny y y y y y y y y" * 3_000)
    window.autosave.flush()
    assert _banner(window).startswith("The disk is full; free some space")
    pragmas.now = [f"PRAGMA max_page_count = {UNLIMITED_PAGES}"]
    window.autosave.flush()
    assert _banner(window) == "" and _stored_body(journal, entry_id) == body.toPlainText()


def test_io_errors_from_real_calls_get_their_sentence(tmp_path):
    import errno

    a_file = tmp_path / "file"
    a_file.write_text("this is no database at all\n" * 100)
    try:
        (a_file / "journal.sqlite3").open("w")  # a folder that is a file: ENOTDIR
    except OSError as exc:
        notdir = exc
    assert ui_errors.describe(notdir, tmp_path) == (
        "The journal could not be written (Not a directory); check the disk and its "
        "connection — imgjournal keeps trying and your text is safe in the editor."
    )
    assert ui_errors.describe(notdir, tmp_path, saving=False) == (
        "Writing to the disk failed (Not a directory); check the disk and its connection, "
        "then try again."
    )
    full = OSError(errno.ENOSPC, "No space left on device")
    assert ui_errors.describe(full).startswith("The disk is full; free some space — ")
    ro = OSError(errno.EROFS, "Read-only file system")
    assert ui_errors.describe(ro, tmp_path, saving=False) == (
        f"The journal folder ({tmp_path}) is read-only; make it writable or choose another one "
        "in Settings, then try again."
    )
    con = sqlite3.connect(f"file:{a_file}?mode=ro", uri=True)
    try:
        con.execute("SELECT 1 FROM sqlite_master")
    except sqlite3.DatabaseError as exc:
        damaged = exc
    assert ui_errors.describe(damaged, tmp_path).startswith("The journal database is damaged;")


def test_a_paste_past_the_body_limit_is_refused_with_a_notice(qtbot, journal, sample, window):
    entry_id = sample["reflection"].id
    body = _open(window, qtbot, entry_id)
    # Lines of 100 bytes: Qt takes most of a minute to lay out a single 1 MB line.
    big = ("z" * 99 + "\n") * (MAX_BODY_BYTES // 100)
    _paste(qtbot, body, big)  # with "Tired." it is 6 bytes too many
    assert body.toPlainText() == "Tired."
    banner = window.editor.limit_banner
    assert banner.isVisibleTo(window)
    assert banner.findChild(QLabel, "limitBannerText").text() == (
        "Nothing was pasted: it would make the body more than 1 MB, and it holds at most 1 MB — "
        "split it into several entries."
    )
    body.selectAll()  # replacing the whole text, the same paste fits
    _paste(qtbot, body, big)
    assert len(body.toPlainText()) == MAX_BODY_BYTES
    qtbot.waitUntil(lambda: _stored_body(journal, entry_id) == big, timeout=4000)
    # a title past its limit: the notice says what was left out
    title = window.editor.title
    title.selectAll()
    _paste(qtbot, title, "t" * (MAX_TITLE_CHARS + 50))
    assert len(title.text()) == MAX_TITLE_CHARS
    assert banner.findChild(QLabel, "limitBannerText").text() == (
        "The title holds at most 200 characters; what went past that was not added."
    )
    qtbot.mouseClick(
        window.editor.findChild(type(window.editor.retry_button), "limitBannerDismiss"),
        __import__("PySide6").QtCore.Qt.LeftButton,
    )
    assert not banner.isVisibleTo(window)


def test_a_star_field_refuses_a_paste_past_its_limit(qtbot, journal, sample, window):
    window.go("all")
    window.list_panel.select_id(sample["case"].id)
    field = window.editor.case_form.star["lesson"]
    _paste(qtbot, field, "l" * 10_001)
    assert field.toPlainText() == ""
    assert window.editor.limit_banner.findChild(QLabel, "limitBannerText").text() == (
        "Nothing was pasted: it would make the lesson 10,001 characters long, and it holds at "
        "most 10,000."
    )


def test_text_typed_past_the_body_limit_is_kept_and_the_banner_says_what_to_shorten(
    qtbot, journal, sample, window
):
    entry_id = sample["reflection"].id
    body = _open(window, qtbot, entry_id)
    # Typed, not pasted (an input method, a very long session): nothing refuses it.
    body.insertPlainText(("w" * 99 + "\n") * (MAX_BODY_BYTES // 100))
    window.autosave.flush()
    assert window.autosave.state == NOT_SAVED
    assert _banner(window) == (
        "The body is more than 1 MB; it can hold at most 1 MB — split it into several entries."
    )
    assert len(body.toPlainText()) == MAX_BODY_BYTES + len("Tired.")  # not cut short
    assert _stored_body(journal, entry_id) == "Tired."
    cursor = body.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    for _ in range(len("Tired.")):
        cursor.deleteChar()
    body.setTextCursor(cursor)
    window.autosave.flush()
    assert window.autosave.state == SAVED and _banner(window) == ""
    assert _stored_body(journal, entry_id) == body.toPlainText()


def test_a_failed_save_leaves_no_entry_text_in_the_log(qtbot, journal, sample, window, pragmas):
    """The log may name the failure, never what was written (the title, the body)."""
    import io
    import logging

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        body = _open(window, qtbot, sample["reflection"].id)
        pragmas.now = ["PRAGMA query_only = ON"]
        qtbot.keyClicks(body, " Secret-ish words Zanzibar.")
        qtbot.waitUntil(lambda: window.autosave.state == NOT_SAVED, timeout=4000)
        pragmas.now = ["PRAGMA query_only = OFF"]
        qtbot.waitUntil(lambda: window.autosave.state == SAVED, timeout=4000)
    finally:
        root.removeHandler(handler)
    logged = stream.getvalue()
    assert "autosave failed" in logged and "readonly" in logged.lower()  # the failure is there
    assert "Zanzibar" not in logged and "Tired" not in logged
    assert sample["reflection"].title not in logged
