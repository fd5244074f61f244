"""The planner's list of meetings, and the state badges that say where each one stands.

A meeting is new, a draft, queued in the outbox, being sent, saved, or of unknown outcome
(``MeetingBook``'s states). The list and the badge above the form show these states in the
same words and colours, so they are named and coloured here, once. The list only shows what
the Meetings page hands it: it reads nothing and stores nothing itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.meeting import Meeting, format_when
from desktop_app.services.meetings import DRAFT, QUEUED, SAVED, SENDING, UNKNOWN, MeetingRecord, error_text

NEW = "new"  # a meeting not stored yet: the form before the first draft is written
LOCAL_ID_ROLE = Qt.ItemDataRole.UserRole
COLUMN_NAME, COLUMN_DATES, COLUMN_CITY, COLUMN_STATE = range(4)
# Badge colours (background, text) per state.
BADGE_COLOURS = {
    NEW: ("#eceff1", "#455a64"),
    DRAFT: ("#eceff1", "#37474f"),
    QUEUED: ("#fff3e0", "#a15c00"),
    SENDING: ("#e3f2fd", "#0d47a1"),
    SAVED: ("#e8f5e9", "#1b5e20"),
    UNKNOWN: ("#fdecea", "#b3261e"),
}


def state_name(state: str) -> str:
    """The planner's word for a meeting's state (the list's State column and the badge)."""
    names = {
        NEW: QCoreApplication.translate("MeetingState", "New"),
        DRAFT: QCoreApplication.translate("MeetingState", "Draft"),
        QUEUED: QCoreApplication.translate("MeetingState", "Queued"),
        SENDING: QCoreApplication.translate("MeetingState", "Sending"),
        SAVED: QCoreApplication.translate("MeetingState", "Saved"),
        UNKNOWN: QCoreApplication.translate("MeetingState", "Outcome unknown"),
    }
    return names.get(state, state)


def dates_text(meeting: Meeting) -> str:
    """Compact dates for the list (the form has the times): ``2025-11-20 – 11-22``."""
    start = format_when(meeting.dtStart)[:10] if meeting.dtStart else "—"
    end = format_when(meeting.dtEnd)[:10] if meeting.dtEnd else "—"
    if start == end:
        return start
    if start[:4] == end[:4]:
        return f"{start} – {end[5:]}"
    return f"{start} – {end}"


class StateBadge(QLabel):
    """The rounded badge beside the meeting's title: its state, in the list's colours."""

    def show_state(self, state: str) -> None:
        background, foreground = BADGE_COLOURS.get(state, BADGE_COLOURS[DRAFT])
        self.setText(state_name(state))
        self.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 9px; padding: 2px 10px; font-weight: 600;"
        )


class MeetingList(QTreeWidget):
    """One row per meeting: name, dates, city and state; the row's data is the local id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingList")
        self.setHeaderLabels([self.tr("Name"), self.tr("Dates"), self.tr("City"), self.tr("State")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_DATES, COLUMN_CITY, COLUMN_STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    @staticmethod
    def local_id_of(item: QTreeWidgetItem) -> str | None:
        local_id = item.data(COLUMN_NAME, LOCAL_ID_ROLE)
        return str(local_id) if local_id else None

    def show_records(
        self, records: list[MeetingRecord], *, current_id: str | None, sending_id: str | None, language: str
    ) -> None:
        """Refill the list and select ``current_id``, without reporting that as a change of meeting.

        ``sending_id`` is the meeting this page is pushing right now: shown as Sending even
        before ``MeetingBook`` has recorded it.
        """
        blocker = self.blockSignals(True)
        try:
            self.clear()
            for record in records:
                state = SENDING if record.local_id == sending_id else record.state
                item = QTreeWidgetItem(
                    [record.title, dates_text(record.meeting), record.meeting.city or "—", state_name(state)]
                )
                item.setData(COLUMN_NAME, LOCAL_ID_ROLE, record.local_id)
                background, foreground = BADGE_COLOURS.get(state, BADGE_COLOURS[DRAFT])
                item.setBackground(COLUMN_STATE, QColor(background))
                item.setForeground(COLUMN_STATE, QColor(foreground))
                item.setTextAlignment(COLUMN_STATE, Qt.AlignmentFlag.AlignCenter)
                problem = error_text(record.last_error)
                tooltip = problem.in_language(language) if problem else ""
                if record.mice_id:
                    tooltip = "\n".join(filter(None, [tooltip, self.tr("Meeting ID: {id}").format(id=record.mice_id)]))
                for column in range(4):
                    item.setToolTip(column, tooltip)
                self.addTopLevelItem(item)
                if record.local_id == current_id:
                    self.setCurrentItem(item)
            if current_id not in {record.local_id for record in records}:
                self.setCurrentItem(None)
                self.clearSelection()
        finally:
            self.blockSignals(blocker)


class MeetingListPane(QWidget):
    """The left side of the Meetings page: "My meetings", the New button, the list or a first-use note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_list = MeetingList(self)
        list_title = QLabel(self.tr("My meetings"), self)
        title_font = list_title.font()
        title_font.setBold(True)
        list_title.setFont(title_font)
        self.new_button = QPushButton(self.tr("New meeting"), self)
        self.new_button.setObjectName("newButton")
        self.new_button.setToolTip(self.tr("Start a new meeting (Ctrl+N)"))

        self.empty_label = QLabel(
            self.tr("No meetings yet.\n\nFill in the form: a draft is kept here as you type, and Save sends it."), self
        )
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #5f6368; padding: 24px;")
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.meeting_list)
        self.list_stack.addWidget(self.empty_label)
        self.list_stack.setCurrentWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(list_title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        layout.addWidget(self.list_stack, 1)

    def show_records(
        self, records: list[MeetingRecord], *, current_id: str | None, sending_id: str | None, language: str
    ) -> None:
        self.meeting_list.show_records(records, current_id=current_id, sending_id=sending_id, language=language)
        self.list_stack.setCurrentWidget(self.meeting_list if records else self.empty_label)


__all__ = ["NEW", "MeetingList", "MeetingListPane", "StateBadge", "dates_text", "state_name"]
