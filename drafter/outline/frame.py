"""The frame of a document: title, byline, salutation, 主送, 落款, 成文日期, 附件说明, 附注, 版头, 版记.

Each element is written `- title` (its text from the facts) or `- title: 自己的文字`. An element whose
facts are missing is a located problem naming the field to fill, never a default or a sample value.
"""

from __future__ import annotations

import datetime as dt

from drafter.doctree import nodes as n
from drafter.facts.types import _date_before
from drafter.outline.tree import Node
from drafter.templating.filters import date_cn


def build(b, node: Node, kind: str) -> None:
    own = getattr(node.part, kind)
    own = None if own is True else own
    if own is False:
        return
    globals()[f"_{kind}"](b, node, own)


def _title(b, node, own) -> None:
    t, doc = b.t, b.doc
    title = t.field("title")
    if own is not None or title is not None:
        b.add(n.Title(b.own(node, own if own is not None else title), origin=b.origin(node)))
        return
    text = DEFAULT_TITLES[doc.kind](b, node)
    if text is not None:
        b.add(n.Title(text, origin=b.origin(node)))


def _meeting_name(b, node, what: str) -> str | None:
    m = b.t.case.meeting
    b.t.read("meeting.name")
    if m is None:
        b.fail(node, f"{what}需要会议名称：请填写 meeting.name，或填写本文档的 title")
        return None
    return m.name


def _speech_title(b, node):
    name = _meeting_name(b, node, "讲话稿标题")
    return name and f"在{name}上的讲话"


def _host_title(b, node):
    name = _meeting_name(b, node, "主持词标题")
    return name and f"在{name}上的主持词"


def _news_title(b, node):
    name = _meeting_name(b, node, "新闻稿标题")
    org = _org(b, node, "新闻稿标题")
    b.t.read("org.short", "org.name")
    return name and org and f"{org.short or org.name}召开{name}"


def _org(b, node, what: str):
    org = b.t.case.org
    if org is None:
        b.fail(node, f"{what}需要发文机关：请填写 org.name")
    return org


def _report_title(b, node):
    subject = b.need(node, b.t.field("subject"), "报告标题需要报告事项：请填写 subject，或填写本文档的 title")
    return subject and f"关于{subject}工作进展情况的报告"


def _notice_title(b, node):
    plan = b.need(node, b.t.field("plan_title"), "通知标题需要方案标题：请填写 plan_title，或填写本文档的 title")
    if not plan:
        return None
    if b.t.field("title_form") == "印发":
        return f"印发{plan}的通知"
    return f"关于印发《{plan}》的通知"


DEFAULT_TITLES = {"speech": _speech_title, "host": _host_title, "news": _news_title, "report": _report_title,
                  "notice": _notice_title}


def _plan_title(b, node, own) -> None:
    text = own if own is not None else b.need(node, b.t.field("plan_title"), "方案标题缺失：请填写 plan_title")
    if text:
        b.add(n.Title(b.own(node, text), origin=b.origin(node)))


def _subtitle(b, node, own) -> None:
    if own is None:
        b.fail(node, "副标题需要文字：写成 subtitle: ……")
        return
    b.add(n.Subtitle(b.own(node, own), origin=b.origin(node)))


def _byline(b, node, own) -> None:
    if own is not None:
        b.add(n.Byline(b.own(node, own), origin=b.origin(node)))
        return
    doc, case = b.doc, b.t.case
    field = {"speech": "speaker", "host": "host", "news": "leader"}.get(doc.kind)
    pid = b.t.field(field) if field else None
    if pid is None and doc.kind == "host" and case.meeting is not None:
        b.t.read("meeting.host")
        pid = case.meeting.host
    if pid is None:
        hint = f"请填写本文档的 {field}" if field else "请写成 byline: ……"
        if doc.kind == "host":
            hint += " 或 meeting.host"
        b.fail(node, f"署名需要人员：{hint}，或在 outline 中删去 byline")
        return
    person = case.person(pid)
    b.t.read(f"people.{pid}")
    if person is None:
        b.fail(node, f"people 中没有 id 为“{pid}”的人员")
        return
    b.add(n.Byline(f"{person.title}\u3000{person.name}", origin=b.origin(node)))
    date = b.t.field("date") if "date" in type(doc).model_fields else None
    if date is None and case.meeting is not None:
        b.t.read("meeting.date")
        date = case.meeting.date
    if date is None:
        b.fail(node, "署名中的日期缺失：请填写本文档的 date 或 meeting.date")
        return
    b.add(n.Byline(f"（{date_cn(date)}）", origin=b.origin(node)))


