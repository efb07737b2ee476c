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

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
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


class _Advances(dict):
    """Advances of one size and tracking, by character (a font's metrics, the same for every document); a Latin
    run's is the sum of its characters', in order, as break_lines adds them."""

    def __init__(self, size: int, track: int):
        super().__init__()
        self.size, self.track = size, track

    def __missing__(self, unit: str) -> float:
        if len(unit) > 1:
            return sum(self[c] for c in unit)
        value = self[unit] = advance(unit, self.size, self.track)
        return value


@functools.lru_cache(maxsize=64)
def _advances(size: int, track: int) -> _Advances:
    return _Advances(size, track)


# where 汉字 (or any non-ASCII letter or digit) meet ASCII, or ASCII letters and digits meet anything non-ASCII:
# the places LibreOffice adds SCRIPT_GAP (`[^\W_]` is str.isalnum)
_GAP = re.compile(r"(?<=[0-9A-Za-z])(?=[^\x00-\x7f])|(?<=[\x00-\x7f])(?=[^\W_\x00-\x7f])"
                  r"|(?<=[^\x00-\x7f])(?=[0-9A-Za-z])|(?<=[^\W_\x00-\x7f])(?=[\x00-\x7f])")


def break_lines(text: str, width: float, size: int, track: int = 0, first: float = 0) -> list[str]:
    """`text` broken into lines of `width` twips as LibreOffice breaks them, the first indented by `first`.

    Units (a run of ASCII letters, digits and marks, or one other character) fill a line until one passes the
    margin. The units' advances are added in C (itertools.accumulate: the same additions in the same order as
    one by one, so the same sums to the last bit), and the unit that passes the margin is found by bisection:
    a notice's pagination measures ~12,000 characters, which one at a time in Python took 4 ms.
    """
    units = _LATIN.findall(text)
    if not units:
        return [""]
    adv = _advances(size, track)
    widths = list(map(adv.__getitem__, units))
    starts = list(accumulate(map(len, units), initial=0))   # offset of each unit in text
    if len(units) < len(text):   # a Latin run: units and characters no longer line up
        gaps = [bisect_left(starts, m.start()) for m in _GAP.finditer(text)]
    else:
        gaps = [m.start() for m in _GAP.finditer(text)]
    gap = size * 10 * SCRIPT_GAP
    for k in gaps:
        widths[k] += gap
    lines, start, used, limit = [], 0, widths[0], width - first + 0.5
    i, n = 1, len(units)
    fewest = min(widths)
    while i < n:
        if fewest > 0:   # sums only grow: no more units than this can fit, and the first too many is bisected
            window = min(n, i + max(1, int((limit - used) / fewest) + 2))
            sums = list(accumulate(widths[i:window], initial=used))
            j = bisect_right(sums, limit, 1)
        else:            # no real face has such an advance; searched one by one all the same
            window = n
            sums = list(accumulate(widths[i:], initial=used))
            j = next((j for j in range(1, len(sums)) if sums[j] > limit), len(sums))
        if j == len(sums):
            if window == n:
                break
            used, i = sums[-1], window
            continue
        k = i + j - 1   # the unit that passes the margin
        if units[k] in HANG:   # a comma or full stop hangs past the margin
            used, i = sums[j], k + 1
            continue
        at = starts[k]
        carry = 1 if text[at - 1] in OPENING else 0   # an opening mark goes down with what it opens
        if not carry and units[k][0] in CLOSING and at - start > 1:   # a closing mark takes the character before it
            carry = 1
        lines.append(text[start:at - carry])
        start = at - carry
        used = (adv[text[start]] if carry else 0) + widths[k]
        limit = width + 0.5
        i = k + 1
    return lines + [text[start:]]


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
