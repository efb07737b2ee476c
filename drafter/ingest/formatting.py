"""一键排版: read a draft, recognize its parts, build the tree and render it with drafter's own .docx renderer.

`--fix` runs the proofreader's unambiguous fixes over the source's text before recognition, so a fixed label
(（一） for (一)) is recognized like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.doctree import nodes as n
from drafter.ingest.recognize import LEVEL_NAMES, Recognized, recognize
from drafter.ingest.source import Source, read_source
from drafter.ingest.totree import to_tree


@dataclass
class Formatted:
    tree: n.Document
    recognized: Recognized
    fixed: int = 0          # paragraphs the proofreader changed (--fix)

    def docx(self) -> bytes:
        from drafter.render.docx import render_docx

        return render_docx(self.tree)

    def text(self) -> str:
        from drafter.render.text import render_text

        return render_text(self.tree).decode("utf-8")


def apply_proof_fixes(source: Source) -> int:
    """The proofreader's unambiguous fixes, paragraph by paragraph and cell by cell; returns how many changed."""
    from drafter.proof.check import config
    from drafter.proof.engine import apply_fixes

    cfg = config()
    changed = 0
    texts = [p.text for p in source.paras if p.rows is None]
    fixed = apply_fixes(list(texts), cfg)
    it = iter(fixed)
    for p in source.paras:
        if p.rows is None:
            new = next(it)
            changed += new != p.text
            p.text = new
        else:
            for row in p.rows:
                for k, cell in enumerate(row):
                    new = apply_fixes([cell], cfg)[0] if cell else cell
                    changed += new != cell
                    row[k] = new
    return changed


def format_file(path: Path, fix: bool = False) -> Formatted:
    from drafter.settings import settings

    source = read_source(Path(path))
    fixed = apply_proof_fixes(source) if fix else 0
    rec = recognize(source)
    tree = to_tree(rec, Path(path).stem, fonts=settings().get("fonts", "gb2312"))
    return Formatted(tree, rec, fixed)


def report(fmt: Formatted) -> list[str]:
    """What was recognized, by part and level, and what is doubtful, in the source's own line numbers."""
    rec = fmt.recognized
    unit = rec.source.unit
    counts = rec.counts()
    order = ["发文机关标志", "发文字号", "签发人", "份号", "密级", "紧急程度", "标题", "副标题", "署名", "称呼", "主送机关",
             *LEVEL_NAMES.values(), "无编号小标题", "正文", "表格", "附件说明", "落款", "成文日期", "附注", "附件标识",
             "抄送", "印发机关和印发日期"]
    found = "，".join(f"{name} {counts[name]}" for name in order if counts.get(name))
    lines = [f"识别：{found}（文种按 {fmt.tree.kind} 排版）"]
    for note in rec.source.notes:
        lines.append(f"读取：{note}")
    if fmt.fixed:
        lines.append(f"校对：自动改正了 {fmt.fixed} 段中没有歧义的问题")
    if rec.dropped:
        kinds = sorted({what for _, what in rec.dropped})
        lines.append(f"略去：{'、'.join(kinds)} {len(rec.dropped)} 处（版式由排版重新生成）")
    for where, what in rec.doubts:
        lines.append(f"存疑：第{where}{unit}：{what}")
    return lines
