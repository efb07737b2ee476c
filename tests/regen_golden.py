"""Regenerate the golden text outputs: `python tests/regen_golden.py`. Review the diff before committing."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.pipeline import Drafting, load_case  # noqa: E402


def main() -> None:
    golden = ROOT / "tests" / "golden"
    golden.mkdir(exist_ok=True)
    drafting = Drafting()
    for case in sorted((ROOT / "examples").glob("*.yaml")):
        for out in drafting.render(load_case(case), "text"):
            (golden / out.filename).write_bytes(out.data)
            print(f"wrote tests/golden/{out.filename}")


if __name__ == "__main__":
    main()
