"""The embedded 会引擎 sandbox gateway: demo/training/offline mode and the client's test peer.

A real HTTP server on loopback that follows gateway-api.md and contract-notes.md exactly,
with a demo tenant, an H5 demo page behind the application entry, and run-time fault
injection. Start it with ``SandboxServer().start()`` or the ``techmice-sandbox`` command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.sandbox.faults import FAULT_NAMES, Fault, FaultInjector
    from desktop_app.sandbox.server import SandboxServer
    from desktop_app.sandbox.tenant import DemoTenant

# Lazy, so that the login dialog can read the demo tenant (sandbox.tenant) without loading
# Flask and waitress at start-up; the server is imported when the sandbox is first used.
_EXPORTS = {
    "FAULT_NAMES": "desktop_app.sandbox.faults",
    "Fault": "desktop_app.sandbox.faults",
    "FaultInjector": "desktop_app.sandbox.faults",
    "SandboxServer": "desktop_app.sandbox.server",
    "DemoTenant": "desktop_app.sandbox.tenant",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FAULT_NAMES", "DemoTenant", "Fault", "FaultInjector", "SandboxServer"]
