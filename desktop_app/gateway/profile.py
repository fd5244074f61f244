"""Environment profiles: where the gateway is and the rules the contract leaves open (notes §8).

A profile is plain data. The services layer stores user-defined ones in the settings file;
the three built-in ones are defined here so that every part of the app agrees on them.
"""

from __future__ import annotations

import ipaddress
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any
from urllib.parse import urlsplit

from desktop_app.gateway.signing import DEFAULT_SCHEME, SCHEMES
from desktop_app.text import Text

SANDBOX = "sandbox"
TEST = "test"
PRODUCTION = "production"
KINDS = (SANDBOX, TEST, PRODUCTION, "custom")

TEST_GATEWAY_URL = "https://gateway-dev.smarteventcloud.cn"


@dataclass(frozen=True)
class GatewayProfile:
    name: str
    kind: str = "custom"
    base_url: str = ""
    ent_id: str = ""
    client_id: str = ""
    scheme: str = DEFAULT_SCHEME
    import_field: str = "file"
    allowed_host_suffixes: tuple[str, ...] = field(default=())
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    upload_read_timeout: float = 300.0

    @property
    def is_sandbox(self) -> bool:
        return self.kind == SANDBOX

    def with_base_url(self, base_url: str) -> GatewayProfile:
        return replace(self, base_url=base_url.rstrip("/"))

    def problems(self) -> list[str]:
        """What keeps this profile from being used, in English (log, support details)."""
        return [text.en for text in self.problem_texts()]

    def problem_texts(self) -> list[Text]:
        """The same problems in both of the app's languages, for the environment editor."""
        found: list[Text] = []
        if not self.is_sandbox:
            reason = base_url_reason(self.base_url)
            if reason:
                found.append(reason)
        if self.scheme not in SCHEMES:
            found.append(Text(f"未知的签名方式 {self.scheme!r}", f"unknown signature scheme {self.scheme!r}"))
        if not self.import_field:
            found.append(Text("导入字段名为空", "import field name is empty"))
        for name in ("connect_timeout", "read_timeout", "upload_read_timeout"):
            if not 0 < getattr(self, name) <= 3600:
                found.append(Text(f"{name} 应在 0 到 3600 秒之间", f"{name} must be between 0 and 3600 seconds"))
        return found

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["allowed_host_suffixes"] = list(self.allowed_host_suffixes)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GatewayProfile:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["allowed_host_suffixes"] = tuple(values.get("allowed_host_suffixes") or ())
        return cls(**values)


_LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback_host(host: str | None) -> bool:
    """True for ``localhost`` and loopback IP literals (``127.0.0.0/8``, ``[::1]``)."""
    if not host:
        return False
    host = host.lower().removesuffix(".")
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]")).is_loopback
    except ValueError:
        return False


def base_url_problem(url: str) -> str | None:
    """None when ``url`` is a usable gateway or entry URL: https, or http on loopback only."""
    reason = base_url_reason(url)
    return reason.en if reason else None


def base_url_reason(url: str) -> Text | None:
    """``base_url_problem`` in both languages."""
    if not url:
        return Text("没有网关地址", "no gateway address")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a bad port
    except ValueError as exc:
        return Text(f"地址格式错误：{exc}", f"malformed address: {exc}")
    del port
    if parts.username or parts.password:
        return Text("地址中不能包含用户名或密码", "address must not contain a user name or password")
    if not parts.hostname:
        return Text("地址缺少主机名", "address has no host")
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and is_loopback_host(parts.hostname):
        return None
    return Text("地址必须使用 https（http 仅限本机）", "address must use https (http is allowed on this computer only)")


BUILT_IN: tuple[GatewayProfile, ...] = (
    GatewayProfile(name=SANDBOX, kind=SANDBOX, ent_id="ent-demo", client_id="planner.desktop"),
    GatewayProfile(name=TEST, kind=TEST, base_url=TEST_GATEWAY_URL, allowed_host_suffixes=(".smarteventcloud.cn",)),
    # 正式环境：待定 — the planner enters the host once it is published.
    GatewayProfile(name=PRODUCTION, kind=PRODUCTION),
)
