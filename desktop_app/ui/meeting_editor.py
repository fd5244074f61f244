"""The right side of the Meetings page: the meeting being edited, with its title, state and buttons.

Above the form: the meeting's name (or "New meeting") and its state badge. Below it: the
feedback of the last save and the row with Delete and Save. Save is only enabled when the
meeting can really be sent, and the row says in words what is still missing, so a disabled
button never leaves the planner guessing. The page decides what is possible (it knows the
outbox and the pushes under way); this widget shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.services.context import AppServices
from desktop_app.services.meetings import UNKNOWN
from desktop_app.ui.meeting_feedback import MeetingFeedback
from desktop_app.ui.meeting_form import MeetingForm
from desktop_app.ui.meeting_list import StateBadge


class MeetingEditor(QWidget):
    """Title and state badge, the form (scrolling), the feedback, and the Delete / Save row."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("titleLabel")
        title_font = self.title_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.state_badge = StateBadge(self)
        self.state_badge.setObjectName("stateBadge")
        header_row = QHBoxLayout()
        header_row.addWidget(self.title_label, 1)
        header_row.addWidget(self.state_badge)

        self.form = MeetingForm(services, self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tab stop of its own would only confuse

        self.feedback = MeetingFeedback(self)

        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("missingLabel")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #5f6368;")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # keeps the buttons at the right edge
        self.missing_label.setSizePolicy(policy)
        self.delete_button = QPushButton(self.tr("Delete draft"), self)
        self.delete_button.setObjectName("deleteButton")
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setMinimumWidth(96)
        button_row = QHBoxLayout()
        button_row.addWidget(self.missing_label, 1)
        button_row.addWidget(self.delete_button)
        button_row.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(header_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(button_row)

    def show_header(self, *, stored: bool, state: str) -> None:
        """The meeting's name as typed (a placeholder until there is one) and its state."""
        name = self.form.name_edit.text().strip()
        self.title_label.setText(name or (self.tr("Untitled meeting") if stored else self.tr("New meeting")))
        self.state_badge.show_state(state)

    def show_readiness(
        self, *, state: str, signed_in: bool, valid: bool, sending: bool, can_save: bool, can_delete: bool
    ) -> None:
        """Enable Save and Delete as the page decided, and say what keeps Save disabled."""
        self.save_button.setEnabled(can_save)
        self.delete_button.setEnabled(can_delete)
        self.delete_button.setToolTip(
            self.tr("Delete this draft (Delete in the list)")
            if can_delete
            else self.tr("Only drafts that were never saved to the gateway can be deleted.")
        )
        if not signed_in:
            missing = self.tr("Sign in to save meetings.")
        elif not valid:
            missing = self.tr("Cannot save yet: {problems}").format(problems=self.form.summary())
        elif state == UNKNOWN:
            missing = self.tr("Decide above whether to push this meeting again.")
        elif sending:
            missing = self.tr("Sending…")
        else:
            missing = ""
        self.missing_label.setText(missing)
        self.missing_label.setVisible(bool(missing))
        self.save_button.setToolTip(missing or self.tr("Save and send to the gateway (Ctrl+S)"))


__all__ = ["MeetingEditor"]
