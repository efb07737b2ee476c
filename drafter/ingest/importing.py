"""`drafter import`: a draft → a case file whose outline holds its text, checked by drafting it back.

The case is written only after it loads and drafts; every paragraph that drafts differently from the source
(a renumbered heading, a list written the GB/T 9704 way) is reported, so the user knows what changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from drafter.ingest.formatting import Formatted, format_file
from drafter.ingest.tocase import Imported, to_case


@dataclass
class CaseImport:
    formatted: Formatted
    imported: Imported
    yaml_text: str
    changed: list[tuple[str, str]] = field(default_factory=list)   # (source paragraph, drafted paragraph)


def import_file(path: Path, target: Path, fix: bool = False) -> CaseImport:
    formatted = format_file(path, fix=fix)
    imported = to_case(formatted.recognized, _doc_id(Path(path)))
    header = [f"# 由 drafter import 从 {Path(path).name} 生成：正文在 documents[0].outline 中，版头、日期、主送、抄送等为字段。",
              "# 在界面中打开（drafter edit 本文件），逐步把自己的文字换成事实和标准表述。"]
    header += [f"# 注意：{note}" for note in imported.notes]
    body = yaml.safe_dump(imported.case, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    text = "\n".join(header) + "\n" + body
    result = CaseImport(formatted, imported, text)
    result.changed = _round_trip(text, target, formatted)
    return result


def _doc_id(path: Path) -> str:
    import re

    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-.")
    return stem or "document"


def _round_trip(text: str, target: Path, formatted: Formatted) -> list[tuple[str, str]]:
    """Draft the case as written and compare its text with the formatted source, paragraph by paragraph."""
    from drafter.errors import DrafterError
    from drafter.pipeline import Drafting, parse_case
    from drafter.problems import Problem
    from drafter.render.text import render_text

    try:
        cf = parse_case(text, str(target), target)
        (tree,) = Drafting().build(cf)
    except DrafterError as exc:   # a case we wrote must draft; if not, say so plainly (and write nothing)
        raise DrafterError([Problem("导入生成的案卷无法起草，未写入（请把原文和以下问题报告给我们）", file=str(target))]
                           + exc.problems) from None
    drafted = render_text(tree).decode("utf-8").splitlines()
    source = formatted.text().splitlines()
    changed = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=source, b=drafted, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a, b = [x for x in source[i1:i2] if x.strip()], [x for x in drafted[j1:j2] if x.strip()]
        for k in range(max(len(a), len(b))):
            pair = (a[k].strip() if k < len(a) else "", b[k].strip() if k < len(b) else "")
            if pair[0] != pair[1] and not (pair[0].startswith("─") and not pair[1]):   # indentation and rules aside
                changed.append(pair)
    return changed
