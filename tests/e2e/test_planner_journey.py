"""A planner's first session, end to end: the real main window, real services, the sandbox.

Sign in through the login dialog, save a meeting in the Meetings section, drop a hotel list on
the Imports section and upload it, then open the 会引擎 App section and read, from the H5 page's
DOM, the meeting and the import just made: the token reached the page through the web view's
interceptor, and the page got its data from the same gateway.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton

from desktop_app.gateway import endpoints
from desktop_app.services.context import AppServices
from desktop_app.ui.app_page import EngineAppPage
from desktop_app.ui.main_window import MainWindow
from tests.support.qt_async import js, run, until

MEETING_NAME = "2026 华东区销售年会"


def drop_files(target: Any, paths: list[Path]) -> None:
    """Drag files from a file manager over ``target`` and drop them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    center = target.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(center, actions, mime, buttons, modifiers),
        QDragMoveEvent(center, actions, mime, buttons, modifiers),
        QDropEvent(QPointF(center), actions, mime, buttons, modifiers),
    ):
        QApplication.sendEvent(target, event)
        assert event.isAccepted()


def type_chinese(widget: Any, text: str) -> None:
    """Chinese reaches a field from the input method as a commit string."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


async def texts(page: Any, selector: str, attribute: str = "textContent") -> list[str]:
    """What the page shows for ``selector``; through JSON, as arrays do not cross as lists."""
    script = f"JSON.stringify([...document.querySelectorAll({selector!r})].map(e => e.{attribute}))"
    return json.loads(await js(page, script))


def click_section(qtbot: Any, window: MainWindow, row: int) -> None:
    sidebar = window.findChild(QListWidget, "sidebar")
    qtbot.mouseClick(
        sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(sidebar.item(row)).center()
    )


def test_first_session_meeting_import_and_app(
    qtbot: Any, qloop: Any, app_services: AppServices, tmp_path: Path
) -> None:
    hotels = tmp_path / "酒店名单.csv"
    hotels.write_text("酒店名称,城市\n和平饭店,上海市\n锦江饭店,上海市\n", encoding="utf-8")
    window = MainWindow(app_services)
    window.show()

    async def journey() -> None:
        # -- sign in, as a new planner would: the sandbox with the hinted demo tenant --
        start = asyncio.ensure_future(window.start())
        await until(lambda: window.login_dialog is not None)
        dialog = window.login_dialog
        qtbot.keyClicks(dialog.findChild(QLineEdit, "user_name"), "100001")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "client_secret"), "sandbox-secret")
        qtbot.mouseClick(dialog.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
        assert await start is True
        assert window.status_texts()["user"] == "Signed in as 100001"

        # -- save a meeting --
        meetings = window.pages["meetings"]
        form = meetings.form
        await until(form.region_picker.has_regions)
        type_chinese(form.name_edit, MEETING_NAME)
        form.type_combo.setFocus()
        type_chinese(form.type_combo.lineEdit(), "年会")
        province = form.region_picker.province_combo
        province.setCurrentIndex(province.findText("上海市"))
        await until(form.is_valid)
        qtbot.mouseClick(meetings.save_button, Qt.MouseButton.LeftButton)
        await until(lambda: form.mice_id() is not None)
        mice_id = form.mice_id()

        # -- drop one file on the Imports section and upload it --
        click_section(qtbot, window, 1)
        imports = window.pages["imports"]
        drop_files(imports.drop_zone, [hotels])
        await until(lambda: len(imports.queue_rows()) == 1)
        await until(imports.upload_button.isEnabled)
        qtbot.mouseClick(imports.upload_button, Qt.MouseButton.LeftButton)
        await until(lambda: imports.queue_rows()[0].state == "done")
        await until(lambda: window.status_texts()["pending"] == "Pending: 0")

        # -- the 会引擎 App shows them (Ctrl+3; it opens by itself the first time) --
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        app_page: EngineAppPage = window.pages["app"]
        await until(lambda: app_page.view is not None and app_page.view.page is not None)
        page = app_page.view.page
        script = "(e => e ? e.dataset.state : null)(document.getElementById('status'))"
        while await js(page, script) != "ready":
            await asyncio.sleep(0.05)
        assert await js(page, "document.body.dataset.auth") == "signed-in"
        assert await texts(page, ".meeting .meeting-name") == [MEETING_NAME]
        assert await texts(page, ".meeting", "dataset.miceId") == [mice_id]
        assert await texts(page, ".import .import-file") == [hotels.name]
        assert await js(page, "document.getElementById('user-employee').textContent") == "100001"

    try:
        qloop.run_until_complete(asyncio.wait_for(journey(), 60))
    finally:
        window.shutdown()  # web view and page before their profile

        async def settle() -> None:
            await asyncio.sleep(0.05)

        qloop.run_until_complete(settle())
        shiboken6.delete(window)


def test_app_section_shows_an_entry_failure_with_retry(
    qtbot: Any, qloop: Any, signed_in_services: AppServices, sandbox: Any
) -> None:
    """The gateway down when the app is opened: a message and Retry, then the app on retry."""
    window = MainWindow(signed_in_services)
    window.show()
    app_page: EngineAppPage = window.pages["app"]

    async def scenario() -> None:
        await window.start()
        sandbox.faults.inject("html502", path=endpoints.ENTRY, times=2)
        window.set_section("app")
        await until(lambda: app_page.error_text)
        assert "cannot understand" in app_page.error_text
        retry = app_page.findChild(QPushButton, "retry")
        assert retry.isVisible()
        await until(lambda: window.status_texts()["online"] == "● Offline")
        sandbox.faults.clear()
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        await until(lambda: app_page.entry_url is not None)
        assert window.status_texts()["online"] == "● Online"

    try:
        run(qloop, scenario)
    finally:
        window.shutdown()
        qloop.run_until_complete(asyncio.sleep(0.05))
        shiboken6.delete(window)


SMOKE_DRIVER = """
import asyncio, sys
from PySide6.QtWidgets import QPushButton
from desktop_app import app

