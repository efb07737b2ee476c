"""The document kinds drafter can draft, each with a default outline (outlines/<kind>.yaml) of slots and parts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    """A kind of document (文种) and its conventions."""

    id: str
    name: str           # shown to users
    starter: str        # commented starter case in starters/
    numbering: str = "per_section"   # （一）（二）: restart under each 一、 unless the kind's convention differs
    count_aliases: dict[str, str] = field(default_factory=dict)   # count('points') counts level-1 headings
    options: frozenset[str] = frozenset()   # options that mean something only for this kind


KINDS: dict[str, Kind] = {
    "speech": Kind("speech", "讲话稿", "speech.yaml", count_aliases={"points": "h1"}, options=frozenset({"pace"})),
    "notice": Kind("notice", "印发通知及实施方案", "notice.yaml", numbering="continuous"),
    "host": Kind("host", "主持词", "host.yaml", options=frozenset({"pace"})),
    "report": Kind("report", "情况报告", "report.yaml"),
    "news": Kind("news", "会议新闻稿", "news.yaml"),
}


SLOT_NAMES: dict[str, str] = {
    "opening": "开场", "review": "成绩回顾", "thanks": "致谢", "transition": "过渡", "closing": "结尾",
    "notice_purpose": "通知缘由", "notice_issue": "印发语", "plan_preamble": "方案导语", "guiding": "指导思想",
    "goals": "工作目标", "principles": "基本原则", "safeguards": "保障措施", "requirements": "要求",
    "host_opening": "开场", "host_attendance": "出席人员", "host_agenda_intro": "议程导语", "host_summary": "会议小结",
    "host_requirements_intro": "要求导语", "host_closing": "结束语", "report_opening": "开头",
    "report_results": "成效导语", "report_petitions": "信访办理", "report_problems": "问题导语",
    "report_next": "下一步导语", "report_closing": "结尾", "news_lede": "导语", "news_results": "成绩",
    "news_targets": "目标", "news_tasks": "任务", "news_emphasis": "领导强调", "news_closing": "结尾",
}
"""Names users see for the outlines' slots."""
