"""Facts about a finished tree that readers ask for: how long a speech takes to deliver, its outline."""

from __future__ import annotations

import math
import unicodedata

from drafter.doctree import nodes as n

SPOKEN = (n.Paragraph, n.Heading, n.Enumeration, n.Salutation)


def spoken_text(doc: n.Document) -> str:
    parts: list[str] = []
    for b in doc.blocks:
        if isinstance(b, n.Enumeration):
            parts.extend(b.paragraphs())
        elif isinstance(b, n.Heading):
            parts.append(b.full_text)
        elif isinstance(b, SPOKEN):
            parts.append(b.text)
    return "".join(parts)


def count_chars(text: str) -> int:
    """字数 as offices count them: every character that is read aloud, punctuation and spaces excluded."""
    return sum(1 for c in text if unicodedata.category(c)[0] in "LN")


def speaking_minutes(doc: n.Document, pace: int | None = None) -> tuple[int, int]:
    """(characters, minutes rounded up) at `pace` 字/分钟 (default from the document, else 220)."""
    pace = pace or doc.options.get("pace") or 220
    chars = count_chars(spoken_text(doc))
    return chars, max(1, math.ceil(chars / pace))


def first_clause(text: str, limit: int = 30) -> str:
    """The lead of a sub-point, for an outline: up to the first 。；or ，, at most `limit` characters."""
    for stop in ("。", "；", "，"):
        i = text.find(stop)
        if 0 < i <= limit:
            return text[:i]
    return text[:limit] + ("……" if len(text) > limit else "")
