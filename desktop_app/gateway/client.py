"""A typed, synchronous client for the eight endpoints of the 会引擎 gateway.

Blocking by design: the UI runs it in the worker pool, the CLI calls it directly. One
``requests.Session`` carries the OS trust store (truststore) so corporate CAs work, and TLS
verification is never turned off. Every call has explicit (connect, read) timeouts.
"""

from __future__ import annotations

import logging
import mimetypes
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import truststore
from requests.adapters import HTTPAdapter
from requests_toolbelt import MultipartEncoder, MultipartEncoderMonitor

from desktop_app import __version__
from desktop_app.gateway import endpoints, envelope, signing
from desktop_app.gateway.endpoints import ImportKind
from desktop_app.gateway.envelope import Reply
from desktop_app.gateway.errors import (
    CONNECTION_LOST,
    NETWORK_DOWN,
    TIMED_OUT,
    TLS_FAILED,
    AuthError,
    BusinessError,
    Cancelled,
    GatewayError,
    ProtocolError,
    SignInRefused,
    TransportError,
)
from desktop_app.gateway.meeting import Meeting
from desktop_app.gateway.profile import GatewayProfile, base_url_problem
from desktop_app.gateway.tokens import Credentials, TokenSet
from desktop_app.text import Text

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1  # seconds: about 10 Hz, enough for a smooth bar, cheap for the UI
# Refresh this long before a known expiry. Longer than the main window's 60 s online check,
# so the embedded H5 app (which reads the token per request) never holds an expired one.
REFRESH_MARGIN = 90.0
_CONNECT_RETRY_DELAY = 0.3

ProgressCallback = Callable[[int, int], None]


class NotDelivered(TransportError):
    """The connection was never established: the gateway cannot have seen the request."""


class MaybeDelivered(TransportError):
    """The request may have reached the gateway before the failure: the outcome is unknown."""


@dataclass(frozen=True)
class ImportResult:
    kind: ImportKind
    file_name: str
    size: int
    msg: str
    seconds: float


