"""One phrase grammar for targets, achievements and deadlines, so a fact reads the same in every document.

`phrase(statement)` is the single entry point: every kind, fragment (the `target`/`achievement` filters) and
facts block renders a Target or Achievement through it; `sentences()` adds group labels (××方面。) and 。.
The fields and their order are described in `drafter.facts.statements`.

到2020年底，全省PM2.5平均浓度比2015年下降15%以上 · 全市优良天数比率为82.5%，同比提高3.3个百分点 ·
淘汰燃煤锅炉1.1万台 · 化学需氧量、氨氮排放总量比2015年分别减少10%、15%以上 · 年内，不发生重特大环境污染事故.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.cnnum import cn_count, cn_int, num
from drafter.facts.statements import DOWN, POINTS, REFERENCE_DIRECTIONS, Achievement, Change, Statement, Target
from drafter.facts.types import Deadline

_LARGE = ((Decimal(100_000_000), "亿"), (Decimal(10_000), "万"))
_NO_SCALING = ("%", "‰", *POINTS, "成")


def deadline_phrase(d: Deadline | str | None, style: str = "by", form: str | None = None) -> str:
    """The date put into `form`, whose … stands for it (到…底 → 到2025年底, …底前 → 2025年9月底前).

    Without a form, `by` gives 到2025年底 / 2025年9月底前 / 2025年9月30日前 and `short` gives 2025年底前;
    strings (年内, 长期坚持) pass through."""
    if d is None:
        return ""
    if isinstance(d, str):
        return d
    if form is None:
        form = "…前" if d.day else "…底前" if d.month or style != "by" else "到…底"
    date = f"{d.year}年" + (f"{d.month}月" if d.month else "") + (f"{d.day}日" if d.day else "")
    return form.replace("…", date)


def number(value: float, unit: str = "") -> str:
    """A figure as documents write it: 11000台 → 1.1万台, 320000000元 → 3.2亿元, 9成 → 九成; 6200 stays 6200."""
    if unit == "成" and float(value).is_integer() and 0 < value < 10:
        return cn_count(int(value))
    if unit in _NO_SCALING or unit.startswith(("万", "亿")):
        return num(value)
    exact = Decimal(num(value))
    for size, word in _LARGE:
        scaled = exact / size
        if abs(exact) >= size and -scaled.as_tuple().exponent <= 2:  # at most two decimals: 1.25万, not 1.2345万
            return num(float(scaled)) + word
    return num(value)


def _amounts(values, unit: str, qualifier: str, join: str, unit_once: bool = False) -> str:
    """10%、15%以上 · 58.7%和47% · 39、68微克/立方米 · 6200多家 · 约3.2亿元 · 30%左右."""
    if values is None:
        return ""
    if not isinstance(values, list):
        if qualifier in ("约", "近"):
            return f"{qualifier}{number(values, unit)}{unit}"
        if qualifier in ("多", "余"):       # after 万/亿, before the unit itself: 3亿多元, 1.1万余台
            figure = number(values, unit)
            if unit.startswith(("万", "亿")):
                figure, unit = figure + unit[0], unit[1:]
            return f"{figure}{qualifier}{unit}"
        return f"{number(values, unit)}{unit}{qualifier}"
    items = [number(v, unit) + ("" if unit_once else unit) for v in values]
    joined = "、".join(items) if join == "、" else "、".join(items[:-1]) + "和" + items[-1]
    return joined + (unit if unit_once else "") + qualifier


def _each(values) -> str:
    return "分别" if isinstance(values, list) else ""


def _change(f: Change | Statement, unit: str, rate: bool) -> str:
    """比2015年下降15%以上 · 同比分别下降7.4%、7.1% · 好于全国平均水平4.3个百分点 · 与去年同期持平."""
    if rate and unit in ("%", ""):
        unit = "个百分点"
    amount = _amounts(f.value, unit, f.qualifier, f.join, f.unit_once)
    d, ref, manner = f.direction, f.reference(), f.manner or ""
    if d in REFERENCE_DIRECTIONS:
        return f"{_each(f.value)}{manner}{d}{ref}{amount}"
    if d == "持平":
        return f"与{ref}持平" if ref else f"{f.basis or ''}{manner}持平"
    basis = f.basis or ("比" if ref else "")
    lead = {"比": f"比{ref}", "较": f"较{ref}", "与…相比": f"与{ref}相比"}.get(basis, basis)
    relative = f"，{'降' if d in DOWN else '增'}幅{num(f.relative)}%" if f.relative is not None else ""
    return f"{lead}{_each(f.value)}{manner}{d}{amount}{relative}"


def _level(s: Statement) -> str:
    """达到80.3% · 80.3% · 分别达58.7%和47% · 保持在92%以上 · 超过九成."""
    return f"{_each(s.value)}{s.manner or ''}{s.verb or ''}{_amounts(s.value, s.unit, s.qualifier, s.join, s.unit_once)}"


def _action(s: Statement) -> str:
    """淘汰燃煤锅炉1.1万台 · 完成7个重点工程建设任务 · 基本消除劣Ⅴ类水体."""
    amount = _amounts(s.value, s.unit, s.qualifier, s.join)
    head = f"{s.manner or ''}{s.action}"
    return f"{head}{amount}{s.metric}" if s.count_first else f"{head}{s.metric}{amount}"


def phrase(s: Statement, with_deadline: bool = True) -> str:
    """The whole statement as one clause, without end punctuation; the one way a target or achievement reads."""
    scope = s.scope or ""
    if s.action is not None:
        main = scope + _action(s)
    elif s.state is not None:
        main = f"{scope}{s.metric}{s.state}"
    elif s.direction is not None:
        main = f"{scope}{s.metric}{_change(s, s.unit, s.rate)}"
    else:
        main = f"{scope}{s.metric}{_level(s)}"
    clauses = [main]
    if s.change is not None:
        rate = s.rate or (s.unit in ("%", "‰") and not s.change.unit)   # a change of a level in % is in 百分点
        change = _change(s.change, s.change.unit or s.unit, rate)
        if s.value is None and s.direction is None and s.action is None:
            clauses[0] += change          # 全省PM2.5平均浓度同比下降1.7%: no comma between subject and verb
        else:
            clauses.append(change)
    rank = getattr(s, "rank", None)
    if rank:
        suffix = rank.suffix if rank.suffix is not None else "位" if rank.verb == "居" else ""
        place = f"{rank.scope}第{cn_int(rank.position)}{suffix}"
        clauses.append(f"{rank.aspect or ''}{rank.verb}{place}")
    if s.note:
        clauses.append(s.note)
    text = "，".join(clauses)
    if with_deadline and s.deadline:
        text = f"{deadline_phrase(s.deadline, form=s.deadline_form)}，{text}"
    elif with_deadline and s.period:
        text = f"{s.period}，{text}"
    return text


def sentences(statements) -> list[str]:
    """One sentence per statement, ending in 。; statements of one group join after their label:
    土壤环境风险管控方面。受污染耕地安全利用率达到92%，污染地块安全利用率达到90%。"""
    items: list[str] = []
    groups: dict[str, int] = {}
    last: dict[str, tuple] = {}         # a group's last deadline: the next one of the same date does not repeat it
    for s in statements:
        when = (s.deadline, s.deadline_form, s.period)
        if s.joined and items:          # …为298天，优良率81.6%。
            items[-1] = items[-1][:-1] + "，" + phrase(s) + "。"
            continue
        if s.group and s.group in groups:
            i = groups[s.group]
            text = phrase(s, with_deadline=last[s.group] != when)
            last[s.group] = when
            items[i] = items[i][:-1] + "，" + text + "。"
            continue
        text = phrase(s)
        if s.group:
            groups[s.group] = len(items)
            last[s.group] = when
            items.append(f"{s.group.rstrip('。')}。{text}。")
        else:
            items.append(text + "。")
    return items


def target_phrase(t: Target, with_deadline: bool = True) -> str:
    return phrase(t, with_deadline)


def achievement_phrase(a: Achievement) -> str:
    return phrase(a)
