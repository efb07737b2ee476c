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
Every int is strict (no 2.0 or "2" for an integer), as every int field of drafter's was; a number is finite (no nan);
a pattern's `$` is the very end of the text, as in pydantic's regex (not also before a final newline).
"""

from drafter.typed.errors import ValidationError
from drafter.typed.fields import BeforeValidator, Field, FieldInfo, PlainSerializer, model_validator
from drafter.typed.records import BaseModel
from drafter.typed.validators import TypeAdapter, compile_type

__all__ = ["BaseModel", "BeforeValidator", "Field", "FieldInfo", "PlainSerializer", "TypeAdapter", "ValidationError",
           "compile_type", "model_validator"]
