"""`drafter import`: a draft becomes a case whose outline holds its text and whose frame is typed; drafting the
case gives the draft back, and whatever drafts differently is listed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx_fixtures import word_notice, wps_report
from ingest_score import lost_paragraphs

from conftest import GOLDEN, ROOT
from drafter.cli import main
from drafter.ingest.formatting import format_file
from drafter.ingest.importing import import_file
from drafter.pipeline import Drafting, load_case
from drafter.render.text import render_text

CORPUS = ROOT.parent / "shared" / "corpus"


def drafted(case: Path) -> str:
    (tree,) = Drafting().build(load_case(case))
    return render_text(tree).decode("utf-8")


def test_word_notice_becomes_a_typed_case(tmp_path, capsys):
    src = word_notice(tmp_path / "通知.docx")
    case = tmp_path / "通知.yaml"
    assert main(["import", str(src), "-o", str(case)]) == 0
    out = capsys.readouterr().out
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert data["org"] == {"name": "清河市生态环境局", "code": "清环发"}      # mark = name + 文件: not repeated
    (doc,) = data["documents"]
    assert doc["kind"] == "notice"
    assert (doc["number"], str(doc["date"])) == (7, "2026-03-02")          # 清环发〔2026〕7号: year from the date
    assert "year" not in doc
    assert doc["cc"] == ["市委办公室", "市政府办公室"]
    assert (doc["printer"], str(doc["print_date"])) == ("清河市生态环境局办公室", "2026-03-02")
    assert data["tasks"][0]["items"][1] == {"title": "整治城区扬尘源头", "lead": ["市住建局"],
                                            "units": ["市城管局", "各县区政府"], "deadline": "2026-09"}
    outline = doc["outline"]
    assert outline[0] == "banner" and outline[-1] == "imprint"
    assert {"facts": "task_table"} in outline
    general = next(p for p in outline if isinstance(p, dict) and p.get("heading") == "总体要求")
    assert general["parts"] == [{"heading": "工作目标", "runin": True,
                                 "parts": [{"text": "到2026年底，全市重点河湖水质优良比例稳中有升。"}]}]
    assert doc["options"] == {"numbering": "per_section"}                  # （一） restarts under 二、
    # drafting the case gives the formatted draft back, word for word
    assert drafted(case) == format_file(src).text()
    assert "起草后与原文不同" not in out
    assert "任务分解表：2 项任务带入 tasks" in out


def test_recipients_typed_when_drafter_writes_them_the_same(tmp_path):
    src = tmp_path / "函.txt"
    src.write_text("关于报送河道巡查情况的通知\n各县区生态环境分局、局属各单位：\n请于5月10日前报送巡查情况。\n\n清河市生态环境局\n"
                   "2026年5月6日\n", encoding="utf-8")
    result = import_file(src, tmp_path / "函.yaml")
    (doc,) = result.imported.case["documents"]
    assert doc["recipients"] == ["各县区生态环境分局", "局属各单位"]
    assert "addressee" in doc["outline"] and result.changed == []


def test_wps_report_keeps_four_levels(tmp_path):
    src = wps_report(tmp_path / "报告.docx")
    result = import_file(src, tmp_path / "报告.yaml")
    (doc,) = result.imported.case["documents"]
    assert doc["kind"] == "report"
    first = next(p for p in doc["outline"] if isinstance(p, dict) and p.get("heading") == "主要做法")
    second = first["parts"][1]
    assert second["heading"] == "细化巡查要求"
    assert second["parts"][0]["heading"] == "实行周巡查"
    assert second["parts"][0]["parts"][1]["heading"] == "问题当日交办"
    assert result.changed == []


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_drafters_own_documents_import_and_draft_back_the_same(tmp_path, golden):
    case = tmp_path / "case.yaml"
    result = import_file(golden, case)
    assert result.changed == []
    case.write_text(result.yaml_text, encoding="utf-8")
    assert drafted(case) == golden.read_text(encoding="utf-8")


def test_enumerations_become_enum_parts_and_braces_stay_text(tmp_path):
    src = tmp_path / "讲话.txt"
    src.write_text("在全市河长制工作会议上的讲话\n同志们：\n一、提高认识\n一要看到成绩。\n二要正视差距。\n三要把握重点。\n"
                   "第一，压实责任；\n第二，强化考核。\n请把{年份}换成今年。\n", encoding="utf-8")
    result = import_file(src, tmp_path / "讲话.yaml")
    (doc,) = result.imported.case["documents"]
    assert doc["kind"] == "speech"
    point = next(p for p in doc["outline"] if isinstance(p, dict) and p.get("heading") == "提高认识")
    assert point["parts"][0] == {"enum": "一要", "items": ["看到成绩。", "正视差距。", "把握重点。"]}
    assert point["parts"][1] == {"enum": "第一", "items": ["压实责任；", "强化考核。"]}
    assert result.changed == []


def test_import_refuses_to_overwrite_and_bad_input_exits_2(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("关于做好河道保洁工作的通知\n各单位要落实责任。\n", encoding="utf-8")
    case = tmp_path / "a.yaml"
    case.write_text("# mine\n", encoding="utf-8")
    assert main(["import", str(src)]) == 2
    assert "文件已存在" in capsys.readouterr().err and case.read_text(encoding="utf-8") == "# mine\n"
    assert main(["import", str(src), "--force"]) == 0
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04broken")
    assert main(["import", str(bad), "-o", str(tmp_path / "bad.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}：无法打开 .docx" in err and "Traceback" not in err
    assert not (tmp_path / "bad.yaml").exists()


def test_imported_case_opens_in_the_interface(tmp_path):
    from drafter.tui.session import Session

    src = word_notice(tmp_path / "通知.docx")
    case = tmp_path / "通知.yaml"
    case.write_text(import_file(src, case).yaml_text, encoding="utf-8")
    session = Session.open(case)
    cf = session.case_file()                    # validates through the same model as drafter render
    text = Drafting().render(cf, "text", "通知")[0].data.decode("utf-8")
    session.close()
    assert "关于印发《清河市2026年河湖环境整治工作方案》的通知" in text


def test_corpus_imports_without_losing_a_paragraph(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("shared/ corpus not beside the checkout")
    for src in sorted(CORPUS.glob("*.txt")):
        case = tmp_path / f"{src.stem}.yaml"
        result = import_file(src, case)
        case.write_text(result.yaml_text, encoding="utf-8")
        texts = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert lost_paragraphs(texts, drafted(case)) == [], src.name
        # what drafts differently is listed: ---- written as ——, a numbering that restarts after an outline (提纲)
        for before, after in result.changed:
            assert before.startswith("----") or before[:2] in ("一、", "二、", "三、"), (before, after)


def test_target_list_becomes_typed_targets_that_read_the_same(tmp_path):
    result = import_file(GOLDEN / "provincial-plan-notice.txt", tmp_path / "n.yaml")
    targets = result.imported.case["targets"]
    assert len(targets) == 8
    assert targets[0] == {"id": "target-1", "scope": "全省地级及以上城市", "metric": "细颗粒物（PM2.5）平均浓度", "direction": "下降",
                          "basis": "比", "baseline_year": 2020, "value": 10, "unit": "%", "qualifier": "以上",
                          "deadline": "2026"}
    assert targets[4]["deadline"] == "2026-11" and targets[4]["unit"] == "万吨"
    assert result.changed == []
    goals = str(result.imported.case["documents"][0]["outline"])
    assert "{'facts': 'targets'}" in goals and "1.到2026年底" not in goals


def test_statement_reader_against_the_phrase_grammars_own_sentences():
    """Issue 10's table of sentences (tests/phrasing/sentences.yaml): what the reader reads, phrase() says back."""
    from drafter.facts.statements import Achievement, Target
    from drafter.ingest.statements import read_statement
    from drafter.phrasing import phrase

    rows = yaml.safe_load((ROOT / "tests" / "phrasing" / "sentences.yaml").read_text(encoding="utf-8"))["says"]
    read = total = 0
    for row in rows:
        for kind, model in (("target", Target), ("achievement", Achievement)):
            if kind in row and "says" in row:
                total += 1
                fields = read_statement(row["says"], kind)
                if fields is not None:
                    read += 1
                    assert phrase(model.model_validate(fields)) == row["says"].rstrip("。")
    assert total >= 70 and read / total >= 0.8, (read, total)
    assert read_statement("到2026年底，全市河湖水质优良比例稳中有升。") is None        # no figure: stays own text
    assert read_statement("全市优良天数比率为82.5%，同比提高3.3个百分点。", "achievement") == {
        "scope": "全市", "metric": "优良天数比率", "verb": "为", "value": 82.5, "unit": "%", "rate": True,
        "change": {"direction": "提高", "basis": "同比", "value": 3.3}}


