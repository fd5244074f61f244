"""MeetingBook against the real sandbox: never lost, never sent twice.

Each state change of the outbox is driven through real HTTP faults: a dropped reply on a
create must not be resent by the app, typing during a push must not be taken as sent.
"""

from __future__ import annotations

import threading
import time

import pytest
import requests

from desktop_app.gateway import endpoints
from desktop_app.gateway.client import GatewayClient, MaybeDelivered, NotDelivered
from desktop_app.gateway.errors import BusinessError
from desktop_app.gateway.meeting import Meeting
from desktop_app.gateway.profile import GatewayProfile
from desktop_app.sandbox import SandboxServer
from desktop_app.services.meetings import DRAFT, QUEUED, SAVED, SENDING, UNKNOWN, MeetingBook, NeedsDecision
from desktop_app.storage.database import Database
from tests.support.meetings import sample_meeting


@pytest.fixture
def book(client: GatewayClient) -> MeetingBook:
    assert client.tokens is not None
    db = Database()
    yield MeetingBook(db, "sandbox", client.tokens.user_id)
    db.close()


def meeting(client: GatewayClient, name: str = "华东区学术会") -> Meeting:
    assert client.tokens is not None
    return sample_meeting(client.tokens.user_id, name=name)


def gateway_meetings(client: GatewayClient) -> list[dict[str, object]]:
    assert client.tokens is not None
    reply = requests.get(
        client.url("/h5/api/meetings"), headers={"Authorization": client.tokens.authorization}, timeout=5
    )
    data = reply.json()
    items = data.get("content", data) if isinstance(data, dict) else data
    return list(items if isinstance(items, list) else items.get("meetings", []))


def test_create_then_edit_keeps_one_meeting(book: MeetingBook, client: GatewayClient) -> None:
    local_id = book.save_draft(meeting(client))
    saved = book.push(local_id, client)
    assert saved.state == SAVED and saved.mice_id
    book.save_draft(meeting(client, "改名"), local_id)
    assert book.get(local_id).state == DRAFT  # an edit of a saved meeting is a draft until pushed
    again = book.push(local_id, client)
    assert again.mice_id == saved.mice_id and again.state == SAVED
    assert len(gateway_meetings(client)) == 1


def test_flush_without_changes_keeps_saved(book: MeetingBook, client: GatewayClient) -> None:
    local_id = book.save_draft(meeting(client))
    saved = book.push(local_id, client)
    book.save_draft(saved.meeting, local_id)  # what a flush at quit writes
    assert book.get(local_id).state == SAVED


def test_typing_during_a_push_is_not_taken_as_sent(
    book: MeetingBook, client: GatewayClient, sandbox: SandboxServer
) -> None:
    local_id = book.save_draft(meeting(client, "Before"))
    sandbox.faults.inject("latency", path=endpoints.MEETING_SAVE, times=1, seconds=0.8)
    result: dict[str, object] = {}
    pusher = threading.Thread(target=lambda: result.setdefault("record", book.push(local_id, client)))
    pusher.start()
    deadline = time.monotonic() + 5
    while book.get(local_id).state != SENDING and time.monotonic() < deadline:
        time.sleep(0.01)
    book.save_draft(meeting(client, "After"), local_id)  # the planner keeps typing
    pusher.join(10)
    record = book.get(local_id)
    assert record.state == DRAFT  # "After" was not sent
    assert record.mice_id  # but the create happened: the next push is an edit
    assert record.meeting.name == "After"
    assert [m["name"] for m in gateway_meetings(client)] == ["Before"]
    book.push(local_id, client)
    assert [m["name"] for m in gateway_meetings(client)] == ["After"]


