"""drafter's own pagination of what it lays out: the page the body's last line falls on.

GB/T 9704 §7.5 numbers the 版记 page unless a blank page precedes it, and a blank page comes when the body ends
on an even page. Word and WPS work that out from a field in the 版记 page's footer (docx.imprint); LibreOffice,
and any reader that shows a field as it was saved, shows the saved result, which must therefore be right too.
Every line of a drafter document has an exact height (exact line spacing, no widow control, table rows that
may not split), so the page count follows from the number of lines each paragraph takes. That number is counted
here as LibreOffice breaks lines: a run of Latin letters and digits stays together, a closing mark never starts a
line (it takes the character before it down) and may hang past the margin, except in a table cell, an opening
mark never ends one, and ¼ 字 separates 汉字 from digits. A row that may not split still splits when it is taller
than a page and its foot (SPLIT_HEIGHT), as LibreOffice and Word split it.
What can still differ is the width of a digit in the face a machine substitutes: at a page's very edge the
estimate can be a line off. Word and WPS never depend on it.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from unicodedata import east_asian_width

from drafter.render.docx_styles import LINE, STYLES, StyleSpec
from drafter.render.textwidth import NARROW

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
NARROWEST = min(LATIN) / 1000 * LATIN_SCALE   # the narrowest advance (an apostrophe), em
WIDEST_LATIN = max(LATIN) / 1000 * LATIN_SCALE   # the widest (W), em
SCRIPT_GAP = 0.125
ROW_RULE = 10            # a table row's border: ½ pt
# A row that may not split is split all the same, where it stands and line by line, when it is taller than the 版心's
# top to the footer's distance from the paper's foot (297 mm − 37 mm − 25 mm): LibreOffice kept 33 lines of 403 twips
# whole and split 33 of 404, with the header row or without it. A row taller than the page but not than this is moved
# to a page of its own and overflows it, clipped at the foot.
SPLIT_HEIGHT = 16838 - 2098 - 1418
TABLE_TOP = 20           # a table's top rule on each page it takes: 10 below the 版心's top, ½ pt wide (measured)
HANG = set("，。、．：；！？,.:;!?")                          # may hang past the right margin
CLOSING = set("，。、；：？！）》」』〕】”’…%‰·．，,.;:?!)]}〉")   # never start a line
OPENING = set("（《「『〔【“‘([{〈")                           # never end a line
_LATIN = re.compile(r"[\x21-\x7e]+|.", re.S)
_RUN = re.compile(r"[\x21-\x7e]{2}")
_BY_NAME = {spec.name: spec for spec in STYLES}


@dataclass
class Row:
    cells: list[tuple[str, str, int]]   # text ("\n" where a line breaks), style, cell width (twips, margins off)
    header: bool = False


@dataclass
class Table:
    """What pagination needs of a table: its rows (a header row repeats on every page; a row splits only when
    it is taller than SPLIT_HEIGHT)."""
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


_ASCII = re.compile(r"[\x00-\x7f]+")


def break_lines(text: str, width: float, size: int, track: int = 0, first: float = 0, hang: bool = True) -> list[str]:
    """`text` broken into lines of `width` twips as LibreOffice breaks them, the first indented by `first`; `hang`:
    a closing mark may hang past the margin (False in a table cell, where LibreOffice never hangs one).

    Units (a run of ASCII letters, digits and marks, or one other character) fill a line until one passes the
    margin. Advances are whole numbers at a fine enough scale (_break_exact), added in C into running totals,
    and the unit that passes the margin is found by bisection; where every character is one em wide, by division
    (_break_even). A notice's pagination measures ~12,000 characters, which one at a time in Python took 4 ms.
    Sizes, widths or tracking that are not whole numbers, and faces with an advance that is not positive (none
    real), take the general path: floating-point sums, added in the order the rule adds them.
    """
    widest, latin = _bounds(size, track)
    if len(text) * widest < width - first or text.isascii() and len(text) * latin < width - first:
        return [text]   # most table cells: too short to reach the margin
    if not text:
        return [""]
    exact = type(size) is type(track) is type(width) is type(first) is int
    if exact and size * 5 + track > 0 and NARROW.search(text) is None:   # every character one em wide
        return _break_even(text, size * 10 + track, width, first, hang)
    if exact and size * 10 * NARROWEST + track > 0:
        return _break_exact(text, size, track, width, first, hang)
    adv = _advances(size, track)
    gap = size * 10 * SCRIPT_GAP
    if size * 10 * NARROWEST + track > 0:   # every advance positive: no line can be wider than the whole text
        if sum(map(adv.__getitem__, text)) + 2 * len(_ASCII.findall(text)) * gap < width - first:
            return [text]   # even with a gap at both ends of every ASCII stretch
    units = _LATIN.findall(text) if _RUN.search(text) else text   # without a Latin run, each character a unit
    widths = list(map(adv.__getitem__, units))
    n = len(units)
    single = n == len(text)   # every unit one character (no Latin run)
    starts = range(n + 1) if single else list(accumulate(map(len, units), initial=0))   # each unit's offset
    # SCRIPT_GAP where ASCII meets the rest and either side is a letter or digit: at the ends of ASCII stretches
    for m in _ASCII.finditer(text):
        for at in m.span():
            if 0 < at < len(text) and (text[at - 1].isalnum() or text[at].isalnum()):
                widths[at if single else bisect_left(starts, at)] += gap
    lines, start, used, limit = [], 0, widths[0], width - first + 0.5
    i = 1
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
        if hang and units[k] in HANG:   # a comma or full stop hangs past the margin
            used, i = sums[j], k + 1
            continue
        at = starts[k]
        carry = carried(text, start, at)
        lines.append(text[start:at - carry])
        start = at - carry
        used = sum(map(adv.__getitem__, text[start:at])) + widths[k]
        limit = width + 0.5
        i = k + 1
    return lines + [text[start:]]


EXACT = 100_000   # exact advances' units per twip
_LATIN_UNIT = round(10 * EXACT * LATIN_SCALE / 1000)   # a Latin advance in units, per half-point and 1/1000 em
_GAP_UNIT = round(10 * EXACT * SCRIPT_GAP)              # SCRIPT_GAP in units, per half-point


class _ExactAdvances(dict):
    """Advances of one size and tracking in 1/100,000 twip, whole numbers: Times' 1/1000 em × 1.04 and SCRIPT_GAP's
    ⅛ em are exact at that scale, so sums are exact in any order."""

    def __init__(self, size: int, track: int):
        super().__init__()
        self.size, self.track = size, track

    def __missing__(self, c: str) -> int:
        size, track = self.size, self.track
        if " " <= c <= "~":
            value = size * LATIN[ord(c) - 32] * _LATIN_UNIT + track * EXACT
        else:
            value = (size * 10 if c >= "\u2e80" or east_asian_width(c) in "WFA" else size * 5) * EXACT + track * EXACT
        self[c] = value
        return value


_LATIN_RUN = re.compile(r"[\x21-\x7e]{2,}")


@functools.lru_cache(maxsize=64)
def _exact_advances(size: int, track: int) -> _ExactAdvances:
    return _ExactAdvances(size, track)


def _break_exact(text: str, size: int, track: int, width: int, first: int, hang: bool) -> list[str]:
    """break_lines where every advance is positive, in whole numbers (_ExactAdvances): a line's width is the
    difference of two running totals, so there is one total per text and one bisection per line. A Latin run
    is one unit: the line breaks before the run that passes the margin, not inside it."""
    adv = _exact_advances(size, track)
    widths = list(map(adv.__getitem__, text))
    n, gap = len(text), size * _GAP_UNIT
    # SCRIPT_GAP where ASCII meets the rest and either side is a letter or digit: at the ends of ASCII stretches
    for m in _ASCII.finditer(text):
        for at in m.span():
            if 0 < at < n and (text[at - 1].isalnum() or text[at].isalnum()):
                widths[at] += gap
    limit = (width - first) * EXACT + EXACT // 2
    if sum(widths) <= limit:   # one line (most table cells)
        return [text]
    totals = list(accumulate(widths, initial=0))
    runs = [m.span() for m in _LATIN_RUN.finditer(text)]
    heads = [a for a, _ in runs]

    def unit(k: int) -> tuple[int, int]:   # the unit (start, end) that character k is part of
        r = bisect_right(heads, k) - 1
        return runs[r] if r >= 0 and k < runs[r][1] else (k, k + 1)

    lines, start, base, i = [], 0, 0, unit(0)[1]   # a line's first unit is never checked
    while True:
        k = bisect_right(totals, base + limit, i + 1) - 1   # the first character past the margin
        if k >= n:
            return lines + [text[start:]]
        at, end = unit(k)
        if hang and end - at == 1 and text[at] in HANG:   # a comma or full stop hangs past the margin
            i = end
            continue
        carry = carried(text, start, at)
        lines.append(text[start:at - carry])
        start = at - carry
        base = totals[at] - sum(map(adv.__getitem__, text[start:at]))   # what it carries down, without gaps
        limit, i = width * EXACT + EXACT // 2, end


def _break_even(text: str, em: int, width: int, first: int, hang: bool) -> list[str]:
    """_break_exact of a text whose every character is one em wide (汉字 and full-width marks: most paragraphs):
    the running totals are multiples of `em`, so the character past the margin is found by division, with no
    total made per character. Whole numbers throughout: j·em ≤ room + ½ exactly when j·em ≤ room."""
    n = len(text)
    lines, start, room, i = [], 0, width - first, 1
    while True:
        k = max(i, start + room // em)   # the first character past the margin
        if k >= n:
            return lines + [text[start:]]
        if hang and text[k] in HANG:
            i = k + 1
            continue
        carry = carried(text, start, k)
        lines.append(text[start:k - carry])
        start, room, i = k - carry, width, k + 1


def carried(text: str, start: int, at: int) -> int:
    """How many characters before `at` go down to the next line when the line that began at `start` breaks there:
    an opening mark goes with what it opens, a closing mark takes the character before it (and the closing marks
    that character follows). The rule of every line drafter breaks: pagination's, and the editor's preview."""
    if text[at - 1] in OPENING:
        return 1
    carry = 0
    if text[at] in CLOSING and at - start > 1:
        carry = 1
        while text[at - carry] in CLOSING and at - carry - start > 1:
            carry += 1
    return carry


def line_count(text: str, width: float, size: int, track: int = 0, first: float = 0, hang: bool = True) -> int:
    """Lines `text` takes in `width` twips, the first line indented by `first` (negative: hanging)."""
    return len(break_lines(text, width, size, track, first, hang)) if text else 1


def _style(name: str) -> StyleSpec:
    return _BY_NAME.get(name) or _BY_NAME["公文正文"]


@functools.lru_cache(maxsize=64)
def _bounds(size: float, track: float) -> tuple[float, float]:
    """The widest a character, and an ASCII character, can be (twips; inf where no bound holds): a text that
    many characters long that still falls short of the margin is one line, without measuring it."""
    widest = size * 10 * (1 + SCRIPT_GAP) + track   # no character is wider than one em, nor has more than one gap
    latin = size * 10 * WIDEST_LATIN + track        # ASCII has no gap within it, and no letter is an em wide
    return (widest if widest > 0 else math.inf), (latin if latin > 0 else math.inf)


# what a table cell's measure needs of each style: size, tracking, break_lines' bounds and the line height
_CELL = {spec.name: (spec.size, spec.track, *_bounds(spec.size, spec.track), spec.line or LINE) for spec in STYLES}


class Paragraph(dict):
    """A paragraph spec (wordml.para's keywords, which the renderer may still adjust) with the text of its runs as
    the renderer wrote them: by line (a <w:br/> between lines; tabs take no room), in the size the runs set (None:
    the style's). Pagination measures that text instead of reading it back out of the XML."""

    __slots__ = ("lines", "size")

    def __init__(self, spec: dict, lines: tuple[str, ...] = ("",), size: int | None = None):
        super().__init__(spec)
        self.lines = lines or ("",)   # a paragraph without text still takes a line
        self.size = size


class _Counts(dict):
    """Line counts of one document, by (text, width, size, tracking, first-line indent): a task table repeats its
    units and dates, a header row repeats on every page, and a kept paragraph is measured with the one before it."""

    def __missing__(self, key: tuple) -> int:
        value = self[key] = len(break_lines(*key)) if key[0] else 1   # line_count
        return value


def paragraph_height(p: Paragraph, counts: dict | None = None) -> tuple[int, int, int]:
    """(space before, number of lines, line height) of a paragraph as docx.DocxRenderer writes it."""
    counts = _Counts() if counts is None else counts
    style = _style(p.get("style", ""))
    size = p.size or style.size
    line = p.get("line") or style.line or round(size * 10 * 1.25)
    ind = p.get("ind") or {}
    left, right = ind.get("left", style.left), ind.get("right", style.right)
    first = ind.get("firstLine", style.first) - ind.get("hanging", 0) if ind else style.first
    width = TYPE_WIDTH - left - right
    if len(p.lines) == 1:   # most paragraphs: one text, seldom another's, measured directly
        text = p.lines[0]
        lines = len(break_lines(text, width, size, style.track, first)) if text else 1
    else:
        lines = sum(counts[s, width, size, style.track, first if i == 0 else 0] for i, s in enumerate(p.lines))
    before = p.get("before")
    before = style.before if before is None else before
    if p.get("border"):   # a bottom rule: its spacing and width below the last line
        before += 120
    return before, lines, line


def row_height(row: Row, counts: dict | None = None) -> int:
    counts = _Counts() if counts is None else counts
    tallest = 0
    for text, name, width in row.cells:
        size, track, widest, latin, line = _CELL.get(name) or _CELL["公文正文"]
        if "\n" in text:
            lines = sum(counts[t, width, size, track, 0, False] for t in text.split("\n"))
        elif len(text) * widest < width or text.isascii() and len(text) * latin < width:   # break_lines' tests
            lines = 1   # most cells: too short to reach the margin
        else:
            lines = counts[text, width, size, track, 0, False]
        if lines * line > tallest:
            tallest = lines * line
    return tallest + ROW_RULE


def _row_line(row: Row) -> int:
    """The line height of a row's cells (every table style has one), by which a row too tall for a page splits."""
    return max(_style(name).line or LINE for _, name, _ in row.cells)


def _first_piece(table: Table, heights: list[int]) -> int:
    """The height a table needs on the page it starts on: its header and first row, or the first line of a row
    that will split (a paragraph kept with the table stays with that much of it)."""
    need = TABLE_TOP
    for r, h in zip(table.rows, heights, strict=True):
        if h > SPLIT_HEIGHT:
            return need + _row_line(r) + ROW_RULE
        need += h
        if not r.header:
            break
    return need


def _keeps(spec: dict) -> bool:
    return bool(spec.get("keep_next") or _style(spec.get("style", "")).keep_next)


def last_page(items: list, trace: list | None = None) -> int:
    """The page (from 1) on which the last of `items` — Paragraphs and Tables — ends; `trace` collects
    (page, text, lines) of each paragraph and row, to compare with a measured PDF."""
    page, y = 1, 0
    counts = _Counts()
    # each paragraph and row measured once (a kept paragraph's lookahead meets the next ones again)
    heights = [[row_height(r, counts) for r in it.rows] if isinstance(it, Table) else paragraph_height(it, counts)
               for it in items]
    keeps = [not isinstance(it, Table) and _keeps(it) for it in items]

    def new_page():
        nonlocal page, y
        page += 1
        y = 0

    i = 0
    while i < len(items):
        it = items[i]
        if isinstance(it, Table):
            header = next((h for r, h in zip(it.rows, heights[i], strict=True) if r.header), 0)
            y += TABLE_TOP
            for r, h in zip(it.rows, heights[i], strict=True):
                if trace is not None:
                    trace.append((page, r.cells[0][0] + r.cells[1][0] if len(r.cells) > 1 else r.cells[0][0], h))
                if h > SPLIT_HEIGHT:   # split where it stands: as many lines as fit, the rest after the header ...
                    line = _row_line(r)
                    left = (h - ROW_RULE) // line
                    while left * line + ROW_RULE > SPLIT_HEIGHT:   # ... until the rest is a row LibreOffice keeps whole
                        take = min(left, max(0, int((PAGE_HEIGHT - y - ROW_RULE) // line)))
                        if not take and y <= TABLE_TOP + header:   # (no face is that large)
                            break
                        left -= take
                        new_page()
                        y += TABLE_TOP + header
                    y += left * line + ROW_RULE   # past the page's foot if taller than the rest of it: clipped there
                    continue
                if y + h > PAGE_HEIGHT and y > TABLE_TOP:
                    new_page()
                    y += TABLE_TOP + (0 if r.header else header)
                y += h
            i += 1
            continue
        if it.get("page_break") and y > 0:
            new_page()
        before, lines, line = heights[i]
        before = 0 if y == 0 and i > 0 else before   # space before is dropped at the top of a later page
        if keeps[i]:
            # this paragraph, every following one it is kept with, and the first line after them on one page
            need, j, tabled = before + lines * line, i + 1, False
            while j < len(items):
                nxt = items[j]
                if isinstance(nxt, Table):   # kept with the table's first row, even if they cannot share a page
                    need += _first_piece(nxt, heights[j])
                    tabled = True
                    break
                if nxt.get("page_break"):
                    break
                b2, n2, l2 = heights[j]
                if not keeps[j]:
                    need += b2 + l2
                    break
                need += b2 + n2 * l2
                j += 1
            if y + need > PAGE_HEIGHT and y > 0 and (need <= PAGE_HEIGHT or tabled):
                new_page()
                before = 0
        y += before
        if trace is not None:
            trace.append((page if y + line <= PAGE_HEIGHT + 1 else page + 1, "".join(it.lines), lines))
        # the hair of a paragraph that follows a table (docx: a table may not end a document) stays under it, even
        # under a row that overflows its page
        hair = line <= ROW_RULE and i > 0 and isinstance(items[i - 1], Table)
        for _ in range(lines):
            if y + line > PAGE_HEIGHT + 1 and y > 0 and not hair:
                new_page()
            y += line
        i += 1
    return page