def test_enumerated_results_become_typed_achievements(tmp_path):
    src = tmp_path / "报告.txt"
    src.write_text("关于2026年一季度大气污染防治工作情况的报告\n市人民政府：\n一、取得成效\n"
                   "一是全市优良天数比率为82.5%，同比提高3.3个百分点。\n二是全市细颗粒物（PM2.5）平均浓度为34微克/立方米，同比下降8.1%。\n"
                   "二、下一步工作\n一要加强督查。\n二要狠抓落实。\n", encoding="utf-8")
    result = import_file(src, tmp_path / "报告.yaml")
    case = result.imported.case
    assert [a["metric"] for a in case["achievements"]] == ["优良天数比率", "细颗粒物（PM2.5）平均浓度"]
    assert case["achievements"][1]["change"] == {"direction": "下降", "basis": "同比", "value": 8.1, "unit": "%"}
    outline = case["documents"][0]["outline"]
    assert outline[2]["parts"] == [{"facts": "achievements"}]
    assert outline[3]["parts"] == [{"enum": "一要", "items": ["加强督查。", "狠抓落实。"]}]   # not figures: own text
    assert result.changed == []


def test_incomplete_banner_and_imprint_stay_as_text_and_are_reported(tmp_path):
    src = tmp_path / "part.txt"
    src.write_text("清环发〔2026〕3号\n关于报送材料的通知\n各单位：\n请报送材料。\n二〇二六年五月六日\n抄送：市政府办公室。\n",
                   encoding="utf-8")
    result = import_file(src, tmp_path / "part.yaml")
    (doc,) = result.imported.case["documents"]
    assert doc["outline"][0] == {"text": "清环发〔2026〕3号"} and doc["outline"][-1] == {"text": "抄送：市政府办公室。"}
    assert str(doc["date"]) == "2026-05-06"                               # 二〇二六年五月六日, typed
    notes = " ".join(result.imported.notes)
    assert "版头缺少发文机关" in notes and "版记缺少印发机关或印发日期" in notes
    assert ("二〇二六年五月六日", "2026年5月6日") in result.changed
