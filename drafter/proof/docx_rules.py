"""Rules over a .docx's XML: page geometry, grid, East Asian fonts, body size, page numbers, heading faces.

Reads effective properties the way Word does: run → run style → paragraph style chain → document defaults.
"""

from __future__ import annotations

import collections
import re

from drafter.problems import Problem, Severity

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """Clark name of a w: tag, as python-docx's qn; `drafter check` of a .txt then never imports python-docx."""
    return _W + tag.removeprefix("w:")

W = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}
DOCX_RULES = {
    "GW-PAGE-01": ("E", "纸张不是 A4"),
    "GW-PAGE-02": ("E", "天头（上边距）不是 37 mm"),
    "GW-PAGE-03": ("E", "订口（左边距）不是 28 mm"),
    "GW-PAGE-04": ("E", "版心不是 156 × 225 mm"),
    "GW-GRID-01": ("E", "正文行距排不出每页 22 行"),
    "GW-GRID-04": ("W", "linesAndChars 文档网格在 LibreOffice 中每行只排 14 字"),
    "GW-GRID-05": ("E", "文档网格重复或仍是模板默认值"),
    "GW-FONT-01": ("E", "中文未设置 w:eastAsia 字体"),
    "GW-FONT-02": ("E", "主题字体覆盖了指定字体"),
    "GW-FONT-03": ("E", "正文字号不是三号（16 磅）"),
    "GW-PN-01": ("E", "页码未分单双页"),
    "GW-PN-02": ("E", "页码不是“— N —”"),
    "GW-LVL-02": ("E", "标题层次的字体不对"),
}
TW_PER_MM = 56.6929


def _within(value: int | None, mm: float, tol_mm: float = 1.0) -> bool:
    return value is not None and abs(value / TW_PER_MM - mm) <= tol_mm


class _Resolver:
    """Effective eastAsia font, size and line spacing of paragraphs and runs."""

    def __init__(self, doc):
        self.styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
        self.default_ppr = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr")) if defaults is not None else None
        pstyle_default = next((s for s in self.styles.values() if s.get(qn("w:type")) == "paragraph"
                               and s.get(qn("w:default")) == "1"), None)
        self.default_style = pstyle_default.get(qn("w:styleId")) if pstyle_default is not None else None

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def _rprs(self, p, r=None):
        if r is not None and r.rPr is not None:
            yield r.rPr
            rstyle = r.rPr.find(qn("w:rStyle"))
            if rstyle is not None:
                for st in self._chain(rstyle.get(qn("w:val"))):
                    if st.find(qn("w:rPr")) is not None:
                        yield st.find(qn("w:rPr"))
        pstyle = p.pPr.find(qn("w:pStyle")).get(qn("w:val")) if p.pPr is not None and p.pPr.find(qn("w:pStyle")) is not None \
            else self.default_style
        for st in self._chain(pstyle):
            if st.find(qn("w:rPr")) is not None:
                yield st.find(qn("w:rPr"))
        if self.default_rpr is not None:
            yield self.default_rpr

    def east_asia(self, p, r=None) -> tuple[str | None, bool]:
        """(explicit eastAsia font, whether a theme attribute stands beside it anywhere in the chain)."""
        theme = False
        for rpr in self._rprs(p, r):
            rf = rpr.find(qn("w:rFonts"))
            if rf is None:
                continue
            if rf.get(qn("w:eastAsiaTheme")):
                theme = True
                if rf.get(qn("w:eastAsia")) is None:
                    return None, True
            if rf.get(qn("w:eastAsia")):
                return rf.get(qn("w:eastAsia")), theme
        return None, theme

    def size(self, p, r=None) -> int | None:
        for rpr in self._rprs(p, r):
            sz = rpr.find(qn("w:sz"))
            if sz is not None:
                return int(sz.get(qn("w:val")))
        return None

    def line(self, p) -> tuple[int | None, str | None]:
        pprs = [p.pPr] if p.pPr is not None else []
        pstyle = p.pPr.find(qn("w:pStyle")).get(qn("w:val")) if p.pPr is not None and p.pPr.find(qn("w:pStyle")) is not None \
            else self.default_style
        pprs += [st.find(qn("w:pPr")) for st in self._chain(pstyle) if st.find(qn("w:pPr")) is not None]
        if self.default_ppr is not None:
            pprs.append(self.default_ppr)
        for ppr in pprs:
            sp = ppr.find(qn("w:spacing"))
            if sp is not None and sp.get(qn("w:line")):
                return int(sp.get(qn("w:line"))), sp.get(qn("w:lineRule"))
        return None, None


