"""What an untrusted template may cost: steps, time, size of every value, and what it may turn into text.

Fragments and own text come from anyone, so each render gets a budget (a `Budget` in a context variable):
every loop iteration, macro call, filter and operator is a step charged to it, weighted by the literal text it
can repeat, so total output stays bounded whatever the nesting; a value larger than `MAX_TEXT` is refused when it
would be made, not after; and a 3-second deadline backs the step count up. Jinja's own compiled code is left
alone: the parsed template is rewritten so loops, `~` and macro bodies call the charging filters below.

Only plain values (text, numbers, dates) may become text: printing, `|string`, `|join`, `format` or `~` of a
model, a method or a context function is refused, so no Python internals (reprs, the models' field tables,
addresses) can reach a document.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.visitor import NodeTransformer

MAX_STEPS = 100_000      # loop iterations + calls + filters, weighted by the literal text each repeats
MAX_TEXT = 200_000       # characters in any one value a template builds
MAX_OUTPUT = 2_000_000   # characters a template prints in all
MAX_INT_BITS = 4_000     # an integer a template computes (about 1,200 digits)
MAX_ARG = 10_000         # widths, counts and lengths given to filters
DEADLINE_S = 3.0
WEIGHT_CHARS = 100       # one extra step per this many characters of literal text a loop body or macro repeats


class Refused(SecurityError):
    """A budget or plain-value rule refused the template; the message is for the user, in Chinese."""


@dataclass
class Budget:
    """What the templates of one document have spent so far: steps, characters printed, time."""

    steps: int = 0
    printed: int = 0
    deadline: float = field(default_factory=lambda: time.monotonic() + DEADLINE_S)

    def charge(self, weight: int = 1) -> None:
        self.steps += weight
        if self.steps > MAX_STEPS:
            raise Refused(f"循环、调用或递归次数过多（超过 {MAX_STEPS} 步）")
        if self.steps & 0x3FF < weight and time.monotonic() > self.deadline:
            raise Refused(f"执行时间过长（超过 {DEADLINE_S:g} 秒）")


_BUDGET: ContextVar[Budget | None] = ContextVar("drafter_template_budget", default=None)


def current() -> Budget:
    """The running render's budget; outside a render (Jinja folding constants at compile time) a throwaway one."""
    budget = _BUDGET.get()
    return budget if budget is not None else Budget()


def bounded_join(parts) -> str:
    """Environment.concat for a whole render: one budget for the render and its includes; output bounded as it streams."""
    token = _BUDGET.set(Budget()) if _BUDGET.get() is None else None
    try:
        out, size = [], 0
        for part in parts:
            size += len(part)
            if size > MAX_OUTPUT:
                raise Refused(f"模板输出过大（超过 {MAX_OUTPUT} 字符）")
            out.append(part)
        return "".join(out)
    finally:
        if token is not None:
            _BUDGET.reset(token)


# --- what may become text ----------------------------------------------------------------------------------------

def is_plain(value) -> bool:
    from drafter.facts.types import Deadline

    return isinstance(value, (str, int, float, dt.date, Deadline)) or value is None


def plain_or_refuse(value, what: str = "输出", lists: bool = True) -> None:
    """Refuse turning anything but text, numbers and dates (and, when `lists`, lists of them) into text."""
    if is_plain(value):
        return
    if lists and isinstance(value, (list, tuple)) and all(is_plain(v) for v in value):
        return
    kind = "列表" if isinstance(value, (list, tuple, set, dict)) else ("函数" if callable(value) else "一组字段")
    raise Refused(f"不能把{kind}直接{what}为文字：请写出具体字段，列表请用 |dunlist 或 |cnlist 连接")


def printed(text: str) -> str:
    budget = current()
    budget.printed += len(text)
    if budget.printed > MAX_OUTPUT:
        raise Refused(f"模板输出过大（超过 {MAX_OUTPUT} 字符）")
    return text


def check_size(value):
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_TEXT:
        raise Refused(f"模板生成的内容过大（超过 {MAX_TEXT} 字符或项）")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise Refused("模板计算出的数字过大")
    return value


# --- operators -------------------------------------------------------------------------------------------------

_FORMAT_SPEC = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d+))?[hlL]?([a-zA-Z%])")
_BRACE_SPEC = re.compile(r"\{[^{}]*:[^{}]*?(\d+)[^{}]*\}")


def safe_percent(template: str, args) -> str:
    """`"%s" % x` and `|format`: plain values only, no %r/%a, no widths that build huge strings."""
    for m in _FORMAT_SPEC.finditer(template):
        width, precision, conv = m.groups()
        if conv in "ra":
            raise Refused("不能用 %r 或 %a 输出对象的内部表示")
        if (width and int(width) > 1000) or (precision and int(precision) > 100):
            raise Refused("格式中的宽度或精度过大")
    values = args.values() if isinstance(args, dict) else (args if isinstance(args, tuple) else (args,))
    for v in values:
        plain_or_refuse(v, "格式化")
    return check_size(template % args)


