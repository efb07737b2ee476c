"""Benchmark (not a timed test): in-process render per document and whole-process `drafter render`.

Run: .venv/bin/python bench/bench_render.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "provincial-plan.yaml"


def per_document(n: int, to: str) -> dict[str, float]:
    from drafter.pipeline import Drafting, load_case

    drafting = Drafting()
    cf = load_case(CASE)
    drafting.render(cf, to)  # warm caches (compiled templates)
    out: dict[str, list[float]] = {}
    for _ in range(n):
        for doc in cf.case.documents:
            t = time.perf_counter()
            drafting.render(cf, to, doc.id)
            out.setdefault(doc.id, []).append((time.perf_counter() - t) * 1000)
    return {k: statistics.median(v) for k, v in out.items()}


def whole_process(n: int, *args: str) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", "render", str(CASE), *args], check=True, capture_output=True, cwd=ROOT)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    t = time.perf_counter()
    from drafter.pipeline import Drafting, load_case

    Drafting().render(load_case(CASE), "text")
    print(f"first render in a fresh process (imports, library, compile): {(time.perf_counter() - t) * 1000:.1f} ms")
    for doc, ms in per_document(n, "text").items():
        print(f"in-process text render, {doc}: {ms:.2f} ms per document (median of {n})")
    print(f"whole process `drafter render` (text to stdout): {whole_process(10):.0f} ms (median of 10)")


if __name__ == "__main__":
    main()
