"""The .docx as LibreOffice lays it out: GB/T 9704 geometry measured with our own code (tests/pdfmeasure.py)."""

from __future__ import annotations

import collections
import statistics

import pytest
from pdfmeasure import full_line_counts, ink_rows, line_pitches, mean_pitch, read_pages, runs, to_pdf

from conftest import EXAMPLES
from drafter.pipeline import Drafting, load_case

CASE = EXAMPLES[0].parent / "provincial-plan.yaml"


@pytest.fixture(scope="session")
def laid_out(tmp_path_factory):
    """Every example document exported to .docx and converted to PDF once, by the real client."""
    out = tmp_path_factory.mktemp("docx")
    files = []
    for case in EXAMPLES:
        files += Drafting().export(load_case(case), out, "docx")
    pdfs = to_pdf(files, out)
    return {f.stem: (f, pdf, read_pages(pdf)) for f, pdf in zip(files, pdfs, strict=True)}


def _docs(laid_out, kinds=("notice", "speech"), case="provincial-plan"):
    return [(k, v) for k, v in laid_out.items() if any(k == f"{case}-{kind}" for kind in kinds)]


def test_every_example_document_on_the_grid(laid_out):
    """Every example document (not the large-print copy): 28 mm edge, 22-line pitch, 28 characters, 16 pt."""
    for name, (_, _, pages) in laid_out.items():
        if name.endswith("念稿"):
            continue
        body = [ln for p in pages for ln in p.lines if ln.size == 16.0]
        # the left edge: the leftmost x shared by several lines (a script of one-line paragraphs has more indented
        # first lines than lines at the edge, so the most common x is not the edge there)
        starts = collections.Counter(round(ln.x0) for ln in body)
        assert abs(min(x for x, c in starts.items() if c >= 3) - 28) <= 1, (name, starts)
        assert max(ln.x1_core for ln in body) <= 185, name
        assert abs(statistics.mode(x for p in pages for x in line_pitches(p)) - 28.95) < 0.3, name
        counts = full_line_counts(pages)
        assert counts and counts.most_common(1)[0][0] == 28, (name, counts)


def test_every_page_is_a4(laid_out):
    for name, (_, _, pages) in laid_out.items():
        for p in pages:
            assert abs(p.width - 210) < 1 and abs(p.height - 297) < 1, (name, p.number)


@pytest.mark.parametrize("kind", ["notice", "speech"])
def test_type_area_edges_and_22_lines(laid_out, kind):
    (_, (_, _, pages)), = _docs(laid_out, (kind,))
    body = [ln for p in pages for ln in p.lines if ln.size == 16.0]
    lefts = collections.Counter(round(ln.x0) for ln in body)
    assert abs(lefts.most_common(1)[0][0] - 28) <= 1, lefts           # 订口 28 mm
    assert max(ln.x1_core for ln in body) <= 184 + 1                     # 版心 156 mm wide
    # LibreOffice 7.4 ignores w:overflowPunct and may hang one closing mark past the edge (Word does not)
    assert max(ln.x1 for ln in body) <= 184 + 6
    assert max(ln.top for ln in body) < 262                              # nothing below the 版心
    pitch = mean_pitch(pages)
    assert abs(pitch - 28.95) < 0.05, pitch                              # 225 mm / 22 lines
    assert int(225 / (pitch / 72 * 25.4)) == 22
    per_page = collections.Counter(len([ln for ln in p.lines if ln.size == 16.0]) for p in pages)
    assert max(per_page) == 22, per_page    # a full page holds exactly 22 lines (keep-with-next may leave one short)


@pytest.mark.parametrize("kind", ["notice", "speech"])
def test_28_characters_on_full_lines(laid_out, kind):
    (_, (_, _, pages)), = _docs(laid_out, (kind,))
    counts = full_line_counts(pages)
    assert counts.most_common(1)[0][0] == 28, counts


def test_body_type_is_16pt(laid_out):
    (_, (_, _, pages)), = _docs(laid_out, ("notice",))
    sizes = collections.Counter(ln.size for p in pages for ln in p.lines for _ in ln.text)
    assert sizes.most_common(1)[0][0] == 16.0


def test_page_numbers_odd_right_even_left(laid_out):
    (_, (_, _, pages)), = _docs(laid_out, ("notice",))
    *body, imprint = pages
    assert any(ln.text.startswith("抄送：") for ln in imprint.lines)
    assert not imprint.footer or body[-1].lines   # §7.5: unnumbered after a blank page (test_docx_layout_word)
    for p in body:
        if not p.lines:              # the blank page before an even 版记 page: no number either
            assert not p.footer
            continue
        (num,) = p.footer
        assert num.text == f"—{p.number}—"               # "— N —" with U+2014 (spaces are not glyphs)
        assert num.size == 14.0                          # 4号
        if p.number % 2:
            assert abs(num.x1 - (184 - 4.94)) < 1        # 居右空一字
        else:
            assert abs(num.x0 - (28 + 4.94)) < 1         # 居左空一字
        assert 262 + 3 < num.top < 262 + 9               # 一字线 7 mm below the 版心


