"""The H5 demo page the sandbox's application entry points to, and its JSON API.

The real 会引擎 entry opens an H5 app that is authorised by the ``Authorization`` header
the desktop web view adds to requests to allowed origins (contract-notes §7); the token
never appears in a URL or in the page's script. This page proves that chain: it is
served without a token, and its script fetches ``/h5/api/*``, which require the header.
Assets live in ``resources/sandbox/`` so the frozen app ships them as data files.
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, send_from_directory
from werkzeug.wrappers import Response as WerkzeugResponse

from desktop_app.gateway.endpoints import ImportKind
from desktop_app.sandbox.context import current, current_employee, requires_employee
from desktop_app.sandbox.replies import ok
from desktop_app.storage import paths

h5 = Blueprint("h5", __name__)

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


@h5.after_request
def _page_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@h5.get("/h5")
def h5_root() -> WerkzeugResponse:
    return redirect("/h5/", code=308)


@h5.get("/h5/")
def h5_index() -> Response:
    return send_from_directory(paths.resource("sandbox"), "index.html")


@h5.get("/h5/<path:asset>")
def h5_asset(asset: str) -> Response:
    # send_from_directory refuses paths that leave the folder.
    return send_from_directory(paths.resource("sandbox"), asset)


@h5.get("/h5/api/me")
@requires_employee
def me() -> Response:
    ctx = current()
    employee = current_employee()
    return ok(
        {
            "userId": employee.user_id,
            "user_name": employee.user_name,
            "name": employee.name or employee.user_name,
            "ent_id": ctx.tenant.ent_id,
        }
    )


@h5.get("/h5/api/meetings")
@requires_employee
def meetings() -> Response:
    ctx = current()
    rows = ctx.store.meetings(ctx.tenant.ent_id, current_employee().user_id)
    return ok([meeting.to_json() for meeting in rows])


@h5.get("/h5/api/imports")
@requires_employee
def imports() -> Response:
    ctx = current()
    listed = []
    for record in ctx.store.imports(ctx.tenant.ent_id):
        kind = ImportKind.from_slug(record.kind)
        listed.append({**record.to_json(), "kind_name_zh": kind.name_zh, "kind_name_en": kind.name_en})
    return ok(listed)