async def drive(window, services):
    try:
        while window.login_dialog is None:
            await asyncio.sleep(0.05)
        dialog = window.login_dialog
        assert dialog.findChild(QPushButton, "sign_in").text() == "登录", "Chinese UI"
        dialog.findChild(QPushButton, "fill_demo").click()
        dialog.findChild(QPushButton, "sign_in").click()
        while services.session.signed_in is None:
            await asyncio.sleep(0.05)
        window.set_section("app")
        page = window.pages["app"]
        while page.entry_url is None:
            await asyncio.sleep(0.05)
        print("SIGNED-IN", services.session.signed_in.user_name, page.entry_url, flush=True)
    finally:
        window.close()

sys.exit(app.main(["--lang", "zh"], driver=drive))
"""


def test_the_app_starts_signs_in_to_the_embedded_sandbox_and_quits_cleanly(tmp_path: Path) -> None:
    """``techmice`` as a planner starts it: bootstrap, the embedded sandbox, the web view, quit.

    In a child process: the app owns its QApplication, loop, excepthook and log file, and a
    crash at quit (QtWebEngine and a second ``aboutToQuit``) must show as an exit code.
    """
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "TECHMICE_DATA_DIR": str(tmp_path / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    env.pop("TECHMICE_LANG", None)
    done = subprocess.run(
        [sys.executable, "-c", SMOKE_DRIVER], env=env, capture_output=True, text=True, timeout=90, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "SIGNED-IN 100001 http://127.0.0.1:" in done.stdout
    log_text = (tmp_path / "data" / "logs" / "techmice.log").read_text(encoding="utf-8")
    assert "embedded sandbox gateway at" in log_text
    assert "sandbox gateway at port" in log_text and "stopped" in log_text  # stopped at quit
    assert "bye" in log_text
    assert "sandbox-secret" not in log_text
    assert "Traceback" not in log_text
