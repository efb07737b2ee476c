"""Every bundled example renders every document it lists, and matches its committed golden text."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, GOLDEN, PLAN
from drafter.pipeline import load_case


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: p.stem)
def test_example_matches_golden(case, drafting):
    outputs = drafting.render(load_case(case), "text")
    assert len(outputs) == len(load_case(case).case.documents)
    for out in outputs:
        golden = GOLDEN / out.filename
        assert golden.exists(), f"缺少 {golden.name}：运行 python tests/regen_golden.py"
        assert out.data.decode() == golden.read_text(encoding="utf-8"), f"{out.filename} 与 golden 不一致"


def test_examples_exist_and_are_at_reference_scale():
    """The reference notice has 8 targets and 30+ task items in 8 sections; our example matches it."""
    cf = load_case(PLAN)
    case = cf.case
    assert len(case.targets) == 8
    assert sum(len(s.items) for s in case.tasks) >= 30
    assert {d.kind for d in case.documents} == {"speech", "notice", "host"}


def test_cli_renders_example_to_stdout(cli):
    r = cli("render", str(PLAN))
    assert r.returncode == 0, r.stderr
    assert "下面，我讲三点意见。" in r.stdout
    assert "关于印发《" in r.stdout


def test_cli_writes_text_files_atomically(cli, tmp_path):
    r = cli("render", str(PLAN), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["provincial-plan-host.txt", "provincial-plan-notice.txt", "provincial-plan-speech.txt"]  # no temp files left


def test_render_single_document(cli):
    r = cli("render", str(PLAN), "--doc", "notice")
    assert r.returncode == 0
    assert "讲话" not in r.stdout.splitlines()[0]
    r = cli("render", str(PLAN), "--doc", "nope")
    assert r.returncode == 2 and "没有 id 为“nope”的文档" in r.stderr
