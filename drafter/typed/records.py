"""The frozen record: fields from its annotations, validated on construction, copied and dumped as pydantic's were."""

from __future__ import annotations

import copy
import datetime as dt
import typing
from collections.abc import Callable
from typing import Any

from drafter.typed.errors import Fail, ValidationError, error, value_error
from drafter.typed.fields import MISSING, FieldInfo, PlainSerializer
from drafter.typed.validators import compile_type, strip


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
        built = type(self).model_validate(data)
        _fill(self, built.__dict__, built._fields_set)

    @classmethod
    def model_validate(cls, data: Any):
        try:
            return cls._validate(data)
        except Fail as fail:
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
                raise value_error(exc, data) from None
        if not isinstance(data, dict):
            raise error("model_type", f"Input should be a valid dictionary or instance of {cls.__name__}", data,
                         class_name=cls.__name__)
        values: dict[str, Any] = {}
        errors: list[dict] = []
        get = data.get
        for name, check, default, shared in fields.plan:
            value = get(name, MISSING)
            if value is not MISSING:
                try:
                    values[name] = check(value)
                except Fail as fail:
                    errors += fail.under(name)
            elif default is MISSING:
                errors.append({"type": "missing", "loc": (name,), "msg": "Field required", "input": data})
            else:
                values[name] = default if shared else _fresh(default)
        infos = fields.infos
        given = set(data)
        extra = given - infos.keys()
        for key in data if extra else ():
            if key in extra:
                errors.append({"type": "extra_forbidden", "loc": (key,), "msg": "Extra inputs are not permitted",
                               "input": data[key]})
        if errors:
            raise Fail(errors)
        obj = _fill(object.__new__(cls), values, given)
        for func in fields.after:
            try:
                obj = func(obj)
            except ValueError as exc:
                raise value_error(exc, data) from None
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
            default = klass.__dict__.get(name, MISSING)
            info = copy.copy(default) if isinstance(default, FieldInfo) else FieldInfo(default)   # one Field() may serve two
            info.annotation = strip(hint)
            info.serializer = next((m.func for m in _metadata(hint) if isinstance(m, PlainSerializer)), None)
            infos[name], hints[name] = info, hint
        for attr_name, attr in klass.__dict__.items():
            func = attr.__func__ if isinstance(attr, classmethod) else attr
            mode = getattr(func, "__validator_mode__", None)
            if mode is not None:
                validators[attr_name] = (mode, func)
    before = [func for mode, func in reversed(validators.values()) if mode == "before"]   # a subclass's runs first
    after = [func for mode, func in validators.values() if mode == "after"]
    # (name, validator, default, whether the default may be shared): decided once, not on every validation
    plan = [(name, compile_type(hints[name], info.constraints()), info.default, isinstance(info.default, _IMMUTABLE))
            for name, info in infos.items()]
    return _Fields(infos, plan, before, after)


def _metadata(hint: Any) -> tuple:
    return typing.get_args(hint)[1:] if typing.get_origin(hint) is typing.Annotated else ()
