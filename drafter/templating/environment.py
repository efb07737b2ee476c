"""The one Jinja environment: sandboxed, StrictUndefined, layered template lookup, sanitized output.

Fragments and own text may come from other offices and are untrusted: the immutable sandbox refuses
Python internals and any change to the facts (a fragment cannot empty the targets for the next
document), only fragments can be included (no file is ever read), and every value printed is stripped
of control and private characters and of line breaks, so facts can never add a paragraph.
What a template may cost and turn into text is bounded in drafter.templating.budget.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from contextlib import contextmanager
from contextvars import ContextVar

from jinja2 import FileSystemBytecodeCache, FunctionLoader, StrictUndefined, TemplateNotFound, Undefined
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.charsafe import strip_unsafe
from drafter.cnnum import num
from drafter.errors import TemplateError
from drafter.problems import Problem
from drafter.templating import budget
from drafter.templating.filters import FILTERS, date_cn
from drafter.templating.fragments import Library
from drafter.typed import BaseModel

FRAGMENT_PREFIX = "fragment:"
MAX_OUTPUT = budget.MAX_OUTPUT
_READS: ContextVar[set | None] = ContextVar("drafter_reads", default=None)
_EMPTY_READ: ContextVar[str | None] = ContextVar("drafter_empty_read", default=None)
"""The field the template's last attribute read found empty (None), to name it if that empty value is printed."""


class Trusted(str):
    """Text produced by drafter itself (slot output, count markers); passed through unsanitized."""


class NullValue(Exception):
    """A template printed an empty (None) fact: `field` is the one its last read found empty, when that was the read."""

    def __init__(self, field: str | None = None):
        super().__init__(field)
        self.field = field


def sanitize(value) -> str:
    if type(value) is str and value.isprintable():   # most printed facts: one line, nothing unsafe in it
        return budget.printed(value.strip())          # (what the general path below makes of such a string)
    if isinstance(value, Trusted):
        return str(value)
    if value is None:
        raise NullValue(_EMPTY_READ.get())
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return num(value)
    if isinstance(value, dt.date):
        return date_cn(value)
    if isinstance(value, Undefined):
        return str(value)   # StrictUndefined raises, naming the missing fact
    budget.plain_or_refuse(value, "输出", lists=False)
    text = str(value)
    text = strip_unsafe(text)
    return budget.printed("".join(line.strip() for line in text.splitlines()))


@contextmanager
def reading(record):
    """Tell `record.note(obj, attr)` which fields of the facts templates read, so unused keys can be reported."""
    token = _READS.set(record)
    try:
        yield
    finally:
        _READS.reset(token)


_BASEMODEL_NAMES = frozenset(dir(BaseModel))


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with budgets (drafter.templating.budget): every loop, call, filter and operator is
    charged and bounded; of a model only its fields and drafter's own properties can be read, never the
    model's machinery (model_fields, model_dump, model_config …)."""

    def _parse(self, source, name, filename):
        return budget.Budgeted().visit(super()._parse(source, name, filename))

    def concat(self, parts):   # noqa: D401 - Template.render joins its output through this
        return budget.bounded_join(parts)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        """Jinja's rules and ours look at the object's type and the attribute's name, never at the value: each pair
        is judged once (a loop over the facts asks the same few pairs again and again, each ~15 isinstance checks)."""
        return self.memo(self.safe_attributes, (type(obj), attr), lambda: self._judge(obj, attr, value))

    def _judge(self, obj, attr, value) -> bool:
        if isinstance(obj, BaseModel) and attr not in type(obj).model_fields and attr in _BASEMODEL_NAMES:
            return False
        return super().is_safe_attribute(obj, attr, value)

    MEMO_LIMIT = 4096   # the TUI drafts on every pause in typing: each edit of own text is a new source

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)     # nothing a document needs; lipsum(10**6) only burns time
        # shared by every document drafted with this environment: a fragment is parsed and compiled once per run
        self.names_read: dict[str, frozenset[str]] = {}   # fragment id or own text → the variables it reads
        self.own_templates: dict[str, object] = {}        # own text → its compiled template
        self.safe_attributes: dict[tuple[type, str], bool] = {}   # (type, attribute name) → may a template read it

    def memo(self, table: dict, key: str, make):
        value = table.get(key)
        if value is None:
            if len(table) >= self.MEMO_LIMIT:
                table.clear()
            value = table[key] = make()
        return value

    def getattr(self, obj, attribute):
        recorder = _READS.get()
        if recorder is not None and isinstance(obj, BaseModel):
            recorder.note(obj, attribute)
        value = super().getattr(obj, attribute)
        _EMPTY_READ.set(attribute if value is None and isinstance(obj, BaseModel) else None)
        return value

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        budget.current().charge()
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def bounded(*args, **kwargs):
            budget.check_brace_format(template, args, kwargs)
            return budget.check_size(wrapped(*args, **kwargs))
        return bounded

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context, operator_name, left, right):
        budget.check_binop(operator_name, left, right)
        if operator_name == "%" and isinstance(left, str):
            return budget.safe_percent(left, right)
        op = {"*": operator.mul, "**": operator.pow, "+": operator.add, "%": operator.mod}[operator_name]
        return budget.check_size(op(left, right))


