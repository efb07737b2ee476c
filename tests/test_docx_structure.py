"""The .docx as python-docx reads it: named Chinese styles, East Asian fonts, one docGrid, footers, determinism."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from conftest import EXAMPLES
from drafter.pipeline import Drafting, load_case

CASE = EXAMPLES[0].parent / "provincial-plan.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def outputs():
    return {o.filename: o.data for o in Drafting().render(load_case(CASE), "docx")}


def _doc(outputs, suffix):
    name = next(k for k in outputs if k.endswith(suffix))
    return docx.Document(io.BytesIO(outputs[name]))


def test_named_styles_with_east_asian_fonts(outputs):
    d = _doc(outputs, "notice.docx")
    used = {p.style.name for p in d.paragraphs}
    assert {"公文标题", "主送机关", "公文正文", "一级标题", "落款", "成文日期"} <= used
    expected = {"公文正文": "仿宋_GB2312", "一级标题": "黑体", "二级标题": "楷体_GB2312", "三级标题": "仿宋_GB2312",
                "公文标题": "方正小标宋简体", "发文机关标志": "方正小标宋简体", "版记": "仿宋_GB2312", "公文页码": "宋体"}
    for name, face in expected.items():
        rfonts = d.styles[name].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == face, name
        assert rfonts.get(qn("w:eastAsiaTheme")) is None
    sizes = {"公文正文": 32, "公文标题": 44, "版记": 28, "公文页码": 28}
    for name, half_points in sizes.items():
        assert d.styles[name].element.rPr.find(qn("w:sz")).get(qn("w:val")) == str(half_points)
    normal = d.styles["Normal"].element
    assert normal.pPr.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    assert normal.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"      # −0.25 pt: 28 characters a line


def test_page_geometry_and_single_docgrid(outputs):
    for name in outputs:
        d = docx.Document(io.BytesIO(outputs[name]))
        sp = d.sections[0]._sectPr
        size, mar = sp.find(qn("w:pgSz")), sp.find(qn("w:pgMar"))
        assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
        assert [mar.get(qn(f"w:{k}")) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
        grids = sp.findall(qn("w:docGrid"))
        assert len(grids) == 1 and grids[0].get(qn("w:type")) == "lines" and grids[0].get(qn("w:linePitch")) == "579"


def test_odd_even_page_number_fields(outputs):
    d = _doc(outputs, "notice.docx")
    assert d.settings.odd_and_even_pages_header_footer
    s = d.sections[0]
    for footer, jc in ((s.footer, "right"), (s.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == jc


def _shown(p) -> str:
    """The text a reader shows of a paragraph as saved: outside fields, or in a field's result, never its code."""
    stack, shown = [], ""
    for el in p.iter(qn("w:fldChar"), qn("w:t")):
        if el.tag == qn("w:t"):
            shown += el.text if all(part == "result" for part in stack) else ""
            continue
        kind = el.get(qn("w:fldCharType"))
        if kind == "begin":
            stack.append("code")
        elif kind == "separate":
            stack[-1] = "result"
        else:
            stack.pop()
    return shown


def test_banner_and_imprint_structure(outputs):
    d = _doc(outputs, "notice.docx")
    mark = d.paragraphs[0]
    assert mark.style.name == "发文机关标志" and mark.text == "陕西省生态环境厅文件"
    number = d.paragraphs[1]
    border = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "FF0000"
    page = d.tables[-1]                                   # the 版记's page: one cell as tall as the 版心 …
    row = page._tbl.findall(qn("w:tr"))[0]
    height = row.trPr.find(qn("w:trHeight"))
    assert height.get(qn("w:hRule")) == "exact" and 12756 - 200 < int(height.get(qn("w:val"))) < 12756
    cell = row.findall(qn("w:tc"))[0]
    assert cell.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "bottom"   # … holding the 版记 at its bottom
    (imprint,) = cell.findall(qn("w:tbl"))
    last = d.sections[-1]._sectPr                          # in a last section that starts on an even page
    assert last.find(qn("w:type")).get(qn("w:val")) == "evenPage"
    assert last.find(qn("w:vAlign")).get(qn("w:val")) == "bottom"
    assert len(d.sections) == 2
    # §7.5: the 版记 page is numbered only when the body ends on an odd page (no blank page before it). Word and
    # WPS evaluate that in the footer; the saved result is drafter's answer: this body ends on page 13, so a number.
    for footer in (d.sections[-1].footer, d.sections[-1].even_page_footer):
        p = footer.paragraphs[0]
        codes = "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert codes.split() == ["QUOTE", "IF", "=", "MOD(", "PAGEREF", "_DrafterBodyEnd", ",", "2)", "=", "1",
                                 '"—', "PAGE", '—"', '""', "PAGE", "PAGE"]   # last: live numbers saved as IF's and QUOTE's results
        saved = _shown(p._p)
        assert saved.startswith("— ") and saved.endswith(" —")     # saved: the number (no blank page before it)
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "left"   # where an even page's number goes
    body = d.element.body
    (mark,) = [b for b in body.iter(qn("w:bookmarkStart")) if b.get(qn("w:name")) == "_DrafterBodyEnd"]
    assert mark.getparent().find(qn("w:pPr")).find(qn("w:sectPr")) is not None   # on the body's last paragraph
    assert "PAGE" in d.sections[0].even_page_footer.paragraphs[0]._p.xml
    borders = imprint.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert [borders.find(qn(f"w:{e}")).get(qn("w:sz")) for e in ("top", "insideH", "bottom")] == ["8", "6", "8"]


