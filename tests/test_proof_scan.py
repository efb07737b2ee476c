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
            "print(code, sorted(m for m in ('docx', 'lxml', 'pydantic', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "GW-PUNC-01" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "1 []"
