"""The Textual TUI. Imported only by `drafter` (no arguments) and `drafter edit`; the core never imports it."""


def run(path: str | None = None) -> int:
    from drafter.tui.app import DrafterApp

    DrafterApp(path).run()
    return 0
