"""Which fonts the documents name, whether this machine has them, and what will stand in for them.

Licensed faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are named in the .docx, never shipped;
the office's own computers supply them. Here we only report, using fontconfig when it is present.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

# Faces that cover GB2312 only, and a face of the same design every Chinese Windows has with GBK coverage.
# Characters outside GB2312 (names and places: 堃 喆 昇 赟 珺) get a run in the second face, so Word and WPS
# draw them in a known face instead of a random fallback or a box.
GB2312_FALLBACK = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}


def in_gb2312(ch: str) -> bool:
    """Whether a GB2312 font has the character (ASCII is drawn by the Latin face). Encoded as GBK, whose
    GB2312 part is rows A1–A9 (symbols) and B0–F7 (汉字) with trail bytes A1–FE; Python's own gb2312 codec
    maps A1AA to U+2015, not the 一字线 U+2014 that Word writes."""
    if ord(ch) < 0x80:
        return True
    try:
        b = ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xA1 <= b[0] <= 0xA9 or 0xB0 <= b[0] <= 0xF7) and 0xA1 <= b[1] <= 0xFE


def fallback_face(face: str) -> str | None:
    return GB2312_FALLBACK.get(face)


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
    from drafter.render.docx_styles import PROFILES

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
