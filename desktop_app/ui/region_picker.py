"""Province -> city cascade for meetings in China, free text for meetings abroad.

The gateway takes region *names* (contract-notes §6: 中国 / 上海市 / 上海市), so the picker
offers the GB/T 2260 names from ``services.regions`` and gives back exactly those strings.
A municipality (北京市, 上海市, ...) is its own only city, so choosing it fills the city too.

The region data is read in the worker by the page and handed over with ``set_regions``;
values set before that are kept and shown once the data arrives, so a draft never loses
its province or city to a slow start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QWidget

from desktop_app.services.regions import Regions


class RegionPicker(QWidget):
    """Two combos, province and city; ``changed`` fires on every user-visible change."""

    changed = Signal()

    def __init__(self, regions: Regions | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._regions: Regions | None = None
        self._free_text = False
        self._updating = False
        # Values given before the region data arrived (or for the free-text mode switch).
        self._pending: tuple[str, str] = ("", "")

        self.province_combo = QComboBox(self)
        self.province_combo.setObjectName("provinceCombo")
        self.city_combo = QComboBox(self)
        self.city_combo.setObjectName("cityCombo")
        for combo in (self.province_combo, self.city_combo):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setMaxVisibleItems(16)
            combo.setMinimumContentsLength(5)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.province_combo, 1)
        layout.addWidget(self.city_combo, 1)

        self.province_combo.currentIndexChanged.connect(self._on_province_changed)
        self.city_combo.currentIndexChanged.connect(self._on_city_changed)
        self.province_combo.editTextChanged.connect(self._on_text_edited)
        self.city_combo.editTextChanged.connect(self._on_text_edited)

        self._apply_mode()
        if regions is not None:
            self.set_regions(regions)

    # -- public ------------------------------------------------------------------------------

    def set_regions(self, regions: Regions) -> None:
        """Provide the GB/T 2260 data; values set earlier are shown now."""
        province, city = self.province(), self.city()
        self._regions = regions
        self._apply_mode()
        self.set_values(province, city)

    def has_regions(self) -> bool:
        return self._regions is not None

    def set_free_text(self, free: bool) -> None:
        """Free text for a meeting outside China; the cascade otherwise. Typed values are kept."""
        if free == self._free_text:
            return
        province, city = self.province(), self.city()
        self._free_text = free
        self._apply_mode()
        self.set_values(province, city)

    def is_free_text(self) -> bool:
        return self._free_text

    def province(self) -> str:
        if self._showing_cascade():
            return self.province_combo.currentText() if self.province_combo.currentIndex() >= 0 else ""
        if self._free_text:
            return self.province_combo.currentText()
        return self._pending[0]

    def city(self) -> str:
        if self._showing_cascade():
            return self.city_combo.currentText() if self.city_combo.currentIndex() >= 0 else ""
        if self._free_text:
            return self.city_combo.currentText()
        return self._pending[1]

    def set_values(self, province: str, city: str) -> None:
        """Show ``province`` / ``city``; names unknown to GB/T 2260 are kept and shown as typed."""
        self._updating = True
        try:
            self._pending = (province, city)
            if self._free_text:
                self.province_combo.setEditText(province)
                self.city_combo.setEditText(city)
            elif self._regions is not None:
                self._fill_provinces(extra=province)
                self.province_combo.setCurrentIndex(self.province_combo.findText(province) if province else -1)
                self._fill_cities(province, extra=city)
                if city:
                    self.city_combo.setCurrentIndex(self.city_combo.findText(city))
                else:
                    self._auto_pick_city()
        finally:
            self._updating = False

    # -- internals ---------------------------------------------------------------------------

    def _showing_cascade(self) -> bool:
        return not self._free_text and self._regions is not None

    def _apply_mode(self) -> None:
        self._updating = True
        try:
            for combo in (self.province_combo, self.city_combo):
                combo.clear()
                combo.setEditable(self._free_text)
            if self._free_text:
                self.province_combo.lineEdit().setPlaceholderText(self.tr("State or province"))
                self.city_combo.lineEdit().setPlaceholderText(self.tr("City"))
            else:
                self.province_combo.setPlaceholderText(self.tr("Province"))
                self.city_combo.setPlaceholderText(self.tr("City"))
            loading = not self._free_text and self._regions is None
            self.province_combo.setEnabled(not loading)
            self.city_combo.setEnabled(not loading)
        finally:
            self._updating = False

    def _fill_provinces(self, *, extra: str = "") -> None:
        assert self._regions is not None
        names = self._regions.provinces()
        if extra and extra not in names:
            names = [extra, *names]  # an old draft's spelling: shown, never silently dropped
        self.province_combo.clear()
        self.province_combo.addItems(names)
        self.province_combo.setCurrentIndex(-1)

    def _fill_cities(self, province: str, *, extra: str = "") -> None:
        assert self._regions is not None
        names = self._regions.cities(province)
        if extra and extra not in names:
            names = [extra, *names]
        self.city_combo.clear()
        self.city_combo.addItems(names)
        self.city_combo.setCurrentIndex(-1)

    def _auto_pick_city(self) -> None:
        # Municipalities (and 香港, 澳门, 台湾) have one city: themselves.
        if self.city_combo.count() == 1:
            self.city_combo.setCurrentIndex(0)

    def _on_province_changed(self, _index: int) -> None:
        if self._updating or not self._showing_cascade():
            return
        self._updating = True
        try:
            self._fill_cities(self.province())
            self._auto_pick_city()
        finally:
            self._updating = False
        self._pending = (self.province(), self.city())
        self.changed.emit()

    def _on_city_changed(self, _index: int) -> None:
        if self._updating or not self._showing_cascade():
            return
        self._pending = (self.province(), self.city())
        self.changed.emit()

    def _on_text_edited(self, _text: str) -> None:
        if self._updating or not self._free_text:
            return
        self._pending = (self.province(), self.city())
        self.changed.emit()
