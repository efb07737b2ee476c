"""Safe YAML loading that remembers the line of every value, for messages like `case.yaml:14 targets[2].value`.

Only the safe subset is read (no tags but plain data). Dates stay strings so that an impossible date such as
2021-02-30 becomes a located validation problem instead of a loader crash.

Case files and libraries come from anyone, so reading is bounded before anything is built: file size, nesting
depth, how far anchors expand (billion laughs, merge-key bombs), integer size; nan/inf are refused. Every parser
message reaches the user in Chinese with its line.

One dialect: values resolve as YAML 1.2 core (what ruamel writes for the TUI), so `14:30`, `yes` and `off` stay
text whichever program wrote the file; `round_trip()` gives the TUI the matching writer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.charsafe import forbidden
from drafter.errors import CaseError
from drafter.problems import Problem
from drafter.textfile import read_decoded

MAX_NODES = 200_000      # values after anchors are expanded
MAX_DEPTH = 40           # nesting of lists and mappings; real case files stay under 15
MAX_DIGITS = 18          # an integer longer than this is a typing mistake, not a figure

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
    ("control characters are not allowed", "含有不可见的控制字符，请删除"),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("did not find expected key", "缩进不一致，或某行缺少“- ”或冒号"),
    ("expected <block end>", "缩进不一致：同一层的各项应对齐，列表项与字段不能混在同一层"),
    ("did not find expected '-' indicator", "列表缩进不一致：每项应以“- ”开头并对齐"),
    ("could not determine a constructor", "不支持的 YAML 标签（只允许普通数据）"),
    ("found duplicate anchor", "锚点名称重复"),
    ("invalid Unicode character escape", "双引号中的 \\u 或 \\x 转义写错了：不需要转义时请改用单引号，或直接写出文字"),
    ("unknown escape character", "双引号中的反斜杠“\\”后跟了不能转义的字符：要写反斜杠本身请写成 \\\\ ，或改用单引号"),
    ("expected hexdecimal number", "双引号中的 \\u 或 \\x 转义写错了：不需要转义时请改用单引号，或直接写出文字"),
    ("a single document", "一个文件只能有一份内容：请删去多余的“---”分隔线"),
    ("expected a single document", "一个文件只能有一份内容：请删去多余的“---”分隔线"),
    ("document indicator", "此处的“---”或“...”会被当作文件分隔线：文字中的这些符号请用引号括起来"),
    ("expected '<document start>'", "文件开头的内容无法识别：请检查第一行"),
    ("<document start>", "一个文件只能有一份内容：请删去多余的“---”或“...”分隔线"),
    ("DOCUMENT-", "一个文件只能有一份内容：请删去多余的“---”或“...”分隔线"),
    ("STREAM-", "文件结构无法识别：请检查“---”分隔线"),
    ("block sequence entries are not allowed", "此处不能以“- ”开始列表：列表应另起一行并缩进"),
    ("mapping keys are not allowed", "此处不能写“? ”复杂字段名"),
    ("found unexpected ':'", "此处的冒号无法识别：含冒号的文字请用引号括起来"),
    ("cannot start any token", "此处的字符不能出现在值的开头（如 @ ` % |）：请把整段文字用引号括起来"),
    ("alphabetic or numeric character", "锚点（&）或别名（*）的名称只能用字母和数字"),
    ("while scanning an anchor", "锚点（&）或别名（*）的名称只能用字母和数字"),
    ("while scanning an alias", "锚点（&）或别名（*）的名称只能用字母和数字"),
    ("tag", "不支持的 YAML 标签（“!”开头的写法）：含“!”的文字请用引号括起来"),
    ("directive", "以“%”开头的行是 YAML 指令，不支持：含“%”的文字请用引号括起来"),
    ("indentation indicator", "多行文字（| 或 >）后的缩进数字不能是 0"),
    ("while scanning a block scalar", "多行文字（| 或 >）的写法有误：| 后只能跟缩进数字或 +、-，正文另起一行并缩进"),
    ("expected the node content", "此处缺少内容：逗号、冒号或“- ”之后应有值"),
    ("expected node content", "此处缺少内容：逗号、冒号或“- ”之后应有值"),
    ("comment or line break", "此处的内容没有结束：引号之后只能换行或写 # 注释"),
    ("UTF-8", "文件不是有效的 UTF-8 编码，请用 UTF-8 另存后再试"),
    ("UTF-16", "文件编码有误，请用 UTF-8 另存后再试"),
    ("invalid Unicode character", "含有无效的 Unicode 字符，请删除"),
    ("input is too long", "文件过大"),
    ("for merging", "合并键“<<”之后应是锚点引用的一组“字段: 值”（如 <<: *基础），或它们的列表"),
    ("found unhashable key", "字段名必须是文字，不能是列表或“字段: 值”"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("while scanning a simple key", "缺少冒号“:”，或这一行太长（字段名不能超过 1024 个字符）"),
    ("while scanning a plain scalar", "文字中有 YAML 无法识别的写法：请把整段文字用引号括起来"),
    ("while parsing a flow", "方括号或花括号没有闭合"),
    ("while parsing a block", "缩进不一致，或某行缺少“- ”或冒号"),
)
_UNKNOWN_YAML = "此处的写法无法识别：请检查引号、冒号与缩进，含特殊符号的文字请用引号括起来"


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
    problem = str(getattr(exc, "problem", "") or ("" if context else exc))
    if mark is not None and "cannot start any token" in problem:
        lines = text.splitlines()
        if mark.line < len(lines) and "\t" in lines[mark.line]:
            problem += " found character '\\t'"   # libyaml does not name the tab; the pure-Python scanner does
    # the problem says what is wrong; the context only where the parser was, so it is the fallback
    for raw in (problem, context):
        for needle, hint in _YAML_HINTS:
            if raw and needle in raw:
                return Problem(f"YAML 格式错误：{hint}", file=file, line=line)
    return Problem(f"YAML 格式错误：{_UNKNOWN_YAML}", file=file, line=line)


def read_text(path: Path, label: str | None = None) -> str:
    """Read a case or library file: UTF-8 (or UTF-16/32 with a byte-order mark)."""
    return read_decoded(path, label)[0]


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml's parser when installed: ~5× faster


class _Loader(_Base):
    """Safe loader resolving plain values as YAML 1.2 core: only true/false are booleans, no base-60 numbers."""


_INT = re.compile(r"^[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$")
_FLOAT = re.compile(r"""^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)
_RESOLVERS = (
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
    ("tag:yaml.org,2002:float", _FLOAT, "-+0123456789."),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), "<"),
)
_Loader.yaml_implicit_resolvers = {}
for _tag, _rx, _first in _RESOLVERS:
    for _ch in _first:
        _Loader.yaml_implicit_resolvers.setdefault(_ch, []).append((_tag, _rx))
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _ValueProblem(Exception):
    """A scalar that parses but cannot be used (too long an integer, nan); the message is for the user."""


