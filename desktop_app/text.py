"""A user-facing message in both of the app's languages, for code that has no Qt.

Widgets translate their own strings with ``self.tr()``; the gateway and services cannot,
so they carry both texts and the UI picks one with ``in_language``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str

    def in_language(self, language: str) -> str:
        return self.zh if language.lower().startswith("zh") else self.en

    def format(self, **values: object) -> Text:
        return Text(self.zh.format(**values), self.en.format(**values))

    def to_json(self) -> str:
        """Compact form for SQLite columns, so stored messages keep both languages."""
        return json.dumps({"zh": self.zh, "en": self.en}, ensure_ascii=False)

    @classmethod
    def from_json(cls, stored: str) -> Text | None:
        """Inverse of ``to_json``; plain text (older rows, a gateway's msg) shows as-is in both."""
        if not stored:
            return None
        try:
            data = json.loads(stored)
            return cls(str(data["zh"]), str(data["en"]))
        except (ValueError, KeyError, TypeError):
            return cls(stored, stored)

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"
