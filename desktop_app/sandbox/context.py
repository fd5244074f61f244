"""What every route of one sandbox server shares, and the bearer-token guard.

A sandbox is started many times in one process (one per test), so nothing lives in
module globals: each Flask app carries its own :class:`SandboxContext` in
``app.extensions``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from flask import Response, current_app, g, request

from desktop_app.sandbox.auth import TokenService, Unauthorized
from desktop_app.sandbox.faults import FaultInjector
from desktop_app.sandbox.replies import unauthorized
from desktop_app.sandbox.store import Employee, SandboxStore
from desktop_app.sandbox.tenant import DemoTenant

EXTENSION_KEY = "techmice_sandbox"
H5_PATH = "/h5/"

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class SandboxContext:
    tenant: DemoTenant
    store: SandboxStore
    tokens: TokenService
    faults: FaultInjector
    upload_dir: Path
    import_field: str
    enable_fault_api: bool
    stopping: threading.Event
    # The server's own origin; None when bound to a wildcard address, where the entry
    # URL must follow the Host the client used to reach us.
    origin: str | None = None

    def entry_url(self) -> str:
        origin = self.origin or request.host_url.rstrip("/")
        return f"{origin}{H5_PATH}"


def current() -> SandboxContext:
    return cast(SandboxContext, current_app.extensions[EXTENSION_KEY])


def current_employee() -> Employee:
    return cast(Employee, g.employee)


def requires_employee(view: F) -> F:
    """Answer HTTP 401 (envelope code 401) unless a valid bearer token is sent."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Response:
        ctx = current()
        expired = ctx.faults.take("expired_token", request.path) is not None
        try:
            g.employee = ctx.tokens.authenticate(request.headers.get("Authorization"), force_expired=expired)
        except Unauthorized as exc:
            return unauthorized(exc.msg, exc.error)
        return cast(Response, view(*args, **kwargs))

    return cast(F, guarded)
