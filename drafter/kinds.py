"""The document kinds drafter can draft, each a skeleton template of slots."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    id: str
    name: str           # shown to users
    template: str       # skeleton in templates/
    starter: str        # commented starter case in starters/
    numbering: str = "per_section"   # （一）（二）: restart under each 一、 unless the kind's convention differs


KINDS: dict[str, Kind] = {
    "speech": Kind("speech", "讲话稿", "speech.jinja", "speech.yaml"),
    "notice": Kind("notice", "印发通知及实施方案", "notice.jinja", "notice.yaml", numbering="continuous"),
    "host": Kind("host", "主持词", "host.jinja", "host.yaml"),
    "report": Kind("report", "情况报告", "report.jinja", "report.yaml"),
    "news": Kind("news", "会议新闻稿", "news.jinja", "news.yaml"),
}
