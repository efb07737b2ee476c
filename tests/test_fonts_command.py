"""`drafter fonts FILE.docx|CASE`: per document, the faces named, which are missing here, the substitutes,
and every character its named face has no glyph for."""

from __future__ import annotations

import docx
from docvariants import variant
from docx.oxml.ns import qn

from conftest import PLAN


def test_fonts_of_a_case_per_document(cli):
    r = cli("fonts", str(PLAN))
    assert r.returncode == 0, r.stderr
    for name in ("provincial-plan-speech.docx", "provincial-plan-notice.docx", "provincial-plan-host.docx"):
        assert name in r.stdout
    for face in ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"):
        assert face in r.stdout
    assert "已安装" in r.stdout or "未安装" in r.stdout or "无法检查" in r.stdout
    assert "没有这些字" not in r.stdout


def test_characters_without_glyph_in_their_named_face(cli, tmp_path):
    """A document from elsewhere names 仿宋_GB2312 for 王喆 and 赟: both 喆 and 赟 are reported, 王 is not."""
    d = docx.Document()
    run = d.add_paragraph().add_run("王喆同志，赟")
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    path = tmp_path / "外来.docx"
    d.save(str(path))
    r = cli("fonts", str(path))
    assert r.returncode == 0, r.stderr
    line = next(ln for ln in r.stdout.splitlines() if "没有这些字" in ln)
    assert line.strip() == "仿宋_GB2312 没有这些字：喆赟"
    assert "共 2 个字" in r.stdout


def test_drafters_own_fallback_leaves_nothing_without_glyph(cli, tmp_path):
    r = cli("fonts", str(variant(tmp_path, "rare")))
    assert r.returncode == 0, r.stderr
    assert "没有这些字" not in r.stdout
    notice = r.stdout[r.stdout.index("rare-notice.docx"):]
    assert "\n  仿宋\t" in notice and "\n  楷体\t" in notice      # the faces that draw 喆, 赟, 珺


def test_fonts_of_a_bad_file(cli, tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    r = cli("fonts", str(bad))
    assert r.returncode == 2 and "x.docx" in r.stderr and "Traceback" not in r.stderr
    r = cli("fonts", str(tmp_path / "none.docx"))
    assert r.returncode == 2 and "文件不存在" in r.stderr


def test_nothing_raw_reaches_the_terminal(cli, tmp_path):
    """A bidi override in a foreign document is named, never printed (issue 15's rule for every command)."""
    d = docx.Document()
    run = d.add_paragraph().add_run("王\u202e喆")
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    path = tmp_path / "bidi.docx"
    d.save(str(path))
    r = cli("fonts", str(path))
    assert r.returncode == 0 and "\u202e" not in r.stdout
    assert "[U+202E]" in r.stdout and "喆" in r.stdout
