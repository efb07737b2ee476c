"""What the editor shows for each place in a case: read from the case model itself, in Chinese.

Why from the model: the TUI must edit everything a case can say, and the model is where that is
said. Forms are built from the model's fields (type, choices, required), so a field added to the
model appears in the editor with no screen code; only its Chinese label is written here (a test
fails when a field has none). Imports no Textual, so it can be tested and reused headless.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from drafter.facts import model as M
from drafter.facts import types as T
from drafter.outline.parts import ALLOWED, FACTS, FRAME, Item, Part
from drafter.typed import BaseModel

LABELS: dict[str, str] = {
    # organ, meeting, people
    "Org.name": "发文机关全称", "Org.short": "规范化简称", "Org.code": "机关代字（如 陕环发）",
    "Org.mark": "发文机关标志（默认“全称+文件”）", "Org.superiors": "上级机关（每行一个）",
    "Meeting.name": "会议名称", "Meeting.date": "会议日期", "Meeting.end_date": "结束日期", "Meeting.time": "时间",
    "Meeting.place": "地点", "Meeting.host": "主持人", "Meeting.purpose": "会议任务",
    "Meeting.participants": "参会人员（每行一类）", "Meeting.agenda": "会议议程",
    "AgendaItem.item": "议程内容", "AgendaItem.person": "由谁进行",
    "Person.id": "编号", "Person.name": "姓名", "Person.title": "职务",
    # targets, achievements
    "Target.id": "引用名（供提纲挑选）", "Target.metric": "指标", "Target.scope": "范围", "Target.baseline_year": "基准年",
    "Target.direction": "方向", "Target.value": "数值", "Target.unit": "单位", "Target.qualifier": "限定词",
    "Target.rate": "比率类（变化称百分点）", "Target.deadline": "时限（2025、2025-09 或 年内）",
    "Target.note": "补充表述", "Target.group": "归类标签",
    "_Figure.direction": "方向", "_Figure.basis": "比较方式（同比、比、较……）", "_Figure.baseline_year": "基准年",
    "_Figure.baseline": "比较对象（如 去年同期）", "_Figure.manner": "程度词（持续、明显……）",
    "_Figure.value": "数值（几个数值用、分隔，成句“分别”）", "_Figure.unit": "单位", "_Figure.qualifier": "限定词",
    "_Figure.join": "几个数值之间", "_Figure.unit_once": "单位只在末尾写一次", "_Figure.relative": "降幅或增幅（%）",
    "Statement.id": "引用名（供提纲挑选）", "Statement.group": "归类标签", "Statement.scope": "范围", "Statement.metric": "指标",
    "Statement.verb": "动词（为、达到……，可不写）", "Statement.action": "行动动词（淘汰、完成、消除……）",
    "Statement.count_first": "数量写在对象之前", "Statement.state": "状态（没有数值时，如 保持良好）",
    "Statement.rate": "比率类（变化称百分点）", "Statement.change": "变化", "Statement.note": "补充表述",
    "Statement.deadline": "时限（2025、2025-09 或 年内）", "Statement.deadline_form": "时限的写法",
    "Change.direction": "变化·方向", "Change.value": "变化·数值", "Change.unit": "变化·单位",
    "Change.basis": "变化·比较方式", "Change.baseline_year": "变化·基准年", "Change.baseline": "变化·比较对象",
    "Change.manner": "变化·程度词", "Change.qualifier": "变化·限定词", "Change.join": "变化·几个数值之间",
    "Change.unit_once": "变化·单位只写一次", "Change.relative": "变化·降幅或增幅（%）",
    "Rank.position": "排名·名次", "Rank.scope": "排名·范围", "Rank.aspect": "排名·方面", "Rank.verb": "排名·说法",
    "Rank.suffix": "排名·名次后的字（位、名）",
    "Achievement.id": "引用名（供提纲挑选）", "Achievement.metric": "指标", "Achievement.scope": "范围",
    "Achievement.value": "数值", "Achievement.unit": "单位", "Achievement.verb": "动词", "Achievement.rate": "比率类（变化称百分点）",
    "Achievement.yoy": "同比变化", "Achievement.rank": "排名", "Achievement.note": "补充表述",
    # tasks
    "TaskSection.section": "板块标题", "TaskSection.intro": "板块导语", "TaskSection.items": "任务",
    "Task.title": "任务（引领句）", "Task.measures": "具体措施", "Task.lead": "牵头单位（每行一个）",
    "Task.units": "责任单位（每行一个）", "Task.deadline": "完成时限", "Task.status": "进展状态", "Task.progress": "进展情况",
    "TaskTotals.total": "任务总数", "TaskTotals.done": "已完成", "TaskTotals.lagging": "进度滞后",
    "Petitions.received": "受理件数", "Petitions.concluded": "已办结件数", "Petitions.penalized": "立案处罚家数",
    "Petitions.fines": "罚款金额（万元）", "Petitions.held_accountable": "问责人数",
    "Citation.issuer": "发文机关", "Citation.title": "文件名称（不含书名号）", "Citation.number": "文号",
    "Requirement.title": "要点", "Requirement.text": "展开的话",
    "Point.title": "要点标题", "Point.intro": "导语", "Point.items": "分项（每行一项）", "Point.style": "分项列举方式",
    "Point.parts": "分项之后的部分",
    # the case
    "Case.org": "发文机关", "Case.meeting": "会议", "Case.people": "人员", "Case.targets": "目标指标",
    "Case.achievements": "主要成绩", "Case.tasks": "重点任务", "Case.petitions": "信访办理", "Case.task_totals": "任务总数",
    "Case.documents": "文档",
    # documents
    "Document.id": "编号", "Document.kind": "文种", "Document.title": "标题（不填用默认）", "Document.options": "选项",
    "Document.slots": "选用的表述", "Document.overrides": "自己的文字", "Document.outline": "提纲",
    "SpeechDoc.speaker": "讲话人", "SpeechDoc.date": "讲话日期（默认会议日期）", "SpeechDoc.points": "讲话要点",
    "NoticeDoc.plan_title": "方案标题（不含书名号）", "NoticeDoc.title_form": "标题形式", "NoticeDoc.number": "发文字号·顺序号（未定写 ×）",
    "NoticeDoc.year": "发文字号·年份", "NoticeDoc.date": "成文日期", "NoticeDoc.recipients": "主送机关（每行一个）",
    "NoticeDoc.basis": "依据文件", "NoticeDoc.cc": "抄送机关（每行一个）", "NoticeDoc.printer": "印发机关",
    "NoticeDoc.print_date": "印发日期", "NoticeDoc.urgency": "紧急程度", "NoticeDoc.signer": "签发人",
    "HostDoc.host": "主持人（默认会议主持人）", "HostDoc.features": "会议特点（每行一条）", "HostDoc.requirements": "贯彻要求",
    "ReportDoc.date": "成文日期", "ReportDoc.recipients": "主送机关（每行一个）", "ReportDoc.subject": "报告事项",
    "ReportDoc.measures": "主要做法", "ReportDoc.problems": "存在问题（每行一条）", "ReportDoc.next_steps": "下一步工作",
    "NewsDoc.leader": "提出要求的领导", "NewsDoc.date": "发稿日期（默认会议日期）", "NewsDoc.requirements": "领导的要求（每行一条）",
    "Options.numbering": "编号方式", "Options.runin": "段首标题的层级", "Options.enum_style": "默认列举方式",
    "Options.task_table": "附任务分解表", "Options.fonts": "字体方案", "Options.page_numbers": "页码位置",
    "Options.reading_copy": "另出大字念稿", "Options.pace": "语速（字/分钟）", "Options.seal": "落款印章",
    # outline parts
    "Part.id": "引用名", "Part.when": "仅当有此事实时", "Part.ref": "默认部分", "Part.use": "默认部分（改动）",
    "Part.heading": "标题文字", "Part.level": "层级", "Part.runin": "段首标题（与首段同行）", "Part.numbered": "编号",
    "Part.name": "计数名（供“X点”计数）", "Part.parts": "下属部分", "Part.text": "文字（空一行另起一段）",
    "Part.slot": "槽位", "Part.fragment": "选用的表述片段", "Part.each": "逐项方式", "Part.person": "人物",
    "Part.enum": "列举方式", "Part.items": "条目", "Part.inline": "连成一段", "Part.facts": "事实块",
    "Part.style": "列举方式", "Part.only": "只取（引用名或板块标题，每行一个）", "Part.pagebreak": "分页",
    "Part.joined": "接上段（不另起段）", "Part.title": "标题", "Part.subtitle": "副标题", "Part.byline": "署名和日期",
    "Part.salutation": "称呼", "Part.addressee": "主送机关", "Part.signature": "落款", "Part.date": "成文日期",
    "Part.attachment": "附件说明", "Part.note": "附注", "Part.banner": "版头", "Part.imprint": "版记",
    "Part.plan_title": "方案标题",
    "Item.title": "引领句", "Item.text": "文字",
}

CHOICE_NAMES: dict[str, str] = {
    "continuous": "全文连续编号", "per_section": "分节编号", "gb2312": "仿宋_GB2312 等", "windows": "Windows 仿宋等",
    "founder": "方正 GBK", "auto": "按文种", "outside": "单页右、双页左", "center": "居中", "unsealed": "不加盖印章",
    "sealed": "加盖印章", "paragraph": "每项一段", "heading": "每项一个标题", "item": "每项一条",
    **{k: v for k, v in FACTS.items()},
}
"""How a choice's stored value is shown (values that are already Chinese show as they are)."""

