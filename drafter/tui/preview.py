"""The preview's text broken into rows as a document breaks its lines: a closing mark (，。、）》”) never starts a row
and an opening one (（《“) never ends one. Textual breaks wherever the width runs out, so a row could begin with
“，” — which a secretary would read as a fault in her document."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static

from drafter.render.pagination import CLOSING, OPENING


def break_rows(line: str, width: int) -> list[str]:
    """`line` in rows of at most `width` cells (one more where a single character is wider than the row)."""
    rows: list[str] = []
    row, used = "", 0
    for ch in line:
        w = cell_len(ch)
        if used + w > width and row:
            carry = 0
            if ch in CLOSING or row[-1] in OPENING:   # the character before goes down with it
                carry = 1
                while carry < len(row) - 1 and row[-carry] in CLOSING:   # and the closing marks before that
                    carry += 1
                if carry >= len(row):
                    carry = 0
            rows.append(row[:len(row) - carry])
            row = row[len(row) - carry:] if carry else ""
            used = cell_len(row)
        row += ch
        used += w
    rows.append(row)
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
