"""Titles are broken between words only, in the shapes GB/T 9704 §7.3.1 asks for (梯形、菱形), at writers' spaces."""

from __future__ import annotations

import pytest

from drafter.render.title_wrap import width, wrap_title

# Words a title must never be broken inside (from the review of example output that found 统/筹, 打/赢, 现代/化)
WORDS = ("统筹", "打赢", "现代化", "生态环境", "攻坚战", "实施方案", "动员大会", "督察", "2026年")

TITLES = [
    "关于统筹推进生态环境保护和经济高质量发展的实施意见",
    "在XX县环境污染防治攻坚战动员大会上的讲话",
    "关于贯彻落实省委十二届九次全会精神统筹推进稳增长保民生和生态环境保护坚决打好污染防治攻坚战的实施方案",
    "关于中央生态环境保护督察反馈问题整改工作进展情况的报告",
    "坚决打赢蓝天保卫战 加快推进生态环境治理体系和治理能力现代化",
    "关于印发《2026年全省生态环境保护工作实施方案》的通知",
]


@pytest.mark.parametrize("title", TITLES)
def test_breaks_only_between_words(title):
    lines = wrap_title(title)
    assert "".join(lines) == title.replace(" ", "")
    assert all(width(line) <= 19 for line in lines) and 2 <= len(lines) <= 3
    for a, b in zip(lines, lines[1:], strict=False):
        for word in WORDS:
            for k in range(1, len(word)):
                assert not (a.endswith(word[:k]) and b.startswith(word[k:])), (a, b, word)


def test_short_first_line_avoided():
    lines = wrap_title("在XX县环境污染防治攻坚战动员大会上的讲话")
    assert lines[0] != "在XX县" and min(map(width, lines)) >= 0.5 * max(map(width, lines))


def test_spaces_between_clauses_are_breaks():
    assert wrap_title("坚决打赢蓝天保卫战 加快推进生态环境治理体系和治理能力现代化")[0] == "坚决打赢蓝天保卫战"
    assert wrap_title("全面推进乡村振兴\u3000加快农业农村现代化") == ["全面推进乡村振兴\u3000加快农业农村现代化"]   # fits: kept


def test_shapes():
    top, bottom = wrap_title("关于印发《2026年全省生态环境保护工作实施方案》的通知")
    assert (top, bottom) == ("关于印发《2026年全省", "生态环境保护工作实施方案》的通知")       # 正梯形
    three = wrap_title(TITLES[2])
    widths = [width(x) for x in three]
    assert widths[1] >= max(widths[0], widths[2]) - 1 or widths[0] <= widths[1] <= widths[2]   # 菱形 or 梯形
    assert not three[1].endswith("坚决")                                   # a phrase-opening verb never ends a line


def test_reading_copy_titles_fit_their_larger_type():
    from drafter.render.title_wrap import max_width

    assert max_width(22) == 19 and max_width(26) == 16
    assert all(width(x) <= 16 for x in wrap_title(TITLES[0], max_width(26)))


def test_width_in_characters():
    """One 字 for 汉字 and full-width marks (— “ ” … · count as full width), half for ASCII and Latin-1."""
    assert width("") == 0
    assert width("2026年") == 3.0
    assert width("“一”—…·") == 6.0
    assert width("PM2.5浓度") == 4.5
    assert width("é\t") == 1.0
    every = "".join(map(chr, range(0x110000)))   # half for every character below U+2E80 but those seven marks
    assert width(every) == 0x110000 - 0.5 * (0x2E80 - len("—“”‘’…·"))
