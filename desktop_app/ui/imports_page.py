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

The rows and their drawing live in ``import_queue``, the two tabs below it in
``import_preview`` and ``import_history``; this module runs the queue and talks to the worker.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.errors import AuthError, Cancelled, GatewayError
from desktop_app.services import imports
from desktop_app.services.context import AppServices
from desktop_app.services.imports import FileCheck
from desktop_app.text import Text
from desktop_app.ui.drop_zone import DropZone
from desktop_app.ui.import_history import ImportHistoryTable
from desktop_app.ui.import_preview import ImportPreview
from desktop_app.ui.import_queue import (
    CANCELLED,
    DONE,
    FAILED,
    FINISHED,
    UPLOADING,
    WAITING,
    ImportQueueTable,
    ImportRow,
)

log = logging.getLogger(__name__)

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
        self._queue_task: asyncio.Task[None] | None = None
        self._resume_after_sign_in = False
        self._pending = 0
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
        self.queue_table = ImportQueueTable(self, language=self._language)
        self.queue_table.kindChosen.connect(self._on_queue_table_kind_chosen)
        self.queue_table.rowButtonClicked.connect(self._on_queue_table_row_button_clicked)
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
        self.preview_tab = ImportPreview(self, language=self._language)
        self.preview_note = self.preview_tab.preview_note
        self.preview_model = self.preview_tab.preview_model
        self.preview_table = self.preview_tab.preview_table
        self.history_table = ImportHistoryTable(self, language=self._language)

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
        self.queue_table.remove_all()
        self._history_generation += 1
        self.history_table.show_records([])
        self._show_refusals([])
        self.preview_tab.show_row(None)
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
                self.queue_table.render(row)
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
            self.queue_table.remove(row)
        self._update_summary()

    def _on_notice_close_clicked(self) -> None:
        self._show_refusals([])

    def _on_queue_table_kind_chosen(self, row_id: int, index: int) -> None:
        row = self.queue_table.row_by_id(row_id)
        if row is None or row.state == UPLOADING:
            return
        row.kind = row.kind_box.itemData(index)
        row.already_imported = None
        self.queue_table.render(row)
        self._update_summary()
        self.services.worker.spawn(self._check_duplicate(row), name="imports: duplicate check")

    def _on_queue_table_row_button_clicked(self, row_id: int) -> None:
        row = self.queue_table.row_by_id(row_id)
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
            self.queue_table.remove(row)
            self._update_summary()
            if self.queue_table.selected_row() is None:
                self.preview_tab.show_row(None)
            return
        self.queue_table.render(row)
        self._update_summary()

    @Slot(int, "qint64", "qint64")
    def _on_upload_progressed(self, row_id: int, sent: int, total: int) -> None:
        row = self.queue_table.row_by_id(row_id)
        if row is None or row.state != UPLOADING:
            return  # a late report queued before the upload ended
        now = time.monotonic()
        was_all_sent = row.all_sent
        row.sent, row.total = sent, total
        row.samples.append((now, sent))
        while len(row.samples) > 2 and now - row.samples[0][0] > _SPEED_WINDOW:
            row.samples.popleft()
        if row.all_sent and not was_all_sent:
            self.queue_table.render(row)  # status and Cancel change once the gateway has every byte
        else:
            self.queue_table.render_progress(row)  # ten times a second: only the bar

    def _on_queue_selection_changed(self) -> None:
        row = self.queue_table.selected_row()
        if row is not None:
            self.tabs.setCurrentWidget(self.preview_tab)
            if row.preview is None:
                self.services.worker.spawn(self._load_preview(row), name="imports: preview")
        self.preview_tab.show_row(row)

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
                added.append(self.queue_table.append(check))
        self._show_refusals(refused)
        self._update_summary()
        if added and self.queue_table.selected_row() is None:
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
            self.queue_table.render(row)

    async def _load_preview(self, row: ImportRow) -> None:
        row.preview = await self.services.worker.run(imports.preview, row.path)
        if self._alive() and self.queue_table.selected_row() is row:
            self.preview_tab.show_row(row)

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
            self.history_table.show_records(records)

    async def _run_queue(self) -> None:
        try:
            while (row := self.queue_table.next_ready()) is not None:
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
        self.queue_table.render(row)
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
        self.queue_table.render(row)
        self._update_summary()
        self.services.worker.spawn(self._refresh_history(), name="imports: history")
        return go_on

    # -- helpers ---------------------------------------------------------------------------------

    @property
    def _rows(self) -> list[ImportRow]:
        return self.queue_table.rows

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _pause_for_sign_in(self) -> None:
        """Keep every waiting row; resume on the next on_signed_in()."""
        self._resume_after_sign_in = True
        for row in self._rows:
            if row.state == WAITING:
                row.waiting_for_sign_in = True
                self.queue_table.render(row)
        self._update_summary()
        self.signInRequired.emit()

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

    def _language(self) -> str:
        return self.services.language

    def _retranslate(self) -> None:
        self.queue_title.setText(self.tr("Files to import"))
        self.clear_button.setText(self.tr("Clear finished"))
        self.clear_button.setToolTip(self.tr("Remove imported, failed and cancelled files from the list"))
        self.upload_button.setText(self.tr("Upload"))
        self.upload_button.setToolTip(self.tr("Upload the waiting files one after another"))
        self.notice_close.setToolTip(self.tr("Dismiss"))
        self.queue_table.retranslate()
        self.history_table.retranslate()
        self.tabs.setTabText(0, self.tr("Preview"))
        self.tabs.setTabText(1, self.tr("History"))
        self._show_refusals(self._refused)
        self.preview_tab.show_row(self.queue_table.selected_row())
        self._update_summary()
