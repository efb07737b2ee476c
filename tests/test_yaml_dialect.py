"""One YAML dialect: what the TUI writes (ruamel, YAML 1.2) is what `drafter render` reads, so text stays text."""

from __future__ import annotations

import io

import pytest
from ruamel.yaml import YAML

from drafter.yamlsource import load_yaml, round_trip

TRICKY = ["14:30", "1:20:30", "yes", "no", "on", "off", "Y", "n", "0777", "0o17", "0x1F", "1_000", "1e3", "1.5",
          ".5", "null", "~", "", "true", "False", "2026-03-12", "=", "<<", "+12", "-0", "0b101", "._5", "1.", "NULL",
          "12:30:00", "0xZZ", "__", "1__2", "+.inf", "Yes", "ON", "-1e-3", "١٢"]


@pytest.mark.parametrize("value", TRICKY)
def test_text_typed_in_the_tui_comes_back_as_text(value):
    buf = io.StringIO()
    round_trip().dump({"meeting": {"place": value}}, buf)
    assert load_yaml(buf.getvalue(), "case.yaml").data == {"meeting": {"place": value}}, buf.getvalue()


@pytest.mark.parametrize("value", [v for v in TRICKY if v not in ("+.inf",)])
def test_plain_values_resolve_as_ruamel_reads_them(value):
    """The same plain scalar is the same type to the TUI (ruamel) and to the loader."""
    text = f"a: {value}\n"
    theirs = YAML(typ="safe").load(text)["a"] if value not in ("=", "<<") else value
    ours = load_yaml(text, "x.yaml").data["a"]
    if isinstance(theirs, (bool, int, float)) or theirs is None:
        assert type(ours) is type(theirs) and ours == theirs, (value, ours, theirs)
    else:
        assert ours == str(theirs), (value, ours, theirs)


def test_session_saves_text_that_loads_as_text(tmp_path):
    from conftest import PLAN
    from drafter.pipeline import parse_case
    from drafter.tui.session import Session

    case = tmp_path / "case.yaml"
    case.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    s = Session.open(case)
    s.set(("meeting", "place"), "14:30")
    s.set(("meeting", "purpose"), "yes")
    cf = parse_case(s.text(), str(case))
    assert cf.case.meeting.place == "14:30" and cf.case.meeting.purpose == "yes"
