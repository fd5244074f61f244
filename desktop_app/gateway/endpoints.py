"""The eight endpoints of the 会引擎 gateway and the five master-data import kinds."""

from __future__ import annotations

import enum

TOKEN = "/api/foundation/passport/connect/token"
ENTRY = "/api/foundation/application/getentry"
MEETING_SAVE = "/api/engine/event/mice/save"

IMPORT_EXTENSIONS = (".xlsx", ".xls", ".csv")


class ImportKind(enum.Enum):
    """One master-data import: its CLI name, endpoint and names for planners."""

    EMPLOYEES = ("employees", "/api/foundation/employee/import", "员工", "Employees")
    RESTAURANTS = ("restaurants", "/api/shopkeeper/shop/import", "合规餐厅", "Compliant restaurants")
    HOSPITALS = ("hospitals", "/api/shopkeeper/hospital/import", "医院", "Hospitals")
    CAR_FLEETS = ("car-fleets", "/api/resource/car/supplier/import", "企业车队", "Car fleets")
    HOTELS = ("hotels", "/api/resource/venue/supplier/import", "酒店", "Hotels")

    def __init__(self, slug: str, path: str, name_zh: str, name_en: str) -> None:
        self.slug = slug
        self.path = path
        self.name_zh = name_zh
        self.name_en = name_en

    def display_name(self, language: str = "zh") -> str:
        return self.name_zh if language.startswith("zh") else self.name_en

    @classmethod
    def from_slug(cls, slug: str) -> ImportKind:
        for kind in cls:
            if kind.slug == slug:
                return kind
        raise ValueError(f"unknown import kind {slug!r}; one of: {', '.join(k.slug for k in cls)}")


ALL_PATHS = (TOKEN, ENTRY, MEETING_SAVE, *(kind.path for kind in ImportKind))
