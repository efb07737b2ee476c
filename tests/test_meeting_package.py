"""A case drafts a family of documents; figures, names and counts must agree across all of them."""

from __future__ import annotations

import collections
import re

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from drafter.cnnum import cn_count, cn_int
from drafter.doctree import nodes as n
from drafter.doctree.measure import count_chars, speaking_minutes
from drafter.doctree.numbering import enum_labels
from drafter.phrasing import achievement_phrase, target_phrase
from drafter.pipeline import load_case
from drafter.render.text import render_text
from drafter.templating.filters import date_cn


@pytest.fixture(scope="module")
def family(drafting_module):
    out = {}
    for case in EXAMPLES:
        cf = load_case(case)
        trees = drafting_module.build(cf)
        out[case.stem] = (cf, {t.id: (t, render_text(t).decode()) for t in trees})
    return out


@pytest.fixture(scope="module")
def drafting_module():
    from drafter.pipeline import Drafting

    return Drafting()


def test_examples_cover_the_package(family):
    kinds = {cf.case.documents[i].kind for cf, _ in family.values() for i in range(len(cf.case.documents))}
    assert kinds == {"speech", "notice", "host", "report", "news"}
    assert {"speech", "host", "news"} <= {d.kind for d in family["city-mobilization"][0].case.documents}
    report_case = family["rectification-report"][0].case
    assert sum(len(s.items) for s in report_case.tasks) >= 80 and report_case.petitions is not None


def test_targets_and_achievements_read_identically_everywhere(family):
    for name, (cf, docs) in family.items():
        case = cf.case
        for did, (tree, text) in docs.items():
            lists_targets = any(isinstance(b, n.Enumeration) and b.list_name == "targets" for b in tree.blocks)
            if lists_targets and not any(t.group for t in case.targets):
                for t in case.targets:
                    assert target_phrase(t) in text, (name, did, t.metric)
            if tree.kind in ("speech", "news", "report") and case.achievements:
                for a in case.achievements:
                    assert achievement_phrase(a) in text, (name, did, a.metric)
            for t in case.targets:   # no document states a target's value any other way
                if t.value is not None and t.metric in text and target_phrase(t, with_deadline=False) not in text:
                    mentions = [m.start() for m in re.finditer(re.escape(t.metric), text)]
                    assert all(achievement_phrase(a) in text for a in case.achievements if a.metric == t.metric) or not mentions


def test_dates_meeting_names_and_titles_agree(family):
    for name, (cf, docs) in family.items():
        case = cf.case
        if case.meeting is None:
            continue
        meeting_date = date_cn(case.meeting.date)
        for did, (_, text) in docs.items():
            assert not re.search(r"\d{4}-\d{2}-\d{2}", text), (name, did)          # never an ISO date in prose
            for p in case.people:   # first mention in each document carries the person's one title
                m = re.search(re.escape(p.name), text)
                if m:
                    before = text[max(0, m.start() - len(p.title) - 1): m.start()].replace("\u3000", "")
                    assert before.endswith(p.title), (name, did, p.name, before)
        kinds = {tree.kind for tree, _ in docs.values()}
        if {"speech", "host", "news"} <= kinds:
            for did, (tree, text) in docs.items():
                assert case.meeting.name in text, did
                assert meeting_date in text or tree.kind == "report", did


def test_point_counts_match_points(family):
    for name, (_cf, docs) in family.items():
        for did, (tree, text) in docs.items():
            for m in re.finditer(r"(?:我讲|强调|提)(.{1,3})点", text):
                points = [b for b in tree.blocks if isinstance(b, n.Heading) and b.level == 1 and b.list_name == "points"]
                reqs = [i for b in tree.blocks if isinstance(b, n.Enumeration) and b.list_name == "requirements" for i in b.items]
                reqs += [b for b in tree.blocks if isinstance(b, n.Heading) and b.list_name == "requirements"]
                expected = {cn_count(len(points)), cn_count(len(reqs))}
                assert m.group(1) in expected, (name, did, m.group(0))


def test_enumerations_are_gap_free(family):
    for name, (_cf, docs) in family.items():
        for did, (tree, _) in docs.items():
            for b in tree.blocks:
                if isinstance(b, n.Enumeration):
                    assert b.labels == enum_labels(b.style, len(b.items)), (name, did)
            per_section = tree.options["numbering"] == "per_section"
            expect = {1: 0, 2: 0}
            for b in tree.blocks:
                if isinstance(b, n.Title):
                    expect = {1: 0, 2: 0}
                if isinstance(b, n.Heading) and b.level in (1, 2) and b.numbered:
                    expect[b.level] += 1
                    if b.level == 1 and per_section:
                        expect[2] = 0
                    want = f"{cn_int(expect[1])}、" if b.level == 1 else f"（{cn_int(expect[2])}）"
                    assert b.number == want, (name, did, b.number, want)


