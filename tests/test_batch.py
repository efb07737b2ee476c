"""`drafter render` over many case files: all cores, past every failure, each failure reported at the end."""

from __future__ import annotations

import io
import shutil

from conftest import EXAMPLES, PLAN
from drafter.batch import Progress, expand


def _folder(tmp_path, copies: int = 3):
    cases = tmp_path / "cases"
    cases.mkdir()
    for i in range(copies):
        shutil.copy(PLAN, cases / f"plan{i}.yaml")
    shutil.copy(EXAMPLES[0], cases / EXAMPLES[0].name)
    (cases / "broken.yaml").write_text("org: [\n", encoding="utf-8")
    (cases / "wrong.yaml").write_text("documents: 3\n", encoding="utf-8")
    (cases / "notes.txt").write_text("not a case", encoding="utf-8")
    (cases / ".hidden.yaml").write_text("org: [\n", encoding="utf-8")
    return cases


def test_a_folder_keeps_going_past_failures_and_reports_each(tmp_path, cli):
    cases = _folder(tmp_path)
    out = tmp_path / "out"
    r = cli("render", str(cases), "--to", "docx", "-o", str(out), "-j", "2")
    assert r.returncode == 2
    written = sorted(p.name for p in out.iterdir())
    assert len([n for n in written if n.startswith("plan1-")]) == 4      # speech, its reading copy, notice, host
    assert any(n.startswith(EXAMPLES[0].stem + "-") for n in written)
    assert f"{cases / 'broken.yaml'}:2" in r.stderr                      # each failure with file and line
    assert f"{cases / 'wrong.yaml'}:1 documents" in r.stderr
    assert "2 份案卷未能完成" in r.stderr and ".hidden" not in r.stderr and "notes" not in r.stderr
    assert f"完成 4 份案卷，写入 {len(written)} 个文件。" in r.stdout
    assert r.stderr.count("\r") == 0                                      # no progress bar when not on a terminal


def test_parallel_output_is_the_output_of_each_case_alone(tmp_path, cli):
    cases = _folder(tmp_path, copies=2)
    good = [str(cases / "plan0.yaml"), str(cases / "plan1.yaml"), str(cases / EXAMPLES[0].name)]
    r = cli("render", *good, "--to", "docx", "-o", str(tmp_path / "many"), "-j", "2")
    assert r.returncode == 0, r.stderr
    for case in good:
        alone = tmp_path / "alone"
        assert cli("render", case, "--to", "docx", "-o", str(alone)).returncode == 0
    for path in alone.iterdir():
        assert (tmp_path / "many" / path.name).read_bytes() == path.read_bytes()
    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == sorted(p.name for p in alone.iterdir())


def test_cases_of_one_name_or_no_case_at_all_are_refused(tmp_path, cli):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        shutil.copy(PLAN, tmp_path / d / "case.yaml")
    r = cli("render", str(tmp_path / "a" / "case.yaml"), str(tmp_path / "b" / "case.yaml"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "同名" in r.stderr and not (tmp_path / "out").exists()
    (tmp_path / "empty").mkdir()
    r = cli("render", str(tmp_path / "empty"))
    assert r.returncode == 2 and "没有找到案卷文件" in r.stderr
    r = cli("render", str(PLAN), str(PLAN), "-j", "两个")
    assert r.returncode == 2 and "应为整数" in r.stderr


def test_expand_lists_case_files_of_folders_in_order(tmp_path):
    cases = _folder(tmp_path, copies=2)
    assert [p.rsplit("/", 1)[-1] for p in expand([str(cases), "x.yaml"])] == [
        "broken.yaml", EXAMPLES[0].name, "plan0.yaml", "plan1.yaml", "wrong.yaml", "x.yaml"]


def test_a_file_named_twice_is_drafted_once(tmp_path, cli, monkeypatch):
    cases = _folder(tmp_path, copies=1)
    monkeypatch.chdir(tmp_path)
    plan = str(cases / "plan0.yaml")
    listed = expand([plan, "./cases/plan0.yaml", "cases"])   # a path, another spelling of it, its folder
    assert listed == [plan] + [p for p in expand(["cases"]) if not p.endswith("plan0.yaml")]
    (tmp_path / "稿.txt").write_text("关于做好年度工作的通知\n各单位：\n请按要求做好有关工作。\n", encoding="utf-8")
    r = cli("format", str(tmp_path / "稿.txt"), "./稿.txt", "-o", "排版", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in (tmp_path / "排版").iterdir()] == ["稿-排版.docx"]
    assert r.stdout.count("已写入") == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    term = _Terminal()
    bar = Progress(3, "起草", term)
    for ok in (True, False, True):
        bar.step(ok)
    bar.close()
    shown = term.getvalue()
    assert "起草 [" in shown and "3/3，失败 1" in shown and shown.endswith("\r\x1b[K")
    pipe = io.StringIO()
    bar = Progress(3, "起草", pipe)
    bar.step(True)
    bar.close()
    assert pipe.getvalue() == ""
