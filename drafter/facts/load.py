"""Load a case file: safe YAML → typed Case, with every problem as file:line field：message in Chinese."""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter import collector
from drafter.errors import CaseError
from drafter.facts.model import PERSON_FIELDS, Case
from drafter.facts.types import NOT_BLANK, PATTERN_RULES
from drafter.problems import Problem, closest, format_path
from drafter.typed import BaseModel, ValidationError
from drafter.yamlsource import Located, load_yaml, read_text


@dataclass
class CaseFile:
    """A validated case and where it came from, so later stages can point back at lines."""

    case: Case
    source: Located
    path: Path | None = None

    def problem(self, path: tuple, message: str) -> Problem:
        return Problem(message, file=self.source.file, line=self.source.line_of(path), path=format_path(path))


def load_case(path: str | Path) -> CaseFile:
    path = Path(path)
    text = read_text(path, str(path))
    return parse_case(text, str(path), path)


def parse_case(text: str, file: str, path: Path | None = None) -> CaseFile:
    with collector.paused():
        return _parse_case(text, file, path)


def _parse_case(text: str, file: str, path: Path | None) -> CaseFile:
    return validate(load_yaml(text, file), path)


def parse_data(data: Any, file: str, path: Path | None = None) -> CaseFile:
    """Validate plain data (the TUI's snapshot): problems carry the field path, not a line."""
    return validate(Located(data=data, file=file), path)


def validate(located: Located, path: Path | None = None) -> CaseFile:
    file = located.file
    if not isinstance(located.data, dict):
        raise CaseError(Problem(f"案卷的最外层应为若干“字段: 值”，得到{_describe(located.data)}", file=file, line=1))
    try:
        case = Case.model_validate(located.data)
    except ValidationError as exc:
        raise CaseError(translate(exc, located)) from None
    cf = CaseFile(case, located, path)
    problems = cross_check(cf)
    if problems:
        raise CaseError(problems)
    return cf


def cross_check(cf: CaseFile) -> list[Problem]:
    """References between parts of the case: people ids, unique document ids."""
    case = cf.case
    ids = [p.id for p in case.people]
    problems: list[Problem] = []

    def person(ref: str | None, where: tuple) -> None:
        if ref is not None and ref not in ids:
            problems.append(cf.problem(where, f"people 中没有 id 为“{ref}”的人员{_suggest(ref, ids)}"))

    seen: set[str] = set()
    for i, p in enumerate(case.people):
        if p.id in seen:
            problems.append(cf.problem(("people", i, "id"), f"人员 id“{p.id}”重复"))
        seen.add(p.id)
    if case.meeting is not None:
        person(case.meeting.host, ("meeting", "host"))
        start, end = case.meeting.date, case.meeting.end_date
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            problems.append(cf.problem(("meeting", "end_date"), f"结束日期（{end.isoformat()}）早于会议日期（{start.isoformat()}）"))
        for i, item in enumerate(case.meeting.agenda):
            person(item.person, ("meeting", "agenda", i, "person"))
    seen = set()
    for i, doc in enumerate(case.documents):
        if doc.id in seen:
            problems.append(cf.problem(("documents", i, "id"), f"文档 id“{doc.id}”重复"))
        seen.add(doc.id)
        for field in PERSON_FIELDS:
            if getattr(doc, field, None) is not None:
                person(getattr(doc, field), ("documents", i, field))
    for key in ("targets", "achievements"):
        items = getattr(case, key)
        if items and items[0].joined:
            problems.append(cf.problem((key, 0, "joined"), "第一条没有上一条可接：删去 joined，或把它移到要接的那一条之后"))
    problems += _check_totals(cf)
    if case.petitions and case.petitions.concluded > case.petitions.received:
        problems.append(cf.problem(("petitions", "concluded"), "已办结件数不能多于受理件数"))
    return problems


def _check_totals(cf: CaseFile) -> list[Problem]:
    """Declared task totals add up, and agree with the tasks listed one by one when both are given."""
    totals, case = cf.case.task_totals, cf.case
    if totals is None:
        return []
    out = []
    if totals.done + totals.lagging > totals.total:
        out.append(cf.problem(("task_totals",), f"已完成（{totals.done}）与滞后（{totals.lagging}）之和超过任务总数（{totals.total}）"))
    listed = [t for s in case.tasks for t in s.items]
    if listed:
        facts = {"total": len(listed), "done": sum(t.status == "已完成" for t in listed),
                 "lagging": sum(t.status == "滞后" for t in listed)}
        names = {"total": "任务总数", "done": "已完成", "lagging": "滞后"}
        for key, value in facts.items():
            declared = getattr(totals, key)
            if declared != value:
                out.append(cf.problem(("task_totals", key), f"申报的{names[key]}为{declared}项，"
                                                             f"但 tasks 中逐项列出的是{value}项：请核对"))
    return out