PERSON_FIELDS = {"Meeting.host", "AgendaItem.person", "SpeechDoc.speaker", "HostDoc.host", "NewsDoc.leader", "Part.person"}
LONG_TEXT = {"Part.text", "Item.text", "Point.intro", "Task.measures", "Task.progress", "TaskSection.intro",
             "Requirement.text", "Meeting.purpose", "Target.note", "Achievement.note"}
HIDDEN = {"Person.id", "Document.id", "Document.kind", "Document.slots", "Document.overrides", "Document.outline",
          "Document.options",
          "Part.parts", "Part.items", "Part.ref", "Part.use", "Part.fragment", "Part.slot"}
"""Fields the editor shows elsewhere (tree children, the outline, the fragment picker) or keeps for the user."""

DOC_MODELS = {"speech": M.SpeechDoc, "notice": M.NoticeDoc, "host": M.HostDoc, "report": M.ReportDoc, "news": M.NewsDoc}


def label(owner: type, name: str) -> str:
    for cls in owner.__mro__:          # a field inherited (Target from Statement) keeps its label
        key = f"{cls.__name__}.{name}"
        if key in LABELS:
            return LABELS[key]
    for cls in owner.__mro__:          # else the words the model's author wrote beside the field
        said = _comment_labels(cls).get(name)
        if said:
            return said
    if owner in DOC_MODELS.values() or owner is M.DocumentBase:
        return LABELS.get(f"Document.{name}", name)
    return name


