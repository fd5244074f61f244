"""Secrets never reach the log: the redacting filter on real log records and a real log file."""

import logging

from desktop_app import logging_setup

SAMPLES = [
    "client_secret=sandbox-secret&ent_id=ent-demo",
    '{"access_token": "abcdef123456", "userId": "u"}',
    "refresh_token: 7c0a0d1fc42b8b04",
    "headers={'Authorization': 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'}",
    "signature=95985d24d3e71c111f0bf12c3d2d99637b38346405bc06abda9d81dcc7530bdb",
    "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl in a sentence",
]
SECRETS = ["sandbox-secret", "abcdef123456", "7c0a0d1fc42b8b04", "eyJhbGciOiJIUzI1NiJ9", "95985d24d3e71c11"]


def test_redact_removes_every_sample_secret() -> None:
    for sample in SAMPLES:
        cleaned = logging_setup.redact(sample)
        assert "***" in cleaned, sample
        for secret in SECRETS:
            assert secret not in cleaned, (sample, cleaned)


def test_known_secret_values_are_redacted_anywhere() -> None:
    logging_setup.known_secrets.add("plain-value-without-key")
    assert "plain-value-without-key" not in logging_setup.redact("oops plain-value-without-key here")


def test_log_file_never_holds_secrets() -> None:
    path = logging_setup.configure()
    log = logging.getLogger("test.redaction")
    for sample in SAMPLES:
        log.warning("request failed: %s", sample)
    try:
        raise RuntimeError("client_secret=sandbox-secret")
    except RuntimeError:
        log.exception("with a traceback")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "request failed" in text and "with a traceback" in text
    for secret in SECRETS:
        assert secret not in text


def test_paths_named_token_are_not_taken_for_secrets() -> None:
    line = "POST /api/foundation/passport/connect/token: ChunkedEncodingError: Connection broken"
    assert logging_setup.redact(line) == line
