"""What fragments and own text see: the case's facts plus count() and person(); and the slot choices.

A slot is filled, in order of preference, by the part's own choice (fragment or text), the case's
override, the fragment(s) the case chose for that slot, or the first fragment the library offers.
Which document fields, slots and options a document actually used is recorded here, so a key that
has no effect is reported instead of silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import StrictUndefined, meta
from jinja2.exceptions import TemplateSyntaxError

from drafter.cnnum import cn_count
from drafter.errors import TemplateError
from drafter.facts import types
from drafter.facts.model import Case, DocumentBase, Meeting, Org
from drafter.problems import Problem
from drafter.templating.environment import FRAGMENT_PREFIX, MAX_OUTPUT, Sandbox, explain, reading, render
from drafter.templating.fragments import Library

FRAGMENT_ID = re.compile(types.FRAGMENT_ID)   # the pattern a fragment file's ids are checked against

PERSON_FIELD = {"speech": "speaker", "host": "host", "news": "leader"}
"""The document field that names whose words a fragment reports, per kind."""


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside a paragraph are joined."""
    text = text.strip("\n")   # a fragment's output starts with the blank lines that align it with its YAML file
    if "\n" not in text:      # most own text and facts: one line
        line = text.strip()
        return [line] if line else []
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


class OwnText(str):
    """A slot filled with the case's own words instead of a fragment; `override` names the slot when the words
    come from the document's `overrides`, so a problem in them points at that line."""

    override: str | None = None


def _override(text: str, slot: str) -> OwnText:
    own = OwnText(text)
    own.override = slot
    return own


@dataclass(frozen=True)
class TaskCounts:
    """Counts computed from task status, or declared totals: 共N项，已完成M项，序时推进K项，滞后L项."""

    total: int
    done: int
    on_track: int
    lagging: int
    unknown: int

    @property
    def open(self) -> int:
        return self.total - self.done


def task_counts(case: Case) -> TaskCounts:
    if case.task_totals is not None:
        t = case.task_totals
        return TaskCounts(t.total, t.done, t.total - t.done - t.lagging, t.lagging, 0)
    tasks = [t for s in case.tasks for t in s.items]
    by = {status: sum(1 for t in tasks if t.status == status) for status in ("已完成", "序时推进", "滞后")}
    return TaskCounts(len(tasks), by["已完成"], by["序时推进"], by["滞后"], sum(1 for t in tasks if t.status is None))


CONTEXT_NAMES = frozenset({
    "case", "org", "meeting", "people", "targets", "achievements", "tasks", "doc", "options", "all_tasks",
    "count", "person", "task_counts", "lagging_tasks", "petitions",
})
"""Every name a fragment or own text can use; `drafter fragments check` reads it, a test keeps it true."""

CONDITIONS = ("targets", "achievements", "tasks", "petitions", "people", "task_totals", "lagging_tasks")
"""Facts a part's `when:` can name (besides meeting.*, org.*, options.* and the document's own fields)."""

ALWAYS_USED = {"id", "kind", "options", "slots", "overrides", "outline"}

NAME_READS = {
    "targets": ("targets",), "achievements": ("achievements",), "tasks": ("tasks",), "all_tasks": ("tasks",),
    "lagging_tasks": ("tasks",), "task_counts": ("tasks", "task_totals"), "petitions": ("petitions",),
    "people": ("people",), "case": ("*",),
}
"""Case facts a template reads by naming a variable (meeting.* and org.* are recorded per field)."""


