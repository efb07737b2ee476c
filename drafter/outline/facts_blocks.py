"""Facts blocks: targets, achievements, tasks, agenda, task table … printed from typed facts in any kind.

A facts block never invents: when its facts are missing it is a located problem naming what to fill,
and its numbers and counts come from the facts themselves.
"""

from __future__ import annotations

from drafter.doctree import nodes as n
from drafter.outline.tree import Node
from drafter.phrasing import deadline_phrase, sentences
from drafter.templating.filters import list_dun

DEFAULT_STYLE = {"targets": "1.", "achievements": "一是", "problems": "一是", "features": "一是", "agenda": "议程",
                 "requirements": "一要"}


READS = {"targets": ("targets",), "achievements": ("achievements",), "tasks": ("tasks",), "task_table": ("tasks",),
         "lagging": ("tasks",), "agenda": ("meeting.agenda",)}


def build(b, node: Node, level: int) -> None:
    if node.part.each is not None and (node.part.facts, node.part.each) != ("tasks", "paragraph"):
        b.fail(node, f"each: {node.part.each} 不能用于 facts: {node.part.facts}（只有 facts: tasks 可写 each: paragraph）")
        return
    b.t.read(*READS.get(node.part.facts, ()))
    globals()[f"_{node.part.facts}"](b, node, level)


def _select(b, node, items, key, what):
    only = node.part.only
    if not only:
        return items
    known = dict.fromkeys(key(i) for i in items)   # in the case's order: the same message on every run
    for name in only:
        if name not in known:
            b.fail(node, f"only 中的“{name}”不是{what}（有：{'、'.join(str(k) for k in known if k) or '无'}）")
    return [i for i in items if key(i) in only]


def _enum(b, node, items: list, default_style: str, name: str, inline: bool = False) -> None:
    p = node.part
    if not items:
        b.fail(node, f"“{p.facts}”没有内容：请在案卷中填写，或在 outline 中删去这一部分")
        return
    b.enum(node, items=items, style=p.style or default_style, inline=p.inline if p.inline is not None else inline,
           name=p.name or name)


def _targets(b, node, level) -> None:
    targets = _select(b, node, b.t.case.targets, lambda t: t.id, "目标指标的 id")
    _enum(b, node, sentences(targets), DEFAULT_STYLE["targets"], "targets")


def _achievements(b, node, level) -> None:
    achievements = _select(b, node, b.t.case.achievements, lambda a: a.id, "成绩的 id")
    _enum(b, node, sentences(achievements), DEFAULT_STYLE["achievements"], "results")


