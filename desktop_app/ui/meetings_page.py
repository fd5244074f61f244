"""The Meetings page: the planner's meetings beside the form, drafts kept as they type.

The rule of ``MeetingBook`` holds here too: never lost, never sent twice. So:
- every change is stored as a draft ~500 ms after the last keystroke (and at once before
  switching meetings, hiding or closing), through the worker;
- draft writes and pushes of this page go through one asyncio lock, in order, so a draft
  written while a push is under way lands after it (and makes the meeting a draft again)
  instead of being marked saved without having been sent;
- Save is disabled while a push runs; ``MeetingBook`` refuses a second one anyway;
- offline saves wait in the outbox and a timer (and every sign-in) pushes them;
- a create whose reply was lost is never repeated without the planner's decision.

The widgets are built elsewhere (``meeting_list`` on the left, ``meeting_editor`` on the
right with ``meeting_feedback`` under the form); this module holds what the rule above needs:
the current meeting, the drafts, the pushes and the outbox.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import uuid
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QSplitter, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop_app.gateway.client import NotDelivered
from desktop_app.gateway.errors import AuthError
from desktop_app.gateway.meeting import Meeting, MeetingInvalid
from desktop_app.services.context import AppServices
from desktop_app.services.meetings import DRAFT, QUEUED, SAVED, SENDING, UNKNOWN, MeetingBook, MeetingRecord
from desktop_app.services.regions import load_regions
from desktop_app.ui.meeting_editor import MeetingEditor
from desktop_app.ui.meeting_form import TYPES_KEY, updated_types
from desktop_app.ui.meeting_list import NEW, MeetingListPane

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 500
RETRY_INTERVAL_MS = 30_000


class _DraftWriter:
    """Writes drafts in the order they were typed, whichever thread gets there first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._written: dict[str, int] = {}
        self._sequence = 0

    def next_sequence(self) -> int:
        self._sequence += 1
        return self._sequence

    def write(self, book: MeetingBook, meeting: Meeting, local_id: str, sequence: int) -> bool:
        with self._lock:
            if sequence <= self._written.get(local_id, 0):
                return False  # a newer snapshot of this meeting is already stored
            book.save_draft(meeting, local_id)
            self._written[local_id] = sequence
            return True


