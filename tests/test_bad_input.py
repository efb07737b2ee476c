"""Every kind of bad input gets a Chinese message with file, line and field, exit 2, no traceback, no file touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import EXAMPLES
from drafter.cli import main

GOOD = (EXAMPLES[0].parent / "provincial-plan.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _run(tmp_path: Path, content: bytes | str, capsys) -> tuple[int, str, Path]:
    case = tmp_path / "case.yaml"
    case.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    before = hashlib.sha256(case.read_bytes()).hexdigest()
    out_dir = tmp_path / "out"
    code = main(["render", str(case), "-o", str(out_dir)])
    err = capsys.readouterr().err
    assert hashlib.sha256(case.read_bytes()).hexdigest() == before, "the user's file must never change"
    assert not out_dir.exists(), "nothing may be written when the case is bad"
    assert "Traceback" not in err
    return code, err, case


def _edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


CASES = [
    ("tab", _edit("  date: 2026-03-12", "\tdate: 2026-03-12"), "制表符", "  date: 2026-03-12"),
    ("unclosed-bracket", _edit("participants: [各设区市", "participants: [[各设区市"), "方括号", "participants:"),
    ("string-for-number", _edit("    value: 10\n", "    value: 十五\n"), "targets[0].value：应为数字，得到 “十五”", "    value: 10\n"),
    ("impossible-date", _edit("date: 2026-03-20", "date: 2021-02-30"), "documents[1].date：日期不存在：“2021-02-30”", "date: 2026-03-20"),
    ("unknown-key", _edit("  purpose: 回顾", "  purpse: 回顾"), "meeting.purpse：未知字段“purpse”，是否想写“purpose”？", "  purpose: 回顾"),
    ("list-for-mapping", _edit("org:\n  name: 陕西省生态环境厅\n  short: 省生态环境厅\n", "org:\n  - 陕西省生态环境厅\n  - 省生态环境厅\n").replace("  code: 陕环发\n", "", 1), "org：应为若干“字段: 值”，得到一个列表", "org:"),
    ("missing-fact", _edit("    plan_title: 2026年全省生态环境保护工作实施方案\n", ""), "documents[1]：提纲部分“title”：通知标题需要方案标题：请填写 plan_title", "  - id: notice"),
    ("unknown-person", _edit("    speaker: zhang", "    speaker: wang"), "documents[0].speaker：people 中没有 id 为“wang”的人员", "    speaker: zhang"),
    ("unknown-kind", _edit("    kind: notice", "    kind: memo"), "kind 应为以下之一", "  - id: notice"),
    ("missing-fragment", _edit("closing: speech.closing.action", "closing: speech.closing.nope"), "表述片段“speech.closing.nope”不存在", "closing: speech.closing.action"),
    ("control-char", _edit("  purpose: 回顾", "  purpose: 回\x07顾"), "控制字符", "  purpose: 回顾"),
    ("bad-deadline", _edit("    deadline: 2026-11\n", "    deadline: 2026-13\n"), "月份不存在", "    deadline: 2026-11\n"),
    # a blank title passed as text and was numbered as nothing: an IndexError deep in numbering
    ("blank-task-title", _edit("      - title: 推进产业结构优化调整", "      - title: \"  \""), "tasks[0].items[0].title：不能为空（只有空格）",
     "      - title: 推进产业结构优化调整"),
    # a list for a word was looked up as a level word before it was checked: TypeError unhashable
    ("end-before-start", _edit("  date: 2026-03-12", "  date: 2026-03-12\n  end_date: 2026-03-10"),
     "meeting.end_date：结束日期（2026-03-10）早于会议日期（2026-03-12）", "  host: li"),   # the line after date
    ("quoted-number", _edit("    value: 10\n", '    value: "10"\n'), "targets[0].value：应为数字，得到 “10”（数字不加引号）", "    value: 10\n"),
    ("date-out-of-range", _edit("date: 2026-03-20", "date: 0001-03-20"), "年份“1”超出范围：应在 1949 至 2100 年之间",
     "date: 2026-03-20"),
    ("nan", _edit("    value: 10\n", "    value: .nan\n"), "targets[0].value：“.nan”不是一个有限的数字", "    value: 10\n"),
    ("list-for-direction", _edit("    direction: 下降", "    direction: [下降]"), "direction：应为以下之一", "    direction: 下降"),
]


@pytest.mark.parametrize("name,content,message,anchor", CASES, ids=[c[0] for c in CASES])
def test_bad_case_file(tmp_path, capsys, name, content, message, anchor):
    code, err, case = _run(tmp_path, content, capsys)
    assert code == 2
    assert message in err
    assert f"{case}:{_line_of(GOOD, anchor)}" in err, err


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty", "", "文件是空的"),
        ("only-comments", "# 空\n# 还是空\n", "文件是空的"),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        ("not-utf8", "org:\n  name: 测试\n".encode("gbk"), "不是 UTF-8 编码"),
        ("top-level-list", "- a\n- b\n", "最外层应为"),
        ("huge", "# " + "x" * (3 * 1024 * 1024), "文件过大"),
    ],
)
def test_unreadable_case_file(tmp_path, capsys, name, content, message):
    code, err, case = _run(tmp_path, content, capsys)
    assert code == 2 and message in err and str(case) in err


def test_all_problems_reported_at_once(tmp_path, capsys):
    bad = _edit("    value: 10\n", "    value: 十五\n").replace("  purpose: 回顾", "  purpse: 回顾")
    code, err, _ = _run(tmp_path, bad, capsys)
    assert code == 2 and "应为数字" in err and "未知字段" in err and "共 2 处问题" in err


def test_missing_file(tmp_path, capsys):
    assert main(["render", str(tmp_path / "nope.yaml")]) == 2
    assert "文件不存在" in capsys.readouterr().err


def test_cli_subprocess_has_no_traceback(cli, tmp_path):
    case = tmp_path / "c.yaml"
    case.write_text("org: [\n", encoding="utf-8")
    r = cli("render", str(case))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "YAML 格式错误" in r.stderr


def test_unknown_output_format(tmp_path, capsys):
    assert main(["render", str(EXAMPLES[0]), "--to", "pdfx", "-o", str(tmp_path / "o")]) == 2
    assert "不支持的输出格式" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