def test_lost_reply_on_create_is_never_resent_by_itself(
    book: MeetingBook, client: GatewayClient, sandbox: SandboxServer
) -> None:
    local_id = book.save_draft(meeting(client))
    sandbox.faults.inject("drop_connection", path=endpoints.MEETING_SAVE, times=1)
    with pytest.raises(MaybeDelivered):
        book.push(local_id, client)
    assert book.get(local_id).state == UNKNOWN
    with pytest.raises(NeedsDecision):
        book.push(local_id, client)
    book.queue(local_id)  # queueing does not bypass the decision either
    assert book.push_queued(client) == (0, [])
    assert len(gateway_meetings(client)) == 1  # the sandbox did create it once
    book.resolve_unknown(local_id)  # the planner decides to push again
    assert book.push(local_id, client).state == SAVED


def test_lost_reply_on_edit_is_safe_to_retry(book: MeetingBook, client: GatewayClient, sandbox: SandboxServer) -> None:
    local_id = book.save_draft(meeting(client))
    book.push(local_id, client)
    book.save_draft(meeting(client, "改期"), local_id)
    sandbox.faults.inject("truncated_json", path=endpoints.MEETING_SAVE, times=1)
    with pytest.raises(Exception):  # noqa: B017 - ProtocolError, whichever subclass
        book.push(local_id, client)
    assert book.get(local_id).state == DRAFT  # edits are idempotent
    assert book.push(local_id, client).state == SAVED


def test_refusal_keeps_draft_with_reason(book: MeetingBook, client: GatewayClient, sandbox: SandboxServer) -> None:
    local_id = book.save_draft(meeting(client))
    sandbox.faults.inject("code500", path=endpoints.MEETING_SAVE, times=1)
    with pytest.raises(BusinessError):
        book.push(local_id, client)
    record = book.get(local_id)
    assert record.state == DRAFT and record.last_error


def test_offline_queues_and_pushes_later(client: GatewayClient, demo_credentials: object) -> None:
    assert client.tokens is not None
    db = Database()
    server = SandboxServer()
    server.start()
    profile = GatewayProfile(name="sandbox", kind="sandbox", base_url=server.base_url, connect_timeout=1)
    gateway = GatewayClient(profile, credentials=demo_credentials)  # type: ignore[arg-type]
    user_id = gateway.sign_in().user_id
    book = MeetingBook(db, "sandbox", user_id)
    local_id = book.save_draft(meeting(client).__class__(**{**meeting(client).__dict__, "tuUserId": user_id}))
    port = server.port
    server.stop()
    with pytest.raises(NotDelivered):
        book.push(local_id, gateway)
    assert book.get(local_id).state == QUEUED
    again = SandboxServer(port=port)
    again.start()
    try:
        sent, failures = book.push_queued(gateway)
        assert (sent, failures) == (1, [])
        assert book.get(local_id).state == SAVED
    finally:
        again.stop()
        gateway.close()
        db.close()


def test_killed_while_sending_becomes_unknown(book: MeetingBook, client: GatewayClient) -> None:
    local_id = book.save_draft(meeting(client))
    with book.db.transaction() as conn:  # what a process killed mid-push leaves behind
        conn.execute("UPDATE meetings SET state=? WHERE local_id=?", (SENDING, local_id))
    assert book.recover_interrupted() == 1
    assert book.get(local_id).state == UNKNOWN


def test_garbled_token_reply_during_a_push_is_not_an_unknown_outcome(
    book: MeetingBook, client: GatewayClient, sandbox: SandboxServer
) -> None:
    local_id = book.save_draft(meeting(client))
    sandbox.faults.inject("expired_token", path=endpoints.MEETING_SAVE, times=1)
    sandbox.faults.inject("truncated_json", path=endpoints.TOKEN, times=2)  # refresh, then sign-in
    with pytest.raises(NotDelivered) as info:
        book.push(local_id, client)
    assert book.get(local_id).state == QUEUED  # nothing was created: safe to send later
    assert gateway_meetings(client) == []
    assert "eyJ" not in info.value.detail and "access_token" not in info.value.detail
    assert book.push_queued(client) == (1, [])
