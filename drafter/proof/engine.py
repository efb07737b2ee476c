"""The rule registry and the text checker: each rule scans lines and reports spans with an optional fix."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from drafter.problems import Problem, Severity

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""For a regex class. Each use of the class costs ~1.5 ms to compile (Python's regex compiler visits each of its
28,000 characters), paid by every `drafter check`: a character at a known place is tested with is_cjk() instead."""


def is_cjk(char: str) -> bool:
    """`char` in [CJK] (tests compare the two over all of Unicode); the commonest block first."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


class Hit(NamedTuple):
    """A span of one line that breaks a rule: [start, end) on line `line` (0-based), and its fix if known.

    Hit and Rule are named tuples, not dataclasses, as is Problem: see drafter.problems."""

    line: int
    start: int
    end: int
    message: str
    fix: str | None = None


class Rule(NamedTuple):
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


class Lines(list):
    """The lines of a document, plus (computed once) their text joined by newlines and where each line starts,
    so a rule scans the whole text in one regex call instead of one call per line."""

    _joined: tuple[str, list[int]] | None = None

    def joined(self) -> tuple[str, list[int]]:
        if self._joined is None:
            starts = list(itertools.accumulate((len(line) + 1 for line in self), initial=0))
            self._joined = ("\n".join(self), starts)
        return self._joined

    def __setitem__(self, index, value):   # apply_fixes edits lines between rounds
        self._joined = None
        super().__setitem__(index, value)


@functools.lru_cache(maxsize=256)
def _multiline(pattern: str, flags: int) -> re.Pattern:
    return re.compile(pattern, flags | re.MULTILINE)


def _compiled(pattern: str | re.Pattern, flags: int = 0) -> re.Pattern:
    """`pattern` with ^ and $ at line ends (the same thing within one line, where there are none)."""
    if isinstance(pattern, re.Pattern):
        if pattern.flags & re.MULTILINE:
            return pattern
        pattern, flags = pattern.pattern, pattern.flags
    return _multiline(pattern, flags)


def matches(lines: list[str], pattern: str | re.Pattern, flags: int = 0) -> Iterator[tuple[int, re.Match, int]]:
    """(line, match, offset of that line) for every match of `pattern` within one line, as if each line were
    searched alone; the match's positions minus the offset are columns.

    The text is searched once with ^ and $ at line ends. A match that runs across a line break (\\s or a
    negated class can match it) is dropped and the lines it touched are searched one by one. Patterns must
    not look ahead or behind for something that can be a line break (write [^\\S\\n] rather than \\s there).
    """
    rx = _compiled(pattern, flags)
    text, starts = (lines if isinstance(lines, Lines) else Lines(lines)).joined()
    redo: set[int] = set()
    found = []
    for m in rx.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if m.end() > starts[i + 1] - 1:   # ran past the end of line i
            redo.update(range(i, bisect.bisect_right(starts, m.end())))
        else:
            found.append((i, m, starts[i]))
    if redo:
        found = [f for f in found if f[0] not in redo]
        for i in sorted(redo):
            found += ((i, m, 0) for m in rx.finditer(lines[i]))
        found.sort(key=lambda f: (f[0], f[1].start() - f[2]))
    return iter(found)


def each_match(lines: list[str], pattern: str | re.Pattern, message: str | Callable,
               fix: str | Callable | None = None, flags: int = 0, needs: str | None = None) -> Iterator[Hit]:
    """Hits for every regex match in every line; `message`/`fix` may be callables of the match.

    `needs`: a pattern for one character every match contains (a rare one: "~", "印"), so only the lines
    holding it are searched.
    """
    if needs is not None:
        rx = _compiled(pattern, flags)
        found = ((i, m, 0) for i in lines_with(lines, needs) for m in rx.finditer(lines[i]))
    else:
        found = matches(lines, pattern, flags)
    for i, m, offset in found:
        msg = message(m) if callable(message) else message
        if msg is None:
            continue
        repl = fix(m) if callable(fix) else (_template(fix)(m) if fix is not None else None)
        yield Hit(i, m.start() - offset, m.end() - offset, msg, repl)


@functools.lru_cache(maxsize=256)
def _template(fix: str) -> Callable[[re.Match], str]:
    """`match.expand(fix)`, with a template of plain text and \\1…\\9 parsed once rather than on every match."""
    pieces = re.split(r"\\([1-9])", fix)
    if any("\\" in piece for piece in pieces[::2]) or any(piece[:1].isdigit() for piece in pieces[2::2]):
        return lambda m: m.expand(fix)   # other escapes, \\g<name>, two-digit groups: Python's own parser
    if len(pieces) == 1:
        return lambda m: fix
    parts = [piece if k % 2 == 0 else int(piece) for k, piece in enumerate(pieces)]
    return lambda m: "".join(part if isinstance(part, str) else (m.group(part) or "") for part in parts)


def lines_with(lines: list[str], pattern: str) -> list[int]:
    """Indexes of the lines holding a match of `pattern` (a pattern that cannot match a line break).

    Once a line is known to hold one, the search goes on from the next line: a long line full of commas costs
    one search, not one per comma."""
    text, starts = (lines if isinstance(lines, Lines) else Lines(lines)).joined()
    rx = _multiline(pattern, 0)
    out: list[int] = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        i = bisect.bisect_right(starts, m.start()) - 1
        out.append(i)
        pos = starts[i + 1]
    return out


def check_lines(lines: list[str], file: str | None, config: dict[str, Severity | None]) -> list[Problem]:
    """Run every enabled rule; a Problem's line and column are 1-based."""
    out: list[Problem] = []
    lines = Lines(lines)
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
    """Apply every unambiguous fix (rules marked fixable), repeating until nothing changes; edits `lines`."""
    given, lines = lines, Lines(lines)
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
                pieces = []
                for hit in sorted(hits, key=lambda h: h.start, reverse=True):
                    if hit.end <= last:     # skip overlapping hits; the next round catches them
                        pieces += (line[hit.end:last], hit.fix)
                        last = hit.start
                line = line[:last] + "".join(reversed(pieces))
                if line != lines[i]:
                    lines[i] = line
                    changed = True
        if not changed:
            break
    given[:] = lines
    return given
