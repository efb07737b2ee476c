"""The drafter TUI application: screens, key bindings, command palette, crash recovery on open."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label

from drafter.tui.i18n import _
from drafter.tui.session import Session


class QuitScreen(ModalScreen[str]):
    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("The case has unsaved changes"), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(_("Save and quit"), variant="primary", id="save")
                yield Button(_("Quit without saving"), variant="error", id="quit")
                yield Button(_("Cancel"), id="cancel")

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class DrafterApp(App):
    CSS_PATH = "drafter.tcss"
    COMMAND_PALETTE_DISPLAY = "^p"
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), priority=True),
        Binding("ctrl+p", "command_palette", _("Commands"), show=False),
    ]

    def __init__(self, path: str | Path | None = None):
        super().__init__()
        self.start_path = Path(path) if path else None
        self._drafting = None

    @property
    def drafting(self):
        if self._drafting is None:
            from drafter.pipeline import Drafting

            self._drafting = Drafting()
        return self._drafting

    def on_mount(self) -> None:
        from drafter.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.start_path:
            self.open_case(self.start_path)

    def open_case(self, path: Path) -> None:
        from drafter.errors import DrafterError
        from drafter.tui.screens.editor import EditorScreen
        from drafter.tui.screens.home import remember
        from drafter.tui.screens.modals import RecoverScreen

        def show(session: Session) -> None:
            remember(path)
            self.push_screen(EditorScreen(session, self.drafting))

        if Session.recovery_for(path):
            def answer(restore: bool) -> None:
                if restore:
                    show(Session.recover(path))
                else:
                    Session.open(path).discard_journal()
                    show(Session.open(path))
            self.push_screen(RecoverScreen(path), answer)
            return
        try:
            show(Session.open(path))
        except DrafterError as exc:
            self.notify("\n".join(str(p) for p in exc.problems), severity="error", timeout=8)

    def editor(self):
        from drafter.tui.screens.editor import EditorScreen

        return self.screen if isinstance(self.screen, EditorScreen) else None

    def action_quit(self) -> None:
        editor = self.editor()
        if editor is None or not editor.session.dirty:
            if editor is not None:
                editor.session.discard_journal()
            self.exit()
            return

        def answer(choice: str) -> None:
            if choice == "save":
                editor.session.save()
                self.exit()
            elif choice == "quit":
                editor.session.discard_journal()
                self.exit()

        self.push_screen(QuitScreen(), answer)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand(_("Home: start or open a case"), _("Go back to the first screen"), self.go_home)
        editor = self.editor()
        if editor is not None:
            yield SystemCommand(_("Save case"), _("Write the case file (Ctrl+S)"), editor.action_save)
            yield SystemCommand(_("Export documents"), _("Write .docx or text files (Ctrl+E)"), editor.action_export)
            yield SystemCommand(_("Refresh preview"), _("Render the selected document again (F5)"),
                                editor.action_refresh_preview)
            for tab, title in (("basic", _("Basics")), ("tables", _("Tables")), ("docs", _("Documents")),
                               ("preview", _("Preview")), ("problems", _("Problems"))):
                yield SystemCommand(_("Show tab: {tab}").format(tab=title), "", lambda t=tab: editor.action_tab(t))

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
