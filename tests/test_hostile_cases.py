"""The hostile case files of issue 15's attack campaign (tests/hostile/cases/): each is refused with exit 2, quickly,
with its message in Chinese at the line where the hostile text sits; nothing is written and the file is untouched."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from drafter.cli import main

CORPUS = sorted((Path(__file__).parent / "hostile" / "cases").glob("*.yaml"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def _expectation(path: Path) -> tuple[str, int | None]:
    m = re.match(r"# 期望：(.+?)(?:@(\d+))?\n", path.read_text(encoding="utf-8"))
    assert m, path
    return m.group(1), int(m.group(2)) if m.group(2) else None


def test_corpus_is_complete():
    assert len(CORPUS) >= 20


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_hostile_case_is_refused_located(path, tmp_path, capsys):
    message, line = _expectation(path)
    before = path.read_bytes()
    start = time.perf_counter()
    code = main(["render", str(path), "--to", "docx", "-o", str(tmp_path / "out")])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 2, err[-2000:]
    assert elapsed < 5, f"took {elapsed:.1f} s"
    assert message in err, err[-2000:]
    where = f"{path}:{line}" if line else f"{path}:"
    assert where in err, err[-2000:]
    lines = err.splitlines()
    assert len(lines) <= 103, "a broken file must not flood the screen"
    for text in lines:
        assert CJK.search(text), text
        assert not re.search(r"while (parsing|scanning)|expected|found|could not", text), text
    assert not (tmp_path / "out").exists()
    assert path.read_bytes() == before


def test_long_problem_lists_end_with_the_rest_counted(capsys):
    path = next(p for p in CORPUS if p.stem == "1500-problems")
    assert main(["render", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{path}:") and "应为数字" in lines[0]
    assert re.fullmatch(r"……另有1\d\d\d处问题.*", lines[-2]), lines[-2]
    assert re.fullmatch(r"共 1\d\d\d 处问题。", lines[-1]), lines[-1]
