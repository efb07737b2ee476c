"""What a skeleton sees: the case's facts plus slot(), fragments(), count() and person().

A slot is filled, in order of preference, by the case's free-text override, the fragment(s) the case
chose, the skeleton's default, or the first fragment the library offers for that kind and slot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from drafter.doctree.markup import COUNT_CLOSE, COUNT_OPEN, FRAGMENT, PARA_BREAK, PRIVATE
from drafter.errors import TemplateError
from drafter.facts.model import Case
from drafter.problems import Problem
from drafter.templating.environment import FRAGMENT_PREFIX, Sandbox, Trusted, render
from drafter.templating.fragments import Library

_FRAG_MARK = re.compile(FRAGMENT + "[^" + FRAGMENT + "]*" + FRAGMENT)


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside a paragraph are joined."""
    out, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


@dataclass(frozen=True)
class TaskCounts:
    """Counts computed from task status, never typed: 共N项，已完成M项，序时推进K项，滞后L项."""

    total: int
    done: int
    on_track: int
    lagging: int
    unknown: int

    @property
    def open(self) -> int:
        return self.total - self.done


def task_counts(case: Case) -> TaskCounts:
    tasks = [t for s in case.tasks for t in s.items]
    by = {status: sum(1 for t in tasks if t.status == status) for status in ("已完成", "序时推进", "滞后")}
    return TaskCounts(len(tasks), by["已完成"], by["序时推进"], by["滞后"], sum(1 for t in tasks if t.status is None))


@dataclass
class SlotItem:
    """One fragment chosen for a list slot (基本原则, 保障措施): its heading and filled text."""

    id: str
    heading: str
    text: Trusted

    @property
    def title(self) -> str:
        return self.heading


CONTEXT_NAMES = frozenset({
    "case", "org", "meeting", "people", "targets", "achievements", "tasks", "doc", "options", "all_tasks",
    "slot", "fragments", "count", "person", "has_slot", "task_counts", "lagging_tasks", "petitions",
})
"""Every name a skeleton or fragment can use; `drafter fragments check` reads it, a test keeps it true."""


class DocumentContext:
    def __init__(self, case: Case, doc, env: Sandbox, library: Library, locate: Callable[[tuple], Problem]):
        self.case, self.doc, self.env, self.library, self.locate = case, doc, env, library, locate
        self.index = case.documents.index(doc)
        self.vars: dict = {}

    def variables(self) -> dict:
        c = self.case
        self.vars = {
            "case": c, "org": c.org, "meeting": c.meeting, "people": c.people, "targets": c.targets,
            "achievements": c.achievements, "tasks": c.tasks, "doc": self.doc, "options": self.doc.options,
            "all_tasks": [t for s in c.tasks for t in s.items],
            "slot": self.slot, "fragments": self.fragments, "count": self.count, "person": self.person,
            "has_slot": self.has_slot,
            "task_counts": task_counts(c), "lagging_tasks": [t for s in c.tasks for t in s.items if t.status == "滞后"],
            "petitions": c.petitions,
        }
        return self.vars

    # --- helpers exposed to templates -----------------------------------------------------------
    def count(self, name: str) -> Trusted:
        return Trusted(f"{COUNT_OPEN}{PRIVATE.sub('', str(name))}{COUNT_CLOSE}")

    def person(self, pid: str):
        p = self.case.person(pid)
        if p is None:
            raise TemplateError(Problem(f"people 中没有 id 为“{pid}”的人员"))
        return p

    def has_slot(self, name: str) -> bool:
        return bool(self.doc.overrides.get(name) or self.doc.slots.get(name))

    def _ids(self, name: str, default, limit: int = 1) -> list[str]:
        chosen = self.doc.slots.get(name)
        if chosen:
            return list(chosen)
        if default:
            return [default] if isinstance(default, str) else list(default)
        offered = self.library.for_slot(self.doc.kind, name)
        if not offered:
            raise TemplateError(Problem(f"槽位“{name}”没有可用的表述片段，也没有自定义文字"))
        return [f.id for f in offered[:limit]]

    def _fragment(self, fid: str, name: str) -> str:
        if self.library.get(fid) is None:
            where = ("documents", self.index, "slots", name)
            raise TemplateError(self.locate(where, f"表述片段“{fid}”不存在（可用 drafter fragments search 查找）"))
        text = render(self.env, FRAGMENT_PREFIX + fid, self.vars, where=f"片段“{fid}”")
        return PARA_BREAK.join(f"{FRAGMENT}{fid}{FRAGMENT}{p}" for p in paragraphs(text))

    def _override(self, name: str) -> str:
        source = PRIVATE.sub("", self.doc.overrides[name])
        try:
            text = self.env.from_string(source).render(self.vars)
        except Exception as exc:  # noqa: BLE001
            from drafter.templating.environment import _explain

            p = _explain(exc, "<override>", None)
            raise TemplateError(self.locate(("documents", self.index, "overrides", name), p.message)) from None
        return PARA_BREAK.join(paragraphs(text))

    def slot(self, name: str, default=None) -> Trusted:
        if self.doc.overrides.get(name):
            return Trusted(self._override(name))
        return Trusted(PARA_BREAK.join(self._fragment(fid, name) for fid in self._ids(name, default)))

    def fragments(self, name: str, default=(), limit: int = 4) -> list[SlotItem]:
        """Several fragments for a list slot; without a choice, the library's first `limit` offers."""
        items = []
        for fid in self._ids(name, default, limit):
            body = self._fragment(fid, name)
            frag = self.library.get(fid)
            items.append(SlotItem(fid, frag.heading or frag.title, Trusted(body)))
        return items


def fragment_preview(case_file, doc_id: str, fragment_id: str, drafting) -> str:
    """A fragment filled with this case's facts, as plain text, for the TUI's picker."""
    from drafter.cnnum import cn_count
    from drafter.doctree.numbering import COUNT

    doc = case_file.case.document(doc_id)
    lists = drafting.build_one(case_file, doc).lists
    ctx = DocumentContext(case_file.case, doc, drafting.env, drafting.library, case_file.problem)
    ctx.variables()
    frag = drafting.library.get(fragment_id)
    text = ctx._fragment(fragment_id, frag.slot if frag else "")
    text = COUNT.sub(lambda m: cn_count(lists[m.group(1)]) if m.group(1) in lists else "几", text)
    return "\n".join(PRIVATE.sub("", _FRAG_MARK.sub("", p)) for p in text.split(PARA_BREAK))
