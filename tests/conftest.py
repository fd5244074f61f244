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


def _drop_about_to_quit_receivers() -> None:
    from PySide6.QtCore import SIGNAL, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    # Not app.aboutToQuit.disconnect(): PySide6 miscounts references to the bool it returns.
    QObject.disconnect(app, SIGNAL("aboutToQuit()"), None, None)
    app.aboutToQuit.connect(_drop_about_to_quit_receivers)


_about_to_quit_guarded: set[int] = set()


@pytest.fixture
def qloop(qapp: object) -> Iterator[object]:
    """A qasync loop on the test's QApplication, set as the current event loop.

    Drive a scenario with ``qloop.run_until_complete(asyncio.wait_for(scenario(), 10))``;
    never ``qtbot.waitSignal`` inside a coroutine (it nests loops; see testing.md).

    Three things the app does once and tests do many times are made safe here:
    - every ``run_until_complete`` is an ``exec()`` that ends with ``aboutToQuit``; QtWebEngine
      connects to it on first use and segfaults on a second emission, so each emission first
      disconnects every receiver (the app runs its loop once: ``app.main``);
    - closing the last window or dialog must not end the loop under the test;
    - the closed loop sits in a reference cycle with Qt timers: collect it here, on the main
      thread, not in whichever sandbox or worker thread happens to allocate next.
    """
    import asyncio
    import gc

    import qasync

    if id(qapp) not in _about_to_quit_guarded:
        _about_to_quit_guarded.add(id(qapp))
        qapp.aboutToQuit.connect(_drop_about_to_quit_receivers)  # type: ignore[attr-defined]
    quit_on_last = qapp.quitOnLastWindowClosed()  # type: ignore[attr-defined]
    qapp.setQuitOnLastWindowClosed(False)  # type: ignore[attr-defined]
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    # Let finished tasks release their Qt objects before the next test.
    loop.run_until_complete(asyncio.sleep(0))
    asyncio.set_event_loop(None)
    loop.close()
    qapp.setQuitOnLastWindowClosed(quit_on_last)  # type: ignore[attr-defined]
    gc.collect()


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
