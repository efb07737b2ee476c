"""Documents as editable outlines: nothing forced, nothing invented, nothing ignored, nothing forged.

Each test writes a small case of its own (facts typed here, expected text written here by hand) and
drafts it through the real pipeline.
"""

from __future__ import annotations

import textwrap

import pytest

from drafter.errors import DrafterError
from drafter.pipeline import parse_case
from drafter.render.text import render_text

BASE = """\
org: {name: 安澜市生态环境局, short: 市生态环境局, code: 安环发}
meeting:
  name: 全市生态环境保护工作会议
  date: 2026-03-12
  host: zhao
  purpose: 总结去年工作，部署今年任务
  agenda:
    - {item: 通报去年工作情况, person: zhao}
    - {item: 讲话, person: li}
people:
  - {id: li, name: 李明, title: 副市长}
  - {id: zhao, name: 赵刚, title: 市生态环境局局长}
targets:
  - {id: pm, metric: 细颗粒物平均浓度, scope: 全市, baseline_year: 2020, direction: 下降, value: 12, unit: "%", deadline: 2026}
  - {id: soil1, metric: 受污染耕地安全利用率, direction: 达到, value: 92, unit: "%", group: 土壤环境风险管控方面}
  - {id: soil2, metric: 污染地块安全利用率, direction: 达到, value: 90, unit: "%", group: 土壤环境风险管控方面}
achievements:
  - {id: days, metric: 空气质量优良天数, scope: 全市, verb: 为, value: 291, unit: 天}
  - {id: water, metric: 国控断面优良水体比例, verb: 为, value: 87.5, unit: "%"}
tasks:
  - section: 打好蓝天保卫战
    items:
      - {title: 实施超低排放改造, lead: [市生态环境局], deadline: 2026-10, status: 已完成}
      - {title: 整治散煤, lead: [市发展改革委], deadline: 2026-09, status: 序时推进}
documents:
"""


def case(documents: str, base: str = BASE):
    text = base + textwrap.indent(textwrap.dedent(documents), "  ")
    return parse_case(text, "case.yaml")


def draft(drafting, documents: str, doc: str | None = None, base: str = BASE) -> str:
    """Each document drafted on its own (the shared BASE has facts a single document does not use)."""
    cf = case(documents, base)
    ids = [doc] if doc else [d.id for d in cf.case.documents]
    return "\n".join(render_text(drafting.build(cf, i)[0]).decode() for i in ids)


def problems(drafting, documents: str, base: str = BASE) -> str:
    with pytest.raises(DrafterError) as exc:
        cf = case(documents, base)
        for d in cf.case.documents:
            drafting.build(cf, d.id)
    return "\n".join(str(p) for p in exc.value.problems)


SPEECH = """\
- id: speech
  kind: speech
  speaker: li
  slots: {transition: speech.transition.points}
  points:
    - title: 肯定成绩
      items: [要看到进步, 要正视差距]
    - title: 突出重点
    - title: 压实责任
"""


# --- the default outline, changed with the least typing ---------------------------------------------------------


def test_default_speech_counts_its_points(drafting):
    text = draft(drafting, SPEECH)
    assert "我讲三点意见" in text
    assert "副市长　李明" in text and "同志们：" in text


def test_remove_byline_and_salutation_rename_and_insert(drafting):
    text = draft(drafting, SPEECH + """\
  outline:
    remove: [salutation, review, thanks]
    after:
      closing:
        - text: 谢谢大家。
""")
    assert "副市长　李明" in text and "同志们：" not in text
    assert text.rstrip().endswith("谢谢大家。")
    assert "这些成绩" not in text


def test_whole_outline_reorders_and_uses_facts_in_own_text(drafting):
    text = draft(drafting, SPEECH.replace("  speaker: li\n", "") + """\
  outline:
    - title
    - text: 同志们，{{ meeting.name }}今天召开。
    - facts: targets
    - transition
    - points
""")
    lines = [ln.strip("\u3000") for ln in text.splitlines() if ln.strip()]
    assert lines[1] == "同志们，全市生态环境保护工作会议今天召开。"
    assert lines[2] == "1.到2026年底，全市细颗粒物平均浓度比2020年下降12%。"
    # two targets sharing a group form one item after their label
    assert lines[3] == "2.土壤环境风险管控方面。受污染耕地安全利用率达到92%，污染地块安全利用率达到90%。"
    assert "一、肯定成绩" in text and "三、压实责任" in text
    assert "副市长　李明" not in text          # not listed, not printed


