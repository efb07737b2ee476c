"""The editor: the case as a tree, a form for the selected place, the live preview and every problem.

Every edit is a small undoable operation on the session, journalled at once (see session.py); the
preview and the problems refresh after typing pauses, in a worker thread, from a plain snapshot,
through the same pipeline as `drafter render`. Structure (outline parts, tasks, points, documents)
is edited in the tree: add, delete, move, indent, outdent.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select, Static, TabbedContent, TabPane, TextArea, Tree
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from drafter.kinds import KINDS, SLOT_NAMES
from drafter.tui import schema as S
from drafter.tui.casetree import CaseTree, NodeInfo, row_label
from drafter.tui.form import MULTI, error_label, widget_for
from drafter.tui.i18n import _
from drafter.tui.preview import PreviewText

REFRESH_DELAY = 0.3     # seconds after the last keystroke
DISK_POLL = 2.0         # seconds between looks at the case file on disk
LABEL_KEYS = {"title", "name", "section", "metric", "item", "text", "heading", "enum", "facts", "plan_title", "subject"}


def parse_path(path: str | None) -> tuple:
    """`documents[0].points[1].title` → ('documents', 0, 'points', 1, 'title')."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"[^.\[\]]+|\[\d+\]", path or ""))


class FormPane(VerticalScroll, can_focus=False):
    """The form's scroll area: Tab goes from the tree straight to the first field, not to the pane."""


class EditorScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True),
        Binding("ctrl+e", "export", _("Export"), priority=True),
        Binding("ctrl+z", "undo", _("Undo"), priority=True),
        Binding("ctrl+y", "redo", _("Redo"), priority=True),
        Binding("f1", "app.help", _("Help")),
        Binding("f2", "tab('edit')", _("Edit")),
        Binding("f3", "tab('preview')", _("Preview")),
        Binding("f4", "tab('problems')", _("Problems")),
        Binding("f5", "refresh_preview", _("Refresh"), show=False),
        Binding("escape", "to_tree", _("Back to the tree"), show=False),
    ]

    def __init__(self, session, drafting=None):
        super().__init__()
        self.session, self._drafting = session, drafting
        self.current: NodeInfo | None = None
        self.fields: dict[str, tuple[tuple, S.FieldSpec]] = {}
        self.problems: list = []
        self.problem_paths: list[tuple] = []
        self.previewed_doc: str | None = None   # the document the preview last showed
        self.doc_texts: dict[str, str] = {}
        self._outlines: dict[tuple, list] = {}
        self.last_refresh_ms = 0.0
        self.refreshes = 0
        self.rendered_version = -1
        self._timer = None
        self._prompting = False
        self._seq = 0
        self._form_gen = 0
        self.form_ready = 0
        self._form_lock = asyncio.Lock()
        self.initial: dict[str, Any] = {}

    @property
    def drafting(self):
        """The pipeline; loaded by the app beside the first screen (see DrafterApp.on_mount)."""
        return self._drafting if self._drafting is not None else self.app.drafting

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="edit"):
            with TabPane(_("Edit"), id="edit"), Horizontal():
                yield CaseTree(id="tree")
                with Vertical(id="side"):
                    yield Static("", id="form-title")
                    yield Static("", id="form-problems")
                    yield FormPane(id="form")
                    with Horizontal(id="node-buttons", classes="buttons"):
                        yield Button(_("Add"), id="btn-add", compact=True)
                        yield Button(_("Delete"), id="btn-delete", compact=True)
                        yield Button("↑", id="btn-up", compact=True)
                        yield Button("↓", id="btn-down", compact=True)
                        yield Button("→", id="btn-indent", compact=True)
                        yield Button("←", id="btn-outdent", compact=True)
            with TabPane(_("Preview"), id="preview"), VerticalScroll(id="preview-scroll"):
                yield PreviewText(id="preview-text")
            with TabPane(_("Problems"), id="problems"):
                yield OptionList(id="problem-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"drafter · {self.session.path.name}"
        self.rebuild_tree()
        tree = self.query_one(CaseTree)
        tree.focus()
        self.set_timer(0.05, self.refresh_now)     # the first preview after the editor is on screen
        self.set_interval(DISK_POLL, self.look_at_disk)

    # --- the tree ------------------------------------------------------------------------------
    def outline_view(self, index: int) -> list:
        """A document's outline as the tree shows it: written in the case, or the default written out."""
        raw = self.session.get(("documents", index, "outline"))
        if isinstance(raw, list):
            return raw
        key = (index, self.session.version)     # one form asks for it once per field: resolve once per edit
        if key not in self._outlines:
            from drafter.errors import DrafterError
            from drafter.outline.tree import materialize
            from drafter.tui.session import plain

            kind = self.session.get(("documents", index, "kind"))
            try:
                self._outlines = {k: v for k, v in self._outlines.items() if k[1] == self.session.version}
                self._outlines[key] = materialize(kind, plain(raw))
            except (DrafterError, ValueError):
                return []
        return self._outlines[key]

    def rebuild_tree(self, keep: tuple | None = None) -> None:
        tree = self.query_one(CaseTree)
        tree.build(self.session, self.outline_view, keep)
        if keep is None and tree.cursor_node is None:
            tree.move_cursor(tree.root.children[0] if tree.root.children else None)

    @on(Tree.NodeHighlighted, "#tree")
    def node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        info = event.node.data
        if isinstance(info, NodeInfo) and info != self.current:
            self.show_form(info)

    @on(Tree.NodeExpanded, "#tree")
    def node_expanded(self, event: Tree.NodeExpanded) -> None:
        self.query_one(CaseTree).fill_lazy(event.node, self.session)

    # --- the form ------------------------------------------------------------------------------
    def specs_for(self, info: NodeInfo) -> list[tuple[tuple, S.FieldSpec]]:
        """(absolute path of the value, field) for the selected place."""
        if info.kind == "part":
            part = self.part_at(info.path)
            kind = S.part_kind(part)
            if kind == "ref":
                return []
            specs = S.part_fields(kind)
            out = []
            for spec in specs:
                if kind == "slot" and spec.key == "text":
                    doc = info.path[1]
                    out.append((("documents", doc, "overrides", str(part.get("slot"))), spec))
                else:
                    out.append((info.path + spec.path, spec))
            return out
        if info.kind == "form" and info.model is not None:
            return [(info.path + spec.path, spec) for spec in S.form_fields(info.model)]
        return []

    def part_at(self, path: tuple) -> Any:
        doc_outline = len(path) >= 4 and path[0] == "documents" and path[2] == "outline"
        if doc_outline and not isinstance(self.session.get(path[:3]), list):
            node: Any = self.outline_view(path[1])
            for p in path[3:]:
                try:
                    node = node[p]
                except (KeyError, IndexError, TypeError):
                    return None
            return node
        return self.session.get(path)

    def show_form(self, info: NodeInfo) -> None:
        """Rebuild the form for `info`; builds run one after another, and only the newest is shown."""
        self.current = info
        self._form_gen += 1
        self.run_worker(self._build_form(info, self._form_gen), group="form")

    async def _build_form(self, info: NodeInfo, gen: int) -> None:
        async with self._form_lock:
            if gen != self._form_gen:
                return
            form = self.query_one("#form", FormPane)
            await form.remove_children()
            self.fields = {}
            self.initial = {}
            self.query_one("#form-title", Static).update(self.place_name(info.path) or _("Case"))
            widgets = []
            people = self.session.get(("people",))
            for abs_path, spec in self.specs_for(info):
                self._seq += 1
                wid = f"fld{self._seq}"
                value = self.part_at(abs_path) if info.kind == "part" and abs_path[:len(info.path)] == info.path \
                    else self.session.get(abs_path)
                text = spec.label + ("＊" if spec.required else "")
                widget = widget_for(spec, value, wid, people)
                self.initial[wid] = _widget_value(widget)
                if spec.kind in MULTI or len(text) > 7:      # a long label above its box, never into it
                    widgets += [Label(text, classes="fld-label"), widget]
                else:       # one line: the label beside its box, so a whole form fits 80×24
                    widgets.append(Horizontal(Label(text, classes="row-label"), widget, classes="row"))
                widgets.append(error_label(wid))
                self.fields[wid] = (abs_path, spec)
            if info.kind == "part":
                part = self.part_at(info.path)
                if S.part_kind(part) == "slot":
                    widgets[0:0] = self.slot_widgets(info, part)
            hint = self.place_hint(info)
            if hint:
                widgets.append(Static(hint, classes="hint"))
            if widgets:
                await form.mount_all(widgets)
            self.show_node_problems()
            self.form_ready = gen

    def slot_widgets(self, info: NodeInfo, part: dict) -> list:
        slot = str(part.get("slot"))
        doc = info.path[1]
        kind = self.session.get(("documents", doc, "kind"))
        chosen = part.get("fragment") or self.session.get(("documents", doc, "slots", slot))
        ids = [chosen] if isinstance(chosen, str) else list(chosen or [])
        lib = self.drafting.library
        if ids:
            state = "、".join(lib.get(i).title if lib.get(i) else f"？{i}" for i in ids)
        else:
            offered = lib.for_slot(kind, slot)
            state = _("default: {title}").format(title=offered[0].title) if offered else _("no phrasing")
        return [
            Label(_("Standard phrasing for “{slot}”: {state}").format(slot=SLOT_NAMES.get(slot, slot), state=state),
                  classes="fld-label"),
            Horizontal(Button(_("Choose phrasing…"), id="slot-pick", compact=True),
                       Button(_("Turn into own text"), id="slot-own", compact=True), classes="buttons left"),
        ]

    def place_hint(self, info: NodeInfo) -> str:
        if info.kind == "list":
            return _("Press A to add; select a row to edit it.")
        if info.kind == "outline":
            return _("The document's parts in order. A adds, Delete removes, Alt+↑↓ moves, Alt+→ puts a part under the heading above it.")
        if info.kind == "part" and S.part_kind(self.part_at(info.path)) == "ref":
            return _("A part of the default outline; it is drafted as the kind's default.")
        return ""

    def place_name(self, path: tuple) -> str:
        """A place in the case in Chinese: 讲话稿 › 讲话要点 二 › 要点标题."""
        names = []
        data = self.session.data
        node: Any = data
        model: Any = None
        for i, part in enumerate(path):
            parent = node
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
            if isinstance(part, int) and node is None and "outline" in path[:i]:
                node = self.part_at(path[: i + 1])      # a part of the default outline, not yet written out
            if isinstance(part, int):
                m = S.model_at(path[: i + 1], data)
                if isinstance(parent, list) and path[i - 1] in ("outline", "parts") and m is S.Part:
                    names.append(S.part_label(node) if node is not None else str(part + 1))
                elif m is not None:
                    names.append(row_label(m, node, part) if node is not None else str(part + 1))
                else:
                    names.append(str(part + 1))
                model = m
            else:
                m = S.model_at(path[:i], data) if i else S.M.Case
                owner = m or model
                if owner is not None and hasattr(owner, "model_fields") and part in owner.model_fields:
                    names.append(S.label(owner, part))
                elif path[i - 1:i] == ("overrides",) or path[i - 1:i] == ("slots",):
                    names.append(SLOT_NAMES.get(part, part))
                elif part in ("overrides", "slots"):
                    names.append(_("own text") if part == "overrides" else _("standard phrasing"))
                else:
                    names.append(str(part))
        return " › ".join(n for n in names if n)

    # --- typing ------------------------------------------------------------------------------
    @on(Input.Changed, ".fld")
    def input_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        self.show_error(event.input.id, "" if result is None or result.is_valid else "；".join(result.failure_descriptions))
        self.field_edited(event.input.id, event.value)

    @on(TextArea.Changed, ".fld")
    def area_changed(self, event: TextArea.Changed) -> None:
        self.field_edited(event.text_area.id, event.text_area.text)

    @on(Select.Changed, ".fld")
    def select_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else event.value
        wid = event.select.id
        if wid in self.fields and self.fields[wid][1].kind == "bool" and value is not None:
            value = value == "yes"
        self.field_edited(wid, value, parsed=True)

    def show_error(self, wid: str | None, message: str) -> None:
        for label in self.query(f"#err-{wid}"):
            label.update(message)
            label.display = bool(message)

    def field_edited(self, wid: str | None, raw: Any, parsed: bool = False) -> None:
        if wid not in self.fields or (wid in self.initial and self.initial.pop(wid) == raw):
            return      # the widget reporting the value it was given, not a user's edit
        path, spec = self.fields[wid]
        value = raw if parsed else S.parse(spec, raw)
        if spec.kind in ("frame", "frame_lines") or (spec.qname.startswith("Part.") and spec.key in S.FRAME
                                                     and path[-1] == spec.key):
            value = True if value is None else value
        current = self.part_at(path) if self.current and self.current.kind == "part" else self.session.get(path)
        if S.display(current) == S.display(value) and type(current) is type(value):
            return
        self.write(path, value, label=spec.label)
        if path[-1] in LABEL_KEYS or (self.current and self.current.kind == "part") or path[-1] == "title":
            self.relabel()
        self.schedule_refresh()

    def write(self, path: tuple, value: Any, label: str = "") -> None:
        """Set one value; inside a default outline, the outline is written out first (one undo step)."""
        ops = self.materialize_ops(path)
        if ops:
            ops.append(["set", list(path), value] if value is not None else ["del", list(path)])
            self.session.apply(ops, label)
            return
        self.session.set(path, value, label)

    def materialize_ops(self, path: tuple) -> list:
        if len(path) >= 3 and path[0] == "documents" and path[2] == "outline":
            if not isinstance(self.session.get(path[:3]), list):
                return [["set", list(path[:3]), self.outline_view(path[1])]]
        return []

    def relabel(self) -> None:
        if self.current is not None:
            self.query_one("#form-title", Static).update(self.place_name(self.current.path) or _("Case"))
        tree = self.query_one(CaseTree)
        node = tree.cursor_node
        if node is None or node.data is None:
            return
        info = node.data
        if info.kind == "part":
            node.set_label(S.part_label(self.part_at(info.path)))
        elif info.kind == "form" and info.in_list:
            node.set_label(row_label(info.model, self.session.get(info.path), info.path[-1]))
        elif info.kind == "form" and info.path[:1] == ("documents",):
            node.set_label(row_label(info.model, self.session.get(info.path), info.path[1]))

    # --- structure ---------------------------------------------------------------------------
    def selected(self) -> NodeInfo | None:
        node = self.query_one(CaseTree).cursor_node
        return node.data if node is not None and isinstance(node.data, NodeInfo) else None

    def list_model(self, list_path: tuple):
        """The model of the elements of the list at `list_path` (None for documents: a kind is asked)."""
        if list_path == ("documents",):
            return None
        return S.model_at(list_path + (0,), self.session.data)

    def action_add(self) -> None:
        info = self.selected()
        if info is None or info.kind == "root":
            return
        if info.kind in ("list", "outline"):
            list_path, index = info.path, len(self.list_value(info.path))
        elif info.kind in ("part",) or info.in_list:
            list_path, index = info.path[:-1], info.path[-1] + 1
        else:
            self.notify(_("Select a list (such as Tasks) or one of its rows to add a row."), severity="warning")
            return
        if list_path == ("documents",):
            from drafter.tui.screens.modals import ChoiceScreen

            options = [(k.name, k.id) for k in KINDS.values()]
            self.app.push_screen(ChoiceScreen(_("Add a document of which kind?"), options),
                                 lambda kind: kind and self.insert(list_path, index, self.new_document(kind), _("Add document")))
            return
        model = self.list_model(list_path)
        if model is S.Part:
            from drafter.tui.screens.modals import ChoiceScreen

            options = [(v, k) for k, v in S.PART_KINDS.items()]
            doc_kind = self.session.get(("documents", list_path[1], "kind")) if list_path[:1] == ("documents",) else None

            def chosen(kind: str | None) -> None:
                if not kind:
                    return
                if kind != "slot" or doc_kind not in KINDS:
                    self.insert(list_path, index, S.new_part(kind), _("Add part"))
                    return
                from drafter.outline.tree import load_default

                slots = [(SLOT_NAMES.get(sl, sl), sl) for sl, _many in load_default(doc_kind).slots()]
                self.app.push_screen(ChoiceScreen(_("Which standard phrasing?"), slots),
                                     lambda sl: sl and self.insert(list_path, index, {"slot": sl}, _("Add part")))
            self.app.push_screen(ChoiceScreen(_("Add which kind of part?"), options), chosen)
            return
        if model is None:
            return
        row = S.blank(model)
        if model.__name__ == "Person":
            row = {**row, "id": self.new_person_id()}      # never shown: people are picked by name
        self.insert(list_path, index, row, _("Add row"))

    def list_value(self, path: tuple) -> list:
        if path[:1] == ("documents",) and len(path) >= 3 and path[2] == "outline":
            return self.part_at(path) if len(path) > 3 else self.outline_view(path[1])
        value = self.session.get(path)
        return value if isinstance(value, list) else []

    def new_person_id(self) -> str:
        ids = {str(p.get("id")) for p in self.session.get(("people",)) or [] if isinstance(p, dict)}
        n = len(ids) + 1
        while f"p{n}" in ids:
            n += 1
        return f"p{n}"

    def new_document(self, kind: str) -> dict:
        ids = {d for d, _k in self.session.documents()}
        did, n = kind, 2
        while did in ids:
            did, n = f"{kind}{n}", n + 1
        return {"id": did, "kind": kind}

    def insert(self, list_path: tuple, index: int, value: Any, label: str) -> None:
        ops = self.materialize_ops(list_path + (0,))
        current = self.session.get(list_path) if not ops else self.list_value(list_path)
        if ops:
            ops.append(["ins", list(list_path) + [index], value])
            self.session.apply(ops, label)
        elif current is None or not isinstance(self.session.get(list_path), list):
            self.session.apply([["set", list(list_path), [value]]], label)
            index = 0
        else:
            self.session.insert(list_path, index, value, label)
        self.after_structure(list_path + (index,))

    def action_delete(self) -> None:
        info = self.selected()
        if info is None or info.kind in ("root", "list", "outline"):
            if info is not None and info.kind in ("list", "outline"):
                self.notify(_("Select a row to delete it."), severity="warning")
            return
        path = info.path
        if not info.in_list:
            if self.session.get(path) is None:
                return
            name = self.place_name(path)
            self.session.remove(path, _("Clear {name}").format(name=name))
            self.notify(_("Cleared {name} (Ctrl+Z undoes)").format(name=name))
            self.after_structure(path)
            return
        name = self.place_name(path)
        person = self.session.get(path) if path[:1] == ("people",) and len(path) == 2 else None
        uses = person_uses(self.session.data, person.get("id")) if isinstance(person, dict) and person.get("id") else []
        ops = self.materialize_ops(path)
        self.session.apply(ops + [["pop", list(path)]], _("Delete {name}").format(name=name))
        if uses:   # still named elsewhere: say where, before it turns up as problems
            places = "、".join(self.place_name(u) for u in uses[:4]) + ("……" if len(uses) > 4 else "")
            self.notify(_("Deleted {name} (Ctrl+Z undoes); still chosen in: {places}").format(name=name, places=places),
                        severity="warning", timeout=10)
        else:
            self.notify(_("Deleted {name} (Ctrl+Z undoes)").format(name=name))
        siblings = len(self.list_value(path[:-1]))
        self.after_structure(path[:-1] + (min(path[-1], siblings - 1),) if siblings else path[:-1])

    def action_move(self, step: int) -> None:
        info = self.selected()
        if info is None or not info.in_list:
            return
        path = info.path
        n = len(self.list_value(path[:-1]))
        target = path[-1] + step
        if not 0 <= target < n:
            return
        ops = self.materialize_ops(path)
        value = self.part_at(path) if info.kind == "part" else self.session.get(path)
        ops += [["pop", list(path)], ["ins", list(path[:-1]) + [target], value]]
        self.session.apply(ops, _("Move"))
        self.after_structure(path[:-1] + (target,))

    def action_indent(self) -> None:
        """Put an outline part under the heading just above it."""
        info = self.selected()
        if info is None or info.kind != "part" or info.path[-1] == 0:
            return
        path = info.path
        above = self.part_at(path[:-1] + (path[-1] - 1,))
        if S.part_kind(above) != "heading":
            self.notify(_("Only a part right under a heading can be indented into it."), severity="warning")
            return
        value = self.part_at(path)
        ops = self.materialize_ops(path)
        head = path[:-1] + (path[-1] - 1,)
        inner = list(above.get("parts") or [])
        ops.append(["pop", list(path)])
        if "parts" in above and isinstance(above.get("parts"), list):
            ops.append(["ins", list(head) + ["parts", len(inner)], value])
        else:
            ops.append(["set", list(head) + ["parts"], [value]])
        self.session.apply(ops, _("Indent"))
        self.after_structure(head + ("parts", len(inner)))

    def action_outdent(self) -> None:
        """Move an outline part out of its heading, to just after that heading."""
        info = self.selected()
        if info is None or info.kind != "part" or len(info.path) < 3 or info.path[-2] != "parts" \
                or not isinstance(info.path[-3], int) or S.part_kind(self.part_at(info.path[:-2])) != "heading":
            self.notify(_("Only a part inside a heading can be moved out of it."), severity="warning")
            return
        path = info.path
        head = path[:-2]
        value = self.part_at(path)
        ops = self.materialize_ops(path)
        ops += [["pop", list(path)], ["ins", list(head[:-1]) + [head[-1] + 1], value]]
        self.session.apply(ops, _("Outdent"))
        self.after_structure(head[:-1] + (head[-1] + 1,))

    def after_structure(self, keep: tuple) -> None:
        self.current = None
        self.rebuild_tree(keep)
        node = self.query_one(CaseTree).cursor_node
        if node is not None and isinstance(node.data, NodeInfo):
            self.show_form(node.data)
        self.schedule_refresh()

    @on(Button.Pressed, "#btn-add")
    def _b_add(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#btn-delete")
    def _b_delete(self) -> None:
        self.action_delete()

    @on(Button.Pressed, "#btn-up")
    def _b_up(self) -> None:
        self.action_move(-1)

    @on(Button.Pressed, "#btn-down")
    def _b_down(self) -> None:
        self.action_move(1)

    @on(Button.Pressed, "#btn-indent")
    def _b_indent(self) -> None:
        self.action_indent()

    @on(Button.Pressed, "#btn-outdent")
    def _b_outdent(self) -> None:
        self.action_outdent()

    # --- phrasing ----------------------------------------------------------------------------
    @on(Button.Pressed, "#slot-pick")
    def pick(self) -> None:
        info = self.current
        if info is None or info.kind != "part":
            return
        part = self.part_at(info.path)
        slot, doc = str(part.get("slot")), info.path[1]
        kind = self.session.get(("documents", doc, "kind"))
        doc_id = self.session.documents()[doc][0]
        candidates = self.drafting.library.for_slot(kind, slot)
        many = S.part_kind(part) == "enum" or part.get("each") is not None
        path = ("documents", doc, "slots", slot)
        chosen = self.session.get(path)
        current = chosen if isinstance(chosen, str) else (list(chosen)[0] if chosen else None)

        def preview(fid: str) -> str:
            from drafter.errors import DrafterError
            from drafter.templating.context import fragment_preview

            try:
                return fragment_preview(self.session.case_file(), doc_id, fid, self.drafting)
            except DrafterError as exc:
                return "\n".join(self.problem_text(p) for p in exc.problems)

        def done(fid: str | None) -> None:
            if not fid:
                return
            if many:
                ids = list(self.session.get(path) or [])
                ids = [i for i in ids if i != fid] if fid in ids else ids + [fid]
                self.session.set(path, ids or None, _("Choose phrasing"))
            else:
                self.session.set(path, fid, _("Choose phrasing"))
            self.show_form(info)
            self.schedule_refresh()

        from drafter.tui.screens.modals import FragmentPicker

        self.app.push_screen(FragmentPicker(slot, candidates, preview, current), done)

    @on(Button.Pressed, "#slot-own")
    def own_text(self) -> None:
        """Turn the chosen phrasing into own text, prefilled with what it says now, to change a word."""
        info = self.current
        if info is None or info.kind != "part":
            return
        part = self.part_at(info.path)
        slot, doc = str(part.get("slot")), info.path[1]
        doc_id = self.session.documents()[doc][0]
        kind = self.session.get(("documents", doc, "kind"))
        chosen = self.session.get(("documents", doc, "slots", slot))
        ids = [chosen] if isinstance(chosen, str) else list(chosen or [])
        if not ids:
            offered = self.drafting.library.for_slot(kind, slot)
            ids = [offered[0].id] if offered else []
        from drafter.errors import DrafterError
        from drafter.templating.context import fragment_preview

        try:
            cf = self.session.case_file()
            text = "\n\n".join(fragment_preview(cf, doc_id, fid, self.drafting) for fid in ids)
        except DrafterError as exc:
            self.notify(_("Fix these first: {problems}").format(
                problems="；".join(self.problem_text(p) for p in exc.problems[:3])), severity="error")
            return
        self.session.set(("documents", doc, "overrides", slot), text or None, _("Own text"))
        self.show_form(info)
        self.schedule_refresh()

    # --- undo --------------------------------------------------------------------------------
    def action_undo(self) -> None:
        label = self.session.undo()
        self.notify(_("Undone: {what}").format(what=label) if label else _("Nothing to undo"))
        if label:
            self.after_undo()

    def action_redo(self) -> None:
        label = self.session.redo()
        self.notify(_("Redone: {what}").format(what=label) if label else _("Nothing to redo"))
        if label:
            self.after_undo()

    def after_undo(self) -> None:
        info = self.selected()
        self.after_structure(info.path if info else ())

    # --- preview and problems ----------------------------------------------------------------
    def schedule_refresh(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(REFRESH_DELAY, self.refresh_now)

    def action_refresh_preview(self) -> None:
        self.refresh_now()

    def preview_doc(self) -> str | None:
        info = self.current
        docs = self.session.documents()
        if info is not None and info.path[:1] == ("documents",) and len(info.path) > 1 and info.path[1] < len(docs):
            return docs[info.path[1]][0]
        return docs[0][0] if docs else None

    def refresh_now(self) -> None:
        self.render_preview(self.session.snapshot(), self.preview_doc(), self.session.version, time.perf_counter())

    class PreviewReady(Message):
        """Posted from the worker thread (post_message never blocks, unlike call_from_thread)."""

        def __init__(self, text: str, problems: list, ms: float, version: int, texts: dict | None = None,
                     doc_id: str | None = None) -> None:
            super().__init__()
            self.text, self.problems, self.ms, self.version = text, problems, ms, version
            self.texts = texts or {}
            self.doc_id = doc_id

    @work(thread=True, exclusive=True, group="preview")
    def render_preview(self, data: Any, doc_id: str | None, version: int, started: float) -> None:
        from drafter.errors import DrafterError
        from drafter.proof.check import check_text

        text, problems, texts = "", [], {}
        try:
            cf = self.session.case_file(data)
        except DrafterError as exc:
            problems = list(exc.problems)
            cf = None
        if cf is not None:
            from drafter.render.text import render_text

            trees = []
            for d in cf.case.documents:            # every document of the case is checked
                try:
                    tree = self.drafting.build(cf, d.id)[0]
                except DrafterError as exc:
                    problems += exc.problems
                    continue
                trees.append(tree)
                out = render_text(tree).decode("utf-8")
                if d.id == doc_id:
                    text = out
                texts[d.id] = out
                for p in check_text(out, d.id, self.proof_config()):
                    problems.append(p)
            if len(trees) == len(cf.case.documents):   # as `drafter check` says: a fact no document uses
                problems += self.drafting.unused_facts(cf, trees)
        if not get_current_worker().is_cancelled:
            self.post_message(self.PreviewReady(text, problems, (time.perf_counter() - started) * 1000, version, texts, doc_id))

    def on_editor_screen_preview_ready(self, message: PreviewReady) -> None:
        self.last_refresh_ms = message.ms
        self.refreshes += 1
        self.rendered_version = message.version
        self.previewed_doc = message.doc_id
        self.doc_texts = message.texts
        self.query_one("#preview-text", PreviewText).show(message.text or _("(fix the problems to see the preview)"))
        self.problems = message.problems
        self.problem_paths = [self.problem_path(p) for p in self.problems]
        plist = self.query_one("#problem-list", OptionList)
        plist.clear_options()
        for i, p in enumerate(self.problems):
            plist.add_option(Option(self.problem_text(p), id=str(i)))
        if self.problems:
            plist.highlighted = 0
        tab = self.query_one(TabbedContent).get_tab("problems")
        tab.label = _("Problems ({n})").format(n=len(self.problems)) if self.problems else _("Problems")
        self.show_node_problems()

    def proof_config(self) -> dict:
        if not hasattr(self, "_proof_config"):
            from drafter.errors import DrafterError
            from drafter.proof.check import config

            try:
                self._proof_config = config()
            except DrafterError:
                self._proof_config = {}
        return self._proof_config

    def problem_path(self, problem) -> tuple | None:
        """Where a problem's text came from: its field, or — for a proofreading finding — the words it quotes."""
        if problem.path and not problem.rule:
            return parse_path(problem.path)
        if problem.rule and problem.file:
            return self.find_text_source(problem)
        return parse_path(problem.path) if problem.path else None

    def find_text_source(self, problem) -> tuple | None:
        """The field whose own words hold the finding (own text, a fact), by the sentence around it."""
        docs = [d for d, _k in self.session.documents()]
        if problem.file not in docs:
            return None
        doc = docs.index(problem.file)
        lines = self.doc_texts.get(problem.file, "").split("\n")
        line = lines[problem.line - 1] if problem.line and 0 < problem.line <= len(lines) else ""
        col = (problem.column or 1) - 1
        strings = list(_strings(self.session.data, ()))
        for width in (12, 8, 5, 3):            # the words around the finding, narrowed until a field holds them
            window = line[max(0, col - width): col + width].strip()
            hits = [path for path, value in strings if window and window in value]
            if hits:
                hits.sort(key=lambda path: (path[:2] != ("documents", doc), -len(path)))
                return hits[0]
        return ("documents", doc)

    def problem_text(self, problem) -> str:
        where = self.place_name(parse_path(problem.path)) if problem.path else ""
        if problem.rule and problem.file in {d for d, _k in self.session.documents()}:
            i = [d for d, _k in self.session.documents()].index(problem.file)
            where = self.place_name(("documents", i)) + (_(" (preview line {n})").format(n=problem.line) if problem.line else "")
        words = self.field_words(parse_path(problem.path)) if problem.path and not problem.rule else {}
        text = _humanize(problem.message, self.session.get(("people",)) or [], words)
        return f"{where}：{text}" if where else text

    def field_words(self, path: tuple) -> dict[str, str]:
        """The Chinese label of every field named at `path` and around it (the place's own fields win), for messages
        that name fields by key (请填写 subject → 请填写报告事项)."""
        words: dict[str, str] = {}
        for depth in range(len(path) + 1):
            model = S.model_at(path[:depth], self.session.data)
            if model is not None:
                words.update({k: S.label(model, k).split("（")[0] for k in model.model_fields})
        return words

    def show_node_problems(self) -> None:
        info = self.current
        box = self.query_one("#form-problems", Static)
        if info is None:
            box.update("")
            return
        mine = [self.problem_text(p) for p, path in zip(self.problems, self.problem_paths, strict=False)
                if path is not None and tuple(path[: len(info.path)]) == info.path and (p.path and not p.rule)]
        # one problem and how many more: at 80×24 a list of them left the form no room (F4 has them all)
        place = self.place_name(info.path)
        for here in (place + "：", place + " › "):   # the form's title already names the place
            mine = [m[len(here):] if m.startswith(here) else m for m in mine]
        more = "\n" + _("…and {n} more (F4 lists them all)").format(n=len(mine) - 1) if len(mine) > 1 else ""
        box.update(("⚠" + mine[0] + more) if mine else "")   # no space: a long first word would drop to the next line
        box.display = bool(mine)

    @on(OptionList.OptionSelected, "#problem-list")
    def jump(self, event: OptionList.OptionSelected) -> None:
        self.jump_to(int(event.option.id))

    def jump_to(self, index: int) -> None:
        """Show the field, row or outline part a problem came from; a key no form shows (a misspelling typed into
        the file) is offered to be renamed or deleted, since no field could fix it."""
        path = self.problem_paths[index] if index < len(self.problem_paths) else None
        if not path:
            self.action_tab("preview")
            return
        if self.offer_unknown_key(path):
            return
        self.go_to_path(path)

    def unknown_key(self, path: tuple) -> list[str] | None:
        """The keys allowed where `path` names a key its place does not have, else None."""
        parent = self.session.get(path[:-1])
        if not isinstance(path[-1], str) or not isinstance(parent, dict) or path[-1] not in parent:
            return None
        model = S.model_at(path[:-1], self.session.data)
        if model is None or path[-1] in model.model_fields:
            return None
        return list(model.model_fields)

    def offer_unknown_key(self, path: tuple) -> bool:
        from drafter.problems import closest
        from drafter.tui.screens.modals import ChoiceScreen

        known = self.unknown_key(path)
        if known is None:
            return False
        key, parent = path[-1], path[:-1]
        present = self.session.get(parent) or {}
        close = [k for k in [closest(key, known)] if k and k not in present]
        options = [(_("Rename it to “{new}” ({label}), keeping what was written").format(
            new=k, label=S.label(S.model_at(parent, self.session.data), k)), f"rename:{k}") for k in close]
        options += [(_("Delete “{key}”").format(key=key), "delete"), (_("Show where it is"), "show")]

        def answer(choice: str | None) -> None:
            if choice == "show":
                self.go_to_path(parent)
            elif choice == "delete":
                self.session.apply([["del", list(path)]], _("Delete {name}").format(name=key))
                self.notify(_("Deleted {name} (Ctrl+Z undoes)").format(name=key))
                self.after_structure(parent)
            elif choice and choice.startswith("rename:"):
                new = choice.split(":", 1)[1]
                self.session.apply([["del", list(path)], ["set", [*parent, new], self.session.get(path)]],
                                   _("Rename {old} to {new}").format(old=key, new=new))
                self.notify(_("Renamed {old} to {new} (Ctrl+Z undoes)").format(old=key, new=new))
                self.after_structure(parent)
        title = _("“{key}” is not a field of {place}").format(key=key, place=self.place_name(parent) or _("the case"))
        note = _("The case file has a key no form shows: rename it to the field that was meant, or delete it.")
        self.app.push_screen(ChoiceScreen(title, options, note=note), answer)
        return True

    def go_to_path(self, path: tuple) -> None:
        tree = self.query_one(CaseTree)
        self.query_one(TabbedContent).active = "edit"
        node = tree.select_path(path)
        if node is not None and node.data is not None and node.data.lazy:
            tree.fill_lazy(node, self.session)
            node = tree.select_path(path)
        if node is None:
            return
        self.show_form(node.data)
        rest = path[len(node.data.path):]
        for wid, (abs_path, _spec) in self.fields.items():
            if abs_path[: len(path)] == path[: len(abs_path)] and (not rest or abs_path[len(node.data.path):][:1] == rest[:1]):
                self.call_after_refresh(lambda w=wid: self.query_one(f"#{w}").focus())
                return
        tree.focus()

    # --- disk ----------------------------------------------------------------------------------
    def look_at_disk(self) -> None:
        if self._prompting or not self.session.disk_changed():
            return
        self.ask_about_disk()

    def ask_about_disk(self, then_save: bool = False) -> None:
        from drafter.tui.screens.modals import ChoiceScreen

        self._prompting = True

        def answer(choice: str | None) -> None:
            self._prompting = False
            if choice == "reload":
                from drafter.errors import DrafterError

                try:
                    self.session.reload()
                except DrafterError as exc:
                    self.notify("\n".join(self.problem_text(p) for p in exc.problems), severity="error", timeout=10)
                    return
                self.after_structure(())
                self.notify(_("Reloaded the case from disk"))
            elif choice == "mine":
                self.session._disk = self.session._disk_state()
                if then_save:
                    self.action_save()
        self.app.push_screen(ChoiceScreen(
            _("The case file was changed outside drafter"),
            [(_("Reload it (drop my unsaved changes)"), "reload"), (_("Keep mine (the next save overwrites it)"), "mine")],
            note=_("Someone or another program saved “{name}” while it was open here.").format(name=self.session.path.name)),
            answer)

    # --- actions -----------------------------------------------------------------------------
    FOCUS = {"edit": "#tree", "preview": "#preview-scroll", "problems": "#problem-list"}

    def action_to_tree(self) -> None:
        self.query_one(TabbedContent).active = "edit"
        self.query_one(CaseTree).focus()

    @on(TabbedContent.TabActivated)
    def _preview_shown(self, event: TabbedContent.TabActivated) -> None:
        """The preview shows the selected document: selecting another one changes no fact, so draft it now."""
        if event.pane is not None and event.pane.id == "preview" and self.preview_doc() != self.previewed_doc:
            self.refresh_now()

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        self.query(self.FOCUS[name]).first().focus()

    def action_save(self) -> None:
        from drafter.tui.session import ChangedOnDisk

        try:
            path = self.session.save()
        except ChangedOnDisk:
            self.ask_about_disk(then_save=True)
            return
        except OSError as exc:
            self.notify(_("Could not save: {why}").format(why=exc.strerror or exc), severity="error")
            return
        self.notify(_("Saved {path}").format(path=path.name))

    def action_export(self) -> None:
        from drafter.tui.screens.modals import ExportScreen

        self.app.push_screen(ExportScreen(self.session, self.drafting, self.preview_doc(), self.problem_text))


def _widget_value(widget) -> Any:
    if isinstance(widget, Select):
        value = widget.value
        return None if value is Select.NULL else {"yes": True, "no": False}.get(value, value) \
            if isinstance(value, str) and value in ("yes", "no") else value
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value


def _strings(node: Any, path: tuple):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, path + (i,))
    elif isinstance(node, str):
        yield path, node


_WORDS = (("people 中", "人员中"), ("documents 中", "文稿中"), ("请填写 value", "请填写数值"), (" outline 中", "提纲中"),
          ("（数字或日期请加引号）", ""), ("每项以“- ”开头", "每行一项"))


_KEY = re.compile(r"(?<![A-Za-z_.]) ?([a-z][a-z_]*)(?![A-Za-z_.]) ?")   # a key, with the spaces set around it


def _humanize(message: str, people: list, words: dict[str, str] | None = None) -> str:
    """A core message as the interface says it: people by name, not id; fields by their labels; no YAML words (a TUI
    user types no YAML and sees no key)."""
    for yaml_word, plain_word in _WORDS:
        message = message.replace(yaml_word, plain_word)
    if words:
        message = _KEY.sub(lambda m: words[m[1]] if m[1] in words else m[0], message)
    message = _PART_ID.sub("", message)   # an outline part's id is the file's name for it; the message says what it is
    known = {p["id"] for p in people if isinstance(p, dict) and p.get("id")}
    m = _NO_PERSON.search(message)
    if m and m[1] not in known:   # someone deleted from 人员: the id means nothing here, a suggestion even less
        message = message[:m.start()] + _("the person chosen here is no longer among the people: choose again")
    for p in people:
        if isinstance(p, dict) and p.get("id") and p.get("name"):
            message = message.replace(f"“{p['id']}”", f"“{p['name']}”")
    return message


_PART_ID = re.compile(r"提纲部分“[A-Za-z0-9_.-]+”：")
_NO_PERSON = re.compile(r"人员中没有 id 为“([^”]*)”的人员.*$")


def person_uses(data: Any, pid: str) -> list[tuple]:
    """Every place of a case that names the person `pid` (host, speaker, an agenda item, an outline part …)."""
    from drafter.facts.model import PERSON_FIELDS
    found: list[tuple] = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in PERSON_FIELDS and v == pid and path[:1] != ("people",):
                    found.append((*path, k))
                else:
                    walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))
    walk(data, ())
    return found
