"""Write the hostile case-file corpus (tests/hostile/cases/) from the provincial example.

Each file reproduces one finding of the attack campaign in issue 15. Its first line says what a user must see:
`# 期望：<words of the message>@<line>`, the line being where the hostile text sits. Run this only to change the corpus:
    python tests/hostile/make_cases.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
BASE = (HERE.parent.parent / "examples" / "provincial-plan.yaml").read_text(encoding="utf-8")
INTRO = "        intro: 生态环境保护是关系党的使命宗旨的重大政治问题，也是关系民生的重大社会问题。\n"
TITLE = "      - title: 提高政治站位，切实增强做好生态环境保护工作的责任感\n"
VALUE = "    value: 10\n"


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def prepend(block: str) -> str:
    return block + BASE


DEEP = "[" * 3000 + "]" * 3000
BOMB = "x_base: &a {k1: 1, k2: 2, k3: 3}\n" + "".join(
    f"x_l{i}: &l{i}\n  <<: [{', '.join(['*a' if i == 0 else f'*l{i - 1}'] * 10)}]\n" for i in range(9))
LAUGHS = "x_a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n" + "".join(
    f"x_b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 10)}]\n" for i in range(9))
MANY = "targets:\n" + "".join(f"  - {{id: t{i}, metric: 指标{i}, direction: 达到, value: 很多}}\n" for i in range(1500))

CASES = {
    # RecursionError in YAML loading for deeply nested values (127 of the campaign's internal errors)
    "deep-nesting-flow": (edit(INTRO, f"        intro: {DEEP}\n"), "嵌套过深", INTRO),
    "deep-nesting-block": (edit(INTRO, "        intro:\n" + "".join("  " * (i + 5) + f"k{i}:\n" for i in range(60))
                                + "  " * 65 + "v\n"), "嵌套过深", None),
    # ValueError for integers over 4,300 digits
    "integer-5000-digits": (edit(VALUE, f"    value: {'9' * 5000}\n"), "位数过多", VALUE),
    "integer-20-digits": (edit(VALUE, "    value: 12345678901234567890\n"), "位数过多", VALUE),
    # hangs on merge-key bombs, and the plain alias bomb
    "merge-key-bomb": (prepend(BOMB), "展开后过大", None),
    "alias-bomb": (prepend(LAUGHS), "展开后过大", None),
    # nan/inf printed as figures
    "nan-value": (edit(VALUE, "    value: .nan\n"), "不是一个有限的数字", VALUE),
    "inf-value": (edit(VALUE, "    value: -.inf\n"), "不是一个有限的数字", VALUE),
    "overflow-value": (edit(VALUE, "    value: 1e999\n"), "超出了可以表示的范围", VALUE),
    # a silently corrupt .docx: U+FFFE in a speech point title
    "fffe-in-title": (edit(TITLE, '      - title: "提高政治站位\\uFFFE，切实增强责任感"\n'), "U+FFFE", TITLE),
    "bidi-override": (edit(INTRO, "        intro: 生态环境保护是\u202e重大政治问题。\n"), "U+202E", INTRO),
    "escape-sequence": (edit(INTRO, '        intro: "生态环境保护\\e[2J是重大政治问题。"\n'), "U+001B", INTRO),
    "lone-surrogate": (edit(INTRO, '        intro: "生态环境保护\\uD800是重大政治问题。"\n'), "转义写错了", INTRO),
    # untranslated parser English
    "bad-unicode-escape": (edit(INTRO, '        intro: "生态环境保护\\uZZZZ"\n'), "转义写错了", INTRO),
    "unknown-escape": (edit(INTRO, '        intro: "C:\\q生态环境"\n'), "反斜杠", INTRO),
    "second-document": (BASE + "---\nx: 1\n", "一个文件只能有一份内容", "---\nx: 1\n"),
    "python-tag": (edit(INTRO, "        intro: !!python/object/apply:os.system [ls]\n"), "标签", INTRO),
    "binary-tag": (edit(INTRO, "        intro: !!binary 5L2g5aW9\n"), "标签", INTRO),
    "bad-anchor-name": (edit(INTRO, "        intro: &\n"), "锚点", INTRO),
    # more than 1,000 problems listed
    "1500-problems": (BASE.replace("targets:\n", MANY.replace("targets:\n", "targets:\n", 1), 1), "另有", None),
}


def main() -> None:
    for old in (HERE / "cases").glob("*.yaml"):
        old.unlink()
    for name, (text, message, anchor) in CASES.items():
        header_lines = 1
        source = BASE if anchor is not None and anchor in BASE else text   # the edit starts where the anchor was
        line = "" if anchor is None else f"@{source[: source.index(anchor)].count(chr(10)) + 1 + header_lines}"
        (HERE / "cases" / f"{name}.yaml").write_text(f"# 期望：{message}{line}\n{text}", encoding="utf-8")


if __name__ == "__main__":
    main()
