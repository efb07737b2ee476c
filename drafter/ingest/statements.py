"""Read a sentence as a typed target or achievement — only when drafter's phrase grammar says it back the same.

The reader proposes fields for the common forms (a level with or without a verb, a change against a year or
同比/环比, 分别 lists, a deadline in front, a change or a note after a comma); `drafter.phrasing.phrase`
renders each proposal, and the first that reads exactly as the source is kept. Anything else stays own text.
"""

from __future__ import annotations

import re
from typing import get_args

from drafter.facts.statements import Basis, Direction, Manner, Verb
from drafter.typed import ValidationError

_VERBS = "|".join(sorted(get_args(Verb), key=len, reverse=True))
_DIRECTIONS = "|".join(sorted((d for d in get_args(Direction) if len(d) == 2), key=len, reverse=True))
_MANNERS = "|".join(get_args(Manner))
_BASES = "|".join(b for b in get_args(Basis) if b in ("同比", "环比"))
_NUM = r"\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"^(?P<each>分别)?(?P<vals>{_NUM}(?:[^\d、和]*?[、和]{_NUM})*)(?P<unit>[^\d、，]*?)"
                     r"(?P<qual>以上|以下|以内|左右)?$")
_DEADLINE = re.compile(r"^(?:(?:到|截至)?(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?(?:(?P<d>\d{1,2})日)?(?:底前|底|前)?|(?P<within>年内))，")
_SCOPE = re.compile(r"^(全[省市县区国镇州盟旗乡](?:地级及以上城市|县级及以上城市)?)(?=.)")
_LEVEL = re.compile(rf"^(?P<subj>.+?)(?P<manner>{_MANNERS})?(?P<verb>{_VERBS})(?P<amt>(?:分别)?\d.*)$")
_BARE = re.compile(rf"^(?P<subj>.*?[^\d.])(?P<amt>{_NUM}[^\d]*)$")
_CHANGE = re.compile(rf"^(?P<subj>.*?)(?:(?P<basis>比|较)(?P<year>\d{{4}})年|(?P<basis2>{_BASES})"
                     r"|比(?P<baseline>去年同期|上年同期|去年|上年))?"
                     rf"(?P<manner>{_MANNERS})?(?P<dir>{_DIRECTIONS})(?P<amt>(?:分别)?\d.*)$")
_VERSUS = re.compile(r"^(?P<subj>.*?)(?P<dir>好于|优于|高于|低于)(?P<ref>[^\d，]+?)(?P<amt>\d.*)$")


def read_statement(sentence: str, kind: str = "target") -> dict | None:
    """Fields of a Target (kind target) or Achievement that phrase() renders as `sentence` (its 。 aside)."""
    from drafter.facts.statements import Achievement, Target
    from drafter.phrasing import phrase

    text = sentence.strip().rstrip("。")
    if not text or "{" in text:
        return None
    model = Target if kind == "target" else Achievement
    for fields in _proposals(text, kind):
        try:
            statement = model.model_validate(fields)
        except ValidationError:
            continue
        if phrase(statement) == text:
            return _tidy(fields)
    return None


_ORDER = ("group", "scope", "metric", "verb", "direction", "basis", "baseline_year", "baseline", "manner", "value", "unit",
          "qualifier", "join", "rate", "change", "deadline", "deadline_form", "note")


def _tidy(fields: dict) -> dict:
    """Fields in reading order, whole numbers written without .0, as a person writes a case file."""
    def clean(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        return v
    return {k: clean(fields[k]) for k in sorted(fields, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))}


def _proposals(text: str, kind: str):
    heads: list[dict] = [{}]
    m = _DEADLINE.match(text)
    if m:
        heads = _deadlines(m)
        text = text[m.end():]
    main, *rest = text.split("，")
    tails = [{}]
    if rest:
        change = _change_clause(rest[0])
        tails = ([{"change": change, **({"note": "，".join(rest[1:])} if rest[1:] else {})}] if change else []) + [
            {"note": "，".join(rest)}]
    for body in _main(main):
        for tail in tails:
            if "change" in tail and "direction" in body:
                continue
            b, t = dict(body), {k: dict(v) if isinstance(v, dict) else v for k, v in tail.items()}
            for rate in _rates(b, t):
                for scoped in _scoped(b):
                    for head in heads:
                        yield {**scoped, **head, **t, **rate}


