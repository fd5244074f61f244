"""The OS keychain (keyring) for the client_secret and the refresh token of "remember me".

Where no keychain exists (a Linux box without Secret Service, keyring's fail backend)
nothing is remembered and the UI says so: never a plaintext fallback.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field

import keyring
import keyring.errors
from keyring.backends import fail

log = logging.getLogger(__name__)

SERVICE = "TechMICE Desktop"
# Windows Credential Manager stores at most 2560 bytes (1280 UTF-16 characters) per secret.
MAX_SECRET_CHARS = 1280


@dataclass(frozen=True)
class StoredSession:
    user_name: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False, default="")


class Keychain:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._probed: tuple[object, bool] | None = None

    def available(self) -> bool:
        """Whether a usable keychain exists; probed once per backend, since a probe may block."""
        backend = keyring.get_keyring()
        if self._probed is not None and self._probed[0] is backend:
            return self._probed[1]
        result = self._probe(backend)
        self._probed = (backend, result)
        return result

    def _probe(self, backend: object) -> bool:
        if isinstance(backend, fail.Keyring):
            return False
        try:
            keyring.get_password(self.service, "__probe__")
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            log.info("keychain unavailable: %s", type(exc).__name__)
            return False
        return True

    @staticmethod
    def _key(environment: str, what: str) -> str:
        return f"{environment}/{what}"

    def save(self, environment: str, session: StoredSession) -> bool:
        """True when the secret was stored. A too-long refresh token is skipped, not truncated."""
        if not self.available():
            return False
        if len(session.client_secret) > MAX_SECRET_CHARS:
            log.warning("client secret too long for the keychain; not remembering it")
            return False
        try:
            keyring.set_password(self.service, self._key(environment, "user"), session.user_name)
            keyring.set_password(self.service, self._key(environment, "client_secret"), session.client_secret)
            if session.refresh_token and len(session.refresh_token) <= MAX_SECRET_CHARS:
                keyring.set_password(self.service, self._key(environment, "refresh_token"), session.refresh_token)
            else:
                # Silent sign-in then uses the secret for a full sign-in instead of a refresh.
                self._delete(environment, "refresh_token")
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            log.warning("could not store the session in the keychain: %s", type(exc).__name__)
            return False
        return True

    def update_refresh_token(self, environment: str, refresh_token: str) -> None:
        if not refresh_token or len(refresh_token) > MAX_SECRET_CHARS:
            return
        try:
            if keyring.get_password(self.service, self._key(environment, "client_secret")) is None:
                return  # not remembered: do not start remembering behind the planner's back
            keyring.set_password(self.service, self._key(environment, "refresh_token"), refresh_token)
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            log.info("could not update the refresh token in the keychain: %s", type(exc).__name__)

    def load(self, environment: str) -> StoredSession | None:
        try:
            user = keyring.get_password(self.service, self._key(environment, "user"))
            secret = keyring.get_password(self.service, self._key(environment, "client_secret"))
            refresh = keyring.get_password(self.service, self._key(environment, "refresh_token"))
        except (keyring.errors.KeyringError, RuntimeError):
            return None
        if not user or not secret:
            return None
        return StoredSession(user_name=user, client_secret=secret, refresh_token=refresh or "")

    def _delete(self, environment: str, what: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(self.service, self._key(environment, what))

    def forget(self, environment: str) -> None:
        try:
            for what in ("user", "client_secret", "refresh_token"):
                self._delete(environment, what)
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            log.info("could not clear the keychain: %s", type(exc).__name__)
