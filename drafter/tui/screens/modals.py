"""Modal dialogs: pick a fragment, choose among a few answers, export, recover, fix a case that will not open, help."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, ProgressBar, Static, TextArea
from textual.widgets.option_list import Option

from drafter.kinds import SLOT_NAMES
from drafter.tui.i18n import _


class FragmentPicker(ModalScreen[str | None]):
    """Search the library for a slot (typing part of a phrase finds it) and preview it filled with the facts."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, slot: str, candidates: list, preview, current: str | None = None):
        super().__init__()
        self.slot, self.candidates, self.preview, self.current = slot, candidates, preview, current

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
        self.query_one("#search", Input).focus()

    def fill(self, query: str) -> None:
        words = query.split()
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        for f in self.candidates:
            hay = " ".join((f.id, f.title, " ".join(f.tags), f.text))
            if all(w in hay for w in words):
                mark = _(" (chosen)") if f.id == self.current else ""
                hits.add_option(Option(f"{f.title}{mark}", id=f.id))
        if hits.option_count:
            ids = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
            hits.highlighted = ids.index(self.current) if self.current in ids else 0
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


class ExportScreen(ModalScreen[list[Path] | None]):
    """Export one or all documents to a folder, with progress and the paths written at the end."""

    BINDINGS = [("escape", "cancel", _("Close"))]

    def __init__(self, session, drafting, current_doc: str | None, describe=str):
        super().__init__()
        self.session, self.drafting, self.current_doc, self.describe = session, drafting, current_doc, describe

    def compose(self) -> ComposeResult:
        default = self.session.path.resolve().parent / "out"
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
        """Render everything in memory first; files are written only after the user agreed to overwrite."""
        from drafter.errors import CaseError, DrafterError

        total = len(formats) * len(docs)
        self.post_message(self.Progress(0, total))
        files: list[tuple[Path, bytes]] = []
        try:
            cf = self.session.case_file()
            stem = self.session.path.stem
            trees = {doc: self.drafting.build(cf, doc)[0] for doc in docs}
            if len(trees) == len(cf.case.documents):   # the whole case, as `drafter render` refuses it: a fact no one uses
                unused = self.drafting.unused_facts(cf, list(trees.values()))
                if unused:
                    raise CaseError(unused)
            for fmt in formats:
                for doc in docs:
                    title = trees[doc].title
                    for out in self.drafting.outputs(trees[doc], fmt, stem):   # each document drafted once
                        rest = out.filename[len(f"{stem}-{out.doc_id}"):] if out.filename.startswith(f"{stem}-") else \
                            Path(out.filename).suffix
                        files.append((folder / (file_name(title) + rest), out.data))
                    self.post_message(self.Progress(len(files), total))
        except DrafterError as exc:
            self.post_message(self.Progress(total, total, [], "\n".join(self.describe(p) for p in exc.problems[:20])))
            return
        self.post_message(self.Rendered(files))

    class Rendered(Message):
        def __init__(self, files: list) -> None:
            super().__init__()
            self.files = files

    def on_export_screen_rendered(self, message: Rendered) -> None:
        files = message.files
        existing = [f for f, _d in files if f.exists()]
        if not existing:
            self.write(files)
            return

        def answer(choice: str | None) -> None:
            if choice == "overwrite":
                self.write(files)
            else:
                self.finish([], _("Nothing was written."))
        names = "、".join(f.name for f in existing[:4]) + ("……" if len(existing) > 4 else "")
        self.app.push_screen(ChoiceScreen(_("Some files already exist"),
                                          [(_("Overwrite them"), "overwrite"), (_("Cancel"), "cancel")],
                                          note=names), answer)

    def write(self, files: list) -> None:
        from drafter.atomic import write_atomic

        written = []
        for target, data in files:
            try:
                write_atomic(target, data)
            except OSError as exc:
                self.finish(written, _("Could not write {path}: {why}").format(path=target, why=exc.strerror or exc))
                return
            written.append(target)
        self.finish(written, "")

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


def file_name(title: str) -> str:
    """A file name from a document's title: what a secretary would type, without characters a disk refuses."""
    import re

    name = re.sub(r'[\\/:*?"<>|\s]+', "", title)[:60]
    return name or "文档"


