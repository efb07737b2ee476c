"""One report type for every problem a user must fix: facts validation, templates, proofreading.

Problems are collected, never raised one at a time, so a user sees every mistake in one run.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


class Problem(NamedTuple):
    """A single thing wrong, located as precisely as we can: file, line, field path.

    Immutable like a frozen dataclass, but a named tuple: importing dataclasses (with inspect, ast, dis and
    tokenize) cost `drafter check FILE.txt` ~8 ms of its start-up, more than reading and checking half its text."""

    message: str
    file: str | None = None
    line: int | None = None
    path: str | None = None
    severity: Severity = Severity.ERROR
    rule: str | None = None
    column: int | None = None
    fix: str | None = None          # the corrected text of the span, when a fix is known

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}"
            if self.column is not None:
                where = f"{where}:{self.column}"
        field = f" {self.path}" if self.path else ""
        prefix = f"{where}{field}".strip()
        return f"{prefix}：{self.message}" if prefix else self.message


def closest(word: str, choices) -> str | None:
    """The known word nearest to a mistyped one (是否想写…), or None: one measure of “near” for every message."""
    import difflib  # only a problem needs a suggestion

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return close[0] if close else None


def format_path(parts: tuple[str | int, ...]) -> str:
    """Render a field path the way users write it: targets[2].value."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


MAX_LISTED = 100


def listing(problems: list[Problem], limit: int = MAX_LISTED) -> list[str]:
    """The lines to show for `problems`: the first `limit`, then how many more, so a broken file never floods the screen."""
    from drafter.charsafe import for_terminal

    lines = [for_terminal(str(p)).replace("\n", "↵") for p in problems[:limit]]   # one line per problem
    if len(problems) > limit:
        lines.append(f"……另有{len(problems) - limit}处问题（先改正以上各处，再运行一次）")
    return lines
