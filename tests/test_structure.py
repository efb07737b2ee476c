"""Numbers and counts come from structure: reorder or delete a point and every count stays true."""

from __future__ import annotations

import re

import yaml

from conftest import EXAMPLES
from drafter.cnnum import cn_count, cn_int
from drafter.doctree import nodes as n
from drafter.pipeline import load_case, parse_case

CASE_TEXT = (EXAMPLES[0].parent / "provincial-plan.yaml").read_text(encoding="utf-8")


def _build(drafting, data: dict, doc_id: str) -> n.Document:
    cf = parse_case(yaml.safe_dump(data, allow_unicode=True), "case.yaml")
    return drafting.build(cf, doc_id)[0]


def _text(doc: n.Document) -> str:
    from drafter.render.text import render_text

    return render_text(doc).decode()


def test_point_count_follows_points(drafting):
    data = yaml.safe_load(CASE_TEXT)
    speech = next(d for d in data["documents"] if d["kind"] == "speech")
    points = speech["points"]
    for k in (1, 2, 3):
        speech["points"] = points[:k]
        doc = _build(drafting, data, "speech")
        heads = [b for b in doc.blocks if isinstance(b, n.Heading) and b.level == 1]
        assert len(heads) == k
        assert f"下面，我讲{cn_count(k)}点意见。" in _text(doc)
        assert [h.number for h in heads] == [f"{cn_int(i)}、" for i in range(1, k + 1)]


def test_reordering_points_renumbers(drafting):
    data = yaml.safe_load(CASE_TEXT)
    speech = next(d for d in data["documents"] if d["kind"] == "speech")
    speech["points"].reverse()
    doc = _build(drafting, data, "speech")
    heads = [b for b in doc.blocks if isinstance(b, n.Heading) and b.level == 1]
    assert heads[0].label.startswith("一、强化作风建设")
    assert heads[-1].label.startswith("三、提高政治站位")


def test_level2_numbering_continuous_and_per_section(drafting):
    data = yaml.safe_load(CASE_TEXT)
    notice = next(d for d in data["documents"] if d["kind"] == "notice")
    total_tasks = sum(len(s["items"]) for s in data["tasks"])
    doc = _build(drafting, data, "notice")
    level2 = [b.number for b in doc.blocks if isinstance(b, n.Heading) and b.level == 2]
    # 3 under 总体要求, every task, 4 safeguards: one gap-free sequence
    assert level2 == [f"（{cn_int(i)}）" for i in range(1, 3 + total_tasks + 4 + 1)]

    notice["options"] = {"numbering": "per_section"}
    doc = _build(drafting, data, "notice")
    seq, restarts = [], 0
    for b in doc.blocks:
        if isinstance(b, n.Heading) and b.level == 1:
            restarts += 1
            seq.append([])
        elif isinstance(b, n.Heading) and b.level == 2:
            seq[-1].append(b.number)
    for section in seq:
        assert section == [f"（{cn_int(i)}）" for i in range(1, len(section) + 1)]
    assert restarts == 2 + len(data["tasks"])


def test_targets_numbered_and_counted(drafting):
    cf = load_case(EXAMPLES[0].parent / "provincial-plan.yaml")
    doc = drafting.build(cf, "notice")[0]
    enum = next(b for b in doc.blocks if isinstance(b, n.Enumeration) and b.style == "1.")
    assert enum.labels == [f"{i}." for i in range(1, len(cf.case.targets) + 1)]
    assert f"确保完成以下{cn_count(len(cf.case.targets))}项目标" in _text(doc)


def test_every_target_phrase_appears_once_in_plan(drafting):
    from drafter.phrasing import target_phrase

    cf = load_case(EXAMPLES[0].parent / "provincial-plan.yaml")
    text = _text(drafting.build(cf, "notice")[0])
    for t in cf.case.targets:
        assert text.count(target_phrase(t)) == 1


def test_run_in_headings_and_task_units(drafting):
    cf = load_case(EXAMPLES[0].parent / "provincial-plan.yaml")
    text = _text(drafting.build(cf, "notice")[0])
    assert re.search(r"（一）指导思想。以", text)
    assert "（牵头单位：大气环境处；责任单位：各设区市生态环境局）" in text


def test_every_block_remembers_its_origin(drafting):
    cf = load_case(EXAMPLES[0].parent / "provincial-plan.yaml")
    for doc in drafting.build(cf):
        for b in doc.blocks:
            assert b.origin is not None and b.origin.template.endswith(".yaml") and b.origin.line > 0
        frag = [b for b in doc.blocks if b.origin.fragment]
        assert frag, "fragment paragraphs should name their fragment"


def test_notice_meta_for_banner_and_imprint(drafting):
    cf = load_case(EXAMPLES[0].parent / "provincial-plan.yaml")
    doc = drafting.build(cf, "notice")[0]
    assert doc.meta["number"] == "陕环发〔2026〕18号"
    assert doc.meta["mark"] == "陕西省生态环境厅文件"
    assert doc.meta["cc"].endswith("。") and "，" in doc.meta["cc"]
    assert doc.meta["print_date"] == "2026年3月20日"
    # the plan starts on a new page with its own title
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.index("PageBreak") < len(kinds) - 1 and kinds[kinds.index("PageBreak") + 1] == "Title"


def test_task_table_option_numbers_rows(drafting):
    data = yaml.safe_load(CASE_TEXT)
    notice = next(d for d in data["documents"] if d["kind"] == "notice")
    notice["options"] = {"task_table": True}
    doc = _build(drafting, data, "notice")
    table = next(b for b in doc.blocks if isinstance(b, n.Table))
    assert table.numbered and table.header == ["重点任务", "牵头单位", "责任单位", "完成时限"]
    assert len(table.rows) == sum(len(s["items"]) for s in data["tasks"])
    assert "长期坚持" in [r[3] for r in table.rows]
