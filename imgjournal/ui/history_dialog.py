"""Entry ▸ History: the revisions kept of the open entry, each compared with the text now,
and Restore.

The dialog only talks to :mod:`imgjournal.services.history` through the task runner; the main
window flushes the autosave before it opens it and shows the restored entry after
:attr:`HistoryDialog.restored` fires.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.services import history
from imgjournal.ui.taskrunner import Ops, Runner

log = logging.getLogger(__name__)

REV_ROLE = Qt.ItemDataRole.UserRole + 40
KEPT = {"edit": "while editing", "left": "on leaving", "restore": "before a restore"}
EMPTY = (
    "No earlier versions of this entry yet. One is kept every 10 minutes while you edit it, "
    "and one when you move to another entry."
)
LEGEND = (
    "Compared with the text now: <span style='{ins}'>green</span> was added since this "
    "version, <span style='{dele}'>red, struck through</span> was in it and is gone now."
)


def diff_styles(palette: QPalette) -> tuple[str, str]:
    """CSS for inserted and deleted text that reads on the palette's light or dark base."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if dark:
        ins = "background-color:#1e4620; color:#c8f5c8;"
        dele = "background-color:#5c1e1e; color:#ffd0d0; text-decoration:line-through;"
    else:
        ins = "background-color:#d3f4d3; color:#0b4a12;"
        dele = "background-color:#fbd6d6; color:#7d0d0d; text-decoration:line-through;"
    return ins, dele


def segments_html(segments: list[tuple[str, str]], palette: QPalette) -> str:
    """(op, text) segments of :func:`imgjournal.services.history.inline_diff` as HTML."""
    ins, dele = diff_styles(palette)
    out = []
    for op, text in segments:
        escaped = html.escape(text).replace("\n", "<br/>")
        if op == "insert":
            out.append(f"<span style='{ins}'>{escaped}</span>")
        elif op == "delete":
            out.append(f"<span style='{dele}'>{escaped}</span>")
        else:
            out.append(escaped)
    return "".join(out)


def diff_html(diff: history.RevisionDiff, palette: QPalette) -> str:
    title = segments_html(diff.title, palette)
    body = segments_html(diff.body, palette) or "<i>(no text)</i>"
    parts = [f"<p style='font-size:large'><b>{title}</b></p>"]
    if diff.fields_changed:
        fields = ", ".join(diff.fields_changed)
        parts.append(
            f"<p><i>Also different: {html.escape(fields)}. Restore brings these back too.</i></p>"
        )
    parts.append(f"<div style='white-space:pre-wrap'>{body}</div>")
    return "".join(parts)


class HistoryDialog(QDialog):
    restored = Signal(object)  # history.Restored

    def __init__(
        self,
        journal: Journal,
        runner: Runner,
        entry_id: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History of “{title}”")
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        self.entry_id = entry_id
        self.revisions: list[history.RevisionDTO] = []

        self.list = QTreeWidget()
        self.list.setObjectName("historyList")
        self.list.setAccessibleName("Revisions")
        self.list.setHeaderLabels(["Saved", "Words", "Characters", "Kept", "Rev"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setMinimumWidth(360)

        self.legend = QLabel()
        self.legend.setObjectName("historyLegend")
        self.legend.setWordWrap(True)
        self.diff = QTextBrowser()
        self.diff.setObjectName("historyDiff")
        self.diff.setAccessibleName("Differences from the text now")
        self.diff.setOpenLinks(False)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.legend)
        rl.addWidget(self.diff, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.list)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setChildrenCollapsible(False)

        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Restore This Version")
        self.restore_button.setObjectName("historyRestore")
        self.restore_button.setToolTip(
            "Give the entry this version's text again; the text it has now is kept as a "
            "version first, so you can go back"
        )
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)

        lay = QVBoxLayout(self)
        lay.addWidget(self.split, 1)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.resize(980, 620)

        self.list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self._set_legend()
        self.reload()

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        self.ops.run(
            history.list_revisions,
            self.entry_id,
            on_done=self._show_list,
            on_error=self._failed,
            key="history-list",
        )

    def _show_list(self, items: list[history.RevisionDTO]) -> None:
        self.revisions = items
        self.list.clear()
        for r in items:
            saved = r.saved.astimezone()
            row = QTreeWidgetItem(
                [
                    f"{saved.day} {saved:%b %Y, %H:%M}",
                    str(r.words),
                    str(r.size),
                    KEPT.get(r.reason, r.reason),
                    str(r.rev),
                ]
            )
            row.setData(0, REV_ROLE, r.rev)
            row.setToolTip(0, f"Revision {r.rev}: “{r.title}”")
            row.setToolTip(4, "The revision number `imgjournal history` shows")
            for col in (1, 2, 4):
                row.setTextAlignment(
                    col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            self.list.addTopLevelItem(row)
        if items:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.diff.setPlainText(EMPTY)
            self.restore_button.setEnabled(False)

    def selected_rev(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, REV_ROLE))

    def select_rev(self, rev: int) -> bool:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, REV_ROLE) == rev:
                self.list.setCurrentItem(item)
                return True
        return False

    def _selection_changed(self) -> None:
        rev = self.selected_rev()
        self.restore_button.setEnabled(rev is not None)
        if rev is None:
            return
        self.ops.run(
            history.compare,
            self.entry_id,
            rev,
            on_done=self._show_diff,
            on_error=self._failed,
            key="history-diff",
        )

    def _show_diff(self, diff: history.RevisionDiff) -> None:
        if diff.revision.rev != self.selected_rev():
            return
        self.diff.setHtml(diff_html(diff, self.palette()))

    def _set_legend(self) -> None:
        ins, dele = diff_styles(self.palette())
        self.legend.setText(LEGEND.format(ins=ins, dele=dele))

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._set_legend()
            self._selection_changed()

    # -- restoring -----------------------------------------------------------------------
    def restore_selected(self) -> None:
        rev = self.selected_rev()
        if rev is None:
            return
        self.restore_button.setEnabled(False)
        self.ops.run(
            history.restore_revision,
            self.entry_id,
            rev,
            on_done=self._restored,
            on_error=self._failed,
        )

    def _restored(self, done: history.Restored) -> None:
        self.restored.emit(done)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, JournalError):
            log.info("history: %s", exc)
        else:
            log.error("history failed", exc_info=exc)
        self.message.setText(ui_errors.describe(exc, self.journal.home, saving=False))
        self.message.setVisible(True)
        self.restore_button.setEnabled(self.selected_rev() is not None)
