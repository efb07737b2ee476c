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


def test_checking_a_txt_imports_only_the_proofreader(tmp_path, isolated_library):
    """`drafter check FILE.txt` with no proofread.yaml anywhere: no YAML parser, no .docx, no renderer, no case model,
    no other command's help texts (kinds, formats), no dataclasses (inspect), no shutil (bz2, lzma)."""
    draft = tmp_path / "通知.txt"
    draft.write_text("关于做好安全生产工作的通知\n各县(市、区)人民政府:\n", encoding="utf-8")
    code = ("import sys, drafter.cli; code = drafter.cli.main(['check', sys.argv[1]]); "
            "print(code, sorted(m for m in ('yaml', 'docx', 'lxml', 'drafter.typed', 'jinja2', 'drafter.render', 'drafter.kinds', "
            "'drafter.yamlsource', 'drafter.proof.docx_rules', 'json', 'difflib', 'dataclasses', 'shutil') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "GW-PUNC-01" in out.stdout                       # the check really ran and found the half-width marks
    assert out.stdout.strip().splitlines()[-1] == "1 []"
