"""Our own measurements of a PDF that LibreOffice laid out: the figures GB/T 9704 fixes, in millimetres.

Text geometry comes from pdfplumber's glyph boxes; ink positions (the red 标志, the 文号's glyph
bottom) come from a raster of the page, since glyph boxes include the font's ascent, not the ink.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4
FULLWIDTH = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u201c\u201d\u2026]")
BODY_BOTTOM = 262.0       # 37 + 225 mm
HANGING = set("，。、；：！？”’）》")


def to_pdf(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Convert with the real client: `soffice --headless --convert-to pdf`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: .ci/run installs it"
    # A profile of its own per call: concurrent conversions (pytest workers, parallel checkouts) must not
    # hand their files to one another's running soffice.
    profile = f"-env:UserInstallation={(Path(outdir) / '.lo-profile').resolve().as_uri()}"
    # Blank pages that the layout inserts (a section starting on an even page) are exported, as they are printed.
    pdf = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
    subprocess.run([soffice, profile, "--headless", "--convert-to", pdf, "--outdir", str(outdir), *map(str, docx_files)],
                   check=True, capture_output=True, timeout=300)
    return [outdir / (f.stem + ".pdf") for f in docx_files]


@dataclass
class Line:
    top: float       # mm
    bottom: float    # baseline-ish bottom, pt
    x0: float        # mm
    x1: float        # mm
    text: str
    size: float      # pt
    x1_core: float = 0.0   # right edge of the last glyph that is not closing punctuation (which may hang)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)


def _rows(chars) -> list[list[dict]]:
    rows: dict[float, list[dict]] = collections.defaultdict(list)
    for c in chars:
        rows[round(c["bottom"] * 2) / 2].append(c)
    merged: list[list] = []
    for y in sorted(rows):
        if merged and abs(merged[-1][0] - y) < 3:
            merged[-1][1].extend(rows[y])
        else:
            merged.append([y, list(rows[y])])
    return [sorted(cs, key=lambda c: c["x0"]) for _, cs in merged]


def read_pages(pdf_path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for i, pg in enumerate(pdf.pages, 1):
            page = Page(i, pg.width / MM, pg.height / MM)
            chars = [c for c in pg.chars if c["text"].strip()]
            for cs in _rows(chars):
                core = [c for c in cs if c["text"] not in HANGING] or cs
                line = Line(cs[0]["top"] / MM, cs[0]["bottom"], cs[0]["x0"] / MM, cs[-1]["x1"] / MM,
                            "".join(c["text"] for c in cs), round(cs[0]["size"], 1), core[-1]["x1"] / MM)
                (page.footer if line.top > BODY_BOTTOM + 1 else page.lines).append(line)
            for ln in pg.lines:
                page.rules.append({"x0": ln["x0"] / MM, "x1": ln["x1"] / MM, "top": ln["top"] / MM,
                                   "width": ln["linewidth"] / MM, "color": tuple(ln.get("stroking_color") or ())})
            pages.append(page)
    return pages


def line_pitches(page: Page, size: float = 16.0) -> list[float]:
    """Distances (pt) between consecutive body lines of the given type size."""
    body = [ln for ln in page.lines if ln.size == size]
    return [round(b.bottom - a.bottom, 2) for a, b in zip(body, body[1:], strict=False) if b.bottom - a.bottom < 40]


def mean_pitch(pages: list[Page], size: float = 16.0) -> float:
    """Average body line pitch (pt) over full pages: LibreOffice writes positions to 0.1 pt, so consecutive
    pitches of an exact 28.95 pt grid read 28.9 and 29.0 by turns and their mode is meaningless."""
    spans = []
    for page in pages:
        body = [ln for ln in page.lines if ln.size == size]
        if len(body) >= 20:
            spans.append((body[-1].bottom - body[0].bottom) / (len(body) - 1))
    return sum(spans) / len(spans)


def full_line_counts(pages: list[Page]) -> collections.Counter:
    """Characters on lines of pure full-width text that run from the left to the right edge of the 版心."""
    out: collections.Counter = collections.Counter()
    for page in pages:
        for ln in page.lines:
            if ln.size == 16.0 and all(FULLWIDTH.match(ch) for ch in ln.text) and ln.x0 < 29 and ln.x1 > 181:
                out[len(ln.text)] += 1
    return out


def ink_rows(pdf_path: Path, page_index: int, resolution: int = 300):
    """Per raster row (in mm): whether it holds red ink and whether it holds dark ink."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        im = pdf.pages[page_index].to_image(resolution=resolution).original.convert("RGB")
    px = im.load()
    width, height = im.size
    red, dark = [], []
    for y in range(height):
        row = [px[x, y] for x in range(0, width, 2)]
        red.append(any(r > 200 and g < 90 and b < 90 for r, g, b in row))
        dark.append(any(r + g + b < 200 for r, g, b in row))
    to_mm = 25.4 / resolution
    return red, dark, to_mm


def runs(flags: list[bool]) -> list[tuple[int, int]]:
    out, start = [], None
    for i, f in enumerate(flags + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i - 1))
            start = None
    return out
