"""getentry: the H5 URL the sandbox serves itself (contract 获取应用入口, notes §7)."""

from __future__ import annotations

from sandbox_client import TIMEOUT, SandboxClient

from desktop_app.gateway.endpoints import ENTRY
from desktop_app.sandbox import SandboxServer


def test_entry_returns_the_sandbox_h5_url(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    response = peer.entry(token)
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "code": 0,
        "content": f"{sandbox.base_url}/h5/",
        "msg": "",
        "error": "",
    }
    entry_url = response.json()["content"]
    assert token not in entry_url
    assert peer.session.get(entry_url, timeout=TIMEOUT).status_code == 200


def test_wrong_client_id_is_a_business_error(peer: SandboxClient, token: str) -> None:
    response = peer.entry(token, client_id="someone.else")
    assert response.status_code == 200
    body = response.json()
    assert (body["success"], body["code"]) == (False, 500)
    assert "unknown clientId" in body["error"]
    assert body["msg"]


def test_missing_client_id_is_a_business_error(peer: SandboxClient, token: str) -> None:
    body = peer.entry(token, client_id="").json()
    assert body["success"] is False
    assert "missing clientId" in body["error"]


def test_non_json_body_is_a_business_error(peer: SandboxClient, token: str) -> None:
    response = peer.session.post(
        peer.url(ENTRY), data={"clientId": "planner.desktop"}, headers=peer.bearer(token), timeout=TIMEOUT
    )
    body = response.json()
    assert body["success"] is False
    assert "application/json" in body["error"]


def test_unknown_path_is_an_enveloped_404(peer: SandboxClient) -> None:
    response = peer.session.get(peer.url("/api/nothing/here"), timeout=TIMEOUT)
    assert response.status_code == 404
    assert response.json()["success"] is False


def test_wrong_method_is_an_enveloped_405(peer: SandboxClient) -> None:
    response = peer.session.get(peer.url(ENTRY), timeout=TIMEOUT)
    assert response.status_code == 405
    assert response.json()["code"] == 405
