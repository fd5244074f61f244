"""The queue of the Imports page: one row per dropped file, its kind, progress, status and button.

A row is the planner's view of one file on its way to the gateway: the kind can be changed
until the upload starts, the bar shows bytes and speed while it runs, and the status says in
words what happened, with the gateway's details in the tooltip for support. The Imports page
decides what happens to a row (it runs the uploads); this table keeps the rows and draws them.
"""

from __future__ import annotations

import collections
import functools
import itertools
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.gateway.endpoints import ImportKind
from desktop_app.gateway.errors import GatewayError
from desktop_app.services.imports import FileCheck, ImportRecord, Preview, human_size
from desktop_app.ui.import_history import ATTENTION, BAD, GOOD, when_text

# Row states of the queue (the history ledger has its own: running/done/failed/cancelled).
WAITING, UPLOADING, DONE, FAILED, CANCELLED = "waiting", "uploading", "done", "failed", "cancelled"
FINISHED = (DONE, FAILED, CANCELLED)

# Queue columns.
COL_FILE, COL_KIND, COL_SIZE, COL_PROGRESS, COL_STATUS, COL_ACTION = range(6)


class ImportRow:
    """One file of the queue: what the planner chose and how its upload went."""

    _ids = itertools.count(1)

    def __init__(self, check: FileCheck) -> None:
        self.id = next(self._ids)
        self.path = check.path
        self.size = check.size
        self.kind: ImportKind | None = check.kind
        self.state = WAITING
        self.waiting_for_sign_in = False
        self.sha256: str | None = None
        self.already_imported: ImportRecord | None = None
        self.preview: Preview | None = None
        # The upload in progress or last finished.
        self.cancel: threading.Event | None = None
        self.sent = 0
        self.total = 0
        self.samples: collections.deque[tuple[float, int]] = collections.deque()
        self.error: GatewayError | None = None
        self.result_msg = ""
        self.seconds: float | None = None
        # Its cell widgets.
        self.kind_box = QComboBox()
        self.bar = QProgressBar()
        self.button = QPushButton()

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def all_sent(self) -> bool:
        return bool(self.total) and self.sent >= self.total

    def speed(self) -> float | None:
        """Bytes per second over the last few seconds; None until there is enough to say."""
        if len(self.samples) < 2:
            return None
        (t0, b0), (t1, b1) = self.samples[0], self.samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 - t0 >= 0.2 else None