def _int(value: str) -> int:
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    base = {"0b": 2, "0o": 8, "0x": 16}.get(text[:2].lower(), 10)
    digits = text[2:] if base != 10 else text
    if not digits or len(digits.lstrip("0")) > MAX_DIGITS:
        raise _ValueProblem(f"数字位数过多（{len(digits)} 位）：如果这是编号或文字，请加引号")
    return sign * int(digits, base)


def _float(value: str) -> float:
    text = value.replace("_", "")
    if "inf" in text.lower() or "nan" in text.lower():
        raise _ValueProblem(f"“{value}”不是一个有限的数字：请写出具体数值（如果这是文字，请加引号）")
    if len(text) > 64:
        raise _ValueProblem(f"数字位数过多（{len(text)} 位）：如果这是编号或文字，请加引号")
    number = float(text)
    if not math.isfinite(number):
        raise _ValueProblem(f"数字“{value}”超出了可以表示的范围")
    return number


_CONSTRUCT = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
    "tag:yaml.org,2002:merge": str,     # `<<` as a value rather than a key is just text
}


def _scan(text: str, file: str) -> None:
    """Walk the parser's events once, before anything is built: nesting depth and the size anchors expand to.

    Aliases count as the whole value they stand for, so `*a` repeated in nested lists or merge keys (`<<: [*a, *a]`)
    is refused at the line where it would explode, instead of hanging the loader.
    """
    loader = _Loader(text)
    sizes: dict[str, int] = {}
    stack: list[list] = [[0, None]]          # per open collection: [size so far, anchor]
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            line = event.start_mark.line + 1
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) > MAX_DEPTH:
                    raise CaseError(Problem(f"内容嵌套过深（超过 {MAX_DEPTH} 层）", file=file, line=line))
                stack.append([1, event.anchor])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                size, anchor = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
                stack[-1][0] += size
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                stack[-1][0] += 1
            elif isinstance(event, yaml.AliasEvent):
                stack[-1][0] += sizes.get(event.anchor, 1)
            else:
                continue
            if sum(frame[0] for frame in stack) > MAX_NODES:
                raise CaseError(Problem(f"内容过多或锚点引用（*别名）展开后过大（超过 {MAX_NODES} 项），无法处理",
                                        file=file, line=line))
    except yaml.YAMLError as exc:
        raise CaseError(_yaml_problem(exc, file, text)) from None
    finally:
        loader.dispose()


