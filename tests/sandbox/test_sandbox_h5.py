"""The H5 demo page: served without a token, its JSON API only with one."""

from __future__ import annotations

import re

import pytest
from sandbox_client import TIMEOUT, SandboxClient, meeting_payload

from desktop_app.gateway.endpoints import ImportKind
from desktop_app.storage import paths


def test_page_is_served_without_a_token_and_has_the_test_hooks(peer: SandboxClient) -> None:
    response = peer.session.get(peer.url("/h5/"), timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.text
    assert "会引擎 H5 演示" in html
    for hook in (
        'id="user-name"',
        'id="user-id"',
        'id="user-employee"',
        'id="status"',
        'id="meetings"',
        'id="imports"',
        'id="signed-out"',
        "未登录",
        "Not signed in",
    ):
        assert hook in html


def test_redirect_from_h5_without_slash(peer: SandboxClient) -> None:
    response = peer.session.get(peer.url("/h5"), allow_redirects=False, timeout=TIMEOUT)
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/h5/")


@pytest.mark.parametrize(("asset", "mime"), [("app.js", "javascript"), ("style.css", "text/css")])
def test_assets_are_served(peer: SandboxClient, asset: str, mime: str) -> None:
    response = peer.session.get(peer.url(f"/h5/{asset}"), timeout=TIMEOUT)
    assert response.status_code == 200
    assert mime in response.headers["Content-Type"]


def test_assets_need_no_network_and_never_handle_the_token() -> None:
    folder = paths.resource("sandbox")
    for asset in ("index.html", "app.js", "style.css"):
        text = (folder / asset).read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), asset
        assert "@import" not in text
    script = (folder / "app.js").read_text(encoding="utf-8")
    assert "Authorization" not in script.replace("the Authorization header", "")
    assert "localStorage" not in script and "access_token" not in script
    assert "dataset.miceId" in script and '"meeting-name"' in script and 'setStatus("ready")' in script


def test_path_traversal_is_refused(peer: SandboxClient) -> None:
    response = peer.session.get(peer.url("/h5/..%2F..%2Fpyproject.toml"), timeout=TIMEOUT)
    assert response.status_code == 404


def test_me_meetings_and_imports_with_a_token(peer: SandboxClient, token: str) -> None:
    me = peer.h5_api("me", token).json()
    assert me["success"] is True
    assert me["content"]["name"] == "张伟"
    assert me["content"]["user_name"] == "100001"
    assert me["content"]["ent_id"] == "ent-demo"
    user_id = me["content"]["userId"]

    assert peer.h5_api("meetings", token).json()["content"] == []
    mice_id = peer.save_meeting(token, meeting_payload(user_id, dtEnd="2018-05-23 18:00:00")).json()["content"]
    (meeting,) = peer.h5_api("meetings", token).json()["content"]
    assert meeting == {**meeting_payload(user_id, dtEnd="2018-05-23 18:00:00"), "miceId": mice_id}

    assert peer.upload(ImportKind.HOTELS, token, "酒店.csv", b"name\nA\n").json()["success"]
    (record,) = peer.h5_api("imports", token).json()["content"]
    assert (record["kind"], record["kind_name_en"], record["rows"]) == ("hotels", "Hotels", 1)


def test_imports_are_the_tenants_meetings_are_the_planners(peer: SandboxClient, token: str) -> None:
    peer.save_meeting(token, meeting_payload(peer.user_id(token)))
    peer.upload(ImportKind.HOTELS, token, "h.csv", b"name\nA\n")
    other = peer.token("100005")
    assert peer.h5_api("meetings", other).json()["content"] == []
    assert len(peer.h5_api("imports", other).json()["content"]) == 1
