"""The main window with the real pages and services against the sandbox gateway.

Sections and shortcuts, the status bar, a sign-in needed in the middle of work (the meeting
form keeps its contents and the meeting is sent after signing in again), and sign-out
(keychain entries and the web profile's cookies go).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QToolButton,
)

from desktop_app.services.context import AppServices
from desktop_app.services.keychain import SERVICE
from desktop_app.ui import i18n
from desktop_app.ui.app_page import EngineAppPage
from desktop_app.ui.login_dialog import LoginDialog
from desktop_app.ui.main_window import MainWindow
from tests.support.qt_async import js, run, until

TIMEOUT = 30


@pytest.fixture
def make_window(qtbot: Any, qloop: Any) -> Iterator[Callable[[AppServices], MainWindow]]:
    windows: list[MainWindow] = []

    def make(services: AppServices) -> MainWindow:
        # No Qt event processing here (no waitExposed): pages start tasks at once, and those
        # must run inside the scenario's run of the loop.
        window = MainWindow(services)
        window.show()
        windows.append(window)
        return window

    yield make

    async def close_all() -> None:
        for window in windows:
            window.shutdown()  # web view and page before their profile
            await asyncio.sleep(0.05)

    qloop.run_until_complete(close_all())
    for window in windows:
        shiboken6.delete(window)


async def wait_until_ready(page: Any, timeout: float = 15.0) -> None:
    """The sandbox H5 page sets #status to "ready" once its data has loaded."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    script = "(e => e ? e.dataset.state : null)(document.getElementById('status'))"
    while await js(page, script) != "ready":
        if loop.time() > deadline:
            raise AssertionError("the H5 page did not become ready")
        await asyncio.sleep(0.05)