def _deadlines(m: re.Match) -> list[dict]:
    """The date, with no form (its default wording) and then with each form the grammar knows; phrase() picks."""
    from drafter.facts.statements import DeadlineForm

    if m["within"]:
        return [{"deadline": "年内"}]
    value = m["y"] + (f"-{int(m['m']):02d}" if m["m"] else "") + (f"-{int(m['d']):02d}" if m["d"] else "")
    return [{"deadline": value}] + [{"deadline": value, "deadline_form": f} for f in get_args(DeadlineForm)]


def _amount(text: str) -> dict | None:
    m = _AMOUNT.match(text)
    if not m:
        return None
    parts = re.split(r"[、和]", m["vals"])
    units = {re.sub(rf"^{_NUM}", "", p) for p in parts[:-1]}
    unit = m["unit"]
    if any(u not in ("", unit) for u in units):
        return None
    values = [float(re.match(_NUM, p).group(0)) for p in parts]
    out: dict = {"value": values if len(values) > 1 else values[0], "unit": unit}
    if len(values) > 1 and "和" in m["vals"]:
        out["join"] = "和"
    if m["qual"]:
        out["qualifier"] = m["qual"]
    if len(values) > 1 and not m["each"]:
        return None
    if unit.startswith(("多", "余")):      # 6200多家: 多/余 sit between the number and the unit
        out["qualifier"], out["unit"] = unit[0], unit[1:]
    return out


def _main(text: str):
    m = _CHANGE.match(text)
    if m:
        amount = _amount(m["amt"])
        if amount:
            body = {"metric": m["subj"], "direction": m["dir"], **amount}
            if m["year"]:
                body |= {"basis": m["basis"], "baseline_year": int(m["year"])}
            elif m["basis2"]:
                body["basis"] = m["basis2"]
            elif m["baseline"]:
                body |= {"basis": "比", "baseline": m["baseline"]}
            if m["manner"]:
                body["manner"] = m["manner"]
            yield body
    m = _VERSUS.match(text)
    if m:
        amount = _amount(m["amt"])
        if amount:
            yield {"metric": m["subj"], "direction": m["dir"], "baseline": m["ref"], **amount}
    m = _LEVEL.match(text)
    if m:
        amount = _amount(m["amt"])
        if amount:
            body = {"metric": m["subj"], "verb": m["verb"], **amount}
            if m["manner"]:
                body["manner"] = m["manner"]
            yield body
    m = _BARE.match(text)
    if m:
        amount = _amount(m["amt"])
        if amount:
            yield {"metric": m["subj"], **amount}


def _change_clause(text: str) -> dict | None:
    m = _CHANGE.match(text)
    if not m or m["subj"]:
        return None
    amount = _amount(m["amt"])
    if not amount or isinstance(amount["value"], list):
        return None
    change = {"direction": m["dir"], **{k: v for k, v in amount.items() if k != "unit"}}
    if m["year"]:
        change |= {"basis": m["basis"], "baseline_year": int(m["year"])}
    elif m["basis2"]:
        change["basis"] = m["basis2"]
    elif m["baseline"]:
        change |= {"basis": "比", "baseline": m["baseline"]}
    if amount["unit"] and amount["unit"] != "个百分点":
        change["unit"] = amount["unit"]
    change["_points"] = amount["unit"] == "个百分点"
    return change


def _rates(body: dict, tail: dict):
    """rate: true when a rate's change reads in 百分点; explicit false where a relative change of a rate is meant."""
    change = tail.get("change")
    points = bool(change and change.pop("_points", False)) or body.get("unit") == "个百分点"   # on copies
    named = body["metric"].endswith(("率", "比例", "比率"))
    if points:
        if body.get("unit") == "个百分点":
            body["unit"] = "%"
        yield {"rate": True}
        return
    if named:
        yield {"rate": False}
        if body.get("unit") in ("%", "‰", "") and "direction" not in body and not change:
            yield {"rate": True}
    else:
        yield {}


def _scoped(body: dict):
    m = _SCOPE.match(body["metric"])
    if m:
        yield {**body, "scope": m[1], "metric": body["metric"][m.end():]}
    yield body
