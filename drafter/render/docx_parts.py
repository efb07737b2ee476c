"""The package parts around the body, written for Word and WPS rather than inherited from python-docx's template.

python-docx's default template is a 2010 Mac Word file: a `stylesWithEffects.xml` that knows none of our
styles (Word "repairs" a file whose two style parts disagree), a blank thumbnail, `settings.xml` with a
`<w:zoom>` that lacks the required `w:percent`, Japanese theme fonts (`themeFontLang eastAsia="ja-JP"`),
compatibility mode 14 (Word opens it in 兼容模式), a font table without our faces, and app/core properties
that claim "Microsoft Macintosh Word", 0 words and 2000-01-01. Each function here fixes one part, so the
reference package (docx_reference) stays a cache of finished parts.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from drafter.render.docx_styles import FontProfile
from drafter.render.wordml import escape, quoteattr

DROPPED = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")

# Font-table facts Word needs to substitute a face the machine lacks: the GB2312 charset (0x86), the family and
# pitch, and an alternate name. Alternate names are the same face's other name (黑体 = SimHei), or, for the
# GB2312-era names that Windows no longer ships, the GBK face that replaced it (仿宋_GB2312 → 仿宋).
FONT_FACTS: dict[str, tuple[str, str, str]] = {   # name: (altName, family, pitch)
    "仿宋_GB2312": ("仿宋", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "modern", "fixed"),
    "仿宋": ("FangSong", "modern", "fixed"),
    "楷体": ("KaiTi", "modern", "fixed"),
    "黑体": ("SimHei", "modern", "fixed"),
    "宋体": ("SimSun", "auto", "variable"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "auto", "variable"),
    "方正小标宋_GBK": ("FZXiaoBiaoSong-B05", "auto", "variable"),
    "方正仿宋_GBK": ("FZFangSong-Z02", "auto", "variable"),
    "方正楷体_GBK": ("FZKai-Z03", "auto", "variable"),
    "方正黑体_GBK": ("FZHei-B01", "auto", "variable"),
}


def prune(parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Drop stylesWithEffects.xml and the blank thumbnail, with their relationships and content types."""
    out = []
    for name, data in parts:
        if name in DROPPED:
            continue
        if name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
            text = data.decode("utf-8")
            for dropped in DROPPED:
                base = dropped.rsplit("/", 1)[-1]
                text = re.sub(rf'<Relationship [^>]*Target="[^"]*{re.escape(base)}"/>', "", text)
                text = re.sub(rf'<Override PartName="/{re.escape(dropped)}"[^>]*/>', "", text)
            text = text.replace('<Default Extension="jpeg" ContentType="image/jpeg"/>', "")
            data = text.encode("utf-8")
        out.append((name, data))
    return out


IMPRINT_FOOTER_ID = "rIdImprintFooter"
IMPRINT_FOOTER = "word/footer-imprint.xml"
BODY_END = "_DrafterBodyEnd"   # a hidden bookmark (leading _) on the body's last paragraph
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


