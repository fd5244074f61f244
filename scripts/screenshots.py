"""Screenshots of the real app for docs/screenshots/, taken under Xvfb with a CJK font.

    uv run python scripts/screenshots.py [--out docs/screenshots] [--lang zh]

Starts a private X server (Xvfb, 1280x800x24, on a free display), then runs the real app
(``desktop_app.app.main``) in a child process with a driver that clicks through a first session
in the embedded sandbox and saves login.png (the dialog with the demo-tenant hint),
main-meetings.png (a saved meeting), main-imports.png (dropped files, mid-upload; imports.png
is the Imports tests' page-only shot) and app.png (the 会引擎 H5 app showing the saved
meeting), each of the whole window. Everything the app writes goes to a temporary data dir. ``QT_QPA_PLATFORM=xcb`` and
``QTWEBENGINE_DISABLE_SANDBOX=1`` (Chromium refuses to run as root otherwise) are set for the
child only; the shipped app never sets them.

To catch an upload in the middle, the sandbox environment is pointed at a small TCP relay in
front of the embedded sandbox that carries uploads at a fixed, slow rate.

Needs: apt packages xvfb and fonts-noto-cjk.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1280, 800)
UPLINK_BYTES_PER_SECOND = 1_000_000
MEETING = {
    "name": "2026 华东区销售年会",
    "type": "年会",
    "province": "上海市",
    "internal": 120,
    "external": 35,
    "description": "议程：开幕致辞、区域业绩回顾、新品发布、颁奖晚宴。场地：浦东嘉里大酒店 3 楼宴会厅。",
}
log = logging.getLogger("screenshots")


# -- the parent: an X server for the child ------------------------------------------------------


def free_display() -> int:
    for number in range(99, 160):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise SystemExit("no free X display number between :99 and :159")


def parent(args: argparse.Namespace) -> int:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb not found: apt-get install xvfb fonts-noto-cjk")
    number = free_display()
    width, height = SCREEN
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket_path = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket_path.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        with tempfile.TemporaryDirectory(prefix="techmice-shots-") as data_dir:
            env = {
                **os.environ,
                "DISPLAY": f":{number}",
                "QT_QPA_PLATFORM": "xcb",
                "QTWEBENGINE_DISABLE_SANDBOX": "1",
                "TECHMICE_DATA_DIR": data_dir,
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the real keychain
            }
            env.pop("TECHMICE_LANG", None)
            command = [sys.executable, str(Path(__file__).resolve()), "--child", "--out", str(args.out)]
            command += ["--lang", args.lang]
            return subprocess.run(command, env=env, cwd=ROOT, timeout=300).returncode
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


# -- the child: the real app, driven ------------------------------------------------------------


def write_lists(folder: Path) -> list[Path]:
    """A large hotel list (slow enough to photograph) and two small lists."""
    hotels = folder / "酒店名单-华东区.csv"
    line = "上海某某大酒店,上海市,浦东新区世纪大道 100 号,021-50000000\n"
    hotels.write_text("酒店名称,城市,地址,电话\n" + line * 160_000, encoding="utf-8")
    employees = folder / "员工名单.csv"
    employees.write_text("员工号,姓名\n200001,王芳\n200002,李强\n200003,赵敏\n", encoding="utf-8")
    fleet = folder / "车队.csv"
    fleet.write_text("车队,车牌\n浦东车队,沪A00001\n虹桥车队,沪A00002\n", encoding="utf-8")
    return [hotels, employees, fleet]


async def until(condition: Any, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def settle(seconds: float = 0.4) -> None:
    """Let the window system and Chromium paint before a shot."""
    await asyncio.sleep(seconds)


def shoot(widget: Any, path: Path) -> None:
    """The widget's area as the X server shows it (dialogs and web content included)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    frame = widget.frameGeometry()
    pixmap = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    if pixmap.isNull() or not pixmap.save(str(path)):
        raise RuntimeError(f"could not save {path}")
    print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)


