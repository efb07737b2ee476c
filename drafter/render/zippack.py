"""A deterministic zip writer that takes parts already deflated, so parts that never change are compressed once.

A .docx is mostly parts shared by every document (styles, settings, theme: ~800 KB of XML); only the body
and the properties differ. `Entry.deflate` compresses a part once; `write` lays entries out exactly as
`zipfile` would (same headers, 1980-01-01 timestamps, mode 0644), so the bytes match a `zipfile` package.
`read` parses such an archive back into entries without decompressing them.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOSDATE = (0 << 9) | (1 << 5) | 1   # 1980-01-01, the earliest a zip can say: no build time leaks into the file
_VERSION, _UNIX, _DEFLATED = 20, 3, 8
_MODE = 0o644 << 16


@dataclass(frozen=True)
class Entry:
    """One part of a package, already deflated, with what its zip headers need."""

    name: str
    crc: int
    size: int
    deflated: bytes

    @classmethod
    def deflate(cls, name: str, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Entry:
        co = zlib.compressobj(level, zlib.DEFLATED, -15)   # raw deflate, as zipfile writes it
        return cls(name, zlib.crc32(data), len(data), co.compress(data) + co.flush())

    def data(self) -> bytes:
        return zlib.decompress(self.deflated, -15)


def write(entries: list[Entry]) -> bytes:
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        name = e.name.encode("ascii") if e.name.isascii() else e.name.encode("utf-8")
        flags = 0 if e.name.isascii() else 0x800
        out += (_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, 0, _DOSDATE, e.crc, len(e.deflated), e.size,
                            len(name), 0), name, e.deflated)
        central += (_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, flags, _DEFLATED, 0, _DOSDATE, e.crc,
                                  len(e.deflated), e.size, len(name), 0, 0, 0, 0, _MODE, offset), name)
        offset += _LOCAL.size + len(name) + len(e.deflated)
    directory = b"".join(central)
    return b"".join(out) + directory + _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)


def read(data: bytes) -> list[Entry]:
    """The entries of an archive made by `write`, still deflated; ValueError if it is not one."""
    entries = []
    pos = 0
    while data.startswith(b"PK\x03\x04", pos):
        if len(data) < pos + _LOCAL.size:   # cut short inside a header (a cache entry written without fsync)
            raise ValueError("not a package written by drafter")
        _sig, _v, _r, flags, method, _t, _d, crc, csize, size, nlen, xlen = _LOCAL.unpack_from(data, pos)
        start = pos + _LOCAL.size + nlen + xlen
        if method != _DEFLATED or flags & 0x08 or len(data) < start + csize:
            raise ValueError("not a package written by drafter")
        name = data[pos + _LOCAL.size:pos + _LOCAL.size + nlen].decode("utf-8")
        entries.append(Entry(name, crc, size, data[start:start + csize]))
        pos = start + csize
    if not entries or not data.startswith(b"PK\x01\x02", pos):
        raise ValueError("not a package written by drafter")
    return entries
