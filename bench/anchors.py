"""The anchors drafter is measured against, built from drafter's own notice so every tool does the same work.

- pandoc: the notice as Markdown (版头 lines, title, headings by level, paragraphs, the task table as a pipe
  table, 落款, 版记 lines), converted to .docx with drafter's reference package as pandoc's reference doc.
- docxtpl: a template in drafter's own package (the same styles.xml, settings, fonts and footers) whose body
  loops over the same paragraphs with the same paragraph styles, with the task table as a real table whose
  rows come from a {%tr for %} loop; filled with the same strings.
- the zip floor: every part of drafter's notice package deflated into a zip with zipfile.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "provincial-plan.yaml"


def notice():
    """(drafting, case file, the notice's tree) for the plan example."""
    from drafter.pipeline import Drafting, load_case

    drafting = Drafting()
    cf = load_case(PLAN)
    return drafting, cf, drafting.build(cf, "notice")[0]


def forget_document(drafting) -> None:
    """Forget what drafter keeps from one draft of a document for the next draft of the same text (the TUI drafts
    on every pause in typing): the title's lines and words, formatted dates, compiled own text. What stays is
    what any document reuses: the library, compiled fragments, the reference package, a font's advances. So a
    repeated render costs what a fresh notice of the same size would (the title's words are still read from the
    user's cache, where a new title would be segmented: ~0.06 ms)."""
    from drafter.render import title_wrap
    from drafter.templating import filters

    title_wrap._wrap.cache_clear()
    title_wrap._words.cache_clear()
    filters._long_date.cache_clear()
    env = drafting.env
    for source in env.own_templates:
        env.names_read.pop(source, None)
    env.own_templates.clear()


def paragraphs(tree) -> tuple[list[dict], dict | None, list[dict]]:
    """The notice's paragraphs as (style, text) in reading order: those before the task table, the table, those after."""
    from drafter.doctree import nodes as n
    from drafter.render.docx import HEADING_STYLES
    from drafter.render.docx_styles import BODY_STYLE

    simple = {n.Title: "公文标题", n.Subtitle: "公文副标题", n.Byline: "讲话人", n.Salutation: "公文称呼", n.Addressee: "主送机关",
              n.Paragraph: BODY_STYLE, n.Signature: "落款", n.DateLine: "成文日期", n.Note: "附注"}
    before: list[dict] = []
    after: list[dict] = []
    table = None
    for b in tree.blocks:
        out = after if table is not None else before
        if type(b) in simple:
            out.append({"style": simple[type(b)], "text": b.text})
        elif isinstance(b, n.Heading):
            out.append({"style": BODY_STYLE if b.runin else HEADING_STYLES[b.level], "text": b.full_text if b.runin else b.label})
        elif isinstance(b, n.Enumeration):
            out += [{"style": BODY_STYLE, "text": t} for t in b.paragraphs()]
        elif isinstance(b, n.Attachment):
            out += [{"style": "附件说明", "text": t} for t in b.items]
        elif isinstance(b, n.Table):
            header = (["序号"] if b.numbered else []) + b.header
            rows = [([str(i)] if b.numbered else []) + r for i, r in enumerate(b.rows, 1)]
            table = {"title": b.title, "header": header, "rows": rows}
    return before, table, after


def markdown(tree) -> str:
    """The notice in pandoc's Markdown: the same text, headings by level, the task table as a pipe table."""
    from drafter.doctree import nodes as n

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("|", "\\|")

    out = [esc(tree.meta[k]) for k in ("mark", "number") if tree.meta.get(k)]
    for b in tree.blocks:
        if isinstance(b, n.Title):
            out.append("# " + esc(b.text))
        elif isinstance(b, n.Heading) and not b.runin:
            out.append("#" * (b.level + 1) + " " + esc(b.label))
        elif isinstance(b, n.Heading):
            out.append(esc(b.full_text))
        elif isinstance(b, n.Enumeration):
            out += [esc(t) for t in b.paragraphs()]
        elif isinstance(b, n.Table):
            header = (["序号"] if b.numbered else []) + b.header
            rows = [([str(i)] if b.numbered else []) + r for i, r in enumerate(b.rows, 1)]
            out.append(esc(b.title))
            out.append("\n".join(["| " + " | ".join(map(esc, header)) + " |", "|" + "---|" * len(header)]
                                 + ["| " + " | ".join(map(esc, r)) + " |" for r in rows]))
        elif isinstance(b, n.Attachment):
            out += [esc(t) for t in b.items]
        elif hasattr(b, "text"):
            out.append(esc(b.text))
    out += [esc(tree.meta[k]) for k in ("cc", "printer") if tree.meta.get(k)]
    return "\n\n".join(out) + "\n"


def _para_loop(name: str) -> str:
    from drafter.render import wordml as w

    return (w.para("公文正文", w.run(f"{{%p for p in {name} %}}"))
            + '<w:p><w:pPr><w:pStyle w:val="{{ p.style }}"/></w:pPr><w:r><w:t xml:space="preserve">{{ p.text }}</w:t></w:r></w:p>'
            + w.para("公文正文", w.run("{%p endfor %}")))


def docxtpl_template(tree, package: bytes) -> tuple[bytes, dict]:
    """A docxtpl template in drafter's own package (same parts, same styles) and the context that fills it."""
    from drafter.render import wordml as w
    from drafter.render.docx import TYPE_WIDTH

    before, table, after = paragraphs(tree)
    body = w.para("发文机关标志", w.run("{{ mark }}")) + w.para("发文字号", w.run("{{ number }}")) + _para_loop("before")
    if table is not None:
        cols = len(table["header"])
        width = TYPE_WIDTH // cols
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(cols))

        def cell(expr: str, style: str) -> str:
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{expr}</w:t></w:r></w:p></w:tc>')

        head = "".join(cell(f"{{{{ header[{i}] }}}}", "表头") for i in range(cols))
        row = "".join(cell(f"{{{{ r[{i}] }}}}", "表格文字") for i in range(cols))
        loop = "<w:tr><w:tc><w:p><w:r><w:t>{%tr for r in rows %}</w:t></w:r></w:p></w:tc></w:tr>"
        end = "<w:tr><w:tc><w:p><w:r><w:t>{%tr endfor %}</w:t></w:r></w:p></w:tc></w:tr>"
        body += (w.para("表格标题", w.run("{{ table_title }}"))
                 + '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
                 f'<w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                 f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>{loop}<w:tr>{row}</w:tr>{end}</w:tbl>'
                 + w.para("公文正文"))
    half = TYPE_WIDTH // 2
    imprint = ('<w:tbl><w:tblPr><w:tblW w:w="{0}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
               '<w:tblGrid><w:gridCol w:w="{1}"/><w:gridCol w:w="{1}"/></w:tblGrid>'
               '<w:tr><w:tc><w:tcPr><w:tcW w:w="{0}" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr>{2}</w:tc></w:tr>'
               '<w:tr><w:tc><w:tcPr><w:tcW w:w="{1}" w:type="dxa"/></w:tcPr>{3}</w:tc>'
               '<w:tc><w:tcPr><w:tcW w:w="{1}" w:type="dxa"/></w:tcPr>{4}</w:tc></w:tr></w:tbl>').format(
        TYPE_WIDTH, half, w.para("版记", w.run("抄送：{{ cc }}")), w.para("版记", w.run("{{ printer }}")),
        w.para("版记", w.run("{{ print_date }}印发"), jc="right"))
    body += _para_loop("after") + imprint + w.para("版记")
    z = zipfile.ZipFile(io.BytesIO(package))
    document = z.read("word/document.xml").decode("utf-8")
    start = document.index("<w:body>") + len("<w:body>")
    sect = document.rindex("<w:sectPr")   # the body's own section; a paragraph may hold an earlier one
    template = io.BytesIO()
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = (document[:start] + body + document[sect:]).encode("utf-8") if info.filename == "word/document.xml" \
                else z.read(info)
            out.writestr(info.filename, data)
    meta = tree.meta
    context = {"mark": meta.get("mark", ""), "number": meta.get("number", ""), "before": before, "after": after,
               "table_title": table["title"] if table else "", "header": table["header"] if table else [],
               "rows": table["rows"] if table else [], "cc": meta.get("cc", ""), "printer": meta.get("printer", ""),
               "print_date": meta.get("print_date", "")}
    return template.getvalue(), context


