"""Signature schemes against the test vector of contract-notes §1 (values computed once, pinned)."""

import pytest

from desktop_app.gateway import signing

FIELDS = {
    "ent_id": "ent-demo",
    "user_name": "100001",
    "client_id": "planner.desktop",
    "nounce": "00000000-0000-4000-8000-000000000000",
}
CANONICAL = "client_id=planner.desktop&ent_id=ent-demo&nounce=00000000-0000-4000-8000-000000000000&user_name=100001"


def test_canonical_string_matches_the_notes() -> None:
    assert signing.canonical_string(FIELDS) == CANONICAL


def test_hmac_sha256_vector() -> None:
    assert signing.sign(FIELDS, "s3cret") == "95985d24d3e71c111f0bf12c3d2d99637b38346405bc06abda9d81dcc7530bdb"


def test_md5_upper_vector() -> None:
    assert signing.sign(FIELDS, "s3cret", "md5-upper") == "42F01C599921F9097C02D35B6A6AEC76"


def test_values_are_raw_not_url_encoded() -> None:
    fields = {**FIELDS, "user_name": "张 三&x"}
    assert "user_name=张 三&x" in signing.canonical_string(fields)


def test_verify_accepts_only_the_exact_signature() -> None:
    good = signing.sign(FIELDS, "s3cret")
    assert signing.verify(FIELDS, "s3cret", good)
    assert not signing.verify(FIELDS, "other", good)
    assert not signing.verify({**FIELDS, "nounce": "00000000-0000-4000-8000-000000000001"}, "s3cret", good)
    assert not signing.verify(FIELDS, "s3cret", good.upper())
    assert not signing.verify(FIELDS, "s3cret", "")


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(signing.UnknownSchemeError):
        signing.sign(FIELDS, "s3cret", "sha1")
