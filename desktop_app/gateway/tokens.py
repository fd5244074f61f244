"""Credentials and the token set of a signed-in planner (contract-notes §2).

Both classes keep their secrets out of ``repr`` so that an accidental log line or a crash
report never carries them.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.gateway.errors import ProtocolError


@dataclass(frozen=True)
class Credentials:
    ent_id: str
    user_name: str
    client_id: str
    client_secret: str = field(repr=False)

    def missing(self) -> list[str]:
        return [name for name in ("ent_id", "user_name", "client_id", "client_secret") if not getattr(self, name)]


def jwt_expiry(token: str) -> float | None:
    """``exp`` of a JWT's payload, decoded without verification (the client cannot verify)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (ValueError, json.JSONDecodeError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return float(exp) if isinstance(exp, int | float) and not isinstance(exp, bool) else None


@dataclass(frozen=True)
class TokenSet:
    access_token: str = field(repr=False)
    token_type: str
    refresh_token: str = field(repr=False)
    user_id: str
    expires_at: float | None = None

    @classmethod
    def from_reply(cls, reply: Mapping[str, Any]) -> TokenSet:
        access = reply.get("access_token")
        user_id = reply.get("userId")
        if not isinstance(access, str) or not isinstance(user_id, str):
            raise ProtocolError("token reply: access_token/userId are not strings")
        token_type = reply.get("token_type") or "Bearer"
        refresh = reply.get("refresh_token") or ""
        return cls(
            access_token=access,
            token_type=str(token_type),
            refresh_token=str(refresh),
            user_id=user_id,
            expires_at=jwt_expiry(access),
        )

    @property
    def authorization(self) -> str:
        return f"{self.token_type} {self.access_token}"

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        """True when the expiry is known and closer than ``seconds``; unknown means rely on 401."""
        if self.expires_at is None:
            return False
        return (now if now is not None else time.time()) + seconds >= self.expires_at