@functools.cache
def _comment_labels(cls: type) -> dict[str, str]:
    """`relative: Number | None = …   # 相对幅度（%），读作…` → {"relative": "相对幅度（%）"}: a new field
    is shown in Chinese as soon as its author comments it (a test fails for one without)."""
    import inspect

    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    out = {}
    for m in re.finditer(r"^\s{4}(\w+):[^#\n]*#\s*(.+)$", source, re.M):
        words = re.split(r"[，,；;：:。]|\s", m.group(2).strip(), maxsplit=1)[0]
        if words and not re.fullmatch(r"[\x00-\x7f]+", words):
            out[m.group(1)] = words
    return out


def qualified(owner: type, name: str) -> str:
    if (owner in DOC_MODELS.values() or owner is M.DocumentBase) and f"{owner.__name__}.{name}" not in LABELS:
        return f"Document.{name}"
    return f"{owner.__name__}.{name}"


# --- reading annotations ------------------------------------------------------------------------

def _strip(tp: Any) -> tuple[Any, bool]:
    """The annotation without Annotated and None; whether None was allowed."""
    optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(tp))
            if len(args) == 1:
                tp = args[0]
                continue
            return tuple(_strip(a)[0] for a in args), optional
        return tp, optional


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a form."""

    key: str                  # key in the mapping
    label: str
    kind: str                 # text | long | number | int | date | deadline | choice | bool | lines | person | number_or_pending
    required: bool = False
    choices: tuple[str, ...] = ()
    sub: str | None = None    # a key of a nested mapping (yoy.direction): the form flattens small models
    qname: str = ""
    default: Any = None       # what the model uses when the case says nothing

    @property
    def path(self) -> tuple:
        return (self.sub, self.key) if self.sub else (self.key,)


def _kind_of(owner: type, name: str, ann: Any) -> tuple[str, tuple[str, ...]] | None:
    q = qualified(owner, name)
    if q in PERSON_FIELDS:
        return "person", ()
    raw = ann
    tp, _opt = _strip(ann)
    if name == "deadline" or _mentions(raw, T.DeadlineField):
        return "deadline", ()
    if _mentions(raw, T.Date):
        return "date", ()
    if name == "number" and owner is M.NoticeDoc:
        return "seq", ()
    if isinstance(tp, tuple) and float in tp and any(typing.get_origin(t) is list for t in tp):
        return "values", ()            # one number, or several (分别)
    if typing.get_origin(tp) is typing.Literal:
        return "choice", tuple(str(a) for a in typing.get_args(tp))
    if tp is bool:
        return "bool", ()
    if tp is int:
        return "int", ()
    if tp is float:
        return "number", ()
    if tp is str or tp is Any:
        return ("long" if q in LONG_TEXT else "text"), ()
    if typing.get_origin(tp) is list:
        inner, _ = _strip(typing.get_args(tp)[0])
        if inner is str:
            return "lines", ()
        if inner is int:
            return "ints", ()
    if isinstance(tp, tuple) and str in tp and bool in tp:     # a frame part: own text, or the default
        return "frame", ()
    if isinstance(tp, tuple) and bool in tp and any(typing.get_origin(t) is list for t in tp):
        return "frame_lines", ()
    return None


def _mentions(ann: Any, alias: Any) -> bool:
    if ann == alias:
        return True
    return any(_mentions(a, alias) for a in typing.get_args(ann) if not isinstance(a, (str, int, float)))


FIRST = ("metric", "scope", "action", "verb", "value", "unit", "qualifier", "direction", "deadline")
"""A statement's fields in the order its sentence reads, the rest after."""


