"""The eight 会引擎 endpoints, as the contract and contract-notes define them.

Each view translates HTTP to the domain modules (auth, meetings, imports, rows, store)
and back into the envelope; the rules themselves live in those modules.
"""

from __future__ import annotations

import logging
import uuid

from flask import Blueprint, Response, jsonify, request

from desktop_app.gateway.endpoints import ENTRY, MEETING_SAVE, TOKEN, ImportKind
from desktop_app.sandbox.auth import TokenRefused
from desktop_app.sandbox.context import current, current_employee, requires_employee
from desktop_app.sandbox.imports import ByteReader, ThrottledStream, UploadRefused, receive_upload
from desktop_app.sandbox.meetings import InvalidMeeting, validate_meeting
from desktop_app.sandbox.replies import business_error, ok
from desktop_app.sandbox.tenant import employee_user_id
from desktop_app.spreadsheets import UnreadableFile, count_data_rows, employees_in

logger = logging.getLogger("techmice.sandbox")

gateway = Blueprint("gateway", __name__)

_FORM = "application/x-www-form-urlencoded"


@gateway.post(TOKEN)
def token() -> Response:
    """Sign-in or refresh. Success is the raw token object, errors are envelopes (notes §2)."""
    if request.mimetype != _FORM:
        return business_error("请求格式应为表单（x-www-form-urlencoded）", f"expected {_FORM}")
    form = request.form.to_dict()
    grant_type = form.get("grant_type", "")
    tokens = current().tokens
    try:
        if grant_type == "refresh_token":
            reply = tokens.refresh(form)
        elif grant_type in ("", "password"):
            reply = tokens.sign_in(form)
        else:
            raise TokenRefused("不支持的授权方式", f"unsupported grant_type {grant_type!r}")
    except TokenRefused as exc:
        # Only non-secret fields go to the log: never client_secret, signature or tokens.
        logger.info("token refused (user_name=%r, grant=%r): %s", form.get("user_name"), grant_type, exc.error)
        return business_error(exc.msg, exc.error)
    logger.info("token issued (%s) for userId %s", grant_type or "sign-in", reply.userId)
    return jsonify(reply.to_json())


def _json_object() -> dict[str, object] | None:
    if not request.is_json:
        return None
    payload = request.get_json(silent=True)
    return payload if isinstance(payload, dict) else None


@gateway.post(ENTRY)
@requires_employee
def entry() -> Response:
    payload = _json_object()
    if payload is None:
        return business_error("请求体应为 JSON 对象", "expected an application/json object body")
    ctx = current()
    client_id = payload.get("clientId")
    if not client_id:
        return business_error("缺少参数：clientId", "missing clientId")
    if client_id != ctx.tenant.client_id:
        return business_error("应用 ID 不正确", f"unknown clientId {client_id!r}")
    return ok(ctx.entry_url())


@gateway.post(MEETING_SAVE)
@requires_employee
def save_meeting() -> Response:
    payload = _json_object()
    if payload is None:
        return business_error("请求体应为 JSON 对象", "expected an application/json object body")
    ctx = current()
    employee = current_employee()
    try:
        meeting, is_edit = validate_meeting(payload, new_mice_id=str(uuid.uuid4()))
    except InvalidMeeting as exc:
        return business_error(exc.msg, exc.error)
    if is_edit:
        if not ctx.store.update_meeting(ctx.tenant.ent_id, employee.user_id, meeting):
            return business_error("会议不存在或已被删除", f"unknown miceId {meeting.miceId}")
        logger.info("meeting %s edited by userId %s", meeting.miceId, employee.user_id)
    else:
        ctx.store.insert_meeting(ctx.tenant.ent_id, employee.user_id, meeting)
        logger.info("meeting %s created by userId %s", meeting.miceId, employee.user_id)
    return ok(meeting.miceId)


def _import_view(kind: ImportKind) -> Response:
    ctx = current()
    employee = current_employee()
    stream: ByteReader = request.stream
    slow = ctx.faults.take("slow_upload", request.path)
    if slow is not None:
        stream = ThrottledStream(request.stream, slow.params["bytes_per_second"], ctx.stopping)
    try:
        received = receive_upload(
            stream=stream,
            mimetype=request.mimetype,
            options=request.mimetype_params,
            content_length=request.content_length,
            field=ctx.import_field,
            upload_dir=ctx.upload_dir,
            kind_slug=kind.slug,
        )
    except UploadRefused as exc:
        logger.info("%s import refused: %s", kind.slug, exc.error)
        return business_error(exc.msg, exc.error)

    added: int | None = None
    try:
        rows = count_data_rows(received.path)
        if kind is ImportKind.EMPLOYEES:
            found = employees_in(received.path)
            if found is not None:
                ent_id = ctx.tenant.ent_id
                added = ctx.store.upsert_employees(
                    ent_id,
                    ((user_name, name, employee_user_id(ent_id, user_name)) for user_name, name in found),
                    source="import",
                    keep_names=True,
                )
    except UnreadableFile as exc:
        received.path.unlink(missing_ok=True)
        logger.info("%s import unreadable: %s", kind.slug, exc)
        return business_error(
            "文件内容无法读取：请确认文件未损坏、扩展名正确，员工导入需包含“员工号”列", f"unreadable file: {exc}"
        )

    ctx.store.add_import(
        ent_id=ctx.tenant.ent_id,
        kind=kind.slug,
        filename=received.filename,
        stored_name=received.path.name,
        size=received.size,
        rows=rows,
        sha256=received.sha256,
        user_id=employee.user_id,
        user_name=employee.user_name,
    )
    logger.info("%s import stored: %d bytes, %s rows", kind.slug, received.size, rows)
    return ok("", _import_message(rows, added, is_employees=kind is ImportKind.EMPLOYEES))


def _import_message(rows: int | None, added: int | None, *, is_employees: bool) -> str:
    if rows is None:
        message = "导入成功（沙箱无法统计 .xls 文件的行数）"
        return message + "，未添加员工" if is_employees else message
    message = f"导入成功，共 {rows} 行"
    if added is not None:
        message += f"，新增或更新员工 {added} 名"
    return message


def _register_imports() -> None:
    for kind in ImportKind:

        def view(kind: ImportKind = kind) -> Response:
            return _import_view(kind)

        view.__name__ = f"import_{kind.slug.replace('-', '_')}"
        gateway.add_url_rule(kind.path, view_func=requires_employee(view), methods=["POST"])


_register_imports()
