"""The Imports page: drop master-data lists, check them, upload them one by one, see the history.

A planner drops a handful of spreadsheets at once. Each acceptable file becomes a row of
the queue with its kind guessed from the name (changeable until it is sent); files that
cannot be an import are refused at the drop, with the reason, and never become rows. The
queue starts when the planner presses Upload, so there is time to correct a kind first, and
sends one file at a time: the gateway processes imports one by one anyway, and a single
bar moving is easier to follow than five crawling ones.

Everything that touches a file or the network (checks, hashes, previews, uploads, the
history ledger) runs through ``services.worker``; progress arrives from the worker thread
as a queued Qt signal, so no widget is ever touched off the UI thread.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import itertools
import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDateTime, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.endpoints import ImportKind
from desktop_app.gateway.errors import AuthError, Cancelled, GatewayError
from desktop_app.services import imports
from desktop_app.services.context import AppServices
from desktop_app.services.imports import FileCheck, ImportRecord, Preview, human_size
from desktop_app.text import Text
from desktop_app.ui.drop_zone import DropZone

log = logging.getLogger(__name__)

# Row states of the queue (the history ledger has its own: running/done/failed/cancelled).
WAITING, UPLOADING, DONE, FAILED, CANCELLED = "waiting", "uploading", "done", "failed", "cancelled"
FINISHED = (DONE, FAILED, CANCELLED)

# Queue columns.
COL_FILE, COL_KIND, COL_SIZE, COL_PROGRESS, COL_STATUS, COL_ACTION = range(6)
# History columns.
H_TIME, H_KIND, H_FILE, H_SIZE, H_STATE, H_MSG = range(6)

_GOOD = QColor("#1b7f3b")
_BAD = QColor("#b3261e")
_ATTENTION = QColor("#9a5b00")
_SPEED_WINDOW = 3.0  # seconds of progress samples behind the speed shown
_UNEXPECTED = Text(
    "导入时发生意外错误，详情见日志。", "An unexpected error stopped this import; the log has the details."
)

_NOTICE_STYLE = """
#importNotice { background: #fff4e0; border: 1px solid #e9b44c; border-radius: 6px; }
#importNotice QLabel { color: #4a3200; }
"""


def _check_all(paths: list[Path]) -> list[FileCheck]:
    return [imports.check_file(path) for path in paths]


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


class ImportsPage(QWidget):
    """The Imports section of the main window (see the module docstring)."""

    signInRequired = Signal()
    pendingCountChanged = Signal(int)
    # Emitted from the worker thread during an upload (row id, bytes sent, bytes in total);
    # Qt queues it to this page's thread, which is the only one that touches widgets.
    _uploadProgressed = Signal(int, "qint64", "qint64")

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._rows: list[ImportRow] = []
        self._queue_task: asyncio.Task[None] | None = None
        self._resume_after_sign_in = False
        self._pending = 0
        self._history: list[ImportRecord] = []
        self._history_generation = 0
        self._refused: list[tuple[str, str]] = []
        self._uploadProgressed.connect(self._on_upload_progressed)

        self.drop_zone = DropZone(self)
        self.drop_zone.filesChosen.connect(self._on_drop_zone_files_chosen)

        # Refused files, listed until dismissed or until the next drop.
        self.notice = QFrame(self)
        self.notice.setObjectName("importNotice")
        self.notice.setStyleSheet(_NOTICE_STYLE)
        self.notice_label = QLabel(self.notice)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_close = QToolButton(self.notice)
        self.notice_close.setText("✕")
        self.notice_close.setAutoRaise(True)
        self.notice_close.clicked.connect(self._on_notice_close_clicked)
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(10, 6, 6, 6)
        notice_layout.addWidget(self.notice_label, 1)
        notice_layout.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()

        # The queue.
        self.queue_title = QLabel(self)
        bold = QFont(self.queue_title.font())
        bold.setBold(True)
        self.queue_title.setFont(bold)
        self.summary_label = QLabel(self)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.upload_button = QPushButton(self)
        self.upload_button.setDefault(True)
        self.upload_button.clicked.connect(self._on_upload_clicked)
        self.queue_table = QTableWidget(0, 6, self)
        self.queue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue_table.verticalHeader().hide()
        self.queue_table.verticalHeader().setDefaultSectionSize(34)
        self.queue_table.setWordWrap(False)
        header = self.queue_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_FILE, 190), (COL_KIND, 170), (COL_SIZE, 80), (COL_PROGRESS, 330), (COL_ACTION, 90)):
            self.queue_table.setColumnWidth(column, width)
        self.queue_table.itemSelectionChanged.connect(self._on_queue_selection_changed)

        queue_bar = QHBoxLayout()
        queue_bar.addWidget(self.queue_title)
        queue_bar.addSpacing(12)
        queue_bar.addWidget(self.summary_label, 1)
        queue_bar.addWidget(self.clear_button)
        queue_bar.addWidget(self.upload_button)
        queue_box = QWidget(self)
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addLayout(queue_bar)
        queue_layout.addWidget(self.queue_table)

        # Preview of the selected file, and the history of imports.
        self.preview_note = QLabel(self)
        self.preview_note.setWordWrap(True)
        self.preview_model = QStandardItemModel(self)
        self.preview_table = QTableView(self)
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setDefaultSectionSize(24)
        self.preview_tab = QWidget(self)
        preview_layout = QVBoxLayout(self.preview_tab)
        preview_layout.setContentsMargins(6, 6, 6, 6)
        preview_layout.addWidget(self.preview_note)
        preview_layout.addWidget(self.preview_table, 1)

        self.history_table = QTableWidget(0, 6, self)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().hide()
        self.history_table.verticalHeader().setDefaultSectionSize(24)
        self.history_table.setWordWrap(False)
        history_header = self.history_table.horizontalHeader()
        history_header.setSectionResizeMode(H_MSG, QHeaderView.ResizeMode.Stretch)
        for column, width in ((H_TIME, 130), (H_KIND, 150), (H_FILE, 190), (H_SIZE, 80), (H_STATE, 90)):
            self.history_table.setColumnWidth(column, width)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.preview_tab, "")
        self.tabs.addTab(self.history_table, "")

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(queue_box)
        splitter.addWidget(self.tabs)
        splitter.setSizes([300, 220])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self._retranslate()

    # -- the page's interface toward the main window -----------------------------------------------

    def on_signed_in(self) -> None:
        """Show this planner's history; resume a queue that stopped for sign-in."""
        self.services.worker.spawn(self._after_sign_in(), name="imports: after sign-in")

    def on_signed_out(self) -> None:
        """Stop the running upload and clear the planner's files and history from the screen."""
        self._resume_after_sign_in = False
        for row in self._rows:
            if row.cancel is not None:
                row.cancel.set()
        self._rows.clear()
        self.queue_table.setRowCount(0)
        self._history = []
        self._history_generation += 1
        self._render_history()
        self._show_refusals([])
        self._show_preview(None)
        self._update_summary()

    def add_files(self, paths: Iterable[str | Path]) -> None:
        """Check files (in the worker) and queue the acceptable ones; as if they were dropped."""
        chosen = [Path(path) for path in paths]
        if chosen:
            self.services.worker.spawn(self._add_files(chosen), name="imports: check files")

    def browse(self) -> None:
        self.drop_zone.browse()

    def start_uploads(self) -> None:
        """Upload the waiting rows that have a kind, one after another."""
        if self._queue_task is not None:
            return
        if self.services.session.signed_in is None:
            self._pause_for_sign_in()
            return
        self._resume_after_sign_in = False
        for row in self._rows:
            if row.waiting_for_sign_in:
                row.waiting_for_sign_in = False
                self._render_row(row)
        self._queue_task = self.services.worker.spawn(self._run_queue(), name="imports: upload queue")
        self._update_summary()

    def pending_count(self) -> int:
        return sum(1 for row in self._rows if row.state in (WAITING, UPLOADING))

    def queue_rows(self) -> list[ImportRow]:
        return list(self._rows)

    @property
    def uploading(self) -> bool:
        return self._queue_task is not None

    # -- slots ---------------------------------------------------------------------------------------

    def _on_drop_zone_files_chosen(self, paths: list[str]) -> None:
        self.add_files(paths)

    def _on_upload_clicked(self) -> None:
        self.start_uploads()

    def _on_clear_clicked(self) -> None:
        for row in [row for row in self._rows if row.state in FINISHED]:
            self._remove_row(row)
        self._update_summary()

    def _on_notice_close_clicked(self) -> None:
        self._show_refusals([])

    def _on_kind_box_current_index_changed(self, row_id: int, index: int) -> None:
        row = self._row(row_id)
        if row is None or row.state == UPLOADING:
            return
        row.kind = row.kind_box.itemData(index)
        row.already_imported = None
        self._render_row(row)
        self._update_summary()
        self.services.worker.spawn(self._check_duplicate(row), name="imports: duplicate check")

    def _on_row_button_clicked(self, row_id: int) -> None:
        row = self._row(row_id)
        if row is None:
            return
        if row.state == UPLOADING and row.cancel is not None:
            row.cancel.set()  # the worker notices within one chunk; the row then shows Cancelled
        elif row.state in (FAILED, CANCELLED):
            row.state = WAITING
            row.error = None
            row.sent = 0
        elif row.state in (WAITING, DONE):
            # Not started or already imported: the row just leaves the list.
            self._remove_row(row)
            self._update_summary()
            if self._selected_row() is None:
                self._show_preview(None)
            return
        self._render_row(row)
        self._update_summary()

    @Slot(int, "qint64", "qint64")
    def _on_upload_progressed(self, row_id: int, sent: int, total: int) -> None:
        row = self._row(row_id)
        if row is None or row.state != UPLOADING:
            return  # a late report queued before the upload ended
        now = time.monotonic()
        was_all_sent = row.all_sent
        row.sent, row.total = sent, total
        row.samples.append((now, sent))
        while len(row.samples) > 2 and now - row.samples[0][0] > _SPEED_WINDOW:
            row.samples.popleft()
        if row.all_sent and not was_all_sent:
            self._render_row(row)  # status and Cancel change once the gateway has every byte
        else:
            self._render_progress(row)  # ten times a second: only the bar

    def _on_queue_selection_changed(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.tabs.setCurrentWidget(self.preview_tab)
            if row.preview is None:
                self.services.worker.spawn(self._load_preview(row), name="imports: preview")
        self._show_preview(row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- coroutines (all blocking work through the worker) ----------------------------------------

    async def _add_files(self, paths: list[Path]) -> None:
        checks = await self.services.worker.run(_check_all, paths)
        if not self._alive():
            return
        refused: list[tuple[str, str]] = []
        added: list[ImportRow] = []
        for check in checks:
            name = check.path.name or str(check.path)
            if check.problem is not None:
                refused.append((name, check.problem.in_language(self.services.language)))
            elif any(row.path == check.path and row.state not in FINISHED for row in self._rows):
                refused.append((name, self.tr("It is already in the queue.")))
            else:
                added.append(self._append_row(check))
        self._show_refusals(refused)
        self._update_summary()
        if added and self._selected_row() is None:
            self.queue_table.selectRow(self._rows.index(added[0]))
        for row in added:
            try:
                row.sha256 = await self.services.worker.run(imports.sha256_of, row.path)
            except OSError as exc:
                log.info("cannot hash %s: %s", row.name, exc)  # the upload will say what is wrong
                continue
            if not self._alive():
                return
            await self._check_duplicate(row)

    async def _check_duplicate(self, row: ImportRow) -> None:
        """Warn (without stopping anything) when this very file was imported as this kind before."""
        kind, digest = row.kind, row.sha256
        if kind is None or digest is None or self.services.session.signed_in is None:
            return
        history = self.services.import_history()
        record = await self.services.worker.run(history.last_success_of, digest, kind)
        if self._alive() and row.kind is kind and row in self._rows:
            row.already_imported = record
            self._render_row(row)

    async def _load_preview(self, row: ImportRow) -> None:
        row.preview = await self.services.worker.run(imports.preview, row.path)
        if self._alive() and self._selected_row() is row:
            self._show_preview(row)

    async def _after_sign_in(self) -> None:
        if self.services.session.signed_in is None:
            return
        if self._queue_task is None:
            # Imports left "running" by a crash or a killed app are known to have failed.
            await self.services.worker.run(self.services.import_history().recover_interrupted)
        if not self._alive():
            return
        if self._resume_after_sign_in:
            self.start_uploads()
        await self._refresh_history()
        for row in list(self._rows):
            if row.state == WAITING and row.already_imported is None:
                await self._check_duplicate(row)

    async def _refresh_history(self) -> None:
        if self.services.session.signed_in is None:
            return
        self._history_generation += 1
        generation = self._history_generation
        records = await self.services.worker.run(self.services.import_history().recent)
        if self._alive() and generation == self._history_generation:
            self._history = records
            self._render_history()

    async def _run_queue(self) -> None:
        try:
            while (row := self._next_ready()) is not None:
                if not await self._upload(row):
                    break
        finally:
            self._queue_task = None
            if self._alive():
                self._update_summary()

    async def _upload(self, row: ImportRow) -> bool:
        """Upload one row; False when the queue must stop and wait for sign-in."""
        assert row.kind is not None
        cancel = threading.Event()
        row.state, row.cancel, row.error, row.result_msg = UPLOADING, cancel, None, ""
        row.sent, row.total, row.seconds = 0, row.size, None
        row.samples.clear()
        row.samples.append((time.monotonic(), 0))
        self._render_row(row)
        self._update_summary()
        go_on = True
        try:
            client = self.services.session.require_client()
            result = await self.services.worker.run(
                imports.upload,
                client,
                self.services.import_history(),
                row.kind,
                row.path,
                on_progress=functools.partial(self._uploadProgressed.emit, row.id),
                cancel=cancel,
            )
        except Cancelled:
            row.state = CANCELLED
        except AuthError as exc:
            log.info("import of %s needs sign-in: %s", row.name, exc.detail)
            row.state = WAITING
            go_on = False
        except GatewayError as exc:
            row.state, row.error = FAILED, exc
        except asyncio.CancelledError:
            cancel.set()  # the app is closing: stop the worker's upload too
            raise
        except Exception as exc:
            log.exception("import of %s failed unexpectedly", row.name)
            row.state, row.error = FAILED, GatewayError(_UNEXPECTED, f"{type(exc).__name__}: {exc}")
        else:
            row.state, row.result_msg, row.seconds = DONE, result.msg, result.seconds
        finally:
            row.cancel = None
        if not self._alive():
            return False
        if not go_on:
            self._pause_for_sign_in()
        self._render_row(row)
        self._update_summary()
        self.services.worker.spawn(self._refresh_history(), name="imports: history")
        return go_on

    # -- helpers ---------------------------------------------------------------------------------

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _pause_for_sign_in(self) -> None:
        """Keep every waiting row; resume on the next on_signed_in()."""
        self._resume_after_sign_in = True
        for row in self._rows:
            if row.state == WAITING:
                row.waiting_for_sign_in = True
                self._render_row(row)
        self._update_summary()
        self.signInRequired.emit()

    def _row(self, row_id: int) -> ImportRow | None:
        return next((row for row in self._rows if row.id == row_id), None)

    def _selected_row(self) -> ImportRow | None:
        selected = self.queue_table.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(self._rows):
            return None
        return self._rows[selected[0].row()]

    def _next_ready(self) -> ImportRow | None:
        return next((row for row in self._rows if row.state == WAITING and row.kind is not None), None)

    def _append_row(self, check: FileCheck) -> ImportRow:
        row = ImportRow(check)
        index = len(self._rows)
        self._rows.append(row)
        self.queue_table.insertRow(index)
        self.queue_table.setItem(index, COL_FILE, QTableWidgetItem(row.name))
        size_item = QTableWidgetItem(human_size(row.size))
        size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.queue_table.setItem(index, COL_SIZE, size_item)
        self.queue_table.setItem(index, COL_STATUS, QTableWidgetItem())
        self._fill_kind_box(row)
        row.kind_box.currentIndexChanged.connect(functools.partial(self._on_kind_box_current_index_changed, row.id))
        row.bar.setRange(0, 1000)
        row.bar.setValue(0)
        row.button.clicked.connect(functools.partial(self._on_row_button_clicked, row.id))
        self.queue_table.setCellWidget(index, COL_KIND, self._padded(row.kind_box))
        self.queue_table.setCellWidget(index, COL_PROGRESS, self._padded(row.bar))
        self.queue_table.setCellWidget(index, COL_ACTION, self._padded(row.button))
        self._render_row(row)
        return row

    @staticmethod
    def _padded(widget: QWidget) -> QWidget:
        """A cell widget with a little air, so combos and bars do not touch the grid lines."""
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(widget)
        return holder

    def _remove_row(self, row: ImportRow) -> None:
        index = self._rows.index(row)
        self._rows.pop(index)
        self.queue_table.removeRow(index)

    def _fill_kind_box(self, row: ImportRow) -> None:
        box = row.kind_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("Choose the kind…"), None)
        for kind in ImportKind:
            box.addItem(kind.display_name(self.services.language), kind)
        box.setCurrentIndex(box.findData(row.kind) if row.kind is not None else 0)
        box.blockSignals(False)

    def _status(self, row: ImportRow) -> tuple[str, str, QColor | None]:
        """Text, tooltip and colour of a row's status cell."""
        language = self.services.language
        if row.state == WAITING:
            if row.kind is None:
                return self.tr("Choose what this list is, then Upload"), "", _ATTENTION
            text = self.tr("Waiting for sign-in") if row.waiting_for_sign_in else self.tr("Ready to upload")
            if row.already_imported is not None:
                when = self._when(row.already_imported.started_at)
                warning = self.tr("Already imported on {when}; uploading again imports it twice").format(when=when)
                return f"{text} · {warning}", warning, _ATTENTION
            return text, "", None
        if row.state == UPLOADING:
            if row.cancel is not None and row.cancel.is_set():
                return self.tr("Cancelling…"), "", None
            if row.all_sent:
                return self.tr("Sent; waiting for the gateway's answer…"), "", None
            return self.tr("Uploading…"), "", None
        if row.state == DONE:
            text = self.tr("Imported: {msg}").format(msg=row.result_msg) if row.result_msg else self.tr("Imported")
            return text, text, _GOOD
        if row.state == CANCELLED:
            return self.tr("Cancelled"), "", _ATTENTION
        error = row.error
        if error is None:
            return self.tr("Failed"), "", _BAD
        message = error.user_message(language)
        details = self.tr("Details: {detail}").format(detail=error.detail) if error.detail else ""
        return message, f"{message}\n\n{details}".strip(), _BAD

    def _render_progress(self, row: ImportRow) -> None:
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

    @staticmethod
    def _set_bar_value(bar: QProgressBar, value: int) -> None:
        if bar.value() != value:
            bar.setValue(value)

    def _render_row(self, row: ImportRow) -> None:
        if row not in self._rows:
            return
        index = self._rows.index(row)
        file_item = self.queue_table.item(index, COL_FILE)
        file_item.setToolTip(str(row.path))
        row.kind_box.setEnabled(row.state in (WAITING, FAILED, CANCELLED))
        row.kind_box.setToolTip(self.tr("What this list is; it decides where the gateway imports it"))
        self._render_progress(row)

        text, tooltip, colour = self._status(row)
        status = self.queue_table.item(index, COL_STATUS)
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

    def _update_summary(self) -> None:
        ready = sum(1 for row in self._rows if row.state == WAITING and row.kind is not None)
        unknown = sum(1 for row in self._rows if row.state == WAITING and row.kind is None)
        parts: list[str] = []
        if self._queue_task is not None:
            done = sum(1 for row in self._rows if row.state in FINISHED)
            parts.append(self.tr("Uploading, {done} of {total} finished").format(done=done, total=len(self._rows)))
        elif ready:
            parts.append(self.tr("Ready to upload: {count}").format(count=ready))
        if unknown:
            parts.append(self.tr("Choose a kind for: {count}").format(count=unknown))
        if not self._rows:
            parts.append(self.tr("No files yet"))
        self.summary_label.setText(" · ".join(parts))
        self.upload_button.setEnabled(self._queue_task is None and ready > 0)
        self.clear_button.setEnabled(any(row.state in FINISHED for row in self._rows))
        pending = self.pending_count()
        if pending != self._pending:
            self._pending = pending
            self.pendingCountChanged.emit(pending)

    def _show_refusals(self, refused: list[tuple[str, str]]) -> None:
        self._refused = refused
        if not refused:
            self.notice.hide()
            return
        lines = [self.tr("Not added, nothing was uploaded for these files:")]
        lines += [f"•  {name}: {reason}" for name, reason in refused]
        self.notice_label.setText("\n".join(lines))
        self.notice.show()

    def _show_preview(self, row: ImportRow | None) -> None:
        self.preview_model.clear()
        if row is None:
            self.preview_note.setText(self.tr("Select a file in the queue to see its first rows."))
            return
        if row.preview is None:
            self.preview_note.setText(self.tr("Reading {name}…").format(name=row.name))
            return
        preview = row.preview
        if preview.note is not None:
            self.preview_note.setText(preview.note.in_language(self.services.language))
            return
        if not preview.rows:
            self.preview_note.setText(self.tr("{name} has no rows.").format(name=row.name))
            return
        header, *body = preview.rows
        if len(preview.rows) >= imports.PREVIEW_ROWS:
            note = self.tr("{name}: the first {count} rows").format(name=row.name, count=len(body))
        else:
            note = self.tr("{name}: all {count} rows").format(name=row.name, count=len(body))
        self.preview_note.setText(note)
        width = max(len(line) for line in preview.rows)
        self.preview_model.setColumnCount(width)
        self.preview_model.setHorizontalHeaderLabels(header + [""] * (width - len(header)))
        for line in body:
            self.preview_model.appendRow([QStandardItem(cell) for cell in line])
        self.preview_table.resizeColumnsToContents()

    def _render_history(self) -> None:
        table = self.history_table
        table.setRowCount(len(self._history))
        states = {
            imports.DONE: (self.tr("Done"), _GOOD),
            imports.FAILED: (self.tr("Failed"), _BAD),
            imports.CANCELLED: (self.tr("Cancelled"), _ATTENTION),
            imports.RUNNING: (self.tr("Running"), None),
        }
        for index, record in enumerate(self._history):
            state_text, colour = states.get(record.state, (record.state, None))
            cells = (
                self._when(record.started_at),
                record.kind.display_name(self.services.language),
                record.file_name,
                human_size(record.size),
                state_text,
                record.msg.in_language(self.services.language) if record.msg else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(record.file_path if column == H_FILE else text)
                if column == H_SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == H_STATE and colour is not None:
                    item.setForeground(QBrush(colour))
                table.setItem(index, column, item)

    @staticmethod
    def _when(timestamp: float) -> str:
        return QDateTime.fromSecsSinceEpoch(int(timestamp)).toString("yyyy-MM-dd HH:mm")

    def _retranslate(self) -> None:
        self.queue_title.setText(self.tr("Files to import"))
        self.clear_button.setText(self.tr("Clear finished"))
        self.clear_button.setToolTip(self.tr("Remove imported, failed and cancelled files from the list"))
        self.upload_button.setText(self.tr("Upload"))
        self.upload_button.setToolTip(self.tr("Upload the waiting files one after another"))
        self.notice_close.setToolTip(self.tr("Dismiss"))
        self.queue_table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Kind"), self.tr("Size"), self.tr("Progress"), self.tr("Status"), ""]
        )
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Kind"), self.tr("File"), self.tr("Size"), self.tr("State"), self.tr("Message")]
        )
        self.tabs.setTabText(0, self.tr("Preview"))
        self.tabs.setTabText(1, self.tr("History"))
        for row in self._rows:
            self._fill_kind_box(row)
            self._render_row(row)
        self._render_history()
        self._show_refusals(self._refused)
        self._show_preview(self._selected_row())
        self._update_summary()
