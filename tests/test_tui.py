"""The TUI driven by Textual's Pilot: a speech and a notice from a blank case to .docx, without YAML.

Keystrokes go through `pilot.press` (the keys a secretary would press); the counts the flows print
are the ones quoted in the README.
"""

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
from drafter.tui.session import OpenElsewhere, Session, journal_path

SIZE = (80, 24)


class Keys:
    """Presses keys and counts them, so a flow can say how many it took."""

    def __init__(self, pilot):
        self.pilot, self.count = pilot, 0

    async def __call__(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)

    async def type(self, text: str) -> None:
        """Type text; full-width punctuation, which Pilot has no key name for, arrives as the terminal sends it."""
        for c in text:
            if c == "\n":
                await self("enter")
            elif c.isalnum() or c in "×-.%":
                await self(c)
            else:
                self.count += 1
                focused = self.pilot.app.focused
                if hasattr(focused, "insert_text_at_cursor"):
                    focused.insert_text_at_cursor(c)
                else:
                    focused.insert(c)
                await self.pilot.pause()


def example_app(tmp_path, name: str = "city-mobilization", change=lambda text: text) -> DrafterApp:
    """The editor on a copy of an example, changed as a test needs (a misspelled key, one more document)."""
    case = tmp_path / "case.yaml"
    case.write_text(change((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return DrafterApp(case)


async def settle(pilot, editor=None, refreshes: int = 1):
    for _ in range(100):
        await pilot.pause(0.05)
        if editor is None or (editor.refreshes >= refreshes and editor.form_ready == editor._form_gen):
            break
    await pilot.pause(0.05)


async def refreshed(pilot, editor):
    """Wait for the preview of the latest edit."""
    for _ in range(100):
        await pilot.pause(0.05)
        if editor.rendered_version == editor.session.version and editor.form_ready == editor._form_gen:
            break


async def goto(pilot, editor, path: tuple):
    """Put the tree's cursor on `path` (as arrow keys would) and wait for its form."""
    tree = editor.query_one("#tree")
    node = tree.select_path(path)
    assert node is not None and node.data.path == path, (path, node and node.data)
    tree.focus()
    await settle(pilot, editor)


def field(editor, key: str, under: tuple | None = None):
    """The widget editing `key` in the current form."""
    for wid, (path, _spec) in editor.fields.items():
        if path[-1] == key and (under is None or path[: len(under)] == under):
            return editor.query_one(f"#{wid}")
    raise AssertionError(f"no field {key} in {[p for p, _s in editor.fields.values()]}")


async def fill(keys: Keys, editor, key: str, text: str):
    """Clear a field and type into it, as a user does: focus, select all, type."""
    w = field(editor, key)
    w.focus()
    await keys.pilot.pause()
    if hasattr(w, "load_text"):
        w.select_all()
        await keys("backspace")
    else:
        await keys("ctrl+a", "backspace") if w.value else None
        if w.value:
            w.value = ""
    await keys.type(text)
    await keys.pilot.pause()


async def choose(keys: Keys, pilot, option_id: str):
    """In a ChoiceScreen, move to the option and press Enter."""
    await pilot.pause()
    choices = pilot.app.screen.query_one("#choices")
    ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
    steps = ids.index(option_id) - (choices.highlighted or 0)
    await keys(*(["down"] * steps), "enter")
    await pilot.pause()


async def export(keys: Keys, pilot, app) -> tuple[list[Path], str]:
    """Ctrl+E, Enter on the focused Export button; the files written and the dialog's result text."""
    await keys("ctrl+e")
    await pilot.pause()
    await keys("enter")
    for _ in range(100):
        await pilot.pause(0.1)
        if getattr(app.screen, "written", None) is not None:
            break
    return app.screen.written or [], str(app.screen.query_one("#result").render())


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


async def new_case(keys: Keys, pilot, app, kind: str):
    await pilot.pause()
    home = app.screen.query_one("#home-actions")
    ids = [home.get_option_at_index(i).id for i in range(home.option_count)]
    await keys(*(["down"] * ids.index(f"new:{kind}")), "enter")
    await pilot.pause()
    await keys("enter")                     # accept the proposed file name
    await pilot.pause()
    editor = app.screen
    assert type(editor).__name__ == "EditorScreen"
    await settle(pilot, editor)
    return editor


async def test_speech_from_a_blank_case_to_docx(tmp_path, monkeypatch, capsys):
    """Three points with sub-points; review and thanks inside point 一, a paragraph after its sub-points."""
    monkeypatch.chdir(tmp_path)
    app = DrafterApp()
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        editor = await new_case(keys, pilot, app, "speech")
        assert any("×" in editor.problem_text(p) or "占位" in editor.problem_text(p) for p in editor.problems)

        await goto(pilot, editor, ("org",))                   # the thanks are said in the organ's name
        await fill(keys, editor, "name", "青山县人民政府")
        await goto(pilot, editor, ("meeting",))
        await fill(keys, editor, "name", "全县安全生产工作会议")
        await fill(keys, editor, "date", "2026-03-05")
        await fill(keys, editor, "purpose", "总结去年安全生产工作，部署今年重点任务")
        await goto(pilot, editor, ("people", 0))
        await fill(keys, editor, "name", "李明")
        await fill(keys, editor, "title", "县长")

        await goto(pilot, editor, ("achievements",))         # a result, so review and thanks have something to say
        await keys("a")
        await settle(pilot, editor)
        await fill(keys, editor, "metric", "生产安全事故起数")
        await fill(keys, editor, "value", "12")
        await fill(keys, editor, "unit", "起")

        points = ("documents", 0, "points")
        for i, (title, items) in enumerate([("统一思想，提高认识", "要看到成绩。\n要正视问题。"),
                                             ("突出重点，精准施策", "要抓住重点行业。\n要整治隐患。"),
                                             ("压实责任，狠抓落实", "要落实属地责任。\n要严格考核。")]):
            if i == 2:                                        # the starter has two points: add a third
                await goto(pilot, editor, points + (1,))
                await keys("a")
                await settle(pilot, editor)
            await goto(pilot, editor, points + (i,))
            await fill(keys, editor, "title", title)
            await fill(keys, editor, "items", items)
            if i == 0:
                await fill(keys, editor, "intro", "过去一年，全县安全生产形势总体平稳。")

        # review and thanks move from the opening into point 一
        outline = ("documents", 0, "outline")
        tree = editor.query_one("#tree")
        for slot in ("review", "thanks"):
            await goto(pilot, editor, outline)
            node = next(n for n in tree.cursor_node.children if n.data.path[:3] == outline
                        and (editor.part_at(n.data.path) or {}).get("slot") == slot)
            await goto(pilot, editor, node.data.path)
            await keys("delete")
            await settle(pilot, editor)
        inside = points + (0, "parts")
        for slot in ("review", "thanks"):
            await goto(pilot, editor, inside)
            await keys("a")
            await choose(keys, pilot, "slot")
            await choose(keys, pilot, slot)
            await settle(pilot, editor)
        await goto(pilot, editor, inside)
        await keys("a")
        await choose(keys, pilot, "text")
        await settle(pilot, editor)
        await fill(keys, editor, "text", "这些成绩来之不易，我们要倍加珍惜。")
        await refreshed(pilot, editor)

        preview = editor.query_one("#preview-text").text
        assert "三点意见" in preview, [editor.problem_text(p) for p in editor.problems]
        one, two = preview.index("一、统一思想"), preview.index("二、突出重点")
        assert one < preview.index("这些成绩来之不易") < two
        assert preview.index("一要看到成绩") < preview.index("这些成绩来之不易")

        await keys("ctrl+s")
        written, _result = await export(keys, pilot, app)
        flow_keys = keys.count
    out = [p for p in written if p.suffix == ".docx"]
    assert out and out[0].name.startswith("在全县安全生产工作会议上的讲话")   # named by its title
    text = docx_text(out[0])
    assert "一、统一思想，提高认识" in text and "三、压实责任，狠抓落实" in text
    assert text.index("一、统一思想") < text.index("这些成绩来之不易") < text.index("二、突出重点")
    assert "×" not in text
    with capsys.disabled():
        print(f"\n[speech flow: {flow_keys} keystrokes]")


async def test_notice_from_a_blank_case_to_docx(tmp_path, monkeypatch, capsys):
    """文号, 主送, two task sections with measures; one section deleted, one task moved; exported."""
    monkeypatch.chdir(tmp_path)
    app = DrafterApp()
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        editor = await new_case(keys, pilot, app, "notice")
        await goto(pilot, editor, ("org",))
        await fill(keys, editor, "name", "青山县生态环境局")
        await fill(keys, editor, "short", "县生态环境局")
        await fill(keys, editor, "code", "青环发")
        await goto(pilot, editor, ("documents", 0))
        await fill(keys, editor, "plan_title", "青山县大气污染防治攻坚实施方案")
        await fill(keys, editor, "number", "7")
        await fill(keys, editor, "date", "2026-03-20")
        await fill(keys, editor, "recipients", "各乡镇人民政府\n县直有关部门")
        for path, _value in list(editor.fields.values()):
            if path[-1] in ("printer",):
                await fill(keys, editor, "printer", "青山县生态环境局办公室")
            if path[-1] in ("print_date",):
                await fill(keys, editor, "print_date", "2026-03-20")

        sections = [("治理工业污染", [("推进企业深度治理", "开展重点企业提标改造。", "县生态环境局"),
                                     ("淘汰落后产能", "依法关停不达标企业。", "县发展改革局")]),
                    ("将被删去的板块", [("临时任务", "临时措施。", "县应急局")]),
                    ("整治扬尘污染", [("管控施工扬尘", "落实六个百分百。", "县住房城乡建设局")])]
        for s, (title, tasks) in enumerate(sections):
            if s >= 2:
                await goto(pilot, editor, ("tasks", s - 1))
                await keys("a")
                await settle(pilot, editor)
            await goto(pilot, editor, ("tasks", s))
            await fill(keys, editor, "section", title)
            for t, (task, measures, lead) in enumerate(tasks):
                if t >= len(editor.session.get(("tasks", s, "items")) or []):
                    await goto(pilot, editor, ("tasks", s, "items", t - 1))
                    await keys("a")
                    await settle(pilot, editor)
                await goto(pilot, editor, ("tasks", s, "items", t))
                await fill(keys, editor, "title", task)
                await fill(keys, editor, "measures", measures)
                await fill(keys, editor, "lead", lead)
                if "units" in [p[-1] for p, _s in editor.fields.values()]:
                    await fill(keys, editor, "units", lead.replace("局", "所"))
        await goto(pilot, editor, ("tasks", 1))               # delete the second section
        await keys("delete")
        await settle(pilot, editor)
        assert [s["section"] for s in editor.session.get(("tasks",))] == ["治理工业污染", "整治扬尘污染"]
        await goto(pilot, editor, ("tasks", 0, "items", 1))   # move a task up
        await keys("alt+up")
        await settle(pilot, editor)
        assert editor.session.get(("tasks", 0, "items", 0, "title")) == "淘汰落后产能"
        await refreshed(pilot, editor)
        left = [editor.problem_text(p) for p in editor.problems if p.severity.value == "错误"]
        await keys("ctrl+s")
        written, result = await export(keys, pilot, app)
        flow_keys = keys.count
    assert written, (result, left)
    text = docx_text(next(p for p in written if p.suffix == ".docx"))
    assert "青环发〔2026〕7号" in text
    assert "关于印发《青山县大气污染防治攻坚实施方案》的通知" in text.replace("\n", "")
    assert "各乡镇人民政府、县直有关部门：" in text
    assert text.index("淘汰落后产能") < text.index("推进企业深度治理")
    assert "将被删去的板块" not in text and "整治扬尘污染" in text
    with capsys.disabled():
        print(f"\n[notice flow: {flow_keys} keystrokes]")


async def test_undo_and_redo_every_edit(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        editor = app.screen
        await settle(pilot, editor)
        await goto(pilot, editor, ("people", 2))
        await keys("delete")                                   # a delete is undoable
        await settle(pilot, editor)
        assert len(editor.session.get(("people",))) == 2
        await keys("ctrl+z")
        await settle(pilot, editor)
        assert [p["name"] for p in editor.session.get(("people",))] == ["王志远", "陈立新", "何静"]
        await goto(pilot, editor, ("meeting",))
        await fill(keys, editor, "place", "市会议中心")
        assert editor.session.get(("meeting", "place")) == "市会议中心"
        await keys("ctrl+z")                                    # typing into one field is one step
        await settle(pilot, editor)
        assert editor.session.get(("meeting", "place")) is None
        await keys("ctrl+y")
        await settle(pilot, editor)
        assert editor.session.get(("meeting", "place")) == "市会议中心"
        assert field(editor, "place").value == "市会议中心"      # the form shows what the case holds


async def test_a_change_on_disk_is_never_overwritten_silently(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        editor = app.screen
        await settle(pilot, editor)
        await goto(pilot, editor, ("meeting",))
        await fill(keys, editor, "place", "市会议中心")
        other = case.read_text(encoding="utf-8").replace("name: 全市打好", "name: 全市坚决打好")
        case.write_text(other, encoding="utf-8")               # a colleague saves the file meanwhile
        await keys("ctrl+s")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ChoiceScreen"
        assert case.read_text(encoding="utf-8") == other       # nothing written yet
        await choose(keys, pilot, "reload")
        await settle(pilot, editor)
        assert editor.session.get(("meeting", "name")) == "全市坚决打好污染防治攻坚战动员大会"
        assert not editor.session.dirty


async def test_a_case_with_a_syntax_error_opens_into_its_problems(tmp_path):
    case = tmp_path / "case.yaml"
    good = (ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8")
    case.write_text(good.replace("  name: 中共安澜市委", "\tname: 中共安澜市委"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert type(screen).__name__ == "OpenErrorScreen"
        problems = str(screen.query_one("#open-problems").render())
        assert "制表符" in problems and "case.yaml:4" in problems
        raw = screen.query_one("#raw")
        raw.load_text(raw.text.replace("\tname:", "  name:"))
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        assert type(app.screen).__name__ == "EditorScreen"


@pytest.mark.parametrize("text", ["documents: 5\n", "org: 某某局\ndocuments: []\n", "a: [1, 2\n",
                                  "x: 1\nx: 2\n", "n: " + "9" * 4301 + "\n"], ids=["not-a-list", "org-as-text",
                                                                                    "unclosed", "duplicate", "huge-int"])
async def test_careless_cases_never_crash(tmp_path, text):
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert type(screen).__name__ in ("OpenErrorScreen", "EditorScreen")
        if type(screen).__name__ == "EditorScreen":
            await settle(pilot, screen)
            assert screen.problems                                 # listed, located
            tree = screen.query_one("#tree")
            tree.select_path(("org",))
            await settle(pilot, screen)
            for wid in list(screen.fields)[:1]:
                screen.query_one(f"#{wid}").focus()
                await pilot.press("x")                             # the first keystroke is not a crash
                await settle(pilot, screen)


def test_a_second_window_is_told_the_case_is_open(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = Session.open(case)
    first.set(("meeting", "place"), "会场")
    with pytest.raises(OpenElsewhere) as err:
        Session.open(case)
    assert "另一个窗口" in str(err.value.problems[0])
    assert Session.recovery_for(case) is None          # a live window's journal is not a crash to recover
    assert journal_path(case).exists()
    first.save()
    first.close()
    second = Session.open(case)
    assert second.get(("meeting", "place")) == "会场"
    second.close()


def test_recovery_keeps_both_when_the_file_changed_since(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    s = Session.open(case)
    s.set(("meeting", "place"), "会场")
    s._lock_fd, fd = None, s._lock_fd                   # a crash: the lock dies with the process
    os.close(fd)
    case.write_text(case.read_text(encoding="utf-8").replace("name: 全市打好", "name: 全市坚决打好"), encoding="utf-8")
    rec = Session.recovery_for(case)
    assert rec is not None and rec.file_changed and len(rec.ops) == 1
    assert "place: 会场" in rec.recovered_text() and "全市打好" in rec.recovered_text()
    assert "全市坚决打好" in rec.file_text


CRASH = textwrap.dedent('''
    import asyncio, os, signal, sys
    from pathlib import Path
    from drafter.tui.app import DrafterApp

    async def main(path):
        app = DrafterApp(path)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if getattr(app.screen, "form_ready", 0):
                    break
            editor = app.screen
            editor.query_one("#tree").select_path(("meeting",))
            for _ in range(100):
                await pilot.pause(0.05)
                if editor.form_ready == editor._form_gen and editor.current.path == ("meeting",):
                    break
            wid = next(w for w, (p, s) in editor.fields.items() if p[-1] == "place")
            editor.query_one("#" + wid).focus()
            await pilot.press(*"临时会场")
            os.kill(os.getpid(), signal.SIGKILL)      # the terminal is killed right after the last keystroke

    asyncio.run(main(Path(sys.argv[1])))
''')


async def test_killed_right_after_a_keystroke_loses_nothing(tmp_path):
    case = tmp_path / "case.yaml"
    original = (ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8")
    case.write_text(original, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", CRASH, str(case)], capture_output=True, text=True, timeout=120,
                          env={**os.environ})
    assert proc.returncode == -9, proc.stderr[-2000:]
    assert case.read_text(encoding="utf-8") == original       # the case file was never half-written
    rec = Session.recovery_for(case)
    assert rec is not None and "place: 临时会场" in rec.recovered_text()    # the last keystroke too

    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "RecoverScreen"
        await pilot.press("enter")                            # 恢复 is focused
        await pilot.pause(0.3)
        editor = app.screen
        await settle(pilot, editor)
        assert editor.session.get(("meeting", "place")) == "临时会场"
        assert editor.session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "place: 临时会场" in case.read_text(encoding="utf-8")


async def test_opening_a_case_changes_nothing(tmp_path):
    case = tmp_path / "case.yaml"
    original = (ROOT / "starters" / "speech.yaml").read_text(encoding="utf-8")
    case.write_text(original, encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        for _ in range(25):                              # walk the whole tree: every form shown, nothing written
            await pilot.press("down")
            await settle(pilot, editor)
        for tab in ("preview", "problems", "edit"):
            editor.action_tab(tab)
            await pilot.pause(0.1)
        assert not editor.session.dirty
        app.action_quit()
    assert app.return_code == 0
    assert case.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


async def test_problem_jumps_to_its_field(tmp_path):
    app = example_app(tmp_path, change=lambda text: text.replace("    title: 副市长", "    title: 副市长\n    age: 50"))
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        texts = [editor.problem_text(p) for p in editor.problems]
        assert any(t.startswith("人员 › 何静") and "age" in t for t in texts), texts   # named in Chinese, by name
        editor.action_tab("problems")
        await pilot.pause()
        await pilot.press("enter")          # a key no form shows: asked what to do with it
        await pilot.pause()
        assert "“age”不是" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("down", "enter")  # no close field name to rename it to: 删除“age”, then 查看所在位置
        await settle(pilot, editor)
        assert editor.query_one("TabbedContent").active == "edit"
        assert editor.current.path == ("people", 2)


async def test_a_fact_no_document_uses_is_a_problem_in_the_editor_as_on_the_command_line(tmp_path):
    """The editor drafts one document at a time; a fact the whole case never uses was `drafter check`'s problem only,
    and Ctrl+E exported a case `drafter render` refuses."""
    app = example_app(tmp_path, change=lambda text: text.replace("  host: chen\n", "  host: chen\n  end_date: 2026-02-27\n", 1))
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        unused = [editor.problem_text(p) for p in editor.problems if "end_date" in (p.path or "")]
        assert unused and "没有用到" in unused[0], [editor.problem_text(p) for p in editor.problems]
        editor.session.set(("meeting", "end_date"), None)
        editor.refresh_now()
        await refreshed(pilot, editor)
        assert not any("end_date" in (p.path or "") for p in editor.problems)


@pytest.mark.parametrize("answer,expected", [(("enter",), {"host": "chen"}), (("down", "enter"), {})])
async def test_a_misspelled_key_is_renamed_or_deleted_from_the_problem_list(tmp_path, answer, expected):
    """A key typed into the file with a spelling mistake has no field to fix it: the problem offers the field that
    was meant (keeping the value), or deleting it; either is one undoable step and the problem goes away."""
    app = example_app(tmp_path, change=lambda text: text.replace("  host: chen\n", "  hots: chen\n", 1))
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        index = next(i for i, p in enumerate(editor.problems) if "hots" in editor.problem_text(p))
        editor.action_tab("problems")
        await pilot.pause()
        editor.query_one("#problem-list").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*answer)
        await refreshed(pilot, editor)
        meeting = editor.session.get(("meeting",))
        assert "hots" not in meeting and {k: meeting[k] for k in ("host",) if k in meeting} == expected
        assert not any("hots" in editor.problem_text(p) for p in editor.problems)
        editor.session.undo()
        assert editor.session.get(("meeting", "hots")) == "chen" and "host" not in editor.session.get(("meeting",))


async def test_proofreading_finding_jumps_to_the_own_text_it_quotes(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8").replace(
        "      closing: speech.closing.season\n",
        "      closing: speech.closing.season\n    overrides:\n      closing: 同志们,让我们共同努力!\n"), encoding="utf-8")
    app = DrafterApp(case)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        hits = [i for i, p in enumerate(editor.problems) if p.rule == "GW-PUNC-01"]
        assert hits
        assert editor.problem_paths[hits[0]] == ("documents", 0, "overrides", "closing")


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


def test_every_field_of_the_case_model_has_a_chinese_label():
    from drafter.facts import model as M
    from drafter.facts import statements
    from drafter.tui import schema as S
    from drafter.typed import BaseModel

    missing, seen = [], []
    for module in (M, statements):
        for name in dir(module):
            model = getattr(module, name)
            if isinstance(model, type) and issubclass(model, BaseModel) and model.__module__ == module.__name__:
                seen.append(name)
                for f in model.model_fields:
                    if S.label(model, f) == f and S.qualified(model, f) not in S.HIDDEN:
                        missing.append(f"{name}.{f}")
    assert {"Case", "Task", "NoticeDoc", "Achievement", "Rank"} <= set(seen)
    assert not missing, missing


# --- screens: snapshots, and no English ------------------------------------------------------------

@pytest.fixture
def example_case(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text((ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return case


def _editor_at(path: tuple | None, tab: str = "edit"):
    async def run(pilot):
        editor = pilot.app.screen
        await settle(pilot, editor)
        if path is not None:
            await goto(pilot, editor, path)
        editor.action_tab(tab)
        await pilot.pause(0.3)
    return run


def test_snapshot_home(snap_compare, isolated_library, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert snap_compare(DrafterApp(), terminal_size=SIZE)


@pytest.mark.parametrize("where", ["achievement", "outline", "point", "preview", "problems"])
def test_snapshot_editor(snap_compare, example_case, where):
    path, tab = {"achievement": (("achievements", 0), "edit"), "outline": (("documents", 2, "outline", 2), "edit"),
                 "point": (("documents", 0, "points", 0), "edit"), "preview": (None, "preview"),
                 "problems": (None, "problems")}[where]
    assert snap_compare(DrafterApp(example_case), terminal_size=SIZE, run_before=_editor_at(path, tab))


ALLOWED_LATIN = {"drafter", "docx", "Ctrl", "Alt", "Tab", "Enter", "Delete", "Insert", "Escape", "YAML", "PM", "case",
                 "yaml", "txt", "del", "GB", "WPS", "Word"}


@pytest.mark.parametrize("screen", ["home", "editor", "palette", "help", "quit", "export", "picker"])
async def test_no_english_on_screen(example_case, isolated_library, screen):
    app = DrafterApp(None if screen == "home" else example_case)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        if screen != "home":
            editor = app.screen
            await settle(pilot, editor)
            if screen == "palette":
                await pilot.press("ctrl+p")
            elif screen == "help":
                await pilot.press("f1")
            elif screen == "quit":
                await goto(pilot, editor, ("meeting",))
                field(editor, "place").focus()
                await pilot.press("x")
                await pilot.press("ctrl+q")
            elif screen == "export":
                await pilot.press("ctrl+e")
            elif screen == "picker":
                await goto(pilot, editor, ("documents", 0, "outline", 3))
                await pilot.click("#slot-pick")
            await pilot.pause(0.3)
        text = app.export_screenshot()
    words = set(re.findall(r"<text[^>]*>([^<]*)</text>", text))
    # a path the user chose (the export folder) is the user's own words
    chunks = [re.sub(r"\S*/\S*", "", c.replace("&#160;", " ")) for c in words]
    latin = {w for chunk in chunks for w in re.findall(r"[A-Za-z]{2,}", chunk)}
    assert not latin - ALLOWED_LATIN, latin - ALLOWED_LATIN


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
def test_untouched_case_round_trips_byte_for_byte(path, tmp_path):
    """Opening and saving without edits never rewrites a user's file: comments, order and layout stay."""
    case = tmp_path / path.name
    case.write_bytes(path.read_bytes())
    s = Session.open(case)
    assert s.text() == path.read_text(encoding="utf-8")
    s.close()


async def test_a_person_added_in_the_app_can_be_chosen_as_speaker(tmp_path):
    app = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        editor = app.screen
        await settle(pilot, editor)
        await goto(pilot, editor, ("people", 2))
        await keys("a")
        await settle(pilot, editor)
        await fill(keys, editor, "name", "赵敏")
        await fill(keys, editor, "title", "秘书长")
        person = editor.session.get(("people", 3))
        assert person["id"] and person["id"] not in ("wang", "chen", "he")       # an id of its own, never typed
        await goto(pilot, editor, ("documents", 0))
        options = [str(o[0]) for o in field(editor, "speaker")._options]
        assert "赵敏（秘书长）" in options


async def test_pasted_lines_stay_lines_in_a_list_and_join_in_a_one_line_box(tmp_path):
    from textual import events

    app = example_app(tmp_path, "provincial-plan")
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        doc = next(i for i, (_d, k) in enumerate(editor.session.documents()) if k == "notice")
        await goto(pilot, editor, ("documents", doc))
        cc = field(editor, "cc")
        cc.focus()
        cc.select_all()
        await pilot.press("backspace", *"甲局", "ctrl+j", *"乙局")      # a terminal's raw line feed
        await pilot.pause()
        assert editor.session.get(("documents", doc, "cc")) == ["甲局", "乙局"]
        printer = field(editor, "printer")
        printer.focus()
        printer.value = ""
        printer.post_message(events.Paste("省应急管理厅\n办公室"))
        await pilot.pause(0.2)
        assert editor.session.get(("documents", doc, "printer")) == "省应急管理厅办公室"


def test_a_second_crash_after_a_recovery_is_recovered_the_same_way(tmp_path):
    case = tmp_path / "case.yaml"
    original = (ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8")
    case.write_text(original, encoding="utf-8")

    def crash(s):
        fd, s._lock_fd = s._lock_fd, None          # the process dies: its lock goes with it
        os.close(fd)

    first = Session.open(case)
    first.set(("meeting", "place"), "会场")
    crash(first)
    rec = Session.recovery_for(case)
    assert not rec.file_changed and rec.places == 1
    second = Session.recovered(case, rec)
    second.set(("meeting", "time"), "上午9时")
    crash(second)
    rec = Session.recovery_for(case)
    assert not rec.file_changed                    # nobody touched the file: no false alarm, no second copy
    text = rec.recovered_text()
    assert "place: 会场" in text and "上午9时" in text
    assert case.read_text(encoding="utf-8") == original


def test_a_number_grouped_by_thousands_is_one_number_not_a_list():
    """“1,000” in 数值 was stored as [1, 0] and drafted as 分别下降1%、0%: a figure silently wrong."""
    from drafter.facts.statements import Target
    from drafter.tui import schema as S
    from drafter.tui.form import Check

    spec = next(f for f in S.form_fields(Target) if f.key == "value")
    assert spec.kind == "values"
    assert S.parse(spec, "1,000") == 1000 and S.parse(spec, "12，500.5") == 12500.5 and S.parse(spec, "1,234,567") == 1234567
    assert S.parse(spec, "39,68") == [39, 68] and S.parse(spec, "39、68") == [39, 68]   # a list (分别) as before
    assert Check(spec).validate("1,000").is_valid and not Check(spec).validate("1,00x").is_valid


def test_the_drop_down_names_its_escape_key_in_chinese():
    """Setting SelectOverlay.BINDINGS after Textual made the class changed nothing: the footer said “Dismiss menu”."""
    from textual.widgets._select import SelectOverlay

    import drafter.tui.form  # noqa: F401 - renames the key when imported

    descriptions = [b.description for bs in SelectOverlay._merged_bindings.key_to_bindings.values() for b in bs]
    assert "Dismiss menu" not in descriptions and "收起列表" in descriptions, descriptions


async def test_the_preview_follows_the_selected_document(tmp_path):
    """Selecting another document changed no fact, so nothing drafted it: F3 showed the one before until an edit."""
    app = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        assert editor.previewed_doc == "speech"
        news = next(i for i, (_d, k) in enumerate(editor.session.documents()) if k == "news")
        await goto(pilot, editor, ("documents", news))
        done = editor.refreshes
        await pilot.press("f3")
        for _ in range(100):
            await pilot.pause(0.05)
            if editor.refreshes > done:
                break
        assert editor.previewed_doc == editor.session.documents()[news][0]
        assert "我市召开打好污染防治攻坚战动员大会" in editor.query_one("#preview-text").text


async def test_problems_name_fields_by_their_labels_not_their_keys(tmp_path):
    """请填写 subject，或在 outline 中删去 date: keys a secretary never sees in the editor's forms."""
    app = example_app(tmp_path, change=lambda text: text + "  - id: report\n    kind: report\n")
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        texts = [editor.problem_text(p) for p in editor.problems if (p.path or "").startswith("documents[3]")]
        assert any("请填写报告事项，或填写本文档的标题" in t for t in texts), texts
        assert any("请填写本文档的成文日期，或在提纲中删去成文日期" in t for t in texts), texts
        assert any(t.endswith("“主要做法”没有内容：请在本文档中填写，或在提纲中删去这一部分") for t in texts), texts
        assert not any(re.search(r"\b(subject|date|outline|measures|measures_list)\b", t) for t in texts), texts


def test_clearing_a_field_and_typing_it_again_keeps_its_line_in_place(tmp_path):
    """The key was removed and written anew at the end of its mapping: the saved file moved lines and lost the blank
    line or comment that went with them."""
    case = tmp_path / "case.yaml"
    text = (ROOT / "examples" / "city-mobilization.yaml").read_text(encoding="utf-8")
    case.write_text(text, encoding="utf-8")
    s = Session.open(case)
    s.set(("meeting", "date"), None)
    s.set(("meeting", "date"), "2026-02-27")
    saved = s.text().splitlines()
    s.close()
    before = text.splitlines()
    assert len(saved) == len(before)
    changed = [(a, b) for a, b in zip(before, saved, strict=True) if a != b]
    assert changed == [("  date: 2026-02-26", "  date: 2026-02-27")]   # and unquoted: the loader reads dates as text


async def test_deleting_a_person_still_chosen_says_where_and_the_problem_names_no_id(tmp_path):
    """人员中没有 id 为“he”的人员，是否想写“陈立新”？ — an id the editor never shows, and an arbitrary suggestion."""
    app = example_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        editor = app.screen
        await settle(pilot, editor)
        index = next(i for i, p in enumerate(editor.session.get(("people",))) if p["id"] == "he")
        await goto(pilot, editor, ("people", index))
        editor.action_delete()
        await refreshed(pilot, editor)
        notes = [str(n.message) for n in app._notifications]
        assert any("以下位置仍选用此人" in n and "议程" in n for n in notes), notes
        texts = [editor.problem_text(p) for p in editor.problems]
        assert any("所选的人员已不在人员名单中" in t for t in texts), texts
        assert not any("“he”" in t or "是否想写" in t for t in texts), texts


def test_the_preview_never_starts_a_row_with_a_closing_mark():
    """Textual broke the preview wherever the width ran out: a row could begin with “，”."""
    from rich.cells import cell_len

    from drafter.tui.preview import break_rows

    assert break_rows("一二三四，五六", 8) == ["一二三", "四，五六"]           # 四 goes down with the comma
    assert break_rows("一二三。”四五", 8) == ["一二", "三。”四", "五"]         # and with the marks before it
    assert break_rows("一二三（四）", 8) == ["一二三", "（四）"]                # an opening mark never ends a row
    assert break_rows("abcdefgh", 4) == ["abcd", "efgh"] and break_rows("", 8) == [""]
    rows = break_rows("深入贯彻全国和全省生态环境保护大会精神，动员全市上下打好污染防治攻坚战。" * 3, 20)
    assert all(cell_len(r) <= 20 for r in rows) and not any(r[:1] in "，。、" for r in rows)
