"""一键排版 (`drafter format`): drafts from Word, WPS and plain text recognized part by part and laid out by
drafter's own renderer; nothing lost, every output on the 22 × 28 grid, bad input refused in Chinese."""

from __future__ import annotations

import collections
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import docx
import pytest
from docx_fixtures import word_notice, wps_report
from ingest_score import key, lost_paragraphs, score
from pdfmeasure import full_line_counts, line_pitches, read_pages, to_pdf

from conftest import EXAMPLES, GOLDEN, ROOT
from drafter.cli import main
from drafter.ingest.formatting import format_file
from drafter.ingest.recognize import recognize
from drafter.ingest.source import read_source
from drafter.pipeline import Drafting, load_case

CORPUS = ROOT.parent / "shared" / "corpus"

OUR_TXT = """清河市生态环境局文件

清环发〔2026〕9号

关于开展2026年
汛期河道环境专项检查的通知

各县区生态环境分局：
为确保汛期河道环境安全，决定开展专项检查。现将有关事项通知如下。
一、检查范围
全市主要河道及其支流。
二、检查内容
(一)排污口。重点查看是否有新增排污口。
(二)河道垃圾。查看沿岸垃圾清运情况。
1.城区河段每周检查一次。
2.郊区河段每月检查一次。
(1)检查结果当日报送。
三、工作要求
各单位要高度重视，认真组织。

清河市生态环境局
2026年5月6日

抄送：市政府办公室。
清河市生态环境局办公室　　2026年5月6日印发
"""


def docx_text(path: Path) -> str:
    """Everything a reader sees in a .docx, read by python-docx (not by our own reader)."""
    d = docx.Document(str(path))
    lines = [p.text for p in d.paragraphs]

    def table(t) -> None:
        for row in t.rows:
            lines.append(" | ".join(c.text for c in row.cells))
            for c in row.cells:
                for nested in c.tables:   # the 版记 sits in a one-cell table as tall as the 版心
                    table(nested)

    for t in d.tables:
        table(t)
    return "\n".join(lines)


def roles(rec) -> list[tuple[str, int, str]]:
    return [(p.role, p.level, p.text) for p in rec.parts]


# --- reading and recognizing ---------------------------------------------------------------------------

def test_word_numbering_three_levels_and_the_parts_of_a_notice(tmp_path):
    rec = recognize(read_source(word_notice(tmp_path / "通知.docx")))
    got = roles(rec)
    assert ("mark", 0, "清河市生态环境局文件") in got                         # read from the text box, once
    assert sum(1 for r in got if r[2] == "清河市生态环境局文件") == 1           # the VML fallback copy is not read again
    assert ("number", 0, "清环发〔2026〕7号") in got
    assert ("title", 0, "关于印发《清河市2026年河湖环境整治工作方案》的通知") in got   # one title over two paragraphs
    assert ("addressee", 0, "各县区生态环境分局，局机关各科室：") in got
    assert ("date", 0, "2026年3月2日") in got                                 # a DATE field, read as shown
    assert ("signature", 0, "清河市生态环境局") in got
    assert ("note", 0, "此件公开发布") in got
    assert ("title", 0, "清河市2026年河湖环境整治工作方案") in got            # the attached plan has its own title
    headings = [(p.level, p.number, p.text) for p in rec.parts if p.role == "heading"]
    assert headings == [(1, 1, "总体要求"), (2, 1, "工作目标。"), (1, 2, "主要任务"), (2, 1, "加强巡查"),
                        (3, 1, "河长每月巡河不少于一次，发现问题当日交办。"), (3, 2, "巡查记录按月汇总上报。"),
                        (2, 2, "整治扬尘"), (1, 3, "保障措施")]
    run_in = next(p for p in rec.parts if p.role == "heading" and p.text == "工作目标。")
    assert run_in.runin and run_in.body.startswith("到2026年底")
    body = next(p.text for p in rec.parts if p.text.startswith("为做好今年"))
    assert "《清河市2026年河湖环境整治工作方案》，现印发" in body                # insertion kept, deletion dropped
    assert "抓好落实" in body                                                   # commented text stays, the comment does not
    assert "核实" not in " ".join(p.text for p in rec.parts)
    cc, printer = rec.of("cc")[0], rec.of("printer")[0]                       # 版记 laid out as a table
    assert cc.data["cc"] == ["市委办公室", "市政府办公室"]
    assert printer.data == {"printer": "清河市生态环境局办公室", "date": "2026年3月2日"}
    table = rec.of("table")[0]
    assert table.text == "重点任务分解表" and table.rows[0] == ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
    notes = " ".join(rec.source.notes)
    for word in ("修订", "批注 1 条", "域 1 处", "文本框 1 个", "自动编号 8 处"):
        assert word in notes


