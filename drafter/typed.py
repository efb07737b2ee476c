"""Typed, frozen records validated from plain data (a case file's YAML, the TUI's forms, the library's files).

drafter's models were pydantic models until pydantic's import (~55 ms) and the building of its validators for
the case model (~25 ms) made up half of every command's start: a one-notice render could not come within 2×
pandoc's whole run. The models use little of it, and that little is here, under the same names, so a model
reads as it did: fields from annotations with defaults, `Field` constraints (strict, ge/le/gt/lt, min_length,
pattern, discriminator), `BeforeValidator`, `PlainSerializer`, `model_validator` (before/after), extra keys
forbidden, frozen instances with `model_fields`, `model_fields_set`, `model_copy` and `model_dump`.

Errors are reported as pydantic reported them — dicts with type, loc, msg, input and ctx — so facts.load turns
them into the same Chinese messages. What differs on purpose: a union reports the member whose shape the input
has (a list against `list[…]`), not every member's complaint; a tagged union names every tag it accepts.
Every int is strict (no 2.0 or "2" for an integer), as every int field of drafter's was.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
_NONE_TYPE = type(None)


class ValidationError(ValueError):
    """Every problem found in one validation, each as pydantic's error dict."""

    def __init__(self, errors: list[dict], title: str = ""):
        super().__init__(f"{len(errors)} validation error(s) for {title}: " + "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors[:5]))
        self._errors = errors
        self.title = title

    def errors(self, include_url: bool = False) -> list[dict]:  # noqa: ARG002 - pydantic's signature
        return list(self._errors)

    def __reduce__(self):
        return (ValidationError, (self._errors, self.title))


class _Fail(Exception):
    """Raised inside validation with the errors found so far, each located relative to the value that raised it:
    a list or a model puts its index or key in front as the errors pass up (nothing is built while all is well).
    The model at the top turns it into ValidationError."""

    def __init__(self, errors: list[dict]):
        self.errors = errors

    def under(self, key: Any) -> list[dict]:
        for err in self.errors:
            err["loc"] = (key, *err["loc"])
        return self.errors


def _error(kind: str, msg: str, value: Any, **ctx: Any) -> _Fail:
    err = {"type": kind, "loc": (), "msg": msg, "input": value}
    if ctx:
        err["ctx"] = ctx
    return _Fail([err])


def _value_error(exc: ValueError, value: Any) -> _Fail:
    """A validator's own refusal (a date that does not exist): its message is the one the user reads."""
    return _error("value_error", f"Value error, {exc}", value, error=exc)


# --- the metadata a model writes in its annotations -------------------------------------------------------------


class FieldInfo:
    """A field's default and constraints (from `= Field(...)` or `Annotated[…, Field(...)]`)."""

    __slots__ = ("default", "strict", "ge", "le", "gt", "lt", "min_length", "pattern", "discriminator", "annotation",
                 "serializer")

    def __init__(self, default: Any = _MISSING, *, strict: bool | None = None, ge: Any = None, le: Any = None,
                 gt: Any = None, lt: Any = None, min_length: int | None = None, pattern: str | None = None,
                 discriminator: str | None = None):
        self.default, self.strict, self.ge, self.le, self.gt, self.lt = default, strict, ge, le, gt, lt
        self.min_length, self.pattern, self.discriminator = min_length, pattern, discriminator
        self.annotation: Any = None
        self.serializer: Callable | None = None

    def is_required(self) -> bool:
        return self.default is _MISSING

    def constraints(self) -> dict:
        return {k: getattr(self, k) for k in ("strict", "ge", "le", "gt", "lt", "min_length", "pattern", "discriminator")
                if getattr(self, k) is not None}

    def __repr__(self) -> str:
        return f"FieldInfo(annotation={self.annotation!r}, required={self.is_required()})"


def Field(default: Any = _MISSING, **constraints: Any) -> Any:  # noqa: N802 - the name models are written with
    return FieldInfo(default, **constraints)


class BeforeValidator:
    """Turns the input into something the type accepts (a date string into a date), or raises ValueError."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func


class PlainSerializer:
    """How `model_dump` writes a field's value (a Deadline as 2025-09)."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func


def model_validator(*, mode: Literal["before", "after"]) -> Callable:
    """Marks a method run on the whole input (before: a classmethod taking the raw data) or on the built
    instance (after: returns it); a ValueError it raises is reported at the model's place."""
    def mark(func):
        target = func.__func__ if isinstance(func, classmethod) else func
        target.__validator_mode__ = mode
        return func
    return mark


# --- compiling annotations into validators ---------------------------------------------------------------------

Validator = Callable[[Any], Any]


def _literal_expected(choices: tuple) -> str:
    reprs = [repr(c) for c in choices]
    return reprs[0] if len(reprs) == 1 else f"{', '.join(reprs[:-1])} or {reprs[-1]}"


def _check_bounds(limits: dict, value: Any) -> None:
    for key, kind, ok, word in (("ge", "greater_than_equal", lambda v, b: v >= b, "greater than or equal to"),
                                ("gt", "greater_than", lambda v, b: v > b, "greater than"),
                                ("le", "less_than_equal", lambda v, b: v <= b, "less than or equal to"),
                                ("lt", "less_than", lambda v, b: v < b, "less than")):
        bound = limits.get(key)
        if bound is not None and not ok(value, bound):
            raise _error(kind, f"Input should be {word} {bound}", value, **{key: bound})


def _bounded(check: Validator, limits: dict) -> Validator:
    if not any(limits.get(k) is not None for k in ("ge", "gt", "le", "lt")):
        return check

    def bounded(value):
        value = check(value)
        _check_bounds(limits, value)
        return value
    return bounded


def _str_validator(cls: type, limits: dict) -> Validator:
    min_length, pattern = limits.get("min_length"), limits.get("pattern")
    # `$` as pydantic's (Rust) regex reads it: the very end, not also before a final newline ("intro\n" is no id)
    compiled = re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern) if pattern else None
    make = None if cls is str else cls
    blank_only = pattern == r"\S"   # "not only spaces", the pattern of every Text: the same test without a match object

    def check(value):
        if not isinstance(value, str):
            raise _error("string_type", "Input should be a valid string", value)
        if min_length is not None and len(value) < min_length:
            raise _error("string_too_short", f"String should have at least {min_length} character"
                         f"{'s' if min_length > 1 else ''}", value, min_length=min_length)
        if compiled is not None and (not value or value.isspace() if blank_only else not compiled.search(value)):
            raise _error("string_pattern_mismatch", f"String should match pattern '{pattern}'", value, pattern=pattern)
        return make(value) if make is not None else value
    return check