def check_brace_format(template: str, args, kwargs) -> None:
    """`"{}".format(x)`: the same rules as `%`."""
    for m in _BRACE_SPEC.finditer(template):
        if int(m.group(1)) > 1000:
            raise Refused("格式中的宽度或精度过大")
    for v in (*args, *kwargs.values()):
        if isinstance(v, dict):   # format_map
            v = list(v.values())
        plain_or_refuse(v, "格式化")


def check_binop(op: str, left, right) -> None:
    current().charge()
    if op == "**":
        if isinstance(right, (int, float)) and abs(right) > 64:
            raise Refused("指数过大")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() * max(right, 0) > MAX_INT_BITS:
            raise Refused("模板计算出的数字过大")
    elif op == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_TEXT:
                raise Refused("重复次数过多")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise Refused("模板计算出的数字过大")
    elif op == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) and len(left) + len(right) > MAX_TEXT:
            raise Refused("拼接结果过大")


# --- filters ---------------------------------------------------------------------------------------------------

STRUCTURAL = frozenset({
    "attr", "batch", "count", "default", "d", "dictsort", "first", "groupby", "items", "last", "length", "list",
    "map", "max", "min", "reject", "rejectattr", "reverse", "select", "selectattr", "slice", "sort", "sum", "unique",
    "abs", "round", "int", "float", "bool", "e", "escape", "forceescape", "safe", "random",
})
"""Jinja filters that pass values on rather than turn them into text; every other one takes plain values only."""


def guarded(name: str, func, own: bool):
    """`func` charged to the budget, its arguments bounded, its result bounded; Jinja's text filters plain-only."""
    from jinja2.utils import _PassArg

    pass_arg = _PassArg.from_obj(func)
    skip = 1 if pass_arg is not None else 0

    def wrapper(*args, **kwargs):
        current().charge()
        values = args[skip:]
        for extra in (*values[1:], *kwargs.values()):
            if isinstance(extra, int) and not isinstance(extra, bool) and abs(extra) > MAX_ARG:
                raise Refused(f"过滤器 {name} 的参数过大")
            check_size(extra)
        if not own and name not in STRUCTURAL:
            for v in values:
                plain_or_refuse(v, "转换")
                if isinstance(v, (list, tuple)):
                    _join_size(v, name)
            if name == "replace" and len(values) >= 3 and all(isinstance(v, str) for v in values[:3]):
                text, old, new = values[:3]
                if (text.count(old) if old else len(text) + 1) * len(new) > MAX_TEXT:
                    raise Refused(f"过滤器 {name} 的结果过大")
        return check_size(func(*args, **kwargs))

    wrapper.jinja_pass_arg = pass_arg   # keep Jinja's context/environment injection
    wrapper.__name__ = getattr(func, "__name__", name)
    return wrapper


def _join_size(items, name: str) -> None:
    if sum(len(str(i)) + 1 for i in items) > MAX_TEXT:
        raise Refused(f"过滤器 {name} 的结果过大")


@pass_context   # never folded at compile time: the charge belongs to the render
def steps(_context, iterable, weight: int = 1):
    """A loop's iterations, each charged to the budget (weight = the literal text its body repeats)."""
    budget = current()
    for item in iterable:
        budget.charge(weight)
        yield item


@pass_context
def charge(_context, _value, weight: int = 1) -> str:
    """The first output of a macro body: charges one call, weighted like a loop body."""
    current().charge(weight)
    return ""


def concat(items) -> str:
    """`a ~ b`: plain values only, bounded before it is built."""
    current().charge()
    for v in items:
        plain_or_refuse(v, "连接")
    if sum(len(str(v)) for v in items) > MAX_TEXT:
        raise Refused("拼接结果过大")
    return "".join(str(v) for v in items)


BUDGET_FILTERS = {"_drafter_steps": steps, "_drafter_charge": charge, "_drafter_concat": concat}


def _literal_weight(body) -> int:
    chars = sum(len(n.data) for stmt in body for n in stmt.find_all(nodes.TemplateData))
    return 1 + chars // WEIGHT_CHARS


def _filter(node, name: str, *args, lineno: int):
    return nodes.Filter(node, name, list(args), [], None, None, lineno=lineno)


class Budgeted(NodeTransformer):
    """Rewrite a parsed template so loops, `~` and macro bodies go through the charging filters above."""

    def visit_For(self, node: nodes.For):
        self.generic_visit(node)
        weight = nodes.Const(_literal_weight(node.body), lineno=node.lineno)
        node.iter = _filter(node.iter, "_drafter_steps", weight, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat):
        self.generic_visit(node)
        return _filter(nodes.List(node.nodes, lineno=node.lineno), "_drafter_concat", lineno=node.lineno)

    def _charge_body(self, node):
        self.generic_visit(node)
        weight = nodes.Const(_literal_weight(node.body), lineno=node.lineno)
        tick = _filter(nodes.Const("", lineno=node.lineno), "_drafter_charge", weight, lineno=node.lineno)
        node.body.insert(0, nodes.Output([tick], lineno=node.lineno))
        return node

    visit_Macro = _charge_body
    visit_CallBlock = _charge_body
