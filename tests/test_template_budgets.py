"""Untrusted text (fragments, case overrides, own text in an outline) runs within a budget and never shows Python
internals: every payload of issue 15's campaign (tests/hostile/templates.txt) is refused, located, within seconds."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PLAN
from drafter.cli import main
from drafter.errors import DrafterError

PAYLOADS = [line for line in (Path(__file__).parent / "hostile" / "templates.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
INTERNALS = re.compile(r"object at 0x|bound method|<function|<class|__\w+__|model_fields|model_config|FieldInfo|"
                       r"annotation=|TextContext|drafter\.|jinja2\.|Traceback|Error:")
TIME_LIMIT = 6.0
BASE = PLAN.read_text(encoding="utf-8")
CLOSING = "      closing: speech.closing.action\n"


def _assert_refused(shown: str, elapsed: float):
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f} s"
    assert re.search(r"[\u4e00-\u9fff]", shown), shown
    assert not INTERNALS.search(shown), shown


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_fragment(payload, tmp_path, capsys, isolated_library):
    (isolated_library / "fragments").mkdir()
    body = textwrap.indent(payload, "      ")
    (isolated_library / "fragments" / "evil.yaml").write_text(
        "fragments:\n  - id: evil.one\n    title: 测试\n    kinds: [speech]\n    slot: closing\n"
        f"    provenance: {{author: 测试, added: 2026-11-22}}\n    text: |-\n{body}\n", encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(BASE.replace(CLOSING, "      closing: evil.one\n"), encoding="utf-8")
    start = time.perf_counter()
    code = main(["render", str(case), "--doc", "speech", "--to", "docx", "-o", str(tmp_path / "out")])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 2, err
    _assert_refused(err, elapsed)
    assert f"{isolated_library / 'fragments' / 'evil.yaml'}:8：片段“evil.one”" in err, err
    assert not (tmp_path / "out").exists()


def _own_text(payload: str, where: str) -> str:
    quoted = json.dumps(payload, ensure_ascii=False)
    if where == "override":
        return BASE.replace(CLOSING, CLOSING + f"    overrides:\n      closing: {quoted}\n")
    return BASE.replace(CLOSING, CLOSING + f"    outline:\n      after:\n        closing:\n          - text: {quoted}\n")


@pytest.mark.parametrize("where", ["override", "outline"])
def test_payloads_as_own_text(where, drafting):
    from drafter.pipeline import parse_case

    for payload in PAYLOADS:
        text = _own_text(payload, where)
        line = text[: text.index(json.dumps(payload, ensure_ascii=False))].count("\n") + 1
        cf = parse_case(text, "case.yaml")
        start = time.perf_counter()
        with pytest.raises(DrafterError) as info:
            drafting.build(cf, "speech")
        shown = "\n".join(str(p) for p in info.value.problems)
        _assert_refused(shown, time.perf_counter() - start)
        assert f"case.yaml:{line}" in shown, (payload, shown)   # at the line where the text is written
        if where == "override":
            assert f"case.yaml:{line} documents[0].overrides.closing：" in shown, (payload, shown)


@pytest.mark.parametrize("payload,visible", [
    ('{{ "\\u202e" }}同志们', "同志们"), ('{{ "\\ufffe" }}同志们', "同志们"), ('同志们{{ "\\x1b[2J" }}', "同志们[2J"),
    ('{{ "\\U000e0041" }}同志们', "同志们"),
])
def test_characters_a_template_builds_never_reach_the_document(payload, visible, drafting, tmp_path):
    from drafter.pipeline import parse_case
    from drafter.render.text import render_text

    cf = parse_case(_own_text(payload, "override"), "case.yaml")
    text = render_text(drafting.build(cf, "speech")[0]).decode("utf-8")
    assert visible in text
    assert not re.search("[\u202a-\u202e\u2066-\u2069\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f\U000e0000-\U000e007f]", text)


@pytest.mark.parametrize("payload,expected", [
    ("{% for i in range(3) %}{{ i }}{% endfor %}", "012"),
    ("{{ meeting.name ~ '召开' }}", "2026年全省生态环境保护工作会议召开"),
    ("{{ '%s项' | format(targets|length) }}{{ '{}个'.format(3) }}", "8项3个"),
    ("{{ targets|map(attribute='metric')|first }}", "细颗粒物（PM2.5）平均浓度"),
    ("{{ 2 ** 10 }}{{ 'ab' * 2 }}", "1024abab"),
])
def test_ordinary_templates_still_work(payload, expected, drafting):
    from drafter.pipeline import parse_case
    from drafter.render.text import render_text

    cf = parse_case(_own_text(payload, "override"), "case.yaml")
    assert expected in render_text(drafting.build(cf, "speech")[0]).decode("utf-8")
