"""`drafter check` on hostile .docx files (tests/hostile/docx_corpus.py): each refused with exit 2 and a Chinese
message naming the file, quickly, without reading what it points at; --fix leaves it untouched."""

from __future__ import annotations

import re
import time

import pytest

from drafter.cli import main
from hostile.docx_corpus import CORPUS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx-corpus")
    return {build.__name__: build(folder) for build in CORPUS}


@pytest.mark.parametrize("name", [b.__name__ for b in CORPUS])
@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_hostile_docx_is_refused(corpus, name, fix, capsys):
    path = corpus[name]
    before = path.read_bytes()
    start = time.perf_counter()
    code = main(["check", *(["--fix"] if fix else []), str(path)])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert err.startswith(f"{path}：") and re.search(r"[\u4e00-\u9fff]", err), err
    assert not re.search(r"[A-Za-z]{4,}Error|Traceback|root:", err), err
    assert "哈哈哈哈哈哈哈哈哈哈哈" not in out + err
    assert path.read_bytes() == before
    assert not list(path.parent.glob(f"{path.stem}.bak*"))


def test_refusals_name_what_is_wrong(corpus, capsys):
    expected = {"zip_bomb_parts": "部件过多", "zip_bomb_inflated": "解压后过大", "huge_file": "文件过大",
                "empty_paragraphs": "段落过多", "entity_expansion": "实体声明", "external_entity": "实体声明",
                "empty_body": "没有正文", "wrong_root": "根元素", "no_document": "缺少 word/document.xml",
                "not_a_zip": "无法打开 .docx：不是 Word 文档", "bad_crc": "已损坏", "missing_relationship": "关系 rId9 不存在"}
    for name, words in expected.items():
        main(["check", str(corpus[name])])
        err = capsys.readouterr().err
        assert words in err, (name, err)


@pytest.mark.parametrize("name", ["zip_bomb_parts", "zip_bomb_inflated", "huge_file", "empty_paragraphs", "entity_expansion",
                                  "external_entity", "not_a_zip", "bad_crc"])
def test_format_and_import_read_within_the_same_bounds(corpus, name, tmp_path, capsys):
    """drafter format / import read .docx through the same bounded opener (drafter.docx_input.open_package)."""
    path = corpus[name]
    for command in (["format", str(path), "-o", str(tmp_path / "f")], ["import", str(path), "-o", str(tmp_path / "c.yaml")]):
        start = time.perf_counter()
        code = main(command)
        elapsed = time.perf_counter() - start
        err = capsys.readouterr().err
        assert code == 2 and str(path) in err and re.search(r"[\u4e00-\u9fff]", err), err
        assert elapsed < 1.0, f"{command[0]} took {elapsed:.2f} s"
        assert "哈哈哈哈哈哈哈哈哈哈哈" not in err and "root:" not in err
    assert not (tmp_path / "f").exists() and not (tmp_path / "c.yaml").exists()
