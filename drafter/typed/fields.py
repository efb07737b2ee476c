"""What a model writes in its annotations: a field's default and constraints, before-validators, serializers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()


class FieldInfo:
    """A field's default and constraints (from `= Field(...)` or `Annotated[…, Field(...)]`)."""

    __slots__ = ("default", "strict", "ge", "le", "gt", "lt", "min_length", "pattern", "discriminator", "annotation",
                 "serializer")

    def __init__(self, default: Any = MISSING, *, strict: bool | None = None, ge: Any = None, le: Any = None,
                 gt: Any = None, lt: Any = None, min_length: int | None = None, pattern: str | None = None,
                 discriminator: str | None = None):
        self.default, self.strict, self.ge, self.le, self.gt, self.lt = default, strict, ge, le, gt, lt
        self.min_length, self.pattern, self.discriminator = min_length, pattern, discriminator
        self.annotation: Any = None
        self.serializer: Callable | None = None

    def is_required(self) -> bool:
        return self.default is MISSING

    def constraints(self) -> dict:
        return {k: getattr(self, k) for k in ("strict", "ge", "le", "gt", "lt", "min_length", "pattern", "discriminator")
                if getattr(self, k) is not None}

    def __repr__(self) -> str:
        return f"FieldInfo(annotation={self.annotation!r}, required={self.is_required()})"


def Field(default: Any = MISSING, **constraints: Any) -> Any:  # noqa: N802 - the name models are written with
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

