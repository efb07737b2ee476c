"""The .docx renderer: a visitor over the document tree, writing GB/T 9704 layout through named styles.

Page geometry, the 22 × 28 grid, styles and page-number footers come from the cached reference package
(docx_package); this module places the elements of 版头, 主体 and 版记 (spec §2) as WordprocessingML.
Paragraphs are kept as specs until the end, so later blocks (the signature) can adjust earlier ones.
Output bytes are deterministic.
"""

from __future__ import annotations

import dataclasses
import re

from drafter.doctree import nodes as n
from drafter.fonts import all_in_gb2312, fallback_face, in_gb2312
from drafter.kinds import KINDS
from drafter.render import docx_parts, pagination
from drafter.render import wordml as w
from drafter.render.docx_package import Reference, package, part, reference
from drafter.render.docx_styles import BODY_STYLE, CHAR, CHAR_STYLES, LINE, PROFILES, RED, STYLES
from drafter.render.title_wrap import MAX_WIDTH, max_width, wrap_title
from drafter.render.title_wrap import width as text_width

TYPE_WIDTH = 8844          # 156 mm
TYPE_HEIGHT = 12756        # 225 mm
# The 版记 page: a hair paragraph, a borderless table of this height whose cell aligns the 版记 to its bottom, a
# hair paragraph. LibreOffice gives a hair paragraph about 7 pt and lays the last rule at 261.9 mm (262 ± 1 wanted);
# Word, with the section aligned to the bottom as well, at 261.6 mm by the same arithmetic.
IMPRINT_HEIGHT = TYPE_HEIGHT - 136   # the 版记's page: room under it for the paragraphs that close the document
HAIR = {"before": 0, "line": 10, "snap": False, "mark_size": 2}   # a paragraph half a point high, for structure only
MARK_GAP = 1984            # 35 mm: 标志 top edge below the top of the 版心
RULE_GAP_PT = 5            # red rule 4 mm below the 文号 glyphs: ≈2 mm slack under them in the 579 line + 5 pt
HEADING_STYLES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
RUNIN_CHAR = {1: "一级标题字符", 2: "二级标题字符"}
FACE = {spec.name: spec.face for spec in STYLES} | dict(CHAR_STYLES)   # style → role in the profile (仿宋, 楷体 …)
CELL_MARGIN = 57           # 1 mm each side of a task-table cell, so 8 字 of 4号 fit in 2.4 字 less than Word's 1.9 mm
UNIT_MAX = 8               # names of units up to 8 字 are never split across lines in a table
LARGE = {BODY_STYLE: "大字正文", "公文称呼": "大字正文", "一级标题": "大字标题", "二级标题": "大字标题",
         "三级标题": "大字正文", "四级标题": "大字正文"}


class TableXml(str):
    """A table's WordprocessingML, with what pagination needs to know of it."""

    def __new__(cls, xml: str, layout: pagination.Table):
        obj = super().__new__(cls, xml)
        obj.layout = layout
        return obj


def char_twips(text: str, char: int = CHAR) -> int:
    return round(text_width(text) * char)


