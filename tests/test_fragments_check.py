"""`drafter fragments check` passes on the bundled library and catches what breaks a shared one."""

from __future__ import annotations

import re
import textwrap

import pytest


def _write(folder, name, body):
    (folder / "fragments").mkdir(parents=True, exist_ok=True)
    (folder / "fragments" / name).write_text(textwrap.dedent(body), encoding="utf-8")


FRAG = """\
fragments:
  - id: {id}
    title: 测试
    kinds: [speech]
    slot: closing
    vars: []
    provenance: {{author: 测试, added: 2026-01-01{extra}}}
    text: |-
      {text}
"""


def test_bundled_library_is_clean(cli):
    r = cli("fragments", "check")
    assert r.returncode == 0, r.stdout
    assert "0 个错误，0 个警告" in r.stdout


def test_problems_in_a_user_library_are_found(cli, isolated_library):
    _write(isolated_library, "a.yaml", FRAG.format(id="mine.one", text="{{ meeting.budget }}{{ nonsense }}", extra=""))
    _write(isolated_library, "b.yaml", FRAG.format(id="mine.one", text="同志们，散会。", extra=""))
    _write(isolated_library, "c.yaml", FRAG.format(id="mine.old", text="同志们，散会。", extra=", use_until: 2020-01-01"))
    _write(isolated_library, "d.yaml", FRAG.format(id="mine.bad", text="{% if %}", extra=""))
    _write(isolated_library, "e.yaml", FRAG.format(id="mine.undeclared", text="{{ meeting.name }}", extra=""))
    r = cli("fragments", "check")
    assert r.returncode == 1
    out = r.stdout
    assert "用到了案卷中没有的字段“meeting.budget”" in out
    assert "用到了未知变量“nonsense”" in out
    assert "片段 id“mine.one”在同一层中重复" in out
    assert "已过使用期限（2020-01-01）" in out
    assert "片段“mine.bad”：模板语法错误：%} 之前缺少要输出或判断的内容" in out
    assert "用到了变量“meeting”，但 vars 中没有声明" in out
    assert str(isolated_library / "fragments") in out


def test_outline_slot_without_fragments(cli, isolated_library):
    (isolated_library / "outlines").mkdir()
    (isolated_library / "outlines" / "speech.yaml").write_text("parts:\n  - title\n  - slot: farewell\n", encoding="utf-8")
    r = cli("fragments", "check")
    assert r.returncode == 1 and "讲话稿的槽位“farewell”没有任何表述片段" in r.stdout


def test_checker_knows_exactly_what_templates_see(drafting):
    from conftest import PLAN
    from drafter.pipeline import load_case
    from drafter.templating.context import CONTEXT_NAMES

    cf = load_case(PLAN)
    ctx = drafting.text_context(cf, cf.case.documents[0])
    assert set(ctx.vars) == CONTEXT_NAMES


@pytest.mark.parametrize("text,says", [
    ("{{ meeting.name 对这些差距", "在“对这些差距”之前缺少 }}"),
    ("{{ meeting.name ", "文字结束时还缺少 }}"),
    ("{% if meeting %}会议", "{% if %} 没有对应的 {% endif %}"),
    ("{% for x in tasks %}{% endif %}", "“endif”与前面的 {% for %} 不配对（应为 {% endfor %}）"),
    ("{{ 'abc }}", "不能识别的字符 \"'\"（引号是否成对？）"),
])
def test_template_syntax_errors_are_told_in_chinese(text, says):
    """Jinja's own words (expected token 'end of print statement', got …) reached a secretary's problem list."""
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from drafter.templating.environment import syntax_message

    with pytest.raises(TemplateSyntaxError) as info:
        ImmutableSandboxedEnvironment().parse(text)
    message = syntax_message(info.value.message)
    assert message == f"模板语法错误：{says}"
    assert not re.search(r"expected|token|unexpected|Encountered|Jinja", message)


def test_plain_fragments_draft_as_jinja_renders_them():
    """A fragment without a template tag is drafted without Jinja: for every such bundled fragment, the paragraphs
    are those Jinja's render of it (aligned to its line in its file) gives."""
    from conftest import PLAN
    from drafter.pipeline import Drafting, load_case
    from drafter.templating.context import paragraphs
    from drafter.templating.environment import FRAGMENT_PREFIX, render

    drafting = Drafting()
    cf = load_case(PLAN)
    texts = drafting.text_context(cf, cf.case.documents[0])
    plain = [f for f in drafting.library.fragments.values() if "{" not in f.text]
    assert len(plain) > 20
    for frag in plain:
        jinja = paragraphs(render(drafting.env, FRAGMENT_PREFIX + frag.id, texts.vars))
        assert texts.fragment(frag.id) == jinja, frag.id
