"""Benchmark (not a timed test): TUI start-up to the first screen, and preview refresh on the largest example.

Run: .venv/bin/python bench/bench_tui.py
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "provincial-plan.yaml"

CHILD = """
import asyncio, sys, time
from drafter.tui.app import DrafterApp
async def main():
    app = DrafterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(time.time() - float(sys.argv[1]))
asyncio.run(main())
"""


def startup(n: int = 5) -> float:
    times = []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", CHILD, repr(time.time())], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]) * 1000)
    return statistics.median(times)


async def refresh(n: int = 20) -> tuple[float, float]:
    from drafter.tui.app import DrafterApp
    from drafter.tui.screens.editor import REFRESH_DELAY

    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / CASE.name
        shutil.copy(CASE, case)
        app = DrafterApp(case)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = app.screen
            while editor.refreshes < 1:
                await pilot.pause(0.02)
            editor.doc_id = "notice"
            inner, outer = [], []
            for i in range(n):
                before = editor.refreshes
                t = time.perf_counter()
                editor.query_one("#b-meeting-place").value = f"会场{i}"
                while editor.refreshes == before:
                    await pilot.pause(0.005)
                outer.append((time.perf_counter() - t - REFRESH_DELAY) * 1000)
                inner.append(editor.last_refresh_ms)
    return statistics.median(inner), statistics.median(outer)


def main() -> None:
    print(f"TUI start-up to the first screen (process start included): {startup():.0f} ms (median of 5)")
    inner, outer = asyncio.run(refresh())
    print(f"preview refresh of the notice (+plan, 32 tasks): render {inner:.1f} ms; "
          f"keystroke to updated preview {outer:.1f} ms after the {350} ms typing pause (median of 20)")


if __name__ == "__main__":
    main()
