"""The core never imports Textual (nor docx for text output), so `drafter render` starts fast."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLES, ROOT


def test_core_does_not_import_textual():
    code = (
        "import sys; from drafter.pipeline import Drafting, load_case; "
        f"Drafting().render(load_case({str(EXAMPLES[0])!r}), 'text'); "
        "import drafter.cli; "
        "print(sorted(m for m in ('textual', 'docx', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