def test_review_and_thanks_inside_point_one_with_a_paragraph_after_the_items(drafting):
    text = draft(drafting, """\
- id: speech
  kind: speech
  speaker: li
  slots: {transition: speech.transition.points}
  outline: {remove: [review, thanks]}
  points:
    - title: 肯定成绩
      items: [要看到进步, 要正视差距]
      parts:
        - review
        - thanks
        - text: 这是全市上下共同努力的结果。
    - title: 压实责任
""")
    body = text[text.index("一、肯定成绩"):text.index("二、压实责任")]
    assert body.index("一要看到进步") < body.index("二要正视差距") < body.index("全市空气质量优良天数为291天")
    assert body.rstrip().endswith("这是全市上下共同努力的结果。")
    assert "我讲两点意见" in text


def test_renumbering_follows_reordering(drafting):
    text = draft(drafting, """\
- id: speech
  kind: speech
  outline:
    - heading: 第二件事
      parts: [{enum: 第一, items: [甲, 乙]}]
    - heading: 第一件事
      parts:
        - {heading: 小点, runin: true, parts: [{text: 内容。}]}
""")
    assert "一、第二件事" in text and "二、第一件事" in text
    assert "第一，甲" in text and "第二，乙" in text
    assert "（一）小点。内容。" in text


def test_rename_and_insert_target_the_section_not_the_slot_inside_it(drafting):
    text = draft(drafting, NOTICE + "  outline: {rename: {goals: 总体目标}, after: {goals: [{text: 另起一段。}]}}\n")
    assert "（二）总体目标。" in text and text.count("另起一段。") == 1
    assert text.index("另起一段。") > text.index("1.到2026年底")       # after the whole section, targets included


def test_unknown_part_id_is_located_with_a_suggestion(drafting):
    msg = problems(drafting, SPEECH + "  outline: {remove: [thank]}\n")
    assert "documents[0].outline.remove[0]" in msg
    assert "case.yaml:" in msg and "默认提纲中没有 id 为“thank”的部分" in msg and "是否想写“thanks”" in msg


# --- facts blocks in any kind ---------------------------------------------------------------------------------


def test_tasks_with_deadlines_and_grouped_results_in_a_news_release(drafting):
    text = draft(drafting, """\
- id: news
  kind: news
  leader: li
  title: 我市召开生态环境保护工作会议
  requirements: [提高站位, 狠抓落实]
  outline:
    after:
      news_lede:
        - heading: 去年成效
          level: 1
          parts: [{facts: achievements, only: [days], inline: true}]
        - heading: 今年任务
          level: 1
          parts: [{facts: tasks, each: paragraph}]
      news_emphasis:
        - {slot: news_emphasis, person: zhao, fragment: news.emphasis.standard}
""")
    assert "\u3000全市空气质量优良天数为291天。" in text and "87.5" not in text.split("二、今年任务")[0].split("一、去年成效")[1]
    assert "实施超低排放改造，由市生态环境局牵头，2026年10月底前完成" in text
    assert "李明就做好下一步工作提出要求" in text and "赵刚强调" in text


def test_agenda_in_a_speech(drafting):
    text = draft(drafting, SPEECH + "  outline: {after: {transition: [{facts: agenda}]}}\n")
    assert "首先，请市生态环境局局长赵刚同志通报去年工作情况。" in text


# --- nothing forced --------------------------------------------------------------------------------------------

NOTICE = """\
- id: notice
  kind: notice
  plan_title: 2026年生态环境保护工作方案
  number: 5
  date: 2026-03-20
  recipients: [各区县生态环境分局]
  printer: 安澜市生态环境局办公室
  print_date: 2026-03-20
"""


def test_notice_web_copy_without_banner_imprint_and_safeguards(drafting):
    web = (NOTICE.replace("  printer: 安澜市生态环境局办公室\n  print_date: 2026-03-20\n", "").replace("  number: 5\n", "")
           + "  outline: {remove: [banner, imprint, safeguards, principles]}\n")
    text = draft(drafting, web)
    assert "安环发" not in text and "安澜市生态环境局文件" not in text and "印发\n" not in text
    assert "保障措施" not in text and "基本原则" not in text
    tree = drafting.build(case(web), "notice")[0]
    assert tree.meta == {}


def test_notice_title_forms(drafting):
    text = draft(drafting, NOTICE.replace("2026年生态环境保护工作方案", "关于做好2026年生态环境保护工作的实施方案")
                 + "  title_form: 印发\n")
    assert "印发关于做好2026年生态环境保护工作的实施方案的通知" in text
    own = draft(drafting, NOTICE + "  title: 关于转发省厅工作方案的通知\n")
    assert own.count("关于转发省厅工作方案的通知") == 1