class RecoverScreen(ModalScreen[str | None]):
    """Offer back what a crash or a killed terminal left unsaved, saying what the journal and the file each hold."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, path: Path, recovery):
        super().__init__()
        self.path, self.recovery = path, recovery

    def compose(self) -> ComposeResult:
        r = self.recovery
        with Vertical(classes="dialog"):
            yield Label(_("Unsaved changes were found"), classes="dialog-title")
            lines = [_("drafter was closed before “{name}” was saved: {n} unsaved edits were kept.")
                     .format(name=self.path.name, n=r.places)]
            if r.file_text is None:
                lines.append(_("The case file itself is gone; restoring writes it again."))
            elif r.file_changed:
                lines.append(_("The file was changed since then by someone else. Restoring keeps both: the "
                               "recovered version is saved beside it as “{copy}”.").format(copy=recovered_name(self.path)))
            else:
                lines.append(_("The file has not changed since; restoring puts the edits back on top of it."))
            yield Static("\n".join(lines))
            with Horizontal(classes="buttons"):
                yield Button(_("Restore"), variant="primary", id="restore")
                yield Button(_("Discard the edits"), variant="error", id="discard")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def recovered_name(path: Path) -> str:
    return f"{path.stem}.恢复{path.suffix}"


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers (a list, so arrows and Enter work); Escape cancels."""

    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def __init__(self, title: str, options: list[tuple[str, str]], note: str = ""):
        super().__init__()
        self.title_text, self.options, self.note = title, options, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note)
            yield OptionList(*[Option(text, id=value) for text, value in self.options], id="choices")

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OpenErrorScreen(ModalScreen[str | None]):
    """A case that cannot be read: its located problems, and the file as text to fix it right here."""

    BINDINGS = [("escape", "cancel", _("Back")), Binding("ctrl+s", "retry", _("Save and open again"), priority=True)]

    def __init__(self, path: Path, problems: list[str], text: str | None):
        super().__init__()
        self.path, self.problems, self.text = path, problems, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("“{name}” cannot be opened yet").format(name=self.path.name), classes="dialog-title")
            yield Static("\n".join(self.problems[:8]), id="open-problems")
            if self.text is not None:
                area = TextArea(self.text, id="raw", show_line_numbers=True, soft_wrap=False)
                yield area
            with Horizontal(classes="buttons"):
                if self.text is not None:
                    yield Button(_("Save and open again"), variant="primary", id="retry")
                yield Button(_("Back"), id="cancel")

    def on_mount(self) -> None:
        for area in self.query("#raw"):
            area.focus()
            line = _first_line(self.problems)
            if line:
                area.move_cursor((line - 1, 0))

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        if self.text is None:
            return
        from drafter.atomic import write_atomic

        text = self.query_one("#raw", TextArea).text
        write_atomic(self.path, text.encode("utf-8"))
        self.dismiss("retry")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _first_line(problems: list[str]) -> int | None:
    import re

    for p in problems:
        m = re.search(r":(\d+)", p)
        if m:
            return int(m.group(1))
    return None


class HelpScreen(ModalScreen[None]):
    """F1: what each key does, in Chinese."""

    BINDINGS = [("escape,f1,q", "close", _("Close"))]

    def compose(self) -> ComposeResult:
        keys = [
            ("F2 / F3 / F4", _("Edit, Preview, Problems tabs")),
            ("↑ ↓ Enter", _("Move in the tree; Enter opens a branch")),
            ("Tab", _("From the tree to the form and back")),
            ("A / Insert", _("Add a row or part after the selected one")),
            ("Delete / X", _("Delete the selected row or part")),
            ("Alt+↑ / Alt+↓", _("Move it up or down")),
            ("Alt+→ / Alt+←", _("Put a part under the heading above, or take it out")),
            ("Ctrl+Z / Ctrl+Y", _("Undo, redo")),
            ("Ctrl+S", _("Save the case")),
            ("Ctrl+E", _("Export .docx or text")),
            ("Ctrl+P", _("All commands")),
            ("Ctrl+Q", _("Quit")),
        ]
        with Vertical(classes="dialog"):
            yield Label(_("Keys"), classes="dialog-title")
            yield Static("\n".join(f"{k:<16}{v}" for k, v in keys))
            yield Static(_("Every edit is kept at once: a crash or a closed terminal loses nothing."), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(_("Close"), id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


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
