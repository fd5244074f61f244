"""The sandbox's own switchboard under ``/__sandbox__/`` (never faulted, never in the contract).

``health`` is always there, for readiness polling. The fault API is registered only
when the server was started with ``enable_fault_api=True`` (``--enable-fault-api``), so
support staff can break a separately started sandbox on purpose while a normal demo
sandbox cannot be broken by whatever else runs on the machine.

    POST   /__sandbox__/faults  {"name": "latency", "path": "/api/...", "times": 1, "seconds": 2}
    POST   /__sandbox__/faults  {"clear": true}            (or {"clear": "latency"})
    GET    /__sandbox__/faults  active faults
    DELETE /__sandbox__/faults  clear all
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from desktop_app.sandbox.context import current
from desktop_app.sandbox.faults import FAULTS
from desktop_app.sandbox.replies import business_error, ok

control = Blueprint("control", __name__)
fault_api = Blueprint("fault_api", __name__)


@control.get("/__sandbox__/health")
def health() -> Response:
    return ok("ok")


@fault_api.get("/__sandbox__/faults")
def list_faults() -> Response:
    return ok(
        {
            "active": [fault.to_json() for fault in current().faults.active()],
            "known": {name: {"params": params, "effect": effect} for name, (params, effect) in FAULTS.items()},
        }
    )


@fault_api.delete("/__sandbox__/faults")
def clear_faults() -> Response:
    removed = current().faults.clear()
    return ok(removed, f"已清除 {removed} 个故障")


@fault_api.post("/__sandbox__/faults")
def inject_fault() -> Response:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return business_error("请求体应为 JSON 对象", "expected a JSON object")
    faults = current().faults
    if "clear" in payload:
        which = payload["clear"]
        removed = faults.clear(which if isinstance(which, str) else None)
        return ok(removed, f"已清除 {removed} 个故障")
    options = dict(payload)
    name = options.pop("name", None)
    path = options.pop("path", None)
    times = options.pop("times", None)
    try:
        if not isinstance(name, str):
            raise ValueError("'name' is required")
        if path is not None and not isinstance(path, str):
            raise ValueError("'path' must be a string")
        if times is not None and (isinstance(times, bool) or not isinstance(times, int)):
            raise ValueError("'times' must be an integer")
        if any(isinstance(v, bool) or not isinstance(v, int | float) for v in options.values()):
            raise ValueError("fault parameters must be numbers")
        fault = faults.inject(name, path=path, times=times, **options)
    except ValueError as exc:
        return business_error("故障参数有误", str(exc))
    return ok(fault.to_json(), f"已注入故障 {fault.name}")
