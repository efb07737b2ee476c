"""The drafter TUI application: opening a case safely, keys, a Chinese command palette, quitting.

Opening goes through the CLI's own loader first, so a case with a syntax error opens into a screen
that lists its located problems and lets the user fix the text right there — never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label

from drafter.tui.i18n import _
from drafter.tui.session import Session


class QuitScreen(ModalScreen[str]):
    BINDINGS = [("escape", "cancel", _("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("The case has unsaved changes"), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(_("Save and quit"), variant="primary", id="save")
                yield Button(_("Quit without saving"), variant="error", id="quit")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss("cancel")


class ChinesePalette(CommandPalette):
    """Textual's command palette with Chinese words."""

    def __init__(self) -> None:
        super().__init__(placeholder=_("Type to search the commands…"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        from rich.align import Align
        from rich.text import Text
        from textual.command import CommandList
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(_("No command matches"), style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False
        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


class DrafterApp(App):
    CSS_PATH = "drafter.tcss"
    TITLE = _("drafter — drafting official documents")
    COMMAND_PALETTE_DISPLAY = _("Commands")
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), priority=True),
        Binding("ctrl+p", "command_palette", _("Commands"), show=False, priority=True),   # the footer shows it on its own
        Binding("f1", "help", _("Help")),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, path: str | Path | None = None):
        super().__init__()
        import threading

        self.start_path = Path(path) if path else None
        self._drafting = None
        self._drafting_lock = threading.Lock()

    @property
    def drafting(self):
        with self._drafting_lock:
            if self._drafting is None:
                from drafter.pipeline import Drafting

                self._drafting = Drafting()
            return self._drafting

    def on_mount(self) -> None:
        """A case named on the command line opens straight away; the home screen is made only when wanted."""

        from drafter.tui.screens.home import HomeScreen

        # the drafting pipeline (library, templates) loads in the first preview's worker, after the screen is up
        if self.start_path:
            self.open_case(self.start_path)
        else:
            self.push_screen(HomeScreen())

    # --- opening -------------------------------------------------------------------------------
    def open_case(self, path: Path) -> None:
        from drafter.errors import DrafterError
        from drafter.tui.screens.modals import RecoverScreen, recovered_name
        from drafter.tui.session import OpenElsewhere

        path = Path(path)
        try:
            recovery = Session.recovery_for(path)
        except OSError:
            recovery = None
        if recovery is not None:
            def answer(choice: str | None) -> None:
                from drafter.atomic import write_atomic
                from drafter.tui.session import journal_path

                if choice is None:
                    self.ensure_home()
                    return
                if choice == "discard":
                    keep = path.with_name(recovered_name(path))
                    write_atomic(keep, recovery.recovered_text().encode("utf-8"))
                    journal_path(path).unlink(missing_ok=True)
                    self.notify(_("The discarded edits are kept in {name}").format(name=keep.name))
                    self.open_case(path)
                    return
                text = recovery.recovered_text()
                if recovery.file_text is not None and recovery.file_changed:
                    keep = path.with_name(recovered_name(path))
                    write_atomic(keep, text.encode("utf-8"))
                    journal_path(path).unlink(missing_ok=True)
                    self.notify(_("The recovered version was saved as {name}; opening it").format(name=keep.name), timeout=8)
                    self.open_case(keep)
                    return
                if recovery.file_text is None:         # the case file itself is gone: write back what it was
                    write_atomic(path, recovery.base_text.encode("utf-8"))
                try:
                    session = Session.recovered(path, recovery)
                except DrafterError as exc:
                    self.notify("\n".join(str(p) for p in exc.problems), severity="error", timeout=10)
                    return
                self.show_editor(session)
            self.push_screen(RecoverScreen(path, recovery), answer)
            return
        try:
            session = Session.open(path)
        except OpenElsewhere as exc:
            self.notify("\n".join(str(p.message) for p in exc.problems), severity="error", timeout=10)
            self.ensure_home()
            return
        except DrafterError as exc:
            self.show_open_error(path, exc)
            return
        self.show_editor(session)

    def show_editor(self, session: Session) -> None:
        from drafter.tui.screens.editor import EditorScreen
        from drafter.tui.screens.home import remember

        try:
            remember(session.path)
        except OSError:
            pass
        self.push_screen(EditorScreen(session))

    def show_open_error(self, path: Path, exc) -> None:
        from drafter.tui.screens.modals import OpenErrorScreen

        try:
            text = path.read_text(encoding="utf-8") if path.stat().st_size < 2_000_000 else None
        except (OSError, UnicodeDecodeError):
            text = None
        problems = [str(p) for p in exc.problems]

        def answer(choice: str | None) -> None:
            if choice == "retry":
                self.open_case(path)
            else:
                self.ensure_home()
        self.push_screen(OpenErrorScreen(path, problems, text), answer)

    def ensure_home(self) -> None:
        """Never leave the user on an empty screen: with no case open, the home screen is there."""
        from drafter.tui.screens.home import HomeScreen

        if self.editor() is None and not any(isinstance(s, HomeScreen) for s in self.screen_stack):
            self.push_screen(HomeScreen())

    # --- screens -------------------------------------------------------------------------------
    def editor(self):
        from drafter.tui.screens.editor import EditorScreen

        return next((s for s in reversed(self.screen_stack) if isinstance(s, EditorScreen)), None)

    def action_quit(self) -> None:
        editor = self.editor()
        if editor is None or not editor.session.dirty:
            if editor is not None:
                editor.session.close()
            self.exit()
            return

        def answer(choice: str) -> None:
            if choice == "save":
                from drafter.tui.session import ChangedOnDisk

                try:
                    editor.session.save()
                except (ChangedOnDisk, OSError) as exc:
                    self.notify(str(getattr(exc, "problems", [exc])[0]), severity="error", timeout=8)
                    return
                editor.session.close()
                self.exit()
            elif choice == "quit":
                editor.session.discard_journal()
                editor.session.dirty = False
                editor.session.close()
                self.exit()

        self.push_screen(QuitScreen(), answer)

    def action_help_quit(self) -> None:
        self.notify(_("Press Ctrl+Q to quit"), title=_("Quit?"))

    def action_help(self) -> None:
        from drafter.tui.screens.modals import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(ChinesePalette())

    def get_system_commands(self, screen: Screen):
        """Every command of the current screen, in Chinese (Textual's English ones are left out)."""
        yield SystemCommand(_("Help"), _("Keys and what they do (F1)"), self.action_help)
        yield SystemCommand(_("Home: start or open a case"), _("Go back to the first screen"), self.go_home)
        editor = self.editor()
        if editor is not None and screen is editor:
            yield SystemCommand(_("Save case"), _("Write the case file (Ctrl+S)"), editor.action_save)
            yield SystemCommand(_("Export documents"), _("Write .docx or text files (Ctrl+E)"), editor.action_export)
            yield SystemCommand(_("Undo"), _("Take back the last edit (Ctrl+Z)"), editor.action_undo)
            yield SystemCommand(_("Redo"), _("Do the undone edit again (Ctrl+Y)"), editor.action_redo)
            yield SystemCommand(_("Refresh preview"), _("Render the documents again (F5)"), editor.action_refresh_preview)
            yield SystemCommand(_("Add"), _("Add a row or part after the selected one (A)"), editor.action_add)
            yield SystemCommand(_("Delete"), _("Delete the selected row or part (Delete)"), editor.action_delete)
            yield SystemCommand(_("Move up"), _("Alt+↑"), lambda: editor.action_move(-1))
            yield SystemCommand(_("Move down"), _("Alt+↓"), lambda: editor.action_move(1))
            yield SystemCommand(_("Indent"), _("Put the part under the heading above it (Alt+→)"), editor.action_indent)
            yield SystemCommand(_("Outdent"), _("Take the part out of its heading (Alt+←)"), editor.action_outdent)
            for tab, title, key in (("edit", _("Edit"), "F2"), ("preview", _("Preview"), "F3"),
                                    ("problems", _("Problems"), "F4")):
                yield SystemCommand(_("Show tab: {tab}").format(tab=title), key, lambda t=tab: editor.action_tab(t))
        yield SystemCommand(_("Quit"), _("Leave drafter (Ctrl+Q)"), self.action_quit)

    def go_home(self) -> None:
        """Back to the first screen; unsaved edits are asked about, as on quitting."""
        from drafter.tui.screens.home import HomeScreen

        editor = self.editor()

        def leave() -> None:
            if editor is not None:
                editor.session.close()
            while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
                self.pop_screen()

        if editor is None or not editor.session.dirty:
            leave()
            return

        def answer(choice: str) -> None:
            if choice == "save":
                try:
                    editor.session.save()
                except Exception as exc:   # noqa: BLE001 - shown, never a traceback
                    self.notify(str(getattr(exc, "problems", [exc])[0]), severity="error", timeout=8)
                    return
                leave()
            elif choice == "quit":
                editor.session.discard_journal()
                editor.session.dirty = False
                leave()
        self.push_screen(QuitScreen(), answer)
