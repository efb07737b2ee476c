"""Renderers are visitors over the document tree; this registry maps a format to one, imported lazily."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the CLI lists the formats in its help: naming them must not import the tree
    from drafter.doctree.nodes import Document


@dataclass(frozen=True)
class Renderer:
    """An output format: its file extension and the function that renders a document tree to it."""

    name: str
    extension: str
    target: str          # "module:function"; function(Document) -> bytes
    description: str
    companion: tuple[str, str] | None = None   # (format, document option): also render that format when the option is on

    def load(self) -> Callable[[Document], bytes]:
        module, _, func = self.target.partition(":")
        return getattr(importlib.import_module(module), func)


RENDERERS: dict[str, Renderer] = {}


def register(renderer: Renderer) -> None:
    RENDERERS[renderer.name] = renderer


register(Renderer("text", ".txt", "drafter.render.text:render_text", "纯文本（校对与比对用）"))
register(Renderer("docx", ".docx", "drafter.render.docx:render_docx", "Word 文档（GB/T 9704 版式）",
                  companion=("reading", "reading_copy")))   # the speaker's large-print copy travels with the .docx
register(Renderer("reading", "-念稿.docx", "drafter.render.docx:render_docx_reading", "大字念稿（供讲话人使用）"))
register(Renderer("outline", "-提纲.txt", "drafter.render.outline:render_outline", "讲话提纲（含预计讲话时长）"))
