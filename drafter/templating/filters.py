"""Jinja filters for Chinese official prose: numerals, dates and ranges via Babel zh_CN, lists, percentages."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from drafter.cnnum import cn_count, cn_int, cn_year, num
from drafter.phrasing import achievement_phrase, deadline_phrase, target_phrase

LOCALE = "zh_CN"


def date_cn(value: dt.date | None, style: str = "arabic") -> str:
    """2020年8月21日 (Babel long format); style='chinese' gives 二〇二〇年八月二十一日."""
    if value is None:
        return ""
    if isinstance(value, str):   # a date not known yet (2026年×月×日) is drafted as written
        return value
    if style == "chinese":
        return f"{cn_year(value.year)}年{cn_int(value.month)}月{cn_int(value.day)}日"
    return _long_date(value)


@lru_cache(maxsize=1024)
def _long_date(value: dt.date) -> str:
    """Babel's zh_CN long format; a case repeats its few dates hundreds of times, so each is formatted once."""
    from babel.dates import format_date

    return format_date(value, _babel_data()[1], locale=_locale())


@lru_cache(maxsize=1)
def _locale():
    from babel import Locale

    return Locale.parse(_babel_data()[0])


@lru_cache(maxsize=1)
def _babel_data() -> tuple[str, str]:
    """The locale LOCALE resolves to (zh_Hans_CN) and its long date pattern (y年M月d日), as Babel gives them, kept
    in the cache per Babel version: resolving zh_CN reads Babel's global data and the pattern its locale data,
    ~17 ms per command, while formatting with the pattern (numbers only) reads neither."""
    import babel

    from drafter import cache

    def ask_babel() -> tuple[str, str]:
        from babel import Locale

        locale = Locale.parse(LOCALE)
        return str(locale), locale.date_formats["long"].pattern

    return tuple(cache.memo("babel", f"babel {babel.__version__} {LOCALE}", ask_babel))


def date_range(start: dt.date, end: dt.date | None) -> str:
    """2021年4月7日至5月7日: Babel's interval format drops what the two ends share."""
    if end is None or end == start or isinstance(start, str) or isinstance(end, str):
        return date_cn(start) if end is None or end == start else f"{date_cn(start)}至{date_cn(end)}"
    from babel.dates import format_interval

    return format_interval(start, end, "yMMMd", locale=_locale())


def list_cn(items) -> str:
    """A、B和C (Babel's zh_CN list pattern)."""
    items = [str(i) for i in items]
    if not items:
        return ""
    from babel.lists import format_list

    return format_list(items, locale=_locale())


def list_dun(items) -> str:
    """A、B、C: the enumeration comma alone, as in lists of units."""
    return "、".join(map(str, items))


def percent(value: float) -> str:
    """15 → 15%; the value is already in percent."""
    return f"{num(value)}%"


FILTERS = {
    "cn": cn_int,
    "cncount": cn_count,
    "cnyear": cn_year,
    "num": num,
    "date": date_cn,
    "daterange": date_range,
    "cnlist": list_cn,
    "dunlist": list_dun,
    "percent": percent,
    "target": target_phrase,
    "achievement": achievement_phrase,
    "deadline": deadline_phrase,
}
