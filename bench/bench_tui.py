"""TUI speed, as ratios against a minimal Textual app measured in the same run.

    python bench/bench_tui.py [--runs N]

Measures, interleaved: (1) start-up — a fresh process to a usable screen: a minimal Textual app, and
`drafter edit` of the largest example to a ready editor (tree built, form shown); (2) the UI-thread
cost of one keystroke in a field (the editor's whole handler: parse, undoable edit, journal write,
tree label) on the largest example and on a generated 5,000-task case; (3) the preview refresh after
a typing pause (snapshot on the UI thread, render and proofread in the worker) on the largest example.
Not a timed test: figures vary with the machine; the README quotes the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = textwrap.dedent('''
    import asyncio, sys, time
    from textual.app import App
    from textual.widgets import Static
    class Minimal(App):
        def compose(self):
            yield Static("x")
    async def main():
        app = Minimal()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    asyncio.run(main())
''')

EDITOR = textwrap.dedent('''
    import asyncio, sys
    from pathlib import Path
    from drafter.tui.app import DrafterApp
    async def main(path):
        app = DrafterApp(path)
        async with app.run_test(size=(80, 24)) as pilot:
            while True:
                await pilot.pause(0.005)
                s = app.screen
                if getattr(s, "form_ready", 0) and s.form_ready == s._form_gen:
                    break
    asyncio.run(main(Path(sys.argv[1])))
''')

KEYS = textwrap.dedent('''
    import asyncio, json, statistics, sys, time
    from pathlib import Path
    from drafter.tui.app import DrafterApp
    from drafter.tui.screens.editor import EditorScreen
    costs, refresh = [], []
    original = EditorScreen.field_edited
    def timed(self, *a, **k):
        t = time.perf_counter()
        original(self, *a, **k)
        costs.append((time.perf_counter() - t) * 1000)
    EditorScreen.field_edited = timed
    async def main(path):
        app = DrafterApp(path)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = app.screen
            while not (editor.refreshes and editor.form_ready == editor._form_gen):
                await pilot.pause(0.01)
            editor.query_one("#tree").select_path(("meeting",))
            while not (editor.current.path == ("meeting",) and editor.form_ready == editor._form_gen):
                await pilot.pause(0.01)
            wid = next(w for w, (p, s) in editor.fields.items() if p[-1] == "place")
            editor.query_one("#" + wid).focus()
            await pilot.press(*"市会议中心第一会议室")
            version = editor.session.version
            t = time.perf_counter()
            editor.refresh_now()
            while editor.rendered_version != version:
                await pilot.pause(0.002)
            refresh.append((time.perf_counter() - t) * 1000)
    asyncio.run(main(Path(sys.argv[1])))
    print(json.dumps({"keys": costs, "refresh": refresh}))
''')


def big_case(tasks: int) -> Path:
    import yaml

    base = yaml.safe_load((ROOT / "examples" / "provincial-plan.yaml").read_text(encoding="utf-8"))
    per = 50
    base["tasks"] = [{"section": f"第{s + 1}板块任务", "items": [
        {"title": f"推进第{s * per + i + 1}项重点工作", "measures": "完善制度，强化督导，按期完成。", "lead": ["省生态环境厅"],
         "deadline": "2026-12"} for i in range(per)]} for s in range(tasks // per)]
    path = Path(tempfile.mkdtemp()) / "big.yaml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def largest_example() -> Path:
    return max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)


def wall(code: str, *args: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, cwd=tempfile.gettempdir())
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    example = largest_example()
    import json
    import shutil

    work = Path(tempfile.mkdtemp())
    minimal, editor = [], []
    for _ in range(args.runs):                      # interleaved: both see the same machine
        minimal.append(wall(MINIMAL))
        case = work / "case.yaml"
        shutil.copy(example, case)
        editor.append(wall(EDITOR, str(case)))
    report = {}
    for name, path in (("example", example), ("5000 tasks", big_case(5000))):
        case = work / f"{name.replace(' ', '-')}.yaml"
        shutil.copy(path, case)
        out = subprocess.run([sys.executable, "-c", KEYS, str(case)], check=True, capture_output=True, text=True,
                             cwd=tempfile.gettempdir())
        report[name] = json.loads(out.stdout.strip().splitlines()[-1])

    def mm(xs):
        return f"min {min(xs):7.1f} ms · median {statistics.median(xs):7.1f} ms"
    print(f"start-up, {args.runs} interleaved runs (fresh process to a usable screen):")
    print(f"  minimal Textual app        {mm(minimal)}")
    print(f"  drafter edit {example.name:<14}{mm(editor)}   ratio {statistics.median(editor) / statistics.median(minimal):.2f}×")
    for name, r in report.items():
        keys = sorted(r["keys"])
        p95 = keys[min(len(keys) - 1, int(len(keys) * 0.95))]
        print(f"keystroke on the UI thread, {name}: median {statistics.median(keys):.2f} ms · p95 {p95:.2f} ms · "
              f"max {max(keys):.2f} ms ({len(keys)} keys; budget 16 ms)")
        print(f"preview + proofreading after the pause, {name}: {r['refresh'][0]:.0f} ms")


if __name__ == "__main__":
    main()