def test_report_without_problems_with_declared_totals(drafting):
    base = BASE.replace("tasks:\n", "task_totals: {total: 82, done: 59}\nXtasks:\n").split("Xtasks:")[0] + "documents:\n"
    text = draft(drafting, """\
- id: report
  kind: report
  subject: 督察反馈问题整改
  date: 2026-05-20
  slots: {report_opening: report.opening.rectification}
  measures: [{title: 强化组织领导, text: 成立领导小组。}]
  next_steps: [{title: 巩固成果, text: 开展回头看。}]
  outline:
    remove: [problems, signature]
    after:
      next_list: [{text: 我们将持续抓好整改落实。}]
""", base=base)
    assert "82项整改任务已完成59项，其余23项按序时进度推进" in text
    assert "存在问题" not in text and "三、下一步工作" in text
    assert "　　我们将持续抓好整改落实。" in text
    assert "安澜市生态环境局" not in text.split("我们将持续")[1].split("2026年5月20日")[0]


def test_host_script_with_own_headings_and_no_dismissal(drafting):
    text = draft(drafting, """\
- id: host
  kind: host
  outline:
    replace:
      host_requirements_intro:
        - heading: 目标要高点定位
          level: 1
          parts: [{text: 各单位要对标先进、争创一流。}]
        - heading: 措施要精准有力
          level: 1
          parts: [{text: 要聚焦短板、精准施策。}]
    remove: [requirements, host_closing]
""")
    assert "一、目标要高点定位" in text and "二、措施要精准有力" in text
    assert "散会" not in text


# --- nothing invented -----------------------------------------------------------------------------------------


def test_missing_imprint_facts_are_located_not_defaulted(drafting):
    msg = problems(drafting, NOTICE.replace("  print_date: 2026-03-20\n", ""))
    assert "case.yaml:" in msg and "版记缺少print_date（印发日期）" in msg


def test_declared_totals_must_agree_with_listed_tasks(drafting):
    base = BASE.replace("documents:\n", "task_totals: {total: 3, done: 1}\ndocuments:\n")
    msg = problems(drafting, NOTICE, base=base)
    assert "task_totals.total" in msg and "申报的任务总数为3项，但 tasks 中逐项列出的是2项" in msg


def test_empty_slot_choice_is_not_four_default_fragments(drafting):
    msg = problems(drafting, NOTICE + "  slots: {safeguards: []}\n")
    assert "槽位“safeguards”没有选择任何片段" in msg


def test_news_without_a_leader_is_a_located_problem_only_where_a_part_needs_one(drafting):
    msg = problems(drafting, "- {id: news, kind: news}\n")
    assert "需要一位人员" in msg
    text = draft(drafting, "- {id: news, kind: news, outline: {remove: [news_emphasis, news_lede]}}\n")
    assert "召开全市生态环境保护工作会议" in text


def test_notice_needs_no_meeting(drafting):
    base = BASE.split("meeting:")[0] + "people: []\ndocuments:\n"
    text = draft(drafting, NOTICE + "  outline: {remove: [plan_preamble, notice_purpose, targets, tasks]}\n"
                 "  slots: {notice_issue: notice.issue.standard, guiding: plan.guiding.ecology, goals: plan.goals.brief}\n",
                 base=base)
    assert "关于印发《2026年生态环境保护工作方案》的通知" in text


# --- nothing ignored ------------------------------------------------------------------------------------------


def test_unused_fields_slots_and_options_are_located(drafting):
    msg = problems(drafting, SPEECH.replace("  slots: {transition: speech.transition.points}\n", "") + """\
  outline: {remove: [byline]}
  slots: {safeguards: plan.safeguard.funding, openin: speech.opening.mobilize}
  options: {task_table: true}
""")
    assert "documents[0].speaker：“speaker”没有用到" in msg
    assert "documents[0].slots.safeguards：槽位“safeguards”不在本文档的提纲中" in msg
    assert "是否想写“opening”" in msg
    assert "documents[0].options.task_table：选项“task_table”对本文档不起作用" in msg


