"""The preview's text broken into rows as a document breaks its lines (pagination.carried): a closing mark (，。、）》”)
never starts a row and an opening one (（《“) never ends one. Textual breaks wherever the width runs out, so a row
could begin with “，” — which a secretary would read as a fault in her document."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static

from drafter.render.pagination import carried


def break_rows(line: str, width: int) -> list[str]:
    """`line` in rows of at most `width` terminal cells (one more where a single character is wider than the row)."""
    rows: list[str] = []
    start, used = 0, 0
    for at, ch in enumerate(line):
        w = cell_len(ch)
        if used + w > width and at > start:
            back = carried(line, start, at)
            if back >= at - start:   # a row of nothing but what would go down: break where the width ends
                back = 0
            rows.append(line[start:at - back])
            start = at - back
            used = cell_len(line[start:at])
        used += w
    rows.append(line[start:])
    return rows


def wrap(text: str, width: int) -> str:
    return "\n".join(r for line in text.split("\n") for r in break_rows(line, width))


class PreviewText(Static):
    """The drafted text, re-broken whenever the pane's width changes; shown as plain text (no markup)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self._rows()

    def on_resize(self) -> None:
        self._rows()

    def _rows(self) -> None:
        width = self.content_region.width
        self.update(wrap(self.text, width) if width > 4 else self.text)
