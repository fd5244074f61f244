"""Which web origins may load in the app view and receive the planner's token. No Qt here.

The 会引擎 H5 app runs inside our web view and gets the access token as an ``Authorization``
header (contract-notes §7). Sending that header to the wrong host hands the planner's account
to it, so the decision is made here, in plain functions a reviewer can test without Chromium
(Anki's ``AuthInterceptor``; qutebrowser turns the Qt request into plain values first). The Qt
side (``interceptor.py``, ``page.py``) only converts a ``QUrl`` to text and asks.

Rules:

- An origin is ``scheme://host[:port]``: scheme and host lower-cased, international hosts in
  their ASCII (IDNA) form, a trailing root dot dropped, default ports (80, 443) dropped, IPv6
  literals in compressed form inside brackets. Only ``http`` and ``https`` have one here.
- ``AllowedOrigins.allows`` is true for an exact origin on the list (``http`` only when the host
  is loopback: the embedded sandbox), or for an ``https`` URL whose host ends with one of the
  listed suffixes on a label boundary (the H5 micro-sites live under the gateway's parent domain).
- Fail closed: whatever cannot be parsed one single way (backslashes, spaces, control
  characters, odd IPv4 spellings, user info in the URL) is not allowed. Browsers and Python's
  ``urllib`` disagree on exactly those inputs, and an attacker picks the disagreement.

Known simplification: Python's ``idna`` codec implements IDNA 2003 while Chromium uses UTS #46,
so a few exotic non-ASCII host names (``ß``, ``ς``) normalise differently. Such a host can only
fail to match, never match wrongly: configure allowed hosts in ASCII.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from desktop_app.gateway.profile import is_loopback_host

__all__ = [
    "AllowedOrigins",
    "OriginError",
    "is_loopback_host",
    "origin_of",
    "redact_url",
    "should_add_auth",
]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters on which URL parsers disagree (Chromium reads "\" as "/" and drops tabs and
# newlines, Python's urlsplit silently removes some of them): refuse rather than guess.
_AMBIGUOUS_CHARS = re.compile(r"[\x00-\x20\x7f\\]")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?")
_PORT = re.compile(r"[0-9]{1,5}")
_NUMERIC_LABEL = re.compile(r"(?:[0-9]+|0x[0-9a-f]*)")


class OriginError(ValueError):
    """The text has no single, unambiguous http(s) origin."""


class _ParsedOrigin(NamedTuple):
    scheme: str
    host: str  # normalised; IPv6 in brackets
    port: int | None  # None for the scheme's default port
    has_userinfo: bool
    is_ip: bool

    @property
    def origin(self) -> str:
        suffix = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{self.host}{suffix}"


def origin_of(url: str) -> str:
    """The normalised ``scheme://host[:port]`` of an http(s) URL; ``OriginError`` otherwise.

    User info is not part of an origin and is dropped here; ``AllowedOrigins.allows`` refuses
    URLs that carry it.
    """
    return _parse(url).origin


@dataclass(frozen=True)
class AllowedOrigins:
    """Where the H5 app may load and where the token may go.

    ``origins`` are exact origins (URLs are accepted and reduced to their origin);
    ``host_suffixes`` such as ``".smarteventcloud.cn"`` allow any ``https`` host below that
    domain, but not the domain itself: list that as an origin if it is needed. Bad entries raise
    ``ValueError`` here, at configuration time, rather than silently allowing nothing.
    """

    origins: frozenset[str] = field(default_factory=frozenset)
    host_suffixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        origins = frozenset(_normalise_allowed_origin(o) for o in self.origins)
        suffixes = tuple(dict.fromkeys(_normalise_suffix(s) for s in self.host_suffixes))
        object.__setattr__(self, "origins", origins)
        object.__setattr__(self, "host_suffixes", suffixes)

    @classmethod
    def from_urls(cls, urls: Iterable[str], host_suffixes: Iterable[str] = ()) -> AllowedOrigins:
        """The origins of ``urls`` (for example the gateway base URL and the entry URL)."""
        return cls(frozenset(origin_of(u) for u in urls), tuple(host_suffixes))

    def allows(self, url: str) -> bool:
        try:
            parsed = _parse(url)
        except OriginError:
            return False
        if parsed.has_userinfo:
            # Never legitimate for the H5 app, and the classic way to dress up a host.
            return False
        if parsed.origin in self.origins:
            return parsed.scheme == "https" or is_loopback_host(parsed.host)
        if parsed.scheme != "https" or parsed.is_ip:
            return False
        # Every suffix starts with "." so endswith() only matches on a label boundary.
        return any(parsed.host.endswith(suffix) for suffix in self.host_suffixes)


def should_add_auth(url: str, allowed: AllowedOrigins) -> bool:
    """Whether a request to ``url`` may carry the planner's ``Authorization`` header.

    Today this is exactly ``allowed.allows(url)``; it is its own function so the interceptor
    asks one named question, and a stricter token rule can change in one place.
    """
    return allowed.allows(url)


def redact_url(url: str) -> str:
    """A URL fit for a log line: no user info, query or fragment (they may carry tokens)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "<unparsable URL>"
    if not parts.scheme:
        return "<relative URL>"
    if not parts.netloc:
        return f"{parts.scheme}:…"  # data:, about:, javascript:, mailto: ...
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port_text = f":{port}" if port is not None else ""
    return f"{parts.scheme}://{host}{port_text}{parts.path}"


