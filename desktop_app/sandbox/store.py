"""SQLite persistence of the sandbox gateway: employees, nounces, refresh tokens, meetings, imports.

One connection (``check_same_thread=False``) guarded by a lock serves all of waitress's
worker threads: the sandbox's load is one planner, so simplicity beats a pool. The file
lives at ``paths.sandbox_database_path()`` so that a trainer's demo data (imported
employees, meetings) survives a restart; ``None`` keeps everything in memory for tests.
Refresh tokens are stored only as SHA-256 hashes, so the file holds no usable credential.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS employees (
    ent_id     TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    user_id    TEXT NOT NULL,
    source     TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (ent_id, user_name)
);
CREATE TABLE IF NOT EXISTS nounces (
    nounce  TEXT PRIMARY KEY,
    seen_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS nounces_seen_at ON nounces (seen_at);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    ent_id     TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meetings (
    mice_id          TEXT PRIMARY KEY,
    ent_id           TEXT NOT NULL,
    owner_user_id    TEXT NOT NULL,
    tu_user_id       TEXT NOT NULL,
    name             TEXT NOT NULL,
    type             TEXT NOT NULL,
    country          TEXT NOT NULL,
    province         TEXT NOT NULL,
    city             TEXT NOT NULL,
    dt_start         TEXT NOT NULL,
    dt_end           TEXT NOT NULL,
    qty_attender_int INTEGER NOT NULL,
    qty_attender_ext INTEGER NOT NULL,
    descr            TEXT NOT NULL DEFAULT '',
    created_at       REAL NOT NULL,
    updated_at       REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS meetings_owner ON meetings (ent_id, owner_user_id);
CREATE TABLE IF NOT EXISTS imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ent_id      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    filename    TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    size        INTEGER NOT NULL,
    rows        INTEGER,
    sha256      TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    created_at  REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Employee:
    ent_id: str
    user_name: str
    name: str
    user_id: str


@dataclass(frozen=True)
class Meeting:
    """A meeting as the gateway keeps it; field names follow the contract's JSON."""

    miceId: str
    tuUserId: str
    name: str
    type: str
    country: str
    province: str
    city: str
    dtStart: str
    dtEnd: str
    qtyAttenderInt: int
    qtyAttenderExt: int
    descr: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ImportRecord:
    id: int
    kind: str
    filename: str
    size: int
    rows: int | None
    sha256: str
    user_id: str
    user_name: str
    created_at: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SandboxStore:
    """Thread-safe access to the sandbox's SQLite database."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path
        if db_path is not None:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        target = str(db_path) if db_path is not None else ":memory:"
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        # executescript() manages its own transaction; CREATE ... IF NOT EXISTS is idempotent.
        self._conn.executescript(_SCHEMA)
        self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # Employees -----------------------------------------------------------------------

    def upsert_employees(
        self, ent_id: str, employees: Iterable[tuple[str, str, str]], *, source: str, keep_names: bool
    ) -> int:
        """Add or update ``(user_name, name, user_id)`` rows; returns how many were written.

        ``keep_names`` keeps an existing name when the new one is empty (an import whose
        file has no name column must not blank the demo names).
        """
        now = time.time()
        count = 0
        with self._transaction() as conn:
            for user_name, name, user_id in employees:
                name_rule = "CASE WHEN excluded.name = '' THEN employees.name ELSE excluded.name END"
                conn.execute(
                    "INSERT INTO employees (ent_id, user_name, name, user_id, source, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ent_id, user_name) DO UPDATE SET "
                    f"name = {name_rule if keep_names else 'excluded.name'}",
                    (ent_id, user_name, name, user_id, source, now),
                )
                count += 1
        return count

    def employee(self, ent_id: str, user_name: str) -> Employee | None:
        rows = self._query(
            "SELECT ent_id, user_name, name, user_id FROM employees WHERE ent_id = ? AND user_name = ?",
            (ent_id, user_name),
        )
        return Employee(**dict(rows[0])) if rows else None

    def employee_by_user_id(self, ent_id: str, user_id: str) -> Employee | None:
        rows = self._query(
            "SELECT ent_id, user_name, name, user_id FROM employees WHERE ent_id = ? AND user_id = ?",
            (ent_id, user_id),
        )
        return Employee(**dict(rows[0])) if rows else None

    def employees(self, ent_id: str) -> list[Employee]:
        rows = self._query(
            "SELECT ent_id, user_name, name, user_id FROM employees WHERE ent_id = ? ORDER BY user_name",
            (ent_id,),
        )
        return [Employee(**dict(row)) for row in rows]

    # Nounces -------------------------------------------------------------------------

    def remember_nounce(self, nounce: str, *, now: float, window: float) -> bool:
        """Record ``nounce``; False when it was already seen within ``window`` seconds (a replay)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM nounces WHERE seen_at < ?", (now - window,))
            seen = conn.execute("SELECT 1 FROM nounces WHERE nounce = ?", (nounce,)).fetchone()
            if seen:
                return False
            conn.execute("INSERT INTO nounces (nounce, seen_at) VALUES (?, ?)", (nounce, now))
            return True

    # Refresh tokens ------------------------------------------------------------------

    def save_refresh_token(self, token_hash: str, ent_id: str, user_name: str, expires_at: float) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM refresh_tokens WHERE expires_at < ?", (time.time(),))
            conn.execute(
                "INSERT INTO refresh_tokens (token_hash, ent_id, user_name, expires_at) VALUES (?, ?, ?, ?)",
                (token_hash, ent_id, user_name, expires_at),
            )

    def take_refresh_token(self, token_hash: str, *, now: float) -> tuple[str, str] | None:
        """Consume a refresh token: ``(ent_id, user_name)`` if valid; it can never be used again."""
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT ent_id, user_name, expires_at FROM refresh_tokens WHERE token_hash = ?",
                (token_hash,),
            ).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM refresh_tokens WHERE token_hash = ?", (token_hash,))
            if row["expires_at"] <= now:
                return None
            return row["ent_id"], row["user_name"]

    # Meetings ------------------------------------------------------------------------

    _MEETING_COLUMNS = (
        "mice_id AS miceId, tu_user_id AS tuUserId, name, type, country, province, city, "
        "dt_start AS dtStart, dt_end AS dtEnd, qty_attender_int AS qtyAttenderInt, "
        "qty_attender_ext AS qtyAttenderExt, descr"
    )

    def insert_meeting(self, ent_id: str, owner_user_id: str, meeting: Meeting) -> None:
        now = time.time()
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO meetings (mice_id, ent_id, owner_user_id, tu_user_id, name, type, country, "
                "province, city, dt_start, dt_end, qty_attender_int, qty_attender_ext, descr, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (meeting.miceId, ent_id, owner_user_id, *self._values(meeting), now, now),
            )

    def update_meeting(self, ent_id: str, owner_user_id: str, meeting: Meeting) -> bool:
        """False when the planner has no meeting with this miceId."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE meetings SET tu_user_id = ?, name = ?, type = ?, country = ?, province = ?, city = ?, "
                "dt_start = ?, dt_end = ?, qty_attender_int = ?, qty_attender_ext = ?, descr = ?, "
                "updated_at = ? WHERE mice_id = ? AND ent_id = ? AND owner_user_id = ?",
                (*self._values(meeting), time.time(), meeting.miceId, ent_id, owner_user_id),
            )
            return cursor.rowcount == 1

    @staticmethod
    def _values(meeting: Meeting) -> tuple[Any, ...]:
        return (
            meeting.tuUserId,
            meeting.name,
            meeting.type,
            meeting.country,
            meeting.province,
            meeting.city,
            meeting.dtStart,
            meeting.dtEnd,
            meeting.qtyAttenderInt,
            meeting.qtyAttenderExt,
            meeting.descr,
        )

    def meeting(self, ent_id: str, owner_user_id: str, mice_id: str) -> Meeting | None:
        rows = self._query(
            f"SELECT {self._MEETING_COLUMNS} FROM meetings WHERE ent_id = ? AND owner_user_id = ? AND mice_id = ?",
            (ent_id, owner_user_id, mice_id),
        )
        return Meeting(**dict(rows[0])) if rows else None

    def meetings(self, ent_id: str, owner_user_id: str) -> list[Meeting]:
        rows = self._query(
            f"SELECT {self._MEETING_COLUMNS} FROM meetings WHERE ent_id = ? AND owner_user_id = ? "
            "ORDER BY dt_start DESC, created_at DESC",
            (ent_id, owner_user_id),
        )
        return [Meeting(**dict(row)) for row in rows]

    # Imports -------------------------------------------------------------------------

    def add_import(
        self,
        *,
        ent_id: str,
        kind: str,
        filename: str,
        stored_name: str,
        size: int,
        rows: int | None,
        sha256: str,
        user_id: str,
        user_name: str,
    ) -> int:
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO imports (ent_id, kind, filename, stored_name, size, rows, sha256, user_id, "
                "user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ent_id, kind, filename, stored_name, size, rows, sha256, user_id, user_name, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def imports(self, ent_id: str, *, limit: int = 200) -> list[ImportRecord]:
        rows = self._query(
            "SELECT id, kind, filename, size, rows, sha256, user_id, user_name, created_at FROM imports "
            "WHERE ent_id = ? ORDER BY id DESC LIMIT ?",
            (ent_id, limit),
        )
        return [ImportRecord(**dict(row)) for row in rows]
