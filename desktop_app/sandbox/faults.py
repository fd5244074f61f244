"""Run-time fault injection: the bad days of a real gateway, on demand.

The desktop client must survive what real gateways and proxies do (contract-notes §4):
slow answers, exception envelopes, HTML error pages from a proxy, truncated or empty
bodies, dropped connections, tokens that expire early, slow uploads. Tests and support
staff switch these on for one path (or all) and for the next N requests (or until
cleared). This module only keeps the book of active faults; ``app.py`` acts on them.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

# name -> (parameter defaults, what the client sees); the order is the documentation's.
FAULTS: dict[str, tuple[dict[str, float], str]] = {
    "latency": ({"seconds": 1.0}, "the reply is delayed by `seconds`"),
    "code500": ({}, "HTTP 200 envelope success=false code=500; the request is not processed"),
    "html502": ({}, "HTTP 502 with a proxy's HTML error page; the request is not processed"),
    "truncated_json": ({}, "the real reply (HTTP 200, JSON) with only the first half of its body"),
    "empty_body": ({}, "HTTP 200, JSON content type, empty body (the request was processed)"),
    "drop_connection": (
        {},
        "headers and half the real body are sent, then the connection is closed "
        "(the request was processed); requests raises ChunkedEncodingError",
    ),
    "expired_token": ({}, "every bearer token is treated as expired: HTTP 401"),
    # waitress receives a whole request body before the app runs, so this throttles the
    # app's reading of the upload: the client's send finishes at network speed and then
    # its reply is late (a read timeout), as with a gateway that processes slowly.
    "slow_upload": (
        {"bytes_per_second": 16384.0},
        "import uploads are read at this rate; the reply comes when all is read",
    ),
}
FAULT_NAMES = tuple(FAULTS)

# Never faulted: the switchboard itself must stay reachable to clear faults.
CONTROL_PREFIX = "/__sandbox__/"


@dataclass
class Fault:
    """One injected fault. ``remaining`` None means until cleared."""

    id: int
    name: str
    path: str | None
    remaining: int | None
    params: dict[str, float] = field(default_factory=dict)

    def matches(self, path: str) -> bool:
        if self.path is None:
            return True
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "path": self.path, "remaining": self.remaining, **self.params}


class FaultInjector:
    """Thread-safe book of active faults, shared by all of waitress's worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def inject(self, name: str, *, path: str | None = None, times: int | None = None, **params: float) -> Fault:
        """Activate fault ``name`` for requests to ``path`` (None: all; ``"/h5/*"``: a prefix).

        ``times`` limits it to the next N matching requests; None keeps it until cleared.
        Parameters: ``latency(seconds=1.0)``, ``slow_upload(bytes_per_second=16384)``.
        """
        if name not in FAULTS:
            raise ValueError(f"unknown fault {name!r}; known: {', '.join(FAULT_NAMES)}")
        defaults = FAULTS[name][0]
        unknown = set(params) - set(defaults)
        if unknown:
            raise ValueError(f"fault {name!r} takes no parameter(s) {', '.join(sorted(unknown))}")
        values = {key: float(params.get(key, default)) for key, default in defaults.items()}
        if any(value <= 0 for value in values.values()) and name == "slow_upload":
            raise ValueError("bytes_per_second must be positive")
        if any(value < 0 for value in values.values()):
            raise ValueError("fault parameters must not be negative")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for until cleared)")
        if path is not None and not path.startswith("/"):
            raise ValueError("path must start with '/'")
        with self._lock:
            fault = Fault(next(self._ids), name, path, times, values)
            self._faults.append(fault)
            return fault

    def clear(self, name: str | None = None) -> int:
        """Remove all faults (or all of one name); returns how many were removed."""
        with self._lock:
            keep = [fault for fault in self._faults if name is not None and fault.name != name]
            removed = len(self._faults) - len(keep)
            self._faults = keep
            return removed

    def active(self) -> list[Fault]:
        with self._lock:
            return [Fault(f.id, f.name, f.path, f.remaining, dict(f.params)) for f in self._faults]

    def take(self, name: str, path: str) -> Fault | None:
        """Consume one use of the oldest active ``name`` fault matching ``path``, if any."""
        if path.startswith(CONTROL_PREFIX):
            return None
        with self._lock:
            for fault in self._faults:
                if fault.name == name and fault.matches(path):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            self._faults.remove(fault)
                    return Fault(fault.id, fault.name, fault.path, fault.remaining, dict(fault.params))
            return None
