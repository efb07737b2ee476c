"""The first screen: start a case from a kind or an example, open a recent case, or any file."""

from __future__ import annotations

import json
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from drafter.kinds import KINDS
from drafter.resources import bundled, user_library
from drafter.tui.i18n import _

MAX_RECENT = 8


def recent_file() -> Path:
    return user_library() / "recent.json"


def recent_cases() -> list[Path]:
    try:
        items = json.loads(recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in items if isinstance(p, str) and Path(p).exists()]


def remember(path: Path) -> None:
    from drafter.atomic import write_atomic

    items = [str(path.resolve())] + [str(p) for p in recent_cases() if p.resolve() != path.resolve()]
    write_atomic(recent_file(), json.dumps(items[:MAX_RECENT], ensure_ascii=False).encode("utf-8"))


def _example_name(path: Path) -> str:
    """An example's meeting and documents, e.g. 全市……动员大会（讲话稿、主持词、会议新闻稿）."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds = "、".join(KINDS[d["kind"]].name for d in data["documents"] if d.get("kind") in KINDS)
        meeting = data.get("meeting") or {}
        subject = meeting.get("name") or data["org"]["name"]   # a case without a meeting
        return f"{subject}（{kinds}）"
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return path.stem


class HomeScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Label(_("What would you like to draft?"), classes="dialog-title")
            options = [Option(_("New case: {kind}").format(kind=k.name), id=f"new:{k.id}") for k in KINDS.values()]
            for example in sorted(bundled("examples").glob("*.yaml")):
                options.append(Option(_("Start from example: {name}").format(name=_example_name(example)),
                                      id=f"example:{example}"))
            for path in recent_cases():
                options.append(Option(_("Open recent: {name}").format(name=path), id=f"recent:{path}"))
            options.append(Option(_("Open a case file…"), id="open"))
            yield OptionList(*options, id="home-actions")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("drafter — drafting official documents")
        self.query_one("#home-actions", OptionList).focus()

    @on(OptionList.OptionSelected, "#home-actions")
    def choose(self, event: OptionList.OptionSelected) -> None:
        from drafter.tui.screens.modals import PathPrompt

        action, _sep, arg = (event.option.id or "").partition(":")
        if action == "new":
            kind = KINDS[arg]
            default = str(Path.cwd() / f"{kind.name}案卷.yaml")
            self.app.push_screen(PathPrompt(_("Where should the new case be saved?"), default),
                                 lambda p: p and self.create(Path(p).expanduser(), bundled("starters") / kind.starter))
        elif action == "example":
            source = Path(arg)
            default = str(Path.cwd() / source.name)
            self.app.push_screen(PathPrompt(_("Save a copy of the example as"), default),
                                 lambda p: p and self.create(Path(p).expanduser(), source))
        elif action == "recent":
            self.app.open_case(Path(arg))
        else:
            self.app.push_screen(PathPrompt(_("Case file to open"), str(Path.cwd())),
                                 lambda p: p and self.app.open_case(Path(p).expanduser()))

    def create(self, target: Path, source: Path) -> None:
        from drafter.atomic import write_atomic

        if target.exists():
            self.notify(_("{path} already exists; nothing was changed").format(path=target), severity="error")
            return
        write_atomic(target, source.read_bytes())
        self.app.open_case(target)
