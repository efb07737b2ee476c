"""The parts of a document outline, as a case file or a kind's default outline writes them.

An outline is an ordered tree of parts. Each part is one mapping whose *type key* says what it is
(`heading:`, `text:`, `slot:`, `enum:`, `facts:` …) or a bare string naming a part of the kind's
default outline (`- opening`). Plain typed data, free of I/O; `outline.build` turns it into blocks.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from drafter.facts.types import PART_ID, Text
from drafter.typed import BaseModel, BeforeValidator, Field, model_validator

EnumStyle = Literal["一是", "一要", "第一", "首先", "（一）", "1.", "（1）", "——", "议程"]
ENUM_STYLES: tuple[str, ...] = get_args(EnumStyle)

FRAME = {
    "title": "标题", "subtitle": "副标题", "byline": "署名和日期", "salutation": "称呼", "addressee": "主送机关",
    "signature": "落款", "date": "成文日期", "attachment": "附件说明", "note": "附注",
    "banner": "版头", "imprint": "版记", "plan_title": "方案标题",
}
"""Frame parts: written `- title` (the default text) or `- title: 自己的文字`."""

FACTS = {
    "targets": "目标指标", "achievements": "主要成绩", "tasks": "任务（按板块）", "agenda": "会议议程",
    "task_table": "任务分解表", "lagging": "滞后任务", "points": "讲话要点", "measures": "主要做法",
    "problems": "存在问题", "next_steps": "下一步工作", "features": "会议特点", "requirements": "要求",
}
"""Facts blocks: printed from the case's typed facts (or the document's own lists), never typed twice."""

TYPE_KEYS = ("ref", "use", "heading", "text", "slot", "fragment", "enum", "facts", "pagebreak", *FRAME)

# which optional keys each type of part accepts (besides id and when)
ALLOWED: dict[str, set[str]] = {
    "ref": set(),
    "use": {"heading", "text", "fragment", "level", "runin", "numbered", "name", "parts", "style", "inline", "items", "person",
            "joined"},
    "heading": {"level", "runin", "numbered", "name", "parts"},
    "text": {"joined"},
    "slot": {"fragment", "text", "each", "person", "joined"},
    "fragment": {"person", "joined"},
    "enum": {"items", "slot", "inline", "name", "fragment", "joined"},
    "facts": {"style", "inline", "name", "only", "each", "joined"},
    "pagebreak": set(),
    **{k: set() for k in FRAME},
}


def _string_part(value: Any) -> Any:
    """`- opening` is short for `- ref: opening`."""
    return {"ref": value} if isinstance(value, str) else value


class Item(BaseModel):
    """One item of an enumeration: a lead (`title`) and its text (blank lines start new paragraphs)."""

    title: Text | None = None
    text: Text | None = None


def _string_item(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


ItemField = Annotated[Item, BeforeValidator(_string_item)]


class Part(BaseModel):
    """One part of an outline. Exactly one type key is set; the others refine it."""

    id: Annotated[str, Field(pattern=PART_ID)] | None = None
    when: Text | None = None          # a fact that must be present, e.g. achievements

    ref: Text | None = None           # a part of the default outline, by id
    use: Text | None = None           # a part of the default outline, changed by the keys beside it
    heading: Text | None = None       # a section: its heading and the parts under it
    level: int | None = Field(default=None, ge=1, le=4, strict=True)
    runin: bool | None = None         # heading and first paragraph on one line: （一）指导思想。以……
    numbered: bool | None = None      # false: a heading without 一、（一） (a news release's subheading)
    name: Text | None = None          # the list this heading/enumeration counts in, for count('name')
    parts: list[PartField] | None = None
    text: Text | None = None          # own text (may use facts); blank lines start new paragraphs
    slot: Text | None = None          # standard phrasing chosen per slot (the document's slots/overrides)
    fragment: Annotated[list[Text], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)] | None = None
    each: Literal["paragraph", "heading", "item"] | None = None
    person: Text | None = None        # whose words a fragment reports (news: a second “XX强调”)
    enum: EnumStyle | None = None
    items: list[ItemField] | None = None
    inline: bool | None = None
    facts: Literal[tuple(FACTS)] | None = None  # type: ignore[valid-type]
    style: EnumStyle | None = None
    only: list[Text] | None = None    # facts: ids of targets/achievements, or task section names
    pagebreak: bool | None = None
    joined: bool | None = None        # true: continues the previous paragraph instead of starting one
    title: Text | bool | None = None
    subtitle: Text | bool | None = None
    byline: Text | bool | None = None
    salutation: Text | bool | None = None
    addressee: Text | bool | None = None
    signature: Text | bool | None = None
    date: Text | bool | None = None
    attachment: list[Text] | bool | None = None
    note: Text | bool | None = None
    banner: bool | None = None
    imprint: bool | None = None
    plan_title: Text | bool | None = None

    @model_validator(mode="after")
    def _one_type(self) -> Part:
        set_keys = [k for k in TYPE_KEYS if getattr(self, k) is not None]
        kind = self.kind_of(set_keys)
        extra = [k for k in set_keys if k != kind and k not in ALLOWED[kind]]
        extra += [k for k in ("level", "runin", "numbered", "name", "parts", "each", "person", "items", "inline", "style", "only",
                              "joined")
                  if getattr(self, k) is not None and k not in ALLOWED[kind]]
        if extra:
            raise ValueError(f"“{extra[0]}”不能用在 {kind} 部分中（{kind} 可用：{'、'.join(sorted(ALLOWED[kind])) or '无'}）")
        if kind == "slot" and self.fragment and self.text:
            raise ValueError("同一槽位不能既选片段（fragment）又写自己的文字（text）")
        return self

    @staticmethod
    def kind_of(set_keys: list[str]) -> str:
        types = [k for k in set_keys if k in TYPE_KEYS]
        if not types:
            raise ValueError("缺少部分的类型：应写 heading、text、slot、fragment、enum、facts、pagebreak 或版面项目之一")
        # some keys are both a type and a refinement (text under slot, fragment under enum …)
        for primary in ("ref", "use", "heading", "enum", "facts", "slot", "fragment", "text"):
            if primary in types:
                return primary
        return types[0]

    @property
    def kind(self) -> str:
        fields = self.__dict__   # a record's fields (drafter.typed): read directly, as the builder asks for every part
        return self.kind_of([k for k in TYPE_KEYS if fields[k] is not None])


PartField = Annotated[Part, BeforeValidator(_string_part)]


class OutlineEdits(BaseModel):
    """Changes to a kind's default outline, for when only a little differs from it."""

    remove: list[Text] = []                         # ids of parts to leave out
    rename: dict[str, Text] = {}                    # id → new heading text
    before: dict[str, list[PartField]] = {}         # id → parts inserted before it
    after: dict[str, list[PartField]] = {}          # id → parts inserted after it
    replace: dict[str, list[PartField]] = {}        # id → parts in its place


Outline = list[PartField] | OutlineEdits
"""A case writes either a whole outline (a list of parts) or edits to the kind's default."""
