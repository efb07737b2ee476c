"""The proofreader: every rule fails on a bad example and passes a good one; real use through the CLI."""

from __future__ import annotations

import collections
import json
import shutil

import docx
import pytest

from conftest import EXAMPLES, ROOT
from drafter.pipeline import Drafting, load_case
from drafter.proof.check import all_rules, check_docx, check_text
from drafter.proof.engine import RULES, apply_fixes

# rule → (bad text, the fixed text or None when no automatic fix, good text)
TEXT_CASES = {
    "GW-PUNC-01": ("各区县人民政府,市级各部门:", "各区县人民政府，市级各部门：", "会议于10:30开始，地址见www.example.gov.cn。"),
    "GW-PUNC-02": ('开展"放管服"改革', "开展“放管服”改革", "开展“放管服”改革"),
    "GW-PUNC-03": ("2020-2025年，第5~10项", "2020—2025年，第5～10项", "2020—2025年，电话029-12345678"),
    "GW-PUNC-04": ("等等...", "等等……", "等等……"),
    "GW-PUNC-05": ("通知如下：：", "通知如下：", "通知如下："),
    "GW-PUNC-06": ("《预算法》、《审计法》", "《预算法》《审计法》", "《预算法》《审计法》"),
    "GW-NUM-01": ("下降15～30%", "下降15%～30%", "下降15%～30%"),
    "GW-NUM-02": ("到２０２５年", "到2025年", "到2025年"),
    "GW-NUM-04": ("二零二五年", "二〇二五年", "二〇二五年"),
    "GW-NUM-05": ("25年1月完成", None, "2025年1月完成"),
    "GW-NUM-06": ("投入12,500万元，其中3600000元用于", None, "投入12500万元"),
    "GW-DATE-01": ("2025年01月08日", "2025年1月8日", "2025年1月8日"),
    "GW-HEAD-01": ("京政发[2020]第08号", "京政发〔2020〕8号", "京政发〔2020〕8号"),
    "GW-LVL-01": ("一.总体要求", "一、总体要求", "一、总体要求"),
    "GW-LVL-03": ("一、甲\n二、乙\n四、丁", None, "一、甲\n二、乙\n三、丙"),
    "GW-TITLE-02": ("关于做好安全工作的通知。", "关于做好安全工作的通知", "关于做好安全工作的通知"),
    "DR-PAIR-01": ("根据《预算法的规定", None, "根据《预算法》的规定"),
    "DR-TYPO-01": ("我们的的目标", "我们的目标", "实实在在的成效"),
    "DR-MOJI-01": ("共同劢力迚一步", "共同动力进一步", "共同努力进一步"),
    "GW-ATT-01": ("附件：名单。", "附件：名单", "附件：名单"),
    "GW-BJ-01": ("抄送：市财政局、市审计局", "抄送：市财政局，市审计局。", "抄送：市财政局，市审计局。"),
    "GW-BJ-02": ("2025.1.8印发", "2025年1月8日印发", "2025年1月8日印发"),
    "DR-SPACE-01": ("整改任务。 全省完成", "整改任务。全省完成", "PM2.5 浓度，Word 文档"),
    "DR-HOLD-01": ("请XX市生态环境局于×月×日前报送，浓度×微克/立方米", None, "请XXI届会议代表于3×4米展板前就座"),
}


def test_every_text_rule_has_examples():
    assert set(TEXT_CASES) == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(TEXT_CASES))
def test_rule_fails_bad_and_passes_good(rule_id):
    bad, fixed, good = TEXT_CASES[rule_id]
    found = [p.rule for p in check_text(bad, "t.txt", {})]
    assert rule_id in found, found
    assert rule_id not in [p.rule for p in check_text(good, "t.txt", {})]
    if fixed is not None:
        assert RULES[rule_id].fixable
        assert "\n".join(apply_fixes(bad.splitlines(), {})) == fixed


def test_labelled_set_recall_and_false_alarms():
    from drafter.proof.score import score_labelled

    score = score_labelled(ROOT / "tests" / "proof_set")
    assert score.planted >= 40
    assert score.recall >= 0.95
    assert score.false_alarms <= 1


def test_drafters_own_output_is_clean(drafting, tmp_path):
    for case in EXAMPLES:
        cf = load_case(case)
        for out in drafting.render(cf, "text"):
            assert check_text(out.data.decode(), out.filename, {}) == [], out.filename
        for path in drafting.export(cf, tmp_path, "docx"):
            errors = [p for p in check_docx(path, {}) if p.severity.name == "ERROR"]
            assert errors == [], (path.name, errors)


def test_docx_rules_catch_a_plain_word_file(tmp_path):
    path = tmp_path / "plain.docx"
    d = docx.Document()
    d.add_paragraph("各区县人民政府,市级各部门:")
    p = d.add_paragraph("一、总体要求")
    p.runs[0].font.name = "宋体"   # writes ascii/hAnsi only: no w:eastAsia
    d.save(path)
    rules = {p.rule for p in check_docx(path, {})}
    assert {"GW-PAGE-01", "GW-PAGE-02", "GW-PAGE-03", "GW-PAGE-04", "GW-GRID-05", "GW-FONT-01", "GW-FONT-03",
            "GW-PUNC-01"} <= rules
    assert all(r in all_rules() for r in rules)


