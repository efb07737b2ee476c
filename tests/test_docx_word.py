"""What Word and WPS read from the package parts, asserted on the XML (LibreOffice cannot show these)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from conftest import PLAN
from drafter.pipeline import Drafting, load_case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# zh-CN display names of Word's built-in styles that a custom style could be mistaken for (Word 2013–2021 UI)
WORD_BUILTIN_ZH = {"正文", "标题", "副标题", "称呼", "页码", "页眉", "页脚", "日期", "签名", "结束语", "题注", "正文文本",
                   "正文缩进", "正文文本缩进", "正文首行缩进", "引用", "明显引用", "要点", "强调", "无间隔", "列表段落",
                   "纯文本", "批注文字", "脚注文本", "尾注文本", "注释标题", "信封地址", "网格型", "默认段落字体"}


@pytest.fixture(scope="module")
def parts():
    (out,) = Drafting().render(load_case(PLAN), "docx", "notice")
    z = zipfile.ZipFile(io.BytesIO(out.data))
    return {name: z.read(name) for name in z.namelist()} | {"_bytes": out.data}


def test_settings_zoom_theme_language_and_compatibility(parts):
    s = parts["word/settings.xml"].decode()
    assert re.search(r'<w:zoom w:percent="100"/>', s)
    assert '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' in s
    assert re.search(r'w:name="compatibilityMode" [^>]*w:val="15"', s)      # Word 2013+: no 兼容模式


def test_no_styles_with_effects_and_no_thumbnail(parts):
    assert "word/stylesWithEffects.xml" not in parts and "docProps/thumbnail.jpeg" not in parts
    for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
        assert b"stylesWithEffects" not in parts[name] and b"thumbnail" not in parts[name], name


def test_style_names_do_not_clash_with_word_builtins(parts):
    names = set(re.findall(r'<w:name w:val="([^"]+)"/>', parts["word/styles.xml"].decode()))
    assert {"公文正文", "公文标题", "一级标题", "版记", "公文页码"} <= names
    assert not names & WORD_BUILTIN_ZH


@pytest.mark.parametrize("profile,faces", [
    ("gb2312", {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei", "方正小标宋简体": "FZXiaoBiaoSong-B05S", "宋体": "SimSun"}),
    ("windows", {"仿宋": "FangSong", "楷体": "KaiTi"}),
])
def test_font_table_names_each_face_with_charset_and_alternate(tmp_path, profile, faces):
    text = PLAN.read_text(encoding="utf-8").replace("      task_table: true", f"      task_table: true\n      fonts: {profile}")
    case = tmp_path / "c.yaml"
    case.write_text(text, encoding="utf-8")
    (out,) = Drafting().render(load_case(case), "docx", "notice")
    table = zipfile.ZipFile(io.BytesIO(out.data)).read("word/fontTable.xml").decode()
    for face, alt in faces.items():
        entry = re.search(rf'<w:font w:name="{face}">(.*?)</w:font>', table)
        assert entry, face
        assert f'<w:altName w:val="{alt}"/>' in entry.group(1) and '<w:charset w:val="86"/>' in entry.group(1)
    assert "ＭＳ" not in table


def test_page_number_style_single_spaced_and_field_in_five_runs(parts):
    d = docx.Document(io.BytesIO(parts["_bytes"]))
    spacing = d.styles["公文页码"].element.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("240", "auto")   # not the body's exact 579
    footer = d.sections[0].footer.paragraphs[0]._p
    runs = footer.findall(qn("w:r"))
    kinds = [[c.tag.replace(W, "") for c in r if c.tag != qn("w:rPr")] for r in runs]
    i = kinds.index(["fldChar"])
    assert kinds[i:i + 5] == [["fldChar"], ["instrText"], ["fldChar"], ["t"], ["fldChar"]]
    assert [runs[i + k].find(qn("w:fldChar")).get(qn("w:fldCharType")) for k in (0, 2, 4)] == ["begin", "separate", "end"]
    assert runs[i + 1].find(qn("w:instrText")).text.strip() == "PAGE"


def test_app_and_core_properties_are_honest(parts):
    app = parts["docProps/app.xml"].decode()
    assert "<Application>drafter</Application>" in app and "Microsoft" not in app
    d = docx.Document(io.BytesIO(parts["_bytes"]))
    text = "".join(p.text for p in d.paragraphs) + "".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    words = int(re.search(r"<Words>(\d+)</Words>", app).group(1))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    assert han <= words <= len(text)                 # every 汉字 counts, as in Word's 字数统计
    core = parts["docProps/core.xml"].decode()
    assert "2000-01-01" not in core
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-20T00:00:00+08:00</dcterms:created>' in core   # its 成文日期


def test_source_date_epoch_sets_the_file_dates(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1774000000")
    (out,) = Drafting().render(load_case(PLAN), "docx", "notice")
    core = zipfile.ZipFile(io.BytesIO(out.data)).read("docProps/core.xml").decode()
    assert "2026-03-20T09:46:40Z" in core


def _document_xml(tmp_path, name: str, doc: str = "notice", extra=None) -> str:
    from docvariants import variant

    (out,) = Drafting().render(load_case(variant(tmp_path, name, extra)), "docx", doc)
    return zipfile.ZipFile(io.BytesIO(out.data)).read("word/document.xml").decode()


def test_characters_outside_gb2312_get_a_face_that_has_them(tmp_path):
    """仿宋_GB2312 and 楷体_GB2312 lack 喆, 赟, 珺: those characters alone name 楷体 or 仿宋 (GBK faces)."""
    xml = _document_xml(tmp_path, "rare")
    runs = re.findall(r'<w:r><w:rPr><w:rFonts [^>]*w:eastAsia="([^"]+)"[^>]*/>.*?</w:rPr><w:t[^>]*>([^<]*)</w:t>', xml)
    assert ("楷体_GB2312", "王") in runs and ("楷体", "喆") in runs      # 签发人's name in 楷体
    assert ("仿宋", "赟珺") in runs                                          # 抄送 in 仿宋
    assert "赟珺县人民政府。" not in xml                                       # split at the face change
    text = PLAN.read_text(encoding="utf-8").replace("      task_table: true", "      task_table: true\n      fonts: windows")
    case = tmp_path / "w.yaml"
    case.write_text(text.replace("省委办公厅, 省政府办公厅]", "省委办公厅, 赟珺县人民政府]"), encoding="utf-8")
    (out,) = Drafting().render(load_case(case), "docx", "notice")
    assert "赟珺县人民政府" in zipfile.ZipFile(io.BytesIO(out.data)).read("word/document.xml").decode()   # 仿宋 has them


def test_table_cells_outside_gb2312_get_a_face_that_has_them(tmp_path):
    """The task table asks once whether a GB2312 face draws all of it; when not, each cell splits at the face change."""
    xml = _document_xml(tmp_path, "plain", extra=("商洛市生态环境局", "商洛市赟珺生态环境局"))
    table = re.search(r'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>.*?</w:tbl>', xml).group(0)
    runs = re.findall(r'<w:r>(?:<w:rPr>(.*?)</w:rPr>)?<w:t[^>]*>([^<]*)</w:t></w:r>', table)
    assert ("", "汉中市、安康市、商洛市") in runs and ("", "生态环境局") in runs
    assert any(text == "赟珺" and 'w:eastAsia="仿宋"' in rpr for rpr, text in runs)
    assert all(rpr == "" for rpr, text in runs if text != "赟珺")   # the other cells: plain runs in their style's face


def test_signer_line_layout_for_word(tmp_path):
    """上行文: no side indents (the red rule spans the 版心), 文号 indented one 字, 签发人 at a right tab one 字 in."""
    xml = _document_xml(tmp_path, "signer")
    para = re.search(r'<w:p><w:pPr><w:pStyle w:val="发文字号"/>.*?</w:p>', xml).group(0)
    assert '<w:ind w:left="0" w:right="0" w:firstLine="315"/>' in para
    assert '<w:tab w:val="right" w:pos="8529"/>' in para                       # 156 mm − one 字
    assert 'w:color="FF0000"' in para and "签发人：" in para


def test_task_table_columns_hold_headers_and_unit_names(parts):
    xml = parts["word/document.xml"].decode()
    table = re.search(r'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>.*?</w:tbl>', xml).group(0)
    grid = [int(v) for v in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
    margin = 2 * int(re.search(r'<w:left w:w="(\d+)" w:type="dxa"/>', table).group(1))
    header = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
    assert sum(grid) == 8844
    for width, name in zip(grid, header, strict=True):
        assert width - margin >= 280 * len(name), name                            # 4号: 280 twips a 字
    # the longest unit names of up to 8 字 in the case's 牵头单位 and 责任单位
    assert grid[2] - margin >= 280 * len("应对气候变化处") and grid[3] - margin >= 280 * len("商洛市生态环境局")


def test_title_and_after_title_spacing(parts):
    xml = parts["word/document.xml"].decode()
    plan_title = re.search(r'<w:p><w:pPr><w:pStyle w:val="公文标题"/>(?:(?!</w:p>).)*?2026年全省生态环境保护工作实施方案.*?</w:p>(<w:p>.*?</w:p>)', xml)
    assert '<w:spacing w:before="579"/>' in plan_title.group(1)                 # 标题下空一行 before the plan's body


def test_mirrored_margins_only_when_asked(tmp_path, parts):
    from docvariants import variant

    (out,) = Drafting().render(load_case(variant(tmp_path, "mirror")), "docx", "notice")
    settings = zipfile.ZipFile(io.BytesIO(out.data)).read("word/settings.xml").decode()
    assert "<w:mirrorMargins/>" in settings
    assert "mirrorMargins" not in parts["word/settings.xml"].decode()      # GB/T 9704 does not ask for it


def test_gb2312_coverage_of_whole_texts_agrees_with_each_character():
    """The renderer asks of a whole run whether a GB2312 face draws it; the answer must be that of every character."""
    from drafter.fonts import all_in_gb2312, in_gb2312

    assert all_in_gb2312("") and all_in_gb2312("王—·…２０２６年PM2.5")
    assert not all_in_gb2312("王喆") and not all_in_gb2312("€") and not all_in_gb2312("\u2015")   # 喆, €, ―: not in GB2312
    for start in range(0, 0x10000, 0x800):   # every BMP character, one at a time and as runs after 汉字 and ASCII
        block = [chr(c) for c in range(start, start + 0x800) if not 0xD800 <= c < 0xE000]
        assert [all_in_gb2312(c) for c in block] == [in_gb2312(c) for c in block]
        assert all_in_gb2312("中a" + "".join(block)) == all(map(in_gb2312, block))


def test_word_counts_of_paragraphs():
    """Word's 字数统计: each CJK character or full-width mark a word, each Latin run one; empty paragraphs not counted."""
    from drafter.render.docx_parts import text_counts

    assert text_counts(["中文 abc，12", "", "A&B", "甲乙 x"]) == {"Words": 9, "Characters": 14, "CharactersWithSpaces": 16,
                                                                 "Paragraphs": 3}


def test_word_counts_are_those_of_the_text_in_the_file(tmp_path):
    """The counts in app.xml come from the text the renderer wrote; read back out of document.xml (every paragraph,
    in table cells and the 版记 too), the same text gives the same counts, in every example and variant."""
    from docvariants import all_cases
    from lxml import etree

    from drafter.render.docx_parts import text_counts

    drafting, checked = Drafting(), 0
    for case in all_cases(tmp_path):
        for out in drafting.render(load_case(case), "docx"):
            z = zipfile.ZipFile(io.BytesIO(out.data))
            body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
            texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]
            app = z.read("docProps/app.xml").decode()
            written = {k: int(v) for k, v in re.findall(r"<(\w+)>(\d+)</\1>", app)}
            assert written == text_counts(texts), (case.name, out.name)
            assert written["Paragraphs"] == sum(1 for t in texts if t) > 0
            checked += 1
    assert checked >= 20