def child(args: argparse.Namespace) -> int:
    from desktop_app import app as desktop
    from desktop_app.gateway.profile import BUILT_IN
    from desktop_app.sandbox.slow_link import SlowLink
    from desktop_app.services.session import embedded_sandbox
    from desktop_app.services.settings import Settings

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lists = write_lists(Path(os.environ["TECHMICE_DATA_DIR"]))
    sandbox = embedded_sandbox()
    uplink = SlowLink(sandbox.port, UPLINK_BYTES_PER_SECOND)
    # The sandbox environment, reached through the slow relay; still "Local sandbox" with its hint.
    Settings().save_profile(BUILT_IN[0].with_base_url(uplink.base_url))
    outcome: dict[str, BaseException | None] = {"error": None}

    async def drive(window: Any, services: Any) -> None:
        try:
            await scripted_session(window, services, out, lists)
        except BaseException as exc:
            outcome["error"] = exc
            logging.getLogger("screenshots").exception("screenshot run failed")
            raise
        finally:
            window.close()

    try:
        code = desktop.main(["--lang", args.lang], driver=drive)
    finally:
        uplink.close()
    if outcome["error"] is not None:
        print(f"FAILED: {type(outcome['error']).__name__}: {outcome['error']}", file=sys.stderr)
        return 1
    return code


async def scripted_session(window: Any, services: Any, out: Path, lists: list[Path]) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QInputMethodEvent
    from PySide6.QtWidgets import QApplication, QPushButton

    def type_text(widget: Any, text: str) -> None:
        # As an input method delivers it: Chinese cannot be typed key by key.
        widget.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    window.setGeometry(0, 0, *SCREEN)

    # -- login: the sandbox with its demo tenant hint, demo values filled in --
    await until(lambda: window.login_dialog is not None, what="the login dialog")
    dialog = window.login_dialog
    dialog.findChild(QPushButton, "fill_demo").click()
    await settle(0.8)
    shoot(dialog, out / "login.png")  # Xvfb has no window manager: no frame to set it apart
    dialog.findChild(QPushButton, "sign_in").click()
    await until(lambda: window.login_dialog is None and services.session.signed_in is not None, what="sign-in")

    # -- a meeting, saved --
    meetings = window.pages["meetings"]
    form = meetings.form
    await until(form.region_picker.has_regions, what="region data")
    type_text(form.name_edit, MEETING["name"])
    type_text(form.type_combo.lineEdit(), MEETING["type"])
    province = form.region_picker.province_combo
    province.setCurrentIndex(province.findText(MEETING["province"]))
    form.internal_spin.setValue(MEETING["internal"])
    form.external_spin.setValue(MEETING["external"])
    start = dt.date.today() + dt.timedelta(days=30)
    form.start_field.set_value(start)
    form.end_field.set_value(start + dt.timedelta(days=2))
    type_text(form.descr_edit, MEETING["description"])
    await until(form.is_valid, what="a valid meeting")
    meetings.save_button.click()
    await until(lambda: form.mice_id() is not None, what="the saved meeting's miceId")
    await settle(0.8)
    shoot(window, out / "main-meetings.png")

    # -- imports: three lists dropped, photographed while the big one uploads --
    window.set_section("imports")
    imports = window.pages["imports"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in lists])
    zone = imports.drop_zone
    centre = zone.rect().center()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    for event in (
        QDragEnterEvent(centre, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDragMoveEvent(centre, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDropEvent(QPointF(centre), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    ):
        QApplication.sendEvent(zone, event)
    await until(lambda: len(imports.queue_rows()) == len(lists), what="the dropped files")
    await until(imports.upload_button.isEnabled, what="the Upload button")
    imports.upload_button.click()
    first = imports.queue_rows()[0]
    size = lists[0].stat().st_size
    await until(lambda: first.state == "uploading" and first.sent >= size * 0.55, what="the upload to get going")
    await settle(0.3)
    shoot(window, out / "main-imports.png")  # imports.png is the Imports page's own shot
    await until(lambda: all(row.state == "done" for row in imports.queue_rows()), timeout=120, what="the uploads")

    # -- the 会引擎 app, showing the meeting just saved --
    window.set_section("app")
    app_page = window.pages["app"]
    await until(lambda: app_page.view is not None and app_page.view.page is not None, what="the app view")
    page = app_page.view.page
    state: list[Any] = []

    async def page_state() -> Any:
        state.clear()
        page.runJavaScript("(e => e ? e.dataset.state : null)(document.getElementById('status'))", 0, state.append)
        await until(lambda: state, what="the page's answer")
        return state[0]

    deadline = time.monotonic() + 30
    while await page_state() != "ready":
        if time.monotonic() > deadline:
            raise TimeoutError("the H5 page did not become ready")
        await asyncio.sleep(0.1)
    await settle(1.5)
    shoot(window, out / "app.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNG files")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out = str(Path(args.out).resolve())
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    sys.exit(main())
