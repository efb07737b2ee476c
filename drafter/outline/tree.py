"""Resolve a document's outline: the kind's default outline, changed by what the case writes.

A kind's default outline lives in `outlines/<kind>.yaml` (layered like fragments: bundled → team →
user). A case either writes a whole outline — a list whose bare strings pull parts of the default by
id — or edits (remove, rename, before, after, replace). Every part remembers where it was written,
so a problem in it points at that file and line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from drafter.errors import CaseError, TemplateError
from drafter.outline.parts import FRAME, OutlineEdits, Part, PartField
from drafter.problems import Problem, closest
from drafter.resources import bundled, layers, library_file
from drafter.typed import BaseModel, ValidationError
from drafter.yamlsource import load_library_yaml, read_text

Locate = Callable[[str], Problem]


@dataclass
class Node:
    """A part in a resolved outline, with where it was written and its resolved children."""

    part: Part
    locate: Locate
    children: list[Node] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return default_id(self.part)


def default_id(p: Part) -> str | None:
    """A part's id: written, or the slot, facts block or frame element it stands for."""
    if p.id:
        return p.id
    kind = p.kind
    if kind == "slot" and p.each is None:
        return p.slot
    if kind == "slot":
        return p.slot
    if kind == "facts":
        return p.facts
    if kind in FRAME:
        return kind
    if kind == "ref":
        return p.ref
    return None


class _OutlineFile(BaseModel):
    parts: list[PartField]


@dataclass(frozen=True)
class DefaultOutline:
    """A kind's default outline, resolved into nodes that know where they were written."""

    kind: str
    nodes: tuple[Node, ...]
    file: str
    _by_id: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)

    def index(self) -> Mapping[str, Node]:
        """Parts by id (the first of each id), read-only: walked once per outline file, not once per draft."""
        out = self._by_id

        def walk(nodes):
            for node in nodes:
                if node.id and node.id not in out:
                    out[node.id] = node
                walk(node.children)
        if not out:
            walk(self.nodes)
        return MappingProxyType(out)

    def slots(self) -> list[tuple[str, bool]]:
        """(slot, takes several fragments) in outline order, for the TUI's slot list."""
        return slots_in(self.nodes)


def slots_in(nodes) -> list[tuple[str, bool]]:
    """The slots an outline's parts fill, in order: (slot, takes several fragments)."""
    seen: dict[str, bool] = {}

    def walk(nodes):
        for node in nodes:
            p = node.part
            if p.slot:
                seen.setdefault(p.slot, p.kind == "enum" or p.each is not None)
            elif p.facts == "requirements":   # without the document's own, standard phrasing fills it
                seen.setdefault("requirements", True)
            walk(node.children)
    walk(nodes)
    return list(seen.items())


def outline_slots(kind: str, cf=None, index: int | None = None) -> list[tuple[str, bool]]:
    """The slots of a kind's default outline, or of one document's own outline when the case is given."""
    default = load_default(kind)
    if cf is None or index is None:
        return default.slots()
    doc = cf.case.documents[index]
    try:
        nodes = resolve(default, doc.outline, cf.problem, ("documents", index))
    except CaseError:
        return default.slots()
    r = _Resolver(default, cf.problem, ("documents", index))
    inside = [n for i, point in enumerate(getattr(doc, "points", [])) for n in r.parts(point.parts, ("points", i, "parts"))]
    at = next((i + 1 for i, n in enumerate(nodes) if n.part.facts == "points"), len(nodes))
    return slots_in(nodes[:at] + inside + nodes[at:])    # a point's own parts may hold slots too, in reading order


def outline_path(kind: str) -> Path | None:
    for folder in reversed(layers("outlines")):   # the highest layer that has it wins
        path = os.path.join(folder, f"{kind}.yaml")
        if os.path.isfile(path) or os.path.islink(path):
            # drafter's own outlines are as trusted as its code; a team's or a user's folder, or a link, is checked
            trusted = folder == bundled("outlines") and not os.path.islink(path)
            return Path(path) if trusted else library_file(Path(path), folder)
    return None


