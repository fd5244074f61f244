"""Logging to a rotating file in the data dir, with secrets redacted wherever they appear.

Windowed builds have no stderr, so the log file is where support looks first. The
redaction runs as a filter on the handlers (not on loggers), so records from every
library — requests, urllib3, waitress, Qt messages — pass through it.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

from desktop_app.storage import paths

LOG_FILE_NAME = "techmice.log"
_MASK = "***"

# key=value / "key": "value" forms of the secrets this app handles.
_SECRET_KEYS = (
    "client_secret",
    "access_token",
    "refresh_token",
    "signature",
    "password",
    "token",
)
_KEY_VALUE = re.compile(
    # Not after "/" or a word character: ".../connect/token: ChunkedEncodingError" names a path.
    r"""(?P<key>(?<![/\w])["']?(?:""" + "|".join(_SECRET_KEYS) + r""")["']?\s*[=:]\s*["']?)(?P<value>[^"'&\s,;}]+)""",
    re.IGNORECASE,
)
_AUTH_HEADER = re.compile(r"(?P<key>authorization[\"']?\s*[:=]\s*[\"']?)(?P<value>[^\"'\r\n,}]+)", re.IGNORECASE)
_BEARER = re.compile(r"(?P<key>\bbearer\s+)(?P<value>[A-Za-z0-9\-._~+/]+=*)", re.IGNORECASE)
# A JWT anywhere (three base64url parts, the first one a JSON header "eyJ...").
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+")


class _KnownSecrets:
    """Exact secret values the running app holds, redacted even where no key names them."""

    def __init__(self) -> None:
        self._values: set[str] = set()

    def add(self, value: str | None) -> None:
        # Very short values would redact ordinary words; real secrets are longer.
        if value and len(value) >= 6:
            self._values.add(value)

    def scrub(self, text: str) -> str:
        for value in sorted(self._values, key=len, reverse=True):
            if value in text:
                text = text.replace(value, _MASK)
        return text


known_secrets = _KnownSecrets()


def redact(text: str) -> str:
    """Remove every secret this module can recognise from ``text``."""
    text = known_secrets.scrub(text)
    text = _AUTH_HEADER.sub(lambda m: m.group("key") + _MASK, text)
    text = _BEARER.sub(lambda m: m.group("key") + _MASK, text)
    text = _KEY_VALUE.sub(lambda m: m.group("key") + _MASK, text)
    return _JWT.sub(_MASK, text)


class RedactingFilter(logging.Filter):
    """Formats the message once, redacts it, and freezes it so handlers see only the clean text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None
        return True


_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def configure(*, verbose: bool = False, console: bool = False) -> Path:
    """Install the rotating file handler (idempotent). Returns the log file's path."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_techmice", False):
            root.removeHandler(handler)
            handler.close()
    path = log_file()
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.addFilter(RedactingFilter())
    file_handler._techmice = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(RedactingFilter())
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream._techmice = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # urllib3 at DEBUG logs request lines; harmless after redaction, but noisy.
    logging.getLogger("urllib3").setLevel(logging.INFO)
    return path