def test_progress_report_counts_equal_task_statuses(family):
    cf, docs = family["rectification-report"]
    raw = yaml.safe_load((ROOT / "examples" / "rectification-report.yaml").read_text(encoding="utf-8"))
    statuses = collections.Counter(t["status"] for s in raw["tasks"] for t in s["items"])
    text = docs["report"][1]
    m = re.search(r"(\d+)项整改任务已完成(\d+)项，其余(\d+)项中，(\d+)项按序时进度推进，(\d+)项进度滞后", text)
    assert m, text[:300]
    total, done, rest, on_track, lagging = map(int, m.groups())
    assert total == sum(statuses.values()) and done == statuses["已完成"]
    assert on_track == statuses["序时推进"] and lagging == statuses["滞后"] and rest == total - done
    assert f"目前仍有{lagging}项任务进度滞后" in text
    p = cf.case.petitions
    assert f"累计受理群众信访举报{p.received}件，已办结{p.concluded}件，其余{p.received - p.concluded}件正在办理" in text
    assert not any(isinstance(b, n.Table) for b in docs["report"][0].blocks)   # the example does not attach it


def test_report_task_table_lists_every_status(drafting_module, tmp_path):
    text = (ROOT / "examples" / "rectification-report.yaml").read_text(encoding="utf-8")
    case = tmp_path / "r.yaml"
    case.write_text(text.replace("task_table: false", "task_table: true"), encoding="utf-8")
    raw = yaml.safe_load(text)
    statuses = collections.Counter(t["status"] for s in raw["tasks"] for t in s["items"])
    tree = drafting_module.build(load_case(case), "report")[0]
    table = next(b for b in tree.blocks if isinstance(b, n.Table))
    assert table.header == ["整改任务", "责任单位", "完成时限", "进展情况"] and table.numbered
    assert len(table.rows) == sum(statuses.values()) and collections.Counter(r[-1] for r in table.rows) == statuses


def test_report_counts_follow_a_status_change(drafting_module, tmp_path):
    text = (ROOT / "examples" / "rectification-report.yaml").read_text(encoding="utf-8")
    changed = text.replace("status: 滞后", "status: 已完成", 1)
    case = tmp_path / "r.yaml"
    case.write_text(changed, encoding="utf-8")
    out = drafting_module.render(load_case(case), "text", "report")[0].data.decode()
    assert "84项整改任务已完成71项，其余13项中，11项按序时进度推进，2项进度滞后" in out


def test_host_script_follows_the_agenda(family):
    cf, docs = family["city-mobilization"]
    tree, text = docs["host"]
    agenda = next(b for b in tree.blocks if isinstance(b, n.Enumeration) and b.list_name == "agenda")
    assert len(agenda.items) == len(cf.case.meeting.agenda)
    assert agenda.labels[0] == "首先，" and agenda.labels[-1] == "最后，"
    assert f"共有{cn_count(len(cf.case.meeting.agenda))}项议程" in text
    assert "请市委书记王志远同志讲话。" in text and "散会" not in text     # the example's host does not dismiss
    assert text.rstrip().endswith("参加分组讨论。")
    assert "三个特点" in text and "一是问题点得准" in text


def test_news_release_structure(family):
    cf, docs = family["city-mobilization"]
    text = docs["news"][1]
    lines = text.splitlines()
    assert lines[0] == "我市召开打好污染防治攻坚战动员大会"
    assert lines[2].strip().startswith("2026年2月26日，中共安澜市委、安澜市人民政府召开全市打好污染防治攻坚战动员大会")
    assert "市委书记王志远出席会议并讲话" in text and "王志远强调" in text
    assert re.search(r"一要.+；二要.+；三要.+。", text)


def test_outline_and_speaking_time(drafting_module):
    cf = load_case(ROOT / "examples" / "city-mobilization.yaml")
    tree = drafting_module.build(cf, "speech")[0]
    chars, minutes = speaking_minutes(tree)
    body = "".join(b.text for b in tree.blocks if isinstance(b, n.Paragraph))
    assert chars > count_chars(body) > 300
    assert minutes == -(-chars // 220)
    assert speaking_minutes(tree, pace=chars)[1] == 1
    out = drafting_module.render(cf, "outline", "speech")[0]
    assert out.filename.endswith("-提纲.txt")
    text = out.data.decode()
    assert f"全文约{chars}字，按每分钟220字计，讲话约需{minutes}分钟。" in text
    heads = [b for b in tree.blocks if isinstance(b, n.Heading) and b.level == 1]
    assert all(h.label in text for h in heads) and "同志们" not in text


def test_library_size_and_alternatives():
    from drafter.templating.fragments import load_library

    lib = load_library()
    assert len(lib.fragments) >= 120
    per_slot = collections.Counter((k, f.slot) for f in lib.fragments.values() for k in f.kinds)
    assert min(per_slot.values()) >= 3, [k for k, v in per_slot.items() if v < 3]
