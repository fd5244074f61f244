"""The token call: sign-in, its refusals, replay protection and refresh rotation."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import jwt
import pytest
from sandbox_client import SandboxClient

from desktop_app.sandbox import DemoTenant, SandboxServer
from desktop_app.sandbox.store import SandboxStore
from desktop_app.sandbox.tenant import employee_user_id


def assert_refused(response_body: dict[str, object], error_part: str) -> None:
    assert response_body["success"] is False
    assert response_body["code"] == 500
    assert isinstance(response_body["msg"], str) and response_body["msg"]
    assert error_part in str(response_body["error"])


def test_sign_in_answers_the_raw_token_object(peer: SandboxClient) -> None:
    response = peer.post_token(peer.sign_in_form("100002"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "refresh_token", "userId"}
    assert body["token_type"] == "Bearer"
    assert len(body["refresh_token"]) == 64
    assert str(uuid.UUID(body["userId"])) == body["userId"]
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "HS256"
    assert claims["sub"] == body["userId"]
    assert claims["ent_id"] == "ent-demo"
    assert claims["user_name"] == "100002"
    assert claims["exp"] - claims["iat"] == 3600
    assert uuid.UUID(claims["jti"])


def test_user_id_is_stable_per_employee(peer: SandboxClient) -> None:
    first = peer.sign_in("100003")["userId"]
    second = peer.sign_in("100003")["userId"]
    assert first == second == employee_user_id("ent-demo", "100003")
    assert peer.sign_in("100004")["userId"] != first


@pytest.mark.parametrize(
    ("override", "error_part"),
    [
        ({"ent_id": "ent-other"}, "unknown ent_id"),
        ({"client_id": "other.client"}, "unknown client_id"),
        ({"client_secret": "wrong-secret"}, "wrong client_secret"),
        ({"nounce": "not-a-uuid"}, "36-character UUID"),
        ({"nounce": "0000000000000000000000000000000000000"}, "36-character UUID"),
        ({"signature": "0" * 64}, "signature mismatch"),
        ({"signature": ""}, "missing form field(s): signature"),
        ({"user_name": ""}, "missing form field(s): user_name"),
    ],
)
def test_sign_in_refusals(peer: SandboxClient, override: dict[str, str], error_part: str) -> None:
    form = {**peer.sign_in_form("100001"), **override}
    response = peer.post_token(form)
    assert response.status_code == 200
    assert_refused(response.json(), error_part)


def test_signature_with_the_wrong_secret_is_refused(peer: SandboxClient) -> None:
    form = peer.sign_in_form("100001", signing_secret="not-the-secret")
    assert_refused(peer.post_token(form).json(), "signature mismatch")


def test_signature_with_the_wrong_scheme_is_refused(peer: SandboxClient) -> None:
    form = peer.sign_in_form("100001", scheme="md5-upper")
    assert_refused(peer.post_token(form).json(), "signature mismatch")


def test_unknown_employee_is_refused(peer: SandboxClient) -> None:
    body = peer.post_token(peer.sign_in_form("999999")).json()
    assert_refused(body, "not an employee")
    assert "999999" in body["msg"]


def test_replayed_nounce_is_refused(peer: SandboxClient) -> None:
    form = peer.sign_in_form("100001")
    assert "access_token" in peer.post_token(form).json()
    replay = peer.post_token(form).json()
    assert_refused(replay, "nounce replayed")
    assert "nounce" in replay["msg"]
    # The same UUID in upper case is the same nounce.
    upper = peer.sign_in_form("100001", nounce=form["nounce"].upper())
    assert_refused(peer.post_token(upper).json(), "nounce replayed")


def test_nounce_of_a_refused_signature_stays_usable(peer: SandboxClient) -> None:
    nounce = str(uuid.uuid4())
    bad = peer.sign_in_form("100001", nounce=nounce, signing_secret="nope")
    assert_refused(peer.post_token(bad).json(), "signature mismatch")
    assert "access_token" in peer.post_token(peer.sign_in_form("100001", nounce=nounce)).json()


def test_nounces_are_forgotten_after_ten_minutes() -> None:
    store = SandboxStore(None)
    try:
        assert store.remember_nounce("n-1", now=1000.0, window=600)
        assert not store.remember_nounce("n-1", now=1599.0, window=600)
        assert store.remember_nounce("n-1", now=1000.0 + 601 + 600, window=600)
    finally:
        store.close()


def test_json_body_is_refused_with_a_clear_message(peer: SandboxClient) -> None:
    response = peer.session.post(peer.url("/api/foundation/passport/connect/token"), json={}, timeout=10)
    assert_refused(response.json(), "x-www-form-urlencoded")


def test_unknown_grant_type_is_refused(peer: SandboxClient) -> None:
    form = {**peer.sign_in_form(), "grant_type": "client_credentials"}
    assert_refused(peer.post_token(form).json(), "unsupported grant_type")


def test_password_grant_type_is_accepted(peer: SandboxClient) -> None:
    form = {**peer.sign_in_form(), "grant_type": "password"}
    assert "access_token" in peer.post_token(form).json()


@pytest.fixture
def md5_client() -> Iterator[SandboxClient]:
    tenant = DemoTenant(client_secret="s3cret", scheme="md5-upper")
    with SandboxServer(tenant=tenant) as server:
        gateway = SandboxClient(server)
        yield gateway
        gateway.close()


def test_md5_upper_tenant_accepts_md5_signatures(md5_client: SandboxClient) -> None:
    form = md5_client.sign_in_form("100001")
    assert form["signature"].isupper()
    assert "access_token" in md5_client.post_token(form).json()
    hmac_form = md5_client.sign_in_form("100001", scheme="hmac-sha256")
    assert_refused(md5_client.post_token(hmac_form).json(), "scheme md5-upper")


# contract-notes §1 test vector, computed once with hmac/hashlib and pinned here.
VECTOR_NOUNCE = "00000000-0000-4000-8000-000000000000"
VECTOR_SIGNATURES = {
    "hmac-sha256": "95985d24d3e71c111f0bf12c3d2d99637b38346405bc06abda9d81dcc7530bdb",
    "md5-upper": "42F01C599921F9097C02D35B6A6AEC76",
}


@pytest.mark.parametrize("scheme", sorted(VECTOR_SIGNATURES))
def test_contract_notes_test_vector_signs_in(scheme: str) -> None:
    with SandboxServer(tenant=DemoTenant(client_secret="s3cret", scheme=scheme)) as server:
        gateway = SandboxClient(server)
        form = {
            "ent_id": "ent-demo",
            "user_name": "100001",
            "client_id": "planner.desktop",
            "client_secret": "s3cret",
            "nounce": VECTOR_NOUNCE,
            "signature": VECTOR_SIGNATURES[scheme],
        }
        assert "access_token" in gateway.post_token(form).json()
        gateway.close()


def test_refresh_rotates_the_refresh_token(peer: SandboxClient) -> None:
    first = peer.sign_in("100001")
    response = peer.refresh(first["refresh_token"])
    assert response.status_code == 200
    second = response.json()
    assert set(second) == {"access_token", "token_type", "refresh_token", "userId"}
    assert second["userId"] == first["userId"]
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert peer.entry(second["access_token"]).json()["success"] is True
    # The old refresh token is spent.
    assert_refused(peer.refresh(first["refresh_token"]).json(), "unknown, used or expired")
    assert "access_token" in peer.refresh(second["refresh_token"]).json()


def test_refresh_refusals(peer: SandboxClient) -> None:
    issued = peer.sign_in("100001")
    assert_refused(peer.refresh(issued["refresh_token"], client_secret="wrong").json(), "wrong client_secret")
    assert_refused(peer.refresh("f" * 64).json(), "unknown, used or expired")
    missing = peer.post_token({"grant_type": "refresh_token", "client_id": "planner.desktop"}).json()
    assert_refused(missing, "refresh_token, client_secret")


def test_expired_refresh_token_is_refused() -> None:
    with SandboxServer(refresh_ttl=0) as server:
        gateway = SandboxClient(server)
        issued = gateway.sign_in()
        assert_refused(gateway.refresh(issued["refresh_token"]).json(), "unknown, used or expired")
        gateway.close()


def test_no_secret_token_or_signature_reaches_the_log(peer: SandboxClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    form = peer.sign_in_form("100001")
    issued = peer.post_token(form).json()
    peer.entry(issued["access_token"])
    peer.refresh(issued["refresh_token"])
    peer.post_token(peer.sign_in_form("100001", client_secret="a-wrong-secret"))
    logged = caplog.text
    assert "token issued" in logged  # the log is not simply empty
    for secret in (
        "sandbox-secret",
        "a-wrong-secret",
        form["signature"],
        issued["access_token"],
        issued["refresh_token"],
    ):
        assert secret not in logged
