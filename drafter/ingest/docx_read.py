"""Paragraphs of a .docx as Word or WPS shows them: automatic numbering turned into its text labels, insertions
accepted and deletions dropped (tracked changes), fields read as their shown result, text boxes read in place,
tables as rows of cells. Comments are not part of the text; reading says how many were left out.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from drafter.cnnum import cn_int
from drafter.errors import CaseError
from drafter.ingest.source import SPACES, Para, Source
from drafter.problems import Problem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
q = f"{{{W}}}".__add__
TITLE_STYLES = {"公文标题", "Title", "标题", "大字标题"}
RUNIN_STYLES = {"一级标题字符": 1, "二级标题字符": 2}
_SKIP = {q("del"), q("moveFrom"), q("delText"), q("instrText"), f"{{{MC}}}Fallback", q("rPr"), q("pPr"),
         q("footnoteReference"), q("endnoteReference"), q("commentReference")}


def _xml(data: bytes):
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def read_docx(path: Path, label: str | None = None) -> Source:
    label = label or str(path)
    from drafter.docx_input import open_package

    try:
        with open_package(path, label) as z:   # size, parts, inflated size and DOCTYPE bounded before parsing
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise CaseError(Problem("不是 Word 文档（缺少 word/document.xml）", file=label))
            parts = {n: z.read(n) for n in ("word/document.xml", "word/styles.xml", "word/numbering.xml",
                                             "word/comments.xml") if n in names}
    except CaseError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, KeyError, ValueError, RuntimeError, EOFError):
        raise CaseError(Problem("无法打开 .docx（文件损坏或不是 Word 文档）", file=label)) from None
    try:
        reader = _Reader({k: _xml(v) for k, v in parts.items()})
        paras = reader.read()
    except Exception as exc:  # noqa: BLE001 - malformed XML can raise anything from lxml
        raise CaseError(Problem(f"无法读取 .docx 的内容（{type(exc).__name__}）：文件可能已损坏", file=label)) from None
    return Source(Path(path), paras, reader.notes())


class _Reader:
    def __init__(self, xml: dict):
        self.doc = xml["word/document.xml"]
        self.styles = _styles(xml.get("word/styles.xml"))
        self.numbering = _Numbering(xml.get("word/numbering.xml"), self.styles)
        comments = xml.get("word/comments.xml")
        self.comments = 0 if comments is None else len(comments.findall(q("comment")))
        self.insertions = self.deletions = self.fields = self.textboxes = 0
        self.paras: list[Para] = []
        self.count = 0
        self.break_next = False

    def notes(self) -> list[str]:
        out = []
        if self.insertions or self.deletions:
            out.append(f"修订已按接受处理：插入 {self.insertions} 处保留，删除 {self.deletions} 处去掉（请核对）")
        if self.comments:
            out.append(f"批注 {self.comments} 条不属于正文，未带入（请在原文中查看）")
        if self.fields:
            out.append(f"域 {self.fields} 处按显示的结果读取")
        if self.textboxes:
            out.append(f"文本框 {self.textboxes} 个的文字已按位置读入正文")
        if self.numbering.used:
            out.append(f"自动编号 {self.numbering.used} 处已转为文字编号")
        return out

    def read(self) -> list[Para]:
        body = self.doc.find(q("body"))
        if body is None:
            return []
        self.block(body)
        return self.paras

    def block(self, parent) -> None:
        for child in parent:
            if child.tag == q("p"):
                self.paragraph(child)
            elif child.tag == q("tbl"):
                self.table(child)
            elif child.tag in (q("sdt"), q("sdtContent"), q("customXml"), q("ins"), q("moveTo")):
                self.block(child)

    def paragraph(self, p) -> None:
        self.count += 1
        where = self.count
        for box in _textboxes(p):
            self.textboxes += 1
            self.block(box)
        ppr = p.find(q("pPr"))
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        style = self.styles.get(style_id or "", {})
        texts: list[str] = []
        page_after = self._collect(p, texts)
        text = "".join(texts)
        page_before = self.break_next or (ppr is not None and _on(ppr.find(q("pageBreakBefore"))))
        if ppr is not None and ppr.find(q("sectPr")) is not None:
            page_after = True
        label = self.numbering.label(ppr, style_id) if text.strip() else ""
        if text.strip():
            level = _val(ppr, "outlineLvl") if ppr is not None else None
            level = int(level) + 1 if level is not None and level.isdigit() else style.get("outline")
            runin = _first_run_style(p, self.styles)
            # lines of a title are one title; elsewhere each line after a soft return is a paragraph of its own
            lines = [text.replace("\n", "")] if style.get("name") in TITLE_STYLES else text.split("\n")
            lines = [ln.strip(SPACES) for ln in lines if ln.strip(SPACES)]
            for k, line in enumerate(lines):
                self.paras.append(Para((label if k == 0 else "") + line, where, style=style.get("name", ""),
                                       outline_level=level if level and level <= 9 and k == 0 else None,
                                       runin=runin and k == 0, page_break=page_before and k == 0,
                                       numbered=bool(label) and k == 0))
            self.break_next = False
        else:
            self.break_next = self.break_next or page_before
        if page_after:
            self.break_next = True

    def _collect(self, node, out: list[str]) -> bool:
        """Text of the runs in reading order; returns whether a page break came after the last text."""
        page_after = False
        for el in node.iter():
            tag = el.tag
            if tag == q("t"):
                if _inside(el, node):
                    out.append(el.text or "")
                    page_after = False
            elif tag == q("tab") and _inside(el, node) and el.getparent().tag == q("r"):
                out.append("\t")
            elif tag in (q("br"), q("cr")) and _inside(el, node):
                if el.get(q("type")) == "page":
                    page_after = True
                    if "".join(out).strip():
                        continue
                    self.break_next = True
                elif el.get(q("type")) in (None, "textWrapping"):
                    out.append("\n")      # a soft return (Shift+Enter; text pasted from the web has one a line)
            elif tag == q("noBreakHyphen") and _inside(el, node):
                out.append("-")
            elif tag == q("ins") and _inside(el, node):
                self.insertions += 1
            elif tag == q("del") and _inside(el, node):
                self.deletions += 1
            elif tag in (q("fldSimple"),) or (tag == q("fldChar") and el.get(q("fldCharType")) == "begin"):
                if _inside(el, node):
                    self.fields += 1
        return page_after

    def table(self, tbl) -> None:
        cells = [tc for tr in tbl.findall(q("tr")) for tc in tr.findall(q("tc"))]
        if len(cells) == 1 and cells[0].find(q("tbl")) is not None:
            self.block(cells[0])   # a one-cell layout table around others (drafter's page for the 版记): its content
            return
        self.count += 1
        rows = []
        for tr in tbl.findall(q("tr")):
            cells = []
            for tc in tr.findall(q("tc")):
                pr = tc.find(q("tcPr"))
                if pr is not None and pr.find(q("vMerge")) is not None and pr.find(q("vMerge")).get(q("val")) != "restart":
                    cells.append("")
                    continue
                texts: list[str] = []
                for p in tc.iter(q("p")):
                    part: list[str] = []
                    self._collect(p, part)
                    texts.append("".join(part).replace("\n", ""))
                cells.append("".join(t.strip() for t in texts))
                span = pr.find(q("gridSpan")) if pr is not None else None
                if span is not None and (span.get(q("val")) or "1").isdigit():
                    cells.extend([""] * (int(span.get(q("val"))) - 1))
            if any(c.strip() for c in cells):
                rows.append(cells)
        if rows:
            self.paras.append(Para("", self.count, rows=rows, page_break=self.break_next))
            self.break_next = False


def _inside(el, para) -> bool:
    """`el` belongs to this paragraph's own text: not deleted, not a field code, not in a nested text box."""
    node = el.getparent()
    while node is not None and node is not para:
        if node.tag in _SKIP or node.tag == q("txbxContent"):
            return False
        node = node.getparent()
    return True


