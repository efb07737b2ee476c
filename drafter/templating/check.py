"""`drafter fragments check`: the library an office shares must stay sound as people add to it.

Finds fragments that do not compile, name a variable or field the case cannot supply, use variables
they do not declare, share an id within one layer, or are past their use-until date; and slots of a
kind's default outline that no fragment fills.
"""

from __future__ import annotations

import datetime as dt

from jinja2 import meta, nodes
from jinja2.exceptions import TemplateSyntaxError

from drafter.facts import model as m
from drafter.kinds import KINDS
from drafter.outline.tree import outline_path, outline_slots
from drafter.problems import Problem, Severity
from drafter.resources import layers, library_files
from drafter.templating.context import CONTEXT_NAMES
from drafter.templating.environment import syntax_message
from drafter.templating.fragments import Fragment, Library, load_file, load_library
from drafter.typed import BaseModel

CONTEXT = CONTEXT_NAMES
GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "true", "false", "none"}
ROOT_MODELS: dict[str, type[BaseModel]] = {"org": m.Org, "meeting": m.Meeting, "case": m.Case, "petitions": m.Petitions,
                                          "options": m.Options}
DOC_MODELS = {"speech": m.SpeechDoc, "notice": m.NoticeDoc, "host": m.HostDoc, "report": m.ReportDoc, "news": m.NewsDoc}
COMPUTED = {"task_counts": {"total", "done", "on_track", "lagging", "unknown", "open"}}


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields) | {n for n in dir(model) if not n.startswith("_") and callable(getattr(model, n, None))
                                      and n in ("person", "document")}


def _attr_problems(frag: Fragment, ast: nodes.Template) -> list[str]:
    out = []
    for node in ast.find_all(nodes.Getattr):
        if not isinstance(node.node, nodes.Name):
            continue
        root, attr = node.node.name, node.attr
        if root == "doc":
            allowed = set().union(*(_fields(DOC_MODELS[k]) for k in frag.kinds if k in DOC_MODELS)) if frag.kinds else set()
            if allowed and attr not in allowed:
                out.append(f"用到了文档中没有的字段“doc.{attr}”")
        elif root in ROOT_MODELS and attr not in _fields(ROOT_MODELS[root]):
            out.append(f"用到了案卷中没有的字段“{root}.{attr}”")
        elif root in COMPUTED and attr not in COMPUTED[root]:
            out.append(f"用到了不存在的计算值“{root}.{attr}”")
    return out


def check_library(env, library: Library | None = None, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    library = library or load_library()
    problems: list[Problem] = []

    def report(frag: Fragment, message: str, severity: Severity = Severity.ERROR, line: int | None = None) -> None:
        problems.append(Problem(f"片段“{frag.id}”：{message}", file=frag.file, line=line or frag.line, severity=severity))

    # every file of every layer, not the merged library: a fragment shadowed by another is still shared
    every = [f for folder in layers("fragments") for path in library_files(folder)[0]
             for f in load_file(path).fragments.values()]
    for frag in sorted(every, key=lambda f: (f.file, f.line)):
        try:
            ast = env.parse(frag.text)
        except TemplateSyntaxError as exc:
            report(frag, syntax_message(exc.message or ""), line=frag.line + (exc.lineno or 1))
            continue
        used = meta.find_undeclared_variables(ast)
        for name in sorted(used - CONTEXT - GLOBALS):
            report(frag, f"用到了未知变量“{name}”")
        for message in sorted(set(_attr_problems(frag, ast))):
            report(frag, message)
        declared = {v.split(".")[0] for v in frag.vars}
        helpers = {"count", "person"}
        for name in sorted((used & CONTEXT) - declared - helpers):
            report(frag, f"用到了变量“{name}”，但 vars 中没有声明", Severity.WARNING)
        unknown_kinds = [k for k in frag.kinds if k not in KINDS and k != "*"]
        if unknown_kinds:
            report(frag, f"未知文种：{'、'.join(unknown_kinds)}")
        if frag.use_until and frag.use_until < today:
            report(frag, f"已过使用期限（{frag.use_until}），请更新或删除", Severity.WARNING)

    problems += _duplicates_within_layers()
    problems += _empty_slots(library)
    return problems


def _duplicates_within_layers() -> list[Problem]:
    out = []
    for folder in layers("fragments"):
        seen: dict[str, str] = {}
        for path in library_files(folder)[0]:
            lib = load_file(path)
            for fid, frag in lib.fragments.items():
                if fid in seen and seen[fid] != str(path):
                    out.append(Problem(f"片段 id“{fid}”在同一层中重复（另见 {seen[fid]}）", file=frag.file, line=frag.line))
                seen.setdefault(fid, str(path))
    return out


def _empty_slots(library: Library) -> list[Problem]:
    out = []
    for kind in KINDS.values():
        path = outline_path(kind.id)
        for slot, _many in outline_slots(kind.id):
            if not library.for_slot(kind.id, slot):
                out.append(Problem(f"{kind.name}的槽位“{slot}”没有任何表述片段", file=str(path)))
    return out