def load_default(kind: str) -> DefaultOutline:
    path = outline_path(kind)
    if path is None:
        raise TemplateError(Problem(f"找不到文种“{kind}”的默认提纲（outlines/{kind}.yaml）"))
    return _load_default(kind, str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _load_default(kind: str, file: str, _mtime: int) -> DefaultOutline:
    from drafter.facts.load import translate

    located = load_library_yaml(read_text(Path(file), file), file)
    try:
        parsed = _OutlineFile.model_validate(located.data)
    except ValidationError as exc:
        raise TemplateError(translate(exc, located, root=_OutlineFile)) from None

    def here(path):
        line = located.line_of(path)
        return lambda message: Problem(message, file=file, line=line)

    def build(parts, path):
        out = []
        for i, p in enumerate(parts):
            if p.kind == "ref":   # in a default outline, `- title` is the frame element itself
                if p.ref not in FRAME:
                    raise TemplateError(here(path + (i,))(f"“{p.ref}”不是版面项目（可用：{'、'.join(FRAME)}）"))
                p = Part(**{p.ref: True}, when=p.when)
            out.append(Node(p, here(path + (i,)), build(p.parts or [], path + (i, "parts"))))
        return out

    outline = DefaultOutline(kind, tuple(build(parsed.parts, ("parts",))), file)
    seen: set[str] = set()
    problems = []

    def check(nodes):
        for node in nodes:
            if node.id in seen and node.part.id:   # an implicit id (a slot inside its own section) may repeat
                problems.append(node.locate(f"默认提纲中的 id“{node.id}”重复"))
            if node.id:
                seen.add(node.id)
            check(node.children)
    check(outline.nodes)
    if problems:
        raise TemplateError(problems)
    return outline


# --- applying a case's outline ------------------------------------------------------------------


class _Resolver:
    def __init__(self, default: DefaultOutline, locate_case: Callable[[tuple, str], Problem], base: tuple):
        self.default = default
        self.by_id = default.index()
        self.locate_case = locate_case
        self.base = base
        self.problems: list[Problem] = []
        self.bundled = Path(default.file).parent == bundled("outlines")

    def adopt(self, node: Node) -> Node:
        """A default part placed in this document: its problems point at the document in the case file."""
        label = node.id or FRAME.get(node.part.kind, node.part.kind)

        def locate(message: str) -> Problem:
            # a library's own outline is named too, so its owner can be told what to fix
            written = node.locate("")
            src = "" if self.bundled else f"（{written.file}:{written.line}）"
            return self.locate_case(self.base, f"提纲部分“{label}”{src}：{message}")
        return Node(node.part, locate, [self.adopt(c) for c in node.children])

    def at(self, path: tuple) -> Locate:
        return lambda message: self.locate_case(self.base + path, message)

    def unknown(self, ref: str, path: tuple) -> None:
        ids = sorted(self.by_id)
        close = closest(ref, ids)
        hint = f"，是否想写“{close}”？" if close else f"（默认提纲中有：{'、'.join(ids)}）"
        self.problems.append(self.locate_case(self.base + path, f"默认提纲中没有 id 为“{ref}”的部分{hint}"))

    def parts(self, parts: list[Part], path: tuple) -> list[Node]:
        out = []
        for i, p in enumerate(parts):
            node = self.part(p, path + (i,))
            if node is not None:
                out.append(node)
        return out

    def part(self, p: Part, path: tuple) -> Node | None:
        kind = p.kind
        if kind == "ref":
            base = self.by_id.get(p.ref)
            if base is None:
                if p.ref in FRAME:
                    return Node(Part(**{p.ref: True}, when=p.when), self.at(path))
                self.unknown(p.ref, path)
                return None
            # named by the case, the part is wanted: the default's condition gives way to the case's own
            return replace(self.adopt(base), part=base.part.model_copy(update={"when": p.when}))
        if kind == "use":
            base = self.by_id.get(p.use)
            if base is None:
                self.unknown(p.use, path + ("use",))
                return None
            changes = {k: getattr(p, k) for k in p.model_fields_set if k not in ("use", "parts")}
            bp = base.part
            if "text" in changes and bp.kind in FRAME:      # use: title, text: ……
                changes[bp.kind] = changes.pop("text")
            if "heading" in changes and bp.kind != "heading":
                self.problems.append(self.at(path + ("heading",))(f"“{p.use}”不是标题，不能改名"))
                return None
            merged = bp.model_copy(update=changes)
            children = self.parts(p.parts, path + ("parts",)) if p.parts is not None else self.adopt(base).children
            return Node(merged, self.at(path), children)
        return Node(p, self.at(path), self.parts(p.parts or [], path + ("parts",)))

    def edits(self, e: OutlineEdits) -> list[Node]:
        used: set[str] = set()

        def walk(nodes: list[Node]) -> list[Node]:
            out = []
            for node in nodes:
                # an id names one part: a slot inside its own section (goals in 工作目标) is not a second target
                nid = node.id if self.by_id.get(node.id) is node else None
                if nid in e.before:
                    used.add(nid)
                    out += self.parts(e.before[nid], ("outline", "before", nid))
                if nid in e.replace:
                    used.add(nid)
                    out += self.parts(e.replace[nid], ("outline", "replace", nid))
                elif nid in e.remove:
                    used.add(nid)
                else:
                    part = node.part
                    if nid in e.rename:
                        used.add(nid)
                        key = "heading" if part.kind == "heading" else part.kind if part.kind in FRAME else None
                        if key is None:
                            self.problems.append(self.at(("outline", "rename", nid))(f"“{nid}”不是标题，不能改名"))
                        else:
                            part = part.model_copy(update={key: e.rename[nid]})
                    out.append(Node(part, self.adopt(node).locate, walk(node.children)))
                if nid in e.after:
                    used.add(nid)
                    out += self.parts(e.after[nid], ("outline", "after", nid))
            return out

        nodes = walk(list(self.default.nodes))
        for key in ("remove", "rename", "before", "after", "replace"):
            names = getattr(e, key)
            for i, nid in enumerate(names):
                if nid not in used:
                    self.unknown(nid, ("outline", key, i) if isinstance(names, list) else ("outline", key, nid))
        return nodes


def resolve(default: DefaultOutline, outline, locate_case: Callable[[tuple, str], Problem], base: tuple) -> list[Node]:
    """The document's outline as nodes: the default, a case's whole outline, or the default with edits."""
    r = _Resolver(default, locate_case, base)
    if outline is None:
        nodes = [r.adopt(n) for n in default.nodes]
    elif isinstance(outline, OutlineEdits):
        nodes = r.edits(outline)
    else:
        nodes = r.parts(outline, ("outline",))
    if r.problems:
        raise CaseError(r.problems)
    return nodes


def materialize(kind: str, outline) -> list[dict]:
    """A document's outline written out in full (default and edits applied), as plain case data.

    The TUI edits structure on this form: moving, indenting or deleting a part of the default is then
    an edit of a plain list, and what it writes back is an outline a secretary can read."""
    from drafter.outline.parts import Outline
    from drafter.typed import TypeAdapter

    parsed = None if outline is None else TypeAdapter(Outline).validate_python(outline)
    nodes = resolve(load_default(kind), parsed, lambda path, message: Problem(message), ("documents", 0))

    def dump(node: Node) -> dict:
        fields = node.part.model_dump(exclude_none=True, exclude={"parts"})
        kind = node.part.kind
        out = {kind: fields.pop(kind)} if kind in fields else {}   # the type key first, as a person writes it
        out.update(fields)
        if node.children or node.part.kind == "heading":
            out["parts"] = [dump(c) for c in node.children]
        return out
    return [dump(n) for n in nodes]
