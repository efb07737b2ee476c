"""提纲: the speech's headings and the lead of each sub-point, with the estimated speaking time."""

from __future__ import annotations

from drafter.doctree import nodes as n
from drafter.doctree.measure import first_clause, speaking_minutes

INDENT = "\u3000\u3000"


def render_outline(doc: n.Document) -> bytes:
    chars, minutes = speaking_minutes(doc)
    pace = doc.options.get("pace") or 220
    lines = [f"{doc.title}（提纲）", ""]
    lines += [b.text for b in doc.blocks if isinstance(b, n.Byline)]
    lines += [f"全文约{chars}字，按每分钟{pace}字计，讲话约需{minutes}分钟。", ""]
    for b in doc.blocks:
        if isinstance(b, n.Heading):
            lines.append(INDENT * (b.level - 1) + b.number + b.text.rstrip("。"))
        elif isinstance(b, n.Enumeration) and not b.inline:
            for label, item in b.labelled():
                lines.append(INDENT + label + first_clause(item[len(label):]))
    return ("\n".join(lines) + "\n").encode("utf-8")