def make_environment(library: Library) -> Sandbox:
    def fragment_source(name: str):
        if not name.startswith(FRAGMENT_PREFIX):
            return None
        frag = library.get(name[len(FRAGMENT_PREFIX):])
        if frag is None:
            raise TemplateNotFound(name)
        # leading newlines make Jinja's line numbers equal the YAML file's lines
        return "\n" * frag.line + frag.text, frag.file, lambda: True

    env = Sandbox(
        loader=FunctionLoader(fragment_source),
        bytecode_cache=_bytecode_cache(),
        undefined=StrictUndefined,
        finalize=sanitize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["format"] = lambda value, *args, **kwargs: budget.safe_percent(value, kwargs or args)
    for name, func in list(env.filters.items()):
        env.filters[name] = budget.guarded(name, func, own=name in FILTERS)
    env.filters.update(budget.BUDGET_FILTERS)
    return env


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Fragments compiled once and kept in the user's cache: a fragment's code is found by its text, and the
    folder by drafter's sources, so a changed fragment or drafter never meets stale code."""
    from drafter import cache

    folder = cache.folder("jinja")
    return _ForgivingCache(str(folder)) if folder is not None else None


class _ForgivingCache(FileSystemBytecodeCache):
    """A cache entry that cannot be read or written (folder removed, disk full, another run racing) is simply
    compiled again: derived data is never an error."""

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def render(env: Sandbox, name: str, context: dict, where: str | None = None) -> str:
    """Render template `name`; every failure becomes a located TemplateError in Chinese."""
    try:
        out = env.get_template(name).render(context)
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - every template failure must reach the user in Chinese
        raise TemplateError(explain(exc, name, where)) from None
    if len(out) > MAX_OUTPUT:
        raise TemplateError(Problem(f"模板输出过大（{len(out)} 字符）", file=where or name))
    return out


_UNDEF = (
    (re.compile(r"'([^']+)' is undefined"), "用到了未定义的变量“{0}”"),
    (re.compile(r"'(?:[\w.]+ object|dict object)' has no attribute '([^']+)'"), "用到了案卷中没有的字段“{0}”"),
    (re.compile(r"has no attribute '([^']+)'"), "用到了不存在的字段“{0}”"),
)


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        fn = tb.tb_frame.f_code.co_filename
        if not fn.endswith(".py") and fn != "<template>":
            found = (fn, tb.tb_lineno)
        tb = tb.tb_next
    return found


_TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "name": "名称", "end of template": "模板末尾"}
_SYNTAX = [
    (re.compile(r"^expected token '(.+?)', got '(.+?)'"), lambda m: f"在“{_token(m[2])}”之前缺少 {_token(m[1])}"),
    (re.compile(r"^unexpected end of template, expected '(.+?)'"), lambda m: f"文字结束时还缺少 {_token(m[1])}"),
    (re.compile(r"^Unexpected end of template\. .*innermost block that needs to be closed is '(.+?)'"),
     lambda m: f"{{% {m[1]} %}} 没有对应的 {{% end{m[1]} %}}"),
    (re.compile(r"^Encountered unknown tag '(.+?)'\. .*innermost block that needs to be closed is '(.+?)'"),
     lambda m: f"“{m[1]}”与前面的 {{% {m[2]} %}} 不配对（应为 {{% end{m[2]} %}}）"),
    (re.compile(r"^Encountered unknown tag '(.+?)'"), lambda m: f"不认识的标签“{{% {m[1]} %}}”"),
    (re.compile(r"^Expected an expression, got '(.+?)'"), lambda m: f"{_token(m[1])} 之前缺少要输出或判断的内容"),
    (re.compile(r"^unexpected char (.+?) at \d+"), lambda m: f"不能识别的字符 {m[1]}（引号是否成对？）"),
    (re.compile(r"^unexpected '(.+?)'"), lambda m: f"多出的“{m[1]}”"),
    (re.compile(r"^expected name or number"), lambda m: "“.”之后缺少字段名"),
]


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


def syntax_message(message: str) -> str:
    """Jinja's syntax errors in Chinese (the secretary reads them under her own text); an unknown one says where to look."""
    for rx, say in _SYNTAX:
        m = rx.search(message)
        if m:
            return f"模板语法错误：{say(m)}"
    return "模板语法错误：请检查 {{ }} 与 {% %} 是否成对、引号是否成对"


def explain(exc: Exception, name: str, where: str | None) -> Problem:
    file, line = _template_line(exc)
    if isinstance(exc, TemplateSyntaxError):
        file, line = exc.filename or file, exc.lineno
        message = syntax_message(exc.message or "")
    elif isinstance(exc, budget.Refused):
        message = f"模板已被沙箱拒绝：{exc}"
    elif isinstance(exc, SecurityError):
        message = "模板试图访问不安全的内容（内部属性或方法），已被沙箱拒绝"
    elif isinstance(exc, UndefinedError):
        message = f"模板{exc}"
        for rx, fmt in _UNDEF:
            m = rx.search(str(exc))
            if m:
                message = fmt.format(m.group(1)) + "：请在案卷中补充，或改用其他表述"
                break
    elif isinstance(exc, TemplateNotFound):
        target = exc.name or ""
        if target.startswith(FRAGMENT_PREFIX):
            message = f"表述片段“{target[len(FRAGMENT_PREFIX):]}”不存在"
        else:
            message = f"找不到模板“{target}”"
    elif isinstance(exc, (OverflowError, MemoryError, RecursionError)):
        message = "模板的循环或递归过大，已被沙箱拒绝"
    elif isinstance(exc, NullValue) and exc.field:
        message = f"模板用到的“{exc.field}”没有填写：请在案卷中填写，或在模板中用 {{% if %}} 判断"
    elif isinstance(exc, NullValue):
        message = "模板输出了一个空字段：请在案卷中填写，或在模板中用 {% if %} 判断"
    else:   # the exception's own words are English and may quote internals
        message = f"模板执行出错（{type(exc).__name__}）：请检查此处的表达式"
    prefix = f"{where}：" if where else ""
    return Problem(prefix + message, file=file or name, line=line)
