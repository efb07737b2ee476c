"""Hostile .docx files of issue 15's campaign, built on demand (a zip bomb is small to build, large to commit).

Each builder writes one file into a folder and returns its path; `CORPUS` names them all.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def body(paragraphs: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
            f"<w:body>{paragraphs}</w:body></w:document>")


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def package(path: Path, parts: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def minimal(document: str, **extra) -> dict:
    return {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": document, **extra}


def zip_bomb_parts(folder: Path) -> Path:
    """2,000 parts."""
    parts = minimal(body(para("正文")))
    parts.update({f"word/media/z{i}.xml": b"<x/>" + b" " * 1024 for i in range(2000)})
    return package(folder / "zip-bomb-parts.docx", parts)


def zip_bomb_inflated(folder: Path) -> Path:
    """One XML part of 1 GB of spaces, about 1 MB on disk: a flushed deflate block repeated, written by hand."""
    import struct
    import zlib

    chunk = b" " * (1024 * 1024)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    repeats = 1024
    data = block * repeats + comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    path = package(folder / "zip-bomb-inflated.docx", minimal(body(para("正文"))))
    raw = bytearray(path.read_bytes())
    end = raw.rindex(b"PK\x05\x06")
    entries, cd_size, cd_offset = struct.unpack("<HII", raw[end + 10:end + 20])
    name = b"word/padding.xml"
    size = len(chunk) * repeats
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0) + name
    offset = cd_offset
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(name),
                          0, 0, 0, 0, 0, offset) + name
    old_cd = bytes(raw[cd_offset:cd_offset + cd_size])
    new_cd = old_cd + central
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(new_cd), offset + len(local) + len(data), 0)
    path.write_bytes(bytes(raw[:cd_offset]) + local + data + new_cd + eocd)
    return path


def huge_file(folder: Path) -> Path:
    """A 25 MB .docx (incompressible media)."""
    import os

    return package(folder / "huge.docx", minimal(body(para("正文")), **{"word/media/noise.bin": os.urandom(25 * 1024 * 1024)}),
                   compression=zipfile.ZIP_STORED)


def empty_paragraphs(folder: Path) -> Path:
    """3 million empty paragraphs (about 1.5 MB on disk)."""
    return package(folder / "empty-paragraphs.docx", minimal(body("<w:p/>" * 3_000_000)))


def missing_relationship(folder: Path) -> Path:
    """A hyperlink and a header whose relationships do not exist (rId9)."""
    doc = body('<w:p><w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>'
               '<w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    return package(folder / "missing-relationship.docx", minimal(doc))


def empty_body(folder: Path) -> Path:
    return package(folder / "empty-body.docx", minimal(f'<w:document xmlns:w="{W}"/>'))


def wrong_root(folder: Path) -> Path:
    return package(folder / "wrong-root.docx", minimal(f'<w:settings xmlns:w="{W}"><w:body>{para("正文")}</w:body></w:settings>'))


def entity_expansion(folder: Path) -> Path:
    laughs = '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    doc = body(para("&j;")).replace("?>", "?>" + laughs, 1)
    return package(folder / "entity-expansion.docx", minimal(doc))


def external_entity(folder: Path) -> Path:
    doc = body(para("&x;")).replace("?>", '?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    return package(folder / "external-entity.docx", minimal(doc))


def not_xml(folder: Path) -> Path:
    return package(folder / "not-xml.docx", minimal("这不是 XML <w:p"))


def not_a_zip(folder: Path) -> Path:
    path = folder / "not-a-zip.docx"
    path.write_bytes("这是一段文字，不是压缩包。".encode())
    return path


def truncated(folder: Path) -> Path:
    good = package(folder / "t.zip", minimal(body(para("正文" * 1000))))
    path = folder / "truncated.docx"
    path.write_bytes(good.read_bytes()[:-300])
    good.unlink()
    return path


def no_document(folder: Path) -> Path:
    return package(folder / "no-document.docx", {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS})


def no_content_types(folder: Path) -> Path:
    return package(folder / "no-content-types.docx", {"_rels/.rels": ROOT_RELS, "word/document.xml": body(para("正文"))})


def bad_crc(folder: Path) -> Path:
    path = package(folder / "bad-crc.docx", minimal(body(para("正文" * 200))), compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.index("正文".encode())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.docx"
    path.write_bytes(b"")
    return path


CORPUS = [zip_bomb_parts, zip_bomb_inflated, huge_file, empty_paragraphs, missing_relationship, empty_body, wrong_root,
          entity_expansion, external_entity, not_xml, not_a_zip, truncated, no_document, no_content_types, bad_crc,
          empty_file]
