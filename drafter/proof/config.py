"""Which rules run and how loud: the built-in set, then the team's and the user's `proofread.yaml`.

    # proofread.yaml
    rules:
      DR-TYPO-01: off        # off, error, warning or info
      GW-NUM-06: warning
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import CaseError
from drafter.problems import Problem, Severity
from drafter.resources import library_file, team_library, user_library

LEVELS = {"off": None, "error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO,
          "错误": Severity.ERROR, "警告": Severity.WARNING, "提示": Severity.INFO, "关闭": None}


def config_files() -> list[Path]:
    roots = ([team_library()] if team_library() else []) + [user_library()]
    return [library_file(root / "proofread.yaml", root) for root in roots
            if (root / "proofread.yaml").exists() or (root / "proofread.yaml").is_symlink()]


def load_config(known: set[str], files: list[Path] | None = None) -> dict[str, Severity | None]:
    """rule id → severity (None = off), later files overriding earlier ones; bad entries are located."""
    import difflib

    from drafter.yamlsource import load_yaml, read_text

    out: dict[str, Severity | None] = {}
    problems: list[Problem] = []
    for path in config_files() if files is None else files:
        located = load_yaml(read_text(path), str(path))
        rules = located.data.get("rules") if isinstance(located.data, dict) else None
        if not isinstance(rules, dict):
            problems.append(Problem("校对配置应以 rules: 开头，下面是“规则编号: 级别”", file=str(path), line=1))
            continue
        for rule_id, level in rules.items():
            line = located.line_of(("rules", rule_id))
            if rule_id not in known:
                close = difflib.get_close_matches(rule_id, sorted(known), n=1)
                hint = f"，是否想写“{close[0]}”？" if close else ""
                problems.append(Problem(f"未知的规则编号“{rule_id}”{hint}", file=str(path), line=line, path=f"rules.{rule_id}"))
                continue
            key = str(level).lower() if not isinstance(level, bool) else ("off" if level is False else "error")
            if key not in LEVELS:
                problems.append(Problem(f"级别应为 off、error、warning 或 info，得到“{level}”", file=str(path), line=line,
                                        path=f"rules.{rule_id}"))
                continue
            out[rule_id] = LEVELS[key]
    if problems:
        raise CaseError(problems)
    return out