def _textboxes(p) -> list:
    """Text boxes anchored in the paragraph (the DrawingML copy only, never its VML fallback)."""
    out = []
    for box in p.iter(q("txbxContent")):
        node, skip = box.getparent(), False
        while node is not None and node is not p:
            if node.tag == f"{{{MC}}}Fallback" or node.tag == q("txbxContent"):
                skip = True
                break
            node = node.getparent()
        if not skip:
            out.append(box)
    return out


def _val(parent, name: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(q(name))
    return None if el is None else el.get(q("val"))


def _on(el) -> bool:
    return el is not None and el.get(q("val"), "true") not in ("false", "0", "off")


def _first_run_style(p, styles: dict) -> bool:
    run = p.find(q("r"))
    if run is None:
        return False
    sid = _val(run.find(q("rPr")), "rStyle")
    return styles.get(sid or "", {}).get("name") in RUNIN_STYLES


def _styles(root) -> dict[str, dict]:
    """style id → name, outline level (1-based) and numbering, following basedOn."""
    if root is None:
        return {}
    raw = {}
    for s in root.findall(q("style")):
        sid = s.get(q("styleId"))
        ppr = s.find(q("pPr"))
        num = ppr.find(q("numPr")) if ppr is not None else None
        level = _val(ppr, "outlineLvl")
        raw[sid] = {"name": _val(s, "name") or sid, "based": _val(s, "basedOn"),
                    "outline": int(level) + 1 if level and level.isdigit() else None,
                    "num": (_val(num, "numId"), _val(num, "ilvl")) if num is not None else None}
    for sid, st in raw.items():
        name = st["name"]
        m = re.fullmatch(r"(?i)heading (\d)|标题 ?(\d)", name)
        if st["outline"] is None and m:
            st["outline"] = int(m.group(1) or m.group(2))
        seen, base = {sid}, st["based"]
        while base in raw and base not in seen:
            seen.add(base)
            st["outline"] = st["outline"] or raw[base]["outline"]
            st["num"] = st["num"] or raw[base]["num"]
            base = raw[base]["based"]
    return raw


_FORMATS = {
    "chineseCounting": cn_int, "chineseCountingThousand": cn_int, "japaneseCounting": cn_int,
    "taiwaneseCounting": cn_int, "taiwaneseCountingThousand": cn_int, "koreanCounting": cn_int,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "chineseLegalSimplified": lambda n: cn_int(n).translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")),
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1), "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
    "upperRoman": lambda n: _roman(n), "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


class _Numbering:
    """Word's automatic numbering, counted the way Word counts it: per list, deeper levels restart."""

    def __init__(self, root, styles: dict):
        self.styles = styles
        self.levels: dict[str, dict[int, dict]] = {}     # numId → ilvl → {fmt, text, start}
        self.counters: dict[str, dict[int, int]] = {}
        self.used = 0
        if root is None:
            return
        abstract = {}
        for a in root.findall(q("abstractNum")):
            abstract[a.get(q("abstractNumId"))] = {int(lv.get(q("ilvl"), "0")): _level(lv) for lv in a.findall(q("lvl"))}
        for num in root.findall(q("num")):
            levels = {k: dict(v) for k, v in abstract.get(_val(num, "abstractNumId"), {}).items()}
            for ov in num.findall(q("lvlOverride")):
                ilvl = int(ov.get(q("ilvl"), "0"))
                if ov.find(q("lvl")) is not None:
                    levels[ilvl] = _level(ov.find(q("lvl")))
                start = _val(ov, "startOverride")
                if start and start.isdigit():
                    levels.setdefault(ilvl, {"fmt": "decimal", "text": f"%{ilvl + 1}.", "start": 1})["start"] = int(start)
            self.levels[num.get(q("numId"))] = levels

    def label(self, ppr, style_id: str | None) -> str:
        num = ppr.find(q("numPr")) if ppr is not None else None
        num_id, ilvl = (_val(num, "numId"), _val(num, "ilvl")) if num is not None else (None, None)
        if num_id is None and style_id:
            style_num = self.styles.get(style_id, {}).get("num")
            if style_num:
                num_id, ilvl = style_num[0], ilvl or style_num[1]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        lvl = int(ilvl) if ilvl and ilvl.isdigit() else 0
        levels = self.levels[num_id]
        if lvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[lvl] = counters.get(lvl, levels[lvl]["start"] - 1) + 1
        for deeper in [k for k in counters if k > lvl]:
            del counters[deeper]
        self.used += 1

        def placeholder(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            spec = levels.get(k, {"fmt": "decimal", "start": 1})
            value = counters.get(k, spec["start"])
            if spec["fmt"] == "bullet":
                return ""
            return _FORMATS.get(spec["fmt"], str)(value)

        spec = levels[lvl]
        if spec["fmt"] == "bullet":
            return ""    # a bullet's symbol is decoration, not a label
        return re.sub(r"%(\d)", placeholder, spec["text"])


def _level(lv) -> dict:
    start = _val(lv, "start")
    return {"fmt": _val(lv, "numFmt") or "decimal", "text": _val(lv, "lvlText") or "",
            "start": int(start) if start and start.isdigit() else 1}