def test_cli_exit_codes_json_and_locations(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("关于做好安全工作的通知\n各单位:\n    现将有关事项通知如下。\n", encoding="utf-8")
    r = cli("check", str(bad), "--json")
    assert r.returncode == 1
    items = json.loads(r.stdout)
    assert items == [{"file": str(bad), "rule": "GW-PUNC-01", "severity": "error", "line": 2, "column": 4, "unit": "line",
                      "message": "中文中应使用全角标点，“:”应为“：”；建议改为“：”", "fix": "："}]
    good = tmp_path / "good.txt"
    good.write_text("关于做好安全工作的通知\n各单位：\n    现将有关事项通知如下。\n", encoding="utf-8")
    r = cli("check", str(good))
    assert r.returncode == 0 and "未发现问题" in r.stdout
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    r = cli("check", str(binary))
    assert r.returncode == 2 and "不是文本文件" in r.stderr
    r = cli("check", str(tmp_path / "missing.docx"))
    assert r.returncode == 2 and "文件不存在" in r.stderr
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    r = cli("check", str(broken))
    assert r.returncode == 2 and "无法打开 .docx" in r.stderr and "Traceback" not in r.stderr


def test_gb18030_text_from_the_field(cli, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("各区县人民政府,市级各部门：\n".encode("gb18030"))
    r = cli("check", str(path))
    assert r.returncode == 1 and "GW-PUNC-01" in r.stdout


def test_fix_txt_keeps_backup_and_shows_diff(cli, tmp_path):
    path = tmp_path / "n.txt"
    original = "关于做好安全工作的通知。\n各单位,请于2025年01月08日前报送。\n"
    path.write_text(original, encoding="utf-8")
    r = cli("check", "--fix", str(path))
    assert r.returncode == 0, r.stdout
    assert path.read_text(encoding="utf-8") == "关于做好安全工作的通知\n各单位，请于2025年1月8日前报送。\n"
    assert (tmp_path / "n.bak.txt").read_text(encoding="utf-8") == original
    assert "-各单位,请于2025年01月08日前报送。" in r.stdout and "+各单位，请于2025年1月8日前报送。" in r.stdout


def test_fix_docx_keeps_formatting(cli, tmp_path):
    path = tmp_path / "n.docx"
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("根据").bold = True
    p.add_run("京政发[2020]第08号")
    p.add_run("文件,现通知如下...")
    d.save(path)
    r = cli("check", "--fix", str(path))
    fixed = docx.Document(path).paragraphs[0]
    assert fixed.text == "根据京政发〔2020〕8号文件，现通知如下……"
    assert fixed.runs[0].bold and (tmp_path / "n.bak.docx").exists()
    assert "已改正" in r.stdout
    d = docx.Document()
    d.add_paragraph("关于做好工作的通知")
    d.add_paragraph("各单位,请报送。")
    d.save(tmp_path / "m.docx")
    r = cli("check", str(tmp_path / "m.docx"))
    assert f"{tmp_path / 'm.docx'} 第2段第4字 [GW-PUNC-01" in r.stdout


def test_rules_can_be_switched_off_per_office(cli, tmp_path, isolated_library, monkeypatch):
    path = tmp_path / "t.txt"
    path.write_text("我们的的目标\n", encoding="utf-8")
    assert cli("check", str(path)).returncode == 1
    team = tmp_path / "team"
    team.mkdir()
    (team / "proofread.yaml").write_text("rules:\n  DR-TYPO-01: off\n", encoding="utf-8")
    r = cli("check", str(path), env={"DRAFTER_TEAM_LIBRARY": str(team)})
    assert r.returncode == 0, r.stdout
    (isolated_library / "proofread.yaml").write_text("rules:\n  DR-TYPO-01: info\n  DR-TYPO-1: off\n", encoding="utf-8")
    r = cli("check", str(path), env={"DRAFTER_TEAM_LIBRARY": str(team)})
    assert r.returncode == 2 and "未知的规则编号“DR-TYPO-1”，是否想写“DR-TYPO-01”？" in r.stderr and "proofread.yaml:3" in r.stderr


def test_case_overrides_must_agree_with_facts(cli, tmp_path):
    text = (ROOT / "examples" / "provincial-plan.yaml").read_text(encoding="utf-8").replace(
        "      reading_copy: true        # 导出 docx 时另出大字念稿\n",
        "      reading_copy: true        # 导出 docx 时另出大字念稿\n    overrides:\n"
        "      thanks: 全省细颗粒物（PM2.5）平均浓度为41微克/立方米，成绩来之不易。\n")
    case = tmp_path / "c.yaml"
    case.write_text(text, encoding="utf-8")
    r = cli("check", str(case))
    assert r.returncode == 1
    assert "DR-FACT-01" in r.stdout and "写作41，与案卷事实（10、39、7.1）不一致" in r.stdout
    line = text[: text.index("      thanks: 全省")].count("\n") + 1
    assert f"{case}:{line}" in r.stdout


def test_rules_listing(cli):
    r = cli("check", "--rules")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == len(all_rules()) >= 35


def test_checker_on_unseen_field_documents():
    """The shared corpus was scraped from the web (ASCII punctuation, (一) brackets): findings are real."""
    corpus = ROOT.parent / "shared" / "corpus" / "notice-with-plan.txt"
    if not corpus.exists():
        pytest.skip("shared/ corpus not beside the checkout")
    text = corpus.read_text(encoding="utf-8")
    found = check_text(text, corpus.name, {})
    rules = collections.Counter(p.rule for p in found)
    assert rules["GW-PUNC-01"] > 300 and rules["GW-LVL-01"] >= 30
    assert "GW-LVL-03" not in rules          # (一)…(三十二) run on across sections: not a gap


def test_fix_never_touches_a_clean_file(cli, tmp_path):
    src = ROOT / "tests" / "golden" / "provincial-plan-notice.txt"
    path = tmp_path / "clean.txt"
    shutil.copy(src, path)
    r = cli("check", "--fix", str(path))
    assert r.returncode == 0 and path.read_bytes() == src.read_bytes()
    assert not (tmp_path / "clean.bak.txt").exists()


def test_drafting_fixture_is_shared(drafting):
    assert isinstance(drafting, Drafting)
