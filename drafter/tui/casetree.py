"""The case as a tree a secretary can read: facts, people, tasks, and each document with its outline.

Each tree node carries the path of what it shows in the case data, so the form beside it, the
problem list and undo all speak of the same place. Big lists are filled when opened, so a case with
thousands of tasks opens as fast as a small one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from drafter.kinds import KINDS
from drafter.tui import schema as S
from drafter.tui.i18n import _

CN_NUM = "一二三四五六七八九十"


@dataclass
class NodeInfo:
    """What a tree node shows: a mapping (`form`), a list (`list`) or a document's outline (`outline`)."""

    kind: str                  # form | list | outline | part | root
    path: tuple                # where it lives in the case data
    model: Any = None          # the model of a form, or of a list's elements
    label: str = ""
    lazy: bool = False         # children not yet added

    @property
    def in_list(self) -> bool:
        return bool(self.path) and isinstance(self.path[-1], int)


def _cn(i: int) -> str:
    return CN_NUM[i] if i < len(CN_NUM) else str(i + 1)


def row_label(model, row: Any, index: int) -> str:
    """A list element's line in the tree, from its own words (a task's title, a person's name …)."""
    if not isinstance(row, dict):
        return S._short(row) or _("(empty)")
    name = model.__name__ if model is not None else ""
    if name == "Person":
        return f"{row.get('name') or '？'}　{S._short(row.get('title'), 12)}"
    if name == "Part":
        return S.part_label(row)
    if name in ("SpeechDoc", "NoticeDoc", "HostDoc", "ReportDoc", "NewsDoc"):
        kind = KINDS.get(row.get("kind"))
        title = row.get("title") or row.get("plan_title") or row.get("subject") or ""
        return f"{kind.name if kind else row.get('kind')}" + (f"：{S._short(title, 14)}" if title else "")
    if name == "Point":
        return f"{_cn(index)}、{S._short(row.get('title'), 18)}"
    for key in ("title", "section", "metric", "item", "text", "name"):
        if row.get(key):
            return S._short(row.get(key), 22)
    return _("(new, not filled)")


LAZY_OVER = 40


