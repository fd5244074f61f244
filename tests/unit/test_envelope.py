"""Envelope parsing over a corpus of good and bad replies (contract-notes §3, §4)."""

import json

import pytest

from desktop_app.gateway import envelope
from desktop_app.gateway.errors import AuthError, BusinessError, ProtocolError, SignInRefused


def env(**kw: object) -> bytes:
    base = {"success": True, "code": 0, "content": "x", "msg": "", "error": ""}
    base.update(kw)
    return json.dumps(base, ensure_ascii=False).encode()


def test_success_returns_content() -> None:
    reply = envelope.parse_envelope(200, env(content="https://h5", msg="ok"), require_content=True)
    assert reply.content == "https://h5"
    assert reply.msg == "ok"


def test_empty_content_allowed_where_not_required() -> None:
    assert envelope.parse_envelope(200, env(content=""), require_content=False).content == ""


@pytest.mark.parametrize("content", [None, ""])
def test_missing_value_where_required_is_protocol_error(content: object) -> None:
    with pytest.raises(ProtocolError):
        envelope.parse_envelope(200, env(content=content), require_content=True)


def test_business_error_keeps_code_msg_error() -> None:
    with pytest.raises(BusinessError) as info:
        envelope.parse_envelope(
            200, env(success=False, code=500, msg="会议名称不能为空", error="NPE"), require_content=True
        )
    assert info.value.code == 500
    assert info.value.msg == "会议名称不能为空"
    assert "会议名称不能为空" in info.value.user_message("zh")
    assert "NPE" in info.value.detail


@pytest.mark.parametrize(
    ("status", "body"),
    [(401, b""), (401, env(success=False, code=401)), (200, env(success=False, code=401)), (401, b"<html>no</html>")],
)
def test_401_in_any_form_is_auth_error(status: int, body: bytes) -> None:
    with pytest.raises(AuthError):
        envelope.parse_envelope(status, body, require_content=True)


BAD_REPLIES = [
    (200, b"", "empty body"),
    (200, b"   \n", "empty body"),
    (502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "HTTP 502"),
    (200, b"<!DOCTYPE html><html>login</html>", "HTML"),
    (200, b'{"success": true, "code": 0, "cont', "truncated"),
    (200, b"[1, 2, 3]", "not an envelope"),
    (200, b'"just a string"', "not an envelope"),
    (200, b'{"code": 0, "content": "x"}', "not an envelope"),
    (200, b'{"success": "yes", "code": 0, "content": "x"}', "not a boolean"),
    (200, b'{"success": true, "code": 0}', "no 'content'"),
    (200, b"\xff\xfe\x00garbage", "UTF-8"),
    (503, b"", "HTTP 503"),
    (500, b"Internal Server Error", "HTTP 500"),
]


@pytest.mark.parametrize(("status", "body", "hint"), BAD_REPLIES)
def test_bad_replies_are_protocol_errors_with_evidence(status: int, body: bytes, hint: str) -> None:
    with pytest.raises(ProtocolError) as info:
        envelope.parse_envelope(status, body, require_content=True)
    assert hint in info.value.detail
    assert info.value.user_message("zh")
    assert info.value.user_message("en")


def test_5xx_with_envelope_is_business_error() -> None:
    with pytest.raises(BusinessError):
        envelope.parse_envelope(500, env(success=False, code=500, msg="服务异常"), require_content=True)


TOKEN = {"access_token": "a.b.c", "token_type": "Bearer", "refresh_token": "r", "userId": "u"}


def test_token_raw_and_enveloped_are_both_accepted() -> None:
    raw = envelope.parse_token_reply(200, json.dumps(TOKEN).encode())
    wrapped = envelope.parse_token_reply(200, env(content=TOKEN))
    assert raw["access_token"] == wrapped["access_token"] == "a.b.c"


def test_token_refusal_envelope_is_sign_in_refused_with_msg() -> None:
    with pytest.raises(SignInRefused) as info:
        envelope.parse_token_reply(200, env(success=False, code=500, msg="签名错误", content=None))
    assert "签名错误" in info.value.user_message("zh")


@pytest.mark.parametrize(
    "body",
    [b"", b"<html>", b'{"access_token": "x"', b'{"token_type": "Bearer"}', env(content=None), env(content="str")],
)
def test_token_bad_replies_are_protocol_errors(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        envelope.parse_token_reply(200, body)


def test_token_reply_details_never_quote_the_body() -> None:
    body = b'{"access_token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "refresh_token": "7c0a0d1fc42b8b04", "us'
    with pytest.raises(ProtocolError) as info:
        envelope.parse_token_reply(200, body)
    assert "eyJ" not in info.value.detail and "7c0a0d1f" not in info.value.detail
    assert "truncated" in info.value.detail


def test_error_details_are_redacted_at_construction() -> None:
    error = ProtocolError('HTTP 200: {"refresh_token": "7c0a0d1fc42b8b04", "x": 1}')
    assert "7c0a0d1fc42b8b04" not in error.detail and "7c0a0d1fc42b8b04" not in str(error)