def _int(value):
    if type(value) is not int:
        raise _error("int_type", "Input should be a valid integer", value)
    return value


def _float(value):
    if type(value) is int:
        return float(value)
    if type(value) is not float:
        raise _error("float_type", "Input should be a valid number", value)
    if not math.isfinite(value):   # nan or inf typed into a form: no figure a document can state
        raise _error("finite_number", "Input should be a finite number", value)
    return value


_TRUE = frozenset(("1", "on", "t", "true", "y", "yes"))
_FALSE = frozenset(("0", "off", "f", "false", "n", "no"))


def _bool(value):
    """As pydantic's lax bool: true/false, 0/1, and the words yes/no, on/off, t/f, y/n, 1/0 (any case)."""
    if value is True or value is False:
        return value
    if type(value) in (int, float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise _error("bool_type", "Input should be a valid boolean", value)


def _date(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise _error("date_type", "Input should be a valid date", value)


def _any(value):
    return value


def _before(func: Callable, inner: Validator) -> Validator:
    def check(value):
        try:
            value = func(value)
        except ValueError as exc:
            raise _value_error(exc, value) from None
        return inner(value)
    return check


def _optional(inner: Validator) -> Validator:
    def check(value):
        return None if value is None else inner(value)
    return check


def _list(item: Validator, limits: dict) -> Validator:
    min_length = limits.get("min_length")

    def check(value):
        if not isinstance(value, list):
            raise _error("list_type", "Input should be a valid list", value)
        out, errors = [], []
        for i, x in enumerate(value):
            try:
                out.append(item(x))
            except _Fail as fail:
                errors += fail.under(i)
        if errors:
            raise _Fail(errors)
        if min_length is not None and len(out) < min_length:
            raise _error("too_short", f"List should have at least {min_length} item{'s' if min_length > 1 else ''} "
                         f"after validation, not {len(out)}", value, field_type="List", min_length=min_length,
                         actual_length=len(out))
        return out
    return check


def _dict(key: Validator, item: Validator) -> Validator:
    def check(value):
        if not isinstance(value, dict):
            raise _error("dict_type", "Input should be a valid dictionary", value)
        out, errors = {}, []
        for k, x in value.items():
            try:
                k = key(k)
            except _Fail as fail:
                errors += fail.under(k)
                continue
            try:
                out[k] = item(x)
            except _Fail as fail:
                errors += fail.under(k)
        if errors:
            raise _Fail(errors)
        return out
    return check


def _literal(choices: tuple) -> Validator:
    expected = _literal_expected(choices)
    allowed = {(type(c), c) for c in choices}

    def check(value):
        try:
            if (type(value), value) in allowed:
                return value
        except TypeError:   # an unhashable input (a list) is no choice
            pass
        raise _error("literal_error", f"Input should be {expected}", value, expected=expected)
    return check


def _shape(tp: Any) -> type | None:
    """The plain-data shape a member of a union takes: list, dict, or None for a scalar."""
    tp = _strip(tp)
    origin = typing.get_origin(tp)
    if origin is list or tp is list:
        return list
    if origin is dict or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return dict
    return None


def _union(members: tuple, validators: list[Validator]) -> Validator:
    shapes = [_shape(m) for m in members]

    def check(value):
        first: _Fail | None = None
        shaped: _Fail | None = None
        for shape, member in zip(shapes, validators, strict=True):
            try:
                return member(value)
            except _Fail as fail:
                first = first or fail
                if shape is not None and isinstance(value, shape) and shaped is None:
                    shaped = fail
        raise shaped or first   # the member whose shape the input has speaks for the union
    return check


def _tagged(members: tuple, key: str) -> Validator:
    by_tag: dict[Any, type] = {}
    for m in members:
        for tag in typing.get_args(_strip(m.model_fields[key].annotation)):
            by_tag[tag] = m
    expected = ", ".join(repr(t) for t in by_tag)

    def check(value):
        if isinstance(value, BaseModel) and type(value) in members:
            return value
        if not isinstance(value, dict):
            raise _error("model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                         value)
        if key not in value:
            raise _error("union_tag_not_found", f"Unable to extract tag using discriminator '{key}'", value,
                         discriminator=repr(key), expected_tags=expected, tag=None)
        tag = value[key]
        try:
            model = by_tag.get(tag)
        except TypeError:
            model = None
        if model is None:
            raise _error("union_tag_invalid", f"Input tag '{tag}' found using '{key}' does not match any of the "
                         f"expected tags: {expected}", value, discriminator=repr(key), tag=tag, expected_tags=expected)
        return model._validate(value)
    return check


def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = tp.__origin__
    return tp


def compile_type(tp: Any, limits: dict | None = None) -> Validator:
    """A validator for an annotation; `limits` are constraints a field's `= Field(...)` put on it."""
    limits = dict(limits or {})
    if typing.get_origin(tp) is typing.Annotated:
        inner, *meta = typing.get_args(tp)
        befores = []
        for m in meta:
            if isinstance(m, FieldInfo):
                limits = {**m.constraints(), **limits}
            elif isinstance(m, BeforeValidator):
                befores.append(m.func)
        check = compile_type(inner, limits)
        for func in befores:   # the last written runs first, as in pydantic
            check = _before(func, check)
        return check
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        members = tuple(a for a in args if a is not _NONE_TYPE)
        if limits.get("discriminator"):
            check = _tagged(tuple(_strip(m) for m in members), limits["discriminator"])
        elif len(members) == 1:
            check = compile_type(members[0], limits)
        else:
            check = _union(members, [compile_type(m, limits) for m in members])
        return _optional(check) if len(members) < len(args) else check
    if origin is Literal:
        return _literal(typing.get_args(tp))
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return _list(compile_type(item), limits)
    if origin is dict:
        key, item = typing.get_args(tp) or (str, Any)
        return _dict(compile_type(key), compile_type(item))
    if tp is Any:
        return _any
    if isinstance(tp, type):
        if issubclass(tp, BaseModel):
            return tp._validate
        if issubclass(tp, bool):
            return _bool
        if issubclass(tp, str):
            return _str_validator(tp, limits)
        if issubclass(tp, int):
            return _bounded(_int, limits)
        if issubclass(tp, float):
            return _bounded(_float, limits)
        if issubclass(tp, dt.date):
            return _date
        return _instance(tp)
    raise TypeError(f"drafter.typed cannot validate {tp!r}")


def _instance(cls: type) -> Validator:
    def check(value):
        if isinstance(value, cls):
            return value
        raise _error("is_instance_of", f"Input should be an instance of {cls.__name__}", value,
                     class_name=cls.__name__)
    return check


# --- the model ---------------------------------------------------------------------------------------------------


class _Fields:
    """A model's fields, resolved from its annotations on first use (a model may name one defined after it)."""

    __slots__ = ("infos", "plan", "before", "after")

    def __init__(self, infos: dict[str, FieldInfo], plan: list, before: list, after: list):
        self.infos, self.plan, self.before, self.after = infos, plan, before, after


class _FieldTable:
    """`model_fields` on a model class or instance: its fields, resolved on first use."""

    def __get__(self, obj: Any, owner: type) -> dict[str, FieldInfo]:
        return owner._resolved().infos


class BaseModel:
    """A frozen record: its fields are its annotations; unknown keys are refused (every record of drafter's is so:
    there is nothing to configure)."""

    model_config: typing.ClassVar[dict] = {"extra": "forbid", "frozen": True}   # what every record is, for reading
    model_fields: typing.ClassVar[dict[str, FieldInfo]] = _FieldTable()  # type: ignore[assignment]
    __slots__ = ("__dict__", "_fields_set")

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.__fields = None

    @classmethod
    def _resolved(cls) -> _Fields:
        fields = cls.__dict__.get("_BaseModel__fields")
        if fields is None:
            fields = cls.__fields = _build(cls)
        return fields

    def __init__(self, **data: Any):
        built = type(self)._validate_top(data)
        _fill(self, built.__dict__, built._fields_set)

    @classmethod
    def model_validate(cls, data: Any):
        return cls._validate_top(data)

    @classmethod
    def _validate_top(cls, data: Any):
        try:
            return cls._validate(data)
        except _Fail as fail:
            raise ValidationError(fail.errors, cls.__name__) from None

    @classmethod
    def _validate(cls, data: Any):
        if isinstance(data, cls):
            return data
        fields = cls._resolved()
        for func in fields.before:
            try:
                data = func(cls, data)
            except ValueError as exc:
                raise _value_error(exc, data) from None
        if not isinstance(data, dict):
            raise _error("model_type", f"Input should be a valid dictionary or instance of {cls.__name__}", data,
                         class_name=cls.__name__)
        values: dict[str, Any] = {}
        errors: list[dict] = []
        get = data.get
        for name, check, default in fields.plan:
            value = get(name, _MISSING)
            if value is not _MISSING:
                try:
                    values[name] = check(value)
                except _Fail as fail:
                    errors += fail.under(name)
            elif default is _MISSING:
                errors.append({"type": "missing", "loc": (name,), "msg": "Field required", "input": data})
            else:
                values[name] = default if isinstance(default, _IMMUTABLE) else _fresh(default)
        infos = fields.infos
        given = set(data)
        extra = given - infos.keys()
        for key in data if extra else ():
            if key in extra:
                errors.append({"type": "extra_forbidden", "loc": (key,), "msg": "Extra inputs are not permitted",
                               "input": data[key]})
        if errors:
            raise _Fail(errors)
        obj = _fill(object.__new__(cls), values, given)
        for func in fields.after:
            try:
                obj = func(obj)
            except ValueError as exc:
                raise _value_error(exc, data) from None
        return obj

    @property
    def model_fields_set(self) -> set[str]:
        return self._fields_set

    def model_copy(self, *, update: dict | None = None):
        """A shallow copy with some fields replaced (not validated again, as in pydantic)."""
        values = dict(self.__dict__)
        fields_set = set(self._fields_set)
        if update:
            values.update(update)
            fields_set |= set(update)
        return _fill(object.__new__(type(self)), values, fields_set)

    def model_dump(self, *, exclude_none: bool = False, exclude: set[str] | None = None) -> dict:
        infos = type(self).model_fields
        out = {}
        for name, info in infos.items():
            if exclude and name in exclude:
                continue
            value = self.__dict__[name]
            if exclude_none and value is None:
                continue
            out[name] = info.serializer(value) if info.serializer else _dump(value, exclude_none)
        return out

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} is frozen: use model_copy(update=…)")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __copy__(self):
        return self.model_copy()

    def __deepcopy__(self, memo: dict):
        return _fill(object.__new__(type(self)), copy.deepcopy(self.__dict__, memo), set(self._fields_set))

    def __reduce__(self):
        return (_rebuild, (type(self), self.__dict__, self._fields_set))


_IMMUTABLE = (str, int, float, bool, type(None), tuple, frozenset, dt.date)


def _fresh(default: Any) -> Any:
    """A mutable default as a new value for each instance: `= []`, or a record holding lists (`= Options()`), is
    never shared between records."""
    if type(default) in (list, dict) and not default:
        return type(default)()
    return copy.deepcopy(default)


def _fill(obj: BaseModel, values: dict, fields_set: set[str]) -> BaseModel:
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "_fields_set", fields_set)
    return obj


def _rebuild(cls: type[BaseModel], values: dict, fields_set: set[str]) -> BaseModel:
    return _fill(object.__new__(cls), dict(values), set(fields_set))


def _dump(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=exclude_none)
    if isinstance(value, list):
        return [_dump(v, exclude_none) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, exclude_none) for k, v in value.items()}
    return value