class _TrustStoreAdapter(HTTPAdapter):
    """Verifies certificates against the operating system's trust store."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().init_poolmanager(*args, **kwargs)


def new_http_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = True  # proxies from the environment, as corporate networks need
    session.verify = True
    session.mount("https://", _TrustStoreAdapter(max_retries=0))
    session.mount("http://", HTTPAdapter(max_retries=0))
    session.headers["User-Agent"] = f"TechMICE-Desktop/{__version__}"
    return session


def _transport_error(exc: requests.RequestException, what: str) -> TransportError:
    detail = f"{what}: {type(exc).__name__}: {exc}"
    if isinstance(exc, requests.exceptions.SSLError):
        return NotDelivered(TLS_FAILED, detail)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return NotDelivered(NETWORK_DOWN, detail)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return MaybeDelivered(TIMED_OUT, detail)
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = str(exc)
        if any(s in text for s in ("NewConnectionError", "NameResolutionError", "Failed to resolve", "refused")):
            return NotDelivered(NETWORK_DOWN, detail)
        return MaybeDelivered(CONNECTION_LOST, detail)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError):
        return MaybeDelivered(CONNECTION_LOST, detail)
    return MaybeDelivered(Text("网络请求失败。", "The network request failed."), detail)


class GatewayClient:
    """One signed-in conversation with one gateway.

    ``on_tokens`` is called (from whatever thread refreshed) whenever the token set changes,
    so the session service can keep the keychain's refresh token current.
    """

    def __init__(
        self,
        profile: GatewayProfile,
        *,
        credentials: Credentials | None = None,
        tokens: TokenSet | None = None,
        on_tokens: Callable[[TokenSet | None], None] | None = None,
        http: requests.Session | None = None,
    ) -> None:
        problem = base_url_problem(profile.base_url)
        if problem:
            raise ValueError(f"profile {profile.name!r}: {problem}")
        self.profile = profile
        self.credentials = credentials
        self._tokens = tokens
        self._on_tokens = on_tokens
        self._http = http or new_http_session()
        self._refresh_lock = threading.Lock()

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def tokens(self) -> TokenSet | None:
        return self._tokens

    def _set_tokens(self, tokens: TokenSet | None) -> None:
        self._tokens = tokens
        if self._on_tokens:
            self._on_tokens(tokens)

    def url(self, path: str) -> str:
        return self.profile.base_url.rstrip("/") + path

    def close(self) -> None:
        self._http.close()

    def _post(self, path: str, *, make_request: Callable[[], requests.Response]) -> requests.Response:
        """Send once; resend once only when the connection was never established."""
        for attempt in (1, 2):
            try:
                response = make_request()
                # Read the whole body here, so a connection dropped mid-body is a transport error.
                _ = response.content
                return response
            except requests.RequestException as exc:
                error = _transport_error(exc, f"POST {path}")
                dns = "resolve" in str(exc).lower()
                if isinstance(error, NotDelivered) and attempt == 1 and not dns and error.text is NETWORK_DOWN:
                    log.info("POST %s: connection not established, retrying once (%s)", path, type(exc).__name__)
                    time.sleep(_CONNECT_RETRY_DELAY)
                    continue
                log.warning("%s", error.detail)
                raise error from None
        raise AssertionError("unreachable")

    def _timeout(self, read: float | None = None) -> tuple[float, float]:
        return (self.profile.connect_timeout, read or self.profile.read_timeout)

    # -- token ------------------------------------------------------------------------------

    def _token_call(self, form: dict[str, str]) -> TokenSet:
        started = time.monotonic()
        response = self._post(
            endpoints.TOKEN,
            make_request=lambda: self._http.post(
                self.url(endpoints.TOKEN),
                data=form,
                headers={"Accept": "application/json"},
                timeout=self._timeout(),
                allow_redirects=False,
            ),
        )
        reply = envelope.parse_token_reply(
            response.status_code, response.content, response.headers.get("Content-Type", "")
        )
        tokens = TokenSet.from_reply(reply)
        log.info(
            "token call ok in %.0f ms (grant=%s)",
            1000 * (time.monotonic() - started),
            form.get("grant_type", "password"),
        )
        return tokens

    def sign_in(self, credentials: Credentials | None = None) -> TokenSet:
        """The signed token call with a fresh nounce (notes §1)."""
        credentials = credentials or self.credentials
        if credentials is None or credentials.missing():
            raise AuthError("no credentials", text=Text("请先登录。", "Please sign in."))
        fields = {
            "ent_id": credentials.ent_id,
            "user_name": credentials.user_name,
            "client_id": credentials.client_id,
            "nounce": str(uuid.uuid4()),
        }
        form = {
            **fields,
            "client_secret": credentials.client_secret,
            "signature": signing.sign(fields, credentials.client_secret, self.profile.scheme),
        }
        tokens = self._token_call(form)
        self.credentials = credentials
        self._set_tokens(tokens)
        return tokens

    def refresh(self) -> TokenSet:
        """IdentityServer-style refresh grant on the token endpoint (notes §2)."""
        tokens = self._tokens
        credentials = self.credentials
        if tokens is None or not tokens.refresh_token or credentials is None:
            raise AuthError("nothing to refresh")
        form = {
            "grant_type": "refresh_token",
            "refresh_token": tokens.refresh_token,
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
        }
        new = self._token_call(form)
        if not new.refresh_token:
            # Some servers keep the refresh token unchanged and omit it from the reply.
            new = TokenSet(new.access_token, new.token_type, tokens.refresh_token, new.user_id, new.expires_at)
        self._set_tokens(new)
        return new

    def renew(self, stale: TokenSet | None) -> TokenSet:
        """Single-flight renewal: refresh, else a full sign-in when the secret is at hand.

        ``stale`` is the token set the caller saw fail; if another thread already replaced
        it, that newer set is returned without a second call.
        """
        with self._refresh_lock:
            current = self._tokens
            if current is not None and current is not stale:
                return current
            try:
                return self.refresh()
            except (SignInRefused, AuthError, BusinessError, ProtocolError) as exc:
                log.info("refresh refused (%s); falling back to a full sign-in", type(exc).__name__)
            if self.credentials and not self.credentials.missing():
                return self.sign_in()
            self._set_tokens(None)
            raise AuthError("refresh failed and no credentials to sign in again")

    # -- authorised calls -------------------------------------------------------------------

    def _renew_before(self, path: str, stale: TokenSet | None) -> TokenSet:
        """Renew for a call to ``path``. A failure of the *token* call means ``path`` was not
        sent this time, whatever broke: callers (the meetings outbox) must not take a garbled
        token reply for a lost reply of their own request."""
        try:
            return self.renew(stale)
        except AuthError:
            raise
        except GatewayError as exc:
            raise NotDelivered(exc.text, f"token renewal before {path} failed: {exc.detail}") from exc

    def _authorized(
        self,
        path: str,
        send: Callable[
            [
                str,
            ],
            requests.Response,
        ],
        *,
        require_content: bool,
    ) -> Any:
        tokens = self._tokens
        if tokens is None:
            tokens = self._renew_before(path, None)
        elif tokens.expires_within(REFRESH_MARGIN):
            tokens = self._renew_before(path, tokens)
        for attempt in (1, 2):
            response = self._post(path, make_request=lambda t=tokens: send(t.authorization))
            try:
                return envelope.parse_envelope(
                    response.status_code,
                    response.content,
                    response.headers.get("Content-Type", ""),
                    require_content=require_content,
                )
            except AuthError:
                if attempt == 2:
                    raise
                log.info("POST %s: 401, renewing the token and retrying once", path)
                tokens = self._renew_before(path, tokens)
        raise AssertionError("unreachable")

    def _post_json(self, path: str, body: dict[str, Any], *, require_content: bool) -> Reply:
        return self._authorized(
            path,
            lambda auth: self._http.post(
                self.url(path),
                json=body,
                headers={"Authorization": auth, "Accept": "application/json"},
                timeout=self._timeout(),
                allow_redirects=False,
            ),
            require_content=require_content,
        )

    def get_entry(self) -> str:
        """The H5 app's URL, checked: https, or http on loopback only (notes §7)."""
        client_id = (self.credentials.client_id if self.credentials else "") or self.profile.client_id
        content = self._post_json(endpoints.ENTRY, {"clientId": client_id}, require_content=True).content
        if not isinstance(content, str):
            raise ProtocolError(f"entry content is {type(content).__name__}, not a URL string")
        problem = base_url_problem(content.strip())
        if problem:
            raise ProtocolError(f"entry URL refused ({problem})")
        return content.strip()

    def save_meeting(self, meeting: Meeting) -> str:
        """Create (no miceId) or edit (miceId) a meeting; returns the miceId."""
        payload = meeting.to_payload()
        content = self._post_json(endpoints.MEETING_SAVE, payload, require_content=not meeting.is_edit).content
        if meeting.is_edit and not content:
            return str(meeting.miceId)
        if not isinstance(content, str):
            raise ProtocolError(f"meeting save content is {type(content).__name__}, not a miceId")
        try:
            mice_id = str(uuid.UUID(content))
        except ValueError:
            raise ProtocolError(f"meeting save content is not a UUID: {content[:60]!r}") from None
        if meeting.is_edit and mice_id != meeting.miceId:
            raise ProtocolError(f"edit of {meeting.miceId} answered another miceId {mice_id}")
        return mice_id

    def import_file(
        self,
        kind: ImportKind,
        path: Path | str,
        *,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportResult:
        """Streams ``path`` as multipart in constant memory; cancellable from another thread."""
        path = Path(path)
        size = path.stat().st_size
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        started = time.monotonic()

        def send(auth: str) -> requests.Response:
            # A fresh encoder and file handle per attempt: a retry after 401 starts from byte 0.
            last_report = 0.0

            def report(monitor: MultipartEncoderMonitor) -> None:
                nonlocal last_report
                if cancel is not None and cancel.is_set():
                    raise Cancelled(f"import of {path.name} cancelled after {monitor.bytes_read} bytes")
                if on_progress is None:
                    return
                now = time.monotonic()
                done = monitor.bytes_read >= monitor.len
                if done or now - last_report >= PROGRESS_INTERVAL:
                    last_report = now
                    on_progress(min(monitor.bytes_read, monitor.len), monitor.len)

            with path.open("rb") as handle:
                encoder = MultipartEncoder(fields={self.profile.import_field: (path.name, handle, mime)})
                monitor = MultipartEncoderMonitor(encoder, report)
                if cancel is not None and cancel.is_set():
                    raise Cancelled("cancelled before the upload started")
                return self._http.post(
                    self.url(kind.path),
                    data=monitor,
                    headers={
                        "Authorization": auth,
                        "Content-Type": monitor.content_type,
                        "Accept": "application/json",
                    },
                    timeout=self._timeout(self.profile.upload_read_timeout),
                    allow_redirects=False,
                )

        reply = self._authorized(kind.path, send, require_content=False)
        # Success content is "" by contract; the gateway's msg (e.g. rows imported) is for the planner.
        return ImportResult(
            kind=kind,
            file_name=path.name,
            size=size,
            msg=reply.msg or (str(reply.content) if reply.content else ""),
            seconds=time.monotonic() - started,
        )


__all__ = [
    "AuthError",
    "BusinessError",
    "Cancelled",
    "GatewayClient",
    "GatewayError",
    "ImportResult",
    "MaybeDelivered",
    "NotDelivered",
    "ProtocolError",
    "TransportError",
    "new_http_session",
]
