"""The one module that decides where TechMICE reads and writes files.

Every file the app writes (settings, SQLite, logs, the web profile, the sandbox's
database) lives below ``data_dir()``. ``TECHMICE_DATA_DIR`` moves all of it, which is
how tests keep away from a planner's real data (qutebrowser's ``--temp-basedir``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "TechMICE"
APP_AUTHOR = "TechMICE"
ENV_DATA_DIR = "TECHMICE_DATA_DIR"


def data_dir() -> Path:
    """Root of everything the app writes; created on first use."""
    override = os.environ.get(ENV_DATA_DIR)
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    base.mkdir(parents=True, exist_ok=True)
    return base


def _sub(name: str) -> Path:
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    return _sub("logs")


def database_path() -> Path:
    """The app's own SQLite file (drafts, outbox, import history)."""
    return data_dir() / "techmice.sqlite3"


def sandbox_database_path() -> Path:
    """The embedded sandbox gateway's SQLite file, kept apart from the app's own data."""
    return _sub("sandbox") / "sandbox.sqlite3"


def settings_path() -> Path:
    """JSON settings: profiles and remembered non-secret fields. Never secrets."""
    return data_dir() / "settings.json"


def web_profile_dir(profile_name: str) -> Path:
    """Persistent storage of the embedded web view, one folder per environment."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in profile_name) or "default"
    return _sub("web") / safe


def resources_dir() -> Path:
    """Read-only shipped resources: source checkout, installed wheel or frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent.parent
    candidates += [here.parent / "resources", here / "_resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
