"""One open case in the TUI: round-trip YAML (comments kept), a journal of every change, atomic saves.

Every edit is journalled at once to a sidecar file (atomically), so a crash or a killed terminal loses
nothing; Ctrl+S writes the case itself (atomically). Validation and preview run the same pipeline as
`drafter render`.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.atomic import write_atomic
from drafter.errors import DrafterError
from drafter.problems import Problem

JOURNAL_SUFFIX = ".drafter-autosave"


def _yaml():
    """The writer that agrees with the loader (one YAML dialect): text typed as text stays text."""
    from drafter.yamlsource import round_trip

    return round_trip()


def journal_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{JOURNAL_SUFFIX}")


@dataclass
class Preview:
    text: str
    problems: list[Problem]
    ms: float


class Session:
    def __init__(self, path: Path, text: str):
        self.path = Path(path)
        self.data = _yaml().load(text) if text.strip() else {}
        self.dirty = False
        self._text: str | None = None   # the last dump, shared by the journal and the preview

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> Session:
        path = Path(path)
        from drafter.yamlsource import read_text

        return cls(path, read_text(path))

    @staticmethod
    def recovery_for(path: str | Path) -> Path | None:
        """A journal left by an unclean exit, if it holds something the case file does not."""
        path = Path(path)
        j = journal_path(path)
        if not j.exists():
            return None
        if path.exists() and j.read_bytes() == path.read_bytes():
            j.unlink()
            return None
        return j

    @classmethod
    def recover(cls, path: str | Path) -> Session:
        path = Path(path)
        s = cls(path, journal_path(path).read_text(encoding="utf-8"))
        s.dirty = True
        return s

    # --- data --------------------------------------------------------------------------------
    def text(self) -> str:
        if self._text is None:
            buf = io.StringIO()
            _yaml().dump(self.data, buf)
            self._text = buf.getvalue()
        return self._text

    def get(self, path: tuple, default: Any = None) -> Any:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def set(self, path: tuple, value: Any) -> None:
        """Set a value (creating mappings on the way); an empty string or None removes an optional key."""
        node = self.data
        for part in path[:-1]:
            if isinstance(node, dict) and part not in node:
                node[part] = {}
            node = node[part]
        key = path[-1]
        if value in ("", None) and isinstance(node, dict):
            node.pop(key, None)
        else:
            node[key] = value
        self.changed()

    def changed(self) -> None:
        self.dirty = True
        self._text = None
        write_atomic(journal_path(self.path), self.text().encode("utf-8"))

    def save(self) -> Path:
        write_atomic(self.path, self.text().encode("utf-8"))
        journal_path(self.path).unlink(missing_ok=True)
        self.dirty = False
        return self.path

    def discard_journal(self) -> None:
        journal_path(self.path).unlink(missing_ok=True)

    # --- the pipeline ------------------------------------------------------------------------
    def case_file(self, text: str | None = None):
        from drafter.facts.load import parse_case

        return parse_case(self.text() if text is None else text, str(self.path), self.path)

    def validate(self) -> list[Problem]:
        try:
            self.case_file()
        except DrafterError as exc:
            return exc.problems
        return []

    def preview(self, drafting, doc_id: str | None, text: str | None = None) -> Preview:
        """Render `doc_id` from `text` (a snapshot taken on the UI thread) or the current data."""
        t = time.perf_counter()
        try:
            cf = self.case_file(text)
            outs = drafting.render(cf, "text", doc_id) if doc_id else []
            text = outs[0].data.decode("utf-8") if outs else ""
            problems: list[Problem] = []
        except DrafterError as exc:
            text, problems = "", exc.problems
        return Preview(text, problems, (time.perf_counter() - t) * 1000)

    def documents(self) -> list[tuple[str, str]]:
        """(id, kind) of every document the case lists."""
        docs = self.get(("documents",), []) or []
        return [(str(d.get("id", "?")), str(d.get("kind", "?"))) for d in docs if isinstance(d, dict)]

    def doc_index(self, doc_id: str) -> int | None:
        return next((i for i, (d, _) in enumerate(self.documents()) if d == doc_id), None)
