"""Where default outlines and fragments live: user library → team library → bundled, later layers win by id.

Bundled data sits in top-level `outlines/`, `fragments/` and `starters/` of a checkout and is packaged into
`drafter/_data/` in a wheel; both are found here.
"""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder `name` (outlines, fragments, starters) in a wheel or a checkout."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到内置的 {name} 文件夹，安装可能不完整")


def user_library() -> Path:
    """The user's own library folder (DRAFTER_USER_LIBRARY, else ~/.local/share/drafter)."""
    env = os.environ.get("DRAFTER_USER_LIBRARY")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "drafter"


def team_library() -> Path | None:
    """An office's shared library folder, if DRAFTER_TEAM_LIBRARY names one."""
    env = os.environ.get("DRAFTER_TEAM_LIBRARY")
    return Path(env).expanduser() if env else None


def layers(name: str) -> list[Path]:
    """Folders for `name` from lowest to highest precedence: bundled, team, user."""
    out = [bundled(name)]
    team = team_library()
    if team is not None:
        out.append(team / name)
    out.append(user_library() / name)
    return [p for p in out if p.is_dir()]
