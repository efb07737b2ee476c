"""drafter's own pagination of what it lays out: the page the body's last line falls on.

GB/T 9704 §7.5 numbers the 版记 page unless a blank page precedes it, and a blank page comes when the body ends
on an even page. Word and WPS work that out from a field in the 版记 page's footer (docx.imprint); LibreOffice,
and any reader that shows a field as it was saved, shows the saved result, which must therefore be right too.
Every line of a drafter document has an exact height (exact line spacing, no widow control, table rows that
never split), so the page count follows from the number of lines each paragraph takes. That number is counted
here as LibreOffice breaks lines: a run of Latin letters and digits stays together, a closing mark never starts a
line and may hang past the margin, an opening mark never ends one, and ¼ 字 separates 汉字 from digits.
What can still differ is the width of a digit in the face a machine substitutes: at a page's very edge the
estimate can be a line off. Word and WPS never depend on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from unicodedata import east_asian_width

from drafter.render.docx_styles import LINE, STYLES, StyleSpec
from drafter.render.wordml import unescape

PAGE_HEIGHT = 12756      # 225 mm of 版心, twips
TYPE_WIDTH = 8844        # 156 mm
# Times New Roman's advances (Liberation Serif has the same), 1/1000 em, for " " to "~"; LibreOffice sets them
# 4 % wider beside 汉字 (LATIN_SCALE) and adds ⅛ 字 where 汉字 meet letters or digits (SCRIPT_GAP): fitted to
# 1,454 paragraphs of every example and variant, then checked on documents it was not fitted to (test_pagination)
LATIN = (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500,
         500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722,
         611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444,
         500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722,
         500, 500, 444, 480, 200, 480, 541)
LATIN_SCALE = 1.04
SCRIPT_GAP = 0.125
ROW_RULE = 10            # a table row's border: ½ pt
HANG = set("，。、．：；！？,.:;!?")                          # may hang past the right margin
CLOSING = set("，。、；：？！）》」』〕】”’…%‰·．，,.;:?!)]}〉")   # never start a line
OPENING = set("（《「『〔【“‘([{〈")                           # never end a line
_LATIN = re.compile(r"[\x21-\x7e]+|.", re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|(<w:br/>)|(<w:tab/>)")
_SIZE = re.compile(r'<w:sz w:val="(\d+)"/>')
_BY_NAME = {spec.name: spec for spec in STYLES}


@dataclass
class Row:
    cells: list[tuple[str, str, int]]   # text ("\n" where a line breaks), style, cell width (twips, margins off)
    header: bool = False


@dataclass
class Table:
    """What pagination needs of a table: its rows (a header row repeats on every page; no row splits)."""
    rows: list[Row]


def advance(c: str, size: int, track: int) -> float:
    """One character's advance in twips at `size` half-points: 汉字, full-width and East Asian ambiguous marks
    (—, “, Ⅰ, ·) one em, ASCII at its Times width, anything else half."""
    full = size * 10
    if " " <= c <= "~":
        return full * LATIN[ord(c) - 32] / 1000 * LATIN_SCALE + track
    return (full if c >= "\u2e80" or east_asian_width(c) in "WFA" else full / 2) + track


def break_lines(text: str, width: float, size: int, track: int = 0, first: float = 0) -> list[str]:
    """`text` broken into lines of `width` twips as LibreOffice breaks them, the first indented by `first`."""
    lines, current, used, room = [], "", 0.0, width - first
    for u in _LATIN.findall(text):
        w = sum(advance(c, size, track) for c in u)
        if current and current[-1].isascii() != u[0].isascii() and (current[-1].isalnum() or u[0].isalnum()):
            w += size * 10 * SCRIPT_GAP
        if used + w > room + 0.5 and current:
            if u in HANG:   # a comma or full stop hangs past the margin
                current += u
                used += w
                continue
            carry = current[-1] if current[-1] in OPENING else ""   # an opening mark goes down with what it opens
            if u[0] in CLOSING and not carry and len(current) > 1:   # a closing mark takes the character before it
                carry = current[-1]
            lines.append(current[:len(current) - len(carry)])
            current, used, room = carry, sum(advance(c, size, track) for c in carry), width
        current += u
        used += w
    return lines + [current]


def line_count(text: str, width: float, size: int, track: int = 0, first: float = 0) -> int:
    """Lines `text` takes in `width` twips, the first line indented by `first` (negative: hanging)."""
    return len(break_lines(text, width, size, track, first)) if text else 1


def _style(name: str) -> StyleSpec:
    return _BY_NAME.get(name) or _BY_NAME["公文正文"]


def paragraph_height(spec: dict) -> tuple[int, int, int]:
    """(space before, number of lines, line height) of a paragraph spec as docx.DocxRenderer writes it."""
    style = _style(spec.get("style", ""))
    runs = spec.get("runs", "")
    size = int(m.group(1)) if (m := _SIZE.search(runs)) else style.size
    line = spec.get("line") or style.line or round(size * 10 * 1.25)
    ind = spec.get("ind") or {}
    left, right = ind.get("left", style.left), ind.get("right", style.right)
    first = ind.get("firstLine", style.first) - ind.get("hanging", 0) if ind else style.first
    width = TYPE_WIDTH - left - right
    segments, current = [], ""
    for text, br, tab in _TEXT.findall(runs):
        if br:
            segments.append(current)
            current = ""
        elif not tab:
            current += unescape(text)
    segments.append(current)
    lines = sum(line_count(s, width, size, style.track, first if i == 0 else 0) for i, s in enumerate(segments))
    before = spec.get("before")
    before = style.before if before is None else before
    if spec.get("border"):   # a bottom rule: its spacing and width below the last line
        before += 120
    return before, lines, line


def row_height(row: Row) -> int:
    return max(sum(line_count(t, width, _style(style).size, _style(style).track) for t in text.split("\n"))
               * (_style(style).line or LINE) for text, style, width in row.cells) + ROW_RULE


def _keeps(spec: dict) -> bool:
    return bool(spec.get("keep_next") or _style(spec.get("style", "")).keep_next)


def last_page(items: list, trace: list | None = None) -> int:
    """The page (from 1) on which the last of `items` — paragraph specs and Tables — ends; `trace` collects
    (page, text, lines) of each paragraph and row, to compare with a measured PDF."""
    page, y = 1, 0

    def new_page():
        nonlocal page, y
        page += 1
        y = 0

    i = 0
    while i < len(items):
        it = items[i]
        if isinstance(it, Table):
            header = next((r for r in it.rows if r.header), None)
            for r in it.rows:
                h = row_height(r)
                if y + h > PAGE_HEIGHT and y > 0:
                    new_page()
                    if header is not None and not r.header:
                        y += row_height(header)
                y += h
                if trace is not None:
                    trace.append((page, r.cells[0][0] + r.cells[1][0] if len(r.cells) > 1 else r.cells[0][0], h))
            i += 1
            continue
        if it.get("page_break") and y > 0:
            new_page()
        before, lines, line = paragraph_height(it)
        before = 0 if y == 0 and i > 0 else before   # space before is dropped at the top of a later page
        if _keeps(it):
            # this paragraph, every following one it is kept with, and the first line after them on one page
            need, j = before + lines * line, i + 1
            while j < len(items):
                nxt = items[j]
                if isinstance(nxt, Table):
                    need += row_height(nxt.rows[0]) if nxt.rows else 0
                    break
                if nxt.get("page_break"):
                    break
                b2, n2, l2 = paragraph_height(nxt)
                if not _keeps(nxt):
                    need += b2 + l2
                    break
                need += b2 + n2 * l2
                j += 1
            if y + need > PAGE_HEIGHT and y > 0 and need <= PAGE_HEIGHT:
                new_page()
                before = 0
        y += before
        if trace is not None:
            text = "".join(unescape(t) for t, _, _ in _TEXT.findall(it.get("runs", "")))
            trace.append((page if y + line <= PAGE_HEIGHT + 1 else page + 1, text, lines))
        for _ in range(lines):
            if y + line > PAGE_HEIGHT + 1 and y > 0:
                new_page()
            y += line
        i += 1
    return page
