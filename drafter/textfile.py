"""Reading a user's text file: bounded in size, decoded (UTF-8, a byte-order mark's encoding, GB18030 where asked),
binary or undecodable input refused in Chinese with the line.

Apart from drafter.yamlsource so that reading a .txt to proofread it does not import PyYAML.
"""

from __future__ import annotations

import os
from pathlib import Path

from drafter.errors import CaseError
from drafter.problems import Problem

MAX_BYTES = 2 * 1024 * 1024   # a case or library file


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def read_bytes_bounded(path: Path, label: str, max_bytes: int) -> bytes:
    """At most `max_bytes` of a file, refused in Chinese when larger: a huge or endless file is never read whole."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise CaseError(Problem(f"文件过大（{size // 1024} KB），上限为 {max_bytes // 1024} KB", file=label))
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise CaseError(Problem("文件不存在", file=label)) from None
    except IsADirectoryError:
        raise CaseError(Problem("这是一个文件夹，不是文件", file=label)) from None
    except PermissionError:
        raise CaseError(Problem("没有读取这个文件的权限", file=label)) from None
    except OSError as exc:
        raise CaseError(Problem(f"无法读取文件：{exc.strerror or exc}", file=label)) from None
    if len(raw) > max_bytes:
        raise CaseError(Problem(f"文件过大，上限为 {max_bytes // 1024} KB", file=label))
    return raw


def read_decoded(path: Path, label: str | None = None, *, max_bytes: int = MAX_BYTES,
                 encodings: tuple[str, ...] = ("utf-8-sig",), hint: str = "请选择 .yaml 案卷文件") -> tuple[str, str]:
    """A user's text file and the encoding it was in; binary, undecodable or oversized input is refused in Chinese.

    UTF-16 and UTF-32 are read when a byte-order mark says so (Notepad's "Unicode"); without one they look binary.
    """
    label = label or str(path)
    raw = read_bytes_bounded(Path(path), label, max_bytes)
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise CaseError(Problem(f"文件以 {encoding.upper()} 标记开头，但内容不是有效的 {encoding.upper()}："
                                        "请用 UTF-8 另存后再试", file=label, line=raw[: exc.start].count(b"\n") + 1)) from None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise CaseError(Problem(f"这不是文本文件（含有二进制内容），{hint}", file=label, line=line))
    line = None
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            continue
        if encoding == "gb18030":
            _refuse_other_cjk(raw, text, label)
        return text, encoding
    names = "、".join("UTF-8" if e.startswith("utf-8") else e.upper() for e in encodings)
    raise CaseError(Problem(f"文件不是 {names} 编码，请用 UTF-8 另存后再试", file=label, line=line))


def _refuse_other_cjk(raw: bytes, text: str, label: str) -> None:
    """GB18030 decodes almost any bytes: Big5 or Shift-JIS text read as GB18030 is nonsense, so name it instead.

    Real GB text keeps nearly all its Hanzi inside GB2312; Big5 and Shift-JIS read as GBK fall outside it a third of
    the time or more (their trail bytes below 0xA1, Shift-JIS's kana lead bytes).
    """
    cjk = [c for c in text if ord(c) > 0x7F]
    if len(cjk) < 8:
        return
    outside = 0
    for c in cjk:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            outside += 1
    if outside / len(cjk) < 0.3:
        return
    for codec, name in (("shift_jis", "Shift-JIS（日文）"), ("big5", "Big5（繁体中文）")):
        try:
            other = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        kana = sum("\u3040" <= c <= "\u30ff" for c in other)
        if codec == "shift_jis" and kana < len(cjk) // 20:
            continue   # decodes, but without kana it is not Japanese text
        raise CaseError(Problem(f"文件似乎是 {name} 编码，不是 UTF-8 或 GB18030：请用 UTF-8 另存后再试", file=label))
    raise CaseError(Problem("无法确定文件的编码（不像 UTF-8 或 GB18030）：请用 UTF-8 另存后再试", file=label))


def encode_like(text: str, encoding: str) -> bytes:
    """`text` in the encoding `read_decoded` found, byte-order mark included, so a fixed file stays what it was."""
    bom = next((b for b, e in _BOMS if e == encoding), b"")
    return bom + text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
