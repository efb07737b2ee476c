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
