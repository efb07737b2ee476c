"""Opening a .docx from anyone: the package is measured before anything is parsed, and refused in Chinese when
it is not a Word document drafter can safely read.

A .docx is a zip of XML parts, and a hostile one can be a zip bomb (thousands of parts, gigabytes once
inflated), carry XML entity declarations (billion laughs, external files), or be so large in paragraphs that
reading it takes minutes. Everything here reads only the zip's central directory and the first bytes of each
XML part, so a refusal takes milliseconds. `open_package` serves every reader of .docx input (the proofreader,
`drafter format`/`import`); `open_document` adds python-docx on top for the proofreader.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path

from drafter.errors import CaseError
from drafter.problems import Problem

MAX_FILE = 20 * 1024 * 1024          # bytes of the .docx itself
MAX_PARTS = 1000                     # a long report with images has a few dozen
MAX_INFLATED = 120 * 1024 * 1024     # all parts once decompressed
MAX_XML_PART = 60 * 1024 * 1024      # one XML part once decompressed
MAX_PARAGRAPHS = 60_000              # about 1,500 pages of 公文
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_REPAIR = "请用 Word 或 WPS 打开后另存为 .docx 再试"


def _refuse(message: str, label: str) -> CaseError:
    return CaseError(Problem(message, file=label))


def open_package(path: Path, label: str | None = None) -> zipfile.ZipFile:
    """The .docx's zip, once its size, part count, inflated size and XML declarations are within bounds."""
    label = label or str(path)
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise _refuse("文件不存在", label) from None
    except OSError as exc:
        raise _refuse(f"无法读取文件：{exc.strerror or exc}", label) from None
    if size > MAX_FILE:
        raise _refuse(f"文件过大（{size // (1024 * 1024)} MB），上限为 {MAX_FILE // (1024 * 1024)} MB", label)
    try:
        z = zipfile.ZipFile(path)
    except PermissionError:
        raise _refuse("没有读取这个文件的权限", label) from None
    except IsADirectoryError:
        raise _refuse("这是一个文件夹，不是文件", label) from None
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        raise _refuse(f"无法打开 .docx：不是 Word 文档，或文件已损坏：{_REPAIR}", label) from None
    try:
        _measure(z, label)
    except BaseException:
        z.close()
        raise
    return z


def _measure(z: zipfile.ZipFile, label: str) -> None:
    infos = z.infolist()
    if len(infos) > MAX_PARTS:
        raise _refuse(f"压缩包中的部件过多（{len(infos)} 个，上限 {MAX_PARTS}），不像正常的 Word 文档，已拒绝读取", label)
    inflated = sum(i.file_size for i in infos)
    if inflated > MAX_INFLATED:
        raise _refuse(f"解压后过大（{inflated // (1024 * 1024)} MB，上限 {MAX_INFLATED // (1024 * 1024)} MB），"
                      "可能是恶意构造的压缩包，已拒绝读取", label)
    names = {i.filename for i in infos}
    for required in ("[Content_Types].xml", "word/document.xml"):
        if required not in names:
            raise _refuse(f"不是有效的 .docx（缺少 {required}）：{_REPAIR}", label)
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse("文件已加密（设置了打开密码）：请先在 Word 或 WPS 中取消密码", label)
        if not info.filename.endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_XML_PART:
            raise _refuse(f"部件 {info.filename} 解压后过大（{info.file_size // (1024 * 1024)} MB），已拒绝读取", label)
        head = _head(z, info, label)
        if _DOCTYPE.search(head):
            raise _refuse(f"部件 {info.filename} 含有 XML 实体声明（DOCTYPE），Word 从不写这种内容，已拒绝读取", label)
    body = _read(z, "word/document.xml", label)
    for count, _match in enumerate(_PARAGRAPH.finditer(body), 1):
        if count > MAX_PARAGRAPHS:
            raise _refuse(f"段落过多（超过 {MAX_PARAGRAPHS} 段），已拒绝读取", label)


def _head(z: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    try:
        with z.open(info) as fh:
            return fh.read(4096)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise _refuse(f"部件 {info.filename} 已损坏，无法解压：{_REPAIR}", label) from None


def _read(z: zipfile.ZipFile, name: str, label: str) -> bytes:
    try:
        return z.read(name)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, KeyError):
        raise _refuse(f"部件 {name} 已损坏，无法解压：{_REPAIR}", label) from None


def open_document(path: Path, label: str | None = None):
    """A python-docx Document of a .docx within bounds, whose main part really is a Word body; else CaseError."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    label = label or str(path)
    open_package(path, label).close()
    try:
        doc = docx.Document(str(path))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error, etree.LxmlError, AttributeError, TypeError,
            IndexError, NotImplementedError, EOFError):
        raise _refuse(f"无法打开 .docx（文件结构损坏：缺少部件或关系）：{_REPAIR}", label) from None
    except Exception as exc:  # noqa: BLE001 - python-docx on a broken package can raise anything
        raise _refuse(f"无法打开 .docx（{type(exc).__name__}）：{_REPAIR}", label) from None
    root = doc.element
    if root.tag != qn("w:document"):
        raise _refuse(f"不是 Word 正文（word/document.xml 的根元素不是 w:document）：{_REPAIR}", label)
    if root.find(qn("w:body")) is None:
        raise _refuse(f"文档没有正文（缺少 w:body）：{_REPAIR}", label)
    known = set(doc.part.rels)
    for attr in (qn("r:id"), qn("r:embed"), qn("r:link"), qn("r:pict")):
        for element in root.iter():
            rid = element.get(attr)
            if rid is not None and rid not in known:
                raise _refuse(f"文件结构损坏：正文引用的部件关系 {rid[:20]} 不存在：{_REPAIR}", label)
    return doc