class TextContext:
    """One document's facts for Jinja, its slot choices, and the record of what it used."""

    def __init__(self, case: Case, doc, env: Sandbox, library: Library, kind):
        self.case, self.doc, self.env, self.library, self.kind = case, doc, env, library, kind
        self.lists: dict[str, int] = {}
        self.used_fields: set[str] = set()
        self.used_slots: set[tuple[str, str]] = set()
        self.used_options: set[str] = {"fonts", "page_numbers", "reading_copy", "mirror_margins"}
        self.slots_seen: set[str] = set()
        self.case_reads: set[str] = set()   # meeting.place, org.code, targets, people.li …
        c = case
        meeting = c.meeting if c.meeting is not None else env.undefined(
            hint="案卷中没有填写会议（meeting）：请补充，或改用不涉及会议的表述", name="meeting")
        org = c.org if c.org is not None else env.undefined(
            hint="案卷中没有填写发文机关（org）：请补充，或改用不涉及机关的表述", name="org")
        self.vars = {
            "case": c, "org": org, "meeting": meeting, "people": c.people, "targets": c.targets,
            "achievements": c.achievements, "tasks": c.tasks, "doc": doc, "options": doc.options,
            "all_tasks": [t for s in c.tasks for t in s.items], "count": self.count, "person": self.person,
            "task_counts": task_counts(c), "lagging_tasks": [t for s in c.tasks for t in s.items if t.status == "滞后"],
            "petitions": c.petitions,
        }

    # --- what the document used -------------------------------------------------------------------
    def note(self, obj, attr: str) -> None:
        """A field read by a template (through the sandbox) or by the builder."""
        if isinstance(obj, DocumentBase):
            self.used_fields.add(attr)
        elif isinstance(obj, Meeting):
            self.case_reads.add(f"meeting.{attr}")
        elif isinstance(obj, Org):
            self.case_reads.add(f"org.{attr}")

    def read(self, *keys: str) -> None:
        self.case_reads.update(keys)

    def _note_names(self, key: str, source: str, fragment: bool = False) -> None:
        def parse() -> frozenset[str]:
            try:
                return frozenset(meta.find_undeclared_variables(self.env.parse(source)))
            except TemplateSyntaxError:   # rendering reports it, located
                return frozenset()

        def stored() -> frozenset[str]:
            """A fragment's names kept in the cache by its text, as its compiled code is: parsing each fragment
            the first time a command used it cost more than rendering it. Own text changes with every edit and
            is never stored."""
            import jinja2

            from drafter import cache

            return cache.memo("jinja-names", f"jinja2 {jinja2.__version__}\n{source}", parse)

        for name in self.env.memo(self.env.names_read, key, stored if fragment else parse):
            self.case_reads.update(NAME_READS.get(name, ()))

    def field(self, name: str):
        if name not in type(self.doc).model_fields:
            raise TemplateError(Problem(f"{self.kind.name}没有“{name}”这一项：请改用 enum 写出各项，或用 text 写自己的文字"))
        self.used_fields.add(name)
        return getattr(self.doc, name)

    def skipped(self, node) -> None:
        """A part left out by its `when`: its slots count as seen, and the case's choices for them as used."""
        stack = [node]
        while stack:
            current = stack.pop()
            slot = current.part.slot
            if slot:
                self.slots_seen.add(slot)
                self.used_slots |= {("slots", slot), ("overrides", slot)}
            stack += current.children

    def option(self, name: str):
        self.used_options.add(name)
        return getattr(self.doc.options, name)

    def default_enum_style(self) -> str:
        return self.option("enum_style")

    def options_dump(self) -> dict:
        return self.doc.options.model_dump()

    # --- helpers exposed to Jinja ---------------------------------------------------------------------
    def count(self, name: str) -> str:
        name = str(name)
        if name not in self.lists:
            have = "、".join(sorted(k for k in self.lists if not k.startswith("h"))) or "无"
            raise TemplateError(Problem(f"count('{name}') 找不到名为“{name}”的列表（本文档有：{have}）"))
        return cn_count(self.lists[name])

    def person(self, pid):
        p = self.case.person(pid) if isinstance(pid, str) else None
        if p is not None:
            self.case_reads.add(f"people.{pid}")
        if p is None:
            raise TemplateError(Problem(f"people 中没有 id 为“{pid}”的人员" if pid else "这段表述需要一位人员，但文档没有指定"))
        return p

    # --- text ---------------------------------------------------------------------------------------
    def _render(self, name_or_source: str, fragment: bool, variables: dict) -> str:
        with reading(self):
            if fragment:
                self._note_names(name_or_source, self.library.get(name_or_source).text, fragment=True)
                return render(self.env, FRAGMENT_PREFIX + name_or_source, variables, where=f"片段“{name_or_source}”")
            try:
                self._note_names(name_or_source, name_or_source)
                tmpl = self.env.memo(self.env.own_templates, name_or_source, lambda: self.env.from_string(name_or_source))
                return tmpl.render(variables)
            except TemplateError:
                raise
            except Exception as exc:  # noqa: BLE001 - every failure reaches the user in Chinese
                p = explain(exc, "", None)
                raise TemplateError(Problem(p.message)) from None

    def own(self, source: str) -> list[str]:
        """Own text: plain words, or sandboxed Jinja when it uses the facts ({{ meeting.name }})."""
        if "{" not in source:
            return paragraphs(source)
        return paragraphs(self._render(source, False, self.vars))

    def fragment(self, fid: str, person: str | None = None) -> list[str]:
        frag = self.library.get(fid)
        if frag is None:
            raise TemplateError(Problem(f"表述片段“{fid}”不存在（可用 drafter fragments search 查找）"))
        variables = self.vars
        if person is not None:
            pfield = PERSON_FIELD.get(self.doc.kind)
            if pfield is None:
                raise TemplateError(Problem(f"{self.kind.name}的表述片段不引用人员，person 不起作用"))
            self.person(person)
            variables = {**self.vars, "doc": self.doc.model_copy(update={pfield: person})}
        if "{" not in frag.text and "\r" not in frag.text and frag.line + len(frag.text) <= MAX_OUTPUT:
            # plain words (most fragments): Jinja would give back its source (the line-aligning newlines and the
            # text; it rewrites only \r) unchanged, reading no fact, and its render machinery cost more than
            # drafting their paragraphs
            return paragraphs(frag.text)
        return paragraphs(self._render(fid, True, variables))

    def choose(self, slot: str, fragment_ids: list[str] | None, text: str | None, node, many: bool) -> list:
        """Fragment ids (or one OwnText) for a slot part, by the order of preference above."""
        self.slots_seen.add(slot)
        if text is not None:
            return [OwnText(text)]
        if fragment_ids:
            return self._existing(fragment_ids, slot)
        if self.doc.overrides.get(slot):   # own text wins; a fragment chosen too is where it started from
            self.used_slots |= {("overrides", slot), ("slots", slot)}
            return [_override(self.doc.overrides[slot], slot)]
        if slot in self.doc.slots:
            self.used_slots.add(("slots", slot))
            chosen = list(self.doc.slots[slot])
            if not chosen:
                raise TemplateError(Problem(f"槽位“{slot}”没有选择任何片段：不需要这一部分时，请在 outline 中删去它"))
            return self._existing(chosen, slot)
        offered = self.library.for_slot(self.doc.kind, slot)
        if not offered:
            raise TemplateError(Problem(f"槽位“{slot}”没有可用的表述片段，也没有自定义文字"))
        limit = (3 if slot == "requirements" else 4) if many else 1
        return [f.id for f in offered[:limit]]

    def _existing(self, ids: list[str], slot: str) -> list[str]:
        for fid in ids:
            if self.library.get(fid) is None and not FRAGMENT_ID.match(fid):
                raise TemplateError(Problem(f"“{fid[:20]}”不是片段 id：自己的文字请写在 overrides 中（overrides: {{{slot}: ……}}），"
                                            "或写在提纲的 text 部分"))
            if self.library.get(fid) is None:
                hits = [f.id for f in self.library.for_slot(self.doc.kind, slot)][:5]
                hint = f"（该槽位可用：{'、'.join(hits)}）" if hits else ""
                raise TemplateError(Problem(f"表述片段“{fid}”不存在{hint}"))
        return ids

    # --- conditions ---------------------------------------------------------------------------------
    def when(self, expr: str, locate) -> bool:
        head, _, rest = expr.partition(".")
        roots = {"meeting": self.case.meeting, "org": self.case.org, "options": self.doc.options}
        if head in roots:
            obj = roots[head]
            for attr in rest.split(".") if rest else []:
                if obj is None:
                    return False
                if attr not in type(obj).model_fields:
                    raise TemplateError(locate(f"条件“{expr}”中没有字段“{attr}”"))
                if head == "options":
                    self.used_options.add(attr)
                obj = getattr(obj, attr)
            return bool(obj)
        if head == "lagging_tasks":
            return bool(self.vars["lagging_tasks"])
        if head in CONDITIONS and not rest:
            return bool(getattr(self.case, head))
        if head in type(self.doc).model_fields and not rest:
            return bool(self.field(head))
        known = "、".join(CONDITIONS + ("meeting.…", "org.…", "options.…"))
        raise TemplateError(locate(f"未知的条件“{expr}”（可用：{known}，或本文档的字段）"))


def fragment_preview(case_file, doc_id: str, fragment_id: str, drafting) -> str:
    """A fragment filled with this case's facts, as plain text, for the TUI's picker."""
    doc = case_file.case.document(doc_id)
    tree = drafting.build_one(case_file, doc)
    ctx = drafting.text_context(case_file, doc)
    ctx.lists = dict(tree.lists)
    return "\n".join(ctx.fragment(fragment_id))


__all__ = ["CONTEXT_NAMES", "OwnText", "TextContext", "StrictUndefined", "explain", "paragraphs", "task_counts"]
