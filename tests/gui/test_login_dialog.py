"""The login dialog against the real sandbox gateway: typing, clicking, every kind of failure.

Each scenario runs as a coroutine on the qasync loop (``qloop``); the dialog is opened with
``ask_to_sign_in`` (``open()`` + a future, as the app does) and driven with qtbot.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)

from desktop_app.gateway import endpoints
from desktop_app.gateway.errors import NETWORK_DOWN
from desktop_app.gateway.profile import GatewayProfile
from desktop_app.services.background import Worker
from desktop_app.services.context import AppServices
from desktop_app.services.keychain import SERVICE
from desktop_app.services.session import Session
from desktop_app.storage.database import Database
from desktop_app.ui import i18n
from desktop_app.ui.environment_dialog import EnvironmentDialog
from desktop_app.ui.login_dialog import LoginDialog, ask_to_sign_in
from desktop_app.ui.main_window import MainWindow
from tests.support.qt_async import run, until

TIMEOUT = 20


def field(dialog: LoginDialog, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def button(dialog: LoginDialog, name: str) -> QPushButton:
    widget = dialog.findChild(QPushButton, name)
    assert widget is not None, name
    return widget


def type_into(qtbot: Any, dialog: LoginDialog, values: dict[str, str]) -> None:
    for name, value in values.items():
        edit = field(dialog, name)
        edit.clear()
        qtbot.keyClicks(edit, value)


async def open_dialog(services: AppServices, **options: Any) -> tuple[LoginDialog, asyncio.Task[Any]]:
    opened: list[LoginDialog] = []
    task = asyncio.ensure_future(ask_to_sign_in(services, None, on_open=opened.append, **options))
    await until(lambda: opened)
    return opened[0], task


async def close_dialog(dialog: LoginDialog, task: asyncio.Task[Any]) -> None:
    if not task.done():
        dialog.reject()
    await task


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_sign_in_by_typing_and_clicking(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        # The sandbox prefills the demo tenant's ent_id and client_id and shows the hint.
        assert field(dialog, "ent_id").text() == "ent-demo"
        assert field(dialog, "client_id").text() == "planner.desktop"
        hint = dialog.findChild(QFrame, "demo_hint")
        assert hint is not None and hint.isVisible()
        assert field(dialog, "client_secret").echoMode() == QLineEdit.EchoMode.Password

        type_into(qtbot, dialog, {"user_name": "100002", "client_secret": "sandbox-secret"})
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        await until(lambda: dialog.busy or task.done())
        signed_in = await task
        assert signed_in is not None
        assert signed_in.user_name == "100002"
        assert app_services.session.signed_in == signed_in
        # Non-secret fields are remembered per environment, the secret is not (remember off).
        remembered = app_services.settings.remembered_fields("sandbox")
        assert remembered["user_name"] == "100002"
        assert "sandbox-secret" not in app_services.settings.path.read_text(encoding="utf-8")

    run(qloop, scenario)


def test_fill_demo_values_then_sign_in(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        field(dialog, "ent_id").clear()
        qtbot.mouseClick(button(dialog, "fill_demo"), Qt.MouseButton.LeftButton)
        assert field(dialog, "ent_id").text() == "ent-demo"
        assert field(dialog, "user_name").text() == "100001"
        assert field(dialog, "client_secret").text() == "sandbox-secret"
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        signed_in = await task
        assert signed_in is not None and signed_in.user_name == "100001"

    run(qloop, scenario)


def test_wrong_secret_shows_message_and_keeps_typed_values(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        typed = {"ent_id": "ent-demo", "user_name": "100003", "client_id": "planner.desktop", "client_secret": "nope-1"}
        type_into(qtbot, dialog, typed)
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        await until(lambda: dialog.error_text)
        assert dialog.error_text.startswith("Sign-in failed")
        assert not task.done()
        assert not dialog.busy
        for name, value in typed.items():
            assert field(dialog, name).text() == value
            assert field(dialog, name).isEnabled()
        # Details for support: behind a toggle, never with the secret.
        details_button = dialog.findChild(QToolButton, "details_button")
        details = dialog.findChild(QPlainTextEdit, "details")
        assert details_button.isVisibleTo(dialog) and not details.isVisibleTo(dialog)
        qtbot.mouseClick(details_button, Qt.MouseButton.LeftButton)
        assert details.isVisibleTo(dialog)
        assert "sandbox" in details.toPlainText()
        assert "nope-1" not in details.toPlainText()
        assert app_services.session.signed_in is None
        await close_dialog(dialog, task)
        assert task.result() is None

    run(qloop, scenario)


def test_unknown_employee(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        type_into(qtbot, dialog, {"user_name": "999999", "client_secret": "sandbox-secret"})
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        await until(lambda: dialog.error_text)
        assert dialog.error_text.startswith("Sign-in failed")
        assert field(dialog, "user_name").text() == "999999"
        await close_dialog(dialog, task)

    run(qloop, scenario)


def test_missing_fields_are_named(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        field(dialog, "client_secret").clear()
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        assert dialog.error_text == "Please fill in: Employee no., Client secret."
        assert not dialog.busy
        await close_dialog(dialog, task)

    run(qloop, scenario)


def test_network_down_shows_network_message(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    app_services.settings.save_profile(
        GatewayProfile(name="offline", base_url=f"http://127.0.0.1:{closed_port()}", connect_timeout=2.0)
    )

    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="offline")
        assert dialog.profile().name == "offline"
        assert not dialog.findChild(QPushButton, "fill_demo").isVisibleTo(dialog)  # hint: sandbox only
        type_into(
            qtbot,
            dialog,
            {"ent_id": "ent-demo", "user_name": "100001", "client_id": "planner.desktop", "client_secret": "s3cret!"},
        )
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        await until(lambda: dialog.error_text)
        assert dialog.error_text == NETWORK_DOWN.en
        assert field(dialog, "client_secret").text() == "s3cret!"
        await close_dialog(dialog, task)

    run(qloop, scenario)


def test_gateway_down_shows_gateway_message(qtbot: Any, qloop: Any, app_services: AppServices, sandbox: Any) -> None:
    sandbox.faults.inject("html502", path=endpoints.TOKEN)

    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        type_into(qtbot, dialog, {"user_name": "100001", "client_secret": "sandbox-secret"})
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        await until(lambda: dialog.error_text)
        assert "cannot understand" in dialog.error_text
        details = dialog.findChild(QPlainTextEdit, "details").toPlainText()
        assert "502" in details
        await close_dialog(dialog, task)

    run(qloop, scenario)


def test_cancel_abandons_the_attempt_and_a_retry_works(
    qtbot: Any, qloop: Any, app_services: AppServices, sandbox: Any
) -> None:
    sandbox.faults.inject("latency", path=endpoints.TOKEN, times=1, seconds=1.0)

    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        type_into(qtbot, dialog, {"user_name": "100001", "client_secret": "sandbox-secret"})
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        assert dialog.busy
        assert not field(dialog, "user_name").isEnabled()
        assert not button(dialog, "sign_in").isEnabled()
        qtbot.mouseClick(button(dialog, "cancel"), Qt.MouseButton.LeftButton)
        assert not dialog.busy and dialog.isVisible()
        assert dialog.error_text == "Sign-in cancelled."
        assert field(dialog, "user_name").text() == "100001"
        # The late result of the abandoned attempt must not close the dialog: wait until that
        # attempt has really finished (the sandbox answered after its 1 s latency), then look.
        attempt = dialog._last_task
        assert attempt is not None and not attempt.done()
        await until(attempt.done, "the abandoned attempt to finish")
        await asyncio.sleep(0)
        assert not task.done() and dialog.isVisible()
        # Sign in again: waits for the old attempt if needed, then succeeds.
        field(dialog, "user_name").setText("100004")
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        signed_in = await task
        assert signed_in is not None and signed_in.user_name == "100004"
        assert app_services.session.signed_in.user_name == "100004"

    run(qloop, scenario)


def test_no_keychain_disables_remember_me(qtbot: Any, qloop: Any, app_services: AppServices, no_keyring: None) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        remember = dialog.findChild(QCheckBox, "remember")
        note = dialog.findChild(QLabel, "remember_note")
        assert not remember.isEnabled() and not remember.isChecked()
        assert note.text() == "No system keychain found: nothing will be remembered."
        await close_dialog(dialog, task)

    run(qloop, scenario)


def make_services(qloop: Any, settings: Any) -> AppServices:
    """A second start of the app: same settings and keychain, a fresh session."""
    return AppServices(
        settings=settings, session=Session(settings), db=Database(), worker=Worker(loop=qloop), language="en"
    )


def test_remember_me_then_silent_sign_in_next_start(
    qtbot: Any, qloop: Any, app_services: AppServices, memory_keyring: Any
) -> None:
    async def first_start() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        remember = dialog.findChild(QCheckBox, "remember")
        assert remember.isEnabled()
        type_into(qtbot, dialog, {"user_name": "100001", "client_secret": "sandbox-secret"})
        # On the box itself: the check box is as wide as the dialog, its label is not.
        qtbot.mouseClick(remember, Qt.MouseButton.LeftButton, pos=QPoint(8, remember.height() // 2))
        assert remember.isChecked()
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        signed_in = await task
        assert signed_in is not None and signed_in.remembered

    run(qloop, first_start)
    stored = {name: value for (service, name), value in memory_keyring.items.items() if service == SERVICE}
    assert stored["sandbox/client_secret"] == "sandbox-secret"
    assert stored["sandbox/refresh_token"]
    assert stored["sandbox/user"] == "100001"
    settings_text = app_services.settings.path.read_text(encoding="utf-8")
    assert "sandbox-secret" not in settings_text and stored["sandbox/refresh_token"] not in settings_text

    second = make_services(qloop, app_services.settings)
    window = MainWindow(second)
    qtbot.addWidget(window)

    async def second_start() -> None:
        assert await window.start() is True
        assert window.login_dialog is None  # silent: no dialog
        assert second.session.signed_in is not None and second.session.signed_in.user_name == "100001"
        assert window.status_texts()["user"] == "Signed in as 100001"

    try:
        run(qloop, second_start)
    finally:
        window.shutdown()
        second.close()


def test_failed_silent_sign_in_falls_back_to_prefilled_dialog(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, memory_keyring: Any, sandbox_profile: Any
) -> None:
    # Remembered from an earlier run, but the refresh token is stale and the secret changed.
    signed_in_services.session.sign_in(sandbox_profile, signed_in_services.session.client.credentials, remember=True)
    memory_keyring.items[(SERVICE, "sandbox/refresh_token")] = "stale-refresh-token"
    memory_keyring.items[(SERVICE, "sandbox/client_secret")] = "rotated-secret"
    second = make_services(qloop, signed_in_services.settings)
    window = MainWindow(second)
    qtbot.addWidget(window)

    async def scenario() -> None:
        start = asyncio.ensure_future(window.start())
        await until(lambda: window.login_dialog is not None and window.login_dialog.error_text)
        dialog = window.login_dialog
        assert dialog.error_text.startswith("Sign-in failed")
        reason = dialog.findChild(QLabel, "reason")
        assert reason.isVisible() and "could not be used" in reason.text()
        # Prefilled with the remembered fields. The keychain keeps the secret: a refusal cannot be
        # told from an outage (the contract has one error code), and an outage must not erase it.
        assert field(dialog, "ent_id").text() == "ent-demo"
        assert field(dialog, "user_name").text() == "100001"
        assert field(dialog, "client_id").text() == "planner.desktop"
        assert memory_keyring.items[(SERVICE, "sandbox/client_secret")] == "rotated-secret"
        type_into(qtbot, dialog, {"client_secret": "sandbox-secret"})
        qtbot.mouseClick(button(dialog, "sign_in"), Qt.MouseButton.LeftButton)
        assert await start is True
        assert second.session.signed_in is not None
        # The successful sign-in replaced the stale secret (or removed it, without "remember me").
        assert memory_keyring.items.get((SERVICE, "sandbox/client_secret")) != "rotated-secret"

    try:
        run(qloop, scenario)
    finally:
        window.shutdown()
        second.close()


def test_network_down_at_start_keeps_the_remembered_secret(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, memory_keyring: Any, sandbox_profile: Any, sandbox: Any
) -> None:
    signed_in_services.session.sign_in(sandbox_profile, signed_in_services.session.client.credentials, remember=True)
    sandbox.stop()
    second = make_services(qloop, signed_in_services.settings)
    window = MainWindow(second)
    qtbot.addWidget(window)

    async def scenario() -> None:
        start = asyncio.ensure_future(window.start())
        await until(lambda: window.login_dialog is not None and window.login_dialog.error_text)
        dialog = window.login_dialog
        assert dialog.error_text == NETWORK_DOWN.en
        # Not an authentication failure: the secret stays remembered and prefilled (masked,
        # and not revealable from the screen). It is read from the keychain off the UI thread.
        await until(lambda: field(dialog, "client_secret").text(), "the secret from the keychain")
        assert field(dialog, "client_secret").text() == "sandbox-secret"
        assert not dialog.findChild(QToolButton, "show_secret").isEnabled()
        assert dialog.findChild(QCheckBox, "remember").isChecked()
        dialog.reject()
        assert await start is False

    try:
        run(qloop, scenario)
    finally:
        window.shutdown()
        second.close()


def test_add_environment_from_the_dialog(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    async def scenario() -> None:
        dialog, task = await open_dialog(app_services, environment="sandbox")
        dialog._add_environment_action.trigger()
        editor = dialog.findChild(EnvironmentDialog)
        assert editor is not None and editor.isVisible()

        def edit(name: str) -> QLineEdit:
            return editor.findChild(QLineEdit, name)

        qtbot.keyClicks(edit("name"), "staging")
        qtbot.keyClicks(edit("base_url"), "http://gw.example.com")
        qtbot.mouseClick(editor.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
        assert editor.isVisible()  # plain http off this computer is refused, with the reason
        edit("base_url").setText("https://gw.example.com/")
        qtbot.keyClicks(edit("ent_id"), "ent-x")
        qtbot.keyClicks(edit("host_suffixes"), "example.com")
        qtbot.mouseClick(editor.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
        await until(lambda: dialog.profile() is not None and dialog.profile().name == "staging")
        profile = app_services.settings.profile("staging")
        assert profile.base_url == "https://gw.example.com"
        assert profile.allowed_host_suffixes == (".example.com",)
        assert field(dialog, "ent_id").text() == "ent-x"
        assert not dialog.findChild(QFrame, "demo_hint").isVisibleTo(dialog)
        await close_dialog(dialog, task)

    run(qloop, scenario)


def test_chinese_translation_is_loaded(qtbot: Any, qloop: Any, app_services: AppServices) -> None:
    app = QApplication.instance()
    translators = i18n.install_translators(app, "zh")
    try:
        assert len(translators) == 2
        assert QCoreApplication.translate("LoginDialog", "Sign in") == "登录"
        dialog = LoginDialog(app_services)
        qtbot.addWidget(dialog)
        assert dialog.findChild(QPushButton, "sign_in").text() == "登录"
        assert dialog.findChild(QPushButton, "cancel").text() == "取消"
    finally:
        i18n.remove_translators(app, translators)
    assert QCoreApplication.translate("LoginDialog", "Sign in") == "Sign in"


@pytest.mark.parametrize(
    ("setting", "override", "expected"),
    [("zh", None, "zh"), ("en", None, "en"), ("en", "zh", "zh"), ("zh-CN", None, "zh")],
)
def test_language_choice(
    app_services: AppServices, monkeypatch: pytest.MonkeyPatch, setting: str, override: str | None, expected: str
) -> None:
    monkeypatch.delenv(i18n.ENV_LANGUAGE, raising=False)
    app_services.settings.set(i18n.SETTING, setting)
    assert i18n.choose_language(app_services.settings, override) == expected
