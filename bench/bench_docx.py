"""Benchmark (not a timed test): the largest example to .docx, drafter vs docxtpl on the same content.

drafter: case → tree → styled .docx (in one process, N times). docxtpl: a Jinja-in-Word template built
here for the purpose, filled with the same strings (the plan's numbered sections and tasks), N times.
Also the whole-process time of `drafter render --to docx`.

Run: .venv/bin/pip install -e ".[bench]" && .venv/bin/python bench/bench_docx.py [N]
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "provincial-plan.yaml"


def _median_ms(fn, n: int) -> float:
    fn()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def docxtpl_template() -> bytes:
    """A docxtpl template with one paragraph per element, loops written as {%p %} paragraphs."""
    import docx

    d = docx.Document()
    for line in (
        "{{ mark }}", "{{ number }}", "{{ title }}", "{{ recipients }}", "{{ purpose }}", "{{ issue }}",
        "{{ signature }}", "{{ date }}", "{{ plan_title }}", "{{ preamble }}",
        "{%p for s in sections %}", "{{ s.heading }}",
        "{%p for item in s.entries %}", "{{ item }}", "{%p endfor %}",
        "{%p endfor %}",
        "{{ cc }}", "{{ printer }}",
    ):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def same_content():
    """The notice's strings, taken from drafter's own tree so both tools print identical text."""
    from drafter.doctree import nodes as n
    from drafter.pipeline import Drafting, load_case

    tree = Drafting().build(load_case(CASE), "notice")[0]
    texts = []
    sections: list[dict] = []
    for b in tree.blocks:
        if isinstance(b, n.Heading) and b.level == 1:
            sections.append({"heading": b.label, "entries": []})
        elif sections and isinstance(b, (n.Heading, n.Paragraph)):
            sections[-1]["entries"].append(b.full_text if isinstance(b, n.Heading) else b.text)
        elif sections and isinstance(b, n.Enumeration):
            sections[-1]["entries"].extend(b.paragraphs())
        elif hasattr(b, "text"):
            texts.append(b.text)
    meta = tree.meta
    return {
        "mark": meta["mark"], "number": meta["number"], "title": texts[0], "recipients": texts[1],
        "purpose": texts[2], "issue": texts[3], "signature": texts[4], "date": texts[5], "plan_title": texts[6],
        "preamble": texts[7], "sections": sections, "cc": meta.get("cc", ""), "printer": meta.get("printer", ""),
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    from drafter.pipeline import Drafting, load_case

    drafting = Drafting()
    cf = load_case(CASE)
    ours = _median_ms(lambda: drafting.render(cf, "docx", "notice"), n)
    ours_tree = _median_ms(lambda: drafting.build(cf, "notice"), n)
    print(f"drafter: notice (+plan, 32 tasks, table) to .docx: {ours:.1f} ms per document (tree alone {ours_tree:.2f} ms)")

    try:
        from docxtpl import DocxTemplate
    except ImportError:
        print("docxtpl not installed: pip install -e '.[bench]'")
        return
    template, context = docxtpl_template(), same_content()

    def with_docxtpl():
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)

    theirs = _median_ms(with_docxtpl, n)
    print(f"docxtpl: same content, no styling or layout: {theirs:.1f} ms per document")
    print(f"ratio docxtpl / drafter: {theirs / ours:.2f} (above 1 means drafter is faster)")

    with tempfile.TemporaryDirectory() as out:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "drafter", "render", str(CASE), "--to", "docx", "-o", out],
                           check=True, capture_output=True)
            times.append((time.perf_counter() - t) * 1000)
    print(f"whole process `drafter render --to docx` (3 files): {statistics.median(times):.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
