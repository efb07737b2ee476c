"""Which characters are drawn one 字 wide and which half: the one rule behind a title's line widths, a table's
column widths and pagination's quick path, compiled once.

Below U+2E80 everything is drawn half a 字 wide but a few marks Chinese text uses (WIDE_BELOW_CJK), which East
Asian faces draw full width, as they draw 汉字 and full-width marks from U+2E80 up.
"""

from __future__ import annotations

import re

WIDE_BELOW_CJK = "—“”‘’…·"   # below U+2E80, where everything else is drawn half a 字 wide


def _narrow_class() -> str:
    """Characters below U+2E80 but WIDE_BELOW_CJK, as ranges: [^\u2e80-\U0010ffff…] meant the same, but Python's
    regex compiler visits each of the 53,000 characters of a range (~2.5 ms of every render's start-up), and
    searching the negated class took twice as long."""
    out, low = [], 0
    for cut in sorted(map(ord, WIDE_BELOW_CJK)) + [0x2E80]:
        if low < cut:
            out.append(f"{re.escape(chr(low))}-{re.escape(chr(cut - 1))}")
        low = cut + 1
    return "".join(out)


NARROW = re.compile(f"[{_narrow_class()}]")   # drawn half a 字 wide


def width(text: str) -> float:
    """Width in 字: CJK and full-width characters 1, ASCII letters and digits ½ (counted in C: the renderer
    measures every table cell, and a title's every candidate line)."""
    return len(text) - 0.5 * len(NARROW.findall(text))
