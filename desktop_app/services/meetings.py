"""Meetings the planner prepares: drafts saved as they type, an outbox, and pushes.

"Never lost and never sent twice" is the rule. Every keystroke-level change lands in SQLite
first. A push marks the row ``sending`` in its own committed transaction before the call;
the answer decides the next state:

- saved: the gateway answered with a miceId; later pushes are edits (idempotent).
- draft (with the reason): the call certainly did not create anything (not delivered,
  refused, invalid), so pushing again is safe.
- unknown: a *create* whose reply was lost (timeout, dropped connection, garbage reply), or
  a row still ``sending`` after a crash. Pushing again might create a duplicate meeting, so
  the app never does it by itself; the planner checks in the 会引擎 app and decides.

``queued`` rows wait for the gateway to be reachable; ``push_queued`` sends them in order.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

from desktop_app.gateway.client import GatewayClient, MaybeDelivered, NotDelivered
from desktop_app.gateway.errors import AuthError, BusinessError, GatewayError, ProtocolError
from desktop_app.gateway.meeting import Meeting, MeetingInvalid
from desktop_app.storage.database import Database
from desktop_app.text import Text

log = logging.getLogger(__name__)

DRAFT = "draft"
QUEUED = "queued"
SENDING = "sending"
SAVED = "saved"
UNKNOWN = "unknown"
STATES = (DRAFT, QUEUED, SENDING, SAVED, UNKNOWN)

UNKNOWN_TEXT = Text(
    "结果未知：请求可能已到达会引擎。请先在会引擎中核对，再决定是否重新推送。",
    "Outcome unknown: the request may have reached the gateway. Check in the 会引擎 app before pushing again.",
)


@dataclass(frozen=True)
class MeetingRecord:
    local_id: str
    environment: str
    user_id: str
    mice_id: str | None
    meeting: Meeting
    state: str
    last_error: str
    updated_at: float
    pushed_at: float | None

    @property
    def title(self) -> str:
        return self.meeting.name or "—"


class AlreadySending(Exception):
    """A push of this meeting is already under way (double click, two windows)."""


class NeedsDecision(Exception):
    """The meeting's last push had an unknown outcome; the planner must decide first."""


def _encode_error(error: GatewayError | Text) -> str:
    return (error.text if isinstance(error, GatewayError) else error).to_json()


error_text = Text.from_json


def _same_fields(stored: str, new: str) -> bool:
    """Equal apart from miceId, which the push adds to the stored copy."""
    old_data, new_data = json.loads(stored), json.loads(new)
    old_data.pop("miceId", None)
    new_data.pop("miceId", None)
    return bool(old_data == new_data)


