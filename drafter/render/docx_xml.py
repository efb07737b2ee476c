"""Low-level WordprocessingML helpers python-docx lacks: East Asian fonts, borders, fields, zip determinism.

Used to build the reference package once (docx_reference). Recipes follow spec/gbt9704.md §7: theme font
attributes removed so explicit names win, `w:eastAsia` set for CJK text, children inserted in schema order,
page numbers as real PAGE fields.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# CT_PPr child order (ECMA-376 §17.3.1.26), for inserting where python-docx has no API
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)


def set_child(parent, tag: str, order: tuple[str, ...], **attrs: str):
    """Replace child `tag` of `parent` with one carrying `attrs`, inserted in schema order."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    later = order[order.index(tag) + 1:]
    for i, child in enumerate(parent):
        if child.tag in {qn(t) for t in later}:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def ppr(el):
    return el.get_or_add_pPr()


def rpr(el):
    return el.get_or_add_rPr()


def set_fonts(rpr_el, east: str, latin: str) -> None:
    """Name the East Asian face in w:eastAsia (python-docx's font.name does not) and drop theme fonts."""
    rf = set_child(rpr_el, "w:rFonts", RPR_ORDER)
    rf.set(qn("w:ascii"), latin)
    rf.set(qn("w:hAnsi"), latin)
    rf.set(qn("w:cs"), latin)
    rf.set(qn("w:eastAsia"), east)
    rf.set(qn("w:hint"), "eastAsia")


def set_size(rpr_el, half_points: int) -> None:
    set_child(rpr_el, "w:sz", RPR_ORDER, val=half_points)
    set_child(rpr_el, "w:szCs", RPR_ORDER, val=half_points)


def set_tracking(rpr_el, twentieths: int) -> None:
    set_child(rpr_el, "w:spacing", RPR_ORDER, val=twentieths)


def set_color(rpr_el, hex_rgb: str) -> None:
    set_child(rpr_el, "w:color", RPR_ORDER, val=hex_rgb)


def set_spacing(ppr_el, line: int | None = None, rule: str = "exact", before: int = 0, after: int = 0) -> None:
    attrs = {"before": before, "after": after}
    if line is not None:
        attrs.update(line=line, lineRule=rule)
    set_child(ppr_el, "w:spacing", PPR_ORDER, **attrs)


def set_indent(ppr_el, left: int = 0, right: int = 0, first: int = 0, hanging: int = 0) -> None:
    attrs = {"left": left, "right": right}
    if hanging:
        attrs["hanging"] = hanging
    else:
        attrs["firstLine"] = first
    set_child(ppr_el, "w:ind", PPR_ORDER, **attrs)


def set_jc(ppr_el, value: str) -> None:
    set_child(ppr_el, "w:jc", PPR_ORDER, val=value)


def set_flag(ppr_el, tag: str, on: bool = True) -> None:
    set_child(ppr_el, tag, PPR_ORDER, val="1" if on else "0")


def add_page_field(paragraph) -> None:
    """A PAGE field in the five runs Word itself writes: begin, instruction, separate, cached '1', end.

    (python-docx has no field API; Word and WPS expect each field character in a run of its own.)
    """
    for tag, attrs, text in (
        ("w:fldChar", {"w:fldCharType": "begin"}, None),
        ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
        ("w:fldChar", {"w:fldCharType": "separate"}, None),
        ("w:t", {}, "1"),
        ("w:fldChar", {"w:fldCharType": "end"}, None),
    ):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if text is not None:
            el.text = text
        paragraph.add_run()._r.append(el)
