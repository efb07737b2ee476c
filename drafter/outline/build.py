"""Build a document tree from a resolved outline: structure first, then text, then numbers.

Structure travels as structure: parts become blocks directly, and no output is ever parsed back, so
nothing a fact, fragment or own text prints can become a heading, a list, a count or a marker. Text
(fragments and own text, both sandboxed Jinja) is rendered only after the structure is complete, so
count('points') reads the real number of points wherever it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.charsafe import strip_unsafe
from drafter.cnnum import cn_count
from drafter.doctree import nodes as n
from drafter.errors import DrafterError, TemplateError
from drafter.outline import facts_blocks, frame
from drafter.outline.parts import FRAME
from drafter.outline.tree import Node
from drafter.problems import Problem
from drafter.templating.context import OwnText, TextContext, paragraphs


def clean(text: str) -> str:
    """No control, bidi, zero-width, private-use or non-XML character reaches any output (see drafter.charsafe)."""
    return strip_unsafe(text)


@dataclass
class Lazy:
    """Text rendered once the structure is known: a function giving paragraphs, and where it was written."""

    render: Callable[[], list[str]]
    node: Node
    fragment: str | None = None


@dataclass
class Attach(n.Paragraph):
    """Paragraphs whose first one runs in after a heading: （一）指导思想。以……"""

    heading: n.Heading | None = field(default=None, kw_only=True)


class Builder:
    """One document of a case, from its outline nodes to a numbered `doctree.Document`."""

    def __init__(self, texts: TextContext, kind, nodes: list[Node], resolver=None):
        self.t = texts
        self.resolver = resolver
        self.kind = kind
        self.doc = texts.doc
        self.nodes = nodes
        self.blocks: list[n.Block] = []
        self.meta: dict[str, str] = {}
        self.lists: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._written: dict[tuple[int, str | None], tuple[Node, n.Origin]] = {}   # node kept so its id stays its

    # --- helpers for the part builders ------------------------------------------------------------
    def origin(self, node: Node, fragment: str | None = None) -> n.Origin:
        """Where the node was written; made once per node and fragment (a facts block gives every task its
        node's), and shared: an Origin is frozen."""
        written = self._written.get((id(node), fragment))
        if written is None:
            p = node.locate("")
            written = self._written[id(node), fragment] = (node, n.Origin(p.file or "", p.line or 0, fragment))
        return written[1]

    def fail(self, node: Node, message: str) -> None:
        self.problems.append(node.locate(message))

    def need(self, node: Node, value, message: str):
        """A fact this part cannot do without: missing is a located problem, never a default."""
        if value is None or value == [] or value == "":
            self.fail(node, message)
        return value

    def count_in(self, name: str, k: int = 1) -> None:
        self.lists[name] = self.lists.get(name, 0) + k

    def add(self, block: n.Block) -> n.Block:
        self.blocks.append(block)
        return block

    def _at_override(self, node: Node, text: OwnText) -> Node:
        """Own text from `overrides`: its problems point at the override's line, not at the part it fills."""
        if text.override is None or self.resolver is None:
            return node
        return Node(node.part, self.resolver.at(("overrides", text.override)), node.children)

    def own(self, node: Node, source: str) -> Lazy:
        return Lazy(lambda: self.t.own(source), node)

    def fragment(self, node: Node, fid: str, person: str | None = None) -> Lazy:
        return Lazy(lambda: self.t.fragment(fid, person), node, fid)

    def para(self, node: Node, lazy: Lazy, attach: n.Heading | None = None) -> None:
        self.add(Attach(lazy, heading=attach, origin=self.origin(node, lazy.fragment)))

    # --- structure ----------------------------------------------------------------------------------
    def build(self) -> n.Document:
        self.parts(self.nodes, 0)
        self.t.lists = self.resolve_counts()
        self.resolve_text()
        if self.problems:
            raise TemplateError(self.problems)
        tree = n.Document(self.doc.id, self.doc.kind, self.blocks, self.meta, options=self.t.options_dump())
        tree.lists = dict(self.lists)
        return tree

    def parts(self, nodes: list[Node], level: int, heading: n.Heading | None = None) -> None:
        for i, node in enumerate(nodes):
            if node.part.when is not None and not self.t.when(node.part.when, node.locate):
                self.t.skipped(node)   # its slot choices wait for the fact; they are not unused
                continue
            self.part(node, level, heading if i == 0 else None)

    def part(self, node: Node, level: int, runin_of: n.Heading | None) -> None:
        start = len(self.blocks)
        self._part(node, level, runin_of)
        if node.part.joined and len(self.blocks) > start:
            self.blocks[start].joined = True

    def _part(self, node: Node, level: int, runin_of: n.Heading | None) -> None:
        p = node.part
        kind = p.kind
        try:
            if kind == "heading":
                self.heading(node, level)
            elif kind == "text":
                self.para(node, self.own(node, p.text), runin_of)
            elif kind == "fragment":
                for fid in p.fragment:
                    self.para(node, self.fragment(node, fid, p.person), runin_of)
                    runin_of = None
            elif kind == "slot":
                self.slot(node, level, runin_of)
            elif kind == "enum":
                self.enum(node)
            elif kind == "facts":
                facts_blocks.build(self, node, level)
            elif kind == "pagebreak":
                self.add(n.PageBreak(origin=self.origin(node)))
            elif kind in FRAME:
                frame.build(self, node, kind)
        except DrafterError as exc:
            self.problems += [pr if pr.file else node.locate(pr.message) for pr in exc.problems]

    def heading(self, node: Node, level: int, text: str | None = None, runin: bool | None = None,
                name: str | None = None) -> n.Heading:
        p = node.part
        lvl = p.level or level + 1
        if lvl > 4:
            self.fail(node, "标题最多四级（一、（一）1.（1））")
            lvl = 4
        h = n.Heading(lvl, self.own(node, text if text is not None else p.heading),
                      runin=bool(p.runin if runin is None else runin), list_name=name or p.name or "",
                      numbered=p.numbered is not False, origin=self.origin(node))
        self.add(h)
        if h.numbered:
            self.count_in(h.list_name or f"h{lvl}")
            if h.list_name:
                self.count_in(f"h{lvl}")
        self.parts(node.children, lvl, h if h.runin else None)
        return h

    def slot(self, node: Node, level: int, runin_of: n.Heading | None) -> None:
        p = node.part
        choice = self.t.choose(p.slot, p.fragment, p.text, node, many=p.each is not None)
        if p.each == "heading":
            for fid in choice:
                frag = self.t.library.get(fid)
                h = n.Heading(level + 1, frag.heading or frag.title, runin=True, origin=self.origin(node, fid))
                self.add(h)
                self.count_in(f"h{level + 1}")
                self.para(node, self.fragment(node, fid, p.person), h)
            return
        if p.each == "item":
            self.enum(node, fragments=choice)
            return
        for c in choice:
            lazy = self.own(self._at_override(node, c), str(c)) if isinstance(c, OwnText) else self.fragment(node, c, p.person)
            self.para(node, lazy, runin_of)
            runin_of = None

    def enum(self, node: Node, fragments: list[str] | None = None, items=None, style: str | None = None,
             inline: bool | None = None, name: str | None = None) -> n.Enumeration:
        p = node.part
        style = style or p.enum or p.style or self.t.default_enum_style()
        e = n.Enumeration(style, [], inline=bool(p.inline if inline is None else inline), list_name=name or p.name or "",
                          origin=self.origin(node))
        if fragments is None and p.slot and p.kind == "enum":
            fragments = self.t.choose(p.slot, p.fragment, None, node, many=True)
        for fid in fragments or []:
            frag = self.t.library.get(fid)
            lead = frag.heading or ""
            e.items.append(Lazy(lambda lead=lead, fid=fid: _lead(lead, self.t.fragment(fid)), node, fid))
        for item in (items if items is not None else p.items or []):
            e.items.append(self.item(node, item))
        self.add(e)
        if e.list_name:
            self.count_in(e.list_name, len(e.items))
        if not e.items:
            self.fail(node, "列举没有任何一项：请填写 items，或删去这一部分")
        return e

    def item(self, node: Node, item) -> Lazy:
        """An enumeration item: its lead, its text (several paragraphs allowed); parts after it follow."""
        if isinstance(item, Lazy):
            return item
        if isinstance(item, str):
            return self.own(node, item) if "{" in item else Lazy(lambda: paragraphs(item), node)
        title, text = item.title, item.text

        def render() -> list[str]:
            paras = self.t.own(text) if text else []
            return _lead(self.t.own(title)[0] if title else "", paras)
        return Lazy(render, node)

    def point_nodes(self, node: Node, index: int, parts) -> list[Node]:
        """A speech point's own parts, which may pull default parts (review, thanks) into the point."""
        nodes = self.resolver.parts(parts, ("points", index, "parts"))
        self.problems += self.resolver.problems
        self.resolver.problems = []
        return nodes

    # --- counts and text ----------------------------------------------------------------------------
    def resolve_counts(self) -> dict[str, int]:
        lists = dict(self.lists)
        for alias, target in self.kind.count_aliases.items():
            if alias not in lists and target in lists:
                lists[alias] = lists[target]
        return lists

    def resolve_text(self) -> None:
        out: list[n.Block] = []
        for block in self.blocks:
            try:
                if isinstance(block, Attach):
                    paras = self.run(block.text)
                    if block.heading is not None and paras:
                        block.heading.body = paras.pop(0)
                    made = [n.Paragraph(p, origin=block.origin) for p in paras]
                    if made and block.joined:
                        made[0].joined = True
                    out += made
                    continue
                if isinstance(block, n.Enumeration):
                    texts = [self.run(i) if isinstance(i, Lazy) else [i] for i in block.items]
                    block.items = [t[0] if t else "" for t in texts]
                    block.tails = [t[1:] for t in texts]
                    if block.inline and any(block.tails):
                        self.problems.append(Problem("一段之内的列举（inline）每项只能有一段文字", file=block.origin.template,
                                                     line=block.origin.line))
                for attr in ("text", "body"):
                    value = getattr(block, attr, None)
                    if isinstance(value, Lazy):
                        setattr(block, attr, "".join(self.run(value)))
                    elif isinstance(value, str):
                        setattr(block, attr, clean(value))
                if isinstance(block, n.Table):
                    block.rows = [[clean(c) for c in row] for row in block.rows]
                out.append(block)
            except DrafterError as exc:
                self.problems += exc.problems
        self.blocks = out
        self.meta = {k: clean(v) for k, v in self.meta.items()}

    def run(self, lazy: Lazy) -> list[str]:
        try:
            return [p for p in map(clean, lazy.render()) if p.strip()]
        except DrafterError as exc:
            raise DrafterError([pr if pr.file else lazy.node.locate(pr.message) for pr in exc.problems]) from None


def merge_joined(doc: n.Document) -> None:
    """Parts marked `joined` continue the paragraph before them (a lead sentence and an inline list).

    Run after numbering, so an enumeration's labels are already in its text.
    """
    out: list[n.Block] = []
    problems = []
    for block in doc.blocks:
        if block.joined:
            prev = out[-1] if out else None
            if isinstance(prev, n.Enumeration) and prev.inline:
                prev = out[-1] = n.Paragraph(prev.paragraphs()[0], origin=prev.origin)
            if not isinstance(prev, n.Paragraph):
                o = block.origin
                problems.append(Problem("joined：前面没有可以接续的段落", file=o and o.template, line=o and o.line))
            elif isinstance(block, (n.Paragraph, n.Enumeration)):
                paras = [block.text] if isinstance(block, n.Paragraph) else block.paragraphs()
                out[-1] = n.Paragraph(prev.text + paras[0], origin=prev.origin)
                out += [n.Paragraph(p, origin=block.origin) for p in paras[1:]]
                continue
        out.append(block)
    if problems:
        raise TemplateError(problems)
    doc.blocks = out


def _lead(lead: str, paras: list[str]) -> list[str]:
    """“提高站位。” + first paragraph: a lead and its text share the item's first line."""
    if not lead:
        return paras
    lead = lead if lead[-1] in "。：；！？，" else lead + "。"
    return [lead + (paras[0] if paras else "")] + paras[1:]


def cn_counted(lists: dict[str, int], name: str) -> str:
    if name not in lists:
        raise TemplateError(Problem(f"count('{name}') 找不到名为“{name}”的列表（有：{'、'.join(sorted(lists)) or '无'}）"))
    return cn_count(lists[name])
