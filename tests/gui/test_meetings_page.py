"""The Meetings page against the real in-process sandbox gateway (no mocked HTTP).

Each scenario runs on the qasync loop (``qloop``) and polls with ``asyncio.sleep``; what the
gateway stored is read back through the sandbox's H5 JSON API with the session's own token,
the way the embedded 会引擎 app reads it.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.gateway.endpoints import MEETING_SAVE
from desktop_app.services.meetings import QUEUED, SAVED, SENDING, UNKNOWN
from desktop_app.ui.meeting_form import TYPES_KEY
from desktop_app.ui.meetings_page import MeetingsPage
from tests.support.qt_async import run, until

TIMEOUT = 15


async def idle(page: MeetingsPage) -> None:
    await until(page.is_idle, "the page to be idle")


def gateway_meetings(services: Any, base_url: str) -> list[dict[str, Any]]:
    """The planner's meetings as the gateway keeps them (the H5 app's own JSON endpoint)."""
    tokens = services.session.client.tokens
    reply = requests.get(f"{base_url}/h5/api/meetings", headers={"Authorization": tokens.authorization}, timeout=5)
    reply.raise_for_status()
    return list(reply.json()["content"])


@pytest.fixture
def make_page(qtbot: Any, qloop: Any, signed_in_services: Any) -> Iterator[Callable[[], MeetingsPage]]:
    pages: list[MeetingsPage] = []

    def make() -> MeetingsPage:
        page = MeetingsPage(signed_in_services)
        qtbot.addWidget(page)
        page.resize(1100, 720)
        page.show()
        pages.append(page)
        run(qloop, idle(page))  # regions, recovery and the first list load
        return page

    yield make
    # pytest-qt closes and deletes the widgets before fixtures are torn down; a page it has
    # not reached yet (or one closed by the test) must still finish its work first.
    for page in pages:
        if shiboken6.isValid(page):
            page.close()
            run(qloop, idle(page))


def fill(page: MeetingsPage, qtbot: Any, *, name: str = "Sales kick-off") -> None:
    form = page.form
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, name)
    form.type_combo.setEditText("年会")
    form.region_picker.province_combo.setCurrentText("浙江省")
    form.region_picker.city_combo.setCurrentText("杭州市")
    form.start_field.date_edit.setDate(QDate(2025, 11, 20))
    form.end_field.date_edit.setDate(QDate(2025, 11, 22))
    form.internal_spin.setValue(120)
    form.external_spin.setValue(30)
    form.descr_edit.setPlainText("三天议程")


def list_rows(page: MeetingsPage) -> list[tuple[str, str]]:
    tree = page.meeting_list
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(3)) for i in range(tree.topLevelItemCount())]


def test_fill_save_and_edit_keeps_the_mice_id(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()
    services = page._services
    form = page.form
    assert form.organizer_label.text() == "100001 (you)"
    assert form.mice_id_label.text() == "not yet saved"
    assert not page.save_button.isEnabled()
    assert "Meeting name is required" in page.missing_label.text()

    async def scenario() -> None:
        fill(page, qtbot)
        await until(page.save_button.isEnabled, "Save to be enabled")
        assert page.missing_label.isHidden()
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        await idle(page)

        record = page.current_record()
        assert record is not None and record.state == SAVED
        mice_id = record.mice_id
        assert mice_id is not None and str(uuid.UUID(mice_id)) == mice_id
        assert form.mice_id_label.text() == mice_id
        assert list_rows(page) == [("Sales kick-off", "Saved")]
        assert mice_id in page.status_label.text()

        stored = await services.worker.run(gateway_meetings, services, sandbox.base_url)
        assert [(m["miceId"], m["name"], m["city"]) for m in stored] == [(mice_id, "Sales kick-off", "杭州市")]
        assert stored[0]["tuUserId"] == services.session.signed_in.user_id
        assert (stored[0]["dtStart"], stored[0]["dtEnd"]) == ("2025-11-20", "2025-11-22")

        # An edit: the same miceId, the gateway's copy changes, no second meeting.
        form.name_edit.setText("Sales kick-off 2026")
        form.start_field.time_check.setChecked(True)
        await until(lambda: page.current_record() is not None and page.current_record().state != SAVED)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        await idle(page)
        record = page.current_record()
        assert record is not None and record.state == SAVED and record.mice_id == mice_id
        stored = await services.worker.run(gateway_meetings, services, sandbox.base_url)
        assert [(m["miceId"], m["name"]) for m in stored] == [(mice_id, "Sales kick-off 2026")]
        assert stored[0]["dtStart"] == "2025-11-20 09:00:00"

    run(qloop, scenario())
    assert services.settings.get(TYPES_KEY) == ["年会"]
    assert form.remembered_types() == ["年会"]


def test_end_before_start_disables_save_and_says_why(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    form = page.form
    fill(page, qtbot)
    assert page.save_button.isEnabled()

    form.end_field.date_edit.setDate(QDate(2025, 11, 18))
    message = "The end cannot be before the start"
    assert form.problem_text("dtEnd") == message
    assert not page.save_button.isEnabled()
    assert not page.save_action.isEnabled()
    assert message in page.missing_label.text() and page.missing_label.isVisibleTo(page)
    assert message in page.save_button.toolTip()

    page.save_action.trigger()  # Ctrl+S while invalid: nothing is sent
    assert page.status_label.isHidden()

    form.end_field.date_edit.setDate(QDate(2025, 11, 20))
    assert form.problem_text("dtEnd") == ""
    assert page.save_button.isEnabled()
    # Same day, times the wrong way round: still invalid.
    form.start_field.time_check.setChecked(True)
    form.end_field.time_check.setChecked(True)
    form.end_field.time_edit.setTime(form.start_field.time_edit.time().addSecs(-3600))
    assert form.problem_text("dtEnd") == message
    assert not page.save_button.isEnabled()
    run(qloop, idle(page))


def test_new_form_lists_what_is_missing_only_after_touching(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    form = page.form
    assert form.problem_text("name") == ""  # a fresh form is not a wall of red
    assert "Meeting name is required" in page.missing_label.text()
    qtbot.keyClicks(form.name_edit, "x")
    form.name_edit.clear()
    assert form.problem_text("name") == "Meeting name is required"
    run(qloop, idle(page))


def test_business_error_shows_the_gateways_msg_and_keeps_the_form(
    make_page: Any, qtbot: Any, qloop: Any, sandbox: Any
) -> None:
    page = make_page()
    services = page._services

    async def scenario() -> None:
        fill(page, qtbot)
        sandbox.faults.inject("code500", path=MEETING_SAVE, times=1)
        page.save_action.trigger()
        await idle(page)
        assert page.error_box.isVisibleTo(page)
        assert "服务器内部错误" in page.error_label.text()  # the gateway's msg, as sent
        assert page.form.name_edit.text() == "Sales kick-off"
        assert page.form.region_picker.city() == "杭州市"
        record = page.current_record()
        assert record is not None and record.state == "draft" and record.mice_id is None
        assert "服务器内部错误" in page.meeting_list.topLevelItem(0).toolTip(0)
        assert await services.worker.run(gateway_meetings, services, sandbox.base_url) == []

        page.save_action.trigger()  # the fault was for one request: now it goes through
        await idle(page)
        assert page.current_record().state == SAVED
        assert page.error_box.isHidden()

    run(qloop, scenario())


def test_offline_save_is_queued_and_sent_when_the_gateway_is_back(
    make_page: Any, qtbot: Any, qloop: Any, sandbox: Any
) -> None:
    from desktop_app.sandbox import SandboxServer

    page = make_page()
    services = page._services
    pending: list[int] = []
    page.pendingCountChanged.connect(pending.append)
    port = sandbox.port
    restarted: list[SandboxServer] = []

    async def scenario() -> None:
        fill(page, qtbot, name="Offline planning")
        sandbox.stop()
        page.save_action.trigger()
        await idle(page)
        record = page.current_record()
        assert record is not None and record.state == QUEUED
        assert "Saved offline; will be sent when the gateway is reachable" in page.status_label.text()
        assert list_rows(page) == [("Offline planning", "Queued")]
        assert pending[-1] == 1

        page.retry_queued()  # still down: stays queued, no error for the planner to act on
        await idle(page)
        assert page.current_record().state == QUEUED

        gateway = SandboxServer(port=port).start()  # the gateway is back (a fresh one, same address)
        restarted.append(gateway)
        page.retry_queued()
        await idle(page)
        record = page.current_record()
        assert record is not None and record.state == SAVED and record.mice_id
        assert page.form.mice_id_label.text() == record.mice_id
        assert pending[-1] == 0
        assert list_rows(page) == [("Offline planning", "Saved")]
        stored = await services.worker.run(gateway_meetings, services, gateway.base_url)
        assert [(m["miceId"], m["name"]) for m in stored] == [(record.mice_id, "Offline planning")]

    try:
        run(qloop, scenario())
    finally:
        for gateway in restarted:
            gateway.stop()


def test_typing_keeps_a_draft_that_a_new_page_shows(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    qtbot.keyClicks(page.form.name_edit, "Board offsite")
    assert not page.is_idle()  # the draft waits ~500 ms after the last keystroke
    run(qloop, idle(page))
    assert list_rows(page) == [("Board offsite", "Draft")]

    # Typed just before closing: stored on close, not lost with the pending timer.
    qtbot.keyClicks(page.form.name_edit, " 2026")
    page.close()
    run(qloop, idle(page))

    again = make_page()
    assert list_rows(again) == [("Board offsite 2026", "Draft")]
    again.meeting_list.setCurrentItem(again.meeting_list.topLevelItem(0))
    run(qloop, idle(again))
    assert again.form.name_edit.text() == "Board offsite 2026"
    assert again.title_label.text() == "Board offsite 2026"


def test_expired_token_is_refreshed_silently(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()
    asked: list[bool] = []
    page.signInRequired.connect(lambda: asked.append(True))

    async def scenario() -> None:
        fill(page, qtbot)
        sandbox.faults.inject("expired_token", path=MEETING_SAVE, times=1)
        page.save_action.trigger()
        await idle(page)
        assert page.current_record().state == SAVED

    run(qloop, scenario())
    assert asked == []


def test_sign_in_needed_keeps_the_form_and_sends_after_sign_in(
    make_page: Any, qtbot: Any, qloop: Any, sandbox: Any, sandbox_profile: Any, demo_credentials: Any
) -> None:
    page = make_page()
    services = page._services
    asked: list[bool] = []
    page.signInRequired.connect(lambda: asked.append(True))

    async def scenario() -> None:
        fill(page, qtbot, name="Needs a fresh sign-in")
        sandbox.faults.inject("expired_token")  # every token refused: refreshing does not help
        page.save_action.trigger()
        await idle(page)
        assert asked == [True]
        assert page.form.name_edit.text() == "Needs a fresh sign-in"
        assert page.current_record().state == QUEUED
        assert "Sign in again" in page.status_label.text()
        page.retry_queued()  # waits for the sign-in instead of asking again every 30 s
        await idle(page)
        assert asked == [True]

        sandbox.faults.clear()
        await services.worker.run(services.session.sign_in, sandbox_profile, demo_credentials, remember=False)
        page.on_signed_in()
        await idle(page)
        record = page.current_record()
        assert record is not None and record.state == SAVED
        assert page.form.mice_id_label.text() == record.mice_id
        assert page.form.name_edit.text() == "Needs a fresh sign-in"
        stored = await services.worker.run(gateway_meetings, services, sandbox.base_url)
        assert [m["name"] for m in stored] == ["Needs a fresh sign-in"]

    run(qloop, scenario())


def test_unknown_outcome_asks_before_pushing_again(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()
    services = page._services

    async def scenario() -> None:
        fill(page, qtbot, name="Lost reply")
        sandbox.faults.inject("html502", path=MEETING_SAVE, times=1)
        page.save_action.trigger()
        await idle(page)
        assert page.current_record().state == UNKNOWN
        assert page.unknown_box.isVisibleTo(page)
        assert "Outcome unknown" in page.unknown_label.text()
        assert not page.save_button.isEnabled()  # never re-sent without the planner's decision
        assert list_rows(page) == [("Lost reply", "Outcome unknown")]
        page.retry_queued()
        await idle(page)
        assert page.current_record().state == UNKNOWN

        qtbot.mouseClick(page.push_again_button, Qt.MouseButton.LeftButton)
        await idle(page)
        assert page.current_record().state == SAVED
        assert page.unknown_box.isHidden()
        stored = await services.worker.run(gateway_meetings, services, sandbox.base_url)
        assert [m["name"] for m in stored] == ["Lost reply"]

    run(qloop, scenario())


def test_keep_as_draft_after_unknown_outcome(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()

    async def scenario() -> None:
        fill(page, qtbot, name="Maybe saved")
        sandbox.faults.inject("truncated_json", path=MEETING_SAVE, times=1)
        page.save_action.trigger()
        await idle(page)
        assert page.current_record().state == UNKNOWN
        qtbot.mouseClick(page.keep_draft_button, Qt.MouseButton.LeftButton)
        await idle(page)
        assert page.current_record().state == "draft"
        assert page.unknown_box.isHidden()
        assert page.save_button.isEnabled()

    run(qloop, scenario())


def test_double_save_sends_once(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()
    services = page._services

    async def scenario() -> None:
        fill(page, qtbot, name="Only once")
        sandbox.faults.inject("latency", path=MEETING_SAVE, times=1, seconds=0.4)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert not page.save_button.isEnabled()
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        page.save_action.trigger()
        await until(lambda: list_rows(page) == [("Only once", "Sending")], "the list to show Sending")
        assert page.state_badge.text() == "Sending"
        await idle(page)
        assert page.current_record().state == SAVED
        stored = await services.worker.run(gateway_meetings, services, sandbox.base_url)
        assert [m["name"] for m in stored] == ["Only once"]

    run(qloop, scenario())


def test_typing_while_sending_is_not_marked_as_sent(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()

    async def scenario() -> None:
        fill(page, qtbot, name="Before")
        sandbox.faults.inject("latency", path=MEETING_SAVE, times=1, seconds=0.8)
        page.save_action.trigger()
        await asyncio.sleep(0.1)
        page.form.name_edit.setText("After")  # typed while the push is under way
        await idle(page)
        record = page.current_record()
        assert record is not None and record.mice_id is not None
        assert record.meeting.name == "After"
        assert record.state == "draft"  # the gateway has "Before": the edit still needs a save

    run(qloop, scenario())


def test_opening_another_meeting_while_sending(make_page: Any, qtbot: Any, qloop: Any, sandbox: Any) -> None:
    page = make_page()

    async def scenario() -> None:
        fill(page, qtbot, name="Sent in the background")
        sandbox.faults.inject("latency", path=MEETING_SAVE, times=1, seconds=0.5)
        page.save_action.trigger()
        await asyncio.sleep(0.05)
        page.new_action.trigger()  # the planner moves on before the reply
        await idle(page)
        assert page.form.name_edit.text() == ""
        assert page.form.mice_id_label.text() == "not yet saved"  # not the other meeting's miceId
        assert page.current_local_id() is None
        assert list_rows(page) == [("Sent in the background", "Saved")]

    run(qloop, scenario())


def test_delete_draft_asks_without_blocking(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    qtbot.keyClicks(page.form.name_edit, "Scratch")
    run(qloop, idle(page))
    assert page.delete_button.isEnabled()

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.meeting_list.setFocus()
    qtbot.keyClick(page.meeting_list, Qt.Key.Key_Delete)
    box = page.findChild(QMessageBox)
    assert box is not None and box.isVisible()  # opened with open(): the loop keeps running
    box.button(QMessageBox.StandardButton.Yes).click()
    run(qloop, idle(page))
    assert list_rows(page) == []
    assert page.form.name_edit.text() == ""
    assert page.current_local_id() is None
    assert not page.delete_button.isEnabled()


def test_saved_meetings_cannot_be_deleted(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    fill(page, qtbot)
    page.save_action.trigger()
    run(qloop, idle(page))
    assert page.current_record().state == SAVED
    assert not page.delete_button.isEnabled()
    assert not page.delete_action.isEnabled()


def test_new_meeting_and_opening_from_the_list(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    qtbot.keyClicks(page.form.name_edit, "First")
    page.new_action.trigger()  # stores "First" at once, then a blank form
    run(qloop, idle(page))
    assert page.form.name_edit.text() == ""
    assert page.form.mice_id_label.text() == "not yet saved"
    qtbot.keyClicks(page.form.name_edit, "Second")
    run(qloop, idle(page))
    assert sorted(list_rows(page)) == [("First", "Draft"), ("Second", "Draft")]

    first = next(
        page.meeting_list.topLevelItem(i)
        for i in range(page.meeting_list.topLevelItemCount())
        if page.meeting_list.topLevelItem(i).text(0) == "First"
    )
    page.meeting_list.setCurrentItem(first)
    run(qloop, idle(page))
    assert page.form.name_edit.text() == "First"
    assert page.form.problem_text("type") == "Meeting type is required"  # a stored draft shows all problems


def test_shortcuts_work_inside_the_page(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    assert page.save_action.shortcut().toString() == "Ctrl+S"
    assert page.new_action.shortcut().toString() == "Ctrl+N"
    assert page.save_action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    fill(page, qtbot, name="By keyboard")
    page.form.name_edit.setFocus()
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    run(qloop, idle(page))
    assert page.current_record().state == SAVED
    qtbot.keyClick(page.form.name_edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    run(qloop, idle(page))
    assert page.form.name_edit.text() == ""
    assert page.current_local_id() is None


def test_country_abroad_makes_the_region_free_text(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    form = page.form
    form.region_picker.province_combo.setCurrentText("上海市")
    assert form.region_picker.city() == "上海市"  # a municipality is its own city
    form.country_combo.setEditText("日本")
    assert form.region_picker.is_free_text()
    assert form.region_picker.province() == "上海市"  # kept, now editable
    form.region_picker.province_combo.setEditText("東京都")
    form.region_picker.city_combo.setEditText("千代田区")
    meeting = form.meeting()
    assert (meeting.country, meeting.province, meeting.city) == ("日本", "東京都", "千代田区")
    form.country_combo.setEditText("中国")
    assert not form.region_picker.is_free_text()
    run(qloop, idle(page))


def test_interrupted_push_is_shown_as_outcome_unknown(qtbot: Any, qloop: Any, signed_in_services: Any) -> None:
    from desktop_app.gateway.meeting import Meeting

    book = signed_in_services.meeting_book()
    local_id = book.save_draft(Meeting(tuUserId=signed_in_services.session.signed_in.user_id, name="Crashed"))
    with signed_in_services.db.transaction() as conn:  # as a killed process leaves it
        conn.execute("UPDATE meetings SET state=? WHERE local_id=?", (SENDING, local_id))

    page = MeetingsPage(signed_in_services)
    qtbot.addWidget(page)
    run(qloop, idle(page))
    assert list_rows(page) == [("Crashed", "Outcome unknown")]
    page.meeting_list.setCurrentItem(page.meeting_list.topLevelItem(0))
    run(qloop, idle(page))
    assert page.unknown_box.isVisibleTo(page)
    page.close()
    run(qloop, idle(page))


def test_signed_out_clears_the_screen(make_page: Any, qtbot: Any, qloop: Any) -> None:
    page = make_page()
    qtbot.keyClicks(page.form.name_edit, "Private")
    page._services.session.sign_out()
    page.on_signed_out()  # the pending draft is stored first
    assert list_rows(page) == []
    assert page.form.name_edit.text() == ""
    assert not page.save_button.isEnabled() and not page.new_action.isEnabled()
    assert page.missing_label.text() == "Sign in to save meetings."
    run(qloop, idle(page))


def test_another_planner_sees_only_their_meetings(
    make_page: Any, qtbot: Any, qloop: Any, sandbox_profile: Any, demo_credentials: Any
) -> None:
    from desktop_app.gateway.tokens import Credentials

    page = make_page()
    services = page._services
    qtbot.keyClicks(page.form.name_edit, "Mine")
    other = Credentials(demo_credentials.ent_id, "100002", demo_credentials.client_id, demo_credentials.client_secret)

    async def scenario() -> None:
        await services.worker.run(services.session.sign_in, sandbox_profile, other, remember=False)
        page.on_signed_in()  # the pending draft is stored for 100001 first
        await idle(page)
        assert list_rows(page) == []
        assert page.form.name_edit.text() == ""
        assert page.form.organizer_label.text() == "100002 (you)"
        await services.worker.run(services.session.sign_in, sandbox_profile, demo_credentials, remember=False)
        page.on_signed_in()
        await idle(page)
        assert list_rows(page) == [("Mine", "Draft")]

    run(qloop, scenario())
