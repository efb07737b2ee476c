"""Nothing ignored: a document key that had no effect on the draft is a located problem with a hint.

The builder and the sandbox record which document fields, slots and options were read while the
document was drafted; whatever the case set and nothing read is reported here.
"""

from __future__ import annotations

from drafter.kinds import SLOT_NAMES
from drafter.problems import Problem, closest
from drafter.templating.context import ALWAYS_USED

WHERE_USED = {
    "points": "points", "measures": "measures", "problems": "problems", "next_steps": "next_steps",
    "features": "features", "requirements": "requirements", "speaker": "byline 或引用讲话人的表述",
    "host": "byline", "leader": "引用领导的表述（如 news_lede、news_emphasis）", "recipients": "addressee",
    "date": "date、byline 或引用日期的表述", "subject": "title 或引用报告事项的表述", "plan_title": "title、plan_title",
    "title_form": "title", "number": "banner", "year": "banner", "signer": "banner", "urgency": "banner",
    "cc": "imprint", "printer": "imprint", "print_date": "imprint", "title": "title",
    "basis": "引用依据文件的表述（如 notice_purpose）",
}


def _suggest(word: str, choices: set[str]) -> str:
    close = closest(word, choices)
    if close:
        return f"，是否想写“{close}”？"
    names = "、".join(f"{c}（{SLOT_NAMES.get(c, c)}）" for c in sorted(choices))
    return f"（本文档的槽位：{names}）" if choices else ""


def unused_keys(cf, index: int, texts, default, kind, built: bool = True) -> list[Problem]:
    if not built:
        return []
    doc = texts.doc
    base = ("documents", index)
    problems: list[Problem] = []
    for name in sorted(doc.model_fields_set - ALWAYS_USED - texts.used_fields):
        where = WHERE_USED.get(name, name)
        problems.append(cf.problem(base + (name,), f"“{name}”没有用到：本文档的提纲中没有使用它的部分（{where}）；"
                                                   "请删去这个字段，或在 outline 中加回该部分"))
    for field in ("slots", "overrides"):
        for slot in getattr(doc, field):
            if slot not in texts.slots_seen:
                problems.append(cf.problem(base + (field, slot),
                                           f"槽位“{slot}”不在本文档的提纲中{_suggest(slot, texts.slots_seen)}"))
            elif (field, slot) not in texts.used_slots:
                message = f"槽位“{slot}”的选择没有用到：提纲中该部分已写明自己的片段或文字，或 overrides 已给出文字"
                problems.append(cf.problem(base + (field, slot), message))
    used = texts.used_options | set(kind.options)
    if any(k.startswith("h") and k[1:].isdigit() for k in texts.lists):
        used |= {"numbering", "runin"}
    for name in sorted(doc.options.model_fields_set - used):
        problems.append(cf.problem(base + ("options", name), f"选项“{name}”对本文档不起作用（{kind.name}的提纲中没有用到它的部分）"))
    return problems


CASE_LISTS = ("targets", "achievements", "tasks", "petitions", "task_totals")


def unused_facts(cf, reads: set[str]) -> list[Problem]:
    """Facts of the case that no document of it printed or used (checked when the whole case is drafted)."""
    if "*" in reads:
        return []
    case = cf.case
    problems: list[Problem] = []

    def report(path: tuple, what: str) -> None:
        problems.append(cf.problem(path, f"{what}没有用到：案卷中没有哪份文稿使用它；请删去，或在某份文稿的提纲中加入用到它的部分"))

    for key in CASE_LISTS:
        if key in case.model_fields_set and getattr(case, key) and key not in reads:
            report((key,), f"“{key}”")
    for root in ("meeting", "org"):
        obj = getattr(case, root)
        if obj is None:
            continue
        if not any(r.startswith(root + ".") for r in reads):
            report((root,), f"“{root}”")
            continue
        for name in sorted(obj.model_fields_set):
            required = type(obj).model_fields[name].is_required()
            if not required and getattr(obj, name) not in (None, [], "") and f"{root}.{name}" not in reads:
                report((root, name), f"“{root}.{name}”")
    for i, person in enumerate(case.people):
        if f"people.{person.id}" not in reads and "people" not in reads:
            report(("people", i), f"人员“{person.id}”（{person.name}）")
    return problems