def _build(cls: type[BaseModel]) -> _Fields:
    """Fields in pydantic's order (a base's first; a field redefined keeps its place), validators compiled."""
    infos: dict[str, FieldInfo] = {}
    hints: dict[str, Any] = {}
    validators: dict[str, tuple[str, Callable]] = {}   # by name: a subclass's method of the same name replaces it
    for klass in reversed(cls.__mro__):
        if not issubclass(klass, BaseModel) or klass is BaseModel:
            continue
        own = klass.__dict__.get("__annotations__", {})
        resolved = typing.get_type_hints(klass, include_extras=True) if own else {}
        for name in own:
            hint = resolved[name]
            if typing.get_origin(hint) is typing.ClassVar or name.startswith("_") or name == "model_config":
                continue
            default = klass.__dict__.get(name, _MISSING)
            info = copy.copy(default) if isinstance(default, FieldInfo) else FieldInfo(default)   # one Field() may serve two
            info.annotation = _strip(hint)
            info.serializer = next((m.func for m in _metadata(hint) if isinstance(m, PlainSerializer)), None)
            infos[name], hints[name] = info, hint
        for attr_name, attr in klass.__dict__.items():
            func = attr.__func__ if isinstance(attr, classmethod) else attr
            mode = getattr(func, "__validator_mode__", None)
            if mode is not None:
                validators[attr_name] = (mode, func)
    before = [func for mode, func in reversed(validators.values()) if mode == "before"]   # a subclass's runs first
    after = [func for mode, func in validators.values() if mode == "after"]
    plan = [(name, compile_type(hints[name], info.constraints()), info.default) for name, info in infos.items()]
    return _Fields(infos, plan, before, after)


def _metadata(hint: Any) -> tuple:
    return typing.get_args(hint)[1:] if typing.get_origin(hint) is typing.Annotated else ()


class TypeAdapter:
    """Validates plain data against an annotation that is not a model (an outline: a list of parts, or edits)."""

    def __init__(self, tp: Any):
        self._check = compile_type(tp)

    def validate_python(self, data: Any) -> Any:
        try:
            return self._check(data)
        except _Fail as fail:
            raise ValidationError(fail.errors, "value") from None
