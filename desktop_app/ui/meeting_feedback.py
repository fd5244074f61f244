"""What the planner reads under the meeting form after a save: a status line, an error, a decision.

Every way a push can end is told here in the planner's words: saved (with the meeting ID),
kept offline in the outbox, refused by the gateway, invalid, already being sent, or of
unknown outcome. The last one is not an error but a question: a create whose reply was lost
may or may not exist on the gateway, so the panel offers "Push again anyway" and "Keep as
draft" and the page sends nothing until the planner picks one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.gateway.client import NotDelivered
from desktop_app.gateway.errors import AuthError, BusinessError, GatewayError
from desktop_app.gateway.meeting import MeetingInvalid
from desktop_app.services.meetings import (
    DRAFT,
    QUEUED,
    SAVED,
    UNKNOWN,
    UNKNOWN_TEXT,
    AlreadySending,
    MeetingRecord,
    NeedsDecision,
    error_text,
)
from desktop_app.ui.error_box import ErrorBox

log = logging.getLogger(__name__)


class MeetingFeedback(QWidget):
    """Status line, error box and the unknown-outcome panel of the meeting being edited.

    The page connects ``push_again_button`` and ``keep_draft_button``; this widget only shows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setVisible(False)

        self.error_box = ErrorBox(self)
        self.error_box.setObjectName("errorBox")

        self.unknown_box = QFrame(self)
        self.unknown_box.setObjectName("unknownBox")
        self.unknown_box.setStyleSheet(
            "#unknownBox { background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; }"
        )
        self.unknown_label = QLabel(self.unknown_box)
        self.unknown_label.setObjectName("unknownLabel")
        self.unknown_label.setWordWrap(True)
        self.push_again_button = QPushButton(self.tr("Push again anyway"), self.unknown_box)
        self.push_again_button.setObjectName("pushAgainButton")
        self.push_again_button.setToolTip(
            self.tr("Only if the meeting is not in the 会引擎 app: pushing again may create it twice.")
        )
        self.keep_draft_button = QPushButton(self.tr("Keep as draft"), self.unknown_box)
        self.keep_draft_button.setObjectName("keepDraftButton")
        unknown_layout = QVBoxLayout(self.unknown_box)
        unknown_layout.setContentsMargins(10, 8, 10, 8)
        unknown_layout.addWidget(self.unknown_label)
        unknown_buttons = QHBoxLayout()
        unknown_buttons.addStretch(1)
        unknown_buttons.addWidget(self.keep_draft_button)
        unknown_buttons.addWidget(self.push_again_button)
        unknown_layout.addLayout(unknown_buttons)
        self.unknown_box.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_box)
        layout.addWidget(self.unknown_box)

    # -- showing ---------------------------------------------------------------------------------

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def show_error(self, text: str, detail: str = "") -> None:
        self.error_box.show_error(text, detail)

    def show_unknown(self, text: str, detail: str = "") -> None:
        self.unknown_label.setText(text)
        self.unknown_label.setToolTip(detail)
        self.unknown_box.setVisible(True)

    def clear(self) -> None:
        self.show_status("")
        self.error_box.clear()
        self.unknown_box.setVisible(False)

    def show_stored(self, record: MeetingRecord, language: str) -> None:
        """What a meeting opened from the list last ended with."""
        text = error_text(record.last_error)
        if record.state == UNKNOWN:
            self.show_unknown((text or UNKNOWN_TEXT).in_language(language))
        elif text is not None and record.state in (DRAFT, QUEUED):
            self.show_error(text.in_language(language))
        if record.state == QUEUED:
            self.show_status(self.tr("Saved offline; will be sent when the gateway is reachable."))
        elif record.state == SAVED and record.mice_id:
            self.show_status(self.tr("Saved. Meeting ID: {mice_id}").format(mice_id=record.mice_id))

    async def show_push_outcome(
        self,
        record: MeetingRecord | None,
        error: Exception | None,
        *,
        local_id: str,
        stored: Callable[[], Awaitable[MeetingRecord | None]],
        language: str,
    ) -> None:
        """How the push of ``local_id`` ended; ``stored`` reads it back where the outcome depends on it.

        The caller has already told the form (the new meeting ID, or every problem shown) and
        asked for a sign-in where one is needed.
        """
        if error is None and record is not None:
            self.show_status(self.tr("Saved. Meeting ID: {mice_id}").format(mice_id=record.mice_id or "—"))
        elif isinstance(error, AuthError):
            pass  # the page has asked for a sign-in and said so
        elif isinstance(error, BusinessError):
            self.show_status(self.tr("Not saved. The meeting is kept here as a draft."))
            self.show_error(error.user_message(language), error.detail)
        elif isinstance(error, NotDelivered):
            self.show_status(self.tr("Saved offline; will be sent when the gateway is reachable."))
            self.show_error(error.user_message(language), error.detail)
        elif isinstance(error, MeetingInvalid):
            self.show_status("")
            self.show_error(error.text().in_language(language))
        elif isinstance(error, AlreadySending):
            self.show_status(self.tr("This meeting is already being sent."))
        elif isinstance(error, NeedsDecision):
            self.show_status("")
            self.show_unknown(UNKNOWN_TEXT.in_language(language))
        elif isinstance(error, GatewayError):
            # Lost or garbled reply: MeetingBook decided draft (an edit) or unknown (a create).
            self.show_status("")
            kept = await stored()
            if kept is not None and kept.state == UNKNOWN:
                text = error_text(kept.last_error) or UNKNOWN_TEXT
                self.show_unknown(text.in_language(language), error.detail)
            else:
                self.show_error(error.user_message(language), error.detail)
        elif error is not None:
            log.error("saving meeting %s failed unexpectedly", local_id, exc_info=error)
            self.show_status("")
            detail = f"{type(error).__name__}: {error}"
            kept = await stored()
            if kept is not None and kept.state == UNKNOWN:
                self.show_unknown(UNKNOWN_TEXT.in_language(language), detail)
            else:
                self.show_error(self.tr("The meeting could not be saved. What you typed is kept."), detail)


__all__ = ["MeetingFeedback"]
