"""The History tab of the Imports page: what this planner imported, when, and how it ended.

The ledger itself (``ImportHistory``) lives in the services and is read through the worker;
this table only shows the records it is given, newest first as the ledger returns them, in
the planner's language. The status colours and the date format are shared with the queue,
whose rows warn when a file was already imported on a given day.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.services import imports
from desktop_app.services.imports import ImportRecord, human_size

# Status colours of the queue and the history.
GOOD = QColor("#1b7f3b")
BAD = QColor("#b3261e")
ATTENTION = QColor("#9a5b00")

# History columns.
H_TIME, H_KIND, H_FILE, H_SIZE, H_STATE, H_MSG = range(6)


def when_text(timestamp: float) -> str:
    """A ledger time as the planner reads it: ``2025-11-20 14:05``."""
    return QDateTime.fromSecsSinceEpoch(int(timestamp)).toString("yyyy-MM-dd HH:mm")


class ImportHistoryTable(QTableWidget):
    """One row per import: time, kind, file, size, state and the gateway's message.

    ``language`` is asked at every render, so a change of language shows on the next one.
    """

    def __init__(self, parent: QWidget | None = None, *, language: Callable[[], str]) -> None:
        super().__init__(0, 6, parent)
        self._language = language
        self._records: list[ImportRecord] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(H_MSG, QHeaderView.ResizeMode.Stretch)
        for column, width in ((H_TIME, 130), (H_KIND, 150), (H_FILE, 190), (H_SIZE, 80), (H_STATE, 90)):
            self.setColumnWidth(column, width)

    def show_records(self, records: list[ImportRecord]) -> None:
        self._records = records
        self._render()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Kind"), self.tr("File"), self.tr("Size"), self.tr("State"), self.tr("Message")]
        )
        self._render()

    def _render(self) -> None:
        language = self._language()
        self.setRowCount(len(self._records))
        states = {
            imports.DONE: (self.tr("Done"), GOOD),
            imports.FAILED: (self.tr("Failed"), BAD),
            imports.CANCELLED: (self.tr("Cancelled"), ATTENTION),
            imports.RUNNING: (self.tr("Running"), None),
        }
        for index, record in enumerate(self._records):
            state_text, colour = states.get(record.state, (record.state, None))
            cells = (
                when_text(record.started_at),
                record.kind.display_name(language),
                record.file_name,
                human_size(record.size),
                state_text,
                record.msg.in_language(language) if record.msg else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(record.file_path if column == H_FILE else text)
                if column == H_SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == H_STATE and colour is not None:
                    item.setForeground(QBrush(colour))
                self.setItem(index, column, item)


__all__ = ["ATTENTION", "BAD", "GOOD", "ImportHistoryTable", "when_text"]
