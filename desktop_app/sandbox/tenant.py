"""The sandbox's demo tenant (contract-notes §9).

A fresh machine has no 会引擎 account, yet a planner or trainer must be able to sign in
at once. The sandbox therefore starts with one demo tenant whose values are printed at
start and shown as a hint in the login dialog; each value can be overridden.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from desktop_app.gateway import signing

# userIds are derived, not random, so that an employee keeps the same userId across
# sandbox restarts and even across fresh databases (meetings refer to it).
_USER_ID_NAMESPACE = uuid.UUID("6f1c2a52-3b7e-4c1e-9d6a-5e8f0b2c7a41")


def default_employees() -> dict[str, str]:
    """user_name (员工号) -> Chinese display name."""
    return {
        "100001": "张伟",
        "100002": "王芳",
        "100003": "李娜",
        "100004": "刘洋",
        "100005": "陈静",
    }


def employee_user_id(ent_id: str, user_name: str) -> str:
    """The stable userId (UUID) of one employee of one tenant."""
    return str(uuid.uuid5(_USER_ID_NAMESPACE, f"{ent_id}/{user_name}"))


@dataclass(frozen=True)
class DemoTenant:
    """The one tenant a sandbox serves: who may sign in and how requests are signed."""

    ent_id: str = "ent-demo"
    client_id: str = "planner.desktop"
    client_secret: str = "sandbox-secret"
    scheme: str = signing.DEFAULT_SCHEME
    employees: dict[str, str] = field(default_factory=default_employees, hash=False)

    def __post_init__(self) -> None:
        if self.scheme not in signing.SCHEMES:
            raise ValueError(f"unknown signature scheme {self.scheme!r}; known: {', '.join(signing.SCHEMES)}")
        for name, value in (("ent_id", self.ent_id), ("client_id", self.client_id)):
            if not value:
                raise ValueError(f"{name} must not be empty")
        if not self.client_secret:
            raise ValueError("client_secret must not be empty")

    def __repr__(self) -> str:
        # Keeps the secret out of logs and tracebacks that format the tenant.
        return (
            f"DemoTenant(ent_id={self.ent_id!r}, client_id={self.client_id!r}, client_secret='***', "
            f"scheme={self.scheme!r}, employees={len(self.employees)})"
        )
