"""A valid meeting for tests, with any field overridden."""

from __future__ import annotations

import datetime as dt

from desktop_app.gateway.meeting import Meeting

SAMPLE_USER_ID = "3e293ec3-52a3-11e8-82e3-0242ac142204"


def sample_meeting(user_id: str = SAMPLE_USER_ID, **overrides: object) -> Meeting:
    values: dict[str, object] = {
        "tuUserId": user_id,
        "name": "华东区学术会",
        "type": "学术会议",
        "province": "上海市",
        "city": "上海市",
        "dtStart": dt.date(2026, 6, 1),
        "dtEnd": dt.date(2026, 6, 2),
        "qtyAttenderInt": 10,
        "qtyAttenderExt": 5,
        "descr": "备注",
    }
    values.update(overrides)
    return Meeting(**values)  # type: ignore[arg-type]
