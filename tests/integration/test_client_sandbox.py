"""The gateway client against the real sandbox over loopback HTTP: every endpoint, every fault.

No mocking of requests: these are the same calls the app and the CLI make.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import requests

from desktop_app.gateway import endpoints
from desktop_app.gateway.client import GatewayClient, MaybeDelivered, NotDelivered
from desktop_app.gateway.endpoints import ImportKind
from desktop_app.gateway.errors import AuthError, BusinessError, Cancelled, ProtocolError, SignInRefused
from desktop_app.gateway.meeting import Meeting
from desktop_app.gateway.profile import GatewayProfile
from desktop_app.gateway.tokens import Credentials
from desktop_app.sandbox import DemoTenant, SandboxServer
from tests.support.certs import self_signed_server_context
from tests.support.meetings import sample_meeting


def meeting_for(user_id: str, **kw: object) -> Meeting:
    return sample_meeting(user_id, **kw)


def h5_json(client: GatewayClient, path: str) -> object:
    assert client.tokens is not None
    reply = requests.get(client.url(path), headers={"Authorization": client.tokens.authorization}, timeout=5)
    reply.raise_for_status()
    return reply.json()


# -- token -------------------------------------------------------------------------------------


def test_sign_in_returns_jwt_token_set_with_expiry(client: GatewayClient) -> None:
    tokens = client.tokens
    assert tokens is not None
    assert tokens.token_type == "Bearer"
    assert tokens.refresh_token
    assert tokens.expires_at is not None and tokens.expires_at > 0
    assert len(tokens.user_id) == 36


@pytest.mark.parametrize(
    ("change", "hint"),
    [
        ({"client_secret": "wrong"}, ""),
        ({"user_name": "999999"}, ""),
        ({"ent_id": "other-ent"}, ""),
        ({"client_id": "other.client"}, ""),
    ],
)
def test_sign_in_refusals_are_sign_in_refused_with_msg(
    sandbox_profile: GatewayProfile, demo_credentials: Credentials, change: dict[str, str], hint: str
) -> None:
    values = {**demo_credentials.__dict__, **change}
    gateway = GatewayClient(sandbox_profile)
    with pytest.raises(SignInRefused) as info:
        gateway.sign_in(Credentials(**values))
    assert info.value.msg  # the gateway's own words reach the planner
    assert info.value.user_message("zh").startswith("登录失败")
    gateway.close()


def test_wrong_scheme_is_refused(sandbox_profile: GatewayProfile, demo_credentials: Credentials) -> None:
    gateway = GatewayClient(sandbox_profile.__class__(**{**sandbox_profile.__dict__, "scheme": "md5-upper"}))
    with pytest.raises(SignInRefused):
        gateway.sign_in(demo_credentials)
    gateway.close()


def test_md5_upper_tenant_signs_in() -> None:
    tenant = DemoTenant(scheme="md5-upper")
    with SandboxServer(tenant=tenant) as server:
        profile = GatewayProfile(name="md5", base_url=server.base_url, scheme="md5-upper")
        gateway = GatewayClient(
            profile, credentials=Credentials("ent-demo", "100002", "planner.desktop", "sandbox-secret")
        )
        assert gateway.sign_in().user_id
        gateway.close()


def test_replayed_nounce_is_refused(sandbox: SandboxServer, demo_credentials: Credentials) -> None:
    from desktop_app.gateway import signing

    fields = {
        "ent_id": "ent-demo",
        "user_name": "100001",
        "client_id": "planner.desktop",
        "nounce": "11111111-1111-4111-8111-111111111111",
    }
    form = {**fields, "client_secret": "sandbox-secret", "signature": signing.sign(fields, "sandbox-secret")}
    url = sandbox.base_url + endpoints.TOKEN
    first = requests.post(url, data=form, timeout=5)
    assert "access_token" in first.json()
    second = requests.post(url, data=form, timeout=5).json()
    assert second["success"] is False and second["msg"]


def test_refresh_rotates_and_single_flight(client: GatewayClient) -> None:
    before = client.tokens
    assert before is not None
    results = []
    threads = [threading.Thread(target=lambda: results.append(client.renew(before))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(r) for r in results}) == 1  # one refresh served all four callers
    after = client.tokens
    assert after is not None and after.refresh_token != before.refresh_token
    assert client.get_entry()


def test_refresh_refused_falls_back_to_full_sign_in(client: GatewayClient) -> None:
    stale = client.tokens
    assert stale is not None
    client.refresh()  # rotates: the stale refresh token is now dead
    client._tokens = stale  # simulate a client that still holds the old set
    renewed = client.renew(stale)
    assert renewed.access_token != stale.access_token


def test_refresh_without_credentials_needs_sign_in(client: GatewayClient) -> None:
    stale = client.tokens
    client.refresh()
    client._tokens = stale
    client.credentials = Credentials("ent-demo", "100001", "planner.desktop", "")
    with pytest.raises(AuthError):
        client.renew(stale)


# -- entry, meetings ------------------------------------------------------------------------


def test_entry_is_the_sandbox_h5_page_on_loopback(client: GatewayClient, sandbox: SandboxServer) -> None:
    url = client.get_entry()
    assert url.startswith(sandbox.base_url)
    page = requests.get(url, timeout=5)
    assert page.status_code == 200 and "<html" in page.text.lower()


def test_meeting_create_edit_and_unknown_mice_id(client: GatewayClient) -> None:
    assert client.tokens is not None
    user_id = client.tokens.user_id
    mice_id = client.save_meeting(meeting_for(user_id))
    assert len(mice_id) == 36
    edited = meeting_for(
        user_id,
        name="华东区学术会（改期）",
        dtStart=dt.datetime(2026, 6, 3, 9, 0),
        dtEnd=dt.datetime(2026, 6, 3, 17, 30),
    ).with_mice_id(mice_id)
    assert client.save_meeting(edited) == mice_id
    listed = h5_json(client, "/h5/api/meetings")
    text = str(listed)
    assert "华东区学术会（改期）" in text and mice_id in text
    with pytest.raises(BusinessError) as info:
        client.save_meeting(meeting_for(user_id).with_mice_id("00000000-0000-4000-8000-0000000000ff"))
    assert info.value.msg


def test_server_side_validation_is_a_business_error(client: GatewayClient, sandbox: SandboxServer) -> None:
    # Bypass the client's own validation to see the sandbox refuse bad data.
    assert client.tokens is not None
    reply = requests.post(
        sandbox.base_url + endpoints.MEETING_SAVE,
        json={"name": "x", "dtStart": "2026-06-02", "dtEnd": "2026-06-01"},
        headers={"Authorization": client.tokens.authorization},
        timeout=5,
    ).json()
    assert reply["success"] is False and reply["msg"]


def test_calls_without_token_get_401(sandbox: SandboxServer) -> None:
    reply = requests.post(sandbox.base_url + endpoints.ENTRY, json={"clientId": "planner.desktop"}, timeout=5)
    assert reply.status_code == 401 and reply.json()["code"] == 401


# -- imports ----------------------------------------------------------------------------------


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(ImportKind))
def test_each_import_kind_uploads_with_progress(client: GatewayClient, tmp_path: Path, kind: ImportKind) -> None:
    path = write_csv(tmp_path / f"{kind.slug}.csv", "员工号,姓名,名称", [f"2000{i},员工{i},名称{i}" for i in range(50)])
    progress: list[tuple[int, int]] = []
    result = client.import_file(kind, path, on_progress=lambda done, total: progress.append((done, total)))
    assert result.size == path.stat().st_size
    assert progress and progress[-1][0] == progress[-1][1]
    imports = str(h5_json(client, "/h5/api/imports"))
    assert path.name in imports


def test_employee_import_lets_new_employee_sign_in(
    client: GatewayClient, sandbox_profile: GatewayProfile, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "员工.csv", "员工号,姓名", ["100777,赵六"])
    client.import_file(ImportKind.EMPLOYEES, path)
    newcomer = GatewayClient(
        sandbox_profile, credentials=Credentials("ent-demo", "100777", "planner.desktop", "sandbox-secret")
    )
    assert newcomer.sign_in().user_id
    newcomer.close()


@pytest.mark.parametrize(("name", "content"), [("empty.csv", b""), ("list.pdf", b"%PDF-1.4")])
def test_sandbox_refuses_bad_files_with_msg(client: GatewayClient, tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BusinessError) as info:
        client.import_file(ImportKind.HOTELS, path)
    assert info.value.msg


def test_upload_cancel_mid_way(client: GatewayClient, sandbox: SandboxServer, tmp_path: Path) -> None:
    path = tmp_path / "hotels.csv"
    # Bigger than the loopback socket buffers, which would otherwise swallow the whole body at once.
    path.write_bytes(b"name\n" + b"x" * (32 * 1024 * 1024))
    sandbox.faults.inject("slow_upload", bytes_per_second=1024 * 1024)
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done > 1_000_000:
            cancel.set()

    with pytest.raises(Cancelled):
        client.import_file(ImportKind.HOTELS, path, on_progress=progress, cancel=cancel)
    assert seen and seen[-1] < path.stat().st_size
    sandbox.faults.clear()
    # The client stays usable after a cancelled upload.
    assert client.get_entry()


# -- faults ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("code500", BusinessError),
        ("html502", ProtocolError),
        ("truncated_json", ProtocolError),
        ("empty_body", ProtocolError),
        ("drop_connection", MaybeDelivered),
    ],
)
def test_each_fault_is_one_typed_error(client: GatewayClient, sandbox: SandboxServer, fault: str, error: type) -> None:
    sandbox.faults.inject(fault, path=endpoints.ENTRY, times=1)
    with pytest.raises(error) as info:
        client.get_entry()
    assert info.value.user_message("zh") and info.value.user_message("en")
    assert client.get_entry()  # the next call works again


def test_latency_beyond_read_timeout_is_timeout(
    sandbox: SandboxServer, sandbox_profile: GatewayProfile, demo_credentials: Credentials
) -> None:
    profile = GatewayProfile(**{**sandbox_profile.__dict__, "read_timeout": 0.3})
    gateway = GatewayClient(profile, credentials=demo_credentials)
    gateway.sign_in()
    sandbox.faults.inject("latency", path=endpoints.ENTRY, times=1, seconds=1.0)
    with pytest.raises(MaybeDelivered) as info:
        gateway.get_entry()
    assert "TIMED" not in info.value.user_message("en")
    assert "time" in info.value.user_message("en")
    gateway.close()


def test_expired_token_once_is_refreshed_silently(client: GatewayClient, sandbox: SandboxServer) -> None:
    before = client.tokens
    sandbox.faults.inject("expired_token", times=1)
    assert client.get_entry()
    assert client.tokens is not before


def test_expired_tokens_for_good_is_auth_error(client: GatewayClient, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("expired_token")
    with pytest.raises(AuthError):
        client.get_entry()


def test_refused_connection_is_not_delivered(demo_credentials: Credentials) -> None:
    server = SandboxServer()
    server.start()
    url = server.base_url
    server.stop()
    gateway = GatewayClient(GatewayProfile(name="gone", base_url=url, connect_timeout=1), credentials=demo_credentials)
    with pytest.raises(NotDelivered) as info:
        gateway.sign_in()
    assert "network" in info.value.user_message("en").lower()
    gateway.close()


def test_tls_verification_is_on(tmp_path: Path, demo_credentials: Credentials) -> None:
    """A self-signed certificate is refused: verification cannot be off by accident."""
    import http.server

    context = self_signed_server_context(tmp_path)
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"https://127.0.0.1:{server.server_address[1]}"
        gateway = GatewayClient(GatewayProfile(name="tls", base_url=url), credentials=demo_credentials)
        with pytest.raises(NotDelivered) as info:
            gateway.sign_in()
        assert "certificate" in info.value.user_message("en")
        assert hits == []  # the secret never left the client
        gateway.close()
    finally:
        server.shutdown()
        server.server_close()
