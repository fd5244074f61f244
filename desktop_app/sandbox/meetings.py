"""Validation of the meeting-save payload (gateway-api.md 保存会议, contract-notes §6).

The sandbox is the client's test peer, so it refuses what a strict gateway would: every
required field, UUIDs where the contract says UUID, dates as ``YYYY-MM-DD`` or
``YYYY-MM-DD HH:mm:ss``, non-negative integer head counts and an end not before the
start. All problems are reported at once so a planner fixes the form in one go.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from desktop_app.sandbox.store import Meeting

_TEXT_FIELDS = {
    "name": ("会议名称", 200),
    "type": ("会议类型", 100),
    "country": ("国家", 100),
    "province": ("省份", 100),
    "city": ("城市", 100),
}
_COUNT_FIELDS = {"qtyAttenderInt": "内部参会人数", "qtyAttenderExt": "外部参会人数"}
_DATE_FIELDS = {"dtStart": "开始日期", "dtEnd": "结束日期"}
_DESCR_MAX = 2000
_DATE_FORMAT = "%Y-%m-%d"
_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class Problem:
    field: str
    msg: str  # Chinese, for the planner
    error: str  # English, for developers


class InvalidMeeting(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.error}" for p in problems))
        self.problems = problems

    @property
    def msg(self) -> str:
        return "会议信息有误：" + "；".join(p.msg for p in self.problems)

    @property
    def error(self) -> str:
        return "invalid meeting: " + "; ".join(f"{p.field}: {p.error}" for p in self.problems)


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def parse_meeting_time(value: str, *, end: bool) -> datetime | None:
    """Both contract formats; a date-only end means the end of that day."""
    try:
        return datetime.strptime(value, _DATETIME_FORMAT)
    except ValueError:
        pass
    try:
        day = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        return None
    return datetime.combine(day.date(), time.max if end else time.min)


def validate_meeting(payload: Any, *, new_mice_id: str) -> tuple[Meeting, bool]:
    """The meeting to store and whether it is an edit (``miceId`` given)."""
    if not isinstance(payload, dict):
        raise InvalidMeeting([Problem("body", "请求体必须是 JSON 对象", "body must be a JSON object")])
    problems: list[Problem] = []

    mice_id = payload.get("miceId")
    is_edit = mice_id not in (None, "")
    if is_edit and not _is_uuid(mice_id):
        problems.append(Problem("miceId", "会议 ID 格式不正确", "must be a UUID"))
    tu_user_id = payload.get("tuUserId")
    if tu_user_id in (None, ""):
        problems.append(Problem("tuUserId", "办会人不能为空", "required"))
    elif not _is_uuid(tu_user_id):
        problems.append(Problem("tuUserId", "办会人 ID 格式不正确", "must be a UUID"))

    texts: dict[str, str] = {}
    for name, (label, limit) in _TEXT_FIELDS.items():
        value = payload.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, f"{label}不能为空", "required non-empty string"))
        elif len(value) > limit:
            problems.append(Problem(name, f"{label}不能超过 {limit} 个字", f"longer than {limit} characters"))
        else:
            texts[name] = value.strip()

    counts: dict[str, int] = {}
    for name, label in _COUNT_FIELDS.items():
        value = payload.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(name, f"{label}必须是整数", "required integer"))
        elif value < 0:
            problems.append(Problem(name, f"{label}不能为负数", "must be >= 0"))
        else:
            counts[name] = value

    dates: dict[str, datetime] = {}
    for name, label in _DATE_FIELDS.items():
        value = payload.get(name)
        parsed = parse_meeting_time(value, end=name == "dtEnd") if isinstance(value, str) else None
        if parsed is None:
            problems.append(
                Problem(name, f"{label}格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm:ss", "expected YYYY-MM-DD[ HH:mm:ss]")
            )
        else:
            dates[name] = parsed
    if len(dates) == 2 and dates["dtEnd"] < dates["dtStart"]:
        problems.append(Problem("dtEnd", "结束日期不能早于开始日期", "dtEnd is before dtStart"))

    descr = payload.get("descr")
    if descr is None:
        descr = ""
    if not isinstance(descr, str):
        problems.append(Problem("descr", "备注必须是文字", "must be a string"))
    elif len(descr) > _DESCR_MAX:
        problems.append(Problem("descr", f"备注不能超过 {_DESCR_MAX} 个字", f"longer than {_DESCR_MAX} characters"))

    if problems:
        raise InvalidMeeting(problems)
    meeting = Meeting(
        miceId=str(mice_id).lower() if is_edit else new_mice_id,
        tuUserId=str(tu_user_id).lower(),
        dtStart=payload["dtStart"],
        dtEnd=payload["dtEnd"],
        qtyAttenderInt=counts["qtyAttenderInt"],
        qtyAttenderExt=counts["qtyAttenderExt"],
        descr=str(descr),
        **texts,
    )
    return meeting, is_edit