def form_fields(model: type[BaseModel], only: set[str] | None = None) -> list[FieldSpec]:
    """The fields a form shows for `model`, small nested models flattened (同比·方向 …)."""
    out: list[FieldSpec] = []
    names = list(model.model_fields)
    if "metric" in names:
        names.sort(key=lambda n: FIRST.index(n) if n in FIRST else len(FIRST))
    for name in names:
        info = model.model_fields[name]
        q = qualified(model, name)
        if q in HIDDEN or (only is not None and name not in only):
            continue
        tp, _opt = _strip(info.annotation)
        if _is_model(tp):
            if _flat(tp):
                for sub in form_fields(tp):
                    out.append(FieldSpec(sub.key, sub.label if "·" in sub.label else f"{label(model, name)}·{sub.label}",
                                         sub.kind, False, sub.choices, sub=name, qname=sub.qname))
            continue
        kind = _kind_of(model, name, info.annotation)
        if kind is None:
            continue
        default = None if info.is_required() else info.default
        out.append(FieldSpec(name, label(model, name), kind[0], info.is_required(), kind[1], qname=q,
                             default=default if isinstance(default, (str, int, float, bool)) and default != "" else None))
    return out


def _flat(model: type[BaseModel]) -> bool:
    return all(_kind_of(model, n, i.annotation) is not None for n, i in model.model_fields.items())


