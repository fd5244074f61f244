"""The Imports page against a real sandbox gateway: synthetic drops, real uploads, real files.

Files are dropped with constructed QDragEnterEvent/QDragMoveEvent/QDropEvent, exactly what Qt
delivers for a drag from a file manager. Uploads go over loopback to the test's sandbox; what
the sandbox received is read back from its H5 API with the planner's bearer token.

The sandbox's ``slow_upload`` fault slows how fast the gateway *reads* a body, but waitress
buffers a whole request before the app reads it, so the client's bytes all leave at once and
only the answer is late. To see an upload in the middle of sending (to cancel it, or to take
the screenshot) the tests put a slow network between app and gateway instead: ``SlowLink``, a
loopback TCP relay that carries the app's bytes at a fixed rate.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import requests
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop_app.gateway.endpoints import ImportKind
from desktop_app.sandbox.slow_link import SlowLink
from desktop_app.services import imports
from desktop_app.ui.drop_zone import DropZone
from desktop_app.ui.import_queue import (
    CANCELLED,
    COL_STATUS,
    DONE,
    FAILED,
    UPLOADING,
    WAITING,
    ImportRow,
)
from desktop_app.ui.imports_page import ImportsPage
from tests.support.qt_async import run, until

# --- files -------------------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    lines = [",".join(header), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def big_csv(path: Path, megabytes: float) -> Path:
    """A hotel list of about ``megabytes`` MB (the sandbox counts its rows)."""
    line = "上海某某大酒店,上海市,浦东新区某某路 1 号,021-00000000\n"
    count = int(megabytes * 1024 * 1024 / len(line.encode()))
    path.write_text("酒店名称,城市,地址,电话\n" + line * count, encoding="utf-8")
    return path


def five_lists(folder: Path) -> dict[str, tuple[Path, ImportKind]]:
    """One list of each kind, named as planners name them."""
    return {
        "employees": (
            write_csv(folder / "员工名单.csv", ["员工号", "姓名"], [["200001", "王芳"], ["200002", "李强"]]),
            ImportKind.EMPLOYEES,
        ),
        "restaurants": (
            write_xlsx(folder / "restaurants.xlsx", ["餐厅名称", "城市"], [["老正兴", "上海市"], ["全聚德", "北京市"]]),
            ImportKind.RESTAURANTS,
        ),
        "hospitals": (
            write_csv(folder / "医院.csv", ["医院名称", "城市"], [["瑞金医院", "上海市"]]),
            ImportKind.HOSPITALS,
        ),
        "car_fleets": (
            write_csv(folder / "车队.csv", ["车队", "车牌"], [["浦东车队", "沪A00001"]]),
            ImportKind.CAR_FLEETS,
        ),
        "hotels": (
            write_csv(folder / "hotel-list.csv", ["酒店名称", "城市"], [["和平饭店", "上海市"]]),
            ImportKind.HOTELS,
        ),
    }


# --- synthetic drag and drop -------------------------------------------------------------------


def file_mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drop(zone: DropZone, paths: list[Path]) -> None:
    """Drag ``paths`` over the zone and drop them, as a file manager would (proposing a move)."""
    mime = file_mime(paths)
    center = zone.rect().center()  # QDragEnter/MoveEvent take a QPoint, QDropEvent a QPointF
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(center, actions, mime, buttons, modifiers)
    QApplication.sendEvent(zone, enter)
    assert enter.isAccepted()
    assert enter.dropAction() == Qt.DropAction.CopyAction  # never a move: the planner keeps the file
    assert zone.dragging  # highlighted while the drag hovers
    move = QDragMoveEvent(center, actions, mime, buttons, modifiers)
    QApplication.sendEvent(zone, move)
    assert move.isAccepted()
    dropped = QDropEvent(QPointF(center), actions, mime, buttons, modifiers)
    QApplication.sendEvent(zone, dropped)
    assert dropped.isAccepted()
    assert dropped.dropAction() == Qt.DropAction.CopyAction
    assert not zone.dragging


# --- a slow network between the app and the gateway --------------------------------------------


@pytest.fixture
def slow_link(sandbox: Any) -> Iterator[SlowLink]:
    link = SlowLink(sandbox.port, rate=1_000_000)
    yield link
    link.close()


@pytest.fixture
def services_via_slow_link(app_services: Any, sandbox_profile: Any, demo_credentials: Any, slow_link: SlowLink) -> Any:
    app_services.session.sign_in(sandbox_profile.with_base_url(slow_link.base_url), demo_credentials, remember=False)
    return app_services


# --- helpers ---------------------------------------------------------------------------------------


def make_page(qtbot: Any, services: Any) -> ImportsPage:
    page = ImportsPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.on_signed_in()
    return page


def status_of(page: ImportsPage, row: ImportRow) -> str:
    return page.queue_table.item(page.queue_rows().index(row), COL_STATUS).text()


def tooltip_of(page: ImportsPage, row: ImportRow) -> str:
    return page.queue_table.item(page.queue_rows().index(row), COL_STATUS).toolTip()


def row_named(page: ImportsPage, name: str) -> ImportRow:
    return next(row for row in page.queue_rows() if row.name == name)


def sandbox_imports(sandbox: Any, services: Any) -> list[dict[str, Any]]:
    """What the gateway received, from the sandbox's H5 API (as the 会引擎 app would list it)."""
    reply = requests.get(
        f"{sandbox.base_url}/h5/api/imports",
        headers={"Authorization": services.session.client.tokens.authorization},
        timeout=5,
    )
    reply.raise_for_status()
    return reply.json()["content"]


