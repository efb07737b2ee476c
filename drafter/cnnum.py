"""Chinese numerals for numbering and counts (一、十一、二十), and years written with 〇."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def cn_int(n: int) -> str:
    """0 ≤ n < 10000 as a Chinese numeral: 10 → 十, 21 → 二十一, 105 → 一百零五."""
    if not 0 <= n < 10000:
        raise ValueError(f"超出中文数字范围：{n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += _DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def cn_count(n: int) -> str:
    """A quantity before a measure word: 2 → 两 (两点意见), otherwise as cn_int (三点、十二项)."""
    return "两" if n == 2 else cn_int(n)


def cn_year(year: int) -> str:
    """2025 → 二〇二五 (GB/T 15835: the zero in numbered years is 〇, U+3007)."""
    return "".join("〇" if c == "0" else _DIGITS[int(c)] for c in str(year))


def num(value: float | int | None) -> str:
    """A number as offices write it: 15.0 → 15, 80.30 → 80.3, no grouping separators."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.6f}".rstrip("0").rstrip(".")
