"""Recognize the parts of a 公文 in a draft's paragraphs: 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人),
title over several lines, 主送, 称呼, byline, headings 一、（一）1.（1） standalone or run in, enumerations, tables,
附件说明, 落款, 成文日期, 附注, an attachment with its own title, and 版记 (抄送, 印发机关和印发日期).

Every paragraph becomes exactly one part; what is not recognized stays body text, and doubtful readings are
listed in the report, so nothing is dropped silently. Only decoration (rules, page numbers) is left out, counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.ingest import patterns as pt
from drafter.ingest.source import Para, Source

ROLE_NAMES = {
    "copy_no": "份号", "secrecy": "密级", "urgency": "紧急程度", "mark": "发文机关标志", "number": "发文字号",
    "signer": "签发人", "title": "标题", "subtitle": "副标题", "byline": "署名", "salutation": "称呼", "addressee": "主送机关",
    "heading": "层级标题", "paragraph": "正文", "enum": "列举", "table": "表格", "attachment": "附件说明",
    "signature": "落款", "date": "成文日期", "note": "附注", "attach_mark": "附件标识", "cc": "抄送",
    "printer": "印发机关和印发日期",
}
FRAME_ROLES = ("copy_no", "secrecy", "urgency", "mark", "number", "signer", "title", "subtitle", "byline", "salutation", "addressee",
               "attachment", "signature", "date", "note", "attach_mark", "cc", "printer")
LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
_BODY_STYLES = {"正文", "公文正文"}   # drafter's own body style: a "1." there is an enumeration item, not a heading
_HEADING_STYLES = {"一级标题": 1, "二级标题": 2, "三级标题": 3, "四级标题": 4}
_ADDRESSEE = re.compile(r"(局|厅|委|政府|部门|单位|处室|办|公司|学校|院|中心|会|室|处|部|市|县|区|镇|乡|街道|机关|组织)")
_NEW_DOCUMENT = re.compile(r"(讲话|主持词|致辞|发言|方案|通知|报告|意见|办法|规定|细则|要点|计划|纪要)(（[^）]*）)?$")
_SPEECH_TITLE = re.compile(r"(讲话|致辞|发言|主持词)(（[^）]*）)?$")


@dataclass
class Part:
    role: str
    text: str = ""
    where: list[int] = field(default_factory=list)    # source lines/paragraphs it came from
    level: int = 0
    number: int = 0            # a heading's number as the source gives it
    runin: bool = False
    body: str = ""             # run-in heading: the text after it on the same line
    numbered: bool = True
    rows: list[list[str]] | None = None
    items: list[str] = field(default_factory=list)     # 附件说明
    data: dict = field(default_factory=dict)
    page_break: bool = False
    enum: str = ""             # the enumeration label a paragraph opens with (一是, 一要, 第一, ——)


@dataclass
class Recognized:
    source: Source
    parts: list[Part]
    doubts: list[tuple[int, str]] = field(default_factory=list)   # (where, what is doubtful)
    dropped: list[tuple[int, str]] = field(default_factory=list)  # decoration left out: (where, what)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.parts:
            name = LEVEL_NAMES[p.level] if p.role == "heading" and p.numbered else ROLE_NAMES[p.role]
            if p.role == "heading" and not p.numbered:
                name = "无编号小标题"
            out[name] = out.get(name, 0) + 1
        return out

    def of(self, role: str) -> list[Part]:
        return [p for p in self.parts if p.role == role]


def recognize(source: Source) -> Recognized:
    return _Recognizer(source).run()


class _Recognizer:
    def __init__(self, source: Source):
        self.source = source
        self.paras = source.paras
        self.parts: list[Part] = []
        self.doubts: list[tuple[int, str]] = []
        self.dropped: list[tuple[int, str]] = []
        self.zone = "head"        # head → (title) → front (主送/称呼 allowed) → body → end (after 成文日期)
        self.i = 0

    def add(self, role: str, para: Para, **kw) -> Part:
        part = Part(role, where=[para.where], page_break=para.page_break, **kw)
        self.parts.append(part)
        return part

    def run(self) -> Recognized:
        while self.i < len(self.paras):
            para = self.paras[self.i]
            self.i += 1
            self.one(para)
        self.check_numbers()
        return Recognized(self.source, self.parts, self.doubts, self.dropped)

    def peek(self, k: int = 0) -> Para | None:
        j = self.i + k
        return self.paras[j] if j < len(self.paras) else None

    def last(self) -> Part | None:
        return self.parts[-1] if self.parts else None

    # --- one paragraph ------------------------------------------------------------------------------
    def one(self, para: Para) -> None:
        if para.rows is not None:
            if self.zone == "head" and self.layout_table(para):
                return
            self.table(para)
            return
        text, f = para.text, pt.flat(para.text)
        if pt.RULE_LINE.match(f):
            self.dropped.append((para.where, "分隔线"))
            return
        if pt.PAGE_NUMBER.match(f):
            self.dropped.append((para.where, "页码"))
            return
        if para.page_break and self.zone in ("body", "end"):
            self.zone = "attachment"
        if m := pt.CC.match(f):
            self.add("cc", para, text=_after(text, "抄送"), data={"cc": _split_list(_after(text, "抄送"))})
            self.zone = "imprint"
            return
        if m := pt.PRINTER.match(f):
            printer = m.group("printer")
            self.add("printer", para, text=text, data={"printer": printer, "date": m.group("date")})
            self.zone = "imprint"
            return
        prev = self.last()
        if (m := pt.PRINT_DATE.match(f)) and prev is not None and prev.role == "paragraph" and len(pt.flat(prev.text)) <= 30:
            prev.role, prev.data = "printer", {"printer": prev.text.strip(), "date": m.group("date")}   # 印发机关 on its own line
            prev.text = prev.text.strip() + text
            prev.where.append(para.where)
            self.zone = "imprint"
            return
        if self.zone == "head" and pt.FURNITURE.search(f):
            self.add("paragraph", para, text=text.strip())      # kept, and the 版头 may still follow
            self.doubts.append((para.where, "像是网页上的栏目或发布信息，按正文保留"))
            return
        if (self.zone in ("head", "title") or (self.zone in ("front", "body") and not self.of_role("number")
                                                 and not self.of_role("heading"))) and self.head(para, f):
            return
        if pt.SALUTATION.match(f):
            self.add("salutation", para, text=text)
            self.zone = "body"
            return
        if m := pt.DATE.match(f):
            self.date(para, m)
            return
        if m := pt.ATTACHMENT.match(f):
            self.attachment(para)
            return
        if pt.ATTACH_MARK.match(f) and (self.zone in ("end", "attachment") or para.page_break):
            self.add("attach_mark", para, text=text)
            self.zone = "attachment"
            return
        if self.zone == "end" and f.startswith("（") and f.endswith("）") and pt.heading_label(text) is None:
            self.add("note", para, text=text.strip()[1:-1].strip())
            return
        if self.zone in ("head", "title", "attachment", "end") and self.title(para):
            return
        if self.zone in ("title", "front") and self.front(para, f):
            return
        if self.zone != "body" and _SPEECH_TITLE.search(f) and self.title(para):
            return
        if self.zone == "body" and self.midtitle(para, f):
            return
        self.zone = "body" if self.zone not in ("imprint",) else self.zone
        self.body(para, f)

    def layout_table(self, para: Para) -> bool:
        """A 版头 laid out in a table (标志 in one cell, 文号 in another): read its cells as paragraphs."""
        cells = [c for row in para.rows for c in row if c.strip()]
        if len(cells) > 4 or not any(pt.NUMBER.match(pt.flat(c)) or pt.flat(c).endswith("文件") for c in cells):
            return False
        for k, cell in enumerate(cells):
            self.paras.insert(self.i + k, Para(cell.strip(), para.where, page_break=para.page_break and k == 0))
        return True

    # --- 版头 --------------------------------------------------------------------------------------
    def head(self, para: Para, f: str) -> bool:
        if m := pt.NUMBER.match(f):
            data = {k: m.group(k) for k in ("code", "year", "num")}
            if m.group("signer"):
                data["signer"] = _after(para.text, "签发人")
            self.add("number", para, text=_before(para.text, "签发人").strip(), data=data)
            return True
        if f.startswith("签发人："):
            self.add("signer", para, text=_after(para.text, "签发人"))
            return True
        if self.zone != "head" or self.of_role("title"):
            return False
        for role, rx in (("copy_no", pt.COPY_NO), ("secrecy", pt.SECRECY), ("urgency", pt.URGENCY)):
            if rx.match(f):
                self.add(role, para, text=f)
                return True
        if self.is_mark(f):
            self.add("mark", para, text=para.text.strip())
            return True
        return False

    def is_mark(self, f: str) -> bool:
        if not (2 <= len(f) <= 30) or any(c in f for c in pt.PUNCT + "“”《》") or self.of_role("mark"):
            return False
        if f.endswith("文件") and not pt.TITLE_END.search(f[:-2] + "x"):
            return True
        if not pt.ORGAN.search(f) or pt.TITLE_END.search(f):
            return False
        if self.of_role("number"):
            return True        # a web copy may state the 文号 first
        ahead = [self.peek(k) for k in range(4)]
        if any(p is not None and p.rows is None and pt.NUMBER.match(pt.flat(p.text)) for p in ahead):
            return True
        nxt = ahead[0]   # the organ on its own line right above a title (关于……的通知) is its 标志, not part of the title
        return nxt is not None and nxt.rows is None and pt.is_title_like(nxt.text) and (
            pt.flat(nxt.text).startswith("关于") or bool(pt.TITLE_END.search(pt.flat(nxt.text))))

    def of_role(self, role: str) -> list[Part]:
        return [p for p in self.parts if p.role == role]

    # --- titles, bylines, 主送 ---------------------------------------------------------------------
    def title(self, para: Para) -> bool:
        """One title over one or several lines: lines join until one ends as a title does (……的通知)."""
        f = pt.flat(para.text)
        if not pt.is_title_like(para.text) or pt.SALUTATION.match(f) or pt.DATE.match(f) or f.endswith("："):
            return False
        lines, k = [para], 0
        if not pt.TITLE_END.search(f):
            while len(lines) < 4:
                nxt = self.peek(k)
                if nxt is None or nxt.rows is not None or not pt.is_title_like(nxt.text):
                    break
                nf = pt.flat(nxt.text)
                if (pt.NUMBER.match(nf) or pt.DATE.match(nf) or pt.SALUTATION.match(nf) or nf.endswith("：")
                        or nf.startswith(("——", "--"))):
                    break
                lines.append(nxt)
                k += 1
                if pt.TITLE_END.search(nf):
                    break
            if not pt.TITLE_END.search(pt.flat(lines[-1].text)):
                # no line ends as a title does: a short first line before the body still reads as a headline
                if self.zone != "head" or len(f) > 40 or "，" in f:
                    return False
                lines = [para]
        self.i += len(lines) - 1
        text = "".join(p.text.strip() for p in lines)
        part = self.add("title", para, text=text)
        part.where = [p.where for p in lines]
        if len(lines) > 1:
            self.doubts.append((para.where, f"标题由 {len(lines)} 行合成：“{text}”"))
        self.zone = "title"
        nxt = self.peek()
        if nxt is not None and nxt.rows is None and pt.flat(nxt.text).startswith(("——", "--")) and pt.is_title_like(nxt.text):
            self.add("subtitle", nxt, text=nxt.text.strip())   # ——在全市……大会上的讲话
            self.i += 1
            text = pt.flat(nxt.text)
        if _SPEECH_TITLE.search(pt.flat(text)):
            self.byline()
        return True

    def midtitle(self, para: Para, f: str) -> bool:
        """A new document in the same file (a speech after a host script): a line that ends as a title does."""
        if len(f) > 60 or not _NEW_DOCUMENT.search(f) or not pt.is_title_like(para.text) or "，" in f:
            return False
        prev = self.last()
        if prev is not None and prev.role == "heading":
            return False
        return self.title(para)

    def byline(self) -> None:
        """A speech's byline: a name line and/or （2026年3月20日）, right under the title."""
        for _ in range(2):
            nxt = self.peek()
            if nxt is None or nxt.rows is not None:
                return
            nf = pt.flat(nxt.text)
            name_line = (len(nf) <= 30 and not any(c in nf for c in "。，；：！？") and not pt.TITLE_END.search(nf)
                         and pt.heading_label(nxt.text) is None and nf != "提纲")
            after = self.peek(1)
            followed = after is not None and after.rows is None and (
                pt.BYLINE_DATE.match(pt.flat(after.text)) or pt.SALUTATION.match(pt.flat(after.text)))
            if pt.BYLINE_DATE.match(nf) or (name_line and followed):
                self.add("byline", nxt, text=nxt.text.strip())
                self.i += 1
            else:
                return

    def front(self, para: Para, f: str) -> bool:
        """主送机关: after the title, before the body, a line that ends with a colon and names organs."""
        if (f.endswith("：") and "。" not in f and pt.heading_label(para.text) is None and len(f) <= 300
                and _ADDRESSEE.search(f[:-1])):
            self.add("addressee", para, text=para.text.strip(), data={"recipients": _split_list(f[:-1])})
            self.zone = "body"
            return True
        return False

    # --- 落款, 成文日期, 附件说明 -------------------------------------------------------------------
    def date(self, para: Para, m: re.Match) -> None:
        prev = self.last()
        if (prev is not None and prev.role == "paragraph" and len(pt.flat(prev.text)) <= 30 and not prev.enum
                and not any(c in pt.flat(prev.text) for c in pt.PUNCT)):
            prev.role = "signature"
            k = len(self.parts) - 2      # joint 落款: organs on the lines above, each named as an organ
            while (k >= 0 and self.parts[k].role == "paragraph" and len(pt.flat(self.parts[k].text)) <= 30
                   and pt.ORGAN.search(pt.flat(self.parts[k].text)) and not any(c in pt.flat(self.parts[k].text) for c in pt.PUNCT)):
                self.parts[k].role = "signature"
                k -= 1
        self.add("date", para, text=para.text.strip())
        self.zone = "end"

    def attachment(self, para: Para) -> None:
        f = pt.flat(para.text)
        first = pt.ATTACHMENT.match(f).group("item")
        part = self.add("attachment", para, text=para.text.strip(), items=[_after(para.text, "附件").lstrip("1.、． ")
                                                                          if f.startswith("附件：1") else first])
        if not f.startswith("附件：1"):
            part.items = [_after(para.text, "附件")]
        n = 2
        while (nxt := self.peek()) is not None and nxt.rows is None:
            lab = pt.heading_label(nxt.text)
            if lab is None or lab[0] != 3 or lab[1] != n:
                break
            part.items.append(lab[2])
            part.where.append(nxt.where)
            self.i += 1
            n += 1

    # --- body --------------------------------------------------------------------------------------
    def body(self, para: Para, f: str) -> None:
        label = pt.heading_label(para.text)
        style_level = _HEADING_STYLES.get(para.style)
        if label and para.style in _BODY_STYLES and not para.runin:
            label = None    # drafter's own enumeration item (1. in a 正文 paragraph)
        if label:
            level, number, rest = label
            if re.search(rf"\s([{pt.CN}]+、|（[{pt.CN}]+）)\S", rest):
                self.doubts.append((para.where, "一行中有多个编号（像目录），按正文处理"))
                self.paragraph(para, f)
                return
            doubled = pt.heading_label(rest)
            if para.numbered and doubled and doubled[0] == level:
                self.doubts.append((para.where, "自动编号之后又手写了编号，已去掉手写的编号"))
                rest = doubled[2]
            text, body, runin = rest, "", False
            cut = _first_sentence(rest)
            if cut is not None and cut < len(rest) and cut <= 40:
                text, body, runin = rest[:cut], rest[cut:], True
            self.add("heading", para, text=text, body=body, runin=runin, level=level, number=number)
            return
        if style_level or (para.outline_level and para.outline_level <= 4):
            self.add("heading", para, text=para.text.strip(), level=style_level or para.outline_level, numbered=False)
            self.doubts.append((para.where, f"段落样式为标题但没有编号，按{LEVEL_NAMES[self.last().level]}（不编号）处理"))
            return
        self.paragraph(para, f)

    def paragraph(self, para: Para, f: str) -> None:
        m = pt.ENUM.match(f)
        part = self.add("paragraph", para, text=para.text.strip(), enum=m.group(0) if m else "")
        if f[0] in "。，；、）”" or (len(f) < 4 and f[-1] in pt.SENTENCE_END):
            self.doubts.append((para.where, "段首是标点，可能是断行"))
        elif (self.i < len(self.paras) and f[-1] not in pt.SENTENCE_END + "：；”）" and len(f) > 30
              and self.paras[self.i].rows is None):
            self.doubts.append((para.where, "段末没有句末标点，可能是断行"))
        del part

    def table(self, para: Para) -> None:
        rows = [[c.strip() for c in r] for r in para.rows]
        cells = [c for r in rows for c in r if c]
        cc = next((c for c in cells if pt.flat(c).startswith("抄送")), None)
        printed = next((c for c in cells if pt.flat(c).endswith("印发")), None)
        if cc or printed:   # 版记 laid out as a table (Word and WPS templates do)
            if cc:
                self.add("cc", para, text=_after(cc, "抄送"), data={"cc": _split_list(_after(cc, "抄送"))})
            if printed:
                row = next(r for r in rows if printed in r)
                joined = "".join(c for c in row if c)
                m = pt.PRINTER.match(pt.flat(joined))
                if m:
                    self.add("printer", para, text=joined, data={"printer": m.group("printer"), "date": m.group("date")})
                else:
                    self.add("paragraph", para, text=joined)
                    self.doubts.append((para.where, "版记中的印发行无法识别，按正文处理"))
            self.zone = "imprint"
            return
        prev = self.last()
        title = ""
        if (prev is not None and prev.role in ("paragraph", "title") and prev.text.endswith("表")
                and len(pt.flat(prev.text)) <= 30):
            title = prev.text
            self.parts.pop()
        part = self.add("table", para, rows=rows, text=title)
        if title:
            part.where = prev.where + part.where
            part.page_break = prev.page_break or part.page_break
        self.zone = "body" if self.zone not in ("end", "attachment") else self.zone

    # --- numbering ---------------------------------------------------------------------------------
    def check_numbers(self) -> None:
        """Report gaps and repeats; decide whether （一） restarts under each 一、 in this document."""
        expected: dict[int, int] = {}
        for p in self.parts:
            if p.role == "title":
                expected = {}
                continue
            if p.role != "heading" or not p.numbered:
                continue
            want = expected.get(p.level, 0) + 1
            if p.number != want and not (p.level == 2 and p.number == 1):
                if not (p.number == 1 and p.level == 1):
                    self.doubts.append((p.where[0], f"{LEVEL_NAMES[p.level]}编号不连续：应为第{want}个，原文为第{p.number}个"))
            expected[p.level] = p.number
            for deeper in range(p.level + 1, 5):
                if deeper == 2:
                    continue
                expected.pop(deeper, None)


