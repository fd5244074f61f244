"""Receiving one master-data import upload (gateway-api.md 导入, contract-notes §5).

An import is a spreadsheet of possibly many megabytes. The multipart body is parsed
incrementally and the file part is written straight to a file in the sandbox's upload
folder, never held in memory. The ``slow_upload`` fault throttles how fast this reads
the body, which is how the sandbox plays a slow gateway for the client's progress and
timeout handling.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, cast

from werkzeug.formparser import FormDataParser

from desktop_app.gateway.endpoints import IMPORT_EXTENSIONS

_CHUNK = 64 * 1024
_MAX_FIELD_BYTES = 500_000
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


class UploadRefused(Exception):
    def __init__(self, msg: str, error: str) -> None:
        super().__init__(error)
        self.msg = msg
        self.error = error


class ServerStopping(Exception):
    """The sandbox is shutting down while an upload is still being read."""


@dataclass(frozen=True)
class ReceivedFile:
    path: Path
    filename: str  # as the planner named it, without folders
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return Path(self.filename).suffix.lower()


class ByteReader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class ThrottledStream:
    """Reads from ``stream`` at no more than ``bytes_per_second``."""

    def __init__(self, stream: ByteReader, bytes_per_second: float, stopping: threading.Event) -> None:
        self._stream = stream
        self._rate = bytes_per_second
        self._stopping = stopping
        self._chunk = max(1, int(bytes_per_second / 20))
        self._started = time.monotonic()
        self._read = 0

    def read(self, size: int = -1, /) -> bytes:
        limit = self._chunk if size is None or size < 0 else min(size, self._chunk)
        data = self._stream.read(limit)
        self._read += len(data)
        wait = self._read / self._rate - (time.monotonic() - self._started)
        if wait > 0 and self._stopping.wait(wait):
            raise ServerStopping("sandbox stopping during a throttled upload")
        return data


def clean_filename(raw: str | None) -> str:
    """The planner's file name without any folder part or control characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE_NAME.sub("", name).strip()[:255]


def receive_upload(
    *,
    stream: ByteReader,
    mimetype: str,
    options: dict[str, str],
    content_length: int | None,
    field: str,
    upload_dir: Path,
    kind_slug: str,
) -> ReceivedFile:
    """Stream the one file part named ``field`` to ``upload_dir`` and check it."""
    if mimetype != "multipart/form-data":
        raise UploadRefused(
            "请以 multipart/form-data 方式上传文件",
            f"expected multipart/form-data with one file part named {field!r}, got {mimetype or 'no body'!r}",
        )
    upload_dir.mkdir(parents=True, exist_ok=True)
    opened: list[tuple[Path, IO[bytes]]] = []

    def stream_factory(*_args: Any, **_kwargs: Any) -> IO[bytes]:
        part_path = upload_dir / f".part-{uuid.uuid4().hex}"
        handle = part_path.open("w+b")
        opened.append((part_path, handle))
        return handle

    try:
        # max_form_memory_size also bounds the decoder's buffer, which holds one 64 KiB
        # read plus a partial boundary: keep werkzeug's default, well above that.
        parser = FormDataParser(stream_factory=stream_factory, max_form_memory_size=_MAX_FIELD_BYTES)
        # werkzeug only calls read(size) on the stream.
        _, _, files = parser.parse(cast(IO[bytes], stream), mimetype, content_length, options)
        parts = files.getlist(field)
        if not parts:
            raise UploadRefused(
                f"未收到文件（表单字段 {field}）", f"no file part named {field!r} in the multipart body"
            )
        if len(parts) > 1:
            raise UploadRefused("一次只能上传一个文件", f"{len(parts)} file parts named {field!r}")
        part = parts[0]
        filename = clean_filename(part.filename)
        extension = Path(filename).suffix.lower()
        if extension not in IMPORT_EXTENSIONS:
            shown = extension or "（无扩展名）"
            raise UploadRefused(
                f"不支持的文件类型 {shown}，请上传 .xlsx、.xls 或 .csv 文件",
                f"unsupported file type {extension or 'without extension'!r}; accepted: {' '.join(IMPORT_EXTENSIONS)}",
            )
        part_path = next(path for path, handle in opened if handle is part.stream)
        size, digest = _size_and_sha256(part.stream)
        if size == 0:
            raise UploadRefused("文件为空，请选择有内容的文件", "empty file part")
        part.stream.close()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kept = upload_dir / f"{stamp}-{kind_slug}-{uuid.uuid4().hex[:8]}{extension}"
        part_path.rename(kept)
        return ReceivedFile(kept, filename, size, digest)
    finally:
        # Whatever was not renamed above is a refused or stray part.
        for path, handle in opened:
            handle.close()
            path.unlink(missing_ok=True)


def _size_and_sha256(handle: IO[bytes]) -> tuple[int, str]:
    handle.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()