def imprint_footer(parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The footer of the 版记's section (imprint_page_footer), with its relationship and content type."""
    named = dict(parts)
    even = even_footer(named["word/document.xml"], named["word/_rels/document.xml.rels"])
    out = []
    for name, data in parts:
        if name == "[Content_Types].xml":
            data = data.replace(b"</Types>", f'<Override PartName="/{IMPRINT_FOOTER}" ContentType="{_FOOTER_TYPE}"/>'
                                             f"</Types>".encode())
        elif name == "word/_rels/document.xml.rels":
            data = data.replace(b"</Relationships>", f'<Relationship Id="{IMPRINT_FOOTER_ID}" Type="{_FOOTER}" '
                                f'Target="{IMPRINT_FOOTER.split("/")[1]}"/></Relationships>'.encode())
        out.append((name, data))
    return out + [(IMPRINT_FOOTER, imprint_page_footer(named[even], True))]


def even_footer(document: bytes | str, rels: bytes) -> str:
    """The part name of the footer an even page of the body shows (the default one when numbers are centred)."""
    text = document if isinstance(document, str) else document.decode("utf-8")
    refs = dict(re.findall(r'<w:footerReference w:type="(\w+)" r:id="([^"]+)"/>', text))
    rid = refs.get("even") or refs["default"]
    return "word/" + re.search(rf'<Relationship Id="{rid}" [^>]*Target="([^"]+)"', rels.decode("utf-8")).group(1)


def _field(code: list[str], result: str) -> str:
    """A complex field: its code (instruction text and nested fields, in order) and its saved result (runs)."""
    def r(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"
    instr = "".join(c if c.startswith("<w:r>") else r(f'<w:instrText xml:space="preserve">{c}</w:instrText>') for c in code)
    return (r('<w:fldChar w:fldCharType="begin"/>') + instr + r('<w:fldChar w:fldCharType="separate"/>') + result
            + r('<w:fldChar w:fldCharType="end"/>'))


def imprint_page_footer(even_footer: bytes, saved_number: bool) -> bytes:
    """The body's even-page footer, its number shown only when the body ends on an odd page.

    GB/T 9704 §7.5: the 版记 page (even) is numbered unless a blank page precedes it, and a blank page comes
    exactly when the body ends on an even page. Word and WPS evaluate IF MOD(PAGEREF of the body's last
    paragraph, 2) = 1 on every print, so the blank page, should a reader give it this footer, stays bare too.
    The IF sits inside a QUOTE field, which LibreOffice does not know and so shows as saved: `saved_number` is
    drafter's own pagination's answer (drafter.render.pagination), saved as the live page number or nothing."""
    text = even_footer.decode("utf-8")
    head, runs, tail = re.match(r"(.*?<w:p>(?:<w:pPr>.*?</w:pPr>)?)(.*)(</w:p>.*)", text, re.S).groups()
    page = _field([" PAGE "], "<w:r><w:t>2</w:t></w:r>")
    number = re.sub(r'<w:r><w:fldChar w:fldCharType="begin"/></w:r>.*<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                    lambda _: page, runs, count=1, flags=re.S)
    label = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", runs)
    left, right = (label[0], label[-1]) if len(label) >= 3 else ("", "")
    odd = _field([" = MOD(", _field([f" PAGEREF {BODY_END} "], "<w:r><w:t>1</w:t></w:r>"), ", 2) "],
                 "<w:r><w:t>1</w:t></w:r>")
    shown = _field([" IF ", odd, f' = 1 "{left}', page, f'{right}" "" '], number if saved_number else "")
    return (head + _field([" QUOTE ", shown, " "], number if saved_number else "") + tail).encode("utf-8")


def settings(xml: bytes) -> bytes:
    """100 % zoom (w:percent is required), Chinese theme fonts, Word 2013+ layout (no 兼容模式)."""
    text = xml.decode("utf-8")
    text = re.sub(r"<w:zoom [^>]*/>", '<w:zoom w:percent="100"/>', text)
    text = re.sub(r"<w:themeFontLang [^>]*/>", '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>', text)
    text = re.sub(r'(<w:compatSetting w:name="compatibilityMode" [^>]*w:val=")\d+"', r'\g<1>15"', text)
    text = text.replace("<w:savePreviewPicture/>", "")   # no thumbnail: we have none to offer
    return text.encode("utf-8")


def mirrored(xml: bytes) -> bytes:
    """settings.xml with mirrored margins (double-sided printing: the 订口 stays on the binding side).
    GB/T 9704 does not ask for it; offices that bind duplex prints do (spec §1, 'MAY')."""
    return xml.replace(b'<w:zoom w:percent="100"/>', b'<w:zoom w:percent="100"/><w:mirrorMargins/>', 1)


def font_table(xml: bytes, fonts: FontProfile) -> bytes:
    """The template's Latin entries plus one entry per East Asian face the profile names (charset 86 = GB2312)."""
    text = xml.decode("utf-8")
    text = re.sub(r'\s*<w:font w:name="ＭＳ [^"]*">.*?</w:font>', "", text, flags=re.S)   # Japanese leftovers
    entries = ""
    for name in dict.fromkeys((fonts.fangsong, fonts.kaiti, fonts.heiti, fonts.xiaobiaosong, fonts.songti)):
        alt, family, pitch = FONT_FACTS.get(name, ("", "auto", "variable"))
        entries += (f"<w:font w:name={quoteattr(name)}>" + (f"<w:altName w:val={quoteattr(alt)}/>" if alt else "")
                    + f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')
    return text.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019"
_CJK = re.compile(f"[{_WIDE}]+")


def text_counts(paragraphs: list[str]) -> dict[str, int]:
    """Counts as Word's 字数统计 makes them: each CJK character or full-width mark a word, each Latin run one;
    paragraphs without text are not counted. Runs of CJK are matched and measured, not each character: a match
    per character cost more than the rest."""
    paragraphs = [p for p in paragraphs if p]
    text = "\n".join(paragraphs)
    rest = _CJK.split(text)   # between the runs of CJK: Latin runs and whitespace (str.split's, as re's \s)
    cjk = len(text) - sum(map(len, rest))
    latin = sum(map(len, map(str.split, rest)))
    return {"Words": cjk + latin, "Characters": sum(map(len, text.split())),
            "CharactersWithSpaces": len(text) - text.count("\n"), "Paragraphs": len(paragraphs)}


def app_properties(paragraphs: list[str]) -> str:
    """Extended properties: drafter made the file; counts of the text of its paragraphs (those of table cells
    too), as the renderer wrote them. Pages and lines are Word's to count."""
    counts = "".join(f"<{k}>{v}</{k}>" for k, v in text_counts(paragraphs).items())
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>drafter</Application>{counts}</Properties>")


_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def stamp(document_date: str | None) -> str | None:
    """When the file was made, reproducibly: SOURCE_DATE_EPOCH when set (the reproducible-builds convention),
    else the document's own 成文日期, else nothing — never a made-up date. The same case gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    m = _CN_DATE.search(document_date or "")
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat() + "T00:00:00+08:00"
        except ValueError:
            return None
    return None


def core_properties(title: str, category: str, when: str | None) -> str:
    dates = "".join(f'<dcterms:{k} xsi:type="dcterms:W3CDTF">{when}</dcterms:{k}>' for k in ("created", "modified")) \
        if when else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>drafter</dc:creator>"
        f"<cp:lastModifiedBy>drafter</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<cp:category>{escape(category)}</cp:category>{dates}"
        "</cp:coreProperties>"
    )