def per_section(parts: list[Part]) -> bool:
    """True when （一） starts again under a later 一、 (numbered per section rather than continuously)."""
    seen_l1 = 0
    seen_l2 = False
    for p in parts:
        if p.role == "title":
            seen_l1, seen_l2 = 0, False
        elif p.role == "heading" and p.numbered and p.level == 1:
            seen_l1 += 1
        elif p.role == "heading" and p.numbered and p.level == 2:
            if p.number == 1 and seen_l2 and seen_l1 > 1:
                return True
            seen_l2 = True
    return False


def _first_sentence(text: str) -> int | None:
    """Where a run-in heading ends: its first 。！？ (or ：, as in 工作目标：到2026年……)."""
    for i, ch in enumerate(text):
        if ch in pt.SENTENCE_END or ch in "：:":
            return i + 1
    return None


def _after(text: str, word: str) -> str:
    rest = text.split(word, 1)[1] if word in text else text
    return rest.lstrip(" \t\u3000:：")


def _before(text: str, word: str) -> str:
    return text.split(word, 1)[0]


def _split_list(text: str) -> list[str]:
    """主送/抄送 groups: separated by ，(or , in web copies); 、 joins organs within one group."""
    text = text.strip().rstrip("。.：:")
    return [x.strip() for x in re.split(r"[，,；;]", text) if x.strip()]