def _units(t) -> str:
    parts = []
    if t.lead:
        parts.append(f"牵头单位：{list_dun(t.lead)}")
    if t.units:
        parts.append(f"责任单位：{list_dun(t.units)}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _tasks(b, node, level) -> None:
    sections = _select(b, node, b.t.case.tasks, lambda s: s.section, "任务板块")
    if not sections:
        b.fail(node, "没有任务：请在案卷中填写 tasks，或在 outline 中删去这一部分")
        return
    if node.part.each == "paragraph":   # a news release: one paragraph per section, deadlines included
        for s in sections:
            sentences = []
            for t in s.items:
                who = f"由{list_dun(t.lead)}牵头" if t.lead else ""
                when = f"{deadline_phrase(t.deadline, 'short')}完成" if t.deadline and not isinstance(t.deadline, str) else (
                    t.deadline or "")
                sentences.append("，".join(x for x in (t.title, who, when) if x))
            b.para(node, b.own(node, f"{s.section.rstrip('。')}。" + "；".join(sentences) + "。"))
        return
    for s in sections:
        b.heading(node, level, text=s.section, runin=False, name="")
        if s.intro:
            b.para(node, b.own(node, s.intro))
        for t in s.items:
            h = n.Heading(level + 2, b.own(node, t.title), runin=True, list_name="tasks", origin=b.origin(node))
            b.add(h)
            b.count_in("tasks")
            b.count_in(f"h{level + 2}")
            measures, units = t.measures, _units(t)
            if measures or units:
                b.para(node, b.own(node, _append_last(measures or "", units)), h)


def _append_last(text: str, suffix: str) -> str:
    return text.rstrip() + suffix


def _agenda(b, node, level) -> None:
    meeting = b.t.case.meeting
    if meeting is None or not meeting.agenda:
        b.fail(node, "会议议程缺失：请填写 meeting.agenda，或在 outline 中删去 agenda")
        return
    items = []
    for a in meeting.agenda:
        if a.person:
            p = b.t.person(a.person)
            items.append(f"请{p.title}{p.name}同志{a.item}。")
        else:
            items.append(f"{a.item}。")
    _enum(b, node, items, DEFAULT_STYLE["agenda"], "agenda")


def _task_table(b, node, level) -> None:
    tasks = [t for s in b.t.case.tasks for t in s.items]
    if not tasks:
        b.fail(node, "任务分解表需要逐项列出的任务：请填写 tasks，或在 outline 中删去 task_table")
        return
    short = lambda t: deadline_phrase(t.deadline, "short") if t.deadline else ""  # noqa: E731
    if b.doc.kind == "report":
        subject = b.t.field("subject") or ""
        table = n.Table(["整改任务", "责任单位", "完成时限", "进展情况"],
                        [[t.title, list_dun(t.lead + t.units), short(t), t.progress or t.status or ""] for t in tasks],
                        numbered=True, title=f"{subject}任务进展情况表", origin=b.origin(node))
    else:
        table = n.Table(["重点任务", "牵头单位", "责任单位", "完成时限"],
                        [[t.title, list_dun(t.lead), list_dun(t.units), short(t)] for t in tasks],
                        numbered=True, title="重点任务分解表", origin=b.origin(node))
    b.add(table)


def _lagging(b, node, level) -> None:
    lagging = b.t.vars["lagging_tasks"]
    if not lagging:
        b.fail(node, "没有进度滞后的任务：请删去这一部分，或写 when: lagging_tasks")
        return
    titles = "、".join(t.title for t in lagging)
    b.para(node, b.own(node, f"目前仍有{len(lagging)}项任务进度滞后：{titles}。"))


def _points(b, node, level) -> None:
    """讲话的要点：一、二、三，各带导语、分项和其后的任何部分."""
    points = b.t.field("points")
    if not points:
        b.fail(node, "讲话没有要点：请填写本文档的 points，或在 outline 中删去 points")
        return
    for i, p in enumerate(points):
        h = n.Heading(level + 1, b.own(node, p.title), list_name=node.part.name or "points", origin=b.origin(node))
        b.add(h)
        b.count_in(h.list_name)
        b.count_in(f"h{level + 1}")
        if p.intro:
            b.para(node, b.own(node, p.intro))
        if p.items:
            b.enum(node, items=list(p.items), style=p.style or b.t.default_enum_style(), inline=False, name="")
        elif p.style:
            b.fail(node, f"要点“{p.title}”写了 style 却没有 items：列举方式没有作用")
        if p.parts:
            b.parts(b.point_nodes(node, i, p.parts), level + 1)


def _requirement_headings(b, node, level, field: str) -> None:
    reqs = b.t.field(field)
    if not reqs:
        b.fail(node, f"“{field}”没有内容：请在本文档中填写，或在 outline 中删去这一部分")
        return
    for r in reqs:
        h = n.Heading(level + 1, b.own(node, r.title), runin=True, list_name=node.part.name or "", origin=b.origin(node))
        b.add(h)
        b.count_in(h.list_name or f"h{level + 1}")
        if r.text:
            b.para(node, b.own(node, r.text), h)


def _measures(b, node, level) -> None:
    _requirement_headings(b, node, level, "measures")


def _next_steps(b, node, level) -> None:
    _requirement_headings(b, node, level, "next_steps")


def _problems(b, node, level) -> None:
    _enum(b, node, list(b.t.field("problems")), DEFAULT_STYLE["problems"], "problems")


def _features(b, node, level) -> None:
    _enum(b, node, list(b.t.field("features")), DEFAULT_STYLE["features"], "features", inline=True)


def _requirements(b, node, level) -> None:
    """要求：the document's own (一要……), else standard phrasing from the requirements slot."""
    reqs = b.t.field("requirements") if "requirements" in type(b.doc).model_fields else []
    p = node.part
    style = p.style or DEFAULT_STYLE["requirements"]
    sep = "，" if b.doc.kind == "news" else "。"
    if reqs:
        items = [r if isinstance(r, str) else _join(r.title, r.text, sep) for r in reqs]
        _enum(b, node, items, style, "requirements")
        return
    from drafter.outline.build import Lazy

    items = []
    for fid in b.t.choose("requirements", None, None, node, many=True):
        frag = b.t.library.get(fid)
        lead = frag.heading or frag.title
        items.append(Lazy(lambda fid=fid, lead=lead: [_join(lead, "".join(b.t.fragment(fid)), sep)], node, fid))
    b.enum(node, items=items, style=style, name=p.name or "requirements")


def _join(title: str, text: str | None, sep: str) -> str:
    if not text:
        return title
    return f"{title}{'' if title[-1:] in '。，；：' else sep}{text}"
