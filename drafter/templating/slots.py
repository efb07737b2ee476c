"""Which slots a document kind's skeleton offers: read from the skeleton's slot()/fragments() calls."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.kinds import KINDS
from drafter.resources import layers

_SLOT_CALL = re.compile(r"""\b(slot|fragments)\(\s*['"]([\w.-]+)['"]""")


def skeleton_path(kind: str) -> Path | None:
    for folder in reversed(layers("templates")):   # the highest layer that has it wins
        path = folder / KINDS[kind].template
        if path.exists():
            return path
    return None


def skeleton_slots(kind: str) -> list[tuple[str, bool]]:
    """(slot, takes several fragments) in the order the skeleton uses them."""
    path = skeleton_path(kind)
    if path is None:
        return []
    seen: dict[str, bool] = {}
    for call, name in _SLOT_CALL.findall(path.read_text(encoding="utf-8")):
        seen.setdefault(name, call == "fragments")
    return list(seen.items())