def history_of(services: Any) -> list[imports.ImportRecord]:
    return services.import_history().recent()


# --- tests ----------------------------------------------------------------------------------------


def test_one_dropped_list_of_each_kind_is_uploaded(
    qtbot: Any, qloop: Any, signed_in_services: Any, sandbox: Any, tmp_path: Path
) -> None:
    lists = five_lists(tmp_path)
    page = make_page(qtbot, signed_in_services)
    pending: list[int] = []
    page.pendingCountChanged.connect(pending.append)

    async def scenario() -> None:
        drop(page.drop_zone, [path for path, _ in lists.values()])
        await until(lambda: len(page.queue_rows()) == 5, "five rows are queued")
        # The kind was guessed from each name, in Chinese and in English.
        for path, kind in lists.values():
            row = row_named(page, path.name)
            assert row.kind is kind
            assert row.kind_box.currentData() is kind
            assert status_of(page, row) == "Ready to upload"
        assert page.upload_button.isEnabled()
        assert pending[-1] == 5
        assert not page.notice.isVisible()

        qtbot.mouseClick(page.upload_button, Qt.MouseButton.LeftButton)
        await until(lambda: page.uploading, "the queue runs")
        # One at a time: never two rows uploading together.
        while page.uploading:
            assert sum(row.state == UPLOADING for row in page.queue_rows()) <= 1
            await asyncio.sleep(0.005)
        assert [row.state for row in page.queue_rows()] == [DONE] * 5
        for row in page.queue_rows():
            assert status_of(page, row).startswith("Imported")
            assert row.bar.value() == row.bar.maximum()
        await until(lambda: page.history_table.rowCount() == 5, "the history shows five imports")

    run(qloop, scenario)
    assert pending[-1] == 0
    assert not page.upload_button.isEnabled()
    history = history_of(signed_in_services)
    assert [record.state for record in history] == [imports.DONE] * 5
    assert {(record.file_name, record.kind) for record in history} == {
        (path.name, kind) for path, kind in lists.values()
    }
    received = sandbox_imports(sandbox, signed_in_services)
    assert {(item["filename"], item["kind"]) for item in received} == {
        (path.name, kind.slug) for path, kind in lists.values()
    }
    for item in received:
        assert item["size"] == (tmp_path / item["filename"]).stat().st_size
    # The history table speaks the planner's language (kind names in English here).
    kinds_shown = {page.history_table.item(i, 1).text() for i in range(5)}
    assert kinds_shown == {kind.display_name("en") for kind in ImportKind}


