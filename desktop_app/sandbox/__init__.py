"""The embedded 会引擎 sandbox gateway: demo/training/offline mode and the client's test peer.

A real HTTP server on loopback that follows gateway-api.md and contract-notes.md exactly,
with a demo tenant, an H5 demo page behind the application entry, and run-time fault
injection. Start it with ``SandboxServer().start()`` or the ``techmice-sandbox`` command.
"""

from desktop_app.sandbox.faults import FAULT_NAMES, Fault, FaultInjector
from desktop_app.sandbox.server import SandboxServer
from desktop_app.sandbox.tenant import DemoTenant

__all__ = ["FAULT_NAMES", "DemoTenant", "Fault", "FaultInjector", "SandboxServer"]
