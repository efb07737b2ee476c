"""Modal dialogs: edit a table row, pick a fragment, write an override, export, recover, ask for a path."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, ProgressBar, Static, TextArea
from textual.widgets.option_list import Option

from drafter.kinds import SLOT_NAMES
from drafter.tui.fields import Field, FieldValidator
from drafter.tui.i18n import _


class RowEditor(ModalScreen[dict | None]):
    """Edit one row of a facts table; each cell is checked as the user types."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str, fields: list[Field], row: dict):
        super().__init__()
        self.title_text, self.fields, self.row = title, fields, row

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll():
                for f in self.fields:
                    with Horizontal(classes="field"):
                        yield Label(f.label, classes="field-label")
                        hint = f"（{'/'.join(c for c in f.choices if c)}）" if f.choices else ""
                        yield Input(f.to_text(self.row.get(f.key)), placeholder=hint, id=f"f-{f.key}",
                                    validators=[FieldValidator(f)], classes="field-input", compact=True)
                    yield Label("", id=f"e-{f.key}", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    @on(Input.Changed)
    def show_problem(self, event: Input.Changed) -> None:
        key = (event.input.id or "")[2:]
        msg = "" if event.validation_result is None or event.validation_result.is_valid else \
            "；".join(event.validation_result.failure_descriptions)
        label = self.query_one(f"#e-{key}", Label)
        label.update(msg)
        label.display = bool(msg)

    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        out = dict(self.row)
        for f in self.fields:
            inp = self.query_one(f"#f-{f.key}", Input)
            result = inp.validate(inp.value)
            if result is not None and not result.is_valid:
                inp.focus()
                self.notify("；".join(result.failure_descriptions), severity="error")
                return
            value = f.to_value(inp.value)
            if value is None:
                out.pop(f.key, None)
            else:
                out[f.key] = value
        self.dismiss(out)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FragmentPicker(ModalScreen[str | None]):
    """Search the library for a slot (typing part of a phrase finds it) and preview it filled with the facts."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, slot: str, candidates: list, preview):
        super().__init__()
        self.slot, self.candidates, self.preview = slot, candidates, preview

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("Choose standard phrasing for slot “{slot}”").format(slot=SLOT_NAMES.get(self.slot, self.slot)),
                        classes="dialog-title")
            yield Input(placeholder=_("Type a keyword or part of a phrase"), id="search")
            with Horizontal(id="pick-body"):
                yield OptionList(id="hits")
                with VerticalScroll(id="frag-preview-box"):
                    yield Static("", id="frag-preview")
            with Horizontal(classes="buttons"):
                yield Button(_("Use this"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.fill("")

    def fill(self, query: str) -> None:
        words = query.split()
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        for f in self.candidates:
            hay = " ".join((f.id, f.title, " ".join(f.tags), f.text))
            if all(w in hay for w in words):
                hits.add_option(Option(f"{f.title}", id=f.id))
        if hits.option_count:
            hits.highlighted = 0
        else:
            self.query_one("#frag-preview", Static).update(_("Nothing matches; try a shorter phrase"))

    @on(Input.Changed, "#search")
    def search(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(OptionList.OptionHighlighted, "#hits")
    def show(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#frag-preview", Static).update(self.preview(event.option.id))

    @on(OptionList.OptionSelected, "#hits")
    @on(Button.Pressed, "#ok")
    def choose(self) -> None:
        hits = self.query_one("#hits", OptionList)
        if hits.highlighted is None:
            return
        self.dismiss(hits.get_option_at_index(hits.highlighted).id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class OverrideEditor(ModalScreen[str | None]):
    """Free text for a slot; it wins over any fragment. Empty text removes the override."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, slot: str, text: str):
        super().__init__()
        self.slot, self.text = slot, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("Own text for slot “{slot}” (a blank line starts a new paragraph)")
                        .format(slot=SLOT_NAMES.get(self.slot, self.slot)),
                        classes="dialog-title")
            yield TextArea(self.text, id="override")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.dismiss(self.query_one("#override", TextArea).text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[list[Path] | None]):
    """Export one or all documents to a folder, with progress and the paths written at the end."""

    BINDINGS = [("escape", "cancel", _("Close"))]

    def __init__(self, session, drafting, current_doc: str | None):
        super().__init__()
        self.session, self.drafting, self.current_doc = session, drafting, current_doc

    def compose(self) -> ComposeResult:
        default = self.session.path.parent / "out"
        with Vertical(classes="dialog"):
            yield Label(_("Export"), classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label(_("Folder"), classes="field-label")
                yield Input(str(default), id="folder", classes="field-input", compact=True)
            yield Checkbox(_("Word document (.docx)"), True, id="docx")
            yield Checkbox(_("Plain text (.txt)"), False, id="text")
            yield Checkbox(_("All documents of the case"), True, id="all")
            yield ProgressBar(total=1, show_eta=False, id="progress")
            yield Static("", id="result")
            with Horizontal(classes="buttons"):
                yield Button(_("Export"), variant="primary", id="go")
                yield Button(_("Close"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#go")
    def go(self) -> None:
        formats = [f for f in ("docx", "text") if self.query_one(f"#{f}", Checkbox).value]
        docs = [d for d, _k in self.session.documents()]
        if not self.query_one("#all", Checkbox).value and self.current_doc:
            docs = [self.current_doc]
        self.query_one("#go", Button).disabled = True
        self.export(Path(self.query_one("#folder", Input).value).expanduser(), formats, docs)

    class Progress(Message):
        """Posted from the export thread: never blocks, so closing the app cannot deadlock with it."""

        def __init__(self, done: int, total: int, written: list[Path] | None = None, error: str = "") -> None:
            super().__init__()
            self.done, self.total, self.written, self.error = done, total, written, error

    @work(thread=True, exclusive=True)
    def export(self, folder: Path, formats: list[str], docs: list[str]) -> None:
        from drafter.errors import DrafterError

        total = len(formats) * len(docs)
        self.post_message(self.Progress(0, total))
        written: list[Path] = []
        try:
            cf = self.session.case_file()
            for fmt in formats:
                for doc in docs:
                    written += self.drafting.export(cf, folder, fmt, doc)
                    self.post_message(self.Progress(len(written), total))
        except DrafterError as exc:
            self.post_message(self.Progress(total, total, written, "\n".join(str(p) for p in exc.problems)))
            return
        self.post_message(self.Progress(total, total, written))

    def on_export_screen_progress(self, message: Progress) -> None:
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)
        if message.written is not None:
            self.finish(message.written, message.error)

    def finish(self, written: list[Path], error: str) -> None:
        lines = [_("Written:")] + [f"  {p}" for p in written] if written else []
        if error:
            lines += [_("Could not export:"), error]
        self.query_one("#result", Static).update("\n".join(lines))
        self.query_one("#go", Button).disabled = False
        self.written = written

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(getattr(self, "written", None))


class RecoverScreen(ModalScreen[bool]):
    """Offer back the unsaved state a crash or a killed terminal left behind."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Unsaved changes were found"), classes="dialog-title")
            yield Static(_("drafter was closed before “{name}” was saved. Restore the unsaved changes?")
                         .format(name=self.path.name))
            with Horizontal(classes="buttons"):
                yield Button(_("Restore"), variant="primary", id="yes")
                yield Button(_("Discard them"), variant="error", id="no")

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PathPrompt(ModalScreen[str | None]):
    """Ask where a new case file goes (or which file to open)."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str, default: str):
        super().__init__()
        self.title_text, self.default = title, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.default, id="path")
            yield Label("", id="path-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if value:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