def test_kind_can_be_changed_and_a_nameless_list_waits_for_one(
    qtbot: Any, qloop: Any, signed_in_services: Any, sandbox: Any, tmp_path: Path
) -> None:
    unknown = write_csv(tmp_path / "list-2024.csv", ["名称", "城市"], [["和平饭店", "上海市"]])
    misnamed = write_csv(tmp_path / "restaurants.csv", ["医院名称"], [["华山医院"]])
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [unknown, misnamed])
        await until(lambda: len(page.queue_rows()) == 2, "two rows are queued")
        waiting, guessed = row_named(page, unknown.name), row_named(page, misnamed.name)
        assert waiting.kind is None
        assert waiting.kind_box.currentData() is None
        assert "Choose what this list is" in status_of(page, waiting)
        assert "Choose a kind for: 1" in page.summary_label.text()
        assert guessed.kind is ImportKind.RESTAURANTS
        # The planner corrects the guess before uploading.
        guessed.kind_box.setCurrentIndex(guessed.kind_box.findData(ImportKind.HOSPITALS))
        assert guessed.kind is ImportKind.HOSPITALS

        page.upload_button.click()
        await until(lambda: guessed.state == DONE and not page.uploading, "the list with a kind is uploaded")
        assert waiting.state == WAITING  # skipped, not failed
        assert not page.upload_button.isEnabled()

        waiting.kind_box.setCurrentIndex(waiting.kind_box.findData(ImportKind.HOTELS))
        assert status_of(page, waiting) == "Ready to upload"
        assert page.upload_button.isEnabled()
        page.upload_button.click()
        await until(lambda: waiting.state == DONE and not page.uploading, "the second list is uploaded")
        assert not waiting.kind_box.isEnabled()  # the kind of an imported file is history

    run(qloop, scenario)
    received = {item["filename"]: item["kind"] for item in sandbox_imports(sandbox, signed_in_services)}
    assert received == {misnamed.name: ImportKind.HOSPITALS.slug, unknown.name: ImportKind.HOTELS.slug}


def test_wrong_files_are_refused_at_the_drop_with_reasons(
    qtbot: Any, qloop: Any, signed_in_services: Any, sandbox: Any, tmp_path: Path
) -> None:
    pdf = tmp_path / "hotel-brochure.pdf"
    pdf.write_bytes(b"%PDF-1.7 not a list")
    empty = tmp_path / "员工名单-empty.csv"
    empty.write_bytes(b"")
    folder = tmp_path / "hospitals"
    folder.mkdir()
    good = write_csv(tmp_path / "hotels.csv", ["酒店名称"], [["和平饭店"]])
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [pdf, empty, folder, good])
        await until(lambda: page.notice.isVisible(), "the refusals are shown")
        text = page.notice_label.text()
        assert "nothing was uploaded" in text
        assert f"{pdf.name}: Unsupported file type" in text
        assert f"{empty.name}: The file is empty." in text
        assert f"{folder.name}: This is a folder" in text
        assert [row.name for row in page.queue_rows()] == [good.name]  # the good file is still taken
        # Dropping the same good file again does not queue it twice.
        drop(page.drop_zone, [good])
        await until(lambda: "already in the queue" in page.notice_label.text(), "the double is refused")
        assert len(page.queue_rows()) == 1
        page.notice_close.click()
        assert not page.notice.isVisible()
        # A file that was not sent yet can be taken off the list.
        row = page.queue_rows()[0]
        assert row.button.text() == "Remove"
        row.button.click()
        assert page.queue_rows() == []
        assert page.queue_table.rowCount() == 0

    run(qloop, scenario)
    assert sandbox_imports(sandbox, signed_in_services) == []
    assert history_of(signed_in_services) == []


