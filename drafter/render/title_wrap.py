"""Break a long 2号 title into a balanced trapezoid or diamond, between words only, never inside a number.

GB/T 9704 §7.3.1: 词意完整，排列对称，长短适宜，间距恰当, shaped 梯形或菱形 (spec §2.2 B1).
Words come from rjieba, the Python binding of jieba-rs: jieba's dictionary and algorithm (the reference
Chinese segmenter), compiled, so it starts in a quarter of a second where jieba itself takes two, and with no
logging or pkg_resources of its own. Imported only when a title is too long for one line. A space a writer put
between a headline's clauses is the best break of all, and is dropped at the break.
"""

from __future__ import annotations

import functools
import itertools
import math

from drafter.render.textwidth import width

MAX_WIDTH = 19.0   # 442.2 pt of 版心 ÷ 22 pt = 20.1; one 字 of margin for digit widths that vary by font
TYPE_WIDTH_PT = 442.2
SPACES = " \u3000"
GOOD_BEFORE = ("关于", "《", "“", "暨")
GOOD_AFTER = ("》", "”", "的")
FAIR_AFTER = ("年", "省", "市", "县", "区", "工作", "暨", "、", "精神", "任务")
# verbs that open a phrase in titles: a break before them starts a clause
FAIR_BEFORE = ("统筹", "坚决", "深入", "全面", "加快", "加强", "进一步", "做好", "切实", "扎实", "持续",
               "重要讲话", "贯彻", "服务", "印发", "转发", "开展", "和", "与", "及")   # a conjunction opens the next line
DOCUMENT_KINDS = ("的通知", "的意见", "的报告", "的请示", "的批复", "的决定", "的函", "的方案", "的讲话")
_OPENS_PHRASE = tuple(s for s in FAIR_BEFORE if s not in ("印发", "转发", "暨"))   # never end a line
_ALONE = {"的", *DOCUMENT_KINDS, *(k[1:] for k in DOCUMENT_KINDS)}                 # never a line of their own


def max_width(points: float) -> float:
    """Characters of a title line at this type size, keeping one 字 of margin."""
    return math.floor(TYPE_WIDTH_PT / points) - 1.0


@functools.lru_cache(maxsize=256)
def _words(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Positions between words, and those of them inside a longer dictionary word (生态|环境 in 生态环境保护).

    Kept in the user's cache per title: loading the segmenter's dictionary costs more than drafting the whole
    notice, and a case is drafted again and again with the same title."""
    from drafter import cache

    ends, inside = cache.memo("title-words", text, lambda: _segment(text))
    return frozenset(ends), frozenset(inside)


def _segment(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    import rjieba

    ends, pos = set(), 0
    for word in rjieba.cut(text):
        pos += len(word)
        ends.add(pos)
    compounds = {w for w in rjieba.cut_all(text) if len(w) >= 3}
    inside = {i for i in ends if any(text[a:b] in compounds for a in range(max(0, i - 6), i)
                                     for b in range(i + 1, min(len(text), i + 6) + 1))}
    return tuple(sorted(ends)), tuple(sorted(inside))


def _break_cost(text: str, i: int, words: tuple[frozenset[int], frozenset[int]]) -> float | None:
    """Cost of breaking before text[i]; None where a break is forbidden."""
    left, right = text[:i], text[i:]
    a, b = left[-1], right[0]
    if a in SPACES:
        return None if b in SPACES else -1.0    # after a writer's space: the clause ends here
    if b in SPACES:
        return None                              # break after the space, never before it
    ends, compound = words
    if i not in ends:
        return None                              # 词意完整: never inside a word (统/筹, 打/赢, 现代/化)
    if a.isdigit() and (b.isdigit() or b in "年月日号%."):
        return None
    if b in "》”）〕，。、；：！？" or a in "《“（〔":
        return None
    if right in _ALONE:
        return None          # never leave the 文种 or 的 alone on a line
    depth = left.count("《") - left.count("》")
    inside = (3.0 if depth > 0 else 0.0) + (2.0 if i in compound else 0.0)
    if left.endswith(_OPENS_PHRASE):
        return 5.0 + inside                      # a verb that opens a phrase never ends a line (…保护坚决 / 打好…)
    if right.startswith(GOOD_BEFORE) or left.endswith(GOOD_AFTER):
        return 0.5 + inside
    if left.endswith(FAIR_AFTER) or right.startswith(FAIR_BEFORE):
        return 1.5 + inside
    return 3.0 + inside


def _shape_cost(widths: list[float]) -> float:
    """正梯形 (short over long) best, 菱形 next; a line under half the longest is not 长短适宜."""
    longest = max(widths)
    stub = sum(3.0 for wd in widths if wd < 0.5 * longest)
    if len(widths) == 2:
        top, bottom = widths
        return stub + ((1.5 + 0.4 * (top - bottom)) if top > bottom else 0.4 * (bottom - top))
    if len(widths) == 3:
        top, mid, bottom = widths
        # how far from a 菱形 or a 正梯形, forgiving one 字 (lines of nearly equal length are 等长, also accepted)
        off = min(max(0.0, top - mid, bottom - mid), max(0.0, top - mid, mid - bottom))
        return stub + 2.0 * max(0.0, off - 1.0) + 0.2 * (abs(top - bottom) + abs(mid - max(top, bottom)))
    return stub + 0.2 * sum(abs(a - b) for a, b in itertools.pairwise(widths))


def wrap_title(text: str, max_width: float = MAX_WIDTH) -> list[str]:
    return list(_wrap(text, max_width))


@functools.lru_cache(maxsize=256)
def _wrap(text: str, max_width: float) -> tuple[str, ...]:
    """The best lines, searched once per title and width: a case is drafted again and again with the same title,
    and every candidate break is measured (0.04 ms for the plan's notice title)."""
    if width(text) <= max_width:
        return (text,)
    words = _words(text)
    costs = {i: c for i in range(1, len(text)) if (c := _break_cost(text, i, words)) is not None}
    clauses = [i for i, c in costs.items() if c < 0]   # every space between clauses is a break once the title wraps
    every = set(clauses)
    # each line's width from running totals, between its ends with the writer's spaces stripped
    totals = list(itertools.accumulate((width(c) for c in text), initial=0.0))
    head = {i: len(text) - len(text[i:].lstrip(SPACES)) for i in (0, *costs)}      # first kept character
    tail = {i: len(text[:i].rstrip(SPACES)) for i in (*costs, len(text))}        # past the last kept one
    best: tuple[float, tuple[int, ...]] | None = None
    fewest = max(2, math.ceil(width(text) / max_width), len(clauses) + 1)
    for n_lines in range(fewest, min(4, fewest + 1) + 1):
        for cuts in itertools.combinations(sorted(costs), n_lines - 1):
            if every and not every.issubset(cuts):
                continue
            base = sum(costs[c] for c in cuts) + 4.0 * (n_lines - 2)
            if best is not None and base >= best[0]:   # a shape costs ≥ 0, so the cost below ≥ base: cannot win
                continue
            bounds = (0, *cuts, len(text))
            widths = []
            for s, e in itertools.pairwise(bounds):
                a, b = head[s], tail[e]
                if a >= b or totals[b] - totals[a] > max_width:   # an empty line, or one too long
                    break
                widths.append(totals[b] - totals[a])
            else:
                cost = sum(costs[c] for c in cuts) + _shape_cost(widths) + 4.0 * (n_lines - 2)
                if best is None or cost < best[0]:
                    best = (cost, bounds)
    if best is None:
        return (text,)
    return tuple(text[s:e].strip(SPACES) for s, e in itertools.pairwise(best[1]))
