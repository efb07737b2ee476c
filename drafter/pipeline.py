"""The one entry point: case file → facts → outline + fragments → document tree → renderers.

The CLI, the TUI and the tests all call these functions; nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter import collector
from drafter.atomic import write_all
from drafter.doctree import numbering
from drafter.doctree.nodes import Document
from drafter.errors import CaseError, DrafterError, TemplateError
from drafter.facts.load import CaseFile, load_case, parse_case
from drafter.kinds import KINDS
from drafter.outline.build import Builder, merge_joined
from drafter.outline.tree import _Resolver, load_default, resolve
from drafter.outline.unused import unused_facts, unused_keys
from drafter.problems import Problem
from drafter.render import RENDERERS
from drafter.settings import settings
from drafter.templating.context import FRAGMENT_ID, TextContext
from drafter.templating.environment import Sandbox, make_environment
from drafter.templating.fragments import Library, load_library

__all__ = ["Drafting", "load_case", "parse_case", "Output"]


@dataclass(frozen=True)
class Output:
    """One rendered file: the document it came from, its file name, its bytes."""

    doc_id: str
    filename: str
    data: bytes


class Drafting:
    """A fragment library and a template environment, built once and reused for many renders."""

    def __init__(self, library: Library | None = None):
        self.library = library if library is not None else load_library()
        self.env: Sandbox = make_environment(self.library)

    def check_references(self, cf: CaseFile) -> list[Problem]:
        """Fragment ids the case chooses must exist; report each with its line in the case file."""
        problems = []
        for i, doc in enumerate(cf.case.documents):
            for slot, ids in doc.slots.items():
                for j, fid in enumerate(ids):
                    if self.library.get(fid) is None:
                        hits = [f.id for f in self.library.for_slot(doc.kind, slot)][:5]
                        hint = f"（该槽位可用：{'、'.join(hits)}）" if hits else ""
                        path = ("documents", i, "slots", slot) + ((j,) if len(ids) > 1 else ())
                        message = f"表述片段“{fid}”不存在{hint}"
                        if not FRAGMENT_ID.match(fid):
                            message = (f"“{fid[:20]}”不是片段 id：自己的文字请写在 overrides 中（overrides: {{{slot}: ……}}），"
                                       "或写在提纲的 text 部分")
                        problems.append(cf.problem(path, message))
        return problems

    def build(self, cf: CaseFile, doc_id: str | None = None) -> list[Document]:
        """Document trees for every document of the case, or only `doc_id`."""
        with collector.paused():
            return self._build(cf, doc_id)

    def _build(self, cf: CaseFile, doc_id: str | None) -> list[Document]:
        problems = self.check_references(cf)
        if problems:
            raise TemplateError(problems)
        docs = cf.case.documents
        if doc_id is not None:
            docs = [d for d in docs if d.id == doc_id]
            if not docs:
                ids = "、".join(d.id for d in cf.case.documents)
                raise DrafterError(Problem(f"案卷中没有 id 为“{doc_id}”的文档（有：{ids}）", file=cf.source.file))
        trees = [self.build_one(cf, d) for d in docs]
        if doc_id is None:   # the whole case drafted: a fact no document used had no effect
            problems = self.unused_facts(cf, trees)
            if problems:
                raise CaseError(problems)
        return trees

    @staticmethod
    def unused_facts(cf: CaseFile, trees: list[Document]) -> list[Problem]:
        """Facts that no document of the case used, once every document is drafted (the editor drafts one at a time)."""
        return unused_facts(cf, set().union(*(t.reads for t in trees)))

    def text_context(self, cf: CaseFile, doc) -> TextContext:
        return TextContext(cf.case, doc, self.env, self.library, KINDS[doc.kind])

    def build_one(self, cf: CaseFile, doc) -> Document:
        """The document's outline (default, whole or edited) → blocks → text → numbers; unused keys reported."""
        kind = KINDS[doc.kind]
        index = cf.case.documents.index(doc)
        default = load_default(doc.kind)
        base = ("documents", index)
        nodes = resolve(default, doc.outline, cf.problem, base)
        texts = self.text_context(cf, doc)
        builder = Builder(texts, kind, nodes, _Resolver(default, cf.problem, base))
        try:
            tree = builder.build()
        except TemplateError as exc:
            raise TemplateError(exc.problems + unused_keys(cf, index, texts, default, kind, built=False)) from None
        problems = unused_keys(cf, index, texts, default, kind)
        if problems:
            raise CaseError(problems)
        options = tree.options
        options["numbering"] = options["numbering"] or kind.numbering
        options["fonts"] = options["fonts"] or settings().get("fonts", "gb2312")
        numbering.number(tree)
        merge_joined(tree)
        tree.reads = texts.case_reads
        return tree

    def render(self, cf: CaseFile, to: str = "text", doc_id: str | None = None) -> list[Output]:
        if to not in RENDERERS:
            raise DrafterError(f"不支持的输出格式“{to}”（可用：{'、'.join(RENDERERS)}）")
        stem = cf.path.stem if cf.path else "case"
        return [out for tree in self.build(cf, doc_id) for out in self.outputs(tree, to, stem)]

    @staticmethod
    def outputs(tree: Document, to: str, stem: str) -> list[Output]:
        """The files of one drafted document in format `to` (and its companion, such as the 大字念稿, when asked for)."""
        formats = [to]
        companion = RENDERERS[to].companion
        if companion and tree.options.get(companion[1]):
            formats.append(companion[0])
        with collector.paused():
            return [Output(tree.id, f"{stem}-{tree.id}{RENDERERS[fmt].extension}", RENDERERS[fmt].load()(tree))
                    for fmt in formats]

    def export(self, cf: CaseFile, out_dir: Path, to: str = "text", doc_id: str | None = None) -> list[Path]:
        """Render, then write every file as one set (drafter.atomic.write_all): nothing is written unless all
        documents render, and an interrupted export never leaves files of two runs side by side."""
        outputs = self.render(cf, to, doc_id)
        written = [Path(out_dir) / out.filename for out in outputs]
        write_all([(target, out.data) for target, out in zip(written, outputs, strict=True)])
        return written
