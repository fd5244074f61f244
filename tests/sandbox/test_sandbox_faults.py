"""Fault injection: each fault shows the client the symptom a real bad day would."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import requests
from sandbox_client import TIMEOUT, SandboxClient, meeting_payload

from desktop_app.gateway.endpoints import ENTRY, MEETING_SAVE, TOKEN, ImportKind
from desktop_app.sandbox import FAULT_NAMES, FaultInjector, SandboxServer


def entry_ok(peer: SandboxClient, token: str) -> bool:
    return bool(peer.entry(token).json()["success"])


def test_fault_names() -> None:
    assert FAULT_NAMES == (
        "latency",
        "code500",
        "html502",
        "truncated_json",
        "empty_body",
        "drop_connection",
        "expired_token",
        "slow_upload",
    )


def test_latency_delays_the_reply(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    sandbox.faults.inject("latency", path=ENTRY, times=1, seconds=0.4)
    started = time.monotonic()
    assert entry_ok(peer, token)
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    assert entry_ok(peer, token)
    assert time.monotonic() - started < 0.3


def test_latency_beyond_the_client_timeout_is_a_read_timeout(
    peer: SandboxClient, sandbox: SandboxServer, token: str
) -> None:
    sandbox.faults.inject("latency", seconds=5)
    with pytest.raises(requests.ReadTimeout):
        peer.entry(token, timeout=0.2)


def test_code500_is_an_exception_envelope_and_nothing_is_saved(
    peer: SandboxClient, sandbox: SandboxServer, token: str
) -> None:
    user_id = peer.user_id(token)
    sandbox.faults.inject("code500", path=MEETING_SAVE, times=1)
    response = peer.save_meeting(token, meeting_payload(user_id))
    assert response.status_code == 200
    body = response.json()
    assert (body["success"], body["code"], body["content"]) == (False, 500, None)
    assert body["msg"] and "code500" in body["error"]
    assert peer.h5_api("meetings", token).json()["content"] == []


def test_html502_is_a_proxy_page(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    sandbox.faults.inject("html502", path=ENTRY)
    response = peer.entry(token)
    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")
    assert "502 Bad Gateway" in response.text
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_truncated_json_is_a_valid_prefix(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    full = peer.entry(token).text
    sandbox.faults.inject("truncated_json", path=ENTRY, times=1)
    response = peer.entry(token)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert 0 < len(response.text) < len(full)
    assert full.startswith(response.text)
    with pytest.raises(requests.JSONDecodeError):
        response.json()
    assert entry_ok(peer, token)  # times=1: the next reply is whole again


def test_truncated_token_reply(peer: SandboxClient, sandbox: SandboxServer) -> None:
    sandbox.faults.inject("truncated_json", path=TOKEN, times=1)
    response = peer.post_token(peer.sign_in_form())
    assert response.text.startswith('{"access_token":')
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_empty_body(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    sandbox.faults.inject("empty_body", path=ENTRY, times=1)
    response = peer.entry(token)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.content == b""


def test_drop_connection_breaks_the_reply_after_processing(
    peer: SandboxClient, sandbox: SandboxServer, token: str
) -> None:
    user_id = peer.user_id(token)
    sandbox.faults.inject("drop_connection", path=MEETING_SAVE, times=1)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        peer.save_meeting(token, meeting_payload(user_id))
    # The meeting was saved before the reply was lost: the client's retry problem.
    assert len(peer.h5_api("meetings", token).json()["content"]) == 1
    # The session recovers on a fresh connection.
    assert peer.save_meeting(token, meeting_payload(user_id)).json()["success"] is True


def test_drop_connection_on_a_fresh_session(sandbox: SandboxServer) -> None:
    sandbox.faults.inject("drop_connection")
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(f"{sandbox.base_url}/h5/app.js", timeout=TIMEOUT)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.post(f"{sandbox.base_url}{ENTRY}", json={}, timeout=TIMEOUT)  # a 401 reply, dropped


def test_expired_token_until_cleared(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    sandbox.faults.inject("expired_token")
    for _ in range(2):
        response = peer.entry(token)
        assert response.status_code == 401
        assert response.json()["code"] == 401
        assert "expired" in response.json()["error"]
    # A refreshed token is refused as well until the fault is cleared.
    fresh = peer.token()
    assert peer.entry(fresh).status_code == 401
    assert sandbox.faults.clear() == 1
    assert entry_ok(peer, token)


def test_expired_token_once_is_cured_by_one_retry(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    sandbox.faults.inject("expired_token", times=1)
    # The token call is not guarded, so it does not use up the fault.
    issued = peer.sign_in()
    assert peer.entry(issued["access_token"]).status_code == 401
    refreshed = peer.refresh(issued["refresh_token"]).json()
    assert entry_ok(peer, refreshed["access_token"])


def test_slow_upload_throttles_reading_the_body(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    content = b"name\n" + b"x" * 30_000 + b"\n"
    sandbox.faults.inject("slow_upload", path=ImportKind.HOTELS.path, bytes_per_second=50_000)
    started = time.monotonic()
    body = peer.upload(ImportKind.HOTELS, token, "h.csv", content).json()
    assert time.monotonic() - started >= 0.5
    assert body["success"] is True
    with pytest.raises(requests.ReadTimeout):
        peer.upload(ImportKind.HOTELS, token, "h.csv", content, timeout=0.2)


def test_faults_are_scoped_to_their_path(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    sandbox.faults.inject("code500", path=MEETING_SAVE)
    assert entry_ok(peer, token)
    sandbox.faults.clear()
    sandbox.faults.inject("html502", path="/h5/api/*")
    assert peer.h5_api("me", token).status_code == 502
    assert entry_ok(peer, token)


def test_times_counts_matching_requests_only(peer: SandboxClient, sandbox: SandboxServer, token: str) -> None:
    fault = sandbox.faults.inject("code500", path=ENTRY, times=2)
    assert fault.remaining == 2
    assert peer.h5_api("me", token).json()["success"] is True  # other path: not counted
    assert not entry_ok(peer, token)
    assert sandbox.faults.active()[0].remaining == 1
    assert not entry_ok(peer, token)
    assert sandbox.faults.active() == []
    assert entry_ok(peer, token)


def test_health_is_never_faulted(sandbox: SandboxServer) -> None:
    sandbox.faults.inject("html502")
    response = requests.get(f"{sandbox.base_url}/__sandbox__/health", timeout=TIMEOUT)
    assert response.json()["content"] == "ok"


def test_stop_wakes_a_request_sleeping_in_a_fault() -> None:
    server = SandboxServer().start()
    server.faults.inject("latency", times=1, seconds=60)
    outcome: list[object] = []

    def call() -> None:
        try:
            outcome.append(requests.get(f"{server.base_url}/h5/app.js", timeout=30).status_code)
        except requests.RequestException as exc:
            outcome.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    deadline = time.monotonic() + 5
    while server.faults.active() and time.monotonic() < deadline:  # taken = the request is asleep
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    caller.join(10)
    assert time.monotonic() - started < 3
    assert not caller.is_alive()
    assert len(outcome) == 1  # a reply or a broken connection, but no hang


def test_injector_validates_its_arguments() -> None:
    faults = FaultInjector()
    with pytest.raises(ValueError, match="unknown fault"):
        faults.inject("meteor")
    with pytest.raises(ValueError, match="takes no parameter"):
        faults.inject("code500", seconds=1)
    with pytest.raises(ValueError, match="times"):
        faults.inject("code500", times=0)
    with pytest.raises(ValueError, match="path"):
        faults.inject("code500", path="api/x")
    with pytest.raises(ValueError, match="positive"):
        faults.inject("slow_upload", bytes_per_second=0)
    assert faults.inject("latency").params == {"seconds": 1.0}


def test_injector_counts_are_exact_under_concurrency() -> None:
    faults = FaultInjector()
    faults.inject("code500", times=500)
    taken: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        mine = sum(1 for _ in range(100) if faults.take("code500", "/x") is not None)
        with lock:
            taken.append(mine)

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(taken) == 500
    assert faults.active() == []


@pytest.fixture
def admin_sandbox() -> Iterator[SandboxServer]:
    with SandboxServer(enable_fault_api=True) as server:
        yield server


def test_fault_api_is_off_by_default(sandbox: SandboxServer) -> None:
    response = requests.post(f"{sandbox.base_url}/__sandbox__/faults", json={"name": "code500"}, timeout=TIMEOUT)
    assert response.status_code == 404
    assert sandbox.faults.active() == []


def test_fault_api_injects_lists_and_clears(admin_sandbox: SandboxServer) -> None:
    api = f"{admin_sandbox.base_url}/__sandbox__/faults"
    gateway = SandboxClient(admin_sandbox)
    token = gateway.token()
    body = requests.post(api, json={"name": "latency", "path": ENTRY, "times": 1, "seconds": 0.3}, timeout=TIMEOUT)
    assert body.json()["content"]["seconds"] == 0.3
    requests.post(api, json={"name": "code500", "path": MEETING_SAVE}, timeout=TIMEOUT)
    listed = requests.get(api, timeout=TIMEOUT).json()["content"]
    assert [fault["name"] for fault in listed["active"]] == ["latency", "code500"]
    assert set(listed["known"]) == set(FAULT_NAMES)
    started = time.monotonic()
    assert entry_ok(gateway, token)
    assert time.monotonic() - started >= 0.3
    assert requests.post(api, json={"clear": "code500"}, timeout=TIMEOUT).json()["content"] == 1
    requests.post(api, json={"name": "html502"}, timeout=TIMEOUT)
    assert requests.delete(api, timeout=TIMEOUT).json()["content"] == 1
    assert admin_sandbox.faults.active() == []
    gateway.close()


@pytest.mark.parametrize(
    ("payload", "error_part"),
    [
        ({"name": "meteor"}, "unknown fault"),
        ({}, "'name' is required"),
        ({"name": "latency", "seconds": "lots"}, "numbers"),
        ({"name": "latency", "times": "2"}, "integer"),
        ({"name": "latency", "path": 5}, "string"),
    ],
)
def test_fault_api_refuses_bad_requests(
    admin_sandbox: SandboxServer, payload: dict[str, object], error_part: str
) -> None:
    response = requests.post(f"{admin_sandbox.base_url}/__sandbox__/faults", json=payload, timeout=TIMEOUT)
    body = response.json()
    assert body["success"] is False
    assert error_part in body["error"]
