"""Plain-text renderer: the golden reference for tests and the quickest way to read a draft."""

from __future__ import annotations

from drafter.doctree import nodes as n

INDENT = "\u3000\u3000"   # 首行缩进二字
RULE = "─" * 28          # stands for the red separator and the 版记 rules


class TextRenderer(n.Visitor):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def emit(self, *lines: str) -> None:
        self.lines.extend(lines)

    def document(self, doc: n.Document) -> str:
        meta = doc.meta
        for key in ("copy_no", "secrecy", "urgency"):
            if meta.get(key):
                self.emit(meta[key])
        if meta.get("mark"):
            self.emit(meta["mark"], "")
            number = meta.get("number", "")
            if meta.get("signer"):
                number = f"{number}{INDENT}签发人：{meta['signer']}"
            if number:
                self.emit(number)
            self.emit(RULE, "")
        for block in doc.blocks:
            self.visit(block)
        if meta.get("cc") or meta.get("printer"):
            self.emit("", RULE)
            if meta.get("cc"):
                self.emit(f"抄送：{meta['cc']}")
            if meta.get("printer"):
                self.emit(f"{meta['printer']}{INDENT}{meta.get('print_date', '')}印发".rstrip())
            self.emit(RULE)
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def visit_Title(self, b: n.Title) -> None:
        self.emit(b.text, "")

    def visit_Subtitle(self, b: n.Subtitle) -> None:
        self.emit(b.text, "")

    def visit_Byline(self, b: n.Byline) -> None:
        self.emit(b.text)

    def visit_Salutation(self, b: n.Salutation) -> None:
        self.emit(*(("", b.text) if self.lines and self.lines[-1] else (b.text,)))

    def visit_Addressee(self, b: n.Addressee) -> None:
        self.emit(b.text)

    def visit_Heading(self, b: n.Heading) -> None:
        self.emit(INDENT + b.full_text)

    def visit_Paragraph(self, b: n.Paragraph) -> None:
        self.emit(INDENT + b.text)

    def visit_Enumeration(self, b: n.Enumeration) -> None:
        self.emit(*(INDENT + p for p in b.paragraphs()))

    def visit_Table(self, b: n.Table) -> None:
        if b.title:
            self.emit("", b.title)
        header = (["序号"] if b.numbered else []) + b.header
        if header:
            self.emit(" | ".join(header))
        for i, row in enumerate(b.rows, 1):
            self.emit(" | ".join(([str(i)] if b.numbered else []) + row))
        self.emit("")

    def visit_Signature(self, b: n.Signature) -> None:
        self.emit("", b.text)

    def visit_DateLine(self, b: n.DateLine) -> None:
        self.emit(b.text)

    def visit_Attachment(self, b: n.Attachment) -> None:
        if len(b.items) == 1:
            self.emit("", f"{INDENT}附件：{b.items[0]}")
        else:
            self.emit("", f"{INDENT}附件：1.{b.items[0]}", *(f"{INDENT}{INDENT}{i}.{t}" for i, t in enumerate(b.items[1:], 2)))

    def visit_Note(self, b: n.Note) -> None:
        self.emit(f"{INDENT}（{b.text}）")

    def visit_PageBreak(self, b: n.PageBreak) -> None:
        self.emit("", "\f")


def render_text(doc: n.Document) -> bytes:
    return TextRenderer().document(doc).encode("utf-8")
