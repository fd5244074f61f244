"""Turn an HTTP reply into content or exactly one typed error (contract-notes §3, §4).

Real gateways and the proxies in front of them send more than the contract shows: HTML
error pages, empty bodies, truncated JSON, ``content: null``. Every such reply ends here
as a ProtocolError with the evidence in ``detail`` for the log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.gateway.errors import AuthError, BusinessError, ProtocolError, SignInRefused

_MISSING = object()


@dataclass(frozen=True)
class Reply:
    """A successful envelope: ``content`` for the program, ``msg`` for the planner (may be "")."""

    content: Any
    msg: str = ""


_EXCERPT = 200


def _excerpt(body: bytes | str) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    return text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else "")


def decode_json(status: int, body: bytes, content_type: str = "") -> Any:
    """The JSON value of a body, or ProtocolError saying what the body was instead."""
    if not body.strip():
        raise ProtocolError(f"HTTP {status}: empty body")
    head = body.lstrip()[:15].lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise ProtocolError(f"HTTP {status}: HTML/XML instead of JSON ({content_type}): {_excerpt(body)}")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"HTTP {status}: body is not UTF-8: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ProtocolError(
            f"HTTP {status}: invalid or truncated JSON ({exc.msg} at {exc.pos}): {_excerpt(body)}"
        ) from None


def _is_envelope(value: Any) -> bool:
    return isinstance(value, Mapping) and "success" in value


def _code(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_envelope(status: int, body: bytes, content_type: str = "", *, require_content: bool) -> Reply:
    """Content and msg of a successful envelope; raises the typed error for anything else."""
    if status == 401:
        detail = f"HTTP 401: {_excerpt(body)}" if body else "HTTP 401"
        raise AuthError(detail)
    try:
        value = decode_json(status, body, content_type)
    except ProtocolError:
        if status >= 400:
            raise ProtocolError(f"HTTP {status} without an envelope: {_excerpt(body) or 'empty body'}") from None
        raise
    if not _is_envelope(value):
        raise ProtocolError(
            f"HTTP {status}: JSON is not an envelope: {_excerpt(json.dumps(value, ensure_ascii=False))}"
        )
    code = _code(value.get("code"))
    success = value.get("success")
    if code == 401:
        raise AuthError(f"envelope code 401: {value.get('msg')!r} {value.get('error')!r}")
    if success is False or (status >= 400 and success is not True):
        raise BusinessError(
            code=code,
            msg=str(value.get("msg") or ""),
            error=str(value.get("error") or ""),
            http_status=status,
        )
    if success is not True:
        raise ProtocolError(f"HTTP {status}: envelope 'success' is {success!r}, not a boolean")
    if status >= 400:
        raise ProtocolError(f"HTTP {status} with success:true envelope")
    content = value.get("content", _MISSING)
    if content is _MISSING:
        raise ProtocolError(f"HTTP {status}: envelope has no 'content'")
    if require_content and (content is None or content == ""):
        raise ProtocolError(f"HTTP {status}: envelope 'content' is {content!r} where a value is required")
    msg = value.get("msg")
    return Reply(content, msg if isinstance(msg, str) else "")


TOKEN_FIELDS = ("access_token", "token_type", "refresh_token", "userId")


def parse_token_reply(status: int, body: bytes, content_type: str = "") -> Mapping[str, Any]:
    """The token object: raw (as the contract's example) or wrapped in an envelope (notes §2)."""
    # Token replies carry tokens: their details say what was wrong, never quote the body.
    if status == 401:
        raise SignInRefused("", f"HTTP 401 on token call ({len(body)} bytes)")
    try:
        value = decode_json(status, body, content_type)
    except ProtocolError as exc:
        reason = exc.detail.split(":", 2)[1].strip() if exc.detail.count(":") >= 2 else "unreadable"
        raise ProtocolError(f"HTTP {status} on token call: {reason} ({len(body)} bytes)") from None
    if _is_envelope(value):
        if value.get("success") is not True:
            msg = str(value.get("msg") or value.get("error") or "")
            raise SignInRefused(msg, f"token refused code={value.get('code')!r} error={value.get('error')!r}")
        value = value.get("content")
    if not isinstance(value, Mapping):
        raise ProtocolError(f"HTTP {status}: token reply is {type(value).__name__}, not an object")
    missing = [name for name in ("access_token", "userId") if not value.get(name)]
    if missing:
        raise ProtocolError(f"HTTP {status}: token reply lacks {', '.join(missing)}")
    if status >= 400:
        raise ProtocolError(f"HTTP {status} with a token body")
    return value