def test_a_drag_without_local_files_is_not_accepted(qtbot: Any, signed_in_services: Any) -> None:
    zone = DropZone()
    qtbot.addWidget(zone)
    mime = QMimeData()
    mime.setText("员工名单.csv")
    mime.setUrls([QUrl("https://example.com/hotels.xlsx")])
    enter = QDragEnterEvent(
        zone.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(zone, enter)
    assert not enter.isAccepted()
    assert not zone.dragging
    # A drag that enters and leaves again leaves no highlight behind.
    files = file_mime([Path(__file__)])
    enter = QDragEnterEvent(
        zone.rect().center(),
        Qt.DropAction.CopyAction,
        files,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(zone, enter)
    assert zone.dragging
    QApplication.sendEvent(zone, QDragLeaveEvent())
    assert not zone.dragging


def test_cancel_in_the_middle_of_an_upload(
    qtbot: Any, qloop: Any, services_via_slow_link: Any, sandbox: Any, tmp_path: Path
) -> None:
    big = big_csv(tmp_path / "酒店-全国.csv", megabytes=12)
    services = services_via_slow_link
    page = make_page(qtbot, services)

    async def scenario() -> None:
        drop(page.drop_zone, [big])
        await until(lambda: len(page.queue_rows()) == 1, "the row is queued")
        row = page.queue_rows()[0]
        page.upload_button.click()
        # Beyond what the operating system buffers, and well short of the end.
        await until(lambda: row.state == UPLOADING and row.sent > 4_000_000, "the upload is under way")
        assert row.sent < row.total
        assert " / " in row.bar.format() and "/s" in row.bar.format()
        assert 0 < row.bar.value() < row.bar.maximum()
        assert row.button.text() == "Cancel" and row.button.isEnabled()
        qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
        await until(lambda: row.state == CANCELLED, "the row is cancelled", timeout=5)
        assert status_of(page, row) == "Cancelled"
        assert row.button.text() == "Retry"
        assert "Stopped at" in row.bar.format()
        await until(lambda: page.history_table.rowCount() == 1, "the history shows the cancelled import")
        assert page.history_table.item(0, 4).text() == "Cancelled"

    run(qloop, scenario)
    assert [record.state for record in history_of(services)] == [imports.CANCELLED]
    assert sandbox_imports(sandbox, services) == []


def test_a_file_that_reached_the_gateway_can_no_longer_be_cancelled(
    qtbot: Any, qloop: Any, signed_in_services: Any, sandbox: Any, tmp_path: Path
) -> None:
    # The gateway reads slowly: every byte has left the app, the answer takes a while.
    sandbox.faults.inject("slow_upload", path=ImportKind.HOTELS.path, bytes_per_second=1_000_000)
    hotels = big_csv(tmp_path / "hotels.csv", megabytes=1.5)
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [hotels])
        await until(lambda: len(page.queue_rows()) == 1, "the row is queued")
        row = page.queue_rows()[0]
        page.upload_button.click()
        await until(lambda: row.state == UPLOADING and row.sent == row.total, "every byte is sent")
        assert status_of(page, row) == "Sent; waiting for the gateway's answer…"
        assert not row.button.isEnabled()
        assert "can no longer be cancelled" in row.button.toolTip()
        await until(lambda: row.state == DONE, "the gateway answers")

    run(qloop, scenario)
    assert [item["filename"] for item in sandbox_imports(sandbox, signed_in_services)] == [hotels.name]


def test_a_gateway_refusal_shows_its_msg_and_can_be_retried(
    qtbot: Any, qloop: Any, signed_in_services: Any, sandbox: Any, tmp_path: Path
) -> None:
    sandbox.faults.inject("code500", path=ImportKind.HOSPITALS.path, times=1)
    hospitals = write_csv(tmp_path / "医院.csv", ["医院名称"], [["瑞金医院"]])
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [hospitals])
        await until(lambda: len(page.queue_rows()) == 1, "the row is queued")
        row = page.queue_rows()[0]
        page.upload_button.click()
        await until(lambda: row.state == FAILED, "the gateway refuses")
        assert status_of(page, row) == "The gateway refused: 服务器内部错误，请稍后重试"
        assert "injected fault code500" in tooltip_of(page, row)  # details for support, not in the cell
        assert row.button.text() == "Retry"
        await until(lambda: page.history_table.rowCount() == 1, "the history shows the failure")
        assert page.history_table.item(0, 4).text() == "Failed"
        # Retry: back in the queue, then uploaded.
        row.button.click()
        assert row.state == WAITING
        page.upload_button.click()
        await until(lambda: row.state == DONE and not page.uploading, "the retry succeeds")

    run(qloop, scenario)
    assert [record.state for record in history_of(signed_in_services)] == [imports.DONE, imports.FAILED]
    assert len(sandbox_imports(sandbox, signed_in_services)) == 1


