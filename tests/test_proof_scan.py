"""The proofreader searches the whole text at once, yet a finding never runs across a line break, and inputs
that used to take quadratic time (long runs of address characters or of zeros) give the same findings."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from drafter.proof.check import check_text
from drafter.proof.engine import apply_fixes, each_match


def found(text: str) -> list[tuple[str, int, int | None]]:
    return [(p.rule, p.line, p.column) for p in check_text(text, "t.txt", {})]


def test_no_finding_spans_two_lines():
    text = "\n".join([
        "到2020",            # 1: with line 2 this would read 2020-2021年
        "-2021年完成。",     # 2
        "任务1,",            # 3: 1, at a line's end is no ordinal
        "2025.1.8",          # 4: a date on its own line, 印发 on the next
        "印发",              # 5
        "〔",                # 6: an empty 〔〕 across lines is no placeholder
        "〕号",              # 7
    ])
    assert found(text) == []


def test_findings_on_the_lines_around_a_break_are_kept():
    text = "　　\n一.总体要求\n二.主要任务"   # a blank line, then two ordinals with the wrong mark
    assert [f for f in found(text) if f[0] == "GW-LVL-01"] == [("GW-LVL-01", 2, 1), ("GW-LVL-01", 3, 1)]
    hits = list(each_match(["2020", "-2021年", "2022-2023年"], r"(\d{4})\s*-\s*(\d{4})(?=年)", "m", r"\1—\2"))
    assert [(h.line, h.start, h.end, h.fix) for h in hits] == [(2, 0, 9, "2022—2023")]


def test_email_and_long_runs():
    assert found("联系人邮箱zhang.san@example.gov.cn，电话12345。") == []   # the address's dots are not punctuation
    run = "a" * 50_000 + ",中"
    assert found(run) == [("GW-PUNC-01", 1, 50_001)]
    zeros = "陕环发〔2020〕" + "0" * 20_000 + "x号"
    assert found(zeros) == []


def test_document_number_groups_and_fixes():
    assert apply_fixes(["见陕环发[2020]第018号文"], {}) == ["见陕环发〔2020〕18号文"]
    assert apply_fixes(["陕环发（2020）000号"], {}) == ["陕环发〔2020〕0号"]


def test_ellipsis_runs_and_mojibake():
    assert [f[2] for f in found("等等…再说……然后………") if f[0] == "GW-PUNC-04"] == [3, 10]
    assert apply_fixes(["等等…再说……然后………"], {}) == ["等等……再说……然后……"]
    assert apply_fixes(["共同劢力，⼀起迚步"], {}) == ["共同动力，一起进步"]
    assert [f[0] for f in found("原文\ufffd损坏")] == ["DR-MOJI-01"]


def test_many_fixes_on_one_long_line():
    line = "中,文" * 5_000
    assert apply_fixes([line], {}) == ["中，文" * 5_000]


def test_checking_text_never_imports_python_docx(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("关于做好安全工作的通知\n各区县人民政府,市级各部门：\n", encoding="utf-8")
    code = ("import sys; from drafter.cli import main; code = main(['check', sys.argv[1]]); "
            "print(code, sorted(m for m in ('docx', 'lxml', 'drafter.typed', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "GW-PUNC-01" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "1 []"


# One line per rule whose pattern was rewritten to start with its first character (so the engine skips ahead);
# the findings below are worked out by hand: (rule, line, column, fix).
CRAFTED = [
    "关于转发省生态环境厅陕环发（2020）5号的通知",          # 1: a code of at most 8 characters before the year
    "依据陕环发[2020]第018号文件",
    "抄送：省发展改革委、省财政厅",
    "2025.1.8印发",
    "请于2025年03月05日前报送。",                           # 5
    "预计2026年03月底完成。",
    "于二O二〇年完成",
    "于20年3月召开",
    "增长１２．５个百分点",
    "等等……再说…然后",                                     # 10
    "请填写××单位和XX同志，某某负责，文号〔 〕，面积3×4米",
    "加强 管理",
    "各单位,请按时报送。",
    "详见附表（",
    "第2页）说明。",                                        # 15: closes the line above
    "《通知",
    "共12,345人，另有123456人",
    "联系邮箱zhang.san@example.cn，电话12345。",
    "时间为2020-2021年",
    "范围3~5，比例10-20%，工期3——5天，6月-8月完成",          # 20
]
CRAFTED_FINDINGS = [
    ("GW-HEAD-01", 1, 6, "生态环境厅陕环发〔2020〕5号"),
    ("GW-HEAD-01", 2, 1, "依据陕环发〔2020〕18号"),
    ("GW-BJ-01", 3, 4, "省发展改革委，省财政厅。"),
    ("GW-BJ-02", 4, 1, "2025年1月8日"),
    ("GW-DATE-01", 5, 3, "2025年3月5日"),
    ("GW-DATE-01", 6, 3, "2026年3月"),
    ("GW-NUM-04", 7, 2, "二〇二〇"),
    ("GW-NUM-05", 8, 2, None),
    ("GW-NUM-02", 9, 3, "12.5"),
    ("GW-PUNC-04", 10, 7, "……"),
    ("DR-HOLD-01", 11, 4, None), ("DR-HOLD-01", 11, 9, None), ("DR-HOLD-01", 11, 14, None), ("DR-HOLD-01", 11, 21, None),
    ("DR-SPACE-01", 12, 3, ""),
    ("GW-PUNC-01", 13, 4, "，"),
    ("DR-PAIR-01", 16, 1, None),
    ("GW-NUM-06", 17, 2, None),
    ("GW-PUNC-03", 19, 4, "2020—2021"),
    ("GW-PUNC-03", 20, 3, "3～5"), ("GW-NUM-01", 20, 9, "10%～20%"), ("GW-PUNC-03", 20, 18, "3—5"),
    ("GW-PUNC-03", 20, 25, "月—8月"),
]


def findings(text: str) -> list[tuple[str, int, int | None, str | None]]:
    return [(p.rule, p.line, p.column, p.fix) for p in check_text(text, "t.txt", {})]


def test_crafted_findings_by_hand():
    assert findings("\n".join(CRAFTED)) == CRAFTED_FINDINGS


def test_one_long_line_finds_what_its_lines_find():
    """The same text as one line of a pasted PDF (lines joined by ；): the same findings, moved along the line,
    except 抄送, which only starts a line."""
    joiner = "；"
    starts = [sum(len(line) + len(joiner) for line in CRAFTED[:k]) for k in range(len(CRAFTED))]
    expected = [(rule, 1, starts[line - 1] + column, fix) for rule, line, column, fix in CRAFTED_FINDINGS if rule != "GW-BJ-01"]
    assert findings(joiner.join(CRAFTED)) == expected


def test_long_runs_inside_a_number_or_a_cc_line():
    spaces = " " * 100_000    # (.+?)\s*$ used to try \s*$ after each of them
    assert findings(f"抄送：省发展改革委、{spaces}省财政厅") == [("GW-BJ-01", 1, 4, f"省发展改革委，{spaces}省财政厅。"),
                                                             ("DR-SPACE-01", 1, 11, "")]
    assert findings("陕" * 100_000 + "[2020]5号") == [("GW-HEAD-01", 1, 99_993, "陕" * 8 + "〔2020〕5号")]
    assert findings("（" * 50_000 + "\n" + "）" * 50_000) == []    # every one closes on the next line


def test_is_cjk_is_the_cjk_class():
    """The rules test one character with is_cjk() where compiling the class would cost start-up time."""
    import re

    from drafter.proof.engine import CJK, is_cjk

    rx = re.compile(f"[{CJK}]")
    assert all(is_cjk(c) == bool(rx.match(c)) for c in map(chr, range(0x110000)))


def test_document_numbers_after_latin_digits_and_other_codes():
    # a code is CJK: after a Latin letter, a digit or a Latin-1 letter no 发文字号 starts there
    assert [f for f in found("见A〔2026〕3号、é〔2026〕3号、１〔2026〕3号。") if f[0] == "GW-HEAD-01"] == []
    assert [f for f in found("见a政发[2026]3号，豈发（2026）03号。") if f[0] == "GW-HEAD-01"] == [
        ("GW-HEAD-01", 1, 3), ("GW-HEAD-01", 1, 14)]
