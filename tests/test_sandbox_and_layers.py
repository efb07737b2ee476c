"""Templates and fragments are untrusted: sandboxed, StrictUndefined, and looked up in layers by id."""

from __future__ import annotations

import textwrap

import pytest

from conftest import EXAMPLES
from drafter.cli import main

CASE = EXAMPLES[0].parent / "provincial-plan.yaml"


def _fragment(folder, fid, slot, text, kinds="[speech]"):
    (folder / "fragments").mkdir(parents=True, exist_ok=True)
    body = textwrap.indent(text, "      ")
    (folder / "fragments" / f"{fid}.yaml").write_text(
        f"fragments:\n  - id: {fid}\n    title: 测试\n    kinds: {kinds}\n    slot: {slot}\n"
        f"    provenance: {{author: 测试, added: 2026-11-22}}\n    text: |-\n{body}\n",
        encoding="utf-8",
    )


def _case_choosing(tmp_path, slot, fid):
    text = CASE.read_text(encoding="utf-8")
    old = {"closing": "closing: speech.closing.action", "thanks": "thanks: speech.thanks.all"}[slot]
    case = tmp_path / "case.yaml"
    case.write_text(text.replace(old, f"{slot}: {fid}"), encoding="utf-8")
    return case


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ meeting.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ 'x' * 100000000 }}",
        "{% for i in range(10**9) %}x{% endfor %}",
        "{{ meeting.model_config }}{{ ().__class__.__base__.__subclasses__() }}",
    ],
)
def test_hostile_fragment_is_refused(tmp_path, capsys, isolated_library, payload):
    _fragment(isolated_library, "evil.one", "closing", payload)
    case = _case_choosing(tmp_path, "closing", "evil.one")
    code = main(["render", str(case), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "片段“evil.one”" in err and ("不安全" in err or "沙箱" in err or "过大" in err or "未定义" in err)
    assert str(isolated_library / "fragments" / "evil.one.yaml") in err
    assert not (tmp_path / "out").exists()


def test_hostile_library_outline_is_refused(tmp_path, capsys, isolated_library):
    (isolated_library / "outlines").mkdir()
    hostile = isolated_library / "outlines" / "speech.yaml"
    hostile.write_text("parts:\n  - title\n  - text: \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n", encoding="utf-8")
    code = main(["render", str(CASE), "--doc", "speech"])
    err = capsys.readouterr().err
    assert code == 2 and "沙箱" in err and f"{hostile}:3" in err


def test_fragment_naming_missing_fact(tmp_path, capsys, isolated_library):
    _fragment(isolated_library, "needs.budget", "closing", "同志们，本年度预算为{{ meeting.budget }}万元。")
    case = _case_choosing(tmp_path, "closing", "needs.budget")
    code = main(["render", str(case)])
    err = capsys.readouterr().err
    assert code == 2 and "“budget”" in err and "needs.budget.yaml:8" in err


def test_template_printing_empty_fact(tmp_path, capsys, isolated_library):
    _fragment(isolated_library, "needs.time", "closing", "会议于{{ meeting.time }}开始。")
    case = _case_choosing(tmp_path, "closing", "needs.time")
    assert main(["render", str(case)]) == 2
    assert "模板用到的“time”没有填写" in capsys.readouterr().err


def test_fact_values_cannot_inject_structure(tmp_path, drafting):
    """A fact containing a line break and '@title' stays inside its paragraph."""
    from drafter.doctree import nodes as n
    from drafter.pipeline import parse_case

    text = CASE.read_text(encoding="utf-8").replace(
        "intro: 生态环境保护是", 'intro: "第一行\\n@title 伪造标题\\n\\ue000x|1\\ue000@h1 伪造"\n        x_intro: 生态环境保护是'
    ).replace("        x_intro: 生态环境保护是关系党的使命宗旨的重大政治问题，也是关系民生的重大社会问题。\n", "")
    cf = parse_case(text, "case.yaml")
    doc = drafting.build(cf, "speech")[0]
    assert sum(isinstance(b, n.Title) for b in doc.blocks) == 1
    para = next(b for b in doc.blocks if isinstance(b, n.Paragraph) and b.text.startswith("第一行"))
    assert "@title" in para.text and "\ue000" not in para.text


def _drops_exactly(clean, codes: list[int]) -> None:
    """`clean` removes exactly the code points `codes` from all of Unicode, also one between 汉字."""
    dropped = set(codes)
    assert clean("".join(chr(c) for c in range(0x110000))) == "".join(chr(c) for c in range(0x110000) if c not in dropped)
    for c in codes:
        assert clean(f"第一段{chr(c)}文字") == "第一段文字", hex(c)


def test_unsafe_characters_are_stripped_from_every_text():
    """Controls, bidi and zero-width marks, noncharacters, surrogates and private use never reach a document;
    the quick path for printable text must not let one through (checked over every code point)."""
    from drafter.charsafe import strip_unsafe

    unsafe = ([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200B, 0x200C, 0x200D,
               0x200E, 0x200F, *range(0x202A, 0x202F), 0x2028, 0x2029, *range(0x2066, 0x206A), *range(0xD800, 0xE000),
               *range(0xE000, 0xF900), *range(0xFDD0, 0xFDF0), 0xFEFF, 0xFFFE, 0xFFFF, *range(0xE0000, 0xE0080),
               *range(0xF0000, 0x110000)] + [plane * 0x10000 + k for plane in range(1, 15) for k in (0xFFFE, 0xFFFF)])
    _drops_exactly(strip_unsafe, unsafe)
    assert strip_unsafe("全角\u3000空格、tab\t与换行\n保留") == "全角\u3000空格、tab\t与换行\n保留"


def test_terminal_text_loses_controls_and_bidi_marks_only():
    """What drafter prints (findings quote the user's text) keeps line breaks and tabs and drops other controls,
    bidi marks, noncharacters and surrogates; the quick path for printable text must not let one through."""
    from drafter.charsafe import for_terminal

    dropped = ([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
                *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000), *range(0xFDD0, 0xFDF0), 0xFFFE,
                0xFFFF] + [plane * 0x10000 + k for plane in range(1, 17) for k in (0xFFFE, 0xFFFF)])
    _drops_exactly(for_terminal, dropped)
    assert for_terminal("标题\x1b[31m红字\x1b[0m") == "标题红字"


def test_user_library_overrides_bundled_by_id(tmp_path, capsys, isolated_library):
    _fragment(isolated_library, "speech.closing.action", "closing", "同志们，这是本科室自己的结尾。")
    assert main(["render", str(CASE), "--doc", "speech"]) == 0
    assert "这是本科室自己的结尾" in capsys.readouterr().out


def test_team_library_sits_between_bundled_and_user(tmp_path, capsys, isolated_library, monkeypatch):
    team = tmp_path / "team"
    _fragment(team, "speech.closing.action", "closing", "同志们，这是团队的结尾。")
    monkeypatch.setenv("DRAFTER_TEAM_LIBRARY", str(team))
    assert main(["render", str(CASE), "--doc", "speech"]) == 0
    assert "这是团队的结尾" in capsys.readouterr().out
    _fragment(isolated_library, "speech.closing.action", "closing", "同志们，个人库优先。")
    assert main(["render", str(CASE), "--doc", "speech"]) == 0
    assert "个人库优先" in capsys.readouterr().out


def test_malformed_fragment_file_is_located(tmp_path, capsys, isolated_library):
    (isolated_library / "fragments").mkdir()
    (isolated_library / "fragments" / "bad.yaml").write_text(
        "fragments:\n  - id: x.y\n    title: 缺槽位\n    kinds: [speech]\n    text: 文字\n    provenance: {author: a, added: 2026-11-22}\n",
        encoding="utf-8",
    )
    assert main(["render", str(CASE)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:2 fragments[0].slot：缺少必填字段" in err


def test_override_text_wins_and_can_use_facts(tmp_path, capsys):
    text = CASE.read_text(encoding="utf-8").replace(
        "      closing: speech.closing.action\n",
        "      closing: speech.closing.action\n    overrides:\n      closing: 同志们，{{ meeting.name }}到此结束。\n",
    )
    case = tmp_path / "c.yaml"
    case.write_text(text, encoding="utf-8")
    assert main(["render", str(case), "--doc", "speech"]) == 0
    assert "同志们，2026年全省生态环境保护工作会议到此结束。" in capsys.readouterr().out
