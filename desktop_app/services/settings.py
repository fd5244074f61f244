"""Non-secret settings in one JSON file: profiles, remembered fields, language, layout.

Secrets never come here (they live in the OS keychain); ``save`` refuses keys that look
like one, as a last line of defence. Writes are atomic (temp file + replace) so a crash or
a full disk leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from desktop_app.gateway.profile import BUILT_IN, GatewayProfile
from desktop_app.storage import paths

log = logging.getLogger(__name__)
_FORBIDDEN = ("secret", "token", "password", "signature", "authorization")


def _check_no_secrets(value: Any, where: str = "") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if any(word in str(key).lower() for word in _FORBIDDEN):
                raise ValueError(f"refusing to write a secret-like key to settings: {where}{key}")
            _check_no_secrets(item, f"{where}{key}.")
    elif isinstance(value, list):
        for item in value:
            _check_no_secrets(item, where)


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.settings_path()
        self._lock = threading.Lock()
        self._data: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            # A damaged settings file must not stop the app; keep it aside for support.
            log.warning("settings file unreadable (%s); starting with defaults", exc)
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_suffix(".broken.json"))
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        with self._lock:
            return self._data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        _check_no_secrets({key: value})
        with self._lock:
            self._data[key] = value
            self._save_locked()

    def _save_locked(self) -> None:
        text = json.dumps(self._data, ensure_ascii=False, indent=2, sort_keys=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise

    # -- typed helpers -----------------------------------------------------------------------

    def profiles(self) -> list[GatewayProfile]:
        """Built-in profiles (with the planner's overrides) followed by user-defined ones."""
        stored = {p.get("name"): p for p in self.get("profiles", []) if isinstance(p, dict)}
        result = []
        for builtin in BUILT_IN:
            override = stored.pop(builtin.name, None)
            if override:
                merged = {**builtin.to_dict(), **override, "name": builtin.name, "kind": builtin.kind}
                result.append(GatewayProfile.from_dict(merged))
            else:
                result.append(builtin)
        for data in stored.values():
            try:
                result.append(GatewayProfile.from_dict({**data, "kind": "custom"}))
            except TypeError as exc:
                log.warning("ignoring a malformed stored profile: %s", exc)
        return result

    def profile(self, name: str) -> GatewayProfile | None:
        return next((p for p in self.profiles() if p.name == name), None)

    def save_profile(self, profile: GatewayProfile) -> None:
        stored = [p for p in self.get("profiles", []) if isinstance(p, dict) and p.get("name") != profile.name]
        stored.append(profile.to_dict())
        self.set("profiles", stored)

    def remove_profile(self, name: str) -> None:
        self.set("profiles", [p for p in self.get("profiles", []) if p.get("name") != name])

    def remembered_fields(self, environment: str) -> dict[str, str]:
        return dict(self.get("sign_in", {}).get(environment, {}))

    def remember_fields(self, environment: str, fields: dict[str, str]) -> None:
        all_fields = dict(self.get("sign_in", {}))
        all_fields[environment] = fields
        self.set("sign_in", all_fields)
