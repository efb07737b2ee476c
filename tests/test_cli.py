"""`drafter new` and `drafter fragments`, run as a user would."""

from __future__ import annotations

import re

import pytest

from drafter.kinds import KINDS


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_writes_a_commented_starter_that_renders(cli, tmp_path, kind):
    r = cli("new", kind, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    starter = tmp_path / f"{kind}-case.yaml"
    text = starter.read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):   # every key at the top two levels is explained on its line or just above
        if re.match(r"^ {0,2}(- )?[a-z_]+:", line):
            assert "#" in line or lines[i - 1].lstrip().startswith("#"), f"{kind} 第{i + 1}行没有说明：{line}"
    r = cli("render", str(starter))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\u3000\u3000") >= 4   # several paragraphs, not an empty skeleton


def test_new_never_overwrites(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("我的内容", encoding="utf-8")
    r = cli("new", "speech", "-o", str(target))
    assert r.returncode == 2 and "已存在" in r.stderr
    assert target.read_text(encoding="utf-8") == "我的内容"


def test_new_unknown_kind(cli, tmp_path):
    r = cli("new", "memo", cwd=tmp_path)
    assert r.returncode == 2 and "未知文种" in r.stderr and not list(tmp_path.iterdir())


def test_fragments_list_search_show(cli):
    r = cli("fragments", "list", "--kind", "notice", "--slot", "safeguards")
    assert r.returncode == 0 and "plan.safeguard.funding" in r.stdout and "speech." not in r.stdout
    r = cli("fragments", "search", "督查")
    assert r.returncode == 0 and "plan.safeguard.supervision" in r.stdout
    r = cli("fragments", "search", "不会出现的词语")
    assert r.returncode == 1 and "找到 0 个片段" in r.stdout
    r = cli("fragments", "show", "notice.issue.standard")
    assert r.returncode == 0 and "现印发给你们，请结合实际，认真贯彻落实。" in r.stdout
    r = cli("fragments", "show", "no.such")
    assert r.returncode == 2 and "没有 id 为“no.such”的片段" in r.stderr


def test_bad_arguments_are_chinese(cli):
    r = cli("render")
    assert r.returncode == 2 and "缺少参数" in r.stderr


def test_help_lists_every_command_and_an_unknown_one_names_them(cli):
    """Only the typed command is declared to start faster; --help and a mistyped command still see all of them."""
    listed = ["render", "new", "fonts", "check", "outline", "edit", "fragments", "format", "import"]
    r = cli("--help")
    assert r.returncode == 0
    assert [m for m in re.findall(r"^    (\w+)\s", r.stdout, re.M)] == listed
    r = cli("chek", "a.txt")
    assert r.returncode == 2 and "无效的选项" in r.stderr and all(f"'{c}'" in r.stderr for c in listed)
    r = cli("check", "--help")
    assert r.returncode == 0 and "--fix" in r.stdout and "--rules" in r.stdout


def test_help_is_as_wide_as_the_terminal_says(monkeypatch):
    """drafter's parser measures the terminal itself (not through shutil); the same answer as shutil's."""
    import shutil

    from drafter.cli import _columns

    for value in ("57", "0", "abc", None):
        if value is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", value)
        assert _columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize("args", [("render", "PLAN", "--doc", "speech"), ("fonts",), ("check", "PLAN", "--json")])
def test_a_reader_that_stops_early_is_not_an_internal_error(args, buffered):
    """`drafter … | head -1`: the pipe closes before drafter writes; drafter stops quietly, as other commands do."""
    import os
    import subprocess
    import sys

    from conftest import PLAN

    argv = [str(PLAN) if a == "PLAN" else a for a in args]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | ({} if buffered else {"PYTHONUNBUFFERED": "1"})
    proc = subprocess.Popen([sys.executable, "-m", "drafter", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    proc.stdout.close()   # before the interpreter has even started drafter
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""
