"""Fixtures shared by every test: a temporary data dir and an in-memory keychain.

Tests never touch a planner's real data: TECHMICE_DATA_DIR points every file the app writes
at a temporary folder (qutebrowser's --temp-basedir idea).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

# Set before any Qt import anywhere in the test session (tests only, never the shipped app).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("TECHMICE_LANG", "en")


class MemoryKeyring(KeyringBackend):
    """A dict keychain; priority < 0 so it never becomes anyone's default by registration."""

    priority = -10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TECHMICE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


# -- the sandbox gateway and the app's services, for integration and GUI tests ---------------


@pytest.fixture
def sandbox() -> Iterator[object]:
    """A real sandbox gateway on a free loopback port, in-memory SQLite, per test."""
    from desktop_app.sandbox import SandboxServer

    server = SandboxServer()
    server.start()
    yield server
    server.stop()


DEMO_USER = "100001"


@pytest.fixture
def demo_credentials() -> object:
    from desktop_app.gateway.tokens import Credentials

    return Credentials("ent-demo", DEMO_USER, "planner.desktop", "sandbox-secret")


@pytest.fixture
def sandbox_profile(sandbox: object) -> object:
    """The built-in sandbox profile pointed at this test's sandbox (not the app's embedded one)."""
    from desktop_app.gateway.profile import BUILT_IN

    return BUILT_IN[0].with_base_url(sandbox.base_url)  # type: ignore[attr-defined]


@pytest.fixture
def client(sandbox_profile: object, demo_credentials: object) -> Iterator[object]:
    """A signed-in GatewayClient against the test's sandbox."""
    from desktop_app.gateway.client import GatewayClient

    gateway = GatewayClient(sandbox_profile, credentials=demo_credentials)  # type: ignore[arg-type]
    gateway.sign_in()
    yield gateway
    gateway.close()


@pytest.fixture
def qloop(qapp: object) -> Iterator[object]:
    """A qasync loop on the test's QApplication, set as the current event loop.

    Drive a scenario with ``qloop.run_until_complete(asyncio.wait_for(scenario(), 10))``;
    never ``qtbot.waitSignal`` inside a coroutine (it nests loops; see testing.md).
    """
    import asyncio

    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    # Let finished tasks release their Qt objects before the next test.
    loop.run_until_complete(asyncio.sleep(0))
    asyncio.set_event_loop(None)
    loop.close()


@pytest.fixture
def app_services(qloop: object, sandbox_profile: object, memory_keyring: object) -> Iterator[object]:
    """The app's services on a temp data dir, the sandbox environment pointed at the test sandbox."""
    from desktop_app.services.background import Worker
    from desktop_app.services.context import AppServices
    from desktop_app.services.session import Session
    from desktop_app.services.settings import Settings
    from desktop_app.storage.database import Database

    settings = Settings()
    settings.save_profile(sandbox_profile)  # type: ignore[arg-type]
    services = AppServices(
        settings=settings, session=Session(settings), db=Database(), worker=Worker(loop=qloop), language="en"
    )
    yield services
    services.close()


@pytest.fixture
def signed_in_services(app_services: object, sandbox_profile: object, demo_credentials: object) -> object:
    app_services.session.sign_in(sandbox_profile, demo_credentials, remember=False)  # type: ignore[attr-defined]
    return app_services
