"""The app's SQLite file: drafts and outbox of meetings, and the import history.

Schema changes are numbered migrations tracked in ``PRAGMA user_version``. WAL mode and
``synchronous=FULL`` because a draft the planner typed must survive a killed process.
Connections are per thread (sqlite3's rule); a module-level lock serialises writers.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from desktop_app.storage import paths

log = logging.getLogger(__name__)

MIGRATIONS: tuple[str, ...] = (
    # 1: meetings (drafts, outbox, saved) and import history
    """
    CREATE TABLE meetings (
        local_id     TEXT PRIMARY KEY,
        environment  TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        mice_id      TEXT,
        data         TEXT NOT NULL,
        state        TEXT NOT NULL,
        last_error   TEXT NOT NULL DEFAULT '',
        created_at   REAL NOT NULL,
        updated_at   REAL NOT NULL,
        pushed_at    REAL
    );
    CREATE INDEX meetings_owner ON meetings (environment, user_id, updated_at);
    CREATE TABLE imports (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        environment  TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        kind         TEXT NOT NULL,
        file_name    TEXT NOT NULL,
        file_path    TEXT NOT NULL,
        size         INTEGER NOT NULL,
        sha256       TEXT NOT NULL DEFAULT '',
        state        TEXT NOT NULL,
        msg          TEXT NOT NULL DEFAULT '',
        started_at   REAL NOT NULL,
        finished_at  REAL,
        seconds      REAL
    );
    CREATE INDEX imports_owner ON imports (environment, user_id, started_at);
    """,
    # 2: a revision per meeting, bumped by every draft write, so a push that overlapped with
    # typing never marks the newer text as sent
    """
    ALTER TABLE meetings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    """,
)


class Database:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.database_path()
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self.write_lock = threading.RLock()
        self._migrate()

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # check_same_thread=False only so close() can close every thread's connection at exit.
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self.write_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.connection()
        with self.write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        conn = self.connection()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            log.info("migrating %s to schema %d", self.path.name, number)
            with self.write_lock:
                conn.executescript(f"BEGIN IMMEDIATE; {script}; PRAGMA user_version = {number}; COMMIT;")

    def close(self) -> None:
        """Close every thread's connection (sqlite3 allows closing from another thread)."""
        with self.write_lock:
            for conn in self._all:
                with suppress(sqlite3.ProgrammingError):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
