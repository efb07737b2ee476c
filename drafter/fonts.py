"""Which fonts the documents name, whether this machine has them, and what will stand in for them.

Licensed faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are named in the .docx, never shipped;
the office's own computers supply them. Here we only report, using fontconfig when it is present.
"""

from __future__ import annotations

import re
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


# GBK bytes of text a GB2312 face draws whole: ASCII, or a lead byte of rows A1–A9/B0–F7 with a trail byte A1–FE
_GB2312_BYTES = re.compile(rb"(?:[\x00-\x7f]|[\xa1-\xa9\xb0-\xf7][\xa1-\xfe])*")


def all_in_gb2312(text: str) -> bool:
    """`in_gb2312` of every character, in one pass in C (the renderer asks it of every run of text); the
    test compares it with `in_gb2312` over all of Unicode. Python's gb2312 codec answers most texts four times
    faster; it maps only ―(U+2015) and ・(U+30FB) to codes that GBK, which Word follows, reads otherwise."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        pass   # — and ·, which the codec lacks, or a character GB2312 does not have: asked exactly below
    else:
        if "\u2015" not in text and "\u30fb" not in text:
            return True
    try:
        return _GB2312_BYTES.fullmatch(text.encode("gbk")) is not None
    except UnicodeEncodeError:
        return False


def fallback_face(face: str) -> str | None:
    return GB2312_FALLBACK.get(face)


@dataclass(frozen=True)
class FontStatus:
    """One face a profile uses: installed here or not, and what stands in for it."""

    role: str
    name: str
    installed: bool | None   # None: cannot tell (no fontconfig)
    substitute: str | None


def _fc(args: list[str]) -> str | None:
    import shutil
    import subprocess  # only `drafter fonts` asks fontconfig: rendering a .docx does not start a process

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


# --- the fonts of one .docx: what each piece of text is drawn in, and what this machine does about it -------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Faces whose coverage we know without having them: the GB2312 faces, and the GBK faces of Windows and Founder
GBK_FACES = {"仿宋", "楷体", "黑体", "宋体", "新宋体", "微软雅黑", "方正仿宋_GBK", "方正楷体_GBK", "方正黑体_GBK",
             "方正小标宋_GBK"}


@dataclass
class FaceUse:
    """One face a .docx names: the characters drawn in it, and those it has no glyph for."""

    name: str
    installed: bool | None
    substitute: str | None
    chars: set[str]            # every character the document draws in this face
    missing: list[str]         # those the named face has no glyph for (sorted, unique); [] when unknown
    known: bool                # whether the named face's coverage is known (installed, or a GB2312/GBK face)


def _covers(face: str, installed: bool | None, ch: str) -> bool | None:
    if ord(ch) < 0x80:
        return True    # every text face draws ASCII
    if installed:
        ranges = _charset(face)
        if ranges is not None:
            return any(a <= ord(ch) <= b for a, b in ranges)
    if face in GB2312_FALLBACK or face.endswith("_GB2312"):
        return in_gb2312(ch)
    if face in GBK_FACES:
        try:
            ch.encode("gbk")
            return True
        except UnicodeEncodeError:
            return False
    return None


_CHARSETS: dict[str, list[tuple[int, int]] | None] = {}


def _charset(face: str) -> list[tuple[int, int]] | None:
    """The code points an installed face covers, from fontconfig."""
    if face not in _CHARSETS:
        out = _fc(["fc-list", "-f", "%{charset}\n", f":family={face}"])
        ranges = []
        for line in (out or "").splitlines()[:1]:
            for part in line.split():
                a, _, b = part.partition("-")
                ranges.append((int(a, 16), int(b or a, 16)))
        _CHARSETS[face] = ranges or None
    return _CHARSETS[face]


def _families() -> set[str] | None:
    listing = _fc(["fc-list", ":", "family"])
    if listing is None:
        return None
    return {f.strip() for line in listing.splitlines() for f in line.split(",")}


def docx_fonts(data: bytes) -> list[FaceUse]:
    """Every face the document's text is drawn in (run → character style → paragraph style chain → defaults;
    East Asian face for characters beyond ASCII, the Latin face for ASCII), with this machine's verdict."""
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(data))
    styles_root = ET.fromstring(z.read("word/styles.xml"))
    styles = {s.get(f"{W}styleId"): s for s in styles_root.iter(f"{W}style")}
    default_para = next((i for i, s in styles.items() if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") == "1"),
                        None)

    def fonts_of(rpr) -> tuple[str | None, str | None]:
        rf = rpr.find(f"{W}rFonts") if rpr is not None else None
        return (rf.get(f"{W}eastAsia"), rf.get(f"{W}ascii")) if rf is not None else (None, None)

    def chain(style_id: str | None):
        seen = set()
        while style_id and style_id in styles and style_id not in seen:
            seen.add(style_id)
            yield styles[style_id]
            based = styles[style_id].find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    defaults = fonts_of(styles_root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    uses: dict[str, set[str]] = {}
    parts = [n for n in z.namelist() if n == "word/document.xml" or n.startswith(("word/footer", "word/header"))]
    for part in parts:
        for p in ET.fromstring(z.read(part)).iter(f"{W}p"):
            ps = p.find(f"{W}pPr/{W}pStyle")
            pstyle = ps.get(f"{W}val") if ps is not None else default_para
            for r in p.findall(f".//{W}r"):
                text = "".join(t.text or "" for t in r.findall(f"{W}t"))
                if not text:
                    continue
                rpr = r.find(f"{W}rPr")
                rs = rpr.find(f"{W}rStyle") if rpr is not None else None
                layers = [fonts_of(rpr)] + [fonts_of(s.find(f"{W}rPr")) for s in chain(rs.get(f"{W}val") if rs is not None
                                                                                    else None)]
                layers += [fonts_of(s.find(f"{W}rPr")) for s in chain(pstyle)] + [defaults]
                east = next((e for e, _ in layers if e), None)
                latin = next((a for _, a in layers if a), None)
                for ch in text:
                    if ch.isspace():
                        continue
                    face = latin if ord(ch) < 0x80 else east
                    if face:
                        uses.setdefault(face, set()).add(ch)
    families = _families()
    out = []
    for face, chars in uses.items():
        installed = None if families is None else face in families
        substitute = None
        if installed is False:
            match = _fc(["fc-match", "-f", "%{family[0]}", face if all(ord(c) < 0x80 for c in face) else f"{face}:lang=zh-cn"])
            substitute = match.strip() if match else None
        verdicts = {ch: _covers(face, installed, ch) for ch in chars}
        known = any(v is not None for v in verdicts.values())
        out.append(FaceUse(face, installed, substitute, chars, sorted(ch for ch, v in verdicts.items() if v is False), known))
    return sorted(out, key=lambda u: (-len(u.chars), u.name))