def test_wps_numbering_linked_to_heading_styles_four_levels(tmp_path):
    rec = recognize(read_source(wps_report(tmp_path / "报告.docx")))
    headings = [(p.level, p.number, p.text) for p in rec.parts if p.role == "heading"]
    assert headings == [(1, 1, "主要做法"), (2, 1, "压实工作责任"), (2, 2, "细化巡查要求"), (3, 1, "实行周巡查"),
                        (4, 1, "问题当日交办"), (1, 2, "下一步工作")]
    assert [p.role for p in rec.parts][:2] == ["title", "addressee"]


def test_text_in_utf8_and_gb18030_reads_the_same(tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text(OUR_TXT, encoding="utf-8")
    b.write_bytes(OUR_TXT.encode("gb18030"))
    c.write_bytes(OUR_TXT.replace("\n", "\r\n").encode("utf-16"))       # Notepad's “Unicode”, Windows line ends
    ra, rb = recognize(read_source(a)), recognize(read_source(b))
    assert roles(ra) == roles(rb) == roles(recognize(read_source(c)))
    assert "GB18030" in " ".join(rb.source.notes)
    got = roles(ra)
    assert ("title", 0, "关于开展2026年汛期河道环境专项检查的通知") in got
    assert [(lvl, t) for role, lvl, t in got if role == "heading"] == [
        (1, "检查范围"), (1, "检查内容"), (2, "排污口。"), (2, "河道垃圾。"), (3, "城区河段每周检查一次。"),
        (3, "郊区河段每月检查一次。"), (4, "检查结果当日报送。"), (1, "工作要求")]
    assert ra.of("printer")[0].data == {"printer": "清河市生态环境局办公室", "date": "2026年5月6日"}


def test_doubled_numbering_and_gaps_are_reported(tmp_path):
    from docx_fixtures import p, write_docx

    path = write_docx(tmp_path / "d.docx", p("一、总体要求", num=(1, 0)) + p("主要任务", num=(1, 0)) + p("三、保障措施"))
    rec = recognize(read_source(path))
    assert [(p.level, p.number, p.text) for p in rec.parts] == [(1, 1, "总体要求"), (1, 2, "主要任务"), (1, 3, "保障措施")]
    doubts = " ".join(what for _, what in rec.doubts)
    assert "自动编号之后又手写了编号" in doubts
    path = write_docx(tmp_path / "g.docx", p("一、总体要求") + p("三、保障措施"))
    rec = recognize(read_source(path))
    assert any("编号不连续" in what and where == 2 for where, what in rec.doubts)


# --- round trip and honesty ----------------------------------------------------------------------------

@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_formatting_drafters_own_text_gives_the_same_text(golden):
    assert format_file(golden).text() == golden.read_text(encoding="utf-8")


def test_formatting_drafters_own_docx_gives_the_same_text(tmp_path):
    drafting = Drafting()
    for case in EXAMPLES:
        cf = load_case(case)
        texts = {o.filename: o.data.decode("utf-8") for o in drafting.render(cf, "text")}
        for path in drafting.export(cf, tmp_path, "docx"):
            if not path.name.endswith("念稿.docx"):
                assert format_file(path).text() == texts[path.name.replace(".docx", ".txt")], path.name


def _source_texts(path: Path) -> list[str]:
    out = []
    for para in read_source(path).paras:
        out += [c for row in para.rows for c in row if c] if para.rows else [para.text]
    return out


@pytest.mark.parametrize("make", [word_notice, wps_report], ids=["word", "wps"])
def test_no_paragraph_lost_in_docx(tmp_path, make):
    src = make(tmp_path / "in.docx")
    out = tmp_path / "out.docx"
    out.write_bytes(format_file(src).docx())
    texts = _source_texts(src)
    assert len(texts) >= 15
    assert lost_paragraphs(texts, docx_text(out)) == []
    # the counting itself can fail: a paragraph missing from the output is found
    assert lost_paragraphs(texts + ["此段并不在输出中。"], docx_text(out)) == ["此段并不在输出中。"]


def test_unrecognized_stays_as_body_text_and_is_reported(tmp_path):
    src = tmp_path / "web.txt"
    src.write_text("关于做好河道保洁工作的通知\n一、加强保洁 二、强化考核\n各单位要按月报送保洁台账并\n。\n— 3 —\n",
                   encoding="utf-8")
    fmt = format_file(src)
    text = fmt.text()
    assert "一、加强保洁 二、强化考核" in text and "各单位要按月报送保洁台账并" in text
    doubts = {where: what for where, what in fmt.recognized.doubts}
    assert "多个编号" in doubts[2] and "断行" in doubts[4]
    assert fmt.recognized.dropped == [(5, "页码")]


# --- the CLI -------------------------------------------------------------------------------------------

def test_cli_formats_many_files_with_a_report_each(tmp_path, capsys):
    a = tmp_path / "通知.txt"
    a.write_text(OUR_TXT, encoding="utf-8")
    b = word_notice(tmp_path / "方案.docx")
    before = (a.read_bytes(), b.read_bytes())
    code = main(["format", str(a), str(b), "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert (a.read_bytes(), b.read_bytes()) == before                    # originals untouched
    for name in ("通知-排版.docx", "方案-排版.docx"):
        assert (tmp_path / "out" / name).exists()
        docx.Document(str(tmp_path / "out" / name))
    assert "识别：发文机关标志 1，发文字号 1，标题 1，主送机关 1，一级标题 3，二级标题 2，三级标题 2，四级标题 1" in out
    assert "读取：批注 1 条不属于正文" in out
    assert out.index("通知-排版.docx") < out.index("方案-排版.docx")          # reports in the order given
    assert out.endswith("完成 2 份文稿，写入 2 个文件。\n")


def test_cli_fix_applies_the_proofreaders_unambiguous_fixes(tmp_path, capsys):
    src = tmp_path / "web.txt"
    src.write_text("关于做好河道保洁工作的通知\n各县区:\n一、加强保洁\n各单位要落实责任,确保河面整洁.\n", encoding="utf-8")
    assert main(["format", str(src), "--fix"]) == 0
    out = capsys.readouterr().out
    text = docx_text(tmp_path / "web-排版.docx")
    assert "各单位要落实责任，确保河面整洁。" in text and "各县区：" in text
    assert "自动改正" in out
    assert main(["format", str(src), "-o", str(tmp_path / "plain")]) == 0
    assert "各单位要落实责任,确保河面整洁." in docx_text(tmp_path / "plain" / "web-排版.docx")


BAD = [
    ("corrupt.docx", b"PK\x03\x04 not really a zip", "无法打开 .docx"),
    ("empty.txt", b"", "文件是空的"),
    ("binary.txt", b"\x00\x01\x02\xff" * 50, "不是文本文件"),
    ("blank.txt", "\n\u3000\n  \n".encode(), "没有文字"),
    ("table.xlsx", b"PK", "不支持的文件类型"),
    ("notzip.docx", "这不是文档".encode(), "无法打开 .docx"),
]


@pytest.mark.parametrize("name,content,message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_in_chinese(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["format", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(path))}(:\d+)?：", err) and message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_missing_file_among_good_ones(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text(OUR_TXT, encoding="utf-8")
    assert main(["format", str(tmp_path / "无此文件.docx"), str(good)]) == 2
    captured = capsys.readouterr()
    assert "无此文件.docx：文件不存在" in captured.err
    assert (tmp_path / "a-排版.docx").exists()                            # the good file is still formatted


def test_a_folder_of_drafts_on_two_processes_past_every_failure(tmp_path, cli):
    """`drafter format FOLDER` goes through drafter.batch like `drafter render FOLDER`: all cores, each failure
    named at the end with its file, exit 2; what was formatted is the same as formatting the file alone."""
    drafts = tmp_path / "来稿"
    drafts.mkdir()
    (drafts / "通知.txt").write_text(OUR_TXT, encoding="utf-8")
    word_notice(drafts / "方案.docx")
    wps_report(drafts / "报告.docx")
    (drafts / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (drafts / "空白.txt").write_bytes(b"")
    (drafts / "~$方案.docx").write_bytes(b"\x0bWord lock")                 # Word's lock file beside an open draft
    (drafts / "旧稿-排版.docx").write_bytes(b"an earlier output")           # an earlier output is not a draft
    (drafts / "表格.xlsx").write_bytes(b"PK")
    out = tmp_path / "排版"
    r = cli("format", str(drafts), "-o", str(out), "-j", "2")
    assert r.returncode == 2
    assert sorted(p.name for p in out.iterdir()) == ["报告-排版.docx", "方案-排版.docx", "通知-排版.docx"]  # no temp file left
    for p in out.iterdir():
        docx.Document(str(p))
    assert f"{drafts / '损坏.docx'}：无法打开 .docx" in r.stderr
    assert f"{drafts / '空白.txt'}：文件是空的" in r.stderr
    assert "2 份文稿未能完成：" in r.stderr and "~$" not in r.stderr + r.stdout and "旧稿" not in r.stderr + r.stdout
    assert r.stdout.endswith("完成 3 份文稿，写入 3 个文件。\n")
    written = [line.removeprefix("已写入 ") for line in r.stdout.splitlines() if line.startswith("已写入")]
    assert written == [str(out / f"{stem}-排版.docx") for stem in ("报告", "方案", "通知")]   # in the folder's order
    assert "识别：" in r.stdout.split("已写入")[1] and r.stderr.count("\r") == 0   # a report each; no bar in a pipe
    alone = tmp_path / "alone"
    assert cli("format", str(drafts / "方案.docx"), "-o", str(alone)).returncode == 0
    assert (alone / "方案-排版.docx").read_bytes() == (out / "方案-排版.docx").read_bytes()


def test_two_drafts_that_would_write_one_file_are_refused(tmp_path, cli):
    (tmp_path / "通知.txt").write_text(OUR_TXT, encoding="utf-8")
    word_notice(tmp_path / "通知.docx")
    r = cli("format", str(tmp_path))
    assert r.returncode == 2 and "同名，输出文件会互相覆盖" in r.stderr and not list(tmp_path.glob("*-排版.docx"))
    (tmp_path / "空").mkdir()
    r = cli("format", str(tmp_path / "空"))
    assert r.returncode == 2 and "没有找到文稿" in r.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
def test_doc_through_libreoffice(tmp_path):
    src = wps_report(tmp_path / "报告.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "doc", "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    doc = tmp_path / "报告.doc"
    src.unlink()
    fmt = format_file(doc)
    assert [(p.level, p.text) for p in fmt.recognized.parts if p.role == "heading"][:2] == [(1, "主要做法"), (2, "压实工作责任")]
    assert "LibreOffice" in fmt.recognized.source.notes[0]


def test_doc_without_libreoffice_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))                              # no soffice on this PATH
    path = tmp_path / "旧稿.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert main(["format", str(path)]) == 2
    assert "需要 LibreOffice，本机未安装" in capsys.readouterr().err


# --- layout: every output on the 22 × 28 grid ----------------------------------------------------------

@pytest.fixture(scope="module")
def formatted_pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("fmt")
    txt = out / "our.txt"
    txt.write_text(OUR_TXT + ("各单位要认真梳理辖区内河道情况，建立问题清单，逐项明确整改时限和责任人，确保按期整改到位。" * 3 + "\n") * 40,
                   encoding="utf-8")
    files = []
    for src in (word_notice(out / "word.docx"), wps_report(out / "wps.docx"), txt):
        target = out / f"{src.stem}-排版.docx"
        target.write_bytes(format_file(src).docx())
        files.append(target)
    return {f.stem: read_pages(pdf) for f, pdf in zip(files, to_pdf(files, out), strict=True)}


def test_formatted_outputs_on_the_grid(formatted_pdfs):
    for name, pages in formatted_pdfs.items():
        body = [ln for p in pages for ln in p.lines if ln.size == 16.0]
        starts = collections.Counter(round(ln.x0) for ln in body)
        assert abs(min(x for x, c in starts.items() if c >= 2) - 28) <= 1, (name, starts)
        assert max(ln.x1_core for ln in body) <= 185, name
        assert abs(statistics.mode(x for p in pages for x in line_pitches(p)) - 28.95) < 0.3, name
        for p in pages:
            assert abs(p.width - 210) < 1 and abs(p.height - 297) < 1
    long = formatted_pdfs["our-排版"]
    assert full_line_counts(long).most_common(1)[0][0] == 28
    assert max(len([ln for ln in p.lines if ln.size == 16.0]) for p in long) == 22


# --- the corpus, against the hand-made key -------------------------------------------------------------

def test_corpus_levels_parts_and_nothing_lost(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("shared/ corpus not beside the checkout")
    totals = collections.Counter()
    for name, entry in key().items():
        src = CORPUS / name
        fmt = format_file(src)
        s = score(fmt.recognized, entry)
        totals.update({k: v for k, v in s.items() if k != "false_headings"})
        totals["false_headings"] += len(s["false_headings"])
        out = tmp_path / f"{src.stem}.docx"
        out.write_bytes(fmt.docx())
        texts = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert lost_paragraphs(texts, docx_text(out)) == [], name
    assert totals["headings_right"] / totals["headings"] >= 0.98, totals
    assert totals["frame_right"] / totals["frame"] >= 0.95, totals
    assert totals["false_headings"] <= 0.02 * totals["headings"], totals


def test_formatted_outputs_open_without_repair(tmp_path):
    """The same schema and Open XML SDK checks as every drafted document (tests/test_docx_schema.py)."""
    from ooxmlcheck import findings
    from openxml_audit import OpenXmlValidator

    txt = tmp_path / "our.txt"
    txt.write_text(OUR_TXT, encoding="utf-8")
    for src in (word_notice(tmp_path / "word.docx"), wps_report(tmp_path / "wps.docx"), txt):
        out = tmp_path / f"{src.stem}-out.docx"
        out.write_bytes(format_file(src).docx())
        assert findings(out.read_bytes()) == [], src.name
        result = OpenXmlValidator().validate(out)
        assert result.is_valid and not result.errors, [str(e) for e in result.errors]


WEB_NOTICE = """首页 > 信息公开 > 通知公告
发布时间：2026-04-02　来源：办公室
发文字号：清政办发〔2026〕12号
清河市人民政府办公室
关于印发清河市城乡环境
卫生整治三年行动方案的通知
各县（区）人民政府，市政府各部门：
《清河市城乡环境卫生整治三年行动方案》已经市政府同意，现印发给你们，请认真组织实施。
附件：1.清河市城乡环境卫生整治三年行动方案
2.重点任务清单
清河市人民政府办公室
二〇二六年四月一日
（此件公开发布）
- 1 -
清河市城乡环境卫生整治三年行动方案
为持续改善城乡人居环境，制定本方案。
一、 总体目标
（一）、工作目标：到2028年底，城乡环境卫生水平明显提升。
(二)基本原则
1．坚持统筹推进。
2、坚持群众参与。
（1）以乡镇为单元推进。
二、保障措施
各地要加强组织领导。
抄送：市委办公室，市人大常委会办公室。
清河市人民政府办公室
2026年4月1日印发
"""

WEB_SPEECH = """凝心聚力　攻坚克难
——在全市城乡环境卫生整治推进会上的讲话
市长　王明
（2026年4月8日，根据录音整理）
同志们、朋友们：
今天召开全市城乡环境卫生整治推进会，主要任务是总结工作、部署任务。
一、充分肯定成绩
一是机制逐步健全。二是成效初步显现。
二、突出工作重点
一要抓好垃圾清运。
二要抓好污水治理。
同志们，任务艰巨，责任重大。希望大家真抓实干，确保各项目标如期实现。
第1页
"""


def test_web_copy_variations_of_a_notice(tmp_path):
    src = tmp_path / "web.txt"
    src.write_text(WEB_NOTICE, encoding="utf-8")
    rec = recognize(read_source(src))
    by_line = {p.where[0]: (p.role, p.level) for p in rec.parts}
    assert by_line[3] == ("number", 0) and rec.of("number")[0].data == {"code": "清政办发", "year": "2026", "num": "12"}
    assert by_line[4] == ("mark", 0)
    assert rec.of("title")[0].text == "关于印发清河市城乡环境卫生整治三年行动方案的通知" and rec.of("title")[0].where == [5, 6]
    assert by_line[7] == ("addressee", 0)
    assert rec.of("attachment")[0].items == ["清河市城乡环境卫生整治三年行动方案", "重点任务清单"]
    assert by_line[11] == ("signature", 0) and by_line[12] == ("date", 0)           # 二〇二六年四月一日
    assert by_line[13] == ("note", 0)
    assert rec.dropped == [(14, "页码")]
    assert rec.of("title")[1].text == "清河市城乡环境卫生整治三年行动方案"
    levels = [(p.where[0], p.level, p.text) for p in rec.parts if p.role == "heading"]
    assert levels == [(17, 1, "总体目标"), (18, 2, "工作目标："), (19, 2, "基本原则"), (20, 3, "坚持统筹推进。"),
                      (21, 3, "坚持群众参与。"), (22, 4, "以乡镇为单元推进。"), (23, 1, "保障措施")]
    assert rec.of("cc")[0].data["cc"] == ["市委办公室", "市人大常委会办公室"]
    assert rec.of("printer")[0].data == {"printer": "清河市人民政府办公室", "date": "2026年4月1日"}   # 印发机关 on its own line
    assert by_line[1] == ("paragraph", 0) and by_line[2] == ("paragraph", 0)       # page furniture stays as text


def test_speech_with_subtitle_byline_and_salutation(tmp_path):
    src = tmp_path / "speech.txt"
    src.write_text(WEB_SPEECH, encoding="utf-8")
    fmt = format_file(src)
    rec = fmt.recognized
    assert [(p.role, p.text) for p in rec.parts[:5]] == [
        ("title", "凝心聚力　攻坚克难"), ("subtitle", "——在全市城乡环境卫生整治推进会上的讲话"), ("byline", "市长　王明"),
        ("byline", "（2026年4月8日，根据录音整理）"), ("salutation", "同志们、朋友们：")]
    assert [(p.level, p.text) for p in rec.parts if p.role == "heading"] == [(1, "充分肯定成绩"), (1, "突出工作重点")]
    assert fmt.tree.kind == "speech" and rec.dropped == [(13, "页码")]


def test_soft_returns_split_pasted_lines_but_not_a_title(tmp_path):
    from docx_fixtures import W_NS, write_docx

    def soft(*lines: str, style: str = "") -> str:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t>{t}</w:t></w:r>' for t in lines)
        return f"<w:p>{ppr}{runs}</w:p>"

    styles = f'<w:styles {W_NS}><w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style></w:styles>'
    path = write_docx(tmp_path / "pasted.docx", soft("关于开展河道保洁", "专项行动的通知", style="T")
                      + soft("各县区：", "一、行动目标", "河道保洁全覆盖。", "二、工作要求", "各单位要按时报送。"), styles=styles)
    rec = recognize(read_source(path))
    assert [(p.role, p.level, p.text) for p in rec.parts] == [
        ("title", 0, "关于开展河道保洁专项行动的通知"), ("addressee", 0, "各县区："), ("heading", 1, "行动目标"),
        ("paragraph", 0, "河道保洁全覆盖。"), ("heading", 1, "工作要求"), ("paragraph", 0, "各单位要按时报送。")]


def test_organ_above_a_title_without_number_and_a_joint_signature(tmp_path):
    src = tmp_path / "joint.txt"
    src.write_text("清河市生态环境局\n关于联合开展河道执法检查的通知\n各县区生态环境分局、水务局：\n请按要求开展检查。\n"
                   "清河市生态环境局\n清河市水务局\n2026年6月1日\n", encoding="utf-8")
    rec = recognize(read_source(src))
    assert [p.role for p in rec.parts] == ["mark", "title", "addressee", "paragraph", "signature", "signature", "date"]
    assert rec.of("title")[0].text == "关于联合开展河道执法检查的通知"


def test_control_and_invisible_characters_never_reach_the_docx(tmp_path):
    src = tmp_path / "ctl.txt"
    src.write_text("关于做好\u200b河道保洁工作的通知\n各单位要落实\x07责任\u202e，确保\ue000河面整洁。\n", encoding="utf-8")
    fmt = format_file(src)
    out = tmp_path / "ctl.docx"
    out.write_bytes(fmt.docx())
    text = docx_text(out)                                                  # python-docx parses the XML
    assert "各单位要落实责任，确保河面整洁。" in text and "关于做好河道保洁工作的通知" in text
    assert "删去了 4 个控制字符或不可见字符" in " ".join(fmt.recognized.source.notes)
