"""Which fonts the documents name, whether this machine has them, and what will stand in for them.

Licensed faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are named in the .docx, never shipped;
the office's own computers supply them. Here we only report, using fontconfig when it is present.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from drafter.render.docx_styles import PROFILES


@dataclass(frozen=True)
class FontStatus:
    role: str
    name: str
    installed: bool | None   # None: cannot tell (no fontconfig)
    substitute: str | None


def _fc(args: list[str]) -> str | None:
    if shutil.which(args[0]) is None:
        return None
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def font_report(profile: str = "gb2312") -> list[FontStatus]:
    listing = _fc(["fc-list", ":", "family"])
    families = set()
    if listing is not None:
        for line in listing.splitlines():
            families.update(f.strip() for f in line.split(","))
    out = []
    for role, name in PROFILES[profile].names().items():
        installed = None if listing is None else name in families
        substitute = None
        if installed is False:
            pattern = name if role == "西文" else f"{name}:lang=zh-cn"
            match = _fc(["fc-match", "-f", "%{family[0]}", pattern])
            substitute = match.strip() if match else None
        out.append(FontStatus(role, name, installed, substitute))
    return out
