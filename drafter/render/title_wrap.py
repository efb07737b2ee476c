"""Break a long 2号 title into a balanced trapezoid or diamond, at phrase boundaries, never inside a number.

GB/T 9704 §7.3.1: 词意完整，排列对称，长短适宜，间距恰当, shaped 梯形或菱形 (spec §2.2 B1).
"""

from __future__ import annotations

import itertools
import math

MAX_WIDTH = 19.0   # 442.2 pt of 版心 ÷ 22 pt = 20.1; one 字 of margin for digit widths that vary by font
GOOD_BEFORE = ("关于", "《", "“", "暨")
GOOD_AFTER = ("》", "”", "的")
FAIR_AFTER = ("年", "和", "与", "及", "省", "市", "县", "区", "工作", "暨", "、", "精神", "任务")
# verbs that open a phrase in titles: a break before them keeps words whole
FAIR_BEFORE = ("统筹", "坚决", "深入", "全面", "推进", "加快", "加强", "进一步", "做好", "切实", "扎实", "持续",
               "重要讲话", "打赢", "实施", "贯彻", "落实", "服务", "印发", "转发", "开展")
DOCUMENT_KINDS = ("的通知", "的意见", "的报告", "的请示", "的批复", "的决定", "的函", "的方案", "的讲话")


def width(text: str) -> float:
    """Width in 字: CJK and full-width characters 1, ASCII letters and digits ½."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "—“”‘’…·" else 1.0 for c in text)


def _break_cost(text: str, i: int) -> float | None:
    """Cost of breaking before text[i]; None where a break is forbidden."""
    left, right = text[:i], text[i:]
    a, b = left[-1], right[0]
    if a.isdigit() and (b.isdigit() or b in "年月日号%."):
        return None
    if b in "》”）〕，。、；：！？" or a in "《“（〔":
        return None
    if any(right == k or right == k[1:] for k in DOCUMENT_KINDS) or right in ("的",):
        return None          # never leave the 文种 or 的 alone on a line
    depth = left.count("《") - left.count("》")
    inside = 3.0 if depth > 0 else 0.0
    if any(right.startswith(s) for s in GOOD_BEFORE) or any(left.endswith(s) for s in GOOD_AFTER):
        return 0.0 + inside
    if any(left.endswith(s) for s in FAIR_AFTER) or any(right.startswith(s) for s in FAIR_BEFORE):
        return 1.5 + inside
    return 10.0 + inside


def _shape_cost(widths: list[float]) -> float:
    if len(widths) == 2:
        top, bottom = widths
        return (2.0 + (top - bottom)) if top > bottom else 0.3 * (bottom - top)
    top, mid, bottom = widths
    diamond = mid >= top and mid >= bottom
    trapezoid = top <= mid <= bottom
    return (0.0 if diamond or trapezoid else 4.0) + 0.2 * (abs(top - bottom) + abs(mid - max(top, bottom)))


def wrap_title(text: str, max_width: float = MAX_WIDTH) -> list[str]:
    if width(text) <= max_width:
        return [text]
    costs = {i: c for i in range(1, len(text)) if (c := _break_cost(text, i)) is not None}
    best: tuple[float, list[str]] | None = None
    fewest = max(2, math.ceil(width(text) / max_width))
    upto = list(itertools.accumulate(map(width, text), initial=0.0))   # width of text[:i]; halves add up exactly
    for n_lines in range(fewest, min(4, fewest + 1) + 1):
        for cuts in itertools.combinations(sorted(costs), n_lines - 1):
            bounds = (0, *cuts, len(text))
            widths = [upto[e] - upto[s] for s, e in itertools.pairwise(bounds)]
            if max(widths) > max_width:
                continue
            shape = _shape_cost(widths) if n_lines <= 3 else 3.0
            cost = sum(costs[c] for c in cuts) + shape + 4.0 * (n_lines - 2)
            if best is None or cost < best[0]:
                best = (cost, [text[s:e] for s, e in itertools.pairwise(bounds)])
    return best[1] if best is not None else [text]
