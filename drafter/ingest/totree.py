"""Recognized parts → drafter's document tree, which the ordinary renderers lay out: one-click formatting is
import followed straight by the .docx renderer (same named styles and geometry as every drafted document).

Heading numbers keep the values the source gives (a gap is reported, not silently renumbered), written in the
standard form of their level: (一) → （一）, 1、→ 1.
"""

from __future__ import annotations

import re

from drafter.cnnum import cn_int
from drafter.doctree import nodes as n
from drafter.doctree.numbering import HEADING_FORMATS
from drafter.ingest import patterns as pt
from drafter.ingest.recognize import Recognized

_KIND_BY_TITLE = (("speech", re.compile(r"(讲话|致辞|发言)(（[^）]*）)?$")), ("host", re.compile(r"主持词$")),
                  ("report", re.compile(r"报告$")), ("news", re.compile(r"(召开|举行|举办)")))


def guess_kind(rec: Recognized) -> str:
    """The document kind whose layout conventions fit: a 版头 or 版记 makes a notice; else the title decides."""
    if any(rec.of(r) for r in ("mark", "number", "cc", "printer")):
        return "notice"
    title = next((p.text for p in rec.parts if p.role == "title"), "")
    for kind, rx in _KIND_BY_TITLE:
        if rx.search(pt.flat(title)):
            return kind
    return "speech" if rec.of("salutation") else "notice"


_TEXT_BLOCKS = {"title": n.Title, "subtitle": n.Subtitle, "byline": n.Byline, "salutation": n.Salutation,
                "addressee": n.Addressee, "signature": n.Signature, "date": n.DateLine, "note": n.Note}
"""Parts that become one block holding their text as recognized."""


def to_tree(rec: Recognized, doc_id: str, fonts: str = "gb2312") -> n.Document:
    meta: dict[str, str] = {}
    blocks: list[n.Block] = []
    previous = None
    for part in rec.parts:
        origin = n.Origin(str(rec.source.path), part.where[0])
        role = part.role
        if part.page_break and blocks and not isinstance(blocks[-1], n.PageBreak) and role not in ("cc", "printer"):
            # (the 版记's place, on a page of its own or not, is the renderer's to choose)
            blocks.append(n.PageBreak(origin=origin))
        elif role == "title" and previous in ("date", "signature", "note") and not isinstance(blocks[-1], n.PageBreak):
            blocks.append(n.PageBreak(origin=origin))   # an attachment (the plan after its notice) starts a new page
        previous = role
        if role in ("copy_no", "secrecy", "urgency", "mark"):
            meta[role] = part.text
        elif role == "number":
            d = part.data
            meta["number"] = f"{d['code']}〔{d['year']}〕{d['num']}号"
            if d.get("signer"):
                meta["signer"] = d["signer"]
        elif role == "signer":
            meta["signer"] = part.text
        elif role == "cc":
            meta["cc"] = part.text
        elif role == "printer":
            meta["printer"], meta["print_date"] = part.data["printer"], part.data["date"]
        elif role in _TEXT_BLOCKS:
            blocks.append(_TEXT_BLOCKS[role](part.text, origin=origin))
        elif role == "heading":
            number = HEADING_FORMATS[part.level].format(cn=cn_int(part.number), n=part.number) if part.numbered else ""
            blocks.append(n.Heading(part.level, part.text, runin=part.runin, body=part.body, numbered=part.numbered,
                                    number=number, origin=origin))
        elif role == "table":
            rows = part.rows or []
            header, body = (rows[0], rows[1:]) if len(rows) > 1 else ([], rows)
            width = max(len(r) for r in rows)
            header = header + [""] * (width - len(header)) if header else header
            body = [r + [""] * (width - len(r)) for r in body]
            blocks.append(n.Table(header, body, title=part.text, origin=origin))
        elif role == "attachment":
            blocks.append(n.Attachment(part.items, origin=origin))
        else:   # paragraph, attach_mark: body text
            blocks.append(n.Paragraph(part.text, origin=origin))
    kind = guess_kind(rec)
    return n.Document(doc_id, kind, blocks, meta=meta, options={"fonts": fonts, "page_numbers": "outside"})
