"""Benchmark (not a timed test): time to proofread 100,000 characters; recall and false alarms on the
labelled set (tests/proof_set).

Run: .venv/bin/python bench/bench_proof.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sample_text(chars: int = 100_000) -> str:
    """Real-looking text: the golden outputs plus the labelled documents, repeated to the size wanted."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "proof_set").glob("*.txt"))]
    text = "\n".join(parts)
    return (text * (chars // len(text) + 1))[:chars]


def main() -> None:
    from drafter.proof.check import check_text

    text = sample_text()
    check_text(text, "bench", {})
    times = []
    for _ in range(5):
        t = time.perf_counter()
        found = check_text(text, "bench", {})
        times.append((time.perf_counter() - t) * 1000)
    print(f"proofread {len(text):,} characters ({len(text.splitlines()):,} lines): {statistics.median(times):.0f} ms "
          f"(median of 5), {len(found)} findings")

    from drafter.proof.score import score_labelled

    score = score_labelled(ROOT / "tests" / "proof_set")
    print(f"labelled set: {score.planted} planted errors; recall {score.recall:.0%}, false alarms {score.false_alarms}")


if __name__ == "__main__":
    main()
