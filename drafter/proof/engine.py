"""The rule registry and the text checker: each rule scans lines and reports spans with an optional fix."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from drafter.problems import Problem, Severity

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@dataclass(frozen=True)
class Hit:
    """A span of one line that breaks a rule: [start, end) on line `line` (0-based), and its fix if known."""

    line: int
    start: int
    end: int
    message: str
    fix: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    check: Callable[[list[str]], Iterable[Hit]]
    fixable: bool = False


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, title: str, fixable: bool = False):
    """Register a text rule: `check(lines)` yields Hits."""
    sev = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}[severity]

    def wrap(func):
        RULES[rule_id] = Rule(rule_id, sev, title, func, fixable)
        return func
    return wrap


def each_match(lines: list[str], pattern: str | re.Pattern, message: str | Callable,
               fix: str | Callable | None = None, flags: int = 0) -> Iterator[Hit]:
    """Hits for every regex match in every line; `message`/`fix` may be callables of the match."""
    rx = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
    for i, line in enumerate(lines):
        for m in rx.finditer(line):
            msg = message(m) if callable(message) else message
            if msg is None:
                continue
            repl = fix(m) if callable(fix) else (m.expand(fix) if fix is not None else None)
            yield Hit(i, m.start(), m.end(), msg, repl)


def check_lines(lines: list[str], file: str | None, config: dict[str, Severity | None]) -> list[Problem]:
    """Run every enabled rule; a Problem's line and column are 1-based."""
    out: list[Problem] = []
    for rule_id, r in RULES.items():
        if rule_id in config and config[rule_id] is None:
            continue
        severity = config.get(rule_id) or r.severity
        for hit in r.check(lines):
            fix_text = f"；建议改为“{hit.fix}”" if hit.fix is not None and hit.fix != "" else ("；建议删除" if hit.fix == "" else "")
            out.append(Problem(f"{hit.message}{fix_text}", file=file, line=hit.line + 1, column=hit.start + 1,
                               severity=severity, rule=rule_id, fix=hit.fix))
    out.sort(key=lambda p: (p.line or 0, p.column or 0, p.rule or ""))
    return out


def apply_fixes(lines: list[str], config: dict[str, Severity | None]) -> list[str]:
    """Apply every unambiguous fix (rules marked fixable), repeating until nothing changes."""
    for _ in range(5):
        changed = False
        for rule_id, r in RULES.items():
            if not r.fixable or (rule_id in config and config[rule_id] is None):
                continue
            by_line: dict[int, list[Hit]] = {}
            for hit in r.check(lines):
                if hit.fix is not None:
                    by_line.setdefault(hit.line, []).append(hit)
            for i, hits in by_line.items():
                line = lines[i]
                last = len(line) + 1
                for hit in sorted(hits, key=lambda h: h.start, reverse=True):
                    if hit.end <= last:     # skip overlapping hits; the next round catches them
                        line = line[:hit.start] + hit.fix + line[hit.end:]
                        last = hit.start
                if line != lines[i]:
                    lines[i] = line
                    changed = True
        if not changed:
            break
    return lines
