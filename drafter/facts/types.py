"""Small value types shared by the case model: dates written the way offices write them, deadlines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from drafter.typed import BeforeValidator, Field, PlainSerializer

_CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_PARTIAL = re.compile(r"^\s*(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?\s*$")
_CN_PARTIAL = re.compile(r"^\s*(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?\s*(?:底|末)?\s*(?:前)?\s*$")


PLACEHOLDER_MARKS = ("×", "Ｘ", "XX")
FIRST_YEAR, LAST_YEAR = 1949, 2100   # the years a case may name: dates, 发文字号's 年份, baseline_year


class Pending(str):
    """A date not known yet, written with visible placeholders (2026年×月×日): drafted as written,
    and `drafter check` reports it until it is replaced."""


def _date_before(value: Any) -> Any:
    """Accept 2020-08-21 and 2020年8月21日; reject impossible dates with a plain message."""
    if isinstance(value, str) and any(mark in value for mark in PLACEHOLDER_MARKS):
        return Pending(value.strip())
    if isinstance(value, str):
        m = _CN_DATE.match(value) or re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", value)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                day = dt.date(y, mo, d)
            except ValueError:
                raise ValueError(f"日期不存在：“{value.strip()}”（{y}年{mo}月没有{d}日）") from None
            if not FIRST_YEAR <= y <= LAST_YEAR:
                raise ValueError(f"年份“{y}”超出范围：应在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间")
            return day
        raise ValueError(f"日期无效 “{value.strip()}”：应写成 2020-08-21 或 2020年8月21日（未定的日期可写 2026年×月×日）")
    return value


Date = Annotated[dt.date | Pending, BeforeValidator(_date_before)]


@dataclass(frozen=True)
class Deadline:
    """A deadline as precise as the office states it: a year, a month, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


def _deadline_before(value: Any) -> Any:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, bool):
        raise ValueError(f"应为年份或日期（如 2025、2025-09、2025-09-30），得到 {value}")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dt.date):
        return Deadline(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(f"应为年份或日期（如 2025、2025-09、2025-09-30），得到 {value!r}")
    m = _ISO_PARTIAL.match(value) or _CN_PARTIAL.match(value)
    if not m:
        raise ValueError(f"无法识别的时限“{value}”：应写成 2025、2025-09 或 2025-09-30")
    y, mo, d = (int(g) if g else None for g in m.groups())
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"月份不存在：“{value}”")
    if d is not None:
        try:
            dt.date(y, mo, d)
        except ValueError:
            raise ValueError(f"日期不存在：“{value}”（{y}年{mo}月没有{d}日）") from None
    return Deadline(y, mo, d)


DeadlineField = Annotated[Deadline, BeforeValidator(_deadline_before), PlainSerializer(str)]

Number = Annotated[float, Field(strict=True)]
NOT_BLANK = r"\S"
PART_ID = r"^[\w.-]+$"
FRAGMENT_ID = r"^[a-z0-9][a-z0-9._-]*$"
PATTERN_RULES = {
    NOT_BLANK: "不能为空（只有空格）",
    PART_ID: "只能由汉字、字母、数字和 . _ - 组成，不含空格",
    FRAGMENT_ID: "只能由小写字母、数字和 . _ - 组成，以字母或数字开头",
}
"""The patterns text must match, and what each asks for in words (facts.load's messages)."""

Text = Annotated[str, Field(strict=True, min_length=1, pattern=NOT_BLANK)]
"""Text that says something: not empty, not only spaces (a blank heading would be numbered and printed as nothing)."""


OPEN_ENDED = ("长期坚持", "持续推进")


def _task_deadline_before(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in OPEN_ENDED:
        return value.strip()
    return _deadline_before(value)


TaskDeadline = Annotated[Any, BeforeValidator(_task_deadline_before)]
"""A task's 完成时限: a Deadline, or 长期坚持 / 持续推进 for open-ended work."""


WITHIN_YEAR = "年内"


def _target_deadline_before(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and value.strip() == WITHIN_YEAR:
        return WITHIN_YEAR
    return _deadline_before(value)


TargetDeadline = Annotated[Any, BeforeValidator(_target_deadline_before),
                          PlainSerializer(lambda v: None if v is None else str(v))]
"""A target's deadline: a Deadline (2025, 2025-09, 2025-09-30), or 年内 for the current year."""


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


OneOrMany = BeforeValidator(_one_or_many)


def _count_or_pending(value: Any) -> Any:
    """A sequence number as typed (18), or a visible placeholder (×) until it is known."""
    if isinstance(value, str) and any(mark in value for mark in PLACEHOLDER_MARKS):
        return Pending(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"应为整数（未定时可写 ×），得到 {value!r}")
    if value < 1:
        raise ValueError(f"应不小于 1，得到 {value}")
    return value


SequenceNumber = Annotated[Any, BeforeValidator(_count_or_pending)]
"""发文字号's 顺序号: an integer, or × while the number is not yet assigned."""