def test_an_expired_session_keeps_the_queue_and_resumes_after_sign_in(
    qtbot: Any, qloop: Any, signed_in_services: Any, sandbox: Any, tmp_path: Path
) -> None:
    # Both the upload and its retry after a silent refresh meet a 401: sign-in is needed.
    sandbox.faults.inject("expired_token", path=ImportKind.CAR_FLEETS.path, times=2)
    lists = five_lists(tmp_path)
    cars, hotels = lists["car_fleets"][0], lists["hotels"][0]
    page = make_page(qtbot, signed_in_services)
    asked: list[bool] = []
    page.signInRequired.connect(lambda: asked.append(True))
    pending: list[int] = []
    page.pendingCountChanged.connect(pending.append)

    async def scenario() -> None:
        drop(page.drop_zone, [cars, hotels])
        await until(lambda: len(page.queue_rows()) == 2, "two rows are queued")
        page.upload_button.click()
        await until(lambda: asked, "sign-in is asked for")
        await until(lambda: not page.uploading, "the queue stops")
        assert [row.state for row in page.queue_rows()] == [WAITING, WAITING]
        assert all(status_of(page, row) == "Waiting for sign-in" for row in page.queue_rows())
        assert pending[-1] == 2
        # The main window signs the planner in again, then tells the page.
        page.on_signed_in()
        await until(lambda: all(row.state == DONE for row in page.queue_rows()), "the queue resumes")

    run(qloop, scenario)
    assert asked == [True]
    assert pending[-1] == 0
    assert {item["filename"] for item in sandbox_imports(sandbox, signed_in_services)} == {cars.name, hotels.name}


def test_selecting_a_row_previews_its_first_rows(
    qtbot: Any, qloop: Any, signed_in_services: Any, tmp_path: Path
) -> None:
    hotels = write_xlsx(tmp_path / "酒店.xlsx", ["酒店名称", "城市", "星级"], [["和平饭店", "上海市", "5"]] * 30)
    legacy = tmp_path / "员工.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an OLE2 header: old Excel
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [hotels, legacy])
        await until(lambda: len(page.queue_rows()) == 2, "two rows are queued")
        # The first dropped file is selected and previewed at once.
        await until(lambda: page.preview_model.rowCount() > 0, "the preview is shown")
        model = page.preview_model
        assert [model.horizontalHeaderItem(c).text() for c in range(3)] == ["酒店名称", "城市", "星级"]
        assert model.item(0, 0).text() == "和平饭店"
        assert model.rowCount() == imports.PREVIEW_ROWS - 1  # the header row is the table's header
        assert page.preview_note.text() == f"{hotels.name}: the first {imports.PREVIEW_ROWS - 1} rows"
        assert page.tabs.currentWidget() is page.preview_tab

        page.queue_table.selectRow(1)
        await until(lambda: "cannot be previewed" in page.preview_note.text(), "the .xls note is shown")
        assert page.preview_model.rowCount() == 0

    run(qloop, scenario)


def test_the_same_file_imported_again_is_flagged(
    qtbot: Any, qloop: Any, signed_in_services: Any, tmp_path: Path
) -> None:
    hospitals = write_csv(tmp_path / "医院.csv", ["医院名称"], [["瑞金医院"]])
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [hospitals])
        await until(lambda: len(page.queue_rows()) == 1, "the row is queued")
        page.upload_button.click()
        await until(lambda: page.queue_rows()[0].state == DONE and not page.uploading, "the first import")
        page.clear_button.click()
        assert page.queue_rows() == []

        drop(page.drop_zone, [hospitals])
        await until(lambda: len(page.queue_rows()) == 1, "the file is queued again")
        row = page.queue_rows()[0]
        await until(lambda: "Already imported" in status_of(page, row), "the planner is warned")
        assert row.state == WAITING  # a warning, not a refusal
        assert page.upload_button.isEnabled()
        # Another kind is another import: no warning.
        row.kind_box.setCurrentIndex(row.kind_box.findData(ImportKind.HOTELS))
        assert status_of(page, row) == "Ready to upload"
        await asyncio.sleep(0.2)
        assert status_of(page, row) == "Ready to upload"

    run(qloop, scenario)


def test_browse_adds_the_chosen_files(qtbot: Any, qloop: Any, signed_in_services: Any, tmp_path: Path) -> None:
    hotels = write_csv(tmp_path / "hotels.csv", ["酒店名称"], [["和平饭店"]])
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        qtbot.mouseClick(page.drop_zone.browse_button, Qt.MouseButton.LeftButton)
        dialog = page.drop_zone.findChild(QFileDialog)
        assert dialog is not None and dialog.isVisible()  # opened with open(): the loop keeps running
        assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
        dialog.filesSelected.emit([str(hotels)])
        dialog.reject()
        await until(lambda: len(page.queue_rows()) == 1, "the chosen file is queued")
        assert page.queue_rows()[0].kind is ImportKind.HOTELS

    run(qloop, scenario)