def child_lists(model: type[BaseModel]) -> list[tuple[str, type[BaseModel]]]:
    """Fields holding lists of models (shown as branches of the tree) and non-flat nested models."""
    out = []
    for name, info in model.model_fields.items():
        if qualified(model, name) in HIDDEN:
            continue
        tp, _ = _strip(info.annotation)
        if typing.get_origin(tp) is list:
            inner, _ = _strip(typing.get_args(tp)[0])
            if _is_model(inner):
                out.append((name, inner))
        elif _is_model(tp) and not _flat(tp):
            out.append((name, tp))
    return out


def part_fields(kind: str) -> list[FieldSpec]:
    """The fields that mean something for an outline part of this kind (a heading's level, an enum's style …)."""
    keys = {kind, "when", "id"} | ALLOWED.get(kind, set())
    keys -= {"parts", "items", "fragment", "slot", "ref", "use"}
    fields = form_fields(Part, only=keys)
    if kind in FRAME:
        fields = [f for f in fields if f.key != kind] + [
            FieldSpec(kind, f"{FRAME[kind]}（空：默认文字）", "long" if kind != "attachment" else "lines", qname=f"Part.{kind}")]
        fields = [f for f in fields if f.key not in ("pagebreak",)]
    if kind == "slot":
        fields = [FieldSpec("text", "自己的文字（空：用选用的表述）", "long", qname="Part.text")] + \
            [f for f in fields if f.key != "text"]
    fields = [f for f in fields if not (kind != "heading" and f.key == "heading")]
    return [f for f in fields if f.key not in ("id", "when")] + [f for f in fields if f.key in ("id", "when")]


PART_KINDS: dict[str, str] = {
    "heading": "标题", "text": "段落（自己的文字）", "enum": "列举（一是……二是……）", "facts": "事实块",
    "slot": "标准表述（槽位）", "pagebreak": "分页", **{k: f"版面：{v}" for k, v in FRAME.items()},
}


def part_label(part: dict) -> str:
    """One line naming an outline part in the tree: 一级标题：……, 段落：……, 标准表述：开场 …"""
    from drafter.kinds import SLOT_NAMES

    if not isinstance(part, dict):
        return f"默认部分：{SLOT_NAMES.get(str(part), FRAME.get(str(part), FACTS.get(str(part), str(part))))}"
    try:
        kind = Part.kind_of([k for k in part if k in ("ref", "use", "heading", "text", "slot", "fragment", "enum",
                                                      "facts", "pagebreak", *FRAME)])
    except ValueError:
        return "（未知部分）"
    if kind == "heading":
        level = part.get("level") or 1
        return f"{'一二三四'[min(level, 4) - 1]}级标题：{_short(part.get('heading'))}"
    if kind == "text":
        return f"段落：{_short(part.get('text'))}"
    if kind == "slot":
        own = "（自己的文字）" if part.get("text") else ""
        return f"表述：{SLOT_NAMES.get(str(part.get('slot')), part.get('slot'))}{own}"
    if kind == "fragment":
        return f"表述片段：{_short(str(part.get('fragment')))}"
    if kind == "enum":
        return f"列举（{part.get('enum')}）：{len(part.get('items') or [])}条"
    if kind == "facts":
        return f"事实：{FACTS.get(str(part.get('facts')), part.get('facts'))}"
    if kind == "pagebreak":
        return "分页"
    if kind in ("ref", "use"):
        ref = str(part.get(kind))
        return f"默认部分：{SLOT_NAMES.get(ref, FRAME.get(ref, FACTS.get(ref, ref)))}"
    value = part.get(kind)
    return f"{FRAME[kind]}" + (f"：{_short(str(value))}" if isinstance(value, str) else "")


def part_kind(part: Any) -> str:
    if not isinstance(part, dict):
        return "ref"
    try:
        return Part.kind_of([k for k in part if k in ("ref", "use", "heading", "text", "slot", "fragment", "enum",
                                                      "facts", "pagebreak", *FRAME)])
    except ValueError:
        return "?"


def _short(text: Any, n: int = 16) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def new_part(kind: str) -> dict:
    """A fresh outline part of `kind`, with nothing invented: empty text is a located problem until typed."""
    if kind == "heading":
        return {"heading": "", "level": 1, "parts": []}
    if kind == "text":
        return {"text": ""}
    if kind == "enum":
        return {"enum": "一是", "items": [{"text": ""}]}
    if kind == "facts":
        return {"facts": "targets"}
    if kind == "pagebreak":
        return {"pagebreak": True}
    if kind == "slot":
        return {"slot": "opening"}
    return {kind: True}