def _salutation(b, node, own) -> None:
    b.add(n.Salutation(b.own(node, own) if own is not None else "同志们：", origin=b.origin(node)))


def _addressee(b, node, own) -> None:
    if own is not None:
        b.add(n.Addressee(b.own(node, own), origin=b.origin(node)))
        return
    recipients = b.t.field("recipients") if "recipients" in type(b.doc).model_fields else None
    if b.need(node, recipients, "主送机关缺失：请填写 recipients，或在 outline 中删去 addressee"):
        # 、 inside a group (杨凌示范区、西咸新区生态环境局) makes ，the separator between groups
        sep = "，" if any("、" in r for r in recipients) else "、"
        b.add(n.Addressee(sep.join(recipients) + "：", origin=b.origin(node)))


def _signature(b, node, own) -> None:
    b.t.used_options.add("seal")
    if own is not None:
        b.add(n.Signature(b.own(node, own), origin=b.origin(node)))
        return
    org = _org(b, node, "落款")
    b.t.read("org.name")
    if org is not None:
        b.add(n.Signature(org.name, origin=b.origin(node)))


def _date(b, node, own) -> None:
    if own is not None:
        b.add(n.DateLine(_date_text(own), origin=b.origin(node)))
        return
    date = b.t.field("date") if "date" in type(b.doc).model_fields else None
    if b.need(node, date, "成文日期缺失：请填写本文档的 date，或在 outline 中删去 date"):
        b.add(n.DateLine(date_cn(date), origin=b.origin(node)))


def _date_text(value) -> str:
    try:
        parsed = _date_before(value)
    except ValueError:
        return str(value)
    return str(parsed) if isinstance(parsed, str) else date_cn(parsed)


def _attachment(b, node, own) -> None:
    if not own:
        b.fail(node, "附件说明需要附件名称：写成 attachment: [附件一名称, 附件二名称]")
        return
    b.add(n.Attachment([str(x) for x in own], origin=b.origin(node)))


def _note(b, node, own) -> None:
    if own is None:
        b.fail(node, "附注需要文字：写成 note: ……")
        return
    b.add(n.Note(b.own(node, own), origin=b.origin(node)))


def _banner(b, node, own) -> None:
    """版头: 发文机关标志, 发文字号 (代字〔年〕号), 签发人, 紧急程度."""
    t, org, doc = b.t, _org(b, node, "版头"), b.doc
    if org is None:
        return
    t.read("org.mark", "org.name", "org.code")
    b.meta["mark"] = org.mark or f"{org.name}文件"
    if doc.kind != "notice":
        b.fail(node, "版头只用于通知")
        return
    number = t.field("number")
    date = t.field("date")
    year = t.field("year") or (date.year if isinstance(date, dt.date) else None)
    if org.code is None or number is None or year is None:
        missing = [name for name, v in (("org.code", org.code), ("number", number), ("year 或 date", year)) if v is None]
        b.fail(node, f"发文字号缺少{'、'.join(missing)}：请补充，或在 outline 中删去 banner（如网页版不需要版头）")
    else:
        b.meta["number"] = f"{org.code}〔{year}〕{number}号"
    if t.field("signer"):
        b.meta["signer"] = doc.signer
    if t.field("urgency"):
        b.meta["urgency"] = doc.urgency


def _imprint(b, node, own) -> None:
    """版记: 抄送, 印发机关和印发日期 — each as the case states it, none assumed."""
    t, doc = b.t, b.doc
    if doc.kind != "notice":
        b.fail(node, "版记只用于通知")
        return
    cc, printer, print_date = t.field("cc"), t.field("printer"), t.field("print_date")
    if cc:
        b.meta["cc"] = "，".join(cc) + "。"
    if printer is None or print_date is None:
        missing = [name for name, v in (("printer（印发机关）", printer), ("print_date（印发日期）", print_date)) if v is None]
        b.fail(node, f"版记缺少{'、'.join(missing)}：请填写，或在 outline 中删去 imprint")
        return
    b.meta["printer"] = printer
    b.meta["print_date"] = date_cn(print_date)