def load_yaml(text: str, file: str) -> Located:
    """Parse `text` into plain data with line numbers; raise CaseError listing syntax problems."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise CaseError(Problem("文件是空的：至少需要 org、meeting、documents 等内容", file=file, line=1))
    _scan(text, file)
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise CaseError(_yaml_problem(exc, file, text)) from None
    located = Located(data=None, file=file)
    problems: list[Problem] = []
    budget = [MAX_NODES]
    try:
        located.data = _build(node, (), located, problems, loader, budget)
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc, file, text))
    if problems:
        raise CaseError(problems)
    return located


def load_library_yaml(text: str, file: str) -> Located:
    """load_yaml for a library file (fragments, default outlines): parsed once per text and kept in the cache.

    Every command reads the whole library; parsing its YAML was most of that (~12 ms of ~14 ms). The entry is
    found by the text itself, so an edited file is parsed again, and a file with problems is never stored.
    A case file is always parsed afresh."""
    import hashlib

    from drafter import cache

    def parse() -> tuple[Any, dict]:
        located = load_yaml(text, file)
        return located.data, located.lines

    key = f"yaml {yaml.__version__} {hashlib.blake2b(text.encode('utf-8'), digest_size=20).hexdigest()}"
    data, lines = cache.memo("yaml", key, parse)
    return Located(data=data, file=file, lines=lines)


def _build(node: yaml.Node, path: Path_, located: Located, problems: list[Problem], loader, budget) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        if budget[0] == -1:
            problems.append(Problem("内容过多或锚点引用嵌套过深，无法处理", file=located.file, line=node.start_mark.line + 1))
        return None
    located.lines.setdefault(path, node.start_mark.line + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")[:40]
        problems.append(Problem(f"YAML 格式错误：不支持的 YAML 标签“{tag}”（只允许普通数据）", file=located.file,
                                line=node.start_mark.line + 1))
        return None
    if isinstance(node, yaml.MappingNode):
        own = sum(k.tag != "tag:yaml.org,2002:merge" for k, _ in node.value)
        loader.flatten_mapping(node)
        merged = len(node.value) - own    # pairs brought in by `<<` come first; the mapping's own keys override them
        out: dict[str, Any] = {}
        from_merge: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = _scalar(key_node, loader, located, problems)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                problems.append(Problem("字段名必须是文字", file=located.file, line=key_node.start_mark.line + 1))
                continue
            key = str(key)
            child = (*path, key)
            if index < merged:
                from_merge.add(key)
            elif key in out and key not in from_merge:
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
    return _scalar(node, loader, located, problems, path)


def _scalar(node: yaml.Node, loader, located: Located, problems: list[Problem], path: Path_ = ()) -> Any:
    """A plain value; a problem with it names its field (`path`, empty for a key)."""
    line = node.start_mark.line + 1
    where = _fmt(path) if path else None
    if not isinstance(node, yaml.ScalarNode):
        problems.append(Problem("此处应为简单的值", file=located.file, line=line))
        return None
    construct = _CONSTRUCT.get(node.tag)
    if construct is None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")[:40]
        problems.append(Problem(f"YAML 格式错误：不支持的 YAML 标签“{tag}”（只允许普通数据）", file=located.file, line=line))
        return None
    bad = forbidden().search(node.value)
    if bad is not None:
        problems.append(Problem(f"含有不可见的控制字符（U+{ord(bad.group()):04X}），请删除", file=located.file, line=line,
                                path=where))
        return None
    try:
        return construct(node.value)
    except _ValueProblem as exc:
        problems.append(Problem(str(exc), file=located.file, line=line, path=where))
    except ValueError:
        problems.append(Problem(f"“{node.value[:40]}”不是有效的数字：如果这是文字，请加引号", file=located.file, line=line,
                                path=where))
    return None


def _fmt(path: Path_) -> str:
    from drafter.problems import format_path

    return format_path(path)


def _resolver_without_timestamps():
    """ruamel's resolver, minus timestamps: the loader keeps 2026-02-27 as text, so the writer need not quote it
    (a date typed in the editor was saved as '2026-02-27')."""
    from ruamel.yaml.resolver import VersionedResolver

    class Resolver(VersionedResolver):
        _source: dict | None = None

        @property
        def versioned_resolver(self):
            """Filtered once per table (ruamel asks for it up to three times per scalar). Tuples, the catch-all
            (None) one too: resolve() adds it to a first character's with +=, which would grow a kept list."""
            table = super().versioned_resolver
            if table is not self._source:
                self._source = table
                self._filtered = {None: (), **{first: tuple((tag, rx) for tag, rx in pairs
                                                             if tag != "tag:yaml.org,2002:timestamp")
                                                for first, pairs in table.items()}}
            return self._filtered
    return Resolver


def round_trip():
    """The writer the TUI saves with: ruamel's round trip (comments and key order kept), in YAML 1.2 like the loader.

    A text such as `14:30`, `yes` or `0777` is written in quotes whenever the loader would read it as
    something else, so what a user typed as text comes back as text.
    """
    from ruamel.yaml import YAML

    y = YAML()
    y.Resolver = _resolver_without_timestamps()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)   # the style of drafter's starters and examples: "  - id: …"
    y.allow_unicode = True
    return y
