"""The .docx renderer: a visitor over the document tree, writing GB/T 9704 layout through named styles.

Page geometry and the 22 × 28 grid come from docx_styles; this module places the elements of
版头, 主体 and 版记 (spec §2) and writes page numbers. Output bytes are deterministic.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from drafter.doctree import nodes as n
from drafter.render import docx_xml as x
from drafter.render.docx_styles import CHAR, LINE, PROFILES, RED, build_styles, setup_page
from drafter.render.title_wrap import width as text_width
from drafter.render.title_wrap import wrap_title

TYPE_WIDTH = 8844          # 156 mm
MARK_GAP = 1984            # 35 mm: 标志 top edge below the top of the 版心
RULE_GAP_PT = 5            # red rule 4 mm below the 文号 glyphs: ≈2 mm slack under them in the 579 line + 5 pt
HEADING_STYLES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
RUNIN_CHAR = {1: "一级标题字符", 2: "二级标题字符"}
LARGE = {"正文": "大字正文", "称呼": "大字正文", "一级标题": "大字标题", "二级标题": "大字标题",
         "三级标题": "大字正文", "四级标题": "大字正文"}
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


@functools.cache
def reference_document(profile: str) -> bytes:
    """The styled, empty reference document for a font profile: page, grid and named styles, built once."""
    d = new_docx()
    setup_page(d)
    build_styles(d, PROFILES[profile])
    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def char_twips(text: str, char: int = CHAR) -> int:
    return round(text_width(text) * char)


class DocxRenderer(n.Visitor):
    def __init__(self, doc: n.Document, large: bool = False):
        self.tree = doc
        self.large = large
        self.fonts = PROFILES[doc.options.get("fonts", "gb2312")]
        self.d = new_docx(io.BytesIO(reference_document(doc.options.get("fonts", "gb2312"))))
        self.break_next = False
        self.last: type | None = None
        self.after_rule = False

    # --- paragraphs ------------------------------------------------------------------------------
    def style(self, name: str) -> str:
        return LARGE.get(name, name) if self.large else name

    def set_style(self, paragraph, name: str) -> None:
        """Set w:pStyle by id: python-docx's style setter scans every style on each call (75% of render time)."""
        paragraph._p.get_or_add_pPr().style = self.ids[name]

    def set_run_style(self, run, name: str) -> None:
        run._r.get_or_add_rPr().style = self.ids[name]

    def para(self, text: str = "", style: str = "正文", before: int | None = None):
        p = self.d.add_paragraph()
        self.set_style(p, self.style(style))
        if text:
            p.add_run(text)
        if before is not None:
            p.paragraph_format.space_before = Twips(before)
        if self.break_next:
            p.paragraph_format.page_break_before = True
            self.break_next = False
        return p

    # --- the document ------------------------------------------------------------------------------
    def render(self) -> bytes:
        self.ids = _StyleIds()
        if not self.large:
            self.banner(self.tree.meta)
        for block in self.tree.blocks:
            self.visit(block)
            self.last = type(block)
        if not self.large:
            self.imprint(self.tree.meta)
        self.footers()
        props = self.d.core_properties
        props.title = self.tree.title
        from drafter.kinds import KINDS  # the checker reads the kind: speeches are not laid out as 公文

        props.category = "大字念稿" if self.large else (KINDS[self.tree.kind].name if self.tree.kind in KINDS else "")
        props.author = props.last_modified_by = "drafter"
        props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
        props.revision = 1
        props.comments = ""
        buf = io.BytesIO()
        self.d.save(buf)
        return x.deterministic_zip(buf.getvalue())

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
        p = self.para(mark, "发文机关标志")
        x.set_spacing(x.ppr(p._p), height, before=max(0, MARK_GAP - ink_offset - LINE * len(lead)))
        x.set_size(x.rpr(p.runs[0]._r), round(size * 2))
        number = meta.get("number", "")
        if meta.get("signer"):   # 上行文: 文号 left (空一字), 签发人 right, on one line
            p = self.para(number, "发文字号", before=2 * LINE)
            x.set_jc(x.ppr(p._p), "left")
            x.set_indent(x.ppr(p._p), left=CHAR, right=CHAR)
            p.add_run("\t签发人：")
            r = p.add_run(meta["signer"])
            x.set_fonts(x.rpr(r._r), self.fonts.kaiti, self.fonts.latin)
            p.paragraph_format.tab_stops.add_tab_stop(Twips(TYPE_WIDTH - CHAR - CHAR * 6))
        else:
            p = self.para(number, "发文字号", before=2 * LINE)
        x.set_border(x.ppr(p._p), "bottom", RED, eighths=8, space=RULE_GAP_PT)
        self.after_rule = True

    def imprint(self, meta: dict[str, str]) -> None:
        """版记: 抄送 and 印发 lines in 4号仿宋 between thick rules, a thin rule between them."""
        if not (meta.get("cc") or meta.get("printer")):
            return
        rows = []
        if meta.get("cc"):
            rows.append(("抄送：" + meta["cc"], None))
        if meta.get("printer"):
            rows.append((meta["printer"], f"{meta.get('print_date', '')}印发"))
        table = self.d.add_table(rows=len(rows), cols=2)
        tbl = table._tbl
        tblPr = tbl.tblPr
        _table_width(tblPr, TYPE_WIDTH)
        pos = x.OxmlElement("w:tblpPr")   # Word/WPS: anchor to the bottom of the 版心 on the last page
        for k, v in (("leftFromText", 0), ("rightFromText", 0), ("vertAnchor", "margin"), ("horzAnchor", "margin"),
                     ("tblpXSpec", "center"), ("tblpYSpec", "bottom")):
            pos.set(qn(f"w:{k}"), str(v))
        tblPr.insert(0, pos)
        borders = x.OxmlElement("w:tblBorders")
        for edge, sz in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
            e = x.OxmlElement(f"w:{edge}")
            e.set(qn("w:val"), "single" if sz else "nil")
            if sz:
                e.set(qn("w:sz"), str(sz))
                e.set(qn("w:space"), "0")
                e.set(qn("w:color"), "000000")
            borders.append(e)
        tblPr.append(borders)
        _cell_margins(tblPr, 0)
        for row, (left, right) in zip(table.rows, rows, strict=True):
            _no_split(row)
            if right is None:
                cell = row.cells[0].merge(row.cells[1])
                self.set_style(cell.paragraphs[0], "版记")
                cell.paragraphs[0].add_run(left)
                # wrapped 抄送 lines align after the colon
                x.set_indent(x.ppr(cell.paragraphs[0]._p), left=280 + 3 * 280, right=280, hanging=3 * 280)
            else:
                for cell, text, jc in ((row.cells[0], left, "left"), (row.cells[1], right, "right")):
                    self.set_style(cell.paragraphs[0], "版记")
                    cell.paragraphs[0].add_run(text)
                    x.set_jc(x.ppr(cell.paragraphs[0]._p), jc)
        # the body must end with a paragraph (Word requires it; LibreOffice anchors the floating table to it);
        # make it one twip-high so it never adds a page
        tail = self.d.add_paragraph(style="版记")
        x.set_spacing(x.ppr(tail._p), 20, before=0)
        x.set_flag(x.ppr(tail._p), "w:snapToGrid", False)
        x.set_size(x.set_child(x.ppr(tail._p), "w:rPr", x.PPR_ORDER), 2)   # paragraph-mark size

    def footers(self) -> None:
        section = self.d.sections[0]
        mode = self.tree.options.get("page_numbers", "auto")
        centered = self.large or mode == "center" or (mode == "auto" and self.tree.kind == "speech")
        if centered:
            self._page_number(section.footer.paragraphs[0], "center", 0)
            return
        self.d.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer.paragraphs[0], "right", 280)
        self._page_number(section.even_page_footer.paragraphs[0], "left", 280)

    def _page_number(self, p, jc: str, indent: int) -> None:
        self.set_style(p, "页码")
        x.set_jc(x.ppr(p._p), jc)
        x.set_indent(x.ppr(p._p), left=indent if jc == "left" else 0, right=indent if jc == "right" else 0)
        p.add_run("— ")
        x.add_page_field(p)
        p.add_run(" —")

    # --- blocks ----------------------------------------------------------------------------------
    def visit_Title(self, b: n.Title) -> None:
        before = 2 * LINE if self.after_rule else 0
        self.after_rule = False
        lines = wrap_title(b.text)
        p = self.para("", "公文标题", before=before)
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)
        if self.large:
            for run in p.runs:
                x.set_size(x.rpr(run._r), 52)

    def visit_Subtitle(self, b: n.Subtitle) -> None:
        self.para(b.text, "副标题")

    def visit_Byline(self, b: n.Byline) -> None:
        self.para(b.text, "讲话人", before=LINE if self.last is n.Title else None)

    def visit_Salutation(self, b: n.Salutation) -> None:
        self.para(b.text, "称呼", before=LINE if self.last is n.Byline else None)

    def visit_Addressee(self, b: n.Addressee) -> None:
        self.para(b.text, "主送机关", before=LINE)

    def visit_Heading(self, b: n.Heading) -> None:
        if b.runin:
            p = self.para("", "正文")
            head = p.add_run(f"{b.number}{b.text}")
            if b.level in RUNIN_CHAR:
                self.set_run_style(head, RUNIN_CHAR[b.level])
            if b.body:
                p.add_run(b.body)
        else:
            self.para(b.label, HEADING_STYLES[b.level])

    def visit_Paragraph(self, b: n.Paragraph) -> None:
        self.para(b.text, "正文")

    def visit_Enumeration(self, b: n.Enumeration) -> None:
        for text in b.paragraphs():
            self.para(text, "正文")

    def visit_Table(self, b: n.Table) -> None:
        """A full-width table; the header row repeats on every page and no row splits across pages.

        Written as XML in one piece: python-docx's row and cell accessors re-walk the grid on every call.
        """
        if b.title:
            self.para(b.title, "表格标题")
        header = (["序号"] if b.numbered else []) + b.header
        rows = [([str(i)] if b.numbered else []) + r for i, r in enumerate(b.rows, 1)]
        widths = _column_widths(header, rows, b.numbered)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

        def cell(text: str, width: int, style: str) -> str:
            jc = '<w:jc w:val="left"/>' if style == "表格文字" and text_width(text) > 8 else ""
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>'
                    f'{jc}</w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')

        def row(values: list[str], is_header: bool) -> str:
            pr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if is_header else "<w:trPr><w:cantSplit/></w:trPr>"
            style = "表头" if is_header else "表格文字"
            return "<w:tr>" + pr + "".join(cell(v, w, style) for v, w in zip(values, widths, strict=True)) + "</w:tr>"

        body = ([row(header, True)] if header else []) + [row(r, False) for r in rows]
        xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
               f'<w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
               f'<w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')
        self.d.element.body.insert_element_before(parse_xml(xml), "w:sectPr")
        self.para("", "正文")   # a table may not end a document in Word

    def visit_Signature(self, b: n.Signature) -> None:
        body = self.d.paragraphs
        if body:   # a page may not hold only the 署名 and date: keep the last body paragraph with them
            body[-1].paragraph_format.keep_with_next = True
        sealed = self.tree.options.get("seal") == "sealed"
        # sealed: leave two lines for the seal, whose top must sit within one line of the body (§7.3.5.1)
        self.signature = self.para(b.text, "落款", before=(3 if sealed else 1) * LINE)

    def visit_DateLine(self, b: n.DateLine) -> None:
        date = self.para(b.text, "成文日期")
        sig = getattr(self, "signature", None)
        if sig is None:
            x.set_indent(x.ppr(date._p), right=4 * CHAR)
            return
        w_org, w_date = char_twips(sig.text), char_twips(b.text)
        if self.tree.options.get("seal") == "sealed":
            # sealed (§7.3.5.1): 成文日期 右空四字, 署名 centred over the date
            x.set_indent(x.ppr(date._p), right=4 * CHAR)
            x.set_indent(x.ppr(sig._p), right=max(0, 4 * CHAR + (w_date - w_org) // 2))
            self.signature = None
            return
        # unsealed (§7.3.5.2): 署名 右空二字; the date starts two 字 right of the 署名's first character.
        # Left indents make that offset exact whatever the digits' width in the face that draws them.
        start = TYPE_WIDTH - 2 * CHAR - max(w_org, 2 * CHAR + w_date)
        for p, left in ((sig, start), (date, start + 2 * CHAR)):
            x.set_jc(x.ppr(p._p), "left")
            x.set_indent(x.ppr(p._p), left=left)
        self.signature = None

    def visit_Attachment(self, b: n.Attachment) -> None:
        if len(b.items) == 1:
            self.para(f"附件：{b.items[0]}", "附件说明", before=LINE)
            return
        for i, item in enumerate(b.items, 1):
            text = f"附件：{i}.{item}" if i == 1 else f"{i}.{item}"
            p = self.para(text, "附件说明", before=LINE if i == 1 else None)
            if i > 1:
                x.set_indent(x.ppr(p._p), left=5 * CHAR)

    def visit_Note(self, b: n.Note) -> None:
        self.para(f"（{b.text}）", "附注")

    def visit_PageBreak(self, b: n.PageBreak) -> None:
        self.break_next = True


class _StyleIds(dict):
    """python-docx derives a style id from its name by dropping spaces; looking styles up by name is slow."""

    def __missing__(self, name: str) -> str:
        return name.replace(" ", "")


def _table_width(tblPr, twips: int) -> None:
    for old in tblPr.findall(qn("w:tblW")):
        tblPr.remove(old)
    w = x.OxmlElement("w:tblW")
    w.set(qn("w:w"), str(twips))
    w.set(qn("w:type"), "dxa")
    tblPr.append(w)
    layout = x.OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)


def _cell_margins(tblPr, twips: int) -> None:
    mar = x.OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        e = x.OxmlElement(f"w:{edge}")
        e.set(qn("w:w"), str(twips))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblPr.append(mar)


def _no_split(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(x.OxmlElement("w:cantSplit"))


def _column_widths(header: list[str], rows: list[list[str]], numbered: bool) -> list[int]:
    """Short columns (序号, 时限, a unit name) get their natural width; long-text columns share the rest."""
    cols = len(header or rows[0])
    pad = 2 * 108 + 140   # default cell margins, plus half a character of slack for bold header faces
    need = [max([text_width(r[c]) for r in rows] + [text_width(header[c]) if header else 0] + [2]) for c in range(cols)]
    natural = [round(w * 280) + pad for w in need]
    short = [c for c in range(cols) if need[c] <= 8] if cols > 1 else []
    if len(short) == cols:
        short = short[:-1]
    widths = {c: natural[c] for c in short}
    flexible = [c for c in range(cols) if c not in widths]
    rest = TYPE_WIDTH - sum(widths.values())
    weights = [min(need[c], 30) for c in flexible]
    for c, wgt in zip(flexible, weights, strict=True):
        widths[c] = int(rest * wgt / sum(weights))
    widths[flexible[-1]] += TYPE_WIDTH - sum(widths.values())
    return [widths[c] for c in range(cols)]


def render_docx(doc: n.Document) -> bytes:
    return DocxRenderer(doc).render()


def render_docx_reading(doc: n.Document) -> bytes:
    """大字念稿: the speaker's reading copy — 2号 type, wide spacing, no 28-character grid, centred numbers."""
    return DocxRenderer(doc, large=True).render()
