"""How validation reports: every problem with its place, as pydantic's error dicts (type, loc, msg, input, ctx)."""

from __future__ import annotations

from typing import Any


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


class Fail(Exception):
    """Raised inside validation with the errors found so far, each located relative to the value that raised it:
    a list or a model puts its index or key in front as the errors pass up (nothing is built while all is well).
    The model at the top turns it into ValidationError."""

    def __init__(self, errors: list[dict]):
        self.errors = errors

    def under(self, key: Any) -> list[dict]:
        for err in self.errors:
            err["loc"] = (key, *err["loc"])
        return self.errors


def error(kind: str, msg: str, value: Any, **ctx: Any) -> Fail:
    err = {"type": kind, "loc": (), "msg": msg, "input": value}
    if ctx:
        err["ctx"] = ctx
    return Fail([err])


def value_error(exc: ValueError, value: Any) -> Fail:
    """A validator's own refusal (a date that does not exist): its message is the one the user reads."""
    return error("value_error", f"Value error, {exc}", value, error=exc)

