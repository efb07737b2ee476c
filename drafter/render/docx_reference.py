"""The styled reference package: page, grid, named styles, settings and page-number footers, built once.

Built with python-docx per (font profile, page-number mode); docx_package keeps the result in the user's
cache, so this runs once per installed drafter, and each export only writes its own body and properties
into a copy of these parts (STYLE.md: styles come from a reference document, not from code run for every
paragraph).
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass

from docx import Document as new_docx
from docx.oxml.ns import qn

from drafter.render import docx_parts
from drafter.render import docx_xml as x
from drafter.render.docx_styles import PAGE_NUMBER, PROFILES, build_styles, setup_page


@dataclass(frozen=True)
class Reference:
    parts: tuple[tuple[str, bytes], ...]   # every part of the package, in order
    head: str                              # document.xml up to and including <w:body>
    tail: str                              # the body's sectPr and the closing tags


def _page_number(d, p, jc: str, indent: int) -> None:
    p._p.get_or_add_pPr().style = PAGE_NUMBER
    x.set_jc(x.ppr(p._p), jc)
    x.set_indent(x.ppr(p._p), left=indent if jc == "left" else 0, right=indent if jc == "right" else 0)
    p.add_run("— ")
    x.add_page_field(p)
    p.add_run(" —")


@functools.cache
def reference(profile: str, numbers: str) -> Reference:
    """numbers: 'outside' (odd right, even left, GB/T 9704) or 'center' (speeches, reading copies)."""
    d = new_docx()
    setup_page(d)
    build_styles(d, PROFILES[profile])
    section = d.sections[0]
    if numbers == "center":
        _page_number(d, section.footer.paragraphs[0], "center", 0)
    else:
        d.settings.odd_and_even_pages_header_footer = True
        _page_number(d, section.footer.paragraphs[0], "right", 280)
        _page_number(d, section.even_page_footer.paragraphs[0], "left", 280)
    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    buf = io.BytesIO()
    d.save(buf)
    z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    parts = tuple(_finished(profile, [(name, z.read(name)) for name in z.namelist()]))
    document = dict(parts)["word/document.xml"].decode("utf-8")
    start = document.index("<w:body>") + len("<w:body>")
    sect = document.index("<w:sectPr", start)
    return Reference(parts, document[:start], document[sect:])


def _finished(profile: str, parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The template's parts made right for Word and WPS (docx_parts): each part's content in its own function."""
    fix = {"word/settings.xml": docx_parts.settings,
           "word/fontTable.xml": lambda data: docx_parts.font_table(data, PROFILES[profile])}
    parts = docx_parts.imprint_footer(docx_parts.prune(parts))
    return [(name, fix[name](data) if name in fix else data) for name, data in parts]

