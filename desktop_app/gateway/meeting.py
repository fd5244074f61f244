"""The meeting of the save endpoint, its validation and its wire format (contract-notes §6).

Validation answers with a list of problems, one per field, each with a bilingual message,
so the form can show them next to the fields and the CLI can print them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from desktop_app.text import Text

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_ATTENDEES = 1_000_000
DEFAULT_COUNTRY = "中国"

# Contract field names, in the order the form shows them.
FIELDS = (
    "miceId",
    "tuUserId",
    "name",
    "type",
    "country",
    "province",
    "city",
    "dtStart",
    "dtEnd",
    "qtyAttenderInt",
    "qtyAttenderExt",
    "descr",
)
REQUIRED = ("tuUserId", "name", "type", "country", "province", "city", "dtStart", "dtEnd")

FIELD_LABELS: dict[str, Text] = {
    "miceId": Text("会议ID", "Meeting ID"),
    "tuUserId": Text("办会人", "Organizer"),
    "name": Text("会议名称", "Meeting name"),
    "type": Text("会议类型", "Meeting type"),
    "country": Text("国家", "Country"),
    "province": Text("省份", "Province"),
    "city": Text("城市", "City"),
    "dtStart": Text("开始日期", "Start"),
    "dtEnd": Text("结束日期", "End"),
    "qtyAttenderInt": Text("内部参会人数", "Internal attendees"),
    "qtyAttenderExt": Text("外部参会人数", "External attendees"),
    "descr": Text("备注", "Description"),
}

When = dt.date | dt.datetime


@dataclass(frozen=True)
class Problem:
    field: str
    text: Text


def format_when(value: When) -> str:
    """``YYYY-MM-DD`` for all-day, ``YYYY-MM-DD HH:mm:ss`` when a time is set."""
    if isinstance(value, dt.datetime):
        return value.strftime(DATETIME_FORMAT)
    return value.strftime(DATE_FORMAT)


def parse_when(value: Any) -> When:
    """Inverse of ``format_when``; also accepts ISO ``T`` separators and minutes-only times."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip().replace("T", " ")
    for fmt, is_date in ((DATE_FORMAT, True), (DATETIME_FORMAT, False), ("%Y-%m-%d %H:%M", False)):
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.date() if is_date else parsed
    raise ValueError(f"not a date (YYYY-MM-DD or YYYY-MM-DD HH:mm:ss): {value!r}")


def _as_datetime(value: When, *, end_of_day: bool = False) -> dt.datetime:
    """An all-day date as a moment: its start, or (for an end date) the end of that day."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.max if end_of_day else dt.time.min)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return len(value) == 36


@dataclass(frozen=True)
class Meeting:
    tuUserId: str = ""
    name: str = ""
    type: str = ""
    country: str = DEFAULT_COUNTRY
    province: str = ""
    city: str = ""
    dtStart: When | None = None
    dtEnd: When | None = None
    qtyAttenderInt: int = 0
    qtyAttenderExt: int = 0
    descr: str = ""
    miceId: str | None = field(default=None)

    @property
    def is_edit(self) -> bool:
        return bool(self.miceId)

    def with_mice_id(self, mice_id: str) -> Meeting:
        return replace(self, miceId=mice_id)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for name in REQUIRED:
            value = getattr(self, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                label = FIELD_LABELS[name]
                found.append(Problem(name, Text(f"请填写{label.zh}", f"{label.en} is required")))
        if self.tuUserId and not _is_uuid(self.tuUserId):
            found.append(Problem("tuUserId", Text("办会人必须是 UUID", "Organizer must be a UUID")))
        if self.miceId and not _is_uuid(self.miceId):
            found.append(Problem("miceId", Text("会议ID必须是 UUID", "Meeting ID must be a UUID")))
        for name in ("qtyAttenderInt", "qtyAttenderExt"):
            value = getattr(self, name)
            label = FIELD_LABELS[name]
            if not isinstance(value, int) or isinstance(value, bool):
                found.append(Problem(name, Text(f"{label.zh}必须是整数", f"{label.en} must be a whole number")))
            elif value < 0:
                found.append(Problem(name, Text(f"{label.zh}不能为负数", f"{label.en} cannot be negative")))
            elif value > MAX_ATTENDEES:
                found.append(
                    Problem(
                        name, Text(f"{label.zh}不能超过 {MAX_ATTENDEES}", f"{label.en} cannot exceed {MAX_ATTENDEES}")
                    )
                )
        if self.dtStart is not None and self.dtEnd is not None:
            start, end = _as_datetime(self.dtStart), _as_datetime(self.dtEnd, end_of_day=True)
            if end < start:
                found.append(Problem("dtEnd", Text("结束日期不能早于开始日期", "The end cannot be before the start")))
        return found

    def to_payload(self) -> dict[str, Any]:
        """The JSON body of the save call; raises ValueError if the meeting is not valid."""
        problems = self.problems()
        if problems:
            raise MeetingInvalid(problems)
        assert self.dtStart is not None and self.dtEnd is not None
        payload: dict[str, Any] = {
            "tuUserId": self.tuUserId,
            "name": self.name.strip(),
            "type": self.type.strip(),
            "country": self.country.strip(),
            "province": self.province.strip(),
            "city": self.city.strip(),
            "dtStart": format_when(self.dtStart),
            "dtEnd": format_when(self.dtEnd),
            "qtyAttenderInt": self.qtyAttenderInt,
            "qtyAttenderExt": self.qtyAttenderExt,
            "descr": self.descr,
        }
        if self.miceId:
            payload = {"miceId": self.miceId, **payload}
        return payload

    def to_json_dict(self) -> dict[str, Any]:
        """Lossless form for drafts and files: dates as strings, even if invalid."""
        data = asdict(self)
        for name in ("dtStart", "dtEnd"):
            value = data[name]
            data[name] = format_when(value) if value is not None else None
        return data

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> Meeting:
        """Builds a meeting from contract field names; raises MeetingInvalid on wrong types."""
        problems: list[Problem] = []
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            problems.append(
                Problem(
                    unknown[0],
                    Text(f"未知字段：{', '.join(unknown)}", f"Unknown fields: {', '.join(unknown)}"),
                )
            )
        values: dict[str, Any] = {}
        for name in FIELDS:
            if name not in data or data[name] is None:
                continue
            value = data[name]
            label = FIELD_LABELS[name]
            if name in ("dtStart", "dtEnd"):
                try:
                    values[name] = parse_when(value)
                except ValueError:
                    problems.append(
                        Problem(
                            name,
                            Text(
                                f"{label.zh}格式应为 YYYY-MM-DD [HH:mm:ss]",
                                f"{label.en} must be YYYY-MM-DD [HH:mm:ss]",
                            ),
                        )
                    )
            elif name in ("qtyAttenderInt", "qtyAttenderExt"):
                if isinstance(value, bool) or not isinstance(value, int):
                    problems.append(Problem(name, Text(f"{label.zh}必须是整数", f"{label.en} must be a whole number")))
                else:
                    values[name] = value
            elif not isinstance(value, str):
                problems.append(Problem(name, Text(f"{label.zh}必须是文本", f"{label.en} must be text")))
            else:
                values[name] = value
        if problems:
            raise MeetingInvalid(problems)
        return cls(**values)


class MeetingInvalid(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text.en for p in problems))
        self.problems = problems

    def text(self) -> Text:
        return Text("；".join(p.text.zh for p in self.problems), "; ".join(p.text.en for p in self.problems))