class MeetingBook:
    """All meetings of one planner in one environment."""

    def __init__(self, db: Database, environment: str, user_id: str) -> None:
        self.db = db
        self.environment = environment
        self.user_id = user_id

    def _row(self, row: Any) -> MeetingRecord:
        data = json.loads(row["data"])
        try:
            meeting = Meeting.from_json_dict({k: v for k, v in data.items() if v is not None})
        except MeetingInvalid:
            # A draft may hold half-typed values; keep what parses, drop what doesn't.
            meeting = Meeting(**{k: v for k, v in data.items() if k not in ("dtStart", "dtEnd")})
        return MeetingRecord(
            local_id=row["local_id"],
            environment=row["environment"],
            user_id=row["user_id"],
            mice_id=row["mice_id"],
            meeting=meeting,
            state=row["state"],
            last_error=row["last_error"],
            updated_at=row["updated_at"],
            pushed_at=row["pushed_at"],
        )

    def recover_interrupted(self) -> int:
        """Rows left ``sending`` by a killed process: their outcome is unknown."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE meetings SET state=?, last_error=? WHERE state=? AND environment=? AND user_id=?"
                " AND mice_id IS NULL",
                (UNKNOWN, _encode_error(UNKNOWN_TEXT), SENDING, self.environment, self.user_id),
            )
            # An interrupted *edit* is idempotent: back to the outbox.
            conn.execute(
                "UPDATE meetings SET state=? WHERE state=? AND environment=? AND user_id=?",
                (QUEUED, SENDING, self.environment, self.user_id),
            )
        return cursor.rowcount

    def all(self) -> list[MeetingRecord]:
        rows = (
            self.db.connection()
            .execute(
                "SELECT * FROM meetings WHERE environment=? AND user_id=? ORDER BY updated_at DESC",
                (self.environment, self.user_id),
            )
            .fetchall()
        )
        return [self._row(row) for row in rows]

    def get(self, local_id: str) -> MeetingRecord | None:
        row = (
            self.db.connection()
            .execute(
                "SELECT * FROM meetings WHERE local_id=? AND environment=? AND user_id=?",
                (local_id, self.environment, self.user_id),
            )
            .fetchone()
        )
        return self._row(row) if row else None

    def save_draft(self, meeting: Meeting, local_id: str | None = None) -> str:
        """Store what the planner typed; returns the draft's local id. Never blocks a push."""
        now = time.time()
        data = json.dumps(meeting.to_json_dict(), ensure_ascii=False)
        with self.db.transaction() as conn:
            if local_id is None:
                local_id = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO meetings (local_id, environment, user_id, mice_id, data, state, created_at,"
                    " updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    (local_id, self.environment, self.user_id, meeting.miceId, data, DRAFT, now, now),
                )
            else:
                row = conn.execute("SELECT state, mice_id, data FROM meetings WHERE local_id=?", (local_id,)).fetchone()
                if row is None:
                    conn.execute(
                        "INSERT INTO meetings (local_id, environment, user_id, mice_id, data, state, created_at,"
                        " updated_at) VALUES (?,?,?,?,?,?,?,?)",
                        (local_id, self.environment, self.user_id, meeting.miceId, data, DRAFT, now, now),
                    )
                elif _same_fields(row["data"], data):
                    pass  # nothing changed (a flush at quit, say): a saved meeting stays saved
                else:
                    # Editing a saved meeting makes it a draft again (with its miceId kept);
                    # a row being sent or of unknown outcome keeps its state.
                    state = DRAFT if row["state"] in (SAVED, DRAFT) else row["state"]
                    conn.execute(
                        "UPDATE meetings SET data=?, state=?, updated_at=?, revision=revision+1 WHERE local_id=?",
                        (data, state, now, local_id),
                    )
        return local_id

    def queue(self, local_id: str) -> None:
        """Mark for pushing when the gateway is reachable (offline save)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE meetings SET state=? WHERE local_id=? AND state IN (?, ?)",
                (QUEUED, local_id, DRAFT, SAVED),
            )

    def delete(self, local_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM meetings WHERE local_id=? AND state != ?", (local_id, SENDING))

    def resolve_unknown(self, local_id: str, *, mice_id: str | None = None) -> None:
        """The planner decided: with ``mice_id`` it was saved; without, it may be pushed again."""
        with self.db.transaction() as conn:
            if mice_id:
                conn.execute(
                    "UPDATE meetings SET state=?, mice_id=?, last_error='' WHERE local_id=? AND state=?",
                    (SAVED, str(uuid.UUID(mice_id)), local_id, UNKNOWN),
                )
            else:
                conn.execute(
                    "UPDATE meetings SET state=?, last_error='' WHERE local_id=? AND state=?",
                    (DRAFT, local_id, UNKNOWN),
                )

    def pending(self) -> list[MeetingRecord]:
        return [r for r in self.all() if r.state == QUEUED]

    def _claim(self, local_id: str) -> tuple[MeetingRecord, int]:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM meetings WHERE local_id=? AND environment=? AND user_id=?",
                (local_id, self.environment, self.user_id),
            ).fetchone()
            if row is None:
                raise KeyError(local_id)
            if row["state"] == SENDING:
                raise AlreadySending(local_id)
            if row["state"] == UNKNOWN:
                raise NeedsDecision(local_id)
            conn.execute("UPDATE meetings SET state=? WHERE local_id=?", (SENDING, local_id))
        return self._row(row), int(row["revision"])

    def _finish(
        self, local_id: str, state: str, *, mice_id: str | None = None, error: str = "", revision: int | None = None
    ) -> None:
        """Record a push's outcome. If the planner typed while it was under way (the revision
        moved on), the miceId is kept but the newer text stays a draft: it was not sent."""
        with self.db.transaction() as conn:
            if mice_id:
                row = conn.execute("SELECT data, revision FROM meetings WHERE local_id=?", (local_id,)).fetchone()
                data = json.loads(row["data"])
                data["miceId"] = mice_id
                unchanged = revision is None or int(row["revision"]) == revision
                conn.execute(
                    "UPDATE meetings SET state=?, mice_id=?, data=?, last_error='', pushed_at=? WHERE local_id=?",
                    (
                        state if unchanged else DRAFT,
                        mice_id,
                        json.dumps(data, ensure_ascii=False),
                        time.time(),
                        local_id,
                    ),
                )
            else:
                conn.execute("UPDATE meetings SET state=?, last_error=? WHERE local_id=?", (state, error, local_id))

    def push(self, local_id: str, client: GatewayClient) -> MeetingRecord:
        """Send one meeting (blocking; run it in the worker). Returns the updated record.

        Raises the gateway error after recording it, so callers can show it; AuthError keeps
        the meeting queued so it goes out after the planner signs in again.
        """
        record, revision = self._claim(local_id)
        meeting = record.meeting
        if record.mice_id and meeting.miceId != record.mice_id:
            meeting = meeting.with_mice_id(record.mice_id)
        try:
            mice_id = client.save_meeting(meeting)
        except MeetingInvalid as exc:
            self._finish(local_id, DRAFT, error=_encode_error(exc.text()))
            raise
        except AuthError as exc:
            self._finish(local_id, QUEUED, error=_encode_error(exc))
            raise
        except (NotDelivered, BusinessError) as exc:
            self._finish(local_id, QUEUED if isinstance(exc, NotDelivered) else DRAFT, error=_encode_error(exc))
            raise
        except (MaybeDelivered, ProtocolError, GatewayError) as exc:
            state = DRAFT if meeting.is_edit else UNKNOWN
            text = (
                exc.text
                if meeting.is_edit
                else Text(f"{UNKNOWN_TEXT.zh}（{exc.text.zh}）", f"{UNKNOWN_TEXT.en} ({exc.text.en})")
            )
            self._finish(local_id, state, error=_encode_error(text))
            raise
        except BaseException:
            # Anything else (a bug, KeyboardInterrupt): we cannot know; treat like a lost reply.
            self._finish(local_id, UNKNOWN if not meeting.is_edit else DRAFT, error=_encode_error(UNKNOWN_TEXT))
            raise
        self._finish(local_id, SAVED, mice_id=mice_id, revision=revision)
        log.info("meeting %s saved as %s", local_id, mice_id)
        result = self.get(local_id)
        assert result is not None
        return result

    def push_queued(self, client: GatewayClient) -> tuple[int, list[tuple[str, GatewayError]]]:
        """Push every queued meeting; stops at the first sign the gateway is unreachable."""
        sent = 0
        failures: list[tuple[str, GatewayError]] = []
        for record in reversed(self.pending()):
            try:
                self.push(record.local_id, client)
                sent += 1
            except (NotDelivered, AuthError) as exc:
                failures.append((record.local_id, exc))
                break
            except GatewayError as exc:
                failures.append((record.local_id, exc))
            except (MeetingInvalid, AlreadySending, NeedsDecision) as exc:
                log.info("queued meeting %s not pushed: %s", record.local_id, type(exc).__name__)
        return sent, failures