async def sign_in_through_dialog(qtbot: Any, window: MainWindow, *, remember: bool = False) -> None:
    await until(lambda: window.login_dialog is not None)
    dialog: LoginDialog = window.login_dialog
    for name, value in (("user_name", "100001"), ("client_secret", "sandbox-secret")):
        edit = dialog.findChild(QLineEdit, name)
        edit.clear()
        qtbot.keyClicks(edit, value)
    box = dialog.findChild(QCheckBox, "remember")
    if box.isChecked() != remember:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(dialog.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
    await until(lambda: window.login_dialog is None)


def test_sections_switch_by_sidebar_and_shortcuts(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, make_window: Any
) -> None:
    window = make_window(signed_in_services)

    async def scenario() -> None:
        assert await window.start() is True
        assert window.current_section() == "meetings"
        sidebar = window.findChild(QListWidget, "sidebar")
        rect = sidebar.visualItemRect(sidebar.item(1))
        qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_section() == "imports"
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == "meetings"
        QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == "imports"
        # The App section opens the 会引擎 app by itself the first time it is shown.
        QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == "app"
        app_page: EngineAppPage = window.pages["app"]
        await until(lambda: app_page.view is not None and app_page.view.page is not None)
        await until(lambda: app_page.entry_url is not None)
        await until(lambda: window.status_texts()["online"] == "● Online")
        # F5 reloads the app; inside the web view the view's own Reload (also F5) takes over.
        sidebar.setFocus()
        assert window._reload_action.isEnabled()
        app_page.view.web_view.setFocus()
        await until(lambda: not window._reload_action.isEnabled())
        window.set_section("meetings")
        assert not window._reload_action.isEnabled()

    run(qloop, scenario)


def test_status_bar_shows_environment_user_and_pending(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, make_window: Any
) -> None:
    window = make_window(signed_in_services)

    async def scenario() -> None:
        await window.start()
        texts = window.status_texts()
        assert texts["environment"] == "Environment: Local sandbox"
        assert texts["user"] == "Signed in as 100001"
        assert texts["online"] == "● Online"
        assert texts["pending"] == "Pending: 0"
        assert "Local sandbox" in window.windowTitle()
        window.pages["imports"].pendingCountChanged.emit(2)
        window.pages["meetings"].pendingCountChanged.emit(1)
        assert window.status_texts()["pending"] == "Pending: 3"
        assert not window.findChild(QToolButton, "status_sign_in").isVisible()

    run(qloop, scenario)


async def saved_meetings(services: AppServices, sandbox: Any) -> list[dict[str, Any]]:
    """What the gateway stored for the planner, read through the sandbox's H5 API."""
    tokens = services.session.client.tokens

    def fetch() -> list[dict[str, Any]]:
        reply = requests.get(
            f"{sandbox.base_url}/h5/api/meetings", headers={"Authorization": tokens.authorization}, timeout=5
        )
        reply.raise_for_status()
        return reply.json()["content"]

    return await services.worker.run(fetch)


def type_chinese(widget: Any, text: str) -> None:
    """Chinese arrives through the input method as a commit string (QTest only types Latin-1)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def fill_meeting(qtbot: Any, page: Any, name: str) -> None:
    form = page.form
    type_chinese(form.name_edit, name)
    form.type_combo.setEditText("培训")
    form.type_combo.lineEdit().textEdited.emit("培训")
    province = form.region_picker.province_combo
    province.setCurrentIndex(province.findText("上海市"))


def test_sign_in_required_mid_work_keeps_the_form_and_sends_after_sign_in(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, make_window: Any, sandbox: Any
) -> None:
    window = make_window(signed_in_services)
    page = window.pages["meetings"]

    async def scenario() -> None:
        await window.start()
        await until(lambda: page.form.region_picker.has_regions())
        fill_meeting(qtbot, page, "年度销售大会")
        await until(lambda: page.form.is_valid())
        # The gateway now refuses every token: the save needs a new sign-in.
        sandbox.faults.inject("expired_token")
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        await until(lambda: window.login_dialog is not None)
        dialog = window.login_dialog
        reason = dialog.findChild(QLabel, "reason")
        assert reason.isVisible() and "session has expired" in reason.text()
        assert "sign-in needed" in window.status_texts()["user"]
        # Work in progress is kept while the dialog is up.
        assert page.form.name_edit.text() == "年度销售大会"
        assert dialog.findChild(QLineEdit, "user_name").text() == "100001"  # prefilled
        sandbox.faults.clear()
        await sign_in_through_dialog(qtbot, window)
        assert window.status_texts()["user"] == "Signed in as 100001"
        # The meeting queued during the expiry is sent after the sign-in, the form intact.
        await until(lambda: page.form.mice_id() is not None)
        assert page.form.name_edit.text() == "年度销售大会"
        assert page.current_record().state == "saved"
        assert [m["name"] for m in await saved_meetings(signed_in_services, sandbox)] == ["年度销售大会"]

    run(qloop, scenario)


def test_sign_out_clears_keychain_and_shows_the_dialog(
    qtbot: Any, qloop: Any, app_services: AppServices, make_window: Any, memory_keyring: Any
) -> None:
    window = make_window(app_services)

    async def scenario() -> None:
        start = asyncio.ensure_future(window.start())
        await sign_in_through_dialog(qtbot, window, remember=True)
        assert await start is True
        assert (SERVICE, "sandbox/client_secret") in memory_keyring.items
        window._sign_out_action.trigger()
        await until(lambda: window.login_dialog is not None)
        assert app_services.session.signed_in is None
        assert not [key for key in memory_keyring.items if key[0] == SERVICE and key[1].startswith("sandbox/")]
        assert app_services.settings.remembered_fields("sandbox")["remember"] == ""
        assert window.status_texts()["user"] == "Not signed in"
        # Closing the dialog leaves the window signed out, with a way back in.
        window.login_dialog.reject()
        await until(lambda: window.login_dialog is None)
        assert window.findChild(QToolButton, "status_sign_in").isVisible()
        assert not window._sign_out_action.isEnabled()

    run(qloop, scenario)


def test_sign_out_clears_the_web_profile_cookies(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, make_window: Any
) -> None:
    window = make_window(signed_in_services)
    app_page: EngineAppPage = window.pages["app"]

    async def open_app() -> Any:
        window.set_section("app")
        await until(lambda: app_page.view is not None and app_page.view.page is not None)
        page = app_page.view.page
        await wait_until_ready(page)
        return page

    async def scenario() -> None:
        await window.start()
        page = await open_app()
        assert await js(page, "document.body.dataset.auth") == "signed-in"  # the header reached it
        await js(page, "document.cookie = 'planner=100001; max-age=3600; path=/'")
        assert "planner=100001" in await js(page, "document.cookie")
        window._sign_out_action.trigger()
        await until(lambda: window.login_dialog is not None)
        assert app_page.view.page.url().toString() == "about:blank"  # their page is gone
        await sign_in_through_dialog(qtbot, window)
        page = await open_app()
        assert "planner=" not in await js(page, "document.cookie")

    run(qloop, scenario, timeout=60)


def test_layout_and_section_are_remembered(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, make_window: Any
) -> None:
    async def scenario() -> None:
        first = make_window(signed_in_services)
        first.resize(720, 520)  # the offscreen screen is 800 x 600
        first.set_section("imports")
        await asyncio.sleep(0.05)
        first.close()  # closing saves the layout and asks the app to quit
        stored = signed_in_services.settings.get("window")
        assert stored["section"] == 1 and stored["geometry"]
        second = make_window(signed_in_services)
        await asyncio.sleep(0.05)
        assert second.current_section() == "imports"
        assert (second.width(), second.height()) == (720, 520)

    run(qloop, scenario)


def test_language_menu_stores_the_choice(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, make_window: Any
) -> None:
    async def scenario() -> None:
        window = make_window(signed_in_services)
        actions = {a.text(): a for a in window._language_group.actions()}
        assert set(actions) == {"中文", "English", "Follow system"}
        actions["中文"].trigger()
        assert signed_in_services.settings.get(i18n.SETTING) == "zh"
        note = window.findChild(QMessageBox)
        assert note is not None and "next time" in note.text()
        note.close()
        actions["Follow system"].trigger()
        assert signed_in_services.settings.get(i18n.SETTING) == ""

    run(qloop, scenario)
