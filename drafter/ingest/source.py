"""A draft's paragraphs as the user sees them, whatever file they came in: .txt (UTF-8 or GB18030), .docx from
Word or WPS, and .doc/.wps converted by LibreOffice. Nothing here decides what a paragraph is; `recognize` does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import CaseError
from drafter.problems import Problem

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".docx", ".txt", ".doc", ".wps")
SPACES = " \t\u3000\u00a0\r\ufeff"
_CELL = re.compile(r" ?\| ?")


@dataclass
class Para:
    """One paragraph of the source (or one table), with the hints the file itself gives."""

    text: str
    where: int                      # 1-based line (.txt) or paragraph (.docx) number, for reports
    style: str = ""                 # the paragraph style's name (.docx)
    outline_level: int | None = None   # 1-based outline level of the style or paragraph (.docx)
    runin: bool = False             # its first run carries a heading character style (一级标题字符 …)
    rows: list[list[str]] | None = None   # a table: rows of cell texts
    page_break: bool = False        # the paragraph starts a new page
    numbered: bool = False          # its label came from Word's automatic numbering


@dataclass
class Source:
    path: Path
    paras: list[Para]
    notes: list[str] = field(default_factory=list)   # what reading did to the file: tracked changes, comments …

    @property
    def unit(self) -> str:
        return "行" if self.path.suffix.lower() == ".txt" else "段"


def read_source(path: Path) -> Source:
    """The paragraphs of a draft; unreadable input is a CaseError naming the file, in Chinese."""
    path = Path(path)
    label = str(path)
    if not path.exists():
        raise CaseError(Problem("文件不存在", file=label))
    if path.is_dir():
        raise CaseError(Problem("这是一个文件夹，不是文件", file=label))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CaseError(Problem(f"不支持的文件类型“{path.suffix or '无扩展名'}”（可用：{'、'.join(SUFFIXES)}）", file=label))
    size = path.stat().st_size
    if size == 0:
        raise CaseError(Problem("文件是空的", file=label))
    if size > MAX_BYTES:
        raise CaseError(Problem(f"文件过大（{size // 1024} KB），上限为 {MAX_BYTES // 1024} KB", file=label))
    if suffix == ".txt":
        source = read_txt(path)
    elif suffix == ".docx":
        from drafter.ingest.docx_read import read_docx

        source = read_docx(path)
    else:
        source = read_converted(path)
    _drop_unsafe(source)
    if not any(p.text.strip(SPACES) or p.rows for p in source.paras):
        raise CaseError(Problem("文件中没有文字", file=label))
    return source


def _drop_unsafe(source: Source) -> None:
    """Characters a document cannot hold or should not (controls, bidi marks, zero-width, private use) are
    dropped here, counted, so the .docx stays valid XML and nothing invisible travels on."""
    from drafter.charsafe import unsafe

    removed = 0

    def clean(text: str) -> str:
        nonlocal removed
        new, n = unsafe().subn("", text)
        removed += n
        return new

    for para in source.paras:
        para.text = clean(para.text)
        if para.rows:
            para.rows = [[clean(c) for c in row] for row in para.rows]
    source.paras = [p for p in source.paras if p.text.strip(SPACES) or p.rows]
    if removed:
        source.notes.append(f"删去了 {removed} 个控制字符或不可见字符（零宽字符、私用区符号等）")


def read_txt(path: Path) -> Source:
    """One paragraph a line; blank lines only separate. A form feed starts a new page; ` | ` lines are table rows."""
    from drafter.textfile import read_decoded

    head = path.read_bytes()[:2]
    if head in (b"\xff\xfe", b"\xfe\xff"):   # Notepad's “Unicode”: UTF-16 with its byte-order mark
        try:
            text, encoding = path.read_bytes().decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise CaseError(Problem("文件标明是 UTF-16 编码，却无法按此读取：请用 UTF-8 另存后再试", file=str(path))) from None
    else:
        text, encoding = read_decoded(path, max_bytes=MAX_BYTES, encodings=("utf-8-sig", "gb18030"),
                                      hint="请选择 .txt、.docx、.doc 或 .wps 文件")
    paras: list[Para] = []
    page_break = False
    last_row = 0
    for i, line in enumerate(text.split("\n"), 1):
        if "\f" in line:
            page_break = True
            line = line.replace("\f", "")
        stripped = line.strip(SPACES)
        if not stripped:
            continue
        if " | " in line:   # a table row as drafter's text view writes it: cells joined by " | "
            cells = [c.strip(SPACES) for c in _CELL.split(line.strip("\r\n"))]
            prev = paras[-1] if paras else None
            if prev is not None and prev.rows is not None and len(prev.rows[0]) == len(cells) and last_row == i - 1:
                prev.rows.append(cells)
                last_row = i
                continue
            paras.append(Para("", i, rows=[cells], page_break=page_break))
            last_row = i
            page_break = False
            continue
        paras.append(Para(stripped, i, page_break=page_break))
        page_break = False
    for k, p in enumerate(paras):   # a lone " | " line is text after all
        if p.rows is not None and len(p.rows) == 1:
            paras[k] = Para(" | ".join(p.rows[0]), p.where, page_break=p.page_break)
    notes = [] if encoding.startswith("utf-8") else [f"按 {encoding.upper()} 编码读取"]
    return Source(path, paras, notes)


def read_converted(path: Path) -> Source:
    """.doc and .wps: LibreOffice converts a copy to .docx in a private folder; the original is never touched."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise CaseError(Problem(f"读取 {path.suffix} 需要 LibreOffice，本机未安装：请安装 LibreOffice，"
                                "或在 Word/WPS 中另存为 .docx 后再试", file=str(path)))
    from drafter.ingest.docx_read import read_docx

    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as tmp:
        work = Path(tmp)
        copy = work / f"source{path.suffix.lower()}"
        shutil.copyfile(path, copy)
        profile = f"-env:UserInstallation={(work / 'profile').resolve().as_uri()}"
        try:
            subprocess.run([soffice, profile, "--headless", "--convert-to", "docx", "--outdir", str(work), str(copy)],
                           check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError):
            raise CaseError(Problem(f"LibreOffice 无法转换此文件（文件损坏或不是 {path.suffix} 文档）", file=str(path))) from None
        converted = work / "source.docx"
        if not converted.exists():
            raise CaseError(Problem(f"LibreOffice 无法转换此文件（文件损坏或不是 {path.suffix} 文档）", file=str(path)))
        source = read_docx(converted, label=str(path))
    source.path = path
    source.notes.insert(0, f"由 LibreOffice 将 {path.suffix} 转换后读取")
    return source