def test_signing_out_clears_the_page(qtbot: Any, qloop: Any, signed_in_services: Any, tmp_path: Path) -> None:
    lists = five_lists(tmp_path)
    page = make_page(qtbot, signed_in_services)
    pending: list[int] = []
    page.pendingCountChanged.connect(pending.append)

    async def scenario() -> None:
        drop(page.drop_zone, [lists["hotels"][0], lists["hospitals"][0]])
        await until(lambda: len(page.queue_rows()) == 2, "two rows are queued")
        page.upload_button.click()
        await until(lambda: page.history_table.rowCount() == 2 and not page.uploading, "both are uploaded")
        page.on_signed_out()
        assert page.queue_rows() == []
        assert page.queue_table.rowCount() == 0
        assert page.history_table.rowCount() == 0
        assert page.preview_model.rowCount() == 0

    run(qloop, scenario)
    assert pending[-1] == 0


def test_screenshot_in_the_middle_of_an_upload(
    qtbot: Any, qloop: Any, services_via_slow_link: Any, sandbox: Any, tmp_path: Path
) -> None:
    """Renders the page with rows in every state; TECHMICE_SCREENSHOT_DIR keeps the picture."""
    services = services_via_slow_link
    lists = five_lists(tmp_path)
    sandbox.faults.inject("code500", path=ImportKind.HOSPITALS.path, times=1)
    big = big_csv(tmp_path / "酒店-2024全国.csv", megabytes=24)
    unknown = write_csv(tmp_path / "供应商清单.csv", ["名称"], [["某某公司"]])
    brochure = tmp_path / "会议手册.pdf"
    brochure.write_bytes(b"%PDF-1.7")
    page = make_page(qtbot, services)

    async def scenario() -> None:
        files = [lists["employees"][0], lists["restaurants"][0], lists["hospitals"][0], big]
        drop(page.drop_zone, [*files, lists["car_fleets"][0], unknown, brochure])
        await until(lambda: len(page.queue_rows()) == 6, "six rows are queued")
        page.upload_button.click()
        row = row_named(page, big.name)
        await until(lambda: row.state == UPLOADING and row.sent > 8_000_000, "the big list is under way")
        await until(lambda: page.history_table.rowCount() == 3, "the history is up to date")
        picture = page.grab()
        assert not picture.isNull()
        picture.save(str(tmp_path / "imports.png"))
        target = os.environ.get("TECHMICE_SCREENSHOT_DIR")
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            picture.save(str(Path(target) / "imports.png"))
        row.button.click()
        await until(lambda: not page.uploading, "the queue ends")
        await until(lambda: page.history_table.rowCount() == 5, "the history is complete")
        page.tabs.setCurrentIndex(1)
        history = page.grab()
        history.save(str(tmp_path / "imports-history.png"))
        if target:
            history.save(str(Path(target) / "imports-history.png"))

    run(qloop, scenario, timeout=60)


def test_service_texts_follow_the_planners_language(
    qtbot: Any, qloop: Any, signed_in_services: Any, tmp_path: Path
) -> None:
    hotels = write_csv(tmp_path / "hotels.csv", ["酒店名称"], [["和平饭店"]])
    brochure = tmp_path / "brochure.pdf"
    brochure.write_bytes(b"%PDF-1.7")
    page = make_page(qtbot, signed_in_services)

    async def scenario() -> None:
        drop(page.drop_zone, [hotels])
        await until(lambda: len(page.queue_rows()) == 1, "the row is queued")
        box = page.queue_rows()[0].kind_box
        assert box.currentText() == "Hotels"
        # The language menu switches services.language, then Qt sends LanguageChange.
        signed_in_services.language = "zh"
        QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
        assert box.currentText() == "酒店"
        assert [box.itemText(i) for i in range(1, box.count())] == [kind.name_zh for kind in ImportKind]
        drop(page.drop_zone, [brochure])
        await until(lambda: page.notice.isVisible(), "the refusal is shown")
        assert "不支持的文件类型" in page.notice_label.text()

    run(qloop, scenario)
