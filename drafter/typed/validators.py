"""Annotations compiled into validators: one function per type, run on plain data, raising Fail with every problem.

Records (drafter.typed.records) are recognised by their `_validate`, so this module needs nothing of theirs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

from drafter.typed.errors import Fail, ValidationError, error, value_error
from drafter.typed.fields import BeforeValidator, FieldInfo

_NONE_TYPE = type(None)
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
            raise error(kind, f"Input should be {word} {bound}", value, **{key: bound})


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
            raise error("string_type", "Input should be a valid string", value)
        if min_length is not None and len(value) < min_length:
            raise error("string_too_short", f"String should have at least {min_length} character"
                         f"{'s' if min_length > 1 else ''}", value, min_length=min_length)
        if compiled is not None and (not value or value.isspace() if blank_only else not compiled.search(value)):
            raise error("string_pattern_mismatch", f"String should match pattern '{pattern}'", value, pattern=pattern)
        return make(value) if make is not None else value
    return check


def _int(value):
    if type(value) is not int:
        raise error("int_type", "Input should be a valid integer", value)
    return value


def _float(value):
    if type(value) is int:
        return float(value)
    if type(value) is not float:
        raise error("float_type", "Input should be a valid number", value)
    if not math.isfinite(value):   # nan or inf typed into a form: no figure a document can state
        raise error("finite_number", "Input should be a finite number", value)
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
    raise error("bool_type", "Input should be a valid boolean", value)


def _date(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise error("date_type", "Input should be a valid date", value)


def _any(value):
    return value


def _before(func: Callable, inner: Validator) -> Validator:
    def check(value):
        try:
            value = func(value)
        except ValueError as exc:
            raise value_error(exc, value) from None
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
            raise error("list_type", "Input should be a valid list", value)
        out, errors = [], []
        for i, x in enumerate(value):
            try:
                out.append(item(x))
            except Fail as fail:
                errors += fail.under(i)
        if errors:
            raise Fail(errors)
        if min_length is not None and len(out) < min_length:
            raise error("too_short", f"List should have at least {min_length} item{'s' if min_length > 1 else ''} "
                         f"after validation, not {len(out)}", value, field_type="List", min_length=min_length,
                         actual_length=len(out))
        return out
    return check


def _dict(key: Validator, item: Validator) -> Validator:
    def check(value):
        if not isinstance(value, dict):
            raise error("dict_type", "Input should be a valid dictionary", value)
        out, errors = {}, []
        for k, x in value.items():
            try:
                k = key(k)
            except Fail as fail:
                errors += fail.under(k)
                continue
            try:
                out[k] = item(x)
            except Fail as fail:
                errors += fail.under(k)
        if errors:
            raise Fail(errors)
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
        raise error("literal_error", f"Input should be {expected}", value, expected=expected)
    return check


def _shape(tp: Any) -> type | None:
    """The plain-data shape a member of a union takes: list, dict, or None for a scalar."""
    tp = strip(tp)
    origin = typing.get_origin(tp)
    if origin is list or tp is list:
        return list
    if origin is dict or (isinstance(tp, type) and hasattr(tp, "_validate")):
        return dict
    return None


def _union(members: tuple, validators: list[Validator]) -> Validator:
    shapes = [_shape(m) for m in members]

    def check(value):
        first: Fail | None = None
        shaped: Fail | None = None
        for shape, member in zip(shapes, validators, strict=True):
            try:
                return member(value)
            except Fail as fail:
                first = first or fail
                if shape is not None and isinstance(value, shape) and shaped is None:
                    shaped = fail
        raise shaped or first   # the member whose shape the input has speaks for the union
    return check


def _tagged(members: tuple, key: str) -> Validator:
    by_tag: dict[Any, type] = {}
    for m in members:
        for tag in typing.get_args(strip(m.model_fields[key].annotation)):
            by_tag[tag] = m
    expected = ", ".join(repr(t) for t in by_tag)

    def check(value):
        if type(value) in members:
            return value
        if not isinstance(value, dict):
            raise error("model_attributes_type", "Input should be a valid dictionary or object to extract fields from",
                         value)
        if key not in value:
            raise error("union_tag_not_found", f"Unable to extract tag using discriminator '{key}'", value,
                         discriminator=repr(key), expected_tags=expected, tag=None)
        tag = value[key]
        try:
            model = by_tag.get(tag)
        except TypeError:
            model = None
        if model is None:
            raise error("union_tag_invalid", f"Input tag '{tag}' found using '{key}' does not match any of the "
                         f"expected tags: {expected}", value, discriminator=repr(key), tag=tag, expected_tags=expected)
        return model._validate(value)
    return check


def strip(tp: Any) -> Any:
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
            check = _tagged(tuple(strip(m) for m in members), limits["discriminator"])
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
        if hasattr(tp, "_validate"):
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
        raise error("is_instance_of", f"Input should be an instance of {cls.__name__}", value,
                     class_name=cls.__name__)
    return check



class TypeAdapter:
    """Validates plain data against an annotation that is not a model (an outline: a list of parts, or edits)."""

    def __init__(self, tp: Any):
        self._check = compile_type(tp)

    def validate_python(self, data: Any) -> Any:
        try:
            return self._check(data)
        except Fail as fail:
            raise ValidationError(fail.errors, "value") from None