# --- validation errors → Chinese -------------------------------------------------------------


def translate(exc: ValidationError, located: Located, root: type[BaseModel] = Case) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        path = _data_path(err["loc"], located.data)
        key = format_path(path)
        if key in seen:  # one message per field is enough
            continue
        seen.add(key)
        problems.append(
            Problem(_message(err, path, root), file=located.file, line=located.line_of(path), path=key or None)
        )
    return problems


def _data_path(loc: tuple, data: Any) -> tuple:
    """The error's place as the user wrote it: where a value was read as a longer form (`lead: 省厅` as a list,
    `- 某项` as an item's text), the error inside that form is the written value's own."""
    out: list = []
    cur = data
    for part in loc:
        if isinstance(cur, dict):
            out.append(part)   # a present, missing or unknown key
            cur = cur.get(part) if isinstance(part, str) else None
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            out.append(part)
            cur = cur[part]
        else:
            break
    return tuple(out)


def _is_number(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f" {str(value).lower()}"
    if isinstance(value, str):
        return f" “{value}”"
    if isinstance(value, (int, float)):
        return f" {value}"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组“字段: 值”"
    return f" {value!r}"


def _message(err: dict, path: tuple, root: type[BaseModel] = Case) -> str:
    t = err["type"]
    got = _describe(err.get("input"))
    ctx = err.get("ctx") or {}
    if t == "missing":
        return "缺少必填字段"
    if t == "extra_forbidden":
        name = str(path[-1]) if path else ""
        return f"未知字段“{name}”{_suggest(name, _known_fields(path[:-1], root))}"
    if t in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        kind = "整数" if t.startswith("int") else "数字"
        quoted = isinstance(err.get("input"), str) and _is_number(err["input"])
        return f"应为{kind}，得到{got}" + ("（数字不加引号）" if quoted else "")
    if t in ("string_type", "str_type"):
        if err.get("input") is None:
            return "不能为空"
        return f"应为文字，得到{got}（数字或日期请加引号）"
    if t == "string_too_short":
        return "不能为空"
    if t == "bool_type":
        return f"应为 true 或 false，得到{got}"
    if t == "list_type":
        return f"应为列表（每项以“- ”开头），得到{got}"
    if t in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        return f"应为若干“字段: 值”，得到{got}"
    if t == "too_short":
        return "至少需要一项"
    if t in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"日期无效{got}：应写成 2020-08-21 或 2020年8月21日"
    if t == "literal_error":
        expected = ctx.get("expected", "").replace("''", "（不写）").replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"应为以下之一：{expected}；得到{got}"
    if t in ("union_tag_invalid", "union_tag_not_found"):
        expected = str(ctx["expected_tags"]).replace("'", "").replace(", ", "、")
        return f"kind 应为以下之一：{expected}；得到{_describe(ctx.get('tag'))}"
    if t in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        word = {"greater_than_equal": "不小于", "greater_than": "大于", "less_than_equal": "不大于", "less_than": "小于"}[t]
        return f"应{word} {bound}，得到{got}"
    if t == "string_pattern_mismatch":
        rule = PATTERN_RULES.get(ctx.get("pattern"), "写法不符合要求")
        return rule if ctx.get("pattern") == NOT_BLANK else f"{rule}，得到{got}"
    if t == "finite_number":
        return f"应为数字，得到{got}"
    if t == "value_error":
        return str(ctx.get("error", err["msg"]))
    return f"{err['msg']}（得到{got}）"


def _known_fields(path: tuple, root: type[BaseModel] = Case) -> list[str]:
    """Field names allowed at `path`, for suggesting the nearest known key."""
    model: Any = root
    for part in path:
        model = _child(model, part)
        if model is None:
            return []
    model = _unwrap(model)
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _child(tp: Any, part: Any) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, tuple):  # a union: pick the member that has this field
        for member in tp:
            found = _child(member, part)
            if found is not None:
                return found
        return None
    if isinstance(part, int):
        args = typing.get_args(tp)
        return args[0] if typing.get_origin(tp) is list and args else None
    if isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
        return tp.model_fields[part].annotation
    if typing.get_origin(tp) is dict:
        return typing.get_args(tp)[1]
    return None


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        members = [_unwrap(a) for a in typing.get_args(tp) if a is not type(None)]
        return members[0] if len(members) == 1 else tuple(members)
    return tp


def _suggest(word: str, choices: list[str]) -> str:
    close = closest(word, choices)
    return f"，是否想写“{close}”？" if close else (f"（可用：{'、'.join(choices)}）" if choices and len(choices) <= 12 else "")
