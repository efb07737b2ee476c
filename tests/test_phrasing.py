"""The phrase grammar for targets and achievements, and the numeral, date and list filters."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.cnnum import cn_count, cn_int, cn_year, num
from drafter.facts.model import Achievement, Target
from drafter.phrasing import achievement_phrase, deadline_phrase, target_phrase
from drafter.templating.filters import date_cn, date_range, list_cn, percent


@pytest.mark.parametrize(
    "fields,expected",
    [
        (dict(metric="PM2.5平均浓度", scope="全省", baseline_year=2015, direction="下降", value=15, unit="%",
              qualifier="以上", deadline="2020"), "到2020年底，全省PM2.5平均浓度比2015年下降15%以上"),
        (dict(metric="优良天数比率", direction="提高", value=3, unit="%", rate=True, deadline="2025-09"),
         "2025年9月底前，优良天数比率提高3个百分点"),
        (dict(metric="优良天数比率", direction="达到", value=80.3, unit="%"), "优良天数比率达到80.3%"),
        (dict(metric="突发环境事件", direction="控制在", value=5, unit="起"), "突发环境事件控制在5起以内"),
        (dict(metric="断面达标率", direction="不低于", value=72, unit="%", note="无劣Ⅴ类断面"), "断面达标率不低于72%，无劣Ⅴ类断面"),
        (dict(metric="PM10浓度", direction="不高于", value=70, unit="微克/立方米", deadline="2025-06-30"),
         "2025年6月30日前，PM10浓度不高于70微克/立方米"),
        (dict(metric="环境质量", direction="保持"), "环境质量保持稳定"),
        (dict(metric="排放总量", direction="下降"), "排放总量持续下降"),
    ],
)
def test_target_phrase(fields, expected):
    assert target_phrase(Target(**fields)) == expected


def test_achievement_phrase():
    a = Achievement(metric="优良天数比率", scope="全市", value=82.5, unit="%", rate=True,
                    yoy={"direction": "提高", "value": 3.3}, rank={"position": 2, "scope": "全省", "aspect": "改善幅度"})
    assert achievement_phrase(a) == "全市优良天数比率为82.5%，同比提高3.3个百分点，改善幅度居全省第二位"
    b = Achievement(metric="PM2.5平均浓度", value=39, unit="微克/立方米", yoy={"direction": "下降", "value": 7.1, "unit": "%"})
    assert achievement_phrase(b) == "PM2.5平均浓度为39微克/立方米，同比下降7.1%"
    c = Achievement(metric="案件数", value=10, unit="件", yoy={"direction": "持平"})
    assert achievement_phrase(c) == "案件数为10件，与上年持平"


def test_deadlines():
    from drafter.facts.types import Deadline

    assert deadline_phrase(Deadline(2025)) == "到2025年底"
    assert deadline_phrase(Deadline(2025), "short") == "2025年底前"
    assert deadline_phrase(Deadline(2025, 9)) == "2025年9月底前"
    assert deadline_phrase("长期坚持") == "长期坚持"


def test_numerals():
    assert [cn_int(i) for i in (1, 10, 11, 20, 32, 100, 105, 110)] == ["一", "十", "十一", "二十", "三十二", "一百", "一百零五", "一百一十"]
    assert cn_count(2) == "两" and cn_count(12) == "十二"
    assert cn_year(2020) == "二〇二〇"
    assert (num(15.0), num(80.3), num(0.1 + 0.2)) == ("15", "80.3", "0.3")


def test_babel_dates_lists_percent():
    assert date_cn(dt.date(2020, 8, 21)) == "2020年8月21日"
    assert date_cn(dt.date(2025, 1, 8), "chinese") == "二〇二五年一月八日"
    assert date_range(dt.date(2021, 4, 7), dt.date(2021, 5, 7)) == "2021年4月7日至5月7日"
    assert date_range(dt.date(2021, 12, 30), dt.date(2022, 1, 2)) == "2021年12月30日至2022年1月2日"
    assert list_cn(["A", "B", "C"]) == "A、B和C"
    assert percent(15) == "15%"
