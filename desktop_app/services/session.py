"""Signing in and staying signed in: one environment, one planner, one gateway client.

The embedded sandbox is started here, lazily, when the sandbox environment is used, so the
app works out of the box offline. "Remember me" puts the client_secret and refresh token in
the OS keychain; the other sign-in fields are remembered per environment in settings.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.gateway.client import GatewayClient
from desktop_app.gateway.errors import AuthError, GatewayError
from desktop_app.gateway.profile import GatewayProfile
from desktop_app.gateway.tokens import Credentials, TokenSet
from desktop_app.logging_setup import known_secrets
from desktop_app.services.keychain import Keychain, StoredSession
from desktop_app.services.settings import Settings
from desktop_app.storage import paths

if TYPE_CHECKING:
    from desktop_app.sandbox import SandboxServer

log = logging.getLogger(__name__)

_sandbox_lock = threading.Lock()
_sandbox: SandboxServer | None = None


def embedded_sandbox() -> SandboxServer:
    """The app's one in-process sandbox gateway, started on a free loopback port on first use."""
    global _sandbox
    with _sandbox_lock:
        if _sandbox is None:
            from desktop_app.sandbox import SandboxServer  # only when the sandbox is used

            server = SandboxServer(db_path=paths.sandbox_database_path())
            server.start()
            log.info("embedded sandbox gateway at %s", server.base_url)
            _sandbox = server
        return _sandbox


def stop_embedded_sandbox() -> None:
    global _sandbox
    with _sandbox_lock:
        if _sandbox is not None:
            _sandbox.stop()
            _sandbox = None


def resolve(profile: GatewayProfile) -> GatewayProfile:
    """The profile with a usable base URL (starts the sandbox for the sandbox environment)."""
    if profile.is_sandbox and not profile.base_url:
        return profile.with_base_url(embedded_sandbox().base_url)
    return profile


@dataclass(frozen=True)
class SignedIn:
    environment: str
    user_name: str
    user_id: str
    remembered: bool


class Session:
    """The signed-in state the app and the CLI share. Blocking methods: run them in the worker."""

    def __init__(self, settings: Settings, keychain: Keychain | None = None) -> None:
        self.settings = settings
        self.keychain = keychain or Keychain()
        self.client: GatewayClient | None = None
        self.profile: GatewayProfile | None = None
        self.signed_in: SignedIn | None = None
        self._remember = False

    def _on_tokens(self, tokens: TokenSet | None) -> None:
        if tokens is None:
            return
        known_secrets.add(tokens.access_token)
        known_secrets.add(tokens.refresh_token)
        if self._remember and self.profile is not None:
            self.keychain.update_refresh_token(self.profile.name, tokens.refresh_token)

    def _client(
        self, profile: GatewayProfile, credentials: Credentials, tokens: TokenSet | None = None
    ) -> GatewayClient:
        known_secrets.add(credentials.client_secret)
        if self.client is not None:
            self.client.close()
        self.profile = resolve(profile)
        self.client = GatewayClient(self.profile, credentials=credentials, tokens=tokens, on_tokens=self._on_tokens)
        return self.client

    def sign_in(self, profile: GatewayProfile, credentials: Credentials, *, remember: bool) -> SignedIn:
        client = self._client(profile, credentials)
        self._remember = remember
        tokens = client.sign_in(credentials)
        remembered = False
        if remember:
            remembered = self.keychain.save(
                profile.name, StoredSession(credentials.user_name, credentials.client_secret, tokens.refresh_token)
            )
        else:
            self.keychain.forget(profile.name)
        self.settings.remember_fields(
            profile.name,
            {
                "ent_id": credentials.ent_id,
                "user_name": credentials.user_name,
                "client_id": credentials.client_id,
                "remember": "1" if remembered else "",
            },
        )
        if self.settings.profile(profile.name) is not None:  # not an ad-hoc --base-url of the CLI
            self.settings.set("last_environment", profile.name)
        self.signed_in = SignedIn(profile.name, credentials.user_name, tokens.user_id, remembered)
        log.info("signed in to %s as %s", profile.name, credentials.user_name)
        return self.signed_in

    def restore(self, profile: GatewayProfile) -> SignedIn | None:
        """Silent sign-in from the keychain: refresh, else a full sign-in with the stored secret.

        Returns None when nothing is remembered; raises GatewayError when the gateway said no
        or could not be reached (the UI then shows the dialog, prefilled).
        """
        stored = self.keychain.load(profile.name)
        fields = self.settings.remembered_fields(profile.name)
        if stored is None or not fields.get("ent_id") or not fields.get("client_id"):
            return None
        credentials = Credentials(fields["ent_id"], stored.user_name, fields["client_id"], stored.client_secret)
        self._remember = True
        seed = TokenSet("", "Bearer", stored.refresh_token, "", 0.0) if stored.refresh_token else None
        client = self._client(profile, credentials, tokens=seed)
        known_secrets.add(stored.refresh_token)
        # A refusal here is not proof the secret is wrong: the contract's only error code is 500,
        # so an outage looks the same. Keep the keychain; a successful sign-in overwrites it and
        # "remember me" unticked removes it.
        tokens = client.renew(seed)
        self.settings.set("last_environment", profile.name)
        self.signed_in = SignedIn(profile.name, credentials.user_name, tokens.user_id, True)
        return self.signed_in

    def sign_out(self) -> None:
        if self.profile is not None:
            self.keychain.forget(self.profile.name)
            fields = self.settings.remembered_fields(self.profile.name)
            if fields:
                fields["remember"] = ""
                self.settings.remember_fields(self.profile.name, fields)
        if self.client is not None:
            self.client.close()
        self.client = None
        self.signed_in = None
        self._remember = False

    def require_client(self) -> GatewayClient:
        if self.client is None or self.signed_in is None:
            raise AuthError("not signed in")
        return self.client


__all__ = ["GatewayError", "Session", "SignedIn", "embedded_sandbox", "resolve", "stop_embedded_sandbox"]
