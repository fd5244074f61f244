"""Sign-in, refresh and bearer-token checks of the sandbox gateway (contract-notes §1-§3).

The sandbox must be strict where a real gateway is strict, so that a client which passes
against it does not fail against 会引擎: the signature is verified with the very
functions the client signs with (``gateway.signing``), a nounce is single-use for ten
minutes, and only known employees of the tenant sign in. Access tokens are JWTs signed
with a key that lives only as long as the server, so a restart invalidates them the way
a gateway key rotation would, while (hashed, persisted) refresh tokens still work.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import jwt

from desktop_app.gateway import signing
from desktop_app.sandbox.store import Employee, SandboxStore
from desktop_app.sandbox.tenant import DemoTenant

NOUNCE_WINDOW_SECONDS = 600
_NOUNCE_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_SIGN_IN_FIELDS = ("ent_id", "user_name", "client_id", "client_secret", "nounce", "signature")
_REFRESH_FIELDS = ("refresh_token", "client_id", "client_secret")
_JWT_ALGORITHM = "HS256"


class TokenRefused(Exception):
    """A business error of the token call: ``msg`` for the planner, ``error`` for developers."""

    def __init__(self, msg: str, error: str) -> None:
        super().__init__(error)
        self.msg = msg
        self.error = error


class Unauthorized(Exception):
    """A missing, bad or expired bearer token: answered with HTTP 401."""

    def __init__(self, msg: str, error: str) -> None:
        super().__init__(error)
        self.msg = msg
        self.error = error


@dataclass(frozen=True)
class TokenReply:
    """The token object exactly as the contract's example shows it (no ``expires_in``)."""

    access_token: str
    token_type: str
    refresh_token: str
    userId: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def is_nounce(value: str) -> bool:
    return len(value) == 36 and bool(_NOUNCE_PATTERN.match(value))


def _hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenService:
    """Issues and checks the tokens of one sandbox server."""

    def __init__(
        self,
        *,
        tenant: DemoTenant,
        store: SandboxStore,
        access_ttl: int,
        refresh_ttl: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if access_ttl < 0 or refresh_ttl < 0:
            raise ValueError("token lifetimes must not be negative")
        self._tenant = tenant
        self._store = store
        self._access_ttl = access_ttl
        self._refresh_ttl = refresh_ttl
        self._clock = clock
        self._key = secrets.token_bytes(64)

    # The token call --------------------------------------------------------------------

    def sign_in(self, form: Mapping[str, str]) -> TokenReply:
        """Password-style sign-in: ent_id, user_name, client_id, client_secret, nounce, signature."""
        self._require(form, _SIGN_IN_FIELDS)
        tenant = self._tenant
        if form["ent_id"] != tenant.ent_id:
            raise TokenRefused("企业 ID 不正确", f"unknown ent_id {form['ent_id']!r}")
        self._check_client(form)
        nounce = form["nounce"]
        if not is_nounce(nounce):
            raise TokenRefused("nounce 必须是 36 位 UUID", "nounce must be a 36-character UUID")
        fields = {name: form[name] for name in signing.SIGNED_FIELDS}
        if not signing.verify(fields, tenant.client_secret, form["signature"], tenant.scheme):
            raise TokenRefused(
                "签名校验失败，请检查签名方式和应用密钥",
                f"signature mismatch (scheme {tenant.scheme}, canonical fields {', '.join(signing.SIGNED_FIELDS)})",
            )
        if not self._store.remember_nounce(nounce.lower(), now=self._clock(), window=NOUNCE_WINDOW_SECONDS):
            raise TokenRefused(
                "请求已使用过（nounce 重复），请重新登录",
                f"nounce replayed within {NOUNCE_WINDOW_SECONDS} s",
            )
        employee = self._store.employee(tenant.ent_id, form["user_name"])
        if employee is None:
            raise TokenRefused(
                f"员工号 {form['user_name']} 不存在，请联系管理员导入员工",
                f"user_name is not an employee of tenant {tenant.ent_id!r}",
            )
        return self._issue(employee)

    def refresh(self, form: Mapping[str, str]) -> TokenReply:
        """IdentityServer-style refresh; the refresh token is rotated (single use)."""
        self._require(form, _REFRESH_FIELDS)
        self._check_client(form)
        taken = self._store.take_refresh_token(_hash_refresh_token(form["refresh_token"]), now=self._clock())
        if taken is None or taken[0] != self._tenant.ent_id:
            raise TokenRefused("登录已过期，请重新登录", "refresh_token unknown, used or expired")
        employee = self._store.employee(*taken)
        if employee is None:
            raise TokenRefused("员工不存在，请重新登录", "the refresh token's employee no longer exists")
        return self._issue(employee)

    @staticmethod
    def _require(form: Mapping[str, str], names: tuple[str, ...]) -> None:
        missing = [name for name in names if not form.get(name)]
        if missing:
            raise TokenRefused(f"缺少参数：{', '.join(missing)}", f"missing form field(s): {', '.join(missing)}")

    def _check_client(self, form: Mapping[str, str]) -> None:
        if form["client_id"] != self._tenant.client_id:
            raise TokenRefused("应用 ID 或应用密钥不正确", f"unknown client_id {form['client_id']!r}")
        if not secrets.compare_digest(form["client_secret"].encode(), self._tenant.client_secret.encode()):
            raise TokenRefused("应用 ID 或应用密钥不正确", "wrong client_secret")

    def _issue(self, employee: Employee) -> TokenReply:
        now = int(self._clock())
        claims = {
            "sub": employee.user_id,
            "ent_id": employee.ent_id,
            "user_name": employee.user_name,
            "iat": now,
            "exp": now + self._access_ttl,
            "jti": str(uuid.uuid4()),
        }
        access_token = jwt.encode(claims, self._key, algorithm=_JWT_ALGORITHM)
        refresh_token = secrets.token_hex(32)
        self._store.save_refresh_token(
            _hash_refresh_token(refresh_token), employee.ent_id, employee.user_name, now + self._refresh_ttl
        )
        return TokenReply(access_token, "Bearer", refresh_token, employee.user_id)

    # Every other call ------------------------------------------------------------------

    def authenticate(self, authorization: str | None, *, force_expired: bool = False) -> Employee:
        """The employee behind ``Authorization: Bearer <jwt>``, or :class:`Unauthorized`."""
        scheme, _, token = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("未登录，请先登录", "missing Authorization: Bearer <access_token> header")
        try:
            claims = jwt.decode(
                token.strip(),
                self._key,
                algorithms=[_JWT_ALGORITHM],
                options={"require": ["sub", "exp", "iat", "jti"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthorized("登录已过期，请重新登录", "access token expired") from None
        except jwt.InvalidTokenError as exc:
            raise Unauthorized("登录无效，请重新登录", f"invalid access token: {type(exc).__name__}") from None
        if force_expired:
            raise Unauthorized("登录已过期，请重新登录", "access token expired (injected fault expired_token)")
        if claims.get("ent_id") != self._tenant.ent_id:
            raise Unauthorized("登录无效，请重新登录", "access token of another tenant")
        employee = self._store.employee_by_user_id(self._tenant.ent_id, str(claims["sub"]))
        if employee is None:
            raise Unauthorized("员工不存在，请重新登录", "the access token's employee no longer exists")
        return employee