def test_speech_page_numbers_default_centred(tmp_path):
    text = CASE.read_text(encoding="utf-8").replace("      page_numbers: outside", "      page_numbers: auto")
    case = tmp_path / "c.yaml"
    case.write_text(text, encoding="utf-8")
    files = Drafting().export(load_case(case), tmp_path, "docx", "speech")
    (pdf,) = to_pdf(files[:1], tmp_path)
    for p in read_pages(pdf):
        (num,) = p.footer
        assert abs((num.x0 + num.x1) / 2 - 105) < 1.5


def test_banner_mark_number_and_red_rule(laid_out):
    (_, (_, pdf, pages)), = _docs(laid_out, ("notice",))
    red, dark, mm = ink_rows(pdf, 0)
    red_runs = runs(red)
    mark, rule = red_runs[0], red_runs[-1]
    assert abs(mark[0] * mm - 72) <= 1, mark[0] * mm                    # 标志 top edge 35 mm below the 版心 top
    number_ink = [r for r in runs(dark) if mark[1] < r[0] and r[1] < rule[0]]
    assert number_ink
    gap = (rule[0] - number_ink[-1][1]) * mm
    assert abs(gap - 4) <= 1, gap                                        # red rule 4 mm under the 文号
    (line,) = {(round(r["x0"]), round(r["x1"])) for r in pages[0].rules}
    assert line == (28, 184)                                             # as wide as the 版心
    assert all(r["color"][:3] == (1.0, 0.0, 0.0) for r in pages[0].rules)
    texts = [ln.text for ln in pages[0].lines]
    assert "陕环发〔2026〕18号" in texts


def test_imprint_rules_on_last_page(laid_out):
    (_, (_, _, pages)), = _docs(laid_out, ("notice",))
    last = pages[-1]
    rules = sorted((r for r in last.rules if r["width"] > 0.2), key=lambda r: r["top"])   # not the table grid
    assert len(rules) == 3
    assert all(round(r["x0"]) == 28 and round(r["x1"]) == 184 for r in rules)
    thick, thin, thick2 = (round(r["width"], 2) for r in rules)
    assert thick == thick2 and thick > thin and abs(thick - 0.35) < 0.05 and abs(thin - 0.26) < 0.05
    texts = [ln.text for ln in last.lines]
    assert any(t.startswith("抄送：") and t.endswith("。") for t in texts)
    assert any(t.endswith("2026年3月20日印发") for t in texts)


def test_plan_and_table_start_new_pages(laid_out):
    (_, (_, _, pages)), = _docs(laid_out, ("notice",))
    firsts = [p.lines[0].text for p in pages if p.lines]
    assert any(t.startswith("2026年全省生态环境保护工作实施方案") for t in firsts)
    assert "重点任务分解表" in firsts
    table_pages = [p for p in pages if p.lines and p.lines[0].text.startswith(("序号", "重点任务分解表"))]
    assert len(table_pages) >= 2                      # the header row repeats on every table page
    assert all(any(ln.text.startswith("序号") for ln in p.lines[:2]) for p in table_pages)


def test_reading_copy_is_large_print(laid_out):
    (_, (_, _, pages)), = _docs(laid_out, ("speech-念稿",))
    sizes = collections.Counter(ln.size for p in pages for ln in p.lines for _ in ln.text)
    assert sizes.most_common(1)[0][0] == 22.0
    body = [ln for p in pages for ln in p.lines if ln.size == 22.0]
    assert statistics.mode(round(b.bottom - a.bottom) for a, b in zip(body, body[1:], strict=False) if 0 < b.bottom - a.bottom < 60) == 45


def _signature_lines(pages):
    for p in pages:
        texts = [ln.text for ln in p.lines]
        if "陕西省生态环境厅" in texts and "2026年3月20日" in texts:
            return next(ln for ln in p.lines if ln.text == "陕西省生态环境厅"), next(ln for ln in p.lines if ln.text == "2026年3月20日")
    raise AssertionError("signature block not found")


def test_unsealed_signature_block(laid_out):
    """§7.3.5.2: 署名 右空二字 (or more), the date's first character two 字 right of the 署名's."""
    (_, (_, _, pages)), = _docs(laid_out, ("notice",))
    sig, date = _signature_lines(pages)
    char = 15.75 / 72 * 25.4
    assert abs((date.x0 - sig.x0) - 2 * char) < 1.0
    assert 184 - sig.x1 >= 2 * char - 1          # 署名 右空二字 (at least)
    assert date.x1 <= 184                         # the date stays inside the 版心 whatever face draws its digits


def test_sealed_signature_centred_over_date(tmp_path):
    text = CASE.read_text(encoding="utf-8").replace("      task_table: true", "      task_table: true\n      seal: sealed")
    case = tmp_path / "c.yaml"
    case.write_text(text, encoding="utf-8")
    files = Drafting().export(load_case(case), tmp_path, "docx", "notice")
    (pdf,) = to_pdf(files, tmp_path)
    sig, date = _signature_lines(read_pages(pdf))
    char = 15.75 / 72 * 25.4
    assert abs((184 - date.x1) - 4 * char) < 1.0                       # 成文日期 右空四字
    # 署名 centred over the date as drafter sizes it (digits ½ 字, as in 仿宋 and Times New Roman); a fallback
    # face that draws digits wider moves the real centre by half the difference
    from drafter.render.title_wrap import width
    intended = 184 - 4 * char - width("2026年3月20日") * char / 2
    assert abs((sig.x0 + sig.x1) / 2 - intended) < 1.0
    assert date.top - sig.top < 12                                       # directly above it
