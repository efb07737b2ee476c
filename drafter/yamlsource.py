"""Safe YAML loading that remembers the line of every value, for messages like `case.yaml:14 targets[2].value`.

Only the safe subset is read (no Python tags). Dates stay strings so that an impossible date such as
2021-02-30 becomes a located validation problem instead of a loader crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import CaseError
from drafter.problems import Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """Plain data (dicts, lists, scalars) plus the source line (1-based) of each path."""

    data: Any
    file: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """Line of the deepest known ancestor of `path`, so missing keys point at their parent."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


_YAML_HINTS = (
    ("found character '\\t'", "此处用了制表符（Tab），YAML 只能用空格缩进"),
    ("tab character", "此处用了制表符（Tab），YAML 只能用空格缩进"),   # libyaml's wording
    ("expected ',' or ']'", "方括号 [ 没有闭合，或列表项之间缺少逗号"),
    ("expected ',' or '}'", "花括号 { 没有闭合，或各项之间缺少逗号"),
    ("found unexpected end of stream", "引号或括号没有闭合，文件就结束了"),
    ("mapping values are not allowed", "此处不能出现“冒号+空格”：含冒号的文字请用引号括起来"),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号没有闭合"),
    ("unacceptable character", "含有不可见的控制字符，请删除"),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("did not find expected key", "缩进不一致，或某行缺少“- ”或冒号"),
    ("expected <block end>", "缩进不一致：同一层的各项应对齐，列表项与字段不能混在同一层"),
    ("did not find expected '-' indicator", "列表缩进不一致：每项应以“- ”开头并对齐"),
    ("could not determine a constructor", "不支持的 YAML 标签（只允许普通数据）"),
    ("found duplicate anchor", "锚点名称重复"),
)


def _yaml_problem(exc: yaml.YAMLError, file: str, text: str = "") -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        if _Base is yaml.SafeLoader:
            line = text.count("\n", 0, exc.position) + 1
        else:   # libyaml counts bytes of the UTF-8 text
            line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return Problem(f"含有不可见的控制字符（U+{char:04X}），请删除", file=file, line=line)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context = getattr(exc, "context", "") or ""
    if getattr(exc, "context_mark", None) is not None and ("flow" in context or "quoted" in context):
        mark = exc.context_mark  # point at the bracket or quote that was never closed
    line = mark.line + 1 if mark is not None else None
    raw = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or exc}"
    if mark is not None and "cannot start any token" in raw:
        lines = text.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line]:
            raw += " found character '\\t'"   # libyaml does not name the tab; the pure-Python scanner does
    for needle, hint in _YAML_HINTS:
        if needle in raw:
            return Problem(f"YAML 格式错误：{hint}", file=file, line=line)
    return Problem(f"YAML 格式错误：{raw.strip()}", file=file, line=line)


def read_decoded(path: Path, label: str | None = None, *, max_bytes: int = MAX_BYTES,
                 encodings: tuple[str, ...] = ("utf-8-sig",), hint: str = "请选择 .yaml 案卷文件") -> tuple[str, str]:
    """A user's text file and the encoding it was in; binary, undecodable or oversized input is refused in Chinese."""
    label = label or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaseError(Problem("文件不存在", file=label)) from None
    except IsADirectoryError:
        raise CaseError(Problem("这是一个文件夹，不是文件", file=label)) from None
    except OSError as exc:
        raise CaseError(Problem(f"无法读取文件：{exc.strerror}", file=label)) from None
    if len(raw) > max_bytes:
        raise CaseError(Problem(f"文件过大（{len(raw) // 1024} KB），上限为 {max_bytes // 1024} KB", file=label))
    if b"\x00" in raw:
        raise CaseError(Problem(f"这不是文本文件（含有二进制内容），{hint}", file=label))
    for encoding in encodings:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
    names = "、".join("UTF-8" if e.startswith("utf-8") else e.upper() for e in encodings)
    raise CaseError(Problem(f"文件不是 {names} 编码，请用 UTF-8 另存后再试", file=label, line=line))


def read_text(path: Path, label: str | None = None) -> str:
    """Read a case or library file: UTF-8 only."""
    return read_decoded(path, label)[0]


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml's parser when installed: ~5× faster


class _Loader(_Base):
    """Safe loader that leaves timestamps as strings (validated later, with a location)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, file: str) -> Located:
    """Parse `text` into plain data with line numbers; raise CaseError listing syntax problems."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise CaseError(Problem("文件是空的：至少需要 org、meeting、documents 等内容", file=file, line=1))
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise CaseError(_yaml_problem(exc, file, text)) from None
    located = Located(data=None, file=file)
    problems: list[Problem] = []
    budget = [MAX_NODES]
    located.data = _build(node, (), located, problems, loader, budget)
    if problems:
        raise CaseError(problems)
    return located


def _build(node: yaml.Node, path: Path_, located: Located, problems: list[Problem], loader, budget) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        if budget[0] == -1:
            problems.append(Problem("内容过多或锚点引用嵌套过深，无法处理", file=located.file, line=node.start_mark.line + 1))
        return None
    located.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, located, problems)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                problems.append(Problem("字段名必须是文字", file=located.file, line=key_node.start_mark.line + 1))
                continue
            key = str(key)
            child = (*path, key)
            if key in out:
                problems.append(
                    Problem(f"字段“{key}”重复出现，后一处会覆盖前一处", file=located.file,
                            line=key_node.start_mark.line + 1, path=_fmt(child))
                )
            located.lines[child] = key_node.start_mark.line + 1
            out[key] = _build(value_node, child, located, problems, loader, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, i), located, problems, loader, budget) for i, item in enumerate(node.value)
        ]
    return _scalar(node, loader, located, problems)


def _scalar(node: yaml.Node, loader, located: Located, problems: list[Problem]) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        problems.append(Problem("此处应为简单的值", file=located.file, line=node.start_mark.line + 1))
        return None
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc, located.file))
        return None


def _fmt(path: Path_) -> str:
    from drafter.problems import format_path

    return format_path(path)
