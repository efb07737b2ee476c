"""The form beside the tree: one widget per field of the selected place, checked as the user types.

Widgets are chosen by the field's kind (schema.FieldSpec): one-line inputs for names, numbers and
dates; a multi-line editor for own text and for lists (one item a line, so pasted lines stay items);
choices and people as drop-downs that show names, never ids.
"""

from __future__ import annotations

from typing import Any

from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Select, TextArea

from drafter.tui import schema as S
from drafter.tui.i18n import _

MULTI = ("long", "lines", "ints", "frame_lines", "frame")


class Box(TextArea):
    """A multi-line box: Ctrl+A selects all (to replace a starter's ×××), a bare line feed from a terminal
    paste starts a new line like Enter does."""

    BINDINGS = [("ctrl+a", "select_all", _("Select all"))]

    def action_select_all(self) -> None:
        self.select_all()

    def on_key(self, event) -> None:
        if event.key == "ctrl+j":
            self.insert("\n")
            event.prevent_default()
            event.stop()


class Line(Input):
    """A one-line box: pasted lines are joined, never cut after the first."""

    async def _on_paste(self, event) -> None:
        text = "".join(part.strip() for part in event.text.splitlines())
        if text:
            self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()


class Check(Validator):
    """Chinese messages as the user types: a number, a real date, a deadline; required fields."""

    def __init__(self, spec: S.FieldSpec):
        super().__init__()
        self.spec = spec

    def validate(self, value: str) -> ValidationResult:
        from drafter.facts.types import _date_before, _task_deadline_before

        value = value.strip()
        if not value:
            return self.failure(_("This field is required")) if self.spec.required else self.success()
        kind = self.spec.kind
        if kind in ("number", "values"):
            value = S.ungroup(value)
        try:
            if kind == "number":
                float(value)
            elif kind == "values":
                for part in value.replace("，", "、").replace(",", "、").split("、"):
                    if part.strip():
                        float(part)
            elif kind in ("int",) and not value.lstrip("-").isdigit():
                return self.failure(_("Must be a whole number, got “{value}”").format(value=value))
            elif kind == "seq" and not (value.isdigit() or "×" in value):
                return self.failure(_("A whole number, or × until it is assigned"))
            elif kind == "date":
                _date_before(value)
            elif kind == "deadline":
                _task_deadline_before(int(value) if value.isdigit() else value)
        except ValueError as exc:
            if kind in ("number", "values"):
                return self.failure(_("Must be a number, got “{value}”").format(value=value))
            return self.failure(str(exc))
        return self.success()


def _chinese_select_keys() -> None:
    """Textual's drop-down names its Escape key in English in the footer; say it in Chinese."""
    from textual.binding import Binding
    from textual.widgets._select import SelectOverlay

    SelectOverlay.BINDINGS = [Binding(b.key, b.action, _("Close the list"), show=b.show) if isinstance(b, Binding)
                              else Binding(b[0], b[1], _("Close the list")) for b in SelectOverlay.BINDINGS]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()   # Textual merges a class's bindings when it is made


_chinese_select_keys()


def people_options(people: Any) -> list[tuple[str, str]]:
    out = []
    for p in people if isinstance(people, list) else []:
        if isinstance(p, dict) and p.get("id"):
            name = p.get("name") or _("(no name)")
            out.append((f"{name}（{p.get('title')}）" if p.get("title") else str(name), str(p["id"])))
    return out


def widget_for(spec: S.FieldSpec, value: Any, wid: str, people: Any):
    """The widget editing `spec`, showing `value`."""
    kind = spec.kind
    if kind == "choice":
        options = [(S.CHOICE_NAMES.get(c, c) if c else _("(none)"), c) for c in spec.choices]
        current = value if value in spec.choices else Select.NULL
        prompt = _("(default: {value})").format(value=S.CHOICE_NAMES.get(spec.default, spec.default)) \
            if spec.default is not None else _("(not set)")
        return Select(options, value=current, allow_blank=True, prompt=prompt, id=wid, classes="fld", compact=True)
    if kind == "bool":
        current = ("yes" if value else "no") if isinstance(value, bool) else Select.NULL
        prompt = _("(default: {value})").format(value=_("Yes") if spec.default else _("No")) \
            if isinstance(spec.default, bool) else _("(default)")
        return Select([(_("Yes"), "yes"), (_("No"), "no")], value=current, allow_blank=True,
                      prompt=prompt, id=wid, classes="fld", compact=True)
    if kind == "person":
        options = people_options(people)
        ids = [v for _label, v in options]
        current = value if value in ids else Select.NULL
        if value and value not in ids:      # a reference to nobody: shown, so it can be fixed
            options.append((_("(a person no longer in the list)"), str(value)))
            current = str(value)
        return Select(options, value=current, allow_blank=True, prompt=_("(nobody chosen)"), id=wid,
                      classes="fld", compact=True)
    if kind in MULTI:
        text = "" if value is True else S.display(value)
        area = Box(text, id=wid, classes="fld multi", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        return area
    return Line(S.display(value), id=wid, classes="fld", compact=True, validators=[Check(spec)],
                valid_empty=not spec.required)


def error_label(wid: str) -> Label:
    return Label("", id=f"err-{wid}", classes="field-error")
