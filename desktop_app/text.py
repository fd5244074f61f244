"""A user-facing message in both of the app's languages, for code that has no Qt.

Widgets translate their own strings with ``self.tr()``; the gateway and services cannot,
so they carry both texts and the UI picks one with ``in_language``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str

    def in_language(self, language: str) -> str:
        return self.zh if language.lower().startswith("zh") else self.en

    def format(self, **values: object) -> Text:
        return Text(self.zh.format(**values), self.en.format(**values))

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"
