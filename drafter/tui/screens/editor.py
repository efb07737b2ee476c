"""The editor: facts (form and tables), documents and their slots, live preview, problems.

Every change is journalled by the session at once; the preview and the problems refresh shortly
after typing stops, in a worker thread, through the same pipeline as `drafter render`.
"""

from __future__ import annotations

import re

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, OptionList, Select, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from drafter.kinds import KINDS, SLOT_NAMES
from drafter.tui.fields import FieldValidator, basic_fields, table_fields
from drafter.tui.i18n import _
from drafter.tui.screens.modals import ExportScreen, FragmentPicker, OverrideEditor, RowEditor

REFRESH_DELAY = 0.35   # seconds after the last keystroke
TABLES = ("people", "targets", "achievements", "tasks")


def _plain(node):
    """ruamel's commented containers as plain dicts and lists (for the row editor)."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _path_parts(path: str | None) -> list:
    return [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"[A-Za-z_]+|\[\d+\]", path or "")]


class EditorScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save")),
        Binding("ctrl+e", "export", _("Export")),
        Binding("f5", "refresh_preview", _("Refresh")),
        Binding("f2", "tab('basic')", _("Facts")),
        Binding("f3", "tab('docs')", _("Documents")),
        Binding("f4", "tab('preview')", _("Preview")),
    ]

    def __init__(self, session, drafting):
        super().__init__()
        self.session, self.drafting = session, drafting
        docs = session.documents()
        self.doc_id: str | None = docs[0][0] if docs else None
        self.table = "targets"
        self.rows: list = []
        self.problems: list = []
        self.last_refresh_ms = 0.0
        self.refreshes = 0
        self._timer = None

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="basic"):
            with TabPane(_("Basics"), id="basic"), VerticalScroll():
                for path, f in basic_fields():
                    with Horizontal(classes="field"):
                        yield Label(f.label, classes="field-label")
                        yield Input(f.to_text(_plain(self.session.get(path))), id="b-" + "-".join(path),
                                    validators=[FieldValidator(f)], classes="field-input", compact=True)
                    yield Label("", id="e-" + "-".join(path), classes="field-error")
            with TabPane(_("Tables"), id="tables"), Vertical():
                names = {"people": _("People"), "targets": _("Targets"), "achievements": _("Achievements"),
                         "tasks": _("Tasks")}
                yield Select([(names[name], name) for name in TABLES], value=self.table,
                             allow_blank=False, id="table-choice")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="facts")
                with Horizontal(classes="buttons"):
                    yield Button(_("Add"), id="row-add")
                    yield Button(_("Edit"), id="row-edit")
                    yield Button(_("Delete"), id="row-delete", variant="error")
            with TabPane(_("Documents"), id="docs"), Horizontal():
                yield OptionList(id="doclist")
                with Vertical():
                    yield OptionList(id="slotlist")
                    with Horizontal(classes="buttons"):
                        yield Button(_("Choose phrasing"), id="slot-pick", variant="primary")
                        yield Button(_("Own text"), id="slot-override")
                        yield Button(_("Default"), id="slot-reset")
            with TabPane(_("Preview"), id="preview"), VerticalScroll(id="preview-scroll"):
                yield Static("", id="preview-text")
            with TabPane(_("Problems"), id="problems"):
                yield OptionList(id="problem-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"drafter · {self.session.path.name}"
        self.fill_table()
        self.fill_docs()
        self.refresh_now()

    # --- basic form ----------------------------------------------------------------------------
    @on(Input.Changed, ".field-input")
    def field_changed(self, event: Input.Changed) -> None:
        if not (event.input.id or "").startswith("b-"):
            return
        path = tuple(event.input.id[2:].split("-"))
        result = event.validation_result
        error = self.query_one("#e-" + "-".join(path), Label)
        if result is not None and not result.is_valid:
            error.update("；".join(result.failure_descriptions))
            error.display = True
            return
        error.update("")
        error.display = False
        field = next(f for p, f in basic_fields() if p == path)
        # compare as text: ruamel loads dates as date objects, the form holds strings
        if field.to_text(_plain(self.session.get(path))) != event.value.strip():
            self.session.set(path, field.to_value(event.value))
            self.schedule_refresh()

    # --- tables ----------------------------------------------------------------------------
    @on(Select.Changed, "#table-choice")
    def table_changed(self, event: Select.Changed) -> None:
        self.table = str(event.value)
        self.fill_table()

    def table_rows(self) -> list[tuple[tuple, dict]]:
        """(path of the row in the case, row) for the current table; tasks are flattened across sections."""
        if self.table == "tasks":
            out = []
            for si, section in enumerate(self.session.get(("tasks",), []) or []):
                for ii, item in enumerate(section.get("items", []) or []):
                    out.append((("tasks", si, "items", ii), item))
            return out
        return [((self.table, i), row) for i, row in enumerate(self.session.get((self.table,), []) or [])]

    def fill_table(self, cursor: int = 0) -> None:
        table = self.query_one("#facts", DataTable)
        table.clear(columns=True)
        fields = table_fields()[self.table]
        for f in fields:
            table.add_column(f.label, width=f.width)
        self.rows = self.table_rows()
        for i, (_path, row) in enumerate(self.rows):
            table.add_row(*[f.to_text(_plain(row.get(f.key))) for f in fields], key=str(i))
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))

    @on(DataTable.RowSelected, "#facts")
    @on(Button.Pressed, "#row-edit")
    def edit_row(self) -> None:
        table = self.query_one("#facts", DataTable)
        if not self.rows:
            return
        index = table.cursor_row
        path, row = self.rows[index]

        def done(result: dict | None) -> None:
            if result is None:
                return
            target = self.session.get(path)
            for f in table_fields()[self.table]:
                if f.key in result:
                    target[f.key] = result[f.key]
                else:
                    target.pop(f.key, None)
            self.session.changed()
            self.fill_table(index)
            self.schedule_refresh()

        self.app.push_screen(RowEditor(_("Edit row"), table_fields()[self.table], _plain(row)), done)

    @on(Button.Pressed, "#row-add")
    def add_row(self) -> None:
        def done(result: dict | None) -> None:
            if not result:
                return
            if self.table == "tasks":
                sections = self.session.get(("tasks",))
                if not sections:
                    self.session.data["tasks"] = sections = [{"section": _("Main tasks"), "items": []}]
                sections[-1].setdefault("items", []).append(result)
            else:
                if self.session.get((self.table,)) is None:
                    self.session.data[self.table] = []
                self.session.data[self.table].append(result)
            self.session.changed()
            self.fill_table(len(self.rows))
            self.schedule_refresh()

        self.app.push_screen(RowEditor(_("New row"), table_fields()[self.table], {}), done)

    @on(Button.Pressed, "#row-delete")
    def delete_row(self) -> None:
        if not self.rows:
            return
        index = self.query_one("#facts", DataTable).cursor_row
        path, _row = self.rows[index]
        parent = self.session.get(path[:-1])
        del parent[path[-1]]
        self.session.changed()
        self.fill_table(max(0, index - 1))
        self.schedule_refresh()

    # --- documents and slots -----------------------------------------------------------------
    def fill_docs(self) -> None:
        docs = self.query_one("#doclist", OptionList)
        docs.clear_options()
        for did, kind in self.session.documents():
            name = KINDS[kind].name if kind in KINDS else kind
            docs.add_option(Option(f"{name}（{did}）", id=did))
        if docs.option_count:
            docs.highlighted = max(0, self.session.doc_index(self.doc_id) or 0)
        self.fill_slots()

    @on(OptionList.OptionHighlighted, "#doclist")
    def doc_changed(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.doc_id:
            self.doc_id = event.option.id
            self.fill_slots()
            self.schedule_refresh()

    def doc_path(self) -> tuple:
        return ("documents", self.session.doc_index(self.doc_id))

    def fill_slots(self, keep: str | None = None) -> None:
        slots = self.query_one("#slotlist", OptionList)
        slots.clear_options()
        index = self.session.doc_index(self.doc_id) if self.doc_id else None
        if index is None:
            return
        doc = self.session.get(("documents", index))
        kind = doc.get("kind")
        if kind not in KINDS:
            return
        lib = self.drafting.library
        for slot, many in self.document_slots(kind, index):
            override = (doc.get("overrides") or {}).get(slot)
            chosen = (doc.get("slots") or {}).get(slot)
            if override:
                state = _("own text")
            elif chosen:
                ids = [chosen] if isinstance(chosen, str) else list(chosen)
                state = "、".join(lib.get(i).title if lib.get(i) else f"？{i}" for i in ids)
            else:
                offered = lib.for_slot(kind, slot)
                state = _("default: {title}").format(title=offered[0].title) if offered else _("no phrasing")
            mark = _("(several)") if many else ""
            slots.add_option(Option(f"{SLOT_NAMES.get(slot, slot)}{mark} → {state}", id=slot))
        ids = [slots.get_option_at_index(i).id for i in range(slots.option_count)]
        if ids:
            slots.highlighted = ids.index(keep) if keep in ids else 0

    def current_slot(self) -> tuple[str, bool] | None:
        slots = self.query_one("#slotlist", OptionList)
        if slots.highlighted is None:
            return None
        sid = slots.get_option_at_index(slots.highlighted).id
        kind = self.session.get(self.doc_path() + ("kind",))
        return sid, dict(self.document_slots(kind, self.session.doc_index(self.doc_id))).get(sid, False)

    def document_slots(self, kind: str, index: int) -> list[tuple[str, bool]]:
        """The slots this document's own outline fills (the kind's default when the case does not load)."""
        from drafter.errors import DrafterError
        from drafter.outline.tree import outline_slots

        try:
            cf = self.session.case_file()
        except DrafterError:
            cf = None
        return outline_slots(kind, cf, index)

    @on(OptionList.OptionSelected, "#slotlist")
    @on(Button.Pressed, "#slot-pick")
    def pick(self) -> None:
        current = self.current_slot()
        if current is None:
            return
        slot, many = current
        kind = self.session.get(self.doc_path() + ("kind",))
        candidates = self.drafting.library.for_slot(kind, slot)

        def preview(fid: str) -> str:
            from drafter.errors import DrafterError
            from drafter.templating.context import fragment_preview

            try:
                return fragment_preview(self.session.case_file(), self.doc_id, fid, self.drafting)
            except DrafterError as exc:
                return "\n".join(str(p) for p in exc.problems)

        def done(fid: str | None) -> None:
            if not fid:
                return
            path = self.doc_path() + ("slots", slot)
            if many:
                ids = list(self.session.get(path) or [])
                ids = [i for i in ids if i != fid] if fid in ids else ids + [fid]
                self.session.set(path, ids or None)
            else:
                self.session.set(path, fid)
            self.fill_slots(keep=slot)
            self.schedule_refresh()

        self.app.push_screen(FragmentPicker(slot, candidates, preview), done)

    @on(Button.Pressed, "#slot-override")
    def override(self) -> None:
        current = self.current_slot()
        if current is None:
            return
        slot = current[0]
        path = self.doc_path() + ("overrides", slot)

        def done(text: str | None) -> None:
            if text is None:
                return
            self.session.set(path, text.strip() or None)
            self.fill_slots(keep=slot)
            self.schedule_refresh()

        self.app.push_screen(OverrideEditor(slot, str(self.session.get(path) or "")), done)

    @on(Button.Pressed, "#slot-reset")
    def reset_slot(self) -> None:
        current = self.current_slot()
        if current is None:
            return
        slot = current[0]
        for part in ("slots", "overrides"):
            container = self.session.get(self.doc_path() + (part,))
            if container and slot in container:
                del container[slot]
        self.session.changed()
        self.fill_slots(keep=slot)
        self.schedule_refresh()

    # --- preview and problems ----------------------------------------------------------------
    def schedule_refresh(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(REFRESH_DELAY, self.refresh_now)

    def action_refresh_preview(self) -> None:
        self.refresh_now()

    def refresh_now(self) -> None:
        self.render_preview(self.session.text(), self.doc_id)   # snapshot on the UI thread

    class PreviewReady(Message):
        """A rendered preview, posted from the worker thread (post_message never blocks, unlike
        call_from_thread, which could deadlock with an app that is shutting down and waiting for the worker)."""

        def __init__(self, preview) -> None:
            super().__init__()
            self.preview = preview

    @work(thread=True, exclusive=True, group="preview")
    def render_preview(self, text: str, doc_id: str | None) -> None:
        preview = self.session.preview(self.drafting, doc_id, text)
        if preview.text and not preview.problems:   # the proofreader reads what the document says
            from drafter.proof.check import check_text

            preview.problems = check_text(preview.text, _("Preview"), self.proof_config())
        if not get_current_worker().is_cancelled:
            self.post_message(self.PreviewReady(preview))

    def on_editor_screen_preview_ready(self, message: PreviewReady) -> None:
        self.show_preview(message.preview)

    def proof_config(self) -> dict:
        if not hasattr(self, "_proof_config"):
            from drafter.errors import DrafterError
            from drafter.proof.check import config

            try:
                self._proof_config = config()
            except DrafterError:
                self._proof_config = {}
        return self._proof_config

    def show_preview(self, preview) -> None:
        self.last_refresh_ms = preview.ms
        self.refreshes += 1
        self.query_one("#preview-text", Static).update(preview.text or _("(fix the problems to see the preview)"))
        self.problems = preview.problems
        plist = self.query_one("#problem-list", OptionList)
        plist.clear_options()
        for i, p in enumerate(self.problems):
            plist.add_option(Option(str(p), id=str(i)))
        if self.problems:
            plist.highlighted = 0
        tab = self.query_one(TabbedContent).get_tab("problems")
        tab.label = _("Problems ({n})").format(n=len(self.problems)) if self.problems else _("Problems")

    @on(OptionList.OptionSelected, "#problem-list")
    def jump(self, event: OptionList.OptionSelected) -> None:
        self.jump_to(self.problems[int(event.option.id)])

    def jump_to(self, problem) -> None:
        """Show the field, table row or slot a problem names."""
        parts = _path_parts(problem.path)
        tabs = self.query_one(TabbedContent)
        if problem.rule and problem.path is None and problem.line:   # a proofreading finding in the preview
            tabs.active = "preview"
            scroll = self.query_one("#preview-scroll", VerticalScroll)
            scroll.focus()
            scroll.scroll_to(y=self._preview_row(problem.line), animate=False)
            return
        if not parts or parts[0] in ("org", "meeting"):
            tabs.active = "basic"
            if len(parts) >= 2:
                for inp in self.query("#b-" + "-".join(str(p) for p in parts[:2])):
                    inp.focus()
            return
        if parts[0] in TABLES:
            tabs.active = "tables"
            self.query_one("#table-choice", Select).value = parts[0]
            self.table = parts[0]
            self.fill_table()
            want = tuple(parts[:4]) if parts[0] == "tasks" else tuple(parts[:2])
            for i, (path, _row) in enumerate(self.rows):
                if path == want:
                    self.query_one("#facts", DataTable).move_cursor(row=i)
            self.query_one("#facts", DataTable).focus()
            return
        if parts[0] == "documents" and len(parts) > 1:
            tabs.active = "docs"
            docs = self.session.documents()
            if parts[1] < len(docs):
                self.doc_id = docs[parts[1]][0]
                self.fill_docs()
            slot = parts[3] if len(parts) > 3 and parts[2] in ("slots", "overrides") else None
            self.fill_slots(keep=slot)
            self.query_one("#slotlist", OptionList).focus()

    def _preview_row(self, line: int) -> int:
        """The screen row of preview line `line`, counting wrapped lines (CJK characters are two cells)."""
        from rich.cells import cell_len

        width = max(1, self.query_one("#preview-text", Static).size.width or 76)
        text = str(self.query_one("#preview-text", Static).render()).split("\n")
        return sum(max(1, -(-cell_len(t) // width)) for t in text[: line - 1])

    # --- actions -----------------------------------------------------------------------------
    FOCUS = {"basic": ".field-input", "tables": "#facts", "docs": "#slotlist", "preview": "#preview-scroll",
             "problems": "#problem-list"}

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name
        self.query(self.FOCUS[name]).first().focus()

    @on(TabbedContent.TabActivated)
    def tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id if event.pane is not None else None
        if pane in self.FOCUS and not self.FOCUS[pane].startswith(".") and self.app.focused is event.tabbed_content.query_one("Tabs"):
            self.query(self.FOCUS[pane]).first().focus()

    def action_save(self) -> None:
        path = self.session.save()
        self.notify(_("Saved {path}").format(path=path))

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.session, self.drafting, self.doc_id))
