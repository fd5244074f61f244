"""Bearer tokens on every call but the token call: HTTP 401 with the envelope (notes §3)."""

from __future__ import annotations

import pytest
import requests
from sandbox_client import TIMEOUT, SandboxClient

from desktop_app.gateway.endpoints import ENTRY, MEETING_SAVE, ImportKind
from desktop_app.sandbox import SandboxServer

PROTECTED_POSTS = [ENTRY, MEETING_SAVE, *(kind.path for kind in ImportKind)]
PROTECTED_GETS = ["/h5/api/me", "/h5/api/meetings", "/h5/api/imports"]


def assert_401(response: requests.Response, error_part: str = "") -> None:
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["success"] is False
    assert body["code"] == 401
    assert body["content"] is None
    assert body["msg"]
    assert error_part in body["error"]


@pytest.mark.parametrize("path", PROTECTED_POSTS)
def test_posts_without_a_token_get_401(peer: SandboxClient, path: str) -> None:
    assert_401(peer.session.post(peer.url(path), json={}, timeout=TIMEOUT), "missing Authorization")


@pytest.mark.parametrize("path", PROTECTED_GETS)
def test_h5_api_without_a_token_gets_401(peer: SandboxClient, path: str) -> None:
    assert_401(peer.session.get(peer.url(path), timeout=TIMEOUT), "missing Authorization")


@pytest.mark.parametrize(
    ("header", "error_part"),
    [
        ("Basic dXNlcjpwYXNz", "missing Authorization"),
        ("Bearer", "missing Authorization"),
        ("Bearer not.a.jwt", "invalid access token"),
        ("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "invalid access token"),
    ],
)
def test_bad_authorization_headers_get_401(peer: SandboxClient, header: str, error_part: str) -> None:
    response = peer.session.post(
        peer.url(ENTRY), json={"clientId": "planner.desktop"}, headers={"Authorization": header}, timeout=TIMEOUT
    )
    assert_401(response, error_part)


def test_bearer_scheme_is_case_insensitive(peer: SandboxClient, token: str) -> None:
    response = peer.session.post(
        peer.url(ENTRY),
        json={"clientId": "planner.desktop"},
        headers={"Authorization": f"bearer {token}"},
        timeout=TIMEOUT,
    )
    assert response.json()["success"] is True


def test_token_of_another_sandbox_gets_401(peer: SandboxClient) -> None:
    with SandboxServer() as other:
        other_client = SandboxClient(other)
        foreign = other_client.token()
        other_client.close()
    assert_401(peer.entry(foreign), "invalid access token")


def test_expired_access_token_gets_401_and_refresh_recovers() -> None:
    with SandboxServer(access_ttl=0) as server:
        gateway = SandboxClient(server)
        issued = gateway.sign_in()
        assert_401(gateway.entry(issued["access_token"]), "access token expired")
        refreshed = gateway.refresh(issued["refresh_token"]).json()
        assert "access_token" in refreshed  # refresh still works; that token expires at once too
        gateway.close()
