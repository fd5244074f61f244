"""Meeting model, token set, profiles: the contract's data rules without any network."""

import base64
import datetime as dt
import json

import pytest

from desktop_app.gateway.meeting import Meeting, MeetingInvalid, format_when, parse_when
from desktop_app.gateway.profile import BUILT_IN, GatewayProfile, base_url_problem
from desktop_app.gateway.tokens import Credentials, TokenSet, jwt_expiry
from tests.support.meetings import sample_meeting

USER = "3e293ec3-52a3-11e8-82e3-0242ac142204"


def valid(**kw: object) -> Meeting:
    return sample_meeting(USER, **{"dtStart": dt.date(2026, 5, 22), "dtEnd": dt.date(2026, 5, 23), **kw})


def test_valid_meeting_payload_uses_contract_names_and_formats() -> None:
    payload = valid(dtStart=dt.datetime(2026, 5, 22, 9, 30)).to_payload()
    assert payload["dtStart"] == "2026-05-22 09:30:00"
    assert payload["dtEnd"] == "2026-05-23"
    assert payload["country"] == "中国"
    assert "miceId" not in payload


def test_edit_payload_carries_mice_id() -> None:
    meeting = valid().with_mice_id("00000000-0000-4000-8000-000000000001")
    assert meeting.is_edit
    assert meeting.to_payload()["miceId"] == "00000000-0000-4000-8000-000000000001"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"city": ""}, "city"),
        ({"tuUserId": "not-a-uuid"}, "tuUserId"),
        ({"qtyAttenderInt": -1}, "qtyAttenderInt"),
        ({"qtyAttenderExt": True}, "qtyAttenderExt"),
        ({"dtEnd": dt.date(2026, 5, 21)}, "dtEnd"),
        ({"dtStart": None}, "dtStart"),
        ({"miceId": "123"}, "miceId"),
    ],
)
def test_each_rule_names_its_field(change: dict[str, object], field: str) -> None:
    meeting = valid(**change)
    assert field in {p.field for p in meeting.problems()}
    with pytest.raises(MeetingInvalid):
        meeting.to_payload()


def test_end_same_day_later_time_is_fine_earlier_time_is_not() -> None:
    assert not valid(dtStart=dt.datetime(2026, 5, 22, 9), dtEnd=dt.datetime(2026, 5, 22, 10)).problems()
    assert valid(dtStart=dt.datetime(2026, 5, 22, 9), dtEnd=dt.datetime(2026, 5, 22, 8)).problems()


def test_dates_round_trip() -> None:
    assert parse_when("2026-05-22") == dt.date(2026, 5, 22)
    assert parse_when("2026-05-22 08:00:00") == dt.datetime(2026, 5, 22, 8)
    assert format_when(parse_when("2026-05-22T08:00")) == "2026-05-22 08:00:00"
    with pytest.raises(ValueError):
        parse_when("22/05/2026")


def test_json_form_round_trip_and_type_errors() -> None:
    meeting = valid()
    assert Meeting.from_json_dict(meeting.to_json_dict()) == meeting
    with pytest.raises(MeetingInvalid) as info:
        Meeting.from_json_dict({"name": 3, "qtyAttenderInt": "2", "dtStart": "tomorrow", "colour": "red"})
    fields = {p.field for p in info.value.problems}
    assert {"name", "qtyAttenderInt", "dtStart", "colour"} <= fields


def _jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part(claims)}.sig"


def test_jwt_expiry_is_read_without_verification() -> None:
    assert jwt_expiry(_jwt({"exp": 1_900_000_000})) == 1_900_000_000
    assert jwt_expiry("opaque-token") is None
    assert jwt_expiry("a.!!!.c") is None
    tokens = TokenSet.from_reply({"access_token": _jwt({"exp": 100}), "userId": "u", "refresh_token": "r"})
    assert tokens.expires_within(0, now=200)
    assert not tokens.expires_within(0, now=50)
    assert tokens.authorization.startswith("Bearer ")


def test_secrets_stay_out_of_repr() -> None:
    creds = Credentials("ent", "100001", "client", "TOP-SECRET-VALUE")
    tokens = TokenSet("ACCESS-VALUE-123", "Bearer", "REFRESH-VALUE-456", "u")
    assert "TOP-SECRET-VALUE" not in repr(creds)
    assert "ACCESS-VALUE-123" not in repr(tokens) and "REFRESH-VALUE-456" not in repr(tokens)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://gateway-dev.smarteventcloud.cn", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost:1/h5/", True),
        ("http://[::1]:9/", True),
        ("http://gateway-dev.smarteventcloud.cn", False),
        ("http://10.0.0.1", False),
        ("https://user:pw@host", False),
        ("ftp://host", False),
        ("javascript:alert(1)", False),
        ("", False),
        ("https://host:99999", False),
    ],
)
def test_base_url_rule(url: str, ok: bool) -> None:
    assert (base_url_problem(url) is None) is ok


def test_builtin_profiles_and_round_trip() -> None:
    names = [p.name for p in BUILT_IN]
    assert names == ["sandbox", "test", "production"]
    custom = GatewayProfile(name="acme", base_url="https://gw.acme.cn", allowed_host_suffixes=(".acme.cn",))
    assert GatewayProfile.from_dict(json.loads(json.dumps(custom.to_dict()))) == custom
    assert not custom.problems()
    assert GatewayProfile(name="x", base_url="http://example.com", scheme="rot13").problems()


def test_all_day_end_counts_until_the_end_of_that_day() -> None:
    # As the sandbox reads it: a date-only end lasts all day, so a timed start that day is fine.
    assert not valid(dtStart=dt.datetime(2026, 5, 22, 9, 30), dtEnd=dt.date(2026, 5, 22)).problems()
    assert valid(dtStart=dt.datetime(2026, 5, 23, 9, 30), dtEnd=dt.date(2026, 5, 22)).problems()


def test_too_many_attendees_says_so() -> None:
    problems = valid(qtyAttenderExt=2_000_000).problems()
    assert [p.text.en for p in problems] == ["External attendees cannot exceed 1000000"]


def test_profile_problems_speak_both_languages() -> None:
    texts = GatewayProfile(name="x", base_url="http://example.com", import_field="").problem_texts()
    assert [t.en for t in texts] == GatewayProfile(name="x", base_url="http://example.com", import_field="").problems()
    assert any("https" in t.zh and "本机" in t.zh for t in texts)
    assert any("导入字段" in t.zh for t in texts)
