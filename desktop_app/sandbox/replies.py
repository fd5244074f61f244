"""The gateway's reply envelope (gateway-api.md 返回值, contract-notes §3-§4).

Every reply but the token call's success is ``{success, code, content, msg, error}``:
``code`` 0 is success, 500 a business error or exception, 401 a missing or bad token;
``msg`` is Chinese for the planner, ``error`` English for developers.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

CODE_OK = 0
CODE_ERROR = 500
CODE_UNAUTHORIZED = 401


def envelope(
    content: Any = "",
    *,
    success: bool = True,
    code: int = CODE_OK,
    msg: str = "",
    error: str = "",
    status: int = 200,
) -> Response:
    response = jsonify({"success": success, "code": code, "content": content, "msg": msg, "error": error})
    response.status_code = status
    return response


def ok(content: Any = "", msg: str = "") -> Response:
    return envelope(content, msg=msg)


def business_error(msg: str, error: str, *, status: int = 200) -> Response:
    """A refusal the planner can act on: HTTP 200 (as the gateway does), success false, code 500."""
    return envelope(None, success=False, code=CODE_ERROR, msg=msg, error=error, status=status)


def unauthorized(msg: str, error: str) -> Response:
    response = envelope(None, success=False, code=CODE_UNAUTHORIZED, msg=msg, error=error, status=401)
    response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response
