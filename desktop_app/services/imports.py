"""Master-data imports: check a dropped file, guess its kind, preview it, upload it, remember it.

Everything here is blocking and meant for the worker pool: reading a preview parses the
file, and the history's sha256 reads every byte (so re-importing the same file is noticed).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.gateway.client import GatewayClient, ImportResult, ProgressCallback
from desktop_app.gateway.endpoints import IMPORT_EXTENSIONS, ImportKind
from desktop_app.gateway.errors import Cancelled, GatewayError
from desktop_app.spreadsheets import UnreadableFile, read_table
from desktop_app.storage.database import Database
from desktop_app.text import Text

log = logging.getLogger(__name__)

# Words in file names, in the planner's languages, that say which list a file is.
_KIND_WORDS: tuple[tuple[ImportKind, tuple[str, ...]], ...] = (
    (ImportKind.EMPLOYEES, ("员工", "人员", "employee", "staff")),
    (ImportKind.RESTAURANTS, ("餐厅", "餐饮", "restaurant", "shop")),
    (ImportKind.HOSPITALS, ("医院", "hospital")),
    (ImportKind.CAR_FLEETS, ("车队", "车辆", "用车", "fleet", "car")),
    (ImportKind.HOTELS, ("酒店", "宾馆", "hotel", "venue")),
)

PREVIEW_ROWS = 20


def guess_kind(file_name: str) -> ImportKind | None:
    """The kind a file name suggests; None when it says nothing (the planner picks)."""
    name = file_name.lower()
    for kind, words in _KIND_WORDS:
        for word in words:
            # Latin words must stand alone ("car" in "card" is not a car fleet); Chinese has no spaces.
            if word.isascii():
                if re.search(rf"(?<![a-z]){re.escape(word)}s?(?![a-z])", name):
                    return kind
            elif word in name:
                return kind
    return None


@dataclass(frozen=True)
class FileCheck:
    path: Path
    size: int
    kind: ImportKind | None
    problem: Text | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_file(path: Path) -> FileCheck:
    """Refuse what cannot be an import before any byte is sent: folder, type, empty, unreadable."""
    kind = guess_kind(path.name)
    if path.is_dir():
        return FileCheck(path, 0, kind, Text("这是一个文件夹，请拖入文件。", "This is a folder; drop files instead."))
    if path.suffix.lower() not in IMPORT_EXTENSIONS:
        exts = " ".join(IMPORT_EXTENSIONS)
        return FileCheck(
            path,
            0,
            kind,
            Text(
                f"不支持的文件类型，只能导入 {exts} 文件。",
                f"Unsupported file type; only {exts} files can be imported.",
            ),
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        return FileCheck(path, 0, kind, Text("文件不存在。", "The file does not exist."))
    except OSError as exc:
        log.info("cannot read %s: %s", path, exc)
        return FileCheck(
            path, 0, kind, Text("无法读取文件（没有权限或被占用）。", "Cannot read the file (no access or in use).")
        )
    if size == 0:
        return FileCheck(path, 0, kind, Text("文件是空的。", "The file is empty."))
    return FileCheck(path, size, kind, None)


@dataclass(frozen=True)
class Preview:
    rows: list[list[str]]
    note: Text | None = None


def preview(path: Path, limit: int = PREVIEW_ROWS) -> Preview:
    """The first rows, for the planner to see it is the right file (never sent to the gateway)."""
    try:
        table = read_table(path)
        if table is None:
            return Preview(
                [], Text("旧版 .xls 文件无法预览，可直接导入。", "Old .xls files cannot be previewed; import works.")
            )
        return Preview(list(itertools.islice(table, limit)))
    except (UnreadableFile, OSError) as exc:
        log.info("no preview of %s: %s", path.name, exc)
        return Preview(
            [],
            Text(
                "文件内容无法读取，可能已损坏或扩展名不符。", "The content cannot be read; damaged or wrong extension?"
            ),
        )


def sha256_of(path: Path, cancel: threading.Event | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if cancel is not None and cancel.is_set():
                raise Cancelled("hash cancelled")
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class ImportRecord:
    id: int
    kind: ImportKind
    file_name: str
    file_path: str
    size: int
    sha256: str
    state: str
    msg: Text | None
    started_at: float
    finished_at: float | None
    seconds: float | None


RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"
INTERRUPTED = Text("已中断（程序被关闭）", "Interrupted (the app was closed)")


class ImportHistory:
    """The ledger of imports of one planner in one environment (kept in SQLite)."""

    def __init__(self, db: Database, environment: str, user_id: str) -> None:
        self.db = db
        self.environment = environment
        self.user_id = user_id

    def recover_interrupted(self) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE imports SET state=?, msg=? WHERE state=? AND environment=? AND user_id=?",
                (FAILED, INTERRUPTED.to_json(), RUNNING, self.environment, self.user_id),
            )

    def start(self, kind: ImportKind, path: Path, size: int, sha256: str) -> int:
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO imports (environment, user_id, kind, file_name, file_path, size, sha256, state,"
                " started_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (self.environment, self.user_id, kind.slug, path.name, str(path), size, sha256, RUNNING, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def finish(self, record_id: int, state: str, msg: str, seconds: float | None = None) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE imports SET state=?, msg=?, finished_at=?, seconds=? WHERE id=?",
                (state, msg, time.time(), seconds, record_id),
            )

    def recent(self, limit: int = 200) -> list[ImportRecord]:
        rows = (
            self.db.connection()
            .execute(
                "SELECT * FROM imports WHERE environment=? AND user_id=? ORDER BY started_at DESC, id DESC LIMIT ?",
                (self.environment, self.user_id, limit),
            )
            .fetchall()
        )
        return [
            ImportRecord(
                id=row["id"],
                kind=ImportKind.from_slug(row["kind"]),
                file_name=row["file_name"],
                file_path=row["file_path"],
                size=row["size"],
                sha256=row["sha256"],
                state=row["state"],
                msg=Text.from_json(row["msg"]),
                started_at=row["started_at"],
                finished_at=row["finished_at"],
                seconds=row["seconds"],
            )
            for row in rows
        ]

    def last_success_of(self, sha256: str, kind: ImportKind) -> ImportRecord | None:
        return next((r for r in self.recent() if r.sha256 == sha256 and r.kind is kind and r.state == DONE), None)


def upload(
    client: GatewayClient,
    history: ImportHistory,
    kind: ImportKind,
    path: Path,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Check, hash, upload and record one file (blocking). Raises GatewayError on failure."""
    check = check_file(path)
    if not check.ok:
        assert check.problem is not None
        raise GatewayError(check.problem, f"refused before upload: {path.name}")
    digest = sha256_of(path, cancel)
    record_id = history.start(kind, path, check.size, digest)
    try:
        result = client.import_file(kind, path, on_progress=on_progress, cancel=cancel)
    except Cancelled as exc:
        history.finish(record_id, CANCELLED, exc.text.to_json())
        raise
    except GatewayError as exc:
        history.finish(record_id, FAILED, exc.text.to_json())
        raise
    except BaseException:
        history.finish(record_id, FAILED, Text("内部错误，详情见日志", "Internal error; see the log").to_json())
        raise
    history.finish(record_id, DONE, Text(result.msg, result.msg).to_json() if result.msg else "", result.seconds)
    return result


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
