"""The TUI driven by Textual's Pilot: from a blank screen to an exported .docx, without touching YAML."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from drafter.tui.app import DrafterApp
from drafter.tui.session import Session, journal_path

SIZE = (80, 24)


async def _settle(pilot, editor=None, refreshes: int = 1):
    for _ in range(60):
        await pilot.pause(0.05)
        if editor is None or editor.refreshes >= refreshes:
            break
    await pilot.pause(0.05)


async def test_new_speech_from_scratch_to_docx(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = DrafterApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen.query_one("#home-actions")
        ids = [home.get_option_at_index(i).id for i in range(home.option_count)]
        home.highlighted = ids.index("new:speech")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")                     # accept the proposed file name
        await pilot.pause()
        editor = app.screen
        assert type(editor).__name__ == "EditorScreen"
        case = tmp_path / "speech-case.yaml"
        assert case.exists()
        await _settle(pilot, editor)

        # facts: type into the form; validation as the user types
        org = editor.query_one("#b-org-name")
        org.focus()
        org.value = ""
        await pilot.press(*"青山县人民政府")
        date = editor.query_one("#b-meeting-date")
        date.value = "2026-02-30"
        await pilot.pause(0.1)
        assert "日期不存在" in str(editor.query_one("#e-meeting-date").render())
        date.value = "2026-03-05"
        await pilot.pause(0.1)
        assert str(editor.query_one("#e-meeting-date").render()) == ""

        # fragments: choose the closing by typing part of its phrase
        editor.action_tab("docs")
        await pilot.pause()
        slots = editor.query_one("#slotlist")
        ids = [slots.get_option_at_index(i).id for i in range(slots.option_count)]
        slots.highlighted = ids.index("closing")
        slots.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"团结")
        await pilot.pause(0.1)
        await pilot.press("tab", "enter")               # into the hits, take the highlighted one
        await pilot.pause()
        assert "结尾·团结奋斗" in str(slots.get_option_at_index(ids.index("closing")).prompt)

        # export .docx
        await pilot.press("ctrl+e")
        await pilot.pause()
        export = app.screen
        export.query_one("#folder").value = str(tmp_path / "out")
        await pilot.click("#go")
        for _ in range(100):
            await pilot.pause(0.05)
            if getattr(export, "written", None):
                break
        assert "已写入" in str(export.query_one("#result").render())
        written = export.written
    docx_path = next(p for p in written if p.suffix == ".docx")
    text = "\n".join(p.text for p in docx.Document(docx_path).paragraphs)
    assert "（2026年3月5日）" in text
    assert "凝心聚力、攻坚克难" in text                   # the chosen closing
    assert re.search(r"(我讲|强调)两点", text)                 # counted from the starter's two points


async def test_opening_a_case_changes_nothing(tmp_path):
    case = tmp_path / "case.yaml"
    original = (ROOT / "starters" / "speech.yaml").read_text(encoding="utf-8")
    case.write_text(original, encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await _settle(pilot, editor)
        for tab in ("tables", "docs", "preview", "problems", "basic"):
            editor.action_tab(tab)
            await pilot.pause(0.1)
        assert not editor.session.dirty
        assert not journal_path(case).exists()
        app.action_quit()          # not pilot.press: the pilot would wait on an app that has exited
    assert app.return_code == 0
    assert case.read_text(encoding="utf-8") == original


async def test_problem_jumps_to_field(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8")
                    .replace("      closing: speech.closing.season", "      closing: speech.closing.none"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await _settle(pilot, editor)
        assert len(editor.problems) == 1 and "speech.closing.none" in str(editor.problems[0])
        assert "问题（1）" in str(editor.query_one("TabbedContent").get_tab("problems").label)
        editor.action_tab("problems")
        await pilot.pause()
        editor.query_one("#problem-list").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert editor.query_one("TabbedContent").active == "docs"
        slots = editor.query_one("#slotlist")
        assert slots.get_option_at_index(slots.highlighted).id == "closing"
        assert app.focused is slots


async def test_table_row_edit_validates_and_updates_preview(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await _settle(pilot, editor)
        editor.action_tab("tables")
        await pilot.pause()
        editor.query_one("#facts").focus()
        await pilot.press("enter")                      # edit the first target
        await pilot.pause()
        dialog = app.screen
        value = dialog.query_one("#f-value")
        value.value = "十二"
        await pilot.pause(0.1)
        assert "应为数字" in str(dialog.query_one("#e-value").render())
        await pilot.click("#ok")
        assert app.screen is dialog                     # refused while invalid
        value.value = "13"
        await pilot.pause(0.1)
        await pilot.click("#ok")
        await pilot.pause()
        before = editor.refreshes
        await _settle(pilot, editor, before + 1)
        editor.doc_id = "news"
        editor.refresh_now()
        await _settle(pilot, editor, before + 2)
        assert "比2020年下降13%以上" in str(editor.query_one("#preview-text").render())
    assert "value: 13" in journal_path(case).read_text(encoding="utf-8")


async def test_save_keeps_comments_and_clears_journal(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "starters" / "speech.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await _settle(pilot, editor)
        editor.query_one("#b-meeting-place").value = "县政府三楼会议室"
        await pilot.pause(0.1)
        assert journal_path(case).exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = case.read_text(encoding="utf-8")
    assert "place: 县政府三楼会议室" in text
    assert "# 全称（必填）" in text                       # the starter's explanations survive a save
    assert not journal_path(case).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


CRASH = textwrap.dedent('''
    import asyncio, os, signal, sys
    from drafter.tui.app import DrafterApp
    from drafter.tui.session import journal_path

    async def main(path):
        app = DrafterApp(path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.5)
            app.screen.query_one("#b-meeting-place").value = "临时会场"
            for _ in range(100):
                await pilot.pause(0.05)
                if journal_path(path).exists() and "临时会场" in journal_path(path).read_text(encoding="utf-8"):
                    break
            os.kill(os.getpid(), signal.SIGKILL)      # the terminal is killed mid-edit

    from pathlib import Path
    asyncio.run(main(Path(sys.argv[1])))
''')


async def test_killed_mid_edit_loses_nothing(tmp_path):
    case = tmp_path / "case.yaml"
    original = (ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8")
    case.write_text(original, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", CRASH, str(case)], capture_output=True, text=True, timeout=120,
                          env={**os.environ})
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert case.read_text(encoding="utf-8") == original       # the case file was never half-written
    assert Session.recovery_for(case) is not None

    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "RecoverScreen"
        await pilot.click("#yes")
        await pilot.pause(0.3)
        editor = app.screen
        assert editor.query_one("#b-meeting-place").value == "临时会场"
        assert editor.session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "place: 临时会场" in case.read_text(encoding="utf-8")


def test_catalog_translates_every_ui_string():
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    with (ROOT / "drafter" / "locale" / "zh_CN" / "LC_MESSAGES" / "drafter.po").open("rb") as fh:
        po = read_po(fh)
    ids = {m[2] for m in extract_from_dir(ROOT / "drafter" / "tui", method_map=[("**.py", "python")])}
    missing = [i for i in ids if not (po.get(i) and po.get(i).string)]
    assert not missing, missing
    from babel.messages.mofile import read_mo

    with (ROOT / "drafter" / "locale" / "zh_CN" / "LC_MESSAGES" / "drafter.mo").open("rb") as fh:
        mo = read_mo(fh)
    assert {m.id: m.string for m in mo if m.id} == {m.id: m.string for m in po if m.id}, "run scripts/update_catalog.py"


# --- snapshots of the main screens (pytest --snapshot-update to regenerate) -----------------------

@pytest.fixture
def example_case(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return case


def _editor_at(tab: str):
    async def run(pilot):
        editor = pilot.app.screen
        await _settle(pilot, editor)
        editor.action_tab(tab)
        await pilot.pause(0.2)
    return run


def test_snapshot_home(snap_compare, isolated_library, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert snap_compare(DrafterApp(), terminal_size=SIZE)


@pytest.mark.parametrize("tab", ["basic", "docs", "preview"])
def test_snapshot_editor(snap_compare, example_case, tab):
    assert snap_compare(DrafterApp(example_case), terminal_size=SIZE, run_before=_editor_at(tab))


def test_snapshot_fragment_picker(snap_compare, example_case):
    async def run(pilot):
        editor = pilot.app.screen
        await _settle(pilot, editor)
        editor.action_tab("docs")
        await pilot.pause()
        editor.query_one("#slotlist").focus()
        await pilot.press("enter")
        await pilot.press(*"问题")
        await pilot.pause(0.2)
    assert snap_compare(DrafterApp(example_case), terminal_size=SIZE, run_before=run)


def test_core_import_stays_headless():
    code = "import sys, drafter.pipeline, drafter.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_docx_text_helper_is_real():
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("样例")
    d.save(buf)
    assert docx.Document(io.BytesIO(buf.getvalue())).paragraphs[0].text == "样例"
    assert Path(docx.__file__).exists()


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "starters").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_untouched_case_round_trips_byte_for_byte(path):
    """Opening and saving without edits never rewrites a user's file: comments, order and layout stay."""
    assert Session.open(path).text() == path.read_text(encoding="utf-8")


async def test_proofreader_findings_in_problems_panel(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8").replace(
        "      closing: speech.closing.season\n",
        "      closing: speech.closing.season\n    overrides:\n      thanks: 感谢大家,辛苦了!\n"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await _settle(pilot, editor)
        rules = [p.rule for p in editor.problems]
        assert rules.count("GW-PUNC-01") == 2, rules
        editor.action_tab("problems")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert editor.query_one("TabbedContent").active == "preview"
        assert editor.query_one("#preview-scroll").scroll_target_y > 0 or editor.query_one("#preview-scroll").scroll_y > 0