def test_facts_no_document_uses_are_located_when_the_whole_case_is_drafted(drafting):
    cf = case(SPEECH)
    drafting.build(cf, "speech")                       # one document alone: its own keys only
    with pytest.raises(DrafterError) as exc:
        drafting.build(cf)
    msg = "\n".join(str(p) for p in exc.value.problems)
    assert "case.yaml:13 targets：“targets”没有用到" in msg
    assert "meeting.agenda：“meeting.agenda”没有用到" in msg
    assert "people[1]：人员“zhao”（赵刚）没有用到" in msg
    assert "org.code：“org.code”没有用到" in msg and "meeting.name" not in msg
    host = SPEECH + "- {id: host, kind: host, outline: {remove: [requirements, host_requirements_intro]}}\n"
    msg = "\n".join(str(p) for p in pytest.raises(DrafterError, drafting.build, case(host)).value.problems)
    assert "meeting.agenda" not in msg and "people[1]" not in msg and "targets" in msg


def test_enum_style_of_every_kind_is_one_vocabulary(drafting):
    text = draft(drafting, SPEECH.replace("    - title: 突出重点\n", "    - title: 突出重点\n      items: [甲, 乙]\n")
                 + "  options: {enum_style: （一）}\n")
    assert "（一）甲" in text and "（二）乙" in text


def test_unused_enum_style_on_a_host_script_is_reported(drafting):
    msg = problems(drafting, "- {id: host, kind: host, options: {enum_style: 第一}}\n")
    assert "选项“enum_style”对本文档不起作用" in msg


# --- structure cannot be forged -------------------------------------------------------------------------------


def test_facts_and_own_text_cannot_create_structure_or_leak_private_characters(drafting):
    evil = "一、伪造的标题\ue000speech|1\ue000@h1 注入\ue002points\ue003\u200b"
    text = draft(drafting, f"""\
- id: speech
  kind: speech
  speaker: li
  slots: {{transition: speech.transition.points}}
  points:
    - title: "{evil}"
      items: ["{evil}"]
""")
    assert "下面，我讲一点意见" in text
    assert not any("\ue000" <= ch <= "\uf8ff" or ch == "\u200b" for ch in text)
    tree = drafting.build(case(f"""\
- id: speech
  kind: speech
  speaker: li
  points: [{{title: "{evil}"}}]
"""), "speech")[0]
    from drafter.doctree import nodes as n
    assert len([b for b in tree.blocks if isinstance(b, n.Heading)]) == 1


def test_a_fragment_cannot_change_the_facts_for_the_next_document(drafting, tmp_path, isolated_library):
    from drafter.pipeline import Drafting

    (isolated_library / "fragments").mkdir()
    (isolated_library / "fragments" / "evil.yaml").write_text(textwrap.dedent("""\
        fragments:
          - id: evil.clear
            title: 清空
            kinds: [speech]
            slot: closing
            provenance: {author: x, added: 2026-11-22}
            text: "{% set _ = targets.clear() %}完。"
        """), encoding="utf-8")
    mine = Drafting()
    cf = case(SPEECH.replace("{transition: speech.transition.points}", "{transition: speech.transition.points, closing: evil.clear}")
              + NOTICE)
    with pytest.raises(DrafterError) as exc:
        mine.build(cf, "speech")
    assert "沙箱" in str(exc.value)
    assert len(cf.case.targets) == 3


def test_private_and_control_characters_never_reach_tables_banner_or_imprint(drafting):
    evil_base = (BASE.replace("title: 实施超低排放改造", "title: \"实施\ue002points\ue003改造\u200b\"")
                 .replace("code: 安环发", "code: \"安\ue000环发\"", 1))
    cf = case(NOTICE.replace("  printer: 安澜市生态环境局办公室", "  printer: \"安澜市\ue001办公室\"")
              + "  options: {task_table: true}\n", evil_base)
    tree = drafting.build(cf, "notice")[0]
    from drafter.doctree import nodes as n
    table = next(b for b in tree.blocks if isinstance(b, n.Table))
    cells = "".join(c for row in table.rows for c in row)
    every = cells + "".join(tree.meta.values()) + render_text(tree).decode()
    assert "实施points改造" in cells and tree.meta["number"] == "安环发〔2026〕5号"
    assert not any("\ue000" <= ch <= "\uf8ff" or ch in "\u200b\x00" for ch in every)


def test_a_lead_sentence_an_inline_list_and_a_closing_sentence_share_one_paragraph(drafting):
    text = draft(drafting, """\
- id: host
  kind: host
  features: [问题点得准。大家要有清醒认识, 责任压得实]
  outline:
    - text: 这次会议有这样几个特点：
    - {facts: features, joined: true}
    - {text: 会后要抓好落实。, joined: true}
""")
    assert text.rstrip("\n").splitlines()[-1] == "\u3000\u3000这次会议有这样几个特点：一是问题点得准。大家要有清醒认识。二是责任压得实。会后要抓好落实。"


