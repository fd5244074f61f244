"""Signature schemes of the token request (contract-notes §1).

The published contract does not say how ``signature`` is computed, so the scheme is a
named profile setting. The sandbox verifies with the same functions, which keeps the two
sides from drifting apart.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping

SIGNED_FIELDS = ("client_id", "ent_id", "nounce", "user_name")
DEFAULT_SCHEME = "hmac-sha256"


def canonical_string(fields: Mapping[str, str]) -> str:
    """The four signed fields sorted by name, ``name=value`` joined by ``&``, values raw."""
    return "&".join(f"{name}={fields[name]}" for name in sorted(SIGNED_FIELDS))


def _hmac_sha256(canonical: str, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def _md5_upper(canonical: str, secret: str) -> str:
    return hashlib.md5(f"{canonical}&key={secret}".encode()).hexdigest().upper()


SCHEMES: dict[str, Callable[[str, str], str]] = {
    "hmac-sha256": _hmac_sha256,
    "md5-upper": _md5_upper,
}


class UnknownSchemeError(ValueError):
    pass


def sign(fields: Mapping[str, str], client_secret: str, scheme: str = DEFAULT_SCHEME) -> str:
    try:
        algorithm = SCHEMES[scheme]
    except KeyError:
        raise UnknownSchemeError(f"unknown signature scheme {scheme!r}; known: {', '.join(SCHEMES)}") from None
    return algorithm(canonical_string(fields), client_secret)


def verify(fields: Mapping[str, str], client_secret: str, signature: str, scheme: str = DEFAULT_SCHEME) -> bool:
    expected = sign(fields, client_secret, scheme)
    # md5-upper is upper-case hex, hmac lower-case; compare exactly as the scheme defines it.
    return hmac.compare_digest(expected, signature or "")
