"""One phrase grammar for targets, achievements and deadlines, so a fact reads the same in every document.

到2020年底，全省PM2.5平均浓度比2015年下降15%以上 · 全市优良天数比率为82.5%，同比提高3.3个百分点.
"""

from __future__ import annotations

from drafter.cnnum import cn_int, num
from drafter.facts.model import Achievement, Target
from drafter.facts.types import Deadline

CHANGES = ("下降", "提高", "减少", "增长", "增加")


def deadline_phrase(d: Deadline | str | None, style: str = "by") -> str:
    """`by`: 到2025年底 / 2025年9月底前 / 2025年9月30日前; `short`: 2025年底前 …; strings pass through."""
    if d is None:
        return ""
    if isinstance(d, str):
        return d
    if d.day:
        return f"{d.year}年{d.month}月{d.day}日前"
    if d.month:
        return f"{d.year}年{d.month}月底前"
    return f"到{d.year}年底" if style == "by" else f"{d.year}年底前"


def _amount(value: float | None, unit: str, rate_change: bool) -> str:
    if value is None:
        return ""
    if rate_change:
        return f"{num(value)}个百分点"
    return f"{num(value)}{unit}"


def target_phrase(t: Target, with_deadline: bool = True) -> str:
    """The whole target as one clause, without end punctuation."""
    subject = f"{t.scope or ''}{t.metric}"
    d = t.direction
    if d in CHANGES:
        amount = _amount(t.value, t.unit, t.rate)
        base = f"比{t.baseline_year}年" if t.baseline_year else ""
        body = f"{base}{d}{amount}{t.qualifier}" if amount else f"持续{d}"
    elif d == "控制在":
        body = f"控制在{_amount(t.value, t.unit, False)}{t.qualifier or '以内'}"
    elif d == "保持":
        body = f"保持在{_amount(t.value, t.unit, False)}{t.qualifier}" if t.value is not None else "保持稳定"
    else:  # 达到 不低于 不高于
        body = f"{d}{_amount(t.value, t.unit, False)}{t.qualifier}"
    text = subject + body
    if t.note:
        text += f"，{t.note}"
    if with_deadline and t.deadline:
        text = f"{deadline_phrase(t.deadline)}，{text}"
    return text


def achievement_phrase(a: Achievement) -> str:
    """全市空气质量优良天数为301天，同比增加12天，改善幅度居全省第二位."""
    text = f"{a.scope or ''}{a.metric}"
    if a.value is not None:
        text += f"{a.verb}{num(a.value)}{a.unit}"
    if a.yoy:
        if a.yoy.direction == "持平":
            text += "，与上年持平"
        else:
            unit = a.yoy.unit or a.unit
            text += f"，同比{a.yoy.direction}{_amount(a.yoy.value, unit, a.rate)}"
    if a.rank:
        aspect = a.rank.aspect or ""
        text += f"，{aspect}居{a.rank.scope}第{cn_int(a.rank.position)}位"
    if a.note:
        text += f"，{a.note}"
    return text