def test_each_on_a_facts_block_that_cannot_take_it_is_reported(drafting):
    msg = problems(drafting, "- {id: host, kind: host, requirements: [{title: 甲}], outline: [{facts: requirements, each: heading}]}\n")
    assert "each: heading 不能用于 facts: requirements" in msg


def test_a_part_named_by_the_case_is_not_dropped_by_the_defaults_condition(drafting):
    base = BASE.replace("achievements:\n  - {id: days, metric: 空气质量优良天数, scope: 全市, verb: 为, value: 291, unit: 天}\n"
                        "  - {id: water, metric: 国控断面优良水体比例, value: 87.5, unit: \"%\"}\n", "")
    text = draft(drafting, """\
- id: speech
  kind: speech
  slots: {thanks: speech.thanks.all}
  outline:
    - title
    - points
  points:
    - title: 甲
      parts: [thanks, {text: 乙。}]
""", base=base)
    assert text.index("一、甲") < text.index("感谢") < text.index("乙。")


def test_a_facts_block_of_another_kind_is_a_located_problem_not_a_crash(drafting):
    msg = problems(drafting, "- {id: speech, kind: speech, outline: [{facts: problems}]}\n")
    assert "case.yaml:" in msg and "讲话稿没有“problems”这一项" in msg


def test_a_level_target_without_a_value_is_refused(drafting):
    base = BASE.replace("value: 92, unit: \"%\", group", "unit: \"%\", group")
    with pytest.raises(DrafterError) as exc:
        case(SPEECH, base)
    assert "targets[1]" in str(exc.value) and "“达到”需要数值" in str(exc.value)


def test_own_words_under_slots_point_to_overrides(drafting):
    msg = problems(drafting, SPEECH.replace("{transition: speech.transition.points}", "{transition: 下面我讲几点}"))
    assert "不是片段 id：自己的文字请写在 overrides 中" in msg


def _example_docs():
    import yaml

    from conftest import EXAMPLES
    from drafter.outline.tree import load_default

    out = []
    for path in EXAMPLES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, doc in enumerate(data["documents"]):
            if doc.get("outline") is None:
                out += [(path.stem, i, pid) for pid in sorted(load_default(doc["kind"]).index())]
    return out


@pytest.mark.parametrize("stem,index,part", _example_docs())
def test_every_default_part_of_every_example_can_go(drafting, stem, index, part):
    """Nothing forced: removing any part drafts the rest, or names exactly the keys that lost their use."""
    import yaml

    from conftest import ROOT
    data = yaml.safe_load((ROOT / "examples" / f"{stem}.yaml").read_text(encoding="utf-8"))
    doc = data["documents"][index]
    before = drafting.build(parse_case(yaml.safe_dump(data, allow_unicode=True), "c.yaml"), doc["id"])[0]
    doc["outline"] = {"remove": [part]}
    cf = parse_case(yaml.safe_dump(data, allow_unicode=True), "c.yaml")
    try:
        after = drafting.build(cf, doc["id"])[0]
    except DrafterError as exc:   # what lost its use, or a count that now has nothing to count — all located
        lost = ("没有用到", "不在本文档的提纲中", "找不到名为")
        assert all(p.file == "c.yaml" and p.line and any(w in p.message for w in lost) for p in exc.problems), \
            [str(p) for p in exc.problems]
        return
    from drafter.outline.tree import load_default
    conditional = load_default(doc["kind"]).index()[part].part.when is not None   # absent from this draft anyway
    assert len(after.blocks) + len(after.meta) < len(before.blocks) + len(before.meta) or conditional


def test_an_unknown_id_in_only_lists_the_known_ones_in_the_case_order(drafting):
    """The known ids were listed from a set: the message changed from run to run (with the hash seed)."""
    shown = problems(drafting, """\
- id: news
  kind: news
  leader: li
  title: 我市召开生态环境保护工作会议
  outline:
    after:
      news_lede: [{facts: targets, only: [pm, nope]}]
""")
    assert "only 中的“nope”不是目标指标的 id（有：pm、soil1、soil2）" in shown


def test_an_empty_fact_printed_by_a_template_is_named(drafting):
    """It said only 模板输出了一个空字段: the secretary could not tell which fact to fill in."""
    shown = problems(drafting, """\
- id: report
  kind: report
  title: 关于工作情况的报告
  date: 2026-03-20
  problems: [问题一]
  measures: [{title: 做法一}]
  next_steps: [{title: 下一步}]
  overrides: {report_opening: "现将{{ doc.subject }}报告如下。"}
""")
    assert "documents[0].overrides.report_opening：模板用到的“subject”没有填写" in shown, shown
