"""A library folder holds only its own files: links out of it, devices and pipes are refused, located, and no byte
of what they point at reaches a document or a message. Templates can include fragments only, never a file."""

from __future__ import annotations

import os
import textwrap

import pytest

from conftest import PLAN
from drafter.cli import main

SECRET = "tok-5f3a9c-secret"


def _fragment_yaml(fid: str, text: str) -> str:
    body = textwrap.indent(text, "      ")
    return (f"fragments:\n  - id: {fid}\n    title: 测试\n    kinds: [speech]\n    slot: closing\n"
            f"    provenance: {{author: 测试, added: 2026-11-22}}\n    text: |-\n{body}\n")


def _case_choosing(tmp_path, fid):
    case = tmp_path / "case.yaml"
    case.write_text(PLAN.read_text(encoding="utf-8").replace("closing: speech.closing.action", f"closing: {fid}"),
                    encoding="utf-8")
    return case


def _render(case, tmp_path, capsys):
    code = main(["render", str(case), "--doc", "speech", "--to", "docx", "-o", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    written = b"".join(p.read_bytes() for p in (tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else b""
    return code, out + err, written


@pytest.fixture
def secret_env(monkeypatch):
    monkeypatch.setenv("DRAFTER_TEST_TOKEN", SECRET)


def test_fragment_linked_to_process_environment_is_refused(tmp_path, capsys, isolated_library, secret_env):
    (isolated_library / "fragments").mkdir()
    link = isolated_library / "fragments" / "env.yaml"
    link.symlink_to("/proc/self/environ")
    code, shown, written = _render(PLAN, tmp_path, capsys)
    assert code == 2
    assert f"{link}：指向库文件夹" in shown and "已拒绝读取" in shown
    assert SECRET not in shown and not written


def test_fragment_linked_out_with_dotdot_is_refused(tmp_path, capsys, isolated_library):
    outside = tmp_path / "private.yaml"
    outside.write_text(_fragment_yaml("leak.one", f"机密：{SECRET}"), encoding="utf-8")
    (isolated_library / "fragments" / "sub").mkdir(parents=True)
    link = isolated_library / "fragments" / "sub" / "p.yaml"
    link.symlink_to(os.path.relpath(outside, link.parent))    # ../../../private.yaml
    assert ".." in os.readlink(link)
    case = _case_choosing(tmp_path, "leak.one")
    code, shown, written = _render(case, tmp_path, capsys)
    assert code == 2 and f"{link}：指向库文件夹" in shown
    assert SECRET not in shown and SECRET.encode() not in written


def test_link_inside_the_library_is_read(tmp_path, capsys, isolated_library):
    (isolated_library / "fragments" / "real").mkdir(parents=True)
    (isolated_library / "fragments" / "real" / "mine.yaml").write_text(_fragment_yaml("mine.one", "同志们，本科室的结尾。"),
                                                                      encoding="utf-8")
    (isolated_library / "fragments" / "alias.yaml").symlink_to("real/mine.yaml")
    case = _case_choosing(tmp_path, "mine.one")
    assert main(["render", str(case), "--doc", "speech"]) == 0
    assert "本科室的结尾" in capsys.readouterr().out


def test_linked_folder_pointing_out_is_not_walked(tmp_path, capsys, isolated_library):
    (isolated_library / "fragments").mkdir()
    (isolated_library / "fragments" / "root").symlink_to("/")
    code, shown, _ = _render(PLAN, tmp_path, capsys)
    assert code == 2 and f"{isolated_library / 'fragments' / 'root'}：指向库文件夹" in shown


def test_pipe_in_the_library_is_refused_without_waiting(tmp_path, capsys, isolated_library):
    (isolated_library / "fragments").mkdir()
    os.mkfifo(isolated_library / "fragments" / "fifo.yaml")
    code, shown, _ = _render(PLAN, tmp_path, capsys)
    assert code == 2 and "fifo.yaml：不是普通文件" in shown


def test_outline_linked_out_is_refused(tmp_path, capsys, isolated_library):
    outside = tmp_path / "speech.yaml"
    outside.write_text(f"parts:\n  - text: {SECRET}\n", encoding="utf-8")
    (isolated_library / "outlines").mkdir()
    (isolated_library / "outlines" / "speech.yaml").symlink_to(outside)
    code, shown, written = _render(PLAN, tmp_path, capsys)
    assert code == 2 and "outlines/speech.yaml：指向库文件夹" in shown
    assert SECRET not in shown and not written


@pytest.mark.parametrize("name", ["settings.yaml", "proofread.yaml"])
def test_settings_linked_out_are_refused(tmp_path, capsys, isolated_library, name):
    outside = tmp_path / "x.yaml"
    outside.write_text(f"fonts: {SECRET}\nrules: {{}}\n", encoding="utf-8")
    (isolated_library / name).symlink_to(outside)
    command = ["render", str(PLAN), "--doc", "speech", "--to", "docx", "-o", str(tmp_path / "o")] if name == "settings.yaml" \
        else ["check", str(PLAN)]
    assert main(command) == 2
    shown = "".join(capsys.readouterr())
    assert f"{name}：指向库文件夹" in shown and SECRET not in shown


@pytest.mark.parametrize("payload", [
    '{% include "/etc/passwd" %}',
    '{% include "../../../../etc/passwd" %}',
    '{% include "/proc/self/environ" %}',
    '{% import "/etc/hostname" as h %}{{ h }}',
    '{% extends "/etc/passwd" %}',
    '{% include "fragment:../../etc/passwd" %}',
])
def test_templates_cannot_include_files(tmp_path, capsys, isolated_library, secret_env, payload):
    (isolated_library / "fragments").mkdir()
    (isolated_library / "fragments" / "inc.yaml").write_text(_fragment_yaml("inc.one", payload), encoding="utf-8")
    case = _case_choosing(tmp_path, "inc.one")
    code, shown, written = _render(case, tmp_path, capsys)
    assert code == 2 and "片段“inc.one”" in shown and "inc.yaml:" in shown
    assert "root:" not in shown and SECRET not in shown and not written