class DocxRenderer(n.Visitor):
    def __init__(self, doc: n.Document, large: bool = False):
        self.tree = doc
        self.large = large
        self.profile = doc.options.get("fonts", "gb2312")
        self.fonts = PROFILES[self.profile]
        names = self.fonts.names()
        self.faces = {style: names[role] for style, role in FACE.items()}   # style → the face this profile names
        self.items: list[dict | str] = []   # Paragraphs (specs for wordml.para) or finished XML (tables)
        self.break_next = False
        self.last: type | None = None
        self.after_rule = False
        self.gap_next = False   # the next paragraph follows a title or subtitle: one blank line above it
        self.signature: tuple[dict, str] | None = None   # the 署名 paragraph and its text, until the date comes
        self.own: dict[str, bytes] = {}   # package parts this document sets for itself
        self.imprint_texts: list[str] = []   # the 版记's paragraphs, written inside its table

    # --- paragraphs ------------------------------------------------------------------------------
    def style(self, name: str) -> str:
        return LARGE.get(name, name) if self.large else name

    def runs(self, text: str, style: str, east: str | None = None, rstyle: str | None = None, br: bool = False,
             tab_before: bool = False, size: int | None = None) -> str:
        """Runs of `text` in the face of `style`, character style `rstyle` or `east`; characters a GB2312 face
        lacks go in runs naming a face that has them (fonts.GB2312_FALLBACK): no box for 堃 or 喆 in Word or WPS."""
        face = east or self.faces[rstyle or style]
        alt = fallback_face(face)
        if alt is None or all_in_gb2312(text):
            return w.run(text, rstyle, size, east, self.fonts.latin if east else None, br, tab_before)
        kw = {"style": rstyle, "size": size}
        chunks: list[tuple[str, bool]] = []
        for c in text:
            missing = not in_gb2312(c)
            if chunks and chunks[-1][1] == missing:
                chunks[-1] = (chunks[-1][0] + c, missing)
            else:
                chunks.append((c, missing))
        return "".join(
            w.run(chunk, east=alt if missing else east, latin=self.fonts.latin if (missing or east) else None,
                  br=br and i == len(chunks) - 1, tab_before=tab_before and i == 0, **kw)
            for i, (chunk, missing) in enumerate(chunks))

    def para(self, text: str = "", style: str = BODY_STYLE, runs: str | None = None, lines: tuple[str, ...] = (),
             size: int | None = None, **kw) -> pagination.Paragraph:
        """A paragraph of `text`, or of `runs` already written, whose text is `lines` (one per <w:br/>) in `size`."""
        if runs is None:
            runs = self.runs(text, self.style(style)) if text else ""
            lines = (text,)
        if self.gap_next and kw.get("before") is None:
            kw["before"] = LINE   # 标题下空一行 (§7.3.2), whatever follows: 主送机关, a plan's or a report's first paragraph
        self.gap_next = False
        spec = pagination.Paragraph({"style": self.style(style), "runs": runs, **kw}, lines, size)
        if self.break_next:
            spec["page_break"] = True
            self.break_next = False
        self.items.append(spec)
        return spec

    # --- the document ------------------------------------------------------------------------------
    def render(self) -> bytes:
        if not self.large:
            self.banner(self.tree.meta)
        for block in self.tree.blocks:
            self.visit(block)
            self.last = type(block)
        mode = self.tree.options.get("page_numbers", "auto")
        centered = self.large or mode == "center" or (mode == "auto" and self.tree.kind == "speech")
        ref = reference(self.profile, "center" if centered else "outside")
        if not self.large:
            ref = self.imprint(self.tree.meta, ref)
        body = "".join(w.para(**it) if isinstance(it, dict) else it for it in self.items)
        category = "大字念稿" if self.large else (KINDS[self.tree.kind].name if self.tree.kind in KINDS else "")
        dated = next((b.text for b in self.tree.walk(n.DateLine)), None) or self.tree.meta.get("print_date")
        core = docx_parts.core_properties(self.tree.title, category, docx_parts.stamp(dated))
        own = self.own
        if self.tree.options.get("mirror_margins"):
            own["word/settings.xml"] = docx_parts.mirrored(part(ref, "word/settings.xml"))
        return package(ref, body, core, docx_parts.app_properties(self.texts()), own)

    def texts(self) -> list[str]:
        """The text of every paragraph of the body, table cells' and the 版记's included, as the runs hold it."""
        out = []
        for it in self.items:
            if isinstance(it, pagination.Paragraph):
                out.append("".join(it.lines))
            elif isinstance(it, TableXml):
                out += [text.replace("\n", "") for row in it.layout.rows for text, _, _ in row.cells]
        return out + self.imprint_texts

    def banner(self, meta: dict[str, str]) -> None:
        """版头: 份号/密级/紧急 on lines 1–3, 标志 35 mm below the 版心 top, 文号 two lines below, red rule."""
        lead = [meta[k] for k in ("copy_no", "secrecy", "urgency") if meta.get(k)]
        for text in lead:
            self.para(text, "版头要素")
        if not meta.get("mark"):
            return
        mark = meta["mark"]
        size = min(36.0, 440.0 / max(text_width(mark), 1))   # 小初 at most; shrink long names to one line
        height = round(size * 1.25 * 20)
        ink_offset = round(size * 0.12 * 20)                    # glyph top sits ≈0.12 em under the line top
        self.para(style="发文机关标志", runs=self.runs(mark, "发文机关标志", size=round(size * 2)), lines=(mark,),
                  size=round(size * 2), line=height, before=max(0, MARK_GAP - ink_offset - LINE * len(lead)))
        number = meta.get("number", "")
        rule = w.border("bottom", RED, 8, RULE_GAP_PT)
        if meta.get("signer"):   # 上行文 (§7.2.4): 文号 居左空一字, 签发人 居右空一字, on one line
            # No side indents: the red rule is a paragraph border, which spans the indents, and must be as wide as
            # the 版心 (§7.2.5). A first-line indent places the 文号; a right tab one 字 in from the edge the 签发人.
            runs = (self.runs(number, "发文字号") + self.runs("签发人：", "发文字号", tab_before=True)
                    + self.runs(meta["signer"], "发文字号", east=self.fonts.kaiti))
            self.para(style="发文字号", runs=runs, lines=(number + "签发人：" + meta["signer"],), before=2 * LINE,
                      border=rule, jc="left",
                      ind={"left": 0, "right": 0, "firstLine": CHAR},
                      tabs=f'<w:tab w:val="right" w:pos="{TYPE_WIDTH - CHAR}"/>')
        else:
            self.para(number, "发文字号", before=2 * LINE, border=rule)
        self.after_rule = True

    def imprint(self, meta: dict[str, str], ref: Reference) -> Reference:
        """版记: 抄送 and 印发 lines in 4号仿宋 between thick rules, a thin rule between them, on a page of its own.

        GB/T 9704 §7.4: the last rule lies on the bottom edge of the 版心 of the last page, the 封四 — an even page.
        Neither a floating table nor a frame is anchored to the bottom by LibreOffice 7.4, and where Word floats
        one it overlaps a full last page. So the 版记 opens a last section that starts on an even page (Word,
        WPS and LibreOffice insert the blank page when the body ends on one), inside a borderless one-cell table
        as tall as the 版心 whose cell aligns its content to the bottom: the same place in every renderer, and
        never over the body. Returns the reference with the last section's properties.
        """
        if not (meta.get("cc") or meta.get("printer")):
            return ref
        half = TYPE_WIDTH // 2
        rows = ""
        if meta.get("cc"):
            self.imprint_texts.append("抄送：" + meta["cc"])
            cc = w.para("版记", self.runs("抄送：" + meta["cc"], "版记"), ind={"left": 280 + 840, "right": 280, "hanging": 840})
            rows += (f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{TYPE_WIDTH}" w:type="dxa"/>'
                     f'<w:gridSpan w:val="2"/></w:tcPr>{cc}</w:tc></w:tr>')
        if meta.get("printer"):
            self.imprint_texts += [meta["printer"], f"{meta.get('print_date', '')}印发"]
            cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{half}" w:type="dxa"/></w:tcPr>{w.para("版记", self.runs(text, "版记"), jc=jc)}</w:tc>'
                for text, jc in ((meta["printer"], "left"), (f"{meta.get('print_date', '')}印发", "right")))
            rows += f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"
        edges = "".join(w.border(e, eighths=s) if s else f'<w:{e} w:val="nil"/>'
                        for e, s in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)))
        imprint = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:tblBorders>{edges}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
            f'</w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{half}"/></w:tblGrid>'
            f"{rows}</w:tbl>")
        sect = ref.tail[ref.tail.index("<w:sectPr"):ref.tail.index("</w:sectPr>") + len("</w:sectPr>")]
        # the body's last paragraph closes its section; a table's trailing paragraph shrinks to a hair, so a
        # table that fills its page does not push it (and a blank page) after it
        last = next(it for it in reversed(self.items) if isinstance(it, dict))
        if self.items and self.items[-1] is last and not last["runs"] and isinstance(self.items[-2], str):
            last.update(HAIR)
        last["sect"] = sect
        body_end = pagination.last_page([it.layout if isinstance(it, TableXml) else it for it in self.items
                                         if isinstance(it, (dict, TableXml))])
        edges_nil = "".join(f'<w:{e} w:val="nil"/>' for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
        # the section's first paragraph (LibreOffice applies a section's page style through it)
        self.items.append({"style": "版记", "runs": "", **HAIR})
        self.items.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:tblBorders>{edges_nil}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
            f'</w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{TYPE_WIDTH}"/></w:tblGrid>'
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{IMPRINT_HEIGHT}" w:hRule="exact"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>'
            f'{imprint}{w.para("版记", **HAIR)}</w:tc></w:tr></w:tbl>')
        # the body must end with a paragraph (Word requires it), a hair high so it fits under the table
        self.items.append({"style": "版记", "runs": "", **HAIR})
        # its own page, even (封四), bottom-aligned in Word. §7.5 numbers the 版记 page unless a blank page comes
        # before it: the even footer asks Word and WPS (a field on the page of the body's last paragraph), and
        # saves drafter's own pagination's answer for LibreOffice and readers that show fields as saved
        last["runs"] += (f'<w:bookmarkStart w:id="0" w:name="{docx_parts.BODY_END}"/><w:bookmarkEnd w:id="0"/>')
        if body_end % 2 == 0:   # the body ends on an even page: a blank page, then the 版记, neither numbered
            even = docx_parts.even_footer(ref.tail, part(ref, "word/_rels/document.xml.rels"))
            self.own[docx_parts.IMPRINT_FOOTER] = docx_parts.imprint_page_footer(part(ref, even), False)
        tail = re.sub(r'<w:footerReference w:type="(default|even)" r:id="[^"]*"/>',
                      rf'<w:footerReference w:type="\1" r:id="{docx_parts.IMPRINT_FOOTER_ID}"/>', ref.tail)
        tail = tail.replace("<w:pgSz ", '<w:type w:val="evenPage"/><w:pgSz ', 1)
        tail = tail.replace("<w:docGrid ", '<w:vAlign w:val="bottom"/><w:docGrid ', 1)
        return dataclasses.replace(ref, tail=tail)

    # --- blocks ----------------------------------------------------------------------------------
    def visit_Title(self, b: n.Title) -> None:
        before = 2 * LINE if self.after_rule else None
        self.after_rule = False
        size = 52 if self.large else None
        lines = wrap_title(b.text, max_width(size / 2) if size else MAX_WIDTH)
        runs = "".join(self.runs(line, "公文标题", size=size, br=i < len(lines) - 1) for i, line in enumerate(lines))
        self.para(style="公文标题", runs=runs, lines=tuple(lines), size=size, before=before)
        self.gap_next = True

    def visit_Subtitle(self, b: n.Subtitle) -> None:
        self.para(b.text, "公文副标题")
        self.gap_next = True

    def visit_Byline(self, b: n.Byline) -> None:
        self.para(b.text, "讲话人", before=LINE if self.last is n.Title else None)

    def visit_Salutation(self, b: n.Salutation) -> None:
        self.para(b.text, "公文称呼", before=LINE if self.last is n.Byline else None)

    def visit_Addressee(self, b: n.Addressee) -> None:
        self.para(b.text, "主送机关", before=LINE)

    def visit_Heading(self, b: n.Heading) -> None:
        if b.runin:
            style = RUNIN_CHAR.get(b.level)
            runs = self.runs(f"{b.number}{b.text}", self.style(BODY_STYLE), rstyle=style)
            self.para(style=BODY_STYLE, runs=runs + (self.runs(b.body, self.style(BODY_STYLE)) if b.body else ""),
                      lines=(f"{b.number}{b.text}{b.body or ''}",))
        else:
            self.para(b.label, HEADING_STYLES[b.level])

    def visit_Paragraph(self, b: n.Paragraph) -> None:
        self.para(b.text, BODY_STYLE)

    def visit_Enumeration(self, b: n.Enumeration) -> None:
        for text in b.paragraphs():
            self.para(text, BODY_STYLE)

    def visit_Table(self, b: n.Table) -> None:
        """A full-width table; the header row repeats on every page and no row splits across pages (unless it is
        taller than a page: then Word and LibreOffice split it all the same, and drafter's pagination does too)."""
        if b.title:
            self.para(b.title, "表格标题")
        header = (["序号"] if b.numbered else []) + b.header
        rows = [([str(i)] if b.numbered else []) + r for i, r in enumerate(b.rows, 1)]
        measured = {t: text_width(t) for t in set(header).union(*rows)}   # each distinct text once, not per use
        widths, dates = _column_widths(header, rows, measured)
        grid = "".join(f'<w:gridCol w:w="{wd}"/>' for wd in widths)
        # a table whose every character a GB2312 face draws (most) needs no face-change runs: asked once, not per cell
        runs = (lambda text, style, br=False: w.run(text, br=br)) if all_in_gb2312("".join(measured)) else self.runs
        # in a narrowed 完成时限 column a date breaks after its year ("2026年" / "12月底前"), never inside "12月"
        rows = [[_YEAR.sub("\n", v, count=1) if c in dates else v for c, v in enumerate(r)] for r in rows]

        def cell(text: str, width: int, style: str) -> str:
            jc = '<w:jc w:val="left"/>' if style == "表格文字" and measured.get(text.replace("\n", ""), 0) > 8 else ""
            if "\n" in text:   # a date broken after its year
                lines = text.split("\n")
                content = "".join(runs(t, style, br=i < len(lines) - 1) for i, t in enumerate(lines) if t)
            else:
                content = runs(text, style) if text else ""
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>'
                    f'{jc}</w:pPr>{content}</w:p></w:tc>')

        # each column's cells by text: a unit or a date repeats down its column, and is written once
        columns = [{v: cell(v, wd, "表格文字") for v in {r[c] for r in rows}} for c, wd in enumerate(widths)]
        body = ([f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
                 f'{"".join([cell(v, wd, "表头") for v, wd in zip(header, widths, strict=True)])}</w:tr>']
                if header else [])
        body += [f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{"".join([col[v] for col, v in zip(columns, r, strict=True)])}</w:tr>'
                 for r in rows]
        inner = [wd - 2 * CELL_MARGIN for wd in widths]
        layout = pagination.Table(
            ([pagination.Row([(v, "表头", wd) for v, wd in zip(header, inner, strict=True)], True)] if header else [])
            + [pagination.Row([(v, "表格文字", wd) for v, wd in zip(r, inner, strict=True)]) for r in rows])
        self.items.append(TableXml('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
                          f'<w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                          f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
                          '</w:tblCellMar></w:tblPr>'
                          f'<w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>', layout))
        self.para("", BODY_STYLE)   # a table may not end a document in Word

    def visit_Signature(self, b: n.Signature) -> None:
        previous = next((it for it in reversed(self.items) if isinstance(it, dict)), None)
        if previous is not None:   # a page may not hold only the 署名 and date: keep the last body paragraph with them
            previous["keep_next"] = True
        sealed = self.tree.options.get("seal") == "sealed"
        # sealed: leave two lines for the seal, whose top must sit within one line of the body (§7.3.5.1)
        self.signature = (self.para(b.text, "落款", before=(3 if sealed else 1) * LINE), b.text)

    def visit_DateLine(self, b: n.DateLine) -> None:
        date = self.para(b.text, "成文日期")
        pending, self.signature = self.signature, None
        if pending is None:
            date["ind"] = {"left": 0, "right": 4 * CHAR, "firstLine": 0}
            return
        sig, org = pending
        w_org, w_date = char_twips(org), char_twips(b.text)
        if self.tree.options.get("seal") == "sealed":
            # sealed (§7.3.5.1): 成文日期 右空四字, 署名 centred over the date
            date["ind"] = {"left": 0, "right": 4 * CHAR, "firstLine": 0}
            sig["ind"] = {"left": 0, "right": max(0, 4 * CHAR + (w_date - w_org) // 2), "firstLine": 0}
            return
        # unsealed (§7.3.5.2): 署名 右空二字; the date starts two 字 right of the 署名's first character.
        # Left indents make that offset exact whatever the digits' width in the face that draws them.
        start = TYPE_WIDTH - 2 * CHAR - max(w_org, 2 * CHAR + w_date)
        for spec, left in ((sig, start), (date, start + 2 * CHAR)):
            spec["jc"] = "left"
            spec["ind"] = {"left": left, "right": 0, "firstLine": 0}

    def visit_Attachment(self, b: n.Attachment) -> None:
        if len(b.items) == 1:
            self.para(f"附件：{b.items[0]}", "附件说明", before=LINE)
            return
        for i, item in enumerate(b.items, 1):
            if i == 1:
                self.para(f"附件：1.{item}", "附件说明", before=LINE)
            else:
                self.para(f"{i}.{item}", "附件说明", ind={"left": 5 * CHAR, "right": 0, "firstLine": 0})

    def visit_Note(self, b: n.Note) -> None:
        self.para(f"（{b.text}）", "附注")

    def visit_PageBreak(self, b: n.PageBreak) -> None:
        self.break_next = True


def _column_widths(header: list[str], rows: list[list[str]], measured: dict[str, float]) -> tuple[list[int], set[int]]:
    """Short columns (序号, 时限, a unit name) get their natural width; long-text columns share the rest.

    No column is narrower than its header, nor a unit column (牵头单位, 责任单位 …) than its longest unit name of up
    to 8 字 (names are separated by 、，； or spaces), so neither is split across lines ("牵头单/位"); the rest
    goes to the long texts by length. When that leaves a long-text column (重点任务) under TEXT_MIN, a column of
    dates gives way first: "2026年12月底前" breaks after its year, as a narrow 完成时限 column does in print.
    `measured`: the width of every header and cell text. Returns the widths and the columns whose dates break.
    """
    cols = len(header or rows[0])
    values = [{r[c] for r in rows} for c in range(cols)]   # each distinct text of a column measured once
    cell = {t: _cell_width(t, wd) for t, wd in measured.items()}
    heads = [measured[header[c]] if header else 0 for c in range(cols)]
    units = [c for c in range(cols) if header and header[c].endswith(("单位", "部门", "机关"))]
    whole = [max([heads[c], 1] + ([wd for v in values[c] for t in _UNITS.split(v) if (wd := text_width(t)) <= UNIT_MAX]
                                  if c in units else [])) for c in range(cols)]
    need = [max([cell[v] for v in values[c]] + [heads[c], 2]) for c in range(cols)]
    widths, texts = _share(need, whole, units)
    if not any(widths[c] < TEXT_MIN * 280 + PAD for c in texts):
        return widths, set()
    dates = {c for c in range(cols) if any(_DATED.match(v) for v in values[c])
             and (any(k in header[c] for k in _DEADLINE) if header else all(cell[v] <= DATE_MAX for v in values[c]))}
    for c in dates:   # a date column needs only its longest part once its dates break after the year
        need[c] = max([_cell_width(p, text_width(p)) for v in values[c] for p in _YEAR.split(v)] + [heads[c], 2])
    return _share(need, whole, units)[0], dates


def _share(need: list[float], whole: list[float], units: list[int]) -> tuple[list[int], list[int]]:
    """The widths of columns whose texts need `need` 字 (`whole`: unbroken names), and the long-text columns."""
    cols = len(need)
    natural = [round(wd * 280) + PAD for wd in need]
    least = [round(wd * 280) + PAD for wd in whole]
    short = [c for c in range(cols) if need[c] <= UNIT_MAX] if cols > 1 else []
    if len(short) == cols:
        short = short[:-1]
    widths = {c: natural[c] for c in short}
    flexible = [c for c in range(cols) if c not in widths]
    rest = TYPE_WIDTH - sum(widths.values())
    spare = rest - sum(least[c] for c in flexible)
    if spare < 0:   # too many unit columns to keep every name whole: share by length alone
        spare, least = rest, [0] * cols
    texts = [c for c in flexible if c not in units and need[c] > TEXT_MIN]
    for c in flexible:
        widths[c] = least[c]
    for c in texts:   # the long texts first, up to TEXT_MIN; what remains by length
        grant = max(0, min(spare, TEXT_MIN * 280 + PAD - least[c]))
        widths[c] += grant
        spare -= grant
    weights = [min(need[c], 30) for c in flexible]
    for c, wgt in zip(flexible, weights, strict=True):
        widths[c] += int(spare * wgt / sum(weights))
    widths[flexible[-1]] += TYPE_WIDTH - sum(widths.values())
    return [widths[c] for c in range(cols)], texts


DATE_MAX = 10   # 字: without a header, a column whose every cell is this short and one a date is a column of dates
_DEADLINE = ("时限", "时间", "期限", "日期", "节点")   # a header that names a column of dates (完成时限, 完成时间 …)
TEXT_MIN = 8   # 字 of 4号 a long-text column (重点任务) should have before a date column gives way
PAD = 2 * CELL_MARGIN + 40   # a cell's margins, and slack for a face whose advance is not exactly one em
_DATED = re.compile(r"\d{4}年\d")
_YEAR = re.compile(r"(?<=^\d{4}年)(?=\d)")
_UNITS = re.compile(r"[、，,；;\s]+")
_ALNUM = re.compile(r"[0-9A-Za-z]")
_SCRIPT_CHANGE = re.compile(r"(?<=[0-9A-Za-z])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[0-9A-Za-z])")


def _cell_width(text: str, width: float) -> float:
    """Width in 字 (`width`: the text's own), with ¼ 字 where 汉字 meet digits: Word honours autoSpaceDN="0",
    LibreOffice adds the gap anyway, and a date such as 2026年12月底前 must stay on one line in both."""
    return width + 0.25 * len(_SCRIPT_CHANGE.findall(text)) if _ALNUM.search(text) else width


def render_docx(doc: n.Document) -> bytes:
    return DocxRenderer(doc).render()


def render_docx_reading(doc: n.Document) -> bytes:
    """大字念稿: the speaker's reading copy — 2号 type, wide spacing, no 28-character grid, centred numbers."""
    return DocxRenderer(doc, large=True).render()
