"""What the widgets are given: the services of one running app, passed explicitly.

Not a global registry (style.md "not to copy"): the app builds one ``AppServices`` at start
and hands it to each window and page; tests build their own against a temporary data dir.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.services.background import Worker
from desktop_app.services.imports import ImportHistory
from desktop_app.services.meetings import MeetingBook
from desktop_app.services.session import Session
from desktop_app.services.settings import Settings
from desktop_app.storage.database import Database


@dataclass
class AppServices:
    settings: Settings
    session: Session
    db: Database
    worker: Worker
    language: str = "zh"  # "zh" or "en": picks the side of bilingual service messages
    extra: dict[str, object] = field(default_factory=dict)

    def meeting_book(self) -> MeetingBook:
        signed_in = self.session.signed_in
        if signed_in is None:
            raise RuntimeError("not signed in")
        return MeetingBook(self.db, signed_in.environment, signed_in.user_id)

    def import_history(self) -> ImportHistory:
        signed_in = self.session.signed_in
        if signed_in is None:
            raise RuntimeError("not signed in")
        return ImportHistory(self.db, signed_in.environment, signed_in.user_id)

    def close(self) -> None:
        self.worker.shutdown()
        self.db.close()