def blank(model: type[BaseModel]) -> dict:
    """A new row of `model`: its required text fields empty (listed as problems until typed), nothing else."""
    out: dict = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        kind = _kind_of(model, name, info.annotation)
        if kind is None:
            tp, _ = _strip(info.annotation)
            if typing.get_origin(tp) is list:
                inner, _ = _strip(typing.get_args(tp)[0])
                if _is_model(inner):
                    out[name] = [blank(inner)]
            continue
        if kind[0] == "choice":
            out[name] = kind[1][0]
        elif kind[0] in ("text", "long", "person"):
            out[name] = ""
    return out


def display(value: Any) -> str:
    """A stored value as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return "、".join(display(v) for v in value)
    if isinstance(value, list):
        return "\n".join(display(v) for v in value)
    return str(value)


_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$")


def ungroup(text: str) -> str:
    """1,000 and 12，500.5 as the numbers they are: digits grouped by thousands are one number, not a list (分别)."""
    return text.replace(",", "").replace("，", "") if _GROUPED.match(text) else text


def parse(spec: FieldSpec, raw: str) -> Any:
    """What the user typed, as the value to store: numbers as numbers, lines as lists, empty as absent.

    A value that does not read as its type is stored as typed, so the case says what the screen
    shows and the problem list names it until it is fixed (never a silent old value)."""
    text = raw.strip()
    if spec.kind in ("lines", "frame_lines", "ints"):
        items = [ln.strip() for ln in raw.replace("\r", "").split("\n") if ln.strip()]
        if spec.kind == "ints":
            return [int(i) if i.isdigit() else i for i in items] or None
        return items or None
    if spec.kind == "long":
        body = raw.replace("\r\n", "\n").strip("\n")
        return body if body.strip() else None
    if text == "":
        return None
    if spec.kind in ("int", "seq"):
        return int(text) if text.isdigit() else text
    if spec.kind in ("number", "values"):
        text = ungroup(text)
    if spec.kind == "values" and ("、" in text or "," in text or "，" in text):
        parts = [p.strip() for p in re.split(r"[、,，]", text) if p.strip()]
        out = []
        for p in parts:
            try:
                v = float(p)
            except ValueError:
                return text
            out.append(int(v) if v.is_integer() and "." not in p else v)
        return out
    if spec.kind in ("number", "values"):
        try:
            v = float(text)
        except ValueError:
            return text
        return int(v) if v.is_integer() and "." not in text else v
    if spec.kind == "deadline" and text.isdigit():
        return int(text)
    return text


def model_at(path: tuple, data: Any) -> type[BaseModel] | None:
    """The model describing the mapping at `path` in the case (documents by their kind, outline parts as Part)."""
    cur: Any = M.Case
    node = data
    for part in path:
        if isinstance(part, int):
            if not (isinstance(cur, tuple) and cur[0] == "list"):
                return None
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            cur = cur[1]
            if cur == "document":
                cur = DOC_MODELS.get(node.get("kind")) if isinstance(node, dict) else None
                if cur is None:
                    return None
            continue
        if not _is_model(cur) or part not in cur.model_fields:
            return None
        node = node.get(part) if isinstance(node, dict) else None
        if cur is M.Case and part == "documents":
            cur = ("list", "document")
        elif qualified(cur, part) in ("Document.outline", "Point.parts", "Part.parts"):
            cur = ("list", Part)
        elif cur is Part and part == "items":
            cur = ("list", Item)
        else:
            tp, _ = _strip(cur.model_fields[part].annotation)
            if typing.get_origin(tp) is list:
                inner, _ = _strip(typing.get_args(tp)[0])
                if not _is_model(inner):
                    return None
                cur = ("list", inner)
            elif _is_model(tp):
                cur = tp
            else:
                return None
    return cur if _is_model(cur) else None