class MeetingsPage(QWidget):
    """Meetings section of the main window: list, form, Save / New / Delete."""

    signInRequired = Signal()
    pendingCountChanged = Signal(int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._language = services.language
        self._book: MeetingBook | None = None
        self._book_key: tuple[str, str] | None = None
        self._recovered: set[tuple[str, str]] = set()
        self._regions_requested = False
        self._current_id: str | None = None
        self._current: MeetingRecord | None = None
        self._records: list[MeetingRecord] = []
        self._sending = False
        self._retrying = False
        self._awaiting_sign_in = False
        self._pending_count = -1
        self._writer = _DraftWriter()
        self._io_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._confirm_box: QMessageBox | None = None

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_INTERVAL_MS)
        self._retry_timer.timeout.connect(self._on_retry_timer_timeout)

        self._build()
        self._update_header()
        self._update_actions()
        if services.session.signed_in is not None:
            self.on_signed_in()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.new_action = QAction(self.tr("New meeting"), self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self._on_new_action_triggered)
        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.addAction(self.new_action)
        self.addAction(self.save_action)

        # The parts live in meeting_list, meeting_editor and meeting_feedback; the page keeps
        # its own names for them, which the main window, the tests and the screenshots use.
        self.list_pane = MeetingListPane(self)
        self.meeting_list = self.list_pane.meeting_list
        self.new_button = self.list_pane.new_button
        self.empty_label = self.list_pane.empty_label
        self.list_stack = self.list_pane.list_stack
        self.new_button.clicked.connect(self.new_action.trigger)
        self.meeting_list.currentItemChanged.connect(self._on_meeting_list_current_item_changed)
        self.meeting_list.itemActivated.connect(self._on_meeting_list_item_activated)
        # Delete only where it cannot be meant for text: on the list itself.
        self.delete_action = QAction(self.tr("Delete draft"), self.meeting_list)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._on_delete_action_triggered)
        self.meeting_list.addAction(self.delete_action)

        self.editor = MeetingEditor(self._services, self)
        self.title_label = self.editor.title_label
        self.state_badge = self.editor.state_badge
        self.form = self.editor.form
        self.form.edited.connect(self._on_form_edited)
        self.form.validityChanged.connect(self._on_form_validity_changed)
        self.feedback = self.editor.feedback
        self.status_label = self.feedback.status_label
        self.error_box = self.feedback.error_box
        self.error_label = self.error_box.message_label
        self.details_button = self.error_box.details_button
        self.unknown_box = self.feedback.unknown_box
        self.unknown_label = self.feedback.unknown_label
        self.push_again_button = self.feedback.push_again_button
        self.push_again_button.clicked.connect(self._on_push_again_button_clicked)
        self.keep_draft_button = self.feedback.keep_draft_button
        self.keep_draft_button.clicked.connect(self._on_keep_draft_button_clicked)
        self.missing_label = self.editor.missing_label
        self.delete_button = self.editor.delete_button
        self.delete_button.clicked.connect(self.delete_action.trigger)
        self.save_button = self.editor.save_button
        self.save_button.clicked.connect(self.save_action.trigger)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("meetingsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_pane)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 760])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

        QWidget.setTabOrder(self.meeting_list, self.new_button)
        QWidget.setTabOrder(self.new_button, self.form.name_edit)
        QWidget.setTabOrder(self.form.descr_edit, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.save_button)

    # -- the main window's interface ---------------------------------------------------------

    def on_signed_in(self) -> None:
        """Load this planner's meetings; send what waited for the sign-in."""
        signed_in = self._services.session.signed_in
        if signed_in is None:
            return
        key = (signed_in.environment, signed_in.user_id)
        if key != self._book_key:
            # Another planner or environment: their meetings, never the previous one's form.
            self.flush_draft_now()
            self._book = self._services.meeting_book()
            self._book_key = key
            self._forget_current()
        self._awaiting_sign_in = False
        self.form.refresh_organizer()
        self._retry_timer.start()
        self._update_header()
        self._update_actions()
        self._spawn(self._start(), "meetings: start")

    def _forget_current(self) -> None:
        """Drop the open meeting and the loaded list (another planner, or nobody, is signed in)."""
        self._current_id = None
        self._current = None
        self._records = []
        self.form.new_meeting()
        self.feedback.clear()

    def on_signed_out(self) -> None:
        """Take the planner's meetings off the screen (their drafts stay stored)."""
        self.flush_draft_now()
        self._retry_timer.stop()
        self._book = None
        self._book_key = None
        self._forget_current()
        self.meeting_list.clear()
        self._update_header()
        self._update_actions()
        self._set_pending_count(0)

    def flush_draft_now(self) -> None:
        """Store typed-but-not-yet-stored changes at once (main window close, sign-out).

        Synchronous on purpose: at quit the event loop may not run another task. It is one
        small local SQLite write, and only when something is waiting.
        """
        if not self._draft_timer.isActive():
            return
        self._draft_timer.stop()
        # Even during a push: MeetingBook's revision keeps the newer text from being taken as sent.
        book = self._book
        if book is None:
            return
        local_id = self._ensure_local_id()
        try:
            self._writer.write(book, self.form.meeting(), local_id, self._writer.next_sequence())
        except Exception:
            log.exception("could not store the draft of meeting %s", local_id)

    def retry_queued(self) -> None:
        """Push the outbox now (the retry timer calls this; so can an 'online again' signal)."""
        if self._book is not None and not self._awaiting_sign_in:
            self._spawn(self._push_queued(), "meetings: push queued")

    def is_idle(self) -> bool:
        """No draft waiting and no background work of this page running (for tests and quit)."""
        return not self._tasks and not self._draft_timer.isActive()

    def current_local_id(self) -> str | None:
        return self._current_id

    def current_record(self) -> MeetingRecord | None:
        return self._current

    # -- Qt events ---------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            try:
                self._spawn(self._write_draft(), "meetings: draft on hide")
            except RuntimeError:  # no loop any more (quitting): store it right here
                self._draft_timer.start()
                self.flush_draft_now()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_draft_now()
        super().closeEvent(event)

    # -- slots -------------------------------------------------------------------------------

    def _on_form_edited(self) -> None:
        if self._current is not None and self._current.state == SAVED:
            self.feedback.show_status("")  # "Saved" no longer describes what is on screen
        if self._book is not None:
            self._draft_timer.start()  # restarts: one write ~500 ms after the last change
        self._update_header()
        self._update_actions()

    def _on_form_validity_changed(self, _valid: bool) -> None:
        self._update_actions()

    def _on_draft_timer_timeout(self) -> None:
        self._spawn(self._write_draft(), "meetings: draft")

    def _on_retry_timer_timeout(self) -> None:
        self.retry_queued()

    def _on_new_action_triggered(self) -> None:
        self._spawn(self._new_meeting(), "meetings: new")

    def _on_save_action_triggered(self) -> None:
        if self._sending or not self.save_action.isEnabled():
            return
        self._begin_sending()
        self._spawn(self._save(), "meetings: save")

    def _on_push_again_button_clicked(self) -> None:
        if self._sending or self._current_id is None:
            return
        self._begin_sending()
        self._spawn(self._save(resolve_unknown=True), "meetings: push again")

    def _on_keep_draft_button_clicked(self) -> None:
        if self._current_id is not None:
            self._spawn(self._keep_as_draft(self._current_id), "meetings: keep as draft")

    def _on_meeting_list_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if current is None:
            return
        local_id = self.meeting_list.local_id_of(current)
        if local_id and local_id != self._current_id:
            self._spawn(self._open(local_id), "meetings: open")

    def _on_meeting_list_item_activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.form.name_edit.setFocus()

    def _on_delete_action_triggered(self) -> None:
        record = self._current
        if record is None or not self._can_delete(record) or self._confirm_box is not None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete draft"))
        box.setText(self.tr("Delete the draft “{name}”?").format(name=record.title))
        box.setInformativeText(self.tr("It has not been sent to the gateway; deleting it cannot be undone."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _result, lid=record.local_id: self._on_confirm_box_finished(box, lid))
        self._confirm_box = box
        box.open()  # never exec(): the qasync loop keeps running

    def _on_confirm_box_finished(self, box: QMessageBox, local_id: str) -> None:
        confirmed = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        self._confirm_box = None
        box.deleteLater()
        if confirmed:
            self._spawn(self._delete(local_id), "meetings: delete")

    # -- work --------------------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        try:
            task = self._services.worker.spawn(coro, name=name)
        except RuntimeError:
            coro.close()  # never awaited: no "coroutine was never awaited" warning
            raise
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _ensure_local_id(self) -> str:
        if self._current_id is None:
            # Chosen here, not by the database, so drafts written in quick succession
            # all land on one row.
            self._current_id = str(uuid.uuid4())
        return self._current_id

    async def _start(self) -> None:
        book, key = self._book, self._book_key
        if book is None or key is None:
            return
        if not self._regions_requested:
            self._regions_requested = True
            try:
                regions = await self._services.worker.run(load_regions)
            except (OSError, ValueError, KeyError) as exc:
                self._regions_requested = False
                log.error("region data unreadable: %s", exc)
            else:
                self.form.set_regions(regions)
        if key not in self._recovered:
            self._recovered.add(key)
            async with self._io_lock:
                recovered = await self._services.worker.run(book.recover_interrupted)
            if recovered:
                log.info("%d meeting(s) interrupted while sending: outcome unknown", recovered)
        await self._reload_list()
        await self._push_queued()

    async def _write_draft(self) -> None:
        book = self._book
        if book is None:
            return
        local_id = self._ensure_local_id()
        meeting = self.form.meeting()
        sequence = self._writer.next_sequence()
        # Not behind _io_lock: a draft must not wait for a push (the app may quit meanwhile);
        # MeetingBook's revision keeps text typed during a push from being taken as sent.
        try:
            await self._services.worker.run(self._writer.write, book, meeting, local_id, sequence)
        except Exception:
            log.exception("could not store the draft of meeting %s", local_id)
            self.feedback.show_error(self.tr("The draft could not be stored on this computer."))
            return
        await self._reload_list()

    async def _flush(self) -> None:
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            await self._write_draft()

    async def _reload_list(self) -> None:
        book = self._book
        if book is None:
            return
        records = await self._services.worker.run(book.all)
        if book is self._book:
            self._show_records(records)

    async def _open(self, local_id: str) -> None:
        await self._flush()
        book = self._book
        if book is None:
            return
        record = await self._services.worker.run(book.get, local_id)
        if record is None or book is not self._book:
            await self._reload_list()
            return
        self._current_id = local_id
        self._current = record
        self.form.load(record.meeting.with_mice_id(record.mice_id) if record.mice_id else record.meeting)
        self.feedback.clear()
        self.feedback.show_stored(record, self._language)
        self._show_records(self._records)

    async def _new_meeting(self) -> None:
        await self._flush()
        self._current_id = None
        self._current = None
        self.form.new_meeting()
        self.feedback.clear()
        self._show_records(self._records)
        self.form.name_edit.setFocus()

    def _begin_sending(self) -> None:
        self._sending = True
        self._draft_timer.stop()  # the save writes this very snapshot
        self.feedback.clear()
        self.feedback.show_status(self.tr("Sending to the gateway…"))
        self._show_records(self._records)

    async def _save(self, *, resolve_unknown: bool = False) -> None:
        try:
            await self._send(resolve_unknown=resolve_unknown)
        finally:
            self._sending = False
            await self._reload_list()
            self._update_actions()

    async def _send(self, *, resolve_unknown: bool) -> None:
        book = self._book
        if book is None:
            return
        local_id = self._ensure_local_id()
        meeting = self.form.meeting()
        sequence = self._writer.next_sequence()
        self._remember_type(meeting.type)
        record: MeetingRecord | None = None
        error: Exception | None = None
        try:
            async with self._io_lock:
                if resolve_unknown:
                    await self._services.worker.run(book.resolve_unknown, local_id)
                await self._services.worker.run(self._writer.write, book, meeting, local_id, sequence)
                await self._reload_list()  # the meeting appears in the list as "Sending"
                try:
                    client = self._services.session.require_client()
                except AuthError:
                    await self._services.worker.run(book.queue, local_id)
                    raise
                record = await self._services.worker.run(book.push, local_id, client)
        except Exception as exc:  # shown below; MeetingBook has recorded the outcome
            error = exc
        if isinstance(error, AuthError):
            self._needs_sign_in()
        elif isinstance(error, NotDelivered):
            self._retry_timer.start()
        if self._current_id != local_id:
            return  # the planner opened another meeting meanwhile; the list shows how this one ended
        await self._show_push_outcome(book, local_id, record, error)

    async def _show_push_outcome(
        self, book: MeetingBook, local_id: str, record: MeetingRecord | None, error: Exception | None
    ) -> None:
        if error is None and record is not None and record.mice_id:
            self.form.set_mice_id(record.mice_id)
        elif isinstance(error, MeetingInvalid):
            self.form.show_all_problems()
        await self.feedback.show_push_outcome(
            record,
            error,
            local_id=local_id,
            stored=functools.partial(self._services.worker.run, book.get, local_id),
            language=self._language,
        )

    async def _push_queued(self) -> None:
        book = self._book
        if book is None or self._retrying or self._awaiting_sign_in:
            return
        pending = await self._services.worker.run(book.pending)
        if not pending:
            return
        try:
            client = self._services.session.require_client()
        except AuthError:
            return
        self._retrying = True
        try:
            async with self._io_lock:
                sent, failures = await self._services.worker.run(book.push_queued, client)
        except Exception:
            log.exception("pushing the outbox failed")
            return
        finally:
            self._retrying = False
        if sent:
            log.info("outbox: %d meeting(s) sent", sent)
        for local_id, error in failures:
            if isinstance(error, AuthError):
                self._needs_sign_in()
            elif local_id == self._current_id and not isinstance(error, NotDelivered):
                self.feedback.show_error(error.user_message(self._language), error.detail)
        await self._reload_list()
        current = self._current
        if current is not None and current.state == SAVED and any(r.local_id == current.local_id for r in pending):
            self.form.set_mice_id(current.mice_id)
            self.feedback.clear()
            self.feedback.show_status(self.tr("Sent. Meeting ID: {mice_id}").format(mice_id=current.mice_id or "—"))

    async def _keep_as_draft(self, local_id: str) -> None:
        book = self._book
        if book is None:
            return
        async with self._io_lock:
            await self._services.worker.run(book.resolve_unknown, local_id)
        self.feedback.clear()
        self.feedback.show_status(self.tr("Kept as a draft. Check the 会引擎 app before saving it again."))
        await self._reload_list()

    async def _delete(self, local_id: str) -> None:
        book = self._book
        if book is None:
            return
        if local_id == self._current_id:
            self._draft_timer.stop()
        async with self._io_lock:
            await self._services.worker.run(book.delete, local_id)
        if local_id == self._current_id:
            self._current_id = None
            self._current = None
            self.form.new_meeting()
            self.feedback.clear()
        await self._reload_list()

    def _remember_type(self, used: str) -> None:
        types = updated_types(self.form.remembered_types(), used)
        if types == self.form.remembered_types():
            return
        self.form.set_types(types)
        self._spawn(self._services.worker.run(self._services.settings.set, TYPES_KEY, types), "meetings: types")

    def _needs_sign_in(self) -> None:
        self.feedback.show_status(
            self.tr("Your session has expired. Sign in again; the meeting is kept and will be sent afterwards.")
        )
        if not self._awaiting_sign_in:
            self._awaiting_sign_in = True
            self.signInRequired.emit()

    # -- showing -----------------------------------------------------------------------------

    def _show_records(self, records: list[MeetingRecord]) -> None:
        self._records = records
        by_id = {r.local_id: r for r in records}
        if self._current_id is not None and self._current_id in by_id:
            self._current = by_id[self._current_id]
        self.list_pane.show_records(
            records,
            current_id=self._current_id,
            sending_id=self._current_id if self._sending else None,
            language=self._language,
        )
        pending = sum(1 for r in records if r.state in (QUEUED, SENDING))
        self._set_pending_count(pending)
        self._update_header()
        self._update_actions()

    def _set_pending_count(self, count: int) -> None:
        if count != self._pending_count:
            self._pending_count = count
            self.pendingCountChanged.emit(count)

    def _current_state(self) -> str:
        if self._sending:
            return SENDING
        if self._current is None or self._current.local_id != self._current_id:
            return DRAFT if self._current_id is not None else NEW
        return self._current.state

    def _update_header(self) -> None:
        self.editor.show_header(stored=self._current_id is not None, state=self._current_state())

    def _can_delete(self, record: MeetingRecord) -> bool:
        # Saved meetings live on the gateway; deleting the local copy would only hide them.
        return not record.mice_id and record.state in (DRAFT, QUEUED, UNKNOWN) and not self._sending

    def _update_actions(self) -> None:
        state = self._current_state()
        signed_in = self._book is not None
        valid = self.form.is_valid()
        can_save = signed_in and valid and not self._sending and state != UNKNOWN
        self.save_action.setEnabled(can_save)
        self.new_action.setEnabled(signed_in)
        self.new_button.setEnabled(signed_in)
        can_delete = self._current is not None and self._current_id == self._current.local_id
        can_delete = can_delete and self._current is not None and self._can_delete(self._current)
        self.delete_action.setEnabled(can_delete)
        self.editor.show_readiness(
            state=state,
            signed_in=signed_in,
            valid=valid,
            sending=self._sending,
            can_save=can_save,
            can_delete=can_delete,
        )


__all__ = ["MeetingsPage"]