SPEECH_KINDS = ("讲话稿", "主持词", "大字念稿")


def document_kind(doc) -> str:
    """drafter's own files name their kind; for others, a speech or host script is known by its title."""
    category = (doc.core_properties.category or "").strip()
    if category:
        return category
    first = next((p.text.strip() for p in doc.paragraphs if p.text.strip()), "")
    return "讲话稿" if re.match(r"^在.{2,60}上的(讲话|主持词)$", first.replace("\n", "")) else ""


def check_docx_xml(doc, file: str, config: dict) -> list[Problem]:
    out: list[Problem] = []
    kind = document_kind(doc)
    # speeches are not 公文: page numbers may be centred (spec §4); the reading copy is large print by design
    exempt = {"GW-PN-01"} if kind in SPEECH_KINDS else set()
    if kind == "大字念稿":
        exempt |= {"GW-FONT-03", "GW-GRID-01", "GW-PAGE-02", "GW-PAGE-03", "GW-PAGE-04"}

    def report(rule_id: str, message: str, line: int | None = None, fix: str | None = None) -> None:
        if (rule_id in config and config[rule_id] is None) or rule_id in exempt:
            return
        sev = config.get(rule_id) or W[DOCX_RULES[rule_id][0]]
        out.append(Problem(message, file=file, line=line, severity=sev, rule=rule_id, fix=fix))

    for n, section in enumerate(doc.sections, 1):
        sp = section._sectPr
        size, mar = sp.find(qn("w:pgSz")), sp.find(qn("w:pgMar"))
        where = f"（第{n}节）" if len(doc.sections) > 1 else ""
        w = int(size.get(qn("w:w"))) if size is not None else None
        h = int(size.get(qn("w:h"))) if size is not None else None
        if not (_within(w, 210) and _within(h, 297)):
            report("GW-PAGE-01", f"纸张应为 A4（210 × 297 mm）{where}，现为 {w and round(w / TW_PER_MM)} × {h and round(h / TW_PER_MM)} mm")
        if mar is not None:
            top, left = int(mar.get(qn("w:top"))), int(mar.get(qn("w:left")))
            right, bottom = int(mar.get(qn("w:right"))), int(mar.get(qn("w:bottom")))
            if not _within(top, 37):
                report("GW-PAGE-02", f"上边距应为 37 mm{where}，现为 {top / TW_PER_MM:.1f} mm")
            if not _within(left, 28):
                report("GW-PAGE-03", f"左边距应为 28 mm{where}，现为 {left / TW_PER_MM:.1f} mm")
            if w and h and not (_within(w - left - right, 156) and _within(h - top - bottom, 225)):
                report("GW-PAGE-04", f"版心应为 156 × 225 mm{where}，现为 {(w - left - right) / TW_PER_MM:.1f} × "
                       f"{(h - top - bottom) / TW_PER_MM:.1f} mm")
        grids = sp.findall(qn("w:docGrid"))
        if len(grids) > 1:
            report("GW-GRID-05", f"文档网格（docGrid）出现了 {len(grids)} 次{where}")
        for g in grids:
            if g.get(qn("w:linePitch")) == "360" and not g.get(qn("w:type")):
                report("GW-GRID-05", f"文档网格仍是模板默认值（linePitch=360）{where}")
            if g.get(qn("w:type")) == "linesAndChars" and int(g.get(qn("w:charSpace"), "0")) < 0:
                report("GW-GRID-04", "“行和字符网格”加负字距在 LibreOffice 中每行只排约 14 字；改用行网格加 −0.25 磅字距")

    resolver = _Resolver(doc)
    body = [p for p in doc.paragraphs if re.search("[\u4e00-\u9fff]", p.text)]
    missing_ea, theme_clash = 0, 0
    sizes: collections.Counter = collections.Counter()
    lines: collections.Counter = collections.Counter()
    for p in body:
        pe = p._p
        for r in p.runs:
            if not re.search("[\u4e00-\u9fff]", r.text):
                continue
            font, theme = resolver.east_asia(pe, r._r)
            missing_ea += font is None
            theme_clash += theme and font is not None
        sz = resolver.size(pe, p.runs[0]._r if p.runs else None)
        sizes[sz] += len(p.text)
        lines[resolver.line(pe)] += len(p.text)
    if missing_ea:
        report("GW-FONT-01", f"{missing_ea} 处中文文字没有指定中文字体（w:eastAsia），Word 会改用主题字体")
    if theme_clash:
        report("GW-FONT-02", f"{theme_clash} 处文字同时带有主题字体属性，会覆盖指定的中文字体")
    if sizes:
        common = sizes.most_common(1)[0][0]
        if common is not None and common != 32:
            report("GW-FONT-03", f"正文字号应为三号（16 磅），现为 {common / 2:g} 磅")
    if lines:
        (line, rule), _n = lines.most_common(1)[0]
        if line and rule == "exact" and 12756 // line != 22:
            report("GW-GRID-01", f"正文固定行距 {line / 20:g} 磅，每页只能排 {12756 // line} 行；应为 28.95 磅（579）")

    for i, p in enumerate(doc.paragraphs, 1):
        text = p.text.strip()
        level = 1 if re.match(r"^[一二三四五六七八九十]+、", text) else 2 if re.match(r"^（[一二三四五六七八九十]+）", text) else 0
        if not level or not p.runs:
            continue
        font, _theme = resolver.east_asia(p._p, p.runs[0]._r)
        want = "黑" if level == 1 else "楷"
        if font and want not in font and not (level == 1 and "SimHei" in font) and not (level == 2 and "KaiTi" in font):
            report("GW-LVL-02", f"第{i}段：{'一级标题应用黑体' if level == 1 else '二级标题应用楷体'}，现为“{font}”", line=i)

    has_page_field = False
    for section in doc.sections:
        for footer in (section.footer, section.even_page_footer):
            if footer.is_linked_to_previous and footer is section.even_page_footer:
                continue
            xml = footer._element.xml
            if "PAGE" in xml:
                has_page_field = True
                # what a reader shows; a conditional number shown as nothing (the 版记 page after a blank page)
                # is judged by the text its field would show
                shown = shown_text(footer._element)
                text = shown or "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))
                if "numberInDash" in section._sectPr.xml or re.search(r"-\s*\d*\s*-", text) or ("—" not in text):
                    report("GW-PN-02", f"页码应为“— 1 —”（两侧为一字线 U+2014），现为“{shown.strip() or '（仅数字）'}”")
    if has_page_field and not doc.settings.odd_and_even_pages_header_footer:
        report("GW-PN-01", "页码应单页居右、双页居左：需要分设奇偶页页脚（evenAndOddHeaders）")
    return out


def shown_text(element) -> str:
    """The text a reader shows of `element` as saved: outside fields or in a field's result, never a field's code
    (nor the results of fields nested in that code)."""
    stack, shown = [], []
    for el in element.iter(qn("w:fldChar"), qn("w:t")):
        if el.tag == qn("w:t"):
            if all(part == "result" for part in stack):
                shown.append(el.text or "")
            continue
        kind = el.get(qn("w:fldCharType"))
        if kind == "begin":
            stack.append("code")
        elif kind == "separate" and stack:
            stack[-1] = "result"
        elif kind == "end" and stack:
            stack.pop()
    return "".join(shown)
