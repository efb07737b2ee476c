"""Blocks of a Chinese official document. Numbers and counts are filled in by `numbering`, never typed.

Every block remembers the outline file or case file (and fragment) and line it came from, so a problem
found in the output can be traced to the part or fragment that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a block came from: the outline or case file and line, and the fragment that wrote it, if any."""

    template: str
    line: int
    fragment: str | None = None

    def __str__(self) -> str:
        frag = f"（片段 {self.fragment}）" if self.fragment else ""
        return f"{self.template}:{self.line}{frag}"


@dataclass
class Block:
    """What every block carries: where it came from, and whether it continues the previous paragraph."""

    origin: Origin | None = field(default=None, kw_only=True, compare=False)
    joined: bool = field(default=False, kw_only=True, compare=False)   # continues the previous paragraph


@dataclass
class Title(Block):
    """标题: broken into lines by the renderer (render.title_wrap)."""

    text: str


@dataclass
class Subtitle(Block):
    """副标题, under the title."""

    text: str


@dataclass
class Byline(Block):
    """Speaker and date lines under a speech title, in 楷体."""

    text: str


@dataclass
class Salutation(Block):
    """称呼 of a speech or a host script (同志们：)."""

    text: str


@dataclass
class Addressee(Block):
    """主送机关."""

    text: str


@dataclass
class Heading(Block):
    """一、（一）1.（1） headings: `number` is filled in by doctree.numbering, never typed."""

    level: int
    text: str
    runin: bool = False
    body: str = ""           # the paragraph text that follows a run-in heading
    list_name: str = ""
    numbered: bool = True    # false for a subheading that carries no number
    number: str = ""         # computed: 一、 （一） 1. （1）

    @property
    def label(self) -> str:
        return f"{self.number}{self.text}"

    @property
    def full_text(self) -> str:
        """What a reader sees on the line: number, heading and, when run in, the paragraph after it."""
        return f"{self.number}{self.text}{self.body}" if self.runin else self.label


@dataclass
class Paragraph(Block):
    """A paragraph of body text (正文)."""

    text: str


@dataclass
class Enumeration(Block):
    """Items enumerated in prose: 一是……二是……, 一要……, 第一，……, 首先……最后, 1., ——."""

    style: str
    items: list[str]
    inline: bool = False
    list_name: str = ""
    labels: list[str] = field(default_factory=list)   # computed
    tails: list[list[str]] = field(default_factory=list)   # further paragraphs of each item, unlabelled

    def paragraphs(self) -> list[str]:
        """The enumeration as paragraph texts: one joined paragraph when inline, else each item's paragraphs."""
        labels = self.labels or [""] * len(self.items)
        pairs = [(label, _drop_echo(label, item)) for label, item in zip(labels, self.items, strict=True)]
        if not self.inline:
            tails = self.tails or [[] for _ in self.items]
            return [p for (label, item), tail in zip(pairs, tails, strict=True) for p in (label + item, *tail)]
        if any("。" in item.rstrip("。") for _, item in pairs):   # items of several sentences keep their own 。
            return ["".join(label + item if item[-1:] in "。！？" else label + item + "。" for label, item in pairs)]
        parts = [label + item.rstrip("。；;，,") for label, item in pairs]
        return ["；".join(parts) + "。"] if parts else []


    def labelled(self) -> list[tuple[str, str]]:
        """(label, first paragraph) of each item, for outlines and readers that skip the tails."""
        labels = self.labels or [""] * len(self.items)
        return [(label, label + _drop_echo(label, item)) for label, item in zip(labels, self.items, strict=True)]


def _drop_echo(label: str, item: str) -> str:
    """一要 + “要深刻认识……” reads 一要要: drop the verb the label already supplies."""
    if label[-1:] in ("要", "是") and item.startswith(label[-1]):
        return item[1:]
    return item


@dataclass
class Table(Block):
    """A table (the task table): header, rows, and an optional computed 序号 column."""

    header: list[str]
    rows: list[list[str]]
    numbered: bool = False   # a computed 序号 column comes first
    title: str = ""


@dataclass
class Signature(Block):
    """落款: the issuing organ."""

    text: str


@dataclass
class DateLine(Block):
    """成文日期, under the 落款."""

    text: str


@dataclass
class Attachment(Block):
    """附件说明: the attachments' titles."""

    items: list[str]


@dataclass
class Note(Block):
    """附注."""

    text: str


@dataclass
class PageBreak(Block):
    """The next block starts a new page."""


@dataclass
class Document:
    """One document of a case: its blocks and the metadata of 版头 and 版记."""

    id: str
    kind: str
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    lists: dict[str, int] = field(default_factory=dict)   # computed: items in each named list, for counts
    reads: set[str] = field(default_factory=set, compare=False)   # case facts the document used (meeting.place …)

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if isinstance(b, Title)), self.id)

    def walk(self, kind: type | tuple[type, ...] = Block):
        return (b for b in self.blocks if isinstance(b, kind))


# 版头/版记 metadata keys a template may set with `@meta`
META_KEYS = {
    "mark": "发文机关标志",
    "number": "发文字号",
    "signer": "签发人",
    "secrecy": "密级和保密期限",
    "urgency": "紧急程度",
    "copy_no": "份号",
    "cc": "抄送",
    "printer": "印发机关",
    "print_date": "印发日期",
    "direction": "行文方向",
}


class Visitor:
    """Dispatch on block class: define visit_Heading, visit_Paragraph, … ; unknown blocks hit `generic`."""

    def visit(self, block: Block):
        return getattr(self, f"visit_{type(block).__name__}", self.generic)(block)

    def generic(self, block: Block):
        raise NotImplementedError(f"{type(self).__name__} 不能处理 {type(block).__name__}")
