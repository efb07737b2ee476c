"""The document kinds drafter can draft, each a skeleton template of slots."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    id: str
    name: str           # shown to users
    template: str       # skeleton in templates/
    starter: str        # commented starter case in starters/


KINDS: dict[str, Kind] = {
    "speech": Kind("speech", "讲话稿", "speech.jinja", "speech.yaml"),
    "notice": Kind("notice", "印发通知及实施方案", "notice.jinja", "notice.yaml"),
}
