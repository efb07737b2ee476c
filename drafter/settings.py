"""Office and personal defaults (`settings.yaml` in the team library, then the user's): what a case
doesn't say. For now the font profile, since offices differ in the faces they have installed.

    # settings.yaml
    fonts: windows        # gb2312 (仿宋_GB2312 …), windows (仿宋 …) or founder (方正 GBK)
"""

from __future__ import annotations

import functools
import os

from drafter.errors import CaseError
from drafter.problems import Problem
from drafter.resources import library_file, team_library, user_library
from drafter.yamlsource import load_yaml, read_text

KNOWN = {"fonts": ("gb2312", "windows", "founder")}


def _files():
    """The settings files that exist, each checked to lie inside its library folder."""
    team = team_library()
    roots = ([team] if team else []) + [user_library()]
    return [library_file(root / "settings.yaml", root) for root in roots
            if os.path.lexists(os.path.join(root, "settings.yaml"))]   # a file, or a link (checked, then refused)


@functools.cache
def _load(key: tuple) -> dict:
    out: dict = {}
    for path in _files():
        located = load_yaml(read_text(path), str(path))
        data = located.data if isinstance(located.data, dict) else {}
        for name, value in data.items():
            if name not in KNOWN:
                raise CaseError(Problem(f"未知的设置“{name}”（可用：{'、'.join(KNOWN)}）", file=str(path),
                                        line=located.line_of((name,))))
            if value not in KNOWN[name]:
                raise CaseError(Problem(f"{name} 应为以下之一：{'、'.join(KNOWN[name])}；得到“{value}”", file=str(path),
                                        line=located.line_of((name,))))
            out[name] = value
    return out


def settings() -> dict:
    """The merged settings; re-read when the library folders change (tests, a new session)."""
    return _load(tuple(str(f) + str(f.stat().st_mtime_ns) for f in _files()))
