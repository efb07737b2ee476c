"""What each form field and table column holds, how to check it as the user types, and how to store it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.validation import ValidationResult, Validator

from drafter.facts.statements import FIELD_CHOICES
from drafter.facts.types import _date_before, _task_deadline_before
from drafter.tui.i18n import _

DIRECTIONS = ("", *FIELD_CHOICES["direction"])   # one column: a change (下降) or a level (达到), as the model reads it
VERBS = ("", *FIELD_CHOICES["verb"])             # an achievement's verb: none (the bare figure), 为, 达到 …
QUALIFIERS = FIELD_CHOICES["qualifier"]
STATUSES = ("", "已完成", "序时推进", "滞后")
YOY = ("", "下降", "提高", "减少", "增长", "增加", "持平")


@dataclass(frozen=True)
class Field:
    key: str                 # key inside the row (or a path joined by '.')
    label: str               # already translated
    kind: str = "text"       # text | number | date | deadline | list | choice | bool
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 12          # column width in tables

    def to_value(self, raw: str):
        raw = raw.strip()
        if raw == "":
            return None
        if self.kind == "number":
            v = float(raw)
            return int(v) if v.is_integer() else v
        if self.kind == "list":
            return [p.strip() for p in raw.replace("，", "、").replace(",", "、").split("、") if p.strip()]
        if self.kind == "bool":
            return raw in ("是", "true", "True", "1", "yes")
        if self.kind == "deadline" and raw.isdigit():
            return int(raw)
        return raw

    def to_text(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


class FieldValidator(Validator):
    """Chinese messages as the user types: required, a number, a real date, a deadline."""

    def __init__(self, field: Field):
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        value = value.strip()
        if not value:
            return self.failure(_("This field is required")) if self.field.required else self.success()
        try:
            if self.field.kind == "number":
                float(value)
            elif self.field.kind == "date":
                parsed = _date_before(value)
                if isinstance(parsed, str):
                    return self.failure(_("Write a date like 2026-03-12 or 2026年3月12日"))
            elif self.field.kind == "deadline":
                _task_deadline_before(int(value) if value.isdigit() else value)
        except ValueError as exc:
            if self.field.kind == "number":
                return self.failure(_("Must be a number, got “{value}”").format(value=value))
            return self.failure(str(exc))
        if self.field.choices and value not in self.field.choices:
            return self.failure(_("Choose one of: {choices}").format(choices="、".join(c for c in self.field.choices if c)))
        return self.success()


def basic_fields() -> list[tuple[tuple, Field]]:
    """The organ and meeting form: (path in the case, field)."""
    return [
        (("org", "name"), Field("name", _("Issuing organ (full name)"), required=True)),
        (("org", "short"), Field("short", _("Short name"))),
        (("org", "code"), Field("code", _("Organ code (e.g. 陕环发)"))),
        (("meeting", "name"), Field("name", _("Meeting name"), required=True)),
        (("meeting", "date"), Field("date", _("Meeting date"), "date", required=True)),
        (("meeting", "place"), Field("place", _("Place"))),
        (("meeting", "purpose"), Field("purpose", _("Purpose of the meeting"))),
        (("meeting", "host"), Field("host", _("Host (person id)"))),
        (("meeting", "participants"), Field("participants", _("Participants (separated by 、)"), "list")),
    ]


def table_fields() -> dict[str, list[Field]]:
    return {
        "people": [
            Field("id", _("ID"), required=True, width=8),
            Field("name", _("Name"), required=True, width=8),
            Field("title", _("Title"), required=True, width=20),
        ],
        "targets": [
            Field("metric", _("Metric"), required=True, width=18),
            Field("scope", _("Scope"), width=8),
            Field("baseline_year", _("Baseline year"), "number", width=6),
            Field("direction", _("Direction"), "choice", choices=DIRECTIONS, width=6),
            Field("value", _("Value"), "number", width=6),
            Field("unit", _("Unit"), width=6),
            Field("qualifier", _("Qualifier"), "choice", choices=QUALIFIERS, width=4),
            Field("rate", _("Rate metric"), "bool", width=4),
            Field("deadline", _("Deadline"), "deadline", width=8),
        ],
        "achievements": [
            Field("metric", _("Metric"), required=True, width=18),
            Field("scope", _("Scope"), width=6),
            Field("verb", _("Direction"), "choice", choices=VERBS, width=6),
            Field("value", _("Value"), "number", width=6),
            Field("unit", _("Unit"), width=8),
            Field("rate", _("Rate metric"), "bool", width=4),
        ],
        "tasks": [
            Field("title", _("Task"), required=True, width=22),
            Field("lead", _("Lead unit"), "list", width=10),
            Field("units", _("Responsible units"), "list", width=10),
            Field("deadline", _("Deadline"), "deadline", width=8),
            Field("status", _("Status"), "choice", choices=STATUSES, width=6),
        ],
    }
