"""Meeting save: create, edit, unknown miceId and field validation (contract 保存会议, notes §6)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sandbox_client import TIMEOUT, SandboxClient, meeting_payload

from desktop_app.gateway.endpoints import MEETING_SAVE


def test_create_returns_a_new_mice_id(peer: SandboxClient, token: str) -> None:
    response = peer.save_meeting(token, meeting_payload(peer.user_id(token)))
    assert response.status_code == 200
    body = response.json()
    assert (body["success"], body["code"], body["error"]) == (True, 0, "")
    assert str(uuid.UUID(body["content"])) == body["content"]


def test_edit_keeps_the_mice_id_and_changes_the_meeting(peer: SandboxClient, token: str) -> None:
    user_id = peer.user_id(token)
    mice_id = peer.save_meeting(token, meeting_payload(user_id)).json()["content"]
    edited = meeting_payload(user_id, miceId=mice_id, name="改名后的会议", city="杭州市", province="浙江省")
    body = peer.save_meeting(token, edited).json()
    assert body["success"] is True
    assert body["content"] == mice_id
    meetings = peer.h5_api("meetings", token).json()["content"]
    assert [(m["miceId"], m["name"], m["city"]) for m in meetings] == [(mice_id, "改名后的会议", "杭州市")]


def test_unknown_mice_id_is_a_business_error(peer: SandboxClient, token: str) -> None:
    payload = meeting_payload(peer.user_id(token), miceId=str(uuid.uuid4()))
    body = peer.save_meeting(token, payload).json()
    assert (body["success"], body["code"]) == (False, 500)
    assert "unknown miceId" in body["error"]
    assert body["msg"] == "会议不存在或已被删除"


def test_meetings_belong_to_their_planner(peer: SandboxClient, token: str) -> None:
    mice_id = peer.save_meeting(token, meeting_payload(peer.user_id(token))).json()["content"]
    other = peer.token("100002")
    stolen = meeting_payload(peer.user_id(other), miceId=mice_id, name="别人的会议")
    assert peer.save_meeting(other, stolen).json()["success"] is False
    assert peer.h5_api("meetings", other).json()["content"] == []


def test_empty_mice_id_creates(peer: SandboxClient, token: str) -> None:
    body = peer.save_meeting(token, meeting_payload(peer.user_id(token), miceId="")).json()
    assert body["success"] is True
    assert uuid.UUID(body["content"])


@pytest.mark.parametrize(
    "overrides",
    [
        {"dtStart": "2024-03-01 09:00:00", "dtEnd": "2024-03-01 17:30:00"},
        {"dtStart": "2024-03-01 09:00:00", "dtEnd": "2024-03-01"},  # date-only end = whole day
        {"dtStart": "2024-03-01", "dtEnd": "2024-03-03"},
        {"descr": ...},
        {"descr": None},
        {"qtyAttenderInt": 0, "qtyAttenderExt": 0},
    ],
)
def test_valid_variants_are_accepted(peer: SandboxClient, token: str, overrides: dict[str, Any]) -> None:
    body = peer.save_meeting(token, meeting_payload(peer.user_id(token), **overrides)).json()
    assert body["success"] is True, body


@pytest.mark.parametrize(
    ("overrides", "error_part"),
    [
        ({"name": ...}, "name: required"),
        ({"name": "   "}, "name: required"),
        ({"type": ...}, "type: required"),
        ({"country": ...}, "country: required"),
        ({"province": 3}, "province: required"),
        ({"city": ...}, "city: required"),
        ({"tuUserId": ...}, "tuUserId: required"),
        ({"tuUserId": "100001"}, "tuUserId: must be a UUID"),
        ({"miceId": "abc"}, "miceId: must be a UUID"),
        ({"dtStart": ...}, "dtStart: expected"),
        ({"dtStart": "2018/05/22"}, "dtStart: expected"),
        ({"dtEnd": "2018-05-22T10:00:00"}, "dtEnd: expected"),
        ({"dtEnd": "2018-02-30"}, "dtEnd: expected"),
        ({"dtStart": "2018-05-23", "dtEnd": "2018-05-22"}, "dtEnd is before dtStart"),
        ({"dtStart": "2018-05-22 10:00:00", "dtEnd": "2018-05-22 09:00:00"}, "dtEnd is before dtStart"),
        ({"qtyAttenderInt": -1}, "qtyAttenderInt: must be >= 0"),
        ({"qtyAttenderInt": "3"}, "qtyAttenderInt: required integer"),
        ({"qtyAttenderExt": 1.5}, "qtyAttenderExt: required integer"),
        ({"qtyAttenderExt": True}, "qtyAttenderExt: required integer"),
        ({"qtyAttenderExt": ...}, "qtyAttenderExt: required integer"),
        ({"descr": 5}, "descr: must be a string"),
        ({"name": "名" * 201}, "name: longer than 200"),
    ],
)
def test_invalid_meetings_are_refused(
    peer: SandboxClient, token: str, overrides: dict[str, Any], error_part: str
) -> None:
    response = peer.save_meeting(token, meeting_payload(peer.user_id(token), **overrides))
    assert response.status_code == 200
    body = response.json()
    assert (body["success"], body["code"], body["content"]) == (False, 500, None)
    assert error_part in body["error"]
    assert body["msg"].startswith("会议信息有误：")


def test_all_problems_are_reported_at_once(peer: SandboxClient, token: str) -> None:
    payload = meeting_payload(peer.user_id(token), name=..., city=..., qtyAttenderInt=-5)
    body = peer.save_meeting(token, payload).json()
    for part in ("name: required", "city: required", "qtyAttenderInt: must be >= 0"):
        assert part in body["error"]
    assert body["msg"].count("；") == 2


def test_non_object_json_is_refused(peer: SandboxClient, token: str) -> None:
    response = peer.session.post(peer.url(MEETING_SAVE), json=[1, 2], headers=peer.bearer(token), timeout=TIMEOUT)
    assert response.json()["success"] is False