def test_task_table_repeats_header_and_rows_do_not_split(outputs):
    d = _doc(outputs, "notice.docx")
    table = d.tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    assert table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "8844"
    assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
    assert [table.rows[i].cells[0].text for i in (1, 2, 3)] == ["1", "2", "3"]


def test_only_the_deadline_column_breaks_its_dates(tmp_path):
    """A task that starts with a date stays one text (left-aligned as long text); the 完成时限 column's dates break
    after the year."""
    text = CASE.read_text(encoding="utf-8")
    assert "title: 推进产业结构优化调整" in text
    case = tmp_path / "dated.yaml"
    case.write_text(text.replace("title: 推进产业结构优化调整", "title: 2026年6月底前完成钢铁行业超低排放改造"), encoding="utf-8")
    (out,) = Drafting().render(load_case(case), "docx", "notice")
    table = docx.Document(io.BytesIO(out.data)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    task, deadline = header.index("重点任务"), header.index("完成时限")
    (row,) = [r for r in table.rows if r.cells[task].text.startswith("2026年6月")]
    cell = row.cells[task]._tc
    assert cell.find(f".//{W}br") is None and row.cells[task].text == "2026年6月底前完成钢铁行业超低排放改造"
    assert cell.find(f".//{W}jc").get(f"{W}val") == "left"
    broken = [r.cells[deadline]._tc for r in table.rows[1:] if r.cells[deadline].text.startswith("2026年")]
    assert broken and all(c.find(f".//{W}br") is not None for c in broken)


def test_title_wrapped_at_a_phrase_boundary(outputs):
    d = _doc(outputs, "notice.docx")
    title = next(p for p in d.paragraphs if p.style.name == "公文标题")
    lines = [r.text.rstrip("\n") for r in title.runs]
    assert "".join(lines) == "关于印发《2026年全省生态环境保护工作实施方案》的通知"
    assert len(lines) == 2 and len(lines[0]) <= len(lines[1])     # 正梯形: upper line shorter


def test_text_content_matches_text_renderer(outputs):
    """docx and text are visitors over one tree: every text paragraph appears in the .docx."""
    d = _doc(outputs, "speech.docx")
    docx_text = "\n".join(p.text.replace("\n", "") for p in d.paragraphs)
    golden = (EXAMPLES[0].parent.parent / "tests" / "golden" / "provincial-plan-speech.txt").read_text(encoding="utf-8")
    for line in golden.splitlines():
        if line.strip():
            assert line.strip().lstrip("\u3000") in docx_text


def test_same_case_same_bytes():
    a = Drafting().render(load_case(CASE), "docx")
    b = Drafting().render(load_case(CASE), "docx")
    assert [o.data for o in a] == [o.data for o in b]
    info = zipfile.ZipFile(io.BytesIO(a[0].data)).infolist()
    assert {i.date_time for i in info} == {(1980, 1, 1, 0, 0, 0)}


def test_font_profile_from_case(tmp_path):
    text = CASE.read_text(encoding="utf-8").replace("      task_table: true", "      task_table: true\n      fonts: windows")
    case = tmp_path / "c.yaml"
    case.write_text(text, encoding="utf-8")
    (out,) = Drafting().render(load_case(case), "docx", "notice")
    d = docx.Document(io.BytesIO(out.data))
    assert d.styles["公文正文"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"


def test_fonts_command_reports_missing_faces(cli):
    r = cli("fonts")
    assert r.returncode == 0
    for face in ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"):
        assert face in r.stdout
    assert "已安装" in r.stdout or "未安装" in r.stdout or "无法检查" in r.stdout


def test_font_profile_from_user_settings(isolated_library, cli, tmp_path):
    (isolated_library / "settings.yaml").write_text("fonts: founder\n", encoding="utf-8")
    (out,) = Drafting().render(load_case(CASE), "docx", "notice")
    d = docx.Document(io.BytesIO(out.data))
    assert d.styles["公文正文"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正仿宋_GBK"
    r = cli("fonts")
    assert "方正仿宋_GBK" in r.stdout
    (isolated_library / "settings.yaml").write_text("fonts: comic\n", encoding="utf-8")
    r = cli("render", str(CASE), "--doc", "notice")
    assert r.returncode == 2 and "settings.yaml:1" in r.stderr and "fonts 应为以下之一" in r.stderr
