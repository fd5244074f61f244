"""A small requests-based client for the sandbox tests: signs, signs in, posts.

Deliberately independent of the app's own gateway client (built elsewhere): the
sandbox is tested as an HTTP peer, over real loopback sockets, with no mocking.
"""

from __future__ import annotations

import uuid
from typing import Any

import requests

from desktop_app.gateway import signing
from desktop_app.gateway.endpoints import ENTRY, MEETING_SAVE, TOKEN, ImportKind
from desktop_app.sandbox import DemoTenant, SandboxServer

TIMEOUT = 10.0


def meeting_payload(tu_user_id: str, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "tuUserId": tu_user_id,
        "name": "测试会议",
        "type": "测试会议类型",
        "country": "中国",
        "province": "上海市",
        "city": "上海市",
        "dtStart": "2018-05-22",
        "dtEnd": "2018-05-22",
        "qtyAttenderInt": 1,
        "qtyAttenderExt": 2,
        "descr": "备注",
    }
    payload.update(overrides)
    return {key: value for key, value in payload.items() if value is not ...}


class SandboxClient:
    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.tenant: DemoTenant = server.tenant
        self.base_url = server.base_url
        self.session = requests.Session()

    def close(self) -> None:
        self.session.close()

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    # Token ---------------------------------------------------------------------------

    def sign_in_form(
        self,
        user_name: str = "100001",
        *,
        nounce: str | None = None,
        ent_id: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        signing_secret: str | None = None,
        scheme: str | None = None,
    ) -> dict[str, str]:
        fields = {
            "ent_id": ent_id if ent_id is not None else self.tenant.ent_id,
            "user_name": user_name,
            "client_id": client_id if client_id is not None else self.tenant.client_id,
            "nounce": nounce or str(uuid.uuid4()),
        }
        secret = client_secret if client_secret is not None else self.tenant.client_secret
        signature = signing.sign(fields, signing_secret or secret, scheme or self.tenant.scheme)
        return {**fields, "client_secret": secret, "signature": signature}

    def post_token(self, form: dict[str, str], **kwargs: Any) -> requests.Response:
        return self.session.post(self.url(TOKEN), data=form, timeout=TIMEOUT, **kwargs)

    def sign_in(self, user_name: str = "100001") -> dict[str, str]:
        response = self.post_token(self.sign_in_form(user_name))
        assert response.status_code == 200, response.text
        body = response.json()
        assert "access_token" in body, body
        return body

    def token(self, user_name: str = "100001") -> str:
        return self.sign_in(user_name)["access_token"]

    def refresh(self, refresh_token: str, *, client_secret: str | None = None) -> requests.Response:
        form = {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": self.tenant.client_id,
            "client_secret": client_secret if client_secret is not None else self.tenant.client_secret,
        }
        return self.post_token(form)

    # Other calls ---------------------------------------------------------------------

    @staticmethod
    def bearer(token: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"} if token else {}

    def entry(self, token: str | None, client_id: str | None = None, **kwargs: Any) -> requests.Response:
        body = {"clientId": client_id if client_id is not None else self.tenant.client_id}
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.post(self.url(ENTRY), json=body, headers=self.bearer(token), **kwargs)

    def save_meeting(self, token: str | None, payload: dict[str, Any], **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        return self.session.post(self.url(MEETING_SAVE), json=payload, headers=self.bearer(token), **kwargs)

    def upload(
        self,
        kind: ImportKind,
        token: str | None,
        filename: str,
        content: bytes,
        *,
        field: str = "file",
        **kwargs: Any,
    ) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT)
        files = {field: (filename, content, "application/octet-stream")}
        return self.session.post(self.url(kind.path), files=files, headers=self.bearer(token), **kwargs)

    def h5_api(self, name: str, token: str | None) -> requests.Response:
        return self.session.get(self.url(f"/h5/api/{name}"), headers=self.bearer(token), timeout=TIMEOUT)

    def user_id(self, token: str) -> str:
        return str(self.h5_api("me", token).json()["content"]["userId"])
