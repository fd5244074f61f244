"""The meeting form: every field of the save contract, validated as the planner types.

Validation rules live in one place, ``Meeting.problems()``; this widget only builds a
``Meeting`` from its fields, asks it what is wrong and shows each problem under its field.
Messages appear for fields the planner has touched (or all of them for a meeting opened
from storage), so a fresh form is not a wall of red; the page's Save line always lists
everything that is missing.

The form knows nothing about drafts or the gateway: it says ``edited`` when the planner
changed something and the page decides what to store and when to send.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTime, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.meeting import DEFAULT_COUNTRY, MAX_ATTENDEES, Meeting, Problem
from desktop_app.services.context import AppServices
from desktop_app.services.regions import Regions
from desktop_app.ui.region_picker import RegionPicker

log = logging.getLogger(__name__)

TYPES_KEY = "meeting_types"  # settings key: the types used before, most recent first
MAX_TYPES = 20
# A few countries by the names the gateway expects; anything else can be typed.
COUNTRIES = ("中国", "日本", "韩国", "新加坡", "泰国", "马来西亚", "美国", "英国", "法国", "德国", "澳大利亚")
# QDateEdit always holds a date; its minimum stands for "not set" (shown as a dash).
NOT_SET_DATE = QDate(2000, 1, 1)
DEFAULT_START_TIME = QTime(9, 0)
DEFAULT_END_TIME = QTime(18, 0)
INVALID_TINT = QColor("#fdecea")
ERROR_COLOUR = "#b3261e"


def updated_types(types: list[str], used: str, limit: int = MAX_TYPES) -> list[str]:
    """The remembered meeting types after ``used`` was saved: most recent first, no repeats."""
    used = used.strip()
    if not used:
        return list(types)[:limit]
    return [used, *(t for t in types if t != used)][:limit]


def _tint(widget: QWidget, invalid: bool) -> None:
    """Mark a field that has a problem without replacing the platform style."""
    if invalid:
        palette = QPalette(widget.palette())
        palette.setColor(QPalette.ColorRole.Base, INVALID_TINT)
        palette.setColor(QPalette.ColorRole.Button, INVALID_TINT)
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())  # no explicit roles: inherit again


def _to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class _DateTimeField(QWidget):
    """A date with a calendar popup and an optional time: gives a date or a datetime."""

    changed = Signal()

    def __init__(self, default_time: QTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default_time = default_time
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(NOT_SET_DATE)
        self.date_edit.setSpecialValueText("—")
        self.time_check = QCheckBox(self.tr("Set time"), self)
        self.time_edit = QTimeEdit(default_time, self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setEnabled(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit, 1)
        layout.addWidget(self.time_check)
        layout.addWidget(self.time_edit)

        self.date_edit.dateChanged.connect(self._on_changed)
        self.time_edit.timeChanged.connect(self._on_changed)
        self.time_check.toggled.connect(self._on_time_toggled)

    def value(self) -> dt.date | dt.datetime | None:
        date = self.date_edit.date()
        if date == NOT_SET_DATE:
            return None
        day = _from_qdate(date)
        if not self.time_check.isChecked():
            return day
        time = self.time_edit.time()
        return dt.datetime(day.year, day.month, day.day, time.hour(), time.minute())

    def set_value(self, value: dt.date | dt.datetime | None) -> None:
        with QSignalBlocker(self.date_edit), QSignalBlocker(self.time_edit), QSignalBlocker(self.time_check):
            if value is None:
                self.date_edit.setDate(NOT_SET_DATE)
            else:
                self.date_edit.setDate(_to_qdate(value))
            has_time = isinstance(value, dt.datetime)
            self.time_check.setChecked(has_time)
            self.time_edit.setEnabled(has_time)
            if isinstance(value, dt.datetime):
                self.time_edit.setTime(QTime(value.hour, value.minute, value.second))
            else:
                self.time_edit.setTime(self._default_time)

    def _on_time_toggled(self, checked: bool) -> None:
        self.time_edit.setEnabled(checked)
        self.changed.emit()

    def _on_changed(self, *_args: object) -> None:
        self.changed.emit()


class MeetingForm(QWidget):
    """The fields of one meeting. ``edited``: the planner changed something (not a load)."""

    edited = Signal()
    validityChanged = Signal(bool)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._language = services.language
        self._organizer_id = ""
        self._mice_id: str | None = None
        self._loading = False
        self._touched: set[str] = set()
        self._valid: bool | None = None
        self._problems: list[Problem] = []

        self._build()
        self._connect()
        self.set_types(self._stored_types())
        self.new_meeting()

    # -- building ----------------------------------------------------------------------------

    def _message_label(self, field: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"problem_{field}")
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
        label.setWordWrap(True)
        label.setVisible(False)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        label.setFont(font)
        return label

    def _with_message(self, widget: QWidget, *fields: str) -> QWidget:
        """The field with its problem line underneath, as one cell of a form row."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = self._message_label(fields[0])
        column.addWidget(label)
        for field in fields:
            self._messages[field] = label
        return cell

    @staticmethod
    def _form_layout(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(12, 10, 12, 10)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        return form

    def _build(self) -> None:
        self._messages: dict[str, QLabel] = {}

        # Basics
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. 2025 sales kick-off"))
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("typeCombo")
        self.type_combo.setEditable(True)
        self.type_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.type_combo.lineEdit().setPlaceholderText(self.tr("e.g. Training, Conference"))
        self.organizer_label = QLabel(self)
        self.organizer_label.setObjectName("organizerLabel")
        self.organizer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mice_id_label = QLabel(self)
        self.mice_id_label.setObjectName("miceIdLabel")
        self.mice_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        basics = QGroupBox(self.tr("Basics"), self)
        form = self._form_layout(basics)
        form.addRow(self.tr("Name"), self._with_message(self.name_edit, "name"))
        form.addRow(self.tr("Type"), self._with_message(self.type_combo, "type"))
        form.addRow(self.tr("Organizer"), self._with_message(self.organizer_label, "tuUserId"))
        form.addRow(self.tr("Meeting ID"), self._with_message(self.mice_id_label, "miceId"))

        # Where
        self.country_combo = QComboBox(self)
        self.country_combo.setObjectName("countryCombo")
        self.country_combo.setEditable(True)
        self.country_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country_combo.addItems(COUNTRIES)
        self.region_picker = RegionPicker(parent=self)
        where = QGroupBox(self.tr("Where"), self)
        form = self._form_layout(where)
        form.addRow(self.tr("Country"), self._with_message(self.country_combo, "country"))
        form.addRow(self.tr("Region"), self._with_message(self.region_picker, "province", "city"))

        # When
        self.start_field = _DateTimeField(DEFAULT_START_TIME, self)
        self.start_field.setObjectName("startField")
        self.end_field = _DateTimeField(DEFAULT_END_TIME, self)
        self.end_field.setObjectName("endField")
        when = QGroupBox(self.tr("When"), self)
        form = self._form_layout(when)
        form.addRow(self.tr("Start"), self._with_message(self.start_field, "dtStart"))
        form.addRow(self.tr("End"), self._with_message(self.end_field, "dtEnd"))

        # Attendees
        self.internal_spin = self._count_spin("internalSpin")
        self.external_spin = self._count_spin("externalSpin")
        attendees = QGroupBox(self.tr("Attendees"), self)
        form = self._form_layout(attendees)
        form.addRow(self.tr("Internal"), self._with_message(self.internal_spin, "qtyAttenderInt"))
        form.addRow(self.tr("External"), self._with_message(self.external_spin, "qtyAttenderExt"))

        # Description
        self.descr_edit = QPlainTextEdit(self)
        self.descr_edit.setObjectName("descrEdit")
        self.descr_edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.descr_edit.setPlaceholderText(self.tr("Agenda, venue notes, anything the team should know"))
        self.descr_edit.setMinimumHeight(70)
        description = QGroupBox(self.tr("Description"), self)
        column = QVBoxLayout(description)
        column.setContentsMargins(12, 10, 12, 10)
        column.addWidget(self._with_message(self.descr_edit, "descr"))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        grid.addWidget(basics, 0, 0)
        grid.addWidget(where, 0, 1)
        grid.addWidget(when, 1, 0)
        grid.addWidget(attendees, 1, 1)
        grid.addWidget(description, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 1)

        # Reading order: left to right, top to bottom, as the boxes are laid out.
        chain = [
            self.name_edit,
            self.type_combo,
            self.country_combo,
            self.region_picker.province_combo,
            self.region_picker.city_combo,
            self.start_field.date_edit,
            self.start_field.time_check,
            self.start_field.time_edit,
            self.end_field.date_edit,
            self.end_field.time_check,
            self.end_field.time_edit,
            self.internal_spin,
            self.external_spin,
            self.descr_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._field_widgets: dict[str, list[QWidget]] = {
            "name": [self.name_edit],
            "type": [self.type_combo],
            "tuUserId": [],
            "country": [self.country_combo],
            "province": [self.region_picker.province_combo],
            "city": [self.region_picker.city_combo],
            "dtStart": [self.start_field.date_edit, self.start_field.time_edit],
            "dtEnd": [self.end_field.date_edit, self.end_field.time_edit],
            "qtyAttenderInt": [self.internal_spin],
            "qtyAttenderExt": [self.external_spin],
            "descr": [self.descr_edit],
            "miceId": [],
        }

    def _count_spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0, MAX_ATTENDEES)
        spin.setGroupSeparatorShown(True)
        spin.setAccelerated(True)
        return spin

    def _connect(self) -> None:
        self.name_edit.textChanged.connect(lambda _t: self._on_field_edited("name"))
        self.type_combo.currentTextChanged.connect(lambda _t: self._on_field_edited("type"))
        self.country_combo.currentTextChanged.connect(self._on_country_changed)
        self.region_picker.changed.connect(lambda: self._on_field_edited("province", "city"))
        self.start_field.changed.connect(self._on_start_changed)
        self.end_field.changed.connect(lambda: self._on_field_edited("dtEnd"))
        self.internal_spin.valueChanged.connect(lambda _v: self._on_field_edited("qtyAttenderInt"))
        self.external_spin.valueChanged.connect(lambda _v: self._on_field_edited("qtyAttenderExt"))
        self.descr_edit.textChanged.connect(lambda: self._on_field_edited("descr"))

    # -- public ------------------------------------------------------------------------------

    def meeting(self) -> Meeting:
        """The meeting as typed, including half-typed or invalid values (for drafts)."""
        return Meeting(
            tuUserId=self._organizer_id,
            name=self.name_edit.text(),
            type=self.type_combo.currentText(),
            country=self.country_combo.currentText(),
            province=self.region_picker.province(),
            city=self.region_picker.city(),
            dtStart=self.start_field.value(),
            dtEnd=self.end_field.value(),
            qtyAttenderInt=self.internal_spin.value(),
            qtyAttenderExt=self.external_spin.value(),
            descr=self.descr_edit.toPlainText(),
            miceId=self._mice_id,
        )

    def load(self, meeting: Meeting, *, show_all_problems: bool = True) -> None:
        """Show a stored meeting. Its organizer is kept as stored (it may be someone else)."""
        self._loading = True
        try:
            self._organizer_id = meeting.tuUserId or self._organizer_id
            self._mice_id = meeting.miceId
            self.name_edit.setText(meeting.name)
            self.type_combo.setEditText(meeting.type)
            self.country_combo.setEditText(meeting.country)
            self.region_picker.set_free_text(self._is_abroad(meeting.country))
            self.region_picker.set_values(meeting.province, meeting.city)
            self.start_field.set_value(meeting.dtStart)
            self.end_field.set_value(meeting.dtEnd)
            self.internal_spin.setValue(max(0, min(MAX_ATTENDEES, int(meeting.qtyAttenderInt or 0))))
            self.external_spin.setValue(max(0, min(MAX_ATTENDEES, int(meeting.qtyAttenderExt or 0))))
            self.descr_edit.setPlainText(meeting.descr)
        finally:
            self._loading = False
        self._touched = set(self._field_widgets) if show_all_problems else set()
        self._show_organizer()
        self._show_mice_id()
        self._revalidate()

    def new_meeting(self) -> None:
        """An empty meeting starting today, all-day, organised by the signed-in planner."""
        today = dt.date.today()
        self._mice_id = None
        self._organizer_id = self._signed_in_user_id()
        self.load(Meeting(tuUserId=self._organizer_id, dtStart=today, dtEnd=today), show_all_problems=False)

    def refresh_organizer(self) -> None:
        """After a sign-in: a meeting without organizer gets the signed-in planner."""
        if not self._organizer_id:
            self._organizer_id = self._signed_in_user_id()
        self._show_organizer()
        self._revalidate()

    def set_mice_id(self, mice_id: str | None) -> None:
        self._mice_id = mice_id
        self._show_mice_id()
        self._revalidate()

    def mice_id(self) -> str | None:
        return self._mice_id

    def set_regions(self, regions: Regions) -> None:
        self._loading = True
        try:
            self.region_picker.set_regions(regions)
        finally:
            self._loading = False

    def set_types(self, types: list[str]) -> None:
        """The remembered meeting types, most recent first; the typed text is kept."""
        with QSignalBlocker(self.type_combo):
            current = self.type_combo.currentText()
            self.type_combo.clear()
            self.type_combo.addItems(types)
            self.type_combo.setEditText(current)

    def remembered_types(self) -> list[str]:
        return [self.type_combo.itemText(i) for i in range(self.type_combo.count())]

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def is_valid(self) -> bool:
        return not self._problems

    def problem_text(self, field: str) -> str:
        """The message shown under ``field`` (empty when none is shown)."""
        label = self._messages.get(field)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def summary(self) -> str:
        """Everything that keeps the meeting from being saved, in the planner's language."""
        return "; ".join(p.text.in_language(self._language) for p in self._problems)

    def show_all_problems(self) -> None:
        self._touched = set(self._field_widgets)
        self._revalidate()

    # -- internals ---------------------------------------------------------------------------

    def _stored_types(self) -> list[str]:
        stored = self._services.settings.get(TYPES_KEY, [])
        return (
            [str(t) for t in stored if isinstance(t, str) and t.strip()][:MAX_TYPES] if isinstance(stored, list) else []
        )

    def _signed_in_user_id(self) -> str:
        signed_in = self._services.session.signed_in
        return signed_in.user_id if signed_in else self._organizer_id

    @staticmethod
    def _is_abroad(country: str) -> bool:
        return country.strip() not in ("", DEFAULT_COUNTRY)

    def _show_organizer(self) -> None:
        signed_in = self._services.session.signed_in
        if not self._organizer_id:
            self.organizer_label.setText(self.tr("Sign in to set the organizer"))
        elif signed_in is not None and self._organizer_id == signed_in.user_id:
            self.organizer_label.setText(self.tr("{user} (you)").format(user=signed_in.user_name))
        else:
            self.organizer_label.setText(self._organizer_id)
        self.organizer_label.setEnabled(bool(self._organizer_id))
        self.organizer_label.setToolTip(self.tr("User ID: {id}").format(id=self._organizer_id or "—"))

    def _show_mice_id(self) -> None:
        if self._mice_id:
            self.mice_id_label.setText(self._mice_id)
            self.mice_id_label.setEnabled(True)
        else:
            self.mice_id_label.setText(self.tr("not yet saved"))
            self.mice_id_label.setEnabled(False)

    def _on_country_changed(self, country: str) -> None:
        if not country.strip():
            return self._on_field_edited("country")  # keep the mode while the planner retypes
        loading, self._loading = self._loading, True
        try:
            self.region_picker.set_free_text(self._is_abroad(country))
        finally:
            self._loading = loading
        self._on_field_edited("country")
        return None

    def _on_start_changed(self) -> None:
        # Until the planner picks an end, the end follows the start (one-day meetings are common).
        if not self._loading and "dtEnd" not in self._touched:
            start = self.start_field.value()
            if start is not None:
                loading, self._loading = self._loading, True
                try:
                    self.end_field.date_edit.setDate(_to_qdate(start))
                finally:
                    self._loading = loading
        self._on_field_edited("dtStart")

    def _on_field_edited(self, *fields: str) -> None:
        if self._loading:
            return
        self._touched.update(fields)
        self._revalidate()
        self.edited.emit()

    def _revalidate(self) -> None:
        self._problems = self.meeting().problems()
        by_field: dict[str, list[str]] = {}
        for problem in self._problems:
            by_field.setdefault(problem.field, []).append(problem.text.in_language(self._language))
        shown_labels: dict[QLabel, list[str]] = {label: [] for label in self._messages.values()}
        for field, widgets in self._field_widgets.items():
            messages = by_field.get(field, []) if field in self._touched else []
            for widget in widgets:
                _tint(widget, bool(messages))
                widget.setAccessibleDescription("; ".join(messages))
            label = self._messages.get(field)
            if label is not None:
                shown_labels[label].extend(messages)
        for label, messages in shown_labels.items():
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
        valid = not self._problems
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