# -- parsing -------------------------------------------------------------------------------


def _parse(url: str) -> _ParsedOrigin:
    if not isinstance(url, str) or not url:
        raise OriginError("empty URL")
    if _AMBIGUOUS_CHARS.search(url):
        raise OriginError("URL contains spaces, control characters or backslashes")
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. "Invalid IPv6 URL"
        raise OriginError(str(exc)) from exc
    scheme = parts.scheme
    if scheme not in _DEFAULT_PORTS:
        raise OriginError(f"{scheme or 'relative'!r} URLs have no network origin here")
    _userinfo, at, hostport = parts.netloc.rpartition("@")
    if not hostport:
        raise OriginError("URL has no host")
    host_text, port_text = _split_host_port(hostport)
    host, is_ip = _normalise_host(host_text, bracketed=hostport.startswith("["))
    port = _normalise_port(port_text, scheme)
    return _ParsedOrigin(scheme, host, port, bool(at), is_ip)


def _split_host_port(hostport: str) -> tuple[str, str]:
    if hostport.startswith("["):
        host, bracket, rest = hostport[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise OriginError("malformed IPv6 literal")
        return host, rest[1:]
    host, _, port = hostport.partition(":")
    return host, port


def _normalise_port(text: str, scheme: str) -> int | None:
    if not text:
        return None  # "https://host:/" means the default port
    if not _PORT.fullmatch(text) or not 0 < int(text) <= 65535:
        raise OriginError(f"invalid port {text!r}")
    port = int(text)
    return None if port == _DEFAULT_PORTS[scheme] else port


def _normalise_host(text: str, *, bracketed: bool) -> tuple[str, bool]:
    if bracketed:
        try:
            if "%" in text:  # zone ids ("fe80::1%eth0") name an interface, not a host
                raise ValueError(text)
            address = ipaddress.IPv6Address(text)
        except ValueError as exc:
            raise OriginError("invalid IPv6 literal") from exc
        return f"[{address.compressed}]", True
    if not text:
        raise OriginError("URL has no host")
    try:
        host = text.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise OriginError("host is not a valid domain name") from exc
    host = host.removesuffix(".")  # "example.com." names the same DNS host
    labels = host.split(".")
    if not all(_LABEL.fullmatch(label) for label in labels):
        raise OriginError("host is not a valid domain name")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # Browsers read "127.1", "0x7f.0.0.1" or "2130706433" as IPv4; accept only the one
        # dotted-decimal spelling that Python and Chromium agree on.
        try:
            return str(ipaddress.IPv4Address(host)), True
        except ValueError as exc:
            raise OriginError("ambiguous IPv4 address") from exc
    return host, False


def _normalise_allowed_origin(text: str) -> str:
    parsed = _parse(text)
    if parsed.has_userinfo:
        raise ValueError(f"allowed origin must not contain user info: {redact_url(text)}")
    if parsed.scheme == "http" and not is_loopback_host(parsed.host):
        raise ValueError(f"http is only allowed on loopback, not {parsed.origin}")
    return parsed.origin


def _normalise_suffix(text: str) -> str:
    stripped = text.strip().removeprefix(".")
    try:
        host, is_ip = _normalise_host(stripped, bracketed=False)
    except OriginError as exc:
        raise ValueError(f"invalid host suffix {text!r}") from exc
    if is_ip or "." not in host:
        # ".cn" or ".com" would hand the token to a whole top-level domain.
        raise ValueError(f"host suffix must name a domain below a TLD: {text!r}")
    return f".{host}"
