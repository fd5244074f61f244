"""The Preview tab of the Imports page: the first rows of the file selected in the queue.

Planners drop lists whose columns they did not check; seeing the header and a few rows
before uploading catches the wrong file or the wrong sheet while it can still be removed.
The rows are read in the worker (``imports.preview``); this widget only shows them, or says
why there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.services import imports
from desktop_app.ui.import_queue import ImportRow


class ImportPreview(QWidget):
    """A note above a read-only table of the selected file's first rows."""

    def __init__(self, parent: QWidget | None = None, *, language: Callable[[], str]) -> None:
        super().__init__(parent)
        self._language = language
        self.preview_note = QLabel(self)
        self.preview_note.setWordWrap(True)
        self.preview_model = QStandardItemModel(self)
        self.preview_table = QTableView(self)
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setDefaultSectionSize(24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.preview_table, 1)

    def show_row(self, row: ImportRow | None) -> None:
        """Preview ``row`` (None: nothing selected; a row without a preview yet: being read)."""
        self.preview_model.clear()
        if row is None:
            self.preview_note.setText(self.tr("Select a file in the queue to see its first rows."))
            return
        if row.preview is None:
            self.preview_note.setText(self.tr("Reading {name}…").format(name=row.name))
            return
        preview = row.preview
        if preview.note is not None:
            self.preview_note.setText(preview.note.in_language(self._language()))
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


__all__ = ["ImportPreview"]