class ImportQueueTable(QTableWidget):
    """The rows of the queue, in the order the files were dropped.

    ``kindChosen(row id, combo index)`` and ``rowButtonClicked(row id)`` report what the
    planner did in a row; ``language`` is asked at every render.
    """

    kindChosen = Signal(int, int)
    rowButtonClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, language: Callable[[], str]) -> None:
        super().__init__(0, 6, parent)
        self._language = language
        self.rows: list[ImportRow] = []
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(34)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_FILE, 190), (COL_KIND, 170), (COL_SIZE, 80), (COL_PROGRESS, 330), (COL_ACTION, 90)):
            self.setColumnWidth(column, width)

    # -- the rows --------------------------------------------------------------------------------

    def append(self, check: FileCheck) -> ImportRow:
        row = ImportRow(check)
        index = len(self.rows)
        self.rows.append(row)
        self.insertRow(index)
        self.setItem(index, COL_FILE, QTableWidgetItem(row.name))
        size_item = QTableWidgetItem(human_size(row.size))
        size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(index, COL_SIZE, size_item)
        self.setItem(index, COL_STATUS, QTableWidgetItem())
        self.fill_kind_box(row)
        row.kind_box.currentIndexChanged.connect(functools.partial(self._on_kind_box_current_index_changed, row.id))
        row.bar.setRange(0, 1000)
        row.bar.setValue(0)
        row.button.clicked.connect(functools.partial(self._on_row_button_clicked, row.id))
        self.setCellWidget(index, COL_KIND, self._padded(row.kind_box))
        self.setCellWidget(index, COL_PROGRESS, self._padded(row.bar))
        self.setCellWidget(index, COL_ACTION, self._padded(row.button))
        self.render(row)
        return row

    def remove(self, row: ImportRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        self.removeRow(index)

    def remove_all(self) -> None:
        self.rows.clear()
        self.setRowCount(0)

    def row_by_id(self, row_id: int) -> ImportRow | None:
        return next((row for row in self.rows if row.id == row_id), None)

    def selected_row(self) -> ImportRow | None:
        selected = self.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(self.rows):
            return None
        return self.rows[selected[0].row()]

    def next_ready(self) -> ImportRow | None:
        """The first row waiting with a kind: the next one to upload."""
        return next((row for row in self.rows if row.state == WAITING and row.kind is not None), None)

    # -- drawing ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Headers, kind names and every row again, in the language now chosen."""
        self.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Kind"), self.tr("Size"), self.tr("Progress"), self.tr("Status"), ""]
        )
        for row in self.rows:
            self.fill_kind_box(row)
            self.render(row)

    def fill_kind_box(self, row: ImportRow) -> None:
        box = row.kind_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("Choose the kind…"), None)
        for kind in ImportKind:
            box.addItem(kind.display_name(self._language()), kind)
        box.setCurrentIndex(box.findData(row.kind) if row.kind is not None else 0)
        box.blockSignals(False)

    def render(self, row: ImportRow) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        file_item = self.item(index, COL_FILE)
        file_item.setToolTip(str(row.path))
        row.kind_box.setEnabled(row.state in (WAITING, FAILED, CANCELLED))
        row.kind_box.setToolTip(self.tr("What this list is; it decides where the gateway imports it"))
        self.render_progress(row)

        text, tooltip, colour = self._status(row)
        status = self.item(index, COL_STATUS)
        status.setText(text)
        status.setToolTip(tooltip or text)
        status.setForeground(QBrush(colour) if colour is not None else QBrush())
        font = QFont(status.font())
        font.setBold(row.state == WAITING and row.kind is None)
        status.setFont(font)

        button = row.button
        button.setToolTip("")
        if row.state == UPLOADING and row.all_sent:
            # Every byte has left: the gateway imports the file whatever the app does now.
            button.setText(self.tr("Cancel"))
            button.setEnabled(False)
            button.setToolTip(self.tr("The whole file has reached the gateway; it can no longer be cancelled"))
        elif row.state == UPLOADING:
            button.setText(self.tr("Cancel"))
            button.setEnabled(not (row.cancel is not None and row.cancel.is_set()))
        elif row.state in (FAILED, CANCELLED):
            button.setText(self.tr("Retry"))
            button.setEnabled(True)
        else:
            button.setText(self.tr("Remove"))
            button.setEnabled(True)
            button.setToolTip(self.tr("Take this file off the list; the file itself is left alone"))

    def render_progress(self, row: ImportRow) -> None:
        """Only the bar: called ten times a second while a file uploads."""
        bar = row.bar
        total = row.total or row.size
        # The request is a little bigger than the file (multipart headers): show the file's bytes.
        sent = min(row.sent, row.size)
        if row.state == UPLOADING:
            self._set_bar_value(bar, int(1000 * row.sent / total) if total else 0)
            speed = row.speed()
            if speed is None:
                text = self.tr("{sent} / {total}").format(sent=human_size(sent), total=human_size(row.size))
            else:
                text = self.tr("{sent} / {total} · {speed}/s").format(
                    sent=human_size(sent), total=human_size(row.size), speed=human_size(int(speed))
                )
        elif row.state == DONE:
            self._set_bar_value(bar, 1000)
            if row.seconds is None or row.seconds < 1:
                text = self.tr("{size} in under a second").format(size=human_size(row.size))
            else:
                text = self.tr("{size} in {seconds} s").format(size=human_size(row.size), seconds=f"{row.seconds:.0f}")
        elif row.state in (FAILED, CANCELLED) and 0 < row.sent < total:
            text = self.tr("Stopped at {sent} / {total}").format(sent=human_size(sent), total=human_size(row.size))
        else:
            self._set_bar_value(bar, 0)
            text = ""
        text = text.replace("%", "%%")  # the bar's format treats % as a placeholder
        if bar.format() != text:
            bar.setFormat(text)

    def _status(self, row: ImportRow) -> tuple[str, str, QColor | None]:
        """Text, tooltip and colour of a row's status cell."""
        if row.state == WAITING:
            if row.kind is None:
                return self.tr("Choose what this list is, then Upload"), "", ATTENTION
            text = self.tr("Waiting for sign-in") if row.waiting_for_sign_in else self.tr("Ready to upload")
            if row.already_imported is not None:
                when = when_text(row.already_imported.started_at)
                warning = self.tr("Already imported on {when}; uploading again imports it twice").format(when=when)
                return f"{text} · {warning}", warning, ATTENTION
            return text, "", None
        if row.state == UPLOADING:
            if row.cancel is not None and row.cancel.is_set():
                return self.tr("Cancelling…"), "", None
            if row.all_sent:
                return self.tr("Sent; waiting for the gateway's answer…"), "", None
            return self.tr("Uploading…"), "", None
        if row.state == DONE:
            text = self.tr("Imported: {msg}").format(msg=row.result_msg) if row.result_msg else self.tr("Imported")
            return text, text, GOOD
        if row.state == CANCELLED:
            return self.tr("Cancelled"), "", ATTENTION
        error = row.error
        if error is None:
            return self.tr("Failed"), "", BAD
        message = error.user_message(self._language())
        details = self.tr("Details: {detail}").format(detail=error.detail) if error.detail else ""
        return message, f"{message}\n\n{details}".strip(), BAD

    @staticmethod
    def _padded(widget: QWidget) -> QWidget:
        """A cell widget with a little air, so combos and bars do not touch the grid lines."""
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(widget)
        return holder

    @staticmethod
    def _set_bar_value(bar: QProgressBar, value: int) -> None:
        if bar.value() != value:
            bar.setValue(value)

    # -- slots -----------------------------------------------------------------------------------

    def _on_kind_box_current_index_changed(self, row_id: int, index: int) -> None:
        self.kindChosen.emit(row_id, index)

    def _on_row_button_clicked(self, row_id: int) -> None:
        self.rowButtonClicked.emit(row_id)


__all__ = [
    "CANCELLED",
    "COL_STATUS",
    "DONE",
    "FAILED",
    "FINISHED",
    "UPLOADING",
    "WAITING",
    "ImportQueueTable",
    "ImportRow",
]
