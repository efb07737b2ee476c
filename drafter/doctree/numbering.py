"""Numbers computed from structure: 一、（一）1.（1） and 一是/一要/第一 labels.

Run after the tree is built, so moving or deleting a heading renumbers everything.
"""

from __future__ import annotations

import functools

from drafter.cnnum import cn_int
from drafter.doctree import nodes as n
from drafter.errors import TemplateError
from drafter.problems import Problem

HEADING_FORMATS = {1: "{cn}、", 2: "（{cn}）", 3: "{n}.", 4: "（{n}）"}
_END_PUNCT = "。；：！？，、"


def enum_labels(style: str, count: int) -> list[str]:
    if count == 1 and style in ("一是", "一要", "第一", "首先"):
        return [""]   # prose never says 一是 without a 二是
    if style in ("一是", "一要"):
        return [f"{cn_int(i)}{style[1]}" for i in range(1, count + 1)]
    if style == "第一":
        return [f"第{cn_int(i)}，" for i in range(1, count + 1)]
    if style == "首先":
        if count == 1:
            return [""]
        middle = ["其次"] + ["再次"] * max(0, count - 3)
        return (["首先，"] + [m + "，" for m in middle] + ["最后，"])[:count] if count > 2 else ["首先，", "其次，"]
    if style == "1.":
        return [f"{i}." for i in range(1, count + 1)]
    if style == "（1）":
        return [f"（{i}）" for i in range(1, count + 1)]
    if style == "（一）":
        return [f"（{cn_int(i)}）" for i in range(1, count + 1)]
    if style == "议程":   # a host script's agenda: 首先 / 下面 / 接下来 … / 最后
        middle = ["下面，", "接下来，"]
        labels = ["首先，"] + [middle[i % 2] for i in range(max(0, count - 2))] + (["最后，"] if count > 1 else [])
        return labels[:count]
    if style == "——":
        return ["——"] * count
    raise TemplateError(Problem(f"未知的列举方式“{style}”（可用：一是、一要、第一、首先、议程、1.、（1）、（一）、——）"))


@functools.lru_cache(maxsize=512)
def _heading_number(level: int, count: int) -> str:
    return HEADING_FORMATS[level].format(cn=cn_int(count), n=count)


def number(doc: n.Document) -> None:
    """Fill heading numbers, enumeration labels and count markers in place."""
    per_section = doc.options.get("numbering") == "per_section"
    runin_levels = set(doc.options.get("runin", ()))
    counters = {1: 0, 2: 0, 3: 0, 4: 0}
    lists: dict[str, int] = {}
    for block in doc.blocks:
        if isinstance(block, n.Title):
            counters = {1: 0, 2: 0, 3: 0, 4: 0}   # a new part (e.g. the plan after its notice)
        elif isinstance(block, n.Heading) and not block.numbered:
            if block.runin and block.text[-1] not in _END_PUNCT:
                block.text += "。"
        elif isinstance(block, n.Heading):
            lvl = block.level
            counters[lvl] += 1
            for deeper in range(lvl + 1, 5):
                if deeper == 2 and not per_section:
                    continue
                counters[deeper] = 0
            block.number = _heading_number(lvl, counters[lvl])
            block.list_name = block.list_name or f"h{lvl}"
            lists[block.list_name] = lists.get(block.list_name, 0) + 1
            if lvl in runin_levels:
                block.runin = True
            if block.runin and block.text[-1] not in _END_PUNCT:
                block.text += "。"
        elif isinstance(block, n.Enumeration):
            block.labels = enum_labels(block.style, len(block.items))
            if block.list_name:
                lists[block.list_name] = lists.get(block.list_name, 0) + len(block.items)
    doc.lists = doc.lists or lists
