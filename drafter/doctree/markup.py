"""Parse the line markup that skeleton templates emit into document blocks.

A skeleton writes one directive per line (`@h1[list=points] 目标要高点定位`, `@para …`). Template
lines are tagged with their origin before Jinja runs (see templating.environment), and variable
output is sanitized, so facts and fragments can never inject a directive.
"""

from __future__ import annotations

import re

from drafter.doctree import nodes as n
from drafter.errors import TemplateError
from drafter.problems import Problem

ORIGIN = "\ue000"       # \ue000template|line\ue000 at the start of a directive line
PARA_BREAK = "\ue001"    # between paragraphs of one slot
COUNT_OPEN, COUNT_CLOSE = "\ue002", "\ue003"
FRAGMENT = "\ue004"      # \ue004fragment-id\ue004 before a fragment's paragraph
PRIVATE = re.compile("[\ue000-\ue0ff]")

_LINE = re.compile(r"^@(\w+)(?:\[([^\]]*)\])?(?:[ \t](.*))?$")
_ORIGIN = re.compile(ORIGIN + r"([^|\ue000]*)\|(\d+)" + ORIGIN)
_FRAG = re.compile(FRAGMENT + r"([^\ue004]*)" + FRAGMENT)

SIMPLE = {
    "title": n.Title, "subtitle": n.Subtitle, "byline": n.Byline, "salutation": n.Salutation,
    "addressee": n.Addressee, "signature": n.Signature, "date": n.DateLine, "note": n.Note,
}


def _options(raw: str | None) -> dict[str, str | bool]:
    out: dict[str, str | bool] = {}
    for part in (raw or "").split(","):
        part = part.strip()
        if part:
            key, eq, value = part.partition("=")
            out[key.strip()] = value.strip() if eq else True
    return out


class _Parser:
    def __init__(self, template: str):
        self.template = template
        self.blocks: list[n.Block] = []
        self.meta: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.open: n.Enumeration | n.Table | None = None
        self.pending_runin: n.Heading | None = None

    def fail(self, origin: n.Origin | None, message: str) -> None:
        file, line = (origin.template, origin.line) if origin else (self.template, None)
        self.problems.append(Problem(message, file=file, line=line))

    def line(self, raw: str) -> None:
        origin = None
        m = _ORIGIN.match(raw)
        if m:
            origin = n.Origin(m.group(1), int(m.group(2)))
            raw = raw[m.end():]
        raw = raw.strip()
        if not raw:
            return
        m = _LINE.match(raw)
        if not m:
            self.fail(origin, f"模板输出了不在 @指令 中的文字：“{PRIVATE.sub('', raw)[:30]}”")
            return
        name, opts, text = m.group(1), _options(m.group(2)), (m.group(3) or "").strip()
        handler = getattr(self, f"d_{name}", None)
        if handler is None and name not in SIMPLE:
            self.fail(origin, f"未知指令 @{name}")
            return
        if self.open is not None and name not in ("item", "row", "cell", "end"):
            self.fail(origin, f"@{name} 出现在未结束的列表或表格中，缺少 @end")
            self.open = None
        if name in SIMPLE:
            self.add(SIMPLE[name](self.strip_frag(text), origin=origin))
        else:
            handler(opts, text, origin)

    def strip_frag(self, text: str) -> str:
        return _FRAG.sub("", text)

    def add(self, block: n.Block) -> None:
        self.pending_runin = None
        self.blocks.append(block)

    def paragraphs(self, text: str, origin: n.Origin | None) -> list[n.Paragraph]:
        out = []
        for part in text.split(PARA_BREAK):
            frag = _FRAG.search(part)
            o = n.Origin(origin.template, origin.line, frag.group(1)) if (origin and frag) else origin
            part = _FRAG.sub("", part).strip()
            if part:
                out.append(n.Paragraph(part, origin=o))
        return out

    # directives -----------------------------------------------------------------------------
    def d_para(self, opts, text, origin):
        paras = self.paragraphs(text, origin)
        if self.pending_runin is not None and paras:
            self.pending_runin.body = paras.pop(0).text
            self.pending_runin = None
        for p in paras:
            self.add(p)

    def _heading(self, level, opts, text, origin):
        h = n.Heading(level, self.strip_frag(text), runin=bool(opts.get("runin")),
                      list_name=str(opts.get("list", "")), origin=origin)
        self.add(h)
        self.pending_runin = h if h.runin else None
        if not h.text:
            self.fail(origin, f"@h{level} 缺少标题文字")

    def d_h1(self, o, t, origin): self._heading(1, o, t, origin)
    def d_h2(self, o, t, origin): self._heading(2, o, t, origin)
    def d_h3(self, o, t, origin): self._heading(3, o, t, origin)
    def d_h4(self, o, t, origin): self._heading(4, o, t, origin)

    def d_enum(self, opts, text, origin):
        style = str(opts.get("style", "一是"))
        self.add(n.Enumeration(style, [], inline=bool(opts.get("inline")),
                               list_name=str(opts.get("list", "")), origin=origin))
        self.open = self.blocks[-1]

    def d_item(self, opts, text, origin):
        if not isinstance(self.open, n.Enumeration):
            self.fail(origin, "@item 必须在 @enum 之内")
            return
        text = self.strip_frag(text).replace(PARA_BREAK, "")
        if text:
            self.open.items.append(text)

    def d_table(self, opts, text, origin):
        self.add(n.Table([], [], numbered=bool(opts.get("number")), title=text, origin=origin))
        self.open = self.blocks[-1]
        self._header = bool(opts.get("header", True))

    def d_row(self, opts, text, origin):
        if not isinstance(self.open, n.Table):
            self.fail(origin, "@row 必须在 @table 之内")
            return
        if opts.get("header"):
            self.open.header = []
            self._row = self.open.header
        else:
            self._row = []
            self.open.rows.append(self._row)

    def d_cell(self, opts, text, origin):
        if not isinstance(self.open, n.Table) or not hasattr(self, "_row"):
            self.fail(origin, "@cell 必须在 @table 的 @row 之内")
            return
        self._row.append(self.strip_frag(text).replace(PARA_BREAK, " "))

    def d_end(self, opts, text, origin):
        if self.open is None:
            self.fail(origin, "多余的 @end")
        elif isinstance(self.open, n.Table):
            widths = {len(r) for r in self.open.rows} | ({len(self.open.header)} if self.open.header else set())
            if len(widths) > 1:
                self.fail(origin, "表格各行的单元格数不一致")
        self.open = None

    def d_attachment(self, opts, text, origin):
        items = [p.text for p in self.paragraphs(text, origin)]
        self.add(n.Attachment(items, origin=origin))

    def d_pagebreak(self, opts, text, origin):
        self.add(n.PageBreak(origin=origin))

    def d_meta(self, opts, text, origin):
        key, _, value = text.partition(" ")
        if key not in n.META_KEYS:
            self.fail(origin, f"未知的版头/版记项目 @meta {key}（可用：{'、'.join(n.META_KEYS)}）")
        elif value.strip():
            self.meta[key] = self.strip_frag(value.strip())


def parse(text: str, template: str) -> tuple[list[n.Block], dict[str, str]]:
    p = _Parser(template)
    # every tagged directive starts a new line, even if Jinja's trim_blocks ate the line break
    for raw in re.split("\n|(?=" + ORIGIN + r"[^|\ue000]*\|\d+" + ORIGIN + ")", text):
        p.line(raw)
    if p.open is not None:
        p.fail(p.open.origin, "列表或表格缺少 @end")
    if p.problems:
        raise TemplateError(p.problems)
    return p.blocks, p.meta
