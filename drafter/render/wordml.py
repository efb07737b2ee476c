"""WordprocessingML written as strings, children in schema order: fast, and exactly what we mean."""

from __future__ import annotations

import functools


def escape(text: str) -> str:
    """XML character data, as xml.sax.saxutils.escape (which drags in urllib, http and email at import)."""
    if "&" not in text and "<" not in text and ">" not in text:   # nearly every run: asked without three calls
        return text
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


@functools.lru_cache(maxsize=256)
def quoteattr(text: str) -> str:
    """An attribute value with its quotes, as xml.sax.saxutils.quoteattr; kept per value, as attributes are style
    and face names, the same few in every paragraph."""
    data = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


def run(text: str = "", style: str | None = None, size: int | None = None, east: str | None = None,
        latin: str | None = None, br: bool = False, tab_before: bool = False) -> str:
    if not (style or east or size or br or tab_before) and text:   # most runs: plain text in the paragraph's style
        return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    rpr = ""
    if style:
        rpr += f"<w:rStyle w:val={quoteattr(style)}/>"
    if east:
        rpr += (f'<w:rFonts w:ascii={quoteattr(latin or east)} w:hAnsi={quoteattr(latin or east)} '
                f'w:cs={quoteattr(latin or east)} w:eastAsia={quoteattr(east)} w:hint="eastAsia"/>')
    if size:
        rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    body = ("<w:tab/>" if tab_before else "") + (f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else "")
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{body}{'<w:br/>' if br else ''}</w:r>"


def para(style: str, runs: str = "", *, keep_next: bool = False, page_break: bool = False, border: str = "",
         tabs: str = "", snap: bool | None = None, before: int | None = None, line: int | None = None,
         ind: dict | None = None, jc: str | None = None, mark_size: int | None = None, sect: str = "") -> str:
    """A paragraph in style `style`; keyword parts override the style, in CT_PPr order."""
    ppr = f"<w:pStyle w:val={quoteattr(style)}/>"
    if keep_next:
        ppr += "<w:keepNext/>"
    if page_break:
        ppr += "<w:pageBreakBefore/>"
    if border:
        ppr += f"<w:pBdr>{border}</w:pBdr>"
    if tabs:
        ppr += f"<w:tabs>{tabs}</w:tabs>"
    if snap is not None:
        ppr += f'<w:snapToGrid w:val="{1 if snap else 0}"/>'
    if before is not None or line is not None:
        attrs = f' w:before="{before}"' if before is not None else ""
        if line is not None:
            attrs += f' w:after="0" w:line="{line}" w:lineRule="exact"'
        ppr += f"<w:spacing{attrs}/>"
    if ind:
        ppr += "<w:ind" + "".join(f' w:{k}="{v}"' for k, v in ind.items()) + "/>"
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    if mark_size:
        ppr += f'<w:rPr><w:sz w:val="{mark_size}"/><w:szCs w:val="{mark_size}"/></w:rPr>'
    ppr += sect   # this paragraph ends a section: its properties
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def border(edge: str, color: str = "000000", eighths: int = 8, space: int = 0) -> str:
    return f'<w:{edge} w:val="single" w:sz="{eighths}" w:space="{space}" w:color="{color}"/>'