class CaseTree(Tree):
    """The case's structure; keys add, delete, move and indent the selected part."""

    BINDINGS = [
        Binding("a,insert", "screen.add", _("Add"), show=True),
        Binding("delete,x", "screen.delete", _("Delete"), show=True),
        Binding("alt+up,ctrl+up", "screen.move(-1)", _("Move up"), show=False),
        Binding("alt+down,ctrl+down", "screen.move(1)", _("Move down"), show=False),
        Binding("alt+right,ctrl+right", "screen.indent", _("Indent"), show=False),
        Binding("alt+left,ctrl+left", "screen.outdent", _("Outdent"), show=False),
    ]

    def __init__(self, **kwargs):
        super().__init__(_("Case"), **kwargs)
        self.show_root = False
        self.guide_depth = 2

    # --- building ------------------------------------------------------------------------------
    def build(self, session, outline_view, keep: tuple | None = None) -> None:
        """(Re)build from the session's data; keep the cursor on `keep` (a path) when it still exists."""
        from drafter.facts import model as M

        expanded = {n.data.path for n in self._all_nodes() if n.is_expanded and n.data is not None}
        self.clear()
        root = self.root
        data = session.data if isinstance(session.data, dict) else {}
        root.data = NodeInfo("root", ())
        self._form(root, S.label(M.Case, "org"), ("org",), M.Org)
        meeting = self._form(root, S.label(M.Case, "meeting"), ("meeting",), M.Meeting)
        self._list(meeting, S.label(M.Meeting, "agenda"), ("meeting", "agenda"), M.AgendaItem, data)
        self._list(root, S.label(M.Case, "people"), ("people",), M.Person, data)
        self._list(root, S.label(M.Case, "targets"), ("targets",), M.Target, data)
        self._list(root, S.label(M.Case, "achievements"), ("achievements",), M.Achievement, data)
        self._list(root, S.label(M.Case, "tasks"), ("tasks",), M.TaskSection, data)
        self._form(root, S.label(M.Case, "task_totals"), ("task_totals",), M.TaskTotals)
        self._form(root, S.label(M.Case, "petitions"), ("petitions",), M.Petitions)
        docs = self._list(root, S.label(M.Case, "documents"), ("documents",), None, data, children=False)
        for i, doc in enumerate(data.get("documents") or [] if isinstance(data.get("documents"), list) else []):
            model = S.DOC_MODELS.get(doc.get("kind")) if isinstance(doc, dict) else None
            node = docs.add(row_label(model, doc, i), NodeInfo("form", ("documents", i), model))
            if model is None:
                continue
            node.add_leaf(_("Options"), NodeInfo("form", ("documents", i, "options"), M.Options))
            outline = outline_view(i)
            onode = node.add(_("Outline"), NodeInfo("outline", ("documents", i, "outline"), S.Part))
            self._parts(onode, ("documents", i, "outline"), outline)
            for name, child in S.child_lists(model):
                self._list(node, S.label(model, name), ("documents", i, name), child, data)
        for node in self._all_nodes():
            if node.data is not None and node.data.path in expanded and node.allow_expand:
                node.expand()
        if keep is not None:
            self.select_path(keep)

    def _form(self, parent: TreeNode, label: str, path: tuple, model) -> TreeNode:
        return parent.add(label, NodeInfo("form", path, model), expand=False, allow_expand=False) \
            if not S.child_lists(model) else parent.add(label, NodeInfo("form", path, model))

    def _list(self, parent: TreeNode, label: str, path: tuple, model, data, children: bool = True) -> TreeNode:
        rows = _get(data, path)
        rows = rows if isinstance(rows, list) else []
        node = parent.add(f"{label}（{len(rows)}）", NodeInfo("list", path, model, label))
        if children:
            if len(rows) > LAZY_OVER:
                node.data.lazy = True
                node.add_leaf("…")
            else:
                self._rows(node, path, model, rows, data)
        return node

    def _rows(self, node: TreeNode, path: tuple, model, rows: list, data) -> None:
        for i, row in enumerate(rows):
            p = path + (i,)
            child_lists = S.child_lists(model) if model is not None else []
            if child_lists:
                c = node.add(row_label(model, row, i), NodeInfo("form", p, model))
                for name, child in child_lists:
                    if model.__name__ == "Point" and name == "parts":
                        continue
                    self._list(c, S.label(model, name), p + (name,), child, data)
                if model.__name__ == "Point":
                    pn = c.add(S.label(model, "parts"), NodeInfo("outline", p + ("parts",), S.Part))
                    self._parts(pn, p + ("parts",), row.get("parts") if isinstance(row, dict) else [])
            else:
                node.add_leaf(row_label(model, row, i), NodeInfo("form", p, model))

    def _parts(self, node: TreeNode, path: tuple, parts) -> None:
        for i, part in enumerate(parts or []):
            p = path + (i,)
            kind = S.part_kind(part)
            label = S.part_label(part)
            if kind == "heading":
                c = node.add(label, NodeInfo("part", p, S.Part), expand=True)
                self._parts(c, p + ("parts",), part.get("parts"))
            elif kind == "enum":
                c = node.add(label, NodeInfo("part", p, S.Part))
                for j, item in enumerate(part.get("items") or []):
                    c.add_leaf(row_label(S.Item, item if isinstance(item, dict) else {"text": item}, j),
                               NodeInfo("form", p + ("items", j), S.Item))
            else:
                node.add_leaf(label, NodeInfo("part", p, S.Part))

    def fill_lazy(self, node: TreeNode, session) -> None:
        info = node.data
        if info is None or not info.lazy:
            return
        info.lazy = False
        node.remove_children()
        rows = session.get(info.path) or []
        self._rows(node, info.path, info.model, rows, session.data)

    # --- finding -----------------------------------------------------------------------------
    def _all_nodes(self):
        stack = [self.root]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(n.children)

    def node_for(self, path: tuple) -> TreeNode | None:
        """The deepest node whose path is `path` or an ancestor of it (lazy lists are filled on the way)."""
        best = None
        for node in self._all_nodes():
            info = node.data
            if info is None or info.kind == "root":
                continue
            n = len(info.path)
            if tuple(path[:n]) == info.path and (best is None or n > len(best.data.path)):
                best = node
        return best

    def select_path(self, path: tuple) -> TreeNode | None:
        node = self.node_for(path)
        if node is None:
            return None
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self._tree_lines      # noqa: B018 - lay the lines out now: an expanded branch moves the lines below it
        self.move_cursor(node)
        return node


def _get(data, path):
    node = data
    for p in path:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return None
    return node
