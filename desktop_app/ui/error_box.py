"""How a failure is shown inline: the planner's message, with the support details one click away.

The sign-in dialog, the 会引擎 App section and the Meetings page all show failures the same
way, so they share this one widget: a message in plain words, and behind a "Details" toggle
the technical text support asks for, selectable so it can be copied into an e-mail. Details
always pass through ``redact`` here, whatever the caller did before: a token or a secret must
not reach the screen, nor a screenshot sent to support.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from desktop_app.logging_setup import redact

ERROR_BACKGROUND = "#fdecea"
ERROR_BORDER = "#f5c2c0"
# For a single label that is the whole error (the environment editor's validation message).
ERROR_STYLE = (
    f"color: palette(text); background: {ERROR_BACKGROUND}; border: 1px solid {ERROR_BORDER};"
    " border-radius: 4px; padding: 6px;"
)
DETAILS_HEIGHT = 90


class ErrorBox(QFrame):
    """A message and a "Details" toggle; hidden until ``show_error``, hidden again by ``clear``.

    Its parts keep the object names the tests look for: ``error`` (the message label),
    ``details_button`` and ``details`` (the read-only text). ``detailsToggled`` lets a dialog
    refit its height when the details open or close.
    """

    detailsToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A type selector: only the frame is painted, not every label and button inside it.
        self.setStyleSheet(
            f"ErrorBox {{ background: {ERROR_BACKGROUND}; border: 1px solid {ERROR_BORDER}; border-radius: 4px; }}"
            "ErrorBox QLabel { color: palette(text); }"
        )
        self.message_label = QLabel(self)
        self.message_label.setObjectName("error")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("details_button")
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.details_view = QPlainTextEdit(self)
        self.details_view.setObjectName("details")
        self.details_view.setReadOnly(True)
        self.details_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details_view.setMaximumHeight(DETAILS_HEIGHT)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.message_label)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details_view)

        self._retranslate()
        self.clear()

    @property
    def message(self) -> str:
        """The message as shown ("" when no error is showing)."""
        return "" if self.isHidden() else self.message_label.text()

    def show_error(self, message: str, details: str = "") -> None:
        """Show ``message``; ``details`` (redacted) go behind the toggle, which keeps its state."""
        if not message and not details:
            self.clear()
            return
        self.message_label.setText(message)
        self.details_view.setPlainText(redact(details))
        self.details_button.setVisible(bool(details))
        if not details:
            self.details_button.setChecked(False)
        self.details_view.setVisible(bool(details) and self.details_button.isChecked())
        self.show()

    def clear(self) -> None:
        """Hide the box and forget the error; the next one starts with its details closed."""
        self.hide()
        self.message_label.clear()
        self.details_button.hide()
        self.details_button.setChecked(False)
        self.details_view.hide()
        self.details_view.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.details_button.setText(self.tr("Details"))

    def _on_details_button_toggled(self, checked: bool) -> None:
        self.details_view.setVisible(checked)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if checked else Qt.ArrowType.RightArrow)
        self.detailsToggled.emit(checked)


__all__ = ["DETAILS_HEIGHT", "ERROR_STYLE", "ErrorBox"]
