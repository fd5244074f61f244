"""SandboxServer's lifecycle: quick, repeatable, thread-safe, loopback-only, persistent on request."""

from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path

import pytest
import requests
from sandbox_client import TIMEOUT, SandboxClient, meeting_payload

from desktop_app.gateway.endpoints import ENTRY, ImportKind
from desktop_app.sandbox import DemoTenant, SandboxServer


def port_is_closed(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_start_stop_many_times_leaves_no_threads_or_ports() -> None:
    threads_before = set(threading.enumerate())
    ports = []
    for _ in range(15):
        with SandboxServer() as server:
            assert server.running
            session = requests.Session()  # a keep-alive connection stays open across stop()
            assert session.get(f"{server.base_url}/__sandbox__/health", timeout=TIMEOUT).ok
            ports.append(server.port)
        session.close()
        assert not server.running
    assert set(threading.enumerate()) == threads_before
    assert all(port_is_closed(port) for port in ports)


def test_base_url_and_properties() -> None:
    server = SandboxServer()
    with pytest.raises(RuntimeError):
        _ = server.base_url
    with server:
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        assert server.port > 0
    server.stop()  # idempotent


def test_a_server_starts_only_once() -> None:
    server = SandboxServer().start()
    server.stop()
    with pytest.raises(RuntimeError, match="only once"):
        server.start()


def test_localhost_is_bound_as_one_loopback_address() -> None:
    with SandboxServer(host="localhost") as server:
        assert server.base_url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_non_loopback_hosts_are_refused(host: str) -> None:
    with pytest.raises(ValueError, match="not a loopback"):
        SandboxServer(host=host)


def test_a_busy_port_fails_to_start_and_leaves_nothing_behind() -> None:
    with SandboxServer() as first:
        threads_before = set(threading.enumerate())
        with pytest.raises(OSError):
            SandboxServer(port=first.port).start()
        assert set(threading.enumerate()) == threads_before


@pytest.mark.skipif(sys.platform != "linux", reason="binds all interfaces; avoids firewall prompts")
def test_wildcard_bind_with_allow_remote_follows_the_host_header() -> None:
    with SandboxServer(host="0.0.0.0", allow_remote=True) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        gateway = SandboxClient(server)
        token = gateway.token()
        via_localhost = gateway.session.post(
            f"http://localhost:{server.port}{ENTRY}",
            json={"clientId": "planner.desktop"},
            headers=gateway.bearer(token),
            timeout=TIMEOUT,
        )
        assert via_localhost.json()["content"] == f"http://localhost:{server.port}/h5/"
        gateway.close()


def test_oversize_upload_is_an_enveloped_413() -> None:
    with SandboxServer(max_upload_bytes=10_000) as server:
        gateway = SandboxClient(server)
        response = gateway.upload(ImportKind.HOTELS, gateway.token(), "h.csv", b"name\n" + b"x" * 20_000)
        assert response.status_code == 413
        assert response.json()["msg"] == "文件过大"
        gateway.close()


def test_tenant_validation() -> None:
    with pytest.raises(ValueError, match="scheme"):
        DemoTenant(scheme="sha1")
    with pytest.raises(ValueError, match="client_secret"):
        DemoTenant(client_secret="")
    assert "sandbox-secret" not in repr(DemoTenant())


def test_custom_tenant_and_employees() -> None:
    tenant = DemoTenant(ent_id="ent-training", client_id="trainer.app", employees={"900001": "周九"})
    with SandboxServer(tenant=tenant) as server:
        gateway = SandboxClient(server)
        token = gateway.token("900001")
        assert gateway.h5_api("me", token).json()["content"]["name"] == "周九"
        assert gateway.post_token(gateway.sign_in_form("100001")).json()["success"] is False
        gateway.close()


def test_concurrent_clients(peer: SandboxClient) -> None:
    tokens = {user: peer.token(user) for user in ("100001", "100002", "100003", "100004")}
    mice_ids: list[str] = []
    failures: list[object] = []
    lock = threading.Lock()

    def planner(user: str) -> None:
        gateway = SandboxClient(peer.server)
        token = tokens[user]
        user_id = gateway.user_id(token)
        for index in range(10):
            body = gateway.save_meeting(token, meeting_payload(user_id, name=f"{user}-{index}")).json()
            signed_in = gateway.post_token(gateway.sign_in_form(user)).json()
            with lock:
                if body["success"] and "access_token" in signed_in:
                    mice_ids.append(body["content"])
                else:
                    failures.append((body, signed_in))
        gateway.close()

    threads = [threading.Thread(target=planner, args=(user,)) for user in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(set(mice_ids)) == 40
    for user, token in tokens.items():
        names = {meeting["name"] for meeting in peer.h5_api("meetings", token).json()["content"]}
        assert names == {f"{user}-{index}" for index in range(10)}


def test_persistent_database_survives_a_restart(data_dir: Path) -> None:
    db_path = data_dir / "sandbox" / "sandbox.sqlite3"
    with SandboxServer(db_path=db_path) as first:
        gateway = SandboxClient(first)
        issued = gateway.sign_in()
        token = issued["access_token"]
        mice_id = gateway.save_meeting(token, meeting_payload(gateway.user_id(token))).json()["content"]
        gateway.upload(ImportKind.EMPLOYEES, token, "e.csv", "员工号,姓名\n100006,赵六\n".encode())
        gateway.close()
    assert db_path.is_file()

    with SandboxServer(db_path=db_path) as second:
        gateway = SandboxClient(second)
        # The signing key died with the first server: its access tokens are refused...
        assert gateway.entry(token).status_code == 401
        # ...but its refresh token, stored (hashed) in the database, still works.
        refreshed = gateway.refresh(issued["refresh_token"]).json()
        meetings = gateway.h5_api("meetings", refreshed["access_token"]).json()["content"]
        assert [meeting["miceId"] for meeting in meetings] == [mice_id]
        assert gateway.h5_api("me", gateway.token("100006")).json()["content"]["name"] == "赵六"
        assert len(gateway.h5_api("imports", refreshed["access_token"]).json()["content"]) == 1
        gateway.close()


def test_in_memory_sandbox_leaves_no_files(data_dir: Path) -> None:
    with SandboxServer() as server:
        gateway = SandboxClient(server)
        gateway.upload(ImportKind.HOTELS, gateway.token(), "h.csv", b"name\nA\n")
        gateway.close()
    assert not (data_dir / "sandbox").exists()
