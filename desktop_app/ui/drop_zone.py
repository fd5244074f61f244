"""The large target on the Imports page where planners drop their master-data lists.

It only collects local file paths, from a drop or from the Browse… dialog, and hands them
on through one signal; deciding whether a file is acceptable is the page's business (in the
worker, because it reads the file). Drops are accepted as copies, so a file manager never
deletes the planner's original, and the signal is emitted from ``QTimer.singleShot(0, ...)``
so the drag source is released before any work starts (Picard's ``basetreeview`` pattern).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

# Dynamic property read by the style sheet; toggled while a drag hovers over the zone.
_DRAGGING = "dragging"

_STYLE = """
#dropZone {
    border: 2px dashed palette(mid);
    border-radius: 10px;
    background: palette(base);
}
#dropZone[dragging="true"] {
    border: 2px solid palette(highlight);
    background: palette(alternate-base);
}
#dropZoneTitle { font-size: 15px; font-weight: 600; }
"""


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders named by a drag's data (remote URLs are not ours to fetch)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropZone(QFrame):
    """Accepts copy drops of local files and offers a Browse… button; emits ``filesChosen``."""

    filesChosen = Signal(list)  # list[str] of local paths, from a drop or the file dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setStyleSheet(_STYLE)
        self.setProperty(_DRAGGING, False)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._dialog: QFileDialog | None = None

        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder).pixmap(32, 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self)
        self.title.setObjectName("dropZoneTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._on_browse_clicked)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.browse_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(6)
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self._retranslate()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Drop employee, restaurant, hospital, car fleet or hotel lists here"))
        self.hint.setText(self.tr("Excel or CSV files (.xlsx .xls .csv), several at once, or choose them:"))
        self.browse_button.setText(self.tr("Browse…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- the file dialog (non-blocking: open(), never exec(), so the qasync loop keeps running) --

    def browse(self) -> None:
        """Open the file dialog; chosen files arrive through ``filesChosen`` like a drop."""
        if self._dialog is None:
            dialog = QFileDialog(self, self.tr("Choose lists to import"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            dialog.setNameFilters([self.tr("Lists (*.xlsx *.xls *.csv)"), self.tr("All files (*)")])
            dialog.filesSelected.connect(self._on_dialog_files_selected)
            self._dialog = dialog
        self._dialog.open()

    def _on_browse_clicked(self) -> None:
        self.browse()

    def _on_dialog_files_selected(self, files: list[str]) -> None:
        if files:
            self.filesChosen.emit(list(files))

    # -- drag and drop --------------------------------------------------------------------------

    def _set_dragging(self, dragging: bool) -> None:
        if self.property(_DRAGGING) == dragging:
            return
        self.setProperty(_DRAGGING, dragging)
        # Style sheets read dynamic properties only when the widget is polished again.
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()

    @property
    def dragging(self) -> bool:
        return bool(self.property(_DRAGGING))

    def _accept_copy(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        if not local_paths(event.mimeData()) or not event.possibleActions() & Qt.DropAction.CopyAction:
            event.ignore()
            return False
        # Always a copy: a "move" proposed by a file manager would delete the planner's file.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._set_dragging(self._accept_copy(event))

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_copy(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_dragging(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dragging(False)
        if not self._accept_copy(event):
            return
        paths = local_paths(event.mimeData())
        log.info("%d file(s) dropped", len(paths))
        # Return to the drag source first; checking the files happens on the next loop turn.
        QTimer.singleShot(0, self, lambda: self.filesChosen.emit(paths))