def fill_docxtpl(template: bytes, context: dict) -> bytes:
    """What a docxtpl user does per document: open the template, render, save."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def package_parts(package: bytes) -> list[tuple[str, bytes]]:
    z = zipfile.ZipFile(io.BytesIO(package))
    return [(name, z.read(name)) for name in z.namelist()]


def zip_floor(parts: list[tuple[str, bytes]]) -> bytes:
    """Every part deflated into a zip: what writing this package costs when nothing is reused."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            zf.writestr(name, data)
    return out.getvalue()


def sample_text(chars: int) -> str:
    """Real-looking text: the golden outputs plus the labelled documents, repeated to the size wanted."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "proof_set").glob("*.txt"))]
    text = "\n".join(parts)
    return (text * (chars // len(text) + 1))[:chars]


def big_case(tasks: int) -> str:
    """The plan example with `tasks` tasks (its own tasks repeated, each title made unique)."""
    import yaml

    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    items = [t for section in data["tasks"] for t in section["items"]]
    data["tasks"] = [{"section": "重点任务", "items": [{**items[i % len(items)], "title": f"{items[i % len(items)]['title']}{i}"}
                                                     for i in range(tasks)]}]
    return yaml.safe_dump(data, allow_unicode=True)


def batch_folder(folder: Path, documents: int) -> int:
    """Copies of every example in `folder`, until they draft at least `documents` documents; returns how many."""
    from drafter.pipeline import Drafting, load_case

    drafting = Drafting()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    per = {e: len(drafting.render(load_case(e), "docx")) for e in examples}
    folder.mkdir(parents=True, exist_ok=True)
    count = i = 0
    while count < documents:
        e = examples[i % len(examples)]
        (folder / f"{i:04d}-{e.name}").write_bytes(e.read_bytes())
        count += per[e]
        i += 1
    return count
